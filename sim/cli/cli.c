/* cli.c — the subcommands of `ecsim` (DESIGN §11): argument parsing, help
 * text, messages, and status → exit code (0 ok, 3 a target failed, 1 error,
 * 2 usage). The only module besides main.c that prints. */
#include "cli.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assumptions.h"
#include "bench.h"
#include "metrics.h"
#include "config.h"
#include "plot.h"
#include "plotcmp.h"
#include "plotelcc.h"
#include "plotens.h"
#include "present.h"
#include "report.h"
#include "results.h"
#include "sim.h"
#include "sensitivity.h"
#include "sweep.h"
#include "utf8.h"
#include "version.h"
#include "wxinfo.h"
#include "fitcmd.h"
#include "enscmd.h"
#include "elcccmd.h"

#define EXIT_TARGETS status_exit_code(ST_TARGET_FAILED)
#define EXIT_USAGE status_exit_code(ST_USAGE)
#define EXIT_ERROR status_exit_code(ST_IO)   /* any error of input or output */

/* The signal that asked a run to stop, 0 if none: the one piece of process
 * state, because a signal handler can reach nothing else. The library sees
 * it only as the stop flag of its job list. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig) { stop_signal = sig; }

/* SIGINT/SIGTERM stop the jobs at their next year; a second one ends the
 * process at once (SA_RESETHAND). SA_RESTART: file I/O is not interrupted. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = (int)(SA_RESTART | SA_RESETHAND);   /* SA_RESETHAND is 0x80000000 */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static const char *main_help =
    "ecsim " ECSIM_VERSION " — hourly energy capacity scenario simulator\n"
    "\n"
    "usage: ecsim COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run FILE... [-o DIR] [-j N] [--set k=v] [--plot]\n"
    "                          simulate scenarios; results in DIR/<scenario>/ (default out/)\n"
    "  compare FILE... -o DIR  run scenarios and compare them side by side\n"
    "  ensemble FILE... --runs N|--weather-years [-o DIR]\n"
    "                          N weather members: probabilities of meeting targets, P10/P50/P90\n"
    "                          (compare FILE... --runs N -o DIR: variants on the same members)\n"
    "  merge DIR... -o DIR     the shards of an ensemble, compare --runs or sweep (--shard K/N)\n"
    "                          into one result\n"
    "  sweep FILE --vary path=v1,v2,... -o DIR\n"
    "                          sensitivity grid over any settings\n"
    "  sensitivity FILE -o DIR [--delta D]\n"
    "                          which assumptions decide each target verdict (each at x(1-D), x(1+D))\n"
    "  elcc FILE --runs N [--tech wind,solar,storage] [--year Y|all] -o DIR [--plot]\n"
    "                          capacity credit by equivalent firm capacity (docs/adequacy.md)\n"
    "  plot DIR...             draw the charts again: runs, ensembles (merged too), compare --runs, elcc\n"
    "  check FILE... [--provenance]\n"
    "                          validate scenario files without running them; --provenance\n"
    "                          also lists values without a plan:/source:/assumption: comment\n"
    "  reference               print the commented reference configuration (every setting)\n"
    "  bench [FILE]            performance figures (default configs/yiwu-14fyp.cfg)\n"
    "  weather-info FILE... [--monthly]\n"
    "                          what the weather-file readers make of each file: site,\n"
    "                          time convention, annual (monthly) sums and means\n"
    "  help [COMMAND]          this text, or a command's help\n"
    "\n"
    "exit status: 0 all ran and every target passed; 3 all ran and some target failed;\n"
    "             1 an error (bad input, I/O); 2 bad usage.\n"
    "Run `ecsim COMMAND --help` for a command's options.\n";

static const char *run_help =
    "usage: ecsim run FILE... [-o DIR] [-j N] [--set path=value]... [--plot [--lang zh|en]] [--yardstick]\n"
    "\n"
    "Simulates each scenario file hour by hour over its planning period and writes\n"
    "DIR/<scenario>/: annual.dat, annual.csv, hourly-<year>.dat (years of\n"
    "output.hourly_years), targets.dat, targets.csv, summary.md and run.cfg.\n"
    "A scenario's directory appears only when all its files were written.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  --set path=value   override a setting after inheritance, e.g. --set storage.duration_h=4\n"
    "                     or --set 'wind.capacity_mw=((2020,\"40万千瓦\"),(2025,\"320万千瓦\"))'\n"
    "  -j, --jobs N       run N scenarios at a time (threads; results are identical\n"
    "                     to a sequential run; default 1)\n"
    "  --plot             also draw the charts (DIR/<scenario>/charts/, PNG and SVG)\n"
    "                     and write DIR/<scenario>/report.html (needs gnuplot)\n"
    "  --lang zh|en       language of charts and report (default zh: plan units)\n"
    "  --yardstick        also dispatch each rule-based scenario optimally for the same\n"
    "                     years and weather (= --set dispatch.yardstick=true): writes\n"
    "                     annual-optimal.dat/.csv; summary.md and report.html state the\n"
    "                     gap (rules against the optimum; docs/optimal-dispatch.md)\n"
    "  -q, --quiet        print nothing but errors\n"
    "  -h, --help         this text\n"
    "\n"
    "A scenario that cannot be read or run is reported and the others still run.\n"
    "With --plot, a missing gnuplot is reported (exit status 1) and the data files stay.\n"
    "Exit status: 0 all ran and every target passed; 3 all ran and some target\n"
    "failed; 1 a scenario could not be read or run; 2 bad usage.\n";

