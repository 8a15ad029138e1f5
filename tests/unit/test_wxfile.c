/* test_wxfile.c — the weather-file readers (wxfile.h) on every shipped file
 * (tests/data/weather, tests/data/sam): header values as the files state
 * them, record counts, and each format's time convention checked on rows
 * picked by hand from the files; leap-day dropping and gap filling on
 * small generated files; malformed variants of each format (made from the
 * good files in a temporary directory) each refused at the right
 * file:line and column. Expected values are read off the files by eye
 * (quoted rows below), not from the reader. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wxfile.h"

#define WD "data/weather/"
#define NEAR(a, b, tol) CU_ASSERT_DOUBLE_EQUAL((a), (b), (tol))

static WxFile *read_ok(const char *path)
{
    WxFile *f = wxfile_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    Diag d;
    diag_init(&d);
    Status st = wxfile_read(path, WXF_AUTO, f, &d);
    if (st != ST_OK) diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_EQUAL(f->hours, 8760);
    return f;
}

/* Index of month/day/hour in a 365-day year. */
static int idx(int month, int day, int hour)
{
    static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int d = 0;
    for (int m = 1; m < month; m++) d += md[m - 1];
    return (d + day - 1) * 24 + hour;
}

/* ---- header values ------------------------------------------------------- */

static void sam_headers(void)
{
    /* "TMY2,23183,Phoenix,AZ,USA,33.433333,-112.016667,-7,339" */
    WxFile *f = read_ok("data/sam/USA_AZ_Phoenix_TMY2.csv");
    CU_ASSERT_EQUAL(f->format, WXF_SAM_CSV);
    CU_ASSERT_STRING_EQUAL(f->site, "Phoenix, AZ, USA (23183)");
    NEAR(f->latitude_deg, 33.433333, 1e-9);
    NEAR(f->longitude_deg, -112.016667, 1e-9);
    NEAR(f->elevation_m, 339.0, 0.0);
    NEAR(f->utc_offset_h, -7.0, 0.0);
    CU_ASSERT(f->has_location && f->has_utc_offset);
    CU_ASSERT_EQUAL(f->instant, 0);             /* no Minute column */
    CU_ASSERT_EQUAL(f->source_step_min, 60);
    CU_ASSERT_EQUAL(f->n_heights, 1);
    NEAR(f->height_m[0], 10.0, 0.0);
    CU_ASSERT_EQUAL(f->has & (WXF_HAS_GHI | WXF_HAS_DNI | WXF_HAS_DHI | WXF_HAS_TEMP |
                              WXF_HAS_PRESSURE | WXF_HAS_WIND | WXF_HAS_WIND_DIR | WXF_HAS_ALBEDO),
                    WXF_HAS_GHI | WXF_HAS_DNI | WXF_HAS_DHI | WXF_HAS_TEMP | WXF_HAS_PRESSURE |
                    WXF_HAS_WIND | WXF_HAS_WIND_DIR);
    /* row 1 "1988,1,1,0,0,0,0,5.6,-3.3,53,983,2.1,200": pressure mbar -> Pa */
    NEAR(f->temp_c[0], 5.6, 1e-12);
    NEAR(f->pressure_pa[0], 98300.0, 1e-9);
    NEAR(f->wind_ms[0][0], 2.1, 1e-12);
    NEAR(f->wind_dir_deg[0][0], 200.0, 1e-12);
    /* "1988,1,1,8,62,91,47,...": hour 8 is the record 08:00-09:00 */
    NEAR(f->ghi_wm2[8], 62.0, 0.0);
    NEAR(f->dni_wm2[8], 91.0, 0.0);
    NEAR(f->dhi_wm2[8], 47.0, 0.0);
    CU_ASSERT_EQUAL(f->year[0], 1988);
    CU_ASSERT_EQUAL(f->year[8759], 1990);
    wxfile_free(f);

    /* PSM v3: "NSRDB,78208,-,-,-,33.45,-111.98,-7,358,-7,...", Minute 30 */
    f = read_ok(WD "phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv");
    CU_ASSERT_STRING_EQUAL(f->site, "78208");
    NEAR(f->latitude_deg, 33.45, 1e-12);
    NEAR(f->longitude_deg, -111.98, 1e-12);
    NEAR(f->elevation_m, 358.0, 0.0);
    NEAR(f->utc_offset_h, -7.0, 0.0);
    CU_ASSERT_EQUAL(f->instant, 1);
    NEAR(f->sample_minute, 30.0, 0.0);
    CU_ASSERT(f->has & WXF_HAS_ALBEDO);
    /* "2012,1,1,8,30,638,39,144,-5,11,970,191.9,1.9,0.174" */
    NEAR(f->dni_wm2[8], 638.0, 0.0);
    NEAR(f->dhi_wm2[8], 39.0, 0.0);
    NEAR(f->ghi_wm2[8], 144.0, 0.0);
    NEAR(f->temp_c[8], 11.0, 0.0);
    NEAR(f->pressure_pa[8], 97000.0, 1e-9);
    NEAR(f->albedo[8], 0.174, 1e-12);
    wxfile_free(f);

    /* "Latitude,Longitude,Time Zone,Elevation / 44.29,-73.98,-5,578": no GHI */
    f = read_ok(WD "pv_albedo_test.csv");
    CU_ASSERT_STRING_EQUAL(f->site, "");
    NEAR(f->latitude_deg, 44.29, 1e-12);
    NEAR(f->utc_offset_h, -5.0, 0.0);
    CU_ASSERT_EQUAL(f->has & WXF_HAS_GHI, 0);
    CU_ASSERT_EQUAL(f->has & WXF_HAS_PRESSURE, 0);
    NEAR(f->sample_minute, 0.0, 0.0);
    /* albedo kept as the file gives it: 0.87, 0 (invalid for SAM), 1 */
    NEAR(f->albedo[0], 0.87, 1e-12);
    NEAR(f->albedo[1], 0.0, 0.0);
    NEAR(f->albedo[2], 1.0, 0.0);
    wxfile_free(f);
}

