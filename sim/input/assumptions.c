/* assumptions.c — the assumptions register (assumptions.h). */
#include "assumptions.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const char MARK[] = "# assumption:";
static const char HEADING[] = "\n## Assumptions this result depends on\n\n";

/* Appends up to n bytes of s to l->text, cut at a character boundary to
 * leave room for a NUL; the number appended. text[0] stays "" (offset 0). */
static size_t put(AssumptionList *l, const char *s, size_t n)
{
    if (l->used < 1) l->used = 1;
    size_t room = ASSUMPTION_TEXT_MAX - 1 - (size_t)l->used;
    if (n > room) {   /* the character crossing the limit is seen whole, then left out */
        char part[ASSUMPTION_TEXT_MAX + 4];
        size_t k = n < room + 4 ? n : room + 4;
        memcpy(part, s, k);
        part[k] = '\0';
        n = utf8_cut(part, room);
    }
    memcpy(l->text + l->used, s, n);
    l->used += (int)n;
    l->text[l->used] = '\0';
    return n;
}

/* Starts a string; 0 ("") when there is no room for one. */
static int start(AssumptionList *l)
{
    if (l->used < 1) l->used = 1;
    return l->used + 1 < ASSUMPTION_TEXT_MAX ? l->used : 0;
}

/* Ends the string begun with start. */
static void end(AssumptionList *l)
{
    if (l->used + 1 < ASSUMPTION_TEXT_MAX) l->used++;   /* past its NUL */
}

/* s found within the n bytes at p (no NUL among them), or NULL. */
static const char *find_in(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return p + i;
    return NULL;
}

/* Length of the first n bytes of p up to a CR or LF. */
static size_t to_eol(const char *p, size_t n)
{
    size_t k = 0;
    while (k < n && p[k] != '\r' && p[k] != '\n') k++;
    return k;
}

int assumptions_scan(AssumptionList *l, const char *text, size_t len, const char *file, int depth)
{
    int first = l->n, file_at = -1;
    enum { CLOSED, KEPT, SKIPPED } open = CLOSED;
    int cut = 0;   /* the current one lost text */
    size_t i = 0;
    for (int lineno = 1; i < len; lineno++) {
        const char *line = text + i;
        size_t n = 0;
        while (i + n < len && line[n] != '\n') n++;
        i += n + (i + n < len);
        size_t blanks = 0;
        while (blanks < n && (line[blanks] == ' ' || line[blanks] == '\t')) blanks++;
        const char *a = find_in(line, n, MARK);
        if (a) {
            if (open == KEPT) end(l);
            if (open == KEPT && cut) l->dropped++;
            cut = 0;
            if (file_at < 0) {
                file_at = start(l);
                put(l, file, strlen(file));
                end(l);
            }
            if (l->n >= ASSUMPTION_MAX) {
                l->dropped++;
                open = SKIPPED;
                continue;
            }
            a += strlen(MARK);
            while (a < line + n && *a == ' ') a++;
            Assumption *e = &l->a[l->n++];
            e->line = lineno;
            e->depth = depth;
            e->file = file_at;
            e->setting = 0;
            e->text = start(l);
            size_t k = to_eol(a, (size_t)(line + n - a));
            cut |= put(l, a, k) < k;
            open = KEPT;
        } else if (open != CLOSED && blanks < n && line[blanks] == '#') {
            if (open == SKIPPED) continue;
            const char *p = line + blanks + 1;
            while (p < line + n && *p == ' ') p++;
            size_t k = to_eol(p, (size_t)(line + n - p));
            cut |= put(l, " ", 1) < 1;
            cut |= put(l, p, k) < k;
        } else {
            if (open == KEPT) end(l);
            if (open == KEPT && cut) l->dropped++;
            open = CLOSED;
            cut = 0;
        }
    }
    if (open == KEPT) {
        end(l);
        if (cut) l->dropped++;
    }
    return first;
}

void assumptions_set_setting(AssumptionList *l, int i, const char *path)
{
    if (i < 0 || i >= l->n) return;
    int at = start(l);
    size_t n = strlen(path);
    if (!at || put(l, path, n) < n) {   /* a cut path would name another setting */
        if (at) l->used = at, l->text[at] = '\0';
        return;
    }
    end(l);
    l->a[i].setting = at;
}

static const char *str(const AssumptionList *l, int off)
{
    return off > 0 && off < ASSUMPTION_TEXT_MAX ? l->text + off : "";
}

const char *assumption_text(const AssumptionList *l, int i)
{
    return i >= 0 && i < l->n ? str(l, l->a[i].text) : "";
}
const char *assumption_file(const AssumptionList *l, int i)
{
    return i >= 0 && i < l->n ? str(l, l->a[i].file) : "";
}
const char *assumption_setting(const AssumptionList *l, int i)
{
    return i >= 0 && i < l->n ? str(l, l->a[i].setting) : "";
}

void assumptions_write_md(FILE *f, const AssumptionList *l)
{
    int shown = 0;
    for (int i = 0; i < l->n; i++) {
        if (l->a[i].depth != 0) continue;   /* summary.md lists the file loaded's own */
        if (shown++ == 0) fputs(HEADING, f);
        fprintf(f, "- line %d: %s\n", l->a[i].line, assumption_text(l, i));
    }
}

int assumptions_read_md(const char *md, AssumptionList *l)
{
    memset(l, 0, sizeof *l);
    const char *sec = strstr(md, "\n## Assumptions");
    const char *p = sec ? strchr(sec + 1, '\n') : NULL;
    while (p && *p) {
        p++;
        if (p[0] == '#' && p[1] == '#') break;
        size_t len = strcspn(p, "\n");
        if (len > 2 && p[0] == '-' && p[1] == ' ' && l->n < ASSUMPTION_MAX) {
            const char *t = p + 2, *stop = p + len;
            int line = 0;
            if (strncmp(t, "line ", 5) == 0) {
                char *after;
                long v = strtol(t + 5, &after, 10);
                /* exactly "line N: " with N as written by assumptions_write_md */
                if (t[5] >= '1' && t[5] <= '9' && v < 1000000000L && after + 1 < stop && after[0] == ':' &&
                    after[1] == ' ') {
                    line = (int)v;
                    t = after + 2;
                }
            }
            Assumption *e = &l->a[l->n++];
            e->line = line;
            e->text = start(l);
            if (put(l, t, (size_t)(stop - t)) < (size_t)(stop - t)) l->dropped++;
            end(l);
        }
        p += len;
    }
    return l->n;
}
