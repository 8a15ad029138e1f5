/* load.c — synthetic hourly load shape scaled to the annual energy
 * (DESIGN §4). Invariant: the year's hours sum to annual_mwh. */
#include "load.h"

#include <math.h>

/* Non-industrial demand k hours after the evening peak, relative to the peak.
 * A hand-drawn synthetic template, not measured data: it imitates the
 * features of published daily curves of residential and commercial demand in
 * northern China — a night trough near 04:00 at a little over half the
 * peak, a morning rise as offices and shops open, a daytime plateau, and the
 * evening peak when lighting and household use add up (around 20:00). Its
 * maximum is unique at k = 0, so the stated peak hour is the peak. */
static const double daily_after_peak[24] = {
    1.00, 0.97, 0.90, 0.80, 0.70, 0.63, 0.59, 0.56,   /* peak .. night */
    0.55, 0.57, 0.62, 0.71, 0.80, 0.86, 0.88, 0.89,   /* trough .. late morning */
    0.86, 0.84, 0.84, 0.85, 0.86, 0.89, 0.94, 0.98,   /* afternoon .. before the peak */
};

/* Day of year of the seasonal maximum: mid-January, the coldest time of the
 * year in the continental interior (heating, long nights). */
#define LOAD_WINTER_PEAK_DOY 15.0

static double daily_factor(int hour_of_day, double peak_hour)
{
    double u = fmod((double)hour_of_day - peak_hour, 24.0);
    if (u < 0.0) u += 24.0;
    int k = (int)u;
    if (k > 23) k = 23;   /* guards u rounding up to 24.0 */
    double f = u - (double)k;
    return daily_after_peak[k] + f * (daily_after_peak[(k + 1) % 24] - daily_after_peak[k]);
}

void load_year(const LoadParams *p, const Calendar *cal, double annual_mwh, double *load_mw)
{
    int hours = cal->hours;
    double daily[24];
    for (int hd = 0; hd < 24; hd++) daily[hd] = daily_factor(hd, p->evening_peak_hour);
    const double two_pi = 6.283185307179586476925;

    /* First pass: the unscaled shape of the non-industrial part, and its sum. */
    double sum = 0.0, seasonal = 0.0;
    int seasonal_doy = -1;   /* the day seasonal was computed for: once a day, not every hour */
    for (int h = 0; h < hours; h++) {
        if (cal->day_of_year[h] != seasonal_doy) {
            seasonal_doy = cal->day_of_year[h];
            double doy = (double)seasonal_doy;
            seasonal = 1.0 + p->seasonal_amp_frac * cos(two_pi * (doy - LOAD_WINTER_PEAK_DOY) / (double)cal->days);
        }
        load_mw[h] = daily[cal->hour_of_day[h]] * seasonal;
        sum += load_mw[h];
    }

    /* Second pass: the flat share spread evenly, the rest in proportion to the
     * shape, so the parts sum to share + (1 - share) of annual_mwh. A shape
     * that sums to zero or less (seasonal_amp_frac >= 1, outside the valid
     * range) cannot be scaled; the whole year is then flat. */
    double share = p->industrial_share_frac;
    if (!(sum > 0.0)) share = 1.0;
    double flat_mw = annual_mwh * share / (double)hours;
    double per_unit = sum > 0.0 ? annual_mwh * (1.0 - share) / sum : 0.0;
    for (int h = 0; h < hours; h++)
        load_mw[h] = flat_mw + per_unit * load_mw[h];
}

/* Degree-day form: electric heating and cooling follow the day's mean
 * temperature below / above a balance point (the base temperatures of
 * heating and cooling degree days); the slopes are the scenario's. */
void load_add_temperature(const LoadParams *p, const Calendar *cal, const double *temp_c, double *load_mw)
{
    if (!(p->heating_mw_per_c > 0.0) && !(p->cooling_mw_per_c > 0.0)) return;
    for (int d = 0; d < cal->days; d++) {
        const double *t = temp_c + 24 * d;
        double mean = 0.0;
        for (int k = 0; k < 24; k++) mean += t[k];
        mean /= 24.0;
        double add = p->heating_mw_per_c * fmax(0.0, p->heating_base_c - mean)
                   + p->cooling_mw_per_c * fmax(0.0, mean - p->cooling_base_c);
        for (int k = 0; k < 24; k++) load_mw[24 * d + k] += add;
    }
}
