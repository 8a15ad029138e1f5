/* weather_synth.c — synthetic hourly wind, irradiance, temperature and
 * pressure for one year (DESIGN §3; the model is described in
 * weather_synth.h). Special functions are evaluated only when the tables
 * are built; the hourly path is AR(1) recurrences, table lookups and at
 * most one Gaussian draw per hour and stream. No global state, no
 * allocation. */
#include "weather_synth.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
#define Z_PER_BIN (2.0 * SYNTH_Z_MAX / SYNTH_WIND_BINS)
#define ZK_PER_BIN (2.0 * SYNTH_Z_MAX / SYNTH_KT_BINS)
#define MU_GUARD 0.0087           /* cos 89.5 deg: below it the hour is all diffuse */

/* Linear interpolation in a uniform table tab[0..n] (plus one pad entry)
 * over [x0, x0 + n / inv_dx]; clamps outside, NaN maps to the first node. */
static inline double lerp_tab(const double *tab, double x0, double inv_dx, int n, double x)
{
    double u = (x - x0) * inv_dx;
    if (!(u > 0.0)) u = 0.0;
    if (u > (double)n) u = (double)n;
    int i = (int)u;
    double f = u - (double)i;
    return tab[i] + f * (tab[i + 1] - tab[i]);
}

/* ---- the random draws ------------------------------------------------- */

/* Most of a year's cost was GSL's Gaussian and generator, two calls
 * through pointers per draw. The draws here are GSL's own, bit for bit,
 * made inline: the generator is GSL's mt19937, whose state (gsl/rng/mt.c:
 * 624 words in unsigned long and the position; rng.c seeds it) is advanced
 * by the published algorithm (Matsumoto and Nishimura 1998), and the
 * ziggurat's quick acceptance (about 99 % of draws) uses GSL's strip bounds
 * and widths, read from the library itself when the tables are built
 * (zig_read). A draw not accepted at once gives its word back, and GSL's
 * function makes the whole draw. Checked against GSL when the tables are
 * built (zig_ok) and in test_weather_synth. */
typedef struct {
    unsigned long mt[624];
    int mti;
} MtWords;

enum { MT_N = 624, MT_M = 397 };

#define MT_MIX(y) (((y) >> 1) ^ (((y) & 1UL) ? 0x9908b0dfUL : 0UL))

/* The next 32-bit word of GSL's mt19937 (gsl_rng_get), from its state. */
static inline unsigned long mt_next(MtWords *s)
{
    unsigned long *const mt = s->mt;
    if (s->mti >= MT_N) {   /* the next 624 words at once */
        int k;
        for (k = 0; k < MT_N - MT_M; k++)
            mt[k] = mt[k + MT_M] ^ MT_MIX((mt[k] & 0x80000000UL) | (mt[k + 1] & 0x7fffffffUL));
        for (; k < MT_N - 1; k++)
            mt[k] = mt[k + MT_M - MT_N] ^ MT_MIX((mt[k] & 0x80000000UL) | (mt[k + 1] & 0x7fffffffUL));
        mt[MT_N - 1] = mt[MT_M - 1] ^ MT_MIX((mt[MT_N - 1] & 0x80000000UL) | (mt[0] & 0x7fffffffUL));
        s->mti = 0;
    }
    unsigned long k = mt[s->mti++];
    k ^= k >> 11;
    k ^= (k << 7) & 0x9d2c5680UL;
    k ^= (k << 15) & 0xefc60000UL;
    k ^= k >> 18;
    return k;
}

/* A stream with what its inline draws need. */
typedef struct {
    gsl_rng *r;
    MtWords *mt;                 /* r's state, or NULL: every draw through GSL */
    const SynthTables *t;
} Draw;

static Draw draw_of(const SynthTables *t, gsl_rng *r)
{
    Draw d = { r, NULL, t };
    if (r && t->zig_ok && r->type == gsl_rng_mt19937 && gsl_rng_size(r) == sizeof(MtWords))
        d.mt = gsl_rng_state(r);
    return d;
}

/* gsl_ran_gaussian_ziggurat(r, 1.0): the same value from the same words. */
static inline double gauss(const Draw *d)
{
    if (d->mt) {
        unsigned long k = mt_next(d->mt), i = k & 0x7fUL, j = (k >> 8) & 0xffffffUL;
        if (j < d->t->zig_k[i]) {
            double x = (double)j * d->t->zig_w[i];
            return (k & 0x80UL) ? x : -x;
        }
        d->mt->mti--;            /* give the word back: GSL draws it again */
    }
    return gsl_ran_gaussian_ziggurat(d->r, 1.0);
}

static inline unsigned long draw_word(const Draw *d) { return d->mt ? mt_next(d->mt) : gsl_rng_get(d->r); }

/* A generator that returns given words, to read the ziggurat's constants
 * out of GSL: words[0], then words[1] for every further draw. */
typedef struct {
    unsigned long words[2];
    int calls;
} Feed;

static void feed_set(void *state, unsigned long seed)
{
    (void)state;
    (void)seed;
}
static unsigned long feed_get(void *state)
{
    Feed *f = state;
    return f->words[f->calls++ == 0 ? 0 : 1];
}
static double feed_get_double(void *state) { return (double)feed_get(state) / 4294967296.0; }
static const gsl_rng_type feed_type = { "ecsim-feed", 0xffffffffUL, 0, sizeof(Feed), feed_set, feed_get,
                                        feed_get_double };

