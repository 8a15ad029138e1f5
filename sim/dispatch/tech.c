/* tech.c — the technology registry (tech.def) and each technology's year
 * step: capacity schedule -> hourly available power, limits and facts. */
#include "tech.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "coal.h"
#include "conversion.h"
#include "csp.h"
#include "electrolyser.h"
#include "exportline.h"
#include "load.h"
#include "outage.h"
#include "price.h"
#include "rng.h"
#include "schedule.h"
#include "storage.h"

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

/* Available power of a variable source: per-MW output (in ty->scratch) times
 * the capacity in force, month by month. */
static void per_mw_times_capacity(const TechYear *ty, const Schedule *cap, double derate, double *avail)
{
    const Calendar *cal = ty->cal;
    for (int m = 1; m <= 12; m++) {
        double c = schedule_month(cap, ty->year, m, ty->monthly) * derate;
        for (int h = cal->month_first_hour[m - 1]; h < cal->month_first_hour[m]; h++)
            avail[h] = c * ty->scratch[h];
    }
}

static Status build_wind(const TechYear *ty)
{
    const Schedule *cap = &ty->s->wind.capacity_mw;
    wind_unit_output(&ty->models->wind, ty->wx, ty->scratch);
    per_mw_times_capacity(ty, cap, 1.0, ty->buf[SER_WIND_AVAIL]);
    facts_put(ty->facts, MET_wind_capacity_mw, schedule_year_mean(cap, ty->year, ty->monthly));
    facts_put(ty->facts, MET_wind_capacity_end_mw, schedule_at(cap, ty->year));   /* installed on 31 Dec */
    return ST_OK;
}

static Status build_solar(const TechYear *ty)
{
    const Scenario *s = ty->s;
    if (ty->pv_sun) pv_unit_output_sun(&ty->models->pv, ty->pv_sun, ty->wx, ty->scratch);
    else pv_unit_output(&ty->models->pv, ty->sun, ty->wx, ty->scratch);
    per_mw_times_capacity(ty, &s->solar.capacity_mw, pv_degradation_factor(&s->solar, s->first_year, ty->year),
                          ty->buf[SER_SOLAR_AVAIL]);
    facts_put(ty->facts, MET_solar_capacity_mw, schedule_year_mean(&s->solar.capacity_mw, ty->year, ty->monthly));
    facts_put(ty->facts, MET_solar_capacity_end_mw, schedule_at(&s->solar.capacity_mw, ty->year));
    return ST_OK;
}

static Status build_storage(const TechYear *ty)
{
    const StorageParams *p = &ty->s->storage;
    double power = schedule_at(&p->power_mw, ty->year);
    storage_limits(p, power, ty->lim);
    /* The price signal storage works against (price.h); arbitrage's valley
     * and peak thresholds are shares of the year's mean price. */
    const Scenario *s = ty->s;
    double mean = price_fill(&s->price, schedule_at(&s->costs.benchmark_tariff_yuan_per_kwh, ty->year), ty->cal,
                             s->site.utc_offset_h, ty->buf[SER_PRICE]);
    ty->lim->storage_mode = p->mode;
    ty->lim->price_valley = mean * p->valley_below_frac;
    ty->lim->price_peak = mean * p->peak_above_frac;
    ty->lim->charge_from_coal = p->charge_from_coal;
    facts_put(ty->facts, MET_storage_power_mw, power);
    facts_put(ty->facts, MET_storage_energy_mwh, power * p->duration_h);
    return ST_OK;
}

/* Coal mining: output drives its electricity use, which is local load. */
static Status build_coal_mining(const TechYear *ty)
{
    const CoalMiningParams *p = &ty->s->coal_mining;
    YearFacts *f = ty->facts;
    double output_mt = coal_mining_output_mt(p, ty->year, ty->monthly);
    facts_put(f, MET_coal_capacity_mt, schedule_year_mean(&p->capacity_mt, ty->year, ty->monthly));
    facts_put(f, MET_coal_capacity_end_mt, schedule_at(&p->capacity_mt, ty->year));
    facts_put(f, MET_coal_output_mt, output_mt);
    facts_put(f, MET_mining_load_mwh, output_mt * 1e6 * p->electricity_kwh_per_t / 1000.0);
    return ST_OK;
}

/* Coal conversion plants: their year's coal, electricity, energy and CO2
 * (conversion.h) as facts; their electricity as a flat process load (the
 * plants run round the clock), which build_load adds to the local load. */
