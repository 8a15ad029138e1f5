/* dispatch.c — the hourly loop of one year, one function per strategy
 * (DESIGN §5, STYLE §4). Invariant: every hour's balance closes, SOC stays in
 * its window, all flows are >= 0 (checked per hour under ECSIM_CHECKS).
 *
 * Shape of each loop: limits and carried state (soc, last coal output) are
 * locals, arrays are restrict pointers, the strategy was chosen before the
 * loop, and nothing is called through a pointer. An hour is worked out in a
 * small Hour value by static inline helpers shared by the strategies, then
 * stored once into the ten output series. */
#include "dispatch.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "storage.h"

/* The flows of one hour (MW, = MWh over the hour). */
typedef struct {
    double wind_used, solar_used, coal, discharge, import, export_mw, charge, curtailed, unserved;
} Hour;

/* Ternaries rather than fmin/fmax: without -ffinite-math-only GCC calls the
 * library functions for their NaN rules; these compile to minsd/maxsd. */
static inline double dmin(double a, double b) { return a < b ? a : b; }
static inline double dmax(double a, double b) { return a > b ? a : b; }

/* Places what is left of a surplus after storage charging: to the free line
 * capacity, then by curtailing renewables pro rata to their availability,
 * then by taking coal below its floor. Sets export, curtailed, the used
 * renewables and coal; returns how far coal went below coal_lo (0 normally). */
static inline double place_surplus(Hour *r, double rest, double free_line_mw,
                                   double wind_mw, double solar_mw, double coal_lo)
{
    double extra = dmin(rest, free_line_mw);
    rest -= extra;
    double re = wind_mw + solar_mw;
    double curt = dmin(rest, re);
    rest -= curt;
    r->export_mw += extra;
    r->curtailed = curt;
    if (curt > 0.0) {
        double keep = (re - curt) / re;   /* curt > 0 implies re > 0 */
        r->wind_used = wind_mw * keep;
        r->solar_used = solar_mw * keep;
    }
    /* rest <= coal_lo: the surplus at the floor is at most re + coal_lo when
     * load and export are >= 0, and re has been curtailed in full. */
    r->coal = coal_lo - rest;
    return rest;
}

/* Covers what is left of a deficit after storage: coal from coal_lo up to
 * coal_hi, then import up to import_cap_mw, then unserved. */
static inline void cover_deficit(Hour *r, double deficit, double coal_lo, double coal_hi,
                                 double import_cap_mw)
{
    double up = dmin(deficit, coal_hi - coal_lo);
    deficit -= up;
    r->coal = coal_lo + up;
    double imp = dmin(deficit, import_cap_mw);
    r->import = imp;
    r->unserved = deficit - imp;
}

#ifdef ECSIM_CHECKS
/* 1 if hour r satisfies every invariant of dispatch.h, else 0. */
static int hour_ok(const Hour *r, double wind_mw, double solar_mw, double load_mw,
                   double line_mw, double soc, const DispatchLimits *lim)
{
    const double v[9] = { r->wind_used, r->solar_used, r->coal, r->discharge, r->import,
                          r->export_mw, r->charge, r->curtailed, r->unserved };
    if (!isfinite(soc) || !isfinite(wind_mw) || !isfinite(solar_mw) || !isfinite(load_mw))
        return 0;
    double scale = 1.0 + wind_mw + solar_mw + fabs(load_mw);
    for (int i = 0; i < 9; i++) {
        if (!isfinite(v[i])) return 0;
        scale += fabs(v[i]);
    }
    double tol = 1e-6 * scale;
    for (int i = 0; i < 9; i++)
        if (v[i] < -tol) return 0;
    double supply = r->wind_used + r->solar_used + r->coal + r->discharge + r->import + r->unserved;
    double demand = load_mw + r->export_mw + r->charge;
    if (fabs(supply - demand) > tol) return 0;
    double curt = wind_mw + solar_mw - r->wind_used - r->solar_used;
    if (fabs(curt - r->curtailed) > tol) return 0;
    if (r->wind_used > wind_mw + tol || r->solar_used > solar_mw + tol) return 0;
    if (r->charge > lim->storage_power_mw + tol || r->discharge > lim->storage_power_mw + tol)
        return 0;
    if (r->import > (lim->import_allowed ? line_mw : 0.0) + tol) return 0;
    if (r->coal > lim->coal_max_mw + tol) return 0;
    if (soc < lim->soc_min_mwh - 1e-9 || soc > lim->soc_max_mwh + 1e-9) return 0;
    return 1;
}
#endif

