/* test_present.c — display units, number format, metric labels and enum
 * names. Expected values are worked by hand from the unit definitions:
 * 1 万千瓦 = 10^4 kW = 10 MW, 1 亿千瓦时 = 10^8 kWh = 10^5 MWh,
 * 1 万吨 = 0.01 Mt, 1 亿吨标煤 = 100 Mtce, 1 GWh = 10^3 MWh. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "compare.h"
#include "enums.h"
#include "metrics.h"
#include "present.h"
#include "schema.h"
#include "summary.h"

static void plan_units(void)
{
    char b[64];
    DisplayUnit u = present_unit("MW", 3200, 0);
    CU_ASSERT_STRING_EQUAL(u.unit, "万千瓦");
    CU_ASSERT_DOUBLE_EQUAL(3200 * u.scale, 320, 1e-12);
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", 3200, 0, 0, 0), "320万千瓦");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", 3200, 1, 0, 0), "3200 MW");
    /* 10735 GWh = 1.0735e7 MWh = 107.35 亿千瓦时 */
    u = present_unit("MWh", 1.0735e7, 0);
    CU_ASSERT_STRING_EQUAL(u.unit, "亿千瓦时");
    CU_ASSERT_DOUBLE_EQUAL(1.0735e7 * u.scale, 107.35, 1e-9);
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 1.0735e7, 0, 0, 0), "107亿千瓦时");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 1.0735e7, 1, 0, 0), "10735 GWh");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 7907378.677, 0, 0, 0), "79.1亿千瓦时");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 7907378.677, 1, 0, 0), "7907 GWh");
    /* below 1 亿千瓦时 (10^5 MWh) the plan writes 万千瓦时; below 10^4 MWh SI keeps MWh */
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 74700, 0, 0, 0), "7470万千瓦时");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MWh", 2500, 1, 0, 0), "2500 MWh");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "Mt/a", 45, 0, 0, 0), "4500万吨");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "Mt/a", 45, 1, 0, 0), "45 Mt");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "亿tce", 0.421, 0, 0, 0), "0.421亿吨标煤");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "亿tce", 0.421, 1, 0, 0), "42.1 Mtce");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "亿tce", 0.29, 0, 0, 0), "0.29亿吨标煤");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "Mtce", 5.76, 0, 0, 0), "576万吨标煤");
    /* 1.6e6 tce = 160 万吨标煤 = 1.6 Mtce */
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "tce", 1.6e6, 0, 0, 0), "160万吨标煤");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "tce", 1.6e6, 1, 0, 0), "1.6 Mtce");
    /* 153 亿元 = 15.3 bn CNY */
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "亿元", 153, 1, 0, 0), "15.3 bn CNY");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "tce/万元", 3.765, 0, 0, 0), "3.77吨标煤/万元");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "1", 0.850337, 0, 0, 0), "85%");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "1", -0.0996627, 0, 1, 1), "−9.97个百分点");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "1", 0.285, 1, 1, 1), "+28.5 pp");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", 0, 0, 1, 1), "±0万千瓦");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", -0.0001, 0, 0, 0), "0万千瓦");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", NAN, 0, 0, 0), "无");
    CU_ASSERT_STRING_EQUAL(present_format(b, sizeof b, "MW", NAN, 1, 0, 0), "n/a");
    /* one unit for a row: 3000 MWh among values up to 10^6 MWh stays in 亿千瓦时 */
    CU_ASSERT_STRING_EQUAL(present_format_as(b, sizeof b, "MWh", 3000, 1e6, 0, 0, 0), "0.03亿千瓦时");
}

static void named_units(void)
{
    DisplayUnit u;
    CU_ASSERT(present_unit_named("Mtce", "亿吨标煤", 0, &u) && fabs(u.scale - 0.01) < 1e-15);
    CU_ASSERT(present_unit_named("MWh", "万千瓦时", 0, &u) && fabs(u.scale - 0.1) < 1e-15);
    CU_ASSERT(present_unit_named("MW", "MW", 1, &u) && u.scale == 1);
    CU_ASSERT(present_unit_named("1", "", 0, &u) && u.scale == 1 && !u.percent);
    CU_ASSERT(!present_unit_named("MW", "亿千瓦时", 0, &u));
    /* an unknown unit is shown as it is */
    u = present_unit("furlong", 1, 0);
    CU_ASSERT(u.scale == 1 && strcmp(u.unit, "") == 0);
    CU_ASSERT(!present_unit_known("furlong"));
}

/* Every metric of the registry has a display unit in both languages, and
 * every label is there once stripped of a unit in parentheses. */
