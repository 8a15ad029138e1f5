/* test_registry.c — the technology, series and metric registries: every
 * flow has the sign the balance of dispatch.h gives it, the balance from the
 * table equals the hand-written one on a worked hour, every series and
 * metric belongs to a registered technology, the metrics a technology names
 * exist and are its own, the hourly columns of earlier files keep their
 * names and order, and dispatch refuses a strategy it does not know. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "csp.h"
#include "dispatch.h"
#include "metrics.h"
#include "schema.h"
#include "series.h"
#include "tech.h"

/* dispatch.h: wind_used + solar_used + coal + discharge + import + unserved
 *             = load + export + charge. */
static int hand_sign(const char *column)
{
    static const char *const supply[] = { "wind_used_mw", "solar_used_mw", "coal_mw", "discharge_mw",
                                          "import_mw", "unserved_mw" };
    static const char *const demand[] = { "load_mw", "export_mw", "charge_mw" };
    for (size_t i = 0; i < sizeof supply / sizeof supply[0]; i++)
        if (strcmp(column, supply[i]) == 0) return 1;
    for (size_t i = 0; i < sizeof demand / sizeof demand[0]; i++)
        if (strcmp(column, demand[i]) == 0) return -1;
    return 0;
}

static void flow_signs(void)
{
    int n_supply = 0, n_demand = 0;
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        CU_ASSERT_EQUAL(se->id, i);
        CU_ASSERT(se->sign == 1 || se->sign == 0 || se->sign == -1);
        int want = hand_sign(se->column);
        if (want != 0) CU_ASSERT_EQUAL(se->sign, want);
        if (se->sign > 0) n_supply++;
        if (se->sign < 0) n_demand++;
        /* a flow of the balance is power with an annual energy */
        if (se->sign != 0) {
            CU_ASSERT_STRING_EQUAL(se->unit, "MW");
            CU_ASSERT_NOT_EQUAL(se->metric, MET_NONE);
        }
        /* states and availabilities are not flows */
        if (strstr(se->column, "avail") || strstr(se->column, "soc") || strstr(se->column, "curtailed"))
            CU_ASSERT_EQUAL(se->sign, 0);
        CU_ASSERT_PTR_EQUAL(series_find(se->column), se);
    }
    CU_ASSERT(n_supply >= 6);
    CU_ASSERT_EQUAL(n_demand, 4);
    char text[512];
    series_balance_text(text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "wind_used + solar_used + coal + discharge + import + unserved"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, " = load + export + charge"));
}

/* The columns of hourly files written before the registry, in their order. */
static void hourly_columns_kept(void)
{
    static const char *const old[] = { "wind_avail_mw", "wind_used_mw", "solar_avail_mw", "solar_used_mw",
                                       "coal_mw", "discharge_mw", "import_mw", "load_mw", "export_mw",
                                       "charge_mw", "soc_mwh", "curtailed_mw", "unserved_mw" };
    int k = 0;
    for (int i = 0; i < series_count() && k < 13; i++)
        if (series_get(i)->hourly) CU_ASSERT_STRING_EQUAL(series_get(i)->column, old[k++]);
    CU_ASSERT_EQUAL(k, 13);
}

/* One hour worked by hand: 80 + 50 + 200 + 10 + 0 + 5 = 345 = 300 + 40 + 5. */
static void worked_hour(void)
{
    static double v[SER_COUNT][2];
    memset(v, 0, sizeof v);
    v[SER_WIND_AVAIL][0] = 100; v[SER_WIND_USED][0] = 80;
    v[SER_SOLAR_AVAIL][0] = 50; v[SER_SOLAR_USED][0] = 50;
    v[SER_COAL][0] = 200; v[SER_DISCHARGE][0] = 10; v[SER_UNSERVED][0] = 5;
    v[SER_LOAD][0] = 300; v[SER_EXPORT][0] = 40; v[SER_CHARGE][0] = 5;
    v[SER_CURTAILED][0] = 20; v[SER_SOC][0] = 7; v[SER_LINE][0] = 500;
    YearInputs in = { .year = 2023, .hours = 1 };
    YearSeries out = { { 0 } };
    for (int i = 0; i < SER_COUNT; i++) {
        if (series_get(i)->io == SIO_IN) in.v[i] = v[i];
        else out.v[i] = v[i];
    }
    double supply, demand;
    series_balance(&in, &out, 0, &supply, &demand);
    CU_ASSERT_DOUBLE_EQUAL(supply, 345, 0);
    CU_ASSERT_DOUBLE_EQUAL(demand, 345, 0);
    /* the annual pass sums each series into its metric and finds no residual */
    YearFacts f = { .year = 2023 };
    facts_put(&f, MET_wind_capacity_mw, 100);
    AnnualRow row;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &in, &out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.max_balance_residual_mw, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.wind_used_mwh, 80, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.curtailed_mwh, 20, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.export_mwh, 40, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.wind_full_load_hours, 0.8, 1e-12);
    /* one MW more demand opens a residual of 1 MW */
    v[SER_LOAD][0] = 301;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &in, &out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.max_balance_residual_mw, 1, 0);
}

