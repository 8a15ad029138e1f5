/* test_lpdispatch.c — the optimal dispatch (lpdispatch.h): a two-day case
 * whose optimum is worked by hand; on real years of the base plan, every
 * window's optimum against renewable-first's dispatch of the same hours from
 * the same state, on the program's own objective; balance, SOC and every
 * limit in every hour; and the failure paths (infeasible, iteration limit),
 * which must name year and window and give no result. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dispatch.h"
#include "lpdispatch.h"
#include "sim.h"
#include "testutil.h"

#define BASE_CFG "../configs/yiwu-14fyp.cfg"

/* Inputs and outputs of one test year, on the heap. */
typedef struct {
    double wind[ECSIM_MAX_HOURS], solar[ECSIM_MAX_HOURS], load[ECSIM_MAX_HOURS];
    double firm[ECSIM_MAX_HOURS], line[ECSIM_MAX_HOURS], sched[ECSIM_MAX_HOURS];
    double price[ECSIM_MAX_HOURS];   /* attached by the tests of the price term only */
    double o[SER_COUNT][ECSIM_MAX_HOURS];
    YearInputs in;
    YearSeries out;
} Year;

static void attach_out(Year *y)
{
    for (int i = 0; i < SER_COUNT; i++) y->out.v[i] = NULL;
    const SeriesId outs[] = { SER_WIND_USED, SER_SOLAR_USED, SER_COAL, SER_DISCHARGE, SER_IMPORT, SER_EXPORT,
                              SER_CHARGE, SER_SOC, SER_CURTAILED, SER_UNSERVED, SER_COAL_COMMITTED };
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) y->out.v[outs[i]] = y->o[outs[i]];
}

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
    attach_out(y);
    return y;
}

static LpParams default_weights(void)
{
    return (LpParams){ .window_h = 168, .lookahead_h = 24, .curtail_cost = 10, .coal_cost = 1,
                       .import_cost = 2, .unserved_cost = 1000, .below_floor_cost = 100,
                       .storage_cost = 0.001, .allow_unserved = 1, .max_iterations = 1000000 };
}

/* The hand case's system: storage 100 MW, cells 0-360 MWh, eta 0.9 each way,
 * no self-discharge; coal 200-300 MW, ramp 50 MW/h; no line, no import. */
static DispatchLimits hand_limits(void)
{
    return (DispatchLimits){ .strategy = STRATEGY_OPTIMAL, .storage_power_mw = 100, .soc_min_mwh = 0,
                             .soc_max_mwh = 360, .eta_charge = 0.9, .eta_discharge = 0.9, .keep_per_h = 1.0,
                             .coal_min_mw = 200, .coal_max_mw = 300, .coal_ramp_mw_per_h = 50,
                             .import_allowed = 0, .n_pool = 2, .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                             .pool_used = { SER_WIND_USED, SER_SOLAR_USED }, .lp = default_weights() };
}

/* Two identical days (48 h, one program: window 48, no look-ahead), from
 * SOC 0 and coal 200. Each day:
 *   h0-3   load 300, wind 400: coal stays at its floor 200 (more would only
 *          curtail more); the surplus of 300 charges 100 (the power limit)
 *          and 200 is curtailed. Charging pays: a stored MWh avoids 10 of
 *          curtailment for 10.001 of charge, and returns 0.81 MWh that
 *          displaces coal (1) and is refunded (10) on discharge. SOC 90, 180,
 *          270, 360 (full).
 *   h4     load 350, no wind: coal can only ramp to 250, so storage gives
 *          100 (else 100 unserved at 1000). SOC 360 - 100/0.9 = 248.889.
 *          Raising coal in h3 instead would curtail 50 more (+550) to save
 *          energy that nothing later can use.
 *   h5-6   load 400: coal at its maximum 300, storage 100 each. SOC 137.778,
 *          26.667.
 *   h7     load 324: coal 300, storage the last 26.667 x 0.9 = 24. SOC 0.
 *   h8     load 350, wind 100: coal ramps down to 250 and serves the rest.
 *   h9-23  load 300, wind 100: coal at its floor 200; nothing to store.
 *          Charging from coal would cost 1 + 10.001 per MWh for a return of
 *          0.81 x (10 + 1) = 8.91: it does not pay.
 * Day 2 starts where day 1 ends (SOC 0, coal 200) and repeats it; at the end
 * nothing is left in store (holding it would have cost unserved load).
 * Totals: curtailment 2 x 4 x 200 = 1600 MWh; coal 2 x (4 x 200 + 250 +
 * 2 x 300 + 300 + 250 + 15 x 200) = 2 x 5200 = 10400 MWh; no unserved. */
