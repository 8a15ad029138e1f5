/* test_weather_synth.c — synthetic weather against its parameters: Weibull
 * mean and fitted shape, Gaussian-copula persistence, diurnal cycle, SAM's
 * W-2 resource at hub height, irradiance physics (clear-sky cap, closure,
 * Erbs split, night), daily clearness, temperature means and timing, and
 * reproducibility. Sampling tolerances are stated where used; for any
 * function f of a stationary Gaussian AR(1) z with phi >= 0, the lag-l
 * autocorrelation of f(z) is sum_n c_n phi^(n l) <= phi^l (Mehler's
 * expansion, c_n >= 0, sum c_n = 1), so the variance of a sample mean of n
 * hours is at most var f / n * (1 + phi) / (1 - phi). */
#include <CUnit/CUnit.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "solarpos.h"
#include "weather_synth.h"
#include "wind.h"

#define PI 3.14159265358979323846
#define NYEARS 200             /* synthetic years per statistical test */

static const Site YIWU = { "Yiwu", 43.25, 94.7, 1700.0, 8.0 };

typedef struct {
    SynthTables tab;
    Calendar cal;
    SunTable sun;
    WeatherYear wx;
    WindModel wind;
} Fixture;

static Fixture *fx;

static int setup(void)
{
    fx = malloc(sizeof *fx);
    if (!fx) return 1;
    calendar_year_init(&fx->cal, 2023);
    suntable_build(&fx->sun, &YIWU, 2023);
    return 0;
}

static int teardown(void)
{
    free(fx);
    return 0;
}

/* The same diurnal wind cycle in every month (the scalar settings). */
static void set_diurnal(WeatherSpec *w, double amp, double peak)
{
    w->wind_diurnal_amp_frac = amp;
    w->wind_diurnal_peak_hour = peak;
    for (int m = 0; m < 12; m++) {
        w->wind_diurnal_month_amp_frac[m] = amp;
        w->wind_diurnal_month_peak_hour[m] = peak;
    }
}

/* A constant-parameter spec: Weibull k 2, c 8 m/s at 70 m, phi 0.96, no
 * diurnal cycle; clearness 0.55 +- 0.10, day-to-day 0.3, hourly 0.05;
 * temperature 10 C with a 12 C range. */
static WeatherSpec base_spec(void)
{
    WeatherSpec w = { 0 };
    w.wind_ref_height_m = 70.0;
    for (int m = 0; m < 12; m++) {
        w.wind_weibull_k[m] = 2.0;
        w.wind_weibull_c_ms[m] = 8.0;
        w.kt_mean[m] = 0.55;
        w.kt_sd[m] = 0.10;
        w.temp_mean_c[m] = 10.0;
        w.temp_range_c[m] = 12.0;
    }
    w.wind_autocorr = 0.96;
    w.wind_slow_efold_days = 4.0;
    set_diurnal(&w, 0.0, 14.0);
    w.kt_autocorr = 0.3;
    w.kt_hourly_sd = 0.05;
    w.temp_anom_sd_c = 2.0;
    w.temp_anom_autocorr = 0.7;
    return w;
}

/* Year `run` of seed `seed` (2023 calendar, Yiwu sun) into fx->wx. */
static void make_year(const WeatherSpec *w, unsigned long seed, unsigned long run)
{
    unsigned long base = 2023UL * RNG_STREAMS_PER_YEAR;
    gsl_rng *a = rng_stream(seed, run, base + RNG_PURPOSE_WIND);
    gsl_rng *b = rng_stream(seed, run, base + RNG_PURPOSE_SOLAR);
    gsl_rng *c = rng_stream(seed, run, base + RNG_PURPOSE_TEMPERATURE);
    CU_ASSERT_FATAL(a && b && c);
    gsl_rng *d = rng_stream(seed, run, base + RNG_PURPOSE_WIND_SLOW);
    gsl_rng *e = rng_stream(seed, run, base + RNG_PURPOSE_YEAR);
    CU_ASSERT_FATAL(d && e);
    SynthStreams rs = { a, b, c, d, e };
    synth_weather_year(&fx->tab, w, &YIWU, &fx->cal, &fx->sun, &rs, &fx->wx);
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
    gsl_rng_free(d);
    gsl_rng_free(e);
}

/* Weibull maximum-likelihood shape: the root of
 * g(k) = sum v^k ln v / sum v^k - 1/k - mean ln v (Cohen 1965), by Newton
 * from k = 1 (g is increasing). */
