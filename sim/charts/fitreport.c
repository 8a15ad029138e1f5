/* fitreport.c — the fit report of `ecsim fit-weather`: the files it writes
 * (weibull.dat, acf.dat, diurnal.dat, clearness.dat, temperature.dat,
 * fit.md, params.cfg) checked and read, the chart data derived from them
 * (charts/chartdata.gp: axis ranges and the means written on the panels),
 * gnuplot run on plots/fit-*.gp through gnuplot.c, and fit_report.html.
 * Reads only those files (STYLE §8), never the fitting code's memory. */
#include "fitreport.h"

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
#include "results.h"

#define PATH_LEN GP_PATH_LEN
#define DAT_MAX_BYTES (8 << 20)
#define DAT_LINE_MAX 4096
#define DAT_MAX_ROWS 100000
#define MAX_COLS 5
#define N_MONTHS 12
#define IMG_MAX (64 << 20)

static const FitChart charts[] = {
    { "fit-weibull", "fit-weibull.gp", "逐月风速分布：观测与威布尔拟合", "Wind-speed distribution by month: observed and fitted Weibull",
      "灰色柱为天气文件中各月逐时风速的直方图（0.5 m/s 分组），蓝线为拟合的威布尔分布，每格右上角为观测与拟合的平均风速："
      "看拟合是否抓住各月的峰值位置和大风尾部（风电出力多来自尾部）。",
      "Grey bars: the histogram of the file's hourly wind speeds in each month (0.5 m/s bins); blue line: the fitted "
      "Weibull distribution; top right of each panel: the observed and fitted mean speed. Read whether the fit holds "
      "each month's peak and its tail of strong wind, where most wind energy comes from." },
    { "fit-acf", "fit-acf.gp", "风速自相关（滞后 0–10 天）", "Wind-speed autocorrelation, lags of 0 to 10 days",
      "灰线为天气文件的风速自相关，蓝线为拟合参数的合成天气；1 小时、1 天、7 天处标出两者的数值："
      "看小时尺度和多日天气过程的持续性是否被再现，它决定无风和大风时段的长短，从而决定储能和外送的需求。",
      "Grey: the autocorrelation of the file's wind speed; blue: that of synthetic weather with the fitted settings; "
      "values written at 1 hour, 1 day and 7 days. Read whether persistence at the hourly and at the multi-day "
      "(synoptic) scale is reproduced: it sets how long calm and windy spells last, and so what storage and "
      "export must absorb." },
    { "fit-diurnal", "fit-diurnal.gp", "逐月风速日变化", "Diurnal wind profile by month",
      "各时刻平均风速与当月平均风速之比（1.0 为月平均），灰点为观测，蓝线为拟合：看每月日变化的幅度和峰值时刻，"
      "它决定风电与白天光伏、负荷高峰的叠加。",
      "The mean wind speed of each hour of the day over the month's mean (1.0 = the month's mean); grey dots "
      "observed, blue line fitted. Read each month's amplitude and hour of the maximum: they decide how wind "
      "adds to midday PV and to the load peaks." },
    { "fit-clearness", "fit-clearness.gp", "逐月日晴空指数分布", "Daily clearness index distribution by month",
      "日晴空指数（日总辐照与大气层外辐照之比）的分布，灰色柱为观测（0.05 分组），橙线为拟合，每格标出观测与拟合的平均值："
      "看晴天与阴天的比例是否再现，它决定光伏日发电量的波动。",
      "The daily clearness index (the day's global irradiation over the extraterrestrial) by month: grey bars "
      "observed (0.05 bins), orange line fitted, with the observed and fitted means. Read whether the share of "
      "clear and of overcast days is reproduced: it sets the day-to-day swing of PV energy." },
    { "fit-temperature", "fit-temperature.gp", "月平均气温与气温日较差", "Monthly mean temperature and diurnal range",
      "左：月平均气温；右：平均气温日较差（日最高减日最低）；点为观测，线为拟合：看季节变化和昼夜温差是否再现"
      "（气温影响光伏组件效率、空气密度和负荷）。",
      "Left: monthly mean temperature; right: the mean diurnal range (daily maximum minus minimum); dots observed, "
      "lines fitted. Read whether the seasons and the day-night swing are reproduced (temperature acts on PV "
      "module efficiency, air density and load)." },
};

#define N_CHARTS ((int)(sizeof charts / sizeof charts[0]))

int fitreport_chart_count(void) { return N_CHARTS; }

const FitChart *fitreport_chart_get(int i)
{
    return (i >= 0 && i < N_CHARTS) ? &charts[i] : NULL;
}

/* ---- the .dat files: what each must hold ------------------------------------- */

typedef struct {
    const char *name;
    double lo, hi;        /* allowed values */
    int integer;
    int missing_ok;       /* NaN (gnuplot's missing value) allowed */
} DatCol;

