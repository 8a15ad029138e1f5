/* results.c — a scenario's result files read back (annual.dat, targets.dat,
 * hourly-YYYY.dat, run.cfg) for the charts and the report, which are views
 * of the files, never of a run in memory (STYLE §8). */
#include "results.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "infile.h"

#define MAX_ROWS 1000000
/* Caps on result files read back: an hourly year is about 3 MB. */
#define RESULTS_DAT_MAX ((off_t)64 << 20)
#define RESULTS_LINE_MAX (1 << 20)

/* ---- reading .dat files --------------------------------------------------- */

static int blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Next blank-separated field of *p (NUL-terminated in place), or NULL. A
 * field in double quotes may hold blanks; "" inside stands for a quote. */
static char *next_field(char **p)
{
    char *s = *p;
    while (*s && blank((unsigned char)*s)) s++;
    if (!*s) { *p = s; return NULL; }
    if (*s == '"') {
        char *start = ++s, *w = s;
        for (;;) {
            if (!*s) return NULL;   /* unterminated */
            if (*s == '"') {
                if (s[1] == '"') { *w++ = '"'; s += 2; continue; }
                s++;
                break;
            }
            *w++ = *s++;
        }
        if (*s && !blank((unsigned char)*s)) return NULL;
        if (*s) s++;
        *w = '\0';
        *p = s;
        return start;
    }
    char *start = s;
    while (*s && !blank((unsigned char)*s)) s++;
    if (*s) *s++ = '\0';
    *p = s;
    return start;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE) return -1;
    *out = v;
    return 0;
}

static int is_comment_or_blank(const char *line)
{
    const char *s = line;
    while (*s && blank((unsigned char)*s)) s++;
    return *s == '\0' || *s == '#';
}

void results_dat_free(DatTable *t)
{
    if (!t) return;
    for (int i = 0; i < t->n_cols; i++) free(t->names[i]);
    free(t->names);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static Status read_header(DatTable *t, char *line, const char *path, int lineno, Diag *d)
{
    int cap = 16;
    t->names = malloc((size_t)cap * sizeof *t->names);
    if (!t->names) return ST_NOMEM;
    char *p = line, *f;
    while ((f = next_field(&p))) {
        if (t->n_cols == cap) {
            cap *= 2;
            char **nn = realloc(t->names, (size_t)cap * sizeof *nn);
            if (!nn) return ST_NOMEM;
            t->names = nn;
        }
        if (!(t->names[t->n_cols] = strdup(f))) return ST_NOMEM;
        t->n_cols++;
    }
    if (t->n_cols == 0) {
        diag_error(d, ST_IO, path, lineno, NULL, "no column names");
        return ST_IO;
    }
    return ST_OK;
}

/* The data lines of a result file: comments and blank lines skipped, the
 * file's kind, size and line length checked (infile.h). */
typedef struct {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    int lineno;
} Lines;

static Status lines_open(Lines *r, const char *path, Diag *d)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    char why[128];
    r->f = infile_open(path, RESULTS_DAT_MAX, why, sizeof why);
    if (r->f) return ST_OK;
    diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
    return ST_IO;
}

/* 1: r->line holds the next data line; 0: the end; -1: a line too long or a
 * read error (reported). */
static int lines_next(Lines *r, Diag *d)
{
    long got;
    while ((got = infile_line(r->f, &r->line, &r->cap, RESULTS_LINE_MAX)) != -1) {
        r->lineno++;
        if (got == -2) {
            diag_error(d, ST_IO, r->path, r->lineno, NULL, "line longer than %d bytes", RESULTS_LINE_MAX);
            return -1;
        }
        if (!is_comment_or_blank(r->line)) return 1;
    }
    if (ferror(r->f)) {
        diag_error(d, ST_IO, r->path, r->lineno, NULL, "read error");
        return -1;
    }
    return 0;
}

static void lines_close(Lines *r)
{
    free(r->line);
    fclose(r->f);
}

