/* targets.c — target checks: >=, <=, range and reduction from a base year,
 * with value, threshold, pass and margin per year (DESIGN §7). The rules,
 * tolerance and the not-evaluable convention are stated in targets.h. */
#include "targets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define REL_EPS 1e-9

_Static_assert(sizeof(((TargetResult *)0)->id) >= sizeof(((Target *)0)->id)
               && sizeof(((TargetResult *)0)->label) >= sizeof(((Target *)0)->label)
               && sizeof(((TargetResult *)0)->metric) >= sizeof(((Target *)0)->metric)
               && sizeof(((TargetResult *)0)->note) >= sizeof(((Target *)0)->note),
               "TargetResult text fields must hold a Target's without truncation");

static int row_year(const AnnualRow *r)
{
    return (int)lround(r->year);
}

static const AnnualRow *find_row(const AnnualRow *rows, int n_rows, int year)
{
    for (int i = 0; i < n_rows; i++)
        if (row_year(&rows[i]) == year) return &rows[i];
    return NULL;
}

/* a >= b within a relative tolerance, so that exact hits survive rounding. */
static int at_least(double a, double b)
{
    return a >= b - REL_EPS * fmax(fabs(a), fabs(b));
}

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* 0 when there is no row to take the default from (then not evaluable). */
static int base_year_of(const Target *t, const AnnualRow *rows, int n_rows)
{
    if (t->base_year != 0) return t->base_year;
    return n_rows > 0 ? row_year(&rows[0]) : 0;
}

/* A capacity in force that the year step copies from the scenario
 * (targets.h): owned by a technology other than the load, in MW or Mt/a. */
static int is_capacity_input(const Metric *m)
{
    return m->owner != TECH_SYSTEM && m->owner != TECH_LOAD
        && (strcmp(m->unit, "MW") == 0 || strcmp(m->unit, "Mt/a") == 0);
}

TargetKind targets_kind(const Target *t)
{
    if (t->kind == KIND_RESULT || t->kind == KIND_SCHEDULE) return t->kind;
    const Metric *m = metrics_find(t->metric);
    return m && is_capacity_input(m) ? KIND_SCHEDULE : KIND_RESULT;
}

const Metric *targets_checked_metric(const char *metric, TargetKind kind)
{
    const Metric *m = metrics_find(metric);
    if (!m || kind != KIND_SCHEDULE) return m;
    const char *unit = strrchr(metric, '_');
    if (!unit || unit == metric) return m;
    char end[96];   /* "<name>_end_<unit>" */
    int n = snprintf(end, sizeof end, "%.*s_end%s", (int)(unit - metric), metric, unit);
    const Metric *e = (n > 0 && (size_t)n < sizeof end) ? metrics_find(end) : NULL;
    return e ? e : m;
}

/* Checks t on the row of `year`; fills *r (all fields) and returns r->pass. */
static int check_one(const Target *t, TargetKind kind, const Metric *m, const AnnualRow *rows, int n_rows,
                     int year, TargetResult *r)
{
    memset(r, 0, sizeof *r);
    r->basis = t->basis;
    r->kind = kind;
    copy_text(r->id, sizeof r->id, t->id);
    copy_text(r->label, sizeof r->label, t->label);
    copy_text(r->metric, sizeof r->metric, t->metric);
    copy_text(r->note, sizeof r->note, t->note);
    r->year = year;
    r->op = t->op;
    r->threshold = t->threshold;
    r->upper = t->upper;
    if (t->op == OP_REDUCTION) r->base_year = base_year_of(t, rows, n_rows);

    /* Not evaluable unless everything below is found and finite: then pass,
     * value and margin stay 0 (targets.h). */
    const AnnualRow *row = find_row(rows, n_rows, year);
    if (!m || !row || !isfinite(t->threshold) || (t->op == OP_RANGE && !isfinite(t->upper)))
        return 0;
    double v = metric_value(m, row);
    if (!isfinite(v)) return 0;

    double margin;
    int pass;
    switch (t->op) {
    case OP_LE:
        pass = at_least(t->threshold, v);
        margin = t->threshold - v;
        break;
    case OP_RANGE:
        pass = at_least(v, t->threshold) && at_least(t->upper, v);
        margin = fmin(v - t->threshold, t->upper - v);
        break;
    case OP_REDUCTION: {
        const AnnualRow *brow = find_row(rows, n_rows, r->base_year);
        if (!brow) return 0;
        double b = metric_value(m, brow);
        if (!isfinite(b) || b == 0) return 0;
        v = (b - v) / fabs(b);
        pass = at_least(v, t->threshold);
        margin = v - t->threshold;
        break;
    }
    case OP_GE:
    default:
        pass = at_least(v, t->threshold);
        margin = v - t->threshold;
        break;
    }
    if (pass && margin < 0) margin = 0;   /* a hit within the tolerance */
    r->valid = 1;
    r->value = v;
    r->pass = pass;
    r->margin = margin;
    return pass;
}

