/* config_validate.c — the cross-field rules (DESIGN §8): checks that
 * involve more than one setting, run once on the resolved Scenario and
 * located where the later of the settings involved was written. One table
 * (rules[] below) lists them with the settings each reads; a rule finds
 * its settings through its row, so the unit test that checks every row's
 * paths against the schema covers the code too. */
#include "config_impl.h"
#include "config_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pricefile.h"
#include "weather_synth.h"

static int usable(const LoadCtx *c, int idx) { return idx >= 0 && !c->bad[idx]; }

/* Index of the k-th setting of rule r, or -1 (a path the schema lacks:
 * the rule then does nothing, and the table test fails). */
static int setting(const ConfigRule *r, int k)
{
    const SchemaEntry *e = schema_find(r->paths[k]);
    return e ? cfg_index_of(e) : -1;
}

/* Index in records e of the field that the k-th path of r names
 * ("list[].field"), or -1. */
static int field(const ConfigRule *r, int k, const SchemaEntry *e)
{
    const char *dot = strstr(r->paths[k], "[].");
    const SchemaEntry *f = dot ? schema_field_find(e, dot + 3) : NULL;
    return f ? (int)(f - e->fields) : -1;
}

/* paths: first_year, last_year. Sets c->period_ok for the rules after it. */
static void check_period(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    const Scenario *s = c->s;
    int fy = setting(r, 0), ly = setting(r, 1);
    int *period_ok = &c->period_ok;
    *period_ok = 0;
    if (!usable(c, fy) || !usable(c, ly)) return;
    int at = cfg_rank(c, fy) > cfg_rank(c, ly) ? fy : ly;   /* a variant moved first_year */
    if (s->last_year < s->first_year && at == ly)
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, ly), schema_get(ly)->path, NULL,
                       "last_year %d is before first_year %d", s->last_year, s->first_year);
    else if (s->last_year < s->first_year)
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, fy), schema_get(fy)->path, NULL,
                       "first_year %d is after last_year %d", s->first_year, s->last_year);
    else if (s->last_year - s->first_year >= PERIOD_MAX_SPAN)
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "the period %d..%d is too long: last_year - first_year must be below %d",
                       s->first_year, s->last_year, PERIOD_MAX_SPAN);
    else
        *period_ok = 1;
}

/* paths: soc_min_frac, soc_max_frac, initial_soc_frac. */
static void check_storage(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    const StorageParams *st = &c->s->storage;
    int lo = setting(r, 0), hi = setting(r, 1), init = setting(r, 2);
    if (!usable(c, lo) || !usable(c, hi)) return;
    if (st->soc_min_frac >= st->soc_max_frac) {
        int at = cfg_rank(c, lo) >= cfg_rank(c, hi) ? lo : hi;
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "soc_min_frac %.15g is not below soc_max_frac %.15g", st->soc_min_frac,
                       st->soc_max_frac);
    } else if (usable(c, init) &&
               (st->initial_soc_frac < st->soc_min_frac || st->initial_soc_frac > st->soc_max_frac)) {
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, init), schema_get(init)->path, NULL,
                       "initial_soc_frac %.15g is outside the SOC window %.15g .. %.15g",
                       st->initial_soc_frac, st->soc_min_frac, st->soc_max_frac);
    }
}

/* Curves sharing a count (speed and fraction of a power curve) are given
 * together and have the same length. */
static void check_curves(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)r, (void)unused;
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *a = schema_get(i);
        if (a->kind != SK_CURVE) continue;
        for (int j = i + 1; j < schema_count(); j++) {
            const SchemaEntry *b = schema_get(j);
            if (b->kind != SK_CURVE || b->count_offset != a->count_offset) continue;
            if (c->given[i] != c->given[j]) {
                int missing = c->given[i] ? j : i, other = c->given[i] ? i : j;
                cfg_report_loc(c, ST_CONFIG_MISSING, cfg_where(c, other), schema_get(missing)->path, NULL,
                               "required together with %s", schema_get(other)->path);
            } else if (c->given[i] && usable(c, i) && usable(c, j) && c->len[i] != c->len[j]) {
                int at = cfg_rank(c, i) > cfg_rank(c, j) ? i : j, other = at == i ? j : i;
                cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                               "has %d values but %s has %d; they must have the same length", c->len[at],
                               schema_get(other)->path, c->len[other]);
            }
        }
    }
}

