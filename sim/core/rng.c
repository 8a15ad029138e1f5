/* rng.c — deterministic mt19937 streams keyed by (seed, run, stream) (DESIGN §3).
 * No global state: every call allocates and fully seeds its own generator. */
#include "rng.h"

#include <stdint.h>

#define MT_N 624

/* GSL's mt19937 state (gsl/rng/mt.c, unchanged since GSL 1.0): the 624 words
 * in unsigned long and the position index. gsl_rng_state() and
 * gsl_rng_size() are the documented way to reach it; the size check below
 * guards the layout, and the unit test checks the reference output. */
typedef struct {
    unsigned long mt[MT_N];
    int mti;
} MtState;

/* splitmix64 finaliser (Steele, Lea and Flood 2014; constants of
 * Vigna's splitmix64.c): a bijection of 64-bit words with full avalanche. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Absorbs the three keys one after another, each offset by a multiple of
 * the golden-ratio increment so that (a, b, c) and permutations differ. */
static uint64_t stream_hash(uint64_t seed, uint64_t run, uint64_t stream)
{
    const uint64_t g = UINT64_C(0x9e3779b97f4a7c15);
    uint64_t h = mix64(seed + g);
    h = mix64(h ^ (run + 2 * g));
    h = mix64(h ^ (stream + 3 * g));
    return h;
}

int rng_seed_mt19937_by_array(gsl_rng *r, const unsigned long *key, size_t n)
{
    if (!r || r->type != gsl_rng_mt19937 || gsl_rng_size(r) != sizeof(MtState) || n == 0)
        return -1;
    /* init_genrand(19650218) then init_by_array, as in mt19937ar.c
     * (Matsumoto and Nishimura, 2002); 32-bit arithmetic wraps modulo 2^32. */
    uint32_t mt[MT_N];
    mt[0] = UINT32_C(19650218);
    for (int i = 1; i < MT_N; i++)
        mt[i] = UINT32_C(1812433253) * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    int i = 1;
    size_t j = 0;
    for (size_t k = n > MT_N ? n : MT_N; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * UINT32_C(1664525)))
              + (uint32_t)key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
        if (j >= n) j = 0;
    }
    for (int k = MT_N - 1; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * UINT32_C(1566083941))) - (uint32_t)i;
        i++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
    }
    mt[0] = UINT32_C(0x80000000);   /* MSB set: the state is never all zero */

    MtState *st = gsl_rng_state(r);
    for (int q = 0; q < MT_N; q++) st->mt[q] = mt[q];
    st->mti = MT_N;                 /* next draw regenerates the block */
    return 0;
}

gsl_rng *rng_stream(unsigned long master_seed, unsigned long run, unsigned long stream)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) return NULL;
    uint64_t h = stream_hash(master_seed, run, stream);
    unsigned long key[2] = { (unsigned long)(h & UINT32_C(0xffffffff)),
                             (unsigned long)(h >> 32) };
    if (rng_seed_mt19937_by_array(r, key, 2) != 0)
        gsl_rng_set(r, (unsigned long)((h ^ (h >> 32)) & UINT32_C(0xffffffff)));  /* layout guard */
    return r;
}
