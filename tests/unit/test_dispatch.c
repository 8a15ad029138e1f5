/* test_dispatch.c — dispatch rules on hours worked by hand, and a whole
 * synthetic year checked hour by hour: the balance closes, curtailment is
 * non-negative, SOC stays in its window and follows the flows, peak-shaving
 * discharges only above its threshold.
 *
 * Hand cases use a battery of 100 MW, window 0-400 MWh, eta 0.9 each way (round
 * trip 0.81), no self-discharge unless stated, and a coal fleet of 600 MW with
 * a 200 MW must-run minimum and 100 MW/h ramps. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>

#include "dispatch.h"

/* Inputs and outputs of one test year, on the heap (about 1 MB). */
typedef struct {
    double wind[ECSIM_MAX_HOURS], solar[ECSIM_MAX_HOURS], load[ECSIM_MAX_HOURS];
    double firm[ECSIM_MAX_HOURS], line[ECSIM_MAX_HOURS];
    double sched[ECSIM_MAX_HOURS];   /* scheduled supply (CSP): 0 unless a test sets it */
    double wu[ECSIM_MAX_HOURS], su[ECSIM_MAX_HOURS], coal[ECSIM_MAX_HOURS], dis[ECSIM_MAX_HOURS];
    double imp[ECSIM_MAX_HOURS], exp[ECSIM_MAX_HOURS], ch[ECSIM_MAX_HOURS], soc[ECSIM_MAX_HOURS];
    double curt[ECSIM_MAX_HOURS], uns[ECSIM_MAX_HOURS];
    double comm[ECSIM_MAX_HOURS];    /* committed coal capacity */
    double scratch[ECSIM_MAX_HOURS];
    double zero[ECSIM_MAX_HOURS];    /* a closed line's room: stays 0 */
    YearInputs in;
    YearSeries out;
} Year;

static Year *year_new(int hours)
{
    Year *y = calloc(1, sizeof *y);
    if (!y) return NULL;
    y->in = (YearInputs){ .year = 2023, .hours = hours };
    y->in.v[SER_WIND_AVAIL] = y->wind;
    y->in.v[SER_SOLAR_AVAIL] = y->solar;
    y->in.v[SER_LOAD] = y->load;
    y->in.v[SER_EXPORT_FIRM] = y->firm;
    y->in.v[SER_LINE] = y->line;
    y->in.v[SER_SCHEDULED] = y->sched;
    double *out[] = { [SER_WIND_USED] = y->wu, [SER_SOLAR_USED] = y->su, [SER_COAL] = y->coal,
                      [SER_DISCHARGE] = y->dis, [SER_IMPORT] = y->imp, [SER_EXPORT] = y->exp,
                      [SER_CHARGE] = y->ch, [SER_SOC] = y->soc, [SER_CURTAILED] = y->curt,
                      [SER_UNSERVED] = y->uns, [SER_COAL_COMMITTED] = y->comm };
    for (int i = 0; i < (int)(sizeof out / sizeof out[0]); i++) y->out.v[i] = out[i];
    return y;
}

/* dispatch_year, which must succeed for the strategies tested here. */
static DispatchReport run_year(const DispatchLimits *lim, Year *y, DispatchState *st)
{
    DispatchReport r;
    CU_ASSERT_EQUAL(dispatch_year(lim, &y->in, st, &y->out, &r), ST_OK);
    return r;
}

static DispatchLimits base_limits(Strategy strategy)
{
    DispatchLimits lim = { .strategy = strategy, .storage_power_mw = 100, .soc_min_mwh = 0,
                           .soc_max_mwh = 400, .eta_charge = 0.9, .eta_discharge = 0.9,
                           .keep_per_h = 1.0, .coal_min_mw = 200, .coal_max_mw = 600,
                           .coal_ramp_mw_per_h = 100, .import_allowed = 1,
                           .peak_threshold_mw = 1e9, .n_pool = 2,
                           .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                           .pool_used = { SER_WIND_USED, SER_SOLAR_USED } };
    return lim;
}

/* Sets hour h's inputs. */
static void hour_in(Year *y, int h, double load, double wind, double solar, double firm, double line)
{
    y->load[h] = load;
    y->wind[h] = wind;
    y->solar[h] = solar;
    y->firm[h] = firm;
    y->line[h] = line;
}

/* Asserts hour h's flows against hand values (tolerance 1e-9 MW). */
static void expect(const Year *y, int h, double wind_used, double solar_used, double coal,
                   double discharge, double import, double export_mw, double charge,
                   double curtailed, double unserved)
{
    CU_ASSERT_DOUBLE_EQUAL(y->wu[h], wind_used, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->su[h], solar_used, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->coal[h], coal, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->dis[h], discharge, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->imp[h], import, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->exp[h], export_mw, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->ch[h], charge, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->curt[h], curtailed, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->uns[h], unserved, 1e-9);
}

/* Every checked build must report no invariant violation. */
static void expect_clean(const DispatchReport *r)
{
    CU_ASSERT_EQUAL(r->check_violations, 0);
    CU_ASSERT_EQUAL(r->first_violation_hour, -1);
}

/* Scheduled supply (a CSP plant dispatched before the loop) is fixed supply:
 * it shrinks a deficit before storage and coal, and a surplus it causes
 * curtails the variable pool, never itself. */
