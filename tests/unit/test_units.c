/* test_units.c — quantity strings: every spelling the issue names, with its
 * value worked out by hand in the comment, the errors (wrong dimension,
 * unknown unit, garbage, non-finite), the unit lists agreeing with the
 * parser, the schema's dimensions agreeing with its unit texts, and a
 * little fuzzing. */
#include <CUnit/CUnit.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"
#include "units.h"

typedef struct {
    const char *text;
    Dimension dim;
    double want;       /* exact unless tol */
    double tol;
} Good;

/* Hand conversions. */
static const Good good[] = {
    { "320万千瓦", DIM_POWER_MW, 3200, 0 },        /* 320 x 1e4 kW = 3.2e6 kW = 3200 MW */
    { "3.2 GW", DIM_POWER_MW, 3200, 0 },           /* 3.2 x 1000 MW */
    { "3200 MW", DIM_POWER_MW, 3200, 0 },
    { "3200MW", DIM_POWER_MW, 3200, 0 },
    { "3200 MWp", DIM_POWER_MW, 3200, 0 },
    { "300兆瓦", DIM_POWER_MW, 300, 0 },           /* 兆瓦 = MW */
    { "1.2亿千瓦", DIM_POWER_MW, 120000, 0 },      /* 1.2e8 kW = 1.2e5 MW */
    { "660000 kW", DIM_POWER_MW, 660, 0 },
    { "4500万吨", DIM_MASS_MT, 45, 0 },            /* 4500 x 1e4 t = 4.5e7 t = 45 Mt */
    { "45 Mt", DIM_MASS_MT, 45, 0 },
    { "4500万吨/年", DIM_MASS_MT, 45, 0 },
    { "45 Mt/a", DIM_MASS_MT, 45, 0 },
    { "0.29亿吨标煤", DIM_COAL_MTCE, 29, 0 },      /* 0.29 x 1e8 tce = 2.9e7 tce = 29 Mtce */
    { "29 Mtce", DIM_COAL_MTCE, 29, 0 },
    { "350万吨标准煤", DIM_COAL_MTCE, 3.5, 0 },    /* 3.5e6 tce */
    { "76.5亿元", DIM_MONEY_YI_YUAN, 76.5, 0 },
    { "7650000000 元", DIM_MONEY_YI_YUAN, 76.5, 0 },
    { "765000万元", DIM_MONEY_YI_YUAN, 76.5, 0 },  /* 7.65e9 yuan */
    { "2 h", DIM_TIME_H, 2, 0 },
    { "4小时", DIM_TIME_H, 4, 0 },
    { "1.5 TWh", DIM_ENERGY_GWH, 1500, 0 },        /* 1.5 x 1000 GWh */
    { "1500 GWh", DIM_ENERGY_GWH, 1500, 0 },
    { "15亿千瓦时", DIM_ENERGY_GWH, 1500, 0 },     /* 15e8 kWh = 1.5e9 kWh = 1500 GWh */
    { "15亿度", DIM_ENERGY_GWH, 1500, 0 },         /* 度 = kWh */
    { "1.5 TWh", DIM_ENERGY_MWH, 1.5e6, 0 },
    { "85 %", DIM_FRACTION, 0.85, 0 },
    { "85%", DIM_FRACTION, 0.85, 0 },
    { "85\xef\xbc\x85", DIM_FRACTION, 0.85, 0 },   /* full-width ％ */
    { "-2 %", DIM_FRACTION, -0.02, 0 },
    { "+14.9 %", DIM_FRACTION, 0.149, 0 },
    { "5500 kcal/kg", DIM_CALORIFIC_KCAL_PER_KG, 5500, 0 },
    { "5500大卡", DIM_CALORIFIC_KCAL_PER_KG, 5500, 0 },
    { "23.0274 MJ/kg", DIM_CALORIFIC_KCAL_PER_KG, 5500, 1e-9 },   /* 5500 x 4.1868 kJ */
    { "300 gce/kWh", DIM_COAL_GCE_PER_KWH, 300, 0 },
    { "0.3 kgce/kWh", DIM_COAL_GCE_PER_KWH, 300, 0 },
    { "300克标煤/千瓦时", DIM_COAL_GCE_PER_KWH, 300, 0 },
    { "122.9 gce/kWh", DIM_COAL_KGCE_PER_KWH, 0.1229, 0 },
    { "0.1229 kgce/kWh", DIM_COAL_KGCE_PER_KWH, 0.1229, 0 },
    { "0.5703 kg/kWh", DIM_CO2_KG_PER_KWH, 0.5703, 0 },
    { "570.3 gCO2/kWh", DIM_CO2_KG_PER_KWH, 0.5703, 0 },
    { "0.5703 tCO2/MWh", DIM_CO2_KG_PER_KWH, 0.5703, 0 },
    /* money per quantity (costs group) */
    { "4500元/千瓦", DIM_YUAN_PER_KW, 4500, 0 },
    { "4500 元/kW", DIM_YUAN_PER_KW, 4500, 0 },
    { "4.15元/W", DIM_YUAN_PER_KW, 4150, 0 },          /* 4.15 元/W x 1000 W/kW */
    { "0.45万元/千瓦", DIM_YUAN_PER_KW, 4500, 0 },     /* 0.45 x 1e4 元/kW */
    { "4500000 元/MW", DIM_YUAN_PER_KW, 4500, 0 },     /* / 1000 kW/MW */
    { "0.25元/千瓦时", DIM_YUAN_PER_KWH, 0.25, 0 },
    { "0.25元/度", DIM_YUAN_PER_KWH, 0.25, 0 },
    { "250 元/MWh", DIM_YUAN_PER_KWH, 0.25, 0 },       /* 250 元 / 1000 kWh */
    { "1.5元/Wh", DIM_YUAN_PER_KWH, 1500, 0 },         /* storage energy: 1.5 x 1000 Wh/kWh */
    { "0.02元/千瓦时", DIM_YUAN_PER_MWH, 20, 0 },      /* 0.02 x 1000 kWh/MWh */
    { "20元/兆瓦时", DIM_YUAN_PER_MWH, 20, 0 },
    { "120元/千瓦/年", DIM_YUAN_PER_KW_A, 120, 0 },
    { "120 元/kW/a", DIM_YUAN_PER_KW_A, 120, 0 },
    { "600元/吨", DIM_YUAN_PER_T, 600, 0 },
    { "600 元/t", DIM_YUAN_PER_T, 600, 0 },
    { "483元/(t/a)", DIM_YUAN_PER_T, 483, 0 },
    { "0.0483万元/吨", DIM_YUAN_PER_T, 483, 0 },       /* 0.0483 x 1e4 元/t */
    /* spellings of the number and blanks */
    { " 3.2 GW ", DIM_POWER_MW, 3200, 0 },
    { "3.2\tGW", DIM_POWER_MW, 3200, 0 },
    { "320\xe3\x80\x80万千瓦", DIM_POWER_MW, 3200, 0 },   /* ideographic space */
    { ".5 GW", DIM_POWER_MW, 500, 0 },
    { "5. GW", DIM_POWER_MW, 5000, 0 },
    { "1e3 MW", DIM_POWER_MW, 1000, 0 },
    { "1.5E-3 GW", DIM_POWER_MW, 1.5, 0 },
    { "0 MW", DIM_POWER_MW, 0, 0 },
    { "-0 MW", DIM_POWER_MW, 0, 0 },
    { "0003200 MW", DIM_POWER_MW, 3200, 0 },
};

