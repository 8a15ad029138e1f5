/* summary.h — summary.md: a scenario's key figures, target table, balance
 * check, 2020 against published figures, assumptions register, readable on a meeting-room screen. */
#ifndef ECSIM_SUMMARY_H
#define ECSIM_SUMMARY_H

#include <stdio.h>

#include "present.h"
#include "sink.h"

/* A section written after the targets (`ecsim sensitivity`'s). */
typedef struct {
    void *ctx;
    void (*write)(void *ctx, FILE *f);   /* NULL: none */
} SummarySection;

/* extra may be NULL. */
void summary_write(FILE *f, const Scenario *s, const RunResults *res, const SummarySection *extra);
/* The key figures of summary.md, n of them (for tests). */
const Figure *summary_key_figures(int *n);

#endif
