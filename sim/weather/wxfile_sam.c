/* wxfile_sam.c — SAM CSV weather files (NSRDB TMY2/TMY3/PSM v3 as SAM
 * writes them, and any file following SAM's rules in NREL/ssc
 * shared/lib_weatherfile.cpp): line 1 names the site fields and line 2
 * gives their values; line 3 names the data columns; rows follow until an
 * empty line. Names match case-insensitively with SAM's synonyms. Hours
 * 1..24 are shifted to 0..23 (SAM's rule); without a Minute column a row
 * is the hour's average, with one it is sampled at that minute; rows
 * finer than an hour are averaged to hours (wxfile.c). */
#include "wxfile_int.h"

#include <math.h>
#include <string.h>

#define SAM_NAME 48

enum { C_YEAR, C_MONTH, C_DAY, C_HOUR, C_MINUTE, C_GHI, C_DNI, C_DHI, C_TDRY, C_PRES,
       C_WSPD, C_WDIR, C_ALB, C_N };

/* SAM's names for each column (lib_weatherfile.cpp), NULL-terminated. */
static const char *const col_names[C_N][6] = {
    [C_YEAR] = { "year", "yr", NULL },
    [C_MONTH] = { "month", "mo", NULL },
    [C_DAY] = { "day", NULL },
    [C_HOUR] = { "hour", "hr", NULL },
    [C_MINUTE] = { "minute", "min", NULL },
    [C_GHI] = { "ghi", "gh", "global horizontal", "global", NULL },
    [C_DNI] = { "dni", "dn", "beam", "direct normal", NULL },
    [C_DHI] = { "dhi", "df", "diffuse", "diffuse horizontal", NULL },
    [C_TDRY] = { "tdry", "temperature", "dry bulb", "tamb", NULL },
    [C_PRES] = { "pres", "pressure", NULL },
    [C_WSPD] = { "wspd", "wind speed", NULL },
    [C_WDIR] = { "wdir", "wind direction", NULL },
    [C_ALB] = { "alb", "albedo", "surface albedo", NULL },
};

enum { M_LAT, M_LON, M_TZ, M_LTZ, M_ELEV, M_ID, M_CITY, M_STATE, M_COUNTRY, M_N };
static const char *const meta_names[M_N][4] = {
    [M_LAT] = { "latitude", "lat", NULL },
    [M_LON] = { "longitude", "lon", "lng", NULL },
    [M_TZ] = { "time zone", "tz", NULL },
    [M_LTZ] = { "local time zone", NULL },
    [M_ELEV] = { "elevation", "elev", "site elevation", NULL },
    [M_ID] = { "location id", "station", "site", NULL },
    [M_CITY] = { "city", NULL },
    [M_STATE] = { "state", NULL },
    [M_COUNTRY] = { "country", NULL },
};

static int match(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (wx_name_is(s, *names)) return 1;
    return 0;
}

static int is_missing(const char *s)
{
    return wx_name_is(s, "") || wx_name_is(s, "n/a") || wx_name_is(s, "na") || wx_name_is(s, "nan");
}

/* A site field that says something (not empty, not "-"). */
static int says(const char *s) { return s[0] && strcmp(s, "-") != 0; }

static int read_meta(WxCtx *c)
{
    WxFile *f = c->f;
    static const char *const what[] = { "latitude", "longitude", "time zone" };
    char names[WX_MAX_FIELDS][SAM_NAME];
    char val[M_N][SAM_NAME] = { { 0 } };
    int vline[M_N] = { 0 }, vcol[M_N] = { 0 };
    if (wx_next_line(c) != 1) return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                                            "no site header (SAM CSV line 1)");
    int n1 = wx_split(c);
    if (n1 < 0) return -1;
    for (int i = 0; i < n1; i++) wx_trim_copy(names[i], SAM_NAME, c->fld[i]);
    if (wx_next_line(c) != 1) return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                                            "no site values (SAM CSV line 2)");
    int n2 = wx_split(c);
    if (n2 < 0) return -1;
    for (int i = 0; i < n1 && i < n2; i++)
        for (int m = 0; m < M_N; m++)
            if (match(names[i], meta_names[m])) {
                wx_trim_copy(val[m], SAM_NAME, c->fld[i]);
                vline[m] = c->line;
                vcol[m] = i + 1;
            }
    if (vcol[M_LTZ]) {                       /* SAM prefers Local Time Zone */
        memcpy(val[M_TZ], val[M_LTZ], SAM_NAME);
        vcol[M_TZ] = vcol[M_LTZ];
    }
    double x[3];
    for (int m = 0; m < 3; m++) {
        if (!vcol[m] || !val[m][0])
            return wx_err(c, ST_CONFIG_MISSING, vcol[m] ? vline[m] : 1, vcol[m], what[m],
                          "the site header gives no %s", what[m]);
        if (wx_parse(val[m], &x[m]) != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, vline[m], vcol[m], what[m],
                          "'%s' is not a number", val[m]);
    }
    static const double lim[3] = { 90.0, 180.0, 14.0 };
    for (int m = 0; m < 3; m++)
        if (!(fabs(x[m]) <= lim[m]) || (m == 2 && x[m] < -12.0))
            return wx_err(c, ST_CONFIG_RANGE, vline[m], vcol[m], what[m],
                          "%g is outside [%g, %g]", x[m], m == 2 ? -12.0 : -lim[m], lim[m]);
    f->has_location = 1;
    f->latitude_deg = x[0];
    f->longitude_deg = x[1];
    f->utc_offset_h = x[2];
    f->has_utc_offset = 1;
    if (vcol[M_ELEV] && val[M_ELEV][0]) {
        if (wx_parse(val[M_ELEV], &f->elevation_m) != 0 ||
            !(f->elevation_m >= -500.0 && f->elevation_m <= 9000.0))
            return wx_err(c, ST_CONFIG_RANGE, vline[M_ELEV], vcol[M_ELEV], "elevation",
                          "'%s' is not an elevation in metres (-500..9000)", val[M_ELEV]);
    }
    /* Site: "City, State, Country (Location ID)", from the parts present. */
    size_t len = 0;
    for (int m = M_CITY; m <= M_COUNTRY; m++)
        if (says(val[m]) && len < sizeof f->site)
            len += (size_t)snprintf(f->site + len, sizeof f->site - len, "%s%s",
                                    len ? ", " : "", val[m]);
    if (says(val[M_ID]) && len < sizeof f->site)
        snprintf(f->site + len, sizeof f->site - len, len ? " (%s)" : "%s", val[M_ID]);
    return 0;
}

