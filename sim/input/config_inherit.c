/* config_inherit.c — the inherit/override layer (DESIGN §8): follow a
 * file's inherits chain, apply the files base first onto one Scenario
 * setting by setting (a later file replaces a setting's whole value), then
 * the --set overrides, then what only the whole chain can decide (required
 * settings, the default name). Records where every setting was written,
 * so that the rules can blame the later of two settings in conflict. */
#include "config_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "textdist.h"

/* ---- the file ---- */

int cfg_index_of(const SchemaEntry *e) { return (int)(e - schema_get(0)); }

static int group_of(const char *path)
{
    char g[32];
    size_t n = schema_group_len(path);
    if (n >= sizeof g) return -1;
    memcpy(g, path, n);
    g[n] = '\0';
    return schema_group_find(g);
}

static void load_group(LoadCtx *c, const config_setting_t *g, const char *gname)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        char path[160];
        snprintf(path, sizeof path, "%s.%s", gname, config_setting_name(m));
        const SchemaEntry *e = schema_find(path);
        if (!e && strcmp(config_setting_name(m), "inherits") == 0) {
            cfg_report(c, ST_CONFIG_UNKNOWN, m, path, NULL,
                       "unknown setting: write inherits at the top level, outside any group");
            continue;
        }
        if (!e) {
            cfg_report(c, ST_CONFIG_UNKNOWN, m, path, cfg_room(c) ? schema_suggest(path) : NULL,
                       "unknown setting");
            continue;
        }
        int idx = cfg_index_of(e);
        c->given[idx] = 1;
        c->at[idx] = cfg_here(c, m);
        /* a later source replaces the value, and with it any earlier error
         * (which stays reported) */
        c->bad[idx] = !cfg_load_value(c, e, m, path, c->s, &c->len[idx]);
    }
}

void cfg_load_root(LoadCtx *c, const config_setting_t *root)
{
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *m = config_setting_get_elem(root, (unsigned)i);
        const char *name = config_setting_name(m);
        int gi = schema_group_find(name);
        if (strcmp(name, "inherits") == 0) continue;   /* read by follow_chain */
        if (gi < 0) {
            if (config_setting_is_group(m))
                cfg_report(c, ST_CONFIG_UNKNOWN, m, name, cfg_room(c) ? schema_group_suggest(name) : NULL,
                           "unknown group");
            else   /* often a setting written outside its group */
                cfg_report(c, ST_CONFIG_UNKNOWN, m, name, cfg_room(c) ? schema_suggest(name) : NULL,
                           "unknown setting");
            continue;
        }
        if (!config_setting_is_group(m)) {
            cfg_report(c, ST_CONFIG_TYPE, m, name, NULL, "expected a group { ... }, got %s",
                       cfg_type_name(m));
            continue;
        }
        if (gi < MAX_GROUPS) {
            c->group_given[gi] = 1;
            c->group_at[gi] = cfg_here(c, m);
        }
        load_group(c, m, name);
    }
}

/* Where to report a setting: where it was given last, else its group in
 * the last source that has the group, else the loaded file (line 0). */
Loc cfg_where(const LoadCtx *c, int idx)
{
    if (c->given[idx]) return c->at[idx];
    int gi = group_of(schema_get(idx)->path);
    if (gi >= 0 && gi < MAX_GROUPS && c->group_given[gi]) return c->group_at[gi];
    return (Loc){ 0, 0 };
}

void cfg_check_missing(LoadCtx *c)
{
    for (int i = 0; i < schema_count(); i++)
        if (schema_get(i)->required && !c->given[i]) {
            cfg_report_loc(c, ST_CONFIG_MISSING, cfg_where(c, i), schema_get(i)->path, NULL,
                           "required setting is missing");
            c->bad[i] = 1;
        }
}

/* scenario.name defaults to the base name, without ".cfg", of the file
 * loaded (src[0]), even when a base of it sets a name: a variant never
 * takes its base's output directory. Only the file loaded itself or --set
 * can name the scenario. */
