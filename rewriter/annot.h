/*
 * annot.h - annotation finder: the `@profile` comments of one source text.
 *
 * It works on the raw bytes, not on libclang's tokens, because comments in
 * inactive #if branches and inside macro definitions must be seen too (the
 * first are left alone, the second are errors), and because the exact
 * column of a malformed annotation is what the user needs.
 *
 * Accepted forms, each the whole text of a line or block comment apart
 * from white space: `@profile` and `@profile("name")`. Any other comment
 * text that starts with `@profile` is an error. The scanner also records
 * where each annotation points: the first byte after it that is neither
 * white space nor a comment (its "target"), which the walker matches against
 * function definitions and statements.
 */
#ifndef SCOPE_REWRITE_ANNOT_H
#define SCOPE_REWRITE_ANNOT_H

#include <stddef.h>

typedef struct annot {
    unsigned line, col;   /* position of the comment's opening `/` (1-based) */
    size_t begin;         /* byte offset of the comment's opening `/` */
    size_t end;           /* byte offset just past the comment */
    size_t target;        /* byte offset of the next code after it */
    unsigned target_line; /* line of `target` */
    unsigned target_col;
    char *name;           /* region name; NULL for a bare @profile */
    int used;             /* set by the walker once matched */
} annot;

typedef struct annot_list {
    annot *v;
    size_t n, cap;
} annot_list;

/* Find every annotation of `text` (len bytes, `path` for messages). Returns
 * the number of errors reported through diag (0: all well-formed). */
unsigned annot_scan(const char *path, const char *text, size_t len,
                    annot_list *out);
void annot_free(annot_list *l);

/* Parse the text of one comment (without its delimiters), starting at
 * `body`. Returns 0 when it does not start with @profile (after white
 * space), 1 for a well-formed annotation (*name: malloc'd region name or
 * NULL), -1 for a malformed one (*errpos: offset into body of the fault,
 * *msg: static text). Pure; exported for the unit tests. */
int annot_parse(const char *body, size_t n, char **name, size_t *errpos,
                const char **msg);

#endif
