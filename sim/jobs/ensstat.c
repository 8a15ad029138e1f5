/* ensstat.c — quantiles, Wilson and Newcombe intervals (ensstat.h). */
#include "ensstat.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void ens_sort(double *x, size_t n)
{
    if (n > 1) qsort(x, n, sizeof *x, cmp_double);
}

double ens_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0) return (double)NAN;
    if (p <= 0) return sorted[0];
    if (p >= 1) return sorted[n - 1];
    double h = (double)(n - 1) * p;
    double fl = floor(h);
    size_t i = (size_t)fl;
    if (i + 1 >= n) return sorted[n - 1];
    return sorted[i] + (h - fl) * (sorted[i + 1] - sorted[i]);
}

void ens_wilson(long k, long n, double z, double *lo, double *hi)
{
    if (n <= 0) {
        *lo = 0;
        *hi = 1;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double denom = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / denom;
    double half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    *lo = fmax(0, centre - half);
    *hi = fmin(1, centre + half);
    if (k == 0) *lo = 0;   /* exact ends: the formula gives them up to rounding */
    if (k == n) *hi = 1;
}

void ens_newcombe_paired(long n11, long n10, long n01, long n00, double z, double *lo, double *hi)
{
    long n = n11 + n10 + n01 + n00;
    if (n <= 0) {
        *lo = -1;
        *hi = 1;
        return;
    }
    double nn = (double)n;
    double p1 = (double)(n11 + n10) / nn, p2 = (double)(n11 + n01) / nn;
    double l1, u1, l2, u2;
    ens_wilson(n11 + n10, n, z, &l1, &u1);
    ens_wilson(n11 + n01, n, z, &l2, &u2);
    double r1 = (double)(n11 + n10), r2 = (double)(n01 + n00);
    double c1 = (double)(n11 + n01), c2 = (double)(n10 + n00);
    double den = r1 * r2 * c1 * c2;
    /* phi with Newcombe's adjustment: a positive ad - bc is reduced by n/2
     * (to 0 at most), a negative one kept (Altman et al. 2000, p. 52) */
    double ad_bc = (double)n11 * (double)n00 - (double)n10 * (double)n01;
    double num = ad_bc > nn / 2 ? ad_bc - nn / 2 : ad_bc < 0 ? ad_bc : 0;
    double phi = den > 0 ? num / sqrt(den) : 0;
    double a = p1 - l1, b = u2 - p2, c = u1 - p1, e = p2 - l2;
    double delta = sqrt(fmax(0, a * a - 2 * phi * a * b + b * b));
    double eps = sqrt(fmax(0, c * c - 2 * phi * c * e + e * e));
    double dd = p1 - p2;
    *lo = fmax(-1, dd - delta);
    *hi = fmin(1, dd + eps);
}