typedef struct {
    const char *file;
    int n_cols;
    DatCol cols[MAX_COLS];
    int by_month;         /* one block per month 1..12 (first column), separated by two blank lines */
    int key;              /* this column rises strictly within a block (the file) */
    int exact_rows;       /* rows the file must have (0: any); with key 0, key == row + 1 */
} DatSpec;

enum { F_WEIBULL, F_ACF, F_DIURNAL, F_CLEARNESS, F_TEMPERATURE, N_DAT };

static const DatSpec specs[N_DAT] = {
    [F_WEIBULL] = { "weibull.dat", 4,
                    { { "month", 1, 12, 1, 0 }, { "speed_ms", 0, 100, 0, 0 },
                      { "observed_pdf", 0, 10, 0, 1 }, { "fitted_pdf", 0, 10, 0, 1 } }, 1, 1, 0 },
    [F_ACF] = { "acf.dat", 3,
                { { "lag_h", 0, 8784, 1, 0 }, { "observed", -1, 1, 0, 1 }, { "fitted", -1, 1, 0, 1 } }, 0, 0, 0 },
    [F_DIURNAL] = { "diurnal.dat", 4,
                    { { "month", 1, 12, 1, 0 }, { "hour", 0, 23, 1, 0 },
                      { "observed", 0, 10, 0, 1 }, { "fitted", 0, 10, 0, 1 } }, 1, 1, 0 },
    [F_CLEARNESS] = { "clearness.dat", 4,
                      { { "month", 1, 12, 1, 0 }, { "kt", 0, 1.2, 0, 0 },
                        { "observed_pdf", 0, 100, 0, 1 }, { "fitted_pdf", 0, 100, 0, 1 } }, 1, 1, 0 },
    [F_TEMPERATURE] = { "temperature.dat", 5,
                        { { "month", 1, 12, 1, 0 }, { "observed_mean_c", -90, 60, 0, 1 },
                          { "fitted_mean_c", -90, 60, 0, 1 }, { "observed_range_c", 0, 80, 0, 1 },
                          { "fitted_range_c", 0, 80, 0, 1 } }, 0, 0, 12 },
};

typedef struct {
    int n_rows;
    double *v;            /* n_rows x spec n_cols */
} Dat;

static double dat_at(const Dat *t, const DatSpec *s, int r, int c) { return t->v[(size_t)r * (size_t)s->n_cols + (size_t)c]; }

/* A field as a number: decimal notation only (no inf, no hex); "NaN" as
 * gnuplot's missing value where the column allows it. 0 if it is neither. */
