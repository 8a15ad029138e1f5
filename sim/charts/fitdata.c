/* fitdata.c — the tables of the fit report (fitdata.h), read line by line
 * with their layout checked, so that a malformed file is an error at its
 * line and column before anything is drawn, never a wrong chart. */
#include "fitdata.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infile.h"

#define DAT_MAX_BYTES (8 << 20)
#define DAT_LINE_MAX 4096
#define DAT_MAX_ROWS 100000

static const FitDatSpec specs[FIT_N_DAT] = {
    [FIT_WEIBULL] = { "weibull.dat", 4,
                    { { "month", 1, 12, 1, 0 }, { "speed_ms", 0, 100, 0, 0 },
                      { "observed_pdf", 0, 10, 0, 1 }, { "fitted_pdf", 0, 10, 0, 1 } }, 1, 1, 0 },
    [FIT_ACF] = { "acf.dat", 3,
                { { "lag_h", 0, 8784, 1, 0 }, { "observed", -1, 1, 0, 1 }, { "fitted", -1, 1, 0, 1 } }, 0, 0, 0 },
    [FIT_DIURNAL] = { "diurnal.dat", 4,
                    { { "month", 1, 12, 1, 0 }, { "hour", 0, 23, 1, 0 },
                      { "observed", 0, 10, 0, 1 }, { "fitted", 0, 10, 0, 1 } }, 1, 1, 0 },
    [FIT_CLEARNESS] = { "clearness.dat", 4,
                      { { "month", 1, 12, 1, 0 }, { "kt", 0, 1.2, 0, 0 },
                        { "observed_pdf", 0, 100, 0, 1 }, { "fitted_pdf", 0, 100, 0, 1 } }, 1, 1, 0 },
    [FIT_TEMPERATURE] = { "temperature.dat", 5,
                        { { "month", 1, 12, 1, 0 }, { "observed_mean_c", -90, 60, 0, 1 },
                          { "fitted_mean_c", -90, 60, 0, 1 }, { "observed_range_c", 0, 80, 0, 1 },
                          { "fitted_range_c", 0, 80, 0, 1 } }, 0, 0, 12 },
};

const FitDatSpec *fitdata_spec(int which)
{
    return which >= 0 && which < FIT_N_DAT ? &specs[which] : NULL;
}

double fitdata_at(const FitDat *t, int r, int c)
{
    return t->v[(size_t)r * (size_t)t->spec->n_cols + (size_t)c];
}

