/*
 * annot.c - annotation finder (see annot.h).
 *
 * The scanner is a small lexer over C's comment, string and character
 * literal syntax, plus the one piece of preprocessor syntax that matters
 * here: a directive runs to the end of its line, backslash-newline
 * included, so an annotation inside `#define` can be told apart.
 */
#include "annot.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sbuf.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

int annot_parse(const char *body, size_t n, char **name, size_t *errpos,
                const char **msg)
{
    static const char kw[] = "@profile";
    size_t i = 0;

    *name = NULL;
    while (i < n && is_space(body[i]))
        i++;
    if (n - i < sizeof kw - 1 || memcmp(body + i, kw, sizeof kw - 1) != 0)
        return 0;
    i += sizeof kw - 1;
    while (i < n && is_space(body[i]))
        i++;
    if (i < n && body[i] == '(') {
        i++;
        while (i < n && is_space(body[i]))
            i++;
        if (i >= n || body[i] != '"') {
            *errpos = i;
            *msg = "expected a string literal region name after '@profile(',"
                   " as in @profile(\"name\")";
            return -1;
        }
        size_t open = i++;
        sbuf s;
        sbuf_init(&s);
        for (;;) {
            if (i >= n || body[i] == '\n') {
                sbuf_free(&s);
                *errpos = open;
                *msg = "unterminated string in @profile annotation";
                return -1;
            }
            if (body[i] == '"')
                break;
            if (body[i] == '\\' && i + 1 < n &&
                (body[i + 1] == '"' || body[i + 1] == '\\')) {
                i++;
            }
            sbuf_addc(&s, body[i]);
            i++;
        }
        i++; /* closing quote */
        if (s.len == 0) {
            sbuf_free(&s);
            *errpos = open;
            *msg = "empty region name in @profile annotation";
            return -1;
        }
        while (i < n && is_space(body[i]))
            i++;
        if (i >= n || body[i] != ')') {
            sbuf_free(&s);
            *errpos = i;
            *msg = "expected ')' after the region name of @profile";
            return -1;
        }
        i++;
        *name = sbuf_take(&s);
    }
    while (i < n && is_space(body[i]))
        i++;
    if (i < n) {
        free(*name);
        *name = NULL;
        *errpos = i;
        *msg = "unexpected text after @profile annotation (expected "
               "'@profile' or '@profile(\"name\")' alone in its comment)";
        return -1;
    }
    return 1;
}

/* Line and column of byte offset `off`, counted incrementally. */
typedef struct pos {
    size_t off;
    unsigned line, col;
} pos;

static void advance(pos *p, const char *text, size_t to)
{
    while (p->off < to) {
        if (text[p->off] == '\n') {
            p->line++;
            p->col = 1;
        } else {
            p->col++;
        }
        p->off++;
    }
}

/* Skip white space and comments from `i`; the first other byte. */
static size_t skip_blank(const char *t, size_t len, size_t i)
{
    for (;;) {
        while (i < len && is_space(t[i]))
            i++;
        if (i + 1 < len && t[i] == '/' && t[i + 1] == '/') {
            while (i < len && t[i] != '\n')
                i++;
        } else if (i + 1 < len && t[i] == '/' && t[i + 1] == '*') {
            const char *e = NULL;
            for (size_t j = i + 2; j + 1 < len; j++)
                if (t[j] == '*' && t[j + 1] == '/') {
                    e = t + j;
                    break;
                }
            if (!e)
                return len;
            i = (size_t)(e - t) + 2;
        } else {
            return i;
        }
    }
}

static void push(annot_list *l, const annot *a)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *a;
}

