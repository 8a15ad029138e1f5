/* annual.h — the physical annual totals of one dispatched year: sums of the
 * hourly series, full-load hours, utilisation, storage throughput, and the
 * continuity check (worst hourly balance residual, NaN detection), the role
 * SWMM's massbal.c plays. Accounting in tce/CO2/GDP is accounting.c's job. */
#ifndef ECSIM_ANNUAL_H
#define ECSIM_ANNUAL_H

#include "metrics.h"
#include "model.h"

/* Per-year facts that are not hourly sums: capacities in force, outputs
 * fixed for the year, weather means. Each technology's year step puts its
 * own, keyed by metric (facts_put); annual_from_hours copies every fact put
 * into the row, so a new technology's facts need no field here. */
typedef struct {
    int year;
    double coal_heat_rate_gce_per_kwh;   /* for coal_power_tce; not a column */
    const CoalPowerParams *coal_power;   /* its part-load curve; NULL: none */
    double coal_startup_tce_per_mw;      /* fuel per MW started */
    double value[MET_COUNT];
    unsigned char set[MET_COUNT];
} YearFacts;

static inline void facts_put(YearFacts *f, MetricId m, double v)
{
    f->value[m] = v;
    f->set[m] = 1;
}

/* Fills the physical fields of row from the year's series and facts: the
 * sums of series.def, the facts, then for every technology of the registry
 * with a capacity its full-load hours (used and available energy over
 * capacity, 0 without capacity), re_utilisation over the curtailable pool,
 * and the balance check. Returns 0 if every value is finite, -1 otherwise
 * (row->max_balance_residual_mw is then NaN). */
int annual_from_hours(const YearFacts *f, const YearInputs *in, const YearSeries *out,
                      AnnualRow *row);

#endif
