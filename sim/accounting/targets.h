/* targets.h — checks a scenario's targets against its annual rows
 * (DESIGN §7): value, threshold, pass and margin per target and year, and the
 * base plan's own target set (the seed's indicators 14, 15, 20 and the
 * capacities of 第五篇第一章).
 *
 * Rules (margin > 0 passes with room, margin < 0 fails; a pass never has a
 * negative margin):
 *   OP_GE        value = metric(year); pass if value >= threshold;
 *                margin = value − threshold.
 *   OP_LE        pass if value <= threshold; margin = threshold − value.
 *   OP_RANGE     pass if threshold <= value <= upper;
 *                margin = min(value − threshold, upper − value).
 *   OP_REDUCTION value = (m(base) − m(year)) / |m(base)|, the fall since the
 *                base year as a fraction (1 − m(year)/m(base) for a positive
 *                base: intensity 14 % lower → 0.14; written with |m(base)| so
 *                that a fall still reads positive for a negative base, e.g.
 *                net-exchange CO2 of a net exporter). pass if value >=
 *                threshold; margin = value − threshold. base_year 0 means the
 *                first row's year (DESIGN §2: the first year is the base year
 *                of intensity targets).
 *   Tolerance: a comparison a >= b passes when a >= b − 1e-9 × max(|a|,|b|),
 *   so exact hits pass despite rounding (1 − 0.88 vs 0.12); a margin inside
 *   that tolerance is reported as 0.
 *   Years: year = Y checks the row of year Y; year = 0 checks every row, except
 *   that an every-year OP_REDUCTION skips the rows up to and including its base
 *   year (a reduction from a year is measured after it).
 *   Not evaluable — unknown metric, no row for the year or base year, a
 *   non-finite metric value, threshold or bound, or a reduction from a base
 *   value of 0: the result fails with valid = 0, value = 0 and margin = 0.
 *   Failing evaluable results always have margin < 0, so (pass 0, margin 0)
 *   marks "not evaluable" even where the valid flag is not written. A target
 *   that cannot be checked is not met; config validation should catch the
 *   causes earlier (unknown metric, year outside the period).
 *
 * Basis and kind (issue 9): each result carries its target's basis (plan,
 * policy, assumption: where the threshold comes from) and kind:
 *   KIND_RESULT    a value the simulation computed (dispatch, accounting);
 *   KIND_SCHEDULE  the scenario's own build-out, an input: the check says
 *                  whether the schedule reaches what the plan says, not
 *                  what the simulation found.
 *   KIND_AUTO (the default) resolves to schedule when the metric is a
 *   technology's capacity in force — owned by a technology other than the
 *   load (tech.def) and measured in MW or Mt/a (wind_capacity_mw,
 *   solar_capacity_mw, storage_power_mw, coal_capacity_mt,
 *   export_capacity_mw, ...) — and to result otherwise.
 *   A schedule target is checked on the capacity installed at year end: on
 *   metric <name>_end_<unit> when the registry has it (wind_capacity_end_mw,
 *   solar_capacity_end_mw, coal_capacity_end_mt), else on its own metric
 *   (storage, coal units and the line count from 1 January anyway). With
 *   commissioning = "monthly" the year-mean capacity of the year a schedule
 *   reaches its value lies below that value, so checking the mean would fail
 *   a build-out that meets the plan in December. The result keeps the
 *   metric named in the target. */
#ifndef ECSIM_TARGETS_H
#define ECSIM_TARGETS_H

#include "metrics.h"
#include "model.h"

typedef struct {
    char id[64];
    char label[128];
    char metric[64];
    int year;            /* the year checked */
    double value;        /* metric value, or the reduction fraction */
    TargetOp op;
    double threshold, upper;   /* upper: OP_RANGE only (copied as given) */
    int base_year;       /* OP_REDUCTION: the base year actually used; else 0 */
    int pass;            /* 1 met, 0 not met */
    double margin;       /* > 0 room to spare, < 0 shortfall; never NaN */
    int valid;           /* 0: not evaluable (see rules above); pass is then 0 */
    char note[256];      /* as configured */
    TargetBasis basis;   /* as configured */
    TargetKind kind;     /* resolved: KIND_RESULT or KIND_SCHEDULE, never AUTO */
} TargetResult;

/* Evaluates every target of tl for every year it applies to (year 0 = every
 * row of rows[0..n_rows-1]), in target order, then row order. Writes at most
 * max results into res (res may be NULL when max is 0) and returns the number
 * written; *n_failed (if not NULL) counts every failing result, including any
 * beyond max, so the exit status stays right (DESIGN §11: 3 when all ran and
 * any target failed). Metric names are looked up in the metrics registry. */
int targets_evaluate(const TargetList *tl, const AnnualRow *rows, int n_rows,
                     TargetResult *res, int max, int *n_failed);

/* t's kind with KIND_AUTO resolved (rules above). */
TargetKind targets_kind(const Target *t);

/* The metric a target of this kind on `metric` is checked on: the year-end
 * counterpart for a schedule target where one exists, else the metric
 * itself; NULL if metric is unknown. */
const Metric *targets_checked_metric(const char *metric, TargetKind kind);

/* Number of results targets_evaluate would produce for these rows. */
int targets_result_count(const TargetList *tl, const AnnualRow *rows, int n_rows);

/* Replaces *tl with the base plan's target set (DESIGN §7), ids and Chinese
 * labels as in the plan: energy_production_capacity, carbon_intensity,
 * energy_intensity, coal_capacity, wind_capacity, solar_capacity,
 * storage_capacity, renewable_utilisation, unserved_energy. */
void targets_seed_defaults(TargetList *tl);

/* *out = *r field by field on zeros: a copy whose padding bytes are 0, so that
 * binary files of target checks (shards) are the same bytes for the same checks. */
void targets_result_packed(TargetResult *out, const TargetResult *r);

#endif
