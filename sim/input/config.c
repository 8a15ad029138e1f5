/* config.c — scenario files to a validated Scenario (DESIGN §8, STYLE §7):
 * follow the inherits chain (pre-scan and parse each file), apply the files
 * base first onto one Scenario, each setting checked for kind, range and
 * unit with its own file and line, then the --set overrides, then the
 * cross-field rules once on the result. All errors are collected as
 * "file:line: setting: message"; nothing is returned on error.
 * The only file that includes libconfig.h. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "metrics.h"
#include "textdist.h"
#include "units.h"
#include "weather_synth.h"

#define CONFIG_MAX_BYTES (1024L * 1024)       /* a scenario is a few kB (reference.cfg ~20 kB) */
#define CONFIG_MAX_SETTINGS 5000               /* a full scenario has under 1000 */
#define SCHED_YEAR_MIN 1900
#define SCHED_YEAR_MAX 2200
#define PERIOD_MAX_SPAN 50                    /* last_year - first_year below this */

enum { MAX_ENTRIES = 128, MAX_GROUPS = 32, REC_SLOTS = 2, REC_MAX = 64, REC_FIELDS = 16,
       NUMBERS_MAX = CURVE_MAX_POINTS };
_Static_assert(COAL_MAX_UNITS <= REC_MAX && TARGET_MAX <= REC_MAX, "RecordInfo size");

/* Sources of settings: the files of the chain, [0] the file loaded and
 * [i + 1] the base of [i], then the --set overrides (line 0). */
enum { SRC_SET = CONFIG_CHAIN_MAX, N_SRC = CONFIG_CHAIN_MAX + 1 };

typedef struct {
    int src;                       /* index into LoadCtx.src */
    int line;                      /* 0 = unknown (and always for --set) */
} Loc;

typedef struct {
    Loc at;                        /* the record's group */
    int bad;                       /* some field of it is in error */
    unsigned char field_given[REC_FIELDS];
    Loc field[REC_FIELDS];         /* where each given field was written */
} RecordInfo;

typedef struct {
    const char *file;              /* name of the source being read: src[cur] */
    int cur;
    const char *src[N_SRC];        /* file paths; src[SRC_SET] is "--set" */
    const char *set_path;          /* the setting of the --set being read */
    Diag *d;
    Status first;                  /* first error of this load */
    Scenario *s;                   /* being filled; copied out on success */
    Loc at[MAX_ENTRIES];           /* where each setting was given last */
    unsigned char given[MAX_ENTRIES], bad[MAX_ENTRIES];
    int len[MAX_ENTRIES];          /* curves: values given; years: -1 = "all" */
    unsigned char group_given[MAX_GROUPS];
    Loc group_at[MAX_GROUPS];
    RecordInfo rec[REC_SLOTS][REC_MAX];
} LoadCtx;

/* ---- reporting ---- */

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static int isalnum_ascii(unsigned char ch) { return is_digit((char)ch) || is_alpha((char)ch); }

/* Length of the valid UTF-8 sequence at p (1..4), or 0: no overlong forms,
 * surrogates or code points beyond U+10FFFF. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0], cp;
    size_t n;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else return 0;
    for (size_t i = 1; i < n; i++) {   /* stops at the terminating NUL */
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Quotes user text for a message: at most about max bytes, control
 * characters and invalid UTF-8 shown as '?', so hostile bytes never reach
 * a terminal (or a comment line of run.cfg). */
static const char *shown_max(char *buf, size_t size, const char *v, size_t max)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)v;
    while (*p && o + 8 < size && o < max) {
        size_t n = utf8_len(p);
        if (n == 0 || *p < 0x20 || *p == 0x7f) {
            buf[o++] = '?';
            p++;
        } else {
            memcpy(buf + o, p, n);
            o += n;
            p += n;
        }
    }
    if (*p) memcpy(buf + o, "...", 3), o += 3;
    buf[o] = '\0';
    return buf;
}

static const char *shown(char *buf, size_t size, const char *v) { return shown_max(buf, size, v, 40); }

static int room(const LoadCtx *c) { return c->d->n < DIAG_MAX; }

/* Line of m in the source being read; 0 for --set values. */
static int line_of(const LoadCtx *c, const config_setting_t *m)
{
    return c->cur == SRC_SET ? 0 : (int)config_setting_source_line(m);
}

static Loc here(const LoadCtx *c, const config_setting_t *m)
{
    return (Loc){ c->cur, line_of(c, m) };
}

static void vreport(LoadCtx *c, Status st, const char *file, int line, const char *setting,
                    const char *suggestion, const char *fmt, va_list ap)
{
    char msg[384];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int kept = room(c);
    diag_error(c->d, st, file, line, setting, "%s", msg);
    if (kept && suggestion) diag_suggest(c->d, suggestion);
    if (c->first == ST_OK) c->first = st;
}

/* An error located at the setting m of the source being read. */
__attribute__((format(printf, 6, 7)))
static void report(LoadCtx *c, Status st, const config_setting_t *m, const char *setting,
                   const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, st, c->file, line_of(c, m), setting, suggestion, fmt, ap);
    va_end(ap);
}

/* An error at a line of the source being read. */
__attribute__((format(printf, 6, 7)))
static void report_line(LoadCtx *c, Status st, int line, const char *setting,
                        const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (c->cur == SRC_SET) {   /* a --set value: no lines, and the path it sets */
        line = 0;
        if (!setting) setting = c->set_path;
    }
    vreport(c, st, c->file, line, setting, suggestion, fmt, ap);
    va_end(ap);
}

/* An error where a setting was written, in whichever source. */
__attribute__((format(printf, 6, 7)))
static void report_loc(LoadCtx *c, Status st, Loc at, const char *setting,
                       const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, st, c->src[at.src] ? c->src[at.src] : c->file, at.line, setting, suggestion, fmt, ap);
    va_end(ap);
}

static const char *type_name(const config_setting_t *m)
{
    switch (config_setting_type(m)) {
    case CONFIG_TYPE_GROUP: return "a group";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "a boolean";
    case CONFIG_TYPE_ARRAY: return "an array";
    case CONFIG_TYPE_LIST: return "a list";
    default: return "nothing";
    }
}

static int is_sequence(const config_setting_t *m)
{
    return config_setting_is_list(m) || config_setting_is_array(m);
}

/* ---- scalars ---- */

static int number_of(const config_setting_t *m, double *x)
{
    switch (config_setting_type(m)) {
    case CONFIG_TYPE_INT: *x = config_setting_get_int(m); return 1;
    case CONFIG_TYPE_INT64: *x = (double)config_setting_get_int64(m); return 1;
    case CONFIG_TYPE_FLOAT: *x = config_setting_get_float(m); return 1;
    default: return 0;
    }
}

static int in_range(LoadCtx *c, const config_setting_t *m, const char *setting, double x,
                    double lo, double hi)
{
    if (x < lo) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "%.15g is below the minimum %.15g", x, lo);
        return 0;
    }
    if (x > hi) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "%.15g is above the maximum %.15g", x, hi);
        return 0;
    }
    return 1;
}

/* A quantity string of dimension dim ("3.2 GW") in [lo, hi], in the
 * canonical unit. */
static int read_quantity(LoadCtx *c, const config_setting_t *m, const char *setting, Dimension dim,
                         double lo, double hi, double *out)
{
    char err[384], sugg[64], buf[64];
    const char *text = config_setting_get_string(m);
    double x;
    Status st = units_parse_quantity(text, dim, &x, err, sizeof err);
    if (st != ST_OK) {
        int near = st == ST_CONFIG_INVALID && room(c) && units_suggest(text, dim, sugg, sizeof sugg);
        report(c, st, m, setting, near ? sugg : NULL, "%s", err);
        return 0;
    }
    if (x < lo || x > hi) {
        const char *unit = units_canonical(dim);
        int plain = strcmp(unit, "1") == 0;   /* a fraction: no unit after the number */
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "\"%s\" is %.15g%s%s, %s the %s %.15g",
               shown(buf, sizeof buf, text), x, plain ? "" : " ", plain ? "" : unit,
               x < lo ? "below" : "above", x < lo ? "minimum" : "maximum", x < lo ? lo : hi);
        return 0;
    }
    *out = x;
    return 1;
}

