/* pv.c — PVWatts-v5-class PV plant model (DESIGN §4): orientation and
 * one-axis tracking, Perez 1990 sky, cover loss, Fuentes cell temperature,
 * DC with temperature coefficient and losses, inverter part-load curve and
 * clipping. The chain and its constants are those of PVWatts v5 (Dobos 2014,
 * NREL/TP-6A20-62641) as coded in SAM's pvwattsv5 (reference notes §6.3–6.5). */
#include "pv.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* fmax(x, lo) and fmin(x, hi) for a non-NaN bound, inlined (glibc's are
 * calls): a NaN x gives the bound, as with fmax and fmin. */
static inline double max_d(double x, double lo) { return x > lo ? x : lo; }
static inline double min_d(double x, double hi) { return x < hi ? x : hi; }

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)
#define DEG (180.0 / PI)
/* cos(0.5 deg) and cos(89.5 deg): aoi in (0.5, 89.5) deg iff cos(aoi) is
 * strictly between them (cos decreases on [0, 180] deg). */
#define COS_AOI_0_5 0.9999619230641713
#define COS_AOI_89_5 0.008726535498373897

/* ---- Perez et al. (1990) irradiance coefficients, Solar Energy 44(5) 271-289 ---- */
static const double PEREZ_EPS_EDGES[7] = {1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2};
static const double PEREZ_F[8][6] = {   /* F11 F12 F13 F21 F22 F23 per clearness bin */
    {-0.0083117, 0.5877285, -0.0620636, -0.0596012, 0.0721249, -0.0220216},
    {0.1299457, 0.6825954, -0.1513752, -0.0189325, 0.0659650, -0.0288748},
    {0.3296958, 0.4868735, -0.2210958, 0.0554140, -0.0639588, -0.0260542},
    {0.5682053, 0.1874525, -0.2951290, 0.1088631, -0.1519229, -0.0139754},
    {0.8730280, -0.3920403, -0.3616149, 0.2255647, -0.4620442, 0.0012448},
    {1.1326077, -1.2367284, -0.4118494, 0.2877813, -0.8230357, 0.0558651},
    {1.0601591, -1.5999137, -0.3589221, 0.2642124, -1.1272340, 0.1310694},
    {0.6777470, -0.3272588, -0.2504286, 0.1561313, -1.3765031, 0.2506212},
};

/* ---- Fuentes (1987) / PVFORM constants, as in PVWatts ---- */
#define BOLTZ 5.669e-8          /* Stefan-Boltzmann, W/m2K4 (PVFORM's value) */
#define ABSORB 0.83             /* module absorptivity */
#define EMMIS 0.84              /* module emissivity */
#define XLEN 0.5                /* characteristic length, m */
#define CAP0 11000.0            /* thermal capacitance, J/m2K */
#define ARRAY_HEIGHT_M 5.0
#define STATION_HEIGHT_M 9.144  /* 30 ft: the wind height the model assumes */
#define STEP_H 1.0              /* hourly data */

/* ---- cover (Fresnel + Bouguer), SAM lib_pv_incidence_modifier ---- */
#define N_GLASS 1.526
#define KL_GLASS (4.0 * 0.002)  /* K = 4 /m, L = 2 mm */
#define N_ARC 1.3
#define KL_ARC (4.0 * 0.00002)  /* coating 1/100 of the glass thickness */

/* Transmittance of a cover of index n_cover entered from a medium of index
 * n_in at incidence theta (rad): Fresnel's unpolarised reflection (Duffie &
 * Beckman §5.1) times Bouguer absorption; *theta_r gets the refracted angle. */
static double transmittance(double theta, double n_cover, double n_in, double kl, double *theta_r)
{
    double tr = asin(n_in / n_cover * sin(theta));
    double s = sin(tr - theta) / sin(tr + theta);
    double t = tan(tr - theta) / tan(tr + theta);
    if (theta_r) *theta_r = tr;
    return (1.0 - 0.5 * (s * s + t * t)) * exp(-kl / cos(tr));
}

static double cover_tau(double theta, int ar_glass)
{
    if (!ar_glass) return transmittance(theta, N_GLASS, 1.0, KL_GLASS, NULL);
    double theta2;
    double tau_c = transmittance(theta, N_ARC, 1.0, KL_ARC, &theta2);
    return tau_c * transmittance(theta2, N_GLASS, N_ARC, KL_GLASS, NULL);
}

double pv_cover_iam(const PvModel *m, double aoi_deg)
{
    /* SAM keeps the angle within [0.5, 89.5] deg; the formula is 0/0 at 0. */
    double a = fmin(fmax(aoi_deg, 0.5), 89.5);
    return cover_tau(a * RAD, m->ar_glass) / m->iam_norm;
}

/* The same by linear interpolation in a table of the formula at cos(aoi) =
 * i/512 (pv_model_init; cos(aoi) clamped as pv_cover_iam clamps the
 * angle): the IAM is smooth in cos(aoi), near-linear towards grazing
 * incidence and flat near normal, so the error stays below 2e-5 (test_pv
 * checks 0-89.9 deg), times cos(aoi) below 1.2e-6: the beam loss
 * (1 - IAM) DNI cos(aoi) within 0.0012 W/m2. And no acos is needed. */
double pv_cover_iam_cos(const PvModel *m, double cos_aoi)
{
    double x = min_d(max_d(cos_aoi, COS_AOI_89_5), COS_AOI_0_5) * PV_IAM_N;
    int i = (int)x;
    return m->iam_by_cos[i] + (x - i) * (m->iam_by_cos[i + 1] - m->iam_by_cos[i]);
}

/* Fraction of the isotropic sky that a row of one-axis trackers still sees
 * over its width when the next row masks part of it (Deline's geometry as in
 * SAM's sssky_diffuse_table::compute: the same 250-point sum over the
 * height up the row; SAM caches it by whole degrees of tilt, this by
 * interpolation in a 0.5 deg table). SAM's per-point ratio of sky view
 * angles, (pi + pi/sqrt(1 + tan^2(b + g))) / (pi + pi/sqrt(1 + tan^2 b)),
 * equals (1 + |cos(b + g)|) / (1 + cos b) for tilts b <= 90 deg (its other
 * branch, b + g > 90 deg, needs b > 90), and cos(b + g) = (sin b + a cos b)
 * / sqrt(1 + a^2) for g = atan(a) - 90 deg: no trigonometry in the loop. */