static const char *compare_help =
    "usage: ecsim compare FILE... -o DIR [--year Y] [-j N] [--set path=value]... [--plot]\n"
    "\n"
    "Runs every scenario (outputs in DIR/<scenario>/) and compares them side by side:\n"
    "  DIR/comparison.dat, .csv        one row per scenario: every annual metric of\n"
    "                                  the year and every target verdict\n"
    "  DIR/comparison-delta.dat, .csv  the same as differences against the first scenario\n"
    "  DIR/summary.md                  key figures, differences and target verdicts\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output directory (required)\n"
    "  --year Y           the year compared (default: each scenario's last year)\n"
    "  -j, --jobs N       run N scenarios at a time\n"
    "  --plot [--lang zh|en]  charts of each scenario and comparison charts in DIR/charts/\n"
    "  -q, --quiet        print nothing but errors\n"
    "  --runs N           weather ensembles of the variants instead (`ecsim compare --runs 1 --help`)\n"
    "  --weather-years    the same on the years of the variants' weather files\n"
    "\n"
    "Exit status as for run: 0 all ran and passed, 3 some target failed, 1 an error, 2 usage.\n";

static const char *plot_help =
    "usage: ecsim plot DIR... [--lang zh|en] [--threshold P] [--plots DIR]\n"
    "\n"
    "Draws the charts of finished work again, from the files in DIR only\n"
    "(docs/charts.md), as PNG and SVG in DIR/charts/. What DIR holds says what is drawn:\n"
    "  a run's folder OUT/<scenario> (annual.dat)   the standard charts, DIR/report.html\n"
    "  an ensemble's scenario folder (ensemble.dat, probabilities.dat, members.dat)\n"
    "                     the fan charts, probability dashboard, histogram and\n"
    "                     DIR/ensemble_report.html, as `ensemble --plot` draws them\n"
    "  the output folder of `ecsim ensemble` or of its `ecsim merge`\n"
    "                     the same for each scenario folder in it\n"
    "  the folder of `compare --runs` or its merge (comparison_ensemble.dat)\n"
    "                     each scenario's, and DIR/charts/ens-cmp: P(met) of every\n"
    "                     target by scenario, Newcombe 95 % intervals as error bars\n"
    "  the folder of `ecsim elcc` (elcc.dat)        DIR/charts/elcc\n"
    "Any other folder: a message and exit status 1, nothing written.\n"
    "\n"
    "options:\n"
    "  --lang zh|en       Chinese with the plan's units (default) or English with SI units\n"
    "  --threshold P      ensembles: the probability a target should reach, 0 < P <= 1\n"
    "                     (default 0.9), the dashboard's line and colours\n"
    "  --plots DIR        the gnuplot scripts (default: $ECSIM_PLOTS, ./plots, or next\n"
    "                     to the program)\n"
    "\n"
    "Exit status: 0 all drawn; 1 not a folder of these kinds, a malformed file, gnuplot\n"
    "missing or a chart failed (a report is still written); 2 bad usage.\n";

static const char *sweep_help =
    "usage: ecsim sweep FILE --vary path=v1,v2,... [--vary ...] -o DIR [--metric M]\n"
    "                  [--year Y] [-j N] [--set path=value]... [--plot] [--shard K/N]\n"
    "\n"
    "Sensitivity grid: runs FILE once for every combination of the --vary values\n"
    "(the last --vary changes fastest), each point as DIR/<scenario>-pNNN/, then writes\n"
    "  DIR/sweep.dat         one row per point: the varied values, their indices,\n"
    "                        every annual metric of the year and every target verdict\n"
    "  DIR/comparison.*, DIR/summary.md   as for compare, with the varied values\n"
    "Values are libconfig values or quantity strings; a value may be a schedule:\n"
    "  --vary 'storage.power_mw=0,200,400,800' --vary storage.duration_h=2,4\n"
    "  --vary 'export.capacity_mw=((2020,800.0),(2023,4000.0)),((2020,800.0),(2024,4000.0))'\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output directory (required)\n"
    "  --metric M         the annual column charted with --plot (default re_utilisation)\n"
    "  --year Y           the year tabulated (default: the scenario's last year)\n"
    "  --set path=value   override a setting at every point (repeatable)\n"
    "  -j, --jobs N       run N points at a time\n"
    "  --plot             charts of every point and of the sweep\n"
    "  --shard K/N        run only the K-th of N slices of the points (points\n"
    "                     (K-1)P/N+1 .. KP/N of P; N <= P) and write a partial result:\n"
    "                     their folders, points.bin and shard.txt; `ecsim merge` combines\n"
    "                     the N shards into the files above, byte for byte (not with --plot)\n"
    "\n"
    "Exit status as for run (3 when some point misses a target).\n";

static const char *check_help =
    "usage: ecsim check FILE... [--set path=value]... [--provenance]\n"
    "\n"
    "Validates scenario files: syntax, unknown settings (with the nearest valid\n"
    "name), types, ranges and consistency. Every error names file, line and\n"
    "setting. Writes nothing. Exit status 0 if all are valid, 1 otherwise.\n"
    "\n"
    "  --provenance   also list every value that the files (and the files they\n"
    "                 inherit) write without a provenance comment (# plan:,\n"
    "                 # source: or # assumption:; docs/sources.md), and fail if any\n";

