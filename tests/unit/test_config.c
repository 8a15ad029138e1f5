/* test_config.c — scenario files: defaults, every kind of setting, the
 * write/read round trip, each error class with its status, line and
 * setting path, and hostile input. Expected values are read off the
 * fixtures in data/config/ and the texts below, by hand. */
#include <CUnit/CUnit.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "schema.h"

/* Lines 1-3 of most texts below: the required settings. */
#define REQUIRED                                                     \
    "scenario = { first_year = 2020; last_year = 2025; };\n"         \
    "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"      \
    "economy = { gdp_base_yi_yuan = 100.0; };\n"

static const char *tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    return t && t[0] ? t : "/tmp";
}

/* Writes len bytes to a new temporary file; returns its malloc'd path. */
static char *write_temp(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(tmp_dir()) + strlen(prefix) + 16;
    char *path = malloc(n);
    if (!path) return NULL;
    snprintf(path, n, "%s/%sXXXXXX", tmp_dir(), prefix);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

static Status load_bytes(const char *text, size_t len, Scenario *s, Diag *d)
{
    diag_init(d);
    char *path = write_temp(text, len, "ecsim-cfg-");
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    Status st = config_load(path, s, d);
    unlink(path);
    free(path);
    return st;
}

static Status load_text(const char *text, Scenario *s, Diag *d)
{
    return load_bytes(text, strlen(text), s, d);
}

static Scenario *new_scenario(void)
{
    Scenario *s = malloc(sizeof *s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    return s;
}

/* The provenance register describes the files read (their comments and
 * lines), not the settings: equal scenarios from other files differ in it. */
static void drop_register(Scenario *a, Scenario *b)
{
    memset(&a->provenance, 0, sizeof a->provenance);
    memset(&b->provenance, 0, sizeof b->provenance);
}

/* ---- the table ---- */

static void schema_table(void)
{
    int n = schema_count(), records = 0;
    CU_ASSERT(n > 70);
    for (int i = 0; i < n; i++) {
        const SchemaEntry *e = schema_get(i);
        /* every group known, and a group's entries contiguous */
        char group[32];
        size_t gl = schema_group_len(e->path);
        CU_ASSERT_FATAL(gl < sizeof group);
        memcpy(group, e->path, gl);
        group[gl] = '\0';
        CU_ASSERT(schema_group_find(group) >= 0);
        if (i > 0 && strncmp(schema_get(i - 1)->path, e->path, gl + 1) != 0)
            for (int j = 0; j < i - 1; j++) CU_ASSERT(strncmp(schema_get(j)->path, e->path, gl + 1) != 0);
        for (int j = 0; j < i; j++) CU_ASSERT(strcmp(schema_get(j)->path, e->path) != 0);
        CU_ASSERT_PTR_EQUAL(schema_find(e->path), e);
        CU_ASSERT_PTR_NOT_NULL(e->doc);
        if (e->kind == SK_RECORDS) {
            records++;
            CU_ASSERT(e->n_fields <= 24);   /* config_impl.h REC_FIELDS */
        }
        if (e->kind == SK_VECTOR || e->kind == SK_CURVE) CU_ASSERT(e->size <= CURVE_MAX_POINTS);
    }
    CU_ASSERT(records <= 6);   /* config_impl.h REC_SLOTS: six record lists */
    CU_ASSERT_EQUAL(schema_group_count(), 23);   /* ... price, ... coal_conversion, ... electrolyser, methanol, h2_trucks, ... accounting, costs, targets ... */
    CU_ASSERT_STRING_EQUAL(schema_suggest("wind.capcity_mw"), "wind.capacity_mw");
    CU_ASSERT_STRING_EQUAL(schema_suggest("wind.tilt_deg"), "solar.tilt_deg");
    CU_ASSERT_PTR_NULL(schema_suggest("zzzz.qqqqqqqq"));
    CU_ASSERT_STRING_EQUAL(schema_group_suggest("solr"), "solar");
    CU_ASSERT_PTR_NULL(schema_find("export_line.mode"));   /* the group is "export" */
    CU_ASSERT_PTR_NOT_NULL(schema_find("export.mode"));
}

/* ---- defaults ---- */

static void defaults(void)
{
    Scenario *s = new_scenario();
    memset(s, 0xAB, sizeof *s);
    config_defaults(s);
    /* values from the schema table, read off by hand */
    CU_ASSERT_STRING_EQUAL(s->name, "scenario");
    CU_ASSERT_EQUAL(s->first_year, 2020);
    CU_ASSERT_EQUAL(s->last_year, 2025);
    CU_ASSERT_EQUAL(s->seed, 1UL);
    CU_ASSERT_EQUAL(s->commissioning, COMMISSION_YEAR_START);
    CU_ASSERT_DOUBLE_EQUAL(s->site.latitude_deg, 43.25, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->site.utc_offset_h, 8, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.wind_weibull_c_ms[3], 7.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.temp_mean_c[0], -11, 0);
    CU_ASSERT_EQUAL(s->wind.capacity_mw.n, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.hub_height_m, 100, 0);
    CU_ASSERT_EQUAL(s->wind.density_correction, 1);
    CU_ASSERT_EQUAL(s->wind.curve_n, 15);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_speed_ms[11], 13, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_frac[11], 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_speed_ms[15], 0, 0);   /* zero beyond curve_n */
    CU_ASSERT_EQUAL(s->solar.tracking, PV_FIXED);
    CU_ASSERT_DOUBLE_EQUAL(s->solar.dc_ac_ratio, 1.2, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->storage.soc_max_frac, 0.9, 0);
    CU_ASSERT_EQUAL(s->coal_mining.utilisation_frac.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_mining.utilisation_frac.value[0], 0.9, 0);
    CU_ASSERT_EQUAL(s->coal_power.n_units, 0);
    CU_ASSERT_EQUAL(s->export_line.mode, EXPORT_SURPLUS);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[23], 0.8, 0);
    CU_ASSERT_EQUAL(s->export_line.import_allowed, 1);
    CU_ASSERT_EQUAL(s->dispatch.strategy, STRATEGY_RENEWABLE_FIRST);
    CU_ASSERT_DOUBLE_EQUAL(s->economy.gdp_base_yi_yuan, 100, 0);
    CU_ASSERT_EQUAL(s->accounting.gce_per_kwh.n, 3);
    CU_ASSERT_EQUAL(s->accounting.gce_per_kwh.year[2], 2022);
    CU_ASSERT_DOUBLE_EQUAL(s->accounting.gce_per_kwh.value[0], 305.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->accounting.calorific_kgce_per_kwh, 0.1229, 0);
    CU_ASSERT_EQUAL(s->accounting.scope, SCOPE_PRODUCTION);
    CU_ASSERT_EQUAL(s->targets.n, 0);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 0);
    CU_ASSERT_EQUAL(s->source_file[0], '\0');
    free(s);
}

/* minimal.cfg sets only the required settings, to the example values. */
static void minimal_file(void)
{
    Scenario *s = new_scenario(), *ref = new_scenario();
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/minimal.cfg", s, &d), ST_OK);
    CU_ASSERT_EQUAL(d.n, 0);
    CU_ASSERT_STRING_EQUAL(s->name, "minimal");   /* the file name without .cfg */
    CU_ASSERT_STRING_EQUAL(s->source_file, "data/config/minimal.cfg");
    config_defaults(ref);
    memset(ref->name, 0, sizeof ref->name);
    strcpy(ref->name, "minimal");
    strcpy(ref->source_file, "data/config/minimal.cfg");
    drop_register(s, ref);
    CU_ASSERT(memcmp(s, ref, sizeof *s) == 0);
    free(s);
    free(ref);
}

/* full.cfg: every kind, in its accepted spellings; values read off the file. */
static void full_file(void)
{
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    Status st = config_load("data/config/full.cfg", s, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_STRING_EQUAL(s->name, "full-test");
    CU_ASSERT_STRING_EQUAL(s->description,
                           "Line one\n\"quoted\"\ttab \\ backslash, \xe4\xbc\x8a\xe5\x90\xbe\xe5\x8e\xbf");
    CU_ASSERT_EQUAL(s->first_year, 2020);   /* written 2020.0 */
    CU_ASSERT_EQUAL(s->last_year, 2025);
    CU_ASSERT_EQUAL(s->seed, 4000000000UL);
    CU_ASSERT_EQUAL(s->commissioning, COMMISSION_MONTHLY);
    CU_ASSERT_STRING_EQUAL(s->site.name, "\xe4\xbc\x8a\xe5\x90\xbe\xe5\x8e\xbf Yiwu");
    CU_ASSERT_DOUBLE_EQUAL(s->site.latitude_deg, 43, 0);   /* written 43 */
    CU_ASSERT_DOUBLE_EQUAL(s->site.elevation_m, 0, 0);
    CU_ASSERT(!signbit(s->site.elevation_m));              /* written -0.0 */
    CU_ASSERT_DOUBLE_EQUAL(s->weather.wind_ref_height_m, 70, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.wind_weibull_k[0], 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.wind_weibull_k[1], 2.1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.wind_weibull_c_ms[11], 5.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->weather.temp_mean_c[11], -10, 0);
    CU_ASSERT_EQUAL(s->wind.capacity_mw.n, 3);
    CU_ASSERT_EQUAL(s->wind.capacity_mw.year[1], 2023);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.capacity_mw.value[1], 1600, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.capacity_mw.value[2], 3200, 0);
    CU_ASSERT_EQUAL(s->wind.density_correction, 0);
    CU_ASSERT_EQUAL(s->wind.curve_n, 5);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_speed_ms[4], 25.1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_frac[2], 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_speed_ms[5], 0, 0);   /* default curve gone */
    CU_ASSERT_EQUAL(s->solar.capacity_mw.n, 2);
    CU_ASSERT_EQUAL(s->solar.capacity_mw.year[0], 2021);
    CU_ASSERT_DOUBLE_EQUAL(s->solar.capacity_mw.value[1], 800, 0);
    CU_ASSERT_EQUAL(s->solar.tracking, PV_SINGLE_AXIS_BACKTRACK);
    CU_ASSERT_EQUAL(s->solar.module_type, PV_MODULE_PREMIUM);
    CU_ASSERT_EQUAL(s->solar.roof_mount, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->storage.initial_soc_frac, 0.05, 0);
    CU_ASSERT_EQUAL(s->coal_mining.utilisation_frac.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_mining.utilisation_frac.value[0], 0.85, 0);
    CU_ASSERT_EQUAL(s->coal_power.n_units, 2);
    CU_ASSERT_STRING_EQUAL(s->coal_power.units[1].name, "Naomaohu 2");
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[1].capacity_mw, 660, 0);
    CU_ASSERT_EQUAL(s->coal_power.units[1].commission_year, 2022);   /* written 2022.0 */
    CU_ASSERT_EQUAL(s->coal_power.units[1].retire_year, 2045);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[1].heat_rate_gce_per_kwh, 295.5, 0);
    CU_ASSERT_EQUAL(s->coal_power.units[0].retire_year, 0);
    CU_ASSERT_EQUAL(s->export_line.capacity_mw.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.capacity_mw.value[0], 3000, 0);
    CU_ASSERT_EQUAL(s->export_line.mode, EXPORT_SCHEDULE);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[10], 1.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[23], 0.5, 0);
    CU_ASSERT_EQUAL(s->export_line.import_allowed, 0);
    CU_ASSERT_EQUAL(s->dispatch.strategy, STRATEGY_PEAK_SHAVING);
    CU_ASSERT_DOUBLE_EQUAL(s->economy.growth_frac.value[0], 0.149, 0);
    CU_ASSERT_EQUAL(s->accounting.method, CONV_CALORIFIC);
    CU_ASSERT_EQUAL(s->accounting.scope, SCOPE_NET_EXCHANGE);
    CU_ASSERT_EQUAL(s->accounting.grid_co2_kg_per_kwh.year[1], 2030);
    CU_ASSERT_EQUAL(s->targets.n, 4);
    CU_ASSERT_STRING_EQUAL(s->targets.t[0].label,
                           "\xe8\x83\xbd\xe6\xba\x90\xe7\xbb\xbc\xe5\x90\x88\xe7\x94\x9f\xe4\xba\xa7"
                           "\xe8\x83\xbd\xe5\x8a\x9b");   /* 能源综合生产能力 */
    CU_ASSERT_STRING_EQUAL(s->targets.t[0].metric, "energy_production_capacity_yi_tce");
    CU_ASSERT_EQUAL(s->targets.t[1].op, OP_RANGE);
    CU_ASSERT_DOUBLE_EQUAL(s->targets.t[1].upper, 60, 0);
    CU_ASSERT_EQUAL(s->targets.t[2].op, OP_REDUCTION);
    CU_ASSERT_EQUAL(s->targets.t[2].base_year, 2020);
    CU_ASSERT_EQUAL(s->targets.t[3].op, OP_LE);
    CU_ASSERT_EQUAL(s->targets.t[3].year, 0);
    CU_ASSERT_STRING_EQUAL(s->targets.t[3].label, "");
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 2);
    CU_ASSERT_EQUAL(s->output.hourly_years[0], 2025);
    CU_ASSERT_EQUAL(s->output.hourly_years[1], 2023);
    free(s);
}

