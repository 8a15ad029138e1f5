/* coal.c — the committed coal power fleet of a year and coal mining output
 * (DESIGN §4). */
#include "coal.h"

#include "schedule.h"

void coal_fleet_year(const CoalPowerParams *p, int year, CoalFleetYear *out)
{
    CoalFleetYear f = { 0 };
    double heat_weighted = 0.0;   /* sum of heat rate * capacity */
    int n = p->n_units < COAL_MAX_UNITS ? p->n_units : COAL_MAX_UNITS;
    for (int u = 0; u < n; u++) {
        const CoalUnit *c = &p->units[u];
        if (c->commission_year > year) continue;
        if (c->retire_year != 0 && year >= c->retire_year) continue;
        f.n_units++;
        f.capacity_mw += c->capacity_mw;
        f.min_mw += c->min_load_frac * c->capacity_mw;
        f.ramp_mw_per_h += c->ramp_frac_per_h * c->capacity_mw;
        heat_weighted += c->heat_rate_gce_per_kwh * c->capacity_mw;
    }
    /* Weighted by capacity, not by output: the fleet is one aggregate plant
     * and the dispatch does not say which unit produced an hour's energy. */
    f.heat_rate_gce_per_kwh = f.capacity_mw > 0.0 ? heat_weighted / f.capacity_mw : 0.0;
    *out = f;
}

double coal_mining_output_mt(const CoalMiningParams *p, int year, int monthly_commissioning)
{
    if (!monthly_commissioning)
        return schedule_at(&p->capacity_mt, year) * schedule_at(&p->utilisation_frac, year);
    /* Capacity and utilisation both change linearly over the months, so the
     * year's output is the mean of the monthly products, not the product of
     * the two year means. */
    double sum = 0.0;
    for (int m = 1; m <= 12; m++)
        sum += schedule_month(&p->capacity_mt, year, m, 1)
             * schedule_month(&p->utilisation_frac, year, m, 1);
    return sum / 12.0;
}

double coal_tce_per_t(const CoalMiningParams *p)
{
    if (p->calorific_kcal_per_kg == 0.0) return 0.7143;
    return p->calorific_kcal_per_kg / 7000.0;
}