static const char *sensitivity_help =
    "usage: ecsim sensitivity FILE -o DIR [--delta D] [-j N] [--set path=value]...\n"
    "\n"
    "Which assumptions decide each target verdict. Every numeric value of FILE\n"
    "marked # assumption: (schedules and monthly values scaled as a whole) is run\n"
    "at x(1-D) and x(1+D), one at a time, clamped to its range. Writes the\n"
    "scenario's result folder DIR/<scenario>/ as `ecsim run` does, with the\n"
    "section \"Which assumptions decide each verdict\" in its summary.md, and in\n"
    "it sensitivity.dat and .csv (per setting and target: base, low and high\n"
    "margin, their difference, verdict flips, file:line, comment) and\n"
    "sensitivity.md (per target the 5 assumptions that move its margin most).\n"
    "`ecsim plot DIR/<scenario>` shows the table in report.html. The folder is\n"
    "complete or absent; the same bytes for any -j.\n"
    "\n"
    "  -o, --output DIR   where the result folder goes (required)\n"
    "  --delta D          relative change, 0 < D < 1 (default 0.2)\n"
    "  -j, --jobs N       run N scenarios at a time\n"
    "  --set path=value   override a setting first (repeatable)\n"
    "\n"
    "Exit status: 0 written; 1 an error (bad input: no targets, no assumption;\n"
    "I/O); 2 bad usage; 130/143 interrupted (nothing written).\n";

static const char *reference_help =
    "usage: ecsim reference\n"
    "\n"
    "Prints the reference configuration: every setting with its unit, range,\n"
    "default and meaning, as a valid scenario file of defaults.\n";

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "ecsim %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'ecsim %s --help'.\n", cmd);
    return EXIT_USAGE;
}

static int is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

static int parse_lang(const char *cmd, const char *arg, const char **lang);
static int parse_jobs(const char *cmd, const char *arg, int *jobs);

/* Loads one scenario with overrides, printing its diagnostics; returns NULL
 * on error, with *usage set when an override itself was malformed. */
static Scenario *load_scenario(const char *path, const char *const *sets, int nsets, int *usage)
{
    Scenario *s = malloc(sizeof *s);
    Diag *d = malloc(sizeof *d);
    if (!s || !d) {
        free(s);
        free(d);
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
    }
    diag_init(d);
    Status st = config_load_with(path, sets, nsets, s, d);
    diag_print(d, stderr);
    free(d);
    if (st != ST_OK) {
        if (st == ST_USAGE && usage) *usage = 1;
        free(s);
        return NULL;
    }
    return s;
}

/* Options shared by run, compare, sweep and check. */
typedef struct {
    const char *out_dir, *lang, *metric;
    int jobs, quiet, year, plot;
    int nfiles, nsets, nvary;
    char **files;
    const char **sets;
    char **vary;
} Opts;

enum { ALLOW_OUT = 1, ALLOW_YEAR = 2, ALLOW_VARY = 4, ALLOW_RUN = 8 };

static void opts_free(Opts *o)
{
    free(o->files);
    free(o->sets);
    free(o->vary);
}

/* Parses argv into o; returns -1 to go on, or the exit status (0 after help). */
static int parse_opts(const char *cmd, const char *help, int argc, char **argv, int allow, Opts *o)
{
    memset(o, 0, sizeof *o);
    o->jobs = 1;
    o->lang = "zh";
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->sets = calloc((size_t)argc + 1, sizeof *o->sets);
    o->vary = calloc((size_t)argc + 1, sizeof *o->vary);
    if (!o->files || !o->sets || !o->vary) { fprintf(stderr, "ecsim: out of memory\n"); return EXIT_ERROR; }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int has_arg = i + 1 < argc;
        if (is_help(a)) { fputs(help, stdout); return 0; }
        if ((allow & ALLOW_OUT) && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (!has_arg || !argv[i + 1][0]) return usage_error(cmd, "%s needs a directory", a);
            o->out_dir = argv[++i];
        } else if ((allow & ALLOW_RUN) && (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0)) {
            if (!has_arg) return usage_error(cmd, "%s needs a number", a);
            if (parse_jobs(cmd, argv[++i], &o->jobs)) return EXIT_USAGE;
        } else if (strcmp(a, "--set") == 0) {
            if (!has_arg || !strchr(argv[i + 1], '='))
                return usage_error(cmd, "%s", "--set needs group.setting=value");
            o->sets[o->nsets++] = argv[++i];
        } else if ((allow & ALLOW_VARY) && strcmp(a, "--vary") == 0) {
            if (!has_arg || !strchr(argv[i + 1], '='))
                return usage_error(cmd, "%s", "--vary needs group.setting=v1,v2,...");
            o->vary[o->nvary++] = argv[++i];
        } else if ((allow & ALLOW_VARY) && strcmp(a, "--metric") == 0) {
            if (!has_arg) return usage_error(cmd, "%s", "--metric needs an annual column name");
            o->metric = argv[++i];
        } else if ((allow & ALLOW_YEAR) && strcmp(a, "--year") == 0) {
            char *end;
            if (!has_arg || (o->year = (int)strtol(argv[i + 1], &end, 10), *end != '\0')
                || o->year < 1900 || o->year > 2200)
                return usage_error(cmd, "%s", "--year needs a year (1900..2200)");
            i++;
        } else if ((allow & ALLOW_RUN) && strcmp(a, "--plot") == 0) {
            o->plot = 1;
        } else if ((allow & ALLOW_RUN) && strcmp(a, "--lang") == 0) {
            if (!has_arg) return usage_error(cmd, "%s", "--lang needs zh or en");
            if (parse_lang(cmd, argv[++i], &o->lang)) return EXIT_USAGE;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            return usage_error(cmd, "unknown option '%s'", a);
        } else {
            o->files[o->nfiles++] = argv[i];
        }
    }
    if (o->nfiles == 0) return usage_error(cmd, "%s", "no scenario file given");
    return -1;
}

