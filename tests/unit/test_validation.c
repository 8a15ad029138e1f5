/* test_validation.c — the PV and wind models fed by the weather-file
 * readers (wxfile_read) against NREL SAM's own published results on the
 * same files: PVWatts v5 (the model class of pv.c) on the Phoenix TMY2 file,
 * PVWatts v8 (SAM's current PVWatts, with its own row-shading, module and
 * inverter models: a v5-class model lands within about 3 %) on the PSM v3
 * Phoenix, TMY2 Phoenix and 15-minute Los Angeles files, and the wind model
 * with SAM's wake models on SAM's .srw files. Every case, its provenance and
 * the measured differences: tests/data/sam/cases.md and docs/validation.md. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "pv.h"
#include "wind.h"
#include "wxfile.h"
#include "wxyear.h"

#define TMY2 "data/sam/USA_AZ_Phoenix_TMY2.csv"
#define PSM3 "data/weather/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv"
#define LA15 "data/weather/LosAngeles_WeatherFile_15min.csv"
#define PVGIS_CSV "data/weather/tmy_45.000_8.000_2005_2023.csv"
#define PVGIS_EPW "data/weather/tmy_45.000_8.000_2005_2023.epw"
#define WIND_SRW "data/weather/wind.srw"
#define WY_SRW "data/weather/WY_Southern-Flat_Lands.srw"
#define AZ_SRW "data/weather/AZ_Eastern-Rolling_Hills.srw"

#define REL(a, b) ((a) / (b) - 1.0)

/* ---- a file as a simulated year, by the product's readers and wxyear ---- */

typedef struct {
    WxFile *f, *wind;
    WxSource src;
    Calendar cal;
    WeatherYear wx;
    SunTable sun;
} FileYear;

/* A weather file (and a wind file) as the weather of a common year, not
 * re-timed: hour h is record h of the file, so months are the file's. */
static FileYear *open_year(const char *path, const char *wind_path, double hub_m)
{
    FileYear *y = calloc(1, sizeof *y);
    if (!y) return NULL;
    Diag d;
    diag_init(&d);
    y->f = wxfile_new();
    y->wind = wind_path ? wxfile_new() : NULL;
    const WxYearOptions o = {hub_m, 0, 1};
    int ok = y->f && wxfile_read(path, WXF_AUTO, y->f, &d) == ST_OK;
    if (ok && wind_path) ok = y->wind && wxfile_read(wind_path, WXF_AUTO, y->wind, &d) == ST_OK;
    if (ok) {
        const Site site = {"file", y->f->latitude_deg, y->f->longitude_deg, y->f->elevation_m, y->f->utc_offset_h};
        ok = wxyear_prepare(&y->src, y->f, y->wind, &site, &o, &d) == ST_OK;
    }
    if (!ok) {
        diag_print(&d, stderr);
        wxfile_free(y->wind);
        wxfile_free(y->f);
        free(y);
        return NULL;
    }
    calendar_year_init(&y->cal, 2001);
    wxyear_fill(&y->src, &y->cal, &y->wx, &y->sun);
    return y;
}

static void close_year(FileYear *y)
{
    if (!y) return;
    wxfile_free(y->wind);
    wxfile_free(y->f);
    free(y);
}

/* ---- PV ------------------------------------------------------------------ */

/* SAM's default PVWatts system (pvwatts_cases.h; reference notes §3.1). */
static PvParams sam_pv(void)
{
    PvParams p;
    memset(&p, 0, sizeof p);
    p.dc_ac_ratio = 1.2000000476837158;
    p.inverter_eff_frac = 0.96;
    p.losses_frac = 0.14075660705566406;
    p.tracking = PV_FIXED;
    p.module_type = PV_MODULE_STANDARD;
    p.tilt_deg = 20.0;
    p.azimuth_deg = 180.0;
    p.gcr = 0.40000000596046448;
    p.rotation_limit_deg = 45.0;
    p.albedo = 0.2;
    return p;
}

/* kWh of a kw_dc system over the file's records, by the file's months. */
static double pv_kwh(const FileYear *y, const PvParams *p, double kw_dc, double monthly[12])
{
    PvModel *m = malloc(sizeof *m);
    double *out = malloc(ECSIM_MAX_HOURS * sizeof *out);
    if (!m || !out) { free(m); free(out); return NAN; }
    pv_model_init(m, p);
    pv_unit_output(m, &y->sun, &y->wx, out);
    double total = 0;
    if (monthly) for (int k = 0; k < 12; k++) monthly[k] = 0;
    for (int i = 0; i < y->wx.hours; i++) {
        total += kw_dc * out[i];
        if (monthly) monthly[y->cal.month[i] - 1] += kw_dc * out[i];
    }
    free(out);
    free(m);
    return total;
}

