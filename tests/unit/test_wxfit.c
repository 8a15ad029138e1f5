/* test_wxfit.c — the weather fit and the generator's new parts against
 * values known independently: Weibull maximum likelihood on a sample drawn
 * from a known Weibull; the generator's two-scale autocorrelation against
 * its closed form; the correlation of the daily innovations and the year
 * anomaly spread against their settings; and the round trip
 * file -> fit -> 100 generated years -> fit again. Tolerances are stated
 * where used, from the sampling error of the statistic. */
#include <CUnit/CUnit.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "config.h"
#include "rng.h"
#include "solarpos.h"
#include "weather_synth.h"
#include "wxfile.h"
#include "wxfit.h"
#include "wxyear.h"

#define PI 3.14159265358979323846
#define LABEL 2023            /* every generated year uses this calendar and sun */

static const Site YIWU = { "Yiwu", 43.25, 94.7, 1700.0, 8.0 };

typedef struct {
    SynthTables tab;
    Calendar cal;
    SunTable sun;
} Fixture;

static Fixture *fx;

static int setup(void)
{
    fx = malloc(sizeof *fx);
    if (!fx) return 1;
    calendar_year_init(&fx->cal, LABEL);
    suntable_build(&fx->sun, &YIWU, LABEL);
    return 0;
}

static int teardown(void)
{
    free(fx);
    return 0;
}

/* A site-like spec: monthly Weibull, two time scales, a diurnal cycle that
 * turns over the year, correlated daily state, year anomalies. */
static WeatherSpec rich_spec(void)
{
    static const double c[12] = { 5.0, 5.3, 6.2, 7.0, 7.0, 6.6, 6.2, 6.0, 5.8, 5.6, 5.3, 5.0 };
    static const double ktm[12] = { 0.55, 0.57, 0.58, 0.60, 0.62, 0.62, 0.62, 0.63, 0.62, 0.60, 0.56, 0.54 };
    static const double tm[12] = { -11, -7, 0, 8, 15, 20, 22, 20, 14, 6, -2, -9 };
    WeatherSpec w = { 0 };
    w.wind_ref_height_m = 10.0;
    for (int m = 0; m < 12; m++) {
        w.wind_weibull_k[m] = 1.7 + 0.05 * m;
        w.wind_weibull_c_ms[m] = c[m];
        w.wind_diurnal_month_amp_frac[m] = 0.10 + 0.12 * sin(PI * m / 11.0);
        w.wind_diurnal_month_peak_hour[m] = 13.0 + 0.3 * m;
        w.kt_mean[m] = ktm[m];
        w.kt_sd[m] = 0.12;
        w.temp_mean_c[m] = tm[m];
        w.temp_range_c[m] = 12.0;
    }
    w.wind_autocorr = 0.85;
    w.wind_slow_share_frac = 0.45;
    w.wind_slow_efold_days = 2.5;
    w.kt_autocorr = 0.35;
    w.kt_hourly_sd = 0.06;
    w.temp_anom_sd_c = 2.5;
    w.temp_anom_autocorr = 0.75;
    w.corr_wind_kt = -0.35;
    w.corr_wind_temp = 0.25;
    w.corr_kt_temp = 0.30;
    w.year_wind_sd_frac = 0.05;
    w.year_kt_sd = 0.015;
    w.year_temp_sd_c = 0.6;
    return w;
}

/* Year i of seed on the fixture's calendar: streams keyed by i. */
static void gen_year(const WeatherSpec *w, unsigned long seed, int i, WeatherYear *wx)
{
    gsl_rng *r[5];
    unsigned long base = (unsigned long)(LABEL + i) * RNG_STREAMS_PER_YEAR;
    for (int p = 0; p < 5; p++) r[p] = rng_stream(seed, 0, base + (unsigned long)p);
    SynthStreams rs = { r[RNG_PURPOSE_WIND], r[RNG_PURPOSE_SOLAR], r[RNG_PURPOSE_TEMPERATURE],
                        r[RNG_PURPOSE_WIND_SLOW], r[RNG_PURPOSE_YEAR] };
    synth_weather_year(&fx->tab, w, &YIWU, &fx->cal, &fx->sun, &rs, wx);
    for (int p = 0; p < 5; p++) gsl_rng_free(r[p]);
}