static void hand_two_days(void)
{
    Year *y = year_new(48);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    for (int d = 0; d < 2; d++) {
        double *L = y->load + 24 * d, *W = y->wind + 24 * d;
        for (int h = 0; h < 24; h++) {
            L[h] = 300;
            W[h] = 100;
        }
        for (int h = 0; h < 4; h++) W[h] = 400;
        L[4] = 350; W[4] = 0;
        L[5] = 400; W[5] = 0;
        L[6] = 400; W[6] = 0;
        L[7] = 324; W[7] = 0;
        L[8] = 350;
    }
    DispatchLimits lim = hand_limits();
    lim.lp.window_h = 48;
    lim.lp.lookahead_h = 0;
    LpDispatch *lp = lpdispatch_new();
    lim.lp_work = lp;
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    const double soc_day[8] = { 90, 180, 270, 360, 360 - 100 / 0.9, 360 - 200 / 0.9, 360 - 300 / 0.9, 0 };
    const double coal_day[9] = { 200, 200, 200, 200, 250, 300, 300, 300, 250 };
    double curt = 0, coal = 0, uns = 0;
    for (int h = 0; h < 48; h++) {
        int k = h % 24;
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_SOC][h], k < 8 ? soc_day[k] : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][h], k < 9 ? coal_day[k] : 200.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CURTAILED][h], k < 4 ? 200.0 : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CHARGE][h], k < 4 ? 100.0 : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_DISCHARGE][h], k >= 4 && k < 7 ? 100.0 : k == 7 ? 24.0 : 0.0, 1e-6);
        curt += y->o[SER_CURTAILED][h];
        coal += y->o[SER_COAL][h];
        uns += y->o[SER_UNSERVED][h];
    }
    CU_ASSERT_DOUBLE_EQUAL(curt, 1600.0, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(coal, 10400.0, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(uns, 0.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(st.soc_mwh, 0.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(st.coal_mw, 200.0, 1e-6);
    CU_ASSERT_EQUAL(rep.below_floor_hours, 0);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    /* Weekly windows with look-ahead cut at the year's end: one program of
     * 48 h all the same, and daily windows with a day of look-ahead see
     * enough to reach the same optimum. */
    lim.lp.window_h = 24;
    lim.lp.lookahead_h = 24;
    st = (DispatchState){ .soc_mwh = 0, .coal_mw = 200 };
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    for (int h = 0; h < 48; h++) {
        int k = h % 24;
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_SOC][h], k < 8 ? soc_day[k] : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][h], k < 9 ? coal_day[k] : 200.0, 1e-6);
    }
    lpdispatch_free(lp);
    free(y);
}

