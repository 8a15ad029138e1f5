/* plotcmp.h — charts across scenarios (DESIGN §10, docs/charts.md): the
 * comparison charts of `ecsim compare --plot` and the sweep chart of
 * `ecsim sweep`, drawn by gnuplot (gnuplot.c) from the files the comparison
 * and the sweep wrote. No global state. */
#ifndef ECSIM_PLOTCMP_H
#define ECSIM_PLOTCMP_H

#include "status.h"

/* Draws the comparison charts of dir (as written by the comparison sink of compare.h:
 * comparison.dat, and dir/<scenario>/annual.dat and targets.dat of each
 * scenario) into dir/charts/, PNG 1600x900 and SVG:
 *   compare-figures       key figures of the compared year, one panel each,
 *                         one bar per scenario;
 *   compare-trajectories  wind + PV capacity, curtailment, coal output,
 *                         energy and carbon intensity over the years, one
 *                         line per scenario (from dir/<scenario>/annual.dat);
 *   compare-targets       the target dashboard: rows target ids, columns
 *                         scenarios, green met / red missed / grey absent,
 *                         with the margin written in the cell.
 * The chart data go to dir/charts/ first (chartdata.gp, compare.gp,
 * compare-targets.dat). A scenario without annual.dat is left out of the
 * trajectories with a warning. plots_dir and lang as for plot_scenario
 * (plot.h). Returns ST_OK; ST_NO_GNUPLOT (nothing written); ST_PLOT (a
 * chart failed or warned: the others are drawn; or zh without the CJK font);
 * ST_IO (comparison.dat missing or malformed, writing); ST_NOMEM; ST_USAGE
 * (lang, no scripts). */
Status plot_comparison(const char *dir, const char *plots_dir, const char *lang, Diag *d);

/* Draws metric (an annual metric name, metrics.h) of dir/sweep.dat (as
 * written by a sweep's comparison sink) into dir/charts/sweep-<metric>.png and
 * .svg: against the varied setting as a line with points (one setting), as
 * a heat map over the two settings' values with each cell labelled (two),
 * or against the first setting with one line per combination of the others
 * (more). The chart data go to dir/charts/sweep-<metric>.dat and .gp.
 * Statuses as plot_comparison; ST_USAGE also for an unknown metric (with a
 * suggestion) or one that sweep.dat lacks. */
Status plot_sweep(const char *dir, const char *metric, const char *plots_dir, const char *lang, Diag *d);

#endif
