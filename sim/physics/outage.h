/* outage.h — forced outages of generating units and lines as two-state
 * Markov chains in hours, and the exact capacity outage probability table
 * (COPT) of a set of two-state units (docs/adequacy.md).
 *
 * The chain of a unit: up -> down with probability p_fail per hour, down ->
 * up with probability p_repair = 1 / MTTR per hour. Outage durations are then
 * geometric with mean exactly MTTR hours, and p_fail = p_repair FOR / (1 - FOR)
 * makes the long-run unavailability p_fail / (p_fail + p_repair) exactly FOR.
 * The first hour's state is drawn from that stationary distribution, so
 * every hour of a sampled year has unavailability FOR. */
#ifndef ECSIM_OUTAGE_H
#define ECSIM_OUTAGE_H

#include <gsl/gsl_rng.h>

enum { OUTAGE_MAX_UNITS = 256 };   /* units of one sampled fleet */

typedef struct {
    double for_frac;                 /* forced outage rate, long-run unavailability */
    double p_fail, p_repair;         /* per-hour transition probabilities */
} OutageChain;

/* The chain of forced outage rate for_frac (0 <= FOR < 1) and mean time to
 * repair mttr_h (>= 1 h). Returns 0, or -1 when the pair has no hourly chain
 * (FOR or MTTR out of range, or p_fail > 1: FOR / (1 - FOR) > MTTR). */
int outage_chain(double for_frac, double mttr_h, OutageChain *c);

/* Samples n units (capacities cap_mw[u], at most OUTAGE_MAX_UNITS) over
 * hours hours from r and writes avail_mw[h] = the summed capacity of the
 * units up in hour h.
 * Unit-major: unit u draws 1 + hours uniforms, so the units' histories do
 * not depend on each other's. With FOR = 0 nothing is drawn and every unit
 * is up. No allocation. */
void outage_sample(const OutageChain *c, const double *cap_mw, int n, int hours, gsl_rng *r,
                   double *avail_mw);

/* Exact loss-of-load probability of a flat load: P(available capacity <
 * load_mw) for n independent two-state units of capacities cap_mw[u]
 * (rounded to whole MW) and outage rates for_frac[u], by the recursive
 * unit-addition algorithm of the capacity outage probability table
 * (Billinton and Allan, Reliability Evaluation of Power Systems, ch. 2).
 * Returns the probability, or -1 if the table cannot be allocated or an
 * argument is out of range. Not for hourly loops: it allocates the table. */
double outage_copt_lolp(const double *cap_mw, const double *for_frac, int n, double load_mw);

#endif
