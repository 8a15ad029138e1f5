/* stagedir.h — "complete or absent" output directories (DESIGN §13): files
 * are written into a hidden staging directory beside the final one, which
 * replaces the final directory only when every file was written. */
#ifndef ECSIM_STAGEDIR_H
#define ECSIM_STAGEDIR_H

#include <stdint.h>

#include "status.h"

#define STAGE_PATH_MAX 1024

typedef struct {
    char parent[STAGE_PATH_MAX];   /* OUT */
    char final[STAGE_PATH_MAX];    /* OUT/name */
    char stage[STAGE_PATH_MAX];    /* OUT/.name.XXXXXX */
} StagedDir;

/* Creates parent (and its parents) if needed and a fresh staging directory. */
Status stage_begin(StagedDir *sd, const char *parent, const char *name, Diag *d);
/* Joins the staging path and a file name into buf; -1 if it does not fit. */
int stage_path(const StagedDir *sd, const char *file, char *buf, size_t size);
/* Moves the staging directory into place, replacing an older result. */
Status stage_commit(StagedDir *sd, Diag *d);
/* Removes the staging directory and everything in it. */
void stage_abort(StagedDir *sd);
/* Removes a directory tree (files and subdirectories); 0 on success. */
int remove_tree(const char *path);
/* mkdir -p; 0 on success. */
int make_dirs(const char *path);

/* Unique names: unique_seed mixes time, process and an address into a
 * state; unique_fill replaces the last 6 characters of templ (made to end in
 * "XXXXXX") with random letters and digits (-1 if it is shorter). The caller creates the
 * entry with O_EXCL (or mkdir) and tries again on EEXIST: safety comes from
 * the exclusive creation, the randomness only avoids collisions. */
uint64_t unique_seed(const void *salt);
int unique_fill(char *templ, uint64_t *state);

#endif
