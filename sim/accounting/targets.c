/* targets.c — target checks: >=, <=, range and reduction from a base year,
 * with value, threshold, pass and margin per year (DESIGN §7). The rules,
 * tolerance and the not-evaluable convention are stated in targets.h. */
#include "targets.h"

#include <math.h>
#include <string.h>

#define REL_EPS 1e-9

_Static_assert(sizeof(((TargetResult *)0)->id) >= sizeof(((Target *)0)->id)
               && sizeof(((TargetResult *)0)->label) >= sizeof(((Target *)0)->label)
               && sizeof(((TargetResult *)0)->metric) >= sizeof(((Target *)0)->metric),
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

/* Checks t on the row of `year`; fills *r (all fields) and returns r->pass. */
static int check_one(const Target *t, const Metric *m, const AnnualRow *rows, int n_rows,
                     int year, TargetResult *r)
{
    memset(r, 0, sizeof *r);
    copy_text(r->id, sizeof r->id, t->id);
    copy_text(r->label, sizeof r->label, t->label);
    copy_text(r->metric, sizeof r->metric, t->metric);
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
        const Metric *m = metrics_find(t->metric);
        int every = t->year == 0;
        int n_checks = every ? n_rows : 1;
        for (int i = 0; i < n_checks; i++) {
            int year = every ? row_year(&rows[i]) : t->year;
            if (every && t->op == OP_REDUCTION && year <= base_year_of(t, rows, n_rows)) continue;
            if (res || n_failed) {   /* counting alone needs no checks */
                TargetResult scratch;
                TargetResult *r = (res && n < max) ? &res[n] : &scratch;
                if (!check_one(t, m, rows, n_rows, year, r)) failed++;
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

/* The base plan's targets (DESIGN §7; seed 专栏1 indicators 14, 15, 20 and
 * 第五篇第一章: coal capacity 1100 → 4500–6000万吨, 320万千瓦 wind, 80万千瓦
 * PV, 40万千瓦 storage). Reductions are 5-year cumulative ([10], [12]). */
static const Target seed_targets[] = {
    { "energy_production_capacity", "能源综合生产能力", "energy_production_capacity_yi_tce",
      OP_GE, 0.29, 0, 2025, 0 },
    { "carbon_intensity", "单位GDP二氧化碳排放降低", "carbon_intensity_t_per_10k_yuan",
      OP_REDUCTION, 0.12, 0, 2025, 2020 },
    { "energy_intensity", "单位GDP能源消耗降低", "energy_intensity_tce_per_10k_yuan",
      OP_REDUCTION, 0.10, 0, 2025, 2020 },
    { "coal_capacity", "煤炭产能", "coal_capacity_mt", OP_RANGE, 45, 60, 2025, 0 },
    { "wind_capacity", "风电装机", "wind_capacity_mw", OP_GE, 3200, 0, 2025, 0 },
    { "solar_capacity", "光伏装机", "solar_capacity_mw", OP_GE, 800, 0, 2025, 0 },
    { "storage_capacity", "储能装机", "storage_power_mw", OP_GE, 400, 0, 2025, 0 },
    { "renewable_utilisation", "新能源利用率", "re_utilisation", OP_GE, 0.95, 0, 0, 0 },
    { "unserved_energy", "供电可靠(缺电量)", "unserved_mwh", OP_LE, 0, 0, 0, 0 },
};

void targets_seed_defaults(TargetList *tl)
{
    memset(tl, 0, sizeof *tl);
    int n = (int)(sizeof seed_targets / sizeof seed_targets[0]);
    for (int i = 0; i < n; i++) tl->t[i] = seed_targets[i];
    tl->n = n;
}
