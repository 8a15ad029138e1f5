/* fitcmd.c — `ecsim fit-weather FILE... [-o DIR] [--wind-file F]`: reads
 * weather files (wxfile.h), turns each into one year at the file's own
 * place and clock (wxyear.h, no re-timing), fits the synthetic-weather
 * settings to them (wxfit.h) and prints the `weather = { ... };` block;
 * with -o, the report folder (wxfitout.h). */
#include "fitcmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "status.h"
#include "wxfile.h"
#include "fitreport.h"
#include "wxfit.h"
#include "wxfitout.h"
#include "wxyear.h"

#define FIT_FILES_MAX 200

static const char *const fit_help =
    "usage: ecsim fit-weather FILE... [-o DIR [--lang zh|en] [--no-charts]] [--wind-file F]\n"
    "\n"
    "Fits the synthetic-weather settings to weather files (SAM CSV incl. NSRDB PSM v3,\n"
    "TMY3 CSV, EnergyPlus EPW, PVGIS TMY CSV; one year each, several files = several\n"
    "years) and prints them as a `weather = { ... };` block ready to paste into a\n"
    "scenario: monthly Weibull k and c (maximum likelihood), the diurnal wind cycle\n"
    "per month, wind persistence at two time scales, monthly clearness statistics,\n"
    "temperature normals and anomaly, the year-to-year spread (two or more files) and\n"
    "the correlations of the daily wind, clearness and temperature state.\n"
    "Wind is fitted at the file's measurement height (wind_ref_height_m; the highest\n"
    "one of a .srw). Each file is taken at its own place and clock.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   also write DIR/: params.cfg (the block), fit.md (tables) and\n"
    "                     weibull.dat, acf.dat, diurnal.dat, clearness.dat,\n"
    "                     temperature.dat (observed against fitted); complete or absent;\n"
    "                     then the fit report from them: DIR/charts/fit-*.png and\n"
    "                     DIR/fit_report.html (needs gnuplot; docs/charts.md)\n"
    "  --lang zh|en       language of the fit report (default zh)\n"
    "  --plots DIR        the gnuplot scripts (default: found next to the program)\n"
    "  --no-charts        write the tables only\n"
    "  --wind-file F      wind from F (such as a SAM .srw) for every FILE\n"
    "  -h, --help         this text\n"
    "\n"
    "Method and the round trip's tolerances: docs/fit-weather.md.\n"
    "Exit status: 0 fitted; 1 a file could not be read or fitted (the message names\n"
    "file:line and column) or the report could not be drawn; 2 bad usage.\n";

static int usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "ecsim fit-weather: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'ecsim fit-weather --help'.\n");
    return 2;
}

/* One file (and the wind file) as a year at the file's site: the year
 * label is the first record's year, the previous one if that is a leap
 * year (the readers drop 29 February). */
static Status file_year(const char *path, const WxFile *wind, WxFile *f, WxSource *src, Calendar *cal,
                        WeatherYear *wx, SunTable *sun, Site *site, Diag *d)
{
    Status st = wxfile_read(path, WXF_AUTO, f, d);
    if (st != ST_OK) return st;
    if (!f->has_location) {
        diag_error(d, ST_CONFIG_INVALID, path, 0, NULL,
                   "the file gives no coordinates: fit a solar weather file (with --wind-file for the wind)");
        return ST_CONFIG_INVALID;
    }
    memset(site, 0, sizeof *site);
    snprintf(site->name, sizeof site->name, "%.*s", (int)sizeof site->name - 1, f->site);
    site->latitude_deg = f->latitude_deg;
    site->longitude_deg = f->longitude_deg;
    site->elevation_m = f->elevation_m;
    site->utc_offset_h = f->utc_offset_h;
    const WxFile *wf = wind ? wind : f;
    WxYearOptions o = { wf->n_heights > 0 ? wf->height_m[wf->n_heights - 1] : 10.0, 0, 1 };
    st = wxyear_prepare(src, f, wind, site, &o, d);
    if (st != ST_OK) return st;
    int year = f->year[0];
    if (year < 1 || year > 9999) year = 2023;
    if (src->hours == 8760 && calendar_is_leap(year)) year -= 1;
    calendar_year_init(cal, year);
    if (cal->hours != src->hours) {
        diag_error(d, ST_CONFIG_INVALID, path, 0, NULL, "%d records are not one year", src->hours);
        return ST_CONFIG_INVALID;
    }
    wxyear_fill(src, cal, wx, sun);
    return ST_OK;
}

