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

/* The price file's value for hour h of cal's year: the profile's month and
 * hour, or the hourly series by date: a 8760-hour file gives 29 February
 * the prices of 28 February, a 8784-hour file's 29 February is skipped in
 * other years. */
static double price_file_at(const PriceParams *p, const Calendar *cal, int h)
{
    const int m = cal->month[h], hd = cal->hour_of_day[h];
    if (p->file_n <= 0) return 0.0;   /* not read: validation reads it before any run */
    if (p->file_n == PRICE_PROFILE_ROWS) return p->file_price[(m - 1) * 24 + hd];
    const int leap_file = p->file_n == 8784;
    int day = cal->day[h];
    if (!leap_file && m == 2 && day == 29) day = 28;
    int doy = day - 1;
    for (int k = 1; k < m; k++) doy += k == 2 ? (leap_file ? 29 : 28) : calendar_days_in_month(2001, k);
    int i = doy * 24 + hd;
    return p->file_price[i < p->file_n ? i : p->file_n - 1];
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
    if (p->source == PRICE_FILE) {
        for (int h = 0; h < n; h++) {
            out[h] = price_file_at(p, cal, h);
            sum += out[h];
        }
        return sum / n;
    }
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
