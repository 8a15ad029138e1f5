/* batch.h — many scenarios at once (DESIGN §11): a pool of worker threads,
 * each owning one Run, takes the next scenario until none is left. Results
 * land in each item's own slot, so they are identical to a sequential run
 * whatever the number of threads or their timing; one scenario's failure
 * touches nothing of the others. */
#ifndef ECSIM_BATCH_H
#define ECSIM_BATCH_H

#include "sim.h"

typedef struct {
    const Scenario *scn;           /* loaded and validated by the caller */
    /* results, filled by batch_run */
    Status status;
    Diag diag;
    int n_years;
    AnnualRow rows[SIM_MAX_YEARS];
    int n_targets, n_failed;
    TargetResult *targets;         /* n_targets entries, owned (batch_item_clear) */
    char final_dir[1024];          /* where the files went, if written */
} BatchItem;

/* Called after each finished item, from the worker that ran it (serialised
 * by the pool's lock): done of total finished. */
typedef void (*BatchProgress)(void *ctx, int done, int total, const BatchItem *item);

/* Runs every item with up to `jobs` threads (jobs <= 1: in this thread).
 * out_dir NULL: no files, results only. Returns ST_OK when every item ran
 * (items' own statuses say which failed), ST_NOMEM if the pool could not start. */
Status batch_run(BatchItem *items, int n, int jobs, const char *out_dir,
                 BatchProgress progress, void *ctx);

void batch_item_clear(BatchItem *item);

/* Default thread count: the number of online processors (at least 1). */
int batch_default_jobs(void);

#endif