static int parse_field(const char *tok, const DatCol *col, double *out)
{
    if (col->missing_ok && (strcmp(tok, "NaN") == 0 || strcmp(tok, "nan") == 0)) {
        *out = (double)NAN;
        return 1;
    }
    if (!*tok || tok[strspn(tok, "0123456789+-.eE")] != '\0') return 0;
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (*end || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* The words of a '#' line (after the '#') are the spec's column names. */
static int header_matches(const char *text, const DatSpec *s)
{
    char buf[DAT_LINE_MAX + 1];
    snprintf(buf, sizeof buf, "%s", text);
    char *save = NULL;
    int c = 0, ok = 1;
    for (char *w = strtok_r(buf, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save), c++)
        if (c >= s->n_cols || strcmp(w, s->cols[c].name) != 0) ok = 0;
    return ok && c == s->n_cols;
}

/* Reads and checks dir/spec->file into t. Errors name file, line and column. */
static Status dat_read(const char *dir, const DatSpec *s, Dat *t, Diag *d)
{
    char path[PATH_LEN], why[128];
    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/%s", dir, s->file);
    FILE *f = infile_open(path, DAT_MAX_BYTES, why, sizeof why);
    if (!f) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
        return ST_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    long len;
    int lineno = 0, header = 0, near_header = 0, blanks = 0, month = 0, cap_rows = 0, bad = 0;
    while (!bad && (len = infile_line(f, &line, &cap, DAT_LINE_MAX)) != -1) {
        lineno++;
        if (len == -2) {
            diag_error(d, ST_IO, path, lineno, NULL, "line longer than %d bytes", DAT_LINE_MAX);
            bad = 1;
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        const char *p = line + strspn(line, " \t");
        if (*p == '#') {
            /* the header: a comment whose first word is the first column's name */
            p += 1 + strspn(p + 1, " \t");
            size_t n0 = strlen(s->cols[0].name);
            if (!header && t->n_rows == 0 && strncmp(p, s->cols[0].name, n0) == 0
                && (p[n0] == ' ' || p[n0] == '\t' || !p[n0])) {
                if (header_matches(p, s)) header = 1;
                else if (!near_header) near_header = lineno;
            }
            continue;
        }
        if (!*p) {
            blanks++;
            continue;
        }
        if (!header) {
            char want[256] = "";
            for (int c = 0; c < s->n_cols; c++)
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", c ? " " : "", s->cols[c].name);
            if (near_header)
                diag_error(d, ST_IO, path, near_header, NULL, "the header line names other columns: '# %s' expected", want);
            else
                diag_error(d, ST_IO, path, lineno, NULL, "data before the header line '# %s'", want);
            bad = 1;
            break;
        }
        if (t->n_rows >= DAT_MAX_ROWS) {
            diag_error(d, ST_IO, path, lineno, NULL, "more than %d rows", DAT_MAX_ROWS);
            bad = 1;
            break;
        }
        if (t->n_rows == cap_rows) {
            cap_rows = cap_rows ? 2 * cap_rows : 256;
            double *v = realloc(t->v, (size_t)cap_rows * (size_t)s->n_cols * sizeof *v);
            if (!v) {
                diag_error(d, ST_NOMEM, path, lineno, NULL, "out of memory");
                free(line);
                fclose(f);
                return ST_NOMEM;
            }
            t->v = v;
        }
        double *row = t->v + (size_t)t->n_rows * (size_t)s->n_cols;
        char *save = NULL, setting[96];
        int c = 0;
        for (char *tok = strtok_r(line, " \t", &save); tok && !bad; tok = strtok_r(NULL, " \t", &save), c++) {
            if (c >= s->n_cols) {
                diag_error(d, ST_IO, path, lineno, NULL, "more than %d fields", s->n_cols);
                bad = 1;
                break;
            }
            const DatCol *col = &s->cols[c];
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, col->name);
            if (!parse_field(tok, col, &row[c])) {
                diag_error(d, ST_IO, path, lineno, setting, "'%.40s' is not a number", tok);
                bad = 1;
            } else if (isfinite(row[c]) && (row[c] < col->lo || row[c] > col->hi)) {
                diag_error(d, ST_IO, path, lineno, setting, "%g outside %g .. %g", row[c], col->lo, col->hi);
                bad = 1;
            } else if (col->integer && row[c] != floor(row[c])) {
                diag_error(d, ST_IO, path, lineno, setting, "%g is not a whole number", row[c]);
                bad = 1;
            }
        }
        if (bad) break;
        if (c < s->n_cols) {
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, s->cols[c].name);
            diag_error(d, ST_IO, path, lineno, setting, "missing: %d fields expected", s->n_cols);
            bad = 1;
            break;
        }
        /* month blocks: 1 to 12 in order, two blank lines between, none inside;
         * the key rises within a block */
        const char *why_row = NULL;
        int blame = s->key, first = t->n_rows == 0;
        double prev = first ? 0 : dat_at(t, s, t->n_rows - 1, s->key);
        if (s->by_month) {
            int m = (int)row[0];
            blame = 0;
            if (first && m != 1) why_row = "the first block must be month 1";
            else if (!first && m != month && m != month + 1) why_row = "months must follow each other, 1 to 12";
            else if (!first && m == month + 1 && blanks < 2)
                why_row = "a new month needs two blank lines before it (gnuplot index)";
            else if (!first && m == month && blanks == 1) why_row = "a blank line inside a month's block";
            else if (!first && m == month && blanks >= 2) why_row = "the same month in two blocks";
            else if (!first && m == month && row[s->key] <= prev) {
                why_row = "must rise from row to row within a month";
                blame = s->key;
            }
            month = m;
        } else if (!first && blanks > 0) {
            why_row = "a blank line between rows";
        } else if (s->exact_rows && row[s->key] != t->n_rows + 1) {
            why_row = "the rows must be months 1 to 12 in order";
        } else if (!first && row[s->key] <= prev) {
            why_row = "must rise from row to row";
        }
        if (why_row) {
            snprintf(setting, sizeof setting, "column %d (%s)", blame + 1, s->cols[blame].name);
            diag_error(d, ST_IO, path, lineno, setting, "%s", why_row);
            bad = 1;
            break;
        }
        blanks = 0;
        t->n_rows++;
    }
    if (!bad && ferror(f)) {
        diag_error(d, ST_IO, path, lineno, NULL, "read error: %s", strerror(errno));
        bad = 1;
    }
    free(line);
    fclose(f);
    if (!bad && !header) {
        diag_error(d, ST_IO, path, near_header, NULL, "%s", near_header ? "the header line names other columns"
                                                                         : "no header line naming the columns");
        bad = 1;
    }
    if (!bad && s->by_month && month != N_MONTHS) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d months, 12 expected", month);
        bad = 1;
    }
    if (!bad && s->exact_rows && t->n_rows != s->exact_rows) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d rows, %d expected", t->n_rows, s->exact_rows);
        bad = 1;
    }
    for (int c = 0; !bad && c < s->n_cols; c++) {
        int any = 0;
        for (int r = 0; r < t->n_rows && !any; r++) any = isfinite(dat_at(t, s, r, c));
        if (!any && t->n_rows > 0) {
            char setting[96];
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, s->cols[c].name);
            diag_error(d, ST_IO, path, lineno, setting, "no value in any row (all NaN)");
            bad = 1;
        }
    }
    if (!bad && t->n_rows < 2) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d rows: too few to draw", t->n_rows);
        bad = 1;
    }
    return bad ? ST_IO : ST_OK;
}

