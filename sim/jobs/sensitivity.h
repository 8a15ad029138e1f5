/* sensitivity.h — `ecsim sensitivity`: which assumptions decide each target
 * verdict, by perturbation. Every numeric value of the scenario whose
 * provenance is "assumption" (model.h ProvenanceList: scalars, record fields,
 * and schedules and monthly vectors scaled as a whole) is run at
 * ×(1 − δ) and ×(1 + δ) — clamped to the setting's range — as points of one
 * job list on the job engine, made with config_override_list like the sweep.
 * The targets group itself (the verdicts' definition) is not perturbed.
 *
 * Per target id the margin is the worst over the years it is checked (as
 * in the comparison tables); a flip is a verdict (pass/fail) that differs
 * from the base run's. When every run is done the scenario as written runs
 * once more through the file sink of `ecsim run` (output.h SinkExtras), so
 * DIR/<scenario>/ is its normal result folder with, in the same staging
 * directory and commit:
 *   sensitivity.dat / .csv  one row per setting and target, in setting order:
 *                           target, setting, base, low and high margin,
 *                           delta = high − low, flips (-, low, high, both,
 *                           n/a when a perturbed run failed), file:line and
 *                           the comment; written after all jobs, so -j N
 *                           writes the same bytes as -j 1;
 *   sensitivity.md          per target, the 5 assumptions that move its
 *                           margin most (largest |low − base| or
 *                           |high − base|), flips marked;
 *   summary.md              the same tables as its section "Which
 *                           assumptions decide each verdict".
 * The folder is complete or absent. */
#ifndef ECSIM_SENSITIVITY_H
#define ECSIM_SENSITIVITY_H

#include <signal.h>

#include "model.h"
#include "status.h"

#define SENS_MAX_SETTINGS 256
#define SENS_TOP 5

typedef struct {
    const char *file;              /* the scenario */
    const char *const *sets;       /* --set overrides applied first */
    int n_sets;
    const char *out_dir;
    double delta;                  /* 0 < delta < 1 */
    int threads;
    const volatile sig_atomic_t *stop;   /* see JobList; NULL: never */
} SensOptions;

typedef struct {
    int settings;                  /* values perturbed */
    int runs, failed;              /* perturbed runs made; of them not run (rejected or failed) */
    int flips;                     /* (setting, target) pairs with a flip */
    char folder[1024];             /* DIR/<scenario>, once written */
} SensOutcome;

/* The assignment "path=value" that sets the value of provenance entry i of
 * s scaled by factor (each number clamped to the setting's range), into
 * buf; 0 when the value is not numeric (or 0 everywhere), or the targets
 * group, or the text does not fit; 2 when a number was clamped, else 1. */
int sensitivity_assignment(const Scenario *s, int i, double factor, char *buf, size_t size);

/* Loads o->file, runs the base and every perturbed point, writes the folder
 * (its path in out->folder).
 * ST_OK; a load error or a scenario without targets or assumptions
 * (ST_CONFIG_INVALID, nothing run or written); ST_USAGE for a bad delta;
 * ST_INTERRUPTED; ST_IO / ST_NOMEM. Messages go to d. */
Status sensitivity_run(const SensOptions *o, SensOutcome *out, Diag *d);

#endif
