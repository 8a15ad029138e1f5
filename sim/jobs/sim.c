/* sim.c — runs one scenario year by year (DESIGN §§2–6): weather, available
 * power, load and limits are precomputed per year, then the hourly dispatch
 * loop runs, then the annual sums and the accounting; the finished year goes
 * to the sink. Invariant: the storage state and the coal fleet's last output
 * carry over from one year to the next, as they do in the real system. */
#include "sim.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accounting.h"
#include "bigmem.h"
#include "h2acct.h"
#include "annual.h"
#include "costs.h"
#include "dispatch.h"
#include "clpload.h"
#include "lpdispatch.h"
#include "rng.h"
#include "series.h"
#include "sha256.h"
#include "solarpos.h"
#include "tech.h"
#include "weather.h"
#include "weather_synth.h"
#include "wxfile.h"
#include "wxyear.h"

/* One buffer per hourly series (series.def), plus scratch space. */
typedef struct {
    double series[SER_COUNT][ECSIM_MAX_HOURS];
    double scratch[ECSIM_MAX_HOURS];
} Buffers;

/* Sun tables depend only on site and year: cached per run, keyed by both,
 * with the PV terms of the year that depend on the sun and the array
 * alone (pv.h), made when a year is first run with PV and kept while the
 * array's geometry stays. */
#define SUN_CACHE 8
typedef struct {
    Site site;
    int year;       /* 0 = empty */
    SunTable tab;
    PvSunYear *pv;  /* NULL until needed */
    int pv_ok;      /* pv holds this slot's year */
    int uses;       /* years run from this slot since it was built */
} SunSlot;

/* Weather from files: each file read and prepared once, kept while the
 * next scenario of the Run names the same files (same path, size and
 * modification time) with the same site, hub height and options. */
typedef struct {
    char path[PATH_MAX_LEN];
    long long size, mtime_s, mtime_ns;
} FileId;

typedef struct {
    int n_main;                          /* file, or files[] in order */
    FileId main[WEATHER_FILES_MAX], wind;
    int format, retime, wind_air;
    double hub_height_m;
    Site site;
} WxKey;

typedef struct {
    int valid;
    WxKey key;
    int n_src;
    WxSource *src[WEATHER_FILES_MAX];    /* distinct files */
    int src_of[WEATHER_FILES_MAX];       /* source of position i in key.main */
    char note[1024];
} WxCache;

/* The sun tables of a period's years not yet cached, built ahead on the
 * machine's cores (up to SUN_THREADS helpers and the run's own thread): a
 * table is ~32 M instructions, half of a plain run. The helpers take the
 * years in order; the run takes a year's table when it reaches it, building
 * it itself if no helper has started it, waiting if one has. Each table is
 * built by the same call as in sun_for, so its values do not depend on the
 * thread. */
#define SUN_THREADS 3
enum { SUN_FREE, SUN_BUILDING, SUN_DONE };
typedef struct {
    SunSlot *slot[SUN_CACHE];
    int n;
    const Site *site;
    atomic_int state[SUN_CACHE];
    pthread_mutex_t lock;        /* with done: a table finished */
    pthread_cond_t done;
    pthread_t tid[SUN_THREADS];
    int started;
    int active;                  /* between sun_batch_start and sun_batch_finish */
} SunBatch;

struct Run {
    const Scenario *scn;
    Calendar cal;
    WeatherYear wx;
    SynthTables synth;
    WeatherSpec synth_key;      /* the spec synth was built from (synth_valid) */
    int synth_valid;
    TechModels models;
    TechState tech_state;
    SunSlot sun[SUN_CACHE];
    WxCache wxc;
    SunTable file_sun;          /* the sun of the year from a weather file */
    int sun_next;
    const SunTable *sun_now;
    SunSlot *slot_now;          /* sun_now's cache slot; NULL for a weather file's year */
    Buffers *buf;
    YearInputs in;
    YearSeries out;
    YearFacts facts;
    DispatchLimits lim;
    DispatchState state;
    DispatchReport report;
    LpDispatch *lp;             /* strategy optimal: the solver's workspace, made on first use */
    double storage_energy_prev_mwh;
    int first_year_done;
    unsigned long member;       /* of the year sim_weather made: keys the outage streams */
    int inputs_zero;            /* the input series are still calloc's zeros (a fresh Run) */
    SunBatch sunb;              /* sun tables built ahead (sim_run) */
};

