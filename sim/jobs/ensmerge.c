/* ensmerge.c — `ecsim merge`: the shards of an ensemble (ensemble.h) into
 * the folder a single run writes. A shard folder DIR/<scenario>/ holds
 * members.dat/.csv of its slice (as printed by the run), records.bin (the
 * members' records, full doubles), targets.bin (the first member's target
 * checks) and shard.txt (what must agree between shards). The merged
 * members files are the slices' rows in shard order under the single run's
 * header; the statistics are computed by ensemble.c's own code from the
 * concatenated records, so every file is the single run's, byte for byte.
 * Binary files: shards come from the same build on machines of the same
 * byte order (checked through the record's sizes). A compare --runs shard
 * adds DIR/shard.txt (kind compare: K, N, the scenarios in order); all its
 * groups are merged, compared (enscmp.c) and only then committed. Sweep
 * shards (kind sweep) go to sweep_merge (sweep.c). */
#include "ensemble.h"
#include "ensemble_int.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "metrics.h"
#include "sweep.h"

#define LINE_MAX_LEN 2048

typedef struct {
    char dir[STAGE_PATH_MAX];      /* DIR/<scenario> */
    char scenario[NAME_MAX_LEN];
    long runs, k, n, lo, hi;
    unsigned long seed;
    char quantiles[LINE_MAX_LEN], years[64], weather[16], record[128], settings[80];
} Shard;

static Status bad(Diag *d, const char *file, const char *fmt, const char *a, const char *b, const char *c)
{
    diag_error(d, ST_CONFIG_INVALID, file, 0, NULL, fmt, a, b, c);
    return ST_CONFIG_INVALID;
}

static void path_of(char *buf, size_t n, const char *dir, const char *file)
{
    snprintf(buf, n, "%s/%s", dir, file);
}

static Status read_manifest(Shard *s, Diag *d)
{
    char path[STAGE_PATH_MAX + 32], line[LINE_MAX_LEN];
    path_of(path, sizeof path, s->dir, "shard.txt");
    FILE *f = fopen(path, "r");
    if (!f) return bad(d, path, "cannot read the shard's manifest%s%s%s", "", "", "");
    int seen = 0;
    int version = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *v = strchr(line, ' ');
        const char *val = v ? v + 1 : "";
        if (v) *v = '\0';
#define COPY(field) snprintf(s->field, sizeof s->field, "%s", val)
        if (strcmp(line, "ecsim-shard") == 0) version = atoi(val), seen |= 1;
        else if (strcmp(line, "scenario") == 0) COPY(scenario), seen |= 2;
        else if (strcmp(line, "runs") == 0) s->runs = atol(val), seen |= 4;
        else if (strcmp(line, "shard") == 0 && sscanf(val, "%ld %ld", &s->k, &s->n) == 2) seen |= 8;
        else if (strcmp(line, "members") == 0 && sscanf(val, "%ld %ld", &s->lo, &s->hi) == 2) seen |= 16;
        else if (strcmp(line, "seed") == 0) s->seed = strtoul(val, NULL, 10), seen |= 32;
        else if (strcmp(line, "quantiles") == 0) COPY(quantiles), seen |= 64;
        else if (strcmp(line, "years") == 0) COPY(years), seen |= 128;
        else if (strcmp(line, "weather") == 0) COPY(weather), seen |= 256;
        else if (strcmp(line, "record") == 0) COPY(record), seen |= 512;
        else if (strcmp(line, "settings") == 0) COPY(settings), seen |= 1024;
#undef COPY
    }
    fclose(f);
    if (seen != 2047 || version != 1 || s->n < 1 || s->k < 1 || s->k > s->n || s->runs < s->n)
        return bad(d, path, "not a shard manifest of this version (ecsim-shard 1)%s%s%s", "", "", "");
    return ST_OK;
}