static double weibull_mle_k(const double *v, long n)
{
    double *lv = malloc((size_t)n * sizeof *lv), mean_ln = 0, k = 1.0;
    for (long i = 0; i < n; i++) {
        lv[i] = log(v[i]);
        mean_ln += lv[i];
    }
    mean_ln /= (double)n;
    for (int it = 0; it < 30; it++) {
        double s0 = 0, s1 = 0, s2 = 0;
        for (long i = 0; i < n; i++) {
            double p = exp(k * lv[i]);
            s0 += p;
            s1 += p * lv[i];
            s2 += p * lv[i] * lv[i];
        }
        double g = s1 / s0 - 1 / k - mean_ln;
        double dg = s2 / s0 - (s1 / s0) * (s1 / s0) + 1 / (k * k);
        double step = g / dg;
        k -= step;
        if (fabs(step) < 1e-10) break;
    }
    free(lv);
    return k;
}

/* ---- wind ------------------------------------------------------------- */

/* Marginal: mean c Gamma(1.5) = 7.0898 m/s, sd 3.7060 m/s; over n = 200 x
 * 8760 hours the mean's sd is at most 3.706 sqrt(49 / n) = 0.0196 m/s and
 * the MLE shape's at most k sqrt(0.608 x 49 / n) = 0.0083 (Cohen 1965's
 * asymptotic variance 0.608 k^2 / n, inflated by the same bound); the
 * scale c = (mean v^k)^(1/k) has sd <= c sqrt(1.109 x 49 / (k^2 n)) = 0.022.
 * Bounds are 4 sd. */
static void wind_marginal(void)
{
    WeatherSpec w = base_spec();
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    long n = (long)NYEARS * 8760;
    double *v = malloc((size_t)n * sizeof *v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 11, (unsigned long)y);
        memcpy(v + (long)y * 8760, fx->wx.wind_ms, 8760 * sizeof *v);
    }
    double mean = 0;
    for (long i = 0; i < n; i++) mean += v[i];
    mean /= (double)n;
    CU_ASSERT_DOUBLE_EQUAL(mean, 8.0 * 0.886226925452758, 4 * 0.0196);
    double k = weibull_mle_k(v, n), sk = 0;
    for (long i = 0; i < n; i++) sk += pow(v[i], k);
    double c = pow(sk / (double)n, 1.0 / k);
    CU_ASSERT_DOUBLE_EQUAL(k, 2.0, 4 * 0.0083);
    CU_ASSERT_DOUBLE_EQUAL(c, 8.0, 4 * 0.022);
    free(v);
}

/* Persistence. Mapped back through the exact Weibull CDF and the normal
 * quantile, the lag-1 correlation is phi = 0.96 (sample sd ~
 * sqrt((1 - phi^2) / n) = 2e-4). In speed space the grade (Spearman)
 * correlation, estimated by correlating F(v_t) with F(v_(t+1)), is exactly
 * (6/pi) asin(phi/2) = 0.95618 for a Gaussian copula; the Pearson
 * correlation of the speeds is E[g(z1) g(z2)] for the Weibull quantile g,
 * here by 2-D Gauss-Hermite quadrature (0.9589). */
static double weibull_q(double z, double k, double c)
{
    double l = z < 0 ? -log1p(-gsl_cdf_ugaussian_P(z)) : -log(gsl_cdf_ugaussian_Q(z));
    return c * pow(l, 1.0 / k);
}

static double pearson_lag1_expected(double phi, double k, double c)
{
    enum { NQ = 60 };
    gsl_integration_fixed_workspace *ws =
        gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, NQ, 0.0, 1.0, 0.0, 0.0);
    const double *x = gsl_integration_fixed_nodes(ws), *wt = gsl_integration_fixed_weights(ws);
    double m1 = 0, m2 = 0, m12 = 0, s = sqrt(1 - phi * phi);
    for (int i = 0; i < NQ; i++) {
        double z1 = sqrt(2.0) * x[i], g1 = weibull_q(z1, k, c);
        m1 += wt[i] * g1 / sqrt(PI);
        m2 += wt[i] * g1 * g1 / sqrt(PI);
        for (int j = 0; j < NQ; j++) {
            double z2 = phi * z1 + s * sqrt(2.0) * x[j];
            m12 += wt[i] * wt[j] * g1 * weibull_q(z2, k, c) / PI;
        }
    }
    gsl_integration_fixed_free(ws);
    return (m12 - m1 * m1) / (m2 - m1 * m1);
}

