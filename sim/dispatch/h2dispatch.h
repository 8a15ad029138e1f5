/* h2dispatch.h — electrolysers in the rule-based dispatch (docs/hydrogen.md;
 * the optimal dispatch has them as columns of its program, lpdispatch.c):
 * a pass over a dispatched year that lets the electrolysers take the
 * renewable surplus the rules left to curtailment (and, with priority
 * "before_export", the surplus the line carried off), before it is
 * curtailed. Kept apart from the strategy loops: the surplus the
 * electrolyser may take in an hour is decided there already (storage and
 * the line come first, in that hour), so taking it afterwards gives the
 * same hours as a hook inside every loop, without touching them.
 *
 * Each hour h, with surplus s = curtailed[h] (+ export[h] - firm[h] with
 * before_export): the electrolyser hour of electrolyser.h (minimum load,
 * store full, flat draws of the methanol plant and the trucks) takes
 * p <= s; curtailment falls by min(p, curtailed[h]), export by the rest;
 * the pool's keep rises so that each member's used power rises pro rata.
 * The balance stays closed: used + ... = load + export + charge +
 * electrolyser. */
#ifndef ECSIM_H2DISPATCH_H
#define ECSIM_H2DISPATCH_H

#include "model.h"

/* Runs the pass over in->hours hours; st->h2_kg is the store, carried from
 * year to year. Without electrolysers and hydrogen demand (lim->ely_mw = 0,
 * no draws, an empty store) it only clears its own series (a Run's buffers
 * may hold another scenario's).
 * Returns the number of hours that broke an invariant (always 0 unless
 * built with ECSIM_CHECKS). */
int h2_dispatch_pass(const DispatchLimits *lim, const YearInputs *in, DispatchState *st, YearSeries *out);

#endif