static void every_metric_presented(void)
{
    char zh[160], en[160];
    for (int i = 0; i < metrics_count(); i++) {
        const Metric *m = metrics_get(i);
        if (!present_unit_known(m->unit)) CU_FAIL_FATAL("a metric's unit is not in the unit table (present.c)");
        present_metric_label(m->name, 0, zh, sizeof zh);
        present_metric_label(m->name, 1, en, sizeof en);
        CU_ASSERT(zh[0] != '\0' && en[0] != '\0');
        CU_ASSERT(strstr(zh, "吨标煤)") == NULL && strstr(en, "Mtce)") == NULL);
    }
    present_metric_label("energy_production_capacity_yi_tce", 0, zh, sizeof zh);
    present_metric_label("energy_production_capacity_yi_tce", 1, en, sizeof en);
    CU_ASSERT_STRING_EQUAL(zh, "能源综合生产能力");
    CU_ASSERT_STRING_EQUAL(en, "energy production capacity");
    present_metric_label("no_such_metric", 1, en, sizeof en);
    CU_ASSERT_STRING_EQUAL(en, "no_such_metric");
}

/* The figure lists of summary.md and the comparison resolve: every metric
 * exists and every named unit is one of its metric's. */
static void figure_lists(void)
{
    const Figure *lists[2];
    int n[2];
    lists[0] = summary_key_figures(&n[0]);
    lists[1] = compare_key_figures(&n[1]);
    for (int l = 0; l < 2; l++) {
        CU_ASSERT(n[l] > 0);
        for (int k = 0; k < n[l]; k++) {
            const char *names[PRESENT_TECH_MAX], *cap[PRESENT_TECH_MAX];
            int m = present_tech_figures(lists[l][k].metric, names, cap);
            FigureCol c;
            if (m < 0) CU_ASSERT(present_figure(&lists[l][k], &c));
            for (int t = 0; t < m; t++)
                CU_ASSERT(present_figure(&(Figure){ names[t], lists[l][k].format, lists[l][k].unit, 0 }, &c));
        }
    }
    FigureCol c;
    CU_ASSERT(present_figure(&(Figure){ "wind_capacity_mw", "%.1f", NULL, 0 }, &c));
    CU_ASSERT_STRING_EQUAL(c.heading, "风电装机 wind capacity (万千瓦)");
    AnnualRow row = { .wind_capacity_mw = 3200, .energy_production_capacity_calorific_mtce = 40.43 };
    CU_ASSERT_DOUBLE_EQUAL(present_figure_value(&c, &row), 320, 1e-12);
    CU_ASSERT(present_figure(&(Figure){ "energy_production_capacity_calorific_mtce", "%.4f", "亿吨标煤", 0 }, &c));
    CU_ASSERT_STRING_EQUAL(c.heading, "能源综合生产能力(电热当量法) energy production capacity (calorific) (亿吨标煤)");
    CU_ASSERT_DOUBLE_EQUAL(present_figure_value(&c, &row), 0.4043, 1e-12);
    CU_ASSERT(present_figure(&(Figure){ "storage_cycles", "%.0f", "", 0 }, &c));
    CU_ASSERT_STRING_EQUAL(c.heading, "储能等效循环次数 storage equivalent cycles");
    CU_ASSERT(!present_figure(&(Figure){ "wind_capacity_mw", "%.1f", "亿千瓦时", 0 }, &c));
    CU_ASSERT(!present_figure(&(Figure){ "no_such_metric", "%.1f", NULL, 0 }, &c));
}

/* Per-technology figures: one per generator (wind, PV, CSP), in registry
 * order; CSP's available energy is its used energy (nothing curtails it). */
