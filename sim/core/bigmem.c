/* bigmem.c — see bigmem.h. A block starts with a header (its mapping, or
 * that it came from the C library) 64 bytes before the pointer returned. */
#define _DEFAULT_SOURCE
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Under AddressSanitizer the blocks are calloc's, so that it still sees
 * their bounds (it does not watch the inside of a mapping). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIGMEM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BIGMEM_ASAN 1
#endif
#if defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(BIGMEM_ASAN)
#define BIGMEM_HUGE 1
#else
#define BIGMEM_HUGE 0
#endif

#define BIGMEM_HEADER 64
#define HUGE_PAGE ((size_t)2 << 20)

typedef struct {
    void *base;       /* of the mapping; NULL: calloc's block starting at the header */
    size_t length;    /* of the mapping */
} BigHeader;

/* The C library's block, 64-aligned like a mapping's (aligned_alloc wants
 * a multiple of the alignment), zeroed. */
static void *from_calloc(size_t size)
{
    if (size > SIZE_MAX - 2 * BIGMEM_HEADER) return NULL;
    size_t total = (size + 2 * BIGMEM_HEADER - 1) / BIGMEM_HEADER * BIGMEM_HEADER;
    char *b = aligned_alloc(BIGMEM_HEADER, total);
    if (!b) return NULL;
    memset(b, 0, total);
    ((BigHeader *)b)->base = NULL;
    return b + BIGMEM_HEADER;
}

void *bigmem_calloc(size_t size)
{
#if BIGMEM_HUGE
    if (size > SIZE_MAX / 2) return NULL;
    /* whole 2 MB pages from a 2 MB boundary: map one more and trim both ends */
    size_t length = (size + BIGMEM_HEADER + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    char *raw = mmap(NULL, length + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return from_calloc(size);
    char *base = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (base > raw) munmap(raw, (size_t)(base - raw));
    if (raw + length + HUGE_PAGE > base + length)
        munmap(base + length, (size_t)(raw + length + HUGE_PAGE - (base + length)));
    (void)madvise(base, length, MADV_HUGEPAGE);   /* advice only: 4 KB pages if refused */
    BigHeader *h = (BigHeader *)base;             /* anonymous pages come zeroed */
    h->base = base;
    h->length = length;
    return base + BIGMEM_HEADER;
#else
    return from_calloc(size);
#endif
}

void bigmem_free(void *p)
{
    if (!p) return;
    char *b = (char *)p - BIGMEM_HEADER;
    BigHeader *h = (BigHeader *)b;
#if BIGMEM_HUGE
    if (h->base) {
        munmap(h->base, h->length);
        return;
    }
#endif
    free(b);
}
