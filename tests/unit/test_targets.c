/* test_targets.c — every target operator passing, failing and hit exactly,
 * the reduction rule (including a zero and a negative base), the year rules,
 * the not-evaluable convention, basis and kind (schedule targets checked at
 * year end, a monthly build-out) and the base plan's seed targets. Expected
 * values are worked by hand in the comments from the rules in targets.h. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "metrics.h"
#include "schedule.h"
#include "targets.h"

static Target make(const char *metric, TargetOp op, double threshold, double upper,
                   int year, int base_year)
{
    Target t;
    memset(&t, 0, sizeof t);
    strcpy(t.id, "t");
    strcpy(t.label, "测试");
    strcpy(t.metric, metric);
    t.op = op;
    t.threshold = threshold;
    t.upper = upper;
    t.year = year;
    t.base_year = base_year;
    t.kind = KIND_RESULT;   /* the operator tests check the named metric itself */
    return t;
}

/* Evaluates the single target t on rows; returns the number of results. */
static int eval1(Target t, const AnnualRow *rows, int n, TargetResult *res, int *failed)
{
    TargetList tl;
    memset(&tl, 0, sizeof tl);
    tl.n = 1;
    tl.t[0] = t;
    return targets_evaluate(&tl, rows, n, res, 8, failed);
}

static void op_ge(void)
{
    AnnualRow r[2];
    TargetResult res[8];
    int failed = -1;
    memset(r, 0, sizeof r);
    r[0].year = 2024; r[0].wind_capacity_mw = 3000;
    r[1].year = 2025; r[1].wind_capacity_mw = 3300;
    /* 3300 >= 3200 in 2025: pass, margin 3300 - 3200 = 100. The 2024 row is not checked. */
    CU_ASSERT_EQUAL(eval1(make("wind_capacity_mw", OP_GE, 3200, 0, 2025, 0), r, 2, res, &failed), 1);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_EQUAL(res[0].year, 2025);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 3300, 0);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_EQUAL(res[0].valid, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 100, 0);
    CU_ASSERT_STRING_EQUAL(res[0].label, "测试");
    /* 3100: fail, margin -100. */
    r[1].wind_capacity_mw = 3100;
    eval1(make("wind_capacity_mw", OP_GE, 3200, 0, 2025, 0), r, 2, res, &failed);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -100, 0);
    /* Exact hit 3200: pass, margin 0. */
    r[1].wind_capacity_mw = 3200;
    eval1(make("wind_capacity_mw", OP_GE, 3200, 0, 2025, 0), r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 0, 0);
    /* Rounded hit: 0.3 >= 0.1 + 0.2 (= 0.30000000000000004) within 1e-9
     * relative: pass, and the -5.6e-17 margin is reported as 0. */
    r[1].re_utilisation = 0.3;
    eval1(make("re_utilisation", OP_GE, 0.1 + 0.2, 0, 2025, 0), r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT(res[0].margin == 0);
    /* Just outside the tolerance: 0.3 - 1e-6 >= 0.3 fails. */
    r[1].re_utilisation = 0.3 - 1e-6;
    eval1(make("re_utilisation", OP_GE, 0.3, 0, 2025, 0), r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -1e-6, 1e-15);
}

static void op_le(void)
{
    AnnualRow r;
    TargetResult res[8];
    int failed;
    memset(&r, 0, sizeof r);
    r.year = 2023;
    /* Unserved 0 <= 0: pass, margin 0 - 0 = 0. */
    eval1(make("unserved_mwh", OP_LE, 0, 0, 2023, 0), &r, 1, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 0, 0);
    /* 5 MWh: fail, margin 0 - 5 = -5. */
    r.unserved_mwh = 5;
    eval1(make("unserved_mwh", OP_LE, 0, 0, 2023, 0), &r, 1, res, &failed);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -5, 0);
    /* 5 <= 8: pass, margin 3. */
    eval1(make("unserved_mwh", OP_LE, 8, 0, 2023, 0), &r, 1, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 3, 0);
    /* Rounded hit: 0.1 + 0.2 <= 0.3 passes, margin 0. */
    r.unserved_mwh = 0.1 + 0.2;
    eval1(make("unserved_mwh", OP_LE, 0.3, 0, 2023, 0), &r, 1, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT(res[0].margin == 0);
}

