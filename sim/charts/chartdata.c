/* chartdata.c — the chart data derived from a scenario's result files
 * (DESIGN §10): the sorted duration curves, the typical weeks, the target
 * dashboard, the target paths and bands — what the gnuplot scripts cannot
 * compute exactly or robustly themselves. Everything
 * comes from the files of the output directory (results.c), never from a
 * run in memory (STYLE §8). */
#include "chartdata.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "enums.h"
#include "metrics.h"
#include "present.h"
#include "results.h"

#define PATH_LEN 4096
#define RATIO_OVER 1e9   /* dashboard: a "<= 0" target exceeded (no finite ratio) */

/* ---- the typical week ------------------------------------------------------ */

static int in_season(int month, int summer)
{
    return summer ? (month >= 6 && month <= 8) : (month <= 2 || month == 12);
}

typedef struct { double mean; int start; } Window;

static int cmp_window(const void *a, const void *b)
{
    const Window *x = a, *y = b;
    if (x->mean < y->mean) return -1;
    if (x->mean > y->mean) return 1;
    return (x->start > y->start) - (x->start < y->start);
}

int chart_median_week(const int *month, const double *series, int n_hours, int summer)
{
    int days = n_hours / 24;
    if (days < 7) return -1;
    double *day_sum = malloc((size_t)days * sizeof *day_sum);
    Window *w = malloc((size_t)days * sizeof *w);
    int n = 0, best = -1;
    if (!day_sum || !w) goto done;
    for (int dd = 0; dd < days; dd++) {
        double s = 0;
        for (int h = 0; h < 24; h++) s += series[dd * 24 + h];
        day_sum[dd] = s;
    }
    for (int dd = 0; dd + 7 <= days; dd++) {
        int ok = 1;
        double s = 0;
        for (int k = 0; k < 7 && ok; k++) {
            ok = in_season(month[(dd + k) * 24], summer) && in_season(month[(dd + k) * 24 + 23], summer);
            s += day_sum[dd + k];
        }
        if (ok && isfinite(s)) w[n++] = (Window){ s / (7.0 * 24.0), dd * 24 };
    }
    if (n > 0) {
        qsort(w, (size_t)n, sizeof *w, cmp_window);
        /* The lower median: an actual window, and the earliest among equals. */
        best = w[(n - 1) / 2].start;
    }
done:
    free(day_sum);
    free(w);
    return best;
}

/* ---- writing -------------------------------------------------------------- */

/* A new AtomicFile (atomicfile.c) for dir/name; NULL after an error in d. */
static AtomicFile *open_in(const char *dir, const char *name, Diag *d)
{
    char path[STAGE_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        diag_error(d, ST_IO, dir, 0, NULL, "path too long");
        return NULL;
    }
    AtomicFile *af = calloc(1, sizeof *af);   /* 64 KiB buffer: not on a worker's stack */
    if (!af) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return NULL;
    }
    if (afile_open(af, path, d) != ST_OK) {
        free(af);
        return NULL;
    }
    return af;
}

/* Commits (or, after a failure, abandons) and frees af. */
static Status close_af(AtomicFile *af, Status st, Diag *d)
{
    if (!af) return st;
    if (st == ST_OK) st = afile_commit(af, d);
    else afile_abort(af);
    free(af);
    return st;
}

/* A gnuplot single-quoted string: '' stands for a quote; control characters
 * become blanks so that a label cannot end the line. */
static void gp_string(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'') fputs("''", f);
        else fputc(c < 0x20 ? ' ' : c, f);
    }
    fputc('\'', f);
}

/* A double-quoted text field of a .dat file, for gnuplot: a quote inside is
 * written as a typographic quote, control characters as blanks. */
static void dat_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"') fputs("\xE2\x80\x9D", f);
        else fputc(c < 0x20 ? ' ' : c, f);
    }
    fputc('"', f);
}

