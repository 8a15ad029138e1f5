/* compare.c — comparison tables across scenarios, a view of the batch
 * results (DESIGN §9). Columns: scenario, any sweep labels, every annual
 * metric of the chosen year, then per target id: pass (1 when every check
 * of that id passed) and the worst margin. Targets a scenario lacks are NaN
 * in .dat and empty in .csv. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "atomicfile.h"
#include "output.h"
#include "stagedir.h"

#define MAX_IDS 128

typedef struct {
    int n;
    const char *id[MAX_IDS];
} IdSet;

static void collect_ids(const BatchItem *items, int n, IdSet *ids)
{
    ids->n = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].status != ST_OK) continue;
        for (int t = 0; t < items[i].n_targets; t++) {
            const char *id = items[i].targets[t].id;
            int seen = 0;
            for (int k = 0; k < ids->n && !seen; k++) seen = strcmp(ids->id[k], id) == 0;
            if (!seen && ids->n < MAX_IDS) ids->id[ids->n++] = id;
        }
    }
}

/* Verdict of one target id for one scenario: pass of all its checks and the
 * worst margin; returns 0 when the scenario has no such target. */
static int verdict(const BatchItem *it, const char *id, int *pass, double *margin)
{
    int found = 0;
    *pass = 1;
    *margin = INFINITY;
    for (int t = 0; t < it->n_targets; t++) {
        const TargetResult *r = &it->targets[t];
        if (strcmp(r->id, id) != 0) continue;
        found = 1;
        if (!r->pass) *pass = 0;
        if (r->margin < *margin) *margin = r->margin;
    }
    return found;
}

static const AnnualRow *row_of(const BatchItem *it, int year)
{
    if (it->n_years <= 0) return NULL;
    if (year == 0) return &it->rows[it->n_years - 1];
    for (int y = 0; y < it->n_years; y++)
        if ((int)it->rows[y].year == year) return &it->rows[y];
    return NULL;
}

static void put_cell(FILE *f, int csv, int first, double v, const char *fmt)
{
    if (!first) fputc(csv ? ',' : ' ', f);
    if (!isfinite(v)) fputs(csv ? "" : "NaN", f);
    else fprintf(f, fmt, v);
}

/* A quoted field; the enclosing quotes of a libconfig string value
 * ("\"4 h\"", a sweep label) are dropped first. */
static void put_text(FILE *f, int csv, int first, const char *s)
{
    if (!first) fputc(csv ? ',' : ' ', f);
    size_t len = strlen(s);
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') { s++; len -= 2; }
    output_put_text(f, s, len, csv);
}

/* One table: values (delta = 0) or differences against the first row that
 * ran (delta = 1). */
static Status write_table(const char *path, int csv, int delta, const BatchItem *items, int n,
                          int year, const IdSet *ids, const char *const *lnames,
                          const char *const *lvalues, int nl, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const BatchItem *ref = NULL;
    for (int i = 0; i < n && !ref; i++)
        if (items[i].status == ST_OK && row_of(&items[i], year)) ref = &items[i];
    if (csv) fputs("\xEF\xBB\xBF", f);
    else {
        fprintf(f, "# ecsim comparison of %d scenarios, %s%s\n", n,
                year ? "year " : "each scenario's last year", "");
        if (year) fprintf(f, "# year %d\n", year);
        if (delta && ref) fprintf(f, "# differences against the first scenario, %s\n", ref->scn->name);
        fputs("# pass_<target> = 1 when every check of the target passed; margin_<target> = worst margin\n", f);
    }
    fputs("scenario", f);
    for (int k = 0; k < nl; k++) fprintf(f, csv ? ",%s" : " %s", lnames[k]);
    for (int k = 0; k < metrics_count(); k++) fprintf(f, csv ? ",%s" : " %s", metrics_get(k)->name);
    for (int k = 0; k < ids->n; k++)
        fprintf(f, csv ? ",pass_%s,margin_%s" : " pass_%s margin_%s", ids->id[k], ids->id[k]);
    fputs(csv ? "\r\n" : "\n", f);
    for (int i = 0; i < n; i++) {
        const BatchItem *it = &items[i];
        const AnnualRow *row = it->status == ST_OK ? row_of(it, year) : NULL;
        if (!row) continue;
        const AnnualRow *base = delta && ref ? row_of(ref, year) : NULL;
        put_text(f, csv, 1, it->scn->name);
        for (int k = 0; k < nl; k++) put_text(f, csv, 0, lvalues[i * nl + k]);
        for (int k = 0; k < metrics_count(); k++) {
            const Metric *m = metrics_get(k);
            double v = metric_value(m, row);
            if (base && k > 0) v -= metric_value(m, base);   /* the year column stays a year */
            put_cell(f, csv, 0, v, m->format);
        }
        for (int k = 0; k < ids->n; k++) {
            int pass, bpass;
            double margin, bmargin;
            int has = verdict(it, ids->id[k], &pass, &margin);
            if (has && base && verdict(ref, ids->id[k], &bpass, &bmargin)) {
                put_cell(f, csv, 0, pass - bpass, "%.0f");
                put_cell(f, csv, 0, margin - bmargin, "%.9g");
            } else if (has && !base) {
                put_cell(f, csv, 0, pass, "%.0f");
                put_cell(f, csv, 0, margin, "%.9g");
            } else {
                put_cell(f, csv, 0, NAN, "%g");
                put_cell(f, csv, 0, NAN, "%g");
            }
        }
        fputs(csv ? "\r\n" : "\n", f);
    }
    return afile_commit(af, d);
}

