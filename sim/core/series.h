/* series.h — the table of hourly series (series.def): column name, unit,
 * whether dispatch reads or writes it, its sign in the balance, owning
 * technology, the annual metric it sums into, labels. Hourly output, annual
 * sums, the balance check and the charts all read this table. */
#ifndef ECSIM_SERIES_H
#define ECSIM_SERIES_H

#include "metrics.h"
#include "model.h"

typedef struct {
    SeriesId id;
    const char *column;     /* hourly-YYYY.dat column name */
    const char *unit;
    SeriesIo io;
    int sign;               /* +1 supply, -1 demand, 0 not in the balance */
    TechId owner;
    MetricId metric;        /* annual sum, or MET_NONE */
    int hourly;             /* 1: written to hourly-YYYY.dat */
    const char *label_zh, *label_en;
} Series;

int series_count(void);
const Series *series_get(int id);                 /* NULL if out of range */
const Series *series_find(const char *column);    /* NULL if unknown */

/* The hourly values of series id, from in or out by its io. */
static inline const double *series_data(const YearInputs *in, const YearSeries *out, int id)
{
    return series_get(id)->io == SIO_IN ? in->v[id] : out->v[id];
}

/* Supply and demand of hour h: the sums, in table order, of the series with
 * sign +1 and -1. */
void series_balance(const YearInputs *in, const YearSeries *out, int h, double *supply, double *demand);

/* The balance as text for file headers: "wind_used + ... = load + ...". */
int series_balance_text(char *buf, int size);

#endif