/* The values of s in effect that no provenance comment covers, one
 * "file:line: setting: ..." line each on stderr; how many. */
static int unsourced(const Scenario *s)
{
    const ProvenanceList *l = &s->provenance;
    int n = 0;
    for (int i = 0; i < l->n; i++) {
        if (l->p[i].shadowed || l->p[i].basis != PROV_NONE) continue;
        fprintf(stderr, "%s:%d: %s: no provenance comment (plan:, source: or assumption:)\n",
                provenance_file(l, i), l->p[i].line, provenance_path(l, i));
        n++;
    }
    if (l->dropped) {
        fprintf(stderr, "%s: %d values not in the provenance register (it is full)\n", s->source_file,
                l->dropped);
        n += l->dropped;
    }
    return n;
}

static int cmd_check(int argc, char **argv)
{
    Opts o;
    int prov = 0, k = 0;
    for (int i = 0; i < argc; i++) {   /* --provenance is check's own option */
        if (strcmp(argv[i], "--provenance") == 0) prov = 1;
        else argv[k++] = argv[i];
    }
    int rc = parse_opts("check", check_help, k, argv, 0, &o);
    if (rc >= 0) { opts_free(&o); return rc; }
    int bad = 0, usage = 0;
    for (int i = 0; i < o.nfiles; i++) {
        Scenario *s = load_scenario(o.files[i], o.sets, o.nsets, &usage);
        if (!s) { bad++; continue; }
        if (s->weather.source == WEATHER_FILE) {   /* the files read as a run reads them */
            Diag *d = malloc(sizeof *d);
            Status wst = d ? (diag_init(d), sim_check_weather(s, d)) : ST_NOMEM;
            if (d) diag_print(d, stderr);
            else fprintf(stderr, "%s: out of memory\n", o.files[i]);
            free(d);
            if (wst != ST_OK) { bad++; free(s); continue; }
        }
        int missing = prov ? unsourced(s) : 0;
        bad += missing > 0;
        if (!o.quiet && prov) {
            int by[4] = { 0 };
            for (int j = 0; j < s->provenance.n; j++)
                if (!s->provenance.p[j].shadowed) by[s->provenance.p[j].basis]++;
            printf("%s: %s (scenario %s, %d-%d; values: %d plan, %d source, %d assumption, %d none)\n",
                   o.files[i], missing ? "values without provenance" : "ok", s->name, s->first_year,
                   s->last_year, by[PROV_PLAN], by[PROV_SOURCE], by[PROV_ASSUMPTION], by[PROV_NONE]);
        } else if (!o.quiet) {
            printf("%s: ok (scenario %s, %d-%d)\n", o.files[i], s->name, s->first_year, s->last_year);
        }
        free(s);
    }
    opts_free(&o);
    return usage ? EXIT_USAGE : bad ? EXIT_ERROR : 0;
}

static void print_run_line(const JobResult *r)
{
    const RunResults *res = r->res;
    const AnnualRow *last = &res->rows[res->n_years - 1];
    printf("%s: %d years -> %s\n", r->scn->name, res->n_years, r->final_dir);
    char figures[512];
    printf("  %d: %s\n", (int)last->year, present_console_line(figures, sizeof figures, last));
    if (res->weather_note[0]) printf("  weather: %s\n", res->weather_note);
    if (res->n_targets) {
        printf("  targets: %d of %d checks passed\n", res->n_targets - res->n_failed, res->n_targets);
        for (int i = 0; i < res->n_targets; i++) {
            const TargetResult *t = &res->targets[i];
            if (!t->pass)
                printf("    FAIL %s %d: value %.6g, margin %.6g\n", t->id, t->year, t->value, t->margin);
        }
    }
}

/* Charts and report.html of one output directory; messages printed. The
 * report is written even when the charts are not (it names what is missing). */
static int plot_dir(const char *dir, const char *plots, const char *lang, int quiet)
{
    Diag *d = malloc(sizeof *d);
    if (!d) { fprintf(stderr, "ecsim: out of memory\n"); return EXIT_ERROR; }
    diag_init(d);
    /* not the folder of a run: one message, not one per reader */
    Status st = results_check_dir(dir, d), rs = st;
    if (st == ST_OK) {
        st = plot_scenario(dir, plots, lang, d);
        rs = report_write(dir, lang, d);
    }
    diag_print(d, stderr);
    free(d);
    if (!quiet && rs == ST_OK)
        printf("  %s: %s/report.html\n", st == ST_OK ? "charts and report" : "report (charts missing)", dir);
    return st != ST_OK || rs != ST_OK;
}

static int parse_lang(const char *cmd, const char *arg, const char **lang)
{
    if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
        return usage_error(cmd, "--lang is zh or en, not '%s'", arg);
    *lang = arg;
    return 0;
}

static int parse_jobs(const char *cmd, const char *arg, int *jobs)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || v < 1 || v > 256)
        return usage_error(cmd, "-j needs a number of jobs from 1 to 256, not '%s'", arg);
    *jobs = (int)v;
    return 0;
}

/* ---- messages while the library runs a job list -------------------------- */

enum { MODE_RUN, MODE_COMPARE, MODE_SWEEP };

typedef struct {
    const Opts *o;
    int mode;
    const SweepGrid *grid;         /* sweep only */
    int shard;                     /* sweep --shard: a partial result */
    int plot_errors, done;
    int progress;                  /* a progress line on a terminal */
    char **verdicts;               /* compare: one line per scenario, printed at the end */
    int n_verdicts;
} Report;