/* ---- the inputs together --------------------------------------------------------- */

typedef struct {
    const char *dir;
    int en;
    Dat dat[N_DAT];
    char *params;         /* params.cfg */
    char *md;             /* fit.md */
    char name[256];       /* fit.md's first '# ' heading, else the folder's name */
    int name_from_md;
    Diag *d;
} Fit;

static void fit_free(Fit *r)
{
    for (int i = 0; i < N_DAT; i++) free(r->dat[i].v);
    free(r->params);
    free(r->md);
}

/* A whole text file; NULL with an error naming it. */
static char *read_text(const char *dir, const char *name, Diag *d)
{
    char path[PATH_LEN], why[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = infile_open(path, RESULTS_FILE_MAX, why, sizeof why);
    if (!f) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
        return NULL;
    }
    fclose(f);
    size_t len = 0;
    char *text = results_read_file(path, RESULTS_FILE_MAX, &len);
    if (!text) diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", strerror(errno));
    else if (strlen(text) != len) {
        diag_error(d, ST_IO, path, 0, NULL, "a NUL byte: not a text file");
        free(text);
        text = NULL;
    }
    return text;
}

/* params.cfg holds a top-level `weather = {` (or `weather: {`) group. */
static int has_weather_group(const char *text)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *q = p + strspn(p, " \t");
        if (strncmp(q, "weather", 7) != 0) continue;
        q += 7;
        q += strspn(q, " \t\r\n");
        if (*q != '=' && *q != ':') continue;
        q++;
        q += strspn(q, " \t\r\n");
        if (*q == '{') return 1;
    }
    return 0;
}

/* Reads every input; all files are checked (each stops at its first error). */
static Status fit_read(Fit *r)
{
    Status worst = ST_OK;
    for (int i = 0; i < N_DAT; i++) {
        Status st = dat_read(r->dir, &specs[i], &r->dat[i], r->d);
        if (st != ST_OK && (worst == ST_OK || st == ST_NOMEM)) worst = st;
    }
    if (!(r->md = read_text(r->dir, "fit.md", r->d)) && worst == ST_OK) worst = ST_IO;
    if (!(r->params = read_text(r->dir, "params.cfg", r->d))) {
        if (worst == ST_OK) worst = ST_IO;
    } else if (!has_weather_group(r->params)) {
        char path[PATH_LEN];
        snprintf(path, sizeof path, "%s/params.cfg", r->dir);
        diag_error(r->d, ST_IO, path, 0, NULL, "no 'weather = { ... };' group");
        if (worst == ST_OK) worst = ST_IO;
    }
    return worst;
}

/* The report's name: the text of fit.md's first level-1 heading (it names
 * the fit; the folder may be a staging directory), else the folder's name. */
static void fit_name(Fit *r)
{
    for (const char *p = r->md; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (p[0] != '#' || (p[1] != ' ' && p[1] != '\t')) continue;
        const char *t = p + 1 + strspn(p + 1, " \t");
        size_t n = strcspn(t, "\r\n");
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) n--;
        if (n == 0 || n >= sizeof r->name) break;
        memcpy(r->name, t, n);
        r->name[n] = '\0';
        r->name_from_md = 1;
        return;
    }
    size_t len = strlen(r->dir);
    while (len > 1 && r->dir[len - 1] == '/') len--;
    size_t start = len;
    while (start > 0 && r->dir[start - 1] != '/') start--;
    snprintf(r->name, sizeof r->name, "%.*s", (int)(len - start), r->dir + start);
}

/* ---- chart data --------------------------------------------------------------------- */

/* Mean of the key column weighted by column c over one month's block. */
static double block_mean(const Dat *t, const DatSpec *s, int month, int c)
{
    double sw = 0, swx = 0;
    for (int r = 0; r < t->n_rows; r++) {
        double p = dat_at(t, s, r, c);
        if ((int)dat_at(t, s, r, 0) != month || !isfinite(p)) continue;
        sw += p;
        swx += p * dat_at(t, s, r, s->key);
    }
    return sw > 0 ? swx / sw : (double)NAN;
}

static double col_max(const Dat *t, const DatSpec *s, int c0, int c1)
{
    double m = -HUGE_VAL;
    for (int r = 0; r < t->n_rows; r++)
        for (int c = c0; c <= c1; c++)
            if (isfinite(dat_at(t, s, r, c))) m = fmax(m, dat_at(t, s, r, c));
    return m;
}

static double col_min(const Dat *t, const DatSpec *s, int c0, int c1)
{
    double m = HUGE_VAL;
    for (int r = 0; r < t->n_rows; r++)
        for (int c = c0; c <= c1; c++)
            if (isfinite(dat_at(t, s, r, c))) m = fmin(m, dat_at(t, s, r, c));
    return m;
}

