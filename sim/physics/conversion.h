/* conversion.h — coal conversion plants by route (docs/coal-conversion.md):
 * from a plant's product output, its coal (feedstock and fuel), electricity,
 * heat, product energy, process and combustion CO2, and the CO2 its capture
 * plant takes. Pure functions of the validated parameters; no I/O.
 *
 * Per tonne of product (coefficients, ConvCoeffs):
 *   coal in      = feed + fuel (tce); raw coal t = tce / (tce per t of the county's coal)
 *   bought heat  = heat_gj, raised by coal boilers at boiler_eff:
 *                  heat coal (tce) = heat_gj / 29.3076 / boiler_eff, counted as fuel
 *   carbon in    = coal in (tce) x c_per_tce, c_per_tce = co2_t_per_tce x 12/44 (the same
 *                  coal factor as the accounting: a coal's carbon is what burning it emits)
 *   process CO2  = (feed x c_per_tce - product_c) x 44/12: the feedstock carbon that does
 *                  not end in the products leaves as CO2 from the shift, acid-gas removal
 *                  or retort (a high-purity stream in gasification routes)
 *   combustion CO2 = fuel (incl. heat coal) x co2_t_per_tce
 * so carbon in = product carbon + (process + combustion CO2) x 12/44 exactly
 * (mass balance of carbon; tested).
 * Energy (tce; 1 tce = 29.3076 GJ): inputs = coal in + electricity (at the
 * accounting's factor, outside this module) ; products = product_gj / 29.3076;
 * conversion loss = inputs - products.
 * Capture (from capture_start_year, > 0): captured = min(capture_frac x process
 * CO2, capture capacity); its electricity (kWh/t) is plant load, its heat (GJ/t)
 * is raised by coal boilers and adds fuel and combustion CO2.
 * Net CO2 of the plant = process + combustion - captured. */
#ifndef ECSIM_CONVERSION_H
#define ECSIM_CONVERSION_H

#include <stddef.h>

#include "model.h"

#define CONV_MJ_PER_KGCE 29.3076          /* GB/T 2589-2020 */
#define CONV_C_PER_CO2 (12.0107 / 44.0095) /* molar masses, IUPAC */

/* Per tonne of product. */
typedef struct {
    double feed_tce, fuel_tce, elec_kwh, heat_gj, product_gj, product_c_t;
    int energy_product;    /* 1: the products are energy products (semi-coke, tar, gas, SNG,
                            * oil): the energy balance books the plant as 加工转换 (input -
                            * output = loss); 0: chemicals (methanol, olefins): its coal is
                            * final consumption, the feedstock part 原料用能 */
} ConvCoeffs;

/* The route's default coefficients (sources: conversion.c, docs/coal-conversion.md). */
void conv_route_defaults(ConvRoute r, ConvCoeffs *c);
/* The plant's coefficients: its own where given (>= 0), else the route's. */
void conv_plant_coeffs(const ConvPlant *p, ConvCoeffs *c);
/* Route names in ConvRoute order ("semi-coke", "sng", "methanol", "olefins", "ctl"). */
const char *conv_route_name(ConvRoute r);

/* One plant (or a sum of plants) in one year. Masses t, energy tce or MWh. */
typedef struct {
    double product_t;           /* output */
    double feed_tce, fuel_tce;  /* coal as feedstock; coal burnt (incl. heat and capture heat) */
    double elec_mwh;            /* process + capture electricity */
    double capture_elec_mwh;
    double heat_gj;             /* bought-in heat + capture heat (inside fuel_tce) */
    double product_tce;         /* energy content of the products */
    double energy_product_tce;  /* product_tce of energy-product routes only */
    double feedstock_tce;       /* 原料用能: feed of chemical routes (803号) */
    double carbon_in_t, product_c_t;
    double process_co2_t, combustion_co2_t, captured_t;
    double captured_used_t;     /* of captured_t, with destination "used" */
} ConvYear;

/* Plant p in year with capacity_mt in force (the caller's year mean) at
 * co2_t_per_tce and boiler_eff. out is overwritten. */
void conv_plant_year(const ConvPlant *p, int year, double capacity_mt, double co2_t_per_tce,
                     double boiler_eff, ConvYear *out);
/* acc += x, field by field. */
void conv_add(ConvYear *acc, const ConvYear *x);

/* The first plant whose coefficients break a balance (product carbon above
 * feedstock carbon, product energy above the energy put in), or -1. Its
 * setting path goes to path (n bytes), the reason to *why. */
int conv_params_invalid(const CoalConversionParams *p, double co2_t_per_tce, char *path, size_t n,
                        const char **why);

#endif
