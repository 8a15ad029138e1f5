/* fuzz_wxfile.c — the weather-file readers (wxfile.h) on any input written
 * to a file, the format recognised from the content (as `ecsim
 * weather-info` does). No crash, no leak; a failure comes with a located
 * Diag entry (this file, a non-empty one-line message); a success with a
 * consistent record set (8760 hours in calendar order, finite values,
 * heights ascending). Inputs are capped at 8 KB, so a success needs the
 * seeds' short files; most inputs exercise recognition, headers, field
 * splitting, numbers and the record sink's order checks. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "wxfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one_line(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static WxFile *f;
    if (!f) f = wxfile_new();
    FUZZ_REQUIRE(f != NULL);
    char path[1024];
    fuzz_write("input.csv", data, size, path, sizeof path);
    Diag d;
    diag_init(&d);
    Status st = wxfile_read(path, WXF_AUTO, f, &d);
    if (st != ST_OK) {
        FUZZ_REQUIRE(d.n_errors > 0 && d.n > 0);
        FUZZ_REQUIRE(d.e[0].message[0] != '\0' && strcmp(d.e[0].file, path) == 0);
        FUZZ_REQUIRE(one_line(d.e[0].message) && one_line(d.e[0].setting));
        return 0;
    }
    FUZZ_REQUIRE(d.n_errors == 0 && f->hours == 8760);
    FUZZ_REQUIRE(f->n_heights >= 1 && f->n_heights <= WXF_MAX_HEIGHTS);
    for (int h = 1; h < f->n_heights; h++) FUZZ_REQUIRE(f->height_m[h] > f->height_m[h - 1]);
    for (int i = 0; i < f->hours; i++) {
        FUZZ_REQUIRE(f->hour[i] == i % 24 && f->month[i] >= 1 && f->month[i] <= 12);
        FUZZ_REQUIRE(isfinite(f->ghi_wm2[i]) && isfinite(f->temp_c[i]) && isfinite(f->pressure_pa[i]));
        for (int h = 0; h < f->n_heights; h++)
            FUZZ_REQUIRE(isfinite(f->wind_ms[h][i]) && f->wind_ms[h][i] >= 0.0);
    }
    return 0;
}
