/* test_plot.c — the charts and the meeting report (plot.c, chartdata.c,
 * results.c, report.c) on a small real run (data/plot/small.cfg, simulated in the suite
 * set-up): every script renders without a gnuplot warning at the stated size
 * (read from the PNG header), gnuplot absent gives ST_NO_GNUPLOT and leaves
 * the data files as they were, report.html holds every chart and every
 * target id, and the derived chart data agree with the hourly file. When
 * gnuplot is not installed the rendering tests pass with a message. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chartdata.h"
#include "config.h"
#include "output.h"
#include "plot.h"
#include "stagedir.h"
#include "testutil.h"
#include "report.h"
#include "results.h"
#include "sim.h"

#define SMALL_CFG "data/plot/small.cfg"
#define PLOTS "../plots"
#define CHART_W 1600   /* plots/common.gp: the projector size */
#define CHART_H 900

static char root[64];          /* mkdtemp directory of the suite */
static char scen[512];         /* root/plot-small: the run's output */

/* ---- helpers -------------------------------------------------------------------- */

/* Sum of a named column of a .dat file, and its number of rows. */
static double column_sum(const char *path, const char *name, int *rows)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    int col = -1;
    double sum = 0;
    *rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char *save, *tok = strtok_r(line, " \t\n", &save);
        for (int c = 0; tok; c++, tok = strtok_r(NULL, " \t\n", &save)) {
            if (col < 0 && strcmp(tok, name) == 0) col = c;
            else if (col >= 0 && c == col) { sum += strtod(tok, NULL); (*rows)++; }
        }
        if (col < 0) break;   /* the header had no such column */
    }
    if (f) fclose(f);
    return sum;
}

/* ---- suite set-up: one real run --------------------------------------------------- */

static int setup(void)
{
    snprintf(root, sizeof root, "/tmp/ecsim-test-plot-XXXXXX");
    if (!mkdtemp(root)) return 1;
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag *d = malloc(sizeof *d);
    Run *run = run_new();
    int bad = !s || !res || !d || !run;
    if (!bad) {
        diag_init(d);
        bad = config_load(SMALL_CFG, s, d) != ST_OK;
    }
    if (!bad) {
        FileSink fs;
        file_sink_init(&fs, root, d);
        Sink sink = file_sink(&fs);
        bad = sim_run(run, s, 0, &sink, res, d) != ST_OK;
        if (bad) file_sink_abort(&fs);
        else bad = snprintf(scen, sizeof scen, "%s", fs.final_dir) >= (int)sizeof scen;
    }
    if (bad && d) diag_print(d, stderr);
    run_free(run);
    free(s);
    free(res);
    free(d);
    return bad;
}

static int teardown(void)
{
    remove_tree(root);
    return 0;
}

/* ---- tests -------------------------------------------------------------------------- */

/* PATH without gnuplot: ST_NO_GNUPLOT, the message names the package, and
 * nothing of the run changes (run first, before any chart exists). */
static void gnuplot_absent(void)
{
    static const char *const data[] = { "annual.dat", "targets.dat", "hourly-2025.dat", "summary.md", "run.cfg" };
    char *before[5], path[1024], empty[128];
    size_t len[5];
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", scen, data[i]);
        before[i] = read_all(path, &len[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(before[i]);
    }
    snprintf(empty, sizeof empty, "%s/empty-bin", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0700), 0);
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", empty, 1);
    Diag d;
    diag_init(&d);
    Status st = plot_scenario(scen, PLOTS, "zh", &d);
    if (saved) setenv("PATH", saved, 1);
    else unsetenv("PATH");
    free(saved);

    CU_ASSERT_EQUAL(st, ST_NO_GNUPLOT);
    CU_ASSERT_EQUAL(status_exit_code(st), 1);
    CU_ASSERT(d.n_errors == 1 && strstr(d.e[0].message, "gnuplot-nox") != NULL);
    for (int i = 0; i < 5; i++) {
        size_t n;
        snprintf(path, sizeof path, "%s/%s", scen, data[i]);
        char *after = read_all(path, &n);
        CU_ASSERT(after && n == len[i] && memcmp(after, before[i], n) == 0);
        free(after);
        free(before[i]);
    }
    snprintf(path, sizeof path, "%s/charts", scen);
    CU_ASSERT(!file_exists(path));

    /* the report is still written, naming the charts that are missing */
    diag_init(&d);
    CU_ASSERT_EQUAL(report_write(scen, "zh", &d), ST_OK);
    snprintf(path, sizeof path, "%s/report.html", scen);
    char *html = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT(strstr(html, "charts/capacity.png") != NULL);
    CU_ASSERT(strstr(html, "data:image/png;base64,") == NULL);
    free(html);
}

