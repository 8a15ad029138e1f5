/* sim.h — the orchestrator: scenario → per-year model → dispatch →
 * annual accounting → sink (DESIGN §§2–6). A Run owns every buffer one
 * simulation needs; it is allocated once and reused, one per worker thread,
 * and nothing here is global, so runs may proceed in parallel. */
#ifndef ECSIM_SIM_H
#define ECSIM_SIM_H

#include "calendar.h"
#include "metrics.h"
#include "model.h"
#include "sink.h"
#include "status.h"
#include "targets.h"
#include "weather.h"
#include "wxfit.h"

typedef struct Run Run;

Run *run_new(void);
void run_free(Run *run);

/* Simulates every year of s with weather realisation `member` (0 for a
 * plain run; ensembles use 1, 2, ...), fills res and feeds sink. Errors go
 * to d. Returns ST_OK, or the first error. Targets that fail are reported
 * in res->n_failed, not as an error. The period's sun tables may be built
 * on up to 3 helper threads, all joined before sim_run returns; the results
 * do not depend on them. */
Status sim_run(Run *run, const Scenario *s, unsigned long member, const Sink *sink,
               RunResults *res, Diag *d);

/* Phases of one year, exposed for `ecsim bench` and tests: prepare builds the
 * per-scenario models; weather fills the year's weather; inputs turns it into
 * available power, load and limits; dispatch runs the hourly loop. */
Status sim_prepare(Run *run, const Scenario *s, Diag *d);
Status sim_weather(Run *run, int year, unsigned long member);   /* ST_NOMEM if a stream cannot be made */
Status sim_inputs(Run *run, int year);   /* ST_UNKNOWN_STRATEGY for a strategy dispatch lacks */
Status sim_dispatch(Run *run);           /* dispatch_year's status */
int sim_hours(const Run *run);
/* What sim_inputs made for the year, read-only, for tests that dispatch it
 * themselves: its limits, its inputs and the state carried into it. */
const DispatchLimits *sim_limits(const Run *run);
const YearInputs *sim_year_inputs(const Run *run);
DispatchState sim_state(const Run *run);

/* Weather from files (source = file): reads and prepares every file of s
 * as a run would, for `ecsim check`; errors name file, line and column.
 * ST_OK at once for synthetic weather. */
Status sim_check_weather(const Scenario *s, Diag *d);

/* Weather from files as a synthetic generator (docs/ensemble.md): every
 * distinct file of s, prepared as a run prepares it (the site's clock, the
 * wind at the hub height, the wind file), is one year of wxfit_run at the
 * site; fit->spec holds the fitted settings (source synthetic, wind at the
 * files' wind height). note gets the files as a run names them
 * (RunResults.weather_note). fit is large: allocate it. Errors to d. */
Status sim_fit_weather(const Scenario *s, WxFit *fit, char *note, size_t note_size, Diag *d);

#endif