static void gp_number(FILE *f, const char *name, double v)
{
    if (isfinite(v)) fprintf(f, "if (!exists(\"%s\")) %s = %.10g\n", name, name, v);
    else fprintf(f, "if (!exists(\"%s\")) %s = NaN\n", name, name);
}

static void gp_text(FILE *f, const char *name, const char *v)
{
    fprintf(f, "if (!exists(\"%s\")) %s = ", name, name);
    gp_string(f, v);
    fputc('\n', f);
}

/* A target row's operator (targets.dat spells it as the schema does). */
static TargetOp op_of(const TargetRow *t) { return (TargetOp)enum_value(ENUM_TARGET_OP, t->op); }

/* The latest row of a target on metric with op, or NULL. */
static const TargetRow *find_target(const TargetTable *tt, const char *metric, TargetOp op)
{
    const TargetRow *best = NULL;
    for (int i = 0; i < tt->n; i++) {
        const TargetRow *r = &tt->rows[i];
        if (strcmp(r->metric, metric) == 0 && op_of(r) == op
            && (!best || r->year >= best->year))
            best = r;
    }
    return best;
}

/* The scenario's name from run.cfg, or the directory's base name. */
static void scenario_name(const char *scenario_dir, char *out, size_t n)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/run.cfg", scenario_dir);
    char *cfg = results_read_file(path, RESULTS_FILE_MAX, NULL);
    int found = cfg && results_cfg_get(cfg, "scenario", "name", out, n) == 0 && out[0];
    free(cfg);
    if (found) return;
    const char *base = strrchr(scenario_dir, '/');
    base = base && base[1] ? base + 1 : scenario_dir;
    snprintf(out, n, "%s", base);
}

typedef struct {
    const char *scenario_dir, *charts_dir;
    char name[256];
    DatTable annual, hourly;
    TargetTable targets;
    int years[64], n_years;
    int first_year, last_year;
    Diag *d;
} Ctx;

/* Intensity target path: base year and value, target year, reduction. */
static void path_vars(FILE *f, const Ctx *c, const char *prefix, const char *metric, double hist_red)
{
    const TargetRow *t = find_target(&c->targets, metric, OP_REDUCTION);
    /* Without a target: the pace of 2016-2020 (the plan's 专栏1 [10] and
     * [12], five-year results, not 2025 targets: the plan gives none in
     * numbers) carried over 2020 -> 2025 as a reference, when the run
     * covers both years; else none. */
    int by = 2020, ty = 2025;
    double red = hist_red;
    const char *src = "history";
    if (!isfinite(results_dat_year(&c->annual, by, metric)) || !isfinite(results_dat_year(&c->annual, ty, metric)))
        src = "none";
    if (t && isfinite(results_dat_year(&c->annual, t->base_year, metric))) {
        by = t->base_year;
        ty = t->year;
        red = t->threshold;
        src = "targets";
    }
    char name[64];
    snprintf(name, sizeof name, "%s_base_year", prefix);
    gp_number(f, name, by);
    snprintf(name, sizeof name, "%s_base_value", prefix);
    gp_number(f, name, results_dat_year(&c->annual, by, metric));
    snprintf(name, sizeof name, "%s_target_year", prefix);
    gp_number(f, name, ty);
    snprintf(name, sizeof name, "%s_reduction", prefix);
    gp_number(f, name, red);
    snprintf(name, sizeof name, "%s_src", prefix);
    gp_text(f, name, src);
}

/* The display units the scripts scale by (common.gp: p_scale, p_unit, ...):
 * the script's name for the unit, the canonical unit and the magnitude that
 * picks the form (0: the small one, 万千瓦时 / MWh). */