static void scheduled_supply(void)
{
    Year *y = year_new(2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    DispatchState st = { .soc_mwh = 200, .coal_mw = 200 };
    /* h0: load 500, wind 100, CSP 150, coal floor 200: deficit 500 - 100 -
     * 150 - 200 = 50, discharged from storage (SOC 200 - 50/0.9). */
    hour_in(y, 0, 500, 100, 0, 0, 0);
    y->sched[0] = 150;
    /* h1: load 300, wind 300, CSP 100, no line: surplus 300 + 100 + 200 -
     * 300 = 300; charge 100 (the power limit), the other 200 curtails wind
     * (the pool) to 100, CSP keeps its 100. Check: 100 + 100 + 200 = 300 + 100. */
    hour_in(y, 1, 300, 300, 0, 0, 0);
    y->sched[1] = 100;
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 100, 0, 200, 50, 0, 0, 0, 0, 0);
    expect(y, 1, 100, 0, 200, 0, 0, 0, 100, 200, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 200 - 50 / 0.9, 1e-9);
    expect_clean(&r);
    free(y);
}

static void rf_surplus_charge_line_curtail(void)
{
    Year *y = year_new(3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    /* h0: load 300, wind 500 + solar 100 = 600, line 100. Coal floor
     * max(200, 200 - 100) = 200, surplus 600 + 200 - 300 = 500: charge 100
     * (power; +90 MWh), line 100, curtail 300 of 600 -> half of each:
     * wind 250, solar 50. Check: 250 + 50 + 200 = 300 + 100 + 100. */
    hour_in(y, 0, 300, 500, 100, 0, 100);
    /* h1: as h0 but a 1000 MW line: surplus 500 - 100 charged = 400 exported,
     * nothing curtailed. SOC 90 + 90 = 180. */
    hour_in(y, 1, 300, 500, 100, 0, 1000);
    /* h2: firm export 250 on a 300 MW line. Surplus 600 + 200 - 300 - 250
     * = 250: charge 100 (SOC 270), free line 300 - 250 = 50, curtail 100 of
     * 600 -> 5/6 used: wind 416.667, solar 83.333. Export 300. */
    hour_in(y, 2, 300, 500, 100, 250, 300);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 250, 50, 200, 0, 0, 100, 100, 300, 0);
    expect(y, 1, 500, 100, 200, 0, 0, 400, 100, 0, 0);
    expect(y, 2, 500 * 5.0 / 6, 100 * 5.0 / 6, 200, 0, 0, 300, 100, 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 90, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[1], 180, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[2], 270, 1e-9);
    CU_ASSERT_EQUAL(r.below_floor_hours, 0);
    CU_ASSERT_DOUBLE_EQUAL(st.soc_mwh, 270, 1e-9);   /* state written back */
    CU_ASSERT_DOUBLE_EQUAL(st.coal_mw, 200, 0);
    expect_clean(&r);
    free(y);
}

static void rf_deficit_discharge_coal_import_unserved(void)
{
    Year *y = year_new(2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    DispatchState st = { .soc_mwh = 90, .coal_mw = 200 };
    /* h0: load 700, wind 30 + solar 20. Deficit at the floor 700 - 50 - 200 = 450:
     * storage gives 90 x 0.9 = 81 (SOC 0), coal up by its ramp 100 to 300,
     * import 100 (line), unserved 450 - 81 - 100 - 100 = 169. */
    hour_in(y, 0, 700, 30, 20, 0, 100);
    /* h1: same hour again, coal now from 300: floor 200, ceiling 400 -> +200;
     * storage empty; deficit 700 - 50 - 200 = 450 -> coal 400, import 100,
     * unserved 150. */
    hour_in(y, 1, 700, 30, 20, 0, 100);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 30, 20, 300, 81, 100, 0, 0, 0, 169);
    expect(y, 1, 30, 20, 400, 0, 100, 0, 0, 0, 150);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 0, 1e-9);
    expect_clean(&r);

    /* Without import the line carries nothing in: unserved 169 + 100 = 269. */
    lim.import_allowed = 0;
    st = (DispatchState){ .soc_mwh = 90, .coal_mw = 200 };
    r = run_year(&lim, y, &st);
    expect(y, 0, 30, 20, 300, 81, 0, 0, 0, 0, 269);
    expect_clean(&r);
    free(y);
}

static void rf_must_run_below_floor(void)
{
    Year *y = year_new(2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    DispatchState st = { .soc_mwh = 400, .coal_mw = 200 };   /* storage full */
    /* h0: load 100, wind 80, line 50. Surplus at the floor 80 + 200 - 100 =
     * 180: storage full, line 50, curtail all 80, and coal must drop
     * 180 - 50 - 80 = 50 below its 200 MW minimum -> 150. Check: 150 = 100 + 50. */
    hour_in(y, 0, 100, 80, 0, 0, 50);
    hour_in(y, 1, 300, 0, 0, 0, 50);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 0, 0, 150, 0, 0, 50, 0, 80, 0);
    CU_ASSERT_EQUAL(r.below_floor_hours, 1);
    CU_ASSERT_DOUBLE_EQUAL(r.below_floor_mwh, 50, 1e-9);
    /* h1: floor max(200, 150 - 100) = 200, deficit 100; storage (full) covers
     * it before coal: discharge 100, SOC 400 - 100 / 0.9 = 288.889. */
    expect(y, 1, 0, 0, 200, 100, 0, 0, 0, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[1], 400 - 100 / 0.9, 1e-9);
    expect_clean(&r);
    free(y);
}

