/* test_sim.c — whole runs of the base plan (configs/yiwu-14fyp.cfg):
 * conservation in every hour of every year, the SOC window, physical limits,
 * annual sums equal to the hourly series, and reentrancy (two runs in two
 * threads equal one sequential run, bit for bit). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accounting.h"
#include "config.h"
#include "schedule.h"
#include "sim.h"
#include "wxfile.h"

#define BASE_CFG "../configs/yiwu-14fyp.cfg"

typedef struct {
    int years, hours_checked;
    int balance_bad, soc_bad, limit_bad, sum_bad;
    double worst_residual;
} HourCheck;

static Status check_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                         const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    (void)wx;
    HourCheck *c = ctx;
    int y = cal->year;
    double p = schedule_at(&s->storage.power_mw, y);
    double e = p * s->storage.duration_h;
    double smin = s->storage.soc_min_frac * e, smax = s->storage.soc_max_frac * e;
    double sum_wind = 0, sum_load = 0, sum_curt = 0;
    c->years++;
    CU_ASSERT_EQUAL(in->hours, cal->hours);
    for (int h = 0; h < in->hours; h++) {
        double supply = o->v[SER_WIND_USED][h] + o->v[SER_SOLAR_USED][h] + o->v[SER_COAL][h]
                      + o->v[SER_DISCHARGE][h] + o->v[SER_IMPORT][h] + o->v[SER_UNSERVED][h]
                      + in->v[SER_CSP_USED][h];
        double demand = in->v[SER_LOAD][h] + o->v[SER_EXPORT][h] + o->v[SER_CHARGE][h];
        double r = fabs(supply - demand);
        if (r > c->worst_residual) c->worst_residual = r;
        if (r > 1e-6) c->balance_bad++;
        double curt = in->v[SER_WIND_AVAIL][h] + in->v[SER_SOLAR_AVAIL][h] - o->v[SER_WIND_USED][h] - o->v[SER_SOLAR_USED][h];
        if (fabs(curt - o->v[SER_CURTAILED][h]) > 1e-6 || o->v[SER_CURTAILED][h] < -1e-9) c->balance_bad++;
        if (o->v[SER_SOC][h] < smin - 1e-6 || o->v[SER_SOC][h] > smax + 1e-6) c->soc_bad++;
        if (o->v[SER_CHARGE][h] > p + 1e-9 || o->v[SER_DISCHARGE][h] > p + 1e-9
            || o->v[SER_EXPORT][h] > in->v[SER_LINE][h] + 1e-9 || o->v[SER_IMPORT][h] > in->v[SER_LINE][h] + 1e-9
            || o->v[SER_WIND_USED][h] > in->v[SER_WIND_AVAIL][h] + 1e-9
            || o->v[SER_SOLAR_USED][h] > in->v[SER_SOLAR_AVAIL][h] + 1e-9
            || o->v[SER_COAL][h] < -1e-9 || o->v[SER_UNSERVED][h] < -1e-9 || o->v[SER_CHARGE][h] < -1e-9
            || o->v[SER_DISCHARGE][h] < -1e-9 || o->v[SER_EXPORT][h] < -1e-9 || o->v[SER_IMPORT][h] < -1e-9
            || (o->v[SER_CHARGE][h] > 1e-9 && o->v[SER_DISCHARGE][h] > 1e-9))
            c->limit_bad++;
        sum_wind += o->v[SER_WIND_USED][h];
        sum_load += in->v[SER_LOAD][h];
        sum_curt += o->v[SER_CURTAILED][h];
        c->hours_checked++;
    }
    if (fabs(sum_wind - row->wind_used_mwh) > 1e-6 * (1 + sum_wind)
        || fabs(sum_load - row->load_mwh) > 1e-6 * (1 + sum_load)
        || fabs(sum_curt - row->curtailed_mwh) > 1e-6 * (1 + sum_curt))
        c->sum_bad++;
    /* the year's load is the configured demand plus the mines' and the coal
     * conversion plants' electricity */
    double want = schedule_at(&s->load.annual_gwh, y) * 1000.0 + row->mining_load_mwh + row->conversion_load_mwh;
    if (fabs(sum_load - want) > 1e-6 * want) c->sum_bad++;
    return ST_OK;
}

/* The CSP plant of a run, hour by hour and over the whole run: its heat
 * balance (csp.h) closes every hour, the stored heat carries over the year
 * boundary, output stays within [min load, capacity] or is 0, and the annual
 * metrics are the sums of the hourly series. */
typedef struct {
    HourCheck hc;
    int years, heat_bad, limit_bad, sum_bad, carry_bad;
    double soc_prev, heat_in, heat_out, soc_first_start, used_total;
} CspCheck;

