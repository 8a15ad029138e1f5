/* test_calibration.c — the calibration records (schema, calibration.dat,
 * summary.md) and the verdict sections of report.html. The scenario is the
 * provenance fixture: GDP 100亿元 in 2020 growing 5 %/yr, coal capacity a
 * constant 40 Mt/yr, so the model's values are known by hand. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "output.h"
#include "report.h"
#include "sensitivity.h"
#include "sim.h"
#include "stagedir.h"

#define BASE "data/config/provenance/base.cfg"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = calloc(1, 1 << 20);
    if (buf) fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

static void temp_dir(char *dir, size_t n)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, n, "%s/ecsim-calib-XXXXXX", t && t[0] ? t : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
}

static void unknown_metric(void)
{
    char dir[512], path[700];
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/bad.cfg", dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("inherits = \"", f);
    char cwd[512];
    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof cwd));
    fprintf(f, "%s/" BASE "\";\ncalibration = {\n  list = (\n"
               "    { metric = \"gdp_yi_yuan\"; year = 2020; value = 100.0; source = \"a\"; },\n"
               "    { metric = \"gdp_yuan\"; year = 2020; value = 1.0; source = \"b\"; }\n  );\n};\n", cwd);
    fclose(f);
    Scenario *s = malloc(sizeof *s);
    Diag *d = malloc(sizeof *d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s && d);
    diag_init(d);
    CU_ASSERT_NOT_EQUAL(config_load(path, s, d), ST_OK);
    int found = 0;
    for (int i = 0; i < d->n; i++)
        if (d->e[i].line == 5 && strstr(d->e[i].file, "bad.cfg") &&
            strcmp(d->e[i].setting, "calibration.list[1].metric") == 0)
            found = 1;
    CU_ASSERT_TRUE(found);
    if (!found) diag_print(d, stderr);
    /* a year outside the period loads (a variant may run other years than
     * its base); the record is left out of the comparison (file_and_summary) */
    f = fopen(path, "w");
    fprintf(f, "inherits = \"%s/" BASE "\";\ncalibration = { list = ( { metric = \"gdp_yi_yuan\"; year = 2019; "
               "value = 1.0; source = \"a\"; } ); };\n", cwd);
    fclose(f);
    diag_init(d);
    CU_ASSERT_EQUAL(config_load(path, s, d), ST_OK);
    free(s);
    free(d);
    remove_tree(dir);
}

static const char *const records =
    "calibration.list=({ metric = \"gdp_yi_yuan\"; year = 2021; value = 100.0; source = \"a \\\"yearbook\\\"\"; },"
    "{ metric = \"coal_capacity_mt\"; year = 2020; value = 50.0; source = \"plan\"; },"
    "{ metric = \"gdp_yi_yuan\"; year = 2019; value = 90.0; source = \"before the period\"; })";

static void file_and_summary(void)
{
    char dir[512], path[700];
    temp_dir(dir, sizeof dir);
    Scenario *s = malloc(sizeof *s);
    Diag *d = malloc(sizeof *d);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s && d && res && run);
    diag_init(d);
    CU_ASSERT_EQUAL_FATAL(config_load_with(BASE, &records, 1, s, d), ST_OK);
    CU_ASSERT_EQUAL(s->calibration.n, 3);
    FileSink fs;
    file_sink_init(&fs, dir, d);
    Sink sink = file_sink(&fs);
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, &sink, res, d), ST_OK);
    snprintf(path, sizeof path, "%s/base/calibration.dat", dir);
    char *dat = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dat);
    /* GDP 2021 = 100 x 1.05 = 105 against 100: +5 %; capacity 40 against 50: -20 % */
    CU_ASSERT_PTR_NOT_NULL(strstr(dat, "\nmetric year model published diff_frac source\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dat, "\ngdp_yi_yuan 2021 105 100 0.05 \"a 'yearbook'\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dat, "\ncoal_capacity_mt 2020 40 50 -0.2 \"plan\"\n"));
    CU_ASSERT_PTR_NULL(strstr(dat, "2019"));   /* not simulated: left out */
    snprintf(path, sizeof path, "%s/base/calibration.csv", dir);
    char *csv = slurp(path);
    CU_ASSERT_TRUE(csv && strstr(csv, "\r\ngdp_yi_yuan,2021,105,100,0.05,\"a \"\"yearbook\"\"\"\r\n"));
    snprintf(path, sizeof path, "%s/base/summary.md", dir);
    char *md = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n## 2020 against published figures\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 105亿元 | 100亿元 | +5.0 % |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 4000万吨 | 5000万吨 | -20.0 % | plan |"));
    /* a plain run has no sensitivity section */
    CU_ASSERT_PTR_NULL(strstr(md, "Which assumptions decide"));
    free(dat);
    free(csv);
    free(md);
    /* without records: no file */
    s->calibration.n = 0;
    char dir2[600];
    snprintf(dir2, sizeof dir2, "%s/none", dir);
    file_sink_init(&fs, dir2, d);
    sink = file_sink(&fs);
    CU_ASSERT_EQUAL(sim_run(run, s, 0, &sink, res, d), ST_OK);
    snprintf(path, sizeof path, "%s/base/calibration.dat", dir2);
    struct stat sb;
    CU_ASSERT_NOT_EQUAL(stat(path, &sb), 0);
    run_free(run);
    free(res);
    free(s);
    free(d);
    remove_tree(dir);
}

