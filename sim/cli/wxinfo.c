/* wxinfo.c — `ecsim weather-info FILE... [--monthly]`: what the weather-file
 * readers (wxfile.h) make of each file: header metadata, time convention,
 * heights, filled values, and annual (or monthly) irradiation sums and
 * means of temperature, pressure and wind speed. Sums are plain sums of the
 * hourly records (W/m2 x 1 h), so they can be checked against the file. */
#include "wxinfo.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "status.h"
#include "wxfile.h"

static const char *const wxinfo_help =
    "usage: ecsim weather-info FILE... [--monthly]\n"
    "\n"
    "Reads weather files (SAM CSV incl. NSRDB PSM v3, TMY3 CSV, EnergyPlus EPW,\n"
    "SAM wind .srw, PVGIS TMY CSV; the format is recognised from the content) and\n"
    "prints for each: format, site, latitude, longitude, elevation, time zone,\n"
    "records, the file's time step, the time convention of the records (hour\n"
    "averages or sampled at :MM, local standard time or UTC), wind heights, values\n"
    "filled in for missing ones, and the annual sums of GHI/DNI/DHI (kWh/m2) and\n"
    "means of temperature (degC), pressure (hPa) and wind speed at each height (m/s).\n"
    "\n"
    "options:\n"
    "  --monthly   also a table of the same figures per month\n"
    "  -h, --help  this text\n"
    "\n"
    "The file formats and each reader's rules: docs/weather-files.md.\n"
    "Exit status: 0 every file was read; 1 a file could not be read (the message\n"
    "names file:line and column); 2 bad usage.\n";

typedef struct {
    double ghi, dni, dhi, temp, pres, wind[WXF_MAX_HEIGHTS];
    int n;
} Sums;

static void add_hour(Sums *s, const WxFile *f, int i)
{
    s->ghi += f->ghi_wm2[i];
    s->dni += f->dni_wm2[i];
    s->dhi += f->dhi_wm2[i];
    s->temp += f->temp_c[i];
    s->pres += f->pressure_pa[i];
    for (int h = 0; h < f->n_heights; h++) s->wind[h] += f->wind_ms[h][i];
    s->n++;
}

static void print_tz(double tz)
{
    if (tz == 0.0) fputs("UTC", stdout);
    else printf("UTC%+g", tz);
}

