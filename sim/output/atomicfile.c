/* atomicfile.c — files renamed into place when complete. */
#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int afile_create_unique(char *templ)
{
    uint64_t state = unique_seed(templ);
    for (int attempt = 0; attempt < 1000; attempt++) {
        if (unique_fill(templ, &state) != 0) {
            errno = EINVAL;
            return -1;
        }
        int fd = open(templ, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

Status afile_open(AtomicFile *af, const char *path, Diag *d)
{
    af->f = NULL;
    af->tmp[0] = '\0';
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    if (snprintf(af->path, sizeof af->path, "%s", path) >= (int)sizeof af->path
        || snprintf(af->tmp, sizeof af->tmp, "%.*s.%s.XXXXXX", dir_len, path, base)
               >= (int)sizeof af->tmp) {
        af->tmp[0] = '\0';
        diag_error(d, ST_IO, path, 0, NULL, "path too long");
        return ST_IO;
    }
    if (!*base) {
        af->tmp[0] = '\0';
        diag_error(d, ST_IO, path, 0, NULL, "not a file name");
        return ST_IO;
    }
    int fd = afile_create_unique(af->tmp);
    if (fd < 0) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot create: %s", strerror(errno));
        af->tmp[0] = '\0';
        return ST_IO;
    }
    af->f = fdopen(fd, "wb");
    if (!af->f) {
        int e = errno;
        close(fd);
        unlink(af->tmp);
        af->tmp[0] = '\0';
        diag_error(d, ST_IO, path, 0, NULL, "cannot create: %s", strerror(e));
        return ST_IO;
    }
    setvbuf(af->f, af->buf, _IOFBF, sizeof af->buf);
    return ST_OK;
}

Status afile_commit(AtomicFile *af, Diag *d)
{
    int bad = ferror(af->f);
    int e = 0;
    if (bad) {
        /* the failed write's errno is gone: flushing again usually fails
         * the same way and says why (ENOSPC on a full file system) */
        clearerr(af->f);
        e = fflush(af->f) != 0 ? errno : EIO;
    }
    if (fclose(af->f) != 0 && !bad) { bad = 1; e = errno; }
    af->f = NULL;
    /* rename replaces a link at path by the file, never writes through it */
    if (!bad && rename(af->tmp, af->path) != 0) { bad = 1; e = errno; }
    if (bad) {
        diag_error(d, ST_IO, af->path, 0, NULL, "cannot write: %s", strerror(e));
        unlink(af->tmp);
        af->tmp[0] = '\0';
        return ST_IO;
    }
    af->tmp[0] = '\0';
    return ST_OK;
}

void afile_abort(AtomicFile *af)
{
    if (af->f) fclose(af->f);
    af->f = NULL;
    if (af->tmp[0]) unlink(af->tmp);
    af->tmp[0] = '\0';
}
