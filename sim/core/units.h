/* units.h — quantities as planners write them ("320万千瓦", "3.2 GW",
 * "0.29亿吨标煤", "85 %") to numbers in a setting's canonical unit, with a
 * dimension check (DESIGN §8, STYLE §2). Pure functions: no state, no I/O,
 * no locale dependence beyond the C locale's '.' (see units.c). */
#ifndef ECSIM_UNITS_H
#define ECSIM_UNITS_H

#include <stddef.h>

#include "status.h"

/* What a quantity setting measures, together with its canonical unit (the
 * unit in the setting's name). DIM_NONE: a plain number, no unit strings. */
typedef enum {
    DIM_NONE = 0,
    DIM_POWER_MW,               /* MW (MWp for PV) */
    DIM_ENERGY_MWH,             /* MWh */
    DIM_ENERGY_GWH,             /* GWh (load.annual_gwh) */
    DIM_MASS_MT,                /* Mt of raw coal (per year for capacities) */
    DIM_COAL_MTCE,              /* Mt of standard coal equivalent */
    DIM_MONEY_YI_YUAN,          /* 亿元 (1e8 yuan) */
    DIM_TIME_H,                 /* h */
    DIM_FRACTION,               /* 1 (0.85); "85 %" */
    DIM_CALORIFIC_KCAL_PER_KG,  /* kcal/kg */
    DIM_COAL_GCE_PER_KWH,       /* gce/kWh */
    DIM_COAL_KGCE_PER_KWH,      /* kgce/kWh */
    DIM_CO2_KG_PER_KWH,         /* kg CO2/kWh */
    /* money per quantity (costs group, docs/costs.md) */
    DIM_YUAN_PER_KW,            /* 元/kW of capacity */
    DIM_YUAN_PER_KWH,           /* 元/kWh (tariffs; storage energy capacity) */
    DIM_YUAN_PER_MWH,           /* 元/MWh (variable O&M) */
    DIM_YUAN_PER_KW_A,          /* 元/kW/yr (fixed O&M) */
    DIM_YUAN_PER_T,             /* 元/t of raw coal, or per t/yr of mine capacity */
    DIM_COUNT
} Dimension;

/* Parses text, a number followed by a unit ("3.2 GW", "3200MW",
 * "320万千瓦"; spaces around and between optional), into *canonical, the
 * value in want's canonical unit. The number is [+-]digits[.digits][e[+-]digits]
 * in ASCII; NaN, infinity, an empty text, a missing or unknown unit, a unit
 * of another dimension and trailing text are errors. Power-of-ten unit
 * factors are applied to the decimal text before conversion, so a
 * conversion is correctly rounded ("0.29亿吨标煤" is exactly 29 Mtce).
 * On error, err (errlen bytes, may be 0) gets a message that quotes the
 * text (control bytes and invalid UTF-8 shown as '?') and lists the
 * accepted units; *canonical is untouched.
 * Returns ST_OK; ST_CONFIG_TYPE (not a number with a unit, or want is
 * DIM_NONE); ST_CONFIG_INVALID (unknown unit, wrong dimension);
 * ST_CONFIG_RANGE (not finite after conversion). */
Status units_parse_quantity(const char *text, Dimension want, double *canonical, char *err,
                            size_t errlen);

/* For a text units_parse_quantity rejected for an unknown unit: writes
 * the accepted unit of want nearest to the one written into buf (n bytes)
 * and returns 1; 0 (and buf "") when none is near. */
int units_suggest(const char *text, Dimension want, char *buf, size_t n);

/* The canonical unit of d ("MW"), "" for DIM_NONE. */
const char *units_canonical(Dimension d);
/* What d measures ("power"), "" for DIM_NONE. */
const char *units_noun(Dimension d);
/* An example quantity string of d ("320万千瓦"), "" for DIM_NONE. */
const char *units_example(Dimension d);
/* Writes the units accepted for d, comma-separated, into buf (always
 * terminated when n > 0). */
void units_list(Dimension d, char *buf, size_t n);

#endif
