/* annual.c — annual sums and the balance check of one dispatched year.
 * A second pass over the finished series, kept out of the dispatch loop so
 * that loop stays minimal. The sums and the balance come from the series
 * table (series.def): each series with a metric sums into it, and the
 * balance adds the series by their sign, in table order. */
#include "annual.h"

#include <math.h>
#include <string.h>

#include "coal.h"
#include "series.h"
#include "tech.h"

static double *field(AnnualRow *row, MetricId m)
{
    return (double *)((char *)row + metrics_get(m)->offset);
}

/* Two hours at once: GCC/Clang vector types, each lane an ordinary IEEE
 * double addition (-ffp-contract=off: no fused operations), so a lane
 * holds exactly what the scalar sum would. v2du: the same, for loads at
 * any double's alignment. */
typedef double v2d __attribute__((vector_size(16)));
typedef v2d v2du __attribute__((aligned(8)));

/* out[i] = 0 + v[0][h0 + i] + v[1][h0 + i] + ... (in k order), i < 24:
 * the day's twelve pairs of hours stay in registers while the series
 * pass, one pointer load per series. */
static void day_sum(double out[24], const double *const *v, int n, int h0)
{
    for (int i = 0; i < 24; i += 12) {
        v2d a0 = { 0, 0 }, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        for (int k = 0; k < n; k++) {
            const v2du *p = (const v2du *)(v[k] + h0 + i);
            a0 += p[0], a1 += p[1], a2 += p[2], a3 += p[3], a4 += p[4], a5 += p[5];
        }
        v2du *o = (v2du *)(out + i);
        o[0] = a0, o[1] = a1, o[2] = a2, o[3] = a3, o[4] = a4, o[5] = a5;
    }
}

/* The storage facts priced by the hourly price signal (SER_PRICE, 元/kWh;
 * docs/storage-arbitrage.md):
 *   arbitrage revenue = sum price x (discharge - charge), 元/kWh x MWh x 1000
 *     / 1e8 = 亿元 (what the energy moved earns at the signal's prices);
 *   peak discharge = discharge in hours priced above the year's mean price;
 *   avoided curtailment = sum max(0, charge - import - line left free),
 *     line left free = max(0, room - (export - firm)): the charge that
 *     neither the free line nor forgone import could have taken, so would
 *     have been curtailed without storage (coal already at its floor, as
 *     under the rules when storage charges from surplus; an upper bound
 *     where coal could have backed down instead);
 *   mean charge and discharge prices, weighted by the energy (0 without). */
static void storage_price_metrics(const YearInputs *in, const YearSeries *out, AnnualRow *row)
{
    const int H = in->hours;
    const double *price = in->v[SER_PRICE];
    if (!price || H <= 0) return;
    const double *c = out->v[SER_CHARGE], *d = out->v[SER_DISCHARGE], *m = out->v[SER_IMPORT];
    const double *x = out->v[SER_EXPORT], *firm = in->v[SER_EXPORT_FIRM], *line = in->v[SER_LINE];
    const double *room = in->v[SER_EXPORT_ROOM];
    double psum = 0.0;
    for (int h = 0; h < H; h++) psum += price[h];
    const double mean = psum / H, peak_above = mean * (1.0 + 1e-9);
    double pc = 0.0, pd = 0.0, csum = 0.0, dsum = 0.0, peak_d = 0.0, avoided = 0.0;
    for (int h = 0; h < H; h++) {
        pc += price[h] * c[h];
        pd += price[h] * d[h];
        csum += c[h];
        dsum += d[h];
        if (price[h] > peak_above) peak_d += d[h];
        if (c[h] > 0.0) {
            double fl = room ? room[h] : (line[h] - firm[h] > 0.0 ? line[h] - firm[h] : 0.0);
            double left = fl - (x[h] - firm[h]);
            double a = c[h] - m[h] - (left > 0.0 ? left : 0.0);
            avoided += a > 0.0 ? a : 0.0;
        }
    }
    row->price_mean_yuan_per_kwh = mean;
    row->storage_arbitrage_yi_yuan = (pd - pc) * 1e-5;
    row->storage_peak_discharge_mwh = peak_d;
    row->storage_avoided_curtailment_mwh = avoided;
    row->storage_charge_price_yuan_per_kwh = csum > 0.0 ? pc / csum : 0.0;
    row->storage_discharge_price_yuan_per_kwh = dsum > 0.0 ? pd / dsum : 0.0;
}

