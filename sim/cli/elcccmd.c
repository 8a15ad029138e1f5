/* elcccmd.c — `ecsim elcc FILE --runs N [--tech wind,solar,storage]
 * [--year Y|all] -o DIR`: prints the ELCC of each resource and year and
 * writes DIR/elcc.dat, .csv (one row per resource and year) and
 * DIR/elcc-members.dat, .csv (one row per member, resource and year), each
 * through an atomic file; --plot draws DIR/charts/elcc.png and .svg. */
#include "elcccmd.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "config.h"
#include "elcc.h"
#include "plotelcc.h"
#include "stagedir.h"

static const char help[] =
    "usage: ecsim elcc FILE --runs N [--tech wind,solar,storage] [--year Y|all] [--seed S]\n"
    "                  [--set path=value]... [--lole-target H] -o DIR [--plot [--lang zh|en]] [-q]\n"
    "  The capacity credit of wind, PV and storage by equivalent firm capacity: for\n"
    "  weather members 1..N (the members of `ecsim ensemble --runs N` of the same file\n"
    "  and seed), the least perfectly reliable capacity (dispatched last) that gives\n"
    "  the scenario without the resource the LOLE it has with it, found by bisection\n"
    "  to 1 %% of nameplate, in every year of the plan (default) or year Y.\n"
    "  Forced outages (coal_power.forced_outage_frac, export.forced_outage_frac)\n"
    "  make LOLE > 0.\n"
    "options:\n"
    "  --runs N           weather members 1..N (1..1000, required)\n"
    "  --tech LIST        wind, solar, storage, or several separated by commas (default wind)\n"
    "  --year Y|all       one year of the plan, or all (default)\n"
    "  --seed S           master seed of the weather (default: the scenario's scenario.seed)\n"
    "  --set path=value   override a setting (repeatable), as for ecsim ensemble\n"
    "  --lole-target H    first scale each year's local load (load.annual_gwh) so that the\n"
    "                     members' mean LOLE with every resource is H h/yr (e.g. 2.4)\n"
    "  -o DIR             output directory (required): elcc.dat, .csv (per resource and year:\n"
    "                     nameplate, pooled ELCC MW and %% of nameplate, mean, sd, P10/P50/P90,\n"
    "                     min, max across members, members capped, LOLE with and without,\n"
    "                     load scale), elcc-members.dat, .csv (per member, resource and year)\n"
    "  --plot             draw DIR/charts/elcc.png and .svg: ELCC %% of nameplate by year per\n"
    "                     resource with the members' P10-P90 range (needs gnuplot)\n"
    "  --lang zh|en       the chart's language (default zh)\n"
    "  --plots DIR        the gnuplot scripts (default: found next to the program)\n"
    "  -q, --quiet        print nothing but errors\n"
    "Exit status: 0 written; 1 the scenario could not be read or run, or a file or chart\n"
    "could not be written; 2 bad usage, also a year outside the plan's period or a\n"
    "resource without capacity in every year asked for.\n";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "ecsim elcc: %s%s\n\n%s", msg, arg ? arg : "", help);
    return 2;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* "wind,solar" into spec; -1 with the bad name in *bad. */
static int parse_techs(const char *list, ElccSpec *spec, char *bad, size_t n)
{
    spec->n_tech = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[32];
        snprintf(bad, n, "%.*s", (int)len, p);
        if (len == 0 || len >= sizeof name || spec->n_tech == ELCC_MAX_TECHS) return -1;
        memcpy(name, p, len);
        name[len] = 0;
        TechId t;
        if (elcc_tech_parse(name, &t) != 0) return -1;
        for (int i = 0; i < spec->n_tech; i++)
            if (spec->tech[i] == t) return -1;
        spec->tech[spec->n_tech++] = t;
        if (!comma) return 0;
        p = comma + 1;
    }
}

/* DIR/name into buf; -1 if too long. */
static int join(char *buf, size_t n, const char *dir, const char *name)
{
    return snprintf(buf, n, "%s/%s", dir, name) >= (int)n ? -1 : 0;
}

/* The summary columns, shared by the .dat and .csv files. */
static const char *const sum_cols[] = { "year", "tech", "nameplate_mw", "elcc_mw", "elcc_pct", "mean_mw", "sd_mw",
                                        "p10_mw", "p50_mw", "p90_mw", "min_mw", "max_mw", "members", "capped",
                                        "lole_with_h", "lole_without_h", "load_scale" };
static const char *const mem_cols[] = { "member", "year", "tech", "lole_with_h", "lole_without_h", "elcc_mw",
                                        "elcc_pct" };

static void put_header(FILE *f, const char *const *cols, int n, char sep)
{
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? (sep == ',' ? "," : " ") : "", cols[i]);
    fputc('\n', f);
}

