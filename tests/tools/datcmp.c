/* datcmp.c — compares two ecsim .dat/.csv result files column by column
 * (EPANET nrtest's allclose rule): |test - ref| <= atol + rtol * |ref|.
 * Comment lines (#) are skipped, header lines and text fields must match
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
    static char rl[LINE_MAX_LEN], tl[LINE_MAX_LEN];
    char *rfield[FIELDS_MAX], *tfield[FIELDS_MAX], *names[FIELDS_MAX];
    static char header[LINE_MAX_LEN];
    int rline = 0, tline = 0, row = 0, ndiff = 0, ncols = 0;
    for (;;) {
        int hr = next_line(rf, rl, &rline), ht = next_line(tf, tl, &tline);
        if (!hr && !ht) break;
        if (hr != ht) {
            fprintf(stderr, "%s: row count differs from %s\n", tp, rp);
            return 1;
        }
        if (row == 0) {
            memcpy(header, rl, sizeof header);
            ncols = split(header, names);
        }
        int nr = split(rl, rfield), nt = split(tl, tfield);
        if (nr != nt) {
            fprintf(stderr, "%s:%d: %d fields, reference has %d\n", tp, tline, nt, nr);
            return 1;
        }
        if (row == 0) {   /* header: names must match exactly */
            for (int k = 0; k < nr; k++)
                if (strcmp(rfield[k], tfield[k]) != 0) {
                    fprintf(stderr, "%s:%d: column %d is '%s', reference '%s'\n", tp, tline, k + 1,
                            tfield[k], rfield[k]);
                    return 1;
                }
            row++;
            continue;
        }
        for (int k = 0; k < nr; k++) {
            if (strcmp(rfield[k], tfield[k]) == 0) continue;
            char *e1, *e2;
            double a = strtod(rfield[k], &e1), b = strtod(tfield[k], &e2);
            int numeric = *e1 == '\0' && *e2 == '\0';
            if (numeric && fabs(b - a) <= atol + rtol * fabs(a)) continue;
            if (ndiff++ < 10)
                fprintf(stderr, "%s:%d: %s: %s, reference %s (rtol %g, atol %g)\n", tp, tline,
                        k < ncols ? names[k] : "?", tfield[k], rfield[k], rtol, atol);
        }
        row++;
    }
    fclose(rf);
    fclose(tf);
    if (ndiff) {
        fprintf(stderr, "%s: %d values differ from %s\n", tp, ndiff, rp);
        return 1;
    }
    return 0;
}
