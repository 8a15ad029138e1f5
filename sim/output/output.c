/* output.c — result files of one scenario (DESIGN §9): gnuplot-ready .dat
 * (# comment lines, one header line of column names, whitespace-separated
 * rows) and spreadsheet .csv twins (UTF-8 with BOM). The C locale, fixed
 * formats and no timestamps: same config and seed, same bytes. */
#include "output.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "atomicfile.h"
#include "config.h"
#include "enums.h"
#include "numfmt.h"
#include "series.h"
#include "summary.h"
#include "utf8.h"
#include "version.h"

/* Quoted text for result files. CSV doubles an inner quote; gnuplot has no
 * escape inside a quoted field, so a .dat file gets ' for ". */
void output_put_text(FILE *f, const char *s, size_t len, int csv)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '"') fputc(s[i], f);
        else fputs(csv ? "\"\"" : "'", f);
    }
    fputc('"', f);
}

/* Text from outside (the file's path may hold a newline) goes through
 * utf8_shown so that a comment line stays one line. */
static void provenance(FILE *f, const Scenario *s, const char *title)
{
    char name[sizeof s->name + 16], file[sizeof s->source_file + 16];
    fprintf(f, "# %s — scenario %s\n", title, utf8_shown(name, sizeof name, s->name, SIZE_MAX, sizeof name));
    fprintf(f, "# ecsim %s; seed %lu; years %d-%d; config %s\n", ECSIM_VERSION, s->seed,
            s->first_year, s->last_year, utf8_shown(file, sizeof file, s->source_file, SIZE_MAX, sizeof file));
}

Status output_annual_dat(const char *path, const Scenario *s, const RunResults *res, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    provenance(f, s, "ecsim annual results");
    fputs("# units:", f);
    for (int k = 0; k < metrics_count(); k++) fprintf(f, " %s", metrics_get(k)->unit);
    fputc('\n', f);
    for (int k = 0; k < metrics_count(); k++)
        fprintf(f, k ? " %s" : "%s", metrics_get(k)->name);
    fputc('\n', f);
    for (int i = 0; i < res->n_years; i++) {
        for (int k = 0; k < metrics_count(); k++) {
            const Metric *m = metrics_get(k);
            if (k) fputc(' ', f);
            fprintf(f, m->format, metric_value(m, &res->rows[i]));
        }
        fputc('\n', f);
    }
    return afile_commit(af, d);
}

Status output_annual_csv(const char *path, const RunResults *res, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    fputs("\xEF\xBB\xBF", f);   /* BOM: spreadsheet programs then read UTF-8 */
    for (int k = 0; k < metrics_count(); k++)
        fprintf(f, k ? ",%s" : "%s", metrics_get(k)->name);
    fputs("\r\n", f);
    for (int i = 0; i < res->n_years; i++) {
        for (int k = 0; k < metrics_count(); k++) {
            const Metric *m = metrics_get(k);
            if (k) fputc(',', f);
            fprintf(f, m->format, metric_value(m, &res->rows[i]));
        }
        fputs("\r\n", f);
    }
    return afile_commit(af, d);
}

/* Hourly columns: the calendar, every series of series.def marked hourly
 * (in table order), then the weather. */
#define WX_COLS 3

Status output_hourly_dat(const char *path, const Scenario *s, const Calendar *cal,
                         const WeatherYear *wx, const YearInputs *in, const YearSeries *out, Diag *d)
{
    const double *col[SER_COUNT + WX_COLS];
    const char *name[SER_COUNT + WX_COLS];
    int nc = 0;
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        if (!se->hourly) continue;
        name[nc] = se->column;
        col[nc++] = series_data(in, out, i);
    }
    name[nc] = "wind_ms";
    col[nc++] = wx->wind_ms;
    name[nc] = "ghi_wm2";
    col[nc++] = wx->ghi_wm2;
    name[nc] = "temp_c";
    col[nc++] = wx->temp_c;

    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    char title[64];
    snprintf(title, sizeof title, "ecsim hourly dispatch %d", cal->year);
    provenance(f, s, title);
    fprintf(f, "# hour h covers [h, h+1) of local clock time (UTC%+g); MW of a row are also its MWh\n",
            s->site.utc_offset_h);
    fprintf(f, "# weather: wind_ms at %g m, ghi_wm2 global horizontal (hour mean), temp_c air\n",
            wx->wind_height_m);
    char balance[512];
    series_balance_text(balance, sizeof balance);
    fprintf(f, "# balance: %s\n", balance);
    fputs("hour month day hour_of_day day_of_year", f);
    for (int c = 0; c < nc; c++) fprintf(f, " %s", name[c]);
    fputc('\n', f);
    char line[64 + (SER_COUNT + WX_COLS) * 32];
    for (int h = 0; h < cal->hours; h++) {
        int n = numfmt_fixed(line, h, 0);
        line[n++] = ' ';
        n += numfmt_fixed(line + n, cal->month[h], 0);
        line[n++] = ' ';
        n += numfmt_fixed(line + n, cal->day[h], 0);
        line[n++] = ' ';
        n += numfmt_fixed(line + n, cal->hour_of_day[h], 0);
        line[n++] = ' ';
        n += numfmt_fixed(line + n, cal->day_of_year[h], 0);
        for (int c = 0; c < nc; c++) {
            line[n++] = ' ';
            n += numfmt_fixed(line + n, col[c][h], 3);
        }
        line[n++] = '\n';
        fwrite(line, 1, (size_t)n, f);
    }
    return afile_commit(af, d);
}

