/*
 * walk.c - statement walker (see walk.h).
 *
 * Positions: every insertion is a byte offset of the original file. A
 * statement's start is its expansion location (so a statement that starts
 * with a macro starts at the macro's name) and its end is where its last
 * token ends in the file. Macro expansions are known as byte ranges of this
 * file (from the preprocessing record); nothing is ever inserted strictly
 * inside one, which is what keeps macro bodies and arguments untouched.
 *
 * Lines: each source line gets at most one probe per function, placed on
 * the first statement that starts on it in source order. That is what makes
 * several statements on one line count one hit, and a loop body on its
 * header's line count nothing extra.
 */
#include "walk.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sbuf.h"

typedef struct mrange {
    size_t b, e; /* macro invocation bytes [b, e) */
} mrange;

typedef struct kids {
    CXCursor *v;
    unsigned n, cap;
} kids;

typedef enum ctx {
    CTX_BLOCK, /* directly in a compound statement (or after its label) */
    CTX_BODY   /* the unbraced body of if/else/for/while/do */
} ctx;

typedef struct walk {
    CXTranslationUnit tu;
    CXFile main;
    const char *path;
    const char *text;
    size_t len;
    size_t *line_off;        /* byte offset of each line's start, 1-based */
    unsigned nlines;
    mrange *macros;          /* sorted by b */
    size_t nmacros;
    size_t *wide;            /* wide[i]: range of 0..i with the largest e */
    annot_list *annots;
    const walk_options *opt;
    edit_buf *edits;
    walk_result *res;
    unsigned errors;

    /* The function being walked. */
    const char *fname;       /* its C name */
    int lines;               /* 1: line probes are placed */
    unsigned first_line;     /* row 0 */
    unsigned last_line;
    unsigned char *done;     /* per row: the line has its probe */
} walk;

/* ------------------------------------------------------------------ */
/* Cursor and position helpers                                        */
/* ------------------------------------------------------------------ */

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent,
                                       CXClientData data)
{
    kids *k = data;
    (void)parent;
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 8;
        k->v = xrealloc(k->v, k->cap * sizeof *k->v);
    }
    k->v[k->n++] = c;
    return CXChildVisit_Continue;
}

static kids children(CXCursor c)
{
    kids k = { NULL, 0, 0 };
    clang_visitChildren(c, collect, &k);
    return k;
}

