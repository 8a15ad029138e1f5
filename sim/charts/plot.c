/* plot.c — the standard charts of a scenario: chart data (chartdata.c), then
 * gnuplot on each plots/<chart>.gp, PNG and SVG (DESIGN §10). gnuplot is
 * started by gnuplot.c (fork and execve, no shell, arguments as `-e`
 * assignments, stderr captured; any output on stderr fails the chart). */
#include "plot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "chartdata.h"
#include "costs.h"
#include "gnuplot.h"
#include "plotens.h"
#include "results.h"
#include "tech.h"

#define PATH_LEN GP_PATH_LEN

static const PlotChart charts[] = {
    { "capacity", "capacity.gp", "装机容量", "Installed capacity",
      "各年风电、光伏、储能、煤电装机与外送通道能力，黑色短横为规划装机目标：看各类装机是否按期达到目标。",
      "Capacity by year and the export line's capacity; the dashes are the plan's capacity targets: "
      "read whether each technology reaches its target on time.", 0 },
    { "generation", "generation.gp", "年度电量平衡与弃风弃光", "Annual electricity balance and curtailment",
      "柱为各年供电构成，顶部浅红为弃风弃光，柱上为新能源利用率；黑线为本地用电，绿虚线为本地用电加外送："
      "看新能源电量是否被本地消纳和外送，哪些年份出现弃电。",
      "Supply by year with curtailment on top and the renewable utilisation above each bar; the black line is "
      "local load, the green dashes local load plus export: read whether wind and PV find a use, and in which "
      "years energy is curtailed.", 0 },
    { "week-summer", "week-summer.gp", "典型夏季周逐时电力平衡", "A typical summer week, hour by hour",
      "夏季风速居中位的一周：堆叠为各电源逐时出力，浅红为弃电，黑线为总需求（本地负荷+外送+储能充电），"
      "紫色点线为储能电量（右轴）：看风光出力高时如何外送、储存或弃掉，煤电和储能如何调节。",
      "The summer week of median wind: hourly supply stacked, curtailment in light red, the black line total "
      "demand (load + export + charge), the purple dots the storage energy (right axis): read how surplus wind "
      "and sun are exported, stored or curtailed, and how coal and storage follow.", 1 },
    { "week-winter", "week-winter.gp", "典型冬季周逐时电力平衡", "A typical winter week, hour by hour",
      "冬季风速居中位的一周，读法同夏季周：看冬季负荷和弱光照下煤电、受入和储能的作用。",
      "The winter week of median wind, read as the summer week: read the role of coal, import and storage "
      "under winter load and weak sun.", 1 },
    { "duration", "duration.gp", "净负荷与弃风弃光持续曲线", "Duration curves of net load and curtailment",
      "左：净负荷（本地负荷减风光可发）从高到低排序，负值为须外送、储存或弃掉的盈余，绿虚线为外送通道加储能充电能力；"
      "右：弃电功率排序：看盈余超过消纳能力的小时数。",
      "Left: net load (local load minus available wind and PV) from the highest hour to the lowest; below zero "
      "is surplus to export, store or curtail, the green dashes the export line plus storage charging power. "
      "Right: curtailed power, sorted: read how many hours the surplus exceeds what can be taken.", 1 },
    { "heatmap", "heatmap.gp", "弃风弃光时段分布", "Curtailment by day and hour",
      "横轴为日期、纵轴为时刻，颜色深浅为弃电功率：看弃电集中在哪些季节和时段，为储能和外送安排提供依据。",
      "Day of the year across, hour of the day up, colour the curtailed power: read in which seasons and hours "
      "curtailment concentrates, for sizing storage and export.", 1 },
    { "coal", "coal.gp", "煤炭产能与原煤产量", "Coal production capacity and output",
      "柱为原煤产量，黑线为煤炭产能，绿色区间为规划目标：看产能是否按期进入4500–6000万吨区间。",
      "Bars are coal output, the black line production capacity, the green band the plan's target: read "
      "whether capacity enters the 45–60 Mt band on time.", 0 },
    { "intensity", "intensity.gp", "单位GDP能耗与二氧化碳排放强度", "Energy and carbon intensity of GDP",
      "实线为模拟值并标注较基年变化，虚线为基年到目标年的直线目标路径：实线在虚线以下即进度领先于目标。",
      "Solid lines are the simulated intensities with their change from the base year, the dashes the straight "
      "path to the target: a line below its path is ahead of the target.", 0 },
    { "investment", "investment.gp", "能源项目投资与规划投资目标", "Energy investment against the plan's goal",
      "柱为各年按技术分列的能源项目投资（新增装机×单位造价，按建设期分摊），虚线为规划“三个翻番”的全社会固定资产投资年均目标，"
      "右上角为规划期累计：看能源投资占规划投资目标的多少，以及哪一年、哪类项目最集中。",
      "Bars are each year's energy investment by technology (capacity added × capital cost, spread over the "
      "construction years); the dashes are the plan's yearly fixed-asset investment goal (\"三个翻番\", all "
      "sectors), the box the totals over the plan years: read how much of the goal energy takes, and which "
      "years and projects carry it.", 0 },
    { "lcoe", "lcoe.gp", "各技术度电成本", "Unit cost of electricity by technology",
      "左：各年各电源的平准化度电成本（年化投资+运维+燃料÷上网电量），黑色粗线为全县平均（含储能成本），虚线为燃煤发电基准价；"
      "右：储能每千瓦时放电和外送通道每千瓦时外送的成本。看哪些电源比基准价便宜、成本如何随年份和利用小时变化；当年无电量的不画点。",
      "Left: each generator's levelised cost by year ((annuity + O&M + fuel) / energy taken), the thick black "
      "line the county's average (storage's cost included), the dashes the coal benchmark tariff. Right: the "
      "cost of storage per kWh discharged and of the export line per kWh exported. Read which sources beat the "
      "benchmark and how costs move with the years and hours; no point in a year without energy.", 0 },
    { "dashboard", "dashboard.gp", "规划目标完成情况", "Plan targets",
      "每个目标一根横条，长度为数值与目标值之比（1.0即目标值，区间目标另以短竖线标出上限），绿色达标、红色未达标，"
      "条旁写明数值和余量；逐年考核的目标取最差年份：一眼看出哪些目标有风险。",
      "One bar per target, its length the value over the threshold (1.0 = the threshold; a range also marks its "
      "upper bound), green met and red missed, with the value and margin written beside it; targets checked every "
      "year show their worst year: read which targets are at risk.", 0 },
};

