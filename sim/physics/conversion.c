/* conversion.c — coal conversion routes: default coefficients and one
 * plant's year (definitions in conversion.h; the table of every coefficient
 * with its basis is docs/coal-conversion.md). */
#include "conversion.h"

#include <math.h>
#include <stdio.h>

#include "schedule.h"

/* Per tonne of product. Product energies and carbon contents are physical
 * properties of the products (LHV; carbon by molar mass, IUPAC); the coal
 * and electricity use are set so that the route's energy use per tonne
 * matches the national standard or the published whole-route figure named
 * below, and the split between feedstock and fuel, the electricity and the
 * semi-coke yields are assumptions (docs/coal-conversion.md has the table,
 * the checks and the sources with years).
 *   semi-coke (分级提质/兰炭), per t semi-coke: about 1.7 t of oil-rich long-flame
 *     coal (1.34 tce; assumption) in; out 1 t semi-coke (0.80 t C) and 0.16 t
 *     tar (0.84 t C) (assumption), with the retort heated by its own gas;
 *     products 34.1 GJ so that (coal + 40 kWh x 0.1229 kgce/kWh - products)
 *     = 0.18 tce/t, GB 29995-2024 兰炭 process energy, level 2 (160/180/210).
 *   sng, per t of methane (1 000 Nm3 = 0.717 t): 2.25 tce feed + 0.74 tce
 *     boiler coal + 300 kWh = 3.03 tce/t = 2.17 tce/1 000 Nm3, the industrial
 *     figure of 460 Nm3 CH4 per tce (金涌, c. 2014); CH4 LHV 50.0 GJ/t,
 *     carbon 12.011/16.043 = 0.749.
 *   methanol: 1.00 tce feed + 0.375 tce fuel + 200 kWh = 1.40 tce/t, GB
 *     29436-2023 coal-based methanol (bituminous), level 2 (1380/1400/1800
 *     kgce/t); LHV 19.9 GJ/t, carbon 12.011/32.042 = 0.375.
 *   olefins (coal -> methanol -> MTO), per t ethylene + propylene: 2.9 t
 *     methanol per t (assumption) made as above (2.9 tce feed, 1.09 tce fuel)
 *     plus the MTO step's 0.8 tce fuel (GB 30180-2024, MTO with feedstock,
 *     level 2 2.8 tce/t, less 2.9 t x 0.6794 tce/t of methanol feed), 900
 *     kWh; LHV 46 GJ/t, carbon 12.011/14.027 = 0.856.
 *   ctl (indirect, Fischer-Tropsch), per t of oil products: 2.7 tce feed +
 *     1.0 tce fuel + 500 kWh = 3.76 tce/t (266 kg per tce, 金涌, c. 2014; GB
 *     30180-2024 indirect liquefaction level 2, 2.2 tce/toe net of the
 *     product, gives 3.73); LHV 43 GJ/t, carbon 0.85. */
static const ConvCoeffs route_default[ROUTE_COUNT] = {
    [ROUTE_SEMICOKE] = { 1.34, 0.000, 40.0, 0.0, 34.1, 0.934, 1 },
    [ROUTE_SNG] = { 2.25, 0.740, 300.0, 0.0, 50.0, 0.749, 1 },
    [ROUTE_METHANOL] = { 1.00, 0.375, 200.0, 0.0, 19.9, 0.375, 0 },
    [ROUTE_OLEFINS] = { 2.90, 1.890, 900.0, 0.0, 46.0, 0.856, 0 },
    [ROUTE_CTL] = { 2.70, 1.000, 500.0, 0.0, 43.0, 0.850, 1 },
};

static const char *const route_names[ROUTE_COUNT] = { "semi-coke", "sng", "methanol", "olefins", "ctl" };

const char *conv_route_name(ConvRoute r)
{
    return (r >= 0 && r < ROUTE_COUNT) ? route_names[r] : "?";
}

void conv_route_defaults(ConvRoute r, ConvCoeffs *c)
{
    *c = route_default[(r >= 0 && r < ROUTE_COUNT) ? r : ROUTE_METHANOL];
}

/* A plant's own value when given (>= 0), else the route's. */
static double own(double v, double def)
{
    return v >= 0 ? v : def;
}

void conv_plant_coeffs(const ConvPlant *p, ConvCoeffs *c)
{
    conv_route_defaults(p->route, c);
    c->feed_tce = own(p->feed_tce_per_t, c->feed_tce);
    c->fuel_tce = own(p->fuel_tce_per_t, c->fuel_tce);
    c->elec_kwh = own(p->elec_kwh_per_t, c->elec_kwh);
    c->heat_gj = own(p->heat_gj_per_t, c->heat_gj);
    c->product_gj = own(p->product_gj_per_t, c->product_gj);
    c->product_c_t = own(p->product_c_t_per_t, c->product_c_t);
}

