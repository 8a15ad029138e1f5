/* summary.c — summary.md, a view of the in-memory results (DESIGN §9).
 * Figures are shown in the units the plan uses (万千瓦, 亿千瓦时, 万吨). */
#include "summary.h"

#include <math.h>
#include <string.h>

#include "accounting.h"
#include "schedule.h"
#include "version.h"

static void row_out(FILE *f, const char *label, const RunResults *res, double scale,
                    const char *fmt, size_t offset)
{
    fprintf(f, "| %s |", label);
    for (int i = 0; i < res->n_years; i++) {
        double v = *(const double *)((const char *)&res->rows[i] + offset) * scale;
        fputc(' ', f);
        fprintf(f, fmt, v);
        fputs(" |", f);
    }
    fputc('\n', f);
}

#define ROW(label, field, scale, fmt) row_out(f, label, res, scale, fmt, offsetof(AnnualRow, field))

static const char *op_words(TargetOp op)
{
    switch (op) {
    case OP_GE: return "≥";
    case OP_LE: return "≤";
    case OP_RANGE: return "in";
    case OP_REDUCTION: return "reduction ≥";
    }
    return "?";
}

/* Comments of the scenario file that start with "# assumption:" (and the
 * comment lines that continue them) are the assumptions register (DESIGN §6),
 * listed so planners can replace them with their own statistics. */
static void assumptions(FILE *f, const Scenario *s)
{
    FILE *cfg = fopen(s->source_file, "r");
    if (!cfg) return;
    char line[2048];
    int lineno = 0, n = 0, open = 0;
    while (fgets(line, sizeof line, cfg)) {
        lineno++;
        const char *p = line + strspn(line, " \t");
        const char *a = strstr(line, "# assumption:");
        if (a) {
            if (n++ == 0) fputs("\n## Assumptions this result depends on\n\n", f);
            if (open) fputc('\n', f);
            a += strlen("# assumption:");
            a += strspn(a, " ");
            fprintf(f, "- line %d: %.*s", lineno, (int)strcspn(a, "\r\n"), a);
            open = 1;
        } else if (open && *p == '#') {
            p += 1 + strspn(p + 1, " ");
            fprintf(f, " %.*s", (int)strcspn(p, "\r\n"), p);
        } else if (open) {
            fputc('\n', f);
            open = 0;
        }
    }
    if (open) fputc('\n', f);
    fclose(cfg);
}

void summary_write(FILE *f, const Scenario *s, const RunResults *res)
{
    fprintf(f, "# %s\n\n", s->name);
    if (s->description[0]) fprintf(f, "%s\n\n", s->description);
    fprintf(f, "ecsim %s, seed %lu, years %d–%d, dispatch `%s`, config `%s`.\n\n", ECSIM_VERSION,
            s->seed, s->first_year, s->last_year,
            s->dispatch.strategy == STRATEGY_PEAK_SHAVING ? "peak-shaving"
            : s->dispatch.strategy == STRATEGY_LINE_FIRST ? "line-first" : "renewable-first",
            s->source_file);

    fputs("## Key figures\n\n| | ", f);
    for (int i = 0; i < res->n_years; i++) fprintf(f, "%.0f | ", res->rows[i].year);
    fputs("\n|---|", f);
    for (int i = 0; i < res->n_years; i++) fputs("---:|", f);
    fputc('\n', f);
    ROW("风电装机 wind capacity (万千瓦)", wind_capacity_mw, 0.1, "%.1f");
    ROW("光伏装机 PV capacity, DC (万千瓦)", solar_capacity_mw, 0.1, "%.1f");
    ROW("储能 storage (万千瓦)", storage_power_mw, 0.1, "%.1f");
    ROW("煤电装机 coal power (万千瓦)", coal_power_capacity_mw, 0.1, "%.1f");
    ROW("煤炭产能 coal capacity (万吨)", coal_capacity_mt, 100.0, "%.0f");
    ROW("原煤产量 coal output (万吨)", coal_output_mt, 100.0, "%.0f");
    ROW("风电可发 wind available (亿千瓦时)", wind_avail_mwh, 1e-5, "%.2f");
    ROW("光伏可发 PV available (亿千瓦时)", solar_avail_mwh, 1e-5, "%.2f");
    ROW("弃风弃光 curtailed (亿千瓦时)", curtailed_mwh, 1e-5, "%.2f");
    ROW("新能源利用率 RE utilisation (%)", re_utilisation, 100.0, "%.1f");
    ROW("风电利用小时 wind full-load hours", wind_full_load_hours, 1.0, "%.0f");
    ROW("光伏利用小时 PV full-load hours", solar_full_load_hours, 1.0, "%.0f");
    ROW("煤电发电 coal power (亿千瓦时)", coal_power_mwh, 1e-5, "%.2f");
    ROW("本地用电 local load (亿千瓦时)", load_mwh, 1e-5, "%.2f");
    ROW("外送 export (亿千瓦时)", export_mwh, 1e-5, "%.2f");
    ROW("受入 import (亿千瓦时)", import_mwh, 1e-5, "%.2f");
    ROW("储能循环 storage cycles", storage_cycles, 1.0, "%.0f");
    ROW("缺电 unserved (MWh)", unserved_mwh, 1.0, "%.1f");
    ROW("能源生产 energy production (万吨标煤)", energy_production_mtce, 100.0, "%.0f");
    ROW("  发电煤耗法 coal-equivalent (万吨标煤)", energy_production_coal_equiv_mtce, 100.0, "%.0f");
    ROW("  电热当量法 calorific (万吨标煤)", energy_production_calorific_mtce, 100.0, "%.0f");
    ROW("能源综合生产能力 production capacity (亿吨标煤)", energy_production_capacity_yi_tce, 1.0, "%.4f");
    ROW("能源综合生产能力, 电热当量法 calorific (亿吨标煤)", energy_production_capacity_calorific_mtce, 0.01, "%.4f");
    ROW("能源消费 energy consumption (万吨标煤)", energy_consumption_mtce, 100.0, "%.1f");
    ROW("二氧化碳 CO2 (万吨)", co2_mt, 100.0, "%.1f");
    ROW("GDP (亿元, 2020年价)", gdp_yi_yuan, 1.0, "%.1f");
    ROW("单位GDP能耗 (吨标煤/万元)", energy_intensity_tce_per_10k_yuan, 1.0, "%.3f");
    ROW("单位GDP二氧化碳 (吨/万元)", carbon_intensity_t_per_10k_yuan, 1.0, "%.3f");
    ROW("能耗强度累计变化 energy intensity change (%)", energy_intensity_change_frac, 100.0, "%+.1f");
    ROW("碳排放强度累计变化 carbon intensity change (%)", carbon_intensity_change_frac, 100.0, "%+.1f");

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
    assumptions(f, s);
}