static void check_mining(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    int k = setting(r, 0);
    double v = c->s->coal_mining.calorific_kcal_per_kg;
    if (usable(c, k) && v > 0 && v < 1000)
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, k), schema_get(k)->path, NULL,
                       "%.15g kcal/kg is not coal: use 0 for the national default, or at least 1000", v);
}

/* The daily clearness is a normal truncated to a physical range: some
 * (mean, sd) pairs cannot be reached on it (weather_synth.c). */
static void check_clearness(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    int m = setting(r, 0), sd = setting(r, 1);
    if (!usable(c, m) || !usable(c, sd)) return;
    static const char *const names[12] = { "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December" };
    for (int k = 0; k < 12; k++)
        if (!synth_kt_feasible(c->s->weather.kt_mean[k], c->s->weather.kt_sd[k]))
            cfg_report_loc(c, ST_CONFIG_RANGE, cfg_where(c, cfg_rank(c, sd) >= cfg_rank(c, m) ? sd : m),
                           schema_get(sd)->path, NULL,
                           "%s: a daily clearness of mean %.15g and standard deviation %.15g cannot be "
                           "drawn (lower the spread or move the mean away from the limits)",
                           names[k], c->s->weather.kt_mean[k], c->s->weather.kt_sd[k]);
}

/* The wake layout is one farm of at most WAKE_LAYOUT_MAX_POINTS turbines
 * (SAM's limit), checked whatever wind.wake_model says. */
static void check_wake_layout(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    int rows = setting(r, 0), per = setting(r, 1);
    if (!usable(c, rows) || !usable(c, per)) return;
    long n = (long)c->s->wind.layout_rows * c->s->wind.layout_per_row;
    if (n > WAKE_LAYOUT_MAX_POINTS) {
        int at = cfg_rank(c, rows) >= cfg_rank(c, per) ? rows : per;
        cfg_report_loc(c, ST_CONFIG_RANGE, cfg_where(c, at), schema_get(at)->path, NULL,
                       "layout_rows x layout_per_row = %ld turbines, more than %d", n, WAKE_LAYOUT_MAX_POINTS);
    }
}

/* The scalar diurnal wind settings stand for every month: a scalar given
 * in a later layer than its monthly vector (or without one) fills it; in
 * the same layer the vector wins (a resolved run.cfg holds both). */
static void check_diurnal(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    WeatherSpec *w = &c->s->weather;
    for (int pair = 0; pair < 2; pair++) {
        int sc = setting(r, 2 * pair), vec = setting(r, 2 * pair + 1);
        if (!usable(c, sc) || !usable(c, vec) || !c->given[sc] || cfg_rank(c, sc) <= cfg_rank(c, vec)) continue;
        for (int k = 0; k < 12; k++) {
            if (pair == 0) w->wind_diurnal_month_amp_frac[k] = w->wind_diurnal_amp_frac;
            else w->wind_diurnal_month_peak_hour[k] = w->wind_diurnal_peak_hour;
        }
    }
}

/* The daily innovations of slow wind, clearness and temperature are drawn
 * through the Cholesky factor of their correlation matrix: it must be
 * positive definite (weather_synth.c). */
static void check_correlations(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    int a = setting(r, 0), b = setting(r, 1), k = setting(r, 2);
    if (!usable(c, a) || !usable(c, b) || !usable(c, k)) return;
    const WeatherSpec *w = &c->s->weather;
    if (synth_corr_ok(w->corr_wind_kt, w->corr_wind_temp, w->corr_kt_temp)) return;
    int at = a;
    if (cfg_rank(c, b) > cfg_rank(c, at)) at = b;
    if (cfg_rank(c, k) > cfg_rank(c, at)) at = k;
    cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                   "the correlations wind-clearness %.15g, wind-temperature %.15g and clearness-temperature "
                   "%.15g do not form a positive definite matrix (1 - a^2 - b^2 - c^2 + 2abc must exceed 0)",
                   w->corr_wind_kt, w->corr_wind_temp, w->corr_kt_temp);
}