/* The end of a distribution's axis: the highest key whose density (either
 * column) is above 0.5 % of the peak, plus half a bin. */
static double dist_end(const Dat *t, const DatSpec *s, double peak)
{
    double end = 0;
    for (int r = 0; r < t->n_rows; r++)
        if (fmax(dat_at(t, s, r, 2), dat_at(t, s, r, 3)) > 0.005 * peak) end = fmax(end, dat_at(t, s, r, s->key));
    return end;
}

/* The value of column c at the acf row with lag_h == lag; NaN if none. */
static double acf_at(const Fit *r, double lag, int c)
{
    const Dat *t = &r->dat[F_ACF];
    for (int i = 0; i < t->n_rows; i++)
        if (dat_at(t, &specs[F_ACF], i, 0) == lag) return dat_at(t, &specs[F_ACF], i, c);
    return (double)NAN;
}

static void gp_num(FILE *f, const char *name, double v)
{
    if (isfinite(v)) fprintf(f, "if (!exists(\"%s\")) %s = %.6g\n", name, name, v);
    else fprintf(f, "if (!exists(\"%s\")) %s = NaN\n", name, name);
}

static void gp_month_array(FILE *f, const char *name, const Dat *t, const DatSpec *s, int c)
{
    fprintf(f, "array %s[12] = [", name);
    for (int m = 1; m <= N_MONTHS; m++) {
        double v = block_mean(t, s, m, c);
        if (isfinite(v)) fprintf(f, "%s%.6g", m > 1 ? ", " : "", v);
        else fprintf(f, "%sNaN", m > 1 ? ", " : "");
    }
    fputs("]\n", f);
}

/* Rounds up to a multiple of step. */
static double up_to(double v, double step) { return step * ceil(v / step - 1e-9); }

static Status write_chartdata(const Fit *r, const char *charts_dir, Diag *d)
{
    char path[PATH_LEN + 32];
    if (snprintf(path, sizeof path, "%s/chartdata.gp", charts_dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, charts_dir, 0, NULL, "path too long");
        return ST_IO;
    }
    AtomicFile *af = calloc(1, sizeof *af);
    if (!af) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = afile_open(af, path, d);
    if (st != ST_OK) {
        free(af);
        return st;
    }
    FILE *f = af->f;
    fputs("# chartdata.gp — chart data of the fit report, derived by ecsim (fitreport.c) from the\n"
          "# .dat files of this folder; loaded by plots/common.gp and plots/fit-*.gp. Any value\n"
          "# can be overridden by hand: gnuplot -e \"name=value\" (docs/charts.md).\n", f);
    fputs("# the fit's name (fit.md's first heading), in the charts' titles: cut to\n"
          "# about 36 columns (a CJK character counts two) so that the longest title fits\nscenario = '", f);
    int width = 0;
    for (const unsigned char *p = (const unsigned char *)r->name; *p; p++) {
        if ((*p & 0xC0) != 0x80) {   /* a character starts */
            width += *p >= 0xE0 ? 2 : 1;
            if (width > 36) {
                fputs("…", f);
                break;
            }
        }
        if (*p == '\'') fputc('\'', f);
        fputc(*p < 0x20 ? ' ' : *p, f);
    }
    fputs("'\n", f);
    chart_write_units(f);

    const Dat *w = &r->dat[F_WEIBULL], *k = &r->dat[F_CLEARNESS], *di = &r->dat[F_DIURNAL];
    const Dat *ac = &r->dat[F_ACF], *te = &r->dat[F_TEMPERATURE];
    const DatSpec *sw = &specs[F_WEIBULL], *sk = &specs[F_CLEARNESS], *sd = &specs[F_DIURNAL];
    const DatSpec *sa = &specs[F_ACF], *st_ = &specs[F_TEMPERATURE];
    double wpeak = col_max(w, sw, 2, 3), kpeak = col_max(k, sk, 2, 3);
    fputs("# wind-speed panels (fit-weibull.gp): speed axis end (m/s), density axis end (1/(m/s)),\n"
          "# each month's mean speed of the observed and fitted densities\n", f);
    gp_num(f, "fit_v_max", fmax(5, up_to(dist_end(w, sw, wpeak) + 0.25, 5)));
    gp_num(f, "fit_v_pdf_max", fmax(0.05, up_to(1.12 * wpeak, 0.05)));
    gp_month_array(f, "fit_v_mean_obs", w, sw, 2);
    gp_month_array(f, "fit_v_mean_fit", w, sw, 3);
    fputs("# clearness panels (fit-clearness.gp): index axis end, density axis end, monthly means\n", f);
    gp_num(f, "fit_kt_max", fmin(1, up_to(dist_end(k, sk, kpeak) + 0.025, 0.1)));
    gp_num(f, "fit_kt_pdf_max", fmax(1, up_to(1.12 * kpeak, 1)));
    gp_month_array(f, "fit_kt_mean_obs", k, sk, 2);
    gp_month_array(f, "fit_kt_mean_fit", k, sk, 3);
    fputs("# diurnal panels (fit-diurnal.gp): the ratio axis\n", f);
    double dlo = col_min(di, sd, 2, 3), dhi = col_max(di, sd, 2, 3), pad = 0.08 * fmax(dhi - dlo, 0.1);
    gp_num(f, "fit_d_min", floor((dlo - pad) * 20) / 20);
    gp_num(f, "fit_d_max", ceil((dhi + pad) * 20) / 20);
    fputs("# autocorrelation (fit-acf.gp): the last lag (h), the lowest value, the values at 1 h, 24 h, 168 h\n", f);
    gp_num(f, "fit_acf_lag_max", dat_at(ac, sa, ac->n_rows - 1, 0));
    gp_num(f, "fit_acf_min", col_min(ac, sa, 1, 2));
    static const int lags[] = { 1, 24, 168 };
    for (int i = 0; i < 3; i++) {
        char name[64];
        snprintf(name, sizeof name, "fit_acf_obs_%d", lags[i]);
        gp_num(f, name, acf_at(r, lags[i], 1));
        snprintf(name, sizeof name, "fit_acf_fit_%d", lags[i]);
        gp_num(f, name, acf_at(r, lags[i], 2));
    }
    fputs("# temperature (fit-temperature.gp): the mean's axis and the range's axis end, C\n", f);
    gp_num(f, "fit_t_min", 5 * floor(col_min(te, st_, 1, 2) / 5 - 0.2));
    gp_num(f, "fit_t_max", 5 * ceil(col_max(te, st_, 1, 2) / 5 + 0.2));
    gp_num(f, "fit_r_max", 5 * ceil(col_max(te, st_, 3, 4) / 5 + 0.2));
    st = afile_commit(af, d);
    free(af);
    return st;
}

