/* enscmp.c — variants compared on the same weather members (ensemble.h).
 * Member m of every scenario ran on the same streams (seed, member, year),
 * so member m's differences pair up. An item is one row of the
 * comparison: a target check (id and year) or an annual metric of a year,
 * of one variant against the reference (the first scenario):
 *   target: value = P(met) of the variant, ref_value = of the reference,
 *           diff_mean = the paired difference (n10 - n01) / n, its 95 %
 *           interval by Newcombe's method for paired proportions;
 *   metric: value and ref_value = the P50s, diff_* = mean and P10/P50/P90
 *           of the members' paired differences variant - reference.
 * Columns are read a block at a time from both record files. */
#include "ensemble_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "compare.h"
#include "ensstat.h"
#include "present.h"

enum { R_VALUE, R_REF, R_MEAN, R_P10, R_P50, R_P90, R_LO, R_HI, R_COUNT };

typedef struct {
    const Group *v;
    int target;                    /* target check index of v, -1 all_results, -2 a metric */
    int metric, year;              /* metric: index and calendar year */
    size_t col_v, col_r;
    int paired;                    /* the reference has it, with as many members */
    double r[R_COUNT];
} Item;

#define IS_METRIC(it) ((it)->target == -2)

/* Every item, variants in file order: its target checks, all_results, then
 * every metric (not the year) of every year. */
static int items_make(const Ens *e, Item *it)
{
    const Group *ref = &e->g[0];
    int n = 0;
    for (int i = 0; i < e->n_groups; i++) {
        const Group *v = &e->g[i];
        int same_n = v->done == ref->done;
        for (int t = -1; t < v->n_targets; t++) {
            Item x = { .v = v, .target = t < 0 ? -1 : t };
            x.col_v = t < 0 ? ens_col_all(v) : ens_col_pass(v, t);
            x.col_r = ens_col_all(ref);
            x.paired = same_n;
            if (t >= 0) {
                x.paired = 0;
                for (int u = 0; u < ref->n_targets; u++)
                    if (strcmp(ref->meta[u].id, v->meta[t].id) == 0 && ref->meta[u].year == v->meta[t].year) {
                        x.col_r = ens_col_pass(ref, u);
                        x.paired = same_n;
                        x.r[R_REF] = 1;   /* marks "the reference has it" until computed */
                        break;
                    }
            } else {
                x.r[R_REF] = 1;
            }
            if (it) it[n] = x;
            n++;
        }
        for (int k = 1; k < v->n_metrics; k++)
            for (int y = 0; y < v->n_years; y++) {
                int year = v->scn->first_year + y, yr = year - ref->scn->first_year;
                Item x = { .v = v, .target = -2, .metric = k, .year = year, .col_v = ens_col_metric(v, y, k) };
                x.r[R_REF] = yr >= 0 && yr < ref->n_years;
                x.col_r = x.r[R_REF] != 0 ? ens_col_metric(ref, yr, k) : 0;
                x.paired = same_n && x.r[R_REF] != 0;
                if (it) it[n] = x;
                n++;
            }
    }
    return n;
}

static void item_compute(const Ens *e, Item *x, double *cv, double *cr, size_t members)
{
    const Group *ref = &e->g[0];
    int has_ref = x->r[R_REF] != 0;
    for (int i = 0; i < R_COUNT; i++) x->r[i] = (double)NAN;
    if (!IS_METRIC(x)) {
        long met = ens_met_of(e, x->v, x->col_v);
        x->r[R_VALUE] = x->v->done ? (double)met / (double)x->v->done : (double)NAN;
        if (has_ref) x->r[R_REF] = ref->done ? (double)ens_met_of(e, ref, x->col_r) / (double)ref->done : (double)NAN;
        if (!x->paired) return;
        long n11 = 0, n10 = 0, n01 = 0, n00 = 0;
        for (size_t m = 0; m < members; m++) {
            int a = cv[m] != 0, b = cr[m] != 0;
            if (a && b) n11++;
            else if (a) n10++;
            else if (b) n01++;
            else n00++;
        }
        x->r[R_MEAN] = (double)(n10 - n01) / (double)members;
        ens_newcombe_paired(n11, n10, n01, n00, ENS_Z95, &x->r[R_LO], &x->r[R_HI]);
        return;
    }
    x->r[R_VALUE] = ens_stat_of(e, x->v, x->col_v)[S_P50];
    if (has_ref) x->r[R_REF] = ens_stat_of(e, ref, x->col_r)[S_P50];
    if (!x->paired) return;
    for (size_t m = 0; m < members; m++) cv[m] -= cr[m];
    EnsOptions none = *e->o;
    none.n_quantiles = 0;
    double s[S_FIXED];
    ens_column_stats(cv, members, &none, s);
    x->r[R_MEAN] = s[S_MEAN];
    x->r[R_P10] = s[S_P10];
    x->r[R_P50] = s[S_P50];
    x->r[R_P90] = s[S_P90];
}