/* Writes s, loads it back, and requires the same bytes (source_file aside). */
static void check_round_trip(const Scenario *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(config_write_resolved(s, f), ST_OK);
    fclose(f);
    Scenario *back = new_scenario(), *a = new_scenario();
    Diag d;
    Status st = load_bytes(buf, len, back, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL(st, ST_OK);
    *a = *s;
    memset(a->source_file, 0, sizeof a->source_file);
    memset(back->source_file, 0, sizeof back->source_file);
    drop_register(a, back);
    CU_ASSERT(memcmp(a, back, sizeof *a) == 0);
    free(buf);
    free(a);
    free(back);
}

static void round_trip(void)
{
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/full.cfg", s, &d), ST_OK);
    check_round_trip(s);
    config_defaults(s);
    check_round_trip(s);
    /* awkward doubles and a seed at the top of its range */
    s->seed = 4294967295UL;
    s->site.latitude_deg = 0.1 + 0.2;   /* 0.30000000000000004 */
    s->storage.self_discharge_per_h_frac = 1.0 / 3.0 * 1e-4;
    s->solar.azimuth_deg = 359.99999999999994;
    check_round_trip(s);
    free(s);
}

/* The committed reference config is what schema_write_reference writes
 * now, and it loads to the defaults. */
static void reference_config(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    schema_write_reference(f);
    fclose(f);
    FILE *g = fopen("../configs/reference.cfg", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    char *file = malloc(len + 2);
    size_t got = fread(file, 1, len + 1, g);
    fclose(g);
    CU_ASSERT_EQUAL(got, len);   /* regenerate with schema_write_reference if this fails */
    CU_ASSERT(got == len && memcmp(file, buf, len) == 0);
    free(file);
    free(buf);

    Scenario *s = new_scenario(), *ref = new_scenario();
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("../configs/reference.cfg", s, &d), ST_OK);
    config_defaults(ref);
    strcpy(ref->source_file, "../configs/reference.cfg");
    drop_register(s, ref);
    CU_ASSERT(memcmp(s, ref, sizeof *s) == 0);
    free(s);
    free(ref);
}

/* ---- errors: one per text, with status, line, setting, message, suggestion ---- */

typedef struct {
    const char *text;     /* after the three REQUIRED lines: line 4 is its first line */
    Status status;
    int line;
    const char *setting;
    const char *message;  /* substring */
    const char *suggestion;
} ErrorCase;

static const ErrorCase error_cases[] = {
    { "wind = {\n  capcity_mw = 5.0;\n};\n", ST_CONFIG_UNKNOWN, 5, "wind.capcity_mw",
      "unknown setting", "wind.capacity_mw" },
    { "wnd = { hub_height_m = 90.0; };\n", ST_CONFIG_UNKNOWN, 4, "wnd", "unknown group", "wind" },
    { "hub_height_m = 90.0;\n", ST_CONFIG_UNKNOWN, 4, "hub_height_m", "unknown setting",
      "wind.hub_height_m" },
    { "wind = { tilt_deg = 30.0; };\n", ST_CONFIG_UNKNOWN, 4, "wind.tilt_deg", "unknown setting",
      "solar.tilt_deg" },
    { "coal_power = { units = ( { name = \"G1\"; capacity_mw = 660.0; commission_year = 2024;\n"
      "  capacty_mw = 1.0; } ); };\n",
      ST_CONFIG_UNKNOWN, 5, "coal_power.units[0].capacty_mw", "unknown setting", "capacity_mw" },
    { "wind = { hub_height_m = \"high\"; };\n", ST_CONFIG_TYPE, 4, "wind.hub_height_m",
      "expected a number, got a string", NULL },
    { "wind = { density_correction = 1; };\n", ST_CONFIG_TYPE, 4, "wind.density_correction",
      "expected true or false, got an integer", NULL },
    { "coal_power = { units = ( { name = \"G1\"; capacity_mw = 660.0; commission_year = 2024.5; } ); };\n",
      ST_CONFIG_TYPE, 4, "coal_power.units[0].commission_year", "expected an integer, got 2024.5", NULL },
    { "dispatch = 5;\n", ST_CONFIG_TYPE, 4, "dispatch", "expected a group { ... }, got an integer", NULL },
    { "wind = { capacity_mw = true; };\n", ST_CONFIG_TYPE, 4, "wind.capacity_mw",
      "expected a number, text with a unit or a list of (year, value) pairs, got a boolean", NULL },
    { "dispatch = { peak_percentile = \"90 %\"; };\n", ST_CONFIG_TYPE, 4, "dispatch.peak_percentile",
      "expected a number, got a string", NULL },   /* a percentile, not a quantity */
    /* quantity strings: wrong dimension, unknown unit, garbage, range */
    { "wind = { capacity_mw = \"lots\"; };\n", ST_CONFIG_TYPE, 4, "wind.capacity_mw",
      "\"lots\" is not a number with a unit (such as \"320万千瓦\")", NULL },
    { "wind = { losses_frac = true; };\n", ST_CONFIG_TYPE, 4, "wind.losses_frac",
      "expected a number or text with a unit such as \"85 %\", got a boolean", NULL },
    { "coal_mining = { capacity_mt = \"3.2 GW\"; };\n", ST_CONFIG_INVALID, 4, "coal_mining.capacity_mt",
      "\"3.2 GW\" is a power, but a mass in Mt is expected (units: t, kt, Mt, t/a, kt/a, Mt/a, 吨, 万吨",
      NULL },
    { "wind = { capacity_mw = ( (2020, 0.0),\n (2025, \"3200 Mw\") ); };\n", ST_CONFIG_INVALID, 5,
      "wind.capacity_mw[1]", "unknown unit \"Mw\" in \"3200 Mw\"; a power in MW is written with: kW, MW",
      "MW" },
    { "coal_mining = { calorific_kcal_per_kg = \"5500 kcal/t\"; };\n", ST_CONFIG_INVALID, 4,
      "coal_mining.calorific_kcal_per_kg", "unknown unit \"kcal/t\"", "kcal/kg" },
    { "coal_power = { units = ( { name = \"G1\"; capacity_mw = \"66万吨\"; commission_year = 2024; } ); };\n",
      ST_CONFIG_INVALID, 4, "coal_power.units[0].capacity_mw", "is a mass, but a power in MW is expected",
      NULL },
    { "storage = { duration_h = \"200 h\"; };\n", ST_CONFIG_RANGE, 4, "storage.duration_h",
      "\"200 h\" is 200 h, above the maximum 168", NULL },
    { "wind = { losses_frac = \"95 %\"; };\n", ST_CONFIG_RANGE, 4, "wind.losses_frac",
      "\"95 %\" is 0.95, above the maximum 0.9", NULL },
    { "load = { annual_gwh = \"nan GWh\"; };\n", ST_CONFIG_RANGE, 4, "load.annual_gwh",
      "\"nan GWh\" is not a finite number", NULL },
    { "load = { annual_gwh = \"1500\"; };\n", ST_CONFIG_INVALID, 4, "load.annual_gwh",
      "\"1500\" has no unit: write a plain number (not a string) for an energy in GWh", NULL },
    { "inherits = 5;\n", ST_CONFIG_TYPE, 4, "inherits",
      "expected a string, the path of the base scenario, got an integer", NULL },
    { "inherits = \"\";\n", ST_CONFIG_INVALID, 4, "inherits", "must not be empty", NULL },
    { "wind = { inherits = \"x.cfg\"; };\n", ST_CONFIG_UNKNOWN, 4, "wind.inherits",
      "write inherits at the top level", NULL },
    { "load = { annual_gwh = ( (2020, 1.0),\n (2021.5, 2.0) ); };\n", ST_CONFIG_TYPE, 5,
      "load.annual_gwh[1]", "expected an integer, got 2021.5", NULL },
    { "export = { schedule_frac = 0.5; };\n", ST_CONFIG_TYPE, 4, "export.schedule_frac",
      "expected an array of numbers, got a number", NULL },
    { "export = { mode = 1; };\n", ST_CONFIG_TYPE, 4, "export.mode", "expected a string, got an integer",
      NULL },
    { "wind = { losses_frac = -5; };\n", ST_CONFIG_RANGE, 4, "wind.losses_frac",
      "-5 is below the minimum 0", NULL },
    { "solar = { gcr = 1.5; };\n", ST_CONFIG_RANGE, 4, "solar.gcr", "1.5 is above the maximum 0.99", NULL },
    { "wind = { capacity_mw = ( (1800, 1.0) ); };\n", ST_CONFIG_RANGE, 4, "wind.capacity_mw[0]",
      "1800 is below the minimum 1900", NULL },
    { "wind = { hub_height_m = 1e999; };\n", ST_CONFIG_RANGE, 4, "wind.hub_height_m",
      "inf is not a finite number", NULL },
    { "weather = { kt_mean = [0.5, 0.5]; };\n", ST_CONFIG_RANGE, 4, "weather.kt_mean",
      "has 2 values; exactly 12 are required", NULL },
    { "targets = { list = ( { id = \"r\"; metric = \"co2_mt\"; op = \"reduction\"; threshold = 1.5; } ); };\n",
      ST_CONFIG_RANGE, 4, "targets.list[0].threshold", "a reduction of 1.5 is more than the whole", NULL },
    { "wind = { hub_height_m = 4294967396; };\n", ST_CONFIG_RANGE, 4, "",
      "integer 4294967396 is too large", NULL },
    { "solar = { tracking = \"single-axis\"; };\n", ST_CONFIG_INVALID, 4, "solar.tracking",
      "unknown value \"single-axis\"", "single_axis" },
    { "accounting = { scope = \"net_exchange\"; };\n", ST_CONFIG_INVALID, 4, "accounting.scope",
      "unknown value", "net-exchange" },
    { "targets = { list = ( { id = \"w\"; metric = \"wind_capcity_mw\"; op = \">=\"; threshold = 1.0; } ); };\n",
      ST_CONFIG_INVALID, 4, "targets.list[0].metric", "unknown metric \"wind_capcity_mw\"",
      "wind_capacity_mw" },
    { "wind = { capacity_mw = ( (2023, 1.0),\n (2021, 2.0) ); };\n", ST_CONFIG_INVALID, 5,
      "wind.capacity_mw[1]", "year 2021 does not follow 2023", NULL },
    { "wind = { power_curve_speed_ms = [0.0, 5.0, 4.0]; power_curve_frac = [0.0, 1.0, 1.0]; };\n",
      ST_CONFIG_INVALID, 4, "wind.power_curve_speed_ms[2]", "4 does not exceed the previous 5", NULL },
    { "wind = {\n power_curve_speed_ms = [0.0, 5.0, 9.0];\n power_curve_frac = [0.0, 1.0];\n};\n",
      ST_CONFIG_INVALID, 6, "wind.power_curve_frac", "has 2 values but wind.power_curve_speed_ms has 3",
      NULL },
    { "wind = {\n power_curve_speed_ms = [0.0, 5.0];\n};\n", ST_CONFIG_MISSING, 5, "wind.power_curve_frac",
      "required together with wind.power_curve_speed_ms", NULL },
    { "wind = { power_curve_speed_ms = [0.0, 5.0]; power_curve_frac = [0.0, 0.0]; };\n", ST_CONFIG_INVALID,
      4, "wind.power_curve_frac", "no value is above 0", NULL },
    { "storage = {\n soc_min_frac = 0.9;\n soc_max_frac = 0.8;\n};\n", ST_CONFIG_INVALID, 5,
      "storage.soc_min_frac", "soc_min_frac 0.9 is not below soc_max_frac 0.8", NULL },
    { "storage = { initial_soc_frac = 0.95; };\n", ST_CONFIG_INVALID, 4, "storage.initial_soc_frac",
      "outside the SOC window 0.1 .. 0.9", NULL },
    { "output = { hourly_years = [2019, 2021]; };\n", ST_CONFIG_INVALID, 4, "output.hourly_years[0]",
      "year 2019 is outside the period 2020..2025", NULL },
    { "output = { hourly_years = [2021, 2021]; };\n", ST_CONFIG_INVALID, 4, "output.hourly_years[1]",
      "year 2021 is listed twice", NULL },
    { "output = { hourly_years = \"al\"; };\n", ST_CONFIG_INVALID, 4, "output.hourly_years",
      "unknown value \"al\"", "all" },
    { "coal_power = { units = ( { name = \"G1\"; capacity_mw = 660.0; commission_year = 2024;\n"
      " retire_year = 2024; } ); };\n",
      ST_CONFIG_INVALID, 5, "coal_power.units[0].retire_year",
      "retire_year 2024 is not after commission_year 2024", NULL },
    { "coal_power = { units = (\n { name = \"G1\"; capacity_mw = 660.0; commission_year = 2024; },\n"
      " { name = \"G1\"; capacity_mw = 350.0; commission_year = 2022; } ); };\n",
      ST_CONFIG_INVALID, 6, "coal_power.units[1].name", "\"G1\" is already used by coal_power.units[0]",
      NULL },
    { "coal_power = { units = (\n { name = \"G1\"; commission_year = 2024; } ); };\n", ST_CONFIG_MISSING,
      5, "coal_power.units[0].capacity_mw", "required setting is missing", NULL },
    { "targets = { list = ( { id = \"c\"; metric = \"coal_capacity_mt\"; op = \"range\"; threshold = 45.0; } ); };\n",
      ST_CONFIG_MISSING, 4, "targets.list[0].upper", "required when op is \"range\"", NULL },
    { "targets = { list = ( { id = \"c\"; metric = \"coal_capacity_mt\"; op = \"range\"; threshold = 45.0;\n"
      " upper = 40.0; } ); };\n",
      ST_CONFIG_INVALID, 5, "targets.list[0].upper", "upper 40 is below threshold 45", NULL },
    { "targets = { list = ( { id = \"w\"; metric = \"wind_capacity_mw\"; op = \">=\"; threshold = 1.0;\n"
      " year = 2030; } ); };\n",
      ST_CONFIG_INVALID, 5, "targets.list[0].year", "year 2030 is outside the period 2020..2025", NULL },
    { "targets = { list = ( { id = \"e\"; metric = \"co2_mt\"; op = \"reduction\"; threshold = 0.1;\n"
      " year = 2022;\n base_year = 2023; } ); };\n",
      ST_CONFIG_INVALID, 6, "targets.list[0].base_year", "year 2022 is not after the base year 2023", NULL },
    { "targets = { list = ( { id = \"a b\"; metric = \"co2_mt\"; op = \"<=\"; threshold = 1.0; } ); };\n",
      ST_CONFIG_INVALID, 4, "targets.list[0].id", "may contain only letters", NULL },
    { "coal_mining = { calorific_kcal_per_kg = 500.0; };\n", ST_CONFIG_INVALID, 4,
      "coal_mining.calorific_kcal_per_kg", "500 kcal/kg is not coal", NULL },
    { "wind = { hub_height_m = 90.0; hub_height_m = 100.0; };\n", ST_CONFIG_SYNTAX, 4, "",
      "duplicate setting name", NULL },
    { "wind = { hub_height_m = 90.0;\n", ST_CONFIG_SYNTAX, 5, "", "syntax error", NULL },   /* at the end */
    { "wind = { hub_height_m = nan; };\n", ST_CONFIG_SYNTAX, 4, "", "syntax error", NULL },
    { "@include \"other.cfg\"\n", ST_CONFIG_SYNTAX, 4, "", "@include are not supported", NULL },
    /* a missing quote: libconfig would read on into the next lines */
    { "site2 = { name = \"Yiwu;\n  x = \"y\"; };\n", ST_CONFIG_SYNTAX, 4, "", "string not closed on this line",
      NULL },
    { "site2 = \"a\" \"b", ST_CONFIG_SYNTAX, 4, "", "string not closed on this line", NULL },
};

static void error_classes(void)
{
    Scenario *s = new_scenario();
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const ErrorCase *c = &error_cases[i];
        char text[1024];
        Diag d;
        snprintf(text, sizeof text, "%s%s", REQUIRED, c->text);
        Status st = load_text(text, s, &d);
        int ok = st == c->status && d.n_errors == 1 && d.n == 1 && d.e[0].line == c->line &&
                 strcmp(d.e[0].setting, c->setting) == 0 && strstr(d.e[0].message, c->message) &&
                 strcmp(d.e[0].suggestion, c->suggestion ? c->suggestion : "") == 0 &&
                 strstr(d.e[0].file, "ecsim-cfg-");
        if (!ok) {   /* say which case, and what came out */
            fprintf(stderr, "\nerror case %zu: status %d (want %d)\n", i, st, c->status);
            diag_print(&d, stderr);
        }
        CU_ASSERT(ok);
    }
    free(s);
}

