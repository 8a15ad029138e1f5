/* storage.c — battery parameters of one year (DESIGN §4); the hourly steps
 * are static inline in storage.h. */
#include "storage.h"

#include <math.h>

void storage_limits(const StorageParams *p, double power_mw, DispatchLimits *lim)
{
    double energy_mwh = power_mw * p->duration_h;
    lim->storage_power_mw = power_mw;
    lim->soc_min_mwh = p->soc_min_frac * energy_mwh;
    lim->soc_max_mwh = p->soc_max_frac * energy_mwh;
    /* Without separate data for the two directions, the round-trip loss is
     * split evenly: eta_c * eta_d = roundtrip, eta_c = eta_d. */
    double eta = sqrt(p->roundtrip_eff_frac);
    lim->eta_charge = eta;
    lim->eta_discharge = eta;
    lim->keep_per_h = 1.0 - p->self_discharge_per_h_frac;
}

double storage_initial_soc(const StorageParams *p, double power_mw)
{
    double energy_mwh = power_mw * p->duration_h;
    double frac = p->initial_soc_frac;
    if (frac < p->soc_min_frac) frac = p->soc_min_frac;
    if (frac > p->soc_max_frac) frac = p->soc_max_frac;
    return frac * energy_mwh;
}
