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

/* One test year on the heap: every result series, and of the inputs wind,
 * PV, load, firm export, the line and scheduled supply (the others NULL:
 * no coal outages, no export room, no price). */
typedef TestYear Year;

static Year *year_new(int hours)
{
    static const SeriesId inputs[] = { SER_WIND_AVAIL, SER_SOLAR_AVAIL, SER_LOAD,
                                       SER_EXPORT_FIRM, SER_LINE, SER_SCHEDULED };
    Year *y = test_year_new(2025, hours);
    if (!y) return NULL;
    YearInputs in = { .year = 2025, .hours = hours };
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) in.v[inputs[k]] = y->in.v[inputs[k]];
    y->in = in;
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
        lpy->v[SER_LOAD][h] = rfy->v[SER_LOAD][h] = load[h];
        lpy->v[SER_WIND_AVAIL][h] = rfy->v[SER_WIND_AVAIL][h] = wind[h];
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
        CU_ASSERT_DOUBLE_EQUAL(lpy->v[SER_ELECTROLYSER][h], e_want[h], 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(lpy->v[SER_H2_STORE][h], store_want[h], 1e-4);
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
            y->v[SER_LOAD][h] = 300;
            y->v[SER_WIND_AVAIL][h] = 50;
            y->v[SER_LINE][h] = 100;
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
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_ELECTROLYSER][h], 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_H2_UNMET][h] * 1000, 400, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_COAL][h], 250, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_IMPORT][h], 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_EXPORT][h], 0, 1e-9);
        }
        CU_ASSERT_EQUAL(h2_hours_bad(&lim, &y->in, &y->out, 0, N), 0);

        /* the line's surplus */
        for (int h = 0; h < N; h++) {
            y->v[SER_WIND_AVAIL][h] = 250;
            y->v[SER_LINE][h] = 150;
        }
        lim.h2_methanol_kg_per_h = 4000;
        lim.h2_trucks_kg_per_h = 0;
        lim.import_allowed = 0;
        Year *r = year_new(N);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        memcpy(r->v[SER_LOAD], y->v[SER_LOAD], sizeof r->v[SER_LOAD]);
        memcpy(r->v[SER_WIND_AVAIL], y->v[SER_WIND_AVAIL], sizeof r->v[SER_WIND_AVAIL]);
        memcpy(r->v[SER_LINE], y->v[SER_LINE], sizeof r->v[SER_LINE]);
        DispatchLimits rules = lim;
        rules.strategy = STRATEGY_RENEWABLE_FIRST;
        st = (DispatchState){ .coal_mw = 200 };
        DispatchState rs = st;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &r->in, &rs, &r->out, &rep), ST_OK);
        for (int h = 0; h < N; h++) {
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_ELECTROLYSER][h], prio ? 100 : 0, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_EXPORT][h], prio ? 50 : 150, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_ELY_FROM_EXPORT][h], 0, 1e-6);   /* within the pool's output */
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_COAL][h], 200, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(y->v[SER_CURTAILED][h], 0, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(r->v[SER_ELECTROLYSER][h], y->v[SER_ELECTROLYSER][h], 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(r->v[SER_EXPORT][h], y->v[SER_EXPORT][h], 1e-6);
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

/* The windows in which the rules ran the electrolysers at all. */
typedef struct {
    const YearSeries *rules;
    int windows;
} ElyWindows;

static void count_ely_window(void *ctx, int h0, int hours)
{
    ElyWindows *ew = ctx;
    double e = 0;
    for (int h = h0; h < h0 + hours; h++) e += ew->rules->v[SER_ELECTROLYSER][h];
    if (e > 0) ew->windows++;
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
    const int n = in->hours;
    ElyWindows ew = { &rfy->out, 0 };
    const LpRulesTally t = lp_against_rules(lp, &lim, in, st0, &lpy->out, &rfy->out, count_ely_window, &ew);
    CU_ASSERT_EQUAL(t.worse, 0);
    CU_ASSERT_EQUAL(t.obj_bad, 0);
    CU_ASSERT(ew.windows > 10);   /* the hydrogen columns are in play */
    DispatchState ys = st0;
    DispatchReport rep;
    lpdispatch_reset(lp);
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, in, &ys, &lpy->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    CU_ASSERT_EQUAL(h2_hours_bad(&lim, in, &lpy->out, st0.h2_kg, n), 0);
    CU_ASSERT_EQUAL(lpdispatch_ely_below_min(lp), 0);
    CU_ASSERT_DOUBLE_EQUAL(ys.h2_kg, lpy->v[SER_H2_STORE][n - 1], 0);
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
        e_lp += lpy->v[SER_ELECTROLYSER][h];
        e_rf += rfy->v[SER_ELECTROLYSER][h];
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
