/* sensitivity.c — assumptions perturbed one at a time as jobs with a recipe
 * (sensitivity.h): job 0 is the scenario as written, jobs 2k+1 and 2k+2 the
 * low and high value of setting k. The list sink keeps one worst margin and
 * verdict per job and target id (a few numbers per job), streams the rows
 * of setting k when its high run arrives, and ranks at the end. */
#include "sensitivity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assumptions.h"
#include "atomicfile.h"
#include "config.h"
#include "jobs.h"
#include "output.h"
#include "schema.h"
#include "sim.h"
#include "stagedir.h"
#include "utf8.h"

#define ASSIGN_MAX 2048

/* ---- the perturbed values ---- */

/* x scaled and clamped to [lo, hi], as text; *zero stays 1 while every
 * value is 0. */
static int put_number(char *buf, size_t size, size_t *o, double x, double f, double lo, double hi,
                      int *zero)
{
    char num[40];
    double y = x * f;
    if (y < lo || y > hi) *zero |= 2;   /* clamped */
    if (y < lo) y = lo;
    if (y > hi) y = hi;
    if (x != 0) *zero &= ~1;
    schema_format_number(num, sizeof num, y);
    int n = snprintf(buf + *o, size - *o, "%s", num);
    if (n < 0 || (size_t)n >= size - *o) return 0;
    *o += (size_t)n;
    return 1;
}

static int put_text(char *buf, size_t size, size_t *o, const char *t)
{
    int n = snprintf(buf + *o, size - *o, "%s", t);
    if (n < 0 || (size_t)n >= size - *o) return 0;
    *o += (size_t)n;
    return 1;
}

/* The value of e at p scaled by f, as libconfig text after "path=": 0 when
 * not scalable, 2 when some number was clamped, else 1. */
static int scaled_value(const SchemaEntry *e, const char *p, double f, char *buf, size_t size, size_t *o)
{
    int zero = 1, ok = 1;   /* bit 0: every value is 0; bit 1: one was clamped */
    char yr[16];
    switch (e->kind) {
    case SK_NUMBER:
        ok = put_number(buf, size, o, *(const double *)(const void *)p, f, e->min, e->max, &zero);
        break;
    case SK_SCHEDULE: {
        const Schedule *sc = (const Schedule *)(const void *)p;
        if (sc->n == 0) return 0;
        if (sc->n == 1 && sc->year[0] == 0) {   /* a constant */
            ok = put_number(buf, size, o, sc->value[0], f, e->min, e->max, &zero);
            break;
        }
        ok = put_text(buf, size, o, "(");
        for (int k = 0; k < sc->n && ok; k++) {
            snprintf(yr, sizeof yr, "%s(%d, ", k ? ", " : "", sc->year[k]);
            ok = put_text(buf, size, o, yr) &&
                 put_number(buf, size, o, sc->value[k], f, e->min, e->max, &zero) &&
                 put_text(buf, size, o, ")");
        }
        ok = ok && put_text(buf, size, o, ")");
        break;
    }
    case SK_VECTOR: {
        const double *v = (const double *)(const void *)p;
        ok = put_text(buf, size, o, "[");
        for (size_t k = 0; k < e->size && ok; k++)
            ok = (k == 0 || put_text(buf, size, o, ", ")) &&
                 put_number(buf, size, o, v[k], f, e->min, e->max, &zero);
        ok = ok && put_text(buf, size, o, "]");
        break;
    }
    default: return 0;   /* integers, text, switches, curves: not scaled */
    }
    return ok && !(zero & 1) ? 1 + (zero >> 1) : 0;
}

int sensitivity_assignment(const Scenario *s, int i, double factor, char *buf, size_t size)
{
    const ProvenanceList *l = &s->provenance;
    if (i < 0 || i >= l->n || l->p[i].shadowed || l->p[i].basis != PROV_ASSUMPTION) return 0;
    const char *path = provenance_path(l, i);
    if (strncmp(path, "targets.", 8) == 0) return 0;   /* the verdicts' definition */
    if (strncmp(path, "calibration.", 12) == 0) return 0;   /* published figures, not inputs */
    char top[224];
    size_t kn = strcspn(path, "[");
    if (kn >= sizeof top) return 0;
    memcpy(top, path, kn);
    top[kn] = '\0';
    const SchemaEntry *e = schema_find(top);
    if (!e) return 0;
    const char *p = (const char *)s + e->offset;
    if (path[kn] == '[') {   /* a record field: list[i].field */
        char *end;
        long r = strtol(path + kn + 1, &end, 10);
        int count = *(const int *)(const void *)((const char *)s + e->count_offset);
        if (e->kind != SK_RECORDS || end[0] != ']' || end[1] != '.' || r < 0 || r >= count) return 0;
        const SchemaEntry *fe = schema_field_find(e, end + 2);
        if (!fe) return 0;
        p += (size_t)r * e->record_size + fe->offset;
        e = fe;
    } else if (path[kn] != '\0') {
        return 0;
    }
    size_t o = 0;
    if (!put_text(buf, size, &o, path) || !put_text(buf, size, &o, "=")) return 0;
    return scaled_value(e, p, factor, buf, size, &o);
}

