/* lpdispatch.c — the optimal dispatch: one linear program per rolling window,
 * solved with COIN-OR Clp through its C interface (docs/optimal-dispatch.md).
 *
 * Program of T hours t = 0 .. T-1 (hour h = h0 + t of the year). Columns per
 * hour, in this order:
 *   u  pool used           [0, pool available]
 *   g  coal                [0, capacity available]
 *   b  coal below floor    [0, inf)     (slack of the floor and ramp-down rows)
 *   c  storage charge      [0, P]       (grid side)
 *   d  storage discharge   [0, P]
 *   s  SOC, end of hour    [soc_min, soc_max]
 *   f  reserve top-up      [0, (1 - keep) soc_min]  (storage.h's floor)
 *   z  export beyond firm  [0, room] (room = max(line - firm, 0), capped by the
 *                          receiving grid's absorption limit: exportline.h)
 *   m  import              [0, import cap]
 *   n  unserved            [0, inf) or [0, 0]
 * then unit commitment's k, st, sd (coal_commit), then, with electrolysers or
 * a hydrogen demand (has_h2), the hydrogen's (docs/hydrogen.md):
 *   e  electrolyser power  [0, capacity]   (a demand in the balance)
 *   H  hydrogen store, end of hour, kg [0, storage_kg]
 *   U  hydrogen unmet, kg  [0, the hour's draw]
 * Rows per hour:
 *   balance  u + g + d + m + n - z - c = load + firm - scheduled
 *   soc      s_t - keep s_{t-1} - eta_c c + d / eta_d - f = 0   (t = 0: = keep soc0)
 *   up       g_t - g_{t-1} - b_{t-1} <= ramp + max(0, min_t - min_{t-1} - ramp)
 *            (t = 0: g_0 <= hi0 of dispatch.c's coal_range)
 *   down     g_t - g_{t-1} + b_t >= -ramp - max(0, cap_{t-1} - ramp - cap_t)
 *            (t = 0: g_0 + b_0 >= lo0)
 *   floor    g_t + b_t >= min_t      (min_t scaled by the share available)
 *   store    H_t - H_{t-1} - kg_per_mwh e_t - U_t = -draw_t   (t = 0: = H0 - draw_0)
 *   surplus  e_t - u_t <= 0 (priority before_curtailment; free with before_export)
 * (the balance then reads ... - z - c - e = ...). The minimum load is not
 * convex: the program relaxes it, and the kept hours enforce it afterwards
 * (lpdispatch_window: below it the fleet idles, as under the rules).
 * Each relaxes the rule it mirrors just enough that every dispatch the rules
 * can produce is feasible (docs/optimal-dispatch.md says why row by row), so
 * the program's optimum is never worse than the rules on its objective. */
#include "lpdispatch.h"

/* Clp's C interface, loaded at the first model (clpload.h says why). */
#include "clpload.h"
#include "electrolyser.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CU, CG, CB, CC, CD, CS, CF, CZ, CM, CN, NV,      /* columns of an hour */
       CK = NV, CST, CSD, NV_UC };                       /* unit commitment's (coal_commit) */
enum { RBAL, RSOC, RUP, RDN, RFL, NR,                    /* rows of an hour */
       RCAP = NR, RSTA, RSTO, RMU, RMD, NR_UC };
enum { HE, HH, HU, NH };                                 /* hydrogen's columns, after the others */
enum { RH2, RELY, NRH };                                 /* hydrogen's rows, after the others */
enum { NZ_PER_HOUR = 20, NZ_H2 = 8, SLOTS = 2 };

#define INF DBL_MAX   /* Clp's infinity (COIN_DBL_MAX) */
/* Added to the start-up weight per MW: without it a start that costs no fuel
 * is free, and the optimum may start and stop capacity for nothing. */
#define START_EPS 1e-6

/* One model per program length; reused while the coefficients stay. */
typedef struct {
    Clp_Simplex *m;
    int hours;                       /* 0: empty */
    double keep, eta_c, eta_d;       /* the coefficients the matrix holds */
    LpParams w;                      /* the objective it holds */
    /* Unit commitment (the matrix's shape and coefficients): nv, nr
     * columns and rows per hour (NV, NR without it). */
    int commit, nv, nr, ut, dt;
    double minfrac, startup;
    /* Hydrogen: columns from ch, rows from rh of each hour (h2 = 0: none),
     * and what the matrix and objective hold of it. */
    int h2, ch, rh, prio;
    double kgpm;
    int solved;                      /* holds a basis to start from */
    unsigned long used;              /* for replacing the older slot */
    double *collo, *colup, *rowlo, *rowup;
    double *obj;                     /* the objective as built; with a price term, changed per window */
} Slot;

struct LpDispatch {
    Slot slot[SLOTS];
    unsigned long tick;
    long ely_below_min;   /* kept hours whose relaxed e lay inside (0, min load) */
    LpFailure fail;
};

static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }

LpDispatch *lpdispatch_new(void)
{
    if (!clp_api()) return NULL;   /* every Clp_ call below needs the table */
    return calloc(1, sizeof(LpDispatch));
}

