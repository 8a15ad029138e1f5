/* wxfile_srw.c — SAM wind resource files (.srw; NREL/ssc
 * shared/lib_windfile.cpp): line 1 site fields, line 2 a description,
 * lines 3-5 the quantity, unit and height of each column, then one row
 * per hour of a 365-day year from 1 January 00:00 local standard time,
 * without stamps. Pressure in atm follows SAM's rule (0.5..1.1 is atm,
 * anything else Pa). */
#include "wxfile_int.h"

#include <math.h>
#include <string.h>

enum { K_TEMP, K_PRES, K_SPEED, K_DIR, K_N };

static int kind_of(const char *s)
{
    if (wx_name_is(s, "temperature") || wx_name_is(s, "temp")) return K_TEMP;
    if (wx_name_is(s, "pressure") || wx_name_is(s, "pres")) return K_PRES;
    if (wx_name_is(s, "speed") || wx_name_is(s, "velocity")) return K_SPEED;
    if (wx_name_is(s, "direction") || wx_name_is(s, "dir")) return K_DIR;
    return -1;
}

/* Unit conversion of a column: value * scale + offset; atm: SAM's rule. */
typedef struct { double scale, offset; int atm; } Conv;

static int unit_of(int kind, const char *u, Conv *cv)
{
    cv->scale = 1.0; cv->offset = 0.0; cv->atm = 0;
    switch (kind) {
    case K_TEMP:
        if (wx_name_is(u, "c") || wx_name_is(u, "degc")) return 0;
        if (wx_name_is(u, "k")) { cv->offset = -273.15; return 0; }
        return -1;
    case K_PRES:
        if (wx_name_is(u, "atm")) { cv->atm = 1; return 0; }
        if (wx_name_is(u, "pa")) return 0;
        if (wx_name_is(u, "kpa")) { cv->scale = 1000.0; return 0; }
        if (wx_name_is(u, "mbar") || wx_name_is(u, "hpa")) { cv->scale = 100.0; return 0; }
        return -1;
    case K_SPEED:
        return wx_name_is(u, "m/s") ? 0 : -1;
    default:
        return wx_name_is(u, "degrees") || wx_name_is(u, "deg") || wx_name_is(u, "degree") ? 0 : -1;
    }
}

static int read_site(WxCtx *c)
{
    WxFile *f = c->f;
    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no site line (SRW line 1)");
    if (c->nf < 8)
        return wx_err(c, ST_CONFIG_MISSING, c->line, c->nf + 1, NULL,
                      "the site line has %d fields; SRW gives id, city, state, country, year, "
                      "latitude, longitude, elevation[, time zone, records]", c->nf);
    double lat, lon, elev, tz;
    int has_lat = wx_parse(c->fld[5], &lat) == 0, has_lon = wx_parse(c->fld[6], &lon) == 0;
    if (has_lat && has_lon) {
        if (!(fabs(lat) <= 90.0))
            return wx_err(c, ST_CONFIG_RANGE, c->line, 6, "latitude", "%g is outside [-90, 90]", lat);
        if (!(fabs(lon) <= 180.0))
            return wx_err(c, ST_CONFIG_RANGE, c->line, 7, "longitude", "%g is outside [-180, 180]", lon);
        f->has_location = 1;
        f->latitude_deg = lat;
        f->longitude_deg = lon;
    }
    if (wx_parse(c->fld[7], &elev) != 0 || !(elev >= -500.0 && elev <= 9000.0))
        return wx_err(c, ST_CONFIG_RANGE, c->line, 8, "elevation",
                      "'%s' is not an elevation in metres (-500..9000)", c->fld[7]);
    f->elevation_m = elev;
    /* Field 9: the time zone in older files (-7 in NREL/AWS Truepower
     * ones), the time step in hours (1) in newer ones; a whole number in
     * -12..14 other than 1 is taken as the time zone. */
    if (c->nf >= 9 && wx_parse(c->fld[8], &tz) == 0 && tz == floor(tz) && tz >= -12.0 &&
        tz <= 14.0 && tz != 1.0) {
        f->utc_offset_h = tz;
        f->has_utc_offset = 1;
    }
    char state[48], country[48];
    wx_trim_copy(state, sizeof state, c->fld[2]);
    wx_trim_copy(country, sizeof country, c->fld[3]);
    if (wx_next_line(c) != 1)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line + 1, 0, NULL, "no description (SRW line 2)");
    wx_trim_copy(f->site, sizeof f->site, c->buf);
    if (!f->site[0]) snprintf(f->site, sizeof f->site, "%s, %s", state, country);
    return 0;
}