/* A finite number in [lo, hi]; integer or float literal, or for a
 * quantity (dim) also a string with a unit. */
static int read_number(LoadCtx *c, const config_setting_t *m, const char *setting, Dimension dim,
                       double lo, double hi, double *out)
{
    double x;
    if (dim != DIM_NONE && config_setting_type(m) == CONFIG_TYPE_STRING)
        return read_quantity(c, m, setting, dim, lo, hi, out);
    if (!number_of(m, &x)) {
        if (dim != DIM_NONE)
            report(c, ST_CONFIG_TYPE, m, setting, NULL,
                   "expected a number or text with a unit such as \"%s\", got %s",
                   units_example(dim), type_name(m));
        else
            report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a number, got %s", type_name(m));
        return 0;
    }
    if (!isfinite(x)) {   /* 1e999 parses as inf */
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "%s is not a finite number",
               isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
        return 0;
    }
    if (!in_range(c, m, setting, x, lo, hi)) return 0;
    *out = x + 0.0;   /* -0 becomes +0: equal settings, equal bytes */
    return 1;
}

/* An integral value in [lo, hi]: 2025 or 2025.0, not 2025.5. */
static int read_integer(LoadCtx *c, const config_setting_t *m, const char *setting, double lo,
                        double hi, double *out)
{
    double x;
    if (!number_of(m, &x)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an integer, got %s", type_name(m));
        return 0;
    }
    if (!isfinite(x) || x != floor(x)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an integer, got %.15g", x);
        return 0;
    }
    if (!in_range(c, m, setting, x, lo, hi)) return 0;   /* before any cast */
    *out = x;
    return 1;
}

/* NULL if v is acceptable text under flags, else what is wrong with it. */
static const char *text_problem(const char *v, unsigned flags)
{
    for (const unsigned char *p = (const unsigned char *)v; *p;) {
        size_t n = utf8_len(p);
        if (n == 0) return "is not valid UTF-8";
        if ((*p < 0x20 || *p == 0x7f) && !((flags & SF_MULTILINE) && (*p == '\n' || *p == '\t')))
            return "contains a control character";
        if ((flags & SF_FILENAME) && (*p == '/' || *p == '\\'))
            return "must not contain '/' or '\\' (it names the output directory)";
        if ((flags & SF_IDENT) && !(isalnum_ascii(*p) || *p == '_' || *p == '-' || *p == '.'))
            return "may contain only letters, digits, '_', '-' and '.'";
        p += n;
    }
    if ((flags & (SF_NONEMPTY | SF_FILENAME | SF_IDENT)) && v[0] == '\0') return "must not be empty";
    if ((flags & SF_FILENAME) && v[0] == '.') return "must not start with '.'";
    return NULL;
}

static int read_string(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                       const char *setting, char *dst)
{
    char buf[64];
    if (config_setting_type(m) != CONFIG_TYPE_STRING) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a string, got %s", type_name(m));
        return 0;
    }
    const char *v = config_setting_get_string(m);
    size_t len = strlen(v);
    if (len >= e->size) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "text of %zu bytes is longer than the maximum %zu",
               len, e->size - 1);
        return 0;
    }
    const char *problem = text_problem(v, e->flags);
    if (problem) {
        report(c, ST_CONFIG_INVALID, m, setting, NULL, "\"%s\" %s", shown(buf, sizeof buf, v), problem);
        return 0;
    }
    if ((e->flags & SF_METRIC) && !metrics_find(v)) {
        report(c, ST_CONFIG_INVALID, m, setting, room(c) ? metrics_suggest(v) : NULL,
               "unknown metric \"%s\"", shown(buf, sizeof buf, v));
        return 0;
    }
    memset(dst, 0, e->size);
    memcpy(dst, v, len);
    return 1;
}

static int read_enum(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                     const char *setting, int *dst)
{
    char buf[64], list[160];
    if (config_setting_type(m) != CONFIG_TYPE_STRING) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a string, got %s", type_name(m));
        return 0;
    }
    const char *v = config_setting_get_string(m);
    size_t n = 0, o = 0;
    for (; e->values[n]; n++)
        if (strcmp(v, e->values[n]) == 0) {
            *dst = (int)n;
            return 1;
        }
    list[0] = '\0';
    for (size_t i = 0; i < n && o < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%s\"", i ? ", " : "", e->values[i]);
    report(c, ST_CONFIG_INVALID, m, setting, room(c) ? text_nearest(v, e->values, n) : NULL,
           "unknown value \"%s\"; expected one of %s", shown(buf, sizeof buf, v), list);
    return 0;
}

/* ---- aggregates ---- */

static int read_schedule(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                         const char *setting, Schedule *dst)
{
    Schedule sc;
    memset(&sc, 0, sizeof sc);
    double x;
    if (number_of(m, &x) || (e->dim != DIM_NONE && config_setting_type(m) == CONFIG_TYPE_STRING)) {
        /* a constant */
        if (!read_number(c, m, setting, e->dim, e->min, e->max, &sc.value[0])) return 0;
        sc.n = 1;
        *dst = sc;
        return 1;
    }
    if (!is_sequence(m)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL,
               "expected a number%s or a list of (year, value) pairs, got %s",
               e->dim != DIM_NONE ? ", text with a unit" : "", type_name(m));
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (n > SCHED_MAX_POINTS) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d points; at most %d are allowed", n,
               SCHED_MAX_POINTS);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *p = config_setting_get_elem(m, (unsigned)i);
        char sub[160];
        double year;
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        if (!is_sequence(p) || config_setting_length(p) != 2) {
            report(c, ST_CONFIG_TYPE, p, sub, NULL, "expected a (year, value) pair, got %s%s",
                   type_name(p), is_sequence(p) ? " of another length" : "");
            ok = 0;
            continue;
        }
        if (!read_integer(c, config_setting_get_elem(p, 0), sub, SCHED_YEAR_MIN, SCHED_YEAR_MAX,
                          &year) ||
            !read_number(c, config_setting_get_elem(p, 1), sub, e->dim, e->min, e->max, &sc.value[i])) {
            ok = 0;
            continue;
        }
        sc.year[i] = (int)year;
        if (ok && i > 0 && sc.year[i] <= sc.year[i - 1]) {
            report(c, ST_CONFIG_INVALID, p, sub, NULL,
                   "year %d does not follow %d: schedule years must increase strictly", sc.year[i],
                   sc.year[i - 1]);
            ok = 0;
        }
    }
    if (!ok) return 0;
    sc.n = n;
    *dst = sc;
    return 1;
}

/* A vector (exactly e->size numbers) or a curve (2 .. e->size). */
static int read_numbers(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                        const char *setting, double *dst, int *len)
{
    if (!is_sequence(m)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an array of numbers, got %s",
               type_name(m));
        return 0;
    }
    if (e->size > NUMBERS_MAX) {
        report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: vector too long");
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (e->kind == SK_VECTOR && n != (int)e->size) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d values; exactly %zu are required (%s)", n,
               e->size, e->size == 12 ? "January to December" : "hours 0 to 23");
        return 0;
    }
    if (n < 2 || n > (int)e->size) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d values; 2 to %zu are allowed", n,
               e->size);
        return 0;
    }
    double v[NUMBERS_MAX];
    int positive = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *x = config_setting_get_elem(m, (unsigned)i);
        char sub[160];
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        if (!read_number(c, x, sub, e->dim, e->min, e->max, &v[i])) {
            ok = 0;
            continue;
        }
        positive |= v[i] > 0;
        if (ok && (e->flags & SF_INCREASING) && i > 0 && v[i] <= v[i - 1]) {
            report(c, ST_CONFIG_INVALID, x, sub, NULL,
                   "%.15g does not exceed the previous %.15g: values must increase strictly", v[i],
                   v[i - 1]);
            ok = 0;
        }
    }
    if (ok && (e->flags & SF_SOME_POSITIVE) && !positive) {
        report(c, ST_CONFIG_INVALID, m, setting, NULL, "no value is above 0");
        ok = 0;
    }
    if (!ok) return 0;
    memset(dst, 0, e->size * sizeof *dst);
    memcpy(dst, v, (size_t)n * sizeof *dst);
    *len = n;
    return 1;
}

