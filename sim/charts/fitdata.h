/* fitdata.h — the tables that `ecsim fit-weather` writes beside its settings
 * for the fit report (weibull.dat, acf.dat, diurnal.dat, clearness.dat,
 * temperature.dat; docs/charts.md, "The fit report"), read and checked: a
 * '#' header line naming the columns, numbers in decimal notation (NaN for
 * a missing observed or fitted value), the monthly files one block per
 * month 1..12 separated by two blank lines (gnuplot index month - 1). */
#ifndef ECSIM_FITDATA_H
#define ECSIM_FITDATA_H

#include "status.h"

#define FITDATA_MAX_COLS 5

/* One column: its name in the header and the values it may hold. */
typedef struct {
    const char *name;
    double lo, hi;        /* allowed values */
    int integer;
    int missing_ok;       /* NaN (gnuplot's missing value) allowed */
} FitDatCol;

typedef struct {
    const char *file;
    int n_cols;
    FitDatCol cols[FITDATA_MAX_COLS];
    int by_month;         /* one block per month 1..12 (first column), separated by two blank lines */
    int key;              /* this column rises strictly within a block (the file) */
    int exact_rows;       /* rows the file must have (0: any); then the key is row + 1 */
} FitDatSpec;

enum { FIT_WEIBULL, FIT_ACF, FIT_DIURNAL, FIT_CLEARNESS, FIT_TEMPERATURE, FIT_N_DAT };

typedef struct {
    const FitDatSpec *spec;
    int n_rows;
    double *v;            /* n_rows x spec->n_cols, row-major */
} FitDat;

const FitDatSpec *fitdata_spec(int which);

/* Reads dir/<file of which> into t. A file missing or not a regular file, a
 * field that is not a number, a row with too few or too many fields, a value
 * outside its column's range, a month block out of order or not separated
 * by two blank lines, a key that does not rise, a column with no value:
 * ST_IO with "file:line: column N (name): message"; ST_NOMEM. Free with
 * fitdata_free, also after a failure. */
Status fitdata_read(const char *dir, int which, FitDat *t, Diag *d);
void fitdata_free(FitDat *t);
/* Row r, column c. */
double fitdata_at(const FitDat *t, int r, int c);

#endif