int annual_from_hours(const YearFacts *f, const YearInputs *in, const YearSeries *out,
                      AnnualRow *row)
{
    const int H = in->hours;
    memset(row, 0, sizeof *row);

    /* Hourly sums of every series that has an annual metric, four series
     * per pass: each sum still adds its hours in order (the same value),
     * but four chains of additions overlap instead of waiting on one. */
    const double *sv[SER_COUNT];
    MetricId sm[SER_COUNT];
    int nsum = 0;
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        if (se->metric == MET_NONE) continue;
        sv[nsum] = series_data(in, out, i);
        sm[nsum++] = se->metric;
    }
    for (int i = 0; i < nsum; i += 4) {
        const double *v0 = sv[i], *v1 = sv[i + 1 < nsum ? i + 1 : i];
        const double *v2 = sv[i + 2 < nsum ? i + 2 : i], *v3 = sv[i + 3 < nsum ? i + 3 : i];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int h = 0; h < H; h++) {
            s0 += v0[h];
            s1 += v1[h];
            s2 += v2[h];
            s3 += v3[h];
        }
        const double sums[4] = { s0, s1, s2, s3 };
        for (int k = 0; k < 4 && i + k < nsum; k++) *field(row, sm[i + k]) = sums[k];
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
    const double *import = out->v[SER_IMPORT], *export_mw = out->v[SER_EXPORT];
    double peak = 0, resid = 0, unh = 0, imh = 0, island = 0, islh = 0;
    double nonfinite = 0.0;
    /* Each hour's supply and demand, summed series by series over a day
     * (24 hours, a fixed count the compiler turns into vector adds): the
     * same additions in the same order per hour as a sum per hour. The
     * hour's tests are free of branches: a count adds 1 or 0 (exact), the
     * shortfall adds itself or +0 (the sum stays >= +0, so +0 leaves it
     * as it is), a value not finite turns the sum nonfinite into NaN (x - x
     * is 0 for every finite x), and the residual's maximum is used only when every hour
     * was finite, as before. */
    double supply_day[24], demand_day[24];
    for (int h0 = 0; h0 < H; h0 += 24) {
        const int nh = H - h0 < 24 ? H - h0 : 24;
        if (nh == 24) {
            day_sum(supply_day, sup, ns, h0);
            day_sum(demand_day, dem, nd, h0);
        } else {   /* a part day at the end: hour by hour */
            for (int i = 0; i < nh; i++) {
                supply_day[i] = demand_day[i] = 0.0;
                for (int k = 0; k < ns; k++) supply_day[i] += sup[k][h0 + i];
                for (int k = 0; k < nd; k++) demand_day[i] += dem[k][h0 + i];
            }
        }
        for (int i = 0; i < nh; i++) {
            const int h = h0 + i;
            peak = load[h] > peak ? load[h] : peak;
            unh += unserved[h] > 1e-9 ? 1.0 : 0.0;
            imh += import[h] > 1e-9 ? 1.0 : 0.0;
            /* Island mode (no line), without a second dispatch: imports come
             * only in deficit hours, as the last resource after storage and coal
             * at its ramp limit, so without them those hours lack what was
             * imported, less the firm export the line carried in them (an island
             * has none). Exact for renewable-first and line-first in surplus
             * mode, where no other decision depends on the import; with firm
             * export or peak-shaving an estimate (docs/model.md). */
            double short_mw = import[h] + unserved[h] - export_mw[h];
            int short_h = short_mw > 1e-9;
            island += short_h ? short_mw : 0.0;
            islh += short_h ? 1.0 : 0.0;
            double r = fabs(supply_day[i] - demand_day[i]);
            nonfinite += (r - r) + (soc[h] - soc[h]);   /* 0, or NaN from then on */
            resid = r > resid ? r : resid;
        }
    }
    const int finite = nonfinite == 0.0;

    row->year = f->year;
    for (int m = 0; m < MET_COUNT; m++)
        if (f->set[m]) *field(row, (MetricId)m) = f->value[m];

    /* Full-load hours of each technology with a capacity, and the share of
     * the curtailable pool's available energy that was used. */
    double pool_avail = 0.0, pool_used = 0.0;
    for (int t = 0; t < tech_count(); t++) {
        const Tech *te = tech_get(t);
        if (te->capacity_metric == MET_NONE) continue;
        double cap = *field(row, te->capacity_metric);
        double used = *field(row, te->used_metric), avail = *field(row, te->avail_metric);
        *field(row, te->flh_metric) = cap > 0 ? used / cap : 0;
        *field(row, te->avail_flh_metric) = cap > 0 ? avail / cap : 0;
        if (te->curtailable) {
            pool_avail += avail;
            pool_used += used;
        }
    }
    row->re_utilisation = pool_avail > 0 ? pool_used / pool_avail : 1.0;
    /* MWh x gce/kWh = MWh x 1000 kWh/MWh x g / 1e6 g/t = MWh x gce/kWh / 1000 t;
     * with a part-load curve hour by hour at each hour's load fraction of
     * the committed capacity (coal.h), plus the fuel of the starts. */
    const CoalPowerParams *cp = f->coal_power;
    double gen_tce;
    if (!cp || coal_part_load_flat(cp)) {
        gen_tce = row->coal_power_mwh * f->coal_heat_rate_gce_per_kwh / 1000.0;
    } else {
        const double *g = out->v[SER_COAL], *u = out->v[SER_COAL_COMMITTED];
        gen_tce = 0.0;
        for (int h = 0; h < H; h++) gen_tce += coal_hour_tce(cp, f->coal_heat_rate_gce_per_kwh, g[h], u[h]);
    }
    row->coal_startup_tce = row->coal_started_mw * f->coal_startup_tce_per_mw;
    row->coal_power_tce = row->coal_startup_tce > 0.0 ? gen_tce + row->coal_startup_tce : gen_tce;
    row->coal_heat_rate_avg_gce_per_kwh = row->coal_power_mwh > 0.0 ? gen_tce * 1000.0 / row->coal_power_mwh : 0.0;
    row->peak_load_mw = peak;
    row->storage_cycles = row->storage_energy_mwh > 0 ? row->discharge_mwh / row->storage_energy_mwh : 0;
    row->unserved_hours = unh;
    row->import_hours = imh;
    row->island_shortfall_mwh = island;
    row->island_shortfall_hours = islh;
    /* Adequacy (docs/adequacy.md): the hours and energy not served after
     * storage, coal as available, and imports within their limit. */
    row->lole_h = unh;
    row->eens_mwh = row->unserved_mwh;
    row->lolp = H > 0 ? unh / (double)H : 0.0;
    row->max_balance_residual_mw = finite ? resid : (double)NAN;
    storage_price_metrics(in, out, row);
    return finite ? 0 : -1;
}
