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
#include "config.h"
#include "output.h"
#include "plot.h"
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
    "  run FILE... [-o DIR] [-j N]  simulate scenarios; results in DIR/<scenario>/ (default out/)\n"
    "  compare FILE... -o DIR  run scenarios and compare them side by side\n"
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
    "usage: ecsim run FILE... [-o DIR] [-j N] [--plot [--lang zh|en]]\n"
    "\n"
    "Simulates each scenario file hour by hour over its planning period and writes\n"
    "DIR/<scenario>/: annual.dat, annual.csv, hourly-<year>.dat (years of\n"
    "output.hourly_years), targets.dat, targets.csv, summary.md and run.cfg.\n"
    "A scenario's directory appears only when all its files were written.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output directory (default: out)\n"
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
    "usage: ecsim compare FILE... -o DIR [--year Y] [-j N]\n"
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

static const char *check_help =
    "usage: ecsim check FILE...\n"
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

/* Loads one scenario, printing its diagnostics; returns NULL on error. */
static Scenario *load_scenario(const char *path)
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
    Status st = config_load(path, s, d);
    diag_print(d, stderr);
    free(d);
    if (st != ST_OK) {
        free(s);
        return NULL;
    }
    return s;
}

static int cmd_check(int argc, char **argv)
{
    int nfiles = 0, bad = 0;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) { fputs(check_help, stdout); return 0; }
        if (argv[i][0] == '-' && argv[i][1]) return usage_error("check", "unknown option '%s'", argv[i]);
        nfiles++;
        Scenario *s = load_scenario(argv[i]);
        if (!s) { bad++; continue; }
        printf("%s: ok (scenario %s, %d-%d)\n", argv[i], s->name, s->first_year, s->last_year);
        free(s);
    }
    if (nfiles == 0) return usage_error("check", "%s", "no scenario file given");
    return bad ? 1 : 0;
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

/* Loads every file; returns the number that failed (their messages printed).
 * Scenario names must be unique: each gets its own output directory. */
static int load_all(char **files, int n, Scenario **scn)
{
    int errors = 0;
    for (int i = 0; i < n; i++) {
        scn[i] = load_scenario(files[i]);
        if (!scn[i]) { errors++; continue; }
        for (int j = 0; j < i; j++)
            if (scn[j] && strcmp(scn[j]->name, scn[i]->name) == 0) {
                fprintf(stderr, "%s: scenario name '%s' is also the name of %s: results would "
                                "overwrite each other (set scenario.name)\n",
                        files[i], scn[i]->name, files[j]);
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
    const char *out_dir = compare ? NULL : "out";
    const char *help = compare ? compare_help : run_help;
    int quiet = 0, nfiles = 0, jobs = 1, year = 0, plot = 0;
    const char *lang = "zh";
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) { fprintf(stderr, "ecsim: out of memory\n"); return 1; }
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) { fputs(help, stdout); free(files); return 0; }
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc) { free(files); return usage_error(cmd, "%s needs a directory", argv[i - 1]); }
            out_dir = argv[i];
        } else if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--jobs") == 0) {
            if (++i >= argc) { free(files); return usage_error(cmd, "%s needs a number", argv[i - 1]); }
            if (parse_jobs(cmd, argv[i], &jobs)) { free(files); return EXIT_USAGE; }
        } else if (compare && strcmp(argv[i], "--year") == 0) {
            char *end;
            if (++i >= argc || (year = (int)strtol(argv[i], &end, 10), *end != '\0') || year < 1900 || year > 2200) {
                free(files);
                return usage_error(cmd, "%s", "--year needs a year (1900..2200)");
            }
        } else if (strcmp(argv[i], "--plot") == 0) {
            plot = 1;
        } else if (strcmp(argv[i], "--lang") == 0) {
            if (++i >= argc) { free(files); return usage_error(cmd, "%s", "--lang needs zh or en"); }
            if (parse_lang(cmd, argv[i], &lang)) { free(files); return EXIT_USAGE; }
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(files);
            return usage_error(cmd, "unknown option '%s'", argv[i]);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) { free(files); return usage_error(cmd, "%s", "no scenario file given"); }
    if (!out_dir) { free(files); return usage_error(cmd, "%s", "-o DIR is required"); }

    Scenario **scn = calloc((size_t)nfiles, sizeof *scn);
    BatchItem *items = calloc((size_t)nfiles, sizeof *items);
    int *index = calloc((size_t)nfiles, sizeof *index);
    if (!scn || !items || !index) {
        fprintf(stderr, "ecsim: out of memory\n");
        free(files); free(scn); free(items); free(index);
        return 1;
    }
    int errors = load_all(files, nfiles, scn), n = 0;
    for (int i = 0; i < nfiles; i++)
        if (scn[i]) { items[n].scn = scn[i]; index[n++] = i; }
    int show_progress = !quiet && n > 1 && isatty(STDERR_FILENO);
    if (n > 0 && batch_run(items, n, jobs, out_dir, show_progress ? progress_line : NULL, NULL) != ST_OK) {
        fprintf(stderr, "ecsim: cannot start worker threads\n");
        errors += n;
        n = 0;
    }
    int failed_targets = 0;
    if (compare && n > 0) {
        Diag *d = malloc(sizeof *d);
        Status st = ST_NOMEM;
        if (d) {
            diag_init(d);
            st = compare_write(out_dir, items, n, year, NULL, NULL, 0, d);
            diag_print(d, stderr);
            free(d);
        }
        if (st != ST_OK) errors++;
        else if (!quiet) printf("comparison: %s/comparison.dat, comparison.csv, comparison-delta.*, summary.md\n", out_dir);
    }
    for (int k = 0; k < n; k++) {
        BatchItem *it = &items[k];
        diag_print(&it->diag, stderr);
        if (it->status != ST_OK) {
            fprintf(stderr, "%s: not run: %s; nothing written\n", files[index[k]], status_message(it->status));
            errors++;
        } else {
            if (!quiet) print_run_line(it);
            if (it->n_failed) failed_targets++;
            if (plot && plot_dir(it->final_dir, NULL, lang, quiet)) errors++;
        }
        batch_item_clear(it);
    }
    if (nfiles > 1 && !quiet && !compare)
        printf("batch: %d scenarios, %d ran, %d failed to run, %d with failed targets\n", nfiles,
               nfiles - errors, errors, failed_targets);
    for (int i = 0; i < nfiles; i++) free(scn[i]);
    free(scn); free(items); free(index); free(files);
    if (errors) return 1;
    return failed_targets ? EXIT_TARGETS : 0;
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
        if (strcmp(rest[0], "reference") == 0) return cmd_reference(1, h);
        if (strcmp(rest[0], "bench") == 0) return bench_main(1, h);
        return usage_error("help", "unknown command '%s'", rest[0]);
    }
    if (strcmp(cmd, "run") == 0) return cmd_run(n, rest);
    if (strcmp(cmd, "check") == 0) return cmd_check(n, rest);
    if (strcmp(cmd, "plot") == 0) return cmd_plot(n, rest);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(n, rest);
    if (strcmp(cmd, "reference") == 0) return cmd_reference(n, rest);
    if (strcmp(cmd, "bench") == 0) return bench_main(n, rest);
    fprintf(stderr, "ecsim: unknown command '%s'\n\n%s", cmd, main_help);
    return EXIT_USAGE;
}