/* The price term (dispatch.lp_price_weight; docs/storage-arbitrage.md): two
 * identical days, the hand case's system (ramp 50 MW/h), one 48 h program.
 * Each day:
 *   h0-3   load 300, wind 400, price 0.125 (valley): coal at its floor 200,
 *          the surplus charges 100 each hour (SOC 90 .. 360), 200 curtailed;
 *   h4-16  load 250, price 0.25: coal 250 (50 above its floor);
 *   h17-22 load 254, price 0.375 (peak): the store's 360 x 0.9 = 324 MWh is
 *          exactly 6 x 54, the coal above the floor in these hours;
 *   h23    load 250, price 0.25: coal 250.
 * Without the price the program is indifferent to which deficit hours the
 * stored energy serves (each displaces one MWh of coal); with weight 1 a
 * discharged MWh earns 1 x price more, so it all goes into the peak:
 * discharge 54 and coal 200 in h17-22, coal 250 in every other deficit hour.
 * The ranks hold (the price term, at most 0.375 per MWh, is below the coal
 * weight): curtailment 2 x 800 = 1600 and coal 2 x (4 x 200 + 14 x 250 +
 * 6 x 200) = 11000 MWh, as without the price; SOC 0 after each peak.
 * Arbitrage at the prices: per day 324 x 0.375 - 400 x 0.125 = 71.5 (MWh x
 * 元/kWh). The window's optimum equals lpdispatch_objective of its solution,
 * which counts the price term the same way. */
static void hand_price_two_days(void)
{
    Year *y = year_new(48);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    y->in.v[SER_PRICE] = y->price;
    for (int h = 0; h < 48; h++) {
        int k = h % 24;
        y->load[h] = k < 4 ? 300 : k >= 17 && k <= 22 ? 254 : 250;
        y->wind[h] = k < 4 ? 400 : 0;
        y->price[h] = k < 4 ? 0.125 : k >= 17 && k <= 22 ? 0.375 : 0.25;
    }
    DispatchLimits lim = hand_limits();
    lim.lp.window_h = 48;
    lim.lp.lookahead_h = 0;
    lim.lp.price_weight = 1.0;
    LpDispatch *lp = lpdispatch_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(lp);
    lim.lp_work = lp;
    DispatchState st0 = { .soc_mwh = 0, .coal_mw = 200 }, st = st0;
    DispatchReport rep = { .first_violation_hour = -1 };
    double obj = 0;
    CU_ASSERT_EQUAL_FATAL(lpdispatch_window(lp, &lim, &y->in, 0, 48, 48, 1, &st, &y->out, &obj, &rep), ST_OK);
    double curt = 0, coal = 0, arb = 0;
    for (int h = 0; h < 48; h++) {
        int k = h % 24;
        int peak = k >= 17 && k <= 22;
        double want_soc = k < 4 ? 90.0 * (k + 1) : k < 17 ? 360 : peak ? 360 - 60.0 * (k - 16) : 0;
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_SOC][h], want_soc, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CHARGE][h], k < 4 ? 100.0 : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_DISCHARGE][h], peak ? 54.0 : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][h], k < 4 || peak ? 200.0 : 250.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CURTAILED][h], k < 4 ? 200.0 : 0.0, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_UNSERVED][h], 0.0, 1e-6);
        curt += y->o[SER_CURTAILED][h];
        coal += y->o[SER_COAL][h];
        arb += y->price[h] * (y->o[SER_DISCHARGE][h] - y->o[SER_CHARGE][h]);
    }
    CU_ASSERT_DOUBLE_EQUAL(curt, 1600.0, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(coal, 11000.0, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(arb, 2 * 71.5, 1e-5);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_DOUBLE_EQUAL(obj, lpdispatch_objective(&lim, &y->in, 0, 48, &st0, &y->out), 1e-6 * fabs(obj));
    lpdispatch_free(lp);
    free(y);
}

/* The failure paths of a window: infeasible when unserved is not allowed,
 * and the iteration limit; both ST_LP_FAILED with window and hours. */
static void failures(void)
{
    Year *y = year_new(30);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    for (int h = 0; h < 30; h++) {
        y->load[h] = 250;
        y->wind[h] = 20;
    }
    DispatchLimits lim = hand_limits();
    lim.lp.window_h = 10;
    lim.lp.lookahead_h = 5;
    lim.lp.allow_unserved = 0;
    /* Hour 25 (window 3: hours 20-29) needs 250 + 200 of firm export with
     * 20 of wind, 300 of coal and 100 of storage: 30 short. */
    y->firm[25] = 200;
    y->line[25] = 200;
    LpDispatch *lp = lpdispatch_new();
    lim.lp_work = lp;
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 }, st0 = st;
    DispatchReport rep;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_LP_FAILED);
    const LpFailure *f = lpdispatch_failure(lp);
    /* Window 2 (hours 10-24) looks ahead to hour 24 only: still feasible. */
    CU_ASSERT_EQUAL(f->window, 3);
    CU_ASSERT_EQUAL(f->first_hour, 20);
    CU_ASSERT_EQUAL(f->hours, 10);
    CU_ASSERT_EQUAL(f->clp_status, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(f->what, "infeasible"));
    CU_ASSERT_EQUAL(memcmp(&st, &st0, sizeof st), 0);   /* the state is not moved */
    /* With unserved allowed the same year solves: hour 25 is short by
     * 250 + 200 - 20 - 300 (coal) - 100 (storage, charged from coal in the
     * hours before: 11 per MWh against 1000 unserved) = 30 MW. */
    lim.lp.allow_unserved = 1;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    double uns = 0;
    for (int h = 0; h < 30; h++) uns += y->o[SER_UNSERVED][h];
    CU_ASSERT_DOUBLE_EQUAL(uns, 30.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y->o[SER_UNSERVED][25], 30.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y->o[SER_DISCHARGE][25], 100.0, 1e-6);
    /* One simplex iteration cannot solve the first window. */
    lim.lp.max_iterations = 1;
    st = st0;
    lpdispatch_reset(lp);
    CU_ASSERT_EQUAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_LP_FAILED);
    CU_ASSERT_EQUAL(lpdispatch_failure(lp)->window, 1);
    CU_ASSERT_EQUAL(lpdispatch_failure(lp)->clp_status, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(lpdispatch_failure(lp)->what, "iteration limit"));
    /* No workspace: an error, not a silent result. */
    lim.lp_work = NULL;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_NOMEM);
    lpdispatch_free(lp);
    free(y);
}