typedef struct {
    const char *head;
    size_t offset;
    double scale;
    const char *fmt;
} Col;

#define C(h, field, scale, fmt) { h, offsetof(AnnualRow, field), scale, fmt }
static const Col key_cols[] = {
    C("风电 wind (万千瓦)", wind_capacity_mw, 0.1, "%.0f"),
    C("光伏 PV (万千瓦)", solar_capacity_mw, 0.1, "%.0f"),
    C("储能 storage (万千瓦)", storage_power_mw, 0.1, "%.0f"),
    C("煤炭产能 coal (万吨)", coal_capacity_mt, 100, "%.0f"),
    C("弃电 curtailed (亿kWh)", curtailed_mwh, 1e-5, "%.2f"),
    C("利用率 RE util. (%)", re_utilisation, 100, "%.1f"),
    C("煤电 coal power (亿kWh)", coal_power_mwh, 1e-5, "%.1f"),
    C("外送 export (亿kWh)", export_mwh, 1e-5, "%.1f"),
    C("生产能力 capacity (亿tce)", energy_production_capacity_yi_tce, 1, "%.3f"),
    C("能耗强度变化 EI change (%)", energy_intensity_change_frac, 100, "%+.1f"),
    C("碳强度变化 CI change (%)", carbon_intensity_change_frac, 100, "%+.1f"),
};
#undef C

static double col_value(const Col *c, const AnnualRow *r)
{
    return *(const double *)((const char *)r + c->offset) * c->scale;
}

static Status write_summary(const char *path, const BatchItem *items, int n, int year,
                            const IdSet *ids, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const int nk = (int)(sizeof key_cols / sizeof key_cols[0]);
    const BatchItem *ref = NULL;
    for (int i = 0; i < n && !ref; i++)
        if (items[i].status == ST_OK && row_of(&items[i], year)) ref = &items[i];
    fprintf(f, "# Comparison of %d scenarios", n);
    if (year) fprintf(f, ", %d", year);
    fputs("\n\n", f);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && !ref) break;
        if (pass == 1) fprintf(f, "\n## Differences against %s\n\n", ref->scn->name);
        fputs("| scenario |", f);
        for (int k = 0; k < nk; k++) fprintf(f, " %s |", key_cols[k].head);
        fputs(pass ? "\n" : " targets passed |\n", f);
        fputs("|---|", f);
        for (int k = 0; k < nk + (pass ? 0 : 1); k++) fputs("---:|", f);
        fputc('\n', f);
        for (int i = 0; i < n; i++) {
            const AnnualRow *row = items[i].status == ST_OK ? row_of(&items[i], year) : NULL;
            if (!row) {
                if (pass == 0) fprintf(f, "| %s | (not run) |\n", items[i].scn->name);
                continue;
            }
            fprintf(f, "| %s |", items[i].scn->name);
            for (int k = 0; k < nk; k++) {
                double v = col_value(&key_cols[k], row);
                if (pass) v -= col_value(&key_cols[k], row_of(ref, year));
                fputc(' ', f);
                fprintf(f, pass ? "%+.4g" : key_cols[k].fmt, v);
                fputs(" |", f);
            }
            if (!pass) {
                int ok = 0, all = 0;
                for (int k = 0; k < ids->n; k++) {
                    int p;
                    double m;
                    if (verdict(&items[i], ids->id[k], &p, &m)) { all++; ok += p; }
                }
                fprintf(f, " %d/%d |", ok, all);
            }
            fputc('\n', f);
        }
    }
    if (ids->n) {
        fputs("\n## Target verdicts (worst margin over the years checked)\n\n| scenario |", f);
        for (int k = 0; k < ids->n; k++) fprintf(f, " %s |", ids->id[k]);
        fputs("\n|---|", f);
        for (int k = 0; k < ids->n; k++) fputs("---|", f);
        fputc('\n', f);
        for (int i = 0; i < n; i++) {
            if (items[i].status != ST_OK) continue;
            fprintf(f, "| %s |", items[i].scn->name);
            for (int k = 0; k < ids->n; k++) {
                int p;
                double m;
                if (verdict(&items[i], ids->id[k], &p, &m))
                    fprintf(f, " %s %+.3g |", p ? "✅" : "❌", m);
                else
                    fputs(" – |", f);
            }
            fputc('\n', f);
        }
    }
    return afile_commit(af, d);
}