#define N_CHARTS ((int)(sizeof charts / sizeof charts[0]))

int plot_chart_count(void) { return N_CHARTS; }

const PlotChart *plot_chart_get(int i)
{
    return (i >= 0 && i < N_CHARTS) ? &charts[i] : NULL;
}

/* ---- colours from the technology registry --------------------------------- */

/* Opens charts_dir/name for writing (complete or absent, atomicfile.h). */
static Status open_chart_file(AtomicFile *af, const char *charts_dir, const char *name, Diag *d)
{
    char path[PATH_LEN + 32];
    if (snprintf(path, sizeof path, "%s/%s", charts_dir, name) >= (int)sizeof path) {
        diag_error(d, ST_IO, charts_dir, 0, NULL, "path too long");
        return ST_IO;
    }
    return afile_open(af, path, d);
}

Status plot_write_colours(const char *charts_dir, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = open_chart_file(af, charts_dir, "colours.gp", d);
    if (st != ST_OK) return st;
    fputs("# colours.gp — written by ecsim from its technology registry (tech.def): the fixed\n"
          "# colour of each technology in every chart, c_<technology>. Loaded by common.gp.\n", af->f);
    for (int i = 0; i < tech_count(); i++) {
        const Tech *t = tech_get(i);
        fprintf(af->f, "c_%s = '%s'   # %s\n", t->name, t->colour, t->label_en);
    }
    return afile_commit(af, d);
}

/* ---- the supply stack from the technology and series registries ---------- */

/* The supply series of technology t: the hourly series it owns with sign +1
 * and an annual metric; NULL if none. */
static const Series *supply_series(TechId t)
{
    for (int i = 0; i < series_count(); i++) {
        const Series *se = series_get(i);
        if (se->owner == t && se->sign > 0 && se->hourly && se->metric != MET_NONE) return se;
    }
    return NULL;
}

int plot_stack_of(const Tech *techs, int n_tech, PlotStackItem *out, int max, char *err, size_t n_err)
{
    int n = 0;
    for (int i = 0; i < n_tech; i++) {
        const Tech *t = &techs[i];
        const Series *se = supply_series(t->id);
        if (se && t->stack <= 0) {
            snprintf(err, n_err, "technology %s: supply series %s has no stack position (tech.def)", t->name, se->column);
            return -1;
        }
        if (!se && t->stack > 0) {
            snprintf(err, n_err, "technology %s: stack position %d but no supply series (series.def)", t->name, t->stack);
            return -1;
        }
        if (se) n++;
    }
    if (n > max) {
        snprintf(err, n_err, "%d stack segments, at most %d", n, max);
        return -1;
    }
    for (int k = 0; k < n; k++) out[k].tech = NULL;
    for (int i = 0; i < n_tech; i++) {
        const Tech *t = &techs[i];
        if (t->stack <= 0) continue;
        if (t->stack > n || out[t->stack - 1].tech) {
            snprintf(err, n_err, "technology %s: stack position %d %s", t->name, t->stack,
                     t->stack > n ? "leaves a gap (positions run 1..segments)" : "taken twice");
            return -1;
        }
        const Series *se = supply_series(t->id);
        out[t->stack - 1] = (PlotStackItem){ t, se, metrics_get(se->metric),
                                             t->stack_colour ? t->stack_colour : t->colour };
    }
    return n;
}

