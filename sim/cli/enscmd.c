/* enscmd.c — argument parsing and messages of `ecsim ensemble` and
 * `ecsim compare --runs`; the work is ensemble_files (ensemble.h). */
#include "enscmd.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ensemble.h"
#include "plotens.h"
#include "status.h"
#include "utf8.h"

#define EXIT_USAGE 2

static const char *ensemble_help =
    "usage: ecsim ensemble FILE... --runs N|--weather-years [--seed S] [-j N] [--quantiles 5,95] [-o DIR]\n"
    "                      [--set path=value]... [-q] [--plot [--lang zh|en] [--threshold P]]\n"
    "                      [--shard K/N]\n"
    "\n"
    "Runs N synthetic weather members (1..N) of each scenario and writes DIR/<scenario>/:\n"
    "  members.dat, .csv         one row per member and year: every annual metric\n"
    "  ensemble.dat, .csv        per metric and year: n mean sd min p10 p50 p90 max (+ q<percent>)\n"
    "  probabilities.dat, .csv   per target check: the probability it is met, Wilson 95 % interval;\n"
    "                            all_results: every simulated-result target met in the same member\n"
    "  summary.md                the probability table, then key metrics P10/P50/P90 by year\n"
    "  with --plot: charts/ens-*.png (fan charts P10-P90 around P50, the probability\n"
    "  dashboard, a histogram) and ensemble_report.html (docs/charts.md)\n"
    "A folder is complete or absent. Same seed, same bytes, for any -j.\n"
    "Weather from files (weather.source = \"file\"): --runs N draws N synthetic members from\n"
    "the synthetic generator fitted to the scenario's files (the fit of `ecsim fit-weather`;\n"
    "weather_fit.cfg); --weather-years instead runs one member per weather year of the files.\n"
    "\n"
    "options:\n"
    "  --runs N           members per scenario (1..1000000, required but with --weather-years)\n"
    "  --weather-years    weather from files: member m replays the weather of the m-th\n"
    "                     distinct file in every simulated year (as many members as files;\n"
    "                     every scenario must take its weather from files; not with --runs)\n"
    "  --seed S           master seed of the weather (default: the scenario's scenario.seed)\n"
    "  -j, --jobs N       run N members at a time (threads)\n"
    "  --quantiles Q,...  extra quantiles in percent (0 < Q < 100), e.g. 5,95 -> q05 q95\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  --set path=value   override a setting of every file (repeatable)\n"
    "  -q, --quiet        print nothing but errors\n"
    "  --plot             draw the charts and ensemble_report.html of each scenario\n"
    "  --lang zh|en       their language (default zh)\n"
    "  --threshold P      the probability a target should reach, 0 < P <= 1 (default 0.9):\n"
    "                     bars at or above it are green\n"
    "  --plots DIR        the gnuplot scripts (default: found next to the program)\n"
    "  --shard K/N        run only the K-th of N slices of the members (members\n"
    "                     (K-1)R/N+1 .. KR/N of R = --runs; N <= R) and write a partial result:\n"
    "                     members.dat/.csv of the slice, records.bin, targets.bin,\n"
    "                     shard.txt; `ecsim merge` combines the N shards into the files\n"
    "                     above, byte for byte (not with --plot)\n"
    "\n"
    "Quantiles are type 7 (linear interpolation, as R and numpy). Progress is shown on\n"
    "stderr when it is a terminal.\n"
    "Exit status: 0 all members ran and the files were written; 1 an error (bad input, I/O);\n"
    "2 bad usage; 130/143 interrupted (nothing of an unfinished scenario is written).\n"
    "Whether the members meet their targets does not change the exit status: read\n"
    "probabilities.dat.\n";

static const char *compare_runs_help =
    "usage: ecsim compare FILE... --runs N|--weather-years -o DIR [--seed S] [-j N]\n"
    "                     [--quantiles 5,95] [--set path=value]... [--shard K/N] [-q]\n"
    "                     [--plot [--lang zh|en] [--threshold P]]\n"
    "\n"
    "Runs N weather members of every scenario on common random numbers (member m of\n"
    "every scenario has the same weather; with --weather-years, the same file year) and\n"
    "compares each with the first one:\n"
    "  DIR/<scenario>/               as `ecsim ensemble` writes it\n"
    "  DIR/comparison_ensemble.dat, .csv   per scenario, target check and annual metric:\n"
    "                                P(met) or P50, the reference's, and the paired\n"
    "                                difference (targets: with Newcombe's 95 % interval;\n"
    "                                metrics: mean, P10, P50, P90 across members)\n"
    "  DIR/summary.md                the targets whose probability changes first, the\n"
    "                                unchanged ones in a line per scenario, key metrics\n"
    "  with --plot: each scenario's ensemble charts and DIR/charts/ens-cmp.png (P(met) of\n"
    "  every target by scenario, the Newcombe interval as error bars)\n"
    "\n"
    "Options and exit status as for `ecsim ensemble` (-o DIR is required). With\n"
    "--shard K/N every scenario runs members (K-1)R/N+1 .. KR/N (member m has the same\n"
    "weather in every scenario and shard); DIR/<scenario>/ are ensemble shards and\n"
    "DIR/shard.txt records the scenarios' order; `ecsim merge` writes the files above.\n";

