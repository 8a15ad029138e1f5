/* wxfit.h — the synthetic-weather settings fitted to hourly weather years
 * (docs/fit-weather.md): monthly Weibull k and c by maximum likelihood,
 * the diurnal wind cycle per month, wind persistence at two time scales,
 * monthly clearness statistics, temperature normals and anomalies, the
 * year-to-year spread and the correlations of the daily weather state.
 * Pure computation on WeatherYear arrays and the site (no I/O); the
 * settings block and the report tables are written by output/wxfitout.h.
 *
 * Statistics that the generator does not reproduce one to one (the hourly
 * clearness scatter after clipping, the realised diurnal temperature range,
 * the correlations of innovation proxies, the within-year noise of annual
 * means) are calibrated by simulation: the generator is run for
 * WXFIT_SIM_YEARS years with the first-pass settings and the same
 * statistics are computed on its output, with a fixed seed. */
#ifndef ECSIM_WXFIT_H
#define ECSIM_WXFIT_H

#include "model.h"
#include "solarpos.h"
#include "status.h"
#include "weather.h"

#define WXFIT_MAX_LAG 240          /* hours: autocorrelation to 10 days */
#define WXFIT_WIND_BIN_MS 0.5      /* bins of weibull.dat */
#define WXFIT_WIND_BINS 60         /* 0 .. 30 m/s */
#define WXFIT_KT_BIN 0.05          /* bins of clearness.dat */
#define WXFIT_KT_BINS 20           /* 0 .. 1 */
#define WXFIT_SIM_YEARS 40         /* synthetic years of the calibration */
#define WXFIT_SEED 20261202UL

/* Pairs of the daily state, in this order everywhere. */
enum { WXFIT_WIND_KT = 0, WXFIT_WIND_TEMP = 1, WXFIT_KT_TEMP = 2 };

typedef struct {
    WeatherSpec spec;              /* the fitted weather settings */
    int n_years;
    long n_hours;
    double wind_height_m;
    char wind_file[256];           /* set by the caller: the wind's own file, "" = the files' wind */
    /* wind, per month */
    long wind_n[12];               /* hours with a positive speed */
    double calm_frac[12];          /* hours at 0 m/s (left out of the Weibull fit) */
    double k_se[12], c_se[12];     /* asymptotic standard errors for independent hours */
    double mean_obs_ms[12];        /* observed mean speed */
    double mean_fit_ms[12];        /* the fitted model's mean speed (calms included) */
    double diurnal_obs[12][24];    /* the hour's mean speed / the month's mean */
    double weibull_obs_pdf[12][WXFIT_WIND_BINS];   /* per m/s, at bin centres */
    double weibull_fit_pdf[12][WXFIT_WIND_BINS];   /* the model's marginal (diurnal mixture) */
    /* wind persistence: autocorrelation of the Gaussianised speeds */
    double acf_obs[WXFIT_MAX_LAG + 1];
    double acf_fit[WXFIT_MAX_LAG + 1];
    double acf_rms;                /* rms of observed - fitted over lags 1..240 */
    /* clearness, per month */
    int kt_days[12];
    double kt_obs_mean[12], kt_obs_sd[12];
    double kt_obs_pdf[12][WXFIT_KT_BINS], kt_fit_pdf[12][WXFIT_KT_BINS];
    double kt_lag1_obs;            /* day-to-day lag-1 of the clearness Gaussian */
    double kt_scatter_obs, kt_scatter_sim;   /* hourly scatter: observed, generator at first pass */
    /* temperature */
    double temp_obs_mean[12], temp_obs_range[12];
    double temp_sim_range[12];     /* the generator's realised range, first pass */
    double temp_anom_daily_sd, temp_anom_daily_lag1;   /* daily-mean anomaly, observed */
    /* daily state: wind (mean Gaussianised speed), clearness Gaussian,
     * temperature anomaly */
    double state_corr_obs[3];      /* contemporaneous correlations of the daily states */
    double innov_corr_obs[3];      /* correlations of their innovation proxies s(d) - r1 s(d-1) */
    double state_gain[3];          /* state correlation per unit setting (simulated) */
    /* year to year (n_years >= 2) */
    double year_obs_sd[3];         /* sd across years: ln wind factor, clearness, temperature */
    double year_noise_sd[3];       /* the same without year anomalies (simulated) */
} WxFit;

/* Fits f to years[0 .. n-1] (each a whole year: 8760 or 8784 hours; a
 * year of 8760 hours labelled with a leap year is taken as a 365-day year
 * without 29 February) at site. suns[y] is the sun of each year's records
 * (as wxyear_fill gives it), or suns is NULL: the site's sun table of the
 * year's calendar. The generator's years of the calibration are at site. Wind speeds are at years[0]->wind_height_m
 * (all years must agree). Needs at least one year; returns ST_CONFIG_INVALID
 * with a message in d when the years are unusable (too few positive wind
 * speeds in a month, no daylight, heights that differ), ST_NOMEM. f is
 * large (about 60 KB): allocate it. */
Status wxfit_run(const WeatherYear *const *years, const SunTable *const *suns, int n, const Site *site,
                 WxFit *f, Diag *d);

/* Weibull maximum-likelihood k and c of x[0 .. n-1] (all > 0): the root of
 * sum x^k ln x / sum x^k - 1/k - mean ln x = 0 (GSL Brent), c = (mean
 * x^k)^(1/k). Returns 0, or -1 when n < 2 or all x are equal. */
int wxfit_weibull_ml(const double *x, long n, double *k, double *c);

/* The Weibull ML asymptotic standard errors for n independent values:
 * sd(k) = k sqrt(6 / pi^2 / n) and sd(c) = c / k sqrt((1 + 6 (1 - gamma)^2
 * / pi^2) / n) (the inverse Fisher information). */
void wxfit_weibull_se(double k, double c, long n, double *k_se, double *c_se);

#endif