Run *run_new(void)
{
    /* megabytes each, touched at once: in 2 MB pages where there are (bigmem.h) */
    Run *run = bigmem_calloc(sizeof *run);
    if (!run) return NULL;
    run->buf = bigmem_calloc(sizeof *run->buf);
    if (!run->buf) { bigmem_free(run); return NULL; }
    run->inputs_zero = 1;
    for (int i = 0; i < SER_COUNT; i++) {
        if (series_get(i)->io == SIO_IN) run->in.v[i] = run->buf->series[i];
        else run->out.v[i] = run->buf->series[i];
    }
    return run;
}

static void wxcache_clear(WxCache *c)
{
    for (int i = 0; i < c->n_src; i++) free(c->src[i]);
    memset(c, 0, sizeof *c);
}

void run_free(Run *run)
{
    if (!run) return;
    wxcache_clear(&run->wxc);
    lpdispatch_free(run->lp);
    for (int i = 0; i < SUN_CACHE; i++) free(run->sun[i].pv);
    bigmem_free(run->buf);
    bigmem_free(run);
}

int sim_hours(const Run *run) { return run->cal.hours; }
const DispatchLimits *sim_limits(const Run *run) { return &run->lim; }
const YearInputs *sim_year_inputs(const Run *run) { return &run->in; }
DispatchState sim_state(const Run *run) { return run->state; }

static int same_site(const Site *a, const Site *b)
{
    return a->latitude_deg == b->latitude_deg && a->longitude_deg == b->longitude_deg
        && a->elevation_m == b->elevation_m && a->utc_offset_h == b->utc_offset_h;
}

static void sun_batch_need(SunBatch *b, const SunSlot *slot);

static SunSlot *sun_for(Run *run, const Site *site, int year)
{
    for (int i = 0; i < SUN_CACHE; i++)
        if (run->sun[i].year == year && same_site(&run->sun[i].site, site)) {
            if (run->sunb.active) sun_batch_need(&run->sunb, &run->sun[i]);
            return &run->sun[i];
        }
    SunSlot *slot = &run->sun[run->sun_next];
    run->sun_next = (run->sun_next + 1) % SUN_CACHE;
    slot->site = *site;
    slot->year = year;
    slot->pv_ok = 0;
    slot->uses = 0;
    suntable_build(&slot->tab, site, year);
    return slot;
}

static int sun_cached(const Run *run, const Site *site, int year)
{
    for (int i = 0; i < SUN_CACHE; i++)
        if (run->sun[i].year == year && same_site(&run->sun[i].site, site)) return 1;
    return 0;
}

/* Builds table i unless another thread has taken it; 1 if built here. */
static int sun_batch_take(SunBatch *b, int i)
{
    int expect = SUN_FREE;
    if (!atomic_compare_exchange_strong(&b->state[i], &expect, SUN_BUILDING)) return 0;
    suntable_build(&b->slot[i]->tab, b->site, b->slot[i]->year);
    pthread_mutex_lock(&b->lock);
    atomic_store(&b->state[i], SUN_DONE);
    pthread_cond_broadcast(&b->done);
    pthread_mutex_unlock(&b->lock);
    return 1;
}

static void *sun_batch_helper(void *arg)
{
    SunBatch *b = arg;
    for (int i = 0; i < b->n; i++) sun_batch_take(b, i);
    return NULL;
}