Status results_dat_read(const char *path, DatTable *t, Diag *d)
{
    memset(t, 0, sizeof *t);
    Lines r;
    if (lines_open(&r, path, d) != ST_OK) return ST_IO;
    int have_header = 0, more;
    size_t cap_rows = 0;
    Status st = ST_OK;
    while ((more = lines_next(&r, d)) == 1) {
        char *line = r.line;
        int lineno = r.lineno;
        if (!have_header) {
            if ((st = read_header(t, line, path, lineno, d)) != ST_OK) goto done;
            have_header = 1;
            continue;
        }
        if (t->n_rows >= MAX_ROWS) {
            diag_error(d, ST_IO, path, lineno, NULL, "more than %d rows", MAX_ROWS);
            st = ST_IO;
            goto done;
        }
        if ((size_t)t->n_rows == cap_rows) {
            cap_rows = cap_rows ? 2 * cap_rows : 1024;
            double *nv = realloc(t->v, cap_rows * (size_t)t->n_cols * sizeof *nv);
            if (!nv) { st = ST_NOMEM; goto done; }
            t->v = nv;
        }
        double *row = t->v + (size_t)t->n_rows * (size_t)t->n_cols;
        char *p = line, *fld;
        int c = 0;
        while ((fld = next_field(&p))) {
            if (c >= t->n_cols || parse_number(fld, &row[c]) != 0) {
                c = -1;
                break;
            }
            c++;
        }
        if (c != t->n_cols) {
            diag_error(d, ST_IO, path, lineno, NULL,
                       "expected %d number%s (the header's columns)", t->n_cols, t->n_cols == 1 ? "" : "s");
            st = ST_IO;
            goto done;
        }
        t->n_rows++;
    }
    if (more == -1) {
        st = ST_IO;
    } else if (!have_header) {
        diag_error(d, ST_IO, path, 0, NULL, "no header line of column names");
        st = ST_IO;
    }
done:
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
    lines_close(&r);
    return st;
}

int results_dat_col(const DatTable *t, const char *name)
{
    for (int i = 0; i < t->n_cols; i++)
        if (strcmp(t->names[i], name) == 0) return i;
    return -1;
}

double results_dat_get(const DatTable *t, int r, int c)
{
    if (c < 0 || c >= t->n_cols || r < 0 || r >= t->n_rows) return (double)NAN;
    return t->v[(size_t)r * (size_t)t->n_cols + (size_t)c];
}

double results_dat_year(const DatTable *t, int year, const char *name)
{
    int cy = results_dat_col(t, "year"), c = results_dat_col(t, name);
    if (cy < 0 || c < 0) return (double)NAN;
    for (int r = 0; r < t->n_rows; r++)
        if (lround(results_dat_get(t, r, cy)) == year) return results_dat_get(t, r, c);
    return (double)NAN;
}

/* ---- targets.dat ---------------------------------------------------------- */

void results_targets_free(TargetTable *t)
{
    if (!t) return;
    free(t->rows);
    memset(t, 0, sizeof *t);
}

static int copy_field(char *dst, size_t n, const char *src)
{
    return snprintf(dst, n, "%s", src) >= (int)n ? -1 : 0;
}

static int parse_int(const char *s, int *out)
{
    double v;
    if (parse_number(s, &v) != 0 || v != floor(v) || fabs(v) > 1e6) return -1;
    *out = (int)v;
    return 0;
}

/* id label metric year value op threshold upper base_year pass margin
 * [basis kind note] — the last three are absent in files written before them. */
