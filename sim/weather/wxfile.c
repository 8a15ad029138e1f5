/* wxfile.c — the common part of the weather-file readers (wxfile.h,
 * docs/weather-files.md): format recognition by content, the line reader
 * and field splitter, a fast decimal parser, and the record sink (29
 * February dropped, stamps checked hour by hour, sub-hourly rows averaged,
 * ranges checked, short gaps filled). Each format's reader is in
 * wxfile_<format>.c. No per-row allocation: one buffer per file. */
#include "wxfile_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "infile.h"

#define PI 3.14159265358979323846

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const char *const month_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

int wx_days_in_month(int month) { return month_days[month - 1]; }

/* ---- names --------------------------------------------------------------- */

static const struct { WxFormat fmt; const char *name; } formats[] = {
    { WXF_SAM_CSV, "sam-csv" }, { WXF_TMY3, "tmy3" }, { WXF_EPW, "epw" },
    { WXF_SRW, "srw" }, { WXF_PVGIS_CSV, "pvgis-csv" },
};

const char *wxfile_format_name(WxFormat format)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].fmt == format) return formats[i].name;
    return "auto";
}

WxFormat wxfile_format_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0) return formats[i].fmt;
    return WXF_AUTO;
}

WxFile *wxfile_new(void) { return calloc(1, sizeof(WxFile)); }
void wxfile_free(WxFile *f) { free(f); }

/* ---- lines, fields, numbers --------------------------------------------- */

int wx_err(WxCtx *c, Status st, int line, int col, const char *name, const char *fmt, ...)
{
    char msg[384], setting[128] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col > 0 && name && name[0]) snprintf(setting, sizeof setting, "column %d (%s)", col, name);
    else if (col > 0) snprintf(setting, sizeof setting, "column %d", col);
    diag_error(c->d, st, c->path, line, setting, "%s", msg);
    return -1;
}

int wx_next_line(WxCtx *c)
{
    long n = infile_line(c->fp, &c->buf, &c->cap, WX_MAX_LINE);
    if (n == -1) {
        if (ferror(c->fp)) return wx_err(c, ST_IO, c->line, 0, NULL, "read error");
        return 0;
    }
    c->line++;
    if (n == -2) return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                               "line longer than %d bytes", WX_MAX_LINE);
    size_t len = (size_t)n;
    if (memchr(c->buf, '\0', len))
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "a NUL byte: not a text file");
    while (len > 0 && (c->buf[len - 1] == '\n' || c->buf[len - 1] == '\r')) len--;
    c->buf[len] = '\0';
    return 1;
}

int wx_split(WxCtx *c)
{
    char *p = c->buf;
    int n = 0;
    for (;;) {
        if (n == WX_MAX_FIELDS)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL, "more than %d fields", WX_MAX_FIELDS);
        if (*p == '"') {                   /* quoted: up to the closing quote */
            char *q = strchr(p + 1, '"');
            if (q) {
                c->fld[n++] = p + 1;
                *q = '\0';
                p = q + 1;
                while (*p && *p != ',') p++;
                if (!*p) break;
                p++;
                continue;
            }
        }
        c->fld[n++] = p;
        while (*p && *p != ',') p++;
        if (!*p) break;
        *p++ = '\0';
    }
    c->nf = n;
    return n;
}

static const double pow10_tab[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Decimal numbers with an optional exponent. A mantissa below 2^53 scaled
 * by a power of ten up to 10^22 is exact in one correctly rounded
 * operation (Clinger's fast path); anything else goes to strtod. */
int wx_parse(const char *s, double *v)
{
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) return 1;
    const char *p = s;
    int neg = 0;
    if (*p == '-' || *p == '+') neg = (*p++ == '-');
    uint64_t m = 0;
    int sig = 0, digits = 0, scale = 0, slow = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (sig < 19) { m = m * 10 + (uint64_t)(*p - '0'); if (m) sig++; }
        else { scale++; slow = 1; }
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            if (sig < 19) { m = m * 10 + (uint64_t)(*p - '0'); if (m) sig++; scale--; }
            else slow = 1;
        }
    }
    if (digits == 0) return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0, e = 0, ed = 0;
        if (*p == '-' || *p == '+') eneg = (*p++ == '-');
        for (; *p >= '0' && *p <= '9'; p++, ed++) if (e < 10000) e = e * 10 + (*p - '0');
        if (ed == 0) return -1;
        scale += eneg ? -e : e;
    }
    while (*p == ' ' || *p == '\t') p++;
    if (*p) return -1;
    if (!slow && m < ((uint64_t)1 << 53) && scale >= -22 && scale <= 22) {
        double x = (double)m;
        x = scale < 0 ? x / pow10_tab[-scale] : x * pow10_tab[scale];
        *v = neg ? -x : x;
        return 0;
    }
    char *end;
    double x = strtod(s, &end);
    *v = x;
    return isfinite(x) ? 0 : -1;
}