/* GSL's Gaussian from word k (then words that end a rejection loop at
 * once: strip 1, value 0); *quick gets 1 if it took word k alone. */
static double feed_gauss(unsigned long k, int *quick)
{
    Feed f = { { k, 0x81UL }, 0 };
    gsl_rng r = { &feed_type, &f };
    double x = gsl_ran_gaussian_ziggurat(&r, 1.0);
    *quick = f.calls == 1;
    return x;
}

/* Strip i's bound, the least value v of bits 8-31 that GSL does not accept
 * at once (the ziggurat accepts v < bound; 2^24 when it accepts all), by
 * bisection; its width, the value of the draw with v = 1. Then 4000 draws
 * of a seeded mt19937, through GSL and inline, must agree bit for bit, or
 * zig_ok stays 0. */
static void zig_read(SynthTables *t)
{
    t->zig_ok = 0;
    for (unsigned long i = 0; i < 128; i++) {
        int quick;
        unsigned long lo = 0, hi = 1UL << 24;
        while (lo < hi) {
            unsigned long mid = lo + (hi - lo) / 2;
            feed_gauss((mid << 8) | 0x80UL | i, &quick);
            if (quick) lo = mid + 1;
            else hi = mid;
        }
        t->zig_k[i] = lo;
        t->zig_w[i] = lo > 1 ? feed_gauss((1UL << 8) | 0x80UL | i, &quick) : 0.0;
        if (lo > 1 && !quick) return;
    }
    if (gsl_rng_mt19937->size != sizeof(MtWords)) return;
    MtWords a, b;
    gsl_rng ra = { gsl_rng_mt19937, &a }, rb = { gsl_rng_mt19937, &b };
    gsl_rng_set(&ra, 20210101UL);
    gsl_rng_set(&rb, 20210101UL);
    t->zig_ok = 1;
    const Draw d = { &rb, &b, t };
    for (int n = 0; n < 4000 && t->zig_ok; n++) {
        double x = gsl_ran_gaussian_ziggurat(&ra, 1.0), y = gauss(&d);
        if (memcmp(&x, &y, sizeof x) != 0 || gsl_rng_get(&ra) != draw_word(&d)) t->zig_ok = 0;
    }
}

/* Uniform innovations of mean 0 and variance 1 for the slow wind part, two
 * from each 32-bit draw (16 bits each, at the centres of 65536 equal
 * cells of [-sqrt 3, sqrt 3]). The slow part sums some 2 x 24 tau of them,
 * so its state is Gaussian to an excess kurtosis of -1.2 (1 - phi^2) / (1 +
 * phi^2) (-0.004 for tau = 4 days) and its autocorrelation, a second
 * moment, is exact; a ziggurat Gaussian costs two draws and a branch. */
#define U16_SCALE (3.4641016151377546 / 65536.0)
static inline void unit_uniform2(const Draw *r, double *a, double *b)
{
    unsigned long x = draw_word(r);
    *a = ((double)(x & 0xffffUL) + 0.5) * U16_SCALE - 1.7320508075688772;
    *b = ((double)((x >> 16) & 0xffffUL) + 0.5) * U16_SCALE - 1.7320508075688772;
}

/* ---- table building -------------------------------------------------- */

/* Standard atmosphere (ICAO 1993, troposphere) pressure at elevation_m. */
static double std_pressure_pa(double elevation_m)
{
    return 101325.0 * pow(1.0 - 2.25577e-5 * elevation_m, 5.25588);
}

/* Weibull inverse CDF at u = Phi(z), v = c (-ln(1 - u))^(1/k), with
 * 1 - u taken from the upper tail for z > 0 so both tails stay accurate. */
static double weibull_at_z(double k, double c, double z)
{
    double l = z < 0.0 ? -log1p(-gsl_cdf_ugaussian_P(z)) : -log(gsl_cdf_ugaussian_Q(z));
    return c > 0.0 ? c * pow(l, 1.0 / k) : 0.0;
}

/* Mean and sd of N(m, s^2) truncated to [a, b] (Johnson, Kotz and
 * Balakrishnan 1994, §10.1). Returns 0, or -1 if the mass in [a, b]
 * underflows. */
static int trunc_moments(double m, double s, double a, double b, double *mean, double *sd)
{
    double al = (a - m) / s, be = (b - m) / s;
    double z = al > 0.0 ? gsl_cdf_ugaussian_Q(al) - gsl_cdf_ugaussian_Q(be)
                        : gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al);
    if (!(z > 1e-300)) return -1;
    double pa = gsl_ran_ugaussian_pdf(al), pb = gsl_ran_ugaussian_pdf(be);
    double r = (pa - pb) / z;
    double v = 1.0 + (al * pa - be * pb) / z - r * r;
    *mean = m + s * r;
    *sd = s * sqrt(v > 0.0 ? v : 0.0);
    return 0;
}

/* Parent (m, s) whose truncation to [a, b] has the given mean and sd, by
 * the fixed point m += mean - mean(m, s), s *= sd / sd(m, s). Returns 0, or
 * -1 when no such normal exists (the iteration runs away or stalls). */