static int parse_target(char *line, TargetRow *r)
{
    char *p = line, *f[14];
    int n = 0;
    while (n < 14 && (f[n] = next_field(&p))) n++;
    if ((n != 11 && n != 14) || next_field(&p)) return -1;
    memset(r, 0, sizeof *r);
    if (n == 14 && (copy_field(r->basis, sizeof r->basis, f[11]) || copy_field(r->kind, sizeof r->kind, f[12])
                    || copy_field(r->note, sizeof r->note, f[13])))
        return -1;
    if (copy_field(r->id, sizeof r->id, f[0]) || copy_field(r->label, sizeof r->label, f[1])
        || copy_field(r->metric, sizeof r->metric, f[2]) || copy_field(r->op, sizeof r->op, f[5]))
        return -1;
    if (parse_int(f[3], &r->year) || parse_number(f[4], &r->value)
        || parse_number(f[6], &r->threshold) || parse_number(f[7], &r->upper)
        || parse_int(f[8], &r->base_year) || parse_int(f[9], &r->pass)
        || parse_number(f[10], &r->margin))
        return -1;
    return 0;
}

Status results_targets_read(const char *path, TargetTable *t, Diag *d)
{
    memset(t, 0, sizeof *t);
    Lines r;
    if (lines_open(&r, path, d) != ST_OK) return ST_IO;
    int have_header = 0, cap = 0, more;
    Status st = ST_OK;
    while ((more = lines_next(&r, d)) == 1) {
        char *line = r.line;
        int lineno = r.lineno;
        if (!have_header) {
            /* the columns every version wrote, in order: a cut or foreign
             * header is a damaged file, not a file without targets */
            static const char head[] = "id label metric year value op threshold upper base_year pass margin";
            if (strncmp(line, head, sizeof head - 1) != 0
                || !(line[sizeof head - 1] == ' ' || line[sizeof head - 1] == '\n'
                     || line[sizeof head - 1] == '\r' || line[sizeof head - 1] == '\0')) {
                diag_error(d, ST_IO, path, lineno, NULL, "not the header of targets.dat (expected \"%s ...\")", head);
                st = ST_IO;
                break;
            }
            have_header = 1;
            continue;
        }
        if (t->n >= MAX_ROWS) {
            diag_error(d, ST_IO, path, lineno, NULL, "more than %d rows", MAX_ROWS);
            st = ST_IO;
            break;
        }
        if (t->n == cap) {
            cap = cap ? 2 * cap : 32;
            TargetRow *nr = realloc(t->rows, (size_t)cap * sizeof *nr);
            if (!nr) {
                diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
                st = ST_NOMEM;
                break;
            }
            t->rows = nr;
        }
        if (parse_target(line, &t->rows[t->n]) != 0) {
            diag_error(d, ST_IO, path, lineno, NULL,
                       "expected: id \"label\" metric year value op threshold upper base_year pass margin "
                       "[basis kind \"note\"]");
            st = ST_IO;
            break;
        }
        t->n++;
    }
    if (st == ST_OK && more == -1) st = ST_IO;
    if (st == ST_OK && !have_header) {
        diag_error(d, ST_IO, path, 0, NULL, "no header line of column names");
        st = ST_IO;
    }
    lines_close(&r);
    return st;
}

/* ---- hourly files --------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int results_hourly_years(const char *scenario_dir, int *years, int max)
{
    DIR *dir = opendir(scenario_dir);
    if (!dir) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        /* exactly "hourly-YYYY.dat" */
        const char *s = e->d_name;
        if (strlen(s) != strlen("hourly-0000.dat") || strncmp(s, "hourly-", 7) != 0
            || strcmp(s + 11, ".dat") != 0)
            continue;
        int y = 0, digits = 1;
        for (int k = 7; k < 11; k++) {
            digits &= s[k] >= '0' && s[k] <= '9';
            y = 10 * y + (s[k] - '0');
        }
        if (!digits) continue;
        if (n < max) years[n] = y;
        n++;
    }
    closedir(dir);
    qsort(years, (size_t)(n < max ? n : max), sizeof *years, cmp_int);
    return n;
}

/* ---- whole files and run.cfg ------------------------------------------------------ */

