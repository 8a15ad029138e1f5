/* weather_synth.h — one year of synthetic hourly weather from three seeded
 * random streams (DESIGN §3).
 *
 * Wind: a Gaussian AR(1) z_t = phi z_(t-1) + sqrt(1 - phi^2) e_t (marginal
 * N(0,1), phi = wind_autocorr) mapped through the normal CDF and the month's
 * Weibull inverse CDF, v = c (-ln(1 - Phi(z)))^(1/k), by a per-month table,
 * then times 1 + a cos(2 pi (h + 0.5 - peak) / 24) at clock hour h (hour h
 * covers [h, h+1), evaluated mid-hour; the factor averages to exactly 1 over
 * a day, so the mean is kept; with a > 0 the hourly marginal is a scale
 * mixture of the Weibull). The map is monotone, so the lag-1 rank (Spearman)
 * correlation of the speeds is exactly (6/pi) asin(phi/2) (0.9562 for phi
 * 0.96) and their Pearson correlation is close to phi (0.9589 for k 2, c
 * any): the copula, not the linear correlation, is what the parameter fixes.
 *
 * Solar: a daily clearness index kt_d = Q_m(Phi(x_d)), x_d a daily Gaussian
 * AR(1) (phi = kt_autocorr) and Q_m the quantile function of a normal
 * truncated to [SYNTH_KT_DAILY_MIN, SYNTH_KT_DAILY_MAX] whose mean and sd are
 * kt_mean[m] and kt_sd[m] exactly. The hourly clearness is kt_h = kt_d
 * Kcs_h / Kcs_d + kt_hourly_sd e_h (Kcs_h = clear-sky GHI / (Gon cos z),
 * Kcs_d its daily value: the day's clearness follows the clear-sky air-mass
 * shape), clipped to [0, Kcs_h], and the clipped energy is put back, so the
 * day's clearness sum GHI / sum Gon cos z is exactly min(kt_d, Kcs_d); the
 * monthly mean falls short of kt_mean only by E[(kt_d - Kcs_d)+], the part
 * of the distribution clearer than clear sky (0.002 for 0.55 +- 0.10 in
 * winter at 1700 m). GHI = kt_h Gon cos z; clear sky of Ineichen and Perez
 * (2002) with Linke turbidity SYNTH_LINKE_TURBIDITY; beam/diffuse split of
 * Erbs, Klein and Duffie (1982); DNI = (GHI - DHI)/cos z capped at the
 * clear-sky DNI, all diffuse within 0.5 deg of the horizon; 0 when the sun
 * table says the sun is down. DNI cos z + DHI = GHI every hour.
 *
 * Temperature: the monthly means are interpolated linearly in time between
 * mid-month nodes chosen so that each month's mean is kept (no steps at
 * month boundaries), plus a daily AR(1) anomaly (sd SYNTH_TEMP_ANOM_SD_C,
 * lag-1 SYNTH_TEMP_ANOM_AUTOCORR, interpolated between day centres), plus a
 * diurnal cycle of the month's range: half-cosine rise from the minimum at
 * sunrise to the maximum at SYNTH_TEMP_MAX_SOLAR_H solar time, half-cosine
 * fall to the next sunrise, with zero mean over each day. Solar time =
 * clock + (longitude - 15 utc_offset)/15 h + equation of time, so at 94.7 E,
 * UTC+8 the maximum is near 16:40 clock time.
 *
 * Pressure: standard atmosphere at the site's elevation, constant.
 *
 * Reproducible from the three streams: no hidden or global state. */
#ifndef ECSIM_WEATHER_SYNTH_H
#define ECSIM_WEATHER_SYNTH_H

#include <gsl/gsl_rng.h>

#include "calendar.h"
#include "model.h"
#include "solarpos.h"
#include "status.h"
#include "weather.h"

