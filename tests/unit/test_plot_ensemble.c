/* test_plot_ensemble.c — the ensemble charts and report (plotens.c,
 * plots/ens-*.gp) on the sample of data/ensemble/ (made by make-sample.sh
 * from known distributions; its statistics computed by awk, not by ecsim):
 * every chart drawn without a gnuplot warning as a PNG of 1600x900 and an
 * SVG in zh and en, ensemble_report.html names every chart and every target;
 * the bars' verdicts follow the threshold given (counts of members known
 * from the sample: 2023 5 of 40, 2024 32 of 40, 2025 37 of 40, all results
 * 4 of 40); the fan data are ensemble.dat's quantiles in display units; the
 * histogram holds the 40 members; a malformed input is reported at its file,
 * line and column and nothing is written; without gnuplot the page is
 * written naming the charts that are missing. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plot.h"
#include "plotens.h"
#include "stagedir.h"
#include "testutil.h"

#define SAMPLE "data/ensemble"
#define PLOTS "../plots"
#define CHART_W 1600
#define CHART_H 900

static const char *const inputs[] = { "members.dat", "ensemble.dat", "probabilities.dat", "summary.md" };
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
    snprintf(root, sizeof root, "/tmp/ecsim-test-ens-XXXXXX");
    return mkdtemp(root) ? 0 : 1;
}

static int teardown(void)
{
    remove_tree(root);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------- */

/* The verdict column of charts/ens-prob.dat: counts of pass, near, fail, and
 * the verdict of the row whose label ends with `label` (en). */
static void verdicts(const char *dir, int *pass, int *near, int *fail, const char *label, char *v, size_t vn)
{
    char path[512];
    snprintf(path, sizeof path, "%s/charts/ens-prob.dat", dir);
    char *text = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    *pass = *near = *fail = 0;
    v[0] = '\0';
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char word[16];
        unsigned rgb;
        if (line[0] == '#' || sscanf(line, "%*d %*f %*f %*f %15s %u", word, &rgb) != 2) continue;
        *pass += strcmp(word, "pass") == 0;
        *near += strcmp(word, "near") == 0;
        *fail += strcmp(word, "fail") == 0;
        /* the colour follows the verdict */
        CU_ASSERT_EQUAL(rgb, strcmp(word, "pass") == 0 ? 0x2E9E44u : strcmp(word, "near") == 0 ? 0xE6A817u : 0xD62728u);
        char want[128];
        snprintf(want, sizeof want, "%s\"", label);
        size_t n = strlen(line), w = strlen(want);
        if (n >= w && strcmp(line + n - w, want) == 0) snprintf(v, vn, "%s", word);
    }
    free(text);
}

/* The value in column col of the row of ens-fan.dat block `block` (0-based) whose year is year. */
static double fan_value(const char *dir, int block, int year, int col)
{
    char path[512];
    snprintf(path, sizeof path, "%s/charts/ens-fan.dat", dir);
    FILE *f = fopen(path, "r");
    if (!f) return NAN;
    char line[512];
    int b = 0, blanks = 0;
    double out = NAN;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n') {
            if (++blanks == 2) b++;
            continue;
        }
        blanks = 0;
        double v[5];
        if (b == block && sscanf(line, "%lf %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3], &v[4]) == 5 && v[0] == year)
            out = v[col];
    }
    fclose(f);
    return out;
}

