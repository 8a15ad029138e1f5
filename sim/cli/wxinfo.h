/* wxinfo.h — `ecsim weather-info`: what the weather-file readers make of
 * each file (docs/weather-files.md). */
#ifndef ECSIM_WXINFO_H
#define ECSIM_WXINFO_H

int wxinfo_main(int argc, char **argv);

#endif
