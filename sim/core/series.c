/* series.c — the table of hourly series, expanded from series.def. */
#include "series.h"

#include <stdio.h>
#include <string.h>

static const Series table[] = {
#define SERIES(id, column, unit, io, sign, owner, metric, hourly, zh, en) \
    { id, column, unit, io, sign, owner, metric, hourly, zh, en },
#include "series.def"
#undef SERIES
};

_Static_assert(sizeof table / sizeof table[0] == SER_COUNT, "one table row per SeriesId");

int series_count(void) { return SER_COUNT; }

const Series *series_get(int id)
{
    return (id >= 0 && id < SER_COUNT) ? &table[id] : NULL;
}

const Series *series_find(const char *column)
{
    for (int i = 0; i < SER_COUNT; i++)
        if (strcmp(table[i].column, column) == 0) return &table[i];
    return NULL;
}

void series_balance(const YearInputs *in, const YearSeries *out, int h, double *supply, double *demand)
{
    double s = 0.0, d = 0.0;
    for (int i = 0; i < SER_COUNT; i++) {
        if (table[i].sign > 0) s += series_data(in, out, i)[h];
        else if (table[i].sign < 0) d += series_data(in, out, i)[h];
    }
    *supply = s;
    *demand = d;
}

/* Column name without its unit suffix: "wind_used_mw" -> "wind_used". */
static int stem(const char *col, char *buf, int size)
{
    int n = (int)strlen(col);
    const char *u = strrchr(col, '_');
    if (u && strcmp(u, "_mw") == 0) n = (int)(u - col);
    return snprintf(buf, (size_t)size, "%.*s", n, col);
}

int series_balance_text(char *buf, int size)
{
    int n = 0;
    for (int side = 1; side >= -1; side -= 2) {
        int first = 1;
        for (int i = 0; i < SER_COUNT && n < size; i++) {
            if (table[i].sign != side) continue;
            char name[64];
            stem(table[i].column, name, sizeof name);
            n += snprintf(buf + n, (size_t)(size - n), "%s%s", first ? "" : " + ", name);
            first = 0;
        }
        if (side == 1 && n < size) n += snprintf(buf + n, (size_t)(size - n), " = ");
    }
    return n;
}
