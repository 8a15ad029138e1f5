/* compare.h — side-by-side comparison of scenarios (DESIGN §9, §11):
 * comparison.dat/.csv (one row per scenario: every annual metric of one
 * year and every target verdict), comparison-delta.dat/.csv (the same
 * against the first scenario) and a summary.md table. */
#ifndef ECSIM_COMPARE_H
#define ECSIM_COMPARE_H

#include "batch.h"

/* Writes the comparison files into dir (created if needed) for the items
 * that ran (status ST_OK). year 0 = each scenario's last year. Each file is
 * written to a temporary name and renamed. Extra text columns may label the
 * rows (sweeps): n_labels columns named label_names, values label_values[i *
 * n_labels + k] for item i; NULL/0 for none. */
Status compare_write(const char *dir, const BatchItem *items, int n, int year,
                     const char *const *label_names, const char *const *label_values,
                     int n_labels, Diag *d);

/* DIR/sweep.dat (and .csv): one row per grid point: `point`, the n varied
 * settings' values (numbers unquoted), `i_1..i_n` (each value's 0-based index
 * in its --vary list), every annual metric of the year, then pass_/margin_
 * per target id. values/index hold n entries per item. */
Status compare_write_sweep(const char *dir, const BatchItem *items, int n_items, int year,
                           const char *const *names, const char *const *values,
                           const int *index, int n, Diag *d);

#endif