static void tech_figures(void)
{
    const char *names[PRESENT_TECH_MAX], *cap[PRESENT_TECH_MAX];
    CU_ASSERT_EQUAL(present_tech_figures("wind_capacity_mw", names, cap), -1);
    CU_ASSERT_EQUAL_FATAL(present_tech_figures(FIG_TECH_CAPACITY, names, cap), 3);
    CU_ASSERT_STRING_EQUAL(names[0], "wind_capacity_mw");
    CU_ASSERT_STRING_EQUAL(names[1], "solar_capacity_mw");
    CU_ASSERT_STRING_EQUAL(names[2], "csp_capacity_mw");
    CU_ASSERT_EQUAL_FATAL(present_tech_figures(FIG_TECH_USED, names, cap), 3);
    CU_ASSERT_STRING_EQUAL(names[0], "wind_used_mwh");
    CU_ASSERT_STRING_EQUAL(names[2], "csp_used_mwh");
    CU_ASSERT_STRING_EQUAL(cap[2], "csp_capacity_mw");
    CU_ASSERT_EQUAL_FATAL(present_tech_figures(FIG_TECH_AVAIL, names, cap), 3);
    CU_ASSERT_STRING_EQUAL(names[1], "solar_avail_mwh");
    CU_ASSERT_STRING_EQUAL(names[2], "csp_used_mwh");
    CU_ASSERT_EQUAL_FATAL(present_tech_figures(FIG_TECH_FLH, names, cap), 3);
    CU_ASSERT_STRING_EQUAL(names[0], "wind_full_load_hours");
    CU_ASSERT_STRING_EQUAL(names[2], "csp_full_load_hours");
    CU_ASSERT_STRING_EQUAL(cap[1], "solar_capacity_mw");

    /* shown when the capacity is above zero in some year */
    AnnualRow rows[3] = { { .wind_capacity_mw = 100 }, { .wind_capacity_mw = 200 }, { .wind_capacity_mw = 300 } };
    CU_ASSERT(present_tech_shown("wind_capacity_mw", rows, 3));
    CU_ASSERT(!present_tech_shown("csp_capacity_mw", rows, 3));
    rows[2].csp_capacity_mw = 50;
    CU_ASSERT(present_tech_shown("csp_capacity_mw", rows, 3));
    CU_ASSERT(!present_tech_shown("csp_capacity_mw", rows, 2));
    CU_ASSERT(!present_tech_shown("no_such_metric", rows, 3));
}

/* The console line: 0.85 = 85.0%, 7.47e5 MWh = 747 GWh, 250 MWh kept in MWh. */
static void console_line(void)
{
    AnnualRow r = { .re_utilisation = 0.85, .curtailed_mwh = 7.47e5, .coal_power_mwh = 5.098e6,
                    .export_mwh = 1.0735e7, .unserved_mwh = 250 };
    char b[512];
    CU_ASSERT_STRING_EQUAL(present_console_line(b, sizeof b, &r),
                           "renewable utilisation 85.0%, curtailed 747 GWh, coal power generation 5098 GWh, "
                           "export 10735 GWh, unserved energy 250 MWh");
}

/* Names round-trip through values in every table, and they are the
 * schema's: the enum setting's default is the name of the default value. */
static void enum_names(void)
{
    for (int t = 0; t < ENUM_TABLES; t++) {
        int n = enum_count((EnumTable)t);
        CU_ASSERT(n >= 1);
        for (int v = 0; v < n; v++) CU_ASSERT_EQUAL(enum_value((EnumTable)t, enum_name((EnumTable)t, v)), v);
        CU_ASSERT_STRING_EQUAL(enum_name((EnumTable)t, n), "?");
        CU_ASSERT_STRING_EQUAL(enum_name((EnumTable)t, -1), "?");
        CU_ASSERT_EQUAL(enum_value((EnumTable)t, "no-such-name"), -1);
    }
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_STRATEGY, STRATEGY_RENEWABLE_FIRST), "renewable-first");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_STRATEGY, STRATEGY_PEAK_SHAVING), "peak-shaving");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_STRATEGY, STRATEGY_LINE_FIRST), "line-first");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_TARGET_OP, OP_GE), ">=");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_TARGET_OP, OP_LE), "<=");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_TARGET_OP, OP_RANGE), "range");
    CU_ASSERT_STRING_EQUAL(enum_name(ENUM_TARGET_OP, OP_REDUCTION), "reduction");
    CU_ASSERT_EQUAL(enum_value(ENUM_SCOPE, "net-exchange"), SCOPE_NET_EXCHANGE);
    CU_ASSERT_EQUAL(enum_value(ENUM_METHOD, "calorific"), CONV_CALORIFIC);
    CU_ASSERT_STRING_EQUAL(present_op_symbol(OP_LE), "≤");
    CU_ASSERT_STRING_EQUAL(present_op_symbol(OP_GE), "≥");
    const SchemaEntry *e = schema_find(enum_setting(ENUM_STRATEGY));
    CU_ASSERT(e && e->kind == SK_ENUM && e->values[0] == enum_name(ENUM_STRATEGY, 0));
}

void register_test_present(void);
void register_test_present(void)
{
    CU_pSuite s = CU_add_suite("test_present", NULL, NULL);
    CU_add_test(s, "plan and SI units", plan_units);
    CU_add_test(s, "units by name", named_units);
    CU_add_test(s, "every metric has a display unit and label", every_metric_presented);
    CU_add_test(s, "figure lists resolve", figure_lists);
    CU_add_test(s, "per-technology figures from the registry", tech_figures);
    CU_add_test(s, "console line", console_line);
    CU_add_test(s, "enum names round trip", enum_names);
}
