/* load.h — the hourly local load of one year from its annual energy and a
 * synthetic daily and seasonal shape (DESIGN §4). Deterministic. */
#ifndef ECSIM_LOAD_H
#define ECSIM_LOAD_H

#include "calendar.h"
#include "model.h"

/* Fills load_mw[0 .. cal->hours-1] so that the hours sum to annual_mwh (to
 * rounding). Two parts:
 *   - industrial_share_frac of the energy is flat (round-the-clock plants);
 *   - the rest follows daily(hour_of_day) * seasonal(day_of_year):
 *     daily is a fixed 24-hour template of residential and commercial demand
 *     (night trough at 55 % of the peak eight hours after it, morning rise, a
 *     daytime plateau near 85-89 %, evening peak), shifted so that its peak
 *     falls on the hour labelled evening_peak_hour (hour h is the local clock
 *     interval [h, h+1); fractional hours interpolate the template);
 *     seasonal = 1 + seasonal_amp_frac * cos(2 pi (doy - 15) / days), highest
 *     in mid-January (heating, lighting) and lowest in mid-July.
 * Valid ranges: 0 <= industrial_share_frac <= 1, 0 <= seasonal_amp_frac < 1,
 * annual_mwh >= 0. load_mw must hold cal->hours values. */
void load_year(const LoadParams *p, const Calendar *cal, double annual_mwh, double *load_mw);

/* Adds the temperature-dependent part to load_mw[0 .. cal->hours-1]: for
 * every hour of a day with mean temperature T (the mean of temp_c over the
 * day's 24 hours), heating_mw_per_c * max(0, heating_base_c - T) +
 * cooling_mw_per_c * max(0, T - cooling_base_c), flat over the day. It is
 * on top of annual_gwh, so a cold year demands more. With both slopes 0
 * (the default) load_mw is left untouched. */
void load_add_temperature(const LoadParams *p, const Calendar *cal, const double *temp_c, double *load_mw);

#endif