static unsigned line_of(const walk *w, size_t off)
{
    unsigned lo = 1, hi = w->nlines;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo + 1) / 2;
        if (w->line_off[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static unsigned col_of(const walk *w, size_t off)
{
    return (unsigned)(off - w->line_off[line_of(w, off)]) + 1;
}

/* Index of the last macro range with b < o (strict) or b <= o, or -1.
 * Ranges are sorted by b, and wide[i] is the one reaching furthest among
 * ranges 0..i, so one binary search answers "is o inside any range". */
static long last_before(const walk *w, size_t o, int inclusive)
{
    long lo = 0, hi = (long)w->nmacros - 1, found = -1;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        size_t b = w->macros[mid].b;
        if (b < o || (inclusive && b == o)) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

/* The macro range that strictly contains `o` (b < o < e), or NULL. */
static const mrange *macro_inside(const walk *w, size_t o)
{
    long i = last_before(w, o, 0);
    if (i < 0)
        return NULL;
    const mrange *m = &w->macros[w->wide[i]];
    return o < m->e ? m : NULL;
}

/* The macro range with b <= o < e, or NULL. */
static const mrange *macro_at(const walk *w, size_t o)
{
    long i = last_before(w, o, 1);
    if (i < 0)
        return NULL;
    const mrange *m = &w->macros[w->wide[i]];
    return o < m->e ? m : NULL;
}

static int can_insert(const walk *w, size_t o)
{
    return o <= w->len && macro_inside(w, o) == NULL;
}

/* Expansion offset of `l` in the main file; 0 when elsewhere. */
static int exp_offset(const walk *w, CXSourceLocation l, size_t *off)
{
    CXFile f;
    unsigned line, col, o;
    clang_getExpansionLocation(l, &f, &line, &col, &o);
    if (!f || !clang_File_isEqual(f, w->main))
        return 0;
    *off = o;
    return 1;
}

static int file_offset(const walk *w, CXSourceLocation l, size_t *off)
{
    CXFile f;
    unsigned line, col, o;
    clang_getFileLocation(l, &f, &line, &col, &o);
    if (!f || !clang_File_isEqual(f, w->main))
        return 0;
    *off = o;
    return 1;
}

/* A cursor's bytes [*s, *e) in the main file. *in_macro is set when its
 * first token comes from a macro expansion or its end lies inside one.
 * Returns 0 when the cursor is not in the main file. */
static int span(const walk *w, CXCursor c, size_t *s, size_t *e, int *in_macro)
{
    CXSourceRange r = clang_getCursorExtent(c);
    const mrange *m;
    int im = 0;

    if (!exp_offset(w, clang_getRangeStart(r), s))
        return 0;
    if ((m = macro_at(w, *s)) != NULL) {
        *s = m->b;
        im = 1;
    }
    if (!file_offset(w, clang_getRangeEnd(r), e) &&
        !exp_offset(w, clang_getRangeEnd(r), e))
        return 0;
    if ((m = macro_inside(w, *e)) != NULL) {
        *e = m->e;
        im = 1;
    }
    if (*e <= *s) {
        /* The end resolved to the start of an expansion: take the whole
         * expansion that holds the start. */
        m = macro_at(w, *s);
        *e = m ? m->e : *s;
        im = 1;
    }
    if (in_macro)
        *in_macro = im;
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* First byte at or after `i` that is not white space or a comment. */
static size_t skip_blank(const walk *w, size_t i)
{
    const char *t = w->text;
    for (;;) {
        while (i < w->len && is_space(t[i]))
            i++;
        if (i + 1 < w->len && t[i] == '/' && t[i + 1] == '/') {
            while (i < w->len && t[i] != '\n')
                i++;
        } else if (i + 1 < w->len && t[i] == '/' && t[i + 1] == '*') {
            i += 2;
            while (i + 1 < w->len && !(t[i] == '*' && t[i + 1] == '/'))
                i++;
            i = i + 2 <= w->len ? i + 2 : w->len;
        } else if (i + 1 < w->len && t[i] == '\\' && t[i + 1] == '\n') {
            i += 2;
        } else {
            return i;
        }
    }
}

/* End of a statement including its terminating `;`, which clang leaves out
 * of expression, return, break, continue, goto and do-while statements. */
static size_t stmt_end(const walk *w, size_t e)
{
    if (e > 0 && (w->text[e - 1] == ';' || w->text[e - 1] == '}'))
        return e;
    size_t j = skip_blank(w, e);
    if (j < w->len && w->text[j] == ';' && can_insert(w, j + 1))
        return j + 1;
    return e;
}

/* The last byte before `o` that is not white space (0 at the start). A
 * condition or initializer whose text is preceded by the expected `(` or
 * `=` in the file is known to start there, even when a macro expansion
 * starts there too. */
static char prev_char(const walk *w, size_t o)
{
    const char *t = w->text;
    for (;;) {
        while (o > 0 && is_space(t[o - 1]) && t[o - 1] != '\n')
            o--;
        if (o >= 2 && t[o - 1] == '/' && t[o - 2] == '*') {
            /* Back over a block comment. */
            size_t k = o - 2;
            while (k >= 2 && !(t[k - 2] == '/' && t[k - 1] == '*'))
                k--;
            o = k >= 2 ? k - 2 : 0;
            continue;
        }
        if (o > 0 && t[o - 1] == '\n') {
            /* Back to the end of the previous line's code, before any line
             * comment on it. */
            o--;
            size_t ls = o;
            while (ls > 0 && t[ls - 1] != '\n')
                ls--;
            char q = 0;
            for (size_t k = ls; k + 1 < o; k++) {
                if (q) {
                    if (t[k] == '\\')
                        k++;
                    else if (t[k] == q)
                        q = 0;
                } else if (t[k] == '"' || t[k] == '\'') {
                    q = t[k];
                } else if (t[k] == '/' && t[k + 1] == '/') {
                    o = k;
                    break;
                } else if (t[k] == '/' && t[k + 1] == '*') {
                    break; /* a block comment: handled by the loop */
                }
            }
            continue;
        }
        return o > 0 ? t[o - 1] : 0;
    }
}

/* Does the file text at `o` read keyword `kw` (as a whole word)? */
static int keyword_at(const walk *w, size_t o, const char *kw)
{
    size_t n = strlen(kw);
    if (o + n > w->len || memcmp(w->text + o, kw, n) != 0)
        return 0;
    char c = o + n < w->len ? w->text[o + n] : ' ';
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '_');
}

/* Index of the first annotation whose target is >= o. Annotations come in
 * file order, so their targets are sorted. */
static size_t first_target(const walk *w, size_t o)
{
    size_t lo = 0, hi = w->annots->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->annots->v[mid].target < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The annotation aimed at byte `o`, not yet used, or NULL. */
static annot *annot_at(walk *w, size_t o)
{
    for (size_t i = first_target(w, o);
         i < w->annots->n && w->annots->v[i].target == o; i++)
        if (!w->annots->v[i].used)
            return &w->annots->v[i];
    return NULL;
}

static int add_site(walk *w, const char *name, unsigned line, int is_function)
{
    walk_result *r = w->res;
    r->sites = xrealloc(r->sites, (r->nsites + 1) * sizeof *r->sites);
    walk_site *s = &r->sites[r->nsites];
    s->name = xstrdup(name);
    s->line = line;
    s->function = xstrdup(w->fname);
    s->is_function = is_function;
    return (int)r->nsites++;
}

/* ------------------------------------------------------------------ */
/* Probes                                                             */
/* ------------------------------------------------------------------ */

static int row_free(const walk *w, unsigned line)
{
    return w->lines && line >= w->first_line && line <= w->last_line &&
           !w->done[line - w->first_line];
}

static void take_row(walk *w, unsigned line)
{
    w->done[line - w->first_line] = 1;
}

/* `SCOPE_LINE(row);` before the statement at [s, e); in an unbraced body it
 * gets braces on the same lines. `braced`: the statement is already wrapped
 * (by a region). Returns 1 when a probe was placed. */
static int probe_before(walk *w, size_t s, size_t e, ctx cx, int braced)
{
    unsigned line = line_of(w, s);
    char buf[64];

    if (!row_free(w, line) || !can_insert(w, s))
        return 0;
    if (cx == CTX_BODY && !braced) {
        size_t end = stmt_end(w, e);
        if (!can_insert(w, end))
            return 0;
        edit_insert(w->edits, s, EDIT_OPEN, "{ ");
        edit_insert(w->edits, end, EDIT_CLOSE, " }");
    }
    snprintf(buf, sizeof buf, "SCOPE_LINE(%u); ", line - w->first_line);
    edit_insert(w->edits, s, EDIT_OPEN, buf);
    take_row(w, line);
    return 1;
}

/* `SCOPE_LINE(row), ` at byte `p` inside a condition, for the line of
 * `line_at`; `before` is the byte the file must have just before `p`
 * (`(`, or `;` in a for header). */
static void probe_in_condition(walk *w, size_t line_at, size_t p, char before)
{
    unsigned line = line_of(w, line_at);
    char buf[64];

    if (!row_free(w, line) || !can_insert(w, p) || prev_char(w, p) != before)
        return;
    snprintf(buf, sizeof buf, "SCOPE_LINE(%u), ", line - w->first_line);
    edit_insert(w->edits, p, EDIT_OPEN, buf);
    take_row(w, line);
}

/* A declaration takes its probe inside the first initializer that may hold
 * one: `int x = (SCOPE_LINE(3), expr);`. A statement before it would break
 * C90 (no statement before a declaration), and static, extern, array and
 * brace initializers must stay constant or cannot take a comma expression. */
static void probe_decl(walk *w, CXCursor c, size_t s)
{
    unsigned line = line_of(w, s);
    if (!row_free(w, line))
        return;
    kids k = children(c);
    for (unsigned i = 0; i < k.n; i++) {
        CXCursor v = k.v[i];
        if (clang_getCursorKind(v) != CXCursor_VarDecl)
            continue;
        enum CX_StorageClass sc = clang_Cursor_getStorageClass(v);
        if (sc == CX_SC_Static || sc == CX_SC_Extern)
            continue;
        CXType t = clang_getCanonicalType(clang_getCursorType(v));
        if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
            t.kind == CXType_VariableArray ||
            t.kind == CXType_DependentSizedArray)
            continue;
        CXCursor init = clang_Cursor_getVarDeclInitializer(v);
        if (clang_Cursor_isNull(init) ||
            clang_getCursorKind(init) == CXCursor_InitListExpr)
            continue;
        size_t is, ie;
        int im;
        if (!span(w, init, &is, &ie, &im) || is < s || !can_insert(w, is) ||
            !can_insert(w, ie) || prev_char(w, is) != '=')
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "(SCOPE_LINE(%u), ", line - w->first_line);
        edit_insert(w->edits, is, EDIT_OPEN, buf);
        edit_insert(w->edits, ie, EDIT_CLOSE, ")");
        take_row(w, line);
        break;
    }
    free(k.v);
}

/* Does statement `c` hold a label that a jump from outside it could reach
 * (a goto label, or a case/default of a switch outside it)? Such a
 * statement cannot be wrapped in a region: the jump would skip the
 * region's entry, which C forbids for a variable with a cleanup. */
static int has_outside_label(CXCursor c, int switches)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_LabelStmt)
        return 1;
    if ((k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt) && switches == 0)
        return 1;
    if (k == CXCursor_SwitchStmt)
        switches++;
    kids ks = children(c);
    int found = 0;
    for (unsigned i = 0; i < ks.n && !found; i++)
        found = has_outside_label(ks.v[i], switches);
    free(ks.v);
    return found;
}

