/* present.h — how results are shown to people (DESIGN §9–§10), defined once
 * for summary.md, the comparison summary, report.html and the chart data:
 * for each canonical unit of the metric registry ("MW", "MWh", "Mtce",
 * "亿tce", "1", ...) the plan unit (zh: 万千瓦, 亿千瓦时, 万吨标煤, %) and
 * the SI display unit (en) with their scale factors; the number format of
 * reports and charts; and a metric's display label, unit and value from
 * metrics.h. Views list metric names; labels and units come from here. */
#ifndef ECSIM_PRESENT_H
#define ECSIM_PRESENT_H

#include <stddef.h>

#include "metrics.h"
#include "model.h"

/* A display unit: display value = canonical value x scale. */
typedef struct {
    double scale;
    const char *unit;   /* appended to the number: "万千瓦", " MW", "%" ("" none) */
    int percent;        /* a fraction shown in %: margins are percentage points */
} DisplayUnit;

/* The display unit of a canonical unit for values of about `magnitude`
 * (in the canonical unit): zh the plan's unit, en SI. The magnitude picks
 * 亿千瓦时 / 万千瓦时 (GWh / MWh) for energies. An unknown unit is shown
 * as it is, scale 1. */
DisplayUnit present_unit(const char *unit, double magnitude, int en);
/* The display unit of `unit` whose text (without a leading blank) is name,
 * e.g. ("Mtce", "亿吨标煤"), ("MWh", "万千瓦时"), ("1", "") for a count;
 * for tables that keep one unit whatever the values. 0 if there is none. */
int present_unit_named(const char *unit, const char *name, int en, DisplayUnit *out);
/* 1 when the unit table knows the canonical unit. */
int present_unit_known(const char *unit);
/* The unit text without its leading blank ("MW" for " MW"). */
const char *present_unit_text(const DisplayUnit *u);

/* Formats v (canonical unit) with 3-4 significant digits and its display
 * unit, e.g. "320万千瓦", "0.421亿吨标煤", "85%"; a true minus sign; sign:
 * also "+" (or "±" for zero) when >= 0. Margins of fractions are written
 * in percentage points (个百分点 / pp). Non-finite: "无" / "n/a". Returns buf. */
char *present_format(char *buf, size_t n, const char *unit, double v, int en, int sign, int is_margin);
/* The same in the unit chosen for magnitude (one unit for a row of values). */
char *present_format_as(char *buf, size_t n, const char *unit, double v, double magnitude, int en, int sign,
                        int is_margin);

/* A metric's label by column name (metrics.h), without a unit in
 * parentheses ("(亿吨标煤)", "(100 Mtce)": the value states its unit); the
 * name itself if unknown. Returns buf. */
char *present_metric_label(const char *metric, int en, char *buf, size_t n);
/* A metric's canonical unit by column name, "" if unknown. */
const char *present_metric_unit(const char *metric);

/* One figure of a bilingual table (summary.md, the comparison summary):
 * the metric, its printf format in the display unit, and optionally the
 * name of the display unit when not the plan's usual one (present_unit_named). */
typedef struct {
    const char *metric;
    const char *format;
    const char *unit;    /* NULL: present_unit(unit, HUGE_VAL, zh) */
    int indent;          /* a sub-row of the row above */
} Figure;

/* A figure resolved against the registries: the metric, its display unit
 * and the heading "风电装机 wind capacity (万千瓦)" (zh label, en label,
 * plan unit). 0 when the metric or the named unit is unknown. */
typedef struct {
    const Metric *m;
    DisplayUnit u;
    const char *format;   /* the figure's */
    char heading[256];
} FigureCol;

int present_figure(const Figure *f, FigureCol *out);

/* Per-technology figures: a figure whose metric is one of these tokens
 * stands for one figure per generator of the technology registry (tech.def
 * rows with generator metrics: wind, PV, CSP), in registry order, with the
 * token's format, unit and indent: its capacity, the energy taken by the
 * system, the energy available before curtailment, its full-load hours. A
 * new generator thus reaches summary.md and report.html by its tech.def row. */
#define FIG_TECH_CAPACITY "@capacity"
#define FIG_TECH_USED "@used"
#define FIG_TECH_AVAIL "@avail"
#define FIG_TECH_FLH "@flh"
#define PRESENT_TECH_MAX 16

/* The figures a token stands for: names[k], the metric of generator k, and the
 * capacity metric of that generator in capacity[k] (to leave out a
 * technology the run does not have). Returns their number, or -1 when
 * `metric` is no token (a plain figure). */
int present_tech_figures(const char *metric, const char *names[PRESENT_TECH_MAX],
                         const char *capacity[PRESENT_TECH_MAX]);

/* A generator's rows are shown when its capacity is above zero in some year
 * of the run: a plan without a CSP plant has no CSP rows (so its tables read
 * as before CSP existed); a plan with one shows them in every year. */
int present_tech_shown(const char *capacity_metric, const AnnualRow *rows, int n_rows);
/* The figure's value of a row in its display unit. */
double present_figure_value(const FigureCol *c, const AnnualRow *r);

/* The console line of a finished run: a few figures of row r with their
 * English labels and SI units ("renewable utilisation 85.0%, curtailed
 * 747 GWh, ..."). Returns buf. */
char *present_console_line(char *buf, size_t n, const AnnualRow *r);

/* Target rows (targets.dat) in words. The English label of a target on
 * metric: "Wind capacity", "Energy intensity reduction". Returns buf. */
char *present_target_label_en(const char *metric, TargetOp op, char *buf, size_t n);
/* A target's value in display units; reductions as "降低40.5%" / "40.5%
 * lower". Returns buf. */
char *present_target_value(char *buf, size_t n, const char *metric, TargetOp op, double value, int en);
/* A target's margin, signed; of a reduction in percentage points. */
char *present_target_margin(char *buf, size_t n, const char *metric, TargetOp op, double margin, int en);

/* The comparison sign of an operator: "≥" for OP_GE and OP_REDUCTION, "≤"
 * for OP_LE, "–" for OP_RANGE. */
const char *present_op_symbol(TargetOp op);

#endif