/* A run that fails names the year and the window in its message and gives
 * the sink no year. */
typedef struct {
    int years;
} Count;

static Status count_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                         const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    (void)s, (void)cal, (void)wx, (void)in, (void)o, (void)row;
    ((Count *)ctx)->years++;
    return ST_OK;
}

static void run_failure_message(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res);
    const char *sets[] = { "dispatch.strategy=optimal", "dispatch.lp_max_iterations=1" };
    CU_ASSERT_EQUAL_FATAL(config_load_with(BASE_CFG, sets, 2, s, &d), ST_OK);
    Run *run = run_new();
    Count c = { 0 };
    Sink sink = { &c, NULL, count_year, NULL };
    CU_ASSERT_EQUAL(sim_run(run, s, 0, &sink, res, &d), ST_LP_FAILED);
    CU_ASSERT_EQUAL(c.years, 0);
    CU_ASSERT_EQUAL(res->n_years, 0);
    CU_ASSERT_FATAL(d.n >= 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[d.n - 1].message, "year 2020, window 1 (hours 0-191"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[d.n - 1].message, "iteration limit"));
    run_free(run);
    free(res);
    free(s);
}


/* Unit commitment (lim.coal_commit) on three hours worked by hand: one
 * group of 300 MW, minimum load 0.4 of the committed capacity k, ramp 300
 * MW/h (never binding), no steam floor, no storage, no line, no import;
 * from coal 200 MW with 300 MW committed. Load 200 MW every hour; wind 200
 * MW in hour 1 only. Weights: curtailment 10, coal 1 per MWh; start-up
 * cost S MWh per MW started (lim.coal_startup_mwh, x coal_cost 1), plus the
 * program's 1e-6.
 *   Hours 0 and 2 need coal 200 (k >= 200). In hour 1 keeping x MW
 *   committed burns 0.4x and curtails 0.4x of the wind (10 each); the
 *   200 - x MW stopped must start again in hour 2. Cost of hour 1 and the
 *   restart: 0.4x + 4x + S (200 - x) = 200 S + (4.4 - S) x, so
 *   - S = 4 < 4.4: x = 0: all decommitted, no curtailment, 200 MW started:
 *     objective 400 (coal) + 200 x (4 + 1e-6) = 1200.0002;
 *   - S = 5 > 4.4: x = 200: coal 80 in hour 1, 80 curtailed: objective
 *     coal 480 + curtailment 800 = 1280, nothing started;
 *   - S = 0 but a minimum down time of 3 h: what stops in hour 0 or 1
 *     stays off through hour 2, so k_1 >= 200 again: 1280, as S = 5.
 * Must-run (the fleet's floor 120 every hour): hour 1 burns 120 and
 * curtails 120: 200 + 120 + 200 + 1200 = 1720. */
