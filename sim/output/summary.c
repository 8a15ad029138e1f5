/* summary.c — summary.md, a view of the in-memory results (DESIGN §9).
 * Figures are shown in the units the plan uses (万千瓦, 亿千瓦时, 万吨). */
#include "summary.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "accounting.h"
#include "assumptions.h"
#include "enums.h"
#include "present.h"
#include "schedule.h"
#include "utf8.h"
#include "version.h"

/* The key figures, in the plan's units (present.h); labels and units come
 * from the metric and unit registries, the rows of each generator from the
 * technology registry (FIG_TECH_*: wind, PV, CSP when the run has a plant). */
static const Figure key_figures[] = {
    { FIG_TECH_CAPACITY, "%.1f", NULL, 0 },
    { "storage_power_mw", "%.1f", NULL, 0 },
    { "coal_power_capacity_mw", "%.1f", NULL, 0 },
    { "coal_capacity_mt", "%.0f", NULL, 0 },
    { "coal_output_mt", "%.0f", NULL, 0 },
    { FIG_TECH_AVAIL, "%.2f", NULL, 0 },
    { "curtailed_mwh", "%.2f", NULL, 0 },
    { "re_utilisation", "%.1f", NULL, 0 },
    { FIG_TECH_FLH, "%.0f", NULL, 0 },
    { "coal_power_mwh", "%.2f", NULL, 0 },
    { "load_mwh", "%.2f", NULL, 0 },
    { "export_mwh", "%.2f", NULL, 0 },
    { "import_mwh", "%.2f", NULL, 0 },
    { "storage_cycles", "%.0f", "", 0 },
    { "unserved_mwh", "%.2f", "万千瓦时", 0 },
    { "energy_production_mtce", "%.0f", NULL, 0 },
    { "energy_production_coal_equiv_mtce", "%.0f", NULL, 1 },
    { "energy_production_calorific_mtce", "%.0f", NULL, 1 },
    { "energy_production_capacity_yi_tce", "%.4f", NULL, 0 },
    { "energy_production_capacity_calorific_mtce", "%.4f", "亿吨标煤", 0 },
    { "conversion_coal_t", "%.0f", NULL, 0 },
    { "conversion_product_t", "%.0f", NULL, 1 },
    { "conversion_load_mwh", "%.2f", NULL, 1 },
    { "energy_consumption_mtce", "%.1f", NULL, 0 },
    { "conversion_energy_mtce", "%.1f", NULL, 1 },
    { "feedstock_mtce", "%.1f", NULL, 1 },
    { "energy_consumption_excl_feedstock_mtce", "%.1f", NULL, 0 },
    { "co2_mt", "%.1f", NULL, 0 },
    { "co2_process_t", "%.1f", NULL, 1 },
    { "co2_conversion_combustion_t", "%.1f", NULL, 1 },
    { "co2_captured_t", "%.1f", NULL, 1 },
    { "co2_stored_t", "%.1f", NULL, 1 },
    { "co2_used_t", "%.1f", NULL, 1 },
    { "gdp_yi_yuan", "%.1f", NULL, 0 },
    { "energy_intensity_tce_per_10k_yuan", "%.3f", NULL, 0 },
    { "carbon_intensity_t_per_10k_yuan", "%.3f", NULL, 0 },
    { "energy_intensity_change_frac", "%+.1f", NULL, 0 },
    { "energy_intensity_total_change_frac", "%+.1f", NULL, 1 },
    { "energy_intensity_excl_feedstock_change_frac", "%+.1f", NULL, 1 },
    { "carbon_intensity_change_frac", "%+.1f", NULL, 0 },
    { "invest_total_yi_yuan", "%.1f", NULL, 0 },
    { "invest_cum_yi_yuan", "%.1f", NULL, 0 },
    { "annual_cost_yi_yuan", "%.1f", NULL, 0 },
    { "lcoe_county_yuan_per_kwh", "%.3f", NULL, 0 },
    { "net_cost_yi_yuan", "%.2f", NULL, 0 },
};