static WeatherYear **gen_years(const WeatherSpec *w, unsigned long seed, int n)
{
    CU_ASSERT_FATAL(synth_tables_build(&fx->tab, w) == ST_OK);
    WeatherYear **y = calloc((size_t)n, sizeof *y);
    CU_ASSERT_FATAL(y != NULL);
    for (int i = 0; i < n; i++) {
        y[i] = malloc(sizeof *y[i]);
        CU_ASSERT_FATAL(y[i] != NULL);
        gen_year(w, seed, i, y[i]);
    }
    return y;
}

static void free_years(WeatherYear **y, int n)
{
    for (int i = 0; i < n; i++) free(y[i]);
    free(y);
}

/* ---- Weibull maximum likelihood ----------------------------------------- */

/* 20000 independent draws of Weibull(k 2.2, c 7.5): the ML estimates lie
 * within 3 asymptotic standard errors (k: 0.0122, c: 0.0237 m/s) of the
 * truth, for three seeds. */
static void weibull_ml_known(void)
{
    const long n = 20000;
    double *x = malloc((size_t)n * sizeof *x);
    CU_ASSERT_FATAL(x != NULL);
    for (unsigned long seed = 1; seed <= 3; seed++) {
        gsl_rng *r = rng_stream(seed, 0, 99);
        for (long i = 0; i < n; i++) x[i] = gsl_ran_weibull(r, 7.5, 2.2);
        gsl_rng_free(r);
        double k, c, ks, cs;
        CU_ASSERT_FATAL(wxfit_weibull_ml(x, n, &k, &c) == 0);
        wxfit_weibull_se(2.2, 7.5, n, &ks, &cs);
        CU_ASSERT_DOUBLE_EQUAL(ks, 2.2 * sqrt(0.6079271 / (double)n), 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(k, 2.2, 3 * ks);
        CU_ASSERT_DOUBLE_EQUAL(c, 7.5, 3 * cs);
    }
    /* k 1 is the exponential: c is then exactly the sample mean at the
     * root (c = mean x^k), and the k equation holds at the estimate. */
    x[0] = 1.0;
    x[1] = 1.0;
    double k, c;
    CU_ASSERT(wxfit_weibull_ml(x, 2, &k, &c) == -1);   /* all equal */
    free(x);
}

/* ---- generator: two time scales ----------------------------------------- */

/* Gaussian z recovered from the speeds (no diurnal cycle, no year factor:
 * v = Weibull^-1(Phi(z)) exactly up to the table's interpolation), its
 * uncentred autocorrelation over 60 years against (1 - w) phi^L + w
 * exp(-L / tau). Bartlett's formula gives a standard error of at most
 * 0.006 at these lags for N = 525600 hours (sum of rho^2 < 8); bound 0.02. */
static void two_scale_acf(void)
{
    WeatherSpec w = rich_spec();
    for (int m = 0; m < 12; m++) w.wind_diurnal_month_amp_frac[m] = 0.0;
    w.year_wind_sd_frac = 0.0;
    const int n = 60;
    WeatherYear **y = gen_years(&w, 7, n);
    static const int lags[] = { 1, 6, 24, 72, 168, 240 };
    double acc[6] = { 0 }, c0 = 0;
    long cnt[6] = { 0 }, n0 = 0;
    double *z = malloc(8760 * sizeof *z);
    for (int i = 0; i < n; i++) {
        for (int h = 0; h < 8760; h++) {
            int m = fx->cal.month[h] - 1;
            double q = exp(-pow(y[i]->wind_ms[h] / w.wind_weibull_c_ms[m], w.wind_weibull_k[m]));
            z[h] = gsl_cdf_ugaussian_Qinv(q);
            c0 += z[h] * z[h];
            n0++;
        }
        for (int j = 0; j < 6; j++)
            for (int h = 0; h + lags[j] < 8760; h++) {
                acc[j] += z[h] * z[h + lags[j]];
                cnt[j]++;
            }
    }
    for (int j = 0; j < 6; j++) {
        double r = acc[j] / (double)cnt[j] / (c0 / (double)n0);
        double model = 0.55 * pow(0.85, lags[j]) + 0.45 * exp(-lags[j] / 60.0);
        CU_ASSERT_DOUBLE_EQUAL(synth_wind_acf(&w, lags[j]), model, 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(r, model, 0.02);
    }
    free(z);
    free_years(y, n);
}

/* ---- generator: daily state --------------------------------------------- */

/* Clearness and temperature innovations recovered exactly: the day's
 * clearness Gaussian from sum GHI / sum Gon cos z (kt_mean 0.5 and sd 0.08
 * keep the clear-sky cap, 0.7 or more, out of reach but for ~0.5 % of
 * days), the day-centre anomaly from two morning hours of a flat
 * temperature (the interpolation is linear there: a_d = T11 + 0.5 (T11 -
 * T10) - 10). corr(e_k, e_t) = corr_kt_temp by construction (l21 l31 +
 * l22 l32); over 100 x 364 days its standard error is below 0.005; bound
 * 0.025. The lag-1 of the recovered series is the setting (0.3 and 0.75). */
static void daily_state_correlation(void)
{
    WeatherSpec w = rich_spec();
    for (int m = 0; m < 12; m++) {
        w.kt_mean[m] = 0.5;
        w.kt_sd[m] = 0.08;
        w.temp_mean_c[m] = 10.0;
        w.temp_range_c[m] = 0.0;
    }
    w.kt_autocorr = 0.3;
    w.year_kt_sd = w.year_temp_sd_c = 0.0;
    const int n = 100;
    WeatherYear **y = gen_years(&w, 11, n);
    double *ek = malloc((size_t)n * 365 * sizeof *ek), *et = malloc((size_t)n * 365 * sizeof *et);
    double sxx = 0, sx1 = 0, saa = 0, sa1 = 0;
    long m = 0;
    for (int i = 0; i < n; i++) {
        double xp = 0, ap = 0;
        for (int d = 0; d < 365; d++) {
            double s0 = 0, sg = 0;
            for (int h = 24 * d; h < 24 * d + 24; h++)
                if (fx->sun.sun_up[h] && fx->sun.cos_zenith[h] > 0) {
                    s0 += fx->sun.extra_normal_wm2[h] * fx->sun.cos_zenith[h];
                    sg += y[i]->ghi_wm2[h];
                }
            double x = synth_kt_to_gauss(0.5, 0.08, sg / s0);
            const double *t = y[i]->temp_c + 24 * d;
            double a = t[11] + 0.5 * (t[11] - t[10]) - 10.0;
            if (d > 0) {
                ek[m] = x - 0.3 * xp;
                et[m] = a - 0.75 * ap;
                sxx += xp * xp; sx1 += xp * x; saa += ap * ap; sa1 += ap * a;
                m++;
            }
            xp = x;
            ap = a;
        }
    }
    double se = 0, st = 0, sk = 0, sek = 0, set = 0;
    for (long i = 0; i < m; i++) { se += ek[i]; st += et[i]; }
    se /= (double)m; st /= (double)m;
    for (long i = 0; i < m; i++) {
        sek += (ek[i] - se) * (ek[i] - se);
        set += (et[i] - st) * (et[i] - st);
        sk += (ek[i] - se) * (et[i] - st);
    }
    CU_ASSERT_DOUBLE_EQUAL(sk / sqrt(sek * set), 0.30, 0.025);
    CU_ASSERT_DOUBLE_EQUAL(sx1 / sxx, 0.3, 0.02);
    CU_ASSERT_DOUBLE_EQUAL(sa1 / saa, 0.75, 0.02);
    CU_ASSERT_DOUBLE_EQUAL(sqrt(saa / (double)m), 2.5, 0.1);   /* anomaly sd: 4 % over ~6000 independent days */
    free(ek);
    free(et);
    free_years(y, n);
}

/* ---- generator: year anomaly -------------------------------------------- */

/* With common random numbers the year's factor and offsets are exact
 * differences between runs with and without the spread: speed ratio =
 * exp(s g - s^2/2), temperature difference = s_t g_t for every hour. Over
 * 400 years the sample sd of a normal is within 4 x 1/sqrt(2 x 399) = 14 %
 * of the truth and the mean of ln factor within 4 s / 20 of -s^2/2. The
 * other streams are untouched. */
static void year_anomaly_spread(void)
{
    WeatherSpec w = rich_spec(), w0 = w;
    w.year_wind_sd_frac = 0.08;
    w.year_temp_sd_c = 1.5;
    w.year_kt_sd = 0.0;
    w0.year_wind_sd_frac = w0.year_temp_sd_c = w0.year_kt_sd = 0.0;
    const int n = 400;
    double *lf = malloc((size_t)n * sizeof *lf), *dt = malloc((size_t)n * sizeof *dt);
    /* calloc: the memcmp below also covers the hours past the year (8784 - 8760) */
    WeatherYear *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    SynthTables *t0 = malloc(sizeof *t0);
    CU_ASSERT_FATAL(synth_tables_build(&fx->tab, &w) == ST_OK && synth_tables_build(t0, &w0) == ST_OK);
    for (int i = 0; i < n; i++) {
        gen_year(&w, 3, i, a);
        SynthTables keep = fx->tab;
        fx->tab = *t0;
        gen_year(&w0, 3, i, b);
        fx->tab = keep;
        lf[i] = log(a->wind_ms[100] / b->wind_ms[100]);
        CU_ASSERT_DOUBLE_EQUAL(a->wind_ms[5000] / b->wind_ms[5000], exp(lf[i]), 1e-12);
        dt[i] = a->temp_c[0] - b->temp_c[0];
        CU_ASSERT_DOUBLE_EQUAL(a->temp_c[8000] - b->temp_c[8000], dt[i], 1e-9);
        /* The year's hours only: the rest of the arrays is malloc's, never written. */
        CU_ASSERT(memcmp(a->ghi_wm2, b->ghi_wm2, (size_t)fx->cal.hours * sizeof a->ghi_wm2[0]) == 0);   /* no clearness spread */
    }
    double ml = 0, sl = 0, md = 0, sd = 0;
    for (int i = 0; i < n; i++) { ml += lf[i]; md += dt[i]; }
    ml /= n; md /= n;
    for (int i = 0; i < n; i++) { sl += (lf[i] - ml) * (lf[i] - ml); sd += (dt[i] - md) * (dt[i] - md); }
    sl = sqrt(sl / (n - 1));
    sd = sqrt(sd / (n - 1));
    CU_ASSERT_DOUBLE_EQUAL(sl, 0.08, 0.14 * 0.08);
    CU_ASSERT_DOUBLE_EQUAL(ml, -0.5 * 0.08 * 0.08, 4 * 0.08 / 20);
    CU_ASSERT_DOUBLE_EQUAL(sd, 1.5, 0.14 * 1.5);
    free(lf); free(dt); free(a); free(b); free(t0);
}

/* ---- round trip ----------------------------------------------------------- */

/* Monthly wind energy through a fixed curve (cut-in 3, rated 12 m/s,
 * cubic between, at the measurement height) and GHI, kWh/m2, per year. */
static double curve(double v)
{
    if (v < 3.0 || v > 25.0) return 0.0;
    if (v >= 12.0) return 1.0;
    return (v * v * v - 27.0) / (1728.0 - 27.0);
}

static void monthly_energy(const WeatherYear *const *y, int n, double wind[12], double wind_sd[12],
                           double ghi[12], double ghi_sd[12])
{
    double sw[12] = { 0 }, sw2[12] = { 0 }, sg[12] = { 0 }, sg2[12] = { 0 };
    for (int i = 0; i < n; i++) {
        double ew[12] = { 0 }, eg[12] = { 0 };
        for (int h = 0; h < 8760; h++) {
            int m = fx->cal.month[h] - 1;
            ew[m] += curve(y[i]->wind_ms[h]);
            eg[m] += y[i]->ghi_wm2[h] / 1000.0;
        }
        for (int m = 0; m < 12; m++) {
            sw[m] += ew[m]; sw2[m] += ew[m] * ew[m];
            sg[m] += eg[m]; sg2[m] += eg[m] * eg[m];
        }
    }
    for (int m = 0; m < 12; m++) {
        wind[m] = sw[m] / n;
        ghi[m] = sg[m] / n;
        wind_sd[m] = n > 1 ? sqrt(fmax(0, (sw2[m] - n * wind[m] * wind[m]) / (n - 1))) : 0;
        ghi_sd[m] = n > 1 ? sqrt(fmax(0, (sg2[m] - n * ghi[m] * ghi[m]) / (n - 1))) : 0;
    }
}

/* The "file": 12 years of a known spec. Fit it, generate 100 years from
 * the fit, fit again. Tolerances (the file's sampling error dominates):
 *  - Weibull k and c per month: 4 x the hourly asymptotic se inflated by
 *    the persistence (effective hours N / 60 for these autocorrelations:
 *    the integral time scale of the Gaussian is ~ 0.55 x 6.7 + 0.45 x 60
 *    = 30 h, two-sided 60);
 *  - monthly wind energy and GHI: 3 x the standard error of the
 *    difference of the two means, from each set's year-to-year sd;
 *  - autocorrelation at 1, 24, 168 h: 0.03 (Bartlett's se for 12 years
 *    is ~0.01 at 168 h); the daily-state and innovation correlations: 0.06
 *    (se ~0.017 for 12 x 364 days, plus the calibration's ~0.015). */
static void round_trip(void)
{
    const int nf = 12, ng = 100;
    WeatherSpec truth = rich_spec();
    WeatherYear **file = gen_years(&truth, 2026, nf);
    WxFit *f1 = malloc(sizeof *f1), *f2 = malloc(sizeof *f2);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(wxfit_run((const WeatherYear *const *)file, NULL, nf, &YIWU, f1, &d) == ST_OK);
    WeatherYear **gen = gen_years(&f1->spec, 4242, ng);
    CU_ASSERT_FATAL(wxfit_run((const WeatherYear *const *)gen, NULL, ng, &YIWU, f2, &d) == ST_OK);
    const WeatherSpec *a = &f1->spec, *b = &f2->spec;
    FILE *log = getenv("WXFIT_LOG") ? stderr : NULL;
    for (int m = 0; m < 12; m++) {
        double infl = sqrt(60.0);
        CU_ASSERT_DOUBLE_EQUAL(a->wind_weibull_k[m], truth.wind_weibull_k[m], 4 * f1->k_se[m] * infl);
        CU_ASSERT_DOUBLE_EQUAL(b->wind_weibull_k[m], a->wind_weibull_k[m], 4 * f1->k_se[m] * infl);
        CU_ASSERT_DOUBLE_EQUAL(b->wind_weibull_c_ms[m], a->wind_weibull_c_ms[m], 4 * f1->c_se[m] * infl);
        if (log) fprintf(log, "m%2d k %.3f %.3f %.3f (se %.3f)  c %.3f %.3f %.3f (se %.3f)  amp %.3f %.3f %.3f peak %.2f %.2f %.2f\n",
                         m + 1, truth.wind_weibull_k[m], a->wind_weibull_k[m], b->wind_weibull_k[m], f1->k_se[m] * infl,
                         truth.wind_weibull_c_ms[m], a->wind_weibull_c_ms[m], b->wind_weibull_c_ms[m], f1->c_se[m] * infl,
                         truth.wind_diurnal_month_amp_frac[m], a->wind_diurnal_month_amp_frac[m], b->wind_diurnal_month_amp_frac[m],
                         truth.wind_diurnal_month_peak_hour[m], a->wind_diurnal_month_peak_hour[m], b->wind_diurnal_month_peak_hour[m]);
    }
    double w1[12], w1s[12], g1[12], g1s[12], w2[12], w2s[12], g2[12], g2s[12];
    monthly_energy((const WeatherYear *const *)file, nf, w1, w1s, g1, g1s);
    monthly_energy((const WeatherYear *const *)gen, ng, w2, w2s, g2, g2s);
    for (int m = 0; m < 12; m++) {
        double tw = 3 * sqrt(w1s[m] * w1s[m] / nf + w2s[m] * w2s[m] / ng);
        double tg = 3 * sqrt(g1s[m] * g1s[m] / nf + g2s[m] * g2s[m] / ng);
        CU_ASSERT_DOUBLE_EQUAL(w2[m], w1[m], tw);
        CU_ASSERT_DOUBLE_EQUAL(g2[m], g1[m], tg);
        if (log) fprintf(log, "m%2d wind FLH %.1f %.1f (tol %.1f, %.1f %%)  GHI %.2f %.2f (tol %.2f, %.2f %%)\n", m + 1,
                         w1[m], w2[m], tw, 100 * (w2[m] / w1[m] - 1), g1[m], g2[m], tg, 100 * (g2[m] / g1[m] - 1));
    }
    static const int lags[] = { 1, 24, 168 };
    for (int j = 0; j < 3; j++) {
        CU_ASSERT_DOUBLE_EQUAL(f2->acf_obs[lags[j]], f1->acf_obs[lags[j]], 0.03);
        if (log) fprintf(log, "acf %3d h: file %.4f generated %.4f (truth model %.4f)\n", lags[j], f1->acf_obs[lags[j]],
                         f2->acf_obs[lags[j]], synth_wind_acf(&truth, lags[j]));
    }
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_DOUBLE_EQUAL(f2->state_corr_obs[i], f1->state_corr_obs[i], 0.06);
        CU_ASSERT_DOUBLE_EQUAL(f2->innov_corr_obs[i], f1->innov_corr_obs[i], 0.06);
        if (log) fprintf(log, "pair %d: state %.3f %.3f  innov %.3f %.3f gain %.3f %.3f\n", i, f1->state_corr_obs[i],
                         f2->state_corr_obs[i], f1->innov_corr_obs[i], f2->innov_corr_obs[i], f1->state_gain[i], f2->state_gain[i]);
    }
    const double tc[3] = { truth.corr_wind_kt, truth.corr_wind_temp, truth.corr_kt_temp };
    const double ac[3] = { a->corr_wind_kt, a->corr_wind_temp, a->corr_kt_temp };
    const double bc[3] = { b->corr_wind_kt, b->corr_wind_temp, b->corr_kt_temp };
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_DOUBLE_EQUAL(ac[i], tc[i], 0.1);
        CU_ASSERT_DOUBLE_EQUAL(bc[i], ac[i], 0.1);
    }
    if (log) {
        fprintf(log, "corr truth %.3f %.3f %.3f fit %.3f %.3f %.3f refit %.3f %.3f %.3f\n", tc[0], tc[1], tc[2], ac[0],
                ac[1], ac[2], bc[0], bc[1], bc[2]);
        fprintf(log, "phi %.3f %.3f %.3f  w %.3f %.3f %.3f  tau %.2f %.2f %.2f\n", truth.wind_autocorr, a->wind_autocorr,
                b->wind_autocorr, truth.wind_slow_share_frac, a->wind_slow_share_frac, b->wind_slow_share_frac,
                truth.wind_slow_efold_days, a->wind_slow_efold_days, b->wind_slow_efold_days);
        fprintf(log, "kt_autocorr %.3f %.3f %.3f  hourly %.4f %.4f %.4f  anom sd %.3f %.3f %.3f  phi %.3f %.3f %.3f\n",
                truth.kt_autocorr, a->kt_autocorr, b->kt_autocorr, truth.kt_hourly_sd, a->kt_hourly_sd, b->kt_hourly_sd,
                truth.temp_anom_sd_c, a->temp_anom_sd_c, b->temp_anom_sd_c, truth.temp_anom_autocorr,
                a->temp_anom_autocorr, b->temp_anom_autocorr);
        fprintf(log, "year wind %.3f %.3f %.3f kt %.4f %.4f %.4f temp %.3f %.3f %.3f\n", truth.year_wind_sd_frac,
                a->year_wind_sd_frac, b->year_wind_sd_frac, truth.year_kt_sd, a->year_kt_sd, b->year_kt_sd,
                truth.year_temp_sd_c, a->year_temp_sd_c, b->year_temp_sd_c);
        for (int m = 0; m < 12; m++)
            fprintf(log, "m%2d kt %.3f %.3f %.3f sd %.3f %.3f %.3f  T %.2f %.2f %.2f range %.2f %.2f %.2f\n", m + 1,
                    truth.kt_mean[m], a->kt_mean[m], b->kt_mean[m], truth.kt_sd[m], a->kt_sd[m], b->kt_sd[m],
                    truth.temp_mean_c[m], a->temp_mean_c[m], b->temp_mean_c[m], truth.temp_range_c[m],
                    a->temp_range_c[m], b->temp_range_c[m]);
    }
    free(f1);
    free(f2);
    free_years(file, nf);
    free_years(gen, ng);
}

