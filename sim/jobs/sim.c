/* sim.c — runs one scenario year by year (DESIGN §§2–6): weather, available
 * power, load and limits are precomputed per year, then the hourly dispatch
 * loop runs, then the annual sums and the accounting; the finished year goes
 * to the sink. Invariant: the storage state and the coal fleet's last output
 * carry over from one year to the next, as they do in the real system. */
#include "sim.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accounting.h"
#include "annual.h"
#include "coal.h"
#include "dispatch.h"
#include "exportline.h"
#include "load.h"
#include "pv.h"
#include "rng.h"
#include "schedule.h"
#include "solarpos.h"
#include "storage.h"
#include "weather.h"
#include "weather_synth.h"
#include "wind.h"

typedef struct {
    double wind_avail_mw[ECSIM_MAX_HOURS];
    double solar_avail_mw[ECSIM_MAX_HOURS];
    double load_mw[ECSIM_MAX_HOURS];
    double export_firm_mw[ECSIM_MAX_HOURS];
    double line_mw[ECSIM_MAX_HOURS];
    double wind_frac[ECSIM_MAX_HOURS];     /* per MW installed */
    double solar_frac[ECSIM_MAX_HOURS];    /* per MW DC installed */
    double scratch[ECSIM_MAX_HOURS];
    double wind_used_mw[ECSIM_MAX_HOURS], solar_used_mw[ECSIM_MAX_HOURS];
    double coal_mw[ECSIM_MAX_HOURS], discharge_mw[ECSIM_MAX_HOURS];
    double import_mw[ECSIM_MAX_HOURS], export_mw[ECSIM_MAX_HOURS];
    double charge_mw[ECSIM_MAX_HOURS], soc_mwh[ECSIM_MAX_HOURS];
    double curtailed_mw[ECSIM_MAX_HOURS], unserved_mw[ECSIM_MAX_HOURS];
} Buffers;

/* Sun tables depend only on site and year: cached per run, keyed by both. */
#define SUN_CACHE 8
typedef struct {
    Site site;
    int year;       /* 0 = empty */
    SunTable tab;
} SunSlot;

struct Run {
    const Scenario *scn;
    Calendar cal;
    WeatherYear wx;
    SynthTables synth;
    WindModel wind;
    PvModel pv;
    SunSlot sun[SUN_CACHE];
    int sun_next;
    const SunTable *sun_now;
    Buffers *buf;
    YearInputs in;
    YearSeries out;
    YearFacts facts;
    DispatchLimits lim;
    DispatchState state;
    DispatchReport report;
    double storage_energy_prev_mwh;
    int first_year_done;
};

Run *run_new(void)
{
    Run *run = calloc(1, sizeof *run);
    if (!run) return NULL;
    run->buf = calloc(1, sizeof *run->buf);
    if (!run->buf) { free(run); return NULL; }
    Buffers *b = run->buf;
    run->in.wind_avail_mw = b->wind_avail_mw;
    run->in.solar_avail_mw = b->solar_avail_mw;
    run->in.load_mw = b->load_mw;
    run->in.export_sched_mw = b->export_firm_mw;
    run->in.line_mw = b->line_mw;
    run->out = (YearSeries){ b->wind_used_mw, b->solar_used_mw, b->coal_mw, b->discharge_mw,
                             b->import_mw, b->export_mw, b->charge_mw, b->soc_mwh,
                             b->curtailed_mw, b->unserved_mw };
    return run;
}

void run_free(Run *run)
{
    if (!run) return;
    free(run->buf);
    free(run);
}

int sim_hours(const Run *run) { return run->cal.hours; }

static int same_site(const Site *a, const Site *b)
{
    return a->latitude_deg == b->latitude_deg && a->longitude_deg == b->longitude_deg
        && a->elevation_m == b->elevation_m && a->utc_offset_h == b->utc_offset_h;
}

static const SunTable *sun_for(Run *run, const Site *site, int year)
{
    for (int i = 0; i < SUN_CACHE; i++)
        if (run->sun[i].year == year && same_site(&run->sun[i].site, site))
            return &run->sun[i].tab;
    SunSlot *slot = &run->sun[run->sun_next];
    run->sun_next = (run->sun_next + 1) % SUN_CACHE;
    slot->site = *site;
    slot->year = year;
    suntable_build(&slot->tab, site, year);
    return &slot->tab;
}

Status sim_prepare(Run *run, const Scenario *s, Diag *d)
{
    run->scn = s;
    run->first_year_done = 0;
    memset(&run->state, 0, sizeof run->state);
    run->storage_energy_prev_mwh = 0;
    Status st = synth_tables_build(&run->synth, &s->weather);
    if (st != ST_OK) {
        diag_error(d, st, s->source_file, 0, "weather", "cannot build synthetic weather tables");
        return st;
    }
    st = wind_model_init(&run->wind, &s->wind, s->weather.wind_ref_height_m);
    if (st != ST_OK) {
        diag_error(d, st, s->source_file, 0, "wind", "invalid wind farm model");
        return st;
    }
    pv_model_init(&run->pv, &s->solar);
    return ST_OK;
}