static void missing_required(void)
{
    Scenario *s = new_scenario();
    Diag d;
    Status st = load_text("scenario = { first_year = 2020; last_year = 2025; };\n"
                          "site = {\n"
                          "  longitude_deg = 94.7;\n"
                          "};\n",
                          s, &d);
    CU_ASSERT_EQUAL(st, ST_CONFIG_MISSING);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "site.latitude_deg");
    CU_ASSERT_EQUAL(d.e[0].line, 2);   /* the group's line */
    CU_ASSERT_STRING_EQUAL(d.e[1].setting, "economy.gdp_base_yi_yuan");
    CU_ASSERT_EQUAL(d.e[1].line, 0);   /* no economy group at all */
    CU_ASSERT_STRING_EQUAL(d.e[1].message, "required setting is missing");
    free(s);
}

static void period_rules(void)
{
    Scenario *s = new_scenario();
    Diag d;
    Status st = load_text("scenario = { first_year = 2025;\n last_year = 2020; };\n"
                          "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
                          "economy = { gdp_base_yi_yuan = 100.0; };\n",
                          s, &d);
    CU_ASSERT_EQUAL(st, ST_CONFIG_INVALID);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(d.e[0].line, 2);
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "scenario.last_year");
    CU_ASSERT_STRING_EQUAL(d.e[0].message, "last_year 2020 is before first_year 2025");
    /* 2020..2070 is 51 years: one too many */
    st = load_text("scenario = { first_year = 2020; last_year = 2070; };\n"
                   "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
                   "economy = { gdp_base_yi_yuan = 100.0; };\n",
                   s, &d);
    CU_ASSERT_EQUAL(st, ST_CONFIG_INVALID);
    CU_ASSERT(d.n == 1 && strstr(d.e[0].message, "too long"));
    /* 2020..2069 is the longest allowed; "all" lists its 50 years */
    st = load_text("scenario = { first_year = 2020; last_year = 2069; };\n"
                   "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
                   "economy = { gdp_base_yi_yuan = 100.0; };\n"
                   "output = { hourly_years = \"all\"; };\n",
                   s, &d);
    CU_ASSERT_EQUAL(st, ST_OK);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 50);
    CU_ASSERT_EQUAL(s->output.hourly_years[0], 2020);
    CU_ASSERT_EQUAL(s->output.hourly_years[49], 2069);
    st = load_text(REQUIRED "output = { hourly_years = \"none\"; };\n", s, &d);
    CU_ASSERT_EQUAL(st, ST_OK);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 0);
    free(s);
}

/* Every error is reported, in one pass; 50 are kept. */
static void collect_and_cap(void)
{
    Scenario *s = new_scenario();
    Diag d;
    Status st = load_text(REQUIRED
                          "wind = { losses_frac = -1.0; hub_height_m = \"x\"; capcity_mw = 1.0; };\n"
                          "solar = { tracking = \"x\"; };\n"
                          "storage = { soc_min_frac = 0.95; };\n",
                          s, &d);
    CU_ASSERT_EQUAL(st, ST_CONFIG_RANGE);   /* the first one */
    CU_ASSERT_EQUAL(d.n_errors, 5);
    CU_ASSERT_STRING_EQUAL(d.e[4].setting, "storage.soc_min_frac");

    size_t cap = 70000, o = 0;
    char *text = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    o += (size_t)snprintf(text + o, cap - o, "%swind = {\n", REQUIRED);
    for (int i = 0; i < 60; i++) o += (size_t)snprintf(text + o, cap - o, "  x%d = 1;\n", i);
    snprintf(text + o, cap - o, "};\n");
    memset(s, 0x5A, sizeof *s);
    st = load_text(text, s, &d);
    CU_ASSERT_EQUAL(st, ST_CONFIG_UNKNOWN);
    CU_ASSERT_EQUAL(d.n_errors, 60);
    CU_ASSERT_EQUAL(d.n, DIAG_MAX);
    CU_ASSERT_EQUAL(d.e[0].line, 5);
    CU_ASSERT_STRING_EQUAL(d.e[49].setting, "wind.x49");
    CU_ASSERT_EQUAL(d.e[49].line, 54);
    /* nothing else happens: *s is untouched on error */
    unsigned char *p = (unsigned char *)s;
    size_t untouched = 0;
    for (size_t i = 0; i < sizeof *s; i++) untouched += p[i] == 0x5A;
    CU_ASSERT_EQUAL(untouched, sizeof *s);
    free(text);
    free(s);
}

