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


/* Unit commitment's fleet figures, on fleet() in 2022 (A, B, C in service)
 * with A: must_run 0.5, start 0.2 tce/MW, up 8 h, down 4 h; B: start 0.1,
 * up 6.5 h (rounds up to 7), down 10 h; C: nothing set.
 *   min_frac = 535 / 1150; steam floor 0.5 x 600 = 300;
 *   start-up fuel (0.2 x 600 + 0.1 x 350) / 1150 = 155 / 1150 tce/MW;
 *   min up = max(8, 7) = 8, min down = max(4, 10) = 10. */
static void commitment_figures(void)
{
    CoalPowerParams p = fleet();
    p.units[0].must_run_frac = 0.5;
    p.units[0].startup_tce_per_mw = 0.2;
    p.units[0].min_up_h = 8;
    p.units[0].min_down_h = 4;
    p.units[1].startup_tce_per_mw = 0.1;
    p.units[1].min_up_h = 6.5;
    p.units[1].min_down_h = 10;
    CoalFleetYear f;
    coal_fleet_year(&p, 2022, &f);
    CU_ASSERT_DOUBLE_EQUAL(f.min_frac, 535.0 / 1150.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(f.steam_floor_mw, 300, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f.startup_tce_per_mw, 155.0 / 1150.0, 1e-15);
    CU_ASSERT_EQUAL(f.min_up_h, 8);
    CU_ASSERT_EQUAL(f.min_down_h, 10);
    coal_fleet_year(&p, 1990, &f);   /* no fleet: no division by 0 */
    CU_ASSERT_DOUBLE_EQUAL(f.min_frac, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(f.startup_tce_per_mw, 0, 0);
}

/* The part-load curve 0.3 0.4 0.5 0.75 1.0 -> 1.15 1.10 1.06 1.02 1.00 and a
 * unit of 600 MW at 300 gce/kWh:
 *   at 100 % (600 MW) an hour burns 600 MWh x 300 g/kWh = 180 t;
 *   at 50 % (300 MW of 600 committed) 300 x 300 x 1.06 / 1000 = 95.4 t
 *   (a flat heat rate would say 90 t);
 *   at 60 %: factor 1.06 + (1.02 - 1.06) x 0.1 / 0.25 = 1.044;
 *   at 20 % (below the curve) the end value 1.15, at 100 % exactly 1.
 * Ten hours at each of 50 % and 100 %: 954 + 1800 = 2754 t for 9000 MWh,
 * an average 306 gce/kWh. */
static void part_load_heat_rate(void)
{
    CoalPowerParams p = { 0 };
    const double xs[COAL_CURVE_POINTS] = { 0.3, 0.4, 0.5, 0.75, 1.0 };
    const double fs[COAL_CURVE_POINTS] = { 1.15, 1.10, 1.06, 1.02, 1.00 };
    for (int i = 0; i < COAL_CURVE_POINTS; i++) {
        p.part_load_frac[i] = xs[i];
        p.part_load_factor[i] = fs[i];
    }
    CU_ASSERT_FALSE(coal_part_load_flat(&p));
    CU_ASSERT_DOUBLE_EQUAL(coal_part_load_factor(&p, 0.6), 1.044, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(coal_part_load_factor(&p, 0.2), 1.15, 0);
    CU_ASSERT_DOUBLE_EQUAL(coal_part_load_factor(&p, 1.0), 1.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(coal_part_load_factor(&p, 0.4), 1.10, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(coal_hour_tce(&p, 300, 600, 600), 180, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(coal_hour_tce(&p, 300, 300, 600), 95.4, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(coal_hour_tce(&p, 300, 0, 600), 0, 0);
    double tce = 0, mwh = 0;
    for (int h = 0; h < 10; h++) {
        tce += coal_hour_tce(&p, 300, 300, 600) + coal_hour_tce(&p, 300, 600, 600);
        mwh += 900;
    }
    CU_ASSERT_DOUBLE_EQUAL(tce, 2754, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(tce * 1000 / mwh, 306, 1e-9);
    for (int i = 0; i < COAL_CURVE_POINTS; i++) p.part_load_factor[i] = 1;
    CU_ASSERT_TRUE(coal_part_load_flat(&p));
    CU_ASSERT_DOUBLE_EQUAL(coal_hour_tce(&p, 300, 300, 600), 90, 1e-12);
}

/* Called by the generated runner (run_unit.c). */
void register_test_coal(void);

void register_test_coal(void)
{
    CU_pSuite s = CU_add_suite("test_coal", NULL, NULL);
    CU_add_test(s, "fleet by year", fleet_by_year);
    CU_add_test(s, "mining output", mining_output);
    CU_add_test(s, "tce per tonne", tce_factor);
    CU_add_test(s, "unit commitment's fleet figures", commitment_figures);
    CU_add_test(s, "part-load heat rate", part_load_heat_rate);
}
