/* test_exportline.c — firm export per hour in both line modes; the
 * receiving grid's absorption limit on the free line, by hand, and through
 * every dispatch strategy (rules and the LP). */
#include <CUnit/CUnit.h>
#include <stdlib.h>

#include "calendar.h"
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

/* Called by the generated runner (run_unit.c). */
void register_test_exportline(void);

void register_test_exportline(void)
{
    CU_pSuite s = CU_add_suite("test_exportline", NULL, NULL);
    CU_add_test(s, "surplus mode", surplus_mode_has_no_firm_export);
    CU_add_test(s, "schedule mode", schedule_mode_follows_profile);
    CU_add_test(s, "absorption limit: room by hand", absorption_room_by_hand);
    CU_add_test(s, "absorption limit in every strategy (rules and LP)", absorption_in_every_strategy);
}
