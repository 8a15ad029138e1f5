/* plotens.c — the charts and ensemble_report.html of a weather ensemble
 * (plotens.h): members.dat, ensemble.dat, probabilities.dat and summary.md
 * read and checked, the chart data derived from them in display units
 * (present.h), gnuplot run on plots/ens-*.gp through gnuplot.c, the page.
 * Reads only those files (STYLE §8), never the ensemble code's memory. */
#include "plotens.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "chartdata.h"
#include "gnuplot.h"
#include "html.h"
#include "infile.h"
#include "plot.h"
#include "present.h"
#include "results.h"

#define PATH_LEN GP_PATH_LEN
#define FILE_MAX ((off_t)256 << 20)   /* members.dat of many members and years */
#define LINE_MAX_LEN (1 << 16)
#define IMG_MAX (64 << 20)
#define N_FAN 6

static const EnsChart charts[] = {
    { "ens-fan", "关键指标的天气不确定性（扇形图）", "Key figures under weather uncertainty (fan charts)",
      "每格为一个指标逐年的成员分布：深色线为中位数（P50），阴影为 P10–P90 区间（80% 的天气年份落在其中），"
      "虚点线为均值，黑色虚线为目标。看阴影是否越过目标线：越过的部分就是天气可能使目标落空的程度。",
      "Each panel is one figure by year across the members: the dark line is the median (P50), the band P10 to "
      "P90 (80 % of the weather years fall inside), the dotted line the mean, the dashed black line the target. "
      "Where the band crosses the target, weather alone can make the target fail." },
    { "ens-prob", "各目标的达标概率", "Probability that each target is met",
      "每条为一项目标检查（目标，年份）：长度为达标的成员比例，误差线为 Wilson 95% 置信区间，竖线为所设阈值。"
      "绿色：概率不低于阈值；琥珀色：低于阈值但置信区间上端达到阈值（增加成员可能改变结论）；红色：置信区间整体低于阈值。"
      "最上一条为所有模拟结果类目标在同一成员中同时达标的概率。",
      "One bar per target check (target, year): its length is the share of members that meet it, the error bar "
      "its Wilson 95 % interval, the vertical line the threshold set. Green: at or above the threshold; amber: "
      "below it, but the interval reaches it (more members may change the verdict); red: the whole interval is "
      "below it. The top bar is the probability that every simulated (result) target is met in the same member." },
    { "ens-hist", "关键年份新能源利用率的成员分布", "Renewable utilisation of the critical year across the members",
      "该年（达标概率最低的新能源利用率年份）各成员新能源利用率的直方图：绿色柱达到目标，红色柱未达到；黑色虚线为目标，点线为 P10、P50、P90。",
      "The histogram of the members' renewable utilisation in the year whose utilisation target is the least "
      "likely to be met: green bins meet the target, coral ones miss it; dashed black: the target; dotted: P10, P50 "
      "and P90." },
};

#define N_CHARTS ((int)(sizeof charts / sizeof charts[0]))

int plotens_chart_count(void) { return N_CHARTS; }

const EnsChart *plotens_chart_get(int i) { return (i >= 0 && i < N_CHARTS) ? &charts[i] : NULL; }

/* ---- reading a table ------------------------------------------------------------ */

/* Column kinds: 's' a word, 'i' a whole number, 'n' a number (NaN allowed),
 * 't' a number or '-' (NaN), 'p' a probability 0..1. */
typedef struct {
    const char *file;
    const char *cols;       /* the required leading columns, blank-separated */
    const char *kinds;      /* one per required column; later columns 'n' */
} TabSpec;

typedef struct {
    int n_cols, n_rows, cap;
    char **names;           /* n_cols */
    double *v;              /* n_rows x n_cols; a word column holds 0 */
    char **s;               /* n_rows x n_cols: the words, NULL elsewhere */
    int *lines;             /* n_rows: each row's line in the file */
    char *comments;         /* the '#' lines before the header, joined */
} Tab;

static void tab_free(Tab *t)
{
    for (int c = 0; c < t->n_cols; c++) free(t->names[c]);
    if (t->s)
        for (long i = 0; i < (long)t->n_rows * t->n_cols; i++) free(t->s[i]);
    free(t->names);
    free(t->v);
    free(t->s);
    free(t->lines);
    free(t->comments);
    memset(t, 0, sizeof *t);
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* The next blank-separated field of *p (a "double-quoted" one whole). */
static int next_field(const char **p, const char **start, size_t *len)
{
    const char *q = *p + strspn(*p, " \t\r");
    if (!*q || *q == '\n') return 0;
    *start = q;
    if (*q == '"') {
        const char *e = strchr(q + 1, '"');
        q = e ? e + 1 : q + strlen(q);
    } else {
        q += strcspn(q, " \t\r\n");
    }
    *len = (size_t)(q - *start);
    *p = q;
    return 1;
}

static char kind_of(const TabSpec *sp, int c) { return c < (int)strlen(sp->kinds) ? sp->kinds[c] : 'n'; }

static int parse_num(const char *s, size_t n, char kind, double *out)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (kind == 't' && strcmp(buf, "-") == 0) {
        *out = (double)NAN;
        return 0;
    }
    if (!strcmp(buf, "nan") || !strcmp(buf, "NaN") || !strcmp(buf, "-nan")) {
        if (kind == 'i' || kind == 'p') return -1;
        *out = (double)NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end || end == buf || errno == ERANGE || !isfinite(v)) return -1;
    if (strchr(buf, 'x') || strchr(buf, 'X')) return -1;   /* hex is no decimal number */
    if (kind == 'i' && (v != floor(v) || fabs(v) > 1e9)) return -2;
    if (kind == 'p' && !(v >= 0 && v <= 1)) return -3;
    *out = v;
    return 0;
}

static Status tab_grow(Tab *t)
{
    int cap = t->cap ? 2 * t->cap : 64;
    double *v = realloc(t->v, (size_t)cap * (size_t)t->n_cols * sizeof *v);
    if (!v) return ST_NOMEM;
    t->v = v;
    char **s = realloc(t->s, (size_t)cap * (size_t)t->n_cols * sizeof *s);
    if (!s) return ST_NOMEM;
    t->s = s;
    int *l = realloc(t->lines, (size_t)cap * sizeof *l);
    if (!l) return ST_NOMEM;
    t->lines = l;
    t->cap = cap;
    return ST_OK;
}

