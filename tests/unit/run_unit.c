/* run_unit.c — runs CUnit suites; the suite list (suites.inc) is generated
 * by the Makefile from the tests/unit/test_*.c file names. Built twice:
 * run_unit (every suite but the chart suites, test_plot*.c) and run_plot
 * (the chart suites, which run gnuplot), each with its own suites.inc.
 * Run from the tests/ directory so that fixtures are found as data/... */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#define SUITE(name) void register_##name(void);
#include "suites.inc"
#undef SUITE

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS) return 2;
#define SUITE(name) register_##name();
#include "suites.inc"
#undef SUITE
    CU_basic_set_mode(CU_BRM_NORMAL);
    if (argc > 1) {   /* run one suite by name */
        CU_pSuite s = CU_get_suite(argv[1]);
        if (!s) { fprintf(stderr, "no suite '%s'\n", argv[1]); CU_cleanup_registry(); return 2; }
        CU_basic_run_suite(s);
    } else {
        CU_basic_run_tests();
    }
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