static const struct { const char *var, *unit; double magnitude; } gp_units[] = {
    { "p", "MW", HUGE_VAL },        /* power */
    { "soc", "MWh", 0 },            /* stored energy */
    { "e", "MWh", HUGE_VAL },       /* energy of a year */
    { "t", "Mt", HUGE_VAL },        /* coal */
    { "yi", "亿tce", HUGE_VAL },    /* energy production capacity */
    { "ei", "tce/万元", HUGE_VAL }, /* energy intensity */
    { "ci", "tCO2/万元", HUGE_VAL },/* carbon intensity */
    { "m", "亿元", HUGE_VAL },      /* money: investment, costs, revenues */
    { "lc", "元/kWh", HUGE_VAL },   /* unit cost of electricity */
};

void chart_write_units(FILE *f)
{
    fputs("# display units (present.c): value x <u>_scale_<lang> in <u>_unit_<lang>; zh the plan's, en SI\n", f);
    for (size_t i = 0; i < sizeof gp_units / sizeof gp_units[0]; i++)
        for (int en = 0; en < 2; en++) {
            DisplayUnit u = present_unit(gp_units[i].unit, gp_units[i].magnitude, en);
            char name[64];
            snprintf(name, sizeof name, "%s_scale_%s", gp_units[i].var, en ? "en" : "zh");
            /* a real, never a gnuplot integer: 1 / 2 would be 0 */
            fprintf(f, "if (!exists(\"%s\")) %s = %.10g%s\n", name, name, u.scale,
                    u.scale == floor(u.scale) ? ".0" : "");
            snprintf(name, sizeof name, "%s_unit_%s", gp_units[i].var, en ? "en" : "zh");
            gp_text(f, name, present_unit_text(&u));
        }
}

