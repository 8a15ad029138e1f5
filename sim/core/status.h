/* status.h — status codes (status.def) and located diagnostics.
 * A Diag list collects every error and warning with file, line and setting,
 * printed compiler-style: "file:line: setting: message (did you mean 'x'?)". */
#ifndef ECSIM_STATUS_H
#define ECSIM_STATUS_H

#include <stdio.h>

typedef enum {
#define STATUS(name, exitcode, msg) name,
#include "status.def"
#undef STATUS
    ST_COUNT
} Status;

const char *status_message(Status st);
int status_exit_code(Status st);

#define DIAG_MAX 50

typedef struct {
    Status status;
    int is_warning;
    int line;                 /* 0 when unknown */
    char file[256];
    char setting[128];
    char message[384];
    char suggestion[128];     /* nearest valid name, or empty */
} DiagEntry;

typedef struct {
    int n;                    /* entries kept (<= DIAG_MAX) */
    int n_errors;             /* errors seen, including those not kept */
    int n_warnings;
    Status first_error;
    int last_kept;            /* the last entry added was kept (not past DIAG_MAX) */
    DiagEntry e[DIAG_MAX];
} Diag;

void diag_init(Diag *d);
/* Adds an error (status != ST_OK) located at file:line (line 0 = unknown)
 * for setting (may be NULL or ""); message is printf-style. */
void diag_error(Diag *d, Status st, const char *file, int line,
                const char *setting, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_warn(Diag *d, const char *file, int line, const char *setting,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sets the "did you mean" suggestion of the last entry added. */
void diag_suggest(Diag *d, const char *suggestion);
int diag_has_errors(const Diag *d);
void diag_print(const Diag *d, FILE *f);

#endif