static void on_loaded(void *ctx, const char *path, const Diag *d, const Scenario *s, const char *dup_of)
{
    (void)ctx;
    diag_print(d, stderr);
    if (dup_of)
        fprintf(stderr, "%s: scenario name '%s' is also the name of %s: results would "
                        "overwrite each other (set scenario.name)\n", path, s->name, dup_of);
}

static void job_messages(Report *rp, const JobResult *r)
{
    const Opts *o = rp->o;
    if (r->status == ST_INTERRUPTED) return;   /* summed up once at the end */
    diag_print(r->diag, stderr);
    if (!r->scn && rp->grid) {
        fprintf(stderr, "  (sweep point %d:", r->job->point + 1);
        for (int k = 0; k < rp->grid->n; k++) {   /* as typed: control bytes shown as '?' */
            char name[160], value[512];
            fprintf(stderr, " %s=%s", utf8_shown(name, sizeof name, rp->grid->names[k], SIZE_MAX, 140),
                    utf8_shown(value, sizeof value, rp->grid->values[k][sweep_index(rp->grid, r->job->point, k)],
                               SIZE_MAX, 480));
        }
        fputs(")\n", stderr);
        return;
    }
    if (r->status != ST_OK) {
        char shown[512];   /* the path as given may hold a newline or an escape */
        fprintf(stderr, "%s: not run: %s; nothing written\n",
                utf8_shown(shown, sizeof shown, r->job->origin, SIZE_MAX, 400), status_message(r->status));
        return;
    }
    if (!o->quiet && rp->mode == MODE_RUN) print_run_line(r);
    if (o->plot && plot_dir(r->final_dir, NULL, o->lang, o->quiet || rp->mode == MODE_SWEEP)) rp->plot_errors++;
    if (rp->mode == MODE_COMPARE && !o->quiet) {
        char **v = realloc(rp->verdicts, sizeof *v * (size_t)(rp->n_verdicts + 1));
        if (!v) return;
        rp->verdicts = v;
        char line[160];
        snprintf(line, sizeof line, "  %-28s targets %d of %d checks passed", r->scn->name,
                 r->res->n_targets - r->res->n_failed, r->res->n_targets);
        if ((v[rp->n_verdicts] = strdup(line))) rp->n_verdicts++;
    }
}

static void on_finished(void *ctx, const JobResult *r)
{
    Report *rp = ctx;
    rp->done++;
    if (rp->progress) fputs("\r\033[K", stderr);   /* messages replace the progress line */
    job_messages(rp, r);
    if (rp->progress) {
        fprintf(stderr, "[%d/%d] %-40.40s", rp->done, r->n_jobs, r->scn ? r->scn->name : "");
        fflush(stderr);
    }
}

/* Exit status and closing messages of a finished run, compare or sweep. */
static int conclude(Report *rp, Status st, const BatchOutcome *out, int nfiles, Diag *d)
{
    const Opts *o = rp->o;
    if (rp->progress && rp->done) fputs("\r\033[K", stderr);
    int errors = out->load_errors + out->not_run + rp->plot_errors;
    /* st's messages are in d and its jobs are counted in out; it matters
     * here only when a signal stopped the run */
    int made = out->jobs - out->not_made;
    if (rp->mode != MODE_RUN && made > 0) {
        if (out->compare == ST_OK && o->plot) {
            Status ps = rp->mode == MODE_COMPARE
                ? plot_comparison(o->out_dir, NULL, o->lang, d)
                : plot_sweep(o->out_dir, o->metric ? o->metric : "re_utilisation", NULL, o->lang, d);
            if (ps != ST_OK) errors++;
            else if (!o->quiet) printf("charts: %s/charts/\n", o->out_dir);
        }
        diag_print(d, stderr);
        if (out->compare != ST_OK) errors++;
        else if (!o->quiet) {
            if (rp->mode == MODE_COMPARE) {
                printf("comparison of %d scenarios -> %s/\n", made, o->out_dir);
                for (int k = 0; k < rp->n_verdicts; k++) puts(rp->verdicts[k]);
                printf("  %s/summary.md, comparison.dat, comparison.csv, comparison-delta.*\n", o->out_dir);
            } else if (rp->shard) {
                printf("sweep shard of %d points -> %s/ (points.bin, shard.txt; ecsim merge)\n", made, o->out_dir);
            } else {
                printf("sweep of %d points -> %s/sweep.dat, comparison.*, summary.md\n", made, o->out_dir);
            }
        }
    } else {
        diag_print(d, stderr);
    }
    if (nfiles > 1 && !o->quiet && rp->mode == MODE_RUN)
        printf("batch: %d scenarios, %d ran, %d failed to run, %d with failed targets\n", nfiles,
               nfiles - errors, errors, out->failed_targets);
    for (int k = 0; k < rp->n_verdicts; k++) free(rp->verdicts[k]);
    free(rp->verdicts);
    if (st == ST_INTERRUPTED && stop_signal) {
        fprintf(stderr, "ecsim: stopped by %s: %d of %d scenarios finished and kept in %s/; "
                "the others and any comparison were not written\n",
                stop_signal == SIGINT ? "SIGINT" : "SIGTERM", out->ran, out->jobs, o->out_dir);
        return 128 + stop_signal;
    }
    if (out->usage) return EXIT_USAGE;
    if (errors) return status_exit_code(out->first_error != ST_OK ? out->first_error : ST_IO);
    return out->failed_targets ? EXIT_TARGETS : 0;
}