static void slot_clear(Slot *s)
{
    if (s->m) Clp_deleteModel(s->m);
    free(s->collo);
    free(s->colup);
    free(s->rowlo);
    free(s->rowup);
    free(s->obj);
    memset(s, 0, sizeof *s);
}

void lpdispatch_free(LpDispatch *lp)
{
    if (!lp) return;
    for (int i = 0; i < SLOTS; i++) slot_clear(&lp->slot[i]);
    free(lp);
}

void lpdispatch_reset(LpDispatch *lp)
{
    if (!lp) return;
    for (int i = 0; i < SLOTS; i++) slot_clear(&lp->slot[i]);
    lp->tick = 0;
}

const LpFailure *lpdispatch_failure(const LpDispatch *lp)
{
    return &lp->fail;
}

long lpdispatch_ely_below_min(const LpDispatch *lp)
{
    return lp->ely_below_min;
}

/* The column and row of hour t in a model of nv columns and nr rows per hour. */
static int colx(int nv, int t, int k) { return t * nv + k; }
static int rowx(int nr, int t, int r) { return t * nr + r; }
#define col(t, k) colx(nv, (t), (k))
#define row(t, r) rowx(nr, (t), (r))

/* Electrolysers or a hydrogen draw: the program has hydrogen's columns.
 * Without both a store's hydrogen only waits (lpdispatch_window). */
static int has_h2(const DispatchLimits *lim)
{
    return lim->ely_mw > 0.0 || lim->h2_methanol_kg_per_h + lim->h2_trucks_kg_per_h > 0.0;
}

/* The matrix's shape under lim: with unit commitment NV_UC columns and
 * NR_UC rows per hour; hydrogen adds NH columns and NRH rows after those
 * (*ch, *rh: where they start in an hour). */
static void shape(const DispatchLimits *lim, int *nv, int *nr, int *ch, int *rh)
{
    *nv = lim->coal_commit ? NV_UC : NV;
    *nr = lim->coal_commit ? NR_UC : NR;
    *ch = *nv;
    *rh = *nr;
    if (has_h2(lim)) {
        *nv += NH;
        *nr += NRH;
    }
}

/* The hydrogen's weights (docs/hydrogen.md, "In the optimal dispatch"):
 * a kg unmet costs *h, so that a MWh of electrolysis avoids at most
 * hk = kg_per_mwh x h = half the least of the coal, import and curtailment
 * weights; a MWh of electrolysis costs *e:
 *   before_curtailment: e = (hk + curtail) / 2, between hk and curtail:
 *     absorbing a curtailed MWh gains curtail - e + (0 .. hk) > 0; taking
 *     it from the export line costs e - (0 .. hk) > 0; from coal or imports
 *     at least coal + e - hk > 0 (and the surplus row keeps e within the
 *     pool's output, so coal under its floor cannot feed it either);
 *   before_export: e = -hk / 2, a small gain: the export's MWh (weight 0)
 *     goes to the fleet (hk / 2 + its hydrogen's value), while coal or
 *     imports cost at least coal - 3 hk / 2 > 0.
 * So the program runs the fleet only on what the rules may give it. */
static void h2_weights(const DispatchLimits *lim, double *e, double *h)
{
    const LpParams *w = &lim->lp;
    const double hk = 0.5 * dmin(w->coal_cost, dmin(w->import_cost, w->curtail_cost));
    *e = lim->ely_priority == ELY_BEFORE_EXPORT ? -0.5 * hk : 0.5 * (hk + w->curtail_cost);
    *h = lim->ely_kg_per_mwh > 0.0 ? hk / lim->ely_kg_per_mwh : 0.0;
}

/* The minimum up and down times the rows take: 0 or 1 add no row. */
static int min_up(const DispatchLimits *lim) { return lim->coal_min_up_h > 1 ? lim->coal_min_up_h : 0; }
static int min_down(const DispatchLimits *lim) { return lim->coal_min_down_h > 1 ? lim->coal_min_down_h : 0; }

/* Builds the matrix and objective of a T-hour program (column-major), loads
 * them into a new model and keeps the bound arrays. 0 when out of memory. */
