/* wind.c — wind farm output per MW from hourly weather (DESIGN §4), after
 * NREL SAM's windpower model (ssc cmod_windpower.cpp, lib_windwatts.cpp;
 * method notes in data/validation/sam-reference-cases.md §6.8).
 * The hourly path has no search, no pow and no branch on configuration. */
#include "wind.h"

#include <math.h>

/* Grid of the cube-root table: x = rho / rho0 in [CBRT_X0, CBRT_X0 + 1.2]
 * covers every surface air density on Earth (0.49 .. 1.96 kg/m3). Linear
 * interpolation errs by at most dx^2/8 * (2/9) x^(-5/3) < 1.5e-7 relative;
 * one Newton step y += (x - y^3) / (3 y_i^2), with the node's 1/(3 y_i^2)
 * tabulated, takes that below 1e-12 without a division. (SAM itself only
 * rescales its curve when rho moves by 0.001 kg/m3, ~3e-4 in the scale.) */
#define CBRT_X0 0.4
#define CBRT_DX (1.2 / WIND_CBRT_BINS)

/* Speed-axis density correction (SAM windTurbine::turbinePower): the curve's
 * speeds are scaled by (rho0/rho)^(1/3). Interpolating v in the scaled curve
 * is the same as interpolating v * (rho/rho0)^(1/3) in the unscaled one. */
static inline double cbrt_ratio(const WindModel *m, double x)
{
    double u = (x - CBRT_X0) * (1.0 / CBRT_DX);
    if (!(u >= 0.0 && u < (double)WIND_CBRT_BINS))
        return cbrt(x);                     /* outside the table (or NaN): exact */
    int i = (int)u;
    double f = u - (double)i;
    double y = m->cbrt_tab[i] + f * (m->cbrt_tab[i + 1] - m->cbrt_tab[i]);
    return y + (x - y * y * y) * m->cbrt_newton[i];
}

/* SAM's lookup rule: linear interpolation strictly inside the curve, the
 * last value exactly at the last speed, 0 above; 0 below the first speed.
 * NaN speeds give 0. */
static inline double curve_at(const WindModel *m, double v)
{
    if (!(v > m->v_first)) return v == m->v_first ? m->frac[0] : 0.0;
    if (!(v < m->v_last)) return v == m->v_last ? m->frac_last : 0.0;
    int b = (int)((v - m->v_first) * m->bin_per_ms);
    if (b >= m->n_bins) b = m->n_bins - 1;
    int j = m->bin_seg[b];
    if (v < m->speed[j]) j--;               /* rounding at a knot on the bin edge */
    while (v >= m->speed[j + 1]) j++;       /* a bin may hold a knot */
    return m->frac[j] + (v - m->speed[j]) * m->slope[j];
}

/* Power law (SAM lib_windfile.cpp): no shear within 1 m of the hub. */
static double shear_factor(double hub_m, double data_m, double alpha)
{
    if (fabs(hub_m - data_m) <= 1.0) return 1.0;
    return pow(hub_m / data_m, alpha);
}

