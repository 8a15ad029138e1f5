/* batch.h — `ecsim run FILE...` and `ecsim compare` (DESIGN §11): load
 * every file, then run them as one job list on the engine (jobs.h) with
 * the file sink per job and, for compare, the comparison sink. The library
 * prints nothing: what happens is told through BatchReport, in file order
 * while loading, then in job order as the jobs finish. */
#ifndef ECSIM_BATCH_H
#define ECSIM_BATCH_H

#include "jobs.h"

typedef struct {
    void *ctx;
    /* A file after loading, before any job runs: s NULL when it could not
     * be loaded (the errors are in d), dup_of the earlier file whose
     * scenario has the same name (then it is not run), else NULL. */
    void (*loaded)(void *ctx, const char *path, const Diag *d, const Scenario *s,
                   const char *dup_of);
    /* A job after it ran, in job order. */
    void (*finished)(void *ctx, const JobResult *r);
} BatchReport;

typedef struct {
    const char *out_dir;           /* DIR/<scenario>/ and, for compare, DIR/comparison.* */
    int threads;
    const char *const *sets;       /* --set overrides of every file */
    int n_sets;
    int compare;                   /* write the comparison files */
    int year;                      /* the year compared, 0 = each one's last */
    const volatile sig_atomic_t *stop;   /* see JobList; NULL: never */
} BatchOptions;

typedef struct {
    int load_errors;               /* files not loaded (or duplicate names) */
    int usage;                     /* an override was malformed: nothing ran */
    int jobs, ran, not_run;        /* jobs; ran; could not be made or run */
    int not_made;                  /* of not_run: no scenario (a sweep point's overrides failed) */
    int failed_targets;            /* jobs that ran with some target not met */
    Status first_error;            /* of the first file or job that failed (ST_OK: none) */
    Status compare;                /* the comparison files (ST_OK when none were due) */
} BatchOutcome;

/* Loads files[0..n) with the overrides and runs them. Returns ST_OK, or the
 * error that stopped the engine or the comparison (messages in d). */
Status batch_files(const char *const *files, int n, const BatchOptions *o,
                   const BatchReport *rep, BatchOutcome *out, Diag *d);

/* The list sink that counts a list's outcome and forwards every result to
 * rep->finished (used by batch and sweep). */
typedef struct {
    BatchOutcome *out;
    const BatchReport *rep;
} BatchTally;
ListSink batch_tally_sink(BatchTally *t);

#endif