Status output_targets(const char *dat_path, const char *csv_path, const RunResults *res, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, dat_path, d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    fputs("# ecsim target checks: margin > 0 passes; reduction values are fractions (0.12 = 12 %);\n"
          "# basis: plan / policy / assumption; kind: result (simulated) / schedule (the scenario's\n"
          "# own build-out, checked at year end); note: the target's note, \"\" if none\n", f);
    fputs("id label metric year value op threshold upper base_year pass margin basis kind note\n", f);
    for (int i = 0; i < res->n_targets; i++) {
        const TargetResult *t = &res->targets[i];
        fprintf(f, "%s ", t->id);
        output_put_text(f, t->label, strlen(t->label), 0);
        fprintf(f, " %s %d %.9g %s %.9g %.9g %d %d %.9g %s %s ", t->metric, t->year, t->value,
                enum_name(ENUM_TARGET_OP, (int)t->op), t->threshold, t->upper, t->base_year, t->pass, t->margin,
                enum_name(ENUM_TARGET_BASIS, (int)t->basis), enum_name(ENUM_TARGET_KIND, (int)t->kind));
        output_put_text(f, t->note, strlen(t->note), 0);
        fputc('\n', f);
    }
    if ((st = afile_commit(af, d)) != ST_OK) return st;

    if ((st = afile_open(af, csv_path, d)) != ST_OK) return st;
    f = af->f;
    fputs("\xEF\xBB\xBF" "id,label,metric,year,value,op,threshold,upper,base_year,pass,margin,basis,kind,note\r\n", f);
    for (int i = 0; i < res->n_targets; i++) {
        const TargetResult *t = &res->targets[i];
        fprintf(f, "%s,", t->id);
        output_put_text(f, t->label, strlen(t->label), 1);
        fprintf(f, ",%s,%d,%.9g,%s,%.9g,%.9g,%d,%d,%.9g,%s,%s,", t->metric, t->year, t->value,
                enum_name(ENUM_TARGET_OP, (int)t->op), t->threshold, t->upper, t->base_year, t->pass, t->margin,
                enum_name(ENUM_TARGET_BASIS, (int)t->basis), enum_name(ENUM_TARGET_KIND, (int)t->kind));
        output_put_text(f, t->note, strlen(t->note), 1);
        fputs("\r\n", f);
    }
    return afile_commit(af, d);
}

/* The model's value of metric in year, NaN when the run has no such row. */
static double model_at(const RunResults *res, const char *metric, int year)
{
    const Metric *m = metrics_find(metric);
    for (int i = 0; m && i < res->n_years; i++)
        if ((int)res->rows[i].year == year) return metric_value(m, &res->rows[i]);
    return (double)NAN;
}

Status output_calibration(const char *dat_path, const char *csv_path, const Scenario *s, const RunResults *res,
                          Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    for (int csv = 0; csv < 2; csv++) {
        Status st = afile_open(af, csv ? csv_path : dat_path, d);
        if (st != ST_OK) return st;
        FILE *f = af->f;
        if (csv) fputs("\xEF\xBB\xBF" "metric,year,model,published,diff_frac,source\r\n", f);
        else fputs("# ecsim calibration: the model against published figures, in the metric's unit (annual.dat);\n"
                   "# diff_frac = (model - published) / published; source: where the published figure is from\n"
                   "metric year model published diff_frac source\n", f);
        for (int i = 0; i < s->calibration.n; i++) {
            const CalibrationPoint *c = &s->calibration.c[i];
            if (c->year < s->first_year || c->year > s->last_year) continue;   /* not simulated */
            double m = model_at(res, c->metric, c->year);
            double diff = c->value != 0 ? (m - c->value) / c->value : (double)NAN;
            fprintf(f, csv ? "%s,%d,%.9g,%.9g,%.9g," : "%s %d %.9g %.9g %.9g ", c->metric, c->year, m, c->value,
                    diff);
            output_put_text(f, c->source, strlen(c->source), csv);
            fputs(csv ? "\r\n" : "\n", f);
        }
        if ((st = afile_commit(af, d)) != ST_OK) return st;
    }
    return ST_OK;
}

