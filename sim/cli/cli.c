/* cli.c — the subcommands of `ecsim` (DESIGN §11): argument parsing, help
 * text, messages, and status → exit code (0 ok, 3 a target failed, 1 error,
 * 2 usage). The only module besides main.c that prints. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "bench.h"
#include "compare.h"
#include "metrics.h"
#include "config.h"
#include "output.h"
#include "plot.h"
#include "plotcmp.h"
#include "report.h"
#include "sim.h"
#include "version.h"

#define EXIT_TARGETS 3
#define EXIT_USAGE 2

static const char *main_help =
    "ecsim " ECSIM_VERSION " — hourly energy capacity scenario simulator\n"
    "\n"
    "usage: ecsim COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run FILE... [-o DIR] [-j N] [--set k=v] [--plot]\n"
    "                          simulate scenarios; results in DIR/<scenario>/ (default out/)\n"
    "  compare FILE... -o DIR  run scenarios and compare them side by side\n"
    "  sweep FILE --vary path=v1,v2,... -o DIR\n"
    "                          sensitivity grid over any settings\n"
    "  plot DIR...             draw the charts and report.html of finished runs again\n"
    "  check FILE...           validate scenario files without running them\n"
    "  reference               print the commented reference configuration (every setting)\n"
    "  bench [FILE]            performance figures (default configs/yiwu-14fyp.cfg)\n"
    "  help [COMMAND]          this text, or a command's help\n"
    "\n"
    "exit status: 0 all ran and every target passed; 3 all ran and some target failed;\n"
    "             1 an error (bad input, I/O); 2 bad usage.\n"
    "Run `ecsim COMMAND --help` for a command's options.\n";

static const char *run_help =
    "usage: ecsim run FILE... [-o DIR] [-j N] [--set path=value]... [--plot [--lang zh|en]]\n"
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
    "\n"
    "Exit status as for run: 0 all ran and passed, 3 some target failed, 1 an error, 2 usage.\n";

static const char *plot_help =
    "usage: ecsim plot DIR... [--lang zh|en] [--plots DIR]\n"
    "\n"
    "Draws the standard charts of finished runs (each DIR is an output directory\n"
    "OUT/<scenario> of `ecsim run`) into DIR/charts/ as PNG and SVG, and writes\n"
    "DIR/report.html, from the files in DIR only (docs/charts.md).\n"
    "\n"
    "options:\n"
    "  --lang zh|en       Chinese with the plan's units (default) or English with SI units\n"
    "  --plots DIR        the gnuplot scripts (default: $ECSIM_PLOTS, ./plots, or next\n"
    "                     to the program)\n"
    "\n"
    "Exit status: 0 all drawn; 1 gnuplot missing or a chart failed (the report is\n"
    "still written); 2 bad usage.\n";

static const char *sweep_help =
    "usage: ecsim sweep FILE --vary path=v1,v2,... [--vary ...] -o DIR [--metric M]\n"
    "                  [--year Y] [-j N] [--set path=value]... [--plot]\n"
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
    "\n"
    "Exit status as for run (3 when some point misses a target).\n";

static const char *check_help =
    "usage: ecsim check FILE... [--set path=value]...\n"
    "\n"
    "Validates scenario files: syntax, unknown settings (with the nearest valid\n"
    "name), types, ranges and consistency. Every error names file, line and\n"
    "setting. Writes nothing. Exit status 0 if all are valid, 1 otherwise.\n";

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
    if (!o->files || !o->sets || !o->vary) { fprintf(stderr, "ecsim: out of memory\n"); return 1; }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int has_arg = i + 1 < argc;
        if (is_help(a)) { fputs(help, stdout); return 0; }
        if ((allow & ALLOW_OUT) && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (!has_arg) return usage_error(cmd, "%s needs a directory", a);
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

static int cmd_check(int argc, char **argv)
{
    Opts o;
    int rc = parse_opts("check", check_help, argc, argv, 0, &o);
    if (rc >= 0) { opts_free(&o); return rc; }
    int bad = 0, usage = 0;
    for (int i = 0; i < o.nfiles; i++) {
        Scenario *s = load_scenario(o.files[i], o.sets, o.nsets, &usage);
        if (!s) { bad++; continue; }
        if (!o.quiet) printf("%s: ok (scenario %s, %d-%d)\n", o.files[i], s->name, s->first_year, s->last_year);
        free(s);
    }
    opts_free(&o);
    return usage ? EXIT_USAGE : bad ? 1 : 0;
}

static void print_run_line(const BatchItem *it)
{
    const AnnualRow *last = &it->rows[it->n_years - 1];
    printf("%s: %d years -> %s\n", it->scn->name, it->n_years, it->final_dir);
    printf("  %d: RE utilisation %.1f %%, curtailed %.0f GWh, coal power %.0f GWh, export %.0f GWh, unserved %.0f MWh\n",
           (int)last->year, 100 * last->re_utilisation, last->curtailed_mwh / 1000,
           last->coal_power_mwh / 1000, last->export_mwh / 1000, last->unserved_mwh);
    if (it->n_targets) {
        printf("  targets: %d of %d checks passed\n", it->n_targets - it->n_failed, it->n_targets);
        for (int i = 0; i < it->n_targets; i++) {
            const TargetResult *t = &it->targets[i];
            if (!t->pass)
                printf("    FAIL %s %d: value %.6g, margin %.6g\n", t->id, t->year, t->value, t->margin);
        }
    }
}

static void progress_line(void *ctx, int done, int total, const BatchItem *it)
{
    (void)ctx;
    fprintf(stderr, "\r[%d/%d] %-40.40s", done, total, it->scn->name);
    if (done == total) fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* Charts and report.html of one output directory; messages printed. The
 * report is written even when the charts are not (it names what is missing). */
