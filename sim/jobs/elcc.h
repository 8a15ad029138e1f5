/* elcc.h — the capacity credit (effective load-carrying capability, ELCC)
 * of wind, PV or storage by equivalent firm capacity (docs/adequacy.md).
 *
 * For each weather member m and the chosen year: run the scenario as it is
 * (LOLE_with) and with the resource removed (its capacity schedule 0); the
 * equivalent firm capacity F is the least capacity of a perfectly reliable
 * generator, dispatched last (it serves only what would otherwise go
 * unserved, so it changes no other decision of the hour), that brings the
 * LOLE without the resource down to LOLE_with: LOLE_without(F) = the hours
 * with unserved_without > F. F is found by bisection to tol_frac of the
 * resource's nameplate. Per member (its spread) and pooled over the members
 * (the F that matches the members' summed LOLE). */
#ifndef ECSIM_ELCC_H
#define ECSIM_ELCC_H

#include "model.h"
#include "status.h"

enum { ELCC_MAX_MEMBERS = 1000 };

typedef struct {
    TechId tech;                    /* TECH_WIND, TECH_SOLAR or TECH_STORAGE */
    int runs;                       /* members 1 .. runs */
    int year;                       /* 0: the scenario's last year */
    double tol_frac;                /* bisection width, fraction of nameplate (0.01) */
    double lole_target_h;           /* > 0: first scale the local load (load.annual_gwh) so
                                     * that the members' mean LOLE with the resource reaches
                                     * this (the usual calibration to a criterion); 0: as is */
} ElccSpec;

typedef struct {
    int year, n;
    double nameplate_mw;            /* wind, PV (DC) capacity or storage power in the year */
    double lole_with[ELCC_MAX_MEMBERS], lole_without[ELCC_MAX_MEMBERS];
    double elcc_mw[ELCC_MAX_MEMBERS];    /* per member */
    double pooled_mw;               /* matching the members' summed LOLE */
    double mean_mw, sd_mw, min_mw, max_mw;
    int capped;                     /* members whose F reached the nameplate */
    double load_scale;              /* the factor on load.annual_gwh (1 without a target) */
} ElccResult;

/* Fills r (the caller's, large); ST_CONFIG_RANGE for a tech without
 * nameplate or a bad spec, errors of the runs otherwise (to d). */
Status elcc_compute(const Scenario *s, const ElccSpec *spec, ElccResult *r, Diag *d);

/* The LOLE without the resource plus F: hours of unserved[h] > F (with the
 * 1e-9 MW threshold of unserved_hours). Exposed for tests. */
int elcc_lole_with_firm(const double *unserved, int hours, double firm_mw);

#endif