static double corr_lag1(const double *a, long n)   /* within one series */
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (long i = 0; i + 1 < n; i++) {
        sx += a[i]; sy += a[i + 1];
        sxx += a[i] * a[i]; syy += a[i + 1] * a[i + 1]; sxy += a[i] * a[i + 1];
    }
    double m = (double)(n - 1);
    double cov = sxy / m - sx / m * sy / m;
    return cov / sqrt((sxx / m - sx / m * sx / m) * (syy / m - sy / m * sy / m));
}

static void wind_persistence(void)
{
    WeatherSpec w = base_spec();
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    const int ny = 50;
    double rz = 0, ru = 0, rv = 0;
    double *z = malloc(8760 * sizeof *z), *u = malloc(8760 * sizeof *u);
    for (int y = 0; y < ny; y++) {
        make_year(&w, 12, (unsigned long)y);
        for (int h = 0; h < 8760; h++) {
            double q = exp(-pow(fx->wx.wind_ms[h] / 8.0, 2.0));    /* 1 - F(v) */
            u[h] = 1.0 - q;
            z[h] = gsl_cdf_ugaussian_Qinv(q);
        }
        rz += corr_lag1(z, 8760) / ny;
        ru += corr_lag1(u, 8760) / ny;
        rv += corr_lag1(fx->wx.wind_ms, 8760) / ny;
    }
    free(z);
    free(u);
    double expect_v = pearson_lag1_expected(0.96, 2.0, 8.0);
    CU_ASSERT_DOUBLE_EQUAL(expect_v, 0.9589, 5e-4);
    CU_ASSERT_DOUBLE_EQUAL(rz, 0.96, 0.002);
    CU_ASSERT_DOUBLE_EQUAL(ru, 6.0 / PI * asin(0.48), 0.002);
    CU_ASSERT_DOUBLE_EQUAL(rv, expect_v, 0.002);
}

/* Diurnal modulation 1 + 0.15 cos(2 pi (h + 0.5 - 15.5)/24): the clock
 * hour 15 (15:00-16:00, mid-hour 15:30) has the largest mean, the first
 * harmonic of the hour-of-day means peaks at 15.5 h with relative
 * amplitude 0.15, and the overall mean stays c Gamma(1.5). */
static void wind_diurnal(void)
{
    WeatherSpec w = base_spec();
    set_diurnal(&w, 0.15, 15.5);
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    double by_hour[24] = { 0 }, mean = 0;
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 13, (unsigned long)y);
        for (int h = 0; h < 8760; h++) by_hour[h % 24] += fx->wx.wind_ms[h];
    }
    int best = 0;
    double a = 0, b = 0;
    for (int k = 0; k < 24; k++) {
        by_hour[k] /= NYEARS * 365.0;
        mean += by_hour[k] / 24;
        if (by_hour[k] > by_hour[best]) best = k;
        a += by_hour[k] * cos(2 * PI * (k + 0.5) / 24);
        b += by_hour[k] * sin(2 * PI * (k + 0.5) / 24);
    }
    CU_ASSERT_EQUAL(best, 15);
    double peak = atan2(b, a) * 24 / (2 * PI);
    if (peak < 0) peak += 24;
    CU_ASSERT_DOUBLE_EQUAL(peak, 15.5, 0.15);
    CU_ASSERT_DOUBLE_EQUAL(2 * sqrt(a * a + b * b) / 24 / mean, 0.15, 0.01);
    CU_ASSERT_DOUBLE_EQUAL(mean, 8.0 * 0.886226925452758, 4 * 0.0196);
}

/* The whole documented range of the diurnal amplitude is usable: at 1.0 the
 * factor 1 + cos(2 pi (k + 0.5 - peak) / 24) of the hour farthest from the
 * peak is 1 - cos(pi / 24) = 0.00856 (peak 14.0 puts hour 2 at its trough
 * 11.5 h away), so speeds stay >= 0 (accepted by `check`, it used to fail
 * only at run time). */
static void wind_diurnal_full_amplitude(void)
{
    WeatherSpec w = base_spec();
    set_diurnal(&w, 1.0, 14.0);
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    make_year(&w, 17, 0);
    for (int h = 0; h < 8760; h++) CU_ASSERT_FATAL(fx->wx.wind_ms[h] >= 0.0);
    w.wind_diurnal_month_amp_frac[6] = 1.0000001;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
}

/* Monthly parameters: month m has k = 1.6 + 0.1 m and c = 5 + 0.5 m; each
 * month's sample mean is c Gamma(1 + 1/k) within 4 sd (n = 200 x days x 24
 * hours, the same bound as above with the month's sd). */