static void rf_ramp_limits(void)
{
    Year *y = year_new(5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    lim.storage_power_mw = 0;                  /* no storage */
    lim.import_allowed = 0;
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    /* Up: load 500 without renewables: coal 300, 400, 500 (+100 per hour),
     * unserved 200, 100, 0. */
    for (int h = 0; h < 3; h++) hour_in(y, h, 500, 0, 0, 0, 0);
    /* Down: load 450, wind 100. h3: floor 500 - 100 = 400, so 450 - 400 = 50
     * of wind is used and 50 curtailed. h4: floor 300, ceiling 500: coal
     * covers 450 - 100 = 350, all wind used. */
    hour_in(y, 3, 450, 100, 0, 0, 0);
    hour_in(y, 4, 450, 100, 0, 0, 0);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 0, 0, 300, 0, 0, 0, 0, 0, 200);
    expect(y, 1, 0, 0, 400, 0, 0, 0, 0, 0, 100);
    expect(y, 2, 0, 0, 500, 0, 0, 0, 0, 0, 0);
    expect(y, 3, 50, 0, 400, 0, 0, 0, 0, 50, 0);
    expect(y, 4, 100, 0, 350, 0, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(r.below_floor_hours, 0);
    CU_ASSERT_DOUBLE_EQUAL(st.coal_mw, 350, 1e-9);
    expect_clean(&r);
    free(y);
}

static void rf_year_boundary_state(void)
{
    Year *y = year_new(1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    lim.storage_power_mw = 0;
    lim.keep_per_h = 0.99;
    /* Last year ended at 700 MW on a larger fleet: the floor is
     * min(max(200, 700 - 100), 600) = 600. Load 650: coal 600, import 50.
     * SOC 500 starts above the window: clipped to 400 (-100 reported), then
     * self-discharge 400 x 0.99 = 396. */
    DispatchState st = { .soc_mwh = 500, .coal_mw = 700 };
    hour_in(y, 0, 650, 0, 0, 0, 100);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 0, 0, 600, 0, 50, 0, 0, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.soc_clamp_mwh, -100, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 396, 1e-9);
    expect_clean(&r);
    free(y);
}

static void self_discharge_comes_first(void)
{
    Year *y = year_new(1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    lim.keep_per_h = 0.99;
    lim.coal_min_mw = 0;
    DispatchState st = { .soc_mwh = 100, .coal_mw = 0 };
    /* Surplus 10 MW: 100 x 0.99 + 10 x 0.9 = 108 (charging first and then
     * self-discharge would give (100 + 9) x 0.99 = 107.91). */
    hour_in(y, 0, 0, 10, 0, 0, 0);
    DispatchReport r = run_year(&lim, y, &st);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 108, 1e-9);
    expect(y, 0, 10, 0, 0, 0, 0, 0, 10, 0, 0);
    expect_clean(&r);
    free(y);
}

static void ps_rules(void)
{
    Year *y = year_new(4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_PEAK_SHAVING);
    lim.coal_min_mw = 100;
    lim.peak_threshold_mw = 400;
    DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
    /* h0, peak: net load 480 > 400. Floor 200, ceiling 400. Storage gives only
     * the excess 80 (renewable-first would give 100): SOC 200 - 80/0.9 =
     * 111.111; coal covers 480 - 80 = 400. */
    hour_in(y, 0, 480, 0, 0, 0, 0);
    /* h1, off-peak: net load 350. From 400: floor 300, ceiling 500. Coal
     * covers 350, storage does not discharge; grid charging from coal
     * headroom: 500 - 350 = 150 offered, 100 taken (power): coal 450, SOC
     * 111.111 + 90 = 201.111. */
    hour_in(y, 1, 350, 0, 0, 0, 0);
    /* h2, off-peak with surplus: load 300, wind 280. From 450: floor 350,
     * ceiling 550. Surplus 280 + 350 - 300 = 330 -> charge 100 (+90), line
     * 0, curtail 230 of the wind. No coal charging: the battery's power is
     * used by the surplus. */
    hour_in(y, 2, 300, 280, 0, 0, 0);
    /* h3, off-peak deficit: load 600, wind 270. From 350: floor 250, ceiling
     * 450. Deficit 600 - 270 - 250 = 80: coal 330, then it charges 100 from
     * its headroom 450 - 330 = 120: coal 430, SOC 291.111 + 90 = 381.111. */
    hour_in(y, 3, 600, 270, 0, 0, 0);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 0, 0, 400, 80, 0, 0, 0, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 200 - 80 / 0.9, 1e-9);
    expect(y, 1, 0, 0, 450, 0, 0, 0, 100, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[1], 200 - 80 / 0.9 + 90, 1e-9);
    expect(y, 2, 50, 0, 350, 0, 0, 0, 100, 230, 0);
    expect(y, 3, 270, 0, 430, 0, 0, 0, 100, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[3], 200 - 80 / 0.9 + 270, 1e-9);
    expect_clean(&r);
    free(y);
}

static void ps_surplus_then_coal_charging(void)
{
    Year *y = year_new(1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_PEAK_SHAVING);
    lim.coal_min_mw = 100;
    lim.peak_threshold_mw = 400;
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    /* Load 300, wind 230; floor 100, ceiling 300. Surplus 230 + 100 - 300 =
     * 30 is charged first, coal adds 70 more to reach the 100 MW power:
     * coal 170, SOC 90. Check: 230 + 170 = 300 + 100. */
    hour_in(y, 0, 300, 230, 0, 0, 0);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 230, 0, 170, 0, 0, 0, 100, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 90, 1e-9);
    expect_clean(&r);
    free(y);
}