/* ------------------------------------------------------------------ */
/* Statements                                                         */
/* ------------------------------------------------------------------ */

static void walk_stmt(walk *w, CXCursor c, ctx cx);

static void walk_block(walk *w, CXCursor c)
{
    kids k = children(c);
    for (unsigned i = 0; i < k.n; i++)
        walk_stmt(w, k.v[i], CTX_BLOCK);
    free(k.v);
}

static void walk_body(walk *w, CXCursor c)
{
    if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
        walk_block(w, c);
    else
        walk_stmt(w, c, CTX_BODY);
}

/* `else if (c)` on a line of its own: the probe goes into the condition,
 * which needs no braces around the nested if. */
static void walk_if(walk *w, CXCursor c, size_t s, size_t e, ctx cx,
                    int braced, int as_else)
{
    kids k = children(c);
    if (k.n < 2) {
        free(k.v);
        return;
    }
    if (!as_else) {
        probe_before(w, s, e, cx, braced);
    } else {
        size_t cs, ce;
        int im;
        if (span(w, k.v[0], &cs, &ce, &im))
            probe_in_condition(w, s, cs, '(');
    }
    walk_body(w, k.v[1]);
    if (k.n >= 3) {
        CXCursor el = k.v[2];
        size_t es, ee;
        int im;
        if (clang_getCursorKind(el) == CXCursor_IfStmt &&
            span(w, el, &es, &ee, &im) && !im && keyword_at(w, es, "if") &&
            annot_at(w, es) == NULL)
            walk_if(w, el, es, ee, CTX_BODY, 0, 1);
        else
            walk_body(w, el);
    }
    free(k.v);
}

