/* status.c — status messages and the located-diagnostics list. */
#include "status.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

static const struct { int exit_code; const char *msg; } table[] = {
#define STATUS(name, exitcode, msg) { exitcode, msg },
#include "status.def"
#undef STATUS
};

const char *status_message(Status st)
{
    return (st >= 0 && st < ST_COUNT) ? table[st].msg : "unknown status";
}

int status_exit_code(Status st)
{
    return (st >= 0 && st < ST_COUNT) ? table[st].exit_code : 1;
}

void diag_init(Diag *d)
{
    memset(d, 0, sizeof *d);
    d->first_error = ST_OK;
}

static void add(Diag *d, Status st, int warn, const char *file, int line,
                const char *setting, const char *fmt, va_list ap)
{
    if (warn) d->n_warnings++;
    else {
        d->n_errors++;
        if (d->first_error == ST_OK) d->first_error = st;
    }
    d->last_kept = d->n < DIAG_MAX;
    if (!d->last_kept) return;
    DiagEntry *e = &d->e[d->n++];
    memset(e, 0, sizeof *e);
    e->status = st;
    e->is_warning = warn;
    e->line = line;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    snprintf(e->setting, sizeof e->setting, "%s", setting ? setting : "");
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

void diag_error(Diag *d, Status st, const char *file, int line,
                const char *setting, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, st == ST_OK ? ST_CONFIG_INVALID : st, 0, file, line, setting, fmt, ap);
    va_end(ap);
}

void diag_warn(Diag *d, const char *file, int line, const char *setting,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, ST_OK, 1, file, line, setting, fmt, ap);
    va_end(ap);
}

void diag_suggest(Diag *d, const char *suggestion)
{
    if (d->n > 0 && d->last_kept)
        snprintf(d->e[d->n - 1].suggestion, sizeof d->e[0].suggestion, "%s",
                 suggestion ? suggestion : "");
}

int diag_has_errors(const Diag *d) { return d->n_errors > 0; }

void diag_print(const Diag *d, FILE *f)
{
    for (int i = 0; i < d->n; i++) {
        const DiagEntry *e = &d->e[i];
        if (e->file[0]) {
            char shown[sizeof e->file + 16];   /* a path may hold a newline or an escape */
            fputs(utf8_shown(shown, sizeof shown, e->file, SIZE_MAX, sizeof shown), f);
            if (e->line > 0) fprintf(f, ":%d", e->line);
            fputs(": ", f);
        }
        if (e->is_warning) fputs("warning: ", f);
        if (e->setting[0]) {   /* a --set or --vary path is as typed */
            char shown[sizeof e->setting + 16];
            fprintf(f, "%s: ", utf8_shown(shown, sizeof shown, e->setting, SIZE_MAX, sizeof shown));
        }
        fputs(e->message, f);
        if (e->suggestion[0]) fprintf(f, " (did you mean '%s'?)", e->suggestion);
        fputc('\n', f);
    }
    int dropped = d->n_errors + d->n_warnings - d->n;
    if (dropped > 0) fprintf(f, "... and %d more\n", dropped);
}
