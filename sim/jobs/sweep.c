/* sweep.c — sweep points as jobs with a recipe (sweep.h): job p copies the
 * resolved base scenario, applies the point's values and names it
 * <base>-pNNN. Only the job list (a few words per point) grows with the
 * grid; scenarios and results live in the engine's slots. */
#include "sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "config.h"
#include "jobfiles.h"
#include "schema.h"
#include "utf8.h"

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
    for (long p = 0; p < g->points; p++) jobs[p] = (Job){ NULL, 0, (int)p, o->file };
    Recipe recipe = { g, base };
    JobList list = { (int)g->points, jobs, make_point, &recipe, o->stop };
    out->jobs = list.n;
    BatchTally t = { out, rep };
    ListSink sinks[2] = { batch_tally_sink(&t) };
    CompareSink *cs = NULL;
    CompareOptions co = {
        .dir = o->out_dir, .year = o->year, .n_labels = g->n, .label_names = g->names,
        .labels = point_labels, .labels_ctx = (void *)g, .sweep = 1,
    };
    out->compare = compare_open(&cs, &co, d);
    if (out->compare == ST_OK) sinks[1] = compare_list_sink(cs);
    JobSink files_sink = jobfiles_sink(o->out_dir);
    st = jobs_run(&list, o->threads, &files_sink, sinks, cs ? 2 : 1, d);
    out->not_run = out->jobs - out->ran;
    if (st == ST_OK && cs) out->compare = compare_finish(cs, d);
    else if (st != ST_OK) out->compare = st;
    compare_close(cs);
    free(base);
    free(jobs);
    return st != ST_OK ? st : out->compare;
}
