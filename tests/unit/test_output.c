/* test_output.c — number formatting, edit distance, the metric registry and
 * "complete or absent" output directories. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calendar.h"
#include "metrics.h"
#include "output.h"
#include "results.h"
#include "series.h"
#include "numfmt.h"
#include "printfmt.h"
#include "stagedir.h"
#include "textdist.h"

static void fmt_only(double v, int dec, const char *want)
{
    char buf[40];
    int n = numfmt_fixed(buf, v, dec);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, want);
}

static void fmt(double v, int dec, const char *want)
{
    char buf[40];
    int n = numfmt_fixed(buf, v, dec);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, want);
    /* agrees with printf, the reference formatter */
    char ref[64];
    snprintf(ref, sizeof ref, "%.*f", dec, v);
    if (strcmp(ref, "-0.000") != 0 && strcmp(ref, "-0") != 0) CU_ASSERT_STRING_EQUAL(buf, ref);
}

static void fixed_point(void)
{
    fmt(0, 3, "0.000");
    fmt(1234.5678, 3, "1234.568");
    fmt(-2.5, 1, "-2.5");
    fmt(8783, 0, "8783");
    fmt(0.0004, 3, "0.000");
    fmt(-0.0004, 3, "0.000");   /* no negative zero in files */
    fmt(3200.0, 3, "3200.000");
    fmt_only(0.125, 2, "0.13"); /* exact tie: half away from zero (printf rounds to even: 0.12) */
    fmt_only(1e300, 3, "1.0000000000000001e+300");   /* beyond fixed point: %.17g */
}

static void pfmt_is(double v, int dec, const char *want)
{
    char buf[PFMT_MAX];
    int n = pfmt_fixed(buf, v, dec);
    CU_ASSERT_EQUAL(n, (int)strlen(want));
    CU_ASSERT_STRING_EQUAL(buf, want);
}

/* printfmt: "%.Nf" as printf writes it. Hand-worked: exact binary ties
 * round to even, a decimal "tie" is decided by the binary value, every
 * negative value keeps its sign; then agreement with printf on 600,000
 * values of every kind (random bits, dyadic ties, decimal near-ties). */