void cfg_default_name(LoadCtx *c)
{
    const SchemaEntry *e = schema_find("scenario.name");
    if (!e) return;
    int idx = cfg_index_of(e);
    if (c->given[idx] && (c->at[idx].src == 0 || c->at[idx].src == SRC_SET)) return;
    int gi = schema_group_find("scenario");
    Loc at = gi >= 0 && gi < MAX_GROUPS && c->group_given[gi] && c->group_at[gi].src == 0
                 ? c->group_at[gi] : (Loc){ 0, 0 };
    const char *file = c->src[0];
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".cfg") == 0) n -= 4;
    char name[NAME_MAX_LEN], buf[64];
    const char *problem = n >= sizeof name ? "is too long" : NULL;
    if (!problem) {
        memcpy(name, base, n);
        name[n] = '\0';
        problem = cfg_text_problem(name, e->flags);
    }
    if (problem) {
        cfg_report_loc(c, ST_CONFIG_INVALID, at, e->path, NULL,
                       "the file name \"%s\" gives no valid scenario name (it %s); set scenario.name",
                       cfg_shown(buf, sizeof buf, base), problem);
        c->bad[idx] = 1;
        return;
    }
    memset(c->s->name, 0, sizeof c->s->name);
    memcpy(c->s->name, name, n + 1);
    c->bad[idx] = 0;
}

/* Order in which setting idx was applied: -1 if never, files base first,
 * --set last. Of two settings in conflict, the later one is blamed. */
int cfg_rank(const LoadCtx *c, int idx)
{
    if (!c->given[idx]) return -1;
    return c->at[idx].src == SRC_SET ? N_SRC : CONFIG_CHAIN_MAX - c->at[idx].src;
}

/* The base name written in the file at from, as a path from the working
 * directory: relative to from's directory unless absolute. 0 if too long. */
static int resolve(char *out, size_t size, const char *from, const char *name)
{
    const char *slash = strrchr(from, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - from) + 1, len = strlen(name);
    if (dir + len >= size) return 0;
    memmove(out, from, dir);   /* out and from are distinct; memmove keeps the compiler sure */
    memcpy(out + dir, name, len + 1);
    return 1;
}

/* "a.cfg:3 -> b.cfg:2 -> a.cfg": the files 0..n-1 with the lines of their
 * inherits, then last. */
static void chain_text(char *buf, size_t size, const ChainFile *files, int n, const char *last)
{
    char q[128];
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && o < size; k++)
        o += (size_t)snprintf(buf + o, size - o, "%s:%d -> ",
                              cfg_shown_max(q, sizeof q, files[k].path, 100), files[k].inherits_line);
    if (o < size) snprintf(buf + o, size - o, "%s", cfg_shown_max(q, sizeof q, last, 100));
}

/* Reads, pre-scans and parses top and the bases it inherits, into files[];
 * the number of files, or 0 after reporting an error. */