/* tce of coal a boiler burns for heat_gj of heat. */
static double boiler_tce(double heat_gj, double boiler_eff)
{
    return heat_gj > 0 && boiler_eff > 0 ? heat_gj / (CONV_MJ_PER_KGCE * boiler_eff) : 0.0;
}

void conv_plant_year(const ConvPlant *p, int year, double capacity_mt, double co2_t_per_tce,
                     double boiler_eff, ConvYear *out)
{
    ConvCoeffs c;
    conv_plant_coeffs(p, &c);
    const double c_per_tce = co2_t_per_tce * CONV_C_PER_CO2;
    ConvYear y = { 0 };
    double t = capacity_mt > 0 ? capacity_mt * 1e6 * p->utilisation_frac : 0.0;
    y.product_t = t;
    y.feed_tce = t * c.feed_tce;
    double heat = t * c.heat_gj;
    y.fuel_tce = t * c.fuel_tce + boiler_tce(heat, boiler_eff);
    y.elec_mwh = t * c.elec_kwh / 1000.0;
    y.product_tce = t * c.product_gj / CONV_MJ_PER_KGCE;
    y.energy_product_tce = c.energy_product ? y.product_tce : 0.0;
    y.feedstock_tce = c.energy_product ? 0.0 : y.feed_tce;
    y.product_c_t = t * c.product_c_t;
    /* The feedstock carbon not in the products leaves as process CO2; the
     * validation keeps it >= 0 (conv_params_invalid). */
    double vent_c = y.feed_tce * c_per_tce - y.product_c_t;
    y.process_co2_t = vent_c > 0 ? vent_c / CONV_C_PER_CO2 : 0.0;
    /* Capture on the process stream; its heat comes from coal boilers. */
    if (p->capture_start_year > 0 && year >= p->capture_start_year && p->capture_frac > 0) {
        double cap_t = schedule_at(&p->capture_capacity_mt, year) * 1e6;
        double want = p->capture_frac * y.process_co2_t;
        y.captured_t = want < cap_t ? want : (cap_t > 0 ? cap_t : 0.0);
        y.capture_elec_mwh = y.captured_t * p->capture_kwh_per_t / 1000.0;
        double cap_heat = y.captured_t * p->capture_heat_gj_per_t;
        heat += cap_heat;
        y.fuel_tce += boiler_tce(cap_heat, boiler_eff);
        y.elec_mwh += y.capture_elec_mwh;
        y.captured_used_t = p->capture_dest == CO2_DEST_USED ? y.captured_t : 0.0;
    }
    y.heat_gj = heat;
    y.combustion_co2_t = y.fuel_tce * co2_t_per_tce;
    y.carbon_in_t = (y.feed_tce + y.fuel_tce) * c_per_tce;
    *out = y;
}

void conv_add(ConvYear *a, const ConvYear *x)
{
    a->product_t += x->product_t;
    a->feed_tce += x->feed_tce;
    a->fuel_tce += x->fuel_tce;
    a->elec_mwh += x->elec_mwh;
    a->capture_elec_mwh += x->capture_elec_mwh;
    a->heat_gj += x->heat_gj;
    a->product_tce += x->product_tce;
    a->energy_product_tce += x->energy_product_tce;
    a->feedstock_tce += x->feedstock_tce;
    a->carbon_in_t += x->carbon_in_t;
    a->product_c_t += x->product_c_t;
    a->process_co2_t += x->process_co2_t;
    a->combustion_co2_t += x->combustion_co2_t;
    a->captured_t += x->captured_t;
    a->captured_used_t += x->captured_used_t;
}

int conv_params_invalid(const CoalConversionParams *p, double co2_t_per_tce, char *path, size_t n,
                        const char **why)
{
    for (int i = 0; i < p->n_plants && i < CONV_MAX_PLANTS; i++) {
        ConvCoeffs c;
        conv_plant_coeffs(&p->plants[i], &c);
        const char *field = NULL, *r = NULL;
        if (c.product_c_t > c.feed_tce * co2_t_per_tce * CONV_C_PER_CO2 * (1 + 1e-12)) {
            field = "product_c_t_per_t";
            r = "the products would hold more carbon than the feedstock coal brings in "
                "(feed_tce_per_t x accounting.coal_co2_t_per_tce x 12/44)";
        } else if (c.product_gj > (c.feed_tce + c.fuel_tce) * CONV_MJ_PER_KGCE + c.heat_gj
                                      + c.elec_kwh * 0.0036) {
            field = "product_gj_per_t";
            r = "the products would hold more energy than the coal, heat and electricity put in";
        } else if (c.product_c_t > 0 && c.product_gj <= 0) {
            field = "product_gj_per_t";
            r = "products that hold carbon must hold energy";
        }
        if (field) {
            if (path && n) snprintf(path, n, "coal_conversion.plants[%d].%s", i, field);
            if (why) *why = r;
            return i;
        }
    }
    return -1;
}
