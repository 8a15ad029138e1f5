/* ensemble.h — `ecsim ensemble` and `ecsim compare --runs` (docs/ensemble.md):
 * N weather members of each scenario as one job list on the engine
 * (jobs.h), scenario after scenario, member 1..N. Each finished member is
 * written at once, in member order whatever the threads, to
 * DIR/<scenario>/members.dat/.csv and as one binary record to an unnamed
 * temporary file; after the run the statistics are computed from those
 * records a block of columns at a time (memory: at most one column of N
 * doubles beyond a fixed budget), into ensemble.*, probabilities.* and
 * summary.md. The folder is staged: complete or absent. With compare,
 * member m of every scenario has the same weather streams (common random
 * numbers) and DIR/comparison_ensemble.* and DIR/summary.md give paired
 * differences against the first scenario. The library prints nothing. */
#ifndef ECSIM_ENSEMBLE_H
#define ECSIM_ENSEMBLE_H

#include "jobs.h"

#define ENS_QUANTILES_MAX 16

typedef struct {
    void *ctx;
    /* A file after loading: s NULL when it could not be loaded (errors in
     * d); members: how many it will run (its weather years with
     * weather_years). */
    void (*loaded)(void *ctx, const char *path, const Diag *d, const Scenario *s, int members);
    /* A member after it ran, in job order; done of total jobs delivered. */
    void (*finished)(void *ctx, const JobResult *r, int done, int total);
    /* A scenario's folder is complete at dir (for charts drawn from it). */
    void (*written)(void *ctx, const Scenario *s, const char *dir);
} EnsReport;

typedef struct {
    const char *out_dir;
    int runs;                      /* members of each scenario, >= 1 (but with weather_years) */
    int threads;
    const char *const *sets;       /* --set overrides (and scenario.seed=S) of every file */
    int n_sets;
    const double *quantiles;       /* extra quantiles in percent, 0 < q < 100 */
    int n_quantiles;
    int compare;                   /* also DIR/comparison_ensemble.* and DIR/summary.md */
    const volatile sig_atomic_t *stop;
    int shard_k, shard_n;          /* --shard K/N: members ((K-1)R/N, KR/N] only, as a
                                    * partial result for ensemble_merge; 0: the whole run */
    int weather_years;             /* weather from files: the files' years are the members (runs
                                    * unused); 0: runs synthetic members fitted to the files */
} EnsOptions;

typedef struct {
    int load_errors, usage;        /* files not loaded; an override was malformed */
    int scenarios, written;        /* loaded; folders committed */
    int jobs, ran, not_run;        /* members */
    int file_weather;              /* scenarios with weather from files */
    Status first_error;
    Status compare;                /* the comparison files (ST_OK when none were due) */
} EnsOutcome;

/* Loads files[0..n) and runs their ensembles. Nothing runs when a file
 * cannot be loaded. Returns ST_OK, or the first error (messages in d). */
Status ensemble_files(const char *const *files, int n, const EnsOptions *o, const EnsReport *rep,
                      EnsOutcome *out, Diag *d);

typedef struct {
    const char *kind;              /* "ensemble", "compare" (--runs) or "sweep" */
    int written;                   /* ensemble, compare: scenario folders committed */
    int points, not_run;           /* sweep: points, and of them not made or not run */
} MergeOutcome;

/* Combines the shard folders dirs[0..n) (each the -o DIR of one --shard K/N
 * run) into out_dir: the files a single run writes, byte for byte. The kind
 * comes from the manifests: `ensemble` (DIR/<scenario>/shard.txt only) gives
 * out_dir/<scenario>/; `compare --runs` (DIR/shard.txt, kind compare) those
 * and DIR/comparison_ensemble.* and DIR/summary.md; `sweep` (kind sweep) is
 * sweep_merge's. Shards of another command are refused. Every shard is
 * checked first (same scenarios, runs, seed, quantiles, settings; every K
 * once); nothing is written when one does not fit. */
Status ensemble_merge(const char *const *dirs, int n, const char *out_dir, MergeOutcome *mo, Diag *d);

#endif
