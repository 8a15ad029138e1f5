/* test_storage.c — battery steps against a closed-form cycle: round trip
 * 0.81 -> eta 0.9 each way, window and power limits, self-discharge. */
#include <CUnit/CUnit.h>
#include <math.h>

#include "storage.h"

/* 100 MW x 4 h, window 10-90 %, RTE 0.81, 0.1 %/h self-discharge. */
static StorageParams params(void)
{
    StorageParams p = { .duration_h = 4, .roundtrip_eff_frac = 0.81, .soc_min_frac = 0.1,
                        .soc_max_frac = 0.9, .self_discharge_per_h_frac = 0.001,
                        .initial_soc_frac = 0.5 };
    return p;
}

static void limits_from_params(void)
{
    StorageParams p = params();
    DispatchLimits lim = { .coal_max_mw = 123 };
    storage_limits(&p, 100, &lim);
    CU_ASSERT_DOUBLE_EQUAL(lim.storage_power_mw, 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(lim.soc_min_mwh, 40, 1e-12);     /* 0.1 x 400 MWh */
    CU_ASSERT_DOUBLE_EQUAL(lim.soc_max_mwh, 360, 1e-12);    /* 0.9 x 400 MWh */
    CU_ASSERT_DOUBLE_EQUAL(lim.eta_charge, 0.9, 1e-15);     /* sqrt(0.81) */
    CU_ASSERT_DOUBLE_EQUAL(lim.eta_discharge, 0.9, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(lim.keep_per_h, 0.999, 1e-15);   /* 1 - 0.001 */
    CU_ASSERT_DOUBLE_EQUAL(lim.coal_max_mw, 123, 0);        /* other fields untouched */
    CU_ASSERT_DOUBLE_EQUAL(storage_initial_soc(&p, 100), 200, 1e-12);   /* 0.5 x 400 */
    p.initial_soc_frac = 0.05;                                          /* below the window */
    CU_ASSERT_DOUBLE_EQUAL(storage_initial_soc(&p, 100), 40, 1e-12);
}

/* Empty (40 MWh) -> full (360) -> empty at 100 MW offers and requests. */
static void full_cycle(void)
{
    const double P = 100, lo = 40, hi = 360, eta = 0.9;
    double soc = lo, in = 0, out = 0, a;
    /* Charging: +100 x 0.9 = +90 MWh per hour: 40 -> 130 -> 220 -> 310. */
    a = storage_charge(&soc, 100, P, hi, eta);
    CU_ASSERT_DOUBLE_EQUAL(a, 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(soc, 130, 1e-12);
    in += a;
    for (int i = 0; i < 2; i++) in += storage_charge(&soc, 100, P, hi, eta);
    CU_ASSERT_DOUBLE_EQUAL(soc, 310, 1e-12);
    /* Fourth hour: 50 MWh of room -> 50 / 0.9 = 55.556 MW accepted. */
    a = storage_charge(&soc, 100, P, hi, eta);
    CU_ASSERT_DOUBLE_EQUAL(a, 50 / 0.9, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(soc, 360, 0);
    in += a;
    CU_ASSERT_DOUBLE_EQUAL(storage_charge(&soc, 100, P, hi, eta), 0, 0);   /* full */
    /* Discharging: -100 / 0.9 = -111.111 MWh per hour: 360 -> 248.889 -> 137.778. */
    out += storage_discharge(&soc, 100, P, lo, eta);
    CU_ASSERT_DOUBLE_EQUAL(soc, 360 - 100 / 0.9, 1e-9);
    out += storage_discharge(&soc, 100, P, lo, eta);
    CU_ASSERT_DOUBLE_EQUAL(soc, 360 - 200 / 0.9, 1e-9);
    /* Third hour: (137.778 - 40) x 0.9 = 88 MW left above the floor. */
    a = storage_discharge(&soc, 100, P, lo, eta);
    CU_ASSERT_DOUBLE_EQUAL(a, 88, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(soc, 40, 0);
    out += a;
    CU_ASSERT_DOUBLE_EQUAL(storage_discharge(&soc, 100, P, lo, eta), 0, 0);   /* empty */
    /* 300 + 55.556 = 355.556 MWh in, 100 + 100 + 88 = 288 out: 288 / 355.556 = 0.81. */
    CU_ASSERT_DOUBLE_EQUAL(in, 300 + 50 / 0.9, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out, 288, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out / in, 0.81, 1e-12);
}

static void power_limits(void)
{
    double soc = 200;
    /* 150 MW offered, 100 MW converter: 100 accepted, +90 MWh. */
    CU_ASSERT_DOUBLE_EQUAL(storage_charge(&soc, 150, 100, 360, 0.9), 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(soc, 290, 1e-12);
    /* 150 MW requested: 100 delivered, -111.111 MWh. */
    CU_ASSERT_DOUBLE_EQUAL(storage_discharge(&soc, 150, 100, 40, 0.9), 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(soc, 290 - 100 / 0.9, 1e-9);
    /* Nothing offered or requested (or negative): no flow, SOC unchanged. */
    double before = soc;
    CU_ASSERT_DOUBLE_EQUAL(storage_charge(&soc, 0, 100, 360, 0.9), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(storage_charge(&soc, -5, 100, 360, 0.9), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(storage_discharge(&soc, -5, 100, 40, 0.9), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(soc, before, 0);
    /* A battery of 0 MW takes and gives nothing. */
    CU_ASSERT_DOUBLE_EQUAL(storage_charge(&soc, 50, 0, 360, 0.9), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(storage_discharge(&soc, 50, 0, 40, 0.9), 0, 0);
}

static void self_discharge(void)
{
    /* 1 %/h over 24 h from 100 MWh: 100 x 0.99^24 = 78.5678 MWh. */
    double soc = 100;
    for (int h = 0; h < 24; h++) soc = storage_self_discharge(soc, 0.99, 0);
    CU_ASSERT_DOUBLE_EQUAL(soc, 78.56781408072187, 1e-9);
    /* Standing losses stop at the floor: 50.2 x 0.99 = 49.698 < 50 -> 50. */
    CU_ASSERT_DOUBLE_EQUAL(storage_self_discharge(50.2, 0.99, 50), 50, 0);
    CU_ASSERT_DOUBLE_EQUAL(storage_self_discharge(50, 0.99, 50), 50, 0);
    /* No self-discharge: keep = 1 leaves SOC exactly as it was. */
    CU_ASSERT_DOUBLE_EQUAL(storage_self_discharge(123.456, 1.0, 40), 123.456, 0);
}

/* Called by the generated runner (run_unit.c). */
void register_test_storage(void);

void register_test_storage(void)
{
    CU_pSuite s = CU_add_suite("test_storage", NULL, NULL);
    CU_add_test(s, "limits from parameters", limits_from_params);
    CU_add_test(s, "full cycle at eta 0.9", full_cycle);
    CU_add_test(s, "power limits", power_limits);
    CU_add_test(s, "self-discharge", self_discharge);
}
