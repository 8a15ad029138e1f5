/* assumptions.h — the assumptions register (DESIGN §6): the "# assumption:"
 * comments of a scenario's files, found once when the scenario is loaded
 * (config_parse.c) and kept on it (Scenario.assumptions, model.h), listed
 * in summary.md and, read back from there, in report.html. No libconfig. */
#ifndef ECSIM_ASSUMPTIONS_H
#define ECSIM_ASSUMPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

/* Appends the assumptions of one file's text (len bytes, no NUL inside)
 * to l, tagged with file and depth (0: the file loaded). An assumption is
 * a line containing "# assumption:" (the text after it) and the comment
 * lines right after it (first non-blank '#'), joined by single spaces.
 * Their nearest setting is "" until assumptions_set_setting. Returns the
 * index of the first one appended (l->n when none); what does not fit
 * (ASSUMPTION_MAX entries, ASSUMPTION_TEXT_MAX bytes) is counted in
 * l->dropped, and text is only ever cut at a character boundary. */
int assumptions_scan(AssumptionList *l, const char *text, size_t len, const char *file, int depth);

/* Sets the nearest setting path of assumption i (kept if it fits). */
void assumptions_set_setting(AssumptionList *l, int i, const char *path);

/* The strings of assumption i; "" when not known. */
const char *assumption_text(const AssumptionList *l, int i);
const char *assumption_file(const AssumptionList *l, int i);
const char *assumption_setting(const AssumptionList *l, int i);

/* summary.md's register: the assumptions of the file loaded (depth 0),
 * "- line N: text" each, under "## Assumptions this result depends on";
 * nothing when there are none. */
void assumptions_write_md(FILE *f, const AssumptionList *l);

/* The register read back from summary.md text md into l (emptied first):
 * line and text of each item; an item not of the form "line N: text" is
 * kept whole with line 0. Returns l->n. */
int assumptions_read_md(const char *md, AssumptionList *l);

#endif