/* Scenario folders of dir holding a shard.txt, sorted; NULL-terminated. */
static char **scenarios_of(const char *dir, int *n)
{
    DIR *dp = opendir(dir);
    *n = 0;
    if (!dp) return NULL;
    size_t cap = 8;
    char **names = malloc(cap * sizeof *names);
    struct dirent *de;
    while (names && (de = readdir(dp))) {
        if (de->d_name[0] == '.') continue;
        char path[STAGE_PATH_MAX + NAME_MAX_LEN];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s/shard.txt", dir, de->d_name);
        if (stat(path, &st) != 0) continue;
        if ((size_t)*n + 1 >= cap) {
            char **nn = realloc(names, (cap *= 2) * sizeof *names);
            if (!nn) break;
            names = nn;
        }
        names[(*n)++] = strdup(de->d_name);
    }
    closedir(dp);
    if (names) names[*n] = NULL;
    for (int i = 1; names && i < *n; i++)   /* a few scenarios: insertion sort */
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    return names;
}

static void free_names(char **names)
{
    for (int i = 0; names && names[i]; i++) free(names[i]);
    free(names);
}

static long file_size(const char *dir, const char *file)
{
    char path[STAGE_PATH_MAX + 32];
    struct stat st;
    path_of(path, sizeof path, dir, file);
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The shards of one scenario, one per dir, checked against each other and
 * ordered by K into by_k[0..N). */
static Status check_shards(Shard *sh, int n, Shard **by_k, Diag *d)
{
    char ref[STAGE_PATH_MAX + 32], here[STAGE_PATH_MAX + 32];
    const Shard *a = &sh[0];
    path_of(ref, sizeof ref, a->dir, "shard.txt");
    for (int i = 0; i < n; i++) {
        const Shard *s = &sh[i];
        path_of(here, sizeof here, s->dir, "shard.txt");
        char x[64], y[64];
#define DIFF(what, fa, fb) return bad(d, here, what " %s differs from %s in %s", fa, fb, ref)
        if (s->runs != a->runs) {
            snprintf(x, sizeof x, "%ld", s->runs), snprintf(y, sizeof y, "%ld", a->runs);
            DIFF("runs", x, y);
        }
        if (s->n != a->n) {
            snprintf(x, sizeof x, "%ld", s->n), snprintf(y, sizeof y, "%ld", a->n);
            DIFF("number of shards", x, y);
        }
        if (s->seed != a->seed) {
            snprintf(x, sizeof x, "%lu", s->seed), snprintf(y, sizeof y, "%lu", a->seed);
            DIFF("seed", x, y);
        }
        if (strcmp(s->quantiles, a->quantiles) != 0)
            DIFF("quantiles", *s->quantiles ? s->quantiles : "(none)", *a->quantiles ? a->quantiles : "(none)");
        if (strcmp(s->years, a->years) != 0) DIFF("years", s->years, a->years);
        if (strcmp(s->weather, a->weather) != 0) DIFF("weather source", s->weather, a->weather);
        if (strcmp(s->record, a->record) != 0) DIFF("record layout (another build?)", s->record, a->record);
        if (strcmp(s->settings, a->settings) != 0)
            DIFF("settings (SHA-256 of the file and the --set overrides)", s->settings, a->settings);
#undef DIFF
        if (s->lo != (s->k - 1) * s->runs / s->n + 1 || s->hi != s->k * s->runs / s->n) {
            snprintf(x, sizeof x, "%ld..%ld", s->lo, s->hi), snprintf(y, sizeof y, "%ld/%ld", s->k, s->n);
            return bad(d, here, "members %s are not those of shard %s%s", x, y, "");
        }
        if (by_k[s->k - 1]) {
            snprintf(x, sizeof x, "%ld/%ld", s->k, s->n);
            char other[STAGE_PATH_MAX];
            snprintf(other, sizeof other, "%s", by_k[s->k - 1]->dir);
            return bad(d, here, "shard %s is given twice (also %s)%s", x, other, "");
        }
        by_k[s->k - 1] = &sh[i];
    }
    for (long k = 0; k < a->n; k++)
        if (!by_k[k]) {
            char x[64];
            snprintf(x, sizeof x, "%ld/%ld", k + 1, a->n);
            return bad(d, NULL, "scenario %s: shard %s is missing%s", a->scenario, x, "");
        }
    return ST_OK;
}

/* Appends the data rows of a shard's members file (its header skipped). */
static Status append_rows(FILE *out, const char *dir, const char *file, int csv, Diag *d)
{
    char path[STAGE_PATH_MAX + 32];
    path_of(path, sizeof path, dir, file);
    FILE *f = fopen(path, "rb");
    if (!f) return bad(d, path, "cannot read%s%s%s", "", "", "");
    char *line = NULL;
    size_t cap = 0;
    int header = 1;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (header) {   /* .dat: comment lines then the column names; .csv: the column names */
            if (!csv && line[0] == '#') continue;
            header = 0;
            continue;
        }
        fwrite(line, 1, (size_t)len, out);
    }
    free(line);
    int err = ferror(f);
    fclose(f);
    return err ? bad(d, path, "cannot read%s%s%s", "", "", "") : ST_OK;
}