static int slot_build(Slot *s, int T, const DispatchLimits *lim)
{
    slot_clear(s);
    int nv, nr, ch, rh;
    shape(lim, &nv, &nr, &ch, &rh);
    const int uc = lim->coal_commit, ut = min_up(lim), dt = min_down(lim), h2 = has_h2(lim);
    /* unit commitment adds per hour: g in cap; b in floor's row twice
     * counted already; k in floor, cap, start, stop, min-up and min-down
     * rows; s and d in up to ut or dt min-up/down rows */
    const size_t per_hour = NZ_PER_HOUR + (uc ? 12 + (size_t)ut + (size_t)dt : 0) + (h2 ? NZ_H2 : 0);
    const size_t nc = (size_t)T * (size_t)nv, nrows = (size_t)T * (size_t)nr, nz = (size_t)T * per_hour;
    int *start = malloc((nc + 1) * sizeof *start);
    int *index = malloc(nz * sizeof *index);
    double *value = malloc(nz * sizeof *value);
    double *obj = calloc(nc, sizeof *obj);
    s->collo = calloc(nc, sizeof *s->collo);
    s->colup = calloc(nc, sizeof *s->colup);
    s->rowlo = calloc(nrows, sizeof *s->rowlo);
    s->rowup = calloc(nrows, sizeof *s->rowup);
    s->m = Clp_newModel();
    if (!start || !index || !value || !obj || !s->collo || !s->colup || !s->rowlo || !s->rowup || !s->m) {
        free(start);
        free(index);
        free(value);
        free(obj);
        slot_clear(s);
        return 0;
    }
    const LpParams *w = &lim->lp;
    const double ec = lim->eta_charge, ed = lim->eta_discharge, keep = lim->keep_per_h;
    const double kgpm = lim->ely_kg_per_mwh;
    double e_w = 0.0, h_w = 0.0;
    if (h2) h2_weights(lim, &e_w, &h_w);
    int k = 0;
#define NZ(r, v) (index[k] = (r), value[k] = (v), k++)
    for (int t = 0; t < T; t++) {
        const int nxt = t + 1 < T;
        start[col(t, CU)] = k;
        NZ(row(t, RBAL), 1.0);
        if (h2) NZ(row(t, rh + RELY), -1.0);
        start[col(t, CG)] = k;
        NZ(row(t, RBAL), 1.0);
        NZ(row(t, RUP), 1.0);
        NZ(row(t, RDN), 1.0);
        NZ(row(t, RFL), 1.0);
        if (nxt) {
            NZ(row(t + 1, RUP), -1.0);
            NZ(row(t + 1, RDN), -1.0);
        }
        if (uc) NZ(row(t, RCAP), 1.0);
        start[col(t, CB)] = k;
        NZ(row(t, RDN), 1.0);
        NZ(row(t, RFL), 1.0);
        if (nxt) NZ(row(t + 1, RUP), -1.0);
        start[col(t, CC)] = k;
        NZ(row(t, RBAL), -1.0);
        NZ(row(t, RSOC), -ec);
        start[col(t, CD)] = k;
        NZ(row(t, RBAL), 1.0);
        NZ(row(t, RSOC), 1.0 / ed);
        start[col(t, CS)] = k;
        NZ(row(t, RSOC), 1.0);
        if (nxt) NZ(row(t + 1, RSOC), -keep);
        start[col(t, CF)] = k;
        NZ(row(t, RSOC), -1.0);
        start[col(t, CZ)] = k;
        NZ(row(t, RBAL), -1.0);
        start[col(t, CM)] = k;
        NZ(row(t, RBAL), 1.0);
        start[col(t, CN)] = k;
        NZ(row(t, RBAL), 1.0);
        if (uc) {
            /* k: committed capacity; st: started; sd: stopped (docs/optimal-dispatch.md) */
            start[col(t, CK)] = k;
            NZ(row(t, RFL), -lim->coal_min_frac);
            NZ(row(t, RCAP), -1.0);
            NZ(row(t, RSTA), -1.0);
            NZ(row(t, RSTO), 1.0);
            NZ(row(t, RMU), 1.0);
            NZ(row(t, RMD), 1.0);
            if (nxt) {
                NZ(row(t + 1, RSTA), 1.0);
                NZ(row(t + 1, RSTO), -1.0);
            }
            start[col(t, CST)] = k;
            NZ(row(t, RSTA), 1.0);
            for (int j = t; ut > 0 && j < T && j < t + ut; j++) NZ(row(j, RMU), -1.0);
            start[col(t, CSD)] = k;
            NZ(row(t, RSTO), 1.0);
            for (int j = t; dt > 0 && j < T && j < t + dt; j++) NZ(row(j, RMD), 1.0);
            /* Start-up fuel, weighed like coal; a hair more so that
             * capacity is not started for nothing when it costs no fuel. */
            obj[col(t, CST)] = w->coal_cost * lim->coal_startup_mwh + START_EPS;
        }
        if (h2) {
            /* e: electrolyser power; H: store; U: unmet (kg) */
            start[col(t, ch + HE)] = k;
            NZ(row(t, RBAL), -1.0);
            NZ(row(t, rh + RH2), -kgpm);
            NZ(row(t, rh + RELY), 1.0);
            start[col(t, ch + HH)] = k;
            NZ(row(t, rh + RH2), 1.0);
            if (nxt) NZ(row(t + 1, rh + RH2), -1.0);
            start[col(t, ch + HU)] = k;
            NZ(row(t, rh + RH2), -1.0);
            obj[col(t, ch + HE)] = e_w;
            obj[col(t, ch + HU)] = h_w;
        }

        obj[col(t, CU)] = -w->curtail_cost;
        obj[col(t, CG)] = w->coal_cost;
        obj[col(t, CB)] = w->below_floor_cost;
        /* Charge costs what discharge refunds: the net is the storage's
         * losses, priced like curtailment, so cycling cannot hide a surplus. */
        obj[col(t, CC)] = w->curtail_cost + w->storage_cost;
        obj[col(t, CD)] = w->storage_cost - w->curtail_cost;
        obj[col(t, CM)] = w->import_cost;
        obj[col(t, CN)] = w->unserved_cost;
    }
#undef NZ
    start[nc] = k;
    /* Energy left in store at the end is worth what discharging it would
     * save: its refund and the coal it displaces. */
    obj[col(T - 1, CS)] = -(w->curtail_cost + w->coal_cost) * ed;

    Clp_setLogLevel(s->m, 0);
    Clp_loadProblem(s->m, (int)nc, (int)nrows, start, index, value, NULL, NULL, obj, NULL, NULL);
    Clp_setOptimizationDirection(s->m, 1.0);
    free(start);
    free(index);
    free(value);
    s->obj = obj;   /* kept for set_price_objective */
    s->hours = T;
    s->keep = keep;
    s->eta_c = ec;
    s->eta_d = ed;
    s->w = lim->lp;
    s->commit = uc;
    s->nv = nv;
    s->nr = nr;
    s->ut = ut;
    s->dt = dt;
    s->minfrac = uc ? lim->coal_min_frac : 0.0;
    s->startup = uc ? lim->coal_startup_mwh : 0.0;
    s->h2 = h2;
    s->ch = ch;
    s->rh = rh;
    s->prio = h2 ? lim->ely_priority : 0;
    s->kgpm = h2 ? kgpm : 0.0;
    return 1;
}

