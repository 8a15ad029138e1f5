/* config_parse.c — the parse layer of scenario files (DESIGN §8): a file's
 * bytes checked before libconfig sees them (prescan), parsed, and each
 * value read into the Scenario according to its schema entry (read_*),
 * checked for kind, range and unit where it is written. Errors are
 * reported here with file, line and setting path. */
#include "config_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assumptions.h"
#include "metrics.h"
#include "textdist.h"
#include "units.h"
#include "utf8.h"

/* ---- reporting ---- */

/* Quotes user text for a message: at most about max bytes, control
 * characters and invalid UTF-8 shown as '?', so hostile bytes never reach
 * a terminal (or a comment line of run.cfg). */
const char *cfg_shown_max(char *buf, size_t size, const char *v, size_t max)
{
    return utf8_shown(buf, size, v, SIZE_MAX, max);
}

const char *cfg_shown(char *buf, size_t size, const char *v) { return cfg_shown_max(buf, size, v, 40); }

int cfg_room(const LoadCtx *c) { return c->d->n < DIAG_MAX; }

/* Line of m in the source being read; 0 for --set values. */
int cfg_line_of(const LoadCtx *c, const config_setting_t *m)
{
    return c->cur == SRC_SET ? 0 : (int)config_setting_source_line(m);
}

Loc cfg_here(const LoadCtx *c, const config_setting_t *m)
{
    return (Loc){ c->cur, cfg_line_of(c, m) };
}

void cfg_vreport(LoadCtx *c, Status st, const char *file, int line, const char *setting,
                    const char *suggestion, const char *fmt, va_list ap)
{
    char msg[384];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int kept = cfg_room(c);
    diag_error(c->d, st, file, line, setting, "%s", msg);
    if (kept && suggestion) diag_suggest(c->d, suggestion);
    if (c->first == ST_OK) c->first = st;
}

/* An error located at the setting m of the source being read. */
__attribute__((format(printf, 6, 7)))
void cfg_report(LoadCtx *c, Status st, const config_setting_t *m, const char *setting,
                   const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfg_vreport(c, st, c->file, cfg_line_of(c, m), setting, suggestion, fmt, ap);
    va_end(ap);
}

/* An error at a line of the source being read. */
__attribute__((format(printf, 6, 7)))
void cfg_report_line(LoadCtx *c, Status st, int line, const char *setting,
                        const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (c->cur == SRC_SET) {   /* a --set value: no lines, and the path it sets */
        line = 0;
        if (!setting) setting = c->set_path;
    }
    cfg_vreport(c, st, c->file, line, setting, suggestion, fmt, ap);
    va_end(ap);
}

/* An error where a setting was written, in whichever source. */
__attribute__((format(printf, 6, 7)))
void cfg_report_loc(LoadCtx *c, Status st, Loc at, const char *setting,
                       const char *suggestion, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfg_vreport(c, st, c->src[at.src] ? c->src[at.src] : c->file, at.line, setting, suggestion, fmt, ap);
    va_end(ap);
}

const char *cfg_type_name(const config_setting_t *m)
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

int cfg_is_sequence(const config_setting_t *m)
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
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "%.15g is below the minimum %.15g", x, lo);
        return 0;
    }
    if (x > hi) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "%.15g is above the maximum %.15g", x, hi);
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
        int near = st == ST_CONFIG_INVALID && cfg_room(c) && units_suggest(text, dim, sugg, sizeof sugg);
        cfg_report(c, st, m, setting, near ? sugg : NULL, "%s", err);
        return 0;
    }
    if (x < lo || x > hi) {
        const char *unit = units_canonical(dim);
        int plain = strcmp(unit, "1") == 0;   /* a fraction: no unit after the number */
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "\"%s\" is %.15g%s%s, %s the %s %.15g",
                   cfg_shown(buf, sizeof buf, text), x, plain ? "" : " ", plain ? "" : unit,
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
            cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL,
                       "expected a number or text with a unit such as \"%s\", got %s",
                       units_example(dim), cfg_type_name(m));
        else
            cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a number, got %s", cfg_type_name(m));
        return 0;
    }
    if (!isfinite(x)) {   /* 1e999 parses as inf */
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "%s is not a finite number",
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
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an integer, got %s", cfg_type_name(m));
        return 0;
    }
    if (!isfinite(x) || x != floor(x)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an integer, got %.15g", x);
        return 0;
    }
    if (!in_range(c, m, setting, x, lo, hi)) return 0;   /* before any cast */
    *out = x;
    return 1;
}

