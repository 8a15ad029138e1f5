/* pv.c — PVWatts-v5-class PV plant model (DESIGN §4): orientation and
 * one-axis tracking, Perez 1990 sky, cover loss, Fuentes cell temperature,
 * DC with temperature coefficient and losses, inverter part-load curve and
 * clipping. The chain and its constants are those of PVWatts v5 (Dobos 2014,
 * NREL/TP-6A20-62641) as coded in SAM's pvwattsv5 (reference notes §6.3–6.5). */
#include "pv.h"

#include <math.h>
#include <stddef.h>

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)
#define DEG (180.0 / PI)

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

/* Fraction of the isotropic sky that a row of one-axis trackers still sees
 * over its width when the next row masks part of it (Deline's geometry as in
 * SAM's sssky_diffuse_table::compute, the same 1000-point sum over the
 * height up the row). SAM's per-point ratio of sky view angles,
 * (pi + pi/sqrt(1 + tan^2(b + g))) / (pi + pi/sqrt(1 + tan^2 b)), equals
 * (1 + |cos(b + g)|) / (1 + cos b) for tilts b <= 90 deg (its other branch,
 * b + g > 90 deg, needs b > 90), and cos(b + g) = (sin b + a cos b) /
 * sqrt(1 + a^2) for g = atan(a) - 90 deg: no trigonometry in the loop. */
static double sky_view_derate(double tilt, double gcr)
{
    if (tilt <= 0.0) return 1.0;
    double sb = sin(tilt), cb = cos(tilt), cot = cb / sb, sum = 0.0;
    for (int n = 0; n < 1000; n++) {
        double a = cot - 1.0 / (gcr * sb * (1.0 - n * 0.001));
        sum += (1.0 + fabs(sb + a * cb) / sqrt(1.0 + a * a)) / (1.0 + cb);
    }
    return sum * 0.001;
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
    m->ac_max_frac = 1.0 / p->dc_ac_ratio;
    m->eta_nom = p->inverter_eff_frac;
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

    for (int i = 0; i < PV_SKY_DERATE_N; i++)
        m->sky_derate[i] = p->tracking == PV_SINGLE_AXIS
                           ? sky_view_derate(i * PV_SKY_DERATE_STEP_DEG * RAD, p->gcr) : 1.0;
}

/* Sky view factor derate at surface tilt tilt_deg, interpolated in the table. */
static double sky_derate_at(const PvModel *m, double tilt_deg)
{
    double x = fmin(fmax(tilt_deg, 0.0), 90.0) / PV_SKY_DERATE_STEP_DEG;
    int i = (int)x;
    if (i >= PV_SKY_DERATE_N - 1) return m->sky_derate[PV_SKY_DERATE_N - 1];
    double f = x - i;
    return m->sky_derate[i] + f * (m->sky_derate[i + 1] - m->sky_derate[i]);
}

/* Ground-reflected derate for self-shaded one-axis rows (SAM
 * lib_pvshade diffuse_reduce, Deline 2012): rows of 1000 in a field see the
 * ground between rows partly shaded (view factors F2 for the beam-lit strip,
 * F3 for diffuse), relative to the open-field isotropic value F1 (Gbh + Gdh). */
static double ground_derate(double zen, double tilt, double dni, double dhi, double albedo, double gcr)
{
    const double nrows = 1000.0, r = 1.0 / gcr;
    double gbh = dni * cos(zen);
    double f1 = albedo * pow(sin(tilt / 2.0), 2.0);
    double alt = PI / 2.0 - zen;
    double y1 = fmax(0.00001, r - sin(PI - alt - tilt) / sin(alt));
    double f2 = 0.5 * (1.0 + y1 - sqrt(y1 * y1 - 2.0 * y1 * cos(PI - tilt) + 1.0));
    double f3 = 0.5 * (1.0 + r - sqrt(r * r - 2.0 * r * cos(PI - tilt) + 1.0));
    double gr1 = f1 * (gbh + dhi);
    if (!(gr1 > 0)) return 1.0;
    double reduced = (f1 + (nrows - 1.0) * f1 * f2) / nrows * gbh + (f1 + (nrows - 1.0) * f1 * f3) / nrows * dhi;
    return reduced / gr1;
}

/* ---- orientation ---------------------------------------------------------- */

typedef struct {
    double cos_aoi;
    double tilt, azimuth;          /* surface, rad */
    double cos_tilt, sin_tilt;
    double shade_frac;             /* beam shaded by the next row (one-axis, no backtracking) */
} Orient;

