/* plotcmp.c — charts across scenarios: the comparison charts (key figures,
 * trajectories, target dashboard) and the sweep chart. Reads the files that
 * compare.c wrote (comparison.dat, sweep.dat, each scenario's annual.dat and
 * targets.dat), writes the chart data next to the charts, then runs gnuplot
 * on plots/compare-*.gp and plots/sweep.gp through gnuplot.c. */
#include "plotcmp.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "chartdata.h"
#include "gnuplot.h"
#include "enums.h"
#include "metrics.h"
#include "plot.h"
#include "present.h"
#include "results.h"

#define PATH_LEN GP_PATH_LEN
#define MAX_FILE (64u << 20)

/* ---- a table with quoted text cells (comparison.dat, sweep.dat) ------------- */

typedef struct {
    int nc, nr;
    char **head;     /* nc names */
    char **cell;     /* nr x nc, unquoted text */
    char *buf;       /* the file, cut in place */
} Table;

static void table_free(Table *t)
{
    free(t->head);
    free(t->cell);
    free(t->buf);
    memset(t, 0, sizeof *t);
}

/* Next field of *p within the line: blanks separate, "…" quotes ("" inside
 * is a quote). Cut in place; NULL at the end of the line. */
static char *next_field(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    if (!*s) { *p = s; return NULL; }
    if (*s == '"') {
        char *r = s + 1, *w = s;
        for (;;) {
            if (!*r) break;
            if (*r == '"') {
                if (r[1] == '"') { *w++ = '"'; r += 2; continue; }
                r++;
                break;
            }
            *w++ = *r++;
        }
        int end = !*r;
        *w = '\0';
        *p = end ? r : r + (*r != '\0');
        return s;
    }
    char *f = s;
    while (*s && *s != ' ' && *s != '\t' && *s != '\r') s++;
    if (*s) *s++ = '\0';
    *p = s;
    return f;
}

/* Splits line into at most max fields (cut in place); returns how many
 * fields the line has. */
static int split_line(char *line, char **out, int max)
{
    int n = 0;
    char *f;
    while ((f = next_field(&line))) {
        if (n < max) out[n] = f;
        n++;
    }
    return n;
}

#define MAX_COLS 4096

/* Reads a .dat file whose text cells are quoted: '#' comments, a header of
 * column names, rows of as many fields. */
static Status table_read(const char *path, Table *t, Diag *d)
{
    memset(t, 0, sizeof *t);
    errno = 0;
    t->buf = results_read_file(path, MAX_FILE, NULL);
    if (!t->buf) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", errno ? strerror(errno) : "too large");
        return ST_IO;
    }
    int lines = 1;
    for (const char *c = t->buf; *c; c++) lines += *c == '\n';
    t->head = malloc(MAX_COLS * sizeof *t->head);
    if (!t->head) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    char *save = NULL, *line;
    int lineno = 0;
    for (line = strtok_r(t->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        const char *s = line + strspn(line, " \t\r");
        if (*s == '#' || !*s) continue;
        if (!t->nc) {
            t->nc = split_line(line, t->head, MAX_COLS);
            if (t->nc > MAX_COLS) {
                diag_error(d, ST_IO, path, lineno, NULL, "more than %d columns", MAX_COLS);
                return ST_IO;
            }
            t->cell = malloc((size_t)lines * (size_t)t->nc * sizeof *t->cell);
            if (!t->cell) {
                diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
                return ST_NOMEM;
            }
            continue;
        }
        if (split_line(line, t->cell + (size_t)t->nr * (size_t)t->nc, t->nc) != t->nc) {
            diag_error(d, ST_IO, path, lineno, NULL, "expected %d fields", t->nc);
            return ST_IO;
        }
        t->nr++;
    }
    if (!t->nc) {
        diag_error(d, ST_IO, path, 0, NULL, "no header line");
        return ST_IO;
    }
    return ST_OK;
}

static int table_col(const Table *t, const char *name)
{
    for (int c = 0; c < t->nc; c++)
        if (strcmp(t->head[c], name) == 0) return c;
    return -1;
}

static const char *table_get(const Table *t, int r, int c)
{
    return (c >= 0 && c < t->nc && r >= 0 && r < t->nr) ? t->cell[(size_t)r * (size_t)t->nc + (size_t)c] : "";
}

/* The cell as a number; NaN if it is not one. */
static double table_num(const Table *t, int r, int c)
{
    const char *s = table_get(t, r, c);
    char *end;
    double v = strtod(s, &end);
    return (*s && *end == '\0') ? v : (double)NAN;
}

static int is_number(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return *s && *end == '\0' && isfinite(v);
}

/* ---- writing chart data --------------------------------------------------------- */

/* s as a gnuplot single-quoted string; control characters become blanks. */
static void put_gps(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('\'', f);
}

/* s as a quoted .dat field ("" for a quote). */
static void put_dq(FILE *f, const char *s)
{
    fputc(' ', f);
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('"', f);
}

static void put_gp_var(FILE *f, const char *name, const char *value)
{
    fprintf(f, "%s = ", name);
    put_gps(f, value);
    fputc('\n', f);
}