/* Years settings: "all" becomes every year of the period; listed years
 * must lie inside it. */
static void check_years(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)r, (void)unused;
    Scenario *s = c->s;
    int period_ok = c->period_ok;
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *e = schema_get(i);
        if (e->kind != SK_YEARS || !usable(c, i) || !period_ok) continue;
        int *y = (int *)(void *)((char *)s + e->offset);
        int *n = (int *)(void *)((char *)s + e->count_offset);
        if (c->len[i] < 0) {
            *n = s->last_year - s->first_year + 1;   /* < PERIOD_MAX_SPAN <= size */
            for (int k = 0; k < *n; k++) y[k] = s->first_year + k;
            continue;
        }
        for (int k = 0; k < *n; k++)
            if (y[k] < s->first_year || y[k] > s->last_year) {
                char sub[160];
                snprintf(sub, sizeof sub, "%s[%d]", e->path, k);
                cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, i), sub, NULL,
                               "year %d is outside the period %d..%d", y[k], s->first_year, s->last_year);
            }
    }
}

/* Where field k of a record was written, else the record. */
static Loc field_where(const RecordInfo *ri, int k)
{
    return k >= 0 && ri->field_given[k] ? ri->field[k] : ri->at;
}

static void report_field(LoadCtx *c, Status st, const SchemaEntry *e, int i, int k,
                         const RecordInfo *ri, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void report_field(LoadCtx *c, Status st, const SchemaEntry *e, int i, int k,
                         const RecordInfo *ri, const char *fmt, ...)
{
    char path[224];
    snprintf(path, sizeof path, "%s[%d].%s", e->path, i, k >= 0 ? e->fields[k].path : "?");
    va_list ap;
    va_start(ap, fmt);
    Loc at = field_where(ri, k);
    cfg_vreport(c, st, c->src[at.src], at.line, path, NULL, fmt, ap);
    va_end(ap);
}

/* Rules within records that hold for any record list: unique fields,
 * years inside the period. */
static void check_record_fields(LoadCtx *c, const ConfigRule *r, const SchemaEntry *e)
{
    (void)r;
    const Scenario *s = c->s;
    int period_ok = c->period_ok;
    const char *arr = (const char *)s + e->offset;
    int n = *(const int *)(const void *)((const char *)s + e->count_offset);
    RecordInfo *info = c->rec[cfg_record_slot(e)];
    for (int k = 0; k < e->n_fields; k++) {
        const SchemaEntry *fe = &e->fields[k];
        for (int i = 0; i < n; i++) {
            const char *v = arr + (size_t)i * e->record_size + fe->offset;
            if (info[i].bad) continue;
            if ((fe->flags & SF_UNIQUE) && fe->kind == SK_STRING)
                for (int j = 0; j < i; j++) {
                    char buf[64];
                    if (!info[j].bad && strcmp(arr + (size_t)j * e->record_size + fe->offset, v) == 0) {
                        report_field(c, ST_CONFIG_INVALID, e, i, k, &info[i],
                                     "\"%s\" is already used by %s[%d]", cfg_shown(buf, sizeof buf, v),
                                     e->path, j);
                        break;
                    }
                }
            if ((fe->flags & SF_IN_PERIOD) && fe->kind == SK_INTEGER && period_ok) {
                int y = *(const int *)(const void *)v;
                if (y != 0 && (y < s->first_year || y > s->last_year))
                    report_field(c, ST_CONFIG_INVALID, e, i, k, &info[i],
                                 "year %d is outside the period %d..%d", y, s->first_year,
                                 s->last_year);
            }
        }
    }
}

/* paths: retire_year, commission_year of coal_power.units. */
static void check_units(LoadCtx *c, const ConfigRule *r, const SchemaEntry *e)
{
    const CoalPowerParams *cp = &c->s->coal_power;
    const RecordInfo *info = c->rec[cfg_record_slot(e)];
    int kr = field(r, 0, e);
    if (kr < 0 || field(r, 1, e) < 0) return;
    for (int i = 0; i < cp->n_units; i++) {
        const CoalUnit *u = &cp->units[i];
        if (!info[i].bad && u->retire_year != 0 && u->retire_year <= u->commission_year)
            report_field(c, ST_CONFIG_INVALID, e, i, kr, &info[i],
                         "retire_year %d is not after commission_year %d", u->retire_year,
                         u->commission_year);
    }
}

/* paths: op, threshold, upper, year, base_year of targets.list. */
static void check_targets(LoadCtx *c, const ConfigRule *r, const SchemaEntry *e)
{
    const Scenario *s = c->s;
    const RecordInfo *info = c->rec[cfg_record_slot(e)];
    int period_ok = c->period_ok;
    int kt = field(r, 1, e), ku = field(r, 2, e), ky = field(r, 3, e), kb = field(r, 4, e);
    if (field(r, 0, e) < 0 || kt < 0 || ku < 0 || ky < 0 || kb < 0) return;
    for (int i = 0; i < s->targets.n; i++) {
        const Target *t = &s->targets.t[i];
        const RecordInfo *ri = &info[i];
        if (ri->bad) continue;
        if (t->op == OP_RANGE) {
            if (ku >= 0 && !ri->field_given[ku])
                report_field(c, ST_CONFIG_MISSING, e, i, ku, ri, "required when op is \"range\"");
            else if (t->upper < t->threshold)
                report_field(c, ST_CONFIG_INVALID, e, i, ku, ri, "upper %.15g is below threshold %.15g",
                             t->upper, t->threshold);
        } else if (t->op == OP_REDUCTION) {
            int base = t->base_year ? t->base_year : s->first_year;
            if (t->threshold > 1)
                report_field(c, ST_CONFIG_RANGE, e, i, kt, ri,
                             "a reduction of %.15g is more than the whole (at most 1)", t->threshold);
            if (t->year != 0 && (t->base_year != 0 || period_ok) && t->year <= base)
                report_field(c, ST_CONFIG_INVALID, e, i, kb >= 0 && ri->field_given[kb] ? kb : ky, ri,
                             "year %d is not after the base year %d", t->year, base);
        }
    }
}

/* paths: source, file, files, wind_file, first_year, last_year. Weather
 * from files: one file or one per year, each a readable regular file
 * (read and checked in full by the run and by ecsim check). */
static void check_weather_files(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    const WeatherSpec *w = &c->s->weather;
    int src = setting(r, 0), one = setting(r, 1), per = setting(r, 2), wind = setting(r, 3);
    if (!usable(c, src) || w->source != WEATHER_FILE || !usable(c, one) || !usable(c, per)) return;
    const int n_years = c->s->last_year - c->s->first_year + 1;
    if (!w->file[0] && w->n_files == 0) {
        cfg_report_loc(c, ST_CONFIG_MISSING, cfg_where(c, src), schema_get(src)->path, NULL,
                       "source \"file\" needs weather.file (one file for every year) or weather.files "
                       "(one per year)");
        return;
    }
    if (w->file[0] && w->n_files > 0) {
        int at = cfg_rank(c, one) >= cfg_rank(c, per) ? one : per;
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "give weather.file or weather.files, not both");
        return;
    }
    if (w->n_files > 0 && c->period_ok && w->n_files != n_years)
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, per), schema_get(per)->path, NULL,
                       "names %d file%s but the period %d..%d has %d years: give one file per year",
                       w->n_files, w->n_files == 1 ? "" : "s", c->s->first_year, c->s->last_year, n_years);
    typedef struct { int idx; const char *path; int k; } Named;
    Named f[WEATHER_FILES_MAX + 2];
    int nf = 0;
    if (w->file[0]) f[nf++] = (Named){ one, w->file, -1 };
    for (int i = 0; i < w->n_files; i++) f[nf++] = (Named){ per, w->files[i], i };
    if (usable(c, wind) && w->wind_file[0]) f[nf++] = (Named){ wind, w->wind_file, -1 };
    for (int i = 0; i < nf; i++) {
        struct stat st;
        char q[256], name[160];
        const char *why = NULL;
        if (stat(f[i].path, &st) != 0) why = strerror(errno);
        else if (!S_ISREG(st.st_mode)) why = S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file";
        else if (access(f[i].path, R_OK) != 0) why = strerror(errno);
        if (!why) continue;
        if (f[i].k >= 0) snprintf(name, sizeof name, "%s[%d]", schema_get(f[i].idx)->path, f[i].k);
        else snprintf(name, sizeof name, "%s", schema_get(f[i].idx)->path);
        cfg_report_loc(c, ST_IO, cfg_where(c, f[i].idx), name, NULL, "cannot read the weather file \"%s\": %s",
                       cfg_shown_max(q, sizeof q, f[i].path, 200), why);
    }
}

