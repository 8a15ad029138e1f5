/* ensemble_int.h — what ensemble.c and enscmp.c share: a scenario's
 * members (Group) and their record layout (ensemble.c). Not a public
 * interface. */
#ifndef ECSIM_ENSEMBLE_INT_H
#define ECSIM_ENSEMBLE_INT_H

#include <stdio.h>

#include "ensemble.h"
#include "stagedir.h"

#define COL_BUDGET ((size_t)1 << 20)   /* doubles of columns held at once */

/* Statistics of one column: mean sd min p10 p50 p90 max, then the extra quantiles. */
enum { S_N, S_MEAN, S_SD, S_MIN, S_P10, S_P50, S_P90, S_MAX, S_FIXED };

typedef struct {
    Scenario *scn;
    const char *path;
    int members, first_job;
    int first_member;              /* members first_member+1 .. first_member+members */
    int runs;                      /* members of the whole run (a shard's R) */
    char settings[65];             /* SHA-256 of the file and the overrides (shards) */
    StagedDir sd;
    int staged;
    FILE *mdat, *mcsv, *bin;
    int n_years, n_metrics, n_targets;
    size_t rec;                    /* doubles per record */
    double *recbuf;
    TargetResult *meta;            /* the first member's checks */
    long done;
    double *stat;                  /* rec x ns */
    Status st;
    struct EnsWeather *wx;         /* weather from files: the members' weather (ensemble.c); NULL: synthetic */
} Group;

typedef struct {
    const EnsOptions *o;
    const EnsReport *rep;
    EnsOutcome *out;
    Group *g;
    int n_groups, total, delivered;
    int ns;                        /* statistics per column */
} Ens;

size_t ens_col_metric(const Group *g, int y, int k);   /* metric k of year index y */
size_t ens_col_value(const Group *g, int t);           /* target check t's value */
size_t ens_col_pass(const Group *g, int t);            /* its pass flag */
size_t ens_col_all(const Group *g);                    /* every result check met */
/* A number cell with its separator: .dat NaN, .csv empty when not finite. */
void ens_cell(FILE *f, int csv, double v, const char *fmt);
const char *ens_eol(int csv);
/* Reads columns idx[0..n) of every record into out[j * members + m]. */
Status ens_load_cols(Group *g, const size_t *idx, int n, double *out);
/* Statistics of x[0..n) into s[0..ns) (x is reordered: finite values sorted first). */
void ens_column_stats(double *x, size_t n, const EnsOptions *o, double *s);
/* Columns per block when `files` files of `members` records are read at once. */
size_t ens_block_of(size_t members, size_t cols, int files);
const double *ens_stat_of(const Ens *e, const Group *g, size_t col);
/* Members in which a 0/1 column is 1. */
long ens_met_of(const Ens *e, const Group *g, size_t col);

/* A group's staged folder with the members files' headers and its records
 * file; its folder complete but for the commit; its memory. */
Status ens_group_open(Ens *e, Group *g, Diag *d);
Status ens_group_finish(Ens *e, Group *g, Diag *d);
void ens_group_free(Group *g);

/* DIR/comparison_ensemble.dat/.csv and DIR/summary.md (enscmp.c). */
Status ensemble_compare(Ens *e, Diag *d);
/* A compare shard's DIR/shard.txt: K, N, runs and the scenarios in file
 * order, which ensemble_merge needs to compare as the single run does. */
Status ens_compare_manifest(const Ens *e, Diag *d);

#endif
