/* test_ensemble.c — the statistics of ensembles (ensstat.c) against values
 * known independently: quantiles of 1..N and of a shuffled sample (type 7:
 * 1 + (N - 1) p for 1..N; numpy.percentile([1,2,3,4], 40) = 2.2), Wilson
 * intervals from Newcombe (1998, Stat. Med. 17:857, table II), Wilson
 * coverage on a Bernoulli case by simulation, and Newcombe's paired
 * interval computed by hand from its formula. The run-level checks (order,
 * -j, seeds, a target at the median) are in tests/ensemble.sh. */
#include <CUnit/CUnit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "ensstat.h"

static void quantiles_of_1_to_n(void)
{
    double x[101];
    for (int i = 0; i < 101; i++) x[i] = i + 1;
    /* type 7 on 1..N: h = (N - 1) p, the value 1 + h */
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 0.10), 11, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 0.50), 51, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 0.90), 91, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 0.05), 6, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 0.0), 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 101, 1.0), 101, 0);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 10, 0.25), 3.25, 1e-12);   /* h = 2.25 */
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 4, 0.40), 2.2, 1e-12);     /* numpy's default */
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 1, 0.9), 1, 0);
    CU_ASSERT(isnan(ens_quantile(x, 0, 0.5)));
}

static void quantiles_of_shuffled(void)
{
    /* 0.5, 1.5, ..., 49.5 in a fixed shuffled order: i*7 mod 50 is a permutation */
    double x[50];
    for (int i = 0; i < 50; i++) x[i] = (double)((i * 7) % 50) + 0.5;
    ens_sort(x, 50);
    for (int i = 0; i < 50; i++) CU_ASSERT_DOUBLE_EQUAL(x[i], i + 0.5, 0);
    /* h = 49 p: P10 = 4.9 -> 5.4; P90 = 44.1 -> 44.6; P50 = 24.5 -> 25.0 */
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 50, 0.10), 5.4, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 50, 0.50), 25.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ens_quantile(x, 50, 0.90), 44.6, 1e-12);
}

static void wilson_published(void)
{
    /* Newcombe 1998, table II, method 3 (Wilson score, 95 %) */
    static const struct { long k, n; double lo, hi; } c[] = {
        { 81, 263, 0.2553, 0.3662 }, { 15, 148, 0.0624, 0.1605 }, { 0, 20, 0.0, 0.1611 },
        { 1, 29, 0.0061, 0.1718 },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        double lo, hi;
        ens_wilson(c[i].k, c[i].n, ENS_Z95, &lo, &hi);
        CU_ASSERT_DOUBLE_EQUAL(lo, c[i].lo, 5e-5);
        CU_ASSERT_DOUBLE_EQUAL(hi, c[i].hi, 5e-5);
    }
    double lo, hi;
    ens_wilson(20, 20, ENS_Z95, &lo, &hi);   /* the mirror of 0/20 */
    CU_ASSERT_DOUBLE_EQUAL(lo, 1 - 0.1611, 5e-5);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1, 0);
    ens_wilson(0, 0, ENS_Z95, &lo, &hi);
    CU_ASSERT(lo == 0 && hi == 1);
}

/* n = 50, p = 0.3: the exact coverage, summed over the binomial, is 0.9567;
 * 4000 simulated trials have a standard error of 0.0032, so the estimate
 * lies in 0.9567 +- 0.0128 (4 standard errors). */
static void wilson_coverage(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    gsl_rng_set(r, 20210101);
    const int trials = 4000, n = 50;
    const double p = 0.3;
    int covered = 0;
    for (int t = 0; t < trials; t++) {
        long k = (long)gsl_ran_binomial(r, p, (unsigned)n);
        double lo, hi;
        ens_wilson(k, n, ENS_Z95, &lo, &hi);
        covered += lo <= p && p <= hi;
    }
    gsl_rng_free(r);
    double cov = (double)covered / trials;
    CU_ASSERT(cov > 0.9567 - 0.0128 && cov < 0.9567 + 0.0128);
}

static void newcombe_paired(void)
{
    /* Newcombe 1998 (Stat. Med. 17:2635) example a: 36 both, 12 first only,
     * 2 second only, 0 neither; method 10 by hand from the formula (Wilson
     * limits of 48/50 and 38/50, phi = -24 / sqrt(48 2 38 12)): 0.0569 to 0.3404 */
    double lo, hi;
    ens_newcombe_paired(36, 12, 2, 0, ENS_Z95, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.0569, 5e-5);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.3404, 5e-5);
    /* swapping the two proportions mirrors the interval */
    double lo2, hi2;
    ens_newcombe_paired(36, 2, 12, 0, ENS_Z95, &lo2, &hi2);
    CU_ASSERT_DOUBLE_EQUAL(lo2, -hi, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi2, -lo, 1e-12);
    /* identical pairs: difference 0, an interval around it within [-1, 1] */
    ens_newcombe_paired(10, 0, 0, 10, ENS_Z95, &lo, &hi);
    CU_ASSERT(lo < 0 && hi > 0 && lo >= -1 && hi <= 1);
    /* every member flips from not met to met: difference 1; phi = 0 (an empty
     * margin), so the lower limit is 1 - sqrt(2) x 0.16113 (the Wilson
     * distance of 0/20 and 20/20) = 0.77213 */
    ens_newcombe_paired(0, 20, 0, 0, ENS_Z95, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 1 - sqrt(2) * 0.161125158, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1, 0);
}

void register_test_ensemble(void);
void register_test_ensemble(void)
{
    CU_pSuite s = CU_add_suite("test_ensemble", NULL, NULL);
    CU_add_test(s, "type-7 quantiles of 1..N", quantiles_of_1_to_n);
    CU_add_test(s, "quantiles of a shuffled sample", quantiles_of_shuffled);
    CU_add_test(s, "Wilson intervals, published values", wilson_published);
    CU_add_test(s, "Wilson coverage on a Bernoulli case", wilson_coverage);
    CU_add_test(s, "Newcombe's paired interval", newcombe_paired);
}
