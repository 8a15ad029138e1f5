/* wxfitout.c — the settings block, fit.md and the tables of `ecsim
 * fit-weather` (formats in wxfitout.h and docs/fit-weather.md). */
#include "wxfitout.h"

#include <math.h>
#include <string.h>

#include "atomicfile.h"
#include "stagedir.h"
#include "weather_synth.h"

static const char *const MONTH[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void files_list(FILE *f, const char *const *files, int n)
{
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? ", " : "", files[i]);
}

static void vec(FILE *f, const char *name, const double *v, const char *fmt, const char *src)
{
    fprintf(f, "  %s = [", name);
    for (int m = 0; m < 12; m++) {
        if (m) fputs(", ", f);
        fprintf(f, fmt, v[m]);
    }
    fprintf(f, "];   # source: %s\n", src);
}

static void num(FILE *f, const char *name, const char *fmt, double v, const char *src)
{
    fprintf(f, "  %s = ", name);
    fprintf(f, fmt, v);
    fprintf(f, ";   # source: %s\n", src);
}

void wxfit_write_block(FILE *f, const WxFit *fit, const char *const *files, int n)
{
    const WeatherSpec *s = &fit->spec;
    /* each value's comment names the file(s): its base name, or a count */
    char src[320];
    const char *base = n > 0 ? strrchr(files[0], '/') : NULL;
    base = base ? base + 1 : n > 0 ? files[0] : "";
    if (n == 1) snprintf(src, sizeof src, "fitted to %.200s by ecsim fit-weather", base);
    else snprintf(src, sizeof src, "fitted to %d files (%.200s ...) by ecsim fit-weather", n, base);
    /* wind settings name the wind's own file when it came from one */
    char wsrc[320];
    const char *wbase = strrchr(fit->wind_file, '/');
    wbase = wbase ? wbase + 1 : fit->wind_file;
    if (fit->wind_file[0]) snprintf(wsrc, sizeof wsrc, "fitted to %.200s by ecsim fit-weather", wbase);
    else snprintf(wsrc, sizeof wsrc, "%s", src);
    fprintf(f, "# Synthetic weather fitted to ");
    files_list(f, files, n);
    if (fit->wind_file[0]) fprintf(f, " (wind: %s)", fit->wind_file);
    fprintf(f, " by ecsim fit-weather\n# (%d year%s, %ld hours; wind measured at %.1f m).\n", fit->n_years,
            fit->n_years > 1 ? "s" : "", fit->n_hours, fit->wind_height_m);
    if (fit->n_years < 2)
        fprintf(f, "# One year: the year-to-year spreads (year_*) cannot be estimated and are 0.\n");
    fprintf(f, "weather = {\n");
    fprintf(f, "  source = \"synthetic\";   # source: %s\n", src);
    num(f, "wind_ref_height_m", "%.1f", s->wind_ref_height_m, wsrc);
    vec(f, "wind_weibull_k", s->wind_weibull_k, "%.3f", wsrc);
    vec(f, "wind_weibull_c_ms", s->wind_weibull_c_ms, "%.3f", wsrc);
    num(f, "wind_autocorr", "%.4f", s->wind_autocorr, wsrc);
    num(f, "wind_slow_share_frac", "%.3f", s->wind_slow_share_frac, wsrc);
    num(f, "wind_slow_efold_days", "%.3f", fmax(0.25, s->wind_slow_efold_days), wsrc);
    vec(f, "wind_diurnal_month_amp_frac", s->wind_diurnal_month_amp_frac, "%.3f", wsrc);
    vec(f, "wind_diurnal_month_peak_hour", s->wind_diurnal_month_peak_hour, "%.2f", wsrc);
    vec(f, "kt_mean", s->kt_mean, "%.3f", src);
    vec(f, "kt_sd", s->kt_sd, "%.3f", src);
    num(f, "kt_autocorr", "%.3f", s->kt_autocorr, src);
    num(f, "kt_hourly_sd", "%.4f", s->kt_hourly_sd, src);
    vec(f, "temp_mean_c", s->temp_mean_c, "%.2f", src);
    vec(f, "temp_range_c", s->temp_range_c, "%.2f", src);
    num(f, "temp_anom_sd_c", "%.3f", s->temp_anom_sd_c, src);
    num(f, "temp_anom_autocorr", "%.3f", s->temp_anom_autocorr, src);
    num(f, "corr_wind_kt", "%.3f", s->corr_wind_kt, src);
    num(f, "corr_wind_temp", "%.3f", s->corr_wind_temp, src);
    num(f, "corr_kt_temp", "%.3f", s->corr_kt_temp, src);
    num(f, "year_wind_sd_frac", "%.4f", s->year_wind_sd_frac, src);
    num(f, "year_kt_sd", "%.4f", s->year_kt_sd, src);
    num(f, "year_temp_sd_c", "%.3f", s->year_temp_sd_c, src);
    fprintf(f, "};\n");
}

