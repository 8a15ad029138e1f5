/* units.c — quantity strings to numbers in canonical units (DESIGN §8,
 * STYLE §2): one table of unit spellings, each with its class (power,
 * energy, ...) and its power-of-ten factor to the class's base unit.
 * Numbers: the syntax ([+-]digits[.digits][e[+-]digits], ASCII) is checked
 * here; strtod then converts the checked digits. strtod reads the decimal
 * point of the current locale, which is the C locale's '.' because ecsim
 * never calls setlocale (libconfig relies on the same); should a host
 * program set another locale, strtod would stop early, and that is
 * reported as an error, never misread. */
#include "units.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textdist.h"
#include "utf8.h"

typedef enum {
    CL_POWER, CL_ENERGY, CL_MASS, CL_COAL, CL_MONEY, CL_TIME, CL_FRACTION, CL_CALORIFIC,
    CL_COAL_RATE, CL_CO2_RATE, CL_YUAN_PER_POWER, CL_YUAN_PER_ENERGY, CL_YUAN_PER_POWER_YEAR,
    CL_YUAN_PER_MASS, CL_NONE
} UnitClass;

/* A spelling: value in the class's base unit = x * 10^pow10 / div. With cn
 * the Chinese multipliers 万 (1e4) and 亿 (1e8) may precede it. */
typedef struct {
    const char *name;
    UnitClass cls;
    int pow10;
    double div;
    int cn;
} Unit;

/* 1 kcal = 4.1868 kJ (International Table calorie; GB/T 2589-2020 uses it:
 * 1 kgce = 7000 kcal = 29.3076 MJ). */
#define KJ_PER_KCAL 4.1868