static int trunc_fit(double mean, double sd, double a, double b, double *m, double *s)
{
    double mm = mean, ss = sd;
    for (int it = 0; it < 2000; it++) {
        double mu, sg;
        if (trunc_moments(mm, ss, a, b, &mu, &sg) != 0 || !(sg > 0.0)) return -1;
        if (fabs(mu - mean) < 1e-12 && fabs(sg - sd) < 1e-12) {
            *m = mm;
            *s = ss;
            return 0;
        }
        mm += mean - mu;
        ss *= sd / sg;
        if (!isfinite(mm) || !isfinite(ss) || ss > 100.0 * (b - a) || fabs(mm) > 1e3) return -1;
    }
    return -1;
}

/* Quantile of N(m, s^2) truncated to [a, b] at u = Phi(z): the lower tail
 * from Phi(a') + u Z, the upper from Q(b') + (1 - u) Z, whichever is small. */
static double trunc_quantile(double m, double s, double a, double b, double z)
{
    double al = (a - m) / s, be = (b - m) / s;
    double pa = gsl_cdf_ugaussian_P(al), pb = gsl_cdf_ugaussian_P(be);
    double qa = gsl_cdf_ugaussian_Q(al), qb = gsl_cdf_ugaussian_Q(be);
    double zz = al > 0.0 ? qa - qb : pb - pa;
    double u = gsl_cdf_ugaussian_P(z), uq = gsl_cdf_ugaussian_Q(z);
    double p = pa + u * zz;
    double x = p < 0.5 ? m + s * gsl_cdf_ugaussian_Pinv(p)
                       : m + s * gsl_cdf_ugaussian_Qinv(qb + uq * zz);
    return x < a ? a : x > b ? b : x;
}

/* Relative optical air mass, Kasten and Young (1989), apparent zenith in
 * degrees: AM = 1 / (cos z + 0.50572 (96.07995 - z)^-1.6364). */
static double kasten_young(double mu)
{
    double z = acos(mu) / DEG;
    return 1.0 / (mu + 0.50572 * pow(96.07995 - z, -1.6364));
}

/* Small dense solve by Gaussian elimination with partial pivoting. */
static int solve12(double a[12][12], double rhs[12], double x[12])
{
    for (int c = 0; c < 12; c++) {
        int p = c;
        for (int r = c + 1; r < 12; r++)
            if (fabs(a[r][c]) > fabs(a[p][c])) p = r;
        if (!(fabs(a[p][c]) > 1e-12)) return -1;
        if (p != c) {
            for (int k = 0; k < 12; k++) { double t = a[c][k]; a[c][k] = a[p][k]; a[p][k] = t; }
            double t = rhs[c]; rhs[c] = rhs[p]; rhs[p] = t;
        }
        for (int r = c + 1; r < 12; r++) {
            double f = a[r][c] / a[c][c];
            for (int k = c; k < 12; k++) a[r][k] -= f * a[c][k];
            rhs[r] -= f * rhs[c];
        }
    }
    for (int c = 11; c >= 0; c--) {
        double s = rhs[c];
        for (int k = c + 1; k < 12; k++) s -= a[c][k] * x[k];
        x[c] = s / a[c][c];
    }
    return 0;
}

/* Month-centre times (days from 1 Jan 00:00) of a year with the given month
 * boundaries, extended cyclically by December before and January after:
 * node e (0..13) carries month (e + 11) % 12. */
static void month_nodes(const int first_hour[13], double tn[14])
{
    double days = first_hour[12] / 24.0;
    for (int m = 0; m < 12; m++)
        tn[m + 1] = 0.5 * (first_hour[m] + first_hour[m + 1]) / 24.0;
    tn[0] = tn[12] - days;
    tn[13] = tn[1] + days;
}

/* Nodes x such that the linear interpolation between month centres has the
 * given monthly means over the hours of a 365-day year (a cyclic, nearly
 * tridiagonal 12 x 12 system; in leap years the means move by < 0.01 C). */
static int temp_nodes(const double mean_c[12], double x[12])
{
    int first[13];
    first[0] = 0;
    for (int m = 1; m <= 12; m++)
        first[m] = first[m - 1] + 24 * calendar_days_in_month(2023, m);
    double tn[14], a[12][12] = { { 0 } }, rhs[12];
    month_nodes(first, tn);
    int e = 0, m = 0;
    for (int h = 0; h < first[12]; h++) {
        while (h >= first[m + 1]) m++;
        double th = (h + 0.5) / 24.0;
        while (th >= tn[e + 1]) e++;
        double f = (th - tn[e]) / (tn[e + 1] - tn[e]);
        double w = 1.0 / (first[m + 1] - first[m]);
        a[m][(e + 11) % 12] += (1.0 - f) * w;
        a[m][(e + 12) % 12] += f * w;
    }
    for (int k = 0; k < 12; k++) rhs[k] = mean_c[k];
    return solve12(a, rhs, x);
}

int synth_kt_feasible(double kt_mean, double kt_sd)
{
    const double a = SYNTH_KT_DAILY_MIN, b = SYNTH_KT_DAILY_MAX;
    double pm, ps;
    if (!isfinite(kt_mean) || !isfinite(kt_sd) || kt_sd < 0.0) return 0;
    if (kt_sd == 0.0) return kt_mean >= a && kt_mean <= b;
    return kt_mean > a && kt_mean < b && trunc_fit(kt_mean, kt_sd, a, b, &pm, &ps) == 0;
}