/* The table of slot, finished (built here or by a helper). */
static void sun_batch_need(SunBatch *b, const SunSlot *slot)
{
    for (int i = 0; i < b->n; i++) {
        if (b->slot[i] != slot) continue;
        if (sun_batch_take(b, i)) return;
        pthread_mutex_lock(&b->lock);
        while (atomic_load(&b->state[i]) != SUN_DONE) pthread_cond_wait(&b->done, &b->lock);
        pthread_mutex_unlock(&b->lock);
        return;
    }
}

/* Claims the slots of the period's years not cached and starts helpers
 * on them, leaving the first year to the run's own thread. */
static void sun_batch_start(Run *run, const Site *site, int first, int n_years)
{
    SunBatch *b = &run->sunb;
    b->n = 0;
    b->site = site;
    b->started = 0;
    if (n_years > SUN_CACHE) return;   /* sun_for builds them one by one */
    for (int y = first; y < first + n_years; y++) {
        if (sun_cached(run, site, y)) continue;
        /* the next slot in turn that holds no year of this period */
        SunSlot *slot;
        for (;;) {
            slot = &run->sun[run->sun_next];
            run->sun_next = (run->sun_next + 1) % SUN_CACHE;
            int keep = slot->year >= first && slot->year < first + n_years && same_site(&slot->site, site);
            if (!keep) break;
        }
        slot->site = *site;
        slot->year = y;
        slot->pv_ok = 0;
        slot->uses = 0;
        atomic_init(&b->state[b->n], SUN_FREE);
        b->slot[b->n++] = slot;
    }
    if (b->n == 0) return;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->done, NULL);
    b->active = 1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int helpers = (int)(cpus < 1 ? 1 : cpus > SUN_THREADS + 1 ? SUN_THREADS + 1 : cpus) - 1;
    if (helpers > b->n - 1) helpers = b->n - 1;
    while (b->started < helpers && pthread_create(&b->tid[b->started], NULL, sun_batch_helper, b) == 0)
        b->started++;
}

/* Every claimed table finished, the helpers joined (also when the run
 * stopped early: no slot is left half built). */
static void sun_batch_finish(Run *run)
{
    SunBatch *b = &run->sunb;
    if (!b->active) return;
    for (int i = 0; i < b->n; i++) sun_batch_take(b, i);
    for (int t = 0; t < b->started; t++) pthread_join(b->tid[t], NULL);
    pthread_cond_destroy(&b->done);
    pthread_mutex_destroy(&b->lock);
    b->active = 0;
    b->started = 0;
    b->n = 0;
}

/* The year's PV sun terms for the run's PV model, from the slot (made or
 * remade there when needed); NULL when there is no slot or no memory, and
 * the PV model then computes them itself, block by block (the same
 * values). A year run once (a single run) takes that path too: storing
 * the terms only pays when the year comes again (members, variants). */
static const PvSunYear *pv_sun_for(Run *run)
{
    SunSlot *slot = run->slot_now;
    if (!slot || slot->uses++ == 0) return NULL;
    if (!slot->pv && !(slot->pv = malloc(sizeof *slot->pv))) return NULL;
    if (!slot->pv_ok || !pv_sun_year_fits(slot->pv, &run->models.pv, slot->tab.hours)) {
        pv_sun_year_build(slot->pv, &run->models.pv, &slot->tab, slot->tab.hours);
        slot->pv_ok = 1;
    }
    return slot->pv;
}

static Status file_id(FileId *id, const char *path, const Scenario *s, const char *setting, Diag *d)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    snprintf(id->path, sizeof id->path, "%s", path);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(d, ST_IO, s->source_file, 0, setting, "cannot read the weather file \"%s\"", path);
        return ST_IO;
    }
    id->size = (long long)st.st_size;
    id->mtime_s = (long long)st.st_mtim.tv_sec;
    id->mtime_ns = (long long)st.st_mtim.tv_nsec;
    return ST_OK;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* "name (SHA-256 ..., N bytes)" appended to buf. */
