/* testutil.c — helpers shared by the test suites. */
#include "testutil.h"

#include <CUnit/CUnit.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "dispatch.h"
#include "lpdispatch.h"
#include "series.h"

int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

int png_size(const char *path, unsigned *w, unsigned *h)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n != sizeof b || memcmp(b, sig, 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0) return -1;
    *w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
    *h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
    return 0;
}

int have_gnuplot(void)
{
    const char *path = getenv("PATH");
    char buf[1024];
    while (path && *path) {
        size_t len = strcspn(path, ":");
        snprintf(buf, sizeof buf, "%.*s/gnuplot", (int)len, path);
        if (len && access(buf, X_OK) == 0) return 1;
        path += len + (path[len] == ':');
    }
    return 0;
}

char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len) *len = (size_t)n;
    }
    return buf;
}

int write_all(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int bad = fwrite(text, 1, n, f) != n;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

/* Replaces line `line` (1-based) of dir/file with text, or deletes it (NULL). */
void edit_line(const char *dir, const char *file, int line, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *old = read_all(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(old);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int k = 1;
    for (char *p = old; *p; k++) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (k != line) fwrite(p, 1, len, f);
        else if (text) fprintf(f, "%s\n", text);
        p += len;
    }
    fclose(f);
    free(old);
}

int text_count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) n++;
    return n;
}

Run *run_to_year(const char *cfg, const char *const *sets, int n_sets, int year, Scenario *s)
{
    Diag d;
    diag_init(&d);
    if (config_load_with(cfg, sets, n_sets, s, &d) != ST_OK) return NULL;
    Run *run = run_new();
    if (!run || sim_prepare(run, s, &d) != ST_OK) {
        run_free(run);
        return NULL;
    }
    for (int y = s->first_year; y <= year; y++) {
        if (sim_weather(run, y, 0) != ST_OK || sim_inputs(run, y) != ST_OK) break;
        if (y == year) return run;
        if (sim_dispatch(run) != ST_OK) break;
    }
    run_free(run);
    return NULL;
}

YearInputs shift_in(const YearInputs *in, int h0, int n)
{
    YearInputs r = *in;
    r.hours = n;
    for (int i = 0; i < SER_COUNT; i++)
        if (r.v[i]) r.v[i] += h0;
    return r;
}

YearSeries shift_out(const YearSeries *out, int h0)
{
    YearSeries r = *out;
    for (int i = 0; i < SER_COUNT; i++)
        if (r.v[i]) r.v[i] += h0;
    return r;
}

TestYear *test_year_new(int year, int hours)
{
    TestYear *y = calloc(1, sizeof *y);
    if (!y) return NULL;
    y->in = (YearInputs){ .year = year, .hours = hours };
    for (int i = 0; i < SER_COUNT; i++) {
        if (series_get(i)->io == SIO_IN) y->in.v[i] = y->v[i];
        else y->out.v[i] = y->v[i];
    }
    return y;
}

LpRulesTally lp_against_rules(LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in, DispatchState st,
                              YearSeries *lp_out, YearSeries *rules_out,
                              void (*on_window)(void *ctx, int h0, int hours), void *ctx)
{
    LpRulesTally t = { 0 };
    DispatchLimits rules = *lim;
    rules.strategy = STRATEGY_RENEWABLE_FIRST;
    const int n = in->hours, W = lim->lp.window_h, L = lim->lp.lookahead_h;
    for (int h0 = 0; h0 < n; h0 += W) {
        const int hours = n - h0 < W + L ? n - h0 : W + L, keep = n - h0 < W ? n - h0 : W;
        DispatchState a = st, b = st;
        DispatchReport rep = { 0 };
        double opt;
        CU_ASSERT_EQUAL_FATAL(lpdispatch_window(lp, lim, in, h0, hours, hours, ++t.windows, &a, lp_out, &opt, &rep),
                              ST_OK);
        double own = lpdispatch_objective(lim, in, h0, hours, &st, lp_out);
        if (fabs(own - opt) > 1e-6 * (1 + fabs(opt))) t.obj_bad++;
        YearInputs sub = shift_in(in, h0, hours);
        YearSeries sub_out = shift_out(rules_out, h0);
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&rules, &sub, &b, &sub_out, &rep), ST_OK);
        double rf = lpdispatch_objective(lim, in, h0, hours, &st, rules_out);
        if (opt > rf + 1e-7 * (1 + fabs(rf))) t.worse++;
        if (opt < rf - 1e-3 * (1 + fabs(rf))) t.lp_better++;
        if (on_window) on_window(ctx, h0, hours);
        /* The next window starts where the kept hours end. */
        const int last = h0 + keep - 1;
        st.soc_mwh = lp_out->v[SER_SOC][last];
        st.coal_mw = lp_out->v[SER_COAL][last];
        if (lp_out->v[SER_H2_STORE]) st.h2_kg = lp_out->v[SER_H2_STORE][last];
        if (lim->coal_commit) {
            st.coal_committed_mw = lp_out->v[SER_COAL_COMMITTED][last];
            st.coal_committed_set = 1;
        }
    }
    return t;
}