int wx_field_num(WxCtx *c, int i, const char *what, double *v)
{
    if (i >= c->nf) {
        wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, what,
               "missing: the row has %d fields", c->nf);
        return -1;
    }
    int r = wx_parse(c->fld[i], v);
    if (r < 0) {
        char shown[40];
        snprintf(shown, sizeof shown, "%s", c->fld[i]);
        wx_err(c, ST_CONFIG_SYNTAX, c->line, i + 1, what, "'%s' is not a number", shown);
    }
    return r;
}

int wx_name_is(const char *s, const char *name)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)name[i])) return 0;
    s += n;
    while (*s == ' ' || *s == '\t') s++;
    return *s == '\0';
}

void wx_trim_copy(char *out, size_t n, const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len >= n) len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* ---- slots ---------------------------------------------------------------- */

static double *slot_array(WxFile *f, int q)
{
    switch (q) {
    case WQ_GHI: return f->ghi_wm2;
    case WQ_DNI: return f->dni_wm2;
    case WQ_DHI: return f->dhi_wm2;
    case WQ_TEMP: return f->temp_c;
    case WQ_PRES: return f->pressure_pa;
    case WQ_ALB: return f->albedo;
    default: break;
    }
    int h = (q - WQ_SURF) / WQH_N, k = (q - WQ_SURF) % WQH_N;
    switch (k) {
    case WQH_WIND: return f->wind_ms[h];
    case WQH_DIR: return f->wind_dir_deg[h];
    case WQH_TEMP: return f->temp_at_c[h];
    default: return f->pressure_at_pa[h];
    }
}

static int slot_is_dir(int q) { return q >= WQ_SURF && (q - WQ_SURF) % WQH_N == WQH_DIR; }

void wx_set_slot(WxCtx *c, int q, int col, const char *name)
{
    c->col[q] = col;
    wx_trim_copy(c->qname[q], sizeof c->qname[q], name);
}

/* Physical range of each slot kind, in the record units (W/m2, degC, Pa,
 * fraction, m/s, degrees): wide enough for any climate and elevation,
 * narrow enough to catch a wrong unit or a shifted column. */
static void slot_range(int q, double *lo, double *hi)
{
    int k = q < WQ_SURF ? q : WQ_SURF + (q - WQ_SURF) % WQH_N;
    switch (k) {
    case WQ_GHI: case WQ_DNI: case WQ_DHI: *lo = -10.0; *hi = 1800.0; return;
    case WQ_TEMP: case WQ_SURF + WQH_TEMP: *lo = -90.0; *hi = 70.0; return;
    case WQ_PRES: case WQ_SURF + WQH_PRES: *lo = 30000.0; *hi = 110000.0; return;
    case WQ_ALB: *lo = 0.0; *hi = 1.0; return;
    case WQ_SURF + WQH_WIND: *lo = 0.0; *hi = 120.0; return;
    default: *lo = 0.0; *hi = 360.0; return;
    }
}

static const char *slot_unit(int q)
{
    int k = q < WQ_SURF ? q : WQ_SURF + (q - WQ_SURF) % WQH_N;
    switch (k) {
    case WQ_GHI: case WQ_DNI: case WQ_DHI: return "W/m2";
    case WQ_TEMP: case WQ_SURF + WQH_TEMP: return "degC";
    case WQ_PRES: case WQ_SURF + WQH_PRES: return "Pa";
    case WQ_ALB: return "";
    case WQ_SURF + WQH_WIND: return "m/s";
    default: return "degrees";
    }
}

static int nslots(const WxCtx *c) { return WQ_SURF + WQH_N * c->f->n_heights; }

/* ---- the record sink ----------------------------------------------------- */

static void stamp_text(char *out, size_t n, int idx)
{
    int day = idx / 24, hour = idx % 24, m = 0;
    while (m < 11 && day >= month_days[m]) day -= month_days[m++];
    snprintf(out, n, "%d %s %02d:00", day + 1, month_abbr[m], hour);
}

