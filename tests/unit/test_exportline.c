/* test_exportline.c — firm export per hour in both line modes; the
 * receiving grid's absorption limit on the free line, by hand, and through
 * every dispatch strategy (rules and the LP). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>

#include "accounting.h"
#include "calendar.h"
#include "config.h"
#include "schedule.h"
#include "sim.h"
#include "dispatch.h"
#include "exportline.h"
#include "lpdispatch.h"

/* Every factor of the absorption limit set to v (1 = no limit). */
static void absorb_all(ExportParams *p, double v)
{
    for (int i = 0; i < 24; i++) p->absorption_frac[i] = v;
    for (int m = 0; m < 12; m++) p->absorption_month_frac[m] = v;
}

static void surplus_mode_has_no_firm_export(void)
{
    Calendar cal;
    double firm[ECSIM_MAX_HOURS];
    ExportParams p = { .mode = EXPORT_SURPLUS, .tolerance_frac = 0.1 };
    for (int hd = 0; hd < 24; hd++) p.schedule_frac[hd] = 0.7;   /* ignored in this mode */
    calendar_year_init(&cal, 2023);
    for (int h = 0; h < cal.hours; h++) firm[h] = -1;
    export_year(&p, &cal, 1000, firm);
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_DOUBLE_EQUAL(firm[h], 0, 0);
}

