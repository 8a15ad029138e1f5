/* gnuplot.h — running gnuplot for the charts (DESIGN §10, STYLE §2): finding
 * gnuplot on PATH, the scripts directory and the CJK font, and running a list
 * of jobs with fork and execve (no shell), stderr captured, each output file
 * written to a temporary name and renamed when gnuplot exited 0 with an empty
 * stderr. Shared by plot.c (a scenario's charts) and plotcmp.c (comparison and
 * sweep charts); the only code that starts gnuplot. No global state. */
#ifndef ECSIM_GNUPLOT_H
#define ECSIM_GNUPLOT_H

#include <sys/types.h>
#include <time.h>

#include "status.h"

#define GP_PATH_LEN 4096
#define GP_ERR_KEEP 2048        /* bytes of a job's stderr kept for the message */
#define GP_JOB_TIMEOUT_S 120    /* a chart that takes longer is killed */

/* What every chart run needs, found once by gp_prepare. */
typedef struct {
    char gnuplot[GP_PATH_LEN];  /* the executable */
    char scripts[GP_PATH_LEN];  /* the plots directory */
    const char *lang;           /* "zh" or "en" */
    const char *font;           /* Noto Sans CJK SC, or the fallback */
} GpEnv;

/* Checks lang (NULL = "zh"; else ST_USAGE), finds gnuplot (ST_NO_GNUPLOT:
 * "install the Debian package gnuplot-nox"), the scripts (plots_dir; NULL
 * searches $ECSIM_PLOTS, ./plots, ../../plots and ../share/ecsim/plots next
 * to the executable; ST_USAGE when none holds common.gp) and the font
 * (missing: ST_PLOT for zh, a warning and a fallback font for en). */
Status gp_prepare(GpEnv *env, const char *plots_dir, const char *lang, Diag *d);

/* dir/charts into charts (n bytes): created, or an existing real directory.
 * Anything else standing there (a symbolic link, a file) is refused and left
 * as it is, so charts are never written through a link. *created (may be
 * NULL) says whether this call made it. */
Status gp_charts_dir(const char *dir, char *charts, size_t n, int *created, Diag *d);

/* One gnuplot run: script -> out, with -e assignments. gnuplot writes to a
 * hidden temporary beside out (".name.XXXXXX", created O_EXCL when the job
 * starts), renamed to out when the chart succeeded. */
typedef struct {
    const char *fmt;
    char script[GP_PATH_LEN];
    char out[GP_PATH_LEN], tmp[GP_PATH_LEN + 16];
    char expr[3 * GP_PATH_LEN + 1024];
    size_t expr_len;
    int bad;                    /* an assignment did not fit */
    /* run state */
    pid_t pid;
    int fd;                     /* read end of the child's stderr, -1 when closed */
    char err[GP_ERR_KEEP];
    size_t n_err;
    int status, timed_out, started, done;
    struct timespec t0;
} GpJob;

/* Sets up a job for plots/<script> writing out (fmt "png" or "svg"), with
 * the assignments dir, lang, fmt, font and out (the temporary name), in that
 * order. Returns -1 when a path is too long or holds a control character. */
int gp_job_init(GpJob *j, const GpEnv *env, const char *script, const char *dir, const char *out,
                const char *fmt);
/* Appends the assignment name='value' to the job's -e expression; -1 when
 * it does not fit or value holds a control character. */
int gp_job_var(GpJob *j, const char *name, const char *value);

/* Runs the jobs, at most 4 at a time, reading their stderr as it comes.
 * A job succeeds when gnuplot exits 0 and prints nothing on stderr: its
 * temporary file is renamed to out. A failed job leaves no out (an older
 * one is removed) and an ST_PLOT error naming the script and gnuplot's
 * first line. Returns the first failure's status (ST_PLOT, ST_IO) or ST_OK. */
Status gp_run_jobs(GpJob *jobs, int n, const GpEnv *env, Diag *d);

/* One chart in both formats: plots/<script> run with dir into
 * charts/<stem>.png and charts/<stem>.svg (gp_job_init, gp_run_jobs). */
Status gp_draw_png_svg(const GpEnv *env, const char *script, const char *dir, const char *charts,
                       const char *stem, Diag *d);

/* Appends s to buf as a gnuplot single-quoted string ('' for a quote);
 * -1 if it does not fit or s holds a control character. */
int gp_put_string(char *buf, size_t cap, size_t *len, const char *s);

#endif