/* ---- the jobs ---- */

typedef struct {
    const Scenario *base;
    char (*assign)[ASSIGN_MAX];    /* job p >= 1: assign[p - 1] */
} Recipe;

static Status make_point(void *ctx, const Job *job, Scenario *out, Diag *d)
{
    const Recipe *r = ctx;
    const char *a = r->assign[job->point - 1];
    *out = *r->base;
    return config_override_list(out, &a, 1, "sensitivity", d);
}

/* ---- the list sink ---- */

typedef struct {
    const SensOptions *o;
    const Scenario *base;
    int n_set;
    const int *prov;               /* provenance entry of each setting */
    const unsigned char *clamped;  /* per setting: bit 0 low, bit 1 high value clamped */
    int n_ids;
    char id[TARGET_MAX][64];
    int tgt[TARGET_MAX];           /* the first target of each id */
    double *margin;                /* [job][id]: worst margin, NaN when not evaluable */
    signed char *pass;             /* [job][id]: 1 pass, 0 fail, -1 no result */
    SensOutcome *out;
} Acc;

static double *M(Acc *a, int job, int k) { return &a->margin[(size_t)job * (size_t)a->n_ids + (size_t)k]; }
static signed char *P(Acc *a, int job, int k) { return &a->pass[(size_t)job * (size_t)a->n_ids + (size_t)k]; }

static const char *flip_name(Acc *a, int s, int k)
{
    int b = *P(a, 0, k), lo = *P(a, 2 * s + 1, k), hi = *P(a, 2 * s + 2, k);
    if (b < 0 || lo < 0 || hi < 0) return "n/a";
    return lo != b && hi != b ? "both" : lo != b ? "low" : hi != b ? "high" : "-";
}

static void fmt(char *buf, size_t n, double x, int csv)
{
    if (isnan(x)) snprintf(buf, n, "%s", csv ? "" : "nan");
    else snprintf(buf, n, "%.9g", x + 0.0);
}

/* "file:line" of setting s's value. */
static void where(const Acc *a, int s, char *buf, size_t n)
{
    const ProvenanceList *l = &a->base->provenance;
    snprintf(buf, n, "%s:%d", provenance_file(l, a->prov[s]), l->p[a->prov[s]].line);
}

static void write_rows(Acc *a, int s, FILE *dat, FILE *csv_f)
{
    const ProvenanceList *l = &a->base->provenance;
    const char *path = provenance_path(l, a->prov[s]), *why = provenance_text(l, a->prov[s]);
    char at[1200];
    where(a, s, at, sizeof at);
    for (int k = 0; k < a->n_ids; k++) {
        double b = *M(a, 0, k), lo = *M(a, 2 * s + 1, k), hi = *M(a, 2 * s + 2, k);
        const char *fl = flip_name(a, s, k);
        for (int csv = 0; csv < 2; csv++) {
            char cb[40], cl[40], ch[40], cd[40];
            FILE *f = csv ? csv_f : dat;
            fmt(cb, sizeof cb, b, csv);
            fmt(cl, sizeof cl, lo, csv);
            fmt(ch, sizeof ch, hi, csv);
            fmt(cd, sizeof cd, hi - lo, csv);
            fprintf(f, csv ? "%s,%s,%s,%s,%s,%s,%s," : "%s %s %s %s %s %s %s ", a->id[k], path, cb, cl, ch, cd, fl);
            output_put_text(f, at, strlen(at), csv);
            fputc(csv ? ',' : ' ', f);
            output_put_text(f, why, strlen(why), csv);
            fputc('\n', f);
        }
    }
}