static void wind_monthly(void)
{
    WeatherSpec w = base_spec();
    for (int m = 0; m < 12; m++) {
        w.wind_weibull_k[m] = 1.6 + 0.1 * m;
        w.wind_weibull_c_ms[m] = 5.0 + 0.5 * m;
    }
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    double sum[12] = { 0 };
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 14, (unsigned long)y);
        for (int h = 0; h < 8760; h++) sum[fx->cal.month[h] - 1] += fx->wx.wind_ms[h];
    }
    for (int m = 0; m < 12; m++) {
        double k = w.wind_weibull_k[m], c = w.wind_weibull_c_ms[m];
        double g1 = gsl_sf_gamma(1 + 1 / k), g2 = gsl_sf_gamma(1 + 2 / k);
        double n = NYEARS * (double)(fx->cal.month_first_hour[m + 1] - fx->cal.month_first_hour[m]);
        double sd = c * sqrt(g2 - g1 * g1) * sqrt(49.0 / n);
        CU_ASSERT_DOUBLE_EQUAL(sum[m] / n, c * g1, 4 * sd);
    }
}

/* SAM W-2 resource: Weibull k = 2 with mean 7.25 m/s at 50 m (c = 7.25 /
 * Gamma(1.5) = 8.18067), sheared by 0.14 to the 80 m hub: mean 7.74310
 * m/s. Over 200 years the hub mean's sd is <= 7.25 x 1.068014 x 0.52272 x
 * sqrt(49 / n) = 0.0214 m/s. The farm then yields, per turbine, the
 * Weibull integral of SAM's curve; SAM's half-bin sum gives 180,453,760 kWh
 * / (32 x 8760 h) = 643.74 kW; the output's sd is <= 750 kW x sqrt(49 / n)
 * = 4.0 kW. Bounds are 4 sd. */
static const double SAM_KW_3_5[] = {
    21.32, 33.51, 45.69, 65.21, 79.83, 104.25, 128.66, 157.97, 187.27, 216.58,
    250.78, 292.32, 333.85, 375.40, 426.72, 475.60, 534.27, 597.81, 656.49, 724.94,
    798.29, 871.63, 940.08, 1010, 1060, 1130, 1190, 1240, 1290, 1330,
    1370, 1390, 1410, 1430, 1440, 1460, 1470, 1475, 1480, 1485,
    1490, 1495
};

static void sam_w2_synthetic(void)
{
    WeatherSpec w = base_spec();
    w.wind_ref_height_m = 50.0;
    for (int m = 0; m < 12; m++) w.wind_weibull_c_ms[m] = 7.25 / 0.886226925452758;
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    WindParams p = { 0 };
    p.hub_height_m = 80;
    p.shear_exponent = 0.14;
    p.availability_frac = 1;
    p.curve_n = 161;
    for (int i = 0; i < 161; i++) {
        p.power_curve_speed_ms[i] = 0.25 * i;
        p.power_curve_frac[i] = i < 14 || i > 100 ? 0 : i >= 56 ? 1 : SAM_KW_3_5[i - 14] / 1500;
    }
    CU_ASSERT_EQUAL_FATAL(wind_model_init(&fx->wind, &p, 50.0), ST_OK);
    double hub = 0, kw = 0, *out = malloc(8760 * sizeof *out);
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 15, (unsigned long)y);
        CU_ASSERT_EQUAL(fx->wx.wind_height_m, 50.0);
        wind_unit_output(&fx->wind, &fx->wx, out);
        for (int h = 0; h < 8760; h++) {
            hub += fx->wx.wind_ms[h] * 1.068014;
            kw += out[h] * 1500;
        }
    }
    free(out);
    double n = NYEARS * 8760.0;
    CU_ASSERT_DOUBLE_EQUAL(hub / n, 7.74310, 4 * 0.0214);
    CU_ASSERT_DOUBLE_EQUAL(kw / n, 180453760.0 / (32 * 8760.0), 4 * 4.0);
}

/* ---- irradiance ------------------------------------------------------- */

/* Ineichen and Perez (2002) clear sky, written out from the paper's
 * equations for the check: Kasten-Young air mass at the apparent zenith,
 * times p/p0 of the standard atmosphere; Linke turbidity 2. */