/* Offsets of the two `;` of a for header starting at the `for` keyword at
 * `s`. Returns 0 when the header is not plain text (a macro supplies part
 * of it). */
static int for_semicolons(const walk *w, size_t s, size_t *semi1,
                          size_t *semi2)
{
    size_t i = skip_blank(w, s + 3);
    int depth = 0, n = 0;
    if (i >= w->len || w->text[i] != '(')
        return 0;
    for (; i < w->len; i++) {
        char ch = w->text[i];
        if (ch == '/' && i + 1 < w->len &&
            (w->text[i + 1] == '/' || w->text[i + 1] == '*')) {
            i = skip_blank(w, i) - 1;
            continue;
        }
        if (ch == '"' || ch == '\'') {
            for (i++; i < w->len && w->text[i] != ch; i++)
                if (w->text[i] == '\\')
                    i++;
            continue;
        }
        if (ch == '(' || ch == '[' || ch == '{')
            depth++;
        else if (ch == ')' || ch == ']' || ch == '}') {
            if (--depth == 0)
                break;
        } else if (ch == ';' && depth == 1) {
            if (n == 0)
                *semi1 = i;
            else if (n == 1)
                *semi2 = i;
            n++;
        }
    }
    return n == 2 && !macro_inside(w, *semi1) && !macro_inside(w, *semi2);
}