static void parses(void)
{
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        double x = -12345;
        char err[256] = "";
        Status st = units_parse_quantity(good[i].text, good[i].dim, &x, err, sizeof err);
        int ok = st == ST_OK && (good[i].tol > 0 ? fabs(x - good[i].want) <= good[i].tol : x == good[i].want);
        if (!ok) fprintf(stderr, "\n\"%s\": status %d, %.17g (want %.17g): %s\n", good[i].text, st, x,
                         good[i].want, err);
        CU_ASSERT(ok);
        if (good[i].want >= 0) CU_ASSERT(!signbit(x));   /* -0 MW is +0 */
    }
}

typedef struct {
    const char *text;
    Dimension dim;
    Status status;
    const char *message;      /* substring */
    const char *suggestion;   /* units_suggest, or NULL for none */
} Bad;

static const Bad bad[] = {
    /* wrong dimension: the error names what it is and what is expected */
    { "3.2 GW", DIM_MASS_MT, ST_CONFIG_INVALID, "\"3.2 GW\" is a power, but a mass in Mt is expected (units: t, kt, Mt", NULL },
    { "4500万吨", DIM_COAL_MTCE, ST_CONFIG_INVALID, "is a mass, but an amount of standard coal in Mtce", NULL },
    { "29 Mtce", DIM_MASS_MT, ST_CONFIG_INVALID, "is an amount of standard coal", NULL },
    { "1500 GWh", DIM_POWER_MW, ST_CONFIG_INVALID, "is an energy, but a power in MW is expected", NULL },
    { "85 %", DIM_POWER_MW, ST_CONFIG_INVALID, "is a percentage", NULL },
    { "300 gce/kWh", DIM_CO2_KG_PER_KWH, ST_CONFIG_INVALID, "is a coal use per kWh", NULL },
    { "0.25元/千瓦时", DIM_YUAN_PER_KW, ST_CONFIG_INVALID, "is a price per kWh, but a cost in 元/kW", NULL },
    { "4500元/千瓦", DIM_YUAN_PER_KW_A, ST_CONFIG_INVALID, "is a cost per kW, but a cost in 元/kW/a", NULL },
    { "76.5亿元", DIM_YUAN_PER_T, ST_CONFIG_INVALID, "is a sum of money, but a price in 元/t", NULL },
    { "600元/吨", DIM_MONEY_YI_YUAN, ST_CONFIG_INVALID, "is a price per tonne, but a sum of money", NULL },
    { "600元/吨", DIM_YUAN_PER_KWH, ST_CONFIG_INVALID, "is a price per tonne", NULL },
    { "4500元/千瓦小时", DIM_YUAN_PER_KWH, ST_CONFIG_INVALID, "unknown unit", NULL },
    /* unknown units, with the accepted ones listed and the nearest suggested */
    { "3200 Mw", DIM_POWER_MW, ST_CONFIG_INVALID,
      "unknown unit \"Mw\" in \"3200 Mw\"; a power in MW is written with: kW, MW, GW", "MW" },
    { "3200 mw", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"mw\"", "MW" },
    { "3.2 GWatt", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"GWatt\"", NULL },
    { "45 mt", DIM_MASS_MT, ST_CONFIG_INVALID, "unknown unit", "Mt" },
    { "320万千万", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"万千万\"", "万千瓦" },
    { "3200 MW extra", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"MW extra\"", NULL },
    { "3,200 MW", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \",200 MW\"", NULL },
    { "3.2.1 GW", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \".1 GW\"", NULL },
    { "0x10 MW", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"x10 MW\"", NULL },
    { "1e MW", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"e MW\"", NULL },
    { "万千瓦", DIM_POWER_MW, ST_CONFIG_TYPE, "is not a number with a unit (such as \"320万千瓦\")", NULL },
    { "3200", DIM_POWER_MW, ST_CONFIG_INVALID, "\"3200\" has no unit: write a plain number", NULL },
    { "3200   ", DIM_POWER_MW, ST_CONFIG_INVALID, "has no unit", NULL },
    /* garbage */
    { "", DIM_POWER_MW, ST_CONFIG_TYPE, "empty quantity", NULL },
    { " \t ", DIM_POWER_MW, ST_CONFIG_TYPE, "empty quantity", NULL },
    { "lots", DIM_POWER_MW, ST_CONFIG_TYPE, "\"lots\" is not a number with a unit", NULL },
    { "GW 3.2", DIM_POWER_MW, ST_CONFIG_TYPE, "is not a number with a unit", NULL },
    { ". MW", DIM_POWER_MW, ST_CONFIG_TYPE, "is not a number with a unit", NULL },
    { "- 5 MW", DIM_POWER_MW, ST_CONFIG_TYPE, "is not a number with a unit", NULL },
    { "nan MW", DIM_POWER_MW, ST_CONFIG_RANGE, "\"nan MW\" is not a finite number", NULL },
    { "-inf GW", DIM_POWER_MW, ST_CONFIG_RANGE, "is not a finite number", NULL },
    { "INFINITY", DIM_POWER_MW, ST_CONFIG_RANGE, "is not a finite number", NULL },
    { "1e308 GW", DIM_POWER_MW, ST_CONFIG_RANGE, "\"1e308 GW\" is too large", NULL },
    { "1e99999999999 MW", DIM_POWER_MW, ST_CONFIG_RANGE, "is too large", NULL },
    { "\xff\x01 MW", DIM_POWER_MW, ST_CONFIG_TYPE, "\"?? MW\" is not a number", NULL },
    { "3 \xe4\xb8", DIM_POWER_MW, ST_CONFIG_INVALID, "unknown unit \"??\"", NULL },
    /* a plain-number setting takes no unit strings */
    { "3.2 GW", DIM_NONE, ST_CONFIG_TYPE, "takes a plain number", NULL },
    { "3.2 GW", DIM_COUNT, ST_CONFIG_TYPE, "takes a plain number", NULL },
};

