/* annual.c — annual sums and the balance check of one dispatched year.
 * A second pass over the finished series, kept out of the dispatch loop so
 * that loop stays minimal and this one vectorises. */
#include "annual.h"

#include <math.h>
#include <string.h>

int annual_from_hours(const YearFacts *f, const YearInputs *in, const YearSeries *out,
                      AnnualRow *row)
{
    double wa = 0, wu = 0, sa = 0, su = 0, coal = 0, dis = 0, imp = 0, un = 0;
    double load = 0, exp = 0, chg = 0, curt = 0, peak = 0, resid = 0, unh = 0;
    int finite = 1;
    for (int h = 0; h < in->hours; h++) {
        wa += in->wind_avail_mw[h];
        sa += in->solar_avail_mw[h];
        wu += out->wind_used_mw[h];
        su += out->solar_used_mw[h];
        coal += out->coal_mw[h];
        dis += out->discharge_mw[h];
        imp += out->import_mw[h];
        un += out->unserved_mw[h];
        load += in->load_mw[h];
        exp += out->export_mw[h];
        chg += out->charge_mw[h];
        curt += out->curtailed_mw[h];
        if (in->load_mw[h] > peak) peak = in->load_mw[h];
        if (out->unserved_mw[h] > 1e-9) unh += 1;
        double supply = out->wind_used_mw[h] + out->solar_used_mw[h] + out->coal_mw[h]
                      + out->discharge_mw[h] + out->import_mw[h] + out->unserved_mw[h];
        double demand = in->load_mw[h] + out->export_mw[h] + out->charge_mw[h];
        double r = fabs(supply - demand);
        if (!isfinite(r) || !isfinite(out->soc_mwh[h])) finite = 0;
        else if (r > resid) resid = r;
    }
    memset(row, 0, sizeof *row);
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
    row->wind_avail_mwh = wa;
    row->wind_used_mwh = wu;
    row->solar_avail_mwh = sa;
    row->solar_used_mwh = su;
    row->curtailed_mwh = curt;
    row->re_utilisation = (wa + sa) > 0 ? (wu + su) / (wa + sa) : 1.0;
    row->wind_full_load_hours = f->wind_capacity_mw > 0 ? wu / f->wind_capacity_mw : 0;
    row->solar_full_load_hours = f->solar_capacity_mw > 0 ? su / f->solar_capacity_mw : 0;
    row->wind_avail_full_load_hours = f->wind_capacity_mw > 0 ? wa / f->wind_capacity_mw : 0;
    row->solar_avail_full_load_hours = f->solar_capacity_mw > 0 ? sa / f->solar_capacity_mw : 0;
    row->coal_power_mwh = coal;
    /* MWh x gce/kWh = MWh x 1000 kWh/MWh x g / 1e6 g/t = MWh x gce/kWh / 1000 t */
    row->coal_power_tce = coal * f->coal_heat_rate_gce_per_kwh / 1000.0;
    row->load_mwh = load;
    row->mining_load_mwh = f->mining_load_mwh;
    row->peak_load_mw = peak;
    row->export_mwh = exp;
    row->import_mwh = imp;
    row->charge_mwh = chg;
    row->discharge_mwh = dis;
    row->storage_cycles = f->storage_energy_mwh > 0 ? dis / f->storage_energy_mwh : 0;
    row->unserved_mwh = un;
    row->unserved_hours = unh;
    row->coal_min_violation_hours = f->coal_min_violation_hours;
    row->max_balance_residual_mw = finite ? resid : (double)NAN;
    return finite ? 0 : -1;
}
