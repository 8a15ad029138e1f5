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
#include "solarpos.h"
#include "wind.h"
#include "wxfile.h"

#define TMY2 "data/sam/USA_AZ_Phoenix_TMY2.csv"
#define PSM3 "data/weather/phoenix_az_33.450495_-111.983688_psmv3_60_tmy.csv"
#define LA15 "data/weather/LosAngeles_WeatherFile_15min.csv"
#define WIND_SRW "data/weather/wind.srw"
#define WY_SRW "data/weather/WY_Southern-Flat_Lands.srw"
#define AZ_SRW "data/weather/AZ_Eastern-Rolling_Hills.srw"

/* ---- a file as a simulated year --------------------------------------- */

typedef struct {
    WxFile *f;
    WeatherYear wx;
    SunTable sun, tmp;
    double wind_dir_deg[ECSIM_MAX_HOURS];
} FileYear;

/* The weather of a solar file and the sun for each of its records (SAM's
 * timing, reference notes §6.1): hour averages get the sun at mid-hour (or
 * the sunlit part's midpoint in the sunrise and sunset hours) of the
 * record's own date and year; sampled records get it at their own minute,
 * sun up between sunrise and sunset. */
static void solar_year(FileYear *y)
{
    const WxFile *f = y->f;
    const Site site = {"file", f->latitude_deg, f->longitude_deg, f->elevation_m, f->utc_offset_h};
    WeatherYear *wx = &y->wx;
    SunTable *sun = &y->sun;
    wx->year = f->year[0];
    wx->hours = f->hours;
    wx->wind_height_m = f->height_m[0];
    sun->year = wx->year;
    sun->hours = f->hours;
    int built = -1;
    for (int i = 0; i < f->hours; i++) {
        wx->dni_wm2[i] = f->dni_wm2[i];
        wx->dhi_wm2[i] = f->dhi_wm2[i];
        wx->ghi_wm2[i] = f->ghi_wm2[i];
        wx->temp_c[i] = f->temp_c[i];
        wx->pressure_pa[i] = f->pressure_pa[i];
        wx->wind_ms[i] = f->wind_ms[0][i];
        int yr = f->year[i], doy = f->day[i];
        for (int mo = 1; mo < f->month[i]; mo++) doy += calendar_days_in_month(yr, mo);
        if (!f->instant) {
            if (built != yr) { suntable_build(&y->tmp, &site, yr); built = yr; }
            int h = (doy - 1) * 24 + f->hour[i];
            sun->zenith_deg[i] = y->tmp.zenith_deg[h];
            sun->azimuth_deg[i] = y->tmp.azimuth_deg[h];
            sun->cos_zenith[i] = y->tmp.cos_zenith[h];
            sun->extra_normal_wm2[i] = y->tmp.extra_normal_wm2[h];
            sun->sun_up[i] = y->tmp.sun_up[h];
        } else {
            double t = f->hour[i] + f->sample_minute / 60.0, rise, set;
            double mbar = f->pressure_pa[i] / 100.0;
            SunPos p;
            solarpos_compute(yr, f->month[i], f->day[i], t, f->utc_offset_h, f->latitude_deg, f->longitude_deg,
                             f->elevation_m, mbar > 800 ? mbar : 1013.25, f->temp_c[i], &p);
            solarpos_sunrise_sunset(yr, f->month[i], f->day[i], f->utc_offset_h, f->latitude_deg,
                                    f->longitude_deg, &rise, &set);
            sun->zenith_deg[i] = p.zenith_deg;
            sun->azimuth_deg[i] = p.azimuth_deg;
            sun->cos_zenith[i] = p.zenith_deg < 90 ? cos(p.zenith_deg * (3.14159265358979323846 / 180)) : 0.0;
            sun->extra_normal_wm2[i] = solarpos_extra_normal(doy);
            sun->sun_up[i] = t >= rise && t <= set;
        }
    }
}

