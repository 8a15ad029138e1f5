/* html.c — text escaped for HTML, images as base64 data URIs and a small
 * Markdown subset, for the self-contained pages (the fit report; report.c
 * keeps its own copy of the first two). */
#include "html.h"

#include <stdlib.h>
#include <string.h>

void html_esc_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(s[i], f);
        }
    }
}

void html_esc(FILE *f, const char *s)
{
    html_esc_n(f, s, (size_t)-1);
}

void html_base64(FILE *f, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        fputc(tab[v >> 18], f);
        fputc(tab[(v >> 12) & 63], f);
        fputc(tab[(v >> 6) & 63], f);
        fputc(tab[v & 63], f);
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0u);
        fputc(tab[v >> 18], f);
        fputc(tab[(v >> 12) & 63], f);
        fputc(i + 1 < n ? tab[(v >> 6) & 63] : '=', f);
        fputc('=', f);
    }
}

/* ---- Markdown ------------------------------------------------------------------ */

/* Inline markdown of one line: `code` and **bold**, the rest escaped. */
static void md_inline(FILE *f, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *rest = s + i;
        if (rest[0] == '`') {
            const char *end = memchr(rest + 1, '`', n - i - 1);
            if (end) {
                fputs("<code>", f);
                html_esc_n(f, rest + 1, (size_t)(end - rest - 1));
                fputs("</code>", f);
                i += (size_t)(end - rest) + 1;
                continue;
            }
        }
        if (rest[0] == '*' && i + 1 < n && rest[1] == '*') {
            const char *end = NULL;
            for (size_t j = i + 2; j + 1 < n; j++)
                if (s[j] == '*' && s[j + 1] == '*') { end = s + j; break; }
            if (end) {
                fputs("<b>", f);
                md_inline(f, rest + 2, (size_t)(end - rest - 2));
                fputs("</b>", f);
                i += (size_t)(end - rest) + 2;
                continue;
            }
        }
        size_t run = strcspn(rest, "`*");
        if (run > n - i) run = n - i;
        if (run == 0) run = 1;
        html_esc_n(f, rest, run);
        i += run;
    }
}

static int is_number_text(const char *s, size_t n)
{
    while (n && (*s == ' ')) { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    if (!n) return 0;
    size_t k = 0;
    if (k < n && (s[k] == '-' || s[k] == '+')) k++;
    if (n >= k + 3 && memcmp(s + k, "−", 3) == 0) k += 3;
    int digits = 0;
    for (; k < n; k++) {
        if (s[k] >= '0' && s[k] <= '9') digits++;
        else if (!strchr(".eE+-%", s[k])) return 0;
    }
    return digits > 0;
}

/* One table row "| a | b |" as cells of tag. */
static void md_row(FILE *f, const char *line, const char *tag)
{
    const char *p = line + strspn(line, " \t");
    if (*p == '|') p++;
    fputs("<tr>", f);
    while (*p) {
        size_t n = strcspn(p, "|");
        const char *cell = p;
        p += n;
        if (!*p && n == strspn(cell, " \t")) break;   /* after the closing bar */
        while (n && (*cell == ' ' || *cell == '\t')) { cell++; n--; }
        while (n && (cell[n - 1] == ' ' || cell[n - 1] == '\t')) n--;
        int num = strcmp(tag, "td") == 0 && is_number_text(cell, n);
        fprintf(f, "<%s%s>", tag, num ? " class=\"n\"" : "");
        md_inline(f, cell, n);
        fprintf(f, "</%s>", tag);
        if (*p == '|') p++;
    }
    fputs("</tr>\n", f);
}

static int is_separator_row(const char *line)
{
    const char *p = line + strspn(line, " \t");
    return *p == '|' && p[strspn(p, "|:- \t")] == '\0' && strchr(p, '-');
}

void html_markdown(FILE *f, const char *md, int skip_title)
{
    enum { NONE, PARA, TABLE, LIST, CODE } mode = NONE;
    int table_row = 0;
    char *copy = strdup(md);
    if (!copy) return;
    char *save = NULL;
    /* strtok_r would merge blank lines: split by hand */
    for (char *line = copy; line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = '\0';
        const char *p = line + strspn(line, " \t");
        if (mode == CODE) {
            if (strncmp(p, "```", 3) == 0) {
                fputs("</pre>\n", f);
                mode = NONE;
            } else {
                html_esc(f, line);
                fputc('\n', f);
            }
            continue;
        }
        int is_table = *p == '|', is_item = (p[0] == '-' || p[0] == '*') && p[1] == ' ';
        int is_head = *p == '#', is_fence = strncmp(p, "```", 3) == 0;
        /* close what this line ends */
        if ((mode == TABLE && !is_table) || (mode == LIST && !is_item) || (mode == PARA && (!*p || is_table || is_item || is_head || is_fence))) {
            fputs(mode == TABLE ? "</table>\n" : mode == LIST ? "</ul>\n" : "</p>\n", f);
            mode = NONE;
        }
        if (!*p) continue;
        if (is_fence) {
            fputs("<pre>", f);
            mode = CODE;
        } else if (is_head) {
            int level = (int)strspn(p, "#");
            const char *text = p + level + strspn(p + level, " \t");
            if (level == 1 && skip_title) {   /* the page's title already */
                skip_title = 0;
                continue;
            }
            int h = level + 2 > 5 ? 5 : level + 2;
            fprintf(f, "<h%d>", h);
            md_inline(f, text, strlen(text));
            fprintf(f, "</h%d>\n", h);
        } else if (is_table) {
            if (mode != TABLE) {
                fputs("<table>\n", f);
                mode = TABLE;
                table_row = 0;
            }
            if (!is_separator_row(p)) md_row(f, p, table_row == 0 ? "th" : "td");
            table_row++;
        } else if (is_item) {
            if (mode != LIST) {
                fputs("<ul>\n", f);
                mode = LIST;
            }
            fputs("<li>", f);
            md_inline(f, p + 2, strlen(p + 2));
            fputs("</li>\n", f);
        } else {
            if (mode != PARA) {
                fputs("<p>", f);
                mode = PARA;
            } else {
                fputc('\n', f);
            }
            md_inline(f, p, strlen(p));
        }
    }
    if (mode != NONE) fputs(mode == TABLE ? "</table>\n" : mode == LIST ? "</ul>\n" : mode == CODE ? "</pre>\n" : "</p>\n", f);
    free(copy);
}
