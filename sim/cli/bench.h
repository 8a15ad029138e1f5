/* bench.h — `ecsim bench`: performance figures (DESIGN §12). */
#ifndef ECSIM_BENCH_H
#define ECSIM_BENCH_H

int bench_main(int argc, char **argv);

#endif
