/* test_plotcmp.c — the charts across scenarios (plotcmp.c, gnuplot.c): the
 * comparison charts of two small real runs (data/plot/small.cfg, simulated
 * and compared in the suite set-up through the library), and the sweep chart
 * of hand-written sweep.dat files with one and two varied settings. Every
 * chart renders at 1600x900 (read from the PNG header) with an empty gnuplot
 * stderr (any output is ST_PLOT), and gnuplot absent from PATH gives
 * ST_NO_GNUPLOT without writing anything. When gnuplot is not installed the
 * rendering tests pass with a message. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare.h"
#include "config.h"
#include "jobfiles.h"
#include "output.h"
#include "plotcmp.h"
#include "stagedir.h"
#include "testutil.h"
#include "sim.h"

#define SMALL_CFG "data/plot/small.cfg"
#define PLOTS "../plots"
#define CHART_W 1600
#define CHART_H 900

static char root[64];   /* mkdtemp directory: the comparison (root/<scenario>/...) */
static char sweep1[128], sweep2[128];

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int bad = fputs(text, f) < 0;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

/* dir/charts/<name>.png is 1600x900 and .svg is complete; no temporary file. */
static void check_chart(const char *dir, const char *name)
{
    char path[1024];
    unsigned w = 0, h = 0;
    snprintf(path, sizeof path, "%s/charts/%s.png", dir, name);
    CU_ASSERT_EQUAL(png_size(path, &w, &h), 0);
    CU_ASSERT(w == CHART_W && h == CHART_H);
    snprintf(path, sizeof path, "%s/charts/%s.svg", dir, name);
    CU_ASSERT(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/%s.png.tmp", dir, name);
    CU_ASSERT(!file_exists(path));
}

static void print_diag(const Diag *d)
{
    if (d->n_errors) diag_print(d, stderr);
}

/* ---- set-up: two real runs and their comparison ------------------------------ */

static const char sweep1_dat[] =
    "# ecsim sweep: 3 points, each point's last year\n"
    "# varied: storage.power_mw\n"
    "point storage.power_mw i_1 curtailed_mwh re_utilisation pass_renewable_utilisation margin_renewable_utilisation\n"
    "\"storage.power_mw=0\" 0 0 5273563.5 0.4337 0 -0.516\n"
    "\"storage.power_mw=400\" 400 1 4100000 0.52 0 -0.43\n"
    "\"storage.power_mw=1600\" 1600 2 1800000 0.78 0 -0.17\n";

static const char sweep2_dat[] =
    "# ecsim sweep: 6 points\n"
    "point storage.power_mw load.case i_1 i_2 curtailed_mwh re_utilisation\n"
    "\"a\" 0 \"low\" 0 0 5000000 0.50\n"
    "\"b\" 400 \"low\" 1 0 4000000 0.60\n"
    "\"c\" 800 \"low\" 2 0 3000000 0.70\n"
    "\"d\" 0 \"high\" 0 1 4500000 0.55\n"
    "\"e\" 400 \"high\" 1 1 3500000 0.65\n"
    "\"f\" 800 \"high\" 2 1 0 1.0\n";

static int setup(void)
{
    snprintf(root, sizeof root, "/tmp/ecsim-test-plotcmp-XXXXXX");
    if (!mkdtemp(root)) return 1;
    Scenario *s = calloc(2, sizeof *s);
    Diag *d = malloc(sizeof *d);
    int bad = !s || !d;
    if (!bad) {
        diag_init(d);
        bad = config_load(SMALL_CFG, &s[0], d) != ST_OK;
    }
    if (!bad) {
        /* a second scenario: the same with more storage, under another name */
        s[1] = s[0];
        snprintf(s[1].name, sizeof s[1].name, "plot-small-b");
    }
    CompareSink *cs = NULL;
    if (!bad) {
        CompareOptions co = { .dir = root };
        bad = compare_open(&cs, &co, d) != ST_OK;
    }
    if (!bad) {
        Job jobs[2] = { { &s[0], 0, -1, SMALL_CFG }, { &s[1], 0, -1, SMALL_CFG } };
        JobList list = { 2, jobs, NULL, NULL, NULL };
        JobSink files = jobfiles_sink(root);
        ListSink cmp = compare_list_sink(cs);
        bad = jobs_run(&list, 1, &files, &cmp, 1, d) != ST_OK || compare_finish(cs, d) != ST_OK;
    }
    compare_close(cs);
    snprintf(sweep1, sizeof sweep1, "%s/sweep1", root);
    snprintf(sweep2, sizeof sweep2, "%s/sweep2", root);
    char path[256];
    if (!bad) {
        snprintf(path, sizeof path, "%s/sweep.dat", sweep1);
        bad = mkdir(sweep1, 0700) != 0 || write_text(path, sweep1_dat) != 0;
    }
    if (!bad) {
        snprintf(path, sizeof path, "%s/sweep.dat", sweep2);
        bad = mkdir(sweep2, 0700) != 0 || write_text(path, sweep2_dat) != 0;
    }
    if (bad && d) diag_print(d, stderr);
    free(s);
    free(d);
    return bad;
}

static int teardown(void)
{
    remove_tree(root);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------ */

/* PATH without gnuplot: ST_NO_GNUPLOT naming the package, nothing written
 * (run first, before any chart exists). */
static void gnuplot_absent(void)
{
    char empty[128], charts[160];
    snprintf(empty, sizeof empty, "%s/empty-bin", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0700), 0);
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", empty, 1);
    Diag d1, d2;
    diag_init(&d1);
    diag_init(&d2);
    Status st1 = plot_comparison(root, PLOTS, "zh", &d1);
    Status st2 = plot_sweep(sweep1, "curtailed_mwh", PLOTS, "zh", &d2);
    if (saved) setenv("PATH", saved, 1);
    else unsetenv("PATH");
    free(saved);
    CU_ASSERT_EQUAL(st1, ST_NO_GNUPLOT);
    CU_ASSERT_EQUAL(st2, ST_NO_GNUPLOT);
    CU_ASSERT(d1.n_errors == 1 && strstr(d1.e[0].message, "gnuplot-nox") != NULL);
    CU_ASSERT(d2.n_errors == 1 && strstr(d2.e[0].message, "gnuplot-nox") != NULL);
    snprintf(charts, sizeof charts, "%s/charts", root);
    CU_ASSERT(!file_exists(charts));
    snprintf(charts, sizeof charts, "%s/charts", sweep1);
    CU_ASSERT(!file_exists(charts));
}

static void bad_arguments(void)
{
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_comparison(root, PLOTS, "fr", &d), ST_USAGE);
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_sweep(sweep1, "curtailed_mw", PLOTS, "en", &d), ST_USAGE);
    CU_ASSERT(d.n_errors == 1);
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_sweep(sweep1, "coal_output_mt", PLOTS, "en", &d), ST_USAGE);   /* not in sweep.dat */
}

