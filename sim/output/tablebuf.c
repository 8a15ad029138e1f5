/* tablebuf.c — rows first, header later (tablebuf.h). A record is the
 * row's group count and byte length, then its bytes: no line splitting on
 * read-back, so any text a row holds comes back as it went in. */
#include "tablebuf.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stagedir.h"

static Status io_error(Diag *d, const char *what)
{
    diag_error(d, ST_IO, NULL, 0, NULL, "temporary table file: %s", what);
    return ST_IO;
}

Status tablebuf_open(TableBuf *t, const char *dir, Diag *d)
{
    memset(t, 0, sizeof *t);
    char path[STAGE_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/.rows.XXXXXX", dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return ST_IO;
    }
    int fd = mkstemp(path);
    if (fd < 0) {
        diag_error(d, ST_IO, dir, 0, NULL, "cannot create a temporary file");
        return ST_IO;
    }
    unlink(path);
    fcntl(fd, F_SETFD, FD_CLOEXEC);   /* not inherited by gnuplot children */
    t->body = fdopen(fd, "w+b");
    if (!t->body) {
        close(fd);
        return io_error(d, "cannot open");
    }
    return ST_OK;
}

FILE *tablebuf_row(TableBuf *t)
{
    t->row_text = NULL;
    t->row_len = 0;
    t->row = open_memstream(&t->row_text, &t->row_len);
    return t->row;
}

Status tablebuf_end_row(TableBuf *t, int groups, Diag *d)
{
    if (!t->row) return io_error(d, "out of memory");
    int bad = fclose(t->row) != 0;
    t->row = NULL;
    if (!bad) {
        bad = fwrite(&groups, sizeof groups, 1, t->body) != 1
              || fwrite(&t->row_len, sizeof t->row_len, 1, t->body) != 1
              || fwrite(t->row_text, 1, t->row_len, t->body) != t->row_len;
    }
    free(t->row_text);
    t->row_text = NULL;
    if (bad) return io_error(d, "cannot write");
    t->rows++;
    return ST_OK;
}

Status tablebuf_copy(TableBuf *t, FILE *out, int groups, const char *pad, const char *eol,
                     Diag *d)
{
    if (fflush(t->body) != 0 || fseek(t->body, 0, SEEK_SET) != 0) return io_error(d, "cannot read");
    char buf[4096];
    for (long r = 0; r < t->rows; r++) {
        int g;
        size_t len;
        if (fread(&g, sizeof g, 1, t->body) != 1 || fread(&len, sizeof len, 1, t->body) != 1)
            return io_error(d, "cannot read");
        while (len > 0) {
            size_t chunk = len < sizeof buf ? len : sizeof buf;
            if (fread(buf, 1, chunk, t->body) != chunk) return io_error(d, "cannot read");
            fwrite(buf, 1, chunk, out);
            len -= chunk;
        }
        for (; g < groups; g++) fputs(pad, out);
        fputs(eol, out);
    }
    return ST_OK;
}

void tablebuf_close(TableBuf *t)
{
    if (t->row) fclose(t->row);
    free(t->row_text);
    if (t->body) fclose(t->body);
    memset(t, 0, sizeof *t);
}