const Figure *summary_key_figures(int *n)
{
    *n = (int)(sizeof key_figures / sizeof key_figures[0]);
    return key_figures;
}

/* Rows of coal conversion (its metrics and the figures it splits) appear
 * only in a run with conversion plants; a run without keeps its table. */
static int conversion_row(const char *metric)
{
    const Metric *m = metrics_find(metric);
    return (m && m->owner == TECH_COAL_CONVERSION) || strcmp(metric, "energy_consumption_excl_feedstock_mtce") == 0
        || strncmp(metric, "energy_intensity_total", 22) == 0 || strncmp(metric, "energy_intensity_excl", 21) == 0;
}

static int has_conversion(const RunResults *res)
{
    for (int i = 0; i < res->n_years; i++)
        if (res->rows[i].conversion_coal_t > 0) return 1;
    return 0;
}

static void figure_row(FILE *f, const Figure *fig, const RunResults *res)
{
    if (conversion_row(fig->metric) && !has_conversion(res)) return;
    const char *names[PRESENT_TECH_MAX], *capacity[PRESENT_TECH_MAX];
    int n = present_tech_figures(fig->metric, names, capacity);
    if (n >= 0) {   /* one row per generator the run has */
        for (int k = 0; k < n; k++)
            if (present_tech_shown(capacity[k], res->rows, res->n_years))
                figure_row(f, &(Figure){ names[k], fig->format, fig->unit, fig->indent }, res);
        return;
    }
    FigureCol c;
    if (!present_figure(fig, &c)) return;   /* the unit test checks every figure resolves */
    fprintf(f, "| %s |", c.heading);
    for (int i = 0; i < res->n_years; i++) {
        fputc(' ', f);
        fprintf(f, c.format, present_figure_value(&c, &res->rows[i]));
        fputs(" |", f);
    }
    fputc('\n', f);
}

/* A table of the figures, one column per year of the run. */
static void figure_table(FILE *f, const Figure *figs, size_t n, const RunResults *res)
{
    fputs("| | ", f);
    for (int i = 0; i < res->n_years; i++) fprintf(f, "%.0f | ", res->rows[i].year);
    fputs("\n|---|", f);
    for (int i = 0; i < res->n_years; i++) fputs("---:|", f);
    fputc('\n', f);
    for (size_t k = 0; k < n; k++) figure_row(f, &figs[k], res);
}

/* Electrolysers, methanol and hydrogen trucks (docs/hydrogen.md), only
 * when the run has any of them. */
static void hydrogen_section(FILE *f, const Scenario *s, const RunResults *res)
{
    int any = 0;
    for (int i = 0; i < res->n_years; i++)
        any |= res->rows[i].electrolyser_capacity_mw > 0 || res->rows[i].h2_trucks > 0
             || res->rows[i].methanol_capacity_t > 0;
    if (!any) return;
    static const Figure figs[] = {
        { "electrolyser_capacity_mw", "%.1f", NULL, 0 }, { "electrolyser_mwh", "%.2f", NULL, 0 },
        { "curtailment_absorbed_mwh", "%.2f", NULL, 1 }, { "electrolyser_from_export_mwh", "%.2f", NULL, 1 },
        { "electrolyser_full_load_hours", "%.0f", NULL, 0 }, { "h2_produced_t", "%.0f", NULL, 0 },
        { "h2_delivered_t", "%.0f", NULL, 0 }, { "h2_unmet_t", "%.0f", NULL, 0 },
        { "methanol_t", "%.0f", NULL, 0 }, { "methanol_co2_used_t", "%.0f", NULL, 0 },
        { "h2_truck_km", "%.0f", NULL, 0 }, { "diesel_avoided_t", "%.0f", NULL, 0 },
        { "diesel_co2_avoided_t", "%.0f", NULL, 0 }, { "h2_haulage_share_frac", "%.2f", NULL, 0 },
        { "co2_mt", "%.1f", NULL, 0 }, { "co2_ccu_removed_mt", "%.1f", NULL, 0 },
    };
    fputs("\n## Electrolysers, CO2-to-methanol and hydrogen trucks\n\n", f);
    figure_table(f, figs, sizeof figs / sizeof figs[0], res);
    fprintf(f, "\nThe electrolysers run only on surplus wind and PV (priority `%s`: %s), never on coal or "
               "imports; below %.0f %% of their capacity they idle. The methanol's carbon is counted **%s** "
               "(`methanol.carbon`; the other convention is the row co2_ccu_removed_mt). The diesel the trucks "
               "avoid %s. See docs/hydrogen.md.\n",
            s->electrolyser.priority == ELY_BEFORE_EXPORT ? "before_export" : "before_curtailment",
            s->electrolyser.priority == ELY_BEFORE_EXPORT ? "before the export line takes the surplus"
                                                          : "only what would be curtailed",
            100.0 * s->electrolyser.min_load_frac,
            s->methanol.carbon == CCU_REMOVED ? "removed" : "as emitted when the methanol is burnt (CCU delays)",
            s->h2_trucks.diesel_in_accounting ? "comes off the county's other fossil use and CO2 (at most "
                                                "accounting.other_industry_mtce)"
                                              : "is reported only, not taken off the county's energy use");
}