int cfg_follow_chain(LoadCtx *c, ChainFile *files, const char *top)
{
    snprintf(files[0].path, sizeof files[0].path, "%s", top);   /* the caller checked the length */
    for (int n = 0; n < CONFIG_CHAIN_MAX; n++) {
        ChainFile *f = &files[n];
        Loc from = { n > 0 ? n - 1 : 0, n > 0 ? files[n - 1].inherits_line : 0 };
        char why[160], q[256];
        char *text = NULL;
        size_t len = 0;
        struct stat id;
        c->cur = n;
        c->src[n] = c->file = f->path;
        Status st = cfg_read_file(f->path, &text, &len, &id, why, sizeof why);
        if (st != ST_OK) {
            if (n == 0)
                cfg_report_line(c, st, 0, NULL, NULL, "cannot read file: %s", why);
            else
                cfg_report_loc(c, st, from, "inherits", NULL, "cannot read the base \"%s\": %s",
                               cfg_shown_max(q, sizeof q, f->path, 200), why);
            return 0;
        }
        f->dev = id.st_dev;
        f->ino = id.st_ino;
        for (int k = 0; k < n; k++)
            if (files[k].dev == f->dev && files[k].ino == f->ino) {
                char chain[384];
                chain_text(chain, sizeof chain, files, n, f->path);
                cfg_report_loc(c, ST_CONFIG_INVALID, from, "inherits", NULL, "inheritance cycle: %s",
                               chain);
                free(text);
                return 0;
            }
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            /* a UTF-8 byte-order mark, as Notepad and many editors save: the
             * file means the same without it */
            memmove(text, text + 3, len - 3 + 1);
            len -= 3;
        }
        int ok = cfg_prescan(c, text, len);
        if (ok) {
            f->parsed = 1;
            ok = cfg_parse_text(c, &f->cfg, text);
        }
        if (ok) {
            cfg_collect_assumptions(c, &f->cfg, text, len, n);
            cfg_collect_provenance(c, &f->cfg, text, len, n);
        }
        free(text);
        if (!ok) return 0;
        const config_setting_t *inh = config_setting_get_member(config_root_setting(&f->cfg), "inherits");
        if (!inh) return n + 1;
        f->inherits_line = (int)config_setting_source_line(inh);
        if (config_setting_type(inh) != CONFIG_TYPE_STRING) {
            cfg_report(c, ST_CONFIG_TYPE, inh, "inherits", NULL,
                       "expected a string, the path of the base scenario, got %s", cfg_type_name(inh));
            return 0;
        }
        const char *name = config_setting_get_string(inh);
        const char *problem = cfg_text_problem(name, SF_NONEMPTY);
        if (problem) {
            cfg_report(c, ST_CONFIG_INVALID, inh, "inherits", NULL, "\"%s\" %s",
                       cfg_shown(q, sizeof q, name), problem);
            return 0;
        }
        if (n + 1 == CONFIG_CHAIN_MAX) {
            cfg_report(c, ST_CONFIG_RANGE, inh, "inherits", NULL,
                       "more than %d files in the inherits chain", CONFIG_CHAIN_MAX);
            return 0;
        }
        if (!resolve(files[n + 1].path, sizeof files[n + 1].path, f->path, name)) {
            cfg_report(c, ST_IO, inh, "inherits", NULL, "the path of the base is longer than %d bytes",
                       PATH_MAX_LEN - 1);
            return 0;
        }
    }
    return 0;   /* not reached: the chain is cut at CONFIG_CHAIN_MAX above */
}

/* ---- --set overrides ---- */

enum { SET_VALUE_MAX = 64 * 1024 };

static int is_blank(char ch) { return ch == ' ' || ch == '\t'; }

/* "v = <value>;" or, verbatim, "v = \"<value escaped>\";" (malloc'd). */
static char *set_text(const char *value, size_t len, int verbatim)
{
    char *t = malloc(4 * len + 16), *o = t;
    if (!t) return NULL;
    memcpy(o, "v = ", 4), o += 4;
    if (!verbatim) {
        memcpy(o, value, len), o += len;
    } else {
        *o++ = '"';
        for (size_t i = 0; i < len; i++) {
            unsigned char ch = (unsigned char)value[i];
            if (ch == '"' || ch == '\\') *o++ = '\\', *o++ = (char)ch;
            else if (ch < 0x20 || ch == 0x7f) o += sprintf(o, "\\x%02x", ch);
            else *o++ = (char)ch;
        }
        *o++ = '"';
    }
    memcpy(o, ";\n", 3);
    return t;
}

/* Splits "group.list[i].field" at the index: list path into base, the
 * index and the field name. 1 if path has this form. */
static int split_index(const char *path, char *base, size_t size, int *index, const char **field)
{
    const char *br = strchr(path, '[');
    if (!br || (size_t)(br - path) >= size) return 0;
    const char *p = br + 1;
    long i = 0;
    if (!cfg_is_digit(*p)) return 0;
    for (; cfg_is_digit(*p); p++)
        if ((i = i * 10 + (*p - '0')) > 100000) return 0;
    if (p[0] != ']' || p[1] != '.' || !p[2]) return 0;
    memcpy(base, path, (size_t)(br - path));
    base[br - path] = '\0';
    *index = (int)i;
    *field = p + 2;
    return 1;
}