static int run_files(const char *cmd, int argc, char **argv, int compare)
{
    Opts o;
    int rc = parse_opts(cmd, compare ? compare_help : run_help, argc, argv,
                        ALLOW_OUT | ALLOW_RUN | (compare ? ALLOW_YEAR : 0), &o);
    if (rc >= 0) { opts_free(&o); return rc; }
    if (!o.out_dir) {
        if (compare) { opts_free(&o); return usage_error(cmd, "%s", "-o DIR is required"); }
        o.out_dir = "out";
    }
    Diag *d = malloc(sizeof *d);
    if (!d) { fprintf(stderr, "ecsim: out of memory\n"); opts_free(&o); return EXIT_ERROR; }
    diag_init(d);
    Report rp = { .o = &o, .mode = compare ? MODE_COMPARE : MODE_RUN,
                  .progress = !o.quiet && o.nfiles > 1 && isatty(STDERR_FILENO) };
    BatchReport rep = { &rp, on_loaded, on_finished };
    BatchOptions bo = { o.out_dir, o.jobs, o.sets, o.nsets, compare, o.year, &stop_signal };
    catch_stop_signals();
    BatchOutcome out;
    Status st = batch_files((const char *const *)o.files, o.nfiles, &bo, &rep, &out, d);
    rc = conclude(&rp, st, &out, o.nfiles, d);
    free(d);
    opts_free(&o);
    return rc;
}

static int cmd_sweep(int argc, char **argv)
{
    Opts o;
    int shard_k = 0, shard_n = 0, kept = 0;
    for (int i = 0; i < argc; i++) {   /* --shard K/N is sweep's own option */
        if (strcmp(argv[i], "--shard") != 0) { argv[kept++] = argv[i]; continue; }
        char tail;
        if (i + 1 >= argc || sscanf(argv[i + 1], "%d/%d%c", &shard_k, &shard_n, &tail) != 2 || shard_n < 1
            || shard_n > SWEEP_MAX_POINTS || shard_k < 1 || shard_k > shard_n)
            return usage_error("sweep", "%s", "--shard needs K/N with 1 <= K <= N, e.g. 2/3");
        i++;
    }
    argc = kept;
    int rc = parse_opts("sweep", sweep_help, argc, argv, ALLOW_OUT | ALLOW_RUN | ALLOW_YEAR | ALLOW_VARY, &o);
    if (rc >= 0) { opts_free(&o); return rc; }
    if (shard_n && o.plot) { opts_free(&o); return usage_error("sweep", "%s", "--plot draws the whole sweep, not a shard"); }
    if (o.nfiles != 1) { opts_free(&o); return usage_error("sweep", "%s", "give exactly one scenario file"); }
    if (!o.out_dir) { opts_free(&o); return usage_error("sweep", "%s", "-o DIR is required"); }
    if (o.nvary == 0) { opts_free(&o); return usage_error("sweep", "%s", "at least one --vary path=v1,v2,... is needed"); }
    if (o.metric && !metrics_find(o.metric)) {
        const char *near = metrics_suggest(o.metric);
        fprintf(stderr, "ecsim sweep: --metric: unknown annual column '%s'%s%s%s\n", o.metric,
                near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        opts_free(&o);
        return EXIT_USAGE;
    }
    for (int k = 1; k < o.nvary; k++)   /* a setting varied twice: the first --vary would be lost */
        for (int j = 0; j < k; j++) {
            size_t n = strcspn(o.vary[k], "=");
            if (n == strcspn(o.vary[j], "=") && strncmp(o.vary[j], o.vary[k], n) == 0) {
                rc = usage_error("sweep", "--vary %s: this setting is already varied", o.vary[k]);
                opts_free(&o);
                return rc;
            }
        }
    SweepGrid g;
    int bad;
    Status gs = sweep_grid_parse(&g, (const char *const *)o.vary, o.nvary, &bad);
    Diag *d = gs == ST_OK ? malloc(sizeof *d) : NULL;
    if (gs == ST_USAGE && bad >= 0)
        rc = usage_error("sweep", "--vary %s: needs path=v1,v2,... (values separated by commas)", o.vary[bad]);
    else if (gs == ST_USAGE)
        rc = usage_error("sweep", "the grid has more than %s points", "10000");
    else if (shard_n > g.points)
        rc = usage_error("sweep", "--shard K/N needs N at most the grid's %s", "points");
    else if (gs != ST_OK || !d) {
        fprintf(stderr, "ecsim: out of memory\n");
        rc = EXIT_ERROR;
    } else {
        diag_init(d);
        Report rp = { .o = &o, .mode = MODE_SWEEP, .grid = &g,
                      .progress = !o.quiet && g.points > 1 && isatty(STDERR_FILENO) };
        BatchReport rep = { &rp, on_loaded, on_finished };
        SweepOptions so = { o.files[0], o.sets, o.nsets, o.out_dir, o.jobs, o.year, &stop_signal,
                            (const char *const *)o.vary, shard_k, shard_n };
        rp.shard = shard_n > 0;
        catch_stop_signals();
        BatchOutcome out;
        Status st = sweep_run(&g, &so, &rep, &out, d);
        rc = conclude(&rp, st, &out, 1, d);
    }
    free(d);
    sweep_grid_free(&g);
    opts_free(&o);
    return rc;
}

static int cmd_sensitivity(int argc, char **argv)
{
    Opts o;
    double delta = 0.2;
    int k = 0;
    for (int i = 0; i < argc; i++) {   /* --delta is this command's own option */
        if (strcmp(argv[i], "--delta") == 0) {
            char *end = NULL;
            if (i + 1 < argc) delta = strtod(argv[i + 1], &end);
            if (i + 1 >= argc || end == argv[i + 1] || *end != '\0' || !(delta > 0 && delta < 1))
                return usage_error("sensitivity", "%s", "--delta needs a number above 0 and below 1");
            i++;
        } else {
            argv[k++] = argv[i];
        }
    }
    int rc = parse_opts("sensitivity", sensitivity_help, k, argv, ALLOW_OUT | ALLOW_RUN, &o);
    if (rc >= 0) { opts_free(&o); return rc; }
    if (o.nfiles != 1) { opts_free(&o); return usage_error("sensitivity", "%s", "give exactly one scenario file"); }
    if (!o.out_dir) { opts_free(&o); return usage_error("sensitivity", "%s", "-o DIR is required"); }
    Diag *d = malloc(sizeof *d);
    if (!d) { fprintf(stderr, "ecsim: out of memory\n"); opts_free(&o); return 1; }
    diag_init(d);
    SensOptions so = { o.files[0], o.sets, o.nsets, o.out_dir, delta, o.jobs, &stop_signal };
    SensOutcome out;
    catch_stop_signals();
    Status st = sensitivity_run(&so, &out, d);
    diag_print(d, stderr);
    if (st == ST_OK && !o.quiet)
        printf("%s: %d assumptions x 2 runs (%d did not run), %d verdict flips -> %s/sensitivity.md\n",
               o.files[0], out.settings, out.failed, out.flips, out.folder);
    free(d);
    opts_free(&o);
    if (st == ST_INTERRUPTED) return 128 + (stop_signal ? stop_signal : SIGINT);
    return st == ST_OK ? 0 : st == ST_USAGE ? EXIT_USAGE : 1;
}

/* --yardstick is --set dispatch.yardstick=true (run only). */
static int cmd_run(int argc, char **argv)
{
    static char set[] = "--set", yard[] = "dispatch.yardstick=true";
    char **args = calloc(2 * (size_t)argc + 1, sizeof *args);
    if (!args) { fprintf(stderr, "ecsim: out of memory\n"); return EXIT_ERROR; }
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--yardstick") == 0) { args[n++] = set; args[n++] = yard; }
        else args[n++] = argv[i];
    }
    int rc = run_files("run", n, args, 0);
    free(args);
    return rc;
}
static int cmd_compare(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)   /* --runs N: the variants' weather ensembles (enscmd.h) */
        if (strcmp(argv[i], "--runs") == 0 || strstr(argv[i], "--weather-years") == argv[i]) {
            catch_stop_signals();
            return ensemble_main(argc, argv, 1, &stop_signal);
        }
    return run_files("compare", argc, argv, 1);
}

