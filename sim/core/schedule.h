/* schedule.h — build-out schedules (DESIGN §4): (year, value) points,
 * linear between points, held before the first and after the last. */
#ifndef ECSIM_SCHEDULE_H
#define ECSIM_SCHEDULE_H

#include "model.h"

/* Value in force during year (at year-start commissioning). 0 if s->n == 0. */
double schedule_at(const Schedule *s, int year);
/* Mean value during month (1..12) of year when the year's change is spread
 * linearly over its months: prev + (cur - prev) * (month - 0.5) / 12. With
 * monthly == 0 this is schedule_at(s, year). */
double schedule_month(const Schedule *s, int year, int month, int monthly);
/* Mean over the year of schedule_month (equals schedule_at when !monthly). */
double schedule_year_mean(const Schedule *s, int year, int monthly);

#endif
