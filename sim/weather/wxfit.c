/* wxfit.c — fits the synthetic-weather settings to hourly weather years
 * (docs/fit-weather.md; the model is weather_synth.h). One pass computes
 * every statistic from a set of years; wxfit_run applies it to the
 * observed years, then to years the generator draws with the first-pass
 * settings, and corrects the settings whose statistic the generator does
 * not reproduce one to one. Deterministic (a fixed seed), no I/O. */
#include "wxfit.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "rng.h"
#include "solarpos.h"
#include "weather_synth.h"

#define PI 3.14159265358979323846
#define MAXH ECSIM_MAX_HOURS
#define MU_SCATTER 0.1             /* hours with cos z below this are left out of the scatter */
#define SUN_CACHE 4

/* ---- Weibull ------------------------------------------------------------ */

typedef struct {
    const double *lx;              /* ln x - ln_max: x^k stays <= 1 */
    long n;
    double mean_l;
} WeibullData;

/* g(k) = sum x^k ln x / sum x^k - 1/k - mean ln x (the shift cancels). */
static double weibull_g(double k, void *p)
{
    const WeibullData *w = p;
    double s0 = 0.0, s1 = 0.0;
    for (long i = 0; i < w->n; i++) {
        double e = exp(k * w->lx[i]);
        s0 += e;
        s1 += e * w->lx[i];
    }
    return s1 / s0 - 1.0 / k - w->mean_l;
}

int wxfit_weibull_ml(const double *x, long n, double *k, double *c)
{
    if (n < 2) return -1;
    double *lx = malloc((size_t)n * sizeof *lx);
    if (!lx) return -1;
    double lmax = -HUGE_VAL, lmin = HUGE_VAL, mean = 0.0;
    for (long i = 0; i < n; i++) {
        lx[i] = log(x[i]);
        lmax = fmax(lmax, lx[i]);
        lmin = fmin(lmin, lx[i]);
    }
    if (!(lmax > lmin) || !isfinite(lmax) || !isfinite(lmin)) { free(lx); return -1; }
    for (long i = 0; i < n; i++) {
        lx[i] -= lmax;
        mean += lx[i];
    }
    WeibullData wd = { lx, n, mean / (double)n };
    gsl_function F = { weibull_g, &wd };
    /* g increases from -inf at k -> 0 to a positive limit: bracket it. */
    double lo = 0.02, hi = 2.0;
    while (weibull_g(hi, &wd) < 0.0 && hi < 200.0) hi *= 2.0;
    int status = -1;
    if (weibull_g(lo, &wd) < 0.0 && weibull_g(hi, &wd) > 0.0) {
        gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        if (s && gsl_root_fsolver_set(s, &F, lo, hi) == GSL_SUCCESS) {
            for (int it = 0; it < 100; it++) {
                gsl_root_fsolver_iterate(s);
                lo = gsl_root_fsolver_x_lower(s);
                hi = gsl_root_fsolver_x_upper(s);
                if (gsl_root_test_interval(lo, hi, 0.0, 1e-10) == GSL_SUCCESS) break;
            }
            double kk = gsl_root_fsolver_root(s), s0 = 0.0;
            for (long i = 0; i < n; i++) s0 += exp(kk * lx[i]);
            *k = kk;
            *c = exp(lmax) * pow(s0 / (double)n, 1.0 / kk);
            status = 0;
        }
        if (s) gsl_root_fsolver_free(s);
    }
    free(lx);
    return status;
}

void wxfit_weibull_se(double k, double c, long n, double *k_se, double *c_se)
{
    const double euler = 0.57721566490153286;
    double nn = n > 0 ? (double)n : 1.0;
    *k_se = k * sqrt(6.0 / (PI * PI) / nn);
    *c_se = c / k * sqrt((1.0 + 6.0 * (1.0 - euler) * (1.0 - euler) / (PI * PI)) / nn);
}

static double weibull_pdf(double v, double k, double c)
{
    if (!(v > 0.0) || !(c > 0.0)) return 0.0;
    double r = v / c;
    return k / c * pow(r, k - 1.0) * exp(-pow(r, k));
}

/* ---- years, calendars, sun --------------------------------------------- */

/* The calendar of a year's records: 8760 hours under a leap-year label are
 * a year without 29 February, which is the previous (common) year's
 * calendar. */
static int year_calendar(const WeatherYear *wx, Calendar *cal)
{
    int y = wx->year;
    if (wx->hours == 8760 && calendar_is_leap(y)) y -= 1;
    if (y < 1 || y > 9999) return -1;
    calendar_year_init(cal, y);
    return cal->hours == wx->hours ? 0 : -1;
}

typedef struct {
    int year[SUN_CACHE];
    SunTable *tab[SUN_CACHE];
    int next;
} SunCache;