/* Base units: W, Wh, t, tce, yuan, h, 1, kcal/kg, gce/kWh, kg CO2/kWh. */
static const Unit unit_table[] = {
    { "kW", CL_POWER, 3, 1, 0 },
    { "MW", CL_POWER, 6, 1, 0 },
    { "GW", CL_POWER, 9, 1, 0 },
    { "kWp", CL_POWER, 3, 1, 0 },
    { "MWp", CL_POWER, 6, 1, 0 },
    { "GWp", CL_POWER, 9, 1, 0 },
    { "千瓦", CL_POWER, 3, 1, 1 },
    { "兆瓦", CL_POWER, 6, 1, 0 },
    { "吉瓦", CL_POWER, 9, 1, 0 },
    { "kWh", CL_ENERGY, 3, 1, 0 },
    { "MWh", CL_ENERGY, 6, 1, 0 },
    { "GWh", CL_ENERGY, 9, 1, 0 },
    { "TWh", CL_ENERGY, 12, 1, 0 },
    { "千瓦时", CL_ENERGY, 3, 1, 1 },
    { "度", CL_ENERGY, 3, 1, 1 },
    { "兆瓦时", CL_ENERGY, 6, 1, 0 },
    { "吉瓦时", CL_ENERGY, 9, 1, 0 },
    { "t", CL_MASS, 0, 1, 0 },
    { "kt", CL_MASS, 3, 1, 0 },
    { "Mt", CL_MASS, 6, 1, 0 },
    { "t/a", CL_MASS, 0, 1, 0 },
    { "kt/a", CL_MASS, 3, 1, 0 },
    { "Mt/a", CL_MASS, 6, 1, 0 },
    { "吨", CL_MASS, 0, 1, 1 },
    { "吨/年", CL_MASS, 0, 1, 1 },
    { "tce", CL_COAL, 0, 1, 0 },
    { "ktce", CL_COAL, 3, 1, 0 },
    { "Mtce", CL_COAL, 6, 1, 0 },
    { "吨标煤", CL_COAL, 0, 1, 1 },
    { "吨标准煤", CL_COAL, 0, 1, 1 },
    { "元", CL_MONEY, 0, 1, 1 },
    { "yuan", CL_MONEY, 0, 1, 0 },
    { "yi yuan", CL_MONEY, 8, 1, 0 },
    { "h", CL_TIME, 0, 1, 0 },
    { "小时", CL_TIME, 0, 1, 0 },
    { "%", CL_FRACTION, -2, 1, 0 },
    { "\xef\xbc\x85", CL_FRACTION, -2, 1, 0 },   /* full-width ％ */
    { "kcal/kg", CL_CALORIFIC, 0, 1, 0 },
    { "大卡", CL_CALORIFIC, 0, 1, 0 },
    { "大卡/千克", CL_CALORIFIC, 0, 1, 0 },
    { "千卡/千克", CL_CALORIFIC, 0, 1, 0 },
    { "kJ/kg", CL_CALORIFIC, 0, KJ_PER_KCAL, 0 },
    { "MJ/kg", CL_CALORIFIC, 3, KJ_PER_KCAL, 0 },
    { "gce/kWh", CL_COAL_RATE, 0, 1, 0 },
    { "kgce/kWh", CL_COAL_RATE, 3, 1, 0 },
    { "kgce/MWh", CL_COAL_RATE, 0, 1, 0 },
    { "克标煤/千瓦时", CL_COAL_RATE, 0, 1, 0 },
    { "克标准煤/千瓦时", CL_COAL_RATE, 0, 1, 0 },
    { "千克标煤/千瓦时", CL_COAL_RATE, 3, 1, 0 },
    { "kg/kWh", CL_CO2_RATE, 0, 1, 0 },
    { "t/MWh", CL_CO2_RATE, 0, 1, 0 },
    { "kgCO2/kWh", CL_CO2_RATE, 0, 1, 0 },
    { "tCO2/MWh", CL_CO2_RATE, 0, 1, 0 },
    { "gCO2/kWh", CL_CO2_RATE, -3, 1, 0 },
    { "千克/千瓦时", CL_CO2_RATE, 0, 1, 0 },
    /* Money per quantity: base units 元/kW, 元/kWh, 元/kW/yr, 元/t. With cn,
     * 万 and 亿 multiply the 元 ("1.2万元/千瓦" = 12000 元/kW). */
    { "元/kW", CL_YUAN_PER_POWER, 0, 1, 1 },
    { "元/千瓦", CL_YUAN_PER_POWER, 0, 1, 1 },
    { "元/W", CL_YUAN_PER_POWER, 3, 1, 1 },
    { "元/瓦", CL_YUAN_PER_POWER, 3, 1, 1 },
    { "元/MW", CL_YUAN_PER_POWER, -3, 1, 1 },
    { "yuan/kW", CL_YUAN_PER_POWER, 0, 1, 0 },
    { "元/kWh", CL_YUAN_PER_ENERGY, 0, 1, 1 },
    { "元/千瓦时", CL_YUAN_PER_ENERGY, 0, 1, 1 },
    { "元/度", CL_YUAN_PER_ENERGY, 0, 1, 1 },
    { "元/Wh", CL_YUAN_PER_ENERGY, 3, 1, 1 },
    { "元/MWh", CL_YUAN_PER_ENERGY, -3, 1, 1 },
    { "元/兆瓦时", CL_YUAN_PER_ENERGY, -3, 1, 1 },
    { "yuan/kWh", CL_YUAN_PER_ENERGY, 0, 1, 0 },
    { "yuan/MWh", CL_YUAN_PER_ENERGY, -3, 1, 0 },
    { "元/kW/a", CL_YUAN_PER_POWER_YEAR, 0, 1, 1 },
    { "元/千瓦/年", CL_YUAN_PER_POWER_YEAR, 0, 1, 1 },
    { "元/千瓦·年", CL_YUAN_PER_POWER_YEAR, 0, 1, 1 },
    { "元/(kW·a)", CL_YUAN_PER_POWER_YEAR, 0, 1, 1 },
    { "元/W/a", CL_YUAN_PER_POWER_YEAR, 3, 1, 1 },
    { "yuan/kW/a", CL_YUAN_PER_POWER_YEAR, 0, 1, 0 },
    { "元/t", CL_YUAN_PER_MASS, 0, 1, 1 },
    { "元/吨", CL_YUAN_PER_MASS, 0, 1, 1 },
    { "元/(t/a)", CL_YUAN_PER_MASS, 0, 1, 1 },
    { "元/吨/年", CL_YUAN_PER_MASS, 0, 1, 1 },
    { "yuan/t", CL_YUAN_PER_MASS, 0, 1, 0 },
};
#define N_UNITS ((int)(sizeof unit_table / sizeof unit_table[0]))

static const struct { const char *text; int pow10; } multipliers[] = {
    { "万", 4 },
    { "亿", 8 },
};

static const char *const class_nouns[] = {
    [CL_POWER] = "a power", [CL_ENERGY] = "an energy", [CL_MASS] = "a mass",
    [CL_COAL] = "an amount of standard coal", [CL_MONEY] = "a sum of money",
    [CL_TIME] = "a duration", [CL_FRACTION] = "a percentage",
    [CL_CALORIFIC] = "a calorific value", [CL_COAL_RATE] = "a coal use per kWh",
    [CL_CO2_RATE] = "an emission factor", [CL_YUAN_PER_POWER] = "a cost per kW",
    [CL_YUAN_PER_ENERGY] = "a price per kWh", [CL_YUAN_PER_POWER_YEAR] = "a cost per kW and year",
    [CL_YUAN_PER_MASS] = "a price per tonne", [CL_NONE] = "",
};

