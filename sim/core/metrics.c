/* metrics.c — the registry of annual metrics (DESIGN §9): column name, unit,
 * labels and the field of AnnualRow it reads, expanded from metrics.def.
 * Order is column order; table[i] is MetricId i. */
#include "metrics.h"

#include <string.h>

#include "textdist.h"

static const Metric table[] = {
#define METRIC(field, owner, unit, zh, en, fmt) { #field, unit, zh, en, offsetof(AnnualRow, field), fmt, owner },
#include "metrics.def"
#undef METRIC
};

_Static_assert(sizeof table / sizeof table[0] == MET_COUNT, "one table row per MetricId");

int metrics_count(void) { return (int)(sizeof table / sizeof table[0]); }

const Metric *metrics_get(int i)
{
    return (i >= 0 && i < metrics_count()) ? &table[i] : NULL;
}

const Metric *metrics_find(const char *name)
{
    for (int i = 0; i < metrics_count(); i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

const char *metrics_suggest(const char *name)
{
    const char *names[sizeof table / sizeof table[0]];
    for (int i = 0; i < metrics_count(); i++) names[i] = table[i].name;
    return text_nearest(name, names, (size_t)metrics_count());
}
