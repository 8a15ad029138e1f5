/* clpload.h — COIN-OR Clp, loaded when the first optimal dispatch needs it.
 *
 * Linking libClp made every process pay for loading it and its C++ runtime
 * (libCoinUtils, libstdc++, LAPACK, BLAS, gfortran: about 4 ms of start-up
 * and a few hundred page faults) although only dispatch.strategy = "optimal"
 * and dispatch.yardstick use it. The library is opened with dlopen at the
 * first call of clp_api() and its functions are bound into a table.
 *
 * lpdispatch.c includes this header instead of Clp_C_Interface.h: the macros
 * at the end send its Clp_xxx(...) calls through the table, so its code reads
 * as Clp's documented C interface. A Clp function it starts to use must be
 * added to ClpApi and to the name list in clpload.c (the build no longer
 * links libClp, so a missing one is an "undefined reference" at link time). */
#ifndef ECSIM_CLPLOAD_H
#define ECSIM_CLPLOAD_H

/* Clp's C header trips two of our warnings; they are its own, not ours. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <Clp_C_Interface.h>
#pragma GCC diagnostic pop

#include <stddef.h>

/* The library tried first, then the unversioned development name. */
#define CLP_LIBRARY "libClp.so.1"

/* The functions ecsim uses, typed from Clp's own declarations (__typeof__
 * takes the type without referring to the symbol, so nothing is linked). */
typedef struct {
    __typeof__(Clp_newModel) *newModel;
    __typeof__(Clp_deleteModel) *deleteModel;
    __typeof__(Clp_setLogLevel) *setLogLevel;
    __typeof__(Clp_loadProblem) *loadProblem;
    __typeof__(Clp_setOptimizationDirection) *setOptimizationDirection;
    __typeof__(Clp_chgColumnLower) *chgColumnLower;
    __typeof__(Clp_chgColumnUpper) *chgColumnUpper;
    __typeof__(Clp_chgRowLower) *chgRowLower;
    __typeof__(Clp_chgRowUpper) *chgRowUpper;
    __typeof__(Clp_setMaximumIterations) *setMaximumIterations;
    __typeof__(Clp_dual) *dual;
    __typeof__(Clp_status) *status;
    __typeof__(Clp_numberIterations) *numberIterations;
    __typeof__(Clp_getColSolution) *getColSolution;
    __typeof__(Clp_objectiveValue) *objectiveValue;
    __typeof__(Clp_chgObjCoefficients) *chgObjCoefficients;
} ClpApi;

/* The table, loaded at the first call (thread-safe); NULL when the library
 * or one of its functions cannot be loaded: clp_load_error() says why. */
const ClpApi *clp_api(void);

/* Why clp_api() returned NULL ("cannot load libClp.so.1 (COIN-OR Clp, the
 * LP solver of dispatch.strategy = \"optimal\"): <dlerror>"); "" when it
 * loaded. Loads the table first if needed. */
const char *clp_load_error(void);

/* Loads the table from the first of the n library names that opens (the
 * work of clp_api, exposed for the tests): 1 on success, else 0 with the
 * reason, naming the library, in why[0 .. why_size). The library stays open. */
int clp_api_load(ClpApi *api, const char *const *names, int n, char *why, size_t why_size);

/* lpdispatch.c's calls, through the table: callers check clp_api() != NULL
 * before they make a model (lpdispatch_new does). */
#define Clp_newModel (clp_api()->newModel)
#define Clp_deleteModel (clp_api()->deleteModel)
#define Clp_setLogLevel (clp_api()->setLogLevel)
#define Clp_loadProblem (clp_api()->loadProblem)
#define Clp_setOptimizationDirection (clp_api()->setOptimizationDirection)
#define Clp_chgColumnLower (clp_api()->chgColumnLower)
#define Clp_chgColumnUpper (clp_api()->chgColumnUpper)
#define Clp_chgRowLower (clp_api()->chgRowLower)
#define Clp_chgRowUpper (clp_api()->chgRowUpper)
#define Clp_setMaximumIterations (clp_api()->setMaximumIterations)
#define Clp_dual (clp_api()->dual)
#define Clp_status (clp_api()->status)
#define Clp_numberIterations (clp_api()->numberIterations)
#define Clp_getColSolution (clp_api()->getColSolution)
#define Clp_objectiveValue (clp_api()->objectiveValue)
#define Clp_chgObjCoefficients (clp_api()->chgObjCoefficients)

#endif
