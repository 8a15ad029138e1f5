/* test_elcc.c — the capacity credit (elcc.h) against answers known without
 * the code: the LOLE with a firm unit by hand, the exact 50 MW credit of
 * storage on the two-unit system (docs/adequacy.md, Validation), the exact
 * 0 of storage that is empty all year, every year of a two-year plan, the
 * members being those of an ensemble (sim_run with member m), the load
 * calibration, and the input a credit cannot be found for. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>

#include "config.h"
#include "elcc.h"
#include "sim.h"

#define TWO_UNIT_CFG "data/adequacy/two-unit.cfg"

/* The LOLE of a firm unit of F MW dispatched last: hours with unserved > F. */
static void lole_with_firm_by_hand(void)
{
    const double u[] = { 0, 10, 50, 49.9, 0, 150, 1e-12 };
    CU_ASSERT_EQUAL(elcc_lole_with_firm(u, 7, 0), 4);   /* 1e-12 is below the 1e-9 threshold */
    CU_ASSERT_EQUAL(elcc_lole_with_firm(u, 7, 10), 3);
    CU_ASSERT_EQUAL(elcc_lole_with_firm(u, 7, 49.95), 2);
    CU_ASSERT_EQUAL(elcc_lole_with_firm(u, 7, 150), 0);
}

static void tech_names(void)
{
    TechId t;
    CU_ASSERT_EQUAL(elcc_tech_parse("solar", &t), 0);
    CU_ASSERT_EQUAL(t, TECH_SOLAR);
    CU_ASSERT_STRING_EQUAL(elcc_tech_name(TECH_STORAGE), "storage");
    CU_ASSERT_EQUAL(elcc_tech_parse("coal", &t), -1);
    CU_ASSERT_PTR_NULL(elcc_tech_name(TECH_COAL_POWER));
}

/* The two-unit system (flat 150 MW, two 100 MW units, FOR 0.05) with the
 * sets, and storage of 10000 h (set here: the file allows at most 168 h). */
static Scenario *two_unit(const char *const *sets, int n)
{
    Scenario *s = malloc(sizeof *s);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_EQUAL_FATAL(config_load_with(TWO_UNIT_CFG, sets, n, s, &d), ST_OK);
    s->storage.duration_h = 10000;
    return s;
}

static ElccSpec storage_spec(int runs, int year)
{
    ElccSpec spec = { { TECH_STORAGE }, 1, runs, year, 0.01, 0 };
    return spec;
}

/* Without storage, the LOLE with a firm unit of F MW is a two-step
 * function: every hour with a unit out for F < 50, only the hours with both
 * out for 50 <= F < 150 (the gaps are 50 and 150 MW). With it, the both-out
 * hours stay short (100 MW after 50 MW of storage), and the one-out hours
 * are short only once the storage has run dry (renewable-first discharges
 * it before coal in every hour: 5000 h x 50 MW empties the 250 000 MWh it
 * starts with by mid-year), so LOLE_with lies strictly between the steps:
 * ELCC = 50 MW (bisection width 0.5 MW) in every member, so also pooled and
 * at every quantile. The members are those of an ensemble: member m's
 * LOLE_with is the lole_h of sim_run(member m). */
static void storage_credit_is_50(void)
{
    const char *sets[] = { "storage.power_mw=50" };
    Scenario *s = two_unit(sets, 1);
    ElccResult r;
    Diag d;
    diag_init(&d);
    ElccSpec spec = storage_spec(8, 0);
    CU_ASSERT_EQUAL_FATAL(elcc_compute(s, &spec, &r, &d), ST_OK);
    CU_ASSERT_EQUAL(r.n, 8);
    CU_ASSERT_EQUAL_FATAL(r.n_years, 1);
    const ElccRow *w = elcc_row(&r, 0, 0);
    CU_ASSERT_EQUAL(w->year, 2021);
    CU_ASSERT_DOUBLE_EQUAL(w->nameplate_mw, 50, 0);
    CU_ASSERT(w->pooled_mw >= 50 && w->pooled_mw <= 50.5);
    CU_ASSERT(w->p10_mw >= 50 && w->p90_mw <= 50.5 && w->p10_mw <= w->p50_mw && w->p50_mw <= w->p90_mw);
    CU_ASSERT(w->min_mw >= 50 && w->max_mw <= 50.5);
    CU_ASSERT_EQUAL(w->capped, 0);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    CU_ASSERT_FATAL(res && run);
    double sum = 0;
    for (int m = 0; m < r.n; m++) {
        CU_ASSERT(r.lole_with[m] > 0 && r.lole_with[m] < r.lole_without[m]);
        CU_ASSERT(r.elcc_mw[m] >= 50 && r.elcc_mw[m] <= 50.5);
        CU_ASSERT_EQUAL_FATAL(sim_run(run, s, (unsigned long)m + 1, NULL, res, &d), ST_OK);
        CU_ASSERT_EQUAL(r.lole_with[m], res->rows[0].lole_h);
        sum += res->rows[0].lole_h;
    }
    CU_ASSERT_DOUBLE_EQUAL(w->lole_with_h, sum / r.n, 1e-12);
    run_free(run);
    free(res);
    elcc_free(&r);
    free(s);
}

