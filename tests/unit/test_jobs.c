/* test_jobs.c — the job engine (jobs.c), streaming statistics (stats.c) and
 * the rows-before-header tables (tablebuf.c). Jobs are made by a recipe
 * that holds early jobs back (a short sleep, longer for earlier jobs) so
 * that with several threads they finish out of order; the assertions are on
 * the order and content of what the list sinks receive, never on time. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "jobs.h"
#include "stats.h"
#include "tablebuf.h"

#define SMALL_CFG "data/plot/small.cfg"
#define N_JOBS 10

static Scenario *base;

static int setup(void)
{
    base = malloc(sizeof *base);
    Diag *d = malloc(sizeof *d);
    int bad = !base || !d;
    if (!bad) {
        diag_init(d);
        bad = config_load(SMALL_CFG, base, d) != ST_OK;
        if (bad) diag_print(d, stderr);
    }
    free(d);
    return bad;
}

static int teardown(void)
{
    free(base);
    return 0;
}

/* ---- a recipe and a recording sink ---------------------------------------- */

typedef struct {
    int fail_at;                    /* job index whose recipe fails, -1 none */
    pthread_mutex_t lock;
    int pending, max_pending;       /* made, not yet delivered */
} Recipe;

static Status make(void *ctx, const Job *job, Scenario *out, Diag *d)
{
    Recipe *r = ctx;
    /* earlier jobs take longer, so later ones finish first */
    struct timespec ts = { 0, (long)(N_JOBS - job->point) * 2000000L };
    nanosleep(&ts, NULL);
    if (job->point == r->fail_at) {
        diag_error(d, ST_CONFIG_INVALID, "recipe", 0, NULL, "job %d cannot be made", job->point);
        return ST_CONFIG_INVALID;
    }
    *out = *base;
    pthread_mutex_lock(&r->lock);
    if (++r->pending > r->max_pending) r->max_pending = r->pending;
    pthread_mutex_unlock(&r->lock);
    return ST_OK;
}

typedef struct {
    Recipe *recipe;
    int n, order[N_JOBS];
    Status status[N_JOBS];
    int made[N_JOBS];
    AnnualRow last[N_JOBS];
    int n_targets[N_JOBS];
} Record;

static Status record(void *ctx, const JobResult *r, Diag *d)
{
    (void)d;
    Record *rec = ctx;
    if (rec->n >= N_JOBS) return ST_OK;
    int k = rec->n++;
    rec->order[k] = r->index;
    rec->status[k] = r->status;
    rec->made[k] = r->scn != NULL;
    if (r->scn) {
        pthread_mutex_lock(&rec->recipe->lock);
        rec->recipe->pending--;
        pthread_mutex_unlock(&rec->recipe->lock);
    }
    if (r->res) {
        rec->last[k] = r->res->rows[r->res->n_years - 1];
        rec->n_targets[k] = r->res->n_targets;
    }
    return ST_OK;
}

/* Runs N_JOBS jobs (weather members 0..N-1) with the recipe; job fail_at fails. */
static Status run_list(int threads, int fail_at, Record *rec, RunStats *stats)
{
    Job jobs[N_JOBS];
    for (int i = 0; i < N_JOBS; i++) jobs[i] = (Job){ NULL, (unsigned long)i, i, "test" };
    Recipe recipe = { .fail_at = fail_at };
    pthread_mutex_init(&recipe.lock, NULL);
    memset(rec, 0, sizeof *rec);
    rec->recipe = &recipe;
    JobList list = { N_JOBS, jobs, make, &recipe, NULL };
    ListSink sinks[2] = { { rec, record } };
    int n_sinks = 1;
    if (stats) sinks[n_sinks++] = stats_sink(stats);
    Diag *d = malloc(sizeof *d);
    diag_init(d);
    Status st = jobs_run(&list, threads, NULL, sinks, n_sinks, d);
    free(d);
    pthread_mutex_destroy(&recipe.lock);
    /* the reorder buffer holds at most 2 x threads jobs made but not delivered */
    CU_ASSERT(recipe.max_pending <= (threads > 1 ? 2 * threads : 1));
    return st;
}