static void draws_sample(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: chart rendering not tested");
        return;
    }
    static const char *const langs[] = { "zh", "en" };
    static const char *const ids[] = { "energy_production_capacity", "carbon_intensity", "energy_intensity",
                                       "coal_capacity", "wind_capacity", "solar_capacity", "storage_capacity",
                                       "renewable_utilisation", "unserved_energy", "all_results" };
    for (int l = 0; l < 2; l++) {
        char dir[256], path[512];
        snprintf(path, sizeof path, "yiwu-14fyp-%s", langs[l]);
        sample_copy(path, dir, sizeof dir);
        Diag d;
        diag_init(&d);
        Status st = plot_ensemble(dir, PLOTS, langs[l], PLOTENS_THRESHOLD, &d);
        if (st != ST_OK || d.n) diag_print(&d, stderr);
        CU_ASSERT_EQUAL(st, ST_OK);
        CU_ASSERT_EQUAL(d.n_errors + d.n_warnings, 0);
        CU_ASSERT_EQUAL(plotens_chart_count(), 3);
        snprintf(path, sizeof path, "%s/ensemble_report.html", dir);
        char *html = read_all(path, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(html);
        for (int i = 0; i < plotens_chart_count(); i++) {
            const EnsChart *c = plotens_chart_get(i);
            unsigned w = 0, h = 0;
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
        CU_ASSERT_EQUAL(text_count(html, "src=\"data:image/png;base64,iVBORw0KGgo"), 3);
        /* every target of probabilities.dat: 19 checks and all_results, one table row each */
        for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
            char want[128];
            snprintf(want, sizeof want, "<code>%s</code>", ids[k]);
            CU_ASSERT(strstr(html, want) != NULL);
        }
        /* six utilisation rows in the probability table and six in summary.md's */
        CU_ASSERT_EQUAL(text_count(html, "<td><code>renewable_utilisation</code></td>"), 12);
        CU_ASSERT_EQUAL(text_count(html, "<tr class=\"all\">"), 1);
        CU_ASSERT(strstr(html, "<td class=\"n\">5 / 40</td>") != NULL);     /* 2023 */
        CU_ASSERT(strstr(html, "<td class=\"n\">4 / 40</td>") != NULL);     /* all results */
        CU_ASSERT(strstr(html, "the weak year") != NULL);                   /* summary.md rendered */
        CU_ASSERT(strstr(html, "20210101") != NULL);                        /* the seed */
        CU_ASSERT(strstr(html, "Wilson") != NULL);
        CU_ASSERT(strstr(html, "</html>") != NULL);
        free(html);
        /* complete or absent: no temporary file left */
        snprintf(path, sizeof path, "%s/charts", dir);
        DIR *dp = opendir(path);
        struct dirent *e;
        int hidden = 0;
        while (dp && (e = readdir(dp))) hidden += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
        if (dp) closedir(dp);
        CU_ASSERT_EQUAL(hidden, 0);
        CU_ASSERT_EQUAL(written_in(dir, NULL), 2);   /* charts/ and ensemble_report.html */
        /* the fan data: ensemble.dat's quantiles (awk) in %; a reduction's P10 is -P90 of the change */
        CU_ASSERT_DOUBLE_EQUAL(fan_value(dir, 0, 2023, 1), 80.24884, 1e-4);    /* re_utilisation p10 */
        CU_ASSERT_DOUBLE_EQUAL(fan_value(dir, 0, 2023, 2), 85.28127, 1e-4);    /* p50 */
        CU_ASSERT_DOUBLE_EQUAL(fan_value(dir, 4, 2025, 1), 20.11295, 1e-4);    /* energy intensity: -p90 */
        CU_ASSERT_DOUBLE_EQUAL(fan_value(dir, 4, 2025, 3), 23.20019, 1e-4);    /* -p10 */
        /* the histogram: 40 members of 2023, 5 of them at or above 90 % (1-point bins) */
        snprintf(path, sizeof path, "%s/charts/ens-hist.dat", dir);
        FILE *f = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        char line[256];
        int total = 0, above = 0;
        while (fgets(line, sizeof line, f)) {
            double c;
            int n;
            if (line[0] != '#' && sscanf(line, "%lf %d", &c, &n) == 2) {
                total += n;
                if (c > 90) above += n;
            }
        }
        fclose(f);
        CU_ASSERT_EQUAL(total, 40);
        CU_ASSERT_EQUAL(above, 5);
    }
}

/* The bars' verdicts for four thresholds, from the counts the sample holds
 * (16 checks met by all 40; 2025 37, 2024 32, 2023 5, all results 4 of 40;
 * Wilson upper ends 0.974, 0.895, 0.261, 0.231). */