static int finite_in(double x, double lo, double hi) { return isfinite(x) && x >= lo && x <= hi; }

int synth_corr_ok(double a, double b, double c)
{
    if (!(fabs(a) < 1.0 && fabs(b) < 1.0 && fabs(c) < 1.0)) return 0;
    return 1.0 - a * a - b * b - c * c + 2.0 * a * b * c > 1e-9;
}

int synth_stream_used(const WeatherSpec *w, int purpose)
{
    switch (purpose) {
    case RNG_PURPOSE_WIND_SLOW:
        return w->wind_slow_share_frac > 0.0 || w->corr_wind_kt != 0.0 || w->corr_wind_temp != 0.0;
    case RNG_PURPOSE_YEAR:
        return w->year_wind_sd_frac > 0.0 || w->year_kt_sd > 0.0 || w->year_temp_sd_c > 0.0;
    default:
        return 1;
    }
}

double synth_wind_acf(const WeatherSpec *w, double lag_h)
{
    double sw = w->wind_slow_share_frac, L = fabs(lag_h);
    double fast = w->wind_autocorr > 0.0 ? pow(w->wind_autocorr, L) : (L == 0.0 ? 1.0 : 0.0);
    return sw > 0.0 ? (1.0 - sw) * fast + sw * exp(-L / (24.0 * w->wind_slow_efold_days)) : fast;
}

Status synth_tables_build(SynthTables *t, const WeatherSpec *w)
{
    if (!(isfinite(w->wind_ref_height_m) && w->wind_ref_height_m > 0.0)
        || !(fabs(w->wind_autocorr) < 1.0) || !(fabs(w->kt_autocorr) < 1.0)
        || !finite_in(w->wind_slow_share_frac, 0.0, 0.999)
        || (w->wind_slow_share_frac > 0.0 && !finite_in(w->wind_slow_efold_days, 0.01, 1000.0))
        || !finite_in(w->kt_hourly_sd, 0.0, 1.0)
        || !finite_in(w->temp_anom_sd_c, 0.0, 100.0) || !(fabs(w->temp_anom_autocorr) < 1.0)
        || !synth_corr_ok(w->corr_wind_kt, w->corr_wind_temp, w->corr_kt_temp)
        || !finite_in(w->year_wind_sd_frac, 0.0, 2.0) || !finite_in(w->year_kt_sd, 0.0, 1.0)
        || !finite_in(w->year_temp_sd_c, 0.0, 100.0))
        return ST_CONFIG_RANGE;
    for (int m = 0; m < 12; m++)
        if (!finite_in(w->wind_weibull_k[m], 0.05, 100.0) || !finite_in(w->wind_weibull_c_ms[m], 0.0, 1e3)
            || !finite_in(w->kt_sd[m], 0.0, 1.0) || !finite_in(w->kt_mean[m], 0.0, 1.0)
            || !finite_in(w->temp_mean_c[m], -100.0, 100.0) || !finite_in(w->temp_range_c[m], 0.0, 100.0)
            || !finite_in(w->wind_diurnal_month_amp_frac[m], 0.0, 1.0)
            || !isfinite(w->wind_diurnal_month_peak_hour[m]))
            return ST_CONFIG_RANGE;

    t->wind_phi = w->wind_autocorr;
    t->wind_innov = sqrt(1.0 - w->wind_autocorr * w->wind_autocorr);
    t->slow = w->wind_slow_share_frac > 0.0;
    t->slow_phi = t->slow ? exp(-1.0 / (24.0 * w->wind_slow_efold_days)) : 0.0;
    t->slow_innov = sqrt(1.0 - t->slow_phi * t->slow_phi);
    t->wind_wf = sqrt(1.0 - w->wind_slow_share_frac);
    t->wind_ws = sqrt(w->wind_slow_share_frac);
    t->need_u = synth_stream_used(w, RNG_PURPOSE_WIND_SLOW);
    t->corr = w->corr_wind_kt != 0.0 || w->corr_wind_temp != 0.0 || w->corr_kt_temp != 0.0;
    t->l21 = w->corr_wind_kt;
    t->l22 = sqrt(1.0 - t->l21 * t->l21);
    t->l31 = w->corr_wind_temp;
    t->l32 = (w->corr_kt_temp - t->l31 * t->l21) / t->l22;
    t->l33 = sqrt(fmax(0.0, 1.0 - t->l31 * t->l31 - t->l32 * t->l32));
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 24; k++)
            t->wind_fac[m][k] = 1.0 + w->wind_diurnal_month_amp_frac[m]
                                    * cos(2.0 * PI * (k + 0.5 - w->wind_diurnal_month_peak_hour[m]) / 24.0);
    t->kt_phi = w->kt_autocorr;
    t->kt_innov = sqrt(1.0 - w->kt_autocorr * w->kt_autocorr);
    t->kt_hourly_sd = w->kt_hourly_sd;
    t->temp_anom_phi = w->temp_anom_autocorr;
    t->temp_anom_sd = w->temp_anom_sd_c;
    t->year_wind_sd = w->year_wind_sd_frac;
    t->year_kt_sd = w->year_kt_sd;
    t->year_temp_sd = w->year_temp_sd_c;

    for (int m = 0; m < 12; m++) {
        double *v = t->wind_ms[m];
        for (int i = 0; i <= SYNTH_WIND_BINS; i++)
            v[i] = weibull_at_z(w->wind_weibull_k[m], w->wind_weibull_c_ms[m],
                                -SYNTH_Z_MAX + i * Z_PER_BIN);
        v[SYNTH_WIND_BINS + 1] = v[SYNTH_WIND_BINS];

        const double a = SYNTH_KT_DAILY_MIN, b = SYNTH_KT_DAILY_MAX;
        double *k = t->kt[m], pm, ps;
        if (w->kt_sd[m] == 0.0) {
            if (!(w->kt_mean[m] >= a && w->kt_mean[m] <= b)) return ST_CONFIG_RANGE;
            for (int i = 0; i <= SYNTH_KT_BINS + 1; i++) k[i] = w->kt_mean[m];
        } else {
            if (!(w->kt_mean[m] > a && w->kt_mean[m] < b)
                || trunc_fit(w->kt_mean[m], w->kt_sd[m], a, b, &pm, &ps) != 0)
                return ST_CONFIG_RANGE;
            for (int i = 0; i <= SYNTH_KT_BINS; i++)
                k[i] = trunc_quantile(pm, ps, a, b, -SYNTH_Z_MAX + i * ZK_PER_BIN);
            k[SYNTH_KT_BINS + 1] = k[SYNTH_KT_BINS];
        }
        t->temp_range_c[m] = w->temp_range_c[m];
    }
    if (temp_nodes(w->temp_mean_c, t->temp_node_c) != 0) return ST_CONFIG_RANGE;

    for (int i = 0; i <= SYNTH_MU_BINS; i++)
        t->airmass[i] = kasten_young((double)i / SYNTH_MU_BINS);
    t->airmass[SYNTH_MU_BINS + 1] = t->airmass[SYNTH_MU_BINS];

    /* Spencer (1971) Fourier series for declination (rad) and the equation
     * of time (min), as given by Iqbal (1983) and Duffie and Beckman §1.5–1.6. */
    t->sin_decl[0] = t->eot_h[0] = 0.0;
    t->cos_decl[0] = 1.0;
    for (int n = 1; n <= 366; n++) {
        double g = 2.0 * PI * (n - 1) / 365.0;
        double dec = 0.006918 - 0.399912 * cos(g) + 0.070257 * sin(g)
                   - 0.006758 * cos(2 * g) + 0.000907 * sin(2 * g)
                   - 0.002697 * cos(3 * g) + 0.00148 * sin(3 * g);
        t->sin_decl[n] = sin(dec);
        t->cos_decl[n] = cos(dec);
        t->eot_h[n] = 229.18 * (0.000075 + 0.001868 * cos(g) - 0.032077 * sin(g)
                                - 0.014615 * cos(2 * g) - 0.040849 * sin(2 * g)) / 60.0;
    }
    for (int i = 0; i <= SYNTH_SHAPE_BINS; i++)
        t->rise_shape[i] = 0.5 * (1.0 - cos(PI * i / SYNTH_SHAPE_BINS));
    t->rise_shape[SYNTH_SHAPE_BINS + 1] = 1.0;
    zig_read(t);
    return ST_OK;
}

