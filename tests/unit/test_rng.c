/* test_rng.c — deterministic random streams: the reference MT19937 output,
 * reproducibility, independence of the keys, and the stream convention. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* Matsumoto and Nishimura's mt19937ar.c (2002) prints, for
 * init_by_array({0x123, 0x234, 0x345, 0x456}, 4), the outputs of
 * genrand_int32() in mt19937ar.out; these are the first ten. Matching them
 * also shows that the GSL state layout is the one rng.c writes. */
static void reference_output(void)
{
    static const unsigned long expect[10] = {
        1067595299UL, 955945823UL, 477289528UL, 4107218783UL, 4228976476UL,
        3344332714UL, 3355579695UL, 227628506UL, 810200273UL, 2591290167UL
    };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const unsigned long key[4] = { 0x123, 0x234, 0x345, 0x456 };
    CU_ASSERT_EQUAL_FATAL(rng_seed_mt19937_by_array(r, key, 4), 0);
    for (int i = 0; i < 10; i++) CU_ASSERT_EQUAL(gsl_rng_get(r), expect[i]);
    gsl_rng_free(r);

    gsl_rng *other = gsl_rng_alloc(gsl_rng_taus2);     /* wrong type: refused */
    CU_ASSERT_EQUAL(rng_seed_mt19937_by_array(other, key, 4), -1);
    gsl_rng_free(other);
}

static int same_sequence(gsl_rng *a, gsl_rng *b, int n)
{
    for (int i = 0; i < n; i++)
        if (gsl_rng_get(a) != gsl_rng_get(b)) return 0;
    return 1;
}

static int check_pair(unsigned long s1, unsigned long r1, unsigned long t1,
                      unsigned long s2, unsigned long r2, unsigned long t2)
{
    gsl_rng *a = rng_stream(s1, r1, t1), *b = rng_stream(s2, r2, t2);
    int same = a && b && same_sequence(a, b, 2000);
    gsl_rng_free(a);
    gsl_rng_free(b);
    return same;
}

static void reproducible_and_distinct(void)
{
    gsl_rng *r = rng_stream(20210101UL, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(gsl_rng_name(r), "mt19937");
    gsl_rng_free(r);

    CU_ASSERT(check_pair(7, 3, 2020 * 16 + 1, 7, 3, 2020 * 16 + 1));
    CU_ASSERT(!check_pair(7, 3, 5, 8, 3, 5));     /* seed */
    CU_ASSERT(!check_pair(7, 3, 5, 7, 4, 5));     /* run */
    CU_ASSERT(!check_pair(7, 3, 5, 7, 3, 6));     /* stream */
    CU_ASSERT(!check_pair(7, 3, 5, 7, 5, 3));     /* keys are not symmetric */
    CU_ASSERT(!check_pair(0, 0, 0, 0, 0, 1));
    CU_ASSERT(!check_pair(1UL << 40, 0, 0, 0, 0, 0)); /* all 64 bits of a key count */

    /* The environment is never read (no gsl_rng_env_setup). */
    gsl_rng *before = rng_stream(99, 1, 2);
    setenv("GSL_RNG_TYPE", "taus", 1);
    setenv("GSL_RNG_SEED", "12345", 1);
    gsl_rng *after = rng_stream(99, 1, 2);
    unsetenv("GSL_RNG_TYPE");
    unsetenv("GSL_RNG_SEED");
    CU_ASSERT(before && after && same_sequence(before, after, 1000));
    gsl_rng_free(before);
    gsl_rng_free(after);
}

/* Adjacent streams behave as independent uniform sequences: with n = 200000
 * draws the mean of U(0,1) has sd 0.2887/sqrt(n) = 6.5e-4 and the sample
 * correlation of two independent streams has sd 1/sqrt(n) = 2.2e-3; the
 * bounds are 5 sd. */
static void streams_look_independent(void)
{
    enum { N = 200000 };
    gsl_rng *a = rng_stream(1, 0, 2024 * RNG_STREAMS_PER_YEAR + RNG_PURPOSE_WIND);
    gsl_rng *b = rng_stream(1, 0, 2024 * RNG_STREAMS_PER_YEAR + RNG_PURPOSE_SOLAR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < N; i++) {
        double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
        sa += x; sb += y; sab += x * y; saa += x * x; sbb += y * y;
    }
    double ma = sa / N, mb = sb / N;
    double corr = (sab / N - ma * mb) / sqrt((saa / N - ma * ma) * (sbb / N - mb * mb));
    CU_ASSERT_DOUBLE_EQUAL(ma, 0.5, 5 * 6.5e-4);
    CU_ASSERT_DOUBLE_EQUAL(mb, 0.5, 5 * 6.5e-4);
    CU_ASSERT_DOUBLE_EQUAL(corr, 0.0, 5 * 2.24e-3);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static void stream_convention(void)
{
    CU_ASSERT(RNG_PURPOSE_WIND != RNG_PURPOSE_SOLAR);
    CU_ASSERT(RNG_PURPOSE_SOLAR != RNG_PURPOSE_TEMPERATURE);
    CU_ASSERT(RNG_PURPOSE_WIND != RNG_PURPOSE_TEMPERATURE);
    CU_ASSERT(RNG_PURPOSE_TEMPERATURE < RNG_STREAMS_PER_YEAR);
    CU_ASSERT_EQUAL(RNG_STREAMS_PER_YEAR, 16);
}

void register_test_rng(void);
void register_test_rng(void)
{
    CU_pSuite s = CU_add_suite("test_rng", NULL, NULL);
    CU_add_test(s, "MT19937 reference output", reference_output);
    CU_add_test(s, "reproducible and distinct streams", reproducible_and_distinct);
    CU_add_test(s, "streams look independent", streams_look_independent);
    CU_add_test(s, "stream convention", stream_convention);
}
