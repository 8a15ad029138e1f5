/* accounting.h — the plan's energy, CO2 and economy indicators of each year
 * (DESIGN §6): energy production and its capacity, energy consumption within
 * the county, CO2 by a named scope, GDP and intensities, in both conversion
 * methods with the configured one as the headline.
 * Invariant: energy_consumption = energy_production − coal_output_mtce
 *            + fossil_mtce + f × (import − export), per method (identity I below).
 *
 * ---- Units and reference constants ----------------------------------------
 * 1 kgce (kg of coal equivalent, 千克标准煤) = 29.3076 MJ = 7000 kcal
 *   (GB/T 2589-2020 《综合能耗计算通则》, definition of 千克标准煤). tce = 1000 kgce,
 *   Mtce = 10^6 tce, 亿吨标煤 (亿 tce) = 10^8 tce = 100 Mtce.
 * Raw coal: tce/t = calorific value (kcal/kg, 低位发热量) / 7000; when the
 *   config gives no calorific value, the national statistical default for
 *   原煤 of 0.7143 tce/t (GB/T 2589-2020, table of reference coefficients
 *   折标准煤参考系数: 20 908 kJ/kg = 5000 kcal/kg).
 * Electricity, two methods of the 国家统计局 (NBS) energy statistics:
 *   - 发电煤耗计算法 (coal-equivalent, "partial substitution"): each kWh of
 *     primary (non-fossil) electricity counts as the coal that thermal power
 *     would have burnt for it, the year's national average standard coal
 *     consumption of thermal power supply, gce/kWh (config schedule
 *     accounting.gce_per_kwh; 305.5 gce/kWh in 2020, about 300 by 2025).
 *     MWh × gce/kWh × 10^-9 = Mtce  (1 MWh = 10^3 kWh; 10^3 g·MWh/kWh = 1 kg).
 *   - 电热当量计算法 (calorific, "physical energy content"): 1 kWh = 3.6 MJ
 *     = 0.1229 kgce (GB/T 2589-2020 reference coefficients, 电力当量值;
 *     3.6 / 29.3076 = 0.12283).
 *     MWh × kgce/kWh × 10^-6 = Mtce  (1 MWh × 1 kgce/kWh = 1 tce).
 *   For wind and solar the two differ by about 305.5 / 122.9 ≈ 2.5. Both are
 *   computed every year (the *_coal_equiv_* and *_calorific_* twins); the
 *   headline field follows accounting.method, and reports must name it
 *   (acct_method_label). Below, f is the chosen method's factor, Mtce/MWh.
 *
 * ---- Quantities of one year (acct_year) -----------------------------------
 * coal_output_mtce = coal_output_mt × tce/t.
 * nonfossil_<m>_mtce = (wind_used_mwh + solar_used_mwh) × f_m — the
 *   non-fossil electricity generated and taken by the system (curtailed energy
 *   is not produced; storage discharge is not new production).
 * energy_production_<m>_mtce (能源生产总量) = coal_output_mtce
 *   + nonfossil_<m>_mtce. Coal power is secondary energy (its coal is already
 *   in coal_output) and is not added again. Yiwu produces no oil or gas.
 * energy_production_capacity_<m>_mtce (能源综合生产能力, plan indicator 20:
 *   "煤炭、石油、天然气、非化石能源生产能力之和", the plan's 专栏1 note 2) =
 *   coal_capacity_mt × tce/t
 *   + (wind_capacity_mw × wind_avail_full_load_hours
 *      + solar_capacity_mw × solar_avail_full_load_hours) × f_m,
 *   i.e. non-fossil capacity at its simulated full-load hours *before*
 *   curtailment. energy_production_capacity_yi_tce = headline Mtce / 100.
 *   A technology with capacity <= 0 (or non-finite hours) contributes 0.
 * fossil_mtce (acct_fossil_mtce) = coal_power_tce / 10^6
 *   + conversion_energy_mtce + coal_chemical_mtce(year) (legacy flat figure,
 *   default 0) + other_industry_mtce(year): all fossil fuel burnt or
 *   converted in the county, including the coal of power exported.
 *   conversion_energy_mtce (the coal_conversion plants, conversion.h,
 *   docs/coal-conversion.md) = coal in − the energy of energy products
 *   handed on (semi-coke, tar, gas, SNG, oil: 加工转换, input − output =
 *   losses); chemicals' coal (methanol, olefins) stays whole, as final
 *   consumption. The plants' electricity is in load_mwh, so in the
 *   electricity term below, not here.
 * energy_consumption_<m>_mtce (能源消费总量 within the county) =
 *   fossil_mtce + (wind_used + solar_used + import − export) MWh × f_m.
 *   This is the NBS regional energy balance (地区能源平衡表): consumption =
 *   production + inflows (调入) − outflows (调出) ± stock change, with
 *   electricity transfers converted by the same method as primary
 *   electricity, so no energy is counted twice:
 *   - local coal power is counted once, as its coal fuel (coal_power_tce);
 *     its electricity is not added again;
 *   - locally generated wind/solar electricity is non-fossil primary energy
 *     supplied in the county;
 *   - electricity exported (whatever generated it) is subtracted at f: it is
 *     not consumed in the county. Under the coal-equivalent method this
 *     removes, to within the difference between the local heat rate and the
 *     national factor, the coal burnt for exported coal power (DESIGN §6's
 *     "coal power fuel for local supply"); under the calorific method the
 *     conversion losses of exported coal power stay in the county, as the
 *     energy balance books 加工转换损失 where the conversion happens;
 *   - imported electricity is added at f.
 *   Identity I (tested): consumption_m = production_m − coal_output_mtce
 *   + fossil_mtce + (import − export) × f_m, i.e. production plus net inflow,
 *   where the coal mined but not burnt in the county is its outflow (no stock
 *   change is modelled). With the hourly balance (DESIGN §5) it also equals
 *   fossil_mtce + (load + charge − discharge − coal_power − unserved) × f_m:
 *   fuel plus the electricity used locally that local coal did not make.
 *   Not clamped at 0 (the identity is worth more than a pretty number); it
 *   can only go negative in degenerate cases, e.g. almost all coal power
 *   exported, burnt at a heat rate below the national factor.
 *   Feedstock (原料用能: feedstock_mtce, the feed coal of chemical routes) is
 *   included; since 发改环资〔2022〕803号 it is excluded from the 能耗双控
 *   assessment, in the base and target years alike:
 *   energy_consumption_excl_feedstock_mtce = energy_consumption_mtce (headline
 *   method) − feedstock_mtce. accounting.intensity_basis names the figure the
 *   energy_intensity_* headline (and targets on it) uses; both intensities
 *   and changes are reported (energy_intensity_total_*, _excl_feedstock_*).
 * co2_mt by scope (acct_co2_mt), every quantity in t or Mt:
 *   direct = (fossil_mtce − conversion_energy_mtce) × coal_co2_t_per_tce
 *     + (co2_process_t + co2_conversion_combustion_t − co2_captured_t) / 10^6:
 *     the conversion plants by carbon balance (conversion.h; the carbon kept
 *     in their products leaves the county), net of the CO2 captured, stored
 *     or used (acct_co2_fate splits it). co2_gross_mt = co2_mt before capture.
 *     Default factor 2.77 tCO2/tce
 *     = IPCC 2006 Vol. 2 Ch. 1 Table 1.4, "other bituminous coal"
 *     94 600 kgCO2/TJ × 0.0293076 TJ/tce = 2.7725, oxidation factor 1
 *     (Table 1.4 defaults). Overridable (e.g. 2.66, a value common in
 *     Chinese studies). The legacy coal_chemical_mtce and other industry use
 *     the same factor: their carbon is treated as combusted in the county.
 *   SCOPE_PRODUCTION (生产侧): direct only — the IPCC territorial inventory.
 *   SCOPE_CONSUMPTION_IMPORTS: direct + import_mwh × grid factor — the county
 *     also answers for electricity it brings in (GHG Protocol scope 2 for the
 *     county as a whole); exported electricity is NOT deducted, so its
 *     emissions stay with the county.
 *   SCOPE_NET_EXCHANGE (电力调入调出净额): direct + (import − export) × grid
 *     factor — the practice of Chinese provincial CO2 accounting for the
 *     单位GDP二氧化碳排放降低 indicator (省级温室气体清单编制指南（试行）,
 *     国家发展改革委 2011: 电力调入调出间接排放 at the regional grid average
 *     factor). The usual choice for plan indicator 15. Negative when exports
 *     × factor exceed direct emissions; not clamped.
 *   The grid factor is accounting.grid_co2_kg_per_kwh(year), kg/kWh = t/MWh
 *   (生态环境部、国家统计局 电力二氧化碳排放因子, regional average for the
 *   Northwest grid); MWh × t/MWh × 10^-6 = Mt.
 *
 * ---- Quantities of the period (acct_period) --------------------------------
 * gdp_yi_yuan (亿元, constant prices of the base year): gdp(first row) =
 *   economy.gdp_base_yi_yuan; gdp(y) = gdp(y−1) × (1 + growth_frac(y)),
 *   compounding through any years missing between rows.
 * energy_intensity_tce_per_10k_yuan = energy_consumption_mtce (headline)
 *   × 10^6 / (gdp × 10^4) = 100 × Mtce / 亿元 (1 亿元 = 10 000 万元);
 *   carbon_intensity_t_per_10k_yuan = 100 × co2_mt / gdp, same units logic.
 *   NaN when gdp <= 0 or not finite (prevented by config validation; the
 *   run's finiteness guard reports it instead of writing a made-up number).
 * <x>_intensity_change_frac = (x(y) − x(first)) / |x(first)|, which is
 *   x(y)/x(first) − 1 for the ordinary positive base (−0.12 = 12 % lower) and
 *   keeps "negative = fell" for a negative base (net-exchange CO2 of a net
 *   exporter). Base 0: 0 when x(y) is also 0, otherwise NaN (undefined; the
 *   finiteness guard stops the run with a located message). */
