/* bigmem.h — zeroed blocks of megabytes (a run's arrays of the year, its sun
 * tables, the job slots' results), in 2 MB pages where the system gives them.
 *
 * A run touches about 6 MB of fresh memory; in 4 KB pages that is some 1500
 * page faults, which on a virtual machine cost 10-20 ms, a third of a whole
 * `ecsim run` (docs/performance.md). Linux maps a 2 MB-aligned range
 * advised MADV_HUGEPAGE with one fault per 2 MB when transparent huge pages
 * are enabled ("always" or "madvise"); elsewhere, and under
 * AddressSanitizer (which must see the blocks' bounds), the block is the C
 * library's. */
#ifndef ECSIM_BIGMEM_H
#define ECSIM_BIGMEM_H

#include <stddef.h>

/* size zeroed bytes, aligned to 64; NULL if out of memory. */
void *bigmem_calloc(size_t size);
/* Frees a block of bigmem_calloc (NULL: nothing). */
void bigmem_free(void *p);

#endif
