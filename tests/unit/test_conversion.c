/* test_conversion.c — coal conversion plants (conversion.h), worked by hand:
 * the carbon, energy and coal balance of every route, the routes against the
 * published figures their coefficients come from, CCUS's carbon balance, the
 * feedstock exclusion (原料用能, 发改环资〔2022〕803号) on a paper county, the
 * validation of impossible coefficients, and the base plan's plants in a
 * whole run (flat process load in the hourly load, coal drawn, CO2).
 *
 * Hand constants: coal 2.77 tCO2/tce (IPCC 2006, the accounting default);
 * carbon per CO2 k = 12.0107 / 44.0095 = 0.2729115; so 1 tce of coal holds
 * 2.77 k = 0.755965 t C. 1 tce = 29.3076 GJ; 1 kWh = 0.1229 kgce (GB/T 2589).
 * Per tonne of product (route defaults, conversion.c):
 *   route      feed  fuel  kWh   GJ    C      process CO2 = (feed x 2.77 k - C) / k
 *   semi-coke  1.34  0     40    34.1  0.934  3.7118 - 3.422401 = 0.289446
 *   sng        2.25  0.74  300   50.0  0.749  6.2325 - 2.744479 = 3.488021
 *   methanol   1.00  0.375 200   19.9  0.375  2.77   - 1.374072 = 1.395928
 *   olefins    2.90  1.89  900   46.0  0.856  8.033  - 3.136548 = 4.896452
 *   ctl        2.70  1.0   500   43.0  0.850  7.479  - 3.114562 = 4.364438
 * combustion CO2 = fuel x 2.77: 0, 2.0498, 1.03875, 5.2353, 2.77. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounting.h"
#include "coal.h"
#include "config.h"
#include "conversion.h"
#include "schema.h"
#include "sim.h"

#define K_C (12.0107 / 44.0095)

static ConvPlant plant(ConvRoute r, double capacity_mt, double util)
{
    ConvPlant p;
    memset(&p, 0, sizeof p);
    snprintf(p.name, sizeof p.name, "%s", conv_route_name(r));
    p.route = r;
    p.capacity_mt = (Schedule){ .n = 1, .year = { 0 }, .value = { capacity_mt } };
    p.utilisation_frac = util;
    p.feed_tce_per_t = p.fuel_tce_per_t = p.elec_kwh_per_t = -1;
    p.heat_gj_per_t = p.product_gj_per_t = p.product_c_t_per_t = -1;
    p.capture_frac = 0.9;
    p.capture_kwh_per_t = 120;
    return p;
}

/* Per tonne, by hand (table above). */
static const struct {
    ConvRoute r;
    double process, combustion, gross_tce, product_tce;
    int energy_product;
} hand[] = {
    { ROUTE_SEMICOKE, 0.289446, 0.0, 1.344916, 1.163521, 1 },
    { ROUTE_SNG, 3.488021, 2.0498, 3.026870, 1.706042, 1 },
    { ROUTE_METHANOL, 1.395928, 1.03875, 1.399580, 0.679005, 0 },
    { ROUTE_OLEFINS, 4.896452, 5.2353, 4.900610, 1.569559, 0 },
    { ROUTE_CTL, 4.364438, 2.77, 3.761450, 1.467196, 1 },
};

/* Every route at 1 Mt of product: process and combustion CO2, product
 * energy, gross energy (coal + electricity at 0.1229 kgce/kWh) by hand. */
