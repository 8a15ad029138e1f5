/* sweep.c — sweep points as jobs with a recipe (sweep.h): job p copies the
 * resolved base scenario, applies the point's values and names it
 * <base>-pNNN. Only the job list (a few words per point) grows with the
 * grid; scenarios and results live in the engine's slots. A shard
 * (--shard K/N) runs a slice of the points and keeps, instead of the tables,
 * what compare.c's sink needs of each point (points.bin); sweep_merge feeds
 * the points of every shard through that sink in point order, so the tables
 * are the single sweep's. */
#include "sweep.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "compare.h"
#include "config.h"
#include "jobfiles.h"
#include "schema.h"
#include "sha256.h"
#include "stagedir.h"
#include "utf8.h"
#include "version.h"

/* Splits text at commas outside brackets and quotes, writing NUL bytes into
 * it; returns the number of values (0 on a malformed list). */
static int split_values(char *text, char **vals, int max)
{
    int n = 0, depth = 0, quoted = 0;
    char *start = text;
    for (char *p = text;; p++) {
        if (*p == '"') quoted = !quoted;
        else if (!quoted && (*p == '(' || *p == '[' || *p == '{')) depth++;
        else if (!quoted && (*p == ')' || *p == ']' || *p == '}')) depth--;
        if (*p == '\0' || (*p == ',' && depth == 0 && !quoted)) {
            int end = *p == '\0';
            *p = '\0';
            if (*start == '\0' || n >= max) return 0;
            vals[n++] = start;
            start = p + 1;
            if (end) break;
        }
    }
    return depth == 0 && !quoted ? n : 0;
}

Status sweep_grid_parse(SweepGrid *g, const char *const *specs, int n, int *bad)
{
    memset(g, 0, sizeof *g);
    *bad = 0;
    g->text = calloc((size_t)n + 1, sizeof *g->text);
    g->names = calloc((size_t)n + 1, sizeof *g->names);
    g->values = calloc((size_t)n + 1, sizeof *g->values);
    g->count = calloc((size_t)n + 1, sizeof *g->count);
    if (!g->text || !g->names || !g->values || !g->count) return ST_NOMEM;
    g->points = 1;
    for (int k = 0; k < n; k++) {
        g->n = k + 1;
        g->text[k] = strdup(specs[k]);
        g->values[k] = calloc(SWEEP_MAX_VALUES, sizeof *g->values[k]);
        if (!g->text[k] || !g->values[k]) return ST_NOMEM;
        char *eq = strchr(g->text[k], '=');
        if (!eq) { *bad = k; return ST_USAGE; }
        *eq = '\0';
        g->names[k] = g->text[k];
        g->count[k] = split_values(eq + 1, g->values[k], SWEEP_MAX_VALUES);
        if (g->count[k] == 0 || g->names[k][0] == '\0') { *bad = k; return ST_USAGE; }
        g->points *= g->count[k];
        if (g->points > SWEEP_MAX_POINTS) { *bad = -1; return ST_USAGE; }
    }
    return ST_OK;
}

void sweep_grid_free(SweepGrid *g)
{
    for (int k = 0; k < g->n; k++) {
        if (g->text) free(g->text[k]);
        if (g->values) free(g->values[k]);
    }
    free(g->text);
    free(g->names);
    free(g->values);
    free(g->count);
    memset(g, 0, sizeof *g);
}

int sweep_index(const SweepGrid *g, long p, int k)
{
    for (int j = g->n - 1; j > k; j--) p /= g->count[j];
    return (int)(p % g->count[k]);
}

typedef struct {
    const SweepGrid *g;
    const Scenario *base;
} Recipe;

/* The point's assignments (each varied setting, then the name) applied
 * together, then the rules once, as --set does. */
/* The name of point p: the base's name, cut at a character boundary so that
 * "-pNNN" fits. Set directly, not through an override, so that no character
 * of the name (a quote) can change its meaning; the base name is a valid
 * folder name, and so is the result. */
