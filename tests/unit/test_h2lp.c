/* test_h2lp.c — the electrolysers in the optimal dispatch (lpdispatch.c's
 * hydrogen columns, docs/hydrogen.md "In the optimal dispatch"): an eight-hour
 * case worked by hand where the program's electrolyser hours equal the rules'
 * (and the relaxed minimum load is enforced afterwards); hours without a
 * surplus where coal, imports and the line are free but the program must
 * leave the hydrogen unmet rather than burn or import for it; the priority
 * before_export taking the line's surplus; and a real year
 * (export-limited-electrolyser, 2025): every window no worse than the rules
 * on the program's own objective, and every hour's store bounds, hydrogen
 * balance and electrolyser limits. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dispatch.h"
#include "lpdispatch.h"
#include "sim.h"
#include "testutil.h"

#define H2_CFG "../scenarios/export-limited-electrolyser.cfg"

/* One test year with every series attached, on the heap. */
typedef struct {
    double wind[ECSIM_MAX_HOURS], solar[ECSIM_MAX_HOURS], load[ECSIM_MAX_HOURS];
    double firm[ECSIM_MAX_HOURS], line[ECSIM_MAX_HOURS], sched[ECSIM_MAX_HOURS];
    double o[SER_COUNT][ECSIM_MAX_HOURS];
    YearInputs in;
    YearSeries out;
} Year;

static Year *year_new(int hours)
{
    Year *y = calloc(1, sizeof *y);
    if (!y) return NULL;
    y->in = (YearInputs){ .year = 2025, .hours = hours };
    y->in.v[SER_WIND_AVAIL] = y->wind;
    y->in.v[SER_SOLAR_AVAIL] = y->solar;
    y->in.v[SER_LOAD] = y->load;
    y->in.v[SER_EXPORT_FIRM] = y->firm;
    y->in.v[SER_LINE] = y->line;
    y->in.v[SER_SCHEDULED] = y->sched;
    for (int i = 0; i < SER_COUNT; i++) y->out.v[i] = y->o[i];
    return y;
}

/* No storage; coal 200-300 MW, free ramp; no line, no import (the cases
 * open them); electrolysers 100 MW, minimum 30 MW, 50 kWh/kg (20 kg/MWh),
 * store 2000 kg, a flat draw of 400 kg/h. */
static DispatchLimits h2_limits(void)
{
    return (DispatchLimits){ .strategy = STRATEGY_OPTIMAL, .eta_charge = 1, .eta_discharge = 1, .keep_per_h = 1,
                             .coal_min_mw = 200, .coal_max_mw = 300, .coal_ramp_mw_per_h = 300,
                             .n_pool = 2, .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                             .pool_used = { SER_WIND_USED, SER_SOLAR_USED },
                             .lp = { .window_h = 168, .lookahead_h = 24, .curtail_cost = 10, .coal_cost = 1,
                                     .import_cost = 2, .unserved_cost = 1000, .below_floor_cost = 100,
                                     .storage_cost = 0.001, .allow_unserved = 1, .max_iterations = 1000000 },
                             .ely_mw = 100, .ely_min_mw = 30, .ely_kg_per_mwh = 20, .h2_store_max_kg = 2000,
                             .h2_methanol_kg_per_h = 300, .h2_trucks_kg_per_h = 100 };
}

/* Every hour: the balance with the electrolysers as a demand, the store
 * within its bounds and its balance (made = delivered + change of store,
 * delivered + unmet = draw), power within [0, capacity] and 0 or at least
 * the minimum load, and (before_curtailment) within the pool's output. */