int wx_read_sam(WxCtx *c)
{
    WxFile *f = c->f;
    if (read_meta(c) != 0) return -1;
    if (wx_next_line(c) != 1) return wx_err(c, ST_CONFIG_SYNTAX, c->line + 1, 0, NULL,
                                            "no column names (SAM CSV line 3)");
    int ncol = wx_split(c);
    if (ncol < 0) return -1;
    int col[C_N] = { 0 };           /* 1-based, 0 = absent */
    int last = 0;                   /* the last named column */
    for (int i = 0; i < ncol; i++) {
        if (c->fld[i][0]) last = i + 1;
        for (int k = 0; k < C_N; k++)
            if (!col[k] && match(c->fld[i], col_names[k])) {
                col[k] = i + 1;
                /* slots take the file's own name for messages */
                static const int slot[C_N] = { -1, -1, -1, -1, -1, WQ_GHI, WQ_DNI, WQ_DHI,
                                               WQ_TEMP, WQ_PRES, WQ_AT(0, WQH_WIND),
                                               WQ_AT(0, WQH_DIR), WQ_ALB };
                if (slot[k] >= 0) wx_set_slot(c, slot[k], i + 1, c->fld[i]);
            }
    }
    static const char *const req[] = { "Month", "Day", "Hour" };
    for (int k = C_MONTH; k <= C_HOUR; k++)
        if (!col[k]) return wx_err(c, ST_CONFIG_MISSING, c->line, 0, NULL,
                                   "no %s column in the column names", req[k - C_MONTH]);
    f->n_heights = 1;
    f->height_m[0] = 10.0;          /* SAM CSV wind: station height, about 10 m */
    f->instant = col[C_MINUTE] != 0;
    f->source_step_min = 60;
    int shift = -1;                 /* 1: hours run 1..24 (SAM subtracts 1) */
    double v[WQ_MAX];
    for (;;) {
        int r = wx_next_line(c);
        if (r < 0) return -1;
        if (r == 0 || c->buf[0] == '\0') break;
        int n = wx_split(c);
        if (n < 0) return -1;
        if (n < last)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, n + 1, NULL,
                          "the row has %d fields, the column names %d", n, last);
        for (int i = ncol; i < n; i++)
            if (c->fld[i][0])
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, NULL,
                              "a value beyond the %d named columns", ncol);
        double t[C_MINUTE + 1] = { 0 };
        static const char *const tname[] = { "Year", "Month", "Day", "Hour", "Minute" };
        for (int k = C_YEAR; k <= C_MINUTE; k++) {
            if (!col[k]) continue;
            int r2 = wx_field_num(c, col[k] - 1, tname[k], &t[k]);
            if (r2 < 0) return -1;
            if (r2 > 0) return wx_err(c, ST_CONFIG_SYNTAX, c->line, col[k], tname[k], "empty");
            if (k != C_MINUTE && t[k] != floor(t[k]))
                return wx_err(c, ST_CONFIG_SYNTAX, c->line, col[k], tname[k],
                              "%g is not a whole number", t[k]);
        }
        if (shift < 0) shift = t[C_HOUR] == 1.0;
        int hour = (int)t[C_HOUR] - shift;
        if (shift && t[C_HOUR] == 0.0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, col[C_HOUR], "Hour",
                          "hour 0 in a file whose hours run 1..24 (its first row has hour 1)");
        if (!shift && t[C_HOUR] == 24.0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, col[C_HOUR], "Hour",
                          "hour 24 in a file whose hours run 0..23 (its first row has hour 0)");
        for (int q = 0; q < WQ_MAX; q++) v[q] = NAN;
        for (int q = 0; q < WQ_SURF + WQH_N; q++) {
            if (!c->col[q]) continue;
            const char *s = c->fld[c->col[q] - 1];
            if (is_missing(s)) continue;
            if (wx_field_num(c, c->col[q] - 1, c->qname[q], &v[q]) != 0) return -1;
        }
        if (c->col[WQ_PRES] && !isnan(v[WQ_PRES])) v[WQ_PRES] *= 100.0;   /* mbar */
        if (wx_row(c, (int)t[C_YEAR], (int)t[C_MONTH], (int)t[C_DAY], hour, t[C_MINUTE], v) != 0)
            return -1;
    }
    f->sample_minute = f->instant ? c->minute0 : 0.0;
    if (shift == 1)
        snprintf(f->note, sizeof f->note, "hours 1..24 in the file, shifted to 0..23 as SAM does");
    return 0;
}