static void other_headers(void)
{
    /* 723170,"GREENSBORO PIEDMONT TRIAD INT",NC,-5.0,36.100,-79.950,273 */
    WxFile *f = read_ok(WD "723170TYA.CSV");
    CU_ASSERT_EQUAL(f->format, WXF_TMY3);
    CU_ASSERT_STRING_EQUAL(f->site, "GREENSBORO PIEDMONT TRIAD INT, NC (723170)");
    NEAR(f->latitude_deg, 36.1, 1e-12);
    NEAR(f->longitude_deg, -79.95, 1e-12);
    NEAR(f->elevation_m, 273.0, 0.0);
    NEAR(f->utc_offset_h, -5.0, 0.0);
    CU_ASSERT_EQUAL(f->instant, 0);
    /* Alb is flagged '?' in 5904 rows: ignored */
    CU_ASSERT_EQUAL(f->has & WXF_HAS_ALBEDO, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(f->note, "albedo"));
    wxfile_free(f);

    /* LOCATION,AMSTERDAM,-,NLD,IWEC Data,062400,52.30,4.77,1.0,-2.0 */
    f = read_ok(WD "NLD_Amsterdam062400_IWEC.epw");
    CU_ASSERT_EQUAL(f->format, WXF_EPW);
    CU_ASSERT_STRING_EQUAL(f->site, "AMSTERDAM, NLD (WMO 062400)");
    NEAR(f->latitude_deg, 52.3, 1e-12);
    NEAR(f->longitude_deg, 4.77, 1e-12);
    NEAR(f->elevation_m, -2.0, 0.0);
    NEAR(f->utc_offset_h, 1.0, 0.0);
    CU_ASSERT_EQUAL(f->instant, 0);
    CU_ASSERT_STRING_EQUAL(f->note, "");
    wxfile_free(f);

    /* SRW: "loc_id,city??,AZ,USA,year??,lat??,lon??,1829,-7,8760" */
    f = read_ok(WD "AZ_Eastern-Rolling_Hills.srw");
    CU_ASSERT_EQUAL(f->format, WXF_SRW);
    CU_ASSERT_STRING_EQUAL(f->site, "Eastern AZ - rolling hills (NREL AWS Truepower representative file)");
    CU_ASSERT_EQUAL(f->has_location, 0);
    NEAR(f->elevation_m, 1829.0, 0.0);
    CU_ASSERT_EQUAL(f->has_utc_offset, 1);
    NEAR(f->utc_offset_h, -7.0, 0.0);
    CU_ASSERT_EQUAL(f->n_heights, 4);
    NEAR(f->height_m[0], 50.0, 0.0);
    NEAR(f->height_m[3], 140.0, 0.0);
    /* row 1: "1.825,0.800485566,333,3.699,1.585,0.797330373,332,4.487,...,5.72" */
    NEAR(f->temp_at_c[0][0], 1.825, 1e-12);
    NEAR(f->pressure_at_pa[0][0], 0.800485566 * 101325.0, 1e-6);
    NEAR(f->wind_dir_deg[0][0], 333.0, 0.0);
    NEAR(f->wind_ms[0][0], 3.699, 1e-12);
    NEAR(f->temp_at_c[1][0], 1.585, 1e-12);
    NEAR(f->wind_ms[1][0], 4.487, 1e-12);
    NEAR(f->wind_ms[3][0], 5.72, 1e-12);
    NEAR(f->temp_c[0], 1.825, 1e-12);          /* surface = lowest height */
    CU_ASSERT_EQUAL(f->year[0], 0);
    wxfile_free(f);

    /* "loc_id,city??,WY,USA,year??,lat??,lon??,2088,-7,8760" */
    f = read_ok(WD "WY_Southern-Flat_Lands.srw");
    CU_ASSERT_STRING_EQUAL(f->site, "Southern WY - flat lands (NREL AWS Truepower representative file)");
    CU_ASSERT_EQUAL(f->has_location, 0);
    NEAR(f->utc_offset_h, -7.0, 0.0);
    NEAR(f->elevation_m, 2088.0, 0.0);
    CU_ASSERT_EQUAL(f->n_heights, 4);
    wxfile_free(f);

    /* wind.srw: field 9 is 1 (a time step in newer files): no time zone */
    f = read_ok(WD "wind.srw");
    NEAR(f->elevation_m, 758.0, 0.0);
    CU_ASSERT_EQUAL(f->has_utc_offset, 0);
    CU_ASSERT_EQUAL(f->n_heights, 1);
    NEAR(f->height_m[0], 80.0, 0.0);
    NEAR(f->wind_ms[0][100], 5.0, 0.0);
    NEAR(f->pressure_at_pa[0][100], 0.95 * 101325.0, 1e-6);
    NEAR(f->temp_at_c[0][100], 15.0, 0.0);
    wxfile_free(f);

    /* PVGIS: "Latitude (decimal degrees): 45.000", ..., "Elevation (m): 250.0" */
    f = read_ok(WD "tmy_45.000_8.000_2005_2023.csv");
    CU_ASSERT_EQUAL(f->format, WXF_PVGIS_CSV);
    NEAR(f->latitude_deg, 45.0, 0.0);
    NEAR(f->longitude_deg, 8.0, 0.0);
    NEAR(f->elevation_m, 250.0, 0.0);
    CU_ASSERT_EQUAL(f->has_utc_offset, 1);
    NEAR(f->utc_offset_h, 0.0, 0.0);
    CU_ASSERT_EQUAL(f->instant, 1);
    NEAR(f->sample_minute, 0.1761 * 60.0, 1e-9);   /* Irradiance Time Offset (h): 0.1761 */
    NEAR(f->height_m[0], 10.0, 0.0);                /* WS10m */
    wxfile_free(f);
}

