/* batch.c — a worker pool over scenarios. Each worker allocates one Run and
 * reuses it; the next item is taken under a lock; results are written only
 * into the item's own slot. Nothing is shared between workers but the
 * read-only scenarios, so -j N gives the same bytes as -j 1. */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

typedef struct {
    BatchItem *items;
    int n, next, done;
    const char *out_dir;
    BatchProgress progress;
    void *ctx;
    pthread_mutex_t lock;
} Pool;

static void run_item(Run *run, RunResults *res, BatchItem *it, const char *out_dir)
{
    diag_init(&it->diag);
    FileSink fs;
    Sink sink;
    const Sink *sp = NULL;
    if (out_dir) {
        file_sink_init(&fs, out_dir, &it->diag);
        sink = file_sink(&fs);
        sp = &sink;
    }
    if (!run || !res) {
        it->status = ST_NOMEM;
        diag_error(&it->diag, ST_NOMEM, it->scn->source_file, 0, NULL, "out of memory");
        return;
    }
    it->status = sim_run(run, it->scn, 0, sp, res, &it->diag);
    if (it->status != ST_OK) {
        if (out_dir) file_sink_abort(&fs);
        return;
    }
    it->n_years = res->n_years;
    memcpy(it->rows, res->rows, sizeof res->rows[0] * (size_t)res->n_years);
    it->n_failed = res->n_failed;
    if (res->n_targets > 0) {
        it->targets = malloc(sizeof *it->targets * (size_t)res->n_targets);
        if (!it->targets) {
            it->status = ST_NOMEM;
            diag_error(&it->diag, ST_NOMEM, it->scn->source_file, 0, NULL, "out of memory");
            return;
        }
        memcpy(it->targets, res->targets, sizeof *it->targets * (size_t)res->n_targets);
    }
    it->n_targets = res->n_targets;
    if (out_dir) snprintf(it->final_dir, sizeof it->final_dir, "%s", fs.final_dir);
}

static void *worker(void *arg)
{
    Pool *p = arg;
    Run *run = run_new();
    RunResults *res = malloc(sizeof *res);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int i = p->next < p->n ? p->next++ : -1;
        pthread_mutex_unlock(&p->lock);
        if (i < 0) break;
        run_item(run, res, &p->items[i], p->out_dir);
        pthread_mutex_lock(&p->lock);
        p->done++;
        if (p->progress) p->progress(p->ctx, p->done, p->n, &p->items[i]);
        pthread_mutex_unlock(&p->lock);
    }
    run_free(run);
    free(res);
    return NULL;
}

Status batch_run(BatchItem *items, int n, int jobs, const char *out_dir,
                 BatchProgress progress, void *ctx)
{
    for (int i = 0; i < n; i++) {
        items[i].status = ST_OK;
        items[i].targets = NULL;
        items[i].n_targets = items[i].n_failed = items[i].n_years = 0;
        items[i].final_dir[0] = '\0';
        diag_init(&items[i].diag);
    }
    Pool p = { items, n, 0, 0, out_dir, progress, ctx, PTHREAD_MUTEX_INITIALIZER };
    if (jobs > n) jobs = n;
    if (jobs <= 1) {
        worker(&p);
        return ST_OK;
    }
    pthread_t *tid = calloc((size_t)jobs, sizeof *tid);
    if (!tid) return ST_NOMEM;
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&tid[started], NULL, worker, &p) != 0) break;
    if (started == 0) worker(&p);   /* no thread could start: run here */
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    free(tid);
    pthread_mutex_destroy(&p.lock);
    return ST_OK;
}

void batch_item_clear(BatchItem *item)
{
    free(item->targets);
    item->targets = NULL;
    item->n_targets = 0;
}

int batch_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