Status sim_weather(Run *run, int year, unsigned long member)
{
    const Scenario *s = run->scn;
    calendar_year_init(&run->cal, year);
    run->sun_now = sun_for(run, &s->site, year);
    /* Streams are keyed by calendar year, not by position in the period:
     * variants with the same seed see the same weather in the same year
     * (common random numbers), so their differences are the policy's. */
    unsigned long base = (unsigned long)year * RNG_STREAMS_PER_YEAR;
    gsl_rng *rw = rng_stream(s->seed, member, base + RNG_PURPOSE_WIND);
    gsl_rng *rs = rng_stream(s->seed, member, base + RNG_PURPOSE_SOLAR);
    gsl_rng *rt = rng_stream(s->seed, member, base + RNG_PURPOSE_TEMPERATURE);
    Status st = (rw && rs && rt) ? ST_OK : ST_NOMEM;
    if (st == ST_OK)
        synth_weather_year(&run->synth, &s->weather, &s->site, &run->cal, run->sun_now,
                           rw, rs, rt, &run->wx);
    if (rw) gsl_rng_free(rw);
    if (rs) gsl_rng_free(rs);
    if (rt) gsl_rng_free(rt);
    return st;
}

/* Share of the installed PV capacity left after degradation: each year's
 * addition ages from its own commissioning year (the first schedule point
 * counts as new in its year). */
static double pv_degradation_factor(const PvParams *p, int first_year, int year)
{
    const Schedule *c = &p->capacity_mw;
    double installed = schedule_at(c, year);
    if (c->n == 0 || p->degradation_per_year_frac <= 0 || installed <= 0) return 1.0;
    double keep = 1.0 - p->degradation_per_year_frac, eff = 0, prev = 0;
    int start = c->year[0] < first_year && c->n == 1 ? first_year : c->year[0];  /* constant: new in the first year */
    for (int y = start; y <= year; y++) {
        double cur = schedule_at(c, y);
        eff += (cur - prev) * pow(keep, (double)(year - y));
        prev = cur;
    }
    return eff / installed;
}

void sim_inputs(Run *run, int year)
{
    const Scenario *s = run->scn;
    const Calendar *cal = &run->cal;
    Buffers *b = run->buf;
    YearFacts *f = &run->facts;
    int monthly = s->commissioning == COMMISSION_MONTHLY;
    int H = cal->hours;
    run->in.year = year;
    run->in.hours = H;
    memset(f, 0, sizeof *f);
    f->year = year;
    double ws = 0, ghi = 0, ta = 0;
    for (int h = 0; h < H; h++) {
        ws += run->wx.wind_ms[h];
        ghi += run->wx.ghi_wm2[h];
        ta += run->wx.temp_c[h];
    }
    f->wind_mean_ms = ws / H;
    f->ghi_kwh_per_m2 = ghi / 1000.0;
    f->temp_mean_c = ta / H;

    /* Available wind and PV: per-MW output times the capacity in force. */
    wind_unit_output(&run->wind, &run->wx, b->wind_frac);
    pv_unit_output(&run->pv, run->sun_now, &run->wx, b->solar_frac);
    double pv_derate = pv_degradation_factor(&s->solar, s->first_year, year);
    for (int m = 1; m <= 12; m++) {
        double wcap = schedule_month(&s->wind.capacity_mw, year, m, monthly);
        double scap = schedule_month(&s->solar.capacity_mw, year, m, monthly);
        double spv = scap * pv_derate;
        for (int h = cal->month_first_hour[m - 1]; h < cal->month_first_hour[m]; h++) {
            b->wind_avail_mw[h] = wcap * b->wind_frac[h];
            b->solar_avail_mw[h] = spv * b->solar_frac[h];
        }
    }
    f->wind_capacity_mw = schedule_year_mean(&s->wind.capacity_mw, year, monthly);
    f->solar_capacity_mw = schedule_year_mean(&s->solar.capacity_mw, year, monthly);

    /* Coal mining: output drives its electricity use, which is local load. */
    f->coal_capacity_mt = schedule_year_mean(&s->coal_mining.capacity_mt, year, monthly);
    f->coal_output_mt = coal_mining_output_mt(&s->coal_mining, year, monthly);
    f->mining_load_mwh = f->coal_output_mt * 1e6 * s->coal_mining.electricity_kwh_per_t / 1000.0;
    double load_mwh = schedule_at(&s->load.annual_gwh, year) * 1000.0;
    load_year(&s->load, cal, load_mwh, b->load_mw);
    double mining_mw = f->mining_load_mwh / (double)H;   /* mines work round the clock */
    for (int h = 0; h < H; h++) b->load_mw[h] += mining_mw;

    /* Export line: capacity at year start; firm schedule in schedule mode. */
    double line = schedule_at(&s->export_line.capacity_mw, year);
    f->export_capacity_mw = line;
    for (int h = 0; h < H; h++) b->line_mw[h] = line;
    export_year(&s->export_line, cal, line, b->export_firm_mw);

    /* Limits of the year: storage and the committed coal fleet. */
    DispatchLimits *lim = &run->lim;
    memset(lim, 0, sizeof *lim);
    lim->strategy = s->dispatch.strategy;
    double spower = schedule_at(&s->storage.power_mw, year);
    storage_limits(&s->storage, spower, lim);
    f->storage_power_mw = spower;
    f->storage_energy_mwh = spower * s->storage.duration_h;
    CoalFleetYear fleet;
    coal_fleet_year(&s->coal_power, year, &fleet);
    lim->coal_min_mw = fleet.min_mw;
    lim->coal_max_mw = fleet.capacity_mw;
    lim->coal_ramp_mw_per_h = fleet.ramp_mw_per_h;
    lim->import_allowed = s->export_line.import_allowed;
    f->coal_power_capacity_mw = fleet.capacity_mw;
    f->coal_heat_rate_gce_per_kwh = fleet.heat_rate_gce_per_kwh;
    if (lim->strategy == STRATEGY_PEAK_SHAVING)
        lim->peak_threshold_mw = dispatch_peak_threshold(&run->in, s->dispatch.peak_percentile, b->scratch);

    /* Carry the state over the year boundary. New storage energy arrives at
     * the initial state of charge; a shrinking window clips the state. */
    double e_new = f->storage_energy_mwh;
    if (!run->first_year_done) {
        run->state.soc_mwh = s->storage.initial_soc_frac * e_new;
        run->state.coal_mw = fleet.min_mw;
    } else if (e_new > run->storage_energy_prev_mwh) {
        run->state.soc_mwh += s->storage.initial_soc_frac * (e_new - run->storage_energy_prev_mwh);
    }
    if (run->state.soc_mwh > lim->soc_max_mwh) run->state.soc_mwh = lim->soc_max_mwh;
    if (run->state.soc_mwh < lim->soc_min_mwh) run->state.soc_mwh = lim->soc_min_mwh;
    if (run->state.coal_mw > fleet.capacity_mw) run->state.coal_mw = fleet.capacity_mw;
    run->storage_energy_prev_mwh = e_new;
    run->first_year_done = 1;
}