static void walk_for(walk *w, CXCursor c, size_t s, size_t e, ctx cx,
                     int braced)
{
    size_t semi1, semi2;
    kids k = children(c);

    if (!keyword_at(w, s, "for") || !for_semicolons(w, s, &semi1, &semi2)) {
        probe_before(w, s, e, cx, braced);
    } else {
        size_t p = skip_blank(w, semi1 + 1);
        if (p >= semi2)
            probe_before(w, s, e, cx, braced); /* for (;;): one hit */
        else
            probe_in_condition(w, s, p, ';'); /* N+1 hits */
    }
    if (k.n > 0)
        walk_body(w, k.v[k.n - 1]);
    free(k.v);
}

static void walk_while(walk *w, CXCursor c, size_t s, size_t e, ctx cx,
                       int braced)
{
    kids k = children(c);
    size_t cs, ce;
    int im;

    if (k.n >= 2 && keyword_at(w, s, "while") && span(w, k.v[0], &cs, &ce, &im))
        probe_in_condition(w, s, cs, '(');
    else
        probe_before(w, s, e, cx, braced);
    if (k.n > 0)
        walk_body(w, k.v[k.n - 1]);
    free(k.v);
}

/* do … while (c): the `do` line (when it is not also the `while` line)
 * counts entries, the `while` line counts every test. */
static void walk_do(walk *w, CXCursor c, size_t s, size_t e, ctx cx,
                    int braced)
{
    kids k = children(c);
    size_t cs = 0, ce;
    int im, cond_ok = 0;

    if (k.n >= 2 && keyword_at(w, s, "do") && span(w, k.v[1], &cs, &ce, &im))
        cond_ok = 1;
    /* On one line, the test's probe counts every pass: it goes first so
     * that the body does not take the line. */
    if (!cond_ok || line_of(w, cs) != line_of(w, s))
        probe_before(w, s, e, cx, braced);
    else
        probe_in_condition(w, cs, cs, '(');
    if (k.n > 0)
        walk_body(w, k.v[0]);
    if (cond_ok)
        probe_in_condition(w, cs, cs, '(');
    free(k.v);
}

