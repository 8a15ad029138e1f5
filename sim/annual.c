/* annual.c — annual sums and the balance check of one dispatched year.
 * A second pass over the finished series, kept out of the dispatch loop so
 * that loop stays minimal. The sums and the balance come from the series
 * table (series.def): each series with a metric sums into it, and the
 * balance adds the series by their sign, in table order. */
#include "annual.h"

#include <math.h>
#include <string.h>

#include "series.h"

static double *field(AnnualRow *row, MetricId m)
{
    return (double *)((char *)row + metrics_get(m)->offset);
}

int annual_from_hours(const YearFacts *f, const YearInputs *in, const YearSeries *out,
                      AnnualRow *row)
{
    const int H = in->hours;
    memset(row, 0, sizeof *row);

    /* Hourly sums of every series that has an annual metric. */
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        if (se->metric == MET_NONE) continue;
        const double *v = series_data(in, out, i);
        double sum = 0;
        for (int h = 0; h < H; h++) sum += v[h];
        *field(row, se->metric) = sum;
    }

    /* The balance: supply and demand series by sign, in table order. */
    const double *sup[SER_COUNT], *dem[SER_COUNT];
    int ns = 0, nd = 0;
    for (int i = 0; i < series_count(); i++) {
        int sign = series_get(i)->sign;
        if (sign > 0) sup[ns++] = series_data(in, out, i);
        else if (sign < 0) dem[nd++] = series_data(in, out, i);
    }
    const double *load = in->v[SER_LOAD], *unserved = out->v[SER_UNSERVED], *soc = out->v[SER_SOC];
    double peak = 0, resid = 0, unh = 0;
    int finite = 1;
    for (int h = 0; h < H; h++) {
        if (load[h] > peak) peak = load[h];
        if (unserved[h] > 1e-9) unh += 1;
        double supply = 0.0, demand = 0.0;
        for (int k = 0; k < ns; k++) supply += sup[k][h];
        for (int k = 0; k < nd; k++) demand += dem[k][h];
        double r = fabs(supply - demand);
        if (!isfinite(r) || !isfinite(soc[h])) finite = 0;
        else if (r > resid) resid = r;
    }

    double wa = row->wind_avail_mwh, wu = row->wind_used_mwh;
    double sa = row->solar_avail_mwh, su = row->solar_used_mwh;
    double dis = row->discharge_mwh, coal = row->coal_power_mwh;
    row->year = f->year;
    row->wind_capacity_mw = f->wind_capacity_mw;
    row->solar_capacity_mw = f->solar_capacity_mw;
    row->storage_power_mw = f->storage_power_mw;
    row->storage_energy_mwh = f->storage_energy_mwh;
    row->coal_power_capacity_mw = f->coal_power_capacity_mw;
    row->coal_capacity_mt = f->coal_capacity_mt;
    row->coal_output_mt = f->coal_output_mt;
    row->export_capacity_mw = f->export_capacity_mw;
    row->wind_mean_ms = f->wind_mean_ms;
    row->ghi_kwh_per_m2 = f->ghi_kwh_per_m2;
    row->temp_mean_c = f->temp_mean_c;
    row->re_utilisation = (wa + sa) > 0 ? (wu + su) / (wa + sa) : 1.0;
    row->wind_full_load_hours = f->wind_capacity_mw > 0 ? wu / f->wind_capacity_mw : 0;
    row->solar_full_load_hours = f->solar_capacity_mw > 0 ? su / f->solar_capacity_mw : 0;
    row->wind_avail_full_load_hours = f->wind_capacity_mw > 0 ? wa / f->wind_capacity_mw : 0;
    row->solar_avail_full_load_hours = f->solar_capacity_mw > 0 ? sa / f->solar_capacity_mw : 0;
    /* MWh x gce/kWh = MWh x 1000 kWh/MWh x g / 1e6 g/t = MWh x gce/kWh / 1000 t */
    row->coal_power_tce = coal * f->coal_heat_rate_gce_per_kwh / 1000.0;
    row->mining_load_mwh = f->mining_load_mwh;
    row->peak_load_mw = peak;
    row->storage_cycles = f->storage_energy_mwh > 0 ? dis / f->storage_energy_mwh : 0;
    row->unserved_hours = unh;
    row->coal_min_violation_hours = f->coal_min_violation_hours;
    row->max_balance_residual_mw = finite ? resid : (double)NAN;
    return finite ? 0 : -1;
}