/* ---- one year -------------------------------------------------------- */

/* Fast and slow parts, the month's table and diurnal factor, the year's
 * factor. u_day[d] gets the day's slow innovation U_d (see the header). */
static void wind_year(const SynthTables *t, const Calendar *cal, const Draw *dw, const Draw *ds, double yfac,
                      double *restrict out, double *restrict u_day)
{
    const double phi = t->wind_phi, s = t->wind_innov, inv_dz = 1.0 / Z_PER_BIN;
    double z = gauss(dw);                 /* stationary start */
    if (!t->slow) {
        for (int d = 0; d < cal->days; d++) {
            const int h0 = 24 * d, m = cal->month[h0] - 1;
            const double *tab = t->wind_ms[m], *fac = t->wind_fac[m];
            for (int k = 0; k < 24; k++) {
                z = phi * z + s * gauss(dw);
                double v = lerp_tab(tab, -SYNTH_Z_MAX, inv_dz, SYNTH_WIND_BINS, z);
                out[h0 + k] = v * fac[k] * yfac;
            }
            u_day[d] = t->need_u ? gauss(ds) : 0.0;
        }
        return;
    }
    const double ps = t->slow_phi, ss = t->slow_innov, wf = t->wind_wf, ws = t->wind_ws;
    double a = gauss(ds);            /* stationary start, Gaussian */
    for (int d = 0; d < cal->days; d++) {
        const int h0 = 24 * d, m = cal->month[h0] - 1;
        const double *tab = t->wind_ms[m], *fac = t->wind_fac[m];
        double u = 0.0;
        for (int k = 0; k < 24; k += 2) {
            double e0, e1;
            unit_uniform2(ds, &e0, &e1);
            u += e0 + e1;
            z = phi * z + s * gauss(dw);
            a = ps * a + ss * e0;
            out[h0 + k] = lerp_tab(tab, -SYNTH_Z_MAX, inv_dz, SYNTH_WIND_BINS, wf * z + ws * a) * fac[k] * yfac;
            z = phi * z + s * gauss(dw);
            a = ps * a + ss * e1;
            out[h0 + k + 1] = lerp_tab(tab, -SYNTH_Z_MAX, inv_dz, SYNTH_WIND_BINS, wf * z + ws * a) * fac[k + 1] * yfac;
        }
        u_day[d] = u * (1.0 / 4.898979485566356);   /* / sqrt(24): mean 0, variance 1, near normal */
    }
}

