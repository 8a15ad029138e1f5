/* test_provenance.c — the provenance register (the covering rule, read off
 * the files of tests/data/config/provenance/ by hand, line by line) and `ecsim
 * sensitivity` on a scenario whose one relevant assumption moves its target
 * linearly: coal capacity 40 Mt against a target of >= 30 Mt, so the margin
 * is 40 x factor - 30 (10 as written; 2 and 18 at x0.8 and x1.2). */
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assumptions.h"
#include "config.h"
#include "sensitivity.h"
#include "stagedir.h"

#define BASE "data/config/provenance/base.cfg"
#define VARIANT "data/config/provenance/variant.cfg"

static Scenario *load(const char *path)
{
    Scenario *s = malloc(sizeof *s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(path, s, &d), ST_OK);
    return s;
}

typedef struct {
    const char *path;
    int line;
    ProvBasis basis;
    int note_line;
    const char *text;
} Want;

static void expect(const ProvenanceList *l, const Want *w, int depth, const char *file)
{
    int i = provenance_find(l, w->path);
    CU_ASSERT_TRUE_FATAL(i >= 0);
    CU_ASSERT_EQUAL(l->p[i].line, w->line);
    CU_ASSERT_EQUAL(l->p[i].basis, w->basis);
    CU_ASSERT_EQUAL(l->p[i].note_line, w->note_line);
    CU_ASSERT_EQUAL(l->p[i].depth, depth);
    CU_ASSERT_STRING_EQUAL(provenance_text(l, i), w->text);
    CU_ASSERT_STRING_EQUAL(provenance_file(l, i), file);
    if (l->p[i].line != w->line || l->p[i].basis != w->basis)
        fprintf(stderr, "\n  %s: line %d basis %d\n", w->path, l->p[i].line, (int)l->p[i].basis);
}

static const Want base_want[] = {
    { "scenario.first_year", 5, PROV_PLAN, 3, "the period, from the plan's table." },   /* continuation joined */
    { "scenario.last_year", 6, PROV_PLAN, 3, "the period, from the plan's table." },    /* a plain trailing comment */
    { "scenario.description", 8, PROV_NONE, 0, "" },             /* after a blank line; the mark is in a string */
    { "site.latitude_deg", 11, PROV_SOURCE, 11, "a map, 2020." },   /* trailing: its own line */
    { "site.longitude_deg", 12, PROV_NONE, 0, "" },              /* ... only */
    { "site.elevation_m", 14, PROV_NONE, 0, "" },                /* a // line starts nothing */
    { "economy.gdp_base_yi_yuan", 19, PROV_ASSUMPTION, 16, "the whole group," },   /* across "{" and a // line */
    { "economy.growth_frac", 20, PROV_PLAN, 20, "trailing, its own line only" },   /* a trailing one wins */
    { "load.industrial_share_frac", 24, PROV_NONE, 0, "" },      /* the trailing one ended the group's cover */
    { "coal_mining.capacity_mt", 28, PROV_ASSUMPTION, 27, "a constant capacity." },
    { "coal_mining.utilisation_frac", 30, PROV_ASSUMPTION, 27, "a constant capacity." },   /* after a block comment */
    { "targets.list[0].id", 35, PROV_PLAN, 34, "the capacity target." },   /* record fields */
    { "targets.list[0].threshold", 35, PROV_PLAN, 34, "the capacity target." },
    { "output.hourly_years", 38, PROV_ASSUMPTION, 38, "no hourly files." },
};

static void covering_rule(void)
{
    Scenario *s = load(BASE);
    const ProvenanceList *l = &s->provenance;
    for (size_t k = 0; k < sizeof base_want / sizeof *base_want; k++) expect(l, &base_want[k], 0, BASE);
    /* every value written, nothing else: 3 scenario, 3 site, 2 economy, 1 load, 2 coal_mining,
     * 5 fields of the target, 1 output */
    CU_ASSERT_EQUAL(l->n, 17);
    CU_ASSERT_EQUAL(l->dropped, 0);
    CU_ASSERT_EQUAL(provenance_find(l, "wind.capacity_mw"), -1);   /* a default is not written */
    CU_ASSERT_STRING_EQUAL(provenance_basis_name(PROV_ASSUMPTION), "assumption");
    free(s);
}