static int read_years(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                      const char *setting, int *dst, int *count, int *len)
{
    char buf[64];
    if (config_setting_type(m) == CONFIG_TYPE_STRING) {
        const char *v = config_setting_get_string(m);
        if (strcmp(v, "all") == 0 || strcmp(v, "none") == 0) {
            memset(dst, 0, e->size * sizeof *dst);
            *count = 0;
            *len = v[0] == 'a' ? -1 : 0;   /* "all" is expanded once the period is known */
            return 1;
        }
        static const char *const words[] = { "all", "none" };
        report(c, ST_CONFIG_INVALID, m, setting, room(c) ? text_nearest(v, words, 2) : NULL,
               "unknown value \"%s\"; expected a list of years, \"all\" or \"none\"",
               shown(buf, sizeof buf, v));
        return 0;
    }
    if (!is_sequence(m)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL,
               "expected a list of years, \"all\" or \"none\", got %s", type_name(m));
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (e->size > HOURLY_YEARS_MAX) {
        report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: years list too long");
        return 0;
    }
    if (n > (int)e->size) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d years; at most %zu are allowed", n,
               e->size);
        return 0;
    }
    int y[HOURLY_YEARS_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *x = config_setting_get_elem(m, (unsigned)i);
        char sub[160];
        double v;
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        if (!read_integer(c, x, sub, e->min, e->max, &v)) {
            ok = 0;
            continue;
        }
        y[i] = (int)v;
        for (int j = 0; j < i && ok; j++)
            if (y[j] == y[i]) {
                report(c, ST_CONFIG_INVALID, x, sub, NULL, "year %d is listed twice", y[i]);
                ok = 0;
            }
    }
    if (!ok) return 0;
    memset(dst, 0, e->size * sizeof *dst);
    memcpy(dst, y, (size_t)n * sizeof *dst);
    *count = n;
    *len = n;
    return 1;
}

static int record_slot(const SchemaEntry *e)
{
    int slot = 0;
    for (int i = 0; i < schema_count() && schema_get(i) != e; i++)
        slot += schema_get(i)->kind == SK_RECORDS;
    return slot;
}

static int load_value(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                      const char *setting, void *base, int *len);

/* A list of groups; errors inside a record mark only that record bad. */
static int read_records(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                        const char *setting, void *base)
{
    int slot = record_slot(e);
    if (!is_sequence(m)) {
        report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a list of groups ( { ... }, ... ), got %s",
               type_name(m));
        return 0;
    }
    int n = config_setting_length(m);
    if (slot >= REC_SLOTS || e->n_fields > REC_FIELDS || e->size > REC_MAX) {
        report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: record table too large");
        return 0;
    }
    if (n > (int)e->size) {
        report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d entries; at most %zu are allowed", n,
               e->size);
        return 0;
    }
    char *arr = (char *)base + e->offset;
    memset(arr, 0, e->size * e->record_size);
    for (int i = 0; i < n; i++) {
        const config_setting_t *r = config_setting_get_elem(m, (unsigned)i);
        RecordInfo *ri = &c->rec[slot][i];
        void *rec = arr + (size_t)i * e->record_size;
        char sub[160];
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        memset(ri, 0, sizeof *ri);
        ri->at = here(c, r);
        for (int k = 0; k < e->n_fields; k++) schema_default_one(&e->fields[k], rec);
        if (!config_setting_is_group(r)) {
            report(c, ST_CONFIG_TYPE, r, sub, NULL, "expected a group { ... }, got %s", type_name(r));
            ri->bad = 1;
            continue;
        }
        for (int j = 0; j < config_setting_length(r); j++) {
            const config_setting_t *fm = config_setting_get_elem(r, (unsigned)j);
            const char *name = config_setting_name(fm);
            const SchemaEntry *fe = schema_field_find(e, name);
            char path[224];
            snprintf(path, sizeof path, "%s.%s", sub, name);
            if (!fe) {
                const char *cand[REC_FIELDS];
                for (int k = 0; k < e->n_fields; k++) cand[k] = e->fields[k].path;
                report(c, ST_CONFIG_UNKNOWN, fm, path,
                       room(c) ? text_nearest(name, cand, (size_t)e->n_fields) : NULL, "unknown setting");
                continue;
            }
            int k = (int)(fe - e->fields), dummy;
            ri->field_given[k] = 1;
            ri->field[k] = here(c, fm);
            if (!load_value(c, fe, fm, path, rec, &dummy)) ri->bad = 1;
        }
        for (int k = 0; k < e->n_fields; k++)
            if (e->fields[k].required && !ri->field_given[k]) {
                char path[224];
                snprintf(path, sizeof path, "%s.%s", sub, e->fields[k].path);
                report(c, ST_CONFIG_MISSING, r, path, NULL, "required setting is missing");
                ri->bad = 1;
            }
    }
    *(int *)(void *)((char *)base + e->count_offset) = n;
    return 1;
}

/* Reads m into base + e->offset according to e; *len gets the count of
 * curves and years (-1 for "all"). 1 if the value was stored. */
static int load_value(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                      const char *setting, void *base, int *len)
{
    char *p = (char *)base + e->offset;
    double x;
    switch (e->kind) {
    case SK_NUMBER: return read_number(c, m, setting, e->dim, e->min, e->max, (double *)(void *)p);
    case SK_INTEGER:
        if (!read_integer(c, m, setting, e->min, e->max, &x)) return 0;
        *(int *)(void *)p = (int)x;
        return 1;
    case SK_SEED:
        if (!read_integer(c, m, setting, e->min, e->max, &x)) return 0;
        *(unsigned long *)(void *)p = (unsigned long)x;
        return 1;
    case SK_BOOLEAN:
        if (config_setting_type(m) != CONFIG_TYPE_BOOL) {
            report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected true or false, got %s", type_name(m));
            return 0;
        }
        *(int *)(void *)p = config_setting_get_bool(m) ? 1 : 0;
        return 1;
    case SK_STRING: return read_string(c, e, m, setting, p);
    case SK_ENUM: return read_enum(c, e, m, setting, (int *)(void *)p);
    case SK_SCHEDULE: return read_schedule(c, e, m, setting, (Schedule *)(void *)p);
    case SK_VECTOR:
    case SK_CURVE: {
        if (!read_numbers(c, e, m, setting, (double *)(void *)p, len)) return 0;
        if (e->kind == SK_CURVE) *(int *)(void *)((char *)base + e->count_offset) = *len;
        return 1;
    }
    case SK_YEARS:
        return read_years(c, e, m, setting, (int *)(void *)p,
                          (int *)(void *)((char *)base + e->count_offset), len);
    case SK_RECORDS: return read_records(c, e, m, setting, base);
    }
    return 0;
}

/* ---- the file ---- */

static int index_of(const SchemaEntry *e) { return (int)(e - schema_get(0)); }

static int group_of(const char *path)
{
    char g[32];
    size_t n = schema_group_len(path);
    if (n >= sizeof g) return -1;
    memcpy(g, path, n);
    g[n] = '\0';
    return schema_group_find(g);
}

