/* sweep.h — `ecsim sweep` (DESIGN §11): a sensitivity grid over any
 * settings as a job list. The base scenario is loaded once; each point is a
 * copy of it with the point's values applied as overrides (config.h), made
 * by the worker that runs it, so no point's scenario or results outlive
 * its job. The comparison sink streams sweep.dat and comparison.* rows in
 * point order. */
#ifndef ECSIM_SWEEP_H
#define ECSIM_SWEEP_H

#include "batch.h"

#define SWEEP_MAX_POINTS 10000
#define SWEEP_MAX_VALUES SWEEP_MAX_POINTS   /* one --vary may make the whole grid */

typedef struct {
    int n;                   /* varied settings */
    char **text;             /* owned copies of the specs, split in place */
    const char **names;      /* setting path of each */
    char ***values;          /* values[k][0..count[k]) */
    int *count;
    long points;             /* product of the counts */
} SweepGrid;

/* Parses n specs "path=v1,v2,..." (commas inside brackets or quotes do not
 * split, so a value may be a schedule "((2020,0),(2025,3200))"). Returns
 * ST_OK; ST_USAGE with *bad = k for a malformed spec k, or *bad = -1 when
 * the grid has more than SWEEP_MAX_POINTS points; ST_NOMEM. */
Status sweep_grid_parse(SweepGrid *g, const char *const *specs, int n, int *bad);
void sweep_grid_free(SweepGrid *g);
/* Index into setting k's values at point p: mixed-radix digits, the last
 * setting changing fastest. */
int sweep_index(const SweepGrid *g, long p, int k);

typedef struct {
    const char *file;              /* the base scenario */
    const char *const *sets;       /* --set overrides applied to the base */
    int n_sets;
    const char *out_dir;
    int threads;
    int year;                      /* tabulated year, 0 = last */
    const volatile sig_atomic_t *stop;   /* see JobList; NULL: never */
    const char *const *vary;       /* the --vary specs as given (a shard's manifest) */
    int shard_k, shard_n;          /* --shard K/N: points ((K-1)P/N, KP/N] only, as a
                                    * partial result for sweep_merge; 0: the whole grid */
} SweepOptions;

/* Loads the base (reported through rep->loaded; not loaded: nothing runs)
 * and runs every point as DIR/<scenario>-pNNN/, then writes sweep.dat/.csv,
 * comparison.* and summary.md. Returns as batch_files. */
Status sweep_run(const SweepGrid *g, const SweepOptions *o, const BatchReport *rep,
                 BatchOutcome *out, Diag *d);

/* A shard (o->shard_n > 0) writes its points' folders, DIR/points.bin (per
 * point: whether it was made and ran, its name, the tabulated year's row and
 * its target checks) and, last, DIR/shard.txt (docs/formats.md); out->compare
 * is the status of those two files. */

/* Combines the shard folders dirs[0..n) of one sweep (every K of N once,
 * any order) into out_dir: the point folders, sweep.dat/.csv, comparison.*
 * and summary.md of a single run, byte for byte. Every manifest and
 * points.bin is checked before anything is written. *points: points in the
 * grid; *not_run: of them, not made or not run in their shard. */
Status sweep_merge(const char *const *dirs, int n, const char *out_dir, int *points, int *not_run, Diag *d);

#endif
