/* test_outage.c — forced outages (outage.h) against values known without
 * the code: the capacity outage probability table worked by hand, the
 * Markov chain's long-run unavailability and mean outage duration against
 * FOR and MTTR, and the loss-of-load probability of simulated units (alone
 * and through a whole run of the dispatch) against the exact convolution.
 * Every random check is deterministic (fixed streams); its tolerance is 4
 * standard errors, stated with the figures it uses. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>

#include "config.h"
#include "outage.h"
#include "rng.h"
#include "sim.h"

#define TWO_UNIT_CFG "data/adequacy/two-unit.cfg"

/* By hand. Two 100 MW units, q = 0.05: P(0 out) = 0.9025, P(one) = 0.095,
 * P(both) = 0.0025. A 100 MW and a 50 MW unit (q 0.05, 0.1): available 150
 * with 0.855, 100 with 0.095, 50 with 0.045, 0 with 0.005. */
static void copt_by_hand(void)
{
    const double c2[] = { 100, 100 }, q2[] = { 0.05, 0.05 };
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c2, q2, 2, 150), 0.0975, 1e-15);   /* 1 - 0.95^2 */
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c2, q2, 2, 50), 0.0025, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c2, q2, 2, 100), 0.0025, 1e-15);   /* 100 available is enough */
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c2, q2, 2, 201), 1.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c2, q2, 2, 0), 0.0, 1e-15);
    const double c3[] = { 100, 50 }, q3[] = { 0.05, 0.1 };
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c3, q3, 2, 120), 0.145, 1e-15);    /* 0.095 + 0.045 + 0.005 */
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(c3, q3, 2, 60), 0.05, 1e-15);      /* 0.045 + 0.005 */
    const double bad[] = { -1 };
    CU_ASSERT(outage_copt_lolp(bad, q3, 1, 10) < 0);
}

static void chain_rejects(void)
{
    OutageChain c;
    CU_ASSERT_EQUAL(outage_chain(0.05, 0.5, &c), -1);   /* MTTR under an hour */
    CU_ASSERT_EQUAL(outage_chain(1.0, 10, &c), -1);
    CU_ASSERT_EQUAL(outage_chain(0.9, 1, &c), -1);      /* p_fail = 1 x 0.9 / 0.1 = 9 */
    CU_ASSERT_EQUAL(outage_chain(0.5, 1, &c), 0);       /* p_fail = 1: the edge */
}

/* One 1 MW unit, FOR 0.05, MTTR 20 h, over 2 million hours. The hourly
 * indicator is a two-state chain with lag-1 correlation rho = 1 - p_f - p_r
 * = 1 - 0.05/19 - 0.05 = 0.947368, so the fraction of hours out has
 * standard error sqrt(0.05 x 0.95 x (1 + rho) / (1 - rho) / N) = 0.00094;
 * ~5000 outages of geometric length (sd sqrt(1 - p_r) / p_r = 19.5 h) give
 * the mean duration a standard error of 19.5 / sqrt(5000) = 0.28 h. */
