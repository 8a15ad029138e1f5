/* testutil.h — small helpers shared by the chart test suites. */
#ifndef ECSIM_TESTUTIL_H
#define ECSIM_TESTUTIL_H

int file_exists(const char *path);
/* Width and height of a PNG from its IHDR chunk, which the PNG standard puts
 * first (8-byte signature, length, "IHDR", width, height, big-endian);
 * -1 if the file is not a PNG. Independent of the code that wrote it. */
int png_size(const char *path, unsigned *w, unsigned *h);
/* 1 if an executable gnuplot is on PATH. */
int have_gnuplot(void);

#endif
