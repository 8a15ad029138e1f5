/* elcc.c — equivalent firm capacity of resources, every year (elcc.h). */
#include "elcc.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "sim.h"

int elcc_lole_with_firm(const double *unserved, int hours, double firm_mw)
{
    int n = 0;
    for (int h = 0; h < hours; h++) n += unserved[h] - firm_mw > 1e-9;
    return n;
}

const char *elcc_tech_name(TechId t)
{
    switch (t) {
    case TECH_WIND: return "wind";
    case TECH_SOLAR: return "solar";
    case TECH_STORAGE: return "storage";
    default: return NULL;
    }
}

int elcc_tech_parse(const char *name, TechId *t)
{
    const TechId all[] = { TECH_WIND, TECH_SOLAR, TECH_STORAGE };
    for (int i = 0; i < 3; i++)
        if (strcmp(name, elcc_tech_name(all[i])) == 0) {
            *t = all[i];
            return 0;
        }
    return -1;
}

/* The hours short of one year of one run: their unserved MW (> 1e-9 only,
 * which is all LOLE_without(F) needs, so a year costs its short hours). */
typedef struct {
    int n;
    double *mw;
} Short;

/* What a run keeps: per year of the selection, the short hours. */
typedef struct {
    int y0, ny;
    Short *yr;                      /* [ny], filled by the sink */
    int failed;                     /* allocation failed */
} Keep;

static Status keep_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                        const YearInputs *in, const YearSeries *out, const AnnualRow *row)
{
    (void)s, (void)cal, (void)wx, (void)row;
    Keep *k = ctx;
    int y = in->year - k->y0;
    if (y < 0 || y >= k->ny) return ST_OK;
    const double *u = out->v[SER_UNSERVED];
    int n = elcc_lole_with_firm(u, in->hours, 0.0);
    Short *sh = &k->yr[y];
    sh->n = n;
    sh->mw = n ? malloc((size_t)n * sizeof *sh->mw) : NULL;
    if (n && !sh->mw) {
        k->failed = 1;
        return ST_NOMEM;
    }
    for (int h = 0, i = 0; h < in->hours; h++)
        if (u[h] > 1e-9) sh->mw[i++] = u[h];
    return ST_OK;
}

static double nameplate(const Scenario *s, TechId t, int year)
{
    switch (t) {
    case TECH_WIND: return schedule_at(&s->wind.capacity_mw, year);
    case TECH_SOLAR: return schedule_at(&s->solar.capacity_mw, year);
    case TECH_STORAGE: return schedule_at(&s->storage.power_mw, year);
    default: return 0;
    }
}

static void remove_resource(Scenario *s, TechId t)
{
    if (t == TECH_WIND) s->wind.capacity_mw = (Schedule){ 0 };
    else if (t == TECH_SOLAR) s->solar.capacity_mw = (Schedule){ 0 };
    else if (t == TECH_STORAGE) s->storage.power_mw = (Schedule){ 0 };
}

/* Short hours left over members with a firm F: sum of LOLE_without(F). */
static long count_over(const Short *const *sh, int n, double f)
{
    long c = 0;
    for (int m = 0; m < n; m++) c += elcc_lole_with_firm(sh[m]->mw, sh[m]->n, f);
    return c;
}

/* Least F in [0, hi] (to tol) with sum over members of LOLE_without(F) <=
 * target; hi, and *capped = 1, when even hi is not enough. The count falls
 * as F grows. */
static double bisect(const Short *const *sh, int n, double target, double hi, double tol, int *capped)
{
    double lo = 0.0, top = hi;
    *capped = (double)count_over(sh, n, top) > target;
    if (*capped) return top;
    if ((double)count_over(sh, n, 0.0) <= target) return 0.0;   /* the resource adds nothing the LOLE sees */
    while (top - lo > tol) {
        double mid = 0.5 * (lo + top);
        if ((double)count_over(sh, n, mid) <= target) top = mid;
        else lo = mid;
    }
    return top;
}

/* The scenario with the local load of year first + y scaled by k[y]: one
 * schedule point per year of the period, which schedule_at reads exactly. */