/* NULL if v is acceptable text under flags, else what is wrong with it. */
const char *cfg_text_problem(const char *v, unsigned flags)
{
    for (const unsigned char *p = (const unsigned char *)v; *p;) {
        size_t n = utf8_len((const char *)p);
        if (n == 0) return "is not valid UTF-8";
        if ((*p < 0x20 || *p == 0x7f) && !((flags & SF_MULTILINE) && (*p == '\n' || *p == '\t')))
            return "contains a control character";
        if ((flags & SF_FILENAME) && (*p == '/' || *p == '\\'))
            return "must not contain '/' or '\\' (it names the output directory)";
        if ((flags & SF_IDENT) && !(cfg_isalnum(*p) || *p == '_' || *p == '-' || *p == '.'))
            return "may contain only letters, digits, '_', '-' and '.'";
        p += n;
    }
    if ((flags & (SF_NONEMPTY | SF_FILENAME | SF_IDENT)) && v[0] == '\0') return "must not be empty";
    if ((flags & SF_FILENAME) && v[0] == '.') return "must not start with '.'";
    if ((flags & SF_FILENAME) && (v[0] == ' ' || v[strlen(v) - 1] == ' '))
        return "must not start or end with a space";
    return NULL;
}

/* Removes "." and "dir/.." segments of an absolute path, in place. */
static void tidy_path(char *p)
{
    char *out = p;              /* p[0] == '/' */
    const char *in = p;
    while (*in) {
        while (*in == '/') in++;
        const char *end = strchr(in, '/');
        size_t n = end ? (size_t)(end - in) : strlen(in);
        if (n == 0) break;
        if (n == 1 && in[0] == '.') {
            /* nothing */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p && *--out != '/') {}
        } else {
            *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in += n;
    }
    if (out == p) *out++ = '/';
    *out = '\0';
}

/* A path written in a config file, as an absolute path: relative to the
 * directory of the file being read (the working directory for --set). 0 if
 * it does not fit. Absolute, so that run.cfg reproduces the run wherever
 * it is read from. */
static int resolve_path(const LoadCtx *c, const char *v, char *out, size_t size)
{
    char joined[2 * PATH_MAX_LEN + 8], cwd[PATH_MAX_LEN];
    if (v[0] == '/') {
        if (strlen(v) >= sizeof joined) return 0;
        strcpy(joined, v);
    } else {
        const char *from = c->cur == SRC_SET ? "" : c->file;
        const char *slash = strrchr(from, '/');
        size_t dir = slash ? (size_t)(slash - from) + 1 : 0;
        if (!getcwd(cwd, sizeof cwd)) return 0;
        int n = from[0] == '/'
                    ? snprintf(joined, sizeof joined, "%.*s%s", (int)dir, from, v)
                    : snprintf(joined, sizeof joined, "%s/%.*s%s", cwd, (int)dir, from, v);
        if (n < 0 || (size_t)n >= sizeof joined) return 0;
    }
    tidy_path(joined);
    if (strlen(joined) >= size) return 0;
    strcpy(out, joined);
    return 1;
}

static int read_string(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                       const char *setting, char *dst)
{
    char buf[64];
    if (config_setting_type(m) != CONFIG_TYPE_STRING) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a string, got %s", cfg_type_name(m));
        return 0;
    }
    const char *v = config_setting_get_string(m);
    size_t len = strlen(v);
    if (len >= e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "text of %zu bytes is longer than the maximum %zu",
                   len, e->size - 1);
        return 0;
    }
    const char *problem = cfg_text_problem(v, e->flags);
    if (problem) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, NULL, "\"%s\" %s", cfg_shown(buf, sizeof buf, v),
                   problem);
        return 0;
    }
    if ((e->flags & SF_METRIC) && !metrics_find(v)) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, cfg_room(c) ? metrics_suggest(v) : NULL,
                   "unknown metric \"%s\"", cfg_shown(buf, sizeof buf, v));
        return 0;
    }
    if ((e->flags & SF_PATH) && v[0]) {
        char path[PATH_MAX_LEN];
        if (!resolve_path(c, v, path, sizeof path) || strlen(path) >= e->size) {
            cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "the path \"%s\" is longer than %zu bytes "
                       "once resolved", cfg_shown(buf, sizeof buf, v), e->size - 1);
            return 0;
        }
        memset(dst, 0, e->size);
        memcpy(dst, path, strlen(path));
        return 1;
    }
    memset(dst, 0, e->size);
    memcpy(dst, v, len);
    return 1;
}

