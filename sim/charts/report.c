/* report.c — report.html of one scenario (DESIGN §9–§10): description, key
 * figures, the target table, every chart inlined as a PNG data URI with a
 * caption, and the method notes, from the files of the output directory
 * only (STYLE §8). Self-contained: it opens from a USB stick with no server. */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assumptions.h"
#include "atomicfile.h"
#include "chartdata.h"
#include "enums.h"
#include "metrics.h"
#include "present.h"
#include "plot.h"
#include "results.h"

#define PATH_LEN 4096
#define IMG_MAX (64 << 20)

/* ---- small helpers ---------------------------------------------------------- */

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void base64(FILE *f, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        fputc(tab[v >> 18], f);
        fputc(tab[(v >> 12) & 63], f);
        fputc(tab[(v >> 6) & 63], f);
        fputc(tab[v & 63], f);
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0u);
        fputc(tab[v >> 18], f);
        fputc(tab[(v >> 12) & 63], f);
        fputc(i + 1 < n ? tab[(v >> 6) & 63] : '=', f);
        fputc('=', f);
    }
}

/* A schedule "( (2020, 305.5), (2025, 300.0) )" as "2020: 305.5, 2025: 300";
 * a plain number as it is. */
static void schedule_text(const char *v, int en, double scale, const char *suffix, char *out, size_t n)
{
    if (v[0] != '(') {
        char *end;
        double x = strtod(v, &end);
        if (end != v) snprintf(out, n, "%g%s", x * scale, suffix);
        else snprintf(out, n, "%s", v);
        return;
    }
    size_t w = 0;
    const char *p = v;
    int k = 0;
    out[0] = '\0';
    while (*p && w + 40 < n) {
        char *end;
        double x = strtod(p, &end);
        if (end == p) { p++; continue; }
        p = end;
        if (k % 2 == 0) w += (size_t)snprintf(out + w, n - w, k ? (en ? ", %.0f: " : "，%.0f年 ") : (en ? "%.0f: " : "%.0f年 "), x);
        else w += (size_t)snprintf(out + w, n - w, "%g%s", x * scale, suffix);
        k++;
    }
}

/* ---- the page ------------------------------------------------------------------- */

typedef struct {
    const char *dir;
    int en;
    char *cfg;            /* run.cfg, "" if absent */
    DatTable annual;
    TargetTable targets;
    Diag *d;
} Report;

/* The text of the report's language. */
static const char *tr(const Report *r, const char *zh, const char *en) { return r->en ? en : zh; }

static const char *css =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\","
    "\"Helvetica Neue\",Arial,sans-serif;margin:0;color:#1d1d1d;background:#f4f5f7;line-height:1.55}"
    "main{max-width:1320px;margin:0 auto;padding:28px 40px 60px;background:#fff}"
    "h1{font-size:30px;margin:8px 0 4px}h2{font-size:23px;border-bottom:3px solid #2B7BBA;padding-bottom:4px;"
    "margin-top:40px}h3{font-size:19px;margin:28px 0 6px}"
    ".desc{font-size:18px;margin:6px 0}.meta{color:#666;font-size:14px}"
    ".verdict{font-size:19px;padding:12px 18px;border-radius:6px;margin:18px 0}"
    ".ok{background:#e6f4ea;border-left:8px solid #2E9E44}.bad{background:#fdecea;border-left:8px solid #D62728}"
    "table{border-collapse:collapse;font-size:16px;margin:8px 0}"
    "th,td{padding:6px 12px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "th{background:#f0f2f5}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tr.pass td.r{color:#1e7b34;font-weight:bold}tr.fail td{background:#fdecea}"
    "tr.fail td.r{color:#c0171b;font-weight:bold}code{font-size:13px;color:#666}"
    "figure{margin:10px 0 34px}figure img{width:100%;height:auto;border:1px solid #ddd}"
    "figcaption{font-size:16px;margin-top:6px;color:#333}.missing{padding:30px;background:#fafafa;"
    "border:1px dashed #aaa;color:#a33}ul.notes li{margin:5px 0}"
    "@media print{body{background:#fff}main{padding:0}figure{page-break-inside:avoid}h2{page-break-after:avoid}}";

static double annual_at(const Report *r, int row, const char *name)
{
    return results_dat_get(&r->annual, row, results_dat_col(&r->annual, name));
}

static void header(FILE *f, Report *r)
{
    char name[256], desc[2048], fy[32], ly[32], seed[64], strategy[64], weather[64], version[64] = "";
    if (results_cfg_get(r->cfg, "scenario", "name", name, sizeof name) != 0) {
        const char *b = strrchr(r->dir, '/');
        snprintf(name, sizeof name, "%s", b && b[1] ? b + 1 : r->dir);
    }
    results_cfg_get(r->cfg, "scenario", "description", desc, sizeof desc);
    results_cfg_get(r->cfg, "scenario", "first_year", fy, sizeof fy);
    results_cfg_get(r->cfg, "scenario", "last_year", ly, sizeof ly);
    results_cfg_get(r->cfg, "scenario", "seed", seed, sizeof seed);
    results_cfg_get(r->cfg, "dispatch", "strategy", strategy, sizeof strategy);
    results_cfg_get(r->cfg, "weather", "source", weather, sizeof weather);
    if (strncmp(r->cfg, "# ecsim ", 8) == 0) sscanf(r->cfg + 8, "%63s", version);

    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            r->en ? "en" : "zh-CN");
    esc(f, name);
    fputs(tr(r, " — 情景报告", " — scenario report"), f);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
    esc(f, name);
    fputs(tr(r, " 情景报告", " — scenario report"), f);
    fputs("</h1>\n", f);
    if (desc[0]) {
        fputs("<p class=\"desc\">", f);
        esc(f, desc);
        fputs("</p>\n", f);
    }
    fputs("<p class=\"meta\">", f);
    fprintf(f, tr(r, "模拟年份 %s–%s；调度策略 ", "years %s–%s; dispatch "), fy, ly);
    esc(f, strategy);
    fputs(tr(r, "；天气 ", "; weather "), f);
    esc(f, weather);
    fputs(tr(r, "（随机种子 ", " (seed "), f);
    esc(f, seed);
    fputs(tr(r, "）；ecsim ", "); ecsim "), f);
    esc(f, version);
    fputs(tr(r, "。本报告由结果目录中的文件生成：annual.dat、targets.dat、run.cfg、charts/。",
            ". Made from the files of the output directory: annual.dat, targets.dat, run.cfg, charts/."), f);
    fputs("</p>\n", f);
}

static TargetOp op_of(const TargetRow *t) { return (TargetOp)enum_value(ENUM_TARGET_OP, t->op); }

/* The value of a target row in plan units ("降低40.5%" for reductions). */
static void target_value(const Report *r, const TargetRow *t, char *buf, size_t n)
{
    present_target_value(buf, n, t->metric, op_of(t), t->value, r->en);
}

static void target_check(const Report *r, const TargetRow *t, char *buf, size_t n)
{
    const char *unit = present_metric_unit(t->metric);
    char a[64], b[64];
    if (op_of(t) == OP_REDUCTION) {
        present_format(a, sizeof a, "1", t->threshold, r->en, 0, 0);
        if (r->en) snprintf(buf, n, "≥ %s below %d", a, t->base_year);
        else snprintf(buf, n, "较%d年降低 ≥ %s", t->base_year, a);
    } else if (op_of(t) == OP_RANGE) {
        present_format(a, sizeof a, unit, t->threshold, r->en, 0, 0);
        present_format(b, sizeof b, unit, t->upper, r->en, 0, 0);
        snprintf(buf, n, "%s – %s", a, b);
    } else {
        present_format(a, sizeof a, unit, t->threshold, r->en, 0, 0);
        snprintf(buf, n, "%s %s", present_op_symbol(op_of(t)), a);
    }
}