static void scale_load(const Scenario *base, Scenario *out, const double *k, int first, int ny)
{
    *out = *base;
    Schedule *g = &out->load.annual_gwh;
    for (int y = 0; y < ny; y++) {
        g->year[y] = first + y;
        g->value[y] = schedule_at(&base->load.annual_gwh, first + y) * k[y];
    }
    g->n = ny;
}

/* Per year, the least load factor (to 0.1 %) in [0.25, 4] whose members'
 * mean LOLE reaches the target: LOLE grows with the load. The years are
 * bisected side by side, one set of runs a step (each year its own factor). */
static Status calibrate(const Scenario *s, const ElccSpec *spec, int y0, int ny, double *k, Diag *d)
{
    int first = s->first_year, nall = s->last_year - s->first_year + 1;
    if (nall > SCHED_MAX_POINTS) {
        diag_error(d, ST_USAGE, s->source_file, 0, "--lole-target",
                   "elcc: calibrating the load needs a period of at most %d years (it has %d)", SCHED_MAX_POINTS,
                   nall);
        return ST_USAGE;
    }
    double *lo = malloc((size_t)nall * sizeof *lo), *hi = malloc((size_t)nall * sizeof *hi);
    double *kk = malloc((size_t)nall * sizeof *kk), *sum = malloc((size_t)nall * sizeof *sum);
    Scenario *work = malloc(sizeof *work);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    Status st = lo && hi && kk && sum && work && res && run ? ST_OK : ST_NOMEM;
    /* The years not asked for keep their load (factor 1, bracket closed). */
    const int a = y0 - first, b = a + ny;
    for (int y = 0; st == ST_OK && y < nall; y++) {
        int sel = y >= a && y < b;
        lo[y] = sel ? 0.25 : 1.0, hi[y] = sel ? 4.0 : 1.0, kk[y] = hi[y];
    }
    /* Step 0 checks 4 x the load reaches the target; then bisection. */
    for (int step = 0; st == ST_OK; step++) {
        int open = step == 0;
        for (int y = 0; y < nall; y++) {
            if (step > 0) kk[y] = hi[y] - lo[y] > 0.001 ? 0.5 * (lo[y] + hi[y]) : hi[y];
            sum[y] = 0;
            open |= hi[y] - lo[y] > 0.001;
        }
        if (!open) break;
        scale_load(s, work, kk, first, nall);
        for (int m = 1; m <= spec->runs && st == ST_OK; m++) {
            st = sim_run(run, work, (unsigned long)m, NULL, res, d);
            for (int y = 0; st == ST_OK && y < nall; y++) sum[y] += res->rows[y].lole_h;
        }
        for (int y = a; st == ST_OK && y < b; y++) {
            double l = sum[y] / spec->runs;
            if (step == 0 && l < spec->lole_target_h) {
                diag_error(d, ST_USAGE, s->source_file, 0, "--lole-target",
                           "elcc: even 4 x the load gives a LOLE of %.1f h in %d, below the target", l, first + y);
                st = ST_USAGE;
            } else if (step > 0 && hi[y] - lo[y] > 0.001) {
                if (l >= spec->lole_target_h) hi[y] = kk[y];
                else lo[y] = kk[y];
            }
        }
    }
    for (int y = 0; st == ST_OK && y < ny; y++) k[y] = hi[a + y];
    run_free(run);
    free(res);
    free(work);
    free(lo), free(hi), free(kk), free(sum);
    return st;
}