/* The series of one year, as restrict pointers for the loops. */
typedef struct {
    double *restrict wind_used, *restrict solar_used, *restrict coal, *restrict discharge,
           *restrict import, *restrict export_mw, *restrict charge, *restrict soc,
           *restrict curtailed, *restrict unserved;
} Out;

static inline void store_hour(const Out *o, int h, const Hour *r, double soc)
{
    o->wind_used[h] = r->wind_used;
    o->solar_used[h] = r->solar_used;
    o->coal[h] = r->coal;
    o->discharge[h] = r->discharge;
    o->import[h] = r->import;
    o->export_mw[h] = r->export_mw;
    o->charge[h] = r->charge;
    o->soc[h] = soc;
    o->curtailed[h] = r->curtailed;
    o->unserved[h] = r->unserved;
}

/* Coal's floor and ceiling in an hour after prev (see dispatch.h). The floor
 * is capped at the fleet's capacity because prev can be last year's output
 * of a larger fleet; the ceiling is never below the floor, so a fleet whose
 * minimum rose over the year boundary starts at its minimum (start-up ramps
 * are not modelled). */
static inline void coal_range(double prev, double cmin, double cmax, double ramp,
                              double *lo, double *hi)
{
    double l = dmin(dmax(cmin, prev - ramp), cmax);
    *lo = l;
    *hi = dmax(dmin(cmax, prev + ramp), l);
}

/* renewable-first, and with line_first (a constant at each call site, so
 * the compiler builds two loops without a test inside) the line-first
 * variant: a surplus goes to the free line before storage, and in surplus
 * hours that leave the line unfilled storage discharges into it, so stored
 * energy that congestion would have curtailed is exported later. */
static inline void surplus_first(const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                                 const Out *out, DispatchReport *rep, const int line_first)
{
    const Out o = *out;   /* a local copy: the pointers stay in registers */
    const double *restrict wind = in->wind_avail_mw, *restrict solar = in->solar_avail_mw;
    const double *restrict load = in->load_mw, *restrict firm = in->export_sched_mw;
    const double *restrict line = in->line_mw;
    const int n = in->hours;
    const double power = lim->storage_power_mw, soc_min = lim->soc_min_mwh, soc_max = lim->soc_max_mwh;
    const double eta_c = lim->eta_charge, eta_d = lim->eta_discharge, keep = lim->keep_per_h;
    const double cmin = lim->coal_min_mw, cmax = lim->coal_max_mw, ramp = lim->coal_ramp_mw_per_h;
    const double import_on = lim->import_allowed ? 1.0 : 0.0;
    double soc = st->soc_mwh, coal_prev = st->coal_mw;
    int below_hours = 0;
    double below_mwh = 0.0;
#ifdef ECSIM_CHECKS
    int bad = 0, first_bad = -1;
#endif

    for (int h = 0; h < n; h++) {
        soc = storage_self_discharge(soc, keep, soc_min);
        double lo, hi;
        coal_range(coal_prev, cmin, cmax, ramp, &lo, &hi);
        const double w = wind[h], s = solar[h], x = firm[h];
        Hour r = { .wind_used = w, .solar_used = s, .export_mw = x };
        double net = load[h] + x - (w + s) - lo;   /* > 0: deficit with coal at its floor */
        if (net <= 0.0) {
            double surplus = -net, free_line = dmax(line[h] - x, 0.0);
            if (line_first) {
                double to_line = dmin(surplus, free_line);
                r.export_mw += to_line;
                surplus -= to_line;
                free_line -= to_line;
            }
            r.charge = storage_charge(&soc, surplus, power, soc_max, eta_c);
            double below = place_surplus(&r, surplus - r.charge, free_line, w, s, lo);
            if (below > 0.0) {
                below_hours++;
                below_mwh += below;
            }
            if (line_first && free_line > 0.0) {   /* the line is not full: the surplus went to it */
                r.discharge = storage_discharge(&soc, free_line, power, soc_min, eta_d);
                r.export_mw += r.discharge;
            }
        } else {
            r.discharge = storage_discharge(&soc, net, power, soc_min, eta_d);
            cover_deficit(&r, net - r.discharge, lo, hi, line[h] * import_on);
        }
        store_hour(&o, h, &r, soc);
        coal_prev = r.coal;
#ifdef ECSIM_CHECKS
        if (!hour_ok(&r, w, s, load[h], line[h], soc, lim) && bad++ == 0) first_bad = h;
#endif
    }

    st->soc_mwh = soc;
    st->coal_mw = coal_prev;
    rep->below_floor_hours = below_hours;
    rep->below_floor_mwh = below_mwh;
#ifdef ECSIM_CHECKS
    rep->check_violations = bad;
    rep->first_violation_hour = first_bad;
#endif
}