static void ineichen(double zen_deg, double gon, double elev, double *ghi, double *dni)
{
    double mu = cos(zen_deg * PI / 180);
    double am = 1 / (mu + 0.50572 * pow(96.07995 - zen_deg, -1.6364));
    am *= pow(1 - 2.25577e-5 * elev, 5.25588);
    double tl = 2.0, fh1 = exp(-elev / 8000), fh2 = exp(-elev / 1250);
    double cg1 = 5.09e-5 * elev + 0.868, cg2 = 3.92e-5 * elev + 0.0387;
    *ghi = cg1 * gon * mu * exp(-cg2 * am * (fh1 + fh2 * (tl - 1)));
    double b = 0.664 + 0.163 / fh1;
    double bn = b * gon * exp(-0.09 * am * (tl - 1));
    double bn2 = *ghi * (1 - (0.1 - 0.2 * exp(-tl)) / (0.1 + 0.882 / fh1)) / mu;
    *dni = bn < bn2 ? bn : bn2;
}

/* Erbs, Klein and Duffie (1982), eq. for hourly data. */
static double erbs(double kt)
{
    if (kt <= 0.22) return 1 - 0.09 * kt;
    if (kt <= 0.80)
        return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * pow(kt, 3) + 12.336 * pow(kt, 4);
    return 0.165;
}

static void solar_physics(void)
{
    WeatherSpec w = base_spec();
    w.kt_hourly_sd = 0.08;                   /* push against the caps */
    for (int m = 0; m < 12; m++) { w.kt_mean[m] = 0.68; w.kt_sd[m] = 0.08; }
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    long bad_night = 0, bad_cap = 0, bad_dni_cap = 0, bad_closure = 0, bad_sign = 0;
    long erbs_hours = 0, bad_erbs = 0, capped = 0, sunlit = 0;
    for (int y = 0; y < 20; y++) {
        make_year(&w, 16, (unsigned long)y);
        const WeatherYear *x = &fx->wx;
        const SunTable *s = &fx->sun;
        for (int h = 0; h < 8760; h++) {
            double g = x->ghi_wm2[h], bn = x->dni_wm2[h], df = x->dhi_wm2[h];
            double mu = s->cos_zenith[h];
            if (!s->sun_up[h] || mu <= 0) {
                bad_night += g != 0 || bn != 0 || df != 0;
                continue;
            }
            sunlit++;
            double gcs, bcs;
            ineichen(s->zenith_deg[h], s->extra_normal_wm2[h], YIWU.elevation_m, &gcs, &bcs);
            bad_cap += g > gcs * (1 + 1e-3) + 1e-9;
            capped += g > gcs * (1 - 1e-6);
            bad_dni_cap += bn > bcs * (1 + 1e-3) + 1e-9 || bn > s->extra_normal_wm2[h];
            bad_closure += fabs(bn * mu + df - g) > 1e-9 * (1 + g);
            bad_sign += g < 0 || bn < 0 || df < 0;
            if (mu > 0.01 && g > 0 && bn < bcs * 0.99) {   /* DNI cap not binding */
                erbs_hours++;
                bad_erbs += fabs(df / g - erbs(g / (s->extra_normal_wm2[h] * mu))) > 1e-9;
            }
        }
    }
    CU_ASSERT_EQUAL(bad_night, 0);
    CU_ASSERT_EQUAL(bad_cap, 0);
    CU_ASSERT_EQUAL(bad_dni_cap, 0);
    CU_ASSERT_EQUAL(bad_closure, 0);
    CU_ASSERT_EQUAL(bad_sign, 0);
    CU_ASSERT_EQUAL(bad_erbs, 0);
    CU_ASSERT(erbs_hours > sunlit / 2);      /* the split is mostly Erbs itself */
    CU_ASSERT(capped > 0);                   /* and the cap was exercised */
}

/* Daily clearness Kt = sum GHI / sum Gon cos z. With no spread at all the
 * day's clearness is exactly kt_mean (the hourly jitter is restored into
 * the day's total); with spread, each month's mean over 200 years is
 * kt_mean less the part of the distribution above the day's clear-sky
 * clearness (about 0.72 in winter here, so < 0.003 for 0.55 +- 0.10); the
 * sampling sd is 0.10 sqrt(1.86 / (200 x 30)) = 0.0018. */