static void walk_stmt(walk *w, CXCursor c, ctx cx)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    size_t s, e;
    int im, braced = 0;

    if (!span(w, c, &s, &e, &im))
        return; /* from an included file */

    annot *a = annot_at(w, s);
    if (a) {
        a->used = 1;
        if (kind == CXCursor_DeclStmt) {
            diag_error(w->path, a->line, a->col,
                       "@profile above a declaration; a region needs a "
                       "statement (put the annotation above the next "
                       "statement)");
            w->errors++;
        } else if (kind == CXCursor_LabelStmt || kind == CXCursor_CaseStmt ||
                   kind == CXCursor_DefaultStmt) {
            diag_error(w->path, a->line, a->col,
                       "@profile above a label; put it below the label, "
                       "above the statement");
            w->errors++;
        } else if (has_outside_label(c, 0)) {
            diag_error(w->path, a->line, a->col,
                       "@profile above a statement that contains a label "
                       "reachable from outside it (a jump would bypass the "
                       "region's entry)");
            w->errors++;
        } else {
            size_t end = stmt_end(w, e);
            if (!can_insert(w, s) || !can_insert(w, end)) {
                diag_error(w->path, a->line, a->col,
                           "@profile above a statement that a macro "
                           "expansion only partly covers");
                w->errors++;
            } else {
                int n = add_site(w, a->name ? a->name : w->fname,
                                 line_of(w, s), 0);
                char buf[64];
                snprintf(buf, sizeof buf, "{ SCOPE_REGION(scope__r%d) ", n);
                edit_insert(w->edits, s, EDIT_OPEN, buf);
                edit_insert(w->edits, end, EDIT_CLOSE, " }");
                braced = 1;
            }
        }
    }

    if (im && kind != CXCursor_DeclStmt) {
        /* From a macro: probed as a whole at its expansion site. A block
         * written in the file after the macro (`FOREACH(i, n) { ... }`) is
         * still walked: it lies outside every expansion. */
        probe_before(w, s, e, cx, braced);
        kids k = children(c);
        for (unsigned i = 0; i < k.n; i++) {
            size_t bs, be;
            int bim;
            if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt &&
                span(w, k.v[i], &bs, &be, &bim) && !bim &&
                w->text[bs] == '{' && w->text[be - 1] == '}')
                walk_block(w, k.v[i]);
        }
        free(k.v);
        return;
    }
    switch (kind) {
    case CXCursor_CompoundStmt:
        walk_block(w, c);
        break;
    case CXCursor_DeclStmt:
        probe_decl(w, c, s);
        break;
    case CXCursor_NullStmt:
        break;
    case CXCursor_IfStmt:
        walk_if(w, c, s, e, cx, braced, 0);
        break;
    case CXCursor_ForStmt:
        walk_for(w, c, s, e, cx, braced);
        break;
    case CXCursor_WhileStmt:
        walk_while(w, c, s, e, cx, braced);
        break;
    case CXCursor_DoStmt:
        walk_do(w, c, s, e, cx, braced);
        break;
    case CXCursor_SwitchStmt: {
        kids k = children(c);
        probe_before(w, s, e, cx, braced);
        if (k.n > 0)
            walk_body(w, k.v[k.n - 1]);
        free(k.v);
        break;
    }
    case CXCursor_LabelStmt:
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        /* The label itself runs nothing; its statement gets the probe,
         * after the label, so every way in (fall-through, jump) counts. */
        kids k = children(c);
        if (k.n > 0)
            walk_stmt(w, k.v[k.n - 1], cx);
        free(k.v);
        break;
    }
    default:
        probe_before(w, s, e, cx, braced);
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Functions                                                          */
/* ------------------------------------------------------------------ */

static char *cursor_name(CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    char *r = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return r;
}

static int any_target_in(const walk *w, size_t b, size_t e)
{
    for (size_t i = first_target(w, b + 1);
         i < w->annots->n && w->annots->v[i].target < e; i++)
        if (!w->annots->v[i].used)
            return 1;
    return 0;
}

static int selected(const walk *w, const char *name)
{
    if (!w->opt->all)
        return 0;
    if (w->opt->only && regexec(w->opt->only, name, 0, NULL, 0) != 0)
        return 0;
    if (w->opt->exclude && regexec(w->opt->exclude, name, 0, NULL, 0) == 0)
        return 0;
    return 1;
}