static Status write_chartdata_gp(Ctx *c, int summer_start, int winter_start, int n_dash, int n_range,
                                 int n_result)
{
    AtomicFile *af = open_in(c->charts_dir, "chartdata.gp", c->d);
    if (!af) return ST_IO;
    FILE *f = af->f;
    fprintf(f, "# chartdata.gp — chart data of scenario %s, derived by ecsim from annual.dat,\n"
               "# targets.dat and hourly-YYYY.dat of this directory; loaded by plots/*.gp.\n"
               "# Any value can be overridden by hand: gnuplot -e \"name=value\" (docs/charts.md).\n",
            c->name);
    gp_text(f, "scenario", c->name);
    chart_write_units(f);
    gp_number(f, "first_year", c->first_year);
    gp_number(f, "last_year", c->last_year);
    char list[64 * 6] = "";
    for (int i = 0, n = 0; i < c->n_years; i++)
        n += snprintf(list + n, sizeof list - (size_t)n, i ? " %d" : "%d", c->years[i]);
    fputs("# years with hourly-YYYY.dat; the week and heat-map charts use the last\n", f);
    gp_text(f, "hourly_years", list);
    gp_number(f, "hourly_year", c->n_years ? c->years[c->n_years - 1] : (double)NAN);
    fputs("# first hour (0-based, of hourly_year) of the median-wind week of each season (week.gp)\n", f);
    gp_number(f, "summer_start", summer_start >= 0 ? summer_start : (double)NAN);
    gp_number(f, "winter_start", winter_start >= 0 ? winter_start : (double)NAN);
    fputs("# export line capacity + storage power of hourly_year, MW (duration.gp)\n", f);
    double absorb = (double)NAN;
    if (c->n_years)
        absorb = results_dat_year(&c->annual, c->years[c->n_years - 1], "export_capacity_mw")
               + results_dat_year(&c->annual, c->years[c->n_years - 1], "storage_power_mw");
    gp_number(f, "absorb_mw", absorb);

    fputs("# capacity targets (capacity.gp): MW and year, NaN without a target\n", f);
    static const char *const caps[] = { "wind_capacity_mw", "solar_capacity_mw", "storage_power_mw",
                                         "coal_power_capacity_mw" };
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        const TargetRow *t = find_target(&c->targets, caps[i], OP_GE);
        char name[96];
        snprintf(name, sizeof name, "tgt_%s", caps[i]);
        gp_number(f, name, t ? t->threshold : (double)NAN);
        snprintf(name, sizeof name, "tgt_%s_year", caps[i]);
        gp_number(f, name, t ? t->year : (double)NAN);
    }

    fputs("# coal band, Mt/yr (coal.gp): a range target, else the 14th FYP's 45-60 Mt in 2025\n", f);
    const TargetRow *band = find_target(&c->targets, "coal_capacity_mt", OP_RANGE);
    if (!band) band = find_target(&c->targets, "coal_output_mt", OP_RANGE);
    gp_number(f, "coal_band_lo_mt", band ? band->threshold : 45.0);
    gp_number(f, "coal_band_hi_mt", band ? band->upper : 60.0);
    gp_number(f, "coal_band_year", band ? band->year : 2025);
    gp_text(f, "coal_band_metric", band ? band->metric : "coal_capacity_mt");
    gp_text(f, "coal_band_src", band ? "targets" : "plan");
    /* Coal conversion plants drawing coal (docs/coal-conversion.md): coal.gp adds
     * their coal beside the output; 0 for runs without plants or older files. */
    int conv = 0;
    for (int i = 0; i < c->n_years; i++)
        conv |= results_dat_year(&c->annual, c->years[i], "conversion_coal_t") > 0;
    gp_number(f, "has_conversion", conv);
    /* Electrolysers (docs/hydrogen.md): week.gp adds their power to the total
     * demand line; 0 for runs without them or older files. */
    int ely = 0;
    for (int i = 0; i < c->n_years; i++)
        ely |= results_dat_year(&c->annual, c->years[i], "electrolyser_capacity_mw") > 0;
    gp_number(f, "has_electrolyser", ely);

    fputs("# intensity target paths (intensity.gp): reduction targets, else the 2016-2020 results\n"
          "# -10 % (energy) and -12 % (carbon) as a reference pace 2020 to 2025 (src 'history',\n"
          "# not a target), else none\n", f);
    path_vars(f, c, "ei", "energy_intensity_tce_per_10k_yuan", 0.10);
    path_vars(f, c, "ci", "carbon_intensity_t_per_10k_yuan", 0.12);

    fputs("# rows of dashboard.dat, how many of them are range targets, and how many are simulated\n"
          "# results (the first rows; the rest are schedule checks) (dashboard.gp)\n", f);
    gp_number(f, "dash_rows", n_dash);
    gp_number(f, "dash_range_rows", n_range);
    gp_number(f, "dash_result_rows", n_result);
    return close_af(af, ST_OK, c->d);
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    /* a total order even with NaN (last) */
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    return (x < y) - (x > y);
}