/* ---- time conventions ---------------------------------------------------- */

static void tmy3_hour_ending(void)
{
    WxFile *f = read_ok(WD "723170TYA.CSV");
    /* "01/01/1988,09:00,...,GHI 46, DNI 3, DHI 46, Dry-bulb 10.0, 993 mbar,
     * 220 deg, 5.2 m/s": hour ending 09:00 is the record 08:00-09:00 */
    int i = idx(1, 1, 8);
    CU_ASSERT_EQUAL(f->hour[i], 8);
    NEAR(f->ghi_wm2[i], 46.0, 0.0);
    NEAR(f->dni_wm2[i], 3.0, 0.0);
    NEAR(f->temp_c[i], 10.0, 0.0);
    NEAR(f->pressure_pa[i], 99300.0, 1e-9);
    NEAR(f->wind_dir_deg[0][i], 220.0, 0.0);
    NEAR(f->wind_ms[0][i], 5.2, 1e-12);
    /* last row "12/31/1980,24:00,...,2.2 (Dry-bulb)": 24:00 is 23:00-24:00 of 31 Dec */
    CU_ASSERT_EQUAL(f->month[8759], 12);
    CU_ASSERT_EQUAL(f->day[8759], 31);
    CU_ASSERT_EQUAL(f->hour[8759], 23);
    CU_ASSERT_EQUAL(f->year[8759], 1980);
    NEAR(f->temp_c[8759], 2.2, 1e-12);
    wxfile_free(f);
}