/* The slot holding a T-hour program with lim's coefficients, built if none
 * does (replacing the one used least recently). NULL when out of memory. */
static Slot *slot_for(LpDispatch *lp, int T, const DispatchLimits *lim)
{
    Slot *pick = NULL;
    for (int i = 0; i < SLOTS; i++) {
        Slot *s = &lp->slot[i];
        if (s->hours == T && s->keep == lim->keep_per_h && s->eta_c == lim->eta_charge
            && s->eta_d == lim->eta_discharge && memcmp(&s->w, &lim->lp, sizeof s->w) == 0
            && s->commit == lim->coal_commit
            && (!s->commit || (s->ut == min_up(lim) && s->dt == min_down(lim) && s->minfrac == lim->coal_min_frac
                               && s->startup == lim->coal_startup_mwh))
            && s->h2 == has_h2(lim)
            && (!s->h2 || (s->prio == lim->ely_priority && s->kgpm == lim->ely_kg_per_mwh))) {
            pick = s;
            break;
        }
    }
    if (!pick) {
        pick = &lp->slot[0];
        for (int i = 1; i < SLOTS; i++)
            if (lp->slot[i].used < pick->used) pick = &lp->slot[i];
        if (!slot_build(pick, T, lim)) return NULL;
    }
    pick->used = ++lp->tick;
    return pick;
}

/* The per-hour quantities the rows and bounds take from the inputs. */
static double pool_avail(const DispatchLimits *lim, const YearInputs *in, int h)
{
    double re = 0.0;
    for (int k = 0; k < lim->n_pool; k++) re += in->v[lim->pool_avail[k]][h];
    return re;
}

static double coal_cap(const DispatchLimits *lim, const YearInputs *in, int h)
{
    const double *cav = in->v[SER_COAL_AVAIL];
    return cav ? cav[h] : lim->coal_max_mw;
}

static double coal_floor(const DispatchLimits *lim, double cap)
{
    return cap < lim->coal_max_mw ? lim->coal_min_mw * (cap / lim->coal_max_mw) : lim->coal_min_mw;
}

static double import_cap(const DispatchLimits *lim, const YearInputs *in, int h)
{
    if (!lim->import_allowed) return 0.0;
    double line = in->v[SER_LINE][h];
    return lim->import_limited ? dmin(line, lim->import_limit_mw) : line;
}

/* The lower bounds of the down row and the upper bounds of the up row of
 * hour t >= 1 (see the head of the file). */
static double down_lo(const DispatchLimits *lim, const YearInputs *in, int h)
{
    double ramp = lim->coal_ramp_mw_per_h;
    return -ramp - dmax(0.0, coal_cap(lim, in, h - 1) - ramp - coal_cap(lim, in, h));
}

static double up_hi(const DispatchLimits *lim, const YearInputs *in, int h)
{
    double ramp = lim->coal_ramp_mw_per_h;
    return ramp + dmax(0.0, coal_floor(lim, coal_cap(lim, in, h)) - coal_floor(lim, coal_cap(lim, in, h - 1)) - ramp);
}

/* dispatch.c's coal_range for the first hour after prev. */
static void first_range(const DispatchLimits *lim, const YearInputs *in, int h, double prev, double *lo, double *hi)
{
    double cap = coal_cap(lim, in, h), ramp = lim->coal_ramp_mw_per_h;
    double l = dmin(dmax(coal_floor(lim, cap), prev - ramp), cap);
    *lo = l;
    *hi = dmax(dmin(cap, prev + ramp), l);
}

/* The committed capacity a window starts from: the state's, at most the
 * fleet (a unit retired at the year boundary), or the whole fleet in a fresh
 * run (as dispatch.c's commit_start). */
