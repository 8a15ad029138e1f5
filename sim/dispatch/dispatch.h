/* dispatch.h — the hourly dispatch of one year: one loop per strategy,
 * chosen once per year (DESIGN §5, STYLE §4).
 *
 * Every hour closes the balance (series.def, by sign)
 *   wind_used + solar_used + coal + discharge + import + unserved + scheduled
 *     = load + export + charge,
 * where wind and solar are the curtailable pool (lim->pool_*: the members'
 * available and used series) and scheduled (in->v[SER_SCHEDULED]) is the
 * supply of technologies dispatched before the loop (CSP), fixed here; with
 * pool = the members' available power, keep = the share used (1 when nothing
 * is curtailed), each member's used = available x keep, curtailed = pool -
 * pool x keep >= 0; all flows >= 0, SOC within [soc_min_mwh, soc_max_mwh]. */
#ifndef ECSIM_DISPATCH_H
#define ECSIM_DISPATCH_H

#include "model.h"
#include "status.h"

/* What a year's dispatch reports besides the series. */
typedef struct {
    /* Hours in which the coal fleet ran below its floor max(coal_min_mw,
     * previous hour - ramp): must-run coal plus renewables exceeded load,
     * firm export, storage charging and the free line capacity even with all
     * renewables curtailed. A model result (an over-committed fleet), not an
     * error; it feeds the annual metric coal_min_violation_hours. */
    int below_floor_hours;
    double below_floor_mwh;        /* sum over those hours of floor - coal */
    /* Unit commitment (lim->coal_commit): committed capacity started over
     * the year, the sum of its hourly increases (MW); 0 otherwise. */
    double coal_started_mw;
    /* Energy added (+) or removed (-) at the start of the year to bring
     * st->soc_mwh into [soc_min_mwh, soc_max_mwh] (the window can change
     * between years); 0 when the caller already put it inside. */
    double soc_clamp_mwh;
    /* Invariant checks, only in builds with -DECSIM_CHECKS (always 0
     * otherwise): hours in which the balance did not close within 1e-6 of the
     * hour's scale, a flow was negative or above its limit, curtailment was
     * negative, SOC left its window by more than 1e-9 MWh, or a value was not
     * finite. The caller turns check_violations > 0 into ST_NUMERIC. */
    int check_violations;
    int first_violation_hour;      /* -1 when none */
} DispatchReport;

/* Dispatches hours 0 .. in->hours-1 of one year under lim->strategy, starting
 * from *st (SOC and last hour's coal output, carried over from the previous
 * year) and writing it back at the end. Fills every series of out for those
 * hours; out's arrays must not overlap in's. Strategies:
 *
 * STRATEGY_RENEWABLE_FIRST (DESIGN §5). Each hour, after self-discharge:
 *   - coal starts at its floor lo = max(coal_min, prev - ramp) (must-run),
 *     capped at coal_max; its ceiling is hi = min(coal_max, prev + ramp),
 *     never below lo. prev of hour 0 is st->coal_mw;
 *   - the pool and the scheduled supply serve load + firm export
 *     (in->v[SER_EXPORT_FIRM]);
 *   - a surplus at the floor charges storage, then goes to the line up to its
 *     free capacity in->v[SER_EXPORT_ROOM] (line - firm export, capped by
 *     the receiving grid's absorption limit: exportline.h; NULL means
 *     max(line - firm, 0)), then the pool is curtailed (each
 *     member in proportion to its availability; scheduled supply is never
 *     curtailed here), and whatever remains takes coal below its floor
 *     (counted in below_floor_hours);
 *   - a deficit is met by storage discharge, then coal up to hi, then import
 *     (if lim->import_allowed, up to line_mw and, with lim->import_limited,
 *     lim->import_limit_mw), then it is unserved.
 * With forced outages (in->v[SER_COAL_AVAIL] not NULL) coal's ceiling in
 * hour h is the capacity available, and its floor is scaled by the share
 * available (docs/adequacy.md).
 *
 * STRATEGY_LINE_FIRST: renewable-first with the line before storage: a
 * surplus fills the free line, then charges storage, then is curtailed; in a
 * surplus hour that leaves the line unfilled, storage discharges into it.
 *
 * STRATEGY_PEAK_SHAVING. Net load nl = load + firm export - pool - scheduled;
 * peak hours are those with nl > lim->peak_threshold_mw. The same order as
 * renewable-first, except:
 *   - in peak hours storage discharges first, but only by the excess
 *     nl - threshold (and at most the deficit at the coal floor); it does not
 *     charge from coal;
 *   - in other hours storage does not discharge to serve the deficit; coal and
 *     import do. Instead it refills: from the renewable surplus first, then
 *     from coal headroom (coal raised up to hi, grid charging);
 *   - in any hour, if load would go unserved after coal and import, storage
 *     discharges what it can (within the power not yet used that hour) before
 *     energy is counted unserved: keeping energy for a peak never costs
 *     supply now.
 *
 * Within each hour self-discharge comes first (storage.h), and soc_mwh[h] is
 * the SOC at the end of hour h. Firm export is delivered in every hour (it is
 * must-deliver); in an hour that also imports, both flows are reported gross.
 * No allocation, no I/O; the series are complete when it returns ST_OK, and
 * *rep holds the year's report. STRATEGY_OPTIMAL goes to lpdispatch_year
 * with lim->lp_work (its statuses: ST_NOMEM, ST_LP_FAILED). A strategy that
 * is none of these returns
 * ST_UNKNOWN_STRATEGY and writes no series (no silent default). */
Status dispatch_year(const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                    YearSeries *out, DispatchReport *rep);

/* The peak-shaving threshold of a year: the percentile-th percentile
 * (0 .. 100, clamped) of net load = load + firm export - each member of
 * lim's pool (in order) - scheduled supply over
 * the year's hours, with linear interpolation between order statistics (the
 * definition of gsl_stats_quantile_from_sorted_data, Hyndman and Fan type 7).
 * Uses scratch (ECSIM_MAX_HOURS doubles, overwritten) and two O(n) selections;
 * call it once per year before dispatch_year, never in the hourly loop.
 * Returns NAN if an input or the percentile is not finite, 0 for 0 hours. */
double dispatch_peak_threshold(const DispatchLimits *lim, const YearInputs *in, double percentile,
                               double *scratch);

#endif
