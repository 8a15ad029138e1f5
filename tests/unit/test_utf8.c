/* test_utf8.c — the UTF-8 module: which sequences are valid (the limits
 * of RFC 3629 by hand), lengths, safe display, cutting at a boundary. */
#include <CUnit/CUnit.h>

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static void lengths(void)
{
    CU_ASSERT_EQUAL(utf8_len("a"), 1);
    CU_ASSERT_EQUAL(utf8_len(""), 1);                    /* NUL is ASCII */
    CU_ASSERT_EQUAL(utf8_len("\xC2\x80"), 2);            /* U+0080, first of 2 bytes */
    CU_ASSERT_EQUAL(utf8_len("\xDF\xBF"), 2);            /* U+07FF */
    CU_ASSERT_EQUAL(utf8_len("万"), 3);                   /* U+4E07 */
    CU_ASSERT_EQUAL(utf8_len("\xE0\xA0\x80"), 3);        /* U+0800 */
    CU_ASSERT_EQUAL(utf8_len("\xEF\xBF\xBF"), 3);        /* U+FFFF */
    CU_ASSERT_EQUAL(utf8_len("\xF0\x90\x80\x80"), 4);    /* U+10000 */
    CU_ASSERT_EQUAL(utf8_len("\xF4\x8F\xBF\xBF"), 4);    /* U+10FFFF, the last */
}

static void invalid(void)
{
    CU_ASSERT_EQUAL(utf8_len("\x80"), 0);                /* a lone continuation byte */
    CU_ASSERT_EQUAL(utf8_len("\xC0\xAF"), 0);            /* overlong '/' */
    CU_ASSERT_EQUAL(utf8_len("\xC1\xBF"), 0);            /* overlong */
    CU_ASSERT_EQUAL(utf8_len("\xE0\x9F\xBF"), 0);        /* overlong U+07FF */
    CU_ASSERT_EQUAL(utf8_len("\xF0\x8F\xBF\xBF"), 0);    /* overlong U+FFFF */
    CU_ASSERT_EQUAL(utf8_len("\xED\xA0\x80"), 0);        /* surrogate U+D800 */
    CU_ASSERT_EQUAL(utf8_len("\xED\xBF\xBF"), 0);        /* surrogate U+DFFF */
    CU_ASSERT_EQUAL(utf8_len("\xF4\x90\x80\x80"), 0);    /* U+110000 */
    CU_ASSERT_EQUAL(utf8_len("\xF5\x80\x80\x80"), 0);
    CU_ASSERT_EQUAL(utf8_len("\xFF"), 0);
    CU_ASSERT_EQUAL(utf8_len("\xE4\xB8"), 0);            /* cut short by the NUL */
    CU_ASSERT_EQUAL(utf8_len("\xE4\x41\x80"), 0);        /* an ASCII byte inside */
    CU_ASSERT(utf8_valid("ecsim 万千瓦 \xF0\x9F\x98\x80"));
    CU_ASSERT(utf8_valid(""));
    CU_ASSERT(!utf8_valid("ok\xC3"));
    CU_ASSERT(!utf8_valid("\xED\xA0\x80"));
    /* printable: valid and no control byte */
    CU_ASSERT_EQUAL(utf8_printable_len("万"), 3);
    CU_ASSERT_EQUAL(utf8_printable_len("\n"), 0);
    CU_ASSERT_EQUAL(utf8_printable_len("\x7f"), 0);
    CU_ASSERT_EQUAL(utf8_printable_len("\x1b[31m"), 0);
    CU_ASSERT_EQUAL(utf8_printable_len("~"), 1);
}

static void cut(void)
{
    const char *t = "ab万千";                             /* 2 + 3 + 3 bytes */
    CU_ASSERT_EQUAL(utf8_cut(t, 0), 0);
    CU_ASSERT_EQUAL(utf8_cut(t, 2), 2);
    CU_ASSERT_EQUAL(utf8_cut(t, 3), 2);                  /* not inside 万 */
    CU_ASSERT_EQUAL(utf8_cut(t, 4), 2);
    CU_ASSERT_EQUAL(utf8_cut(t, 5), 5);
    CU_ASSERT_EQUAL(utf8_cut(t, 7), 5);
    CU_ASSERT_EQUAL(utf8_cut(t, 8), 8);
    CU_ASSERT_EQUAL(utf8_cut(t, 100), 8);                /* never past the end */
    CU_ASSERT_EQUAL(utf8_cut("a\xFF" "b", 2), 2);        /* an invalid byte is one */
    CU_ASSERT_EQUAL(utf8_cut("\xE4\xB8", 1), 1);         /* a broken sequence: byte by byte */
}

static void shown(void)
{
    char buf[64];
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "320万千瓦", SIZE_MAX, 40), "320万千瓦");
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "a\x01z\n", SIZE_MAX, 40), "a?z?");
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "\xC0\xAFx", SIZE_MAX, 40), "??x");
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "\x1b[2J", SIZE_MAX, 40), "?[2J");
    /* len bounds the text (a token of a longer string): a sequence running
     * past it is not shown, and nothing beyond it is hinted */
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "ab万", 3, 40), "ab?");
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "abcdef", 3, 40), "abc");
    /* max: about max bytes, then "..." */
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "abcdefghij", SIZE_MAX, 4), "abcd...");
    CU_ASSERT_STRING_EQUAL(utf8_shown(buf, sizeof buf, "万万万", SIZE_MAX, 4), "万万...");
    /* a small buffer is never overrun */
    char small[16];
    memset(small, 'x', sizeof small);
    utf8_shown(small, sizeof small, "万万万万万万万万万万", SIZE_MAX, 40);
    CU_ASSERT(memchr(small, '\0', sizeof small) != NULL);
    CU_ASSERT_EQUAL(strlen(small) % 3, 0);               /* whole characters, then "..." */
    CU_ASSERT(strlen(small) >= 3 && strcmp(small + strlen(small) - 3, "...") == 0);
}

void register_test_utf8(void);

void register_test_utf8(void)
{
    CU_pSuite s = CU_add_suite("test_utf8", NULL, NULL);
    CU_add_test(s, "lengths", lengths);
    CU_add_test(s, "invalid sequences", invalid);
    CU_add_test(s, "cut at a character boundary", cut);
    CU_add_test(s, "shown safely", shown);
}
