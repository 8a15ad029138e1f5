/* config_impl.h — what the layers of the scenario loader share: the load
 * context (where each setting was written, which are in error), error
 * reporting, and the entry points of each layer. Private to config*.c,
 * the only files that include libconfig.h. */
#ifndef ECSIM_CONFIG_IMPL_H
#define ECSIM_CONFIG_IMPL_H

#include <libconfig.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "config.h"
#include "config_rules.h"   /* typedef struct LoadCtx LoadCtx */
#include "schema.h"

#define CONFIG_MAX_BYTES (1024L * 1024)       /* a scenario is a few kB (reference.cfg ~20 kB) */
#define CONFIG_MAX_SETTINGS 5000               /* a full scenario has under 1000 */
#define SCHED_YEAR_MIN 1900
#define SCHED_YEAR_MAX 2200
#define PERIOD_MAX_SPAN 50                    /* last_year - first_year below this */

enum { MAX_ENTRIES = 288, MAX_GROUPS = 32, REC_SLOTS = 6, REC_MAX = 64, REC_FIELDS = 24,
       NUMBERS_MAX = CURVE_MAX_POINTS };
_Static_assert(COAL_MAX_UNITS <= REC_MAX && TARGET_MAX <= REC_MAX && CALIBRATION_MAX <= REC_MAX && CONV_MAX_PLANTS <= REC_MAX, "RecordInfo size");

/* Sources of settings: the files of the chain, [0] the file loaded and
 * [i + 1] the base of [i], then the --set overrides (line 0). */
enum { SRC_SET = CONFIG_CHAIN_MAX, N_SRC = CONFIG_CHAIN_MAX + 1 };

typedef struct {
    int src;                       /* index into LoadCtx.src */
    int line;                      /* 0 = unknown (and always for --set) */
} Loc;

typedef struct {
    Loc at;                        /* the record's group */
    int bad;                       /* some field of it is in error */
    unsigned char field_given[REC_FIELDS];
    Loc field[REC_FIELDS];         /* where each given field was written */
} RecordInfo;

struct LoadCtx {
    const char *file;              /* name of the source being read: src[cur] */
    int cur;
    const char *src[N_SRC];        /* file paths; src[SRC_SET] is "--set" */
    const char *set_path;          /* the setting of the --set being read */
    Diag *d;
    Status first;                  /* first error of this load */
    Scenario *s;                   /* being filled; copied out on success */
    Loc at[MAX_ENTRIES];           /* where each setting was given last */
    unsigned char given[MAX_ENTRIES], bad[MAX_ENTRIES];
    int len[MAX_ENTRIES];          /* curves: values given; years: -1 = "all" */
    unsigned char group_given[MAX_GROUPS];
    Loc group_at[MAX_GROUPS];
    RecordInfo rec[REC_SLOTS][REC_MAX];
    int period_ok;                 /* set by the period rule for the rules after it */
};

typedef struct {
    config_t cfg;
    int parsed;                    /* cfg was initialised: destroy it */
    char path[PATH_MAX_LEN];       /* as given, or resolved against the inheriting file */
    dev_t dev;                     /* identity, for cycles */
    ino_t ino;
    int inherits_line;             /* 0: the file names no base */
} ChainFile;

/* ---- reporting and reading values (config_parse.c) ---- */

/* User text quoted for a message: about 40 (max) bytes, unsafe bytes '?'. */
const char *cfg_shown(char *buf, size_t size, const char *v);
const char *cfg_shown_max(char *buf, size_t size, const char *v, size_t max);
/* Room in the Diag for one more message (suggestions are only made then). */
int cfg_room(const LoadCtx *c);
/* Where m is written in the source being read (line 0 for --set). */
int cfg_line_of(const LoadCtx *c, const config_setting_t *m);
Loc cfg_here(const LoadCtx *c, const config_setting_t *m);
/* Errors: at a file and line; at the setting m of the source being read;
 * at a line of it; where a setting was written, in whichever source. The
 * first error's status becomes the load's. */
void cfg_vreport(LoadCtx *c, Status st, const char *file, int line, const char *setting,
                 const char *suggestion, const char *fmt, va_list ap);
