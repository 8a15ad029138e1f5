/* plot.c — the standard charts of a scenario: chart data (chartdata.c), then
 * gnuplot on each plots/<chart>.gp, PNG and SVG (DESIGN §10). The only file
 * that starts gnuplot (STYLE §2): fork and execve, no shell, arguments as
 * `-e` assignments, stderr captured; any output on stderr fails the chart. */
#define _GNU_SOURCE   /* pipe2 (O_CLOEXEC without a race against other threads' forks) */
#include "plot.h"

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

#include "chartdata.h"
#include "results.h"

extern char **environ;

#define PATH_LEN 4096
#define ERR_KEEP 2048          /* bytes of a job's stderr kept for the message */
#define JOB_TIMEOUT_S 120      /* a chart that takes longer is killed */
#define FONT_FAMILY "Noto Sans CJK SC"
#define FALLBACK_FONT "Sans"

static const PlotChart charts[] = {
    { "capacity", "capacity.gp", "装机容量", "Installed capacity",
      "各年风电、光伏、储能、煤电装机与外送通道能力，黑色短横为规划装机目标：看各类装机是否按期达到目标。",
      "Capacity by year and the export line's capacity; the dashes are the plan's capacity targets: "
      "read whether each technology reaches its target on time.", 0 },
    { "generation", "generation.gp", "年度电量平衡与弃风弃光", "Annual electricity balance and curtailment",
      "柱为各年供电构成，顶部浅红为弃风弃光，柱上为新能源利用率；黑线为本地用电，绿虚线为本地用电加外送："
      "看新能源电量是否被本地消纳和外送，哪些年份出现弃电。",
      "Supply by year with curtailment on top and the renewable utilisation above each bar; the black line is "
      "local load, the green dashes local load plus export: read whether wind and PV find a use, and in which "
      "years energy is curtailed.", 0 },
    { "week-summer", "week-summer.gp", "典型夏季周逐时电力平衡", "A typical summer week, hour by hour",
      "夏季风速居中位的一周：堆叠为各电源逐时出力，浅红为弃电，黑线为总需求（本地负荷+外送+储能充电），"
      "紫色点线为储能电量（右轴）：看风光出力高时如何外送、储存或弃掉，煤电和储能如何调节。",
      "The summer week of median wind: hourly supply stacked, curtailment in light red, the black line total "
      "demand (load + export + charge), the purple dots the storage energy (right axis): read how surplus wind "
      "and sun are exported, stored or curtailed, and how coal and storage follow.", 1 },
    { "week-winter", "week-winter.gp", "典型冬季周逐时电力平衡", "A typical winter week, hour by hour",
      "冬季风速居中位的一周，读法同夏季周：看冬季负荷和弱光照下煤电、受入和储能的作用。",
      "The winter week of median wind, read as the summer week: read the role of coal, import and storage "
      "under winter load and weak sun.", 1 },
    { "duration", "duration.gp", "净负荷与弃风弃光持续曲线", "Duration curves of net load and curtailment",
      "左：净负荷（本地负荷减风光可发）从高到低排序，负值为须外送、储存或弃掉的盈余，绿虚线为外送通道加储能充电能力；"
      "右：弃电功率排序：看盈余超过消纳能力的小时数。",
      "Left: net load (local load minus available wind and PV) from the highest hour to the lowest; below zero "
      "is surplus to export, store or curtail, the green dashes the export line plus storage charging power. "
      "Right: curtailed power, sorted: read how many hours the surplus exceeds what can be taken.", 1 },
    { "heatmap", "heatmap.gp", "弃风弃光时段分布", "Curtailment by day and hour",
      "横轴为日期、纵轴为时刻，颜色深浅为弃电功率：看弃电集中在哪些季节和时段，为储能和外送安排提供依据。",
      "Day of the year across, hour of the day up, colour the curtailed power: read in which seasons and hours "
      "curtailment concentrates, for sizing storage and export.", 1 },
    { "coal", "coal.gp", "煤炭产能与原煤产量", "Coal production capacity and output",
      "柱为原煤产量，黑线为煤炭产能，绿色区间为规划目标：看产能是否按期进入4500–6000万吨区间。",
      "Bars are coal output, the black line production capacity, the green band the plan's target: read "
      "whether capacity enters the 45–60 Mt band on time.", 0 },
    { "intensity", "intensity.gp", "单位GDP能耗与二氧化碳排放强度", "Energy and carbon intensity of GDP",
      "实线为模拟值并标注较基年变化，虚线为基年到目标年的直线目标路径：实线在虚线以下即进度领先于目标。",
      "Solid lines are the simulated intensities with their change from the base year, the dashes the straight "
      "path to the target: a line below its path is ahead of the target.", 0 },
    { "dashboard", "dashboard.gp", "规划目标完成情况", "Plan targets",
      "每个目标一根横条，长度为数值与目标值之比（1.0即目标值，区间目标另以短竖线标出上限），绿色达标、红色未达标，"
      "条旁写明数值和余量；逐年考核的目标取最差年份：一眼看出哪些目标有风险。",
      "One bar per target, its length the value over the threshold (1.0 = the threshold; a range also marks its "
      "upper bound), green met and red missed, with the value and margin written beside it; targets checked every "
      "year show their worst year: read which targets are at risk.", 0 },
};

