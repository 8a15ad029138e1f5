/* calendar.h — the hours of one year on the real calendar (DESIGN §2).
 * Hour h covers [h, h+1) of local clock time (UTC + site offset). */
#ifndef ECSIM_CALENDAR_H
#define ECSIM_CALENDAR_H

#include "model.h"

typedef struct {
    int year;
    int hours;                              /* 8760 or 8784 */
    int days;                               /* 365 or 366 */
    unsigned char month[ECSIM_MAX_HOURS];   /* 1..12 */
    unsigned char day[ECSIM_MAX_HOURS];     /* 1..31 */
    unsigned char hour_of_day[ECSIM_MAX_HOURS]; /* 0..23 */
    unsigned short day_of_year[ECSIM_MAX_HOURS]; /* 1..366 */
    int month_first_hour[13];               /* [m-1] first hour of month m; [12] = hours */
} Calendar;

int calendar_is_leap(int year);
int calendar_days_in_month(int year, int month);
/* Fills the lookup tables for year (1..9999). */
void calendar_year_init(Calendar *cal, int year);

#endif