static void point_name(char *name, size_t size, const char *base, int p)
{
    char suffix[24];
    int ns = snprintf(suffix, sizeof suffix, "-p%03d", p + 1);
    size_t keep = utf8_cut(base, size - 1 - (size_t)ns);
    snprintf(name, size, "%.*s%s", (int)keep, base, suffix);
}

static Status make_point(void *ctx, const Job *job, Scenario *out, Diag *d)
{
    const Recipe *r = ctx;
    const SweepGrid *g = r->g;
    char **set = calloc((size_t)g->n + 1, sizeof *set);
    Status st = set ? ST_OK : ST_NOMEM;
    for (int k = 0; k < g->n && st == ST_OK; k++) {
        const char *v = g->values[k][sweep_index(g, job->point, k)];
        size_t len = strlen(g->names[k]) + strlen(v) + 2;
        if (!(set[k] = malloc(len))) st = ST_NOMEM;
        else snprintf(set[k], len, "%s=%s", g->names[k], v);
    }
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, r->base->source_file, 0, NULL, "out of memory");
    else {
        *out = *r->base;
        st = config_override_list(out, (const char *const *)set, g->n, NULL, d);
    }
    if (st == ST_OK) point_name(out->name, sizeof out->name, r->base->name, job->point);
    for (int k = 0; set && k < g->n; k++) free(set[k]);
    free(set);
    return st;
}

static void point_labels(void *ctx, const Job *job, const char **values, int *index)
{
    const SweepGrid *g = ctx;
    for (int k = 0; k < g->n; k++) {
        index[k] = sweep_index(g, job->point, k);
        values[k] = g->values[k][index[k]];
    }
}

/* 1 if path is "group.records[i]" or "group.records[i].field" of a list of
 * records in the schema (the index itself is checked point by point). */
static int record_setting(const char *path)
{
    const char *br = strchr(path, '[');
    if (!br) return 0;
    char base[128];
    size_t n = (size_t)(br - path);
    if (n >= sizeof base) return 0;
    memcpy(base, path, n);
    base[n] = '\0';
    const SchemaEntry *e = schema_find(base);
    if (!e || e->kind != SK_RECORDS) return 0;
    const char *close = strchr(br, ']');
    if (!close) return 0;
    if (close[1] == '\0') return 1;
    return close[1] == '.' && schema_field_find(e, close + 2) != NULL;
}

/* ---- --shard K/N: points.bin and shard.txt -------------------------------- */

#define SHARD_LINE_MAX 65536       /* a --vary list of schedules may be long */

enum { PT_MADE = 1, PT_RES = 2, PT_ROW = 4, PT_DIR = 8 };

/* Head of one point in points.bin, then its row (PT_ROW) and n_targets checks. */
typedef struct {
    int32_t flags, n_targets;
    char name[NAME_MAX_LEN];
} PointHead;

/* The tabulated row, as compare.c picks it: the year given, else the last. */
static const AnnualRow *row_of(const RunResults *res, int year)
{
    if (res->n_years <= 0) return NULL;
    if (year == 0) return &res->rows[res->n_years - 1];
    for (int y = 0; y < res->n_years; y++)
        if ((int)res->rows[y].year == year) return &res->rows[y];
    return NULL;
}

/* A target check with zero padding bytes (targets_result_packed). */
static void put_target(FILE *f, const TargetResult *r)
{
    TargetResult z;
    targets_result_packed(&z, r);
    fwrite(&z, sizeof z, 1, f);
}

typedef struct {
    FILE *f;
    int year;
} PointsSink;

static Status points_on_job(void *ctx, const JobResult *r, Diag *d)
{
    (void)d;
    const PointsSink *ps = ctx;
    PointHead h;
    memset(&h, 0, sizeof h);
    const AnnualRow *row = NULL;
    if (r->scn) {
        h.flags |= PT_MADE;
        snprintf(h.name, sizeof h.name, "%s", r->scn->name);
    }
    if (r->res) {
        h.flags |= PT_RES;
        h.n_targets = r->res->n_targets;
        if ((row = row_of(r->res, ps->year))) h.flags |= PT_ROW;
    }
    if (r->final_dir && r->final_dir[0]) h.flags |= PT_DIR;
    fwrite(&h, sizeof h, 1, ps->f);
    if (row) fwrite(row, sizeof *row, 1, ps->f);
    for (int t = 0; t < h.n_targets; t++) put_target(ps->f, &r->res->targets[t]);
    return ST_OK;
}