static void bar_colours(void)
{
    static const struct {
        double thr;
        int pass, near, fail;
        const char *v2023, *v2024, *v2025;
    } cases[] = {
        { 0.90, 17, 0, 3, "fail", "fail", "pass" },
        { 0.95, 16, 1, 3, "fail", "fail", "near" },
        { 0.80, 18, 0, 2, "fail", "pass", "pass" },
        { 0.25, 18, 1, 1, "near", "pass", "pass" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char dir[256], name[64];
        snprintf(name, sizeof name, "thr-%zu", k);
        sample_copy(name, dir, sizeof dir);
        Diag d;
        diag_init(&d);
        Status st = plot_ensemble(dir, PLOTS, "en", cases[k].thr, &d);
        CU_ASSERT(st == ST_OK || (st == ST_NO_GNUPLOT && !have_gnuplot()));
        if (st == ST_NO_GNUPLOT) return;   /* the chart data are written with the charts */
        int pass, near, fail;
        char v[16];
        verdicts(dir, &pass, &near, &fail, "Renewable utilisation ≥ 90%, 2023", v, sizeof v);
        CU_ASSERT_EQUAL(pass, cases[k].pass);
        CU_ASSERT_EQUAL(near, cases[k].near);
        CU_ASSERT_EQUAL(fail, cases[k].fail);
        CU_ASSERT_STRING_EQUAL(v, cases[k].v2023);
        verdicts(dir, &pass, &near, &fail, "Renewable utilisation ≥ 90%, 2024", v, sizeof v);
        CU_ASSERT_STRING_EQUAL(v, cases[k].v2024);
        verdicts(dir, &pass, &near, &fail, "Renewable utilisation ≥ 90%, 2025", v, sizeof v);
        CU_ASSERT_STRING_EQUAL(v, cases[k].v2025);
    }
}

/* Malformed inputs: one located error each, and nothing written. Line
 * numbers follow the sample: ensemble.dat and probabilities.dat two comment
 * lines and the header on line 3; members.dat one comment line, the header
 * on line 2; probabilities.dat's 2023 utilisation row on line 14. */
static void malformed(void)
{
    static const struct {
        const char *name, *file;
        int line;               /* the line edited; 0: the file removed */
        const char *text;
        int err_line;
        const char *setting, *message;
    } cases[] = {
        { "bad-number", "ensemble.dat", 4, "wind_capacity_mw 2020 40 4x0 0 400 400 400 400 400", 4, "column 4 (mean)",
          "'4x0' is not a number" },
        { "header", "probabilities.dat", 3, "id metric year op threshold basis kind n met p ci_low ci_high", 3,
          "column 10 (p_met)", "names 'p'" },
        { "short-row", "members.dat", 3, "1 2020 400", 3, "column 4 (solar_capacity_mw)", "missing" },
        { "long-row", "ensemble.dat", 5, "wind_capacity_mw 2021 40 400 0 400 400 400 400 400 7", 5, "column 11",
          "more fields" },
        { "probability", "probabilities.dat", 14,
          "renewable_utilisation re_utilisation 2023 >= 0.9 policy result 40 5 1.125 0.054595 0.261121", 14,
          "column 10 (p_met)", "not a probability" },
        { "disagree", "probabilities.dat", 14,
          "renewable_utilisation re_utilisation 2023 >= 0.9 policy result 40 50 0.125 0.054595 0.261121", 14,
          "column 8 (n)", "do not agree" },
        { "year", "ensemble.dat", 6, "wind_capacity_mw 2022.5 40 800 0 800 800 800 800 800", 6, "column 2 (year)",
          "not a whole number" },
        { "missing", "summary.md", 0, NULL, 0, "", "cannot read" },
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
        CU_ASSERT_EQUAL(plot_ensemble(dir, PLOTS, "zh", PLOTENS_THRESHOLD, &d), ST_IO);
        CU_ASSERT_EQUAL(d.n_errors, 1);
        if (d.n_errors != 1) diag_print(&d, stderr);
        CU_ASSERT_STRING_EQUAL(d.e[0].file, path);
        CU_ASSERT_EQUAL(d.e[0].line, cases[k].err_line);
        CU_ASSERT_STRING_EQUAL(d.e[0].setting, cases[k].setting);
        CU_ASSERT(strstr(d.e[0].message, cases[k].message) != NULL);
        if (!strstr(d.e[0].message, cases[k].message) || strcmp(d.e[0].setting, cases[k].setting))
            diag_print(&d, stderr);
        CU_ASSERT_EQUAL(written_in(dir, NULL), 0);
    }
}

/* Without gnuplot: ST_NO_GNUPLOT, the page written naming every chart as not
 * drawn, and no chart file. */
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
    Status st = plot_ensemble(dir, PLOTS, "zh", PLOTENS_THRESHOLD, &d);
    if (saved) setenv("PATH", saved, 1);
    else unsetenv("PATH");
    free(saved);
    CU_ASSERT_EQUAL(st, ST_NO_GNUPLOT);
    CU_ASSERT(d.n_errors == 1 && strstr(d.e[0].message, "gnuplot-nox") != NULL);
    snprintf(path, sizeof path, "%s/ensemble_report.html", dir);
    char *html = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    for (int i = 0; i < plotens_chart_count(); i++) {
        char want[128];
        snprintf(want, sizeof want, "charts/%s.png", plotens_chart_get(i)->name);
        CU_ASSERT(strstr(html, want) != NULL);
    }
    CU_ASSERT(strstr(html, "data:image/png") == NULL);
    CU_ASSERT(strstr(html, "<code>all_results</code>") != NULL);   /* the table needs no gnuplot */
    free(html);
    snprintf(path, sizeof path, "%s/charts", dir);
    CU_ASSERT(!file_exists(path));
}

