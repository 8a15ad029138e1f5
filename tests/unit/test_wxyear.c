/* test_wxyear.c — a weather file as simulated years (wxyear.h): the shift
 * to the site's clock, leap days, hub-height selection and the sun of
 * sampled and hour-average records, on WxFile structs filled by hand and
 * numbers worked by hand (each case says how). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "config.h"
#include "schema.h"
#include "sha256.h"
#include "sim.h"
#include "solarpos.h"
#include "wxyear.h"

/* Naomaohu, the base plan's site: 95.13 E, Beijing time. */
static const Site NAOMAOHU = { "Naomaohu", 43.75, 95.13, 480.0, 8.0 };

/* A one-year hour-average file of year `year` at lat/lon/tz whose GHI,
 * DNI and DHI hold the record's index (a marker, not physics), wind k/1000
 * at 10 m. */
static WxFile *marker_file(int year, double lat, double lon, double tz)
{
    WxFile *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    snprintf(f->path, sizeof f->path, "marker.csv");
    f->has_location = 1;
    f->latitude_deg = lat;
    f->longitude_deg = lon;
    f->utc_offset_h = tz;
    f->elevation_m = 250.0;
    f->hours = 8760;
    f->source_step_min = 60;
    f->has = WXF_HAS_GHI | WXF_HAS_DNI | WXF_HAS_DHI | WXF_HAS_TEMP | WXF_HAS_PRESSURE | WXF_HAS_WIND;
    f->n_heights = 1;
    f->height_m[0] = 10.0;
    Calendar *cal = malloc(sizeof *cal);
    if (!cal) { free(f); return NULL; }
    calendar_year_init(cal, year);   /* a common year: 8760 hours */
    for (int k = 0; k < 8760; k++) {
        f->year[k] = (short)year;
        f->month[k] = cal->month[k];
        f->day[k] = cal->day[k];
        f->hour[k] = cal->hour_of_day[k];
        f->ghi_wm2[k] = f->dni_wm2[k] = f->dhi_wm2[k] = k;
        f->temp_c[k] = 10.0;
        f->pressure_pa[k] = 98000.0;
        f->wind_ms[0][k] = k / 1000.0;
    }
    free(cal);
    return f;
}

/* By hand: (lon_file/15 - utc_file) - (lon_site/15 - utc_site).
 * A UTC file at 8 E for a UTC+8 site at 95 E: 8/15 - 0 = 0.5333;
 * 95/15 - 8 = -1.6667; difference 2.2 -> 2 h. The PVGIS file of
 * scenarios/weather-file-proxy.cfg (8 E, UTC) at Naomaohu (95.13 E, +8):
 * 0.5333 - (6.342 - 8) = 2.191 -> 2 h. Its EPW twin on UTC+1: 1.191 -> 1 h.
 * Phoenix (-112.0167 E, -7) at Naomaohu: -7.4678 + 7 + 1.658 = 1.19 -> 1 h.
 * The file at the site on the site's clock: 0. Without coordinates: 0. */
static void shift_by_hand(void)
{
    WxFile *f = calloc(1, sizeof *f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    const Site s95 = { "", 43.75, 95.0, 480.0, 8.0 };
    f->has_location = 1;
    f->longitude_deg = 8.0;
    f->utc_offset_h = 0.0;
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &s95), 2);
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &NAOMAOHU), 2);
    f->utc_offset_h = 1.0;
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &NAOMAOHU), 1);
    f->longitude_deg = -112.016667;
    f->utc_offset_h = -7.0;
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &NAOMAOHU), 1);
    f->longitude_deg = 95.13;
    f->utc_offset_h = 8.0;
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &NAOMAOHU), 0);
    f->has_location = 0;
    f->longitude_deg = 8.0;
    f->utc_offset_h = 0.0;
    CU_ASSERT_EQUAL(wxyear_shift_hours(f, &NAOMAOHU), 0);
    free(f);
}

/* Record k of the UTC file at 8 E lands at hour k + 2 of the UTC+8 site's
 * year, weather and sun together; the last two records of 31 December wrap
 * to hours 0 and 1 of 1 January. Off: record k is hour k. */
