/* weather_synth.h — one year of synthetic hourly weather from seeded
 * random streams (DESIGN §3; docs/model.md "Synthetic weather").
 *
 * Wind: a Gaussian z_t = sqrt(1 - w) a_t + sqrt(w) s_t of two independent
 * unit-variance AR(1)s, the fast a (hourly lag-1 phi = wind_autocorr) and
 * the slow synoptic s (lag-1 exp(-1 / (24 wind_slow_efold_days))), w =
 * wind_slow_share_frac; so the autocorrelation of z at lag L hours is
 * (1 - w) phi^L + w exp(-L / tau) (synth_wind_acf). z is mapped through
 * the normal CDF and the month's Weibull inverse CDF, v = c (-ln(1 -
 * Phi(z)))^(1/k), by a per-month table, then times 1 + a_m cos(2 pi (h +
 * 0.5 - p_m) / 24) at clock hour h with the month's amplitude a_m and peak
 * hour p_m (hour h covers [h, h+1), evaluated mid-hour; the factor averages
 * to exactly 1 over a day, so the mean is kept; with a_m > 0 the hourly
 * marginal is a scale mixture of the Weibull), then times the year's wind
 * factor. The map is monotone, so with w = 0 the lag-1 rank (Spearman)
 * correlation of the speeds is exactly (6/pi) asin(phi/2) (0.9562 for phi
 * 0.96) and their Pearson correlation is close to phi (0.9589 for k 2, c
 * any): the copula, not the linear correlation, is what the parameters fix.
 *
 * The slow part's hourly innovations are uniform with variance 1 (two per
 * 32-bit draw, half a ziggurat Gaussian's cost): s sums some 2 x 24 tau of
 * them, so it is Gaussian to an excess kurtosis of -0.004 at tau = 4 days,
 * and its autocorrelation (a second moment) is exact.
 *
 * Daily weather state: the slow wind part's daily innovation U_d (the sum
 * of the day's 24 hourly innovations of s over sqrt 24: mean 0, variance
 * 1, near normal; one Gaussian draw a day of the slow stream when w = 0),
 * the clearness Gaussian's daily innovation and the temperature anomaly's
 * are correlated by the matrix of corr_wind_kt, corr_wind_temp and
 * corr_kt_temp through its Cholesky factor: e_k = r_wk U + sqrt(1 - r_wk^2)
 * u_k, e_t = r_wt U + l32 u_k + l33 u_t with u_k, u_t the solar and
 * temperature streams' daily draws (with every correlation 0 the draws are
 * those of a model without the state).
 *
 * Solar: a daily clearness index kt_d = Q_m(Phi(x_d)) + o_y, x_d a daily
 * Gaussian AR(1) (phi = kt_autocorr), Q_m the quantile function of a normal
 * truncated to [SYNTH_KT_DAILY_MIN, SYNTH_KT_DAILY_MAX] whose mean and sd
 * are kt_mean[m] and kt_sd[m] exactly, o_y the year's clearness offset (the
 * sum clipped to the same range). The hourly clearness is kt_h = kt_d
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
 * month boundaries), plus a daily AR(1) anomaly (sd temp_anom_sd_c, lag-1
 * temp_anom_autocorr, at day centres, interpolated between them), plus the
 * year's temperature offset, plus a diurnal cycle of the month's range:
 * half-cosine rise from the minimum at sunrise to the maximum at
 * SYNTH_TEMP_MAX_SOLAR_H solar time, half-cosine fall to the next sunrise,
 * with zero mean over each day. Solar time = clock + (longitude - 15
 * utc_offset)/15 h + equation of time, so at 94.7 E, UTC+8 the maximum is
 * near 16:40 clock time.
 *
 * Year anomaly: three standard normals g drawn from the year's own stream
 * (keyed by the year, so common random numbers across variants hold): the
 * wind factor exp(s_w g_w - s_w^2 / 2) (mean 1), the clearness offset s_k
 * g_k and the temperature offset s_t g_t (s = year_wind_sd_frac,
 * year_kt_sd, year_temp_sd_c; all 0 by default).
 *
 * Pressure: standard atmosphere at the site's elevation, constant.
 *
 * Reproducible from the streams: no hidden or global state. */
#ifndef ECSIM_WEATHER_SYNTH_H
#define ECSIM_WEATHER_SYNTH_H

#include <gsl/gsl_rng.h>

#include "calendar.h"
#include "model.h"
#include "rng.h"
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
#define SYNTH_TEMP_MAX_SOLAR_H 15.0 /* solar time of the daily maximum */

/* Precomputed once per scenario by synth_tables_build (about 140 KB: keep it
 * in a heap-allocated context, not on a thread's stack); read-only after. */