static void registry_complete(void)
{
    int owns[TECH_COUNT] = { 0 };
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tech_get(se->owner));
        owns[se->owner]++;
        if (se->metric != MET_NONE) {
            CU_ASSERT_PTR_NOT_NULL_FATAL(metrics_get(se->metric));
            CU_ASSERT_EQUAL(metrics_get(se->metric)->owner, se->owner);
            /* an hourly power sums into the energy of the same kind: MW -> MWh, MWt -> MWht */
            char want[16];
            size_t ul = strlen(se->unit);
            if (ul > 2 && strcmp(se->unit + ul - 2, "/h") == 0)   /* a mass flow, t/h -> t */
                snprintf(want, sizeof want, "%.*s", (int)(ul - 2), se->unit);
            else
                snprintf(want, sizeof want, "%.2s%s", se->unit, se->unit[2] ? "ht" : "h");
            CU_ASSERT_STRING_EQUAL(metrics_get(se->metric)->unit, want);
        }
    }
    for (int k = 0; k < metrics_count(); k++) {
        const Metric *m = metrics_get(k);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tech_get(m->owner));
        owns[m->owner]++;
        CU_ASSERT_PTR_EQUAL(metrics_find(m->name), m);
    }
    CU_ASSERT_EQUAL(tech_count(), TECH_COUNT);
    for (int t = 0; t < tech_count(); t++) {
        const Tech *te = tech_get(t);
        CU_ASSERT_EQUAL(te->id, t);
        CU_ASSERT(owns[t] > 0);                       /* every technology adds something */
        CU_ASSERT_PTR_EQUAL(tech_find(te->name), te);
        CU_ASSERT_EQUAL(strlen(te->colour), 7);
        CU_ASSERT_EQUAL(te->colour[0], '#');
        CU_ASSERT(te->label_zh[0] && te->label_en[0]);
        CU_ASSERT_PTR_NOT_NULL(te->build_year);
        /* the hourly series it names are its own and sum into the metrics it names */
        if (te->used_series != SER_NONE) {
            CU_ASSERT_EQUAL(series_get(te->used_series)->owner, t);
            CU_ASSERT_EQUAL(series_get(te->used_series)->metric, te->used_metric);
            CU_ASSERT_EQUAL(series_get(te->used_series)->sign, 1);
        }
        if (te->avail_series != SER_NONE) {
            CU_ASSERT_EQUAL(series_get(te->avail_series)->owner, t);
            CU_ASSERT_EQUAL(series_get(te->avail_series)->metric, te->avail_metric);
            CU_ASSERT_EQUAL(series_get(te->avail_series)->io, SIO_IN);
        }
        /* a member of the curtailable pool has both: dispatch curtails its available power */
        if (te->curtailable) {
            CU_ASSERT_NOT_EQUAL(te->avail_series, SER_NONE);
            CU_ASSERT_NOT_EQUAL(te->used_series, SER_NONE);
            CU_ASSERT_EQUAL(series_get(te->used_series)->io, SIO_OUT);
        }
        /* its config group exists (the system has none) */
        if (t != TECH_SYSTEM) CU_ASSERT(schema_group_find(te->name) >= 0);
        const MetricId named[5] = { te->used_metric, te->avail_metric, te->capacity_metric,
                                    te->flh_metric, te->avail_flh_metric };
        int n_named = 0;
        for (int k = 0; k < 5; k++) n_named += named[k] != MET_NONE;
        CU_ASSERT(n_named == 0 || n_named == 5);          /* a generator names all five */
        if (te->role == ROLE_NONFOSSIL || te->curtailable) CU_ASSERT_EQUAL(n_named, 5);
        for (int k = 0; k < 5; k++) {
            if (named[k] == MET_NONE) continue;
            CU_ASSERT_PTR_NOT_NULL_FATAL(metrics_get(named[k]));
            CU_ASSERT_EQUAL(metrics_get(named[k])->owner, t);
        }
    }
}

/* The csp group's schema defaults are the module's (csp_params_default). */
static void csp_defaults_agree(void)
{
    Scenario *s = malloc(sizeof *s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    schema_defaults(s);
    CspParams p;
    csp_params_default(&p);
    CU_ASSERT_EQUAL(memcmp(&s->csp, &p, sizeof p), 0);
    CU_ASSERT_PTR_NULL(csp_params_invalid(&s->csp, NULL));
    free(s);
}

static void unknown_strategy(void)
{
    static double buf[SER_COUNT][4];
    memset(buf, 0, sizeof buf);
    YearInputs in = { .year = 2023, .hours = 4 };
    YearSeries out = { { 0 } };
    for (int i = 0; i < SER_COUNT; i++) {
        if (series_get(i)->io == SIO_IN) in.v[i] = buf[i];
        else out.v[i] = buf[i];
    }
    DispatchLimits lim = { .strategy = (Strategy)(STRATEGY_OPTIMAL + 1), .keep_per_h = 1.0 };
    DispatchState st = { 0 };
    DispatchReport rep;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &in, &st, &out, &rep), ST_UNKNOWN_STRATEGY);
    lim.strategy = (Strategy)-1;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &in, &st, &out, &rep), ST_UNKNOWN_STRATEGY);
    lim.strategy = STRATEGY_RENEWABLE_FIRST;
    CU_ASSERT_EQUAL(dispatch_year(&lim, &in, &st, &out, &rep), ST_OK);
    /* its exit code comes from the status table */
    CU_ASSERT_EQUAL(status_exit_code(ST_UNKNOWN_STRATEGY), 1);
    CU_ASSERT_EQUAL(status_exit_code(ST_TARGET_FAILED), 3);
    CU_ASSERT_EQUAL(status_exit_code(ST_USAGE), 2);
}

void register_test_registry(void);
void register_test_registry(void)
{
    CU_pSuite s = CU_add_suite("test_registry", NULL, NULL);
    CU_add_test(s, "every flow has its balance sign", flow_signs);
    CU_add_test(s, "hourly columns of earlier files kept", hourly_columns_kept);
    CU_add_test(s, "balance from the table on a worked hour", worked_hour);
    CU_add_test(s, "series and metrics belong to registered technologies", registry_complete);
    CU_add_test(s, "dispatch refuses an unknown strategy", unknown_strategy);
    CU_add_test(s, "csp schema defaults are the module's", csp_defaults_agree);
}