/* The round trip on shipped files: sun and temperature from the PVGIS-ERA5
 * TMY at 45 N 8 E (tests/data/weather, the format a planner downloads for
 * Xinjiang), wind at 80 m from the AWS Truepower file of eastern Arizona
 * (a wind site: the PVGIS file's 1.2 m/s at 10 m puts a power curve's
 * energy in the few hours above cut-in), read by the readers and turned
 * into a year at the PVGIS file's place and clock by wxyear, fitted; 100 years generated from the fit (the calibration
 * calendar and sun of the file's site) and fitted again. A file is one
 * realisation, so its monthly energy must lie within 3 x the generated
 * years' year-to-year sd of their mean (plus the mean's own se); the
 * refitted k and c within 4 x the file's inflated se (as above); the
 * autocorrelation at 1/24/168 h of the generated years within 0.05, 0.10,
 * 0.05 of the file's (Bartlett's se for one year is ~0.03; at 24 h this
 * file's nocturnal jet, whose strength persists from one night to the
 * next, adds 0.09 that two exponentials cannot give) and within 0.02 of
 * the fitted model's; their daily-state correlations within 0.1 (se
 * ~0.05 for 364 days). */
static void round_trip_file(void)
{
    WxFile *wf = wxfile_new();
    WxSource *src = malloc(sizeof *src);
    WeatherYear *wx = malloc(sizeof *wx);
    SunTable *sun = malloc(sizeof *sun);
    Calendar *cal = malloc(sizeof *cal);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(wf && src && wx && sun && cal);
    WxFile *ww = wxfile_new();
    CU_ASSERT_FATAL(ww != NULL);
    CU_ASSERT_FATAL(wxfile_read("data/weather/tmy_45.000_8.000_2005_2023.csv", WXF_AUTO, wf, &d) == ST_OK);
    CU_ASSERT_FATAL(wxfile_read("data/weather/AZ_Eastern-Rolling_Hills.srw", WXF_AUTO, ww, &d) == ST_OK);
    Site site = { "pvgis", wf->latitude_deg, wf->longitude_deg, wf->elevation_m, wf->utc_offset_h };
    WxYearOptions o = { 80.0, 0, 1 };
    CU_ASSERT_FATAL(wxyear_prepare(src, wf, ww, &site, &o, &d) == ST_OK);
    CU_ASSERT_EQUAL(src->wind_height_m, 80.0);
    wxfile_free(ww);
    calendar_year_init(cal, 2023);
    wxyear_fill(src, cal, wx, sun);
    WxFit *f1 = malloc(sizeof *f1), *f2 = malloc(sizeof *f2);
    const WeatherYear *one[1] = { wx };
    const SunTable *suns[1] = { sun };
    CU_ASSERT_FATAL(wxfit_run(one, suns, 1, &site, f1, &d) == ST_OK);

    /* generate on the file site's sun */
    SunTable keep_sun = fx->sun;
    suntable_build(&fx->sun, &site, LABEL);
    const int ng = 100;
    WeatherYear **gen = gen_years(&f1->spec, 77, ng);
    CU_ASSERT_FATAL(wxfit_run((const WeatherYear *const *)gen, NULL, ng, &site, f2, &d) == ST_OK);
    const WeatherSpec *a = &f1->spec, *b = &f2->spec;
    FILE *log = getenv("WXFIT_LOG") ? stderr : NULL;
    for (int m = 0; m < 12; m++) {
        double infl = sqrt(60.0);
        CU_ASSERT_DOUBLE_EQUAL(b->wind_weibull_k[m], a->wind_weibull_k[m], 4 * f1->k_se[m] * infl);
        CU_ASSERT_DOUBLE_EQUAL(b->wind_weibull_c_ms[m], a->wind_weibull_c_ms[m], 4 * f1->c_se[m] * infl);
        if (log) fprintf(log, "file m%2d k %.3f %.3f c %.3f %.3f (se x8 %.3f %.3f) kt %.3f %.3f T %.2f %.2f range %.2f %.2f\n",
                         m + 1, a->wind_weibull_k[m], b->wind_weibull_k[m], a->wind_weibull_c_ms[m], b->wind_weibull_c_ms[m],
                         f1->k_se[m] * infl, f1->c_se[m] * infl, f1->kt_obs_mean[m], f2->kt_obs_mean[m],
                         f1->temp_obs_mean[m], f2->temp_obs_mean[m], f1->temp_obs_range[m], f2->temp_obs_range[m]);
    }
    double w1[12], w1s[12], g1[12], g1s[12], w2[12], w2s[12], g2[12], g2s[12];
    const WeatherYear *const *fy = one;
    monthly_energy(fy, 1, w1, w1s, g1, g1s);
    monthly_energy((const WeatherYear *const *)gen, ng, w2, w2s, g2, g2s);
    for (int m = 0; m < 12; m++) {
        double tw = 3 * w2s[m] * sqrt(1.0 + 1.0 / ng), tg = 3 * g2s[m] * sqrt(1.0 + 1.0 / ng);
        CU_ASSERT_DOUBLE_EQUAL(w2[m], w1[m], tw);
        CU_ASSERT_DOUBLE_EQUAL(g2[m], g1[m], tg);
        if (log) fprintf(log, "file m%2d wind FLH %.2f %.2f (tol %.2f, %+.1f %%)  GHI %.2f %.2f (tol %.2f, %+.2f %%)\n", m + 1,
                         w1[m], w2[m], tw, 100 * (w2[m] / w1[m] - 1), g1[m], g2[m], tg, 100 * (g2[m] / g1[m] - 1));
    }
    static const int lags[] = { 1, 24, 168 };
    static const double tol[] = { 0.05, 0.10, 0.05 };
    for (int j = 0; j < 3; j++) {
        CU_ASSERT_DOUBLE_EQUAL(f2->acf_obs[lags[j]], f1->acf_obs[lags[j]], tol[j]);
        CU_ASSERT_DOUBLE_EQUAL(f2->acf_obs[lags[j]], f1->acf_fit[lags[j]], 0.02);   /* the generator is its model */
        if (log) fprintf(log, "file acf %3d h: file %.4f generated %.4f fitted model %.4f\n", lags[j],
                         f1->acf_obs[lags[j]], f2->acf_obs[lags[j]], f1->acf_fit[lags[j]]);
    }
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_DOUBLE_EQUAL(f2->state_corr_obs[i], f1->state_corr_obs[i], 0.1);
        if (log) fprintf(log, "file pair %d: state %.3f %.3f innov %.3f %.3f\n", i, f1->state_corr_obs[i],
                         f2->state_corr_obs[i], f1->innov_corr_obs[i], f2->innov_corr_obs[i]);
    }
    if (log)
        fprintf(log, "file corr fit %.3f %.3f %.3f refit %.3f %.3f %.3f; phi %.3f %.3f w %.3f %.3f tau %.3f %.3f; "
                     "kt_hourly %.4f %.4f scatter %.4f %.4f\n",
                a->corr_wind_kt, a->corr_wind_temp, a->corr_kt_temp, b->corr_wind_kt, b->corr_wind_temp, b->corr_kt_temp,
                a->wind_autocorr, b->wind_autocorr, a->wind_slow_share_frac, b->wind_slow_share_frac,
                a->wind_slow_efold_days, b->wind_slow_efold_days, a->kt_hourly_sd, b->kt_hourly_sd,
                f1->kt_scatter_obs, f2->kt_scatter_obs);
    fx->sun = keep_sun;
    free_years(gen, ng);
    free(f1); free(f2); free(cal); free(sun); free(wx); free(src);
    wxfile_free(wf);
}

