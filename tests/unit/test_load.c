/* test_load.c — the synthetic load profile: exact annual energy, flat
 * industrial share, peak and trough hours, seasonal swing. The template's
 * day sums by hand to 6.15 + 5.88 + 7.06 = 19.09 (three rows of load.c). */
#include <CUnit/CUnit.h>
#include <math.h>

#include "calendar.h"
#include "load.h"

static double year_sum(const double *x, int n)
{
    double s = 0;
    for (int h = 0; h < n; h++) s += x[h];
    return s;
}

static void sums_to_annual(void)
{
    Calendar cal;
    double load[ECSIM_MAX_HOURS];
    LoadParams p = { .industrial_share_frac = 0.3, .seasonal_amp_frac = 0.2, .evening_peak_hour = 20 };
    calendar_year_init(&cal, 2023);
    load_year(&p, &cal, 4.2e6, load);
    CU_ASSERT_DOUBLE_EQUAL(year_sum(load, cal.hours), 4.2e6, 4.2e6 * 1e-12);
    calendar_year_init(&cal, 2024);                    /* 8784 hours */
    p.evening_peak_hour = 19.5;
    load_year(&p, &cal, 4.2e6, load);
    CU_ASSERT_DOUBLE_EQUAL(year_sum(load, cal.hours), 4.2e6, 4.2e6 * 1e-12);
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_FATAL(load[h] > 0);
    load_year(&p, &cal, 0, load);                      /* no demand, no load */
    CU_ASSERT_DOUBLE_EQUAL(year_sum(load, cal.hours), 0, 0);
}

static void flat_when_all_industrial(void)
{
    Calendar cal;
    double load[ECSIM_MAX_HOURS];
    LoadParams p = { .industrial_share_frac = 1.0, .seasonal_amp_frac = 0.3, .evening_peak_hour = 20 };
    calendar_year_init(&cal, 2023);
    load_year(&p, &cal, 876000, load);                 /* 876000 / 8760 = 100 MW */
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_DOUBLE_EQUAL(load[h], 100, 1e-12);
}

static void daily_shape(void)
{
    Calendar cal;
    double load[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    /* No flat part, no season: load = annual x template / (365 x 19.09).
     * annual = 365 x 19.09 x 100 puts the peak at exactly 100 MW. */
    LoadParams p = { .industrial_share_frac = 0, .seasonal_amp_frac = 0, .evening_peak_hour = 20 };
    const double annual = 365 * 19.09 * 100;
    load_year(&p, &cal, annual, load);
    int day = 100 * 24;                                /* any day */
    CU_ASSERT_DOUBLE_EQUAL(load[day + 20], 100, 1e-9); /* peak at 20:00 */
    CU_ASSERT_DOUBLE_EQUAL(load[day + 4], 55, 1e-9);   /* trough 8 h later, 0.55 */
    CU_ASSERT_DOUBLE_EQUAL(load[day + 13], 84, 1e-9);  /* 17 h after: 0.84 */
    for (int hd = 0; hd < 24; hd++)
        if (hd != 20) CU_ASSERT(load[day + hd] < load[day + 20]);
    /* Half industrial: flat 0.5 x annual / 8760 = 79.5417 MW under a shaped
     * half whose peak is 0.5 x annual / (365 x 19.09) = 50 MW. */
    p.industrial_share_frac = 0.5;
    load_year(&p, &cal, annual, load);
    CU_ASSERT_DOUBLE_EQUAL(load[day + 20], 0.5 * annual / 8760 + 50, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(load[day + 4], 0.5 * annual / 8760 + 27.5, 1e-9);
    /* The peak moves with evening_peak_hour: 18 -> the maximum at 18:00 and
     * the trough at 02:00. */
    p.evening_peak_hour = 18;
    load_year(&p, &cal, annual, load);
    int best = 0, worst = 0;
    for (int hd = 1; hd < 24; hd++) {
        if (load[day + hd] > load[day + best]) best = hd;
        if (load[day + hd] < load[day + worst]) worst = hd;
    }
    CU_ASSERT_EQUAL(best, 18);
    CU_ASSERT_EQUAL(worst, 2);
}

static void seasonal_swing(void)
{
    Calendar cal;
    double load[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    LoadParams p = { .industrial_share_frac = 0, .seasonal_amp_frac = 0.2, .evening_peak_hour = 20 };
    load_year(&p, &cal, 1e6, load);
    /* Same hour, 15 January (doy 15) against 16 July (doy 197):
     * (1 + 0.2) / (1 + 0.2 cos(2 pi 182 / 365)) = 1.2 / (1 - 0.2 cos(pi / 365))
     * = 1.2 / 0.8000074 = 1.499986. */
    double jan = load[14 * 24 + 20], jul = load[196 * 24 + 20];
    CU_ASSERT_DOUBLE_EQUAL(jan / jul, 1.499986109797226, 1e-12);
    /* Winter high: January's hours carry more energy than July's. */
    double s_jan = 0, s_jul = 0;
    for (int h = cal.month_first_hour[0]; h < cal.month_first_hour[1]; h++) s_jan += load[h];
    for (int h = cal.month_first_hour[6]; h < cal.month_first_hour[7]; h++) s_jul += load[h];
    CU_ASSERT(s_jan > 1.4 * s_jul);
}

/* Heating and cooling by hand: day 0 has a mean of 8 C (hours alternate
 * 5 and 11 C), day 1 a mean of 30 C, every other day 20 C. Heating 10
 * MW/C below 18 C adds 10 x (18 - 8) = 100 MW to each hour of day 0;
 * cooling 5 MW/C above 26 C adds 5 x (30 - 26) = 20 MW to day 1; 20 C is
 * between the bases, nothing. With both slopes 0 nothing changes. */
static void temperature_terms(void)
{
    Calendar cal;
    static double load[ECSIM_MAX_HOURS], temp[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    for (int h = 0; h < cal.hours; h++) {
        load[h] = 50.0;
        temp[h] = 20.0;
    }
    for (int k = 0; k < 24; k++) {
        temp[k] = k % 2 ? 11.0 : 5.0;
        temp[24 + k] = 30.0;
    }
    LoadParams p = { .heating_mw_per_c = 0, .heating_base_c = 18, .cooling_mw_per_c = 0, .cooling_base_c = 26 };
    load_add_temperature(&p, &cal, temp, load);
    for (int h = 0; h < cal.hours; h++) CU_ASSERT_EQUAL_FATAL(load[h], 50.0);
    p.heating_mw_per_c = 10.0;
    p.cooling_mw_per_c = 5.0;
    load_add_temperature(&p, &cal, temp, load);
    for (int k = 0; k < 24; k++) {
        CU_ASSERT_DOUBLE_EQUAL(load[k], 150.0, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(load[24 + k], 70.0, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(load[48 + k], 50.0, 1e-9);
    }
    double sum = year_sum(load, cal.hours);
    CU_ASSERT_DOUBLE_EQUAL(sum, 50.0 * 8760 + 24 * 100 + 24 * 20, 1e-6);
}

/* Called by the generated runner (run_unit.c). */
void register_test_load(void);

void register_test_load(void)
{
    CU_pSuite s = CU_add_suite("test_load", NULL, NULL);
    CU_add_test(s, "year sums to the annual energy", sums_to_annual);
    CU_add_test(s, "flat when all industrial", flat_when_all_industrial);
    CU_add_test(s, "daily shape and peak hour", daily_shape);
    CU_add_test(s, "seasonal swing", seasonal_swing);
    CU_add_test(s, "heating and cooling by the day's mean temperature", temperature_terms);
}