static Status write_run_cfg(const char *path, const Scenario *s, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    fprintf(af->f, "# ecsim %s — the fully resolved configuration of this run (defaults filled in,\n"
                   "# inheritance and --set applied); seed %lu. `ecsim run` reproduces the results\n"
                   "# from this file.\n", ECSIM_VERSION, s->seed);
    const char *from[1] = { s->source_file };
    st = config_write_resolved_ex(s, from, 1, af->f);
    if (st != ST_OK) {
        afile_abort(af);
        diag_error(d, st, path, 0, NULL, "cannot write the resolved configuration");
        return st;
    }
    return afile_commit(af, d);
}

static Status write_summary(const char *path, const Scenario *s, const RunResults *res, const SinkExtras *ex,
                            Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = afile_open(af, path, d);
    if (st != ST_OK) return st;
    SummarySection sec = { ex ? ex->ctx : NULL, ex ? ex->summary : NULL };
    summary_write(af->f, s, res, &sec);
    return afile_commit(af, d);
}

/* ---- the sink ---------------------------------------------------------- */

static int wants_hourly(const Scenario *s, int year)
{
    for (int i = 0; i < s->output.n_hourly_years; i++)
        if (s->output.hourly_years[i] == year) return 1;
    return 0;
}

static Status sink_begin(void *ctx, const Scenario *s)
{
    FileSink *fs = ctx;
    Status st = stage_begin(&fs->dir, fs->out_dir, s->name, fs->d);
    fs->staged = st == ST_OK;
    return st;
}

static Status sink_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                        const YearInputs *in, const YearSeries *out, const AnnualRow *row)
{
    (void)row;
    FileSink *fs = ctx;
    if (!wants_hourly(s, cal->year)) return ST_OK;
    char name[64], path[STAGE_PATH_MAX];
    snprintf(name, sizeof name, "hourly-%d.dat", cal->year);
    if (stage_path(&fs->dir, name, path, sizeof path) != 0) {
        diag_error(fs->d, ST_IO, fs->dir.stage, 0, NULL, "path too long");
        return ST_IO;
    }
    return output_hourly_dat(path, s, cal, wx, in, out, fs->d);
}

static Status sink_end(void *ctx, const Scenario *s, const RunResults *res)
{
    FileSink *fs = ctx;
    char p1[STAGE_PATH_MAX], p2[STAGE_PATH_MAX];
    Status st;
#define STAGED(var, file) \
    if (stage_path(&fs->dir, file, var, sizeof var) != 0) { \
        diag_error(fs->d, ST_IO, fs->dir.stage, 0, NULL, "path too long"); return ST_IO; }
    STAGED(p1, "annual.dat");
    if ((st = output_annual_dat(p1, s, res, fs->d)) != ST_OK) return st;
    STAGED(p1, "annual.csv");
    if ((st = output_annual_csv(p1, res, fs->d)) != ST_OK) return st;
    if (res->optimal) {   /* dispatch.yardstick: the optimum's rows, the same columns */
        STAGED(p1, "annual-optimal.dat");
        if ((st = output_annual_dat(p1, s, res->optimal, fs->d)) != ST_OK) return st;
        STAGED(p1, "annual-optimal.csv");
        if ((st = output_annual_csv(p1, res->optimal, fs->d)) != ST_OK) return st;
    }
    STAGED(p1, "targets.dat");
    STAGED(p2, "targets.csv");
    if ((st = output_targets(p1, p2, res, fs->d)) != ST_OK) return st;
    STAGED(p1, "summary.md");
    if ((st = write_summary(p1, s, res, fs->extras, fs->d)) != ST_OK) return st;
    STAGED(p1, "run.cfg");
    if ((st = write_run_cfg(p1, s, fs->d)) != ST_OK) return st;
    if (s->calibration.n > 0) {
        STAGED(p1, "calibration.dat");
        STAGED(p2, "calibration.csv");
        if ((st = output_calibration(p1, p2, s, res, fs->d)) != ST_OK) return st;
    }
    if (fs->extras && fs->extras->files && (st = fs->extras->files(fs->extras->ctx, &fs->dir, fs->d)) != ST_OK)
        return st;
#undef STAGED
    st = stage_commit(&fs->dir, fs->d);
    fs->staged = 0;
    if (st == ST_OK) snprintf(fs->final_dir, sizeof fs->final_dir, "%s", fs->dir.final);
    return st;
}

void file_sink_init(FileSink *fs, const char *out_dir, Diag *d)
{
    memset(fs, 0, sizeof *fs);
    fs->out_dir = out_dir;
    fs->d = d;
}

Sink file_sink(FileSink *fs)
{
    return (Sink){ fs, sink_begin, sink_year, sink_end };
}

void file_sink_abort(FileSink *fs)
{
    if (fs->staged) stage_abort(&fs->dir);
    fs->staged = 0;
}