static void bad_usage(void)
{
    char dir[256];
    sample_copy("usage", dir, sizeof dir);
    static const double bad[] = { 0, -0.5, 1.01, NAN };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        Diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(plot_ensemble(dir, PLOTS, "zh", bad[k], &d), ST_USAGE);
    }
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_ensemble(dir, PLOTS, "fr", 0.9, &d), ST_USAGE);
    CU_ASSERT_EQUAL(written_in(dir, NULL), 0);
}

/* ---- folders for `ecsim plot DIR` ------------------------------------------------------- */

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CU_ASSERT_EQUAL_FATAL(write_all(path, text, strlen(text)), 0);
}

/* What plot_dir_kind finds, on folders made by hand. */
static void dir_kinds(void)
{
    char out[256], sc[256], path[512];
    snprintf(out, sizeof out, "%s/kinds", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(out, 0700), 0);
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_NONE);            /* empty */
    put(out, "notes.txt", "x\n");
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_NONE);
    sample_copy("kinds/b-scn", sc, sizeof sc);
    CU_ASSERT_EQUAL(plot_dir_kind(sc), PLOT_DIR_ENSEMBLE);
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_ENS_OUT);         /* a folder of scenario folders */
    char **names = NULL;
    char a[256];
    sample_copy("kinds/a-scn", a, sizeof a);
    CU_ASSERT_EQUAL_FATAL(plotens_list_scenarios(out, &names), 2);
    CU_ASSERT_STRING_EQUAL(names[0], "a-scn");                      /* sorted */
    CU_ASSERT_STRING_EQUAL(names[1], "b-scn");
    plotens_free_list(names, 2);
    snprintf(path, sizeof path, "%s/members.dat", sc);
    CU_ASSERT_EQUAL(remove(path), 0);                                /* one of the three missing */
    CU_ASSERT_EQUAL(plot_dir_kind(sc), PLOT_DIR_NONE);
    put(out, "comparison_ensemble.dat", "x\n");
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_ENS_COMPARE);
    put(out, "elcc.dat", "x\n");
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_ELCC);
    put(out, "annual.dat", "x\n");
    put(out, "targets.dat", "x\n");
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_ELCC);              /* a run needs run.cfg too */
    put(out, "run.cfg", "x\n");
    CU_ASSERT_EQUAL(plot_dir_kind(out), PLOT_DIR_RUN);
    snprintf(path, sizeof path, "%s/notes.txt", out);
    CU_ASSERT_EQUAL(plot_dir_kind(path), PLOT_DIR_NONE);             /* a file */
}

