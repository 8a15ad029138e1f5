/* wxfile_epw.c — EnergyPlus weather files (EPW; "Auxiliary Programs",
 * EnergyPlus Weather File Data Dictionary): LOCATION,city,state,country,
 * source,WMO,latitude,longitude,time zone,elevation; seven more header
 * lines up to DATA PERIODS; then one row per hour (or per interval, as
 * DATA PERIODS says) with 35 fields. Hour 1 is 00:00-01:00 local standard
 * time and 24 the last hour of the date; irradiance is the total over the
 * hour, so a record is the hour's average. Missing values have per-field
 * codes (99.9 temperature, 999999 pressure, 9999 irradiance, 999 wind and
 * albedo); EnergyPlus treats a value at or above the code as missing.
 *
 * EPW written by PVGIS (COMMENTS 2 "Irradiance Time Offset (h)") is in
 * UTC although its LOCATION line gives the site's time zone: its records
 * equal the PVGIS CSV's UTC records one for one (docs/weather-files.md).
 * The reader keeps them in UTC and says so in f->note. */
#include "wxfile_int.h"

#include <math.h>
#include <string.h>

/* 1-based EPW field, slot, missing code (value >= code is missing). */
static const struct { int field; int slot; double missing; const char *name; } fields[] = {
    { 7, WQ_TEMP, 99.9, "dry bulb temperature" },
    { 10, WQ_PRES, 999999.0, "atmospheric pressure" },
    { 14, WQ_GHI, 9999.0, "global horizontal radiation" },
    { 15, WQ_DNI, 9999.0, "direct normal radiation" },
    { 16, WQ_DHI, 9999.0, "diffuse horizontal radiation" },
    { 21, WQ_AT(0, WQH_DIR), 999.0, "wind direction" },
    { 22, WQ_AT(0, WQH_WIND), 999.0, "wind speed" },
    { 33, WQ_ALB, 999.0, "albedo" },
};
#define NFIELDS (sizeof fields / sizeof fields[0])
#define EPW_FIELDS 35

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int read_location(WxCtx *c)
{
    WxFile *f = c->f;
    if (wx_next_line(c) != 1 || wx_split(c) < 0 || !wx_name_is(c->fld[0], "LOCATION"))
        return wx_err(c, ST_CONFIG_SYNTAX, 1, 0, NULL, "EPW starts with a LOCATION line");
    if (c->nf < 10)
        return wx_err(c, ST_CONFIG_MISSING, c->line, c->nf + 1, NULL, "the LOCATION line has %d "
                      "fields; EPW gives city, state, country, source, WMO, latitude, longitude, "
                      "time zone, elevation", c->nf - 1);
    static const char *const what[] = { "latitude", "longitude", "time zone", "elevation" };
    static const double lo[] = { -90.0, -180.0, -12.0, -500.0 }, hi[] = { 90.0, 180.0, 14.0, 9000.0 };
    double x[4];
    for (int k = 0; k < 4; k++) {
        if (wx_parse(c->fld[6 + k], &x[k]) != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 7 + k, what[k], "'%s' is not a number",
                          c->fld[6 + k]);
        if (!(x[k] >= lo[k] && x[k] <= hi[k]))
            return wx_err(c, ST_CONFIG_RANGE, c->line, 7 + k, what[k], "%g is outside [%g, %g]",
                          x[k], lo[k], hi[k]);
    }
    f->has_location = 1;
    f->latitude_deg = x[0];
    f->longitude_deg = x[1];
    f->utc_offset_h = x[2];
    f->has_utc_offset = 1;
    f->elevation_m = x[3];
    char part[4][48];
    for (int k = 0; k < 3; k++) wx_trim_copy(part[k], sizeof part[k], c->fld[1 + k]);
    wx_trim_copy(part[3], sizeof part[3], c->fld[5]);
    size_t len = 0;
    for (int k = 0; k < 3; k++)
        if (part[k][0] && strcmp(part[k], "-") != 0 && strcmp(part[k], "unknown") != 0 &&
            len < sizeof f->site)
            len += (size_t)snprintf(f->site + len, sizeof f->site - len, "%s%s", len ? ", " : "", part[k]);
    if (part[3][0] && strcmp(part[3], "unknown") != 0 && len < sizeof f->site)
        snprintf(f->site + len, sizeof f->site - len, len ? " (WMO %s)" : "WMO %s", part[3]);
    return 0;
}