static void io_errors(void)
{
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load("data/config/no-such-file.cfg", s, &d), ST_IO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.e[0].file, "data/config/no-such-file.cfg");
    CU_ASSERT_EQUAL(d.e[0].line, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "cannot read file"));
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load("data/config", s, &d), ST_IO);
    CU_ASSERT(d.n == 1 && strstr(d.e[0].message, "directory"));
    /* a FIFO is refused before opening it, which would block */
    char path[512];
    snprintf(path, sizeof path, "%s/ecsim-fifo-%ld", tmp_dir(), (long)getpid());
    if (mkfifo(path, 0600) == 0) {
        diag_init(&d);
        CU_ASSERT_EQUAL(config_load(path, s, &d), ST_IO);
        CU_ASSERT(d.n == 1 && strstr(d.e[0].message, "not a regular file"));
        unlink(path);
    }
    /* a path longer than Scenario.source_file holds */
    char longpath[PATH_MAX_LEN + 10];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(longpath, s, &d), ST_IO);
    free(s);
}

/* The name comes from the file unless set; a file name that cannot name
 * an output directory is an error only then. */
static void name_from_file(void)
{
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    char *path = write_temp(REQUIRED, strlen(REQUIRED), ".ecsim-hidden-");
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    CU_ASSERT_EQUAL(config_load(path, s, &d), ST_CONFIG_INVALID);
    CU_ASSERT(d.n == 1 && strcmp(d.e[0].setting, "scenario.name") == 0 &&
              strstr(d.e[0].message, "must not start with '.'"));
    unlink(path);
    free(path);
    const char *named = "scenario = { name = \"ok\"; first_year = 2020; last_year = 2025; };\n"
                        "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
                        "economy = { gdp_base_yi_yuan = 100.0; };\n";
    path = write_temp(named, strlen(named), ".ecsim-hidden-");
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(path, s, &d), ST_OK);
    CU_ASSERT_STRING_EQUAL(s->name, "ok");
    unlink(path);
    free(path);
    CU_ASSERT_EQUAL(load_text("scenario = { name = \"a/b\"; first_year = 2020; last_year = 2025; };\n"
                              "site = { latitude_deg = 43.25; longitude_deg = 94.7; };\n"
                              "economy = { gdp_base_yi_yuan = 100.0; };\n",
                              s, &d),
                    ST_CONFIG_INVALID);
    CU_ASSERT(d.n == 1 && strstr(d.e[0].message, "must not contain '/'"));
    free(s);
}

/* ---- hostile input ---- */

/* REQUIRED, then head, n copies of unit, then tail. */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t len = strlen(REQUIRED) + strlen(head) + strlen(unit) * n + strlen(tail) + 1;
    char *t = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    char *p = t;
    p += sprintf(p, "%s%s", REQUIRED, head);
    for (size_t i = 0; i < n; i++) p += sprintf(p, "%s", unit);
    strcpy(p, tail);
    return t;
}

static void check_one(const char *text, Status st, const char *setting, const char *message)
{
    Scenario *s = new_scenario();
    Diag d;
    Status got = load_text(text, s, &d);
    CU_ASSERT_EQUAL(got, st);
    CU_ASSERT(d.n >= 1);
    if (d.n >= 1) {
        CU_ASSERT_STRING_EQUAL(d.e[0].setting, setting);
        CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, message));
        if (!strstr(d.e[0].message, message)) diag_print(&d, stderr);
    }
    free(s);
}

static void hostile_sizes(void)
{
    /* more points than the fixed arrays hold: a clear error, no overflow */
    char *t = repeat("wind = { capacity_mw = (", "(2020, 1.0),", 40, "(2099, 1.0) ); };\n");
    check_one(t, ST_CONFIG_RANGE, "wind.capacity_mw", "has 41 points; at most 32 are allowed");
    free(t);
    t = repeat("wind = { power_curve_speed_ms = [", "1.0,", 300, "1.0]; };\n");
    check_one(t, ST_CONFIG_RANGE, "wind.power_curve_speed_ms", "has 301 values; 2 to 256 are allowed");
    free(t);
    t = repeat("coal_power = { units = (",
               "{ name = \"u\"; capacity_mw = 1.0; commission_year = 2020; },", 40, "5 ); };\n");
    check_one(t, ST_CONFIG_RANGE, "coal_power.units", "has 41 entries; at most 32 are allowed");
    free(t);
    t = repeat("targets = { list = (", "5,", 70, "5 ); };\n");
    check_one(t, ST_CONFIG_RANGE, "targets.list", "has 71 entries; at most 64 are allowed");
    free(t);
    t = repeat("output = { hourly_years = [", "2020,", 70, "2021]; };\n");
    check_one(t, ST_CONFIG_RANGE, "output.hourly_years", "has 71 years; at most 64 are allowed");
    free(t);
    /* very long strings are rejected, not truncated */
    t = repeat("coal_power = { units = ( { name = \"", "x", 64,
               "\"; capacity_mw = 1.0; commission_year = 2020; } ); };\n");
    check_one(t, ST_CONFIG_RANGE, "coal_power.units[0].name",
              "text of 64 bytes is longer than the maximum 63");
    free(t);
    t = repeat("targets = { list = ( { id = \"i\"; metric = \"co2_mt\"; op = \">=\"; threshold = 1.0; label = \"",
               "\xe4\xbc\x8a", 300000, "\"; } ); };\n");   /* 900 kB */
    check_one(t, ST_CONFIG_RANGE, "targets.list[0].label",
              "text of 900000 bytes is longer than the maximum 127");
    free(t);
    /* files beyond 1 MiB are refused before parsing */
    t = repeat("wind = { power_curve_speed_ms = [", "1.0,", 300000, "1.0]; };\n");
    check_one(t, ST_IO, "", "larger than 1 MiB");
    free(t);
}

static void hostile_nesting(void)
{
    /* nesting libconfig's parser refuses */
    char *t = repeat("wind = { capacity_mw = ", "(", 20000, "");
    size_t len = strlen(t);
    char *u = realloc(t, len + 20000 + 16);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    memset(u + len, ')', 20000);
    strcpy(u + len + 20000, "; };\n");
    check_one(u, ST_CONFIG_SYNTAX, "", "memory exhausted");
    free(u);
    /* nesting it accepts: a type error, and no recursion here */
    t = repeat("wind = { capacity_mw = ", "(", 2000, "");
    len = strlen(t);
    u = realloc(t, len + 2000 + 16);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    memset(u + len, ')', 2000);
    strcpy(u + len + 2000, "; };\n");
    check_one(u, ST_CONFIG_TYPE, "wind.capacity_mw[0]", "expected a (year, value) pair");
    free(u);
    /* libconfig checks names for duplicates one by one (quadratic): more
     * than 5000 settings are refused before parsing */
    t = repeat("wind = {\n", " a = 1;\n b : 2;\n", 2500, "};\n");
    check_one(t, ST_CONFIG_RANGE, "", "more than 5000 settings");
    free(t);
    /* 4000 unknown settings with long names: fast, as suggestions are
     * computed only for the entries kept */
    size_t cap = 4000 * 160 + 1024, o = 0;
    t = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    o += (size_t)snprintf(t + o, cap - o, "%swind = {\n", REQUIRED);
    for (int i = 0; i < 4000; i++)
        o += (size_t)snprintf(t + o, cap - o,
                              "  unknown_setting_number_%05d_with_a_long_name_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx = 1;\n", i);
    snprintf(t + o, cap - o, "};\n");
    Scenario *s = new_scenario();
    Diag d;
    CU_ASSERT_EQUAL(load_text(t, s, &d), ST_CONFIG_UNKNOWN);
    CU_ASSERT_EQUAL(d.n_errors, 4000);
    CU_ASSERT_EQUAL(d.n, DIAG_MAX);
    free(t);
    free(s);
}

static void hostile_bytes(void)
{
    Scenario *s = new_scenario();
    Diag d;
    /* invalid UTF-8: a stray continuation byte, an overlong '/', a surrogate */
    const char *bad_utf8[] = { "\xff\xfe", "a\xc0\xaf", "\xed\xa0\x80" };
    for (int i = 0; i < 3; i++) {
        char text[512];
        snprintf(text, sizeof text, "%sload = { industrial_share_frac = 0.5; };\n"
                 "dispatch = { strategy = \"%s\"; };\n", REQUIRED, bad_utf8[i]);
        CU_ASSERT_EQUAL(load_text(text, s, &d), ST_CONFIG_INVALID);
        /* the message shows '?' for the bad bytes, never the bytes themselves */
        CU_ASSERT(d.n == 1 && strchr(d.e[0].message, '?') && !strchr(d.e[0].message, '\xff'));
    }
    check_one(REQUIRED "coal_power = { units = ( { name = \"\xff\"; capacity_mw = 1.0; commission_year = 2020; } ); };\n",
              ST_CONFIG_INVALID, "coal_power.units[0].name", "is not valid UTF-8");
    /* a control character through an escape; shown as '?' */
    check_one(REQUIRED "coal_power = { units = ( { name = \"a\\x01b\"; capacity_mw = 1.0; commission_year = 2020; } ); };\n",
              ST_CONFIG_INVALID, "coal_power.units[0].name", "\"a?b\" contains a control character");
    /* four-byte UTF-8 is fine */
    CU_ASSERT_EQUAL(load_text(REQUIRED "coal_power = { units = ( { name = \"\xf0\x9d\x84\x9e\"; "
                              "capacity_mw = 1.0; commission_year = 2020; } ); };\n", s, &d), ST_OK);
    /* a NUL byte: libconfig would ignore the rest of the file */
    static const char with_nul[] = REQUIRED "wind = {\n hub_height_m = 90.0;\0 losses_frac = -1; };\n";
    CU_ASSERT_EQUAL(load_bytes(with_nul, sizeof with_nul - 1, s, &d), ST_CONFIG_SYNTAX);
    CU_ASSERT(d.n == 1 && d.e[0].line == 5 && strstr(d.e[0].message, "NUL"));
    /* integers libconfig would wrap silently; with L or as floats they are fine */
    check_one(REQUIRED "scenario2 = { x = -2147483649; };\n", ST_CONFIG_RANGE, "", "-2147483649 is too large");
    check_one(REQUIRED "scenario2 = { x = 0x100000000; };\n", ST_CONFIG_RANGE, "", "0x100000000 is too large");
    check_one(REQUIRED "scenario2 = { x = 99999999999999999999L; };\n", ST_CONFIG_RANGE, "", "is too large");
    check_one(REQUIRED "scenario2 = { x = 2147483647; y = -2147483648; };\n", ST_CONFIG_UNKNOWN,
              "scenario2", "unknown group");
    /* comments and strings are not scanned for numbers */
    CU_ASSERT_EQUAL(load_text(REQUIRED "# 99999999999\n/* 99999999999\n */ // 99999999999 @include\n"
                              "site2 = 0; # \"\n", s, &d), ST_CONFIG_UNKNOWN);
    CU_ASSERT(d.n == 1 && d.e[0].line == 7);
    free(s);
}

/* Quantity strings wherever a quantity is expected: numbers, schedule
 * constants and points, vectors, record fields; numbers elsewhere. */
