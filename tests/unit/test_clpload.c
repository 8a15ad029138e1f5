/* test_clpload.c — Clp loaded at run time (clpload.h): the installed library
 * loads and its table solves a two-variable LP worked by hand; a library
 * that does not exist gives no table and an error that names it; the
 * unversioned name is tried after a missing first one. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "clpload.h"

/* min -x - 2y  s.t.  x + y <= 4,  x <= 3,  y <= 3,  x, y >= 0:
 * optimum y = 3, x = 1, objective -7 (the vertex where both y and the row
 * bind; any other vertex, (3, 1) or (0, 3), gives -5 or -6). */
static void table_solves_hand_lp(void)
{
    const ClpApi *c = clp_api();
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(clp_load_error(), "");
    Clp_Simplex *m = c->newModel();
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    c->setLogLevel(m, 0);
    CoinBigIndex start[] = { 0, 1, 2 };
    int index[] = { 0, 0 };
    double value[] = { 1.0, 1.0 }, cl[] = { 0.0, 0.0 }, cu[] = { 3.0, 3.0 }, obj[] = { -1.0, -2.0 };
    double rl[] = { -1e300 }, ru[] = { 4.0 };
    c->loadProblem(m, 2, 1, start, index, value, cl, cu, obj, rl, ru);
    c->setOptimizationDirection(m, 1.0);
    c->dual(m, 0);
    CU_ASSERT_EQUAL(c->status(m), 0);
    const double *x = c->getColSolution(m);
    CU_ASSERT_DOUBLE_EQUAL(x[0], 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(x[1], 3.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(c->objectiveValue(m), -7.0, 1e-9);
    c->deleteModel(m);
}

static void missing_library_named(void)
{
    ClpApi api;
    memset(&api, 0, sizeof api);
    char why[400];
    const char *names[] = { "libClp-ecsim-missing.so.9" };
    CU_ASSERT_EQUAL(clp_api_load(&api, names, 1, why, sizeof why), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "cannot load libClp-ecsim-missing.so.9"));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "dispatch.strategy"));
    CU_ASSERT_PTR_NULL(api.newModel);
}

static void falls_back_to_next_name(void)
{
    ClpApi api;
    memset(&api, 0, sizeof api);
    char why[400] = "x";
    const char *names[] = { "libClp-ecsim-missing.so.9", CLP_LIBRARY };
    CU_ASSERT_EQUAL(clp_api_load(&api, names, 2, why, sizeof why), 1);
    CU_ASSERT_STRING_EQUAL(why, "");
    CU_ASSERT_PTR_NOT_NULL(api.newModel);
    CU_ASSERT_PTR_NOT_NULL(api.objectiveValue);
}

void register_test_clpload(void);

void register_test_clpload(void)
{
    CU_pSuite s = CU_add_suite("test_clpload", NULL, NULL);
    CU_add_test(s, "the loaded table solves a hand-worked LP", table_solves_hand_lp);
    CU_add_test(s, "a missing library: no table, an error naming it", missing_library_named);
    CU_add_test(s, "a missing first name: the next one loads", falls_back_to_next_name);
}
