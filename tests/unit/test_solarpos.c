/* test_solarpos.c — sun position, sunrise/sunset and the sun table against
 * published values (NREL SPA report, NOAA calculator, USNO tables) and
 * hand arithmetic. Each expected number says where it comes from. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"
#include "solarpos.h"

#define MINUTE_H (1.0 / 60.0)
#define DEG2RAD (3.14159265358979323846 / 180.0)

/* Reda & Andreas (2004), NREL/TP-560-34302, the report's worked example:
 * 17 Oct 2003 12:30:30 local, UTC-7, lat 39.742476, lon -105.1786,
 * elevation 1830.14 m, 820 mbar, 11 C -> topocentric zenith 50.11162 deg,
 * azimuth 194.34024 deg. The report uses Delta T = 67 s; solarpos uses the
 * Espenak-Meeus polynomial (64.5 s for 2003), which moves the sun by
 * ~3e-5 deg: hence 1e-4 deg rather than the report's last digit. */
static void spa_report_example(void)
{
    SunPos p;
    solarpos_compute(2003, 10, 17, 12.0 + 30.0 / 60.0 + 30.0 / 3600.0, -7.0,
                     39.742476, -105.1786, 1830.14, 820.0, 11.0, &p);
    CU_ASSERT_DOUBLE_EQUAL(p.zenith_deg, 50.11162, 1e-4);
    CU_ASSERT_DOUBLE_EQUAL(p.azimuth_deg, 194.34024, 1e-4);
    CU_ASSERT_DOUBLE_EQUAL(p.elevation_deg, 90.0 - 50.11162, 1e-4);
}

/* NOAA Solar Calculator (gml.noaa.gov/grad/solcalc), 22 Dec 2012 12:00 UTC
 * at longitude 0, latitudes -41, -3, 3, 41, as quoted in J. O'Brien's
 * Stack Overflow answer "Position of the sun given time of day, latitude and
 * longitude" (2012). NOAA's refraction is for standard conditions, which
 * SPA's formula reproduces with 1010 mbar and 10 C. Tolerance: the values
 * are rounded to 0.01 deg (0.1 deg for the last latitude). */
static void noaa_calculator(void)
{
    static const double lat[4] = {-41, -3, 3, 41};
    static const double elev[4] = {72.44, 69.57, 63.57, 25.6};
    static const double azim[4] = {359.09, 180.79, 180.62, 180.3};
    static const double tol[4] = {0.01, 0.01, 0.01, 0.05};
    for (int i = 0; i < 4; i++) {
        SunPos p;
        solarpos_compute(2012, 12, 22, 12.0, 0.0, lat[i], 0.0, 0.0, 1010.0, 10.0, &p);
        CU_ASSERT_DOUBLE_EQUAL(p.elevation_deg, elev[i], tol[i]);
        CU_ASSERT_DOUBLE_EQUAL(p.azimuth_deg, azim[i], tol[i]);
    }
}

/* US Naval Observatory sunrise/sunset tables for 2015 (to the minute), as
 * recorded in pvlib-python's tests/test_spa.py: Beijing (39.917 N, 116.383 E,
 * UTC+8) and Golden (39 N, 105 W, UTC-7). Tolerance one minute: the tables
 * round to the minute. */
static void usno_sunrise_sunset(void)
{
    static const struct { double lat, lon, tz; int month; int rise_hm, set_hm; } c[] = {
        {39.917, 116.383, 8, 1, 736, 1700}, {39.917, 116.383, 8, 4, 558, 1839},
        {39.917, 116.383, 8, 8, 513, 1928}, {39.917, 116.383, 8, 12, 717, 1650},
        {39.0, -105.0, -7, 1, 719, 1649}, {39.0, -105.0, -7, 4, 543, 1824},
        {39.0, -105.0, -7, 8, 501, 1910}, {39.0, -105.0, -7, 12, 701, 1638},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        double rise, set;
        solarpos_sunrise_sunset(2015, c[i].month, 2, c[i].tz, c[i].lat, c[i].lon, &rise, &set);
        CU_ASSERT_DOUBLE_EQUAL(rise, c[i].rise_hm / 100 + (c[i].rise_hm % 100) / 60.0, MINUTE_H);
        CU_ASSERT_DOUBLE_EQUAL(set, c[i].set_hm / 100 + (c[i].set_hm % 100) / 60.0, MINUTE_H);
    }
}

/* Polar day and night at Longyearbyen (78.2 N): the sun's declination,
 * +23.4 deg in June and -23.4 deg in December, exceeds 90 - 78.2 - 0.83 deg
 * in magnitude, so it never sets resp. never rises (the header's 0/24 and
 * 99/-99 conventions). */