/* Schedule values make unreadable tick labels ("((2020,800.0),(2022,800.0),
 * (2023,1200.0),(2024,4000.0))"): show only the points in which the labels of
 * one axis differ, as "2023: 1200". Other labels are copied unchanged. */
static void compact_schedule_labels(const char *const *in, int n, char (*out)[128])
{
    enum { MAXP = 32 };
    char pts[64][MAXP][48];
    int np[64], all_sched = n > 0 && n <= 64;
    for (int i = 0; i < n && all_sched; i++) {
        const char *v = in[i] ? in[i] : "";
        size_t len = strlen(v);
        if (len < 6 || strncmp(v, "((", 2) != 0 || strcmp(v + len - 2, "))") != 0) { all_sched = 0; break; }
        np[i] = 0;
        const char *p = v + 1;
        while (*p == '(' && np[i] < MAXP) {
            const char *e = strchr(p, ')');
            if (!e || (size_t)(e - p) >= sizeof pts[0][0]) { all_sched = 0; break; }
            snprintf(pts[i][np[i]], sizeof pts[0][0], "%.*s", (int)(e - p - 1), p + 1);
            np[i]++;
            p = e + 1;
            if (*p == ',') p++;
        }
    }
    for (int i = 0; i < n; i++) {
        snprintf(out[i], sizeof out[0], "%s", in[i] ? in[i] : "?");
        if (!all_sched) continue;
        size_t len = 0;
        out[i][0] = '\0';
        for (int a = 0; a < np[i]; a++) {
            int common = 1;
            for (int j = 0; j < n && common; j++) {
                int found = 0;
                for (int b = 0; b < np[j] && !found; b++) found = strcmp(pts[i][a], pts[j][b]) == 0;
                common = found;
            }
            if (common) continue;
            char y[48], v[48];
            const char *comma = strchr(pts[i][a], ',');
            if (!comma) continue;
            snprintf(y, sizeof y, "%.*s", (int)(comma - pts[i][a]), pts[i][a]);
            snprintf(v, sizeof v, "%s", comma + 1);
            size_t vl = strlen(v);
            if (vl > 2 && strcmp(v + vl - 2, ".0") == 0) v[vl - 2] = '\0';
            len += (size_t)snprintf(out[i] + len, len < sizeof out[0] ? sizeof out[0] - len : 0, "%s%s: %s",
                                    len ? ", " : "", y, v);
            if (len >= sizeof out[0]) len = sizeof out[0] - 1;
        }
        if (!out[i][0]) snprintf(out[i], sizeof out[0], "%s", in[i]);
    }
}

/* A tic label: gnuplot reads it as a format, so % is written %%. */
static void put_gp_tic(FILE *f, const char *name, int i, const char *value)
{
    char buf[1024];
    size_t k = 0;
    for (; *value && k + 2 < sizeof buf; value++) {
        if (*value == '%') buf[k++] = '%';
        buf[k++] = *value;
    }
    buf[k] = '\0';
    fprintf(f, "%s[%d] = ", name, i);
    put_gps(f, buf);
    fputc('\n', f);
}

static void put_gp_array(FILE *f, const char *name, int i, const char *value)
{
    fprintf(f, "%s[%d] = ", name, i);
    put_gps(f, value);
    fputc('\n', f);
}

/* Creates dir/charts and writes dir/charts/chartdata.gp, which common.gp
 * loads: only the chart set's name and the display units (the same content
 * for comparisons and sweeps, so that both may share a directory). */
static Status prepare_charts_dir(const char *dir, char *charts, size_t n, Diag *d)
{
    Status st = gp_charts_dir(dir, charts, n, NULL, d);
    if (st != ST_OK) return st;
    char path[PATH_LEN + 32];
    snprintf(path, sizeof path, "%s/chartdata.gp", charts);
    AtomicFile *af = &(AtomicFile){0};
    st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    fputs("# chartdata.gp — written by ecsim for the charts across scenarios (plotcmp.c)\n", af->f);
    put_gp_var(af->f, "scenario", base);
    chart_write_units(af->f);
    st = afile_commit(af, d);
    return st == ST_OK ? plot_write_colours(charts, d) : st;
}

/* A number in about 3-4 significant digits, with a true minus sign. */
static void fmt_num(char *buf, size_t n, double x)
{
    if (!isfinite(x)) { snprintf(buf, n, "–"); return; }
    double a = fabs(x);
    int dec = a == 0 || a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    char num[64];
    snprintf(num, sizeof num, "%.*f", dec, a);
    if (strchr(num, '.')) {
        size_t k = strlen(num);
        while (num[k - 1] == '0') num[--k] = '\0';
        if (num[k - 1] == '.') num[--k] = '\0';
    }
    int zero = strspn(num, "0.") == strlen(num);
    size_t k = 0;
    if (x < 0 && !zero && n > 4) { memcpy(buf, "−", 3); k = 3; }
    snprintf(buf + k, n - k, "%.60s", num);
}