static double sky_view_derate(double tilt, double gcr)
{
    if (tilt <= 0.0) return 1.0;
    double sb = sin(tilt), cb = cos(tilt), cot = cb / sb, sum = 0.0;
    for (int n = 0; n < 250; n++) {
        double a = cot - 1.0 / (gcr * sb * (1.0 - n * 0.004));
        sum += (1.0 + fabs(sb + a * cb) / sqrt(1.0 + a * a)) / (1.0 + cb);
    }
    return sum * 0.004;
}

void pv_model_init(PvModel *m, const PvParams *p)
{
    m->tracking = p->tracking;
    m->tilt_rad = p->tilt_deg * RAD;
    m->azimuth_rad = p->azimuth_deg * RAD;
    m->cos_tilt = cos(m->tilt_rad);
    m->sin_tilt = sin(m->tilt_rad);
    m->rotation_limit_rad = p->rotation_limit_deg * RAD;
    m->gcr = p->gcr;
    m->albedo = p->albedo;

    /* Module types (Dobos 2014): cover and temperature coefficient. */
    m->ar_glass = p->module_type == PV_MODULE_PREMIUM;
    m->gamma_per_c = p->module_type == PV_MODULE_PREMIUM ? -0.0035
                     : p->module_type == PV_MODULE_THIN_FILM ? -0.0020 : -0.0047;
    m->iam_norm = cover_tau(1.0 * RAD, m->ar_glass);

    m->dc_derate = 1.0 - p->losses_frac;
    m->dc_per_wm2 = m->dc_derate / 1000.0;
    m->ac_max_frac = 1.0 / p->dc_ac_ratio;
    m->eta_nom = p->inverter_eff_frac;
    m->eta_scale = m->eta_nom / 0.9637;
    m->dc_inv_frac = m->ac_max_frac / m->eta_nom;

    /* Fuentes: the convection coefficient and ground temperature ratio are
     * calibrated so that the steady state at NOCT conditions (800 W/m2,
     * 20 C air, 1 m/s wind, sky at 282.21 K) is the INOCT. */
    double inoct = (p->roof_mount ? 49.0 : 45.0) + 273.15;
    double windmd = 1.0;
    double tave = (inoct + 293.15) / 2.0;
    double denair = 0.003484 * 101325.0 / tave;
    double visair = 0.24237e-6 * pow(tave, 0.76) / denair;
    double conair = 2.1695e-4 * pow(tave, 0.84);
    double reynld = windmd * XLEN / visair;
    double hforce = 0.86 / sqrt(reynld) * denair * windmd * 1007.0 / pow(0.71, 0.67);
    double grashf = 9.8 / tave * (inoct - 293.15) * pow(XLEN, 3.0) / (visair * visair) * 0.5;
    double hfree = 0.21 * pow(grashf * 0.71, 0.32) * conair / XLEN;
    double hconv = cbrt(pow(hfree, 3.0) + pow(hforce, 3.0));
    double hgrnd = EMMIS * BOLTZ * (inoct * inoct + 293.15 * 293.15) * (inoct + 293.15);
    double i4 = pow(inoct, 4.0), a4 = pow(293.15, 4.0), s4 = pow(282.21, 4.0);
    double backrt = (ABSORB * 800.0 - EMMIS * BOLTZ * (i4 - s4) - hconv * (inoct - 293.15))
                    / ((hgrnd + hconv) * (inoct - 293.15));
    double tgrnd = pow(i4 - backrt * (i4 - a4), 0.25);
    tgrnd = fmin(fmax(tgrnd, 293.15), inoct);
    m->inoct_k = inoct;
    m->tgrat = (tgrnd - 293.15) / (inoct - 293.15);
    m->convrt = (ABSORB * 800.0 - EMMIS * BOLTZ * (2.0 * i4 - s4 - pow(tgrnd, 4.0)))
                / (hconv * (inoct - 293.15));
    m->cap_j_m2k = CAP0 * (inoct > 321.15 ? 1.0 + (inoct - 321.15) / 12.0 : 1.0);
    /* Wind at the array height by Menicucci & Hall's 1/5 power law (SAND84-2530). */
    m->wind_to_module = pow(ARRAY_HEIGHT_M / STATION_HEIGHT_M, 0.2);
    /* Forced convection: laminar and turbulent flat-plate correlations. */
    m->force_lam = 0.86 * 1007.0 / pow(0.71, 0.67);
    m->force_turb = 0.0282 * 1007.0 / pow(0.71, 0.4);
    /* The same correlations as powers (heat_balance): with the air's
     * density rho/T and kinematic viscosity nu T^1.76 at the film
     * temperature T, Re = w XLEN / (nu T^1.76), Gr = 4.9 XLEN^3 |dT| /
     * (nu^2 T^4.52); hforce = force_lam Re^-0.5 rho w / T (turbulent:
     * force_turb Re^-0.2, above Re = 1.2e5), hfree = 0.21 (0.71 Gr)^0.32
     * 2.1695e-4 T^0.84 / XLEN. */
    const double rho = 0.003484 * 101325.0, nu = 0.24237e-6 / rho;
    m->ln_free3 = 3.0 * log(0.21 * pow(0.71 * 4.9 * XLEN * XLEN * XLEN / (nu * nu), 0.32) * 2.1695e-4 / XLEN);
    m->ln_force3_lam = 3.0 * log(m->force_lam * rho * sqrt(nu / XLEN));
    m->ln_force3_turb = 3.0 * log(m->force_turb * rho * pow(nu / XLEN, 0.2));
    m->ln_re_thr = log(XLEN / (nu * 1.2e5));
    /* SAPM Table 1: a PVWatts module (glass, polymer back sheet) on an open
     * rack; on a roof, the close-roof-mount row (glass/glass), the table's
     * restricted air flow short of an insulated back. */
    m->sapm = p->cell_temp_model == PV_CELLTEMP_SAPM;
    m->sapm_a = p->roof_mount ? -2.98 : -3.56;
    m->sapm_b = p->roof_mount ? -0.0471 : -0.075;
    m->sapm_dt = p->roof_mount ? 1.0 : 3.0;

    /* the formula at acos(i/512), down to 0.5 deg for i = 512 (it is 0/0 at
     * 0 deg, and flat there to 1e-9); transmittance 0 at grazing incidence */
    m->iam_by_cos[0] = 0.0;
    for (int i = 1; i <= PV_IAM_N; i++)
        m->iam_by_cos[i] = cover_tau(fmax(acos((double)i / PV_IAM_N), 0.5 * RAD), m->ar_glass) / m->iam_norm;
    for (int i = 0; i <= PV_AIRMASS_N; i++)
        m->airmass_term[i] = pow(93.9 - i * PV_AIRMASS_STEP_DEG, -1.253);

    for (int i = 0; i < PV_SKY_DERATE_N; i++)
        m->sky_derate[i] = p->tracking == PV_SINGLE_AXIS
                           ? sky_view_derate(i * PV_SKY_DERATE_STEP_DEG * RAD, p->gcr) : 1.0;
}