static void epw_hour_one(void)
{
    WxFile *f = read_ok(WD "NLD_Amsterdam062400_IWEC.epw");
    /* line 9 "1995,1,1,1,...,5.1 (dry bulb),...,100100 (Pa),...,340,6.7": hour 1 = 00:00-01:00 */
    CU_ASSERT_EQUAL(f->hour[0], 0);
    CU_ASSERT_EQUAL(f->year[0], 1995);
    NEAR(f->temp_c[0], 5.1, 1e-12);
    NEAR(f->pressure_pa[0], 100100.0, 0.0);
    NEAR(f->wind_dir_deg[0][0], 340.0, 0.0);
    NEAR(f->wind_ms[0][0], 6.7, 1e-12);
    /* line 21 "1995,1,1,13,...": GHI 132, DNI 100, DHI 107 for 12:00-13:00 */
    NEAR(f->ghi_wm2[12], 132.0, 0.0);
    NEAR(f->dni_wm2[12], 100.0, 0.0);
    NEAR(f->dhi_wm2[12], 107.0, 0.0);
    /* last row "1990,12,31,24,...,5.5": 23:00-24:00 of 31 Dec */
    CU_ASSERT_EQUAL(f->hour[8759], 23);
    NEAR(f->temp_c[8759], 5.5, 1e-12);
    wxfile_free(f);
}

static void sam_hours_1_24_and_15_minutes(void)
{
    /* ",Loyola Marymount University,Los Angeles,CA,USA,33.966674,-118.42282,-8,27" */
    WxFile *f = read_ok(WD "LosAngeles_WeatherFile_15min.csv");
    CU_ASSERT_STRING_EQUAL(f->site, "Los Angeles, CA, USA (Loyola Marymount University)");
    NEAR(f->latitude_deg, 33.966674, 1e-12);
    NEAR(f->longitude_deg, -118.42282, 1e-12);
    NEAR(f->utc_offset_h, -8.0, 0.0);
    NEAR(f->elevation_m, 27.0, 0.0);
    CU_ASSERT_EQUAL(f->year[0], 2012);
    CU_ASSERT_EQUAL(f->source_step_min, 15);
    CU_ASSERT_EQUAL(f->instant, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(f->note, "1..24"));
    /* the first four rows, "2012,1,1,1,7.5 ... 52.5" (hour 1 -> 0):
     * Tdry 9.3513, 8.8473, 8.7073, 8.6213 -> 35.5272 / 4 = 8.8818;
     * Wspd 0.15887, 0.3656, 0.0888, 0.15933 -> 0.7726 / 4 = 0.19315 */
    CU_ASSERT_EQUAL(f->month[0], 1);
    CU_ASSERT_EQUAL(f->day[0], 1);
    CU_ASSERT_EQUAL(f->hour[0], 0);
    NEAR(f->temp_c[0], 8.8818, 1e-12);
    NEAR(f->wind_ms[0][0], 0.19315, 1e-12);
    NEAR(f->pressure_pa[0], 101000.0, 1e-9);
    /* "2012,6,21,13,{7.5..52.5}" GHI 996.76, 997.05, 961.96, 905.67 ->
     * 3861.44 / 4 = 965.36 for 21 June 12:00-13:00 */
    int i = idx(6, 21, 12);
    CU_ASSERT_EQUAL(f->hour[i], 12);
    NEAR(f->ghi_wm2[i], 965.36, 1e-9);
    /* last four rows "2012,12,31,24,..." -> 31 Dec 23:00 */
    CU_ASSERT_EQUAL(f->hour[8759], 23);
    CU_ASSERT_EQUAL(f->day[8759], 31);
    wxfile_free(f);
}

static void pvgis_utc_and_its_epw(void)
{
    WxFile *c = read_ok(WD "tmy_45.000_8.000_2005_2023.csv");
    /* "20180101:0900,3.23,99.4,149.0,125.3,117.0,289.1,0.97,238.0,99600.0" */
    CU_ASSERT_EQUAL(c->year[9], 2018);
    CU_ASSERT_EQUAL(c->hour[9], 9);
    NEAR(c->ghi_wm2[9], 149.0, 0.0);
    NEAR(c->dni_wm2[9], 125.3, 1e-12);
    NEAR(c->dhi_wm2[9], 117.0, 0.0);
    NEAR(c->temp_c[9], 3.23, 1e-12);
    NEAR(c->wind_ms[0][9], 0.97, 1e-12);
    NEAR(c->wind_dir_deg[0][9], 238.0, 0.0);
    NEAR(c->pressure_pa[9], 99600.0, 0.0);
    /* the months table: December from 2016 ("12,2016") */
    CU_ASSERT_EQUAL(c->year[8759], 2016);

    /* The EPW PVGIS wrote of the same TMY: "2018,1,1,10,..." holds the CSV's
     * 20180101:0900 UTC row, so its records are UTC, not the UTC+1 of its
     * LOCATION line. */
    WxFile *e = read_ok(WD "tmy_45.000_8.000_2005_2023.epw");
    CU_ASSERT_EQUAL(e->format, WXF_EPW);
    /* "LOCATION,unknown,-,unknown,ECMWF/ERA,unknown,45.000000,8.000000,1,250" */
    CU_ASSERT_STRING_EQUAL(e->site, "");
    NEAR(e->latitude_deg, 45.0, 0.0);
    NEAR(e->longitude_deg, 8.0, 0.0);
    NEAR(e->elevation_m, 250.0, 0.0);
    NEAR(e->utc_offset_h, 0.0, 0.0);
    CU_ASSERT_PTR_NOT_NULL(strstr(e->note, "PVGIS"));
    CU_ASSERT_EQUAL(e->instant, 1);
    NEAR(e->sample_minute, c->sample_minute, 1e-9);
    int same = 1;
    for (int i = 0; i < 8760; i++)
        same &= e->ghi_wm2[i] == c->ghi_wm2[i] && e->temp_c[i] == c->temp_c[i] &&
                e->hour[i] == c->hour[i] && e->day[i] == c->day[i];
    CU_ASSERT(same);
    wxfile_free(e);
    wxfile_free(c);
}

