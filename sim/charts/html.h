/* html.h — the pieces of a self-contained HTML page: text escaped for HTML,
 * a chart inlined as a data URI (base64), so that the page opens from a USB
 * stick with no server and no other file, and Markdown tables rendered. */
#ifndef ECSIM_HTML_H
#define ECSIM_HTML_H

#include <stddef.h>
#include <stdio.h>

/* s with &, <, > and " escaped. */
void html_esc(FILE *f, const char *s);
/* The first n bytes of s, escaped. */
void html_esc_n(FILE *f, const char *s, size_t n);
/* p[0..n) in base64 (RFC 4648, with padding). */
void html_base64(FILE *f, const unsigned char *p, size_t n);
/* md (Markdown) as HTML: headings two levels down (# -> h3: the page's own
 * sections are h2; the first '# ' heading left out when skip_title), tables
 * (numbers right-aligned), '- ' lists, ``` fenced code, paragraphs, `code`
 * and **bold**; everything else is text, escaped. */
void html_markdown(FILE *f, const char *md, int skip_title);

#endif