/* Sky view factor derate at surface tilt tilt_deg, interpolated in the table. */
static double sky_derate_at(const PvModel *m, double tilt_deg)
{
    double x = min_d(max_d(tilt_deg, 0.0), 90.0) / PV_SKY_DERATE_STEP_DEG;
    int i = (int)x;
    if (i >= PV_SKY_DERATE_N - 1) return m->sky_derate[PV_SKY_DERATE_N - 1];
    double f = x - i;
    return m->sky_derate[i] + f * (m->sky_derate[i + 1] - m->sky_derate[i]);
}

/* ---- orientation ---------------------------------------------------------- */

typedef struct {
    double cos_aoi;
    double tilt, azimuth;          /* surface, rad (one-axis only; fixed: the model's) */
    double cos_tilt, sin_tilt;
    double shade_frac;             /* beam shaded by the next row (one-axis, no backtracking) */
} Orient;

/* Surface orientation and incidence for the sun at zenith zen (cos cz, sin
 * sz), azimuth azm (rad, clockwise from north). One-axis: ideal rotation by
 * Marion & Dobos (2013, NREL/TP-6A20-58891), limited to the rotation limit;
 * backtracking by Anderson & Mikofski (2020, NREL/TP-5K00-76626) for flat
 * ground, as SAM's backtrack(); surface tilt and azimuth from the rotation
 * (Marion & Dobos 2013, with SAM's quadrant rules). */
static void orient(const PvModel *m, double cz, double sz, double azm, Orient *o)
{
    o->shade_frac = 0;
    if (m->tracking == PV_FIXED) {
        o->tilt = m->tilt_rad;
        o->azimuth = m->azimuth_rad;
        o->cos_tilt = m->cos_tilt;
        o->sin_tilt = m->sin_tilt;
    } else {
        double xazm = m->azimuth_rad, rlim = m->rotation_limit_rad;
        double ideal;
        if (fabs(m->cos_tilt) < 0.001745) {         /* vertical axis: face the sun */
            ideal = remainder(azm - xazm, 2.0 * PI);
        } else {
            ideal = atan2(sz * sin(azm - xazm), sz * cos(azm - xazm) * m->sin_tilt + cz * m->cos_tilt);
        }
        double rot = min_d(max_d(ideal, -rlim), rlim);
        double cos_ideal = cos(ideal);
        if (m->tracking == PV_SINGLE_AXIS_BACKTRACK) {
            /* Rotate back until the shadow of a row just reaches the next:
             * |cos(ideal)| / gcr < 1 means the rows would shade each other. */
            double c = fabs(cos_ideal) / m->gcr;
            double bt = c < 1.0 ? ideal - copysign(acos(c), ideal) : ideal;
            rot = min_d(max_d(bt, -rlim), rlim);
        } else {
            /* Shaded fraction of the row width (Lorenzo et al. 2011 geometry in
             * the plane across the axes): the shadow of a row rotated by rot
             * covers 1 - cos(ideal) / (gcr cos(ideal - rot)) of the next one,
             * clipped to [0, 1] as SAM's shadeFraction1x does (since 2020): a
             * sun below the plane of tilted axes (|ideal| > 90 deg with the
             * rotation limited) gives a value above 1, a fully shaded row. */
            double fs = 1.0 - cos_ideal / (m->gcr * cos(ideal - rot));
            o->shade_frac = fs > 1.0 ? 1.0 : fs >= 0.0 ? fs : 0.0;
        }
        double sin_rot = sin(rot), cos_rot = cos(rot);
        double arg = min_d(max_d(m->cos_tilt * cos_rot, -1.0), 1.0);
        double tilt = acos(arg), saz;
        /* cos and sin of tilt = acos(arg), in [0, pi]: arg and sqrt(1 - arg^2), to rounding */
        double sin_tilt = sqrt(1.0 - arg * arg);
        if (tilt == 0.0) {
            saz = PI;
        } else {
            double a = sin_rot / sin_tilt;
            if (a < -1.0) saz = 1.5 * PI + xazm;
            else if (a > 1.0) saz = 0.5 * PI + xazm;
            else if (rot < -0.5 * PI) saz = xazm - PI - asin(a);
            else if (rot > 0.5 * PI) saz = xazm + PI - asin(a);
            else saz = asin(a) + xazm;
            if (saz > 2.0 * PI) saz -= 2.0 * PI;
            else if (saz < 0.0) saz += 2.0 * PI;
        }
        o->tilt = tilt;
        o->azimuth = saz;
        o->cos_tilt = arg;
        o->sin_tilt = sin_tilt;
    }
    double c = sz * cos(azm - o->azimuth) * o->sin_tilt + cz * o->cos_tilt;
    o->cos_aoi = min_d(max_d(c, -1.0), 1.0);
}

/* ---- Perez 1990 transposition, as coded in PVWatts (reference notes §6.4) ---- */

/* Kasten's (93.9 - z)^-1.253 (z in deg, <= 87.5) from the model's table,
 * 0.1 deg steps: linear interpolation of a convex power, error below
 * 0.125 x 0.01 x 1.253 x 2.253 x 6.4^-3.253 = 8.4e-6 (absolute, at the
 * horizon end, where the term is 0.098), i.e. the air mass within 2.1e-5
 * relative (and much less higher up). */