static void walk_function(walk *w, CXCursor fn)
{
    size_t s, e, bs, be;
    int im;
    CXCursor body = clang_getNullCursor();

    if (!span(w, fn, &s, &e, &im))
        return;
    kids k = children(fn);
    for (unsigned i = 0; i < k.n; i++)
        if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt)
            body = k.v[i];
    free(k.v);

    char *name = cursor_name(fn);
    /* Annotations aimed at the definition: its first token (leading
     * attributes included), or anything up to the body's `{`. */
    annot *a = NULL;
    int has_body = !clang_Cursor_isNull(body) && span(w, body, &bs, &be, &im);
    size_t header_end = has_body ? bs : e;
    for (size_t i = first_target(w, s);
         i < w->annots->n && w->annots->v[i].target < header_end; i++) {
        annot *x = &w->annots->v[i];
        if (x->used)
            continue;
        if (a) {
            diag_error(w->path, x->line, x->col,
                       "second @profile annotation on function '%s'", name);
            diag_note(w->path, a->line, a->col, "first annotation is here");
            w->errors++;
            x->used = 1;
            continue;
        }
        a = x;
        a->used = 1;
    }

    int profile = a != NULL || selected(w, name);
    if (!has_body || macro_at(w, bs) || w->text[bs] != '{' ||
        w->text[be - 1] != '}' || macro_inside(w, be - 1)) {
        if (profile && (a || w->opt->verbose_skips)) {
            unsigned l = line_of(w, s);
            diag_note(w->path, l, col_of(w, s),
                      "function '%s' not profiled: its body comes from a "
                      "macro expansion", name);
        }
        free(name);
        return;
    }
    if (!profile && !any_target_in(w, bs, be)) {
        free(name);
        return;
    }

    w->fname = name;
    w->lines = 0;
    if (profile) {
        walk_result *r = w->res;
        CXSourceLocation nl = clang_getCursorLocation(fn);
        size_t no = s;
        exp_offset(w, nl, &no);
        r->funcs = xrealloc(r->funcs, (r->nfuncs + 1) * sizeof *r->funcs);
        walk_func *f = &r->funcs[r->nfuncs];
        f->name = xstrdup(name);
        f->region = xstrdup(a && a->name ? a->name : name);
        f->line = line_of(w, no);
        f->first_line = a ? a->line : line_of(w, s);
        f->last_line = line_of(w, be - 1);
        f->desc = -1;
        f->site = -1;
        char buf[64];
        if (w->opt->no_lines) {
            f->site = add_site(w, f->region, f->line, 1);
            snprintf(buf, sizeof buf, " SCOPE_REGION(scope__r%d)", f->site);
        } else {
            int nd = 0;
            for (size_t i = 0; i < r->nfuncs; i++)
                if (r->funcs[i].desc >= 0)
                    nd++;
            f->desc = nd;
            snprintf(buf, sizeof buf, " SCOPE_FRAME(scope__f%d)", nd);
            w->lines = 1;
            w->first_line = f->first_line;
            w->last_line = f->last_line;
            w->done = calloc(f->last_line - f->first_line + 1, 1);
            if (!w->done)
                w->lines = 0;
        }
        r->nfuncs++;
        edit_insert(w->edits, bs + 1, EDIT_OPEN, buf);
    }
    walk_block(w, body);
    free(w->done);
    w->done = NULL;
    w->lines = 0;
    w->fname = NULL;
    free(name);
}

/* ------------------------------------------------------------------ */
/* The unit                                                           */
/* ------------------------------------------------------------------ */

static int cmp_range(const void *pa, const void *pb)
{
    const mrange *a = pa, *b = pb;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->e < b->e ? 1 : a->e > b->e ? -1 : 0;
}

