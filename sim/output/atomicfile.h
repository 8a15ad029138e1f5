/* atomicfile.h — one output file, complete or absent (DESIGN §13): written to
 * a fresh hidden temporary file beside it (".<name>.XXXXXX", created with
 * O_EXCL|O_NOFOLLOW, so a link planted under any name is never followed),
 * with a large buffer, then renamed into place. */
#ifndef ECSIM_ATOMICFILE_H
#define ECSIM_ATOMICFILE_H

#include <stdio.h>

#include "stagedir.h"
#include "status.h"

#define IO_BUFFER (1 << 16)

typedef struct {
    FILE *f;
    char path[STAGE_PATH_MAX];
    char tmp[STAGE_PATH_MAX + 16];
    char buf[IO_BUFFER];
} AtomicFile;

/* Creates the temporary file for path; errors name the file. */
Status afile_open(AtomicFile *af, const char *path, Diag *d);
/* Flushes, checks for write errors, closes and renames into place; on any
 * failure removes the temporary file. A directory at path is an error. */
Status afile_commit(AtomicFile *af, Diag *d);
/* Closes and removes the temporary file. */
void afile_abort(AtomicFile *af);

/* Creates a new file at a random name made from templ (which ends in
 * "XXXXXX", replaced in place) with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0666
 * less the umask, as fopen would; returns the descriptor or -1 (errno set). */
int afile_create_unique(char *templ);

#endif