/* Writes s with '\\' and newlines escaped, so that one spec is one line. */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\') fputs("\\\\", f);
        else if (*s == '\n') fputs("\\n", f);
        else if (*s == '\r') fputs("\\r", f);
        else fputc(*s, f);
    }
}

static void unescape(char *s)
{
    char *w = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

/* SHA-256 of the base file and of every --set override, in order. */
static void settings_hash(const SweepOptions *o, char hex[65])
{
    char fh[65];
    if (!sha256_file(o->file, fh)) snprintf(fh, sizeof fh, "unreadable");
    Sha256 c;
    sha256_init(&c);
    sha256_update(&c, fh, strlen(fh));
    for (int i = 0; i < o->n_sets; i++) {
        sha256_update(&c, "\n", 1);
        sha256_update(&c, o->sets[i], strlen(o->sets[i]));
    }
    sha256_hex(&c, hex);
}

static Status write_manifest(const SweepGrid *g, const SweepOptions *o, const Scenario *base, long lo, long hi,
                             Diag *d)
{
    char path[STAGE_PATH_MAX], hash[65];
    if (snprintf(path, sizeof path, "%s/shard.txt", o->out_dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, o->out_dir, 0, NULL, "path too long");
        return ST_IO;
    }
    settings_hash(o, hash);
    AtomicFile *af = calloc(1, sizeof *af);
    Status st = af ? afile_open(af, path, d) : ST_NOMEM;
    if (st == ST_OK) {
        FILE *f = af->f;
        fprintf(f, "ecsim-shard 1\nkind sweep\nscenario %s\nshard %d %d\npoints %ld\nrange %ld %ld\nseed %lu\n"
                   "year %d\nsettings %s\nrecord %d %zu %zu %zu\nbuild %s\nvaried %d\n",
                base->name, o->shard_k, o->shard_n, g->points, lo + 1, hi, base->seed, o->year, hash,
                metrics_count(), sizeof(AnnualRow), sizeof(TargetResult), sizeof(PointHead), ECSIM_VERSION, g->n);
        for (int k = 0; k < g->n; k++) {
            fputs("vary ", f);
            put_escaped(f, o->vary[k]);
            fputc('\n', f);
        }
        st = afile_commit(af, d);
    } else if (st == ST_NOMEM) {
        diag_error(d, ST_NOMEM, o->out_dir, 0, NULL, "out of memory");
    }
    free(af);
    return st;
}

Status sweep_run(const SweepGrid *g, const SweepOptions *o, const BatchReport *rep,
                 BatchOutcome *out, Diag *d)
{
    memset(out, 0, sizeof *out);
    out->compare = ST_OK;
    Scenario *base = malloc(sizeof *base);
    Diag *bd = malloc(sizeof *bd);
    Job *jobs = calloc((size_t)g->points + 1, sizeof *jobs);
    if (!base || !bd || !jobs) {
        free(base); free(bd); free(jobs);
        diag_error(d, ST_NOMEM, o->file, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    diag_init(bd);
    Status st = config_load_with(o->file, o->sets, o->n_sets, base, bd);
    int varies_period = 0;
    for (int k = 0; k < g->n; k++)
        varies_period |= strcmp(g->names[k], "scenario.first_year") == 0
                      || strcmp(g->names[k], "scenario.last_year") == 0;
    if (st == ST_OK && o->year && !varies_period
        && (o->year < base->first_year || o->year > base->last_year)) {
        diag_error(bd, ST_USAGE, o->file, 0, NULL, "--year %d is outside the scenario's period %d-%d",
                   o->year, base->first_year, base->last_year);
        st = ST_USAGE;
    }
    if (st == ST_OK && o->shard_n > g->points) {
        diag_error(bd, ST_USAGE, "--shard", 0, NULL, "%d shards of a grid of %ld points: N may be at most the points",
                   o->shard_n, g->points);
        st = ST_USAGE;
    }
    /* a --vary path that names no setting fails every point alike: say it
     * once, before anything runs (values are checked point by point) */
    for (int k = 0; k < g->n && st == ST_OK; k++) {
        char q[160];
        if (!schema_find(g->names[k]) && !record_setting(g->names[k])) {
            diag_error(bd, ST_USAGE, "--vary", 0, utf8_shown(q, sizeof q, g->names[k], strlen(g->names[k]), 60),
                       "unknown setting");
            const char *near = schema_suggest(g->names[k]);
            if (near) diag_suggest(bd, near);
            st = ST_USAGE;
        }
    }
    if (rep && rep->loaded) rep->loaded(rep->ctx, o->file, bd, st == ST_OK ? base : NULL, NULL);
    free(bd);
    if (st != ST_OK) {
        out->load_errors = 1;
        out->usage = st == ST_USAGE;
        out->first_error = st;
        free(base);
        free(jobs);
        return ST_OK;
    }
    /* a shard: points lo..hi-1 (0-based) keep their numbers and names */
    long lo = o->shard_n ? (long)(o->shard_k - 1) * g->points / o->shard_n : 0;
    long hi = o->shard_n ? (long)o->shard_k * g->points / o->shard_n : g->points;
    for (long p = lo; p < hi; p++) jobs[p - lo] = (Job){ NULL, 0, (int)p, o->file };
    Recipe recipe = { g, base };
    JobList list = { (int)(hi - lo), jobs, make_point, &recipe, o->stop };
    out->jobs = list.n;
    BatchTally t = { out, rep };
    ListSink sinks[2] = { batch_tally_sink(&t) };
    CompareSink *cs = NULL;
    AtomicFile *pf = NULL;
    PointsSink ps = { NULL, o->year };
    if (o->shard_n) {
        char path[STAGE_PATH_MAX];
        snprintf(path, sizeof path, "%s/shard.txt", o->out_dir);
        unlink(path);   /* an older shard's manifest must not vouch for this run's folders */
        pf = calloc(1, sizeof *pf);
        if (!pf) {
            diag_error(d, ST_NOMEM, o->out_dir, 0, NULL, "out of memory");
            out->compare = ST_NOMEM;
        } else if (make_dirs(o->out_dir) != 0) {
            diag_error(d, ST_IO, o->out_dir, 0, NULL, "cannot create the output directory");
            out->compare = ST_IO;
        } else if (snprintf(path, sizeof path, "%s/points.bin", o->out_dir) >= (int)sizeof path) {
            diag_error(d, ST_IO, o->out_dir, 0, NULL, "path too long");
            out->compare = ST_IO;
        } else if ((out->compare = afile_open(pf, path, d)) == ST_OK) {
            ps.f = pf->f;
            sinks[1] = (ListSink){ &ps, points_on_job };
        }
    } else {
        CompareOptions co = {
            .dir = o->out_dir, .year = o->year, .n_labels = g->n, .label_names = g->names,
            .labels = point_labels, .labels_ctx = (void *)g, .sweep = 1,
        };
        out->compare = compare_open(&cs, &co, d);
        if (out->compare == ST_OK) sinks[1] = compare_list_sink(cs);
    }
    JobSink files_sink = jobfiles_sink(o->out_dir);
    st = jobs_run(&list, o->threads, &files_sink, sinks, cs || ps.f ? 2 : 1, d);
    out->not_run = out->jobs - out->ran;
    if (st == ST_OK && cs) out->compare = compare_finish(cs, d);
    else if (st == ST_OK && ps.f) {
        pf->f = ps.f;
        if ((out->compare = afile_commit(pf, d)) == ST_OK) out->compare = write_manifest(g, o, base, lo, hi, d);
        ps.f = NULL;
    } else if (st != ST_OK) out->compare = st;
    if (ps.f) afile_abort(pf);
    compare_close(cs);
    free(pf);
    free(base);
    free(jobs);
    return st != ST_OK ? st : out->compare;
}

/* ---- sweep_merge: the shards back into one sweep ----------------------------- */

typedef struct {
    char dir[STAGE_PATH_MAX];
    char scenario[NAME_MAX_LEN], settings[80], record[128], build[32];
    long k, n, points, lo, hi, year, varied;
    unsigned long seed;
    char **vary;                   /* varied specs, unescaped */
} SwShard;

static Status refuse(Diag *d, const char *file, const char *fmt, const char *a, const char *b, const char *c)
{
    diag_error(d, ST_CONFIG_INVALID, file, 0, NULL, fmt, a, b, c);
    return ST_CONFIG_INVALID;
}

static void shard_free(SwShard *s)
{
    for (long k = 0; s->vary && k < s->varied; k++) free(s->vary[k]);
    free(s->vary);
}

static Status read_sw_manifest(SwShard *s, Diag *d)
{
    char path[STAGE_PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/shard.txt", s->dir);
    FILE *f = fopen(path, "r");
    if (!f) return refuse(d, path, "cannot read the shard's manifest%s%s%s", "", "", "");
    char *line = malloc(SHARD_LINE_MAX);
    int seen = 0, version = 0, nv = 0, kind = 0;
    Status st = line ? ST_OK : ST_NOMEM;
    while (st == ST_OK && fgets(line, SHARD_LINE_MAX, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *v = strchr(line, ' ');
        const char *val = v ? v + 1 : "";
        if (v) *v = '\0';
#define COPY(field) snprintf(s->field, sizeof s->field, "%s", val)
        if (strcmp(line, "ecsim-shard") == 0) version = atoi(val), seen |= 1;
        else if (strcmp(line, "kind") == 0) kind = strcmp(val, "sweep") == 0, seen |= 2;
        else if (strcmp(line, "scenario") == 0) COPY(scenario), seen |= 4;
        else if (strcmp(line, "shard") == 0 && sscanf(val, "%ld %ld", &s->k, &s->n) == 2) seen |= 8;
        else if (strcmp(line, "points") == 0) s->points = atol(val), seen |= 16;
        else if (strcmp(line, "range") == 0 && sscanf(val, "%ld %ld", &s->lo, &s->hi) == 2) seen |= 32;
        else if (strcmp(line, "seed") == 0) s->seed = strtoul(val, NULL, 10), seen |= 64;
        else if (strcmp(line, "year") == 0) s->year = atol(val), seen |= 128;
        else if (strcmp(line, "settings") == 0) COPY(settings), seen |= 256;
        else if (strcmp(line, "record") == 0) COPY(record), seen |= 512;
        else if (strcmp(line, "build") == 0) COPY(build), seen |= 1024;
        else if (strcmp(line, "varied") == 0) {
            s->varied = atol(val);
            if (s->varied < 1 || s->varied > 1000 || !(s->vary = calloc((size_t)s->varied, sizeof *s->vary)))
                s->varied = 0;
            seen |= 2048;
        } else if (strcmp(line, "vary") == 0 && s->vary && nv < s->varied) {
            if (!(s->vary[nv] = strdup(val))) st = ST_NOMEM;
            else unescape(s->vary[nv++]);
        }
#undef COPY
    }
    fclose(f);
    free(line);
    if (st == ST_NOMEM) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return st;
    }
    if (seen != 4095 || version != 1 || !kind || s->n < 1 || s->k < 1 || s->k > s->n || s->points < s->n ||
        s->varied < 1 || nv != s->varied)
        return refuse(d, path, "not a sweep shard's manifest of this version (ecsim-shard 1, kind sweep)%s%s%s", "",
                      "", "");
    return ST_OK;
}

/* The shards checked against the first one and ordered by K into by_k[0..N). */
static Status check_sw_shards(SwShard *sh, int n, SwShard **by_k, Diag *d)
{
    const SwShard *a = &sh[0];
    char ref[STAGE_PATH_MAX + 16], here[STAGE_PATH_MAX + 16], x[64], y[64];
    snprintf(ref, sizeof ref, "%s/shard.txt", a->dir);
    for (int i = 0; i < n; i++) {
        const SwShard *s = &sh[i];
        snprintf(here, sizeof here, "%s/shard.txt", s->dir);
#define DIFF(what, fa, fb) return refuse(d, here, what " %s differs from %s in %s", fa, fb, ref)
#define DIFF_L(what, fld, f) do { snprintf(x, sizeof x, f, s->fld), snprintf(y, sizeof y, f, a->fld); \
                                  DIFF(what, x, y); } while (0)
        if (strcmp(s->scenario, a->scenario) != 0) DIFF("scenario", s->scenario, a->scenario);
        if (s->n != a->n) DIFF_L("number of shards", n, "%ld");
        if (s->points != a->points) DIFF_L("number of points", points, "%ld");
        if (s->seed != a->seed) DIFF_L("seed", seed, "%lu");
        if (s->year != a->year) DIFF_L("--year", year, "%ld");
        if (s->varied != a->varied) DIFF_L("number of --vary settings", varied, "%ld");
        for (long k = 0; k < s->varied; k++)
            if (strcmp(s->vary[k], a->vary[k]) != 0) {
                snprintf(x, sizeof x, "%ld", k + 1);
                return refuse(d, here, "--vary %s of this shard (%s) differs from that of %s", x, s->vary[k], ref);
            }
        if (strcmp(s->settings, a->settings) != 0)
            DIFF("settings (SHA-256 of the scenario file and the --set overrides)", s->settings, a->settings);
        if (strcmp(s->record, a->record) != 0) DIFF("record layout (another build?)", s->record, a->record);
        if (strcmp(s->build, a->build) != 0) DIFF("build", s->build, a->build);
#undef DIFF_L
#undef DIFF
        if (s->lo != (s->k - 1) * s->points / s->n + 1 || s->hi != s->k * s->points / s->n) {
            snprintf(x, sizeof x, "%ld..%ld", s->lo, s->hi), snprintf(y, sizeof y, "%ld/%ld", s->k, s->n);
            return refuse(d, here, "points %s are not those of shard %s%s", x, y, "");
        }
        if (by_k[s->k - 1]) {
            snprintf(x, sizeof x, "%ld/%ld", s->k, s->n);
            return refuse(d, here, "shard %s is given twice (also %s)%s", x, by_k[s->k - 1]->dir, "");
        }
        by_k[s->k - 1] = &sh[i];
    }
    snprintf(y, sizeof y, "%d %zu %zu %zu", metrics_count(), sizeof(AnnualRow), sizeof(TargetResult),
             sizeof(PointHead));
    if (strcmp(a->record, y) != 0) return refuse(d, ref, "record layout %s is not this build's (%s)%s", a->record, y, "");
    for (long k = 0; k < a->n; k++)
        if (!by_k[k]) {
            snprintf(x, sizeof x, "%ld/%ld", k + 1, a->n);
            return refuse(d, NULL, "sweep of %s: shard %s is missing%s", a->scenario, x, "");
        }
    return ST_OK;
}

/* Reads the next point of points.bin into h and res (res->n_years 0 or 1). */
static int read_point(FILE *f, PointHead *h, RunResults *res)
{
    if (fread(h, sizeof *h, 1, f) != 1) return 0;
    h->name[NAME_MAX_LEN - 1] = '\0';
    if (h->n_targets < 0 || h->n_targets > SIM_MAX_TARGET_RESULTS || (h->flags & ~15)) return 0;
    res->n_years = h->flags & PT_ROW ? 1 : 0;
    if (res->n_years && fread(&res->rows[0], sizeof res->rows[0], 1, f) != 1) return 0;
    res->n_targets = h->n_targets;
    res->n_failed = 0;
    return fread(res->targets, sizeof *res->targets, (size_t)h->n_targets, f) == (size_t)h->n_targets;
}

/* Every point of a shard's points.bin can be read, the file ends after the
 * last, and every folder it names is there. */
static Status check_points(const SwShard *s, RunResults *res, Diag *d)
{
    char path[STAGE_PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/points.bin", s->dir);
    FILE *f = fopen(path, "rb");
    if (!f) return refuse(d, path, "cannot read the shard's points%s%s%s", "", "", "");
    PointHead h;
    Status st = ST_OK;
    for (long p = s->lo; st == ST_OK && p <= s->hi; p++) {
        if (!read_point(f, &h, res)) {
            st = refuse(d, path, "holds fewer points than its range or a damaged one%s%s%s", "", "", "");
            break;
        }
        char dir[STAGE_PATH_MAX + NAME_MAX_LEN];
        struct stat sb;
        snprintf(dir, sizeof dir, "%s/%s", s->dir, h.name);
        if ((h.flags & PT_DIR) && (!h.name[0] || h.name[0] == '.' || strchr(h.name, '/') || lstat(dir, &sb) != 0 ||
                                   !S_ISDIR(sb.st_mode)))
            st = refuse(d, dir, "the folder of a point of this shard is missing%s%s%s", "", "", "");
    }
    if (st == ST_OK && fgetc(f) != EOF) st = refuse(d, path, "holds more points than its range%s%s%s", "", "", "");
    fclose(f);
    return st;
}

/* Copies the regular files and folders under src into dst (which exists). */
static Status copy_tree(const char *src, const char *dst, Diag *d)
{
    DIR *dp = opendir(src);
    if (!dp) return refuse(d, src, "cannot read the folder%s%s%s", "", "", "");
    Status st = ST_OK;
    struct dirent *de;
    char *buf = malloc(1 << 16);
    if (!buf) st = ST_NOMEM;
    while (st == ST_OK && (de = readdir(dp))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        char from[STAGE_PATH_MAX + 256], to[STAGE_PATH_MAX + 256];
        snprintf(from, sizeof from, "%s/%s", src, de->d_name);
        snprintf(to, sizeof to, "%s/%s", dst, de->d_name);
        struct stat sb;
        if (lstat(from, &sb) != 0) st = refuse(d, from, "cannot read%s%s%s", "", "", "");
        else if (S_ISDIR(sb.st_mode)) {
            if (mkdir(to, 0777) != 0) st = refuse(d, to, "cannot create the folder%s%s%s", "", "", "");
            else st = copy_tree(from, to, d);
        } else if (S_ISREG(sb.st_mode)) {
            FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
            size_t k;
            while (in && out && (k = fread(buf, 1, 1 << 16, in)) > 0)
                if (fwrite(buf, 1, k, out) != k) break;
            if (!in) st = refuse(d, from, "cannot read%s%s%s", "", "", "");
            else if (!out || ferror(in) || ferror(out)) st = refuse(d, to, "cannot write%s%s%s", "", "", "");
            if (in) fclose(in);
            if (out && fclose(out) != 0 && st == ST_OK) st = refuse(d, to, "cannot write%s%s%s", "", "", "");
        }   /* anything else (a link) is not a result file: not copied */
    }
    closedir(dp);
    free(buf);
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, src, 0, NULL, "out of memory");
    return st;
}

/* Point folders of one shard into out_dir, each staged: complete or absent. */
static Status copy_folders(const SwShard *s, const char *out_dir, RunResults *res, Diag *d)
{
    char path[STAGE_PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/points.bin", s->dir);
    FILE *f = fopen(path, "rb");
    if (!f) return refuse(d, path, "cannot read the shard's points%s%s%s", "", "", "");
    PointHead h;
    Status st = ST_OK;
    for (long p = s->lo; st == ST_OK && p <= s->hi && read_point(f, &h, res); p++) {
        if (!(h.flags & PT_DIR)) continue;
        StagedDir sd;
        char src[STAGE_PATH_MAX + NAME_MAX_LEN];
        snprintf(src, sizeof src, "%s/%s", s->dir, h.name);
        if ((st = stage_begin(&sd, out_dir, h.name, d)) != ST_OK) break;
        if ((st = copy_tree(src, sd.stage, d)) == ST_OK) st = stage_commit(&sd, d);
        else stage_abort(&sd);
    }
    fclose(f);
    return st;
}

/* The points of every shard, in point order, through the comparison sink. */
static Status tables(SwShard **by_k, const SweepGrid *g, const char *out_dir, RunResults *res, Scenario *scn,
                     int *not_run, Diag *d)
{
    CompareSink *cs = NULL;
    CompareOptions co = {
        .dir = out_dir, .year = (int)by_k[0]->year, .n_labels = g->n, .label_names = g->names,
        .labels = point_labels, .labels_ctx = (void *)g, .sweep = 1,
    };
    Status st = compare_open(&cs, &co, d);
    if (st != ST_OK) return st;
    ListSink sink = compare_list_sink(cs);
    Diag *none = malloc(sizeof *none);
    if (!none) st = ST_NOMEM;
    else diag_init(none);
    for (long k = 0; st == ST_OK && k < by_k[0]->n; k++) {
        const SwShard *s = by_k[k];
        char path[STAGE_PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/points.bin", s->dir);
        FILE *f = fopen(path, "rb");
        if (!f) st = refuse(d, path, "cannot read the shard's points%s%s%s", "", "", "");
        PointHead h;
        for (long p = s->lo - 1; st == ST_OK && p < s->hi; p++) {
            if (!read_point(f, &h, res)) {
                st = refuse(d, path, "cannot read a point%s%s%s", "", "", "");
                break;
            }
            Job job = { NULL, 0, (int)p, s->dir };
            snprintf(scn->name, sizeof scn->name, "%s", h.name);
            JobResult r = { (int)p, (int)s->points, &job, h.flags & PT_MADE ? scn : NULL,
                            h.flags & PT_RES ? ST_OK : ST_CONFIG_INVALID, none, h.flags & PT_RES ? res : NULL, "" };
            if (!(h.flags & PT_RES)) (*not_run)++;
            st = sink.job(sink.ctx, &r, d);
        }
        if (f) fclose(f);
    }
    if (st == ST_OK) st = compare_finish(cs, d);
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, out_dir, 0, NULL, "out of memory");
    compare_close(cs);
    free(none);
    return st;
}

Status sweep_merge(const char *const *dirs, int n, const char *out_dir, int *points, int *not_run, Diag *d)
{
    *points = *not_run = 0;
    SwShard *sh = calloc((size_t)n, sizeof *sh);
    SwShard **by_k = NULL;
    RunResults *res = malloc(sizeof *res);
    Scenario *scn = calloc(1, sizeof *scn);
    SweepGrid g;
    memset(&g, 0, sizeof g);
    Status st = sh && res && scn ? ST_OK : ST_NOMEM;
    for (int i = 0; st == ST_OK && i < n; i++) {
        snprintf(sh[i].dir, sizeof sh[i].dir, "%s", dirs[i]);
        st = read_sw_manifest(&sh[i], d);
    }
    if (st == ST_OK && !(by_k = calloc((size_t)sh[0].n, sizeof *by_k))) st = ST_NOMEM;
    if (st == ST_OK) st = check_sw_shards(sh, n, by_k, d);
    for (int i = 0; st == ST_OK && i < n; i++) st = check_points(&sh[i], res, d);
    int bad = 0;
    if (st == ST_OK && sweep_grid_parse(&g, (const char *const *)sh[0].vary, (int)sh[0].varied, &bad) != ST_OK)
        st = refuse(d, sh[0].dir, "shard.txt: a --vary list cannot be read%s%s%s", "", "", "");
    if (st == ST_OK && g.points != sh[0].points)
        st = refuse(d, sh[0].dir, "shard.txt: the --vary lists do not make its number of points%s%s%s", "", "", "");
    /* everything checked: now the folders, then the tables, as a single run */
    if (st == ST_OK && make_dirs(out_dir) != 0) st = refuse(d, out_dir, "cannot create the output directory%s%s%s", "", "", "");
    for (long k = 0; st == ST_OK && k < sh[0].n; k++) st = copy_folders(by_k[k], out_dir, res, d);
    if (st == ST_OK) st = tables(by_k, &g, out_dir, res, scn, not_run, d);
    if (st == ST_OK) *points = (int)g.points;
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
    sweep_grid_free(&g);
    for (int i = 0; sh && i < n; i++) shard_free(&sh[i]);
    free(sh);
    free(by_k);
    free(res);
    free(scn);
    return st;
}
