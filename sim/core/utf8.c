/* utf8.c — UTF-8 validity and safe display of user text (utf8.h). */
#include "utf8.h"

#include <string.h>

size_t utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], cp;
    size_t n;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else return 0;
    for (size_t i = 1; i < n; i++) {   /* stops at the terminating NUL */
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

size_t utf8_printable_len(const char *p)
{
    unsigned char c = (unsigned char)p[0];
    return c < 0x20 || c == 0x7f ? 0 : utf8_len(p);
}

int utf8_valid(const char *v)
{
    for (size_t n; *v; v += n)
        if ((n = utf8_len(v)) == 0) return 0;
    return 1;
}

size_t utf8_cut(const char *v, size_t max)
{
    size_t i = 0;
    while (v[i] && i < max) {
        size_t n = utf8_len(v + i);
        if (n == 0) n = 1;
        if (i + n > max) break;
        i += n;
    }
    return i;
}

const char *utf8_shown(char *buf, size_t size, const char *v, size_t len, size_t max)
{
    size_t o = 0, i = 0;
    while (i < len && v[i] && o + 8 < size && o < max) {
        size_t n = utf8_printable_len(v + i);
        if (n == 0 || i + n > len) {
            buf[o++] = '?';
            i++;
        } else {
            memcpy(buf + o, v + i, n);
            o += n;
            i += n;
        }
    }
    if (i < len && v[i]) memcpy(buf + o, "...", 3), o += 3;
    buf[o] = '\0';
    return buf;
}