static void peak_shaving(const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                         const Out *out, DispatchReport *rep)
{
    const Out o = *out;   /* a local copy: the pointers stay in registers */
    const double *restrict wind = in->wind_avail_mw, *restrict solar = in->solar_avail_mw;
    const double *restrict load = in->load_mw, *restrict firm = in->export_sched_mw;
    const double *restrict line = in->line_mw;
    const int n = in->hours;
    const double power = lim->storage_power_mw, soc_min = lim->soc_min_mwh, soc_max = lim->soc_max_mwh;
    const double eta_c = lim->eta_charge, eta_d = lim->eta_discharge, keep = lim->keep_per_h;
    const double cmin = lim->coal_min_mw, cmax = lim->coal_max_mw, ramp = lim->coal_ramp_mw_per_h;
    const double import_on = lim->import_allowed ? 1.0 : 0.0;
    const double threshold = lim->peak_threshold_mw;
    double soc = st->soc_mwh, coal_prev = st->coal_mw;
    int below_hours = 0;
    double below_mwh = 0.0;
#ifdef ECSIM_CHECKS
    int bad = 0, first_bad = -1;
#endif

    for (int h = 0; h < n; h++) {
        soc = storage_self_discharge(soc, keep, soc_min);
        double lo, hi;
        coal_range(coal_prev, cmin, cmax, ramp, &lo, &hi);
        const double w = wind[h], s = solar[h], x = firm[h];
        Hour r = { .wind_used = w, .solar_used = s, .export_mw = x };
        const double net_load = load[h] + x - (w + s);
        const int peak = net_load > threshold;
        double net = net_load - lo;   /* > 0: deficit with coal at its floor */
        if (net <= 0.0) {
            /* Surplus first, then (off-peak) coal headroom: one charge call. */
            double surplus = -net;
            double offer = peak ? surplus : surplus + (hi - lo);
            double ch = storage_charge(&soc, offer, power, soc_max, eta_c);
            double from_coal = 0.0, rest = 0.0;
            if (ch >= surplus) from_coal = ch - surplus;
            else rest = surplus - ch;
            r.charge = ch;
            double below = place_surplus(&r, rest, dmax(line[h] - x, 0.0), w, s, lo);
            r.coal += from_coal;
            if (below > 0.0) {
                below_hours++;
                below_mwh += below;
            }
        } else {
            double dis = 0.0;
            if (peak) dis = storage_discharge(&soc, dmin(net, net_load - threshold), power, soc_min, eta_d);
            cover_deficit(&r, net - dis, lo, hi, line[h] * import_on);
            if (r.unserved > 0.0) {
                /* Last resort: the energy kept for peaks serves load now. */
                double more = storage_discharge(&soc, r.unserved, power - dis, soc_min, eta_d);
                dis += more;
                r.unserved -= more;
            }
            r.discharge = dis;
            if (!peak && dis == 0.0 && r.import == 0.0 && r.unserved == 0.0) {
                /* Coal covered the deficit alone (the guard keeps rounding in
                 * lo + (hi - lo) from charging while importing or short).
                 * Grid charging: refill from what coal can still add. */
                double ch = storage_charge(&soc, hi - r.coal, power, soc_max, eta_c);
                r.charge = ch;
                r.coal += ch;
            }
        }
        store_hour(&o, h, &r, soc);
        coal_prev = r.coal;
#ifdef ECSIM_CHECKS
        if (!hour_ok(&r, w, s, load[h], line[h], soc, lim) && bad++ == 0) first_bad = h;
#endif
    }

    st->soc_mwh = soc;
    st->coal_mw = coal_prev;
    rep->below_floor_hours = below_hours;
    rep->below_floor_mwh = below_mwh;
#ifdef ECSIM_CHECKS
    rep->check_violations = bad;
    rep->first_violation_hour = first_bad;
#endif
}

