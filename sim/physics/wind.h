/* wind.h — wind farm output per MW installed (DESIGN §4), after NREL SAM's
 * windpower model (ssc cmod_windpower.cpp, lib_windwatts.cpp; docs/validation.md):
 * power-law shear to hub height, air density from pressure and temperature,
 * density correction on the power curve's speed axis, linear interpolation
 * in the curve, 0 above its last speed; farm = curve × wake efficiency ×
 * (1 − losses) × availability. Wakes (wake.h) are off by default: then
 * fold them into losses_frac. */
#ifndef ECSIM_WIND_H
#define ECSIM_WIND_H

#include "model.h"
#include "status.h"
#include "wake.h"
#include "weather.h"

#define WIND_R_DRY_AIR 287.058                       /* J/(kg K), as SAM */
#define WIND_RHO0 (101325.0 / (WIND_R_DRY_AIR * 288.15)) /* 1.2249781 kg/m3, SAM's reference */
#define WIND_MAX_BINS 4096
#define WIND_CBRT_BINS 1200                          /* table of x^(1/3) on [0.4, 1.6] */

/* Built once per scenario by wind_model_init, read-only afterwards (about
 * 35 KB). The curve is kept exactly as piecewise-linear segments; uniform
 * bins over its speed range give each speed's segment without a search
 * (at most a step or two forward where a bin holds a knot). */
typedef struct {
    double weather_height_m;   /* height the shear factor was computed for */
    double hub_height_m;
    double shear_exponent;
    double shear_factor;       /* (hub / weather)^alpha, or 1 within 1 m */
    int density_correction;
    double out_factor;         /* (1 - losses) * availability */
    /* power curve: n knots, segment j = [speed[j], speed[j+1]) */
    int n;
    double v_first, v_last, frac_last;
    double speed[CURVE_MAX_POINTS];
    double frac[CURVE_MAX_POINTS];
    double slope[CURVE_MAX_POINTS];
    int n_bins;
    double bin_per_ms;         /* bins per m/s */
    unsigned short bin_seg[WIND_MAX_BINS];   /* segment at each bin's left edge */
    /* (rho / rho0)^(1/3) on a uniform grid of rho / rho0, and the Newton
     * factor 1 / (3 y^2) at the same nodes */
    double cbrt_tab[WIND_CBRT_BINS + 2];
    double cbrt_newton[WIND_CBRT_BINS + 2];
    WakeModel wake;            /* kind WAKE_NONE: no wake losses */
} WindModel;

/* Validates p and builds the model for wind data at weather_height_m.
 * Returns ST_CONFIG_INVALID if the curve has fewer than 2 points, speeds not
 * strictly increasing from >= 0, or fractions negative or not finite;
 * ST_CONFIG_RANGE for heights <= 0, losses or availability outside [0, 1]
 * or a non-finite shear exponent, and wake_init's errors. */
Status wind_model_init(WindModel *m, const WindParams *p, double weather_height_m);

/* One turbine's output as a fraction of rated power (no losses) at hub
 * speed hub_speed_ms (m/s) and air density air_density (kg/m3); the density
 * is ignored when the model's density correction is off. SAM's rule:
 * linear interpolation strictly inside the curve, the last value exactly at
 * its last speed, 0 above it and below its first speed. */
double wind_curve_frac(const WindModel *m, double hub_speed_ms, double air_density);

/* Farm output per MW installed (fraction of nameplate after losses and
 * availability) for each of wx->hours hours, into out_frac[0 .. hours-1]
 * (which must not overlap wx).
 * Speeds are sheared from wx->wind_height_m (recomputing the factor once if
 * it differs from the height given at init); density is
 * pressure_pa / (287.058 (temp_c + 273.15)). With a wake model the
 * curve is multiplied by the farm's wake efficiency: for the hour's wind
 * direction where the weather has one, else averaged over a uniform rose. */
void wind_unit_output(const WindModel *m, const WeatherYear *wx, double *out_frac);

/* The same with the hours' wind directions (deg from north, where the wind
 * comes from) given explicitly; dir_deg NULL: the rose average. */
void wind_farm_output(const WindModel *m, const WeatherYear *wx, const double *dir_deg, double *out_frac);

#endif