/* Ineichen and Perez (2002), Solar Energy 73(3) 151-157, with the absolute
 * (pressure-corrected) Kasten-Young air mass, as in pvlib's ineichen()
 * without the Perez enhancement: clear-sky GHI / (Gon cos z) and clear-sky
 * DNI / Gon at the cos z nodes. Both depend on cos z and the site only. */
static void clear_sky_tables(const SynthTables *t, double elevation_m, double *kt_cs, double *dni_cs)
{
    const double tl = SYNTH_LINKE_TURBIDITY, h = elevation_m;
    const double fh1 = exp(-h / 8000.0), fh2 = exp(-h / 1250.0);
    const double cg1 = 5.09e-5 * h + 0.868, cg2 = 3.92e-5 * h + 0.0387;
    const double b = 0.664 + 0.163 / fh1;
    const double k2 = 1.0 - (0.1 - 0.2 * exp(-tl)) / (0.1 + 0.882 / fh1);
    const double pr = std_pressure_pa(h) / 101325.0;
    for (int i = 0; i <= SYNTH_MU_BINS + 1; i++) {
        double am = t->airmass[i] * pr;
        double kt = cg1 * exp(-cg2 * am * (fh1 + fh2 * (tl - 1.0)));
        double bn = b * exp(-0.09 * am * (tl - 1.0));
        kt_cs[i] = kt;
        dni_cs[i] = fmin(bn, k2 * kt);
    }
}

/* Diffuse fraction of hourly global irradiance, Erbs, Klein and Duffie
 * (1982), Solar Energy 28(4) 293-302. */
static inline double erbs_kd(double kt)
{
    double lo = 1.0 - 0.09 * kt;
    double mid = 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336)));
    double kd = kt <= 0.22 ? lo : mid;      /* selects, not branches: kt is random */
    return kt <= 0.80 ? kd : 0.165;
}

/* One day's irradiance. The day's clearness kt_d is spread over its hours
 * in proportion to the clear-sky transmittance (clear-sky index kc = kt_d /
 * Kcs, Kcs the day's clear-sky clearness), plus the hourly jitter, clipped
 * to [0, clear sky]; the clipped total is then restored (into the headroom
 * below clear sky, or by scaling down), so the day's clearness is exactly
 * min(kt_d, Kcs). Hourly kt = GHI / (Gon cos z) thus carries the air-mass
 * dependence of real skies rather than being flat over the day. */
static void solar_day(const SynthTables *t, const double *kt_cs, const double *dni_cs,
                      const SunTable *sun, int h0, double ktd, const Draw *r, WeatherYear *wx)
{
    double g0[24], cap[24], g[24], s0 = 0.0, scs = 0.0;
    for (int k = 0; k < 24; k++) {
        double mu = sun->cos_zenith[h0 + k];
        if (mu > 0.0 && sun->sun_up[h0 + k]) {
            g0[k] = sun->extra_normal_wm2[h0 + k] * mu;
            cap[k] = lerp_tab(kt_cs, 0.0, SYNTH_MU_BINS, SYNTH_MU_BINS, mu) * g0[k];
        } else {
            g0[k] = cap[k] = 0.0;
        }
        s0 += g0[k];
        scs += cap[k];
    }
    if (!(scs > 0.0)) {                    /* polar night */
        for (int k = 0; k < 24; k++) wx->ghi_wm2[h0 + k] = wx->dni_wm2[h0 + k] = wx->dhi_wm2[h0 + k] = 0.0;
        return;
    }
    const double target = fmin(ktd * s0, scs), kc = target / scs, sd = t->kt_hourly_sd;
    double sg = 0.0, head = 0.0;
    for (int k = 0; k < 24; k++) {
        if (g0[k] > 0.0) {
            double v = kc * cap[k] + sd * gauss(r) * g0[k];
            v = v > 0.0 ? v : 0.0;              /* branch-free clamps (maxsd, minsd) */
            g[k] = v < cap[k] ? v : cap[k];
        } else {
            g[k] = 0.0;
        }
        sg += g[k];
        head += cap[k] - g[k];
    }
    double miss = target - sg;
    if (miss > 0.0 && head > 0.0) {
        double f = miss / head;
        for (int k = 0; k < 24; k++) g[k] += f * (cap[k] - g[k]);
    } else if (miss < 0.0) {
        double f = target / sg;
        for (int k = 0; k < 24; k++) g[k] *= f;
    }
    for (int k = 0; k < 24; k++) {
        int h = h0 + k;
        double mu = sun->cos_zenith[h];
        if (!(g[k] > 0.0)) {
            wx->ghi_wm2[h] = wx->dni_wm2[h] = wx->dhi_wm2[h] = 0.0;
        } else if (mu < MU_GUARD) {        /* sun on the horizon: no beam */
            wx->ghi_wm2[h] = wx->dhi_wm2[h] = g[k];
            wx->dni_wm2[h] = 0.0;
        } else {
            double df = erbs_kd(g[k] / g0[k]) * g[k];
            double bn = (g[k] - df) / mu;
            double bmax = lerp_tab(dni_cs, 0.0, SYNTH_MU_BINS, SYNTH_MU_BINS, mu)
                        * sun->extra_normal_wm2[h];
            if (bn > bmax) {
                bn = bmax;
                df = g[k] - bn * mu;
            }
            wx->ghi_wm2[h] = g[k];
            wx->dni_wm2[h] = bn;
            wx->dhi_wm2[h] = df;
        }
    }
}

