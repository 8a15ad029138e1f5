/* fuzz_common.h — what the libFuzzer harnesses share: one temporary
 * directory per process under $TMPDIR (removed at exit), a file written
 * there from the input, and a hard stop on a broken contract (abort, which
 * libFuzzer reports as a crash with the input). Test code only. */
#ifndef ECSIM_FUZZ_COMMON_H
#define ECSIM_FUZZ_COMMON_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_REQUIRE(cond)                                                               \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* The harness's directory, made on first use (a fuzzing process runs many
 * inputs; one directory serves them all). */
static char fuzz_dir_path[512];

static inline void fuzz_dir_remove(void)
{
    DIR *dir = opendir(fuzz_dir_path);
    if (dir) {
        struct dirent *e;
        char p[1024];
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            snprintf(p, sizeof p, "%s/%s", fuzz_dir_path, e->d_name);
            unlink(p);
        }
        closedir(dir);
    }
    rmdir(fuzz_dir_path);
}

static inline const char *fuzz_dir(void)
{
    if (fuzz_dir_path[0]) return fuzz_dir_path;
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/ecsim-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir_path)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(fuzz_dir_remove);
    return fuzz_dir_path;
}

/* Writes n bytes to name in the harness's directory; returns its path
 * (static buffer per call site is the caller's business: out, outlen). */
static inline void fuzz_write(const char *name, const void *data, size_t n, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(out, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        perror("fuzz: write");
        abort();
    }
}

/* A NUL-terminated copy of the input (the caller frees it). */
static inline char *fuzz_text(const unsigned char *data, size_t n)
{
    char *t = malloc(n + 1);
    if (!t) abort();
    if (n) memcpy(t, data, n);
    t[n] = '\0';
    return t;
}

#endif