static void daily_clearness(void)
{
    WeatherSpec w = base_spec();
    for (int m = 0; m < 12; m++) w.kt_sd[m] = 0.0;
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    make_year(&w, 17, 0);
    double worst = 0;
    for (int d = 0; d < 365; d++) {
        double g = 0, g0 = 0;
        for (int h = 24 * d; h < 24 * d + 24; h++) {
            g += fx->wx.ghi_wm2[h];
            g0 += fx->sun.extra_normal_wm2[h] * fx->sun.cos_zenith[h];
        }
        worst = fmax(worst, fabs(g / g0 - 0.55));
    }
    CU_ASSERT(worst < 1e-12);

    w = base_spec();
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    double sum[12] = { 0 }, sum2[12] = { 0 };
    int cnt[12] = { 0 };
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 18, (unsigned long)y);
        for (int d = 0; d < 365; d++) {
            double g = 0, g0 = 0;
            for (int h = 24 * d; h < 24 * d + 24; h++) {
                g += fx->wx.ghi_wm2[h];
                g0 += fx->sun.extra_normal_wm2[h] * fx->sun.cos_zenith[h];
            }
            int m = fx->cal.month[24 * d] - 1;
            sum[m] += g / g0;
            sum2[m] += (g / g0) * (g / g0);
            cnt[m]++;
        }
    }
    for (int m = 0; m < 12; m++) {
        double mean = sum[m] / cnt[m], sd = sqrt(sum2[m] / cnt[m] - mean * mean);
        CU_ASSERT(mean > 0.55 - 0.003 - 4 * 0.0018 && mean < 0.55 + 4 * 0.0018);
        CU_ASSERT_DOUBLE_EQUAL(sd, 0.10, 0.01);
    }
}

/* ---- temperature and pressure ----------------------------------------- */

/* Monthly means over 200 years equal the parameters (anomaly sd 2 C,
 * lag-1 0.7: the month's mean has sd 2 sqrt(5.67 / (200 x 30)) = 0.061 C;
 * bound 4 sd). Timing, from solarpos's independent sunrise and sunset: at
 * 94.7 E on UTC+8 solar noon, (rise + set)/2, is near 13:40-13:50 clock
 * time, so the 15:00 solar maximum falls near 16:45: the warmest clock
 * hour's middle lies within an hour of it (hour 16 in July; in January the
 * slower fall after the peak makes hour 17 warmer than hour 16); the
 * coldest hour's middle lies within an hour of sunrise; the mean profile
 * spans nearly the month's range. */
static void temperature(void)
{
    WeatherSpec w = base_spec();
    for (int m = 0; m < 12; m++) {
        w.temp_mean_c[m] = 8.0 - 18.0 * cos(2 * PI * (m + 0.5 - 0.6) / 12);
        w.temp_range_c[m] = 10.0 + 0.5 * m;
    }
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    double sum[12] = { 0 }, jan[24] = { 0 }, jul[24] = { 0 };
    for (int y = 0; y < NYEARS; y++) {
        make_year(&w, 19, (unsigned long)y);
        for (int h = 0; h < 8760; h++) {
            int m = fx->cal.month[h] - 1;
            sum[m] += fx->wx.temp_c[h];
            if (m == 0) jan[h % 24] += fx->wx.temp_c[h];
            if (m == 6) jul[h % 24] += fx->wx.temp_c[h];
        }
    }
    for (int m = 0; m < 12; m++) {
        double n = NYEARS * (double)(fx->cal.month_first_hour[m + 1] - fx->cal.month_first_hour[m]);
        CU_ASSERT_DOUBLE_EQUAL(sum[m] / n, w.temp_mean_c[m], 4 * 0.061);
    }
    double *prof[2] = { jan, jul };
    int month[2] = { 1, 7 };
    for (int i = 0; i < 2; i++) {
        int hmax = 0, hmin = 0;
        for (int k = 0; k < 24; k++) {
            if (prof[i][k] > prof[i][hmax]) hmax = k;
            if (prof[i][k] < prof[i][hmin]) hmin = k;
        }
        double rise, set;
        solarpos_sunrise_sunset(2023, month[i], 15, YIWU.utc_offset_h, YIWU.latitude_deg,
                                YIWU.longitude_deg, &rise, &set);
        double noon = 0.5 * (rise + set);
        CU_ASSERT(noon > 13.5 && noon < 14.0);
        CU_ASSERT(fabs(hmax + 0.5 - (noon + 3.0)) <= 1.0);
        CU_ASSERT(fabs(hmin + 0.5 - rise) <= 1.0);
        if (month[i] == 7) CU_ASSERT_EQUAL(hmax, 16);
        double span = (prof[i][hmax] - prof[i][hmin]) / (NYEARS * 31.0);
        CU_ASSERT_DOUBLE_EQUAL(span, w.temp_range_c[month[i] - 1], 0.05 * w.temp_range_c[month[i] - 1]);
    }
}