static int h2_hours_bad(const DispatchLimits *lim, const YearInputs *in, const YearSeries *out, double h2_0, int n)
{
    int bad = 0;
    double s = h2_0 < lim->h2_store_max_kg ? h2_0 : lim->h2_store_max_kg;
    const double draw = lim->h2_methanol_kg_per_h + lim->h2_trucks_kg_per_h;
    double *const *o = out->v;
    for (int h = 0; h < n; h++) {
        double used = 0, re = 0;
        for (int k = 0; k < lim->n_pool; k++) {
            used += o[lim->pool_used[k]][h];
            re += in->v[lim->pool_avail[k]][h];
        }
        double supply = used + o[SER_COAL][h] + o[SER_DISCHARGE][h] + o[SER_IMPORT][h] + o[SER_UNSERVED][h]
                      + in->v[SER_SCHEDULED][h];
        double demand = in->v[SER_LOAD][h] + o[SER_EXPORT][h] + o[SER_CHARGE][h] + o[SER_ELECTROLYSER][h];
        if (fabs(supply - demand) > 1e-6 * (1 + demand)) bad++;
        if (fabs(re - used - o[SER_CURTAILED][h]) > 1e-6 * (1 + re)) bad++;
        const double e = o[SER_ELECTROLYSER][h], store = o[SER_H2_STORE][h];
        if (e < 0 || e > lim->ely_mw + 1e-9 || (e > 0 && e < lim->ely_min_mw - 1e-9)) bad++;
        if (store < 0 || store > lim->h2_store_max_kg + 1e-9) bad++;
        const double made = o[SER_H2_MADE][h] * 1000, del = o[SER_H2_DELIVERED][h] * 1000;
        const double unmet = o[SER_H2_UNMET][h] * 1000;
        if (fabs(made - e * lim->ely_kg_per_mwh) > 1e-6 * (1 + made)) bad++;
        if (fabs(store - (s + made - del)) > 1e-6 * (1 + store)) bad++;
        if (fabs(del + unmet - draw) > 1e-6 * (1 + draw) || unmet < -1e-9) bad++;
        if (lim->ely_priority == ELY_BEFORE_CURTAILMENT
            && (e > used + 1e-6 || fabs(o[SER_ELY_ABSORBED][h] - e) > 1e-6 || o[SER_ELY_FROM_EXPORT][h] != 0))
            bad++;
        s = store;
    }
    return bad;
}

/* Eight hours, one program, from an empty store and coal at 200 MW; draw
 * 400 kg/h, 20 kg/MWh, store 2000 kg, 100 MW, minimum 30 MW:
 *   h0 load 300, wind 150: coal at its floor 200, 50 MW curtailed; the fleet
 *      takes it: 1000 kg made, 400 delivered, store 600;
 *   h1 load 300, no wind: coal 300; store 200;
 *   h2 load 250, no wind: coal 250 with 50 MW of headroom, yet the fleet
 *      stays off (coal for hydrogen costs 1 + e - hk > 0): 200 delivered,
 *      200 kg unmet, store 0;
 *   h3 load 300, wind 110: 10 MW curtailed, below the 30 MW minimum. The
 *      relaxed program runs 10 MW (it absorbs curtailment); the kept hour
 *      enforces the minimum: the fleet idles, 10 MW stay curtailed, 400 kg
 *      unmet (one hour counted by lpdispatch_ely_below_min);
 *   h4 load 300, wind 400: 300 MW curtailed, the fleet at 100 MW: 2000 kg,
 *      store 1600, 200 MW curtailed;
 *   h5 load 300, wind 130: 30 MW curtailed, exactly the minimum: 600 kg,
 *      store 1800 (room for 800: not binding);
 *   h6, h7 load 300, wind 100: coal 200; store 1400, 1000.
 * Renewable-first with the electrolysers' pass gives the same hours. */
