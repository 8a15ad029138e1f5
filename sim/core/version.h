/* version.h — the program version, recorded in every output. */
#ifndef ECSIM_VERSION_H
#define ECSIM_VERSION_H
#define ECSIM_VERSION "0.1.0"
#endif
