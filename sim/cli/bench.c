/* bench.c — `ecsim bench`: hour-steps per second for dispatch alone, for
 * synthetic weather plus available power plus dispatch, and the base
 * scenario end to end with all outputs (DESIGN §12). Figures are printed,
 * never asserted: speed is not a test. */
#include "bench.h"

#include <math.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calendar.h"
#include "config.h"
#include "ensemble.h"
#include "load.h"
#include "output.h"
#include "pv.h"
#include "rng.h"
#include "sim.h"
#include "solarpos.h"
#include "stagedir.h"
#include "tech.h"
#include "weather_synth.h"
#include "wind.h"
#include "wxfile.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Ensemble throughput: members split between threads, each with its own
 * Run (sun tables, PV sun terms and weather tables built once per Run, as
 * in the ensemble command), every member through sim_run with no sink. */
typedef struct {
    const Scenario *s;
    int members, threads, index;
    long long hour_steps;
    int failed;
} EnsWork;

static void *ens_worker(void *arg)
{
    EnsWork *w = arg;
    Run *run = run_new();
    RunResults *res = malloc(sizeof *res);
    Diag *d = malloc(sizeof *d);
    if (!run || !res || !d) w->failed = 1;
    for (int m = w->index; m < w->members && !w->failed; m += w->threads) {
        diag_init(d);
        if (sim_run(run, w->s, (unsigned long)m + 1, NULL, res, d) != ST_OK) w->failed = 1;
        for (int y = 0; y < res->n_years; y++)
            w->hour_steps += (365 + calendar_is_leap(w->s->first_year + y)) * 24;
    }
    run_free(run);
    free(res);
    free(d);
    return NULL;
}

/* Seconds for `members` members of s on `threads` threads; *hour_steps gets
 * their total; -1 if a member failed or a thread could not start. */
static double ensemble_seconds(const Scenario *s, int members, int threads, long long *hour_steps)
{
    EnsWork w[2];
    pthread_t tid[2];
    int started[2] = { 0, 0 }, failed = 0;
    if (threads > 2) threads = 2;
    double t0 = now_s();
    for (int i = 0; i < threads; i++) {
        w[i] = (EnsWork){ s, members, threads, i, 0, 0 };
        started[i] = pthread_create(&tid[i], NULL, ens_worker, &w[i]) == 0;
    }
    *hour_steps = 0;
    for (int i = 0; i < threads; i++) {
        if (started[i]) pthread_join(tid[i], NULL);
        failed |= !started[i] || w[i].failed;
        *hour_steps += w[i].hour_steps;
    }
    double dt = now_s() - t0;
    return failed ? -1.0 : dt;
}

/* Milliseconds, median of 7, of `ecsim run path -o dir` as a new process
 * of this same program (its output to /dev/null); -1 if it cannot be
 * started or fails (exit status 0, or 3 when a target is missed: it ran). */
/* ns per hour-step of weather, inputs and dispatch of one year (best of 3
 * x 30 years); *failed gets any step's failure. */
static double ns_whole_year(Run *run, int year, int hours, int *failed)
{
    const int reps = 30;
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        double t0 = now_s();
        for (int k = 0; k < reps; k++) {
            *failed |= sim_weather(run, year, (unsigned long)k + 1) != ST_OK;
            *failed |= sim_inputs(run, year) != ST_OK;
            *failed |= sim_dispatch(run) != ST_OK;
        }
        double dt = (now_s() - t0) / ((double)reps * hours);
        if (dt < best) best = dt;
    }
    return best * 1e9;
}

static int has_pv(const Scenario *s)
{
    for (int i = 0; i < s->solar.capacity_mw.n; i++)
        if (s->solar.capacity_mw.value[i] > 0) return 1;
    return 0;
}

/* The two hour-step figures again with Sandia's closed-form cell
 * temperature (solar.cell_temp_model = "sapm", docs/model.md), for a
 * scenario with PV on PVWatts' heat balance: what the model choice costs. */