/* A margin in the display unit (scale), signed: "+500", "−9.9", "±0". */
static void margin_text(char *buf, size_t n, double margin, double scale)
{
    char num[64];
    double x = margin * scale;
    fmt_num(num, sizeof num, x);
    int zero = strspn(num, "0.") == strlen(num);
    snprintf(buf, n, "%s%s", zero ? "±" : x > 0 ? "+" : "", num);
}

/* ---- running the charts ------------------------------------------------------- */

typedef struct {
    const char *script;     /* plots/<script> */
    const char *name;       /* charts/<name>.png, .svg */
    const char *var, *value;   /* one extra assignment, or NULL */
} ChartJob;

static Status run_charts(const GpEnv *env, const char *dir, const char *charts, const ChartJob *c, int n,
                         Diag *d)
{
    static const char *const fmts[] = { "png", "svg" };
    GpJob *jobs = calloc((size_t)n * 2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++) {
            char out[PATH_LEN];
            GpJob *j = &jobs[2 * i + k];
            if (snprintf(out, sizeof out, "%s/%s.%s", charts, c[i].name, fmts[k]) >= (int)sizeof out
                || gp_job_init(j, env, c[i].script, dir, out, fmts[k]) != 0
                || (c[i].var && gp_job_var(j, c[i].var, c[i].value) != 0)) {
                diag_error(d, ST_IO, dir, 0, NULL, "path too long or with control characters");
                free(jobs);
                return ST_IO;
            }
        }
    Status st = gp_run_jobs(jobs, 2 * n, env, d);
    free(jobs);
    return st;
}

/* ---- comparison ------------------------------------------------------------------ */

/* The target row of id in a scenario's targets.dat with the least margin. */
static const TargetRow *worst_row(const TargetTable *tt, const char *id)
{
    const TargetRow *w = NULL;
    for (int i = 0; i < tt->n; i++)
        if (strcmp(tt->rows[i].id, id) == 0 && (!w || tt->rows[i].margin < w->margin)) w = &tt->rows[i];
    return w;
}

/* The panels of compare-figures.gp, one per metric of comparison.dat; titles,
 * units and scales come from the registries (present.h). */
static const char *const figure_panels[] = {
    "curtailed_mwh", "re_utilisation", "coal_power_mwh", "export_mwh", "coal_output_mt",
    "energy_production_capacity_yi_tce", "energy_intensity_change_frac", "carbon_intensity_change_frac",
};

static void put_figure_panels(FILE *f)
{
    const int n = (int)(sizeof figure_panels / sizeof figure_panels[0]);
    fputs("# compare-figures panels: column, display scale and title per language\n", f);
    fprintf(f, "n_fig = %d\narray fig_col[%d]\narray fig_scale_zh[%d]\narray fig_scale_en[%d]\n"
               "array fig_title_zh[%d]\narray fig_title_en[%d]\n", n, n, n, n, n, n);
    for (int k = 0; k < n; k++) {
        const char *unit = present_metric_unit(figure_panels[k]);
        put_gp_array(f, "fig_col", k + 1, figure_panels[k]);
        for (int en = 0; en < 2; en++) {
            DisplayUnit u = present_unit(unit, HUGE_VAL, en);
            char label[160], title[256];
            present_metric_label(figure_panels[k], en, label, sizeof label);
            snprintf(title, sizeof title, "%s (%s)", label, present_unit_text(&u));
            fprintf(f, "fig_scale_%s[%d] = %.10g%s\n", en ? "en" : "zh", k + 1, u.scale,
                    u.scale == floor(u.scale) ? ".0" : "");   /* a real, not a gnuplot integer */
            put_gp_array(f, en ? "fig_title_en" : "fig_title_zh", k + 1, title);
        }
    }
}

/* The row label of a target: its metric and condition, e.g. "风电装机 ≥ 320万千瓦". */
static void target_tic(char *buf, size_t n, const TargetRow *r, int en)
{
    char label[160], a[96], b[96];
    const char *unit = present_metric_unit(r->metric);
    present_metric_label(r->metric, en, label, sizeof label);
    if (enum_value(ENUM_TARGET_OP, r->op) == OP_REDUCTION)
        snprintf(buf, n, "%s %s", label, present_format(a, sizeof a, "1", -r->threshold, en, 0, 0));
    else if (enum_value(ENUM_TARGET_OP, r->op) == OP_RANGE)
        snprintf(buf, n, "%s %s–%s", label, present_format(a, sizeof a, unit, r->threshold, en, 0, 0),
                 present_format(b, sizeof b, unit, r->upper, en, 0, 0));
    else
        snprintf(buf, n, "%s %s %s", label, present_op_symbol((TargetOp)enum_value(ENUM_TARGET_OP, r->op)),
                 present_format(a, sizeof a, unit, r->threshold, en, 0, 0));
}


/* ---- cost against a target's margin (compare and sweep) ---------------------- */

enum { TRADEOFF_MAX = 4 };

/* charts/tradeoff.dat and tradeoff.gp from dir/comparison.dat: the present
 * value of net cost (docs/costs.md) across, and up to four targets' worst
 * margins up, one point per scenario; the targets whose margin differs
 * between the scenarios first. *n_panels gets how many (0: nothing to draw,
 * no files written). */
