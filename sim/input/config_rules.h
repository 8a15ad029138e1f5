/* config_rules.h — the table of cross-field rules of scenario files
 * (config_validate.c): each row names the settings it involves, so a test
 * can check every one against the schema and a renamed setting cannot
 * silently switch its rule off. No libconfig. */
#ifndef ECSIM_CONFIG_RULES_H
#define ECSIM_CONFIG_RULES_H

#include "schema.h"

enum { RULE_PATHS_MAX = 6 };

typedef struct LoadCtx LoadCtx;
typedef struct ConfigRule ConfigRule;

struct ConfigRule {
    const char *name;          /* short name, for docs and tests */
    /* A rule on the records of one list of groups: that list's path
     * ("coal_power.units"), run after the generic checks of each record.
     * NULL: a rule on the whole scenario. */
    const char *records;
    /* A rule applied to every setting of one kind (SK_CURVE, SK_YEARS,
     * SK_RECORDS), or -1. */
    int every;
    /* The settings the rule reads, by path; record fields as
     * "list[].field". The rule looks them up through this row, so the
     * row is what it checks. NULL-terminated. */
    const char *paths[RULE_PATHS_MAX + 1];
    /* records: the list's schema entry, for rules on records; else NULL. */
    void (*check)(LoadCtx *c, const ConfigRule *r, const SchemaEntry *records);
    const char *doc;           /* one line */
};

/* The rules, in the order they run. */
int config_rule_count(void);
const ConfigRule *config_rule(int i);

#endif
