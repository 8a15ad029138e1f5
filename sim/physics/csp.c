/* csp.c — molten-salt tower plant: heliostat field and receiver from DNI and
 * sun position, storage and turbine dispatched against an hourly room
 * (docs/csp.md). Invariant: each hour closes the heat balance of csp.h. */
#include "csp.h"

#include <math.h>
#include <stddef.h>

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)

void csp_params_default(CspParams *p)
{
    *p = (CspParams){ 0 };
    p->solar_multiple = 2.4;             /* SAM MSPT default (solarm) */
    p->storage_h = 8.0;                  /* Hami 50 MW: 8 h of molten-salt storage */
    p->cycle_eff_frac = 0.412;           /* SAM design_eff, 574/290 C Rankine */
    p->gross_to_net_frac = 0.90;         /* SAM gross_net_conversion_factor */
    p->design_dni_wm2 = 950.0;           /* SAM dni_des */
    p->design_zenith_deg = 20.0;         /* summer-solstice noon at 43.75 N (SolarPILOT design point) */
    p->field_optical_eff_frac = 0.60;    /* assumption, see docs/csp.md */
    p->field_target_elev_deg = 25.0;     /* assumption: ~200 m tower, mean heliostat ~430 m out */
    p->field_stow_elev_deg = 8.0;        /* SAM hel_stow_deploy */
    p->field_min_dni_wm2 = 200.0;        /* assumption, below the turndown at any elevation */
    p->receiver_absorptance_frac = 0.94; /* SAM rec_absorptance */
    p->receiver_loss_frac = 0.05;        /* SAM receiver radiation + convection + piping, docs/csp.md */
    p->receiver_min_frac = 0.25;         /* SAM f_rec_min */
    p->receiver_max_frac = 1.2;          /* SAM csp.pt.rec.max_oper_frac */
    p->receiver_startup_frac = 0.25;     /* SAM rec_qf_delay */
    p->min_load_frac = 0.20;             /* SAM cycle_cutoff_frac */
    p->turbine_startup_h = 0.5;          /* SAM startup_frac: 0.5 of design input per start */
    p->storage_loss_per_h_frac = 0.0004; /* ~1 %/day; SAM u_tank 0.4 W/m2K, docs/csp.md */
    p->initial_storage_frac = 0.0;       /* assumption: 1 January 00:00, after a winter night */
}

static int in01(double x) { return x >= 0.0 && x <= 1.0; }