static const SunTable *sun_get(SunCache *sc, const Site *site, int year)
{
    for (int i = 0; i < SUN_CACHE; i++)
        if (sc->tab[i] && sc->year[i] == year) return sc->tab[i];
    int i = sc->next;
    sc->next = (sc->next + 1) % SUN_CACHE;
    if (!sc->tab[i]) sc->tab[i] = malloc(sizeof *sc->tab[i]);
    if (!sc->tab[i]) return NULL;
    suntable_build(sc->tab[i], site, year);
    sc->year[i] = year;
    return sc->tab[i];
}

static void sun_free(SunCache *sc)
{
    for (int i = 0; i < SUN_CACHE; i++) free(sc->tab[i]);
}

/* ---- small statistics --------------------------------------------------- */

/* Centred correlation of the pairs where both are finite. */
static double corr(const double *a, const double *b, long n)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    long m = 0;
    for (long i = 0; i < n; i++) {
        if (!isfinite(a[i]) || !isfinite(b[i])) continue;
        sa += a[i]; sb += b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; sab += a[i] * b[i];
        m++;
    }
    if (m < 3) return 0.0;
    double mm = (double)m, va = saa - sa * sa / mm, vb = sbb - sb * sb / mm;
    return va > 0.0 && vb > 0.0 ? (sab - sa * sb / mm) / sqrt(va * vb) : 0.0;
}

/* Lag-1 correlation of a series split into years of len days (no pair
 * across a year boundary), centred. */
static double lag1(const double *x, int n_years, int len)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    long m = 0;
    for (int y = 0; y < n_years; y++)
        for (int d = 1; d < len; d++) {
            double a = x[(long)y * len + d - 1], b = x[(long)y * len + d];
            if (!isfinite(a) || !isfinite(b)) continue;
            sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
            m++;
        }
    if (m < 3) return 0.0;
    double mm = (double)m, va = saa - sa * sa / mm, vb = sbb - sb * sb / mm;
    return va > 0.0 && vb > 0.0 ? (sab - sa * sb / mm) / sqrt(va * vb) : 0.0;
}

static double sd_of(const double *x, int n)
{
    if (n < 2) return 0.0;
    double m = 0, s = 0;
    for (int i = 0; i < n; i++) m += x[i];
    m /= n;
    for (int i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
    return sqrt(s / (n - 1));
}

/* ---- temperature anomaly: day centres to daily means --------------------- */

/* The generator's daily-mean anomaly is 0.125 a(d-1) + 0.75 a(d) + 0.125
 * a(d+1) of the day-centre AR(1) a (linear interpolation, weights summed
 * over the day's mid-hours). Its variance and lag-1 covariance per unit
 * variance of a, for lag-1 phi. */
static void anom_filter(double phi, double *var, double *cov1)
{
    static const double w[3] = { 0.125, 0.75, 0.125 };
    double v = 0, c = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            v += w[i] * w[j] * pow(phi, abs(i - j));
            c += w[i] * w[j] * pow(phi, abs(1 + i - j));
        }
    *var = v;
    *cov1 = c;
}

/* ---- two-scale persistence --------------------------------------------- */

static double acf_sse(const double *acf, double phi_f, double w, double phi_s)
{
    double sse = 0, pf = 1, ps = 1;
    for (int L = 1; L <= WXFIT_MAX_LAG; L++) {
        pf *= phi_f;
        ps *= phi_s;
        double r = acf[L] - ((1 - w) * pf + w * ps);
        sse += r * r / L;   /* weight 1/L: each decade of lags counts alike */
    }
    return sse;
}

/* The fast part's phi minimising the squared error for given w and slow
 * phi: golden-section search on [0, 0.999] (the error is unimodal in
 * phi_f for the ACF shapes met here). */
static double best_phi_f(const double *acf, double w, double phi_s, double *sse)
{
    const double g = 0.6180339887498949;
    double a = 0.0, b = 0.999, x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = acf_sse(acf, x1, w, phi_s), f2 = acf_sse(acf, x2, w, phi_s);
    for (int it = 0; it < 28; it++) {
        if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = acf_sse(acf, x1, w, phi_s); }
        else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = acf_sse(acf, x2, w, phi_s); }
    }
    *sse = f1 < f2 ? f1 : f2;
    return f1 < f2 ? x1 : x2;
}

/* Least squares of (1 - w) phi_f^L + w exp(-L / tau) on lags 1..240 h,
 * weighted 1/L (so the hourly lags and the multi-day tail both count): a grid over w and
 * ln tau (tau from 6 h to 60 days) with phi_f optimal at each point, then
 * a finer grid around the best point. */
