/* printfmt.h — "%.Nf" exactly as glibc's printf writes it, without
 * printf's cost (~2,000 instructions a number): for files that must stay
 * byte-identical to what printf wrote (an ensemble's members.dat/.csv). */
#ifndef ECSIM_PRINTFMT_H
#define ECSIM_PRINTFMT_H

#define PFMT_MAX 32   /* bytes enough for any result of pfmt_fixed, with its NUL */

/* The decimals N when fmt is exactly "%.Nf" with N in 0..9, else -1. */
int pfmt_decimals(const char *fmt);

/* Writes v as sprintf(buf, "%.*f", decimals, v) does (the exact binary
 * value rounded half to even; "-" before every negative value and -0),
 * NUL-terminated, and returns the length; or returns -1, writing nothing,
 * for decimals outside 0..9, a value not finite or |v| * 10^decimals of
 * 2^64 or more: the caller then uses printf. buf holds PFMT_MAX bytes. */
int pfmt_fixed(char *buf, double v, int decimals);

#endif