static void note_file(char *buf, size_t size, const FileId *id)
{
    char hex[65] = "unknown";
    if (!sha256_file(id->path, hex)) snprintf(hex, sizeof hex, "unreadable");
    size_t o = strlen(buf);
    if (o < size)
        snprintf(buf + o, size - o, "`%s` (SHA-256 %.16s…, %lld bytes)", base_name(id->path), hex, id->size);
}

/* Reads and prepares the weather files of s into run->wxc unless the
 * cache already holds them. */
static Status weather_files(Run *run, const Scenario *s, Diag *d)
{
    const WeatherSpec *w = &s->weather;
    WxKey *key = calloc(1, sizeof *key);
    if (!key) return ST_NOMEM;
    Status st = ST_OK;
    key->n_main = w->n_files > 0 ? w->n_files : 1;
    for (int i = 0; i < key->n_main && st == ST_OK; i++)
        st = file_id(&key->main[i], w->n_files > 0 ? w->files[i] : w->file, s,
                     w->n_files > 0 ? "weather.files" : "weather.file", d);
    if (st == ST_OK && w->wind_file[0]) st = file_id(&key->wind, w->wind_file, s, "weather.wind_file", d);
    key->format = (int)w->format;
    key->retime = w->retime_to_site;
    key->wind_air = w->wind_air_from_wind_file;
    key->hub_height_m = s->wind.hub_height_m;
    key->site = s->site;
    if (st == ST_OK && run->wxc.valid && memcmp(key, &run->wxc.key, sizeof *key) == 0) {
        free(key);
        return ST_OK;
    }
    wxcache_clear(&run->wxc);
    WxCache *c = &run->wxc;
    WxFile *f = st == ST_OK ? wxfile_new() : NULL, *wind = NULL;
    if (st == ST_OK && !f) st = ST_NOMEM;
    if (st == ST_OK && w->wind_file[0]) {
        if (!(wind = wxfile_new())) st = ST_NOMEM;
        else st = wxfile_read(w->wind_file, (WxFormat)w->format == WXF_SRW ? WXF_SRW : WXF_AUTO, wind, d);
    }
    const WxYearOptions opt = { s->wind.hub_height_m, w->retime_to_site, w->wind_air_from_wind_file };
    for (int i = 0; i < key->n_main && st == ST_OK; i++) {
        int same = -1;
        for (int j = 0; j < i && same < 0; j++)
            if (strcmp(key->main[j].path, key->main[i].path) == 0) same = c->src_of[j];
        if (same >= 0) { c->src_of[i] = same; continue; }
        WxSource *src = malloc(sizeof *src);
        if (!src) { st = ST_NOMEM; break; }
        c->src[c->n_src] = src;
        c->src_of[i] = c->n_src++;
        st = wxfile_read(key->main[i].path, (WxFormat)w->format, f, d);
        if (st == ST_OK) st = wxyear_prepare(src, f, wind, &s->site, &opt, d);
    }
    if (st == ST_OK) {   /* the note: which files, which shift */
        const WxSource *s0 = c->src[0];
        char *n = c->note;
        size_t size = sizeof c->note;
        if (key->n_main == 1) note_file(n, size, &key->main[0]);
        else snprintf(n, size, "%d files, one per year, the first ", key->n_main), note_file(n, size, &key->main[0]);
        snprintf(n + strlen(n), size - strlen(n), ", shifted %+d h to the site's clock%s; wind at %g m from ",
                 s0->shift_h, w->retime_to_site ? "" : " (re-timing off)", s0->wind_height_m);
        if (wind) {
            note_file(n, size, &key->wind);
            snprintf(n + strlen(n), size - strlen(n), ", shifted %+d h", s0->wind_shift_h);
        } else {
            snprintf(n + strlen(n), size - strlen(n), "the same file");
        }
        c->key = *key;
        c->valid = 1;
    } else {
        wxcache_clear(c);
    }
    wxfile_free(f);
    wxfile_free(wind);
    free(key);
    return st;
}

