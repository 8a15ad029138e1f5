/* fuzz_config.c — the scenario loader (config.h) through `inherits` and
 * --set. The input is split at NUL bytes: the first piece is the scenario
 * file's text, each further piece (up to FUZZ_SETS) a --set assignment.
 * The file is written to a per-process temporary directory that also holds
 * a small valid base scenario, base.cfg, so `inherits = "base.cfg";`
 * resolves. Then config_load_with; on success config_override with the
 * last assignment (or a fixed one), and config_write_resolved read back.
 * Contract checked: no crash, no leak, every error comes with a non-empty
 * Diag, a failed override leaves the scenario as it was, and the resolved
 * scenario written out loads again and writes out the same text. */
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_SETS 4

/* tests/data/config/minimal.cfg with a few settings of its own, so that a
 * variant has something to override. */
static const char base_cfg[] =
    "# assumption: the base of the fuzzed scenarios\n"
    "scenario = { first_year = 2020; last_year = 2025; description = \"base\"; };\n"
    "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
    "economy = { gdp_base_yi_yuan = 100.0; };\n"
    "storage = { power_mw = ((2020, 0.0), (2023, \"30万千瓦\")); duration_h = 2.0; };\n";

/* A diagnostic is one line of text: whatever the input, no control byte
 * of it reaches the terminal. */
static int one_line(const char *t)
{
    for (; *t; t++)
        if ((unsigned char)*t < 0x20 || *t == 0x7f) return 0;
    return 1;
}

static void require_diag(Status st, const Diag *d)
{
    for (int i = 0; i < d->n; i++) {
        const DiagEntry *e = &d->e[i];
        int clean = one_line(e->setting) && one_line(e->message) && one_line(e->suggestion);
        if (!clean) diag_print(d, stderr);
        FUZZ_REQUIRE(clean);
    }
    if (st == ST_OK) {
        FUZZ_REQUIRE(d->n_errors == 0);
        return;
    }
    FUZZ_REQUIRE(d->n_errors > 0 && d->n > 0);
    int found = 0;
    for (int i = 0; i < d->n; i++)
        if (!d->e[i].is_warning && d->e[i].message[0] != '\0') found = 1;
    FUZZ_REQUIRE(found);
}

/* The resolved text of s (the caller frees it). */
static char *resolved(const Scenario *s, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    FUZZ_REQUIRE(f != NULL);
    FUZZ_REQUIRE(config_write_resolved(s, f) == ST_OK);
    FUZZ_REQUIRE(fclose(f) == 0);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int have_base;
    char base_path[1024], path[1024];
    if (!have_base) {
        fuzz_write("base.cfg", base_cfg, sizeof base_cfg - 1, base_path, sizeof base_path);
        have_base = 1;
    }

    /* split at NUL: file text, then the assignments */
    const uint8_t *nul = memchr(data, '\0', size);
    size_t file_len = nul ? (size_t)(nul - data) : size;
    fuzz_write("scenario.cfg", data, file_len, path, sizeof path);
    char *rest = nul ? fuzz_text(nul + 1, size - file_len - 1) : fuzz_text(data, 0);
    size_t rest_len = nul ? size - file_len - 1 : 0;
    const char *sets[FUZZ_SETS];
    int n_sets = 0;
    for (size_t i = 0; nul && i <= rest_len && n_sets < FUZZ_SETS;) {
        sets[n_sets++] = rest + i;
        i += strlen(rest + i) + 1;
    }

    Scenario *s = calloc(1, sizeof *s);
    FUZZ_REQUIRE(s != NULL);
    Diag *d = malloc(sizeof *d);
    FUZZ_REQUIRE(d != NULL);
    diag_init(d);
    Status st = config_load_with(path, sets, n_sets, s, d);
    require_diag(st, d);
    if (getenv("ECSIM_FUZZ_VERBOSE")) {   /* replaying a corpus: what each input does */
        fprintf(stderr, "load: %s (%d sets)\n", status_message(st), n_sets);
        diag_print(d, stderr);
    }

    if (st == ST_OK) {
        size_t len0, len1;
        char *before = resolved(s, &len0);

        diag_init(d);
        const char *assignment = n_sets > 0 ? sets[n_sets - 1] : "storage.duration_h=4 h";
        Status ost = config_override(s, assignment, d);
        require_diag(ost, d);
        char *after = resolved(s, &len1);
        if (ost != ST_OK) FUZZ_REQUIRE(len0 == len1 && memcmp(before, after, len0) == 0);

        /* what config_write_resolved writes, config_load reads back to the
         * same scenario */
        char again_path[1024];
        fuzz_write("resolved.cfg", after, len1, again_path, sizeof again_path);
        Scenario *s2 = calloc(1, sizeof *s2);
        FUZZ_REQUIRE(s2 != NULL);
        diag_init(d);
        Status rst = config_load(again_path, s2, d);
        unlink(again_path);   /* no later input may inherit it */
        if (rst != ST_OK) {
            diag_print(d, stderr);
            fprintf(stderr, "--- resolved text:\n%.*s\n", (int)len1, after);
        }
        FUZZ_REQUIRE(rst == ST_OK);
        snprintf(s2->name, sizeof s2->name, "%s", s->name);   /* named after its file */
        size_t len2;
        char *third = resolved(s2, &len2);
        if (!(len2 == len1 && memcmp(third, after, len1) == 0))
            fprintf(stderr, "--- first:\n%.*s\n--- read back:\n%.*s\n", (int)len1, after, (int)len2, third);
        FUZZ_REQUIRE(len2 == len1 && memcmp(third, after, len1) == 0);
        free(third);
        free(s2);
        free(before);
        free(after);
    }
    free(d);
    free(s);
    free(rest);
    return 0;
}