#define N_CHARTS ((int)(sizeof charts / sizeof charts[0]))

int plot_chart_count(void) { return N_CHARTS; }

const PlotChart *plot_chart_get(int i)
{
    return (i >= 0 && i < N_CHARTS) ? &charts[i] : NULL;
}

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

typedef struct {
    const PlotChart *chart;
    const char *fmt;
    char script[PATH_LEN];
    char out[PATH_LEN], tmp[PATH_LEN + 16];
    char expr[3 * PATH_LEN + 256];
    pid_t pid;
    int fd;                 /* read end of the child's stderr, -1 when closed */
    char err[ERR_KEEP];
    size_t n_err;
    int status, timed_out, started, done;
    struct timespec t0;     /* start, for the time limit */
} Job;

/* Appends s as a gnuplot single-quoted string ('' for a quote). Returns -1 if
 * it does not fit or s holds a control character (a path cannot be passed). */
static int put_gp_string(char *buf, size_t cap, size_t *len, const char *s)
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

/* gnuplot -e "dir='…'; lang='…'; fmt='…'; font='…'; out='…'" */
static int build_expr(Job *j, const char *scenario_dir, const char *lang, const char *font)
{
    size_t len = 0, cap = sizeof j->expr;
    j->expr[0] = '\0';
    return put_text(j->expr, cap, &len, "dir=") || put_gp_string(j->expr, cap, &len, scenario_dir)
        || put_text(j->expr, cap, &len, "; lang=") || put_gp_string(j->expr, cap, &len, lang)
        || put_text(j->expr, cap, &len, "; fmt=") || put_gp_string(j->expr, cap, &len, j->fmt)
        || put_text(j->expr, cap, &len, "; font=") || put_gp_string(j->expr, cap, &len, font)
        || put_text(j->expr, cap, &len, "; out=") || put_gp_string(j->expr, cap, &len, j->tmp)
        ? -1 : 0;
}