static void quantities_in_files(void)
{
    Scenario *s = new_scenario();
    Diag d;
    Status st = load_text(REQUIRED
                          "wind = { capacity_mw = \"320万千瓦\"; losses_frac = \"12 %\"; };\n"
                          "solar = { capacity_mw = ( (2020, \"10万千瓦\"), (2025, 800.0) ); };\n"
                          "export = { schedule_frac = [ \"50 %\", \"50 %\", \"50 %\", \"50 %\", \"50 %\", \"50 %\",\n"
                          "  \"60 %\", \"70 %\", \"80 %\", \"90 %\", \"100 %\", \"100 %\", \"100 %\", \"100 %\", \"100 %\",\n"
                          "  \"100 %\", \"90 %\", \"80 %\", \"70 %\", \"60 %\", \"50 %\", \"50 %\", \"50 %\", \"50 %\" ]; };\n"
                          "coal_power = { units = ( { name = \"G1\"; capacity_mw = \"66万千瓦\"; commission_year = 2021;\n"
                          "  min_load_frac = \"35 %\"; heat_rate_gce_per_kwh = \"0.3 kgce/kWh\"; } ); };\n"
                          "accounting = { calorific_kgce_per_kwh = \"122.9 gce/kWh\";\n"
                          "  grid_co2_kg_per_kwh = ( (2020, \"570.3 gCO2/kWh\"), (2030, 0.4) ); };\n"
                          "storage = { duration_h = \"4小时\"; };\n"
                          "load = { annual_gwh = \"1.5 TWh\"; };\n",
                          s, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_EQUAL(s->wind.capacity_mw.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.capacity_mw.value[0], 3200, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.losses_frac, 0.12, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->solar.capacity_mw.value[0], 100, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->solar.capacity_mw.value[1], 800, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[0], 0.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[10], 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[0].capacity_mw, 660, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[0].min_load_frac, 0.35, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[0].heat_rate_gce_per_kwh, 300, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->accounting.calorific_kgce_per_kwh, 0.1229, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->accounting.grid_co2_kg_per_kwh.value[0], 0.5703, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->storage.duration_h, 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->load.annual_gwh.value[0], 1500, 0);
    /* the written config holds plain numbers, and reads back the same */
    check_round_trip(s);
    /* a curve of plain fractions takes no percent strings */
    check_one(REQUIRED "wind = { power_curve_speed_ms = [0.0, 12.0];\n"
                       " power_curve_frac = [\"0 %\", \"100 %\"]; };\n",
              ST_CONFIG_TYPE, "wind.power_curve_frac[0]", "expected a number, got a string");
    free(s);
}

/* ---- inheritance ---- */

/* A temporary directory of named files, removed by tree_free. */
typedef struct {
    char dir[256];
    char files[24][320];
    int n;
} Tree;

static void tree_init(Tree *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "%s/ecsim-tree-XXXXXX", tmp_dir());
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(t->dir));
}

/* Writes dir/name (name without '/'), returning the path. */
static const char *tree_put(Tree *t, const char *name, const char *text)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    int known = 0;
    for (int i = 0; i < t->n; i++) known |= strcmp(t->files[i], path) == 0;
    if (!known) {
        CU_ASSERT_FATAL(t->n < 24);
        strcpy(t->files[t->n++], path);
    }
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->files[i], path) == 0) return t->files[i];
    return NULL;
}

static void tree_free(Tree *t)
{
    for (int i = 0; i < t->n; i++) unlink(t->files[i]);
    rmdir(t->dir);
}

/* variant.cfg = base.cfg with four settings replaced: everything else is
 * the base's, byte for byte, apart from the name (the variant's own). */
static void inherit_merge(void)
{
    Scenario *v = new_scenario(), *b = new_scenario();
    Diag d;
    diag_init(&d);
    Status st = config_load("data/config/inherit/variant.cfg", v, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/inherit/base.cfg", b, &d), ST_OK);
    /* the base, as written there; quantities converted by hand */
    CU_ASSERT_STRING_EQUAL(b->name, "base-name");
    CU_ASSERT_EQUAL(b->wind.capacity_mw.n, 2);
    CU_ASSERT_DOUBLE_EQUAL(b->wind.capacity_mw.value[0], 400, 0);     /* 40万千瓦 = 400 MW */
    CU_ASSERT_DOUBLE_EQUAL(b->wind.capacity_mw.value[1], 3200, 0);    /* 320万千瓦 */
    CU_ASSERT_DOUBLE_EQUAL(b->economy.gdp_base_yi_yuan, 76.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(b->economy.growth_frac.value[0], 0.08, 0); /* 8 % */
    CU_ASSERT_DOUBLE_EQUAL(b->storage.power_mw.value[0], 400, 0);
    CU_ASSERT_DOUBLE_EQUAL(b->coal_mining.capacity_mt.value[0], 11, 0);   /* 1100万吨 = 11 Mt */
    CU_ASSERT_DOUBLE_EQUAL(b->coal_mining.capacity_mt.value[1], 50, 0);   /* 5000万吨 = 50 Mt */
    CU_ASSERT_DOUBLE_EQUAL(b->coal_mining.calorific_kcal_per_kg, 5500, 0);
    CU_ASSERT_DOUBLE_EQUAL(b->coal_power.units[1].capacity_mw, 660, 0);  /* 66万千瓦 */
    CU_ASSERT_DOUBLE_EQUAL(b->load.annual_gwh.value[0], 1500, 0);        /* 15亿千瓦时 = 1.5e9 kWh */
    CU_ASSERT_DOUBLE_EQUAL(b->accounting.coal_chemical_mtce.value[0], 29, 0);   /* 0.29亿吨标煤 */
    /* the variant: what it says */
    CU_ASSERT_STRING_EQUAL(v->name, "variant");   /* its own file name, not "base-name" */
    CU_ASSERT_STRING_EQUAL(v->description, "the base case");
    CU_ASSERT_STRING_EQUAL(v->source_file, "data/config/inherit/variant.cfg");
    CU_ASSERT_DOUBLE_EQUAL(v->wind.losses_frac, 0.1, 0);
    CU_ASSERT_DOUBLE_EQUAL(v->storage.duration_h, 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(v->weather.kt_hourly_sd, 0.04, 0);
    /* the list is replaced as a whole: one unit, the base's second gone */
    CU_ASSERT_EQUAL(v->coal_power.n_units, 1);
    CU_ASSERT_STRING_EQUAL(v->coal_power.units[0].name, "G9");
    CU_ASSERT_DOUBLE_EQUAL(v->coal_power.units[0].capacity_mw, 350, 0);   /* 35万千瓦 */
    CU_ASSERT_EQUAL(v->coal_power.units[0].commission_year, 2024);
    CU_ASSERT_DOUBLE_EQUAL(v->coal_power.units[0].min_load_frac, 0.4, 0);  /* field default, not G1's */
    CU_ASSERT_EQUAL(v->coal_power.units[1].name[0], '\0');
    CU_ASSERT_DOUBLE_EQUAL(v->coal_power.units[1].capacity_mw, 0, 0);
    /* everything else is the base's */
    Scenario *want = b;
    want->wind.losses_frac = 0.1;
    want->storage.duration_h = 4;
    want->weather.kt_hourly_sd = 0.04;
    const CoalPowerParams base_coal = want->coal_power;   /* its outage settings are the base's */
    memset(&want->coal_power, 0, sizeof want->coal_power);
    want->coal_power.forced_outage_frac = base_coal.forced_outage_frac;
    want->coal_power.mttr_h = base_coal.mttr_h;
    want->coal_power.unit_size_mw = base_coal.unit_size_mw;
    want->coal_power.commitment = base_coal.commitment;   /* so are its commitment and part-load curve */
    memcpy(want->coal_power.part_load_frac, base_coal.part_load_frac, sizeof base_coal.part_load_frac);
    memcpy(want->coal_power.part_load_factor, base_coal.part_load_factor, sizeof base_coal.part_load_factor);
    want->coal_power.n_units = 1;
    want->coal_power.units[0] = v->coal_power.units[0];
    memset(want->name, 0, sizeof want->name);
    strcpy(want->name, "variant");
    memset(want->source_file, 0, sizeof want->source_file);
    strcpy(want->source_file, "data/config/inherit/variant.cfg");
    drop_register(v, want);
    CU_ASSERT(memcmp(v, want, sizeof *v) == 0);
    free(v);
    free(b);
}

/* Three files, the last in a subdirectory naming its base relatively. */
static void inherit_chain(void)
{
    Scenario *s = new_scenario();
    ConfigChain *chain = malloc(sizeof *chain);
    CU_ASSERT_PTR_NOT_NULL_FATAL(chain);
    Diag d;
    diag_init(&d);
    Status st = config_load_ex("data/config/inherit/sub/grandchild.cfg", NULL, 0, s, chain, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_EQUAL(chain->n, 3);
    CU_ASSERT_STRING_EQUAL(chain->file[0], "data/config/inherit/sub/grandchild.cfg");
    CU_ASSERT_STRING_EQUAL(chain->file[1], "data/config/inherit/sub/../variant.cfg");
    CU_ASSERT_STRING_EQUAL(chain->file[2], "data/config/inherit/sub/../base.cfg");
    CU_ASSERT_STRING_EQUAL(s->name, "grandchild");
    CU_ASSERT_EQUAL(s->first_year, 2020);                 /* base */
    CU_ASSERT_EQUAL(s->last_year, 2030);                  /* grandchild */
    CU_ASSERT_STRING_EQUAL(s->description, "the base case");
    CU_ASSERT_EQUAL(s->wind.capacity_mw.n, 1);            /* the schedule replaced by a constant */
    CU_ASSERT_EQUAL(s->wind.capacity_mw.year[0], 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.capacity_mw.value[0], 4000, 0);   /* 4 GW */
    CU_ASSERT_DOUBLE_EQUAL(s->wind.losses_frac, 0.1, 0);  /* variant */
    CU_ASSERT_DOUBLE_EQUAL(s->wind.hub_height_m, 110, 0); /* base */
    CU_ASSERT_DOUBLE_EQUAL(s->storage.duration_h, 4, 0);  /* variant */
    CU_ASSERT_EQUAL(s->coal_power.n_units, 1);
    CU_ASSERT_EQUAL(s->targets.n, 1);
    CU_ASSERT_STRING_EQUAL(s->targets.t[0].id, "co2");
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 0);
    /* a chain is not returned on error */
    chain->n = 99;
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load_ex("data/config/inherit/self.cfg", NULL, 0, s, chain, &d), ST_CONFIG_INVALID);
    CU_ASSERT_EQUAL(chain->n, 99);
    free(chain);
    free(s);
}

static void expect_one(const char *path, Status st, const char *file, int line, const char *setting,
                       const char *message)
{
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    Status got = config_load(path, s, &d);
    int ok = got == st && d.n_errors == 1 && strcmp(d.e[0].file, file) == 0 && d.e[0].line == line &&
             strcmp(d.e[0].setting, setting) == 0 && strstr(d.e[0].message, message);
    if (!ok) {
        fprintf(stderr, "\n%s: status %d (want %d)\n", path, got, st);
        diag_print(&d, stderr);
    }
    CU_ASSERT(ok);
    free(s);
}

static void inherit_errors(void)
{
    expect_one("data/config/inherit/cycle-a.cfg", ST_CONFIG_INVALID, "data/config/inherit/cycle-b.cfg", 2,
               "inherits",
               "inheritance cycle: data/config/inherit/cycle-a.cfg:2 -> data/config/inherit/cycle-b.cfg:2 -> "
               "data/config/inherit/cycle-a.cfg");
    expect_one("data/config/inherit/self.cfg", ST_CONFIG_INVALID, "data/config/inherit/self.cfg", 2, "inherits",
               "inheritance cycle: data/config/inherit/self.cfg:2 -> data/config/inherit/self.cfg");
    expect_one("data/config/inherit/missing-base.cfg", ST_IO, "data/config/inherit/missing-base.cfg", 3,
               "inherits",
               "cannot read the base \"data/config/inherit/no-such-base.cfg\": No such file or directory");
    /* errors in the base are reported in the base, even one the variant
     * replaces; the variant's own in the variant */
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load("data/config/inherit/bad-variant.cfg", s, &d), ST_CONFIG_RANGE);
    CU_ASSERT_EQUAL_FATAL(d.n, 3);
    CU_ASSERT_STRING_EQUAL(d.e[0].file, "data/config/inherit/bad-base.cfg");
    CU_ASSERT_EQUAL(d.e[0].line, 3);
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "wind.losses_frac");
    CU_ASSERT_STRING_EQUAL(d.e[0].message, "-1 is below the minimum 0");
    CU_ASSERT_STRING_EQUAL(d.e[1].file, "data/config/inherit/bad-base.cfg");
    CU_ASSERT_EQUAL(d.e[1].line, 4);
    CU_ASSERT_STRING_EQUAL(d.e[1].setting, "coal_mining.capacity_mt");
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[1].message, "\"3.2 GW\" is a power, but a mass in Mt is expected"));
    CU_ASSERT_STRING_EQUAL(d.e[2].file, "data/config/inherit/bad-variant.cfg");
    CU_ASSERT_EQUAL(d.e[2].line, 4);
    CU_ASSERT_STRING_EQUAL(d.e[2].setting, "wind.hub_height_m");
    free(s);
}