static const struct {
    UnitClass cls;
    int pow10;            /* canonical unit = 10^pow10 base units */
    const char *unit, *noun;
    const char *wanted;   /* for messages: "a power in MW" */
    const char *example;
} dims[DIM_COUNT] = {
    [DIM_NONE] = { CL_NONE, 0, "", "", "", "" },
    [DIM_POWER_MW] = { CL_POWER, 6, "MW", "power", "a power in MW", "320万千瓦" },
    [DIM_ENERGY_MWH] = { CL_ENERGY, 6, "MWh", "energy", "an energy in MWh", "1500 MWh" },
    [DIM_ENERGY_GWH] = { CL_ENERGY, 9, "GWh", "energy", "an energy in GWh", "15亿千瓦时" },
    [DIM_MASS_MT] = { CL_MASS, 6, "Mt", "mass", "a mass in Mt", "4500万吨" },
    [DIM_COAL_MTCE] = { CL_COAL, 6, "Mtce", "amount of standard coal",
                        "an amount of standard coal in Mtce", "0.29亿吨标煤" },
    [DIM_MONEY_YI_YUAN] = { CL_MONEY, 8, "亿元", "sum of money", "a sum of money in 亿元", "76.5亿元" },
    [DIM_TIME_H] = { CL_TIME, 0, "h", "duration", "a duration in h", "2 h" },
    [DIM_FRACTION] = { CL_FRACTION, 0, "1", "fraction", "a fraction (0.85 = 85 %)", "85 %" },
    [DIM_CALORIFIC_KCAL_PER_KG] = { CL_CALORIFIC, 0, "kcal/kg", "calorific value",
                                    "a calorific value in kcal/kg", "5500 kcal/kg" },
    [DIM_COAL_GCE_PER_KWH] = { CL_COAL_RATE, 0, "gce/kWh", "coal use per kWh",
                               "a coal use per kWh in gce/kWh", "300 gce/kWh" },
    [DIM_COAL_KGCE_PER_KWH] = { CL_COAL_RATE, 3, "kgce/kWh", "coal use per kWh",
                                "a coal use per kWh in kgce/kWh", "0.1229 kgce/kWh" },
    [DIM_CO2_KG_PER_KWH] = { CL_CO2_RATE, 0, "kg/kWh", "emission factor",
                             "an emission factor in kg/kWh", "0.57 kg/kWh" },
    [DIM_YUAN_PER_KW] = { CL_YUAN_PER_POWER, 0, "元/kW", "cost per kW", "a cost in 元/kW",
                          "4500元/千瓦" },
    [DIM_YUAN_PER_KWH] = { CL_YUAN_PER_ENERGY, 0, "元/kWh", "price per kWh", "a price in 元/kWh",
                           "0.25元/千瓦时" },
    [DIM_YUAN_PER_MWH] = { CL_YUAN_PER_ENERGY, -3, "元/MWh", "price per MWh", "a price in 元/MWh",
                           "15元/兆瓦时" },
    [DIM_YUAN_PER_KW_A] = { CL_YUAN_PER_POWER_YEAR, 0, "元/kW/a", "cost per kW and year",
                            "a cost in 元/kW/a", "100元/千瓦/年" },
    [DIM_YUAN_PER_T] = { CL_YUAN_PER_MASS, 0, "元/t", "price per tonne", "a price in 元/t", "600元/吨" },
};

enum { MANTISSA_MAX = 64, EXP_CAP = 100000, NAME_BUF = 48 };

static int valid_dim(Dimension d) { return d > DIM_NONE && d < DIM_COUNT; }

const char *units_canonical(Dimension d) { return valid_dim(d) ? dims[d].unit : ""; }
const char *units_noun(Dimension d) { return valid_dim(d) ? dims[d].noun : ""; }
const char *units_example(Dimension d) { return valid_dim(d) ? dims[d].example : ""; }

/* ---- text ---- */

/* Bytes of a blank at p: space, tab, no-break space, ideographic space. */
static size_t blank_len(const unsigned char *p)
{
    if (p[0] == ' ' || p[0] == '\t') return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;
    return 0;
}