static void op_range(void)
{
    AnnualRow r;
    TargetResult res[8];
    int failed;
    memset(&r, 0, sizeof r);
    r.year = 2025;
    /* 45-60 Mt/a. value -> pass, margin = min(value - 45, 60 - value):
     * 50 -> 1, min(5, 10) = 5;   44 -> 0, min(-1, 16) = -1;   61 -> 0, min(16, -1) = -1;
     * 45 -> 1, 0 (lower edge);   60 -> 1, 0 (upper edge). */
    const double v[] = {50, 44, 61, 45, 60};
    const int pass[] = {1, 0, 0, 1, 1};
    const double margin[] = {5, -1, -1, 0, 0};
    for (int i = 0; i < 5; i++) {
        r.coal_capacity_mt = v[i];
        eval1(make("coal_capacity_mt", OP_RANGE, 45, 60, 2025, 0), &r, 1, res, &failed);
        CU_ASSERT_EQUAL(res[0].pass, pass[i]);
        CU_ASSERT_EQUAL(failed, !pass[i]);
        CU_ASSERT_DOUBLE_EQUAL(res[0].margin, margin[i], 0);
        CU_ASSERT_DOUBLE_EQUAL(res[0].upper, 60, 0);
    }
}

static void op_reduction(void)
{
    AnnualRow r[2];
    TargetResult res[8];
    int failed;
    memset(r, 0, sizeof r);
    r[0].year = 2020; r[1].year = 2025;
    Target t = make("carbon_intensity_t_per_10k_yuan", OP_REDUCTION, 0.12, 0, 2025, 2020);
    /* 10.0 -> 8.6: value = 1 - 8.6/10 = 0.14 >= 0.12, pass, margin 0.02. */
    r[0].carbon_intensity_t_per_10k_yuan = 10.0;
    r[1].carbon_intensity_t_per_10k_yuan = 8.6;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_EQUAL(res[0].base_year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 0.14, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 0.02, 1e-15);
    /* 10.0 -> 9.0: 0.10 < 0.12, fail, margin -0.02. */
    r[1].carbon_intensity_t_per_10k_yuan = 9.0;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 0.10, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -0.02, 1e-15);
    /* Exact hit 10.0 -> 8.8: (10 - 8.8)/10 is 0.11999999999999993 in binary,
     * 7e-17 short of 0.12, well inside the 1e-9 relative tolerance: pass, margin 0. */
    r[1].carbon_intensity_t_per_10k_yuan = 8.8;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT(res[0].margin == 0);
    /* Negative base (net-exchange CO2 of an exporter): -2 -> -3 fell by
     * |-1| / |-2| = 0.5 >= 0.12, pass, margin 0.38. */
    r[0].carbon_intensity_t_per_10k_yuan = -2;
    r[1].carbon_intensity_t_per_10k_yuan = -3;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].pass, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 0.5, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 0.38, 1e-15);
    /* Zero base: not evaluable -> fail, valid 0, value 0, margin 0 (not NaN). */
    r[0].carbon_intensity_t_per_10k_yuan = 0;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_EQUAL(res[0].valid, 0);
    CU_ASSERT(res[0].value == 0 && res[0].margin == 0);
    /* base_year 0 = the first row's year. */
    r[0].carbon_intensity_t_per_10k_yuan = 10.0;
    r[1].carbon_intensity_t_per_10k_yuan = 8.0;
    eval1(make("carbon_intensity_t_per_10k_yuan", OP_REDUCTION, 0.12, 0, 2025, 0), r, 2, res, &failed);
    CU_ASSERT_EQUAL(res[0].base_year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 0.2, 1e-15);
}

