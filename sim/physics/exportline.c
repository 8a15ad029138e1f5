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