/* The schema entry (and record field) a --set path names; NULL after
 * reporting when there is none. */
static const SchemaEntry *set_target(LoadCtx *c, const char *path, const SchemaEntry **list, int *index)
{
    char base[160];
    const char *field = NULL;
    *list = NULL;
    *index = -1;
    if (strcmp(path, "inherits") == 0) {
        cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, path, NULL,
                        "cannot be set with --set: name the base in the scenario file");
        return NULL;
    }
    if (!strchr(path, '[')) {
        const SchemaEntry *e = schema_find(path);
        if (!e)
            cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, path, cfg_room(c) ? schema_suggest(path) : NULL,
                            "unknown setting");
        return e;
    }
    const SchemaEntry *e = split_index(path, base, sizeof base, index, &field) ? schema_find(base) : NULL;
    if (!e || e->kind != SK_RECORDS) {
        cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, path, NULL,
                        "unknown setting: only lists of groups take an index, written "
                        "list[index].field as in coal_power.units[0].retire_year");
        return NULL;
    }
    int count = *(const int *)(const void *)((const char *)c->s + e->count_offset);
    if (*index >= count) {
        cfg_report_line(c, ST_CONFIG_RANGE, 0, path, NULL, "%s has %d entries: index %d is past the end",
                        base, count, *index);
        return NULL;
    }
    const SchemaEntry *fe = schema_field_find(e, field);
    if (!fe) {
        const char *cand[REC_FIELDS];
        int nf = e->n_fields < REC_FIELDS ? e->n_fields : REC_FIELDS;
        for (int k = 0; k < nf; k++) cand[k] = e->fields[k].path;
        cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, path,
                        cfg_room(c) ? text_nearest(field, cand, (size_t)nf) : NULL, "unknown setting");
        return NULL;
    }
    *list = e;
    return fe;
}

/* Parses the value of a --set into cfg (destroyed by the caller). Text
 * that libconfig cannot read, and any text for a string or enum setting,
 * is taken as a string unless it starts like a libconfig value. */
static int set_parse(LoadCtx *c, const SchemaEntry *e, const char *value, size_t len, config_t *cfg)
{
    char q[64];
    int verbatim = (e->kind == SK_STRING || e->kind == SK_ENUM) && value[0] != '"';
    for (int attempt = 0; attempt < 2; attempt++) {
        char *t = set_text(value, len, verbatim);
        if (!t) {
            cfg_report_line(c, ST_NOMEM, 0, NULL, NULL, "out of memory");
            return 0;
        }
        int errors = c->d->n_errors;
        int ok = cfg_prescan(c, t, strlen(t));
        if (ok) {
            config_init(cfg);
            config_set_options(cfg, 0);
            ok = config_read_string(cfg, t);
            if (!ok && (verbatim || strchr("([{\"", value[0])))
                cfg_report_line(c, ST_CONFIG_SYNTAX, 0, NULL, NULL, "cannot read the value \"%s\": %s",
                                cfg_shown(q, sizeof q, value),
                                config_error_text(cfg) ? config_error_text(cfg) : "syntax error");
            if (!ok) config_destroy(cfg);
        }
        free(t);
        if (ok) return 1;
        if (verbatim || c->d->n_errors != errors || strchr("([{\"", value[0])) return 0;
        verbatim = 1;   /* 3.2GW, peak-shaving, all: a string */
    }
    return 0;
}

