/* schema.h — the one table of every scenario setting (DESIGN §8, STYLE §2):
 * path, kind, unit, range, default, required flag, doc text and where the
 * value lands in Scenario. Defaults, validation, did-you-mean, the reference
 * config and the resolved-config writer are all driven by it. No libconfig. */
#ifndef ECSIM_SCHEMA_H
#define ECSIM_SCHEMA_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "status.h"
#include "units.h"

/* What a setting holds, and how it is written in a file. */
typedef enum {
    SK_NUMBER,     /* double: 1 or 1.5 */
    SK_INTEGER,    /* int: 2025 (2025.0 accepted, 2025.5 not) */
    SK_SEED,       /* unsigned long, 0 .. 4294967295 */
    SK_BOOLEAN,    /* int 0/1: true or false */
    SK_STRING,     /* char[size]: "text", UTF-8, at most size - 1 bytes */
    SK_ENUM,       /* int-sized enum: "name", one of values[] (in enum order) */
    SK_SCHEDULE,   /* Schedule: a number (constant), or ( (year, value), ... ), or () */
    SK_VECTOR,     /* double[size]: exactly size numbers [ ... ] (12 monthly, 24 hourly) */
    SK_CURVE,      /* double[size]: 2 .. size numbers [ ... ]; the count goes to count_offset */
    SK_YEARS,      /* int[size]: [ 2021, 2025 ], or "all" (every year of the period) or "none" */
    SK_RECORDS,    /* list of groups ( { ... }, ... ), each described by fields[] */
    SK_PATHS       /* char[size][PATH_MAX_LEN]: [ "a.csv", "b.csv" ] file paths (SF_PATH); count
                      at count_offset */
} SchemaKind;

/* Extra checks on a value, beyond kind and range. */
enum {
    SF_MULTILINE = 1 << 0,     /* string may hold newlines and tabs */
    SF_FILENAME = 1 << 1,      /* string usable as a directory name: non-empty,
                                  no '/' or '\\', not starting with '.' */
    SF_IDENT = 1 << 2,         /* string of letters, digits, '_', '-', '.'; non-empty */
    SF_NONEMPTY = 1 << 3,      /* string not empty */
    SF_METRIC = 1 << 4,        /* string names an annual metric (metrics_find) */
    SF_UNIQUE = 1 << 5,        /* record field: no two records share the value */
    SF_INCREASING = 1 << 6,    /* curve: strictly increasing */
    SF_SOME_POSITIVE = 1 << 7, /* curve: some value above 0 */
    SF_IN_PERIOD = 1 << 8,     /* integer or years: inside [first_year, last_year];
                                  integer 0 also allowed (meaning "none/every") */
    SF_PATH = 1 << 9           /* string or paths: a file path, relative to the directory of
                                  the config file that sets it (the working directory for
                                  --set); stored absolute, so run.cfg runs from anywhere */
};

typedef struct SchemaEntry SchemaEntry;

struct SchemaEntry {
    const char *path;        /* "wind.hub_height_m"; within a record just "capacity_mw" */
    SchemaKind kind;
    const char *unit;        /* "MW", "m/s", "1" (dimensionless), "" (none) */
    Dimension dim;           /* quantities: what text with a unit must measure
                                ("3.2 GW" for DIM_POWER_MW); DIM_NONE: numbers only.
                                Numbers, and the values of schedules, vectors and curves */
    double min, max;         /* numbers, integers, seeds, and the values of
                                schedules, vectors and curves */
    int required;            /* must be in the file; def is then the example value */
    unsigned flags;          /* SF_... */
    size_t offset;           /* into Scenario, or into the record for fields */
    size_t size;             /* string capacity (bytes); element capacity of
                                vectors, curves, years and records */
    size_t count_offset;     /* curves, years, records: the int holding the count */
    const char *const *values;   /* enum names, NULL-terminated, in enum order */
    double def;              /* number, integer, seed, boolean, enum index */
    const char *def_text;    /* string default */
    const double *def_vec;   /* vector/curve values; schedule (year, value) pairs,
                                year 0 = a constant */
    int def_n;               /* elements of def_vec (points for schedules) */
    const SchemaEntry *fields;   /* records: the fields of one record */
    int n_fields;
    size_t record_size;
    const char *doc;         /* one line */
};

/* Top-level settings in group order: every group's entries are contiguous. */
int schema_count(void);
const SchemaEntry *schema_get(int i);
/* Looks a setting up by its full path ("wind.capacity_mw"); NULL if unknown. */
const SchemaEntry *schema_find(const char *path);
/* The valid path nearest to an unknown one for "did you mean", or NULL.
 * When nothing is close by edit distance but another group has a setting
 * of the same field name ("wind.tilt_deg"), that path is returned. */
const char *schema_suggest(const char *path);

/* Groups, in file order, with a one-line description. */
int schema_group_count(void);
const char *schema_group_name(int i);
const char *schema_group_doc(int i);
/* Index of group name, or -1. */
int schema_group_find(const char *name);
/* Nearest group name for an unknown one, or NULL. */
const char *schema_group_suggest(const char *name);
/* Length of the group part of a path ("wind" in "wind.capacity_mw"). */
size_t schema_group_len(const char *path);

/* Record fields by name; NULL if unknown. */
const SchemaEntry *schema_field_find(const SchemaEntry *records, const char *name);

/* Writes every schema default (example values for required settings, so
 * that the result is a complete, valid scenario) into s, after zeroing it. */
void schema_defaults(Scenario *s);
/* Writes the default of one entry (top-level or field) at base + offset;
 * the whole destination is zeroed first, so equal settings give equal bytes. */
void schema_default_one(const SchemaEntry *e, void *base);

/* Writes s in libconfig syntax, every setting in table order; with docs,
 * each setting is preceded by comments: doc, kind, unit, range, default.
 * ST_IO when a write fails. */
Status schema_write_config(const Scenario *s, FILE *f, int docs);
/* The commented reference config: every setting with unit, range, default
 * and doc, set to its default (example value when required). */
void schema_write_reference(FILE *f);

/* Shortest text of x that reads back to the same double ("1.5", "0.1229",
 * "1e-05"), with ".0" added to integral values. buf of at least 32 bytes. */
void schema_format_number(char *buf, size_t n, double x);

#endif