typedef struct {
    double wind_phi, wind_innov;                        /* fast part: phi, sqrt(1 - phi^2) */
    double slow_phi, slow_innov;                        /* slow part, hourly */
    double wind_wf, wind_ws;                            /* sqrt(1 - w), sqrt(w) */
    int slow, need_u, corr;                             /* slow part; daily U; correlated state */
    double l21, l22, l31, l32, l33;                     /* Cholesky factor of the state correlation */
    double wind_fac[12][24];                            /* diurnal factor by month and clock hour */
    double wind_ms[12][SYNTH_WIND_BINS + 2];            /* speed at z_i, one pad */
    double kt_phi, kt_innov;
    double kt_hourly_sd;
    double kt[12][SYNTH_KT_BINS + 2];                   /* daily kt at z_i, one pad */
    double airmass[SYNTH_MU_BINS + 2];                  /* relative air mass at cos z_i */
    double sin_decl[367], cos_decl[367], eot_h[367];    /* by day of year 1..366 */
    double temp_node_c[12];                             /* mid-month interpolation nodes */
    double temp_range_c[12];
    double temp_anom_phi, temp_anom_sd;
    double year_wind_sd, year_kt_sd, year_temp_sd;
    double rise_shape[SYNTH_SHAPE_BINS + 2];            /* (1 - cos(pi x))/2 */
    /* GSL's ziggurat Gaussian, read from the library (weather_synth.c,
     * zig_read): word k is accepted at once when its bits 8-31 are below
     * zig_k[k & 127], with the value (bits 8-31) x zig_w[k & 127] and the
     * sign of bit 7. zig_ok 0: every draw goes through GSL. */
    unsigned long zig_k[128];
    double zig_w[128];
    int zig_ok;
} SynthTables;

/* The random streams of one year (rng.h purposes). wind_slow may be NULL
 * unless synth_stream_used(w, RNG_PURPOSE_WIND_SLOW), year unless
 * synth_stream_used(w, RNG_PURPOSE_YEAR). */
typedef struct {
    gsl_rng *wind, *solar, *temp, *wind_slow, *year;
} SynthStreams;

/* Validates w and fills t. Returns ST_CONFIG_RANGE (t partly filled) when a
 * parameter is out of range: a height <= 0, k outside [0.05, 100], c
 * outside [0, 1000] m/s, |autocorrelation| >= 1, a slow share outside [0,
 * 0.999] or an e-folding time outside [0.01, 1000] days, a monthly diurnal
 * amplitude outside [0, 1], correlations that are not positive definite
 * (synth_corr_ok), negative spreads, kt_hourly_sd or kt_sd outside [0, 1], kt_mean outside
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

/* 1 if the year's draws need the stream of purpose (rng.h) under w. The
 * wind, solar and temperature streams are always used. */
int synth_stream_used(const WeatherSpec *w, int purpose);

/* 1 if the correlation matrix [[1, a, b], [a, 1, c], [b, c, 1]] (a wind-kt,
 * b wind-temp, c kt-temp) is positive definite: |a|, |b|, |c| < 1 and
 * 1 - a^2 - b^2 - c^2 + 2abc > 0. */
int synth_corr_ok(double a, double b, double c);

/* The autocorrelation of the wind's Gaussian z at lag_h hours under w. */
double synth_wind_acf(const WeatherSpec *w, double lag_h);

/* The clearness Gaussian x of a daily kt under a month's (kt_mean, kt_sd),
 * the inverse of the generator's kt = Q(Phi(x)), clamped to +-SYNTH_Z_MAX;
 * 0 when sd is 0 or the pair is infeasible. For fitting. */
double synth_kt_to_gauss(double kt_mean, double kt_sd, double kt);

/* Clear-sky clearness GHI_cs / (Gon cos z) of the generator at cos z = mu
 * (0 <= mu <= 1) and elevation_m. For fitting the hourly scatter. */
double synth_clear_sky_kt(double elevation_m, double mu);

/* The generator's temperature level (monthly means interpolated between
 * mid-month nodes, keeping each month's mean) at the centre of each day of
 * cal: level_c[0 .. cal->days - 1]. Returns 0, or -1 if mean_c is singular. */
int synth_temp_daily_level(const double mean_c[12], const Calendar *cal, double *level_c);

/* Fills wx (year, hours, wind_height_m = w->wind_ref_height_m, and every
 * array for cal->hours hours) for the calendar year cal at site, whose sun
 * table sun must be of the same year. The streams are consumed in a fixed
 * order (a count depending only on the calendar, the sun table and which
 * parts are on), so the same stream states give identical arrays. w must be
 * the spec t was built from. No allocation, no I/O. */
void synth_weather_year(const SynthTables *t, const WeatherSpec *w, const Site *site,
                        const Calendar *cal, const SunTable *sun, const SynthStreams *rs,
                        WeatherYear *wx);

#endif
