/* textdist.h — edit distance for "did you mean ...?" suggestions. */
#ifndef ECSIM_TEXTDIST_H
#define ECSIM_TEXTDIST_H

#include <stddef.h>

/* Levenshtein distance between a and b (names up to 127 characters;
 * longer strings compare their first 127). */
int text_distance(const char *a, const char *b);

/* The candidate nearest to name, or NULL when none is within
 * max(2, strlen(name) / 3) edits. */
const char *text_nearest(const char *name, const char *const *candidates, size_t n);

#endif
