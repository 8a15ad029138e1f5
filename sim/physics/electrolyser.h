/* electrolyser.h — electrolysers, their hydrogen store, and what the hydrogen
 * serves: CO2 hydrogenation to methanol and fuel-cell trucks in coal haulage
 * (docs/hydrogen.md). Pure functions: no I/O, no configuration types.
 *
 * The electrolyser is a flexible load fed only by surplus renewable power
 * (never by coal or imports: below its minimum load it idles). Each hour:
 *   1. the hour's hydrogen demand d (kg, flat draws of the methanol plant and
 *      the trucks) is served from the store and the hour's production;
 *   2. the electrolyser runs at p = min(surplus, capacity) MW if p is at least
 *      its minimum load, else 0; it makes p x kg_per_mwh kg;
 *   3. p is cut so that the store (after the hour's delivery) does not exceed
 *      its capacity; if the cut takes p below the minimum load it is 0.
 * Invariant: 0 <= store <= store_max_kg; made = delivered + (store' - store);
 * delivered + unmet = d; 0 <= p <= capacity, p = 0 or p >= min load. */
#ifndef ECSIM_ELECTROLYSER_H
#define ECSIM_ELECTROLYSER_H

#include "model.h"

/* Molar masses, g/mol (IUPAC 2021 standard atomic weights: C 12.011,
 * H 1.008, O 15.999). */
#define H2_M_CO2 44.009
#define H2_M_H2 2.016
#define H2_M_CH3OH 32.042
/* CO2 + 3 H2 -> CH3OH + H2O: t CO2 and t H2 per t methanol (1.3735, 0.18875). */
#define H2_STOICH_CO2_T_PER_T (H2_M_CO2 / H2_M_CH3OH)
#define H2_STOICH_H2_T_PER_T (3.0 * H2_M_H2 / H2_M_CH3OH)

/* One year's electrolyser and store limits. */
typedef struct {
    double power_mw;        /* electric input capacity */
    double min_mw;          /* minimum load: runs at 0 or at least this */
    double kg_per_mwh;      /* 1000 / kWh per kg */
    double store_max_kg;    /* usable hydrogen store */
} ElyLimits;

/* One hour's result. */
typedef struct {
    double power_mw;        /* electricity taken */
    double made_kg;         /* hydrogen produced */
    double delivered_kg;    /* hydrogen delivered to the demand */
    double unmet_kg;        /* demand not served */
} ElyHour;

/* One hour: surplus_mw offered to the electrolyser, demand_kg drawn, *store_kg
 * updated (see the header comment). */
ElyHour ely_hour(const ElyLimits *lim, double surplus_mw, double demand_kg, double *store_kg);

/* The limits of a year from capacity (MW), the specific consumption and
 * minimum load of p and the store size. */
ElyLimits ely_limits(const ElectrolyserParams *p, double capacity_mw);

/* Methanol synthesis of a year (t): what the plant can make from the CO2
 * available, at most its capacity (the rate its hydrogen draw is set to):
 * min(capacity_t, co2_available_t / co2_t_per_t); 0 if either is <= 0. */
double methanol_planned_t(const MethanolParams *p, double capacity_t, double co2_available_t);

/* Methanol made from the hydrogen actually delivered to the plant and the
 * CO2 available: min(h2_t / h2_t_per_t, co2_t / co2_t_per_t, capacity_t),
 * with the CO2 it takes and the hydrogen it uses. */
typedef struct {
    double methanol_t, co2_used_t, h2_used_t;
} MethanolYear;
MethanolYear methanol_year(const MethanolParams *p, double capacity_t, double h2_t, double co2_t);

/* Hydrogen trucks in coal haulage, from the hydrogen delivered to them. */
typedef struct {
    double demand_t;        /* hydrogen the fleet would use in the year */
    double km;              /* truck-km driven on hydrogen */
    double diesel_t;        /* diesel those km would have burnt */
    double diesel_tce;      /* ... in standard coal */
    double co2_t;           /* ... and its CO2 */
    double haulage_share_frac;   /* tonne-km on hydrogen over coal output x distance */
} TruckYear;
/* trucks in service, h2_delivered_t to them, coal_output_t hauled (for the
 * share; 0: share 0). */
TruckYear trucks_year(const TruckParams *p, double trucks, double h2_delivered_t, double coal_output_t);

#endif