static void uc_three_hours(void)
{
    Year *y = year_new(3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    for (int h = 0; h < 3; h++) y->load[h] = 200;
    y->wind[1] = 200;
    DispatchLimits base = hand_limits();
    base.storage_power_mw = 0;
    base.soc_max_mwh = 0;
    base.coal_min_mw = 120;
    base.coal_max_mw = 300;
    base.coal_ramp_mw_per_h = 300;
    base.coal_min_frac = 0.4;
    base.lp.window_h = 3;
    base.lp.lookahead_h = 0;
    struct {
        int commit, down;
        double startup, objective, coal1, curt1, k1, started;
    } cases[] = {
        { 1, 0, 4, 1200.0002, 0, 0, 0, 200 },
        { 1, 0, 5, 1280, 80, 80, 200, 0 },
        { 1, 3, 0, 1280, 80, 80, 200, 0 },
        { 0, 0, 0, 1720, 120, 120, 300, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DispatchLimits lim = base;
        lim.coal_commit = cases[i].commit;
        lim.coal_min_down_h = cases[i].down;
        lim.coal_startup_mwh = cases[i].startup;
        LpDispatch *lp = lpdispatch_new();
        lim.lp_work = lp;
        DispatchState st = { .coal_mw = 200, .coal_committed_mw = 300, .coal_committed_set = 1 };
        const DispatchState st0 = st;
        DispatchReport rep = { .first_violation_hour = -1 };
        double obj;
        CU_ASSERT_EQUAL_FATAL(lpdispatch_window(lp, &lim, &y->in, 0, 3, 3, 1, &st, &y->out, &obj, &rep), ST_OK);
        CU_ASSERT_DOUBLE_EQUAL(obj, cases[i].objective, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(lpdispatch_objective(&lim, &y->in, 0, 3, &st0, &y->out), obj, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][0], 200, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][1], cases[i].coal1, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][2], 200, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CURTAILED][1], cases[i].curt1, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL_COMMITTED][1], cases[i].k1, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rep.coal_started_mw, cases[i].started, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y->o[SER_UNSERVED][0] + y->o[SER_UNSERVED][1] + y->o[SER_UNSERVED][2], 0, 1e-9);
        /* The rules on the same hours are never better on this objective. */
        DispatchLimits rules = lim;
        rules.strategy = STRATEGY_RENEWABLE_FIRST;
        Year *r = year_new(3);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        memcpy(r->load, y->load, sizeof r->load);
        memcpy(r->wind, y->wind, sizeof r->wind);
        DispatchState rs = st0;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &r->in, &rs, &r->out, &rep), ST_OK);
        CU_ASSERT(obj <= lpdispatch_objective(&lim, &r->in, 0, 3, &st0, &r->out) + 1e-6);
        free(r);
        lpdispatch_free(lp);
    }
    free(y);
}

/* Every hour of an LP year against every limit: the balance, the pool,
 * curtailment, storage power, the SOC window and its equation (the reserve
 * top-up within (1 - keep) soc_min), the line, imports, coal capacity and
 * ramps (with the floor slack the program reports). */