static const char *skip_blanks(const char *p)
{
    size_t n;
    while ((n = blank_len((const unsigned char *)p)) > 0) p += n;
    return p;
}

/* Length of p without trailing blanks. */
static size_t trimmed_len(const char *p)
{
    size_t len = 0, i = 0;
    while (p[i]) {
        size_t n = blank_len((const unsigned char *)p + i);
        if (n) i += n;
        else len = ++i;   /* a non-blank byte; UTF-8 continuation bytes are never blanks */
    }
    return len;
}

/* At most len bytes of v, about 40 shown: user text that is safe in a message. */
static const char *shown(char *buf, size_t size, const char *v, size_t len)
{
    return utf8_shown(buf, size, v, len, 40);
}

/* ---- units ---- */

/* The unit spelled by the len bytes at u, with its multiplier; NULL if
 * unknown. */
static const Unit *find_unit(const char *u, size_t len, int *extra_pow10)
{
    *extra_pow10 = 0;
    for (int i = 0; i < N_UNITS; i++)
        if (strlen(unit_table[i].name) == len && memcmp(unit_table[i].name, u, len) == 0)
            return &unit_table[i];
    for (size_t m = 0; m < sizeof multipliers / sizeof multipliers[0]; m++) {
        size_t ml = strlen(multipliers[m].text);
        if (len <= ml || memcmp(u, multipliers[m].text, ml) != 0) continue;
        for (int i = 0; i < N_UNITS; i++)
            if (unit_table[i].cn && strlen(unit_table[i].name) == len - ml &&
                memcmp(unit_table[i].name, u + ml, len - ml) == 0) {
                *extra_pow10 = multipliers[m].pow10;
                return &unit_table[i];
            }
    }
    return NULL;
}

/* The spellings of class cls (with multipliers) into names[], at most max. */
static int class_names(UnitClass cls, char names[][NAME_BUF], int max)
{
    int k = 0;
    for (int i = 0; i < N_UNITS && k < max; i++) {
        if (unit_table[i].cls != cls) continue;
        snprintf(names[k++], NAME_BUF, "%s", unit_table[i].name);
        if (!unit_table[i].cn) continue;
        for (size_t m = 0; m < sizeof multipliers / sizeof multipliers[0] && k < max; m++)
            snprintf(names[k++], NAME_BUF, "%s%s", multipliers[m].text, unit_table[i].name);
    }
    return k;
}

enum { CLASS_NAMES_MAX = 32 };