static double airmass_term(const PvModel *m, double zdeg)
{
    double x = max_d(zdeg, 0.0) * (1.0 / PV_AIRMASS_STEP_DEG);
    int i = (int)x;
    if (i >= PV_AIRMASS_N) return m->airmass_term[PV_AIRMASS_N];
    return m->airmass_term[i] + (x - i) * (m->airmass_term[i + 1] - m->airmass_term[i]);
}

/* Everything of the POA chain that depends on the sun and the array alone
 * (sun_hour), apart from what depends on DNI and DHI (poa_hour): one hour's
 * terms are computed once per site and year and shared by every weather
 * member. The arithmetic of each value is that of the chain written in one
 * piece, so results are the same. Orientation: sun at zenith zen (rad, cos
 * cz, sin zen = sqrt(1 - cz^2) as zen is in [0, pi]), azimuth azm (rad). */
static void sun_hour(const PvModel *m, double zen, double cz, double azm, PvSunHour *r, Orient *o)
{
    orient(m, cz, sqrt(max_d(1.0 - cz * cz, 0.0)), azm, o);
    const double cos_aoi = o->cos_aoi;
    r->zen = zen;
    r->cz = cz;
    r->cos_aoi = cos_aoi;
    r->opct = 1.0 + o->cos_tilt;
    r->omct = 1.0 - o->cos_tilt;
    r->sin_tilt = o->sin_tilt;
    r->cpos = max_d(cos_aoi, 0.0);
    r->zh = max_d(cz, 0.0871557);                                        /* cos 85 deg */
    /* Near the horizon (zenith > 87.5 deg) the model falls back to an
     * isotropic sky and no ground reflection. */
    r->low = zen > 1.5271631;
    r->beam_ok = r->low ? (zen < 0.5 * PI && cos_aoi > 0) : cos_aoi > 0;
    double zdeg = zen * DEG;
    r->am_den = r->low ? 1.0 : cz + 0.15 * airmass_term(m, zdeg);       /* Kasten (1966) */
    r->z3 = 5.534e-6 * zdeg * zdeg * zdeg;
    r->one_z3 = 1.0 + r->z3;
    /* Cover reflection loss on the beam only (reference notes §6.5 step
     * 2), where SAM's clamped angle is inside (0.5, 89.5) deg. */
    r->iam_on = cos_aoi > COS_AOI_89_5 && cos_aoi < COS_AOI_0_5;
    r->one_m_iam = r->iam_on ? 1.0 - pv_cover_iam_cos(m, cos_aoi) : 0.0;
    r->shaded = m->tracking == PV_SINGLE_AXIS;
    r->keep = 1.0 - o->shade_frac;
    r->fsky = 1.0;
    r->gd_cosz = r->gd_f1 = r->gd_a = r->gd_b = 0.0;
    if (r->shaded) {
        /* Self-shaded one-axis rows: sky view derate by surface tilt, and
         * the ground-reflected derate of SAM lib_pvshade diffuse_reduce
         * (Deline 2012): rows of 1000 in a field see the ground between
         * rows partly shaded: albedo x view factor f2 of the beam-lit strip
         * for the beam, albedo x f3 of the whole gap for diffuse, relative
         * to the open-field isotropic value F1 (Gbh + Gdh), F1 = albedo
         * sin^2(tilt/2). (f2 and f3 carry the albedo, not F1: F1 f2 counted
         * the tilt's view factor twice and cost 0.57 % a year on SAM's
         * one-axis case.) */
        const double nrows = 1000.0, rr = 1.0 / m->gcr, tilt = o->tilt, albedo = m->albedo;
        r->fsky = sky_derate_at(m, tilt * DEG);
        double f1 = albedo * pow(sin(tilt / 2.0), 2.0);
        double alt = PI / 2.0 - zen;
        double y1 = max_d(rr - sin(PI - alt - tilt) / sin(alt), 0.00001);
        double f2 = 0.5 * (1.0 + y1 - sqrt(y1 * y1 - 2.0 * y1 * cos(PI - tilt) + 1.0));
        double f3 = 0.5 * (1.0 + rr - sqrt(rr * rr - 2.0 * rr * cos(PI - tilt) + 1.0));
        r->gd_cosz = cos(zen);
        r->gd_f1 = f1;
        r->gd_a = (f1 + (nrows - 1.0) * albedo * f2) / nrows;
        r->gd_b = (f1 + (nrows - 1.0) * albedo * f3) / nrows;
    }
}

/* Perez's sky, the ground and the rows' derates for one hour's DNI and DHI
 * (W/m2) from the hour's sun terms r. */
static void poa_hour(const PvModel *m, const PvSunHour *r, double dni, double dhi, PvPoa *out)
{
    double beam, sky, gnd;
    if (dni < 0) dni = 0;
    if (dhi < 0) dhi = 0;
    beam = r->beam_ok ? dni * r->cos_aoi : 0.0;
    if (r->low) {
        sky = dhi * r->opct / 2.0;
        gnd = 0.0;
    } else if (dhi <= 0) {
        sky = 0.0;
        gnd = 0.0;
    } else {
        /* sky brightness DHI x air mass / 1367 */
        double delta = dhi * (1.0 / 1367.0) / r->am_den;
        /* Clearness bin: eps = ((DNI + DHI)/DHI + z3)/(1 + z3) > edge,
         * compared without dividing (DHI (1 + z3) > 0); the edges ascend. */
        double num = dni + dhi + dhi * r->z3, den = dhi * r->one_z3;
        int i = 0;
        while (i < 7 && num > PEREZ_EPS_EDGES[i] * den) i++;
        const double *f = PEREZ_F[i];
        double f1 = max_d(f[0] + f[1] * delta + f[2] * r->zen, 0.0);
        double f2 = f[3] + f[4] * delta + f[5] * r->zen;
        sky = dhi * (1.0 - f1) * r->opct / 2.0                          /* isotropic */
              + dhi * f1 * r->cpos / r->zh                              /* circumsolar */
              + dhi * f2 * r->sin_tilt;                                 /* horizon */
        /* Ground reflection from beam + diffuse on the horizontal (not the file's GHI). */
        gnd = m->albedo * (dni * r->cz + dhi) * r->omct / 2.0;
    }
    if (r->shaded) {
        /* Self-shading of rows without backtracking (SAM pvwattsv5 for
         * array type 2): beam by the shaded fraction, sky and ground
         * diffuse by the rows' view factors, each factor used only if in [0, 1]. */
        beam *= r->keep;
        if (sky > 0 && sky + gnd >= 0.1) {
            double fsky = r->fsky, fgnd = 1.0;
            double gbh = dni * r->gd_cosz, gr1 = r->gd_f1 * (gbh + dhi);
            if (gr1 > 0) fgnd = (r->gd_a * gbh + r->gd_b * dhi) / gr1;
            if (fsky >= 0 && fsky <= 1) sky *= fsky;
            if (fgnd >= 0 && fgnd <= 1) gnd *= fgnd;
        }
    }
    out->beam = beam;
    out->sky_diffuse = sky;
    out->ground = gnd;
    out->poa = beam + sky + gnd;
}