static void every_year(void)
{
    AnnualRow r[3];
    TargetResult res[8];
    int failed;
    memset(r, 0, sizeof r);
    for (int i = 0; i < 3; i++) r[i].year = 2020 + i;
    r[0].re_utilisation = 0.97; r[1].re_utilisation = 0.93; r[2].re_utilisation = 0.95;
    /* >= 0.95 each year: 2020 pass (+0.02), 2021 fail (-0.02), 2022 exact (0). */
    int n = eval1(make("re_utilisation", OP_GE, 0.95, 0, 0, 0), r, 3, res, &failed);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_EQUAL(res[1].year, 2021);
    CU_ASSERT_EQUAL(res[1].pass, 0);
    CU_ASSERT_DOUBLE_EQUAL(res[1].margin, -0.02, 1e-15);
    CU_ASSERT_EQUAL(res[2].pass, 1);
    /* An every-year reduction from 2020 is checked in 2021 and 2022 only:
     * intensities 5, 4.5, 4 -> reductions 0.10 and 0.20 against >= 0.12. */
    r[0].energy_intensity_tce_per_10k_yuan = 5;
    r[1].energy_intensity_tce_per_10k_yuan = 4.5;
    r[2].energy_intensity_tce_per_10k_yuan = 4;
    n = eval1(make("energy_intensity_tce_per_10k_yuan", OP_REDUCTION, 0.12, 0, 0, 2020), r, 3, res, &failed);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(res[0].year, 2021);
    CU_ASSERT_EQUAL(res[0].pass, 0);
    CU_ASSERT_EQUAL(res[1].year, 2022);
    CU_ASSERT_DOUBLE_EQUAL(res[1].value, 0.2, 1e-15);
    CU_ASSERT_EQUAL(failed, 1);
}

static void not_evaluable(void)
{
    AnnualRow r;
    TargetResult res[8];
    int failed;
    memset(&r, 0, sizeof r);
    r.year = 2025;
    /* Unknown metric, year outside the rows, non-finite value: fail, valid 0,
     * value 0, margin 0, whatever the operator would have said. */
    eval1(make("wind_capacity_gw", OP_LE, 1e9, 0, 2025, 0), &r, 1, res, &failed);
    CU_ASSERT(failed == 1 && res[0].pass == 0 && res[0].valid == 0 && res[0].margin == 0);
    eval1(make("wind_capacity_mw", OP_LE, 1e9, 0, 2030, 0), &r, 1, res, &failed);
    CU_ASSERT(failed == 1 && res[0].valid == 0 && res[0].year == 2030);
    r.co2_mt = (double)NAN;
    eval1(make("co2_mt", OP_LE, 1e9, 0, 2025, 0), &r, 1, res, &failed);
    CU_ASSERT(failed == 1 && res[0].valid == 0 && res[0].value == 0 && res[0].margin == 0);
    /* A reduction whose base year has no row. */
    eval1(make("wind_capacity_mw", OP_REDUCTION, 0, 0, 2025, 2019), &r, 1, res, &failed);
    CU_ASSERT(failed == 1 && res[0].valid == 0 && res[0].base_year == 2019);
    /* No rows at all. */
    CU_ASSERT_EQUAL(eval1(make("wind_capacity_mw", OP_REDUCTION, 0, 0, 2025, 0), &r, 0, res, &failed), 1);
    CU_ASSERT(failed == 1 && res[0].valid == 0);
}