static void retime_moves_weather_and_sun(void)
{
    WxFile *f = marker_file(2019, 45.0, 8.0, 0.0);
    WxSource *src = malloc(sizeof *src);
    WeatherYear *wx = malloc(sizeof *wx);
    SunTable *sun = malloc(sizeof *sun);
    Calendar *cal = malloc(sizeof *cal);
    CU_ASSERT_FATAL(f && src && wx && sun && cal);
    const Site s95 = { "", 43.75, 95.0, 480.0, 8.0 };
    WxYearOptions o = { 100.0, 1, 1 };
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &s95, &o, &d), ST_OK);
    CU_ASSERT_EQUAL(src->shift_h, 2);
    CU_ASSERT_EQUAL(src->wind_shift_h, 2);
    calendar_year_init(cal, 2025);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_EQUAL(wx->hours, 8760);
    CU_ASSERT_EQUAL(sun->hours, 8760);
    static const int ks[] = { 0, 1, 12, 4000, 8757 };
    for (int i = 0; i < 5; i++) {
        int k = ks[i];
        CU_ASSERT_EQUAL(wx->ghi_wm2[k + 2], k);
        CU_ASSERT_EQUAL(wx->dni_wm2[k + 2], k);
        CU_ASSERT_DOUBLE_EQUAL(wx->wind_ms[k + 2], k / 1000.0, 1e-12);
        CU_ASSERT_EQUAL(sun->zenith_deg[k + 2], src->sun.zenith_deg[k]);
        CU_ASSERT_EQUAL(sun->sun_up[k + 2], src->sun.sun_up[k]);
    }
    CU_ASSERT_EQUAL(wx->ghi_wm2[0], 8758);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1], 8759);
    /* Noon at 8 E is 11:28 UTC: the sun is highest in record 11 (11:00-12:00
     * UTC) and, shifted, in hour 13 of the site's clock (13:00-14:00 Beijing
     * time, around the site's own solar noon at 13:40). */
    int best = 0;
    for (int h = 0; h < 24; h++)
        if (sun->cos_zenith[h + 24 * 100] > sun->cos_zenith[best + 24 * 100]) best = h;
    CU_ASSERT_EQUAL(best, 13);
    o.retime = 0;
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &s95, &o, &d), ST_OK);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_EQUAL(wx->ghi_wm2[0], 0);
    CU_ASSERT_EQUAL(wx->ghi_wm2[8759], 8759);
    CU_ASSERT_EQUAL(d.n_errors, 0);
    free(f), free(src), free(wx), free(sun), free(cal);
}

/* A 8760-record file in a leap year: hours 0..1415 (to 28 Feb 23:00) are
 * records 0..1415; 29 February (hours 1416..1439) repeats 28 February
 * (records 1392..1415); from 1 March (hour 1440) hour h is record h - 24,
 * to hour 8783 = record 8759. With the 2 h shift, hour 0 is record 8758
 * (8784 - 2 = 8782 in the leap year's own count, minus the extra day). */
static void leap_day_copies_feb28(void)
{
    WxFile *f = marker_file(2019, 45.0, 8.0, 0.0);
    WxSource *src = malloc(sizeof *src);
    WeatherYear *wx = malloc(sizeof *wx);
    SunTable *sun = malloc(sizeof *sun);
    Calendar *cal = malloc(sizeof *cal);
    CU_ASSERT_FATAL(f && src && wx && sun && cal);
    WxYearOptions o = { 100.0, 0, 1 };
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    calendar_year_init(cal, 2024);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_EQUAL(wx->hours, 8784);
    CU_ASSERT_EQUAL(sun->hours, 8784);
    CU_ASSERT_EQUAL(wx->year, 2024);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1415], 1415);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1416], 1392);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1439], 1415);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1440], 1416);
    CU_ASSERT_EQUAL(wx->ghi_wm2[8783], 8759);
    for (int k = 0; k < 24; k++) {
        CU_ASSERT_EQUAL(sun->zenith_deg[1416 + k], sun->zenith_deg[1392 + k]);
        CU_ASSERT_EQUAL(sun->extra_normal_wm2[1416 + k], sun->extra_normal_wm2[1392 + k]);
    }
    o.retime = 1;
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_EQUAL(wx->ghi_wm2[0], 8758);
    CU_ASSERT_EQUAL(wx->ghi_wm2[2], 0);
    CU_ASSERT_EQUAL(wx->ghi_wm2[1418], 1392);   /* 29 Feb 00:00 of the file's clock, + 2 h */
    free(f), free(src), free(wx), free(sun), free(cal);
}

