/* model.h — plain data shared by the modules: the validated scenario in
 * canonical units, one year's hourly inputs and results, and the annual row.
 * No functions, no libconfig or GSL types. Field names are the config
 * setting names (group.field), so schema, docs and code say the same thing.
 * Units are in the names: _mw, _mwh, _mt, _frac, _deg, _ms, _c, _h ... */
#ifndef ECSIM_MODEL_H
#define ECSIM_MODEL_H

#define ECSIM_MAX_HOURS 8784        /* leap year */
#define SCHED_MAX_POINTS 32
#define CURVE_MAX_POINTS 256
#define COAL_MAX_UNITS 32
#define TARGET_MAX 64
#define HOURLY_YEARS_MAX 64
#define NAME_MAX_LEN 64
#define TEXT_MAX_LEN 1024
#define PATH_MAX_LEN 512

/* A build-out schedule: (year, value) points in increasing year order,
 * linearly interpolated between points, held before the first and after
 * the last. n = 0 means "always 0". See schedule.h. */
typedef struct {
    int n;
    int year[SCHED_MAX_POINTS];
    double value[SCHED_MAX_POINTS];
} Schedule;

typedef struct {
    char name[NAME_MAX_LEN];
    double latitude_deg;        /* north positive */
    double longitude_deg;       /* east positive */
    double elevation_m;
    double utc_offset_h;        /* clock of the hourly series; +8 Beijing time */
} Site;

typedef enum { WEATHER_SYNTHETIC = 0, WEATHER_FILE = 1 } WeatherSource;
/* Weather-file formats, in the order of wxfile.h's WxFormat. */
typedef enum { WXFMT_AUTO = 0, WXFMT_SAM_CSV, WXFMT_TMY3, WXFMT_EPW, WXFMT_SRW, WXFMT_PVGIS_CSV } WeatherFormat;
#define WEATHER_FILES_MAX 51        /* one per simulated year (SIM_MAX_YEARS) */

/* Synthetic weather parameters (DESIGN §3), per calendar month [0..11]. */
typedef struct {
    WeatherSource source;
    double wind_ref_height_m;        /* height of the Weibull parameters */
    double wind_weibull_k[12];       /* shape */
    double wind_weibull_c_ms[12];    /* scale, m/s */
    double wind_autocorr;            /* lag-1 autocorrelation of the fast part, Gaussian space */
    double wind_slow_share_frac;     /* share w of the Gaussian variance in the slow part */
    double wind_slow_efold_days;     /* e-folding time of the slow (synoptic) part */
    double wind_diurnal_amp_frac;    /* relative amplitude of the daily cycle, every month */
    double wind_diurnal_peak_hour;   /* local clock hour of the daily maximum, every month */
    double wind_diurnal_month_amp_frac[12];   /* per month; filled from the scalar when */
    double wind_diurnal_month_peak_hour[12];  /* that is given later (config_validate.c) */
    double kt_mean[12];              /* daily clearness index mean */
    double kt_sd[12];                /* daily clearness index standard deviation */
    double kt_autocorr;              /* day-to-day lag-1 autocorrelation */
    double kt_hourly_sd;             /* hour-to-hour variation around the daily value */
    double temp_mean_c[12];          /* monthly mean air temperature */
    double temp_range_c[12];         /* mean diurnal range (max - min) */
    double temp_anom_sd_c;           /* sd of the daily temperature anomaly */
    double temp_anom_autocorr;       /* its day-to-day lag-1 autocorrelation */
    double corr_wind_kt;             /* correlations of the daily innovations of the */
    double corr_wind_temp;           /* slow wind part, the clearness Gaussian and */
    double corr_kt_temp;             /* the temperature anomaly */
    double year_wind_sd_frac;        /* sd of ln(the year's wind-speed factor) */
    double year_kt_sd;               /* sd of the year's clearness offset */
    double year_temp_sd_c;           /* sd of the year's temperature offset */
    /* source = file (docs/weather-scenarios.md). Paths as written, resolved
     * against the directory of the config file that sets them. */
    char file[PATH_MAX_LEN];         /* one file for every year, or "" */
    int n_files;                     /* or one per simulated year, in order */
    char files[WEATHER_FILES_MAX][PATH_MAX_LEN];
    char wind_file[PATH_MAX_LEN];    /* wind speed and direction from here, or "" */
    WeatherFormat format;
    int retime_to_site;              /* shift the file onto the site's solar clock */
    int wind_air_from_wind_file;     /* air density at the hub from the wind file's air (SAM), else the main file's */
} WeatherSpec;

