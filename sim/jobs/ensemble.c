/* ensemble.c — ensembles of weather members (ensemble.h). Record of one
 * member, in doubles: every metric of every year ([year][metric], years of
 * the scenario's period), then every target check's value, then its pass
 * flag (1/0), then 1 when every check of kind result passed. A "column" is
 * one position of that record across the members. */
#include "ensemble.h"
#include "ensemble_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "compare.h"
#include "config.h"
#include "enums.h"
#include "ensstat.h"
#include "output.h"
#include "present.h"
#include "printfmt.h"
#include "sha256.h"
#include "stagedir.h"
#include "stats.h"
#include "wxfitout.h"

size_t ens_col_metric(const Group *g, int y, int k) { return (size_t)y * (size_t)g->n_metrics + (size_t)k; }
size_t ens_col_value(const Group *g, int t) { return (size_t)g->n_years * (size_t)g->n_metrics + (size_t)t; }
size_t ens_col_pass(const Group *g, int t) { return ens_col_value(g, g->n_targets) + (size_t)t; }
size_t ens_col_all(const Group *g) { return ens_col_pass(g, g->n_targets); }

static Status io_fail(Diag *d, const char *what, const char *name)
{
    diag_error(d, ST_IO, NULL, 0, NULL, "%s: cannot write %s", name, what);
    return ST_IO;
}

/* A number cell: .dat NaN, .csv empty for a value that is not finite. */
void ens_cell(FILE *f, int csv, double v, const char *fmt)
{
    fputc(csv ? ',' : ' ', f);
    if (!isfinite(v)) fputs(csv ? "" : "NaN", f);
    else fprintf(f, fmt, v);
}

const char *ens_eol(int csv) { return csv ? "\r\n" : "\n"; }

/* ---- members.dat/.csv and the records, as members arrive ------------------- */