/* duration-YYYY.dat; on success, for the last year, also the typical weeks. */
static Status write_duration(Ctx *c, int year, int *summer_start, int *winter_start)
{
    char path[PATH_LEN], name[64];
    snprintf(path, sizeof path, "%s/hourly-%d.dat", c->scenario_dir, year);
    results_dat_free(&c->hourly);
    Status st = results_dat_read(path, &c->hourly, c->d);
    if (st != ST_OK) return st;
    const DatTable *h = &c->hourly;
    int n = h->n_rows;
    int cl = results_dat_col(h, "load_mw"), cw = results_dat_col(h, "wind_avail_mw"),
        cs = results_dat_col(h, "solar_avail_mw"), cc = results_dat_col(h, "curtailed_mw"),
        cm = results_dat_col(h, "month"), cv = results_dat_col(h, "wind_ms");
    if (cv < 0) cv = cw;   /* older files without weather: wind power instead */
    if (cl < 0 || cw < 0 || cs < 0 || cc < 0 || cm < 0 || n == 0 || n % 24 != 0) {
        diag_error(c->d, ST_IO, path, 0, NULL,
                   "needs whole days of the columns month, load_mw, wind_avail_mw, solar_avail_mw, curtailed_mw");
        return ST_IO;
    }
    double *net = malloc((size_t)n * sizeof *net), *curt = malloc((size_t)n * sizeof *curt),
           *wind = malloc((size_t)n * sizeof *wind);
    int *month = malloc((size_t)n * sizeof *month);
    AtomicFile *af = NULL;
    if (!net || !curt || !wind || !month) {
        diag_error(c->d, ST_NOMEM, path, 0, NULL, "out of memory");
        st = ST_NOMEM;
        goto done;
    }
    for (int r = 0; r < n; r++) {
        net[r] = results_dat_get(h, r, cl) - results_dat_get(h, r, cw) - results_dat_get(h, r, cs);
        curt[r] = results_dat_get(h, r, cc);
        wind[r] = results_dat_get(h, r, cv);
        month[r] = (int)lround(results_dat_get(h, r, cm));
    }
    *summer_start = chart_median_week(month, wind, n, 1);
    *winter_start = chart_median_week(month, wind, n, 0);
    qsort(net, (size_t)n, sizeof *net, cmp_desc);
    qsort(curt, (size_t)n, sizeof *curt, cmp_desc);

    snprintf(name, sizeof name, "duration-%d.dat", year);
    if (!(af = open_in(c->charts_dir, name, c->d))) {
        st = ST_IO;
        goto done;
    }
    fprintf(af->f, "# duration curves %d — scenario %s, from hourly-%d.dat; written by ecsim for plots/duration.gp\n"
                 "# net_load_mw = load_mw - wind_avail_mw - solar_avail_mw; net_load_mw and curtailed_mw\n"
                 "# are each sorted from the highest hour to the lowest (MW; one-hour rows, so also MWh);\n"
                 "# hours = number of hours of the year at or above the value\n"
                 "hours net_load_mw curtailed_mw\n",
            year, c->name, year);
    for (int r = 0; r < n; r++) fprintf(af->f, "%d %.3f %.3f\n", r + 1, net[r], curt[r]);
done:
    st = close_af(af, st, c->d);
    free(net);
    free(curt);
    free(wind);
    free(month);
    return st;
}

/* ---- the target dashboard ------------------------------------------------- */

/* value / threshold, 1.0 = threshold (see dashboard.gp); for a range, value
 * / lower bound. A "<= 0" target: 1 when met, RATIO_OVER when not. */
static double target_ratio(const TargetRow *t)
{
    double r;
    if (t->threshold > 0) r = t->value / t->threshold;
    else if (op_of(t) == OP_LE) r = t->pass ? 1.0 : RATIO_OVER;
    else r = t->pass ? 1.0 : 0.0;
    return isfinite(r) ? r : (t->pass ? 1.0 : 0.0);
}

/* The check, e.g. "≥ 0.29亿吨标煤", "4500–6000万吨", "较2020年降低 ≥ 12%". */
static void check_text(const TargetRow *t, int en, char *buf, size_t n)
{
    const char *unit = present_metric_unit(t->metric);
    char a[64], b[64];
    if (op_of(t) == OP_REDUCTION) {
        present_format(a, sizeof a, "1", t->threshold, en, 0, 0);
        snprintf(buf, n, "≥ %s", a);
    } else if (op_of(t) == OP_RANGE) {
        DisplayUnit u = present_unit(unit, fabs(t->upper), en);
        present_format(a, sizeof a, unit, t->threshold, en, 0, 0);
        present_format(b, sizeof b, unit, t->upper, en, 0, 0);
        /* the unit once: "4500–6000万吨" */
        size_t la = strlen(a), lu = strlen(u.unit);
        if (la >= lu && strcmp(a + la - lu, u.unit) == 0) a[la - lu] = '\0';
        snprintf(buf, n, "%s–%s", a, b);
    } else {
        present_format(a, sizeof a, unit, t->threshold, en, 0, 0);
        snprintf(buf, n, "%s %s", present_op_symbol(op_of(t)), a);
    }
}