static void chain_matches_for_and_mttr(void)
{
    enum { N = 2000000 };
    OutageChain c;
    CU_ASSERT_EQUAL_FATAL(outage_chain(0.05, 20, &c), 0);
    CU_ASSERT_DOUBLE_EQUAL(c.p_repair, 0.05, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(c.p_fail / (c.p_fail + c.p_repair), 0.05, 1e-15);
    double *a = malloc(N * sizeof *a);
    gsl_rng *r = rng_stream(1, 0, 5);
    CU_ASSERT_FATAL(a && r);
    const double cap = 1.0;
    outage_sample(&c, &cap, 1, N, r, a);
    long out = 0, episodes = 0;
    for (long h = 0; h < N; h++) {
        if (a[h] == 0.0) {
            out++;
            if (h == 0 || a[h - 1] != 0.0) episodes++;
        } else CU_ASSERT_EQUAL(a[h], 1.0);
    }
    double frac = (double)out / N, mean_len = (double)out / (double)episodes;
    CU_ASSERT_DOUBLE_EQUAL(frac, 0.05, 4 * 0.00094);
    CU_ASSERT_DOUBLE_EQUAL(mean_len, 20.0, 4 * 0.28);
    /* FOR 0: nothing drawn, every hour the whole capacity. */
    OutageChain off;
    CU_ASSERT_EQUAL_FATAL(outage_chain(0.0, 20, &off), 0);
    const double caps[] = { 100, 50 };
    outage_sample(&off, caps, 2, 100, r, a);
    CU_ASSERT_EQUAL(a[0], 150.0);
    CU_ASSERT_EQUAL(a[99], 150.0);
    gsl_rng_free(r);
    free(a);
}

/* Every hour of a sampled year is stationary, the first included: over
 * S = 40000 independent streams of one unit (FOR 0.05, MTTR 100 h: a slow
 * chain, which a start in the up state would bias for hundreds of hours),
 * the share of streams down in hours 0, 23 and 47 is FOR within 4 standard
 * errors of a binomial share, sqrt(0.05 x 0.95 / 40000) = 0.00109. A chain
 * started up would be down with 0, 0.0108 and 0.0196 (FOR (1 - (1 - p_f -
 * p_r)^h)). */
static void chain_stationary_every_hour(void)
{
    enum { S = 40000, H = 48 };
    OutageChain c;
    CU_ASSERT_EQUAL_FATAL(outage_chain(0.05, 100, &c), 0);
    double *a = malloc(H * sizeof *a);
    CU_ASSERT_FATAL(a != NULL);
    const double cap = 1.0;
    long down0 = 0, down23 = 0, down_last = 0;
    for (int k = 0; k < S; k++) {
        gsl_rng *r = rng_stream(11, (unsigned long)k + 1, 5);
        CU_ASSERT_FATAL(r != NULL);
        outage_sample(&c, &cap, 1, H, r, a);
        gsl_rng_free(r);
        down0 += a[0] == 0.0;
        down23 += a[23] == 0.0;
        down_last += a[H - 1] == 0.0;
    }
    const double se = sqrt(0.05 * 0.95 / S);
    CU_ASSERT_DOUBLE_EQUAL((double)down0 / S, 0.05, 4 * se);
    CU_ASSERT_DOUBLE_EQUAL((double)down23 / S, 0.05, 4 * se);
    CU_ASSERT_DOUBLE_EQUAL((double)down_last / S, 0.05, 4 * se);
    free(a);
}

/* Two 100 MW units (FOR 0.05, MTTR 20 h) against a flat 150 MW load: the
 * hours short in a year (any unit out) over B = 3000 independent streams,
 * against the exact mean 8760 (1 - 0.95^2) = 854.1 h and the exact sd of
 * the year's count, from the chain's autocovariance: with a = P(unit up) =
 * 0.95 and lambda = 1 - p_f - p_r, P(a unit up in hours h and h + k) =
 * a (a + (1 - a) lambda^k), so Cov(short_h, short_h+k) = that squared less
 * a^4, summed over the year's pairs: sd = 167.62 h. Tolerances: 4 standard
 * errors of the mean (sd / sqrt(B) = 3.06 h) and of the sd (about sd /
 * sqrt(2 B) = 2.16 h). Over 200 000 streams (seeds 1..200000, member 0) the
 * mean is 853.93 +- 0.37 h and the sd 167.35 h (docs/adequacy.md). */
static void two_units_year_exact_mean_and_sd(void)
{
    enum { B = 3000, H = 8760 };
    OutageChain c;
    CU_ASSERT_EQUAL_FATAL(outage_chain(0.05, 20, &c), 0);
    const double a = 0.95, lambda = 1 - c.p_fail - c.p_repair;
    double var = 0, lk = 1;
    for (int k = 0; k < H; k++, lk *= lambda) {
        double uu = a * (a + (1 - a) * lk);
        var += (uu * uu - a * a * a * a) * (k == 0 ? H : 2.0 * (H - k));
    }
    const double mean_exact = H * (1 - a * a), sd_exact = sqrt(var);
    CU_ASSERT_DOUBLE_EQUAL(sd_exact, 167.62, 0.01);
    double *x = malloc(H * sizeof *x);
    CU_ASSERT_FATAL(x != NULL);
    const double cap[] = { 100, 100 };
    double sum = 0, sum2 = 0;
    for (int b = 0; b < B; b++) {
        gsl_rng *r = rng_stream(3, (unsigned long)b + 1, 5);
        CU_ASSERT_FATAL(r != NULL);
        outage_sample(&c, cap, 2, H, r, x);
        gsl_rng_free(r);
        int n = 0;
        for (int h = 0; h < H; h++) n += x[h] < 150;
        sum += n;
        sum2 += (double)n * n;
    }
    double mean = sum / B, sd = sqrt((sum2 - B * mean * mean) / (B - 1));
    CU_ASSERT_DOUBLE_EQUAL(mean, mean_exact, 4 * sd_exact / sqrt((double)B));
    CU_ASSERT_DOUBLE_EQUAL(sd, sd_exact, 4 * sd_exact / sqrt(2.0 * B));
    free(x);
}

/* Five units (200, 100, 100, 50, 50 MW; FOR 0.08, MTTR 10 h) against a flat
 * load: the share of simulated hours short against the exact COPT. 200
 * batches (members) of 8760 h; the standard error is that of the batch
 * means (independent streams). */
static void simulated_matches_copt(double load)
{
    enum { B = 200, H = 8760 };
    const double cap[] = { 200, 100, 100, 50, 50 }, q[] = { 0.08, 0.08, 0.08, 0.08, 0.08 };
    double exact = outage_copt_lolp(cap, q, 5, load);
    OutageChain c;
    CU_ASSERT_EQUAL_FATAL(outage_chain(0.08, 10, &c), 0);
    double *a = malloc(H * sizeof *a);
    CU_ASSERT_FATAL(a != NULL);
    double sum = 0, sum2 = 0;
    for (int b = 0; b < B; b++) {
        gsl_rng *r = rng_stream(7, (unsigned long)b + 1, 5);
        CU_ASSERT_FATAL(r != NULL);
        outage_sample(&c, cap, 5, H, r, a);
        gsl_rng_free(r);
        int short_h = 0;
        for (int h = 0; h < H; h++) short_h += a[h] < load;
        double p = short_h / (double)H;
        sum += p;
        sum2 += p * p;
    }
    double mean = sum / B, sd = sqrt((sum2 - B * mean * mean) / (B - 1)), se = sd / sqrt((double)B);
    CU_ASSERT(se > 0);
    CU_ASSERT_DOUBLE_EQUAL(mean, exact, 4 * se);
    free(a);
}

static void five_units_vs_copt(void)
{
    /* Just under the total, any outage is short: 1 - 0.92^5. */
    const double cap[] = { 200, 100, 100, 50, 50 }, q[] = { 0.08, 0.08, 0.08, 0.08, 0.08 };
    CU_ASSERT_DOUBLE_EQUAL(outage_copt_lolp(cap, q, 5, 499), 1 - pow(0.92, 5), 1e-12);
    simulated_matches_copt(380);
    simulated_matches_copt(300);
    simulated_matches_copt(180);
}

/* The whole run: two 100 MW units (FOR 0.05, MTTR 20 h), a flat 150 MW load
 * and nothing else (tests/data/adequacy/two-unit.cfg). LOLE = 0.0975 x 8760
 * = 854.1 h/yr and EENS = 50 MW x 854.1 h (the shortfall is 50 MW with one
 * unit out, 150 MW with both: + 100 x 0.0025 x 8760 = 2190 MWh) = 44895 MWh.
 * 60 members; standard error from the members' spread. */
static void two_unit_run(void)
{
    enum { M = 60 };
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res && run);
    CU_ASSERT_EQUAL_FATAL(config_load(TWO_UNIT_CFG, s, &d), ST_OK);
    double sl = 0, sl2 = 0, se_ = 0, se2 = 0;
    for (int m = 1; m <= M; m++) {
        CU_ASSERT_EQUAL_FATAL(sim_run(run, s, (unsigned long)m, NULL, res, &d), ST_OK);
        const AnnualRow *row = &res->rows[0];
        CU_ASSERT_DOUBLE_EQUAL(row->lolp, row->lole_h / 8760.0, 1e-15);
        CU_ASSERT_DOUBLE_EQUAL(row->eens_mwh, row->unserved_mwh, 0);
        sl += row->lole_h;
        sl2 += row->lole_h * row->lole_h;
        se_ += row->eens_mwh;
        se2 += row->eens_mwh * row->eens_mwh;
    }
    double ml = sl / M, me = se_ / M;
    double sel = sqrt((sl2 - M * ml * ml) / (M - 1) / M), see = sqrt((se2 - M * me * me) / (M - 1) / M);
    CU_ASSERT_DOUBLE_EQUAL(ml, 0.0975 * 8760, 4 * sel);
    CU_ASSERT_DOUBLE_EQUAL(me, 50 * 0.0975 * 8760 + 100 * 0.0025 * 8760, 4 * see);
    /* Outages off: no hour short. */
    s->coal_power.forced_outage_frac = 0;
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 1, NULL, res, &d), ST_OK);
    CU_ASSERT_EQUAL(res->rows[0].lole_h, 0);
    run_free(run);
    free(res);
    free(s);
}

void register_test_outage(void);
void register_test_outage(void)
{
    CU_pSuite s = CU_add_suite("test_outage", NULL, NULL);
    CU_add_test(s, "COPT by hand", copt_by_hand);
    CU_add_test(s, "chain rejects", chain_rejects);
    CU_add_test(s, "chain: unavailability FOR, mean outage MTTR", chain_matches_for_and_mttr);
    CU_add_test(s, "chain: every hour stationary, the first included", chain_stationary_every_hour);
    CU_add_test(s, "two units: a year's short hours, exact mean and sd", two_units_year_exact_mean_and_sd);
    CU_add_test(s, "five units: simulation vs COPT", five_units_vs_copt);
    CU_add_test(s, "two-unit run: LOLE and EENS vs convolution", two_unit_run);
}
