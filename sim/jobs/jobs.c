/* jobs.c — the job engine: a worker pool with a reorder buffer (jobs.h).
 * Job i runs in slot i mod k (k = 2 x threads); a worker may take job i
 * only when i < delivered + k, so a slot is free again exactly when its
 * previous job was delivered. Whichever worker completes the oldest pending
 * job becomes the deliverer and hands every finished job in order to the
 * list sinks, outside the lock, while the others keep running jobs. */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"

typedef struct {
    Scenario made;                  /* the scenario of a job with a recipe */
    const Scenario *scn;            /* the scenario run, or NULL */
    RunResults res;
    Diag diag;
    Status status;
    int done;                       /* finished, not yet delivered */
    char final_dir[JOB_DIR_MAX];
    void *sink_state;               /* job_sink->state_size bytes */
} Slot;

typedef struct {
    const JobList *list;
    const JobSink *job_sink;
    const ListSink *sinks;
    Status *sink_status;            /* per list sink */
    int n_sinks;
    Diag *d;
    Slot *slots;
    int k;
    int next, delivered, delivering;
    pthread_mutex_t lock;
    pthread_cond_t room;
} Engine;

static int stopped(const JobList *l) { return l->stop && *l->stop; }

/* The run's sink seen through the stop flag: a year's end is where a run
 * stops when asked to (a year takes milliseconds), before anything of it is
 * committed. */
typedef struct {
    const Sink *inner;
    const volatile sig_atomic_t *stop;
} StopSink;

static Status stop_begin(void *ctx, const Scenario *s)
{
    const StopSink *w = ctx;
    return w->inner && w->inner->begin ? w->inner->begin(w->inner->ctx, s) : ST_OK;
}

static Status stop_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                        const YearInputs *in, const YearSeries *out, const AnnualRow *row)
{
    const StopSink *w = ctx;
    if (*w->stop) return ST_INTERRUPTED;
    return w->inner && w->inner->year ? w->inner->year(w->inner->ctx, s, cal, wx, in, out, row) : ST_OK;
}

static Status stop_end(void *ctx, const Scenario *s, const RunResults *res)
{
    const StopSink *w = ctx;
    if (*w->stop) return ST_INTERRUPTED;
    return w->inner && w->inner->end ? w->inner->end(w->inner->ctx, s, res) : ST_OK;
}

static void run_job(const Engine *e, Run *run, int i, Slot *sl)
{
    const Job *job = &e->list->jobs[i];
    diag_init(&sl->diag);
    sl->final_dir[0] = '\0';
    sl->scn = job->scn;
    sl->status = ST_OK;
    if (stopped(e->list)) {
        sl->status = ST_INTERRUPTED;
        return;
    }
    if (!sl->scn) {
        if (!e->list->make) {
            sl->status = ST_USAGE;
            diag_error(&sl->diag, ST_USAGE, job->origin, 0, NULL, "job has no scenario and no recipe");
            return;
        }
        sl->status = e->list->make(e->list->make_ctx, job, &sl->made, &sl->diag);
        if (sl->status != ST_OK) return;
        sl->scn = &sl->made;
    }
    if (!run) {
        sl->status = ST_NOMEM;
        diag_error(&sl->diag, ST_NOMEM, sl->scn->source_file, 0, NULL, "out of memory");
        return;
    }
    Sink sink;
    const Sink *sp = NULL;
    if (e->job_sink) {
        sink = e->job_sink->open(e->job_sink->ctx, sl->sink_state, job, &sl->diag);
        sp = &sink;
    }
    StopSink w = { sp, e->list->stop };
    Sink stop_sink = { &w, stop_begin, stop_year, stop_end };
    if (e->list->stop) sp = &stop_sink;
    sl->status = sim_run(run, sl->scn, job->member, sp, &sl->res, &sl->diag);
    if (e->job_sink)
        e->job_sink->close(e->job_sink->ctx, sl->sink_state, sl->status, sl->final_dir,
                           sizeof sl->final_dir);
}