/* Rules across settings run once, on the merged result, and blame the
 * setting written later (in the variant, or by --set). */
static void inherit_cross_field(void)
{
    Tree t;
    tree_init(&t);
    tree_put(&t, "b.cfg", REQUIRED
             "wind = { power_curve_speed_ms = [0.0, 3.0, 12.0, 25.0, 25.1];\n"
             "  power_curve_frac = [0.0, 0.0, 1.0, 1.0, 0.0]; };\n"
             "coal_power = { units = ( { name = \"G1\"; capacity_mw = 660.0; commission_year = 2021; } ); };\n");
    const char *v = tree_put(&t, "v.cfg", "inherits = \"b.cfg\";\nscenario = { first_year = 2026; };\n");
    char b_path[320];
    snprintf(b_path, sizeof b_path, "%s/b.cfg", t.dir);
    expect_one(v, ST_CONFIG_INVALID, v, 2, "scenario.first_year", "first_year 2026 is after last_year 2025");
    tree_put(&t, "v.cfg", "inherits = \"b.cfg\";\nstorage = { soc_min_frac = 0.95; };\n");
    expect_one(v, ST_CONFIG_INVALID, v, 2, "storage.soc_min_frac", "soc_min_frac 0.95 is not below");
    /* the speeds replaced with another length than the base's fractions */
    tree_put(&t, "v.cfg", "inherits = \"b.cfg\";\n\nwind = { power_curve_speed_ms = [0.0, 3.0, 12.0, 25.0]; };\n");
    expect_one(v, ST_CONFIG_INVALID, v, 3, "wind.power_curve_speed_ms",
               "has 4 values but wind.power_curve_frac has 5");
    Scenario *s = new_scenario();
    Diag d;
    diag_init(&d);
    tree_put(&t, "v.cfg", "inherits = \"b.cfg\";\nwind = { power_curve_speed_ms = [0.0, 4.0, 12.0, 25.0, 25.1]; };\n");
    CU_ASSERT_EQUAL(config_load(v, s, &d), ST_OK);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_speed_ms[1], 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.power_curve_frac[2], 1, 0);
    /* a unit of the variant's list against the rules */
    tree_put(&t, "v.cfg", "inherits = \"b.cfg\";\ncoal_power = { units = (\n"
             "  { name = \"G1\"; capacity_mw = 660.0; commission_year = 2021; retire_year = 2020; } ); };\n");
    expect_one(v, ST_CONFIG_INVALID, v, 3, "coal_power.units[0].retire_year", "is not after commission_year");
    /* a base's required settings are the variant's: missing in both, it is the variant's error */
    tree_put(&t, "b2.cfg", "scenario = { first_year = 2020; last_year = 2025; };\n");
    tree_put(&t, "v.cfg", "inherits = \"b2.cfg\";\nsite = { latitude_deg = 43.0; longitude_deg = 94.0; };\n");
    expect_one(v, ST_CONFIG_MISSING, v, 0, "economy.gdp_base_yi_yuan", "required setting is missing");
    /* an absolute path; a directory as base */
    char text[600];
    snprintf(text, sizeof text, "inherits = \"%s\";\n", b_path);
    tree_put(&t, "v.cfg", text);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(v, s, &d), ST_OK);
    CU_ASSERT_STRING_EQUAL(s->name, "v");
    tree_put(&t, "v.cfg", "inherits = \".\";\n");
    expect_one(v, ST_IO, v, 1, "inherits", "it is a directory");
    /* 16 files in a chain are fine, 17 are not */
    for (int i = 0; i < 17; i++) {
        char name[32];
        snprintf(name, sizeof name, "c%02d.cfg", i);
        if (i < 16) snprintf(text, sizeof text, "inherits = \"c%02d.cfg\";\n", i + 1);
        else snprintf(text, sizeof text, "%s", REQUIRED);
        tree_put(&t, name, text);
    }
    char c01[320], c00[320];
    snprintf(c01, sizeof c01, "%s/c01.cfg", t.dir);
    snprintf(c00, sizeof c00, "%s/c00.cfg", t.dir);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(c01, s, &d), ST_OK);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(c00, s, &d), ST_CONFIG_RANGE);
    CU_ASSERT(d.n == 1 && strstr(d.e[0].message, "more than 16 files in the inherits chain"));
    free(s);
    tree_free(&t);
}

/* ---- --set ---- */

static Status load_set(const char *path, const char *const *sets, int n, Scenario *s, Diag *d)
{
    diag_init(d);
    return config_load_with(path, sets, n, s, d);
}

static void set_every_kind(void)
{
    char frac[512];
    size_t o = (size_t)snprintf(frac, sizeof frac, "export.schedule_frac=[");
    for (int i = 0; i < 24; i++) o += (size_t)snprintf(frac + o, sizeof frac - o, "%s%d.0", i ? ", " : "", i % 2);
    snprintf(frac + o, sizeof frac - o, "]");
    const char *sets[] = {
        "wind.hub_height_m=90",                          /* number (an integer literal) */
        " scenario.last_year = 2030 ",                   /* integer, blanks around */
        "scenario.seed=4000000000L",                     /* seed */
        "wind.density_correction=false",                 /* boolean */
        "dispatch.strategy=peak-shaving",                /* enum, unquoted */
        "solar.tracking=\"single_axis\"",                /* enum, quoted */
        "scenario.description=hello, \"world\"",         /* string, verbatim */
        "scenario.name=true",                            /* a string setting: not a boolean */
        "wind.capacity_mw=((2020, 0.0), (2025, \"320万千瓦\"))",   /* schedule with a quantity */
        "storage.power_mw=3.2GW",                        /* quantity, unquoted */
        "coal_mining.capacity_mt=\"45 Mt\"",             /* quantity, quoted */
        "economy.growth_frac=8%",                        /* a fraction */
        frac,                                            /* array */
        "output.hourly_years=all",                       /* years, unquoted word */
        "coal_power.units=({ name = \"X\"; capacity_mw = 100.0; commission_year = 2020; },"
        " { name = \"Y\"; capacity_mw = \"35万千瓦\"; commission_year = 2021; })",   /* records */
        "coal_power.units[1].retire_year=2029",          /* one field of a record */
        "targets.list[0].threshold=3.5e3",
        "wind.losses_frac=0.2",
        "wind.losses_frac=0.25",                         /* the last one wins */
    };
    Scenario *s = new_scenario();
    Diag d;
    Status st = load_set("data/config/inherit/variant.cfg", sets, (int)(sizeof sets / sizeof sets[0]), s, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL_FATAL(st, ST_OK);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.hub_height_m, 90, 0);
    CU_ASSERT_EQUAL(s->last_year, 2030);
    CU_ASSERT_EQUAL(s->seed, 4000000000UL);
    CU_ASSERT_EQUAL(s->wind.density_correction, 0);
    CU_ASSERT_EQUAL(s->dispatch.strategy, STRATEGY_PEAK_SHAVING);
    CU_ASSERT_EQUAL(s->solar.tracking, PV_SINGLE_AXIS);
    CU_ASSERT_STRING_EQUAL(s->description, "hello, \"world\"");
    CU_ASSERT_STRING_EQUAL(s->name, "true");
    CU_ASSERT_EQUAL(s->wind.capacity_mw.n, 2);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.capacity_mw.value[1], 3200, 0);
    CU_ASSERT_EQUAL(s->storage.power_mw.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(s->storage.power_mw.value[0], 3200, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_mining.capacity_mt.value[0], 45, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->economy.growth_frac.value[0], 0.08, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[0], 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->export_line.schedule_frac[23], 1, 0);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 11);   /* 2020..2030 */
    CU_ASSERT_EQUAL(s->coal_power.n_units, 2);
    CU_ASSERT_DOUBLE_EQUAL(s->coal_power.units[1].capacity_mw, 350, 0);
    CU_ASSERT_EQUAL(s->coal_power.units[1].retire_year, 2029);
    CU_ASSERT_DOUBLE_EQUAL(s->targets.t[0].threshold, 3500, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->wind.losses_frac, 0.25, 0);
    /* no overrides: as config_load; a NULL list is none */
    Scenario *plain = new_scenario();
    CU_ASSERT_EQUAL(load_set("data/config/inherit/variant.cfg", NULL, 3, s, &d), ST_OK);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load("data/config/inherit/variant.cfg", plain, &d), ST_OK);
    CU_ASSERT(memcmp(s, plain, sizeof *s) == 0);
    free(plain);
    free(s);
}

typedef struct {
    const char *set;
    Status status;
    const char *setting;
    const char *message;
    const char *suggestion;
} SetCase;