static double committed0(const DispatchLimits *lim, const DispatchState *st)
{
    return st->coal_committed_set ? dmin(st->coal_committed_mw, lim->coal_max_mw) : lim->coal_max_mw;
}

/* Unit commitment's bounds of hour t (docs/optimal-dispatch.md): the
 * floor moves into the floor row (min_frac x k), so the ramp rows keep only
 * the ramp, relaxed by what a floor can ask beyond it. */
static void set_commit_bounds(const Slot *s, const DispatchLimits *lim, const YearInputs *in, int h0, int t,
                              const DispatchState *st, double *l, double *u, double *a, double *b)
{
    const int h = h0 + t;
    const double cap = coal_cap(lim, in, h), ramp = lim->coal_ramp_mw_per_h, k0 = committed0(lim, st);
    l[CK] = dmin(lim->coal_steam_floor_mw, cap); u[CK] = cap;
    l[CST] = 0.0; u[CST] = INF;
    l[CSD] = 0.0; u[CSD] = INF;
    const double jump = dmax(0.0, lim->coal_min_frac * cap - ramp);
    if (t == 0) {
        const double prev = st->coal_mw;
        a[RUP] = -INF; b[RUP] = dmax(prev + ramp, lim->coal_min_frac * cap);
        a[RDN] = dmin(prev - ramp, cap); b[RDN] = INF;
    } else {
        a[RUP] = -INF; b[RUP] = ramp + jump;
        a[RDN] = down_lo(lim, in, h); b[RDN] = INF;
    }
    a[RFL] = 0.0; b[RFL] = INF;
    a[RCAP] = -INF; b[RCAP] = 0.0;
    a[RSTA] = t == 0 ? -k0 : 0.0; b[RSTA] = INF;
    a[RSTO] = t == 0 ? k0 : 0.0; b[RSTO] = INF;
    a[RMU] = s->ut > 0 ? 0.0 : -INF; b[RMU] = INF;
    a[RMD] = -INF; b[RMD] = s->dt > 0 ? lim->coal_max_mw : INF;
}

/* The price term (docs/storage-arbitrage.md): with dispatch.lp_price_weight
 * w > 0, charge in hour t costs w x price_t more and discharge earns it, so
 * the optimum moves stored energy from cheap to dear hours. The matrix
 * stays; only these coefficients change from window to window. */
static void set_price_objective(Slot *s, const DispatchLimits *lim, const YearInputs *in, int h0)
{
    const double w = lim->lp.price_weight;
    const double *price = in->v[SER_PRICE];
    if (!(w > 0.0) || !price) return;
    const LpParams *lp = &lim->lp;
    const int nv = s->nv;
    for (int t = 0; t < s->hours; t++) {
        const double v = w * price[h0 + t];
        s->obj[col(t, CC)] = lp->curtail_cost + lp->storage_cost + v;
        s->obj[col(t, CD)] = lp->storage_cost - lp->curtail_cost - v;
    }
    Clp_chgObjCoefficients(s->m, s->obj);
}

/* The store a window starts from, within this year's store (it may have
 * shrunk at the year boundary; h2dispatch.c clips the same way). */
static double h2_start(const DispatchLimits *lim, const DispatchState *st)
{
    return dmin(dmax(st->h2_kg, 0.0), lim->h2_store_max_kg);
}

static void set_bounds(Slot *s, const DispatchLimits *lim, const YearInputs *in, int h0, const DispatchState *st)
{
    const int T = s->hours, nv = s->nv, nr = s->nr;
    const double P = lim->storage_power_mw, smin = lim->soc_min_mwh, smax = lim->soc_max_mwh;
    const double topup = (1.0 - lim->keep_per_h) * smin;
    const double n_hi = lim->lp.allow_unserved ? INF : 0.0;
    double *cl = s->collo, *cu = s->colup, *rl = s->rowlo, *ru = s->rowup;
    for (int t = 0; t < T; t++) {
        const int h = h0 + t;
        const double cap = coal_cap(lim, in, h), x = in->v[SER_EXPORT_FIRM][h];
        double *l = cl + col(t, 0), *u = cu + col(t, 0);
        l[CU] = 0.0; u[CU] = pool_avail(lim, in, h);
        l[CG] = 0.0; u[CG] = cap;
        l[CB] = 0.0; u[CB] = INF;
        l[CC] = 0.0; u[CC] = P;
        l[CD] = 0.0; u[CD] = P;
        l[CS] = smin; u[CS] = smax;
        l[CF] = 0.0; u[CF] = topup;
        const double *room = in->v[SER_EXPORT_ROOM];   /* exportline.h; NULL: the whole free line */
        l[CZ] = 0.0; u[CZ] = room ? room[h] : dmax(in->v[SER_LINE][h] - x, 0.0);
        l[CM] = 0.0; u[CM] = import_cap(lim, in, h);
        l[CN] = 0.0; u[CN] = n_hi;
        double *a = rl + row(t, 0), *b = ru + row(t, 0);
        a[RBAL] = b[RBAL] = in->v[SER_LOAD][h] + x - in->v[SER_SCHEDULED][h];
        a[RSOC] = b[RSOC] = t == 0 ? lim->keep_per_h * st->soc_mwh : 0.0;
        if (t == 0) {
            double lo, hi;
            first_range(lim, in, h, st->coal_mw, &lo, &hi);
            a[RUP] = -INF; b[RUP] = hi;
            a[RDN] = lo; b[RDN] = INF;
        } else {
            a[RUP] = -INF; b[RUP] = up_hi(lim, in, h);
            a[RDN] = down_lo(lim, in, h); b[RDN] = INF;
        }
        a[RFL] = coal_floor(lim, cap); b[RFL] = INF;
        if (s->commit) set_commit_bounds(s, lim, in, h0, t, st, l, u, a, b);
        if (s->h2) {
            const double draw = lim->h2_methanol_kg_per_h + lim->h2_trucks_kg_per_h;
            l[s->ch + HE] = 0.0; u[s->ch + HE] = lim->ely_mw;
            l[s->ch + HH] = 0.0; u[s->ch + HH] = lim->h2_store_max_kg;
            l[s->ch + HU] = 0.0; u[s->ch + HU] = draw;
            a[s->rh + RH2] = b[s->rh + RH2] = t == 0 ? h2_start(lim, st) - draw : -draw;
            a[s->rh + RELY] = -INF;
            b[s->rh + RELY] = lim->ely_priority == ELY_BEFORE_EXPORT ? INF : 0.0;
        }
    }
    Clp_chgColumnLower(s->m, cl);
    Clp_chgColumnUpper(s->m, cu);
    Clp_chgRowLower(s->m, rl);
    Clp_chgRowUpper(s->m, ru);
}