typedef enum { WAKE_NONE = 0, WAKE_SIMPLE = 1, WAKE_PARK = 2 } WakeKind;
#define WAKE_LAYOUT_MAX_POINTS 300

typedef struct {
    Schedule capacity_mw;            /* installed nameplate */
    double hub_height_m;
    double shear_exponent;           /* power-law alpha */
    double losses_frac;              /* electrical, wake and other losses */
    double availability_frac;
    int density_correction;          /* 1: SAM-style speed-axis correction */
    int curve_n;
    double power_curve_speed_ms[CURVE_MAX_POINTS];
    double power_curve_frac[CURVE_MAX_POINTS];   /* fraction of rated power */
    /* Wakes inside a representative farm (wake.h); its efficiency applies
     * to every MW installed. */
    WakeKind wake_model;
    double rotor_diameter_m;
    double rated_kw;                 /* turbine rating: power coefficient from the curve */
    double turbulence_intensity;     /* ambient, simple model */
    double park_decay;               /* Park wake decay constant */
    int layout_rows, layout_per_row; /* grid layout */
    double layout_spacing_d;         /* between turbines of a row, rotor diameters */
    double layout_row_spacing_d;     /* between rows */
    double layout_stagger_frac;      /* odd rows shifted by this x spacing */
    int layout_n;                    /* > 0: explicit positions instead of the grid */
    double layout_x_m[WAKE_LAYOUT_MAX_POINTS];   /* east */
    double layout_y_m[WAKE_LAYOUT_MAX_POINTS];   /* north */
} WindParams;

typedef enum { PV_FIXED = 0, PV_SINGLE_AXIS = 1, PV_SINGLE_AXIS_BACKTRACK = 2 } PvTracking;
typedef enum { PV_MODULE_STANDARD = 0, PV_MODULE_PREMIUM = 1, PV_MODULE_THIN_FILM = 2 } PvModule;
/* Cell temperature: PVWatts' transient Fuentes heat balance, or Sandia's
 * closed form (SAPM, King et al. 2004) for large ensembles (docs/model.md). */
typedef enum { PV_CELLTEMP_FUENTES = 0, PV_CELLTEMP_SAPM = 1 } PvCellTemp;

typedef struct {
    Schedule capacity_mw;            /* DC nameplate at STC (MWp) */
    double dc_ac_ratio;
    double inverter_eff_frac;        /* nominal inverter efficiency */
    double losses_frac;              /* PVWatts total DC system losses */
    PvTracking tracking;
    PvModule module_type;
    int roof_mount;                  /* 1: INOCT 49 C instead of 45 C */
    PvCellTemp cell_temp_model;
    double tilt_deg;                 /* fixed tilt, or tracker axis tilt */
    double azimuth_deg;              /* clockwise from north; 180 = south */
    double gcr;                      /* ground coverage ratio (trackers) */
    double rotation_limit_deg;
    double albedo;
    double degradation_per_year_frac;
} PvParams;

/* What storage does besides soaking up surplus (docs/storage-arbitrage.md):
 * surplus: today's rules (charge from surplus, discharge into deficits);
 * arbitrage: also charge in valley-price hours (from import, and from coal
 * only if allowed) and discharge in peak-price hours into load and free
 * export line capacity (peak regulation), holding the energy otherwise. */
typedef enum { STORAGE_SURPLUS = 0, STORAGE_ARBITRAGE = 1 } StorageMode;

typedef struct {
    Schedule power_mw;
    double duration_h;               /* energy = power x duration */
    double roundtrip_eff_frac;
    double soc_min_frac, soc_max_frac;
    double self_discharge_per_h_frac;
    double initial_soc_frac;
    StorageMode mode;
    double valley_below_frac;        /* arbitrage: valley hour when price <= this x the year's mean */
    double peak_above_frac;          /* arbitrage: peak hour when price >= this x the year's mean */
    int charge_from_coal;            /* arbitrage: valley charging may raise coal above its floor */
} StorageParams;