static const char *op_words(TargetOp op)
{
    switch (op) {
    case OP_GE: case OP_LE: return present_op_symbol(op);
    case OP_RANGE: return "in";
    case OP_REDUCTION: return "reduction ≥";
    }
    return "?";
}

/* The rows of one kind; returns how many. */
static int target_rows(FILE *f, const RunResults *res, TargetKind kind)
{
    int n = 0;
    for (int i = 0; i < res->n_targets; i++) {
        const TargetResult *t = &res->targets[i];
        if (t->kind != kind) continue;
        if (n++ == 0) {
            fprintf(f, "| target | basis | year | %s | check | margin | result |\n"
                       "|---|---|---:|---:|---|---:|---|\n", kind == KIND_SCHEDULE ? "installed at year end" : "value");
        }
        fprintf(f, "| %s (`%s`) | %s | %d | %.6g | %s %.6g", t->label, t->id, enum_name(ENUM_TARGET_BASIS, (int)t->basis),
                t->year, t->value, op_words(t->op), t->threshold);
        if (t->op == OP_RANGE) fprintf(f, "–%.6g", t->upper);
        if (t->op == OP_REDUCTION) fprintf(f, " from %d", t->base_year);
        fprintf(f, " | %+.6g | %s |\n", t->margin, t->pass ? "pass ✅" : "FAIL ❌");
    }
    return n;
}

/* Each target's note once, under the table of its kind. */
static void target_notes(FILE *f, const RunResults *res, TargetKind kind)
{
    int n = 0;
    for (int i = 0; i < res->n_targets; i++) {
        const TargetResult *t = &res->targets[i];
        if (t->kind != kind || !t->note[0] || (i > 0 && strcmp(res->targets[i - 1].id, t->id) == 0)) continue;
        fprintf(f, "%s- `%s`: %s\n", n++ ? "" : "\n", t->id, t->note);
    }
}

/* Supply adequacy beside the unserved-energy checks: what the line's
 * imports cover, and what an island would lack (metrics.def). */
static void supply_adequacy(FILE *f, const RunResults *res)
{
    fputs("\n#### Supply adequacy, imports shown separately\n\n"
          "Unserved energy counts after imports through the line. *Import* hours and energy are "
          "covered only by importing; the *island-mode shortfall* is what would be unserved with the "
          "line off (import + unserved − firm export in those hours; docs/model.md).\n\n"
          "| year | unserved (MWh) | import hours | import (MWh) | island-mode shortfall (MWh) | "
          "shortfall hours |\n|---:|---:|---:|---:|---:|---:|\n", f);
    for (int i = 0; i < res->n_years; i++) {
        const AnnualRow *r = &res->rows[i];
        fprintf(f, "| %.0f | %.1f | %.0f | %.1f | %.1f | %.0f |\n", r->year, r->unserved_mwh, r->import_hours,
                r->import_mwh, r->island_shortfall_mwh, r->island_shortfall_hours);
    }
}

