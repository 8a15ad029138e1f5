/* h2acct.c — methanol from CO2 and hydrogen trucks in the annual accounting
 * (h2acct.h, docs/hydrogen.md). */
#include "h2acct.h"

#include <math.h>

#include "electrolyser.h"
#include "schedule.h"

void h2_acct_year(const Scenario *s, AnnualRow *row)
{
    const int y = (int)lround(row->year);
    const MethanolParams *mp = &s->methanol;
    const TruckParams *tp = &s->h2_trucks;
    /* A demand, not a generator: the registry leaves its hours to this file. */
    row->electrolyser_full_load_hours = row->electrolyser_capacity_mw > 0
                                      ? row->electrolyser_mwh / row->electrolyser_capacity_mw : 0.0;

    /* The store serves both draws in proportion (h2dispatch.h), so the
     * hydrogen delivered splits by their demands. */
    double planned = methanol_planned_t(mp, row->methanol_capacity_t, row->methanol_co2_available_t);
    double dem_m = planned * mp->h2_t_per_t;
    TruckYear want = trucks_year(tp, row->h2_trucks, 0.0, 0.0);
    double dem_t = want.demand_t, dem = dem_m + dem_t;
    double to_m = dem > 0.0 ? row->h2_delivered_t * (dem_m / dem) : 0.0;
    double to_t = dem > 0.0 ? row->h2_delivered_t - to_m : 0.0;

    MethanolYear m = methanol_year(mp, row->methanol_capacity_t, to_m, row->methanol_co2_available_t);
    row->methanol_t = m.methanol_t;
    row->methanol_co2_used_t = m.co2_used_t;
    /* The county's captured CO2 first (what the conversion plants capture and
     * do not use themselves), the external supply for the rest: the captured
     * part moves from stored to used (acct_co2_fate's split). */
    double captured_free = row->co2_captured_t - row->co2_used_t;
    double from_captured = m.co2_used_t < captured_free ? m.co2_used_t : (captured_free > 0.0 ? captured_free : 0.0);
    row->co2_used_t += from_captured;
    row->co2_stored_t = row->co2_captured_t - row->co2_used_t;

    TruckYear t = trucks_year(tp, row->h2_trucks, to_t, row->coal_output_mt * 1e6);
    row->h2_truck_km = t.km;
    row->diesel_avoided_t = t.diesel_t;
    row->diesel_avoided_tce = t.diesel_tce;
    row->diesel_co2_avoided_t = t.co2_t;
    row->h2_haulage_share_frac = t.haulage_share_frac;

    if (tp->diesel_in_accounting && t.diesel_tce > 0.0) {
        /* The haulage diesel is inside other_industry_mtce: no more can come off than that holds. */
        double other_tce = schedule_at(&s->accounting.other_industry_mtce, y) * 1e6;
        double off_tce = t.diesel_tce < other_tce ? t.diesel_tce : other_tce;
        double off_co2_t = t.co2_t * (off_tce / t.diesel_tce);
        row->energy_consumption_coal_equiv_mtce -= off_tce * 1e-6;
        row->energy_consumption_calorific_mtce -= off_tce * 1e-6;
        row->energy_consumption_mtce -= off_tce * 1e-6;
        row->energy_consumption_excl_feedstock_mtce -= off_tce * 1e-6;
        row->co2_mt -= off_co2_t * 1e-6;
        row->co2_gross_mt -= off_co2_t * 1e-6;
    }
    /* The methanol's carbon. acct_year took all captured CO2 off co2_mt
     * (stored or used); external CO2 was never off it. delayed: the carbon
     * is emitted when the methanol burns, so the captured part comes back;
     * removed: the external part comes off too. */
    if (mp->carbon == CCU_REMOVED) row->co2_mt -= (m.co2_used_t - from_captured) * 1e-6;
    else row->co2_mt += from_captured * 1e-6;
    row->co2_ccu_removed_mt = mp->carbon == CCU_REMOVED ? row->co2_mt : row->co2_mt - m.co2_used_t * 1e-6;
}
