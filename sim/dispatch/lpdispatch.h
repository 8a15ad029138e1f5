/* lpdispatch.h — the optimal dispatch (DESIGN §5, docs/optimal-dispatch.md):
 * a linear program per rolling window, solved with COIN-OR Clp, under the
 * limits the rules of dispatch.h respect, so that the rules' own flows are
 * always a feasible point of each window's program. It is the yardstick that
 * shows how far a rule is from the best the system allows.
 *
 * Windows: hours [h0, h0 + window_h) are kept from a program over
 * [h0, h0 + window_h + lookahead_h) cut at the year's end; the look-ahead's
 * decisions are discarded, and the SOC and coal output of the last kept hour
 * start the next window (and the next year, through DispatchState).
 *
 * A workspace holds the Clp models (one per window length, the matrix built
 * once and reused: only bounds change between windows and years, and each
 * solve starts from the previous basis). It belongs to one Run: threads never
 * share one. */
#ifndef ECSIM_LPDISPATCH_H
#define ECSIM_LPDISPATCH_H

#include "dispatch.h"
#include "model.h"
#include "status.h"

typedef struct LpDispatch LpDispatch;

/* NULL when out of memory or when Clp cannot be loaded (clp_api() is NULL:
 * clpload.h's clp_load_error says why). */
LpDispatch *lpdispatch_new(void);
void lpdispatch_free(LpDispatch *lp);

/* Forgets the kept bases, so that the next solve starts cold: call it when
 * a run starts, so that a run's result does not depend on what the same
 * workspace solved before (ensembles and batches reuse a Run per worker). */
void lpdispatch_reset(LpDispatch *lp);

/* Where a solve failed (lpdispatch_failure), after lpdispatch_year or
 * lpdispatch_window returned ST_LP_FAILED. */
typedef struct {
    int window;            /* 1-based window of the year; 0: the settings */
    int first_hour, hours; /* the program's hours (0-based hour of the year) */
    int clp_status;        /* Clp_status: 1 infeasible, 2 unbounded, 3 iteration limit, 4 errors */
    int iterations;
    char what[96];         /* "primal infeasible ...", "iteration limit reached", ... */
} LpFailure;

const LpFailure *lpdispatch_failure(const LpDispatch *lp);

/* The kept hours of the last lpdispatch_year (or, summed, of the windows
 * since) in which the program ran the electrolysers strictly between 0 and
 * their minimum load (the program relaxes it); those hours the fleet idles
 * (docs/hydrogen.md). */
long lpdispatch_ely_below_min(const LpDispatch *lp);

/* Dispatches the year under lim (strategy optimal, settings lim->lp) with
 * workspace lp, starting from *st and writing it back; fills every series of
 * out and *rep as dispatch_year does (below_floor_hours: hours whose floor
 * slack b exceeds 1e-6 MW). Returns ST_OK, ST_NOMEM (lp NULL or out of
 * memory), or ST_LP_FAILED (lpdispatch_failure says where); on failure the
 * series are incomplete and *st is unchanged. */
Status lpdispatch_year(LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in, DispatchState *st,
                       YearSeries *out, DispatchReport *rep);

/* One program over hours [h0, h0 + hours) from *st: writes the first `keep`
 * hours (<= hours) into out at their hours, adds their floor slack to *rep
 * and moves *st to the end of hour h0 + keep - 1; *objective is the
 * program's optimum over all its hours (lpdispatch_objective's value of its
 * solution). `window` numbers failures. */
Status lpdispatch_window(LpDispatch *lp, const DispatchLimits *lim, const YearInputs *in, int h0, int hours,
                         int keep, int window, DispatchState *st, YearSeries *out, double *objective,
                         DispatchReport *rep);

/* The program's objective evaluated for any dispatch of hours
 * [h0, h0 + hours) in out that started from *st0 (the rules' too): with the
 * weights w of lim->lp,
 *   sum_h  w.curtail (curtailed + charge - discharge) + w.coal coal
 *        + w.below_floor below + w.import import + w.unserved unserved
 *        + w.storage (charge + discharge)
 *        + e electrolyser + h 1000 h2_unmet   (with hydrogen: lpdispatch.c's h2_weights)
 *   - (w.curtail + w.coal) eta_discharge soc_end,
 * where below is how far coal went under the program's floor rows (0 for a
 * dispatch that kept them) and soc_end the SOC of the last hour. */
double lpdispatch_objective(const DispatchLimits *lim, const YearInputs *in, int h0, int hours,
                            const DispatchState *st0, const YearSeries *out);

#endif
