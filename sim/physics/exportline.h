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

/* Fills room_mw[0 .. cal->hours-1], the non-firm export the line and the
 * receiving grid take in each hour (the "free line" of dispatch.h):
 *   room = min(max(line_mw[h] - firm_mw[h], 0), absorb),
 *   absorb = line_mw[h] x absorption_frac[hour of day] x absorption_month_frac[month - 1].
 * The absorption limit stands for the receiving (provincial) grid's
 * peak-regulation margin: beyond its firm contract, the county's surplus is
 * taken only up to what the grid can balance in that hour and season. With
 * every factor 1 (the defaults) absorb >= line - firm, so room is exactly
 * max(line - firm, 0). Inputs: line_mw >= 0, 0 <= firm_mw <= line_mw, factors
 * in [0, 1]; then 0 <= room_mw <= line_mw - firm_mw. */
/* The share of the rated capacity the line may carry: 1 without N-1; with
 * p->n_minus_1, n1_rating_frac if > 0, else (circuits - 1) / circuits (a
 * double circuit: 0.5; one circuit: 0, nothing is secure with it out). */
double export_usable_frac(const ExportParams *p);

void export_room(const ExportParams *p, const Calendar *cal, const double *line_mw,
                 const double *firm_mw, double *room_mw);

#endif