/* ---- the page ------------------------------------------------------------------------ */

static const char *tr(const Fit *r, const char *zh, const char *en) { return r->en ? en : zh; }

static const char *css =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\","
    "\"Helvetica Neue\",Arial,sans-serif;margin:0;color:#1d1d1d;background:#f4f5f7;line-height:1.55}"
    "main{max-width:1320px;margin:0 auto;padding:28px 40px 60px;background:#fff}"
    "h1{font-size:30px;margin:8px 0 4px}h2{font-size:23px;border-bottom:3px solid #2B7BBA;padding-bottom:4px;"
    "margin-top:40px}h3{font-size:19px;margin:28px 0 6px}h4{font-size:17px;margin:20px 0 4px}h5{font-size:16px;margin:16px 0 4px}"
    ".meta{color:#666;font-size:14px}"
    "table{border-collapse:collapse;font-size:16px;margin:8px 0}"
    "th,td{padding:5px 12px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "th{background:#f0f2f5}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "code{font-size:14px;color:#555}pre{background:#f6f8fa;border:1px solid #ddd;padding:12px 16px;"
    "font-size:14px;overflow-x:auto}"
    "figure{margin:10px 0 34px}figure img{width:100%;height:auto;border:1px solid #ddd}"
    "figcaption{font-size:16px;margin-top:6px;color:#333}.missing{padding:30px;background:#fafafa;"
    "border:1px dashed #aaa;color:#a33}"
    "@media print{body{background:#fff}main{padding:0}figure{page-break-inside:avoid}h2{page-break-after:avoid}}";

/* Inline markdown of one line: `code` and **bold**, the rest escaped. */
static void md_inline(FILE *f, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *rest = s + i;
        if (rest[0] == '`') {
            const char *end = memchr(rest + 1, '`', n - i - 1);
            if (end) {
                fputs("<code>", f);
                html_esc_n(f, rest + 1, (size_t)(end - rest - 1));
                fputs("</code>", f);
                i += (size_t)(end - rest) + 1;
                continue;
            }
        }
        if (rest[0] == '*' && i + 1 < n && rest[1] == '*') {
            const char *end = NULL;
            for (size_t j = i + 2; j + 1 < n; j++)
                if (s[j] == '*' && s[j + 1] == '*') { end = s + j; break; }
            if (end) {
                fputs("<b>", f);
                md_inline(f, rest + 2, (size_t)(end - rest - 2));
                fputs("</b>", f);
                i += (size_t)(end - rest) + 2;
                continue;
            }
        }
        size_t run = strcspn(rest, "`*");
        if (run > n - i) run = n - i;
        if (run == 0) run = 1;
        html_esc_n(f, rest, run);
        i += run;
    }
}