/* Standard atmosphere at 1700 m: 101325 (1 - 2.25577e-5 x 1700)^5.25588 =
 * 82,501.29 Pa, every hour. */
static void pressure(void)
{
    WeatherSpec w = base_spec();
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    make_year(&w, 20, 0);
    CU_ASSERT_DOUBLE_EQUAL(fx->wx.pressure_pa[0], 82501.29, 0.01);
    CU_ASSERT_DOUBLE_EQUAL(fx->wx.pressure_pa[8759], 82501.29, 0.01);
}

/* ---- reproducibility and bookkeeping ---------------------------------- */

static void reproducible(void)
{
    WeatherSpec w = base_spec();
    set_diurnal(&w, 0.1, 14.0);
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    WeatherYear *a = malloc(sizeof *a);
    make_year(&w, 21, 3);
    *a = fx->wx;
    make_year(&w, 21, 3);
    CU_ASSERT(memcmp(a, &fx->wx, sizeof *a) == 0);
    make_year(&w, 22, 3);                     /* another seed: every series differs */
    CU_ASSERT(memcmp(a->wind_ms, fx->wx.wind_ms, sizeof a->wind_ms) != 0);
    CU_ASSERT(memcmp(a->ghi_wm2, fx->wx.ghi_wm2, sizeof a->ghi_wm2) != 0);
    CU_ASSERT(memcmp(a->temp_c, fx->wx.temp_c, sizeof a->temp_c) != 0);

    /* The streams are independent inputs: a new solar stream leaves wind
     * and temperature bit-identical. */
    unsigned long base = 2023UL * RNG_STREAMS_PER_YEAR;
    gsl_rng *rw = rng_stream(21, 3, base + RNG_PURPOSE_WIND);
    gsl_rng *rs = rng_stream(99, 9, base + RNG_PURPOSE_SOLAR);
    gsl_rng *rt = rng_stream(21, 3, base + RNG_PURPOSE_TEMPERATURE);
    SynthStreams st = { rw, rs, rt, NULL, NULL };
    synth_weather_year(&fx->tab, &w, &YIWU, &fx->cal, &fx->sun, &st, &fx->wx);
    gsl_rng_free(rw);
    gsl_rng_free(rs);
    gsl_rng_free(rt);
    CU_ASSERT(memcmp(a->wind_ms, fx->wx.wind_ms, sizeof a->wind_ms) == 0);
    CU_ASSERT(memcmp(a->temp_c, fx->wx.temp_c, sizeof a->temp_c) == 0);
    CU_ASSERT(memcmp(a->ghi_wm2, fx->wx.ghi_wm2, sizeof a->ghi_wm2) != 0);
    free(a);
}

/* The draws are GSL's own made inline (weather_synth.c): the tables read
 * GSL's ziggurat, and a year with every stream in use (slow wind, year
 * anomaly, correlations) is bit for bit the year made with every draw
 * through GSL's functions (zig_ok 0). Strip 0 of GSL's ziggurat is all
 * wedge (never accepted at once), strip 1's bound is 12590644 (its table's
 * first non-zero entry), and the strips accept at once 97 % of all draws
 * (the rest is the wedges and the tail: the ziggurat's total acceptance
 * of 98.8 % for 128 strips includes the wedges' own). */
static void draws_are_gsl(void)
{
    WeatherSpec w = base_spec();
    set_diurnal(&w, 0.1, 14.0);
    w.wind_slow_share_frac = 0.4;
    w.corr_wind_kt = -0.3;
    w.corr_kt_temp = 0.2;
    w.year_wind_sd_frac = 0.05;
    w.year_kt_sd = 0.02;
    w.year_temp_sd_c = 0.5;
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    CU_ASSERT_FATAL(fx->tab.zig_ok);
    CU_ASSERT_EQUAL(fx->tab.zig_k[0], 0);
    CU_ASSERT_EQUAL(fx->tab.zig_k[1], 12590644);
    double quick = 0.0;
    for (int i = 0; i < 128; i++) quick += (double)fx->tab.zig_k[i] / 16777216.0 / 128.0;
    CU_ASSERT(quick > 0.96 && quick < 0.98);
    WeatherYear *a = malloc(sizeof *a);
    CU_ASSERT_FATAL(a != NULL);
    for (unsigned long run = 1; run <= 3; run++) {
        fx->tab.zig_ok = 1;
        make_year(&w, 7, run);
        *a = fx->wx;
        fx->tab.zig_ok = 0;
        make_year(&w, 7, run);
        CU_ASSERT(memcmp(a, &fx->wx, sizeof *a) == 0);
    }
    free(a);
}