/* Reads dir/<spec->file>; the first error with file:line and the column. */
static Status tab_read(const char *dir, const TabSpec *sp, Tab *t, Diag *d)
{
    char path[PATH_LEN], why[128], setting[128];
    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/%s", dir, sp->file);
    FILE *f = infile_open(path, FILE_MAX, why, sizeof why);
    if (!f) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
        return ST_IO;
    }
    char *line = NULL;
    size_t cap = 0, com_len = 0;
    long len;
    int ln = 0, n_req = 0;
    Status st = ST_OK;
    for (const char *p = sp->cols, *s0; ; ) {
        size_t l;
        if (!next_field(&p, &s0, &l)) break;
        n_req++;
    }
    while (st == ST_OK && (len = infile_line(f, &line, &cap, LINE_MAX_LEN)) != -1) {
        ln++;
        if (len == -2) {
            diag_error(d, ST_IO, path, ln, "", "line longer than %d bytes", LINE_MAX_LEN);
            st = ST_IO;
            break;
        }
        const char *p = line, *fs;
        size_t fl;
        if (line[strspn(line, " \t\r\n")] == '\0') continue;
        if (line[0] == '#') {
            if (!t->names) {
                size_t n = strcspn(line, "\r\n");
                char *c = realloc(t->comments, com_len + n + 2);
                if (!c) { st = ST_NOMEM; break; }
                t->comments = c;
                memcpy(c + com_len, line, n);
                com_len += n;
                c[com_len++] = '\n';
                c[com_len] = '\0';
            }
            continue;
        }
        if (!t->names) {   /* the header: the required columns first, then any */
            const char *rq = sp->cols, *rs;
            size_t rl;
            int c = 0;
            while (next_field(&p, &fs, &fl)) c++;
            t->names = calloc((size_t)c + 1, sizeof *t->names);
            if (!t->names) { st = ST_NOMEM; break; }
            t->n_cols = c;
            p = line;
            for (c = 0; next_field(&p, &fs, &fl); c++) {
                if (!(t->names[c] = dupn(fs, fl))) { st = ST_NOMEM; break; }
                if (c < n_req && next_field(&rq, &rs, &rl) && (rl != fl || memcmp(rs, fs, fl) != 0)) {
                    snprintf(setting, sizeof setting, "column %d (%.*s)", c + 1, (int)rl, rs);
                    diag_error(d, ST_IO, path, ln, setting, "the header names '%s' here: not the columns of %s (%s)",
                               t->names[c], sp->file, sp->cols);
                    st = ST_IO;
                    break;
                }
            }
            if (st == ST_OK && c < n_req) {
                snprintf(setting, sizeof setting, "column %d", c + 1);
                diag_error(d, ST_IO, path, ln, setting, "the header has %d columns: %s needs %s", c, sp->file, sp->cols);
                st = ST_IO;
            }
            continue;
        }
        if (t->n_rows == t->cap && tab_grow(t) != ST_OK) { st = ST_NOMEM; break; }
        double *v = t->v + (size_t)t->n_rows * (size_t)t->n_cols;
        char **sv = t->s + (size_t)t->n_rows * (size_t)t->n_cols;
        for (int c = 0; c < t->n_cols; c++) sv[c] = NULL;
        t->lines[t->n_rows++] = ln;
        int c = 0;
        for (; next_field(&p, &fs, &fl); c++) {
            if (c >= t->n_cols) {
                snprintf(setting, sizeof setting, "column %d", c + 1);
                diag_error(d, ST_IO, path, ln, setting, "more fields than the %d columns of the header", t->n_cols);
                st = ST_IO;
                break;
            }
            char k = kind_of(sp, c);
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, t->names[c]);
            if (k == 's') {
                if (fl > 0 && fs[0] == '"') { fs++; fl = fl >= 2 ? fl - 2 : 0; }
                if (!(sv[c] = dupn(fs, fl))) { st = ST_NOMEM; break; }
                v[c] = 0;
                continue;
            }
            int r = parse_num(fs, fl, k, &v[c]);
            if (r != 0) {
                diag_error(d, ST_IO, path, ln, setting, "'%.*s' is %s", (int)(fl > 40 ? 40 : fl), fs,
                           r == -2 ? "not a whole number" : r == -3 ? "not a probability (0 to 1)" : "not a number");
                st = ST_IO;
                break;
            }
        }
        if (st == ST_OK && c < t->n_cols) {
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, t->names[c]);
            diag_error(d, ST_IO, path, ln, setting, "missing: the header has %d columns", t->n_cols);
            st = ST_IO;
        }
    }
    free(line);
    if (st == ST_OK && ferror(f)) {
        diag_error(d, ST_IO, path, ln, NULL, "read error");
        st = ST_IO;
    }
    fclose(f);
    if (st == ST_OK && t->n_rows == 0) {
        diag_error(d, ST_IO, path, ln, NULL, t->names ? "no rows" : "no header line");
        st = ST_IO;
    }
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, path, ln, NULL, "out of memory");
    return st;
}

static int tab_col(const Tab *t, const char *name)
{
    for (int c = 0; c < t->n_cols; c++)
        if (strcmp(t->names[c], name) == 0) return c;
    return -1;
}

static double tv(const Tab *t, int r, int c) { return t->v[(size_t)r * (size_t)t->n_cols + (size_t)c]; }
static const char *ts(const Tab *t, int r, int c) { return t->s[(size_t)r * (size_t)t->n_cols + (size_t)c]; }

/* ---- the inputs together --------------------------------------------------------- */

enum { EN_METRIC, EN_YEAR, EN_N, EN_MEAN, EN_SD, EN_MIN, EN_P10, EN_P50, EN_P90, EN_MAX };
enum { PR_ID, PR_METRIC, PR_YEAR, PR_OP, PR_THRESHOLD, PR_BASIS, PR_KIND, PR_N, PR_MET, PR_P, PR_LO, PR_HI };

static const TabSpec spec_ens = { "ensemble.dat", "metric year n mean sd min p10 p50 p90 max", "siinnnnnnn" };
static const TabSpec spec_prob = { "probabilities.dat",
                                   "id metric year op threshold basis kind n met p_met ci_low ci_high",
                                   "ssistssiippp" };
static const TabSpec spec_mem = { "members.dat", "member year", "ii" };

typedef struct {
    const char *dir;
    int en;
    double thr;            /* the probability threshold */
    Tab ens, prob, mem;
    char *md;              /* summary.md */
    char name[256];        /* the scenario: the folder's name */
    int hist_year;         /* the histogram's year, 0: none */
    double hist_target;    /* its utilisation target (NaN: none) */
    Diag *d;
} Ens;

static void ens_free(Ens *r)
{
    tab_free(&r->ens);
    tab_free(&r->prob);
    tab_free(&r->mem);
    free(r->md);
}

/* Rows that read as numbers but cannot be: a probability row whose count
 * met exceeds n, or whose p_met is not met / n. */
static Status check_prob(const Ens *r)
{
    const Tab *t = &r->prob;
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/%s", r->dir, spec_prob.file);
    for (int i = 0; i < t->n_rows; i++) {
        double n = tv(t, i, PR_N), met = tv(t, i, PR_MET), p = tv(t, i, PR_P);
        if (n < 1 || met < 0 || met > n || fabs(p - met / n) > 5e-6 || tv(t, i, PR_LO) > p + 5e-6
            || tv(t, i, PR_HI) < p - 5e-6) {
            diag_error(r->d, ST_IO, path, t->lines[i], "column 8 (n)", "%s %d: n %g, met %g, p_met %g, interval "
                       "%g..%g do not agree", ts(t, i, PR_ID), (int)tv(t, i, PR_YEAR), n, met, p, tv(t, i, PR_LO),
                       tv(t, i, PR_HI));
            return ST_IO;
        }
    }
    return ST_OK;
}

static Status ens_read(Ens *r)
{
    Status worst = ST_OK, st;
    if ((st = tab_read(r->dir, &spec_ens, &r->ens, r->d)) != ST_OK) worst = st;
    if ((st = tab_read(r->dir, &spec_prob, &r->prob, r->d)) != ST_OK && worst != ST_NOMEM) worst = st;
    else if (st == ST_OK && (st = check_prob(r)) != ST_OK && worst == ST_OK) worst = st;
    if ((st = tab_read(r->dir, &spec_mem, &r->mem, r->d)) != ST_OK && worst != ST_NOMEM) worst = st;
    else if (st == ST_OK && tab_col(&r->mem, "re_utilisation") < 0) {
        char path[PATH_LEN];
        snprintf(path, sizeof path, "%s/%s", r->dir, spec_mem.file);
        diag_error(r->d, ST_IO, path, 0, "re_utilisation", "no column re_utilisation in the header");
        if (worst == ST_OK) worst = ST_IO;
    }
    if (!(r->md = results_read_text(r->dir, "summary.md", r->d)) && worst == ST_OK) worst = ST_IO;
    return worst;
}

/* ---- the chart data ---------------------------------------------------------------- */

/* One fan panel: a metric of ensemble.dat; a reduction shows -value (a
 * fall of the intensity as a positive share), its P10 from the P90. The
 * target comes from the probability row of target_metric. */
typedef struct {
    const char *metric;
    const char *target_metric;
    const char *zh, *en;
    int reduction;
} Fan;

static const Fan fans[N_FAN] = {
    { "re_utilisation", "re_utilisation", "新能源利用率", "Renewable utilisation", 0 },
    { "curtailed_mwh", "curtailed_mwh", "弃风弃光电量", "Curtailed energy", 0 },
    { "export_mwh", "export_mwh", "外送电量", "Exported energy", 0 },
    { "coal_power_mwh", "coal_power_mwh", "煤电发电量", "Coal power generation", 0 },
    { "energy_intensity_change_frac", "energy_intensity_tce_per_10k_yuan", "单位GDP能耗较基年降低",
      "Energy intensity reduction", 1 },
    { "carbon_intensity_change_frac", "carbon_intensity_t_per_10k_yuan", "单位GDP二氧化碳排放较基年降低",
      "Carbon intensity reduction", 1 },
};

