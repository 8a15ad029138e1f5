/* gnuplot.c — running gnuplot for the charts (DESIGN §10): fork and execve,
 * no shell, arguments as `-e` assignments, stderr captured; any output on
 * stderr fails the chart. The only file that starts gnuplot (STYLE §2); used
 * by plot.c (a scenario's charts) and plotcmp.c (comparisons, sweeps). */
#define _GNU_SOURCE   /* pipe2 (O_CLOEXEC without a race against other threads' forks) */
#include "gnuplot.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"

extern char **environ;

#define PATH_LEN GP_PATH_LEN
#define JOB_TIMEOUT_S GP_JOB_TIMEOUT_S
#define FONT_FAMILY "Noto Sans CJK SC"
#define FALLBACK_FONT "Sans"

/* ---- finding things -------------------------------------------------------- */

static int is_executable(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

/* gnuplot on PATH (an empty entry is the current directory, as for execvp;
 * without PATH, /bin:/usr/bin). */
static int find_gnuplot(char *out, size_t n)
{
    const char *path = getenv("PATH");
    if (!path) path = "/bin:/usr/bin";
    const char *p = path;
    for (;;) {
        size_t len = strcspn(p, ":");
        int w = len ? snprintf(out, n, "%.*s/gnuplot", (int)len, p) : snprintf(out, n, "./gnuplot");
        if (w > 0 && (size_t)w < n && is_executable(out)) return 1;
        if (!p[len]) break;
        p += len + 1;
    }
    return 0;
}

static int is_cjk_font_file(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "NotoSansCJK", 11) == 0 && n > 4
        && (strcmp(name + n - 4, ".ttc") == 0 || strcmp(name + n - 4, ".otf") == 0);
}

/* A Noto Sans CJK file (family "Noto Sans CJK SC") somewhere below dir. */
static int find_font_in(const char *dir, int depth)
{
    DIR *dp = opendir(dir);
    if (!dp) return 0;
    int found = 0;
    struct dirent *e;
    char sub[PATH_LEN];
    while (!found && (e = readdir(dp))) {
        if (e->d_name[0] == '.') continue;
        if (is_cjk_font_file(e->d_name)) { found = 1; break; }
        if (depth > 0 && e->d_type != DT_REG
            && snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name) < (int)sizeof sub)
            found = find_font_in(sub, depth - 1);
    }
    closedir(dp);
    return found;
}

/* The font directories fontconfig reads by default on Debian. */
static int have_cjk_font(void)
{
    char dir[PATH_LEN];
    const char *home = getenv("HOME"), *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg && snprintf(dir, sizeof dir, "%s/fonts", xdg) < (int)sizeof dir && find_font_in(dir, 4))
        return 1;
    if (home && *home) {
        if (snprintf(dir, sizeof dir, "%s/.local/share/fonts", home) < (int)sizeof dir && find_font_in(dir, 4))
            return 1;
        if (snprintf(dir, sizeof dir, "%s/.fonts", home) < (int)sizeof dir && find_font_in(dir, 4)) return 1;
    }
    return find_font_in("/usr/local/share/fonts", 4) || find_font_in("/usr/share/fonts", 4);
}

static int has_scripts(const char *dir)
{
    char p[PATH_LEN];
    struct stat sb;
    return snprintf(p, sizeof p, "%s/common.gp", dir) < (int)sizeof p && stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int locate_scripts(const char *given, char *out, size_t n)
{
    if (given) return snprintf(out, n, "%s", given) < (int)n && has_scripts(out);
    const char *env = getenv("ECSIM_PLOTS");
    if (env && *env) return snprintf(out, n, "%s", env) < (int)n && has_scripts(out);
    if (has_scripts("plots")) return snprintf(out, n, "plots") < (int)n;
    char exe[PATH_LEN];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0) return 0;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return 0;
    *slash = '\0';
    static const char *const rel[] = { "../../plots", "../share/ecsim/plots" };
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
        if (snprintf(out, n, "%s/%s", exe, rel[i]) < (int)n && has_scripts(out)) return 1;
    return 0;
}

/* ---- running gnuplot -------------------------------------------------------- */