/* A list of file paths [ "a.csv", ... ], each resolved as read_string does. */
static int read_paths(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                      const char *setting, char *dst, int *count)
{
    if (!cfg_is_sequence(m)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a list of file paths [ \"a.csv\", ... ], got %s",
                   cfg_type_name(m));
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (n > (int)e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d paths; at most %zu are allowed", n, e->size);
        return 0;
    }
    SchemaEntry one = *e;   /* each element: a string of PATH_MAX_LEN bytes */
    one.kind = SK_STRING;
    one.size = PATH_MAX_LEN;
    one.flags = e->flags | SF_NONEMPTY;
    char tmp[PATH_MAX_LEN];
    for (int i = 0; i < n && ok; i++) {
        char sub[160];
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        ok = read_string(c, &one, config_setting_get_elem(m, (unsigned)i), sub, tmp);
    }
    if (!ok) return 0;
    memset(dst, 0, e->size * PATH_MAX_LEN);
    for (int i = 0; i < n; i++)
        read_string(c, &one, config_setting_get_elem(m, (unsigned)i), setting, dst + (size_t)i * PATH_MAX_LEN);
    *count = n;
    return 1;
}

static int read_enum(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                     const char *setting, int *dst)
{
    char buf[64], list[160];
    if (config_setting_type(m) != CONFIG_TYPE_STRING) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected a string, got %s", cfg_type_name(m));
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
    cfg_report(c, ST_CONFIG_INVALID, m, setting, cfg_room(c) ? text_nearest(v, e->values, n) : NULL,
               "unknown value \"%s\"; expected one of %s", cfg_shown(buf, sizeof buf, v), list);
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
    if (!cfg_is_sequence(m)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL,
                   "expected a number%s or a list of (year, value) pairs, got %s",
                   e->dim != DIM_NONE ? ", text with a unit" : "", cfg_type_name(m));
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (n > SCHED_MAX_POINTS) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d points; at most %d are allowed", n,
                   SCHED_MAX_POINTS);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *p = config_setting_get_elem(m, (unsigned)i);
        char sub[160];
        double year;
        snprintf(sub, sizeof sub, "%s[%d]", setting, i);
        if (!cfg_is_sequence(p) || config_setting_length(p) != 2) {
            cfg_report(c, ST_CONFIG_TYPE, p, sub, NULL, "expected a (year, value) pair, got %s%s",
                       cfg_type_name(p), cfg_is_sequence(p) ? " of another length" : "");
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
            cfg_report(c, ST_CONFIG_INVALID, p, sub, NULL,
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
    if (!cfg_is_sequence(m)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected an array of numbers, got %s",
                   cfg_type_name(m));
        return 0;
    }
    if (e->size > NUMBERS_MAX) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: vector too long");
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (e->kind == SK_VECTOR && n != (int)e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d values; exactly %zu are required (%s)", n,
                   e->size, e->size == 12 ? "January to December" : "hours 0 to 23");
        return 0;
    }
    if (n < 2 || n > (int)e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d values; 2 to %zu are allowed", n,
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
            cfg_report(c, ST_CONFIG_INVALID, x, sub, NULL,
                       "%.15g does not exceed the previous %.15g: values must increase strictly", v[i],
                       v[i - 1]);
            ok = 0;
        }
    }
    if (ok && (e->flags & SF_SOME_POSITIVE) && !positive) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, NULL, "no value is above 0");
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
        cfg_report(c, ST_CONFIG_INVALID, m, setting, cfg_room(c) ? text_nearest(v, words, 2) : NULL,
                   "unknown value \"%s\"; expected a list of years, \"all\" or \"none\"",
                   cfg_shown(buf, sizeof buf, v));
        return 0;
    }
    if (!cfg_is_sequence(m)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL,
                   "expected a list of years, \"all\" or \"none\", got %s", cfg_type_name(m));
        return 0;
    }
    int n = config_setting_length(m), ok = 1;
    if (e->size > HOURLY_YEARS_MAX) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: years list too long");
        return 0;
    }
    if (n > (int)e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d years; at most %zu are allowed", n,
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
                cfg_report(c, ST_CONFIG_INVALID, x, sub, NULL, "year %d is listed twice", y[i]);
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

int cfg_record_slot(const SchemaEntry *e)
{
    int slot = 0;
    for (int i = 0; i < schema_count() && schema_get(i) != e; i++)
        slot += schema_get(i)->kind == SK_RECORDS;
    return slot;
}


/* A list of groups; errors inside a record mark only that record bad. */
static int read_records(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                        const char *setting, void *base)
{
    int slot = cfg_record_slot(e);
    if (!cfg_is_sequence(m)) {
        cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL,
                   "expected a list of groups ( { ... }, ... ), got %s", cfg_type_name(m));
        return 0;
    }
    int n = config_setting_length(m);
    if (slot >= REC_SLOTS || e->n_fields > REC_FIELDS || e->size > REC_MAX) {
        cfg_report(c, ST_CONFIG_INVALID, m, setting, NULL, "internal: record table too large");
        return 0;
    }
    if (n > (int)e->size) {
        cfg_report(c, ST_CONFIG_RANGE, m, setting, NULL, "has %d entries; at most %zu are allowed", n,
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
        ri->at = cfg_here(c, r);
        for (int k = 0; k < e->n_fields; k++) schema_default_one(&e->fields[k], rec);
        if (!config_setting_is_group(r)) {
            cfg_report(c, ST_CONFIG_TYPE, r, sub, NULL, "expected a group { ... }, got %s",
                       cfg_type_name(r));
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
                cfg_report(c, ST_CONFIG_UNKNOWN, fm, path,
                           cfg_room(c) ? text_nearest(name, cand, (size_t)e->n_fields) : NULL,
                           "unknown setting");
                continue;
            }
            int k = (int)(fe - e->fields), dummy;
            ri->field_given[k] = 1;
            ri->field[k] = cfg_here(c, fm);
            if (!cfg_load_value(c, fe, fm, path, rec, &dummy)) ri->bad = 1;
        }
        for (int k = 0; k < e->n_fields; k++)
            if (e->fields[k].required && !ri->field_given[k]) {
                char path[224];
                snprintf(path, sizeof path, "%s.%s", sub, e->fields[k].path);
                cfg_report(c, ST_CONFIG_MISSING, r, path, NULL, "required setting is missing");
                ri->bad = 1;
            }
    }
    *(int *)(void *)((char *)base + e->count_offset) = n;
    return 1;
}