unsigned walk_unit(CXTranslationUnit tu, CXFile main, const char *path,
                   const char *text, size_t len, annot_list *annots,
                   const walk_options *opt, edit_buf *edits, walk_result *res)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.tu = tu;
    w.main = main;
    w.path = path;
    w.text = text;
    w.len = len;
    w.annots = annots;
    w.opt = opt;
    w.edits = edits;
    w.res = res;
    memset(res, 0, sizeof *res);

    /* Line starts. */
    unsigned nl = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            nl++;
    w.line_off = xmalloc((nl + 1) * sizeof *w.line_off);
    w.line_off[0] = 0;
    w.line_off[1] = 0;
    w.nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            w.line_off[++w.nlines] = i + 1;

    kids top = children(clang_getTranslationUnitCursor(tu));

    /* Macro expansions of this file, as byte ranges. */
    size_t cap = 0;
    for (unsigned i = 0; i < top.n; i++) {
        CXCursor c = top.v[i];
        if (clang_getCursorKind(c) != CXCursor_MacroExpansion)
            continue;
        CXSourceRange r = clang_getCursorExtent(c);
        size_t b, e;
        if (!exp_offset(&w, clang_getRangeStart(r), &b) ||
            !exp_offset(&w, clang_getRangeEnd(r), &e) || e <= b)
            continue;
        if (w.nmacros == cap) {
            cap = cap ? cap * 2 : 64;
            w.macros = xrealloc(w.macros, cap * sizeof *w.macros);
        }
        w.macros[w.nmacros].b = b;
        w.macros[w.nmacros].e = e;
        w.nmacros++;
    }
    if (w.nmacros > 1)
        qsort(w.macros, w.nmacros, sizeof *w.macros, cmp_range);
    w.wide = xmalloc((w.nmacros + 1) * sizeof *w.wide);
    for (size_t i = 0; i < w.nmacros; i++)
        w.wide[i] = i > 0 && w.macros[w.wide[i - 1]].e >= w.macros[i].e
                        ? w.wide[i - 1]
                        : i;

    /* Annotations in branches the preprocessor skipped belong to code that
     * is not compiled: they are left alone like the rest of that text. */
    CXSourceRangeList *skipped = clang_getSkippedRanges(tu, main);
    if (skipped) {
        for (unsigned i = 0; i < skipped->count; i++) {
            size_t b, e;
            if (!file_offset(&w, clang_getRangeStart(skipped->ranges[i]), &b) ||
                !file_offset(&w, clang_getRangeEnd(skipped->ranges[i]), &e))
                continue;
            for (size_t k = 0; k < annots->n; k++)
                if (annots->v[k].begin >= b && annots->v[k].begin < e)
                    annots->v[k].used = 1;
        }
        clang_disposeSourceRangeList(skipped);
    }

    for (unsigned i = 0; i < top.n; i++) {
        CXCursor c = top.v[i];
        if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
            continue;
        size_t s, e;
        int im;
        if (!span(&w, c, &s, &e, &im))
            continue;
        if (clang_isCursorDefinition(c)) {
            walk_function(&w, c);
        } else {
            annot *a = annot_at(&w, s);
            if (a) {
                char *name = cursor_name(c);
                diag_error(path, a->line, a->col,
                           "@profile above a declaration of '%s' that is not "
                           "its definition",
                           name);
                free(name);
                a->used = 1;
                w.errors++;
            }
        }
    }
    free(top.v);

    for (size_t i = 0; i < annots->n; i++) {
        annot *a = &annots->v[i];
        if (a->used)
            continue;
        diag_error(path, a->line, a->col,
                   "@profile is not directly above a function definition or "
                   "a statement");
        w.errors++;
    }
    free(w.macros);
    free(w.wide);
    free(w.line_off);
    return w.errors;
}

void walk_result_free(walk_result *res)
{
    for (size_t i = 0; i < res->nfuncs; i++) {
        free(res->funcs[i].name);
        free(res->funcs[i].region);
    }
    for (size_t i = 0; i < res->nsites; i++) {
        free(res->sites[i].name);
        free(res->sites[i].function);
    }
    free(res->funcs);
    free(res->sites);
    memset(res, 0, sizeof *res);
}