static void reset_acc(WxCtx *c)
{
    for (int q = 0; q < WQ_MAX; q++) { c->sum[q] = c->ssin[q] = c->scos[q] = 0.0; c->cnt[q] = 0; }
    c->open_n = 0;
}

static int close_hour(WxCtx *c)
{
    WxFile *f = c->f;
    if (c->steps == 0) {
        c->steps = c->open_n;
        if (60 % c->steps != 0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                          "%d rows in the first hour: not a whole number of minutes each", c->steps);
    } else if (c->open_n != c->steps) {
        char t[32];
        stamp_text(t, sizeof t, c->open_idx);
        return wx_err(c, ST_CONFIG_SYNTAX, c->src_line[c->nrec], 0, NULL,
                      "%d rows for the hour %s, the file's step needs %d",
                      c->open_n, t, c->steps);
    }
    int i = c->nrec, idx = c->open_idx, day = idx / 24, m = 0;
    while (m < 11 && day >= month_days[m]) day -= month_days[m++];
    f->year[i] = (short)c->year_open;
    f->month[i] = (unsigned char)(m + 1);
    f->day[i] = (unsigned char)(day + 1);
    f->hour[i] = (unsigned char)(idx % 24);
    for (int q = 0; q < nslots(c); q++) {
        if (!c->col[q]) continue;
        double v = NAN;
        if (c->cnt[q] > 0) {
            if (slot_is_dir(q)) {
                v = atan2(c->ssin[q], c->scos[q]) * 180.0 / PI;
                if (v < 0.0) v += 360.0;
                if (c->cnt[q] == 1) v = c->sum[q];   /* keep a single value exactly */
            } else {
                v = c->sum[q] / c->cnt[q];
            }
        }
        slot_array(f, q)[i] = v;
    }
    c->nrec++;
    c->open = 0;
    reset_acc(c);
    return 0;
}

int wx_row(WxCtx *c, int year, int month, int day, int hour, double minute, const double *v)
{
    if (month < 1 || month > 12)
        return wx_err(c, ST_CONFIG_RANGE, c->line, 0, NULL, "month %d is not 1..12", month);
    if (month == 2 && day == 29) { c->dropped_leap++; return 0; }
    if (day < 1 || day > month_days[month - 1])
        return wx_err(c, ST_CONFIG_RANGE, c->line, 0, NULL, "day %d of month %d does not exist",
                      day, month);
    if (hour < 0 || hour > 23)
        return wx_err(c, ST_CONFIG_RANGE, c->line, 0, NULL, "hour %d is not 0..23 after the "
                      "format's hour convention", hour);
    if (!(minute >= 0.0 && minute < 60.0))
        return wx_err(c, ST_CONFIG_RANGE, c->line, 0, NULL, "minute %g is not in [0, 60)", minute);
    int doy = 0;
    for (int m = 1; m < month; m++) doy += month_days[m - 1];
    int idx = (doy + day - 1) * 24 + hour;
    if (c->open && idx == c->open_idx) {
        if (!(minute > c->last_minute)) {
            char t[32];
            stamp_text(t, sizeof t, idx);
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                          "minute %g of %s does not follow minute %g: rows out of order",
                          minute, t, c->last_minute);
        }
    } else {
        if (c->open && close_hour(c) != 0) return -1;
        if (c->nrec >= 8760)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                          "more than one year of records (8760 hours after dropping 29 February)");
        if (idx != c->nrec) {
            char want[32], got[32];
            stamp_text(want, sizeof want, c->nrec);
            stamp_text(got, sizeof got, idx);
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                          "found %s where %s was expected: hours missing or out of order",
                          got, want);
        }
        if (c->first_minute_set && minute != c->minute0)
            return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                          "the hour starts at minute %g, the first row's at %g: rows must keep "
                          "one step", minute, c->minute0);
        c->open = 1;
        c->open_idx = idx;
        c->year_open = year;
        c->src_line[c->nrec] = c->line;
    }
    if (!c->first_minute_set) { c->minute0 = minute; c->first_minute_set = 1; }
    c->last_minute = minute;
    c->open_n++;
    for (int q = 0; q < nslots(c); q++) {
        if (!c->col[q] || isnan(v[q])) continue;
        double lo, hi;
        slot_range(q, &lo, &hi);
        if (!(v[q] >= lo && v[q] <= hi))
            return wx_err(c, ST_CONFIG_RANGE, c->line, c->col[q], c->qname[q],
                          "%g %s is outside [%g, %g]", v[q], slot_unit(q), lo, hi);
        c->sum[q] += v[q];
        c->cnt[q]++;
        if (slot_is_dir(q)) {
            c->ssin[q] += sin(v[q] * PI / 180.0);
            c->scos[q] += cos(v[q] * PI / 180.0);
        }
    }
    return 0;
}

