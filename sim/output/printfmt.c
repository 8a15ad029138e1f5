/* printfmt.c — "%.Nf" by integer arithmetic on the exact binary value: a
 * finite double is m * 2^e (m < 2^53); m * 10^N < 2^83 fits in 128 bits,
 * so the shift by -e and the comparison of the bits shifted out with one
 * half give the correctly rounded count of 10^-N (ties to even, as glibc
 * rounds in the default rounding mode). Only the digits are printed here. */
#include "printfmt.h"

#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int pfmt_decimals(const char *fmt)
{
    if (fmt[0] == '%' && fmt[1] == '.' && fmt[2] >= '0' && fmt[2] <= '9' && fmt[3] == 'f' && fmt[4] == '\0')
        return fmt[2] - '0';
    return -1;
}

static const unsigned long long pow10_u[10] = { 1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL,
                                                1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL };

__extension__ typedef unsigned __int128 u128;

/* The rounded count of 10^-d in |v| (v finite) into *q; 0 when it may not
 * fit in 64 bits. */
static int scaled(double v, int d, unsigned long long *q)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int be = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    if (be) m |= UINT64_C(1) << 52;   /* normal: the hidden bit */
    else be = 1;                      /* subnormal (or zero) */
    int e = be - 1075;                /* |v| = m * 2^e */
    u128 p = (u128)m * pow10_u[d];
    if (e >= 0) {
        if (e >= 64 || (p << e) >> e != p || (p << e) >> 64) return 0;
        *q = (unsigned long long)(p << e);
        return 1;
    }
    int s = -e;
    if (s >= 127) {   /* p < 2^83 < half of 2^s: rounds to 0 */
        *q = 0;
        return 1;
    }
    u128 one = 1, qq = p >> s, rem = p & ((one << s) - 1), half = one << (s - 1);
    if (rem > half || (rem == half && (qq & 1))) qq++;
    if (qq >> 64) return 0;
    *q = (unsigned long long)qq;
    return 1;
}

int pfmt_fixed(char *buf, double v, int decimals)
{
    unsigned long long u;
    if (decimals < 0 || decimals > 9 || !isfinite(v) || !scaled(v, decimals, &u)) return -1;
    char tmp[48];
    int n = numfmt_digits(tmp + sizeof tmp, u, decimals);
    int len = 0;
    if (signbit(v)) buf[len++] = '-';
    memcpy(buf + len, tmp + sizeof tmp - n, (size_t)n);
    len += n;
    buf[len] = '\0';
    return len;
}