static Status append_records(FILE *out, const Shard *s, size_t rec, Diag *d)
{
    char path[STAGE_PATH_MAX + 32];
    path_of(path, sizeof path, s->dir, "records.bin");
    FILE *f = fopen(path, "rb");
    if (!f) return bad(d, path, "cannot read%s%s%s", "", "", "");
    double buf[4096];
    size_t want = (size_t)(s->hi - s->lo + 1) * rec, got = 0, k;
    while ((k = fread(buf, sizeof *buf, sizeof buf / sizeof *buf, f)) > 0) {
        fwrite(buf, sizeof *buf, k, out);
        got += k;
    }
    fclose(f);
    return got == want ? ST_OK : bad(d, path, "holds fewer or more records than members %s%s%s", "", "", "");
}

/* Parses "a b c" of %.17g into q[]; the count. */
static int parse_q(const char *s, double *q)
{
    int n = 0;
    char *end;
    for (double v = strtod(s, &end); end != s && n < ENS_QUANTILES_MAX; v = strtod(s, &end)) {
        q[n++] = v;
        s = end;
    }
    return n;
}

/* Fills group g of e (e->o shared by every group) from the shards of its
 * scenario in K order: the single run's members files and records, then its
 * statistics and files (ens_group_finish); the folder is left staged. */
static Status merge_group(Ens *e, Group *g, Shard **by_k, Diag *d)
{
    const Shard *a = by_k[0];
    int ws = 0;
    size_t tsize = 0;
    g->scn = calloc(1, sizeof *g->scn);
    Status st = g->scn ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        snprintf(g->scn->name, sizeof g->scn->name, "%s", a->scenario);
        g->scn->seed = a->seed;
        g->path = a->dir;
        if (sscanf(a->years, "%d %d", &g->scn->first_year, &g->scn->last_year) != 2 || sscanf(a->weather, "%d", &ws) != 1 ||
            sscanf(a->record, "%d %d %d %zu %zu", &g->n_years, &g->n_metrics, &g->n_targets, &g->rec, &tsize) != 5 ||
            g->n_metrics != metrics_count() || tsize != sizeof(TargetResult) || g->n_targets < 0 ||
            g->rec != ens_col_all(g) + 1)
            st = bad(d, a->dir, "shard.txt: the record layout is not this build's%s%s%s", "", "", "");
        g->scn->weather.source = ws == WEATHER_FILE ? WEATHER_FILE : WEATHER_SYNTHETIC;
        g->members = (int)a->runs;
    }
    if (st == ST_OK) {
        g->recbuf = malloc(g->rec * sizeof *g->recbuf);
        g->meta = calloc((size_t)g->n_targets + 1, sizeof *g->meta);
        if (!g->recbuf || !g->meta) st = ST_NOMEM;
    }
    if (st == ST_OK) {
        char path[STAGE_PATH_MAX + 32];
        path_of(path, sizeof path, a->dir, "targets.bin");
        FILE *f = fopen(path, "rb");
        size_t nt = (size_t)g->n_targets;
        if (!f || fread(g->meta, sizeof *g->meta, nt, f) != nt || fgetc(f) != EOF)
            st = bad(d, path, "cannot read %s target checks%s%s", nt ? "its" : "(no)", "", "");
        if (f) fclose(f);
    }
    if (st == ST_OK) st = ens_group_open(e, g, d);
    for (long k = 0; st == ST_OK && k < a->n; k++) {
        const Shard *s = by_k[k];
        if ((st = append_rows(g->mdat, s->dir, "members.dat", 0, d)) != ST_OK) break;
        if ((st = append_rows(g->mcsv, s->dir, "members.csv", 1, d)) != ST_OK) break;
        if ((st = append_records(g->bin, s, g->rec, d)) != ST_OK) break;
        g->done += s->hi - s->lo + 1;
    }
    if (st == ST_OK) st = ens_group_finish(e, g, d);
    return st;
}

