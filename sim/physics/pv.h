/* pv.h — PVWatts-v5-class PV plant: incidence and tracking, Perez 1990
 * transposition, cover loss, Fuentes (or SAPM) cell temperature, DC and inverter
 * (DESIGN §4; Dobos 2014, NREL/TP-6A20-62641). Nothing here allocates,
 * prints or reads files; a PvModel is read-only once initialised. */
#ifndef ECSIM_PV_H
#define ECSIM_PV_H

#include "model.h"
#include "solarpos.h"
#include "weather.h"

#define PV_SKY_DERATE_STEP_DEG 0.5
#define PV_SKY_DERATE_N 181             /* surface tilt 0..90 deg */
#define PV_IAM_N 512                    /* cover IAM table: cos(aoi) in [0, 1] in 512 steps */
#define PV_AIRMASS_STEP_DEG 0.1
#define PV_AIRMASS_N 876                /* Kasten's (93.9 - z)^-1.253 for z in 0..87.5 deg */

/* Plant constants precomputed from PvParams (angles in radians). */
typedef struct {
    PvTracking tracking;
    double tilt_rad, azimuth_rad;        /* fixed surface, or tracker axis */
    double cos_tilt, sin_tilt;
    double rotation_limit_rad;
    double gcr;
    double albedo;
    int ar_glass;                        /* premium module: anti-reflective coating */
    double iam_norm;                     /* cover transmittance at 1 deg incidence */
    double gamma_per_c;                  /* power temperature coefficient, 1/C */
    double dc_derate;                    /* 1 - DC system losses */
    double dc_per_wm2;                   /* dc_derate / 1000 W/m2 */
    double ac_max_frac;                  /* AC nameplate per DC nameplate, 1/dc_ac_ratio */
    double eta_nom;                      /* inverter efficiency at rated power */
    double eta_scale;                    /* eta_nom / 0.9637, the curve's full-load value */
    double dc_inv_frac;                  /* DC input at rated AC output, per DC nameplate */
    /* Fuentes (1987) thermal model, fixed by the INOCT */
    double inoct_k, cap_j_m2k, tgrat, convrt;
    double wind_to_module;               /* (5 m / 9.144 m)^0.2 */
    double force_lam, force_turb;        /* forced-convection prefactors (SAM's form) */
    /* The same correlations as powers of the wind, |Tmod - Tair| and the
     * film temperature (pv.c, heat_balance): ln of the prefactors of
     * hfree^3 and of hforce^3 (laminar, turbulent), and of the Reynolds
     * number's threshold. */
    double ln_free3, ln_force3_lam, ln_force3_turb, ln_re_thr;
    /* Sandia's closed form instead (cell_temp_model "sapm"): Tm = E exp(a +
     * b WS10) + Ta, Tc = Tm + E / 1000 dT (King et al. 2004, eq. 11-12). */
    int sapm;
    double sapm_a, sapm_b, sapm_dt;
    /* cover IAM by cos(aoi), and Kasten's air-mass term by zenith */
    double iam_by_cos[PV_IAM_N + 1];
    double airmass_term[PV_AIRMASS_N + 1];
    /* sky view derate of self-shaded one-axis rows by surface tilt (1 otherwise) */
    double sky_derate[PV_SKY_DERATE_N];
} PvModel;

void pv_model_init(PvModel *m, const PvParams *p);

/* AC output per unit of DC nameplate (MW_ac per MW_dc, in [0, 1/dc_ac_ratio])
 * for each hour h < wx->hours, before degradation and availability: the
 * caller multiplies by installed capacity x degradation. Reads wx->dni_wm2,
 * dhi_wm2, temp_c and wind_ms (at wx->wind_height_m, brought to 10 m with a
 * 1/7 power law). sun must be the table of the same year (sun->hours >=
 * wx->hours); its cos_zenith, where positive, must be cos(zenith_deg), as
 * suntable_build makes it. */
void pv_unit_output(const PvModel *m, const SunTable *sun, const WeatherYear *wx, double *out_frac);

/* The terms of one hour that depend on the sun and the array alone, not on
 * the weather (pv.c, sun_hour): orientation and incidence, Perez's air
 * mass and zenith terms, the cover loss, the rows' shading and view
 * factors. */