static void errors(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double x = -12345;
        char err[384] = "", sugg[64];
        Status st = units_parse_quantity(bad[i].text, bad[i].dim, &x, err, sizeof err);
        int ok = st == bad[i].status && strstr(err, bad[i].message) && x == -12345;
        if (!ok) fprintf(stderr, "\n\"%s\": status %d (want %d): %s\n", bad[i].text, st, bad[i].status, err);
        CU_ASSERT(ok);
        int has = units_suggest(bad[i].text, bad[i].dim, sugg, sizeof sugg);
        if (bad[i].suggestion) {
            CU_ASSERT(has);
            CU_ASSERT_STRING_EQUAL(sugg, bad[i].suggestion);
        } else if (bad[i].status != ST_CONFIG_INVALID || strstr(err, "has no unit")) {
            CU_ASSERT(!has);
            if (has) fprintf(stderr, "\n\"%s\": suggests %s\n", bad[i].text, sugg);
        }
    }
    /* no room for a message, or a tiny one: no overflow, still terminated */
    double x;
    CU_ASSERT_EQUAL(units_parse_quantity("3.2 GW", DIM_MASS_MT, &x, NULL, 0), ST_CONFIG_INVALID);
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    CU_ASSERT_EQUAL(units_parse_quantity("3.2 GW", DIM_MASS_MT, &x, tiny, sizeof tiny), ST_CONFIG_INVALID);
    CU_ASSERT_EQUAL(strlen(tiny), 7);
    CU_ASSERT_EQUAL(units_parse_quantity(NULL, DIM_POWER_MW, &x, NULL, 0), ST_CONFIG_TYPE);
    /* a long number: rejected, not truncated */
    char longnum[200];
    memset(longnum, '1', 120);
    strcpy(longnum + 120, " MW");
    CU_ASSERT_EQUAL(units_parse_quantity(longnum, DIM_POWER_MW, &x, NULL, 0), ST_CONFIG_TYPE);
    /* the quoted text in a message is cut, and never holds control bytes */
    char err[384], text[300];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    text[5] = '\n';
    CU_ASSERT_EQUAL(units_parse_quantity(text, DIM_POWER_MW, &x, err, sizeof err), ST_CONFIG_TYPE);
    CU_ASSERT(strstr(err, "...") && !strchr(err, '\n'));
}

