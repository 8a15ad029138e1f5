/* wxyear.c — a weather file as the weather of simulated years (wxyear.h).
 * Everything that depends only on the file (sun, hub height, gaps in the
 * irradiance components) is done once in wxyear_prepare; wxyear_fill is
 * indexed copies, so a year costs microseconds. */
#include "wxyear.h"

#include <math.h>
#include <string.h>

#define FEB29_FIRST_HOUR ((31 + 28) * 24)    /* 1416: first hour of 29 February */
#define MIN_COS_ZENITH 0.0872                /* 85 deg: no DNI derived below 5 deg elevation */

WxHeightPick wxyear_pick_height(const double *heights, int n, double hub_m)
{
    WxHeightPick p = { -1, -1, 0.0, 0.0 };
    double best = HUGE_VAL;
    for (int i = 0; i < n; i++)   /* the first of equally close heights, as SAM */
        if (fabs(heights[i] - hub_m) < best) { best = fabs(heights[i] - hub_m); p.lo = i; }
    if (p.lo < 0) return p;
    p.hi = p.lo;
    p.height_m = heights[p.lo];
    if (heights[p.lo] == hub_m) return p;
    /* the closest height on the other side of the hub */
    const int below = heights[p.lo] < hub_m;
    int other = -1;
    best = HUGE_VAL;
    for (int i = 0; i < n; i++) {
        if (i == p.lo || (heights[i] < hub_m) == below || heights[i] == hub_m) continue;
        if (fabs(heights[i] - hub_m) < best) { best = fabs(heights[i] - hub_m); other = i; }
    }
    if (other < 0) return p;
    p.hi = other;
    p.w = (hub_m - heights[p.lo]) / (heights[other] - heights[p.lo]);
    p.height_m = hub_m;
    return p;
}

static double wrap_deg(double x)
{
    x = fmod(x, 360.0);
    return x < 0 ? x + 360.0 : x;
}

double wxyear_interp_dir(double a, double b, double w)
{
    a = wrap_deg(a);
    b = wrap_deg(b);
    if (a > b) {   /* SAM orders the pair by direction */
        double t = a;
        a = b;
        b = t;
        w = 1.0 - w;
    }
    if (a < 90.0 && b > 270.0)   /* across north: interpolate on a turned circle */
        return wrap_deg((a + 90.0) + w * ((b - 270.0) - (a + 90.0)) - 90.0);
    return wrap_deg(a + w * (b - a));
}

int wxyear_shift_hours(const WxFile *f, const Site *site)
{
    if (!f->has_location) return 0;
    double d = (f->longitude_deg / 15.0 - f->utc_offset_h) - (site->longitude_deg / 15.0 - site->utc_offset_h);
    return (int)lround(d);
}

static Status fail(Diag *d, const char *file, const char *msg)
{
    diag_error(d, ST_CONFIG_INVALID, file, 0, "weather", "%s", msg);
    return ST_CONFIG_INVALID;
}

/* A file must hold one year of hours starting on 1 January at 00:00. */
static int starts_year(const WxFile *f)
{
    if (f->hours != 8760 && f->hours != ECSIM_MAX_HOURS) return 0;
    return f->month[0] == 0 || (f->month[0] == 1 && f->day[0] == 1 && f->hour[0] == 0);
}

/* GHI, DNI and DHI from the file, a missing one from the other two:
 * closure GHI = DNI cos z + DHI with the record's sun. */
static Status irradiance(WxSource *src, const WxFile *f, Diag *d)
{
    const unsigned has = f->has;
    const int n = f->hours, g = !!(has & WXF_HAS_GHI), b = !!(has & WXF_HAS_DNI), df = !!(has & WXF_HAS_DHI);
    if (g + b + df < 2)
        return fail(d, f->path, "the weather file needs at least two of GHI, DNI and DHI");
    for (int r = 0; r < n; r++) {
        double cz = src->sun.cos_zenith[r];
        double gh = f->ghi_wm2[r], bn = f->dni_wm2[r], dh = f->dhi_wm2[r];
        if (!df) dh = fmax(0.0, gh - bn * cz);
        else if (!b) bn = cz > MIN_COS_ZENITH ? fmax(0.0, (gh - dh) / cz) : 0.0;
        else if (!g) gh = bn * cz + dh;
        src->ghi_wm2[r] = gh;
        src->dni_wm2[r] = bn;
        src->dhi_wm2[r] = dh;
    }
    return ST_OK;
}