static const char *cmp_header =
    "# made by hand\n"
    "scenario reference kind name year n value ref_value diff_mean diff_p10 diff_p50 diff_p90 ci_low ci_high\n";

/* A compare --runs folder by hand: the reference ref and the variant var
 * (copies of the sample), two target checks and a metric row. */
static void cmp_folder(const char *name, const char *rows, char *dir, size_t n)
{
    char sub[300];
    snprintf(dir, n, "%s/%s", root, name);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
    snprintf(sub, sizeof sub, "%s/ref", name);
    char tmp[256];
    sample_copy(sub, tmp, sizeof tmp);
    snprintf(sub, sizeof sub, "%s/var", name);
    sample_copy(sub, tmp, sizeof tmp);
    char text[4096];
    snprintf(text, sizeof text, "%s%s", cmp_header, rows);
    put(dir, "comparison_ensemble.dat", text);
}

static const char *good_rows =
    "ref ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n"
    "ref ref target coal_capacity 2025 40 0.9 0.9 0 NaN NaN NaN -0.1 0.1\n"
    "ref ref metric wind_capacity_mw 2025 40 3200 3200 0 0 0 0 NaN NaN\n"
    "var ref target wind_capacity 2025 40 0.625 0.5 0.125 NaN NaN NaN -0.1 0.3\n"
    "var ref target coal_capacity 2025 40 1 0.9 0.1 NaN NaN NaN -0.2 0.25\n"
    "var ref metric wind_capacity_mw 2025 40 3400 3200 200 200 200 200 NaN NaN\n";

/* The comparison chart: a bar per scenario and check; a variant's error
 * bar is the reference's P(met) plus the Newcombe interval, clamped: by
 * hand 50 + (-10..30) = 40..80, 90 + (-20..25) = 70..100 (115 clamped). */
static void compare_chart(void)
{
    char dir[256], path[512];
    cmp_folder("cmp", good_rows, dir, sizeof dir);
    Diag d;
    diag_init(&d);
    int n = 0;
    Status st = plot_ensemble_compare(dir, PLOTS, "zh", 0.9, &n, &d);
    if (st != ST_OK) diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_EQUAL(n, 2);
    unsigned w = 0, h = 0;
    snprintf(path, sizeof path, "%s/charts/ens-cmp.png", dir);
    CU_ASSERT(png_size(path, &w, &h) == 0 && w == CHART_W && h == CHART_H);
    snprintf(path, sizeof path, "%s/ref/charts/ens-prob.png", dir);
    CU_ASSERT(png_size(path, &w, &h) == 0 && w == CHART_W && h == CHART_H);
    snprintf(path, sizeof path, "%s/var/ensemble_report.html", dir);
    CU_ASSERT(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/ens-cmp.dat", dir);
    char *dat = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dat);
    /* groups of 3 (2 bars and a gap): wind on top (y 5, 4), coal below (2, 1) */
    CU_ASSERT(strstr(dat, "\n5 50.0000 NaN NaN 0\n") != NULL);
    CU_ASSERT(strstr(dat, "\n2 90.0000 NaN NaN 0\n") != NULL);
    CU_ASSERT(strstr(dat, "\n4 62.5000 40.0000 80.0000 12.5000\n") != NULL);
    CU_ASSERT(strstr(dat, "\n1 100.0000 70.0000 100.0000 10.0000\n") != NULL);
    CU_ASSERT(strstr(dat, "\n4.5 \"") != NULL && strstr(dat, "\n1.5 \"") != NULL);   /* the groups' labels */
    free(dat);
    snprintf(path, sizeof path, "%s/charts/ens-cmp.svg", dir);
    CU_ASSERT(file_exists(path));
    diag_init(&d);   /* English too, without a warning */
    CU_ASSERT_EQUAL(plot_ensemble_compare(dir, PLOTS, "en", 0.8, NULL, &d), ST_OK);
    CU_ASSERT_EQUAL(d.n_errors, 0);
}

