/* fitreport.h — the fit report of `ecsim fit-weather` (issue 10): charts of
 * the synthetic-weather settings fitted to weather files against what the
 * files show, and fit_report.html, made from the files fit-weather writes
 * into its folder and nothing else (docs/charts.md, "The fit report"). */
#ifndef ECSIM_FITREPORT_H
#define ECSIM_FITREPORT_H

#include "status.h"

/* One chart of the fit report. */
typedef struct {
    const char *name;        /* charts/<name>.png and .svg */
    const char *script;      /* plots/<script> */
    const char *title_zh, *title_en;
    const char *caption_zh, *caption_en;
} FitChart;

/* The charts, in report order. */
int fitreport_chart_count(void);
const FitChart *fitreport_chart_get(int i);

/* Reads the files of dir (params.cfg, fit.md, weibull.dat, acf.dat,
 * diurnal.dat, clearness.dat, temperature.dat: their columns in
 * docs/charts.md), draws charts/fit-*.png (1600x900) and .svg with the
 * scripts plots/fit-*.gp, and writes fit_report.html: the tables of fit.md,
 * every chart inlined, params.cfg and how to use it. The name in the page's
 * and the charts' titles is fit.md's first '# ' heading, else dir's name.
 *
 * Every input file is read and checked before anything is written: a file
 * missing, a number that is not one, a row with too few or too many fields,
 * a month block out of order or not separated by two blank lines, a value out
 * of its range: ST_IO with "file:line: column N (name): message", and
 * nothing is created or changed in dir. Each output appears complete or not
 * at all (temporary name, renamed).
 *
 * plots_dir and lang as for plot_scenario (plot.h): NULL searches the
 * scripts; lang "zh" (the default when NULL) or "en". Without gnuplot
 * (ST_NO_GNUPLOT) or the CJK font for zh (ST_PLOT) the page is still written,
 * naming the charts that were not drawn; a chart that fails (ST_PLOT) is
 * named the same way and leaves no file. Returns the first failure, else
 * ST_OK; ST_USAGE for another lang or no scripts; ST_NOMEM. */
Status fitreport_write(const char *dir, const char *plots_dir, const char *lang, Diag *d);

#endif