static const char *clp_what(int status)
{
    switch (status) {
    case 1: return "primal infeasible (no dispatch meets every limit)";
    case 2: return "dual infeasible (unbounded)";
    case 3: return "iteration limit reached";
    case 4: return "stopped on numerical difficulties";
    case 5: return "stopped by an event handler";
    default: return "not solved";
    }
}

static Status fail(LpDispatch *lp, int window, int h0, int T, int status, int iters, const char *what)
{
    lp->fail = (LpFailure){ .window = window, .first_hour = h0, .hours = T, .clp_status = status,
                            .iterations = iters };
    snprintf(lp->fail.what, sizeof lp->fail.what, "%s", what);
    return ST_LP_FAILED;
}

Status lpdispatch_window(LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in, int h0, int hours,
                         int keep, int window, DispatchState *st, YearSeries *out, double *objective,
                         DispatchReport *rep)
{
    Slot *s = slot_for(lp, hours, lim);
    if (!s) return ST_NOMEM;
    set_bounds(s, lim, in, h0, st);
    set_price_objective(s, lim, in, h0);
    Clp_setMaximumIterations(s->m, lim->lp.max_iterations);
    /* Dual simplex from the last basis: only bounds changed, so it stays
     * dual feasible and a few hundred pivots repair it. */
    Clp_dual(s->m, 0);
    int status = Clp_status(s->m);
    if (status != 0) {
        int it = Clp_numberIterations(s->m);
        slot_clear(s);   /* never start from a failed basis */
        return fail(lp, window, h0, hours, status, it, clp_what(status));
    }
    s->solved = 1;
    const double *x = Clp_getColSolution(s->m);
    const int nv = s->nv, uc = s->commit;
    double constant = 0.0;
    for (int t = 0; t < hours; t++) constant += lim->lp.curtail_cost * s->colup[col(t, CU)];
    *objective = Clp_objectiveValue(s->m) + constant;

    /* The kept hours: into the bounds (the solver's tolerance is 1e-7),
     * then the balance closed exactly by the pool, coal or unserved. */
    double *const *v = out->v;
    double prev = st->coal_mw, soc = st->soc_mwh, k_prev = committed0(lim, st);
    /* Hydrogen: the store as ely_hour keeps it; draw per hour, kg. */
    const ElyLimits el = { .power_mw = lim->ely_mw, .min_mw = lim->ely_min_mw,
                           .kg_per_mwh = lim->ely_kg_per_mwh, .store_max_kg = lim->h2_store_max_kg };
    const double draw = lim->h2_methanol_kg_per_h + lim->h2_trucks_kg_per_h;
    double h2 = h2_start(lim, st);
    for (int t = 0; t < keep; t++) {
        const int h = h0 + t;
        const double *lo = s->collo + col(t, 0), *up = s->colup + col(t, 0);
        double y[NV_UC + NH];
        for (int k = 0; k < nv; k++) y[k] = dmin(dmax(x[col(t, k)], lo[k]), up[k]);
        /* The electrolysers: the program's e, then the hour as the rules
         * keep it (ely_hour): below the minimum load the fleet idles (the
         * program relaxed it), the store serves the draw first and takes
         * what fits. This never holds less hydrogen than the program's
         * store (the program may leave a draw unmet while the store holds
         * some, at the same cost), so e is never cut for a full store
         * beyond the solver's tolerance. */
        double e_lp = 0.0, e = 0.0;
        ElyHour eh = { 0 };
        if (s->h2) {
            e_lp = y[s->ch + HE];
            if (e_lp < 1e-6) e_lp = 0.0;
            else if (e_lp < el.min_mw && e_lp >= el.min_mw - 1e-6) e_lp = el.min_mw;   /* rounding */
            if (e_lp > 0.0 && e_lp < el.min_mw) lp->ely_below_min++;
            eh = ely_hour(&el, e_lp, draw, &h2);
            e = eh.power_mw;
        }
        /* Unserved energy within the solver's tolerance of 0 is rounding, not a
         * shortfall (it would fail an "unserved = 0" target by 1e-11 MWh): the
         * balance below closes it by other means. */
        if (y[CN] < 1e-6) y[CN] = 0.0;
        const double firm = in->v[SER_EXPORT_FIRM][h];
        double r = y[CU] + y[CG] + y[CD] + y[CM] + y[CN] + in->v[SER_SCHEDULED][h]
                 - (in->v[SER_LOAD][h] + firm + y[CZ] + y[CC] + e_lp);
        double scale = 1.0 + up[CU] + up[CG] + fabs(in->v[SER_LOAD][h]) + firm + lim->ely_mw;
        if (fabs(r) > 1e-6 * scale) {
            const int it = Clp_numberIterations(s->m);   /* before the model goes */
            slot_clear(s);
            return fail(lp, window, h0, hours, 0, it, "solution does not close the balance");
        }
        r += e_lp - e;   /* what ely_hour did not take (minimum load, full store) */
        if (r > 0.0) {   /* too much supply: use less of the pool, then coal */
            double cut = dmin(r, y[CU]);
            y[CU] -= cut;
            r -= cut;
            cut = dmin(r, y[CG] - lo[CG]);
            y[CG] -= cut;
            r -= cut;
            y[CZ] += r;
        } else if (r < 0.0) {   /* too little: more of the pool, less extra export,
                                 * more coal and import within their bounds, then unserved */
            double need = -r, add = dmin(need, up[CU] - y[CU]);
            y[CU] += add, need -= add;
            add = dmin(need, y[CZ] - lo[CZ]);
            y[CZ] -= add, need -= add;
            add = dmin(need, up[CG] - y[CG]);
            y[CG] += add, need -= add;
            add = dmin(need, up[CM] - y[CM]);
            y[CM] += add, need -= add;
            y[CN] += need;
        }
        const double re = up[CU];
        const double kp = re > 0.0 ? y[CU] / re : 1.0;
        for (int k = 0; k < lim->n_pool; k++) v[lim->pool_used[k]][h] = in->v[lim->pool_avail[k]][h] * kp;
        v[SER_COAL][h] = y[CG];
        v[SER_DISCHARGE][h] = y[CD];
        v[SER_IMPORT][h] = y[CM];
        v[SER_EXPORT][h] = firm + y[CZ];
        v[SER_CHARGE][h] = y[CC];
        v[SER_SOC][h] = y[CS];
        v[SER_CURTAILED][h] = re - y[CU];
        v[SER_UNSERVED][h] = y[CN];
        if (v[SER_ELECTROLYSER]) {   /* NULL: a caller without them */
            /* Within the pool's output it is curtailment absorbed, beyond
             * it (before_export only) power the line would have carried. */
            const double from_c = dmin(e, re - v[SER_CURTAILED][h]);
            v[SER_ELECTROLYSER][h] = e;
            v[SER_H2_STORE][h] = h2;
            v[SER_ELY_ABSORBED][h] = dmax(from_c, 0.0);
            v[SER_ELY_FROM_EXPORT][h] = e - dmax(from_c, 0.0);
            v[SER_H2_MADE][h] = eh.made_kg / 1000.0;
            v[SER_H2_DELIVERED][h] = eh.delivered_kg / 1000.0;
            v[SER_H2_UNMET][h] = eh.unmet_kg / 1000.0;
        }
        /* Committed capacity: the program's, at least the output (the
         * balance's closing above may have added coal within the solver's
         * tolerance); must-run: every unit available. */
        const double k_h = uc ? dmax(y[CK], y[CG]) : up[CG];
        if (v[SER_COAL_COMMITTED]) v[SER_COAL_COMMITTED][h] = k_h;   /* NULL: a caller without it */
        if (uc) {
            rep->coal_started_mw += dmax(k_h - k_prev, 0.0);
            k_prev = k_h;
        }
        if (y[CB] > 1e-6) {
            rep->below_floor_hours++;
            rep->below_floor_mwh += y[CB];
        }
#ifdef ECSIM_CHECKS
        /* The hour against the limits of dispatch.h, on the stored values. */
        double used = 0.0;
        for (int k = 0; k < lim->n_pool; k++) used += v[lim->pool_used[k]][h];
        double bal = used + y[CG] + y[CD] + y[CM] + y[CN] + in->v[SER_SCHEDULED][h]
                   - (in->v[SER_LOAD][h] + firm + y[CZ] + y[CC] + e);
        double soc_lp = lim->keep_per_h * soc + lim->eta_charge * y[CC] - y[CD] / lim->eta_discharge + y[CF];
        int ok = fabs(bal) <= 1e-6 * scale && v[SER_CURTAILED][h] >= -1e-6 * scale
              && y[CS] >= lim->soc_min_mwh - 1e-9 && y[CS] <= lim->soc_max_mwh + 1e-9
              && fabs(soc_lp - y[CS]) <= 1e-6 * (1.0 + lim->soc_max_mwh) && isfinite(bal)
              && e >= 0.0 && e <= el.power_mw + 1e-9 && (e == 0.0 || e >= el.min_mw - 1e-9)
              && h2 >= 0.0 && h2 <= el.store_max_kg + 1e-9
              && (!s->h2 || lim->ely_priority == ELY_BEFORE_EXPORT || e <= used + 1e-6 * scale);
        if (!ok && rep->check_violations++ == 0) rep->first_violation_hour = h;
#endif
        prev = y[CG];
        soc = y[CS];
    }
    st->coal_mw = prev;
    st->soc_mwh = soc;
    st->h2_kg = h2;
    if (uc) {
        st->coal_committed_mw = k_prev;
        st->coal_committed_set = 1;
    }
    return ST_OK;
}