/* Reads m into base + e->offset according to e; *len gets the count of
 * curves and years (-1 for "all"). 1 if the value was stored. */
int cfg_load_value(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
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
            cfg_report(c, ST_CONFIG_TYPE, m, setting, NULL, "expected true or false, got %s",
                       cfg_type_name(m));
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
    case SK_PATHS: return read_paths(c, e, m, setting, p, (int *)(void *)((char *)base + e->count_offset));
    }
    return 0;
}

/* ---- before libconfig ---- */

/* Reads the whole of path, a regular file of at most CONFIG_MAX_BYTES;
 * *id gets its identity (device, inode). On failure *why says why and the
 * status is ST_IO or ST_NOMEM. */
Status cfg_read_file(const char *path, char **text, size_t *len, struct stat *id, char *why,
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
        if (cfg_is_digit(ch)) d = (unsigned)(ch - '0');
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
        cfg_report_line(
            c, ST_CONFIG_RANGE, line, NULL, NULL,
            "integer %s%.*s is too large for libconfig; write it as a number with a decimal point",
            negative ? "-" : "", (int)(n > 40 ? 40 : n), tok);
}

/* What libconfig would accept silently but must not be: NUL bytes (the
 * rest of the file would be ignored), @include (reads other files, can
 * block on a pipe), strings running over lines (a missing quote),
 * integer literals that overflow, and so many settings
 * that libconfig's duplicate-name check (linear per setting) takes minutes.
 * 1 if clean. */