static Status commit_group(Group *g, Diag *d)
{
    fclose(g->bin);
    g->bin = NULL;
    Status st = stage_commit(&g->sd, d);
    if (st == ST_OK) g->staged = 0;
    return st;
}

/* ---- the kind of a shard: DIR/shard.txt of compare and sweep ---------------- */

/* "compare" or "sweep" from DIR/shard.txt, "ensemble" when there is no such
 * file (an ensemble's manifests are DIR/<scenario>/shard.txt); NULL and a
 * message when the file is not a manifest. */
static const char *kind_of(const char *dir, Diag *d)
{
    char path[STAGE_PATH_MAX + 32], line[LINE_MAX_LEN];
    struct stat sb;
    path_of(path, sizeof path, dir, "shard.txt");
    if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) return "ensemble";
    FILE *f = fopen(path, "r");
    const char *kind = NULL;
    if (f && fgets(line, sizeof line, f) && strcmp(line, "ecsim-shard 1\n") == 0 && fgets(line, sizeof line, f)) {
        if (strcmp(line, "kind compare\n") == 0) kind = "compare";
        else if (strcmp(line, "kind sweep\n") == 0) kind = "sweep";
    }
    if (f) fclose(f);
    if (!kind) bad(d, path, "not a shard manifest of this version (ecsim-shard 1, kind compare or sweep)%s%s%s", "", "", "");
    return kind;
}

/* DIR/shard.txt of a compare --runs shard: K, N, runs and the scenarios in
 * file order (the first is the reference). */
typedef struct {
    long k, n, runs, count;
    char (*names)[NAME_MAX_LEN];
} CmpShard;

static Status read_cmp_manifest(const char *dir, CmpShard *c, Diag *d)
{
    char path[STAGE_PATH_MAX + 32], line[LINE_MAX_LEN];
    path_of(path, sizeof path, dir, "shard.txt");
    FILE *f = fopen(path, "r");
    if (!f) return bad(d, path, "cannot read the shard's manifest%s%s%s", "", "", "");
    int seen = 0, given = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *v = strchr(line, ' ');
        const char *val = v ? v + 1 : "";
        if (v) *v = '\0';
        if (strcmp(line, "shard") == 0 && sscanf(val, "%ld %ld", &c->k, &c->n) == 2) seen |= 1;
        else if (strcmp(line, "runs") == 0) c->runs = atol(val), seen |= 2;
        else if (strcmp(line, "scenarios") == 0 && !c->names) {
            c->count = atol(val);
            if (c->count > 0 && c->count < 100000) c->names = calloc((size_t)c->count, sizeof *c->names);
            seen |= 4;
        } else if (strcmp(line, "scenario") == 0 && c->names && given < c->count)
            snprintf(c->names[given++], NAME_MAX_LEN, "%s", val);
    }
    fclose(f);
    if (seen != 7 || !c->names || given != c->count || c->n < 1 || c->k < 1 || c->k > c->n || c->runs < c->n)
        return bad(d, path, "not a compare shard's manifest of this version%s%s%s", "", "", "");
    for (long j = 0; j < c->count; j++)
        if (!c->names[j][0] || strchr(c->names[j], '/') || c->names[j][0] == '.')
            return bad(d, path, "names a scenario that cannot be a folder%s%s%s", "", "", "");
    return ST_OK;
}

/* The compare manifests agree (scenarios in the same order, runs, N) and
 * hold every K once. */
