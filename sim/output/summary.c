/* summary.c — summary.md, a view of the in-memory results (DESIGN §9).
 * Figures are shown in the units the plan uses (万千瓦, 亿千瓦时, 万吨). */
#include "summary.h"

#include <math.h>
#include <string.h>

#include "accounting.h"
#include "assumptions.h"
#include "enums.h"
#include "present.h"
#include "schedule.h"
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
    { "energy_consumption_mtce", "%.1f", NULL, 0 },
    { "co2_mt", "%.1f", NULL, 0 },
    { "gdp_yi_yuan", "%.1f", NULL, 0 },
    { "energy_intensity_tce_per_10k_yuan", "%.3f", NULL, 0 },
    { "carbon_intensity_t_per_10k_yuan", "%.3f", NULL, 0 },
    { "energy_intensity_change_frac", "%+.1f", NULL, 0 },
    { "carbon_intensity_change_frac", "%+.1f", NULL, 0 },
};

const Figure *summary_key_figures(int *n)
{
    *n = (int)(sizeof key_figures / sizeof key_figures[0]);
    return key_figures;
}

static void figure_row(FILE *f, const Figure *fig, const RunResults *res)
{
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

static const char *op_words(TargetOp op)
{
    switch (op) {
    case OP_GE: case OP_LE: return present_op_symbol(op);
    case OP_RANGE: return "in";
    case OP_REDUCTION: return "reduction ≥";
    }
    return "?";
}

void summary_write(FILE *f, const Scenario *s, const RunResults *res)
{
    fprintf(f, "# %s\n\n", s->name);
    if (s->description[0]) fprintf(f, "%s\n\n", s->description);
    fprintf(f, "ecsim %s, seed %lu, years %d–%d, dispatch `%s`, config `%s`.\n\n", ECSIM_VERSION,
            s->seed, s->first_year, s->last_year,
            enum_name(ENUM_STRATEGY, (int)s->dispatch.strategy), s->source_file);

    fputs("## Key figures\n\n| | ", f);
    for (int i = 0; i < res->n_years; i++) fprintf(f, "%.0f | ", res->rows[i].year);
    fputs("\n|---|", f);
    for (int i = 0; i < res->n_years; i++) fputs("---:|", f);
    fputc('\n', f);
    for (size_t k = 0; k < sizeof key_figures / sizeof key_figures[0]; k++) figure_row(f, &key_figures[k], res);

    if (res->n_targets > 0) {
        fprintf(f, "\n## Targets: %d checked, %d failed\n\n", res->n_targets, res->n_failed);
        fputs("| target | year | value | check | margin | result |\n|---|---:|---:|---|---:|---|\n", f);
        for (int i = 0; i < res->n_targets; i++) {
            const TargetResult *t = &res->targets[i];
            fprintf(f, "| %s (`%s`) | %d | %.6g | %s %.6g", t->label, t->id, t->year, t->value,
                    op_words(t->op), t->threshold);
            if (t->op == OP_RANGE) fprintf(f, "–%.6g", t->upper);
            if (t->op == OP_REDUCTION) fprintf(f, " from %d", t->base_year);
            fprintf(f, " | %+.6g | %s |\n", t->margin, t->pass ? "pass ✅" : "FAIL ❌");
        }
    }

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