static int sapm_figures(const Scenario *s, int members, int threads, Diag *d)
{
    Scenario *so = malloc(sizeof *so);
    Run *ro = run_new();
    int rc = -1, failed = 0, year = s->last_year;
    if (so && ro) {
        *so = *s;
        so->solar.cell_temp_model = PV_CELLTEMP_SAPM;
        Status st = sim_prepare(ro, so, d);
        if (st == ST_OK) st = sim_weather(ro, year, 0);
        if (st == ST_OK) st = sim_inputs(ro, year);
        if (st == ST_OK) st = sim_dispatch(ro);
        if (st == ST_OK) {
            const double ns_all = ns_whole_year(ro, year, sim_hours(ro), &failed);
            long long steps = 0;
            double secs = failed ? -1 : ensemble_seconds(so, members, threads, &steps);
            if (secs >= 0) {
                const int n_years = s->last_year - s->first_year + 1;
                printf("  with solar.cell_temp_model = \"sapm\" (Sandia's closed form instead of PVWatts' heat balance):\n");
                printf("    weather+all+dispatch %6.2f ns/hour-step  goal <= 50 ns\n", ns_all);
                printf("    members            %6.2f s for %d members x %d years on %d threads  (%.0f member-years/s)\n",
                       secs, members, n_years, threads, members * n_years / secs);
                rc = 0;
            }
        }
    }
    if (rc != 0) fprintf(stderr, "ecsim bench: the run with the SAPM cell temperature failed\n");
    run_free(ro);
    free(so);
    return rc;
}

static double process_ms(const char *path, const char *dir)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1.0;
    exe[n] = '\0';
    char *argv[] = { exe, (char *)"run", (char *)path, (char *)"-o", (char *)dir, NULL };
    extern char **environ;
    double times[7];
    for (int r = 0; r < 7; r++) {
        posix_spawn_file_actions_t fa;
        if (posix_spawn_file_actions_init(&fa) != 0) return -1.0;
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        int status = 0;
        double t0 = now_s();
        int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)
            || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3))
            return -1.0;
        times[r] = now_s() - t0;
    }
    qsort(times, 7, sizeof times[0], cmp_double);
    return times[3] * 1e3;
}

/* ---- per-component breakdown ------------------------------------------- */

/* What one component costs, in ns per hour-step: the models called
 * directly on the same year's inputs as the run makes them (best of a few
 * repetitions). Year-set-up steps that are not per hour (capacity
 * schedules, facts) are left out. */
typedef struct {
    Calendar cal;
    SunTable sun;
    SynthTables synth;
    WeatherYear wx;
    PvSunYear pv_sun;
    TechModels models;
    TechState state;
    double out[ECSIM_MAX_HOURS], poa[ECSIM_MAX_HOURS], wind10[ECSIM_MAX_HOURS];
} Parts;

/* Fills p->wx with member m's weather of year (the streams as sim.c makes them). */
static int parts_weather(Parts *p, const Scenario *s, int year, unsigned long m)
{
    unsigned long base = (unsigned long)year * RNG_STREAMS_PER_YEAR;
    SynthStreams rs = { 0 };
    gsl_rng **slot[] = { &rs.wind, &rs.solar, &rs.temp, &rs.wind_slow, &rs.year };
    const int purpose[] = { RNG_PURPOSE_WIND, RNG_PURPOSE_SOLAR, RNG_PURPOSE_TEMPERATURE,
                            RNG_PURPOSE_WIND_SLOW, RNG_PURPOSE_YEAR };
    int ok = 1;
    for (int i = 0; i < 5; i++)
        if (synth_stream_used(&s->weather, purpose[i]))
            ok &= (*slot[i] = rng_stream(s->seed, m, base + (unsigned long)purpose[i])) != NULL;
    if (ok) synth_weather_year(&p->synth, &s->weather, &s->site, &p->cal, &p->sun, &rs, &p->wx);
    for (int i = 0; i < 5; i++)
        if (*slot[i]) gsl_rng_free(*slot[i]);
    return ok;
}