static void target_margin(const Report *r, const TargetRow *t, char *buf, size_t n)
{
    present_target_margin(buf, n, t->metric, op_of(t), t->margin, r->en);
}

static void target_label(const Report *r, const TargetRow *t, char *buf, size_t n)
{
    if (!r->en || !metrics_find(t->metric)) snprintf(buf, n, "%s", t->label);
    else present_target_label_en(t->metric, op_of(t), buf, n);
}

/* A row checks the scenario's own build-out (kind "schedule"); rows of files
 * written before the kind column count as simulated results. */
static int is_schedule(const TargetRow *t) { return strcmp(t->kind, "schedule") == 0; }

static void verdict(FILE *f, const Report *r)
{
    const TargetTable *tt = &r->targets;
    int failed = 0;
    for (int i = 0; i < tt->n; i++) failed += !tt->rows[i].pass;
    if (tt->n == 0) {
        fprintf(f, "<p class=\"verdict ok\">%s</p>\n", tr(r, "本情景未设规划目标。", "This scenario has no targets."));
        return;
    }
    fprintf(f, "<p class=\"verdict %s\">", failed ? "bad" : "ok");
    int sched = 0, sched_failed = 0;
    for (int i = 0; i < tt->n; i++)
        if (is_schedule(&tt->rows[i])) {
            sched++;
            sched_failed += !tt->rows[i].pass;
        }
    fprintf(f, tr(r, "模拟结果 %d 项检查，%d 项未达标；建设进度核对 %d 项，%d 项未达标。",
                  "Simulated results: %d checks, %d missed. Schedule checks: %d, %d missed. "),
            tt->n - sched, failed - sched_failed, sched, sched_failed);
    if (failed) fputs(tr(r, "未达标：", "Missed: "), f);
    for (int i = 0, k = 0; i < tt->n; i++) {
        const TargetRow *t = &tt->rows[i];
        if (t->pass) continue;
        char lab[192], val[96], chk[192];
        target_label(r, t, lab, sizeof lab);
        target_value(r, t, val, sizeof val);
        target_check(r, t, chk, sizeof chk);
        if (k++) fputs(tr(r, "；", "; "), f);
        esc(f, lab);
        fprintf(f, tr(r, " %d年 ", " %d: "), t->year);
        esc(f, val);
        fputs(tr(r, "（要求 ", " (required "), f);
        esc(f, chk);
        fputs(tr(r, "）", ")"), f);
    }
    if (failed) fputs(tr(r, "。", "."), f);
    fputs("</p>\n", f);
}

/* The key figures; FIG_TECH_* stand for one row per generator of the
 * technology registry that the run has (present.h). */
static const char *const key_metrics[] = {
    FIG_TECH_CAPACITY, "storage_power_mw", "coal_power_capacity_mw",
    "export_capacity_mw", "coal_capacity_mt", "coal_output_mt", FIG_TECH_USED,
    "curtailed_mwh", "re_utilisation", FIG_TECH_FLH, "coal_power_mwh",
    "load_mwh", "export_mwh", "import_mwh", "unserved_mwh", "energy_production_mtce",
    "energy_production_capacity_yi_tce", "conversion_coal_t", "conversion_load_mwh", "energy_consumption_mtce",
    "conversion_energy_mtce", "feedstock_mtce", "energy_consumption_excl_feedstock_mtce", "co2_mt",
    "co2_process_t", "co2_captured_t", "gdp_yi_yuan",
    "energy_intensity_tce_per_10k_yuan", "energy_intensity_total_tce_per_10k_yuan",
    "energy_intensity_excl_feedstock_tce_per_10k_yuan", "carbon_intensity_t_per_10k_yuan",
    "invest_total_yi_yuan", "invest_cum_yi_yuan", "lcoe_county_yuan_per_kwh", "net_cost_yi_yuan",
};

/* A generator's capacity column is above zero in some year (present_tech_shown
 * for the rows read back from annual.dat). */
static int tech_shown(const Report *r, const char *capacity_metric)
{
    int c = results_dat_col(&r->annual, capacity_metric);
    for (int i = 0; c >= 0 && i < r->annual.n_rows; i++)
        if (results_dat_get(&r->annual, i, c) > 0) return 1;
    return 0;
}

/* One row: the metric in the first and last year and the change. */
static void key_figure(FILE *f, const Report *r, const char *metric)
{
    int last = r->annual.n_rows - 1;
    const Metric *m = metrics_find(metric);
    int c = results_dat_col(&r->annual, metric);
    if (!m || c < 0) return;
    double a = results_dat_get(&r->annual, 0, c), b = results_dat_get(&r->annual, last, c);
    double mag = fmax(fabs(a), fabs(b));
    char sa[64], sb[64], sd[64];
    present_format_as(sa, sizeof sa, m->unit, a, mag, r->en, 0, 0);
    present_format_as(sb, sizeof sb, m->unit, b, mag, r->en, 0, 0);
    if (present_unit(m->unit, mag, r->en).percent) present_format_as(sd, sizeof sd, m->unit, b - a, mag, r->en, 1, 1);
    else if (a != 0 && isfinite(a) && isfinite(b)) snprintf(sd, sizeof sd, "%+.1f%%", 100 * (b - a) / fabs(a));
    else snprintf(sd, sizeof sd, "–");
    if (sd[0] == '-') {   /* a true minus sign */
        memmove(sd + 3, sd + 1, strlen(sd));
        memcpy(sd, "−", 3);
    }
    char lab[160];
    present_metric_label(metric, r->en, lab, sizeof lab);
    fputs("<tr><td>", f);
    esc(f, lab);
    fputs("</td><td class=\"n\">", f);
    esc(f, sa);
    fputs("</td><td class=\"n\">", f);
    esc(f, sb);
    fputs("</td><td class=\"n\">", f);
    esc(f, sd);
    fputs("</td></tr>\n", f);
}

static void key_figures(FILE *f, const Report *r)
{
    int n = r->annual.n_rows, last = n - 1;
    int y0 = (int)lround(annual_at(r, 0, "year")), y1 = (int)lround(annual_at(r, last, "year"));
    fprintf(f, tr(r, "<h2>关键指标（%d年，与%d年对比）</h2>\n", "<h2>Key figures of %d (against %d)</h2>\n"), y1, y0);
    fprintf(f, "<table>\n<tr><th>%s</th><th>%d</th><th>%d</th><th>%s</th></tr>\n", tr(r, "指标", "figure"), y0, y1,
            tr(r, "变化", "change"));
    /* Coal conversion rows only for a run with conversion plants. */
    int conv = 0, cc = results_dat_col(&r->annual, "conversion_coal_t");
    for (int i = 0; cc >= 0 && i < n; i++) conv |= results_dat_get(&r->annual, i, cc) > 0;
    for (size_t k = 0; k < sizeof key_metrics / sizeof key_metrics[0]; k++) {
        const char *km = key_metrics[k];
        if (!conv && (strncmp(km, "conversion_", 11) == 0 || strcmp(km, "feedstock_mtce") == 0
                      || strstr(km, "feedstock") || strncmp(km, "co2_process", 11) == 0
                      || strncmp(km, "co2_captured", 12) == 0 || strncmp(km, "energy_intensity_total", 22) == 0))
            continue;
        const char *names[PRESENT_TECH_MAX], *capacity[PRESENT_TECH_MAX];
        int n_tech = present_tech_figures(key_metrics[k], names, capacity);
        if (n_tech < 0) key_figure(f, r, key_metrics[k]);
        for (int t = 0; t < n_tech; t++)
            if (tech_shown(r, capacity[t])) key_figure(f, r, names[t]);
    }
    fputs("</table>\n", f);
}

