/* config.c — scenario files to a validated Scenario (DESIGN §8, STYLE §7),
 * the public entry of three layers: parse (config_parse.c), inherit and
 * override (config_inherit.c), validate (config_validate.c). All errors
 * are collected as "file:line: setting: message"; nothing is returned on
 * error. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "config_impl.h"
#include "utf8.h"

void config_defaults(Scenario *s) { schema_defaults(s); }

/* Writes text on a comment line: control bytes and invalid UTF-8 as '?',
 * so that no path can end the comment and add settings. */
static void put_comment(FILE *f, const char *text)
{
    fputs("#   ", f);
    for (const char *p = text; *p;) {
        size_t n = utf8_printable_len(p);
        if (n == 0) {
            fputc('?', f);
            p++;
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    fputc('\n', f);
}

Status config_write_resolved_ex(const Scenario *s, const char *const *chain, int n, FILE *f)
{
    if (chain && n > 0) {
        fputs("# Resolved from (the file loaded, then each base it inherits, then any --set):\n", f);
        for (int i = 0; i < n; i++) put_comment(f, chain[i] ? chain[i] : "");
        fputc('\n', f);
    }
    return schema_write_config(s, f, 0);
}

Status config_write_resolved(const Scenario *s, FILE *f) { return config_write_resolved_ex(s, NULL, 0, f); }

Status config_load_ex(const char *path, const char *const *sets, int n_sets, Scenario *s,
                      ConfigChain *chain, Diag *d)
{
    /* Scenario, context and chain are hundreds of kB, touched at once: in
     * 2 MB pages where there are (bigmem.h). *s is written only on success. */
    struct Work {
        Scenario s;
        LoadCtx c;
        ChainFile files[CONFIG_CHAIN_MAX];
    } *w = bigmem_calloc(sizeof *w);
    if (!path) path = "";
    if (!w) {
        diag_error(d, ST_NOMEM, path, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    LoadCtx *c = &w->c;
    c->file = c->src[0] = path;
    c->src[SRC_SET] = "--set";
    c->d = d;
    c->s = &w->s;
    c->first = ST_OK;
    schema_defaults(&w->s);
    int n = 0;
    if (strlen(path) >= PATH_MAX_LEN)
        cfg_report_line(c, ST_IO, 0, NULL, NULL, "cannot read file: the path is longer than %d bytes",
                        PATH_MAX_LEN - 1);
    else
        n = cfg_follow_chain(c, w->files, path);
    if (n > 0) {
        for (int k = n - 1; k >= 0; k--) {   /* base first: later files replace */
            c->cur = k;
            c->file = w->files[k].path;
            cfg_load_root(c, config_root_setting(&w->files[k].cfg));
        }
        c->cur = SRC_SET;
        c->file = c->src[SRC_SET];
        for (int i = 0; sets && i < n_sets; i++) cfg_apply_set(c, sets[i] ? sets[i] : "");
        c->set_path = NULL;
        cfg_check_missing(c);
        cfg_default_name(c);
        cfg_validate(c);
    }
    for (int k = 0; k < CONFIG_CHAIN_MAX; k++)
        if (w->files[k].parsed) config_destroy(&w->files[k].cfg);
    Status st = c->first;
    if (st == ST_OK) {
        *s = w->s;
        memset(s->source_file, 0, sizeof s->source_file);
        memcpy(s->source_file, path, strlen(path));
        if (chain) {
            memset(chain, 0, sizeof *chain);
            chain->n = n;
            for (int k = 0; k < n; k++) memcpy(chain->file[k], w->files[k].path, strlen(w->files[k].path));
        }
    }
    bigmem_free(w);
    return st;
}

Status config_override_list(Scenario *s, const char *const *assignments, int n, const char *origin,
                            Diag *d)
{
    struct Work {
        Scenario s;
        LoadCtx c;
    } *w = calloc(1, sizeof *w);
    if (!origin) origin = "--set";
    if (!w) {
        diag_error(d, ST_NOMEM, origin, 0, NULL, "out of memory");
        return ST_NOMEM;
    }
    LoadCtx *c = &w->c;
    w->s = *s;
    c->s = &w->s;
    c->d = d;
    c->first = ST_OK;
    for (int k = 0; k < N_SRC; k++) c->src[k] = origin;   /* no file lines after resolving */
    c->cur = SRC_SET;
    c->file = origin;
    cfg_resolved_context(c);
    for (int i = 0; assignments && i < n; i++) cfg_apply_set(c, assignments[i] ? assignments[i] : "");
    c->set_path = NULL;
    cfg_validate(c);
    Status st = c->first;
    if (st == ST_OK) *s = w->s;
    free(w);
    return st;
}

Status config_override_from(Scenario *s, const char *assignment, const char *origin, Diag *d)
{
    return config_override_list(s, &assignment, 1, origin, d);
}

Status config_override(Scenario *s, const char *assignment, Diag *d)
{
    return config_override_list(s, &assignment, 1, "--set", d);
}

Status config_load_with(const char *path, const char *const *sets, int n_sets, Scenario *s, Diag *d)
{
    return config_load_ex(path, sets, n_sets, s, NULL, d);
}

Status config_load(const char *path, Scenario *s, Diag *d)
{
    return config_load_ex(path, NULL, 0, s, NULL, d);
}

