/* main.c — `ecsim`: the program is a thin client of the library. */
#include <gsl/gsl_errno.h>

#include "cli.h"

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; the library checks return values instead.
     * The handler is process-wide, so it is set once, before any thread. */
    gsl_set_error_handler_off();
    return cli_main(argc, argv);
}