/* Linear interpolation over runs of at most WX_MAX_GAP_H missing hours
 * (a direction along the shorter arc); a run at either end of the year
 * takes the nearest value. A longer run is an error at its first row. */
static int fill_gaps(WxCtx *c, int q, double *a, int n)
{
    int i = 0;
    while (i < n) {
        if (!isnan(a[i])) { i++; continue; }
        int j = i;
        while (j < n && isnan(a[j])) j++;
        int len = j - i;
        if (len > WX_MAX_GAP_H) {
            char t0[32], t1[32];
            stamp_text(t0, sizeof t0, i);
            stamp_text(t1, sizeof t1, j - 1);
            return wx_err(c, ST_CONFIG_INVALID, c->src_line[i], c->col[q], c->qname[q],
                          "%d hours missing (%s to %s); at most %d in a row are filled",
                          len, t0, t1, WX_MAX_GAP_H);
        }
        for (int k = i; k < j; k++) {
            double x;
            if (i == 0) x = a[j];
            else if (j == n) x = a[i - 1];
            else {
                double y0 = a[i - 1], y1 = a[j], w = (double)(k - i + 1) / (double)(len + 1);
                if (slot_is_dir(q)) {
                    double dy = fmod(y1 - y0 + 540.0, 360.0) - 180.0;
                    x = fmod(y0 + w * dy + 360.0, 360.0);
                } else {
                    x = y0 + w * (y1 - y0);
                }
            }
            a[k] = x;
            c->f->filled++;
        }
        i = j;
    }
    return 0;
}

static int longest_gap(const double *a, int n)
{
    int best = 0, run = 0;
    for (int i = 0; i < n; i++) {
        run = isnan(a[i]) ? run + 1 : 0;
        if (run > best) best = run;
    }
    return best;
}

static const unsigned slot_has[WQ_SURF] = {
    WXF_HAS_GHI, WXF_HAS_DNI, WXF_HAS_DHI, WXF_HAS_TEMP, WXF_HAS_PRESSURE, WXF_HAS_ALBEDO
};

int wx_finish(WxCtx *c)
{
    WxFile *f = c->f;
    if (c->open && close_hour(c) != 0) return -1;
    if (c->nrec != 8760) {
        char want[32];
        stamp_text(want, sizeof want, c->nrec);
        return wx_err(c, ST_CONFIG_SYNTAX, c->line, 0, NULL,
                      "the records end after %d hours, before %s: a year needs 8760",
                      c->nrec, want);
    }
    f->hours = c->nrec;
    f->source_step_min = 60 / c->steps;
    if (c->steps > 1) { f->instant = 0; f->sample_minute = 0.0; }   /* averaged to hours */
    f->has = 0;
    for (int q = 0; q < nslots(c); q++) {
        double *a = slot_array(f, q);
        if (!c->col[q]) { memset(a, 0, sizeof(double) * WXF_MAX_RECORDS); continue; }
        int present = 0;
        for (int i = 0; i < f->hours && !present; i++) present = !isnan(a[i]);
        if (!present) {           /* a column of missing codes only: absent */
            memset(a, 0, sizeof(double) * WXF_MAX_RECORDS);
            c->col[q] = 0;
            continue;
        }
        if (q == WQ_ALB && longest_gap(a, f->hours) > WX_MAX_GAP_H) {
            /* albedo is optional (models fall back to a default): drop it */
            memset(a, 0, sizeof(double) * WXF_MAX_RECORDS);
            c->col[q] = 0;
            size_t len = strlen(f->note);
            snprintf(f->note + len, sizeof f->note - len, "%salbedo column ignored: gaps "
                     "longer than %d hours", len ? "; " : "", WX_MAX_GAP_H);
            continue;
        }
        if (fill_gaps(c, q, a, f->hours) != 0) return -1;
        if (q < WQ_SURF) f->has |= slot_has[q];
        else if ((q - WQ_SURF) % WQH_N == WQH_WIND) f->has |= WXF_HAS_WIND;
        else if ((q - WQ_SURF) % WQH_N == WQH_DIR) f->has |= WXF_HAS_WIND_DIR;
    }
    /* Temperature and pressure at each height: the file's own where it has
     * them (SRW), else the surface values; the surface values of a file
     * with heights only (SRW) are those of its lowest height. */
    for (int h = 0; h < f->n_heights; h++) {
        int qt = WQ_AT(h, WQH_TEMP), qp = WQ_AT(h, WQH_PRES);
        if (!c->col[qt]) memcpy(f->temp_at_c[h], f->temp_c, sizeof f->temp_c);
        if (!c->col[qp]) memcpy(f->pressure_at_pa[h], f->pressure_pa, sizeof f->pressure_pa);
    }
    for (int h = 0; h < f->n_heights; h++) {
        if (!(f->has & WXF_HAS_TEMP) && c->col[WQ_AT(h, WQH_TEMP)]) {
            memcpy(f->temp_c, f->temp_at_c[h], sizeof f->temp_c);
            f->has |= WXF_HAS_TEMP;
        }
        if (!(f->has & WXF_HAS_PRESSURE) && c->col[WQ_AT(h, WQH_PRES)]) {
            memcpy(f->pressure_pa, f->pressure_at_pa[h], sizeof f->pressure_pa);
            f->has |= WXF_HAS_PRESSURE;
        }
    }
    return 0;
}

