/* infile.h — input files opened with their kind and size checked first: a
 * FIFO, device or directory where a file is expected is refused at once
 * (reading one would block forever or never end), and so is a file larger
 * than the reader's cap, with a message saying which. */
#ifndef ECSIM_INFILE_H
#define ECSIM_INFILE_H

#include <stdio.h>
#include <sys/types.h>

/* Opens path for reading if it is a regular file of at most max_bytes.
 * On failure returns NULL and writes the reason ("not a regular file (a
 * FIFO)", "larger than 64 MiB", or strerror) into why. */
FILE *infile_open(const char *path, off_t max_bytes, char *why, size_t why_n);

/* Reads the next line like getline; returns -1 at the end or on error, -2
 * when the line is longer than max_len bytes (the rest of it is skipped). */
long infile_line(FILE *f, char **line, size_t *cap, size_t max_len);

#endif
