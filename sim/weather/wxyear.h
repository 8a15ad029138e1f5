/* wxyear.h — a weather file (wxfile.h) as the weather of simulated years
 * (DESIGN §3; docs/weather-scenarios.md). Prepared once per scenario: the
 * sun of every record at the file's own location and clock, the wind at
 * the hub height, the shift to the scenario's clock. Each simulated year
 * is then a few indexed copies into a WeatherYear and a SunTable.
 *
 * Re-timing: record k of the file (its clock) becomes hour k + shift of
 * the simulated year (circular within the year), shift = round((lon_file
 * / 15 - utc_file) - (lon_site / 15 - utc_site)) hours, so that the file's
 * solar noon falls at the same clock hour as the site's. Weather and sun
 * move together: the PV model sees irradiance and geometry of the same
 * moment at the file's place. A file without coordinates (SRW) is taken
 * to be on the site's local clock (shift 0).
 *
 * Leap years: a 365-day file gives 29 February as a copy of 28 February
 * (weather and sun). */
#ifndef ECSIM_WXYEAR_H
#define ECSIM_WXYEAR_H

#include "calendar.h"
#include "model.h"
#include "solarpos.h"
#include "status.h"
#include "weather.h"
#include "wxfile.h"

/* The measurement height(s) for a hub by SAM's rule (lib_windfile.cpp
 * winddata_provider::read with interpolation on): a height equal to the
 * hub, else the hub between two heights: linear interpolation between the
 * closest height and the closest one on the other side, else the closest
 * height. lo/hi index heights[], w the weight of hi; *height_m the height
 * of the result (the hub when interpolated), from which the wind model
 * shears with its exponent. heights[] need not be sorted. */
typedef struct {
    int lo, hi;
    double w;
    double height_m;
} WxHeightPick;

WxHeightPick wxyear_pick_height(const double *heights, int n, double hub_m);

/* Linear interpolation of two wind directions (degrees) with weight w of
 * b, by SAM's rule (across north when one is below 90 and the other above
 * 270). Result in [0, 360). */
double wxyear_interp_dir(double a, double b, double w);

/* Hours that record k of the file moves by: the rule above, or 0 when the
 * file has no coordinates. */
int wxyear_shift_hours(const WxFile *f, const Site *site);

typedef struct {
    double hub_height_m;     /* wind technology's hub height */
    int retime;              /* 1: shift to the site's solar clock; 0: record k is hour k */
    int wind_air;            /* 1: hub air from the wind file (SAM); 0: the main file's air */
} WxYearOptions;

/* One prepared file (plus optional wind file), indexed by record. */
typedef struct {
    int hours;                      /* records: 8760 or 8784 */
    int shift_h, wind_shift_h;      /* applied to the solar file and to the wind source */
    double wind_height_m;
    int has_wind_dir;
    int has_hub_air;                /* the wind source's temperature and pressure at the hub */
    SunTable sun;                   /* the sun of each record */
    double ghi_wm2[ECSIM_MAX_HOURS], dni_wm2[ECSIM_MAX_HOURS], dhi_wm2[ECSIM_MAX_HOURS];
    double temp_c[ECSIM_MAX_HOURS], pressure_pa[ECSIM_MAX_HOURS];
    double wind_ms[ECSIM_MAX_HOURS], wind_dir_deg[ECSIM_MAX_HOURS];
    double hub_temp_c[ECSIM_MAX_HOURS], hub_pressure_pa[ECSIM_MAX_HOURS];
} WxSource;

/* Prepares src from f (irradiance, temperature, pressure; wind too when
 * wind is NULL) and wind (speed and direction at the hub). Errors (no
 * coordinates or no irradiance in f, no wind, record counts that differ,
 * a file not starting on 1 January at 00:00) go to d naming the file. */
Status wxyear_prepare(WxSource *src, const WxFile *f, const WxFile *wind, const Site *site,
                      const WxYearOptions *o, Diag *d);

/* The weather and sun of the simulated year cal from src. */
void wxyear_fill(const WxSource *src, const Calendar *cal, WeatherYear *wx, SunTable *sun);

#endif
