/* schema.c — the table of every scenario setting (DESIGN §8) and what it
 * drives without libconfig: defaults, lookup, did-you-mean and the writers of
 * the resolved and the commented reference config (config.c parses).
 * Invariant: a path's field is the Scenario member it fills (macro AT). */
#include "schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "textdist.h"

/* Enums are stored through int pointers. */
_Static_assert(sizeof(WeatherSource) == sizeof(int), "enum size");
_Static_assert(sizeof(WeatherFormat) == sizeof(int), "enum size");
_Static_assert(sizeof(PvTracking) == sizeof(int), "enum size");
_Static_assert(sizeof(PvModule) == sizeof(int), "enum size");
_Static_assert(sizeof(PvCellTemp) == sizeof(int), "enum size");
_Static_assert(sizeof(ExportMode) == sizeof(int), "enum size");
_Static_assert(sizeof(Strategy) == sizeof(int), "enum size");
_Static_assert(sizeof(Commissioning) == sizeof(int), "enum size");
_Static_assert(sizeof(ConversionMethod) == sizeof(int), "enum size");
_Static_assert(sizeof(Co2Scope) == sizeof(int), "enum size");
_Static_assert(sizeof(TargetOp) == sizeof(int), "enum size");
_Static_assert(sizeof(TargetBasis) == sizeof(int), "enum size");
_Static_assert(sizeof(TargetKind) == sizeof(int), "enum size");
_Static_assert(sizeof(WakeKind) == sizeof(int), "enum size");
_Static_assert(sizeof(ConvRoute) == sizeof(int), "enum size");
_Static_assert(sizeof(Co2Destination) == sizeof(int), "enum size");
_Static_assert(sizeof(IntensityBasis) == sizeof(int), "enum size");
_Static_assert(sizeof(ElyPriority) == sizeof(int), "enum size");
_Static_assert(sizeof(CcuCarbon) == sizeof(int), "enum size");

/* ---- enum names, in enum order ---- */
static const char *const commissioning_names[] = { "year_start", "monthly", NULL };
static const char *const weather_source_names[] = { "synthetic", "file", NULL };
/* wxfile_format_name's names, in WeatherFormat order (test_wxyear checks). */
static const char *const weather_format_names[] = { "auto", "sam-csv", "tmy3", "epw", "srw", "pvgis-csv", NULL };
static const char *const tracking_names[] = { "fixed", "single_axis", "single_axis_backtrack", NULL };
static const char *const module_names[] = { "standard", "premium", "thin_film", NULL };
static const char *const cell_temp_names[] = { "fuentes", "sapm", NULL };
static const char *const export_mode_names[] = { "surplus", "schedule", NULL };
static const char *const storage_mode_names[] = { "surplus", "arbitrage", NULL };
static const char *const price_source_names[] = { "flat", "tou-xinjiang", "file", NULL };
static const char *const strategy_names[] = { "renewable-first", "peak-shaving", "line-first", "optimal", NULL };
static const char *const method_names[] = { "coal-equivalent", "calorific", NULL };
static const char *const scope_names[] = { "production", "consumption", "net-exchange", NULL };
static const char *const op_names[] = { ">=", "<=", "range", "reduction", NULL };
static const char *const basis_names[] = { "plan", "policy", "assumption", NULL };
static const char *const kind_names[] = { "auto", "result", "schedule", NULL };
static const char *const wake_names[] = { "none", "simple", "park", NULL };
/* conv_route_name's names, in ConvRoute order (test_conversion checks). */
static const char *const route_names[] = { "semi-coke", "sng", "methanol", "olefins", "ctl", NULL };
static const char *const co2_dest_names[] = { "stored", "used", NULL };
static const char *const intensity_basis_names[] = { "total", "excl-feedstock", NULL };
static const char *const ely_priority_names[] = { "before_curtailment", "before_export", NULL };
static const char *const ccu_carbon_names[] = { "delayed", "removed", NULL };

/* ---- default vectors ---- */
/* Illustrative monthly values for an arid continental site near 43 N at
 * about 1700 m (cold winters, windy spring); fit your own with fit-weather. */
static const double def_weibull_k[12] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
static const double def_weibull_c[12] = { 5.0, 5.3, 6.2, 7.0, 7.0, 6.6, 6.2, 6.0, 5.8, 5.6, 5.3, 5.0 };
static const double def_kt_mean[12] = { 0.58, 0.60, 0.60, 0.61, 0.62, 0.62, 0.62, 0.63, 0.64, 0.63, 0.60, 0.57 };
static const double def_kt_sd[12] = { 0.14, 0.14, 0.13, 0.12, 0.11, 0.10, 0.10, 0.10, 0.10, 0.11, 0.13, 0.14 };
static const double def_temp_mean[12] = { -11, -7, 0, 8, 15, 20, 22, 20, 14, 6, -2, -9 };
static const double def_temp_range[12] = { 12, 13, 13, 14, 14, 14, 13, 13, 14, 14, 13, 12 };
/* The scalar diurnal wind settings, for every month. */
static const double def_wind_amp_month[12] = { 0.15, 0.15, 0.15, 0.15, 0.15, 0.15,
                                               0.15, 0.15, 0.15, 0.15, 0.15, 0.15 };
static const double def_wind_peak_month[12] = { 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15 };
/* Generic 3 MW-class turbine, normalised: cut-in 3 m/s, rated 13 m/s,
 * cut-out 25 m/s (zero from 25.5 m/s on). Replace with the maker's curve. */
static const double def_curve_speed[15] = { 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 25.5, 40 };
static const double def_curve_frac[15] = { 0, 0, 0.03, 0.08, 0.15, 0.25, 0.38, 0.54, 0.71, 0.87,
                                           0.96, 1, 1, 0, 0 };
static const double def_export_profile[24] = { 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8,
                                               0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8 };
