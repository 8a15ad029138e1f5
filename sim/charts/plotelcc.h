/* plotelcc.h — the chart of `ecsim elcc --plot` (docs/adequacy.md): the
 * capacity credit (ELCC, % of nameplate) of each resource by year, pooled
 * over the members, with the members' P10-P90 range, drawn from DIR/elcc.dat
 * and nothing else. */
#ifndef ECSIM_PLOTELCC_H
#define ECSIM_PLOTELCC_H

#include "status.h"

/* Reads and checks dir/elcc.dat (its header must name the columns `ecsim
 * elcc` writes; every field a number where one is expected: ST_IO with
 * "file:line"), writes dir/charts/elcc-chartdata.gp and elcc-chart.dat and
 * draws dir/charts/elcc.png (1600x900) and .svg with plots/elcc.gp. lang
 * "zh" (NULL) or "en"; plots_dir as for plot_scenario (plot.h): NULL
 * searches. ST_NO_GNUPLOT, ST_PLOT (a script failed, or no CJK font for
 * zh), ST_USAGE (lang, no scripts), ST_IO, ST_NOMEM. */
Status plot_elcc(const char *dir, const char *plots_dir, const char *lang, Diag *d);

#endif
