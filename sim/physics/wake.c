/* wake.c — wake losses inside a wind farm (wake.h), after SAM's
 * simpleWakeModel and parkWakeModel (ssc lib_windwakemodel.cpp) and the
 * farm loop of windPowerCalculator::windPowerUsingResource
 * (lib_windwatts.cpp). */
#include "wake.h"

#include <math.h>

#define PI 3.14159265358979323846
#define RHO0 (101325.0 / (287.058 * 288.15))    /* SAM's sea-level density, kg/m3 */
#define PARK_MIN_CT 0.02
#define PARK_MAX_CT 0.999

int wake_layout(const WindParams *p, double *x_m, double *y_m, int max)
{
    if (p->layout_n > 0) {
        if (p->layout_n > max) return 0;
        for (int i = 0; i < p->layout_n; i++) {
            x_m[i] = p->layout_x_m[i];
            y_m[i] = p->layout_y_m[i];
        }
        return p->layout_n;
    }
    if (p->layout_rows < 1 || p->layout_per_row < 1 || p->layout_rows > max / p->layout_per_row) return 0;
    double dx = p->layout_spacing_d * p->rotor_diameter_m, dy = p->layout_row_spacing_d * p->rotor_diameter_m;
    int k = 0;
    for (int r = 0; r < p->layout_rows; r++)
        for (int c = 0; c < p->layout_per_row; c++, k++) {
            x_m[k] = (c + (r % 2 ? p->layout_stagger_frac : 0.0)) * dx;
            y_m[k] = r * dy;
        }
    return k;
}

/* SAM's curve lookup (windTurbine::turbinePower): linear strictly inside
 * the curve, the last value exactly at the last speed, 0 outside. */
static double curve_frac(const WakeModel *w, double u)
{
    const int n = w->curve_n;
    if (!(u > w->speed[0] && u < w->speed[n - 1])) return u == w->speed[n - 1] ? w->frac[n - 1] : 0.0;
    int lo = 0, hi = n - 1;                 /* speed[lo] < u < speed[hi] ... <= */
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (w->speed[mid] <= u) lo = mid; else hi = mid;
    }
    return w->frac[lo] + (u - w->speed[lo]) * (w->frac[hi] - w->frac[lo]) / (w->speed[hi] - w->speed[lo]);
}

/* Thrust coefficient from the power coefficient (SAM's cubic fit), 0 where
 * the turbine gives no power. */
static double thrust(const WakeModel *w, double u, double frac)
{
    if (!(frac > 0)) return 0.0;
    double cp = w->thrust_per_kw * frac * w->rated_kw / (u * u * u);
    if (cp < 0) cp = 0;
    double ct = -1.453989e-2 + 1.473506 * cp - 2.330823 * cp * cp + 3.885123 * cp * cp * cp;
    return ct > 0 ? ct : 0.0;
}

/* Circle overlap area (SAM parkWakeModel::circle_overlap, MathWorld eq. 14). */
static double circle_overlap(double d, double r1, double r2)
{
    if (d < 0 || r1 < 0 || r2 < 0 || d >= r1 + r2) return 0.0;
    if (r1 >= d + r2) return PI * r2 * r2;
    if (r2 >= d + r1) return PI * r1 * r1;
    double t1 = r1 * r1 * acos((d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1));
    double t2 = r2 * r2 * acos((d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2));
    double t3 = 0.5 * sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
    return t1 + t2 - t3;
}

/* Downwind and crosswind positions in rotor radii for wind from dir_deg,
 * shifted to start at 0 and sorted by downwind distance (stable, as SAM's
 * insertion sort). */
static void farm_frame(const WakeModel *w, double dir_deg, double *dd, double *cc)
{
    double phi = (dir_deg + 90.0) * (PI / 180.0), cs = cos(phi), sn = sin(phi);
    double dmin = INFINITY, cmin = INFINITY;
    for (int i = 0; i < w->n; i++) {
        dd[i] = w->x_m[i] * cs - w->y_m[i] * sn;
        cc[i] = w->x_m[i] * sn + w->y_m[i] * cs;
        if (dd[i] < dmin) dmin = dd[i];
        if (cc[i] < cmin) cmin = cc[i];
    }
    for (int j = 0; j < w->n; j++) {
        double d = (dd[j] - dmin) / w->radius_m, c = (cc[j] - cmin) / w->radius_m;
        int i = j;
        while (i > 0 && dd[i - 1] > d) {
            dd[i] = dd[i - 1];
            cc[i] = cc[i - 1];
            i--;
        }
        dd[i] = d;
        cc[i] = c;
    }
}

/* Sum of turbine powers (fractions of rating) for free stream u, turbines
 * already in the sorted frame; p0 = the front turbine's (> 0). */
