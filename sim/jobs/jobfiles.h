/* jobfiles.h — the file sink (output.h) as a per-job sink of the engine
 * (jobs.h): each job's files in OUT/<scenario>/, complete or absent. Here,
 * above both, so that the engine does not depend on the file writers. */
#ifndef ECSIM_JOBFILES_H
#define ECSIM_JOBFILES_H

#include "jobs.h"

/* out_dir must outlive the run. A job that fails leaves no directory. */
JobSink jobfiles_sink(const char *out_dir);

#endif
