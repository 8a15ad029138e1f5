/* ensstat.h — the statistics of an ensemble (docs/ensemble.md): exact
 * quantiles of a sample, the Wilson score interval of a proportion, and
 * Newcombe's interval for the difference of two paired proportions. Pure
 * functions of their arguments, no state. */
#ifndef ECSIM_ENSSTAT_H
#define ECSIM_ENSSTAT_H

#include <stddef.h>

/* z of a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
#define ENS_Z95 1.959963984540054

/* Sorts x[0..n) ascending (NaN must have been removed). */
void ens_sort(double *x, size_t n);

/* Quantile p (0..1) of the sorted sample x[0..n), Hyndman & Fan type 7
 * (the default of R and numpy): h = (n - 1) p, linear interpolation
 * between x[floor h] and x[floor h + 1]. NaN for n = 0. */
double ens_quantile(const double *sorted, size_t n, double p);

/* Wilson score interval of k successes in n trials with normal quantile z:
 * centre (p + z²/2n) / (1 + z²/n), half-width
 * z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²). n = 0 gives [0, 1]. */
void ens_wilson(long k, long n, double z, double *lo, double *hi);

/* Difference of paired proportions p1 - p2 with n pairs: n11 both met,
 * n10 only the first, n01 only the second, n00 neither. Newcombe (1998,
 * Stat. Med. 17:2635, method 10): Wilson limits of p1 and p2 combined with
 * the correlation phi of the pairs, adjusted as ensstat.c says (0 when a
 * margin is empty). */
void ens_newcombe_paired(long n11, long n10, long n01, long n00, double z, double *lo, double *hi);

#endif
