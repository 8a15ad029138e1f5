/* metrics.h — the annual row and the registry of annual metrics.
 * One table (metrics.def) gives each column its name, unit and description;
 * the AnnualRow fields are generated from the same rows. annual.dat,
 * targets, comparisons and ensembles all look metrics up here, so a column
 * name cannot drift between files (DESIGN §9). */
#ifndef ECSIM_METRICS_H
#define ECSIM_METRICS_H

#include <stddef.h>

#include "model.h"

/* One year's annual values, one double per metrics.def row, in column order. */
typedef struct {
#define METRIC(field, owner, unit, zh, en, fmt) double field;
#include "metrics.def"
#undef METRIC
} AnnualRow;

/* Metric ids, MET_<field>, in column order; MET_NONE for "no metric". */
typedef enum {
    MET_NONE = -1,
#define METRIC(field, owner, unit, zh, en, fmt) MET_##field,
#include "metrics.def"
#undef METRIC
    MET_COUNT
} MetricId;

typedef struct {
    const char *name;      /* column name (interface) */
    const char *unit;
    const char *label_zh;  /* Chinese label for reports and charts */
    const char *label_en;
    size_t offset;         /* into AnnualRow */
    const char *format;    /* printf format for .dat/.csv */
    int owner;             /* TechId of the technology it belongs to (tech.def) */
} Metric;

int metrics_count(void);
const Metric *metrics_get(int i);
/* Looks a metric up by column name; NULL if unknown. */
const Metric *metrics_find(const char *name);
/* Nearest metric name to an unknown one (for "did you mean"), or NULL. */
const char *metrics_suggest(const char *name);
static inline double metric_value(const Metric *m, const AnnualRow *r)
{
    return *(const double *)((const char *)r + m->offset);
}

#endif
