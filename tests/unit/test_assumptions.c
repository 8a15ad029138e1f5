/* test_assumptions.c — the assumptions register: which comments are
 * assumptions and their text (read off the texts below by hand), where
 * they were written and the setting they are next to, the limits, and the
 * summary.md form written and read back. */
#include <CUnit/CUnit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assumptions.h"
#include "config.h"
#include "utf8.h"

static AssumptionList *new_list(void)
{
    AssumptionList *l = calloc(1, sizeof *l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    return l;
}

static void scan_text(void)
{
    const char *t =
        "# header, no assumption here\n"                          /* 1 */
        "a = {\n"                                                  /* 2 */
        "  # assumption:   first,\n"                               /* 3 */
        "  #  continued\r\n"                                       /* 4: CR dropped */
        "\t#\n"                                                    /* 5: an empty continuation */
        "  x = 1;\n"                                               /* 6: ends it */
        "  y = 2; # assumption: trailing\n"                        /* 7 */
        "  # assumption: second starts\n"                          /* 8: a new one ends the last */
        "  # Plan: z. assumption: a continuation, not a new one\n" /* 9 */
        "};\n"                                                     /* 10 */
        "# assumption: last, no newline";                          /* 11 */
    AssumptionList *l = new_list();
    CU_ASSERT_EQUAL(assumptions_scan(l, t, strlen(t), "f.cfg", 0), 0);
    CU_ASSERT_EQUAL_FATAL(l->n, 4);
    CU_ASSERT_EQUAL(l->dropped, 0);
    CU_ASSERT_EQUAL(l->a[0].line, 3);
    CU_ASSERT_STRING_EQUAL(assumption_text(l, 0), "first, continued ");
    CU_ASSERT_EQUAL(l->a[1].line, 7);
    CU_ASSERT_STRING_EQUAL(assumption_text(l, 1), "trailing");
    CU_ASSERT_EQUAL(l->a[2].line, 8);
    CU_ASSERT_STRING_EQUAL(assumption_text(l, 2), "second starts Plan: z. assumption: a continuation, not a new one");
    CU_ASSERT_EQUAL(l->a[3].line, 11);
    CU_ASSERT_STRING_EQUAL(assumption_text(l, 3), "last, no newline");
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_STRING_EQUAL(assumption_file(l, i), "f.cfg");
        CU_ASSERT_STRING_EQUAL(assumption_setting(l, i), "");
        CU_ASSERT_EQUAL(l->a[i].depth, 0);
    }
    /* a second file appends, with its own name and depth */
    CU_ASSERT_EQUAL(assumptions_scan(l, "# assumption: b\n", 16, "base.cfg", 1), 4);
    CU_ASSERT_EQUAL(l->n, 5);
    CU_ASSERT_STRING_EQUAL(assumption_file(l, 4), "base.cfg");
    CU_ASSERT_EQUAL(l->a[4].depth, 1);
    assumptions_set_setting(l, 4, "wind.capacity_mw");
    CU_ASSERT_STRING_EQUAL(assumption_setting(l, 4), "wind.capacity_mw");
    CU_ASSERT_STRING_EQUAL(assumption_text(l, 9), "");   /* out of range */
    free(l);
}

static void limits(void)
{
    AssumptionList *l = new_list();
    /* more comments than the list holds: the first ASSUMPTION_MAX kept */
    size_t cap = (ASSUMPTION_MAX + 6) * 32;
    char *t = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t o = 0;
    for (int i = 0; i < ASSUMPTION_MAX + 6; i++) o += (size_t)snprintf(t + o, cap - o, "# assumption: n%d\n", i);
    assumptions_scan(l, t, o, "f.cfg", 0);
    CU_ASSERT_EQUAL(l->n, ASSUMPTION_MAX);
    CU_ASSERT_EQUAL(l->dropped, 6);
    CU_ASSERT_STRING_EQUAL(assumption_text(l, ASSUMPTION_MAX - 1), "n63");
    free(t);
    /* more text than the pool holds: cut at a character boundary, counted */
    memset(l, 0, sizeof *l);
    size_t big = ASSUMPTION_TEXT_MAX * 2;
    t = malloc(big + 32);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    o = (size_t)snprintf(t, 32, "# assumption: ");
    while (o + 3 < big) memcpy(t + o, "万", 3), o += 3;
    assumptions_scan(l, t, o, "f.cfg", 0);
    CU_ASSERT_EQUAL(l->n, 1);
    CU_ASSERT_EQUAL(l->dropped, 1);
    const char *cut = assumption_text(l, 0);
    CU_ASSERT(strlen(cut) > ASSUMPTION_TEXT_MAX - 32 && strlen(cut) < ASSUMPTION_TEXT_MAX);
    CU_ASSERT_EQUAL(strlen(cut) % 3, 0);
    CU_ASSERT(utf8_valid(cut));
    free(t);
    free(l);
}