/* Surface orientation and incidence for the sun at zenith zen, azimuth azm
 * (rad, clockwise from north). One-axis: ideal rotation by Marion & Dobos
 * (2013, NREL/TP-6A20-58891), limited to the rotation limit; backtracking
 * by Anderson & Mikofski (2020, NREL/TP-5K00-76626) for flat ground, as
 * SAM's backtrack(); surface tilt and azimuth from the rotation (Marion &
 * Dobos 2013, with SAM's quadrant rules). */
static void orient(const PvModel *m, double zen, double azm, Orient *o)
{
    double sz = sin(zen), cz = cos(zen);
    o->shade_frac = 0;
    if (m->tracking == PV_FIXED) {
        o->tilt = m->tilt_rad;
        o->azimuth = m->azimuth_rad;
        o->cos_tilt = m->cos_tilt;
        o->sin_tilt = m->sin_tilt;
    } else {
        double xtilt = m->tilt_rad, xazm = m->azimuth_rad, rlim = m->rotation_limit_rad;
        double ideal;
        if (fabs(m->cos_tilt) < 0.001745) {         /* vertical axis: face the sun */
            ideal = remainder(azm - xazm, 2.0 * PI);
        } else {
            ideal = atan2(sz * sin(azm - xazm), sz * cos(azm - xazm) * m->sin_tilt + cz * m->cos_tilt);
        }
        double rot = fmin(fmax(ideal, -rlim), rlim);
        if (m->tracking == PV_SINGLE_AXIS_BACKTRACK) {
            /* Rotate back until the shadow of a row just reaches the next:
             * |cos(ideal)| / gcr < 1 means the rows would shade each other. */
            double c = fabs(cos(ideal)) / m->gcr;
            double bt = c < 1.0 ? ideal - copysign(acos(c), ideal) : ideal;
            rot = fmin(fmax(bt, -rlim), rlim);
        } else {
            /* Shaded fraction of the row width (Lorenzo et al. 2011 geometry in
             * the plane across the axes): the shadow of a row rotated by rot
             * covers 1 - cos(ideal) / (gcr cos(ideal - rot)) of the next one.
             * Outside [0, 1] (no overlap, or the sun below the plane of
             * tilted axes) SAM's ray test (shadeFraction1x) finds no
             * obstruction and returns 0; so does this. */
            double cr = cos(ideal - rot);
            double fs = cr > 0 ? 1.0 - cos(ideal) / (m->gcr * cr) : 0.0;
            o->shade_frac = (fs >= 0.0 && fs <= 1.0) ? fs : 0.0;
        }
        double arg = fmin(fmax(cos(xtilt) * cos(rot), -1.0), 1.0);
        double tilt = acos(arg), saz;
        if (tilt == 0.0) {
            saz = PI;
        } else {
            double a = sin(rot) / sin(tilt);
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
        o->cos_tilt = cos(tilt);
        o->sin_tilt = sin(tilt);
    }
    double c = sz * cos(azm - o->azimuth) * o->sin_tilt + cz * o->cos_tilt;
    o->cos_aoi = fmin(fmax(c, -1.0), 1.0);
}

/* ---- Perez 1990 transposition, as coded in PVWatts (reference notes §6.4) ---- */
static void perez(double albedo, double dni, double dhi, double zen, const Orient *o,
                  double *beam, double *sky, double *gnd)
{
    double cos_aoi = o->cos_aoi;
    if (dni < 0) dni = 0;
    if (dhi < 0) dhi = 0;
    /* Near the horizon (zenith > 87.5 deg) the model falls back to an
     * isotropic sky and no ground reflection. */
    if (zen > 1.5271631) {
        *beam = (zen < 0.5 * PI && cos_aoi > 0) ? dni * cos_aoi : 0.0;
        *sky = dhi * (1.0 + o->cos_tilt) / 2.0;
        *gnd = 0.0;
        return;
    }
    double cz = cos(zen);
    *beam = cos_aoi > 0 ? dni * cos_aoi : 0.0;
    if (dhi <= 0) { *sky = 0.0; *gnd = 0.0; return; }

    double zdeg = zen * DEG;
    double airmass = 1.0 / (cz + 0.15 * pow(93.9 - zdeg, -1.253));   /* Kasten 1966 */
    double delta = dhi * airmass / 1367.0;                             /* sky brightness */
    double z3 = 5.534e-6 * zdeg * zdeg * zdeg;
    double eps = ((dni + dhi) / dhi + z3) / (1.0 + z3);                 /* sky clearness */
    int i = 0;
    while (i < 7 && eps > PEREZ_EPS_EDGES[i]) i++;
    const double *f = PEREZ_F[i];
    double f1 = fmax(0.0, f[0] + f[1] * delta + f[2] * zen);
    double f2 = f[3] + f[4] * delta + f[5] * zen;
    double zh = fmax(cz, 0.0871557);                                    /* cos 85 deg */
    *sky = dhi * (1.0 - f1) * (1.0 + o->cos_tilt) / 2.0                /* isotropic */
           + dhi * f1 * fmax(cos_aoi, 0.0) / zh                         /* circumsolar */
           + dhi * f2 * o->sin_tilt;                                    /* horizon */
    /* Ground reflection from beam + diffuse on the horizontal (not the file's GHI). */
    *gnd = albedo * (dni * cz + dhi) * (1.0 - o->cos_tilt) / 2.0;
}

/* The POA pieces for the sun at zenith zen, azimuth azm (rad). */
static void poa_rad(const PvModel *m, double zen, double azm, double dni, double dhi, PvPoa *out)
{
    Orient ob, *o = &ob;
    orient(m, zen, azm, o);
    double beam, sky, gnd;
    perez(m->albedo, dni, dhi, zen, o, &beam, &sky, &gnd);
    if (m->tracking == PV_SINGLE_AXIS) {
        /* Self-shading of rows without backtracking (SAM pvwattsv5 for
         * array type 2): beam by the shaded fraction, sky and ground
         * diffuse by the rows' view factors, each factor used only if in [0, 1]. */
        beam *= 1.0 - o->shade_frac;
        if (sky > 0 && sky + gnd >= 0.1) {
            double fsky = sky_derate_at(m, o->tilt * DEG);
            double fgnd = ground_derate(zen, o->tilt, fmax(dni, 0.0), fmax(dhi, 0.0), m->albedo, m->gcr);
            if (fsky >= 0 && fsky <= 1) sky *= fsky;
            if (fgnd >= 0 && fgnd <= 1) gnd *= fgnd;
        }
    }
    out->aoi_deg = acos(o->cos_aoi) * DEG;
    out->surface_tilt_deg = o->tilt * DEG;
    out->surface_azimuth_deg = o->azimuth * DEG;
    out->beam = beam;
    out->sky_diffuse = sky;
    out->ground = gnd;
    out->poa = beam + sky + gnd;
}

void pv_poa(const PvModel *m, double zenith_deg, double azimuth_deg, double dni, double dhi, PvPoa *out)
{
    poa_rad(m, zenith_deg * RAD, azimuth_deg * RAD, dni, dhi, out);
}

/* ---- cell temperature ------------------------------------------------------ */

void pv_thermal_init(PvThermal *st)
{
    st->tmod_k = 293.15;
    st->sun_abs_wm2 = 0.0;
}

/* Fuentes (1987, SAND85-0330) transient module temperature as in PVFORM and
 * PVWatts: convection (free and forced, Reynolds/Grashof correlations), sky
 * and ground radiation linearised around the current estimate, and the
 * module's heat capacity integrated exactly over the step with the absorbed
 * irradiance varying linearly from the previous step. The estimate is
 * iterated (at most 10 times, as PVWatts) until it settles. */
double pv_cell_temp(const PvModel *m, PvThermal *st, double poa_wm2, double wind10_ms, double temp_c)
{
    if (!(poa_wm2 > 0)) {
        st->tmod_k = temp_c + 273.15;
        st->sun_abs_wm2 = 0.0;
        return temp_c;
    }
    const double tamb = temp_c + 273.15, suun = poa_wm2 * ABSORB;
    const double tmodo = st->tmod_k, suno = st->sun_abs_wm2;
    const double tsky = 0.68 * (0.0552 * tamb * sqrt(tamb)) + 0.32 * tamb;   /* sky temperature */
    const double windmd = fmax(wind10_ms, 0.0) * m->wind_to_module + 0.0001;
    double tmod = tmodo;
    for (int j = 0; j < 10; j++) {
        double tave = (tmod + tamb) / 2.0, lt = log(tave);
        double denair = 0.003484 * 101325.0 / tave;
        double visair = 0.24237e-6 * exp(0.76 * lt) / denair;
        double conair = 2.1695e-4 * exp(0.84 * lt);
        double reynld = windmd * XLEN / visair;
        double hforce = reynld > 1.2e5 ? m->force_turb / pow(reynld, 0.2) * denair * windmd
                                       : m->force_lam / sqrt(reynld) * denair * windmd;
        double grashf = 9.8 / tave * fabs(tmod - tamb) * (XLEN * XLEN * XLEN) / (visair * visair) * 0.5;
        double hfree = 0.21 * pow(grashf * 0.71, 0.32) * conair / XLEN;
        double hconv = m->convrt * cbrt(hfree * hfree * hfree + hforce * hforce * hforce);
        double hsky = EMMIS * BOLTZ * (tmod * tmod + tsky * tsky) * (tmod + tsky);
        double tgrnd = tamb + m->tgrat * (tmod - tamb);
        double hgrnd = EMMIS * BOLTZ * (tmod * tmod + tgrnd * tgrnd) * (tmod + tgrnd);
        double htot = hconv + hsky + hgrnd;
        double eigen = -htot / m->cap_j_m2k * STEP_H * 3600.0;
        double ex = eigen > -10.0 ? exp(eigen) : 0.0;
        double next = tmodo * ex + ((1.0 - ex) * (hconv * tamb + hsky * tsky + hgrnd * tgrnd
                      + suno + (suun - suno) / eigen) + suun - suno) / htot;
        int settled = fabs(next - tmod) < 1e-6;     /* K; SAM runs 10 passes */
        tmod = next;
        if (settled) break;
    }
    st->tmod_k = tmod;
    st->sun_abs_wm2 = suun;
    return tmod - 273.15;
}

/* ---- DC and inverter ---------------------------------------------------------- */

double pv_dc_frac(const PvModel *m, double tpoa_wm2, double tcell_c)
{
    /* Dobos (2014): linear temperature coefficient, no low-light
     * correction, then the system losses (reference notes §6.5 step 4). */
    return (1.0 + m->gamma_per_c * (tcell_c - 25.0)) * tpoa_wm2 / 1000.0 * m->dc_derate;
}

double pv_dc_to_ac(const PvModel *m, double dc_frac)
{
    /* Dobos (2014) inverter: part-load efficiency curve normalised to the
     * rated efficiency at full load (0.9637 is the curve's own full-load
     * value), clipped at the AC rating (reference notes §6.5 step 5). */
    double plr = dc_frac / m->dc_inv_frac, ac = 0.0;
    if (plr > 0) ac = dc_frac * (-0.0162 * plr - 0.0059 / plr + 0.9858) * m->eta_nom / 0.9637;
    if (ac > m->ac_max_frac) ac = m->ac_max_frac;
    return ac > 0 ? ac : 0.0;
}

/* ---- the year ------------------------------------------------------------------ */

void pv_unit_output(const PvModel *m, const SunTable *sun, const WeatherYear *wx, double *out_frac)
{
    const int n = wx->hours;
    /* Cell-temperature model expects wind at station height (10 m). */
    const double wind_to_10m = wx->wind_height_m > 0 ? pow(10.0 / wx->wind_height_m, 1.0 / 7.0) : 1.0;
    PvThermal th;
    pv_thermal_init(&th);
    for (int h = 0; h < n; h++) {
        out_frac[h] = 0.0;
        /* Sun-down hours do not touch the thermal state (SAM skips them). */
        if (h >= sun->hours || !sun->sun_up[h]) continue;
        double zen = sun->zenith_deg[h] * RAD, dni = wx->dni_wm2[h];
        PvPoa pa = {0};
        /* SAM rejects beam above the extraterrestrial value (DNI cos z > Gon
         * cos z): such a record gets no irradiance. */
        if (!(cos(zen) > 0 && dni > sun->extra_normal_wm2[h]))
            poa_rad(m, zen, sun->azimuth_deg[h] * RAD, dni, wx->dhi_wm2[h], &pa);

        /* Cover reflection loss on the beam only (reference notes §6.5
         * step 2), on the unshaded beam DNI cos(aoi) as SAM does. */
        double tpoa = pa.poa;
        if (pa.aoi_deg > 0.5 && pa.aoi_deg < 89.5)
            tpoa = fmin(fmax(pa.poa - (1.0 - pv_cover_iam(m, pa.aoi_deg)) * fmax(dni, 0.0) * cos(pa.aoi_deg * RAD),
                             0.0), pa.poa);

        double tcell = pv_cell_temp(m, &th, pa.poa, wx->wind_ms[h] * wind_to_10m, wx->temp_c[h]);
        out_frac[h] = pv_dc_to_ac(m, pv_dc_frac(m, tpoa, tcell));
    }
}