static void printf_exact_fixed(void)
{
    CU_ASSERT_EQUAL(pfmt_decimals("%.3f"), 3);
    CU_ASSERT_EQUAL(pfmt_decimals("%.0f"), 0);
    CU_ASSERT_EQUAL(pfmt_decimals("%.3e"), -1);
    CU_ASSERT_EQUAL(pfmt_decimals("%.10g"), -1);
    CU_ASSERT_EQUAL(pfmt_decimals("%.3fx"), -1);
    pfmt_is(0.125, 2, "0.12");          /* 1/8: a true tie, to even */
    pfmt_is(0.375, 2, "0.38");
    pfmt_is(2.5, 0, "2");
    pfmt_is(3.5, 0, "4");
    pfmt_is(-2.5, 0, "-2");
    pfmt_is(0.0005, 3, "0.001");        /* 0.0005 is 5.0000000000000001e-4 in binary */
    pfmt_is(0.0015, 3, "0.002");        /* 1.5000000000000000312e-3 */
    pfmt_is(1.0005, 3, "1.000");        /* 1.000499999999999945... */
    pfmt_is(-0.0, 3, "-0.000");
    pfmt_is(-0.0004, 3, "-0.000");
    pfmt_is(0.0, 0, "0");
    pfmt_is(1234.5678, 3, "1234.568");
    pfmt_is(8783, 0, "8783");
    pfmt_is(5e-324, 9, "0.000000000");
    pfmt_is(9007199254740993.0, 0, "9007199254740992");   /* 2^53 + 1 is not a double */
    pfmt_is(18446744073709549568.0, 0, "18446744073709549568");   /* the largest double below 2^64 */
    char buf[PFMT_MAX];
    CU_ASSERT_EQUAL(pfmt_fixed(buf, 18446744073709551616.0, 0), -1);   /* 2^64: printf's */
    CU_ASSERT_EQUAL(pfmt_fixed(buf, 1e300, 3), -1);
    CU_ASSERT_EQUAL(pfmt_fixed(buf, (double)NAN, 3), -1);
    CU_ASSERT_EQUAL(pfmt_fixed(buf, (double)INFINITY, 3), -1);
    CU_ASSERT_EQUAL(pfmt_fixed(buf, 1.0, 10), -1);

    unsigned long long x = 88172645463325252ULL;
    int bad = 0;
    for (int i = 0; i < 600000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int dec = (int)(x % 10);
        unsigned long long r = x * 0x9E3779B97F4A7C15ULL;
        double v;
        switch (i % 4) {
        case 0: memcpy(&v, &r, sizeof v); break;
        case 1: v = (double)(long long)(r >> 20) / 1048576.0; break;
        case 2: v = ((double)(r % 100000) + 0.5) / pow(10, dec); break;
        default: v = ldexp((double)(r >> 11), (int)(r % 120) - 110); break;
        }
        if (r & 1) v = -v;
        char ref[512];
        snprintf(ref, sizeof ref, "%.*f", dec, v);
        int n = pfmt_fixed(buf, v, dec);
        if (n >= 0 && (n != (int)strlen(ref) || strcmp(buf, ref) != 0) && bad++ < 5)
            fprintf(stderr, "pfmt_fixed(%.17g, %d) = %s, printf %s\n", v, dec, buf, ref);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void edit_distance(void)
{
    /* kitten -> sitting: 3 edits (the textbook example) */
    CU_ASSERT_EQUAL(text_distance("kitten", "sitting"), 3);
    CU_ASSERT_EQUAL(text_distance("", "abc"), 3);
    CU_ASSERT_EQUAL(text_distance("same", "same"), 0);
    const char *names[] = { "wind.capacity_mw", "wind.hub_height_m", "solar.capacity_mw" };
    CU_ASSERT_STRING_EQUAL(text_nearest("wind.capcity_mw", names, 3), "wind.capacity_mw");
    CU_ASSERT_PTR_NULL(text_nearest("zzzzzzzzzzzz", names, 3));
}

static void metric_registry(void)
{
    const Metric *m = metrics_find("wind_used_mwh");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    AnnualRow r;
    memset(&r, 0, sizeof r);
    r.wind_used_mwh = 42.5;
    CU_ASSERT_DOUBLE_EQUAL(metric_value(m, &r), 42.5, 0);
    CU_ASSERT_PTR_NULL(metrics_find("wind_used"));
    CU_ASSERT_STRING_EQUAL(metrics_suggest("wind_usd_mwh"), "wind_used_mwh");
    /* every column named in DESIGN §9 exists */
    const char *design[] = { "year", "wind_capacity_mw", "solar_capacity_mw", "storage_power_mw",
        "storage_energy_mwh", "coal_power_capacity_mw", "coal_capacity_mt", "coal_output_mt",
        "wind_avail_mwh", "wind_used_mwh", "solar_avail_mwh", "solar_used_mwh", "curtailed_mwh",
        "re_utilisation", "wind_full_load_hours", "solar_full_load_hours", "coal_power_mwh",
        "coal_power_tce", "load_mwh", "export_mwh", "import_mwh", "charge_mwh", "discharge_mwh",
        "storage_cycles", "unserved_mwh", "energy_production_mtce", "energy_production_capacity_mtce",
        "energy_consumption_mtce", "co2_mt", "gdp_yi_yuan", "energy_intensity_tce_per_10k_yuan",
        "carbon_intensity_t_per_10k_yuan" };
    for (size_t i = 0; i < sizeof design / sizeof design[0]; i++)
        CU_ASSERT_PTR_NOT_NULL(metrics_find(design[i]));
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void staged_directory(void)
{
    char base[] = "/tmp/ecsim-test-stage.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
    char parent[256], path[1024];
    snprintf(parent, sizeof parent, "%s/out/deeper", base);
    Diag d;
    diag_init(&d);
    StagedDir sd;
    /* aborted: nothing of the scenario is left */
    CU_ASSERT_EQUAL_FATAL(stage_begin(&sd, parent, "scn", &d), ST_OK);
    CU_ASSERT_EQUAL(stage_path(&sd, "a.dat", path, sizeof path), 0);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("half\n", f);
    fclose(f);
    stage_abort(&sd);
    snprintf(path, sizeof path, "%s/scn", parent);
    CU_ASSERT(!is_dir(path));
    /* committed twice: the second replaces the first */
    for (int k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL_FATAL(stage_begin(&sd, parent, "scn", &d), ST_OK);
        char p[1024];
        stage_path(&sd, k ? "second" : "first", p, sizeof p);
        f = fopen(p, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fclose(f);
        CU_ASSERT_EQUAL(stage_commit(&sd, &d), ST_OK);
    }
    snprintf(path, sizeof path, "%s/scn/second", parent);
    struct stat st;
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/scn/first", parent);
    CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
    CU_ASSERT(!is_dir(base));
    CU_ASSERT_FALSE(diag_has_errors(&d));
}

/* The hourly file's columns and balance line come from the series table:
 * the calendar, the hourly series in table order, the weather; each value
 * is the series' own (here: its id + hour / 1000). */
static void hourly_from_series_table(void)
{
    char base[] = "/tmp/ecsim-test-hourly.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
    char path[512];
    snprintf(path, sizeof path, "%s/hourly-2023.dat", base);
    Scenario *s = calloc(1, sizeof *s);
    WeatherYear *wx = calloc(1, sizeof *wx);
    double (*buf)[ECSIM_MAX_HOURS] = calloc(SER_COUNT, sizeof *buf);
    CU_ASSERT_FATAL(s && wx && buf);
    Calendar cal;
    calendar_year_init(&cal, 2023);
    YearInputs in = { .year = 2023, .hours = cal.hours };
    YearSeries out = { { 0 } };
    for (int i = 0; i < SER_COUNT; i++) {
        for (int h = 0; h < cal.hours; h++) buf[i][h] = i + h / 1000.0;
        if (series_get(i)->io == SIO_IN) in.v[i] = buf[i];
        else out.v[i] = buf[i];
    }
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(output_hourly_dat(path, s, &cal, wx, &in, &out, &d), ST_OK);
    char want[2048] = "hour month day hour_of_day day_of_year";
    for (int i = 0; i < series_count(); i++)
        if (series_get(i)->hourly) {
            strcat(want, " ");
            strcat(want, series_get(i)->column);
        }
    strcat(want, " wind_ms ghi_wm2 temp_c\n");
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[4096], balance[4096] = "", row[4096] = "";
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "# balance: ", 11) == 0) snprintf(balance, sizeof balance, "%s", line + 11);
        if (line[0] == '#') continue;
        if (rows++ == 0) CU_ASSERT_STRING_EQUAL(line, want);
        if (rows == 3) snprintf(row, sizeof row, "%s", line);   /* hour 1 */
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 1 + 8760);
    CU_ASSERT_STRING_EQUAL(balance, "wind_used + solar_used + coal + discharge + import + unserved + csp_used"
                                    " = load + export + charge + electrolyser\n");
    /* hour 1: calendar, then series i holds i.001 */
    char expect_row[4096] = "1 1 1 1 1";
    for (int i = 0; i < series_count(); i++)
        if (series_get(i)->hourly) {
            char v[32];
            snprintf(v, sizeof v, " %.3f", i + 0.001);
            strcat(expect_row, v);
        }
    strcat(expect_row, " 0.000 0.000 0.000\n");
    CU_ASSERT_STRING_EQUAL(row, expect_row);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
    free(buf);
    free(wx);
    free(s);
}

/* targets.dat and targets.csv carry basis, kind and note after the older
 * columns, and the reader reads them back; a file without them still reads. */
static void targets_basis_kind_columns(void)
{
    char base[] = "/tmp/ecsim-test-targets.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
    RunResults *res = calloc(1, sizeof *res);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    res->n_targets = 2;
    TargetResult *t = res->targets;
    snprintf(t[0].id, sizeof t[0].id, "wind_capacity");
    snprintf(t[0].label, sizeof t[0].label, "风电装机");
    snprintf(t[0].metric, sizeof t[0].metric, "wind_capacity_mw");
    t[0].year = 2025; t[0].value = 3200; t[0].op = OP_GE; t[0].threshold = 3200; t[0].pass = 1;
    t[0].basis = BASIS_PLAN; t[0].kind = KIND_SCHEDULE;
    snprintf(t[1].id, sizeof t[1].id, "energy_intensity");
    snprintf(t[1].label, sizeof t[1].label, "单位GDP能源消耗降低");
    snprintf(t[1].metric, sizeof t[1].metric, "energy_intensity_tce_per_10k_yuan");
    snprintf(t[1].note, sizeof t[1].note, "national target used, a \"quote\"");
    t[1].year = 2025; t[1].value = 0.2; t[1].op = OP_REDUCTION; t[1].threshold = 0.135; t[1].base_year = 2020;
    t[1].pass = 1; t[1].margin = 0.065; t[1].basis = BASIS_ASSUMPTION; t[1].kind = KIND_RESULT;
    char dat[512], csv[512];
    snprintf(dat, sizeof dat, "%s/targets.dat", base);
    snprintf(csv, sizeof csv, "%s/targets.csv", base);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(output_targets(dat, csv, res, &d), ST_OK);

    FILE *f = fopen(csv, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_STRING_EQUAL(line, "\xEF\xBB\xBF" "id,label,metric,year,value,op,threshold,upper,base_year,pass,margin,"
                                 "basis,kind,note\r\n");
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_STRING_EQUAL(line, "wind_capacity,\"风电装机\",wind_capacity_mw,2025,3200,>=,3200,0,0,1,0,"
                                 "plan,schedule,\"\"\r\n");
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ",assumption,result,\"national target used, a \"\"quote\"\"\"\r\n"));
    fclose(f);

    TargetTable tt;
    CU_ASSERT_EQUAL_FATAL(results_targets_read(dat, &tt, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(tt.n, 2);
    CU_ASSERT_STRING_EQUAL(tt.rows[0].basis, "plan");
    CU_ASSERT_STRING_EQUAL(tt.rows[0].kind, "schedule");
    CU_ASSERT_STRING_EQUAL(tt.rows[0].note, "");
    CU_ASSERT_STRING_EQUAL(tt.rows[1].basis, "assumption");
    CU_ASSERT_STRING_EQUAL(tt.rows[1].kind, "result");
    CU_ASSERT_STRING_EQUAL(tt.rows[1].note, "national target used, a 'quote'");   /* .dat: ' for a quote */
    CU_ASSERT_DOUBLE_EQUAL(tt.rows[1].threshold, 0.135, 0);
    results_targets_free(&tt);

    /* A file of the older layout (no basis, kind, note) still reads. */
    f = fopen(dat, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("id label metric year value op threshold upper base_year pass margin\n"
          "w \"风电\" wind_capacity_mw 2025 3200 >= 3200 0 0 1 0\n", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(results_targets_read(dat, &tt, &d), ST_OK);
    CU_ASSERT(tt.n == 1 && tt.rows[0].basis[0] == '\0' && tt.rows[0].kind[0] == '\0');
    results_targets_free(&tt);
    /* 12 fields (basis without kind) is malformed. */
    f = fopen(dat, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("id label metric year value op threshold upper base_year pass margin basis\n"
          "w \"风电\" wind_capacity_mw 2025 3200 >= 3200 0 0 1 0 plan\n", f);
    fclose(f);
    Diag quiet;
    diag_init(&quiet);
    CU_ASSERT_EQUAL(results_targets_read(dat, &tt, &quiet), ST_IO);
    results_targets_free(&tt);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
    free(res);
}

void register_test_output(void);
void register_test_output(void)
{
    CU_pSuite s = CU_add_suite("test_output", NULL, NULL);
    CU_add_test(s, "fixed-point formatting", fixed_point);
    CU_add_test(s, "printf-exact fixed point", printf_exact_fixed);
    CU_add_test(s, "edit distance", edit_distance);
    CU_add_test(s, "metric registry", metric_registry);
    CU_add_test(s, "staged output directory", staged_directory);
    CU_add_test(s, "hourly columns from the series table", hourly_from_series_table);
    CU_add_test(s, "targets: basis, kind and note columns", targets_basis_kind_columns);
}
