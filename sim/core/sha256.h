/* sha256.h — SHA-256 (FIPS 180-4) of a file's bytes, so that a result names
 * the exact weather file it was computed from. */
#ifndef ECSIM_SHA256_H
#define ECSIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char buf[64];
    size_t used;
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL in hex[65]. */
void sha256_hex(Sha256 *c, char hex[65]);

/* The digest of the file at path into hex; 0 if it cannot be read. */
int sha256_file(const char *path, char hex[65]);

#endif