static void schedule_mode_follows_profile(void)
{
    Calendar cal;
    double firm[ECSIM_MAX_HOURS];
    /* 0.5 at night (0-7), 0.8 by day (8-19), 0.6 in the evening (20-23),
     * 10 % tolerance, 1000 MW line: firm = 1000 x frac x 0.9 = 450 / 720 / 540. */
    ExportParams p = { .mode = EXPORT_SCHEDULE, .tolerance_frac = 0.1 };
    for (int hd = 0; hd < 24; hd++) p.schedule_frac[hd] = hd < 8 ? 0.5 : hd < 20 ? 0.8 : 0.6;
    calendar_year_init(&cal, 2024);
    export_year(&p, &cal, 1000, firm);
    CU_ASSERT_DOUBLE_EQUAL(firm[0], 450, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[7], 450, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[8], 720, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[1440 + 19], 720, 1e-12);   /* 1 March, 19:00 */
    CU_ASSERT_DOUBLE_EQUAL(firm[1440 + 20], 540, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(firm[8783], 540, 1e-12);        /* 31 Dec 23:00 of a leap year */
    /* A day's firm energy: 8 x 450 + 12 x 720 + 4 x 540 = 14400 MWh; 366 days. */
    double sum = 0;
    for (int h = 0; h < cal.hours; h++) sum += firm[h];
    CU_ASSERT_DOUBLE_EQUAL(sum, 366 * 14400.0, 1e-6);
    /* No tolerance: the whole schedule is firm (0.8 x 1000 = 800 by day). */
    p.tolerance_frac = 0;
    export_year(&p, &cal, 1000, firm);
    CU_ASSERT_DOUBLE_EQUAL(firm[12], 800, 1e-12);
}

/* The room beyond the firm part: min(line - firm, line x hour factor x month
 * factor), worked by hand on four hours of 2023. Line 1000 MW; firm 300 MW
 * by day (schedule 0.3 at 8-19, no tolerance), 0 at night; absorption 0.5
 * at night (0-7) and 1 by day, month factor 0.4 in January, 1 otherwise. */
static void absorption_room_by_hand(void)
{
    static Calendar cal;
    static double line[ECSIM_MAX_HOURS], firm[ECSIM_MAX_HOURS], room[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    ExportParams p = { .mode = EXPORT_SCHEDULE, .tolerance_frac = 0 };
    absorb_all(&p, 1.0);
    for (int hd = 0; hd < 24; hd++) {
        p.schedule_frac[hd] = hd >= 8 && hd < 20 ? 0.3 : 0.0;
        p.absorption_frac[hd] = hd < 8 ? 0.5 : 1.0;
    }
    p.absorption_month_frac[0] = 0.4;
    for (int h = 0; h < cal.hours; h++) line[h] = 1000;
    export_year(&p, &cal, 1000, firm);
    export_room(&p, &cal, line, firm, room);
    const int jul = cal.month_first_hour[6];
    CU_ASSERT_DOUBLE_EQUAL(room[3], 200, 1e-12);          /* Jan 03:00: 1000 x 0.5 x 0.4 < 1000 */
    CU_ASSERT_DOUBLE_EQUAL(room[12], 400, 1e-12);         /* Jan 12:00: 1000 x 1 x 0.4 < 700 */
    CU_ASSERT_DOUBLE_EQUAL(room[jul + 3], 500, 1e-12);    /* Jul 03:00: 1000 x 0.5 < 1000 */
    CU_ASSERT_DOUBLE_EQUAL(room[jul + 12], 700, 1e-12);   /* Jul 12:00: the line, 1000 - 300 < 1000 */
    /* A line out (0 MW, no firm export): no room at all. */
    line[jul + 12] = 0;
    firm[jul + 12] = 0;
    export_room(&p, &cal, line, firm, room);
    CU_ASSERT_DOUBLE_EQUAL(room[jul + 12], 0, 0);
    /* The defaults (every factor 1) leave exactly the free line, bit for bit. */
    absorb_all(&p, 1.0);
    line[jul + 12] = 1000;
    export_year(&p, &cal, 1000, firm);
    export_room(&p, &cal, line, firm, room);
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_EQUAL(room[h], line[h] - firm[h]);
}

/* Two hours through each strategy: load 100 MW, wind 500 MW, no coal, no
 * import, a 400 MW line with firm export 50 MW, battery 100 MW / 400 MWh
 * (eta 0.9), empty. The receiving grid takes 150 MW beyond the firm part
 * (room 150 < line - firm 350). Surplus 500 - 100 - 50 = 350 each hour:
 * 100 charged, 150 exported beyond the firm part, 100 curtailed. Every
 * rule and the LP (which minimises curtailment: 350 of surplus, at most 100
 * + 150 absorbed) land on export 200 and curtailment 100 per hour. */
enum { ABS_H = 2 };
static void absorption_in_every_strategy(void)
{
    static double wind[ABS_H], solar[ABS_H], load[ABS_H], firm[ABS_H], line[ABS_H], room[ABS_H],
        sched[ABS_H], o[SER_COUNT][ABS_H];
    static const Strategy strategies[] = { STRATEGY_RENEWABLE_FIRST, STRATEGY_LINE_FIRST,
                                           STRATEGY_PEAK_SHAVING, STRATEGY_OPTIMAL };
    for (int h = 0; h < ABS_H; h++) {
        wind[h] = 500; solar[h] = 0; load[h] = 100; firm[h] = 50; line[h] = 400; room[h] = 150;
        sched[h] = 0;
    }
    YearInputs in = { .year = 2023, .hours = ABS_H };
    in.v[SER_WIND_AVAIL] = wind;
    in.v[SER_SOLAR_AVAIL] = solar;
    in.v[SER_LOAD] = load;
    in.v[SER_EXPORT_FIRM] = firm;
    in.v[SER_LINE] = line;
    in.v[SER_EXPORT_ROOM] = room;
    in.v[SER_SCHEDULED] = sched;
    YearSeries out = { 0 };
    const SeriesId outs[] = { SER_WIND_USED, SER_SOLAR_USED, SER_COAL, SER_DISCHARGE, SER_IMPORT,
                              SER_EXPORT, SER_CHARGE, SER_SOC, SER_CURTAILED, SER_UNSERVED };
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) out.v[outs[i]] = o[outs[i]];
    LpDispatch *lp = lpdispatch_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(lp);
    for (size_t k = 0; k < sizeof strategies / sizeof strategies[0]; k++) {
        DispatchLimits lim = { .strategy = strategies[k], .storage_power_mw = 100, .soc_min_mwh = 0,
                               .soc_max_mwh = 400, .eta_charge = 0.9, .eta_discharge = 0.9,
                               .keep_per_h = 1.0, .coal_min_mw = 0, .coal_max_mw = 0,
                               .coal_ramp_mw_per_h = 0, .import_allowed = 0, .peak_threshold_mw = 1e9,
                               .n_pool = 2, .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                               .pool_used = { SER_WIND_USED, SER_SOLAR_USED }, .lp_work = lp,
                               .lp = { .window_h = 24, .lookahead_h = 0, .curtail_cost = 10, .coal_cost = 1,
                                       .import_cost = 2, .unserved_cost = 1000, .below_floor_cost = 100,
                                       .storage_cost = 0.001, .allow_unserved = 1,
                                       .max_iterations = 100000 } };
        DispatchState st = { .soc_mwh = 0, .coal_mw = 0 };
        DispatchReport rep;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &in, &st, &out, &rep), ST_OK);
        for (int h = 0; h < ABS_H; h++) {
            CU_ASSERT_DOUBLE_EQUAL(o[SER_EXPORT][h], 200, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_CHARGE][h], 100, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_CURTAILED][h], 100, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_WIND_USED][h], 400, 1e-6);
            CU_ASSERT_DOUBLE_EQUAL(o[SER_UNSERVED][h], 0, 1e-6);
            /* The balance closes: wind used = load + export + charge. */
            CU_ASSERT_DOUBLE_EQUAL(o[SER_WIND_USED][h], load[h] + o[SER_EXPORT][h] + o[SER_CHARGE][h], 1e-6);
        }
        CU_ASSERT_EQUAL(rep.check_violations, 0);
    }
    lpdispatch_free(lp);
}

