/* test_accounting.c — energy, CO2 and GDP accounting against a one-year
 * county small enough to work on paper (every expected number is derived in
 * the comments from the definitions in accounting.h), plus a two-year GDP
 * and intensity case and the edge rules of the period pass. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "accounting.h"

#define TOL 1e-9   /* Mtce, Mt, t/万元: all values are O(1..10), rounding ~1e-15 */

/* The paper county, year 2020:
 *   coal mine: capacity 12 Mt/a, output 10 Mt, 5500 kcal/kg
 *   wind 1000 MW: 2.5 TWh used (2500 h), 2800 available full-load hours
 *   PV 500 MW: 0.7 TWh used (1400 h), 1600 available full-load hours
 *   coal power 4.0 TWh at 300 gce/kWh -> 4e6 MWh x 300 / 1000 = 1.2e6 tce
 *   import 0.1 TWh, export 3.0 TWh, local load 4.3 TWh (no storage), so the
 *   year balances: 2.5 + 0.7 + 4.0 + 0.1 = 7.3 = 4.3 + 3.0
 *   coal chemical 2.0 Mtce, other industry 0.5 Mtce
 *   factors: 305.5 gce/kWh, 0.1229 kgce/kWh, 2.77 tCO2/tce, grid 0.5857 kg/kWh
 *   GDP 76.5 亿元 (the plan's 2020 figure). */
static void paper_county(Scenario *s, AnnualRow *r)
{
    memset(s, 0, sizeof *s);
    memset(r, 0, sizeof *r);
    s->first_year = s->last_year = 2020;
    s->coal_mining.calorific_kcal_per_kg = 5500;
    AccountingParams *a = &s->accounting;
    a->method = CONV_COAL_EQUIVALENT;
    a->gce_per_kwh = (Schedule){ .n = 1, .year = {2020}, .value = {305.5} };
    a->calorific_kgce_per_kwh = 0.1229;
    a->coal_co2_t_per_tce = 2.77;
    a->grid_co2_kg_per_kwh = (Schedule){ .n = 1, .year = {2020}, .value = {0.5857} };
    a->scope = SCOPE_PRODUCTION;
    a->coal_chemical_mtce = (Schedule){ .n = 1, .year = {2020}, .value = {2.0} };
    a->other_industry_mtce = (Schedule){ .n = 1, .year = {2020}, .value = {0.5} };
    s->economy.gdp_base_yi_yuan = 76.5;

    r->year = 2020;
    r->coal_capacity_mt = 12;
    r->coal_output_mt = 10;
    r->wind_capacity_mw = 1000;
    r->wind_used_mwh = 2.5e6;
    r->wind_avail_full_load_hours = 2800;
    r->wind_avail_mwh = 2.8e6;
    r->solar_capacity_mw = 500;
    r->solar_used_mwh = 0.7e6;
    r->solar_avail_full_load_hours = 1600;
    r->solar_avail_mwh = 0.8e6;
    r->coal_power_mwh = 4.0e6;
    r->coal_power_tce = 1.2e6;
    r->import_mwh = 0.1e6;
    r->export_mwh = 3.0e6;
    r->load_mwh = 4.3e6;
}

static void coal_tce(void)
{
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    /* 5500 / 7000 = 0.785714... tce/t (GB/T 2589: 1 kgce = 7000 kcal). */
    CU_ASSERT_DOUBLE_EQUAL(acct_coal_tce_per_t(&s.coal_mining), 5500.0 / 7000.0, 1e-15);
    acct_year(&s, &r);
    /* 10 Mt x 5500/7000 = 55/7 = 7.857142857 Mtce. */
    CU_ASSERT_DOUBLE_EQUAL(r.coal_output_mtce, 7.857142857142857, TOL);
    /* No calorific value: the statistical default 0.7143 tce/t, 10 Mt -> 7.143 Mtce. */
    s.coal_mining.calorific_kcal_per_kg = 0;
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.coal_output_mtce, 7.143, TOL);
}

