/* testutil.h — helpers shared by the test suites. */
#ifndef ECSIM_TESTUTIL_H
#define ECSIM_TESTUTIL_H

int file_exists(const char *path);
/* Width and height of a PNG from its IHDR chunk, which the PNG standard puts
 * first (8-byte signature, length, "IHDR", width, height, big-endian);
 * -1 if the file is not a PNG. Independent of the code that wrote it. */
int png_size(const char *path, unsigned *w, unsigned *h);
/* 1 if an executable gnuplot is on PATH. */
int have_gnuplot(void);

#include <stddef.h>

#include "model.h"
#include "sim.h"
/* A whole file, NUL-terminated (the caller frees it), its length in *len
 * (len may be NULL); NULL if it cannot be read. */
char *read_all(const char *path, size_t *len);
/* Writes n bytes of text to path; 0 or -1. */
int write_all(const char *path, const char *text, size_t n);
/* Replaces line `line` (1-based) of dir/file with text, or deletes it
 * (NULL); a CUnit fatal assertion if the file cannot be rewritten. */
void edit_line(const char *dir, const char *file, int line, const char *text);
/* How many times needle occurs in hay (overlapping). */
int text_count(const char *hay, const char *needle);

/* Loads cfg with the overrides sets[0 .. n_sets), prepares a Run and
 * dispatches every year before `year`; the Run holds that year's inputs,
 * not yet dispatched. NULL if anything fails. */
Run *run_to_year(const char *cfg, const char *const *sets, int n_sets, int year, Scenario *s);

/* A year's series offset by h0 hours, so that a dispatch of hours
 * [h0, h0 + n) reads and writes them in place. */
YearInputs shift_in(const YearInputs *in, int h0, int n);
YearSeries shift_out(const YearSeries *out, int h0);

/* A year of hand-set hours with every series of the table, zero unless a
 * test sets it, attached to in (inputs) or out (results) as the table
 * says; on the heap (free it with free()), NULL if out of memory. */
/* The optimal dispatch against renewable-first, window by window over a
 * year's inputs, as the rolling program walks them: each window (window_h
 * plus the look-ahead) from the state the program's kept hours left (state
 * of charge, coal, committed capacity when units are committed as needed,
 * the hydrogen store when lp_out has it). windows counts them; worse the
 * windows whose optimum is above the rules' objective on the same hours
 * (relative 1e-7), lp_better those below it (relative 1e-3), obj_bad those
 * whose optimum is not lpdispatch_objective of the program's own flows
 * (relative 1e-6). on_window, if not NULL, sees each window after both
 * dispatched it (rules_out holds the rules' hours). */
typedef struct { int windows, worse, lp_better, obj_bad; } LpRulesTally;
struct LpDispatch;
LpRulesTally lp_against_rules(struct LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in,
                              DispatchState st, YearSeries *lp_out, YearSeries *rules_out,
                              void (*on_window)(void *ctx, int h0, int hours), void *ctx);

typedef struct {
    double v[SER_COUNT][ECSIM_MAX_HOURS];
    YearInputs in;
    YearSeries out;
} TestYear;
TestYear *test_year_new(int year, int hours);

#endif
