/* test_config_fuzz.c — findings of the fuzzer (tests/fuzz/) on the scenario
 * loader, kept as regression tests. Each case names the harness contract
 * the input broke. */
#include <CUnit/CUnit.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"

/* 1 if no entry of d carries a control byte or a byte above 0x7e in its
 * setting or message: a diagnostic is one line, and hostile bytes are shown
 * as '?' (fuzz_config's contract). */
static int diag_clean(const Diag *d)
{
    for (int i = 0; i < d->n; i++) {
        const char *t[] = { d->e[i].setting, d->e[i].message };
        for (int k = 0; k < 2; k++)
            for (const char *b = t[k]; *b; b++)
                if ((unsigned char)*b < 0x20 || *b == 0x7f) return 0;
    }
    return 1;
}

/* A --set path with a line break, a control byte or a non-ASCII byte was
 * put into the diagnostic as written ("--set: scena\"ri;\no.na: unknown
 * setting" printed two lines). It is an unknown setting, quoted. */
static void set_path_shown(void)
{
    static const char *const sets[] = {
        "scenario.na\nme=x",        /* line break */
        "storage.\x1b[2Jpower_mw=1", /* terminal escape */
        "wind.capacity_mw\r=1",     /* carriage return before '=' (blanks are trimmed, \r is not one) */
        "wind.capacity_\xff=1",     /* invalid UTF-8 */
    };
    Scenario *s = malloc(sizeof *s);
    CU_ASSERT_FATAL(s != NULL);
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        Diag d;
        diag_init(&d);
        Status st = config_load_with("data/config/minimal.cfg", &sets[i], 1, s, &d);
        CU_ASSERT(st != ST_OK);
        CU_ASSERT(d.n > 0);
        CU_ASSERT(diag_clean(&d));
        CU_ASSERT(d.n > 0 && strstr(d.e[0].message, "unknown setting") != NULL);
        CU_ASSERT(d.n > 0 && strcmp(d.e[0].file, "--set") == 0);
    }
    /* config_override goes the same way */
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/minimal.cfg", s, &d), ST_OK);
    CU_ASSERT(config_override(s, "scenario.na\nme=x", &d) != ST_OK);
    CU_ASSERT(d.n > 0 && diag_clean(&d));
    free(s);
}

void register_test_config_fuzz(void);

void register_test_config_fuzz(void)
{
    CU_pSuite s = CU_add_suite("test_config_fuzz", NULL, NULL);
    CU_add_test(s, "--set path with control bytes is quoted", set_path_shown);
}