static Status check_cmp(const char *const *dirs, int n, CmpShard *c, Diag *d)
{
    char x[64], y[64];
    const CmpShard *a = &c[0];
    const char **by_k = calloc((size_t)a->n, sizeof *by_k);
    if (!by_k) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    Status st = ST_OK;
    for (int i = 0; st == ST_OK && i < n; i++) {
        const CmpShard *s = &c[i];
        if (s->n != a->n || s->runs != a->runs) {
            snprintf(x, sizeof x, "%ld shards of %ld members", s->n, s->runs);
            snprintf(y, sizeof y, "%ld shards of %ld members", a->n, a->runs);
            st = bad(d, dirs[i], "%s differ from %s in %s", x, y, dirs[0]);
            break;
        }
        for (long j = 0; st == ST_OK && j < (s->count > a->count ? s->count : a->count); j++)
            if (j >= s->count || j >= a->count || strcmp(s->names[j], a->names[j]) != 0)
                st = bad(d, dirs[i], "compares other scenarios (or in another order) than %s: %s here, %s there",
                         dirs[0], j < s->count ? s->names[j] : "fewer", j < a->count ? a->names[j] : "fewer");
        if (st == ST_OK && by_k[s->k - 1]) {
            snprintf(x, sizeof x, "%ld/%ld", s->k, s->n);
            st = bad(d, dirs[i], "shard %s is given twice (also %s)%s", x, by_k[s->k - 1], "");
        }
        if (st == ST_OK) by_k[s->k - 1] = dirs[i];
    }
    for (long k = 0; st == ST_OK && k < a->n; k++)
        if (!by_k[k]) {
            snprintf(x, sizeof x, "%ld/%ld", k + 1, a->n);
            st = bad(d, NULL, "comparison: shard %s is missing%s%s", x, "", "");
        }
    free(by_k);
    return st;
}

/* ---- merging ------------------------------------------------------------------ */

/* Scenarios names[0..ns) of every shard dir: each checked first, then
 * merged; with compare, DIR/comparison_ensemble.* and DIR/summary.md from
 * the merged groups (names[0] the reference) before any folder is committed,
 * as a single run does. */
static Status merge_scenarios(const char *const *dirs, int n, char **names, int ns, const char *out_dir,
                              int compare, int *written, Diag *d)
{
    Shard ***by_k = calloc((size_t)ns, sizeof *by_k);   /* per scenario: its shards by K */
    Shard *all = calloc((size_t)n * (size_t)ns, sizeof *all);
    Group *g = calloc((size_t)ns, sizeof *g);
    Status st = ST_OK;
    if (!by_k || !all || !g) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        st = ST_NOMEM;
    }
    /* check every scenario's shards before writing anything */
    for (int j = 0; st == ST_OK && j < ns; j++) {
        Shard *row = all + (size_t)j * (size_t)n;
        for (int i = 0; st == ST_OK && i < n; i++) {
            snprintf(row[i].dir, sizeof row[i].dir, "%s/%s", dirs[i], names[j]);
            st = read_manifest(&row[i], d);
        }
        if (st == ST_OK && !(by_k[j] = calloc((size_t)row[0].n, sizeof **by_k))) {
            diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
            st = ST_NOMEM;
        }
        if (st == ST_OK) st = check_shards(row, n, by_k[j], d);
        for (int i = 0; st == ST_OK && i < n; i++) {
            const Shard *s = &row[i];
            if (file_size(s->dir, "members.dat") < 0 || file_size(s->dir, "members.csv") < 0 ||
                file_size(s->dir, "targets.bin") < 0 || file_size(s->dir, "records.bin") < 0)
                st = bad(d, s->dir, "lacks a file of a shard (members.dat, members.csv, records.bin, "
                                    "targets.bin)%s%s%s", "", "", "");
        }
        if (st == ST_OK && j > 0 && strcmp(by_k[j][0]->quantiles, by_k[0][0]->quantiles) != 0)
            st = bad(d, by_k[j][0]->dir, "quantiles differ from those of %s%s%s", by_k[0][0]->dir, "", "");
    }
    double q[ENS_QUANTILES_MAX];
    EnsOptions o = { .out_dir = out_dir, .threads = 1, .quantiles = q, .compare = compare };
    EnsOutcome out;
    memset(&out, 0, sizeof out);
    Ens e = { .o = &o, .out = &out, .g = g, .n_groups = ns };
    if (st == ST_OK) {
        o.runs = (int)by_k[0][0]->runs;
        o.n_quantiles = parse_q(by_k[0][0]->quantiles, q);
        e.ns = S_FIXED + o.n_quantiles;
    }
    if (compare) {   /* every group at once: the comparison reads all of them */
        for (int j = 0; st == ST_OK && j < ns; j++) st = merge_group(&e, &g[j], by_k[j], d);
        if (st == ST_OK) st = ensemble_compare(&e, d);
        for (int j = 0; st == ST_OK && j < ns; j++)
            if ((st = commit_group(&g[j], d)) == ST_OK) (*written)++;
    } else {   /* one at a time: one group's memory */
        for (int j = 0; st == ST_OK && j < ns; j++) {
            if ((st = merge_group(&e, &g[j], by_k[j], d)) == ST_OK && (st = commit_group(&g[j], d)) == ST_OK)
                (*written)++;
            ens_group_free(&g[j]);
            memset(&g[j], 0, sizeof g[j]);
        }
    }
    if (st == ST_NOMEM) diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
    for (int j = 0; g && j < ns; j++) ens_group_free(&g[j]);
    for (int j = 0; by_k && j < ns; j++) free(by_k[j]);
    free(g);
    free(all);
    free(by_k);
    return st;
}