/* u_day: the slow wind's daily innovations; u_k gets the day's own draw
 * of the clearness stream (for the temperature's correlated innovation). */
static void solar_year(const SynthTables *t, const Site *site, const Calendar *cal,
                       const SunTable *sun, const Draw *r, const double *u_day, double kt_off,
                       double *restrict u_k, WeatherYear *wx)
{
    double kt_cs[SYNTH_MU_BINS + 2], dni_cs[SYNTH_MU_BINS + 2];
    clear_sky_tables(t, site->elevation_m, kt_cs, dni_cs);
    const double phi = t->kt_phi, s = t->kt_innov, inv_dz = 1.0 / ZK_PER_BIN;
    double x = gauss(r);                        /* stationary start */
    for (int d = 0; d < cal->days; d++) {
        int h0 = 24 * d;
        double u = gauss(r);
        u_k[d] = u;
        x = phi * x + s * (t->corr ? t->l21 * u_day[d] + t->l22 * u : u);
        double ktd = lerp_tab(t->kt[cal->month[h0] - 1], -SYNTH_Z_MAX, inv_dz, SYNTH_KT_BINS, x);
        if (kt_off != 0.0) {
            ktd += kt_off;
            ktd = ktd < SYNTH_KT_DAILY_MIN ? SYNTH_KT_DAILY_MIN : ktd > SYNTH_KT_DAILY_MAX ? SYNTH_KT_DAILY_MAX : ktd;
        }
        solar_day(t, kt_cs, dni_cs, sun, h0, ktd, r, wx);
    }
}

static void temp_year(const SynthTables *t, const Site *site, const Calendar *cal, const Draw *r,
                      const double *u_day, const double *u_k, double offset, double *restrict out)
{
    const int days = cal->days;
    /* Anomalies at the day centres d + 0.5 for d = -1 .. days (index d + 1);
     * the innovations of the year's days join the daily state. */
    double anom[366 + 2];
    const double pa = t->temp_anom_phi, sa = t->temp_anom_sd;
    const double ia = sa * sqrt(1.0 - pa * pa);
    anom[0] = sa * gauss(r);
    for (int i = 1; i <= days + 1; i++) {
        double u = gauss(r);
        if (t->corr && i <= days) u = t->l31 * u_day[i - 1] + t->l32 * u_k[i - 1] + t->l33 * u;
        anom[i] = pa * anom[i - 1] + ia * u;
    }
    if (offset != 0.0)
        for (int i = 0; i <= days + 1; i++) anom[i] += offset;

    /* Mean-preserving interpolation of the monthly means (temp_nodes). */
    double tn[14], xn[14], sl[13];
    month_nodes(cal->month_first_hour, tn);
    for (int e = 0; e < 14; e++) xn[e] = t->temp_node_c[(e + 11) % 12];
    for (int e = 0; e < 13; e++) sl[e] = (xn[e + 1] - xn[e]) / (tn[e + 1] - tn[e]);

    /* Solar time = clock + shift; sunrise at sun elevation -0.8333 deg. */
    const double lon_shift_h = (site->longitude_deg - 15.0 * site->utc_offset_h) / 15.0;
    const double sinlat = sin(site->latitude_deg * DEG), coslat = cos(site->latitude_deg * DEG);
    const double sin_h0 = sin(-0.8333 * DEG);
    const double inv_dx = SYNTH_SHAPE_BINS;
    /* Per clock hour: mid-hour as a fraction of the day, and the anomaly's
     * interpolation (before noon between the centres of days d-1 and d,
     * after noon between d and d+1). */
    double fk[24], wa[24];
    int oa[24];
    for (int k = 0; k < 24; k++) {
        fk[k] = (k + 0.5) / 24.0;
        oa[k] = k < 12 ? 0 : 1;
        wa[k] = k < 12 ? fk[k] + 0.5 : fk[k] - 0.5;
    }
    int e = 0;
    for (int d = 0; d < days; d++) {
        int h0 = 24 * d, doy = cal->day_of_year[h0];
        double den = coslat * t->cos_decl[doy];
        double cw = fabs(den) > 1e-12 ? (sin_h0 - sinlat * t->sin_decl[doy]) / den : 1.0;
        cw = cw < -1.0 ? -1.0 : cw > 1.0 ? 1.0 : cw;
        double t_rise = 12.0 - acos(cw) / (15.0 * DEG);     /* solar hours, 0 .. 12 */
        double l1 = SYNTH_TEMP_MAX_SOLAR_H - t_rise;
        double r1 = 1.0 / l1, r2 = 1.0 / (24.0 - l1);
        /* dd: solar hours since sunrise at the middle of clock hour k */
        double dd = 0.5 + lon_shift_h + t->eot_h[doy] - t_rise;
        while (dd < 0.0) dd += 24.0;
        while (dd >= 24.0) dd -= 24.0;
        double shape[24], mean = 0.0;
        for (int k = 0; k < 24; k++) {
            shape[k] = dd < l1 ? lerp_tab(t->rise_shape, 0.0, inv_dx, SYNTH_SHAPE_BINS, dd * r1)
                               : 1.0 - lerp_tab(t->rise_shape, 0.0, inv_dx, SYNTH_SHAPE_BINS, (dd - l1) * r2);
            mean += shape[k];
            dd += 1.0;
            if (dd >= 24.0) dd -= 24.0;
        }
        mean *= 1.0 / 24.0;
        const double range = t->temp_range_c[cal->month[h0] - 1];
        for (int k = 0; k < 24; k++) {
            double th = d + fk[k];
            while (th >= tn[e + 1]) e++;
            double level = xn[e] + (th - tn[e]) * sl[e];
            const double *a = anom + d + oa[k];
            out[h0 + k] = level + (a[0] + wa[k] * (a[1] - a[0])) + range * (shape[k] - mean);
        }
    }
}

