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
#include <string.h>

#include "h2dispatch.h"
#include "lpdispatch.h"
#include "storage.h"

/* The flows of one hour (MW, = MWh over the hour). keep is the share of the
 * curtailable pool's available power that is used (1 when nothing is
 * curtailed); each member's used power is its available power times keep. */
typedef struct {
    double keep, coal, discharge, import, export_mw, charge, curtailed, unserved;
} Hour;

/* Ternaries rather than fmin/fmax: without -ffinite-math-only GCC calls the
 * library functions for their NaN rules; these compile to minsd/maxsd. */
static inline double dmin(double a, double b) { return a < b ? a : b; }
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))   /* the loop specialisations need it */
#else
#define ALWAYS_INLINE inline
#endif
static inline double dmax(double a, double b) { return a > b ? a : b; }

/* Places what is left of a surplus after storage charging: to the free line
 * capacity, then by curtailing the pool of variable renewables (re, MW
 * available) pro rata to each member's availability, then by taking coal
 * below its floor. Sets export, curtailed, keep and coal; returns how far
 * coal went below coal_lo (0 normally). */
static inline double place_surplus(Hour *r, double rest, double free_line_mw, double re, double coal_lo)
{
    double extra = dmin(rest, free_line_mw);
    rest -= extra;
    double curt = dmin(rest, re);
    rest -= curt;
    r->export_mw += extra;
    r->curtailed = curt;
    if (curt > 0.0) r->keep = (re - curt) / re;   /* curt > 0 implies re > 0 */
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

/* The import limit besides the line's capacity (export.import_limit_mw):
 * none unless flagged, so limits built without it keep the line's. */
static inline double import_limit(const DispatchLimits *lim)
{
    return lim->import_limited ? lim->import_limit_mw : (double)INFINITY;
}

/* What every rule loop counts over a year: surplus placed below coal's
 * floor and, in the checked build, hours that break an invariant. */
typedef struct {
    int below_hours, bad, first_bad;
    double below_mwh;
} Tally;

static inline void tally_below(Tally *t, double below)
{
    if (below > 0.0) {
        t->below_hours++;
        t->below_mwh += below;
    }
}

#ifdef ECSIM_CHECKS
static inline void tally_check(Tally *t, int ok, int h)
{
    if (!ok && t->bad++ == 0) t->first_bad = h;
}
#endif

/* A rule loop's year end: the state carried into the next year, the report. */
static inline void year_end(DispatchState *st, DispatchReport *rep, double soc, double coal, const Tally *t)
{
    st->soc_mwh = soc;
    st->coal_mw = coal;
    rep->below_floor_hours = t->below_hours;
    rep->below_floor_mwh = t->below_mwh;
#ifdef ECSIM_CHECKS
    rep->check_violations = t->bad;
    rep->first_violation_hour = t->first_bad;
#endif
}

#ifdef ECSIM_CHECKS
/* 1 if hour r satisfies every invariant of dispatch.h, else 0. */
static int hour_ok(const Hour *r, double pool_mw, double sched_mw, double load_mw,
                   double line_mw, double export_max_mw, double soc, const DispatchLimits *lim)
{
    const double used = pool_mw * r->keep;
    const double v[9] = { used, r->coal, r->discharge, r->import, r->export_mw, r->charge,
                          r->curtailed, r->unserved, sched_mw };
    if (!isfinite(soc) || !isfinite(pool_mw) || !isfinite(load_mw)) return 0;
    double scale = 1.0 + pool_mw + fabs(load_mw);
    for (int i = 0; i < 9; i++) {
        if (!isfinite(v[i])) return 0;
        scale += fabs(v[i]);
    }
    double tol = 1e-6 * scale;
    for (int i = 0; i < 9; i++)
        if (v[i] < -tol) return 0;
    double supply = used + r->coal + r->discharge + r->import + r->unserved + sched_mw;
    double demand = load_mw + r->export_mw + r->charge;
    if (fabs(supply - demand) > tol) return 0;
    if (fabs(pool_mw - used - r->curtailed) > tol) return 0;
    if (r->keep < 0.0 || r->keep > 1.0) return 0;
    if (r->charge > lim->storage_power_mw + tol || r->discharge > lim->storage_power_mw + tol)
        return 0;
    if (r->import > (lim->import_allowed ? dmin(line_mw, import_limit(lim)) : 0.0) + tol) return 0;
    if (r->coal > lim->coal_max_mw + tol) return 0;
    if (r->export_mw > export_max_mw + tol) return 0;   /* firm + the room the grid takes */
    if (soc < lim->soc_min_mwh - 1e-9 || soc > lim->soc_max_mwh + 1e-9) return 0;
    return 1;
}
#endif

/* The curtailable pool as restrict pointers for the loops: each member's
 * available and used power (lim->pool_*). */
typedef struct {
    const double *restrict avail[TECH_COUNT];
    double *restrict used[TECH_COUNT];
} Pool;

/* The pool's available power in hour h: the members' sum in order, exactly
 * the wind + solar the loop formed before the pool existed. np is a
 * constant at the call sites that specialise the loops (the usual two
 * members), so this unrolls to plain loads and adds. */
static inline double pool_avail(const Pool *p, const int np, int h)
{
    if (np == 0) return 0.0;
    double re = p->avail[0][h];
    for (int k = 1; k < np; k++) re += p->avail[k][h];
    return re;
}

/* Each member uses its available power times the hour's keep (x 1.0 is
 * exact: used = available when nothing is curtailed). */
static inline void pool_store(const Pool *p, const int np, int h, double keep)
{
    for (int k = 0; k < np; k++) p->used[k][h] = p->avail[k][h] * keep;
}

/* The series of one year, as restrict pointers for the loops. */
typedef struct {
    double *restrict coal, *restrict discharge,
           *restrict import, *restrict export_mw, *restrict charge, *restrict soc,
           *restrict curtailed, *restrict unserved, *restrict committed;
} Out;

static inline void store_hour(const Out *o, int h, const Hour *r, double soc)
{
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

/* Unit commitment of the rules (lim->coal_commit; docs/model.md). The
 * fleet is one group whose committed capacity u is continuous. Each hour:
 *   - u starts at last hour's, kept within [ulo, uhi]: uhi = the capacity
 *     available less what stopped in the last min_down - 1 hours (it must
 *     stay off), ulo = the process-steam floor (at most the capacity
 *     available) and what started in the last min_up - 1 hours (it must stay
 *     on); the floor is min_frac x u, the ceiling u, both within the ramp;
 *   - a surplus that storage and the line cannot take, which would be
 *     curtailed, first decommits capacity (commit_cut), down to ulo;
 *   - a deficit that coal's ceiling cannot cover recommits capacity
 *     (commit_raise) before anything is imported, up to uhi and the ramp.
 * Starts and stops of the last 168 hours sit in two rings on the stack, so
 * the loop stays allocation-free; the rings start empty each year (a start
 * in the last hours of December does not hold its capacity into January). */
enum { COMMIT_RING = 169 };   /* > the longest min_up_h / min_down_h (168) */

typedef struct {
    double u, u_prev;           /* committed MW: this hour, last hour */
    double ulo, uhi;            /* this hour's bounds on u */
    double minfrac, steam, cmax;
    int ut, dt;                 /* minimum up and down times, hours */
    double s_win, d_win;        /* MW started / stopped in the last ut - 1 / dt - 1 hours */
    double started;             /* MW started this year */
    int pos;                    /* ring slot of this hour */
    double s_ring[COMMIT_RING], d_ring[COMMIT_RING];
} Commit;

static void commit_start(Commit *cm, const DispatchLimits *lim, const DispatchState *st)
{
    memset(cm, 0, sizeof *cm);
    cm->minfrac = lim->coal_min_frac;
    cm->steam = lim->coal_steam_floor_mw;
    cm->cmax = lim->coal_max_mw;
    cm->ut = lim->coal_min_up_h < COMMIT_RING - 1 ? lim->coal_min_up_h : COMMIT_RING - 1;
    cm->dt = lim->coal_min_down_h < COMMIT_RING - 1 ? lim->coal_min_down_h : COMMIT_RING - 1;
    /* A fresh run starts with the whole fleet committed, as must-run does;
     * a unit retired at the year boundary leaves the commitment with it
     * (not a stop: it must not hold capacity off for min_down_h). */
    cm->u_prev = st->coal_committed_set ? dmin(st->coal_committed_mw, lim->coal_max_mw) : lim->coal_max_mw;
}

/* This hour's bounds on u, u itself, and coal's floor and ceiling. */
static inline void commit_range(Commit *cm, double ca, double prev, double ramp, double *lo, double *hi)
{
    double uhi = dmax(dmin(ca, cm->cmax - cm->d_win), 0.0);
    double ulo = dmin(dmax(dmin(cm->steam, ca), cm->s_win), uhi);
    cm->uhi = uhi;
    cm->ulo = ulo;
    double u = dmin(dmax(cm->u_prev, ulo), uhi);
    cm->u = u;
    double l = dmin(dmax(cm->minfrac * u, prev - ramp), u);
    *lo = l;
    *hi = dmax(dmin(u, prev + ramp), l);
}

/* Decommits capacity so that coal's floor falls by up to excess (MW that
 * would be curtailed), never below the ramp or min_frac x ulo; lowers *lo
 * and returns by how much. */
static inline double commit_cut(Commit *cm, double excess, double prev, double ramp, double *lo)
{
    if (cm->minfrac <= 0.0) return 0.0;   /* no floor to lower */
    double target = dmax(dmax(*lo - excess, prev - ramp), cm->minfrac * cm->ulo);
    if (target >= *lo) return 0.0;
    double nu = dmin(dmax(cm->ulo, target / cm->minfrac), cm->u);
    double nl = dmin(dmax(cm->minfrac * nu, prev - ramp), nu);
    double dl = *lo - nl;
    if (dl <= 0.0) return 0.0;
    cm->u = nu;
    *lo = nl;
    return dl;
}

/* Recommits up to need MW (the deficit coal's ceiling leaves), within uhi
 * and the ramp; raises *hi with it. */
static inline void commit_raise(Commit *cm, double need, double prev, double ramp, double lo, double *hi)
{
    double room = dmin(cm->uhi - cm->u, prev + ramp - cm->u);
    if (room <= 0.0) return;
    cm->u += dmin(need, room);
    *hi = dmax(dmin(cm->u, prev + ramp), lo);
}

/* Closes the hour: its starts and stops into the rings and windows. */
static inline void commit_end(Commit *cm, double *committed, int h)
{
    const double s = dmax(cm->u - cm->u_prev, 0.0), d = dmax(cm->u_prev - cm->u, 0.0);
    cm->started += s;
    /* the slot of ut - 1 (dt - 1) hours ago leaves the window; a compare
     * rather than % (an integer division every hour) */
    if (cm->ut > 1) {
        int j = cm->pos - (cm->ut - 1);
        j += j < 0 ? COMMIT_RING : 0;
        cm->s_win = dmax(cm->s_win + s - cm->s_ring[j], 0.0);
        cm->s_ring[cm->pos] = s;
    }
    if (cm->dt > 1) {
        int j = cm->pos - (cm->dt - 1);
        j += j < 0 ? COMMIT_RING : 0;
        cm->d_win = dmax(cm->d_win + d - cm->d_ring[j], 0.0);
        cm->d_ring[cm->pos] = d;
    }
    cm->pos = cm->pos + 1 == COMMIT_RING ? 0 : cm->pos + 1;
    cm->u_prev = cm->u;
    if (committed) committed[h] = cm->u;   /* NULL: a caller without the series */
}

static void commit_finish(const Commit *cm, DispatchState *st, DispatchReport *rep)
{
    st->coal_committed_mw = cm->u_prev;
    st->coal_committed_set = 1;
    rep->coal_started_mw = cm->started;
}

/* renewable-first, and with line_first (a constant at each call site, so
 * the compiler builds two loops without a test inside) the line-first
 * variant: a surplus goes to the free line before storage, and in surplus
 * hours that leave the line unfilled storage discharges into it, so stored
 * energy that congestion would have curtailed is exported later. */
static ALWAYS_INLINE void surplus_first(const DispatchLimits *lim, const YearInputs *in, const Pool *pool,
                                        const int np, DispatchState *st, const Out *out, DispatchReport *rep,
                                        const int line_first, const int uc)
{
    const Out o = *out;   /* local copies: the pointers stay in registers */
    const Pool p = *pool;
    const double *restrict load = in->v[SER_LOAD], *restrict firm = in->v[SER_EXPORT_FIRM];
    const double *restrict line = in->v[SER_LINE], *restrict sched = in->v[SER_SCHEDULED];
    /* The free line the receiving grid takes (exportline.h); NULL: the whole
     * free line (inputs built without the export model). */
    const double *restrict room = in->v[SER_EXPORT_ROOM];
    const int n = in->hours;
    const double power = lim->storage_power_mw, soc_min = lim->soc_min_mwh, soc_max = lim->soc_max_mwh;
    const double eta_c = lim->eta_charge, eta_d = lim->eta_discharge, keep = lim->keep_per_h;
    const double cmin = lim->coal_min_mw, cmax = lim->coal_max_mw, ramp = lim->coal_ramp_mw_per_h;
    const double import_on = lim->import_allowed ? 1.0 : 0.0;
    const double imp_lim = import_limit(lim);
    const double *restrict cav = in->v[SER_COAL_AVAIL];   /* NULL: the whole fleet every hour */
    double soc = st->soc_mwh, coal_prev = st->coal_mw;
    Commit cm;   /* unit commitment: uc (a constant at each call site) */
    if (uc) commit_start(&cm, lim, st);
    Tally t = { .first_bad = -1 };

    for (int h = 0; h < n; h++) {
        soc = storage_self_discharge(soc, keep, soc_min);
        double lo, hi, ca = cav ? cav[h] : cmax;
        if (uc) commit_range(&cm, ca, coal_prev, ramp, &lo, &hi);
        else coal_range(coal_prev, ca < cmax ? cmin * (ca / cmax) : cmin, ca, ramp, &lo, &hi);
        const double re = pool_avail(&p, np, h), x = firm[h], c = sched[h];
        Hour r = { .keep = 1.0, .export_mw = x };
        double net = load[h] + x - re - c - lo;   /* > 0: deficit with coal at its floor */
        if (net <= 0.0) {
            double surplus = -net, free_line = room ? room[h] : dmax(line[h] - x, 0.0);
            if (line_first) {
                double to_line = dmin(surplus, free_line);
                r.export_mw += to_line;
                surplus -= to_line;
                free_line -= to_line;
            }
            r.charge = storage_charge(&soc, surplus, power, soc_max, eta_c);
            double rest = surplus - r.charge;
            if (uc && rest > free_line) rest -= commit_cut(&cm, rest - free_line, coal_prev, ramp, &lo);
            double below = place_surplus(&r, rest, free_line, re, lo);
            tally_below(&t, below);
            if (line_first && free_line > 0.0) {   /* the line is not full: the surplus went to it */
                r.discharge = storage_discharge(&soc, free_line, power, soc_min, eta_d);
                r.export_mw += r.discharge;
            }
        } else {
            r.discharge = storage_discharge(&soc, net, power, soc_min, eta_d);
            if (uc && net - r.discharge > hi - lo) commit_raise(&cm, net - r.discharge - (hi - lo), coal_prev, ramp, lo, &hi);
            cover_deficit(&r, net - r.discharge, lo, hi, dmin(line[h], imp_lim) * import_on);
        }
        store_hour(&o, h, &r, soc);
        pool_store(&p, np, h, r.keep);
        if (uc) commit_end(&cm, o.committed, h);
        coal_prev = r.coal;
#ifdef ECSIM_CHECKS
        tally_check(&t, hour_ok(&r, re, c, load[h], line[h], x + (room ? room[h] : dmax(line[h] - x, 0.0)), soc, lim),
                    h);
#endif
    }

    year_end(st, rep, soc, coal_prev, &t);
    if (uc) commit_finish(&cm, st, rep);
}

static ALWAYS_INLINE void peak_shaving(const DispatchLimits *lim, const YearInputs *in, const Pool *pool,
                                       const int np, DispatchState *st, const Out *out, DispatchReport *rep,
                                       const int uc)
{
    const Out o = *out;   /* local copies: the pointers stay in registers */
    const Pool p = *pool;
    const double *restrict load = in->v[SER_LOAD], *restrict firm = in->v[SER_EXPORT_FIRM];
    const double *restrict line = in->v[SER_LINE], *restrict sched = in->v[SER_SCHEDULED];
    /* The free line the receiving grid takes (exportline.h); NULL: the whole
     * free line (inputs built without the export model). */
    const double *restrict room = in->v[SER_EXPORT_ROOM];
    const int n = in->hours;
    const double power = lim->storage_power_mw, soc_min = lim->soc_min_mwh, soc_max = lim->soc_max_mwh;
    const double eta_c = lim->eta_charge, eta_d = lim->eta_discharge, keep = lim->keep_per_h;
    const double cmin = lim->coal_min_mw, cmax = lim->coal_max_mw, ramp = lim->coal_ramp_mw_per_h;
    const double import_on = lim->import_allowed ? 1.0 : 0.0;
    const double imp_lim = import_limit(lim);
    const double *restrict cav = in->v[SER_COAL_AVAIL];   /* NULL: the whole fleet every hour */
    const double threshold = lim->peak_threshold_mw;
    double soc = st->soc_mwh, coal_prev = st->coal_mw;
    Commit cm;   /* unit commitment: uc (a constant at each call site) */
    if (uc) commit_start(&cm, lim, st);
    Tally t = { .first_bad = -1 };

    for (int h = 0; h < n; h++) {
        soc = storage_self_discharge(soc, keep, soc_min);
        double lo, hi, ca = cav ? cav[h] : cmax;
        if (uc) commit_range(&cm, ca, coal_prev, ramp, &lo, &hi);
        else coal_range(coal_prev, ca < cmax ? cmin * (ca / cmax) : cmin, ca, ramp, &lo, &hi);
        const double re = pool_avail(&p, np, h), x = firm[h], c = sched[h];
        Hour r = { .keep = 1.0, .export_mw = x };
        const double net_load = load[h] + x - re - c;
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
            const double free_line = room ? room[h] : dmax(line[h] - x, 0.0);
            if (uc && rest > free_line) rest -= commit_cut(&cm, rest - free_line, coal_prev, ramp, &lo);
            double below = place_surplus(&r, rest, free_line, re, lo);
            r.coal += from_coal;
            tally_below(&t, below);
        } else {
            double dis = 0.0;
            if (peak) dis = storage_discharge(&soc, dmin(net, net_load - threshold), power, soc_min, eta_d);
            if (uc && net - dis > hi - lo) commit_raise(&cm, net - dis - (hi - lo), coal_prev, ramp, lo, &hi);
            cover_deficit(&r, net - dis, lo, hi, dmin(line[h], imp_lim) * import_on);
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
        pool_store(&p, np, h, r.keep);
        if (uc) commit_end(&cm, o.committed, h);
        coal_prev = r.coal;
#ifdef ECSIM_CHECKS
        tally_check(&t, hour_ok(&r, re, c, load[h], line[h], x + (room ? room[h] : dmax(line[h] - x, 0.0)), soc, lim),
                    h);
#endif
    }

    year_end(st, rep, soc, coal_prev, &t);
    if (uc) commit_finish(&cm, st, rep);
}

/* Must-run: every unit available is committed in every hour. */
static void coal_committed_must_run(const DispatchLimits *lim, const YearInputs *in, double *committed)
{
    const double *cav = in->v[SER_COAL_AVAIL];
    if (!committed || in->hours <= 0) return;   /* a caller without the series */
    if (cav) {
        memcpy(committed, cav, (size_t)in->hours * sizeof *committed);
        return;
    }
    const double cmax = lim->coal_max_mw;
    for (int h = 0; h < in->hours; h++) committed[h] = cmax;
}

/* storage.mode arbitrage (docs/storage-arbitrage.md), for every rule
 * strategy: the strategy's surplus and deficit order stays, storage's part
 * follows the price. Each hour, after self-discharge:
 *   - surplus at the coal floor: in a valley hour it charges storage first,
 *     then goes to the free line; in other hours it goes to the free line
 *     first and storage takes only what the line cannot (what would be
 *     curtailed); the rest is curtailed. In a peak hour storage then
 *     discharges into the line left free (peak regulation);
 *   - deficit: in a peak hour storage discharges first (then coal, import);
 *     otherwise coal and import cover it and storage keeps its energy,
 *     discharging only what would be unserved;
 *   - valley hours then refill storage with the power left: from coal
 *     headroom if lim->charge_from_coal, then from import within its limit.
 * Peak hours take precedence if the thresholds overlap. */
static ALWAYS_INLINE void arbitrage(const DispatchLimits *lim, const YearInputs *in, const Pool *pool,
                                    const int np, DispatchState *st, const Out *out, DispatchReport *rep)
{
    const Out o = *out;
    const Pool p = *pool;
    const double *restrict load = in->v[SER_LOAD], *restrict firm = in->v[SER_EXPORT_FIRM];
    const double *restrict line = in->v[SER_LINE], *restrict sched = in->v[SER_SCHEDULED];
    const double *restrict room = in->v[SER_EXPORT_ROOM];
    const double *restrict price = in->v[SER_PRICE];
    const int n = in->hours;
    const double power = lim->storage_power_mw, soc_min = lim->soc_min_mwh, soc_max = lim->soc_max_mwh;
    const double eta_c = lim->eta_charge, eta_d = lim->eta_discharge, keep = lim->keep_per_h;
    const double cmin = lim->coal_min_mw, cmax = lim->coal_max_mw, ramp = lim->coal_ramp_mw_per_h;
    const double import_on = lim->import_allowed ? 1.0 : 0.0;
    const double imp_lim = import_limit(lim);
    const double *restrict cav = in->v[SER_COAL_AVAIL];
    const double p_valley = lim->price_valley, p_peak = lim->price_peak;
    const int from_coal = lim->charge_from_coal;
    double soc = st->soc_mwh, coal_prev = st->coal_mw;
    Tally t = { .first_bad = -1 };

    for (int h = 0; h < n; h++) {
        soc = storage_self_discharge(soc, keep, soc_min);
        double lo, hi, ca = cav ? cav[h] : cmax;
        coal_range(coal_prev, ca < cmax ? cmin * (ca / cmax) : cmin, ca, ramp, &lo, &hi);
        const double re = pool_avail(&p, np, h), x = firm[h], c = sched[h];
        const double pr = price ? price[h] : 0.0;
        const int peak = price && pr >= p_peak, valley = price && !peak && pr <= p_valley;
        const double imp_cap = dmin(line[h], imp_lim) * import_on;
        Hour r = { .keep = 1.0, .export_mw = x };
        double net = load[h] + x - re - c - lo;
        if (net <= 0.0) {
            double surplus = -net, free_line = room ? room[h] : dmax(line[h] - x, 0.0);
            if (!valley) {   /* outside the valley the line is worth more now than storage's energy later */
                double to_line = dmin(surplus, free_line);
                r.export_mw += to_line;
                surplus -= to_line;
                free_line -= to_line;
            }
            r.charge = storage_charge(&soc, surplus, power, soc_max, eta_c);
            double rest = surplus - r.charge;
            double below = place_surplus(&r, rest, free_line, re, lo);
            tally_below(&t, below);
            free_line -= dmin(rest, free_line);
            if (peak && free_line > 0.0) {   /* peak regulation: storage into the free line */
                r.discharge = storage_discharge(&soc, free_line, power, soc_min, eta_d);
                r.export_mw += r.discharge;
            }
        } else {
            double dis = peak ? storage_discharge(&soc, net, power, soc_min, eta_d) : 0.0;
            cover_deficit(&r, net - dis, lo, hi, imp_cap);
            if (r.unserved > 0.0) {   /* energy held for a peak never costs supply now */
                double more = storage_discharge(&soc, r.unserved, power - dis, soc_min, eta_d);
                dis += more;
                r.unserved -= more;
            }
            r.discharge = dis;
            if (peak && dis < power && r.coal <= lo && r.import == 0.0) {
                /* Storage covered the deficit alone: the rest of its power
                 * into the free line (peak regulation). */
                double free_line = room ? room[h] : dmax(line[h] - x, 0.0);
                double more = storage_discharge(&soc, free_line, power - dis, soc_min, eta_d);
                r.discharge += more;
                r.export_mw += more;
            }
        }
        if (valley && r.discharge == 0.0 && r.unserved == 0.0 && r.charge < power) {
            /* Valley refill with the power left: coal headroom (if allowed),
             * then import; never while curtailing (the surplus came first). */
            double room_c = power - r.charge;
            if (from_coal && r.curtailed == 0.0) {
                double ch = storage_charge(&soc, hi - r.coal, room_c, soc_max, eta_c);
                r.charge += ch;
                r.coal += ch;
                room_c -= ch;
            }
            if (r.curtailed == 0.0 && imp_cap > r.import) {
                double ch = storage_charge(&soc, imp_cap - r.import, room_c, soc_max, eta_c);
                r.charge += ch;
                r.import += ch;
            }
        }
        store_hour(&o, h, &r, soc);
        pool_store(&p, np, h, r.keep);
        coal_prev = r.coal;
#ifdef ECSIM_CHECKS
        tally_check(&t, hour_ok(&r, re, c, load[h], line[h], x + (room ? room[h] : dmax(line[h] - x, 0.0)), soc, lim),
                    h);
#endif
    }

    year_end(st, rep, soc, coal_prev, &t);
}

Status dispatch_year(const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                    YearSeries *out, DispatchReport *rep)
{
    *rep = (DispatchReport){ .first_violation_hour = -1 };
    if (lim->strategy == STRATEGY_OPTIMAL) {   /* a linear program per window: lpdispatch.h */
        /* The electrolysers are the program's own columns: no pass after it. */
        return lpdispatch_year(lim->lp_work, lim, in, st, out, rep);
    }
    if (lim->strategy != STRATEGY_RENEWABLE_FIRST && lim->strategy != STRATEGY_LINE_FIRST
        && lim->strategy != STRATEGY_PEAK_SHAVING)
        return ST_UNKNOWN_STRATEGY;   /* no default: an unknown value is an error, not a silent choice */


    /* The window can change between years (the caller normally sets the
     * state for new capacity); a SOC outside it would break the invariant
     * from the first hour, so it is clipped here and the change reported. */
    double soc0 = st->soc_mwh;
    double soc = dmin(dmax(soc0, lim->soc_min_mwh), lim->soc_max_mwh);
    rep->soc_clamp_mwh = soc - soc0;
    st->soc_mwh = soc;

    Pool pool;
    for (int k = 0; k < lim->n_pool; k++) {
        pool.avail[k] = in->v[lim->pool_avail[k]];
        pool.used[k] = out->v[lim->pool_used[k]];
    }
    const int np = lim->n_pool;
    double *const *v = out->v;
    const Out o = { v[SER_COAL], v[SER_DISCHARGE], v[SER_IMPORT], v[SER_EXPORT],
                    v[SER_CHARGE], v[SER_SOC], v[SER_CURTAILED], v[SER_UNSERVED], v[SER_COAL_COMMITTED] };
    /* Loops specialised for a pool of two (wind and PV); any other size
     * runs the same code with the count read at run time. Unit commitment
     * is a second constant, so the must-run loops are those without it. */
    const int uc = lim->coal_commit, arb = lim->storage_mode == STORAGE_ARBITRAGE;
    if (arb) {
        /* Storage follows the price: one loop for every rule, coal must-run
         * (the configuration refuses arbitrage with flexible commitment). */
        if (np == 2) arbitrage(lim, in, &pool, 2, st, &o, rep);
        else arbitrage(lim, in, &pool, np, st, &o, rep);
    } else switch (lim->strategy) {
    case STRATEGY_PEAK_SHAVING:
        if (uc) peak_shaving(lim, in, &pool, np, st, &o, rep, 1);
        else if (np == 2) peak_shaving(lim, in, &pool, 2, st, &o, rep, 0);
        else peak_shaving(lim, in, &pool, np, st, &o, rep, 0);
        break;
    case STRATEGY_LINE_FIRST:
        if (uc) surplus_first(lim, in, &pool, np, st, &o, rep, 1, 1);
        else if (np == 2) surplus_first(lim, in, &pool, 2, st, &o, rep, 1, 0);
        else surplus_first(lim, in, &pool, np, st, &o, rep, 1, 0);
        break;
    case STRATEGY_RENEWABLE_FIRST:
        if (uc && np == 2) surplus_first(lim, in, &pool, 2, st, &o, rep, 0, 1);
        else if (uc) surplus_first(lim, in, &pool, np, st, &o, rep, 0, 1);
        else if (np == 2) surplus_first(lim, in, &pool, 2, st, &o, rep, 0, 0);
        else surplus_first(lim, in, &pool, np, st, &o, rep, 0, 0);
        break;
    case STRATEGY_OPTIMAL:
        break;
    }
    if (arb || !uc) coal_committed_must_run(lim, in, o.committed);
    /* Electrolysers take the surplus the loop left to curtailment. */
    rep->check_violations += h2_dispatch_pass(lim, in, st, out);
    return ST_OK;
}

double dispatch_peak_threshold(const DispatchLimits *lim, const YearInputs *in, double percentile,
                               double *scratch)
{
    const int n = in->hours;
    if (n <= 0) return 0.0;
    if (!isfinite(percentile)) return NAN;
    for (int h = 0; h < n; h++) {
        double v = in->v[SER_LOAD][h] + in->v[SER_EXPORT_FIRM][h];
        for (int k = 0; k < lim->n_pool; k++) v -= in->v[lim->pool_avail[k]][h];
        v -= in->v[SER_SCHEDULED][h];
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