/* An error inside a data file the scenario names, at its line. */
__attribute__((format(printf, 6, 7)))
static void report_in_file(LoadCtx *c, Status st, const char *file, int line, const char *setting,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfg_vreport(c, st, file, line, setting, NULL, fmt, ap);
    va_end(ap);
}

/* paths: price.source, price.file, storage.valley_below_frac,
 * storage.peak_above_frac, storage.mode, coal_power.commitment. Source
 * "file" reads the price file into the scenario (a bad file is named with
 * its line); the valley threshold lies below the peak threshold; arbitrage
 * needs a price that varies, and its loop keeps coal must-run (the rule
 * loops that decommit units do not follow a price). */
static void check_price(LoadCtx *c, const ConfigRule *r, const SchemaEntry *unused)
{
    (void)unused;
    PriceParams *p = &c->s->price;
    const StorageParams *sp = &c->s->storage;
    int src = setting(r, 0), file = setting(r, 1), lo = setting(r, 2), hi = setting(r, 3), mode = setting(r, 4);
    int commit = setting(r, 5);
    if (usable(c, mode) && usable(c, src) && sp->mode == STORAGE_ARBITRAGE && p->source == PRICE_FLAT) {
        int at = cfg_rank(c, mode) >= cfg_rank(c, src) ? mode : src;
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "storage mode \"arbitrage\" needs a price that varies: set price.source to "
                       "\"tou-xinjiang\" or \"file\" (a flat price has no valley or peak hours)");
    }
    if (usable(c, mode) && usable(c, commit) && sp->mode == STORAGE_ARBITRAGE
        && c->s->coal_power.commitment == COMMIT_FLEXIBLE && c->s->dispatch.strategy != STRATEGY_OPTIMAL) {
        int at = cfg_rank(c, mode) >= cfg_rank(c, commit) ? mode : commit;
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "storage mode \"arbitrage\" under the rules keeps coal must-run: set "
                       "coal_power.commitment = \"must-run\", or dispatch.strategy = \"optimal\" "
                       "(which commits units and, with dispatch.lp_price_weight > 0, follows the price)");
    }
    if (usable(c, lo) && usable(c, hi) && sp->valley_below_frac >= sp->peak_above_frac) {
        int at = cfg_rank(c, lo) >= cfg_rank(c, hi) ? lo : hi;
        cfg_report_loc(c, ST_CONFIG_INVALID, cfg_where(c, at), schema_get(at)->path, NULL,
                       "valley_below_frac %.15g is not below peak_above_frac %.15g", sp->valley_below_frac,
                       sp->peak_above_frac);
    }
    p->file_n = 0;
    if (!usable(c, src) || p->source != PRICE_FILE || !usable(c, file)) return;
    if (!p->file[0]) {
        cfg_report_loc(c, ST_CONFIG_MISSING, cfg_where(c, src), schema_get(src)->path, NULL,
                       "source \"file\" needs price.file");
        return;
    }
    char why[256], q[256];
    int line = 0;
    Status st = pricefile_read(p->file, p->file_price, &p->file_n, &line, why, sizeof why);
    if (st == ST_IO)
        cfg_report_loc(c, st, cfg_where(c, file), schema_get(file)->path, NULL, "\"%s\": %s",
                       cfg_shown_max(q, sizeof q, p->file, 200), why);
    else if (st != ST_OK)
        report_in_file(c, st, p->file, line, schema_get(file)->path, "%s", why);
}