static void capacity_limit(void)
{
    AnnualRow r[4];
    TargetResult res[2];
    int failed;
    memset(r, 0, sizeof r);
    for (int i = 0; i < 4; i++) { r[i].year = 2020 + i; r[i].unserved_mwh = i; }
    TargetList tl;
    memset(&tl, 0, sizeof tl);
    tl.n = 1;
    tl.t[0] = make("unserved_mwh", OP_LE, 0, 0, 0, 0);
    /* 4 results (2021-2023 fail), room for 2: 2 written, all 3 failures counted. */
    CU_ASSERT_EQUAL(targets_result_count(&tl, r, 4), 4);
    CU_ASSERT_EQUAL(targets_evaluate(&tl, r, 4, res, 2, &failed), 2);
    CU_ASSERT_EQUAL(failed, 3);
}

static void seed_defaults(void)
{
    TargetList tl;
    memset(&tl, 0xff, sizeof tl);   /* replaced, not appended */
    targets_seed_defaults(&tl);
    CU_ASSERT_EQUAL(tl.n, 9);
    for (int i = 0; i < tl.n; i++)
        CU_ASSERT_PTR_NOT_NULL(metrics_find(tl.t[i].metric));   /* every name is a column */
    CU_ASSERT_STRING_EQUAL(tl.t[0].id, "energy_production_capacity");
    CU_ASSERT_STRING_EQUAL(tl.t[0].label, "能源综合生产能力");
    CU_ASSERT_STRING_EQUAL(tl.t[1].metric, "carbon_intensity_t_per_10k_yuan");
    CU_ASSERT(tl.t[1].op == OP_REDUCTION && tl.t[1].base_year == 2020 && tl.t[1].year == 2025);
    /* Indicators 14 and 15: the national 14th-FYP figures, marked assumption
     * (no Hami quota is public); 20 is the plan's; utilisation is policy. */
    CU_ASSERT_DOUBLE_EQUAL(tl.t[1].threshold, 0.18, 0);
    CU_ASSERT_DOUBLE_EQUAL(tl.t[2].threshold, 0.135, 0);
    CU_ASSERT(tl.t[0].basis == BASIS_PLAN && tl.t[1].basis == BASIS_ASSUMPTION && tl.t[2].basis == BASIS_ASSUMPTION);
    CU_ASSERT(tl.t[7].basis == BASIS_POLICY && tl.t[8].basis == BASIS_ASSUMPTION);
    CU_ASSERT_DOUBLE_EQUAL(tl.t[7].threshold, 0.90, 0);
    CU_ASSERT(strstr(tl.t[1].note, "[12]") && strstr(tl.t[2].note, "[10]"));   /* history, not the target */
    for (int i = 0; i < tl.n; i++) {
        int sched = i >= 3 && i <= 6;   /* coal, wind, PV, storage capacity */
        CU_ASSERT_EQUAL(targets_kind(&tl.t[i]), sched ? KIND_SCHEDULE : KIND_RESULT);
        CU_ASSERT(sched || tl.t[i].basis != BASIS_PLAN || i == 0);
    }
    CU_ASSERT(tl.t[3].op == OP_RANGE && tl.t[3].threshold == 45 && tl.t[3].upper == 60);
    CU_ASSERT_STRING_EQUAL(tl.t[8].label, "供电可靠(缺电量)");

    /* A plan period 2020-2025 that meets everything (intensities −20 % and
     * −20 %, utilisation 91 %): 7 one-year checks plus
     * 2 every-year checks x 6 years = 19 results, none failing. */
    AnnualRow r[6];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 6; i++) {
        r[i].year = 2020 + i;
        r[i].re_utilisation = 0.91;
        r[i].energy_intensity_tce_per_10k_yuan = 5.0 - 0.2 * i;   /* 2025: 4.0, -20 % */
        r[i].carbon_intensity_t_per_10k_yuan = 10.0 - 0.4 * i;   /* 2025: 8.0, -20 % */
    }
    r[5].energy_production_capacity_yi_tce = 0.31;
    r[5].coal_capacity_end_mt = 55;   /* the schedule checks read the year-end capacities */
    r[5].wind_capacity_end_mw = 3200;
    r[5].solar_capacity_end_mw = 800;
    r[5].storage_power_mw = 400;
    TargetResult res[32];
    int failed = -1;
    CU_ASSERT_EQUAL(targets_evaluate(&tl, r, 6, res, 32, &failed), 19);
    CU_ASSERT_EQUAL(failed, 0);
    /* One year of curtailment above 10 % fails one check: exit status 3 territory. */
    r[3].re_utilisation = 0.89;
    targets_evaluate(&tl, r, 6, res, 32, &failed);
    CU_ASSERT_EQUAL(failed, 1);
}

