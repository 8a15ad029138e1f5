/* pricefile.c — the hourly price file (pricefile.h). */
#include "pricefile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infile.h"
#include "model.h"

enum { LINE_MAX_LEN = 256 };

/* Splits a line into up to 3 numbers; returns how many, -1 if a field is
 * not a number or there are more than 3. */
static int numbers(char *s, double v[3])
{
    int k = 0;
    for (char *tok = strtok(s, ", \t\r\n"); tok; tok = strtok(NULL, ", \t\r\n")) {
        if (k == 3) return -1;
        char *end;
        v[k] = strtod(tok, &end);
        if (end == tok || *end) return -1;
        k++;
    }
    return k;
}

Status pricefile_read(const char *path, double *out, int *n, int *line, char *why, size_t why_n)
{
    *n = 0;
    *line = 0;
    char reason[128];
    FILE *f = infile_open(path, 4L << 20, reason, sizeof reason);
    if (!f) {
        snprintf(why, why_n, "cannot read the price file: %s", reason);
        return ST_IO;
    }
    static const char *const bad_fields = "expected \"month,hour,price\" (a 12 x 24 profile) or one price per line";
    char *buf = NULL;
    size_t cap = 0;
    long len;
    int ln = 0, records = 0, width = 0, data_seen = 0;
    unsigned char seen[PRICE_PROFILE_ROWS] = { 0 };
    Status st = ST_OK;
    while ((len = infile_line(f, &buf, &cap, LINE_MAX_LEN)) != -1) {
        ln++;
        if (len == -2) {
            st = ST_CONFIG_INVALID;
            snprintf(why, why_n, "line longer than %d bytes", LINE_MAX_LEN);
            break;
        }
        char *hash = strchr(buf, '#');
        if (hash) *hash = '\0';
        if (strspn(buf, ", \t\r\n") == strlen(buf)) continue;
        double v[3];
        int k = numbers(buf, v);
        if (k != 1 && k != 3) {
            if (!data_seen) {   /* a header */
                data_seen = 1;
                continue;
            }
            st = ST_CONFIG_INVALID;
            snprintf(why, why_n, "%s", bad_fields);
            break;
        }
        data_seen = 1;
        if (width == 0) width = k;
        if (k != width) {
            st = ST_CONFIG_INVALID;
            snprintf(why, why_n, "%d field%s where the lines before have %d: %s", k, k == 1 ? "" : "s", width,
                     bad_fields);
            break;
        }
        double price = v[k - 1];
        if (!isfinite(price) || price < 0.0 || price > 100.0) {
            st = ST_CONFIG_INVALID;
            snprintf(why, why_n, "price %.6g 元/kWh is outside 0 .. 100", price);
            break;
        }
        if (k == 3) {
            int m = (int)v[0], h = (int)v[1];
            if (v[0] != m || m < 1 || m > 12 || v[1] != h || h < 0 || h > 23) {
                st = ST_CONFIG_INVALID;
                snprintf(why, why_n, "month must be 1..12 and hour 0..23, got %.6g and %.6g", v[0], v[1]);
                break;
            }
            int i = (m - 1) * 24 + h;
            if (seen[i]) {
                st = ST_CONFIG_INVALID;
                snprintf(why, why_n, "month %d hour %d is given twice", m, h);
                break;
            }
            seen[i] = 1;
            out[i] = price;
        } else {
            if (records >= ECSIM_MAX_HOURS) {
                st = ST_CONFIG_INVALID;
                snprintf(why, why_n, "more than %d hourly prices", ECSIM_MAX_HOURS);
                break;
            }
            out[records] = price;
        }
        records++;
    }
    free(buf);
    fclose(f);
    if (st != ST_OK) {
        *line = ln;
        return st;
    }
    if ((width == 3 && records != PRICE_PROFILE_ROWS) || (width != 3 && records != 8760 && records != 8784)) {
        snprintf(why, why_n, "%d price record%s: need 288 (\"month,hour,price\") or 8760 / 8784 (one per hour)",
                 records, records == 1 ? "" : "s");
        return ST_CONFIG_INVALID;
    }
    *n = records;
    return ST_OK;
}