static void inherited(void)
{
    Scenario *s = load(VARIANT);
    const ProvenanceList *l = &s->provenance;
    /* the variant's own: without a comment it is its own value, with no provenance */
    Want own[] = { { "coal_mining.capacity_mt", 4, PROV_NONE, 0, "" },
                   { "site.elevation_m", 7, PROV_SOURCE, 6, "a report, 2021." } };
    for (int k = 0; k < 2; k++) expect(l, &own[k], 0, VARIANT);
    /* the base's, where the variant writes nothing */
    expect(l, &base_want[0], 1, "data/config/provenance/base.cfg");
    expect(l, &base_want[6], 1, "data/config/provenance/base.cfg");
    expect(l, &base_want[10], 1, "data/config/provenance/base.cfg");
    /* the base's entries for the values the variant replaces are kept, shadowed */
    int shadowed = 0;
    for (int i = 0; i < l->n; i++) shadowed += l->p[i].shadowed;
    CU_ASSERT_EQUAL(shadowed, 2);
    CU_ASSERT_EQUAL(l->n, 17 + 2);
    /* an override keeps the register (it describes the files) */
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, "coal_mining.capacity_mt=41", &d), ST_OK);
    CU_ASSERT_EQUAL(s->provenance.n, 19);
    free(s);
}

static void assignments(void)
{
    Scenario *s = load(BASE);
    char buf[256];
    int cap = provenance_find(&s->provenance, "coal_mining.capacity_mt");
    int util = provenance_find(&s->provenance, "coal_mining.utilisation_frac");
    int plan = provenance_find(&s->provenance, "scenario.first_year");
    int none = provenance_find(&s->provenance, "site.elevation_m");
    CU_ASSERT_EQUAL(sensitivity_assignment(s, cap, 1.25, buf, sizeof buf), 1);
    CU_ASSERT_STRING_EQUAL(buf, "coal_mining.capacity_mt=50.0");
    CU_ASSERT_EQUAL(sensitivity_assignment(s, util, 2.0, buf, sizeof buf), 2);
    CU_ASSERT_STRING_EQUAL(buf, "coal_mining.utilisation_frac=1.5");   /* 1.8 clamped to its range */
    CU_ASSERT_FALSE(sensitivity_assignment(s, plan, 1.25, buf, sizeof buf));   /* not an assumption */
    CU_ASSERT_FALSE(sensitivity_assignment(s, none, 1.25, buf, sizeof buf));
    CU_ASSERT_FALSE(sensitivity_assignment(s, provenance_find(&s->provenance, "output.hourly_years"), 1.25, buf,
                                           sizeof buf));   /* not a number */
    CU_ASSERT_FALSE(sensitivity_assignment(s, cap, 1.25, buf, 20));   /* does not fit */
    free(s);
    /* a schedule scaled as a whole */
    s = load("../configs/yiwu-14fyp.cfg");
    CU_ASSERT_TRUE(sensitivity_assignment(s, provenance_find(&s->provenance, "load.annual_gwh"), 0.5, buf,
                                          sizeof buf));
    CU_ASSERT_STRING_EQUAL(buf, "load.annual_gwh=((2020, 520.0), (2025, 750.0))");
    free(s);
}

/* The whole of path into a malloc'd string. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = calloc(1, 1 << 16);
    if (buf) fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    return buf;
}

/* A fresh temporary directory in $TMPDIR (or /tmp) into dir. */
static void temp_dir(char *dir, size_t n)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, n, "%s/ecsim-sens-XXXXXX", t && t[0] ? t : "/tmp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
}

