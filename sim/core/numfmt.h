/* numfmt.h — fast, locale-free fixed-point formatting for result files.
 * printf costs ~200 ns a number; an hourly year has ~150,000 of them. */
#ifndef ECSIM_NUMFMT_H
#define ECSIM_NUMFMT_H

/* Writes v rounded to `decimals` places (0..9) into buf (at least 32 bytes),
 * without a terminating NUL; returns the number of characters (bytes past
 * them, within the 32, may be overwritten). Values too
 * large for exact fixed-point (|v| >= 1e15) and non-finite values fall back
 * to "%.*g"-style text. Negative zero prints as 0. */
int numfmt_fixed(char *buf, double v, int decimals);

/* Writes u / 10^decimals in fixed notation (at least one integer digit, a
 * point when decimals > 0), right-aligned to end: the characters are
 * end[-n .. -1]; returns n. The digits of both fixed formatters (numfmt_fixed
 * here, pfmt_fixed of "%.Nf") once. */
int numfmt_digits(char *end, unsigned long long u, int decimals);

#endif
