/* numfmt.c — fixed-point formatting by integer arithmetic: round once to an
 * integer count of 10^-decimals, then print the digits. Deterministic on
 * every IEEE-754 machine. */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double pow10_tab[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

/* "00" .. "99": two digits per division by 100. */
static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* llround(x) for |x| < 2^53, inline: the conversion truncates towards zero
 * and x - q is then exact, so a fraction of at least one half (away from
 * zero) rounds away, as llround does. */
static inline long long round_half_away(double x)
{
    long long q = (long long)x;
    double f = x - (double)q;
    if (f >= 0.5) q++;
    else if (f <= -0.5) q--;
    return q;
}

int numfmt_fixed(char *buf, double v, int decimals)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    if (!isfinite(v) || fabs(v) * pow10_tab[decimals] >= 9e15) {
        int n = snprintf(buf, 32, "%.17g", v);
        return n < 0 ? 0 : (n > 31 ? 31 : n);
    }
    long long q = round_half_away(v * pow10_tab[decimals]);
    int neg = q < 0;
    unsigned long long u = neg ? (unsigned long long)(-q) : (unsigned long long)q;
    /* digits from the right into tmp[p..32): the decimals, the point, the
     * integer part (at least one digit); at most 17 characters (q < 9e15),
     * copied as a fixed 24 bytes, so tmp has 24 past its end at 32 (buf
     * holds 32: what lies past the returned length is scratch) */
    char tmp[32 + 24];
    int p = 32 - numfmt_digits(tmp + 32, u, decimals);
    int len = 0;
    if (neg) buf[len++] = '-';
    memcpy(buf + len, tmp + p, 24);
    return len + 32 - p;
}

int numfmt_digits(char *end, unsigned long long u, int decimals)
{
    char *p = end;
    int d = decimals;
    while (d >= 2) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
        d -= 2;
    }
    if (d) {
        *--p = (char)('0' + u % 10);
        u /= 10;
    }
    if (decimals) *--p = '.';
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    return (int)(end - p);
}