static Status check_csp_year(void *ctx, const Scenario *s, const Calendar *cal, const WeatherYear *wx,
                             const YearInputs *in, const YearSeries *o, const AnnualRow *row)
{
    CspCheck *c = ctx;
    check_year(&c->hc, s, cal, wx, in, o, row);
    double cap = schedule_at(&s->csp.capacity_mw, cal->year);
    const double *const *v = in->v;
    double used = 0, field = 0, dumped = 0;
    for (int h = 0; h < in->hours; h++) {
        double loss = v[SER_CSP_LOSS][h], ch = v[SER_CSP_CHARGE][h], dis = v[SER_CSP_DISCHARGE][h];
        double soc_start = h ? v[SER_CSP_SOC][h - 1] : c->soc_prev;
        if (h == 0 && c->years == 0) c->soc_first_start = soc_start;
        double heat = v[SER_CSP_FIELD][h] + dis - v[SER_CSP_TURBINE][h] - v[SER_CSP_STARTUP][h] - ch
                    - v[SER_CSP_DUMPED][h];
        if (fabs(heat) > 1e-6 || fabs(soc_start - loss + ch - dis - v[SER_CSP_SOC][h]) > 1e-6) c->heat_bad++;
        double e = v[SER_CSP_USED][h];
        if (e < 0 || e > cap + 1e-9 || (e > 1e-9 && e < s->csp.min_load_frac * cap - 1e-9)) c->limit_bad++;
        c->heat_in += v[SER_CSP_FIELD][h];
        c->heat_out += v[SER_CSP_TURBINE][h] + v[SER_CSP_STARTUP][h] + v[SER_CSP_DUMPED][h] + loss;
        used += e;
        field += v[SER_CSP_FIELD][h];
        dumped += v[SER_CSP_DUMPED][h];
    }
    /* the year starts from the state the last one ended with (capacity only grows here) */
    if (c->years > 0 && fabs(v[SER_CSP_SOC][0] + v[SER_CSP_DISCHARGE][0] + v[SER_CSP_LOSS][0]
                             - v[SER_CSP_CHARGE][0] - c->soc_prev) > 1e-6)
        c->carry_bad++;
    c->soc_prev = v[SER_CSP_SOC][in->hours - 1];
    if (fabs(used - row->csp_used_mwh) > 1e-6 * (1 + used) || fabs(field - row->csp_field_mwht) > 1e-6 * (1 + field)
        || fabs(dumped - row->csp_dumped_mwht) > 1e-6 * (1 + dumped)
        || fabs(row->csp_capacity_mw - cap) > 0
        || (cap > 0 && fabs(row->csp_full_load_hours - used / cap) > 1e-9))
        c->sum_bad++;
    c->used_total += used;
    c->years++;
    return ST_OK;
}

/* The base plan with a 50 MW plant from 2022: the whole run conserves
 * electricity every hour and heat over the run. */
static void csp_plan_conserves(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res);
    CU_ASSERT_EQUAL_FATAL(config_load(BASE_CFG, s, &d), ST_OK);
    s->csp.capacity_mw = (Schedule){ 2, { 2021, 2022 }, { 0.0, 50.0 } };
    Run *run = run_new();
    CspCheck c = { 0 };
    Sink sink = { &c, NULL, check_csp_year, NULL };
    CU_ASSERT_EQUAL_FATAL(sim_run(run, s, 0, &sink, res, &d), ST_OK);
    CU_ASSERT_EQUAL(c.years, 6);
    CU_ASSERT_EQUAL(c.hc.balance_bad, 0);
    CU_ASSERT_EQUAL(c.hc.limit_bad, 0);
    CU_ASSERT_EQUAL(c.hc.sum_bad, 0);
    CU_ASSERT(c.hc.worst_residual < 1e-6);
    CU_ASSERT_EQUAL(c.heat_bad, 0);
    CU_ASSERT_EQUAL(c.limit_bad, 0);
    CU_ASSERT_EQUAL(c.sum_bad, 0);
    CU_ASSERT_EQUAL(c.carry_bad, 0);
    /* heat in = heat out + stored at the end (the run starts empty) */
    CU_ASSERT_DOUBLE_EQUAL(c.soc_first_start, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(c.heat_in, c.heat_out + c.soc_prev, 1e-6 * c.heat_in);
    /* the plant produces: between 1,500 and 4,500 full-load hours a year */
    CU_ASSERT(c.used_total > 4 * 50 * 1500 && c.used_total < 4 * 50 * 4500);
    CU_ASSERT_DOUBLE_EQUAL(res->rows[0].csp_used_mwh, 0, 0);
    /* its electricity is non-fossil primary energy, as wind and PV */
    const AnnualRow *r = &res->rows[5];
    double re = r->wind_used_mwh + r->solar_used_mwh + r->csp_used_mwh;
    double f = acct_elec_mtce_per_mwh(&s->accounting, CONV_COAL_EQUIVALENT, 2025);
    CU_ASSERT(r->csp_used_mwh > 0 && f > 0);
    CU_ASSERT_DOUBLE_EQUAL(r->nonfossil_coal_equiv_mtce, re * f, 1e-12 * re * f);
    run_free(run);
    free(s);
    free(res);
}