static void load_group(LoadCtx *c, const config_setting_t *g, const char *gname)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        char path[160];
        snprintf(path, sizeof path, "%s.%s", gname, config_setting_name(m));
        const SchemaEntry *e = schema_find(path);
        if (!e && strcmp(config_setting_name(m), "inherits") == 0) {
            report(c, ST_CONFIG_UNKNOWN, m, path, NULL,
                   "unknown setting: write inherits at the top level, outside any group");
            continue;
        }
        if (!e) {
            report(c, ST_CONFIG_UNKNOWN, m, path, room(c) ? schema_suggest(path) : NULL, "unknown setting");
            continue;
        }
        int idx = index_of(e);
        c->given[idx] = 1;
        c->at[idx] = here(c, m);
        /* a later source replaces the value, and with it any earlier error
         * (which stays reported) */
        c->bad[idx] = !load_value(c, e, m, path, c->s, &c->len[idx]);
    }
}

static void load_root(LoadCtx *c, const config_setting_t *root)
{
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *m = config_setting_get_elem(root, (unsigned)i);
        const char *name = config_setting_name(m);
        int gi = schema_group_find(name);
        if (strcmp(name, "inherits") == 0) continue;   /* read by follow_chain */
        if (gi < 0) {
            if (config_setting_is_group(m))
                report(c, ST_CONFIG_UNKNOWN, m, name, room(c) ? schema_group_suggest(name) : NULL,
                       "unknown group");
            else   /* often a setting written outside its group */
                report(c, ST_CONFIG_UNKNOWN, m, name, room(c) ? schema_suggest(name) : NULL,
                       "unknown setting");
            continue;
        }
        if (!config_setting_is_group(m)) {
            report(c, ST_CONFIG_TYPE, m, name, NULL, "expected a group { ... }, got %s", type_name(m));
            continue;
        }
        if (gi < MAX_GROUPS) {
            c->group_given[gi] = 1;
            c->group_at[gi] = here(c, m);
        }
        load_group(c, m, name);
    }
}

/* Where to report a setting: where it was given last, else its group in
 * the last source that has the group, else the loaded file (line 0). */
static Loc where(const LoadCtx *c, int idx)
{
    if (c->given[idx]) return c->at[idx];
    int gi = group_of(schema_get(idx)->path);
    if (gi >= 0 && gi < MAX_GROUPS && c->group_given[gi]) return c->group_at[gi];
    return (Loc){ 0, 0 };
}

static void check_missing(LoadCtx *c)
{
    for (int i = 0; i < schema_count(); i++)
        if (schema_get(i)->required && !c->given[i]) {
            report_loc(c, ST_CONFIG_MISSING, where(c, i), schema_get(i)->path, NULL,
                       "required setting is missing");
            c->bad[i] = 1;
        }
}

/* scenario.name defaults to the base name, without ".cfg", of the file
 * loaded (src[0]), even when a base of it sets a name: a variant never
 * takes its base's output directory. Only the file loaded itself or --set
 * can name the scenario. */
static void default_name(LoadCtx *c)
{
    const SchemaEntry *e = schema_find("scenario.name");
    if (!e) return;
    int idx = index_of(e);
    if (c->given[idx] && (c->at[idx].src == 0 || c->at[idx].src == SRC_SET)) return;
    int gi = schema_group_find("scenario");
    Loc at = gi >= 0 && gi < MAX_GROUPS && c->group_given[gi] && c->group_at[gi].src == 0
                 ? c->group_at[gi] : (Loc){ 0, 0 };
    const char *file = c->src[0];
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".cfg") == 0) n -= 4;
    char name[NAME_MAX_LEN], buf[64];
    const char *problem = n >= sizeof name ? "is too long" : NULL;
    if (!problem) {
        memcpy(name, base, n);
        name[n] = '\0';
        problem = text_problem(name, e->flags);
    }
    if (problem) {
        report_loc(c, ST_CONFIG_INVALID, at, e->path, NULL,
                   "the file name \"%s\" gives no valid scenario name (it %s); set scenario.name",
                   shown(buf, sizeof buf, base), problem);
        c->bad[idx] = 1;
        return;
    }
    memset(c->s->name, 0, sizeof c->s->name);
    memcpy(c->s->name, name, n + 1);
    c->bad[idx] = 0;
}

/* ---- cross-field rules ---- */

static int idx_of(const char *path)
{
    const SchemaEntry *e = schema_find(path);
    return e ? index_of(e) : -1;
}

static int usable(const LoadCtx *c, int idx) { return idx >= 0 && !c->bad[idx]; }

/* Order in which setting idx was applied: -1 if never, files base first,
 * --set last. Of two settings in conflict, the later one is blamed. */
static int rank(const LoadCtx *c, int idx)
{
    if (!c->given[idx]) return -1;
    return c->at[idx].src == SRC_SET ? N_SRC : CONFIG_CHAIN_MAX - c->at[idx].src;
}

static void check_period(LoadCtx *c, int *period_ok)
{
    const Scenario *s = c->s;
    int fy = idx_of("scenario.first_year"), ly = idx_of("scenario.last_year");
    *period_ok = 0;
    if (!usable(c, fy) || !usable(c, ly)) return;
    int at = rank(c, fy) > rank(c, ly) ? fy : ly;   /* a variant moved first_year */
    if (s->last_year < s->first_year && at == ly)
        report_loc(c, ST_CONFIG_INVALID, where(c, ly), "scenario.last_year", NULL,
                   "last_year %d is before first_year %d", s->last_year, s->first_year);
    else if (s->last_year < s->first_year)
        report_loc(c, ST_CONFIG_INVALID, where(c, fy), "scenario.first_year", NULL,
                   "first_year %d is after last_year %d", s->first_year, s->last_year);
    else if (s->last_year - s->first_year >= PERIOD_MAX_SPAN)
        report_loc(c, ST_CONFIG_INVALID, where(c, at), schema_get(at)->path, NULL,
                   "the period %d..%d is too long: last_year - first_year must be below %d",
                   s->first_year, s->last_year, PERIOD_MAX_SPAN);
    else
        *period_ok = 1;
}

static void check_storage(LoadCtx *c)
{
    const StorageParams *st = &c->s->storage;
    int lo = idx_of("storage.soc_min_frac"), hi = idx_of("storage.soc_max_frac");
    int init = idx_of("storage.initial_soc_frac");
    if (!usable(c, lo) || !usable(c, hi)) return;
    if (st->soc_min_frac >= st->soc_max_frac) {
        int at = rank(c, lo) >= rank(c, hi) ? lo : hi;
        report_loc(c, ST_CONFIG_INVALID, where(c, at), schema_get(at)->path, NULL,
                   "soc_min_frac %.15g is not below soc_max_frac %.15g", st->soc_min_frac,
                   st->soc_max_frac);
    } else if (usable(c, init) &&
               (st->initial_soc_frac < st->soc_min_frac || st->initial_soc_frac > st->soc_max_frac)) {
        report_loc(c, ST_CONFIG_INVALID, where(c, init), schema_get(init)->path, NULL,
                   "initial_soc_frac %.15g is outside the SOC window %.15g .. %.15g",
                   st->initial_soc_frac, st->soc_min_frac, st->soc_max_frac);
    }
}

/* Curves sharing a count (speed and fraction of a power curve) are given
 * together and have the same length. */
static void check_curves(LoadCtx *c)
{
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *a = schema_get(i);
        if (a->kind != SK_CURVE) continue;
        for (int j = i + 1; j < schema_count(); j++) {
            const SchemaEntry *b = schema_get(j);
            if (b->kind != SK_CURVE || b->count_offset != a->count_offset) continue;
            if (c->given[i] != c->given[j]) {
                int missing = c->given[i] ? j : i, other = c->given[i] ? i : j;
                report_loc(c, ST_CONFIG_MISSING, where(c, other), schema_get(missing)->path, NULL,
                           "required together with %s", schema_get(other)->path);
            } else if (c->given[i] && usable(c, i) && usable(c, j) && c->len[i] != c->len[j]) {
                int at = rank(c, i) > rank(c, j) ? i : j, other = at == i ? j : i;
                report_loc(c, ST_CONFIG_INVALID, where(c, at), schema_get(at)->path, NULL,
                           "has %d values but %s has %d; they must have the same length", c->len[at],
                           schema_get(other)->path, c->len[other]);
            }
        }
    }
}