static Status build_coal_conversion(const TechYear *ty)
{
    const Scenario *s = ty->s;
    const CoalConversionParams *p = &s->coal_conversion;
    ConvYear sum = { 0 };
    for (int i = 0; i < p->n_plants && i < CONV_MAX_PLANTS; i++) {
        ConvYear y;
        double cap = schedule_year_mean(&p->plants[i].capacity_mt, ty->year, ty->monthly);
        conv_plant_year(&p->plants[i], ty->year, cap, s->accounting.coal_co2_t_per_tce, p->boiler_eff_frac, &y);
        conv_add(&sum, &y);
    }
    YearFacts *f = ty->facts;
    double coal_tce = sum.feed_tce + sum.fuel_tce;
    double coal_t = coal_tce / coal_tce_per_t(&s->coal_mining);
    facts_put(f, MET_co2_captured_t, sum.captured_t);
    facts_put(f, MET_conversion_product_t, sum.product_t);
    facts_put(f, MET_conversion_coal_t, coal_t);
    facts_put(f, MET_conversion_feed_tce, sum.feed_tce);
    facts_put(f, MET_conversion_fuel_tce, sum.fuel_tce);
    facts_put(f, MET_conversion_product_tce, sum.product_tce);
    /* The energy balance: coal in, less the energy products handed on
     * (加工转换产出); chemicals' coal stays as final consumption. Electricity
     * is in the load, counted by the county balance (accounting.h). */
    facts_put(f, MET_conversion_energy_mtce, (coal_tce - sum.energy_product_tce) * 1e-6);
    facts_put(f, MET_feedstock_mtce, sum.feedstock_tce * 1e-6);
    facts_put(f, MET_co2_process_t, sum.process_co2_t);
    facts_put(f, MET_co2_conversion_combustion_t, sum.combustion_co2_t);
    facts_put(f, MET_co2_used_t, sum.captured_used_t);
    double out_t = f->value[MET_coal_output_mt] * 1e6;
    facts_put(f, MET_conversion_coal_share_frac, out_t > 0 ? coal_t / out_t : 0.0);
    double *load = ty->buf[SER_CONVERSION_LOAD];
    const int H = ty->cal->hours;
    double mw = sum.elec_mwh / (double)H;
    for (int h = 0; h < H; h++) load[h] = mw;
    return ST_OK;
}

/* Samples the forced outages of a year (FOR > 0) into avail from the
 * stream of purpose, keyed like the weather by calendar year and member so
 * variants of one seed share them (common random numbers). Returns the
 * capacity-hours out, or -1 when the stream cannot be made. */
static double sample_outages(const TechYear *ty, const OutageChain *ch, const double *cap, int n, int purpose,
                             double *avail)
{
    const int H = ty->cal->hours;
    gsl_rng *r = NULL;
    if (ch->for_frac > 0.0) {
        unsigned long stream = (unsigned long)ty->year * RNG_STREAMS_PER_YEAR + (unsigned long)purpose;
        r = rng_stream(ty->seed, ty->member, stream);
        if (!r) return -1.0;
    }
    outage_sample(ch, cap, n, H, r, avail);
    if (r) gsl_rng_free(r);
    double total = 0.0, out = 0.0;
    for (int u = 0; u < n; u++) total += cap[u];
    for (int h = 0; h < H; h++) out += total - avail[h];
    return out;
}

/* Unit commitment's limits (model.h's DispatchLimits): the start-up fuel
 * enters the optimum's objective as the MWh of coal output that burn the
 * same fuel at the fleet's full-load heat rate (tce x 1000 / gce/kWh = MWh),
 * so that it is weighed like the coal it is. */
static void coal_commitment_limits(const CoalPowerParams *p, const CoalFleetYear *fleet, DispatchLimits *lim)
{
    lim->coal_commit = p->commitment == COMMIT_FLEXIBLE && fleet->capacity_mw > 0.0;
    if (!lim->coal_commit) return;
    lim->coal_min_frac = fleet->min_frac;
    lim->coal_steam_floor_mw = fleet->steam_floor_mw;
    lim->coal_min_up_h = fleet->min_up_h;
    lim->coal_min_down_h = fleet->min_down_h;
    lim->coal_startup_mwh = fleet->heat_rate_gce_per_kwh > 0.0
        ? fleet->startup_tce_per_mw * 1000.0 / fleet->heat_rate_gce_per_kwh : 0.0;
}

/* The committed coal fleet as one plant: floor, ceiling and ramp; with
 * forced outages its hourly available capacity (SER_COAL_AVAIL), which the
 * dispatch takes as the hour's ceiling and scales the floor by. */