DispatchReport dispatch_year(const DispatchLimits *lim, const YearInputs *in,
                             DispatchState *st, YearSeries *out)
{
    DispatchReport rep = { .first_violation_hour = -1 };

    /* The window can change between years (the caller normally sets the
     * state for new capacity); a SOC outside it would break the invariant
     * from the first hour, so it is clipped here and the change reported. */
    double soc0 = st->soc_mwh;
    double soc = dmin(dmax(soc0, lim->soc_min_mwh), lim->soc_max_mwh);
    rep.soc_clamp_mwh = soc - soc0;
    st->soc_mwh = soc;

    const Out o = { out->wind_used_mw, out->solar_used_mw, out->coal_mw, out->discharge_mw,
                    out->import_mw, out->export_mw, out->charge_mw, out->soc_mwh,
                    out->curtailed_mw, out->unserved_mw };
    switch (lim->strategy) {
    case STRATEGY_PEAK_SHAVING:
        peak_shaving(lim, in, st, &o, &rep);
        break;
    case STRATEGY_LINE_FIRST:
        surplus_first(lim, in, st, &o, &rep, 1);
        break;
    case STRATEGY_RENEWABLE_FIRST:
    default:   /* validation admits no other value */
        surplus_first(lim, in, st, &o, &rep, 0);
        break;
    }
    return rep;
}

double dispatch_peak_threshold(const YearInputs *in, double percentile, double *scratch)
{
    const int n = in->hours;
    if (n <= 0) return 0.0;
    if (!isfinite(percentile)) return NAN;
    for (int h = 0; h < n; h++) {
        double v = in->load_mw[h] + in->export_sched_mw[h] - in->wind_avail_mw[h] - in->solar_avail_mw[h];
        /* Selection compares values; a NaN would make its result meaningless. */
        if (!isfinite(v)) return NAN;
        scratch[h] = v;
    }
    double p = dmin(dmax(percentile, 0.0), 100.0);
    double pos = p / 100.0 * (double)(n - 1);
    size_t k = (size_t)pos;
    if (k > (size_t)(n - 1)) k = (size_t)(n - 1);
    double frac = pos - (double)k;
    /* Two quickselects (O(n) each) instead of a sort: this runs once per year
     * of every ensemble member. */
    double v_lo = gsl_stats_select(scratch, 1, (size_t)n, k);
    if (frac <= 0.0 || k + 1 >= (size_t)n) return v_lo;
    double v_hi = gsl_stats_select(scratch, 1, (size_t)n, k + 1);
    return v_lo + frac * (v_hi - v_lo);
}