static const char *merge_help =
    "usage: ecsim merge DIR... -o DIR [-q]\n"
    "\n"
    "Combines the shards of one `ecsim ensemble`, `ecsim compare --runs` or `ecsim sweep`\n"
    "run made with --shard K/N: each DIR is the output directory of one shard (K = 1..N,\n"
    "every K exactly once, in any order; a shell glob such as part-* will do). The kind\n"
    "comes from the manifests (DIR/shard.txt of compare and sweep, DIR/<scenario>/shard.txt\n"
    "of an ensemble); shards of different commands are refused. Writes -o DIR exactly as\n"
    "the single run writes it, byte for byte:\n"
    "  ensemble   DIR/<scenario>/ (members.*, ensemble.*, probabilities.*, summary.md)\n"
    "  compare    the same for every scenario, comparison_ensemble.dat/.csv, summary.md\n"
    "  sweep      the point folders, sweep.dat/.csv, comparison.*, summary.md\n"
    "The shards must agree on scenario(s), runs or points, N, seed, quantiles, the --vary\n"
    "lists and --year, settings (SHA-256 of the scenario file and the --set overrides)\n"
    "and come from the same build; otherwise nothing is written.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output directory (required)\n"
    "  -q, --quiet        print nothing but errors\n"
    "\n"
    "Exit status: 0 merged; 1 a shard is missing, given twice, does not fit the others\n"
    "or cannot be read; 2 bad usage.\n";

static int usage(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "ecsim %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'ecsim %s --help'.\n", cmd);
    return EXIT_USAGE;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* "5,95" -> q[]; -1 if malformed, out of (0, 100) or too many. */
static int parse_quantiles(const char *s, double *q, int *n)
{
    *n = 0;
    while (*s) {
        char *end;
        double v = strtod(s, &end);
        if (end == s || !(v > 0 && v < 100) || *n == ENS_QUANTILES_MAX) return -1;
        q[(*n)++] = v;
        if (*end == ',') end++;
        else if (*end) return -1;
        s = end;
    }
    return *n ? 0 : -1;
}

typedef struct {
    int quiet, progress, compare;
    int plot;                      /* --plot: charts of each finished folder */
    int shard;                     /* --shard: the folders are partial results */
    int weather_years;             /* --weather-years */
    const char *lang, *plots;
    double threshold;
    Status plot_status;            /* the first chart failure */
} Msg;

static void on_loaded(void *ctx, const char *path, const Diag *d, const Scenario *s, int members)
{
    const Msg *m = ctx;
    diag_print(d, stderr);
    if (s && s->weather.source == WEATHER_FILE && !m->quiet) {
        char shown[512];
        utf8_shown(shown, sizeof shown, path, SIZE_MAX, 400);
        if (m->weather_years)
            fprintf(stderr, "%s: note: weather from files: %d member%s, one per weather year of the files\n", shown,
                    members, members == 1 ? "" : "s");
        else
            fprintf(stderr, "%s: note: weather from files: %d synthetic members of the weather fitted to the files "
                            "(weather_fit.cfg; --weather-years runs the files' years instead)\n", shown, members);
    }
}