static void srw_rows_are_hours(void)
{
    WxFile *f = read_ok(WD "WY_Southern-Flat_Lands.srw");
    /* row 745 is 1 Feb 00:00 (31 x 24 rows of January); the last row 31 Dec 23:00 */
    CU_ASSERT_EQUAL(f->month[744], 2);
    CU_ASSERT_EQUAL(f->day[744], 1);
    CU_ASSERT_EQUAL(f->hour[744], 0);
    CU_ASSERT_EQUAL(f->month[8759], 12);
    CU_ASSERT_EQUAL(f->hour[8759], 23);
    /* first row "-4.479,0.756533925,253,9.897,..." */
    NEAR(f->wind_ms[0][0], 9.897, 1e-12);
    wxfile_free(f);
}

/* ---- generated files ----------------------------------------------------- */

typedef struct { char dir[64]; } TmpDir;

static void tmp_make(TmpDir *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/ecsim-test-wxfile.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(t->dir));
}

static void tmp_path(const TmpDir *t, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", t->dir, name);
}

static void tmp_remove(TmpDir *t, const char *name)
{
    char p[128];
    tmp_path(t, name, p, sizeof p);
    unlink(p);
}

/* A SAM CSV of one calendar year of `year` (8784 rows if leap) with GHI =
 * day of the year (1-based, counting 29 Feb) + hour / 100 (a counter, not
 * an irradiance); GHI is N/A in rows [gap_from, gap_from + gap_len). */
static void write_sam_year(const char *path, int year, int gap_from, int gap_len)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("Latitude,Longitude,Time Zone\n40,80,6\nYear,Month,Day,Hour,GHI\n", f);
    int leap = year % 4 == 0;
    int md[12] = { 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int row = 0, doy = 0;
    for (int m = 1; m <= 12; m++)
        for (int d = 1; d <= md[m - 1]; d++) {
            doy++;
            for (int h = 0; h < 24; h++, row++) {
                if (row >= gap_from && row < gap_from + gap_len)
                    fprintf(f, "%d,%d,%d,%d,N/A\n", year, m, d, h);
                else
                    fprintf(f, "%d,%d,%d,%d,%g\n", year, m, d, h, doy + h / 100.0);
            }
        }
    fclose(f);
}

static void leap_day_dropped(void)
{
    TmpDir t;
    tmp_make(&t);
    char p[128];
    tmp_path(&t, "leap.csv", p, sizeof p);
    write_sam_year(p, 2020, -1, 0);
    WxFile *f = read_ok(p);
    /* 28 Feb 23:00 is day 59; the next record is 1 March (day 61 of 2020) */
    int i = idx(2, 28, 23);
    NEAR(f->ghi_wm2[i], 59.23, 1e-12);
    CU_ASSERT_EQUAL(f->month[i + 1], 3);
    CU_ASSERT_EQUAL(f->day[i + 1], 1);
    NEAR(f->ghi_wm2[i + 1], 61.0, 1e-12);
    NEAR(f->ghi_wm2[8759], 366.23, 1e-12);
    CU_ASSERT_EQUAL(f->filled, 0);
    wxfile_free(f);
    tmp_remove(&t, "leap.csv");
    rmdir(t.dir);
}

