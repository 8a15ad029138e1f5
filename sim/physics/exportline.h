/* exportline.h — the firm (must-deliver) export of each hour on the export
 * line (DESIGN §4). */
#ifndef ECSIM_EXPORTLINE_H
#define ECSIM_EXPORTLINE_H

#include "calendar.h"
#include "model.h"

/* Fills firm_mw[0 .. cal->hours-1], the export the county must deliver in
 * each hour:
 *   EXPORT_SURPLUS:  0 (the line only takes what is left over);
 *   EXPORT_SCHEDULE: line_mw * schedule_frac[hour_of_day] * (1 - tolerance_frac).
 * The tolerance band is the shortfall the contract allows, so only the part
 * below it is firm; dispatch may send surplus above the firm part up to the
 * line's capacity. Valid ranges: line_mw >= 0, schedule_frac in [0, 1],
 * tolerance_frac in [0, 1], so 0 <= firm_mw <= line_mw. */
void export_year(const ExportParams *p, const Calendar *cal, double line_mw, double *firm_mw);

#endif