#ifndef ECSIM_ACCOUNTING_H
#define ECSIM_ACCOUNTING_H

#include "metrics.h"
#include "model.h"

#define ACCT_KCAL_PER_KGCE 7000.0           /* GB/T 2589-2020 */
#define ACCT_MJ_PER_KGCE 29.3076            /* GB/T 2589-2020 */
#define ACCT_RAW_COAL_TCE_PER_T 0.7143      /* GB/T 2589-2020, 原煤 */
#define ACCT_CALORIFIC_KGCE_PER_KWH 0.1229  /* GB/T 2589-2020, 电力当量值 */
#define ACCT_BITUMINOUS_CO2_T_PER_TCE 2.77  /* IPCC 2006 V2 Table 1.4: 94.6 t/TJ × 29.3076 GJ/tce */

/* Fills the accounting fields of row (its year is row->year) from its
 * physical fields and s->accounting / s->coal_mining: coal_output_mtce, the
 * non-fossil, production, production-capacity and consumption twins and
 * headlines, energy_production_capacity_yi_tce and co2_mt (scope
 * s->accounting.scope). Leaves the period fields (GDP, intensities) alone.
 * Pure; inputs are assumed validated. */
void acct_year(const Scenario *s, AnnualRow *row);

/* After all years, acct_year done on each: GDP chain from rows[0] (the first
 * year), energy and carbon intensities from the headline consumption and
 * co2_mt, and their change against rows[0]. n >= 1 rows in year order. */