void annot_free(annot_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Handle one comment whose body is t[b, e); the comment itself spans
 * [cstart, cend). `directive` is the directive keyword the comment sits in
 * ("" outside directives). */
static unsigned one_comment(const char *path, const char *t, size_t len,
                            size_t cstart, size_t cend, size_t b, size_t e,
                            const char *directive, pos *p, annot_list *out)
{
    char *name = NULL;
    size_t errpos = 0;
    const char *msg = NULL;
    int r = annot_parse(t + b, e - b, &name, &errpos, &msg);

    if (r == 0)
        return 0;
    if (r < 0) {
        pos q = *p;
        advance(&q, t, b + errpos);
        diag_error(path, q.line, q.col, "%s", msg);
        return 1;
    }
    pos q = *p;
    advance(&q, t, cstart);
    if (*directive) {
        diag_error(path, q.line, q.col,
                   strcmp(directive, "define") == 0
                       ? "@profile annotation inside a macro definition "
                         "(annotate the function or statement instead)"
                       : "@profile annotation inside a preprocessor directive");
        free(name);
        return 1;
    }
    /* The comment must start its line: text before it would be code the
     * annotation cannot be "directly above". */
    for (size_t k = cstart; k > 0 && t[k - 1] != '\n'; k--)
        if (!is_space(t[k - 1])) {
            diag_error(path, q.line, q.col,
                       "@profile annotation must start its own line");
            free(name);
            return 1;
        }
    annot a;
    memset(&a, 0, sizeof a);
    a.line = q.line;
    a.col = q.col;
    a.begin = cstart;
    a.end = cend;
    a.target = skip_blank(t, len, cend);
    a.name = name;
    pos r2 = q;
    advance(&r2, t, a.target);
    a.target_line = r2.line;
    a.target_col = r2.col;
    push(out, &a);
    return 0;
}

unsigned annot_scan(const char *path, const char *t, size_t len,
                    annot_list *out)
{
    unsigned errors = 0;
    pos p = { 0, 1, 1 };
    size_t i = 0;
    int line_start = 1;     /* only white space so far on this line */
    char directive[16] = ""; /* keyword of the directive we are in */

    while (i < len) {
        char c = t[i];
        if (c == '\n') {
            /* A directive ends at a newline not preceded by a backslash
             * (allowing \r\n line ends). */
            size_t k = i;
            if (k > 0 && t[k - 1] == '\r')
                k--;
            if (!(k > 0 && t[k - 1] == '\\'))
                directive[0] = '\0';
            line_start = 1;
            i++;
            continue;
        }
        if (is_space(c)) {
            i++;
            continue;
        }
        if (c == '#' && line_start) {
            size_t j = i + 1, n = 0;
            while (j < len && (t[j] == ' ' || t[j] == '\t'))
                j++;
            while (j < len && n + 1 < sizeof directive &&
                   ((t[j] >= 'a' && t[j] <= 'z') || t[j] == '_'))
                directive[n++] = t[j++];
            directive[n] = '\0';
            if (n == 0)
                strcpy(directive, "#"); /* null directive: still one */
            line_start = 0;
            i = j;
            continue;
        }
        line_start = 0;
        if (c == '/' && i + 1 < len && t[i + 1] == '/') {
            size_t e = i + 2;
            while (e < len && t[e] != '\n') {
                /* A backslash-newline continues a // comment. */
                if (t[e] == '\\' && e + 1 < len && t[e + 1] == '\n')
                    e++;
                e++;
            }
            advance(&p, t, i);
            errors += one_comment(path, t, len, i, e, i + 2, e, directive, &p,
                                  out);
            i = e;
            continue;
        }
        if (c == '/' && i + 1 < len && t[i + 1] == '*') {
            size_t e = i + 2;
            while (e + 1 < len && !(t[e] == '*' && t[e + 1] == '/'))
                e++;
            size_t body_end = e;
            e = e + 1 < len ? e + 2 : len;
            advance(&p, t, i);
            errors += one_comment(path, t, len, i, e, i + 2, body_end,
                                  directive, &p, out);
            i = e;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < len && t[j] != c && t[j] != '\n') {
                if (t[j] == '\\' && j + 1 < len)
                    j++;
                j++;
            }
            i = j < len && t[j] == c ? j + 1 : j;
            continue;
        }
        i++;
    }
    return errors;
}
