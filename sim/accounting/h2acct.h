/* h2acct.h — the annual accounting of the electrolysers' hydrogen
 * (docs/hydrogen.md): methanol made from CO2 and the diesel the hydrogen
 * trucks avoid, and what they change in the county's energy use and CO2.
 * Runs after acct_year on the same row (it adjusts that row's consumption
 * and co2_mt), before acct_period (intensities). */
#ifndef ECSIM_H2ACCT_H
#define ECSIM_H2ACCT_H

#include "metrics.h"
#include "model.h"

/* Fills methanol_t, methanol_co2_used_t, h2_truck_km, diesel_avoided_t/_tce,
 * diesel_co2_avoided_t, h2_haulage_share_frac and co2_ccu_removed_mt from
 * the row's hydrogen delivered (split between the methanol plant and the
 * trucks in proportion to their draws, as the store serves them), and:
 *   - with h2_trucks.diesel_in_accounting, takes the diesel avoided off the
 *     energy consumption figures (both methods) and its CO2 off co2_mt, at
 *     most accounting.other_industry_mtce of the year (where the diesel is);
 *   - takes the methanol's CO2 from the captured CO2 the conversion plants
 *     do not use themselves first (moving it from co2_stored_t to
 *     co2_used_t), the external supply for the rest;
 *   - methanol.carbon = delayed (default): the methanol's carbon counts as
 *     emitted, so the captured CO2 it took is added back to co2_mt (acct_year
 *     took all captured CO2 off); removed: the external CO2 it took comes off
 *     co2_mt as well. co2_ccu_removed_mt is co2_mt under removed either way. */
void h2_acct_year(const Scenario *s, AnnualRow *row);

#endif