int plot_stack(PlotStackItem *out, int max, char *err, size_t n_err)
{
    return plot_stack_of(tech_get(0), tech_count(), out, max, err, n_err);   /* the registry is one array */
}

/* Labels go inside '...' inside "...": neither quote may occur. */
static int gp_word_safe(const char *s)
{
    return strpbrk(s, "'\"\\") == NULL && s[0];
}

Status plot_write_stack(const char *charts_dir, Diag *d)
{
    PlotStackItem st_items[PLOT_STACK_MAX];
    char err[256];
    int n = plot_stack(st_items, PLOT_STACK_MAX, err, sizeof err);
    if (n < 0) {
        diag_error(d, ST_PLOT, "tech.def", 0, NULL, "%s", err);
        return ST_PLOT;
    }
    for (int k = 0; k < n; k++)
        if (!gp_word_safe(st_items[k].series->label_zh) || !gp_word_safe(st_items[k].series->label_en)) {
            diag_error(d, ST_PLOT, "series.def", 0, st_items[k].series->column, "a label with a quote");
            return ST_PLOT;
        }
    AtomicFile *af = &(AtomicFile){0};
    Status st = open_chart_file(af, charts_dir, "stack.gp", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    fputs("# stack.gp — written by ecsim from its registries (tech.def, series.def): the\n"
          "# supply stack of the generation and week charts, bottom first, as word lists\n"
          "# (word(stack_cols, i)). metrics: annual.dat columns; cols: hourly-YYYY.dat\n"
          "# columns; optional 1: a generator, keyed only when it produced. Loaded by\n"
          "# generation.gp and week.gp.\n", f);
    fprintf(f, "stack_n = %d\n", n);
    static const char *const names[] = { "stack_techs", "stack_metrics", "stack_cols", "stack_colours",
                                         "stack_labels_zh", "stack_labels_en", "stack_optional" };
    for (int v = 0; v < (int)(sizeof names / sizeof names[0]); v++) {
        fprintf(f, "%s = \"", names[v]);
        for (int k = 0; k < n; k++) {
            const PlotStackItem *it = &st_items[k];
            if (k) fputc(' ', f);
            switch (v) {
            case 0: fputs(it->tech->name, f); break;
            case 1: fputs(it->metric->name, f); break;
            case 2: fputs(it->series->column, f); break;
            case 3: fputs(it->colour, f); break;
            case 4: fprintf(f, "'%s'", it->series->label_zh); break;
            case 5: fprintf(f, "'%s'", it->series->label_en); break;
            default: fputc(it->tech->used_metric != MET_NONE ? '1' : '0', f); break;
            }
        }
        fputs("\"\n", f);
    }
    return afile_commit(af, d);
}

/* ---- the technologies with costs (costs.def) ------------------------------ */

Status plot_write_costs(const char *charts_dir, Diag *d)
{
    AtomicFile *af = &(AtomicFile){0};
    Status st = open_chart_file(af, charts_dir, "costs.gp", d);
    if (st != ST_OK) return st;
    FILE *f = af->f;
    fputs("# costs.gp — written by ecsim from its cost registry (costs.def): the technologies\n"
          "# with costs, bottom of the investment stack first, as word lists: their\n"
          "# investment and unit-cost columns of annual.dat, whether the unit cost is per\n"
          "# kWh (1) or per tonne (0), whether it generates the county's electricity\n"
          "# (2), stores it (1) or neither (0), labels. Loaded by investment.gp and lcoe.gp.\n", f);
    int n = costs_tech_count();
    fprintf(f, "cost_n = %d\n", n);
    static const char *const names[] = { "cost_techs", "cost_invest", "cost_unit", "cost_per_kwh",
                                         "cost_power", "cost_labels_zh", "cost_labels_en" };
    for (int v = 0; v < (int)(sizeof names / sizeof names[0]); v++) {
        fprintf(f, "%s = \"", names[v]);
        for (int k = 0; k < n; k++) {
            CostTechInfo c = costs_tech_info(k);
            const Tech *t = tech_get(c.tech);
            if (k) fputc(' ', f);
            switch (v) {
            case 0: fputs(t->name, f); break;
            case 1: fputs(metrics_get(c.invest)->name, f); break;
            case 2: fputs(metrics_get(c.unit_cost)->name, f); break;
            case 3: fputc(strcmp(metrics_get(c.unit_cost)->unit, "元/kWh") == 0 ? '1' : '0', f); break;
            case 4: fputc('0' + c.power, f); break;
            case 5: fprintf(f, "'%s'", t->label_zh); break;
            default: fprintf(f, "'%s'", t->label_en); break;
            }
        }
        fputs("\"\n", f);
    }
    return afile_commit(af, d);
}

/* ---- what a folder holds ---------------------------------------------------- */

/* dir/name is a regular file (not a link). */
int plot_has_file(const char *dir, const char *name)
{
    char path[PATH_LEN];
    struct stat sb;
    return snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path && lstat(path, &sb) == 0
           && S_ISREG(sb.st_mode);
}

PlotDirKind plot_dir_kind(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) return PLOT_DIR_NONE;
    if (plot_has_file(dir, "annual.dat") && plot_has_file(dir, "targets.dat") && plot_has_file(dir, "run.cfg"))
        return PLOT_DIR_RUN;
    if (plot_has_file(dir, "elcc.dat")) return PLOT_DIR_ELCC;
    if (plotens_is_scenario(dir)) return PLOT_DIR_ENSEMBLE;
    if (plot_has_file(dir, "comparison_ensemble.dat")) return PLOT_DIR_ENS_COMPARE;
    char **names = NULL;
    int n = plotens_list_scenarios(dir, &names);
    plotens_free_list(names, n);
    return n > 0 ? PLOT_DIR_ENS_OUT : PLOT_DIR_NONE;
}

