/* wxfile_pvgis.c — PVGIS TMY CSV files (JRC PVGIS 5.x "TMY" tool, as
 * pvlib's iotools/pvgis.py reads them): "key: value" lines (latitude,
 * longitude, elevation, since late 2024 "Irradiance Time Offset (h)"), the
 * month,year table of the months the TMY was built from, the column names
 * (time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP), 8760 rows
 * stamped YYYYMMDD:HHMM in UTC, an empty line and a legend. Records stay
 * in UTC (utc_offset_h = 0). Irradiance is sampled at stamp + offset (the
 * satellite scan time; docs/weather-files.md gives the evidence), so a
 * record is an instant at :MM of its hour; wind is at 10 m; pressure Pa. */
#include "wxfile_int.h"

#include <math.h>
#include <string.h>

static const struct { const char *name; int slot; } cols[] = {
    { "G(h)", WQ_GHI }, { "Gb(n)", WQ_DNI }, { "Gd(h)", WQ_DHI }, { "T2m", WQ_TEMP },
    { "SP", WQ_PRES }, { "WS10m", WQ_AT(0, WQH_WIND) }, { "WD10m", WQ_AT(0, WQH_DIR) },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* The number after "key:" when line starts with key, else -1 / error. */
static int key_value(WxCtx *c, const char *key, double lo, double hi, double *v)
{
    size_t n = strlen(key);
    if (strncmp(c->buf, key, n) != 0) return 1;
    const char *colon = strchr(c->buf + n, ':');
    if (!colon || wx_parse(colon + 1, v) != 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, key, "not a number after the colon");
    if (!(*v >= lo && *v <= hi))
        return wx_err(c, ST_CONFIG_RANGE, c->line, 0, key, "%g is outside [%g, %g]", *v, lo, hi);
    return 0;
}

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int wx_read_pvgis(WxCtx *c)
{
    WxFile *f = c->f;
    double lat = NAN, lon = NAN, elev = NAN, offset = NAN;
    int table_year[13] = { 0 }, in_table = 0, nmonths = 0;
    /* Header: key lines, then the months table, up to time(UTC). */
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0) return wx_err(c, ST_CONFIG_MISSING, c->line, 0, NULL,
                                  "no time(UTC) column names");
        if (strncmp(c->buf, "time(UTC)", 9) == 0) break;
        int k = key_value(c, "Latitude", -90.0, 90.0, &lat);
        if (k > 0) k = key_value(c, "Longitude", -180.0, 180.0, &lon);
        if (k > 0) k = key_value(c, "Elevation", -500.0, 9000.0, &elev);
        if (k > 0) k = key_value(c, "Irradiance Time Offset", -1.0, 1.0, &offset);
        if (k < 0) return -1;
        if (k == 0) continue;
        if (strcmp(c->buf, "month,year") == 0) { in_table = 1; continue; }
        if (in_table) {
            if (wx_split(c) < 0) return -1;
            double m, y;
            if (c->nf != 2 || wx_parse(c->fld[0], &m) != 0 || wx_parse(c->fld[1], &y) != 0 ||
                m != floor(m) || m < 1 || m > 12 || table_year[(int)m] ||
                !(y >= 1 && y <= 9999) || y != floor(y))   /* checked before the casts */
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                              "not a month,year line of the TMY months table");
            table_year[(int)m] = (int)y;
            nmonths++;
        }
    }
    static const char *const what[] = { "Latitude", "Longitude", "Elevation" };
    const double x[3] = { lat, lon, elev };
    for (int k = 0; k < 3; k++)
        if (isnan(x[k]))
            return wx_err(c, ST_CONFIG_MISSING, c->line, 0, what[k], "the header gives no %s", what[k]);
    if (nmonths != 12)
        return wx_err(c, ST_CONFIG_MISSING, c->line, 0, NULL,
                      "the month,year table has %d months, not 12", nmonths);
    f->has_location = 1;
    f->latitude_deg = lat;
    f->longitude_deg = lon;
    f->elevation_m = elev;
    f->utc_offset_h = 0.0;          /* stamps are UTC */
    f->has_utc_offset = 1;
    snprintf(f->site, sizeof f->site, "PVGIS TMY %.3f, %.3f", lat, lon);
    if (wx_split(c) < 0) return -1;
    int ncol = c->nf;
    for (int i = 1; i < ncol; i++)
        for (size_t k = 0; k < NCOLS; k++)
            if (!c->col[cols[k].slot] && wx_name_is(c->fld[i], cols[k].name))
                wx_set_slot(c, cols[k].slot, i + 1, c->fld[i]);
    f->n_heights = 1;
    f->height_m[0] = 10.0;          /* WS10m */
    f->source_step_min = 60;
    if (!isnan(offset)) {
        if (offset < 0.0) offset += 1.0;
        f->instant = 1;
        f->sample_minute = offset * 60.0;
    } else {
        f->instant = 1;
        f->sample_minute = 0.0;
        snprintf(f->note, sizeof f->note, "no Irradiance Time Offset line: irradiance taken as "
                 "sampled at the UTC stamp");
    }
    double v[WQ_MAX];
    c->stamp_col = 1;
    c->stamp_name = "time(UTC)";
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0 || c->buf[0] == '\0') break;
        if (wx_split(c) < 0) return -1;
        if (c->nf != ncol)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, c->nf < ncol ? c->nf + 1 : ncol + 1, NULL,
                          "the row has %d fields, the column names %d", c->nf, ncol);
        const char *t = c->fld[0];
        int yr, mo, dy, hh, mm;
        if (strlen(t) != 13 || digits(t, 4, &yr) || digits(t + 4, 2, &mo) || digits(t + 6, 2, &dy) ||
            t[8] != ':' || digits(t + 9, 2, &hh) || digits(t + 11, 2, &mm) || mm != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 1, "time(UTC)",
                          "'%s' is not YYYYMMDD:HH00", t);
        if (mo >= 1 && mo <= 12 && yr != table_year[mo])
            return wx_err(c, ST_CONFIG_INVALID, c->line, 1, "time(UTC)",
                          "year %d, but the months table gives %d for month %d",
                          yr, table_year[mo], mo);
        for (int q = 0; q < WQ_MAX; q++) v[q] = NAN;
        for (int q = 0; q < WQ_SURF + WQH_N; q++) {
            if (!c->col[q]) continue;
            int pr = wx_field_num(c, c->col[q] - 1, c->qname[q], &v[q]);
            if (pr < 0) return -1;
            if (pr > 0) v[q] = NAN;
        }
        if (wx_row(c, yr, mo, dy, hh, 0.0, v) != 0) return -1;
    }
    return 0;
}