void elcc_free(ElccResult *r)
{
    free(r->rows);
    free(r->load_scale);
    free(r->lole_with);
    free(r->lole_without);
    free(r->elcc_mw);
    memset(r, 0, sizeof *r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The row of resource t in year y from the members' short hours. */
static void fill_row(ElccResult *r, int t, int y, const Short *const *sh, double tol_frac, double *scratch)
{
    ElccRow *row = &r->rows[t * r->n_years + y];
    const int n = r->n;
    double *with = &r->lole_with[y * n], *without = &r->lole_without[(t * r->n_years + y) * n];
    double *f = &r->elcc_mw[(t * r->n_years + y) * n];
    double np = row->nameplate_mw, tol = tol_frac * np, total = 0, sum_without = 0;
    for (int m = 0; m < n; m++) {
        without[m] = sh[m]->n;
        total += with[m];
        sum_without += without[m];
        int cap = 0;
        f[m] = np > 0 ? bisect(&sh[m], 1, with[m], np, tol, &cap) : 0;
        row->capped += cap;
    }
    row->lole_with_h = total / n;
    row->lole_without_h = sum_without / n;
    if (!(np > 0)) return;
    int cap = 0;
    row->pooled_mw = bisect(sh, n, total, np, tol, &cap);
    memcpy(scratch, f, (size_t)n * sizeof *scratch);
    qsort(scratch, (size_t)n, sizeof *scratch, cmp_double);
    row->mean_mw = gsl_stats_mean(scratch, 1, (size_t)n);
    row->sd_mw = n > 1 ? gsl_stats_sd_m(scratch, 1, (size_t)n, row->mean_mw) : 0;
    row->min_mw = scratch[0];
    row->max_mw = scratch[n - 1];
    row->p10_mw = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)n, 0.1);
    row->p50_mw = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)n, 0.5);
    row->p90_mw = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)n, 0.9);
}

static void free_keeps(Short *sh, size_t n)
{
    if (sh)
        for (size_t i = 0; i < n; i++) free(sh[i].mw);
    free(sh);
}

static Status check_spec(const Scenario *s, const ElccSpec *spec, Diag *d)
{
    if (spec->runs < 1 || spec->runs > ELCC_MAX_MEMBERS || !(spec->tol_frac > 0 && spec->tol_frac < 1)
        || spec->n_tech < 1 || spec->n_tech > ELCC_MAX_TECHS || !(spec->lole_target_h >= 0)) {
        diag_error(d, ST_USAGE, s->source_file, 0, NULL,
                   "elcc: runs 1..%d, 1..%d resources, a bisection width in (0, 1)", ELCC_MAX_MEMBERS,
                   ELCC_MAX_TECHS);
        return ST_USAGE;
    }
    if (spec->year && (spec->year < s->first_year || spec->year > s->last_year)) {
        diag_error(d, ST_USAGE, s->source_file, 0, "--year", "elcc: year %d is outside the plan's period %d-%d",
                   spec->year, s->first_year, s->last_year);
        return ST_USAGE;
    }
    int y0 = spec->year ? spec->year : s->first_year, y1 = spec->year ? spec->year : s->last_year;
    for (int t = 0; t < spec->n_tech; t++) {
        const char *name = elcc_tech_name(spec->tech[t]);
        if (!name) {
            diag_error(d, ST_USAGE, s->source_file, 0, "--tech", "elcc: only wind, solar and storage have a credit");
            return ST_USAGE;
        }
        for (int u = 0; u < t; u++)
            if (spec->tech[u] == spec->tech[t]) {
                diag_error(d, ST_USAGE, s->source_file, 0, "--tech", "elcc: %s is named twice", name);
                return ST_USAGE;
            }
        int any = 0;
        for (int y = y0; y <= y1; y++) any |= nameplate(s, spec->tech[t], y) > 0;
        if (!any) {
            const char *setting = spec->tech[t] == TECH_WIND    ? "wind.capacity_mw"
                                  : spec->tech[t] == TECH_SOLAR ? "solar.capacity_mw"
                                                                : "storage.power_mw";
            if (y0 == y1)
                diag_error(d, ST_USAGE, s->source_file, 0, setting, "elcc: %s has no capacity in %d: no credit to find",
                           name, y0);
            else
                diag_error(d, ST_USAGE, s->source_file, 0, setting,
                           "elcc: %s has no capacity in any year %d-%d: no credit to find", name, y0, y1);
            return ST_USAGE;
        }
    }
    return ST_OK;
}

