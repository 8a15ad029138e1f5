/* price.h — the hourly price signal storage arbitrage works against
 * (docs/storage-arbitrage.md): the sending-end coal benchmark tariff, flat
 * or shaped by Xinjiang's time-of-use periods.
 *
 * Xinjiang's periods (新疆发改委, 关于完善我区分时电价机制有关事项的通知,
 * consultation of October 2021), Beijing time, every day of the year:
 *   peak   08:00-11:00, 19:00-24:00   (8 h)
 *   flat   00:00-02:00, 11:00-14:00, 16:00-19:00   (8 h)
 *   valley 02:00-08:00, 14:00-16:00   (8 h)
 *   critical peak (peak price x critical_ratio, +20 % in the notice):
 *          July 21:00-23:00; January, November, December 19:00-21:00.
 * The ratios are settings (price.*_ratio); the notice leaves the peak and
 * valley price levels to the rules in force.
 *
 * Source file: the prices read from price.file (pricefile.h) as they are,
 * on the scenario's clock: a 12 x 24 profile by month and hour, or one
 * value per hour of the year by date. */
#ifndef ECSIM_PRICE_H
#define ECSIM_PRICE_H

#include "calendar.h"
#include "model.h"

typedef enum { PERIOD_VALLEY = 0, PERIOD_FLAT = 1, PERIOD_PEAK = 2, PERIOD_CRITICAL = 3 } PricePeriod;

/* The time-of-use period of an hour starting at hour_of_day (0..23, Beijing
 * time) in month (1..12). */
PricePeriod price_tou_period(int month, int hour_of_day);

/* The price (元/kWh) of each hour of cal's year into out: base_yuan_per_kwh
 * (the year's benchmark tariff) x the hour's ratio under p (flat: ratio 1),
 * or the file's price for source file. utc_offset_h is
 * the clock of cal's hours; the periods are read in Beijing time (UTC+8),
 * the offset rounded to whole hours. Returns the year's mean price. */
double price_fill(const PriceParams *p, double base_yuan_per_kwh, const Calendar *cal, double utc_offset_h,
                  double *out);

#endif