Status wind_model_init(WindModel *m, const WindParams *p, double weather_height_m)
{
    int n = p->curve_n;
    if (n < 2 || n > CURVE_MAX_POINTS) return ST_CONFIG_INVALID;
    if (!(p->power_curve_speed_ms[0] >= 0.0)) return ST_CONFIG_INVALID;
    double dmin = INFINITY;
    for (int j = 0; j < n; j++) {
        if (!isfinite(p->power_curve_speed_ms[j]) || !isfinite(p->power_curve_frac[j])
            || p->power_curve_frac[j] < 0.0)
            return ST_CONFIG_INVALID;
        if (j > 0) {
            double d = p->power_curve_speed_ms[j] - p->power_curve_speed_ms[j - 1];
            if (!(d > 0.0)) return ST_CONFIG_INVALID;
            if (d < dmin) dmin = d;
        }
    }
    if (!(p->hub_height_m > 0.0) || !(weather_height_m > 0.0) || !isfinite(p->hub_height_m)
        || !isfinite(weather_height_m) || !isfinite(p->shear_exponent)
        || !(p->losses_frac >= 0.0 && p->losses_frac <= 1.0)
        || !(p->availability_frac >= 0.0 && p->availability_frac <= 1.0))
        return ST_CONFIG_RANGE;

    m->weather_height_m = weather_height_m;
    m->hub_height_m = p->hub_height_m;
    m->shear_exponent = p->shear_exponent;
    m->shear_factor = shear_factor(p->hub_height_m, weather_height_m, p->shear_exponent);
    m->density_correction = p->density_correction != 0;
    m->out_factor = (1.0 - p->losses_frac) * p->availability_frac;

    m->n = n;
    for (int j = 0; j < n; j++) {
        m->speed[j] = p->power_curve_speed_ms[j];
        m->frac[j] = p->power_curve_frac[j];
    }
    for (int j = 0; j + 1 < n; j++)
        m->slope[j] = (m->frac[j + 1] - m->frac[j]) / (m->speed[j + 1] - m->speed[j]);
    m->slope[n - 1] = 0.0;
    m->v_first = m->speed[0];
    m->v_last = m->speed[n - 1];
    m->frac_last = m->frac[n - 1];

    /* Bins no wider than the closest knot spacing (capped), so a bin holds
     * at most one knot on regular curves (none inside it on uniform ones).
     * Each bin records the segment of its left edge; the lookup steps back
     * one segment when rounding put a speed just below a knot into the
     * knot's bin, and forward over a knot inside the bin. */
    double range = m->v_last - m->v_first;
    double nb = ceil(range / dmin * (1.0 - 1e-12));
    m->n_bins = nb < 1.0 ? 1 : nb > WIND_MAX_BINS ? WIND_MAX_BINS : (int)nb;
    m->bin_per_ms = m->n_bins / range;
    int j = 0;
    for (int b = 0; b < m->n_bins; b++) {
        double left = m->v_first + b * (range / m->n_bins);
        while (j + 2 < n && m->speed[j + 1] <= left) j++;
        m->bin_seg[b] = (unsigned short)j;
    }

    for (int i = 0; i <= WIND_CBRT_BINS; i++) {
        m->cbrt_tab[i] = cbrt(CBRT_X0 + i * CBRT_DX);
        m->cbrt_newton[i] = 1.0 / (3.0 * m->cbrt_tab[i] * m->cbrt_tab[i]);
    }
    m->cbrt_tab[WIND_CBRT_BINS + 1] = m->cbrt_tab[WIND_CBRT_BINS];
    m->cbrt_newton[WIND_CBRT_BINS + 1] = m->cbrt_newton[WIND_CBRT_BINS];
    return wake_init(&m->wake, p);
}

double wind_curve_frac(const WindModel *m, double hub_speed_ms, double air_density)
{
    double v = hub_speed_ms;
    if (m->density_correction) v *= cbrt_ratio(m, air_density / WIND_RHO0);
    return curve_at(m, v);
}

/* The hours' wind directions, where the weather year has them. */
static const double *wind_dir_series(const WeatherYear *wx)
{
    return wx->has_wind_dir ? wx->wind_dir_deg : NULL;
}

void wind_unit_output(const WindModel *m, const WeatherYear *wx, double *out_frac)
{
    wind_farm_output(m, wx, wind_dir_series(wx), out_frac);
}

void wind_farm_output(const WindModel *m, const WeatherYear *wx, const double *dir_deg, double *out_frac)
{
    const int H = wx->hours;
    double shear = m->shear_factor;
    if (wx->wind_height_m != m->weather_height_m)      /* once per call, not per hour */
        shear = shear_factor(m->hub_height_m, wx->wind_height_m, m->shear_exponent);
    const double k = m->out_factor;
    const double *restrict ws = wx->wind_ms;
    double *restrict out = out_frac;

    /* air density from the air at the hub where the weather has it (a
     * wind file), else from the surface values */
    const double *restrict pa = wx->has_hub_air ? wx->hub_pressure_pa : wx->pressure_pa;
    const double *restrict tc = wx->has_hub_air ? wx->hub_temp_c : wx->temp_c;
    if (m->wake.kind != WAKE_NONE) {
        /* u = v shear (rho / rho0)^(1/3), the speed in the curve as given:
         * the wake efficiency depends on u alone (wake.h) */
        const double c = 288.15 / 101325.0;
        for (int h = 0; h < H; h++) {
            double u = ws[h] * shear;
            if (m->density_correction) u *= cbrt_ratio(m, pa[h] * c / (tc[h] + 273.15));
            double eff = dir_deg ? wake_eff(&m->wake, u, dir_deg[h]) : wake_rose_eff(&m->wake, u);
            out[h] = curve_at(m, u) * eff * k;
        }
    } else if (m->density_correction) {
        /* rho / rho0 = p / (R (T + 273.15)) / (101325 / (R 288.15)). The
         * speed factor shear (rho / rho0)^(1/3) goes into out first, then the
         * curve lookups: two short dependency chains overlap better in the
         * CPU than one long one (about 20 % faster). */
        const double c = 288.15 / 101325.0;
        for (int h = 0; h < H; h++)
            out[h] = shear * cbrt_ratio(m, pa[h] * c / (tc[h] + 273.15));
        for (int h = 0; h < H; h++)
            out[h] = curve_at(m, ws[h] * out[h]) * k;
    } else {
        for (int h = 0; h < H; h++)
            out[h] = curve_at(m, ws[h] * shear) * k;
    }
}