#define PERIOD "scenario.first_year", "scenario.last_year"

static const ConfigRule rules[] = {
    { "period", NULL, -1, { PERIOD, NULL }, check_period,
      "last_year not before first_year, and fewer than 50 years after it" },
    { "storage window", NULL, -1,
      { "storage.soc_min_frac", "storage.soc_max_frac", "storage.initial_soc_frac", NULL }, check_storage,
      "soc_min_frac below soc_max_frac; initial_soc_frac inside the window" },
    { "curve pairs", NULL, SK_CURVE, { NULL }, check_curves,
      "curves sharing a count (speed and fraction of a power curve) given together, of one length" },
    { "coal calorific value", NULL, -1, { "coal_mining.calorific_kcal_per_kg", NULL }, check_mining,
      "0 (the national default) or at least 1000 kcal/kg" },
    { "daily clearness", NULL, -1, { "weather.kt_mean", "weather.kt_sd", NULL }, check_clearness,
      "each month's (mean, sd) reachable by the truncated normal of weather_synth.c" },
    { "diurnal wind per month", NULL, -1,
      { "weather.wind_diurnal_amp_frac", "weather.wind_diurnal_month_amp_frac",
        "weather.wind_diurnal_peak_hour", "weather.wind_diurnal_month_peak_hour", NULL },
      check_diurnal,
      "a scalar diurnal wind setting given in a later layer than its monthly vector sets every month" },
    { "weather correlations", NULL, -1,
      { "weather.corr_wind_kt", "weather.corr_wind_temp", "weather.corr_kt_temp", NULL }, check_correlations,
      "the correlation matrix of the daily weather innovations is positive definite" },
    { "weather files", NULL, -1,
      { "weather.source", "weather.file", "weather.files", "weather.wind_file", PERIOD, NULL },
      check_weather_files,
      "source \"file\": weather.file or weather.files (one per year of the period), each a readable file" },
    { "price signal", NULL, -1,
      { "price.source", "price.file", "storage.valley_below_frac", "storage.peak_above_frac", "storage.mode",
        "coal_power.commitment", NULL },
      check_price,
      "source \"file\": price.file is a readable price file; valley_below_frac below peak_above_frac; "
      "storage mode arbitrage has a price that varies (source not flat) and, under the rules, "
      "coal must-run" },
    { "wake layout", NULL, -1, { "wind.layout_rows", "wind.layout_per_row", NULL }, check_wake_layout,
      "the wake layout has at most 300 turbines" },
    { "years in the period", NULL, SK_YEARS, { PERIOD, NULL }, check_years,
      "\"all\" becomes every year of the period; listed years lie inside it" },
    { "record fields", NULL, SK_RECORDS, { PERIOD, NULL }, check_record_fields,
      "within every list of groups: unique fields unique, year fields inside the period" },
    { "unit lifetime", "coal_power.units", -1,
      { "coal_power.units[].retire_year", "coal_power.units[].commission_year", NULL }, check_units,
      "a coal unit retires after it is commissioned" },
    { "target form", "targets.list", -1,
      { "targets.list[].op", "targets.list[].threshold", "targets.list[].upper", "targets.list[].year",
        "targets.list[].base_year", NULL },
      check_targets,
      "a range has an upper bound above threshold; a reduction is at most 1 and after its base year" },
};

enum { N_RULES = sizeof rules / sizeof rules[0] };

int config_rule_count(void) { return N_RULES; }
const ConfigRule *config_rule(int i) { return i >= 0 && i < N_RULES ? &rules[i] : NULL; }

/* The rules on the whole scenario in table order, then for each list of
 * groups (in schema order) the generic record checks and its own rules. */
void cfg_validate(LoadCtx *c)
{
    c->period_ok = 0;
    for (int k = 0; k < N_RULES; k++)
        if (!rules[k].records && rules[k].every != SK_RECORDS) rules[k].check(c, &rules[k], NULL);
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *e = schema_get(i);
        if (e->kind != SK_RECORDS || !usable(c, i)) continue;
        for (int k = 0; k < N_RULES; k++)
            if (rules[k].every == SK_RECORDS ||
                (rules[k].records && strcmp(rules[k].records, e->path) == 0))
                rules[k].check(c, &rules[k], e);
    }
}