static void polar_day_night(void)
{
    double rise, set;
    solarpos_sunrise_sunset(2021, 6, 21, 1.0, 78.2, 15.6, &rise, &set);
    CU_ASSERT_EQUAL(rise, 0.0);
    CU_ASSERT_EQUAL(set, 24.0);
    solarpos_sunrise_sunset(2021, 12, 21, 1.0, 78.2, 15.6, &rise, &set);
    CU_ASSERT_EQUAL(rise, 99.0);
    CU_ASSERT_EQUAL(set, -99.0);
}

/* Solar noon at Yiwu (94.7 E) on Beijing time (UTC+8), DESIGN §2: mean
 * solar noon is 12:00 + (120 - 94.7) deg x 4 min/deg = 13:41.2, and on
 * 13 June the equation of time crosses zero, so the sun transits within a
 * minute or two of 13:41. Checked two ways: the midpoint of sunrise and
 * sunset, and the azimuth crossing 180 deg. */
static void solar_noon_beijing_time(void)
{
    const double lat = 43.26, lon = 94.7, noon = 12.0 + (120.0 - lon) / 15.0;
    double rise, set;
    solarpos_sunrise_sunset(2024, 6, 13, 8.0, lat, lon, &rise, &set);
    CU_ASSERT_DOUBLE_EQUAL(0.5 * (rise + set), noon, 2 * MINUTE_H);
    SunPos before, after;
    solarpos_compute(2024, 6, 13, noon - 3 * MINUTE_H, 8.0, lat, lon, 0.0, 1013.25, 15.0, &before);
    solarpos_compute(2024, 6, 13, noon + 3 * MINUTE_H, 8.0, lat, lon, 0.0, 1013.25, 15.0, &after);
    CU_ASSERT(before.azimuth_deg < 180.0);
    CU_ASSERT(after.azimuth_deg > 180.0);
}

/* 1367 (1 + 0.033 cos(2 pi doy / 365)) by hand: doy 1 -> 1412.104,
 * doy 183 -> 1321.891 W/m2. */
static void extraterrestrial(void)
{
    CU_ASSERT_DOUBLE_EQUAL(solarpos_extra_normal(1), 1412.104, 1e-3);
    CU_ASSERT_DOUBLE_EQUAL(solarpos_extra_normal(183), 1321.891, 1e-3);
}

/* The sun tables' test site, and the pressure its tables use for
 * refraction: the ICAO standard atmosphere, 1013.25 (1 - 2.25577e-5 h)^5.25588. */
static const Site TABLE_SITE = {"yiwu", 43.26, 94.7, 1700.0, 8.0};
static double table_site_mbar(void) { return 1013.25 * pow(1.0 - 2.25577e-5 * 1700.0, 5.25588); }

/* The table covers the calendar year, evaluates fully sunlit hours at
 * hh:30 and the sunrise hour at the midpoint of sunrise and the end of the
 * hour (SAM's rule, reference notes §6.1), with standard-atmosphere
 * pressure and 15 C for refraction; night hours have cos_zenith = 0. */