/* A whole (small) file in memory, NUL-terminated; NULL if unreadable. */
char *results_read_file(const char *path, size_t max, size_t *len)
{
    char why[128];
    FILE *f = infile_open(path, (off_t)max, why, sizeof why);
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap >= max) { free(buf); buf = NULL; break; }
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    if (buf && ferror(f)) { free(buf); buf = NULL; }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len) *len = n;
    }
    return buf;
}

/* The text of `key = value;` in the top-level group `group` of a libconfig
 * file as ecsim writes run.cfg: strings without their quotes (\" and \\
 * undone), anything else as written. 0 if found. */
int results_cfg_get(const char *text, const char *group, const char *key, char *out, size_t n)
{
    const char *p = text;
    char cur[64] = "";
    int depth = 0;
    while (*p) {
        if (*p == '#' || (p[0] == '/' && p[1] == '/')) { p += strcspn(p, "\n"); continue; }
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
            continue;
        }
        if (*p == '}') { if (depth > 0) depth--; p++; continue; }
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')) { p++; continue; }
        const char *id = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'
               || *p == '-')
            p++;
        size_t idlen = (size_t)(p - id);
        p += strspn(p, " \t\r\n");
        if (*p != ':' && *p != '=') continue;
        p++;
        p += strspn(p, " \t\r\n");
        if (*p == '{') {
            if (depth == 0) snprintf(cur, sizeof cur, "%.*s", (int)idlen, id);
            depth++;
            p++;
            continue;
        }
        /* a value: up to ';' or ',' outside brackets and strings */
        const char *v = p;
        int nest = 0;
        while (*p) {
            if (*p == '"') {
                for (p++; *p && *p != '"'; p++)
                    if (*p == '\\' && p[1]) p++;
                if (*p) p++;
                continue;
            }
            if (*p == '(' || *p == '[' || *p == '{') nest++;
            else if (*p == ')' || *p == ']' || *p == '}') { if (nest == 0) break; nest--; }
            else if ((*p == ';' || *p == ',') && nest == 0) break;
            p++;
        }
        if (depth == 1 && strcmp(cur, group) == 0 && strlen(key) == idlen && strncmp(id, key, idlen) == 0) {
            size_t len = (size_t)(p - v);
            while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\r')) len--;
            size_t w = 0;
            if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
                for (size_t i = 1; i + 1 < len && w + 1 < n; i++) {
                    if (v[i] == '\\' && i + 2 < len) i++;
                    out[w++] = v[i];
                }
            } else {
                for (size_t i = 0; i < len && w + 1 < n; i++) out[w++] = (v[i] == '\n') ? ' ' : v[i];
            }
            out[w] = '\0';
            return 0;
        }
    }
    out[0] = '\0';
    return -1;
}

Status results_check_dir(const char *dir, Diag *d)
{
    static const char *const need[] = { "annual.dat", "targets.dat", "run.cfg" };
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_error(d, ST_IO, dir, 0, NULL, "not a directory of results (ecsim run -o DIR writes DIR/<scenario>)");
        return ST_IO;
    }
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, need[i]) >= (int)sizeof path) {
            diag_error(d, ST_IO, dir, 0, NULL, "path too long");
            return ST_IO;
        }
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            diag_error(d, ST_IO, dir, 0, NULL, "not the results of a run: %s %s", need[i],
                       lstat(path, &st) != 0 ? "is missing" : "is not a regular file");
            return ST_IO;
        }
    }
    return ST_OK;
}

char *results_read_text(const char *dir, const char *name, Diag *d)
{
    char path[4096], why[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = infile_open(path, RESULTS_FILE_MAX, why, sizeof why);   /* kind and size first */
    if (!f) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
        return NULL;
    }
    fclose(f);
    size_t len = 0;
    char *text = results_read_file(path, RESULTS_FILE_MAX, &len);
    if (!text) diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", strerror(errno));
    else if (strlen(text) != len) {
        diag_error(d, ST_IO, path, 0, NULL, "a NUL byte: not a text file");
        free(text);
        text = NULL;
    }
    return text;
}