int wx_read_epw(WxCtx *c)
{
    WxFile *f = c->f;
    if (read_location(c) != 0) return -1;
    double loc_tz = f->utc_offset_h, pvgis_offset = NAN;
    int per_hour = 1;
    /* Header lines up to and including DATA PERIODS. */
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0 || c->line > 8)
            return wx_err(c, ST_CONFIG_MISSING, c->line, 0, NULL,
                          "no DATA PERIODS line among the 8 header lines");
        const char *tag = "Irradiance Time Offset (h):";
        char *p = strstr(c->buf, tag);
        if (p && starts_with(c->buf, "COMMENTS") && wx_parse(p + strlen(tag), &pvgis_offset) != 0)
            pvgis_offset = NAN;
        if (starts_with(c->buf, "DATA PERIODS")) {
            if (wx_split(c) < 0) return -1;
            double n;
            if (c->nf < 3 || wx_parse(c->fld[2], &n) != 0 || !(n >= 1 && n <= 60) || n != floor(n) ||
                60 % (int)n != 0)
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, 3, "records per hour",
                              "not a divisor of 60");
            per_hour = (int)n;
            break;
        }
    }
    f->n_heights = 1;
    f->height_m[0] = 10.0;          /* EPW wind: 10 m (the data dictionary) */
    f->source_step_min = 60 / per_hour;
    f->instant = 0;
    for (size_t k = 0; k < NFIELDS; k++)
        wx_set_slot(c, fields[k].slot, fields[k].field, fields[k].name);
    double v[WQ_MAX];
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0) break;
        if (c->buf[0] == '\0') {
            int r2;
            while ((r2 = wx_next_line(c)) == 1)
                if (c->buf[0]) return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                                             "a row after an empty line");
            if (r2 < 0) return -1;
            break;
        }
        if (wx_split(c) < 0) return -1;
        if (c->nf < EPW_FIELDS)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, c->nf + 1, NULL,
                          "the row has %d fields, EPW has %d", c->nf, EPW_FIELDS);
        double t[5];
        static const char *const tname[] = { "year", "month", "day", "hour", "minute" };
        for (int k = 0; k < 5; k++) {
            int pr = wx_field_num(c, k, tname[k], &t[k]);
            if (pr < 0) return -1;
            if (pr > 0 || t[k] != floor(t[k]))
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, k + 1, tname[k], "not a whole number");
        }
        if (!(t[3] >= 1 && t[3] <= 24))
            return wx_err(c, ST_CONFIG_RANGE, c->line, 4, "hour",
                          "%g is not 1..24 (EPW hours end at the stamp)", t[3]);
        /* Sub-hourly rows end at their minute; order them by the middle. */
        double minute = 0.0;
        if (per_hour > 1) {
            double step = 60.0 / per_hour;
            if (!(t[4] >= step && t[4] <= 60.0))
                return wx_err(c, ST_CONFIG_RANGE, c->line, 5, "minute",
                              "%g is not in [%g, 60] for %d records an hour", t[4], step, per_hour);
            minute = t[4] - step / 2.0;
        }
        for (int q = 0; q < WQ_MAX; q++) v[q] = NAN;
        for (size_t k = 0; k < NFIELDS; k++) {
            int q = fields[k].slot;
            int pr = wx_field_num(c, fields[k].field - 1, fields[k].name, &v[q]);
            if (pr < 0) return -1;
            if (pr > 0 || v[q] >= fields[k].missing) v[q] = NAN;
        }
        if (wx_row(c, (int)t[0], (int)t[1], (int)t[2], (int)t[3] - 1, minute, v) != 0) return -1;
    }
    if (!isnan(pvgis_offset)) {
        /* PVGIS: UTC rows; irradiance sampled at the hour's end + offset
         * (-0.8239 h: 0.1761 h after the hour's start). */
        double m = (1.0 + pvgis_offset) * 60.0;
        f->utc_offset_h = 0.0;
        if (m >= 0.0 && m < 60.0 && per_hour == 1) {
            f->instant = 1;
            f->sample_minute = m;
        }
        snprintf(f->note, sizeof f->note, "EPW written by PVGIS: records in UTC although the "
                 "LOCATION line says UTC%+g; irradiance sampled %.4g h after each hour's start "
                 "(COMMENTS 2 offset %.4g h from the hour's end)", loc_tz, 1.0 + pvgis_offset,
                 pvgis_offset);
    }
    return 0;
}