/* The weather of a wind file at the measurement height nearest hub_m. */
static void wind_year(FileYear *y, double hub_m)
{
    const WxFile *f = y->f;
    int k = 0;
    for (int j = 1; j < f->n_heights; j++)
        if (fabs(f->height_m[j] - hub_m) < fabs(f->height_m[k] - hub_m)) k = j;
    y->wx.year = 2001;
    y->wx.hours = f->hours;
    y->wx.wind_height_m = f->height_m[k];
    for (int i = 0; i < f->hours; i++) {
        y->wx.wind_ms[i] = f->wind_ms[k][i];
        y->wx.temp_c[i] = f->temp_at_c[k][i];
        y->wx.pressure_pa[i] = f->pressure_at_pa[k][i];
        y->wind_dir_deg[i] = f->wind_dir_deg[k][i];
    }
}

static FileYear *open_year(const char *path)
{
    FileYear *y = calloc(1, sizeof *y);
    if (!y) return NULL;
    y->f = wxfile_new();
    Diag d;
    diag_init(&d);
    if (!y->f || wxfile_read(path, WXF_AUTO, y->f, &d) != ST_OK) {
        diag_print(&d, stderr);
        wxfile_free(y->f);
        free(y);
        return NULL;
    }
    return y;
}

static void close_year(FileYear *y)
{
    if (!y) return;
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
        if (monthly) monthly[y->f->month[i] - 1] += kw_dc * out[i];
    }
    free(out);
    free(m);
    return total;
}

#define REL(a, b) ((a) / (b) - 1.0)

/* PV5-1 through the reader (SAM DefaultNoFinancialModel, pvwattsv5): 6908.128
 * kWh and the months below; required within 0.5 % and 2 %, measured within
 * 0.001 % and 0.01 % (asserted at 0.01 % and 0.03 %); the array and module
 * variants of DifferentTechnologyInputs within 0.01 %. */