static void bad_language(void)
{
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_scenario(scen, PLOTS, "fr", &d), ST_USAGE);
    CU_ASSERT_EQUAL(report_write(scen, "fr", &d), ST_USAGE);
}

/* plot_scenario draws every chart, PNG 1600x900 and SVG, without a warning. */
static void all_charts(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: chart rendering not tested");
        return;
    }
    Diag d;
    diag_init(&d);
    Status st = plot_scenario(scen, PLOTS, "zh", &d);
    if (st != ST_OK || d.n) diag_print(&d, stderr);
    CU_ASSERT_EQUAL(st, ST_OK);
    CU_ASSERT_EQUAL(d.n_errors + d.n_warnings, 0);
    CU_ASSERT_EQUAL(plot_chart_count(), 11);   /* ... investment, lcoe, dashboard */
    for (int i = 0; i < plot_chart_count(); i++) {
        const PlotChart *c = plot_chart_get(i);
        char path[1024];
        unsigned w = 0, h = 0;
        snprintf(path, sizeof path, "%s/charts/%s.png", scen, c->name);
        CU_ASSERT_EQUAL(png_size(path, &w, &h), 0);
        CU_ASSERT(w == CHART_W && h == CHART_H);
        snprintf(path, sizeof path, "%s/charts/%s.svg", scen, c->name);
        char *svg = read_all(path, NULL);
        CU_ASSERT(svg && strstr(svg, "<svg") && strstr(svg, "width=\"1600\"") && strstr(svg, "</svg>"));
        free(svg);
    }
    /* complete or absent: no temporary file is left */
    char path[1024];
    snprintf(path, sizeof path, "%s/charts", scen);
    DIR *dir = opendir(path);
    struct dirent *e;
    int tmp = 0;
    while (dir && (e = readdir(dir))) tmp += strstr(e->d_name, ".tmp") != NULL;
    if (dir) closedir(dir);
    CU_ASSERT_EQUAL(tmp, 0);
}

static int write_file(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int bad = fwrite(text, 1, n, f) != n;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

/* A script that prints a gnuplot warning, and one that fails, in a copy of
 * plots/: ST_PLOT naming each script, no file for those charts (not even an
 * earlier one), the other charts drawn. */
static void warning_fails_chart(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: not tested");
        return;
    }
    char dir[128], src[1024], dst[1024];
    snprintf(dir, sizeof dir, "%s/plots-bad", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
    DIR *dp = opendir(PLOTS);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t len = strlen(e->d_name), n;
        if (len < 4 || strcmp(e->d_name + len - 3, ".gp") != 0) continue;
        snprintf(src, sizeof src, PLOTS "/%s", e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", dir, e->d_name);
        char *text = read_all(src, &n);
        CU_ASSERT(text && write_file(dst, text, n) == 0);
        free(text);
    }
    closedir(dp);
    /* an empty data file: gnuplot warns "Skipping data file with no valid points" and exits 0 */
    static const char warns[] =
        "chart = 'coal'\n"
        "i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }\n"
        "load ARG0[1:i].'common.gp'\n"
        "plot annual using 'year':'coal_output_mt' with lines, '/dev/null' using 1:2 with lines\n";
    static const char fails[] = "this is not gnuplot\n";
    snprintf(dst, sizeof dst, "%s/coal.gp", dir);
    CU_ASSERT_EQUAL(write_file(dst, warns, sizeof warns - 1), 0);
    snprintf(dst, sizeof dst, "%s/intensity.gp", dir);
    CU_ASSERT_EQUAL(write_file(dst, fails, sizeof fails - 1), 0);
    /* a chart of an earlier run, which the failure must not leave behind */
    char charts[600], old[700];
    snprintf(charts, sizeof charts, "%s/charts", scen);
    mkdir(charts, 0777);
    snprintf(old, sizeof old, "%s/coal.png", charts);
    CU_ASSERT_EQUAL(write_file(old, "old", 3), 0);

    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_scenario(scen, dir, "zh", &d), ST_PLOT);
    int coal = 0, intensity = 0;
    for (int i = 0; i < d.n; i++) {
        coal += strstr(d.e[i].file, "coal.gp") != NULL && strstr(d.e[i].message, "no valid points") != NULL;
        intensity += strstr(d.e[i].file, "intensity.gp") != NULL;
    }
    CU_ASSERT_EQUAL(coal, 2);        /* PNG and SVG */
    CU_ASSERT_EQUAL(intensity, 2);
    CU_ASSERT_EQUAL(d.n_errors, 4);
    CU_ASSERT(!file_exists(old));
    snprintf(old, sizeof old, "%s/intensity.svg", charts);
    CU_ASSERT(!file_exists(old));
    snprintf(old, sizeof old, "%s/capacity.png", charts);
    CU_ASSERT(file_exists(old));
}

