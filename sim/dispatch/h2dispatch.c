/* h2dispatch.c — the electrolysers' pass over a dispatched year
 * (h2dispatch.h). */
#include "h2dispatch.h"

#include <math.h>
#include <string.h>

#include "electrolyser.h"

static const SeriesId own[] = { SER_ELECTROLYSER, SER_H2_STORE, SER_ELY_ABSORBED, SER_ELY_FROM_EXPORT,
                                SER_H2_MADE, SER_H2_DELIVERED, SER_H2_UNMET };

int h2_dispatch_pass(const DispatchLimits *lim, const YearInputs *in, DispatchState *st, YearSeries *out)
{
    const int n = in->hours;
    const double demand = lim->h2_methanol_kg_per_h + lim->h2_trucks_kg_per_h;
    if (!(lim->ely_mw > 0.0) && !(demand > 0.0) && !(st->h2_kg > 0.0)) {
        /* Nothing to do but clear the series: the buffers of a Run may hold
         * an earlier year's or an earlier scenario's values; once per run
         * (of an ensemble's six years, five need not: 3 % of a member). */
        if (st->h2_zero_hours < n) {
            for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)   /* NULL: a caller without them */
                if (out->v[own[k]]) memset(out->v[own[k]], 0, (size_t)n * sizeof(double));
            st->h2_zero_hours = n;
        }
        return 0;
    }
    st->h2_zero_hours = 0;
    const ElyLimits el = { .power_mw = lim->ely_mw, .min_mw = lim->ely_min_mw,
                           .kg_per_mwh = lim->ely_kg_per_mwh, .store_max_kg = lim->h2_store_max_kg };
    double *ely = out->v[SER_ELECTROLYSER], *store = out->v[SER_H2_STORE];
    double *absorbed = out->v[SER_ELY_ABSORBED], *from_exp = out->v[SER_ELY_FROM_EXPORT];
    double *made = out->v[SER_H2_MADE], *deliv = out->v[SER_H2_DELIVERED], *unmet = out->v[SER_H2_UNMET];
    double *curt = out->v[SER_CURTAILED], *exp_mw = out->v[SER_EXPORT];
    const double *firm = in->v[SER_EXPORT_FIRM];
    const int before_export = lim->ely_priority == ELY_BEFORE_EXPORT;
    double s = st->h2_kg < lim->h2_store_max_kg ? st->h2_kg : lim->h2_store_max_kg;
    int bad = 0;
    for (int h = 0; h < n; h++) {
        const double c = curt[h];
        const double x = before_export ? exp_mw[h] - firm[h] : 0.0;   /* non-firm export */
        const double offer = c + (x > 0.0 ? x : 0.0);
        const ElyHour r = ely_hour(&el, offer, demand, &s);
        const double from_c = r.power_mw < c ? r.power_mw : c;
        const double from_x = r.power_mw - from_c;
        ely[h] = r.power_mw;
        absorbed[h] = from_c;
        from_exp[h] = from_x;
        made[h] = r.made_kg / 1000.0;
        deliv[h] = r.delivered_kg / 1000.0;
        unmet[h] = r.unmet_kg / 1000.0;
        store[h] = s;
        if (from_c > 0.0) {
            /* The pool keeps what it no longer curtails: used = avail x keep. */
            double re = 0.0;
            for (int k = 0; k < lim->n_pool; k++) re += in->v[lim->pool_avail[k]][h];
            double c_new = c - from_c;
            if (c_new < 0.0) c_new = 0.0;
            curt[h] = c_new;
            double keep = re > 0.0 ? (re - c_new) / re : 1.0;
            for (int k = 0; k < lim->n_pool; k++)
                out->v[lim->pool_used[k]][h] = in->v[lim->pool_avail[k]][h] * keep;
        }
        if (from_x > 0.0) exp_mw[h] -= from_x;
#ifdef ECSIM_CHECKS
        if (!(r.power_mw >= 0.0) || r.power_mw > el.power_mw + 1e-9 || from_x < -1e-9 || s < 0.0
            || s > el.store_max_kg + 1e-9 || (r.power_mw > 0.0 && r.power_mw < el.min_mw - 1e-9))
            bad++;
#endif
    }
    st->h2_kg = s;
    return bad;
}