static void fit_two_scale(const double *acf, WeatherSpec *s)
{
    double best = HUGE_VAL, bw = 0, btau = 4.0, bphi = acf[1] > 0.0 ? fmin(acf[1], 0.999) : 0.0;
    double lt_lo = log(6.0), lt_hi = log(60.0 * 24.0);
    double w_lo = 0.0, w_hi = 0.95;
    const int NT = 40, NW = 38;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i <= NT; i++) {
            double tau_h = exp(lt_lo + (lt_hi - lt_lo) * i / NT), phi_s = exp(-1.0 / tau_h);
            for (int j = 0; j <= NW; j++) {
                double w = w_lo + (w_hi - w_lo) * j / NW, e;
                double phi_f = best_phi_f(acf, w, phi_s, &e);
                if (e < best) { best = e; bw = w; btau = tau_h / 24.0; bphi = phi_f; }
            }
        }
        double lt = log(btau * 24.0), dl = (lt_hi - lt_lo) / NT * 2.0, dw = (w_hi - w_lo) / NW * 2.0;
        lt_lo = fmax(log(6.0), lt - dl);
        lt_hi = fmin(log(60.0 * 24.0), lt + dl);
        w_lo = fmax(0.0, bw - dw);
        w_hi = fmin(0.95, bw + dw);
    }
    s->wind_autocorr = bphi;
    s->wind_slow_share_frac = bw > 1e-3 ? bw : 0.0;
    s->wind_slow_efold_days = s->wind_slow_share_frac > 0.0 ? btau : 4.0;
}

/* ---- one pass ----------------------------------------------------------- */

typedef struct {
    double *z;          /* Gaussianised speeds, MAXH per year */
    double *kt;         /* daily clearness, 366 per year (NaN: no daylight) */
    double *ws, *xs, *ts;   /* daily states: wind, clearness Gaussian, temperature anomaly */
    double *u[12];      /* de-diurnalised positive speeds per month */
} Work;

static void work_free(Work *w)
{
    free(w->z); free(w->kt); free(w->ws); free(w->xs); free(w->ts);
    for (int m = 0; m < 12; m++) free(w->u[m]);
}

