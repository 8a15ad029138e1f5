/* results.h — a scenario's result files read back: the gnuplot-ready .dat
 * files (annual.dat, hourly-YYYY.dat, the chart data), targets.dat with its
 * quoted labels, and run.cfg as text (config.c alone includes libconfig).
 * For the charts (chartdata.c, plot.c) and the report (report.c). */
#ifndef ECSIM_RESULTS_H
#define ECSIM_RESULTS_H

#include <stddef.h>

#include "status.h"

/* A gnuplot-ready .dat file: '#' comment lines, one header line of column
 * names, then rows of numbers separated by blanks. */
typedef struct {
    int n_cols, n_rows;
    char **names;   /* n_cols column names */
    double *v;      /* n_rows x n_cols, row-major */
} DatTable;

/* Reads path into *t (zeroed first). ST_IO if it cannot be read, has no
 * header, or a row has the wrong number of fields or a field that is not a
 * number (the error names file and line); ST_NOMEM. Free with
 * results_dat_free, also after a failure. */
Status results_dat_read(const char *path, DatTable *t, Diag *d);
void results_dat_free(DatTable *t);
/* Index of the column called name, or -1. */
int results_dat_col(const DatTable *t, const char *name);
/* Value of row r, column c; NaN if c < 0 or either is out of range. */
double results_dat_get(const DatTable *t, int r, int c);
/* Value of column name in the row whose "year" column equals year; NaN if
 * there is no such column or row. */
double results_dat_year(const DatTable *t, int year, const char *name);

/* One row of targets.dat. */
typedef struct {
    char id[64];
    char label[192];
    char metric[64];
    char op[16];       /* ">=", "<=", "range", "reduction" */
    char basis[16];    /* "plan", "policy", "assumption"; "" in files before these columns */
    char kind[16];     /* "result", "schedule"; "" in files before these columns */
    char note[256];    /* the target's note; "" if none or in older files */
    int year, base_year, pass;
    double value, threshold, upper, margin;
} TargetRow;

typedef struct {
    int n;
    TargetRow *rows;
} TargetTable;

/* Reads targets.dat (quoted labels and notes, "" for a quote inside; the basis,
 * kind and note columns are optional, so files written before them still read). ST_IO names the
 * file and line of a malformed row; ST_NOMEM. Free with results_targets_free. */
Status results_targets_read(const char *path, TargetTable *t, Diag *d);
void results_targets_free(TargetTable *t);

/* The years of the hourly-YYYY.dat files in scenario_dir, ascending; returns
 * how many were found (at most max are stored), or -1 if the directory
 * cannot be read. */
int results_hourly_years(const char *scenario_dir, int *years, int max);

/* A whole file in memory, NUL-terminated (the caller frees it); NULL
 * if it cannot be read or is larger than max bytes. len may be NULL. */
#define RESULTS_FILE_MAX (1 << 20)
char *results_read_file(const char *path, size_t max, size_t *len);
/* The text file dir/name whole (at most RESULTS_FILE_MAX bytes, a regular
 * file, no NUL byte); NULL with an ST_IO error naming the file in d. */
char *results_read_text(const char *dir, const char *name, Diag *d);

/* The text of `key = value;` in the top-level group `group` of a libconfig
 * file as ecsim writes run.cfg (read as text: config.c alone includes
 * libconfig): strings without their quotes (\" and \\ undone), anything
 * else as written, a list or schedule on one line. 0 if found, else -1 and
 * out is "". */
int results_cfg_get(const char *text, const char *group, const char *key, char *out, size_t n);

/* ST_OK if dir holds the files of a finished run (annual.dat, targets.dat
 * and run.cfg as regular files); otherwise one error naming what is missing. */
Status results_check_dir(const char *dir, Diag *d);

#endif