int fitweather_main(int argc, char **argv)
{
    const char *out = NULL, *wind_path = NULL, *lang = "zh", *plots = NULL;
    int charts = 1;
    const char *files[FIT_FILES_MAX];
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(fit_help, stdout); return 0; }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc) return usage("%s", "-o needs a directory");
            out = argv[i];
        } else if (strcmp(a, "--lang") == 0) {
            if (++i >= argc) return usage("%s", "--lang needs zh or en");
            if (strcmp(argv[i], "zh") != 0 && strcmp(argv[i], "en") != 0)
                return usage("--lang is zh or en, not '%s'", argv[i]);
            lang = argv[i];
        } else if (strcmp(a, "--plots") == 0) {
            if (++i >= argc) return usage("%s", "--plots needs a directory");
            plots = argv[i];
        } else if (strcmp(a, "--no-charts") == 0) {
            charts = 0;
        } else if (strcmp(a, "--wind-file") == 0) {
            if (++i >= argc) return usage("%s", "--wind-file needs a file");
            wind_path = argv[i];
        } else if (a[0] == '-' && a[1]) {
            return usage("unknown option '%s'", a);
        } else if (n >= FIT_FILES_MAX) {
            return usage("%s", "too many files (at most 200)");
        } else {
            files[n++] = a;
        }
    }
    if (n == 0) return usage("%s", "no weather file given");

    Diag *d = malloc(sizeof *d);
    WxFile *f = wxfile_new(), *wind = wind_path ? wxfile_new() : NULL;
    WxSource *src = malloc(sizeof *src);
    Calendar *cal = malloc(sizeof *cal);
    WeatherYear **wx = calloc((size_t)n, sizeof *wx);
    SunTable **sun = calloc((size_t)n, sizeof *sun);
    WxFit *fit = malloc(sizeof *fit);
    Status st = d && f && (wind || !wind_path) && src && cal && wx && sun && fit ? ST_OK : ST_NOMEM;
    Site site = { 0 };
    if (d) diag_init(d);
    if (st == ST_OK && wind) st = wxfile_read(wind_path, WXF_AUTO, wind, d);
    for (int i = 0; i < n && st == ST_OK; i++) {
        wx[i] = malloc(sizeof *wx[i]);
        sun[i] = malloc(sizeof *sun[i]);
        if (!wx[i] || !sun[i]) { st = ST_NOMEM; break; }
        Site here;
        st = file_year(files[i], wind, f, src, cal, wx[i], sun[i], &here, d);
        if (i == 0) site = here;
    }
    if (st == ST_OK)
        st = wxfit_run((const WeatherYear *const *)wx, (const SunTable *const *)sun, n, &site, fit, d);
    if (st == ST_OK) snprintf(fit->wind_file, sizeof fit->wind_file, "%s", wind_path ? wind_path : "");
    if (st == ST_OK) {
        wxfit_write_block(stdout, fit, files, n);
        if (fflush(stdout) != 0 || ferror(stdout)) st = ST_IO;
    }
    if (st == ST_OK && out) st = wxfit_write_dir(fit, files, n, out, d);
    /* The report is drawn from the files just written, as `ecsim plot`
     * draws a run's: the tables are the contract, not the fit in memory. */
    if (st == ST_OK && out && charts) {
        st = fitreport_write(out, plots, lang, d);
        if (st == ST_OK) fprintf(stderr, "fit report: %s/fit_report.html\n", out);
    }
    if (st == ST_NOMEM && (!d || d->n == 0)) fprintf(stderr, "ecsim fit-weather: out of memory\n");
    if (d) diag_print(d, stderr);
    for (int i = 0; i < n && wx; i++) free(wx[i]);
    for (int i = 0; i < n && sun; i++) free(sun[i]);
    free(wx); free(sun); free(fit); free(cal); free(src); free(d);
    wxfile_free(f);
    wxfile_free(wind);
    return st == ST_OK ? 0 : 1;
}