Status ens_group_open(Ens *e, Group *g, Diag *d)
{
    if (stage_begin(&g->sd, e->o->out_dir, g->scn->name, d) != ST_OK) return ST_IO;
    g->staged = 1;
    char path[STAGE_PATH_MAX + 32];
    const char *names[2] = { "members.dat", "members.csv" };
    FILE **fs[2] = { &g->mdat, &g->mcsv };
    for (int c = 0; c < 2; c++) {
        if (stage_path(&g->sd, names[c], path, sizeof path) < 0 || !(*fs[c] = fopen(path, "wb")))
            return io_fail(d, names[c], g->scn->name);
        FILE *f = *fs[c];
        if (c) fputs("\xEF\xBB\xBF", f);
        else {
            fprintf(f, "# ecsim ensemble members — scenario %s\n", g->scn->name);
            fprintf(f, "# seed %lu; members %d..%d; years %d-%d; one row per member and year\n",
                    g->scn->seed, g->first_member + 1, g->first_member + g->members, g->scn->first_year,
                    g->scn->last_year);
        }
        fputs("member", f);
        for (int k = 0; k < metrics_count(); k++) fprintf(f, c ? ",%s" : " %s", metrics_get(k)->name);
        fputs(ens_eol(c), f);
    }
    if (e->o->shard_n) {   /* a shard keeps its records for the merge */
        if (stage_path(&g->sd, "records.bin", path, sizeof path) < 0 || !(g->bin = fopen(path, "w+b")))
            return io_fail(d, "records.bin", g->scn->name);
        return ST_OK;
    }
    char templ[STAGE_PATH_MAX + 32];
    if (stage_path(&g->sd, ".records.XXXXXX", templ, sizeof templ) < 0) return io_fail(d, "records", g->scn->name);
    int wfd = afile_create_unique(templ);   /* write-only: opened again to read back */
    int fd = wfd < 0 ? -1 : open(templ, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (wfd >= 0) {
        close(wfd);
        unlink(templ);   /* unnamed from now on: nothing is left behind */
    }
    if (fd < 0) return io_fail(d, "records", g->scn->name);
    if (!(g->bin = fdopen(fd, "w+b"))) {
        close(fd);
        return io_fail(d, "records", g->scn->name);
    }
    return ST_OK;
}

/* Sizes the record on the first member; later members must match it. */
static Status group_shape(Group *g, const RunResults *res, Diag *d)
{
    if (g->meta) {
        if (res->n_years == g->n_years && res->n_targets == g->n_targets) return ST_OK;
        diag_error(d, ST_NUMERIC, g->path, 0, NULL, "members differ in years or target checks");
        return ST_NUMERIC;
    }
    g->n_years = res->n_years;
    g->n_metrics = metrics_count();
    g->n_targets = res->n_targets;
    g->rec = ens_col_all(g) + 1;
    g->recbuf = malloc(g->rec * sizeof *g->recbuf);
    g->meta = malloc(((size_t)g->n_targets + 1) * sizeof *g->meta);
    if (!g->recbuf || !g->meta) {
        diag_error(d, ST_NOMEM, g->path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    if (g->n_targets) memcpy(g->meta, res->targets, (size_t)g->n_targets * sizeof *g->meta);
    return ST_OK;
}

/* One row of members.dat (csv 0) or .csv: the text of ens_cell for every
 * metric, made in memory and written at once. A "%.Nf" cell is formatted
 * by pfmt_fixed (the same bytes as printf, at a tenth of the cost: an
 * ensemble writes ~1,300 numbers a member). */
static void member_row(FILE *f, int csv, unsigned long member, const AnnualRow *row, int n_metrics)
{
    char buf[8192];
    const size_t room = 400;   /* the longest cell made in buf: ens_cell's text of a "%.Nf" in range */
    int n = snprintf(buf, sizeof buf, "%lu", member);
    size_t len = n > 0 ? (size_t)n : 0;
    for (int k = 0; k < n_metrics; k++) {
        const Metric *m = metrics_get(k);
        double v = metric_value(m, row);
        if (len + 1 + room + 2 > sizeof buf) {   /* separator, cell, end of line */
            fwrite(buf, 1, len, f);
            len = 0;
        }
        buf[len++] = csv ? ',' : ' ';
        if (!isfinite(v)) {
            if (!csv) memcpy(buf + len, "NaN", 3), len += 3;
            continue;
        }
        int w = pfmt_fixed(buf + len, v, pfmt_decimals(m->format));
        if (w < 0) w = snprintf(buf + len, room, m->format, v);
        if (w >= 0 && (size_t)w < room) {
            len += (size_t)w;
            continue;
        }
        fwrite(buf, 1, len, f);   /* a cell longer than room: printf's own */
        len = 0;
        fprintf(f, m->format, v);
    }
    const char *eol = ens_eol(csv);
    size_t el = strlen(eol);
    memcpy(buf + len, eol, el);
    fwrite(buf, 1, len + el, f);
}

static Status add_member(Group *g, unsigned long member, const RunResults *res, Diag *d)
{
    Status st = group_shape(g, res, d);
    if (st != ST_OK) return st;
    for (int y = 0; y < res->n_years; y++) {
        for (int c = 0; c < 2; c++) member_row(c ? g->mcsv : g->mdat, c, member, &res->rows[y], g->n_metrics);
        for (int k = 0; k < g->n_metrics; k++)
            g->recbuf[ens_col_metric(g, y, k)] = metric_value(metrics_get(k), &res->rows[y]);
    }
    int all = 1;
    for (int t = 0; t < g->n_targets; t++) {
        const TargetResult *r = &res->targets[t];
        g->recbuf[ens_col_value(g, t)] = r->valid ? r->value : (double)NAN;
        g->recbuf[ens_col_pass(g, t)] = r->pass ? 1 : 0;
        if (r->kind == KIND_RESULT && !r->pass) all = 0;
    }
    g->recbuf[ens_col_all(g)] = all;
    if (fwrite(g->recbuf, sizeof *g->recbuf, g->rec, g->bin) != g->rec) return io_fail(d, "records", g->scn->name);
    g->done++;
    return ST_OK;
}

static Group *group_of(Ens *e, int job)
{
    int i = e->n_groups - 1;
    while (i > 0 && e->g[i].first_job > job) i--;
    return &e->g[i];
}

static Status on_job(void *ctx, const JobResult *r, Diag *d)
{
    Ens *e = ctx;
    Group *g = group_of(e, r->index);
    e->delivered++;
    if (r->status == ST_OK) e->out->ran++;
    else {
        e->out->not_run++;
        if (e->out->first_error == ST_OK && r->status != ST_INTERRUPTED) e->out->first_error = r->status;
    }
    if (e->rep && e->rep->finished) e->rep->finished(e->rep->ctx, r, e->delivered, e->total);
    if (g->st != ST_OK) return ST_OK;
    if (r->status != ST_OK) g->st = r->status;
    else if (!g->staged && (g->st = ens_group_open(e, g, d)) != ST_OK) {}
    else g->st = add_member(g, r->job->member, r->res, d);
    if (g->st != ST_OK && g->st != ST_INTERRUPTED && e->out->first_error == ST_OK) e->out->first_error = g->st;
    return ST_OK;
}

/* ---- statistics from the records ------------------------------------------- */

/* Reads columns idx[0..n) of every record into out[j * members + m]. */
Status ens_load_cols(Group *g, const size_t *idx, int n, double *out)
{
    if (fseek(g->bin, 0, SEEK_SET) != 0) return ST_IO;
    size_t members = (size_t)g->done;
    for (size_t m = 0; m < members; m++) {
        if (fread(g->recbuf, sizeof *g->recbuf, g->rec, g->bin) != g->rec) return ST_IO;
        for (int j = 0; j < n; j++) out[(size_t)j * members + m] = g->recbuf[idx[j]];
    }
    return ST_OK;
}

/* Statistics of x[0..n) (reordered: finite values sorted first) into s. */
void ens_column_stats(double *x, size_t n, const EnsOptions *o, double *s)
{
    size_t nf = 0;
    Welford w;
    welford_init(&w);
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) {
            welford_add(&w, x[i]);
            x[nf++] = x[i];
        }
    ens_sort(x, nf);
    s[S_N] = (double)nf;
    s[S_MEAN] = nf ? w.mean : (double)NAN;
    s[S_SD] = sqrt(welford_variance(&w));
    s[S_MIN] = nf ? x[0] : (double)NAN;
    s[S_MAX] = nf ? x[nf - 1] : (double)NAN;
    s[S_P10] = ens_quantile(x, nf, 0.10);
    s[S_P50] = ens_quantile(x, nf, 0.50);
    s[S_P90] = ens_quantile(x, nf, 0.90);
    for (int q = 0; q < o->n_quantiles; q++) s[S_FIXED + q] = ens_quantile(x, nf, o->quantiles[q] / 100);
}

size_t ens_block_of(size_t members, size_t cols, int files)
{
    size_t b = COL_BUDGET / (members * (size_t)files + 1);
    if (b < 1) b = 1;
    return b < cols ? b : cols;
}

static Status group_stats(Ens *e, Group *g, Diag *d)
{
    size_t members = (size_t)g->done, b = ens_block_of(members, g->rec, 1);
    g->stat = malloc(g->rec * (size_t)e->ns * sizeof *g->stat);
    double *cols = malloc(b * members * sizeof *cols);
    size_t *idx = malloc(b * sizeof *idx);
    Status st = g->stat && cols && idx ? ST_OK : ST_NOMEM;
    for (size_t c0 = 0; st == ST_OK && c0 < g->rec; c0 += b) {
        int n = (int)(g->rec - c0 < b ? g->rec - c0 : b);
        for (int j = 0; j < n; j++) idx[j] = c0 + (size_t)j;
        if ((st = ens_load_cols(g, idx, n, cols)) != ST_OK) break;
        for (int j = 0; j < n; j++)
            ens_column_stats(cols + (size_t)j * members, members, e->o, g->stat + (c0 + (size_t)j) * (size_t)e->ns);
    }
    free(cols);
    free(idx);
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, g->path, 0, NULL, "out of memory");
    else if (st != ST_OK) diag_error(d, st, g->path, 0, NULL, "cannot read the members' records back");
    return st;
}

const double *ens_stat_of(const Ens *e, const Group *g, size_t col) { return g->stat + col * (size_t)e->ns; }

/* "q05" for 5, "q2.5" for 2.5 */
static void q_name(char *buf, size_t n, double q)
{
    if (q == floor(q)) snprintf(buf, n, "q%02d", (int)q);
    else snprintf(buf, n, "q%g", q);
}

/* ---- ensemble.dat/.csv and probabilities.dat/.csv -------------------------- */

static FILE *stage_open(Group *g, const char *name, Diag *d)
{
    char path[STAGE_PATH_MAX + 32];
    FILE *f = stage_path(&g->sd, name, path, sizeof path) < 0 ? NULL : fopen(path, "wb");
    if (!f) io_fail(d, name, g->scn->name);
    return f;
}

static Status stage_close(Group *g, FILE *f, const char *name, Diag *d)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) return io_fail(d, name, g->scn->name);
    return ST_OK;
}