/* The firm schedule (风火打捆) on 48 hours worked by hand, renewable-first.
 * Line 400 MW, schedule 0.5 (hours 0-11) and 0.75 (12-23), no tolerance:
 * firm 200 / 300 MW. Load 100 MW, no storage, no import; coal fleet
 * 100-500 MW, ramp 50 MW/h, at 100 MW before hour 0.
 * Day 1, wind 400 MW: surplus at the coal floor 100 is 400 - 100 - firm -
 *   100 = 200 (hours 0-11) or 100 (12-23), exactly the free line 200 / 100:
 *   export 400 every hour, coal 100, nothing curtailed.
 * Day 2, no wind: coal must carry load + firm = 300 (hours 0-11) and 400
 *   (12-23), rising 50 MW an hour: 150, 200, 250, 300 (hour 27) short 150,
 *   100, 50, 0; at hour 36 the firm step needs 400, coal reaches 350 (short
 *   50) and 400 at hour 37. Export is the firm part, in full (the shortfall
 *   is counted unserved). Totals: coal 24 x 100 + 900 + 8 x 300 + 350 +
 *   11 x 400 = 10450 MWh; export 24 x 400 + 12 x 200 + 12 x 300 = 15600 MWh
 *   (39 full-load hours of the line); unserved 150 + 100 + 50 + 50 = 350 MWh. */
