/* compare.h — side-by-side comparison of scenarios (DESIGN §9, §11), a list
 * sink of the job engine: comparison.dat/.csv (one row per scenario: every
 * annual metric of one year and every target verdict),
 * comparison-delta.dat/.csv (the same against the first scenario), a
 * summary.md table and, for sweeps, sweep.dat/.csv. Rows are streamed to
 * temporary files beside the output as jobs finish, in job order; each
 * file is assembled (header, rows) and renamed into place by
 * compare_finish. Only one row's data is held, whatever the number of jobs. */
#ifndef ECSIM_COMPARE_H
#define ECSIM_COMPARE_H

#include "jobs.h"
#include "present.h"

/* Fills the label values of a job's row (n_labels of them): the text of
 * each (a libconfig value; plain numbers are written unquoted in sweep.dat)
 * and, for sweep.dat, its 0-based index in its list of values. */
typedef void (*CompareLabels)(void *ctx, const Job *job, const char **values, int *index);

typedef struct {
    const char *dir;                 /* created if needed */
    int year;                        /* 0: each scenario's last year */
    int n_labels;                    /* extra text columns (sweeps), 0 for none */
    const char *const *label_names;
    CompareLabels labels;
    void *labels_ctx;
    int sweep;                       /* also DIR/sweep.dat and sweep.csv */
} CompareOptions;

typedef struct CompareSink CompareSink;

/* Creates dir and the temporary row files. Jobs whose scenario could not
 * be made are not rows; jobs that did not run are "(not run)" in summary.md. */
Status compare_open(CompareSink **out, const CompareOptions *o, Diag *d);
ListSink compare_list_sink(CompareSink *c);
/* Writes the files (each to a temporary name, then renamed). */
Status compare_finish(CompareSink *c, Diag *d);
/* Frees c and its temporary files (nothing is left behind). */
void compare_close(CompareSink *c);

/* 1 if a scenario of this name would put its folder where the comparison
 * writes one of its own files (summary.md, charts, ...). */
int compare_reserved_name(const char *name);

/* The figures of the comparison's summary.md, n of them (for tests). */
const Figure *compare_key_figures(int *n);

#endif