/* A table of the metrics in every year, in the plan's units; a metric with
 * unit "1" is a count (cycles), not a share. */
static void every_year_table(FILE *f, const Report *r, const char *const *metrics, size_t n_metrics)
{
    const int n = r->annual.n_rows;
    fprintf(f, "<table>\n<tr><th>%s</th>", tr(r, "指标", "figure"));
    int yc = results_dat_col(&r->annual, "year");
    for (int i = 0; i < n; i++) fprintf(f, "<th>%.0f</th>", results_dat_get(&r->annual, i, yc));
    fputs("</tr>\n", f);
    for (size_t k = 0; k < n_metrics; k++) {
        const Metric *m = metrics_find(metrics[k]);
        int c = results_dat_col(&r->annual, metrics[k]);
        if (!m || c < 0) continue;
        double mag = 0;
        for (int i = 0; i < n; i++) mag = fmax(mag, fabs(results_dat_get(&r->annual, i, c)));
        char lab[160], v[64];
        present_metric_label(metrics[k], r->en, lab, sizeof lab);
        fputs("<tr><td>", f);
        esc(f, lab);
        fputs("</td>", f);
        for (int i = 0; i < n; i++) {
            double x = results_dat_get(&r->annual, i, c);
            if (strcmp(m->unit, "1") == 0) snprintf(v, sizeof v, "%.0f", x);
            else present_format_as(v, sizeof v, m->unit, x, mag, r->en, 0, 0);
            fputs("<td class=\"n\">", f);
            esc(f, v);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* Any row's value of the metric above zero. */
static int dat_any_positive(const DatTable *t, const char *metric)
{
    int c = results_dat_col(t, metric);
    for (int i = 0; c >= 0 && i < t->n_rows; i++)
        if (results_dat_get(t, i, c) > 0.0) return 1;
    return 0;
}

static int any_positive(const Report *r, const char *metric)
{
    return dat_any_positive(&r->annual, metric);
}

/* A section shown only when metric `gate` is positive in some year: its
 * heading and note (zh, en), then every year's table of the metrics. */
static void gated_table(FILE *f, const Report *r, const char *gate, const char *zh, const char *en,
                        const char *const *metrics, size_t n_metrics)
{
    if (!any_positive(r, gate)) return;
    fputs(tr(r, zh, en), f);
    every_year_table(f, r, metrics, n_metrics);
}

/* Storage against the price signal (docs/storage-arbitrage.md), every year,
 * as summary.md shows it: only when storage discharged in hours priced
 * above the year's mean, so runs with the flat default price keep their page. */
static void storage_price(FILE *f, const Report *r)
{
    static const char *const metrics[] = {
        "storage_power_mw", "storage_cycles", "charge_mwh", "discharge_mwh", "storage_peak_discharge_mwh",
        "storage_avoided_curtailment_mwh", "price_mean_yuan_per_kwh", "storage_charge_price_yuan_per_kwh",
        "storage_discharge_price_yuan_per_kwh", "storage_arbitrage_yi_yuan", "storage_compensation_yi_yuan",
    };
    gated_table(f, r, "storage_peak_discharge_mwh",
                "<h2>储能与电价信号</h2>\n<p>等效循环次数 = 放电量/储能容量；高峰放电 = 电价高于年均值时段的放电（调峰）；"
                "减少弃电 = 外送通道余量与少受入都无法吸收的充电量；价差收益 = Σ 电价 ×（放电 − 充电），按逐时电价信号"
                "（price_yuan_per_kwh，docs/storage-arbitrage.md）。</p>\n",
                "<h2>Storage and the price signal</h2>\n<p>Cycles = discharge / storage energy; peak discharge = "
                "discharge in hours priced above the year's mean (peak regulation); curtailment avoided = charge that "
                "neither the free line nor forgone import could have taken; arbitrage = Σ price × (discharge − charge) "
                "at the hourly price signal (price_yuan_per_kwh, docs/storage-arbitrage.md).</p>\n",
                metrics, sizeof metrics / sizeof metrics[0]);
}

/* Coal units committed as needed (docs/unit-commitment.md): only when some
 * capacity was started, so must-run runs keep their page. */
static void coal_units(FILE *f, const Report *r)
{
    static const char *const metrics[] = {
        "coal_power_capacity_mw", "coal_power_mwh", "coal_started_mw", "coal_startup_tce",
        "coal_heat_rate_avg_gce_per_kwh", "coal_power_tce", "curtailed_mwh",
    };
    gated_table(f, r, "coal_started_mw",
                "<h2>煤电机组启停与煤耗</h2>\n<p>机组按需启停：风光将被弃时先停机组（保留各机组 must_run_frac 的容量），"
                "负荷与外送需要时再启动；全部机组作为一个启停组。启动耗煤计入发电耗煤；供电煤耗随负荷率变化"
                "（coal_power.part_load_factor，docs/unit-commitment.md）。</p>\n",
                "<h2>Coal units: commitment and heat rate</h2>\n<p>Units are committed as needed: capacity is stopped "
                "before wind and PV are curtailed (down to each unit's must_run_frac) and started for load and export; "
                "the fleet is one commitment group. Start-up fuel is part of the coal burnt for power; the heat rate "
                "follows the load fraction (coal_power.part_load_factor, docs/unit-commitment.md).</p>\n",
                metrics, sizeof metrics / sizeof metrics[0]);
}

/* Electrolysers, methanol and hydrogen trucks (docs/hydrogen.md): their
 * figures, only when the run has any of them. */
static void hydrogen(FILE *f, const Report *r)
{
    if (!tech_shown(r, "electrolyser_capacity_mw") && !tech_shown(r, "h2_trucks")
        && !tech_shown(r, "methanol_capacity_t"))
        return;
    static const char *const metrics[] = {
        "electrolyser_capacity_mw", "electrolyser_mwh", "curtailment_absorbed_mwh", "electrolyser_from_export_mwh",
        "electrolyser_full_load_hours", "h2_produced_t", "h2_delivered_t", "h2_unmet_t", "methanol_t",
        "methanol_co2_used_t", "diesel_avoided_t", "diesel_co2_avoided_t", "co2_ccu_removed_mt",
    };
    fputs(tr(r, "<h2>电解制氢、二氧化碳加氢制甲醇与氢能重卡</h2>\n",
             "<h2>Electrolysers, CO2-to-methanol and hydrogen trucks</h2>\n"), f);
    fprintf(f, "<table>\n<tr><th>%s</th><th>%.0f</th><th>%.0f</th><th>%s</th></tr>\n", tr(r, "指标", "figure"),
            annual_at(r, 0, "year"), annual_at(r, r->annual.n_rows - 1, "year"), tr(r, "变化", "change"));
    for (size_t k = 0; k < sizeof metrics / sizeof metrics[0]; k++) key_figure(f, r, metrics[k]);
    fputs("</table>\n", f);
    fputs(tr(r, "<p>电解槽只用本将弃掉(或先于外送)的富余风光电; 甲醇的碳在燃烧时排放(默认不计为移除); "
                "替代柴油从其他化石能源消费中扣除(docs/hydrogen.md)。</p>\n",
             "<p>The electrolysers run only on surplus wind and PV that would be curtailed (or exported, with "
             "priority before_export); the methanol's carbon counts as emitted when it is burnt (not removed, by "
             "default); the diesel avoided comes off the county's other fossil use (docs/hydrogen.md).</p>\n"), f);
}

static const char *basis_text(const Report *r, const TargetRow *t)
{
    if (strcmp(t->basis, "plan") == 0) return tr(r, "规划", "plan");
    if (strcmp(t->basis, "policy") == 0) return tr(r, "国家政策", "policy");
    if (strcmp(t->basis, "assumption") == 0) return tr(r, "假设", "assumption");
    return "–";
}

/* The rows of one kind; returns how many. */
static int target_rows(FILE *f, const Report *r, int schedule)
{
    const TargetTable *tt = &r->targets;
    int n = 0;
    for (int i = 0; i < tt->n; i++) {
        const TargetRow *t = &tt->rows[i];
        if (is_schedule(t) != schedule) continue;
        if (n++ == 0)
            fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    tr(r, "目标", "target"), tr(r, "依据", "basis"), tr(r, "年份", "year"),
                    schedule ? tr(r, "年末装机", "installed at year end") : tr(r, "数值", "value"), tr(r, "要求", "check"),
                    tr(r, "余量", "margin"), tr(r, "结果", "result"));
        char lab[192], val[96], chk[192], mar[96];
        target_label(r, t, lab, sizeof lab);
        target_value(r, t, val, sizeof val);
        target_check(r, t, chk, sizeof chk);
        target_margin(r, t, mar, sizeof mar);
        fprintf(f, "<tr class=\"%s\"><td>", t->pass ? "pass" : "fail");
        esc(f, lab);
        fputs(" <code>", f);
        esc(f, t->id);
        fputs("</code></td><td>", f);
        esc(f, basis_text(r, t));
        fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">", t->year);
        esc(f, val);
        fputs("</td><td>", f);
        esc(f, chk);
        fputs("</td><td class=\"n\">", f);
        esc(f, mar);
        fprintf(f, "</td><td class=\"r\">%s</td></tr>\n", t->pass ? tr(r, "达标 ✔", "met ✔") : tr(r, "未达标 ✘", "missed ✘"));
    }
    if (n) fputs("</table>\n", f);
    return n;
}

/* Each target's note once, under the table of its kind. */
static void target_notes(FILE *f, const Report *r, int schedule)
{
    const TargetTable *tt = &r->targets;
    int n = 0;
    for (int i = 0; i < tt->n; i++) {
        const TargetRow *t = &tt->rows[i];
        if (is_schedule(t) != schedule || !t->note[0] || (i > 0 && strcmp(tt->rows[i - 1].id, t->id) == 0)) continue;
        fputs(n++ ? "<li><code>" : "<ul class=\"notes\">\n<li><code>", f);
        esc(f, t->id);
        fputs("</code>: ", f);
        esc(f, t->note);
        fputs("</li>\n", f);
    }
    if (n) fputs("</ul>\n", f);
}

/* Supply adequacy beside the unserved-energy checks: what imports cover and
 * what an island would lack (annual.dat; absent in older result files). */
static void supply_adequacy(FILE *f, const Report *r)
{
    static const char *const cols[] = { "unserved_mwh", "import_hours", "import_mwh", "island_shortfall_mwh",
                                        "island_shortfall_hours" };
    int c[5];
    for (int k = 0; k < 5; k++)
        if ((c[k] = results_dat_col(&r->annual, cols[k])) < 0) return;
    fputs(tr(r, "<h3>供电充裕度（受入单列）</h3>\n<p>缺电量是经外送通道受入之后仍缺的电量。受入小时数与受入电量是只能靠受入满足的部分；"
                "孤网缺电量是关闭通道时将缺的电量（受入 + 缺电 − 当时的计划外送）。</p>\n",
                "<h3>Supply adequacy, imports shown separately</h3>\n<p>Unserved energy counts after imports through "
                "the line. Import hours and energy are covered only by importing; the island-mode shortfall is what "
                "would be unserved with the line off (import + unserved − firm export in those hours).</p>\n"), f);
    fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            tr(r, "年份", "year"), tr(r, "缺电量", "unserved"), tr(r, "受入小时数", "import hours"), tr(r, "受入电量", "import"),
            tr(r, "孤网缺电量", "island-mode shortfall"), tr(r, "孤网缺电小时数", "shortfall hours"));
    for (int i = 0; i < r->annual.n_rows; i++) {
        char a[64], b[64], e[64];
        present_format(a, sizeof a, "MWh", results_dat_get(&r->annual, i, c[0]), r->en, 0, 0);
        present_format(b, sizeof b, "MWh", results_dat_get(&r->annual, i, c[2]), r->en, 0, 0);
        present_format(e, sizeof e, "MWh", results_dat_get(&r->annual, i, c[3]), r->en, 0, 0);
        fprintf(f, "<tr><td class=\"n\">%.0f</td><td class=\"n\">", annual_at(r, i, "year"));
        esc(f, a);
        fprintf(f, "</td><td class=\"n\">%.0f</td><td class=\"n\">", results_dat_get(&r->annual, i, c[1]));
        esc(f, b);
        fputs("</td><td class=\"n\">", f);
        esc(f, e);
        fprintf(f, "</td><td class=\"n\">%.0f</td></tr>\n", results_dat_get(&r->annual, i, c[4]));
    }
    fputs("</table>\n", f);
}