static Status on_job(void *ctx, const JobResult *r, Diag *d)
{
    Acc *a = ctx;
    int j = r->index;
    for (int k = 0; k < a->n_ids; k++) {
        *M(a, j, k) = (double)NAN;
        *P(a, j, k) = -1;
    }
    if (r->status == ST_OK && r->res) {
        for (int k = 0; k < a->n_ids; k++) {
            double worst = INFINITY;
            int pass = 1, seen = 0, valid = 1;
            for (int t = 0; t < r->res->n_targets; t++) {
                const TargetResult *tr = &r->res->targets[t];
                if (strcmp(tr->id, a->id[k]) != 0) continue;
                seen = 1;
                valid &= tr->valid;
                pass &= tr->pass;
                if (tr->margin < worst) worst = tr->margin;
            }
            if (seen) {
                *P(a, j, k) = (signed char)pass;
                *M(a, j, k) = valid ? worst : (double)NAN;
            }
        }
    } else if (j == 0) {
        if (r->diag) diag_print(r->diag, stderr);
        diag_error(d, r->status == ST_OK ? ST_IO : r->status, a->o->file, 0, NULL,
                   "the scenario as written did not run: nothing to compare the perturbed runs with");
        return r->status == ST_OK ? ST_IO : r->status;
    } else if (r->status != ST_INTERRUPTED) {
        int s = (j - 1) / 2;
        const DiagEntry *e = r->diag && r->diag->n ? &r->diag->e[0] : NULL;
        a->out->failed++;
        diag_warn(d, a->o->file, 0, provenance_path(&a->base->provenance, a->prov[s]),
                  "the %s value did not run: %s", j % 2 ? "low" : "high",
                  e ? e->message : status_message(r->status));
    }
    return ST_OK;
}

/* ---- the ranking ---- */

static double moved(Acc *a, int s, int k)
{
    double b = *M(a, 0, k), lo = *M(a, 2 * s + 1, k), hi = *M(a, 2 * s + 2, k);
    double x = isnan(lo) ? 0 : fabs(lo - b), y = isnan(hi) ? 0 : fabs(hi - b);
    double m = x > y ? x : y;
    return isnan(m) ? 0 : m;
}

/* The start of an assumption's text, at most about 120 bytes, for a table
 * cell ('|' would end the cell). */
static void excerpt(char *buf, size_t size, const char *t)
{
    size_t n = strlen(t), keep = n > 120 ? utf8_cut(t, 120) : n;
    snprintf(buf, size, "%.*s%s", (int)keep, t, keep < n ? "…" : "");
    for (char *p = buf; *p; p++)
        if (*p == '|') *p = '/';
}

/* The ranked tables: sensitivity.md (section 0), or the section of
 * summary.md (section 1, headings one level down). */
static void write_md(Acc *a, FILE *f, int section)
{
    const Scenario *s = a->base;
    const char *h2 = section ? "###" : "##";
    if (section) fputs("\n## Which assumptions decide each verdict\n\n", f);
    else fprintf(f, "# Which assumptions decide each verdict: %s\n\n", s->name);
    fprintf(f, "Every numeric value of `%s` marked `# assumption:` (%d values; schedules and monthly "
               "values scaled as a whole) was run at ×%.6g and ×%.6g, clamped to its range, one at a "
               "time; %d of %d perturbed runs ran. The margin of a target is its worst over the "
               "years it is checked (> 0 met with room, < 0 missed), in the target's unit; a flip "
               "(**low**, **high**) is a verdict that differs from the scenario as written; "
               "(range): the value was clamped to the setting's range, so it moved less than "
               "δ. Every row: `sensitivity.dat`.\n",
            a->o->file, a->n_set, 1 - a->o->delta, 1 + a->o->delta, a->out->runs - a->out->failed,
            a->out->runs);
    int *rank = malloc((size_t)a->n_set * sizeof *rank);
    for (int k = 0; k < a->n_ids && rank; k++) {
        const Target *t = &s->targets.t[a->tgt[k]];
        int b = *P(a, 0, k);
        fprintf(f, "\n%s %s%s%s (`%s`)\n\n", h2, a->id[k], t->label[0] ? " — " : "", t->label, t->metric);
        fprintf(f, "As written: %s, margin %.6g.\n\n", b < 0 ? "not evaluable" : b ? "met" : "not met",
                *M(a, 0, k) + 0.0);
        int n = 0;
        for (int i = 0; i < a->n_set; i++)   /* runs that failed are listed at the end */
            if (strcmp(flip_name(a, i, k), "n/a") != 0 && (moved(a, i, k) > 0 || strcmp(flip_name(a, i, k), "-") != 0))
                rank[n++] = i;
        for (int i = 1; i < n; i++)   /* stable insertion sort: largest move first */
            for (int j = i; j > 0 && moved(a, rank[j], k) > moved(a, rank[j - 1], k); j--) {
                int x = rank[j];
                rank[j] = rank[j - 1];
                rank[j - 1] = x;
            }
        if (n == 0) {
            fputs("No assumption moves its margin.\n", f);
            continue;
        }
        fprintf(f, "| # | assumption | margin ×%.6g | margin ×%.6g | flips | where | why assumed |\n"
                   "|---|---|---|---|---|---|---|\n", 1 - a->o->delta, 1 + a->o->delta);
        for (int i = 0; i < n && i < SENS_TOP; i++) {
            int si = rank[i];
            char why[200], at[1200];
            const char *fl = flip_name(a, si, k);
            excerpt(why, sizeof why, provenance_text(&s->provenance, a->prov[si]));
            where(a, si, at, sizeof at);
            fprintf(f, "| %d | `%s` | %.6g%s | %.6g%s | %s%s%s | %s | %s |\n", i + 1,
                    provenance_path(&s->provenance, a->prov[si]), *M(a, 2 * si + 1, k) + 0.0,
                    a->clamped[si] & 1 ? " (range)" : "", *M(a, 2 * si + 2, k) + 0.0,
                    a->clamped[si] & 2 ? " (range)" : "", strcmp(fl, "-") ? "**" : "", fl,
                    strcmp(fl, "-") ? "**" : "", at, why);
        }
        if (n > SENS_TOP) fprintf(f, "\n%d more assumptions move it less.\n", n - SENS_TOP);
    }
    free(rank);
    int shown = 0;
    for (int i = 0; i < a->n_set; i++)
        for (int lohi = 0; lohi < 2; lohi++) {
            if (*P(a, 0, 0) < 0 || *P(a, 2 * i + 1 + lohi, 0) >= 0) continue;
            if (!shown++) fprintf(f, "\n%s Not run\n\nThese perturbed values were rejected or failed, so they "
                                     "are missing above (the reason is printed by the command):\n\n", h2);
            fprintf(f, "- `%s` ×%.6g\n", provenance_path(&s->provenance, a->prov[i]),
                    lohi ? 1 + a->o->delta : 1 - a->o->delta);
        }
}