/* The hourly price signal (price.h, docs/storage-arbitrage.md): flat = the
 * coal benchmark tariff every hour; tou-xinjiang = the benchmark times the
 * ratio of each hour's period (peak / flat / valley, critical peak). */
typedef enum { PRICE_FLAT = 0, PRICE_TOU_XINJIANG = 1, PRICE_FILE = 2 } PriceSource;

#define PRICE_PROFILE_ROWS 288           /* a price file of 12 months x 24 hours */

typedef struct {
    PriceSource source;
    double peak_ratio, flat_ratio, valley_ratio;   /* x the benchmark tariff */
    double critical_ratio;           /* critical-peak hours: x the peak price */
    char file[PATH_MAX_LEN];         /* source file: the price file (docs/formats.md) */
    /* Not settings: the file's prices (元/kWh), read when the scenario is
     * validated (config_validate.c): file_n = 288 (month x hour of day) or
     * 8760 / 8784 (every hour of a year, from 1 January 00:00). */
    int file_n;
    double file_price[ECSIM_MAX_HOURS];
} PriceParams;

typedef struct {
    Schedule capacity_mt;            /* production capacity, Mt/yr */
    Schedule utilisation_frac;       /* output / capacity */
    double calorific_kcal_per_kg;    /* 0: national default 0.7143 tce/t */
    double electricity_kwh_per_t;    /* mining and handling, adds to load */
} CoalMiningParams;

typedef struct {
    char name[NAME_MAX_LEN];
    double capacity_mw;
    int commission_year;             /* in service from 1 Jan of this year */
    int retire_year;                 /* out of service from 1 Jan; 0 = never */
    double min_load_frac;
    double ramp_frac_per_h;
    double heat_rate_gce_per_kwh;    /* standard coal consumption of supply, at full load */
    /* Unit commitment (coal_power.commitment = flexible; coal.h): */
    double must_run_frac;            /* share of capacity kept committed (process steam) */
    double startup_tce_per_mw;       /* fuel burnt per MW started */
    double min_up_h, min_down_h;     /* hours a started MW stays on / a stopped MW stays off */
} CoalUnit;

#define COAL_CURVE_POINTS 5
typedef enum { COMMIT_MUST_RUN = 0, COMMIT_FLEXIBLE = 1 } CoalCommitment;

typedef struct {
    int n_units;
    CoalUnit units[COAL_MAX_UNITS];
    /* Forced outages (docs/adequacy.md): each unit in service, or each
     * block of unit_size_mw of it when unit_size_mw > 0, is a two-state
     * Markov chain in hours; forced_outage_frac = 0 switches them off. */
    double forced_outage_frac;       /* FOR, long-run unavailability */
    double mttr_h;                   /* mean time to repair */
    double unit_size_mw;             /* 0: the configured units as they are */
    /* Unit commitment: must-run keeps every unit in service committed (the
     * fleet's floor is the sum of the minima); flexible lets the dispatch
     * decommit capacity down to the units' must_run_frac (coal.h). */
    CoalCommitment commitment;
    /* Part-load heat rate: at load fraction part_load_frac[i] (output over
     * committed capacity) the heat rate is heat_rate x part_load_factor[i];
     * linear between the points, the end values beyond them. */
    double part_load_frac[COAL_CURVE_POINTS];
    double part_load_factor[COAL_CURVE_POINTS];
} CoalPowerParams;

typedef struct {
    Schedule annual_gwh;             /* local demand excluding coal mining */
    double industrial_share_frac;    /* flat (round-the-clock) part */
    double seasonal_amp_frac;        /* winter/summer swing of the rest */
    double evening_peak_hour;        /* residential/commercial daily peak */
    double heating_mw_per_c;         /* added per C of daily mean below heating_base_c */
    double heating_base_c;
    double cooling_mw_per_c;         /* added per C of daily mean above cooling_base_c */
    double cooling_base_c;
} LoadParams;