/* Every statistic of f from the years, and the first-pass settings. */
static Status fit_pass(const WeatherYear *const *ys, const SunTable *const *suns, int n, const Site *site, WxFit *f,
                       SunCache *sc, Diag *d)
{
    memset(f, 0, sizeof *f);
    Work wk = { 0 };
    Calendar *cal = malloc(sizeof *cal);
    Status st = ST_OK;
    const long nd = 366L * n;
    wk.z = malloc((size_t)n * MAXH * sizeof *wk.z);
    wk.kt = malloc((size_t)nd * sizeof *wk.kt);
    wk.ws = malloc((size_t)nd * sizeof *wk.ws);
    wk.xs = malloc((size_t)nd * sizeof *wk.xs);
    wk.ts = malloc((size_t)nd * sizeof *wk.ts);
    if (!cal || !wk.z || !wk.kt || !wk.ws || !wk.xs || !wk.ts) { st = ST_NOMEM; goto out; }
    for (long i = 0; i < nd; i++) wk.kt[i] = wk.ws[i] = wk.xs[i] = wk.ts[i] = NAN;

    WeatherSpec *s = &f->spec;
    f->n_years = n;
    f->wind_height_m = ys[0]->wind_height_m;
    s->source = WEATHER_SYNTHETIC;
    s->wind_ref_height_m = f->wind_height_m;
    for (int y = 0; y < n; y++) {
        if (year_calendar(ys[y], cal) != 0) {
            diag_error(d, ST_CONFIG_INVALID, NULL, 0, NULL, "year %d: %d hours is not a whole year",
                       ys[y]->year, ys[y]->hours);
            st = ST_CONFIG_INVALID;
            goto out;
        }
        if (ys[y]->wind_height_m != f->wind_height_m) {
            diag_error(d, ST_CONFIG_INVALID, NULL, 0, NULL,
                       "year %d: wind at %g m, but the first year's is at %g m", ys[y]->year,
                       ys[y]->wind_height_m, f->wind_height_m);
            st = ST_CONFIG_INVALID;
            goto out;
        }
        f->n_hours += ys[y]->hours;
    }

    /* Diurnal wind cycle: hour means over month means, first harmonic. */
    double hsum[12][24] = { { 0 } }, msum[12] = { 0 };
    long hcnt[12][24] = { { 0 } }, mcnt[12] = { 0 }, calm[12] = { 0 };
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        for (int h = 0; h < cal->hours; h++) {
            int m = cal->month[h] - 1, k = cal->hour_of_day[h];
            double v = ys[y]->wind_ms[h];
            hsum[m][k] += v; hcnt[m][k]++;
            msum[m] += v; mcnt[m]++;
            if (!(v > 0.0)) calm[m]++;
        }
    }
    for (int m = 0; m < 12; m++) {
        double mean = mcnt[m] ? msum[m] / (double)mcnt[m] : 0.0, a = 0.0, b = 0.0;
        f->mean_obs_ms[m] = mean;
        for (int k = 0; k < 24; k++) {
            double r = hcnt[m][k] && mean > 0.0 ? hsum[m][k] / (double)hcnt[m][k] / mean : 1.0;
            f->diurnal_obs[m][k] = r;
            a += r * cos(2.0 * PI * (k + 0.5) / 24.0) / 12.0;
            b += r * sin(2.0 * PI * (k + 0.5) / 24.0) / 12.0;
        }
        double peak = atan2(b, a) * 24.0 / (2.0 * PI);
        if (peak < 0.0) peak += 24.0;
        s->wind_diurnal_month_amp_frac[m] = fmin(sqrt(a * a + b * b), 0.9);
        s->wind_diurnal_month_peak_hour[m] = round(peak * 100.0) / 100.0;
        if (s->wind_diurnal_month_peak_hour[m] >= 24.0) s->wind_diurnal_month_peak_hour[m] = 0.0;
        f->calm_frac[m] = mcnt[m] ? (double)calm[m] / (double)mcnt[m] : 0.0;
    }
    s->wind_diurnal_amp_frac = s->wind_diurnal_month_amp_frac[0];
    s->wind_diurnal_peak_hour = s->wind_diurnal_month_peak_hour[0];
    double fac[12][24];
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 24; k++)
            fac[m][k] = 1.0 + s->wind_diurnal_month_amp_frac[m]
                            * cos(2.0 * PI * (k + 0.5 - s->wind_diurnal_month_peak_hour[m]) / 24.0);

    /* Weibull per month on speed / diurnal factor (the generator's Weibull
     * variable); calm hours are the mass at 0. */
    for (int m = 0; m < 12; m++) {
        wk.u[m] = malloc((size_t)(mcnt[m] + 1) * sizeof *wk.u[m]);
        if (!wk.u[m]) { st = ST_NOMEM; goto out; }
    }
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        for (int h = 0; h < cal->hours; h++) {
            int m = cal->month[h] - 1;
            double v = ys[y]->wind_ms[h];
            if (v > 0.0) wk.u[m][f->wind_n[m]++] = v / fac[m][cal->hour_of_day[h]];
        }
    }
    static const char *const mname[12] = { "January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December" };
    for (int m = 0; m < 12; m++) {
        if (f->wind_n[m] < 48 || wxfit_weibull_ml(wk.u[m], f->wind_n[m], &s->wind_weibull_k[m],
                                                   &s->wind_weibull_c_ms[m]) != 0) {
            diag_error(d, ST_CONFIG_INVALID, NULL, 0, NULL,
                       "%s: %ld hours with wind are too few (or all equal) for a Weibull fit", mname[m],
                       f->wind_n[m]);
            st = ST_CONFIG_INVALID;
            goto out;
        }
        wxfit_weibull_se(s->wind_weibull_k[m], s->wind_weibull_c_ms[m], f->wind_n[m], &f->k_se[m], &f->c_se[m]);
        f->mean_fit_ms[m] = (1.0 - f->calm_frac[m]) * s->wind_weibull_c_ms[m]
                          * gsl_sf_gamma(1.0 + 1.0 / s->wind_weibull_k[m]);
    }

    /* Histograms of speed per month, and the model's marginal: the calm
     * mass in the first bin, then the mixture over the 24 diurnal factors. */
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        for (int h = 0; h < cal->hours; h++) {
            int m = cal->month[h] - 1, b = (int)(ys[y]->wind_ms[h] / WXFIT_WIND_BIN_MS);
            if (b >= 0 && b < WXFIT_WIND_BINS) f->weibull_obs_pdf[m][b] += 1.0;
        }
    }
    for (int m = 0; m < 12; m++)
        for (int b = 0; b < WXFIT_WIND_BINS; b++) {
            f->weibull_obs_pdf[m][b] /= (double)mcnt[m] * WXFIT_WIND_BIN_MS;
            double v = (b + 0.5) * WXFIT_WIND_BIN_MS, p = 0.0;
            for (int k = 0; k < 24; k++)
                p += weibull_pdf(v / fac[m][k], s->wind_weibull_k[m], s->wind_weibull_c_ms[m]) / fac[m][k] / 24.0;
            f->weibull_fit_pdf[m][b] = (1.0 - f->calm_frac[m]) * p
                                     + (b == 0 ? f->calm_frac[m] / WXFIT_WIND_BIN_MS : 0.0);
        }

    /* Gaussianised speeds: z = Phi^-1(F(v / factor)), F the month's
     * Weibull with the calm mass below it (a calm hour sits at its middle). */
    double acc[WXFIT_MAX_LAG + 1] = { 0 };
    long cnt[WXFIT_MAX_LAG + 1] = { 0 };
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        double *z = wk.z + (long)y * MAXH;
        for (int h = 0; h < cal->hours; h++) {
            int m = cal->month[h] - 1;
            double v = ys[y]->wind_ms[h], p0 = f->calm_frac[m], zz;
            if (v > 0.0) {
                double u = v / fac[m][cal->hour_of_day[h]];
                double q = (1.0 - p0) * exp(-pow(u / s->wind_weibull_c_ms[m], s->wind_weibull_k[m]));
                zz = q > 0.5 ? gsl_cdf_ugaussian_Pinv(1.0 - q) : gsl_cdf_ugaussian_Qinv(q);
            } else {
                zz = gsl_cdf_ugaussian_Pinv(0.5 * p0);
            }
            z[h] = isfinite(zz) ? fmax(-SYNTH_Z_MAX, fmin(SYNTH_Z_MAX, zz)) : (zz > 0 ? SYNTH_Z_MAX : -SYNTH_Z_MAX);
        }
        for (int L = 0; L <= WXFIT_MAX_LAG; L++) {
            double sum = 0.0;
            for (int h = 0; h + L < cal->hours; h++) sum += z[h] * z[h + L];
            acc[L] += sum;
            cnt[L] += cal->hours - L;
        }
        for (int dd = 0; dd < cal->days; dd++) {
            double sum = 0.0;
            for (int k = 0; k < 24; k++) sum += z[24 * dd + k];
            wk.ws[(long)y * 366 + dd] = sum / 24.0;
        }
    }
    /* Uncentred: the Gaussianised speeds have mean 0 and variance 1 by
     * construction, and a centred estimate is biased low at long lags. */
    double c0 = acc[0] / (double)cnt[0];
    for (int L = 0; L <= WXFIT_MAX_LAG; L++) f->acf_obs[L] = acc[L] / (double)cnt[L] / c0;
    fit_two_scale(f->acf_obs, s);
    double rms = 0.0;
    for (int L = 0; L <= WXFIT_MAX_LAG; L++) {
        f->acf_fit[L] = synth_wind_acf(s, L);
        if (L > 0) rms += (f->acf_obs[L] - f->acf_fit[L]) * (f->acf_obs[L] - f->acf_fit[L]);
    }
    f->acf_rms = sqrt(rms / WXFIT_MAX_LAG);

    /* Daily clearness: sum GHI / sum Gon cos z over the sunlit hours, as the
     * generator defines it. */
    double ksum[12] = { 0 }, ksq[12] = { 0 };
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        const SunTable *sun = suns ? suns[y] : sun_get(sc, site, cal->year);
        if (!sun) { st = ST_NOMEM; goto out; }
        for (int dd = 0; dd < cal->days; dd++) {
            double s0 = 0.0, sg = 0.0;
            for (int h = 24 * dd; h < 24 * dd + 24; h++)
                if (sun->sun_up[h] && sun->cos_zenith[h] > 0.0) {
                    s0 += sun->extra_normal_wm2[h] * sun->cos_zenith[h];
                    sg += ys[y]->ghi_wm2[h];
                }
            if (!(s0 > 0.0)) continue;
            double kt = fmax(0.0, sg / s0);
            int m = cal->month[24 * dd] - 1;
            wk.kt[(long)y * 366 + dd] = kt;
            ksum[m] += kt; ksq[m] += kt * kt; f->kt_days[m]++;
        }
    }
    for (int m = 0; m < 12; m++) {
        if (f->kt_days[m] < 2) {
            diag_error(d, ST_CONFIG_INVALID, NULL, 0, NULL, "%s: no days with daylight and irradiance", mname[m]);
            st = ST_CONFIG_INVALID;
            goto out;
        }
        double nm = f->kt_days[m], mean = ksum[m] / nm;
        f->kt_obs_mean[m] = mean;
        f->kt_obs_sd[m] = sqrt(fmax(0.0, (ksq[m] - nm * mean * mean) / (nm - 1.0)));
        /* The generator's range: a mean inside it and the largest
         * reachable spread not above the observed one. */
        double km = fmin(fmax(mean, SYNTH_KT_DAILY_MIN + 0.01), SYNTH_KT_DAILY_MAX - 0.01);
        double ks = fmin(f->kt_obs_sd[m], 0.22);
        while (ks > 0.0 && !synth_kt_feasible(km, ks)) ks *= 0.98;
        s->kt_mean[m] = km;
        s->kt_sd[m] = ks;
    }
    double sq = 0.0;
    long nsq = 0;
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        const SunTable *sun = suns ? suns[y] : sun_get(sc, site, cal->year);
        if (!sun) { st = ST_NOMEM; goto out; }
        for (int dd = 0; dd < cal->days; dd++) {
            double kt = wk.kt[(long)y * 366 + dd];
            if (!isfinite(kt)) continue;
            int m = cal->month[24 * dd] - 1;
            wk.xs[(long)y * 366 + dd] = synth_kt_to_gauss(s->kt_mean[m], s->kt_sd[m], kt);
            int b = (int)(kt / WXFIT_KT_BIN);
            if (b >= WXFIT_KT_BINS) b = WXFIT_KT_BINS - 1;
            f->kt_obs_pdf[m][b] += 1.0 / (f->kt_days[m] * WXFIT_KT_BIN);
            /* hourly scatter around the generator's hourly mean shape */
            double s0 = 0.0, scs = 0.0;
            for (int h = 24 * dd; h < 24 * dd + 24; h++)
                if (sun->sun_up[h] && sun->cos_zenith[h] > 0.0) {
                    double g0 = sun->extra_normal_wm2[h] * sun->cos_zenith[h];
                    s0 += g0;
                    scs += synth_clear_sky_kt(site->elevation_m, sun->cos_zenith[h]) * g0;
                }
            if (!(scs > 0.0)) continue;
            double kc = fmin(kt * s0, scs) / scs;
            for (int h = 24 * dd; h < 24 * dd + 24; h++) {
                double mu = sun->cos_zenith[h];
                if (!sun->sun_up[h] || mu < MU_SCATTER) continue;
                double g0 = sun->extra_normal_wm2[h] * mu;
                double r = ys[y]->ghi_wm2[h] / g0 - kc * synth_clear_sky_kt(site->elevation_m, mu);
                sq += r * r;
                nsq++;
            }
        }
    }
    f->kt_scatter_obs = nsq ? sqrt(sq / (double)nsq) : 0.0;
    s->kt_hourly_sd = fmin(f->kt_scatter_obs, 0.5);
    f->kt_lag1_obs = lag1(wk.xs, n, 366);
    s->kt_autocorr = fmin(fmax(f->kt_lag1_obs, 0.0), 0.95);
    for (int m = 0; m < 12; m++)
        for (int b = 0; b < WXFIT_KT_BINS; b++) {
            double lo = b * WXFIT_KT_BIN, hi = lo + WXFIT_KT_BIN;
            double plo = lo <= SYNTH_KT_DAILY_MIN ? 0.0 : gsl_cdf_ugaussian_P(synth_kt_to_gauss(s->kt_mean[m], s->kt_sd[m], lo));
            double phi = hi >= SYNTH_KT_DAILY_MAX ? 1.0 : gsl_cdf_ugaussian_P(synth_kt_to_gauss(s->kt_mean[m], s->kt_sd[m], hi));
            if (s->kt_sd[m] == 0.0) {
                plo = lo <= s->kt_mean[m] ? 0.0 : 1.0;
                phi = hi > s->kt_mean[m] ? 1.0 : 0.0;
            }
            f->kt_fit_pdf[m][b] = fmax(0.0, phi - plo) / WXFIT_KT_BIN;
        }

    /* Temperature: monthly means, mean daily range, and the anomaly of the
     * daily mean from the generator's level (within each year). */
    double tsum[12] = { 0 }, rsum[12] = { 0 };
    long tcnt[12] = { 0 }, rcnt[12] = { 0 };
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        const double *t = ys[y]->temp_c;
        for (int dd = 0; dd < cal->days; dd++) {
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            int m = cal->month[24 * dd] - 1;
            for (int h = 24 * dd; h < 24 * dd + 24; h++) {
                tsum[m] += t[h];
                tcnt[m]++;
                lo = fmin(lo, t[h]);
                hi = fmax(hi, t[h]);
            }
            rsum[m] += hi - lo;
            rcnt[m]++;
        }
    }
    for (int m = 0; m < 12; m++) {
        f->temp_obs_mean[m] = tsum[m] / (double)tcnt[m];
        f->temp_obs_range[m] = rsum[m] / (double)rcnt[m];
        s->temp_mean_c[m] = f->temp_obs_mean[m];
        s->temp_range_c[m] = f->temp_obs_range[m];
    }
    double level[366], ymean[3][1024];
    int ny = n < 1024 ? n : 1024;
    double asq = 0.0;
    long an = 0;
    for (int y = 0; y < n; y++) {
        year_calendar(ys[y], cal);
        if (synth_temp_daily_level(s->temp_mean_c, cal, level) != 0) { st = ST_CONFIG_INVALID; goto out; }
        double *ts = wk.ts + (long)y * 366, sum = 0.0;
        for (int dd = 0; dd < cal->days; dd++) {
            double mean = 0.0;
            for (int h = 24 * dd; h < 24 * dd + 24; h++) mean += ys[y]->temp_c[h];
            ts[dd] = mean / 24.0 - level[dd];
            sum += ts[dd];
        }
        sum /= cal->days;
        if (y < ny) ymean[2][y] = sum;
        for (int dd = 0; dd < cal->days; dd++) {
            ts[dd] -= sum;
            asq += ts[dd] * ts[dd];
            an++;
        }
    }
    f->temp_anom_daily_sd = sqrt(asq / (double)an);
    f->temp_anom_daily_lag1 = lag1(wk.ts, n, 366);
    /* invert the interpolation filter: phi from the lag-1 (increasing in
     * phi), then the day-centre sd */
    double plo = 0.0, phi_hi = 0.99, var, cov;
    anom_filter(plo, &var, &cov);
    if (f->temp_anom_daily_lag1 <= cov / var) {
        phi_hi = 0.0;
    } else {
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (plo + phi_hi);
            anom_filter(mid, &var, &cov);
            if (cov / var < f->temp_anom_daily_lag1) plo = mid; else phi_hi = mid;
        }
    }
    s->temp_anom_autocorr = 0.5 * (plo + phi_hi);
    anom_filter(s->temp_anom_autocorr, &var, &cov);
    s->temp_anom_sd_c = f->temp_anom_daily_sd / sqrt(var);

    /* Daily states: contemporaneous correlations, and those of the
     * innovation proxies s(d) - r1 s(d-1). */
    const double *st3[3] = { wk.ws, wk.xs, wk.ts };
    static const int pa[3] = { 0, 0, 1 }, pb[3] = { 1, 2, 2 };
    for (int i = 0; i < 3; i++) f->state_corr_obs[i] = corr(st3[pa[i]], st3[pb[i]], nd);
    double *inn = malloc((size_t)(3 * nd) * sizeof *inn);
    if (!inn) { st = ST_NOMEM; goto out; }
    for (int v = 0; v < 3; v++) {
        double r1 = lag1(st3[v], n, 366);
        for (long i = 0; i < nd; i++)
            inn[v * nd + i] = i % 366 == 0 ? (double)NAN : st3[v][i] - r1 * st3[v][i - 1];
    }
    for (int i = 0; i < 3; i++) f->innov_corr_obs[i] = corr(inn + pa[i] * nd, inn + pb[i] * nd, nd);
    free(inn);

    /* Year to year: ln of the year's wind relative to the months' means,
     * the year's mean clearness departure, its mean temperature anomaly. */
    for (int y = 0; y < ny; y++) {
        year_calendar(ys[y], cal);
        double ms[12] = { 0 }, kd = 0.0;
        long mc[12] = { 0 }, kn = 0;
        for (int h = 0; h < cal->hours; h++) {
            ms[cal->month[h] - 1] += ys[y]->wind_ms[h];
            mc[cal->month[h] - 1]++;
        }
        double lw = 0.0;
        for (int m = 0; m < 12; m++) lw += ms[m] / (double)mc[m] / f->mean_obs_ms[m] / 12.0;
        ymean[0][y] = log(lw);
        for (int dd = 0; dd < cal->days; dd++) {
            double kt = wk.kt[(long)y * 366 + dd];
            if (isfinite(kt)) { kd += kt - f->kt_obs_mean[cal->month[24 * dd] - 1]; kn++; }
        }
        ymean[1][y] = kn ? kd / (double)kn : 0.0;
    }
    for (int i = 0; i < 3; i++) f->year_obs_sd[i] = sd_of(ymean[i], ny);