static void deliver(Engine *e, int i, const Slot *sl)
{
    JobResult r = {
        .index = i,
        .n_jobs = e->list->n,
        .job = &e->list->jobs[i],
        .scn = sl->scn,
        .status = sl->status,
        .diag = &sl->diag,
        .res = sl->status == ST_OK ? &sl->res : NULL,
        .final_dir = sl->final_dir,
    };
    for (int s = 0; s < e->n_sinks; s++)
        if (e->sink_status[s] == ST_OK && e->sinks[s].job)
            e->sink_status[s] = e->sinks[s].job(e->sinks[s].ctx, &r, e->d);
}

static void *worker(void *arg)
{
    Engine *e = arg;
    Run *run = run_new();           /* NULL: every job this worker takes fails with ST_NOMEM */
    const int n = e->list->n;
    pthread_mutex_lock(&e->lock);
    for (;;) {
        while (e->next < n && e->next - e->delivered >= e->k) pthread_cond_wait(&e->room, &e->lock);
        if (e->next >= n) break;
        int i = e->next++;
        Slot *sl = &e->slots[i % e->k];
        pthread_mutex_unlock(&e->lock);
        run_job(e, run, i, sl);
        pthread_mutex_lock(&e->lock);
        sl->done = 1;
        if (e->delivering) continue;   /* the deliverer will see it */
        e->delivering = 1;
        while (e->delivered < n && e->slots[e->delivered % e->k].done) {
            Slot *head = &e->slots[e->delivered % e->k];
            pthread_mutex_unlock(&e->lock);
            deliver(e, e->delivered, head);
            pthread_mutex_lock(&e->lock);
            head->done = 0;
            e->delivered++;
            pthread_cond_broadcast(&e->room);
        }
        e->delivering = 0;
    }
    pthread_mutex_unlock(&e->lock);
    run_free(run);
    return NULL;
}

Status jobs_run(const JobList *list, int threads, const JobSink *job_sink,
                const ListSink *sinks, int n_sinks, Diag *d)
{
    if (list->n <= 0) return ST_OK;
    if (threads > list->n) threads = list->n;
    if (threads < 1) threads = 1;
    Engine e = {
        .list = list, .job_sink = job_sink, .sinks = sinks, .n_sinks = n_sinks, .d = d,
        .k = threads == 1 ? 1 : 2 * threads,
    };
    e.slots = bigmem_calloc((size_t)e.k * sizeof *e.slots);   /* results of megabytes: bigmem.h */
    e.sink_status = calloc((size_t)n_sinks + 1, sizeof *e.sink_status);
    int ok = e.slots && e.sink_status;
    for (int s = 0; ok && job_sink && s < e.k; s++)
        ok = (e.slots[s].sink_state = calloc(1, job_sink->state_size ? job_sink->state_size : 1)) != NULL;
    if (!ok) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory: cannot start the jobs");
        if (e.slots)
            for (int s = 0; s < e.k; s++) free(e.slots[s].sink_state);
        bigmem_free(e.slots);
        free(e.sink_status);
        return ST_NOMEM;
    }
    for (int s = 0; s < n_sinks; s++) e.sink_status[s] = ST_OK;
    pthread_mutex_init(&e.lock, NULL);
    pthread_cond_init(&e.room, NULL);
    pthread_t *tid = threads > 1 ? calloc((size_t)threads, sizeof *tid) : NULL;
    int started = 0;
    if (tid)
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, worker, &e) != 0) break;
    if (started == 0) worker(&e);   /* one thread, or none could start: run here */
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    free(tid);
    pthread_cond_destroy(&e.room);
    pthread_mutex_destroy(&e.lock);
    Status st = stopped(list) ? ST_INTERRUPTED : ST_OK;
    for (int s = 0; s < n_sinks && st == ST_OK; s++) st = e.sink_status[s];
    for (int s = 0; s < e.k; s++) free(e.slots[s].sink_state);
    bigmem_free(e.slots);
    free(e.sink_status);
    return st;
}
