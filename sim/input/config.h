/* config.h — scenario files (libconfig syntax, DESIGN §8) to a validated
 * Scenario and back, in three layers: parse (config_parse.c), inherit and
 * override (config_inherit.c), validate (config_validate.c, the rules of
 * config_rules.h). Only config*.c include libconfig.h; no libconfig type
 * appears here. The settings are those of schema.h;
 * quantity strings ("320万千瓦") are those of units.h. */
#ifndef ECSIM_CONFIG_H
#define ECSIM_CONFIG_H

#include <stdio.h>

#include "model.h"
#include "schema.h"   /* schema_write_reference(FILE *) */
#include "status.h"

/* Files in one inherits chain, the file loaded included. */
#define CONFIG_CHAIN_MAX 16

/* The files a scenario was read from: file[0] the one loaded, file[i + 1]
 * the base that file[i] inherits. */
typedef struct {
    int n;
    char file[CONFIG_CHAIN_MAX][PATH_MAX_LEN];
} ConfigChain;

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
 * defaults to path's base name without ".cfg".
 *
 * Inheritance: a file may name its base with a top-level
 *   inherits = "path";
 * (relative to the directory of the file that says it; the base may
 * inherit in turn, up to CONFIG_CHAIN_MAX files; a cycle is an error
 * naming the chain, a missing base an error at the inherits line). The
 * files are applied base first onto one Scenario: groups merge setting by
 * setting, and a setting given replaces the base's whole value (numbers,
 * strings, schedules, vectors, curves, years lists, coal_power.units,
 * targets.list). Each setting is checked where it is written, so an error
 * names the base or the variant file; the cross-field rules run once on
 * the result and name where the later of the settings involved is written.
 * scenario.name is path's base name unless path itself (or --set) sets
 * it: a base's name is never inherited. Everything else is.
 *
 * The "# assumption:" comments of every file of the chain are collected
 * into s->assumptions (assumptions.h) with file, line, depth in the chain
 * and nearest setting; they are not settings. */
Status config_load(const char *path, Scenario *s, Diag *d);

/* config_load, then n_sets overrides applied in order after inheritance
 * and before the cross-field checks. Each is "group.setting=value" or, for
 * one field of a list of groups, "group.list[i].field=value" (i below the
 * list's length). The value is libconfig syntax (3200, 2.5, true,
 * "peak-shaving", [1.0, 2.0], ((2020, 0.0), (2025, "320万千瓦")),
 * ({ name = "G1"; ... })). Text that libconfig cannot read and does not
 * start with ( [ { or " is taken as a string (3.2GW, peak-shaving, all),
 * and so is any text for a string or enum setting unless it is quoted.
 * Errors name the file "--set", line 0 and the path:
 *   --set: wind.capcity_mw: unknown setting (did you mean 'wind.capacity_mw'?)
 * A malformed override (no '=', no path, no value) is ST_USAGE. */
Status config_load_with(const char *path, const char *const *sets, int n_sets, Scenario *s,
                        Diag *d);

/* config_load_with that also returns, when chain is not NULL and the load
 * succeeds, the files read. */
Status config_load_ex(const char *path, const char *const *sets, int n_sets, Scenario *s,
                      ConfigChain *chain, Diag *d);

/* Applies one override to an already resolved scenario, without reading
 * any file: assignment is "path=value" exactly as config_load_with takes
 * it (list[i].field, quantity strings, schedules, ...). The cross-field
 * rules then run on the whole result, as after a --set. Errors are
 * appended to d with file "--set", line 0 and the setting path, and leave
 * *s unchanged; ST_OK otherwise. s->source_file is kept.
 * On a valid scenario the result equals loading its file with the same
 * --set, with two differences a resolved scenario cannot avoid: every
 * setting counts as written (so one curve of a pair may be replaced alone
 * if its length stays that of the other), and an output.hourly_years list
 * that covers the period exactly is taken as "all" (it follows a new
 * first_year or last_year). */
Status config_override(Scenario *s, const char *assignment, Diag *d);

/* config_override with errors located at origin ("--vary", ...) instead
 * of "--set"; NULL is "--set". */
Status config_override_from(Scenario *s, const char *assignment, const char *origin, Diag *d);

/* The n assignments applied in order, then the rules once on the result,
 * as config_load_with does with its overrides: for settings that must
 * change together (moving the whole period: scenario.first_year and
 * scenario.last_year). All or nothing: on error *s is unchanged. */
Status config_override_list(Scenario *s, const char *const *assignments, int n, const char *origin,
                            Diag *d);

/* Writes every setting of s in libconfig syntax that config_load reads back
 * to the same Scenario (byte for byte, apart from source_file and the
 * assumptions, which are comments of the files read); doubles are
 * written in their shortest exact form. ST_IO if writing fails. */
Status config_write_resolved(const Scenario *s, FILE *f);

/* config_write_resolved after a comment listing where s came from: the n
 * strings of chain, one per comment line (for example the ConfigChain
 * files, then "--set k=v" for each override); control bytes and invalid
 * UTF-8 are written as '?', so no text can leave the comment. */
Status config_write_resolved_ex(const Scenario *s, const char *const *chain, int n, FILE *f);

#endif
