/* costs.h — investment, annualised cost, unit costs (LCOE) and revenues of
 * a run: annual arithmetic on the capacities and energies of the annual
 * rows and the `costs` group (docs/costs.md). The hourly loop never sees
 * it. Which technologies have costs, and how their capacity and output are
 * measured, are the rows of costs.def; nothing here names a technology.
 *
 * Conventions (docs/costs.md gives the reasons):
 * - capacity added in year y = capacity(y) − capacity(y−1) when positive,
 *   for y after the first year; its capital = added × the capital cost of
 *   year y, spent over the technology's construction years by its shares,
 *   the last share in year y. Spending outside the period is not shown.
 * - the capacity of the first year is one vintage valued at the first
 *   year's capital cost (replacement value); annuities run for a vintage's
 *   lifetime: capital × crf(r, lifetime) per year.
 * - unit cost of year y = (annuity + fixed O&M + variable O&M + fuel) /
 *   output of year y; 0 in a year without output.
 * - invest_plan_yi_yuan sums the investment of the years with a goal
 *   (costs.invest_goal_yi_yuan > 0): the plan's five years, for a budget
 *   target against the plan's total.
 * - money in 元 inside, 亿元 (1e8 元) in the rows. */
#ifndef ECSIM_COSTS_H
#define ECSIM_COSTS_H

#include "metrics.h"
#include "model.h"

/* Capital recovery factor: the constant yearly payment, per 元 of capital,
 * that repays it with interest r over n years: r(1+r)^n / ((1+r)^n − 1);
 * 1/n when r = 0. n >= 1. */
double costs_crf(double r, double n);

/* Spreads capital (any unit) of capacity first counting in year `year` over
 * the construction years by the shares (normalised to sum 1; k = 0 is the
 * earliest), adding each share to out[year_k − first] for years inside
 * [first, first + n_years). Shares summing to 0 spread nothing. */
void costs_spread(double capital, int year, const double *shares, int n_shares, int first, int n_years,
                  double *out);

/* The technologies with costs (costs.def rows), for charts and reports:
 * its id, its investment column and its unit-cost column (元/kWh, or 元/t
 * for a mine). */
typedef struct {
    int tech;
    MetricId invest, unit_cost;
    int power;   /* 2 a generator of the county's electricity, 1 storage, 0 neither */
} CostTechInfo;
int costs_tech_count(void);
CostTechInfo costs_tech_info(int i);

/* Fills the cost metrics of rows[0..n) (years in order, after acct_period)
 * from their capacities and energies and s->costs. Pure. */
void costs_period(const Scenario *s, AnnualRow *rows, int n);

/* Net present value of a variant against a base, 亿元, from their rows of
 * the same year: base.pv_net_cost − variant.pv_net_cost (positive: the
 * variant costs less, net of revenues, discounted to the first year). */
double costs_npv_yi_yuan(const AnnualRow *variant, const AnnualRow *base);

/* Cost of CO2 abated by a variant against a base, 元/t: its extra present
 * value of net cost over the CO2 it avoids up to that year,
 * 100 × (variant.pv − base.pv) 亿元 / (base.co2_cum − variant.co2_cum) Mt
 * (1 亿元/Mt = 100 元/t). NaN when the variant avoids no CO2. */
double costs_abatement_yuan_per_t(const AnnualRow *variant, const AnnualRow *base);

#endif