/* Appends s as a gnuplot single-quoted string ('' for a quote). Returns -1 if
 * it does not fit or s holds a control character (a path cannot be passed). */
int gp_put_string(char *buf, size_t cap, size_t *len, const char *s)
{
    if (*len + 1 >= cap) return -1;
    buf[(*len)++] = '\'';
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20) return -1;
        if (*len + 3 >= cap) return -1;
        if (*s == '\'') buf[(*len)++] = '\'';
        buf[(*len)++] = *s;
    }
    if (*len + 2 >= cap) return -1;
    buf[(*len)++] = '\'';
    buf[*len] = '\0';
    return 0;
}

static int put_text(char *buf, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 >= cap) return -1;
    memcpy(buf + *len, s, n + 1);
    *len += n;
    return 0;
}

static double elapsed(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static Status start_job(GpJob *j, const char *gnuplot, int devnull, Diag *d)
{
    /* gnuplot writes its output to a file we create first under a random
     * name (O_EXCL): a link planted beside the chart is never written through */
    int tfd = afile_create_unique(j->tmp);
    if (tfd < 0) {
        diag_error(d, ST_IO, j->out, 0, NULL, "cannot create: %s", strerror(errno));
        j->tmp[0] = '\0';
        return ST_IO;
    }
    close(tfd);
    if (gp_job_var(j, "out", j->tmp) != 0) {
        diag_error(d, ST_IO, j->out, 0, NULL, "path too long or with control characters");
        unlink(j->tmp);
        return ST_IO;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        diag_error(d, ST_IO, j->script, 0, NULL, "cannot create a pipe: %s", strerror(errno));
        unlink(j->tmp);
        return ST_IO;
    }
    char *argv[] = { (char *)"gnuplot", (char *)"-e", j->expr, j->script, NULL };
    clock_gettime(CLOCK_MONOTONIC, &j->t0);
    pid_t pid = fork();
    if (pid < 0) {
        diag_error(d, ST_IO, j->script, 0, NULL, "cannot start gnuplot: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        unlink(j->tmp);
        return ST_IO;
    }
    if (pid == 0) {
        /* The child: only async-signal-safe calls until execve. */
        if (dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 || dup2(fds[1], 2) < 0) _exit(126);
        execve(gnuplot, argv, environ);
        _exit(127);
    }
    close(fds[1]);
    j->pid = pid;
    j->fd = fds[0];
    j->started = 1;
    return ST_OK;
}

static void read_stderr(GpJob *j)
{
    char buf[4096];
    ssize_t n;
    do n = read(j->fd, buf, sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n > 0) {
        size_t keep = sizeof j->err - 1 - j->n_err;
        if ((size_t)n < keep) keep = (size_t)n;
        memcpy(j->err + j->n_err, buf, keep);
        j->n_err += keep;
        j->err[j->n_err] = '\0';
        if (keep < (size_t)n) j->err[sizeof j->err - 2] = '~';   /* more than kept */
        return;
    }
    close(j->fd);   /* EOF (or an error): the child is ending */
    j->fd = -1;
}

static void finish_job(GpJob *j)
{
    int status;
    pid_t r;
    do r = waitpid(j->pid, &status, 0);
    while (r < 0 && errno == EINTR);
    j->status = r == j->pid ? status : -1;
    j->done = 1;
}

/* The first line of gnuplot's message, for the diagnostic. */
static void first_line(const char *s, char *out, size_t n)
{
    while (*s == '\n' || *s == '\r' || *s == ' ') s++;
    size_t len = strcspn(s, "\n");
    if (len >= n) len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static Status report_job(GpJob *j, Diag *d)
{
    int ok = !j->timed_out && j->status >= 0 && WIFEXITED(j->status) && WEXITSTATUS(j->status) == 0
          && j->n_err == 0;
    if (ok && rename(j->tmp, j->out) == 0) return ST_OK;
    if (ok) {
        diag_error(d, ST_IO, j->out, 0, NULL, "cannot write: %s", strerror(errno));
        remove(j->tmp);
        return ST_IO;
    }
    /* a failed chart leaves no file, not even one of an earlier run */
    remove(j->tmp);
    remove(j->out);
    char msg[512];
    first_line(j->err, msg, sizeof msg);
    if (j->timed_out)
        diag_error(d, ST_PLOT, j->script, 0, NULL, "gnuplot took longer than %d s and was stopped (%s)",
                   JOB_TIMEOUT_S, j->fmt);
    else if (j->status >= 0 && WIFEXITED(j->status) && WEXITSTATUS(j->status) == 127)
        diag_error(d, ST_PLOT, j->script, 0, NULL, "gnuplot could not be executed");
    else if (j->status >= 0 && WIFEXITED(j->status) && WEXITSTATUS(j->status) == 0)
        diag_error(d, ST_PLOT, j->script, 0, NULL, "gnuplot warning (%s): %s", j->fmt, msg);
    else
        diag_error(d, ST_PLOT, j->script, 0, NULL, "gnuplot failed (%s): %s", j->fmt,
                   msg[0] ? msg : "no message");
    return ST_PLOT;
}

static int max_parallel(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/* Runs the jobs, at most max_parallel() at a time, reading their stderr as
 * it comes so that no child blocks on a full pipe. */
static Status run_job_list(GpJob *jobs, int n, const char *gnuplot, Diag *d)
{
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) {
        diag_error(d, ST_IO, "/dev/null", 0, NULL, "cannot open: %s", strerror(errno));
        return ST_IO;
    }
    Status worst = ST_OK;
    int next = 0, running = 0, limit = max_parallel();
    struct pollfd pfd[8];
    int who[8];
    while (next < n || running > 0) {
        /* collect the children whose stderr has closed, then fill free slots */
        for (int i = 0; i < n; i++) {
            GpJob *j = &jobs[i];
            if (!j->started || j->done || j->fd >= 0) continue;
            finish_job(j);
            running--;
            Status st = report_job(j, d);
            if (st != ST_OK && worst == ST_OK) worst = st;
        }
        while (running < limit && next < n) {
            Status st = start_job(&jobs[next], gnuplot, devnull, d);
            if (st != ST_OK) {
                worst = st;
                jobs[next].done = 1;
            } else {
                running++;
            }
            next++;
        }
        int np = 0;
        double wait_s = JOB_TIMEOUT_S;
        for (int i = 0; i < n && np < 8; i++) {
            GpJob *j = &jobs[i];
            if (!j->started || j->done || j->fd < 0) continue;
            double left = JOB_TIMEOUT_S - elapsed(&j->t0);
            if (left <= 0) {
                kill(j->pid, SIGKILL);
                j->timed_out = 1;
                close(j->fd);
                j->fd = -1;
                continue;
            }
            if (left < wait_s) wait_s = left;
            pfd[np] = (struct pollfd){ .fd = j->fd, .events = POLLIN };
            who[np++] = i;
        }
        if (np == 0) continue;
        int r = poll(pfd, (nfds_t)np, (int)(wait_s * 1000) + 1);
        if (r < 0 && errno != EINTR) {
            diag_error(d, ST_IO, "gnuplot", 0, NULL, "poll: %s", strerror(errno));
            for (int k = 0; k < np; k++) {
                kill(jobs[who[k]].pid, SIGKILL);
                jobs[who[k]].timed_out = 1;
                close(jobs[who[k]].fd);
                jobs[who[k]].fd = -1;
            }
            worst = ST_IO;
            continue;
        }
        for (int k = 0; k < np && r > 0; k++)
            if (pfd[k].revents) read_stderr(&jobs[who[k]]);
    }
    close(devnull);
    return worst;
}


/* ---- the public interface ----------------------------------------------------- */

Status gp_run_jobs(GpJob *jobs, int n, const GpEnv *env, Diag *d)
{
    return run_job_list(jobs, n, env->gnuplot, d);
}

int gp_job_var(GpJob *j, const char *name, const char *value)
{
    size_t cap = sizeof j->expr;
    if (j->bad || put_text(j->expr, cap, &j->expr_len, j->expr_len ? "; " : "")
        || put_text(j->expr, cap, &j->expr_len, name) || put_text(j->expr, cap, &j->expr_len, "=")
        || gp_put_string(j->expr, cap, &j->expr_len, value))
        j->bad = 1;
    return j->bad ? -1 : 0;
}

int gp_job_init(GpJob *j, const GpEnv *env, const char *script, const char *dir, const char *out,
                const char *fmt)
{
    memset(j, 0, sizeof *j);
    j->fd = -1;
    const char *slash = strrchr(out, '/');
    const char *base = slash ? slash + 1 : out;
    j->fmt = fmt;
    if (snprintf(j->script, sizeof j->script, "%s/%s", env->scripts, script) >= (int)sizeof j->script
        || snprintf(j->out, sizeof j->out, "%s", out) >= (int)sizeof j->out
        || snprintf(j->tmp, sizeof j->tmp, "%.*s.%s.XXXXXX", (int)(base - out), out, base)
               >= (int)sizeof j->tmp)
        return -1;
    return gp_job_var(j, "dir", dir) || gp_job_var(j, "lang", env->lang) || gp_job_var(j, "fmt", fmt)
        || gp_job_var(j, "font", env->font) ? -1 : 0;   /* out: when started */
}

Status gp_prepare(GpEnv *env, const char *plots_dir, const char *lang, Diag *d)
{
    if (!lang) lang = "zh";
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "chart language '%s': use zh or en", lang);
        return ST_USAGE;
    }
    env->lang = strcmp(lang, "en") == 0 ? "en" : "zh";
    if (!find_gnuplot(env->gnuplot, sizeof env->gnuplot)) {
        diag_error(d, ST_NO_GNUPLOT, NULL, 0, NULL, "gnuplot not found: install the Debian package gnuplot-nox");
        return ST_NO_GNUPLOT;
    }
    if (!locate_scripts(plots_dir, env->scripts, sizeof env->scripts)) {
        diag_error(d, ST_USAGE, plots_dir ? plots_dir : "plots", 0, NULL,
                   "no chart scripts (common.gp) here: give the plots directory or set ECSIM_PLOTS");
        return ST_USAGE;
    }
    env->font = FONT_FAMILY;
    if (!have_cjk_font()) {
        if (strcmp(lang, "zh") == 0) {
            diag_error(d, ST_PLOT, NULL, 0, NULL,
                       "Chinese chart labels need the font " FONT_FAMILY
                       ": install the Debian package fonts-noto-cjk (or draw English charts)");
            return ST_PLOT;
        }
        diag_warn(d, NULL, 0, NULL, "font " FONT_FAMILY " not found (Debian package fonts-noto-cjk): "
                  "charts use gnuplot's default font");
        env->font = FALLBACK_FONT;
    }
    return ST_OK;
}

Status gp_charts_dir(const char *dir, char *charts, size_t n, int *created, Diag *d)
{
    if (created) *created = 0;
    if (snprintf(charts, n, "%s/charts", dir) >= (int)n) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return ST_IO;
    }
    if (mkdir(charts, 0777) == 0) {
        if (created) *created = 1;
        return ST_OK;
    }
    if (errno != EEXIST) {
        diag_error(d, ST_IO, charts, 0, NULL, "cannot create: %s", strerror(errno));
        return ST_IO;
    }
    struct stat sb = {0};
    if (lstat(charts, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        diag_error(d, ST_IO, charts, 0, NULL, "exists and is not a directory (%s): move it away",
                   S_ISLNK(sb.st_mode) ? "a symbolic link" : "not a directory");
        return ST_IO;
    }
    return ST_OK;
}

Status gp_draw_png_svg(const GpEnv *env, const char *script, const char *dir, const char *charts,
                       const char *stem, Diag *d)
{
    static const char *const fmts[] = { "png", "svg" };
    GpJob *jobs = calloc(2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = ST_OK;
    for (int k = 0; k < 2 && st == ST_OK; k++) {
        char out[GP_PATH_LEN];
        if (snprintf(out, sizeof out, "%s/%s.%s", charts, stem, fmts[k]) >= (int)sizeof out
            || gp_job_init(&jobs[k], env, script, dir, out, fmts[k]) != 0) {
            diag_error(d, ST_IO, dir, 0, NULL, "path too long or with control characters");
            st = ST_IO;
        }
    }
    if (st == ST_OK) st = gp_run_jobs(jobs, 2, env, d);
    free(jobs);
    return st;
}