__attribute__((format(printf, 6, 7)))
void cfg_report(LoadCtx *c, Status st, const config_setting_t *m, const char *setting,
                const char *suggestion, const char *fmt, ...);
__attribute__((format(printf, 6, 7)))
void cfg_report_line(LoadCtx *c, Status st, int line, const char *setting,
                     const char *suggestion, const char *fmt, ...);
__attribute__((format(printf, 6, 7)))
void cfg_report_loc(LoadCtx *c, Status st, Loc at, const char *setting,
                    const char *suggestion, const char *fmt, ...);
/* "an integer", "a list", ...: the kind of m, for messages. */
const char *cfg_type_name(const config_setting_t *m);
int cfg_is_sequence(const config_setting_t *m);
/* NULL if v is acceptable text under the SF_ flags, else what is wrong. */
const char *cfg_text_problem(const char *v, unsigned flags);
/* Which RecordInfo table of LoadCtx.rec a list of groups uses. */
int cfg_record_slot(const SchemaEntry *e);
/* Reads m into base + e->offset according to e; *len gets the count of
 * curves and years (-1 for "all"). 1 if the value was stored. */
int cfg_load_value(LoadCtx *c, const SchemaEntry *e, const config_setting_t *m,
                   const char *setting, void *base, int *len);
/* Reads the whole of path, a regular file of at most CONFIG_MAX_BYTES. */
Status cfg_read_file(const char *path, char **text, size_t *len, struct stat *id, char *why,
                     size_t whylen);
/* What libconfig would accept silently but must not: 1 if text is clean. */
int cfg_prescan(LoadCtx *c, const char *t, size_t n);
/* Parses pre-scanned text into cfg, which the caller destroys. */
int cfg_parse_text(LoadCtx *c, config_t *cfg, const char *text);

/* Appends the "# assumption:" comments of one file of the chain (its text
 * and parsed cfg; c->file its path, depth 0 the file loaded) to
 * c->s->assumptions, each with the path of its nearest setting: the first
 * at or after the comment's line, else the last before it. */
void cfg_collect_assumptions(LoadCtx *c, const config_t *cfg, const char *text, size_t len, int depth);
/* Appends the values one file of the chain writes to c->s->provenance, each
 * with the provenance comment covering it (assumptions.h); depth as above. */
void cfg_collect_provenance(LoadCtx *c, const config_t *cfg, const char *text, size_t len, int depth);

/* ---- inheritance and overrides (config_inherit.c) ---- */

/* Index of a top-level schema entry. */
int cfg_index_of(const SchemaEntry *e);
/* Reads, pre-scans and parses top and the bases it inherits into files[]
 * (CONFIG_CHAIN_MAX); the number of files, or 0 after reporting. */
int cfg_follow_chain(LoadCtx *c, ChainFile *files, const char *top);
/* Applies the settings of one parsed file (c->cur) onto c->s. */
void cfg_load_root(LoadCtx *c, const config_setting_t *root);
/* One override, "group.setting=value" or "group.list[i].field=value". */
void cfg_apply_set(LoadCtx *c, const char *text);
/* Required settings given nowhere in the chain. */
void cfg_check_missing(LoadCtx *c);
/* scenario.name from the file loaded unless it or --set names it. */
void cfg_default_name(LoadCtx *c);
/* Where to report setting idx: where it was given last, else its group. */
Loc cfg_where(const LoadCtx *c, int idx);
/* Order in which setting idx was applied: -1 never, files base first,
 * --set last. Of two settings in conflict, the later one is blamed. */
int cfg_rank(const LoadCtx *c, int idx);
/* The context of an already resolved c->s, for config_override. */
void cfg_resolved_context(LoadCtx *c);

/* ---- cross-field rules (config_validate.c) ---- */

/* Runs every rule of the table on c->s (and expands years "all"). */
void cfg_validate(LoadCtx *c);

static inline int cfg_is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static inline int cfg_is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static inline int cfg_isalnum(unsigned char ch) { return cfg_is_digit((char)ch) || cfg_is_alpha((char)ch); }

#endif