void fitdata_free(FitDat *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* A field as a number: decimal notation only (no inf, no hex); "NaN" as
 * gnuplot's missing value where the column allows it. 0 if it is neither. */
static int parse_field(const char *tok, const FitDatCol *col, double *out)
{
    if (col->missing_ok && (strcmp(tok, "NaN") == 0 || strcmp(tok, "nan") == 0)) {
        *out = (double)NAN;
        return 1;
    }
    if (!*tok || tok[strspn(tok, "0123456789+-.eE")] != '\0') return 0;
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (*end || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* The words of a '#' line (after the '#') are the spec's column names. */
static int header_matches(const char *text, const FitDatSpec *s)
{
    char buf[DAT_LINE_MAX + 1];
    snprintf(buf, sizeof buf, "%s", text);
    char *save = NULL;
    int c = 0, ok = 1;
    for (char *w = strtok_r(buf, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save), c++)
        if (c >= s->n_cols || strcmp(w, s->cols[c].name) != 0) ok = 0;
    return ok && c == s->n_cols;
}

Status fitdata_read(const char *dir, int which, FitDat *t, Diag *d)
{
    memset(t, 0, sizeof *t);
    const FitDatSpec *s = fitdata_spec(which);
    if (!s) {
        diag_error(d, ST_USAGE, dir, 0, NULL, "no fit table %d", which);
        return ST_USAGE;
    }
    char path[4096], why[128];
    t->spec = s;
    snprintf(path, sizeof path, "%s/%s", dir, s->file);
    FILE *f = infile_open(path, DAT_MAX_BYTES, why, sizeof why);
    if (!f) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", why);
        return ST_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    long len;
    int lineno = 0, header = 0, near_header = 0, blanks = 0, month = 0, cap_rows = 0, bad = 0;
    while (!bad && (len = infile_line(f, &line, &cap, DAT_LINE_MAX)) != -1) {
        lineno++;
        if (len == -2) {
            diag_error(d, ST_IO, path, lineno, NULL, "line longer than %d bytes", DAT_LINE_MAX);
            bad = 1;
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        const char *p = line + strspn(line, " \t");
        if (*p == '#') {
            /* the header: a comment whose first word is the first column's name */
            p += 1 + strspn(p + 1, " \t");
            size_t n0 = strlen(s->cols[0].name);
            if (!header && t->n_rows == 0 && strncmp(p, s->cols[0].name, n0) == 0
                && (p[n0] == ' ' || p[n0] == '\t' || !p[n0])) {
                if (header_matches(p, s)) header = 1;
                else if (!near_header) near_header = lineno;
            }
            continue;
        }
        if (!*p) {
            blanks++;
            continue;
        }
        if (!header) {
            char want[256] = "";
            for (int c = 0; c < s->n_cols; c++)
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", c ? " " : "", s->cols[c].name);
            if (near_header)
                diag_error(d, ST_IO, path, near_header, NULL, "the header line names other columns: '# %s' expected", want);
            else
                diag_error(d, ST_IO, path, lineno, NULL, "data before the header line '# %s'", want);
            bad = 1;
            break;
        }
        if (t->n_rows >= DAT_MAX_ROWS) {
            diag_error(d, ST_IO, path, lineno, NULL, "more than %d rows", DAT_MAX_ROWS);
            bad = 1;
            break;
        }
        if (t->n_rows == cap_rows) {
            cap_rows = cap_rows ? 2 * cap_rows : 256;
            double *v = realloc(t->v, (size_t)cap_rows * (size_t)s->n_cols * sizeof *v);
            if (!v) {
                diag_error(d, ST_NOMEM, path, lineno, NULL, "out of memory");
                free(line);
                fclose(f);
                return ST_NOMEM;
            }
            t->v = v;
        }
        double *row = t->v + (size_t)t->n_rows * (size_t)s->n_cols;
        char *save = NULL, setting[96];
        int c = 0;
        for (char *tok = strtok_r(line, " \t", &save); tok && !bad; tok = strtok_r(NULL, " \t", &save), c++) {
            if (c >= s->n_cols) {
                diag_error(d, ST_IO, path, lineno, NULL, "more than %d fields", s->n_cols);
                bad = 1;
                break;
            }
            const FitDatCol *col = &s->cols[c];
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, col->name);
            if (!parse_field(tok, col, &row[c])) {
                diag_error(d, ST_IO, path, lineno, setting, "'%.40s' is not a number", tok);
                bad = 1;
            } else if (isfinite(row[c]) && (row[c] < col->lo || row[c] > col->hi)) {
                diag_error(d, ST_IO, path, lineno, setting, "%g outside %g .. %g", row[c], col->lo, col->hi);
                bad = 1;
            } else if (col->integer && row[c] != floor(row[c])) {
                diag_error(d, ST_IO, path, lineno, setting, "%g is not a whole number", row[c]);
                bad = 1;
            }
        }
        if (bad) break;
        if (c < s->n_cols) {
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, s->cols[c].name);
            diag_error(d, ST_IO, path, lineno, setting, "missing: %d fields expected", s->n_cols);
            bad = 1;
            break;
        }
        /* month blocks: 1 to 12 in order, two blank lines between, none inside;
         * the key rises within a block */
        const char *why_row = NULL;
        int blame = s->key, first = t->n_rows == 0;
        double prev = first ? 0 : fitdata_at(t, t->n_rows - 1, s->key);
        if (s->by_month) {
            int m = (int)row[0];
            blame = 0;
            if (first && m != 1) why_row = "the first block must be month 1";
            else if (!first && m != month && m != month + 1) why_row = "months must follow each other, 1 to 12";
            else if (!first && m == month + 1 && blanks < 2)
                why_row = "a new month needs two blank lines before it (gnuplot index)";
            else if (!first && m == month && blanks == 1) why_row = "a blank line inside a month's block";
            else if (!first && m == month && blanks >= 2) why_row = "the same month in two blocks";
            else if (!first && m == month && row[s->key] <= prev) {
                why_row = "must rise from row to row within a month";
                blame = s->key;
            }
            month = m;
        } else if (!first && blanks > 0) {
            why_row = "a blank line between rows";
        } else if (s->exact_rows && row[s->key] != t->n_rows + 1) {
            why_row = "the rows must be months 1 to 12 in order";
        } else if (!first && row[s->key] <= prev) {
            why_row = "must rise from row to row";
        }
        if (why_row) {
            snprintf(setting, sizeof setting, "column %d (%s)", blame + 1, s->cols[blame].name);
            diag_error(d, ST_IO, path, lineno, setting, "%s", why_row);
            bad = 1;
            break;
        }
        blanks = 0;
        t->n_rows++;
    }
    if (!bad && ferror(f)) {
        diag_error(d, ST_IO, path, lineno, NULL, "read error: %s", strerror(errno));
        bad = 1;
    }
    free(line);
    fclose(f);
    if (!bad && !header) {
        diag_error(d, ST_IO, path, near_header, NULL, "%s", near_header ? "the header line names other columns"
                                                                         : "no header line naming the columns");
        bad = 1;
    }
    if (!bad && s->by_month && month != 12) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d months, 12 expected", month);
        bad = 1;
    }
    if (!bad && s->exact_rows && t->n_rows != s->exact_rows) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d rows, %d expected", t->n_rows, s->exact_rows);
        bad = 1;
    }
    for (int c = 0; !bad && c < s->n_cols; c++) {
        int any = 0;
        for (int r = 0; r < t->n_rows && !any; r++) any = isfinite(fitdata_at(t, r, c));
        if (!any && t->n_rows > 0) {
            char setting[96];
            snprintf(setting, sizeof setting, "column %d (%s)", c + 1, s->cols[c].name);
            diag_error(d, ST_IO, path, lineno, setting, "no value in any row (all NaN)");
            bad = 1;
        }
    }
    if (!bad && t->n_rows < 2) {
        diag_error(d, ST_IO, path, lineno, NULL, "%d rows: too few to draw", t->n_rows);
        bad = 1;
    }
    return bad ? ST_IO : ST_OK;
}

