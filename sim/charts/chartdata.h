/* chartdata.h — the chart data derived from a scenario's result files for
 * the scripts in plots/ (DESIGN §10): charts/chartdata.gp, charts/duration-
 * YYYY.dat and charts/dashboard.dat (labels and units from present.h).
 * Charts read files, never internal state. */
#ifndef ECSIM_CHARTDATA_H
#define ECSIM_CHARTDATA_H

#include <stddef.h>
#include <stdio.h>

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

/* Writes the display units that plots/common.gp scales by (p_scale_zh,
 * p_unit_zh, ..., from present.h) as gnuplot assignments that a "-e"
 * setting overrides; part of every chartdata.gp. */
void chart_write_units(FILE *f);

#endif