/* Coal conversion plants (docs/coal-conversion.md, conversion.h): what each
 * plant makes drives its coal, electricity, heat and CO2. Coefficients are
 * per tonne of product; a negative coefficient means "the route's default"
 * (conversion.c, each with its source). */
#define CONV_MAX_PLANTS 16
typedef enum { ROUTE_SEMICOKE = 0, ROUTE_SNG = 1, ROUTE_METHANOL = 2, ROUTE_OLEFINS = 3, ROUTE_CTL = 4,
               ROUTE_COUNT } ConvRoute;
typedef enum { CO2_DEST_STORED = 0, CO2_DEST_USED = 1 } Co2Destination;

typedef struct {
    char name[NAME_MAX_LEN];
    ConvRoute route;
    Schedule capacity_mt;            /* product, Mt/a (SNG/LNG as t of methane) */
    double utilisation_frac;         /* output / capacity */
    double feed_tce_per_t;           /* coal as feedstock (gasifier or retort) */
    double fuel_tce_per_t;           /* coal burnt for the plant's steam and heat */
    double elec_kwh_per_t;           /* electricity from the county grid */
    double heat_gj_per_t;            /* steam from outside the plant, raised by coal boilers */
    double product_gj_per_t;         /* energy content (LHV) of the products */
    double product_c_t_per_t;        /* carbon kept in the products */
    /* Capture on the process CO2 stream (shift/acid-gas removal vent). */
    double capture_frac;             /* share of the process CO2 captured */
    Schedule capture_capacity_mt;    /* CO2 the capture plant can take, Mt/a */
    int capture_start_year;          /* 0: no capture */
    double capture_kwh_per_t;        /* electricity per t CO2 captured */
    double capture_heat_gj_per_t;    /* heat per t CO2 captured (coal boilers) */
    Co2Destination capture_dest;
} ConvPlant;

typedef struct {
    int n_plants;
    ConvPlant plants[CONV_MAX_PLANTS];
    double boiler_eff_frac;          /* coal boilers that raise bought-in and capture heat */
} CoalConversionParams;

typedef enum { EXPORT_SURPLUS = 0, EXPORT_SCHEDULE = 1 } ExportMode;

typedef struct {
    Schedule capacity_mw;            /* transfer capacity of the line */
    ExportMode mode;
    double schedule_frac[24];        /* contracted profile, fraction of capacity */
    double tolerance_frac;           /* allowed shortfall below the schedule */
    int import_allowed;
    double import_limit_mw;          /* imports at most this (and the line) */
    double forced_outage_frac;       /* the line's FOR: out, it carries nothing */
    double mttr_h;
    /* Receiving-grid absorption limit (exportline.h): the non-firm export the
     * provincial grid takes in an hour is at most capacity x
     * absorption_frac[hour of day] x absorption_month_frac[month - 1]. */
    double absorption_frac[24];
    double absorption_month_frac[12];
    /* Contracted minimum annual full-load hours of the line (export energy /
     * capacity; UHVDC 风火打捆 contracts); 0 = no minimum. Reported as
     * export_min_hours_shortfall_h. */
    double min_annual_hours;
    /* N-1 rating (exportline.h export_usable_frac): with n_minus_1 the usable
     * transfer is capacity x n1_rating_frac, or x (circuits - 1) / circuits
     * when n1_rating_frac is 0. */
    int n_minus_1;
    int circuits;
    double n1_rating_frac;
} ExportParams;

/* Concentrated solar power: a molten-salt tower, two-tank storage and a
 * turbine with a minimum load (csp.h). Defaults and their sources:
 * csp_params_default (csp.c) and docs/csp.md. */
