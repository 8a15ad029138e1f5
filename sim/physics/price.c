/* price.c — the hourly price signal (price.h). */
#include "price.h"

#include <math.h>

PricePeriod price_tou_period(int month, int hour_of_day)
{
    /* The notice's table: one letter per hour from 00:00, v valley, f flat, p peak. */
    static const char day[] = "ffvvvvvvpppfffvvfffppppp";
    if (hour_of_day < 0 || hour_of_day > 23) return PERIOD_FLAT;
    if ((month == 7 && (hour_of_day == 21 || hour_of_day == 22))
        || ((month == 1 || month == 11 || month == 12) && (hour_of_day == 19 || hour_of_day == 20)))
        return PERIOD_CRITICAL;
    switch (day[hour_of_day]) {
    case 'v': return PERIOD_VALLEY;
    case 'p': return PERIOD_PEAK;
    default: return PERIOD_FLAT;
    }
}

double price_fill(const PriceParams *p, double base_yuan_per_kwh, const Calendar *cal, double utc_offset_h,
                  double *out)
{
    const int n = cal->hours;
    if (n <= 0) return 0.0;
    const double ratio[4] = { p->valley_ratio, p->flat_ratio, p->peak_ratio, p->peak_ratio * p->critical_ratio };
    /* Beijing hour = local hour + (8 - offset); ((x % 24) + 24) % 24 keeps it in 0..23. */
    const int shift = (int)lround(8.0 - utc_offset_h);
    double sum = 0.0;
    for (int h = 0; h < n; h++) {
        double r = 1.0;
        if (p->source == PRICE_TOU_XINJIANG) {
            int bj = ((cal->hour_of_day[h] + shift) % 24 + 24) % 24;
            r = ratio[price_tou_period(cal->month[h], bj)];
        }
        out[h] = base_yuan_per_kwh * r;
        sum += out[h];
    }
    return sum / n;
}
