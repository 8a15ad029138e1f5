/* test_plot_stack.c — the supply stack of the generation and week charts
 * from the registries (plot.c: plot_stack, plot_write_stack): the segments
 * are the technologies owning a supply series, in their tech.def stack
 * order; charts/stack.gp holds the same lists; a registry whose supply
 * series lacks a stack position, or whose positions clash or leave a gap, is
 * refused. No gnuplot needed. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot.h"

/* The stack as the charts drew it by hand before it came from the
 * registries: bottom first. */
static const char *const expect_metric[] = { "wind_used_mwh", "solar_used_mwh", "csp_used_mwh", "coal_power_mwh",
                                             "discharge_mwh", "import_mwh", "unserved_mwh" };
static const char *const expect_col[] = { "wind_used_mw", "solar_used_mw", "csp_used_mw", "coal_mw",
                                          "discharge_mw", "import_mw", "unserved_mw" };
static const char *const expect_colour[] = { "#2B7BBA", "#F2B400", "#8C564B", "#5B5B5B",
                                             "#7B4FA0", "#E6772E", "#8B0000" };
#define N_EXPECT 7

static void registry_stack(void)
{
    PlotStackItem st[PLOT_STACK_MAX];
    char err[256] = "";
    int n = plot_stack(st, PLOT_STACK_MAX, err, sizeof err);
    CU_ASSERT_EQUAL_FATAL(n, N_EXPECT);
    for (int k = 0; k < n; k++) {
        CU_ASSERT_STRING_EQUAL(st[k].metric->name, expect_metric[k]);
        CU_ASSERT_STRING_EQUAL(st[k].series->column, expect_col[k]);
        CU_ASSERT_STRING_EQUAL(st[k].colour, expect_colour[k]);
        CU_ASSERT_EQUAL(st[k].tech->stack, k + 1);
    }
    /* Every technology that owns a supply series of the hourly file is in
     * the stack, once: the series registry read here on its own. */
    int supply = 0;
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        if (se->sign <= 0 || !se->hourly) continue;
        supply++;
        int found = 0;
        for (int k = 0; k < n; k++) found += st[k].series == se && st[k].tech->id == se->owner;
        CU_ASSERT_EQUAL(found, 1);
    }
    CU_ASSERT_EQUAL(supply, n);
}

/* A copy of the registry to break. */
static int copy_registry(Tech *t)
{
    for (int i = 0; i < tech_count(); i++) t[i] = *tech_get(i);
    return tech_count();
}

static void broken_registry(void)
{
    Tech t[TECH_COUNT];
    PlotStackItem st[PLOT_STACK_MAX];
    char err[256];

    int n = copy_registry(t);
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, PLOT_STACK_MAX, err, sizeof err), N_EXPECT);

    /* a supply series with no stack position: a row without a chart entry */
    n = copy_registry(t);
    t[TECH_CSP].stack = 0;
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, PLOT_STACK_MAX, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "csp"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "csp_used_mw"));

    /* a position without a supply series */
    n = copy_registry(t);
    t[TECH_LOAD].stack = 8;
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, PLOT_STACK_MAX, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "load"));

    /* two segments at one position */
    n = copy_registry(t);
    t[TECH_CSP].stack = 1;
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, PLOT_STACK_MAX, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "twice"));

    /* a gap: positions must run 1..segments */
    n = copy_registry(t);
    t[TECH_SYSTEM].stack = 9;
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, PLOT_STACK_MAX, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "gap"));

    /* more segments than room */
    n = copy_registry(t);
    CU_ASSERT_EQUAL(plot_stack_of(t, n, st, 3, err, sizeof err), -1);
}

/* The value of `name = ...` in stack.gp, without the quotes. */
static int gp_value(const char *text, const char *name, char *out, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s = ", name);
    const char *p = strstr(text, key);
    if (!p) return 0;
    p += strlen(key);
    if (*p == '"') p++;
    size_t len = strcspn(p, "\n");
    if (len && p[len - 1] == '"') len--;
    if (len >= n) return 0;
    memcpy(out, p, len);
    out[len] = '\0';
    return 1;
}

static void stack_file(void)
{
    char dir[] = "/tmp/ecsim-stack-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(plot_write_stack(dir, &d), ST_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/stack.gp", dir);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char text[8192];
    size_t len = fread(text, 1, sizeof text - 1, f);
    text[len] = '\0';
    fclose(f);

    char v[1024];
    CU_ASSERT(gp_value(text, "stack_n", v, sizeof v) && strcmp(v, "7") == 0);
    CU_ASSERT(gp_value(text, "stack_metrics", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "wind_used_mwh solar_used_mwh csp_used_mwh coal_power_mwh discharge_mwh "
                              "import_mwh unserved_mwh");
    CU_ASSERT(gp_value(text, "stack_cols", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "wind_used_mw solar_used_mw csp_used_mw coal_mw discharge_mw import_mw unserved_mw");
    CU_ASSERT(gp_value(text, "stack_colours", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "#2B7BBA #F2B400 #8C564B #5B5B5B #7B4FA0 #E6772E #8B0000");
    CU_ASSERT(gp_value(text, "stack_labels_zh", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "'风电上网' '光伏上网' '光热上网' '煤电' '储能放电' '受入' '缺电'");
    CU_ASSERT(gp_value(text, "stack_labels_en", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "'wind used' 'PV used' 'CSP used' 'coal power' 'storage discharge' 'import' "
                              "'unserved'");
    /* generators (wind, PV, CSP) are keyed only when they produced */
    CU_ASSERT(gp_value(text, "stack_optional", v, sizeof v));
    CU_ASSERT_STRING_EQUAL(v, "1 1 1 0 0 0 0");
    remove(path);
    rmdir(dir);
}

void register_test_plot_stack(void);
void register_test_plot_stack(void)
{
    CU_pSuite s = CU_add_suite("plot_stack", NULL, NULL);
    CU_add_test(s, "the stack is the registry's supply technologies in order", registry_stack);
    CU_add_test(s, "a supply series without a stack position fails", broken_registry);
    CU_add_test(s, "stack.gp holds the registry's lists", stack_file);
}