static void base_plan_conserves(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *res = malloc(sizeof *res);
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s && res);
    CU_ASSERT_EQUAL_FATAL(config_load(BASE_CFG, s, &d), ST_OK);
    Run *run = run_new();
    HourCheck c = { 0 };
    Sink sink = { &c, NULL, check_year, NULL };
    CU_ASSERT_EQUAL(sim_run(run, s, 0, &sink, res, &d), ST_OK);
    /* 2020 and 2024 are leap years: 5 x 8760 + 2 x 24 extra hours */
    CU_ASSERT_EQUAL(c.years, 6);
    CU_ASSERT_EQUAL(c.hours_checked, 6 * 8760 + 2 * 24);
    CU_ASSERT_EQUAL(c.balance_bad, 0);
    CU_ASSERT_EQUAL(c.soc_bad, 0);
    CU_ASSERT_EQUAL(c.limit_bad, 0);
    CU_ASSERT_EQUAL(c.sum_bad, 0);
    CU_ASSERT(c.worst_residual < 1e-6);
    /* the capacities of the plan are reached in 2025 (the seed's figures) */
    const AnnualRow *last = &res->rows[5];
    CU_ASSERT_DOUBLE_EQUAL(last->wind_capacity_mw, 3200, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(last->solar_capacity_mw, 800, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(last->storage_power_mw, 400, 1e-9);
    CU_ASSERT(last->coal_capacity_mt >= 45 && last->coal_capacity_mt <= 60);
    /* storage energy is conserved over each year: charge·η_c − discharge/η_d
     * − self-discharge = ΔSOC, so losses are non-negative and below charge */
    for (int i = 0; i < res->n_years; i++) {
        CU_ASSERT(res->rows[i].storage_losses_mwh >= -1e-6);
        CU_ASSERT(res->rows[i].storage_losses_mwh <= res->rows[i].charge_mwh + 1e-6);
    }
    run_free(run);
    free(s);
    free(res);
}

typedef struct {
    const Scenario *s;
    RunResults *res;
    Status st;
} ThreadJob;

static void *run_job(void *arg)
{
    ThreadJob *j = arg;
    Diag d;
    diag_init(&d);
    Run *run = run_new();
    j->st = run ? sim_run(run, j->s, 0, NULL, j->res, &d) : ST_NOMEM;
    run_free(run);
    return NULL;
}

static void parallel_equals_sequential(void)
{
    Scenario *s = malloc(sizeof *s);
    RunResults *r[3];
    Diag d;
    diag_init(&d);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_EQUAL_FATAL(config_load(BASE_CFG, s, &d), ST_OK);
    for (int i = 0; i < 3; i++) {
        r[i] = calloc(1, sizeof *r[i]);
        CU_ASSERT_FATAL(r[i] != NULL);
    }
    ThreadJob seq = { s, r[0], ST_OK };
    run_job(&seq);
    ThreadJob j1 = { s, r[1], ST_OK }, j2 = { s, r[2], ST_OK };
    pthread_t t1, t2;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t1, NULL, run_job, &j1), 0);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t2, NULL, run_job, &j2), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    CU_ASSERT_EQUAL(seq.st, ST_OK);
    CU_ASSERT_EQUAL(j1.st, ST_OK);
    CU_ASSERT_EQUAL(j2.st, ST_OK);
    size_t rows = sizeof(AnnualRow) * (size_t)r[0]->n_years;
    CU_ASSERT_EQUAL(memcmp(r[0]->rows, r[1]->rows, rows), 0);
    CU_ASSERT_EQUAL(memcmp(r[0]->rows, r[2]->rows, rows), 0);
    /* another weather member gives other weather */
    ThreadJob other = { s, r[1], ST_OK };
    Run *run = run_new();
    other.st = sim_run(run, s, 7, NULL, r[1], &d);
    run_free(run);
    CU_ASSERT_EQUAL(other.st, ST_OK);
    CU_ASSERT(r[1]->rows[5].wind_avail_mwh != r[0]->rows[5].wind_avail_mwh);
    for (int i = 0; i < 3; i++) free(r[i]);
    free(s);
}