static void print_part(const char *name, double ns, const char *what)
{
    printf("    %-12s %6.2f ns/hour-step  (%s)\n", name, ns, what);
}

/* A part measured as the difference of two figures: below 0 it is within
 * the noise of a busy machine, and says so. */
static void print_diff(const char *name, double ns, const char *what)
{
    if (ns >= 0.0) print_part(name, ns, what);
    else printf("    %-12s    n/a ns/hour-step  (%s: below the timing noise, the machine was busy)\n", name, what);
}

/* Prints the breakdown for the synthetic weather of s's last year; returns
 * 0, or -1 when it cannot be made (a weather file: the breakdown is skipped). */
static int breakdown(const Scenario *s, Diag *d)
{
    if (s->weather.source == WEATHER_FILE) return 0;
    Parts *p = malloc(sizeof *p);
    if (!p) return -1;
    int year = s->last_year, rc = -1;
    calendar_year_init(&p->cal, year);
    suntable_build(&p->sun, &s->site, year);
    if (synth_tables_build(&p->synth, &s->weather) != ST_OK || tech_prepare(&p->models, &p->state, s, d) != ST_OK)
        goto done;
    pv_sun_year_build(&p->pv_sun, &p->models.pv, &p->sun, p->cal.hours);
    const int H = p->cal.hours, reps = 20;
    const double per = 1e9 / ((double)reps * H);
    double best[6];
    for (int i = 0; i < 6; i++) best[i] = 1e30;
    if (!parts_weather(p, s, year, 1)) goto done;
    /* Fuentes alone: the POA and the wind at 10 m of the year's hours first */
    const double w10 = p->wx.wind_height_m > 0 ? pow(10.0 / p->wx.wind_height_m, 1.0 / 7.0) : 1.0;
    for (int h = 0; h < H; h++) {
        PvPoa pa = { 0 };
        if (p->sun.sun_up[h]) pv_poa(&p->models.pv, p->sun.zenith_deg[h], p->sun.azimuth_deg[h],
                                     p->wx.dni_wm2[h], p->wx.dhi_wm2[h], &pa);
        p->poa[h] = p->sun.sun_up[h] ? pa.poa : -1.0;   /* -1: skipped, as the model skips the night */
        p->wind10[h] = p->wx.wind_ms[h] * w10;
    }
    double tsum = 0.0;   /* the cell temperatures, a result the loop must make */
    for (int r = 0; r < 3; r++) {
        double t0 = now_s();
        for (int k = 0; k < reps; k++)
            if (!parts_weather(p, s, year, (unsigned long)k + 1)) goto done;
        double t1 = now_s();
        for (int k = 0; k < reps; k++) wind_unit_output(&p->models.wind, &p->wx, p->out);
        double t2 = now_s();
        for (int k = 0; k < reps; k++) pv_unit_output_sun(&p->models.pv, &p->pv_sun, &p->wx, p->out);
        double t3 = now_s();
        for (int k = 0; k < reps; k++) {
            PvThermal th;
            pv_thermal_init(&th);
            for (int h = 0; h < H; h++)
                if (p->poa[h] >= 0.0) tsum += pv_cell_temp(&p->models.pv, &th, p->poa[h], p->wind10[h], p->wx.temp_c[h]);
        }
        double t4 = now_s();
        for (int k = 0; k < reps; k++) {
            load_year(&s->load, &p->cal, 1e6, p->out);
            load_add_temperature(&s->load, &p->cal, p->wx.temp_c, p->out);
        }
        double t5 = now_s();
        const double t[6] = { t0, t1, t2, t3, t4, t5 };
        for (int i = 0; i < 5; i++)
            if ((t[i + 1] - t[i]) * per < best[i]) best[i] = (t[i + 1] - t[i]) * per;
    }
    print_part("weather", best[0], "synthetic wind, sun and temperature, random streams included");
    print_part("wind", best[1], "wind farm per MW from the hub wind and air density");
    print_part("PV", best[2], "PV per MW: sky, cover, cell temperature, DC and AC");
    print_part("  Fuentes", best[3], "of PV: the cell temperature alone");
    print_part("load", best[4], "load shape and its temperature part");
    rc = isfinite(tsum) ? 0 : -1;
    if (rc != 0) fprintf(stderr, "ecsim bench: a cell temperature is not finite\n");
done:
    free(p);
    return rc;
}

