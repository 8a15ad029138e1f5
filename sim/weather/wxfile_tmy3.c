/* wxfile_tmy3.c — NSRDB TMY3 CSV files (NREL/TP-581-43156, "Users Manual
 * for TMY3 Data Sets"): line 1 station id, "name", state, time zone,
 * latitude, longitude, elevation; line 2 the column names; then 8760 rows
 * stamped MM/DD/YYYY,HH:MM in local standard time, hour ending: 01:00 is
 * the hour 00:00-01:00 and 24:00 the last hour of the same date.
 * Irradiance is the total over that hour, so a record is the hour's
 * average. A value is missing when its source flag is '?' or it is -9900
 * (the manual's codes). */
#include "wxfile_int.h"

#include <math.h>
#include <string.h>

/* Column names up to " (unit)", with their slot. */
static const struct { const char *name; int slot; double scale; } cols[] = {
    { "GHI", WQ_GHI, 1.0 }, { "DNI", WQ_DNI, 1.0 }, { "DHI", WQ_DHI, 1.0 },
    { "Dry-bulb", WQ_TEMP, 1.0 }, { "Pressure", WQ_PRES, 100.0 },   /* mbar */
    { "Wspd", WQ_AT(0, WQH_WIND), 1.0 }, { "Wdir", WQ_AT(0, WQH_DIR), 1.0 },
    { "Alb", WQ_ALB, 1.0 },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* s is name, optionally followed by " (unit)". */
static int base_is(const char *s, const char *name)
{
    char b[64];
    wx_trim_copy(b, sizeof b, s);
    char *p = strstr(b, " (");
    if (p) *p = '\0';
    return wx_name_is(b, name);
}

static int two_digits(const char *s, int *v)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return -1;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return 0;
}

int wx_read_tmy3(WxCtx *c)
{
    WxFile *f = c->f;
    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no station line (TMY3 line 1)");
    if (c->nf < 7)
        return wx_err(c, ST_CONFIG_MISSING, c->line, c->nf + 1, NULL, "the station line has %d "
                      "fields; TMY3 gives id, name, state, time zone, latitude, longitude, "
                      "elevation", c->nf);
    static const char *const what[] = { "time zone", "latitude", "longitude", "elevation" };
    static const double lo[] = { -12.0, -90.0, -180.0, -500.0 }, hi[] = { 14.0, 90.0, 180.0, 9000.0 };
    double x[4];
    for (int k = 0; k < 4; k++) {
        if (wx_parse(c->fld[3 + k], &x[k]) != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 4 + k, what[k], "'%s' is not a number",
                          c->fld[3 + k]);
        if (!(x[k] >= lo[k] && x[k] <= hi[k]))
            return wx_err(c, ST_CONFIG_RANGE, c->line, 4 + k, what[k], "%g is outside [%g, %g]",
                          x[k], lo[k], hi[k]);
    }
    f->utc_offset_h = x[0];
    f->has_utc_offset = 1;
    f->latitude_deg = x[1];
    f->longitude_deg = x[2];
    f->elevation_m = x[3];
    f->has_location = 1;
    char id[16], name[80], state[16];
    wx_trim_copy(id, sizeof id, c->fld[0]);
    wx_trim_copy(name, sizeof name, c->fld[1]);
    wx_trim_copy(state, sizeof state, c->fld[2]);
    snprintf(f->site, sizeof f->site, "%s, %s (%s)", name, state, id);

    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no column names (TMY3 line 2)");
    int ncol = c->nf, flag[WQ_MAX] = { 0 };
    double scale[WQ_MAX];
    if (!base_is(c->fld[0], "Date") || ncol < 2 || !base_is(c->fld[1], "Time"))
        return wx_err(c, ST_CONFIG_MISSING, c->line, 1, NULL,
                      "TMY3 rows start with Date (MM/DD/YYYY) and Time (HH:MM)");
    for (int i = 2; i < ncol; i++)
        for (size_t k = 0; k < NCOLS; k++)
            if (!c->col[cols[k].slot] && base_is(c->fld[i], cols[k].name)) {
                wx_set_slot(c, cols[k].slot, i + 1, c->fld[i]);
                scale[cols[k].slot] = cols[k].scale;
                /* the source flag follows the value: "<name> source" */
                if (i + 1 < ncol && strstr(c->fld[i + 1], "source")) flag[cols[k].slot] = i + 2;
            }
    f->n_heights = 1;
    f->height_m[0] = 10.0;
    f->source_step_min = 60;
    f->instant = 0;
    double v[WQ_MAX];
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0 || c->buf[0] == '\0') break;
        if (wx_split(c) < 0) return -1;
        if (c->nf != ncol)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, c->nf < ncol ? c->nf + 1 : ncol + 1, NULL,
                          "the row has %d fields, the column names %d", c->nf, ncol);
        const char *d = c->fld[0], *t = c->fld[1];
        int mo, dy, yr = 0, hh, mm;
        if (strlen(d) != 10 || two_digits(d, &mo) || d[2] != '/' || two_digits(d + 3, &dy) ||
            d[5] != '/' || two_digits(d + 6, &yr) || two_digits(d + 8, &hh))
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 1, "Date", "'%s' is not MM/DD/YYYY", d);
        yr = yr * 100 + hh;
        if (strlen(t) != 5 || two_digits(t, &hh) || t[2] != ':' || two_digits(t + 3, &mm) || mm != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 2, "Time", "'%s' is not HH:00", t);
        if (hh < 1 || hh > 24)
            return wx_err(c, ST_CONFIG_RANGE, c->line, 2, "Time",
                          "hour %d is not 01..24 (TMY3 hours end at the stamp)", hh);
        for (int q = 0; q < WQ_MAX; q++) v[q] = NAN;
        for (int q = 0; q < WQ_SURF + WQH_N; q++) {
            if (!c->col[q]) continue;
            if (flag[q] && strcmp(c->fld[flag[q] - 1], "?") == 0) continue;   /* missing */
            int pr = wx_field_num(c, c->col[q] - 1, c->qname[q], &v[q]);
            if (pr < 0) return -1;
            if (pr > 0 || v[q] == -9900.0) { v[q] = NAN; continue; }
            v[q] *= scale[q];
        }
        if (wx_row(c, yr, mo, dy, hh - 1, 0.0, v) != 0) return -1;
    }
    return 0;
}
