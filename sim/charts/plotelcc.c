/* plotelcc.c — the ELCC chart from DIR/elcc.dat (plotelcc.h). */
#include "plotelcc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "chartdata.h"
#include "gnuplot.h"
#include "plot.h"
#include "results.h"

enum { MAX_ROWS = 3 * 64, N_COLS = 17, N_TECH = 3 };

/* The columns of elcc.dat (elcccmd.c writes them). */
static const char *const cols[N_COLS] = { "year", "tech", "nameplate_mw", "elcc_mw", "elcc_pct", "mean_mw", "sd_mw",
                                          "p10_mw", "p50_mw", "p90_mw", "min_mw", "max_mw", "members", "capped",
                                          "lole_with_h", "lole_without_h", "load_scale" };
enum { C_YEAR, C_TECH, C_NP, C_MW, C_PCT, C_P10 = 7, C_P50, C_P90, C_MEMBERS = 12 };

static const struct {
    const char *name, *zh, *en;
} techs[N_TECH] = { { "wind", "风电", "wind" }, { "solar", "光伏", "PV" }, { "storage", "储能", "storage" } };

typedef struct {
    int year, tech, members;
    double pct, p10, p50, p90;      /* % of nameplate */
} Row;

typedef struct {
    char scenario[128];
    int n;
    Row rows[MAX_ROWS];
} Data;

static int tech_index(const char *s)
{
    for (int t = 0; t < N_TECH; t++)
        if (strcmp(s, techs[t].name) == 0) return t;
    return -1;
}

static Status bad(Diag *d, const char *path, int line, const char *what)
{
    diag_error(d, ST_IO, path, line, NULL, "%s", what);
    return ST_IO;
}