static void gaps_filled_and_refused(void)
{
    TmpDir t;
    tmp_make(&t);
    char p[128];
    tmp_path(&t, "gap.csv", p, sizeof p);
    /* 3 missing hours, 1 Jan 10:00-12:00, between 1.09 (09:00) and 1.13 */
    write_sam_year(p, 2019, 10, 3);
    WxFile *f = read_ok(p);
    CU_ASSERT_EQUAL(f->filled, 3);
    NEAR(f->ghi_wm2[10], 1.10, 1e-12);
    NEAR(f->ghi_wm2[11], 1.11, 1e-12);
    NEAR(f->ghi_wm2[12], 1.12, 1e-12);
    wxfile_free(f);
    /* 2 missing at the very start take the first value present */
    write_sam_year(p, 2019, 0, 2);
    f = read_ok(p);
    CU_ASSERT_EQUAL(f->filled, 2);
    NEAR(f->ghi_wm2[0], 1.02, 1e-12);
    wxfile_free(f);
    /* 4 missing: refused at the first of them, line 3 + 10 + 1, column 5 */
    write_sam_year(p, 2019, 10, 4);
    f = wxfile_new();
    Diag d;
    diag_init(&d);
    CU_ASSERT_NOT_EQUAL(wxfile_read(p, WXF_AUTO, f, &d), ST_OK);
    CU_ASSERT_EQUAL(d.e[0].line, 14);
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "column 5 (GHI)");
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "4 hours missing"));
    CU_ASSERT_STRING_EQUAL(d.e[0].file, p);
    wxfile_free(f);
    tmp_remove(&t, "gap.csv");
    rmdir(t.dir);
}

/* ---- malformed variants -------------------------------------------------- */

/* Copies src to dst, changing lines first..last (1-based): with field > 0
 * that field is set to text; with field 0 the line becomes text, or is
 * deleted when text is NULL. keep > 0 keeps only the first keep lines. */
static void variant(const char *src, const char *dst, int first, int last, int field,
                    const char *text, int keep)
{
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    char line[8192];
    int n = 0;
    while (fgets(line, sizeof line, in)) {
        n++;
        if (keep > 0 && n > keep) break;
        if (n < first || n > last) { fputs(line, out); continue; }
        if (field == 0) {
            if (text) fprintf(out, "%s\n", text);
            continue;
        }
        line[strcspn(line, "\r\n")] = '\0';
        int k = 1;
        char *p = line;
        while (k < field && p) { p = strchr(p, ','); if (p) { p++; k++; } }
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        char *end = strchr(p, ',');
        fprintf(out, "%.*s%s%s\n", (int)(p - line), line, text, end ? end : "");
    }
    fclose(in);
    fclose(out);
}

/* The variant is refused with its first error at line, column col
 * (0: no column) and a message containing what. */
static void refused(const char *path, int line, int col, const char *what)
{
    WxFile *f = wxfile_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    Diag d;
    diag_init(&d);
    Status st = wxfile_read(path, WXF_AUTO, f, &d);
    CU_ASSERT_NOT_EQUAL(st, ST_OK);
    CU_ASSERT_FATAL(d.n >= 1);
    char want[32];
    snprintf(want, sizeof want, "column %d", col);
    size_t wl = strlen(want);
    int col_ok = col == 0 ? d.e[0].setting[0] == '\0'
                          : strncmp(d.e[0].setting, want, wl) == 0 &&
                                (d.e[0].setting[wl] == '\0' || d.e[0].setting[wl] == ' ');
    int ok = d.e[0].line == line && col_ok && strstr(d.e[0].message, what) != NULL &&
             strcmp(d.e[0].file, path) == 0;
    if (!ok) {
        fprintf(stderr, "\nexpected line %d column %d '%s', got: ", line, col, what);
        diag_print(&d, stderr);
    }
    CU_ASSERT(ok);
    wxfile_free(f);
}

typedef struct {
    const char *src;
    int first, last, field;
    const char *text;
    int keep;
    int line, col;
    const char *what;
} Case;

static void run_cases(const Case *cs, size_t n)
{
    TmpDir t;
    tmp_make(&t);
    char p[128];
    tmp_path(&t, "bad", p, sizeof p);
    for (size_t i = 0; i < n; i++) {
        variant(cs[i].src, p, cs[i].first, cs[i].last, cs[i].field, cs[i].text, cs[i].keep);
        refused(p, cs[i].line, cs[i].col, cs[i].what);
    }
    tmp_remove(&t, "bad");
    rmdir(t.dir);
}

#define PSM3 WD "phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv"