void units_list(Dimension d, char *buf, size_t n)
{
    char names[CLASS_NAMES_MAX][NAME_BUF];
    if (n == 0) return;
    buf[0] = '\0';
    if (!valid_dim(d)) return;
    int k = class_names(dims[d].cls, names, CLASS_NAMES_MAX);
    size_t o = 0;
    for (int i = 0; i < k && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", names[i]);
}

/* ---- numbers ---- */

typedef struct {
    char mantissa[MANTISSA_MAX + 16];   /* sign, digits, '.', digits; room for "e-123456" */
    size_t len;
    long exp10;                         /* written exponent, capped at +-EXP_CAP */
    const char *end;                    /* first byte after the number */
} Number;

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Scans a decimal number at p. 0 if there is none (or it is too long). */
static int scan_number(const char *p, Number *num)
{
    size_t o = 0, digits = 0;
    if (*p == '+' || *p == '-') {
        if (*p == '-') num->mantissa[o++] = '-';
        p++;
    }
    for (; is_digit(*p); p++, digits++)
        if (o < MANTISSA_MAX) num->mantissa[o++] = *p;
        else return 0;
    if (*p == '.') {
        if (o >= MANTISSA_MAX) return 0;
        num->mantissa[o++] = '.';
        for (p++; is_digit(*p); p++, digits++)
            if (o < MANTISSA_MAX) num->mantissa[o++] = *p;
            else return 0;
    }
    if (digits == 0) return 0;
    num->mantissa[o] = '\0';
    num->len = o;
    num->exp10 = 0;
    if ((*p == 'e' || *p == 'E') &&
        (is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
        int neg = p[1] == '-';
        p += (p[1] == '+' || p[1] == '-') ? 2 : 1;
        long e = 0;
        for (; is_digit(*p); p++)
            if (e < EXP_CAP) e = e * 10 + (*p - '0');
        num->exp10 = neg ? -e : e;
    }
    num->end = p;
    return 1;
}

static int starts_nonfinite(const char *p)
{
    if (*p == '+' || *p == '-') p++;
    char w[4] = { 0 };
    for (int i = 0; i < 3 && p[i]; i++) w[i] = (char)(p[i] | 0x20);   /* ASCII lower case */
    return strcmp(w, "nan") == 0 || strcmp(w, "inf") == 0;
}

__attribute__((format(printf, 3, 4)))
static void say(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

Status units_parse_quantity(const char *text, Dimension want, double *canonical, char *err,
                            size_t errlen)
{
    char q[64], list[512];
    size_t tlen = text ? strlen(text) : 0;
    if (!text) text = "";
    shown(q, sizeof q, text, tlen);
    if (!valid_dim(want)) {
        say(err, errlen, "\"%s\": this setting takes a plain number, not a quantity with a unit", q);
        return ST_CONFIG_TYPE;
    }
    units_list(want, list, sizeof list);
    const char *p = skip_blanks(text);
    if (*p == '\0') {
        say(err, errlen, "empty quantity; expected a number with a unit, such as \"%s\"",
            dims[want].example);
        return ST_CONFIG_TYPE;
    }
    if (starts_nonfinite(p)) {
        say(err, errlen, "\"%s\" is not a finite number", q);
        return ST_CONFIG_RANGE;
    }
    Number num;
    if (!scan_number(p, &num)) {
        say(err, errlen, "\"%s\" is not a number with a unit (such as \"%s\")", q, dims[want].example);
        return ST_CONFIG_TYPE;
    }
    const char *u = skip_blanks(num.end);
    size_t ulen = trimmed_len(u);
    if (ulen == 0) {
        say(err, errlen, "\"%s\" has no unit: write a plain number (not a string) for %s, or add "
            "a unit (%s)", q, dims[want].wanted, list);
        return ST_CONFIG_INVALID;
    }
    int extra = 0;
    const Unit *unit = find_unit(u, ulen, &extra);
    char ub[64];
    if (!unit) {
        say(err, errlen, "unknown unit \"%s\" in \"%s\"; %s is written with: %s",
            shown(ub, sizeof ub, u, ulen), q, dims[want].wanted, list);
        return ST_CONFIG_INVALID;
    }
    if (unit->cls != dims[want].cls) {
        say(err, errlen, "\"%s\" is %s, but %s is expected (units: %s)", q,
            class_nouns[unit->cls], dims[want].wanted, list);
        return ST_CONFIG_INVALID;
    }
    /* The unit's power of ten joins the written exponent, so that strtod
     * rounds the decimal value in the canonical unit once. */
    long e = num.exp10 + unit->pow10 + extra - dims[want].pow10;
    snprintf(num.mantissa + num.len, sizeof num.mantissa - num.len, "e%ld", e);
    char *end = NULL;
    double x = strtod(num.mantissa, &end);
    if (end != num.mantissa + strlen(num.mantissa)) {
        say(err, errlen, "\"%s\": the C library does not read '.' as the decimal point (locale)", q);
        return ST_CONFIG_TYPE;
    }
    if (unit->div != 1) x /= unit->div;
    if (!isfinite(x)) {
        say(err, errlen, "\"%s\" is too large", q);
        return ST_CONFIG_RANGE;
    }
    *canonical = x + 0.0;   /* no -0 */
    return ST_OK;
}

static char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch; }

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower(*a) != lower(*b)) return 0;
    return *a == *b;
}

int units_suggest(const char *text, Dimension want, char *buf, size_t n)
{
    char names[CLASS_NAMES_MAX][NAME_BUF], u[NAME_BUF];
    const char *cand[CLASS_NAMES_MAX];
    if (n > 0) buf[0] = '\0';
    if (!text || !valid_dim(want) || n == 0) return 0;
    Number num;
    const char *p = skip_blanks(text);
    if (!scan_number(p, &num)) return 0;
    p = skip_blanks(num.end);
    size_t len = trimmed_len(p);
    if (len == 0 || len >= sizeof u) return 0;
    memcpy(u, p, len);
    u[len] = '\0';
    int extra;
    if (find_unit(u, len, &extra)) return 0;   /* a known unit: nothing to suggest */
    int k = class_names(dims[want].cls, names, CLASS_NAMES_MAX);
    const char *best = NULL;
    for (int i = 0; i < k && !best; i++)   /* "mw": a slip of case first, then edits */
        if (same_ignoring_case(u, names[i])) best = names[i];
    for (int i = 0; i < k; i++) cand[i] = names[i];
    if (!best) best = text_nearest(u, cand, (size_t)k);
    if (!best) return 0;
    snprintf(buf, n, "%s", best);
    return 1;
}