static void comparison_charts(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: not tested");
        return;
    }
    static const char *const langs[] = { "en", "zh" };
    for (int k = 0; k < 2; k++) {
        Diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(plot_comparison(root, PLOTS, langs[k], &d), ST_OK);
        CU_ASSERT_EQUAL(d.n_errors, 0);
        print_diag(&d);
        check_chart(root, "compare-figures");
        check_chart(root, "compare-trajectories");
        check_chart(root, "compare-targets");
        check_chart(root, "tradeoff");   /* cost against the targets' margins */
    }
    /* one cell per target and scenario */
    char path[256];
    snprintf(path, sizeof path, "%s/charts/compare-targets.dat", root);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[512];
    int cells = 0;
    while (fgets(line, sizeof line, f)) cells += line[0] >= '1' && line[0] <= '9';
    fclose(f);
    CU_ASSERT_EQUAL(cells, 2 * 5);   /* small.cfg has 5 target ids */
}

static void sweep_charts(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: not tested");
        return;
    }
    static const char *const metrics[] = { "curtailed_mwh", "re_utilisation" };
    const char *dirs[] = { sweep1, sweep2 };
    for (int i = 0; i < 2; i++)
        for (int m = 0; m < 2; m++) {
            Diag d;
            diag_init(&d);
            CU_ASSERT_EQUAL(plot_sweep(dirs[i], metrics[m], PLOTS, m ? "en" : "zh", &d), ST_OK);
            CU_ASSERT_EQUAL(d.n_errors, 0);
            print_diag(&d);
            char name[64];
            snprintf(name, sizeof name, "sweep-%s", metrics[m]);
            check_chart(dirs[i], name);
        }
}

/* A script that warns fails its chart: ST_PLOT, no file. */
static void warning_fails(void)
{
    if (!have_gnuplot()) {
        CU_PASS("gnuplot is not installed: not tested");
        return;
    }
    char dir[128], src[1024], dst[1024];
    snprintf(dir, sizeof dir, "%s/plots-bad", root);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
    static const char *const keep[] = { "common.gp", "compare-common.gp" };
    for (int i = 0; i < 2; i++) {
        snprintf(src, sizeof src, PLOTS "/%s", keep[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, keep[i]);
        char cwd[512], abs[2048];
        CU_ASSERT_FATAL(getcwd(cwd, sizeof cwd) != NULL);
        snprintf(abs, sizeof abs, "%s/%s", cwd, src);
        CU_ASSERT(symlink(abs, dst) == 0);
    }
    static const char warns[] =
        "chart = 'sweep-'.metric\n"
        "i = strlen(ARG0); while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }\n"
        "load ARG0[1:i].'common.gp'\n"
        "plot '/dev/null' using 1:2 with lines\n";
    snprintf(dst, sizeof dst, "%s/sweep.gp", dir);
    CU_ASSERT_EQUAL(write_text(dst, warns), 0);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(plot_sweep(sweep1, "curtailed_mwh", dir, "en", &d), ST_PLOT);
    CU_ASSERT(d.n_errors == 2 && strstr(d.e[0].message, "no valid points") != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/charts/sweep-curtailed_mwh.png", sweep1);
    CU_ASSERT(!file_exists(path));
}

void register_test_plotcmp(void);
void register_test_plotcmp(void)
{
    CU_pSuite s = CU_add_suite("test_plotcmp", setup, teardown);
    CU_add_test(s, "gnuplot absent: distinct status, nothing written", gnuplot_absent);
    CU_add_test(s, "bad language or metric", bad_arguments);
    CU_add_test(s, "comparison charts, PNG 1600x900 and SVG, no warning", comparison_charts);
    CU_add_test(s, "sweep charts, 1 and 2 settings, no warning", sweep_charts);
    CU_add_test(s, "a gnuplot warning fails the sweep chart", warning_fails);
}