static int cmd_ensemble(int argc, char **argv)
{
    catch_stop_signals();
    return ensemble_main(argc, argv, 0, &stop_signal);
}

static int is_dir(const char *dir)
{
    struct stat sb;
    return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* `ecsim plot DIR`: what DIR holds (plot_dir_kind) says what is drawn; a
 * folder of no kind gets one message and nothing is created. */
static int plot_folder(const char *dir, const char *plots, const char *lang, double threshold)
{
    PlotDirKind kind = plot_dir_kind(dir);
    if (kind == PLOT_DIR_RUN) return plot_dir(dir, plots, lang, 0);
    Diag *d = malloc(sizeof *d);
    if (!d) { fprintf(stderr, "ecsim: out of memory\n"); return EXIT_ERROR; }
    diag_init(d);
    Status st = ST_IO;
    int n = 0;
    char **names = NULL, **subs = NULL;
    switch (kind) {
    case PLOT_DIR_ELCC:
        if ((st = plot_elcc(dir, plots, lang, d)) == ST_OK) printf("  chart: %s/charts/elcc.png\n", dir);
        break;
    case PLOT_DIR_ENSEMBLE:
        if ((st = plot_ensemble(dir, plots, lang, threshold, d)) == ST_OK)
            printf("  charts and report: %s/ensemble_report.html\n", dir);
        break;
    case PLOT_DIR_ENS_COMPARE:
        if ((st = plot_ensemble_compare(dir, plots, lang, threshold, &n, d)) == ST_OK)
            printf("  charts and reports of %d scenarios: %s/<scenario>/ensemble_report.html; comparison: "
                   "%s/charts/ens-cmp.png\n", n, dir, dir);
        break;
    case PLOT_DIR_ENS_OUT:
        n = plotens_list_scenarios(dir, &names);
        subs = n > 0 ? calloc((size_t)n, sizeof *subs) : NULL;
        st = subs ? ST_OK : ST_NOMEM;
        for (int i = 0; i < n && st == ST_OK; i++) {
            size_t len = strlen(dir) + strlen(names[i]) + 2;
            if (!(subs[i] = malloc(len))) st = ST_NOMEM;
            else snprintf(subs[i], len, "%s/%s", dir, names[i]);
        }
        if (st == ST_NOMEM) diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory or unreadable");
        else if ((st = plot_ensemble_dirs((const char *const *)subs, n, plots, lang, threshold, d)) == ST_OK)
            printf("  charts and reports of %d scenarios: %s/<scenario>/ensemble_report.html\n", n, dir);
        if (subs) plotens_free_list(subs, n);
        plotens_free_list(names, n > 0 ? n : 0);
        break;
    default: {
        char path[4096];
        int run_like = 0;
        static const char *const run_files[] = { "annual.dat", "targets.dat", "run.cfg" };
        for (int i = 0; i < 3; i++)
            if (snprintf(path, sizeof path, "%s/%s", dir, run_files[i]) < (int)sizeof path && access(path, F_OK) == 0)
                run_like = 1;
        int shard = snprintf(path, sizeof path, "%s/shard.txt", dir) < (int)sizeof path && access(path, F_OK) == 0;
        if (run_like) results_check_dir(dir, d);   /* a run's folder with a file missing: which */
        else if (shard)
            diag_error(d, ST_IO, dir, 0, NULL, "a shard (shard.txt): merge the shards first (ecsim merge DIR... -o "
                       "OUT), then plot OUT");
        else if (access(dir, F_OK) != 0) diag_error(d, ST_IO, dir, 0, NULL, "no such directory");
        else if (!is_dir(dir)) diag_error(d, ST_IO, dir, 0, NULL, "not a directory");
        else
            diag_error(d, ST_IO, dir, 0, NULL, "nothing to draw: not the folder of a run (annual.dat, targets.dat, "
                       "run.cfg), of an ensemble's scenario (ensemble.dat, probabilities.dat, members.dat), of "
                       "compare --runs (comparison_ensemble.dat) or of elcc (elcc.dat), and no ensemble scenario "
                       "folder in it");
        break;
    }
    }
    diag_print(d, stderr);
    free(d);
    return st != ST_OK;
}

static int cmd_plot(int argc, char **argv)
{
    const char *lang = "zh", *plots = NULL;
    double threshold = PLOTENS_THRESHOLD;
    int ndirs = 0, bad = 0;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) { fputs(plot_help, stdout); return 0; }
        if (strcmp(argv[i], "--lang") == 0) {
            if (++i >= argc) return usage_error("plot", "%s", "--lang needs zh or en");
            if (parse_lang("plot", argv[i], &lang)) return EXIT_USAGE;
        } else if (strcmp(argv[i], "--plots") == 0) {
            if (++i >= argc) return usage_error("plot", "%s", "--plots needs a directory");
            plots = argv[i];
        } else if (strcmp(argv[i], "--threshold") == 0) {
            char *end = NULL;
            if (++i < argc) threshold = strtod(argv[i], &end);
            if (i >= argc || end == argv[i] || *end || !(threshold > 0 && threshold <= 1))
                return usage_error("plot", "%s", "--threshold needs a probability above 0 and at most 1, e.g. 0.9");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("plot", "unknown option '%s'", argv[i]);
        }
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "--plots") == 0 || strcmp(argv[i], "--threshold") == 0) {
            i++;
            continue;
        }
        ndirs++;
        bad += plot_folder(argv[i], plots, lang, threshold);
    }
    if (ndirs == 0) return usage_error("plot", "%s", "no output directory given");
    return bad ? 1 : 0;
}