Status elcc_compute(const Scenario *s_in, const ElccSpec *spec, ElccResult *r, Diag *d)
{
    memset(r, 0, sizeof *r);
    Status st = check_spec(s_in, spec, d);
    if (st != ST_OK) return st;
    const int n = spec->runs, nt = spec->n_tech;
    const int y0 = spec->year ? spec->year : s_in->first_year;
    const int ny = spec->year ? 1 : s_in->last_year - s_in->first_year + 1;
    r->n = n, r->n_tech = nt, r->n_years = ny, r->first_year = y0;
    memcpy(r->tech, spec->tech, sizeof r->tech);
    size_t per = (size_t)nt * (size_t)ny * (size_t)n;
    r->rows = calloc((size_t)nt * (size_t)ny, sizeof *r->rows);
    r->load_scale = malloc((size_t)ny * sizeof *r->load_scale);
    r->lole_with = calloc((size_t)ny * (size_t)n, sizeof *r->lole_with);
    r->lole_without = calloc(per, sizeof *r->lole_without);
    r->elcc_mw = calloc(per, sizeof *r->elcc_mw);
    if (!r->rows || !r->load_scale || !r->lole_with || !r->lole_without || !r->elcc_mw) return ST_NOMEM;
    for (int y = 0; y < ny; y++) r->load_scale[y] = 1.0;
    if (spec->lole_target_h > 0 && (st = calibrate(s_in, spec, y0, ny, r->load_scale, d)) != ST_OK) return st;

    /* The runs: per member, once with everything and once per resource
     * without it; only the short hours of the selected years are kept. */
    Scenario *with = malloc(sizeof *with), *without = malloc(sizeof *without);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    Short *kw = calloc((size_t)ny, sizeof *kw);
    Short *ko = calloc(per, sizeof *ko);          /* [(t * ny + y) * n + m] */
    Short *tmp = calloc((size_t)ny, sizeof *tmp);
    const Short **sh = malloc((size_t)n * sizeof *sh);
    double *scratch = malloc((size_t)n * sizeof *scratch);
    st = with && without && res && run && kw && ko && tmp && sh && scratch ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        double k_all[SIM_MAX_YEARS];
        int nall = s_in->last_year - s_in->first_year + 1;
        for (int y = 0; y < nall && y < SIM_MAX_YEARS; y++) {
            int yy = s_in->first_year + y - y0;
            k_all[y] = yy >= 0 && yy < ny ? r->load_scale[yy] : 1.0;
        }
        if (spec->lole_target_h > 0) scale_load(s_in, with, k_all, s_in->first_year, nall);
        else *with = *s_in;
    }
    for (int m = 0; m < n && st == ST_OK; m++) {
        Keep k = { y0, ny, kw, 0 };
        Sink sink = { &k, NULL, keep_year, NULL };
        if ((st = sim_run(run, with, (unsigned long)m + 1, &sink, res, d)) != ST_OK) break;
        for (int y = 0; y < ny; y++) {
            r->lole_with[y * n + m] = kw[y].n;
            free(kw[y].mw);
            kw[y] = (Short){ 0 };
        }
        for (int t = 0; t < nt && st == ST_OK; t++) {
            *without = *with;
            remove_resource(without, spec->tech[t]);
            Keep kt = { y0, ny, tmp, 0 };
            Sink so = { &kt, NULL, keep_year, NULL };
            st = sim_run(run, without, (unsigned long)m + 1, &so, res, d);
            for (int y = 0; y < ny; y++) {
                ko[((size_t)t * (size_t)ny + (size_t)y) * (size_t)n + (size_t)m] = tmp[y];
                tmp[y] = (Short){ 0 };
            }
        }
    }
    for (int t = 0; t < nt && st == ST_OK; t++)
        for (int y = 0; y < ny; y++) {
            ElccRow *row = &r->rows[t * ny + y];
            row->tech = spec->tech[t];
            row->year = y0 + y;
            row->nameplate_mw = nameplate(s_in, spec->tech[t], y0 + y);
            row->load_scale = r->load_scale[y];
            for (int m = 0; m < n; m++) sh[m] = &ko[((size_t)t * (size_t)ny + (size_t)y) * (size_t)n + (size_t)m];
            fill_row(r, t, y, sh, spec->tol_frac, scratch);
        }
    free_keeps(kw, (size_t)ny);
    free_keeps(tmp, (size_t)ny);
    free_keeps(ko, per);
    free(sh);
    free(scratch);
    run_free(run);
    free(res);
    free(with);
    free(without);
    return st;
}
