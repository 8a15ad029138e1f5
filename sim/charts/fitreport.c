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
#include "fitdata.h"
#include "gnuplot.h"
#include "html.h"
#include "infile.h"
#include "plot.h"
#include "results.h"

#define PATH_LEN GP_PATH_LEN
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

/* ---- the inputs together --------------------------------------------------------- */

typedef struct {
    const char *dir;
    int en;
    FitDat dat[FIT_N_DAT];
    char *params;         /* params.cfg */
    char *md;             /* fit.md */
    char name[256];       /* fit.md's first '# ' heading, else the folder's name */
    int name_from_md;
    Diag *d;
} Fit;

static void fit_free(Fit *r)
{
    for (int i = 0; i < FIT_N_DAT; i++) fitdata_free(&r->dat[i]);
    free(r->params);
    free(r->md);
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
    for (int i = 0; i < FIT_N_DAT; i++) {
        Status st = fitdata_read(r->dir, i, &r->dat[i], r->d);
        if (st != ST_OK && (worst == ST_OK || st == ST_NOMEM)) worst = st;
    }
    if (!(r->md = results_read_text(r->dir, "fit.md", r->d)) && worst == ST_OK) worst = ST_IO;
    if (!(r->params = results_read_text(r->dir, "params.cfg", r->d))) {
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
static double block_mean(const FitDat *t, int month, int c)
{
    double sw = 0, swx = 0;
    for (int r = 0; r < t->n_rows; r++) {
        double p = fitdata_at(t, r, c);
        if ((int)fitdata_at(t, r, 0) != month || !isfinite(p)) continue;
        sw += p;
        swx += p * fitdata_at(t, r, t->spec->key);
    }
    return sw > 0 ? swx / sw : (double)NAN;
}

/* The largest (sign +1) or smallest (-1) finite value of columns c0..c1. */
static double col_extreme(const FitDat *t, int c0, int c1, int sign)
{
    double m = -sign * HUGE_VAL;
    for (int r = 0; r < t->n_rows; r++)
        for (int c = c0; c <= c1; c++) {
            double v = fitdata_at(t, r, c);
            if (isfinite(v)) m = sign > 0 ? fmax(m, v) : fmin(m, v);
        }
    return m;
}

/* The end of a distribution's axis: the highest key whose density (either
 * column) is above 0.5 % of the peak, plus half a bin. */
static double dist_end(const FitDat *t, double peak)
{
    double end = 0;
    for (int r = 0; r < t->n_rows; r++)
        if (fmax(fitdata_at(t, r, 2), fitdata_at(t, r, 3)) > 0.005 * peak) end = fmax(end, fitdata_at(t, r, t->spec->key));
    return end;
}

/* The value of column c at the acf row with lag_h == lag; NaN if none. */
static double acf_at(const FitDat *t, double lag, int c)
{
    for (int i = 0; i < t->n_rows; i++)
        if (fitdata_at(t, i, 0) == lag) return fitdata_at(t, i, c);
    return (double)NAN;
}

static void gp_num(FILE *f, const char *name, double v)
{
    if (isfinite(v)) fprintf(f, "if (!exists(\"%s\")) %s = %.6g\n", name, name, v);
    else fprintf(f, "if (!exists(\"%s\")) %s = NaN\n", name, name);
}

static void gp_month_array(FILE *f, const char *name, const FitDat *t, int c)
{
    fprintf(f, "array %s[12] = [", name);
    for (int m = 1; m <= N_MONTHS; m++) {
        double v = block_mean(t, m, c);
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
          "# .dat files of this folder; loaded by plots/common.gp and plots/fit-*.gp. Any number\n"
          "# (not the arrays) can be overridden by hand: gnuplot -e \"name=value\" (docs/charts.md).\n", f);
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

    const FitDat *w = &r->dat[FIT_WEIBULL], *k = &r->dat[FIT_CLEARNESS], *di = &r->dat[FIT_DIURNAL];
    const FitDat *ac = &r->dat[FIT_ACF], *te = &r->dat[FIT_TEMPERATURE];
    double wpeak = col_extreme(w, 2, 3, 1), kpeak = col_extreme(k, 2, 3, 1);
    fputs("# wind-speed panels (fit-weibull.gp): speed axis end (m/s), density axis end (1/(m/s)),\n"
          "# each month's mean speed of the observed and fitted densities\n", f);
    gp_num(f, "fit_v_max", fmax(5, up_to(dist_end(w, wpeak) + 0.25, 5)));
    gp_num(f, "fit_v_pdf_max", fmax(0.05, up_to(1.12 * wpeak, 0.05)));
    gp_month_array(f, "fit_v_mean_obs", w, 2);
    gp_month_array(f, "fit_v_mean_fit", w, 3);
    fputs("# clearness panels (fit-clearness.gp): index axis end, density axis end, monthly means\n", f);
    gp_num(f, "fit_kt_max", fmin(1, up_to(dist_end(k, kpeak) + 0.025, 0.1)));
    gp_num(f, "fit_kt_pdf_max", fmax(1, up_to(1.12 * kpeak, 1)));
    gp_month_array(f, "fit_kt_mean_obs", k, 2);
    gp_month_array(f, "fit_kt_mean_fit", k, 3);
    fputs("# diurnal panels (fit-diurnal.gp): the ratio axis\n", f);
    double dlo = col_extreme(di, 2, 3, -1), dhi = col_extreme(di, 2, 3, 1), pad = 0.08 * fmax(dhi - dlo, 0.1);
    gp_num(f, "fit_d_min", floor((dlo - pad) * 20) / 20);
    gp_num(f, "fit_d_max", ceil((dhi + pad) * 20) / 20);
    fputs("# autocorrelation (fit-acf.gp): the last lag (h), the lowest value, the values at 1 h, 24 h, 168 h\n", f);
    gp_num(f, "fit_acf_lag_max", fitdata_at(ac, ac->n_rows - 1, 0));
    gp_num(f, "fit_acf_min", col_extreme(ac, 1, 2, -1));
    static const int lags[] = { 1, 24, 168 };
    for (int i = 0; i < 3; i++) {
        char name[64];
        snprintf(name, sizeof name, "fit_acf_obs_%d", lags[i]);
        gp_num(f, name, acf_at(ac, lags[i], 1));
        snprintf(name, sizeof name, "fit_acf_fit_%d", lags[i]);
        gp_num(f, name, acf_at(ac, lags[i], 2));
    }
    fputs("# temperature (fit-temperature.gp): the mean's axis and the range's axis end, C\n", f);
    gp_num(f, "fit_t_min", 5 * floor(col_extreme(te, 1, 2, -1) / 5 - 0.2));
    gp_num(f, "fit_t_max", 5 * ceil(col_extreme(te, 1, 2, 1) / 5 + 0.2));
    gp_num(f, "fit_r_max", 5 * ceil(col_extreme(te, 3, 4, 1) / 5 + 0.2));
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
    html_markdown(f, r->md, r->name_from_md);

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
