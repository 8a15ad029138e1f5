/* test_costs.c — the cost arithmetic (costs.h) on cases worked by hand in
 * the comments: the capital recovery factor, a one-technology LCOE, the
 * timing of investment over a construction period, the spreading rule at
 * the edges of the period, the revenues, and the NPV and cost of CO2
 * abated of a two-variant case. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "costs.h"

#define TOL 1e-9

static Schedule constant(double v) { return (Schedule){ .n = 1, .year = { 2000 }, .value = { v } }; }

/* A scenario with no costs at all, a 10 % discount rate, every technology
 * built within its year ([0, 1]) with a 2-year life. */
static void empty(Scenario *s)
{
    memset(s, 0, sizeof *s);
    s->costs.discount_rate_frac = 0.10;
    for (int t = 0; t < TECH_COUNT; t++) {
        s->costs.lifetime_a[t] = 2;
        s->costs.spend_n[t] = 2;
        s->costs.spend_frac[t][0] = 0;
        s->costs.spend_frac[t][1] = 1;
    }
}

static void rows_of(AnnualRow *rows, int n, int first)
{
    memset(rows, 0, sizeof *rows * (size_t)n);
    for (int i = 0; i < n; i++) rows[i].year = first + i;
}

/* crf(r, n) = r (1+r)^n / ((1+r)^n − 1):
 *   r = 0.10, n = 2: 0.1 × 1.21 / 0.21 = 0.121 / 0.21 = 0.576190476190...
 *   r = 0.08, n = 20: 1.08^20 = 4.66095714385; 0.08 × 4.66095714385 / 3.66095714385
 *     = 0.372876571508 / 3.66095714385 = 0.101852208823
 *   r = 0, n = 4: straight line, 1/4.
 * Check: the annuity repays the loan: 1 − a/(1+r) − a/(1+r)^2 = 0 for n = 2. */