out:
    work_free(&wk);
    free(cal);
    return st;
}

/* ---- the fit ------------------------------------------------------------ */

/* sim_n years drawn by the generator with spec, on the calendar and sun of
 * the year label `year`. */
static Status simulate(const WeatherSpec *spec, const Site *site, int year, int sim_n, WeatherYear **out,
                       SunCache *sc)
{
    SynthTables *t = malloc(sizeof *t);
    Calendar *cal = malloc(sizeof *cal);
    Status st = ST_OK;
    if (!t || !cal) { st = ST_NOMEM; goto done; }
    if (synth_tables_build(t, spec) != ST_OK) { st = ST_CONFIG_RANGE; goto done; }
    calendar_year_init(cal, year);
    const SunTable *sun = sun_get(sc, site, year);
    if (!sun) { st = ST_NOMEM; goto done; }
    for (int i = 0; i < sim_n && st == ST_OK; i++) {
        gsl_rng *r[5];
        unsigned long base = (unsigned long)i * RNG_STREAMS_PER_YEAR;
        for (int p = 0; p < 5; p++) r[p] = rng_stream(WXFIT_SEED, 0, base + (unsigned long)p);
        if (!r[0] || !r[1] || !r[2] || !r[3] || !r[4]) st = ST_NOMEM;
        else {
            SynthStreams rs = { r[RNG_PURPOSE_WIND], r[RNG_PURPOSE_SOLAR], r[RNG_PURPOSE_TEMPERATURE],
                                r[RNG_PURPOSE_WIND_SLOW], r[RNG_PURPOSE_YEAR] };
            synth_weather_year(t, spec, site, cal, sun, &rs, out[i]);
        }
        for (int p = 0; p < 5; p++) if (r[p]) gsl_rng_free(r[p]);
    }
done:
    free(t);
    free(cal);
    return st;
}