static void malformed_sam(void)
{
    static const Case cs[] = {
        /* truncated row: 7 fields of 14 named */
        { PSM3, 100, 100, 0, "2012,1,5,0,30,0,0", 0, 100, 8, "the row has 7 fields" },
        { PSM3, 100, 100, 8, "12x", 0, 100, 8, "'12x' is not a number" },
        { PSM3, 100, 100, 0, "2012,1,5,0,30,0,0,0,-2,7,970,180,1.5,0.174,,,,,,,5", 0, 100, 21,
          "beyond the 20 named columns" },
        /* a deleted row: the next hour comes too early */
        { PSM3, 100, 100, 0, NULL, 0, 100, 4, "hours missing or out of order" },
        { PSM3, 0, 0, 0, NULL, 3 + 8000, 8003, 0, "end after 8000 hours" },
        { PSM3, 1, 1, 6, "Lattitude", 0, 1, 0, "no latitude" },
        { PSM3, 2, 2, 6, "95", 0, 2, 6, "outside [-90, 90]" },
        { PSM3, 100, 104, 10, "N/A", 0, 100, 10, "5 hours missing" },
        { PSM3, 100, 100, 8, "2500", 0, 100, 8, "outside [-10, 1800]" },
        { PSM3, 3, 3, 3, "Dy", 0, 3, 0, "no Day column" },
        { PSM3, 100, 100, 1, "20120", 0, 100, 0, "year 20120 is not 0..9999" },
        /* a control byte quoted from the file is shown as '?' */
        { PSM3, 100, 100, 8, "1\x1b" "2", 0, 100, 8, "'1?2' is not a number" },
    };
    run_cases(cs, sizeof cs / sizeof cs[0]);
}

#define TMY3 WD "723170TYA.CSV"

static void malformed_tmy3(void)
{
    static const Case cs[] = {
        { TMY3, 50, 50, 0, "01/03/1988,01:00,0", 0, 50, 4, "the row has 3 fields" },
        { TMY3, 50, 50, 32, "x", 0, 50, 32, "'x' is not a number" },
        { TMY3, 50, 50, 0, NULL, 0, 50, 2, "hours missing or out of order" },
        { TMY3, 0, 0, 0, NULL, 1000, 1000, 0, "end after 998 hours" },
        { TMY3, 1, 1, 0, "723170,\"GREENSBORO\",NC,-5.0,36.100", 0, 1, 6, "has 5 fields" },
        { TMY3, 1, 1, 5, "-91", 0, 1, 5, "outside [-90, 90]" },
        { TMY3, 50, 53, 33, "?", 0, 50, 32, "4 hours missing" },
        { TMY3, 50, 50, 2, "25:00", 0, 50, 2, "not 01..24" },
    };
    run_cases(cs, sizeof cs / sizeof cs[0]);
}

#define EPW WD "NLD_Amsterdam062400_IWEC.epw"

static void malformed_epw(void)
{
    static const Case cs[] = {
        { EPW, 20, 20, 0, "1995,1,1,12,60,A7A7,1.8,0.0,86,100100", 0, 20, 11, "the row has 10 fields" },
        { EPW, 20, 20, 7, "abc", 0, 20, 7, "'abc' is not a number" },
        { EPW, 20, 20, 0, NULL, 0, 20, 4, "hours missing or out of order" },
        { EPW, 0, 0, 0, NULL, 8 + 5000, 5008, 0, "end after 5000 hours" },
        { EPW, 1, 1, 0, "LOCATION,AMSTERDAM,-,NLD", 0, 1, 5, "LOCATION line has 3 fields" },
        { EPW, 1, 1, 7, "95", 0, 1, 7, "outside [-90, 90]" },
        { EPW, 20, 25, 7, "99.9", 0, 20, 7, "6 hours missing" },
        { EPW, 20, 20, 22, "150", 0, 20, 22, "outside [0, 120]" },
    };
    run_cases(cs, sizeof cs / sizeof cs[0]);
}

#define SRW WD "wind.srw"

static void malformed_srw(void)
{
    static const Case cs[] = {
        { SRW, 10, 10, 0, "15,0.95", 0, 10, 3, "the row has 2 fields" },
        { SRW, 10, 10, 3, "5..0", 0, 10, 3, "'5..0' is not a number" },
        { SRW, 10, 10, 0, "15,0.95,5,180,1", 0, 10, 5, "the row has 5 fields" },
        { SRW, 0, 0, 0, NULL, 5 + 8000, 8005, 0, "end after 8000 hours" },
        { SRW, 5, 5, 0, "80,80,80", 0, 5, 4, "3 heights for 4 quantities" },
        { SRW, 3, 3, 3, "Speeed", 0, 3, 3, "not an SRW quantity" },
        { SRW, 10, 14, 3, "N/A", 0, 10, 3, "5 hours missing" },
        { SRW, 10, 10, 1, "150", 0, 10, 1, "outside [-90, 70]" },
        { SRW, 1, 1, 8, "high", 0, 1, 8, "not an elevation" },
    };
    run_cases(cs, sizeof cs / sizeof cs[0]);
}