static void write_targets(FILE *f, const RunResults *res)
{
    int n_sched = 0, f_sched = 0;
    for (int i = 0; i < res->n_targets; i++)
        if (res->targets[i].kind == KIND_SCHEDULE) {
            n_sched++;
            f_sched += !res->targets[i].pass;
        }
    fprintf(f, "\n## Targets: %d checked, %d failed\n\n", res->n_targets, res->n_failed);
    fputs("Basis: *plan* = the plan's text; *policy* = a national policy document, not the plan; "
          "*assumption* = the scenario's choice (see the note).\n", f);
    fprintf(f, "\n### Simulated results: %d checked, %d failed\n\nVerdicts the simulation produced.\n\n",
            res->n_targets - n_sched, res->n_failed - f_sched);
    if (target_rows(f, res, KIND_RESULT) == 0) fputs("None.\n", f);
    target_notes(f, res, KIND_RESULT);
    supply_adequacy(f, res);
    if (n_sched > 0) {
        fprintf(f, "\n### Schedule checks: %d checked, %d failed\n\nThe scenario's own build-out (an input, "
                   "not simulated) against what the plan says, at year end.\n\n", n_sched, f_sched);
        target_rows(f, res, KIND_SCHEDULE);
        target_notes(f, res, KIND_SCHEDULE);
    }
}

/* The calibration records against the run, in display units (present.h). */
static void calibration(FILE *f, const Scenario *s, const RunResults *res)
{
    if (s->calibration.n == 0) return;
    fputs("\n## 2020 against published figures\n\nThe model's value of the year against a published figure "
          "(the scenario's `calibration` records; every row also in `calibration.dat`; the full comparison "
          "and the reasons for each gap: docs/calibration.md).\n\n"
          "| figure | year | model | published | difference | source |\n|---|---:|---:|---:|---:|---|\n", f);
    for (int i = 0; i < s->calibration.n; i++) {
        const CalibrationPoint *c = &s->calibration.c[i];
        if (c->year < s->first_year || c->year > s->last_year) continue;   /* not simulated */
        const Metric *m = metrics_find(c->metric);
        double v = (double)NAN;
        for (int k = 0; m && k < res->n_years; k++)
            if ((int)res->rows[k].year == c->year) v = metric_value(m, &res->rows[k]);
        char label[160], mv[64], pv[64], src[320];
        present_metric_label(c->metric, 0, label, sizeof label);
        const char *unit = present_metric_unit(c->metric);
        present_format_as(mv, sizeof mv, unit, v, fabs(c->value), 0, 0, 0);
        present_format_as(pv, sizeof pv, unit, c->value, fabs(c->value), 0, 0, 0);
        snprintf(src, sizeof src, "%s", c->source);
        for (char *p = src; *p; p++)
            if (*p == '|') *p = '/';
        fprintf(f, "| %s (`%s`) | %d | %s | %s | ", label, c->metric, c->year, mv, pv);
        if (c->value != 0 && isfinite(v)) fprintf(f, "%+.1f %%", 100 * (v - c->value) / c->value);
        else fputs("–", f);
        fprintf(f, " | %s |\n", src);
    }
}

/* Coal units as they are run (docs/unit-commitment.md): shown when units are
 * committed as needed or the heat rate depends on load, so a must-run run
 * with a flat heat rate keeps its summary. */