int cfg_prescan(LoadCtx *c, const char *t, size_t n)
{
    const char *nul = memchr(t, '\0', n);
    if (nul) {
        int line = 1;
        for (const char *p = t; p < nul; p++) line += *p == '\n';
        cfg_report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL, "the file contains a NUL byte");
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
            int opened = line;
            for (i += 2; i < n && !(t[i] == '*' && t[i + 1] == '/'); i++) line += t[i] == '\n';
            if (i >= n) {
                /* libconfig takes the rest of the file as the comment: settings
                 * after it would be silently dropped */
                cfg_report_line(c, ST_CONFIG_SYNTAX, opened, NULL, NULL,
                                "comment /* is never closed (it would hide the rest of the file)");
                return 0;
            }
            i += 2;
        } else if (ch == '"') {
            /* libconfig 1.5 leaks a string that is the token where it finds
             * a syntax error ("a = 1 \"x\";"): such a string is reported
             * here, where a value cannot start. */
            int in_list = depth > sizeof open || (depth > 0 && open[depth - 1] != '{');
            if (!(prev == '=' || prev == ':' || prev == '(' || prev == '[' || prev == '"' ||
                  (prev == ',' && in_list))) {
                cfg_report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL,
                                "syntax error (a string out of place)");
                return 0;
            }
            prev = '"';
            /* libconfig lets a string run over lines, even to the end of the
             * file: a missing quote would swallow settings or be reported
             * far away. A string here ends on its line. */
            for (i++; i < n && t[i] != '"' && t[i] != '\n'; i++)
                if (t[i] == '\\' && t[i + 1] != '\0' && t[i + 1] != '\n') i++;
            if (i >= n || t[i] == '\n') {
                cfg_report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL,
                                "string not closed on this line (write \\n for a line break)");
                return 0;
            }
            i++;
        } else if (ch == '@') {
            cfg_report_line(c, ST_CONFIG_SYNTAX, line, NULL, NULL,
                            "directives such as @include are not supported: a scenario is one file");
            while (i < n && t[i] != '\n') i++;   /* the rest of the directive */
        } else if (cfg_is_alpha(ch) || ch == '*' || ch == '_') {
            prev = 'x';
            while (i < n && (cfg_isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '-' ||
                             t[i] == '*'))
                i++;
            size_t j = i;   /* a name is followed by '=' or ':' */
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n')) j++;
            if (j < n && (t[j] == '=' || t[j] == ':') && ++settings > CONFIG_MAX_SETTINGS) {
                cfg_report_line(c, ST_CONFIG_RANGE, line, NULL, NULL,
                                "more than %d settings: this is not a scenario file", CONFIG_MAX_SETTINGS);
                return 0;
            }
        } else if (cfg_is_digit(ch)) {
            size_t j = i;
            while (j < n && (cfg_isalnum((unsigned char)t[j]) || t[j] == '.' ||
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

/* Parses text (already pre-scanned) into cfg, which the caller destroys. */
int cfg_parse_text(LoadCtx *c, config_t *cfg, const char *text)
{
    config_init(cfg);
    config_set_options(cfg, 0);   /* no auto-conversion: kinds are checked here */
    if (config_read_string(cfg, text)) return 1;
    cfg_report_line(c, ST_CONFIG_SYNTAX, config_error_line(cfg), NULL, NULL, "%s",
                    config_error_text(cfg) ? config_error_text(cfg) : "syntax error");
    return 0;
}

/* ---- the assumptions register ---- */

/* The settings of a file in file order (pre-order: groups, values, and the
 * groups of lists of groups such as coal_power.units[1] with their fields),
 * each with the line it starts on: made once, then every assumption comment
 * looks up its nearest setting here. */
typedef struct {
    int n, cap;
    int *line;
    char (*path)[224];
} SettingIndex;

static int index_add(SettingIndex *x, const char *path, int line)
{
    if (x->n == x->cap) {
        int cap = x->cap ? 2 * x->cap : 256;
        int *nl = realloc(x->line, (size_t)cap * sizeof *nl);
        if (!nl) return 0;
        x->line = nl;
        char (*np)[224] = realloc(x->path, (size_t)cap * sizeof *np);
        if (!np) return 0;
        x->path = np;
        x->cap = cap;
    }
    x->line[x->n] = line;
    snprintf(x->path[x->n], sizeof x->path[0], "%s", path);
    x->n++;
    return 1;
}

static int index_walk(const config_setting_t *g, const char *prefix, SettingIndex *x)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        char path[224];
        if (name) snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", name);
        else snprintf(path, sizeof path, "%s[%d]", prefix, i);
        if (!index_add(x, path, (int)config_setting_source_line(m))) return 0;
        const config_setting_t *first = config_setting_length(m) > 0 ? config_setting_get_elem(m, 0) : NULL;
        if ((config_setting_is_group(m) ||
             (config_setting_is_list(m) && first && config_setting_is_group(first))) &&
            !index_walk(m, path, x))
            return 0;
    }
    return 1;
}

/* The first setting in file order that starts at or after line, else the
 * last one ("" in a file without settings). */
static const char *index_nearest(const SettingIndex *x, int line)
{
    for (int k = 0; k < x->n; k++)
        if (x->line[k] >= line) return x->path[k];
    return x->n > 0 ? x->path[x->n - 1] : "";
}

void cfg_collect_assumptions(LoadCtx *c, const config_t *cfg, const char *text, size_t len, int depth)
{
    AssumptionList *l = &c->s->assumptions;
    int dropped = l->dropped;
    int first = assumptions_scan(l, text, len, c->file, depth);
    if (first < l->n) {
        SettingIndex x = {0};
        if (!index_walk(config_root_setting(cfg), "", &x)) {
            cfg_report_line(c, ST_NOMEM, 0, NULL, NULL, "out of memory");
        } else {
            for (int i = first; i < l->n; i++) assumptions_set_setting(l, i, index_nearest(&x, l->a[i].line));
        }
        free(x.line);
        free(x.path);
    }
    if (l->dropped > dropped)
        diag_warn(
            c->d, c->file, 0, NULL,
            "more \"# assumption:\" comments than summary.md can list (%d, %d bytes): some are left out "
            "or cut",
            ASSUMPTION_MAX, ASSUMPTION_TEXT_MAX);
}

/* ---- the provenance register ---- */

typedef struct {
    LoadCtx *c;
    ProvCover *pc;
    int depth;
} ProvWalk;

/* Registers every value under g: settings of groups, and the fields of each
 * group of a list of groups (coal_power.units[1].capacity_mw), each at the
 * line it starts on. The top-level "inherits" is not a value. */
static void prov_walk(ProvWalk *w, const config_setting_t *g, const char *prefix)
{
    ProvenanceList *l = &w->c->s->provenance;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        char path[224];
        if (name) snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", name);
        else snprintf(path, sizeof path, "%s[%d]", prefix, i);
        if (!prefix[0] && strcmp(path, "inherits") == 0) continue;
        const config_setting_t *first = config_setting_length(m) > 0 ? config_setting_get_elem(m, 0) : NULL;
        if (config_setting_is_group(m) ||
            (config_setting_is_list(m) && first && config_setting_is_group(first)))
            prov_walk(w, m, path);
        else
            provenance_add(l, w->pc, path, w->c->file, (int)config_setting_source_line(m), w->depth);
    }
}

void cfg_collect_provenance(LoadCtx *c, const config_t *cfg, const char *text, size_t len, int depth)
{
    ProvenanceList *l = &c->s->provenance;
    int dropped = l->dropped;
    ProvCover pc;
    if (provenance_cover(&pc, text, len) != ST_OK) {
        provenance_cover_free(&pc);
        cfg_report_line(c, ST_NOMEM, 0, NULL, NULL, "out of memory");
        return;
    }
    ProvWalk w = { c, &pc, depth };
    prov_walk(&w, config_root_setting(cfg), "");
    provenance_cover_free(&pc);
    if (l->dropped > dropped)
        diag_warn(c->d, c->file, 0, NULL,
                  "more settings than the provenance register holds (%d, %d bytes): some are left out",
                  PROVENANCE_MAX, PROVENANCE_TEXT_MAX);
}