static int hour_limits_bad(const DispatchLimits *lim, const YearInputs *in, const YearSeries *out,
                           const DispatchState *st0, int n)
{
    int bad = 0;
    double soc = st0->soc_mwh, prev = st0->coal_mw;
    for (int h = 0; h < n; h++) {
        double *const *o = out->v;
        double re = 0, used = 0;
        for (int k = 0; k < lim->n_pool; k++) {
            re += in->v[lim->pool_avail[k]][h];
            used += o[lim->pool_used[k]][h];
            if (o[lim->pool_used[k]][h] > in->v[lim->pool_avail[k]][h] + 1e-9) bad++;
        }
        double supply = used + o[SER_COAL][h] + o[SER_DISCHARGE][h] + o[SER_IMPORT][h] + o[SER_UNSERVED][h]
                      + in->v[SER_SCHEDULED][h];
        double demand = in->v[SER_LOAD][h] + o[SER_EXPORT][h] + o[SER_CHARGE][h];
        if (fabs(supply - demand) > 1e-6) bad++;
        if (fabs(re - used - o[SER_CURTAILED][h]) > 1e-6 || o[SER_CURTAILED][h] < -1e-9) bad++;
        const double P = lim->storage_power_mw;
        if (o[SER_CHARGE][h] < 0 || o[SER_CHARGE][h] > P + 1e-9 || o[SER_DISCHARGE][h] < 0
            || o[SER_DISCHARGE][h] > P + 1e-9)
            bad++;
        double s = o[SER_SOC][h];
        if (s < lim->soc_min_mwh - 1e-9 || s > lim->soc_max_mwh + 1e-9) bad++;
        double topup = s - (lim->keep_per_h * soc + lim->eta_charge * o[SER_CHARGE][h]
                            - o[SER_DISCHARGE][h] / lim->eta_discharge);
        if (topup < -1e-6 || topup > (1 - lim->keep_per_h) * lim->soc_min_mwh + 1e-6) bad++;
        double firm = in->v[SER_EXPORT_FIRM][h], line = in->v[SER_LINE][h];
        if (o[SER_EXPORT][h] < firm - 1e-9 || o[SER_EXPORT][h] > (line > firm ? line : firm) + 1e-9) bad++;
        double imax = lim->import_allowed ? (lim->import_limited && lim->import_limit_mw < line ? lim->import_limit_mw
                                                                                             : line)
                                          : 0;
        if (o[SER_IMPORT][h] < 0 || o[SER_IMPORT][h] > imax + 1e-9 || o[SER_UNSERVED][h] < 0) bad++;
        double cap = in->v[SER_COAL_AVAIL] ? in->v[SER_COAL_AVAIL][h] : lim->coal_max_mw;
        double g = o[SER_COAL][h];
        if (g < 0 || g > cap + 1e-9) bad++;
        /* Without outages the rules' ramp holds both ways (base plan: no
         * floor slack is ever needed). */
        if (lim->coal_commit) {
            /* committed k within [steam floor, capacity]; coal within
             * [min_frac k, k] and the ramp */
            double k = o[SER_COAL_COMMITTED][h];
            if (k < fmin(lim->coal_steam_floor_mw, cap) - 1e-6 || k > cap + 1e-6) bad++;
            if (g > k + 1e-6 || g < lim->coal_min_frac * k - 1e-6) bad++;
            if (fabs(g - prev) > lim->coal_ramp_mw_per_h + 1e-6) bad++;
        } else if (!in->v[SER_COAL_AVAIL]) {
            double lo = fmin(fmax(lim->coal_min_mw, prev - lim->coal_ramp_mw_per_h), cap);
            double hi = fmax(fmin(cap, prev + lim->coal_ramp_mw_per_h), lo);
            if (g < lo - 1e-6 || g > hi + 1e-6) bad++;
        }
        soc = s;
        prev = g;
    }
    return bad;
}

/* The base plan (strategy optimal) up to `year`, the Run at that year's
 * inputs; NULL if anything fails. */
static Run *base_run_to(Scenario *s, int year, int flexible)
{
    /* flexible: unit commitment with every row in play: a steam floor on
     * the first unit, min up and down times, start-up fuel */
    const char *sets[] = { "dispatch.strategy=optimal", "coal_power.commitment=flexible",
                           "coal_power.units[0].must_run_frac=0.5", "coal_power.units[0].min_up_h=8",
                           "coal_power.units[0].min_down_h=6", "coal_power.units[2].startup_tce_per_mw=0.2" };
    return run_to_year(BASE_CFG, sets, flexible ? 6 : 1, year, s);
}

