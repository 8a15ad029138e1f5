/* exportline.c — firm export per hour from the contracted daily profile
 * (DESIGN §4). Invariant: 0 <= firm_mw <= line_mw for valid parameters. */
#include "exportline.h"

void export_year(const ExportParams *p, const Calendar *cal, double line_mw, double *firm_mw)
{
    int hours = cal->hours;
    if (p->mode != EXPORT_SCHEDULE) {
        for (int h = 0; h < hours; h++) firm_mw[h] = 0.0;
        return;
    }
    /* The contract is a daily profile: 24 firm values, then a table lookup. */
    double firm_of_hour[24];
    double keep = 1.0 - p->tolerance_frac;
    for (int hd = 0; hd < 24; hd++) firm_of_hour[hd] = line_mw * p->schedule_frac[hd] * keep;
    for (int h = 0; h < hours; h++) firm_mw[h] = firm_of_hour[cal->hour_of_day[h]];
}

double export_usable_frac(const ExportParams *p)
{
    if (!p->n_minus_1) return 1.0;
    if (p->n1_rating_frac > 0.0) return p->n1_rating_frac;
    return p->circuits > 1 ? (double)(p->circuits - 1) / (double)p->circuits : 0.0;
}

void export_room(const ExportParams *p, const Calendar *cal, const double *line_mw,
                 const double *firm_mw, double *room_mw)
{
    int limited = 0;
    for (int i = 0; i < 24; i++) limited |= p->absorption_frac[i] < 1.0;
    for (int m = 0; m < 12; m++) limited |= p->absorption_month_frac[m] < 1.0;
    for (int h = 0; h < cal->hours; h++) {
        double free_mw = line_mw[h] - firm_mw[h];
        room_mw[h] = free_mw > 0.0 ? free_mw : 0.0;
    }
    if (!limited) return;   /* the default: the grid beyond the line takes everything */
    for (int h = 0; h < cal->hours; h++) {
        double absorb = line_mw[h] * p->absorption_frac[cal->hour_of_day[h]]
                        * p->absorption_month_frac[cal->month[h] - 1];
        if (absorb < room_mw[h]) room_mw[h] = absorb;
    }
}