static void suntable_rules(void)
{
    SunTable *t = malloc(sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    const Site site = TABLE_SITE;
    const double p_mbar = table_site_mbar();

    suntable_build(t, &site, 2023);
    CU_ASSERT_EQUAL(t->hours, 8760);
    suntable_build(t, &site, 2024);
    CU_ASSERT_EQUAL(t->year, 2024);
    CU_ASSERT_EQUAL(t->hours, 8784);

    /* 13 June 2024 is day 165 of the leap year: hours 164*24 ... */
    const int h0 = 164 * 24;
    double rise, set;
    solarpos_sunrise_sunset(2024, 6, 13, 8.0, site.latitude_deg, site.longitude_deg, &rise, &set);
    int kr = (int)floor(rise), ks = (int)floor(set);
    for (int k = 0; k < 24; k++) {
        int h = h0 + k;
        int up = k >= kr && k <= ks;
        CU_ASSERT_EQUAL(t->sun_up[h], up);
        if (!up) {   /* the night's place is not computed: the documented values */
            CU_ASSERT_EQUAL(t->cos_zenith[h], 0.0);
            CU_ASSERT_EQUAL(t->zenith_deg[h], SUN_NIGHT_ZENITH_DEG);
            CU_ASSERT_EQUAL(t->azimuth_deg[h], 0.0);
            continue;
        }
        double when = k == kr ? 0.5 * (rise + kr + 1) : k == ks ? 0.5 * (ks + set) : k + 0.5;
        SunPos p;
        solarpos_compute(2024, 6, 13, when, 8.0, site.latitude_deg, site.longitude_deg,
                         site.elevation_m, p_mbar, 15.0, &p);
        /* The table interpolates a daily ephemeris: same sun to < 1e-4 deg. */
        CU_ASSERT_DOUBLE_EQUAL(t->zenith_deg[h], p.zenith_deg, 1e-4);
        CU_ASSERT_DOUBLE_EQUAL(t->azimuth_deg[h], p.azimuth_deg, 1e-4);
        CU_ASSERT_DOUBLE_EQUAL(t->cos_zenith[h], cos(p.zenith_deg * DEG2RAD), 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(t->extra_normal_wm2[h], solarpos_extra_normal(165), 1e-9);
    }
    /* Sun well up at 13:30 (zenith near 90 - (90 - 43.26 + 23.2) = 20 deg). */
    CU_ASSERT(t->zenith_deg[h0 + 13] < 21.0 && t->zenith_deg[h0 + 13] > 19.0);

    /* Polar night: no sun-up hour on 21 December at 78.2 N; polar day on 21 June. */
    const Site svalbard = {"lyb", 78.2, 15.6, 10.0, 1.0};
    suntable_build(t, &svalbard, 2021);
    int up_dec = 0, up_jun = 0;
    for (int k = 0; k < 24; k++) {
        up_dec += t->sun_up[354 * 24 + k];
        up_jun += t->sun_up[171 * 24 + k];
    }
    CU_ASSERT_EQUAL(up_dec, 0);
    CU_ASSERT_EQUAL(up_jun, 24);
    free(t);
}

/* A whole year's table against SPA evaluated directly at each sunlit hour's
 * time (the table interpolates a daily ephemeris whose periodic terms are
 * carried from day to day by rotation, solarpos.c): every sunlit hour of a
 * leap year within 1e-5 deg in zenith and azimuth (measured 2.6e-6 and
 * 3.6e-6, the daily interpolation's error; the same with every node evaluated
 * directly), where SPA itself is good to 3e-4 deg. */
static void suntable_whole_year(void)
{
    SunTable *t = malloc(sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    const Site site = TABLE_SITE;
    const double p_mbar = table_site_mbar();
    suntable_build(t, &site, 2024);
    double worst_z = 0, worst_a = 0;
    int n = 0, h = 0;
    for (int m = 1; m <= 12; m++)
        for (int d = 1; d <= calendar_days_in_month(2024, m); d++, h += 24) {
            double rise, set;
            solarpos_sunrise_sunset(2024, m, d, 8.0, site.latitude_deg, site.longitude_deg, &rise, &set);
            for (int k = (int)ceil(rise); k + 1 <= (int)floor(set); k++) {   /* fully sunlit hours */
                SunPos p;
                solarpos_compute(2024, m, d, k + 0.5, 8.0, site.latitude_deg, site.longitude_deg,
                                 site.elevation_m, p_mbar, 15.0, &p);
                CU_ASSERT_EQUAL(t->sun_up[h + k], 1);
                worst_z = fmax(worst_z, fabs(t->zenith_deg[h + k] - p.zenith_deg));
                worst_a = fmax(worst_a, fabs(t->azimuth_deg[h + k] - p.azimuth_deg));
                n++;
            }
        }
    CU_ASSERT_EQUAL(h, 8784);
    CU_ASSERT(n > 4000);
    CU_ASSERT(worst_z < 1e-5);
    CU_ASSERT(worst_a < 1e-5);
    if (!(worst_z < 1e-5 && worst_a < 1e-5))
        printf("\n  suntable vs SPA: worst zenith %.3g deg, azimuth %.3g deg\n", worst_z, worst_a);
    free(t);
}

void register_test_solarpos(void);
void register_test_solarpos(void)
{
    CU_pSuite s = CU_add_suite("test_solarpos", NULL, NULL);
    CU_add_test(s, "SPA report example", spa_report_example);
    CU_add_test(s, "NOAA calculator", noaa_calculator);
    CU_add_test(s, "USNO sunrise/sunset", usno_sunrise_sunset);
    CU_add_test(s, "polar day and night", polar_day_night);
    CU_add_test(s, "solar noon in Beijing time at 94.7E", solar_noon_beijing_time);
    CU_add_test(s, "extraterrestrial irradiance", extraterrestrial);
    CU_add_test(s, "sun table rules", suntable_rules);
    CU_add_test(s, "sun table: a year against SPA", suntable_whole_year);
}