typedef struct {
    Schedule capacity_mw;            /* turbine net electric capacity */
    double solar_multiple;           /* receiver design output / turbine design input */
    double storage_h;                /* storage capacity, hours of full-load turbine input */
    double cycle_eff_frac;           /* gross cycle efficiency, heat to gross electricity */
    double gross_to_net_frac;        /* net / gross electric (plant parasitics) */
    double design_dni_wm2;           /* DNI of the design point */
    double design_zenith_deg;        /* sun zenith of the design point */
    double field_optical_eff_frac;   /* field optical efficiency at the design point */
    double field_target_elev_deg;    /* receiver elevation seen from the field, mean */
    double field_stow_elev_deg;      /* heliostats track only above this sun elevation */
    double field_min_dni_wm2;        /* field starts only at or above this DNI */
    double receiver_absorptance_frac;
    double receiver_loss_frac;       /* receiver + piping heat loss while operating,
                                      * fraction of receiver design output */
    double receiver_min_frac;        /* receiver turndown limit, fraction of design output */
    double receiver_max_frac;        /* receiver maximum, fraction of design output */
    double receiver_startup_frac;    /* heat to start the receiver, hours of design output */
    double min_load_frac;            /* turbine minimum net output, fraction of capacity */
    double turbine_startup_h;        /* heat to start the turbine, hours of full-load input */
    double storage_loss_per_h_frac;  /* heat lost per hour, fraction of stored heat */
    double initial_storage_frac;     /* storage at the start of the first year */
} CspParams;

/* Electrolysers fed by surplus renewables, their hydrogen store, and the
 * hydrogen's uses: CO2-to-methanol and hydrogen trucks (electrolyser.h,
 * docs/hydrogen.md). */
typedef enum { ELY_BEFORE_CURTAILMENT = 0, ELY_BEFORE_EXPORT = 1 } ElyPriority;
typedef struct {
    Schedule capacity_mw;            /* electric input, at the start of each year */
    double kwh_per_kg;               /* system specific consumption, kWh per kg H2 */
    double min_load_frac;            /* minimum load, fraction of capacity */
    double storage_kg;               /* usable hydrogen store */
    double initial_storage_frac;     /* store at the start of the first year */
    ElyPriority priority;            /* its place in the surplus order */
} ElectrolyserParams;

typedef enum { CCU_DELAYED = 0, CCU_REMOVED = 1 } CcuCarbon;
typedef struct {
    Schedule capacity_t;             /* methanol synthesis capacity, t/yr */
    double co2_t_per_t;              /* CO2 per t methanol */
    double h2_t_per_t;               /* H2 per t methanol */
    double electricity_kwh_per_t;    /* synthesis and distillation electricity */
    Schedule co2_external_t;         /* CO2 available besides the county's capture, t/yr */
    CcuCarbon carbon;                /* the methanol's carbon: emitted later, or removed */
} MethanolParams;

typedef struct {
    Schedule count;                  /* fuel-cell trucks hauling coal */
    double km_per_year;              /* per truck */
    double h2_kg_per_100km;
    double diesel_l_per_100km;       /* the diesel truck it replaces */
    double diesel_kg_per_l;
    double diesel_tce_per_t;
    double diesel_co2_t_per_t;
    double payload_t;                /* coal per laden trip */
    double laden_frac;               /* share of km driven laden */
    double haul_distance_km;         /* mean coal haulage distance */
    int diesel_in_accounting;        /* 1: the county's fossil use holds the haulage diesel */
} TruckParams;

typedef enum { STRATEGY_RENEWABLE_FIRST = 0, STRATEGY_PEAK_SHAVING = 1, STRATEGY_LINE_FIRST = 2,
               STRATEGY_OPTIMAL = 3 } Strategy;

/* The optimal dispatch's linear program (docs/optimal-dispatch.md): rolling
 * windows and the objective's weights, per MWh. */
typedef struct {
    int window_h;                    /* hours kept from each window */
    int lookahead_h;                 /* hours solved beyond it, then discarded */
    double curtail_cost;             /* curtailed renewables and storage losses */
    double coal_cost;                /* coal burnt */
    double import_cost;              /* energy imported */
    double unserved_cost;            /* load or firm export not supplied */
    double below_floor_cost;         /* coal below its must-run floor */
    double storage_cost;             /* storage throughput, charge + discharge */
    double price_weight;             /* x price (元/kWh) per MWh charged, refunded per MWh discharged */
    int allow_unserved;              /* 0: a window that cannot supply all is an error */
    int max_iterations;              /* simplex iterations per window */
} LpParams;