static const char *help =
    "usage: ecsim bench [FILE]\n"
    "\n"
    "Prints performance figures on FILE (default configs/yiwu-14fyp.cfg), each goal\n"
    "(DESIGN §12) beside its figure:\n"
    "  dispatch           ns per hour-step of the hourly loop, inputs precomputed (goal <= 10 ns)\n"
    "  weather            ns per hour-step of synthetic weather alone\n"
    "  weather+all+dispatch  ns per hour-step: weather, every technology's year step (wind,\n"
    "                     PV, CSP, storage, coal, load, export line), dispatch (goal <= 50 ns)\n"
    "  by component       ns per hour-step of weather, wind, PV (and the cell temperature in\n"
    "                     it), load and dispatch called alone; the rest of a run and the\n"
    "                     outputs as differences of the figures below\n"
    "  weather file       rows per second of the weather-file reader on the shipped\n"
    "                     15-minute file (tests/data/weather/, when run from the source tree)\n"
    "  members            1000 weather members of the whole plan period through the run\n"
    "                     machinery (sim_run, annual sums and accounting, no files) on 2\n"
    "                     threads: seconds, member-years per second\n"
    "  with ... \"sapm\"   weather+all+dispatch and members again with Sandia's closed-form\n"
    "                     cell temperature instead of PVWatts' heat balance (scenarios with PV)\n"
    "  end to end         ms to parse, simulate every year and write every output, in this\n"
    "                     process, and as a new process `ecsim run FILE -o DIR` (goal < 50 ms)\n"
    "  ensemble command   member-years per second and wall time of `ecsim ensemble FILE\n"
    "                     --runs 1000 -j 2`, outputs included (goal <= 2 s)\n"
    "  optimal, weekly    seconds per plan year of the optimal dispatch (a linear program\n"
    "                     per week with its look-ahead), mean and worst year (goal <= 1 s)\n"
    "  optimal, one LP    the same with one linear program per year\n";