static Status build_coal_power(const TechYear *ty)
{
    const CoalPowerParams *p = &ty->s->coal_power;
    CoalFleetYear fleet;
    coal_fleet_year(p, ty->year, &fleet);
    ty->lim->coal_min_mw = fleet.min_mw;
    ty->lim->coal_max_mw = fleet.capacity_mw;
    ty->lim->coal_ramp_mw_per_h = fleet.ramp_mw_per_h;
    facts_put(ty->facts, MET_coal_power_capacity_mw, fleet.capacity_mw);
    ty->facts->coal_heat_rate_gce_per_kwh = fleet.heat_rate_gce_per_kwh;
    ty->facts->coal_power = p;
    ty->facts->coal_startup_tce_per_mw = fleet.startup_tce_per_mw;
    coal_commitment_limits(p, &fleet, ty->lim);
    double *avail = ty->buf[SER_COAL_AVAIL];
    const int H = ty->cal->hours;
    OutageChain ch = { 0 };
    if (p->forced_outage_frac <= 0.0 || fleet.capacity_mw <= 0.0) {
        for (int h = 0; h < H; h++) avail[h] = fleet.capacity_mw;
        return ST_OK;
    }
    if (outage_chain(p->forced_outage_frac, p->mttr_h, &ch) != 0) return ST_CONFIG_RANGE;
    /* The units in service, each split into blocks of unit_size_mw (the
     * last block takes the rest) when a size is set. */
    double cap[OUTAGE_MAX_UNITS];
    int n = 0;
    for (int u = 0; u < p->n_units && u < COAL_MAX_UNITS; u++) {
        const CoalUnit *c = &p->units[u];
        if (c->commission_year > ty->year || (c->retire_year != 0 && ty->year >= c->retire_year)) continue;
        double left = c->capacity_mw;
        while (left > 1e-9) {
            if (n == OUTAGE_MAX_UNITS) return ST_CONFIG_RANGE;
            double b = p->unit_size_mw > 0.0 && p->unit_size_mw < left ? p->unit_size_mw : left;
            cap[n++] = b;
            left -= b;
        }
    }
    double out = sample_outages(ty, &ch, cap, n, RNG_PURPOSE_COAL_OUTAGE, avail);
    if (out < 0.0) return ST_NOMEM;
    for (int h = 0; h < H; h++)   /* the blocks' sum may differ from the fleet's in the last bit */
        if (avail[h] > fleet.capacity_mw) avail[h] = fleet.capacity_mw;
    facts_put(ty->facts, MET_coal_outage_mwh, out);
    return ST_OK;
}

/* Local load plus the mines' electricity, spread round the clock, and the
 * coal conversion plants' process load. */
static Status build_load(const TechYear *ty)
{
    double *load = ty->buf[SER_LOAD];
    int H = ty->cal->hours;
    load_year(&ty->s->load, ty->cal, schedule_at(&ty->s->load.annual_gwh, ty->year) * 1000.0, load);
    load_add_temperature(&ty->s->load, ty->cal, ty->wx->temp_c, load);
    double mining_mw = ty->facts->value[MET_mining_load_mwh] / (double)H;
    const double *conv = ty->buf[SER_CONVERSION_LOAD];   /* built before (tech.def order) */
    for (int h = 0; h < H; h++) load[h] += mining_mw + conv[h];
    return ST_OK;
}

/* Export line: capacity at year start (its N-1 share with export.n_minus_1);
 * firm schedule in schedule mode; the room the receiving grid takes. */
static Status build_export(const TechYear *ty)
{
    const ExportParams *p = &ty->s->export_line;
    double rated = schedule_at(&p->capacity_mw, ty->year);
    double *line_mw = ty->buf[SER_LINE];
    facts_put(ty->facts, MET_export_capacity_mw, rated);
    /* With N-1 the line carries only its secure share (exportline.h). */
    double line = p->n_minus_1 ? rated * export_usable_frac(p) : rated;
    for (int h = 0; h < ty->cal->hours; h++) line_mw[h] = line;
    export_year(p, ty->cal, line, ty->buf[SER_EXPORT_FIRM]);
    ty->lim->import_allowed = p->import_allowed;
    ty->lim->import_limited = p->import_limit_mw < line;
    ty->lim->import_limit_mw = p->import_limit_mw;
    if (p->forced_outage_frac <= 0.0 || line <= 0.0) {
        export_room(p, ty->cal, line_mw, ty->buf[SER_EXPORT_FIRM], ty->buf[SER_EXPORT_ROOM]);
        return ST_OK;
    }
    /* The line as one two-state element: out, it carries no firm export,
     * no surplus export and no import. */
    OutageChain ch;
    if (outage_chain(p->forced_outage_frac, p->mttr_h, &ch) != 0) return ST_CONFIG_RANGE;
    double *up = ty->scratch, *firm = ty->buf[SER_EXPORT_FIRM];
    if (sample_outages(ty, &ch, &line, 1, RNG_PURPOSE_LINE_OUTAGE, up) < 0.0) return ST_NOMEM;
    double hours_out = 0;
    for (int h = 0; h < ty->cal->hours; h++)
        if (up[h] <= 0.0) {
            line_mw[h] = 0.0;
            firm[h] = 0.0;
            hours_out += 1;
        }
    facts_put(ty->facts, MET_line_outage_hours, hours_out);
    export_room(p, ty->cal, line_mw, firm, ty->buf[SER_EXPORT_ROOM]);
    return ST_OK;
}