Status wxfit_run(const WeatherYear *const *years, const SunTable *const *suns, int n, const Site *site,
                 WxFit *f, Diag *d)
{
    if (n < 1) {
        diag_error(d, ST_CONFIG_INVALID, NULL, 0, NULL, "no weather years to fit");
        return ST_CONFIG_INVALID;
    }
    SunCache sc = { { 0 }, { NULL }, 0 };
    WxFit *g = malloc(sizeof *g);
    WeatherYear **sim = calloc(WXFIT_SIM_YEARS, sizeof *sim);
    Status st = g && sim ? ST_OK : ST_NOMEM;
    for (int i = 0; i < WXFIT_SIM_YEARS && st == ST_OK; i++)
        if (!(sim[i] = malloc(sizeof *sim[i]))) st = ST_NOMEM;
    if (st == ST_OK) st = fit_pass(years, suns, n, site, f, &sc, d);
    if (st != ST_OK) goto done;

    /* Calibration years: the first-pass settings with every correlation
     * 0.5 (the states' correlations are linear in the settings) and no
     * year anomaly (what is left of the annual spread is noise). */
    WeatherSpec s1 = f->spec;
    s1.corr_wind_kt = s1.corr_wind_temp = s1.corr_kt_temp = 0.5;
    Calendar *cal = malloc(sizeof *cal);
    if (!cal) { st = ST_NOMEM; goto done; }
    year_calendar(years[0], cal);
    int label = cal->year;
    free(cal);
    st = simulate(&s1, site, label, WXFIT_SIM_YEARS, sim, &sc);
    if (st == ST_OK) st = fit_pass((const WeatherYear *const *)sim, NULL, WXFIT_SIM_YEARS, site, g, &sc, d);
    if (st != ST_OK) goto done;

    WeatherSpec *s = &f->spec;
    f->kt_scatter_sim = g->kt_scatter_obs;
    if (g->kt_scatter_obs > 0.0) s->kt_hourly_sd = fmin(0.5, s->kt_hourly_sd * f->kt_scatter_obs / g->kt_scatter_obs);
    for (int m = 0; m < 12; m++) {
        f->temp_sim_range[m] = g->temp_obs_range[m];
        s->temp_range_c[m] = fmax(0.0, s->temp_range_c[m] + f->temp_obs_range[m] - g->temp_obs_range[m]);
        double km = s->kt_mean[m] + f->kt_obs_mean[m] - g->kt_obs_mean[m];
        double ks = g->kt_obs_sd[m] > 0.0 ? s->kt_sd[m] * f->kt_obs_sd[m] / g->kt_obs_sd[m] : s->kt_sd[m];
        if (synth_kt_feasible(km, ks)) {
            s->kt_mean[m] = km;
            s->kt_sd[m] = ks;
        } else if (synth_kt_feasible(km, s->kt_sd[m])) {
            s->kt_mean[m] = km;
        }
    }
    if (g->temp_anom_daily_sd > 0.0) s->temp_anom_sd_c *= f->temp_anom_daily_sd / g->temp_anom_daily_sd;
    /* The settings are innovation correlations; what is matched is the
     * contemporaneous correlation of the daily states (what dispatch sees:
     * calm and dark days together). Both are linear in the setting, the
     * states' variances are not affected by it: setting = observed / gain. */
    double r[3];
    for (int i = 0; i < 3; i++) {
        f->state_gain[i] = g->state_corr_obs[i] / 0.5;
        r[i] = f->state_gain[i] > 0.1 ? f->state_corr_obs[i] / f->state_gain[i] : 0.0;
        r[i] = fmax(-0.95, fmin(0.95, r[i]));
    }
    for (int it = 0; it < 200 && !synth_corr_ok(r[0], r[1], r[2]); it++)
        for (int i = 0; i < 3; i++) r[i] *= 0.97;
    s->corr_wind_kt = round(r[0] * 1000.0) / 1000.0;
    s->corr_wind_temp = round(r[1] * 1000.0) / 1000.0;
    s->corr_kt_temp = round(r[2] * 1000.0) / 1000.0;
    if (!synth_corr_ok(s->corr_wind_kt, s->corr_wind_temp, s->corr_kt_temp))
        s->corr_wind_kt = s->corr_wind_temp = s->corr_kt_temp = 0.0;
    for (int i = 0; i < 3; i++) f->year_noise_sd[i] = g->year_obs_sd[i];
    if (n >= 2) {
        double v[3];
        for (int i = 0; i < 3; i++)
            v[i] = sqrt(fmax(0.0, f->year_obs_sd[i] * f->year_obs_sd[i] - g->year_obs_sd[i] * g->year_obs_sd[i]));
        s->year_wind_sd_frac = fmin(v[0], 0.5);
        s->year_kt_sd = fmin(v[1], 0.2);
        s->year_temp_sd_c = fmin(v[2], 10.0);
    }
done:
    if (sim)
        for (int i = 0; i < WXFIT_SIM_YEARS; i++) free(sim[i]);
    free(sim);
    free(g);
    sun_free(&sc);
    return st;
}