/* Every unit units_list names parses, and to a positive value of the
 * dimension; every example parses. */
static void lists_agree(void)
{
    for (int d = DIM_NONE + 1; d < DIM_COUNT; d++) {
        char list[512], text[128], err[384];
        double x = 0;
        CU_ASSERT_EQUAL(units_parse_quantity(units_example((Dimension)d), (Dimension)d, &x, err, sizeof err),
                        ST_OK);
        CU_ASSERT(units_canonical((Dimension)d)[0] != '\0');
        CU_ASSERT(units_noun((Dimension)d)[0] != '\0');
        units_list((Dimension)d, list, sizeof list);
        CU_ASSERT(strlen(list) > 0 && strlen(list) < 300);   /* fits in a message */
        for (char *u = strtok(list, ","); u; u = strtok(NULL, ",")) {
            while (*u == ' ') u++;
            snprintf(text, sizeof text, "1 %s", u);
            Status st = units_parse_quantity(text, (Dimension)d, &x, err, sizeof err);
            if (st != ST_OK) fprintf(stderr, "\n%s: %s\n", text, err);
            CU_ASSERT(st == ST_OK && x > 0 && isfinite(x));
        }
    }
    CU_ASSERT_STRING_EQUAL(units_canonical(DIM_POWER_MW), "MW");
    CU_ASSERT_STRING_EQUAL(units_canonical(DIM_NONE), "");
    char buf[4] = "xyz";
    units_list(DIM_NONE, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "");
    units_list(DIM_POWER_MW, buf, sizeof buf);   /* truncated, terminated */
    CU_ASSERT_STRING_EQUAL(buf, "kW,");
}