static void hand_eight_hours(void)
{
    enum { N = 8 };
    const double load[N] = { 300, 300, 250, 300, 300, 300, 300, 300 };
    const double wind[N] = { 150, 0, 0, 110, 400, 130, 100, 100 };
    const double e_want[N] = { 50, 0, 0, 0, 100, 30, 0, 0 };
    const double store_want[N] = { 600, 200, 0, 0, 1600, 1800, 1400, 1000 };
    const double unmet_want[N] = { 0, 0, 200, 400, 0, 0, 0, 0 };
    const double coal_want[N] = { 200, 300, 250, 200, 200, 200, 200, 200 };
    const double curt_want[N] = { 0, 0, 0, 10, 200, 0, 0, 0 };
    Year *lpy = year_new(N), *rfy = year_new(N);
    CU_ASSERT_FATAL(lpy && rfy);
    for (int h = 0; h < N; h++) {
        lpy->load[h] = rfy->load[h] = load[h];
        lpy->wind[h] = rfy->wind[h] = wind[h];
    }
    DispatchLimits lim = h2_limits();
    lim.lp.window_h = N;
    lim.lp.lookahead_h = 0;
    LpDispatch *lp = lpdispatch_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(lp);
    lim.lp_work = lp;
    DispatchState st = { .coal_mw = 200 }, rs = st;
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &lpy->in, &st, &lpy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_EQUAL(lpdispatch_ely_below_min(lp), 1);
    DispatchLimits rules = lim;
    rules.strategy = STRATEGY_RENEWABLE_FIRST;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &rfy->in, &rs, &rfy->out, &rep), ST_OK);
    for (int h = 0; h < N; h++) {
        for (int k = 0; k < 2; k++) {
            double *const *o = (k ? rfy : lpy)->out.v;
            CU_ASSERT_DOUBLE_EQUAL(o[SER_ELECTROLYSER][h], e_want[h], 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_H2_STORE][h], store_want[h], 1e-4);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_H2_UNMET][h] * 1000, unmet_want[h], 1e-4);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_COAL][h], coal_want[h], 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_CURTAILED][h], curt_want[h], 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_ELY_ABSORBED][h], e_want[h], 1e-6);
        }
    }
    CU_ASSERT_DOUBLE_EQUAL(st.h2_kg, 1000, 1e-4);
    CU_ASSERT_DOUBLE_EQUAL(rs.h2_kg, 1000, 1e-4);
    CU_ASSERT_EQUAL(h2_hours_bad(&lim, &lpy->in, &lpy->out, 0, N), 0);
    CU_ASSERT_EQUAL(h2_hours_bad(&rules, &rfy->in, &rfy->out, 0, N), 0);
    /* The same year in daily windows of 3 h with 2 h look-ahead carries the
     * store between windows and reaches the same hours. */
    lim.lp.window_h = 3;
    lim.lp.lookahead_h = 2;
    st = (DispatchState){ .coal_mw = 200 };
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &lpy->in, &st, &lpy->out, &rep), ST_OK);
    for (int h = 0; h < N; h++) {
        CU_ASSERT_DOUBLE_EQUAL(lpy->o[SER_ELECTROLYSER][h], e_want[h], 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(lpy->o[SER_H2_STORE][h], store_want[h], 1e-4);
    }
    CU_ASSERT_DOUBLE_EQUAL(st.h2_kg, 1000, 1e-4);
    lpdispatch_free(lp);
    free(lpy);
    free(rfy);
}

/* No surplus in any hour: load 300, wind 50, so coal runs at 250 with 50 MW
 * of headroom; the line is free (room 100 MW, imports up to 100 MW); no
 * store. The draw of 400 kg/h can only be met by burning coal or importing
 * for it: the program leaves it unmet (U = draw every hour), the fleet off,
 * coal at 250, no import and no export, under both priorities. Then the
 * priority: wind 250, load 300: coal 200, a 150 MW surplus the line takes
 * (room 150). before_curtailment: the fleet leaves it to the line (export
 * 150, fleet 0); before_export: the fleet takes its 100 MW (the draw is 4000
 * kg/h = 200 MW's worth) and the line carries 50 — as the rules. */
static void no_coal_for_hydrogen(void)
{
    enum { N = 4 };
    for (int prio = 0; prio < 2; prio++) {
        Year *y = year_new(N);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        for (int h = 0; h < N; h++) {
            y->load[h] = 300;
            y->wind[h] = 50;
            y->line[h] = 100;
        }
        DispatchLimits lim = h2_limits();
        lim.ely_priority = prio ? ELY_BEFORE_EXPORT : ELY_BEFORE_CURTAILMENT;
        lim.h2_store_max_kg = 0;
        lim.import_allowed = 1;
        LpDispatch *lp = lpdispatch_new();
        lim.lp_work = lp;
        DispatchState st = { .coal_mw = 250 };
        DispatchReport rep;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
        for (int h = 0; h < N; h++) {
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_ELECTROLYSER][h], 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_H2_UNMET][h] * 1000, 400, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][h], 250, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_IMPORT][h], 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_EXPORT][h], 0, 1e-9);
        }
        CU_ASSERT_EQUAL(h2_hours_bad(&lim, &y->in, &y->out, 0, N), 0);

        /* the line's surplus */
        for (int h = 0; h < N; h++) {
            y->wind[h] = 250;
            y->line[h] = 150;
        }
        lim.h2_methanol_kg_per_h = 4000;
        lim.h2_trucks_kg_per_h = 0;
        lim.import_allowed = 0;
        Year *r = year_new(N);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        memcpy(r->load, y->load, sizeof r->load);
        memcpy(r->wind, y->wind, sizeof r->wind);
        memcpy(r->line, y->line, sizeof r->line);
        DispatchLimits rules = lim;
        rules.strategy = STRATEGY_RENEWABLE_FIRST;
        st = (DispatchState){ .coal_mw = 200 };
        DispatchState rs = st;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &r->in, &rs, &r->out, &rep), ST_OK);
        for (int h = 0; h < N; h++) {
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_ELECTROLYSER][h], prio ? 100 : 0, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_EXPORT][h], prio ? 50 : 150, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_ELY_FROM_EXPORT][h], 0, 1e-6);   /* within the pool's output */
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_COAL][h], 200, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->o[SER_CURTAILED][h], 0, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(r->o[SER_ELECTROLYSER][h], y->o[SER_ELECTROLYSER][h], 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(r->o[SER_EXPORT][h], y->o[SER_EXPORT][h], 1e-6);
        }
        CU_ASSERT_EQUAL(h2_hours_bad(&lim, &y->in, &y->out, 0, N), 0);
        lpdispatch_free(lp);
        free(r);
        free(y);
    }
}

