/* schedule.c — piecewise-linear build-out schedules (DESIGN §4). */
#include "schedule.h"

double schedule_at(const Schedule *s, int year)
{
    if (s->n <= 0) return 0.0;
    if (year <= s->year[0]) return s->value[0];
    for (int i = 1; i < s->n; i++)
        if (year <= s->year[i]) {
            double f = (double)(year - s->year[i - 1]) / (double)(s->year[i] - s->year[i - 1]);
            return s->value[i - 1] + f * (s->value[i] - s->value[i - 1]);
        }
    return s->value[s->n - 1];
}

double schedule_month(const Schedule *s, int year, int month, int monthly)
{
    double cur = schedule_at(s, year);
    if (!monthly) return cur;
    double prev = schedule_at(s, year - 1);
    return prev + (cur - prev) * ((double)month - 0.5) / 12.0;
}

double schedule_year_mean(const Schedule *s, int year, int monthly)
{
    if (!monthly) return schedule_at(s, year);
    double prev = schedule_at(s, year - 1), cur = schedule_at(s, year);
    return prev + (cur - prev) * 0.5;   /* mean of (m - 0.5)/12 over m = 1..12 */
}