#define PVG WD "tmy_45.000_8.000_2005_2023.csv"

static void malformed_pvgis(void)
{
    static const Case cs[] = {
        { PVG, 30, 30, 0, "20180101:1100,5.97", 0, 30, 3, "the row has 2 fields" },
        { PVG, 30, 30, 4, "1e", 0, 30, 4, "'1e' is not a number" },
        { PVG, 30, 30, 0, NULL, 0, 30, 1, "hours missing or out of order" },
        { PVG, 0, 0, 0, NULL, 18 + 100, 118, 0, "end after 100 hours" },
        { PVG, 1, 1, 0, "Latitude (decimal degrees): 95.000", 0, 1, 0, "outside [-90, 90]" },
        { PVG, 3, 3, 0, NULL, 0, 17, 0, "no Elevation" },
        { PVG, 30, 33, 2, "", 0, 30, 2, "4 hours missing" },
        { PVG, 6, 6, 0, "1,2017", 0, 19, 1, "months table gives 2017" },
    };
    run_cases(cs, sizeof cs / sizeof cs[0]);
}

static void not_a_weather_file(void)
{
    TmpDir t;
    tmp_make(&t);
    char p[128];
    tmp_path(&t, "x.csv", p, sizeof p);
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("a,b\n1,2\n", f);
    fclose(f);
    refused(p, 1, 0, "not a weather file");
    tmp_remove(&t, "x.csv");
    rmdir(t.dir);
    refused("data/weather/no-such-file.csv", 0, 0, "cannot open");
}

/* A spreadsheet's UTF-8 byte order mark and CRLF line ends. */
static void bom_and_crlf(void)
{
    TmpDir t;
    tmp_make(&t);
    char p[128];
    tmp_path(&t, "bom.csv", p, sizeof p);
    FILE *in = fopen(WD "pv_albedo_test.csv", "r"), *out = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    fputs("\xEF\xBB\xBF", out);
    char line[512];
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        fprintf(out, "%s\r\n", line);
    }
    fclose(in);
    fclose(out);
    WxFile *f = read_ok(p);
    NEAR(f->latitude_deg, 44.29, 1e-12);
    NEAR(f->albedo[0], 0.87, 1e-12);
    wxfile_free(f);
    tmp_remove(&t, "bom.csv");
    rmdir(t.dir);
}

static void format_names(void)
{
    CU_ASSERT_STRING_EQUAL(wxfile_format_name(WXF_PVGIS_CSV), "pvgis-csv");
    CU_ASSERT_EQUAL(wxfile_format_from_name("srw"), WXF_SRW);
    CU_ASSERT_EQUAL(wxfile_format_from_name("nope"), WXF_AUTO);
}

void register_test_wxfile(void);
void register_test_wxfile(void)
{
    CU_pSuite s = CU_add_suite("wxfile", NULL, NULL);
    CU_add_test(s, "SAM CSV headers", sam_headers);
    CU_add_test(s, "TMY3, EPW, SRW, PVGIS headers", other_headers);
    CU_add_test(s, "TMY3 hour ending", tmy3_hour_ending);
    CU_add_test(s, "EPW hour 1", epw_hour_one);
    CU_add_test(s, "SAM hours 1..24, 15-minute averaging", sam_hours_1_24_and_15_minutes);
    CU_add_test(s, "PVGIS UTC stamps and PVGIS's EPW", pvgis_utc_and_its_epw);
    CU_add_test(s, "SRW rows are hours", srw_rows_are_hours);
    CU_add_test(s, "29 February dropped", leap_day_dropped);
    CU_add_test(s, "gaps filled and refused", gaps_filled_and_refused);
    CU_add_test(s, "malformed SAM CSV", malformed_sam);
    CU_add_test(s, "malformed TMY3", malformed_tmy3);
    CU_add_test(s, "malformed EPW", malformed_epw);
    CU_add_test(s, "malformed SRW", malformed_srw);
    CU_add_test(s, "malformed PVGIS", malformed_pvgis);
    CU_add_test(s, "not a weather file", not_a_weather_file);
    CU_add_test(s, "byte order mark and CRLF", bom_and_crlf);
    CU_add_test(s, "format names", format_names);
}
