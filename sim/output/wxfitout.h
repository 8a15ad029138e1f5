/* wxfitout.h — what `ecsim fit-weather` writes (docs/fit-weather.md): the
 * fitted settings as a libconfig `weather = { ... };` block, and with -o
 * the report folder: params.cfg, fit.md and the tab-separated tables
 * weibull.dat, acf.dat, diurnal.dat, clearness.dat, temperature.dat
 * (one `#` header line naming the columns; blocks of 12 months separated
 * by two blank lines), written complete or not at all (stagedir). */
#ifndef ECSIM_WXFITOUT_H
#define ECSIM_WXFITOUT_H

#include <stdio.h>

#include "status.h"
#include "wxfit.h"

/* The settings block, each value with a "# source: fitted to FILES by
 * ecsim fit-weather" comment. files[0 .. n-1] are the names shown. */
void wxfit_write_block(FILE *f, const WxFit *fit, const char *const *files, int n);

/* The fit report (markdown tables). */
void wxfit_write_md(FILE *f, const WxFit *fit, const char *const *files, int n);

/* The folder dir (made if needed, replaced whole when everything is
 * written): params.cfg, fit.md and the five tables. */
Status wxfit_write_dir(const WxFit *fit, const char *const *files, int n, const char *dir, Diag *d);

#endif