/* For each weekly window of a real year: the program's optimum over its
 * hours (window + look-ahead) from the state the optimal dispatch reached is
 * at most the objective of renewable-first's dispatch of the same hours
 * from the same state: the rules' flows are a feasible point of the
 * program. Also: the optimum equals lpdispatch_objective of the program's
 * own solution, and the whole year keeps every limit in every hour. */
static void never_worse_than_rules_year(int year, int flexible)
{
    Scenario *s = malloc(sizeof *s);
    Year *lpy = year_new(1), *rfy = year_new(1);
    CU_ASSERT_FATAL(s && lpy && rfy);
    Run *run = base_run_to(s, year, flexible);
    CU_ASSERT_PTR_NOT_NULL_FATAL(run);
    const YearInputs *in = sim_year_inputs(run);
    DispatchLimits lim = *sim_limits(run);
    const DispatchState st0 = sim_state(run);
    CU_ASSERT_EQUAL_FATAL(lim.coal_commit, flexible);
    CU_ASSERT_TRUE_FATAL(lim.storage_power_mw > 0);   /* the years with storage test the most */
    LpDispatch *lp = lpdispatch_new();
    lim.lp_work = lp;
    const int n = in->hours, W = lim.lp.window_h;
    const LpRulesTally t = lp_against_rules(lp, &lim, in, st0, &lpy->out, &rfy->out, NULL, NULL);
    CU_ASSERT_EQUAL(t.worse, 0);
    CU_ASSERT_EQUAL(t.obj_bad, 0);
    CU_ASSERT(t.lp_better > 0);   /* the rules are not optimal in every window */
    CU_ASSERT_EQUAL(t.windows, (n + W - 1) / W);
    /* The whole year as the run dispatches it: every hour within limits. */
    DispatchState ys = st0;
    DispatchReport rep;
    lpdispatch_reset(lp);
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, in, &ys, &lpy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(hour_limits_bad(&lim, in, &lpy->out, &st0, n), 0);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_DOUBLE_EQUAL(ys.soc_mwh, lpy->o[SER_SOC][n - 1], 0);
    CU_ASSERT_DOUBLE_EQUAL(ys.coal_mw, lpy->o[SER_COAL][n - 1], 0);
    lpdispatch_free(lp);
    run_free(run);
    free(s);
    free(lpy);
    free(rfy);
}

static void never_worse_2023(void) { never_worse_than_rules_year(2023, 0); }
static void never_worse_2024(void) { never_worse_than_rules_year(2024, 0); }
static void never_worse_2024_uc(void) { never_worse_than_rules_year(2024, 1); }
static void never_worse_2025_uc(void) { never_worse_than_rules_year(2025, 1); }

void register_test_lpdispatch(void);

void register_test_lpdispatch(void)
{
    CU_pSuite s = CU_add_suite("test_lpdispatch", NULL, NULL);
    CU_add_test(s, "two days worked by hand", hand_two_days);
    CU_add_test(s, "price term: two days worked by hand, discharge at the peak", hand_price_two_days);
    CU_add_test(s, "failures: infeasible, iteration limit, no workspace", failures);
    CU_add_test(s, "a failed run names year and window, writes no year", run_failure_message);
    CU_add_test(s, "base plan 2023: every window <= renewable-first; limits every hour", never_worse_2023);
    CU_add_test(s, "base plan 2024: every window <= renewable-first; limits every hour", never_worse_2024);
    CU_add_test(s, "unit commitment: three hours worked by hand", uc_three_hours);
    CU_add_test(s, "unit commitment, base plan 2024: every window <= renewable-first; limits", never_worse_2024_uc);
    CU_add_test(s, "unit commitment, base plan 2025: every window <= renewable-first; limits", never_worse_2025_uc);
}