/* The value and margin written on the bar. */
static void bar_text(const TargetRow *t, int en, char *buf, size_t n)
{
    char v[96], m[64];
    present_target_value(v, sizeof v, t->metric, op_of(t), t->value, en);
    present_target_margin(m, sizeof m, t->metric, op_of(t), t->margin, en);
    snprintf(buf, n, en ? "%s, margin %s" : "%s，余量 %s", v, m);
}

/* The basis in a tic: "规划" / "plan", ... ("" for files without the column). */
static const char *basis_word(const TargetRow *t, int en)
{
    if (strcmp(t->basis, "plan") == 0) return en ? "plan" : "规划";
    if (strcmp(t->basis, "policy") == 0) return en ? "policy" : "国家政策";
    if (strcmp(t->basis, "assumption") == 0) return en ? "assumption" : "假设";
    return "";
}

static int is_schedule(const TargetRow *t) { return strcmp(t->kind, "schedule") == 0; }

static Status write_dashboard(Ctx *c, int *n_rows, int *n_range, int *n_result)
{
    const TargetTable *tt = &c->targets;
    AtomicFile *af = open_in(c->charts_dir, "dashboard.dat", c->d);
    if (!af) return ST_IO;
    FILE *f = af->f;
    fprintf(f, "# target dashboard — scenario %s, from targets.dat; written by ecsim for plots/dashboard.gp\n"
               "# one row per target id (a target checked every year: its worst year, the least margin);\n"
               "# ratio = value / threshold (range: value / lower bound; reduction: achieved / required;\n"
               "# a \"<= 0\" target: 1 when met, 1e9 when not), 1.0 = threshold; upper_ratio = upper / lower\n"
               "# bound of a range (else NaN); n_years = years checked; tic_* = label and check, text_* =\n"
               "# value and margin (zh: plan units, en: SI); simulated results first, then the schedule\n"
               "# checks (schedule = 1: the scenario's own build-out, an input, not simulated)\n"
               "row id year n_years ratio upper_ratio pass tic_zh text_zh tic_en text_en schedule\n",
            c->name);
    *n_rows = *n_range = *n_result = 0;
    for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < tt->n; i++) {
        const TargetRow *first = &tt->rows[i];
        if (is_schedule(first) != pass) continue;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = strcmp(tt->rows[j].id, first->id) == 0;
        if (seen) continue;
        const TargetRow *worst = first;
        int count = 0, y_lo = first->year, y_hi = first->year;
        for (int j = i; j < tt->n; j++) {
            const TargetRow *r = &tt->rows[j];
            if (strcmp(r->id, first->id) != 0) continue;
            count++;
            if (r->margin < worst->margin) worst = r;
            if (r->year < y_lo) y_lo = r->year;
            if (r->year > y_hi) y_hi = r->year;
        }
        char check[2][160], tic[2][512], text[2][192], lab_en[192];
        present_target_label_en(worst->metric, op_of(worst), lab_en, sizeof lab_en);
        for (int en = 0; en < 2; en++) {
            check_text(worst, en, check[en], sizeof check[en]);
            bar_text(worst, en, text[en], sizeof text[en]);
        }
        const char *bz = basis_word(worst, 0), *be = basis_word(worst, 1);
        if (count > 1) {
            snprintf(tic[0], sizeof tic[0], "%s %s (%d–%d年每年; 最差%d年%s%s)", worst->label, check[0], y_lo, y_hi,
                     worst->year, bz[0] ? "; " : "", bz);
            snprintf(tic[1], sizeof tic[1], "%s %s (every year %d–%d; worst %d%s%s)", lab_en, check[1], y_lo, y_hi,
                     worst->year, be[0] ? "; " : "", be);
        } else if (op_of(worst) == OP_REDUCTION) {
            snprintf(tic[0], sizeof tic[0], "%s %s (%d→%d年%s%s)", worst->label, check[0], worst->base_year,
                     worst->year, bz[0] ? "; " : "", bz);
            snprintf(tic[1], sizeof tic[1], "%s %s (%d→%d%s%s)", lab_en, check[1], worst->base_year, worst->year,
                     be[0] ? "; " : "", be);
        } else {
            snprintf(tic[0], sizeof tic[0], "%s %s (%d年%s%s)", worst->label, check[0], worst->year,
                     bz[0] ? "; " : "", bz);
            snprintf(tic[1], sizeof tic[1], "%s %s (%d%s%s)", lab_en, check[1], worst->year, be[0] ? "; " : "", be);
        }
        int is_range = op_of(worst) == OP_RANGE && worst->threshold > 0;
        double upper = is_range ? worst->upper / worst->threshold : (double)NAN;
        fprintf(f, "%d %s %d %d %.6g ", ++*n_rows, worst->id, worst->year, count, target_ratio(worst));
        if (isfinite(upper)) fprintf(f, "%.6g", upper);
        else fputs("NaN", f);
        fprintf(f, " %d ", worst->pass ? 1 : 0);
        dat_string(f, tic[0]);
        fputc(' ', f);
        dat_string(f, text[0]);
        fputc(' ', f);
        dat_string(f, tic[1]);
        fputc(' ', f);
        dat_string(f, text[1]);
        fprintf(f, " %d\n", pass);
        *n_range += is_range;
        *n_result += !pass;
    }
    return close_af(af, ST_OK, c->d);
}

