/* tech.h — the technology registry: each technology of the model described
 * once (tech.def): its name and config group, labels, chart colour,
 * accounting role, and the per-year step that turns the scenario into its
 * hourly inputs, dispatch limits and annual facts. The hourly series and the
 * annual metrics it owns name it as their owner (series.def, metrics.def).
 * sim.c walks this table; it names no technology. */
#ifndef ECSIM_TECH_H
#define ECSIM_TECH_H

#include "annual.h"
#include "calendar.h"
#include "csp.h"
#include "model.h"
#include "pv.h"
#include "solarpos.h"
#include "status.h"
#include "weather.h"
#include "wind.h"

typedef enum {
    ROLE_NONE = 0,
    ROLE_NONFOSSIL,        /* used electricity is non-fossil primary energy */
    ROLE_FOSSIL_MINING,    /* primary fossil production */
    ROLE_FOSSIL_POWER,     /* burns fuel: CO2 */
    ROLE_DEMAND,           /* electricity use */
    ROLE_STORAGE,
    ROLE_EXCHANGE,         /* import and export over the line */
    ROLE_FOSSIL_CONVERSION, /* turns coal into products: energy use, feedstock, CO2 */
} AcctRole;

/* Per-scenario models of the technologies that need one (built once per
 * scenario by tech_prepare, read every year). */
typedef struct {
    WindModel wind;
    PvModel pv;
} TechModels;

/* What technologies carry from one year to the next (reset by tech_prepare). */
typedef struct {
    CspState csp;
    int csp_active;                 /* the last year built had a CSP plant */
} TechState;

/* What a technology's year step reads and writes. */
typedef struct {
    const Scenario *s;
    const Calendar *cal;
    const WeatherYear *wx;
    const SunTable *sun;
    const PvSunYear *pv_sun;        /* the year's PV sun terms for models->pv, or NULL */
    const TechModels *models;
    int year, monthly;              /* monthly: COMMISSION_MONTHLY */
    int first;                      /* 1 in the first year of the run */
    TechState *state;               /* carried from year to year */
    double *const *buf;             /* buf[id]: the writable buffer of input series id,
                                     * all 0 at the start of a scenario */
    double *scratch;                /* ECSIM_MAX_HOURS doubles, free for any step */
    YearFacts *facts;
    DispatchLimits *lim;
    unsigned long seed, member;     /* the run's random streams (outages: rng.h) */
} TechYear;

typedef struct {
    TechId id;
    const char *name;               /* = its config group ("system": none) */
    const char *label_zh, *label_en;
    const char *colour;             /* chart colour, "#RRGGBB" */
    AcctRole role;
    int curtailable;                /* in the pool of variable sources dispatch curtails */
    SeriesId avail_series;          /* hourly available power, or SER_NONE */
    SeriesId used_series;           /* hourly power taken by the system, or SER_NONE */
    /* Generating technologies (MET_NONE otherwise): */
    MetricId used_metric;           /* MWh taken by the system */
    MetricId avail_metric;          /* MWh available (before curtailment) */
    MetricId capacity_metric;       /* MW in force */
    MetricId flh_metric;            /* used / capacity, h */
    MetricId avail_flh_metric;      /* available / capacity, h */
    /* Fills the technology's input series, limits and facts of ty->year;
     * runs in tech.def order (coal mining before load: mining electricity
     * is load; CSP after wind, PV, load, export and coal: it fills the room
     * they leave). Called once per year. */
    Status (*build_year)(const TechYear *ty);   /* ST_OK, or why the year cannot be built */
    /* Presentation: */
    int stack;                      /* position of its supply series in the charts' supply
                                     * stack, 1 = bottom; 0: it has none */
    const char *stack_colour;       /* that segment's colour; NULL: colour */
} Tech;

int tech_count(void);
const Tech *tech_get(int i);                  /* i = TechId */
const Tech *tech_find(const char *name);      /* NULL if unknown */

/* Builds the per-scenario models and resets the carried state; errors go
 * to d located at the group. */
Status tech_prepare(TechModels *m, TechState *state, const Scenario *s, Diag *d);

#endif
