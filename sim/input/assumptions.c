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

/* ---- the provenance register ---- */

static const char *const BASIS[] = { "none", "plan", "source", "assumption" };

const char *provenance_basis_name(ProvBasis b)
{
    return (unsigned)b < sizeof BASIS / sizeof *BASIS ? BASIS[b] : "none";
}

/* The basis a comment's text (after the '#') names, and where its own text
 * starts; PROV_NONE when it is not a provenance comment. */
static ProvBasis marker(const char *p, size_t n, size_t *skip)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
    for (int b = PROV_PLAN; b <= PROV_ASSUMPTION; b++) {
        size_t k = strlen(BASIS[b]);
        if (n - i > k && memcmp(p + i, BASIS[b], k) == 0 && p[i + k] == ':') {
            i += k + 1;
            while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
            *skip = i;
            return (ProvBasis)b;
        }
    }
    return PROV_NONE;
}

/* Where the '#' comment of a line starts (outside strings and block
 * comments), or n; *in_block carries a block comment across lines. A line
 * whose code is only whitespace or block comment sets *code to 0. */
static size_t comment_at(const char *p, size_t n, int *in_block, int *code, int *other)
{
    int quoted = 0;
    *code = *other = 0;
    for (size_t i = 0; i < n; i++) {
        if (*in_block) {
            if (p[i] == '*' && i + 1 < n && p[i + 1] == '/') *in_block = 0, i++;
        } else if (quoted) {
            if (p[i] == '\\') i++;
            else if (p[i] == '"') quoted = 0;
        } else if (p[i] == '#' || (p[i] == '/' && i + 1 < n && p[i + 1] == '/')) {
            *other = p[i] == '/';   /* a "//" comment: never provenance */
            return p[i] == '#' ? i : n;
        } else if (p[i] == '/' && i + 1 < n && p[i + 1] == '*') {
            *in_block = 1, i++;
        } else if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') {
            *code = 1;
            quoted = p[i] == '"';
        }
    }
    return n;
}

/* Appends the n bytes at p to the malloc'd string *s, after a space if it
 * is not empty; 0 when out of memory. */
static int append(char **s, const char *p, size_t n)
{
    size_t old = *s ? strlen(*s) : 0;
    char *t = realloc(*s, old + n + 2);
    if (!t) return 0;
    if (old) t[old++] = ' ';
    memcpy(t + old, p, n);
    t[old + n] = '\0';
    *s = t;
    return 1;
}

Status provenance_cover(ProvCover *pc, const char *text, size_t len)
{
    memset(pc, 0, sizeof *pc);
    int lines = 1;
    for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
    pc->cover = malloc(((size_t)lines + 1) * sizeof *pc->cover);
    pc->notes = calloc((size_t)lines + 1, sizeof *pc->notes);
    if (!pc->cover || !pc->notes) return ST_NOMEM;
    pc->n_lines = lines;
    pc->cover[0] = -1;
    int cur = -1, in_block = 0, cont = -1;   /* cont: an own-line note still gathering lines */
    size_t i = 0;
    for (int lineno = 1; lineno <= lines; lineno++) {
        const char *line = text + i;
        size_t n = 0;
        while (i + n < len && line[n] != '\n') n++;
        i += n + (i + n < len);
        while (n > 0 && line[n - 1] == '\r') n--;
        int code, other, was_block = in_block;
        size_t c = comment_at(line, n, &in_block, &code, &other);
        size_t skip = 0;
        ProvBasis b = c < n ? marker(line + c + 1, n - c - 1, &skip) : PROV_NONE;
        pc->cover[lineno] = -1;
        if (b != PROV_NONE) {   /* a provenance comment: a new note */
            ProvNote *note = &pc->notes[pc->n_notes];
            note->basis = b;
            note->line = lineno;
            const char *t = line + c + 1 + skip;
            if (!append(&note->text, t, (size_t)(line + n - t))) return ST_NOMEM;
            if (code) {   /* trailing: its own line only, and it ends the one above */
                pc->cover[lineno] = pc->n_notes;
                cur = cont = -1;
            } else {
                cur = cont = pc->n_notes;
            }
            pc->n_notes++;
        } else if (!code && c < n) {   /* a comment line: continues a note's text */
            if (cont >= 0) {
                const char *t = line + c + 1;
                while (t < line + n && (*t == '#' || *t == ' ' || *t == '\t')) t++;
                if (t < line + n && !append(&pc->notes[cont].text, t, (size_t)(line + n - t)))
                    return ST_NOMEM;
            }
        } else if (!code && (other || was_block || in_block)) {
            /* another comment: neither a setting nor a blank line */
        } else if (!code) {   /* blank: the note ends */
            cur = cont = -1;
        } else {   /* a setting's line */
            cont = -1;
            pc->cover[lineno] = cur;
        }
    }
    return ST_OK;
}

