/* costs.c — the arithmetic of costs.h; rows of costs.def drive it. */
#include "costs.h"

#include <math.h>

#include "accounting.h"
#include "schedule.h"

#define YUAN_PER_YI 1e8

_Static_assert(TECH_COUNT <= COST_TECH_MAX, "CostParams is indexed by TechId: raise COST_TECH_MAX");

double costs_crf(double r, double n)
{
    if (n < 1) n = 1;
    if (r <= 0) return 1.0 / n;
    double g = pow(1.0 + r, n);
    return r * g / (g - 1.0);
}

void costs_spread(double capital, int year, const double *shares, int n_shares, int first, int n_years,
                  double *out)
{
    double sum = 0;
    for (int k = 0; k < n_shares; k++) sum += shares[k];
    if (!(sum > 0)) return;
    for (int k = 0; k < n_shares; k++) {
        int y = year - (n_shares - 1 - k);
        if (y >= first && y < first + n_years) out[y - first] += capital * shares[k] / sum;
    }
}

/* What costs.def says of one technology. */
typedef struct {
    int tech;
    MetricId cap, energy, output, fuel, invest, unit_cost;
    double cap_scale, out_scale, vom_scale;
    int power;
} CostTech;

static const CostTech cost_techs[] = {
#define COST_TECH(tech_, capm, caps, em, om, outs, voms, fuelm, power_, invm, unitm, lpath, life, spath, spend) \
    { .tech = tech_, .cap = capm, .energy = em, .output = om, .fuel = fuelm, .invest = invm, \
      .unit_cost = unitm, .cap_scale = caps, .out_scale = outs, .vom_scale = voms, .power = power_ },
#include "costs.def"
#undef COST_TECH
};
#define N_COST_TECHS ((int)(sizeof cost_techs / sizeof cost_techs[0]))

int costs_tech_count(void) { return N_COST_TECHS; }

CostTechInfo costs_tech_info(int i)
{
    if (i < 0 || i >= N_COST_TECHS) return (CostTechInfo){ -1, MET_NONE, MET_NONE, 0 };
    return (CostTechInfo){ cost_techs[i].tech, cost_techs[i].invest, cost_techs[i].unit_cost, cost_techs[i].power };
}

typedef enum { CK_CAPITAL, CK_CAPITAL_ENERGY, CK_FIXED_OM, CK_VAR_OM } CostKind;

static const struct { int tech; CostKind kind; } items[CI_COUNT] = {
#define COST_ITEM(id, tech_, kind_, path, dim, unit, hi, def, doc) [id] = { tech_, kind_ },
#include "costs.def"
#undef COST_ITEM
};

/* The sum of a technology's items of one kind in year, 元 per unit. */
static double item_at(const CostParams *c, int tech, CostKind kind, int year)
{
    double v = 0;
    for (int i = 0; i < CI_COUNT; i++)
        if (items[i].tech == tech && items[i].kind == kind) v += schedule_at(&c->item[i], year);
    return v;
}

static double value(const AnnualRow *r, MetricId m)
{
    return m == MET_NONE ? 0.0 : metric_value(metrics_get(m), r);
}

static void put(AnnualRow *r, MetricId m, double v)
{
    if (m != MET_NONE) *(double *)(void *)((char *)r + metrics_get(m)->offset) = v;
}

static int year_of(const AnnualRow *r) { return (int)lround(r->year); }

enum { COST_YEARS_MAX = 256 };

/* One technology over the period: investment (亿元) and its total yearly
 * cost (元) into cost[]; its unit cost into its row metric. */
static void tech_period(const Scenario *s, const CostTech *t, AnnualRow *rows, int n, double *cost)
{
    const CostParams *c = &s->costs;
    double invest[COST_YEARS_MAX] = { 0 }, vintage[COST_YEARS_MAX] = { 0 };
    int first = year_of(&rows[0]);
    double crf = costs_crf(c->discount_rate_frac, c->lifetime_a[t->tech]);
    double tce_per_t = acct_coal_tce_per_t(&s->coal_mining);
    for (int i = 0; i < n; i++) {
        int y = year_of(&rows[i]);
        double cap = value(&rows[i], t->cap) * t->cap_scale;
        double ecap = value(&rows[i], t->energy) * 1000.0;
        double add = cap, eadd = ecap;
        if (i > 0) {
            add = fmax(0.0, cap - value(&rows[i - 1], t->cap) * t->cap_scale);
            eadd = fmax(0.0, ecap - value(&rows[i - 1], t->energy) * 1000.0);
        }
        vintage[i] = add * item_at(c, t->tech, CK_CAPITAL, y) + eadd * item_at(c, t->tech, CK_CAPITAL_ENERGY, y);
        if (i > 0)
            costs_spread(vintage[i], y, c->spend_frac[t->tech], c->spend_n[t->tech], first, n, invest);
    }
    for (int i = 0; i < n; i++) {
        AnnualRow *r = &rows[i];
        int y = year_of(r);
        double annuity = 0;
        for (int v = 0; v <= i; v++)
            if (y - year_of(&rows[v]) < c->lifetime_a[t->tech]) annuity += vintage[v] * crf;
        double cap = value(r, t->cap) * t->cap_scale, out = value(r, t->output);
        double fuel = value(r, t->fuel) / tce_per_t * schedule_at(&c->coal_price_yuan_per_t, y);
        double total = annuity + cap * item_at(c, t->tech, CK_FIXED_OM, y)
                     + out * t->vom_scale * item_at(c, t->tech, CK_VAR_OM, y) + fuel;
        cost[i] = total;
        r->fuel_cost_yi_yuan += fuel / YUAN_PER_YI;
        put(r, t->invest, invest[i] / YUAN_PER_YI);
        put(r, t->unit_cost, out > 0 ? total / (out * t->out_scale) : 0.0);
    }
}