/* ---- the command ---- */

static Status open_file(AtomicFile *af, const StagedDir *dir, const char *name, Diag *d)
{
    char path[STAGE_PATH_MAX];
    if (stage_path(dir, name, path, sizeof path) != 0) {
        diag_error(d, ST_IO, dir->stage, 0, NULL, "output path too long");
        return ST_IO;
    }
    return afile_open(af, path, d);
}

static void summary_section(void *ctx, FILE *f) { write_md(ctx, f, 1); }

/* The sensitivity files, into the base run's staging directory: they are
 * committed with its folder, so the folder is complete or absent. */
static Status extra_files(void *ctx, const StagedDir *dir, Diag *d)
{
    Acc *a = ctx;
    AtomicFile *af = calloc(3, sizeof *af);   /* 64 KiB buffers: not on the stack */
    if (!af) return ST_NOMEM;
    Status st = open_file(&af[0], dir, "sensitivity.dat", d);
    int open_n = st == ST_OK;
    if (st == ST_OK && (st = open_file(&af[1], dir, "sensitivity.csv", d)) == ST_OK) open_n++;
    if (st == ST_OK && (st = open_file(&af[2], dir, "sensitivity.md", d)) == ST_OK) open_n++;
    if (st == ST_OK) {
        fprintf(af[0].f, "# ecsim sensitivity of %s: each assumption at x(1-%.6g) and x(1+%.6g)\n"
                         "# margin: the target's worst over the years it is checked; delta = high - low;\n"
                         "# flips: the verdict differs from the scenario as written at the low, high or both values;\n"
                         "# where: file:line of the value; why: its # assumption: comment\n"
                         "# target setting base_margin low_margin high_margin delta_margin flips where why\n",
                a->base->name, a->o->delta, a->o->delta);
        fputs("target,setting,base_margin,low_margin,high_margin,delta_margin,flips,where,why\n", af[1].f);
        for (int s = 0; s < a->n_set; s++) write_rows(a, s, af[0].f, af[1].f);
        write_md(a, af[2].f, 0);
    }
    for (int k = 0; k < open_n; k++) {
        if (st == ST_OK) st = afile_commit(&af[k], d);
        else afile_abort(&af[k]);
    }
    free(af);
    return st;
}