void pv_poa(const PvModel *m, double zenith_deg, double azimuth_deg, double dni, double dhi, PvPoa *out)
{
    double zen = zenith_deg * RAD;
    Orient o;
    PvSunHour r;
    sun_hour(m, zen, cos(zen), azimuth_deg * RAD, &r, &o);
    poa_hour(m, &r, dni, dhi, out);
    out->aoi_deg = acos(o.cos_aoi) * DEG;
    out->surface_tilt_deg = o.tilt * DEG;
    out->surface_azimuth_deg = o.azimuth * DEG;
}

/* ---- cell temperature ------------------------------------------------------ */

void pv_thermal_init(PvThermal *st)
{
    st->tmod_k = 293.15;
    st->sun_abs_wm2 = 0.0;
    st->hconv_wm2k = 0.0;
    st->free_share = 0.0;
    st->decay = 0.0;
    st->wind_ms = 0.0;
    st->seed_k = 0.0;
}

/* Cube root of a positive normal x: the exponent bits divided by 3 give it
 * within 3.3 % (FreeBSD's s_cbrt.c constant), and each Halley step about
 * cubes the relative error: 1 step leaves 2.1e-5 (enough for a first
 * estimate), 2 steps 7e-15 (measured over 1e-22..1e22). Inlined, it costs
 * half of glibc's cbrt. */
static inline double cbrt_halley(double x, int steps)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    b = b / 3 + ((uint64_t)715094163 << 32);
    double y;
    memcpy(&y, &b, sizeof y);
    for (int i = 0; i < steps; i++) {
        double y3 = y * y * y;
        y *= (y3 + 2.0 * x) / (2.0 * y3 + x);
    }
    return y;
}

/* Film-temperature exponents of the convection cubes (pv_model_init):
 * hfree^3 ~ |dT|^0.96 T^(3 (0.84 - 0.32 x 4.52)), laminar hforce^3 ~
 * w^1.5 T^(3 (0.5 x 1.76 - 1)), turbulent ~ w^2.4 T^(3 (0.2 x 1.76 - 1)),
 * exact rewritings of SAM's Re^-0.5 and Re^-0.2 forced and Gr^0.32 free
 * correlations. */
#define XT_FREE3 (3.0 * (0.84 - 0.32 * 4.52))
#define XT_LAM3 (3.0 * (0.5 * 1.76 - 1.0))
#define XT_TURB3 (3.0 * (0.2 * 1.76 - 1.0))

/* One hour's inputs to the heat balance (K, W/m2, m/s, ln of W/m2K cubed). */
typedef struct {
    double tamb, tsky, tmodo, suno, suun;
    double k, inv_k;                           /* step / heat capacity, m2K/W, and 1/k */
    double windmd;                             /* wind at the module */
    double ln_lam3, ln_turb3;                  /* ln hforce^3 at T = 1 K, this hour's wind */
    double ln_re;                              /* turbulent when 1.76 ln T < ln_re */
} HeatHour;

/* PVWatts' update g(t) of the module temperature estimate t (K), its first
 * and second derivatives, and what the evaluation leaves for the solver's
 * checks and the next step's first estimate. */
typedef struct {
    double g, dg, d2g;
    double hconv, free_share, decay;
    double lt, inv_tave;                       /* ln and reciprocal of the film temperature */
    double htot, dhtot;                        /* total coefficient and d/dt */
    int turb;                                  /* turbulent forced convection */
} HeatEval;

/* Fuentes (1987, SAND85-0330) transient module temperature as in PVFORM and
 * PVWatts: convection (free and forced, Reynolds/Grashof correlations), sky
 * and ground radiation linearised around the estimate t, and the module's
 * heat capacity integrated exactly over the step with the absorbed
 * irradiance varying linearly from the previous step. The convection
 * terms are SAM's correlations rewritten as powers (pv_model_init): the
 * same values to rounding, with 2 logs and 3 exps instead of a log, 3 exps
 * and 2 pows. Derivatives are analytic (x1 = dx/dt, x2 = d2x/dt2). */