void costs_period(const Scenario *s, AnnualRow *rows, int n)
{
    if (n < 1) return;
    if (n > COST_YEARS_MAX) n = COST_YEARS_MAX;   /* periods are validated far shorter */
    const CostParams *c = &s->costs;
    double cost[COST_YEARS_MAX], county_cost[COST_YEARS_MAX] = { 0 }, county_kwh[COST_YEARS_MAX] = { 0 };
    for (int i = 0; i < n; i++) {
        rows[i].annual_cost_yi_yuan = rows[i].invest_total_yi_yuan = rows[i].fuel_cost_yi_yuan = 0;
    }
    for (int k = 0; k < N_COST_TECHS; k++) {
        const CostTech *t = &cost_techs[k];
        tech_period(s, t, rows, n, cost);
        for (int i = 0; i < n; i++) {
            rows[i].annual_cost_yi_yuan += cost[i] / YUAN_PER_YI;
            rows[i].invest_total_yi_yuan += value(&rows[i], t->invest);
            if (t->power >= 1) county_cost[i] += cost[i];
            if (t->power == 2) county_kwh[i] += value(&rows[i], t->output) * t->out_scale;
        }
    }
    double tce_per_t = acct_coal_tce_per_t(&s->coal_mining);
    double cum = 0, plan = 0, pv = 0, co2 = 0, r = c->discount_rate_frac;
    int first = year_of(&rows[0]);
    for (int i = 0; i < n; i++) {
        AnnualRow *w = &rows[i];
        int y = year_of(w);
        double tariff = schedule_at(&c->benchmark_tariff_yuan_per_kwh, y);
        double price = schedule_at(&c->coal_price_yuan_per_t, y);
        w->benchmark_tariff_yuan_per_kwh = tariff;
        w->lcoe_county_yuan_per_kwh = county_kwh[i] > 0 ? county_cost[i] / county_kwh[i] : 0.0;
        cum += w->invest_total_yi_yuan;
        w->invest_cum_yi_yuan = cum;
        w->invest_goal_yi_yuan = schedule_at(&c->invest_goal_yi_yuan, y);
        if (w->invest_goal_yi_yuan > 0) plan += w->invest_total_yi_yuan;
        w->invest_plan_yi_yuan = plan;
        /* MWh x 1000 kWh/MWh x 元/kWh / 1e8 = 亿元 */
        w->export_revenue_yi_yuan = w->export_mwh * 1000.0 * tariff / YUAN_PER_YI;
        w->export_value_receiving_yi_yuan =
            w->export_mwh * 1000.0 * schedule_at(&c->receiving_price_yuan_per_kwh, y) / YUAN_PER_YI;
        w->storage_compensation_yi_yuan =
            w->discharge_mwh * 1000.0 * schedule_at(&c->storage_compensation_yuan_per_kwh, y) / YUAN_PER_YI;
        w->curtailment_value_yi_yuan = w->curtailed_mwh * 1000.0 * tariff / YUAN_PER_YI;
        double sold_t = fmax(0.0, w->coal_output_mt * 1e6 - w->coal_power_tce / tce_per_t);
        w->coal_sales_yi_yuan = sold_t * price / YUAN_PER_YI;
        w->net_cost_yi_yuan = w->annual_cost_yi_yuan - w->export_revenue_yi_yuan
                            - w->storage_compensation_yi_yuan - w->coal_sales_yi_yuan;
        pv += w->net_cost_yi_yuan / pow(1.0 + r, (double)(y - first));
        w->pv_net_cost_yi_yuan = pv;
        co2 += w->co2_mt;
        w->co2_cum_mt = co2;
    }
}

double costs_npv_yi_yuan(const AnnualRow *variant, const AnnualRow *base)
{
    return base->pv_net_cost_yi_yuan - variant->pv_net_cost_yi_yuan;
}

double costs_abatement_yuan_per_t(const AnnualRow *variant, const AnnualRow *base)
{
    double abated_mt = base->co2_cum_mt - variant->co2_cum_mt;
    if (!(abated_mt > 0)) return (double)NAN;
    return 100.0 * (variant->pv_net_cost_yi_yuan - base->pv_net_cost_yi_yuan) / abated_mt;
}