static double farm_sum(const WakeModel *w, double u, double p0, const double *dd, const double *cc)
{
    double ct[WAKE_MAX_TURBINES], spd[WAKE_MAX_TURBINES];
    ct[0] = thrust(w, u, p0);
    spd[0] = u;
    double sum = p0;
    for (int i = 1; i < w->n; i++) {
        double v;
        if (w->kind == WAKE_SIMPLE) {
            double def = 1.0, ti = w->ti;
            for (int j = 0; j < i; j++) {
                double r = fabs(cc[j] - cc[i]), d = fabs(dd[j] - dd[i]);
                if (r > 20.0 || !(ti > 0) || !(d > 0) || !(ct[j] > 0)) continue;
                double added = ct[j] / 7.0 * (1.0 - 0.4 * log(2.0 * d));
                ti = sqrt(added * added + ti * ti);
                double a = ti * ti * d * d;
                double x = -r * r / (2.0 * a);
                double vd = ct[j] / (4.0 * a) * exp(x > -99.0 ? x : -99.0);
                def *= 1.0 - (vd > 1.0 ? 1.0 : vd < 0.0 ? 0.0 : vd);
            }
            v = u * def;
        } else {
            /* Park: distances in metres; the lowest speed of all wakes */
            const double rad = w->radius_m;
            v = u;
            for (int j = 0; j < i; j++) {
                double d = rad * fabs(dd[i] - dd[j]), r = rad * fabs(cc[i] - cc[j]);
                double c = ct[j] < PARK_MIN_CT ? PARK_MIN_CT : ct[j] > PARK_MAX_CT ? PARK_MAX_CT : ct[j];
                double rw = rad + w->park_k * d;
                double ov = circle_overlap(r, rad, rw);
                if (!(ov > 0)) continue;
                double def = (1.0 - sqrt(1.0 - c)) * (rad / rw) * (rad / rw) * ov / (PI * rad * rad);
                double vj = spd[j] * (1.0 - def);
                if (vj < v) v = vj;
            }
        }
        spd[i] = v;
        double p = curve_frac(w, v);
        ct[i] = thrust(w, v, p);
        sum += p;
    }
    return sum;
}

double wake_eff(const WakeModel *w, double u, double dir_deg)
{
    if (w->kind == WAKE_NONE || w->n < 2) return 1.0;
    double p0 = curve_frac(w, u);
    if (!(p0 > 0)) return 1.0;
    double dd[WAKE_MAX_TURBINES], cc[WAKE_MAX_TURBINES];
    farm_frame(w, dir_deg, dd, cc);
    return farm_sum(w, u, p0, dd, cc) / (w->n * p0);
}

double wake_rose_eff(const WakeModel *w, double u)
{
    if (w->table_n < 2 || !(u > 0)) return 1.0;
    double x = u * (1.0 / WAKE_TABLE_DU);
    if (!(x < w->table_n - 1)) return w->rose_eff[w->table_n - 1];
    int i = (int)x;
    return w->rose_eff[i] + (x - i) * (w->rose_eff[i + 1] - w->rose_eff[i]);
}

Status wake_init(WakeModel *w, const WindParams *p)
{
    w->kind = p->wake_model;
    w->n = 0;
    w->table_n = 0;
    if (p->wake_model == WAKE_NONE) return ST_OK;
    if (!(p->rotor_diameter_m > 0) || !(p->rated_kw > 0) || !(p->turbulence_intensity > 0 && p->turbulence_intensity < 1)
        || !(p->park_decay > 0 && p->park_decay < 1) || p->curve_n < 2 || p->curve_n > CURVE_MAX_POINTS)
        return ST_CONFIG_RANGE;
    w->n = wake_layout(p, w->x_m, w->y_m, WAKE_MAX_TURBINES);
    if (w->n < 1) return ST_CONFIG_RANGE;
    w->radius_m = p->rotor_diameter_m / 2.0;
    w->ti = p->turbulence_intensity;
    w->park_k = p->park_decay;
    w->rated_kw = p->rated_kw;
    w->thrust_per_kw = 1000.0 / (0.5 * RHO0 * PI * w->radius_m * w->radius_m);
    w->curve_n = p->curve_n;
    for (int j = 0; j < p->curve_n; j++) {
        w->speed[j] = p->power_curve_speed_ms[j];
        w->frac[j] = p->power_curve_frac[j];
    }

    /* The rose table up to the curve's last speed: directions at 1, 3, ...
     * 359 deg, each farm frame built once. */
    int nt = (int)ceil(w->speed[w->curve_n - 1] / WAKE_TABLE_DU) + 1;
    w->table_n = nt < 2 ? 2 : nt > WAKE_TABLE_MAX ? WAKE_TABLE_MAX : nt;
    double *sum = w->rose_eff, dd[WAKE_MAX_TURBINES], cc[WAKE_MAX_TURBINES];
    for (int i = 0; i < w->table_n; i++) sum[i] = 0.0;
    for (int k = 0; k < WAKE_ROSE_DIRS; k++) {
        farm_frame(w, (k + 0.5) * (360.0 / WAKE_ROSE_DIRS), dd, cc);
        for (int i = 0; i < w->table_n; i++) {
            double u = i * WAKE_TABLE_DU, p0 = curve_frac(w, u);
            sum[i] += p0 > 0 && w->n > 1 ? farm_sum(w, u, p0, dd, cc) / (w->n * p0) : 1.0;
        }
    }
    for (int i = 0; i < w->table_n; i++) sum[i] /= WAKE_ROSE_DIRS;
    return ST_OK;
}