/* report.html shows the sensitivity table when sensitivity.dat is in the
 * folder, and nothing of it when not; the calibration table likewise. */
static void report_sections(void)
{
    char dir[512], scen[600], path[700];
    temp_dir(dir, sizeof dir);
    Diag *d = malloc(sizeof *d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    diag_init(d);
    SensOptions o = { BASE, &records, 1, dir, 0.3, 1, NULL };
    SensOutcome out;
    CU_ASSERT_EQUAL_FATAL(sensitivity_run(&o, &out, d), ST_OK);
    snprintf(scen, sizeof scen, "%s/base", dir);
    CU_ASSERT_STRING_EQUAL(out.folder, scen);
    CU_ASSERT_EQUAL_FATAL(report_write(scen, "en", d), ST_OK);
    snprintf(path, sizeof path, "%s/report.html", scen);
    char *html = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    const char *sec = strstr(html, "<h2>Which assumptions decide each verdict</h2>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sec);
    /* the capacity at x0.7 = 28 Mt misses the 30 Mt target (-2 Mt = -200万吨 in SI: -2 Mt/yr) */
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<th>margin ×0.7</th><th>margin ×1.3</th>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<tr class=\"fail\"><td class=\"n\">1</td><td><code>coal_mining.capacity_mt</code></td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<strong>low</strong></td><td><code>" BASE ":28</code></td><td>a constant capacity.</td>"));
    CU_ASSERT_PTR_NULL(strstr(sec, "<code>economy.gdp_base_yi_yuan</code>"));   /* moves nothing */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h2>2020 against published figures</h2>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=\"n\">+5.0%</td><td>a &quot;yearbook&quot;</td>") ||
                           strstr(html, "<td class=\"n\">+5.0%</td><td>a 'yearbook'</td>"));
    free(html);
    /* the same folder without sensitivity.dat and calibration.dat: neither section */
    snprintf(path, sizeof path, "%s/sensitivity.dat", scen);
    CU_ASSERT_EQUAL(remove(path), 0);
    snprintf(path, sizeof path, "%s/calibration.dat", scen);
    CU_ASSERT_EQUAL(remove(path), 0);
    CU_ASSERT_EQUAL_FATAL(report_write(scen, "zh", d), ST_OK);
    snprintf(path, sizeof path, "%s/report.html", scen);
    html = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NULL(strstr(html, "哪些假设决定各项判定"));
    CU_ASSERT_PTR_NULL(strstr(html, "模型与公开数据对照"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h2>规划目标</h2>"));
    free(html);
    free(d);
    remove_tree(dir);
}

void register_test_calibration(void);

void register_test_calibration(void)
{
    CU_pSuite s = CU_add_suite("calibration", NULL, NULL);
    CU_add_test(s, "unknown metric, file:line", unknown_metric);
    CU_add_test(s, "calibration.dat and summary.md", file_and_summary);
    CU_add_test(s, "report.html with and without sensitivity.dat", report_sections);
}
