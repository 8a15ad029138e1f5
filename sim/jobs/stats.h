/* stats.h — streaming statistics over many runs (ensembles, sweeps): mean,
 * variance, minimum and maximum of every annual metric per year, updated
 * one run at a time (Welford's method), so memory does not grow with the
 * number of runs. A list sink of the job engine (jobs.h). */
#ifndef ECSIM_STATS_H
#define ECSIM_STATS_H

#include "jobs.h"

/* One running statistic. Welford: numerically stable, one pass. */
typedef struct {
    long n;
    double mean, m2;          /* m2: sum of squared deviations from the mean */
    double min, max;
} Welford;

void welford_init(Welford *w);
void welford_add(Welford *w, double x);
/* Sample variance (n - 1 in the denominator); NaN for n < 2. */
double welford_variance(const Welford *w);

/* Every annual metric for the years first_year..first_year + n_years - 1
 * (rows of other years are ignored). */
typedef struct {
    int first_year, n_years, n_metrics;
    long runs;                /* results added */
    Welford *acc;             /* [year][metric] */
} RunStats;

Status stats_init(RunStats *st, int first_year, int n_years);
void stats_free(RunStats *st);
void stats_add(RunStats *st, const RunResults *res);
/* NULL for a year outside the range or an unknown metric index. */
const Welford *stats_get(const RunStats *st, int year, int metric);
/* Adds every job that ran (status ST_OK). */
ListSink stats_sink(RunStats *st);

#endif
