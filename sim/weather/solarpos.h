/* solarpos.h — sun position and the per-year sun table (DESIGN §3).
 * Angles in degrees; azimuth clockwise from north. */
#ifndef ECSIM_SOLARPOS_H
#define ECSIM_SOLARPOS_H

#include "model.h"

typedef struct {
    double zenith_deg;          /* refraction-corrected, topocentric */
    double azimuth_deg;         /* clockwise from north */
    double elevation_deg;       /* 90 - zenith */
} SunPos;

/* Sun position at a local standard time: hour_local in [0, 24) may be
 * fractional; utc_offset_h is the clock's offset (e.g. +8). pressure_mbar
 * and temp_c feed the refraction correction. */
void solarpos_compute(int year, int month, int day, double hour_local,
                      double utc_offset_h, double lat_deg, double lon_deg,
                      double elevation_m, double pressure_mbar, double temp_c,
                      SunPos *out);

/* Sunrise and sunset of a day in local standard hours (sun elevation
 * -0.8333 deg); *sunrise = 99 / *sunset = -99 for polar night, 0/24 for
 * polar day. */
void solarpos_sunrise_sunset(int year, int month, int day, double utc_offset_h,
                             double lat_deg, double lon_deg,
                             double *sunrise_h, double *sunset_h);

/* Extraterrestrial normal irradiance, W/m2: 1367 (1 + 0.033 cos(2 pi doy/365)). */
double solarpos_extra_normal(int day_of_year);

/* The sun for every hour of one year at one site, for hour-average data:
 * evaluated at mid-hour, or at the midpoint of the sunlit part of the
 * sunrise and sunset hours (SAM's convention). Computed once per site and
 * year and shared read-only between runs. An hour without sun (sun_up 0)
 * has cos_zenith 0, zenith SUN_NIGHT_ZENITH_DEG and azimuth 0: its place
 * is not computed (no model uses the sun's place while it is down, and
 * the night is about half of a table's cost). */
#define SUN_NIGHT_ZENITH_DEG 180.0
typedef struct {
    int year, hours;
    double zenith_deg[ECSIM_MAX_HOURS];
    double azimuth_deg[ECSIM_MAX_HOURS];
    double cos_zenith[ECSIM_MAX_HOURS];       /* 0 when the sun is down */
    double extra_normal_wm2[ECSIM_MAX_HOURS];
    unsigned char sun_up[ECSIM_MAX_HOURS];    /* 1 if any part of the hour is sunlit */
} SunTable;

/* Fills tab for year at site (standard pressure from elevation, 15 C for
 * refraction). */
void suntable_build(SunTable *tab, const Site *site, int year);

/* The sun for n records of a weather file (n <= ECSIM_MAX_HOURS), each
 * dated by its own year, month, day and hour on the clock of
 * site->utc_offset_h, as SAM does (a typical year's months come from
 * different years). instant == 0: hour averages, SAM's rule as in
 * suntable_build (mid-hour; the sunlit part's midpoint in the hours of
 * sunrise and sunset). instant == 1: values sampled at hour:sample_minute,
 * the sun exactly then, no sunrise/sunset adjustment; sun_up when the sun
 * is above the horizon then (and zenith and azimuth are the sun's place
 * also below it); with instant == 0 an hour without sun has the table's
 * night values, as in suntable_build. tab->year is the first record's year. */
void suntable_build_records(SunTable *tab, const Site *site, int n, const short *year,
                            const unsigned char *month, const unsigned char *day,
                            const unsigned char *hour, int instant, double sample_minute);

#endif