Status wxyear_prepare(WxSource *src, const WxFile *f, const WxFile *wind, const Site *site,
                      const WxYearOptions *o, Diag *d)
{
    if (!f->has_location)
        return fail(d, f->path, "the weather file gives no latitude and longitude: the sun cannot be "
                                "placed (a wind-only file such as .srw goes in weather.wind_file)");
    if (!starts_year(f))
        return fail(d, f->path, "the weather file must hold one year of hours from 1 January 00:00");
    const WxFile *wf = wind ? wind : f;
    if (wind && (!starts_year(wind) || wind->hours != f->hours))
        return fail(d, wind->path, "the wind file must hold one year of hours, as many as the weather file");
    if (!(wf->has & WXF_HAS_WIND) || wf->n_heights < 1)
        return fail(d, wf->path, "the file has no wind speed");

    memset(src, 0, sizeof *src);
    src->hours = f->hours;
    const Site at = { "", f->latitude_deg, f->longitude_deg, f->elevation_m, f->utc_offset_h };
    suntable_build_records(&src->sun, &at, f->hours, f->year, f->month, f->day, f->hour, f->instant,
                           f->sample_minute);
    Status st = irradiance(src, f, d);
    if (st != ST_OK) return st;

    const double p_std = 101325.0 * pow(1.0 - 2.25577e-5 * f->elevation_m, 5.25588);
    const WxHeightPick pk = wxyear_pick_height(wf->height_m, wf->n_heights, o->hub_height_m);
    const int t_from_wind = !(f->has & WXF_HAS_TEMP) && (wf->has & WXF_HAS_TEMP);
    src->wind_height_m = pk.height_m;
    src->has_wind_dir = !!(wf->has & WXF_HAS_WIND_DIR);
    /* Air density at the hub from the wind source's own temperature and
     * pressure there, interpolated in height as the speed (SAM): a wind
     * file from another place or height must not take the solar file's. */
    src->has_hub_air = o->wind_air && (wf->has & WXF_HAS_TEMP) && (wf->has & WXF_HAS_PRESSURE);
    for (int r = 0; r < f->hours && src->has_hub_air; r++) {
        src->hub_temp_c[r] = (1.0 - pk.w) * wf->temp_at_c[pk.lo][r] + pk.w * wf->temp_at_c[pk.hi][r];
        src->hub_pressure_pa[r] = (1.0 - pk.w) * wf->pressure_at_pa[pk.lo][r] + pk.w * wf->pressure_at_pa[pk.hi][r];
    }
    for (int r = 0; r < f->hours; r++) {
        src->wind_ms[r] = (1.0 - pk.w) * wf->wind_ms[pk.lo][r] + pk.w * wf->wind_ms[pk.hi][r];
        src->wind_dir_deg[r] = src->has_wind_dir
            ? wxyear_interp_dir(wf->wind_dir_deg[pk.lo][r], wf->wind_dir_deg[pk.hi][r], pk.w) : 0.0;
        src->temp_c[r] = (f->has & WXF_HAS_TEMP) ? f->temp_c[r]
                       : t_from_wind ? wf->temp_at_c[pk.lo][r] : 15.0;
        src->pressure_pa[r] = (f->has & WXF_HAS_PRESSURE) ? f->pressure_pa[r] : p_std;
    }
    src->shift_h = o->retime ? wxyear_shift_hours(f, site) : 0;
    src->wind_shift_h = o->retime ? wxyear_shift_hours(wf, site) : 0;
    return ST_OK;
}

/* Record of the file for hour u of a year of H hours (before the shift):
 * 29 February repeats 28 February; a leap-year file for a common year
 * skips its 29 February. */
static int record_of(int u, int H, int n)
{
    if (H > n) return u < FEB29_FIRST_HOUR ? u : u - 24;
    if (H < n) return u < FEB29_FIRST_HOUR ? u : u + 24;
    return u;
}

void wxyear_fill(const WxSource *src, const Calendar *cal, WeatherYear *wx, SunTable *sun)
{
    const int H = cal->hours, n = src->hours;
    wx->year = sun->year = cal->year;
    wx->hours = sun->hours = H;
    wx->wind_height_m = src->wind_height_m;
    wx->has_wind_dir = src->has_wind_dir;
    wx->has_hub_air = src->has_hub_air;
    int u = ((-src->shift_h) % H + H) % H, uw = ((-src->wind_shift_h) % H + H) % H;
    for (int h = 0; h < H; h++) {
        const int r = record_of(u, H, n), rw = record_of(uw, H, n);
        wx->ghi_wm2[h] = src->ghi_wm2[r];
        wx->dni_wm2[h] = src->dni_wm2[r];
        wx->dhi_wm2[h] = src->dhi_wm2[r];
        wx->temp_c[h] = src->temp_c[r];
        wx->pressure_pa[h] = src->pressure_pa[r];
        wx->wind_ms[h] = src->wind_ms[rw];
        wx->wind_dir_deg[h] = src->wind_dir_deg[rw];
        wx->hub_temp_c[h] = src->hub_temp_c[rw];
        wx->hub_pressure_pa[h] = src->hub_pressure_pa[rw];
        sun->zenith_deg[h] = src->sun.zenith_deg[r];
        sun->azimuth_deg[h] = src->sun.azimuth_deg[r];
        sun->cos_zenith[h] = src->sun.cos_zenith[r];
        sun->extra_normal_wm2[h] = src->sun.extra_normal_wm2[r];
        sun->sun_up[h] = src->sun.sun_up[r];
        if (++u == H) u = 0;
        if (++uw == H) uw = 0;
    }
}