/* Runs export-limited-electrolyser (strategy optimal, and the settings
 * sets) up to `year`, leaving the Run at that year's inputs; NULL if
 * anything fails. */
static Run *h2_run_to(Scenario *s, int year, const char *const *sets, int n_sets)
{
    const char *all[8] = { "dispatch.strategy=optimal" };
    for (int i = 0; i < n_sets && i < 7; i++) all[i + 1] = sets[i];
    return run_to_year(H2_CFG, all, n_sets + 1, year, s);
}

/* export-limited-electrolyser 2025 (300 MW, store 130 t, methanol and
 * trucks drawing 2.67 t/h) with the settings sets and minimum load 0, so
 * that the kept hours are the program's own: each weekly window's optimum
 * equals lpdispatch_objective of its solution and is at most the objective
 * of renewable-first + the electrolysers' pass over the same hours from the
 * same state (store included); then the whole year: every hour within the
 * limits of h2_hours_bad. */
static void never_worse_h2_with(const char *const *sets, int n_sets, int flexible)
{
    Scenario *s = malloc(sizeof *s);
    Year *lpy = year_new(1), *rfy = year_new(1);
    CU_ASSERT_FATAL(s && lpy && rfy);
    const char *all[6] = { "electrolyser.min_load_frac=0" };
    for (int i = 0; i < n_sets && i < 5; i++) all[i + 1] = sets[i];
    Run *run = h2_run_to(s, 2025, all, n_sets + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(run);
    const YearInputs *in = sim_year_inputs(run);
    DispatchLimits lim = *sim_limits(run);
    const DispatchState st0 = sim_state(run);
    CU_ASSERT_TRUE_FATAL(lim.ely_mw > 0 && lim.h2_methanol_kg_per_h > 0 && lim.h2_trucks_kg_per_h > 0);
    CU_ASSERT_EQUAL_FATAL(lim.coal_commit, flexible);
    LpDispatch *lp = lpdispatch_new();
    lim.lp_work = lp;
    DispatchLimits rules = lim;
    rules.strategy = STRATEGY_RENEWABLE_FIRST;
    const int n = in->hours, W = lim.lp.window_h, L = lim.lp.lookahead_h;
    DispatchState st = st0;
    int windows = 0, worse = 0, obj_bad = 0, ely_windows = 0;
    for (int h0 = 0; h0 < n; h0 += W) {
        const int hours = n - h0 < W + L ? n - h0 : W + L, keep = n - h0 < W ? n - h0 : W;
        DispatchState a = st, b = st;
        DispatchReport rep = { 0 };
        double opt;
        CU_ASSERT_EQUAL_FATAL(lpdispatch_window(lp, &lim, in, h0, hours, hours, ++windows, &a, &lpy->out, &opt,
                                                &rep), ST_OK);
        double own = lpdispatch_objective(&lim, in, h0, hours, &st, &lpy->out);
        if (fabs(own - opt) > 1e-6 * (1 + fabs(opt))) obj_bad++;
        YearInputs sub = shift_in(in, h0, hours);
        YearSeries sub_out = shift_out(&rfy->out, h0);
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &sub, &b, &sub_out, &rep), ST_OK);
        double rf = lpdispatch_objective(&lim, in, h0, hours, &st, &rfy->out);
        if (opt > rf + 1e-7 * (1 + fabs(rf))) worse++;
        double e_rf = 0;
        for (int h = h0; h < h0 + hours; h++) e_rf += rfy->o[SER_ELECTROLYSER][h];
        if (e_rf > 0) ely_windows++;
        st.soc_mwh = lpy->o[SER_SOC][h0 + keep - 1];
        st.coal_mw = lpy->o[SER_COAL][h0 + keep - 1];
        st.h2_kg = lpy->o[SER_H2_STORE][h0 + keep - 1];
        if (flexible) {
            st.coal_committed_mw = lpy->o[SER_COAL_COMMITTED][h0 + keep - 1];
            st.coal_committed_set = 1;
        }
    }
    CU_ASSERT_EQUAL(worse, 0);
    CU_ASSERT_EQUAL(obj_bad, 0);
    CU_ASSERT(ely_windows > 10);   /* the hydrogen columns are in play */
    DispatchState ys = st0;
    DispatchReport rep;
    lpdispatch_reset(lp);
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, in, &ys, &lpy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_EQUAL(h2_hours_bad(&lim, in, &lpy->out, st0.h2_kg, n), 0);
    CU_ASSERT_EQUAL(lpdispatch_ely_below_min(lp), 0);
    CU_ASSERT_DOUBLE_EQUAL(ys.h2_kg, lpy->o[SER_H2_STORE][n - 1], 0);
    lpdispatch_free(lp);
    run_free(run);
    free(s);
    free(lpy);
    free(rfy);
}