static void pv5_file_path(void)
{
    static const double sam_month[12] = {435.198, 482.697, 593.881, 673.452, 715.835, 665.019,
                                         665.709, 647.621, 594.314, 568.281, 453.305, 412.782};
    FileYear *y = open_year(TMY2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    solar_year(y);
    double mon[12];
    PvParams p = sam_pv();
    double annual = pv_kwh(y, &p, 4.0, mon);
    CU_ASSERT_DOUBLE_EQUAL(annual, 6908.128, 6908.128 * 1e-4);
    for (int k = 0; k < 12; k++) CU_ASSERT_DOUBLE_EQUAL(mon[k], sam_month[k], sam_month[k] * 3e-4);

    static const struct { int module, roof; PvTracking track; double sam; } var[] = {
        {PV_MODULE_PREMIUM, 0, PV_FIXED, 7121.63}, {PV_MODULE_THIN_FILM, 0, PV_FIXED, 7334.83},
        {PV_MODULE_STANDARD, 1, PV_FIXED, 6802.72}, {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS, 8633.37},
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
 * ecsim has no two-axis tracking): within 3 %. Measured -1.9 % (default),
 * the others -4 % .. +1 % against v8 and ... see docs/validation.md. */
static void pv8_tmy2(void)
{
    FileYear *y = open_year(TMY2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    solar_year(y);
    static const struct { int module, roof; PvTracking track; double sam; } var[] = {
        {PV_MODULE_STANDARD, 0, PV_FIXED, 7043.197}, {PV_MODULE_PREMIUM, 0, PV_FIXED, 7040.913},
        {PV_MODULE_THIN_FILM, 0, PV_FIXED, 7099.417}, {PV_MODULE_STANDARD, 1, PV_FIXED, 7014.260},
        {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS, 8859.963}, {PV_MODULE_STANDARD, 0, PV_SINGLE_AXIS_BACKTRACK, 8802.080},
    };
    for (size_t i = 0; i < sizeof var / sizeof var[0]; i++) {
        PvParams p = sam_pv();
        p.module_type = (PvModule)var[i].module;
        p.roof_mount = var[i].roof;
        p.tracking = var[i].track;
        double e = pv_kwh(y, &p, 4.0, NULL);
        fprintf(stderr, "V8TMY2 %zu %.3f sam %.3f %+.3f%%\n", i, e, var[i].sam, 100 * REL(e, var[i].sam));
        CU_ASSERT_DOUBLE_EQUAL(e, var[i].sam, var[i].sam * 0.03);
    }
    close_year(y);
}

/* PVWatts v8 on the NSRDB PSM v3 Phoenix file (sampled at :30, file albedo):
 * the DC/AC-ratio JSON cases (one-axis, tilt 0, gcr 0.3, 100 MW), the
 * hybrid cases (one-axis DC/AC 1.3; fixed roof mount tilt 20, DC/AC 1.15,
 * 5 % availability adjustment): within 3 %. */
static void pv8_psm3(void)
{
    FileYear *y = open_year(PSM3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    solar_year(y);
    double alb = 0;
    int n = 0;
    for (int i = 0; i < y->f->hours; i++)
        if (y->f->albedo[i] > 0 && y->f->albedo[i] < 1) { alb += y->f->albedo[i]; n++; }
    static const struct { PvTracking track; int roof; double tilt, dcac, adjust, sam; } c[] = {
        {PV_SINGLE_AXIS, 0, 0, 1.0, 0, 211580007.2}, {PV_SINGLE_AXIS, 0, 0, 1.5, 0, 207766827.9},
        {PV_SINGLE_AXIS, 0, 0, 2.0, 0, 175629716.4}, {PV_SINGLE_AXIS, 0, 0, 1.3, 0, 211907456},
        {PV_FIXED, 1, 20, 1.15, 0.05, 165112880},
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
        fprintf(stderr, "V8PSM3 %zu %.1f sam %.1f %+.3f%%\n", i, e, c[i].sam, 100 * REL(e, c[i].sam));
        CU_ASSERT_DOUBLE_EQUAL(e, c[i].sam, c[i].sam * 0.03);
    }
    close_year(y);
}

/* PVWatts v8 default system on the 15-minute Los Angeles file
 * (SubhourlyWeather_cmod_pvwattsv8): 6564.983 kWh; the reader averages the
 * quarter hours to hours. Within 3 %. */
static void pv8_la15(void)
{
    FileYear *y = open_year(LA15);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    solar_year(y);
    PvParams p = sam_pv();
    double e = pv_kwh(y, &p, 4.0, NULL);
    fprintf(stderr, "V8LA15 %.3f sam %.3f %+.3f%%\n", e, 6564.983, 100 * REL(e, 6564.983));
    CU_ASSERT_DOUBLE_EQUAL(e, 6564.983, 6564.983 * 0.03);
    close_year(y);
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
    wind_farm_output(m, &y->wx, with_dir ? y->wind_dir_deg : NULL, out);
    double total = 0;
    if (monthly) for (int k = 0; k < 12; k++) monthly[k] = 0;
    for (int i = 0; i < y->wx.hours; i++) {
        double kwh = out[i] * p->rated_kw * turbines;
        total += kwh;
        if (monthly) monthly[y->f->month[i] - 1] += kwh;
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
    FileYear *y = open_year(WIND_SRW);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    wind_year(y, 80.0);
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
 * 201,595,968 kWh) and 80 x 2.5 MW on AZ_Eastern-Rolling_Hills.srw
 * (cmod_hybrid_test.cpp PVWattsv8WindBatterySingleOwner: 366,975,552 kWh).
 * Within 2 %, with the hours' directions and with the rose average. */
static void real_wind_farms(void)
{
    static const struct { const char *path; int hybrid, turbines; double sam; } c[] = {
        {WY_SRW, 0, 32, 201595968.0}, {AZ_SRW, 1, 80, 366975552.0},
    };
    double lf = sam_loss_factor();
    CU_ASSERT_DOUBLE_EQUAL(lf, 0.8344467, 5e-8);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        FileYear *y = open_year(c[i].path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        wind_year(y, 80.0);
        WindParams p = farm(c[i].hybrid, WAKE_SIMPLE, 1.0 - lf);
        double e = farm_kwh(y, &p, c[i].turbines, 1, NULL);
        double rose = farm_kwh(y, &p, c[i].turbines, 0, NULL);
        p.wake_model = WAKE_NONE;
        double gross = farm_kwh(y, &p, c[i].turbines, 1, NULL);
        fprintf(stderr, "WIND %zu %.0f sam %.0f %+.3f%% rose %+.3f%% nowake %+.3f%% wakeloss %.3f%%\n", i, e, c[i].sam,
                100 * REL(e, c[i].sam), 100 * REL(rose, c[i].sam), 100 * REL(gross, c[i].sam), 100 * (1 - e / gross));
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
    CU_add_test(s, "W-1 through the reader, wakes", w1_file_path);
    CU_add_test(s, "real wind years, wakes and losses", real_wind_farms);
}
