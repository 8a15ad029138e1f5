/* test_arbitrage.c — the price signal and storage arbitrage
 * (docs/storage-arbitrage.md): Xinjiang's time-of-use table and the year's
 * mean price worked by hand, one day of valley charging and peak discharging
 * with a known SOC path and revenue, the curtailment-avoided metric on hand
 * hours, and a whole synthetic year checked hour by hour (balance, SOC
 * recursion and window, limits; charging outside the valley only from what
 * the line cannot take).
 *
 * Hand cases: battery 100 MW, window 0-400 MWh, eta 0.9 each way (round trip
 * 0.81), no self-discharge; coal 200-600 MW, ramps not binding. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annual.h"
#include "calendar.h"
#include "dispatch.h"
#include "price.h"
#include "pricefile.h"
#include "testutil.h"

typedef TestYear Year;   /* every series, zero unless a test sets it */

/* Every series present (annual_from_hours reads them all) but the coal
 * availability (the fleet's limits hold) and the export room (NULL: the
 * free line is line - firm). */
static Year *year_new(int hours)
{
    Year *y = test_year_new(2023, hours);
    if (!y) return NULL;
    y->in.v[SER_COAL_AVAIL] = NULL;
    y->in.v[SER_EXPORT_ROOM] = NULL;
    return y;
}

static DispatchLimits arb_limits(void)
{
    DispatchLimits lim = { .strategy = STRATEGY_RENEWABLE_FIRST, .storage_power_mw = 100, .soc_min_mwh = 0,
                           .soc_max_mwh = 400, .eta_charge = 0.9, .eta_discharge = 0.9, .keep_per_h = 1.0,
                           .coal_min_mw = 200, .coal_max_mw = 600, .coal_ramp_mw_per_h = 1000,
                           .import_allowed = 1, .peak_threshold_mw = 1e9, .n_pool = 2,
                           .pool_avail = { SER_WIND_AVAIL, SER_SOLAR_AVAIL },
                           .pool_used = { SER_WIND_USED, SER_SOLAR_USED },
                           .storage_mode = STORAGE_ARBITRAGE, .price_valley = 0.2, .price_peak = 0.3 };
    return lim;
}

/* The notice's day: 8 valley, 8 flat, 8 peak hours, at the hours it names;
 * critical peak only in July (21-23 h) and January, November, December
 * (19-21 h). */
static void tou_table(void)
{
    int n[4] = { 0 };
    for (int h = 0; h < 24; h++) n[price_tou_period(3, h)]++;
    CU_ASSERT_EQUAL(n[PERIOD_VALLEY], 8);
    CU_ASSERT_EQUAL(n[PERIOD_FLAT], 8);
    CU_ASSERT_EQUAL(n[PERIOD_PEAK], 8);
    CU_ASSERT_EQUAL(n[PERIOD_CRITICAL], 0);
    CU_ASSERT_EQUAL(price_tou_period(3, 1), PERIOD_FLAT);
    CU_ASSERT_EQUAL(price_tou_period(3, 2), PERIOD_VALLEY);
    CU_ASSERT_EQUAL(price_tou_period(3, 7), PERIOD_VALLEY);
    CU_ASSERT_EQUAL(price_tou_period(3, 8), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(3, 10), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(3, 11), PERIOD_FLAT);
    CU_ASSERT_EQUAL(price_tou_period(3, 14), PERIOD_VALLEY);
    CU_ASSERT_EQUAL(price_tou_period(3, 15), PERIOD_VALLEY);
    CU_ASSERT_EQUAL(price_tou_period(3, 16), PERIOD_FLAT);
    CU_ASSERT_EQUAL(price_tou_period(3, 19), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(3, 23), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(7, 21), PERIOD_CRITICAL);
    CU_ASSERT_EQUAL(price_tou_period(7, 22), PERIOD_CRITICAL);
    CU_ASSERT_EQUAL(price_tou_period(7, 19), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(12, 19), PERIOD_CRITICAL);
    CU_ASSERT_EQUAL(price_tou_period(12, 21), PERIOD_PEAK);
    CU_ASSERT_EQUAL(price_tou_period(6, 21), PERIOD_PEAK);
}

