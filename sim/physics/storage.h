/* storage.h — battery step functions: self-discharge, charge and discharge
 * with efficiencies and an SOC window (DESIGN §4). The steps are static
 * inline so that they inline into the dispatch loop (STYLE §4).
 * Invariant: soc_min_mwh <= soc <= soc_max_mwh after every step, given a
 * soc inside the window before it.
 *
 * Units and sides: soc is energy in the cells (MWh); offers, requests and
 * results are power at the grid connection (MW, one-hour steps, so also MWh).
 * Charging stores accepted * eta_charge; delivering takes delivered /
 * eta_discharge out of the cells.
 *
 * Order within one hour, as dispatch.c applies it:
 *   1. soc = storage_self_discharge(soc, ...)   (losses of the past hour's
 *      standing, taken at the start of the hour);
 *   2. at most one storage_charge and/or storage_discharge call for the
 *      hour's flows (a caller may split a flow over two calls, passing the
 *      power left after the first);
 *   3. the resulting soc is the hour's reported soc_mwh (end of the hour). */
#ifndef ECSIM_STORAGE_H
#define ECSIM_STORAGE_H

#include "model.h"

/* Self-discharge of one hour: soc * keep_per_h, but never below soc_min_mwh.
 * The floor is the reserve the battery management system keeps; standing
 * losses stop there rather than pushing the cells out of the window. Since
 * soc >= soc_min on entry, this never adds energy. */
static inline double storage_self_discharge(double soc_mwh, double keep_per_h, double soc_min_mwh)
{
    double s = soc_mwh * keep_per_h;
    return s > soc_min_mwh ? s : soc_min_mwh;
}

/* Charges from an offer of offer_mw at the grid side, limited by power_mw
 * and by the room left below soc_max_mwh. Returns the accepted grid-side MW
 * (0 <= accepted <= offer) and adds accepted * eta_charge to *soc_mwh, never
 * above soc_max_mwh. eta_charge in (0, 1]. The common case (the whole offer
 * fits) is tested first: its soc update does not depend on a division, which
 * keeps the hour-to-hour dependency chain of the dispatch loop short. */
static inline double storage_charge(double *soc_mwh, double offer_mw, double power_mw,
                                    double soc_max_mwh, double eta_charge)
{
    double want = offer_mw < power_mw ? offer_mw : power_mw;
    if (!(want > 0.0)) return 0.0;
    double soc = *soc_mwh;
    double s = soc + want * eta_charge;
    if (s <= soc_max_mwh) {
        *soc_mwh = s;
        return want;
    }
    /* Fill to the top: the grid-side power that brings the cells to soc_max. */
    if (!(soc < soc_max_mwh)) return 0.0;
    *soc_mwh = soc_max_mwh;
    return (soc_max_mwh - soc) / eta_charge;
}

/* Discharges towards a request of request_mw at the grid side, limited by
 * power_mw and by the energy above soc_min_mwh. Returns the delivered
 * grid-side MW (0 <= delivered <= request) and takes delivered /
 * eta_discharge from *soc_mwh, never below soc_min_mwh. eta_discharge in
 * (0, 1]. */
static inline double storage_discharge(double *soc_mwh, double request_mw, double power_mw,
                                       double soc_min_mwh, double eta_discharge)
{
    double want = request_mw < power_mw ? request_mw : power_mw;
    if (!(want > 0.0)) return 0.0;
    double soc = *soc_mwh;
    double s = soc - want / eta_discharge;
    if (s >= soc_min_mwh) {
        *soc_mwh = s;
        return want;
    }
    /* Empty to the floor: what the energy above soc_min delivers at the grid. */
    if (!(soc > soc_min_mwh)) return 0.0;
    *soc_mwh = soc_min_mwh;
    return (soc - soc_min_mwh) * eta_discharge;
}

/* Fills the storage fields of lim for a battery of power_mw (MW) built to p:
 * storage_power_mw = power_mw; energy = power_mw * duration_h;
 * soc_min/max_mwh = soc_min/max_frac * energy; eta_charge = eta_discharge =
 * sqrt(roundtrip_eff_frac) (the loss split evenly between the two
 * directions); keep_per_h = 1 - self_discharge_per_h_frac. Other fields of
 * lim are left alone. */
void storage_limits(const StorageParams *p, double power_mw, DispatchLimits *lim);

/* SOC (MWh) of a battery of power_mw at initial_soc_frac of its energy,
 * clipped into the window [soc_min_frac, soc_max_frac] of that energy. */
double storage_initial_soc(const StorageParams *p, double power_mw);

#endif