/* Receiving-grid absorption: 1 = the grid beyond the line takes every MW the line carries. */
static const double def_absorb_hour[24] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const double def_absorb_month[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
/* Schedules: (year, value) pairs; year 0 marks a constant. */
static const double def_utilisation[] = { 0, 0.9 };
/* National average coal use of thermal power supply, gce/kWh (CEC
 * statistics 2020-2022), held after 2022. */
static const double def_gce[] = { 2020, 305.5, 2021, 302.5, 2022, 300.7 };
/* costs group: sources in docs/costs.md and configs/yiwu-14fyp.cfg */
static const double def_coal_price[] = { 0, 200 };
static const double def_benchmark[] = { 0, 0.25 };
static const double def_receiving[] = { 0, 0.35 };
/* National average grid emission factor (MEE, 2022 data). */
static const double def_grid_co2[] = { 0, 0.5703 };

#define MSIZE(type, member) sizeof(((type *)0)->member)
#define NITEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ANY HUGE_VAL

/* ---- placement ---- */
#define AT(grp, sub, member) .path = grp "." #member, .offset = offsetof(Scenario, sub.member)
#define ATS(member) .path = "scenario." #member, .offset = offsetof(Scenario, member)
#define FIELD(type, member) .path = #member, .offset = offsetof(type, member)

/* ---- kinds ---- */
#define NUM(lo, hi, d) .kind = SK_NUMBER, .min = (lo), .max = (hi), .def = (d)
#define INT(lo, hi, d) .kind = SK_INTEGER, .unit = "a", .min = (lo), .max = (hi), .def = (d)
#define BOOL(d) .kind = SK_BOOLEAN, .min = 0, .max = 1, .def = (d)
#define STR(cap, d) .kind = SK_STRING, .size = (cap), .def_text = (d)
#define ENUM(names, d) .kind = SK_ENUM, .values = (names), .def = (d)
#define SCHED(lo, hi, pts) .kind = SK_SCHEDULE, .min = (lo), .max = (hi), .def_vec = (pts), \
    .def_n = NITEMS(pts) / 2
#define SCHED0(lo, hi) .kind = SK_SCHEDULE, .min = (lo), .max = (hi)
#define VEC(lo, hi, v) .kind = SK_VECTOR, .min = (lo), .max = (hi), .size = NITEMS(v), \
    .def_vec = (v), .def_n = NITEMS(v)
#define PATHS(cap, count) .kind = SK_PATHS, .size = (cap), .flags = SF_PATH, \
    .count_offset = offsetof(Scenario, count)
#define REQ .required = 1

static const SchemaEntry unit_fields[] = {
    { FIELD(CoalUnit, name), STR(MSIZE(CoalUnit, name), "unit 1"), REQ, .flags = SF_NONEMPTY | SF_UNIQUE,
      .doc = "Unit name, unique within the fleet." },
    { FIELD(CoalUnit, capacity_mw), NUM(1, 2000, 660), .unit = "MW", .dim = DIM_POWER_MW, REQ,
      .doc = "Rated net capacity." },
    { FIELD(CoalUnit, commission_year), INT(1950, 2200, 2024), REQ,
      .doc = "In service from 1 January of this year." },
    { FIELD(CoalUnit, retire_year), INT(0, 2200, 0),
      .doc = "Out of service from 1 January of this year; 0 = never. After commission_year." },
    { FIELD(CoalUnit, min_load_frac), NUM(0, 1, 0.4), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Minimum stable load as a fraction of capacity (must-run when committed)." },
    { FIELD(CoalUnit, ramp_frac_per_h), NUM(0.01, 1, 0.5), .unit = "1/h", .dim = DIM_FRACTION,
      .doc = "Largest change of output in one hour, fraction of capacity." },
    { FIELD(CoalUnit, heat_rate_gce_per_kwh), NUM(200, 600, 300), .unit = "gce/kWh",
      .dim = DIM_COAL_GCE_PER_KWH,
      .doc = "Standard coal consumption per kWh supplied, at full load (part_load_factor scales it)." },
    { FIELD(CoalUnit, must_run_frac), NUM(0, 1, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Commitment flexible: share of the capacity that always stays committed (e.g. process "
             "steam of a coal-chemical unit); ignored when commitment is must-run." },
    { FIELD(CoalUnit, startup_tce_per_mw), NUM(0, 10, 0), .unit = "tce/MW",
      .doc = "Commitment flexible: fuel burnt per MW started (added to coal_power_tce, and priced in "
             "the optimum as that fuel's MWh of coal output)." },
    { FIELD(CoalUnit, min_up_h), NUM(0, 168, 0), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Commitment flexible: hours capacity stays committed after it started (whole hours)." },
    { FIELD(CoalUnit, min_down_h), NUM(0, 168, 0), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Commitment flexible: hours capacity stays off after it stopped (whole hours)." },
};

static const char *const commitment_names[] = { "must-run", "flexible", NULL };
static const double def_part_load_frac[COAL_CURVE_POINTS] = { 0.3, 0.4, 0.5, 0.75, 1.0 };
static const double def_part_load_factor[COAL_CURVE_POINTS] = { 1.0, 1.0, 1.0, 1.0, 1.0 };
/* Coal conversion plants (docs/coal-conversion.md). Coefficients: -1 (any
 * negative) = the route's default (conversion.c). */
#define COEF(member, hi, unit_, doc_) \
    { FIELD(ConvPlant, member), NUM(-1, hi, -1), .unit = unit_, .doc = doc_ }
static const SchemaEntry plant_fields[] = {
    { FIELD(ConvPlant, name), STR(MSIZE(ConvPlant, name), "methanol plant"), REQ, .flags = SF_NONEMPTY | SF_UNIQUE,
      .doc = "Plant name, unique." },
    { FIELD(ConvPlant, route), ENUM(route_names, ROUTE_METHANOL), REQ,
      .doc = "Route: semi-coke (分级提质/兰炭: semi-coke, tar, gas), sng (煤制天然气/LNG), methanol, "
             "olefins (coal to olefins via methanol), ctl (indirect coal to liquids)." },
    { FIELD(ConvPlant, capacity_mt), SCHED0(0, 1000), .unit = "Mt/a", .dim = DIM_MASS_MT, REQ,
      .doc = "Product capacity by year, Mt/a of product (\"120万吨\"); SNG/LNG as t of methane "
             "(1 亿m3 = 7.17万t)." },
    { FIELD(ConvPlant, utilisation_frac), NUM(0, 1.2, 0.85), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Output / capacity." },
    COEF(feed_tce_per_t, 20, "tce/t", "Feedstock coal per t of product (gasifier or retort coal); -1 = route default."),
    COEF(fuel_tce_per_t, 20, "tce/t", "Coal burnt for the plant's own steam and heat per t; -1 = route default."),
    COEF(elec_kwh_per_t, 2e4, "kWh/t", "Grid electricity per t of product (process load); -1 = route default."),
    COEF(heat_gj_per_t, 500, "GJ/t", "Heat bought from outside the plant per t, raised by coal boilers "
         "(coal_conversion.boiler_eff_frac); -1 = route default (0)."),
    COEF(product_gj_per_t, 200, "GJ/t", "Energy (LHV) of the products per t, by-products included; -1 = route default."),
    COEF(product_c_t_per_t, 1, "t/t", "Carbon kept in the products per t; -1 = route default."),
    { FIELD(ConvPlant, capture_frac), NUM(0, 1, 0.9), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Share of the process CO2 stream captured, once capture runs." },
    { FIELD(ConvPlant, capture_capacity_mt), SCHED0(0, 100), .unit = "Mt/a", .dim = DIM_MASS_MT,
      .doc = "CO2 the capture plant can take by year, Mt/a (\"10万吨\"); () = none." },
    { FIELD(ConvPlant, capture_start_year), INT(0, 2200, 0), .flags = SF_IN_PERIOD,
      .doc = "Capture runs from 1 January of this year; 0 = no capture." },
    { FIELD(ConvPlant, capture_kwh_per_t), NUM(0, 2000, 85), .unit = "kWh/t",
      .doc = "Electricity per t CO2 captured: 85 = compression and drying of a high-purity stream "
             "(DEA 2020); add 123 to liquefy it for trucks (MHI & IEA-GHG 2004)." },
    { FIELD(ConvPlant, capture_heat_gj_per_t), NUM(0, 10, 0), .unit = "GJ/t",
      .doc = "Heat per t CO2 captured (solvent regeneration; 0 for a high-purity stream), from coal boilers." },
    { FIELD(ConvPlant, capture_dest), ENUM(co2_dest_names, CO2_DEST_STORED),
      .doc = "Where captured CO2 goes: stored (geological storage, EOR) or used (chemicals)." },
};
#undef COEF

static const SchemaEntry target_fields[] = {
    { FIELD(Target, id), STR(MSIZE(Target, id), "wind_capacity"), REQ,
      .flags = SF_IDENT | SF_UNIQUE, .doc = "Identifier in targets.csv: letters, digits, '_', '-', '.'." },
    { FIELD(Target, label), STR(MSIZE(Target, label), ""),
      .doc = "Text for reports, e.g. the plan's indicator name." },
    { FIELD(Target, metric), STR(MSIZE(Target, metric), "wind_capacity_mw"), REQ, .flags = SF_METRIC,
      .doc = "Annual column checked (a column of annual.dat)." },
    { FIELD(Target, op), ENUM(op_names, OP_GE), REQ,
      .doc = "value >= threshold, value <= threshold, threshold <= value <= upper, "
             "or reduction from base_year by at least threshold (0.12 = 12 %)." },
    { FIELD(Target, threshold), NUM(-ANY, ANY, 3200), REQ,
      .doc = "Bound in the metric's unit; for reduction a fraction, at most 1." },
    { FIELD(Target, upper), NUM(-ANY, ANY, 0),
      .doc = "Upper bound of op \"range\" (required there), at least threshold." },
    { FIELD(Target, year), INT(0, 2200, 0), .flags = SF_IN_PERIOD,
      .doc = "Year checked, inside the period; 0 = every year." },
    { FIELD(Target, base_year), INT(0, 2200, 0), .flags = SF_IN_PERIOD,
      .doc = "Reduction: the year compared with, inside the period and before year; 0 = first_year." },
    { FIELD(Target, basis), ENUM(basis_names, BASIS_ASSUMPTION),
      .doc = "Where the threshold comes from: \"plan\" (the plan's text), \"policy\" (a national or "
             "regional policy document) or \"assumption\" (the scenario's own; the default, since a "
             "target nobody sourced is not the plan's)." },
    { FIELD(Target, kind), ENUM(kind_names, KIND_AUTO),
      .doc = "\"result\": a value the simulation computes; \"schedule\": the scenario's own build-out "
             "(installed capacity, checked at year end); \"auto\" (default): schedule when the metric is "
             "a technology's capacity in force (wind_capacity_mw, coal_capacity_mt, storage_power_mw, ...), "
             "else result." },
    { FIELD(Target, note), STR(MSIZE(Target, note), ""),
      .doc = "Text shown with the verdict in summary.md and report.html: why this threshold, the plan's "
             "wording, history (e.g. the plan's 2016–2020 figure)." },
};

static const SchemaEntry calibration_fields[] = {
    { FIELD(CalibrationPoint, metric), STR(MSIZE(CalibrationPoint, metric), "gdp_yi_yuan"), REQ, .flags = SF_METRIC,
      .doc = "Annual column compared (a column of annual.dat)." },
    { FIELD(CalibrationPoint, year), INT(1900, 2200, 2020), REQ,
      .doc = "Year of the published figure; a record outside the run's period is left out of the "
             "comparison (a variant may run other years than its base)." },
    { FIELD(CalibrationPoint, value), NUM(-ANY, ANY, 76.5), REQ,
      .doc = "The published figure, in the metric's unit (annual.dat's units line)." },
    { FIELD(CalibrationPoint, source), STR(MSIZE(CalibrationPoint, source), "plan, 第一篇第一章 (2021)"), REQ,
      .flags = SF_NONEMPTY,
      .doc = "Where it was published: document, publisher, year." },
};

static const SchemaEntry table[] = {
    /* scenario */
    { ATS(name), STR(NAME_MAX_LEN, "scenario"), .flags = SF_FILENAME,
      .doc = "Scenario name, also the output directory name; default: the file name without .cfg." },
    { ATS(description), STR(TEXT_MAX_LEN, ""), .flags = SF_MULTILINE,
      .doc = "Free text for reports." },
    { ATS(first_year), INT(1900, 2200, 2020), REQ,
      .doc = "First simulated year; the base year of intensity targets." },
    { ATS(last_year), INT(1900, 2200, 2025), REQ,
      .doc = "Last simulated year: at least first_year, fewer than 50 years after it." },
    { ATS(seed), .kind = SK_SEED, .min = 0, .max = 4294967295.0, .def = 1,
      .doc = "Master seed of the synthetic weather; same seed, same results." },
    { ATS(commissioning), ENUM(commissioning_names, COMMISSION_YEAR_START),
      .doc = "year_start: schedule changes take effect on 1 January; monthly: spread over the year's months." },
    /* site */
    { AT("site", site, name), STR(NAME_MAX_LEN, ""), .doc = "Site name for reports." },
    { AT("site", site, latitude_deg), NUM(-90, 90, 43.25), .unit = "deg", REQ,
      .doc = "Latitude, north positive." },
    { AT("site", site, longitude_deg), NUM(-180, 180, 94.70), .unit = "deg", REQ,
      .doc = "Longitude, east positive." },
    { AT("site", site, elevation_m), NUM(-500, 9000, 0), .unit = "m",
      .doc = "Elevation above sea level (air density of synthetic weather)." },
    { AT("site", site, utc_offset_h), NUM(-12, 14, 8), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Clock of the hourly series and of loads, hours ahead of UTC (8 = Beijing time)." },
    /* weather */
    { AT("weather", weather, source), ENUM(weather_source_names, WEATHER_SYNTHETIC),
      .doc = "Where hourly weather comes from." },
    { AT("weather", weather, wind_ref_height_m), NUM(1, 300, 10), .unit = "m",
      .doc = "Height above ground of the Weibull parameters." },
    { AT("weather", weather, wind_weibull_k), VEC(0.5, 10, def_weibull_k), .unit = "1",
      .doc = "Weibull shape of hourly wind speed, per month." },
    { AT("weather", weather, wind_weibull_c_ms), VEC(0.1, 40, def_weibull_c), .unit = "m/s",
      .doc = "Weibull scale of hourly wind speed at the reference height, per month." },
    { AT("weather", weather, wind_autocorr), NUM(0, 0.999, 0.96), .unit = "1",
      .doc = "Lag-1 (hour to hour) autocorrelation of the fast part of wind in Gaussian space "
             "(all of it when wind_slow_share_frac is 0)." },
    { AT("weather", weather, wind_slow_share_frac), NUM(0, 0.95, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Share of the Gaussian wind variance in the slow (synoptic) part; 0 = one time scale." },
    { AT("weather", weather, wind_slow_efold_days), NUM(0.25, 60, 4), .unit = "d",
      .doc = "E-folding time of the slow wind part (its autocorrelation is exp(-lag / this))." },
    { AT("weather", weather, wind_diurnal_amp_frac), NUM(0, 1, 0.15), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Relative amplitude of the daily cycle of wind speed, every month (sets "
             "wind_diurnal_month_amp_frac unless that is given in the same or a later layer)." },
    { AT("weather", weather, wind_diurnal_peak_hour), NUM(0, 24, 15), .unit = "h",
      .doc = "Local clock hour of the daily wind maximum, every month (sets "
             "wind_diurnal_month_peak_hour unless that is given in the same or a later layer)." },
    { AT("weather", weather, wind_diurnal_month_amp_frac), VEC(0, 1, def_wind_amp_month), .unit = "1",
      .doc = "Relative amplitude of the daily cycle of wind speed, per month." },
    { AT("weather", weather, wind_diurnal_month_peak_hour), VEC(0, 24, def_wind_peak_month), .unit = "h",
      .doc = "Local clock hour of the daily wind maximum, per month." },
    { AT("weather", weather, kt_mean), VEC(0.05, 0.85, def_kt_mean), .unit = "1",
      .doc = "Mean daily clearness index, per month." },
    { AT("weather", weather, kt_sd), VEC(0, 0.5, def_kt_sd), .unit = "1",
      .doc = "Standard deviation of the daily clearness index, per month." },
    { AT("weather", weather, kt_autocorr), NUM(0, 0.99, 0.3), .unit = "1",
      .doc = "Day-to-day lag-1 autocorrelation of the clearness index." },
    { AT("weather", weather, kt_hourly_sd), NUM(0, 0.5, 0.05), .unit = "1",
      .doc = "Hour-to-hour variation of the clearness index around the daily value." },
    { AT("weather", weather, temp_mean_c), VEC(-60, 50, def_temp_mean), .unit = "C",
      .doc = "Monthly mean air temperature." },
    { AT("weather", weather, temp_range_c), VEC(0, 40, def_temp_range), .unit = "C",
      .doc = "Mean diurnal temperature range (max - min), per month." },
    { AT("weather", weather, temp_anom_sd_c), NUM(0, 15, 2), .unit = "C",
      .doc = "Standard deviation of the day-to-day temperature anomaly (at day centres)." },
    { AT("weather", weather, temp_anom_autocorr), NUM(0, 0.99, 0.7), .unit = "1",
      .doc = "Day-to-day lag-1 autocorrelation of the temperature anomaly." },
    { AT("weather", weather, corr_wind_kt), NUM(-0.99, 0.99, 0), .unit = "1",
      .doc = "Correlation of the daily innovations of the slow wind part and the clearness Gaussian." },
    { AT("weather", weather, corr_wind_temp), NUM(-0.99, 0.99, 0), .unit = "1",
      .doc = "Correlation of the daily innovations of the slow wind part and the temperature anomaly." },
    { AT("weather", weather, corr_kt_temp), NUM(-0.99, 0.99, 0), .unit = "1",
      .doc = "Correlation of the daily innovations of the clearness Gaussian and the temperature "
             "anomaly (the three correlations must form a positive definite matrix)." },
    { AT("weather", weather, year_wind_sd_frac), NUM(0, 0.5, 0), .unit = "1",
      .doc = "Year-to-year spread of wind: each year's speeds are multiplied by exp(s g - s^2/2), "
             "g a standard normal drawn for the year (mean factor 1); s is this setting." },
    { AT("weather", weather, year_kt_sd), NUM(0, 0.2, 0), .unit = "1",
      .doc = "Year-to-year spread of the daily clearness index: an offset drawn for each year." },
    { AT("weather", weather, year_temp_sd_c), NUM(0, 10, 0), .unit = "C",
      .doc = "Year-to-year spread of temperature: an offset drawn for each year." },
    /* weather from files (docs/weather-scenarios.md) */
    { AT("weather", weather, file), STR(PATH_MAX_LEN, ""), .flags = SF_PATH,
      .doc = "source \"file\": the weather file of every simulated year, relative to the config file "
             "that sets it (SAM CSV, TMY3, EPW or PVGIS CSV: irradiance, temperature, pressure, wind)." },
    { AT("weather", weather, files), PATHS(WEATHER_FILES_MAX, weather.n_files),
      .doc = "source \"file\": instead of file, one file per simulated year in order, as many as "
             "the years of the period." },
    { AT("weather", weather, wind_file), STR(PATH_MAX_LEN, ""), .flags = SF_PATH,
      .doc = "Optional: wind speed and direction from this file (such as a SAM .srw with hub "
             "heights) instead of the weather file; \"\" = none." },
    { AT("weather", weather, format), ENUM(weather_format_names, WXFMT_AUTO),
      .doc = "Format of the weather files; \"auto\" recognises it from the content." },
    { AT("weather", weather, retime_to_site), BOOL(1),
      .doc = "Shift a file from another place or clock by whole hours so that its solar noon falls "
             "at the site's clock hour of solar noon (false: record k is hour k)." },
    { AT("weather", weather, wind_air_from_wind_file), BOOL(1),
      .doc = "Air density at the hub from the wind file's own temperature and pressure there, as "
             "SAM does (false: from the weather file's, e.g. for a proxy wind file from another "
             "altitude)." },
    /* wind */
    { AT("wind", wind, capacity_mw), SCHED0(0, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Installed wind capacity (nameplate) by year." },
    { AT("wind", wind, hub_height_m), NUM(10, 300, 100), .unit = "m", .doc = "Hub height." },
    { AT("wind", wind, shear_exponent), NUM(0, 1, 0.14), .unit = "1",
      .doc = "Power-law shear exponent (alpha) from the reference height to hub height." },
    { AT("wind", wind, losses_frac), NUM(0, 0.9, 0.12), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Electrical, wake and other losses." },
    { AT("wind", wind, availability_frac), NUM(0, 1, 0.97), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Technical availability of the turbines." },
    { AT("wind", wind, density_correction), BOOL(1),
      .doc = "Correct the power curve's speed axis for air density (as SAM does)." },
    { AT("wind", wind, power_curve_speed_ms), .kind = SK_CURVE, .unit = "m/s", .min = 0, .max = 100,
      .size = CURVE_MAX_POINTS, .count_offset = offsetof(Scenario, wind.curve_n),
      .def_vec = def_curve_speed, .def_n = NITEMS(def_curve_speed), .flags = SF_INCREASING,
      .doc = "Power curve wind speeds, strictly increasing, 2 to 256 points." },
    { AT("wind", wind, power_curve_frac), .kind = SK_CURVE, .unit = "1", .min = 0, .max = 1,
      .size = CURVE_MAX_POINTS, .count_offset = offsetof(Scenario, wind.curve_n),
      .def_vec = def_curve_frac, .def_n = NITEMS(def_curve_frac), .flags = SF_SOME_POSITIVE,
      .doc = "Power curve output as a fraction of rated power at each speed (same length)." },
    { AT("wind", wind, wake_model), ENUM(wake_names, WAKE_NONE),
      .doc = "Wake losses of a representative farm (layout below), applied to every MW: none (fold "
             "them into losses_frac), simple (SAM's simple model) or park (Park/WAsP)." },
    { AT("wind", wind, rotor_diameter_m), NUM(10, 300, 120), .unit = "m",
      .doc = "Rotor diameter (wake models)." },
    { AT("wind", wind, rated_kw), NUM(100, 30000, 3000), .unit = "kW",
      .doc = "Turbine rating: with the power curve and rotor, the power and thrust coefficients (wake models)." },
    { AT("wind", wind, turbulence_intensity), NUM(0.01, 0.5, 0.1), .unit = "1",
      .doc = "Ambient turbulence intensity (simple wake model)." },
    { AT("wind", wind, park_decay), NUM(0.01, 0.2, 0.07), .unit = "1",
      .doc = "Park wake decay constant (0.075 onshore, 0.04 offshore in WAsP; SAM 0.07)." },
    { AT("wind", wind, layout_rows), .kind = SK_INTEGER, .unit = "1", .min = 1, .max = 300, .def = 4,
      .doc = "Wake layout: rows of turbines, one behind the other to the north." },
    { AT("wind", wind, layout_per_row), .kind = SK_INTEGER, .unit = "1", .min = 1, .max = 300, .def = 8,
      .doc = "Wake layout: turbines per row (east-west); rows x per_row at most 300." },
    { AT("wind", wind, layout_spacing_d), NUM(1, 50, 8), .unit = "1",
      .doc = "Wake layout: spacing of turbines in a row, rotor diameters." },
    { AT("wind", wind, layout_row_spacing_d), NUM(1, 50, 8), .unit = "1",
      .doc = "Wake layout: spacing of rows, rotor diameters." },
    { AT("wind", wind, layout_stagger_frac), NUM(0, 1, 0.5), .unit = "1",
      .doc = "Wake layout: every other row shifted east by this fraction of the turbine spacing." },
    /* solar */
    { AT("solar", solar, capacity_mw), SCHED0(0, 1e6), .unit = "MWp", .dim = DIM_POWER_MW,
      .doc = "Installed PV capacity (DC at STC) by year." },
    { AT("solar", solar, dc_ac_ratio), NUM(0.5, 3, 1.2), .unit = "1",
      .doc = "DC nameplate over inverter AC rating (clipping above it)." },
    { AT("solar", solar, inverter_eff_frac), NUM(0.5, 1, 0.96), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Nominal inverter efficiency." },
    { AT("solar", solar, losses_frac), NUM(0, 0.99, 0.14), .unit = "1", .dim = DIM_FRACTION,
      .doc = "PVWatts total DC system losses (soiling, wiring, mismatch, ...)." },
    { AT("solar", solar, tracking), ENUM(tracking_names, PV_FIXED),
      .doc = "Fixed tilt, single-axis tracking, or single-axis with backtracking." },
    { AT("solar", solar, module_type), ENUM(module_names, PV_MODULE_STANDARD),
      .doc = "PVWatts module type (temperature coefficient and cover)." },
    { AT("solar", solar, roof_mount), BOOL(0),
      .doc = "Roof mounting (INOCT 49 C instead of 45 C)." },
    { AT("solar", solar, cell_temp_model), ENUM(cell_temp_names, PV_CELLTEMP_FUENTES),
      .doc = "Cell temperature: \"fuentes\", PVWatts' transient heat balance, or \"sapm\", Sandia's closed form "
             "(open rack glass/polymer; roof mount: close-roof glass/glass), an hour-step about half as dear." },
    { AT("solar", solar, tilt_deg), NUM(0, 90, 35), .unit = "deg",
      .doc = "Tilt of fixed modules, or of the tracker axis." },
    { AT("solar", solar, azimuth_deg), NUM(0, 360, 180), .unit = "deg",
      .doc = "Azimuth of fixed modules or the tracker axis, clockwise from north (180 = south)." },
    { AT("solar", solar, gcr), NUM(0.01, 0.99, 0.4), .unit = "1",
      .doc = "Ground coverage ratio of tracker rows (backtracking, shading)." },
    { AT("solar", solar, rotation_limit_deg), NUM(0, 90, 45), .unit = "deg",
      .doc = "Largest tracker rotation from horizontal." },
    { AT("solar", solar, albedo), NUM(0, 1, 0.2), .unit = "1", .doc = "Ground reflectance." },
    { AT("solar", solar, degradation_per_year_frac), NUM(0, 0.1, 0.005), .unit = "1/a",
      .dim = DIM_FRACTION,
      .doc = "Output lost per year of plant age." },
    /* storage */
    { AT("storage", storage, power_mw), SCHED0(0, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Battery charge/discharge power rating by year." },
    { AT("storage", storage, duration_h), NUM(0.1, 168, 2), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Energy over power: energy (MWh) = power x duration." },
    { AT("storage", storage, roundtrip_eff_frac), NUM(0.3, 1, 0.85), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Round-trip efficiency; charge and discharge each sqrt of it." },
    { AT("storage", storage, soc_min_frac), NUM(0, 1, 0.1), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Lowest state of charge, fraction of energy; below soc_max_frac." },
    { AT("storage", storage, soc_max_frac), NUM(0, 1, 0.9), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Highest state of charge, fraction of energy." },
    { AT("storage", storage, self_discharge_per_h_frac), NUM(0, 0.1, 0.00004), .unit = "1/h",
      .dim = DIM_FRACTION,
      .doc = "Fraction of the stored energy lost per hour." },
    { AT("storage", storage, initial_soc_frac), NUM(0, 1, 0.5), .unit = "1", .dim = DIM_FRACTION,
      .doc = "State of charge at the start of the first year, inside the SOC window." },
    { AT("storage", storage, mode), ENUM(storage_mode_names, STORAGE_SURPLUS),
      .doc = "surplus: storage charges from renewable surplus and discharges into deficits (the rules as "
             "before); arbitrage: the rules also charge in valley-price hours (from import, from coal only with "
             "charge_from_coal) and hold the energy for peak-price hours, discharging into load and free export "
             "line capacity (peak regulation; docs/storage-arbitrage.md). The optimal strategy ignores it." },
    { AT("storage", storage, valley_below_frac), NUM(0, 10, 0.8), .unit = "1", .dim = DIM_FRACTION,
      .doc = "arbitrage: an hour whose price is at most this times the year's mean price is a valley hour." },
    { AT("storage", storage, peak_above_frac), NUM(0, 10, 1.2), .unit = "1", .dim = DIM_FRACTION,
      .doc = "arbitrage: an hour whose price is at least this times the year's mean price is a peak hour; "
             "above valley_below_frac." },
    { AT("storage", storage, charge_from_coal), BOOL(0),
      .doc = "arbitrage: valley charging may also raise coal above its floor (grid charging from coal)." },
    /* price signal (price.h) */
    { AT("price", price, source), ENUM(price_source_names, PRICE_FLAT),
      .doc = "Hourly price signal (hourly column price_yuan_per_kwh): flat = the coal benchmark tariff "
             "(costs.benchmark_tariff_yuan_per_kwh) every hour; tou-xinjiang = the tariff times the ratio of "
             "the hour's time-of-use period of Xinjiang (peak 8-11 and 19-24 h, valley 2-8 and 14-16 h, "
             "the rest flat, Beijing time; critical peak in July 21-23 h and Jan, Nov, Dec 19-21 h); "
             "file = the prices of price.file." },
    { AT("price", price, file), STR(PATH_MAX_LEN, ""), .flags = SF_PATH,
      .doc = "source \"file\": prices in 元/kWh, relative to the config file that sets it: 288 lines "
             "\"month,hour,price\" (12 x 24) or 8760 / 8784 lines of one price per hour (docs/formats.md)." },
    { AT("price", price, peak_ratio), NUM(0, 10, 1.5), .unit = "1",
      .doc = "tou-xinjiang: peak price over the benchmark tariff." },
    { AT("price", price, flat_ratio), NUM(0, 10, 1.0), .unit = "1",
      .doc = "tou-xinjiang: flat-period price over the benchmark tariff." },
    { AT("price", price, valley_ratio), NUM(0, 10, 0.5), .unit = "1",
      .doc = "tou-xinjiang: valley price over the benchmark tariff." },
    { AT("price", price, critical_ratio), NUM(1, 10, 1.2), .unit = "1",
      .doc = "tou-xinjiang: critical-peak price over the peak price (the notice: +20 %)." },
    /* coal_mining */
    { AT("coal_mining", coal_mining, capacity_mt), SCHED0(0, 1000), .unit = "Mt/a", .dim = DIM_MASS_MT,
      .doc = "Coal production capacity by year." },
    { AT("coal_mining", coal_mining, utilisation_frac), SCHED(0, 1.5, def_utilisation), .unit = "1",
      .dim = DIM_FRACTION,
      .doc = "Output over capacity by year." },
    { AT("coal_mining", coal_mining, calorific_kcal_per_kg), NUM(0, 8000, 0), .unit = "kcal/kg",
      .dim = DIM_CALORIFIC_KCAL_PER_KG,
      .doc = "Calorific value of the coal; 0 = national default 0.7143 tce/t, else at least 1000." },
    { AT("coal_mining", coal_mining, electricity_kwh_per_t), NUM(0, 200, 15), .unit = "kWh/t",
      .doc = "Electricity for mining and handling per tonne (adds to the load)." },
    /* coal_power */
    { AT("coal_power", coal_power, units), .kind = SK_RECORDS, .size = COAL_MAX_UNITS,
      .count_offset = offsetof(Scenario, coal_power.n_units), .fields = unit_fields,
      .n_fields = NITEMS(unit_fields), .record_size = sizeof(CoalUnit),
      .doc = "Coal power units, one group each (at most 32)." },
    { AT("coal_power", coal_power, forced_outage_frac), NUM(0, 0.5, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Forced outage rate of each unit (long-run unavailability); 0 = no outages. IEEE RTS 1979: "
             "0.08 for its 350 MW coal unit (docs/adequacy.md)." },
    { AT("coal_power", coal_power, mttr_h), NUM(1, 8760, 100), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Mean time to repair of a forced outage (IEEE RTS 1979, 350 MW coal unit: 100 h)." },
    { AT("coal_power", coal_power, unit_size_mw), NUM(0, 2000, 0), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Size of the blocks that fail independently; 0 = each configured unit fails as a whole." },
    { AT("coal_power", coal_power, commitment), ENUM(commitment_names, COMMIT_MUST_RUN),
      .doc = "Unit commitment: \"must-run\" (every unit in service runs at least at its minimum load "
             "every hour) or \"flexible\" (the dispatch decommits capacity, down to the units' "
             "must_run_frac, when renewables would otherwise be curtailed; docs/model.md)." },
    { AT("coal_power", coal_power, part_load_frac), VEC(0, 1, def_part_load_frac), .unit = "1",
      .dim = DIM_FRACTION, .flags = SF_INCREASING,
      .doc = "Part-load heat rate: five load fractions (output over committed capacity), strictly "
             "increasing." },
    { AT("coal_power", coal_power, part_load_factor), VEC(0.5, 2, def_part_load_factor), .unit = "1",
      .doc = "Heat rate at each of the five load fractions relative to the units' heat_rate_gce_per_kwh "
             "(linear between points, the end values beyond; all 1 = no part-load effect)." },
    /* coal_conversion */
    { AT("coal_conversion", coal_conversion, plants), .kind = SK_RECORDS, .size = CONV_MAX_PLANTS,
      .count_offset = offsetof(Scenario, coal_conversion.n_plants), .fields = plant_fields,
      .n_fields = NITEMS(plant_fields), .record_size = sizeof(ConvPlant),
      .doc = "Coal conversion plants, one group each (at most 16); none by default." },
    { AT("coal_conversion", coal_conversion, boiler_eff_frac), NUM(0.3, 1, 0.85), .unit = "1",
      .dim = DIM_FRACTION,
      .doc = "Efficiency of the coal boilers that raise bought-in and capture heat." },
    /* load */
    { AT("load", load, annual_gwh), SCHED0(0, 1e6), .unit = "GWh", .dim = DIM_ENERGY_GWH,
      .doc = "Annual local electricity demand by year, excluding coal mining and coal conversion plants." },
    { AT("load", load, industrial_share_frac), NUM(0, 1, 0.6), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Share of the demand that is flat round the clock (industry)." },
    { AT("load", load, seasonal_amp_frac), NUM(0, 0.9, 0.15), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Relative winter/summer swing of the remaining demand." },
    { AT("load", load, evening_peak_hour), NUM(0, 24, 20), .unit = "h",
      .doc = "Local clock hour of the residential and commercial daily peak." },
    { AT("load", load, heating_mw_per_c), NUM(0, 1e5, 0), .unit = "MW/C",
      .doc = "Electric heating: MW added for each C of the day's mean temperature below heating_base_c, "
             "on top of annual_gwh; 0 = no temperature-dependent heating." },
    { AT("load", load, heating_base_c), NUM(-30, 30, 18), .unit = "C",
      .doc = "Balance temperature of heating (18 C: the base of heating degree days, GB 50176-2016)." },
    { AT("load", load, cooling_mw_per_c), NUM(0, 1e5, 0), .unit = "MW/C",
      .doc = "Cooling: MW added for each C of the day's mean temperature above cooling_base_c, "
             "on top of annual_gwh; 0 = no temperature-dependent cooling." },
    { AT("load", load, cooling_base_c), NUM(0, 40, 26), .unit = "C",
      .doc = "Balance temperature of cooling (26 C: the base of cooling degree days, GB 50176-2016)." },
    /* export */
    { AT("export", export_line, capacity_mw), SCHED0(0, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Transfer capacity of the export line by year." },
    { AT("export", export_line, mode), ENUM(export_mode_names, EXPORT_SURPLUS),
      .doc = "surplus: export what is left, up to the capacity; schedule: follow schedule_frac." },
    { AT("export", export_line, schedule_frac), VEC(0, 1, def_export_profile), .unit = "1",
      .dim = DIM_FRACTION,
      .doc = "Contracted export by clock hour 0..23, fraction of the capacity (mode schedule)." },
    { AT("export", export_line, tolerance_frac), NUM(0, 1, 0.05), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Allowed shortfall below the scheduled export, fraction of the schedule." },
    { AT("export", export_line, import_allowed), BOOL(1),
      .doc = "Whether the county may import over the line when short." },
    { AT("export", export_line, import_limit_mw), NUM(0, 1e6, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Most the county may import in an hour (also at most the line's capacity)." },
    { AT("export", export_line, forced_outage_frac), NUM(0, 0.5, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Forced outage rate of the line; out, it carries neither export nor import. 0 = no outages." },
    { AT("export", export_line, mttr_h), NUM(1, 8760, 11), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Mean duration of a forced outage of the line (IEEE RTS 1979 lines: 10-11 h)." },
    { AT("export", export_line, absorption_frac), VEC(0, 1, def_absorb_hour), .unit = "1",
      .dim = DIM_FRACTION,
      .doc = "Receiving-grid absorption limit by clock hour 0..23: export beyond the firm part is at most "
             "capacity x this x absorption_month_frac (the provincial grid's peak-regulation margin). "
             "1 = no limit." },
    { AT("export", export_line, absorption_month_frac), VEC(0, 1, def_absorb_month), .unit = "1",
      .dim = DIM_FRACTION,
      .doc = "Seasonal factor of the absorption limit by month 1..12 (multiplies absorption_frac). 1 = no limit." },
    { AT("export", export_line, min_annual_hours), NUM(0, 8784, 0), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Contracted minimum full-load hours of the line per year (export energy / capacity), e.g. a "
             "UHVDC wind-coal bundle (风火打捆); reported as export_min_hours_shortfall_h. 0 = no minimum." },
    { AT("export", export_line, n_minus_1), BOOL(0),
      .doc = "N-1 security: the line may carry only what stays secure with one circuit (or transformer) out: "
             "capacity x n1_rating_frac, or x (circuits - 1) / circuits. Export, firm schedule and import use it." },
    { AT("export", export_line, circuits), .kind = SK_INTEGER, .unit = "1", .min = 1, .max = 20, .def = 2,
      .doc = "Parallel circuits (or transformers) of equal rating that make up capacity_mw (with n_minus_1)." },
    { AT("export", export_line, n1_rating_frac), NUM(0, 1, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Usable share of capacity_mw with one element out (with n_minus_1), e.g. from a stability "
             "study; 0 = (circuits - 1) / circuits." },
    /* csp: concentrated solar power (csp.h, docs/csp.md); defaults = csp_params_default */
    { AT("csp", csp, capacity_mw), SCHED0(0, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Net electric capacity of the CSP turbine by year (at the start of each year); none by default." },
    { AT("csp", csp, solar_multiple), NUM(0.1, 10, 2.4), .unit = "1",
      .doc = "Receiver design thermal output over the turbine's design input (SAM default 2.4)." },
    { AT("csp", csp, storage_h), NUM(0, 48, 8), .unit = "h", .dim = DIM_TIME_H,
      .doc = "Molten-salt storage, hours of full-load turbine input." },
    { AT("csp", csp, cycle_eff_frac), NUM(0.05, 1, 0.412), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Gross cycle efficiency, heat to gross electricity (SAM design_eff)." },
    { AT("csp", csp, gross_to_net_frac), NUM(0.05, 1, 0.9), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Net over gross electric output (plant parasitics)." },
    { AT("csp", csp, design_dni_wm2), NUM(100, 1400, 950), .unit = "W/m2",
      .doc = "Direct normal irradiance of the design point." },
    { AT("csp", csp, design_zenith_deg), NUM(0, 89, 20), .unit = "deg",
      .doc = "Sun zenith angle of the design point." },
    { AT("csp", csp, field_optical_eff_frac), NUM(0.05, 1, 0.6), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Heliostat field optical efficiency at the design point." },
    { AT("csp", csp, field_target_elev_deg), NUM(1, 90, 25), .unit = "deg",
      .doc = "Mean elevation of the receiver seen from the heliostats." },
    { AT("csp", csp, field_stow_elev_deg), NUM(0, 89, 8), .unit = "deg",
      .doc = "Heliostats track only above this sun elevation." },
    { AT("csp", csp, field_min_dni_wm2), NUM(0, 1400, 200), .unit = "W/m2",
      .doc = "The field starts only at or above this DNI." },
    { AT("csp", csp, receiver_absorptance_frac), NUM(0.05, 1, 0.94), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Receiver absorptance." },
    { AT("csp", csp, receiver_loss_frac), NUM(0, 0.99, 0.05), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Receiver and piping heat loss while operating, fraction of the receiver's design output." },
    { AT("csp", csp, receiver_min_frac), NUM(0, 1, 0.25), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Receiver turndown limit, fraction of design output." },
    { AT("csp", csp, receiver_max_frac), NUM(1, 3, 1.2), .unit = "1",
      .doc = "Receiver maximum, fraction of design output (the rest is defocused)." },
    { AT("csp", csp, receiver_startup_frac), NUM(0, 24, 0.25), .unit = "h",
      .doc = "Heat to start the receiver, hours of its design output." },
    { AT("csp", csp, min_load_frac), NUM(0, 1, 0.2), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Turbine minimum net output, fraction of capacity." },
    { AT("csp", csp, turbine_startup_h), NUM(0, 24, 0.5), .unit = "h",
      .doc = "Heat to start the turbine, hours of full-load input." },
    { AT("csp", csp, storage_loss_per_h_frac), NUM(0, 0.5, 0.0004), .unit = "1/h", .dim = DIM_FRACTION,
      .doc = "Tank heat loss per hour, fraction of the stored heat." },
    { AT("csp", csp, initial_storage_frac), NUM(0, 1, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Stored heat at the start of the first year, fraction of the storage." },
    /* electrolyser, methanol, h2_trucks: hydrogen from surplus renewables
     * (electrolyser.h, docs/hydrogen.md; sources of the defaults there) */
    { AT("electrolyser", electrolyser, capacity_mw), SCHED0(0, 1e6), .unit = "MW", .dim = DIM_POWER_MW,
      .doc = "Electric input capacity of the electrolysers by year (at the start of each year); none by default. "
             "They run only on renewable surplus that would be curtailed (never on coal or imports)." },
    { AT("electrolyser", electrolyser, kwh_per_kg), NUM(39.4, 120, 55), .unit = "kWh/kg",
      .doc = "System electricity per kg of hydrogen at the AC bus (alkaline 57.7 / 56.7 / 53.6 kWh/kg in "
             "2020 / 2025 / 2030, DEA technology data; Sinopec Kuqa 2023 about 55); at least 39.4, the higher "
             "heating value." },
    { AT("electrolyser", electrolyser, min_load_frac), NUM(0, 1, 0.3), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Minimum load, fraction of capacity: with less surplus the electrolysers idle (alkaline 30-100 % "
             "conventionally, Communications Engineering 2023)." },
    { AT("electrolyser", electrolyser, storage_kg), NUM(0, 1e9, 0), .unit = "kg",
      .doc = "Usable hydrogen store; the demand (methanol, trucks) draws from it. 0: hydrogen is made only "
             "as the hour's demand takes it." },
    { AT("electrolyser", electrolyser, initial_storage_frac), NUM(0, 1, 0), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Hydrogen in the store at the start of the first year, fraction of storage_kg." },
    { AT("electrolyser", electrolyser, priority), ENUM(ely_priority_names, ELY_BEFORE_CURTAILMENT),
      .doc = "Place in the surplus order: before_curtailment (storage, then the line, then the "
             "electrolysers, then curtailment) or before_export (storage, electrolysers, line, curtailment)." },
    { AT("methanol", methanol, capacity_t), SCHED0(0, 1e8), .unit = "t/yr",
      .doc = "CO2-to-methanol synthesis capacity (CO2 + 3 H2 -> CH3OH + H2O) by year; none by default. The "
             "plant draws its hydrogen flat from the store at the rate the CO2 available allows." },
    { AT("methanol", methanol, co2_t_per_t), NUM(1.3735, 3, 1.374), .unit = "t/t",
      .doc = "CO2 per t methanol (stoichiometry 1.3735; DECHEMA 2017 plant data 1.374)." },
    { AT("methanol", methanol, h2_t_per_t), NUM(0.18875, 1, 0.189), .unit = "t/t",
      .doc = "Hydrogen per t methanol (stoichiometry 0.18875; DECHEMA 2017 plant data 0.189)." },
    { AT("methanol", methanol, electricity_kwh_per_t), NUM(0, 5000, 1500), .unit = "kWh/t",
      .doc = "Electricity of the methanol plant per t (hydrogen not included; DECHEMA 2017: 0.271 MWh per MWh "
             "methanol, about 1.5 MWh/t); a flat load at the planned rate." },
    { AT("methanol", methanol, co2_external_t), SCHED0(0, 1e9), .unit = "t/yr",
      .doc = "CO2 available to the plant besides the county's own capture (e.g. a capture demonstration not "
             "modelled), by year; none by default." },
    { AT("methanol", methanol, carbon), ENUM(ccu_carbon_names, CCU_DELAYED),
      .doc = "The methanol's carbon: delayed (counted as emitted: the methanol is burnt later, CCU delays "
             "emission) or removed (CO2 used is subtracted from co2_mt). co2_ccu_removed_mt shows the latter "
             "either way." },
    { AT("h2_trucks", h2_trucks, count), SCHED0(0, 1e6), .unit = "1",
      .doc = "Fuel-cell heavy trucks hauling coal by year; none by default. They draw hydrogen flat from the "
             "store; hydrogen not delivered is driven on diesel." },
    { AT("h2_trucks", h2_trucks, km_per_year), NUM(0, 1e6, 100000), .unit = "km",
      .doc = "Distance per truck and year." },
    { AT("h2_trucks", h2_trucks, h2_kg_per_100km), NUM(0.1, 100, 9), .unit = "kg/100km",
      .doc = "Hydrogen use of a 49 t fuel-cell truck (9-9.2 kg/100 km, ICCT; 8.0 DEA for 40-50 t)." },
    { AT("h2_trucks", h2_trucks, diesel_l_per_100km), NUM(0, 200, 44), .unit = "l/100km",
      .doc = "Diesel use of the 49 t diesel truck replaced (China tractor-trailers 44 l/100 km, ICCT 2015)." },
    { AT("h2_trucks", h2_trucks, diesel_kg_per_l), NUM(0.7, 1, 0.84), .unit = "kg/l",
      .doc = "Diesel density (GB 19147-2016: 810-845 kg/m3 at 20 C)." },
    { AT("h2_trucks", h2_trucks, diesel_tce_per_t), NUM(1, 2, 1.4571), .unit = "tce/t",
      .doc = "Standard coal of 1 t diesel (GB/T 2589-2020)." },
    { AT("h2_trucks", h2_trucks, diesel_co2_t_per_t), NUM(2, 4, 3.186), .unit = "t/t",
      .doc = "CO2 of 1 t diesel burnt (IPCC 2006 defaults: 74.1 t/TJ x 43.0 GJ/t)." },
    { AT("h2_trucks", h2_trucks, payload_t), NUM(0, 100, 32), .unit = "t",
      .doc = "Coal per laden trip (49 t gross, GB 1589-2016, less the tractor and trailer)." },
    { AT("h2_trucks", h2_trucks, laden_frac), NUM(0, 1, 0.5), .unit = "1", .dim = DIM_FRACTION,
      .doc = "Share of the km driven laden (0.5: back empty)." },
    { AT("h2_trucks", h2_trucks, haul_distance_km), NUM(0, 5000, 0), .unit = "km",
      .doc = "Mean road haulage distance of the county's coal, for h2_haulage_share_frac (tonne-km on "
             "hydrogen over coal output x this); 0: no share reported." },
    { AT("h2_trucks", h2_trucks, diesel_in_accounting), BOOL(1),
      .doc = "The county's fossil use (accounting.other_industry_mtce) holds the haulage diesel, so the diesel "
             "avoided comes off energy consumption and co2_mt (at most other_industry_mtce); false: reported "
             "only." },
    /* dispatch */
    { AT("dispatch", dispatch, strategy), ENUM(strategy_names, STRATEGY_RENEWABLE_FIRST),
      .doc = "Hourly dispatch rule (DESIGN section 5); line-first: surplus fills the export line "
             "before storage, and storage empties into free line capacity (congestion relief); optimal: a "
             "linear program per rolling window, the yardstick for the rules (docs/optimal-dispatch.md)." },
    { AT("dispatch", dispatch, yardstick), BOOL(0),
      .doc = "A rule-based run also solves the optimal dispatch for the same years and weather; summary.md "
             "and report.html state the gap, annual-optimal.dat holds the optimum (docs/optimal-dispatch.md)." },
    { AT("dispatch", dispatch, peak_percentile), NUM(0, 100, 90), .unit = "%",
      .doc = "peak-shaving: storage discharges when net load exceeds this percentile." },
    /* optimal (docs/optimal-dispatch.md): weights per MWh, in the order the
     * objective ranks them: supply all (1000), coal below its floor only as
     * a last resort (100), use all renewables (10), import (2), coal (1). */
#define LP(member) .path = "dispatch.lp_" #member, .offset = offsetof(Scenario, dispatch.lp.member)
    { LP(window_h), .kind = SK_INTEGER, .unit = "h", .min = 1, .max = ECSIM_MAX_HOURS, .def = 168,
      .doc = "optimal: hours kept from each rolling window (168 = a week; a year's hours = one LP)." },
    { LP(lookahead_h), .kind = SK_INTEGER, .unit = "h", .min = 0, .max = ECSIM_MAX_HOURS, .def = 24,
      .doc = "optimal: hours solved beyond each window and discarded (storage plans past the window's end)." },
    { LP(curtail_cost), NUM(0, 1e6, 10), .unit = "1/MWh",
      .doc = "optimal: weight of curtailed renewables and of storage losses (both are renewable energy not used)." },
    { LP(coal_cost), NUM(0, 1e6, 1), .unit = "1/MWh",
      .doc = "optimal: weight of coal burnt; below curtail_cost so renewables are never curtailed to save coal." },
    { LP(import_cost), NUM(0, 1e6, 2), .unit = "1/MWh",
      .doc = "optimal: weight of imports; above coal_cost, as the rules run coal before importing." },
    { LP(unserved_cost), NUM(0, 1e9, 1000), .unit = "1/MWh",
      .doc = "optimal: weight of unserved load and firm export; far above the rest: supply comes first." },
    { LP(below_floor_cost), NUM(0, 1e9, 100), .unit = "1/MWh",
      .doc = "optimal: weight of coal below its must-run floor, the last resort once renewables are curtailed in full." },
    { LP(storage_cost), NUM(0, 1e6, 0.001), .unit = "1/MWh",
      .doc = "optimal: weight of storage throughput (charge + discharge); a tie-breaker against needless cycling." },
    { LP(price_weight), NUM(0, 1e6, 0), .unit = "1/MWh per 元/kWh",
      .doc = "optimal: weight of the hourly price (price.source) on storage: charging costs weight x price "
             "per MWh, discharging earns it, so the optimum arbitrages; 0 = off. Ranks: "
             "docs/storage-arbitrage.md." },
    { LP(allow_unserved), BOOL(1),
      .doc = "optimal: false makes a window that cannot supply load and firm export in full a solver error." },
    { LP(max_iterations), .kind = SK_INTEGER, .unit = "1", .min = 1, .max = 100000000, .def = 1000000,
      .doc = "optimal: simplex iterations allowed per window; reaching it is an error naming year and window." },
#undef LP
    /* economy */
    { AT("economy", economy, gdp_base_yi_yuan), NUM(0.01, 1e7, 100), .unit = "yi yuan", REQ,
      .dim = DIM_MONEY_YI_YUAN,
      .doc = "GDP of the first year, constant prices (100 million yuan)." },
    { AT("economy", economy, growth_frac), SCHED0(-0.5, 1), .unit = "1/a", .dim = DIM_FRACTION,
      .doc = "Real GDP growth of year y over y-1 by year (0.149 = 14.9 %)." },
    /* accounting */
    { AT("accounting", accounting, method), ENUM(method_names, CONV_COAL_EQUIVALENT),
      .doc = "Conversion of non-fossil electricity to tce: coal-equivalent or calorific." },
    { AT("accounting", accounting, gce_per_kwh), SCHED(200, 500, def_gce), .unit = "gce/kWh",
      .dim = DIM_COAL_GCE_PER_KWH,
      .doc = "Coal-equivalent factor by year (national average of thermal power supply)." },
    { AT("accounting", accounting, calorific_kgce_per_kwh), NUM(0.1, 0.2, 0.1229), .unit = "kgce/kWh",
      .dim = DIM_COAL_KGCE_PER_KWH,
      .doc = "Calorific-method factor." },
    { AT("accounting", accounting, coal_co2_t_per_tce), NUM(1, 4, 2.77), .unit = "t/tce",
      .doc = "CO2 emitted per tce of coal burnt." },
    { AT("accounting", accounting, grid_co2_kg_per_kwh), SCHED(0, 2, def_grid_co2), .unit = "kg/kWh",
      .dim = DIM_CO2_KG_PER_KWH,
      .doc = "Emission factor of grid electricity by year." },
    { AT("accounting", accounting, scope), ENUM(scope_names, SCOPE_PRODUCTION),
      .doc = "CO2 scope: production (local burning), consumption (plus imports), "
             "or net-exchange (plus imports, minus exports)." },
    { AT("accounting", accounting, coal_chemical_mtce), SCHED0(0, 1000), .unit = "Mtce",
      .dim = DIM_COAL_MTCE,
      .doc = "Legacy: coal-chemical energy use by year as one flat figure, added on top of the "
             "coal_conversion plants; 0 (default) when the plants are modelled." },
    { AT("accounting", accounting, other_industry_mtce), SCHED0(0, 1000), .unit = "Mtce",
      .dim = DIM_COAL_MTCE,
      .doc = "Other fossil energy consumption in the county by year." },
    { AT("accounting", accounting, intensity_basis), ENUM(intensity_basis_names, INTENSITY_TOTAL),
      .doc = "Energy consumption behind energy_intensity_* (and targets on it): total (the regional "
             "energy balance) or excl-feedstock (less 原料用能, 发改环资〔2022〕803号)." },
    /* costs (docs/costs.md): the system's prices here, each technology's items
     * from the rows of costs.def */
    { AT("costs", costs, discount_rate_frac), NUM(0, 0.5, 0.08), .unit = "1/a", .dim = DIM_FRACTION,
      .doc = "Real discount rate of annuities, LCOE and present values." },
    { AT("costs", costs, coal_price_yuan_per_t), SCHED(0, 1e4, def_coal_price), .unit = "元/t",
      .dim = DIM_YUAN_PER_T,
      .doc = "Price of the raw coal burnt for power by year (its calorific value: coal_mining)." },
    { AT("costs", costs, benchmark_tariff_yuan_per_kwh), SCHED(0, 10, def_benchmark), .unit = "元/kWh",
      .dim = DIM_YUAN_PER_KWH,
      .doc = "Sending-end coal benchmark tariff by year: export revenue and the value of curtailment." },
    { AT("costs", costs, receiving_price_yuan_per_kwh), SCHED(0, 10, def_receiving), .unit = "元/kWh",
      .dim = DIM_YUAN_PER_KWH,
      .doc = "Receiving-end price of exported electricity by year (the value at the other end of the line)." },
    { AT("costs", costs, storage_compensation_yuan_per_kwh), SCHED0(0, 10), .unit = "元/kWh",
      .dim = DIM_YUAN_PER_KWH,
      .doc = "Compensation paid to storage per kWh discharged, by year." },
    { AT("costs", costs, invest_goal_yi_yuan), SCHED0(0, 1e6), .unit = "亿元", .dim = DIM_MONEY_YI_YUAN,
      .doc = "The plan's fixed-asset investment goal per year, shown against the investment (charts)." },
#define COST_ITEM(id, tech, kind, p_, dim_, unit_, hi, def, doc_) \
    { .path = "costs." p_, .offset = offsetof(Scenario, costs.item[id]), SCHED(0, hi, def), \
      .unit = unit_, .dim = dim_, .doc = doc_ },
#include "costs.def"
#undef COST_ITEM
#define COST_TECH(tech, capm, caps, em, om, outs, voms, fuel, power, invm, unitm, lpath, life, spath, spend) \
    { .path = "costs." lpath, .offset = offsetof(Scenario, costs.lifetime_a[tech]), NUM(1, 100, life), \
      .unit = "a", .doc = "Economic lifetime in years (annuity period)." }, \
    { .path = "costs." spath, .offset = offsetof(Scenario, costs.spend_frac[tech]), .kind = SK_CURVE, \
      .unit = "1", .min = 0, .max = 1, .size = COST_SPEND_MAX, \
      .count_offset = offsetof(Scenario, costs.spend_n[tech]), .def_vec = spend, .def_n = NITEMS(spend), \
      .flags = SF_SOME_POSITIVE, \
      .doc = "Capital spent by construction year, 2 to 8 shares (normalised); the last is the year " \
             "the capacity first counts, so [0, 1] spends all in that year." },
#include "costs.def"
#undef COST_TECH
    /* targets */
    { .path = "targets.list", .offset = offsetof(Scenario, targets.t), .kind = SK_RECORDS,
      .size = TARGET_MAX, .count_offset = offsetof(Scenario, targets.n), .fields = target_fields,
      .n_fields = NITEMS(target_fields), .record_size = sizeof(Target),
      .doc = "Plan targets checked every run, one group each (at most 64)." },
    /* calibration */
    { .path = "calibration.list", .offset = offsetof(Scenario, calibration.c), .kind = SK_RECORDS,
      .size = CALIBRATION_MAX, .count_offset = offsetof(Scenario, calibration.n), .fields = calibration_fields,
      .n_fields = NITEMS(calibration_fields), .record_size = sizeof(CalibrationPoint),
      .doc = "Published figures the model is compared with (at most 32): summary.md, report.html, "
             "calibration.dat." },
    /* output */
    { AT("output", output, hourly_years), .kind = SK_YEARS, .unit = "a", .min = 1900, .max = 2200,
      .size = HOURLY_YEARS_MAX, .count_offset = offsetof(Scenario, output.n_hourly_years),
      .flags = SF_IN_PERIOD,
      .doc = "Years written as hourly-YYYY.dat: a list of years in the period, \"all\" or \"none\"." },
};

#define N_ENTRIES NITEMS(table)
enum { MAX_ENTRIES = 288 };   /* = config_impl.h's */
_Static_assert(sizeof table / sizeof table[0] <= MAX_ENTRIES, "schema table too long");

static const struct { const char *name, *doc; } groups[] = {
    { "scenario", "The scenario: name, planning period, seed, commissioning (DESIGN 2)." },
    { "site", "Where the county is (DESIGN 2-3)." },
    { "weather", "Synthetic weather, parameters per calendar month (DESIGN 3)." },
    { "wind", "Wind farms (DESIGN 4)." },
    { "solar", "PV plants, PVWatts-class (DESIGN 4)." },
    { "storage", "Battery storage (DESIGN 4)." },
    { "price", "Hourly price signal for storage arbitrage (docs/storage-arbitrage.md)." },
    { "coal_mining", "Coal mines (DESIGN 4)." },
    { "coal_power", "Coal power units (DESIGN 4)." },
    { "coal_conversion", "Coal conversion plants and CO2 capture (docs/coal-conversion.md)." },
    { "load", "Local electricity demand (DESIGN 4)." },
    { "export", "The export line to the regional grid (DESIGN 4)." },
    { "csp", "Concentrated solar power: molten-salt tower, storage, turbine (docs/csp.md)." },
    { "electrolyser", "Electrolysers on surplus renewables and their hydrogen store (docs/hydrogen.md)." },
    { "methanol", "CO2 hydrogenation to methanol from the electrolysers' hydrogen (docs/hydrogen.md)." },
    { "h2_trucks", "Fuel-cell trucks hauling coal on the electrolysers' hydrogen (docs/hydrogen.md)." },
    { "dispatch", "Hourly dispatch (DESIGN 5)." },
    { "economy", "GDP for intensities (DESIGN 6)." },
    { "accounting", "Energy and CO2 accounting (DESIGN 6)." },
    { "costs", "Costs, prices and revenues; one row of costs.def per cost item (docs/costs.md)." },
    { "targets", "Plan targets (DESIGN 7)." },
    { "calibration", "Published figures the model is compared with (docs/calibration.md)." },
    { "output", "What is written (DESIGN 9)." },
};

int schema_count(void) { return N_ENTRIES; }

const SchemaEntry *schema_get(int i)
{
    return (i >= 0 && i < N_ENTRIES) ? &table[i] : NULL;
}

const SchemaEntry *schema_find(const char *path)
{
    for (int i = 0; i < N_ENTRIES; i++)
        if (strcmp(table[i].path, path) == 0) return &table[i];
    return NULL;
}

size_t schema_group_len(const char *path)
{
    const char *dot = strchr(path, '.');
    return dot ? (size_t)(dot - path) : strlen(path);
}

const char *schema_suggest(const char *path)
{
    const char *cand[MAX_ENTRIES];
    for (int i = 0; i < N_ENTRIES; i++) cand[i] = table[i].path;
    const char *best = text_nearest(path, cand, (size_t)N_ENTRIES);
    if (best) return best;
    /* A setting put in the wrong group: same field name elsewhere. */
    const char *dot = strchr(path, '.');
    const char *field = dot ? dot + 1 : path;
    for (int i = 0; i < N_ENTRIES; i++)
        if (strcmp(table[i].path + schema_group_len(table[i].path) + 1, field) == 0)
            return table[i].path;
    return NULL;
}

int schema_group_count(void) { return NITEMS(groups); }
const char *schema_group_name(int i) { return (i >= 0 && i < NITEMS(groups)) ? groups[i].name : NULL; }
const char *schema_group_doc(int i) { return (i >= 0 && i < NITEMS(groups)) ? groups[i].doc : NULL; }

int schema_group_find(const char *name)
{
    for (int i = 0; i < NITEMS(groups); i++)
        if (strcmp(groups[i].name, name) == 0) return i;
    return -1;
}

const char *schema_group_suggest(const char *name)
{
    const char *cand[NITEMS(groups)];
    for (int i = 0; i < NITEMS(groups); i++) cand[i] = groups[i].name;
    return text_nearest(name, cand, (size_t)NITEMS(groups));
}

const SchemaEntry *schema_field_find(const SchemaEntry *records, const char *name)
{
    for (int i = 0; i < records->n_fields; i++)
        if (strcmp(records->fields[i].path, name) == 0) return &records->fields[i];
    return NULL;
}

/* ---- defaults ---- */

void schema_default_one(const SchemaEntry *e, void *base)
{
    char *p = (char *)base + e->offset;
    switch (e->kind) {
    case SK_NUMBER: *(double *)p = e->def; break;
    case SK_INTEGER: *(int *)p = (int)e->def; break;
    case SK_SEED: *(unsigned long *)p = (unsigned long)e->def; break;
    case SK_BOOLEAN:
    case SK_ENUM: *(int *)p = (int)e->def; break;
    case SK_STRING: {
        memset(p, 0, e->size);
        size_t n = strlen(e->def_text);
        memcpy(p, e->def_text, n < e->size ? n : e->size - 1);
        break;
    }
    case SK_SCHEDULE: {
        Schedule *sc = (Schedule *)(void *)p;
        memset(sc, 0, sizeof *sc);
        sc->n = e->def_n;
        for (int i = 0; i < e->def_n; i++) {
            sc->year[i] = (int)e->def_vec[2 * i];
            sc->value[i] = e->def_vec[2 * i + 1];
        }
        break;
    }
    case SK_VECTOR:
    case SK_CURVE:
        memset(p, 0, e->size * sizeof(double));
        memcpy(p, e->def_vec, (size_t)e->def_n * sizeof(double));
        if (e->kind == SK_CURVE) *(int *)(void *)((char *)base + e->count_offset) = e->def_n;
        break;
    case SK_YEARS:
        memset(p, 0, e->size * sizeof(int));
        *(int *)(void *)((char *)base + e->count_offset) = 0;
        break;
    case SK_RECORDS:
        memset(p, 0, e->size * e->record_size);
        *(int *)(void *)((char *)base + e->count_offset) = 0;
        break;
    case SK_PATHS:
        memset(p, 0, e->size * PATH_MAX_LEN);
        *(int *)(void *)((char *)base + e->count_offset) = 0;
        break;
    }
}

void schema_defaults(Scenario *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < N_ENTRIES; i++) schema_default_one(&table[i], s);
}

/* ---- writing ---- */

void schema_format_number(char *buf, size_t n, double x)
{
    if (x == 0) x = 0;   /* no "-0" */
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, n, "%.0f", x);   /* 10, not 1e+01 */
    } else {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, n, "%.*g", prec, x);
            if (strtod(buf, NULL) == x) break;
        }
    }
    if (!strpbrk(buf, ".eEna")) {
        size_t len = strlen(buf);
        if (len + 3 <= n) memcpy(buf + len, ".0", 3);
    }
}

static void put_number(FILE *f, double x)
{
    char buf[40];
    schema_format_number(buf, sizeof buf, x);
    fputs(buf, f);
}

static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\x%02x", *p);
            else fputc(*p, f);
        }
    }
    fputc('"', f);
}

static int count_at(const SchemaEntry *e, const void *base)
{
    return *(const int *)(const void *)((const char *)base + e->count_offset);
}

static void put_doubles(FILE *f, const double *v, int n, const char *indent)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        if (i > 0) fputs(i % 12 == 0 ? "," : ", ", f);
        if (i > 0 && i % 12 == 0) fprintf(f, "\n%s    ", indent);
        put_number(f, v[i]);
    }
    fputc(']', f);
}

static void put_value(FILE *f, const SchemaEntry *e, const void *base, const char *indent);

static void put_record(FILE *f, const SchemaEntry *e, const void *rec, const char *indent)
{
    fprintf(f, "%s  {", indent);
    for (int k = 0; k < e->n_fields; k++) {
        const SchemaEntry *fe = &e->fields[k];
        fprintf(f, " %s = ", fe->path);
        put_value(f, fe, rec, indent);
        fputc(';', f);
    }
    fputs(" }", f);
}

static void put_value(FILE *f, const SchemaEntry *e, const void *base, const char *indent)
{
    const char *p = (const char *)base + e->offset;
    switch (e->kind) {
    case SK_NUMBER: put_number(f, *(const double *)(const void *)p); break;
    case SK_INTEGER: fprintf(f, "%d", *(const int *)(const void *)p); break;
    case SK_SEED: {
        unsigned long v = *(const unsigned long *)(const void *)p;
        fprintf(f, v > 2147483647UL ? "%luL" : "%lu", v);   /* plain literals are 32-bit */
        break;
    }
    case SK_BOOLEAN: fputs(*(const int *)(const void *)p ? "true" : "false", f); break;
    case SK_ENUM: {
        int v = *(const int *)(const void *)p, n = 0;
        while (e->values[n]) n++;
        put_string(f, v >= 0 && v < n ? e->values[v] : "?");
        break;
    }
    case SK_STRING: put_string(f, p); break;
    case SK_SCHEDULE: {
        const Schedule *sc = (const Schedule *)(const void *)p;
        if (sc->n == 1 && sc->year[0] == 0) {
            put_number(f, sc->value[0]);
            break;
        }
        fputc('(', f);
        for (int i = 0; i < sc->n; i++) {
            fprintf(f, "%s(%d, ", i ? ", " : " ", sc->year[i]);
            put_number(f, sc->value[i]);
            fputc(')', f);
        }
        fputs(sc->n ? " )" : ")", f);
        break;
    }
    case SK_VECTOR: put_doubles(f, (const double *)(const void *)p, (int)e->size, indent); break;
    case SK_CURVE: put_doubles(f, (const double *)(const void *)p, count_at(e, base), indent); break;
    case SK_YEARS: {
        int n = count_at(e, base);
        const int *y = (const int *)(const void *)p;
        if (n == 0) {
            fputs("\"none\"", f);
            break;
        }
        fputc('[', f);
        for (int i = 0; i < n; i++) fprintf(f, "%s%d", i ? ", " : "", y[i]);
        fputc(']', f);
        break;
    }
    case SK_RECORDS: {
        int n = count_at(e, base);
        fputc('(', f);
        for (int i = 0; i < n; i++) {
            fputs(i ? ",\n" : "\n", f);
            put_record(f, e, p + (size_t)i * e->record_size, indent);
        }
        fprintf(f, n ? "\n%s)" : ")", indent);
        break;
    }
    case SK_PATHS: {
        int n = count_at(e, base);
        fputc('[', f);
        for (int i = 0; i < n; i++) {
            fprintf(f, i ? ",\n%s    " : " ", indent);
            put_string(f, p + (size_t)i * PATH_MAX_LEN);
        }
        fputs(n ? " ]" : "]", f);
        break;
    }
    }
}

static const char *kind_text(const SchemaEntry *e, char *buf, size_t n)
{
    switch (e->kind) {
    case SK_NUMBER: return "number";
    case SK_INTEGER:
    case SK_SEED: return "integer";
    case SK_BOOLEAN: return "true or false";
    case SK_STRING: snprintf(buf, n, "string of at most %zu bytes", e->size - 1); return buf;
    case SK_ENUM: {
        size_t len = (size_t)snprintf(buf, n, "one of");
        for (int i = 0; e->values[i] && len < n; i++)
            len += (size_t)snprintf(buf + len, n - len, "%s \"%s\"", i ? "," : "", e->values[i]);
        return buf;
    }
    case SK_SCHEDULE: return "schedule: a number, or ( (year, value), ... ) with increasing years";
    case SK_VECTOR:
        return e->size == 12 ? "12 numbers, January to December" : "24 numbers, hours 0 to 23";
    case SK_CURVE: snprintf(buf, n, "2 to %zu numbers", e->size); return buf;
    case SK_YEARS: return "list of years, \"all\" or \"none\"";
    case SK_RECORDS: snprintf(buf, n, "list of at most %zu groups", e->size); return buf;
    case SK_PATHS: snprintf(buf, n, "list of at most %zu file paths", e->size); return buf;
    }
    return "";
}

static void put_bound(FILE *f, double x)
{
    if (isinf(x)) fputs(x < 0 ? "-inf" : "inf", f);
    else fprintf(f, "%.15g", x);
}

/* Two comment lines, each starting with lead: the doc, then
 * "kind; unit U; range A .. B; default D" (or "required"). */
static void put_doc(FILE *f, const SchemaEntry *e, const void *defaults, const char *lead)
{
    char buf[160];
    fprintf(f, "%s%s\n%s%s", lead, e->doc, lead, kind_text(e, buf, sizeof buf));
    if (e->unit && e->unit[0]) fprintf(f, "; unit %s", e->unit);
    int ranged = e->kind == SK_NUMBER || e->kind == SK_INTEGER || e->kind == SK_SEED ||
                 e->kind == SK_SCHEDULE || e->kind == SK_VECTOR || e->kind == SK_CURVE ||
                 e->kind == SK_YEARS;
    if (ranged && !(isinf(e->min) && isinf(e->max))) {
        fputs(e->kind == SK_NUMBER || e->kind == SK_INTEGER || e->kind == SK_SEED ? "; range "
                                                                                  : "; each ", f);
        put_bound(f, e->min);
        fputs(" .. ", f);
        put_bound(f, e->max);
    }
    if (e->required) fputs("; required", f);
    else if (e->kind == SK_VECTOR || e->kind == SK_CURVE) fputs("; default as set below", f);
    else {
        fputs("; default ", f);
        put_value(f, e, defaults, "");
        if (e->kind == SK_SCHEDULE && e->def_n == 0) fputs(" (always 0)", f);
    }
    fputc('\n', f);
    if (e->dim != DIM_NONE) {
        char units[320];
        units_list(e->dim, units, sizeof units);
        fprintf(f, "%sor text with a unit, e.g. \"%s\"; units: %s\n", lead, units_example(e->dim), units);
    }
}

enum { RECORD_MAX_SIZE = 1024 };
_Static_assert(sizeof(CoalUnit) <= RECORD_MAX_SIZE && sizeof(Target) <= RECORD_MAX_SIZE,
               "record buffer of put_record_docs");

/* The fields of a record list, then an example record made of the field
 * defaults (example values for required fields). */
static void put_record_docs(FILE *f, const SchemaEntry *e, const char *indent)
{
    union { max_align_t align; unsigned char bytes[RECORD_MAX_SIZE]; } rec;
    char sub[64];
    snprintf(sub, sizeof sub, "%s#       ", indent);
    memset(&rec, 0, sizeof rec);
    for (int k = 0; k < e->n_fields; k++) schema_default_one(&e->fields[k], &rec);
    fprintf(f, "%s# Fields of each group:\n", indent);
    for (int k = 0; k < e->n_fields; k++) {
        fprintf(f, "%s#   %s\n", indent, e->fields[k].path);
        put_doc(f, &e->fields[k], &rec, sub);
    }
    fprintf(f, "%s# Example:\n%s#   %s = (\n%s#   ", indent, indent,
            e->path + schema_group_len(e->path) + 1, indent);
    put_record(f, e, &rec, "");
    fprintf(f, "\n%s#   );\n", indent);
}

Status schema_write_config(const Scenario *s, FILE *f, int docs)
{
    const char *indent = "  ";
    size_t glen = 0;
    const char *group = NULL;
    if (docs)
        fputs("# ecsim reference configuration: every setting with its unit, range and default.\n"
              "# Settings marked 'required' show an example value (Yiwu County, 14th Five-Year Plan).\n"
              "# Numbers may be written 100 or 100.0; years 2025 (or 2025.0). Units are in the names.\n"
              "# Arrays [ ] hold one type (write 1.0, not 1, among floats); lists ( ) may mix.\n"
              "# A string ends on the line where it starts: write \\n for a line break.\n"
              "#\n"
              "# Quantities as the plan writes them: where a setting says 'or text with a unit',\n"
              "# a string with a unit of the right kind may replace the number in the canonical\n"
              "# unit, also as a schedule's value or constant:\n"
              "#   wind = { capacity_mw = ( (2020, \"40万千瓦\"), (2025, \"3.2 GW\") ); };\n"
              "#   coal_mining = { capacity_mt = \"4500万吨\"; };  economy = { gdp_base_yi_yuan = \"76.5亿元\"; };\n"
              "# 万 (1e4) and 亿 (1e8) combine with 千瓦, 千瓦时, 度, 吨, 吨标煤 and 元; \"85 %\" is 0.85.\n"
              "#\n"
              "# A policy variant names its base and says only what differs:\n"
              "#   inherits = \"../configs/yiwu-14fyp.cfg\";   # top level, relative to this file\n"
              "#   storage = { duration_h = 4.0; };\n"
              "# Groups merge setting by setting; a setting given replaces the base's whole value\n"
              "# (a schedule, an array, coal_power.units, targets.list). A base may inherit in\n"
              "# turn; a cycle is an error. scenario.name is the variant's own file name unless\n"
              "# the variant sets it; everything else, scenario.description too, is inherited.\n"
              "#\n"
              "# On the command line, --set group.setting=value overrides any setting after\n"
              "# inheritance; the value is written as in this file, and text that is not valid\n"
              "# here is taken as a string: --set storage.duration_h=4  --set wind.capacity_mw=3.2GW\n"
              "#   --set dispatch.strategy=peak-shaving  --set coal_power.units[0].retire_year=2030\n\n",
              f);
    for (int i = 0; i < N_ENTRIES; i++) {
        const SchemaEntry *e = &table[i];
        size_t len = schema_group_len(e->path);
        if (!group || len != glen || strncmp(group, e->path, len) != 0) {
            if (group) fputs("};\n\n", f);
            group = e->path;
            glen = len;
            int gi = 0;
            while (gi < NITEMS(groups) && !(strlen(groups[gi].name) == len &&
                                            strncmp(groups[gi].name, e->path, len) == 0))
                gi++;
            if (docs && gi < NITEMS(groups)) fprintf(f, "# %s\n", groups[gi].doc);
            fprintf(f, "%.*s:\n{\n", (int)len, e->path);
        }
        if (docs) {
            if (i > 0 && strncmp(table[i - 1].path, e->path, len + 1) == 0) fputc('\n', f);
            if (e->kind == SK_RECORDS) {
                char buf[80];
                fprintf(f, "%s# %s\n%s# %s\n", indent, e->doc, indent, kind_text(e, buf, sizeof buf));
                put_record_docs(f, e, indent);
            } else {
                put_doc(f, e, s, "  # ");
            }
        }
        fprintf(f, "%s%s = ", indent, e->path + len + 1);
        put_value(f, e, s, indent);
        fputs(";\n", f);
    }
    if (group) fputs("};\n", f);
    if (fflush(f) != 0 || ferror(f)) return ST_IO;
    return ST_OK;
}

void schema_write_reference(FILE *f)
{
    /* A Scenario is about 33 kB: on the heap, not the stack. */
    Scenario *s = malloc(sizeof *s);
    if (!s) {
        fputs("# out of memory\n", f);
        return;
    }
    schema_defaults(s);
    schema_write_config(s, f, 1);
    free(s);
}