typedef struct {
    Strategy strategy;
    double peak_percentile;          /* peak-shaving threshold, percentile of net load */
    LpParams lp;                     /* strategy optimal */
    int yardstick;                   /* a rule-based run also solves the optimum (docs/optimal-dispatch.md) */
} DispatchParams;

typedef enum { COMMISSION_YEAR_START = 0, COMMISSION_MONTHLY = 1 } Commissioning;

/* ---- accounting (issue: plan indicators) ---- */
typedef enum { CONV_COAL_EQUIVALENT = 0, CONV_CALORIFIC = 1 } ConversionMethod;
typedef enum { SCOPE_PRODUCTION = 0, SCOPE_CONSUMPTION_IMPORTS = 1, SCOPE_NET_EXCHANGE = 2 } Co2Scope;
/* Which energy-consumption figure the energy-intensity headline uses: the
 * whole regional energy balance, or the 能耗双控 control figure without
 * feedstock use (原料用能, 发改环资〔2022〕803号). */
typedef enum { INTENSITY_TOTAL = 0, INTENSITY_EXCL_FEEDSTOCK = 1 } IntensityBasis;

typedef struct {
    double gdp_base_yi_yuan;         /* GDP of the first year, constant prices */
    Schedule growth_frac;            /* real growth of year y over y-1 */
} EconomyParams;

typedef struct {
    ConversionMethod method;
    Schedule gce_per_kwh;            /* coal-equivalent method factor by year */
    double calorific_kgce_per_kwh;   /* 0.1229 */
    double coal_co2_t_per_tce;       /* 2.77 bituminous, IPCC 2006 */
    Schedule grid_co2_kg_per_kwh;    /* regional grid emission factor */
    Co2Scope scope;
    Schedule coal_chemical_mtce;     /* legacy flat coal-chemical use, on top of coal_conversion (default 0) */
    Schedule other_industry_mtce;    /* other fossil consumption */
    IntensityBasis intensity_basis;  /* figure behind energy_intensity_* */
} AccountingParams;

/* ---- costs (docs/costs.md; the items are rows of costs.def) ---- */
typedef enum {
#define COST_ITEM(id, tech, kind, path, dim, unit, max, def, doc) id,
#include "costs.def"
#undef COST_ITEM
    CI_COUNT
} CostItemId;

#define COST_SPEND_MAX 8
#define COST_TECH_MAX 16                 /* >= TECH_COUNT (checked in costs.c) */

typedef struct {
    Schedule item[CI_COUNT];         /* 元 per unit by year, a costs.def row each */
    double lifetime_a[COST_TECH_MAX];        /* by TechId: economic life, years */
    int spend_n[COST_TECH_MAX];              /* construction years */
    double spend_frac[COST_TECH_MAX][COST_SPEND_MAX];   /* shares by construction year */
    double discount_rate_frac;       /* real, for annuities and present values */
    Schedule coal_price_yuan_per_t;  /* raw coal burnt for power (and sold), 元/t */
    Schedule benchmark_tariff_yuan_per_kwh;   /* sending-end coal benchmark */
    Schedule receiving_price_yuan_per_kwh;    /* receiving-end price of exported power */
    Schedule storage_compensation_yuan_per_kwh;   /* per kWh discharged */
    Schedule invest_goal_yi_yuan;    /* the plan's fixed-asset investment goal per year */
} CostParams;

typedef enum { OP_GE = 0, OP_LE = 1, OP_RANGE = 2, OP_REDUCTION = 3 } TargetOp;
/* Where a target's threshold comes from (issue 9): the plan's text, a
 * national or regional policy document, or an assumption of the scenario. */
typedef enum { BASIS_PLAN = 0, BASIS_POLICY = 1, BASIS_ASSUMPTION = 2 } TargetBasis;
/* What a target checks: a result the simulation computed, or the scenario's
 * own build-out (an input such as installed capacity). AUTO: inferred from
 * the metric (targets.h). */
typedef enum { KIND_AUTO = 0, KIND_RESULT = 1, KIND_SCHEDULE = 2 } TargetKind;