void acct_period(const Scenario *s, AnnualRow *rows, int n);

/* Raw coal tce per tonne: calorific_kcal_per_kg / 7000, or 0.7143 if <= 0. */
double acct_coal_tce_per_t(const CoalMiningParams *m);

/* Mtce per MWh of electricity under method m in year. */
double acct_elec_mtce_per_mwh(const AccountingParams *a, ConversionMethod m, int year);

/* Fossil fuel burnt or converted in the county in row's year, Mtce
 * (coal_power_tce / 10^6 + conversion_energy_mtce + legacy coal chemical
 * + other industry). */
double acct_fossil_mtce(const Scenario *s, const AnnualRow *row);

/* Direct CO2 before capture, Mt: the fuel burnt outside the conversion
 * plants at the coal factor, plus the plants' process and combustion CO2. */
double acct_co2_gross_direct_mt(const Scenario *s, const AnnualRow *row);

/* Splits row->co2_captured_t into co2_used_t (at most the captured) and
 * co2_stored_t (the rest). THE place where a consumer of captured CO2
 * (CO2-to-methanol) adds its take to co2_used_t. Called by acct_year. */
void acct_co2_fate(AnnualRow *row);

/* CO2 of row's year under scope, Mt (any scope, whatever s->accounting.scope
 * says: lets reports show all three). */
double acct_co2_mt(const Scenario *s, const AnnualRow *row, Co2Scope scope);

/* Names for reports, e.g. "coal-equivalent method (发电煤耗计算法)" and
 * "net exchange (直接排放 + 电力调入调出净额 × 区域电网因子)". Static strings. */
const char *acct_method_label(ConversionMethod m);
const char *acct_scope_label(Co2Scope scope);

#endif
