/* test_coal.c — fleet aggregation and mining output worked by hand. */
#include <CUnit/CUnit.h>

#include "coal.h"

/* A: 600 MW 2015-, B: 350 MW 2022-, C: 200 MW 2000-2022 (retired 1 Jan 2023). */
static CoalPowerParams fleet(void)
{
    CoalPowerParams p = { .n_units = 3 };
    p.units[0] = (CoalUnit){ .name = "A", .capacity_mw = 600, .commission_year = 2015,
                             .min_load_frac = 0.4, .ramp_frac_per_h = 0.02, .heat_rate_gce_per_kwh = 300 };
    p.units[1] = (CoalUnit){ .name = "B", .capacity_mw = 350, .commission_year = 2022,
                             .min_load_frac = 0.5, .ramp_frac_per_h = 0.03, .heat_rate_gce_per_kwh = 320 };
    p.units[2] = (CoalUnit){ .name = "C", .capacity_mw = 200, .commission_year = 2000, .retire_year = 2023,
                             .min_load_frac = 0.6, .ramp_frac_per_h = 0.01, .heat_rate_gce_per_kwh = 380 };
    return p;
}

static void fleet_by_year(void)
{
    CoalPowerParams p = fleet();
    CoalFleetYear f;
    /* 2021: A + C. cap 800; min 0.4x600 + 0.6x200 = 240 + 120 = 360;
     * ramp 0.02x600 + 0.01x200 = 12 + 2 = 14;
     * heat (300x600 + 380x200) / 800 = (180000 + 76000) / 800 = 320
     * (the plain mean of 300 and 380 would be 340). */
    coal_fleet_year(&p, 2021, &f);
    CU_ASSERT_EQUAL(f.n_units, 2);
    CU_ASSERT_DOUBLE_EQUAL(f.capacity_mw, 800, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.min_mw, 360, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.ramp_mw_per_h, 14, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.heat_rate_gce_per_kwh, 320, 1e-12);
    /* 2022: B joins. cap 1150; min 360 + 175 = 535; ramp 14 + 10.5 = 24.5;
     * heat (256000 + 320x350) / 1150 = 368000 / 1150 = 320. */
    coal_fleet_year(&p, 2022, &f);
    CU_ASSERT_EQUAL(f.n_units, 3);
    CU_ASSERT_DOUBLE_EQUAL(f.capacity_mw, 1150, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.min_mw, 535, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.ramp_mw_per_h, 24.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.heat_rate_gce_per_kwh, 320, 1e-12);
    /* 2023: C retired on 1 Jan. cap 950; min 240 + 175 = 415; ramp 22.5;
     * heat (180000 + 112000) / 950 = 307.368. */
    coal_fleet_year(&p, 2023, &f);
    CU_ASSERT_EQUAL(f.n_units, 2);
    CU_ASSERT_DOUBLE_EQUAL(f.capacity_mw, 950, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.min_mw, 415, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.ramp_mw_per_h, 22.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.heat_rate_gce_per_kwh, 292000.0 / 950.0, 1e-12);
    /* 1990: nothing in service; the heat rate is 0, not 0/0. */
    coal_fleet_year(&p, 1990, &f);
    CU_ASSERT_EQUAL(f.n_units, 0);
    CU_ASSERT_DOUBLE_EQUAL(f.capacity_mw, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(f.heat_rate_gce_per_kwh, 0, 0);
}

static void mining_output(void)
{
    CoalMiningParams p = {
        .capacity_mt = { .n = 2, .year = {2020, 2025}, .value = {30, 60} },
        .utilisation_frac = { .n = 2, .year = {2020, 2025}, .value = {0.8, 0.9} },
    };
    /* 2021 at year start: 36 Mt x 0.82 = 29.52 Mt. */
    CU_ASSERT_DOUBLE_EQUAL(coal_mining_output_mt(&p, 2021, 0), 29.52, 1e-12);
    /* Monthly: with t = (m - 0.5)/12, cap = 30 + 6t, util = 0.8 + 0.02t,
     * product 24 + 5.4t + 0.12t^2. Mean t = 0.5; mean t^2 =
     * sum (m - 0.5)^2 / (144 x 12) = 575 / 1728. Mean = 24 + 2.7 + 0.12 x
     * 575/1728 = 26.739931 (the product of the means would be 33 x 0.81 = 26.73). */
    CU_ASSERT_DOUBLE_EQUAL(coal_mining_output_mt(&p, 2021, 1), 26.7 + 0.12 * 575.0 / 1728.0, 1e-12);
    /* Unchanged schedules: monthly equals year start (2030, both held). */
    CU_ASSERT_DOUBLE_EQUAL(coal_mining_output_mt(&p, 2030, 1), 54, 1e-12);
}

static void tce_factor(void)
{
    CoalMiningParams p = { .calorific_kcal_per_kg = 5500 };
    CU_ASSERT_DOUBLE_EQUAL(coal_tce_per_t(&p), 0.7857, 1e-4);   /* 5500 / 7000 = 0.785714 */
    CU_ASSERT_DOUBLE_EQUAL(coal_tce_per_t(&p), 5500.0 / 7000.0, 1e-15);
    p.calorific_kcal_per_kg = 0;                                /* national default */
    CU_ASSERT_DOUBLE_EQUAL(coal_tce_per_t(&p), 0.7143, 0);
}

/* Called by the generated runner (run_unit.c). */
void register_test_coal(void);

void register_test_coal(void)
{
    CU_pSuite s = CU_add_suite("test_coal", NULL, NULL);
    CU_add_test(s, "fleet by year", fleet_by_year);
    CU_add_test(s, "mining output", mining_output);
    CU_add_test(s, "tce per tonne", tce_factor);
}
