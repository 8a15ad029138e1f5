/* enums.c — enum names from the schema's own tables: no second spelling. */
#include "enums.h"

#include <string.h>

#include "schema.h"

/* Where each table lives in the schema: a setting, or a field of a list of
 * records ("targets.list" + "op"). */
static const struct { const char *path, *field; } where[ENUM_TABLES] = {
    [ENUM_COMMISSIONING] = { "scenario.commissioning", NULL },
    [ENUM_WEATHER_SOURCE] = { "weather.source", NULL },
    [ENUM_PV_TRACKING] = { "solar.tracking", NULL },
    [ENUM_PV_MODULE] = { "solar.module_type", NULL },
    [ENUM_EXPORT_MODE] = { "export.mode", NULL },
    [ENUM_STRATEGY] = { "dispatch.strategy", NULL },
    [ENUM_METHOD] = { "accounting.method", NULL },
    [ENUM_SCOPE] = { "accounting.scope", NULL },
    [ENUM_TARGET_OP] = { "targets.list", "op" },
    [ENUM_TARGET_BASIS] = { "targets.list", "basis" },
    [ENUM_TARGET_KIND] = { "targets.list", "kind" },
};

static const char *const *names_of(EnumTable t)
{
    if ((unsigned)t >= ENUM_TABLES) return NULL;
    const SchemaEntry *e = schema_find(where[t].path);
    if (e && where[t].field) e = e->kind == SK_RECORDS ? schema_field_find(e, where[t].field) : NULL;
    return e && e->kind == SK_ENUM ? e->values : NULL;
}

const char *enum_setting(EnumTable t)
{
    return (unsigned)t < ENUM_TABLES ? where[t].path : "?";
}

int enum_count(EnumTable t)
{
    const char *const *v = names_of(t);
    int n = 0;
    while (v && v[n]) n++;
    return n;
}

const char *enum_name(EnumTable t, int value)
{
    const char *const *v = names_of(t);
    if (!v || value < 0) return "?";
    for (int i = 0; v[i]; i++)
        if (i == value) return v[i];
    return "?";
}

int enum_value(EnumTable t, const char *name)
{
    const char *const *v = names_of(t);
    for (int i = 0; v && name && v[i]; i++)
        if (strcmp(v[i], name) == 0) return i;
    return -1;
}
