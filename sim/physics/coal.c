/* coal.c — the committed coal power fleet of a year and coal mining output
 * (DESIGN §4). */
#include "coal.h"

#include <math.h>

#include "schedule.h"

void coal_fleet_year(const CoalPowerParams *p, int year, CoalFleetYear *out)
{
    CoalFleetYear f = { 0 };
    double heat_weighted = 0.0;   /* sum of heat rate * capacity */
    double start_weighted = 0.0;  /* sum of start-up fuel * capacity */
    double up = 0.0, down = 0.0;
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
        start_weighted += c->startup_tce_per_mw * c->capacity_mw;
        f.steam_floor_mw += c->must_run_frac * c->capacity_mw;
        up = c->min_up_h > up ? c->min_up_h : up;
        down = c->min_down_h > down ? c->min_down_h : down;
    }
    /* One group: the floor per MW committed is the fleet's mean minimum load
     * (exact when the units share min_load_frac), and the longest minimum
     * up and down times bind the whole group (conservative). */
    f.min_frac = f.capacity_mw > 0.0 ? f.min_mw / f.capacity_mw : 0.0;
    f.startup_tce_per_mw = f.capacity_mw > 0.0 ? start_weighted / f.capacity_mw : 0.0;
    f.min_up_h = (int)ceil(up);
    f.min_down_h = (int)ceil(down);
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

double coal_part_load_factor(const CoalPowerParams *p, double x)
{
    const int n = COAL_CURVE_POINTS;
    const double *xs = p->part_load_frac, *ys = p->part_load_factor;
    if (x <= xs[0]) return ys[0];
    if (x >= xs[n - 1]) return ys[n - 1];
    int i = 1;
    while (i < n - 1 && x > xs[i]) i++;
    /* xs strictly increasing (schema), so the span is > 0 */
    return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
}

int coal_part_load_flat(const CoalPowerParams *p)
{
    for (int i = 0; i < COAL_CURVE_POINTS; i++)
        if (p->part_load_factor[i] != 1.0) return 0;
    return 1;
}

double coal_hour_tce(const CoalPowerParams *p, double hr_gce_per_kwh, double g_mw, double u_mw)
{
    if (g_mw <= 0.0) return 0.0;
    double x = u_mw > 0.0 ? g_mw / u_mw : 1.0;
    return g_mw * hr_gce_per_kwh * coal_part_load_factor(p, x) / 1000.0;
}