void sim_dispatch(Run *run)
{
    run->report = dispatch_year(&run->lim, &run->in, &run->state, &run->out);
}

Status sim_run(Run *run, const Scenario *s, unsigned long member, const Sink *sink,
               RunResults *res, Diag *d)
{
    memset(res, 0, sizeof *res);
    int n_years = s->last_year - s->first_year + 1;
    if (n_years < 1 || n_years > SIM_MAX_YEARS) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, "scenario.last_year",
                   "the period must hold 1 to %d years", SIM_MAX_YEARS);
        return ST_CONFIG_RANGE;
    }
    Status st = sim_prepare(run, s, d);
    if (st != ST_OK) return st;
    if (sink && sink->begin && (st = sink->begin(sink->ctx, s)) != ST_OK) return st;

    for (int i = 0; i < n_years; i++) {
        int year = s->first_year + i;
        if ((st = sim_weather(run, year, member)) != ST_OK) {
            diag_error(d, st, s->source_file, 0, NULL, "year %d: cannot create random streams", year);
            return st;
        }
        sim_inputs(run, year);
        double soc_start = run->state.soc_mwh;
        sim_dispatch(run);
        run->facts.coal_min_violation_hours = run->report.below_floor_hours;
        AnnualRow *row = &res->rows[i];
        int bad = annual_from_hours(&run->facts, &run->in, &run->out, row);
        row->storage_losses_mwh = row->charge_mwh - row->discharge_mwh
                                - (run->state.soc_mwh - soc_start);
        double scale = 1.0 + row->peak_load_mw + run->facts.export_capacity_mw
                     + run->facts.wind_capacity_mw + run->facts.solar_capacity_mw;
        if (bad || row->max_balance_residual_mw > 1e-6 * scale || run->report.check_violations) {
            diag_error(d, ST_NUMERIC, s->source_file, 0, NULL,
                       "year %d: energy balance does not close or a value is not finite "
                       "(worst hourly residual %g MW, %d invariant violations)",
                       year, row->max_balance_residual_mw, run->report.check_violations);
            return ST_NUMERIC;
        }
        acct_year(s, row);
        res->n_years = i + 1;
        if (sink && sink->year &&
            (st = sink->year(sink->ctx, s, &run->cal, &run->wx, &run->in, &run->out, row)) != ST_OK)
            return st;
    }
    acct_period(s, res->rows, res->n_years);
    res->n_targets = targets_evaluate(&s->targets, res->rows, res->n_years, res->targets,
                                      SIM_MAX_TARGET_RESULTS, &res->n_failed);
    for (int i = 0; i < res->n_years; i++)
        for (int k = 0; k < metrics_count(); k++) {
            double v = metric_value(metrics_get(k), &res->rows[i]);
            if (!isfinite(v)) {
                diag_error(d, ST_NUMERIC, s->source_file, 0, metrics_get(k)->name,
                           "year %d: value is not finite", s->first_year + i);
                return ST_NUMERIC;
            }
        }
    if (sink && sink->end && (st = sink->end(sink->ctx, s, res)) != ST_OK) return st;
    return ST_OK;
}