/* Computes the items of variant v (items [a, b) all belong to it). */
static Status items_compute(Ens *e, Item *it, int a, int b)
{
    Group *v = (Group *)it[a].v, *ref = &e->g[0];
    size_t members = (size_t)v->done;
    size_t blk = ens_block_of(members, (size_t)(b - a), 2);
    double *cv = malloc((blk * members + 1) * sizeof *cv), *cr = malloc((blk * members + 1) * sizeof *cr);
    size_t *iv = malloc(blk * sizeof *iv), *ir = malloc(blk * sizeof *ir);
    Status st = cv && cr && iv && ir ? ST_OK : ST_NOMEM;
    for (int i0 = a; st == ST_OK && i0 < b; i0 += (int)blk) {
        int n = b - i0 < (int)blk ? b - i0 : (int)blk;
        for (int j = 0; j < n; j++) {
            iv[j] = it[i0 + j].col_v;
            ir[j] = it[i0 + j].col_r;
        }
        int paired = it[i0].paired || it[i0 + n - 1].paired;
        for (int j = 0; j < n && !paired; j++) paired = it[i0 + j].paired;
        if (paired && ((st = ens_load_cols(v, iv, n, cv)) != ST_OK || (st = ens_load_cols(ref, ir, n, cr)) != ST_OK))
            break;
        for (int j = 0; j < n; j++) item_compute(e, &it[i0 + j], cv + (size_t)j * members, cr + (size_t)j * members, members);
    }
    free(cv);
    free(cr);
    free(iv);
    free(ir);
    return st;
}

static void item_name(const Item *x, char *name, size_t n, int *year)
{
    if (IS_METRIC(x)) {
        snprintf(name, n, "%s", metrics_get(x->metric)->name);
        *year = x->year;
    } else if (x->target < 0) {
        snprintf(name, n, "all_results");
        *year = 0;
    } else {
        snprintf(name, n, "%s", x->v->meta[x->target].id);
        *year = x->v->meta[x->target].year;
    }
}

static void write_rows(FILE *f, int csv, const Ens *e, const Item *it, int n)
{
    const char sep = csv ? ',' : ' ';
    if (csv) fputs("\xEF\xBB\xBF", f);
    else {
        fprintf(f, "# ecsim ensemble comparison on common weather members; reference %s\n", e->g[0].scn->name);
        fputs("# target rows: value, ref_value = P(met); diff_mean = paired difference, ci_low/ci_high = its 95 %\n"
              "# interval (Newcombe, paired). metric rows: value, ref_value = P50; diff_* = mean, P10, P50, P90\n"
              "# of the members' paired differences (variant - reference)\n", f);
    }
    fprintf(f, "scenario%creference%ckind%cname%cyear%cn%cvalue%cref_value%cdiff_mean%cdiff_p10%cdiff_p50%cdiff_p90"
               "%cci_low%cci_high%s", sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, ens_eol(csv));
    for (int i = 0; i < n; i++) {
        const Item *x = &it[i];
        char name[80];
        int year;
        item_name(x, name, sizeof name, &year);
        fprintf(f, "%s%c%s%c%s%c%s%c%d%c%ld", x->v->scn->name, sep, e->g[0].scn->name, sep,
                IS_METRIC(x) ? "metric" : "target", sep, name, sep, year, sep, x->v->done);
        for (int r = 0; r < R_COUNT; r++) ens_cell(f, csv, x->r[r], "%.10g");
        fputs(ens_eol(csv), f);
    }
}

static void target_cond(const Item *x, char *buf, size_t n)
{
    if (x->target < 0) {
        snprintf(buf, n, "all simulated-result targets");
        return;
    }
    const TargetResult *r = &x->v->meta[x->target];
    char th[96];
    present_target_value(th, sizeof th, r->metric, r->op, r->threshold, 0);
    if (r->op == OP_RANGE) {
        char up[96];
        present_target_value(up, sizeof up, r->metric, r->op, r->upper, 0);
        snprintf(buf, n, "%s %s to %s, %d", r->metric, th, up, r->year);
        return;
    }
    snprintf(buf, n, "%s %s %s, %d", r->metric, present_op_symbol(r->op), th, r->year);
}