static void target_table(FILE *f, const Report *r)
{
    const TargetTable *tt = &r->targets;
    fputs(tr(r, "<h2>规划目标</h2>\n", "<h2>Plan targets</h2>\n"), f);
    if (tt->n == 0) {
        fputs(tr(r, "<p>本情景未设规划目标。</p>\n", "<p>This scenario has no targets.</p>\n"), f);
        return;
    }
    fputs(tr(r, "<p>依据：“规划”为规划原文；“国家政策”为国家政策文件，非本规划；“假设”为情景的取值（见注）。</p>\n",
             "<p>Basis: <em>plan</em> = the plan's text; <em>policy</em> = a national policy document, not the plan; "
             "<em>assumption</em> = the scenario's choice (see the note).</p>\n"), f);
    fputs(tr(r, "<h3>模拟结果：由模拟得出的判定</h3>\n", "<h3>Simulated results: verdicts the simulation produced</h3>\n"), f);
    if (target_rows(f, r, 0) == 0) fputs(tr(r, "<p>无。</p>\n", "<p>None.</p>\n"), f);
    target_notes(f, r, 0);
    supply_adequacy(f, r);
    fputs(tr(r, "<h3>建设进度核对：情景自身的装机安排（输入，非模拟结果）是否达到规划要求（按年末装机）</h3>\n",
             "<h3>Schedule checks: does the scenario's own build-out (an input, not simulated) reach what the plan "
             "says, at year end</h3>\n"), f);
    if (target_rows(f, r, 1) == 0) fputs(tr(r, "<p>无。</p>\n", "<p>None.</p>\n"), f);
    target_notes(f, r, 1);
}

/* ---- sensitivity and calibration (files written only by some commands) ---- */

/* The next field of a result-file line at *p: a word, or a quoted text
 * (output_put_text: no escape inside). 0 at the end of the line. */