int bench_main(int argc, char **argv)
{
    const char *path = "configs/yiwu-14fyp.cfg";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) { fputs(help, stdout); return 0; }
        if (argv[i][0] == '-') { fprintf(stderr, "ecsim bench: unknown option '%s'\n", argv[i]); return 2; }
        path = argv[i];
    }
    Scenario *s = malloc(sizeof *s);
    Diag *d = malloc(sizeof *d);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    int rc = 1;
    if (!s || !d || !res || !run) { fprintf(stderr, "ecsim bench: out of memory\n"); goto done; }
    diag_init(d);
    if (config_load(path, s, d) != ST_OK || sim_prepare(run, s, d) != ST_OK) {
        diag_print(d, stderr);
        goto done;
    }
    printf("ecsim bench on %s (%d-%d)\n", path, s->first_year, s->last_year);
    const int n_years = s->last_year - s->first_year + 1;

    /* Dispatch alone: the last plan year's inputs, dispatched repeatedly. */
    int year = s->last_year;
    Status st0 = sim_weather(run, year, 0);
    if (st0 == ST_OK) st0 = sim_inputs(run, year);
    if (st0 == ST_OK) st0 = sim_dispatch(run);
    if (st0 != ST_OK) {
        fprintf(stderr, "ecsim bench: %s: year %d: %s\n", path, year, status_message(st0));
        goto done;
    }
    int hours = sim_hours(run);
    int failed = 0;   /* a status of the timed loops, checked after them */
    int reps = 400;
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = now_s();
        for (int k = 0; k < reps; k++) failed |= sim_dispatch(run) != ST_OK;
        double dt = (now_s() - t0) / ((double)reps * hours);
        if (dt < best) best = dt;
    }
    const double ns_dispatch = best * 1e9;
    printf("  dispatch:          %6.2f ns/hour-step  (%6.1f M hour-steps/s per core)  goal <= 10 ns\n",
           ns_dispatch, 1e-6 / best);

    /* Weather alone, then the whole year pipeline. */
    int wreps = 30;
    best = 1e30;
    for (int r = 0; r < 3; r++) {
        double t0 = now_s();
        for (int k = 0; k < wreps; k++) failed |= sim_weather(run, year, (unsigned long)k + 1) != ST_OK;
        double dt = (now_s() - t0) / ((double)wreps * hours);
        if (dt < best) best = dt;
    }
    printf("  weather:           %6.2f ns/hour-step  (%s)\n", best * 1e9,
           s->weather.source == WEATHER_FILE ? "weather file: the year from the prepared records"
                                             : "synthetic wind, sun, temperature");
    const double ns_all = ns_whole_year(run, year, hours, &failed);
    printf("  weather+all+dispatch: %6.2f ns/hour-step  (%6.1f M hour-steps/s per core; every technology)"
           "  goal <= 50 ns\n", ns_all, 1e3 / ns_all);
    printf("  by component (the models called alone on the year's inputs):\n");
    if (breakdown(s, d) != 0) { diag_print(d, stderr); goto done; }
    print_part("dispatch", ns_dispatch, "the hourly loop, as above");

    /* The weather-file reader on the shipped 15-minute file (35040 rows). */
    WxFile *wf = wxfile_new();
    const char *wpath = "tests/data/weather/LosAngeles_WeatherFile_15min.csv";
    if (wf && access(wpath, R_OK) == 0) {
        best = 1e30;
        for (int r = 0; r < 5; r++) {
            diag_init(d);
            double t0 = now_s();
            failed |= wxfile_read(wpath, WXF_AUTO, wf, d) != ST_OK;
            double dt = now_s() - t0;
            if (dt < best) best = dt;
        }
        printf("  weather file:      %6.2f M rows/s  (%s, 35040 rows)\n", 35040e-6 / best, wpath);
    }
    wxfile_free(wf);

    if (failed) {
        fprintf(stderr, "ecsim bench: a timed step failed: figures not valid\n");
        goto done;
    }

    /* The ensemble: 1000 members x the plan period on 2 threads. */
    const int members = 1000, threads = 2;
    long long steps = 0;
    double secs = ensemble_seconds(s, members, threads, &steps);
    if (secs < 0) {
        fprintf(stderr, "ecsim bench: an ensemble member failed: figures not valid\n");
        goto done;
    }
    const double ns_member = secs * threads / (double)steps * 1e9;
    printf("  members:           %6.2f s for %d members x %d years on %d threads  (%.0f member-years/s, "
           "%.1f ns/hour-step per core; no files)\n",
           secs, members, n_years, threads, members * n_years / secs, ns_member);
    print_diff("rest of run", ns_member - ns_all,
               "members per core less weather+all+dispatch: annual sums, accounting, targets, set-up");
    if (s->solar.cell_temp_model == PV_CELLTEMP_FUENTES && has_pv(s) && sapm_figures(s, members, threads, d) != 0)
        goto done;

    /* End to end, as `ecsim run` does it, into a scratch directory. */
    char tmpl[] = "/tmp/ecsim-bench.XXXXXX";
    if (!mkdtemp(tmpl)) { fprintf(stderr, "ecsim bench: cannot create a scratch directory\n"); goto done; }
    double times[7];
    int ok = 1;
    for (int r = 0; r < 7 && ok; r++) {
        Run *fresh = run_new();   /* fresh run: sun tables are part of the cost */
        double t0 = now_s();
        diag_init(d);
        Status st = config_load(path, s, d);
        FileSink fs;
        file_sink_init(&fs, tmpl, d);
        Sink sink = file_sink(&fs);
        if (st == ST_OK && fresh) st = sim_run(fresh, s, 0, &sink, res, d);
        if (st != ST_OK) { file_sink_abort(&fs); diag_print(d, stderr); ok = 0; }
        times[r] = now_s() - t0;
        run_free(fresh);
    }
    if (!ok) { remove_tree(tmpl); goto done; }
    qsort(times, 7, sizeof times[0], cmp_double);
    printf("  end to end:        %6.1f ms median, %.1f ms best of 7  (parse, %d years, all outputs, no charts)\n",
           times[3] * 1e3, times[0] * 1e3, n_years);
    /* The same as a whole process: `ecsim run FILE -o DIR` started afresh. */
    double proc = process_ms(path, tmpl);
    remove_tree(tmpl);
    if (proc > 0)
        printf("  end to end process: %5.1f ms median of 7  (`ecsim run FILE -o DIR` as a new process)"
               "  goal < 50 ms\n", proc);

    /* The ensemble as `ecsim ensemble FILE --runs 1000 -j 2` runs it, outputs included. */
    char etmpl[] = "/tmp/ecsim-bench-ens.XXXXXX";
    if (!mkdtemp(etmpl)) { fprintf(stderr, "ecsim bench: cannot create a scratch directory\n"); goto done; }
    const char *files[] = { path };
    EnsOptions eo = { .out_dir = etmpl, .runs = members, .threads = threads };
    EnsOutcome eout;
    diag_init(d);
    double e0 = now_s();
    Status est = ensemble_files(files, 1, &eo, NULL, &eout, d);
    double ewall = now_s() - e0;
    remove_tree(etmpl);
    if (est != ST_OK) { diag_print(d, stderr); goto done; }
    int member_years = eout.ran * n_years;
    printf("  ensemble command:  %6.0f member-years/s, %.2f s wall  (%d members x %d years, -j 2, all outputs)"
           "  goal <= 2 s\n", member_years / ewall, ewall, eout.ran, n_years);
    print_diff("outputs", ewall * threads / (double)steps * 1e9 - ns_member,
               "ensemble command per core less members: statistics and files");

    /* The optimal dispatch (docs/optimal-dispatch.md): every plan year
     * dispatched by linear programs, weekly windows, then one program per
     * year; a year's time is its sim_dispatch alone, years in order as a run
     * takes them (each warm-started from the year before). */
    for (int whole = 0; whole < 2; whole++) {
        Scenario *so = malloc(sizeof *so);
        Run *ro = run_new();
        double sum = 0, worst = 0;
        int worst_year = 0, ny = 0;
        Status sto = so && ro ? ST_OK : ST_NOMEM;
        if (sto == ST_OK) {
            *so = *s;
            so->dispatch.strategy = STRATEGY_OPTIMAL;
            if (whole) {
                so->dispatch.lp.window_h = ECSIM_MAX_HOURS;
                so->dispatch.lp.lookahead_h = 0;
            }
            sto = sim_prepare(ro, so, d);
        }
        for (int y = so ? so->first_year : 0; sto == ST_OK && y <= so->last_year; y++) {
            sto = sim_weather(ro, y, 0);
            if (sto == ST_OK) sto = sim_inputs(ro, y);
            double t0 = now_s();
            if (sto == ST_OK) sto = sim_dispatch(ro);
            double dt = now_s() - t0;
            sum += dt;
            ny++;
            if (dt > worst) worst = dt, worst_year = y;
        }
        if (sto != ST_OK) {
            fprintf(stderr, "ecsim bench: optimal dispatch: %s\n", status_message(sto));
        } else if (!whole) {
            printf("  optimal, weekly:   %6.3f s per year mean, %.3f s worst (%d)  (LP per 168 h window + %d h "
                   "look-ahead, Clp, 1 core)  goal <= 1 s\n", sum / ny, worst, worst_year, so->dispatch.lp.lookahead_h);
        } else {
            printf("  optimal, one LP:   %6.3f s per year mean, %.3f s worst (%d)  (one LP per year, Clp, 1 core)\n",
                   sum / ny, worst, worst_year);
        }
        run_free(ro);
        free(so);
        if (sto != ST_OK) goto done;
    }
    rc = 0;
done:
    run_free(run);
    free(s);
    free(d);
    free(res);
    return rc;
}