/* sim_fit_weather on the proxy scenario: the distinct files are the years,
 * and the wind is the one the run sees, at the 100 m hub between the SRW
 * file's 80 and 110 m (SAM's rule: v80 + (100 - 80) / (110 - 80) (v110 -
 * v80)), whose monthly means are computed here from the file's own columns.
 * The fit is deterministic. */
static void fit_of_scenario_files(void)
{
    Scenario *s = malloc(sizeof *s);
    WxFit *f = malloc(sizeof *f), *g = malloc(sizeof *g);
    WxFile *w = wxfile_new();
    Diag d;
    diag_init(&d);
    char note[1024];
    CU_ASSERT_FATAL(s && f && g && w);
    CU_ASSERT_EQUAL_FATAL(config_load("../scenarios/weather-file-proxy.cfg", s, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(sim_fit_weather(s, f, note, sizeof note, &d), ST_OK);
    CU_ASSERT_EQUAL(f->n_years, 1);
    CU_ASSERT_EQUAL(f->n_hours, 8760);
    CU_ASSERT_EQUAL(f->spec.source, WEATHER_SYNTHETIC);
    CU_ASSERT_DOUBLE_EQUAL(f->wind_height_m, 100.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(f->spec.wind_ref_height_m, 100.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(f->spec.year_wind_sd_frac + f->spec.year_kt_sd + f->spec.year_temp_sd_c, 0.0, 0.0);
    CU_ASSERT(strstr(note, "AZ_Eastern-Rolling_Hills.srw") != NULL);
    CU_ASSERT_EQUAL_FATAL(wxfile_read(s->weather.wind_file, WXF_AUTO, w, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(w->n_heights, 4);
    CU_ASSERT_DOUBLE_EQUAL_FATAL(w->height_m[1], 80.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL_FATAL(w->height_m[2], 110.0, 0.0);
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    for (int m = 0, k = 0; m < 12; m++) {
        double sum = 0;
        int n = mdays[m] * 24;
        for (int i = 0; i < n; i++, k++) sum += w->wind_ms[1][k] + 20.0 / 30.0 * (w->wind_ms[2][k] - w->wind_ms[1][k]);
        CU_ASSERT_DOUBLE_EQUAL(f->mean_obs_ms[m], sum / n, 1e-9);
    }
    CU_ASSERT_EQUAL(sim_fit_weather(s, g, note, sizeof note, &d), ST_OK);
    CU_ASSERT(memcmp(&f->spec, &g->spec, sizeof f->spec) == 0);
    /* six years on two distinct files (A B A B A B): two years of the fit */
    s->weather.n_files = 6;
    for (int i = 0; i < 6; i++)
        snprintf(s->weather.files[i], sizeof s->weather.files[i], "%s",
                 i % 2 ? "data/weather/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv" : s->weather.file);
    s->weather.file[0] = '\0';
    CU_ASSERT_EQUAL(sim_fit_weather(s, g, note, sizeof note, &d), ST_OK);
    CU_ASSERT_EQUAL(g->n_years, 2);
    CU_ASSERT_EQUAL(g->n_hours, 2 * 8760);
    CU_ASSERT(g->spec.year_kt_sd > 0.0);
    for (int m = 0; m < 12; m++) CU_ASSERT_DOUBLE_EQUAL(g->mean_obs_ms[m], f->mean_obs_ms[m], 1e-9);
    /* synthetic weather has no files to fit */
    s->weather.source = WEATHER_SYNTHETIC;
    Diag *d2 = malloc(sizeof *d2);
    diag_init(d2);
    CU_ASSERT_EQUAL(sim_fit_weather(s, g, note, sizeof note, d2), ST_CONFIG_INVALID);
    CU_ASSERT(d2->n > 0);
    free(d2);
    wxfile_free(w);
    free(g);
    free(f);
    free(s);
}

void register_test_sim(void);
void register_test_sim(void)
{
    CU_pSuite s = CU_add_suite("test_sim", NULL, NULL);
    CU_add_test(s, "base plan: every hour balances, SOC in window, limits hold", base_plan_conserves);
    CU_add_test(s, "two threads equal one sequential run", parallel_equals_sequential);
    CU_add_test(s, "base plan with CSP: electricity every hour, heat over the run", csp_plan_conserves);
    CU_add_test(s, "the weather files of a scenario fitted as its run reads them", fit_of_scenario_files);
}
