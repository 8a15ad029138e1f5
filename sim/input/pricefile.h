/* pricefile.h — the hourly price file of price.source "file"
 * (docs/formats.md, docs/storage-arbitrage.md).
 *
 * Text, one record a line; '#' starts a comment, blank lines are skipped,
 * fields are separated by commas, spaces or tabs. Either
 *   - 288 records "month,hour,price": a profile of 12 months x 24 hours
 *     (month 1..12, hour of day 0..23 on the scenario's clock, each pair
 *     once), or
 *   - 8760 or 8784 records "price": every hour of a year in order from
 *     1 January 00:00 (8784: a leap year's).
 * Prices in 元/kWh, finite, 0 .. 100. A first line that is not numbers is a
 * header and skipped. */
#ifndef ECSIM_PRICEFILE_H
#define ECSIM_PRICEFILE_H

#include <stddef.h>

#include "status.h"

/* Reads path into out (ECSIM_MAX_HOURS doubles): *n = 288 with out[(month -
 * 1) x 24 + hour], or 8760 / 8784 hourly values. On failure returns ST_IO
 * (cannot open) or ST_CONFIG_INVALID, with *line the file's line (0: the
 * file as a whole) and why the message. */
Status pricefile_read(const char *path, double *out, int *n, int *line, char *why, size_t why_n);

#endif