/* SAM's rule with heights 50, 80, 110, 140 m (the AWS Truepower .srw):
 * hub 100: closest 110 (10 m off), the closest on the other side 80;
 * linear in height: v(100) = v80 + (100 - 80) / (110 - 80) (v110 - v80) =
 * 9 + 2/3 * 3 = 11 m/s for v80 = 9, v110 = 12; the weight of 80 m is
 * (100 - 110) / (80 - 110) = 1/3, and the result stands at 100 m.
 * Hub 95, halfway: the first of the two equally close (80) and 10.5 m/s.
 * Hub 80: that column, no interpolation. Hub 150 or 40: outside, the
 * closest height (140, 50), from which the wind model shears. */
static void hub_height_pick(void)
{
    const double h[4] = { 50, 80, 110, 140 }, v[4] = { 8, 9, 12, 13 };
    WxHeightPick p = wxyear_pick_height(h, 4, 100.0);
    CU_ASSERT_EQUAL(p.lo, 2);
    CU_ASSERT_EQUAL(p.hi, 1);
    CU_ASSERT_DOUBLE_EQUAL(p.w, 1.0 / 3.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(p.height_m, 100.0, 0);
    CU_ASSERT_DOUBLE_EQUAL((1 - p.w) * v[p.lo] + p.w * v[p.hi], 11.0, 1e-12);
    p = wxyear_pick_height(h, 4, 95.0);
    CU_ASSERT_EQUAL(p.lo, 1);
    CU_ASSERT_EQUAL(p.hi, 2);
    CU_ASSERT_DOUBLE_EQUAL((1 - p.w) * v[p.lo] + p.w * v[p.hi], 10.5, 1e-12);
    p = wxyear_pick_height(h, 4, 80.0);
    CU_ASSERT(p.lo == 1 && p.hi == 1 && p.w == 0.0 && p.height_m == 80.0);
    p = wxyear_pick_height(h, 4, 150.0);
    CU_ASSERT(p.lo == 3 && p.hi == 3 && p.w == 0.0 && p.height_m == 140.0);
    p = wxyear_pick_height(h, 4, 40.0);
    CU_ASSERT(p.lo == 0 && p.hi == 0 && p.height_m == 50.0);
    const double one[1] = { 10.0 };
    p = wxyear_pick_height(one, 1, 100.0);
    CU_ASSERT(p.lo == 0 && p.hi == 0 && p.height_m == 10.0);
    /* Directions: 10 deg at 110 m, 350 deg at 80 m, weight 1/3 of 80 m:
     * across north, 10 - 20/3 = 3.333 deg; 100 and 200 deg: 133.33 deg. */
    CU_ASSERT_DOUBLE_EQUAL(wxyear_interp_dir(10.0, 350.0, 1.0 / 3.0), 10.0 - 20.0 / 3.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(wxyear_interp_dir(350.0, 10.0, 2.0 / 3.0), 10.0 - 20.0 / 3.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(wxyear_interp_dir(100.0, 200.0, 1.0 / 3.0), 100.0 + 100.0 / 3.0, 1e-9);
}

/* A file with speed and direction at 80 and 110 m and a 100 m hub: the
 * year's wind is at 100 m, interpolated as above, with its direction. */
static void hub_height_in_year(void)
{
    WxFile *f = marker_file(2019, 45.0, 8.0, 0.0);
    WxSource *src = malloc(sizeof *src);
    WeatherYear *wx = malloc(sizeof *wx);
    SunTable *sun = malloc(sizeof *sun);
    Calendar *cal = malloc(sizeof *cal);
    CU_ASSERT_FATAL(f && src && wx && sun && cal);
    f->n_heights = 2;
    f->height_m[0] = 80.0;
    f->height_m[1] = 110.0;
    f->has |= WXF_HAS_WIND_DIR;
    for (int k = 0; k < 8760; k++) {
        f->wind_ms[0][k] = 9.0;
        f->wind_ms[1][k] = 12.0;
        f->wind_dir_deg[0][k] = 350.0;
        f->wind_dir_deg[1][k] = 10.0;
    }
    WxYearOptions o = { 100.0, 1, 1 };
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    calendar_year_init(cal, 2025);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_DOUBLE_EQUAL(wx->wind_height_m, 100.0, 0);
    CU_ASSERT_EQUAL(wx->has_wind_dir, 1);
    CU_ASSERT_DOUBLE_EQUAL(wx->wind_ms[5000], 11.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(wx->wind_dir_deg[5000], 10.0 - 20.0 / 3.0, 1e-9);
    o.hub_height_m = 120.0;   /* above both: the closest, 110 m, sheared by the wind model */
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    wxyear_fill(src, cal, wx, sun);
    CU_ASSERT_DOUBLE_EQUAL(wx->wind_height_m, 110.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(wx->wind_ms[5000], 12.0, 0);
    free(f), free(src), free(wx), free(sun), free(cal);
}

/* Sampled values at hour:30 see the sun exactly at hh:30 (solarpos_compute
 * at the same place, 15 C and the standard pressure of the elevation, as
 * the table uses); hour averages see it at mid-hour too except in the hours
 * of sunrise and sunset, where SAM takes the midpoint of the sunlit part:
 * (sunrise + hour end) / 2. 21 March 2019 at 45 N 8 E, UTC. */
static void sampled_vs_hour_average_sun(void)
{
    SunTable *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    CU_ASSERT_FATAL(a && b);
    short yr[24];
    unsigned char mo[24], dy[24], hr[24];
    for (int k = 0; k < 24; k++) yr[k] = 2019, mo[k] = 3, dy[k] = 21, hr[k] = (unsigned char)k;
    const Site site = { "", 45.0, 8.0, 250.0, 0.0 };
    suntable_build_records(a, &site, 24, yr, mo, dy, hr, 1, 30.0);
    suntable_build_records(b, &site, 24, yr, mo, dy, hr, 0, 0.0);
    const double p_mbar = 1013.25 * pow(1.0 - 2.25577e-5 * 250.0, 5.25588);
    SunPos p;
    solarpos_compute(2019, 3, 21, 12.5, 0.0, 45.0, 8.0, 250.0, p_mbar, 15.0, &p);
    CU_ASSERT_DOUBLE_EQUAL(a->zenith_deg[12], p.zenith_deg, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(b->zenith_deg[12], p.zenith_deg, 1e-6);   /* mid-hour: the same */
    double rise, set;
    solarpos_sunrise_sunset(2019, 3, 21, 0.0, 45.0, 8.0, &rise, &set);
    int hr_rise = (int)floor(rise);
    CU_ASSERT_EQUAL(hr_rise, 5);   /* about 05:30 UTC: noon 11:35 UTC at 8 E, a 12 h 10 min day */
    solarpos_compute(2019, 3, 21, hr_rise + 0.5, 0.0, 45.0, 8.0, 250.0, p_mbar, 15.0, &p);
    CU_ASSERT_DOUBLE_EQUAL(a->zenith_deg[hr_rise], p.zenith_deg, 1e-6);
    solarpos_compute(2019, 3, 21, 0.5 * (rise + hr_rise + 1), 0.0, 45.0, 8.0, 250.0, p_mbar, 15.0, &p);
    CU_ASSERT_DOUBLE_EQUAL(b->zenith_deg[hr_rise], p.zenith_deg, 1e-6);
    CU_ASSERT(b->zenith_deg[hr_rise] < a->zenith_deg[hr_rise] - 0.5);   /* later, so higher */
    CU_ASSERT_EQUAL(b->sun_up[hr_rise], 1);
    CU_ASSERT_EQUAL(b->sun_up[hr_rise - 1], 0);
    free(a), free(b);
}

/* For records dated on the year's own calendar, the records builder with
 * hour averages equals suntable_build (the same rule, two codings), within
 * 1e-5 deg: the records take Delta T of their month, the year table of
 * mid-year (a fraction of a second apart: 2.6e-6 deg at most in 2019). */
static void records_match_year_table(void)
{
    WxFile *f = marker_file(2019, 43.75, 95.13, 8.0);
    SunTable *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    CU_ASSERT_FATAL(f && a && b);
    suntable_build(a, &NAOMAOHU, 2019);
    suntable_build_records(b, &NAOMAOHU, 8760, f->year, f->month, f->day, f->hour, 0, 0.0);
    double worst = 0;
    int up_diff = 0;
    for (int h = 0; h < 8760; h++) {
        worst = fmax(worst, fabs(a->zenith_deg[h] - b->zenith_deg[h]));
        up_diff += a->sun_up[h] != b->sun_up[h];
        if (a->extra_normal_wm2[h] != b->extra_normal_wm2[h]) up_diff++;
    }
    CU_ASSERT(worst < 1e-5);
    CU_ASSERT_EQUAL(up_diff, 0);
    free(f), free(a), free(b);
}

/* A missing component from the two others with the record's sun:
 * DHI = GHI - DNI cos z. */
static void irradiance_closure(void)
{
    WxFile *f = marker_file(2019, 45.0, 8.0, 0.0);
    WxSource *src = malloc(sizeof *src);
    CU_ASSERT_FATAL(f && src);
    f->has &= ~(unsigned)WXF_HAS_DHI;
    for (int k = 0; k < 8760; k++) f->ghi_wm2[k] = 500.0, f->dni_wm2[k] = 400.0;
    WxYearOptions o = { 100.0, 0, 1 };
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    int k = 24 * 170 + 11;   /* 20 June, 11:00-12:00 UTC at 8 E: sun up */
    CU_ASSERT_DOUBLE_EQUAL(src->dhi_wm2[k], 500.0 - 400.0 * src->sun.cos_zenith[k], 1e-9);
    f->has &= ~(unsigned)WXF_HAS_DNI;   /* only GHI: an error naming the file */
    CU_ASSERT_NOT_EQUAL(wxyear_prepare(src, f, NULL, &NAOMAOHU, &o, &d), ST_OK);
    CU_ASSERT_STRING_EQUAL(d.e[0].file, "marker.csv");
    free(f), free(src);
}

/* The weather.format names are wxfile.h's, in WxFormat order. */
static void format_names(void)
{
    const SchemaEntry *e = schema_find("weather.format");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->values[WXF_AUTO], "auto");
    for (int i = 1; e->values[i]; i++)
        CU_ASSERT_STRING_EQUAL(e->values[i], wxfile_format_name((WxFormat)i));
    CU_ASSERT_EQUAL((int)WXFMT_PVGIS_CSV, (int)WXF_PVGIS_CSV);
}


/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): "abc", the 448-bit message,
 * and the empty string; and the proxy weather file, whose SHA-256 in
 * configs/weather/README.md was computed by sha256sum. */
static void sha256_vectors(void)
{
    static const struct { const char *msg, *hex; } v[] = {
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    };
    for (int i = 0; i < 3; i++) {
        Sha256 c;
        char hex[65];
        sha256_init(&c);
        sha256_update(&c, v[i].msg, strlen(v[i].msg));
        sha256_hex(&c, hex);
        CU_ASSERT_STRING_EQUAL(hex, v[i].hex);
    }
    char hex[65];
    CU_ASSERT_FATAL(sha256_file("../configs/weather/tmy_45.000_8.000_2005_2023.csv", hex));
    CU_ASSERT_STRING_EQUAL(hex, "3a57aa99d29d77429361fb795583720b56797f9466375ea0fcf0d5a1d891b926");
}

/* One Run reused for file, synthetic, then file weather (as a batch
 * worker does) gives each scenario the results of a fresh Run: the
 * prepared files are kept or dropped correctly and synthetic years are not
 * left with a file's wind direction. */
static void run_reused_across_sources(void)
{
    Scenario *file = malloc(sizeof *file), *synth = malloc(sizeof *synth);
    RunResults *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    Run *reused = run_new();
    CU_ASSERT_FATAL(file && synth && a && b && reused);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("../scenarios/weather-file-proxy.cfg", file, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(config_load("../configs/yiwu-14fyp.cfg", synth, &d), ST_OK);
    const Scenario *order[3] = { file, synth, file };
    for (int k = 0; k < 3; k++) {
        Run *fresh = run_new();
        CU_ASSERT_FATAL(fresh != NULL);
        CU_ASSERT_EQUAL(sim_run(reused, order[k], 0, NULL, a, &d), ST_OK);
        CU_ASSERT_EQUAL(sim_run(fresh, order[k], 0, NULL, b, &d), ST_OK);
        CU_ASSERT_EQUAL(a->n_years, 6);
        CU_ASSERT(memcmp(a->rows, b->rows, sizeof a->rows) == 0);
        CU_ASSERT_STRING_EQUAL(a->weather_note, b->weather_note);
        CU_ASSERT_EQUAL(a->weather_note[0] != 0, order[k] == file);
        run_free(fresh);
    }
    /* The same file every year: two common years see the same weather. */
    CU_ASSERT_EQUAL(a->rows[1].wind_mean_ms, a->rows[2].wind_mean_ms);
    CU_ASSERT_EQUAL(d.n_errors, 0);
    run_free(reused);
    free(file), free(synth), free(a), free(b);
}

/* weather.files: one file per year, in order. The PVGIS TMY as CSV in
 * 2020, 2022, 2024 and as EPW in 2021, 2023, 2025 (paths of --set are
 * relative to the working directory, tests/): the common years of one file
 * see identical weather, and the two files of the same TMY give the same
 * annual irradiation once each file's clock and convention are honoured
 * (both UTC, sampled at :10.57; 0.1 % allowed for rounding in the files). */
static void files_one_per_year(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    CU_ASSERT_FATAL(s && res && run);
#define CSV "\"data/weather/tmy_45.000_8.000_2005_2023.csv\""
#define EPW "\"data/weather/tmy_45.000_8.000_2005_2023.epw\""
    const char *sets[] = { "weather.file=\"\"",
                           "weather.files=[" CSV "," EPW "," CSV "," EPW "," CSV "," EPW "]" };
#undef CSV
#undef EPW
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load_with("../scenarios/weather-file-proxy.cfg", sets, 2, s, &d), ST_OK);
    CU_ASSERT_EQUAL(s->weather.n_files, 6);
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, NULL, res, &d), ST_OK);
    const AnnualRow *r = res->rows;
    CU_ASSERT_EQUAL(r[1].ghi_kwh_per_m2, r[3].ghi_kwh_per_m2);
    CU_ASSERT_EQUAL(r[1].ghi_kwh_per_m2, r[5].ghi_kwh_per_m2);
    CU_ASSERT_EQUAL(r[1].temp_mean_c, r[5].temp_mean_c);
    CU_ASSERT_DOUBLE_EQUAL(r[2].ghi_kwh_per_m2, r[1].ghi_kwh_per_m2, 1e-3 * r[1].ghi_kwh_per_m2);
    CU_ASSERT(strncmp(res->weather_note, "6 files, one per year", 21) == 0);
    CU_ASSERT_EQUAL(d.n_errors, 0);
    run_free(run);
    free(s), free(res);
}

void register_test_wxyear(void);
void register_test_wxyear(void)
{
    CU_pSuite s = CU_add_suite("wxyear", NULL, NULL);
    CU_add_test(s, "shift worked by hand", shift_by_hand);
    CU_add_test(s, "re-timing moves weather and sun", retime_moves_weather_and_sun);
    CU_add_test(s, "leap day copies 28 February", leap_day_copies_feb28);
    CU_add_test(s, "hub height by SAM's rule", hub_height_pick);
    CU_add_test(s, "hub height in a year", hub_height_in_year);
    CU_add_test(s, "sampled vs hour-average sun", sampled_vs_hour_average_sun);
    CU_add_test(s, "records builder = year table", records_match_year_table);
    CU_add_test(s, "irradiance closure", irradiance_closure);
    CU_add_test(s, "format names", format_names);
    CU_add_test(s, "SHA-256 of FIPS examples", sha256_vectors);
    CU_add_test(s, "a Run reused across sources", run_reused_across_sources);
    CU_add_test(s, "one file per year", files_one_per_year);
}