void synth_weather_year(const SynthTables *t, const WeatherSpec *w, const Site *site,
                        const Calendar *cal, const SunTable *sun, const SynthStreams *rs,
                        WeatherYear *wx)
{
    const int H = cal->hours;
    double u_day[366], u_k[366];
    wx->year = cal->year;
    wx->hours = H;
    wx->wind_height_m = w->wind_ref_height_m;
    double yfac = 1.0, kt_off = 0.0, temp_off = 0.0;
    const Draw dw = draw_of(t, rs->wind), ds = draw_of(t, rs->wind_slow), dk = draw_of(t, rs->solar);
    const Draw dt = draw_of(t, rs->temp), dy = draw_of(t, rs->year);
    if (rs->year && synth_stream_used(w, RNG_PURPOSE_YEAR)) {   /* always three draws, in this order */
        double gw = gauss(&dy), gk = gauss(&dy), gt = gauss(&dy);
        yfac = exp(t->year_wind_sd * gw - 0.5 * t->year_wind_sd * t->year_wind_sd);
        kt_off = t->year_kt_sd * gk;
        temp_off = t->year_temp_sd * gt;
    }
    wind_year(t, cal, &dw, &ds, yfac, wx->wind_ms, u_day);
    solar_year(t, site, cal, sun, &dk, u_day, kt_off, u_k, wx);
    temp_year(t, site, cal, &dt, u_day, u_k, temp_off, wx->temp_c);
    const double p = std_pressure_pa(site->elevation_m);
    for (int h = 0; h < H; h++) wx->pressure_pa[h] = p;
}

/* ---- for fitting ------------------------------------------------------ */

double synth_kt_to_gauss(double kt_mean, double kt_sd, double kt)
{
    const double a = SYNTH_KT_DAILY_MIN, b = SYNTH_KT_DAILY_MAX;
    double m, s;
    if (!(kt_sd > 0.0) || trunc_fit(kt_mean, kt_sd, a, b, &m, &s) != 0) return 0.0;
    kt = kt < a ? a : kt > b ? b : kt;
    double al = (a - m) / s, be = (b - m) / s, x = (kt - m) / s;
    double z;
    if (x <= 0.0) {   /* lower half: P(x) - P(al) over the mass */
        double p = (gsl_cdf_ugaussian_P(x) - gsl_cdf_ugaussian_P(al))
                 / (gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al));
        z = p > 0.0 ? gsl_cdf_ugaussian_Pinv(p) : -SYNTH_Z_MAX;
    } else {          /* upper half from the upper tail */
        double q = (gsl_cdf_ugaussian_Q(x) - gsl_cdf_ugaussian_Q(be))
                 / (gsl_cdf_ugaussian_Q(al) - gsl_cdf_ugaussian_Q(be));
        z = q > 0.0 ? gsl_cdf_ugaussian_Qinv(q) : SYNTH_Z_MAX;
    }
    return z < -SYNTH_Z_MAX ? -SYNTH_Z_MAX : z > SYNTH_Z_MAX ? SYNTH_Z_MAX : z;
}

double synth_clear_sky_kt(double elevation_m, double mu)
{
    const double tl = SYNTH_LINKE_TURBIDITY, h = elevation_m;
    const double fh1 = exp(-h / 8000.0), fh2 = exp(-h / 1250.0);
    const double cg1 = 5.09e-5 * h + 0.868, cg2 = 3.92e-5 * h + 0.0387;
    if (!(mu > 0.0)) return 0.0;
    double am = kasten_young(mu > 1.0 ? 1.0 : mu) * std_pressure_pa(h) / 101325.0;
    return cg1 * exp(-cg2 * am * (fh1 + fh2 * (tl - 1.0)));
}

int synth_temp_daily_level(const double mean_c[12], const Calendar *cal, double *level_c)
{
    double x[12], tn[14], xn[14];
    if (temp_nodes(mean_c, x) != 0) return -1;
    month_nodes(cal->month_first_hour, tn);
    for (int e = 0; e < 14; e++) xn[e] = x[(e + 11) % 12];
    int e = 0;
    for (int d = 0; d < cal->days; d++) {
        double th = d + 0.5;
        while (th >= tn[e + 1]) e++;
        level_c[d] = xn[e] + (th - tn[e]) * (xn[e + 1] - xn[e]) / (tn[e + 1] - tn[e]);
    }
    return 0;
}
