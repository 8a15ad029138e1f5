/* compare.c — comparison tables across scenarios, a list sink of the job
 * engine (DESIGN §9). Columns: scenario, any sweep labels, every annual
 * metric of the chosen year, then per target id: pass (1 when every check
 * of that id passed) and the worst margin. Targets a scenario lacks are NaN
 * in .dat and empty in .csv.
 *
 * Streaming: rows arrive in job order and go to temporary row files at
 * once. Target ids are columns in the order they are first seen, so a row
 * lacks exactly the ids first seen after it; those cells (NaN, empty, –)
 * are padded when the file is assembled (tablebuf.h). The first row that
 * ran is the reference of the differences; its row and verdicts are kept. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "atomicfile.h"
#include "costs.h"
#include "enums.h"
#include "output.h"
#include "present.h"
#include "stagedir.h"
#include "tablebuf.h"

#define MAX_IDS 128
#define ID_LEN 64

typedef struct {
    int n;
    char id[MAX_IDS][ID_LEN];
    TargetBasis basis[MAX_IDS];   /* of the first scenario that has the id */
    TargetKind kind[MAX_IDS];
} IdSet;

/* Per target id of one result: pass of all its checks and the worst margin. */
typedef struct {
    int n;
    char id[MAX_IDS][ID_LEN];
    int pass[MAX_IDS];
    double margin[MAX_IDS];
    TargetBasis basis[MAX_IDS];
    TargetKind kind[MAX_IDS];
} Verdicts;

enum { T_DAT, T_CSV, T_DELTA_DAT, T_DELTA_CSV, T_SUM_VALUES, T_SUM_DELTA, T_SUM_VERDICTS, T_SUM_COSTS,
       T_SWEEP_DAT, T_SWEEP_CSV, T_COUNT };

#define KEY_MAX 16

struct CompareSink {
    CompareOptions o;
    TableBuf t[T_COUNT];
    int n_items;                  /* rows offered: jobs whose scenario was made */
    IdSet ids;
    Verdicts cur;
    int has_ref;
    char ref_name[NAME_MAX_LEN];
    AnnualRow ref_row;
    Verdicts ref_v;
    const char **lvalues;         /* n_labels, the current row's */
    int *lindex;
    FigureCol key[KEY_MAX];       /* the columns of summary.md, resolved once */
    int n_key;
};

static void collect_verdicts(const RunResults *res, Verdicts *v)
{
    v->n = 0;
    for (int t = 0; t < res->n_targets; t++) {
        const TargetResult *r = &res->targets[t];
        int k = 0;
        while (k < v->n && strcmp(v->id[k], r->id) != 0) k++;
        if (k == v->n) {
            if (v->n == MAX_IDS) continue;
            snprintf(v->id[k], ID_LEN, "%s", r->id);
            v->basis[k] = r->basis;
            v->kind[k] = r->kind;
            v->pass[k] = 1;
            v->margin[k] = INFINITY;
            v->n++;
        }
        if (!r->pass) v->pass[k] = 0;
        if (r->margin < v->margin[k]) v->margin[k] = r->margin;
    }
}

static void merge_ids(IdSet *ids, const Verdicts *v)
{
    for (int k = 0; k < v->n; k++) {
        int seen = 0;
        for (int j = 0; j < ids->n && !seen; j++) seen = strcmp(ids->id[j], v->id[k]) == 0;
        if (!seen && ids->n < MAX_IDS) {
            /* memcpy, not snprintf: GCC's -Wrestrict cannot tell ids from v */
            size_t len = strnlen(v->id[k], ID_LEN - 1);
            memcpy(ids->id[ids->n], v->id[k], len);
            ids->id[ids->n][len] = '\0';
            ids->basis[ids->n] = v->basis[k];
            ids->kind[ids->n] = v->kind[k];
            ids->n++;
        }
    }
}

/* Verdict of one target id; returns 0 when the result has no such target. */
static int verdict(const Verdicts *v, const char *id, int *pass, double *margin)
{
    for (int k = 0; k < v->n; k++)
        if (strcmp(v->id[k], id) == 0) {
            *pass = v->pass[k];
            *margin = v->margin[k];
            return 1;
        }
    return 0;
}