/* A target row whose paired difference is 0 and whose interval holds 0:
 * the variant meets it with the reference's probability. */
static int target_unchanged(const Item *x)
{
    return isfinite(x->r[R_MEAN]) && x->r[R_MEAN] == 0 && !(x->r[R_LO] > 0 || x->r[R_HI] < 0);
}

/* One line per variant naming its unchanged target checks and their P(met). */
static void summary_unchanged(FILE *f, const Ens *e, const Item *it, int n)
{
    int header = 0;
    for (int a = 0; a < n;) {
        int b = a, all = 0, same = 0;
        for (; b < n && it[b].v == it[a].v; b++)
            if (!IS_METRIC(&it[b])) {
                all++;
                same += target_unchanged(&it[b]);
            }
        if (it[a].v != &e->g[0] && same) {
            if (!header++)
                fprintf(f, "\nProbability unchanged against %s (paired difference 0):\n\n", e->g[0].scn->name);
            fprintf(f, "- %s: ", it[a].v->scn->name);
            if (same == all) fprintf(f, "all %d target checks", all);
            else {
                fprintf(f, "%d of %d target checks: ", same, all);
                int k = 0;
                for (int i = a; i < b; i++) {
                    if (IS_METRIC(&it[i]) || !target_unchanged(&it[i])) continue;
                    char cond[400];
                    target_cond(&it[i], cond, sizeof cond);
                    fprintf(f, "%s%s (P %.2f)", k++ ? "; " : "", cond, it[i].r[R_VALUE]);
                }
            }
            fputs(".\n", f);
        }
        a = b;
    }
}

static void write_summary(FILE *f, const Ens *e, const Item *it, int n)
{
    const Group *ref = &e->g[0];
    if (e->o->weather_years)   /* weather from files (ensemble.c) */
        fprintf(f, "# Weather ensemble comparison\n\n%d scenarios on %ld weather years of their files "
                   "(member m of every scenario replays its m-th distinct weather file). "
                   "Reference: **%s**. Differences are paired member by member.\n\n",
                e->n_groups, ref->done, ref->scn->name);
    else
        fprintf(f, "# Weather ensemble comparison\n\n%d scenarios on the same %ld synthetic weather members "
                   "(common random numbers: member m of every scenario uses the same weather streams). "
                   "Reference: **%s**. Differences are paired member by member.\n\n",
                e->n_groups, ref->done, ref->scn->name);
    /* the checks whose probability moves lead; the unchanged ones follow in
     * one line per variant (comparison_ensemble.* keep every row) */
    int shown = 0;
    for (int i = 0; i < n; i++) {
        const Item *x = &it[i];
        if (IS_METRIC(x) || x->v == ref || target_unchanged(x)) continue;
        char cond[400];
        target_cond(x, cond, sizeof cond);
        if (!shown++)
            fputs("## Targets whose probability changes\n\n"
                  "| scenario | target | P(met) | reference | difference | 95 % interval (Newcombe, paired) |\n"
                  "|---|---|---:|---:|---:|---|\n", f);
        fprintf(f, "| %s | %s | %.2f |", x->v->scn->name, cond, x->r[R_VALUE]);
        if (isfinite(x->r[R_REF])) fprintf(f, " %.2f |", x->r[R_REF]);
        else fputs(" – |", f);
        if (isfinite(x->r[R_MEAN])) fprintf(f, " %+.2f | %+.2f to %+.2f |\n", x->r[R_MEAN], x->r[R_LO], x->r[R_HI]);
        else fputs(" – | not paired |\n", f);
    }
    if (!shown) fputs("## Targets whose probability changes\n\nNone: no variant changes the probability of any "
                      "target against the reference.\n", f);
    summary_unchanged(f, e, it, n);
    int any = 0;
    for (int i = 0; i < n; i++) {
        const Item *x = &it[i];
        if (IS_METRIC(x) || x->v == ref || !isfinite(x->r[R_MEAN])) continue;
        if (!(x->r[R_LO] > 0 || x->r[R_HI] < 0)) continue;   /* the interval holds 0 */
        char cond[400];
        target_cond(x, cond, sizeof cond);
        if (!any++) fputs("\nChanges whose 95 % interval excludes zero:\n\n", f);
        fprintf(f, "- %s %s P(%s) from %.2f to %.2f (difference %+.2f, 95 %% interval %+.2f to %+.2f).\n",
                x->v->scn->name, x->r[R_MEAN] > 0 ? "raises" : "lowers", cond, x->r[R_REF], x->r[R_VALUE],
                x->r[R_MEAN], x->r[R_LO], x->r[R_HI]);
    }
    if (!any && shown)   /* changes there are, none beyond its interval */
        fputs("\nNo variant changes a target's probability by more than its 95 % interval.\n", f);
    int nk;
    const Figure *figs = compare_key_figures(&nk);
    fprintf(f, "\n## Key metrics, last year of the reference (%d): P50 and the paired difference\n\n"
               "| scenario | metric | P50 | reference P50 | mean difference | P10 to P90 of the difference |\n"
               "|---|---|---:|---:|---:|---|\n", ref->scn->last_year);
    for (int i = 0; i < n; i++) {
        const Item *x = &it[i];
        if (!IS_METRIC(x) || x->v == ref || x->year != ref->scn->last_year) continue;
        for (int k = 0; k < nk; k++) {
            FigureCol fc;
            if (!present_figure(&figs[k], &fc) || fc.m != metrics_get(x->metric)) continue;
            double s = fc.u.scale;
            fprintf(f, "| %s | %s | ", x->v->scn->name, fc.heading);
            fprintf(f, fc.format, x->r[R_VALUE] * s);
            fputs(" | ", f);
            fprintf(f, fc.format, x->r[R_REF] * s);
            fprintf(f, " | %+.4g | %+.4g to %+.4g |\n", x->r[R_MEAN] * s, x->r[R_P10] * s, x->r[R_P90] * s);
        }
    }
    fputs("\nFiles: comparison_ensemble.dat/.csv (every target and annual metric of every year), and each "
          "scenario's folder as `ecsim ensemble` writes it (docs/ensemble.md).\n", f);
}