/* Parses elcc.dat (text, NUL-terminated, changed in place). */
static Status parse(char *text, const char *path, Data *r, Diag *d)
{
    int line = 0, header = 0;
    char *save = NULL;
    for (char *ln = strtok_r(text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        line++;   /* strtok_r skips empty lines; ecsim writes none */
        if (ln[0] == '#') {
            const char *k = strstr(ln, "scenario ");
            if (line == 1 && k) sscanf(k + 9, "%127[^,]", r->scenario);
            continue;
        }
        char *f[N_COLS + 1], *sv = NULL;
        int n = 0;
        for (char *w = strtok_r(ln, " \t\r", &sv); w; w = strtok_r(NULL, " \t\r", &sv)) {
            if (n == N_COLS + 1) break;
            f[n++] = w;
        }
        if (n != N_COLS) {
            char msg[96];
            snprintf(msg, sizeof msg, "%d fields, expected %d (the columns of ecsim elcc)", n, N_COLS);
            return bad(d, path, line, msg);
        }
        if (!header) {
            for (int c = 0; c < N_COLS; c++)
                if (strcmp(f[c], cols[c]) != 0) {
                    char msg[160];
                    snprintf(msg, sizeof msg, "column %d is '%.40s', expected '%s': not a file of ecsim elcc", c + 1,
                             f[c], cols[c]);
                    return bad(d, path, line, msg);
                }
            header = 1;
            continue;
        }
        double v[N_COLS];
        for (int c = 0; c < N_COLS; c++) {
            if (c == C_TECH) continue;
            char *end = NULL;
            errno = 0;
            v[c] = strtod(f[c], &end);
            if (errno || end == f[c] || *end || !isfinite(v[c])) {
                char msg[128];
                snprintf(msg, sizeof msg, "column %d (%s): '%.30s' is not a number", c + 1, cols[c], f[c]);
                return bad(d, path, line, msg);
            }
        }
        int t = tech_index(f[C_TECH]);
        if (t < 0) return bad(d, path, line, "column 2 (tech): not wind, solar or storage");
        if (!(v[C_NP] > 0) || v[C_YEAR] < 1 || v[C_YEAR] > 9999)
            return bad(d, path, line, "a year 1..9999 and a positive nameplate expected");
        if (r->n == MAX_ROWS) return bad(d, path, line, "too many rows");
        double k = 100 / v[C_NP];
        r->rows[r->n++] = (Row){ (int)v[C_YEAR], t, (int)v[C_MEMBERS], v[C_PCT], k * v[C_P10], k * v[C_P50],
                                 k * v[C_P90] };
    }
    if (!header) return bad(d, path, 0, "no header line: not a file of ecsim elcc");
    if (r->n == 0) return bad(d, path, 0, "no rows");
    return ST_OK;
}

static void gp_str(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('\'', f);
}

static Status write_data(const Data *r, const char *charts_dir, int en, Diag *d)
{
    AtomicFile *af = malloc(sizeof *af);
    if (!af) {
        diag_error(d, ST_NOMEM, charts_dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    char path[GP_PATH_LEN + 32];
    Status st = ST_OK;
    int present[N_TECH] = { 0 }, y0 = 9999, y1 = 0;
    double top = 0;
    for (int i = 0; i < r->n; i++) {
        present[r->rows[i].tech] = 1;
        if (r->rows[i].year < y0) y0 = r->rows[i].year;
        if (r->rows[i].year > y1) y1 = r->rows[i].year;
        top = fmax(top, fmax(r->rows[i].pct, r->rows[i].p90));
    }
    /* elcc-chart.dat: one block per resource present, in the registry's order. */
    snprintf(path, sizeof path, "%s/elcc-chart.dat", charts_dir);
    if ((st = afile_open(af, path, d)) == ST_OK) {
        fputs("# ecsim elcc chart data (plotelcc.c, from elcc.dat): one block per resource, two blank lines"
              " between;\n# year elcc_pct p10_pct p50_pct p90_pct (% of nameplate; P: across the members)\n", af->f);
        int blocks = 0;
        for (int t = 0; t < N_TECH; t++) {
            if (!present[t]) continue;
            fprintf(af->f, "%s# %s\n", blocks++ ? "\n\n" : "", techs[t].name);
            for (int i = 0; i < r->n; i++)
                if (r->rows[i].tech == t)
                    fprintf(af->f, "%d %.4f %.4f %.4f %.4f\n", r->rows[i].year, r->rows[i].pct, r->rows[i].p10,
                            r->rows[i].p50, r->rows[i].p90);
        }
        st = afile_commit(af, d);
    }
    snprintf(path, sizeof path, "%s/elcc-chartdata.gp", charts_dir);
    if (st == ST_OK && (st = afile_open(af, path, d)) == ST_OK) {
        FILE *f = af->f;
        fputs("# elcc-chartdata.gp — chart data of ecsim elcc, derived by ecsim (plotelcc.c) from elcc.dat;\n"
              "# loaded by plots/common.gp for plots/elcc.gp. Numbers can be overridden with -e.\n"
              "scenario = ", f);
        gp_str(f, r->scenario);
        fputc('\n', f);
        chart_write_units(f);
        int n = 0, members = r->rows[0].members;
        for (int t = 0; t < N_TECH; t++) n += present[t];
        fprintf(f, "if (!exists(\"elcc_first_year\")) elcc_first_year = %d\n", y0);
        fprintf(f, "if (!exists(\"elcc_last_year\")) elcc_last_year = %d\n", y1);
        fprintf(f, "if (!exists(\"elcc_ymax\")) elcc_ymax = %.6g\n", top > 0 ? 1.15 * top : 1.0);
        fprintf(f, "elcc_members = %d\nelcc_n = %d\n", members, n);
        const char *names[] = { "elcc_tech", "elcc_label" };
        for (int a = 0; a < 2; a++) {
            fprintf(f, "array %s[%d] = [", names[a], n);
            for (int t = 0, k = 0; t < N_TECH; t++) {
                if (!present[t]) continue;
                fputs(k++ ? ", " : "", f);
                gp_str(f, a == 0 ? techs[t].name : en ? techs[t].en : techs[t].zh);
            }
            fputs("]\n", f);
        }
        st = afile_commit(af, d);
    }
    free(af);
    return st;
}

Status plot_elcc(const char *dir, const char *plots_dir, const char *lang, Diag *d)
{
    if (!lang) lang = "zh";
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "chart language '%s': use zh or en", lang);
        return ST_USAGE;
    }
    char path[GP_PATH_LEN + 16];
    if (snprintf(path, sizeof path, "%s/elcc.dat", dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return ST_IO;
    }
    char *text = results_read_text(dir, "elcc.dat", d);
    Data *r = calloc(1, sizeof *r);
    Status st = text && r ? parse(text, path, r, d) : text ? ST_NOMEM : ST_IO;
    free(text);
    GpEnv env;
    if (st == ST_OK) st = gp_prepare(&env, plots_dir, lang, d);
    char charts[GP_PATH_LEN];
    int created = 0;
    if (st == ST_OK) st = gp_charts_dir(dir, charts, sizeof charts, &created, d);
    if (st == ST_OK) st = write_data(r, charts, strcmp(lang, "en") == 0, d);
    if (st == ST_OK) st = plot_write_colours(charts, d);
    if (st == ST_OK) st = gp_draw_png_svg(&env, "elcc.gp", dir, charts, "elcc", d);
    free(r);
    return st;
}
