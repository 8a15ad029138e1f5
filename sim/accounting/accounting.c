/* accounting.c — energy production, capacity and consumption in tce by both
 * conversion methods, CO2 by scope, GDP and intensities (DESIGN §6).
 * Every definition and its source is in accounting.h; this file only
 * computes them. Invariant: identity I of accounting.h holds per method. */
#include "accounting.h"

#include <math.h>

#include "schedule.h"
#include "tech.h"

static int row_year(const AnnualRow *r)
{
    return (int)lround(r->year);
}

double acct_coal_tce_per_t(const CoalMiningParams *m)
{
    return m->calorific_kcal_per_kg > 0 ? m->calorific_kcal_per_kg / ACCT_KCAL_PER_KGCE
                                        : ACCT_RAW_COAL_TCE_PER_T;
}

double acct_elec_mtce_per_mwh(const AccountingParams *a, ConversionMethod m, int year)
{
    if (m == CONV_CALORIFIC)
        return a->calorific_kgce_per_kwh * 1e-6;   /* 1 MWh x 1 kgce/kWh = 1 tce */
    return schedule_at(&a->gce_per_kwh, year) * 1e-9;  /* 1 MWh x 1 gce/kWh = 1 kgce */
}

/* Fossil fuel burnt outside the conversion plants, Mtce: all of it is
 * combusted in the county at the coal factor. */
static double burnt_mtce(const Scenario *s, const AnnualRow *row)
{
    int y = row_year(row);
    return row->coal_power_tce * 1e-6
         + schedule_at(&s->accounting.coal_chemical_mtce, y)
         + schedule_at(&s->accounting.other_industry_mtce, y);
}

double acct_fossil_mtce(const Scenario *s, const AnnualRow *row)
{
    return burnt_mtce(s, row) + row->conversion_energy_mtce;
}

double acct_co2_gross_direct_mt(const Scenario *s, const AnnualRow *row)
{
    return burnt_mtce(s, row) * s->accounting.coal_co2_t_per_tce
         + (row->co2_process_t + row->co2_conversion_combustion_t) * 1e-6;
}

void acct_co2_fate(AnnualRow *row)
{
    /* Captured CO2 that is used: the plants whose capture_dest is "used"
     * (tech.c); another consumer of captured CO2 (CO2 to methanol, ...) adds
     * its take to used here. Used never exceeds what is captured; the rest
     * is stored. */
    double used = row->co2_used_t;
    if (used > row->co2_captured_t) used = row->co2_captured_t;
    if (used < 0) used = 0;
    row->co2_used_t = used;
    row->co2_stored_t = row->co2_captured_t - used;
}

double acct_co2_mt(const Scenario *s, const AnnualRow *row, Co2Scope scope)
{
    const AccountingParams *a = &s->accounting;
    /* Captured CO2, stored or used, leaves the county's inventory. */
    double direct = acct_co2_gross_direct_mt(s, row) - row->co2_captured_t * 1e-6;
    double grid_t_per_mwh = schedule_at(&a->grid_co2_kg_per_kwh, row_year(row));
    switch (scope) {
    case SCOPE_CONSUMPTION_IMPORTS:
        return direct + row->import_mwh * grid_t_per_mwh * 1e-6;
    case SCOPE_NET_EXCHANGE:
        return direct + (row->import_mwh - row->export_mwh) * grid_t_per_mwh * 1e-6;
    case SCOPE_PRODUCTION:
    default:
        return direct;
    }
}

const char *acct_method_label(ConversionMethod m)
{
    return m == CONV_CALORIFIC ? "calorific method (电热当量计算法, 0.1229 kgce/kWh)"
                               : "coal-equivalent method (发电煤耗计算法)";
}

const char *acct_scope_label(Co2Scope scope)
{
    switch (scope) {
    case SCOPE_CONSUMPTION_IMPORTS:
        return "consumption with imports (直接排放 + 调入电力 × 区域电网因子)";
    case SCOPE_NET_EXCHANGE:
        return "net exchange (直接排放 + 电力调入调出净额 × 区域电网因子)";
    case SCOPE_PRODUCTION:
    default:
        return "production (直接排放, 化石能源燃烧)";
    }
}

/* Capacity x hours, 0 for an absent technology (whose hours may be 0/0). */
static double cap_energy_mwh(double capacity_mw, double full_load_hours)
{
    return (capacity_mw > 0 && isfinite(capacity_mw) && isfinite(full_load_hours))
         ? capacity_mw * full_load_hours : 0.0;
}