static void check_mining(LoadCtx *c)
{
    int k = idx_of("coal_mining.calorific_kcal_per_kg");
    double v = c->s->coal_mining.calorific_kcal_per_kg;
    if (usable(c, k) && v > 0 && v < 1000)
        report_loc(c, ST_CONFIG_INVALID, where(c, k), schema_get(k)->path, NULL,
                   "%.15g kcal/kg is not coal: use 0 for the national default, or at least 1000", v);
}

/* The daily clearness is a normal truncated to a physical range: some
 * (mean, sd) pairs cannot be reached on it (weather_synth.c). */
static void check_clearness(LoadCtx *c)
{
    int m = idx_of("weather.kt_mean"), sd = idx_of("weather.kt_sd");
    if (!usable(c, m) || !usable(c, sd)) return;
    static const char *const names[12] = { "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December" };
    for (int k = 0; k < 12; k++)
        if (!synth_kt_feasible(c->s->weather.kt_mean[k], c->s->weather.kt_sd[k]))
            report_loc(c, ST_CONFIG_RANGE, where(c, rank(c, sd) >= rank(c, m) ? sd : m), "weather.kt_sd",
                       NULL, "%s: a daily clearness of mean %.15g and standard deviation %.15g cannot be "
                       "drawn (lower the spread or move the mean away from the limits)",
                       names[k], c->s->weather.kt_mean[k], c->s->weather.kt_sd[k]);
}

/* Years settings: "all" becomes every year of the period; listed years
 * must lie inside it. */
static void check_years(LoadCtx *c, int period_ok)
{
    Scenario *s = c->s;
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *e = schema_get(i);
        if (e->kind != SK_YEARS || !usable(c, i) || !period_ok) continue;
        int *y = (int *)(void *)((char *)s + e->offset);
        int *n = (int *)(void *)((char *)s + e->count_offset);
        if (c->len[i] < 0) {
            *n = s->last_year - s->first_year + 1;   /* < PERIOD_MAX_SPAN <= size */
            for (int k = 0; k < *n; k++) y[k] = s->first_year + k;
            continue;
        }
        for (int k = 0; k < *n; k++)
            if (y[k] < s->first_year || y[k] > s->last_year) {
                char sub[160];
                snprintf(sub, sizeof sub, "%s[%d]", e->path, k);
                report_loc(c, ST_CONFIG_INVALID, where(c, i), sub, NULL,
                           "year %d is outside the period %d..%d", y[k], s->first_year, s->last_year);
            }
    }
}

static int field_index(const SchemaEntry *e, const char *name)
{
    const SchemaEntry *f = schema_field_find(e, name);
    return f ? (int)(f - e->fields) : -1;
}

/* Where field k of a record was written, else the record. */
static Loc field_where(const RecordInfo *ri, int k)
{
    return k >= 0 && ri->field_given[k] ? ri->field[k] : ri->at;
}

static void report_field(LoadCtx *c, Status st, const SchemaEntry *e, int i, int k,
                         const RecordInfo *ri, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void report_field(LoadCtx *c, Status st, const SchemaEntry *e, int i, int k,
                         const RecordInfo *ri, const char *fmt, ...)
{
    char path[224];
    snprintf(path, sizeof path, "%s[%d].%s", e->path, i, k >= 0 ? e->fields[k].path : "?");
    va_list ap;
    va_start(ap, fmt);
    Loc at = field_where(ri, k);
    vreport(c, st, c->src[at.src], at.line, path, NULL, fmt, ap);
    va_end(ap);
}

/* Rules within records that hold for any record list: unique fields,
 * years inside the period. */
static void check_record_fields(LoadCtx *c, const SchemaEntry *e, int period_ok)
{
    const Scenario *s = c->s;
    const char *arr = (const char *)s + e->offset;
    int n = *(const int *)(const void *)((const char *)s + e->count_offset);
    RecordInfo *info = c->rec[record_slot(e)];
    for (int k = 0; k < e->n_fields; k++) {
        const SchemaEntry *fe = &e->fields[k];
        for (int i = 0; i < n; i++) {
            const char *v = arr + (size_t)i * e->record_size + fe->offset;
            if (info[i].bad) continue;
            if ((fe->flags & SF_UNIQUE) && fe->kind == SK_STRING)
                for (int j = 0; j < i; j++) {
                    char buf[64];
                    if (!info[j].bad && strcmp(arr + (size_t)j * e->record_size + fe->offset, v) == 0) {
                        report_field(c, ST_CONFIG_INVALID, e, i, k, &info[i],
                                     "\"%s\" is already used by %s[%d]", shown(buf, sizeof buf, v),
                                     e->path, j);
                        break;
                    }
                }
            if ((fe->flags & SF_IN_PERIOD) && fe->kind == SK_INTEGER && period_ok) {
                int y = *(const int *)(const void *)v;
                if (y != 0 && (y < s->first_year || y > s->last_year))
                    report_field(c, ST_CONFIG_INVALID, e, i, k, &info[i],
                                 "year %d is outside the period %d..%d", y, s->first_year,
                                 s->last_year);
            }
        }
    }
}

static void check_units(LoadCtx *c, const SchemaEntry *e)
{
    const CoalPowerParams *cp = &c->s->coal_power;
    const RecordInfo *info = c->rec[record_slot(e)];
    int kr = field_index(e, "retire_year");
    for (int i = 0; i < cp->n_units; i++) {
        const CoalUnit *u = &cp->units[i];
        if (!info[i].bad && u->retire_year != 0 && u->retire_year <= u->commission_year)
            report_field(c, ST_CONFIG_INVALID, e, i, kr, &info[i],
                         "retire_year %d is not after commission_year %d", u->retire_year,
                         u->commission_year);
    }
}

static void check_targets(LoadCtx *c, const SchemaEntry *e, int period_ok)
{
    const Scenario *s = c->s;
    const RecordInfo *info = c->rec[record_slot(e)];
    int ku = field_index(e, "upper"), kt = field_index(e, "threshold");
    int ky = field_index(e, "year"), kb = field_index(e, "base_year");
    for (int i = 0; i < s->targets.n; i++) {
        const Target *t = &s->targets.t[i];
        const RecordInfo *ri = &info[i];
        if (ri->bad) continue;
        if (t->op == OP_RANGE) {
            if (ku >= 0 && !ri->field_given[ku])
                report_field(c, ST_CONFIG_MISSING, e, i, ku, ri, "required when op is \"range\"");
            else if (t->upper < t->threshold)
                report_field(c, ST_CONFIG_INVALID, e, i, ku, ri, "upper %.15g is below threshold %.15g",
                             t->upper, t->threshold);
        } else if (t->op == OP_REDUCTION) {
            int base = t->base_year ? t->base_year : s->first_year;
            if (t->threshold > 1)
                report_field(c, ST_CONFIG_RANGE, e, i, kt, ri,
                             "a reduction of %.15g is more than the whole (at most 1)", t->threshold);
            if (t->year != 0 && (t->base_year != 0 || period_ok) && t->year <= base)
                report_field(c, ST_CONFIG_INVALID, e, i, kb >= 0 && ri->field_given[kb] ? kb : ky, ri,
                             "year %d is not after the base year %d", t->year, base);
        }
    }
}

static void validate(LoadCtx *c)
{
    int period_ok;
    check_period(c, &period_ok);
    check_storage(c);
    check_curves(c);
    check_mining(c);
    check_clearness(c);
    check_years(c, period_ok);
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *e = schema_get(i);
        if (e->kind != SK_RECORDS || !usable(c, i)) continue;
        check_record_fields(c, e, period_ok);
        if (e->offset == offsetof(Scenario, coal_power.units)) check_units(c, e);
        if (e->offset == offsetof(Scenario, targets.t)) check_targets(c, e, period_ok);
    }
}

