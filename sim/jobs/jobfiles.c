/* jobfiles.c — FileSink in the engine's per-job slots (jobfiles.h). */
#include "jobfiles.h"

#include <stdio.h>

#include "output.h"

_Static_assert(JOB_DIR_MAX >= STAGE_PATH_MAX, "a job's final_dir holds a staged directory's path");

static Sink open_files(void *ctx, void *state, const Job *job, Diag *d)
{
    (void)job;
    FileSink *fs = state;
    file_sink_init(fs, ctx, d);
    return file_sink(fs);
}

static void close_files(void *ctx, void *state, Status st, char *final_dir, size_t size)
{
    (void)ctx;
    FileSink *fs = state;
    if (st != ST_OK) file_sink_abort(fs);
    else snprintf(final_dir, size, "%s", fs->final_dir);
}

JobSink jobfiles_sink(const char *out_dir)
{
    return (JobSink){ (void *)out_dir, sizeof(FileSink), open_files, close_files };
}
