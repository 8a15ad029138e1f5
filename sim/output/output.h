/* output.h — the file sink: annual.dat/.csv, hourly-YYYY.dat, targets.dat/
 * .csv, summary.md and run.cfg of one scenario (DESIGN §9), written into a
 * staging directory and moved into OUT/<scenario> only when all succeeded. */
#ifndef ECSIM_OUTPUT_H
#define ECSIM_OUTPUT_H

#include "sink.h"
#include "stagedir.h"

/* More of the same folder, committed with it (`ecsim sensitivity`): a
 * section of summary.md after the targets, and files written into the
 * staging directory before the commit. Either callback may be NULL. */
typedef struct {
    void *ctx;
    void (*summary)(void *ctx, FILE *f);
    Status (*files)(void *ctx, const StagedDir *dir, Diag *d);
} SinkExtras;

typedef struct {
    const char *out_dir;
    Diag *d;
    const SinkExtras *extras;         /* NULL: none (set after file_sink_init) */
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
/* calibration.dat / .csv: per record of s->calibration, the model's value
 * of its metric in its year (res), the published value and their
 * difference as a fraction of the published value. */
Status output_calibration(const char *dat_path, const char *csv_path, const Scenario *s, const RunResults *res,
                          Diag *d);

#endif