static const AnnualRow *row_of(const RunResults *res, int year)
{
    if (res->n_years <= 0) return NULL;
    if (year == 0) return &res->rows[res->n_years - 1];
    for (int y = 0; y < res->n_years; y++)
        if ((int)res->rows[y].year == year) return &res->rows[y];
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

/* A value is written unquoted when it is a plain number, so gnuplot and
 * spreadsheets read it as one. */
static int is_number(const char *v)
{
    char *end;
    if (!*v) return 0;
    double x = strtod(v, &end);
    return *end == '\0' && isfinite(x);
}

/* ---- comparison.dat/.csv and the deltas -------------------------------------- */

static void table_head(FILE *f, int csv, int delta, const CompareSink *c)
{
    const CompareOptions *o = &c->o;
    if (csv) fputs("\xEF\xBB\xBF", f);
    else {
        fprintf(f, "# ecsim comparison of %d scenarios, %s%s\n", c->n_items,
                o->year ? "year " : "each scenario's last year", "");
        if (o->year) fprintf(f, "# year %d\n", o->year);
        if (delta && c->has_ref) fprintf(f, "# differences against the first scenario, %s\n", c->ref_name);
        fputs("# pass_<target> = 1 when every check of the target passed; margin_<target> = worst margin\n", f);
    }
    fputs("scenario", f);
    for (int k = 0; k < o->n_labels; k++) fprintf(f, csv ? ",%s" : " %s", o->label_names[k]);
    for (int k = 0; k < metrics_count(); k++) fprintf(f, csv ? ",%s" : " %s", metrics_get(k)->name);
    for (int k = 0; k < c->ids.n; k++)
        fprintf(f, csv ? ",pass_%s,margin_%s" : " pass_%s margin_%s", c->ids.id[k], c->ids.id[k]);
    fputs(csv ? "\r\n" : "\n", f);
}

/* One row: values (delta = 0) or differences against the reference (delta = 1). */
static void table_row(FILE *f, int csv, int delta, const CompareSink *c, const char *name,
                      const AnnualRow *row)
{
    const AnnualRow *base = delta ? &c->ref_row : NULL;
    put_text(f, csv, 1, name);
    for (int k = 0; k < c->o.n_labels; k++) put_text(f, csv, 0, c->lvalues[k]);
    for (int k = 0; k < metrics_count(); k++) {
        const Metric *m = metrics_get(k);
        double v = metric_value(m, row);
        if (base && k > 0) v -= metric_value(m, base);   /* the year column stays a year */
        put_cell(f, csv, 0, v, m->format);
    }
    for (int k = 0; k < c->ids.n; k++) {
        int pass, bpass;
        double margin, bmargin;
        int has = verdict(&c->cur, c->ids.id[k], &pass, &margin);
        if (has && base && verdict(&c->ref_v, c->ids.id[k], &bpass, &bmargin)) {
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
}

/* ---- summary.md ------------------------------------------------------------------ */

/* The columns of the comparison's summary.md, in the plan's units (present.h). */
static const Figure key_cols[] = {
    { "wind_capacity_mw", "%.0f", NULL, 0 },
    { "solar_capacity_mw", "%.0f", NULL, 0 },
    { "storage_power_mw", "%.0f", NULL, 0 },
    { "coal_capacity_mt", "%.0f", NULL, 0 },
    { "curtailed_mwh", "%.2f", NULL, 0 },
    { "re_utilisation", "%.1f", NULL, 0 },
    { "coal_power_mwh", "%.1f", NULL, 0 },
    { "export_mwh", "%.1f", NULL, 0 },
    { "energy_production_capacity_yi_tce", "%.3f", NULL, 0 },
    { "conversion_coal_t", "%.0f", NULL, 0 },
    { "co2_captured_t", "%.1f", NULL, 0 },
    { "energy_intensity_change_frac", "%+.1f", NULL, 0 },
    { "carbon_intensity_change_frac", "%+.1f", NULL, 0 },
};
#define N_KEY_COLS ((int)(sizeof key_cols / sizeof key_cols[0]))
_Static_assert(sizeof key_cols / sizeof key_cols[0] <= KEY_MAX, "KEY_MAX");

const Figure *compare_key_figures(int *n)
{
    *n = N_KEY_COLS;
    return key_cols;
}

static void summary_head(FILE *f, int pass, const CompareSink *c)
{
    fputs("| scenario |", f);
    for (int k = 0; k < c->n_key; k++) fprintf(f, " %s |", c->key[k].heading);
    fputs(pass ? "\n" : " targets passed |\n", f);
    fputs("|---|", f);
    for (int k = 0; k < c->n_key + (pass ? 0 : 1); k++) fputs("---:|", f);
    fputc('\n', f);
}

/* A row of the key figures (pass 0) or of their differences (pass 1). */
static void summary_row(FILE *f, int pass, const CompareSink *c, const char *name, const AnnualRow *row)
{
    fprintf(f, "| %s |", name);
    for (int k = 0; k < c->n_key; k++) {
        double v = present_figure_value(&c->key[k], row);
        if (pass) v -= present_figure_value(&c->key[k], &c->ref_row);
        fputc(' ', f);
        fprintf(f, pass ? "%+.4g" : c->key[k].format, v);
        fputs(" |", f);
    }
    if (!pass) {
        int ok = 0, all = 0;
        for (int k = 0; k < c->ids.n; k++) {
            int p;
            double m;
            if (verdict(&c->cur, c->ids.id[k], &p, &m)) { all++; ok += p; }
        }
        fprintf(f, " %d/%d |", ok, all);
    }
}

static void verdicts_row(FILE *f, const CompareSink *c, const char *name)
{
    fprintf(f, "| %s |", name);
    for (int k = 0; k < c->ids.n; k++) {
        int p;
        double m;
        if (verdict(&c->cur, c->ids.id[k], &p, &m))
            fprintf(f, " %s %+.3g |", p ? "✅" : "❌", m);
        else
            fputs(" – |", f);
    }
}

/* A row of the costs against the reference (docs/costs.md): investment,
 * present value of net cost, NPV against the reference, CO2 avoided and
 * the cost of CO2 abated. */
static void costs_row(FILE *f, const CompareSink *c, const char *name, const AnnualRow *row)
{
    double abated = c->ref_row.co2_cum_mt - row->co2_cum_mt;
    double per_t = costs_abatement_yuan_per_t(row, &c->ref_row);
    fprintf(f, "| %s | %.2f | %.2f | %+.2f | %+.3f | ", name, row->invest_cum_yi_yuan, row->pv_net_cost_yi_yuan,
            costs_npv_yi_yuan(row, &c->ref_row), abated);
    if (isfinite(per_t)) fprintf(f, "%.0f |", per_t);
    else fputs("– |", f);
}

static Status write_summary(FILE *f, CompareSink *c, Diag *d)
{
    fprintf(f, "# Comparison of %d scenarios", c->n_items);
    if (c->o.year) fprintf(f, ", %d", c->o.year);
    fputs("\n\n", f);
    summary_head(f, 0, c);
    Status st = tablebuf_copy(&c->t[T_SUM_VALUES], f, 0, "", "\n", d);
    if (st == ST_OK && c->has_ref) {
        fprintf(f, "\n## Differences against %s\n\n", c->ref_name);
        summary_head(f, 1, c);
        st = tablebuf_copy(&c->t[T_SUM_DELTA], f, 0, "", "\n", d);
        if (st == ST_OK) {
            fprintf(f, "\n## Costs against %s\n\n"
                       "Investment and present value of net cost (annualised cost less export revenue, "
                       "storage compensation and coal sales, discounted to the first year) up to the year "
                       "compared; NPV > 0: cheaper than %s; cost of CO2 abated = extra present value / CO2 "
                       "avoided (docs/costs.md).\n\n"
                       "| scenario | investment (亿元) | PV of net cost (亿元) | NPV vs %s (亿元) | "
                       "CO2 avoided (Mt) | cost of CO2 abated (元/t) |\n|---|---:|---:|---:|---:|---:|\n",
                    c->ref_name, c->ref_name, c->ref_name);
            st = tablebuf_copy(&c->t[T_SUM_COSTS], f, 0, "", "\n", d);
        }
    }
    if (st == ST_OK && c->ids.n) {
        fputs("\n## Target verdicts (worst margin over the years checked)\n\n"
              "Each target with its basis (plan, policy or assumption) and kind (result: simulated; "
              "schedule: the scenario's own build-out checked against the plan).\n\n| scenario |", f);
        for (int k = 0; k < c->ids.n; k++)
            fprintf(f, " %s (%s, %s) |", c->ids.id[k], enum_name(ENUM_TARGET_BASIS, (int)c->ids.basis[k]),
                    enum_name(ENUM_TARGET_KIND, (int)c->ids.kind[k]));
        fputs("\n|---|", f);
        for (int k = 0; k < c->ids.n; k++) fputs("---|", f);
        fputc('\n', f);
        st = tablebuf_copy(&c->t[T_SUM_VERDICTS], f, c->ids.n, " – |", "\n", d);
    }
    return st;
}

/* ---- sweep.dat/.csv -------------------------------------------------------------- */

static void sweep_head(FILE *f, int csv, const CompareSink *c)
{
    const CompareOptions *o = &c->o;
    const char *sep = csv ? "," : " ";
    if (csv) fputs("\xEF\xBB\xBF", f);
    else {
        fprintf(f, "# ecsim sweep: %d points, %s\n# varied:", c->n_items,
                o->year ? "the year given" : "each point's last year");
        for (int k = 0; k < o->n_labels; k++) fprintf(f, " %s", o->label_names[k]);
        fputs("\n# i_k: index of the value in the k-th --vary list (0-based)\n", f);
    }
    fputs("point", f);
    for (int k = 0; k < o->n_labels; k++) fprintf(f, "%s%s", sep, o->label_names[k]);
    for (int k = 0; k < o->n_labels; k++) fprintf(f, "%si_%d", sep, k + 1);
    for (int k = 0; k < metrics_count(); k++) fprintf(f, "%s%s", sep, metrics_get(k)->name);
    for (int k = 0; k < c->ids.n; k++) fprintf(f, "%spass_%s%smargin_%s", sep, c->ids.id[k], sep, c->ids.id[k]);
    fputs(csv ? "\r\n" : "\n", f);
}

static void sweep_row(FILE *f, int csv, const CompareSink *c, const char *name, const AnnualRow *row)
{
    const char *sep = csv ? "," : " ";
    put_text(f, csv, 1, name);
    for (int k = 0; k < c->o.n_labels; k++) {
        const char *v = c->lvalues[k];
        if (is_number(v)) fprintf(f, "%s%s", sep, v);
        else put_text(f, csv, 0, v);
    }
    for (int k = 0; k < c->o.n_labels; k++) fprintf(f, "%s%d", sep, c->lindex[k]);
    for (int k = 0; k < metrics_count(); k++)
        put_cell(f, csv, 0, metric_value(metrics_get(k), row), metrics_get(k)->format);
    for (int k = 0; k < c->ids.n; k++) {
        int pass;
        double margin;
        if (verdict(&c->cur, c->ids.id[k], &pass, &margin)) {
            put_cell(f, csv, 0, pass, "%.0f");
            put_cell(f, csv, 0, margin, "%.9g");
        } else {
            put_cell(f, csv, 0, NAN, "%g");
            put_cell(f, csv, 0, NAN, "%g");
        }
    }
}

/* ---- the sink ------------------------------------------------------------------- */

/* One row of table `which` with `groups` target ids, its text written by
 * the statement `write` to the stream f. */
#define ROW(which, groups, write) do { \
        FILE *f = tablebuf_row(&c->t[which]); \
        if (f) { write; } \
        if ((st = tablebuf_end_row(&c->t[which], groups, d)) != ST_OK) return st; \
    } while (0)

static Status on_job(void *ctx, const JobResult *r, Diag *d)
{
    CompareSink *c = ctx;
    if (!r->scn) return ST_OK;   /* never made: not a row */
    c->n_items++;
    const char *name = r->scn->name;
    const AnnualRow *row = r->res ? row_of(r->res, c->o.year) : NULL;
    c->cur.n = 0;
    if (r->res) {
        collect_verdicts(r->res, &c->cur);
        merge_ids(&c->ids, &c->cur);
    }
    if (row && !c->has_ref) {
        c->has_ref = 1;
        snprintf(c->ref_name, sizeof c->ref_name, "%s", name);
        c->ref_row = *row;
        c->ref_v = c->cur;
    }
    if (c->o.n_labels && c->o.labels) c->o.labels(c->o.labels_ctx, r->job, c->lvalues, c->lindex);
    const int g = c->ids.n;
    Status st;
    if (row) {
        ROW(T_DAT, g, table_row(f, 0, 0, c, name, row));
        ROW(T_CSV, g, table_row(f, 1, 0, c, name, row));
        ROW(T_DELTA_DAT, g, table_row(f, 0, 1, c, name, row));
        ROW(T_DELTA_CSV, g, table_row(f, 1, 1, c, name, row));
        ROW(T_SUM_VALUES, 0, summary_row(f, 0, c, name, row));
        ROW(T_SUM_DELTA, 0, summary_row(f, 1, c, name, row));
        ROW(T_SUM_COSTS, 0, costs_row(f, c, name, row));
        if (c->o.sweep) {
            ROW(T_SWEEP_DAT, g, sweep_row(f, 0, c, name, row));
            ROW(T_SWEEP_CSV, g, sweep_row(f, 1, c, name, row));
        }
    } else {
        ROW(T_SUM_VALUES, 0, fprintf(f, "| %s | (not run) |", name));
    }
    if (r->res) ROW(T_SUM_VERDICTS, g, verdicts_row(f, c, name));
    return ST_OK;
}
#undef ROW

Status compare_open(CompareSink **out, const CompareOptions *o, Diag *d)
{
    *out = NULL;
    if (make_dirs(o->dir) != 0) {
        diag_error(d, ST_IO, o->dir, 0, NULL, "cannot create the output directory");
        return ST_IO;
    }
    CompareSink *c = calloc(1, sizeof *c);
    if (c) {
        c->lvalues = calloc((size_t)o->n_labels + 1, sizeof *c->lvalues);
        c->lindex = calloc((size_t)o->n_labels + 1, sizeof *c->lindex);
    }
    if (!c || !c->lvalues || !c->lindex) {
        if (c) { free(c->lvalues); free(c->lindex); }
        free(c);
        diag_error(d, ST_NOMEM, o->dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    c->o = *o;
    for (int k = 0; k < o->n_labels; k++) c->lvalues[k] = "";
    for (int k = 0; k < N_KEY_COLS; k++) c->n_key += present_figure(&key_cols[k], &c->key[c->n_key]);
    for (int t = 0; t < T_COUNT; t++) {
        if (!o->sweep && (t == T_SWEEP_DAT || t == T_SWEEP_CSV)) continue;
        Status st = tablebuf_open(&c->t[t], o->dir, d);
        if (st != ST_OK) {
            compare_close(c);
            return st;
        }
    }
    *out = c;
    return ST_OK;
}

ListSink compare_list_sink(CompareSink *c)
{
    return (ListSink){ c, on_job };
}

static Status assemble(CompareSink *c, const char *file, int kind, Diag *d)
{
    char path[STAGE_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", c->o.dir, file) >= (int)sizeof path) {
        diag_error(d, ST_IO, c->o.dir, 0, NULL, "path too long");
        return ST_IO;
    }
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const int g = c->ids.n;
    switch (kind) {
    case T_DAT: case T_CSV: case T_DELTA_DAT: case T_DELTA_CSV: {
        int csv = kind == T_CSV || kind == T_DELTA_CSV;
        table_head(f, csv, kind == T_DELTA_DAT || kind == T_DELTA_CSV, c);
        st = tablebuf_copy(&c->t[kind], f, g, csv ? ",," : " NaN NaN", csv ? "\r\n" : "\n", d);
        break;
    }
    case T_SWEEP_DAT: case T_SWEEP_CSV: {
        int csv = kind == T_SWEEP_CSV;
        sweep_head(f, csv, c);
        st = tablebuf_copy(&c->t[kind], f, g, csv ? ",," : " NaN NaN", csv ? "\r\n" : "\n", d);
        break;
    }
    default:
        st = write_summary(f, c, d);
        break;
    }
    if (st != ST_OK) {
        afile_abort(af);
        return st;
    }
    return afile_commit(af, d);
}

int compare_reserved_name(const char *name)
{
    /* the tables of compare_finish, the charts folder and report of plotcmp */
    static const char *const own[] = {
        "comparison.dat", "comparison.csv", "comparison-delta.dat", "comparison-delta.csv",
        "summary.md", "sweep.dat", "sweep.csv", "charts", "report.html",
    };
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
        if (strcmp(name, own[k]) == 0) return 1;
    return 0;
}

Status compare_finish(CompareSink *c, Diag *d)
{
    if (c->n_items == 0) return ST_OK;   /* nothing was made: no tables */
    static const struct { const char *name; int kind; } files[] = {
        { "comparison.dat", T_DAT }, { "comparison.csv", T_CSV },
        { "comparison-delta.dat", T_DELTA_DAT }, { "comparison-delta.csv", T_DELTA_CSV },
        { "summary.md", T_SUM_VALUES }, { "sweep.dat", T_SWEEP_DAT }, { "sweep.csv", T_SWEEP_CSV },
    };
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        if (!c->o.sweep && (files[k].kind == T_SWEEP_DAT || files[k].kind == T_SWEEP_CSV)) continue;
        Status st = assemble(c, files[k].name, files[k].kind, d);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

void compare_close(CompareSink *c)
{
    if (!c) return;
    for (int t = 0; t < T_COUNT; t++) tablebuf_close(&c->t[t]);
    free(c->lvalues);
    free(c->lindex);
    free(c);
}