static void on_finished(void *ctx, const JobResult *r, int done, int total)
{
    const Msg *m = ctx;
    if (m->progress) fputs("\r\033[K", stderr);
    if (r->status != ST_OK && r->status != ST_INTERRUPTED) {
        diag_print(r->diag, stderr);
        char shown[512];
        fprintf(stderr, "%s: member %lu not run: %s; the scenario's folder is not written\n",
                utf8_shown(shown, sizeof shown, r->job->origin, SIZE_MAX, 400), r->job->member,
                status_message(r->status));
    }
    if (m->progress) {
        fprintf(stderr, "[%d/%d] %-30.30s member %lu", done, total, r->scn ? r->scn->name : "", r->job->member);
        if (done == total) fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

static void on_written(void *ctx, const Scenario *s, const char *dir)
{
    Msg *m = ctx;
    if (!m->quiet) printf("ensemble %s%s -> %s/\n", s->name, m->shard ? " (shard)" : "", dir);
    if (!m->plot) return;
    /* charts of the ensemble are drawn from the files in dir, as `plot` does */
    Diag *d = malloc(sizeof *d);
    if (!d) { if (m->plot_status == ST_OK) m->plot_status = ST_NOMEM; return; }
    diag_init(d);
    Status st = plot_ensemble(dir, m->plots, m->lang, m->threshold, d);
    diag_print(d, stderr);
    free(d);
    if (st == ST_OK) {
        if (!m->quiet) printf("  charts and report: %s/ensemble_report.html\n", dir);
    } else if (m->plot_status == ST_OK) {
        m->plot_status = st;
    }
}

int ensemble_main(int argc, char **argv, int compare, const volatile sig_atomic_t *stop)
{
    const char *cmd = compare ? "compare" : "ensemble";
    const char *out_dir = NULL;
    long runs = 0, seed = -1, jobs = 1, shard_k = 0, shard_n = 0;
    double q[ENS_QUANTILES_MAX];
    int nq = 0, quiet = 0, nfiles = 0, nsets = 0, plot = 0, weather_years = 0;
    const char *lang = "zh", *plots = NULL;
    double threshold = PLOTENS_THRESHOLD;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    const char **sets = calloc((size_t)argc + 2, sizeof *sets);
    char seedset[64];
    int rc = -1;
    if (!files || !sets) {
        fprintf(stderr, "ecsim: out of memory\n");
        rc = 1;
    }
    for (int i = 0; rc < 0 && i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(compare ? compare_runs_help : ensemble_help, stdout);
            rc = 0;
        } else if (strcmp(a, "--runs") == 0) {
            if (!v || parse_long(v, 1, 1000000, &runs)) rc = usage(cmd, "%s", "--runs needs a number of members from 1 to 1000000");
            i++;
        } else if (strcmp(a, "--weather-years") == 0) {
            weather_years = 1;
        } else if (strcmp(a, "--seed") == 0) {
            if (!v || parse_long(v, 0, 4294967295L, &seed)) rc = usage(cmd, "%s", "--seed needs a whole number from 0 to 4294967295");
            i++;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            if (!v || parse_long(v, 1, 256, &jobs)) rc = usage(cmd, "%s", "-j needs a number of jobs from 1 to 256");
            i++;
        } else if (strcmp(a, "--quantiles") == 0) {
            if (!v || parse_quantiles(v, q, &nq))
                rc = usage(cmd, "%s", "--quantiles needs percentages above 0 and below 100, e.g. 5,95 (at most 16)");
            i++;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!v || !*v) rc = usage(cmd, "%s needs a directory", a);
            out_dir = v;
            i++;
        } else if (strcmp(a, "--set") == 0) {
            if (!v || !strchr(v, '=')) rc = usage(cmd, "%s", "--set needs group.setting=value");
            else sets[nsets++] = v;
            i++;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--plot") == 0) {
            plot = 1;
        } else if (strcmp(a, "--lang") == 0) {
            if (!v || (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)) rc = usage(cmd, "%s", "--lang needs zh or en");
            else lang = v;
            i++;
        } else if (strcmp(a, "--plots") == 0) {
            if (!v || !*v) rc = usage(cmd, "%s needs a directory", a);
            plots = v;
            i++;
        } else if (strcmp(a, "--threshold") == 0) {
            char *end = NULL;
            double t = v ? strtod(v, &end) : 0.0;
            if (!v || end == v || *end || !(t > 0.0 && t <= 1.0))
                rc = usage(cmd, "%s", "--threshold needs a probability above 0 and at most 1, e.g. 0.9");
            else threshold = t;
            i++;
        } else if (strcmp(a, "--shard") == 0) {
            const char *slash = v ? strchr(v, '/') : NULL;
            char kbuf[16];
            if (!slash || slash - v >= (long)sizeof kbuf) slash = NULL;
            else snprintf(kbuf, sizeof kbuf, "%.*s", (int)(slash - v), v);
            if (!slash || parse_long(slash + 1, 1, 1000000, &shard_n) || parse_long(kbuf, 1, shard_n, &shard_k))
                rc = usage(cmd, "%s", "--shard needs K/N with 1 <= K <= N, e.g. 2/3");
            i++;
        } else if (a[0] == '-' && a[1]) {
            rc = usage(cmd, "unknown option '%s'", a);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (rc < 0 && nfiles == 0) rc = usage(cmd, "%s", "no scenario file given");
    if (rc < 0 && runs == 0 && !weather_years) rc = usage(cmd, "%s", "--runs N or --weather-years is required");
    if (rc < 0 && runs && weather_years)
        rc = usage(cmd, "%s", "--weather-years runs the files' weather years as the members: it takes no --runs");
    if (rc < 0 && weather_years && shard_n) rc = usage(cmd, "%s", "--weather-years is not split into shards");
    if (rc < 0 && compare && !out_dir) rc = usage(cmd, "%s", "-o DIR is required");
    if (rc < 0 && shard_n > runs) rc = usage(cmd, "%s", "--shard K/N needs N at most --runs");
    if (rc < 0 && shard_n && plot) rc = usage(cmd, "%s", "--plot draws the charts of whole ensembles, not of a shard");
    if (rc >= 0) {
        free(files);
        free(sets);
        return rc;
    }
    if (seed >= 0) {   /* after every --set: the command line's seed wins */
        snprintf(seedset, sizeof seedset, "scenario.seed=%ld", seed);
        sets[nsets++] = seedset;
    }
    Diag *d = malloc(sizeof *d);
    if (!d) {
        fprintf(stderr, "ecsim: out of memory\n");
        free(files);
        free(sets);
        return 1;
    }
    diag_init(d);
    Msg msg = { quiet, !quiet && isatty(STDERR_FILENO), compare, plot, shard_n > 0, weather_years, lang, plots,
                threshold, ST_OK };
    EnsReport rep = { &msg, on_loaded, on_finished, on_written };
    EnsOptions o = { out_dir ? out_dir : "out", (int)runs, (int)jobs, sets, nsets, q, nq, compare, stop,
                     (int)shard_k, (int)shard_n, weather_years };
    EnsOutcome out;
    Status st = ensemble_files((const char *const *)files, nfiles, &o, &rep, &out, d);
    diag_print(d, stderr);
    if (st == ST_OK && compare && shard_n && !quiet)
        printf("comparison shard %ld/%ld of %d scenarios -> %s/shard.txt (ecsim merge)\n", shard_k, shard_n,
               out.scenarios, o.out_dir);
    else if (st == ST_OK && compare && !quiet)
        printf("comparison of %d scenarios on %d members -> %s/comparison_ensemble.dat, .csv, summary.md\n",
               out.scenarios, out.scenarios ? out.jobs / out.scenarios : 0, o.out_dir);
    if (st == ST_OK && compare && plot && !shard_n) {   /* the comparison chart, as `ecsim plot DIR` */
        diag_init(d);
        Status pst = plot_ensemble_compare(o.out_dir, plots, lang, threshold, NULL, d);
        diag_print(d, stderr);
        if (pst == ST_OK && !quiet) printf("  comparison chart: %s/charts/ens-cmp.png\n", o.out_dir);
        else if (pst != ST_OK && msg.plot_status == ST_OK) msg.plot_status = pst;
    }
    free(d);
    free(files);
    free(sets);
    if (st == ST_INTERRUPTED && stop && *stop) {
        fprintf(stderr, "ecsim: stopped by a signal: %d of %d members ran; %d scenario folders written\n", out.ran,
                out.jobs, out.written);
        return 128 + *stop;
    }
    if (out.usage) return EXIT_USAGE;
    return st == ST_OK && msg.plot_status == ST_OK ? 0 : 1;
}

int merge_main(int argc, char **argv)
{
    const char *out_dir = NULL;
    int quiet = 0, n = 0;
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    if (!dirs) {
        fprintf(stderr, "ecsim: out of memory\n");
        return 1;
    }
    int rc = -1;
    for (int i = 0; rc < 0 && i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(merge_help, stdout);
            rc = 0;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!v || !*v) rc = usage("merge", "%s needs a directory", a);
            out_dir = v;
            i++;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = usage("merge", "unknown option '%s'", a);
        } else {
            dirs[n++] = a;
        }
    }
    if (rc < 0 && n == 0) rc = usage("merge", "%s", "no shard directory given");
    if (rc < 0 && !out_dir) rc = usage("merge", "%s", "-o DIR is required");
    Diag *d = rc < 0 ? malloc(sizeof *d) : NULL;
    if (rc < 0 && !d) {
        fprintf(stderr, "ecsim: out of memory\n");
        rc = 1;
    }
    if (rc < 0) {
        diag_init(d);
        MergeOutcome mo;
        Status st = ensemble_merge(dirs, n, out_dir, &mo, d);
        diag_print(d, stderr);
        if (st == ST_OK && mo.not_run)
            fprintf(stderr, "ecsim merge: note: %d of %d sweep points were not run in their shard (as the single "
                            "run would report them)\n", mo.not_run, mo.points);
        if (st == ST_OK && !quiet) {
            if (strcmp(mo.kind, "sweep") == 0)
                printf("merged %d sweep shards: %d points -> %s/sweep.dat, comparison.*, summary.md\n", n,
                       mo.points, out_dir);
            else if (strcmp(mo.kind, "compare") == 0)
                printf("merged %d comparison shards: %d scenario folders -> %s/comparison_ensemble.dat, .csv, "
                       "summary.md\n", n, mo.written, out_dir);
            else
                printf("merged %d shards: %d scenario folders -> %s/\n", n, mo.written, out_dir);
        }
        rc = st == ST_OK ? 0 : 1;
    }
    free(d);
    free(dirs);
    return rc;
}
