/* outage.c — two-state Markov outages and the exact COPT (outage.h). */
#include "outage.h"

#include <math.h>
#include <stdlib.h>

int outage_chain(double for_frac, double mttr_h, OutageChain *c)
{
    if (!(for_frac >= 0.0 && for_frac < 1.0) || !(mttr_h >= 1.0) || !isfinite(mttr_h)) return -1;
    double rep = 1.0 / mttr_h;
    double fail = rep * for_frac / (1.0 - for_frac);
    if (fail > 1.0) return -1;
    *c = (OutageChain){ .for_frac = for_frac, .p_fail = fail, .p_repair = rep };
    return 0;
}

void outage_sample(const OutageChain *c, const double *cap_mw, int n, int hours, gsl_rng *r,
                   double *avail_mw)
{
    if (c->for_frac <= 0.0 || !r) {
        double total = 0.0;
        for (int u = 0; u < n; u++) total += cap_mw[u];
        for (int h = 0; h < hours; h++) avail_mw[h] = total;
        return;
    }
    /* Sums of the units up, in unit order (not total minus the units out):
     * an hour with every unit out is exactly 0, one with all up is the total. */
    for (int h = 0; h < hours; h++) avail_mw[h] = 0.0;
    for (int u = 0; u < n; u++) {
        int down = gsl_rng_uniform(r) < c->for_frac;   /* stationary start */
        for (int h = 0; h < hours; h++) {
            if (!down) avail_mw[h] += cap_mw[u];
            double x = gsl_rng_uniform(r);
            down = down ? !(x < c->p_repair) : x < c->p_fail;
        }
    }
}

double outage_copt_lolp(const double *cap_mw, const double *for_frac, int n, double load_mw)
{
    if (n < 0 || !isfinite(load_mw)) return -1.0;
    long total = 0;
    for (int u = 0; u < n; u++) {
        if (!(cap_mw[u] >= 0.0 && cap_mw[u] <= 1e6) || !(for_frac[u] >= 0.0 && for_frac[u] <= 1.0)) return -1.0;
        total += lround(cap_mw[u]);
    }
    /* p[x] = probability that exactly x MW are out; add one unit at a time:
     * p'(x) = (1 - q) p(x) + q p(x - c). Descending x so p is updated in place. */
    double *p = calloc((size_t)total + 1, sizeof *p);
    if (!p) return -1.0;
    p[0] = 1.0;
    long filled = 0;
    for (int u = 0; u < n; u++) {
        long c = lround(cap_mw[u]);
        double q = for_frac[u];
        filled += c;
        for (long x = filled; x >= 0; x--) {
            double from_out = x >= c ? p[x - c] : 0.0;
            p[x] = (1.0 - q) * p[x] + q * from_out;
        }
    }
    /* Available = total - x < load  <=>  x > total - load. */
    double lolp = 0.0;
    for (long x = 0; x <= total; x++)
        if ((double)(total - x) < load_mw) lolp += p[x];
    free(p);
    return lolp;
}
