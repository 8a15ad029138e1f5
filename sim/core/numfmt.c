/* numfmt.c — fixed-point formatting by integer arithmetic: round once to an
 * integer count of 10^-decimals, then print the digits. Deterministic on
 * every IEEE-754 machine. */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>

static const double pow10_tab[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

int numfmt_fixed(char *buf, double v, int decimals)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    if (!isfinite(v) || fabs(v) * pow10_tab[decimals] >= 9e15) {
        int n = snprintf(buf, 32, "%.17g", v);
        return n < 0 ? 0 : (n > 31 ? 31 : n);
    }
    long long q = llround(v * pow10_tab[decimals]);
    char tmp[32];
    int n = 0, neg = q < 0;
    unsigned long long u = neg ? (unsigned long long)(-q) : (unsigned long long)q;
    for (int i = 0; i < decimals; i++) { tmp[n++] = (char)('0' + u % 10); u /= 10; }
    if (decimals) tmp[n++] = '.';
    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    int len = 0;
    if (neg) buf[len++] = '-';
    while (n) buf[len++] = tmp[--n];
    return len;
}