/* ---- before libconfig ---- */

/* Reads the whole of path, a regular file of at most CONFIG_MAX_BYTES;
 * *id gets its identity (device, inode). On failure *why says why and the
 * status is ST_IO or ST_NOMEM. */
static Status read_file(const char *path, char **text, size_t *len, struct stat *id, char *why,
                        size_t whylen)
{
    struct stat st;
    if (stat(path, &st) == 0 && (!S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX_BYTES)) {
        /* checked before opening: opening a FIFO would block */
        snprintf(why, whylen, "%s", S_ISDIR(st.st_mode) ? "it is a directory"
                                    : !S_ISREG(st.st_mode) ? "not a regular file"
                                                           : "larger than 1 MiB");
        return ST_IO;
    }
    FILE *f = NULL;
    errno = 0;
    if (!(f = fopen(path, "rb")) || fstat(fileno(f), &st) != 0) {
        int e = errno;
        if (strerror_r(e, why, whylen) != 0) snprintf(why, whylen, "error %d", e);
        if (f) fclose(f);
        return ST_IO;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX_BYTES) {   /* replaced meanwhile */
        snprintf(why, whylen, "not a regular file of at most 1 MiB");
        fclose(f);
        return ST_IO;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size + 1, f) : 0;
    int failed = !buf || ferror(f) || n > (size_t)st.st_size;
    fclose(f);
    if (failed) {
        Status st_fail = buf ? ST_IO : ST_NOMEM;
        snprintf(why, whylen, "%s", buf ? "read error or file changed while reading" : "out of memory");
        free(buf);
        return st_fail;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    *id = st;
    return ST_OK;
}

/* An integer literal that libconfig 1.5 would silently wrap: a plain
 * literal beyond 32 bits, or an 'L' literal beyond 64 bits. */
static void check_int_literal(LoadCtx *c, const char *tok, size_t n, int negative, int line)
{
    int hex = n > 2 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X');
    size_t i = hex ? 2 : 0, digits_end = n;
    while (digits_end > i && tok[digits_end - 1] == 'L') digits_end--;
    int is_long = digits_end < n;
    unsigned long long v = 0, limit = is_long ? 9223372036854775807ULL : 2147483647ULL;
    if (negative) limit++;
    for (; i < digits_end; i++) {
        char ch = tok[i];
        unsigned d;
        if (is_digit(ch)) d = (unsigned)(ch - '0');
        else if (hex && ch >= 'a' && ch <= 'f') d = (unsigned)(ch - 'a' + 10);
        else if (hex && ch >= 'A' && ch <= 'F') d = (unsigned)(ch - 'A' + 10);
        else return;   /* not an integer literal; libconfig judges it */
        unsigned base = hex ? 16 : 10;
        if (v > (limit - d) / base) {
            v = limit + 1;
            break;
        }
        v = v * base + d;
    }
    if (v > limit)
        report_line(c, ST_CONFIG_RANGE, line, NULL, NULL,
                    "integer %s%.*s is too large for libconfig; write it as a number with a decimal point",
                    negative ? "-" : "", (int)(n > 40 ? 40 : n), tok);
}

/* What libconfig would accept silently but must not be: NUL bytes (the
 * rest of the file would be ignored), @include (reads other files, can
 * block on a pipe), strings running over lines (a missing quote),
 * integer literals that overflow, and so many settings
 * that libconfig's duplicate-name check (linear per setting) takes minutes.
 * 1 if clean. */
static int prescan(LoadCtx *c, const char *t, size_t n)
{
    const char *nul = memchr(t, '\0', n);
    if (nul) {
        int line = 1;
        for (const char *p = t; p < nul; p++) line += *p == '\n';
        report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL, "the file contains a NUL byte");
        return 0;
    }
    int errors = c->d->n_errors;
    int line = 1, settings = 0;
    size_t i = 0, depth = 0;
    char prev = 'x';               /* the last token: = : ( [ , " or x (anything else) */
    unsigned char open[256];       /* the brackets open, innermost last */
    while (i < n) {
        char ch = t[i];
        if (ch == '\n') {
            line++;
            i++;
        } else if (ch == '#' || (ch == '/' && t[i + 1] == '/')) {
            while (i < n && t[i] != '\n') i++;
        } else if (ch == '/' && t[i + 1] == '*') {
            for (i += 2; i < n && !(t[i] == '*' && t[i + 1] == '/'); i++) line += t[i] == '\n';
            i += 2;
        } else if (ch == '"') {
            /* libconfig 1.5 leaks a string that is the token where it finds
             * a syntax error ("a = 1 \"x\";"): such a string is reported
             * here, where a value cannot start. */
            int in_list = depth > sizeof open || (depth > 0 && open[depth - 1] != '{');
            if (!(prev == '=' || prev == ':' || prev == '(' || prev == '[' || prev == '"' ||
                  (prev == ',' && in_list))) {
                report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL, "syntax error (a string out of place)");
                return 0;
            }
            prev = '"';
            /* libconfig lets a string run over lines, even to the end of the
             * file: a missing quote would swallow settings or be reported
             * far away. A string here ends on its line. */
            for (i++; i < n && t[i] != '"' && t[i] != '\n'; i++)
                if (t[i] == '\\' && t[i + 1] != '\0' && t[i + 1] != '\n') i++;
            if (i >= n || t[i] == '\n') {
                report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL,
                            "string not closed on this line (write \\n for a line break)");
                return 0;
            }
            i++;
        } else if (ch == '@') {
            report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL,
                        "directives such as @include are not supported: a scenario is one file");
            while (i < n && t[i] != '\n') i++;   /* the rest of the directive */
        } else if (is_alpha(ch) || ch == '*' || ch == '_') {
            prev = 'x';
            while (i < n && (isalnum_ascii((unsigned char)t[i]) || t[i] == '_' || t[i] == '-' ||
                             t[i] == '*'))
                i++;
            size_t j = i;   /* a name is followed by '=' or ':' */
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n')) j++;
            if (j < n && (t[j] == '=' || t[j] == ':') && ++settings > CONFIG_MAX_SETTINGS) {
                report_line(c, ST_CONFIG_RANGE, line, NULL, NULL,
                            "more than %d settings: this is not a scenario file", CONFIG_MAX_SETTINGS);
                return 0;
            }
        } else if (is_digit(ch)) {
            size_t j = i;
            while (j < n && (isalnum_ascii((unsigned char)t[j]) || t[j] == '.' ||
                             ((t[j] == '+' || t[j] == '-') && (t[j - 1] == 'e' || t[j - 1] == 'E'))))
                j++;
            check_int_literal(c, t + i, j - i, i > 0 && t[i - 1] == '-', line);
            i = j;
            prev = 'x';
        } else {
            if (ch == '(' || ch == '[' || ch == '{') {
                if (depth < sizeof open) open[depth] = (unsigned char)ch;
                depth++;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            }
            if (ch == '=' || ch == ':' || ch == '(' || ch == '[' || ch == ',') prev = ch;
            else if (!(ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v')) prev = 'x';
            i++;
        }
    }
    return c->d->n_errors == errors;
}

/* ---- the inherits chain ---- */

typedef struct {
    config_t cfg;
    int parsed;                    /* cfg was initialised: destroy it */
    char path[PATH_MAX_LEN];       /* as given, or resolved against the inheriting file */
    dev_t dev;                     /* identity, for cycles */
    ino_t ino;
    int inherits_line;             /* 0: the file names no base */
} ChainFile;