/* List sinks see every job once, in job order, whatever the thread count,
 * and what they see is the same as a sequential run. */
static void order_and_identity(void)
{
    Record *seq = malloc(sizeof *seq), *par = malloc(sizeof *par);
    CU_ASSERT_FATAL(seq && par);
    CU_ASSERT_EQUAL(run_list(1, -1, seq, NULL), ST_OK);
    for (int threads = 2; threads <= 4; threads++) {
        CU_ASSERT_EQUAL(run_list(threads, -1, par, NULL), ST_OK);
        CU_ASSERT_EQUAL(par->n, N_JOBS);
        for (int i = 0; i < N_JOBS; i++) {
            CU_ASSERT_EQUAL(par->order[i], i);
            CU_ASSERT_EQUAL(par->status[i], ST_OK);
            CU_ASSERT_EQUAL(memcmp(&par->last[i], &seq->last[i], sizeof par->last[i]), 0);
            CU_ASSERT_EQUAL(par->n_targets[i], seq->n_targets[i]);
        }
    }
    /* the members are different weather: the jobs are not all the same run */
    CU_ASSERT(seq->last[0].wind_avail_mwh != seq->last[1].wind_avail_mwh);
    free(seq);
    free(par);
}

/* A job that fails is reported in its place; the others all run. */
static void failing_job(void)
{
    Record *rec = malloc(sizeof *rec);
    CU_ASSERT_FATAL(rec != NULL);
    CU_ASSERT_EQUAL(run_list(3, 4, rec, NULL), ST_OK);
    CU_ASSERT_EQUAL(rec->n, N_JOBS);
    for (int i = 0; i < N_JOBS; i++) {
        CU_ASSERT_EQUAL(rec->order[i], i);
        CU_ASSERT_EQUAL(rec->status[i], i == 4 ? ST_CONFIG_INVALID : ST_OK);
        CU_ASSERT_EQUAL(rec->made[i], i != 4);
    }
    free(rec);
}

/* A list sink that fails is not called again; the other sinks go on. */
static int calls;
static Status fail_second(void *ctx, const JobResult *r, Diag *d)
{
    (void)ctx;
    calls++;
    if (r->index == 1) {
        diag_error(d, ST_IO, "sink", 0, NULL, "disk full");
        return ST_IO;
    }
    return ST_OK;
}

static void failing_sink(void)
{
    Job jobs[3] = { { base, 0, -1, "a" }, { base, 0, -1, "b" }, { base, 0, -1, "c" } };
    JobList list = { 3, jobs, NULL, NULL, NULL };
    Record *rec = malloc(sizeof *rec);
    Recipe recipe = { .fail_at = -1 };
    pthread_mutex_init(&recipe.lock, NULL);
    memset(rec, 0, sizeof *rec);
    rec->recipe = &recipe;
    ListSink sinks[2] = { { NULL, fail_second }, { rec, record } };
    Diag *d = malloc(sizeof *d);
    diag_init(d);
    calls = 0;
    CU_ASSERT_EQUAL(jobs_run(&list, 2, NULL, sinks, 2, d), ST_IO);
    CU_ASSERT_EQUAL(calls, 2);
    CU_ASSERT_EQUAL(rec->n, 3);
    CU_ASSERT(diag_has_errors(d));
    pthread_mutex_destroy(&recipe.lock);
    free(d);
    free(rec);
}

/* ---- streaming statistics -------------------------------------------------- */