static void routes_by_hand(void)
{
    for (size_t i = 0; i < sizeof hand / sizeof hand[0]; i++) {
        ConvPlant p = plant(hand[i].r, 1.0, 1.0);
        ConvYear y;
        conv_plant_year(&p, 2020, 1.0, 2.77, 0.85, &y);
        ConvCoeffs c;
        conv_plant_coeffs(&p, &c);
        CU_ASSERT_DOUBLE_EQUAL(y.product_t, 1e6, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y.process_co2_t / 1e6, hand[i].process, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(y.combustion_co2_t / 1e6, hand[i].combustion, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(y.product_tce / 1e6, hand[i].product_tce, 1e-6);
        double gross = (y.feed_tce + y.fuel_tce + y.elec_mwh * 0.1229) / 1e6;   /* MWh x kgce/kWh = tce */
        CU_ASSERT_DOUBLE_EQUAL(gross, hand[i].gross_tce, 1e-6);
        CU_ASSERT_EQUAL(c.energy_product, hand[i].energy_product);
        /* 原料用能: the feedstock of chemical routes only (803号: 醇类, 烯烃) */
        CU_ASSERT_DOUBLE_EQUAL(y.feedstock_tce, hand[i].energy_product ? 0.0 : y.feed_tce, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(y.energy_product_tce, hand[i].energy_product ? y.product_tce : 0.0, 1e-9);
    }
}

/* Carbon: in = in the products + emitted; energy: coal + electricity =
 * products + losses >= products; for every route, also with a plant's own
 * coefficients and bought-in heat. */
static void balances_every_route(void)
{
    for (int r = 0; r < ROUTE_COUNT; r++)
        for (int own = 0; own < 2; own++) {
            ConvPlant p = plant((ConvRoute)r, 2.5, 0.8);
            if (own) {   /* a plant with its own figures and 3 GJ/t of bought steam */
                p.fuel_tce_per_t = 0.5;
                p.heat_gj_per_t = 3.0;
                p.elec_kwh_per_t = 150;
            }
            ConvYear y;
            conv_plant_year(&p, 2022, 2.5, 2.77, 0.85, &y);
            CU_ASSERT_DOUBLE_EQUAL(y.product_t, 2.0e6, 1e-6);
            double c_out = y.product_c_t + (y.process_co2_t + y.combustion_co2_t) * K_C;
            CU_ASSERT_DOUBLE_EQUAL(y.carbon_in_t, c_out, 1e-9 * y.carbon_in_t);
            CU_ASSERT_DOUBLE_EQUAL(y.carbon_in_t, (y.feed_tce + y.fuel_tce) * 2.77 * K_C, 1e-9 * y.carbon_in_t);
            double in_gj = (y.feed_tce + y.fuel_tce) * 29.3076 + y.elec_mwh * 3.6;
            CU_ASSERT(in_gj > y.product_tce * 29.3076);
            if (own) {
                /* 3 GJ/t x 2 Mt = 6e6 GJ of steam from coal boilers at 85 %:
                 * 6e6 / (29.3076 x 0.85) = 240 855.3 tce on top of 0.5 x 2e6. */
                CU_ASSERT_DOUBLE_EQUAL(y.fuel_tce, 1.0e6 + 6e6 / (29.3076 * 0.85), 1e-6);
                CU_ASSERT_DOUBLE_EQUAL(y.heat_gj, 6e6, 1e-6);
                CU_ASSERT_DOUBLE_EQUAL(y.elec_mwh, 150 * 2e6 / 1000, 1e-6);
            }
        }
    /* No capacity: nothing at all. */
    ConvPlant p = plant(ROUTE_SNG, 0, 0.9);
    ConvYear y;
    conv_plant_year(&p, 2020, 0, 2.77, 0.85, &y);
    CU_ASSERT_EQUAL(y.product_t, 0);
    CU_ASSERT_EQUAL(y.carbon_in_t, 0);
    CU_ASSERT_EQUAL(y.process_co2_t + y.combustion_co2_t + y.elec_mwh, 0);
}

/* The routes against the figures their coefficients were set from
 * (docs/coal-conversion.md): GB 29436-2023 coal methanol level 2, 1400
 * kgce/t; 金涌 2014: SNG 460 Nm3 CH4 per tce (2.17 tce/1000 Nm3, 1000 Nm3 =
 * 0.717 t), indirect CTL 266 kg per tce (3.76 tce/t); GB 29995-2024 兰炭
 * process energy level 2, 180 kgce/t (coal + electricity - products). */
static void routes_against_sources(void)
{
    ConvCoeffs c;
    conv_route_defaults(ROUTE_METHANOL, &c);
    CU_ASSERT_DOUBLE_EQUAL(c.feed_tce + c.fuel_tce + c.elec_kwh * 0.1229e-3, 1.400, 0.002);
    conv_route_defaults(ROUTE_SNG, &c);
    CU_ASSERT_DOUBLE_EQUAL((c.feed_tce + c.fuel_tce + c.elec_kwh * 0.1229e-3) * 0.717, 1000.0 / 460.0, 0.005);
    conv_route_defaults(ROUTE_CTL, &c);
    CU_ASSERT_DOUBLE_EQUAL(c.feed_tce + c.fuel_tce + c.elec_kwh * 0.1229e-3, 1000.0 / 266.0, 0.005);
    conv_route_defaults(ROUTE_SEMICOKE, &c);
    CU_ASSERT_DOUBLE_EQUAL(c.feed_tce + c.fuel_tce + c.elec_kwh * 0.1229e-3 - c.product_gj / 29.3076, 0.180, 0.003);
    /* Methanol's total on-site CO2, 2.43 t/t, inside the range derived from
     * the standard's levels 1-3 (2.45-3.62 t/t less the 0.025 tce of grid
     * electricity counted as coal there) and below Li et al. 2024's 2.63 t/t
     * life-cycle figure (which adds mining and transport). */
    CU_ASSERT(hand[2].process + hand[2].combustion > 2.4 && hand[2].process + hand[2].combustion < 2.63);
}

/* Capture on the process stream: captured = min(rate x process, capacity)
 * from its start year; its electricity is plant load, its heat coal;
 * captured + emitted = generated; stored + used = captured. */
static void ccus_carbon_balance(void)
{
    /* Methanol, 1.2 Mt at 85 %: 1.02e6 t; process 1.02e6 x 1.395928 =
     * 1 423 846.6 t; 90 % = 1 281 461.9 t, capacity 1.0 Mt/a: captured 1.0e6 t.
     * 120 kWh/t -> 120 000 MWh; 0.5 GJ/t -> 5e5 GJ / (29.3076 x 0.85) =
     * 20 071.3 tce of boiler coal, 55 597.4 t more combustion CO2. */
    ConvPlant p = plant(ROUTE_METHANOL, 1.2, 0.85);
    p.capture_start_year = 2023;
    p.capture_capacity_mt = (Schedule){ .n = 1, .year = { 0 }, .value = { 1.0 } };
    p.capture_heat_gj_per_t = 0.5;
    ConvYear before, y;
    conv_plant_year(&p, 2022, 1.2, 2.77, 0.85, &before);
    CU_ASSERT_EQUAL(before.captured_t, 0);
    conv_plant_year(&p, 2023, 1.2, 2.77, 0.85, &y);
    CU_ASSERT_DOUBLE_EQUAL(y.process_co2_t, 1.02e6 * 1.395928, 1.0);
    CU_ASSERT_DOUBLE_EQUAL(y.captured_t, 1.0e6, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y.capture_elec_mwh, 120000, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y.elec_mwh - before.elec_mwh, 120000, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y.fuel_tce - before.fuel_tce, 5e5 / (29.3076 * 0.85), 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(y.combustion_co2_t - before.combustion_co2_t, 2.77 * 5e5 / (29.3076 * 0.85), 1e-6);
    /* carbon still balances with the capture heat's coal */
    CU_ASSERT_DOUBLE_EQUAL(y.carbon_in_t, y.product_c_t + (y.process_co2_t + y.combustion_co2_t) * K_C,
                           1e-9 * y.carbon_in_t);
    /* capacity above the stream: 90 % of the stream */
    p.capture_capacity_mt.value[0] = 3.0;
    conv_plant_year(&p, 2025, 1.2, 2.77, 0.85, &y);
    CU_ASSERT_DOUBLE_EQUAL(y.captured_t, 0.9 * 1.02e6 * 1.395928, 1.0);
    CU_ASSERT_EQUAL(y.captured_used_t, 0);
    p.capture_dest = CO2_DEST_USED;
    conv_plant_year(&p, 2025, 1.2, 2.77, 0.85, &y);
    CU_ASSERT_DOUBLE_EQUAL(y.captured_used_t, y.captured_t, 1e-9);

    /* In the accounting: net = gross - captured; used capped at captured. */
    Scenario *s = calloc(1, sizeof *s);
    CU_ASSERT_FATAL(s != NULL);
    s->accounting.coal_co2_t_per_tce = 2.77;
    s->accounting.scope = SCOPE_PRODUCTION;
    AnnualRow r;
    memset(&r, 0, sizeof r);
    r.year = 2025;
    r.co2_process_t = 2.0e6;
    r.co2_conversion_combustion_t = 1.0e6;
    r.co2_captured_t = 1.5e6;
    r.co2_used_t = 0.4e6;
    r.coal_power_tce = 1.0e6;   /* 2.77 Mt */
    CU_ASSERT_DOUBLE_EQUAL(acct_co2_gross_direct_mt(s, &r), 2.77 + 3.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(acct_co2_mt(s, &r, SCOPE_PRODUCTION), 2.77 + 3.0 - 1.5, 1e-12);
    acct_co2_fate(&r);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_used_t, 0.4e6, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_stored_t, 1.1e6, 1e-9);
    r.co2_used_t = 2.0e6;   /* a user asking more than is captured gets what is captured */
    acct_co2_fate(&r);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_used_t, 1.5e6, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_stored_t, 0.0, 1e-9);
    free(s);
}

/* The paper county with a methanol plant and an SNG plant, one year, coal-
 * equivalent method at 300 gce/kWh, 2 years for the intensities:
 *   coal power 1.0e6 tce; no electricity exchange, no renewables; other 0.
 *   2020: methanol 1.0e6 t -> coal 1.375e6 tce, feedstock 1.0e6 tce;
 *         SNG 0.2e6 t -> coal 0.2 x 2.99 = 0.598e6 tce, products
 *         0.2e6 x 50/29.3076 = 341 208.7 tce handed on.
 *   conversion energy = 1.375e6 + 0.598e6 - 341 208.7 = 1 631 791.3 tce
 *   consumption = 1.0 + 1.6317913 = 2.6317913 Mtce; excluding feedstock 1.6317913.
 *   2021: the same plants, GDP 10 % higher, coal power 1.1e6 tce:
 *   consumption 2.7317913, excluding feedstock 1.7317913 Mtce.
 *   GDP 100, 110 亿元: total intensity 2.6317913 and 2.4834466 t/万元,
 *   change -5.6367 %; excluding feedstock 1.6317913 and 1.5743557,
 *   change -3.5198 %. */
static void feedstock_exclusion(void)
{
    Scenario *s = calloc(1, sizeof *s);
    CU_ASSERT_FATAL(s != NULL);
    s->first_year = 2020;
    s->last_year = 2021;
    AccountingParams *a = &s->accounting;
    a->method = CONV_COAL_EQUIVALENT;
    a->gce_per_kwh = (Schedule){ .n = 1, .year = { 0 }, .value = { 300 } };
    a->calorific_kgce_per_kwh = 0.1229;
    a->coal_co2_t_per_tce = 2.77;
    a->scope = SCOPE_PRODUCTION;
    s->economy.gdp_base_yi_yuan = 100;
    s->economy.growth_frac = (Schedule){ .n = 1, .year = { 0 }, .value = { 0.10 } };
    AnnualRow rows[2];
    for (int i = 0; i < 2; i++) {
        ConvPlant m = plant(ROUTE_METHANOL, 1.0, 1.0), g = plant(ROUTE_SNG, 0.2, 1.0);
        ConvYear sum = { 0 }, y;
        conv_plant_year(&m, 2020 + i, 1.0, 2.77, 0.85, &y);
        conv_add(&sum, &y);
        conv_plant_year(&g, 2020 + i, 0.2, 2.77, 0.85, &y);
        conv_add(&sum, &y);
        AnnualRow *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->year = 2020 + i;
        r->coal_power_tce = i == 0 ? 1.0e6 : 1.1e6;
        r->conversion_energy_mtce = (sum.feed_tce + sum.fuel_tce - sum.energy_product_tce) * 1e-6;
        r->feedstock_mtce = sum.feedstock_tce * 1e-6;
        r->co2_process_t = sum.process_co2_t;
        r->co2_conversion_combustion_t = sum.combustion_co2_t;
    }
    CU_ASSERT_DOUBLE_EQUAL(rows[0].conversion_energy_mtce, 1.375 + 0.598 - 0.2 * 50 / 29.3076, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(rows[0].feedstock_mtce, 1.0, 1e-12);
    for (int basis = 0; basis < 2; basis++) {
        a->intensity_basis = (IntensityBasis)basis;
        for (int i = 0; i < 2; i++) acct_year(s, &rows[i]);
        acct_period(s, rows, 2);
        CU_ASSERT_DOUBLE_EQUAL(rows[0].energy_consumption_mtce, 2.6317913, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[0].energy_consumption_excl_feedstock_mtce, 1.6317913, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_consumption_mtce, 2.7317913, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_consumption_excl_feedstock_mtce, 1.7317913, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].gdp_yi_yuan, 110, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_total_tce_per_10k_yuan, 2.4834466, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_excl_feedstock_tce_per_10k_yuan, 1.5743557, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_total_change_frac, -0.056367, 1e-5);
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_excl_feedstock_change_frac, -0.035198, 1e-5);
        /* the headline is the named one */
        CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_change_frac,
                               basis ? rows[1].energy_intensity_excl_feedstock_change_frac
                                     : rows[1].energy_intensity_total_change_frac, 0);
        /* the balance identity still holds with the conversion plants */
        CU_ASSERT_DOUBLE_EQUAL(rows[0].energy_consumption_mtce,
                               rows[0].energy_production_mtce - rows[0].coal_output_mtce + acct_fossil_mtce(s, &rows[0]),
                               1e-12);
        /* CO2: coal power at 2.77 + the plants' process and combustion CO2 */
        CU_ASSERT_DOUBLE_EQUAL(rows[0].co2_mt, 2.77 + 1.0 * 1.395928 + 1.03875 + 0.2 * (3.488021 + 2.0498), 1e-5);
    }
    free(s);
}

/* Coefficients that break a balance are refused, naming the setting. */
static void invalid_coefficients(void)
{
    CoalConversionParams p;
    memset(&p, 0, sizeof p);
    p.n_plants = 2;
    p.plants[0] = plant(ROUTE_METHANOL, 1, 1);
    p.plants[1] = plant(ROUTE_SNG, 1, 1);
    char path[96];
    const char *why = NULL;
    CU_ASSERT_EQUAL(conv_params_invalid(&p, 2.77, path, sizeof path, &why), -1);
    p.plants[1].product_c_t_per_t = 0.9;   /* 2.25 tce x 0.756 = 1.70 t C in: fine */
    CU_ASSERT_EQUAL(conv_params_invalid(&p, 2.77, path, sizeof path, &why), -1);
    p.plants[1].product_c_t_per_t = 1.0;
    p.plants[1].feed_tce_per_t = 1.0;      /* 0.756 t C in, 1.0 out */
    CU_ASSERT_EQUAL(conv_params_invalid(&p, 2.77, path, sizeof path, &why), 1);
    CU_ASSERT_STRING_EQUAL(path, "coal_conversion.plants[1].product_c_t_per_t");
    CU_ASSERT_PTR_NOT_NULL(why);
    p.plants[1] = plant(ROUTE_SNG, 1, 1);
    p.plants[1].product_gj_per_t = 150;    /* 2.99 tce = 87.6 GJ + 1.08 GJ of electricity in */
    CU_ASSERT_EQUAL(conv_params_invalid(&p, 2.77, path, sizeof path, &why), 1);
    CU_ASSERT_STRING_EQUAL(path, "coal_conversion.plants[1].product_gj_per_t");
}

/* The schema's route and destination names are conversion.c's. */
static void route_names(void)
{
    const SchemaEntry *e = schema_find("coal_conversion.plants");
    CU_ASSERT_FATAL(e != NULL);
    const SchemaEntry *f = schema_field_find(e, "route");
    CU_ASSERT_FATAL(f != NULL && f->values != NULL);
    for (int r = 0; r < ROUTE_COUNT; r++) CU_ASSERT_STRING_EQUAL(f->values[r], conv_route_name((ConvRoute)r));
    CU_ASSERT_PTR_NULL(f->values[ROUTE_COUNT]);
}

typedef struct {
    int years;
    int flat_bad;
    double conv_mwh[8], load_mwh[8];
} LoadCheck;

static Status check_load(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                         const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    (void)s, (void)wx, (void)o, (void)row;
    LoadCheck *c = ctx;
    const double *cv = in->v[SER_CONVERSION_LOAD];
    double sum = 0, sum_load = 0;
    for (int h = 0; h < cal->hours; h++) {
        if (cv[h] != cv[0]) c->flat_bad++;
        sum += cv[h];
        sum_load += in->v[SER_LOAD][h];
    }
    if (c->years < 8) {
        c->conv_mwh[c->years] = sum;
        c->load_mwh[c->years] = sum_load;
    }
    c->years++;
    return ST_OK;
}

/* The base plan's plants in 2020 (configs/yiwu-14fyp.cfg), by hand:
 *   methanol 1.2 Mt x 0.85 = 1.02e6 t: 204 000 MWh; feed 1.02e6 tce, fuel 382 500
 *   LNG 0.3585 Mt x 0.85 = 304 725 t: 91 417.5 MWh; feed 685 631.25, fuel 225 496.5
 *   semi-coke 5.88 Mt x 0.60 = 3.528e6 t: 141 120 MWh; feed 4 727 520, fuel 0
 *   electricity 436 537.5 MWh, a flat 436 537.5 / 8784 = 49.697 MW (leap year);
 *   coal 7 041 147.75 tce / (5500/7000) = 8 961 460.77 t;
 *   process CO2 1.02e6 x 1.395928 + 304 725 x 3.488021 + 3.528e6 x 0.289446
 *     = 1 423 846.6 + 1 062 887.3 + 1 021 165.5 = 3 507 899 t;
 *   feedstock 1.02 Mtce (methanol only). */
static void base_plan_plants(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res);
    CU_ASSERT_EQUAL_FATAL(config_load("../configs/yiwu-14fyp.cfg", s, &d), ST_OK);
    s->last_year = 2021;
    Run *run = run_new();
    LoadCheck c = { 0 };
    Sink sink = { &c, NULL, check_load, NULL };
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, &sink, res, &d), ST_OK);
    const AnnualRow *r = &res->rows[0];
    CU_ASSERT_EQUAL(c.flat_bad, 0);
    CU_ASSERT_DOUBLE_EQUAL(c.conv_mwh[0], 436537.5, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(r->conversion_load_mwh, 436537.5, 1e-6);
    /* load_mwh holds the plants' electricity: the year's load less it is the rest */
    CU_ASSERT(r->load_mwh > r->conversion_load_mwh);
    CU_ASSERT_DOUBLE_EQUAL(r->load_mwh, c.load_mwh[0], 1e-6 * r->load_mwh);
    CU_ASSERT_DOUBLE_EQUAL(r->conversion_feed_tce, 1.02e6 + 685631.25 + 4727520, 1e-3);
    CU_ASSERT_DOUBLE_EQUAL(r->conversion_fuel_tce, 382500 + 225496.5, 1e-3);
    CU_ASSERT_DOUBLE_EQUAL(r->conversion_coal_t, 7041147.75 * 7000.0 / 5500.0, 1e-2);
    CU_ASSERT_DOUBLE_EQUAL(r->conversion_coal_share_frac, r->conversion_coal_t / (r->coal_output_mt * 1e6), 1e-12);
    CU_ASSERT(r->conversion_coal_share_frac < 1.0);   /* within the 2020 output of 9.9 Mt */
    CU_ASSERT_DOUBLE_EQUAL(r->co2_process_t, 3507899, 2.0);
    CU_ASSERT_DOUBLE_EQUAL(r->feedstock_mtce, 1.02, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r->energy_consumption_excl_feedstock_mtce, r->energy_consumption_mtce - 1.02, 1e-9);
    CU_ASSERT_EQUAL(r->co2_captured_t, 0);
    run_free(run);
    free(s);
    free(res);
}

void register_test_conversion(void);
void register_test_conversion(void)
{
    CU_pSuite s = CU_add_suite("test_conversion", NULL, NULL);
    CU_add_test(s, "every route by hand", routes_by_hand);
    CU_add_test(s, "carbon and energy balance of every route", balances_every_route);
    CU_add_test(s, "routes against their sources", routes_against_sources);
    CU_add_test(s, "CCUS carbon balance", ccus_carbon_balance);
    CU_add_test(s, "feedstock exclusion, paper county", feedstock_exclusion);
    CU_add_test(s, "impossible coefficients refused", invalid_coefficients);
    CU_add_test(s, "route names", route_names);
    CU_add_test(s, "base plan plants in a whole run", base_plan_plants);
}