static void put_summary(FILE *f, const ElccResult *r, char sep)
{
    const char c = sep;
    for (int t = 0; t < r->n_tech; t++)
        for (int y = 0; y < r->n_years; y++) {
            const ElccRow *w = elcc_row(r, t, y);
            double np = w->nameplate_mw;
            if (!(np > 0)) continue;
            fprintf(f, "%d%c%s%c%.3f%c%.3f%c%.2f%c%.3f%c%.3f%c%.3f%c%.3f%c%.3f%c%.3f%c%.3f%c%d%c%d%c%.3f%c%.3f%c%.4f\n",
                    w->year, c, elcc_tech_name(w->tech), c, np, c, w->pooled_mw, c, 100 * w->pooled_mw / np, c,
                    w->mean_mw, c, w->sd_mw, c, w->p10_mw, c, w->p50_mw, c, w->p90_mw, c, w->min_mw, c, w->max_mw, c,
                    r->n, c, w->capped, c, w->lole_with_h, c, w->lole_without_h, c, w->load_scale);
        }
}

static void put_members(FILE *f, const ElccResult *r, char sep)
{
    const char c = sep;
    for (int m = 0; m < r->n; m++)
        for (int y = 0; y < r->n_years; y++)
            for (int t = 0; t < r->n_tech; t++) {
                const ElccRow *w = elcc_row(r, t, y);
                if (!(w->nameplate_mw > 0)) continue;
                size_t i = ((size_t)t * (size_t)r->n_years + (size_t)y) * (size_t)r->n + (size_t)m;
                fprintf(f, "%d%c%d%c%s%c%.0f%c%.0f%c%.3f%c%.2f\n", m + 1, c, w->year, c, elcc_tech_name(w->tech), c,
                        r->lole_with[y * r->n + m], c, r->lole_without[i], c, r->elcc_mw[i], c,
                        100 * r->elcc_mw[i] / w->nameplate_mw);
            }
}

/* The resources without capacity in some years, named in the headers. */
static void put_gaps(FILE *f, const ElccResult *r)
{
    for (int t = 0; t < r->n_tech; t++)
        for (int y = 0; y < r->n_years; y++)
            if (!(elcc_row(r, t, y)->nameplate_mw > 0))
                fprintf(f, "# %s has no capacity in %d: no row\n", elcc_tech_name(r->tech[t]), r->first_year + y);
}

typedef struct {
    const char *name;
    int members;                    /* 0: the summary */
    char sep;
} OutFile;