/* KIND_AUTO: schedule for a technology's capacity in force (MW, Mt/a, not
 * the load's), result otherwise; an explicit kind wins. */
static void kind_inferred(void)
{
    static const char *const sched[] = { "wind_capacity_mw", "solar_capacity_mw", "storage_power_mw",
                                         "coal_capacity_mt", "coal_power_capacity_mw", "export_capacity_mw",
                                         "csp_capacity_mw", "wind_capacity_end_mw" };
    static const char *const result[] = { "re_utilisation", "unserved_mwh", "peak_load_mw", "wind_used_mwh",
                                          "coal_output_mt", "energy_production_capacity_yi_tce", "co2_mt",
                                          "island_shortfall_mwh", "no_such_metric" };
    Target t = make("x", OP_GE, 0, 0, 0, 0);
    t.kind = KIND_AUTO;
    for (size_t i = 0; i < sizeof sched / sizeof sched[0]; i++) {
        strcpy(t.metric, sched[i]);
        CU_ASSERT_EQUAL(targets_kind(&t), KIND_SCHEDULE);
    }
    for (size_t i = 0; i < sizeof result / sizeof result[0]; i++) {
        strcpy(t.metric, result[i]);
        CU_ASSERT_EQUAL(targets_kind(&t), KIND_RESULT);
    }
    strcpy(t.metric, "wind_capacity_mw");
    t.kind = KIND_RESULT;
    CU_ASSERT_EQUAL(targets_kind(&t), KIND_RESULT);
    strcpy(t.metric, "co2_mt");
    t.kind = KIND_SCHEDULE;
    CU_ASSERT_EQUAL(targets_kind(&t), KIND_SCHEDULE);

    /* The year-end counterparts: by name, where the registry has one. */
    CU_ASSERT_STRING_EQUAL(targets_checked_metric("wind_capacity_mw", KIND_SCHEDULE)->name, "wind_capacity_end_mw");
    CU_ASSERT_STRING_EQUAL(targets_checked_metric("solar_capacity_mw", KIND_SCHEDULE)->name, "solar_capacity_end_mw");
    CU_ASSERT_STRING_EQUAL(targets_checked_metric("coal_capacity_mt", KIND_SCHEDULE)->name, "coal_capacity_end_mt");
    CU_ASSERT_STRING_EQUAL(targets_checked_metric("storage_power_mw", KIND_SCHEDULE)->name, "storage_power_mw");
    CU_ASSERT_STRING_EQUAL(targets_checked_metric("wind_capacity_mw", KIND_RESULT)->name, "wind_capacity_mw");
    CU_ASSERT_PTR_NULL(targets_checked_metric("no_such_metric", KIND_SCHEDULE));
}