/* PV5-1 through the reader (SAM DefaultNoFinancialModel, pvwattsv5): 6908.128
 * kWh and the months below; required within 0.5 % and 2 %, measured
 * -0.0004 % and every month within 0.007 % (asserted at 0.01 % and
 * 0.03 %); the array and module variants of DifferentTechnologyInputs
 * (premium 7121.63, thin film 7334.83, roof 6802.72, one-axis 8632.33,
 * backtracking 8721.21 kWh), measured within 0.0005 % (one-axis +0.007 %),
 * asserted 0.01 %. */
static void pv5_file_path(void)
{
    static const double sam_month[12] = {435.198, 482.697, 593.881, 673.452, 715.835, 665.019,
                                         665.709, 647.621, 594.314, 568.281, 453.305, 412.782};
    FileYear *y = open_year(TMY2, NULL, 10.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    double mon[12];
    PvParams p = sam_pv();
    double annual = pv_kwh(y, &p, 4.0, mon);
    CU_ASSERT_DOUBLE_EQUAL(annual, 6908.128, 6908.128 * 1e-4);
    for (int k = 0; k < 12; k++) CU_ASSERT_DOUBLE_EQUAL(mon[k], sam_month[k], sam_month[k] * 3e-4);

    static const struct { int module, roof; PvTracking track; double sam; } var[] = {
        {PV_MODULE_PREMIUM, 0, PV_FIXED, 7121.63}, {PV_MODULE_THIN_FILM, 0, PV_FIXED, 7334.83},
        {PV_MODULE_STANDARD, 1, PV_FIXED, 6802.72}, {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS, 8632.33},
        {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS_BACKTRACK, 8721.21},
    };
    for (size_t i = 0; i < sizeof var / sizeof var[0]; i++) {
        p = sam_pv();
        p.module_type = (PvModule)var[i].module;
        p.roof_mount = var[i].roof;
        p.tracking = var[i].track;
        double e = pv_kwh(y, &p, 4.0, NULL);
        CU_ASSERT_DOUBLE_EQUAL(e, var[i].sam, var[i].sam * 1e-4);
    }
    close_year(y);
}

/* PVWatts v8 on the same TMY2 file (cmod_pvwattsv8_test.cpp
 * DefaultNoFinancialModel and DifferentTechnologyInputs; array types 0-3,
 * ecsim has no two-axis tracking). Measured: standard -1.92 %, premium
 * +1.15 %, thin film +3.32 %, roof mount -3.02 %, one-axis -2.56 %,
 * backtracking -0.92 %: within 3 %, except where v8 redefined the case
 * (thin film: temperature coefficient -0.0032 instead of v5's -0.0020;
 * roof mount: v8's NOCT cell temperature model instead of Fuentes at INOCT
 * 49 C), asserted within 3.5 % (docs/validation.md). */
static void pv8_tmy2(void)
{
    FileYear *y = open_year(TMY2, NULL, 10.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    static const struct { int module, roof; PvTracking track; double sam, tol; } var[] = {
        {PV_MODULE_STANDARD, 0, PV_FIXED, 7043.197, 0.03}, {PV_MODULE_PREMIUM, 0, PV_FIXED, 7040.913, 0.03},
        {PV_MODULE_THIN_FILM, 0, PV_FIXED, 7099.417, 0.035}, {PV_MODULE_STANDARD, 1, PV_FIXED, 7014.260, 0.035},
        {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS, 8859.963, 0.03},
        {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS_BACKTRACK, 8802.080, 0.03},
    };
    for (size_t i = 0; i < sizeof var / sizeof var[0]; i++) {
        PvParams p = sam_pv();
        p.module_type = (PvModule)var[i].module;
        p.roof_mount = var[i].roof;
        p.tracking = var[i].track;
        double e = pv_kwh(y, &p, 4.0, NULL);
        CU_ASSERT_DOUBLE_EQUAL(e, var[i].sam, var[i].sam * var[i].tol);
    }
    close_year(y);
}

/* PVWatts v8 on the NSRDB PSM v3 Phoenix file (sampled at :30; albedo: the
 * file's valid values averaged, v8 uses them hour by hour): the DC/AC-ratio
 * JSON cases (one-axis, tilt 0, gcr 0.3, 100 MW; DC/AC 1, 1.5, 2), the
 * hybrid cases (one-axis DC/AC 1.3; fixed roof mount tilt 20, DC/AC 1.15,
 * 5 % availability adjustment). Measured -2.64, -1.99, -0.24, -2.80 and
 * -3.21 % (roof mount, see above): within 3 %, roof mount 3.5 %. */
static void pv8_psm3(void)
{
    FileYear *y = open_year(PSM3, NULL, 10.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    double alb = 0;
    int n = 0;
    for (int i = 0; i < y->f->hours; i++)
        if (y->f->albedo[i] > 0 && y->f->albedo[i] < 1) { alb += y->f->albedo[i]; n++; }
    static const struct { PvTracking track; int roof; double tilt, dcac, adjust, sam, tol; } c[] = {
        {PV_SINGLE_AXIS, 0, 0, 1.0, 0, 211580007.2, 0.03}, {PV_SINGLE_AXIS, 0, 0, 1.5, 0, 207766827.9, 0.03},
        {PV_SINGLE_AXIS, 0, 0, 2.0, 0, 175629716.4, 0.03}, {PV_SINGLE_AXIS, 0, 0, 1.3, 0, 211907456, 0.03},
        {PV_FIXED, 1, 20, 1.15, 0.05, 165112880, 0.035},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        PvParams p = sam_pv();
        p.tracking = c[i].track;
        p.roof_mount = c[i].roof;
        p.tilt_deg = c[i].tilt;
        p.dc_ac_ratio = c[i].dcac;
        p.gcr = 0.3;
        p.losses_frac = 0.14075660688264469;
        p.albedo = n ? alb / n : 0.2;
        double e = pv_kwh(y, &p, 100000.0, NULL) * (1.0 - c[i].adjust);
        CU_ASSERT_DOUBLE_EQUAL(e, c[i].sam, c[i].sam * c[i].tol);
    }
    close_year(y);
}

/* PVWatts v8 default system on the 15-minute Los Angeles file
 * (SubhourlyWeather_cmod_pvwattsv8): 6564.983 kWh; the reader averages the
 * quarter hours to hours. Measured -0.90 %; within 3 %. */
static void pv8_la15(void)
{
    FileYear *y = open_year(LA15, NULL, 10.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    PvParams p = sam_pv();
    double e = pv_kwh(y, &p, 4.0, NULL);
    CU_ASSERT_DOUBLE_EQUAL(e, 6564.983, 6564.983 * 0.03);
    close_year(y);
}

/* The same PVGIS TMY (45 N, 8 E) from its CSV (UTC stamps, values at
 * hh:10.6 by its "Irradiance Time Offset" 0.1761 h) and from its EPW (hour
 * ending, "Irradiance Time Offset" -0.8239 h, hours in UTC although the
 * LOCATION line says time zone +1): the readers put both on UTC with the
 * same sample minute, so irradiance, temperature and sun are the same
 * record by record; only the wind differs (the EPW rounds it to 0.1 m/s),
 * which moves the cell temperature slightly. SAM's default system there:
 * measured +0.004 %, asserted within 0.01 %. Taking the EPW's time zone
 * at its word (+1 h) would put the sun an hour late: measured -1.84 %. */
static void pvgis_csv_vs_epw(void)
{
    FileYear *c = open_year(PVGIS_CSV, NULL, 10.0), *e = open_year(PVGIS_EPW, NULL, 10.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_DOUBLE_EQUAL(c->f->utc_offset_h, e->f->utc_offset_h, 0);
    CU_ASSERT_DOUBLE_EQUAL(c->f->sample_minute, e->f->sample_minute, 1e-9);
    PvParams p = sam_pv();
    double ec = pv_kwh(c, &p, 1000.0, NULL), ee = pv_kwh(e, &p, 1000.0, NULL);
    CU_ASSERT_DOUBLE_EQUAL(ee, ec, ec * 1e-4);

    /* the EPW read as if its records were on UTC+1 */
    FileYear *w = calloc(1, sizeof *w);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    w->f = e->f;
    w->f->utc_offset_h = 1.0;
    Diag d;
    diag_init(&d);
    const Site site = {"file", 45.0, 8.0, 250.0, 1.0};
    const WxYearOptions o = {10.0, 0, 1};
    CU_ASSERT_EQUAL_FATAL(wxyear_prepare(&w->src, w->f, NULL, &site, &o, &d), ST_OK);
    calendar_year_init(&w->cal, 2001);
    wxyear_fill(&w->src, &w->cal, &w->wx, &w->sun);
    double ew = pv_kwh(w, &p, 1000.0, NULL);
    CU_ASSERT(fabs(REL(ew, ec)) > 0.01);
    free(w);
    close_year(e);
    close_year(c);
}

/* ---- wind ------------------------------------------------------------------ */

static const double SAM_KW_3_5[] = {
    21.32, 33.51, 45.69, 65.21, 79.83, 104.25, 128.66, 157.97, 187.27, 216.58,
    250.78, 292.32, 333.85, 375.40, 426.72, 475.60, 534.27, 597.81, 656.49, 724.94,
    798.29, 871.63, 940.08, 1010, 1060, 1130, 1190, 1240, 1290, 1330,
    1370, 1390, 1410, 1430, 1440, 1460, 1470, 1475, 1480, 1485,
    1490, 1495
};
/* The 2.5 MW turbine of SAM's hybrid test (kW at 3.5 .. 12.25 m/s, then
 * 2500 to 25 m/s, 0 above). */
static const double HYB_KW_3_5[] = {
    25.71, 37.14, 54.29, 77.14, 111.43, 145.71, 185.71, 231.43, 300, 334.29,
    391.43, 454.29, 511.43, 602.85, 654.29, 734.29, 820, 905.71, 1000, 1070,
    1170, 1280, 1380, 1510, 1640, 1790, 1920, 2010, 2110, 2190,
    2260, 2320, 2370, 2420, 2460, 2480
};

/* SAM's wind losses of the hybrid cases (percent, multiplied): avail_bop
 * 0.5, avail_grid 1.5, avail_turb 3.58, elec_eff 1.91, elec_parasitic 0.1,
 * env_degrad 1.8, env_env 0.4, env_icing 0.21, ops_env 1, ops_grid 0.84,
 * ops_load 0.99, turb_generic 1.7, turb_hysteresis 0.4, turb_perf 1.1,
 * turb_specific 0.81, wake_ext 1.1 (the others 0). */
static double sam_loss_factor(void)
{
    static const double l[] = {0.5, 1.5, 3.58, 1.91, 0.1, 1.8, 0.4, 0.21, 1.0, 0.84, 0.99, 1.7, 0.4, 1.1, 0.81, 1.1};
    double f = 1.0;
    for (size_t i = 0; i < sizeof l / sizeof l[0]; i++) f *= 1.0 - l[i] / 100.0;
    return f;
}

static WindParams farm(int hybrid, WakeKind wake, double losses_frac)
{
    WindParams p;
    memset(&p, 0, sizeof p);
    p.hub_height_m = 80;
    p.shear_exponent = 0.14;
    p.availability_frac = 1.0;
    p.losses_frac = losses_frac;
    p.density_correction = 1;
    p.curve_n = 161;
    double rated = hybrid ? 2500.0 : 1500.0;
    for (int i = 0; i < 161; i++) {
        double kw = 0;
        if (!hybrid && i >= 14 && i <= 100) kw = i >= 56 ? 1500.0 : SAM_KW_3_5[i - 14];
        if (hybrid && i >= 14 && i <= 100) kw = i >= 50 ? 2500.0 : HYB_KW_3_5[i - 14];
        p.power_curve_speed_ms[i] = 0.25 * i;
        p.power_curve_frac[i] = kw / rated;
    }
    p.wake_model = wake;
    p.rated_kw = rated;
    p.rotor_diameter_m = hybrid ? 100.0 : 77.0;
    p.turbulence_intensity = 0.1;
    p.park_decay = 0.07;
    p.layout_rows = hybrid ? 10 : 4;
    p.layout_per_row = 8;
    p.layout_spacing_d = 8.0;
    p.layout_row_spacing_d = 8.0;
    p.layout_stagger_frac = 0.5;
    return p;
}

static double farm_kwh(const FileYear *y, const WindParams *p, int turbines, int with_dir, double monthly[12])
{
    WindModel *m = malloc(sizeof *m);
    double *out = malloc(ECSIM_MAX_HOURS * sizeof *out);
    if (!m || !out || wind_model_init(m, p, y->wx.wind_height_m) != ST_OK) { free(m); free(out); return NAN; }
    wind_farm_output(m, &y->wx, with_dir && y->wx.has_wind_dir ? y->wx.wind_dir_deg : NULL, out);
    double total = 0;
    if (monthly) for (int k = 0; k < 12; k++) monthly[k] = 0;
    for (int i = 0; i < y->wx.hours; i++) {
        double kwh = out[i] * p->rated_kw * turbines;
        total += kwh;
        if (monthly) monthly[y->cal.month[i] - 1] += kwh;
    }
    free(out);
    free(m);
    return total;
}

/* W-1 through the reader (wind.srw: 5 m/s from 180 deg at 80 m, 15 C,
 * 0.95 atm): gross 33,745,994 kWh; SAM simple wake 33,224,154 (+-1000),
 * January 2.8218e6 (+-1000); Park 32,346,158, January 2.7472e6. */
static void w1_file_path(void)
{
    FileYear *y = open_year(TMY2, WIND_SRW, 80.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    CU_ASSERT_DOUBLE_EQUAL(y->wx.wind_height_m, 80.0, 0);
    double mon[12];
    WindParams p = farm(0, WAKE_NONE, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(farm_kwh(y, &p, 32, 1, NULL), 33745994.0, 2.0);
    p = farm(0, WAKE_SIMPLE, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(farm_kwh(y, &p, 32, 1, mon), 33224154.0, 1000.0);
    CU_ASSERT_DOUBLE_EQUAL(mon[0], 2.8218e6, 1000.0);
    CU_ASSERT_DOUBLE_EQUAL(mon[11], 2.8218e6, 1000.0);
    p = farm(0, WAKE_PARK, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(farm_kwh(y, &p, 32, 1, mon), 32346158.0, 1000.0);
    CU_ASSERT_DOUBLE_EQUAL(mon[0], 2.7472e6, 1000.0);
    close_year(y);
}

/* Real wind years with SAM's simple wake model and loss bundle: the default
 * farm on WY_Southern-Flat_Lands.srw (cmod_hybrid_steps_test.cpp Wind:
 * 201,595,968 kWh) and 80 x 2.5 MW (rotor 100 m, 800 m apart, rows
 * staggered by 400 m) on AZ_Eastern-Rolling_Hills.srw (cmod_hybrid_test.cpp
 * PVWattsv8WindBatterySingleOwner: 366,975,552 kWh). Measured with the
 * hours' directions +0.0004 % and +0.001 % (wake loss 1.07 % and 2.11 %),
 * with the rose average instead +0.07 % and -0.02 %; without wakes +1.08 %
 * and +2.15 %. Asserted within 2 % (the band) and, with
 * directions, 0.01 %. */
static void real_wind_farms(void)
{
    static const struct { const char *path; int hybrid, turbines; double sam; } c[] = {
        {WY_SRW, 0, 32, 201595968.0}, {AZ_SRW, 1, 80, 366975552.0},
    };
    double lf = sam_loss_factor();
    CU_ASSERT_DOUBLE_EQUAL(lf, 0.8344467, 5e-8);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        FileYear *y = open_year(TMY2, c[i].path, 80.0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        WindParams p = farm(c[i].hybrid, WAKE_SIMPLE, 1.0 - lf);
        double e = farm_kwh(y, &p, c[i].turbines, 1, NULL);
        double rose = farm_kwh(y, &p, c[i].turbines, 0, NULL);
        CU_ASSERT_DOUBLE_EQUAL(e, c[i].sam, c[i].sam * 1e-4);
        CU_ASSERT_DOUBLE_EQUAL(e, c[i].sam, c[i].sam * 0.02);
        CU_ASSERT_DOUBLE_EQUAL(rose, c[i].sam, c[i].sam * 0.02);
        close_year(y);
    }
}

void register_test_validation(void);
void register_test_validation(void)
{
    CU_pSuite s = CU_add_suite("test_validation", NULL, NULL);
    CU_add_test(s, "PV5-1 and variants through the reader", pv5_file_path);
    CU_add_test(s, "PVWatts v8 on the TMY2 file", pv8_tmy2);
    CU_add_test(s, "PVWatts v8 on the PSM v3 file", pv8_psm3);
    CU_add_test(s, "PVWatts v8 on the 15-minute file", pv8_la15);
    CU_add_test(s, "PVGIS TMY: CSV and EPW", pvgis_csv_vs_epw);
    CU_add_test(s, "W-1 through the reader, wakes", w1_file_path);
    CU_add_test(s, "real wind years, wakes and losses", real_wind_farms);
}
