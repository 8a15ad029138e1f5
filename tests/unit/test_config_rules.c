/* test_config_rules.c — the table of cross-field rules: every setting a
 * rule names exists in the schema with a kind the rule can read, so that
 * renaming a setting fails here instead of switching its rule off. */
#include <CUnit/CUnit.h>

#include <stdio.h>
#include <string.h>

#include "config_rules.h"
#include "schema.h"

/* 1 if path names a setting a rule can read: a top-level setting that is
 * not a list of groups, or "list[].field" with list a list of groups that
 * has the field (and is records, when the rule is on one list). */
static int path_ok(const char *path, const char *records)
{
    const char *br = strstr(path, "[].");
    if (!br) {
        const SchemaEntry *e = schema_find(path);
        return e && e->kind != SK_RECORDS;
    }
    char list[128];
    size_t n = (size_t)(br - path);
    if (n >= sizeof list) return 0;
    memcpy(list, path, n);
    list[n] = '\0';
    const SchemaEntry *e = schema_find(list);
    return e && e->kind == SK_RECORDS && schema_field_find(e, br + 3) && (!records || strcmp(records, list) == 0);
}

static void paths_in_schema(void)
{
    int n = config_rule_count();
    CU_ASSERT(n >= 9);
    for (int i = 0; i < n; i++) {
        const ConfigRule *r = config_rule(i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_PTR_NOT_NULL(r->check);
        CU_ASSERT(r->name && r->name[0] && r->doc && r->doc[0]);
        int k = 0;
        for (; k <= RULE_PATHS_MAX && r->paths[k]; k++) {
            int ok = path_ok(r->paths[k], r->records);
            if (!ok) fprintf(stderr, "\nrule '%s': setting %s is not in the schema\n", r->name, r->paths[k]);
            CU_ASSERT(ok);
        }
        CU_ASSERT(k <= RULE_PATHS_MAX);                 /* terminated */
        /* a rule names settings, or applies to every setting of a kind */
        CU_ASSERT(k > 0 || r->every >= 0);
        if (r->records) {
            const SchemaEntry *e = schema_find(r->records);
            CU_ASSERT(e && e->kind == SK_RECORDS);
            CU_ASSERT(k > 0);
        }
        if (r->every >= 0) {   /* some setting has that kind, else the rule is dead */
            int found = 0;
            for (int j = 0; j < schema_count(); j++) found |= (int)schema_get(j)->kind == r->every;
            CU_ASSERT(found);
        }
        for (int j = 0; j < i; j++) CU_ASSERT(strcmp(config_rule(j)->name, r->name) != 0);
    }
    CU_ASSERT_PTR_NULL(config_rule(n));
    CU_ASSERT_PTR_NULL(config_rule(-1));
}

/* The check above would catch a rename: paths that are not settings. */
static void renamed_paths_caught(void)
{
    CU_ASSERT(path_ok("storage.soc_min_frac", NULL));
    CU_ASSERT(!path_ok("storage.soc_minimum_frac", NULL));
    CU_ASSERT(!path_ok("storage", NULL));
    CU_ASSERT(!path_ok("coal_power.units", NULL));              /* a list, not a value */
    CU_ASSERT(path_ok("coal_power.units[].retire_year", "coal_power.units"));
    CU_ASSERT(!path_ok("coal_power.units[].retirement_year", "coal_power.units"));
    CU_ASSERT(!path_ok("coal_power.units[].retire_year", "targets.list"));   /* another list */
    CU_ASSERT(!path_ok("wind.capacity_mw[].x", NULL));          /* not a list of groups */
}

void register_test_config_rules(void);

void register_test_config_rules(void)
{
    CU_pSuite s = CU_add_suite("test_config_rules", NULL, NULL);
    CU_add_test(s, "rule settings in the schema", paths_in_schema);
    CU_add_test(s, "a renamed setting is caught", renamed_paths_caught);
}
