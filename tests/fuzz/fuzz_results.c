/* fuzz_results.c — the result-file readers of results.h on any input:
 * results_dat_read and results_targets_read on the input written to a
 * temporary file, results_cfg_get on the input as text. No crash, no leak
 * (every table freed, also after a failure), a failure comes with a
 * located Diag entry, a success with a consistent table. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_failure(Status st, const Diag *d)
{
    if (st == ST_OK) return;
    FUZZ_REQUIRE(d->n_errors > 0 && d->n > 0);
    FUZZ_REQUIRE(d->e[0].message[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024];
    fuzz_write("input.dat", data, size, path, sizeof path);

    Diag d;
    diag_init(&d);
    DatTable t;
    Status st = results_dat_read(path, &t, &d);
    check_failure(st, &d);
    if (st == ST_OK) {
        FUZZ_REQUIRE(t.n_cols > 0 && t.n_rows >= 0);
        for (int c = 0; c < t.n_cols; c++) {
            FUZZ_REQUIRE(t.names[c] != NULL);
            int found = results_dat_col(&t, t.names[c]);
            FUZZ_REQUIRE(found >= 0 && found <= c);
        }
        for (int r = 0; r < t.n_rows; r++)
            for (int c = 0; c < t.n_cols; c++) (void)results_dat_get(&t, r, c);
        FUZZ_REQUIRE(isnan(results_dat_get(&t, t.n_rows, 0)));
        FUZZ_REQUIRE(isnan(results_dat_get(&t, 0, -1)));
        (void)results_dat_year(&t, 2025, "coal_mt");
    }
    results_dat_free(&t);

    diag_init(&d);
    TargetTable tt;
    st = results_targets_read(path, &tt, &d);
    check_failure(st, &d);
    if (st == ST_OK) {
        FUZZ_REQUIRE(tt.n >= 0);
        for (int i = 0; i < tt.n; i++) {
            const TargetRow *r = &tt.rows[i];
            FUZZ_REQUIRE(memchr(r->id, '\0', sizeof r->id) && memchr(r->label, '\0', sizeof r->label));
            FUZZ_REQUIRE(memchr(r->metric, '\0', sizeof r->metric) && memchr(r->op, '\0', sizeof r->op));
        }
    }
    results_targets_free(&tt);

    /* run.cfg as text: the keys the charts and the report ask for, and
     * small output buffers (the value is cut, always terminated) */
    char *text = fuzz_text(data, size);
    static const char *const keys[][2] = {
        { "scenario", "name" }, { "scenario", "description" }, { "scenario", "first_year" },
        { "dispatch", "strategy" }, { "weather", "source" }, { "accounting", "method" },
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        char out[64];
        char small[4];
        int rc = results_cfg_get(text, keys[k][0], keys[k][1], out, sizeof out);
        FUZZ_REQUIRE(strlen(out) < sizeof out);
        if (rc != 0) FUZZ_REQUIRE(out[0] == '\0');
        results_cfg_get(text, keys[k][0], keys[k][1], small, sizeof small);
        FUZZ_REQUIRE(strlen(small) < sizeof small);
    }
    free(text);
    return 0;
}