/* Parses text (already pre-scanned) into cfg, which the caller destroys. */
static int parse_text(LoadCtx *c, config_t *cfg, const char *text)
{
    config_init(cfg);
    config_set_options(cfg, 0);   /* no auto-conversion: kinds are checked here */
    if (config_read_string(cfg, text)) return 1;
    report_line(c, ST_CONFIG_SYNTAX, config_error_line(cfg), NULL, NULL, "%s",
                config_error_text(cfg) ? config_error_text(cfg) : "syntax error");
    return 0;
}

/* The base name written in the file at from, as a path from the working
 * directory: relative to from's directory unless absolute. 0 if too long. */
static int resolve(char *out, size_t size, const char *from, const char *name)
{
    const char *slash = strrchr(from, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - from) + 1, len = strlen(name);
    if (dir + len >= size) return 0;
    memmove(out, from, dir);   /* out and from are distinct; memmove keeps the compiler sure */
    memcpy(out + dir, name, len + 1);
    return 1;
}

/* "a.cfg:3 -> b.cfg:2 -> a.cfg": the files 0..n-1 with the lines of their
 * inherits, then last. */
static void chain_text(char *buf, size_t size, const ChainFile *files, int n, const char *last)
{
    char q[128];
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && o < size; k++)
        o += (size_t)snprintf(buf + o, size - o, "%s:%d -> ", shown_max(q, sizeof q, files[k].path, 100),
                              files[k].inherits_line);
    if (o < size) snprintf(buf + o, size - o, "%s", shown_max(q, sizeof q, last, 100));
}

/* Reads, pre-scans and parses top and the bases it inherits, into files[];
 * the number of files, or 0 after reporting an error. */
static int follow_chain(LoadCtx *c, ChainFile *files, const char *top)
{
    snprintf(files[0].path, sizeof files[0].path, "%s", top);   /* the caller checked the length */
    for (int n = 0; n < CONFIG_CHAIN_MAX; n++) {
        ChainFile *f = &files[n];
        Loc from = { n > 0 ? n - 1 : 0, n > 0 ? files[n - 1].inherits_line : 0 };
        char why[160], q[256];
        char *text = NULL;
        size_t len = 0;
        struct stat id;
        c->cur = n;
        c->src[n] = c->file = f->path;
        Status st = read_file(f->path, &text, &len, &id, why, sizeof why);
        if (st != ST_OK) {
            if (n == 0)
                report_line(c, st, 0, NULL, NULL, "cannot read file: %s", why);
            else
                report_loc(c, st, from, "inherits", NULL, "cannot read the base \"%s\": %s",
                           shown_max(q, sizeof q, f->path, 200), why);
            return 0;
        }
        f->dev = id.st_dev;
        f->ino = id.st_ino;
        for (int k = 0; k < n; k++)
            if (files[k].dev == f->dev && files[k].ino == f->ino) {
                char chain[384];
                chain_text(chain, sizeof chain, files, n, f->path);
                report_loc(c, ST_CONFIG_INVALID, from, "inherits", NULL, "inheritance cycle: %s", chain);
                free(text);
                return 0;
            }
        int ok = prescan(c, text, len);
        if (ok) {
            f->parsed = 1;
            ok = parse_text(c, &f->cfg, text);
        }
        free(text);
        if (!ok) return 0;
        const config_setting_t *inh = config_setting_get_member(config_root_setting(&f->cfg), "inherits");
        if (!inh) return n + 1;
        f->inherits_line = (int)config_setting_source_line(inh);
        if (config_setting_type(inh) != CONFIG_TYPE_STRING) {
            report(c, ST_CONFIG_TYPE, inh, "inherits", NULL,
                   "expected a string, the path of the base scenario, got %s", type_name(inh));
            return 0;
        }
        const char *name = config_setting_get_string(inh);
        const char *problem = text_problem(name, SF_NONEMPTY);
        if (problem) {
            report(c, ST_CONFIG_INVALID, inh, "inherits", NULL, "\"%s\" %s", shown(q, sizeof q, name),
                   problem);
            return 0;
        }
        if (n + 1 == CONFIG_CHAIN_MAX) {
            report(c, ST_CONFIG_RANGE, inh, "inherits", NULL,
                   "more than %d files in the inherits chain", CONFIG_CHAIN_MAX);
            return 0;
        }
        if (!resolve(files[n + 1].path, sizeof files[n + 1].path, f->path, name)) {
            report(c, ST_IO, inh, "inherits", NULL, "the path of the base is longer than %d bytes",
                   PATH_MAX_LEN - 1);
            return 0;
        }
    }
    return 0;   /* not reached: the chain is cut at CONFIG_CHAIN_MAX above */
}

/* ---- --set overrides ---- */

enum { SET_VALUE_MAX = 64 * 1024 };

static int is_blank(char ch) { return ch == ' ' || ch == '\t'; }

/* "v = <value>;" or, verbatim, "v = \"<value escaped>\";" (malloc'd). */
static char *set_text(const char *value, size_t len, int verbatim)
{
    char *t = malloc(4 * len + 16), *o = t;
    if (!t) return NULL;
    memcpy(o, "v = ", 4), o += 4;
    if (!verbatim) {
        memcpy(o, value, len), o += len;
    } else {
        *o++ = '"';
        for (size_t i = 0; i < len; i++) {
            unsigned char ch = (unsigned char)value[i];
            if (ch == '"' || ch == '\\') *o++ = '\\', *o++ = (char)ch;
            else if (ch < 0x20 || ch == 0x7f) o += sprintf(o, "\\x%02x", ch);
            else *o++ = (char)ch;
        }
        *o++ = '"';
    }
    memcpy(o, ";\n", 3);
    return t;
}

/* Splits "group.list[i].field" at the index: list path into base, the
 * index and the field name. 1 if path has this form. */
static int split_index(const char *path, char *base, size_t size, int *index, const char **field)
{
    const char *br = strchr(path, '[');
    if (!br || (size_t)(br - path) >= size) return 0;
    const char *p = br + 1;
    long i = 0;
    if (!is_digit(*p)) return 0;
    for (; is_digit(*p); p++)
        if ((i = i * 10 + (*p - '0')) > 100000) return 0;
    if (p[0] != ']' || p[1] != '.' || !p[2]) return 0;
    memcpy(base, path, (size_t)(br - path));
    base[br - path] = '\0';
    *index = (int)i;
    *field = p + 2;
    return 1;
}

/* The schema entry (and record field) a --set path names; NULL after
 * reporting when there is none. */
static const SchemaEntry *set_target(LoadCtx *c, const char *path, const SchemaEntry **list, int *index)
{
    char base[160];
    const char *field = NULL;
    *list = NULL;
    *index = -1;
    if (strcmp(path, "inherits") == 0) {
        report_line(c, ST_CONFIG_UNKNOWN, 0, path, NULL,
                    "cannot be set with --set: name the base in the scenario file");
        return NULL;
    }
    if (!strchr(path, '[')) {
        const SchemaEntry *e = schema_find(path);
        if (!e)
            report_line(c, ST_CONFIG_UNKNOWN, 0, path, room(c) ? schema_suggest(path) : NULL,
                        "unknown setting");
        return e;
    }
    const SchemaEntry *e = split_index(path, base, sizeof base, index, &field) ? schema_find(base) : NULL;
    if (!e || e->kind != SK_RECORDS) {
        report_line(c, ST_CONFIG_UNKNOWN, 0, path, NULL,
                    "unknown setting: only lists of groups take an index, written "
                    "list[index].field as in coal_power.units[0].retire_year");
        return NULL;
    }
    int count = *(const int *)(const void *)((const char *)c->s + e->count_offset);
    if (*index >= count) {
        report_line(c, ST_CONFIG_RANGE, 0, path, NULL, "%s has %d entries: index %d is past the end",
                    base, count, *index);
        return NULL;
    }
    const SchemaEntry *fe = schema_field_find(e, field);
    if (!fe) {
        const char *cand[REC_FIELDS];
        int nf = e->n_fields < REC_FIELDS ? e->n_fields : REC_FIELDS;
        for (int k = 0; k < nf; k++) cand[k] = e->fields[k].path;
        report_line(c, ST_CONFIG_UNKNOWN, 0, path, room(c) ? text_nearest(field, cand, (size_t)nf) : NULL,
                    "unknown setting");
        return NULL;
    }
    *list = e;
    return fe;
}