/* The year's weather in brief, for the annual row. */
static Status build_system(const TechYear *ty)
{
    const WeatherYear *wx = ty->wx;
    int H = ty->cal->hours;
    double ws = 0, ghi = 0, ta = 0;
    for (int h = 0; h < H; h++) {
        ws += wx->wind_ms[h];
        ghi += wx->ghi_wm2[h];
        ta += wx->temp_c[h];
    }
    facts_put(ty->facts, MET_wind_mean_ms, ws / H);
    facts_put(ty->facts, MET_ghi_kwh_per_m2, ghi / 1000.0);
    facts_put(ty->facts, MET_temp_mean_c, ta / H);
    return ST_OK;
}

/* Electrolysers and the hydrogen demand they serve (docs/hydrogen.md): the
 * year's limits for the dispatch's electrolyser pass (h2dispatch.h), the
 * flat hourly draws of the methanol plant (at the rate its CO2 allows) and
 * of the trucks, and the methanol plant's electricity as flat load. Runs
 * after load (it adds to it) and before CSP (which fills the room load leaves). */
static Status build_electrolyser(const TechYear *ty)
{
    const Scenario *s = ty->s;
    const int H = ty->cal->hours;
    DispatchLimits *lim = ty->lim;
    YearFacts *f = ty->facts;
    double cap = schedule_at(&s->electrolyser.capacity_mw, ty->year);
    ElyLimits el = ely_limits(&s->electrolyser, cap);
    lim->ely_mw = el.power_mw;
    lim->ely_min_mw = el.min_mw;
    lim->ely_kg_per_mwh = el.kg_per_mwh;
    lim->h2_store_max_kg = el.store_max_kg;
    lim->ely_priority = (int)s->electrolyser.priority;
    facts_put(f, MET_electrolyser_capacity_mw, el.power_mw);
    facts_put(f, MET_h2_storage_kg, el.store_max_kg);

    /* CO2 for methanol: what the coal conversion plants capture and do not
     * use themselves (their year step runs first and puts both facts), plus
     * the scenario's external supply. */
    const MethanolParams *mp = &s->methanol;
    double meoh_cap = schedule_at(&mp->capacity_t, ty->year);
    double captured_free = f->value[MET_co2_captured_t] - f->value[MET_co2_used_t];   /* 0 when not put */
    double co2_avail = schedule_at(&mp->co2_external_t, ty->year) + (captured_free > 0.0 ? captured_free : 0.0);
    double planned = methanol_planned_t(mp, meoh_cap, co2_avail);
    lim->h2_methanol_kg_per_h = planned * mp->h2_t_per_t * 1000.0 / (double)H;
    facts_put(f, MET_methanol_capacity_t, meoh_cap);
    facts_put(f, MET_methanol_co2_available_t, co2_avail);
    double meoh_mwh = planned * mp->electricity_kwh_per_t / 1000.0;
    facts_put(f, MET_methanol_mwh, meoh_mwh);
    if (meoh_mwh > 0.0) {
        double *load = ty->buf[SER_LOAD], add = meoh_mwh / (double)H;
        for (int h = 0; h < H; h++) load[h] += add;
    }

    double trucks = schedule_at(&s->h2_trucks.count, ty->year);
    TruckYear tr = trucks_year(&s->h2_trucks, trucks, 0.0, 0.0);
    lim->h2_trucks_kg_per_h = tr.demand_t * 1000.0 / (double)H;
    facts_put(f, MET_h2_trucks, trucks);
    return ST_OK;
}

