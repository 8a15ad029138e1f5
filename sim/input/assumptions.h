/* assumptions.h — the assumptions register (DESIGN §6): the "# assumption:"
 * comments of a scenario's files, found once when the scenario is loaded
 * (config_parse.c) and kept on it (Scenario.assumptions, model.h), listed
 * in summary.md and, read back from there, in report.html. No libconfig. */
#ifndef ECSIM_ASSUMPTIONS_H
#define ECSIM_ASSUMPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "status.h"

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

/* ---- the provenance register (model.h ProvenanceList) ----
 * The covering rule: a provenance comment is a '#' comment (outside strings)
 * whose text starts with "plan:", "source:" or "assumption:". One on a line
 * of its own covers the settings on the lines after it up to the next blank
 * line or the next provenance comment; comment lines right after it continue
 * its text. One at the end of a setting's line (a trailing comment) covers
 * that line only, and ends the coverage of the one above. A setting is
 * covered by what covers the line it starts on. */
typedef struct {
    ProvBasis basis;
    int line;
    char *text;      /* malloc'd: the text after the marker, continuation lines joined by ' ' */
    int at;          /* its offset in a ProvenanceList once stored; 0 before */
} ProvNote;

typedef struct {
    int n_lines;
    int *cover;      /* cover[line] (1-based): the note covering it, -1 none */
    int n_notes;
    ProvNote *notes;
    int file_at;     /* the file's offset in a ProvenanceList once stored */
} ProvCover;

/* The notes and cover table of one file's text (len bytes, no NUL inside).
 * ST_NOMEM on failure; free with provenance_cover_free either way. */
Status provenance_cover(ProvCover *pc, const char *text, size_t len);
void provenance_cover_free(ProvCover *pc);

/* Appends the setting path written at line of file (depth in the chain)
 * with the note covering that line. It is shadowed when a file nearer the
 * one loaded (smaller depth) writes the same value (a record field: the
 * same list), or when it is a base's scenario.name. Returns its index, or -1
 * when the register is full (counted in l->dropped). Call the files of a
 * chain in order of depth. */
int provenance_add(ProvenanceList *l, ProvCover *pc, const char *path, const char *file, int line,
                   int depth);

/* The strings of entry i; "" when not known. */
const char *provenance_path(const ProvenanceList *l, int i);
const char *provenance_file(const ProvenanceList *l, int i);
const char *provenance_text(const ProvenanceList *l, int i);
/* "none", "plan", "source", "assumption". */
const char *provenance_basis_name(ProvBasis b);
/* The entry in effect (not shadowed) for path, or -1. */
int provenance_find(const ProvenanceList *l, const char *path);

#endif
