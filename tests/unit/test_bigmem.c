/* test_bigmem.c — big zeroed blocks: zero, aligned, writable to the last
 * byte, independent of one another, and freed (run under ASan/valgrind). */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <string.h>

#include "bigmem.h"

static void zeroed_aligned_writable(void)
{
    const size_t sizes[] = {1, 4096, (size_t)3 << 20, ((size_t)2 << 20) - 64, (size_t)2 << 20};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        unsigned char *a = bigmem_calloc(n), *b = bigmem_calloc(n);
        CU_ASSERT_FATAL(a != NULL && b != NULL);
        CU_ASSERT_EQUAL((uintptr_t)a % 64, 0);
        size_t nonzero = 0;
        for (size_t i = 0; i < n; i++) nonzero += a[i] != 0;
        CU_ASSERT_EQUAL(nonzero, 0);
        memset(a, 0xA5, n);
        CU_ASSERT_EQUAL(a[n - 1], 0xA5);
        CU_ASSERT_EQUAL(b[0], 0);        /* a's writes do not reach b */
        CU_ASSERT_EQUAL(b[n - 1], 0);
        bigmem_free(a);
        bigmem_free(b);
    }
    bigmem_free(NULL);
}

void register_test_bigmem(void);
void register_test_bigmem(void)
{
    CU_pSuite s = CU_add_suite("test_bigmem", NULL, NULL);
    CU_add_test(s, "zeroed, aligned, writable", zeroed_aligned_writable);
}