static const SetCase set_cases[] = {
    { "wind.capcity_mw=5", ST_CONFIG_UNKNOWN, "wind.capcity_mw", "unknown setting", "wind.capacity_mw" },
    { "wnd.capacity_mw=5", ST_CONFIG_UNKNOWN, "wnd.capacity_mw", "unknown setting", "wind.capacity_mw" },
    { "wind.hub_height_m=true", ST_CONFIG_TYPE, "wind.hub_height_m", "expected a number, got a boolean", NULL },
    { "wind.hub_height_m=tall", ST_CONFIG_TYPE, "wind.hub_height_m", "expected a number, got a string", NULL },
    { "wind.density_correction=1", ST_CONFIG_TYPE, "wind.density_correction",
      "expected true or false, got an integer", NULL },
    { "scenario.last_year=2030.5", ST_CONFIG_TYPE, "scenario.last_year", "expected an integer, got 2030.5", NULL },
    { "dispatch.strategy=peak_shaving", ST_CONFIG_INVALID, "dispatch.strategy", "unknown value \"peak_shaving\"",
      "peak-shaving" },
    { "coal_mining.capacity_mt=3.2 GW", ST_CONFIG_INVALID, "coal_mining.capacity_mt",
      "\"3.2 GW\" is a power, but a mass in Mt is expected", NULL },
    { "wind.capacity_mw=3200 Mw", ST_CONFIG_INVALID, "wind.capacity_mw", "unknown unit \"Mw\"", "MW" },
    { "export.schedule_frac=[0.5, 0.5]", ST_CONFIG_RANGE, "export.schedule_frac", "has 2 values; exactly 24", NULL },
    { "coal_power.units=({ name = \"X\"; commission_year = 2020; })", ST_CONFIG_MISSING, "coal_power.units[0].capacity_mw",
      "required setting is missing", NULL },
    { "wind.capacity_mw=((2020, 1.0)", ST_CONFIG_SYNTAX, "wind.capacity_mw",
      "cannot read the value \"((2020, 1.0)\": syntax error", NULL },
    { "wind.hub_height_m=90; losses_frac = 0.5", ST_CONFIG_SYNTAX, "wind.hub_height_m",
      "unexpected text after the value", NULL },
    { "scenario.seed=99999999999", ST_CONFIG_RANGE, "scenario.seed", "integer 99999999999 is too large", NULL },
    { "scenario.description=\"open", ST_CONFIG_SYNTAX, "scenario.description", "string not closed", NULL },
    { "scenario.name=a\x01z", ST_CONFIG_INVALID, "scenario.name", "\"a?z\" contains a control character", NULL },
    { "wind.hub_height_m", ST_USAGE, "wind.hub_height_m", "expected group.setting=value", NULL },
    { "=5", ST_USAGE, "=5", "expected group.setting=value", NULL },
    { "wind.hub_height_m=  ", ST_USAGE, "wind.hub_height_m", "no value after '='", NULL },
    { "", ST_USAGE, "", "expected group.setting=value", NULL },
    { "coal_power.units[5].capacity_mw=1", ST_CONFIG_RANGE, "coal_power.units[5].capacity_mw",
      "coal_power.units has 2 entries: index 5 is past the end", NULL },
    { "coal_power.units[0].capacty_mw=1", ST_CONFIG_UNKNOWN, "coal_power.units[0].capacty_mw",
      "unknown setting", "capacity_mw" },
    { "coal_power.units[0].retire_year=2021", ST_CONFIG_INVALID, "coal_power.units[0].retire_year",
      "retire_year 2021 is not after commission_year 2021", NULL },
    { "wind.capacity_mw[0].x=1", ST_CONFIG_UNKNOWN, "wind.capacity_mw[0].x", "only lists of groups take an index",
      NULL },
    { "coal_power.units[x].name=1", ST_CONFIG_UNKNOWN, "coal_power.units[x].name",
      "only lists of groups take an index", NULL },
    { "inherits=other.cfg", ST_CONFIG_UNKNOWN, "inherits", "cannot be set with --set", NULL },
    /* after the overrides, the rules across settings, located at the --set */
    { "storage.soc_min_frac=0.95", ST_CONFIG_INVALID, "storage.soc_min_frac",
      "soc_min_frac 0.95 is not below soc_max_frac 0.9", NULL },
    { "scenario.first_year=2030", ST_CONFIG_INVALID, "scenario.first_year", "first_year 2030 is after last_year 2025",
      NULL },
};

static void set_errors(void)
{
    Scenario *s = new_scenario();
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        const SetCase *c = &set_cases[i];
        Diag d;
        Status st = load_set("data/config/inherit/base.cfg", &c->set, 1, s, &d);
        int ok = st == c->status && d.n_errors == 1 && d.n == 1 && strcmp(d.e[0].file, "--set") == 0 &&
                 d.e[0].line == 0 && strcmp(d.e[0].setting, c->setting) == 0 && strstr(d.e[0].message, c->message) &&
                 strcmp(d.e[0].suggestion, c->suggestion ? c->suggestion : "") == 0;
        if (!ok) {
            fprintf(stderr, "\nset case %zu (%s): status %d (want %d)\n", i, c->set, st, c->status);
            diag_print(&d, stderr);
        }
        CU_ASSERT(ok);
    }
    /* printed as the issue shows it */
    Diag d;
    const char *typo = "wind.capcity_mw=3200";
    load_set("data/config/inherit/base.cfg", &typo, 1, s, &d);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    diag_print(&d, f);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "--set: wind.capcity_mw: unknown setting (did you mean 'wind.capacity_mw'?)\n");
    free(buf);
    /* a NULL string is an empty one; errors of the files come first, all collected */
    const char *sets[] = { NULL, "wind.hub_height_m=1.0" };
    CU_ASSERT_EQUAL(load_set("data/config/inherit/bad-variant.cfg", sets, 2, s, &d), ST_CONFIG_RANGE);
    CU_ASSERT_EQUAL_FATAL(d.n, 5);
    CU_ASSERT_STRING_EQUAL(d.e[3].file, "--set");
    CU_ASSERT_EQUAL(d.e[3].status, ST_USAGE);
    CU_ASSERT_STRING_EQUAL(d.e[4].setting, "wind.hub_height_m");
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[4].message, "1 is below the minimum 10"));
    free(s);
}

/* run.cfg of a variant (with overrides) loads back to the same Scenario;
 * its comment names the chain, safely. */
/* ---- overrides of a resolved scenario ---- */

/* config_override of each assignment, in order, onto the loaded file
 * equals config_load_with of the same file and assignments, byte for byte. */
static void check_override_equals_set(const char *file, const char *const *sets, int n)
{
    Scenario *want = new_scenario(), *got = new_scenario();
    Diag d;
    CU_ASSERT_EQUAL_FATAL(load_set(file, sets, n, want, &d), ST_OK);
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(file, got, &d), ST_OK);
    for (int i = 0; i < n; i++) {
        diag_init(&d);
        Status st = config_override(got, sets[i], &d);
        if (st != ST_OK) diag_print(&d, stderr);
        CU_ASSERT_EQUAL(st, ST_OK);
    }
    int same = memcmp(want, got, sizeof *want) == 0;
    if (!same) fprintf(stderr, "\noverride differs from --set for %s (first: %s)\n", file, sets[0]);
    CU_ASSERT(same);
    free(want);
    free(got);
}

static void override_equals_set(void)
{
    static const char *const one[] = {
        "wind.hub_height_m=90",                          /* number */
        " scenario.last_year = 2030 ",                   /* integer, blanks around */
        "scenario.seed=4000000000L",                     /* seed */
        "wind.density_correction=false",                 /* boolean */
        "dispatch.strategy=peak-shaving",                /* enum, unquoted */
        "solar.tracking=\"single_axis\"",                /* enum, quoted */
        "scenario.description=hello, \"world\"",         /* string, verbatim */
        "scenario.name=sweep-1",                         /* the name */
        "wind.capacity_mw=((2020, 0.0), (2025, \"320万千瓦\"))",   /* schedule with a quantity */
        "storage.power_mw=3.2GW",                        /* quantity, unquoted */
        "coal_mining.capacity_mt=\"45 Mt\"",             /* quantity, quoted */
        "economy.growth_frac=8%",                        /* a fraction */
        "output.hourly_years=all",                       /* years */
        "output.hourly_years=[2021, 2024]",
        "coal_power.units=({ name = \"X\"; capacity_mw = 100.0; commission_year = 2020; })",   /* records */
        "coal_power.units[0].retire_year=2025",          /* one field of a record */
        "targets.list[1].upper=70",
        "wind.power_curve_speed_ms=[0.0, 3.0, 12.0, 25.0, 25.5]",   /* a curve, same length */
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        check_override_equals_set("data/config/inherit/base.cfg", &one[i], 1);
        check_override_equals_set("data/config/inherit/variant.cfg", &one[i], 1);
    }
    /* several in order, the later replacing the earlier */
    static const char *const seq[] = { "output.hourly_years=all", "wind.losses_frac=0.2",
                                       "scenario.last_year=2030", "wind.losses_frac=0.25",
                                       "coal_power.units[0].capacity_mw=35万千瓦" };
    check_override_equals_set("data/config/inherit/variant.cfg", seq, 5);
    /* a list that covers the period is "all" and follows it */
    Scenario *s = new_scenario();
    Diag d;
    CU_ASSERT_EQUAL_FATAL(load_set("data/config/inherit/base.cfg", seq, 1, s, &d), ST_OK);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 6);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, "scenario.first_year=2022", &d), ST_OK);
    CU_ASSERT_EQUAL(s->output.n_hourly_years, 4);
    CU_ASSERT_EQUAL(s->output.hourly_years[0], 2022);
    CU_ASSERT_EQUAL(s->output.hourly_years[3], 2025);
    free(s);
}

/* Splits a resolved config (config_write_resolved) into "group.key=value"
 * assignments, one per top-level setting; the number written to out. */
static int resolved_assignments(const char *text, char **out, int max)
{
    char group[64] = "";
    int n = 0;
    const char *p = text;
    while (*p && n < max) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > 1 && p[len - 1] == ':' && p[0] != ' ' && p[0] != '#') {
            snprintf(group, sizeof group, "%.*s", (int)(len - 1), p);
        } else if (group[0] && len > 2 && p[0] == ' ' && p[1] == ' ' && p[2] != ' ') {
            /* "  key = value;", the value running on until ';' outside brackets and strings */
            const char *key = p + 2, *eq = strstr(key, " = ");
            CU_ASSERT_PTR_NOT_NULL_FATAL(eq);
            const char *v = eq + 3, *q = v;
            int depth = 0, in_str = 0;
            for (; *q; q++) {
                if (in_str) {
                    if (*q == '\\' && q[1]) q++;
                    else if (*q == '"') in_str = 0;
                } else if (*q == '"') in_str = 1;
                else if (*q == '(' || *q == '[' || *q == '{') depth++;
                else if (*q == ')' || *q == ']' || *q == '}') depth--;
                else if (*q == ';' && depth == 0) break;
            }
            size_t vlen = (size_t)(q - v), cap = strlen(group) + (size_t)(eq - key) + vlen + 4;
            char *a = malloc(cap);
            CU_ASSERT_PTR_NOT_NULL_FATAL(a);
            int o = snprintf(a, cap, "%s.%.*s=", group, (int)(eq - key), key);
            for (size_t i = 0; i < vlen; i++) a[o++] = v[i] == '\n' ? ' ' : v[i];
            a[o] = '\0';
            out[n++] = a;
            eol = strchr(q, '\n');
        }
        p = eol ? eol + 1 : p + len;
    }
    return n;
}

/* Every setting of the base plan, written as the resolved writer writes
 * it, applied to another scenario: config_override and --set agree on
 * the status, the first message and, on success, every byte. */