typedef struct {
    char id[NAME_MAX_LEN];
    char label[NAME_MAX_LEN * 2];
    char metric[NAME_MAX_LEN];       /* annual column name */
    TargetOp op;
    double threshold;                /* >=, <=, reduction fraction */
    double upper;                    /* range upper bound */
    int year;                        /* 0 = every year */
    int base_year;                   /* reduction: from this year */
    TargetBasis basis;
    TargetKind kind;
    char note[256];                  /* shown with the verdict: why this threshold, history */
} Target;

typedef struct {
    int n;
    Target t[TARGET_MAX];
} TargetList;

/* A published figure the model is compared with (summary.md, report.html,
 * calibration.dat): an annual metric in one year, in the metric's
 * canonical unit, with where it was published. */
#define CALIBRATION_MAX 32
typedef struct {
    char metric[NAME_MAX_LEN];       /* annual column name */
    int year;
    double value;
    char source[256];
} CalibrationPoint;

typedef struct {
    int n;
    CalibrationPoint c[CALIBRATION_MAX];
} CalibrationList;

typedef struct {
    int n_hourly_years;
    int hourly_years[HOURLY_YEARS_MAX];
} OutputParams;

/* The "# assumption:" comments of a scenario's files (DESIGN §6), read
 * once when the scenario is loaded (assumptions.h). Strings are offsets
 * into text[], so the list is copied with its Scenario. */
#define ASSUMPTION_MAX 64
#define ASSUMPTION_TEXT_MAX 16384
typedef struct {
    int line;                       /* of the "# assumption:" comment */
    int depth;                      /* 0: the file loaded; k: the k-th base it inherits */
    int file, text, setting;        /* offsets in AssumptionList.text: file path; the
                                       comment, continuation lines joined by ' ';
                                       the nearest setting's path ("" if none) */
} Assumption;

typedef struct {
    int n, dropped;                 /* kept; not kept (list or text full) */
    int used;                       /* bytes of text[] in use */
    Assumption a[ASSUMPTION_MAX];
    char text[ASSUMPTION_TEXT_MAX];
} AssumptionList;

/* The provenance register (docs/sources.md): for every setting path that a
 * file of the chain writes, the "# plan:", "# source:" or "# assumption:"
 * comment covering it, by the covering rule (assumptions.h). Strings are
 * offsets into text[], so the register is copied with its Scenario. */
typedef enum { PROV_NONE, PROV_PLAN, PROV_SOURCE, PROV_ASSUMPTION } ProvBasis;
#define PROVENANCE_MAX 512
#define PROVENANCE_TEXT_MAX 32768
typedef struct {
    int path;                       /* offset: "wind.losses_frac", "coal_power.units[2].capacity_mw" */
    int file;                       /* offset: the file that writes it */
    int line;                       /* of the setting in that file */
    int depth;                      /* 0: the file loaded; k: the k-th base */
    int note_line;                  /* of the covering comment; 0 for none */
    int text;                       /* offset: the comment's text, "" for none */
    ProvBasis basis;
    int shadowed;                   /* 1: replaced by a file nearer the one loaded */
} Provenance;

typedef struct {
    int n, dropped, used;
    Provenance p[PROVENANCE_MAX];
    char text[PROVENANCE_TEXT_MAX];
} ProvenanceList;

typedef struct {
    char name[NAME_MAX_LEN];
    char description[TEXT_MAX_LEN];
    char source_file[PATH_MAX_LEN];
    AssumptionList assumptions;      /* not a setting: comments of the files */
    ProvenanceList provenance;       /* not a setting: comments of the files */
    int first_year, last_year;
    unsigned long seed;
    Commissioning commissioning;
    Site site;
    WeatherSpec weather;
    WindParams wind;
    PvParams solar;
    StorageParams storage;
    PriceParams price;
    CoalMiningParams coal_mining;
    CoalPowerParams coal_power;
    CoalConversionParams coal_conversion;
    LoadParams load;
    ExportParams export_line;        /* config group "export" */
    CspParams csp;
    ElectrolyserParams electrolyser;
    MethanolParams methanol;
    TruckParams h2_trucks;
    DispatchParams dispatch;
    EconomyParams economy;
    AccountingParams accounting;
    CostParams costs;
    TargetList targets;
    CalibrationList calibration;
    OutputParams output;
} Scenario;

