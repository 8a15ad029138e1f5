/* elcc.c — equivalent firm capacity of a resource (elcc.h). */
#include "elcc.h"

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

/* What a run keeps of the chosen year: its hourly unserved power. */
typedef struct {
    int year, hours;
    double *unserved;               /* ECSIM_MAX_HOURS */
} Keep;

static Status keep_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                        const YearInputs *in, const YearSeries *out, const AnnualRow *row)
{
    (void)s, (void)cal, (void)wx, (void)row;
    Keep *k = ctx;
    if (in->year != k->year) return ST_OK;
    k->hours = in->hours;
    memcpy(k->unserved, out->v[SER_UNSERVED], (size_t)in->hours * sizeof(double));
    return ST_OK;
}

static double nameplate(const Scenario *s, TechId t, int year)
{
    switch (t) {
    case TECH_WIND: return schedule_at(&s->wind.capacity_mw, year);
    case TECH_SOLAR: return schedule_at(&s->solar.capacity_mw, year);
    case TECH_STORAGE: return schedule_at(&s->storage.power_mw, year);
    default: return -1;
    }
}

static void remove_resource(Scenario *s, TechId t)
{
    if (t == TECH_WIND) s->wind.capacity_mw = (Schedule){ 0 };
    else if (t == TECH_SOLAR) s->solar.capacity_mw = (Schedule){ 0 };
    else if (t == TECH_STORAGE) s->storage.power_mw = (Schedule){ 0 };
}

/* Least F in [0, hi] (to tol) with sum over members of LOLE_without(F) <=
 * target; hi when even hi is not enough. The count falls as F grows. */
static double bisect(double *const *uns, const int *hours, int n, double target, double hi, double tol)
{
    double lo = 0.0, top = hi;
    long at_hi = 0;
    for (int m = 0; m < n; m++) at_hi += elcc_lole_with_firm(uns[m], hours[m], top);
    if ((double)at_hi > target) return top;
    long at_0 = 0;
    for (int m = 0; m < n; m++) at_0 += elcc_lole_with_firm(uns[m], hours[m], 0.0);
    if ((double)at_0 <= target) return 0.0;   /* the resource adds nothing the LOLE sees */
    while (top - lo > tol) {
        double mid = 0.5 * (lo + top);
        long c = 0;
        for (int m = 0; m < n; m++) c += elcc_lole_with_firm(uns[m], hours[m], mid);
        if ((double)c <= target) top = mid;
        else lo = mid;
    }
    return top;
}

/* Scales the local load of every year by k. */
static void scale_load(Scenario *s, double k)
{
    for (int i = 0; i < s->load.annual_gwh.n; i++) s->load.annual_gwh.value[i] *= k;
}

/* Mean LOLE of the year over members 1..runs with the load scaled by k. */
static Status mean_lole(const Scenario *base, Scenario *work, double k, const ElccSpec *spec, int year, Run *run,
                        RunResults *res, double *lole, Diag *d)
{
    *work = *base;
    scale_load(work, k);
    double sum = 0;
    for (int m = 1; m <= spec->runs; m++) {
        Status st = sim_run(run, work, (unsigned long)m, NULL, res, d);
        if (st != ST_OK) return st;
        sum += res->rows[year - base->first_year].lole_h;
    }
    *lole = sum / spec->runs;
    return ST_OK;
}

/* The least load factor (to 0.1 %) whose mean LOLE reaches the target:
 * LOLE grows with the load. Searched in [0.25, 4]. */
static Status calibrate(const Scenario *s, const ElccSpec *spec, int year, double *k_out, Diag *d)
{
    Scenario *work = malloc(sizeof *work);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    Status st = work && res && run ? ST_OK : ST_NOMEM;
    double lo = 0.25, hi = 4.0, l = 0;
    if (st == ST_OK) st = mean_lole(s, work, hi, spec, year, run, res, &l, d);
    if (st == ST_OK && l < spec->lole_target_h) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, NULL, "elcc: even 4 x the load gives LOLE %.1f h", l);
        st = ST_CONFIG_RANGE;
    }
    while (st == ST_OK && hi - lo > 0.001) {
        double mid = 0.5 * (lo + hi);
        if ((st = mean_lole(s, work, mid, spec, year, run, res, &l, d)) != ST_OK) break;
        if (l >= spec->lole_target_h) hi = mid;
        else lo = mid;
    }
    *k_out = hi;
    run_free(run);
    free(res);
    free(work);
    return st;
}

