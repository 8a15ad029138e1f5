/* electrolyser.c — the electrolyser's hour, methanol synthesis and hydrogen
 * trucks (electrolyser.h; sources in docs/hydrogen.md). */
#include "electrolyser.h"

#include <stddef.h>

static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }

ElyLimits ely_limits(const ElectrolyserParams *p, double capacity_mw)
{
    double cap = dmax(capacity_mw, 0.0);
    return (ElyLimits){ .power_mw = cap,
                        .min_mw = cap * p->min_load_frac,
                        .kg_per_mwh = p->kwh_per_kg > 0.0 ? 1000.0 / p->kwh_per_kg : 0.0,
                        .store_max_kg = dmax(p->storage_kg, 0.0) };
}

ElyHour ely_hour(const ElyLimits *lim, double surplus_mw, double demand_kg, double *store_kg)
{
    ElyHour r = { 0 };
    double s = *store_kg, d = dmax(demand_kg, 0.0);
    double p = dmin(dmax(surplus_mw, 0.0), lim->power_mw);
    if (p < lim->min_mw || !(p > 0.0)) p = 0.0;   /* below the minimum load it idles */
    double made = p * lim->kg_per_mwh;
    double delivered = dmin(d, s + made);
    /* The store takes what the hour's demand leaves; a full store cuts the
     * output to what fits (room for the hour's delivery counts). */
    double room = lim->store_max_kg - s + delivered;
    if (made > room) {
        made = dmax(room, 0.0);
        p = lim->kg_per_mwh > 0.0 ? made / lim->kg_per_mwh : 0.0;
        if (p < lim->min_mw) {   /* cannot run that low: idle, serve from the store */
            p = 0.0;
            made = 0.0;
            delivered = dmin(d, s);
        }
    }
    s = s + made - delivered;
    /* rounding: keep the invariant exactly */
    *store_kg = dmin(dmax(s, 0.0), lim->store_max_kg);
    r.power_mw = p;
    r.made_kg = made;
    r.delivered_kg = delivered;
    r.unmet_kg = d - delivered;
    return r;
}

double methanol_planned_t(const MethanolParams *p, double capacity_t, double co2_available_t)
{
    if (!(capacity_t > 0.0) || !(co2_available_t > 0.0) || !(p->co2_t_per_t > 0.0)) return 0.0;
    return dmin(capacity_t, co2_available_t / p->co2_t_per_t);
}

MethanolYear methanol_year(const MethanolParams *p, double capacity_t, double h2_t, double co2_t)
{
    MethanolYear y = { 0 };
    if (!(p->h2_t_per_t > 0.0) || !(p->co2_t_per_t > 0.0)) return y;
    double m = dmin(dmin(dmax(h2_t, 0.0) / p->h2_t_per_t, dmax(co2_t, 0.0) / p->co2_t_per_t),
                    dmax(capacity_t, 0.0));
    y.methanol_t = m;
    y.co2_used_t = m * p->co2_t_per_t;
    y.h2_used_t = m * p->h2_t_per_t;
    return y;
}

TruckYear trucks_year(const TruckParams *p, double trucks, double h2_delivered_t, double coal_output_t)
{
    TruckYear y = { 0 };
    double n = dmax(trucks, 0.0);
    /* kg/100 km x km / 100 = kg; / 1000 = t */
    y.demand_t = n * p->km_per_year * p->h2_kg_per_100km / 100.0 / 1000.0;
    if (!(p->h2_kg_per_100km > 0.0)) return y;
    double used_t = dmin(dmax(h2_delivered_t, 0.0), y.demand_t);
    y.km = used_t * 1000.0 / p->h2_kg_per_100km * 100.0;
    double litres = y.km * p->diesel_l_per_100km / 100.0;
    y.diesel_t = litres * p->diesel_kg_per_l / 1000.0;
    y.diesel_tce = y.diesel_t * p->diesel_tce_per_t;
    y.co2_t = y.diesel_t * p->diesel_co2_t_per_t;
    double tkm = y.km * p->laden_frac * p->payload_t;
    double haul_tkm = coal_output_t * p->haul_distance_km;
    y.haulage_share_frac = haul_tkm > 0.0 ? tkm / haul_tkm : 0.0;
    return y;
}