static int is_number_text(const char *s, size_t n)
{
    while (n && (*s == ' ')) { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    if (!n) return 0;
    size_t k = 0;
    if (k < n && (s[k] == '-' || s[k] == '+')) k++;
    if (n >= k + 3 && memcmp(s + k, "−", 3) == 0) k += 3;
    int digits = 0;
    for (; k < n; k++) {
        if (s[k] >= '0' && s[k] <= '9') digits++;
        else if (!strchr(".eE+-%", s[k])) return 0;
    }
    return digits > 0;
}

/* One table row "| a | b |" as cells of tag. */
static void md_row(FILE *f, const char *line, const char *tag)
{
    const char *p = line + strspn(line, " \t");
    if (*p == '|') p++;
    fputs("<tr>", f);
    while (*p) {
        size_t n = strcspn(p, "|");
        const char *cell = p;
        p += n;
        if (!*p && n == strspn(cell, " \t")) break;   /* after the closing bar */
        while (n && (*cell == ' ' || *cell == '\t')) { cell++; n--; }
        while (n && (cell[n - 1] == ' ' || cell[n - 1] == '\t')) n--;
        int num = strcmp(tag, "td") == 0 && is_number_text(cell, n);
        fprintf(f, "<%s%s>", tag, num ? " class=\"n\"" : "");
        md_inline(f, cell, n);
        fprintf(f, "</%s>", tag);
        if (*p == '|') p++;
    }
    fputs("</tr>\n", f);
}

static int is_separator_row(const char *line)
{
    const char *p = line + strspn(line, " \t");
    return *p == '|' && p[strspn(p, "|:- \t")] == '\0' && strchr(p, '-');
}

/* fit.md as HTML: headings (two levels below the page's: under its section;
 * the first level-1 heading left out when it is the page's title), tables, lists,
 * fenced code and paragraphs; anything else is text. */
static void md_render(FILE *f, const char *md, int skip_title)
{
    enum { NONE, PARA, TABLE, LIST, CODE } mode = NONE;
    int table_row = 0;
    char *copy = strdup(md);
    if (!copy) return;
    char *save = NULL;
    /* strtok_r would merge blank lines: split by hand */
    for (char *line = copy; line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = '\0';
        const char *p = line + strspn(line, " \t");
        if (mode == CODE) {
            if (strncmp(p, "```", 3) == 0) {
                fputs("</pre>\n", f);
                mode = NONE;
            } else {
                html_esc(f, line);
                fputc('\n', f);
            }
            continue;
        }
        int is_table = *p == '|', is_item = (p[0] == '-' || p[0] == '*') && p[1] == ' ';
        int is_head = *p == '#', is_fence = strncmp(p, "```", 3) == 0;
        /* close what this line ends */
        if ((mode == TABLE && !is_table) || (mode == LIST && !is_item) || (mode == PARA && (!*p || is_table || is_item || is_head || is_fence))) {
            fputs(mode == TABLE ? "</table>\n" : mode == LIST ? "</ul>\n" : "</p>\n", f);
            mode = NONE;
        }
        if (!*p) continue;
        if (is_fence) {
            fputs("<pre>", f);
            mode = CODE;
        } else if (is_head) {
            int level = (int)strspn(p, "#");
            const char *text = p + level + strspn(p + level, " \t");
            if (level == 1 && skip_title) {   /* the page's title already */
                skip_title = 0;
                continue;
            }
            int h = level + 2 > 5 ? 5 : level + 2;
            fprintf(f, "<h%d>", h);
            md_inline(f, text, strlen(text));
            fprintf(f, "</h%d>\n", h);
        } else if (is_table) {
            if (mode != TABLE) {
                fputs("<table>\n", f);
                mode = TABLE;
                table_row = 0;
            }
            if (!is_separator_row(p)) md_row(f, p, table_row == 0 ? "th" : "td");
            table_row++;
        } else if (is_item) {
            if (mode != LIST) {
                fputs("<ul>\n", f);
                mode = LIST;
            }
            fputs("<li>", f);
            md_inline(f, p + 2, strlen(p + 2));
            fputs("</li>\n", f);
        } else {
            if (mode != PARA) {
                fputs("<p>", f);
                mode = PARA;
            } else {
                fputc('\n', f);
            }
            md_inline(f, p, strlen(p));
        }
    }
    if (mode != NONE) fputs(mode == TABLE ? "</table>\n" : mode == LIST ? "</ul>\n" : mode == CODE ? "</pre>\n" : "</p>\n", f);
    free(copy);
}

static void page(FILE *f, const Fit *r, const int *drawn, const char *why_not)
{
    const char *base = r->name;
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->en ? "en" : "zh-CN");
    fputs(tr(r, "天气拟合报告 — ", "Weather fit report — "), f);
    html_esc(f, base);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
    fputs(tr(r, "天气拟合报告 — ", "Weather fit report — "), f);
    html_esc(f, base);
    fputs("</h1>\n<p class=\"meta\">", f);
    fputs(tr(r, "合成天气参数对天气文件的拟合（ecsim fit-weather）。本报告由本目录中的文件生成："
                "params.cfg、fit.md、weibull.dat、acf.dat、diurnal.dat、clearness.dat、temperature.dat、charts/。",
             "The synthetic-weather settings fitted to weather files (ecsim fit-weather). Made from the files of "
             "this folder: params.cfg, fit.md, weibull.dat, acf.dat, diurnal.dat, clearness.dat, temperature.dat, "
             "charts/."), f);
    fputs("</p>\n", f);

    fputs(tr(r, "<h2>使用方法</h2>\n", "<h2>How to use</h2>\n"), f);
    fputs(tr(r, "<p>把下面的 <code>params.cfg</code> 粘贴到情景文件中，替换其 <code>weather</code> 组；"
                "或写入一个继承基础方案（<code>inherits</code>）的变体文件：组内设置逐项覆盖基础方案的同名设置，未写的设置沿用基础方案。"
                "然后用 <code>ecsim check 情景文件</code> 检查，<code>ecsim run 情景文件</code> 运行。"
                "合成天气按这些参数逐年生成（随机种子 <code>scenario.seed</code>）；先看下面的图，"
                "确认拟合在各月都贴近观测再使用。</p>\n",
             "<p>Paste <code>params.cfg</code> below into a scenario file in place of its <code>weather</code> group, "
             "or into a variant that inherits the base plan (<code>inherits</code>): the group's settings then "
             "replace the base plan's one by one, and those not written stay the base plan's. Check it with "
             "<code>ecsim check FILE</code> and run it with <code>ecsim run FILE</code>. Synthetic weather is drawn "
             "from these settings year by year (seed <code>scenario.seed</code>); look at the charts below first, "
             "and use the settings when the fit follows the observations in every month.</p>\n"), f);
    fputs("<pre>", f);
    html_esc(f, r->params);
    fputs("</pre>\n", f);

    fputs(tr(r, "<h2>拟合结果（fit.md）</h2>\n", "<h2>The fit (fit.md)</h2>\n"), f);
    md_render(f, r->md, r->name_from_md);

    fputs(tr(r, "<h2>图表</h2>\n", "<h2>Charts</h2>\n"), f);
    for (int i = 0; i < N_CHARTS; i++) {
        const FitChart *c = &charts[i];
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
    fputs("</main>\n</body>\n</html>\n", f);
}

static Status write_page(const Fit *r, const int *drawn, const char *why_not, Diag *d)
{
    char path[PATH_LEN];
    if (snprintf(path, sizeof path, "%s/fit_report.html", r->dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, r->dir, 0, NULL, "path too long");
        return ST_IO;
    }
    AtomicFile *af = calloc(1, sizeof *af);   /* a 64 KiB buffer: not on the stack */
    if (!af) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = afile_open(af, path, d);
    if (st == ST_OK) {
        page(af->f, r, drawn, why_not);
        st = afile_commit(af, d);
    }
    free(af);
    return st;
}

/* ---- drawing -------------------------------------------------------------------------- */

static const char *const fmts[] = { "png", "svg" };

/* A chart file of an earlier report that this one does not draw: removed, so
 * that nothing stands in for it; never through a link planted at charts/. */
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

/* Draws every chart; drawn[c] says which PNGs exist afterwards. */
static Status draw(const Fit *r, const GpEnv *env, int *drawn, Diag *d)
{
    char charts_dir[PATH_LEN];
    int created;
    Status st = gp_charts_dir(r->dir, charts_dir, sizeof charts_dir, &created, d);
    if (st != ST_OK) return st;
    st = write_chartdata(r, charts_dir, d);
    if (st == ST_OK) st = plot_write_colours(charts_dir, d);
    if (st != ST_OK) {
        if (created) rmdir(charts_dir);   /* only if still empty */
        return st;
    }
    GpJob *jobs = calloc((size_t)N_CHARTS * 2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, r->dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    int n = 0;
    for (int c = 0; c < N_CHARTS; c++)
        for (int k = 0; k < 2; k++, n++) {
            char out[PATH_LEN];
            if (snprintf(out, sizeof out, "%s/%s.%s", charts_dir, charts[c].name, fmts[k]) >= (int)sizeof out
                || gp_job_init(&jobs[n], env, charts[c].script, r->dir, out, fmts[k]) != 0) {
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

Status fitreport_write(const char *dir, const char *plots_dir, const char *lang, Diag *d)
{
    if (!lang) lang = "zh";
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "report language '%s': use zh or en", lang);
        return ST_USAGE;
    }
    Fit *r = calloc(1, sizeof *r);
    if (!r) {
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    r->dir = dir;
    r->en = strcmp(lang, "en") == 0;
    r->d = d;
    /* every input checked before anything is written */
    Status st = fit_read(r);
    if (st != ST_OK) {
        fit_free(r);
        free(r);
        return st;
    }
    fit_name(r);
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
        fit_free(r);
        free(r);
        return gst;
    }
    for (int c = 0; c < N_CHARTS; c++)
        if (!drawn[c]) remove_old(dir, c);
    st = write_page(r, drawn, why_not, d);
    fit_free(r);
    free(r);
    return gst != ST_OK ? gst : st;
}