static Status merge_ensemble(const char *const *dirs, int n, const char *out_dir, int *written, Diag *d)
{
    int ns = 0;
    char **names = scenarios_of(dirs[0], &ns);
    if (!names || ns == 0) {
        free_names(names);
        return bad(d, dirs[0], "no shard folder (<scenario>/shard.txt) in it%s%s%s", "", "", "");
    }
    Status st = ST_OK;
    for (int i = 1; st == ST_OK && i < n; i++) {   /* every shard holds the same scenarios */
        int m = 0;
        char **other = scenarios_of(dirs[i], &m);
        for (int j = 0; st == ST_OK && j < (m > ns ? m : ns); j++)
            if (j >= m || j >= ns || strcmp(names[j], other[j]) != 0)
                st = bad(d, dirs[i], "holds other scenarios than %s (%s here, %s there)", dirs[0],
                         j < m ? other[j] : "fewer", j < ns ? names[j] : "fewer");
        free_names(other);
    }
    if (st == ST_OK) st = merge_scenarios(dirs, n, names, ns, out_dir, 0, written, d);
    free_names(names);
    return st;
}

static Status merge_compare(const char *const *dirs, int n, const char *out_dir, int *written, Diag *d)
{
    CmpShard *c = calloc((size_t)n, sizeof *c);
    Status st = c ? ST_OK : ST_NOMEM;
    if (!c) diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
    for (int i = 0; st == ST_OK && i < n; i++) st = read_cmp_manifest(dirs[i], &c[i], d);
    if (st == ST_OK) st = check_cmp(dirs, n, c, d);
    char **names = st == ST_OK ? calloc((size_t)c[0].count + 1, sizeof *names) : NULL;
    if (st == ST_OK && !names) {
        diag_error(d, ST_NOMEM, NULL, 0, NULL, "out of memory");
        st = ST_NOMEM;
    }
    for (long j = 0; names && j < c[0].count; j++) names[j] = c[0].names[j];
    if (st == ST_OK) st = merge_scenarios(dirs, n, names, (int)c[0].count, out_dir, 1, written, d);
    free(names);
    for (int i = 0; c && i < n; i++) free(c[i].names);
    free(c);
    return st;
}

Status ensemble_merge(const char *const *dirs, int n, const char *out_dir, MergeOutcome *mo, Diag *d)
{
    memset(mo, 0, sizeof *mo);
    const char *kind = kind_of(dirs[0], d);
    if (!kind) return ST_CONFIG_INVALID;
    for (int i = 1; i < n; i++) {   /* one command's shards only */
        const char *other = kind_of(dirs[i], d);
        if (!other) return ST_CONFIG_INVALID;
        if (strcmp(other, kind) != 0)
            return bad(d, dirs[i], "a shard of `ecsim %s`, but %s is one of `ecsim %s`: shards of different "
                                   "commands cannot be merged", strcmp(other, "compare") == 0 ? "compare --runs" : other,
                       dirs[0], strcmp(kind, "compare") == 0 ? "compare --runs" : kind);
    }
    mo->kind = kind;
    if (strcmp(kind, "sweep") == 0) return sweep_merge(dirs, n, out_dir, &mo->points, &mo->not_run, d);
    if (strcmp(kind, "compare") == 0) return merge_compare(dirs, n, out_dir, &mo->written, d);
    return merge_ensemble(dirs, n, out_dir, &mo->written, d);
}
