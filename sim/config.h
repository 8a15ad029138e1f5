/* config.h — scenario files (libconfig syntax, DESIGN §8) to a validated
 * Scenario and back. config.c is the only file that includes libconfig.h;
 * no libconfig type appears here. The settings are those of schema.h. */
#ifndef ECSIM_CONFIG_H
#define ECSIM_CONFIG_H

#include <stdio.h>

#include "model.h"
#include "schema.h"   /* schema_write_reference(FILE *) */
#include "status.h"

/* Every default of the schema (required settings get their example values,
 * so the result is a complete, valid Yiwu-like scenario with nothing built). */
void config_defaults(Scenario *s);

/* Loads path: defaults, then the file's settings, then cross-field checks.
 * Every problem is appended to d (the caller initialises it) with file,
 * line and setting path; up to DIAG_MAX are kept. Returns ST_OK, or the
 * status of the first error: ST_IO (unreadable, not a regular file, larger
 * than 1 MiB), ST_CONFIG_SYNTAX, ST_CONFIG_UNKNOWN, ST_CONFIG_TYPE,
 * ST_CONFIG_RANGE, ST_CONFIG_MISSING, ST_CONFIG_INVALID, ST_NOMEM.
 * *s is written only on success; s->source_file is path and s->name
 * defaults to path's base name without ".cfg". */
Status config_load(const char *path, Scenario *s, Diag *d);

/* Writes every setting of s in libconfig syntax that config_load reads back
 * to the same Scenario (byte for byte, apart from source_file); doubles are
 * written in their shortest exact form. ST_IO if writing fails. */
Status config_write_resolved(const Scenario *s, FILE *f);

#endif