static Status write_ensemble(const Ens *e, Group *g, Diag *d)
{
    const EnsOptions *o = e->o;
    for (int c = 0; c < 2; c++) {
        const char *name = c ? "ensemble.csv" : "ensemble.dat";
        FILE *f = stage_open(g, name, d);
        if (!f) return ST_IO;
        if (c) fputs("\xEF\xBB\xBF", f);
        else {
            fprintf(f, "# ecsim ensemble statistics — scenario %s; %ld members, seed %lu\n", g->scn->name,
                    g->done, g->scn->seed);
            fputs("# per annual metric and year: sample mean, sd (n - 1), min, max and quantiles\n"
                  "# (type 7: linear interpolation between order statistics, as R and numpy)\n", f);
        }
        fputs(c ? "metric,year,n,mean,sd,min,p10,p50,p90,max" : "metric year n mean sd min p10 p50 p90 max", f);
        for (int q = 0; q < o->n_quantiles; q++) {
            char qn[32];
            q_name(qn, sizeof qn, o->quantiles[q]);
            fprintf(f, c ? ",%s" : " %s", qn);
        }
        fputs(ens_eol(c), f);
        for (int k = 1; k < g->n_metrics; k++)   /* metric 0 is the year itself */
            for (int y = 0; y < g->n_years; y++) {
                const double *s = ens_stat_of(e, g, ens_col_metric(g, y, k));
                fprintf(f, "%s%c%d%c%.0f", metrics_get(k)->name, c ? ',' : ' ', g->scn->first_year + y,
                        c ? ',' : ' ', s[S_N]);
                for (int i = S_MEAN; i < e->ns; i++) ens_cell(f, c, s[i], "%.10g");
                fputs(ens_eol(c), f);
            }
        Status st = stage_close(g, f, name, d);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

long ens_met_of(const Ens *e, const Group *g, size_t col)
{
    const double *s = ens_stat_of(e, g, col);
    return lround(s[S_MEAN] * s[S_N]);   /* mean of 0/1 flags times n */
}

static Status write_probabilities(const Ens *e, Group *g, Diag *d)
{
    for (int c = 0; c < 2; c++) {
        const char *name = c ? "probabilities.csv" : "probabilities.dat";
        FILE *f = stage_open(g, name, d);
        if (!f) return ST_IO;
        if (c) fputs("\xEF\xBB\xBF", f);
        else {
            fprintf(f, "# ecsim ensemble target probabilities — scenario %s; %ld members, seed %lu\n",
                    g->scn->name, g->done, g->scn->seed);
            fputs("# p_met = met / n; ci_low, ci_high: Wilson score interval, 95 %; a check that cannot be\n"
                  "# evaluated counts as not met; all_results: every check of kind result met in the same member\n", f);
        }
        const char sep = c ? ',' : ' ';
        fprintf(f, "id%cmetric%cyear%cop%cthreshold%cbasis%ckind%cn%cmet%cp_met%cci_low%cci_high%s", sep, sep, sep,
                sep, sep, sep, sep, sep, sep, sep, sep, ens_eol(c));
        for (int t = 0; t <= g->n_targets; t++) {
            int all = t == g->n_targets;
            const TargetResult *r = all ? NULL : &g->meta[t];
            long met = ens_met_of(e, g, all ? ens_col_all(g) : ens_col_pass(g, t));
            double lo, hi;
            ens_wilson(met, g->done, ENS_Z95, &lo, &hi);
            if (all) fprintf(f, "all_results%c-%c0%c-", sep, sep, sep);
            else fprintf(f, "%s%c%s%c%d%c%s", r->id, sep, r->metric, sep, r->year, sep,
                         enum_name(ENUM_TARGET_OP, (int)r->op));
            if (all) fprintf(f, "%c%s%c-%cresult", sep, c ? "" : "NaN", sep, sep);
            else {
                ens_cell(f, c, r->threshold, "%.10g");
                fprintf(f, "%c%s%c%s", sep, enum_name(ENUM_TARGET_BASIS, (int)r->basis), sep,
                        enum_name(ENUM_TARGET_KIND, (int)r->kind));
            }
            fprintf(f, "%c%ld%c%ld", sep, g->done, sep, met);
            ens_cell(f, c, g->done ? (double)met / (double)g->done : (double)NAN, "%.6f");
            ens_cell(f, c, lo, "%.6f");
            ens_cell(f, c, hi, "%.6f");
            fputs(ens_eol(c), f);
        }
        Status st = stage_close(g, f, name, d);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

/* ---- members of a scenario with weather from files ---------------------------- */

/* Either mode keys a member's weather by the member alone, so member m of
 * every variant that names the same files has the same weather (common
 * random numbers): a file year is the same file, and a fitted member is
 * drawn from the streams of (seed, m, year) of a deterministic fit. */
typedef struct EnsWeather {
    int years;                     /* 1: member m replays file year m; 0: fitted synthetic members */
    int n;                         /* distinct files (weather years), first appearance first */
    char path[WEATHER_FILES_MAX][PATH_MAX_LEN];
    char sha[WEATHER_FILES_MAX][65];
    char wind_sha[65];
    Scenario *scn;                 /* years: n scenarios, the k-th on file k alone; fitted: 1 */
    WxFit *fit;                    /* fitted mode */
    char note[1024];               /* the files as a run names them (fitted mode) */
} EnsWeather;

static const char *base_of(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static void ens_weather_free(EnsWeather *w)
{
    if (!w) return;
    free(w->scn);
    free(w->fit);
    free(w);
}

/* Sets up g's member weather: the distinct files as years, and either
 * one scenario per year (weather.file = that year's file, so the member
 * is exactly `ecsim run` of the scenario on that file in every year) or
 * the synthetic generator fitted to the files. */
static Status ens_weather_load(const EnsOptions *o, Group *g, Diag *d)
{
    const WeatherSpec *w = &g->scn->weather;
    EnsWeather *x = calloc(1, sizeof *x);
    if (!x) return ST_NOMEM;
    g->wx = x;
    x->years = o->weather_years;
    int nf = w->n_files > 0 ? w->n_files : 1;
    for (int i = 0; i < nf; i++) {
        const char *p = w->n_files > 0 ? w->files[i] : w->file;
        int seen = 0;
        for (int k = 0; k < x->n && !seen; k++) seen = strcmp(x->path[k], p) == 0;
        if (seen) continue;
        snprintf(x->path[x->n], sizeof x->path[x->n], "%s", p);
        if (!sha256_file(p, x->sha[x->n])) snprintf(x->sha[x->n], sizeof x->sha[x->n], "unreadable");
        x->n++;
    }
    if (w->wind_file[0] && !sha256_file(w->wind_file, x->wind_sha))
        snprintf(x->wind_sha, sizeof x->wind_sha, "unreadable");
    x->scn = malloc((size_t)(x->years ? x->n : 1) * sizeof *x->scn);
    if (!x->scn) return ST_NOMEM;
    if (x->years) {
        for (int k = 0; k < x->n; k++) {
            x->scn[k] = *g->scn;
            WeatherSpec *ws = &x->scn[k].weather;
            snprintf(ws->file, sizeof ws->file, "%s", x->path[k]);
            ws->n_files = 0;
        }
        return ST_OK;
    }
    if (!(x->fit = malloc(sizeof *x->fit))) return ST_NOMEM;
    Status st = sim_fit_weather(g->scn, x->fit, x->note, sizeof x->note, d);
    if (st != ST_OK) {
        diag_error(d, st, g->path, 0, "weather",
                   "the synthetic weather cannot be fitted to the weather files (--weather-years runs the files' "
                   "years instead)");
        return st;
    }
    snprintf(x->fit->wind_file, sizeof x->fit->wind_file, "%.*s", (int)sizeof x->fit->wind_file - 1,
             w->wind_file[0] ? base_of(w->wind_file) : "");
    x->scn[0] = *g->scn;
    WeatherSpec *ws = &x->scn[0].weather;
    WeatherSpec fitted = x->fit->spec;
    /* as the printed block has it: the config's lower bound of the e-folding time */
    fitted.wind_slow_efold_days = fmax(0.25, fitted.wind_slow_efold_days);
    fitted.source = WEATHER_SYNTHETIC;
    /* the files stay named (summary, weather_fit.cfg); a synthetic run reads none */
    memcpy(fitted.file, ws->file, sizeof fitted.file);
    fitted.n_files = ws->n_files;
    memcpy(fitted.files, ws->files, sizeof fitted.files);
    memcpy(fitted.wind_file, ws->wind_file, sizeof fitted.wind_file);
    fitted.format = ws->format;
    fitted.retime_to_site = ws->retime_to_site;
    fitted.wind_air_from_wind_file = ws->wind_air_from_wind_file;
    *ws = fitted;
    return ST_OK;
}

/* The scenario that member m (1-based) of g runs. */
static const Scenario *ens_member_scn(const Group *g, int m)
{
    if (!g->wx) return g->scn;
    return g->wx->years ? &g->wx->scn[m - 1] : &g->wx->scn[0];
}

static double mean12(const double *v)
{
    double t = 0;
    for (int m = 0; m < 12; m++) t += v[m];
    return t / 12;
}

/* summary.md's opening for a scenario with weather from files. */
static void summary_file_weather(const Group *g, FILE *f)
{
    const EnsWeather *x = g->wx;
    if (x->years) {
        fprintf(f, "%ld weather members, one per weather year of the files: member m replays the weather of "
                   "file m in every simulated year of the plan (the plan's capacities change from year to year, "
                   "the weather is that one year). Every statistic below is over the members. Quantiles: type 7 "
                   "(linear interpolation, as R and numpy). Intervals: Wilson score, 95 %%.\n\n"
                   "| member | weather file | SHA-256 |\n|---:|---|---|\n", g->done);
        for (int k = 0; k < x->n; k++) fprintf(f, "| %d | `%s` | %s |\n", k + 1, base_of(x->path[k]), x->sha[k]);
        if (g->scn->weather.wind_file[0])
            fprintf(f, "| every | wind: `%s` | %s |\n", base_of(g->scn->weather.wind_file), x->wind_sha);
        fputc('\n', f);
        return;
    }
    const WxFit *ft = x->fit;
    const WeatherSpec *s = &ft->spec;
    fprintf(f, "%ld synthetic weather members (1..%ld) of master seed %lu, drawn from the synthetic generator "
               "fitted to the scenario's weather files as the scenario reads them (on the site's clock, wind at "
               "%g m): the fit of `ecsim fit-weather` (docs/fit-weather.md). Every statistic below is over the "
               "members. Quantiles: type 7 (linear interpolation, as R and numpy). Intervals: Wilson score, "
               "95 %%.\n\nFitted to: %s.\n\n", g->done, g->done, g->scn->seed, ft->wind_height_m, x->note);
    fputs("| file | SHA-256 |\n|---|---|\n", f);
    for (int k = 0; k < x->n; k++) fprintf(f, "| `%s` | %s |\n", base_of(x->path[k]), x->sha[k]);
    if (g->scn->weather.wind_file[0])
        fprintf(f, "| wind: `%s` | %s |\n", base_of(g->scn->weather.wind_file), x->wind_sha);
    double kmin = s->wind_weibull_k[0], kmax = kmin;
    for (int m = 1; m < 12; m++) {
        kmin = fmin(kmin, s->wind_weibull_k[m]);
        kmax = fmax(kmax, s->wind_weibull_k[m]);
    }
    fprintf(f, "\n| fitted (%d year%s, %ld hours) | value |\n|---|---:|\n", ft->n_years, ft->n_years > 1 ? "s" : "",
            ft->n_hours);
    fprintf(f, "| mean wind speed at %g m, files / fitted model (m/s) | %.2f / %.2f |\n", ft->wind_height_m,
            mean12(ft->mean_obs_ms), mean12(ft->mean_fit_ms));
    fprintf(f, "| Weibull k, months | %.2f–%.2f |\n", kmin, kmax);
    fprintf(f, "| wind persistence: fast lag-1, slow share, slow e-folding (days) | %.3f, %.3f, %.2f |\n",
            s->wind_autocorr, s->wind_slow_share_frac, fmax(0.25, s->wind_slow_efold_days));
    fprintf(f, "| daily clearness: mean of the months, day-to-day lag-1 | %.3f, %.3f |\n", mean12(s->kt_mean),
            s->kt_autocorr);
    fprintf(f, "| temperature: mean of the months, mean daily range (°C) | %.2f, %.2f |\n", mean12(s->temp_mean_c),
            mean12(s->temp_range_c));
    fprintf(f, "| daily correlations wind–clearness, wind–temperature, clearness–temperature | %.3f, %.3f, %.3f |\n",
            s->corr_wind_kt, s->corr_wind_temp, s->corr_kt_temp);
    fprintf(f, "| year-to-year spread: ln wind, clearness, temperature (°C) | %.4f, %.4f, %.3f |\n",
            s->year_wind_sd_frac, s->year_kt_sd, s->year_temp_sd_c);
    fputc('\n', f);
    if (ft->n_years < 2)
        fputs("One weather year: its year-to-year spread cannot be estimated and is 0, so the members differ "
              "by the weather within a year only (as the synthetic weather of a scenario whose year_* settings "
              "are 0).\n\n", f);
    fputs("Every fitted setting: weather_fit.cfg.\n\n", f);
}

/* weather_fit.cfg: the fitted settings as a weather block (rounded for
 * reading; the members use the unrounded fit). */
static Status write_weather_fit(Group *g, Diag *d)
{
    const EnsWeather *x = g->wx;
    char path[STAGE_PATH_MAX + 32];
    FILE *f = stage_path(&g->sd, "weather_fit.cfg", path, sizeof path) < 0 ? NULL : fopen(path, "wb");
    if (!f) return io_fail(d, "weather_fit.cfg", g->scn->name);
    const char *names[WEATHER_FILES_MAX];
    for (int k = 0; k < x->n; k++) names[k] = base_of(x->path[k]);
    fprintf(f, "# The synthetic weather of the ensemble members of scenario %s: fitted to its weather\n"
               "# files as the scenario reads them (on the site's clock, wind at the hub height).\n"
               "# Rounded for reading; the members use the unrounded fit.\n", g->scn->name);
    for (int k = 0; k < x->n; k++) fprintf(f, "# file %s SHA-256 %s\n", names[k], x->sha[k]);
    if (g->scn->weather.wind_file[0])
        fprintf(f, "# wind file %s SHA-256 %s\n", base_of(g->scn->weather.wind_file), x->wind_sha);
    wxfit_write_block(f, x->fit, names, x->n);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) return io_fail(d, "weather_fit.cfg", g->scn->name);
    return ST_OK;
}

/* ---- summary.md ------------------------------------------------------------ */

#define FAIL_LEVEL 0.9   /* a target met in fewer members than this gets a sentence */

static void target_words(const TargetResult *r, char *buf, size_t n)
{
    char th[96];
    present_target_value(th, sizeof th, r->metric, r->op, r->threshold, 0);
    if (r->op == OP_RANGE) {
        char up[96];
        present_target_value(up, sizeof up, r->metric, r->op, r->upper, 0);
        snprintf(buf, n, "%s %s to %s", r->metric, th, up);
        return;
    }
    snprintf(buf, n, "%s %s %s", r->metric, present_op_symbol(r->op), th);
}

static void summary_probabilities(const Ens *e, const Group *g, FILE *f)
{
    fprintf(f, "## Probability of meeting each target (%ld weather members)\n\n", g->done);
    fputs("| target | year | condition | basis, kind | P(met) | 95 % interval (Wilson) | met / members |\n"
          "|---|---:|---|---|---:|---|---:|\n", f);
    for (int t = 0; t <= g->n_targets; t++) {
        int all = t == g->n_targets;
        const TargetResult *r = all ? NULL : &g->meta[t];
        long met = ens_met_of(e, g, all ? ens_col_all(g) : ens_col_pass(g, t));
        double lo, hi, p = g->done ? (double)met / (double)g->done : 0;
        ens_wilson(met, g->done, ENS_Z95, &lo, &hi);
        char cond[320];
        if (all) snprintf(cond, sizeof cond, "every simulated-result target");
        else target_words(r, cond, sizeof cond);
        char year[16];
        snprintf(year, sizeof year, "%d", all ? 0 : r->year);
        fprintf(f, "| %s%s%s | %s | %s | %s%s%s | %.2f | %.2f–%.2f | %ld / %ld |\n",
                all ? "**all results**" : r->label, all ? "" : " · ", all ? "" : r->id, all ? "every" : year, cond,
                all ? "" : enum_name(ENUM_TARGET_BASIS, (int)r->basis), all ? "" : ", ",
                all ? "result" : enum_name(ENUM_TARGET_KIND, (int)r->kind), p, lo, hi, met, g->done);
    }
    fputc('\n', f);
    int any = 0;
    for (int t = 0; t <= g->n_targets; t++) {
        int all = t == g->n_targets;
        const TargetResult *r = all ? NULL : &g->meta[t];
        long met = ens_met_of(e, g, all ? ens_col_all(g) : ens_col_pass(g, t));
        double p = g->done ? (double)met / (double)g->done : 0, lo, hi;
        if (p >= FAIL_LEVEL) continue;
        ens_wilson(met, g->done, ENS_Z95, &lo, &hi);
        if (!any++) fprintf(f, "Targets met in fewer than %.0f %% of the weather members:\n\n", FAIL_LEVEL * 100);
        if (all) {
            fprintf(f, "- All simulated-result targets together are met in %ld of %ld members "
                       "(P = %.2f, 95 %% interval %.2f–%.2f).\n", met, g->done, p, lo, hi);
            continue;
        }
        char cond[320], med[96];
        target_words(r, cond, sizeof cond);
        double p50 = ens_stat_of(e, g, ens_col_value(g, t))[S_P50];
        present_target_value(med, sizeof med, r->metric, r->op, p50, 0);
        fprintf(f, "- %s (%s, %d): %s is met in %ld of %ld weather members (P = %.2f, 95 %% interval "
                   "%.2f–%.2f); the median member reaches %s.\n",
                r->label, r->id, r->year, cond, met, g->done, p, lo, hi, isfinite(p50) ? med : "no value");
    }
    if (!any) fprintf(f, "Every target is met in at least %.0f %% of the weather members.\n", FAIL_LEVEL * 100);
    fputc('\n', f);
}

static void summary_metrics(const Ens *e, const Group *g, FILE *f)
{
    int nk;
    const Figure *figs = compare_key_figures(&nk);
    fputs("## Key metrics across the weather members (P10 / P50 / P90)\n\n| metric | year | P10 | P50 | P90 |\n"
          "|---|---:|---:|---:|---:|\n", f);
    for (int k = 0; k < nk; k++) {
        FigureCol fc;
        if (!present_figure(&figs[k], &fc)) continue;
        int mi = (int)(fc.m - metrics_get(0));
        for (int y = 0; y < g->n_years; y++) {
            const double *s = ens_stat_of(e, g, ens_col_metric(g, y, mi));
            fprintf(f, "| %s | %d |", fc.heading, g->scn->first_year + y);
            for (int i = S_P10; i <= S_P90; i++) {
                fputc(' ', f);
                if (isfinite(s[i])) fprintf(f, fc.format, s[i] * fc.u.scale);
                else fputs("–", f);
                fputs(" |", f);
            }
            fputc('\n', f);
        }
    }
    fputc('\n', f);
}

static Status write_summary(const Ens *e, Group *g, Diag *d)
{
    FILE *f = stage_open(g, "summary.md", d);
    if (!f) return ST_IO;
    fprintf(f, "# Weather ensemble: %s\n\n", g->scn->name);
    if (g->wx)
        summary_file_weather(g, f);
    else
        fprintf(f, "%ld synthetic weather members (1..%ld) of master seed %lu; every statistic below is over "
                   "the members. Quantiles: type 7 (linear interpolation, as R and numpy). Intervals: Wilson "
                   "score, 95 %%.\n\n", g->done, g->done, g->scn->seed);
    summary_probabilities(e, g, f);
    summary_metrics(e, g, f);
    fputs("Files: members.dat/.csv (one row per member and year), ensemble.dat/.csv, probabilities.dat/.csv "
          "(docs/ensemble.md).\n", f);
    return stage_close(g, f, "summary.md", d);
}

static Status write_shard(const Ens *e, Group *g, Diag *d);

Status ens_group_finish(Ens *e, Group *g, Diag *d)
{
    Status st = ST_OK;
    FILE **fs[2] = { &g->mdat, &g->mcsv };
    for (int c = 0; c < 2; c++) {
        Status s2 = stage_close(g, *fs[c], c ? "members.csv" : "members.dat", d);
        *fs[c] = NULL;
        if (st == ST_OK) st = s2;
    }
    if (st == ST_OK && fflush(g->bin) != 0) st = io_fail(d, "records", g->scn->name);
    if (e->o->shard_n) return st == ST_OK ? write_shard(e, g, d) : st;
    if (st == ST_OK) st = group_stats(e, g, d);
    if (st == ST_OK) st = write_ensemble(e, g, d);
    if (st == ST_OK) st = write_probabilities(e, g, d);
    if (st == ST_OK) st = write_summary(e, g, d);
    if (st == ST_OK && g->wx && !g->wx->years) st = write_weather_fit(g, d);
    return st;
}

/* ---- a shard's targets.bin and shard.txt (ensmerge.c reads them) ------------ */

static Status write_shard(const Ens *e, Group *g, Diag *d)
{
    const EnsOptions *o = e->o;
    FILE *f = stage_open(g, "targets.bin", d);
    if (!f) return ST_IO;
    for (int t = 0; t < g->n_targets; t++) {   /* field by field on zeros: no stray padding bytes */
        const TargetResult *r = &g->meta[t];
        TargetResult z;
        targets_result_packed(&z, r);
        fwrite(&z, sizeof z, 1, f);
    }
    Status st = stage_close(g, f, "targets.bin", d);
    if (st != ST_OK || !(f = stage_open(g, "shard.txt", d))) return ST_IO;
    fprintf(f, "ecsim-shard 1\nscenario %s\nruns %d\nshard %d %d\nmembers %d %d\nseed %lu\nquantiles",
            g->scn->name, g->runs, o->shard_k, o->shard_n, g->first_member + 1, g->first_member + g->members,
            g->scn->seed);
    for (int q = 0; q < o->n_quantiles; q++) fprintf(f, " %.17g", o->quantiles[q]);
    fprintf(f, "\nyears %d %d\nweather %d\nrecord %d %d %d %zu %zu\nsettings %s\n", g->scn->first_year,
            g->scn->last_year, (int)g->scn->weather.source, g->n_years, g->n_metrics, g->n_targets, g->rec,
            sizeof(TargetResult), g->settings);
    return stage_close(g, f, "shard.txt", d);
}

/* SHA-256 of the scenario file and of every override but the seed's (the
 * seed is compared on its own), so that shards of other settings differ. */
static void settings_hash(const char *path, const EnsOptions *o, char hex[65])
{
    char fh[65];
    if (!sha256_file(path, fh)) snprintf(fh, sizeof fh, "unreadable");
    Sha256 c;
    sha256_init(&c);
    sha256_update(&c, fh, strlen(fh));
    for (int i = 0; i < o->n_sets; i++) {
        if (strncmp(o->sets[i], "scenario.seed=", 14) == 0) continue;
        sha256_update(&c, "\n", 1);
        sha256_update(&c, o->sets[i], strlen(o->sets[i]));
    }
    sha256_hex(&c, hex);
}

/* ---- loading and running ----------------------------------------------------- */

void ens_group_free(Group *g)
{
    if (g->mdat) fclose(g->mdat);
    if (g->mcsv) fclose(g->mcsv);
    if (g->bin) fclose(g->bin);
    if (g->staged) stage_abort(&g->sd);
    free(g->recbuf);
    free(g->meta);
    free(g->stat);
    ens_weather_free(g->wx);
    free(g->scn);
}

static int load_all(const char *const *files, int n, const EnsOptions *o, Group *g, const EnsReport *rep,
                    EnsOutcome *out)
{
    Diag *fd = malloc(sizeof *fd);
    if (!fd) return n;
    int errors = 0;
    for (int i = 0; i < n; i++) {
        diag_init(fd);
        g[i].path = files[i];
        g[i].scn = malloc(sizeof *g[i].scn);
        Status st = ST_NOMEM;
        if (g[i].scn) st = config_load_with(files[i], o->sets, o->n_sets, g[i].scn, fd);
        else diag_error(fd, ST_NOMEM, files[i], 0, NULL, "out of memory");
        for (int j = 0; st == ST_OK && j < i; j++)
            if (g[j].scn && strcmp(g[j].scn->name, g[i].scn->name) == 0) {
                diag_error(fd, ST_CONFIG_INVALID, files[i], 0, "scenario.name",
                           "scenario name '%s' is also the name of %s: results would overwrite each other",
                           g[i].scn->name, files[j]);
                st = ST_CONFIG_INVALID;
            }
        if (st == ST_OK && o->compare && strcmp(g[i].scn->name, "summary.md") == 0) {
            diag_error(fd, ST_CONFIG_INVALID, files[i], 0, "scenario.name",
                       "'summary.md' is the name of a file the comparison writes: rename the scenario");
            st = ST_CONFIG_INVALID;
        }
        if (st == ST_OK && o->compare && o->shard_n && strcmp(g[i].scn->name, "shard.txt") == 0) {
            diag_error(fd, ST_CONFIG_INVALID, files[i], 0, "scenario.name",
                       "'shard.txt' is the name of the compare shard's manifest: rename the scenario");
            st = ST_CONFIG_INVALID;
        }
        int from_files = st == ST_OK && g[i].scn->weather.source == WEATHER_FILE;
        if (from_files && o->shard_n) {
            diag_error(fd, ST_CONFIG_INVALID, files[i], 0, "weather.source",
                       "a scenario with weather from files is not split into shards yet: run it whole");
            st = ST_CONFIG_INVALID;
        }
        if (st == ST_OK && !from_files && o->weather_years) {
            diag_error(fd, ST_USAGE, files[i], 0, "weather.source",
                       "--weather-years runs the years of weather files, but this scenario's weather is "
                       "synthetic: give it --runs N instead");
            st = ST_USAGE;
        }
        if (st == ST_OK && from_files) st = ens_weather_load(o, &g[i], fd);
        if (st != ST_OK) {
            if (st == ST_USAGE) out->usage = 1;
            if (out->first_error == ST_OK) out->first_error = st;
            ens_weather_free(g[i].wx);
            g[i].wx = NULL;
            free(g[i].scn);
            g[i].scn = NULL;
            errors++;
        } else {
            g[i].members = g[i].wx && g[i].wx->years ? g[i].wx->n : o->runs;
            if (from_files) out->file_weather++;
            g[i].runs = g[i].members;
            if (o->shard_n) {
                g[i].first_member = (int)((long)(o->shard_k - 1) * g[i].runs / o->shard_n);
                g[i].members = (int)((long)o->shard_k * g[i].runs / o->shard_n) - g[i].first_member;
                settings_hash(files[i], o, g[i].settings);
            }
        }
        if (rep && rep->loaded) rep->loaded(rep->ctx, files[i], fd, g[i].scn, g[i].scn ? g[i].members : 0);
    }
    free(fd);
    return errors;
}

Status ensemble_files(const char *const *files, int n, const EnsOptions *o, const EnsReport *rep,
                      EnsOutcome *out, Diag *d)
{
    memset(out, 0, sizeof *out);
    out->compare = ST_OK;
    Ens e = { .o = o, .rep = rep, .out = out, .n_groups = n, .ns = S_FIXED + o->n_quantiles };
    e.g = calloc((size_t)n + 1, sizeof *e.g);
    if (!e.g) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    out->load_errors = load_all(files, n, o, e.g, rep, out);
    Status st = out->load_errors ? out->first_error : ST_OK;
    Job *jobs = NULL;
    if (st == ST_OK) {
        for (int i = 0; i < n; i++) {
            e.g[i].first_job = e.total;
            e.total += e.g[i].members;
        }
        out->scenarios = n;
        out->jobs = e.total;
        jobs = calloc((size_t)e.total + 1, sizeof *jobs);
        if (!jobs) st = ST_NOMEM;
    }
    if (st == ST_OK) {
        for (int i = 0; i < n; i++)
            for (int m = 0; m < e.g[i].members; m++)
                jobs[e.g[i].first_job + m] = (Job){ ens_member_scn(&e.g[i], e.g[i].first_member + m + 1),
                                                       (unsigned long)(e.g[i].first_member + m) + 1, -1, files[i] };
        if (o->shard_n) {   /* an older compare shard's manifest must not vouch for this run */
            char path[STAGE_PATH_MAX + 16];
            snprintf(path, sizeof path, "%s/shard.txt", o->out_dir);
            struct stat sb;
            if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) unlink(path);
        }
        JobList list = { e.total, jobs, NULL, NULL, o->stop };
        ListSink sink = { &e, on_job };
        st = jobs_run(&list, o->threads, NULL, &sink, 1, d);
        for (int i = 0; st == ST_OK && i < n; i++) {
            Group *g = &e.g[i];
            if (g->st == ST_OK && g->done != g->members) g->st = ST_INTERRUPTED;
            if (g->st == ST_OK) g->st = ens_group_finish(&e, g, d);
            if (g->st != ST_OK && out->first_error == ST_OK) out->first_error = g->st;
        }
        int all_ok = st == ST_OK && out->first_error == ST_OK;
        if (all_ok && o->compare && !o->shard_n) out->compare = ensemble_compare(&e, d);
        for (int i = 0; st == ST_OK && i < n; i++) {
            Group *g = &e.g[i];
            if (g->st != ST_OK) continue;
            fclose(g->bin);
            g->bin = NULL;
            if ((g->st = stage_commit(&g->sd, d)) != ST_OK) {
                if (out->first_error == ST_OK) out->first_error = g->st;
                continue;
            }
            g->staged = 0;
            out->written++;
            if (rep && rep->written) rep->written(rep->ctx, g->scn, g->sd.final);
        }
        /* a compare shard's manifest last: it vouches for every folder */
        if (all_ok && o->compare && o->shard_n && out->written == n) out->compare = ens_compare_manifest(&e, d);
    } else if (st == ST_NOMEM) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int i = 0; i < n; i++) ens_group_free(&e.g[i]);
    free(e.g);
    free(jobs);
    if (st != ST_OK) return st;
    if (out->first_error != ST_OK) return out->first_error;
    return out->compare;
}
