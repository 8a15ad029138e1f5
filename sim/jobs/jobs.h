/* jobs.h — the job engine (DESIGN §11): batch, compare, sweep and ensembles
 * are lists of jobs run by one pool of worker threads, each owning one Run.
 *
 * A job is a scenario (ready, or made by the list's recipe when a worker
 * takes it), a weather member and labels. Two kinds of sinks see results:
 *   - a per-job sink (JobSink) feeds one running job's Sink, in the worker
 *     that runs it: e.g. the file sink writing OUT/<name>/ (jobfiles.h);
 *   - list sinks (ListSink) receive each finished job's summary (annual
 *     rows, target results) strictly in job order: comparison rows, sweep
 *     rows, streaming statistics.
 * Order comes from a reorder buffer of 2 x threads slots: a job finished
 * early waits in its slot until the jobs before it are delivered, and no
 * worker takes a job more than that many places ahead of the oldest one not
 * yet delivered. Memory is therefore flat in the number of jobs, and what
 * list sinks see (and write) is the same for any number of threads. */
#ifndef ECSIM_JOBS_H
#define ECSIM_JOBS_H

#include <signal.h>
#include <stddef.h>

#include "sim.h"

#define JOB_DIR_MAX 1024   /* a job's output directory, with its NUL */

typedef struct {
    const Scenario *scn;     /* ready to run; NULL: made by the list's make() */
    unsigned long member;    /* weather realisation: 0 for a plain run */
    int point;               /* sweep point (0-based), -1 when not a sweep */
    const char *origin;      /* the file it came from, for messages */
} Job;

/* Builds the scenario of a job whose scn is NULL into *out; errors to d. */
typedef Status (*JobMake)(void *ctx, const Job *job, Scenario *out, Diag *d);

typedef struct {
    int n;
    const Job *jobs;
    JobMake make;            /* may be NULL when every job has its scn */
    void *make_ctx;
    /* Set (by a signal handler) to stop: no job starts after it, a running
     * job stops at its next year and its sink aborts (nothing half written),
     * finished jobs stay. NULL: never. */
    const volatile sig_atomic_t *stop;
} JobList;

/* One finished job, as list sinks see it; valid during the call only. */
typedef struct {
    int index;               /* position in the list */
    int n_jobs;              /* the list's length */
    const Job *job;
    const Scenario *scn;     /* as run; NULL when it could not be made */
    Status status;           /* ST_OK, or the first error of make, run or job sink */
    const Diag *diag;        /* the job's own messages (warnings too) */
    const RunResults *res;   /* NULL unless status is ST_OK */
    const char *final_dir;   /* where the job sink put its files, "" if nowhere */
} JobResult;

/* A sink per running job. The engine allocates state_size bytes per slot;
 * open (in the worker, before the run) returns the Sink the run feeds;
 * close (after it, with the run's status) commits or aborts and may name
 * the job's output directory in final_dir. */
typedef struct {
    void *ctx;
    size_t state_size;
    Sink (*open)(void *ctx, void *state, const Job *job, Diag *d);
    void (*close)(void *ctx, void *state, Status st, char *final_dir, size_t size);
} JobSink;

/* A sink of the whole list: called once per job, in job order, one call at
 * a time (never concurrently). A non-OK status is remembered and the sink
 * is not called again; the other sinks and jobs go on. */
typedef struct {
    void *ctx;
    Status (*job)(void *ctx, const JobResult *r, Diag *d);
} ListSink;

/* Runs every job of list with up to `threads` worker threads (<= 1: in this
 * thread). job_sink may be NULL; sinks[0..n_sinks) are the list sinks. A
 * job's failure is reported in its JobResult and touches no other job.
 * Returns ST_OK, ST_NOMEM when the engine could not start (no job ran),
 * ST_INTERRUPTED when list->stop was set (the jobs not run are delivered
 * with that status), or the first list sink's error (messages in d). */
Status jobs_run(const JobList *list, int threads, const JobSink *job_sink,
                const ListSink *sinks, int n_sinks, Diag *d);

#endif