/* ---- the scenario ----------------------------------------------------------- */

Status plot_scenario(const char *scenario_dir, const char *plots_dir, const char *lang, Diag *d)
{
    GpEnv env;
    Status st = gp_prepare(&env, plots_dir, lang, d);
    if (st != ST_OK) return st;
    /* Not a result folder: say so before creating anything in it. */
    if ((st = results_check_dir(scenario_dir, d)) != ST_OK) return st;
    char charts_dir[PATH_LEN];
    int created;
    if ((st = gp_charts_dir(scenario_dir, charts_dir, sizeof charts_dir, &created, d)) != ST_OK) return st;
    st = chart_write_data(scenario_dir, charts_dir, d);
    if (st == ST_OK) st = plot_write_colours(charts_dir, d);
    if (st == ST_OK) st = plot_write_stack(charts_dir, d);
    if (st == ST_OK) st = plot_write_costs(charts_dir, d);
    if (st != ST_OK) {
        if (created) rmdir(charts_dir);   /* only if still empty */
        return st;
    }

    int years[1];
    int have_hourly = results_hourly_years(scenario_dir, years, 1) > 0;
    static const char *const fmts[] = { "png", "svg" };
    GpJob *jobs = calloc((size_t)N_CHARTS * 2, sizeof *jobs);
    if (!jobs) {
        diag_error(d, ST_NOMEM, scenario_dir, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    int n = 0;
    char skipped[256] = "";
    for (int c = 0; c < N_CHARTS; c++) {
        if (charts[c].needs_hourly && !have_hourly) {
            /* not drawn, and no chart of an earlier plot may stand in for it */
            for (int k = 0; k < 2; k++) {
                char old[PATH_LEN];
                if (snprintf(old, sizeof old, "%s/%s.%s", charts_dir, charts[c].name, fmts[k]) < (int)sizeof old)
                    remove(old);
            }
            size_t len = strlen(skipped);
            snprintf(skipped + len, sizeof skipped - len, "%s%s", len ? ", " : "", charts[c].name);
            continue;
        }
        for (int k = 0; k < 2; k++) {
            char out[PATH_LEN];
            if (snprintf(out, sizeof out, "%s/%s.%s", charts_dir, charts[c].name, fmts[k]) >= (int)sizeof out
                || gp_job_init(&jobs[n], &env, charts[c].script, scenario_dir, out, fmts[k]) != 0) {
                diag_error(d, ST_IO, scenario_dir, 0, NULL, "path too long or with control characters");
                free(jobs);
                return ST_IO;
            }
            n++;
        }
    }
    if (skipped[0])
        diag_warn(d, scenario_dir, 0, NULL, "no hourly-YYYY.dat (output.hourly_years): not drawn: %s", skipped);
    st = gp_run_jobs(jobs, n, &env, d);
    free(jobs);
    return st;
}
