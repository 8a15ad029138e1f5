/* tablebuf.h — a table whose rows are written before its header (DESIGN
 * §13): rows stream into an anonymous temporary file beside the output as
 * results arrive, and the final file (header, then the rows) is assembled
 * once the header is known. A table whose trailing column groups grow as
 * rows arrive (one group per target id first seen) records how many groups
 * each row had; rows written before a group existed are padded at assembly.
 * Memory stays one row, whatever the number of rows. */
#ifndef ECSIM_TABLEBUF_H
#define ECSIM_TABLEBUF_H

#include <stdio.h>

#include "status.h"

typedef struct {
    FILE *body;        /* records: groups, length, bytes */
    FILE *row;         /* the row being written */
    char *row_text;
    size_t row_len;
    long rows;
} TableBuf;

/* Opens the temporary file in dir (which must exist); it has no name, so
 * nothing is left behind whatever happens. */
Status tablebuf_open(TableBuf *t, const char *dir, Diag *d);
/* Starts a row; write its text (without the line end) to the stream
 * returned; NULL when out of memory. */
FILE *tablebuf_row(TableBuf *t);
/* Ends the row started last, which has `groups` trailing groups. */
Status tablebuf_end_row(TableBuf *t, int groups, Diag *d);
/* Writes every row to out: its text, then `pad` once for each group it
 * lacks of `groups`, then eol. */
Status tablebuf_copy(TableBuf *t, FILE *out, int groups, const char *pad, const char *eol,
                     Diag *d);
void tablebuf_close(TableBuf *t);

#endif