static void firm_schedule_coal_follows(void)
{
    enum { H = 48 };
    static Calendar cal;
    static double wind[ECSIM_MAX_HOURS], solar[ECSIM_MAX_HOURS], load[ECSIM_MAX_HOURS],
        firm[ECSIM_MAX_HOURS], line[ECSIM_MAX_HOURS], room[ECSIM_MAX_HOURS], sched[ECSIM_MAX_HOURS],
        o[SER_COUNT][H];
    calendar_year_init(&cal, 2023);
    ExportParams p = { .mode = EXPORT_SCHEDULE, .tolerance_frac = 0 };
    absorb_all(&p, 1.0);
    for (int hd = 0; hd < 24; hd++) p.schedule_frac[hd] = hd < 12 ? 0.5 : 0.75;
    for (int h = 0; h < cal.hours; h++) line[h] = 400;
    export_year(&p, &cal, 400, firm);
    export_room(&p, &cal, line, firm, room);
    for (int h = 0; h < H; h++) {
        wind[h] = h < 24 ? 400 : 0;
        load[h] = 100;
    }
    YearInputs in = { .year = 2023, .hours = H };
    in.v[SER_WIND_AVAIL] = wind;
    in.v[SER_SOLAR_AVAIL] = solar;
    in.v[SER_LOAD] = load;
    in.v[SER_EXPORT_FIRM] = firm;
    in.v[SER_LINE] = line;
    in.v[SER_EXPORT_ROOM] = room;
    in.v[SER_SCHEDULED] = sched;
    YearSeries out = { 0 };
    const SeriesId outs[] = { SER_WIND_USED, SER_SOLAR_USED, SER_COAL, SER_DISCHARGE, SER_IMPORT,
                              SER_EXPORT, SER_CHARGE, SER_SOC, SER_CURTAILED, SER_UNSERVED };
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) out.v[outs[i]] = o[outs[i]];
    DispatchLimits lim = { .strategy = STRATEGY_RENEWABLE_FIRST, .keep_per_h = 1.0, .coal_min_mw = 100,
                           .coal_max_mw = 500, .coal_ramp_mw_per_h = 50, .import_allowed = 0,
                           .peak_threshold_mw = 1e9, .n_pool = 2,
                           .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                           .pool_used = { SER_WIND_USED, SER_SOLAR_USED } };
    DispatchState st = { .soc_mwh = 0, .coal_mw = 100 };
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &in, &st, &out, &rep), ST_OK);
    const double coal2[24] = { 150, 200, 250, 300, 300, 300, 300, 300, 300, 300, 300, 300,
                               350, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400 };
    const double short2[24] = { 150, 100, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    double coal = 0, exp = 0, uns = 0;
    for (int h = 0; h < H; h++) {
        int k = h % 24;
        double f = k < 12 ? 200 : 300;
        CU_ASSERT_DOUBLE_EQUAL(firm[h], f, 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(o[SER_EXPORT][h], h < 24 ? 400 : f, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(o[SER_COAL][h], h < 24 ? 100 : coal2[k], 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(o[SER_UNSERVED][h], h < 24 ? 0 : short2[k], 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(o[SER_CURTAILED][h], 0, 1e-9);
        /* The balance: wind + coal + unserved = load + export. */
        CU_ASSERT_DOUBLE_EQUAL(o[SER_WIND_USED][h] + o[SER_COAL][h] + o[SER_UNSERVED][h],
                               load[h] + o[SER_EXPORT][h], 1e-9);
        coal += o[SER_COAL][h];
        exp += o[SER_EXPORT][h];
        uns += o[SER_UNSERVED][h];
    }
    CU_ASSERT_DOUBLE_EQUAL(coal, 10450, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(exp, 15600, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(uns, 350, 1e-6);
    CU_ASSERT_EQUAL(rep.check_violations, 0);

    /* The contract's minimum hours (accounting.h): 15600 MWh / 400 MW = 39 h;
     * a minimum of 50 h is missed by 11 h, one of 30 h is met (0 short). */
    static Scenario s;
    static AnnualRow row;
    s.first_year = s.last_year = 2023;
    s.accounting.gce_per_kwh = (Schedule){ .n = 1, .year = { 2023 }, .value = { 300 } };
    s.accounting.grid_co2_kg_per_kwh = (Schedule){ .n = 1, .year = { 2023 }, .value = { 0.5 } };
    s.export_line.min_annual_hours = 50;
    row.year = 2023;
    row.export_capacity_mw = 400;
    row.export_mwh = exp;
    acct_year(&s, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.export_full_load_hours, 39, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.export_min_hours_shortfall_h, 11, 1e-9);
    s.export_line.min_annual_hours = 30;
    acct_year(&s, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.export_min_hours_shortfall_h, 0, 0);
}

/* N-1: the usable share of the rating. */
static void n_minus_1_share(void)
{
    ExportParams p = { .circuits = 2 };
    CU_ASSERT_DOUBLE_EQUAL(export_usable_frac(&p), 1, 0);        /* off: the whole rating */
    p.n_minus_1 = 1;
    CU_ASSERT_DOUBLE_EQUAL(export_usable_frac(&p), 0.5, 0);      /* double circuit: one left */
    p.circuits = 3;
    CU_ASSERT_DOUBLE_EQUAL(export_usable_frac(&p), 2.0 / 3.0, 1e-15);
    p.circuits = 1;
    CU_ASSERT_DOUBLE_EQUAL(export_usable_frac(&p), 0, 0);        /* nothing is secure */
    p.n1_rating_frac = 0.75;                                      /* a study's figure wins */
    CU_ASSERT_DOUBLE_EQUAL(export_usable_frac(&p), 0.75, 0);
}

/* The base plan run whole with the firm schedule, an N-1 double circuit and
 * an absorption limit: in every hour the line carries at most its N-1 share
 * (rated / 2), the firm part is the profile of that share, export beyond it
 * stays within the receiving grid's limit, and the balance closes. */
typedef struct {
    int years, hours, bad_line, bad_firm, bad_room, bad_balance;
    double exported_beyond_firm;
} GridCheck;

static Status check_grid_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                              const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    (void)wx;
    GridCheck *c = ctx;
    const ExportParams *p = &s->export_line;
    double rated = schedule_at(&p->capacity_mw, cal->year);
    c->years++;
    if (fabs(row->export_capacity_mw - rated) > 0) c->bad_line++;   /* the metric stays the rating */
    for (int h = 0; h < in->hours; h++) {
        double line = in->v[SER_LINE][h], firm = in->v[SER_EXPORT_FIRM][h], ex = o->v[SER_EXPORT][h];
        double absorb = line * p->absorption_frac[cal->hour_of_day[h]] * p->absorption_month_frac[cal->month[h] - 1];
        if (fabs(line - rated * 0.5) > 1e-9) c->bad_line++;
        if (fabs(firm - line * p->schedule_frac[cal->hour_of_day[h]] * (1 - p->tolerance_frac)) > 1e-9)
            c->bad_firm++;
        if (ex > firm + fmin(line - firm, absorb) + 1e-6 || ex < firm - 1e-9) c->bad_room++;
        double supply = o->v[SER_WIND_USED][h] + o->v[SER_SOLAR_USED][h] + o->v[SER_COAL][h]
                        + o->v[SER_DISCHARGE][h] + o->v[SER_IMPORT][h] + o->v[SER_UNSERVED][h]
                        + in->v[SER_CSP_USED][h];
        double demand = in->v[SER_LOAD][h] + ex + o->v[SER_CHARGE][h];
        if (fabs(supply - demand) > 1e-6) c->bad_balance++;
        c->exported_beyond_firm += ex - firm;
        c->hours++;
    }
    return ST_OK;
}

static void whole_run_firm_n1_absorption(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res);
    CU_ASSERT_EQUAL_FATAL(config_load("../configs/yiwu-14fyp.cfg", s, &d), ST_OK);
    ExportParams *p = &s->export_line;
    p->mode = EXPORT_SCHEDULE;
    p->tolerance_frac = 0.1;
    for (int hd = 0; hd < 24; hd++) {
        p->schedule_frac[hd] = hd < 8 ? 0.2 : 0.4;
        p->absorption_frac[hd] = hd < 8 ? 0.3 : 0.6;
    }
    for (int m = 0; m < 12; m++) p->absorption_month_frac[m] = m < 3 || m > 9 ? 0.5 : 1.0;
    p->n_minus_1 = 1;
    p->circuits = 2;
    p->min_annual_hours = 5000;
    Run *run = run_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(run);
    GridCheck c = { 0 };
    Sink sink = { &c, NULL, check_grid_year, NULL };
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, &sink, res, &d), ST_OK);
    CU_ASSERT_EQUAL(c.years, 6);
    CU_ASSERT_EQUAL(c.hours, 6 * 8760 + 2 * 24);
    CU_ASSERT_EQUAL(c.bad_line, 0);
    CU_ASSERT_EQUAL(c.bad_firm, 0);
    CU_ASSERT_EQUAL(c.bad_room, 0);
    CU_ASSERT_EQUAL(c.bad_balance, 0);
    CU_ASSERT(c.exported_beyond_firm > 0);   /* the room is used, not only bounded */
    for (int i = 0; i < res->n_years; i++) {
        const AnnualRow *r = &res->rows[i];
        CU_ASSERT_DOUBLE_EQUAL(r->export_full_load_hours, r->export_mwh / r->export_capacity_mw, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(r->export_min_hours_shortfall_h, fmax(5000 - r->export_full_load_hours, 0), 1e-9);
    }
    run_free(run);
    free(s);
    free(res);
}

/* Called by the generated runner (run_unit.c). */
void register_test_exportline(void);

void register_test_exportline(void)
{
    CU_pSuite s = CU_add_suite("test_exportline", NULL, NULL);
    CU_add_test(s, "surplus mode", surplus_mode_has_no_firm_export);
    CU_add_test(s, "schedule mode", schedule_mode_follows_profile);
    CU_add_test(s, "absorption limit: room by hand", absorption_room_by_hand);
    CU_add_test(s, "absorption limit in every strategy (rules and LP)", absorption_in_every_strategy);
    CU_add_test(s, "firm schedule: coal follows, minimum hours", firm_schedule_coal_follows);
    CU_add_test(s, "N-1 share of the rating", n_minus_1_share);
    CU_add_test(s, "whole run: firm schedule, N-1 and absorption limit", whole_run_firm_n1_absorption);
}