/* Basis and kind travel into every result of the target. */
static void basis_and_kind_in_results(void)
{
    AnnualRow r[2];
    TargetResult res[8];
    int failed;
    memset(r, 0, sizeof r);
    r[0].year = 2024;
    r[1].year = 2025;
    Target t = make("re_utilisation", OP_GE, 0.9, 0, 0, 0);
    t.basis = BASIS_POLICY;
    t.kind = KIND_AUTO;
    strcpy(t.note, "NEA 2024");
    CU_ASSERT_EQUAL(eval1(t, r, 2, res, &failed), 2);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT(res[i].basis == BASIS_POLICY && res[i].kind == KIND_RESULT);
        CU_ASSERT_STRING_EQUAL(res[i].note, "NEA 2024");
    }
    t = make("wind_capacity_mw", OP_GE, 3200, 0, 2025, 0);
    t.basis = BASIS_PLAN;
    t.kind = KIND_AUTO;
    r[1].wind_capacity_end_mw = 3200;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT(res[0].basis == BASIS_PLAN && res[0].kind == KIND_SCHEDULE && res[0].pass == 1);
    CU_ASSERT_STRING_EQUAL(res[0].metric, "wind_capacity_mw");   /* the metric as configured */
}

/* The monthly case (issue 9): wind 1600 MW at the end of 2024 growing month
 * by month to exactly 3200 MW in December 2025. The 2025 mean is 1600 +
 * 1600 x mean((m − 0.5)/12) = 1600 + 800 = 2400 MW (schedule.h), so a check on
 * the mean fails by 800 MW; the schedule check reads the 3200 MW installed at
 * year end and passes with margin 0. */
static void monthly_commissioning(void)
{
    Schedule s;
    memset(&s, 0, sizeof s);
    s.n = 2;
    s.year[0] = 2024; s.value[0] = 1600;
    s.year[1] = 2025; s.value[1] = 3200;
    AnnualRow r[2];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 2; i++) {   /* as the wind year step fills them (tech.c) */
        r[i].year = 2024 + i;
        r[i].wind_capacity_mw = schedule_year_mean(&s, 2024 + i, 1);
        r[i].wind_capacity_end_mw = schedule_at(&s, 2024 + i);
    }
    CU_ASSERT_DOUBLE_EQUAL(r[1].wind_capacity_mw, 2400, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(schedule_month(&s, 2025, 12, 1), 1600 + 1600 * 11.5 / 12, 1e-9);   /* December's mean */
    CU_ASSERT_DOUBLE_EQUAL(r[1].wind_capacity_end_mw, 3200, 0);

    TargetResult res[8];
    int failed = -1;
    Target t = make("wind_capacity_mw", OP_GE, 3200, 0, 2025, 0);
    t.kind = KIND_AUTO;   /* inferred: schedule */
    CU_ASSERT_EQUAL(eval1(t, r, 2, res, &failed), 1);
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT(res[0].kind == KIND_SCHEDULE && res[0].pass == 1 && res[0].valid == 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].value, 3200, 0);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, 0, 0);
    /* The same target declared a result reads the year mean and fails by 800 MW. */
    t.kind = KIND_RESULT;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -800, 1e-9);
    /* A build-out that stops at 3100 MW fails the schedule check by 100 MW. */
    s.value[1] = 3100;
    r[1].wind_capacity_end_mw = schedule_at(&s, 2025);
    t.kind = KIND_SCHEDULE;
    eval1(t, r, 2, res, &failed);
    CU_ASSERT(failed == 1 && res[0].pass == 0);
    CU_ASSERT_DOUBLE_EQUAL(res[0].margin, -100, 1e-9);
}

void register_test_targets(void);
void register_test_targets(void)
{
    CU_pSuite s = CU_add_suite("test_targets", NULL, NULL);
    CU_add_test(s, ">=", op_ge);
    CU_add_test(s, "<=", op_le);
    CU_add_test(s, "range", op_range);
    CU_add_test(s, "reduction from a base year", op_reduction);
    CU_add_test(s, "every year", every_year);
    CU_add_test(s, "not evaluable", not_evaluable);
    CU_add_test(s, "result capacity", capacity_limit);
    CU_add_test(s, "seed targets", seed_defaults);
    CU_add_test(s, "kind inferred from the metric", kind_inferred);
    CU_add_test(s, "basis and kind in the results", basis_and_kind_in_results);
    CU_add_test(s, "monthly commissioning: capacity at year end", monthly_commissioning);
}