static void coal_units(FILE *f, const Scenario *s, const RunResults *res)
{
    const CoalPowerParams *cp = &s->coal_power;
    int part_load = 0;
    for (int k = 0; k < COAL_CURVE_POINTS; k++) part_load |= cp->part_load_factor[k] != 1.0;
    if (cp->commitment != COMMIT_FLEXIBLE && !part_load) return;
    static const Figure figs[] = {
        { "coal_power_capacity_mw", "%.1f", NULL, 0 }, { "coal_power_mwh", "%.2f", NULL, 0 },
        { "coal_started_mw", "%.0f", NULL, 0 }, { "coal_startup_tce", "%.2f", NULL, 0 },
        { "coal_heat_rate_avg_gce_per_kwh", "%.1f", NULL, 0 }, { "coal_power_tce", "%.0f", NULL, 0 },
        { "curtailed_mwh", "%.2f", NULL, 0 },
    };
    fprintf(f, "\n## Coal units: commitment and heat rate\n\nCommitment **%s**: %s. The heat rate %s; "
               "start-up fuel is part of the coal burnt for power. See docs/unit-commitment.md.\n\n",
            cp->commitment == COMMIT_FLEXIBLE ? "flexible" : "must-run",
            cp->commitment == COMMIT_FLEXIBLE
                ? "capacity is stopped before wind and PV are curtailed and started for load and export, down to "
                  "the units' must_run_frac (the whole fleet is one commitment group)"
                : "every unit in service runs at least at its minimum load every hour",
            part_load ? "rises at part load (coal_power.part_load_factor)" : "does not depend on load");
    figure_table(f, figs, sizeof figs / sizeof figs[0], res);
}

/* Storage against the price signal (docs/storage-arbitrage.md): shown when
 * storage discharged in hours priced above the year's mean, so a run with
 * the flat default price keeps its summary. */
static const Figure storage_figures[] = {
    { "storage_power_mw", "%.1f", NULL, 0 },
    { "storage_cycles", "%.0f", "", 0 },
    { "charge_mwh", "%.2f", NULL, 0 },
    { "discharge_mwh", "%.2f", NULL, 0 },
    { "storage_peak_discharge_mwh", "%.2f", NULL, 1 },
    { "storage_avoided_curtailment_mwh", "%.2f", NULL, 0 },
    { "price_mean_yuan_per_kwh", "%.4f", NULL, 0 },
    { "storage_charge_price_yuan_per_kwh", "%.4f", NULL, 0 },
    { "storage_discharge_price_yuan_per_kwh", "%.4f", NULL, 0 },
    { "storage_arbitrage_yi_yuan", "%.4f", NULL, 0 },
    { "storage_compensation_yi_yuan", "%.4f", NULL, 0 },
};

static void storage_price(FILE *f, const RunResults *res)
{
    int shown = 0;
    for (int i = 0; i < res->n_years; i++) shown |= res->rows[i].storage_peak_discharge_mwh > 0.0;
    if (!shown) return;
    fputs("\n## Storage and the price signal\n\n"
          "Cycles = discharge / storage energy; peak discharge = discharge in hours priced above the year's "
          "mean (peak regulation); curtailment avoided = charge that neither the free line nor forgone import "
          "could have taken; arbitrage = Σ price × (discharge − charge) at the hourly price signal "
          "(`price_yuan_per_kwh`, docs/storage-arbitrage.md).\n\n", f);
    figure_table(f, storage_figures, sizeof storage_figures / sizeof storage_figures[0], res);
}

/* v in fmt, without the sign of a value that rounds to zero ("-0.00"). */
static void put_rounded(FILE *f, const char *fmt, double v)
{
    char b[64];
    snprintf(b, sizeof b, fmt, v);
    fputs(b[0] == '-' && strspn(b, "-0.") == strlen(b) ? b + 1 : b, f);
}

/* dispatch.yardstick: the rules against the optimum of the same years and
 * weather (docs/optimal-dispatch.md), per year the measures the optimum
 * ranks, in display units (metric value / div). Gap = rules - optimum. */