static Status write_tradeoff(const char *dir, const char *charts, int *n_panels, Diag *d)
{
    *n_panels = 0;
    char path[PATH_LEN + 64];
    if (snprintf(path, sizeof path, "%s/comparison.dat", dir) >= (int)sizeof path) return ST_OK;
    Table t;
    Diag quiet;
    diag_init(&quiet);
    if (table_read(path, &t, &quiet) != ST_OK) { table_free(&t); return ST_OK; }
    int c_scen = table_col(&t, "scenario"), c_cost = table_col(&t, "pv_net_cost_yi_yuan");
    int c_year = table_col(&t, "year");   /* a sweep's settings stand between scenario and year */
    if (c_scen < 0 || c_cost < 0 || c_year < c_scen || t.nr == 0) { table_free(&t); return ST_OK; }
    /* the targets, in column order within each rank: 0 the verdict differs
     * between the scenarios, 1 some scenario misses it, 2 its margin
     * differs, 3 the rest */
    int pick[TRADEOFF_MAX], np = 0;
    for (int rank = 0; rank < 4 && np < TRADEOFF_MAX; rank++)
        for (int c = 0; c < t.nc && np < TRADEOFF_MAX; c++) {
            if (strncmp(t.head[c], "margin_", 7) != 0) continue;
            char pname[256];
            snprintf(pname, sizeof pname, "pass_%s", t.head[c] + 7);
            int cp = table_col(&t, pname), n_pass = 0, n = 0;
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            for (int r = 0; r < t.nr; r++) {
                double m = table_num(&t, r, c);
                if (!isfinite(m)) continue;
                lo = fmin(lo, m);
                hi = fmax(hi, m);
                n++;
                n_pass += table_num(&t, r, cp) > 0.5;
            }
            if (n == 0) continue;
            int r_of = (n_pass > 0 && n_pass < n) ? 0 : n_pass < n ? 1 : hi - lo > 1e-9 * (1 + fabs(hi)) ? 2 : 3;
            if (r_of == rank) pick[np++] = c;
        }
    if (np == 0) { table_free(&t); return ST_OK; }
    /* units of the margins from the first scenario's targets.dat */
    TargetTable tt = {0};
    snprintf(path, sizeof path, "%s/%s/targets.dat", dir, table_get(&t, 0, c_scen));
    if (results_targets_read(path, &tt, &quiet) != ST_OK) results_targets_free(&tt);
    DisplayUnit mu[2] = { present_unit("亿元", HUGE_VAL, 0), present_unit("亿元", HUGE_VAL, 1) };
    AtomicFile afs[2] = { {0}, {0} };
    snprintf(path, sizeof path, "%s/tradeoff.dat", charts);
    Status st = afile_open(&afs[0], path, d);
    if (st == ST_OK) {
        snprintf(path, sizeof path, "%s/tradeoff.gp", charts);
        st = afile_open(&afs[1], path, d);
        if (st != ST_OK) afile_abort(&afs[0]);
    }
    if (st == ST_OK) {
        FILE *f = afs[0].f, *g = afs[1].f;
        fputs("# tradeoff.dat — written by ecsim (plotcmp.c) from comparison.dat: one block (gnuplot\n"
              "# index) per target; x = present value of net cost, y = the target's worst margin, each\n"
              "# in the display unit of zh and en; pass 1 met, 0 missed; below 1: its name goes below\n"
              "# the point (names alternate along the cost axis); the scenario\n"
              "x_zh x_en y_zh y_en pass below name\n", f);
        fputs("# tradeoff.gp — written by ecsim (plotcmp.c) for plots/tradeoff.gp\n", g);
        fprintf(g, "to_n = %d\nto_points = %d\n", np, t.nr);
        char names[256] = "";
        size_t nl = 0;
        for (int c = c_scen + 1; c < c_year; c++)
            nl += (size_t)snprintf(names + nl, nl < sizeof names ? sizeof names - nl : 0, "%s%s",
                                   c > c_scen + 1 ? " / " : "", t.head[c]);
        put_gp_var(g, "to_names", names);   /* what a point's label shows: "" the scenario's name */
        char label[160];
        for (int en = 0; en < 2; en++) {
            char x[256];
            snprintf(x, sizeof x, "%s (%s)", present_metric_label("pv_net_cost_yi_yuan", en, label, sizeof label),
                     present_unit_text(&mu[en]));
            put_gp_var(g, en ? "to_xlabel_en" : "to_xlabel_zh", x);
        }
        fprintf(g, "array to_title_zh[%d]\narray to_title_en[%d]\narray to_unit_zh[%d]\narray to_unit_en[%d]\n",
                np, np, np, np);
        for (int k = 0; k < np; k++) {
            const char *id = t.head[pick[k]] + 7;
            char pname[256];
            snprintf(pname, sizeof pname, "pass_%s", id);
            int cp = table_col(&t, pname);
            const TargetRow *r = worst_row(&tt, id);
            const char *unit = !r ? "" : enum_value(ENUM_TARGET_OP, r->op) == OP_REDUCTION ? "1"
                                                                                        : present_metric_unit(r->metric);
            DisplayUnit u[2] = { present_unit(unit, r ? fabs(r->threshold) : 0, 0),
                                 present_unit(unit, r ? fabs(r->threshold) : 0, 1) };
            for (int en = 0; en < 2; en++) {
                char tic[256];
                if (r) target_tic(tic, sizeof tic, r, en);
                else snprintf(tic, sizeof tic, "%s", id);
                put_gp_array(g, en ? "to_title_en" : "to_title_zh", k + 1, tic);
                const char *uu = u[en].percent ? (en ? "pp" : "个百分点") : present_unit_text(&u[en]);
                put_gp_array(g, en ? "to_unit_en" : "to_unit_zh", k + 1, uu);
            }
            if (k) fputs("\n\n", f);
            for (int row = 0; row < t.nr; row++) {
                double x = table_num(&t, row, c_cost), y = table_num(&t, row, pick[k]);
                if (!isfinite(x) || !isfinite(y)) continue;
                int rank = 0;   /* names alternate above and below along the cost axis */
                for (int o = 0; o < t.nr; o++) {
                    double xo = table_num(&t, o, c_cost);
                    rank += isfinite(xo) && (xo < x || (xo == x && o < row));
                }
                fprintf(f, "%.9g %.9g %.9g %.9g %d %d", x * mu[0].scale, x * mu[1].scale, y * u[0].scale,
                        y * u[1].scale, table_num(&t, row, cp) > 0.5, rank % 2);
                char name[160] = "";   /* a sweep point by its values, a scenario by its name */
                size_t len = 0;
                for (int c = c_scen + 1; c < c_year; c++)
                    len += (size_t)snprintf(name + len, len < sizeof name ? sizeof name - len : 0, "%s%.40s",
                                            c > c_scen + 1 ? " / " : "", table_get(&t, row, c));
                put_dq(f, c_year > c_scen + 1 ? name : table_get(&t, row, c_scen));
                fputc('\n', f);
            }
        }
        st = afile_commit(&afs[0], d);
        if (st == ST_OK) st = afile_commit(&afs[1], d);
        else afile_abort(&afs[1]);
    }
    results_targets_free(&tt);
    table_free(&t);
    if (st == ST_OK) *n_panels = np;
    return st;
}

