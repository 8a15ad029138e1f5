/* rng.h — deterministic random streams (DESIGN §3, STYLE §3 "RNG discipline").
 * Every stream is a gsl_rng of the explicit type gsl_rng_mt19937 whose whole
 * state is derived from (master seed, run, stream) by a fixed mixing function;
 * the environment (GSL_RNG_TYPE, GSL_RNG_SEED) and gsl_rng_default are never
 * consulted, so results do not depend on -j, thread timing or the shell. */
#ifndef ECSIM_RNG_H
#define ECSIM_RNG_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

/* Stream numbering convention. Each weather year owns a block of
 * RNG_STREAMS_PER_YEAR streams, stream = year_key * RNG_STREAMS_PER_YEAR +
 * purpose, so the weather of one year never depends on how many other years
 * were drawn before it. year_key is whatever the orchestrator keys years by
 * (sim.c uses the calendar year, so that variants with one seed share the
 * weather of each year). Purposes 7..15 are free for later uses. */
enum {
    RNG_STREAMS_PER_YEAR = 16,
    RNG_PURPOSE_WIND = 0,          /* hourly AR(1) of the fast wind part */
    RNG_PURPOSE_SOLAR = 1,         /* daily clearness and hourly jitter */
    RNG_PURPOSE_TEMPERATURE = 2,   /* daily temperature anomaly */
    RNG_PURPOSE_WIND_SLOW = 3,     /* hourly AR(1) of the slow (synoptic) wind part */
    RNG_PURPOSE_YEAR = 4,          /* the year's own anomaly (wind factor, clearness and temperature offsets) */
    RNG_PURPOSE_COAL_OUTAGE = 5,   /* forced outages of the coal units (physics/outage.h) */
    RNG_PURPOSE_LINE_OUTAGE = 6    /* forced outages of the export line */
};

/* A new mt19937 generator for (master_seed, run, stream). Equal arguments
 * give identical sequences on every platform; any different argument gives
 * an unrelated sequence. The 64-bit splitmix64 hash of the three numbers
 * seeds the full 19937-bit state through Matsumoto and Nishimura's
 * init_by_array (mt19937ar.c, 2002), so distinct streams do not collide the
 * way 32-bit gsl_rng_set seeds would (birthday bound: ~50 % at 77k streams).
 * Returns NULL if allocation fails; the caller frees with gsl_rng_free. */
gsl_rng *rng_stream(unsigned long master_seed, unsigned long run, unsigned long stream);

/* Seeds an mt19937 generator with init_by_array(key, n) of the reference
 * implementation (keys taken modulo 2^32). Returns 0, or -1 if r is not a
 * GSL mt19937 generator with the expected state layout (then r is unchanged).
 * Exposed so that a test can check it against the published reference
 * output, which also checks the state layout this module relies on. */
int rng_seed_mt19937_by_array(gsl_rng *r, const unsigned long *key, size_t n);

#endif
