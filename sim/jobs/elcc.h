/* elcc.h — the capacity credit (effective load-carrying capability, ELCC)
 * of wind, PV and storage by equivalent firm capacity, for every year of the
 * plan or one, from the weather members of an ensemble (docs/adequacy.md).
 *
 * For each weather member m = 1..runs (the members of `ecsim ensemble
 * --runs N` with the same seed: sim_run(s, m)): run the scenario as it is
 * (LOLE_with, per year) and, per resource, with the resource removed (its
 * capacity schedule 0 in every year). The equivalent firm capacity F of a
 * year is the least capacity of a perfectly reliable generator, dispatched
 * last (it serves only what would otherwise go unserved, so it changes no
 * other decision of the hour), that brings the LOLE without the resource
 * down to LOLE_with: LOLE_without(F) = the hours with unserved_without > F.
 * F is found by bisection to tol_frac of the resource's nameplate. Per
 * member (its spread) and pooled over the members (the F that matches the
 * members' summed LOLE). */
#ifndef ECSIM_ELCC_H
#define ECSIM_ELCC_H

#include "model.h"
#include "status.h"

enum { ELCC_MAX_MEMBERS = 1000, ELCC_MAX_TECHS = 3 };

typedef struct {
    TechId tech[ELCC_MAX_TECHS];    /* TECH_WIND, TECH_SOLAR, TECH_STORAGE, each at most once */
    int n_tech;
    int runs;                       /* members 1 .. runs */
    int year;                       /* 0: every year of the plan; else that year */
    double tol_frac;                /* bisection width, fraction of nameplate (0.01) */
    double lole_target_h;           /* > 0: first scale each year's local load (load.annual_gwh)
                                     * so that the members' mean LOLE with every resource reaches
                                     * this in that year (the usual calibration to a criterion);
                                     * 0: as is */
} ElccSpec;

/* One resource in one year. */
typedef struct {
    TechId tech;
    int year;
    double nameplate_mw;            /* wind, PV (DC) capacity or storage power; 0: no row */
    double pooled_mw;               /* matching the members' summed LOLE */
    double mean_mw, sd_mw, min_mw, max_mw, p10_mw, p50_mw, p90_mw;   /* across members (type 7) */
    int capped;                     /* members where even F = nameplate leaves more LOLE */
    double lole_with_h, lole_without_h;   /* means over the members */
    double load_scale;              /* the factor on the year's load.annual_gwh (1 without a target) */
} ElccRow;

typedef struct {
    int n, n_tech, n_years, first_year;   /* members, resources, years from first_year */
    TechId tech[ELCC_MAX_TECHS];
    ElccRow *rows;                  /* [t * n_years + y] */
    double *load_scale;             /* [y] */
    double *lole_with;              /* [y * n + m]: hours short with every resource, member m + 1 */
    double *lole_without, *elcc_mw; /* [(t * n_years + y) * n + m] */
} ElccResult;

/* Computes r (freed with elcc_free, also after an error). ST_USAGE when the
 * spec asks for what the scenario does not have (a year outside its period,
 * a resource without capacity in every year asked for) or is out of range;
 * errors of the runs otherwise (to d). */
Status elcc_compute(const Scenario *s, const ElccSpec *spec, ElccResult *r, Diag *d);
void elcc_free(ElccResult *r);

static inline const ElccRow *elcc_row(const ElccResult *r, int t, int y)
{
    return &r->rows[t * r->n_years + y];
}

/* The LOLE without the resource plus F: hours of unserved[h] > F (with the
 * 1e-9 MW threshold of unserved_hours). Exposed for tests. */
int elcc_lole_with_firm(const double *unserved, int hours, double firm_mw);

/* "wind", "solar", "storage"; NULL for another tech. */
const char *elcc_tech_name(TechId t);
/* The tech of such a name; -1 if none. */
int elcc_tech_parse(const char *name, TechId *t);

#endif