static Status write_files(const char *dir, const Scenario *s, const ElccResult *r, const char *techs, Diag *d)
{
    const OutFile files[] = { { "elcc.dat", 0, ' ' }, { "elcc.csv", 0, ',' },
                              { "elcc-members.dat", 1, ' ' }, { "elcc-members.csv", 1, ',' } };
    AtomicFile *af = malloc(sizeof *af);
    if (!af) {
        diag_error(d, ST_NOMEM, dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = ST_OK;
    if (make_dirs(dir) != 0) {
        diag_error(d, ST_IO, dir, 0, NULL, "cannot create the directory: %s", strerror(errno));
        st = ST_IO;
    }
    for (size_t k = 0; k < sizeof files / sizeof files[0] && st == ST_OK; k++) {
        char path[STAGE_PATH_MAX];
        if (join(path, sizeof path, dir, files[k].name) != 0) {
            diag_error(d, ST_IO, dir, 0, NULL, "path too long");
            st = ST_IO;
            break;
        }
        if ((st = afile_open(af, path, d)) != ST_OK) break;
        FILE *f = af->f;
        if (files[k].sep == ' ') {
            fprintf(f, "# ecsim elcc — scenario %s, %s, years %d-%d, members 1-%d, seed %lu\n", s->name, techs,
                    r->first_year, r->first_year + r->n_years - 1, r->n, s->seed);
            fprintf(f, "# the members of `ecsim ensemble --runs %d` with this seed; ELCC by bisection to 1 %% of"
                       " nameplate\n", r->n);
            if (files[k].members)
                fputs("# per member m: LOLE with every resource and without this one (h), its equivalent firm"
                      " capacity\n", f);
            else
                fputs("# elcc_mw: pooled over the members (their summed LOLE); mean .. max: the members' values;"
                      " LOLE: member means\n", f);
            put_gaps(f, r);
        }
        if (files[k].members) {
            put_header(f, mem_cols, (int)(sizeof mem_cols / sizeof *mem_cols), files[k].sep);
            put_members(f, r, files[k].sep);
        } else {
            put_header(f, sum_cols, (int)(sizeof sum_cols / sizeof *sum_cols), files[k].sep);
            put_summary(f, r, files[k].sep);
        }
        st = afile_commit(af, d);
    }
    free(af);
    return st;
}

static void print_table(const Scenario *s, const ElccResult *r, const char *dir)
{
    printf("%s: ELCC over members 1-%d (seed %lu), by equivalent firm capacity\n", s->name, r->n, s->seed);
    printf("  %-4s %-7s %9s %9s %7s %9s %9s %9s %9s %6s %8s %8s %7s\n", "year", "tech", "nameplate", "ELCC_MW",
           "ELCC_%", "mean", "P10", "P50", "P90", "capped", "LOLE_w", "LOLE_wo", "load_x");
    for (int t = 0; t < r->n_tech; t++)
        for (int y = 0; y < r->n_years; y++) {
            const ElccRow *w = elcc_row(r, t, y);
            if (!(w->nameplate_mw > 0)) {
                printf("  %-4d %-7s %9s\n", w->year, elcc_tech_name(w->tech), "none");
                continue;
            }
            printf("  %-4d %-7s %9.1f %9.1f %7.1f %9.1f %9.1f %9.1f %9.1f %6d %8.2f %8.2f %7.4f\n", w->year,
                   elcc_tech_name(w->tech), w->nameplate_mw, w->pooled_mw, 100 * w->pooled_mw / w->nameplate_mw,
                   w->mean_mw, w->p10_mw, w->p50_mw, w->p90_mw, w->capped, w->lole_with_h, w->lole_without_h,
                   w->load_scale);
        }
    printf("  -> %s/elcc.dat, elcc.csv, elcc-members.dat, elcc-members.csv\n", dir);
}

int elcc_main(int argc, char **argv)
{
    const char *file = NULL, *dir = NULL, *techs = "wind", *lang = NULL, *plots = NULL;
    int plot = 0, quiet = 0, nsets = 0;
    long seed = -1;
    char seedset[64], bad[64];
    ElccSpec spec = { { TECH_WIND }, 1, 0, 0, 0.01, 0 };
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets) {
        fprintf(stderr, "ecsim: out of memory\n");
        return 1;
    }
    int rc = -1;
    for (int i = 0; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long x;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            rc = 0;
        } else if (strcmp(a, "--runs") == 0) {
            if (!v || parse_long(v, 1, ELCC_MAX_MEMBERS, &x)) rc = usage("--runs needs 1..1000", NULL);
            else spec.runs = (int)x;
            i++;
        } else if (strcmp(a, "--year") == 0) {
            if (v && strcmp(v, "all") == 0) spec.year = 0;
            else if (!v || parse_long(v, 1, 9999, &x)) rc = usage("--year needs a year or all", NULL);
            else spec.year = (int)x;
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            if (!v || parse_long(v, 0, 4294967295L, &seed))
                rc = usage("--seed needs a whole number from 0 to 4294967295", NULL);
            i++;
        } else if (strcmp(a, "--set") == 0) {
            if (!v) rc = usage("--set needs path=value", NULL);
            else sets[nsets++] = v;
            i++;
        } else if (strcmp(a, "--lole-target") == 0) {
            char *end = NULL;
            if (v) spec.lole_target_h = strtod(v, &end);
            if (!v || end == v || *end || !(spec.lole_target_h > 0 && spec.lole_target_h < 8760))
                rc = usage("--lole-target needs hours per year above 0 and below 8760", NULL);
            i++;
        } else if (strcmp(a, "--tech") == 0) {
            if (!v) rc = usage("--tech needs wind, solar, storage or a list of them (wind,solar)", NULL);
            else techs = v;
            i++;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!v) rc = usage("-o needs a directory", NULL);
            else dir = v;
            i++;
        } else if (strcmp(a, "--lang") == 0) {
            if (!v || (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)) rc = usage("--lang needs zh or en", NULL);
            else lang = v;
            i++;
        } else if (strcmp(a, "--plots") == 0) {
            if (!v) rc = usage("--plots needs a directory", NULL);
            else plots = v;
            i++;
        } else if (strcmp(a, "--plot") == 0) {
            plot = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = usage("unknown option ", a);
        } else if (file) {
            rc = usage("give exactly one scenario file", NULL);
        } else {
            file = a;
        }
    }
    if (rc < 0 && parse_techs(techs, &spec, bad, sizeof bad) != 0)
        rc = usage("--tech takes wind, solar and storage, each once, separated by commas; not: ", bad);
    if (rc < 0 && !file) rc = usage("no scenario file", NULL);
    if (rc < 0 && !spec.runs) rc = usage("--runs N is required", NULL);
    if (rc < 0 && !dir) rc = usage("-o DIR is required", NULL);
    if (rc < 0 && lang && !plot) rc = usage("--lang is for --plot", NULL);
    if (rc >= 0) {
        free(sets);
        return rc;
    }
    if (seed >= 0) {   /* after every --set: the command line's seed wins, as in ecsim ensemble */
        snprintf(seedset, sizeof seedset, "scenario.seed=%ld", seed);
        sets[nsets++] = seedset;
    }

    Scenario *s = malloc(sizeof *s);
    ElccResult r = { 0 };
    Diag *d = malloc(sizeof *d);
    if (!s || !d) {
        fprintf(stderr, "ecsim: out of memory\n");
        free(s), free(d), free(sets);
        return 1;
    }
    diag_init(d);
    Status st = config_load_with(file, sets, nsets, s, d);
    if (st == ST_OK) st = elcc_compute(s, &spec, &r, d);
    if (st == ST_OK) st = write_files(dir, s, &r, techs, d);
    if (st == ST_OK && !quiet) print_table(s, &r, dir);
    if (st == ST_OK && plot && (st = plot_elcc(dir, plots, lang, d)) == ST_OK && !quiet)
        printf("  -> %s/charts/elcc.png, elcc.svg\n", dir);
    diag_print(d, stderr);
    elcc_free(&r);
    free(s), free(d), free(sets);
    return status_exit_code(st);
}