/* ---- settings -------------------------------------------------------------- */

/* The scalar diurnal settings fill the monthly vectors when given in a
 * later layer (here --set over a file without them); the vector wins in
 * the same layer; correlations that are not positive definite (0.9, 0.9,
 * -0.9: 1 - 3 x 0.81 - 2 x 0.729 < 0) are refused, naming the setting. */
static void settings_rules(void)
{
    Scenario *s = malloc(sizeof *s);
    Diag d;
    CU_ASSERT_FATAL(s != NULL);
    const char *a[] = { "weather.wind_diurnal_amp_frac=0.2", "weather.wind_diurnal_peak_hour=3" };
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load_with("data/config/minimal.cfg", a, 2, s, &d), ST_OK);
    for (int m = 0; m < 12; m++) {
        CU_ASSERT_EQUAL(s->weather.wind_diurnal_month_amp_frac[m], 0.2);
        CU_ASSERT_EQUAL(s->weather.wind_diurnal_month_peak_hour[m], 3.0);
    }
    const char *b[] = { "weather.wind_diurnal_month_amp_frac=[0.1,0.1,0.1,0.1,0.1,0.1,0.3,0.1,0.1,0.1,0.1,0.1]",
                        "weather.wind_diurnal_amp_frac=0.2" };
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load_with("data/config/minimal.cfg", b, 2, s, &d), ST_OK);
    CU_ASSERT_EQUAL(s->weather.wind_diurnal_month_amp_frac[6], 0.3);
    CU_ASSERT_EQUAL(s->weather.wind_diurnal_month_amp_frac[0], 0.1);
    CU_ASSERT_EQUAL(s->weather.wind_diurnal_month_peak_hour[0], 15.0);   /* the default */
    const char *c[] = { "weather.corr_wind_kt=0.9", "weather.corr_wind_temp=0.9", "weather.corr_kt_temp=-0.9" };
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load_with("data/config/minimal.cfg", c, 3, s, &d), ST_CONFIG_INVALID);
    CU_ASSERT(d.n >= 1 && strstr(d.e[0].setting, "weather.corr_") != NULL);
    CU_ASSERT(synth_corr_ok(0.5, 0.5, 0.5) && !synth_corr_ok(0.9, 0.9, -0.9) && !synth_corr_ok(1.0, 0, 0));
    free(s);
}

void register_test_wxfit(void);

void register_test_wxfit(void)
{
    CU_pSuite s = CU_add_suite("wxfit", setup, teardown);
    CU_add_test(s, "Weibull maximum likelihood on a known sample", weibull_ml_known);
    CU_add_test(s, "two-scale wind autocorrelation against its closed form", two_scale_acf);
    CU_add_test(s, "daily state correlation and persistence against the settings", daily_state_correlation);
    CU_add_test(s, "year anomaly spread against the settings", year_anomaly_spread);
    CU_add_test(s, "round trip: fit, generate 100 years, fit again", round_trip);
    CU_add_test(s, "round trip on a PVGIS TMY file", round_trip_file);
    CU_add_test(s, "diurnal scalar and monthly settings, correlation check", settings_rules);
}
