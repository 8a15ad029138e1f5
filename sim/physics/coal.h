/* coal.h — coal power fleet of one year and coal mining output (DESIGN §4).
 * Pure computations from validated parameters; nothing here can fail. */
#ifndef ECSIM_COAL_H
#define ECSIM_COAL_H

#include "model.h"

/* The committed coal fleet of one year, as one aggregate plant. */
typedef struct {
    int n_units;                    /* units in service during the year */
    double capacity_mw;             /* sum of capacities */
    double min_mw;                  /* must-run: sum of min_load_frac * capacity */
    double ramp_mw_per_h;           /* sum of ramp_frac_per_h * capacity */
    double heat_rate_gce_per_kwh;   /* capacity-weighted mean; 0 without units */
    /* Unit commitment (coal_power.commitment = flexible): the fleet is one
     * commitment group whose committed capacity is continuous (linearised:
     * docs/model.md), so these are fleet figures. */
    double min_frac;                /* min_mw / capacity_mw: the floor per MW committed */
    double steam_floor_mw;          /* sum of must_run_frac * capacity */
    double startup_tce_per_mw;      /* capacity-weighted mean */
    int min_up_h, min_down_h;       /* the longest of the units in service, whole hours */
} CoalFleetYear;

/* Aggregates the units in service in year: a unit counts when
 * commission_year <= year and (retire_year == 0 or year < retire_year),
 * i.e. in service from 1 January of its commissioning year and out of service
 * from 1 January of its retirement year (model.h). Every committed unit is
 * taken to run (no unit commitment), so the fleet's minimum is the sum of
 * the units' minima. */
void coal_fleet_year(const CoalPowerParams *p, int year, CoalFleetYear *out);

/* The part-load factor at load fraction x (output over committed capacity):
 * the curve part_load_frac -> part_load_factor, linear between its points,
 * its end values beyond them. The heat rate at x is heat_rate x factor. */
double coal_part_load_factor(const CoalPowerParams *p, double x);

/* 1 if every point of the part-load curve is exactly 1 (no part-load
 * effect: fuel is output x heat rate, as before the curve existed). */
int coal_part_load_flat(const CoalPowerParams *p);

/* Coal burnt (tce) in one hour with output g_mw of committed capacity u_mw
 * at full-load heat rate hr_gce_per_kwh: g x hr x factor(g / u) / 1000
 * (MWh x gce/kWh / 1000 = t). 0 when g <= 0; u <= 0 with g > 0 (cannot
 * happen in a dispatch) is taken as full load. */
double coal_hour_tce(const CoalPowerParams *p, double hr_gce_per_kwh, double g_mw, double u_mw);

/* Coal output of year (Mt): capacity_mt * utilisation_frac, averaged over
 * the year. With monthly_commissioning both schedules move month by month
 * (schedule_month), and the mean is that of the monthly products. */
double coal_mining_output_mt(const CoalMiningParams *p, int year, int monthly_commissioning);

/* Tonnes of coal equivalent per tonne of raw coal: calorific value / 7000
 * kcal/kg (1 tce = 7000 kcal = 29.3076 GJ), or 0.7143 when the calorific value
 * is 0 (not given) — the reference factor for raw coal in China's energy
 * statistics (GB/T 2589 Annex A, China Energy Statistical Yearbook: raw coal
 * 20908 kJ/kg = 5000 kcal/kg -> 0.7143 kgce/kg). */
double coal_tce_per_t(const CoalMiningParams *p);

#endif
