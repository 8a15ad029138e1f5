/* datcmp.c — compares two ecsim .dat/.csv result files column by column
 * (EPANET nrtest's allclose rule): |test - ref| <= atol + rtol * |ref|.
 * Columns are matched by the names of the header line, not by position: a
 * column of REF missing from TEST is a difference; a column only in TEST is
 * reported as new and is not (adding a metric does not invalidate the
 * references). Comment lines (#) are skipped; text fields must match
 * exactly. Prints the first differences with file, row and column.
 * usage: datcmp [-r RTOL] [-a ATOL] REF TEST   (exit 0 same, 1 differ, 2 error) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 65536
#define FIELDS_MAX 512

static int split(char *line, char **f)
{
    int n = 0;
    char *p = line;
    while (*p && n < FIELDS_MAX) {
        while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r' || *p == '\n') p++;
        if (!*p) break;
        f[n++] = p;
        if (*p == '"') {
            p++;
            while (*p && *p != '"') p++;
            if (*p) p++;
        } else {
            while (*p && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r' && *p != '\n') p++;
        }
        if (*p) *p++ = '\0';
    }
    return n;
}

static int next_line(FILE *f, char *buf, int *lineno)
{
    while (fgets(buf, LINE_MAX_LEN, f)) {
        (*lineno)++;
        const char *p = buf;
        if (*lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
        if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0') continue;
        if (p != buf) memmove(buf, p, strlen(p) + 1);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    double rtol = 1e-9, atol = 1e-9;
    int i = 1;
    for (; i < argc - 2; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < argc - 2) rtol = atof(argv[++i]);
        else if (strcmp(argv[i], "-a") == 0 && i + 1 < argc - 2) atol = atof(argv[++i]);
        else break;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: datcmp [-r RTOL] [-a ATOL] REF TEST\n");
        return 2;
    }
    const char *rp = argv[i], *tp = argv[i + 1];
    FILE *rf = fopen(rp, "r"), *tf = fopen(tp, "r");
    if (!rf || !tf) {
        fprintf(stderr, "datcmp: cannot open %s\n", !rf ? rp : tp);
        return 2;
    }
    static char rl[LINE_MAX_LEN], tl[LINE_MAX_LEN], rhead[LINE_MAX_LEN], thead[LINE_MAX_LEN];
    char *rfield[FIELDS_MAX], *tfield[FIELDS_MAX], *rname[FIELDS_MAX], *tname[FIELDS_MAX];
    int map[FIELDS_MAX];   /* column of TEST holding REF's column k, or -1 */
    int rline = 0, tline = 0, ndiff = 0, nr = 0, nt = 0;
    int hr = next_line(rf, rhead, &rline), ht = next_line(tf, thead, &tline);
    if (!hr || !ht) {
        if (hr != ht) {
            fprintf(stderr, "%s: %s\n", hr ? tp : rp, "no header line");
            return 1;
        }
        return 0;   /* both empty */
    }
    nr = split(rhead, rname);
    nt = split(thead, tname);
    int missing = 0;
    for (int k = 0; k < nr; k++) {
        map[k] = -1;
        for (int j = 0; j < nt && map[k] < 0; j++)
            if (strcmp(rname[k], tname[j]) == 0) map[k] = j;
        if (map[k] < 0) {
            fprintf(stderr, "%s:%d: column '%s' of the reference is missing\n", tp, tline, rname[k]);
            missing++;
        }
    }
    for (int j = 0; j < nt; j++) {
        int known = 0;
        for (int k = 0; k < nr && !known; k++) known = map[k] == j;
        if (!known) fprintf(stdout, "%s: new column '%s' (not in the reference, not compared)\n", tp, tname[j]);
    }
    if (missing) return 1;
    for (;;) {
        hr = next_line(rf, rl, &rline);
        ht = next_line(tf, tl, &tline);
        if (!hr && !ht) break;
        if (hr != ht) {
            fprintf(stderr, "%s: row count differs from %s\n", tp, rp);
            return 1;
        }
        int r = split(rl, rfield), t = split(tl, tfield);
        if (r != nr) {
            fprintf(stderr, "%s:%d: %d fields, its header has %d\n", rp, rline, r, nr);
            return 2;
        }
        if (t != nt) {
            fprintf(stderr, "%s:%d: %d fields, its header has %d\n", tp, tline, t, nt);
            return 1;
        }
        for (int k = 0; k < nr; k++) {
            const char *a_txt = rfield[k], *b_txt = tfield[map[k]];
            if (strcmp(a_txt, b_txt) == 0) continue;
            char *e1, *e2;
            double a = strtod(a_txt, &e1), b = strtod(b_txt, &e2);
            int numeric = *e1 == '\0' && *e2 == '\0' && e1 != a_txt && e2 != b_txt;
            if (numeric && fabs(b - a) <= atol + rtol * fabs(a)) continue;
            if (ndiff++ < 10)
                fprintf(stderr, "%s:%d: %s: %s, reference %s (rtol %g, atol %g)\n", tp, tline, rname[k], b_txt,
                        a_txt, rtol, atol);
        }
    }
    fclose(rf);
    fclose(tf);
    if (ndiff) {
        fprintf(stderr, "%s: %d values differ from %s\n", tp, ndiff, rp);
        return 1;
    }
    return 0;
}