/* Any year of the run with electrolysers, a methanol plant or hydrogen trucks. */
static int has_hydrogen(const RunResults *res)
{
    for (int i = 0; i < res->n_years; i++)
        if (res->rows[i].electrolyser_capacity_mw > 0 || res->rows[i].h2_trucks > 0
            || res->rows[i].methanol_capacity_t > 0)
            return 1;
    return 0;
}

/* Any capacity started, by the rules or by the optimum. */
static int has_starts(const RunResults *res)
{
    for (int i = 0; i < res->n_years; i++)
        if (res->rows[i].coal_started_mw > 0) return 1;
    return 0;
}

static void yardstick(FILE *f, const RunResults *res)
{
    /* only: 0 every run, 1 runs with hydrogen, 2 runs where capacity was started */
    static const struct { const char *metric, *label, *fmt; double div; int only; } m[] = {
        { "curtailed_mwh", "curtailment (GWh)", "%.2f", 1000, 0 },
        { "coal_power_mwh", "coal power (GWh)", "%.2f", 1000, 0 },
        { "coal_started_mw", "coal capacity started (MW)", "%.0f", 1, 2 },
        { "co2_mt", "CO2 (Mt)", "%.4f", 1, 0 },
        { "unserved_mwh", "unserved (MWh)", "%.2f", 1, 0 },
        { "storage_cycles", "storage cycles (discharge / storage energy)", "%.2f", 1, 0 },
        { "storage_avoided_curtailment_mwh", "curtailment avoided by storage (GWh)", "%.2f", 1000, 0 },
        { "storage_arbitrage_yi_yuan", "storage arbitrage at the price signal (亿元)", "%.4f", 1, 0 },
        { "electrolyser_mwh", "electrolysers (GWh)", "%.2f", 1000, 1 },
        { "curtailment_absorbed_mwh", "curtailment absorbed by electrolysers (GWh)", "%.2f", 1000, 1 },
        { "h2_unmet_t", "hydrogen demand not met (t)", "%.1f", 1, 1 },
    };
    const RunResults *o = res->optimal;
    const int h2 = has_hydrogen(res) || has_hydrogen(o), starts = has_starts(res) || has_starts(o);
    fputs("\n## Rules against the optimum\n\n"
          "The same years and weather dispatched by `optimal` (a linear program per rolling window, "
          "docs/optimal-dispatch.md); its rows are in `annual-optimal.dat`. Gap = rules − optimum.\n\n"
          "| Year | | Rules | Optimum | Gap |\n|---|---|---:|---:|---:|\n", f);
    for (int i = 0; i < res->n_years && i < o->n_years; i++)
        for (size_t k = 0; k < sizeof m / sizeof m[0]; k++) {
            const Metric *mt = metrics_find(m[k].metric);
            if (!mt || (m[k].only == 1 && !h2) || (m[k].only == 2 && !starts)) continue;
            double r = metric_value(mt, &res->rows[i]) / m[k].div, p = metric_value(mt, &o->rows[i]) / m[k].div;
            fprintf(f, "| %.0f | %s | ", res->rows[i].year, m[k].label);
            put_rounded(f, m[k].fmt, r);
            fputs(" | ", f);
            put_rounded(f, m[k].fmt, p);
            fputs(" | ", f);
            put_rounded(f, m[k].fmt, r - p);
            fputs(" |\n", f);
        }
}