/* Concentrated solar power, dispatched here, before the hourly loop, after
 * wind and PV: the room it may fill is local load plus firm export less the
 * available wind and PV and the coal fleet's must-run minimum; its output is
 * scheduled supply to the loop (series.def). Capacity at the start of the
 * year. Without a plant every series is 0 and nothing is computed. */
static Status build_csp(const TechYear *ty)
{
    const CspParams *p = &ty->s->csp;
    double *const *b = ty->buf;
    CspState *st = &ty->state->csp;
    const int H = ty->cal->hours;
    static const SeriesId own[] = { SER_CSP_USED, SER_CSP_FIELD, SER_CSP_DUMPED, SER_CSP_SOC, SER_CSP_FORCED,
                                    SER_CSP_TURBINE, SER_CSP_STARTUP, SER_CSP_CHARGE, SER_CSP_DISCHARGE,
                                    SER_CSP_LOSS };
    double cap = schedule_at(&p->capacity_mw, ty->year);
    CspDesign dz;
    csp_design(p, &dz);
    facts_put(ty->facts, MET_csp_capacity_mw, cap);
    facts_put(ty->facts, MET_csp_storage_mwht, cap * dz.storage_mwht);
    if (cap <= 0) {
        /* The buffers start each scenario at 0 (sim_prepare); only a year
         * after one with a plant has to clear them. */
        if (ty->state->csp_active)
            for (size_t k = 0; k < sizeof own / sizeof own[0]; k++) memset(b[own[k]], 0, (size_t)H * sizeof(double));
        ty->state->csp_active = 0;
        *st = (CspState){ 0 };
        return ST_OK;
    }
    ty->state->csp_active = 1;
    if (ty->first) csp_initial_state(p, cap, st);
    double *field = b[SER_CSP_FIELD], *room = ty->scratch;
    csp_field_year(p, ty->sun, ty->wx->dni_wm2, H, field);
    const double *load = b[SER_LOAD], *firm = b[SER_EXPORT_FIRM];
    const double *wind = b[SER_WIND_AVAIL], *solar = b[SER_SOLAR_AVAIL];
    for (int h = 0; h < H; h++) room[h] = load[h] + firm[h] - (wind[h] + solar[h]) - ty->lim->coal_min_mw;
    const CspSeries out = { b[SER_CSP_USED], b[SER_CSP_FORCED], b[SER_CSP_TURBINE], b[SER_CSP_STARTUP],
                            b[SER_CSP_CHARGE], b[SER_CSP_DISCHARGE], b[SER_CSP_DUMPED], b[SER_CSP_LOSS],
                            b[SER_CSP_SOC] };
    CspReport rep;
    csp_dispatch_year(p, cap, field, room, H, st, &out, &rep);
    for (int h = 0; h < H; h++) field[h] *= cap;   /* per MW -> the plant's heat, for output */
    facts_put(ty->facts, MET_csp_starts, rep.starts);
    return rep.check_violations ? ST_NUMERIC : ST_OK;
}

static const Tech table[] = {
#define TECH(id, name, zh, en, colour, role, pool, avail_s, used_s, used, avail, capacity, flh, avail_flh, build, stack, \
             stack_colour) \
    { id, name, zh, en, colour, role, pool, avail_s, used_s, used, avail, capacity, flh, avail_flh, build, stack, stack_colour },
#include "tech.def"
#undef TECH
};

_Static_assert(sizeof table / sizeof table[0] == TECH_COUNT, "one registry row per TechId");

int tech_count(void) { return TECH_COUNT; }

const Tech *tech_get(int i)
{
    return (i >= 0 && i < TECH_COUNT) ? &table[i] : NULL;
}

const Tech *tech_find(const char *name)
{
    for (int i = 0; i < TECH_COUNT; i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

Status tech_prepare(TechModels *m, TechState *state, const Scenario *s, Diag *d)
{
    memset(state, 0, sizeof *state);
    const char *why = NULL, *bad = csp_params_invalid(&s->csp, &why);
    if (bad) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, bad, "%s", why ? why : "out of range");
        return ST_CONFIG_RANGE;
    }
    char path[96];
    if (conv_params_invalid(&s->coal_conversion, s->accounting.coal_co2_t_per_tce, path, sizeof path, &why) >= 0) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, path, "%s", why);
        return ST_CONFIG_RANGE;
    }
    Status st = wind_model_init(&m->wind, &s->wind, s->weather.wind_ref_height_m);
    if (st != ST_OK) {
        diag_error(d, st, s->source_file, 0, "wind", "invalid wind farm model");
        return st;
    }
    pv_model_init(&m->pv, &s->solar);
    return ST_OK;
}
