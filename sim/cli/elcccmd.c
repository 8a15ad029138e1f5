/* elcccmd.c — `ecsim elcc FILE --runs N [--tech wind|solar|storage]
 * [--year Y] -o DIR`: prints the ELCC and writes DIR/elcc.dat (one row per
 * member, the summary in its header). */
#include "elcccmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "config.h"
#include "elcc.h"

static const char help[] =
    "usage: ecsim elcc FILE --runs N [--tech wind|solar|storage] [--year Y] [--lole-target H] -o DIR\n"
    "  The capacity credit of a resource by equivalent firm capacity: for weather\n"
    "  members 1..N, the least perfectly reliable capacity (dispatched last) that\n"
    "  gives the scenario without the resource the LOLE it has with it, found by\n"
    "  bisection to 1 %% of nameplate, in year Y (default: the last). Forced outages\n"
    "  (coal_power.forced_outage_frac, export.forced_outage_frac) make LOLE > 0.\n"
    "  --lole-target H first scales the local load (load.annual_gwh) so that the\n"
    "  members' mean LOLE with the resource is H h/yr (e.g. 2.4), the usual\n"
    "  calibration to a reliability criterion.\n"
    "  Prints the pooled ELCC (MW and share of nameplate) and its spread across\n"
    "  members; writes DIR/elcc.dat (member lole_with_h lole_without_h elcc_mw elcc_frac).\n";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "ecsim elcc: %s%s\n\n%s", msg, arg ? arg : "", help);
    return 2;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

int elcc_main(int argc, char **argv)
{
    const char *file = NULL, *dir = NULL, *tech = "wind";
    ElccSpec spec = { TECH_WIND, 0, 0, 0.01, 0 };
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(help, stdout); return 0; }
        int has = i + 1 < argc;
        if (strcmp(a, "--runs") == 0) {
            if (!has || parse_int(argv[++i], 1, ELCC_MAX_MEMBERS, &spec.runs)) return usage("--runs needs 1..1000", NULL);
        } else if (strcmp(a, "--year") == 0) {
            if (!has || parse_int(argv[++i], 1, 9999, &spec.year)) return usage("--year needs a year", NULL);
        } else if (strcmp(a, "--lole-target") == 0) {
            char *end = NULL;
            if (has) spec.lole_target_h = strtod(argv[++i], &end);
            if (!has || end == argv[i] || *end || !(spec.lole_target_h > 0 && spec.lole_target_h < 8760))
                return usage("--lole-target needs hours per year above 0 and below 8760", NULL);
        } else if (strcmp(a, "--tech") == 0) {
            if (!has) return usage("--tech needs wind, solar or storage", NULL);
            tech = argv[++i];
        } else if (strcmp(a, "-o") == 0) {
            if (!has) return usage("-o needs a directory", NULL);
            dir = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return usage("unknown option ", a);
        } else if (file) {
            return usage("give exactly one scenario file", NULL);
        } else {
            file = a;
        }
    }
    if (strcmp(tech, "wind") == 0) spec.tech = TECH_WIND;
    else if (strcmp(tech, "solar") == 0) spec.tech = TECH_SOLAR;
    else if (strcmp(tech, "storage") == 0) spec.tech = TECH_STORAGE;
    else return usage("--tech must be wind, solar or storage, not ", tech);
    if (!file) return usage("no scenario file", NULL);
    if (!spec.runs) return usage("--runs N is required", NULL);
    if (!dir) return usage("-o DIR is required", NULL);

    Scenario *s = malloc(sizeof *s);
    ElccResult *r = malloc(sizeof *r);
    Diag *d = malloc(sizeof *d);
    AtomicFile *af = malloc(sizeof *af);
    if (!s || !r || !d || !af) {
        fprintf(stderr, "ecsim: out of memory\n");
        free(s), free(r), free(d), free(af);
        return 1;
    }
    diag_init(d);
    Status st = config_load(file, s, d);
    if (st == ST_OK) st = elcc_compute(s, &spec, r, d);
    char path[STAGE_PATH_MAX];
    if (st == ST_OK && (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
        diag_error(d, ST_IO, dir, 0, NULL, "cannot create the directory: %s", strerror(errno));
        st = ST_IO;
    }
    if (st == ST_OK && snprintf(path, sizeof path, "%s/elcc.dat", dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "%s", "path too long");
        st = ST_IO;
    }
    if (st == ST_OK) st = afile_open(af, path, d);
    if (st == ST_OK) {
        FILE *f = af->f;
        double np = r->nameplate_mw;
        fprintf(f, "# ecsim elcc — scenario %s, %s, year %d, members 1-%d, seed %lu\n", s->name, tech, r->year,
                r->n, s->seed);
        fprintf(f, "# nameplate_mw %.3f pooled_elcc_mw %.3f pooled_elcc_frac %.4f mean_mw %.3f sd_mw %.3f "
                   "min_mw %.3f max_mw %.3f capped %d load_scale %.4f\n",
                np, r->pooled_mw, r->pooled_mw / np, r->mean_mw, r->sd_mw, r->min_mw, r->max_mw, r->capped,
                r->load_scale);
        fprintf(f, "member lole_with_h lole_without_h elcc_mw elcc_frac\n");
        for (int m = 0; m < r->n; m++)
            fprintf(f, "%d %.0f %.0f %.3f %.4f\n", m + 1, r->lole_with[m], r->lole_without[m], r->elcc_mw[m],
                    r->elcc_mw[m] / np);
        st = afile_commit(af, d);
    }
    if (st == ST_OK) {
        double np = r->nameplate_mw, lw = 0, lo = 0;
        for (int m = 0; m < r->n; m++) lw += r->lole_with[m], lo += r->lole_without[m];
        printf("%s: ELCC of %s in %d over %d members: %.1f MW of %.1f MW nameplate (%.1f %%)\n", s->name, tech,
               r->year, r->n, r->pooled_mw, np, 100 * r->pooled_mw / np);
        printf("  per member: mean %.1f MW (%.1f %%), sd %.1f MW, min %.1f, max %.1f MW%s\n", r->mean_mw,
               100 * r->mean_mw / np, r->sd_mw, r->min_mw, r->max_mw, r->capped ? " (some at nameplate)" : "");
        printf("  LOLE with %.1f h/yr, without %.1f h/yr (mean over members), load x %.4f -> %s\n", lw / r->n,
               lo / r->n, r->load_scale, path);
    }
    diag_print(d, stderr);
    free(s), free(r), free(d), free(af);
    return st == ST_OK ? 0 : 1;
}
