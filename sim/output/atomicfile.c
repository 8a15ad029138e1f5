/* atomicfile.c — files renamed into place when complete. */
#include "atomicfile.h"

#include <errno.h>
#include <string.h>

Status afile_open(AtomicFile *af, const char *path, Diag *d)
{
    if (snprintf(af->path, sizeof af->path, "%s", path) >= (int)sizeof af->path
        || snprintf(af->tmp, sizeof af->tmp, "%s.tmp", path) >= (int)sizeof af->tmp) {
        diag_error(d, ST_IO, path, 0, NULL, "path too long");
        return ST_IO;
    }
    af->f = fopen(af->tmp, "wb");
    if (!af->f) {
        diag_error(d, ST_IO, af->tmp, 0, NULL, "cannot create: %s", strerror(errno));
        return ST_IO;
    }
    setvbuf(af->f, af->buf, _IOFBF, sizeof af->buf);
    return ST_OK;
}

Status afile_commit(AtomicFile *af, Diag *d)
{
    int bad = ferror(af->f);
    if (fclose(af->f) != 0) bad = 1;
    af->f = NULL;
    if (bad || rename(af->tmp, af->path) != 0) {
        diag_error(d, ST_IO, af->path, 0, NULL, "cannot write: %s", strerror(errno));
        remove(af->tmp);
        return ST_IO;
    }
    return ST_OK;
}

void afile_abort(AtomicFile *af)
{
    if (af->f) fclose(af->f);
    af->f = NULL;
    remove(af->tmp);
}
