/* clpload.c — opens COIN-OR Clp with dlopen at its first use (clpload.h).
 *
 * The table is process-wide, written once under pthread_once and read-only
 * after: the library itself is loaded once per process whatever we do, two
 * worker threads may reach their first optimal year at the same moment, and
 * passing a table down through every Run would change lpdispatch's interface
 * for nothing a test could observe. */
#include "clpload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The names to look up, in ClpApi's field order. */
static const char *const SYMBOLS[] = {
    "Clp_newModel", "Clp_deleteModel", "Clp_setLogLevel", "Clp_loadProblem",
    "Clp_setOptimizationDirection", "Clp_chgColumnLower", "Clp_chgColumnUpper",
    "Clp_chgRowLower", "Clp_chgRowUpper", "Clp_setMaximumIterations", "Clp_dual",
    "Clp_status", "Clp_numberIterations", "Clp_getColSolution", "Clp_objectiveValue",
    "Clp_chgObjCoefficients",
};
_Static_assert(sizeof(SYMBOLS) / sizeof(SYMBOLS[0]) * sizeof(void (*)(void)) == sizeof(ClpApi),
               "SYMBOLS lists every field of ClpApi");

int clp_api_load(ClpApi *api, const char *const *names, int n, char *why, size_t why_size)
{
    void *lib = NULL;
    char first[200] = "";
    for (int i = 0; i < n && !lib; i++) {
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (!lib && i == 0) {
            const char *e = dlerror();
            snprintf(first, sizeof first, "%s", e ? e : names[0]);
        }
    }
    if (!lib) {
        snprintf(why, why_size, "cannot load %s (COIN-OR Clp, the LP solver of dispatch.strategy = "
                 "\"optimal\"; Debian package coinor-libclp1): %s", n > 0 ? names[0] : "libClp", first);
        return 0;
    }
    /* Function pointers from dlsym: POSIX guarantees that a void * from
     * dlsym converts to the function's pointer; memcpy keeps that
     * conversion out of ISO C's sight. */
    void (*fn[sizeof(SYMBOLS) / sizeof(SYMBOLS[0])])(void);
    for (size_t i = 0; i < sizeof(SYMBOLS) / sizeof(SYMBOLS[0]); i++) {
        void *p = dlsym(lib, SYMBOLS[i]);
        if (!p) {
            snprintf(why, why_size, "%s has no function %s (COIN-OR Clp too old?)", names[0], SYMBOLS[i]);
            dlclose(lib);
            return 0;
        }
        memcpy(&fn[i], &p, sizeof p);
    }
    memcpy(api, fn, sizeof *api);
    if (why_size > 0) why[0] = '\0';
    return 1;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ClpApi table;
static int loaded;
static char error[400];

static void load_once(void)
{
    static const char *const names[] = { CLP_LIBRARY, "libClp.so" };
    loaded = clp_api_load(&table, names, 2, error, sizeof error);
}

const ClpApi *clp_api(void)
{
    pthread_once(&once, load_once);
    return loaded ? &table : NULL;
}

const char *clp_load_error(void)
{
    pthread_once(&once, load_once);
    return error;
}
