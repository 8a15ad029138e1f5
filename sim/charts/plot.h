/* plot.h — the standard charts of a scenario (DESIGN §10): derived chart
 * data written by chartdata.c, then gnuplot run on each plots/<chart>.gp,
 * PNG and SVG into <scenario>/charts/. gnuplot itself is started by
 * gnuplot.c, the only module that does (STYLE §2). No global state:
 * scenarios may be plotted in parallel. */
#ifndef ECSIM_PLOT_H
#define ECSIM_PLOT_H

#include "metrics.h"
#include "series.h"
#include "status.h"
#include "tech.h"

/* One chart of the standard set. */
typedef struct {
    const char *name;        /* charts/<name>.png and .svg */
    const char *script;      /* plots/<script> */
    const char *title_zh, *title_en;
    const char *caption_zh, *caption_en;   /* one line: what to read from it */
    int needs_hourly;        /* drawn only when there is an hourly-YYYY.dat */
} PlotChart;

/* The standard set, in report order. */
int plot_chart_count(void);
const PlotChart *plot_chart_get(int i);

/* Draws every chart of the scenario output directory scenario_dir (as written
 * by `ecsim run`: annual.dat, targets.dat, run.cfg, hourly-YYYY.dat) into
 * scenario_dir/charts/ as <name>.png (1600x900) and <name>.svg, after writing
 * the chart data there (chartdata.gp, duration-YYYY.dat, dashboard.dat).
 * Each file appears complete or not at all (written to a temporary name,
 * renamed when gnuplot succeeded); the result files of the run are only read.
 *
 * plots_dir: the directory of the gnuplot scripts; NULL searches, in order,
 * $ECSIM_PLOTS, ./plots, and ../../plots and ../share/ecsim/plots next to the
 * running executable. lang: "zh" (Chinese labels, plan units; the default
 * when NULL) or "en" (SI).
 *
 * gnuplot is found on PATH and run once per chart and format, with fork and
 * exec (no shell), its stderr captured. Returns:
 *   ST_OK          every chart was drawn (charts that need an hourly file are
 *                  skipped with a warning in d when there is none);
 *   ST_NO_GNUPLOT  gnuplot is not on PATH: d says "gnuplot not found: install
 *                  the Debian package gnuplot-nox"; nothing is written;
 *   ST_PLOT        a script failed or printed anything on stderr (a warning
 *                  is a failure): d names the script and gnuplot's message; or
 *                  lang "zh" without the font Noto Sans CJK SC (d names the
 *                  Debian package fonts-noto-cjk); the other charts are drawn;
 *   ST_IO, ST_NOMEM reading the results, writing charts/, starting processes;
 *   ST_USAGE       lang is neither "zh" nor "en", or no scripts in plots_dir.
 * With lang "en" a missing CJK font is a warning in d and gnuplot's default
 * font is used. */
/* Writes charts_dir/colours.gp: c_<technology> = '#RRGGBB' for every
 * technology of the registry (tech.h), which common.gp loads. */
Status plot_write_colours(const char *charts_dir, Diag *d);

/* dir/name is a regular file (lstat: not a link). */
int plot_has_file(const char *dir, const char *name);

/* One segment of the supply stack of the generation and week charts. */
typedef struct {
    const Tech *tech;
    const Series *series;    /* its supply series: hourly column, labels */
    const Metric *metric;    /* the series' annual sum (annual.dat column) */
    const char *colour;      /* "#RRGGBB" */
} PlotStackItem;

#define PLOT_STACK_MAX 16

/* The supply stack, bottom first, of the technologies techs[0..n_tech):
 * each technology owning a supply series (series.def: sign +1, an hourly
 * column with an annual metric) at its tech.def position `stack`. Returns
 * the number of segments, or -1 with the reason in err when a supply series
 * has no position (or a technology a position but no supply series, two
 * the same position, positions with a gap, or more than max). */
int plot_stack_of(const Tech *techs, int n_tech, PlotStackItem *out, int max, char *err, size_t n_err);
/* The same for the registry (tech_get). */
int plot_stack(PlotStackItem *out, int max, char *err, size_t n_err);

/* Writes charts_dir/stack.gp: the supply stack as gnuplot word lists,
 * bottom first — stack_n, stack_metrics (annual.dat columns), stack_cols
 * (hourly columns), stack_colours, stack_labels_zh, stack_labels_en
 * (labels quoted for word(): no blank in the lists of labels breaks them) —
 * which common.gp loads. */
Status plot_write_stack(const char *charts_dir, Diag *d);

Status plot_scenario(const char *scenario_dir, const char *plots_dir, const char *lang, Diag *d);

/* What `ecsim plot DIR` finds in DIR, by the files there (docs/charts.md):
 *   PLOT_DIR_RUN           a run's folder: annual.dat, targets.dat, run.cfg;
 *   PLOT_DIR_ELCC          the folder of `ecsim elcc`: elcc.dat;
 *   PLOT_DIR_ENSEMBLE      an ensemble's scenario folder: ensemble.dat,
 *                          probabilities.dat and members.dat;
 *   PLOT_DIR_ENS_COMPARE   the folder of `compare --runs` (or its merge):
 *                          comparison_ensemble.dat;
 *   PLOT_DIR_ENS_OUT       the output folder of `ecsim ensemble` (or its
 *                          merge): a subfolder that is an ensemble's;
 *   PLOT_DIR_NONE          none of these (or not a directory).
 * The first that fits, in this order; files are regular files, not links. */
typedef enum {
    PLOT_DIR_NONE, PLOT_DIR_RUN, PLOT_DIR_ELCC, PLOT_DIR_ENSEMBLE, PLOT_DIR_ENS_COMPARE, PLOT_DIR_ENS_OUT
} PlotDirKind;
PlotDirKind plot_dir_kind(const char *dir);

/* Writes charts_dir/costs.gp: the technologies with costs (costs.def), their
 * investment and unit-cost columns and labels, for investment.gp and lcoe.gp. */
Status plot_write_costs(const char *charts_dir, Diag *d);

#endif