Status sim_check_weather(const Scenario *s, Diag *d)
{
    if (s->weather.source != WEATHER_FILE) return ST_OK;
    Run *run = run_new();
    if (!run) return ST_NOMEM;
    Status st = weather_files(run, s, d);
    run_free(run);
    return st;
}

Status sim_fit_weather(const Scenario *s, WxFit *fit, char *note, size_t note_size, Diag *d)
{
    if (s->weather.source != WEATHER_FILE) {
        diag_error(d, ST_CONFIG_INVALID, s->source_file, 0, "weather.source", "no weather files to fit");
        return ST_CONFIG_INVALID;
    }
    Run *run = run_new();
    WeatherYear **wx = calloc(WEATHER_FILES_MAX, sizeof *wx);
    SunTable **sun = calloc(WEATHER_FILES_MAX, sizeof *sun);
    Status st = run && wx && sun ? weather_files(run, s, d) : ST_NOMEM;
    /* The fit's calendar: a common year (the files hold 365 days), the
     * first of the period or the year before it; its sun is the files'. */
    int year = s->first_year;
    if (calendar_is_leap(year)) year--;
    if (st == ST_OK) calendar_year_init(&run->cal, year);
    for (int i = 0; st == ST_OK && i < run->wxc.n_src; i++) {
        wx[i] = malloc(sizeof *wx[i]);
        sun[i] = malloc(sizeof *sun[i]);
        if (!wx[i] || !sun[i]) st = ST_NOMEM;
        else wxyear_fill(run->wxc.src[i], &run->cal, wx[i], sun[i]);
    }
    if (st == ST_OK)
        st = wxfit_run((const WeatherYear *const *)wx, (const SunTable *const *)sun, run->wxc.n_src, &s->site,
                       fit, d);
    if (st == ST_OK) snprintf(note, note_size, "%s", run->wxc.note);
    if (st == ST_NOMEM) diag_error(d, st, s->source_file, 0, "weather", "out of memory while fitting the weather files");
    for (int i = 0; i < WEATHER_FILES_MAX && wx && sun; i++) {
        free(wx[i]);
        free(sun[i]);
    }
    free(wx);
    free(sun);
    run_free(run);
    return st;
}

Status sim_prepare(Run *run, const Scenario *s, Diag *d)
{
    run->scn = s;
    run->first_year_done = 0;
    memset(&run->state, 0, sizeof run->state);
    run->storage_energy_prev_mwh = 0;
    lpdispatch_reset(run->lp);   /* a run's solves never start from another run's basis */
    if (s->weather.source == WEATHER_FILE) {
        Status st = weather_files(run, s, d);
        if (st != ST_OK) return st;
    }
    /* The tables depend on the weather spec alone: members and variants
     * that share it (an ensemble, a sweep of other settings) build them
     * once per Run. A bytewise comparison can only miss a match, never
     * make a false one. */
    if (!run->synth_valid || memcmp(&run->synth_key, &s->weather, sizeof s->weather) != 0) {
        run->synth_valid = 0;
        Status st = synth_tables_build(&run->synth, &s->weather);
        if (st != ST_OK) {
            diag_error(d, st, s->source_file, 0, "weather", "cannot build synthetic weather tables");
            return st;
        }
        memcpy(&run->synth_key, &s->weather, sizeof s->weather);
        run->synth_valid = 1;
    }
    /* Input series start each scenario at 0, so a technology without
     * capacity need not clear its series every year (a Run is reused).
     * A fresh Run's are zero already: not touching them spares a single
     * run the page faults of the series no technology writes. */
    if (!run->inputs_zero)
        for (int i = 0; i < SER_COUNT; i++)
            if (series_get(i)->io == SIO_IN) memset(run->buf->series[i], 0, sizeof run->buf->series[i]);
    run->inputs_zero = 0;
    return tech_prepare(&run->models, &run->tech_state, s, d);
}