/* Parses the value of a --set into cfg (destroyed by the caller). Text
 * that libconfig cannot read, and any text for a string or enum setting,
 * is taken as a string unless it starts like a libconfig value. */
static int set_parse(LoadCtx *c, const SchemaEntry *e, const char *value, size_t len, config_t *cfg)
{
    char q[64];
    int verbatim = (e->kind == SK_STRING || e->kind == SK_ENUM) && value[0] != '"';
    for (int attempt = 0; attempt < 2; attempt++) {
        char *t = set_text(value, len, verbatim);
        if (!t) {
            report_line(c, ST_NOMEM, 0, NULL, NULL, "out of memory");
            return 0;
        }
        int errors = c->d->n_errors;
        int ok = prescan(c, t, strlen(t));
        if (ok) {
            config_init(cfg);
            config_set_options(cfg, 0);
            ok = config_read_string(cfg, t);
            if (!ok && (verbatim || strchr("([{\"", value[0])))
                report_line(c, ST_CONFIG_SYNTAX, 0, NULL, NULL, "cannot read the value \"%s\": %s",
                            shown(q, sizeof q, value),
                            config_error_text(cfg) ? config_error_text(cfg) : "syntax error");
            if (!ok) config_destroy(cfg);
        }
        free(t);
        if (ok) return 1;
        if (verbatim || c->d->n_errors != errors || strchr("([{\"", value[0])) return 0;
        verbatim = 1;   /* 3.2GW, peak-shaving, all: a string */
    }
    return 0;
}

/* One override, "group.setting=value" or "group.list[i].field=value". */
static void apply_set(LoadCtx *c, const char *text)
{
    char path[160], q[64];
    const char *eq = strchr(text, '=');
    const char *p = text;
    while (is_blank(*p)) p++;
    size_t plen = eq && eq > p ? (size_t)(eq - p) : 0;
    while (plen > 0 && is_blank(p[plen - 1])) plen--;
    c->set_path = NULL;
    if (plen == 0) {
        report_line(c, ST_USAGE, 0, shown(q, sizeof q, text), NULL,
                    "expected group.setting=value, such as storage.duration_h=4");
        return;
    }
    if (plen >= sizeof path) {
        report_line(c, ST_CONFIG_UNKNOWN, 0, shown(q, sizeof q, text), NULL, "unknown setting");
        return;
    }
    memcpy(path, p, plen);
    path[plen] = '\0';
    c->set_path = path;
    const char *value = eq + 1;
    while (is_blank(*value)) value++;
    size_t vlen = strlen(value);
    while (vlen > 0 && is_blank(value[vlen - 1])) vlen--;
    if (vlen == 0 || vlen > SET_VALUE_MAX) {
        report_line(c, vlen ? ST_CONFIG_RANGE : ST_USAGE, 0, path, NULL,
                    vlen ? "the value is longer than 64 KiB" : "no value after '='");
        return;
    }
    const SchemaEntry *list;
    int index;
    const SchemaEntry *e = set_target(c, path, &list, &index);
    if (!e) return;
    config_t cfg;
    if (!set_parse(c, e, value, vlen, &cfg)) return;
    const config_setting_t *root = config_root_setting(&cfg);
    if (config_setting_length(root) != 1) {
        report_line(c, ST_CONFIG_SYNTAX, 0, path, NULL, "unexpected text after the value in \"%s\"",
                    shown(q, sizeof q, value));
    } else if (list) {
        const config_setting_t *m = config_setting_get_elem(root, 0);
        RecordInfo *ri = &c->rec[record_slot(list)][index];
        int k = (int)(e - list->fields), dummy;
        void *rec = (char *)c->s + list->offset + (size_t)index * list->record_size;
        ri->field_given[k] = 1;
        ri->field[k] = (Loc){ SRC_SET, 0 };
        if (!load_value(c, e, m, path, rec, &dummy)) ri->bad = 1;
    } else {
        const config_setting_t *m = config_setting_get_elem(root, 0);
        int idx = index_of(e);
        c->given[idx] = 1;
        c->at[idx] = (Loc){ SRC_SET, 0 };
        c->bad[idx] = !load_value(c, e, m, path, c->s, &c->len[idx]);
    }
    config_destroy(&cfg);
}

/* ---- API ---- */

void config_defaults(Scenario *s) { schema_defaults(s); }

/* Writes text on a comment line: control bytes and invalid UTF-8 as '?',
 * so that no path can end the comment and add settings. */
static void put_comment(FILE *f, const char *text)
{
    fputs("#   ", f);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t n = utf8_len(p);
        if (n == 0 || *p < 0x20 || *p == 0x7f) {
            fputc('?', f);
            p++;
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    fputc('\n', f);
}

Status config_write_resolved_ex(const Scenario *s, const char *const *chain, int n, FILE *f)
{
    if (chain && n > 0) {
        fputs("# Resolved from (the file loaded, then each base it inherits, then any --set):\n", f);
        for (int i = 0; i < n; i++) put_comment(f, chain[i] ? chain[i] : "");
        fputc('\n', f);
    }
    return schema_write_config(s, f, 0);
}

Status config_write_resolved(const Scenario *s, FILE *f) { return config_write_resolved_ex(s, NULL, 0, f); }

Status config_load_ex(const char *path, const char *const *sets, int n_sets, Scenario *s,
                      ConfigChain *chain, Diag *d)
{
    /* Scenario, context and chain are ~90 kB: on the heap. *s is written only on success. */
    struct Work {
        Scenario s;
        LoadCtx c;
        ChainFile files[CONFIG_CHAIN_MAX];
    } *w = calloc(1, sizeof *w);
    if (!path) path = "";
    if (!w) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    LoadCtx *c = &w->c;
    c->file = c->src[0] = path;
    c->src[SRC_SET] = "--set";
    c->d = d;
    c->s = &w->s;
    c->first = ST_OK;
    schema_defaults(&w->s);
    int n = 0;
    if (strlen(path) >= PATH_MAX_LEN)
        report_line(c, ST_IO, 0, NULL, NULL, "cannot read file: the path is longer than %d bytes",
                    PATH_MAX_LEN - 1);
    else
        n = follow_chain(c, w->files, path);
    if (n > 0) {
        for (int k = n - 1; k >= 0; k--) {   /* base first: later files replace */
            c->cur = k;
            c->file = w->files[k].path;
            load_root(c, config_root_setting(&w->files[k].cfg));
        }
        c->cur = SRC_SET;
        c->file = c->src[SRC_SET];
        for (int i = 0; sets && i < n_sets; i++) apply_set(c, sets[i] ? sets[i] : "");
        c->set_path = NULL;
        check_missing(c);
        default_name(c);
        validate(c);
    }
    for (int k = 0; k < CONFIG_CHAIN_MAX; k++)
        if (w->files[k].parsed) config_destroy(&w->files[k].cfg);
    Status st = c->first;
    if (st == ST_OK) {
        *s = w->s;
        memset(s->source_file, 0, sizeof s->source_file);
        memcpy(s->source_file, path, strlen(path));
        if (chain) {
            memset(chain, 0, sizeof *chain);
            chain->n = n;
            for (int k = 0; k < n; k++) memcpy(chain->file[k], w->files[k].path, strlen(w->files[k].path));
        }
    }
    free(w);
    return st;
}

Status config_load_with(const char *path, const char *const *sets, int n_sets, Scenario *s, Diag *d)
{
    return config_load_ex(path, sets, n_sets, s, NULL, d);
}

Status config_load(const char *path, Scenario *s, Diag *d)
{
    return config_load_ex(path, NULL, 0, s, NULL, d);
}