static int plot_dir(const char *dir, const char *plots, const char *lang, int quiet)
{
    Diag *d = malloc(sizeof *d);
    if (!d) { fprintf(stderr, "ecsim: out of memory\n"); return 1; }
    diag_init(d);
    Status st = plot_scenario(dir, plots, lang, d);
    Status rs = report_write(dir, lang, d);
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

/* Runs the loaded scenarios (NULL entries failed to load) and reports;
 * mode 0 run, 1 compare, 2 sweep (labels: nl columns per scenario). */
static int execute(const char *cmd, const Opts *o, Scenario **scn, char **origin, int nscn,
                   int load_errors, int mode, const char *const *lnames,
                   const char *const *lvalues, const int *lindex, int nl)
{
    BatchItem *items = calloc((size_t)nscn + 1, sizeof *items);
    int *index = calloc((size_t)nscn + 1, sizeof *index);
    const char **lv = calloc((size_t)(nscn * nl) + 1, sizeof *lv);
    int *li = calloc((size_t)(nscn * nl) + 1, sizeof *li);
    if (!items || !index || !lv || !li) {
        fprintf(stderr, "ecsim: out of memory\n");
        free(items); free(index); free(lv); free(li);
        return 1;
    }
    int errors = load_errors, n = 0;
    for (int i = 0; i < nscn; i++)
        if (scn[i]) {
            items[n].scn = scn[i];
            for (int k = 0; k < nl; k++) {
                lv[n * nl + k] = lvalues[i * nl + k];
                li[n * nl + k] = lindex[i * nl + k];
            }
            index[n++] = i;
        }
    int show_progress = !o->quiet && n > 1 && isatty(STDERR_FILENO);
    if (n > 0 && batch_run(items, n, o->jobs, o->out_dir, show_progress ? progress_line : NULL, NULL) != ST_OK) {
        fprintf(stderr, "ecsim: cannot start worker threads\n");
        errors += n;
        n = 0;
    }
    int failed_targets = 0;
    for (int k = 0; k < n; k++) {
        BatchItem *it = &items[k];
        diag_print(&it->diag, stderr);
        if (it->status != ST_OK) {
            fprintf(stderr, "%s: not run: %s; nothing written\n", origin[index[k]], status_message(it->status));
            errors++;
        } else {
            if (!o->quiet && mode == 0) print_run_line(it);
            if (it->n_failed) failed_targets++;
            if (o->plot && plot_dir(it->final_dir, NULL, o->lang, o->quiet || mode == 2)) errors++;
        }
    }
    if (mode > 0 && n > 0) {
        Diag *d = malloc(sizeof *d);
        Status st = ST_NOMEM;
        if (d) {
            diag_init(d);
            st = compare_write(o->out_dir, items, n, o->year, lnames, lv, nl, d);
            if (st == ST_OK && mode == 2)
                st = compare_write_sweep(o->out_dir, items, n, o->year, lnames, lv, li, nl, d);
            if (st == ST_OK && o->plot) {
                Status ps = mode == 1
                    ? plot_comparison(o->out_dir, NULL, o->lang, d)
                    : plot_sweep(o->out_dir, o->metric ? o->metric : "re_utilisation", NULL, o->lang, d);
                if (ps != ST_OK) errors++;
                else if (!o->quiet) printf("charts: %s/charts/\n", o->out_dir);
            }
            diag_print(d, stderr);
            free(d);
        }
        if (st != ST_OK) errors++;
        else if (!o->quiet) {
            if (mode == 1) {
                printf("comparison of %d scenarios -> %s/\n", n, o->out_dir);
                for (int k = 0; k < n; k++)
                    if (items[k].status == ST_OK)
                        printf("  %-28s targets %d of %d checks passed\n", items[k].scn->name,
                               items[k].n_targets - items[k].n_failed, items[k].n_targets);
                printf("  %s/summary.md, comparison.dat, comparison.csv, comparison-delta.*\n", o->out_dir);
            } else {
                printf("sweep of %d points -> %s/sweep.dat, comparison.*, summary.md\n", n, o->out_dir);
            }
        }
    }
    if (nscn > 1 && !o->quiet && mode == 0)
        printf("batch: %d scenarios, %d ran, %d failed to run, %d with failed targets\n", nscn,
               nscn - errors, errors, failed_targets);
    for (int k = 0; k < n; k++) batch_item_clear(&items[k]);
    free(items); free(index); free(lv); free(li);
    (void)cmd;
    if (errors) return 1;
    return failed_targets ? EXIT_TARGETS : 0;
}

/* Loads every file; returns the number that failed (their messages printed).
 * Scenario names must be unique: each gets its own output directory. */
static int load_all(const Opts *o, Scenario **scn, int *usage)
{
    int errors = 0;
    for (int i = 0; i < o->nfiles; i++) {
        scn[i] = load_scenario(o->files[i], o->sets, o->nsets, usage);
        if (!scn[i]) { errors++; continue; }
        for (int j = 0; j < i; j++)
            if (scn[j] && strcmp(scn[j]->name, scn[i]->name) == 0) {
                fprintf(stderr, "%s: scenario name '%s' is also the name of %s: results would "
                                "overwrite each other (set scenario.name)\n",
                        o->files[i], scn[i]->name, o->files[j]);
                free(scn[i]);
                scn[i] = NULL;
                errors++;
                break;
            }
    }
    return errors;
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
    Scenario **scn = calloc((size_t)o.nfiles, sizeof *scn);
    if (!scn) { fprintf(stderr, "ecsim: out of memory\n"); opts_free(&o); return 1; }
    int usage = 0, errors = load_all(&o, scn, &usage);
    if (usage) rc = EXIT_USAGE;
    else rc = execute(cmd, &o, scn, o.files, o.nfiles, errors, compare, NULL, NULL, NULL, 0);
    for (int i = 0; i < o.nfiles; i++) free(scn[i]);
    free(scn);
    opts_free(&o);
    return rc;
}

/* Splits "path=v1,v2,..." at commas outside brackets and quotes, so that
 * a value may be a schedule "((2020,0),(2025,3200))". Writes NUL bytes into
 * text; returns the number of values (0 on a malformed list). */
static int split_values(char *text, char **vals, int max)
{
    int n = 0, depth = 0, quoted = 0;
    char *start = text;
    for (char *p = text;; p++) {
        if (*p == '"') quoted = !quoted;
        else if (!quoted && (*p == '(' || *p == '[' || *p == '{')) depth++;
        else if (!quoted && (*p == ')' || *p == ']' || *p == '}')) depth--;
        if (*p == '\0' || (*p == ',' && depth == 0 && !quoted)) {
            int end = *p == '\0';
            *p = '\0';
            if (*start == '\0' || n >= max) return 0;
            vals[n++] = start;
            start = p + 1;
            if (end) break;
        }
    }
    return depth == 0 && !quoted ? n : 0;
}

#define SWEEP_MAX_POINTS 10000
#define SWEEP_MAX_VALUES 1000

static int cmd_sweep(int argc, char **argv)
{
    Opts o;
    int rc = parse_opts("sweep", sweep_help, argc, argv, ALLOW_OUT | ALLOW_RUN | ALLOW_YEAR | ALLOW_VARY, &o);
    if (rc >= 0) { opts_free(&o); return rc; }
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
    int nv = o.nvary;
    char **copy = calloc((size_t)nv, sizeof *copy);
    char ***vals = calloc((size_t)nv, sizeof *vals);
    int *count = calloc((size_t)nv, sizeof *count);
    const char **names = calloc((size_t)nv, sizeof *names);
    rc = -1;
    long points = 1;
    if (!copy || !vals || !count || !names) { fprintf(stderr, "ecsim: out of memory\n"); rc = 1; }
    for (int k = 0; rc < 0 && k < nv; k++) {
        copy[k] = strdup(o.vary[k]);
        vals[k] = calloc(SWEEP_MAX_VALUES, sizeof *vals[k]);
        if (!copy[k] || !vals[k]) { fprintf(stderr, "ecsim: out of memory\n"); rc = 1; break; }
        char *eq = strchr(copy[k], '=');
        *eq = '\0';
        names[k] = copy[k];
        count[k] = split_values(eq + 1, vals[k], SWEEP_MAX_VALUES);
        if (count[k] == 0 || names[k][0] == '\0') {
            rc = usage_error("sweep", "--vary %s: needs path=v1,v2,... (values separated by commas)", o.vary[k]);
            break;
        }
        points *= count[k];
        if (points > SWEEP_MAX_POINTS) {
            rc = usage_error("sweep", "the grid has more than %s points", "10000");
            break;
        }
    }
    Scenario *base = NULL;
    if (rc < 0) {
        int usage = 0;
        base = load_scenario(o.files[0], o.sets, o.nsets, &usage);
        if (!base) rc = usage ? EXIT_USAGE : 1;
    }
    if (rc < 0) {
        int np = (int)points, nsets = o.nsets + nv + 1;
        Scenario **scn = calloc((size_t)np, sizeof *scn);
        char **origin = calloc((size_t)np, sizeof *origin);
        const char **lvalues = calloc((size_t)(np * nv), sizeof *lvalues);
        int *lindex = calloc((size_t)(np * nv), sizeof *lindex);
        const char **sets = calloc((size_t)nsets, sizeof *sets);
        char **setbuf = calloc((size_t)(nv + 1), sizeof *setbuf);
        int errors = 0, usage = 0;
        if (!scn || !origin || !lvalues || !lindex || !sets || !setbuf) {
            fprintf(stderr, "ecsim: out of memory\n");
            rc = 1;
        }
        for (int k = 0; rc < 0 && k <= nv; k++)
            if (!(setbuf[k] = malloc(4096))) { fprintf(stderr, "ecsim: out of memory\n"); rc = 1; }
        for (int p = 0; rc < 0 && p < np; p++) {
            /* point p: mixed-radix digits, the last --vary changing fastest */
            int rem = p;
            for (int k = nv - 1; k >= 0; k--) {
                lindex[p * nv + k] = rem % count[k];
                rem /= count[k];
                lvalues[p * nv + k] = vals[k][lindex[p * nv + k]];
            }
            for (int i = 0; i < o.nsets; i++) sets[i] = o.sets[i];
            for (int k = 0; k < nv; k++) {
                snprintf(setbuf[k], 4096, "%s=%s", names[k], lvalues[p * nv + k]);
                sets[o.nsets + k] = setbuf[k];
            }
            snprintf(setbuf[nv], 4096, "scenario.name=\"%s-p%03d\"", base->name, p + 1);
            sets[o.nsets + nv] = setbuf[nv];
            scn[p] = load_scenario(o.files[0], sets, nsets, &usage);
            origin[p] = o.files[0];
            if (!scn[p]) {
                errors++;
                fprintf(stderr, "  (sweep point %d:", p + 1);
                for (int k = 0; k < nv; k++) fprintf(stderr, " %s=%s", names[k], lvalues[p * nv + k]);
                fputs(")\n", stderr);
            }
        }
        if (rc < 0 && usage) rc = EXIT_USAGE;
        if (rc < 0) {
            rc = execute("sweep", &o, scn, origin, np, errors, 2, names, lvalues, lindex, nv);
            if (o.plot && !o.quiet) fputs("", stdout);
        }
        if (scn) for (int p = 0; p < np; p++) free(scn[p]);
        if (setbuf) for (int k = 0; k <= nv; k++) free(setbuf[k]);
        free(scn); free(origin); free(lvalues); free(lindex); free(sets); free(setbuf);
    }
    free(base);
    for (int k = 0; k < nv; k++) {
        if (copy) free(copy[k]);
        if (vals) free(vals[k]);
    }
    free(copy); free(vals); free(count); free(names);
    opts_free(&o);
    return rc;
}

static int cmd_run(int argc, char **argv) { return run_files("run", argc, argv, 0); }
static int cmd_compare(int argc, char **argv) { return run_files("compare", argc, argv, 1); }

static int cmd_plot(int argc, char **argv)
{
    const char *lang = "zh", *plots = NULL;
    int ndirs = 0, bad = 0;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) { fputs(plot_help, stdout); return 0; }
        if (strcmp(argv[i], "--lang") == 0) {
            if (++i >= argc) return usage_error("plot", "%s", "--lang needs zh or en");
            if (parse_lang("plot", argv[i], &lang)) return EXIT_USAGE;
        } else if (strcmp(argv[i], "--plots") == 0) {
            if (++i >= argc) return usage_error("plot", "%s", "--plots needs a directory");
            plots = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("plot", "unknown option '%s'", argv[i]);
        }
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "--plots") == 0) { i++; continue; }
        ndirs++;
        bad += plot_dir(argv[i], plots, lang, 0);
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
        if (strcmp(rest[0], "sweep") == 0) return cmd_sweep(1, h);
        if (strcmp(rest[0], "reference") == 0) return cmd_reference(1, h);
        if (strcmp(rest[0], "bench") == 0) return bench_main(1, h);
        return usage_error("help", "unknown command '%s'", rest[0]);
    }
    if (strcmp(cmd, "run") == 0) return cmd_run(n, rest);
    if (strcmp(cmd, "check") == 0) return cmd_check(n, rest);
    if (strcmp(cmd, "plot") == 0) return cmd_plot(n, rest);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(n, rest);
    if (strcmp(cmd, "sweep") == 0) return cmd_sweep(n, rest);
    if (strcmp(cmd, "reference") == 0) return cmd_reference(n, rest);
    if (strcmp(cmd, "bench") == 0) return bench_main(n, rest);
    fprintf(stderr, "ecsim: unknown command '%s'\n\n%s", cmd, main_help);
    return EXIT_USAGE;
}