/* Each script run by hand, as docs/charts.md says, in English: gnuplot exits
 * 0, prints nothing on stderr, and writes a PNG of 1600x900. */
static void scripts_by_hand(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: scripts not run");
        return;
    }
    for (int i = 0; i < plot_chart_count(); i++) {
        const PlotChart *c = plot_chart_get(i);
        char expr[2048], script[256], out[1024], err[1024];
        snprintf(out, sizeof out, "%s/by-hand-%s.png", root, c->name);
        snprintf(err, sizeof err, "%s/by-hand-%s.err", root, c->name);
        snprintf(script, sizeof script, PLOTS "/%s", c->script);
        snprintf(expr, sizeof expr, "dir='%s'; lang='en'; fmt='png'; out='%s'", scen, out);
        pid_t pid = fork();
        CU_ASSERT_FATAL(pid >= 0);
        if (pid == 0) {
            if (!freopen(err, "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(125);
            execlp("gnuplot", "gnuplot", "-e", expr, script, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        struct stat sb;
        CU_ASSERT(stat(err, &sb) == 0 && sb.st_size == 0);
        if (stat(err, &sb) == 0 && sb.st_size > 0) {
            char *msg = read_all(err, NULL);
            fprintf(stderr, "\n%s: %s", script, msg ? msg : "");
            free(msg);
        }
        unsigned w = 0, h = 0;
        CU_ASSERT_EQUAL(png_size(out, &w, &h), 0);
        CU_ASSERT(w == CHART_W && h == CHART_H);
    }
}

/* The derived data agree with the files they come from. */
static void chart_data(void)
{
    char charts[1024], path[1100], hourly[1100];
    snprintf(charts, sizeof charts, "%s/charts", scen);
    mkdir(charts, 0777);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(chart_write_data(scen, charts, &d), ST_OK);

    /* duration-2025.dat: 8760 rows (2025 is not a leap year), each column
     * sorted from high to low, and the same sums as the hourly file (each
     * value rounded to 0.001 MW: at most 8760 x 0.0005 apart) */
    snprintf(path, sizeof path, "%s/duration-2025.dat", charts);
    snprintf(hourly, sizeof hourly, "%s/hourly-2025.dat", scen);
    DatTable t;
    CU_ASSERT_EQUAL_FATAL(results_dat_read(path, &t, &d), ST_OK);
    CU_ASSERT_EQUAL(t.n_rows, 8760);
    int cn = results_dat_col(&t, "net_load_mw"), cc = results_dat_col(&t, "curtailed_mw"), sorted = 1;
    double net = 0, curt = 0;
    for (int r = 0; r < t.n_rows; r++) {
        net += results_dat_get(&t, r, cn);
        curt += results_dat_get(&t, r, cc);
        if (r && (results_dat_get(&t, r, cn) > results_dat_get(&t, r - 1, cn)
                  || results_dat_get(&t, r, cc) > results_dat_get(&t, r - 1, cc)))
            sorted = 0;
    }
    CU_ASSERT(sorted);
    int rows;
    double load = column_sum(hourly, "load_mw", &rows);
    CU_ASSERT_EQUAL(rows, 8760);
    double wind = column_sum(hourly, "wind_avail_mw", &rows), solar = column_sum(hourly, "solar_avail_mw", &rows);
    CU_ASSERT_DOUBLE_EQUAL(net, load - wind - solar, 8760 * 0.0015);
    CU_ASSERT_DOUBLE_EQUAL(curt, column_sum(hourly, "curtailed_mw", &rows), 8760 * 0.0005);
    CU_ASSERT(curt > 0);   /* the fixture's weak line curtails */
    results_dat_free(&t);

    /* dashboard.dat: one row per target id; an every-year target shows the
     * year of its least margin, found here from targets.dat directly */
    snprintf(path, sizeof path, "%s/targets.dat", scen);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024], ids[16][64];
    int n_ids = 0, worst_year = 0, header = 0;
    double worst = INFINITY;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        if (!header++) continue;
        char id[64];
        int year;
        CU_ASSERT_FATAL(sscanf(line, "%63s", id) == 1);
        int seen = 0;
        for (int i = 0; i < n_ids; i++) seen |= strcmp(ids[i], id) == 0;
        if (!seen && n_ids < 16) snprintf(ids[n_ids++], sizeof ids[0], "%s", id);
        if (strcmp(id, "renewable_utilisation") == 0) {
            /* id "label" metric year value op threshold upper base_year pass margin basis kind "note" */
            const char *p = strchr(strchr(line, '"') + 1, '"');
            char metric[64];
            double value, thr, up, margin;
            char op[16];
            int by, pass;
            CU_ASSERT_FATAL(sscanf(p + 1, "%63s %d %lf %15s %lf %lf %d %d %lf", metric, &year, &value, op, &thr, &up,
                                   &by, &pass, &margin) == 9);
            if (margin < worst) { worst = margin; worst_year = year; }
        }
    }
    fclose(f);
    CU_ASSERT_EQUAL(n_ids, 5);
    snprintf(path, sizeof path, "%s/dashboard.dat", charts);
    char *dash = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dash);
    int rows_seen = 0;
    for (char *p = dash; (p = strchr(p, '\n')); p++)
        if (p[1] >= '1' && p[1] <= '9') rows_seen++;
    CU_ASSERT_EQUAL(rows_seen, n_ids);
    char want[96];
    snprintf(want, sizeof want, "renewable_utilisation %d 2 ", worst_year);
    CU_ASSERT(strstr(dash, want) != NULL);
    free(dash);
}