Status elcc_compute(const Scenario *s_in, const ElccSpec *spec, ElccResult *r, Diag *d)
{
    memset(r, 0, sizeof *r);
    const Scenario *s = s_in;
    int year = spec->year ? spec->year : s->last_year;
    double np = nameplate(s, spec->tech, year);
    if (spec->runs < 1 || spec->runs > ELCC_MAX_MEMBERS || year < s->first_year || year > s->last_year
        || !(spec->tol_frac > 0)) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, NULL, "elcc: runs 1..%d, a year of the scenario",
                   ELCC_MAX_MEMBERS);
        return ST_CONFIG_RANGE;
    }
    if (!(np > 0)) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, NULL, "elcc: the resource has no capacity in %d", year);
        return ST_CONFIG_RANGE;
    }
    r->year = year;
    r->nameplate_mw = np;
    r->load_scale = 1.0;
    Scenario *scaled = NULL;
    if (spec->lole_target_h > 0) {
        Status cs = calibrate(s_in, spec, year, &r->load_scale, d);
        if (cs != ST_OK) return cs;
        if (!(scaled = malloc(sizeof *scaled))) return ST_NOMEM;
        *scaled = *s_in;
        scale_load(scaled, r->load_scale);
        s = scaled;
    }
    Scenario *without = malloc(sizeof *without);
    RunResults *res = malloc(sizeof *res);
    Run *run = run_new();
    double *with_u = malloc(ECSIM_MAX_HOURS * sizeof *with_u);
    double **uns = calloc((size_t)spec->runs, sizeof *uns);
    int *hours = calloc((size_t)spec->runs, sizeof *hours);
    Status st = without && res && run && with_u && uns && hours ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        *without = *s;
        remove_resource(without, spec->tech);
    }
    double tol = spec->tol_frac * np, total_with = 0;
    for (int m = 0; m < spec->runs && st == ST_OK; m++) {
        unsigned long member = (unsigned long)m + 1;
        Keep kw = { year, 0, with_u };
        Sink sw = { &kw, NULL, keep_year, NULL };
        if ((st = sim_run(run, s, member, &sw, res, d)) != ST_OK) break;
        if (!(uns[m] = malloc(ECSIM_MAX_HOURS * sizeof(double)))) { st = ST_NOMEM; break; }
        Keep ko = { year, 0, uns[m] };
        Sink so = { &ko, NULL, keep_year, NULL };
        if ((st = sim_run(run, without, member, &so, res, d)) != ST_OK) break;
        hours[m] = ko.hours;
        int lw = elcc_lole_with_firm(with_u, kw.hours, 0.0);
        r->lole_with[m] = lw;
        r->lole_without[m] = elcc_lole_with_firm(uns[m], ko.hours, 0.0);
        r->elcc_mw[m] = bisect(&uns[m], &hours[m], 1, lw, np, tol);
        r->capped += r->elcc_mw[m] >= np;
        total_with += lw;
        r->n++;
    }
    if (st == ST_OK) {
        r->pooled_mw = bisect(uns, hours, r->n, total_with, np, tol);
        double sum = 0, sum2 = 0;
        r->min_mw = INFINITY;
        r->max_mw = -INFINITY;
        for (int m = 0; m < r->n; m++) {
            double e = r->elcc_mw[m];
            sum += e;
            sum2 += e * e;
            r->min_mw = fmin(r->min_mw, e);
            r->max_mw = fmax(r->max_mw, e);
        }
        r->mean_mw = sum / r->n;
        r->sd_mw = r->n > 1 ? sqrt(fmax(sum2 - r->n * r->mean_mw * r->mean_mw, 0) / (r->n - 1)) : 0;
    }
    if (uns)
        for (int m = 0; m < spec->runs; m++) free(uns[m]);
    free(uns);
    free(hours);
    free(with_u);
    run_free(run);
    free(res);
    free(without);
    free(scaled);
    return st;
}