Status chart_write_data(const char *scenario_dir, const char *charts_dir, Diag *d)
{
    Ctx *c = calloc(1, sizeof *c);
    if (!c) {
        diag_error(d, ST_NOMEM, scenario_dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    c->scenario_dir = scenario_dir;
    c->charts_dir = charts_dir;
    c->d = d;
    scenario_name(scenario_dir, c->name, sizeof c->name);
    char path[PATH_LEN];
    Status st;
    snprintf(path, sizeof path, "%s/annual.dat", scenario_dir);
    if ((st = results_dat_read(path, &c->annual, d)) != ST_OK) goto done;
    int cy = results_dat_col(&c->annual, "year");
    if (cy < 0 || c->annual.n_rows == 0) {
        diag_error(d, ST_IO, path, 0, NULL, "no year column or no rows");
        st = ST_IO;
        goto done;
    }
    c->first_year = (int)lround(results_dat_get(&c->annual, 0, cy));
    c->last_year = (int)lround(results_dat_get(&c->annual, c->annual.n_rows - 1, cy));
    snprintf(path, sizeof path, "%s/targets.dat", scenario_dir);
    if ((st = results_targets_read(path, &c->targets, d)) != ST_OK) goto done;

    int max_years = (int)(sizeof c->years / sizeof c->years[0]);
    c->n_years = results_hourly_years(scenario_dir, c->years, max_years);
    if (c->n_years < 0) {
        diag_error(d, ST_IO, scenario_dir, 0, NULL, "cannot list the directory: %s", strerror(errno));
        st = ST_IO;
        goto done;
    }
    if (c->n_years > max_years) c->n_years = max_years;
    int summer = -1, winter = -1, n_dash = 0, n_range = 0, n_result = 0;
    for (int i = 0; i < c->n_years; i++)
        if ((st = write_duration(c, c->years[i], &summer, &winter)) != ST_OK) goto done;
    if ((st = write_dashboard(c, &n_dash, &n_range, &n_result)) != ST_OK) goto done;
    st = write_chartdata_gp(c, summer, winter, n_dash, n_range, n_result);
done:
    results_dat_free(&c->annual);
    results_dat_free(&c->hourly);
    results_targets_free(&c->targets);
    free(c);
    return st;
}
