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
 * Rows per hour:
 *   balance  u + g + d + m + n - z - c = load + firm - scheduled
 *   soc      s_t - keep s_{t-1} - eta_c c + d / eta_d - f = 0   (t = 0: = keep soc0)
 *   up       g_t - g_{t-1} - b_{t-1} <= ramp + max(0, min_t - min_{t-1} - ramp)
 *            (t = 0: g_0 <= hi0 of dispatch.c's coal_range)
 *   down     g_t - g_{t-1} + b_t >= -ramp - max(0, cap_{t-1} - ramp - cap_t)
 *            (t = 0: g_0 + b_0 >= lo0)
 *   floor    g_t + b_t >= min_t      (min_t scaled by the share available)
 * Each relaxes the rule it mirrors just enough that every dispatch the rules
 * can produce is feasible (docs/optimal-dispatch.md says why row by row), so
 * the program's optimum is never worse than the rules on its objective. */
#include "lpdispatch.h"

/* Clp's C interface, loaded at the first model (clpload.h says why). */
#include "clpload.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CU, CG, CB, CC, CD, CS, CF, CZ, CM, CN, NV,      /* columns of an hour */
       CK = NV, CST, CSD, NV_UC };                       /* unit commitment's (coal_commit) */
enum { RBAL, RSOC, RUP, RDN, RFL, NR,                    /* rows of an hour */
       RCAP = NR, RSTA, RSTO, RMU, RMD, NR_UC };
enum { NZ_PER_HOUR = 20, SLOTS = 2 };

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
    int solved;                      /* holds a basis to start from */
    unsigned long used;              /* for replacing the older slot */
    double *collo, *colup, *rowlo, *rowup;
    double *obj;                     /* the objective as built; with a price term, changed per window */
} Slot;

struct LpDispatch {
    Slot slot[SLOTS];
    unsigned long tick;
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

/* The column and row of hour t in a model of nv columns and nr rows per hour. */
static int colx(int nv, int t, int k) { return t * nv + k; }
static int rowx(int nr, int t, int r) { return t * nr + r; }
#define col(t, k) colx(nv, (t), (k))
#define row(t, r) rowx(nr, (t), (r))

/* The matrix's shape under lim: with unit commitment NV_UC columns and
 * NR_UC rows per hour. */
static void shape(const DispatchLimits *lim, int *nv, int *nr)
{
    *nv = lim->coal_commit ? NV_UC : NV;
    *nr = lim->coal_commit ? NR_UC : NR;
}

/* The minimum up and down times the rows take: 0 or 1 add no row. */
static int min_up(const DispatchLimits *lim) { return lim->coal_min_up_h > 1 ? lim->coal_min_up_h : 0; }
static int min_down(const DispatchLimits *lim) { return lim->coal_min_down_h > 1 ? lim->coal_min_down_h : 0; }

/* Builds the matrix and objective of a T-hour program (column-major), loads
 * them into a new model and keeps the bound arrays. 0 when out of memory. */
static int slot_build(Slot *s, int T, const DispatchLimits *lim)
{
    slot_clear(s);
    int nv, nr;
    shape(lim, &nv, &nr);
    const int uc = lim->coal_commit, ut = min_up(lim), dt = min_down(lim);
    /* unit commitment adds per hour: g in cap; b in floor's row twice
     * counted already; k in floor, cap, start, stop, min-up and min-down
     * rows; s and d in up to ut or dt min-up/down rows */
    const size_t per_hour = NZ_PER_HOUR + (uc ? 12 + (size_t)ut + (size_t)dt : 0);
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
    int k = 0;
#define NZ(r, v) (index[k] = (r), value[k] = (v), k++)
    for (int t = 0; t < T; t++) {
        const int nxt = t + 1 < T;
        start[col(t, CU)] = k;
        NZ(row(t, RBAL), 1.0);
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
                               && s->startup == lim->coal_startup_mwh))) {
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
    for (int t = 0; t < keep; t++) {
        const int h = h0 + t;
        const double *lo = s->collo + col(t, 0), *up = s->colup + col(t, 0);
        double y[NV_UC];
        for (int k = 0; k < nv; k++) y[k] = dmin(dmax(x[col(t, k)], lo[k]), up[k]);
        /* Unserved energy within the solver's tolerance of 0 is rounding, not a
         * shortfall (it would fail an "unserved = 0" target by 1e-11 MWh): the
         * balance below closes it by other means. */
        if (y[CN] < 1e-6) y[CN] = 0.0;
        const double firm = in->v[SER_EXPORT_FIRM][h];
        double r = y[CU] + y[CG] + y[CD] + y[CM] + y[CN] + in->v[SER_SCHEDULED][h]
                 - (in->v[SER_LOAD][h] + firm + y[CZ] + y[CC]);
        double scale = 1.0 + up[CU] + up[CG] + fabs(in->v[SER_LOAD][h]) + firm;
        if (fabs(r) > 1e-6 * scale) {
            const int it = Clp_numberIterations(s->m);   /* before the model goes */
            slot_clear(s);
            return fail(lp, window, h0, hours, 0, it, "solution does not close the balance");
        }
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
                   - (in->v[SER_LOAD][h] + firm + y[CZ] + y[CC]);
        double soc_lp = lim->keep_per_h * soc + lim->eta_charge * y[CC] - y[CD] / lim->eta_discharge + y[CF];
        int ok = fabs(bal) <= 1e-6 * scale && v[SER_CURTAILED][h] >= -1e-6 * scale
              && y[CS] >= lim->soc_min_mwh - 1e-9 && y[CS] <= lim->soc_max_mwh + 1e-9
              && fabs(soc_lp - y[CS]) <= 1e-6 * (1.0 + lim->soc_max_mwh) && isfinite(bal);
        if (!ok && rep->check_violations++ == 0) rep->first_violation_hour = h;
#endif
        prev = y[CG];
        soc = y[CS];
    }
    st->coal_mw = prev;
    st->soc_mwh = soc;
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
        prev = g;
    }
    if (hours > 0) sum -= (w->curtail_cost + w->coal_cost) * lim->eta_discharge * v[SER_SOC][h0 + hours - 1];
    return sum;
}