static void heat_balance(const PvModel *m, const HeatHour *q, double t, HeatEval *e)
{
    const double tamb = q->tamb, tsky = q->tsky, dt = t - tamb, tave = (t + tamb) / 2.0;
    const double lt = log(tave);
    const int turb = 1.76 * lt < q->ln_re;
    const double xf = turb ? XT_TURB3 : XT_LAM3;

    /* convection: hconv = convrt S^(1/3), S = hfree^3 + hforce^3, with
     * logarithmic derivatives 0.96/dt + XT_FREE3/(2 tave) and xf/(2 tave) */
    double force3 = exp((turb ? q->ln_turb3 : q->ln_lam3) + xf * lt), free3 = 0.0;
    double inv_tave, l1 = 0.0, l1d = 0.0;
    if (dt != 0.0) {
        double inv = 1.0 / (dt * tave), inv_dt = tave * inv;    /* one division for 1/dt and 1/tave */
        inv_tave = dt * inv;
        free3 = exp(m->ln_free3 + 0.96 * log(fabs(dt)) + XT_FREE3 * lt);
        l1 = 0.96 * inv_dt + 0.5 * XT_FREE3 * inv_tave;
        l1d = -0.96 * inv_dt * inv_dt - 0.25 * XT_FREE3 * inv_tave * inv_tave;
    } else {
        inv_tave = 1.0 / tave;
    }
    const double l2 = 0.5 * xf * inv_tave, l2d = -0.25 * xf * inv_tave * inv_tave;
    const double sum3 = free3 + force3, inv_s = 1.0 / sum3;
    const double s1 = (free3 * l1 + force3 * l2) * inv_s;                          /* S'/S */
    const double s2 = (free3 * (l1 * l1 + l1d) + force3 * (l2 * l2 + l2d)) * inv_s;   /* S''/S */
    const double hc = m->convrt * cbrt_halley(sum3, 2);
    const double hc1 = hc * s1 / 3.0, hc2 = hc * (s2 / 3.0 - 2.0 / 9.0 * s1 * s1);

    /* radiation, linearised: eb (t^2 + T^2)(t + T) to the sky and to the ground at u */
    const double eb = EMMIS * BOLTZ, tg = m->tgrat, u = tamb + tg * dt;
    const double hs = eb * (t * t + tsky * tsky) * (t + tsky);
    const double hs1 = eb * (3.0 * t * t + 2.0 * t * tsky + tsky * tsky), hs2 = eb * (6.0 * t + 2.0 * tsky);
    const double hg = eb * (t * t + u * u) * (t + u);
    const double hg1 = eb * (2.0 * (t + u * tg) * (t + u) + (t * t + u * u) * (1.0 + tg));
    const double hg2 = eb * (2.0 * (1.0 + tg * tg) * (t + u) + 4.0 * (t + u * tg) * (1.0 + tg));
    const double h = hc + hs + hg, h1 = hc1 + hs1 + hg1, h2 = hc2 + hs2 + hg2, ih = 1.0 / h;

    /* the step: decay exp(eigen), eigen = -k h; the irradiance ramp ds/eigen */
    const double k = q->k, ie = -ih * q->inv_k;
    const double ex = -k * h > -10.0 ? exp(-k * h) : 0.0;
    const double ex1 = -k * h1 * ex, ex2 = ex * (k * k * h1 * h1 - k * h2);
    const double ds = q->suun - q->suno;
    const double src = hc * tamb + hs * tsky + hg * u + q->suno + ds * ie;
    const double src1 = hc1 * tamb + hs1 * tsky + hg1 * u + hg * tg + ds * k * ie * ie * h1;
    const double src2 = hc2 * tamb + hs2 * tsky + hg2 * u + 2.0 * hg1 * tg
                        + ds * k * ie * ie * (2.0 * k * ie * h1 * h1 + h2);
    const double num = (1.0 - ex) * src + ds;
    const double num1 = (1.0 - ex) * src1 - ex1 * src;
    const double num2 = (1.0 - ex) * src2 - 2.0 * ex1 * src1 - ex2 * src;
    const double b0 = num * ih, b1 = (num1 - b0 * h1) * ih, b2 = (num2 - 2.0 * b1 * h1 - b0 * h2) * ih;
    e->g = q->tmodo * ex + b0;
    e->dg = q->tmodo * ex1 + b1;
    e->d2g = q->tmodo * ex2 + b2;
    e->hconv = hc;
    e->free_share = free3 * inv_s;
    e->decay = ex;
    e->lt = lt;
    e->inv_tave = inv_tave;
    e->htot = h;
    e->dhtot = h1;
    e->turb = turb;
}

/* First estimate: the balance with the last hour's convection coefficient
 * (its forced part scaled to this hour's wind as w^1.5) and decay held,
 * radiation at the last hour's evaluation point (not at its result, so that
 * this does not wait for the end of the last solve), solved exactly (it is
 * linear in t through the ground temperature). Only the number of
 * evaluations depends on it, not the fixed point. */
static double first_estimate(const PvModel *m, const HeatHour *q, const PvThermal *st)
{
    if (!(st->hconv_wm2k > 0)) return q->tmodo;
    const double t = st->seed_k, tamb = q->tamb, tsky = q->tsky, tg = m->tgrat;
    const double eb = EMMIS * BOLTZ, tgrnd = tamb + tg * (t - tamb);
    double hsky = eb * (t * t + tsky * tsky) * (t + tsky);
    double hgrnd = eb * (t * t + tgrnd * tgrnd) * (t + tgrnd);
    double r = q->windmd / st->wind_ms;
    double hconv = st->hconv_wm2k * cbrt_halley(st->free_share + (1.0 - st->free_share) * r * sqrt(r), 1);
    double ex = st->decay, htot = hconv + hsky + hgrnd;
    double ds = q->suun - q->suno;
    double rhs = t * ex * htot + ds
                 + (1.0 - ex) * (hconv * tamb + hsky * tsky + hgrnd * tamb * (1.0 - tg) + q->suno);
    /* t (htot - (1 - ex) hgrnd tg) = rhs - (1 - ex) ds / (k htot), with one division */
    return (rhs * htot - (1.0 - ex) * ds * q->inv_k) / (htot * (htot - (1.0 - ex) * hgrnd * tg));
}

#define TMOD_TOL_K 1e-4      /* tolerance on the module temperature's fixed point */
#define TMOD_MAX_EVALS 60    /* 1 for most hours; tens only at the cusp in still air */

/* One step towards g(t) = t from the evaluation e at t; returns the new t
 * and sets *done when it is within TMOD_TOL_K of the fixed point.
 * Chebyshev's third-order step t + s - g'' s^2 / (2 (g' - 1)), with s =
 * (g - t) / (1 - g') the Newton step, leaves an error of about
 * (|g'''| / (6 |1 - g'|) + (g'' / (1 - g'))^2 / 2) |s|^3, and for these
 * power laws of dT, |g'''| is at most about 2 (|g''| / a + |g'| / a^2) with
 * a = |t - Tair|: converged when that estimate, times 3 on its first term,
 * is below the tolerance (test_pv checks the result) and the step stays in
 * the evaluation's regime (laminar or turbulent, decay cut off or not: g
 * jumps there). The step is taken where -1 < g' < 0.9, i.e. towards a root
 * that PVWatts' passes converge to (|g'| < 1), and not across the air
 * temperature, where the free convection's |dT|^0.32 makes g' unbounded;
 * elsewhere it is a plain pass t <- g(t). */