const char *csp_params_invalid(const CspParams *p, const char **why)
{
    static const char *const frac01 = "must be in [0, 1]", *const pos = "must be > 0",
                              *const eff = "must be in (0, 1]";
    const char *name = NULL, *r = NULL;
#define BAD(cond, field, reason) \
    if (!name && (cond)) { name = "csp." #field; r = (reason); }
    BAD(!(p->solar_multiple > 0 && isfinite(p->solar_multiple)), solar_multiple, pos)
    BAD(!(p->storage_h >= 0 && isfinite(p->storage_h)), storage_h, "must be >= 0")
    BAD(!(p->cycle_eff_frac > 0 && p->cycle_eff_frac <= 1), cycle_eff_frac, eff)
    BAD(!(p->gross_to_net_frac > 0 && p->gross_to_net_frac <= 1), gross_to_net_frac, eff)
    BAD(!(p->design_dni_wm2 > 0 && isfinite(p->design_dni_wm2)), design_dni_wm2, pos)
    BAD(!(p->design_zenith_deg >= 0 && p->design_zenith_deg < 90), design_zenith_deg, "must be in [0, 90)")
    BAD(!(p->field_optical_eff_frac > 0 && p->field_optical_eff_frac <= 1), field_optical_eff_frac, eff)
    BAD(!(p->field_target_elev_deg > 0 && p->field_target_elev_deg <= 90), field_target_elev_deg,
        "must be in (0, 90]")
    BAD(!(p->field_stow_elev_deg >= 0 && p->field_stow_elev_deg < 90), field_stow_elev_deg, "must be in [0, 90)")
    BAD(!(p->field_min_dni_wm2 >= 0 && isfinite(p->field_min_dni_wm2)), field_min_dni_wm2, "must be >= 0")
    BAD(!(p->receiver_absorptance_frac > 0 && p->receiver_absorptance_frac <= 1), receiver_absorptance_frac, eff)
    BAD(!(p->receiver_loss_frac >= 0 && p->receiver_loss_frac < 1), receiver_loss_frac, "must be in [0, 1)")
    BAD(!in01(p->receiver_min_frac), receiver_min_frac, frac01)
    BAD(!(p->receiver_max_frac >= 1 && isfinite(p->receiver_max_frac)), receiver_max_frac, "must be >= 1")
    BAD(!(p->receiver_startup_frac >= 0 && p->receiver_startup_frac <= 24), receiver_startup_frac,
        "must be in [0, 24] hours")
    BAD(!in01(p->min_load_frac), min_load_frac, frac01)
    BAD(!(p->turbine_startup_h >= 0 && p->turbine_startup_h <= 24), turbine_startup_h, "must be in [0, 24] hours")
    BAD(!(p->storage_loss_per_h_frac >= 0 && p->storage_loss_per_h_frac < 1), storage_loss_per_h_frac,
        "must be in [0, 1)")
    BAD(!in01(p->initial_storage_frac), initial_storage_frac, frac01)
#undef BAD
    if (why) *why = r;
    return name;
}

/* Mean of sqrt(a + b cos phi) over phi, a >= |b|: with phi = 2 theta it is
 * (2/pi) sqrt(a + |b|) E(k), k^2 = 2|b| / (a + |b|), and the complete
 * elliptic integral E comes from the arithmetic-geometric mean
 * (Abramowitz & Stegun 17.6.3-4): a0 = 1, b0 = k' = sqrt(1 - k^2), c0 = k,
 * K = pi / (2 AGM), E = K (1 - sum_n 2^(n-1) c_n^2). Quadratic convergence:
 * at most 6 steps for the sun above 1 deg; exact to rounding. */
static double mean_sqrt_cos(double a, double b)
{
    b = fabs(b);                               /* phi -> phi + pi */
    double hi = sqrt(a + b);
    if (!(hi > 0)) return 0.0;
    double an = 1.0, bn = sqrt(fmax(a - b, 0.0)) / hi, cn2 = 2.0 * b / (a + b);
    double sum = 0.5 * cn2, w = 0.5;
    for (int n = 0; n < 12 && cn2 > 1e-34; n++) {
        double c = 0.5 * (an - bn), a1 = 0.5 * (an + bn);
        bn = sqrt(an * bn);
        an = a1;
        cn2 = c * c;
        w *= 2.0;
        sum += w * cn2;
    }
    return hi * (1.0 - sum) / an;
}

/* Cosine efficiency of a heliostat is cos(theta / 2), theta the angle between
 * the sun and receiver directions (the mirror normal bisects them), so
 * cos(theta/2) = sqrt((1 + s.t) / 2). For a heliostat at azimuth phi around
 * the sun's azimuth, the receiver direction t has elevation e and horizontal
 * part pointing back across the tower: s.t = sin a sin e + cos a cos e cos phi
 * with phi measured so that phi = 0 is the heliostat on the far side of the
 * tower from the sun (Stine & Geyer, Power from the Sun, ch. 10). */
static double cosine_surround(double sin_a, double cos_a, double sin_e, double cos_e)
{
    return mean_sqrt_cos(0.5 * (1.0 + sin_a * sin_e), 0.5 * cos_a * cos_e);
}

double csp_cosine_surround(double elev_deg, double target_elev_deg)
{
    return cosine_surround(sin(elev_deg * DEG), cos(elev_deg * DEG), sin(target_elev_deg * DEG),
                           cos(target_elev_deg * DEG));
}

void csp_design(const CspParams *p, CspDesign *d)
{
    d->net_eff = p->cycle_eff_frac * p->gross_to_net_frac;
    d->turbine_in_mwt = 1.0 / d->net_eff;
    d->receiver_mwt = p->solar_multiple * d->turbine_in_mwt;
    d->receiver_loss_mwt = p->receiver_loss_frac * d->receiver_mwt;
    d->absorbed_mwt = d->receiver_mwt + d->receiver_loss_mwt;
    d->storage_mwht = p->storage_h * d->turbine_in_mwt;
    d->cosine_design = csp_cosine_surround(90.0 - p->design_zenith_deg, p->field_target_elev_deg);
    /* absorbed = aperture x DNI x eta_opt x absorptance at the design point */
    d->aperture_m2 = d->absorbed_mwt * 1e6
                     / (p->receiver_absorptance_frac * p->field_optical_eff_frac * p->design_dni_wm2);
}

void csp_field_year(const CspParams *p, const SunTable *sun, const double *dni_wm2, int hours,
                    double *field_mwt_per_mw)
{
    CspDesign d;
    csp_design(p, &d);
    const double e = p->field_target_elev_deg * DEG, sin_e = sin(e), cos_e = cos(e);
    /* Absorbed heat scales with DNI and with the field's optical efficiency,
     * whose variation with the sun is the cosine factor's (the other optical
     * losses are taken as constant): absorbed_design x DNI/DNI_d x c/c_d. */
    const double per_dni_cos = d.absorbed_mwt / (p->design_dni_wm2 * d.cosine_design);
    const double q_min = p->receiver_min_frac * d.receiver_mwt, q_max = p->receiver_max_frac * d.receiver_mwt;
    const double startup = p->receiver_startup_frac * d.receiver_mwt;
    /* sin(elevation) = cos(zenith), from the table, where the sun is up */
    const double min_sin_elev = sin(p->field_stow_elev_deg * DEG), min_dni = p->field_min_dni_wm2;
    int was_on = 0;
    for (int h = 0; h < hours; h++) {
        double q = 0.0, dni = dni_wm2[h], sin_a = sun->cos_zenith[h];
        int on = 0;
        if (sun->sun_up[h] && sin_a > 0.0 && sin_a >= min_sin_elev && dni > 0.0 && dni >= min_dni) {
            double cos_a = sqrt(fmax(1.0 - sin_a * sin_a, 0.0));
            q = per_dni_cos * dni * cosine_surround(sin_a, cos_a, sin_e, cos_e) - d.receiver_loss_mwt;
            if (q > q_max) q = q_max;                   /* defocus the surplus in the field */
            on = q > 0.0 && q >= q_min;
        }
        if (!on) q = 0.0;
        else if (!was_on) q = q > startup ? q - startup : 0.0;   /* fill and heat the receiver */
        field_mwt_per_mw[h] = q;
        was_on = on;
    }
}

void csp_initial_state(const CspParams *p, double cap_mw, CspState *st)
{
    CspDesign d;
    csp_design(p, &d);
    double f = p->initial_storage_frac < 0 ? 0 : p->initial_storage_frac > 1 ? 1 : p->initial_storage_frac;
    st->soc_mwht = cap_mw > 0 ? f * d.storage_mwht * cap_mw : 0.0;
    st->running = 0;
}

#ifdef ECSIM_CHECKS
/* 1 if the hour keeps every invariant of csp.h, else 0. */
static int hour_ok(const double *v, double soc0, double s_max, double eta, double p_min, double cap,
                   int started)
{
    enum { FIELD, TURB, START, CHARGE, DISCHARGE, DUMPED, LOSS, SOC, ELEC, FORCED, N };
    double scale = 1.0 + s_max + cap / eta;
    for (int i = 0; i < N; i++)
        if (!isfinite(v[i]) || v[i] < -1e-9 * scale) return 0;
    double tol = 1e-9 * scale;
    if (fabs(v[FIELD] + v[DISCHARGE] - v[TURB] - v[START] - v[CHARGE] - v[DUMPED]) > tol) return 0;
    if (fabs(v[SOC] - (soc0 - v[LOSS] + v[CHARGE] - v[DISCHARGE])) > tol) return 0;
    if (v[SOC] > s_max + tol || (v[START] > 0 && !started)) return 0;
    if (fabs(v[ELEC] - v[TURB] * eta) > tol) return 0;
    if (v[ELEC] > cap + tol || (v[ELEC] > 0 && v[ELEC] < p_min - tol) || v[FORCED] > v[ELEC] + tol) return 0;
    return 1;
}
#endif

/* What a full tank cannot take (over > 0, turbine at elec, off if 0):
 * raise the turbine, above the room, up to cap; a turbine that is off
 * starts only if it can reach p_min, paying `start` heat, with the help of
 * the full tank *s if the overflow falls short. Updates elec, the heat
 * flows and *s; returns the heat dumped. */
static double absorb_overflow(double over, double cap, double p_min, double eta, double start,
                              double *s, double *elec, double *su, double *discharge)
{
    if (*elec > 0) {
        double e_all = *elec + over * eta;
        if (e_all <= cap) { *elec = e_all; return 0.0; }
        double used = (cap - *elec) / eta;
        *elec = cap;
        return over - used;
    }
    double e_all = (over - start) * eta;
    if (e_all >= p_min) {
        *su = start;
        if (e_all <= cap) { *elec = e_all; return 0.0; }
        *elec = cap;
        return over - start - cap / eta;
    }
    double from_tank = p_min / eta + start - over;
    if (from_tank > *s) return over;           /* the tank is too small to help */
    *s -= from_tank;
    *discharge = from_tank;
    *su = start;
    *elec = p_min;
    return 0.0;
}

void csp_dispatch_year(const CspParams *p, double cap_mw, const double *field_mwt_per_mw,
                       const double *room_mw, int hours, CspState *st, const CspSeries *out,
                       CspReport *rep)
{
    CspDesign d;
    csp_design(p, &d);
    if (!(cap_mw > 0)) cap_mw = 0.0;
    const double eta = d.net_eff, s_max = d.storage_mwht * cap_mw;
    const double p_min = p->min_load_frac * cap_mw, keep = 1.0 - p->storage_loss_per_h_frac;
    const double start_heat = p->turbine_startup_h * cap_mw / eta;
    CspReport r = { 0 };
    r.first_violation_hour = -1;
    double s = st->soc_mwht > 0 ? st->soc_mwht : 0.0;
    if (s > s_max) {          /* capacity reduced since last year */
        r.retired_mwht = s - s_max;
        s = s_max;
    }
    int running = st->running && cap_mw > 0;
    for (int h = 0; h < hours; h++) {
        const double qf = field_mwt_per_mw[h] * cap_mw;
        const double s0 = s;
        s *= keep;                                 /* tank loss of the hour, first */
        const double loss = s0 - s;
        const double start = running ? 0.0 : start_heat;
        double want = room_mw[h] > 0 ? room_mw[h] : 0.0;
        if (want > cap_mw) want = cap_mw;
        /* Serve the room from field heat, then storage, if at least p_min. */
        double elec = (qf + s - start) * eta;
        if (elec > want) elec = want;
        if (elec < p_min || !(elec > 0)) elec = 0.0;
        double su = elec > 0 ? start : 0.0, charge = 0.0, discharge = 0.0, dumped = 0.0;
        double heat = elec / eta + su;
        if (heat <= qf) {
            double surplus = qf - heat;
            charge = surplus < s_max - s ? surplus : s_max - s;
            if (charge < 0) charge = 0.0;
            s += charge;
            if (surplus > charge)
                dumped = absorb_overflow(surplus - charge, cap_mw, p_min, eta, start, &s, &elec, &su,
                                         &discharge);
        } else {
            discharge = heat - qf;
            if (discharge > s) {                   /* rounding: at most the tank */
                discharge = s;
                elec = (qf + s - su) * eta;
            }
            s -= discharge;
        }
        if (s < 0) s = 0.0;
        const double to_turb = elec / eta;
        const double forced = elec > want ? elec - want : 0.0;
        const int on = elec > 0, started = on && !running;
        r.starts += started;
        r.hours_running += on;
        running = on;
        out->elec_mw[h] = elec;
        out->forced_mw[h] = forced;
        out->to_turbine_mwt[h] = to_turb;
        out->startup_mwt[h] = su;
        out->charge_mwt[h] = charge;
        out->discharge_mwt[h] = discharge;
        out->dumped_mwt[h] = dumped;
        out->storage_loss_mwt[h] = loss;
        out->soc_mwht[h] = s;
        r.elec_mwh += elec;
        r.forced_mwh += forced;
        r.field_mwht += qf;
        r.to_turbine_mwht += to_turb;
        r.startup_mwht += su;
        r.charge_mwht += charge;
        r.discharge_mwht += discharge;
        r.dumped_mwht += dumped;
        r.storage_loss_mwht += loss;
#ifdef ECSIM_CHECKS
        const double v[] = { qf, to_turb, su, charge, discharge, dumped, loss, s, elec, forced };
        if (!hour_ok(v, s0, s_max, eta, p_min, cap_mw, started)
            && r.check_violations++ == 0)
            r.first_violation_hour = h;
#endif
    }
    st->soc_mwht = s;
    st->running = running;
    *rep = r;
}