/* Two years, storage in both: 2021 as above (50 MW). At the start of 2022
 * the storage is as dry as at the end of 2021 and never charges (coal at
 * its 0 floor leaves no surplus), so it serves nothing: LOLE_with =
 * LOLE_without in every member and the credit is exactly 0. Storage built
 * only in 2022 starts that year half full: 2022 is 50 MW, 2021 has no
 * capacity (no credit, asking for it alone is an error). */
static void every_year(void)
{
    const char *sets[] = { "scenario.last_year=2022", "storage.power_mw=50" };
    Scenario *s = two_unit(sets, 2);
    ElccResult r;
    Diag d;
    diag_init(&d);
    ElccSpec spec = storage_spec(4, 0);
    CU_ASSERT_EQUAL_FATAL(elcc_compute(s, &spec, &r, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(r.n_years, 2);
    CU_ASSERT_EQUAL(r.first_year, 2021);
    const ElccRow *a = elcc_row(&r, 0, 0), *b = elcc_row(&r, 0, 1);
    CU_ASSERT(a->pooled_mw >= 50 && a->pooled_mw <= 50.5);
    CU_ASSERT_EQUAL(b->year, 2022);
    CU_ASSERT_EQUAL(b->pooled_mw, 0);
    CU_ASSERT_EQUAL(b->p90_mw, 0);
    for (int m = 0; m < r.n; m++) CU_ASSERT_EQUAL(r.lole_with[r.n + m], r.lole_without[r.n + m]);
    elcc_free(&r);
    free(s);

    const char *later[] = { "scenario.last_year=2022", "storage.power_mw=((2021, 0.0), (2022, 50.0))" };
    s = two_unit(later, 2);
    CU_ASSERT_EQUAL_FATAL(elcc_compute(s, &spec, &r, &d), ST_OK);
    CU_ASSERT_EQUAL(elcc_row(&r, 0, 0)->nameplate_mw, 0);
    b = elcc_row(&r, 0, 1);
    CU_ASSERT(b->pooled_mw >= 50 && b->pooled_mw <= 50.5);
    elcc_free(&r);
    spec.year = 2021;
    CU_ASSERT_EQUAL(elcc_compute(s, &spec, &r, &d), ST_USAGE);   /* no storage in 2021 */
    elcc_free(&r);
    spec.year = 2023;
    CU_ASSERT_EQUAL(elcc_compute(s, &spec, &r, &d), ST_USAGE);   /* outside 2021-2022 */
    elcc_free(&r);
    spec.year = 0;
    spec.tech[1] = TECH_WIND;
    spec.n_tech = 2;
    CU_ASSERT_EQUAL(elcc_compute(s, &spec, &r, &d), ST_USAGE);   /* no wind in any year */
    elcc_free(&r);
    spec.tech[1] = TECH_STORAGE;
    CU_ASSERT_EQUAL(elcc_compute(s, &spec, &r, &d), ST_USAGE);   /* named twice */
    elcc_free(&r);
    free(s);
}

/* Calibrated to 100 h/yr: below 100 MW of load (k = 2/3) only the both-out
 * hours are short (0.0025 x 8760 = 22 h); above it also the one-out hours
 * after the storage ran dry (~0.095 x 8760 / 2 = 416 h). So the least
 * factor reaching 100 h lies in (2/3, 2/3 + 0.001]. */
static void load_calibration(void)
{
    const char *sets[] = { "storage.power_mw=50" };
    Scenario *s = two_unit(sets, 1);
    ElccResult r;
    Diag d;
    diag_init(&d);
    ElccSpec spec = storage_spec(4, 0);
    spec.lole_target_h = 100;
    CU_ASSERT_EQUAL_FATAL(elcc_compute(s, &spec, &r, &d), ST_OK);
    double k = elcc_row(&r, 0, 0)->load_scale;
    CU_ASSERT(k > 2.0 / 3.0 && k <= 2.0 / 3.0 + 0.001);
    CU_ASSERT(elcc_row(&r, 0, 0)->lole_with_h >= 100);
    elcc_free(&r);
    free(s);
}

void register_test_elcc(void);
void register_test_elcc(void)
{
    CU_pSuite s = CU_add_suite("test_elcc", NULL, NULL);
    CU_add_test(s, "LOLE with a firm unit by hand", lole_with_firm_by_hand);
    CU_add_test(s, "resource names", tech_names);
    CU_add_test(s, "storage: 50 MW exactly; the members of an ensemble", storage_credit_is_50);
    CU_add_test(s, "every year: 50 MW, then 0 MW when empty; bad requests", every_year);
    CU_add_test(s, "load calibration to 100 h/yr", load_calibration);
}