static double solve_step(const HeatHour *q, const HeatEval *e, double t, int *done)
{
    const double f = e->g - t, inv_f1 = 1.0 / (e->dg - 1.0), s = -f * inv_f1, dt = t - q->tamb;
    if (!(e->dg > -1.0 && e->dg < 0.9 && dt * (dt + s) > 0.0)) {
        /* the pass leaves an error of about |g'| |f| / |1 - g'|, if it
         * does not cross the cusp (where g' is unbounded) */
        *done = dt * (dt + f) > 0.0 && fabs(e->dg) < 1.0 && fabs(e->dg * f) < TMOD_TOL_K * fabs(1.0 - e->dg);
        return e->g;
    }
    double c = -0.5 * e->d2g * s * s * inv_f1;
    double step = fabs(c) < 0.5 * fabs(s) ? s + c : s;
    /* film temperature ratio 1 + x, ln(1 + x) within [x - x^2, x] for |x| < 1/2 */
    double x = 0.5 * step * e->inv_tave, lt_hi = e->lt + x, lt_lo = lt_hi - x * x;
    int same_turb = e->turb ? 1.76 * lt_hi < q->ln_re : 1.76 * lt_lo >= q->ln_re;
    int same_cut = fabs(q->k * e->htot - 10.0) > 2.0 * q->k * fabs(e->dhtot * step);
    double a = min_d(fabs(dt), fabs(dt + step)), r2 = e->d2g * inv_f1;
    double err_a2 = ((fabs(e->d2g) * a + fabs(e->dg)) * fabs(inv_f1) + 0.5 * r2 * r2 * a * a) * fabs(s * s * s);
    *done = err_a2 < TMOD_TOL_K * a * a && fabs(x) < 0.5 && same_turb && same_cut;
    return t + step;
}

/* PVWatts makes 10 passes t <- g(t) per hour (5 on average would settle to
 * 1e-6 K: g' is about 0.02, but much larger near the cusp); this solves
 * g(t) = t from the first estimate by the steps above, with one evaluation
 * of g (and g', g'') for 94 % of the hours (1.06 on average over SAM's
 * Phoenix year), to 1e-4 K (test_pv compares with the passes run to
 * convergence). */
/* The terms of an hour's heat balance that depend on its air and wind
 * alone, not on the module's state: output_block makes them for a block of
 * hours before the chain of thermal states, so that they are not on its
 * critical path (the same arithmetic). */
typedef struct {
    double tamb, tsky, windmd, ln_lam3, ln_turb3, ln_re;
} HourAir;

static inline void hour_air(const PvModel *m, double wind10_ms, double temp_c, HourAir *a)
{
    a->tamb = temp_c + 273.15;
    a->tsky = 0.68 * (0.0552 * a->tamb * sqrt(a->tamb)) + 0.32 * a->tamb;   /* sky temperature */
    a->windmd = max_d(wind10_ms, 0.0) * m->wind_to_module + 0.0001;
    const double lw = log(a->windmd);
    a->ln_lam3 = m->ln_force3_lam + 1.5 * lw;
    a->ln_turb3 = m->ln_force3_turb + 2.4 * lw;
    a->ln_re = lw + m->ln_re_thr;
}

/* pv_cell_temp for poa_wm2 > 0, from the hour's air terms. */
static double cell_temp_air(const PvModel *m, PvThermal *st, double poa_wm2, const HourAir *a)
{
    HeatHour q;
    q.tamb = a->tamb;
    q.tsky = a->tsky;
    q.tmodo = st->tmod_k;
    q.suno = st->sun_abs_wm2;
    q.suun = poa_wm2 * ABSORB;
    q.k = STEP_H * 3600.0 / m->cap_j_m2k;
    q.inv_k = m->cap_j_m2k / (STEP_H * 3600.0);
    q.windmd = a->windmd;
    q.ln_lam3 = a->ln_lam3;
    q.ln_turb3 = a->ln_turb3;
    q.ln_re = a->ln_re;

    double t = first_estimate(m, &q, st);
    HeatEval e;
    int done = 0;
    double t_eval = t;
    for (int j = 0; j < TMOD_MAX_EVALS && !done; j++) {
        t_eval = t;
        heat_balance(m, &q, t, &e);
        t = solve_step(&q, &e, t, &done);
    }
    st->tmod_k = t;
    st->sun_abs_wm2 = q.suun;
    st->seed_k = t_eval;
    st->hconv_wm2k = e.hconv;
    st->free_share = e.free_share;
    st->decay = e.decay;
    st->wind_ms = q.windmd;
    return t - 273.15;
}

double pv_cell_temp(const PvModel *m, PvThermal *st, double poa_wm2, double wind10_ms, double temp_c)
{
    if (!(poa_wm2 > 0)) {
        st->tmod_k = temp_c + 273.15;
        st->sun_abs_wm2 = 0.0;
        return temp_c;
    }
    HourAir a;
    hour_air(m, wind10_ms, temp_c, &a);
    return cell_temp_air(m, st, poa_wm2, &a);
}

double pv_cell_temp_sapm(const PvModel *m, double poa_wm2, double wind10_ms, double temp_c)
{
    if (!(poa_wm2 > 0)) return temp_c;
    double tm = poa_wm2 * exp(m->sapm_a + m->sapm_b * max_d(wind10_ms, 0.0)) + temp_c;
    return tm + poa_wm2 * (1.0 / 1000.0) * m->sapm_dt;
}

/* ---- DC and inverter ---------------------------------------------------------- */

double pv_dc_frac(const PvModel *m, double tpoa_wm2, double tcell_c)
{
    /* Dobos (2014): linear temperature coefficient, no low-light
     * correction, then the system losses (reference notes §6.5 step 4). */
    return (1.0 + m->gamma_per_c * (tcell_c - 25.0)) * tpoa_wm2 * m->dc_per_wm2;
}

double pv_dc_to_ac(const PvModel *m, double dc_frac)
{
    /* Dobos (2014) inverter: part-load efficiency curve normalised to the
     * rated efficiency at full load (0.9637 is the curve's own full-load
     * value), clipped at the AC rating (reference notes §6.5 step 5). */
    double plr = dc_frac / m->dc_inv_frac, ac = 0.0;
    if (plr > 0) ac = dc_frac * (-0.0162 * plr - 0.0059 / plr + 0.9858) * m->eta_scale;
    if (ac > m->ac_max_frac) ac = m->ac_max_frac;
    return ac > 0 ? ac : 0.0;
}