static void leap_year_and_fields(void)
{
    WeatherSpec w = base_spec();
    CU_ASSERT_EQUAL_FATAL(synth_tables_build(&fx->tab, &w), ST_OK);
    Calendar *cal = malloc(sizeof *cal);
    SunTable *sun = malloc(sizeof *sun);
    calendar_year_init(cal, 2024);
    suntable_build(sun, &YIWU, 2024);
    gsl_rng *a = rng_stream(5, 0, 1), *b = rng_stream(5, 0, 2), *c = rng_stream(5, 0, 3);
    SynthStreams st = { a, b, c, NULL, NULL };
    synth_weather_year(&fx->tab, &w, &YIWU, cal, sun, &st, &fx->wx);
    CU_ASSERT_EQUAL(fx->wx.year, 2024);
    CU_ASSERT_EQUAL(fx->wx.hours, 8784);
    CU_ASSERT_EQUAL(fx->wx.wind_height_m, 70.0);
    int finite = 1;
    for (int h = 0; h < 8784; h++)
        finite &= isfinite(fx->wx.wind_ms[h]) && fx->wx.wind_ms[h] >= 0 && isfinite(fx->wx.ghi_wm2[h])
                  && isfinite(fx->wx.dni_wm2[h]) && isfinite(fx->wx.dhi_wm2[h])
                  && isfinite(fx->wx.temp_c[h]) && isfinite(fx->wx.pressure_pa[h]);
    CU_ASSERT(finite);
    double feb29 = 0;                        /* 29 Feb has daylight */
    for (int h = 59 * 24; h < 60 * 24; h++) feb29 += fx->wx.ghi_wm2[h];
    CU_ASSERT(feb29 > 0);
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
    free(cal);
    free(sun);
}

static void invalid_specs(void)
{
    WeatherSpec w = base_spec();
    w.wind_weibull_k[3] = 0.0;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
    w = base_spec();
    w.wind_autocorr = 1.0;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
    w = base_spec();
    w.kt_mean[5] = 0.79;                     /* 0.03 below the bound with sd 0.2 */
    w.kt_sd[5] = 0.2;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
    w = base_spec();
    w.wind_diurnal_month_amp_frac[0] = 1.2;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
    w = base_spec();
    w.temp_range_c[0] = NAN;
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_CONFIG_RANGE);
    w = base_spec();
    for (int m = 0; m < 12; m++) { w.kt_mean[m] = 0.45 + 0.02 * m; w.kt_sd[m] = 0.05 + 0.005 * m; }
    CU_ASSERT_EQUAL(synth_tables_build(&fx->tab, &w), ST_OK);
    /* The feasibility frontier of the truncated normal on [0.02, 0.82]: an
     * exponential tail at the bound has sd = the distance to it, so a spread
     * at or beyond that distance is impossible. */
    CU_ASSERT(synth_kt_feasible(0.65, 0.12));
    CU_ASSERT(!synth_kt_feasible(0.70, 0.12));
    CU_ASSERT(!synth_kt_feasible(0.25, 0.23));
    CU_ASSERT(synth_kt_feasible(0.30, 0.0));
    CU_ASSERT(!synth_kt_feasible(0.90, 0.0));
}

void register_test_weather_synth(void);
void register_test_weather_synth(void)
{
    CU_pSuite s = CU_add_suite("test_weather_synth", setup, teardown);
    CU_add_test(s, "wind Weibull mean and MLE fit", wind_marginal);
    CU_add_test(s, "wind lag-1 persistence", wind_persistence);
    CU_add_test(s, "wind diurnal peak", wind_diurnal);
    CU_add_test(s, "wind diurnal amplitude 1.0", wind_diurnal_full_amplitude);
    CU_add_test(s, "wind monthly parameters", wind_monthly);
    CU_add_test(s, "SAM W-2 resource at hub height", sam_w2_synthetic);
    CU_add_test(s, "irradiance physics", solar_physics);
    CU_add_test(s, "daily clearness", daily_clearness);
    CU_add_test(s, "temperature means and timing", temperature);
    CU_add_test(s, "pressure", pressure);
    CU_add_test(s, "reproducible from the streams", reproducible);
    CU_add_test(s, "draws bit for bit GSL's", draws_are_gsl);
    CU_add_test(s, "leap year and fields", leap_year_and_fields);
    CU_add_test(s, "invalid specs", invalid_specs);
}
