/* plotens.h — the charts and the report of a weather ensemble (`ecsim
 * ensemble`, issue 11): fan charts of the key metrics by year, the
 * probability that each target is met, the spread of one metric across the
 * members, and ensemble_report.html, made from the files the ensemble writes
 * into DIR/<scenario>/ (members.dat, ensemble.dat, probabilities.dat,
 * summary.md; docs/charts.md, "The ensemble report") and nothing else. */
#ifndef ECSIM_PLOTENS_H
#define ECSIM_PLOTENS_H

#include "status.h"

#define PLOTENS_THRESHOLD 0.9   /* the default probability a target should be met with */

/* One chart of the ensemble report. */
typedef struct {
    const char *name;        /* charts/<name>.png and .svg, drawn by plots/<name>.gp */
    const char *title_zh, *title_en;
    const char *caption_zh, *caption_en;
} EnsChart;

int plotens_chart_count(void);
const EnsChart *plotens_chart_get(int i);

/* Reads and checks the four files of scenario_dir, writes the chart data
 * (charts/ens-chartdata.gp, ens-fan.dat, ens-prob.dat, ens-hist.dat), draws
 * charts/ens-*.png (1600x900) and .svg with plots/ens-*.gp, and writes
 * ensemble_report.html (not report.html: a plain run's report may share the
 * folder). prob_threshold (0 < p <= 1; PLOTENS_THRESHOLD by default) colours
 * the probability bars: green at or above it, amber below it with the
 * upper end of the Wilson interval still reaching it, red when even that
 * is below.
 *
 * Every input is checked before anything is written: a file missing, a
 * header naming other columns, a row with too few or too many fields, a
 * field that is not a number (NaN and, for a threshold, '-' are allowed), a
 * probability outside 0..1: ST_IO with "file:line" and "column N (name)",
 * and nothing is created or changed. Each output appears complete or not at
 * all. plots_dir and lang as for plot_scenario (plot.h). Without gnuplot
 * (ST_NO_GNUPLOT) or the CJK font for zh (ST_PLOT) the page is still
 * written, naming the charts not drawn. ST_USAGE for another lang, a
 * threshold out of range or no scripts; ST_NOMEM. */
Status plot_ensemble(const char *scenario_dir, const char *plots_dir, const char *lang, double prob_threshold,
                     Diag *d);

/* dir holds ensemble.dat, probabilities.dat and members.dat (regular files). */
int plotens_is_scenario(const char *dir);

/* The subfolders of dir that are ensemble scenario folders, sorted by name
 * (bytewise): *names (free with plotens_free_list) and their number; 0 when
 * none, -1 when dir cannot be read or memory runs out. */
int plotens_list_scenarios(const char *dir, char ***names);
void plotens_free_list(char **names, int n);

/* plot_ensemble for each of the n scenario folders dirs[], every one's files
 * checked first: one bad folder and nothing is drawn (its ST_IO names the
 * file and line). Returns the first failure of the drawing, else ST_OK. */
Status plot_ensemble_dirs(const char *const *dirs, int n, const char *plots_dir, const char *lang,
                          double prob_threshold, Diag *d);

/* The folder of `ecsim compare --runs` (or of its merge): reads and checks
 * dir/comparison_ensemble.dat (its header, numbers, every row naming the
 * same reference, the reference the first scenario, each scenario's folder
 * dir/<scenario>/ an ensemble's and its files as plot_ensemble checks them),
 * all before anything is written; then draws each scenario's charts and
 * ensemble_report.html (plot_ensemble) and the comparison chart
 * dir/charts/ens-cmp.png and .svg (plots/ens-cmp.gp): per target check of the
 * reference (target, year), one bar per scenario with its probability of
 * meeting it, the variants' error bars the reference's probability plus the
 * 95 % Newcombe interval of the paired difference; its data
 * charts/ens-cmp.dat and ens-cmp-chartdata.gp. *n_scenarios (may be NULL)
 * gets the number of scenarios. Statuses as plot_ensemble. */
Status plot_ensemble_compare(const char *dir, const char *plots_dir, const char *lang, double prob_threshold,
                             int *n_scenarios, Diag *d);

#endif