typedef struct {
    double zen, cz, extra;               /* zenith (rad), its cosine, extraterrestrial normal W/m2 */
    double cos_aoi, cpos;                /* cos(aoi), and its positive part */
    double opct, omct, sin_tilt;         /* 1 + cos(tilt), 1 - cos(tilt), sin(tilt) of the surface */
    double zh, am_den, z3, one_z3;       /* Perez: max(cz, cos 85), cz + 0.15 Kasten term, 5.534e-6 z^3, 1 + z3 */
    double one_m_iam;                    /* 1 - cover IAM (iam_on) */
    double keep, fsky;                   /* one-axis rows: unshaded beam share, sky view derate */
    double gd_cosz, gd_f1, gd_a, gd_b;   /* one-axis rows: ground-reflected derate terms */
    unsigned char up, low, beam_ok, iam_on, shaded;
} PvSunHour;

/* Those terms for every hour of one year at one site, for one array
 * geometry: built once (pv_sun_year_build, from the year's sun table) and
 * shared read-only by every weather member of that site and year, so a
 * member's hourly PV work is Perez's sky on its DNI and DHI, the cell
 * temperature and the DC/AC step. */
typedef struct {
    int hours;
    PvModel geometry;                    /* the model it was built for */
    PvSunHour hour[ECSIM_MAX_HOURS];
} PvSunYear;

void pv_sun_year_build(PvSunYear *y, const PvModel *m, const SunTable *sun, int hours);
/* 1 if y serves model m (same tracking, tilt, azimuth, rotation limit,
 * ground cover ratio, albedo and cover) for a year of `hours` hours. */
int pv_sun_year_fits(const PvSunYear *y, const PvModel *m, int hours);
/* pv_unit_output from the year's prebuilt terms: the same values. */
void pv_unit_output_sun(const PvModel *m, const PvSunYear *y, const WeatherYear *wx, double *out_frac);

/* Plane-of-array pieces for one hour (W/m2, degrees). For one-axis trackers
 * without backtracking they include the rows' self-shading (beam shaded
 * fraction, sky and ground view-factor derates); poa = beam + sky_diffuse +
 * ground. The sun must be up (zenith may slightly exceed 90 in
 * a sunrise or sunset hour). */
typedef struct { double aoi_deg, surface_tilt_deg, surface_azimuth_deg, beam, sky_diffuse, ground, poa; } PvPoa;
void pv_poa(const PvModel *m, double zenith_deg, double azimuth_deg, double dni, double dhi, PvPoa *out);

/* The stages after the POA, exposed for tests and diagnostics. */

/* Cover transmittance relative to normal incidence (Fresnel + Bouguer,
 * glass n = 1.526; premium adds an n = 1.3 anti-reflective layer), from
 * the formula. */
double pv_cover_iam(const PvModel *m, double aoi_deg);
/* The same from the model's table by cos(aoi), as pv_unit_output uses it
 * (within 2e-5 of the formula over 0-89.9 deg, see pv.c). */
double pv_cover_iam_cos(const PvModel *m, double cos_aoi);

/* Module temperature state carried from hour to hour (Fuentes 1987):
 * temperature and absorbed irradiance at the end of the last step; then,
 * from that step's last evaluation, its point, convection coefficient,
 * free-convection share of its cube, decay factor and wind at the module,
 * which only seed the next step's first estimate (hconv 0: none). */
typedef struct {
    double tmod_k, sun_abs_wm2;
    double seed_k, hconv_wm2k, free_share, decay, wind_ms;
} PvThermal;
void pv_thermal_init(PvThermal *st);   /* 20 C, no irradiance: SAM's start */
/* One hour of the transient heat balance: poa in W/m2, wind at 10 m, air
 * temperature in C; returns the cell temperature in C, the balance's fixed
 * point to 1e-4 K. poa <= 0 resets the state to ambient. */
double pv_cell_temp(const PvModel *m, PvThermal *st, double poa_wm2, double wind10_ms, double temp_c);
/* Sandia's steady cell temperature (SAPM, King, Boyson and Kratochvil 2004,
 * SAND2004-3535, eq. 11-12, Table 1's a, b, dT of the model's mounting):
 * poa in W/m2, wind at 10 m, air temperature in C; poa <= 0: the air's. */
double pv_cell_temp_sapm(const PvModel *m, double poa_wm2, double wind10_ms, double temp_c);

/* DC output per unit of DC nameplate after temperature and system losses,
 * from the irradiance transmitted through the cover (W/m2). */
double pv_dc_frac(const PvModel *m, double tpoa_wm2, double tcell_c);
/* Inverter: AC per unit DC nameplate from DC per unit DC nameplate, with
 * PVWatts v5's part-load curve and clipping at 1/dc_ac_ratio. */
double pv_dc_to_ac(const PvModel *m, double dc_frac);

#endif
