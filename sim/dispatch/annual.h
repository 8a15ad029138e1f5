/* annual.h — the physical annual totals of one dispatched year: sums of the
 * hourly series, full-load hours, utilisation, storage throughput, and the
 * continuity check (worst hourly balance residual, NaN detection), the role
 * SWMM's massbal.c plays. Accounting in tce/CO2/GDP is accounting.c's job. */
#ifndef ECSIM_ANNUAL_H
#define ECSIM_ANNUAL_H

#include "metrics.h"
#include "model.h"

/* Capacities and other per-year facts that are not hourly sums. */
typedef struct {
    int year;
    double wind_capacity_mw, solar_capacity_mw;
    double storage_power_mw, storage_energy_mwh;
    double coal_power_capacity_mw, coal_heat_rate_gce_per_kwh;
    double coal_capacity_mt, coal_output_mt;
    double export_capacity_mw;
    double mining_load_mwh;
    int coal_min_violation_hours;
    double wind_mean_ms, ghi_kwh_per_m2, temp_mean_c;
} YearFacts;

/* Fills the physical fields of row from the year's series; returns 0 if every
 * value is finite, -1 otherwise (row->max_balance_residual_mw is then NaN). */
int annual_from_hours(const YearFacts *f, const YearInputs *in, const YearSeries *out,
                      AnnualRow *row);

#endif