void acct_year(const Scenario *s, AnnualRow *row)
{
    const AccountingParams *a = &s->accounting;
    int y = row_year(row);
    double f_ce = acct_elec_mtce_per_mwh(a, CONV_COAL_EQUIVALENT, y);
    double f_cal = acct_elec_mtce_per_mwh(a, CONV_CALORIFIC, y);
    double tce_per_t = acct_coal_tce_per_t(&s->coal_mining);

    /* Production: coal mined plus non-fossil electricity taken by the system. */
    double re_mwh = 0.0, re_cap_mwh = 0.0;
    for (int i = 0; i < tech_count(); i++) {
        const Tech *t = tech_get(i);
        if (t->role != ROLE_NONFOSSIL) continue;
        re_mwh += metric_value(metrics_get(t->used_metric), row);
        re_cap_mwh += cap_energy_mwh(metric_value(metrics_get(t->capacity_metric), row),
                                     metric_value(metrics_get(t->avail_flh_metric), row));
    }
    row->coal_output_mtce = row->coal_output_mt * tce_per_t;
    row->nonfossil_coal_equiv_mtce = re_mwh * f_ce;
    row->nonfossil_calorific_mtce = re_mwh * f_cal;
    row->energy_production_coal_equiv_mtce = row->coal_output_mtce + row->nonfossil_coal_equiv_mtce;
    row->energy_production_calorific_mtce = row->coal_output_mtce + row->nonfossil_calorific_mtce;

    /* Capacity: non-fossil at its available (pre-curtailment) full-load hours. */
    double coal_cap_mtce = row->coal_capacity_mt * tce_per_t;
    row->energy_production_capacity_coal_equiv_mtce = coal_cap_mtce + re_cap_mwh * f_ce;
    row->energy_production_capacity_calorific_mtce = coal_cap_mtce + re_cap_mwh * f_cal;

    /* Consumption: fossil fuel plus net electricity supplied in the county. */
    double fossil = acct_fossil_mtce(s, row);
    double elec_mwh = re_mwh + row->import_mwh - row->export_mwh;
    row->energy_consumption_coal_equiv_mtce = fossil + elec_mwh * f_ce;
    row->energy_consumption_calorific_mtce = fossil + elec_mwh * f_cal;

    int cal = a->method == CONV_CALORIFIC;
    row->energy_production_mtce = cal ? row->energy_production_calorific_mtce
                                      : row->energy_production_coal_equiv_mtce;
    row->energy_production_capacity_mtce = cal ? row->energy_production_capacity_calorific_mtce
                                               : row->energy_production_capacity_coal_equiv_mtce;
    row->energy_consumption_mtce = cal ? row->energy_consumption_calorific_mtce
                                       : row->energy_consumption_coal_equiv_mtce;
    row->energy_production_capacity_yi_tce = row->energy_production_capacity_mtce / 100.0;
    acct_co2_fate(row);
    row->co2_mt = acct_co2_mt(s, row, a->scope);
    row->co2_gross_mt = row->co2_mt + row->co2_captured_t * 1e-6;
    /* The 能耗双控 control figure: less feedstock use (原料用能, 803号). */
    row->energy_consumption_excl_feedstock_mtce = row->energy_consumption_mtce - row->feedstock_mtce;
    /* The line's full-load hours (利用小时数) against the contract's minimum. */
    double line_mw = row->export_capacity_mw;
    row->export_full_load_hours = line_mw > 0 ? row->export_mwh / line_mw : 0.0;
    double short_h = s->export_line.min_annual_hours - row->export_full_load_hours;
    row->export_min_hours_shortfall_h = line_mw > 0 && short_h > 0 ? short_h : 0.0;
}

/* Mtce or Mt per 亿元 -> t per 万元: x 10^6 t / 10^4 万元 = x 100. */
static double per_10k_yuan(double mega, double gdp_yi_yuan)
{
    return (gdp_yi_yuan > 0 && isfinite(gdp_yi_yuan)) ? 100.0 * mega / gdp_yi_yuan : (double)NAN;
}

/* Change against the base, signed so that negative always means "fell". */
static double change_frac(double v, double base)
{
    if (!isfinite(v) || !isfinite(base)) return (double)NAN;
    if (base == 0) return v == 0 ? 0.0 : (double)NAN;
    return (v - base) / fabs(base);
}

void acct_period(const Scenario *s, AnnualRow *rows, int n)
{
    if (n < 1) return;
    const EconomyParams *e = &s->economy;
    rows[0].gdp_yi_yuan = e->gdp_base_yi_yuan;
    for (int i = 1; i < n; i++) {
        double g = rows[i - 1].gdp_yi_yuan;
        for (int y = row_year(&rows[i - 1]) + 1; y <= row_year(&rows[i]); y++)
            g *= 1.0 + schedule_at(&e->growth_frac, y);
        rows[i].gdp_yi_yuan = g;
    }
    int excl = s->accounting.intensity_basis == INTENSITY_EXCL_FEEDSTOCK;
    for (int i = 0; i < n; i++) {
        AnnualRow *r = &rows[i];
        r->energy_intensity_total_tce_per_10k_yuan = per_10k_yuan(r->energy_consumption_mtce, r->gdp_yi_yuan);
        r->energy_intensity_excl_feedstock_tce_per_10k_yuan =
            per_10k_yuan(r->energy_consumption_excl_feedstock_mtce, r->gdp_yi_yuan);
        r->energy_intensity_tce_per_10k_yuan = excl ? r->energy_intensity_excl_feedstock_tce_per_10k_yuan
                                                    : r->energy_intensity_total_tce_per_10k_yuan;
        r->carbon_intensity_t_per_10k_yuan = per_10k_yuan(r->co2_mt, r->gdp_yi_yuan);
    }
    /* Both figures against their own base year: 803号 deducts feedstock from
     * the base year and the target year alike. */
    for (int i = 0; i < n; i++) {
        AnnualRow *r = &rows[i];
        r->energy_intensity_total_change_frac = change_frac(r->energy_intensity_total_tce_per_10k_yuan,
                                                            rows[0].energy_intensity_total_tce_per_10k_yuan);
        r->energy_intensity_excl_feedstock_change_frac =
            change_frac(r->energy_intensity_excl_feedstock_tce_per_10k_yuan,
                        rows[0].energy_intensity_excl_feedstock_tce_per_10k_yuan);
        r->energy_intensity_change_frac = excl ? r->energy_intensity_excl_feedstock_change_frac
                                               : r->energy_intensity_total_change_frac;
        r->carbon_intensity_change_frac = change_frac(r->carbon_intensity_t_per_10k_yuan,
                                                      rows[0].carbon_intensity_t_per_10k_yuan);
    }
}