int wx_read_srw(WxCtx *c)
{
    WxFile *f = c->f;
    if (read_site(c) != 0) return -1;
    int kind[WX_MAX_FIELDS];
    char names[WX_MAX_FIELDS][32];
    Conv conv[WX_MAX_FIELDS];
    double height[WX_MAX_FIELDS];
    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no quantity names (SRW line 3)");
    int ncol = c->nf;
    for (int i = 0; i < ncol; i++) {
        kind[i] = kind_of(c->fld[i]);
        wx_trim_copy(names[i], sizeof names[i], c->fld[i]);
        if (kind[i] < 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, names[i], "not an SRW quantity "
                          "(Temperature, Pressure, Speed, Direction)");
    }
    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no units (SRW line 4)");
    if (c->nf < ncol)
        return wx_err(c, ST_CONFIG_MISSING, c->line, c->nf + 1, NULL,
                      "%d units for %d quantities", c->nf, ncol);
    for (int i = 0; i < ncol; i++)
        if (unit_of(kind[i], c->fld[i], &conv[i]) != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, names[i], "unit '%s' is not one "
                          "ecsim reads for %s", c->fld[i], names[i]);
    if (wx_next_line(c) != 1 || wx_split(c) < 0)
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "no heights (SRW line 5)");
    if (c->nf < ncol)
        return wx_err(c, ST_CONFIG_MISSING, c->line, c->nf + 1, NULL,
                      "%d heights for %d quantities", c->nf, ncol);
    for (int i = 0; i < ncol; i++)
        if (wx_parse(c->fld[i], &height[i]) != 0 || !(height[i] >= 0.0 && height[i] <= 1000.0))
            return wx_err(c, ST_CONFIG_RANGE, c->line, i + 1, names[i],
                          "'%s' is not a height in metres (0..1000)", c->fld[i]);
    /* The heights with a speed, lowest first; the other quantities go to
     * the speed height they were measured at, or the nearest one. */
    int nh = 0;
    for (int i = 0; i < ncol; i++) {
        if (kind[i] != K_SPEED) continue;
        int dup = 0;
        for (int h = 0; h < nh; h++) dup |= f->height_m[h] == height[i];
        if (dup) return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, names[i],
                               "a second Speed column at %g m", height[i]);
        if (nh == WXF_MAX_HEIGHTS)
            return wx_err(c, ST_CONFIG_RANGE, c->line, i + 1, names[i],
                          "more than %d heights", WXF_MAX_HEIGHTS);
        int h = nh++;
        while (h > 0 && f->height_m[h - 1] > height[i]) { f->height_m[h] = f->height_m[h - 1]; h--; }
        f->height_m[h] = height[i];
    }
    if (nh == 0) return wx_err(c, ST_CONFIG_MISSING, c->line - 2, 0, NULL, "no Speed column");
    f->n_heights = nh;
    static const int hk[K_N] = { WQH_TEMP, WQH_PRES, WQH_WIND, WQH_DIR };
    int slot_of_col[WX_MAX_FIELDS];
    for (int i = 0; i < ncol; i++) {
        int best = 0;
        for (int h = 1; h < nh; h++)
            if (fabs(f->height_m[h] - height[i]) < fabs(f->height_m[best] - height[i])) best = h;
        int q = WQ_AT(best, hk[kind[i]]);
        slot_of_col[i] = -1;
        if (c->col[q]) {
            if (f->height_m[best] == height[i] && kind[i] != K_SPEED)
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, names[i],
                              "a second %s column at %g m", names[i], height[i]);
            continue;              /* another height's extra column: not used */
        }
        char nm[48];
        snprintf(nm, sizeof nm, "%s at %g m", names[i], height[i]);
        wx_set_slot(c, q, i + 1, nm);
        slot_of_col[i] = q;
    }
    f->source_step_min = 60;
    f->instant = 0;
    double v[WQ_MAX];
    int row = 0;
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0) break;
        if (c->buf[0] == '\0') {     /* only empty lines may follow */
            int r2;
            while ((r2 = wx_next_line(c)) == 1)
                if (c->buf[0]) return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                                             "a row after an empty line");
            if (r2 < 0) return -1;
            break;
        }
        if (wx_split(c) < 0) return -1;
        if (c->nf != ncol)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, c->nf < ncol ? c->nf + 1 : ncol + 1, NULL,
                          "the row has %d fields, the header %d", c->nf, ncol);
        for (int q = 0; q < WQ_MAX; q++) v[q] = NAN;
        for (int i = 0; i < ncol; i++) {
            int q = slot_of_col[i];
            if (q < 0) continue;
            if (wx_name_is(c->fld[i], "n/a")) continue;   /* SAM's missing value */
            double x;
            int pr = wx_field_num(c, i, c->qname[q], &x);
            if (pr < 0) return -1;
            if (pr > 0) return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, c->qname[q],
                                      "empty (SRW marks a missing value N/A)");
            if (conv[i].atm) x = x >= 0.5 && x <= 1.1 ? x * 101325.0 : x;
            else x = x * conv[i].scale + conv[i].offset;
            v[q] = x;
        }
        if (row >= 8760)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "more than 8760 rows");
        int day = row / 24, m = 1;
        while (day >= wx_days_in_month(m)) day -= wx_days_in_month(m++);
        if (wx_row(c, 0, m, day + 1, row % 24, 0.0, v) != 0) return -1;
        row++;
    }
    return 0;
}