Status sensitivity_run(const SensOptions *o, SensOutcome *out, Diag *d)
{
    memset(out, 0, sizeof *out);
    if (!(o->delta > 0 && o->delta < 1)) {
        diag_error(d, ST_USAGE, o->file, 0, NULL, "--delta must be above 0 and below 1");
        return ST_USAGE;
    }
    Scenario *base = malloc(sizeof *base);
    Recipe rc = { base, calloc(2 * SENS_MAX_SETTINGS, ASSIGN_MAX) };
    int *prov = calloc(SENS_MAX_SETTINGS, sizeof *prov);
    unsigned char *clamped = calloc(SENS_MAX_SETTINGS, 1);
    Acc a = { .o = o, .base = base, .prov = prov, .clamped = clamped, .out = out };
    Job *jobs = calloc(2 * SENS_MAX_SETTINGS + 1, sizeof *jobs);
    Status st = base && rc.assign && prov && clamped && jobs ? ST_OK : ST_NOMEM;
    if (st == ST_OK) st = config_load_with(o->file, o->sets, o->n_sets, base, d);
    if (st == ST_OK && base->targets.n == 0) {
        diag_error(d, ST_CONFIG_INVALID, o->file, 0, "targets.list",
                   "the scenario has no targets: there is no verdict to perturb");
        st = ST_CONFIG_INVALID;
    }
    for (int i = 0; st == ST_OK && i < base->provenance.n; i++) {
        int k = a.n_set;
        if (k == SENS_MAX_SETTINGS) {
            diag_warn(d, o->file, 0, NULL, "more than %d numeric assumptions: the rest are not perturbed",
                      SENS_MAX_SETTINGS);
            break;
        }
        int lo = sensitivity_assignment(base, i, 1 - o->delta, rc.assign[2 * k], ASSIGN_MAX);
        int hi = lo ? sensitivity_assignment(base, i, 1 + o->delta, rc.assign[2 * k + 1], ASSIGN_MAX) : 0;
        if (!lo || !hi) continue;
        clamped[k] = (unsigned char)((lo == 2) | (hi == 2) << 1);
        prov[a.n_set++] = i;
    }
    if (st == ST_OK && a.n_set == 0) {
        diag_error(d, ST_CONFIG_INVALID, o->file, 0, NULL,
                   "no numeric value is marked \"# assumption:\": nothing to perturb");
        st = ST_CONFIG_INVALID;
    }
    for (int t = 0; st == ST_OK && t < base->targets.n; t++) {
        int k = 0;
        while (k < a.n_ids && strcmp(a.id[k], base->targets.t[t].id) != 0) k++;
        if (k < a.n_ids) continue;
        snprintf(a.id[k], sizeof a.id[k], "%s", base->targets.t[t].id);
        a.tgt[k] = t;
        a.n_ids++;
    }
    int n_jobs = 2 * a.n_set + 1;
    if (st == ST_OK) {
        a.margin = calloc((size_t)n_jobs * (size_t)a.n_ids, sizeof *a.margin);
        a.pass = calloc((size_t)n_jobs * (size_t)a.n_ids, sizeof *a.pass);
        if (!a.margin || !a.pass) st = ST_NOMEM;
    }
    if (st == ST_OK) {
        jobs[0] = (Job){ base, 0, -1, o->file };
        for (int j = 1; j < n_jobs; j++) jobs[j] = (Job){ NULL, 0, j, o->file };
        out->settings = a.n_set;
        out->runs = n_jobs - 1;
        JobList list = { n_jobs, jobs, make_point, &rc, o->stop };
        ListSink sink = { &a, on_job };
        st = jobs_run(&list, o->threads, NULL, &sink, 1, d);
    }
    for (int s = 0; st == ST_OK && s < a.n_set; s++)
        for (int k = 0; k < a.n_ids; k++) {
            const char *fl = flip_name(&a, s, k);
            if (strcmp(fl, "-") != 0 && strcmp(fl, "n/a") != 0) out->flips++;
        }
    /* The scenario as written once more, through the file sink of `ecsim
     * run` (hourly files need the run's years as they pass), with the
     * section and the files above in the same staging directory. */
    if (st == ST_OK && o->stop && *o->stop) st = ST_INTERRUPTED;
    if (st == ST_OK) {
        Run *run = run_new();
        RunResults *res = malloc(sizeof *res);
        FileSink *fs = malloc(sizeof *fs);
        SinkExtras ex = { &a, summary_section, extra_files };
        if (!run || !res || !fs) st = ST_NOMEM;
        if (st == ST_OK) {
            file_sink_init(fs, o->out_dir, d);
            fs->extras = &ex;
            Sink sink = file_sink(fs);
            st = sim_run(run, base, 0, &sink, res, d);
            if (st != ST_OK) file_sink_abort(fs);
            else snprintf(out->folder, sizeof out->folder, "%s", fs->final_dir);
        }
        run_free(run);
        free(res);
        free(fs);
    }
    free(a.margin);
    free(a.pass);
    free(jobs);
    free(prov);
    free(clamped);
    free(rc.assign);
    free(base);
    return st;
}
