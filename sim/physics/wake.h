/* wake.h — wake losses inside a wind farm, after NREL SAM's wake models
 * (ssc shared/lib_windwakemodel.cpp, lib_windwatts.cpp; method notes in
 * the validation cases' §6.8 step 6): the "simple" model (Quinlan's TRNSYS
 * code: Gaussian deficit with added turbulence) and Park/WAsP (linearly
 * expanding top-hat wake, largest deficit counts), driven by the farm
 * layout, the rotor diameter and the thrust coefficient SAM derives from
 * the power curve's power coefficient.
 *
 * Everything is in the density-equivalent speed u = v (rho / rho0)^(1/3):
 * the density-scaled curve gives P(v) = P0(u), and the power coefficient
 * P / (rho v^3 A / 2) = P0(u) / (rho0 u^3 A / 2), so the thrust, the
 * deficits (factors on the speed) and the farm efficiency depend on u and
 * the direction only, whatever the air density. The efficiency
 * (farm power / (turbines x free-stream power)) multiplies the curve.
 *
 * With a direction per hour the farm is solved exactly for that hour
 * (O(turbines^2)); without one, wake_rose_eff looks the efficiency up in a
 * table by u, averaged over a uniform direction rose, built once by
 * wake_init. Nothing here allocates after wake_init, prints or reads files. */
#ifndef ECSIM_WAKE_H
#define ECSIM_WAKE_H

#include "model.h"
#include "status.h"

#define WAKE_MAX_TURBINES 300        /* SAM's limit */
#define WAKE_ROSE_DIRS 180           /* rose average: every 2 deg, from 1 deg */
#define WAKE_TABLE_DU 0.1            /* m/s between the table's speeds */
#define WAKE_TABLE_MAX 1024

typedef struct {
    WakeKind kind;
    int n;                                   /* turbines */
    double x_m[WAKE_MAX_TURBINES];           /* east */
    double y_m[WAKE_MAX_TURBINES];           /* north */
    double radius_m;
    double ti;                               /* ambient turbulence intensity (simple) */
    double park_k;                           /* Park wake decay constant */
    double thrust_per_kw;                    /* 1000 / (rho0 A / 2), W per kW over (kg/m3 m2) */
    double rated_kw;
    /* the power curve as given (no density scaling), SAM's lookup rule */
    int curve_n;
    double speed[CURVE_MAX_POINTS], frac[CURVE_MAX_POINTS];
    /* rose-averaged efficiency at u = i WAKE_TABLE_DU, i < table_n */
    int table_n;
    double rose_eff[WAKE_TABLE_MAX];
} WakeModel;

/* Turbine positions of p's layout: an explicit list (layout_n > 0) or the
 * grid (layout_rows x layout_per_row, spacings in rotor diameters, rows
 * along x, successive rows north, odd rows offset by stagger x spacing).
 * Returns the count (0 if it would exceed max). */
int wake_layout(const WindParams *p, double *x_m, double *y_m, int max);

/* Builds the model from p's wake settings and power curve (the curve must
 * already be valid: wind_model_init checks it). ST_CONFIG_RANGE for more
 * than WAKE_MAX_TURBINES turbines, a rotor diameter or rating <= 0, or a
 * turbulence intensity or decay constant out of range. kind WAKE_NONE
 * gives a model whose efficiency is 1. */
Status wake_init(WakeModel *w, const WindParams *p);

/* Farm efficiency at density-equivalent free-stream speed u (m/s) from
 * direction dir_deg (where the wind comes from, clockwise from north):
 * sum of turbine powers / (n x the front turbine's). 1 where the free
 * stream gives no power. */
double wake_eff(const WakeModel *w, double u, double dir_deg);

/* The same averaged over a uniform direction rose, from the table
 * (linear interpolation in u). */
double wake_rose_eff(const WakeModel *w, double u);

#endif
