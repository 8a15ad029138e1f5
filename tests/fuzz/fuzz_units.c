/* fuzz_units.c — units_parse_quantity (units.h) on any text, for every
 * Dimension: it must not crash, a success must be finite, an error must
 * come with a message and leave the value untouched, and units_suggest
 * must hold up on the rejected text. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    for (int d = 0; d < DIM_COUNT; d++) {
        double x = -12345.0;
        char err[256] = "";
        Status st = units_parse_quantity(text, (Dimension)d, &x, err, sizeof err);
        if (st == ST_OK) {
            FUZZ_REQUIRE(d != DIM_NONE);
            FUZZ_REQUIRE(isfinite(x));
        } else {
            FUZZ_REQUIRE(st == ST_CONFIG_TYPE || st == ST_CONFIG_INVALID || st == ST_CONFIG_RANGE);
            FUZZ_REQUIRE(x == -12345.0);
            FUZZ_REQUIRE(err[0] != '\0');
            FUZZ_REQUIRE(memchr(err, '\n', strlen(err)) == NULL);
            char sugg[64];
            if (!units_suggest(text, (Dimension)d, sugg, sizeof sugg)) FUZZ_REQUIRE(sugg[0] == '\0');
            /* a small message buffer is cut, never overrun */
            char tiny[8];
            units_parse_quantity(text, (Dimension)d, &x, tiny, sizeof tiny);
            FUZZ_REQUIRE(strlen(tiny) < sizeof tiny);
        }
    }
    free(text);
    return 0;
}
