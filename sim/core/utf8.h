/* utf8.h — the one place that decides what valid UTF-8 is, and how user
 * text is made safe to show: messages, comment lines of run.cfg, and text
 * cut to fit a buffer. Strict: no overlong forms, no surrogates, nothing
 * beyond U+10FFFF. */
#ifndef ECSIM_UTF8_H
#define ECSIM_UTF8_H

#include <stddef.h>

/* Length (1..4) of the valid UTF-8 sequence at p, or 0 if the bytes there
 * are not one. An ASCII byte, NUL included, is 1; a sequence cut short by
 * a NUL is 0 (the check stops at the NUL). */
size_t utf8_len(const char *p);

/* utf8_len, but 0 also for the control bytes (below 0x20, and 0x7f): the
 * length of a character that may be shown as it is. */
size_t utf8_printable_len(const char *p);

/* 1 if the whole of the NUL-terminated v is valid UTF-8. */
int utf8_valid(const char *v);

/* The largest n <= max and <= strlen(v) such that the first n bytes of v
 * end at a character boundary, never inside a valid sequence (an invalid
 * byte counts as one character): where to cut text to fit max bytes. */
size_t utf8_cut(const char *v, size_t max);

/* Copies user text into buf for a message: at most len bytes of v (or up
 * to its NUL; v is NUL-terminated), about max bytes shown, then "..." if more; control bytes
 * and invalid UTF-8 each become '?', so hostile bytes never reach a
 * terminal. buf of at least 16 bytes; returns buf. */
const char *utf8_shown(char *buf, size_t size, const char *v, size_t len, size_t max);

#endif