void provenance_cover_free(ProvCover *pc)
{
    for (int k = 0; pc->notes && k < pc->n_notes; k++) free(pc->notes[k].text);
    free(pc->notes);
    free(pc->cover);
    memset(pc, 0, sizeof *pc);
}

/* Stores string s in l's text, whole or not at all; its offset or 0. */
static int pstore(ProvenanceList *l, const char *s)
{
    if (l->used < 1) l->used = 1;   /* offset 0 is "" */
    size_t n = strlen(s);
    if ((size_t)l->used + n + 1 > PROVENANCE_TEXT_MAX) return 0;
    int at = l->used;
    memcpy(l->text + at, s, n + 1);
    l->used += (int)n + 1;
    return at;
}

static const char *pstr(const ProvenanceList *l, int off)
{
    return off > 0 && off < PROVENANCE_TEXT_MAX ? l->text + off : "";
}

/* The value a path belongs to: a record field belongs to its whole list,
 * which a nearer file replaces as a whole. */
static size_t key_len(const char *path)
{
    return strcspn(path, "[");
}

int provenance_add(ProvenanceList *l, ProvCover *pc, const char *path, const char *file, int line,
                   int depth)
{
    if (l->n >= PROVENANCE_MAX) {
        l->dropped++;
        return -1;
    }
    Provenance *e = &l->p[l->n];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->depth = depth;
    if (!pc->file_at) pc->file_at = pstore(l, file);
    e->file = pc->file_at;
    int k = line >= 1 && line <= pc->n_lines ? pc->cover[line] : -1;
    if (k >= 0) {
        ProvNote *note = &pc->notes[k];
        if (!note->at) note->at = pstore(l, note->text);
        e->basis = note->basis;
        e->note_line = note->line;
        e->text = note->at;
    }
    if (!(e->path = pstore(l, path)) || !e->file || (k >= 0 && !e->text)) {
        l->dropped++;   /* a register without the path would name nothing */
        return -1;
    }
    size_t kn = key_len(path);
    /* a base's name is never inherited (config.h) */
    e->shadowed = depth > 0 && strcmp(path, "scenario.name") == 0;
    for (int j = 0; j < l->n && !e->shadowed; j++) {
        const char *q = pstr(l, l->p[j].path);
        e->shadowed = l->p[j].depth < depth && key_len(q) == kn && memcmp(q, path, kn) == 0;
    }
    return l->n++;
}

const char *provenance_path(const ProvenanceList *l, int i)
{
    return i >= 0 && i < l->n ? pstr(l, l->p[i].path) : "";
}
const char *provenance_file(const ProvenanceList *l, int i)
{
    return i >= 0 && i < l->n ? pstr(l, l->p[i].file) : "";
}
const char *provenance_text(const ProvenanceList *l, int i)
{
    return i >= 0 && i < l->n ? pstr(l, l->p[i].text) : "";
}

int provenance_find(const ProvenanceList *l, const char *path)
{
    for (int i = 0; i < l->n; i++)
        if (!l->p[i].shadowed && strcmp(pstr(l, l->p[i].path), path) == 0) return i;
    return -1;
}