static void production_methods(void)
{
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    acct_year(&s, &r);
    /* Coal-equivalent: wind 2.5e6 MWh x 305.5 gce/kWh = 7.6375e8 kgce = 0.76375 Mtce,
     * PV 0.7e6 x 305.5 = 0.21385 Mtce; together 3.2e6 x 305.5e-9 = 0.9776 Mtce.
     * Calorific: wind 2.5e6 x 0.1229 = 3.0725e5 tce = 0.30725 Mtce, PV 0.08603;
     * together 0.39328 Mtce (ratio 305.5 / 122.9 = 2.486). */
    CU_ASSERT_DOUBLE_EQUAL(r.nonfossil_coal_equiv_mtce, 0.9776, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.nonfossil_calorific_mtce, 0.39328, TOL);
    /* Production = 7.857142857 + 0.9776 = 8.834742857 (coal-equivalent)
     *            = 7.857142857 + 0.39328 = 8.250422857 (calorific). */
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_coal_equiv_mtce, 8.834742857142857, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_calorific_mtce, 8.250422857142857, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_mtce, 8.834742857142857, TOL);   /* headline */

    s.accounting.method = CONV_CALORIFIC;
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_mtce, 8.250422857142857, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_coal_equiv_mtce, 8.834742857142857, TOL); /* twin kept */
    CU_ASSERT_DOUBLE_EQUAL(r.energy_consumption_mtce, r.energy_consumption_calorific_mtce, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_mtce,
                           r.energy_production_capacity_calorific_mtce, 0);
    CU_ASSERT(strstr(acct_method_label(CONV_CALORIFIC), "电热当量计算法") != NULL);
    CU_ASSERT(strstr(acct_method_label(CONV_COAL_EQUIVALENT), "发电煤耗计算法") != NULL);
}

static void production_capacity(void)
{
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    acct_year(&s, &r);
    /* Coal 12 Mt x 5500/7000 = 66/7 = 9.428571429 Mtce.
     * Non-fossil before curtailment: 1000 MW x 2800 h + 500 MW x 1600 h = 3.6e6 MWh;
     * x 305.5e-9 = 1.0998 Mtce, x 0.1229e-6 = 0.44244 Mtce.
     * Capacity = 10.528371429 Mtce = 0.10528371429 亿吨标煤 (coal-equivalent),
     *            9.871011429 Mtce (calorific). */
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_coal_equiv_mtce, 10.528371428571429, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_calorific_mtce, 9.871011428571428, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_mtce, 10.528371428571429, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_yi_tce, 0.10528371428571429, 1e-11);

    /* No PV at all: its hours may be 0/0; it must contribute 0, not NaN.
     * Capacity = 9.428571429 + 2.8e6 x 305.5e-9 = 9.428571429 + 0.8554. */
    r.solar_capacity_mw = 0;
    r.solar_avail_full_load_hours = (double)NAN;
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_production_capacity_coal_equiv_mtce, 10.283971428571429, TOL);
}

static void consumption_identity(void)
{
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    acct_year(&s, &r);
    /* Fossil: 1.2e6 tce = 1.2 Mtce power fuel + 2.0 chemical + 0.5 other = 3.7 Mtce.
     * Electricity supplied in the county: 3.2e6 used RE + 0.1e6 import - 3.0e6 export
     * = 0.3e6 MWh; x 305.5e-9 = 0.09165, x 0.1229e-6 = 0.03687.
     * Consumption = 3.79165 Mtce (coal-equivalent), 3.73687 Mtce (calorific). */
    CU_ASSERT_DOUBLE_EQUAL(acct_fossil_mtce(&s, &r), 3.7, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_consumption_coal_equiv_mtce, 3.79165, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_consumption_calorific_mtce, 3.73687, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_consumption_mtce, 3.79165, TOL);

    /* Identity I: consumption = production - coal mined + fossil burnt
     * + (import - export) x f.  Coal-equivalent: 8.834742857 - 7.857142857 + 3.7
     * - 2.9e6 x 305.5e-9 (= 0.88595) = 3.79165. */
    for (int m = 0; m < 2; m++) {
        double f = acct_elec_mtce_per_mwh(&s.accounting, (ConversionMethod)m, 2020);
        double prod = m ? r.energy_production_calorific_mtce : r.energy_production_coal_equiv_mtce;
        double cons = m ? r.energy_consumption_calorific_mtce : r.energy_consumption_coal_equiv_mtce;
        CU_ASSERT_DOUBLE_EQUAL(cons, prod - r.coal_output_mtce + acct_fossil_mtce(&s, &r)
                                     + (r.import_mwh - r.export_mwh) * f, TOL);
        /* With the electricity balance: fuel + (load + charge - discharge
         * - coal power - unserved) x f = 3.7 + (4.3 - 4.0) TWh x f. */
        CU_ASSERT_DOUBLE_EQUAL(cons, 3.7 + (r.load_mwh + r.charge_mwh - r.discharge_mwh
                                            - r.coal_power_mwh - r.unserved_mwh) * f, TOL);
    }
}