/* Technologies (tech.def; the registry is tech.h). */
typedef enum {
#define TECH(id, name, zh, en, colour, role, pool, avail_s, used_s, used, avail, capacity, flh, avail_flh, build, stack, \
             stack_colour) id,
#include "tech.def"
#undef TECH
    TECH_COUNT
} TechId;

/* Hourly series (series.def; the table is series.h). */
typedef enum { SIO_IN = 0, SIO_OUT = 1 } SeriesIo;
typedef enum {
    SER_NONE = -1,
#define SERIES(id, column, unit, io, sign, owner, metric, hourly, zh, en) id,
#include "series.def"
#undef SERIES
    SER_COUNT
} SeriesId;

/* One year's hourly inputs to dispatch, SoA, read-only in the loop:
 * v[id] for every series with io SIO_IN, NULL for the others. */
typedef struct {
    int year, hours;
    const double *v[SER_COUNT];
} YearInputs;

/* One year's hourly results, preallocated for ECSIM_MAX_HOURS: v[id] for
 * every series with io SIO_OUT, NULL for the others. */
typedef struct {
    double *v[SER_COUNT];
} YearSeries;

/* Limits of one year, constant within it. */
typedef struct {
    Strategy strategy;
    double storage_power_mw;
    double soc_min_mwh, soc_max_mwh;
    double eta_charge, eta_discharge;        /* sqrt of round trip */
    double keep_per_h;                       /* 1 - self-discharge per hour */
    double coal_min_mw, coal_max_mw, coal_ramp_mw_per_h;
    /* Unit commitment (coal.h, docs/model.md), with coal_commit = 1: the
     * committed capacity u is a state of the dispatch, the floor is
     * coal_min_frac x u, u never below coal_steam_floor_mw (nor the
     * available capacity), capacity started stays on coal_min_up_h hours and
     * capacity stopped stays off coal_min_down_h hours; the optimum pays
     * coal_startup_mwh per MW started (start-up fuel as MWh of coal output,
     * weighted by lp.coal_cost). 0: every unit in service is committed. */
    int coal_commit;
    double coal_min_frac, coal_steam_floor_mw, coal_startup_mwh;
    int coal_min_up_h, coal_min_down_h;
    int import_allowed;
    int import_limited;                      /* 0: imports limited by the line alone */
    double import_limit_mw;                  /* else at most min(line, this) */
    double peak_threshold_mw;                /* peak-shaving */
    /* storage.mode arbitrage: in->v[SER_PRICE] at or below price_valley is a
     * valley hour, at or above price_peak a peak hour (元/kWh). */
    StorageMode storage_mode;
    double price_valley, price_peak;
    int charge_from_coal;
    /* optimal: the settings and the solver's workspace (lpdispatch.h), one
     * per Run, so that parallel runs never share a model; NULL otherwise. */
    LpParams lp;
    struct LpDispatch *lp_work;
    /* The curtailable pool (variable renewables, tech.def pool = 1): the
     * input series of each member's available power and the result series
     * of its used power, in registry order. */
    int n_pool;
    SeriesId pool_avail[TECH_COUNT], pool_used[TECH_COUNT];
    /* Electrolysers (h2dispatch.h): 0 MW = none. Hydrogen drawn from the
     * store each hour by the methanol plant and by the trucks, kg. */
    double ely_mw, ely_min_mw, ely_kg_per_mwh, h2_store_max_kg;
    double h2_methanol_kg_per_h, h2_trucks_kg_per_h;
    int ely_priority;                        /* ElyPriority */
} DispatchLimits;

/* What carries over from hour to hour and year to year. */
typedef struct {
    double soc_mwh;
    double coal_mw;
    /* Committed coal capacity at the end of the last hour (unit commitment
     * only); coal_committed_set = 0 (a fresh run): the whole fleet. */
    double coal_committed_mw;
    int coal_committed_set;
    double h2_kg;                            /* hydrogen in the store */
    /* The electrolysers' result series hold zeros for this many hours, so a
     * year without electrolysers need not clear them again (h2dispatch.c);
     * 0 (a fresh state): not known. Every writer of those series resets it. */
    int h2_zero_hours;
} DispatchState;

#endif