static void ps_last_resort(void)
{
    Year *y = year_new(2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_PEAK_SHAVING);
    lim.import_allowed = 0;
    lim.peak_threshold_mw = 850;
    DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
    /* h0, peak by 50: load 900; floor 200, ceiling 400. Peak discharge 50
     * (SOC 144.444), coal 400, still 900 - 50 - 400 = 450 short: storage adds
     * the 50 MW of power it has left (SOC 88.889) -> unserved 400. */
    hour_in(y, 0, 900, 0, 0, 0, 0);
    /* h1, off-peak (load 800 <= 850): floor 300, ceiling 500. Coal 500, 300
     * short: storage discharges as a last resort, 88.889 x 0.9 = 80 -> SOC 0,
     * unserved 220. */
    hour_in(y, 1, 800, 0, 0, 0, 0);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 0, 0, 400, 100, 0, 0, 0, 0, 400);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 200 - 100 / 0.9, 1e-9);
    expect(y, 1, 0, 0, 500, 80, 0, 0, 0, 0, 220);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[1], 0, 1e-9);
    expect_clean(&r);
    free(y);
}

static void peak_threshold(void)
{
    Year *y = year_new(5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    /* Net loads (load + firm - wind - solar): 30, 50, 10, 40, 20. */
    hour_in(y, 0, 100, 50, 40, 20, 0);     /* 100 + 20 - 50 - 40 = 30 */
    hour_in(y, 1, 50, 0, 0, 0, 0);
    hour_in(y, 2, 10, 0, 0, 0, 0);
    hour_in(y, 3, 60, 20, 0, 0, 0);        /* 40 */
    hour_in(y, 4, 20, 0, 0, 0, 0);
    /* Sorted 10 20 30 40 50; position p/100 x 4. */
    const DispatchLimits pool_lim = base_limits(STRATEGY_PEAK_SHAVING);
    CU_ASSERT_DOUBLE_EQUAL(dispatch_peak_threshold(&pool_lim, &y->in, 50, y->scratch), 30, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(dispatch_peak_threshold(&pool_lim, &y->in, 90, y->scratch), 46, 1e-12); /* 40 + 0.6 x 10 */
    CU_ASSERT_DOUBLE_EQUAL(dispatch_peak_threshold(&pool_lim, &y->in, 0, y->scratch), 10, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(dispatch_peak_threshold(&pool_lim, &y->in, 100, y->scratch), 50, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(dispatch_peak_threshold(&pool_lim, &y->in, 150, y->scratch), 50, 1e-12); /* clamped */
    y->wind[2] = NAN;
    CU_ASSERT(isnan(dispatch_peak_threshold(&pool_lim, &y->in, 50, y->scratch)));
    free(y);
}

/* A deterministic pseudo-random sequence in [0, 1) (64-bit LCG, Knuth's
 * MMIX constants), so the synthetic year is the same on every machine. */
static double next_uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) * (1.0 / 9007199254740992.0);
}

/* A year of wind with persistence, a solar day shape, load with a daily
 * cycle and noise, a schedule on the line in some hours. */
static void synthetic_year(Year *y, double line_mw)
{
    unsigned long long seed = 20240611ULL;
    double w = 0.5;
    for (int h = 0; h < y->in.hours; h++) {
        int hd = h % 24;
        w = 0.9 * w + 0.1 * next_uniform(&seed);
        double sun = hd >= 7 && hd <= 19 ? sin(3.141592653589793 * (hd - 6) / 14.0) : 0.0;
        y->wind[h] = 1500 * w * w * (0.5 + next_uniform(&seed));
        y->solar[h] = 800 * sun * (0.4 + 0.6 * next_uniform(&seed));
        y->load[h] = 700 + 200 * sin(6.283185307179586 * (hd - 14) / 24.0) + 100 * next_uniform(&seed);
        y->firm[h] = hd >= 10 && hd < 16 ? 0.3 * line_mw : 0.0;
        y->line[h] = line_mw;
    }
}

/* Checks every hour independently of dispatch.c: balance, curtailment,
 * signs, limits, SOC window and the SOC recursion
 * soc[h] = max(soc[h-1] keep, soc_min) + charge eta_c - discharge / eta_d. */
static void check_year(const Year *y, const DispatchLimits *lim, double soc0)
{
    int bad_balance = 0, bad_sign = 0, bad_limit = 0, bad_soc = 0;
    double prev = soc0;
    for (int h = 0; h < y->in.hours; h++) {
        double supply = y->wu[h] + y->su[h] + y->coal[h] + y->dis[h] + y->imp[h] + y->uns[h];
        double demand = y->load[h] + y->exp[h] + y->ch[h];
        double scale = 1 + y->load[h] + y->wind[h] + y->solar[h] + y->coal[h];
        if (fabs(supply - demand) > 1e-9 * scale) bad_balance++;
        double curt = y->wind[h] + y->solar[h] - y->wu[h] - y->su[h];
        if (fabs(curt - y->curt[h]) > 1e-9 * scale || curt < -1e-9 * scale) bad_balance++;
        const double v[] = { y->wu[h], y->su[h], y->coal[h], y->dis[h], y->imp[h], y->exp[h],
                             y->ch[h], y->curt[h], y->uns[h] };
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
            if (!(v[i] >= -1e-9)) bad_sign++;
        if (y->ch[h] > lim->storage_power_mw + 1e-9 || y->dis[h] > lim->storage_power_mw + 1e-9
            || y->coal[h] > lim->coal_max_mw + 1e-9 || y->exp[h] > y->line[h] + 1e-9
            || y->imp[h] > (lim->import_allowed ? y->line[h] : 0) + 1e-9
            || (y->ch[h] > 0 && y->dis[h] > 0))
            bad_limit++;
        if (!(y->soc[h] >= lim->soc_min_mwh - 1e-9 && y->soc[h] <= lim->soc_max_mwh + 1e-9))
            bad_soc++;
        double start = fmax(prev * lim->keep_per_h, lim->soc_min_mwh);
        double expect_soc = start + y->ch[h] * lim->eta_charge - y->dis[h] / lim->eta_discharge;
        if (fabs(y->soc[h] - expect_soc) > 1e-9 * (1 + lim->soc_max_mwh)) bad_soc++;
        prev = y->soc[h];
    }
    CU_ASSERT_EQUAL(bad_balance, 0);
    CU_ASSERT_EQUAL(bad_sign, 0);
    CU_ASSERT_EQUAL(bad_limit, 0);
    CU_ASSERT_EQUAL(bad_soc, 0);
}

static void whole_year_renewable_first(void)
{
    Year *y = year_new(8760);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    synthetic_year(y, 300);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    lim.soc_min_mwh = 40;
    lim.soc_max_mwh = 360;
    lim.keep_per_h = 0.9995;
    lim.coal_min_mw = 150;
    lim.coal_max_mw = 500;
    lim.import_allowed = 0;
    DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
    DispatchReport r = run_year(&lim, y, &st);
    check_year(y, &lim, 200);
    expect_clean(&r);
    /* The inputs exercise every branch: curtailment, export above the firm
     * part, discharging, unserved hours. */
    double curt = 0, dis = 0, uns = 0, extra = 0;
    for (int h = 0; h < 8760; h++) {
        curt += y->curt[h];
        dis += y->dis[h];
        uns += y->uns[h];
        extra += y->exp[h] - y->firm[h];
    }
    CU_ASSERT(curt > 0 && dis > 0 && uns > 0 && extra > 0);
    CU_ASSERT_DOUBLE_EQUAL(st.soc_mwh, y->soc[8759], 0);
    CU_ASSERT_DOUBLE_EQUAL(st.coal_mw, y->coal[8759], 0);
    free(y);
}

static void lf_line_before_storage_then_discharge_to_line(void)
{
    Year *y = year_new(3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_LINE_FIRST);
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    /* h0: load 300, wind 500 + solar 100, line 100. Floor 200, surplus 500:
     * line first 100, then charge 100 (+90 MWh), curtail 300 -> wind 250,
     * solar 50. Same flows as renewable-first here (the line was full). */
    hour_in(y, 0, 300, 500, 100, 0, 100);
    /* h1: surplus 500 on a 1000 MW line: all 500 exported, no charge (the
     * line takes it first), and the line still has 500 free: discharge 90 MWh
     * of cells -> at most 100 MW at the grid, delivered = min(100, 90*0.9)
     * = 81 MW, exported too. Export 581, SOC 0. */
    hour_in(y, 1, 300, 500, 100, 0, 1000);
    /* h2: deficit hour (load 900): storage empty, coal 200 -> 300 (ramp),
     * import 900 - 600 - 300 = 0. */
    hour_in(y, 2, 900, 500, 100, 0, 1000);
    DispatchReport r = run_year(&lim, y, &st);
    expect(y, 0, 250, 50, 200, 0, 0, 100, 100, 300, 0);
    expect(y, 1, 500, 100, 200, 81, 0, 581, 0, 0, 0);
    expect(y, 2, 500, 100, 300, 0, 0, 0, 0, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[0], 90, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->soc[1], 0, 1e-9);
    expect_clean(&r);
    free(y);
}

static void whole_year_line_first(void)
{
    Year *y = year_new(8760);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    synthetic_year(y, 300);
    DispatchLimits lim = base_limits(STRATEGY_LINE_FIRST);
    lim.soc_min_mwh = 40;
    lim.soc_max_mwh = 360;
    lim.keep_per_h = 0.9995;
    DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
    DispatchReport r = run_year(&lim, y, &st);
    check_year(y, &lim, 200);
    expect_clean(&r);
    /* Never charge and discharge in the same hour. */
    int both = 0;
    for (int h = 0; h < 8760; h++) both += y->ch[h] > 0 && y->dis[h] > 0;
    CU_ASSERT_EQUAL(both, 0);
    free(y);
}

static void whole_year_peak_shaving(void)
{
    Year *y = year_new(8760);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    synthetic_year(y, 2000);     /* a strong line: import covers every shortfall */
    DispatchLimits lim = base_limits(STRATEGY_PEAK_SHAVING);
    lim.soc_min_mwh = 40;
    lim.soc_max_mwh = 360;
    lim.keep_per_h = 0.9995;
    lim.coal_min_mw = 150;
    lim.coal_max_mw = 500;
    lim.peak_threshold_mw = dispatch_peak_threshold(&lim, &y->in, 90, y->scratch);
    DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
    DispatchReport r = run_year(&lim, y, &st);
    check_year(y, &lim, 200);
    expect_clean(&r);
    /* With nothing unserved there is no last-resort discharge: storage
     * discharges only in hours above the threshold, and at most the excess. */
    int peak_hours = 0, outside = 0, over = 0, n_dis = 0;
    double uns = 0;
    for (int h = 0; h < 8760; h++) {
        double nl = y->load[h] + y->firm[h] - y->wind[h] - y->solar[h];
        uns += y->uns[h];
        if (nl > lim.peak_threshold_mw) peak_hours++;
        if (y->dis[h] > 0) {
            n_dis++;
            if (!(nl > lim.peak_threshold_mw)) outside++;
            else if (y->dis[h] > nl - lim.peak_threshold_mw + 1e-9) over++;
        }
    }
    CU_ASSERT_DOUBLE_EQUAL(uns, 0, 0);
    CU_ASSERT_EQUAL(outside, 0);
    CU_ASSERT_EQUAL(over, 0);
    CU_ASSERT(n_dis > 0);
    /* 10 % of 8760 hours lie above the 90th percentile (876, give or take ties). */
    CU_ASSERT(peak_hours >= 870 && peak_hours <= 877);
    free(y);
}

#ifdef ECSIM_CHECKS
static void checks_report_violations(void)
{
    Year *y = year_new(3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    DispatchLimits lim = base_limits(STRATEGY_RENEWABLE_FIRST);
    DispatchState st = { .soc_mwh = 100, .coal_mw = 200 };
    for (int h = 0; h < 3; h++) hour_in(y, h, 300, 50, 0, 0, 100);
    y->wind[1] = NAN;   /* a corrupt input must not pass silently */
    DispatchReport r = run_year(&lim, y, &st);
    CU_ASSERT(r.check_violations >= 1);
    CU_ASSERT_EQUAL(r.first_violation_hour, 1);
    free(y);
}
#endif

/* Called by the generated runner (run_unit.c). */
/* A pool of one member runs the general loops (the count read at run time);
 * wind alone gives the same hours as wind + a PV member that is always 0,
 * which runs the loops specialised for two. */
static void pool_general_equals_specialised(void)
{
    Year *a = year_new(8760), *b = year_new(8760);
    CU_ASSERT_FATAL(a && b);
    synthetic_year(a, 300);
    synthetic_year(b, 300);
    for (int h = 0; h < 8760; h++) {
        a->solar[h] = b->solar[h] = 0.0;
        a->wind[h] = b->wind[h] = 2 * a->wind[h];   /* enough wind to curtail */
    }
    DispatchLimits two = base_limits(STRATEGY_RENEWABLE_FIRST), one = two;
    one.n_pool = 1;
    DispatchState sa = { .soc_mwh = 200, .coal_mw = 300 }, sb = sa;
    DispatchReport ra = run_year(&two, a, &sa), rb = run_year(&one, b, &sb);
    expect_clean(&ra);
    expect_clean(&rb);
    int same = 1, curtailed = 0;
    for (int h = 0; h < 8760; h++) {
        same &= a->wu[h] == b->wu[h] && a->curt[h] == b->curt[h] && a->coal[h] == b->coal[h]
                && a->soc[h] == b->soc[h] && a->exp[h] == b->exp[h];
        curtailed += a->curt[h] > 0;
    }
    CU_ASSERT(same);
    CU_ASSERT(curtailed > 100);   /* the case exercises curtailment */
    free(a);
    free(b);
}


/* Unit commitment (lim.coal_commit), worked by hand. No storage; fleet
 * 600 MW, min load 0.4 (floor 0.4 u), ramp 600 MW/h (never binding), steam
 * floor 150 MW, min down 3 h (capacity stopped stays off for the hour it
 * stopped and the 2 after), no min up; import up to 1000 MW; the line
 * takes no surplus (room 0). Starts from coal 240 MW and a fresh run's
 * commitment (the whole 600 MW).
 *   h0 load 400, wind 300: at u = 600 the floor 240 leaves 140 to curtail;
 *      decommitting to u = 100 / 0.4 = 250 lowers the floor to 100: no
 *      curtailment. Stopped 350.
 *   h1 load 400, wind 380: floor 100 leaves 80; u may fall to the steam
 *      floor 150 (floor 60): 40 still curtailed. Stopped 100.
 *   h2 load 700, no wind: 450 MW stopped in the last 2 hours may not
 *      restart: u stays 150, coal 150, import 550.
 *   h3 same load: h0's 350 MW are free again (100 stopped at h1 are not):
 *      u = 500, coal 500, import 200. Started 350.
 *   h4 same load: all 600 free: u = 600, coal 600, import 100. Started 100.
 * The year's starts: 450 MW; the state keeps u = 600. */
static DispatchLimits commit_limits(Strategy strategy)
{
    DispatchLimits lim = base_limits(strategy);
    lim.storage_power_mw = 0;
    lim.soc_max_mwh = 0;
    lim.coal_min_mw = 240;
    lim.coal_max_mw = 600;
    lim.coal_ramp_mw_per_h = 600;
    lim.coal_commit = 1;
    lim.coal_min_frac = 0.4;
    lim.coal_steam_floor_mw = 150;
    lim.coal_min_down_h = 3;
    return lim;
}

static void uc_hand(void)
{
    const Strategy strategies[] = { STRATEGY_RENEWABLE_FIRST, STRATEGY_LINE_FIRST, STRATEGY_PEAK_SHAVING };
    for (size_t k = 0; k < sizeof strategies / sizeof strategies[0]; k++) {
        Year *y = year_new(5);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        y->in.v[SER_EXPORT_ROOM] = y->zero;
        const double load[5] = { 400, 400, 700, 700, 700 }, wind[5] = { 300, 380, 0, 0, 0 };
        for (int h = 0; h < 5; h++) hour_in(y, h, load[h], wind[h], 0, 0, 1000);
        DispatchLimits lim = commit_limits(strategies[k]);
        DispatchState st = { .soc_mwh = 0, .coal_mw = 240 };
        DispatchReport r = run_year(&lim, y, &st);
        expect_clean(&r);
        expect(y, 0, 300, 0, 100, 0, 0, 0, 0, 0, 0);
        expect(y, 1, 340, 0, 60, 0, 0, 0, 0, 40, 0);
        expect(y, 2, 0, 0, 150, 0, 550, 0, 0, 0, 0);
        expect(y, 3, 0, 0, 500, 0, 200, 0, 0, 0, 0);
        expect(y, 4, 0, 0, 600, 0, 100, 0, 0, 0, 0);
        const double comm[5] = { 250, 150, 150, 500, 600 };
        for (int h = 0; h < 5; h++) CU_ASSERT_DOUBLE_EQUAL(y->comm[h], comm[h], 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r.coal_started_mw, 450, 1e-9);
        CU_ASSERT_EQUAL(r.below_floor_hours, 0);
        CU_ASSERT_TRUE(st.coal_committed_set);
        CU_ASSERT_DOUBLE_EQUAL(st.coal_committed_mw, 600, 0);
        /* Must-run, the same hours: the floor 240 stays; h0 curtails 140,
         * h1 220; committed is the whole fleet; nothing started. */
        lim.coal_commit = 0;
        st = (DispatchState){ .soc_mwh = 0, .coal_mw = 240 };
        r = run_year(&lim, y, &st);
        expect(y, 0, 160, 0, 240, 0, 0, 0, 0, 140, 0);
        expect(y, 1, 160, 0, 240, 0, 0, 0, 0, 220, 0);
        for (int h = 0; h < 5; h++) CU_ASSERT_DOUBLE_EQUAL(y->comm[h], 600, 0);
        CU_ASSERT_DOUBLE_EQUAL(r.coal_started_mw, 0, 0);
        free(y);
    }
}

/* Min up time: capacity started stays committed for min_up_h hours, so a
 * surplus right after a start cannot decommit it. Fleet as uc_hand, min up
 * 3 h, no min down, from u = 150 (the steam floor) and coal 60.
 *   h0 load 700: u 150 -> 600 (started 450), coal 600, no import.
 *   h1 load 200, wind 200: at u = 600 the floor 240 would curtail all the
 *      wind; the 450 MW started at h0 must stay on (u >= the starts of the
 *      last 3 hours), so u falls only to 450: coal 180, curtailed 180.
 *   h2 the same: h0 is still within the last 3 hours: the same.
 *   h3 the same: h0's start is 3 hours back: u falls to the steam floor 150
 *      (floor 60): coal 60, curtailed 60. */
static void uc_min_up(void)
{
    Year *y = year_new(4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    y->in.v[SER_EXPORT_ROOM] = y->zero;
    hour_in(y, 0, 700, 0, 0, 0, 1000);
    for (int h = 1; h < 4; h++) hour_in(y, h, 200, 200, 0, 0, 1000);
    DispatchLimits lim = commit_limits(STRATEGY_RENEWABLE_FIRST);
    lim.coal_min_down_h = 0;
    lim.coal_min_up_h = 3;
    DispatchState st = { .soc_mwh = 0, .coal_mw = 60, .coal_committed_mw = 150, .coal_committed_set = 1 };
    DispatchReport r = run_year(&lim, y, &st);
    expect_clean(&r);
    expect(y, 0, 0, 0, 600, 0, 100, 0, 0, 0, 0);
    expect(y, 1, 20, 0, 180, 0, 0, 0, 0, 180, 0);
    expect(y, 2, 20, 0, 180, 0, 0, 0, 0, 180, 0);
    expect(y, 3, 140, 0, 60, 0, 0, 0, 0, 60, 0);
    const double comm[4] = { 600, 450, 450, 150 };
    for (int h = 0; h < 4; h++) CU_ASSERT_DOUBLE_EQUAL(y->comm[h], comm[h], 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.coal_started_mw, 450, 1e-9);
    free(y);
}


/* A year boundary that retires units: the carried commitment (900 MW)
 * above this year's fleet (600 MW) is not a stop, so the minimum down time
 * (5 h) holds nothing off: two hours of load 600 are served by coal alone
 * (600 each; a stop of 300 would have capped hour 1 at 300 and imported
 * 300). Nothing is started. */
static void uc_retired_at_boundary(void)
{
    Year *y = year_new(2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    y->in.v[SER_EXPORT_ROOM] = y->zero;
    for (int h = 0; h < 2; h++) hour_in(y, h, 600, 0, 0, 0, 1000);
    DispatchLimits lim = commit_limits(STRATEGY_RENEWABLE_FIRST);
    lim.coal_min_down_h = 5;
    DispatchState st = { .coal_mw = 500, .coal_committed_mw = 900, .coal_committed_set = 1 };
    DispatchReport r = run_year(&lim, y, &st);
    expect_clean(&r);
    expect(y, 0, 0, 0, 600, 0, 0, 0, 0, 0, 0);
    expect(y, 1, 0, 0, 600, 0, 0, 0, 0, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.coal_started_mw, 0, 0);
    free(y);
}

/* A whole synthetic year with unit commitment under each rule: besides
 * check_year's invariants, every hour (independently of dispatch.c): the
 * committed capacity within [steam floor, fleet], coal within
 * [0.4 u, u] and its ramp, the minimum up and down times on the hourly
 * starts and stops, and the report's starts their sum; and the rules never
 * curtail more than must-run does on the same year. */
static void uc_whole_year(void)
{
    const Strategy strategies[] = { STRATEGY_RENEWABLE_FIRST, STRATEGY_LINE_FIRST, STRATEGY_PEAK_SHAVING };
    for (size_t k = 0; k < sizeof strategies / sizeof strategies[0]; k++) {
        Year *y = year_new(8760);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        synthetic_year(y, 300);   /* a line that congests: curtailment to avoid */
        DispatchLimits lim = base_limits(strategies[k]);
        lim.soc_min_mwh = 40;
        lim.soc_max_mwh = 360;
        lim.keep_per_h = 0.9995;
        lim.coal_min_mw = 200;
        lim.coal_max_mw = 500;
        lim.coal_commit = 1;
        lim.coal_min_frac = 0.4;
        lim.coal_steam_floor_mw = 100;
        lim.coal_min_up_h = 6;
        lim.coal_min_down_h = 4;
        lim.coal_ramp_mw_per_h = 150;
        if (strategies[k] == STRATEGY_PEAK_SHAVING)
            lim.peak_threshold_mw = dispatch_peak_threshold(&lim, &y->in, 90, y->scratch);
        DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
        DispatchReport r = run_year(&lim, y, &st);
        check_year(y, &lim, 200);
        expect_clean(&r);
        CU_ASSERT_EQUAL(r.below_floor_hours, 0);
        int bad = 0;
        double started = 0, up_prev = 500, g_prev = 300, curt = 0;
        static double s[8760], d[8760];
        for (int h = 0; h < 8760; h++) {
            const double u = y->comm[h], g = y->coal[h];
            s[h] = fmax(u - up_prev, 0);
            d[h] = fmax(up_prev - u, 0);
            started += s[h];
            double s_win = 0, d_win = 0;
            for (int j = h; j >= 0 && j > h - lim.coal_min_up_h; j--) s_win += s[j];
            for (int j = h; j >= 0 && j > h - lim.coal_min_down_h; j--) d_win += d[j];
            if (u < 100 - 1e-9 || u > 500 + 1e-9) bad++;
            if (g > u + 1e-9 || g < 0.4 * u - 1e-9) bad++;
            if (fabs(g - g_prev) > 150 + 1e-9) bad++;
            if (u < s_win - 1e-6 || u + d_win > 500 + 1e-6) bad++;
            up_prev = u;
            g_prev = g;
            curt += y->curt[h];
        }
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT_DOUBLE_EQUAL(r.coal_started_mw, started, 1e-6 * (1 + started));
        CU_ASSERT(started > 0);
        lim.coal_commit = 0;
        st = (DispatchState){ .soc_mwh = 200, .coal_mw = 300 };
        run_year(&lim, y, &st);
        double curt_mr = 0;
        for (int h = 0; h < 8760; h++) curt_mr += y->curt[h];
        CU_ASSERT(curt < curt_mr);
        free(y);
    }
}

void register_test_dispatch(void);

void register_test_dispatch(void)
{
    CU_pSuite s = CU_add_suite("test_dispatch", NULL, NULL);
    CU_add_test(s, "renewable-first: surplus -> charge -> line -> curtail", rf_surplus_charge_line_curtail);
    CU_add_test(s, "scheduled supply (CSP) before storage and coal", scheduled_supply);
    CU_add_test(s, "pool of one (general loop) = pool of two with a zero member", pool_general_equals_specialised);
    CU_add_test(s, "renewable-first: deficit -> discharge -> coal -> import -> unserved",
                rf_deficit_discharge_coal_import_unserved);
    CU_add_test(s, "renewable-first: must-run below its floor", rf_must_run_below_floor);
    CU_add_test(s, "renewable-first: ramp limits", rf_ramp_limits);
    CU_add_test(s, "year boundary state", rf_year_boundary_state);
    CU_add_test(s, "self-discharge before the hour's flows", self_discharge_comes_first);
    CU_add_test(s, "peak-shaving rules", ps_rules);
    CU_add_test(s, "peak-shaving: surplus then coal charging", ps_surplus_then_coal_charging);
    CU_add_test(s, "peak-shaving: last resort before unserved", ps_last_resort);
    CU_add_test(s, "peak threshold percentile", peak_threshold);
    CU_add_test(s, "whole year, renewable-first", whole_year_renewable_first);
    CU_add_test(s, "whole year, peak-shaving", whole_year_peak_shaving);
    CU_add_test(s, "line-first: line before storage, storage empties into the line",
                lf_line_before_storage_then_discharge_to_line);
    CU_add_test(s, "whole year, line-first", whole_year_line_first);
#ifdef ECSIM_CHECKS
    CU_add_test(s, "checks report violations", checks_report_violations);
    CU_add_test(s, "unit commitment: decommit, min down, recommit (hand)", uc_hand);
    CU_add_test(s, "unit commitment: min up time (hand)", uc_min_up);
    CU_add_test(s, "unit commitment: units retired at the year boundary", uc_retired_at_boundary);
    CU_add_test(s, "unit commitment: whole year under each rule", uc_whole_year);
#endif
}
