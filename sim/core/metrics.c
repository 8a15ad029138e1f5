/* metrics.c — the registry of annual metrics (DESIGN §9): column name, unit,
 * labels and the field of AnnualRow it reads. Order here is column order. */
#include "metrics.h"

#include <string.h>

#include "textdist.h"

#define M(field, unit, zh, en, fmt) { #field, unit, zh, en, offsetof(AnnualRow, field), fmt }

static const Metric table[] = {
    M(year, "a", "年份", "year", "%.0f"),
    M(wind_capacity_mw, "MW", "风电装机", "wind capacity", "%.3f"),
    M(solar_capacity_mw, "MW", "光伏装机(直流)", "PV capacity (DC)", "%.3f"),
    M(storage_power_mw, "MW", "储能功率", "storage power", "%.3f"),
    M(storage_energy_mwh, "MWh", "储能容量", "storage energy", "%.3f"),
    M(coal_power_capacity_mw, "MW", "煤电装机", "coal power capacity", "%.3f"),
    M(coal_capacity_mt, "Mt/a", "煤炭产能", "coal production capacity", "%.4f"),
    M(export_capacity_mw, "MW", "外送通道能力", "export line capacity", "%.3f"),
    M(wind_mean_ms, "m/s", "平均风速(测风高度)", "mean wind speed (reference height)", "%.3f"),
    M(ghi_kwh_per_m2, "kWh/m2", "水平面总辐射量", "global horizontal irradiation", "%.1f"),
    M(temp_mean_c, "C", "平均气温", "mean air temperature", "%.2f"),
    M(coal_output_mt, "Mt", "原煤产量", "coal output", "%.4f"),
    M(wind_avail_mwh, "MWh", "风电可发电量", "wind available", "%.3f"),
    M(wind_used_mwh, "MWh", "风电上网电量", "wind used", "%.3f"),
    M(solar_avail_mwh, "MWh", "光伏可发电量", "PV available", "%.3f"),
    M(solar_used_mwh, "MWh", "光伏上网电量", "PV used", "%.3f"),
    M(curtailed_mwh, "MWh", "弃风弃光电量", "curtailed", "%.3f"),
    M(re_utilisation, "1", "新能源利用率", "renewable utilisation", "%.6f"),
    M(wind_full_load_hours, "h", "风电利用小时数", "wind full-load hours", "%.2f"),
    M(solar_full_load_hours, "h", "光伏利用小时数", "PV full-load hours", "%.2f"),
    M(wind_avail_full_load_hours, "h", "风电可利用小时数", "wind available full-load hours", "%.2f"),
    M(solar_avail_full_load_hours, "h", "光伏可利用小时数", "PV available full-load hours", "%.2f"),
    M(coal_power_mwh, "MWh", "煤电发电量", "coal power generation", "%.3f"),
    M(coal_power_tce, "tce", "发电耗煤", "coal burnt for power", "%.3f"),
    M(load_mwh, "MWh", "本地用电量", "local load", "%.3f"),
    M(mining_load_mwh, "MWh", "采煤用电量", "mining load", "%.3f"),
    M(peak_load_mw, "MW", "最大负荷", "peak load", "%.3f"),
    M(export_mwh, "MWh", "外送电量", "export", "%.3f"),
    M(import_mwh, "MWh", "受入电量", "import", "%.3f"),
    M(charge_mwh, "MWh", "储能充电量", "storage charge", "%.3f"),
    M(discharge_mwh, "MWh", "储能放电量", "storage discharge", "%.3f"),
    M(storage_cycles, "1", "储能等效循环次数", "storage equivalent cycles", "%.3f"),
    M(storage_losses_mwh, "MWh", "储能损耗", "storage losses", "%.3f"),
    M(unserved_mwh, "MWh", "缺电量", "unserved energy", "%.3f"),
    M(unserved_hours, "h", "缺电小时数", "unserved hours", "%.0f"),
    M(coal_min_violation_hours, "h", "煤电低于最小出力小时数", "coal below must-run hours", "%.0f"),
    M(max_balance_residual_mw, "MW", "电力平衡最大残差", "max balance residual", "%.3e"),
    M(coal_output_mtce, "Mtce", "原煤折标煤", "coal output in tce", "%.5f"),
    M(nonfossil_coal_equiv_mtce, "Mtce", "非化石能源(发电煤耗法)", "non-fossil (coal-equivalent)", "%.5f"),
    M(nonfossil_calorific_mtce, "Mtce", "非化石能源(电热当量法)", "non-fossil (calorific)", "%.5f"),
    M(energy_production_mtce, "Mtce", "能源生产总量", "energy production", "%.5f"),
    M(energy_production_coal_equiv_mtce, "Mtce", "能源生产总量(发电煤耗法)", "energy production (coal-equivalent)", "%.5f"),
    M(energy_production_calorific_mtce, "Mtce", "能源生产总量(电热当量法)", "energy production (calorific)", "%.5f"),
    M(energy_production_capacity_mtce, "Mtce", "能源综合生产能力", "energy production capacity", "%.5f"),
    M(energy_production_capacity_coal_equiv_mtce, "Mtce", "能源综合生产能力(发电煤耗法)", "energy production capacity (coal-equivalent)", "%.5f"),
    M(energy_production_capacity_calorific_mtce, "Mtce", "能源综合生产能力(电热当量法)", "energy production capacity (calorific)", "%.5f"),
    M(energy_production_capacity_yi_tce, "亿tce", "能源综合生产能力(亿吨标煤)", "energy production capacity (100 Mtce)", "%.6f"),
    M(energy_consumption_mtce, "Mtce", "能源消费总量", "energy consumption", "%.5f"),
    M(energy_consumption_coal_equiv_mtce, "Mtce", "能源消费总量(发电煤耗法)", "energy consumption (coal-equivalent)", "%.5f"),
    M(energy_consumption_calorific_mtce, "Mtce", "能源消费总量(电热当量法)", "energy consumption (calorific)", "%.5f"),
    M(co2_mt, "Mt", "二氧化碳排放", "CO2 emissions", "%.5f"),
    M(gdp_yi_yuan, "亿元", "地区生产总值(2020年价)", "GDP (2020 prices)", "%.4f"),
    M(energy_intensity_tce_per_10k_yuan, "tce/万元", "单位GDP能耗", "energy intensity", "%.6f"),
    M(carbon_intensity_t_per_10k_yuan, "tCO2/万元", "单位GDP二氧化碳排放", "carbon intensity", "%.6f"),
    M(energy_intensity_change_frac, "1", "单位GDP能耗累计变化", "energy intensity change", "%.6f"),
    M(carbon_intensity_change_frac, "1", "单位GDP二氧化碳累计变化", "carbon intensity change", "%.6f"),
};

#undef M

_Static_assert(sizeof(AnnualRow) == sizeof(table) / sizeof(table[0]) * sizeof(double),
               "every AnnualRow field must be registered in metrics.c");

int metrics_count(void) { return (int)(sizeof table / sizeof table[0]); }

const Metric *metrics_get(int i)
{
    return (i >= 0 && i < metrics_count()) ? &table[i] : NULL;
}

const Metric *metrics_find(const char *name)
{
    for (int i = 0; i < metrics_count(); i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

const char *metrics_suggest(const char *name)
{
    const char *names[sizeof table / sizeof table[0]];
    for (int i = 0; i < metrics_count(); i++) names[i] = table[i].name;
    return text_nearest(name, names, (size_t)metrics_count());
}
