/* fitcmd.h — `ecsim fit-weather`: the synthetic-weather settings fitted to
 * weather files (docs/fit-weather.md). */
#ifndef ECSIM_FITCMD_H
#define ECSIM_FITCMD_H

int fitweather_main(int argc, char **argv);

#endif
