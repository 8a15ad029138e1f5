/* enscmd.h — `ecsim ensemble` and `ecsim compare --runs` (docs/ensemble.md). */
#ifndef ECSIM_ENSCMD_H
#define ECSIM_ENSCMD_H

#include <signal.h>

/* compare: 0 for `ensemble`, 1 for `compare --runs`. stop: the flag the
 * signal handler sets (to the signal's number); NULL: never. */
int ensemble_main(int argc, char **argv, int compare, const volatile sig_atomic_t *stop);
/* `ecsim merge DIR... -o DIR`: the shards of an ensemble into one result. */
int merge_main(int argc, char **argv);

#endif