static double max_abs_metric(const Tab *t, const char *metric)
{
    double m = 0;
    for (int i = 0; i < t->n_rows; i++)
        if (strcmp(ts(t, i, EN_METRIC), metric) == 0)
            for (int c = EN_MEAN; c <= EN_MAX; c++)
                if (isfinite(tv(t, i, c)) && c != EN_SD) m = fmax(m, fabs(tv(t, i, c)));
    return m;
}

/* The probability row of a target on metric: the last year's (a path's end). */
static int target_row(const Tab *p, const char *metric)
{
    int best = -1;
    for (int i = 0; i < p->n_rows; i++)
        if (strcmp(ts(p, i, PR_METRIC), metric) == 0 && (best < 0 || tv(p, i, PR_YEAR) >= tv(p, best, PR_YEAR)))
            best = i;
    return best;
}

static void gp_num(FILE *f, const char *name, double v)
{
    if (isfinite(v)) fprintf(f, "if (!exists(\"%s\")) %s = %.6g\n", name, name, v);
    else fprintf(f, "if (!exists(\"%s\")) %s = NaN\n", name, name);
}

static void gp_str(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('\'', f);
}

static Status open_out(AtomicFile **af, const char *charts_dir, const char *name, Diag *d)
{
    char path[PATH_LEN + 32];
    if (snprintf(path, sizeof path, "%s/%s", charts_dir, name) >= (int)sizeof path) {
        diag_error(d, ST_IO, charts_dir, 0, NULL, "path too long");
        return ST_IO;
    }
    *af = calloc(1, sizeof **af);
    if (!*af) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = afile_open(*af, path, d);
    if (st != ST_OK) {
        free(*af);
        *af = NULL;
    }
    return st;
}

static Status close_out(AtomicFile *af, Diag *d)
{
    Status st = afile_commit(af, d);
    free(af);
    return st;
}

/* A target's label: the metric's, with "降低" / "reduction" for a reduction. */
static void target_label(const Ens *r, int i, char *buf, size_t n)
{
    const Tab *p = &r->prob;
    const char *metric = ts(p, i, PR_METRIC), *op = ts(p, i, PR_OP);
    if (strcmp(ts(p, i, PR_ID), "all_results") == 0) {
        snprintf(buf, n, "%s", r->en ? "All results together" : "全部结果类目标同时达标");
        return;
    }
    char base[160];
    present_metric_label(metric, r->en, base, sizeof base);
    int red = strcmp(op, "reduction") == 0;
    if (r->en) {
        snprintf(buf, n, red ? "%s reduction" : "%s", base);
        if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
    } else {
        snprintf(buf, n, red ? "%s降低" : "%s", base);
    }
}

/* The check in words: "≥ 90%", "≥ 13.5%" (of a reduction), "≥ 4500万吨（区间）"
 * (a range: probabilities.dat keeps its lower end). */
static void check_text(const Ens *r, int i, char *buf, size_t n)
{
    const Tab *p = &r->prob;
    const char *metric = ts(p, i, PR_METRIC), *op = ts(p, i, PR_OP);
    double thr = tv(p, i, PR_THRESHOLD);
    char v[64];
    if (strcmp(ts(p, i, PR_ID), "all_results") == 0 || !isfinite(thr)) {
        snprintf(buf, n, "–");
        return;
    }
    if (strcmp(op, "reduction") == 0) {
        present_format(v, sizeof v, "1", thr, r->en, 0, 0);
        snprintf(buf, n, "≥ %s", v);
        return;
    }
    present_format(v, sizeof v, present_metric_unit(metric), thr, r->en, 0, 0);
    if (strcmp(op, "range") == 0) snprintf(buf, n, r->en ? "≥ %s (range)" : "≥ %s（区间）", v);
    else snprintf(buf, n, "%s %s", strcmp(op, "<=") == 0 ? "≤" : "≥", v);
}

/* The bar's verdict for the threshold: 0 pass, 1 near (below, the interval
 * reaches it), 2 fail. */
static int verdict(double p, double hi, double thr)
{
    if (p >= thr - 1e-12) return 0;
    return hi >= thr - 1e-12 ? 1 : 2;
}

static const char *const verdict_word[] = { "pass", "near", "fail" };
static const char *const verdict_rgb[] = { "#2E9E44", "#E6A817", "#D62728" };
static const unsigned verdict_int[] = { 0x2E9E44, 0xE6A817, 0xD62728 };

