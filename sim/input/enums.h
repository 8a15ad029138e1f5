/* enums.h — the names of the scenario's enum values ("peak-shaving", ">=",
 * "net-exchange"), read from the one table that parses them: the schema's
 * enum settings (schema.c). Writers of summaries, result files and reports
 * use these instead of spelling the names again. */
#ifndef ECSIM_ENUMS_H
#define ECSIM_ENUMS_H

typedef enum {
    ENUM_COMMISSIONING,    /* Commissioning */
    ENUM_WEATHER_SOURCE,   /* WeatherSource */
    ENUM_PV_TRACKING,      /* PvTracking */
    ENUM_PV_MODULE,        /* PvModule */
    ENUM_EXPORT_MODE,      /* ExportMode */
    ENUM_STRATEGY,         /* Strategy */
    ENUM_METHOD,           /* ConversionMethod */
    ENUM_SCOPE,            /* Co2Scope */
    ENUM_TARGET_OP,        /* TargetOp */
    ENUM_TARGET_BASIS,     /* TargetBasis */
    ENUM_TARGET_KIND,      /* TargetKind */
    ENUM_TABLES
} EnumTable;

/* The setting whose names the table holds ("dispatch.strategy",
 * "targets.list.op"). */
const char *enum_setting(EnumTable t);
/* The name of value in table t, as a scenario file spells it; "?" when the
 * value is out of range. */
const char *enum_name(EnumTable t, int value);
/* The value of a name, or -1 if the table has no such name. */
int enum_value(EnumTable t, const char *name);
/* Number of values in table t. */
int enum_count(EnumTable t);

#endif
