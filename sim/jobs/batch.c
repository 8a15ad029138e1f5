/* batch.c — scenario files as a job list (batch.h). Files are loaded and
 * checked first (a duplicate scenario name would make two jobs write the
 * same directory), then the loaded ones run on the engine. */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "config.h"
#include "jobfiles.h"

static Status tally(void *ctx, const JobResult *r, Diag *d)
{
    (void)d;
    BatchTally *t = ctx;
    if (r->status == ST_OK) {
        t->out->ran++;
        if (r->res->n_failed) t->out->failed_targets++;
    } else {
        t->out->not_run++;
        if (!r->scn) t->out->not_made++;
        if (t->out->first_error == ST_OK && r->status != ST_INTERRUPTED) t->out->first_error = r->status;
    }
    if (t->rep && t->rep->finished) t->rep->finished(t->rep->ctx, r);
    return ST_OK;
}

ListSink batch_tally_sink(BatchTally *t)
{
    return (ListSink){ t, tally };
}

/* Loads every file; returns the number that failed. */
static int load_all(const char *const *files, int n, const BatchOptions *o, Scenario **scn,
                    const BatchReport *rep, BatchOutcome *out, Diag *d)
{
    Diag *fd = malloc(sizeof *fd);
    if (!fd) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return n;
    }
    int errors = 0;
    for (int i = 0; i < n; i++) {
        diag_init(fd);
        scn[i] = malloc(sizeof *scn[i]);
        Status st = ST_NOMEM;
        if (scn[i]) st = config_load_with(files[i], o->sets, o->n_sets, scn[i], fd);
        else diag_error(fd, ST_NOMEM, files[i], 0, NULL, "out of memory");
        if (st != ST_OK) {
            if (st == ST_USAGE) out->usage = 1;
            if (out->first_error == ST_OK) out->first_error = st;
            free(scn[i]);
            scn[i] = NULL;
        }
        if (scn[i] && o->compare) {
            /* what would make the comparison wrong: checked before anything runs */
            const Scenario *s = scn[i];
            if (compare_reserved_name(s->name))
                diag_error(fd, ST_CONFIG_INVALID, files[i], 0, "scenario.name",
                           "'%s' is the name of a file the comparison writes in %s/: rename the scenario",
                           s->name, o->out_dir);
            else if (o->year && (o->year < s->first_year || o->year > s->last_year)) {
                diag_error(fd, ST_USAGE, files[i], 0, NULL, "--year %d is outside the scenario's period %d-%d",
                           o->year, s->first_year, s->last_year);
                out->usage = 1;
            }
            if (diag_has_errors(fd)) {
                free(scn[i]);
                scn[i] = NULL;
            }
        }
        const char *dup = NULL;
        for (int j = 0; scn[i] && j < i && !dup; j++)
            if (scn[j] && strcmp(scn[j]->name, scn[i]->name) == 0) dup = files[j];
        if (rep && rep->loaded) rep->loaded(rep->ctx, files[i], fd, scn[i], dup);
        if (dup) {
            free(scn[i]);
            scn[i] = NULL;
        }
        if (!scn[i]) errors++;
    }
    free(fd);
    return errors;
}

Status batch_files(const char *const *files, int n, const BatchOptions *o,
                   const BatchReport *rep, BatchOutcome *out, Diag *d)
{
    memset(out, 0, sizeof *out);
    out->compare = ST_OK;
    Scenario **scn = calloc((size_t)n + 1, sizeof *scn);
    Job *jobs = calloc((size_t)n + 1, sizeof *jobs);
    if (!scn || !jobs) {
        free(scn);
        free(jobs);
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    out->load_errors = load_all(files, n, o, scn, rep, out, d);
    Status st = ST_OK;
    JobList list = { 0, jobs, NULL, NULL, o->stop };
    for (int i = 0; i < n; i++)
        if (scn[i]) jobs[list.n++] = (Job){ scn[i], 0, -1, files[i] };
    out->jobs = list.n;
    if (!out->usage && list.n > 0) {
        BatchTally t = { out, rep };
        ListSink sinks[2] = { batch_tally_sink(&t) };
        int n_sinks = 1;
        CompareSink *cs = NULL;
        if (o->compare) {
            CompareOptions co = { .dir = o->out_dir, .year = o->year };
            out->compare = compare_open(&cs, &co, d);
            if (out->compare == ST_OK) sinks[n_sinks++] = compare_list_sink(cs);
        }
        JobSink files_sink = jobfiles_sink(o->out_dir);
        st = jobs_run(&list, o->threads, &files_sink, sinks, n_sinks, d);
        out->not_run = out->jobs - out->ran;   /* all of them if the engine could not start */
        if (st == ST_OK && cs) out->compare = compare_finish(cs, d);
        else if (st != ST_OK && o->compare) out->compare = st;
        compare_close(cs);
    }
    for (int i = 0; i < n; i++) free(scn[i]);
    free(scn);
    free(jobs);
    return st != ST_OK ? st : out->compare;
}
