/* atomicfile.h — one output file, complete or absent: written to
 * "<path>.tmp" with a large buffer, then renamed into place (DESIGN §13). */
#ifndef ECSIM_ATOMICFILE_H
#define ECSIM_ATOMICFILE_H

#include <stdio.h>

#include "stagedir.h"
#include "status.h"

#define IO_BUFFER (1 << 16)

typedef struct {
    FILE *f;
    char path[STAGE_PATH_MAX];
    char tmp[STAGE_PATH_MAX + 8];
    char buf[IO_BUFFER];
} AtomicFile;

/* Opens path.tmp for writing; errors name the file. */
Status afile_open(AtomicFile *af, const char *path, Diag *d);
/* Flushes, checks for write errors, closes and renames into place; on any
 * failure removes the temporary file. */
Status afile_commit(AtomicFile *af, Diag *d);
/* Closes and removes the temporary file. */
void afile_abort(AtomicFile *af);

#endif