/* report.html: every chart inlined and every target id, in both languages. */
static void report(void)
{
    int drawn = have_gnuplot();
    static const char *const langs[] = { "zh", "en" };
    static const char *const heading[] = { "规划目标", "Plan targets" };
    for (int k = 0; k < 2; k++) {
        Diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(report_write(scen, langs[k], &d), ST_OK);
        char path[1024];
        snprintf(path, sizeof path, "%s/report.html", scen);
        char *html = read_all(path, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(html);
        CU_ASSERT(strncmp(html, "<!DOCTYPE html>", 15) == 0 && strstr(html, "</html>") != NULL);
        CU_ASSERT(strstr(html, heading[k]) != NULL);
        CU_ASSERT(strstr(html, "plot-small") != NULL);
        CU_ASSERT(strstr(html, "net-exchange") || strstr(html, "production") || strstr(html, "consumption"));
        int imgs = 0;
        for (const char *p = html; (p = strstr(p, "data:image/png;base64,")); p++) imgs++;
        for (int i = 0; i < plot_chart_count(); i++) {
            char id[96];
            snprintf(id, sizeof id, "<figure id=\"%s\">", plot_chart_get(i)->name);
            CU_ASSERT(strstr(html, id) != NULL);
        }
        if (drawn) CU_ASSERT_EQUAL(imgs, plot_chart_count());
        static const char *const ids[] = { "wind_capacity", "coal_capacity", "energy_intensity",
                                           "renewable_utilisation", "unserved_energy" };
        for (int i = 0; i < 5; i++) CU_ASSERT(strstr(html, ids[i]) != NULL);
        /* nothing outside the page: no link or script to fetch */
        CU_ASSERT(strstr(html, "src=\"http") == NULL && strstr(html, "href=") == NULL);
        free(html);
        snprintf(path, sizeof path, "%s/report.html.tmp", scen);
        CU_ASSERT(!file_exists(path));
    }
}

/* run.cfg read as text: strings unquoted, lists on one line, groups kept apart. */
static void cfg_reader(void)
{
    static const char text[] =
        "# ecsim 0.1.0 — header\n"
        "scenario:\n{\n  name = \"a \\\"b\\\" # c\";\n  seed = 7;\n};\n"
        "site:\n{\n  name = \"site\";\n};\n"
        "accounting = { gce_per_kwh = ( (2020, 305.5),\n    (2025, 300.0) ); scope = \"net-exchange\"; };\n";
    char v[128];
    CU_ASSERT(results_cfg_get(text, "scenario", "name", v, sizeof v) == 0 && strcmp(v, "a \"b\" # c") == 0);
    CU_ASSERT(results_cfg_get(text, "scenario", "seed", v, sizeof v) == 0 && strcmp(v, "7") == 0);
    CU_ASSERT(results_cfg_get(text, "site", "name", v, sizeof v) == 0 && strcmp(v, "site") == 0);
    CU_ASSERT(results_cfg_get(text, "accounting", "gce_per_kwh", v, sizeof v) == 0
              && strcmp(v, "( (2020, 305.5),     (2025, 300.0) )") == 0);
    CU_ASSERT(results_cfg_get(text, "accounting", "scope", v, sizeof v) == 0 && strcmp(v, "net-exchange") == 0);
    CU_ASSERT(results_cfg_get(text, "accounting", "method", v, sizeof v) == -1 && v[0] == '\0');
}

/* The median week on series known in closed form. For a series that rises
 * every day, the windows sort by their start, so the median window is the
 * middle start. 2025 (365 days): summer windows start on days 151 (1 June)
 * to 236 (25 August): 86 windows, the lower median the 43rd, day 193 (hour
 * 4632). Winter: days 0..52 (January-February) and 334..358 (December), 78
 * windows, the 39th: day 38 (hour 912). */
static void median_week(void)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int *month = malloc(8760 * sizeof *month);
    double *v = malloc(8760 * sizeof *v);
    CU_ASSERT_FATAL(month && v);
    for (int m = 0, h = 0, day = 0; m < 12; m++)
        for (int dd = 0; dd < mdays[m]; dd++, day++)
            for (int k = 0; k < 24; k++, h++) {
                month[h] = m + 1;
                v[h] = day;
            }
    CU_ASSERT_EQUAL(chart_median_week(month, v, 8760, 1), 193 * 24);
    CU_ASSERT_EQUAL(chart_median_week(month, v, 8760, 0), 38 * 24);
    /* too short for a week */
    CU_ASSERT_EQUAL(chart_median_week(month, v, 6 * 24, 1), -1);
    free(month);
    free(v);
}

void register_test_plot(void);
void register_test_plot(void)
{
    CU_pSuite s = CU_add_suite("test_plot", setup, teardown);
    CU_add_test(s, "gnuplot absent: distinct status, data kept", gnuplot_absent);
    CU_add_test(s, "unknown language", bad_language);
    CU_add_test(s, "median week", median_week);
    CU_add_test(s, "run.cfg read as text", cfg_reader);
    CU_add_test(s, "chart data from the result files", chart_data);
    CU_add_test(s, "a gnuplot warning or error fails its chart", warning_fails_chart);
    CU_add_test(s, "every chart, PNG 1600x900 and SVG, no warning", all_charts);
    CU_add_test(s, "each script by hand, English, no warning", scripts_by_hand);
    CU_add_test(s, "report.html: every chart and target", report);
}