static int next_field(const char **p, char *out, size_t n)
{
    const char *q = *p;
    while (*q == ' ' || *q == '\t') q++;
    if (*q == '\0' || *q == '\n' || *q == '\r') return 0;
    size_t k = 0;
    if (*q == '"') {
        for (q++; *q && *q != '"' && *q != '\n'; q++)
            if (k + 1 < n) out[k++] = *q;
        if (*q == '"') q++;
    } else {
        for (; *q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r'; q++)
            if (k + 1 < n) out[k++] = *q;
    }
    out[k] = '\0';
    *p = q;
    return 1;
}

/* The start of the next line after p, or NULL. */
static const char *next_line(const char *p)
{
    p = strchr(p, '\n');
    return p ? p + 1 : NULL;
}

typedef struct {
    char target[64], setting[224], flips[8], where[512], why[1024];
    double base, low, high;
} SensRow;

static double moved_by(const SensRow *s)
{
    double x = isnan(s->low) ? 0 : fabs(s->low - s->base), y = isnan(s->high) ? 0 : fabs(s->high - s->base);
    double m = x > y ? x : y;
    return isnan(m) ? 0 : m;
}

/* The rows of sensitivity.dat (sensitivity.h), n of them; NULL when the
 * folder has none (written by `ecsim sensitivity`, not by `ecsim run`). */
static SensRow *sens_read(const Report *r, int *n, double *delta)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/sensitivity.dat", r->dir);
    char *text = results_read_file(path, RESULTS_FILE_MAX, NULL);
    *n = 0;
    *delta = 0;
    if (!text) return NULL;
    int cap = 0;
    for (const char *p = text; p; p = next_line(p)) cap++;
    SensRow *rows = calloc((size_t)cap + 1, sizeof *rows);
    for (const char *p = text; p && rows; p = next_line(p)) {
        if (*p == '#') {
            const char *x = strstr(p, "x(1-");
            if (x && *delta == 0) *delta = strtod(x + 4, NULL);
            continue;
        }
        SensRow *s = &rows[*n];
        char num[4][48];
        const char *q = p;
        if (!next_field(&q, s->target, sizeof s->target) || !next_field(&q, s->setting, sizeof s->setting)) continue;
        int ok = 1;
        for (int k = 0; k < 4 && ok; k++) ok = next_field(&q, num[k], sizeof num[k]);
        if (!ok || !next_field(&q, s->flips, sizeof s->flips)) continue;
        next_field(&q, s->where, sizeof s->where);
        next_field(&q, s->why, sizeof s->why);
        s->base = strtod(num[0], NULL);
        s->low = strtod(num[1], NULL);
        s->high = strtod(num[2], NULL);
        (*n)++;
    }
    free(text);
    return rows;
}

/* Per target, the assumptions whose ±δ moves its margin most, flips
 * marked: the table of summary.md, from sensitivity.dat. */
static void sensitivity(FILE *f, const Report *r)
{
    int n;
    double delta;
    SensRow *rows = sens_read(r, &n, &delta);
    int *rank = rows && n ? malloc((size_t)n * sizeof *rank) : NULL;
    if (!rank) {
        free(rows);
        return;
    }
    fputs(tr(r, "<h2>哪些假设决定各项判定</h2>\n", "<h2>Which assumptions decide each verdict</h2>\n"), f);
    fprintf(f, tr(r, "<p>情景文件中标为 <code># assumption:</code> 的每个数值分别取 ×%.6g 和 ×%.6g（逐一改变，限于其取值范围），"
                     "其余不变。余量取该目标各检查年份中最差者；<strong>翻转</strong>表示判定与原情景不同。全部结果：sensitivity.dat。</p>\n",
                     "<p>Every value of the scenario marked <code># assumption:</code> was run at ×%.6g and ×%.6g (one at "
                     "a time, within its range), the rest as written. A margin is the target's worst over the years it "
                     "is checked; a <strong>flip</strong> is a verdict that differs from the scenario as written. Every "
                     "row: sensitivity.dat.</p>\n"),
            1 - delta, 1 + delta);
    for (int i = 0; i < n; i++) {
        if (i > 0 && strcmp(rows[i].target, rows[i - 1].target) == 0) continue;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = strcmp(rows[j].target, rows[i].target) == 0;
        if (seen) continue;
        const TargetRow *t = NULL;
        int pass = 1;
        for (int k = 0; k < r->targets.n; k++)
            if (strcmp(r->targets.rows[k].id, rows[i].target) == 0) {
                if (!t) t = &r->targets.rows[k];
                pass &= r->targets.rows[k].pass;
            }
        char lab[192] = "", mar[96];
        if (t) target_label(r, t, lab, sizeof lab);
        TargetOp op = t ? op_of(t) : OP_GE;
        const char *metric = t ? t->metric : "";
        present_target_margin(mar, sizeof mar, metric, op, rows[i].base, r->en);
        fputs("<h3>", f);
        esc(f, lab[0] ? lab : rows[i].target);
        fputs(" <code>", f);
        esc(f, rows[i].target);
        fputs("</code></h3>\n<p>", f);
        fputs(t ? (pass ? tr(r, "原情景：达标 ✔", "As written: met ✔") : tr(r, "原情景：未达标 ✘", "As written: missed ✘"))
                : tr(r, "原情景：", "As written: "), f);
        fputs(tr(r, "，余量 ", ", margin "), f);
        esc(f, mar);
        fputs(tr(r, "。</p>\n", ".</p>\n"), f);
        int m = 0;
        for (int j = i; j < n; j++)
            if (strcmp(rows[j].target, rows[i].target) == 0 && strcmp(rows[j].flips, "n/a") != 0 &&
                (moved_by(&rows[j]) > 0 || strcmp(rows[j].flips, "-") != 0))
                rank[m++] = j;
        for (int a = 1; a < m; a++)   /* stable: largest move first, as summary.md */
            for (int b = a; b > 0 && moved_by(&rows[rank[b]]) > moved_by(&rows[rank[b - 1]]); b--) {
                int x = rank[b];
                rank[b] = rank[b - 1];
                rank[b - 1] = x;
            }
        if (m == 0) {
            fputs(tr(r, "<p>没有假设改变其余量。</p>\n", "<p>No assumption moves its margin.</p>\n"), f);
            continue;
        }
        fprintf(f, "<table>\n<tr><th>#</th><th>%s</th><th>%s ×%.6g</th><th>%s ×%.6g</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                tr(r, "假设", "assumption"), tr(r, "余量", "margin"), 1 - delta, tr(r, "余量", "margin"), 1 + delta,
                tr(r, "翻转", "flips"), tr(r, "位置", "where"), tr(r, "假设理由", "why assumed"));
        for (int k = 0; k < m && k < 5; k++) {
            const SensRow *s = &rows[rank[k]];
            char lo[96], hi[96];
            int flip = strcmp(s->flips, "-") != 0;
            present_target_margin(lo, sizeof lo, metric, op, s->low, r->en);
            present_target_margin(hi, sizeof hi, metric, op, s->high, r->en);
            fprintf(f, "<tr%s><td class=\"n\">%d</td><td><code>", flip ? " class=\"fail\"" : "", k + 1);
            esc(f, s->setting);
            fputs("</code></td><td class=\"n\">", f);
            esc(f, lo);
            fputs("</td><td class=\"n\">", f);
            esc(f, hi);
            fputs(flip ? "</td><td><strong>" : "</td><td>", f);
            esc(f, !flip ? "–" : strcmp(s->flips, "low") == 0 ? tr(r, "减小时", "low")
                                : strcmp(s->flips, "high") == 0 ? tr(r, "增大时", "high") : tr(r, "两者", "both"));
            fputs(flip ? "</strong></td><td><code>" : "</td><td><code>", f);
            esc(f, s->where);
            fputs("</code></td><td>", f);
            esc(f, s->why);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
        if (m > 5)
            fprintf(f, tr(r, "<p>另有 %d 个假设对其影响更小。</p>\n", "<p>%d more assumptions move it less.</p>\n"), m - 5);
    }
    free(rank);
    free(rows);
}

/* The model against published figures (calibration.dat), when the
 * scenario has calibration records. */
static void calibration(FILE *f, const Report *r)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/calibration.dat", r->dir);
    char *text = results_read_file(path, RESULTS_FILE_MAX, NULL);
    if (!text) return;
    int shown = 0;
    for (const char *p = text; p; p = next_line(p)) {
        char metric[64], year[16], model[48], pub[48], diff[48], source[320];
        const char *q = p;
        if (*p == '#' || !next_field(&q, metric, sizeof metric) || strcmp(metric, "metric") == 0) continue;
        if (!next_field(&q, year, sizeof year) || !next_field(&q, model, sizeof model) ||
            !next_field(&q, pub, sizeof pub) || !next_field(&q, diff, sizeof diff))
            continue;
        if (!next_field(&q, source, sizeof source)) source[0] = '\0';
        if (!shown++) {
            fputs(tr(r, "<h2>2020年：模型与公开数据对照</h2>\n<p>情景的 calibration 记录；各项差距的原因与可改变它的设置见 docs/calibration.md。</p>\n",
                     "<h2>2020 against published figures</h2>\n<p>The scenario's calibration records; why each gap "
                     "exists and which setting would close it: docs/calibration.md.</p>\n"), f);
            fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    tr(r, "指标", "figure"), tr(r, "年份", "year"), tr(r, "模型", "model"), tr(r, "公开数据", "published"),
                    tr(r, "差异", "difference"), tr(r, "来源", "source"));
        }
        char label[160], mv[64], pv[64], dv[32];
        const char *unit = present_metric_unit(metric);
        double m = strtod(model, NULL), v = strtod(pub, NULL), df = strtod(diff, NULL);
        present_metric_label(metric, r->en, label, sizeof label);
        present_format_as(mv, sizeof mv, unit, m, fabs(v), r->en, 0, 0);
        present_format_as(pv, sizeof pv, unit, v, fabs(v), r->en, 0, 0);
        if (isfinite(df)) snprintf(dv, sizeof dv, "%+.1f%%", 100 * df);
        else snprintf(dv, sizeof dv, "–");
        fputs("<tr><td>", f);
        esc(f, label);
        fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">", year);
        esc(f, mv);
        fputs("</td><td class=\"n\">", f);
        esc(f, pv);
        fputs("</td><td class=\"n\">", f);
        esc(f, dv);
        fputs("</td><td>", f);
        esc(f, source);
        fputs("</td></tr>\n", f);
    }
    if (shown) fputs("</table>\n", f);
    free(text);
}