static double elapsed(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static Status start_job(Job *j, const char *gnuplot, int devnull, Diag *d)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        diag_error(d, ST_IO, j->script, 0, NULL, "cannot create a pipe: %s", strerror(errno));
        return ST_IO;
    }
    char *argv[] = { (char *)"gnuplot", (char *)"-e", j->expr, j->script, NULL };
    clock_gettime(CLOCK_MONOTONIC, &j->t0);
    pid_t pid = fork();
    if (pid < 0) {
        diag_error(d, ST_IO, j->script, 0, NULL, "cannot start gnuplot: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
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

static void read_stderr(Job *j)
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

static void finish_job(Job *j)
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

static Status report_job(Job *j, Diag *d)
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
static Status run_jobs(Job *jobs, int n, const char *gnuplot, Diag *d)
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
            Job *j = &jobs[i];
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
            Job *j = &jobs[i];
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

/* ---- the scenario ----------------------------------------------------------- */

Status plot_scenario(const char *scenario_dir, const char *plots_dir, const char *lang, Diag *d)
{
    if (!lang) lang = "zh";
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "chart language '%s': use zh or en", lang);
        return ST_USAGE;
    }
    char gnuplot[PATH_LEN], scripts[PATH_LEN], charts_dir[PATH_LEN];
    if (!find_gnuplot(gnuplot, sizeof gnuplot)) {
        diag_error(d, ST_NO_GNUPLOT, NULL, 0, NULL, "gnuplot not found: install the Debian package gnuplot-nox");
        return ST_NO_GNUPLOT;
    }
    if (!locate_scripts(plots_dir, scripts, sizeof scripts)) {
        diag_error(d, ST_USAGE, plots_dir ? plots_dir : "plots", 0, NULL,
                   "no chart scripts (common.gp) here: give the plots directory or set ECSIM_PLOTS");
        return ST_USAGE;
    }
    const char *font = FONT_FAMILY;
    if (!have_cjk_font()) {
        if (strcmp(lang, "zh") == 0) {
            diag_error(d, ST_PLOT, NULL, 0, NULL,
                       "Chinese chart labels need the font " FONT_FAMILY
                       ": install the Debian package fonts-noto-cjk (or draw English charts)");
            return ST_PLOT;
        }
        diag_warn(d, NULL, 0, NULL, "font " FONT_FAMILY " not found (Debian package fonts-noto-cjk): "
                  "charts use gnuplot's default font");
        font = FALLBACK_FONT;
    }
    if (snprintf(charts_dir, sizeof charts_dir, "%s/charts", scenario_dir) >= (int)sizeof charts_dir) {
        diag_error(d, ST_IO, scenario_dir, 0, NULL, "path too long");
        return ST_IO;
    }
    if (mkdir(charts_dir, 0777) != 0 && errno != EEXIST) {
        diag_error(d, ST_IO, charts_dir, 0, NULL, "cannot create: %s", strerror(errno));
        return ST_IO;
    }
    Status st = chart_write_data(scenario_dir, charts_dir, d);
    if (st != ST_OK) return st;

    int years[1];
    int have_hourly = results_hourly_years(scenario_dir, years, 1) > 0;
    static const char *const fmts[] = { "png", "svg" };
    Job *jobs = calloc((size_t)N_CHARTS * 2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, scenario_dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    int n = 0;
    char skipped[256] = "";
    for (int c = 0; c < N_CHARTS; c++) {
        if (charts[c].needs_hourly && !have_hourly) {
            /* not drawn, and no chart of an earlier plot may stand in for it */
            for (int k = 0; k < 2; k++) {
                char old[PATH_LEN];
                if (snprintf(old, sizeof old, "%s/%s.%s", charts_dir, charts[c].name, fmts[k]) < (int)sizeof old)
                    remove(old);
            }
            size_t len = strlen(skipped);
            snprintf(skipped + len, sizeof skipped - len, "%s%s", len ? ", " : "", charts[c].name);
            continue;
        }
        for (int k = 0; k < 2; k++) {
            Job *j = &jobs[n];
            j->chart = &charts[c];
            j->fmt = fmts[k];
            j->fd = -1;
            if (snprintf(j->script, sizeof j->script, "%s/%s", scripts, charts[c].script) >= (int)sizeof j->script
                || snprintf(j->out, sizeof j->out, "%s/%s.%s", charts_dir, charts[c].name, fmts[k])
                       >= (int)sizeof j->out
                || snprintf(j->tmp, sizeof j->tmp, "%s.tmp", j->out) >= (int)sizeof j->tmp
                || build_expr(j, scenario_dir, lang, font) != 0) {
                diag_error(d, ST_IO, scenario_dir, 0, NULL, "path too long or with control characters");
                free(jobs);
                return ST_IO;
            }
            n++;
        }
    }
    if (skipped[0])
        diag_warn(d, scenario_dir, 0, NULL, "no hourly-YYYY.dat (output.hourly_years): not drawn: %s", skipped);
    st = run_jobs(jobs, n, gnuplot, d);
    free(jobs);
    return st;
}
