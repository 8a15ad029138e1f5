/* output.h — the file sink: annual.dat/.csv, hourly-YYYY.dat, targets.dat/
 * .csv, summary.md and run.cfg of one scenario (DESIGN §9), written into a
 * staging directory and moved into OUT/<scenario> only when all succeeded. */
#ifndef ECSIM_OUTPUT_H
#define ECSIM_OUTPUT_H

#include "sink.h"
#include "stagedir.h"

typedef struct {
    const char *out_dir;
    Diag *d;
    StagedDir dir;
    int staged;
    char final_dir[STAGE_PATH_MAX];   /* set after a successful commit */
} FileSink;

void file_sink_init(FileSink *fs, const char *out_dir, Diag *d);
Sink file_sink(FileSink *fs);
/* Removes a half-written staging directory after a failed run. */
void file_sink_abort(FileSink *fs);

/* Writes s[0..len) as a quoted field: CSV doubles inner quotes, .dat (csv 0)
 * turns them into ' (gnuplot has no escape inside a quoted field). */
void output_put_text(FILE *f, const char *s, size_t len, int csv);

/* Single files, exposed for tests and for comparison outputs. Each writes to
 * path + ".tmp" and renames. */
Status output_annual_dat(const char *path, const Scenario *s, const RunResults *res, Diag *d);
Status output_annual_csv(const char *path, const RunResults *res, Diag *d);
Status output_hourly_dat(const char *path, const Scenario *s, const Calendar *cal,
                         const WeatherYear *wx, const YearInputs *in, const YearSeries *out, Diag *d);
Status output_targets(const char *dat_path, const char *csv_path, const RunResults *res, Diag *d);

#endif