/* ---- the year ------------------------------------------------------------------ */

/* Hour h's sun terms from the table (up = 0: the sun is down, nothing else set). */
static void sun_hour_of(const PvModel *m, const SunTable *sun, int h, PvSunHour *r)
{
    Orient o;
    r->up = h < sun->hours && sun->sun_up[h];
    if (!r->up) return;
    /* the table's cos_zenith is cos(zenith) where positive, 0 below the horizon */
    double zen = sun->zenith_deg[h] * RAD;
    double cz = sun->cos_zenith[h] > 0 ? sun->cos_zenith[h] : cos(zen);
    r->extra = sun->extra_normal_wm2[h];
    sun_hour(m, zen, cz, sun->azimuth_deg[h] * RAD, r, &o);
}

static int same_geometry(const PvModel *a, const PvModel *b)
{
    return a->tracking == b->tracking && a->tilt_rad == b->tilt_rad && a->azimuth_rad == b->azimuth_rad
        && a->rotation_limit_rad == b->rotation_limit_rad && a->gcr == b->gcr && a->albedo == b->albedo
        && a->ar_glass == b->ar_glass;
}

void pv_sun_year_build(PvSunYear *y, const PvModel *m, const SunTable *sun, int hours)
{
    y->hours = hours;
    y->geometry = *m;
    for (int h = 0; h < hours; h++) sun_hour_of(m, sun, h, &y->hour[h]);
}

int pv_sun_year_fits(const PvSunYear *y, const PvModel *m, int hours)
{
    return y->hours == hours && same_geometry(&y->geometry, m);
}

/* Hours h0..h1-1 (at most BLOCK) with their sun terms r[0..]: first the
 * irradiance of every hour (independent of one another, so the processor
 * overlaps them), then the chain of thermal states, then DC and AC; the
 * same arithmetic as hour by hour. */
enum { BLOCK = 64 };
static void output_block(const PvModel *m, const PvSunHour *r, const WeatherYear *wx, int h0, int h1,
                         double wind_to_10m, PvThermal *th, double *out_frac)
{
    double poa_blk[BLOCK];
    HourAir air[BLOCK];
    for (int h = h0; h < h1; h++) {
        const PvSunHour *q = &r[h - h0];
        out_frac[h] = 0.0;
        /* Sun-down hours do not touch the thermal state (SAM skips them). */
        if (!q->up) continue;
        double dni = wx->dni_wm2[h];
        PvPoa pa = {0};
        /* SAM rejects beam above the extraterrestrial value (DNI cos z > Gon
         * cos z): such a record gets no irradiance. */
        int lit = !(q->cz > 0 && dni > q->extra);
        if (lit) poa_hour(m, q, dni, wx->dhi_wm2[h], &pa);
        /* Cover reflection loss on the beam only (reference notes §6.5
         * step 2), on the unshaded beam DNI cos(aoi) as SAM does. */
        double tpoa = pa.poa;
        if (lit && q->iam_on)
            tpoa = min_d(max_d(pa.poa - q->one_m_iam * max_d(dni, 0.0) * q->cos_aoi, 0.0), pa.poa);
        poa_blk[h - h0] = pa.poa;
        out_frac[h] = tpoa;
        if (pa.poa > 0 && !m->sapm) hour_air(m, wx->wind_ms[h] * wind_to_10m, wx->temp_c[h], &air[h - h0]);
    }
    if (m->sapm) {   /* steady: no state from hour to hour */
        for (int h = h0; h < h1; h++) {
            if (!r[h - h0].up) continue;
            double tcell = pv_cell_temp_sapm(m, poa_blk[h - h0], wx->wind_ms[h] * wind_to_10m, wx->temp_c[h]);
            out_frac[h] = pv_dc_to_ac(m, pv_dc_frac(m, out_frac[h], tcell));
        }
        return;
    }
    for (int h = h0; h < h1; h++) {
        if (!r[h - h0].up) continue;
        double tcell;
        if (poa_blk[h - h0] > 0) {
            tcell = cell_temp_air(m, th, poa_blk[h - h0], &air[h - h0]);
        } else {   /* pv_cell_temp's reset to ambient */
            th->tmod_k = wx->temp_c[h] + 273.15;
            th->sun_abs_wm2 = 0.0;
            tcell = wx->temp_c[h];
        }
        out_frac[h] = pv_dc_to_ac(m, pv_dc_frac(m, out_frac[h], tcell));
    }
}

/* Cell-temperature model expects wind at station height (10 m). */
static double wind_to_10m_of(const WeatherYear *wx)
{
    return wx->wind_height_m > 0 ? pow(10.0 / wx->wind_height_m, 1.0 / 7.0) : 1.0;
}

void pv_unit_output(const PvModel *m, const SunTable *sun, const WeatherYear *wx, double *out_frac)
{
    const int n = wx->hours;
    const double w10 = wind_to_10m_of(wx);
    PvThermal th;
    pv_thermal_init(&th);
    PvSunHour r[BLOCK];
    for (int h0 = 0; h0 < n; h0 += BLOCK) {
        const int h1 = h0 + BLOCK < n ? h0 + BLOCK : n;
        for (int h = h0; h < h1; h++) sun_hour_of(m, sun, h, &r[h - h0]);
        output_block(m, r, wx, h0, h1, w10, &th, out_frac);
    }
}

void pv_unit_output_sun(const PvModel *m, const PvSunYear *y, const WeatherYear *wx, double *out_frac)
{
    const int n = wx->hours < y->hours ? wx->hours : y->hours;
    const double w10 = wind_to_10m_of(wx);
    PvThermal th;
    pv_thermal_init(&th);
    for (int h0 = 0; h0 < n; h0 += BLOCK) {
        const int h1 = h0 + BLOCK < n ? h0 + BLOCK : n;
        output_block(m, &y->hour[h0], wx, h0, h1, w10, &th, out_frac);
    }
    for (int h = n; h < wx->hours; h++) out_frac[h] = 0.0;
}