/* The one loop behind evaluate and count, so the two cannot disagree. */
static int run_targets(const TargetList *tl, const AnnualRow *rows, int n_rows,
                       TargetResult *res, int max, int *n_failed)
{
    int n = 0, failed = 0;
    for (int k = 0; k < tl->n; k++) {
        const Target *t = &tl->t[k];
        const TargetKind kind = targets_kind(t);
        const Metric *m = targets_checked_metric(t->metric, kind);
        int every = t->year == 0;
        int n_checks = every ? n_rows : 1;
        for (int i = 0; i < n_checks; i++) {
            int year = every ? row_year(&rows[i]) : t->year;
            if (every && t->op == OP_REDUCTION && year <= base_year_of(t, rows, n_rows)) continue;
            if (res || n_failed) {   /* counting alone needs no checks */
                TargetResult scratch;
                TargetResult *r = (res && n < max) ? &res[n] : &scratch;
                if (!check_one(t, kind, m, rows, n_rows, year, r)) failed++;
            }
            n++;
        }
    }
    if (n_failed) *n_failed = failed;
    return n;
}

int targets_evaluate(const TargetList *tl, const AnnualRow *rows, int n_rows,
                     TargetResult *res, int max, int *n_failed)
{
    if (!res || max < 0) max = 0;
    int n = run_targets(tl, rows, n_rows, res, max, n_failed);
    return n < max ? n : max;
}

int targets_result_count(const TargetList *tl, const AnnualRow *rows, int n_rows)
{
    return run_targets(tl, rows, n_rows, NULL, 0, NULL);
}

/* The base plan's targets (DESIGN §7; the thresholds and their basis as in
 * configs/yiwu-14fyp.cfg, docs/sources.md): 专栏1 indicator 20 (plan);
 * indicators 14 and 15 say only "控制在哈密市下达指标内", and no Hami or
 * Xinjiang quota is public, so the national 14th-FYP figures stand in
 * (−18 % CO2, −13.5 % energy per unit of GDP: assumption); the capacities of
 * 第五篇第一章 (plan, schedule checks); 新能源利用率 ≥ 90 % (national policy,
 * NEA 2024); no unserved energy (assumption). */
static const Target seed_targets[] = {
    { "energy_production_capacity", "能源综合生产能力", "energy_production_capacity_yi_tce",
      OP_GE, 0.29, 0, 2025, 0, BASIS_PLAN, KIND_RESULT,
      "专栏1 indicator 20 (约束性); dominated by the coal-capacity schedule" },
    { "carbon_intensity", "单位GDP二氧化碳排放降低", "carbon_intensity_t_per_10k_yuan",
      OP_REDUCTION, 0.18, 0, 2025, 2020, BASIS_ASSUMPTION, KIND_RESULT,
      "plan: 控制在哈密市下达指标内; regional figure not public, national target used (−18 %, 14th FYP outline). "
      "History 2016–2020: [12] (专栏1)" },
    { "energy_intensity", "单位GDP能源消耗降低", "energy_intensity_tce_per_10k_yuan",
      OP_REDUCTION, 0.135, 0, 2025, 2020, BASIS_ASSUMPTION, KIND_RESULT,
      "plan: 控制在哈密市下达指标内; regional figure not public, national target used (−13.5 %, 国发〔2021〕33号). "
      "History 2016–2020: [10] (专栏1)" },
    { "coal_capacity", "煤炭产能", "coal_capacity_mt", OP_RANGE, 45, 60, 2025, 0, BASIS_PLAN, KIND_SCHEDULE, "" },
    { "wind_capacity", "风电装机", "wind_capacity_mw", OP_GE, 3200, 0, 2025, 0, BASIS_PLAN, KIND_SCHEDULE, "" },
    { "solar_capacity", "光伏装机", "solar_capacity_mw", OP_GE, 800, 0, 2025, 0, BASIS_PLAN, KIND_SCHEDULE, "" },
    { "storage_capacity", "储能装机", "storage_power_mw", OP_GE, 400, 0, 2025, 0, BASIS_PLAN, KIND_SCHEDULE, "" },
    { "renewable_utilisation", "新能源利用率", "re_utilisation", OP_GE, 0.90, 0, 0, 0, BASIS_POLICY, KIND_RESULT,
      "not in the plan; NEA 2024 notice: ≥ 90 % in resource-rich regions (95 % was the 2018 action plan's aim for 2020)" },
    { "unserved_energy", "供电可靠(缺电量)", "unserved_mwh", OP_LE, 0, 0, 0, 0, BASIS_ASSUMPTION, KIND_RESULT,
      "model criterion; imports up to the line are unlimited: see the import and island-mode columns" },
};

void targets_seed_defaults(TargetList *tl)
{
    memset(tl, 0, sizeof *tl);
    int n = (int)(sizeof seed_targets / sizeof seed_targets[0]);
    for (int i = 0; i < n; i++) tl->t[i] = seed_targets[i];
    tl->n = n;
}

void targets_result_packed(TargetResult *out, const TargetResult *r)
{
    memset(out, 0, sizeof *out);   /* fields set one by one: the padding stays 0 */
    snprintf(out->id, sizeof out->id, "%s", r->id);
    snprintf(out->label, sizeof out->label, "%s", r->label);
    snprintf(out->metric, sizeof out->metric, "%s", r->metric);
    snprintf(out->note, sizeof out->note, "%s", r->note);
    out->year = r->year, out->value = r->value, out->op = r->op, out->threshold = r->threshold;
    out->upper = r->upper, out->base_year = r->base_year, out->pass = r->pass, out->margin = r->margin;
    out->valid = r->valid, out->basis = r->basis, out->kind = r->kind;
}