static void co2_scopes(void)
{
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    /* Production: 3.7 Mtce x 2.77 t/tce = 10.249 Mt. */
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_mt, 10.249, TOL);
    /* With imports: + 0.1e6 MWh x 0.5857 t/MWh = 58 570 t = 0.05857 Mt -> 10.30757 Mt. */
    s.accounting.scope = SCOPE_CONSUMPTION_IMPORTS;
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_mt, 10.30757, TOL);
    /* Net exchange: + (0.1e6 - 3.0e6) x 0.5857 = -1 698 530 t -> 10.249 - 1.69853 = 8.55047 Mt. */
    s.accounting.scope = SCOPE_NET_EXCHANGE;
    acct_year(&s, &r);
    CU_ASSERT_DOUBLE_EQUAL(r.co2_mt, 8.55047, TOL);
    /* Every scope is available whatever the headline is. */
    CU_ASSERT_DOUBLE_EQUAL(acct_co2_mt(&s, &r, SCOPE_PRODUCTION), 10.249, TOL);
    CU_ASSERT_DOUBLE_EQUAL(acct_co2_mt(&s, &r, SCOPE_CONSUMPTION_IMPORTS), 10.30757, TOL);
    CU_ASSERT(strstr(acct_scope_label(SCOPE_NET_EXCHANGE), "调入调出") != NULL);
}

static void factor_schedule(void)
{
    /* 305.5 gce/kWh in 2020 falling linearly to 300 in 2025: 2022 is
     * 305.5 - 2/5 x 5.5 = 303.3 gce/kWh -> 303.3e-9 Mtce/MWh. */
    AccountingParams a;
    memset(&a, 0, sizeof a);
    a.gce_per_kwh = (Schedule){ .n = 2, .year = {2020, 2025}, .value = {305.5, 300} };
    a.calorific_kgce_per_kwh = 0.1229;
    CU_ASSERT_DOUBLE_EQUAL(acct_elec_mtce_per_mwh(&a, CONV_COAL_EQUIVALENT, 2022), 303.3e-9, 1e-20);
    CU_ASSERT_DOUBLE_EQUAL(acct_elec_mtce_per_mwh(&a, CONV_CALORIFIC, 2022), 0.1229e-6, 1e-20);
}

static void gdp_two_years(void)
{
    /* 2020: consumption 3.0 Mtce, CO2 9.0 Mt; 2021: 3.3 Mtce, 9.5 Mt; growth 14.9 %.
     * GDP 2020 = 76.5, 2021 = 76.5 x 1.149 = 87.8985 亿元.
     * Energy intensity: 3.0e6 tce / 765 000 万元 = 3.921568627 tce/万元;
     *                   3.3e6 / 878 985 = 3.754330279.
     * Change 2021 = (3.3 / 3.0) / 1.149 - 1 = 1.1 / 1.149 - 1 = -0.042645779.
     * Carbon: 9.0e6 / 765 000 = 11.764705882; 9.5e6 / 878 985 = 10.807920499;
     * change = (9.5 / 9.0) / 1.149 - 1 = -0.081326758. */
    Scenario s;
    memset(&s, 0, sizeof s);
    s.economy.gdp_base_yi_yuan = 76.5;
    s.economy.growth_frac = (Schedule){ .n = 1, .year = {2021}, .value = {0.149} };
    AnnualRow rows[2];
    memset(rows, 0, sizeof rows);
    rows[0].year = 2020; rows[0].energy_consumption_mtce = 3.0; rows[0].co2_mt = 9.0;
    rows[1].year = 2021; rows[1].energy_consumption_mtce = 3.3; rows[1].co2_mt = 9.5;
    acct_period(&s, rows, 2);
    CU_ASSERT_DOUBLE_EQUAL(rows[0].gdp_yi_yuan, 76.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].gdp_yi_yuan, 87.8985, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(rows[0].energy_intensity_tce_per_10k_yuan, 3.921568627450980, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_tce_per_10k_yuan, 3.754330278673697, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[0].energy_intensity_change_frac, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_change_frac, -0.042645778938207, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[0].carbon_intensity_t_per_10k_yuan, 11.764705882352942, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].carbon_intensity_t_per_10k_yuan, 10.807920499212159, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].carbon_intensity_change_frac, -0.081326757566966, TOL);
}