void summary_write(FILE *f, const Scenario *s, const RunResults *res, const SummarySection *extra)
{
    fprintf(f, "# %s\n\n", s->name);
    if (s->description[0]) fprintf(f, "%s\n\n", s->description);
    char file[PATH_MAX_LEN + 64];   /* control characters shown, so the line stays one line */
    fprintf(f, "ecsim %s, seed %lu, years %d–%d, dispatch `%s`, config `%s`.\n\n", ECSIM_VERSION,
            s->seed, s->first_year, s->last_year, enum_name(ENUM_STRATEGY, (int)s->dispatch.strategy),
            utf8_shown(file, sizeof file, s->source_file, SIZE_MAX, sizeof file));
    if (res->weather_note[0]) {   /* a result names its weather */
        char note[sizeof res->weather_note];
        fprintf(f, "Weather: %s\n\n", utf8_shown(note, sizeof note, res->weather_note, SIZE_MAX, sizeof note));
    }

    fputs("## Key figures\n\n", f);
    figure_table(f, key_figures, sizeof key_figures / sizeof key_figures[0], res);

    hydrogen_section(f, s, res);
    if (res->n_targets > 0) write_targets(f, res);
    if (extra && extra->write) extra->write(extra->ctx, f);
    coal_units(f, s, res);
    storage_price(f, res);
    if (res->optimal) yardstick(f, res);
    calibration(f, s, res);

    const AccountingParams *a = &s->accounting;
    fputs("\n## Accounting method and factors\n\n", f);
    fprintf(f, "- Electricity converted by the **%s**; both methods are in `annual.dat` "
               "(`*_coal_equiv_*`, `*_calorific_*`).\n", acct_method_label(a->method));
    fputs("- Coal-equivalent factor (gce/kWh):", f);
    for (int i = 0; i < res->n_years; i++)
        fprintf(f, " %d %.1f%s", s->first_year + i, schedule_at(&a->gce_per_kwh, s->first_year + i),
                i + 1 < res->n_years ? ";" : "");
    fprintf(f, ". Calorific factor %.4f kgce/kWh.\n", a->calorific_kgce_per_kwh);
    fprintf(f, "- Raw coal %.4f tce/t (%s).\n", acct_coal_tce_per_t(&s->coal_mining),
            s->coal_mining.calorific_kcal_per_kg > 0 ? "from the calorific value / 7000 kcal/kg"
                                                    : "national default");
    fprintf(f, "- CO2 scope: **%s**; coal %.3f tCO2/tce; grid factor (kg/kWh):",
            acct_scope_label(a->scope), a->coal_co2_t_per_tce);
    for (int i = 0; i < res->n_years; i++)
        fprintf(f, " %d %.4f%s", s->first_year + i,
                schedule_at(&a->grid_co2_kg_per_kwh, s->first_year + i), i + 1 < res->n_years ? ";" : "");
    fputs(".\n", f);
    if (has_conversion(res)) {
        fputs("- Coal conversion energy use (fuel + conversion losses, Mtce), of it feedstock (原料用能):", f);
        for (int i = 0; i < res->n_years; i++)
            fprintf(f, " %d %.3f, %.3f%s", s->first_year + i, res->rows[i].conversion_energy_mtce,
                    res->rows[i].feedstock_mtce, i + 1 < res->n_years ? ";" : "");
        fprintf(f, ". The energy-intensity headline uses **%s** (`accounting.intensity_basis`; "
                   "both figures are in `annual.dat`). Captured CO2, stored or used, is not emitted in the county "
                   "(docs/coal-conversion.md).\n",
                a->intensity_basis == INTENSITY_EXCL_FEEDSTOCK
                    ? "energy consumption excluding feedstock (扣除原料用能, 发改环资〔2022〕803号)"
                    : "total energy consumption (能源消费总量)");
    }
    fputs("- Coal chemical and other industry (Mtce):", f);
    for (int i = 0; i < res->n_years; i++)
        fprintf(f, " %d %.3f + %.3f%s", s->first_year + i,
                schedule_at(&a->coal_chemical_mtce, s->first_year + i),
                schedule_at(&a->other_industry_mtce, s->first_year + i), i + 1 < res->n_years ? ";" : "");
    fputs(".\n", f);

    double worst = 0;
    for (int i = 0; i < res->n_years; i++)
        worst = fmax(worst, res->rows[i].max_balance_residual_mw);
    fprintf(f, "\n## Checks\n\n- Hourly energy balance: worst residual %.3g MW over all %d years.\n",
            worst, res->n_years);
    /* the register (DESIGN §6): the file's "# assumption:" comments, read at load time */
    assumptions_write_md(f, &s->assumptions);
}