/* ---- recognition and the entry point ------------------------------------- */

static int starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix)) return 0;
    return 1;
}

static int is_srw_name(const char *s)
{
    static const char *const names[] = { "temperature", "temp", "pressure", "pres", "speed",
                                         "velocity", "direction", "dir" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (wx_name_is(s, names[i])) return 1;
    return 0;
}

/* The format from the first lines: EPW's LOCATION line, PVGIS's
 * "Latitude (decimal degrees):", TMY3's "Date (MM/DD/YYYY)" second line,
 * SRW's quantity names on line 3, else SAM CSV when line 3 names a Month
 * column. */
static WxFormat detect(WxCtx *c)
{
    WxFormat fmt = WXF_AUTO;
    for (int i = 0; i < 3 && fmt == WXF_AUTO; i++) {
        int r = wx_next_line(c);
        if (r <= 0) break;
        if (i == 0 && starts_with_ci(c->buf, "LOCATION,")) fmt = WXF_EPW;
        else if (i == 0 && starts_with_ci(c->buf, "Latitude (decimal degrees)")) fmt = WXF_PVGIS_CSV;
        else if (i == 1 && starts_with_ci(c->buf, "Date (MM/DD/YYYY)")) fmt = WXF_TMY3;
        else if (i == 2) {
            int n = wx_split(c), srw = n > 0, month = 0;
            for (int k = 0; k < n; k++) {
                if (!is_srw_name(c->fld[k])) srw = 0;
                if (wx_name_is(c->fld[k], "month") || wx_name_is(c->fld[k], "mo")) month = 1;
            }
            fmt = srw ? WXF_SRW : month ? WXF_SAM_CSV : WXF_AUTO;
        }
    }
    rewind(c->fp);
    c->line = 0;
    return fmt;
}

Status wxfile_read(const char *path, WxFormat format, WxFile *f, Diag *d)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    WxCtx *c = calloc(1, sizeof *c);
    if (!c) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "no memory for the reader");
        return ST_NOMEM;
    }
    c->path = path;
    c->d = d;
    c->f = f;
    int before = d->n_errors;
    char why[160];
    c->fp = infile_open(path, WX_MAX_BYTES, why, sizeof why);
    if (!c->fp) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot open: %s", why);
        free(c);
        return ST_IO;
    }
    if (format == WXF_AUTO) format = detect(c);
    f->format = format;
    int r;
    switch (format) {
    case WXF_SAM_CSV: r = wx_read_sam(c); break;
    case WXF_TMY3: r = wx_read_tmy3(c); break;
    case WXF_EPW: r = wx_read_epw(c); break;
    case WXF_SRW: r = wx_read_srw(c); break;
    case WXF_PVGIS_CSV: r = wx_read_pvgis(c); break;
    default:
        r = wx_err(c, ST_CONFIG_SYNTAX, 1, 0, NULL, "not a weather file ecsim reads "
                   "(SAM CSV, TMY3, EPW, SRW or PVGIS TMY CSV; docs/weather-files.md)");
        break;
    }
    if (r == 0) r = wx_finish(c);
    fclose(c->fp);
    free(c->buf);
    free(c);
    if (r != 0 || d->n_errors > before) return d->first_error != ST_OK ? d->first_error : ST_CONFIG_SYNTAX;
    return ST_OK;
}