static void annuity(void)
{
    CU_ASSERT_DOUBLE_EQUAL(costs_crf(0.10, 2), 0.121 / 0.21, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(costs_crf(0.08, 20), 0.101852208823, 1e-11);
    CU_ASSERT_DOUBLE_EQUAL(costs_crf(0.0, 4), 0.25, 0);
    double a = costs_crf(0.10, 2);
    CU_ASSERT_DOUBLE_EQUAL(1 - a / 1.1 - a / 1.21, 0, 1e-15);
}

/* Wind, one year (2020): 100 MW at 5000 元/kW, fixed O&M 100 元/kW/a,
 * 250 000 MWh used, r = 10 %, life 2 years.
 *   capital 100 000 kW × 5000 = 5e8 元; annuity 5e8 × 0.121/0.21 = 2.880952381e8 元
 *   fixed O&M 100 000 × 100 = 1e7 元; total 2.980952381e8 元 = 2.980952381 亿元
 *   LCOE = 2.980952381e8 / 2.5e8 kWh = 1.192380952 元/kWh
 * The first year's capacity is existing: no investment shown. It is also
 * the county's only generator: county LCOE = wind LCOE. */
static void lcoe_by_hand(void)
{
    Scenario s;
    empty(&s);
    s.costs.item[CI_WIND_CAPITAL] = constant(5000);
    s.costs.item[CI_WIND_FOM] = constant(100);
    AnnualRow r;
    rows_of(&r, 1, 2020);
    r.wind_capacity_mw = 100;
    r.wind_used_mwh = 250000;
    costs_period(&s, &r, 1);
    CU_ASSERT_DOUBLE_EQUAL(r.annual_cost_yi_yuan, 2.980952381, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.lcoe_wind_yuan_per_kwh, 1.192380952, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.lcoe_county_yuan_per_kwh, 1.192380952, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.invest_wind_yi_yuan, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.lcoe_solar_yuan_per_kwh, 0, 0);   /* no output: 0, never 0/0 */
}

/* Coal power: 0 MW in 2020-2022, 1000 MW from 2023, period 2020-2024,
 * 4000 元/kW, built over 3 years with shares 0.3/0.4/0.3 (the last in
 * 2023, the year it first counts).
 *   capital 1e6 kW × 4000 = 4e9 元 = 40 亿元
 *   2021: 12, 2022: 16, 2023: 12 亿元; 2020 and 2024: 0; cumulative 40.
 * Annuity from 2023 on (life 30, r = 10 %): crf = 0.1 × 1.1^30 / (1.1^30 − 1)
 *   = 0.1 × 17.4494022689 / 16.4494022689 = 0.1060792483; 4e9 × that = 4.243169930e8
 *   = 4.243169930 亿元 in 2023 and 2024. */
static void construction_timing(void)
{
    Scenario s;
    empty(&s);
    s.costs.item[CI_COAL_POWER_CAPITAL] = constant(4000);
    s.costs.lifetime_a[TECH_COAL_POWER] = 30;
    s.costs.spend_n[TECH_COAL_POWER] = 3;
    s.costs.spend_frac[TECH_COAL_POWER][0] = 0.3;
    s.costs.spend_frac[TECH_COAL_POWER][1] = 0.4;
    s.costs.spend_frac[TECH_COAL_POWER][2] = 0.3;
    AnnualRow r[5];
    rows_of(r, 5, 2020);
    r[3].coal_power_capacity_mw = r[4].coal_power_capacity_mw = 1000;
    costs_period(&s, r, 5);
    const double want[5] = { 0, 12, 16, 12, 0 };
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_DOUBLE_EQUAL(r[i].invest_coal_power_yi_yuan, want[i], TOL);
        CU_ASSERT_DOUBLE_EQUAL(r[i].invest_total_yi_yuan, want[i], TOL);
    }
    CU_ASSERT_DOUBLE_EQUAL(r[4].invest_cum_yi_yuan, 40, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r[4].invest_plan_yi_yuan, 0, 0);   /* no goal set */
    /* A goal from 2022 on: the plan's sum counts 2022-2024 only, 16 + 12 + 0 = 28. */
    s.costs.invest_goal_yi_yuan = (Schedule){ .n = 2, .year = { 2021, 2022 }, .value = { 0, 10 } };
    costs_period(&s, r, 5);
    CU_ASSERT_DOUBLE_EQUAL(r[1].invest_plan_yi_yuan, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(r[4].invest_plan_yi_yuan, 28, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r[4].invest_goal_yi_yuan, 10, 0);
    CU_ASSERT_DOUBLE_EQUAL(r[2].annual_cost_yi_yuan, 0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r[3].annual_cost_yi_yuan, 4.243169930, 1e-8);
    CU_ASSERT_DOUBLE_EQUAL(r[4].annual_cost_yi_yuan, 4.243169930, 1e-8);
}

/* costs_spread: 100 first counting in 2021, shares 1:2:1 (normalised to
 * 0.25/0.5/0.25) over 2019-2021, period 2020-2022: 2019's 25 is outside,
 * 2020 gets 50, 2021 gets 25, 2022 nothing. Shares summing to 0: nothing. */
static void spread_edges(void)
{
    double out[3] = { 0 };
    const double shares[3] = { 1, 2, 1 };
    costs_spread(100, 2021, shares, 3, 2020, 3, out);
    CU_ASSERT_DOUBLE_EQUAL(out[0], 50, 0);
    CU_ASSERT_DOUBLE_EQUAL(out[1], 25, 0);
    CU_ASSERT_DOUBLE_EQUAL(out[2], 0, 0);
    const double zero[2] = { 0, 0 };
    costs_spread(100, 2021, zero, 2, 2020, 3, out);
    CU_ASSERT_DOUBLE_EQUAL(out[0] + out[1] + out[2], 75, 0);
}

/* Revenues of one year at 0.25 元/kWh benchmark, 0.35 receiving end,
 * 0.2 compensation: export 400 000 MWh → 4e8 kWh × 0.25 = 1 亿元 (1.4 at
 * the receiving end); discharge 50 000 MWh → 5e7 × 0.2 = 0.1 亿元;
 * curtailed 20 000 MWh → 2e7 × 0.25 = 0.05 亿元. Coal: output 1 Mt, power
 * burnt 0.35 Mtce at 0.7 tce/t (4900 kcal/kg) = 0.5 Mt, so 0.5 Mt sold at
 * 200 元/t = 1 亿元, and the fuel of power 0.5 Mt × 200 = 1 亿元. No
 * capital: net cost = fuel 1 − export 1 − compensation 0.1 − coal sales 1
 * = −1.1 亿元. */
static void revenues(void)
{
    Scenario s;
    empty(&s);
    s.coal_mining.calorific_kcal_per_kg = 4900;
    s.costs.benchmark_tariff_yuan_per_kwh = constant(0.25);
    s.costs.receiving_price_yuan_per_kwh = constant(0.35);
    s.costs.storage_compensation_yuan_per_kwh = constant(0.2);
    s.costs.coal_price_yuan_per_t = constant(200);
    AnnualRow r;
    rows_of(&r, 1, 2023);
    r.export_mwh = 400000;
    r.discharge_mwh = 50000;
    r.curtailed_mwh = 20000;
    r.coal_output_mt = 1;
    r.coal_power_tce = 350000;
    costs_period(&s, &r, 1);
    CU_ASSERT_DOUBLE_EQUAL(r.export_revenue_yi_yuan, 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.export_value_receiving_yi_yuan, 1.4, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.storage_compensation_yi_yuan, 0.1, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.curtailment_value_yi_yuan, 0.05, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.coal_sales_yi_yuan, 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.fuel_cost_yi_yuan, 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.net_cost_yi_yuan, -1.1, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.pv_net_cost_yi_yuan, -1.1, TOL);   /* first year: not discounted */
}

/* Two variants, 2020-2021, r = 10 %. Base: nothing, 10 Mt CO2 a year.
 * Variant: 100 MW wind from 2021 at 1000 元/kW, life 1 year (crf = 1.1),
 * 200 000 MWh exported at 0.25 元/kWh, 9 Mt CO2 in 2021.
 *   investment 2021: 1e5 kW × 1000 = 1e8 元 = 1 亿元
 *   annual cost 2021: 1e8 × 1.1 = 1.1 亿元; export revenue 2e8 kWh × 0.25 = 0.5 亿元
 *   net cost 2021 = 0.6 亿元, discounted one year: 0.6 / 1.1 = 0.545454... 亿元
 *   NPV of the variant against the base = 0 − 0.5454 = −0.545454 亿元 (dearer)
 *   CO2 avoided 1 Mt; cost of CO2 abated = 100 × 0.545454 / 1 = 54.5454 元/t.
 * Swapped, the base is the cheaper one: NPV +0.5454, and it avoids no CO2. */
static void npv_two_variants(void)
{
    Scenario s;
    empty(&s);
    s.costs.item[CI_WIND_CAPITAL] = constant(1000);
    s.costs.lifetime_a[TECH_WIND] = 1;
    s.costs.benchmark_tariff_yuan_per_kwh = constant(0.25);
    AnnualRow base[2], var[2];
    rows_of(base, 2, 2020);
    rows_of(var, 2, 2020);
    base[0].co2_mt = base[1].co2_mt = var[0].co2_mt = 10;
    var[1].co2_mt = 9;
    var[1].wind_capacity_mw = 100;
    var[1].export_mwh = 200000;
    costs_period(&s, base, 2);
    costs_period(&s, var, 2);
    CU_ASSERT_DOUBLE_EQUAL(var[1].invest_wind_yi_yuan, 1.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(var[1].annual_cost_yi_yuan, 1.1, TOL);
    CU_ASSERT_DOUBLE_EQUAL(var[1].net_cost_yi_yuan, 0.6, TOL);
    CU_ASSERT_DOUBLE_EQUAL(var[1].pv_net_cost_yi_yuan, 0.6 / 1.1, TOL);
    CU_ASSERT_DOUBLE_EQUAL(base[1].pv_net_cost_yi_yuan, 0, 0);
    double npv = costs_npv_yi_yuan(&var[1], &base[1]);
    CU_ASSERT(npv < 0);
    CU_ASSERT_DOUBLE_EQUAL(npv, -0.545454545454, 1e-11);
    CU_ASSERT_DOUBLE_EQUAL(var[1].co2_cum_mt, 19, TOL);
    CU_ASSERT_DOUBLE_EQUAL(costs_abatement_yuan_per_t(&var[1], &base[1]), 54.5454545454, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(costs_npv_yi_yuan(&base[1], &var[1]), 0.545454545454, 1e-11);
    CU_ASSERT(isnan(costs_abatement_yuan_per_t(&base[1], &var[1])));
}

/* Storage: power and energy parts, and its cost per kWh discharged.
 * 2021: 0 → 100 MW / 200 MWh at 300 元/kW + 1500 元/kWh:
 *   3e7 + 3e8 = 3.3e8 元 = 3.3 亿元 invested in 2021 (built within the year).
 *   2021 cost: 3.3e8 × crf(0.1, 2) = 3.3e8 × 0.121/0.21 = 1.901428571e8 元;
 *   discharged 40 000 MWh → 1.901428571e8 / 4e7 = 4.753571429 元/kWh.
 *   Storage is in the county's cost but not its energy: no generator,
 *   county LCOE 0. */
static void storage_parts(void)
{
    Scenario s;
    empty(&s);
    s.costs.item[CI_STORAGE_CAPITAL] = constant(300);
    s.costs.item[CI_STORAGE_CAPITAL_E] = constant(1500);
    AnnualRow r[2];
    rows_of(r, 2, 2020);
    r[1].storage_power_mw = 100;
    r[1].storage_energy_mwh = 200;
    r[1].discharge_mwh = 40000;
    costs_period(&s, r, 2);
    CU_ASSERT_DOUBLE_EQUAL(r[1].invest_storage_yi_yuan, 3.3, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r[1].lcos_storage_yuan_per_kwh, 4.753571429, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(r[1].lcoe_county_yuan_per_kwh, 0, 0);
}

void register_test_costs(void);
void register_test_costs(void)
{
    CU_pSuite s = CU_add_suite("test_costs", NULL, NULL);
    CU_add_test(s, "annuity (capital recovery factor)", annuity);
    CU_add_test(s, "LCOE by hand", lcoe_by_hand);
    CU_add_test(s, "investment over a construction period", construction_timing);
    CU_add_test(s, "spreading at the period's edges", spread_edges);
    CU_add_test(s, "revenues and net cost", revenues);
    CU_add_test(s, "NPV and cost of CO2 abated, two variants", npv_two_variants);
    CU_add_test(s, "storage power and energy parts", storage_parts);
}
