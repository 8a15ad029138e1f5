/* sink.h — where a run's finished years go (files, statistics, comparison
 * tables), and the results a run hands to its sink at the end. A header of
 * its own so that output modules need not include the orchestrator. */
#ifndef ECSIM_SINK_H
#define ECSIM_SINK_H

#include "calendar.h"
#include "metrics.h"
#include "model.h"
#include "status.h"
#include "targets.h"
#include "weather.h"

#define SIM_MAX_YEARS 51
#define SIM_MAX_TARGET_RESULTS (TARGET_MAX * SIM_MAX_YEARS)

typedef struct RunResults {
    int n_years;
    AnnualRow rows[SIM_MAX_YEARS];
    int n_targets, n_failed;
    TargetResult targets[SIM_MAX_TARGET_RESULTS];
    char weather_note[1024];   /* weather from files: which files (SHA-256) and shift; "" if synthetic */
    /* dispatch.yardstick: the optimum of the same years and weather, set by
     * sim_run while the sink runs (its end writes it out); NULL otherwise. */
    const struct RunResults *optimal;
} RunResults;

/* Any callback may be NULL. A non-OK status stops the run. */
typedef struct {
    void *ctx;
    Status (*begin)(void *ctx, const Scenario *s);
    Status (*year)(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                   const YearInputs *in, const YearSeries *out, const AnnualRow *row);
    Status (*end)(void *ctx, const Scenario *s, const RunResults *res);
} Sink;

#endif
