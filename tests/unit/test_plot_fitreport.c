/* test_plot_fitreport.c — the fit report (fitreport.c, plots/fit-*.gp) on the
 * sample of data/fit/ (made by data/fit/make-sample.sh from known
 * parameters): every chart drawn without a gnuplot warning as a PNG of
 * 1600x900 (read from the PNG header) and an SVG, fit_report.html names
 * every chart and holds params.cfg and the tables of fit.md; a malformed
 * input (a bad number, a short row, one blank line between month blocks, a
 * wrong header, a missing file, params.cfg without a weather group) is reported at its file, line and
 * column, and nothing is written or changed; without gnuplot the page is
 * written naming the charts that are missing. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fitreport.h"
#include "stagedir.h"
#include "testutil.h"

#define SAMPLE "data/fit"
#define PLOTS "../plots"
#define CHART_W 1600   /* plots/common.gp: the projector size */
#define CHART_H 900

static const char *const inputs[] = { "params.cfg", "fit.md", "weibull.dat", "acf.dat", "diurnal.dat",
                                      "clearness.dat", "temperature.dat" };
#define N_INPUTS ((int)(sizeof inputs / sizeof inputs[0]))

static char root[64];   /* mkdtemp directory of the suite */

/* root/name with a copy of the sample's input files. */
static void sample_copy(const char *name, char *dir, size_t n)
{
    snprintf(dir, n, "%s/%s", root, name);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
    for (int i = 0; i < N_INPUTS; i++) {
        char src[256], dst[512];
        size_t len;
        snprintf(src, sizeof src, SAMPLE "/%s", inputs[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, inputs[i]);
        char *text = read_all(src, &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        CU_ASSERT_EQUAL_FATAL(write_all(dst, text, len), 0);
        free(text);
    }
}

/* Names in dir other than the inputs (and than `except`): what a call wrote. */
static int written_in(const char *dir, const char *except)
{
    DIR *dp = opendir(dir);
    if (!dp) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (except && strcmp(e->d_name, except) == 0) continue;
        int input = 0;
        for (int i = 0; i < N_INPUTS; i++) input |= strcmp(e->d_name, inputs[i]) == 0;
        n += !input;
    }
    closedir(dp);
    return n;
}

static int setup(void)
{
    snprintf(root, sizeof root, "/tmp/ecsim-test-fit-XXXXXX");
    return mkdtemp(root) ? 0 : 1;
}

static int teardown(void)
{
    remove_tree(root);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------- */

/* The monthly mean speeds written on the wind panels (charts/chartdata.gp,
 * from the histograms of weibull.dat) against the observed means of fit.md's
 * table, which make-sample.sh computed from the hourly speeds themselves:
 * 0.5 m/s bins at their centres move a mean by a few hundredths at most. */
static void means_agree(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/charts/chartdata.gp", dir);
    char *gp = read_all(path, NULL);
    snprintf(path, sizeof path, "%s/fit.md", dir);
    char *md = read_all(path, NULL);
    CU_ASSERT_FATAL(gp && md);
    const char *p = strstr(gp, "array fit_v_mean_obs[12] = [");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    p += strlen("array fit_v_mean_obs[12] = [");
    const char *row = strstr(md, "|---|");   /* the wind table comes first */
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    for (int m = 1; m <= 12; m++) {
        char *end;
        double hist = strtod(p, &end);
        p = end + 1;
        row = strchr(row, '\n') + 1;
        int month, hours;
        double mean;
        CU_ASSERT_FATAL(sscanf(row, "| %d | %d | %lf |", &month, &hours, &mean) == 3);
        CU_ASSERT_EQUAL(month, m);
        CU_ASSERT_DOUBLE_EQUAL(hist, mean, 0.02);
    }
    free(gp);
    free(md);
}

/* Every chart, PNG 1600x900 and SVG, without a warning; the page holds every
 * chart inlined, params.cfg and the tables of fit.md. */
static void draws_sample(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: chart rendering not tested");
        return;
    }
    static const char *const langs[] = { "zh", "en" };
    for (int l = 0; l < 2; l++) {
        char dir[256], path[512];
        sample_copy(langs[l], dir, sizeof dir);
        Diag d;
        diag_init(&d);
        Status st = fitreport_write(dir, PLOTS, langs[l], &d);
        if (st != ST_OK || d.n) diag_print(&d, stderr);
        CU_ASSERT_EQUAL(st, ST_OK);
        CU_ASSERT_EQUAL(d.n_errors + d.n_warnings, 0);
        CU_ASSERT_EQUAL(fitreport_chart_count(), 5);
        snprintf(path, sizeof path, "%s/fit_report.html", dir);
        char *html = read_all(path, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(html);
        for (int i = 0; i < fitreport_chart_count(); i++) {
            const FitChart *c = fitreport_chart_get(i);
            unsigned w = 0, h = 0;
            CU_ASSERT(strncmp(c->name, "fit-", 4) == 0);
            snprintf(path, sizeof path, "%s/charts/%s.png", dir, c->name);
            CU_ASSERT_EQUAL(png_size(path, &w, &h), 0);
            CU_ASSERT(w == CHART_W && h == CHART_H);
            snprintf(path, sizeof path, "%s/charts/%s.svg", dir, c->name);
            char *svg = read_all(path, NULL);
            CU_ASSERT(svg && strstr(svg, "<svg") && strstr(svg, "width=\"1600\"") && strstr(svg, "</svg>"));
            free(svg);
            char want[128];
            snprintf(want, sizeof want, "<figure id=\"%s\">", c->name);
            CU_ASSERT(strstr(html, want) != NULL);
            CU_ASSERT(strstr(html, l ? c->title_en : c->title_zh) != NULL);
        }
        CU_ASSERT_EQUAL(text_count(html, "src=\"data:image/png;base64,iVBORw0KGgo"), 5);   /* the PNG signature */
        CU_ASSERT(strstr(html, l ? "How to use" : "使用方法") != NULL);
        CU_ASSERT(strstr(html, "— Sample: a synthetic Yiwu-like year</h1>") != NULL);   /* fit.md's heading */
        CU_ASSERT_EQUAL(text_count(html, "Sample: a synthetic Yiwu-like year"), 2);          /* <title>, <h1> */
        CU_ASSERT(strstr(html, "wind_weibull_k = [1.72, 1.86,") != NULL);   /* params.cfg, as written */
        CU_ASSERT(strstr(html, "<th>Weibull k</th>") != NULL);              /* a table of fit.md */
        CU_ASSERT(strstr(html, "<td class=\"n\">0.985</td>") != NULL);
        CU_ASSERT(strstr(html, "</html>") != NULL);
        free(html);
        /* complete or absent: nothing hidden (no temporary file) is left */
        snprintf(path, sizeof path, "%s/charts", dir);
        DIR *dp = opendir(path);
        struct dirent *e;
        int hidden = 0;
        while (dp && (e = readdir(dp))) hidden += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
        if (dp) closedir(dp);
        CU_ASSERT_EQUAL(hidden, 0);
        CU_ASSERT_EQUAL(written_in(dir, NULL), 2);   /* charts/ and fit_report.html */
        if (l == 0) means_agree(dir);
    }
}

/* Malformed inputs: one located error each, and nothing written. The line
 * numbers follow the sample's layout: two comment lines, then month 1's rows
 * (weibull.dat: 50 bins; diurnal.dat: hours 0..23 on lines 3..26, two blank
 * lines 27 and 28, month 2 from line 29). */
static void malformed(void)
{
    static const struct {
        const char *name, *file;
        int line;               /* the line edited; 0: the file removed */
        const char *text;       /* its new text; NULL deletes it */
        int err_line;
        const char *setting, *message;
    } cases[] = {
        { "bad-number", "weibull.dat", 10, "1 3.75 0.17742 0.1x5", 10, "column 4 (fitted_pdf)", "'0.1x5' is not a number" },
        { "short-row", "temperature.dat", 5, "3 -1.21 -1.20 12.84", 5, "column 5 (fitted_range_c)", "missing" },
        { "one-blank", "diurnal.dat", 28, NULL, 28, "column 1 (month)", "two blank lines" },
        { "header", "clearness.dat", 2, "# month k_t observed_pdf fitted_pdf", 2, "", "names other columns" },
        { "missing", "acf.dat", 0, NULL, 0, "", "cannot read" },
        { "no-group", "params.cfg", 3, "climate = {", 0, "", "weather" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char dir[256], path[512];
        sample_copy(cases[k].name, dir, sizeof dir);
        snprintf(path, sizeof path, "%s/%s", dir, cases[k].file);
        if (cases[k].line == 0) {
            CU_ASSERT_EQUAL_FATAL(remove(path), 0);
        } else {
            edit_line(dir, cases[k].file, cases[k].line, cases[k].text);
        }
        Diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(fitreport_write(dir, PLOTS, "zh", &d), ST_IO);
        CU_ASSERT_EQUAL(d.n_errors, 1);
        if (d.n_errors != 1) diag_print(&d, stderr);
        CU_ASSERT_STRING_EQUAL(d.e[0].file, path);
        CU_ASSERT_EQUAL(d.e[0].line, cases[k].err_line);
        CU_ASSERT_STRING_EQUAL(d.e[0].setting, cases[k].setting);
        CU_ASSERT(strstr(d.e[0].message, cases[k].message) != NULL);
        CU_ASSERT_EQUAL(written_in(dir, NULL), 0);   /* no charts/, no page, no temporary file */
    }
}

/* A report written before, then a malformed input: the earlier report and
 * charts are left as they were, not half replaced. */
static void earlier_report_kept(void)
{
    char dir[256], path[512];
    sample_copy("again", dir, sizeof dir);
    Diag d;
    diag_init(&d);
    Status first = fitreport_write(dir, PLOTS, "en", &d);
    CU_ASSERT(first == ST_OK || (first == ST_NO_GNUPLOT && !have_gnuplot()));
    snprintf(path, sizeof path, "%s/fit_report.html", dir);
    size_t len0, len1;
    char *before = read_all(path, &len0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(before);
    edit_line(dir, "clearness.dat", 7, "1 0.225 nan? 0.0101");
    diag_init(&d);
    CU_ASSERT_EQUAL(fitreport_write(dir, PLOTS, "zh", &d), ST_IO);
    CU_ASSERT(d.n_errors == 1 && d.e[0].line == 7);
    char *after = read_all(path, &len1);
    CU_ASSERT(after && len1 == len0 && memcmp(before, after, len0) == 0);
    free(before);
    free(after);
}

/* Without gnuplot: ST_NO_GNUPLOT naming the package, the page written with
 * every chart named as not drawn, and no chart file. */
static void gnuplot_absent(void)
{
    char dir[256], empty[128], path[512];
    sample_copy("nognu", dir, sizeof dir);
    snprintf(empty, sizeof empty, "%s/empty-bin", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0700), 0);
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", empty, 1);
    Diag d;
    diag_init(&d);
    Status st = fitreport_write(dir, PLOTS, "zh", &d);
    if (saved) setenv("PATH", saved, 1);
    else unsetenv("PATH");
    free(saved);
    CU_ASSERT_EQUAL(st, ST_NO_GNUPLOT);
    CU_ASSERT(d.n_errors == 1 && strstr(d.e[0].message, "gnuplot-nox") != NULL);
    snprintf(path, sizeof path, "%s/fit_report.html", dir);
    char *html = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    for (int i = 0; i < fitreport_chart_count(); i++) {
        char want[128];
        snprintf(want, sizeof want, "charts/%s.png", fitreport_chart_get(i)->name);
        CU_ASSERT(strstr(html, want) != NULL);
    }
    CU_ASSERT(strstr(html, "data:image/png") == NULL);
    CU_ASSERT(strstr(html, "gnuplot-nox") != NULL);
    free(html);
    snprintf(path, sizeof path, "%s/charts", dir);
    CU_ASSERT(!file_exists(path));
}

static void bad_language(void)
{
    char dir[256];
    sample_copy("lang", dir, sizeof dir);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(fitreport_write(dir, PLOTS, "fr", &d), ST_USAGE);
    CU_ASSERT_EQUAL(written_in(dir, NULL), 0);
}

void register_test_plot_fitreport(void);
void register_test_plot_fitreport(void)
{
    CU_pSuite s = CU_add_suite("test_plot_fitreport", setup, teardown);
    CU_add_test(s, "the sample: every chart 1600x900 PNG and SVG, the page names each", draws_sample);
    CU_add_test(s, "malformed inputs: located error, nothing written", malformed);
    CU_add_test(s, "an earlier report is not half replaced", earlier_report_kept);
    CU_add_test(s, "gnuplot absent: the page names the missing charts", gnuplot_absent);
    CU_add_test(s, "bad language", bad_language);
}
