/* summary.h — summary.md: a scenario's key figures, target table, balance
 * check and assumptions register, readable on a meeting-room screen. */
#ifndef ECSIM_SUMMARY_H
#define ECSIM_SUMMARY_H

#include <stdio.h>

#include "present.h"
#include "sink.h"

void summary_write(FILE *f, const Scenario *s, const RunResults *res);
/* The key figures of summary.md, n of them (for tests). */
const Figure *summary_key_figures(int *n);

#endif