/* v in fmt, without the sign of a value that rounds to zero ("-0.00"). */
static void put_rounded(FILE *f, const char *fmt, double v)
{
    char b[64];
    snprintf(b, sizeof b, fmt, v);
    fputs(b[0] == '-' && strspn(b, "-0.") == strlen(b) ? b + 1 : b, f);
}

/* dispatch.yardstick: the rules against the optimum of the same years and
 * weather, from annual-optimal.dat beside annual.dat, as summary.md shows
 * it (display units: metric value / div; gap = rules - optimum). */
static Status yardstick(FILE *f, const Report *r)
{
    /* only: 0 every run, 1 runs with hydrogen, 2 runs where capacity was started (as summary.md) */
    static const struct { const char *metric, *zh, *en, *fmt; double div; int only; } m[] = {
        { "curtailed_mwh", "弃风弃光电量（吉瓦时）", "curtailment (GWh)", "%.2f", 1000, 0 },
        { "coal_power_mwh", "煤电发电量（吉瓦时）", "coal power (GWh)", "%.2f", 1000, 0 },
        { "coal_started_mw", "煤电启动容量（兆瓦，年累计）", "coal capacity started (MW)", "%.0f", 1, 2 },
        { "co2_mt", "二氧化碳排放（百万吨）", "CO2 (Mt)", "%.4f", 1, 0 },
        { "unserved_mwh", "缺电量（兆瓦时）", "unserved (MWh)", "%.2f", 1, 0 },
        { "storage_cycles", "储能等效循环次数（放电量/储能容量）", "storage cycles (discharge / storage energy)",
          "%.2f", 1, 0 },
        { "storage_avoided_curtailment_mwh", "储能减少弃电量（吉瓦时）", "curtailment avoided by storage (GWh)",
          "%.2f", 1000, 0 },
        { "storage_arbitrage_yi_yuan", "储能峰谷价差收益（亿元，电价信号）", "storage arbitrage at the price signal (亿元)",
          "%.4f", 1, 0 },
        { "electrolyser_mwh", "电解制氢用电量（吉瓦时）", "electrolysers (GWh)", "%.2f", 1000, 1 },
        { "curtailment_absorbed_mwh", "电解消纳弃电量（吉瓦时）", "curtailment absorbed by electrolysers (GWh)", "%.2f",
          1000, 1 },
        { "h2_unmet_t", "氢需求缺口（吨）", "hydrogen demand not met (t)", "%.1f", 1, 1 },
    };
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/annual-optimal.dat", r->dir);
    if (access(path, F_OK) != 0) return ST_OK;   /* a plain run */
    DatTable opt = { 0 };
    Status st = results_dat_read(path, &opt, r->d);
    if (st != ST_OK) return st;
    fputs(tr(r, "<h2>规则调度与最优调度对照</h2>\n<p>同一年份、同一天气由 optimal（逐滚动窗口线性规划，docs/optimal-dispatch.md）"
                "调度的结果，逐年数据见 annual-optimal.dat。差距 = 规则 − 最优。</p>\n",
             "<h2>Rules against the optimum</h2>\n<p>The same years and weather dispatched by optimal (a linear program "
             "per rolling window, docs/optimal-dispatch.md); its rows are in annual-optimal.dat. Gap = rules − "
             "optimum.</p>\n"), f);
    fprintf(f, "<table>\n<tr><th>%s</th><th></th><th>%s</th><th>%s</th><th>%s</th></tr>\n", tr(r, "年份", "year"),
            tr(r, "规则", "rules"), tr(r, "最优", "optimum"), tr(r, "差距", "gap"));
    int yr = results_dat_col(&r->annual, "year"), yo = results_dat_col(&opt, "year");
    const int h2 = tech_shown(r, "electrolyser_capacity_mw") || tech_shown(r, "h2_trucks")
                   || tech_shown(r, "methanol_capacity_t");
    const int starts = any_positive(r, "coal_started_mw") || dat_any_positive(&opt, "coal_started_mw");
    for (int i = 0; i < r->annual.n_rows; i++) {
        double year = results_dat_get(&r->annual, i, yr);
        int j = 0;
        while (j < opt.n_rows && results_dat_get(&opt, j, yo) != year) j++;
        if (j == opt.n_rows) continue;
        for (size_t k = 0; k < sizeof m / sizeof m[0]; k++) {
            int cr = results_dat_col(&r->annual, m[k].metric), co = results_dat_col(&opt, m[k].metric);
            if (cr < 0 || co < 0 || (m[k].only == 1 && !h2) || (m[k].only == 2 && !starts)) continue;
            double a = results_dat_get(&r->annual, i, cr) / m[k].div, b = results_dat_get(&opt, j, co) / m[k].div;
            fprintf(f, "<tr><td class=\"n\">%.0f</td><td>%s</td><td class=\"n\">", year, tr(r, m[k].zh, m[k].en));
            put_rounded(f, m[k].fmt, a);
            fputs("</td><td class=\"n\">", f);
            put_rounded(f, m[k].fmt, b);
            fputs("</td><td class=\"n\">", f);
            put_rounded(f, m[k].fmt, a - b);
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</table>\n", f);
    results_dat_free(&opt);
    return ST_OK;
}

static Status charts_section(FILE *f, const Report *r)
{
    fputs(tr(r, "<h2>图表</h2>\n", "<h2>Charts</h2>\n"), f);
    for (int i = 0; i < plot_chart_count(); i++) {
        const PlotChart *c = plot_chart_get(i);
        char path[PATH_LEN];
        const char *mime = "image/png";
        size_t len = 0;
        snprintf(path, sizeof path, "%s/charts/%s.png", r->dir, c->name);
        unsigned char *img = (unsigned char *)results_read_file(path, IMG_MAX, &len);
        if (!img) {
            snprintf(path, sizeof path, "%s/charts/%s.svg", r->dir, c->name);
            img = (unsigned char *)results_read_file(path, IMG_MAX, &len);
            mime = "image/svg+xml";
        }
        fprintf(f, "<figure id=\"%s\">\n<h3>", c->name);
        fprintf(f, tr(r, "图%d　", "Figure %d. "), i + 1);
        esc(f, r->en ? c->title_en : c->title_zh);
        fputs("</h3>\n", f);
        if (img) {
            fprintf(f, "<img alt=\"%s\" src=\"data:%s;base64,", c->name, mime);
            base64(f, img, len);
            fputs("\">\n", f);
            free(img);
        } else {
            fprintf(f, tr(r, "<div class=\"missing\">此图未生成（charts/%s.png 不存在）：请运行绘图（需要 gnuplot）。</div>\n",
                         "<div class=\"missing\">Not drawn (no charts/%s.png): run the plot step (needs gnuplot).</div>\n"),
                    c->name);
        }
        fputs("<figcaption>", f);
        esc(f, r->en ? c->caption_en : c->caption_zh);
        fputs("</figcaption>\n</figure>\n", f);
    }
    return ST_OK;
}

static void note(FILE *f, const char *label, const char *text)
{
    fputs("<li><b>", f);
    esc(f, label);
    fputs("</b>", f);
    esc(f, text);
    fputs("</li>\n", f);
}

/* The units of the key figures, from the unit table (present.h):
 * "装机 万千瓦；电量 亿千瓦时；..." — the same unit only once per kind. */
static void units_note(char *buf, size_t n, int en)
{
    static const struct { const char *zh, *en, *units[3]; } kinds[] = {
        { "装机", "capacity", { "MW" } },
        { "电量", "energy", { "MWh" } },
        { "煤炭", "coal", { "Mt" } },
        { "能源", "energy", { "Mtce", "亿tce" } },
        { "强度", "intensities", { "tce/万元", "tCO2/万元" } },
    };
    size_t w = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && w < n; k++) {
        w += (size_t)snprintf(buf + w, n - w, "%s%s ", k ? (en ? "; " : "；") : "", en ? kinds[k].en : kinds[k].zh);
        const char *prev = NULL;
        for (int i = 0; i < 3 && kinds[k].units[i] && w < n; i++) {
            DisplayUnit u = present_unit(kinds[k].units[i], HUGE_VAL, en);
            const char *t = present_unit_text(&u);
            if (prev && strcmp(prev, t) == 0) continue;
            w += (size_t)snprintf(buf + w, n - w, "%s%s", prev ? (en ? ", " : "、") : "", t);
            prev = t;
        }
    }
    if (w < n) snprintf(buf + w, n - w, "%s", en ? "." : "。");
}

static void method_notes(FILE *f, const Report *r)
{
    char method[64], gce[512], cal[64], coal_co2[64], grid[512], scope[64], gdp[64], growth[512], strategy[64];
    char buf[2048], sched[512];
    results_cfg_get(r->cfg, "accounting", "method", method, sizeof method);
    results_cfg_get(r->cfg, "accounting", "gce_per_kwh", gce, sizeof gce);
    results_cfg_get(r->cfg, "accounting", "calorific_kgce_per_kwh", cal, sizeof cal);
    results_cfg_get(r->cfg, "accounting", "coal_co2_t_per_tce", coal_co2, sizeof coal_co2);
    results_cfg_get(r->cfg, "accounting", "grid_co2_kg_per_kwh", grid, sizeof grid);
    results_cfg_get(r->cfg, "accounting", "scope", scope, sizeof scope);
    results_cfg_get(r->cfg, "economy", "gdp_base_yi_yuan", gdp, sizeof gdp);
    results_cfg_get(r->cfg, "economy", "growth_frac", growth, sizeof growth);
    results_cfg_get(r->cfg, "dispatch", "strategy", strategy, sizeof strategy);

    fputs(tr(r, "<h2>方法说明</h2>\n<ul class=\"notes\">\n", "<h2>Method notes</h2>\n<ul class=\"notes\">\n"), f);
    int mv = enum_value(ENUM_METHOD, method);
    if (mv < 0) mv = CONV_COAL_EQUIVALENT;   /* the schema's default */
    int stv = enum_value(ENUM_STRATEGY, strategy);
    if (stv < 0) stv = STRATEGY_RENEWABLE_FIRST;
    if (mv == CONV_CALORIFIC) {
        snprintf(buf, sizeof buf, tr(r, "电热当量计算法（calorific）：非化石能源电力按 %s 千克标煤/千瓦时折算。",
                                    "calorific method: non-fossil electricity at %s kgce/kWh."), cal);
    } else {
        schedule_text(gce, r->en, 1, "", sched, sizeof sched);
        snprintf(buf, sizeof buf,
                 tr(r, "发电煤耗计算法（%s）：非化石能源电力按当年全国火电平均供电煤耗折算标准煤（克标煤/千瓦时：%s）。",
                   "coal-equivalent method (%s): non-fossil electricity at the year's national average coal use of "
                   "thermal power supply (gce/kWh: %s)."),
                 enum_name(ENUM_METHOD, mv), sched);
    }
    note(f, tr(r, "能源折算：", "Energy conversion: "), buf);

    schedule_text(grid, r->en, 1, "", sched, sizeof sched);
    int sv = enum_value(ENUM_SCOPE, scope);
    if (sv < 0) sv = SCOPE_PRODUCTION;   /* the schema's default */
    static const char *const scope_text[][2] = {
        [SCOPE_PRODUCTION] = { "生产口径：仅本地化石能源燃烧排放（煤电、煤化工及其他工业用能）",
                               "production: local fossil combustion only (coal power, coal chemicals, other industry)" },
        [SCOPE_CONSUMPTION_IMPORTS] = {
            "消费口径：本地化石能源燃烧排放，加调入电量 × 区域电网排放因子",
            "consumption: local fossil combustion plus imported electricity x the regional grid factor" },
        [SCOPE_NET_EXCHANGE] = {
            "净调入口径：本地化石能源燃烧排放，加（调入电量 − 外送电量）× 区域电网排放因子，外送电力的排放从本县扣除",
            "net exchange: local fossil combustion plus (imports - exports) x the regional grid factor; the "
            "emissions of exported electricity are deducted from the county" },
    };
    snprintf(buf, sizeof buf,
             tr(r, "%s（scope = %s）。燃煤排放因子 %s 吨二氧化碳/吨标煤；电网排放因子（千克/千瓦时）：%s。",
               "%s (scope = %s). Coal %s tCO2/tce; grid factor (kg/kWh): %s."),
             scope_text[sv][r->en], enum_name(ENUM_SCOPE, sv), coal_co2, sched);
    note(f, tr(r, "二氧化碳口径：", "CO2 scope: "), buf);

    schedule_text(growth, r->en, 100, "%", sched, sizeof sched);
    snprintf(buf, sizeof buf,
             tr(r, "2020年不变价；基年 %s 亿元，年增长率 %s。单位GDP能耗 = 能源消费总量 / GDP，单位GDP二氧化碳 = 二氧化碳排放 / GDP。",
               "constant 2020 prices; %s 亿元 (100 M CNY) in the first year, growth %s per year. "
               "Intensities are energy consumption and CO2 per 10^4 CNY of GDP."),
             gdp, sched);
    note(f, tr(r, "地区生产总值：", "GDP: "), buf);

    snprintf(buf, sizeof buf,
             tr(r, "%s：逐时求解电力平衡（风电+光伏+煤电+储能放电+受入+缺电 = 本地负荷+外送+储能充电），富余新能源先充储能、再外送，其余为弃风弃光。",
               "%s: the balance wind + PV + coal + discharge + import + unserved = load + export + charge is solved "
               "every hour; surplus wind and PV charge storage, then go out on the line, the rest is curtailed."),
             enum_name(ENUM_STRATEGY, stv));
    note(f, tr(r, "调度：", "Dispatch: "), buf);

    /* Weather: what drove the run (run.cfg) and what it was (annual.dat); the
     * provenance of each setting is in the scenario file, not in the results. */
    char wsrc[256], wh[64], seed[64];
    results_cfg_get(r->cfg, "weather", "source", wsrc, sizeof wsrc);
    results_cfg_get(r->cfg, "weather", "wind_ref_height_m", wh, sizeof wh);
    results_cfg_get(r->cfg, "scenario", "seed", seed, sizeof seed);
    double wm[3] = { 0, 0, 0 };
    int wn = 0;
    static const char *const wcol[3] = { "wind_mean_ms", "ghi_kwh_per_m2", "temp_mean_c" };
    for (int i = 0; i < r->annual.n_rows; i++) {
        double v[3];
        for (int k = 0; k < 3; k++) v[k] = annual_at(r, i, wcol[k]);
        if (!(isfinite(v[0]) && isfinite(v[1]) && isfinite(v[2]))) continue;
        for (int k = 0; k < 3; k++) wm[k] += v[k];
        wn++;
    }
    if (wn > 0) {
        int synth = wsrc[0] == '\0' || strcmp(wsrc, "synthetic") == 0;
        snprintf(buf, sizeof buf,
                 tr(r, "%s%s；%d 年平均：%s 米高度风速 %.2f 米/秒，水平面总辐射 %.0f 千瓦时/平方米·年，气温 %.1f ℃。"
                       "各气象参数的依据见情景文件中的 source/assumption 注释（无公开数据者列于下方“假设”）；"
                       "基准情景的公开气候资料与合成天气对比见 docs/weather-data.md。",
                    "%s%s; means over %d years: wind %.2f m/s at %s m, GHI %.0f kWh/m2 a year, air %.1f C. "
                    "Each weather setting's basis is its source:/assumption: comment in the scenario file (those "
                    "without a published figure are listed under Assumptions below); for the base plan, "
                    "docs/weather-data.md compares published climate figures with the synthetic weather."),
                 synth ? tr(r, "合成天气，随机种子 ", "synthetic, seed ") : tr(r, "天气文件：", "weather file: "),
                 synth ? seed : wsrc, wn, wh[0] ? wh : "?", wm[0] / wn, wm[1] / wn, wm[2] / wn);
        note(f, tr(r, "天气：", "Weather: "), buf);
    }

    double worst = 0;
    int c = results_dat_col(&r->annual, "max_balance_residual_mw");
    for (int i = 0; i < r->annual.n_rows; i++) worst = fmax(worst, results_dat_get(&r->annual, i, c));
    if (c >= 0) {
        snprintf(buf, sizeof buf, tr(r, "逐时电力平衡最大残差 %.3g 兆瓦（全部 %d 年）。", "worst hourly balance residual %.3g MW (all %d years)."),
                 worst, r->annual.n_rows);
        note(f, tr(r, "平衡校验：", "Balance check: "), buf);
    }
    note(f, tr(r, "典型周：", "Typical weeks: "),
         tr(r, "取最后一个逐时输出年份中季节内（夏季6–8月，冬季1、2、12月）平均风速居中位的连续7天，不随装机方案变化，各情景可直接对比。",
           "the 7 days of median mean wind speed within the season (summer June–August; winter January, February, "
           "December) of the last year with hourly output; the choice depends on the weather only, so scenarios "
           "compare directly."));
    units_note(buf, sizeof buf, r->en);
    note(f, tr(r, "单位：", "Units: "), buf);
    fputs("</ul>\n", f);
}

/* The assumptions register, as summary.md lists it (the report is made
 * from the output directory alone). */
static void assumptions(FILE *f, const Report *r)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/summary.md", r->dir);
    char *md = results_read_file(path, RESULTS_FILE_MAX, NULL);
    AssumptionList *l = md ? malloc(sizeof *l) : NULL;
    if (l && assumptions_read_md(md, l) > 0) {
        fputs(tr(r, "<h2>假设（依据与来源见情景文件）</h2>\n<ul class=\"notes\">\n",
                "<h2>Assumptions (sources in the scenario file)</h2>\n<ul class=\"notes\">\n"), f);
        for (int i = 0; i < l->n; i++) {
            fputs("<li>", f);
            if (l->a[i].line > 0) fprintf(f, "line %d: ", l->a[i].line);
            esc(f, assumption_text(l, i));
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    free(l);
    free(md);
}

static Status write_page(FILE *f, Report *r)
{
    header(f, r);
    verdict(f, r);
    key_figures(f, r);
    hydrogen(f, r);
    target_table(f, r);
    coal_units(f, r);
    storage_price(f, r);
    Status st = yardstick(f, r);
    if (st != ST_OK) return st;
    sensitivity(f, r);
    calibration(f, r);
    st = charts_section(f, r);
    method_notes(f, r);
    assumptions(f, r);
    fputs("</main>\n</body>\n</html>\n", f);
    return st;
}

Status report_write(const char *scenario_dir, const char *lang, Diag *d)
{
    if (!lang) lang = "zh";
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        diag_error(d, ST_USAGE, NULL, 0, NULL, "report language '%s': use zh or en", lang);
        return ST_USAGE;
    }
    Report *r = calloc(1, sizeof *r);
    if (!r) {
        diag_error(d, ST_NOMEM, scenario_dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    r->dir = scenario_dir;
    r->en = strcmp(lang, "en") == 0;
    r->d = d;
    char path[PATH_LEN];
    Status st;
    AtomicFile *af = NULL;
    snprintf(path, sizeof path, "%s/annual.dat", scenario_dir);
    if ((st = results_dat_read(path, &r->annual, d)) != ST_OK) goto done;
    if (r->annual.n_rows == 0 || results_dat_col(&r->annual, "year") < 0) {
        diag_error(d, ST_IO, path, 0, NULL, "no year column or no rows");
        st = ST_IO;
        goto done;
    }
    snprintf(path, sizeof path, "%s/targets.dat", scenario_dir);
    if ((st = results_targets_read(path, &r->targets, d)) != ST_OK) goto done;
    snprintf(path, sizeof path, "%s/run.cfg", scenario_dir);
    r->cfg = results_read_file(path, RESULTS_FILE_MAX, NULL);
    if (!r->cfg) {
        diag_error(d, ST_IO, path, 0, NULL, "cannot read: %s", strerror(errno));
        st = ST_IO;
        goto done;
    }

    snprintf(path, sizeof path, "%s/report.html", scenario_dir);
    if (!(af = calloc(1, sizeof *af))) {   /* 64 KiB buffer: not on a worker's stack */
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        st = ST_NOMEM;
        goto done;
    }
    if ((st = afile_open(af, path, d)) != ST_OK) goto done;
    st = write_page(af->f, r);
    if (st == ST_OK) st = afile_commit(af, d);
    else afile_abort(af);
done:
    free(af);
    results_dat_free(&r->annual);
    results_targets_free(&r->targets);
    free(r->cfg);
    free(r);
    return st;
}
