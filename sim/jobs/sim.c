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
#include "costs.h"
#include "dispatch.h"
#include "rng.h"
#include "series.h"
#include "solarpos.h"
#include "tech.h"
#include "weather.h"
#include "weather_synth.h"

/* One buffer per hourly series (series.def), plus scratch space. */
typedef struct {
    double series[SER_COUNT][ECSIM_MAX_HOURS];
    double scratch[ECSIM_MAX_HOURS];
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
    TechModels models;
    TechState tech_state;
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
    for (int i = 0; i < SER_COUNT; i++) {
        if (series_get(i)->io == SIO_IN) run->in.v[i] = run->buf->series[i];
        else run->out.v[i] = run->buf->series[i];
    }
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
    /* Input series start each scenario at 0, so a technology without
     * capacity need not clear its series every year (a Run is reused). */
    for (int i = 0; i < SER_COUNT; i++)
        if (series_get(i)->io == SIO_IN) memset(run->buf->series[i], 0, sizeof run->buf->series[i]);
    return tech_prepare(&run->models, &run->tech_state, s, d);
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

Status sim_inputs(Run *run, int year)
{
    const Scenario *s = run->scn;
    Buffers *b = run->buf;
    YearFacts *f = &run->facts;
    DispatchLimits *lim = &run->lim;
    run->in.year = year;
    run->in.hours = run->cal.hours;
    memset(f, 0, sizeof *f);
    f->year = year;
    memset(lim, 0, sizeof *lim);
    lim->strategy = s->dispatch.strategy;
    for (int i = 0; i < tech_count(); i++) {   /* the curtailable pool, in registry order */
        const Tech *t = tech_get(i);
        if (!t->curtailable) continue;
        lim->pool_avail[lim->n_pool] = t->avail_series;
        lim->pool_used[lim->n_pool++] = t->used_series;
    }

    /* Every technology builds its inputs, limits and facts of the year. */
    double *bufs[SER_COUNT];
    for (int i = 0; i < SER_COUNT; i++) bufs[i] = b->series[i];
    const TechYear ty = { s, &run->cal, &run->wx, run->sun_now, &run->models, year,
                          s->commissioning == COMMISSION_MONTHLY, !run->first_year_done,
                          &run->tech_state, bufs, b->scratch, f, lim };
    for (int i = 0; i < tech_count(); i++) {
        Status st = tech_get(i)->build_year(&ty);
        if (st != ST_OK) return st;
    }
    /* Scheduled supply (inputs with sign +1, dispatched in their year step),
     * summed in table order: fixed supply to the hourly loop. */
    double *sched = b->series[SER_SCHEDULED];
    int n_sched = 0;
    for (int i = 0; i < SER_COUNT; i++) {
        const Series *se = series_get(i);
        if (se->io != SIO_IN || se->sign <= 0) continue;
        const double *v = b->series[i];
        if (n_sched++ == 0)
            for (int h = 0; h < run->cal.hours; h++) sched[h] = 0.0 + v[h];
        else
            for (int h = 0; h < run->cal.hours; h++) sched[h] += v[h];
    }
    if (n_sched == 0) memset(sched, 0, sizeof b->series[SER_SCHEDULED]);

    switch (lim->strategy) {
    case STRATEGY_PEAK_SHAVING:
        lim->peak_threshold_mw = dispatch_peak_threshold(lim, &run->in, s->dispatch.peak_percentile, b->scratch);
        break;
    case STRATEGY_RENEWABLE_FIRST:
    case STRATEGY_LINE_FIRST:
        break;
    default:
        return ST_UNKNOWN_STRATEGY;
    }

    /* Carry the state over the year boundary. New storage energy arrives at
     * the initial state of charge; a shrinking window clips the state. */
    double e_new = f->value[MET_storage_energy_mwh];
    if (!run->first_year_done) {
        run->state.soc_mwh = s->storage.initial_soc_frac * e_new;
        run->state.coal_mw = lim->coal_min_mw;
    } else if (e_new > run->storage_energy_prev_mwh) {
        run->state.soc_mwh += s->storage.initial_soc_frac * (e_new - run->storage_energy_prev_mwh);
    }
    if (run->state.soc_mwh > lim->soc_max_mwh) run->state.soc_mwh = lim->soc_max_mwh;
    if (run->state.soc_mwh < lim->soc_min_mwh) run->state.soc_mwh = lim->soc_min_mwh;
    if (run->state.coal_mw > lim->coal_max_mw) run->state.coal_mw = lim->coal_max_mw;
    run->storage_energy_prev_mwh = e_new;
    run->first_year_done = 1;
    return ST_OK;
}

Status sim_dispatch(Run *run)
{
    return dispatch_year(&run->lim, &run->in, &run->state, &run->out, &run->report);
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
        double soc_start = 0;
        if ((st = sim_inputs(run, year)) == ST_OK) {
            soc_start = run->state.soc_mwh;
            st = sim_dispatch(run);
        }
        if (st != ST_OK) {
            if (st == ST_UNKNOWN_STRATEGY)
                diag_error(d, st, s->source_file, 0, "dispatch.strategy", "year %d: %s (value %d)", year,
                           status_message(st), (int)s->dispatch.strategy);
            else
                diag_error(d, st, s->source_file, 0, NULL, "year %d: %s while building the year's inputs",
                           year, status_message(st));
            return st;
        }
        facts_put(&run->facts, MET_coal_min_violation_hours, run->report.below_floor_hours);
        AnnualRow *row = &res->rows[i];
        int bad = annual_from_hours(&run->facts, &run->in, &run->out, row);
        row->storage_losses_mwh = row->charge_mwh - row->discharge_mwh
                                - (run->state.soc_mwh - soc_start);
        double scale = 1.0 + row->peak_load_mw + row->export_capacity_mw;
        for (int t = 0; t < tech_count(); t++)
            if (tech_get(t)->capacity_metric != MET_NONE)
                scale += metric_value(metrics_get(tech_get(t)->capacity_metric), row);
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
    costs_period(s, res->rows, res->n_years);
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
