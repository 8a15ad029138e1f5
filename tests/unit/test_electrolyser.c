/* test_electrolyser.c — electrolysers, hydrogen store, CO2-to-methanol and
 * hydrogen trucks (electrolyser.h, h2dispatch.h, h2acct.h) against values
 * worked by hand, and a whole run of the base plan with the export line held
 * at 800 MW and a 300 MW electrolyser fleet: the hourly balance closes with
 * the electrolyser as a demand, the store stays in its window and hydrogen
 * is conserved over the run. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "electrolyser.h"
#include "h2acct.h"
#include "h2dispatch.h"
#include "schedule.h"
#include "sim.h"

#define BASE_CFG "../configs/yiwu-14fyp.cfg"

/* 100 MW, 20 % minimum load, 50 kWh/kg (20 kg/MWh). */
static ElyLimits limits(double store_max_kg)
{
    ElectrolyserParams p = { .kwh_per_kg = 50.0, .min_load_frac = 0.2, .storage_kg = store_max_kg };
    return ely_limits(&p, 100.0);
}

/* Surplus 0, 50, 200, 10 MW, a store that never fills, no demand:
 * 0 + 50 + 100 + 0 (10 MW is below the 20 MW minimum) = 150 MWh -> 3000 kg. */
static void known_surplus_profile(void)
{
    ElyLimits el = limits(1e9);
    CU_ASSERT_DOUBLE_EQUAL(el.min_mw, 20.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(el.kg_per_mwh, 20.0, 1e-12);
    const double surplus[] = { 0.0, 50.0, 200.0, 10.0 };
    const double want_mw[] = { 0.0, 50.0, 100.0, 0.0 };
    double store = 0.0, mwh = 0.0, kg = 0.0;
    for (int h = 0; h < 4; h++) {
        ElyHour r = ely_hour(&el, surplus[h], 0.0, &store);
        CU_ASSERT_DOUBLE_EQUAL(r.power_mw, want_mw[h], 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(r.delivered_kg, 0.0, 0.0);
        mwh += r.power_mw;
        kg += r.made_kg;
    }
    CU_ASSERT_DOUBLE_EQUAL(mwh, 150.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(kg, 3000.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(store, 3000.0, 1e-9);
}

/* A 2500 kg store: 100 MW (2000 kg), then only the 500 kg of room (25 MW,
 * above the 20 MW minimum), then nothing; from 2200 kg the 300 kg of room
 * would need 15 MW, below the minimum: it idles. */
static void store_full(void)
{
    ElyLimits el = limits(2500.0);
    double store = 0.0;
    ElyHour r = ely_hour(&el, 200.0, 0.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 100.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(store, 2000.0, 1e-9);
    r = ely_hour(&el, 200.0, 0.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 25.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.made_kg, 500.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(store, 2500.0, 0.0);
    r = ely_hour(&el, 200.0, 0.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(store, 2500.0, 0.0);
    store = 2200.0;
    r = ely_hour(&el, 200.0, 0.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(store, 2200.0, 0.0);
}

/* Demand of 500 kg/h: without a store the electrolyser follows it (25 MW of
 * a 200 MW surplus); with too little surplus the demand goes unmet; a store
 * of 1000 kg serves two hours of it with no surplus at all. */
static void demand_from_store(void)
{
    ElyLimits el = limits(0.0);
    double store = 0.0;
    ElyHour r = ely_hour(&el, 200.0, 500.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 25.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.delivered_kg, 500.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.unmet_kg, 0.0, 1e-9);
    r = ely_hour(&el, 10.0, 500.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(r.unmet_kg, 500.0, 0.0);
    el = limits(1000.0);
    store = 1000.0;
    for (int h = 0; h < 2; h++) {
        r = ely_hour(&el, 0.0, 500.0, &store);
        CU_ASSERT_DOUBLE_EQUAL(r.delivered_kg, 500.0, 0.0);
    }
    CU_ASSERT_DOUBLE_EQUAL(store, 0.0, 0.0);
    r = ely_hour(&el, 0.0, 500.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.unmet_kg, 500.0, 0.0);
    /* 100 MW with 500 kg drawn and 1000 kg of room: 2000 kg made, 500 out, 1000 stored, cut to 75 MW */
    store = 0.0;
    r = ely_hour(&el, 200.0, 500.0, &store);
    CU_ASSERT_DOUBLE_EQUAL(r.power_mw, 75.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(store, 1000.0, 1e-9);
}

/* CO2 + 3 H2 -> CH3OH + H2O: 44.009 / 32.042 = 1.37348 t CO2 and
 * 6.048 / 32.042 = 0.18875 t H2 per t methanol. 9450 t H2 at 0.189 t/t
 * make 50000 t methanol from 68700 t CO2; the carbon of the CO2 used is
 * at least the methanol's (within the 0.04 % the plant figure exceeds the
 * stoichiometry by), and so is the hydrogen. */
static void methanol_balances(void)
{
    CU_ASSERT_DOUBLE_EQUAL(H2_STOICH_CO2_T_PER_T, 1.373478, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(H2_STOICH_H2_T_PER_T, 0.188752, 1e-6);
    MethanolParams p = { .co2_t_per_t = 1.374, .h2_t_per_t = 0.189 };
    MethanolYear m = methanol_year(&p, 100000.0, 9450.0, 1e6);
    CU_ASSERT_DOUBLE_EQUAL(m.methanol_t, 50000.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(m.co2_used_t, 68700.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(m.h2_used_t, 9450.0, 1e-6);
    double c_in = m.co2_used_t * 12.011 / 44.009, c_out = m.methanol_t * 12.011 / 32.042;
    CU_ASSERT(c_in >= c_out && c_in - c_out < 0.001 * c_out);
    double h_in = m.h2_used_t, h_needed = m.methanol_t * 3.0 * 2.016 / 32.042;   /* 3 H2 per CH3OH */
    CU_ASSERT(h_in >= h_needed && h_in - h_needed < 0.002 * h_needed);
    /* CO2-limited: 13740 t CO2 -> 10000 t; capacity-limited: 1000 t */
    CU_ASSERT_DOUBLE_EQUAL(methanol_year(&p, 100000.0, 9450.0, 13740.0).methanol_t, 10000.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(methanol_year(&p, 1000.0, 9450.0, 1e6).methanol_t, 1000.0, 1e-9);
    /* the planned rate follows the CO2 available */
    CU_ASSERT_DOUBLE_EQUAL(methanol_planned_t(&p, 100000.0, 68700.0), 50000.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(methanol_planned_t(&p, 100000.0, 0.0), 0.0, 0.0);
}

/* 10 trucks x 100000 km x 9 kg/100 km = 90 t H2 wanted; 45 t delivered
 * drive 500000 km, which on diesel at 44 l/100 km burn 220000 l = 184.8 t
 * (0.84 kg/l) = 269.272 tce (1.4571) and 588.77 t CO2 (3.186); laden half
 * the km with 32 t: 8e6 tkm of 1e6 t x 409 km = 0.019560. */
static void trucks_by_hand(void)
{
    TruckParams p = { .km_per_year = 100000, .h2_kg_per_100km = 9, .diesel_l_per_100km = 44,
                      .diesel_kg_per_l = 0.84, .diesel_tce_per_t = 1.4571, .diesel_co2_t_per_t = 3.186,
                      .payload_t = 32, .laden_frac = 0.5, .haul_distance_km = 409 };
    TruckYear t = trucks_year(&p, 10, 45.0, 1e6);
    CU_ASSERT_DOUBLE_EQUAL(t.demand_t, 90.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(t.km, 500000.0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(t.diesel_t, 184.8, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(t.diesel_tce, 269.27208, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(t.co2_t, 588.7728, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(t.haulage_share_frac, 8e6 / 4.09e8, 1e-12);
    /* more hydrogen than the fleet uses drives no more km */
    CU_ASSERT_DOUBLE_EQUAL(trucks_year(&p, 10, 1000.0, 1e6).km, 1e6, 1e-6);
}

/* The dispatch pass on four hand hours: wind 300 MW available, of which
 * 0, 50, 200 and 10 MW were curtailed; 100 MW electrolyser as above. The
 * curtailment falls by what it takes, wind used rises by the same, and with
 * before_export it also takes the non-firm export (hour 3: 10 curtailed +
 * 40 exported above a firm 20 MW). */
static void dispatch_pass(void)
{
    enum { N = 4 };
    double wind[N] = { 300, 300, 300, 300 }, solar[N] = { 0 }, firm[N] = { 0, 0, 0, 20 };
    double wu[N] = { 300, 250, 100, 290 }, su[N] = { 0 }, curt[N] = { 0, 50, 200, 10 };
    double exp[N] = { 0, 0, 0, 60 };
    double ely[N], store[N], absd[N], fx[N], made[N], del[N], unm[N];
    YearInputs in = { .year = 2025, .hours = N };
    in.v[SER_WIND_AVAIL] = wind;
    in.v[SER_SOLAR_AVAIL] = solar;
    in.v[SER_EXPORT_FIRM] = firm;
    YearSeries out = { 0 };
    out.v[SER_WIND_USED] = wu;
    out.v[SER_SOLAR_USED] = su;
    out.v[SER_CURTAILED] = curt;
    out.v[SER_EXPORT] = exp;
    out.v[SER_ELECTROLYSER] = ely;
    out.v[SER_H2_STORE] = store;
    out.v[SER_ELY_ABSORBED] = absd;
    out.v[SER_ELY_FROM_EXPORT] = fx;
    out.v[SER_H2_MADE] = made;
    out.v[SER_H2_DELIVERED] = del;
    out.v[SER_H2_UNMET] = unm;
    DispatchLimits lim = { .n_pool = 2, .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                           .pool_used = { SER_WIND_USED, SER_SOLAR_USED },
                           .ely_mw = 100, .ely_min_mw = 20, .ely_kg_per_mwh = 20, .h2_store_max_kg = 1e9 };
    DispatchState st = { 0 };
    CU_ASSERT_EQUAL(h2_dispatch_pass(&lim, &in, &st, &out), 0);
    const double want[N] = { 0, 50, 100, 0 };
    for (int h = 0; h < N; h++) {
        CU_ASSERT_DOUBLE_EQUAL(ely[h], want[h], 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(wu[h] + curt[h], wind[h], 1e-9);   /* the pool still adds up */
    }
    CU_ASSERT_DOUBLE_EQUAL(curt[1], 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(curt[2], 100, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(wu[2], 200, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(exp[3], 60, 0);   /* before_curtailment: export untouched */
    CU_ASSERT_DOUBLE_EQUAL(st.h2_kg, 3000, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(made[0] + made[1] + made[2] + made[3], 3.0, 1e-12);   /* t */

    /* before_export, hour 3 again: 10 curtailed + 40 non-firm export = 50 MW */
    double wu3[N] = { 300, 300, 300, 290 }, curt3[N] = { 0, 0, 0, 10 }, exp3[N] = { 0, 0, 0, 60 };
    out.v[SER_WIND_USED] = wu3;
    out.v[SER_CURTAILED] = curt3;
    out.v[SER_EXPORT] = exp3;
    lim.ely_priority = ELY_BEFORE_EXPORT;
    st = (DispatchState){ 0 };
    h2_dispatch_pass(&lim, &in, &st, &out);
    CU_ASSERT_DOUBLE_EQUAL(ely[3], 50, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(absd[3], 10, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(fx[3], 40, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(exp3[3], 20, 1e-12);   /* the firm export stays */
    CU_ASSERT_DOUBLE_EQUAL(curt3[3], 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(wu3[3], 300, 1e-9);

    /* A year without electrolysers after one with them clears their series
     * (the state carries over: st as the year above left it), and a later
     * idle year does not clear them again; a longer year clears again. */
    double *own[] = { ely, store, absd, fx, made, del, unm };
    DispatchLimits idle = lim;
    idle.ely_mw = 0;
    st.h2_kg = 0;
    CU_ASSERT(ely[3] > 0 && st.h2_zero_hours == 0);
    h2_dispatch_pass(&idle, &in, &st, &out);
    for (int k = 0; k < 7; k++)
        for (int h = 0; h < N; h++) CU_ASSERT_EQUAL(own[k][h], 0.0);
    CU_ASSERT_EQUAL(st.h2_zero_hours, N);
    made[2] = 7.0;                      /* not cleared again: the state says they are zeros */
    h2_dispatch_pass(&idle, &in, &st, &out);
    CU_ASSERT_EQUAL(made[2], 7.0);
    st.h2_zero_hours = N - 1;           /* fewer hours known zero than the year has */
    h2_dispatch_pass(&idle, &in, &st, &out);
    CU_ASSERT_EQUAL(made[2], 0.0);
}

/* The annual accounting of the hydrogen: a row with 100 t delivered, split
 * between a methanol plant wanting 189 t (1000 t methanol) and trucks
 * wanting 90 t, in proportion; diesel off the county's energy use. */
static void annual_accounting(void)
{
    Scenario *s = calloc(1, sizeof *s);
    CU_ASSERT_FATAL(s != NULL);
    s->methanol = (MethanolParams){ .co2_t_per_t = 1.374, .h2_t_per_t = 0.189, .carbon = CCU_DELAYED };
    s->h2_trucks = (TruckParams){ .km_per_year = 100000, .h2_kg_per_100km = 9, .diesel_l_per_100km = 44,
                                  .diesel_kg_per_l = 0.84, .diesel_tce_per_t = 1.4571,
                                  .diesel_co2_t_per_t = 3.186, .diesel_in_accounting = 1 };
    s->accounting.other_industry_mtce = (Schedule){ 1, { 0 }, { 0.15 } };
    AnnualRow row = { 0 };
    row.year = 2025;
    row.methanol_capacity_t = 1000;
    row.methanol_co2_available_t = 1e6;
    row.h2_trucks = 10;
    row.h2_delivered_t = 100;
    row.co2_mt = 10.0;
    row.energy_consumption_mtce = row.energy_consumption_coal_equiv_mtce = 5.0;
    row.energy_consumption_calorific_mtce = 4.0;
    h2_acct_year(s, &row);
    double to_m = 100.0 * 189.0 / 279.0, to_t = 100.0 - to_m;
    CU_ASSERT_DOUBLE_EQUAL(row.methanol_t, to_m / 0.189, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.methanol_co2_used_t, to_m / 0.189 * 1.374, 1e-9);
    double km = to_t * 1000.0 / 9.0 * 100.0, diesel_t = km * 0.44 * 0.84 / 1000.0;
    CU_ASSERT_DOUBLE_EQUAL(row.h2_truck_km, km, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(row.diesel_avoided_t, diesel_t, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.energy_consumption_mtce, 5.0 - diesel_t * 1.4571 * 1e-6, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.energy_consumption_calorific_mtce, 4.0 - diesel_t * 1.4571 * 1e-6, 1e-12);
    /* delayed: the methanol's carbon stays in co2_mt; the other figure shows it removed */
    CU_ASSERT_DOUBLE_EQUAL(row.co2_mt, 10.0 - diesel_t * 3.186 * 1e-6, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.co2_ccu_removed_mt, row.co2_mt - row.methanol_co2_used_t * 1e-6, 1e-12);

    /* CO2 from the conversion plants' capture: 1000 t captured, 400 t used by
     * the plants themselves; the methanol plant (1000 t/a capacity, all its
     * hydrogen delivered) needs 1374 t: 600 t from the capture, 774 t
     * external. acct_year took the 1000 t captured off co2_mt; delayed puts
     * the 600 t back (emitted when the methanol burns), removed takes the
     * external 774 t off. */
    for (int carbon = 0; carbon < 2; carbon++) {
        s->methanol.carbon = carbon ? CCU_REMOVED : CCU_DELAYED;
        s->h2_trucks = (TruckParams){ 0 };
        AnnualRow r2 = { .year = 2025, .methanol_capacity_t = 1000, .methanol_co2_available_t = 2000,
                         .h2_delivered_t = 189, .co2_captured_t = 1000, .co2_used_t = 400,
                         .co2_stored_t = 600, .co2_mt = 10.0 };
        h2_acct_year(s, &r2);
        CU_ASSERT_DOUBLE_EQUAL(r2.methanol_t, 1000, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r2.methanol_co2_used_t, 1374, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r2.co2_used_t, 1000, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r2.co2_stored_t, 0, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r2.co2_mt, carbon ? 10.0 - 774e-6 : 10.0 + 600e-6, 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(r2.co2_ccu_removed_mt, 10.0 - 774e-6, 1e-12);   /* the same under both */
    }
    free(s);
}

/* Whole runs: the base plan with the line at 800 MW, 300 MW of
 * electrolysers from 2023 with a 130 t store and 500 trucks. */
typedef struct {
    int years, balance_bad, limit_bad, sum_bad;
    double made_t, delivered_t, store_end_kg, absorbed_mwh;
} H2Check;

static Status check_h2_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                            const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    (void)wx;
    H2Check *c = ctx;
    double cap = schedule_at(&s->electrolyser.capacity_mw, cal->year), smax = s->electrolyser.storage_kg;
    double sum_ely = 0.0;
    for (int h = 0; h < in->hours; h++) {
        double supply = o->v[SER_WIND_USED][h] + o->v[SER_SOLAR_USED][h] + o->v[SER_COAL][h]
                      + o->v[SER_DISCHARGE][h] + o->v[SER_IMPORT][h] + o->v[SER_UNSERVED][h]
                      + in->v[SER_CSP_USED][h];
        double demand = in->v[SER_LOAD][h] + o->v[SER_EXPORT][h] + o->v[SER_CHARGE][h]
                      + o->v[SER_ELECTROLYSER][h];
        if (fabs(supply - demand) > 1e-6) c->balance_bad++;
        double curt = in->v[SER_WIND_AVAIL][h] + in->v[SER_SOLAR_AVAIL][h] - o->v[SER_WIND_USED][h]
                    - o->v[SER_SOLAR_USED][h];
        if (fabs(curt - o->v[SER_CURTAILED][h]) > 1e-6 || o->v[SER_CURTAILED][h] < -1e-9) c->balance_bad++;
        double e = o->v[SER_ELECTROLYSER][h], k = o->v[SER_H2_STORE][h];
        if (e < 0 || e > cap + 1e-9 || (e > 1e-9 && e < s->electrolyser.min_load_frac * cap - 1e-9)
            || k < 0 || k > smax + 1e-9
            || fabs(o->v[SER_H2_MADE][h] - e * 1000.0 / s->electrolyser.kwh_per_kg / 1000.0) > 1e-9)
            c->limit_bad++;
        sum_ely += e;
        c->made_t += o->v[SER_H2_MADE][h];
        c->delivered_t += o->v[SER_H2_DELIVERED][h];
        c->absorbed_mwh += o->v[SER_ELY_ABSORBED][h];
    }
    c->store_end_kg = o->v[SER_H2_STORE][in->hours - 1];
    if (fabs(sum_ely - row->electrolyser_mwh) > 1e-6 * (1 + sum_ely)
        || (cap > 0 && fabs(row->electrolyser_full_load_hours - sum_ely / cap) > 1e-9))
        c->sum_bad++;
    c->years++;
    return ST_OK;
}

static void run_conserves(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res), *ref = malloc(sizeof *ref);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res && ref);
    CU_ASSERT_EQUAL_FATAL(config_load(BASE_CFG, s, &d), ST_OK);
    s->export_line.capacity_mw = (Schedule){ 1, { 0 }, { 800.0 } };
    Run *run = run_new();
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, NULL, ref, &d), ST_OK);   /* without electrolysers */
    s->electrolyser.capacity_mw = (Schedule){ 2, { 2022, 2023 }, { 0.0, 300.0 } };
    s->electrolyser.storage_kg = 130000.0;
    s->h2_trucks.count = (Schedule){ 2, { 2022, 2023 }, { 0.0, 500.0 } };
    H2Check c = { 0 };
    Sink sink = { &c, NULL, check_h2_year, NULL };
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, &sink, res, &d), ST_OK);
    CU_ASSERT_EQUAL(c.years, 6);
    CU_ASSERT_EQUAL(c.balance_bad, 0);
    CU_ASSERT_EQUAL(c.limit_bad, 0);
    CU_ASSERT_EQUAL(c.sum_bad, 0);
    /* hydrogen: made = delivered + stored at the end (the store starts empty) */
    CU_ASSERT(c.made_t > 0);
    CU_ASSERT_DOUBLE_EQUAL(c.made_t, c.delivered_t + c.store_end_kg / 1000.0, 1e-6 * c.made_t);
    /* the electrolysers take only what was curtailed: the run's curtailment
     * falls by exactly what they absorbed, coal and export stay as they were */
    for (int i = 0; i < 6; i++) {
        const AnnualRow *a = &res->rows[i], *b = &ref->rows[i];
        CU_ASSERT_DOUBLE_EQUAL(a->curtailed_mwh + a->curtailment_absorbed_mwh, b->curtailed_mwh,
                               1e-6 * (1 + b->curtailed_mwh));
        CU_ASSERT_DOUBLE_EQUAL(a->coal_power_mwh, b->coal_power_mwh, 1e-6 * b->coal_power_mwh);
        CU_ASSERT_DOUBLE_EQUAL(a->export_mwh, b->export_mwh, 1e-6 * (1 + b->export_mwh));
        CU_ASSERT_DOUBLE_EQUAL(a->electrolyser_mwh, a->curtailment_absorbed_mwh, 1e-6 * (1 + a->electrolyser_mwh));
        CU_ASSERT(a->re_utilisation >= b->re_utilisation - 1e-12);
    }
    CU_ASSERT(res->rows[5].curtailment_absorbed_mwh > 0);
    CU_ASSERT_DOUBLE_EQUAL(res->rows[0].electrolyser_mwh, 0, 0);
    /* the same Run again without electrolysers: the run before leaves nothing
     * behind (its series buffers are cleared), the result equals the first */
    s->electrolyser.capacity_mw = (Schedule){ 0 };
    s->h2_trucks.count = (Schedule){ 0 };
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, NULL, res, &d), ST_OK);
    for (int i = 0; i < 6; i++) {
        CU_ASSERT_DOUBLE_EQUAL(res->rows[i].co2_mt, ref->rows[i].co2_mt, 0);
        CU_ASSERT_DOUBLE_EQUAL(res->rows[i].curtailed_mwh, ref->rows[i].curtailed_mwh, 0);
        CU_ASSERT_DOUBLE_EQUAL(res->rows[i].electrolyser_mwh, 0, 0);
    }
    run_free(run);
    free(s);
    free(res);
    free(ref);
}

/* Called by the generated runner (run_unit.c). */
void register_test_electrolyser(void);

void register_test_electrolyser(void)
{
    CU_pSuite s = CU_add_suite("test_electrolyser", NULL, NULL);
    CU_add_test(s, "known surplus profile", known_surplus_profile);
    CU_add_test(s, "store full", store_full);
    CU_add_test(s, "demand from the store", demand_from_store);
    CU_add_test(s, "methanol carbon and hydrogen balance", methanol_balances);
    CU_add_test(s, "trucks by hand", trucks_by_hand);
    CU_add_test(s, "dispatch pass on hand hours", dispatch_pass);
    CU_add_test(s, "annual accounting", annual_accounting);
    CU_add_test(s, "whole run conserves", run_conserves);
}