Status compare_write(const char *dir, const BatchItem *items, int n, int year,
                     const char *const *label_names, const char *const *label_values,
                     int n_labels, Diag *d)
{
    if (make_dirs(dir) != 0) {
        diag_error(d, ST_IO, dir, 0, NULL, "cannot create the output directory");
        return ST_IO;
    }
    IdSet ids;
    collect_ids(items, n, &ids);
    char path[STAGE_PATH_MAX];
    static const struct { const char *name; int csv, delta; } files[] = {
        { "comparison.dat", 0, 0 }, { "comparison.csv", 1, 0 },
        { "comparison-delta.dat", 0, 1 }, { "comparison-delta.csv", 1, 1 },
    };
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        if (snprintf(path, sizeof path, "%s/%s", dir, files[k].name) >= (int)sizeof path) {
            diag_error(d, ST_IO, dir, 0, NULL, "path too long");
            return ST_IO;
        }
        Status st = write_table(path, files[k].csv, files[k].delta, items, n, year, &ids,
                                label_names, label_values, n_labels, d);
        if (st != ST_OK) return st;
    }
    snprintf(path, sizeof path, "%s/summary.md", dir);
    return write_summary(path, items, n, year, &ids, d);
}

/* A value is written unquoted when it is a plain number, so gnuplot and
 * spreadsheets read it as one. */
static int is_number(const char *v)
{
    char *end;
    if (!*v) return 0;
    double x = strtod(v, &end);
    return *end == '\0' && isfinite(x);
}

static Status write_sweep(const char *path, int csv, const BatchItem *items, int n_items, int year,
                          const IdSet *ids, const char *const *names, const char *const *values,
                          const int *index, int n, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const char *sep = csv ? "," : " ";
    if (csv) fputs("\xEF\xBB\xBF", f);
    else {
        fprintf(f, "# ecsim sweep: %d points, %s\n# varied:", n_items,
                year ? "the year given" : "each point's last year");
        for (int k = 0; k < n; k++) fprintf(f, " %s", names[k]);
        fputs("\n# i_k: index of the value in the k-th --vary list (0-based)\n", f);
    }
    fputs("point", f);
    for (int k = 0; k < n; k++) fprintf(f, "%s%s", sep, names[k]);
    for (int k = 0; k < n; k++) fprintf(f, "%si_%d", sep, k + 1);
    for (int k = 0; k < metrics_count(); k++) fprintf(f, "%s%s", sep, metrics_get(k)->name);
    for (int k = 0; k < ids->n; k++) fprintf(f, "%spass_%s%smargin_%s", sep, ids->id[k], sep, ids->id[k]);
    fputs(csv ? "\r\n" : "\n", f);
    for (int i = 0; i < n_items; i++) {
        const BatchItem *it = &items[i];
        const AnnualRow *row = it->status == ST_OK ? row_of(it, year) : NULL;
        if (!row) continue;
        put_text(f, csv, 1, it->scn->name);
        for (int k = 0; k < n; k++) {
            const char *v = values[i * n + k];
            if (is_number(v)) fprintf(f, "%s%s", sep, v);
            else put_text(f, csv, 0, v);
        }
        for (int k = 0; k < n; k++) fprintf(f, "%s%d", sep, index[i * n + k]);
        for (int k = 0; k < metrics_count(); k++)
            put_cell(f, csv, 0, metric_value(metrics_get(k), row), metrics_get(k)->format);
        for (int k = 0; k < ids->n; k++) {
            int pass;
            double margin;
            if (verdict(it, ids->id[k], &pass, &margin)) {
                put_cell(f, csv, 0, pass, "%.0f");
                put_cell(f, csv, 0, margin, "%.9g");
            } else {
                put_cell(f, csv, 0, NAN, "%g");
                put_cell(f, csv, 0, NAN, "%g");
            }
        }
        fputs(csv ? "\r\n" : "\n", f);
    }
    return afile_commit(af, d);
}

Status compare_write_sweep(const char *dir, const BatchItem *items, int n_items, int year,
                           const char *const *names, const char *const *values,
                           const int *index, int n, Diag *d)
{
    IdSet ids;
    collect_ids(items, n_items, &ids);
    char path[STAGE_PATH_MAX];
    for (int csv = 0; csv < 2; csv++) {
        if (snprintf(path, sizeof path, "%s/sweep.%s", dir, csv ? "csv" : "dat") >= (int)sizeof path) {
            diag_error(d, ST_IO, dir, 0, NULL, "path too long");
            return ST_IO;
        }
        Status st = write_sweep(path, csv, items, n_items, year, &ids, names, values, index, n, d);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}