static int cmd_reference(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) { fputs(reference_help, stdout); return 0; }
        return usage_error("reference", "unexpected argument '%s'", argv[i]);
    }
    schema_write_reference(stdout);
    return ferror(stdout) ? 1 : 0;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) { fputs(main_help, stderr); return EXIT_USAGE; }
    const char *cmd = argv[1];
    int n = argc - 2;
    char **rest = argv + 2;
    if (is_help(cmd)) { fputs(main_help, stdout); return 0; }
    if (strcmp(cmd, "--version") == 0) { puts("ecsim " ECSIM_VERSION); return 0; }
    if (strcmp(cmd, "help") == 0) {
        if (n == 0) { fputs(main_help, stdout); return 0; }
        static char help_flag[] = "--help";
        char *h[] = { help_flag };
        if (strcmp(rest[0], "run") == 0) return cmd_run(1, h);
        if (strcmp(rest[0], "check") == 0) return cmd_check(1, h);
        if (strcmp(rest[0], "plot") == 0) return cmd_plot(1, h);
        if (strcmp(rest[0], "compare") == 0) return cmd_compare(1, h);
        if (strcmp(rest[0], "ensemble") == 0) return cmd_ensemble(1, h);
        if (strcmp(rest[0], "sweep") == 0) return cmd_sweep(1, h);
        if (strcmp(rest[0], "sensitivity") == 0) return cmd_sensitivity(1, h);
        if (strcmp(rest[0], "reference") == 0) return cmd_reference(1, h);
        if (strcmp(rest[0], "bench") == 0) return bench_main(1, h);
        if (strcmp(rest[0], "weather-info") == 0) return wxinfo_main(1, h);
        if (strcmp(rest[0], "fit-weather") == 0) return fitweather_main(1, h);
        if (strcmp(rest[0], "elcc") == 0) return elcc_main(1, h);
        if (strcmp(rest[0], "merge") == 0) return merge_main(1, h);
        return usage_error("help", "unknown command '%s'", rest[0]);
    }
    if (strcmp(cmd, "run") == 0) return cmd_run(n, rest);
    if (strcmp(cmd, "check") == 0) return cmd_check(n, rest);
    if (strcmp(cmd, "plot") == 0) return cmd_plot(n, rest);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(n, rest);
    if (strcmp(cmd, "ensemble") == 0) return cmd_ensemble(n, rest);
    if (strcmp(cmd, "sweep") == 0) return cmd_sweep(n, rest);
    if (strcmp(cmd, "sensitivity") == 0) return cmd_sensitivity(n, rest);
    if (strcmp(cmd, "reference") == 0) return cmd_reference(n, rest);
    if (strcmp(cmd, "bench") == 0) return bench_main(n, rest);
    if (strcmp(cmd, "weather-info") == 0) return wxinfo_main(n, rest);
    if (strcmp(cmd, "fit-weather") == 0) return fitweather_main(n, rest);
    if (strcmp(cmd, "elcc") == 0) return elcc_main(n, rest);
    if (strcmp(cmd, "merge") == 0) return merge_main(n, rest);
    fprintf(stderr, "ecsim: unknown command '%s'\n\n%s", cmd, main_help);
    return EXIT_USAGE;
}
