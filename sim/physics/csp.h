/* csp.h — concentrated solar power: a molten-salt tower with a surround
 * heliostat field, two-tank thermal storage and a steam turbine with a
 * minimum load (docs/csp.md). Pure physics: no allocation, I/O or globals.
 *
 * Units: _mw electric (net), _mwt thermal power, _mwht thermal energy; one
 * hour per step, so MWt and MWht per hour are the same number.
 *
 * Invariants of csp_dispatch_year, every hour h:
 *   field + discharge = to_turbine + startup + charge + dumped     (heat)
 *   soc_end = soc_start - storage_loss + charge - discharge,  0 <= soc <= max
 *   elec = to_turbine * net_eff,  elec = 0 or min_load <= elec <= capacity,
 *   startup > 0 only in an hour in which the turbine starts. */
#ifndef ECSIM_CSP_H
#define ECSIM_CSP_H

#include "model.h"
#include "solarpos.h"

/* CspParams, the plant's parameters (config group "csp"), is plain data of
 * the Scenario in model.h. Defaults and their sources: csp_params_default
 * and docs/csp.md. */

/* Fills p with the defaults of docs/csp.md (SAM's molten-salt tower, the
 * Hami/Naomaohu 50 MW plant); capacity_mw empty (no plant). */
void csp_params_default(CspParams *p);

/* Name of the first parameter out of range ("csp.solar_multiple" ...) with
 * a short reason in *why, or NULL if p is usable. Ranges: efficiencies and
 * fractions in (0, 1] or [0, 1) as physics requires, solar_multiple > 0,
 * storage_h >= 0, design_dni_wm2 > 0, zenith in [0, 90), target elevation in
 * (0, 90], receiver_min_frac <= 1 <= receiver_max_frac. */
const char *csp_params_invalid(const CspParams *p, const char **why);

/* Design quantities per MW of net turbine capacity, derived from p. */
typedef struct {
    double net_eff;                  /* cycle_eff_frac * gross_to_net_frac */
    double turbine_in_mwt;           /* thermal input at full net output, 1 / net_eff */
    double receiver_mwt;             /* receiver design output, SM * turbine_in_mwt */
    double receiver_loss_mwt;        /* receiver_loss_frac * receiver_mwt */
    double absorbed_mwt;             /* absorbed at the design point, receiver + loss */
    double storage_mwht;             /* storage_h * turbine_in_mwt */
    double cosine_design;            /* field-average cosine factor at the design point */
    double aperture_m2;              /* heliostat area, absorbed / (absorptance eta_opt DNI) */
} CspDesign;

void csp_design(const CspParams *p, CspDesign *d);

/* Field-average cosine efficiency of a surround field (heliostats spread
 * evenly in azimuth around the tower) at sun elevation elev_deg, for a
 * receiver seen at elevation target_elev_deg from the field:
 *   c = 1/(2 pi) int_0^2pi sqrt((1 + sin a sin e + cos a cos e cos phi) / 2) dphi,
 * the heliostat normal bisecting sun and receiver directions. In (0, 1]. */
double csp_cosine_surround(double elev_deg, double target_elev_deg);

/* Receiver thermal output per MW of net turbine capacity (MWt/MW) for hours
 * 0 .. hours-1 from DNI (W/m2) and the sun table of the same year (hours <=
 * sun->hours; its cos_zenith, where positive, must be cos(zenith_deg), as
 * suntable_build makes it: it gives the sun's elevation). The receiver runs when the sun is up, its elevation is at
 * least field_stow_elev_deg, DNI >= field_min_dni_wm2 and its output clears
 * receiver_min_frac; it delivers
 *   absorbed_mwt * DNI/design_dni * c(elev)/c(design) - receiver_loss_mwt,
 * capped at receiver_max_frac * receiver_mwt (the rest is defocused in the
 * field), less receiver_startup_frac * receiver_mwt in its first hour after
 * being off (hour 0 counts as after off). Multiply by the capacity in force. */
void csp_field_year(const CspParams *p, const SunTable *sun, const double *dni_wm2, int hours,
                    double *field_mwt_per_mw);

/* Carried from hour to hour and year to year. */
typedef struct {
    double soc_mwht;                 /* heat in the hot tank above the cold-tank state */
    int running;                     /* turbine on in the last hour */
} CspState;

/* State at the start of the first year: initial_storage_frac of the
 * storage of cap_mw, turbine off. */
void csp_initial_state(const CspParams *p, double cap_mw, CspState *st);

/* Hourly results, each an array of at least `hours` doubles, all required. */
typedef struct {
    double *elec_mw;                 /* net electric output, all of it */
    double *forced_mw;               /* part of elec_mw above the room (overflow) */
    double *to_turbine_mwt;          /* heat turned into elec_mw (elec / net_eff) */
    double *startup_mwt;             /* heat spent starting the turbine */
    double *charge_mwt;              /* field heat into storage */
    double *discharge_mwt;           /* storage heat into the turbine */
    double *dumped_mwt;              /* field heat defocused: storage full, turbine at its limit */
    double *storage_loss_mwt;        /* tank heat loss of the hour */
    double *soc_mwht;                /* storage at the end of the hour */
} CspSeries;

typedef struct {
    int hours_running, starts;
    double elec_mwh, forced_mwh;
    double field_mwht, to_turbine_mwht, startup_mwht, charge_mwht, discharge_mwht;
    double dumped_mwht, storage_loss_mwht;
    /* Heat above the storage of this year's capacity at the start of the
     * year (capacity reduced), removed from the state; 0 otherwise. */
    double retired_mwht;
    /* Invariant checks under -DECSIM_CHECKS (0 otherwise), as in dispatch.h. */
    int check_violations;
    int first_violation_hour;        /* -1 when none */
} CspReport;

/* Dispatches a plant of cap_mw (net, the capacity in force) over hours
 * 0 .. hours-1: field heat field_mwt_per_mw[h] * cap_mw, room_mw[h] the
 * electric output the system can take (negative = none). Each hour, after
 * the tank loss: the turbine serves min(room, cap_mw) from field heat then
 * storage, or stays off if that is below min_load_frac * cap_mw or the heat
 * is short (a turbine that was off also needs turbine_startup_h hours of
 * full-load input to start); field heat left over charges storage; what
 * storage cannot take raises the turbine above the room (forced_mw, up to
 * cap_mw, at least the minimum load, drawing the difference from the full
 * storage), and the rest is dumped. Starts from *st and writes it back.
 * No allocation or I/O. */
void csp_dispatch_year(const CspParams *p, double cap_mw, const double *field_mwt_per_mw,
                       const double *room_mw, int hours, CspState *st, const CspSeries *out,
                       CspReport *rep);

#endif