static void print_file(const WxFile *f, int monthly)
{
    printf("file: %s\n", f->path);
    printf("format: %s\n", wxfile_format_name(f->format));
    printf("site: %s\n", f->site[0] ? f->site : "-");
    if (f->has_location) {
        printf("latitude_deg: %.6g\n", f->latitude_deg);
        printf("longitude_deg: %.6g\n", f->longitude_deg);
    } else {
        puts("latitude_deg: - (not in the file)");
        puts("longitude_deg: - (not in the file)");
    }
    printf("elevation_m: %g\n", f->elevation_m);
    fputs("time_zone: ", stdout);
    if (f->has_utc_offset) print_tz(f->utc_offset_h);
    else fputs("- (not in the file; records taken as local standard time)", stdout);
    putchar('\n');
    printf("records: %d\n", f->hours);
    printf("source_step_min: %d\n", f->source_step_min);
    fputs("time: ", stdout);
    if (f->instant) printf("sampled at :%02g of each hour", f->sample_minute);
    else if (f->source_step_min < 60) printf("hour averages of %d-minute rows", f->source_step_min);
    else fputs("hour averages", stdout);
    if (f->has_utc_offset && f->utc_offset_h == 0.0) fputs(", UTC\n", stdout);
    else if (f->has_utc_offset) { fputs(", local standard time (", stdout); print_tz(f->utc_offset_h); puts(")"); }
    else fputs(", local standard time\n", stdout);
    fputs("heights_m:", stdout);
    for (int h = 0; h < f->n_heights; h++) printf(" %g", f->height_m[h]);
    putchar('\n');
    printf("filled: %d\n", f->filled);
    if (f->note[0]) printf("note: %s\n", f->note);

    Sums year = { 0 }, month[12];
    memset(month, 0, sizeof month);
    for (int i = 0; i < f->hours; i++) {
        add_hour(&year, f, i);
        add_hour(&month[f->month[i] - 1], f, i);
    }
    if (f->has & WXF_HAS_GHI) printf("ghi_kwh_m2: %.3f\n", year.ghi / 1000.0);
    if (f->has & WXF_HAS_DNI) printf("dni_kwh_m2: %.3f\n", year.dni / 1000.0);
    if (f->has & WXF_HAS_DHI) printf("dhi_kwh_m2: %.3f\n", year.dhi / 1000.0);
    if (f->has & WXF_HAS_TEMP) printf("temp_c_mean: %.4f\n", year.temp / year.n);
    if (f->has & WXF_HAS_PRESSURE) printf("pressure_hpa_mean: %.4f\n", year.pres / year.n / 100.0);
    if (f->has & WXF_HAS_WIND)
        for (int h = 0; h < f->n_heights; h++)
            printf("wind_ms_mean_%gm: %.4f\n", f->height_m[h], year.wind[h] / year.n);
    if (!monthly) { putchar('\n'); return; }
    fputs("month", stdout);
    if (f->has & WXF_HAS_GHI) fputs(" ghi_kwh_m2", stdout);
    if (f->has & WXF_HAS_DNI) fputs(" dni_kwh_m2", stdout);
    if (f->has & WXF_HAS_DHI) fputs(" dhi_kwh_m2", stdout);
    if (f->has & WXF_HAS_TEMP) fputs(" temp_c", stdout);
    if (f->has & WXF_HAS_PRESSURE) fputs(" pressure_hpa", stdout);
    if (f->has & WXF_HAS_WIND)
        for (int h = 0; h < f->n_heights; h++) printf(" wind_ms_%gm", f->height_m[h]);
    putchar('\n');
    for (int m = 0; m < 12; m++) {
        const Sums *s = &month[m];
        printf("%5d", m + 1);
        if (f->has & WXF_HAS_GHI) printf(" %10.3f", s->ghi / 1000.0);
        if (f->has & WXF_HAS_DNI) printf(" %10.3f", s->dni / 1000.0);
        if (f->has & WXF_HAS_DHI) printf(" %10.3f", s->dhi / 1000.0);
        if (f->has & WXF_HAS_TEMP) printf(" %6.2f", s->temp / s->n);
        if (f->has & WXF_HAS_PRESSURE) printf(" %12.2f", s->pres / s->n / 100.0);
        if (f->has & WXF_HAS_WIND)
            for (int h = 0; h < f->n_heights; h++) printf(" %9.3f", s->wind[h] / s->n);
        putchar('\n');
    }
    putchar('\n');
}

int wxinfo_main(int argc, char **argv)
{
    int monthly = 0, nfiles = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(wxinfo_help, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--monthly") == 0) monthly = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ecsim weather-info: unknown option '%s'\n", argv[i]);
            return status_exit_code(ST_USAGE);
        } else nfiles++;
    }
    if (nfiles == 0) {
        fputs("ecsim weather-info: no file given\n", stderr);
        return status_exit_code(ST_USAGE);
    }
    WxFile *f = wxfile_new();
    if (!f) { fputs("ecsim weather-info: out of memory\n", stderr); return 1; }
    int bad = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) continue;
        Diag d;
        diag_init(&d);
        if (wxfile_read(argv[i], WXF_AUTO, f, &d) != ST_OK) {
            diag_print(&d, stderr);
            bad = 1;
            continue;
        }
        print_file(f, monthly);
    }
    wxfile_free(f);
    if (fflush(stdout) != 0 || ferror(stdout)) return 1;
    return bad ? 1 : 0;
}