static void override_every_setting(void)
{
    Scenario *plan = new_scenario(), *want = new_scenario(), *got = new_scenario();
    Diag d, d2;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("../configs/yiwu-14fyp.cfg", plan, &d), ST_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(config_write_resolved(plan, f), ST_OK);
    fclose(f);
    char *sets[256];
    int n = resolved_assignments(buf, sets, 256), same_ok = 0;
    CU_ASSERT(n > 70);
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/inherit/base.cfg", plan, &d), ST_OK);
    for (int i = 0; i < n; i++) {
        const char *one = sets[i];
        Status a = load_set("data/config/inherit/base.cfg", &one, 1, want, &d);
        *got = *plan;
        diag_init(&d2);
        Status b = config_override(got, one, &d2);
        int ok = a == b && d.n_errors == d2.n_errors &&
                 (a == ST_OK ? memcmp(want, got, sizeof *want) == 0
                             : strcmp(d.e[0].message, d2.e[0].message) == 0 &&
                                   strcmp(d.e[0].setting, d2.e[0].setting) == 0 &&
                                   memcmp(got, plan, sizeof *got) == 0);
        if (!ok) {
            fprintf(stderr, "\noverride and --set differ for %.80s: %d and %d\n", one, a, b);
            diag_print(&d, stderr);
            diag_print(&d2, stderr);
        }
        CU_ASSERT(ok);
        same_ok += a == ST_OK;
    }
    CU_ASSERT(same_ok > n - 5);   /* most settings of one plan fit another */
    for (int i = 0; i < n; i++) free(sets[i]);
    free(buf);
    free(plan);
    free(want);
    free(got);
}

/* Every error of a --set is the same error from config_override, and
 * leaves the scenario as it was. */
static void override_errors(void)
{
    Scenario *s = new_scenario(), *before = new_scenario();
    Diag d;
    CU_ASSERT_EQUAL_FATAL(load_set("data/config/inherit/base.cfg", NULL, 0, s, &d), ST_OK);
    *before = *s;
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        const SetCase *c = &set_cases[i];
        diag_init(&d);
        Status st = config_override(s, c->set, &d);
        int ok = st == c->status && d.n_errors == 1 && d.n == 1 && strcmp(d.e[0].file, "--set") == 0 &&
                 d.e[0].line == 0 && strcmp(d.e[0].setting, c->setting) == 0 && strstr(d.e[0].message, c->message) &&
                 strcmp(d.e[0].suggestion, c->suggestion ? c->suggestion : "") == 0;
        if (!ok) {
            fprintf(stderr, "\noverride case %zu (%s): status %d (want %d)\n", i, c->set, st, c->status);
            diag_print(&d, stderr);
        }
        CU_ASSERT(ok);
        CU_ASSERT(memcmp(s, before, sizeof *s) == 0);
    }
    /* rules across settings see the whole scenario; the origin is named */
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override_from(s, "storage.initial_soc_frac=0.99", "--vary", &d), ST_CONFIG_INVALID);
    CU_ASSERT_EQUAL(d.n_errors, 1);
    CU_ASSERT_STRING_EQUAL(d.e[0].file, "--vary");
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "storage.initial_soc_frac");
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "outside the SOC window"));
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, "wind.power_curve_frac=[0.0, 1.0, 1.0]", &d), ST_CONFIG_INVALID);
    CU_ASSERT_STRING_EQUAL(d.e[0].setting, "wind.power_curve_frac");
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "has 3 values but wind.power_curve_speed_ms has 5"));
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, "scenario.last_year=2024", &d), ST_CONFIG_INVALID);   /* targets in 2025 */
    CU_ASSERT(memcmp(s, before, sizeof *s) == 0);
    /* settings that move together: one at a time fails, as a list it is --set */
    static const char *const period[] = { "scenario.first_year=2030", "scenario.last_year=2035",
                                          "targets.list=()", "output.hourly_years=[2035]",
                                          "coal_power.units=()" };
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, period[0], &d), ST_CONFIG_INVALID);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override_list(s, period, 2, "--vary", &d), ST_CONFIG_INVALID);   /* targets in 2025 */
    CU_ASSERT_STRING_EQUAL(d.e[0].file, "--vary");
    CU_ASSERT(memcmp(s, before, sizeof *s) == 0);
    diag_init(&d);
    Status st = config_override_list(s, period, 5, NULL, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL(st, ST_OK);
    Scenario *want = new_scenario();
    CU_ASSERT_EQUAL(load_set("data/config/inherit/base.cfg", period, 5, want, &d), ST_OK);
    CU_ASSERT(memcmp(s, want, sizeof *s) == 0);
    free(want);
    free(before);
    free(s);
}

static void variant_round_trip(void)
{
    Scenario *s = new_scenario(), *back = new_scenario();
    ConfigChain *chain = malloc(sizeof *chain);
    CU_ASSERT_PTR_NOT_NULL_FATAL(chain);
    Diag d;
    const char *sets[] = { "storage.power_mw=\"50万千瓦\"", "coal_power.units[0].retire_year=2040" };
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load_ex("data/config/inherit/sub/grandchild.cfg", sets, 2, s, chain, &d), ST_OK);
    const char *lines[CONFIG_CHAIN_MAX + 3];
    int n = 0;
    for (int i = 0; i < chain->n; i++) lines[n++] = chain->file[i];
    lines[n++] = "--set storage.power_mw=\"50万千瓦\"";
    lines[n++] = "evil\nwind = { hub_height_m = 1.0; };";   /* must stay in the comment */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(config_write_resolved_ex(s, lines, n, f), ST_OK);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "#   data/config/inherit/sub/grandchild.cfg\n"
                                       "#   data/config/inherit/sub/../variant.cfg\n"
                                       "#   data/config/inherit/sub/../base.cfg\n"
                                       "#   --set storage.power_mw=\"50万千瓦\"\n"
                                       "#   evil?wind = { hub_height_m = 1.0; };\n"));
    CU_ASSERT_PTR_NULL(strstr(buf, "inherits ="));
    Status st = load_bytes(buf, len, back, &d);
    diag_print(&d, stderr);
    CU_ASSERT_EQUAL(st, ST_OK);
    CU_ASSERT_STRING_EQUAL(back->name, "grandchild");
    CU_ASSERT_DOUBLE_EQUAL(back->storage.power_mw.value[0], 500, 0);
    CU_ASSERT_EQUAL(back->coal_power.units[0].retire_year, 2040);
    CU_ASSERT_DOUBLE_EQUAL(back->wind.hub_height_m, 110, 0);
    memset(s->source_file, 0, sizeof s->source_file);
    memset(back->source_file, 0, sizeof back->source_file);
    drop_register(s, back);
    CU_ASSERT(memcmp(s, back, sizeof *s) == 0);
    free(buf);
    /* the variant alone, and the plain writer */
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/inherit/variant.cfg", s, &d), ST_OK);
    check_round_trip(s);
    free(chain);
    free(back);
    free(s);
}

/* Random mutations of a base and variant pair: no crash, no leak (ASan in
 * make check SAN=1), and a status that agrees with the diagnostics. */
static void fuzz_inheritance(void)
{
    static const char *const tokens[] = { "\"", "(", ")", "{", "}", ";", "=", ",", "0", "9", ".", "e", "-", "万",
        "GW", "\n", "\\", "#", "[", "]", "inherits = \"v.cfg\";\n", "inherits = \"b.cfg\";\n", "\xff",
        "\"3.2 GW\"", "\"45 Mt\"", "L", "99999999999", "1e999", "@include \"x\"" };
    FILE *g = fopen("data/config/inherit/base.cfg", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    static char base[8192], variant[2048];
    size_t blen = fread(base, 1, sizeof base - 1, g);
    fclose(g);
    base[blen] = '\0';
    const char *vtext = "inherits = \"b.cfg\";\nscenario = { description = \"v\"; };\n"
                        "wind = { capacity_mw = ( (2020, \"40万千瓦\"), (2025, 3200.0) ); };\n"
                        "coal_power = { units = ( { name = \"G9\"; capacity_mw = 350.0; commission_year = 2024; } ); };\n";
    Tree t;
    tree_init(&t);
    Scenario *s = new_scenario();
    Diag *d = malloc(sizeof *d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    unsigned long long r = 0x9E3779B97F4A7C15ULL;
    int ok = 0, iterations = 400;
    for (int it = 0; it < iterations; it++) {
        char mb[8192 + 256], mv[2048 + 256];
        int which = it % 2;
        const char *src = which ? base : vtext;
        char *dst = which ? mb : mv;
        size_t cap = which ? sizeof mb : sizeof mv, len = strlen(src);
        memcpy(dst, src, len + 1);
        int edits = 1 + (int)(it % 4);
        for (int k = 0; k < edits && len > 0; k++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t pos = (size_t)((r >> 33) % len);
            int op = (int)((r >> 20) % 3);
            if (op == 0) {   /* delete a span */
                size_t n = 1 + (size_t)((r >> 8) % 12);
                if (pos + n > len) n = len - pos;
                memmove(dst + pos, dst + pos + n, len - pos - n + 1);
                len -= n;
            } else {         /* insert, or overwrite with, a token */
                const char *tok = tokens[(r >> 40) % (sizeof tokens / sizeof tokens[0])];
                size_t n = strlen(tok);
                if (len + n + 1 >= cap) continue;
                if (op == 1) memmove(dst + pos + n, dst + pos, len - pos + 1), len += n;
                else if (pos + n > len) continue;
                memcpy(dst + pos, tok, n);
            }
        }
        tree_put(&t, "b.cfg", which ? mb : base);
        const char *v = tree_put(&t, "v.cfg", which ? vtext : mv);
        diag_init(d);
        Status st = config_load(v, s, d);
        CU_ASSERT((st == ST_OK) == (d->n_errors == 0));
        CU_ASSERT(d->n <= DIAG_MAX);
        ok += st == ST_OK;
    }
    CU_ASSERT(ok > 0 && ok < iterations);   /* some mutations are harmless, most are not */
    (void)variant;
    free(d);
    free(s);
    tree_free(&t);
}

void register_test_config(void);

void register_test_config(void)
{
    CU_pSuite s = CU_add_suite("test_config", NULL, NULL);
    CU_add_test(s, "schema table", schema_table);
    CU_add_test(s, "defaults", defaults);
    CU_add_test(s, "minimal file", minimal_file);
    CU_add_test(s, "full file", full_file);
    CU_add_test(s, "round trip", round_trip);
    CU_add_test(s, "reference config", reference_config);
    CU_add_test(s, "error classes", error_classes);
    CU_add_test(s, "missing required", missing_required);
    CU_add_test(s, "period rules", period_rules);
    CU_add_test(s, "collect and cap", collect_and_cap);
    CU_add_test(s, "i/o errors", io_errors);
    CU_add_test(s, "name from file", name_from_file);
    CU_add_test(s, "hostile sizes", hostile_sizes);
    CU_add_test(s, "hostile nesting", hostile_nesting);
    CU_add_test(s, "hostile bytes", hostile_bytes);
    CU_add_test(s, "quantities in files", quantities_in_files);
    CU_add_test(s, "inherit: merge", inherit_merge);
    CU_add_test(s, "inherit: chain of three", inherit_chain);
    CU_add_test(s, "inherit: errors located", inherit_errors);
    CU_add_test(s, "inherit: rules across settings", inherit_cross_field);
    CU_add_test(s, "set: every kind", set_every_kind);
    CU_add_test(s, "set: errors", set_errors);
    CU_add_test(s, "override: equals --set", override_equals_set);
    CU_add_test(s, "override: errors", override_errors);
    CU_add_test(s, "override: every setting", override_every_setting);
    CU_add_test(s, "variant round trip", variant_round_trip);
    CU_add_test(s, "fuzz inheritance", fuzz_inheritance);
}