/* A malformed comparison: located, and nothing written anywhere. */
static void compare_malformed(void)
{
    static const struct { const char *rows, *where; } bad[] = {
        { "ref ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n"
          "var other target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n", ":4" },
        { "ref ref target wind_capacity 2025 40 1.5 0.5 0 NaN NaN NaN -0.2 0.2\n", ":3" },
        { "../x ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n", ":3" },
        { "var ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n", ":3" },
        { "ref ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n"
          "gone ref target wind_capacity 2025 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n", "gone" },
        { "ref ref target wind_capacity 2025.5 40 0.5 0.5 0 NaN NaN NaN -0.2 0.2\n", ":3" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char dir[256], name[32], sub[512];
        snprintf(name, sizeof name, "cmpbad%zu", k);
        cmp_folder(name, bad[k].rows, dir, sizeof dir);
        Diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(plot_ensemble_compare(dir, PLOTS, "zh", 0.9, NULL, &d), ST_IO);
        CU_ASSERT(d.n_errors >= 1 && strstr(d.e[0].file, "comparison_ensemble.dat") != NULL);
        if (bad[k].where[0] == ':') {
            CU_ASSERT_EQUAL(d.e[0].line, atoi(bad[k].where + 1));
        } else {
            CU_ASSERT(strstr(d.e[0].message, bad[k].where) != NULL);
        }
        snprintf(sub, sizeof sub, "%s/charts", dir);
        CU_ASSERT(!file_exists(sub));
        snprintf(sub, sizeof sub, "%s/ref", dir);
        CU_ASSERT_EQUAL(written_in(sub, NULL), 0);
        snprintf(sub, sizeof sub, "%s/var", dir);
        CU_ASSERT_EQUAL(written_in(sub, NULL), 0);
    }
}

/* Several scenario folders: one malformed and none is drawn. */
static void dirs_checked_first(void)
{
    char a[256], b[256], path[512];
    sample_copy("first-a", a, sizeof a);
    sample_copy("first-b", b, sizeof b);
    put(b, "ensemble.dat", "metric year n mean sd min p10 p50 p90 max\nre_utilisation x 1 1 1 1 1 1 1 1\n");
    const char *dirs[] = { a, b };
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_ensemble_dirs(dirs, 2, PLOTS, "zh", 0.9, &d), ST_IO);
    CU_ASSERT(d.n_errors >= 1 && d.e[0].line == 2);
    CU_ASSERT_EQUAL(written_in(a, NULL), 0);
    CU_ASSERT_EQUAL(written_in(b, NULL), 0);
    snprintf(path, sizeof path, "%s/ensemble.dat", b);
    remove(path);
}

void register_test_plot_ensemble(void);
void register_test_plot_ensemble(void)
{
    CU_pSuite s = CU_add_suite("test_plot_ensemble", setup, teardown);
    CU_add_test(s, "the sample: every chart 1600x900 PNG and SVG in zh and en, the page names each", draws_sample);
    CU_add_test(s, "the bars' verdicts and colours follow the threshold", bar_colours);
    CU_add_test(s, "malformed inputs: located error, nothing written", malformed);
    CU_add_test(s, "gnuplot absent: the page names the missing charts", gnuplot_absent);
    CU_add_test(s, "bad threshold or language", bad_usage);
    CU_add_test(s, "plot_dir_kind on folders made by hand", dir_kinds);
    CU_add_test(s, "compare --runs: the comparison chart, error bars by hand", compare_chart);
    CU_add_test(s, "compare --runs malformed: located, nothing written", compare_malformed);
    CU_add_test(s, "several folders: all checked before any is drawn", dirs_checked_first);
}
