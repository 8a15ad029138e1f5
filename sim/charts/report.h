/* report.h — report.html, the meeting report of one scenario (DESIGN §9–§10):
 * one self-contained page (charts inlined as PNG data URIs, no other file
 * needed, no server) with the scenario's description, key figures, target
 * table, every chart with a caption, and the method notes. */
#ifndef ECSIM_REPORT_H
#define ECSIM_REPORT_H

#include "status.h"

/* Writes scenario_dir/report.html from the files in scenario_dir only:
 * annual.dat, targets.dat, run.cfg, summary.md (its assumptions) and
 * charts/<name>.png (or .svg) of the standard set (plot.h); a chart that is
 * missing is named in its place, so the report can be written without
 * gnuplot. lang: "zh" (Chinese headings, plan units; the default when NULL)
 * or "en" (SI). Written to report.html.tmp and renamed. Returns ST_OK, ST_IO
 * (a result file unreadable or malformed, or the report not writable: d
 * names the file), ST_NOMEM, or ST_USAGE for another lang. */
Status report_write(const char *scenario_dir, const char *lang, Diag *d);

#endif