#define SYNTH_Z_MAX 6.5             /* Gaussian tables span [-6.5, 6.5] */
#define SYNTH_WIND_BINS 1024        /* z -> wind speed, per month */
#define SYNTH_KT_BINS 256           /* z -> daily clearness, per month */
#define SYNTH_MU_BINS 1024          /* cos(zenith) grid of the clear-sky tables */
#define SYNTH_SHAPE_BINS 256        /* (1 - cos(pi x))/2 on [0, 1] */

#define SYNTH_KT_DAILY_MIN 0.02     /* physical range of the daily clearness index */
#define SYNTH_KT_DAILY_MAX 0.82
#define SYNTH_LINKE_TURBIDITY 2.0   /* clean, dry air: the cap is an upper envelope */
#define SYNTH_TEMP_ANOM_SD_C 2.0    /* day-to-day anomaly of the daily mean */
#define SYNTH_TEMP_ANOM_AUTOCORR 0.7
#define SYNTH_TEMP_MAX_SOLAR_H 15.0 /* solar time of the daily maximum */

/* Precomputed once per scenario by synth_tables_build (about 140 KB: keep it
 * in a heap-allocated context, not on a thread's stack); read-only after. */
typedef struct {
    double wind_phi, wind_innov;                        /* phi, sqrt(1 - phi^2) */
    double wind_amp, wind_peak_h;
    double wind_ms[12][SYNTH_WIND_BINS + 2];            /* speed at z_i, one pad */
    double kt_phi, kt_innov;
    double kt_hourly_sd;
    double kt[12][SYNTH_KT_BINS + 2];                   /* daily kt at z_i, one pad */
    double airmass[SYNTH_MU_BINS + 2];                  /* relative air mass at cos z_i */
    double sin_decl[367], cos_decl[367], eot_h[367];    /* by day of year 1..366 */
    double temp_node_c[12];                             /* mid-month interpolation nodes */
    double temp_range_c[12];
    double rise_shape[SYNTH_SHAPE_BINS + 2];            /* (1 - cos(pi x))/2 */
} SynthTables;

/* Validates w and fills t. Returns ST_CONFIG_RANGE (t partly filled) when a
 * parameter is out of range: a height <= 0, k outside [0.05, 100], c
 * outside [0, 1000] m/s, |autocorrelation| >= 1, a diurnal amplitude
 * outside [0, 0.999], kt_hourly_sd or kt_sd outside [0, 1], kt_mean outside
 * [0, 1], temperatures outside [-100, 100] C, ranges outside [0, 100] C,
 * non-finite values, or a clearness mean/sd that no normal truncated to
 * [SYNTH_KT_DAILY_MIN, SYNTH_KT_DAILY_MAX] can have (synth_kt_feasible).
 * Takes about 1.5 ms; no allocation. */
Status synth_tables_build(SynthTables *t, const WeatherSpec *w);

/* 1 if a normal truncated to [SYNTH_KT_DAILY_MIN, SYNTH_KT_DAILY_MAX] can
 * have this mean and sd (sd 0 needs only the mean in range), else 0: sd must
 * stay below roughly 0.85 x the distance from the mean to the nearer bound
 * and below 0.225 (e.g. mean 0.65: sd <= 0.145; 0.70: <= 0.105). For the
 * config validator, to name the month; synth_tables_build checks the same. */
int synth_kt_feasible(double kt_mean, double kt_sd);

/* Fills wx (year, hours, wind_height_m = w->wind_ref_height_m, and every
 * array for cal->hours hours) for the calendar year cal at site, whose sun
 * table sun must be of the same year. rng_wind, rng_solar and rng_temp are
 * consumed in a fixed order (a count depending only on the calendar and the
 * sun table), so the same stream states give identical arrays. w must be
 * the spec t was built from. No allocation, no I/O. */
void synth_weather_year(const SynthTables *t, const WeatherSpec *w, const Site *site,
                        const Calendar *cal, const SunTable *sun, gsl_rng *rng_wind,
                        gsl_rng *rng_solar, gsl_rng *rng_temp, WeatherYear *wx);

#endif