static Status write_prob_dat(const Ens *r, const char *charts_dir, Diag *d)
{
    AtomicFile *af;
    Status st = open_out(&af, charts_dir, "ens-prob.dat", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const Tab *p = &r->prob;
    fprintf(f, "# ens-prob.dat — the bars of ens-prob.gp, from probabilities.dat (ecsim, plotens.c).\n"
               "# y: the bar's position (the all_results bar on top); p, ci_low, ci_high in %%;\n"
               "# verdict for the threshold %.4g: pass (p >= threshold), near (below, Wilson upper end\n"
               "# reaches it), fail; rgb: the bar's colour; all: 1 for all_results; label: target, year\n"
               "y p ci_low ci_high verdict rgb all label\n", r->thr);
    int n = p->n_rows, y = n;
    for (int i = 0; i < n; i++)   /* the single checks fill 1.., the all_results bar n + 1 */
        if (strcmp(ts(p, i, PR_ID), "all_results") == 0) y--;
    for (int i = 0; i < n; i++) {
        int all = strcmp(ts(p, i, PR_ID), "all_results") == 0;
        int yy = all ? n + 1 : y--;
        int v = verdict(tv(p, i, PR_P), tv(p, i, PR_HI), r->thr);
        char label[256], chk[96], text[400];
        target_label(r, i, label, sizeof label);
        check_text(r, i, chk, sizeof chk);
        if (all) snprintf(text, sizeof text, "%s", label);
        else snprintf(text, sizeof text, r->en ? "%s %s, %d" : "%s %s，%d", label, chk, (int)tv(p, i, PR_YEAR));
        for (char *q = text; *q; q++)
            if (*q == '"') *q = '\'';
        fprintf(f, "%d %.4f %.4f %.4f %s %u %d \"%s\"\n", yy, 100 * tv(p, i, PR_P), 100 * tv(p, i, PR_LO),
                100 * tv(p, i, PR_HI), verdict_word[v], verdict_int[v], all, text);
    }
    return close_out(af, d);
}

/* The fan panels: one block per panel (gnuplot index k - 1), two blank lines
 * between: year p10 p50 p90 mean, in the panel's display unit. */
static Status write_fan_dat(const Ens *r, const char *charts_dir, const DisplayUnit *u, Diag *d)
{
    AtomicFile *af;
    Status st = open_out(&af, charts_dir, "ens-fan.dat", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const Tab *t = &r->ens;
    fputs("# ens-fan.dat — the fan panels of ens-fan.gp, from ensemble.dat (ecsim, plotens.c), in display\n"
          "# units (ens-chartdata.gp names them); one block per panel, two blank lines between.\n"
          "# A reduction is -change: its P10 is the change's -P90.\n", f);
    for (int k = 0; k < N_FAN; k++) {
        if (k) fputs("\n\n", f);
        fprintf(f, "# %d %s\nyear p10 p50 p90 mean\n", k + 1, fans[k].metric);
        int rows = 0;
        for (int i = 0; i < t->n_rows; i++) {
            if (strcmp(ts(t, i, EN_METRIC), fans[k].metric) != 0) continue;
            double s = u[k].scale, p10 = tv(t, i, EN_P10), p50 = tv(t, i, EN_P50), p90 = tv(t, i, EN_P90),
                   mean = tv(t, i, EN_MEAN);
            if (fans[k].reduction) {
                double lo = -p90;
                p90 = -p10;
                p10 = lo;
                p50 = -p50;
                mean = -mean;
            }
            fprintf(f, "%d %.6g %.6g %.6g %.6g\n", (int)tv(t, i, EN_YEAR), s * p10, s * p50, s * p90, s * mean);
            rows++;
        }
        if (!rows) fputs("NaN NaN NaN NaN NaN\n", f);   /* a panel without data: empty, not an error */
    }
    return close_out(af, d);
}

/* The histogram: the members' utilisation of hist_year in bins of a round
 * width (0.5 to 10 percentage points, 8 to 25 bins): centre count, in %. */
static Status write_hist_dat(const Ens *r, const char *charts_dir, double *lo_out, double *hi_out, Diag *d)
{
    AtomicFile *af;
    Status st = open_out(&af, charts_dir, "ens-hist.dat", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    const Tab *m = &r->mem;
    int cu = tab_col(m, "re_utilisation");
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int i = 0; i < m->n_rows; i++)
        if ((int)tv(m, i, 1) == r->hist_year && isfinite(tv(m, i, cu))) {
            lo = fmin(lo, 100 * tv(m, i, cu));
            hi = fmax(hi, 100 * tv(m, i, cu));
        }
    fprintf(f, "# ens-hist.dat — the members' renewable utilisation in %d (%%), from members.dat\n"
               "# (ecsim, plotens.c): bin centre, members in the bin [centre - w/2, centre + w/2)\n"
               "centre count\n", r->hist_year);
    double w = 10;
    static const double widths[] = { 0.5, 1, 2, 5, 10 };
    for (int k = 0; k < 5; k++)
        if ((hi - lo) / widths[k] <= 25) {
            w = widths[k];
            break;
        }
    if (lo <= hi) {
        double b0 = w * floor(lo / w), b1 = w * (floor(hi / w) + 1);
        int nb = (int)lround((b1 - b0) / w);
        for (int b = 0; b < nb; b++) {
            int cnt = 0;
            double a = b0 + b * w;
            for (int i = 0; i < m->n_rows; i++) {
                double x = 100 * tv(m, i, cu);
                if ((int)tv(m, i, 1) == r->hist_year && x >= a - 1e-9 && (x < a + w - 1e-9 || (b == nb - 1 && x <= a + w)))
                    cnt++;
            }
            fprintf(f, "%.6g %d\n", a + w / 2, cnt);
        }
        *lo_out = b0;
        *hi_out = b1;
    } else {
        fputs("NaN 0\n", f);
        *lo_out = 0;
        *hi_out = 100;
    }
    fprintf(f, "# width %g\n", w);
    return close_out(af, d);
}

/* The histogram's year: the utilisation check least likely met (the first
 * of equals); else members.dat's last year. */
static void pick_hist_year(Ens *r)
{
    const Tab *p = &r->prob, *m = &r->mem;
    int best = -1;
    for (int i = 0; i < p->n_rows; i++)
        if (strcmp(ts(p, i, PR_METRIC), "re_utilisation") == 0 && (best < 0 || tv(p, i, PR_P) < tv(p, best, PR_P)))
            best = i;
    r->hist_target = (double)NAN;
    if (best >= 0) {
        r->hist_year = (int)tv(p, best, PR_YEAR);
        r->hist_target = tv(p, best, PR_THRESHOLD);
    } else {
        for (int i = 0; i < m->n_rows; i++)
            if ((int)tv(m, i, 1) > r->hist_year) r->hist_year = (int)tv(m, i, 1);
    }
}

static double ens_value(const Tab *t, const char *metric, int year, int col)
{
    for (int i = 0; i < t->n_rows; i++)
        if ((int)tv(t, i, EN_YEAR) == year && strcmp(ts(t, i, EN_METRIC), metric) == 0) return tv(t, i, col);
    return (double)NAN;
}

static Status write_chartdata(Ens *r, const char *charts_dir, Diag *d)
{
    DisplayUnit u[N_FAN];
    for (int k = 0; k < N_FAN; k++) {
        const char *unit = fans[k].reduction ? "1" : present_metric_unit(fans[k].metric);
        u[k] = present_unit(unit, max_abs_metric(&r->ens, fans[k].metric), r->en);
    }
    Status st = write_fan_dat(r, charts_dir, u, d);
    if (st == ST_OK) st = write_prob_dat(r, charts_dir, d);
    double hlo = 0, hhi = 100;
    pick_hist_year(r);
    if (st == ST_OK) st = write_hist_dat(r, charts_dir, &hlo, &hhi, d);
    if (st != ST_OK) return st;

    AtomicFile *af;
    if ((st = open_out(&af, charts_dir, "ens-chartdata.gp", d)) != ST_OK) return st;
    FILE *f = af->f;
    fputs("# ens-chartdata.gp — chart data of the ensemble report, derived by ecsim (plotens.c) from\n"
          "# ensemble.dat, probabilities.dat and members.dat of this folder; loaded by plots/common.gp\n"
          "# for plots/ens-*.gp. Numbers can be overridden: gnuplot -e \"name=value\" (docs/charts.md).\n"
          "scenario = ", f);
    gp_str(f, r->name);
    fputc('\n', f);
    chart_write_units(f);
    int y0 = 9999, y1 = 0;
    for (int i = 0; i < r->ens.n_rows; i++) {
        int y = (int)tv(&r->ens, i, EN_YEAR);
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
    }
    gp_num(f, "ens_first_year", y0);
    gp_num(f, "ens_last_year", y1);
    fputs("# the fan panels (ens-fan.gp), in the order of ens-fan.dat: title, unit, target (NaN: none),\n"
          "# the target's year (a reduction's path runs from the first year's 0 to it), y axis\n", f);
    fputs("array ens_title[6] = [", f);
    for (int k = 0; k < N_FAN; k++) {
        fputs(k ? ", " : "", f);
        gp_str(f, r->en ? fans[k].en : fans[k].zh);
    }
    fputs("]\narray ens_unit[6] = [", f);
    for (int k = 0; k < N_FAN; k++) {
        fputs(k ? ", " : "", f);
        gp_str(f, present_unit_text(&u[k]));
    }
    fputs("]\n", f);
    double thr[N_FAN], ty[N_FAN], ymin[N_FAN], ymax[N_FAN];
    for (int k = 0; k < N_FAN; k++) {
        int i = target_row(&r->prob, fans[k].target_metric);
        thr[k] = i >= 0 ? u[k].scale * tv(&r->prob, i, PR_THRESHOLD) : (double)NAN;
        ty[k] = i >= 0 ? tv(&r->prob, i, PR_YEAR) : (double)NAN;
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (int j = 0; j < r->ens.n_rows; j++)
            if (strcmp(ts(&r->ens, j, EN_METRIC), fans[k].metric) == 0)
                for (int c = EN_P10; c <= EN_P90; c += EN_P90 - EN_P10) {
                    double v = u[k].scale * tv(&r->ens, j, c) * (fans[k].reduction ? -1 : 1);
                    if (isfinite(v)) { lo = fmin(lo, v); hi = fmax(hi, v); }
                }
        if (isfinite(thr[k])) { lo = fmin(lo, thr[k]); hi = fmax(hi, thr[k]); }
        if (!(lo <= hi)) { lo = 0; hi = 1; }
        if (lo > 0 && lo < 0.5 * hi) lo = 0;   /* a quantity well away from 0: keep the 0 */
        double pad = 0.08 * fmax(hi - lo, fabs(hi) * 0.02 + 1e-9);
        ymin[k] = lo == 0 ? 0 : lo - pad;
        ymax[k] = hi + pad;
        if (u[k].percent && ymax[k] > 100 && hi <= 100) ymax[k] = 100 + pad * 0.5;
    }
    const char *names[] = { "ens_target", "ens_target_year", "ens_ymin", "ens_ymax" };
    const double *vals[] = { thr, ty, ymin, ymax };
    for (int a = 0; a < 4; a++) {
        fprintf(f, "array %s[6] = [", names[a]);
        for (int k = 0; k < N_FAN; k++) {
            if (isfinite(vals[a][k])) fprintf(f, "%s%.6g", k ? ", " : "", vals[a][k]);
            else fprintf(f, "%sNaN", k ? ", " : "");
        }
        fputs("]\n", f);
    }
    fputs("# the probability bars (ens-prob.gp): the threshold (%), the number of bars\n", f);
    gp_num(f, "ens_threshold", 100 * r->thr);
    gp_num(f, "ens_bars", r->prob.n_rows);
    fputs("# the histogram (ens-hist.gp): its year, x range (%), target and P10/P50/P90 (%), members\n", f);
    gp_num(f, "ens_hist_year", r->hist_year);
    gp_num(f, "ens_hist_lo", hlo);
    gp_num(f, "ens_hist_hi", hhi);
    gp_num(f, "ens_hist_target", 100 * r->hist_target);
    gp_num(f, "ens_hist_p10", 100 * ens_value(&r->ens, "re_utilisation", r->hist_year, EN_P10));
    gp_num(f, "ens_hist_p50", 100 * ens_value(&r->ens, "re_utilisation", r->hist_year, EN_P50));
    gp_num(f, "ens_hist_p90", 100 * ens_value(&r->ens, "re_utilisation", r->hist_year, EN_P90));
    gp_num(f, "ens_members", ens_value(&r->ens, "re_utilisation", r->hist_year, EN_N));
    return close_out(af, d);
}

/* ---- the page ------------------------------------------------------------------------ */

static const char *tr(const Ens *r, const char *zh, const char *en) { return r->en ? en : zh; }

static const char *css =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\","
    "\"Helvetica Neue\",Arial,sans-serif;margin:0;color:#1d1d1d;background:#f4f5f7;line-height:1.55}"
    "main{max-width:1320px;margin:0 auto;padding:28px 40px 60px;background:#fff}"
    "h1{font-size:30px;margin:8px 0 4px}h2{font-size:23px;border-bottom:3px solid #2B7BBA;padding-bottom:4px;"
    "margin-top:40px}h3{font-size:19px;margin:28px 0 6px}h4{font-size:17px;margin:20px 0 4px}"
    ".meta{color:#666;font-size:14px}"
    "table{border-collapse:collapse;font-size:16px;margin:8px 0}"
    "th,td{padding:5px 12px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "th{background:#f0f2f5}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tr.all td{font-weight:bold;border-top:2px solid #444}"
    ".pass{color:#1E7A30}.near{color:#A66F00}.fail{color:#C01F20}"
    "code{font-size:14px;color:#555}pre{background:#f6f8fa;border:1px solid #ddd;padding:12px 16px;"
    "font-size:14px;overflow-x:auto}"
    "figure{margin:10px 0 34px}figure img{width:100%;height:auto;border:1px solid #ddd}"
    "figcaption{font-size:16px;margin-top:6px;color:#333}.missing{padding:30px;background:#fafafa;"
    "border:1px dashed #aaa;color:#a33}"
    "@media print{body{background:#fff}main{padding:0}figure{page-break-inside:avoid}h2{page-break-after:avoid}}";

static void pct(FILE *f, double p) { fprintf(f, "%.1f%%", 100 * p); }

static void prob_table(FILE *f, const Ens *r)
{
    const Tab *p = &r->prob;
    fputs(tr(r, "<table>\n<tr><th>目标</th><th>代码</th><th>年份</th><th>检查</th><th>依据</th><th>类型</th>"
                "<th>达标成员</th><th>概率</th><th>Wilson 95% 区间</th><th>结论</th></tr>\n",
             "<table>\n<tr><th>target</th><th>id</th><th>year</th><th>check</th><th>basis</th><th>kind</th>"
             "<th>members met</th><th>probability</th><th>Wilson 95 %</th><th>verdict</th></tr>\n"), f);
    static const char *const words_zh[] = { "达到阈值", "低于阈值（区间达到）", "低于阈值" };
    static const char *const words_en[] = { "at or above", "below (interval reaches)", "below" };
    for (int i = 0; i < p->n_rows; i++) {
        int all = strcmp(ts(p, i, PR_ID), "all_results") == 0;
        int v = verdict(tv(p, i, PR_P), tv(p, i, PR_HI), r->thr);
        char label[256], chk[96];
        target_label(r, i, label, sizeof label);
        check_text(r, i, chk, sizeof chk);
        fprintf(f, "<tr%s><td>", all ? " class=\"all\"" : "");
        html_esc(f, label);
        fputs("</td><td><code>", f);
        html_esc(f, ts(p, i, PR_ID));
        fputs("</code></td><td class=\"n\">", f);
        if (all) fputs("–", f);
        else fprintf(f, "%d", (int)tv(p, i, PR_YEAR));
        fputs("</td><td>", f);
        html_esc(f, chk);
        fputs("</td><td>", f);
        html_esc(f, ts(p, i, PR_BASIS));
        fputs("</td><td>", f);
        html_esc(f, ts(p, i, PR_KIND));
        fprintf(f, "</td><td class=\"n\">%d / %d</td><td class=\"n %s\">", (int)tv(p, i, PR_MET), (int)tv(p, i, PR_N),
                verdict_word[v]);
        pct(f, tv(p, i, PR_P));
        fputs("</td><td class=\"n\">", f);
        pct(f, tv(p, i, PR_LO));
        fputs(" – ", f);
        pct(f, tv(p, i, PR_HI));
        fprintf(f, "</td><td class=\"%s\" style=\"color:%s\">%s</td></tr>\n", verdict_word[v], verdict_rgb[v],
                r->en ? words_en[v] : words_zh[v]);
    }
    fputs("</table>\n", f);
}

/* "seed N" in the files' comment lines, else NULL. */
static const char *find_seed(const Ens *r, char *buf, size_t n)
{
    const char *srcs[] = { r->ens.comments, r->prob.comments, r->mem.comments };
    for (int k = 0; k < 3; k++) {
        const char *s = srcs[k] ? strstr(srcs[k], "seed ") : NULL;
        if (s) {
            size_t len = strspn(s + 5, "0123456789");
            if (len && len < n) {
                snprintf(buf, n, "%.*s", (int)len, s + 5);
                return buf;
            }
        }
    }
    return NULL;
}

static void method(FILE *f, const Ens *r)
{
    int members = 0;
    for (int i = 0; i < r->prob.n_rows; i++)
        if ((int)tv(&r->prob, i, PR_N) > members) members = (int)tv(&r->prob, i, PR_N);
    char seed[32];
    const char *s = find_seed(r, seed, sizeof seed);
    fputs(tr(r, "<h2>方法说明</h2>\n<ul>\n", "<h2>Method</h2>\n<ul>\n"), f);
    fprintf(f, tr(r, "<li>成员数：%d。每个成员是同一方案在一组不同天气年份下的完整模拟（第 m 个成员的天气由随机种子和成员号确定，可复现）。",
                  "<li>Members: %d. Each member is the whole plan simulated in one set of weather years (member m's "
                  "weather follows from the seed and m, reproducibly)."), members);
    if (s) fprintf(f, tr(r, "随机种子：%s。", " Seed: %s."), s);
    else fputs(tr(r, "文件中未注明随机种子。", " The files state no seed."), f);
    fputs("</li>\n", f);
    fputs(tr(r, "<li>P10、P50、P90：各年各指标在全部成员中的经验分位数（10%、50%、90% 的成员低于该值）；均值为算术平均。"
                "下面引用 ensemble.dat 自身对其计算方法的说明。单位GDP能耗和二氧化碳强度画为较基年的降低，"
                "即 −(变化率)，其 P10 对应变化率的 P90。</li>\n",
             "<li>P10, P50, P90: the empirical quantiles of each figure and year over the members (10 %, 50 %, "
             "90 % of the members lie below); mean: the arithmetic mean. ensemble.dat's own statement of how they "
             "are computed is quoted below. The energy and carbon intensities are drawn as the reduction from the "
             "base year, −(change), so their P10 is the change's P90.</li>\n"), f);
    fputs(tr(r, "<li>达标概率 p = 达标成员数 / 成员数；置信区间为 Wilson 得分区间（95%，z = 1.96）："
                "(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)，在 p 为 0 或 1 时仍有宽度。"
                "“全部结果类目标同时达标”为每项结果类（kind result）目标都在同一成员中达标的成员比例。</li>\n",
             "<li>Probability p = members that meet the target / members; the interval is the Wilson score "
             "interval (95 %, z = 1.96): (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), which keeps a width "
             "at p = 0 or 1. \"All results together\" is the share of members in which every target of kind "
             "result is met.</li>\n"), f);
    fprintf(f, tr(r, "<li>概率阈值：%.0f%%（命令行 <code>--threshold</code>）。绿色为不低于阈值，琥珀色为低于阈值但 Wilson 区间上端达到阈值，红色为区间整体低于阈值。</li>\n",
                  "<li>Probability threshold: %.0f %% (<code>--threshold</code>). Green: at or above it; amber: "
                  "below it, the Wilson interval's upper end reaching it; red: the whole interval below it.</li>\n"),
            100 * r->thr);
    fputs("</ul>\n", f);
    const char *cm[] = { r->ens.comments, r->prob.comments };
    const char *fn[] = { "ensemble.dat", "probabilities.dat" };
    for (int k = 0; k < 2; k++)
        if (cm[k]) {
            fprintf(f, "<p>%s</p>\n<pre>", fn[k]);
            html_esc(f, cm[k]);
            fputs("</pre>\n", f);
        }
}

static void page(FILE *f, const Ens *r, const int *drawn, const char *why_not)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->en ? "en" : "zh-CN");
    fputs(tr(r, "天气集合报告 — ", "Weather ensemble report — "), f);
    html_esc(f, r->name);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
    fputs(tr(r, "天气集合报告 — ", "Weather ensemble report — "), f);
    html_esc(f, r->name);
    fputs("</h1>\n<p class=\"meta\">", f);
    fputs(tr(r, "同一方案在多组天气年份下的模拟（ecsim ensemble）。本报告由本目录中的文件生成："
                "members.dat、ensemble.dat、probabilities.dat、summary.md、charts/。",
             "The plan simulated under many sets of weather years (ecsim ensemble). Made from the files of this "
             "folder: members.dat, ensemble.dat, probabilities.dat, summary.md, charts/."), f);
    fputs("</p>\n", f);
    fputs(tr(r, "<h2>达标概率</h2>\n", "<h2>Target probabilities</h2>\n"), f);
    prob_table(f, r);
    fputs(tr(r, "<h2>图表</h2>\n", "<h2>Charts</h2>\n"), f);
    for (int i = 0; i < N_CHARTS; i++) {
        const EnsChart *c = &charts[i];
        char path[PATH_LEN];
        size_t len = 0;
        unsigned char *img = NULL;
        snprintf(path, sizeof path, "%s/charts/%s.png", r->dir, c->name);
        if (drawn[i]) img = (unsigned char *)results_read_file(path, IMG_MAX, &len);
        fprintf(f, "<figure id=\"%s\">\n<h3>", c->name);
        fprintf(f, tr(r, "图%d　", "Figure %d. "), i + 1);
        html_esc(f, r->en ? c->title_en : c->title_zh);
        fputs("</h3>\n", f);
        if (img) {
            fprintf(f, "<img alt=\"%s\" src=\"data:image/png;base64,", c->name);
            html_base64(f, img, len);
            fputs("\">\n", f);
            free(img);
        } else {
            fprintf(f, tr(r, "<div class=\"missing\">此图未生成（charts/%s.png）：", "<div class=\"missing\">Not drawn (charts/%s.png): "),
                    c->name);
            html_esc(f, why_not);
            fputs("</div>\n", f);
        }
        fputs("<figcaption>", f);
        html_esc(f, r->en ? c->caption_en : c->caption_zh);
        fputs("</figcaption>\n</figure>\n", f);
    }
    fputs(tr(r, "<h2>集合摘要（summary.md）</h2>\n", "<h2>Summary (summary.md)</h2>\n"), f);
    html_markdown(f, r->md, 1);
    method(f, r);
    fputs("</main>\n</body>\n</html>\n", f);
}

static Status write_page(const Ens *r, const int *drawn, const char *why_not, Diag *d)
{
    AtomicFile *af;
    Status st = open_out(&af, r->dir, "ensemble_report.html", d);
    if (st != ST_OK) return st;
    page(af->f, r, drawn, why_not);
    return close_out(af, d);
}

/* ---- drawing -------------------------------------------------------------------------- */

static const char *const fmts[] = { "png", "svg" };

static void remove_old(const char *dir, int c)
{
    char charts_dir[PATH_LEN];
    struct stat sb;
    if (snprintf(charts_dir, sizeof charts_dir, "%s/charts", dir) >= (int)sizeof charts_dir
        || lstat(charts_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return;
    for (int k = 0; k < 2; k++) {
        char old[PATH_LEN];
        if (snprintf(old, sizeof old, "%s/charts/%s.%s", dir, charts[c].name, fmts[k]) < (int)sizeof old) remove(old);
    }
}

static Status draw(Ens *r, const GpEnv *env, int *drawn, Diag *d)
{
    char charts_dir[PATH_LEN];
    int created;
    Status st = gp_charts_dir(r->dir, charts_dir, sizeof charts_dir, &created, d);
    if (st != ST_OK) return st;
    st = write_chartdata(r, charts_dir, d);
    if (st == ST_OK) st = plot_write_colours(charts_dir, d);
    if (st != ST_OK) return st;
    GpJob *jobs = calloc((size_t)N_CHARTS * 2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, r->dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    int n = 0;
    for (int c = 0; c < N_CHARTS; c++)
        for (int k = 0; k < 2; k++, n++) {
            char out[PATH_LEN], script[64];
            snprintf(script, sizeof script, "%s.gp", charts[c].name);
            if (snprintf(out, sizeof out, "%s/%s.%s", charts_dir, charts[c].name, fmts[k]) >= (int)sizeof out
                || gp_job_init(&jobs[n], env, script, r->dir, out, fmts[k]) != 0) {
                diag_error(d, ST_IO, r->dir, 0, NULL, "path too long or with control characters");
                free(jobs);
                return ST_IO;
            }
        }
    st = gp_run_jobs(jobs, n, env, d);
    for (int c = 0; c < N_CHARTS; c++) drawn[c] = access(jobs[2 * c].out, F_OK) == 0;
    free(jobs);
    return st;
}

/* Reads and checks the files of scenario_dir; NULL with the reason in d. */
static Ens *ens_load(const char *scenario_dir, int en, double thr, Status *st, Diag *d)
{
    Ens *r = calloc(1, sizeof *r);
    if (!r) {
        diag_error(d, ST_NOMEM, scenario_dir, 0, NULL, "out of memory");
        *st = ST_NOMEM;
        return NULL;
    }
    r->dir = scenario_dir;
    r->en = en;
    r->thr = thr;
    r->d = d;
    if ((*st = ens_read(r)) != ST_OK) {
        ens_free(r);
        free(r);
        return NULL;
    }
    size_t len = strlen(scenario_dir);
    while (len > 1 && scenario_dir[len - 1] == '/') len--;
    const char *base = scenario_dir + len;
    while (base > scenario_dir && base[-1] != '/') base--;
    snprintf(r->name, sizeof r->name, "%.*s", (int)(scenario_dir + len - base), base);
    return r;
}

static void ens_drop(Ens *r)
{
    if (r) ens_free(r);
    free(r);
}

/* lang and the threshold: ST_USAGE with the reason, else ST_OK. */
static Status check_args(const char **lang, double prob_threshold, Diag *d)
{
    if (!*lang) *lang = "zh";
    if (strcmp(*lang, "zh") != 0 && strcmp(*lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "report language '%s': use zh or en", *lang);
        return ST_USAGE;
    }
    if (!(prob_threshold > 0 && prob_threshold <= 1)) {
        diag_error(d, ST_USAGE, NULL, 0, "--threshold", "probability threshold %g: give a number above 0 and at most 1",
                   prob_threshold);
        return ST_USAGE;
    }
    return ST_OK;
}

Status plot_ensemble(const char *scenario_dir, const char *plots_dir, const char *lang, double prob_threshold,
                     Diag *d)
{
    Status st = check_args(&lang, prob_threshold, d);
    if (st != ST_OK) return st;
    Ens *r = ens_load(scenario_dir, strcmp(lang, "en") == 0, prob_threshold, &st, d);   /* all checked first */
    if (!r) return st;
    int drawn[N_CHARTS] = { 0 };
    const char *why_not = tr(r, "绘图失败，原因见命令行的错误信息。", "the chart failed; the command's messages say why.");
    GpEnv env;
    Status gst = gp_prepare(&env, plots_dir, lang, d);
    if (gst == ST_OK) {
        gst = draw(r, &env, drawn, d);
    } else if (gst == ST_NO_GNUPLOT) {
        why_not = tr(r, "未安装 gnuplot（Debian 软件包 gnuplot-nox）。", "gnuplot is not installed (Debian package gnuplot-nox).");
    } else if (gst == ST_PLOT) {
        why_not = tr(r, "缺少中文字体 Noto Sans CJK SC（Debian 软件包 fonts-noto-cjk）。",
                     "the font Noto Sans CJK SC is missing (Debian package fonts-noto-cjk).");
    }
    if (gst == ST_USAGE || gst == ST_NOMEM) {
        ens_drop(r);
        return gst;
    }
    for (int c = 0; c < N_CHARTS; c++)
        if (!drawn[c]) remove_old(scenario_dir, c);
    st = write_page(r, drawn, why_not, d);
    ens_drop(r);
    return gst != ST_OK ? gst : st;
}

/* ---- folders of ensembles ------------------------------------------------------------- */

int plotens_is_scenario(const char *dir)
{
    return plot_has_file(dir, spec_ens.file) && plot_has_file(dir, spec_prob.file) && plot_has_file(dir, spec_mem.file);
}

void plotens_free_list(char **names, int n)
{
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int plotens_list_scenarios(const char *dir, char ***names)
{
    *names = NULL;
    DIR *dp = opendir(dir);
    if (!dp) return -1;
    int n = 0, cap = 0, bad = 0;
    struct dirent *e;
    while (!bad && (e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') continue;   /* ., .. and staging folders */
        char sub[PATH_LEN];
        struct stat sb;
        if (snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name) >= (int)sizeof sub || lstat(sub, &sb) != 0
            || !S_ISDIR(sb.st_mode) || !plotens_is_scenario(sub))
            continue;
        if (n == cap) {
            char **g = realloc(*names, (size_t)(cap = cap ? 2 * cap : 8) * sizeof *g);
            if (!g) { bad = 1; break; }
            *names = g;
        }
        if (!((*names)[n] = strdup(e->d_name))) bad = 1;
        else n++;
    }
    closedir(dp);
    if (bad) {
        plotens_free_list(*names, n);
        *names = NULL;
        return -1;
    }
    if (n > 1) qsort(*names, (size_t)n, sizeof **names, cmp_name);
    return n;
}

Status plot_ensemble_dirs(const char *const *dirs, int n, const char *plots_dir, const char *lang,
                          double prob_threshold, Diag *d)
{
    Status st = check_args(&lang, prob_threshold, d);
    for (int i = 0; i < n && st == ST_OK; i++) {   /* every folder checked before any is drawn */
        Ens *r = ens_load(dirs[i], 0, prob_threshold, &st, d);
        ens_drop(r);
    }
    Status worst = st;
    for (int i = 0; i < n && st == ST_OK; i++) {
        Status s1 = plot_ensemble(dirs[i], plots_dir, lang, prob_threshold, d);
        if (s1 == ST_USAGE || s1 == ST_NOMEM) return s1;
        if (worst == ST_OK) worst = s1;
    }
    return worst;
}

/* ---- the comparison of compare --runs --------------------------------------------------- */

enum { CM_SCEN, CM_REF, CM_KIND, CM_NAME, CM_YEAR, CM_N, CM_VALUE, CM_REFV, CM_DIFF, CM_LO = 12, CM_HI };

static const TabSpec spec_cmp = {
    "comparison_ensemble.dat",
    "scenario reference kind name year n value ref_value diff_mean diff_p10 diff_p50 diff_p90 ci_low ci_high",
    "ssssiinnnnnnnn"
};

/* The bars' colours: the reference grey, the variants after it. */
static const char *const cmp_rgb[] = { "#8C8C8C", "#2B7BBA", "#E6A817", "#2E9E44", "#9467BD", "#D62728",
                                       "#17BECF", "#8C564B" };
#define N_CMP_RGB ((int)(sizeof cmp_rgb / sizeof cmp_rgb[0]))

typedef struct {
    const char *dir;
    Tab t;
    const char **scen;     /* the scenarios in order of appearance, the reference first */
    int n_scen;
    Diag *d;
} Cmp;

static void cmp_free(Cmp *c)
{
    tab_free(&c->t);
    free((void *)c->scen);   /* the names belong to t */
}

/* A scenario's name as a folder name of dir: no '/', not "." or "..". */
static int plain_name(const char *s)
{
    return s[0] && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static Status cmp_read(Cmp *c)
{
    Status st = tab_read(c->dir, &spec_cmp, &c->t, c->d);
    if (st != ST_OK) return st;
    const Tab *t = &c->t;
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/%s", c->dir, spec_cmp.file);
    if (!(c->scen = calloc((size_t)t->n_rows, sizeof *c->scen))) {
        diag_error(c->d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    const char *ref = ts(t, 0, CM_REF);
    for (int i = 0; i < t->n_rows; i++) {
        const char *sc = ts(t, i, CM_SCEN), *kind = ts(t, i, CM_KIND);
        if (strcmp(ts(t, i, CM_REF), ref) != 0) {
            diag_error(c->d, ST_IO, path, t->lines[i], "column 2 (reference)", "'%s': the first row's reference "
                       "is '%s'", ts(t, i, CM_REF), ref);
            return ST_IO;
        }
        if (!plain_name(sc)) {
            diag_error(c->d, ST_IO, path, t->lines[i], "column 1 (scenario)", "'%s' is not a folder's name", sc);
            return ST_IO;
        }
        if (strcmp(kind, "target") != 0 && strcmp(kind, "metric") != 0) {
            diag_error(c->d, ST_IO, path, t->lines[i], "column 3 (kind)", "'%s': target or metric", kind);
            return ST_IO;
        }
        if (!strcmp(kind, "target")) {
            double v = tv(t, i, CM_VALUE), rv = tv(t, i, CM_REFV), lo = tv(t, i, CM_LO), hi = tv(t, i, CM_HI);
            if (!(v >= 0 && v <= 1) || !(rv >= 0 && rv <= 1) || !(lo >= -1 - 1e-9 && lo <= hi && hi <= 1 + 1e-9)) {
                diag_error(c->d, ST_IO, path, t->lines[i], "column 7 (value)", "%s %d: P(met) %g, the reference's "
                           "%g, interval %g..%g: not probabilities", ts(t, i, CM_NAME), (int)tv(t, i, CM_YEAR), v,
                           rv, lo, hi);
                return ST_IO;
            }
        }
        int k = 0;
        while (k < c->n_scen && strcmp(c->scen[k], sc) != 0) k++;
        if (k == c->n_scen) c->scen[c->n_scen++] = ts(t, i, CM_SCEN);
    }
    if (strcmp(c->scen[0], ref) != 0) {
        diag_error(c->d, ST_IO, path, t->lines[0], "column 1 (scenario)", "the first scenario is '%s', not the "
                   "reference '%s'", c->scen[0], ref);
        return ST_IO;
    }
    for (int k = 0; k < c->n_scen; k++) {
        char sub[PATH_LEN];
        if (snprintf(sub, sizeof sub, "%s/%s", c->dir, c->scen[k]) >= (int)sizeof sub || !plotens_is_scenario(sub)) {
            diag_error(c->d, ST_IO, path, 0, c->scen[k], "scenario %s: %s/%s is not an ensemble's folder (no "
                       "ensemble.dat, probabilities.dat and members.dat)", c->scen[k], c->dir, c->scen[k]);
            return ST_IO;
        }
    }
    return ST_OK;
}

/* The row of scenario sc's target check (name, year), -1 if none. */
static int cmp_row(const Cmp *c, const char *sc, const char *name, int year)
{
    const Tab *t = &c->t;
    for (int i = 0; i < t->n_rows; i++)
        if ((int)tv(t, i, CM_YEAR) == year && !strcmp(ts(t, i, CM_KIND), "target") && !strcmp(ts(t, i, CM_SCEN), sc)
            && !strcmp(ts(t, i, CM_NAME), name))
            return i;
    return -1;
}

/* charts/ens-cmp.dat: one block per scenario (gnuplot index k - 1), then
 * the groups' labels; ens-cmp-chartdata.gp: the scenarios and sizes. ref
 * gives the checks' labels (its probabilities.dat). */
static Status write_cmp_data(const Cmp *c, const Ens *ref, const char *charts_dir, Diag *d)
{
    const Tab *t = &c->t;
    const char *ref_name = c->scen[0];
    int n_chk = 0;
    for (int i = 0; i < t->n_rows; i++)
        if (!strcmp(ts(t, i, CM_SCEN), ref_name) && !strcmp(ts(t, i, CM_KIND), "target")) n_chk++;
    int S = c->n_scen, gh = S + 1;   /* a group: one bar per scenario and a gap */
    AtomicFile *af;
    Status st = open_out(&af, charts_dir, "ens-cmp.dat", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    fputs("# ens-cmp.dat — the bars of ens-cmp.gp, from comparison_ensemble.dat (ecsim, plotens.c).\n"
          "# One block per scenario (the reference first), two blank lines between, then the groups'\n"
          "# labels. y: the bar's position (the reference's first target check on top); p: P(met) in %;\n"
          "# lo, hi: the reference's P(met) plus the 95 % Newcombe interval of the paired difference,\n"
          "# clamped to 0..100 (NaN for the reference); diff: the paired difference in points\n", f);
    for (int k = 0; k < S; k++) {
        fprintf(f, "%s# %d %s\ny p lo hi diff\n", k ? "\n\n" : "", k + 1, c->scen[k]);
        int g = 0, rows = 0;
        for (int i = 0; i < t->n_rows; i++) {
            if (strcmp(ts(t, i, CM_SCEN), ref_name) != 0 || strcmp(ts(t, i, CM_KIND), "target") != 0) continue;
            int y = (n_chk - 1 - g++) * gh + (S - k);
            int j = cmp_row(c, c->scen[k], ts(t, i, CM_NAME), (int)tv(t, i, CM_YEAR));
            if (j < 0) continue;
            double rv = tv(t, j, CM_REFV), lo = rv + tv(t, j, CM_LO), hi = rv + tv(t, j, CM_HI);
            if (k == 0) fprintf(f, "%d %.4f NaN NaN 0\n", y, 100 * tv(t, j, CM_VALUE));
            else fprintf(f, "%d %.4f %.4f %.4f %.4f\n", y, 100 * tv(t, j, CM_VALUE), 100 * fmax(0, lo),
                         100 * fmin(1, hi), 100 * tv(t, j, CM_DIFF));
            rows++;
        }
        if (!rows) fputs("NaN NaN NaN NaN NaN\n", f);
    }
    fputs("\n\n# the groups: y of the group's centre, label (target, check, year)\ny label\n", f);
    int g = 0;
    for (int i = 0; i < t->n_rows; i++) {
        if (strcmp(ts(t, i, CM_SCEN), ref_name) != 0 || strcmp(ts(t, i, CM_KIND), "target") != 0) continue;
        const char *name = ts(t, i, CM_NAME);
        int year = (int)tv(t, i, CM_YEAR), pr = -1;
        for (int j = 0; j < ref->prob.n_rows && pr < 0; j++)
            if (!strcmp(ts(&ref->prob, j, PR_ID), name) && (int)tv(&ref->prob, j, PR_YEAR) == year) pr = j;
        char label[256], chk[96], text[400];
        if (pr >= 0) {
            target_label(ref, pr, label, sizeof label);
            check_text(ref, pr, chk, sizeof chk);
            if (!strcmp(name, "all_results")) snprintf(text, sizeof text, "%s", label);
            else snprintf(text, sizeof text, ref->en ? "%s %s, %d" : "%s %s，%d", label, chk, year);
        } else {
            snprintf(text, sizeof text, "%s, %d", name, year);
        }
        for (char *q = text; *q; q++)
            if (*q == '"') *q = '\'';
        fprintf(f, "%.1f \"%s\"\n", (n_chk - 1 - g++) * gh + (S + 1) / 2.0, text);
    }
    if (!n_chk) fputs("NaN \"\"\n", f);
    if ((st = close_out(af, d)) != ST_OK) return st;

    if ((st = open_out(&af, charts_dir, "ens-cmp-chartdata.gp", d)) != ST_OK) return st;
    f = af->f;
    fputs("# ens-cmp-chartdata.gp — chart data of the comparison of compare --runs, derived by ecsim\n"
          "# (plotens.c) from comparison_ensemble.dat; loaded by plots/common.gp for plots/ens-cmp.gp.\n"
          "scenario = ", f);
    char title[300];
    snprintf(title, sizeof title, ref->en ? "reference %s" : "参照方案 %s", ref_name);
    gp_str(f, title);
    fputc('\n', f);
    chart_write_units(f);
    gp_num(f, "cmp_n", S);
    gp_num(f, "cmp_checks", n_chk);
    gp_num(f, "cmp_group", gh);
    gp_num(f, "cmp_members", t->n_rows ? tv(t, 0, CM_N) : 0);
    gp_num(f, "ens_threshold", 100 * ref->thr);
    const char *arrays[] = { "cmp_name", "cmp_rgb" };
    for (int a = 0; a < 2; a++) {
        fprintf(f, "array %s[%d] = [", arrays[a], S);
        for (int k = 0; k < S; k++) {
            fputs(k ? ", " : "", f);
            gp_str(f, a == 0 ? c->scen[k] : cmp_rgb[k % N_CMP_RGB]);
        }
        fputs("]\n", f);
    }
    return close_out(af, d);
}

Status plot_ensemble_compare(const char *dir, const char *plots_dir, const char *lang, double prob_threshold,
                             int *n_scenarios, Diag *d)
{
    Status st = check_args(&lang, prob_threshold, d);
    if (st != ST_OK) return st;
    if (n_scenarios) *n_scenarios = 0;
    Cmp c = { .dir = dir, .d = d };
    st = cmp_read(&c);
    char **sub = st == ST_OK && c.n_scen > 0 ? calloc((size_t)c.n_scen, sizeof *sub) : NULL;
    if (st == ST_OK && !sub) {
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        st = ST_NOMEM;
    }
    for (int k = 0; st == ST_OK && k < c.n_scen; k++) {
        size_t len = strlen(dir) + strlen(c.scen[k]) + 2;
        if (!(sub[k] = malloc(len))) {
            diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
            st = ST_NOMEM;
        } else {
            snprintf(sub[k], len, "%s/%s", dir, c.scen[k]);
        }
    }
    Ens *ref = st == ST_OK ? ens_load(sub[0], strcmp(lang, "en") == 0, prob_threshold, &st, d) : NULL;
    /* each scenario's files checked, then its charts drawn; then the comparison */
    Status worst = st == ST_OK ? plot_ensemble_dirs((const char *const *)sub, c.n_scen, plots_dir, lang,
                                                    prob_threshold, d)
                               : st;
    if (worst == ST_OK || worst == ST_PLOT) {
        GpEnv env;
        char charts_dir[PATH_LEN];
        int created;
        st = gp_prepare(&env, plots_dir, lang, d);
        if (st == ST_OK) st = gp_charts_dir(dir, charts_dir, sizeof charts_dir, &created, d);
        if (st == ST_OK) st = write_cmp_data(&c, ref, charts_dir, d);
        if (st == ST_OK) st = plot_write_colours(charts_dir, d);
        if (st == ST_OK) st = gp_draw_png_svg(&env, "ens-cmp.gp", dir, charts_dir, "ens-cmp", d);
        if (worst == ST_OK) worst = st;
    }
    if (n_scenarios && worst != ST_IO) *n_scenarios = c.n_scen;
    ens_drop(ref);
    if (sub) plotens_free_list(sub, c.n_scen);
    cmp_free(&c);
    return worst;
}