Status lpdispatch_year(LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                       YearSeries *out, DispatchReport *rep)
{
    *rep = (DispatchReport){ .first_violation_hour = -1 };
    if (!lp) return ST_NOMEM;
    memset(&lp->fail, 0, sizeof lp->fail);
    lp->ely_below_min = 0;
    st->h2_zero_hours = 0;   /* the program writes the electrolysers' series */
    const int n = in->hours, W = lim->lp.window_h, L = lim->lp.lookahead_h;
    if (W < 1 || L < 0) return fail(lp, 0, 0, 0, -1, 0, "window_h must be >= 1 and lookahead_h >= 0");
    /* As dispatch_year: a SOC outside this year's window is clipped first. */
    DispatchState s = *st;
    double soc = dmin(dmax(s.soc_mwh, lim->soc_min_mwh), lim->soc_max_mwh);
    rep->soc_clamp_mwh = soc - s.soc_mwh;
    s.soc_mwh = soc;
    int window = 0;
    for (int h0 = 0; h0 < n; h0 += W) {
        const int keep = n - h0 < W ? n - h0 : W;
        const int hours = n - h0 < W + L ? n - h0 : W + L;
        double obj;
        Status r = lpdispatch_window(lp, lim, in, h0, hours, keep, ++window, &s, out, &obj, rep);
        if (r != ST_OK) return r;
    }
    *st = s;
    return ST_OK;
}