static void never_worse_h2(void) { never_worse_h2_with(NULL, 0, 0); }

static void never_worse_h2_uc(void)
{
    const char *sets[] = { "coal_power.commitment=flexible" };
    never_worse_h2_with(sets, 1, 1);
}

static void never_worse_h2_price(void)
{
    const char *sets[] = { "price.source=tou-xinjiang", "dispatch.lp_price_weight=1" };
    never_worse_h2_with(sets, 2, 0);
}

/* The same year with the variant's minimum load of 30 %: every hour within
 * the limits (the fleet at 0 or at least 90 MW), and the program's
 * electrolyser energy within 10 % of the rules' (it takes the curtailment
 * the line and storage leave, as they do). */
static void min_load_h2(void)
{
    Scenario *s = malloc(sizeof *s);
    Year *lpy = year_new(1), *rfy = year_new(1);
    CU_ASSERT_FATAL(s && lpy && rfy);
    const char *sets[] = { "electrolyser.min_load_frac=0.3" };
    Run *run = h2_run_to(s, 2025, sets, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(run);
    const YearInputs *in = sim_year_inputs(run);
    DispatchLimits lim = *sim_limits(run);
    LpDispatch *lp = lpdispatch_new();
    lim.lp_work = lp;
    CU_ASSERT_DOUBLE_EQUAL(lim.ely_min_mw, 0.3 * lim.ely_mw, 1e-9);
    DispatchLimits rules = lim;
    rules.strategy = STRATEGY_RENEWABLE_FIRST;
    DispatchState ys = sim_state(run), rs = ys;
    const double h2_0 = ys.h2_kg;
    const int n = in->hours;
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, in, &ys, &lpy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_EQUAL(h2_hours_bad(&lim, in, &lpy->out, h2_0, n), 0);
    CU_ASSERT(lpdispatch_ely_below_min(lp) > 0);   /* the relaxation shows, and is enforced */
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, in, &rs, &rfy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(h2_hours_bad(&rules, in, &rfy->out, h2_0, n), 0);
    double e_lp = 0, e_rf = 0;
    for (int h = 0; h < n; h++) {
        e_lp += lpy->o[SER_ELECTROLYSER][h];
        e_rf += rfy->o[SER_ELECTROLYSER][h];
    }
    CU_ASSERT(e_lp > 0.9 * e_rf && e_lp < 1.1 * e_rf);
    lpdispatch_free(lp);
    run_free(run);
    free(s);
    free(lpy);
    free(rfy);
}

void register_test_h2lp(void);

void register_test_h2lp(void)
{
    CU_pSuite s = CU_add_suite("test_h2lp", NULL, NULL);
    CU_add_test(s, "eight hours worked by hand: the program's electrolyser hours are the rules'", hand_eight_hours);
    CU_add_test(s, "no surplus: hydrogen left unmet, never coal or imports; before_export takes the line's",
                no_coal_for_hydrogen);
    CU_add_test(s, "export-limited-electrolyser 2025: every window <= the rules; store, balance, limits",
                never_worse_h2);
    CU_add_test(s, "... with unit commitment (flexible): every window <= the rules; limits", never_worse_h2_uc);
    CU_add_test(s, "... with the price term: every window <= the rules; limits", never_worse_h2_price);
    CU_add_test(s, "... minimum load 30 %: enforced after the solve; energy near the rules'", min_load_h2);
}