/* Hourly prices of 2023 at 0.25 元/kWh: without critical peaks the mean is
 * the benchmark exactly (8 h each at 0.5, 1, 1.5); with them, 246 hours
 * (July 31 d x 2 h + (31 + 30 + 31) d x 2 h) are 0.3 of the benchmark
 * higher: mean 0.25 (1 + 246 x 0.3 / 8760). A clock 2 h behind Beijing
 * (UTC+6) shifts the periods: local 00:00 is Beijing 02:00, a valley hour. */
static void tou_prices(void)
{
    static Calendar cal;
    static double p[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    PriceParams pp = { .source = PRICE_TOU_XINJIANG, .peak_ratio = 1.5, .flat_ratio = 1.0, .valley_ratio = 0.5,
                       .critical_ratio = 1.0 };
    CU_ASSERT_DOUBLE_EQUAL(price_fill(&pp, 0.25, &cal, 8.0, p), 0.25, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p[2], 0.125, 1e-15);    /* 1 Jan 02:00 valley */
    CU_ASSERT_DOUBLE_EQUAL(p[9], 0.375, 1e-15);    /* 09:00 peak */
    CU_ASSERT_DOUBLE_EQUAL(p[12], 0.25, 1e-15);    /* 12:00 flat */
    pp.critical_ratio = 1.2;
    CU_ASSERT_DOUBLE_EQUAL(price_fill(&pp, 0.25, &cal, 8.0, p), 0.25 * (1.0 + 246 * 0.3 / 8760.0), 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p[19], 0.45, 1e-15);    /* 1 Jan 19:00 critical peak: 0.25 x 1.5 x 1.2 */
    price_fill(&pp, 0.25, &cal, 6.0, p);
    CU_ASSERT_DOUBLE_EQUAL(p[0], 0.125, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(p[6], 0.375, 1e-15);    /* local 06:00 = Beijing 08:00 */
    pp.source = PRICE_FLAT;
    CU_ASSERT_DOUBLE_EQUAL(price_fill(&pp, 0.3, &cal, 8.0, p), 0.3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p[9], 0.3, 0);
}

/* One day, load 300 MW, no renewables, coal floor 200 (deficit 100 each
 * hour), line 1000 MW (import up to it), SOC 0 at the start. Prices: valley
 * 0.125 at 2-7 h, peak 0.375 at 19-23 h, flat 0.25 otherwise.
 *   flat hours: coal 300, storage idle (energy kept for the peak);
 *   valley 2-5: coal 300, charge 100 from import, SOC 90, 180, 270, 360;
 *   valley 6: 40 MWh of room: charge 40 / 0.9 = 44.444 MW, SOC 400; 7: full;
 *   peak 19-21: discharge 100 (SOC - 111.111 each: 288.889, 177.778,
 *   66.667), coal at its floor 200; 22: the rest, 66.667 x 0.9 = 60, coal
 *   240; 23: empty, coal 300.
 * Charged 444.444 MWh at 0.125, discharged 360 = 444.444 x 0.81 at 0.375:
 * revenue (135 - 55.556) x 1000 元 = 79444.4 元 = 7.94444e-4 亿元. */
static void one_day(void)
{
    Year *y = year_new(24);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    double *price = y->v[SER_PRICE];
    for (int h = 0; h < 24; h++) {
        y->v[SER_LOAD][h] = 300;
        y->v[SER_LINE][h] = 1000;
        price[h] = h >= 2 && h <= 7 ? 0.125 : h >= 19 ? 0.375 : 0.25;
    }
    DispatchLimits lim = arb_limits();
    DispatchState st = { .soc_mwh = 0, .coal_mw = 300 };
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    const double *soc = y->v[SER_SOC], *ch = y->v[SER_CHARGE], *dis = y->v[SER_DISCHARGE];
    const double *coal = y->v[SER_COAL], *imp = y->v[SER_IMPORT];
    const double want_soc[24] = { 0, 0, 90, 180, 270, 360, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400,
                                  400, 400, 400 - 1000.0 / 9, 400 - 2000.0 / 9, 400 - 3000.0 / 9, 0, 0 };
    for (int h = 0; h < 24; h++) {
        CU_ASSERT_DOUBLE_EQUAL(soc[h], want_soc[h], 1e-9);
        double want_ch = h >= 2 && h <= 5 ? 100 : h == 6 ? 40 / 0.9 : 0;
        double want_dis = h >= 19 && h <= 21 ? 100 : h == 22 ? 60 : 0;
        double want_coal = h >= 19 && h <= 21 ? 200 : h == 22 ? 240 : 300;
        CU_ASSERT_DOUBLE_EQUAL(ch[h], want_ch, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(imp[h], want_ch, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(dis[h], want_dis, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(coal[h], want_coal, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(y->v[SER_UNSERVED][h], 0, 0);
    }
    YearFacts f = { .year = 2023 };
    facts_put(&f, MET_storage_energy_mwh, 400);
    AnnualRow row;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.charge_mwh, 400 + 40 / 0.9, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.discharge_mwh, 360, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_cycles, 0.9, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_arbitrage_yi_yuan, (360 * 0.375 - (400 + 40 / 0.9) * 0.125) * 1e-5, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_arbitrage_yi_yuan, 7.944444444e-4, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_charge_price_yuan_per_kwh, 0.125, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_discharge_price_yuan_per_kwh, 0.375, 1e-12);
    /* mean price (2 + 11) x 0.25 + 6 x 0.125 + 5 x 0.375 over 24 = 0.24479: peak hours above it */
    CU_ASSERT_DOUBLE_EQUAL(row.price_mean_yuan_per_kwh, (13 * 0.25 + 6 * 0.125 + 5 * 0.375) / 24, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_peak_discharge_mwh, 360, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_avoided_curtailment_mwh, 0, 0);   /* all charge came from import */
    /* The surplus mode on the same day: the storage starts empty and never
     * sees a surplus, so it stays idle; nothing earned. */
    lim.storage_mode = STORAGE_SURPLUS;
    st = (DispatchState){ .soc_mwh = 0, .coal_mw = 300 };
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    annual_from_hours(&f, &y->in, &y->out, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.charge_mwh + row.discharge_mwh, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_arbitrage_yi_yuan, 0, 0);
    free(y);
}

/* Surplus hours, coal floor 200, load 100, SOC 0:
 *   h0 flat, wind 500, line 150: surplus 600; the line first (export 150),
 *     storage takes 100, 350 curtailed. Without storage those 100 MWh had
 *     nowhere to go: avoided 100;
 *   h1 valley, wind 300, line 1000: surplus 400; storage first (100), the
 *     line takes 300 of its 1000: the charge displaced export, avoided 0;
 *   h2 peak, wind 0, load 300, line 1000: deficit 100 met by discharge 100,
 *     coal at its floor, then the free line takes the storage's remaining
 *     power: none (power used up). SOC: 90, 180, 180 - 111.111.
 *   h3 peak, load 150, wind 0, line 100: deficit 150 - 200 < 0: surplus 50
 *     (coal floor), which goes to the line (50 of 100); storage then
 *     discharges into the 50 MW left free (peak regulation), SOC - 55.556. */
static void surplus_hours(void)
{
    Year *y = year_new(4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    double *load = y->v[SER_LOAD], *wind = y->v[SER_WIND_AVAIL], *line = y->v[SER_LINE];
    double *price = y->v[SER_PRICE];
    load[0] = 100, wind[0] = 500, line[0] = 150, price[0] = 0.25;
    load[1] = 100, wind[1] = 300, line[1] = 1000, price[1] = 0.125;
    load[2] = 300, wind[2] = 0, line[2] = 1000, price[2] = 0.375;
    load[3] = 150, wind[3] = 0, line[3] = 100, price[3] = 0.375;
    DispatchLimits lim = arb_limits();
    DispatchState st = { .soc_mwh = 0, .coal_mw = 200 };
    DispatchReport rep;
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    CU_ASSERT_EQUAL(rep.check_violations, 0);
    const double *ex = y->v[SER_EXPORT], *ch = y->v[SER_CHARGE], *cu = y->v[SER_CURTAILED];
    const double *dis = y->v[SER_DISCHARGE], *soc = y->v[SER_SOC];
    CU_ASSERT_DOUBLE_EQUAL(ex[0], 150, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ch[0], 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(cu[0], 350, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ch[1], 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ex[1], 300, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(cu[1], 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(dis[2], 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y->v[SER_COAL][2], 200, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ex[2], 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(dis[3], 50, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ex[3], 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(soc[3], 180 - 100 / 0.9 - 50 / 0.9, 1e-9);
    YearFacts f = { .year = 2023 };
    facts_put(&f, MET_storage_energy_mwh, 400);
    AnnualRow row;
    CU_ASSERT_EQUAL(annual_from_hours(&f, &y->in, &y->out, &row), 0);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_avoided_curtailment_mwh, 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_peak_discharge_mwh, 150, 1e-9);
    /* Renewable-first in surplus mode on h0 alone: storage before the line,
     * charge 100, line 150, curtailed 350: the same 100 avoided. */
    lim.storage_mode = STORAGE_SURPLUS;
    y->in.hours = 1;
    st = (DispatchState){ .soc_mwh = 0, .coal_mw = 200 };
    CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
    annual_from_hours(&f, &y->in, &y->out, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.storage_avoided_curtailment_mwh, 100, 1e-9);
    free(y);
}

static double next_uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* A synthetic year under the TOU day shape: every hour closes its balance,
 * flows are >= 0 and within their limits, SOC follows
 * soc[h] = max(soc[h-1] keep, soc_min) + ch eta_c - dis / eta_d inside its
 * window, storage never charges and discharges in one hour, discharges
 * outside peak hours only against unserved energy, and charges outside the
 * valley only with the line full. */
static void whole_year(void)
{
    Year *y = year_new(8760);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    unsigned long long seed = 20251203ULL;
    double w = 0.5;
    double *load = y->v[SER_LOAD], *wind = y->v[SER_WIND_AVAIL], *solar = y->v[SER_SOLAR_AVAIL];
    double *line = y->v[SER_LINE], *firm = y->v[SER_EXPORT_FIRM], *price = y->v[SER_PRICE];
    for (int h = 0; h < 8760; h++) {
        int hd = h % 24;
        w = 0.9 * w + 0.1 * next_uniform(&seed);
        double sun = hd >= 7 && hd <= 19 ? sin(3.141592653589793 * (hd - 6) / 14.0) : 0.0;
        wind[h] = 1500 * w * w * (0.5 + next_uniform(&seed));
        solar[h] = 800 * sun * (0.4 + 0.6 * next_uniform(&seed));
        load[h] = 700 + 200 * sin(6.283185307179586 * (hd - 14) / 24.0) + 100 * next_uniform(&seed);
        firm[h] = hd >= 10 && hd < 16 ? 90 : 0;
        line[h] = 300;
        PricePeriod pp = price_tou_period(1 + h / 744, hd);
        price[h] = pp == PERIOD_VALLEY ? 0.125 : pp == PERIOD_FLAT ? 0.25 : pp == PERIOD_PEAK ? 0.375 : 0.45;
    }
    DispatchLimits lim = arb_limits();
    lim.soc_min_mwh = 40;
    lim.soc_max_mwh = 360;
    lim.keep_per_h = 0.9995;
    lim.coal_min_mw = 150;
    lim.coal_max_mw = 500;
    lim.coal_ramp_mw_per_h = 100;
    lim.import_limited = 1;
    lim.import_limit_mw = 120;
    for (int mode = 0; mode < 2; mode++) {
        lim.charge_from_coal = mode;
        DispatchState st = { .soc_mwh = 200, .coal_mw = 300 };
        DispatchReport rep;
        CU_ASSERT_EQUAL_FATAL(dispatch_year(&lim, &y->in, &st, &y->out, &rep), ST_OK);
        CU_ASSERT_EQUAL(rep.check_violations, 0);
        int bad_balance = 0, bad_sign = 0, bad_limit = 0, bad_soc = 0, bad_rule = 0;
        double prev = 200, dis_sum = 0, ch_valley = 0, peak_dis = 0, curt = 0;
        const double *wu = y->v[SER_WIND_USED], *su = y->v[SER_SOLAR_USED], *coal = y->v[SER_COAL];
        const double *dis = y->v[SER_DISCHARGE], *imp = y->v[SER_IMPORT], *ex = y->v[SER_EXPORT];
        const double *ch = y->v[SER_CHARGE], *soc = y->v[SER_SOC], *cu = y->v[SER_CURTAILED];
        const double *un = y->v[SER_UNSERVED];
        for (int h = 0; h < 8760; h++) {
            double supply = wu[h] + su[h] + coal[h] + dis[h] + imp[h] + un[h];
            double demand = load[h] + ex[h] + ch[h];
            double scale = 1 + load[h] + wind[h] + solar[h] + coal[h];
            if (fabs(supply - demand) > 1e-9 * scale) bad_balance++;
            if (fabs(wind[h] + solar[h] - wu[h] - su[h] - cu[h]) > 1e-9 * scale) bad_balance++;
            const double v[] = { wu[h], su[h], coal[h], dis[h], imp[h], ex[h], ch[h], cu[h], un[h] };
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
                if (!(v[i] >= -1e-9)) bad_sign++;
            if (ch[h] > 100 + 1e-9 || dis[h] > 100 + 1e-9 || coal[h] > 500 + 1e-9 || ex[h] > line[h] + 1e-9
                || imp[h] > 120 + 1e-9 || (ch[h] > 0 && dis[h] > 0))
                bad_limit++;
            if (!(soc[h] >= 40 - 1e-9 && soc[h] <= 360 + 1e-9)) bad_soc++;
            double expect_soc = fmax(prev * 0.9995, 40) + ch[h] * 0.9 - dis[h] / 0.9;
            if (fabs(soc[h] - expect_soc) > 1e-9 * 361) bad_soc++;
            prev = soc[h];
            const int peak = price[h] >= 0.3, valley = price[h] <= 0.2;
            if (!peak && dis[h] > 1e-9 && imp[h] < 120 - 1e-9) bad_rule++;   /* last resort only */
            if (!valley && ch[h] > 1e-9 && ex[h] < line[h] - 1e-9) bad_rule++;
            dis_sum += dis[h];
            ch_valley += valley ? ch[h] : 0;
            peak_dis += peak ? dis[h] : 0;
            curt += cu[h];
        }
        CU_ASSERT_EQUAL(bad_balance, 0);
        CU_ASSERT_EQUAL(bad_sign, 0);
        CU_ASSERT_EQUAL(bad_limit, 0);
        CU_ASSERT_EQUAL(bad_soc, 0);
        CU_ASSERT_EQUAL(bad_rule, 0);
        CU_ASSERT(dis_sum > 0 && ch_valley > 0 && peak_dis > 0 && curt > 0);   /* every branch ran */
        CU_ASSERT_DOUBLE_EQUAL(st.soc_mwh, soc[8759], 0);
    }
    free(y);
}

/* Writes text to a new temporary file; its path into path (removed by the caller). */
static int temp_file(char path[64], const char *text)
{
    snprintf(path, 64, "/tmp/ecsim-price-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "w");
    if (!f) return 0;
    fputs(text, f);
    fclose(f);
    return 1;
}

/* Reads text as a price file: the status, *n, and the error's line and message. */
static Status read_text(const char *text, double *out, int *n, int *line, char *why, size_t why_n)
{
    char path[64];
    if (!temp_file(path, text)) return ST_IO;
    Status st = pricefile_read(path, out, n, line, why, why_n);
    unlink(path);
    return st;
}

/* A 12 x 24 profile with a header and comments: month m hour h at
 * 0.01 m + 0.001 h; the prices of a year follow it by month and hour. An
 * hourly file of 8760 values (hour i at i / 1e5) gives 29 February of a
 * leap year the prices of 28 February, and 1 March its own. The errors
 * name the line: month 13, a duplicated pair, a negative price, a line of
 * two fields, mixed record widths; a wrong count names the file (line 0);
 * a missing file is ST_IO. */
static void price_file(void)
{
    static double out[ECSIM_MAX_HOURS];
    static char text[300000];
    char why[256];
    int n = 0, line = -1;
    size_t k = (size_t)snprintf(text, sizeof text, "# a profile\nmonth,hour,price\n");
    for (int m = 1; m <= 12; m++)
        for (int h = 0; h < 24; h++)
            k += (size_t)snprintf(text + k, sizeof text - k, "%d, %d, %.3f  # note\n", m, h, 0.01 * m + 0.001 * h);
    CU_ASSERT_EQUAL_FATAL(read_text(text, out, &n, &line, why, sizeof why), ST_OK);
    CU_ASSERT_EQUAL(n, 288);
    CU_ASSERT_DOUBLE_EQUAL(out[(7 - 1) * 24 + 21], 0.091, 1e-12);
    static Calendar cal;
    static double p[ECSIM_MAX_HOURS];
    calendar_year_init(&cal, 2023);
    static PriceParams pp = { .source = PRICE_FILE };
    memcpy(pp.file_price, out, sizeof out);
    pp.file_n = n;
    price_fill(&pp, 0.25, &cal, 8.0, p);
    CU_ASSERT_DOUBLE_EQUAL(p[0], 0.010, 1e-12);                       /* 1 Jan 00:00 */
    CU_ASSERT_DOUBLE_EQUAL(p[cal.month_first_hour[6] + 21], 0.091, 1e-12);   /* 1 Jul 21:00 */
    CU_ASSERT_DOUBLE_EQUAL(p[8759], 0.143, 1e-12);                    /* 31 Dec 23:00 */

    k = 0;
    for (int i = 0; i < 8760; i++) k += (size_t)snprintf(text + k, sizeof text - k, "%.5f\n", i / 1e5);
    CU_ASSERT_EQUAL_FATAL(read_text(text, out, &n, &line, why, sizeof why), ST_OK);
    CU_ASSERT_EQUAL(n, 8760);
    memcpy(pp.file_price, out, sizeof out);
    pp.file_n = n;
    calendar_year_init(&cal, 2024);
    price_fill(&pp, 0.25, &cal, 8.0, p);
    const int feb29 = (31 + 28) * 24, mar1_leap = (31 + 29) * 24, mar1 = (31 + 28) * 24;
    CU_ASSERT_DOUBLE_EQUAL(p[feb29 + 5], (feb29 - 24 + 5) / 1e5, 1e-12);   /* 29 Feb = 28 Feb */
    CU_ASSERT_DOUBLE_EQUAL(p[mar1_leap + 5], (mar1 + 5) / 1e5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p[8783], 8759 / 1e5, 1e-12);

    const struct { const char *text; int line; const char *what; } bad[] = {
        { "month,hour,price\n1,0,0.2\n13,1,0.2\n", 3, "month must be 1..12" },
        { "1,0,0.2\n# c\n\n1,0,0.3\n", 4, "given twice" },
        { "1,0,0.2\n1,1,-0.1\n", 2, "outside 0 .. 100" },
        { "0.2\n0.3 0.4\n", 2, "expected \"month,hour,price\"" },
        { "0.2\n1,1,0.4\n", 2, "3 fields where the lines before have 1" },
        { "0.2\n0.3\n", 0, "2 price records" },
        { "0.2\nabc\n", 2, "expected" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        CU_ASSERT_EQUAL(read_text(bad[i].text, out, &n, &line, why, sizeof why), ST_CONFIG_INVALID);
        CU_ASSERT_EQUAL(line, bad[i].line);
        CU_ASSERT_PTR_NOT_NULL(strstr(why, bad[i].what));
        CU_ASSERT_EQUAL(n, 0);
    }
    CU_ASSERT_EQUAL(pricefile_read("/nonexistent/price.csv", out, &n, &line, why, sizeof why), ST_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "cannot read the price file"));
}

void register_test_arbitrage(void);

void register_test_arbitrage(void)
{
    CU_pSuite s = CU_add_suite("test_arbitrage", NULL, NULL);
    CU_add_test(s, "Xinjiang time-of-use periods", tou_table);
    CU_add_test(s, "hourly prices and the year's mean", tou_prices);
    CU_add_test(s, "price file: profile, hourly, errors with their line", price_file);
    CU_add_test(s, "one day: valley charge, peak discharge, SOC path and revenue", one_day);
    CU_add_test(s, "surplus hours: line, storage, peak regulation, curtailment avoided", surplus_hours);
    CU_add_test(s, "whole year: balance, SOC and limits every hour", whole_year);
}