Status plot_comparison(const char *dir, const char *plots_dir, const char *lang, Diag *d)
{
    GpEnv env;
    Status st = gp_prepare(&env, plots_dir, lang, d);
    if (st != ST_OK) return st;
    char path[PATH_LEN + 64], charts[PATH_LEN];
    if (snprintf(path, sizeof path, "%s/comparison.dat", dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return ST_IO;
    }
    Table t;
    st = table_read(path, &t, d);
    int c_scen = table_col(&t, "scenario"), c_year = table_col(&t, "year");
    if (st == ST_OK && (c_scen < 0 || c_year < 0 || t.nr == 0)) {
        diag_error(d, ST_IO, path, 0, NULL, "no scenario rows (columns scenario, year)");
        st = ST_IO;
    }
    if (st == ST_OK) st = prepare_charts_dir(dir, charts, sizeof charts, d);
    if (st != ST_OK) {
        table_free(&t);
        return st;
    }
    const int ns = t.nr;
    /* each scenario's targets.dat (for the targets' conditions and units), annual.dat (years) */
    TargetTable *tts = calloc((size_t)ns, sizeof *tts);
    int *has_annual = calloc((size_t)ns, sizeof *has_annual);
    if (!tts || !has_annual) {
        free(tts);
        free(has_annual);
        table_free(&t);
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    int first_year = 0, last_year = 0, n_traj = 0;
    for (int i = 0; i < ns; i++) {
        const char *name = table_get(&t, i, c_scen);
        Diag quiet;
        diag_init(&quiet);
        snprintf(path, sizeof path, "%s/%s/targets.dat", dir, name);
        if (results_targets_read(path, &tts[i], &quiet) != ST_OK) results_targets_free(&tts[i]);
        DatTable a;
        snprintf(path, sizeof path, "%s/%s/annual.dat", dir, name);
        if (results_dat_read(path, &a, &quiet) == ST_OK && a.n_rows > 0 && results_dat_col(&a, "year") >= 0) {
            int cy = results_dat_col(&a, "year");
            int y0 = (int)results_dat_get(&a, 0, cy), y1 = (int)results_dat_get(&a, a.n_rows - 1, cy);
            if (!n_traj || y0 < first_year) first_year = y0;
            if (!n_traj || y1 > last_year) last_year = y1;
            has_annual[i] = 1;
            n_traj++;
        } else {
            diag_warn(d, path, 0, NULL, "cannot be read: scenario %s left out of the trajectories", name);
        }
        results_dat_free(&a);
    }
    /* target ids: the pass_<id> columns */
    int n_tgt = 0;
    for (int c = 0; c < t.nc; c++) n_tgt += strncmp(t.head[c], "pass_", 5) == 0;

    /* compare.gp: names, years, the targets' row labels */
    AtomicFile afs[2] = { {0}, {0} }, *af = &afs[0];
    snprintf(path, sizeof path, "%s/compare.gp", charts);
    st = afile_open(af, path, d);
    if (st == ST_OK) {
        FILE *f = af->f;
        fputs("# compare.gp — written by ecsim (plotcmp.c) for plots/compare-*.gp\n", f);
        fprintf(f, "cmp_year = %d\n", (int)table_num(&t, 0, c_year));
        int same = 1;
        for (int i = 1; i < ns; i++) same &= table_num(&t, i, c_year) == table_num(&t, 0, c_year);
        fprintf(f, "cmp_same_year = %d\nn_scen = %d\narray scen_name[%d]\n", same, ns, ns);
        for (int i = 0; i < ns; i++) put_gp_array(f, "scen_name", i + 1, table_get(&t, i, c_scen));
        fprintf(f, "array scen_tic[%d]\n", ns);
        for (int i = 0; i < ns; i++) put_gp_tic(f, "scen_tic", i + 1, table_get(&t, i, c_scen));
        fprintf(f, "first_year = %d\nlast_year = %d\nn_traj = %d\n", first_year, last_year, n_traj);
        put_figure_panels(f);
        fprintf(f, "array traj_name[%d]\narray traj_col[%d]\n", n_traj ? n_traj : 1, n_traj ? n_traj : 1);
        for (int i = 0, k = 0; i < ns; i++)
            if (has_annual[i]) {
                k++;
                put_gp_array(f, "traj_name", k, table_get(&t, i, c_scen));
                fprintf(f, "traj_col[%d] = %d\n", k, i + 1);
            }
        int na = n_tgt ? n_tgt : 1;
        fprintf(f, "n_tgt = %d\narray tgt_tic_zh[%d]\narray tgt_tic_en[%d]\n", n_tgt, na, na);
        fprintf(f, "array tgt_unit_zh[%d]\narray tgt_unit_en[%d]\n", na, na);
        for (int c = 0, k = 0; c < t.nc; c++) {
            if (strncmp(t.head[c], "pass_", 5) != 0) continue;
            const char *id = t.head[c] + 5;
            const TargetRow *r = NULL;
            for (int i = 0; i < ns && !r; i++) r = worst_row(&tts[i], id);
            char tic[256];
            k++;
            const char *unit = !r ? "" : enum_value(ENUM_TARGET_OP, r->op) == OP_REDUCTION ? "1" : present_metric_unit(r->metric);
            for (int en = 0; en < 2; en++) {
                if (r) target_tic(tic, sizeof tic, r, en);
                else snprintf(tic, sizeof tic, "%s", id);
                put_gp_tic(f, en ? "tgt_tic_en" : "tgt_tic_zh", k, tic);
                DisplayUnit u = present_unit(unit, r ? fabs(r->threshold) : 0, en);
                const char *mu = u.percent ? (en ? "pp" : "个百分点") : u.unit + (u.unit[0] == ' ');
                put_gp_tic(f, en ? "tgt_unit_en" : "tgt_unit_zh", k, mu);
            }
        }
        st = afile_commit(af, d);
    }
    /* compare-targets.dat: one cell per target and scenario */
    if (st == ST_OK) {
        snprintf(path, sizeof path, "%s/compare-targets.dat", charts);
        af = &afs[1];
        st = afile_open(af, path, d);
    }
    if (st == ST_OK) {
        FILE *f = af->f;
        fputs("# compare-targets.dat — written by ecsim (plotcmp.c): one cell per target (row, from the top)\n"
              "# and scenario (col); pass 1 met, 0 missed, -1 absent; the worst margin in both languages\n"
              "col row pass text_zh text_en\n", f);
        for (int c = 0, k = 0; c < t.nc; c++) {
            if (strncmp(t.head[c], "pass_", 5) != 0) continue;
            const char *id = t.head[c] + 5;
            char mname[256];
            snprintf(mname, sizeof mname, "margin_%s", id);
            int cm = table_col(&t, mname);
            k++;
            const TargetRow *r0 = NULL;
            for (int i = 0; i < ns && !r0; i++) r0 = worst_row(&tts[i], id);
            const char *unit = !r0 ? "" : enum_value(ENUM_TARGET_OP, r0->op) == OP_REDUCTION ? "1" : present_metric_unit(r0->metric);
            double mag = r0 ? fabs(r0->threshold) : 0;
            for (int i = 0; i < ns; i++) {
                double pass = table_num(&t, i, c), margin = table_num(&t, i, cm);
                char zh[96], en[96];
                if (isfinite(pass) && isfinite(margin)) {
                    margin_text(zh, sizeof zh, margin, present_unit(unit, mag, 0).scale);
                    margin_text(en, sizeof en, margin, present_unit(unit, mag, 1).scale);
                } else {
                    snprintf(zh, sizeof zh, "–");
                    snprintf(en, sizeof en, "–");
                }
                fprintf(f, "%d %d %d", i + 1, k, isfinite(pass) ? (pass > 0.5) : -1);
                put_dq(f, zh);
                put_dq(f, en);
                fputc('\n', f);
            }
        }
        st = afile_commit(af, d);
    }
    for (int i = 0; i < ns; i++) results_targets_free(&tts[i]);
    free(tts);
    free(has_annual);
    table_free(&t);
    if (st != ST_OK) return st;

    ChartJob jobs[4] = {
        { "compare-figures.gp", "compare-figures", NULL, NULL },
        { "compare-trajectories.gp", "compare-trajectories", NULL, NULL },
        { "compare-targets.gp", "compare-targets", NULL, NULL },
    };
    int nj = 3;
    if (n_traj == 0) {
        diag_warn(d, dir, 0, NULL, "no scenario's annual.dat: compare-trajectories not drawn");
        jobs[1] = jobs[2];
        nj = 2;
    }
    if (n_tgt == 0) {
        diag_warn(d, dir, 0, NULL, "no targets: compare-targets not drawn");
        nj--;
    }
    int n_panels;
    if ((st = write_tradeoff(dir, charts, &n_panels, d)) != ST_OK) return st;
    if (n_panels > 0) jobs[nj++] = (ChartJob){ "tradeoff.gp", "tradeoff", NULL, NULL };
    return run_charts(&env, dir, charts, jobs, nj, d);
}

/* ---- sweep ---------------------------------------------------------------------- */

#define MAX_VARY 8

Status plot_sweep(const char *dir, const char *metric, const char *plots_dir, const char *lang, Diag *d)
{
    const Metric *m = metric ? metrics_find(metric) : NULL;
    if (!m) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "unknown metric '%s'", metric ? metric : "");
        const char *s = metric ? metrics_suggest(metric) : NULL;
        if (s) diag_suggest(d, s);
        return ST_USAGE;
    }
    GpEnv env;
    Status st = gp_prepare(&env, plots_dir, lang, d);
    if (st != ST_OK) return st;
    char path[PATH_LEN + 64], charts[PATH_LEN];
    if (snprintf(path, sizeof path, "%s/sweep.dat", dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return ST_IO;
    }
    Table t;
    st = table_read(path, &t, d);
    if (st != ST_OK) { table_free(&t); return st; }
    /* point <settings...> i_1 .. i_n <metrics...> */
    int nv = 0;
    while (1 + nv < t.nc && strcmp(t.head[1 + nv], "i_1") != 0) nv++;
    int cm = table_col(&t, m->name);
    if (table_col(&t, "point") != 0 || nv == 0 || nv > MAX_VARY || 1 + 2 * nv > t.nc || t.nr == 0) {
        diag_error(d, ST_IO, path, 0, NULL, "not a sweep table (point, 1 to %d settings, i_1..., rows)", MAX_VARY);
        table_free(&t);
        return ST_IO;
    }
    if (cm < 0) {
        diag_error(d, ST_USAGE, path, 0, NULL, "no column %s", m->name);
        table_free(&t);
        return ST_USAGE;
    }
    int count[MAX_VARY], numeric[MAX_VARY], stride[MAX_VARY];
    for (int k = 0; k < nv; k++) {
        count[k] = 0;
        numeric[k] = 1;
        for (int r = 0; r < t.nr; r++) {
            double i = table_num(&t, r, 1 + nv + k);
            if (!(i >= 0 && i < 10000 && i == floor(i))) {
                diag_error(d, ST_IO, path, 0, NULL, "row %d: bad index i_%d", r + 1, k + 1);
                table_free(&t);
                return ST_IO;
            }
            if ((int)i + 1 > count[k]) count[k] = (int)i + 1;
            numeric[k] &= is_number(table_get(&t, r, 1 + k));
        }
    }
    int n_combo = 1;
    for (int k = nv - 1; k >= 1; k--) { stride[k] = n_combo; n_combo *= count[k]; }
    if ((long)n_combo * count[0] > 1000000) {
        diag_error(d, ST_IO, path, 0, NULL, "grid too large to draw");
        table_free(&t);
        return ST_IO;
    }
    /* cell[combo * count[0] + i_1] = row, or -1 */
    int n_cells = n_combo * count[0];
    int *cell = malloc((size_t)n_cells * sizeof *cell);
    const char **lab = calloc((size_t)nv * 10000, sizeof *lab);
    if (!cell || !lab) {
        free(cell);
        free(lab);
        table_free(&t);
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    for (int i = 0; i < n_cells; i++) cell[i] = -1;
    double mag = 0;
    for (int r = 0; r < t.nr; r++) {
        int combo = 0, i1 = (int)table_num(&t, r, 1 + nv);
        for (int k = 0; k < nv; k++) {
            int ik = (int)table_num(&t, r, 1 + nv + k);
            if (k) combo += ik * stride[k];
            if (!lab[k * 10000 + ik]) lab[k * 10000 + ik] = table_get(&t, r, 1 + k);
        }
        cell[combo * count[0] + i1] = r;
        double v = table_num(&t, r, cm);
        if (isfinite(v) && fabs(v) > mag) mag = fabs(v);
    }
    DisplayUnit u[2] = { present_unit(m->unit, mag, 0), present_unit(m->unit, mag, 1) };
    st = prepare_charts_dir(dir, charts, sizeof charts, d);

    /* sweep-<metric>.dat: one block per combination (1 or > 2 settings), or the grid (2) */
    AtomicFile afs[2] = { {0}, {0} }, *af = &afs[0];
    if (st == ST_OK) {
        snprintf(path, sizeof path, "%s/sweep-%s.dat", charts, m->name);
        st = afile_open(af, path, d);
    }
    if (st == ST_OK) {
        FILE *f = af->f;
        fprintf(f, "# sweep-%s.dat — written by ecsim (plotcmp.c) from sweep.dat\n", m->name);
        fputs(nv == 2 ? "# the grid: i_1 across, i_2 up, one block per i_2\n"
                      : "# one block (gnuplot index) per combination of the other settings, by i_1\n", f);
        fputs("# columns: x i1 i2 v_zh v_en text_zh text_en (v in the plan unit / SI)\n", f);
        for (int c = 0; c < n_combo; c++) {
            if (c) fputs(nv == 2 ? "\n" : "\n\n", f);
            for (int i = 0; i < count[0]; i++) {
                int r = cell[c * count[0] + i];
                double v = r >= 0 ? table_num(&t, r, cm) : (double)NAN;
                if (nv != 2 && r < 0) continue;
                double x = numeric[0] && r >= 0 ? table_num(&t, r, 1) : i;
                char zh[64], en[64];
                fmt_num(zh, sizeof zh, v * u[0].scale);
                fmt_num(en, sizeof en, v * u[1].scale);
                fprintf(f, "%.9g %d %d %.9g %.9g", nv == 2 ? i : x, i, c, v * u[0].scale, v * u[1].scale);
                put_dq(f, zh);
                put_dq(f, en);
                fputc('\n', f);
            }
        }
        st = afile_commit(af, d);
    }
    /* sweep-<metric>.gp: labels, units, tick labels, the lines' titles */
    if (st == ST_OK) {
        snprintf(path, sizeof path, "%s/sweep-%s.gp", charts, m->name);
        af = &afs[1];
        st = afile_open(af, path, d);
    }
    if (st == ST_OK) {
        FILE *f = af->f;
        fprintf(f, "# sweep-%s.gp — written by ecsim (plotcmp.c) for plots/sweep.gp\n", m->name);
        fprintf(f, "sw_n_vary = %d\nsw_n_points = %d\n", nv, t.nr);
        char label[160];   /* without a unit in parentheses: sweep.gp adds the display unit */
        put_gp_var(f, "sw_label_zh", present_metric_label(m->name, 0, label, sizeof label));
        put_gp_var(f, "sw_label_en", present_metric_label(m->name, 1, label, sizeof label));
        put_gp_var(f, "sw_unit_zh", u[0].unit + (u[0].unit[0] == ' '));
        put_gp_var(f, "sw_unit_en", u[1].unit + (u[1].unit[0] == ' '));
        for (int k = 0; k < nv && k < 2; k++) {
            char nm[32];
            snprintf(nm, sizeof nm, "sw_name%d", k + 1);
            put_gp_var(f, nm, t.head[1 + k]);
            fprintf(f, "sw_numeric%d = %d\nsw_count%d = %d\narray sw_tic%d[%d]\n", k + 1, numeric[k], k + 1,
                    count[k], k + 1, count[k]);
            snprintf(nm, sizeof nm, "sw_tic%d", k + 1);
            if (count[k] <= 64) {   /* schedule values: only the points that differ */
                char shown[64][128];
                compact_schedule_labels(&lab[k * 10000], count[k], shown);
                for (int i = 0; i < count[k]; i++) put_gp_tic(f, nm, i + 1, shown[i]);
            } else {
                for (int i = 0; i < count[k]; i++)
                    put_gp_tic(f, nm, i + 1, lab[k * 10000 + i] ? lab[k * 10000 + i] : "?");
            }
        }
        fprintf(f, "sw_n_combo = %d\narray sw_combo[%d]\n", nv == 2 ? 1 : n_combo, nv == 2 ? 1 : n_combo);
        for (int c = 0; c < (nv == 2 ? 1 : n_combo); c++) {
            char title[1024] = "";
            size_t len = 0;
            for (int k = 1; k < nv; k++) {
                int ik = (c / stride[k]) % count[k];
                const char *v = lab[k * 10000 + ik] ? lab[k * 10000 + ik] : "?";
                len += (size_t)snprintf(title + len, len < sizeof title ? sizeof title - len : 0, "%s%s = %s",
                                        k > 1 ? ", " : "", t.head[1 + k], v);
                if (len >= sizeof title) len = sizeof title - 1;
            }
            put_gp_array(f, "sw_combo", c + 1, title);
        }
        st = afile_commit(af, d);
    }
    free(cell);
    free(lab);
    table_free(&t);
    if (st != ST_OK) return st;
    char name[256];
    snprintf(name, sizeof name, "sweep-%s", m->name);
    ChartJob jobs[2] = { { "sweep.gp", name, "metric", m->name }, { "tradeoff.gp", "tradeoff", NULL, NULL } };
    int n_panels;
    if ((st = write_tradeoff(dir, charts, &n_panels, d)) != ST_OK) return st;
    return run_charts(&env, dir, charts, jobs, n_panels > 0 ? 2 : 1, d);
}