Status ensemble_compare(Ens *e, Diag *d)
{
    int n = items_make(e, NULL);
    Item *it = malloc(((size_t)n + 1) * sizeof *it);
    AtomicFile *af = calloc(3, sizeof *af);
    if (!it || !af) {
        free(it);
        free(af);
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    items_make(e, it);
    Status st = ST_OK;
    for (int a = 0; st == ST_OK && a < n;) {
        int b = a;
        while (b < n && it[b].v == it[a].v) b++;
        st = items_compute(e, it, a, b);
        a = b;
    }
    if (st != ST_OK) diag_error(d, st, NULL, 0, NULL, "cannot read the members' records back");
    const char *names[3] = { "comparison_ensemble.dat", "comparison_ensemble.csv", "summary.md" };
    int opened = 0;
    for (; st == ST_OK && opened < 3; opened++) {
        char path[STAGE_PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", e->o->out_dir, names[opened]) >= (int)sizeof path) {
            diag_error(d, ST_IO, NULL, 0, NULL, "%s/%s: path too long", e->o->out_dir, names[opened]);
            st = ST_IO;
            break;
        }
        st = afile_open(&af[opened], path, d);
        if (st != ST_OK) break;
    }
    if (st == ST_OK) {
        write_rows(af[0].f, 0, e, it, n);
        write_rows(af[1].f, 1, e, it, n);
        write_summary(af[2].f, e, it, n);
        for (int i = 0; i < 3; i++) {
            Status s2 = st == ST_OK ? afile_commit(&af[i], d) : (afile_abort(&af[i]), st);
            if (st == ST_OK) st = s2;
        }
    } else {
        for (int i = 0; i < opened; i++) afile_abort(&af[i]);
    }
    free(it);
    free(af);
    return st;
}

Status ens_compare_manifest(const Ens *e, Diag *d)
{
    char path[STAGE_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/shard.txt", e->o->out_dir) >= (int)sizeof path) {
        diag_error(d, ST_IO, NULL, 0, NULL, "%s/shard.txt: path too long", e->o->out_dir);
        return ST_IO;
    }
    AtomicFile *af = calloc(1, sizeof *af);
    if (!af) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = afile_open(af, path, d);
    if (st == ST_OK) {
        fprintf(af->f, "ecsim-shard 1\nkind compare\nshard %d %d\nruns %d\nscenarios %d\n", e->o->shard_k,
                e->o->shard_n, e->o->runs, e->n_groups);
        for (int i = 0; i < e->n_groups; i++) fprintf(af->f, "scenario %s\n", e->g[i].scn->name);
        st = afile_commit(af, d);
    }
    free(af);
    return st;
}
