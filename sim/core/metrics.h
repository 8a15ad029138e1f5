/* metrics.h — the annual row and the registry of annual metrics.
 * One table gives each column its name, unit and description; annual.dat,
 * targets, comparisons and ensembles all look metrics up here, so a column
 * name cannot drift between files (DESIGN §9). */
#ifndef ECSIM_METRICS_H
#define ECSIM_METRICS_H

#include <stddef.h>

typedef struct {
    double year;
    /* capacities in force (year means under monthly commissioning) */
    double wind_capacity_mw, solar_capacity_mw;
    double storage_power_mw, storage_energy_mwh;
    double coal_power_capacity_mw, coal_capacity_mt;
    double export_capacity_mw;
    /* weather of the year */
    double wind_mean_ms;                 /* at the weather's reference height */
    double ghi_kwh_per_m2;               /* global horizontal irradiation */
    double temp_mean_c;
    /* physical energy, MWh */
    double coal_output_mt;
    double wind_avail_mwh, wind_used_mwh, solar_avail_mwh, solar_used_mwh;
    double curtailed_mwh, re_utilisation;
    double wind_full_load_hours, solar_full_load_hours;              /* used energy / capacity */
    double wind_avail_full_load_hours, solar_avail_full_load_hours;  /* before curtailment */
    double coal_power_mwh, coal_power_tce;
    double load_mwh, mining_load_mwh, peak_load_mw;
    double export_mwh, import_mwh;
    double charge_mwh, discharge_mwh, storage_cycles, storage_losses_mwh;
    double unserved_mwh, unserved_hours;
    double coal_min_violation_hours;     /* hours the fleet had to go below must-run */
    double max_balance_residual_mw;      /* worst |supply - demand| of any hour */
    /* accounting (accounting.c) */
    double coal_output_mtce;
    double nonfossil_coal_equiv_mtce, nonfossil_calorific_mtce;
    double energy_production_mtce;                 /* chosen method */
    double energy_production_coal_equiv_mtce, energy_production_calorific_mtce;
    double energy_production_capacity_mtce;        /* chosen method */
    double energy_production_capacity_coal_equiv_mtce, energy_production_capacity_calorific_mtce;
    double energy_production_capacity_yi_tce;      /* 亿吨标煤 = 100 Mtce */
    double energy_consumption_mtce;                /* chosen method */
    double energy_consumption_coal_equiv_mtce, energy_consumption_calorific_mtce;
    double co2_mt;
    double gdp_yi_yuan;
    double energy_intensity_tce_per_10k_yuan, carbon_intensity_t_per_10k_yuan;
    double energy_intensity_change_frac, carbon_intensity_change_frac; /* vs first year; -0.12 = 12 % lower */
} AnnualRow;

typedef struct {
    const char *name;      /* column name (interface) */
    const char *unit;
    const char *label_zh;  /* Chinese label for reports and charts */
    const char *label_en;
    size_t offset;         /* into AnnualRow */
    const char *format;    /* printf format for .dat/.csv */
} Metric;

int metrics_count(void);
const Metric *metrics_get(int i);
/* Looks a metric up by column name; NULL if unknown. */
const Metric *metrics_find(const char *name);
/* Nearest metric name to an unknown one (for "did you mean"), or NULL. */
const char *metrics_suggest(const char *name);
static inline double metric_value(const Metric *m, const AnnualRow *r)
{
    return *(const double *)((const char *)r + m->offset);
}

#endif