static void paper_county_intensity(void)
{
    /* The one-year county end to end: 3.79165 Mtce / 76.5 亿元 x 100
     * = 4.956405229 tce/万元; 10.249 Mt / 76.5 x 100 = 13.397385621 t/万元. */
    Scenario s;
    AnnualRow r;
    paper_county(&s, &r);
    acct_year(&s, &r);
    acct_period(&s, &r, 1);
    CU_ASSERT_DOUBLE_EQUAL(r.gdp_yi_yuan, 76.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_intensity_tce_per_10k_yuan, 4.956405228758170, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.carbon_intensity_t_per_10k_yuan, 13.397385620915033, TOL);
    CU_ASSERT_DOUBLE_EQUAL(r.energy_intensity_change_frac, 0, 0);
}

static void period_edges(void)
{
    Scenario s;
    memset(&s, 0, sizeof s);
    s.economy.gdp_base_yi_yuan = 100;
    s.economy.growth_frac = (Schedule){ .n = 1, .year = {2020}, .value = {0.10} };
    AnnualRow rows[2];
    memset(rows, 0, sizeof rows);
    /* A gap 2020 -> 2022 compounds both years: 100 x 1.1 x 1.1 = 121. */
    rows[0].year = 2020; rows[1].year = 2022;
    /* Net-exchange CO2 of a net exporter: -2 Mt, then -3.63 Mt. Intensity
     * -2 t/万元 then -3.63 / 121 x 100 = -3 t/万元: it fell by half of |base|,
     * so change = (-3 - -2) / |-2| = -0.5 (a plain ratio would say +0.5). */
    rows[0].co2_mt = -2.0; rows[1].co2_mt = -3.63;
    /* Zero consumption both years: no change, 0 rather than 0/0. */
    acct_period(&s, rows, 2);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].gdp_yi_yuan, 121, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].carbon_intensity_t_per_10k_yuan, -3.0, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].carbon_intensity_change_frac, -0.5, TOL);
    CU_ASSERT_DOUBLE_EQUAL(rows[1].energy_intensity_change_frac, 0, 0);
    /* Zero base, non-zero later: undefined -> NaN, for the finiteness guard. */
    rows[1].energy_consumption_mtce = 1.0;
    acct_period(&s, rows, 2);
    CU_ASSERT(isnan(rows[1].energy_intensity_change_frac));
    /* GDP of 0 (invalid config): intensities NaN, never a made-up number. */
    s.economy.gdp_base_yi_yuan = 0;
    acct_period(&s, rows, 2);
    CU_ASSERT(isnan(rows[0].energy_intensity_tce_per_10k_yuan));
}

void register_test_accounting(void);
void register_test_accounting(void)
{
    CU_pSuite s = CU_add_suite("test_accounting", NULL, NULL);
    CU_add_test(s, "coal to tce", coal_tce);
    CU_add_test(s, "production, both methods", production_methods);
    CU_add_test(s, "production capacity", production_capacity);
    CU_add_test(s, "consumption and identity", consumption_identity);
    CU_add_test(s, "CO2 scopes", co2_scopes);
    CU_add_test(s, "coal-equivalent factor by year", factor_schedule);
    CU_add_test(s, "GDP and intensities, two years", gdp_two_years);
    CU_add_test(s, "paper county intensities", paper_county_intensity);
    CU_add_test(s, "period edge cases", period_edges);
}