static void welford_known(void)
{
    /* 2 4 4 4 5 5 7 9: mean 5, sum of squared deviations 32 */
    static const double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    Welford w;
    welford_init(&w);
    CU_ASSERT(isnan(welford_variance(&w)));
    for (int i = 0; i < 8; i++) welford_add(&w, x[i]);
    CU_ASSERT_EQUAL(w.n, 8);
    CU_ASSERT_DOUBLE_EQUAL(w.mean, 5.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(welford_variance(&w), 32.0 / 7.0, 1e-14);
    CU_ASSERT_EQUAL(w.min, 2.0);
    CU_ASSERT_EQUAL(w.max, 9.0);
    /* a large offset: the naive sum-of-squares formula loses every digit
     * here, Welford keeps the variance (4 7 13 16: deviations -6 -3 3 6) */
    welford_init(&w);
    static const double y[] = { 4, 7, 13, 16 };
    for (int i = 0; i < 4; i++) welford_add(&w, 1e9 + y[i]);
    CU_ASSERT_DOUBLE_EQUAL(w.mean, 1e9 + 10, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(welford_variance(&w), 90.0 / 3.0, 1e-6);
}

/* The sink's statistics equal a direct two-pass computation over the
 * same runs' last-year rows. */
static void stats_vs_direct(void)
{
    RunStats st;
    CU_ASSERT_FATAL(stats_init(&st, base->first_year, base->last_year - base->first_year + 1) == ST_OK);
    Record *rec = malloc(sizeof *rec);
    CU_ASSERT_FATAL(rec != NULL);
    CU_ASSERT_EQUAL(run_list(2, -1, rec, &st), ST_OK);
    CU_ASSERT_EQUAL(st.runs, N_JOBS);
    int year = base->last_year;
    for (int k = 0; k < metrics_count(); k++) {
        const Metric *m = metrics_get(k);
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        for (int i = 0; i < N_JOBS; i++) {
            double v = metric_value(m, &rec->last[i]);
            sum += v;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        double mean = sum / N_JOBS, ss = 0;
        for (int i = 0; i < N_JOBS; i++) ss += pow(metric_value(m, &rec->last[i]) - mean, 2);
        const Welford *w = stats_get(&st, year, k);
        CU_ASSERT_FATAL(w != NULL);
        CU_ASSERT_EQUAL(w->n, N_JOBS);
        double tol = 1e-12 * fmax(1, fabs(mean));
        CU_ASSERT_DOUBLE_EQUAL(w->mean, mean, tol);
        CU_ASSERT_DOUBLE_EQUAL(welford_variance(w), ss / (N_JOBS - 1), 1e-9 * fmax(1, ss));
        CU_ASSERT_EQUAL(w->min, lo);
        CU_ASSERT_EQUAL(w->max, hi);
    }
    CU_ASSERT_PTR_NULL(stats_get(&st, year + 1, 0));
    stats_free(&st);
    free(rec);
}

/* ---- rows before the header ------------------------------------------------ */

static void tablebuf_padding(void)
{
    TableBuf t;
    Diag *d = malloc(sizeof *d);
    diag_init(d);
    CU_ASSERT_FATAL(tablebuf_open(&t, ".", d) == ST_OK);
    const char *rows[] = { "a 1", "b \"x\ny\" 2", "c 3" };   /* a newline inside a row survives */
    const int groups[] = { 0, 1, 2 };
    for (int i = 0; i < 3; i++) {
        FILE *f = tablebuf_row(&t);
        CU_ASSERT_FATAL(f != NULL);
        fputs(rows[i], f);
        CU_ASSERT_EQUAL(tablebuf_end_row(&t, groups[i], d), ST_OK);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CU_ASSERT_EQUAL(tablebuf_copy(&t, out, 2, " -", "\n", d), ST_OK);
    fclose(out);
    CU_ASSERT_STRING_EQUAL(text, "a 1 - -\nb \"x\ny\" 2 -\nc 3\n");
    free(text);
    tablebuf_close(&t);
    free(d);
}

void register_test_jobs(void);
void register_test_jobs(void)
{
    CU_pSuite s = CU_add_suite("test_jobs", setup, teardown);
    CU_add_test(s, "list sinks in job order, same as one thread", order_and_identity);
    CU_add_test(s, "a failing job loses no other", failing_job);
    CU_add_test(s, "a failing list sink stops alone", failing_sink);
    CU_add_test(s, "Welford on known data", welford_known);
    CU_add_test(s, "streaming statistics vs direct", stats_vs_direct);
    CU_add_test(s, "rows before header, padded", tablebuf_padding);
}
