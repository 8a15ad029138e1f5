/* stats.c — Welford's running mean and variance (Knuth, TAOCP vol. 2,
 * 4.2.2): mean += (x - mean) / n; m2 += (x - old mean) * (x - new mean). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

void welford_init(Welford *w)
{
    w->n = 0;
    w->mean = w->m2 = 0;
    w->min = INFINITY;
    w->max = -INFINITY;
}

void welford_add(Welford *w, double x)
{
    w->n++;
    double delta = x - w->mean;
    w->mean += delta / (double)w->n;
    w->m2 += delta * (x - w->mean);
    if (x < w->min) w->min = x;
    if (x > w->max) w->max = x;
}

double welford_variance(const Welford *w)
{
    return w->n < 2 ? (double)NAN : w->m2 / (double)(w->n - 1);
}

Status stats_init(RunStats *st, int first_year, int n_years)
{
    st->first_year = first_year;
    st->n_years = n_years;
    st->n_metrics = metrics_count();
    st->runs = 0;
    st->acc = calloc((size_t)n_years * (size_t)st->n_metrics + 1, sizeof *st->acc);
    if (!st->acc) return ST_NOMEM;
    for (int i = 0; i < n_years * st->n_metrics; i++) welford_init(&st->acc[i]);
    return ST_OK;
}

void stats_free(RunStats *st)
{
    free(st->acc);
    st->acc = NULL;
}

void stats_add(RunStats *st, const RunResults *res)
{
    st->runs++;
    for (int y = 0; y < res->n_years; y++) {
        int i = (int)lround(res->rows[y].year) - st->first_year;
        if (i < 0 || i >= st->n_years) continue;
        for (int k = 0; k < st->n_metrics; k++)
            welford_add(&st->acc[i * st->n_metrics + k], metric_value(metrics_get(k), &res->rows[y]));
    }
}

const Welford *stats_get(const RunStats *st, int year, int metric)
{
    int i = year - st->first_year;
    if (i < 0 || i >= st->n_years || metric < 0 || metric >= st->n_metrics) return NULL;
    return &st->acc[i * st->n_metrics + metric];
}

static Status on_job(void *ctx, const JobResult *r, Diag *d)
{
    (void)d;
    if (r->status == ST_OK) stats_add(ctx, r->res);
    return ST_OK;
}

ListSink stats_sink(RunStats *st)
{
    return (ListSink){ st, on_job };
}
