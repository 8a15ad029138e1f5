/* test_adequacy.c — supply adequacy with imports shown separately (issue 9):
 * import_hours and the island-mode shortfall of annual_from_hours on hours
 * worked by hand, and the shortfall against a second dispatch with imports
 * switched off, which it claims to equal for renewable-first and line-first
 * in surplus mode (docs/model.md, Targets). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "dispatch.h"
#include "series.h"
#include "testutil.h"

enum { HOURS = 336 };   /* two weeks */
static const double PI = 3.14159265358979323846;

typedef TestYear Year;   /* every series of the table, zero unless a test sets it */

static Year *year_new(int hours) { return test_year_new(2023, hours); }

/* Four hours by hand (MW = MWh):
 *   0  surplus, 50 exported: no import, no shortfall;
 *   1  deficit covered by 30 of import: shortfall 30;
 *   2  deficit, 40 imported and 10 unserved: shortfall 50;
 *   3  firm export 100 with 60 imported (the line wheels): an island has no
 *      firm export, so no shortfall (60 + 0 − 100 < 0). */
static void hours_by_hand(void)
{
    Year *y = year_new(4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    double *load = y->v[SER_LOAD], *coal = y->v[SER_COAL], *imp = y->v[SER_IMPORT];
    double *exp = y->v[SER_EXPORT], *uns = y->v[SER_UNSERVED];
    load[0] = 100; coal[0] = 150; exp[0] = 50;
    load[1] = 200; coal[1] = 170; imp[1] = 30;
    load[2] = 250; coal[2] = 200; imp[2] = 40; uns[2] = 10;
    load[3] = 100; coal[3] = 140; imp[3] = 60; exp[3] = 100;
    YearFacts f = { .year = 2023 };
    AnnualRow row;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.max_balance_residual_mw, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.import_mwh, 130, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.import_hours, 3, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.unserved_mwh, 10, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.unserved_hours, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.island_shortfall_mwh, 80, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.island_shortfall_hours, 2, 0);
    free(y);
}

/* The balance residual and the test for values that are not finite,
 * over two full days and a part day (50 hours): 100 MW of load met by
 * coal, 3 MW too much in hour 30 and 7 MW in hour 49 (the part day):
 * worst residual 7. A NaN state of charge or an infinite flow in any hour
 * makes the year fail with a NaN residual. */
static void balance_residual_and_nonfinite(void)
{
    Year *y = year_new(50);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    for (int h = 0; h < 50; h++) y->v[SER_LOAD][h] = 100, y->v[SER_COAL][h] = 100;
    y->v[SER_COAL][30] = 103;
    y->v[SER_COAL][49] = 107;
    YearFacts f = { .year = 2023 };
    AnnualRow row;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.max_balance_residual_mw, 7, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.peak_load_mw, 100, 0);
    y->v[SER_COAL][49] = 100;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.max_balance_residual_mw, 3, 0);
    y->v[SER_SOC][10] = (double)NAN;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), -1);
    CU_ASSERT(isnan(row.max_balance_residual_mw));
    y->v[SER_SOC][10] = 0;
    y->v[SER_WIND_USED][48] = (double)INFINITY;   /* the part day */
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), -1);
    y->v[SER_WIND_USED][48] = 0;
    y->v[SER_EXPORT][0] = (double)-INFINITY;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), -1);
    y->v[SER_EXPORT][0] = 0;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    free(y);
}

/* Two weeks with a daily wind cycle and an evening load peak, a 300 MW
 * line, 600 MW of coal with ramps and a 100 MW battery: dispatched with
 * imports on, then off. The shortfall of the first run equals the unserved
 * energy of the second, hour by hour summed, and the second run imports
 * nothing. */
static void island_equals_second_dispatch(void)
{
    static const Strategy strategies[] = { STRATEGY_RENEWABLE_FIRST, STRATEGY_LINE_FIRST };
    for (size_t k = 0; k < sizeof strategies / sizeof strategies[0]; k++) {
        Year *on = year_new(HOURS), *off = year_new(HOURS);
        CU_ASSERT_PTR_NOT_NULL_FATAL(on);
        CU_ASSERT_PTR_NOT_NULL_FATAL(off);
        for (int h = 0; h < HOURS; h++) {
            double day = 2 * PI * (h % 24) / 24.0, week = 2 * PI * h / 168.0;
            double load = 700 + 250 * sin(day - 2.0) + 100 * sin(3 * week);
            double wind = fmax(0, 500 + 450 * sin(day + 1.0) + 400 * sin(week));
            double solar = fmax(0, 300 * sin(day - PI / 2));
            Year *ys[] = { on, off };
            for (int j = 0; j < 2; j++) {
                ys[j]->v[SER_LOAD][h] = load;
                ys[j]->v[SER_WIND_AVAIL][h] = wind;
                ys[j]->v[SER_SOLAR_AVAIL][h] = solar;
                ys[j]->v[SER_LINE][h] = 300;
            }
        }
        DispatchLimits lim = { .strategy = strategies[k], .storage_power_mw = 100, .soc_min_mwh = 0,
                               .soc_max_mwh = 200, .eta_charge = 0.9, .eta_discharge = 0.9,
                               .keep_per_h = 1.0, .coal_min_mw = 150, .coal_max_mw = 600,
                               .coal_ramp_mw_per_h = 60, .import_allowed = 1,
                               .peak_threshold_mw = 1e9, .n_pool = 2,
                               .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                               .pool_used = { SER_WIND_USED, SER_SOLAR_USED } };
        DispatchState st_on = { .soc_mwh = 100, .coal_mw = 300 }, st_off = st_on;
        DispatchReport rep;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &on->in, &st_on, &on->out, &rep), ST_OK);
        lim.import_allowed = 0;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &off->in, &st_off, &off->out, &rep), ST_OK);
        YearFacts f = { .year = 2023 };
        AnnualRow row_on, row_off;
        CU_ASSERT_EQUAL(annual_from_hours(&f, &on->in, &on->out, &row_on), 0);
        CU_ASSERT_EQUAL(annual_from_hours(&f, &off->in, &off->out, &row_off), 0);
        /* the case must exercise imports at all */
        CU_ASSERT(row_on.import_hours > 10 && row_on.import_mwh > 1000);
        CU_ASSERT_DOUBLE_EQUAL(row_off.import_mwh, 0, 0);
        CU_ASSERT_DOUBLE_EQUAL(row_on.island_shortfall_mwh, row_off.unserved_mwh, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(row_on.island_shortfall_hours, row_off.unserved_hours, 0);
        /* and without imports, the island shortfall is the unserved energy itself */
        CU_ASSERT_DOUBLE_EQUAL(row_off.island_shortfall_mwh, row_off.unserved_mwh, 1e-9);
        free(on);
        free(off);
    }
}

void register_test_adequacy(void);
void register_test_adequacy(void)
{
    CU_pSuite s = CU_add_suite("test_adequacy", NULL, NULL);
    CU_add_test(s, "import hours and island shortfall by hand", hours_by_hand);
    CU_add_test(s, "balance residual and values not finite", balance_residual_and_nonfinite);
    CU_add_test(s, "island shortfall equals a dispatch without imports", island_equals_second_dispatch);
}