double lpdispatch_objective(const DispatchLimits *lim, const YearInputs *in, int h0, int hours,
                            const DispatchState *st0, const YearSeries *out)
{
    const LpParams *w = &lim->lp;
    double *const *v = out->v;
    double sum = 0.0, prev = st0->coal_mw, k_prev = committed0(lim, st0);
    double e_w = 0.0, h_w = 0.0;
    const int h2 = has_h2(lim) && v[SER_ELECTROLYSER] && v[SER_H2_UNMET];
    if (h2) h2_weights(lim, &e_w, &h_w);
    for (int t = 0; t < hours; t++) {
        const int h = h0 + t;
        const double g = v[SER_COAL][h], c = v[SER_CHARGE][h], d = v[SER_DISCHARGE][h];
        double need;   /* the least g + b the floor and down rows allow */
        if (lim->coal_commit) {
            /* the floor row on the committed capacity, the down row as set_commit_bounds */
            const double k = v[SER_COAL_COMMITTED][h], cap = coal_cap(lim, in, h);
            need = dmax(lim->coal_min_frac * k,
                        t == 0 ? dmin(prev - lim->coal_ramp_mw_per_h, cap) : prev + down_lo(lim, in, h));
            sum += (w->coal_cost * lim->coal_startup_mwh + START_EPS) * dmax(k - k_prev, 0.0);
            k_prev = k;
        } else if (t == 0) {
            double lo, hi;
            first_range(lim, in, h, prev, &lo, &hi);
            need = lo;
        } else {
            need = dmax(coal_floor(lim, coal_cap(lim, in, h)), prev + down_lo(lim, in, h));
        }
        if (!lim->coal_commit) need = dmax(need, coal_floor(lim, coal_cap(lim, in, h)));
        const double b = dmax(0.0, need - g);
        sum += w->curtail_cost * (v[SER_CURTAILED][h] + c - d) + w->coal_cost * g + w->below_floor_cost * b
             + w->import_cost * v[SER_IMPORT][h] + w->unserved_cost * v[SER_UNSERVED][h]
             + w->storage_cost * (c + d);
        if (w->price_weight > 0.0 && in->v[SER_PRICE]) sum += w->price_weight * in->v[SER_PRICE][h] * (c - d);
        if (h2) sum += e_w * v[SER_ELECTROLYSER][h] + h_w * 1000.0 * v[SER_H2_UNMET][h];
        prev = g;
    }
    if (hours > 0) sum -= (w->curtail_cost + w->coal_cost) * lim->eta_discharge * v[SER_SOC][h0 + hours - 1];
    return sum;
}