void wxfit_write_md(FILE *f, const WxFit *fit, const char *const *files, int n)
{
    const WeatherSpec *s = &fit->spec;
    /* the heading names the files: the report's and its charts' title */
    fprintf(f, "# Weather fit: ");
    for (int i = 0; i < n; i++) {
        const char *b = strrchr(files[i], '/');
        fprintf(f, "%s%s", i ? ", " : "", b ? b + 1 : files[i]);
        if (i == 2 && n > 3) { fprintf(f, " and %d more", n - 3); break; }
    }
    if (fit->wind_file[0]) {
        const char *b = strrchr(fit->wind_file, '/');
        fprintf(f, " + %s", b ? b + 1 : fit->wind_file);
    }
    fprintf(f, "\n\nFiles: ");
    files_list(f, files, n);
    if (fit->wind_file[0]) fprintf(f, "; wind: %s", fit->wind_file);
    fprintf(f, "  \n%d year%s, %ld hours; wind measured at %.1f m. Methods and tolerances: "
               "docs/fit-weather.md.\n\n",
            fit->n_years, fit->n_years > 1 ? "s" : "", fit->n_hours, fit->wind_height_m);

    fprintf(f, "## Wind speed per month\n\nWeibull k and c by maximum likelihood on speed / diurnal factor "
               "(calm hours apart); standard errors for independent hours (persistence makes the real "
               "ones several times larger). Mean speed observed and of the fitted model.\n\n");
    fprintf(f, "| month | hours | calm %% | k | se k | c (m/s) | se c | mean obs (m/s) | mean fit (m/s) | "
               "diurnal amplitude | peak hour |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int m = 0; m < 12; m++)
        fprintf(f, "| %s | %ld | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f |\n", MONTH[m],
                fit->wind_n[m], 100.0 * fit->calm_frac[m], s->wind_weibull_k[m], fit->k_se[m],
                s->wind_weibull_c_ms[m], fit->c_se[m], fit->mean_obs_ms[m], fit->mean_fit_ms[m],
                s->wind_diurnal_month_amp_frac[m], s->wind_diurnal_month_peak_hour[m]);

    fprintf(f, "\n## Persistence\n\nAutocorrelation of the Gaussianised speeds (normal scores under the "
               "fitted monthly Weibull and diurnal cycle), fitted by least squares on lags 1..240 h with "
               "(1 - w) phi^L + w exp(-L / tau).\n\n");
    fprintf(f, "| setting | value |\n|---|---|\n| wind_autocorr (phi, fast part) | %.4f |\n"
               "| wind_slow_share_frac (w) | %.3f |\n| wind_slow_efold_days (tau) | %.3f |\n"
               "| rms of observed - fitted, lags 1..240 h | %.4f |\n\n",
            s->wind_autocorr, s->wind_slow_share_frac, s->wind_slow_efold_days, fit->acf_rms);
    static const int lags[] = { 1, 3, 6, 12, 24, 48, 72, 120, 168, 240 };
    fprintf(f, "| lag (h) | observed | fitted |\n|---|---|---|\n");
    for (int i = 0; i < 10; i++)
        fprintf(f, "| %d | %.4f | %.4f |\n", lags[i], fit->acf_obs[lags[i]], fit->acf_fit[lags[i]]);

    fprintf(f, "\n## Clearness\n\nDaily clearness index kt = sum GHI / sum Gon cos z over the sunlit "
               "hours. The settings are corrected by a simulation of %d years for the generator's "
               "clear-sky cap.\n\n",
            WXFIT_SIM_YEARS);
    fprintf(f, "| month | days | mean obs | sd obs | kt_mean | kt_sd |\n|---|---|---|---|---|---|\n");
    for (int m = 0; m < 12; m++)
        fprintf(f, "| %s | %d | %.3f | %.3f | %.3f | %.3f |\n", MONTH[m], fit->kt_days[m], fit->kt_obs_mean[m],
                fit->kt_obs_sd[m], s->kt_mean[m], s->kt_sd[m]);
    fprintf(f, "\nDay-to-day lag-1 of the clearness Gaussian: %.3f (kt_autocorr %.3f). Hourly scatter "
               "around the day's clear-sky shape: observed %.4f, generator at the first-pass setting "
               "%.4f; kt_hourly_sd %.4f.\n",
            fit->kt_lag1_obs, s->kt_autocorr, fit->kt_scatter_obs, fit->kt_scatter_sim, s->kt_hourly_sd);

    fprintf(f, "\n## Temperature\n\nMonthly mean and mean daily range (max - min of the hours). "
               "temp_range_c is corrected by the simulation so that the generator's realised range "
               "matches the observed one.\n\n");
    fprintf(f, "| month | mean obs (C) | range obs (C) | range generator, first pass (C) | temp_range_c |\n"
               "|---|---|---|---|---|\n");
    for (int m = 0; m < 12; m++)
        fprintf(f, "| %s | %.2f | %.2f | %.2f | %.2f |\n", MONTH[m], fit->temp_obs_mean[m], fit->temp_obs_range[m],
                fit->temp_sim_range[m], s->temp_range_c[m]);
    fprintf(f, "\nDaily-mean anomaly (from the generator's interpolated level, within each year): sd %.3f C, "
               "lag-1 %.3f; as the day-centre AR(1) of the generator: temp_anom_sd_c %.3f, "
               "temp_anom_autocorr %.3f.\n",
            fit->temp_anom_daily_sd, fit->temp_anom_daily_lag1, s->temp_anom_sd_c, s->temp_anom_autocorr);

    fprintf(f, "\n## Daily weather state\n\nDaily states: wind = mean Gaussianised speed, clearness = "
               "the clearness Gaussian, temperature = the daily-mean anomaly. The settings are the "
               "correlations of the daily innovations, chosen so that the generator's same-day "
               "correlation of the states matches the observed one: observed / gain, the gain being "
               "the generator's state correlation per unit setting (simulated). The correlation of "
               "the innovation proxies s(d) - r1 s(d-1) is shown for comparison.\n\n");
    fprintf(f, "| pair | daily states | innovation proxies | gain | setting |\n|---|---|---|---|---|\n");
    static const char *const pair[3] = { "wind - clearness", "wind - temperature", "clearness - temperature" };
    const double set[3] = { s->corr_wind_kt, s->corr_wind_temp, s->corr_kt_temp };
    for (int i = 0; i < 3; i++)
        fprintf(f, "| %s | %.3f | %.3f | %.3f | %.3f |\n", pair[i], fit->state_corr_obs[i], fit->innov_corr_obs[i],
                fit->state_gain[i], set[i]);

    fprintf(f, "\n## Year to year\n\n");
    if (fit->n_years < 2) {
        fprintf(f, "One year: not estimable; the year_* settings are 0.\n");
    } else {
        fprintf(f, "Standard deviation across the years of the year's statistic, the part the generator "
                   "gives without a year anomaly (simulated), and the setting sqrt(observed^2 - "
                   "noise^2).\n\n| statistic | observed sd | noise sd | setting |\n|---|---|---|---|\n");
        fprintf(f, "| ln wind factor | %.4f | %.4f | year_wind_sd_frac %.4f |\n", fit->year_obs_sd[0],
                fit->year_noise_sd[0], s->year_wind_sd_frac);
        fprintf(f, "| clearness offset | %.4f | %.4f | year_kt_sd %.4f |\n", fit->year_obs_sd[1],
                fit->year_noise_sd[1], s->year_kt_sd);
        fprintf(f, "| temperature offset (C) | %.3f | %.3f | year_temp_sd_c %.3f |\n", fit->year_obs_sd[2],
                fit->year_noise_sd[2], s->year_temp_sd_c);
    }
}

static void weibull_dat(FILE *f, const WxFit *fit)
{
    fprintf(f, "# month\tspeed_ms\tobserved_pdf\tfitted_pdf\n");
    for (int m = 0; m < 12; m++) {
        if (m) fprintf(f, "\n\n");
        for (int b = 0; b < WXFIT_WIND_BINS; b++)
            fprintf(f, "%d\t%.2f\t%.6g\t%.6g\n", m + 1, (b + 0.5) * WXFIT_WIND_BIN_MS, fit->weibull_obs_pdf[m][b],
                    fit->weibull_fit_pdf[m][b]);
    }
}

static void acf_dat(FILE *f, const WxFit *fit)
{
    fprintf(f, "# lag_h\tobserved\tfitted\n");
    for (int L = 0; L <= WXFIT_MAX_LAG; L++) fprintf(f, "%d\t%.6g\t%.6g\n", L, fit->acf_obs[L], fit->acf_fit[L]);
}

static void diurnal_dat(FILE *f, const WxFit *fit)
{
    const WeatherSpec *s = &fit->spec;
    fprintf(f, "# month\thour\tobserved\tfitted\n");
    for (int m = 0; m < 12; m++) {
        if (m) fprintf(f, "\n\n");
        for (int k = 0; k < 24; k++) {
            double fac = 1.0 + s->wind_diurnal_month_amp_frac[m]
                             * cos(2.0 * 3.14159265358979323846 * (k + 0.5 - s->wind_diurnal_month_peak_hour[m]) / 24.0);
            fprintf(f, "%d\t%d\t%.6g\t%.6g\n", m + 1, k, fit->diurnal_obs[m][k], fac);
        }
    }
}

static void clearness_dat(FILE *f, const WxFit *fit)
{
    fprintf(f, "# month\tkt\tobserved_pdf\tfitted_pdf\n");
    for (int m = 0; m < 12; m++) {
        if (m) fprintf(f, "\n\n");
        for (int b = 0; b < WXFIT_KT_BINS; b++)
            fprintf(f, "%d\t%.3f\t%.6g\t%.6g\n", m + 1, (b + 0.5) * WXFIT_KT_BIN, fit->kt_obs_pdf[m][b],
                    fit->kt_fit_pdf[m][b]);
    }
}

static void temperature_dat(FILE *f, const WxFit *fit)
{
    fprintf(f, "# month\tobserved_mean_c\tfitted_mean_c\tobserved_range_c\tfitted_range_c\n");
    for (int m = 0; m < 12; m++)
        fprintf(f, "%d\t%.4f\t%.4f\t%.4f\t%.4f\n", m + 1, fit->temp_obs_mean[m], fit->spec.temp_mean_c[m],
                fit->temp_obs_range[m], fit->spec.temp_range_c[m]);
}

typedef struct {
    const WxFit *fit;
    const char *const *files;
    int n;
} Ctx;

static void w_params(FILE *f, const Ctx *c) { wxfit_write_block(f, c->fit, c->files, c->n); }
static void w_md(FILE *f, const Ctx *c) { wxfit_write_md(f, c->fit, c->files, c->n); }
static void w_weibull(FILE *f, const Ctx *c) { weibull_dat(f, c->fit); }
static void w_acf(FILE *f, const Ctx *c) { acf_dat(f, c->fit); }
static void w_diurnal(FILE *f, const Ctx *c) { diurnal_dat(f, c->fit); }
static void w_clearness(FILE *f, const Ctx *c) { clearness_dat(f, c->fit); }
static void w_temperature(FILE *f, const Ctx *c) { temperature_dat(f, c->fit); }

static const struct {
    const char *name;
    void (*write)(FILE *, const Ctx *);
} outputs[] = {
    { "params.cfg", w_params }, { "fit.md", w_md }, { "weibull.dat", w_weibull }, { "acf.dat", w_acf },
    { "diurnal.dat", w_diurnal }, { "clearness.dat", w_clearness }, { "temperature.dat", w_temperature },
};

Status wxfit_write_dir(const WxFit *fit, const char *const *files, int n, const char *dir, Diag *d)
{
    /* DIR = parent/name; the staging directory goes beside it. */
    char parent[STAGE_PATH_MAX], name[STAGE_PATH_MAX];
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    if (len == 0 || len >= sizeof parent) {
        diag_error(d, ST_IO, dir, 0, NULL, "not a usable output folder name");
        return ST_IO;
    }
    memcpy(parent, dir, len);
    parent[len] = '\0';
    char *slash = strrchr(parent, '/');
    if (slash) {
        snprintf(name, sizeof name, "%s", slash + 1);
        if (slash == parent) parent[1] = '\0';
        else *slash = '\0';
    } else {
        snprintf(name, sizeof name, "%s", parent);
        snprintf(parent, sizeof parent, ".");
    }
    if (!name[0] || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        diag_error(d, ST_IO, dir, 0, NULL, "give the output folder by name (not . or ..)");
        return ST_IO;
    }
    StagedDir sd;
    Status st = stage_begin(&sd, parent, name, d);
    if (st != ST_OK) return st;
    const Ctx c = { fit, files, n };
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0] && st == ST_OK; i++) {
        char path[STAGE_PATH_MAX];
        if (stage_path(&sd, outputs[i].name, path, sizeof path) != 0) {
            diag_error(d, ST_IO, sd.stage, 0, NULL, "path too long");
            st = ST_IO;
            break;
        }
        AtomicFile *af = &(AtomicFile){ 0 };
        st = afile_open(af, path, d);
        if (st != ST_OK) break;
        outputs[i].write(af->f, &c);
        st = afile_commit(af, d);
    }
    if (st != ST_OK) {
        stage_abort(&sd);
        return st;
    }
    return stage_commit(&sd, d);
}
