/* chartdata.h — the chart data derived from a scenario's result files for
 * the scripts in plots/ (DESIGN §10): charts/chartdata.gp, charts/duration-
 * YYYY.dat and charts/dashboard.dat; and the plan-unit formatting that the
 * charts and report.html share. Charts read files, never internal state. */
#ifndef ECSIM_CHARTDATA_H
#define ECSIM_CHARTDATA_H

#include <stddef.h>

#include "status.h"

/* Writes the chart data of scenario_dir into charts_dir (which must exist):
 * chartdata.gp, duration-YYYY.dat for every hourly year and dashboard.dat,
 * each to a temporary name and renamed. Reads annual.dat, targets.dat,
 * run.cfg (for the scenario's name) and the hourly files. ST_IO, ST_NOMEM. */
Status chart_write_data(const char *scenario_dir, const char *charts_dir, Diag *d);

/* The typical week of a season: the 7 days, midnight to midnight, whose mean
 * of `series` (wind speed) is the median among the 7-day windows that lie
 * wholly in the season's months. month[] and series[] have one entry per
 * hour (n_hours, a whole number of days). summer = June–August; winter =
 * January, February and December of the same year. Returns the first hour
 * of the week (ties: the earliest), or -1 if no window fits. */
int chart_median_week(const int *month, const double *series, int n_hours, int summer);

/* Plan units: a metric's value shown in the unit the plan uses (zh: 万千瓦,
 * 亿千瓦时, 万吨, 亿吨标煤, %, ...) or SI (en). `unit` is the metric's unit
 * from metrics.c; magnitude picks 亿千瓦时/万千瓦时 (GWh/MWh) for energies. */
typedef struct {
    double scale;       /* display = value x scale */
    const char *unit;   /* appended to the number ("%" for fractions) */
    int percent;        /* a fraction shown in %: margins are percentage points */
} ChartUnit;

ChartUnit chart_unit(const char *unit, double magnitude, int en);
/* Formats v of the given unit with 3-4 significant digits and its plan
 * unit, e.g. "320万千瓦", "0.421亿吨标煤", "85.0%". sign: also "+" when >= 0.
 * Margins of fractions are written in percentage points (个百分点 / pp).
 * Returns buf. */
char *chart_format(char *buf, size_t n, const char *unit, double v, int en, int sign, int is_margin);
/* The same in the unit chosen for magnitude (one unit for a row of values). */
char *chart_format_as(char *buf, size_t n, const char *unit, double v, double magnitude, int en, int sign,
                      int is_margin);
/* Label of a metric by column name (metrics.c), without a unit in
 * parentheses; the name itself if unknown. Returns buf. */
char *chart_metric_label(const char *metric, int en, char *buf, size_t n);
/* Unit of a metric by column name (metrics.c), "" if unknown. */
const char *chart_metric_unit(const char *metric);

#endif