Status sim_weather(Run *run, int year, unsigned long member)
{
    const Scenario *s = run->scn;
    run->member = member;
    calendar_year_init(&run->cal, year);
    if (s->weather.source == WEATHER_FILE) {   /* prepared by sim_prepare */
        int pos = run->wxc.key.n_main > 1 ? year - s->first_year : 0;
        if (pos < 0 || pos >= run->wxc.key.n_main) return ST_CONFIG_RANGE;
        wxyear_fill(run->wxc.src[run->wxc.src_of[pos]], &run->cal, &run->wx, &run->file_sun);
        run->sun_now = &run->file_sun;
        run->slot_now = NULL;
        return ST_OK;
    }
    run->slot_now = sun_for(run, &s->site, year);
    run->sun_now = &run->slot_now->tab;
    /* Streams are keyed by calendar year, not by position in the period:
     * variants with the same seed see the same weather in the same year
     * (common random numbers), so their differences are the policy's. */
    unsigned long base = (unsigned long)year * RNG_STREAMS_PER_YEAR;
    SynthStreams rs = { 0 };
    gsl_rng **slot[] = { &rs.wind, &rs.solar, &rs.temp, &rs.wind_slow, &rs.year };
    const int purpose[] = { RNG_PURPOSE_WIND, RNG_PURPOSE_SOLAR, RNG_PURPOSE_TEMPERATURE,
                            RNG_PURPOSE_WIND_SLOW, RNG_PURPOSE_YEAR };
    Status st = ST_OK;
    for (int i = 0; i < 5; i++)
        if (synth_stream_used(&s->weather, purpose[i])) {
            *slot[i] = rng_stream(s->seed, member, base + (unsigned long)purpose[i]);
            if (!*slot[i]) st = ST_NOMEM;
        }
    if (st == ST_OK)
        synth_weather_year(&run->synth, &s->weather, &s->site, &run->cal, run->sun_now, &rs, &run->wx);
    for (int i = 0; i < 5; i++)
        if (*slot[i]) gsl_rng_free(*slot[i]);
    run->wx.has_wind_dir = 0;   /* a Run may have held a file's year before */
    run->wx.has_hub_air = 0;
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
    const TechYear ty = { s, &run->cal, &run->wx, run->sun_now, pv_sun_for(run), &run->models, year,
                          s->commissioning == COMMISSION_MONTHLY, !run->first_year_done,
                          &run->tech_state, bufs, b->scratch, f, lim, s->seed, run->member };
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
    case STRATEGY_OPTIMAL:
        if (!clp_api()) return ST_NO_LP_SOLVER;   /* loaded here, at the first optimal year */
        if (!run->lp && !(run->lp = lpdispatch_new())) return ST_NOMEM;
        lim->lp = s->dispatch.lp;
        lim->lp_work = run->lp;
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
        run->state.h2_kg = s->electrolyser.initial_storage_frac * lim->h2_store_max_kg;
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

static Status sim_run_years(Run *run, const Scenario *s, unsigned long member, const Sink *sink,
                            RunResults *res, Diag *d);

Status sim_run(Run *run, const Scenario *s, unsigned long member, const Sink *sink,
               RunResults *res, Diag *d)
{
    /* The header and the rows (42 kB), not the target results (1.9 MB,
     * each written whole before it counts: targets_evaluate): clearing all
     * of res cost every member of an ensemble a 2 MB memset and a fresh
     * run ~470 page faults. */
    memset(res->rows, 0, sizeof res->rows);
    res->n_years = 0;
    res->n_targets = 0;
    res->n_failed = 0;
    res->weather_note[0] = '\0';
    int n_years = s->last_year - s->first_year + 1;
    if (n_years < 1 || n_years > SIM_MAX_YEARS) {
        diag_error(d, ST_CONFIG_RANGE, s->source_file, 0, "scenario.last_year",
                   "the period must hold 1 to %d years", SIM_MAX_YEARS);
        return ST_CONFIG_RANGE;
    }
    /* dispatch.yardstick: the optimum of the same years first, with this
     * Run's weather (its synthetic tables or files, already prepared, and
     * the same seed and member: the same hours), so that the sink's end
     * can set the rules against it. Off, a plain run pays one test. */
    RunResults *opt = NULL;
    res->optimal = NULL;
    if (s->dispatch.yardstick && s->dispatch.strategy != STRATEGY_OPTIMAL) {
        Scenario *o = malloc(sizeof *o);
        opt = malloc(sizeof *opt);
        if (!o || !opt) {
            free(o);
            free(opt);
            diag_error(d, ST_NOMEM, s->source_file, 0, "dispatch.yardstick", "out of memory");
            return ST_NOMEM;
        }
        *o = *s;
        o->dispatch.strategy = STRATEGY_OPTIMAL;
        o->dispatch.yardstick = 0;
        Status st = sim_run(run, o, member, NULL, opt, d);
        free(o);
        if (st != ST_OK) {
            diag_error(d, st, s->source_file, 0, "dispatch.yardstick",
                       "the optimal dispatch solved as the rules' yardstick failed (above)");
            free(opt);
            return st;
        }
        res->optimal = opt;
    }
    /* The sun tables build ahead while the run is prepared and runs. */
    if (s->weather.source != WEATHER_FILE) sun_batch_start(run, &s->site, s->first_year, n_years);
    Status st = sim_run_years(run, s, member, sink, res, d);
    sun_batch_finish(run);
    res->optimal = NULL;
    free(opt);
    return st;
}

static Status sim_run_years(Run *run, const Scenario *s, unsigned long member, const Sink *sink,
                            RunResults *res, Diag *d)
{
    const int n_years = s->last_year - s->first_year + 1;
    Status st = sim_prepare(run, s, d);
    if (st != ST_OK) return st;
    if (s->weather.source == WEATHER_FILE)
        snprintf(res->weather_note, sizeof res->weather_note, "%s", run->wxc.note);
    if (sink && sink->begin && (st = sink->begin(sink->ctx, s)) != ST_OK) return st;

    for (int i = 0; i < n_years; i++) {
        int year = s->first_year + i;
        if ((st = sim_weather(run, year, member)) != ST_OK) {
            diag_error(d, st, s->source_file, 0, NULL, "year %d: cannot make the year's weather", year);
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
            else if (st == ST_NO_LP_SOLVER)
                diag_error(d, st, s->source_file, 0, "dispatch.strategy", "year %d: %s: %s", year,
                           status_message(st), clp_load_error());
            else if (st == ST_LP_FAILED) {
                const LpFailure *f = lpdispatch_failure(run->lp);
                diag_error(d, st, s->source_file, 0, "dispatch.strategy",
                           "year %d, window %d (hours %d-%d of the year): %s: %s (Clp status %d after %d "
                           "iterations)", year, f->window, f->first_hour, f->first_hour + f->hours - 1,
                           status_message(st), f->what, f->clp_status, f->iterations);
            } else
                diag_error(d, st, s->source_file, 0, NULL, "year %d: %s while building the year's inputs",
                           year, status_message(st));
            return st;
        }
        facts_put(&run->facts, MET_coal_min_violation_hours, run->report.below_floor_hours);
        facts_put(&run->facts, MET_coal_started_mw, run->report.coal_started_mw);
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
        h2_acct_year(s, row);   /* methanol, trucks: after the county's own accounting */
        /* Coal conversion drawing more coal than the county mines: allowed
         * (coal comes in from the neighbouring counties), but said, once a
         * year; the balance books the difference as inflow. */
        if (row->conversion_coal_share_frac > 1.0 + 1e-9)
            diag_warn(d, s->source_file, 0, "coal_conversion.plants",
                      "year %d: the coal conversion plants take %.3f Mt of coal, more than the county's "
                      "output of %.3f Mt; the rest is taken as brought in", year, row->conversion_coal_t * 1e-6,
                      row->coal_output_mt);
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
