/* calendar.c — per-year hour lookup tables (DESIGN §2). */
#include "calendar.h"

int calendar_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int calendar_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && calendar_is_leap(year)) return 29;
    return days[month - 1];
}

void calendar_year_init(Calendar *cal, int year)
{
    cal->year = year;
    cal->days = calendar_is_leap(year) ? 366 : 365;
    cal->hours = cal->days * 24;
    int h = 0, doy = 1;
    for (int m = 1; m <= 12; m++) {
        cal->month_first_hour[m - 1] = h;
        int nd = calendar_days_in_month(year, m);
        for (int d = 1; d <= nd; d++, doy++)
            for (int hd = 0; hd < 24; hd++, h++) {
                cal->month[h] = (unsigned char)m;
                cal->day[h] = (unsigned char)d;
                cal->hour_of_day[h] = (unsigned char)hd;
                cal->day_of_year[h] = (unsigned short)doy;
            }
    }
    cal->month_first_hour[12] = h;
}