/* At load time: every file of the chain, base files at their depth, each
 * with the setting it stands next to. */
static void at_load(void)
{
    Scenario *s = malloc(sizeof *s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    Diag d;
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load("data/config/assumptions/variant.cfg", s, &d), ST_OK);
    CU_ASSERT_EQUAL(d.n, 0);
    const AssumptionList *l = &s->assumptions;
    static const struct {
        int line, depth;
        const char *text, *setting;
    } want[] = {
        { 3, 0, "2 h batteries, as the rules of 2021 ask.", "storage" },
        { 6, 0, "not 4 h.", "storage.duration_h" },
        { 10, 0, "a small unit.", "coal_power.units[0]" },
        { 15, 0, "the last one, at the end of the file", "coal_power.units[0].commission_year" },
        { 4, 1, "site read off a map.", "site.latitude_deg" },
    };
    CU_ASSERT_EQUAL_FATAL(l->n, 5);
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(l->a[i].line, want[i].line);
        CU_ASSERT_EQUAL(l->a[i].depth, want[i].depth);
        CU_ASSERT_STRING_EQUAL(assumption_text(l, i), want[i].text);
        CU_ASSERT_STRING_EQUAL(assumption_setting(l, i), want[i].setting);
        CU_ASSERT_STRING_EQUAL(assumption_file(l, i), want[i].depth ? "data/config/assumptions/base.cfg"
                                                                    : "data/config/assumptions/variant.cfg");
    }
    /* an override keeps them; the resolved file (settings only) has none */
    diag_init(&d);
    CU_ASSERT_EQUAL(config_override(s, "storage.duration_h=4", &d), ST_OK);
    CU_ASSERT_EQUAL(s->assumptions.n, 5);
    free(s);
}

static void summary_form(void)
{
    AssumptionList *l = new_list(), *back = new_list();
    const char *base = "# assumption: from the base\n";
    const char *top = "x = 1;\n# assumption: a <b> & \"c\"\n#   more\n# assumption: 万千瓦\n";
    assumptions_scan(l, top, strlen(top), "top.cfg", 0);
    assumptions_scan(l, base, strlen(base), "base.cfg", 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("## Checks\n\n- fine\n", f);
    assumptions_write_md(f, l);
    fputs("\n## Next\n\n- not an assumption\n", f);
    fclose(f);
    /* the file loaded's own, as summary.md has always listed them */
    CU_ASSERT_STRING_EQUAL(buf, "## Checks\n\n- fine\n"
                                "\n## Assumptions this result depends on\n\n"
                                "- line 2: a <b> & \"c\" more\n"
                                "- line 4: 万千瓦\n"
                                "\n## Next\n\n- not an assumption\n");
    CU_ASSERT_EQUAL(assumptions_read_md(buf, back), 2);
    CU_ASSERT_EQUAL(back->a[0].line, 2);
    CU_ASSERT_STRING_EQUAL(assumption_text(back, 0), "a <b> & \"c\" more");
    CU_ASSERT_EQUAL(back->a[1].line, 4);
    CU_ASSERT_STRING_EQUAL(assumption_text(back, 1), "万千瓦");
    free(buf);
    /* items not in the written form are kept whole */
    CU_ASSERT_EQUAL(assumptions_read_md("\n## Assumptions\n\n- line 07: x\n- line 3:y\n- hand-written\n", back), 3);
    CU_ASSERT_EQUAL(back->a[0].line, 0);
    CU_ASSERT_STRING_EQUAL(assumption_text(back, 0), "line 07: x");
    CU_ASSERT_STRING_EQUAL(assumption_text(back, 1), "line 3:y");
    CU_ASSERT_STRING_EQUAL(assumption_text(back, 2), "hand-written");
    /* none written when there are none */
    memset(l, 0, sizeof *l);
    f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    assumptions_write_md(f, l);
    fclose(f);
    CU_ASSERT_EQUAL(len, 0);
    free(buf);
    CU_ASSERT_EQUAL(assumptions_read_md("# s\n\n## Checks\n\n- x\n", back), 0);
    free(l);
    free(back);
}

void register_test_assumptions(void);

void register_test_assumptions(void)
{
    CU_pSuite s = CU_add_suite("test_assumptions", NULL, NULL);
    CU_add_test(s, "comments to assumptions", scan_text);
    CU_add_test(s, "limits", limits);
    CU_add_test(s, "collected at load time", at_load);
    CU_add_test(s, "summary.md form", summary_form);
}