/* The schema: a setting's dimension measures what its unit text says;
 * "1 <unit>" is 1 in the canonical unit wherever the unit text is a unit
 * the parser knows. Fractions ("1", "1/h", "1/a") are written with "%". */
static void check_entry(const SchemaEntry *e)
{
    if (e->dim == DIM_NONE) return;
    CU_ASSERT(e->kind == SK_NUMBER || e->kind == SK_SCHEDULE || e->kind == SK_VECTOR || e->kind == SK_CURVE);
    char text[64];
    double x = 0;
    if (e->dim == DIM_FRACTION) {
        CU_ASSERT(strcmp(e->unit, "1") == 0 || strcmp(e->unit, "1/h") == 0 || strcmp(e->unit, "1/a") == 0);
        CU_ASSERT(strstr(e->path, "_frac") != NULL);
        return;
    }
    snprintf(text, sizeof text, "1 %s", e->unit);
    Status st = units_parse_quantity(text, e->dim, &x, NULL, 0);
    if (st != ST_OK || x != 1) fprintf(stderr, "\n%s: unit %s does not match its dimension\n", e->path, e->unit);
    CU_ASSERT(st == ST_OK && x == 1);
}

static void schema_dimensions(void)
{
    int quantities = 0;
    for (int i = 0; i < schema_count(); i++) {
        const SchemaEntry *e = schema_get(i);
        check_entry(e);
        quantities += e->dim != DIM_NONE;
        for (int k = 0; k < e->n_fields; k++) {
            check_entry(&e->fields[k]);
            quantities += e->fields[k].dim != DIM_NONE;
        }
    }
    CU_ASSERT(quantities >= 30);
    CU_ASSERT_EQUAL(schema_find("coal_mining.capacity_mt")->dim, DIM_MASS_MT);
    CU_ASSERT_EQUAL(schema_find("load.annual_gwh")->dim, DIM_ENERGY_GWH);
    CU_ASSERT_EQUAL(schema_find("economy.gdp_base_yi_yuan")->dim, DIM_MONEY_YI_YUAN);
    CU_ASSERT_EQUAL(schema_find("wind.hub_height_m")->dim, DIM_NONE);   /* no lengths */
}

/* Random texts from the pieces quantities are made of: never a crash (run
 * under ASan in make check), and a success is always finite. The
 * generator is a local LCG: no global state. */
static void fuzz(void)
{
    static const char *const pieces[] = { "0", "1", "9", ".", "e", "E", "+", "-", " ", "\t", "%", "万", "亿",
        "千瓦", "时", "吨", "标煤", "元", "MW", "GW", "k", "h", "/", "kg", "\xe4", "\xff", "\xe3\x80\x80",
        "nan", "inf", "99999", "e-400", "e400", "\x01" };
    unsigned long long r = 88172645463325252ULL;
    int n_ok = 0;
    for (int iter = 0; iter < 20000; iter++) {
        char text[128];
        size_t o = 0;
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        int n = (int)((r >> 33) % 8);
        for (int k = 0; k < n; k++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *p = pieces[(r >> 33) % (sizeof pieces / sizeof pieces[0])];
            size_t len = strlen(p);
            if (o + len >= sizeof text) break;
            memcpy(text + o, p, len);
            o += len;
        }
        text[o] = '\0';
        Dimension d = (Dimension)((r >> 20) % DIM_COUNT);
        double x = 0;
        char err[384], sugg[64];
        if (units_parse_quantity(text, d, &x, err, sizeof err) == ST_OK) {
            n_ok++;
            CU_ASSERT(isfinite(x));
        } else {
            CU_ASSERT(strlen(err) > 0);
            units_suggest(text, d, sugg, sizeof sugg);
        }
    }
    CU_ASSERT(n_ok > 0);
}

void register_test_units(void);

void register_test_units(void)
{
    CU_pSuite s = CU_add_suite("test_units", NULL, NULL);
    CU_add_test(s, "parses", parses);
    CU_add_test(s, "errors", errors);
    CU_add_test(s, "lists agree", lists_agree);
    CU_add_test(s, "schema dimensions", schema_dimensions);
    CU_add_test(s, "fuzz", fuzz);
}