static Status run(const char *file, const char *dir, double delta, int threads, SensOutcome *out)
{
    Diag *d = malloc(sizeof *d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    diag_init(d);
    SensOptions o = { file, NULL, 0, dir, delta, threads, NULL };
    Status st = sensitivity_run(&o, out, d);
    free(d);
    return st;
}

/* The numbers of the row "coal coal_mining.capacity_mt ..." of a .dat. */
static int row(const char *dat, double v[4], char *flips)
{
    const char *p = strstr(dat, "\ncoal coal_mining.capacity_mt ");
    if (!p) return 0;
    return sscanf(p + 30, "%lf %lf %lf %lf %15s", &v[0], &v[1], &v[2], &v[3], flips) == 5;
}

static void closed_form(void)
{
    char dir[512], d1[600], d2[600], d3[600], path[700];
    temp_dir(dir, sizeof dir);
    snprintf(d1, sizeof d1, "%s/j1", dir);
    snprintf(d2, sizeof d2, "%s/j2", dir);
    snprintf(d3, sizeof d3, "%s/wide", dir);
    SensOutcome out;
    CU_ASSERT_EQUAL_FATAL(run(BASE, d1, 0.2, 1, &out), ST_OK);
    /* capacity_mt, utilisation_frac, gdp_base_yi_yuan (output.hourly_years is not a number) */
    CU_ASSERT_EQUAL(out.settings, 3);
    CU_ASSERT_EQUAL(out.runs, 6);
    CU_ASSERT_EQUAL(out.failed, 0);
    CU_ASSERT_EQUAL(out.flips, 0);
    snprintf(path, sizeof path, "%s/base/sensitivity.dat", d1);
    char *a = slurp(path), flips[16];
    double v[4];
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_TRUE_FATAL(row(a, v, flips));
    CU_ASSERT_DOUBLE_EQUAL(v[0], 10.0, 1e-9);   /* 40 - 30 */
    CU_ASSERT_DOUBLE_EQUAL(v[1], 2.0, 1e-9);    /* 32 - 30 */
    CU_ASSERT_DOUBLE_EQUAL(v[2], 18.0, 1e-9);   /* 48 - 30 */
    CU_ASSERT_DOUBLE_EQUAL(v[3], 16.0, 1e-9);   /* 2 x 0.2 x 40 x slope 1 */
    CU_ASSERT_STRING_EQUAL(flips, "-");
    /* the other assumptions do not move coal capacity */
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "\ncoal economy.gdp_base_yi_yuan 10 10 10 0 - \"" BASE ":19\" \"the whole group,\"\n"));
    /* -j 2 writes the same bytes */
    CU_ASSERT_EQUAL_FATAL(run(BASE, d2, 0.2, 2, &out), ST_OK);
    const char *files[] = { "sensitivity.dat", "sensitivity.csv", "sensitivity.md", "summary.md" };
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/base/%s", d1, files[k]);
        char *x = slurp(path);
        snprintf(path, sizeof path, "%s/base/%s", d2, files[k]);
        char *y = slurp(path);
        CU_ASSERT_TRUE(x && y && strcmp(x, y) == 0);
        free(x);
        free(y);
    }
    /* with delta 0.3 the low value (28 Mt) misses the target: a flip */
    CU_ASSERT_EQUAL_FATAL(run(BASE, d3, 0.3, 1, &out), ST_OK);
    CU_ASSERT_EQUAL(out.flips, 1);
    snprintf(path, sizeof path, "%s/base/sensitivity.dat", d3);
    char *b = slurp(path);
    CU_ASSERT_TRUE_FATAL(b && row(b, v, flips));
    CU_ASSERT_DOUBLE_EQUAL(v[1], -2.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(flips, "low");
    snprintf(path, sizeof path, "%s/base/sensitivity.md", d3);
    char *md = slurp(path);
    CU_ASSERT_TRUE(md && strstr(md, "| 1 | `coal_mining.capacity_mt` | -2 | 22 | **low** | " BASE ":28 | a constant capacity. |"));
    /* the same table in the result folder's summary.md, with the verdict as written */
    snprintf(path, sizeof path, "%s/base/summary.md", d3);
    char *sum = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
    const char *sec = strstr(sum, "\n## Which assumptions decide each verdict\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sec);
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "\n### coal (`coal_capacity_mt`)\n\nAs written: met, margin 10.\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "| margin ×0.7 | margin ×1.3 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "| 1 | `coal_mining.capacity_mt` | -2 | 22 | **low** | " BASE ":28 | a constant capacity. |"));
    /* after the targets, before the accounting notes; the other two assumptions do not move it */
    CU_ASSERT_TRUE(strstr(sum, "### Schedule checks") < sec && sec < strstr(sum, "## Accounting method"));
    CU_ASSERT_PTR_NULL(strstr(sec, "`economy.gdp_base_yi_yuan`"));
    /* the result folder is complete: the run's files beside the sensitivity files */
    snprintf(path, sizeof path, "%s/base/annual.dat", d3);
    struct stat sb;
    CU_ASSERT_EQUAL(stat(path, &sb), 0);
    free(sum);
    free(a);
    free(b);
    free(md);
    remove_tree(dir);
}

static void bad_input(void)
{
    char dir[512], out_dir[600];
    temp_dir(dir, sizeof dir);
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    SensOutcome out;
    /* no targets: nothing to perturb, nothing written */
    CU_ASSERT_EQUAL(run("data/config/minimal.cfg", out_dir, 0.2, 1, &out), ST_CONFIG_INVALID);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(out_dir, &st), 0);
    CU_ASSERT_EQUAL(run(BASE, out_dir, 1.5, 1, &out), ST_USAGE);
    CU_ASSERT_EQUAL(run("data/config/no-such-file.cfg", out_dir, 0.2, 1, &out), ST_IO);
    CU_ASSERT_NOT_EQUAL(stat(out_dir, &st), 0);
    remove_tree(dir);
}

void register_test_provenance(void);

void register_test_provenance(void)
{
    CU_pSuite s = CU_add_suite("provenance", NULL, NULL);
    CU_add_test(s, "covering rule", covering_rule);
    CU_add_test(s, "inheritance", inherited);
    CU_add_test(s, "perturbed values", assignments);
    CU_add_test(s, "sensitivity, closed form", closed_form);
    CU_add_test(s, "sensitivity, bad input", bad_input);
}