/* One override, "group.setting=value" or "group.list[i].field=value". */
void cfg_apply_set(LoadCtx *c, const char *text)
{
    char path[160], q[64];
    const char *eq = strchr(text, '=');
    const char *p = text;
    while (is_blank(*p)) p++;
    size_t plen = eq && eq > p ? (size_t)(eq - p) : 0;
    while (plen > 0 && is_blank(p[plen - 1])) plen--;
    c->set_path = NULL;
    if (plen == 0) {
        cfg_report_line(c, ST_USAGE, 0, cfg_shown(q, sizeof q, text), NULL,
                        "expected group.setting=value, such as storage.duration_h=4");
        return;
    }
    if (plen >= sizeof path) {
        cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, cfg_shown(q, sizeof q, text), NULL, "unknown setting");
        return;
    }
    memcpy(path, p, plen);
    path[plen] = '\0';
    for (const char *b = path; *b; b++)
        if ((unsigned char)*b < 0x20 || (unsigned char)*b >= 0x7f) {
            /* no setting's path has such a byte; quoted, so none reaches the terminal */
            cfg_report_line(c, ST_CONFIG_UNKNOWN, 0, cfg_shown(q, sizeof q, path), NULL, "unknown setting");
            return;
        }
    c->set_path = path;
    const char *value = eq + 1;
    while (is_blank(*value)) value++;
    size_t vlen = strlen(value);
    while (vlen > 0 && is_blank(value[vlen - 1])) vlen--;
    if (vlen == 0 || vlen > SET_VALUE_MAX) {
        cfg_report_line(c, vlen ? ST_CONFIG_RANGE : ST_USAGE, 0, path, NULL,
                        vlen ? "the value is longer than 64 KiB" : "no value after '='");
        return;
    }
    const SchemaEntry *list;
    int index;
    const SchemaEntry *e = set_target(c, path, &list, &index);
    if (!e) return;
    config_t cfg;
    if (!set_parse(c, e, value, vlen, &cfg)) return;
    const config_setting_t *root = config_root_setting(&cfg);
    if (config_setting_length(root) != 1) {
        cfg_report_line(c, ST_CONFIG_SYNTAX, 0, path, NULL, "unexpected text after the value in \"%s\"",
                        cfg_shown(q, sizeof q, value));
    } else if (list) {
        const config_setting_t *m = config_setting_get_elem(root, 0);
        RecordInfo *ri = &c->rec[cfg_record_slot(list)][index];
        int k = (int)(e - list->fields), dummy;
        void *rec = (char *)c->s + list->offset + (size_t)index * list->record_size;
        ri->field_given[k] = 1;
        ri->field[k] = (Loc){ SRC_SET, 0 };
        if (!cfg_load_value(c, e, m, path, rec, &dummy)) ri->bad = 1;
    } else {
        const config_setting_t *m = config_setting_get_elem(root, 0);
        int idx = cfg_index_of(e);
        c->given[idx] = 1;
        c->at[idx] = (Loc){ SRC_SET, 0 };
        c->bad[idx] = !cfg_load_value(c, e, m, path, c->s, &c->len[idx]);
    }
    config_destroy(&cfg);
}

/* A resolved scenario carries no record of where its settings were
 * written: for the rules, every setting counts as given (in a source
 * before the override), curves keep their stored lengths, and a years
 * list that covers the period exactly stands for "all", so it follows a
 * new first_year or last_year as the file's "all" would. */
void cfg_resolved_context(LoadCtx *c)
{
    const Scenario *s = c->s;
    for (int i = 0; i < schema_count() && i < MAX_ENTRIES; i++) {
        const SchemaEntry *e = schema_get(i);
        c->given[i] = 1;
        if (e->kind == SK_CURVE) {
            c->len[i] = *(const int *)(const void *)((const char *)s + e->count_offset);
        } else if (e->kind == SK_YEARS) {
            const int *y = (const int *)(const void *)((const char *)s + e->offset);
            int n = *(const int *)(const void *)((const char *)s + e->count_offset), all = 0;
            if (n == s->last_year - s->first_year + 1)
                for (all = 1; all && n-- > 0;) all = y[n] == s->first_year + n;
            c->len[i] = all ? -1 : *(const int *)(const void *)((const char *)s + e->count_offset);
        } else if (e->kind == SK_RECORDS) {
            int n = *(const int *)(const void *)((const char *)s + e->count_offset),
                slot = cfg_record_slot(e);
            for (int r = 0; r < n && r < REC_MAX && slot < REC_SLOTS; r++)
                for (int k = 0; k < e->n_fields && k < REC_FIELDS; k++)
                    c->rec[slot][r].field_given[k] = 1;
        }
    }
}

