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

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "flow.h"
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
    unsigned *line_hint;     /* the last answer of line_of (see there) */
    mrange *macros;          /* sorted by b */
    size_t nmacros;
    size_t *wide;            /* wide[i]: range of 0..i with the largest e */
    annot_list *annots;
    const walk_options *opt;
    edit_buf *edits;
    walk_result *res;
    unsigned errors;
    int ndesc;               /* functions given a descriptor so far */
    unsigned nprobes;        /* line probes placed in the function */
    size_t prev_end;         /* end of the top-level declaration before the
                                one being walked (0: none) */
    size_t annotated_macro;  /* start + 1 of the macro expansion that makes
                                an annotated function (0: none): every
                                function it makes is named in the note */

    /* The function being walked. */
    const char *fname;       /* its C name */
    int lines;               /* 1: line probes are placed */
    unsigned first_line;     /* row 0 */
    unsigned last_line;
    unsigned char *done;     /* per row: the line has its probe */
    mrange *shared;          /* bytes [b, e] where nothing may go: one
                                macro expansion ends one statement and
                                starts the next (see walk_block) */
    size_t nshared, capshared;

    /* With verbose_skips (--list): what is left unprobed, and why. */
    const char **why;        /* per row: why its statement got no probe */
    long fidx;               /* the function's index in res->funcs, or -1 */
    mrange *skipped;         /* inactive preprocessor branches, in order */
    size_t nskipped;
    size_t *incl;            /* offsets of this file's #include lines */
    char **incl_name;        /* ... and the names they include */
    size_t nincl;

    int musttail;            /* the function has a musttail return */
    int has_pragma;          /* the text holds `pragma` somewhere, or a
                                macro with _Pragma is expanded */
    mrange *pmac;            /* expansions of macros whose definition
                                holds _Pragma ... */
    unsigned char *pmac_kind; /* ... and the kind of that pragma */
    size_t npmac;
    size_t pinned;           /* start of a statement that a #pragma must
                                stay directly before (+1; 0: none) */
    /* Straight-line runs (see walk_block): the probe at the start of the
     * statement at byte chain_s - 1 may be a follower of row chain_lead -
     * 1; the last probe placed at a block statement's start went at byte
     * placed_s - 1 and counts like row placed_lead - 1 (0: none). */
    size_t chain_s, placed_s;
    unsigned chain_lead, placed_lead;
    size_t label_macro;      /* start + 1 of the last macro expansion seen
                                that spells a label and its statement (0:
                                none): the statements after them from the
                                same expansion take no probe either, since
                                theirs would go before the label */
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

/* Statements are visited in file order, so a lookup usually lands on the
 * line of the previous one or the next: those are tried before the binary
 * search, which showed in the profile of files with many statements. */
static unsigned line_of(const walk *w, size_t off)
{
    unsigned h = *w->line_hint;
    if (w->line_off[h] <= off) {
        if (h == w->nlines || off < w->line_off[h + 1])
            return h;
        if (h + 1 == w->nlines || off < w->line_off[h + 2])
            return *w->line_hint = h + 1;
    }
    unsigned lo = 1, hi = w->nlines;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo + 1) / 2;
        if (w->line_off[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return *w->line_hint = lo;
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
    if (o > w->len || macro_inside(w, o) != NULL)
        return 0;
    for (size_t i = 0; i < w->nshared; i++)
        if (o >= w->shared[i].b && o <= w->shared[i].e)
            return 0;
    return 1;
}

/* Expansion offset of `l` in the main file; 0 when elsewhere. */
static int exp_offset(const walk *w, CXSourceLocation l, size_t *off)
{
    CXFile f;
    unsigned o;
    /* Only the offset is wanted: asking for the line and column as well
     * makes libclang work out both on every call. */
    clang_getExpansionLocation(l, &f, NULL, NULL, &o);
    if (!f || !clang_File_isEqual(f, w->main))
        return 0;
    *off = o;
    return 1;
}

static int file_offset(const walk *w, CXSourceLocation l, size_t *off)
{
    CXFile f;
    unsigned o;
    clang_getFileLocation(l, &f, NULL, NULL, &o);
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

/* `v` (n elements of `size` bytes) with room for one more. Capacities are
 * powers of two, so a file with thousands of profiled functions copies its
 * arrays a few times, not once per function. */
static void *room_for_one(void *v, size_t n, size_t size)
{
    if ((n & (n - 1)) != 0)
        return v;
    return xrealloc(v, (n ? 2 * n : 1) * size);
}

static int add_site(walk *w, const char *name, unsigned line, int is_function)
{
    walk_result *r = w->res;
    r->sites = room_for_one(r->sites, r->nsites, sizeof *r->sites);
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

/* `prefix`, the decimal `row`, `suffix` in buf (64 bytes); returns buf.
 * Written out by hand because it runs for every probe, and snprintf's
 * format parsing showed in the profile of large files. */
static const char *probe_text(char *buf, const char *prefix, unsigned row,
                              const char *suffix)
{
    char digits[16];
    size_t nd = 0, np = strlen(prefix), ns = strlen(suffix);
    do {
        digits[nd++] = (char)('0' + row % 10);
        row /= 10;
    } while (row);
    char *p = buf;
    memcpy(p, prefix, np);
    p += np;
    while (nd)
        *p++ = digits[--nd];
    memcpy(p, suffix, ns + 1);
    return buf;
}

/* `prefix` N `_` tag `suffix`, freshly allocated: the name of descriptor or
 * site N of this file (scope__f3_src_a_c), unique per source file so that
 * copies of a file and of the headers it includes can meet in one
 * translation unit. */
static char *name_text(const char *prefix, int n, const char *tag,
                       const char *suffix)
{
    size_t len = strlen(prefix) + strlen(tag) + strlen(suffix) + 24;
    char *buf = xmalloc(len);
    snprintf(buf, len, "%s%d_%s%s", prefix, n, tag, suffix);
    return buf;
}

static int row_free(const walk *w, unsigned line)
{
    return w->lines && line >= w->first_line && line <= w->last_line &&
           !w->done[line - w->first_line];
}

static void take_row(walk *w, unsigned line)
{
    w->done[line - w->first_line] = 1;
    w->nprobes++;
}

/* The probe of `line` is about to go at byte `s`, the start of a statement
 * directly in a block. Returns 1 when it follows the run's leader (it then
 * takes the follower's probe, and the row is recorded in the function's
 * map); either way the placement is remembered for walk_block. */
static int start_probe(walk *w, size_t s, unsigned line)
{
    unsigned row = line - w->first_line;
    w->placed_s = s + 1;
    if (w->chain_s != s + 1 || w->chain_lead == 0) {
        w->placed_lead = row + 1;
        return 0;
    }
    walk_func *f = &w->res->funcs[w->fidx];
    f->follow = room_for_one(f->follow, f->nfollow, 2 * sizeof *f->follow);
    f->follow[2 * f->nfollow] = row;
    f->follow[2 * f->nfollow + 1] = w->chain_lead - 1;
    f->nfollow++;
    w->placed_lead = w->chain_lead;
    return 1;
}

/* ------------------------------------------------------------------ */
/* What is left unprobed (--list)                                     */
/* ------------------------------------------------------------------ */

/* The statement starting on `line` could not take its probe, for `why`.
 * Kept only if no other statement of the line takes one. */
static void skip_row(walk *w, unsigned line, const char *why)
{
    if (w->why && row_free(w, line) && !w->why[line - w->first_line])
        w->why[line - w->first_line] = why;
}

static void add_note(walk *w, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static const char *lines_text(char *buf, size_t n, unsigned a, unsigned b);

static void add_note(walk *w, unsigned line, const char *fmt, ...)
{
    walk_func *f = &w->res->funcs[w->fidx];
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    f->notes = xrealloc(f->notes, (f->nnotes + 1) * sizeof *f->notes);
    f->notes[f->nnotes].line = line;
    f->notes[f->nnotes].reason = xstrdup(buf);
    f->nnotes++;
}

/* Why nothing may be inserted at `o` (can_insert said no). */
static const char *why_not(const walk *w, size_t o)
{
    for (size_t i = 0; i < w->nshared; i++)
        if (o >= w->shared[i].b && o <= w->shared[i].e)
            return "one macro expansion ends a statement and starts the "
                   "next";
    return "the statement's place lies inside a macro expansion";
}

/* `SCOPE_LINE(row);` before the statement at [s, e); in an unbraced body it
 * gets braces on the same lines. `braced`: the statement is already wrapped
 * (by a region). Returns 1 when a probe was placed. */
static int probe_before(walk *w, size_t s, size_t e, ctx cx, int braced)
{
    unsigned line = line_of(w, s);
    char buf[64];

    if (!row_free(w, line))
        return 0;
    if (!can_insert(w, s)) {
        skip_row(w, line, why_not(w, s));
        return 0;
    }
    if (w->pinned == s + 1) {
        skip_row(w, line, "a #pragma before the statement must stay "
                          "directly before it");
        return 0;
    }
    if (cx == CTX_BODY && !braced) {
        size_t end = stmt_end(w, e);
        if (!can_insert(w, end)) {
            skip_row(w, line, can_insert(w, e) || end == e
                                  ? why_not(w, end)
                                  : "an unbraced body that ends inside a "
                                    "macro expansion");
            return 0;
        }
        edit_insert(w->edits, s, EDIT_OPEN, "{ ");
        edit_insert(w->edits, end, EDIT_CLOSE, " }");
    }
    int next = cx == CTX_BLOCK && !braced && start_probe(w, s, line);
    edit_insert(w->edits, s, EDIT_OPEN,
                probe_text(buf, next ? "SCOPE_LINE_NEXT(" : "SCOPE_LINE(",
                           line - w->first_line, "); "));
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

    if (!row_free(w, line))
        return;
    if (!can_insert(w, p) || prev_char(w, p) != before) {
        skip_row(w, line, "no place for a probe in the condition (a macro "
                          "expansion or a preprocessor line is in the way)");
        return;
    }
    edit_insert(w->edits, p, EDIT_OPEN,
                probe_text(buf, "SCOPE_LINE(", line - w->first_line, "), "));
    take_row(w, line);
}

/* Does the variable `v` of a declaration run code where it is declared:
 * an initializer (of an automatic variable), or a variable-length array's
 * size? Static and extern variables run nothing there. */
static int var_runs(CXCursor v)
{
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(v);
    if (sc == CX_SC_Static || sc == CX_SC_Extern)
        return 0;
    if (!clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(v)))
        return 1;
    return clang_getCanonicalType(clang_getCursorType(v)).kind ==
           CXType_VariableArray;
}

/* A declaration that runs code takes its probe as a declaration of its
 * own placed just before it (SCOPE_LINE_DECL): a statement there would
 * break C90 (no statement before a declaration), and a probe inside an
 * initializer would change it - `(probe, 0)` is no null pointer constant,
 * and a constant, array or brace initializer cannot hold one at all. */
static void probe_decl(walk *w, CXCursor c, size_t s)
{
    unsigned line = line_of(w, s);
    if (!row_free(w, line))
        return;
    kids k = children(c);
    int runs = 0;
    for (unsigned i = 0; i < k.n && !runs; i++)
        runs = clang_getCursorKind(k.v[i]) == CXCursor_VarDecl &&
               var_runs(k.v[i]);
    free(k.v);
    if (!runs)
        return;
    if (!can_insert(w, s)) {
        skip_row(w, line, why_not(w, s));
        return;
    }
    if (w->pinned == s + 1) {
        skip_row(w, line, "a #pragma before the declaration must stay "
                          "directly before it");
        return;
    }
    char buf[64];
    int next = start_probe(w, s, line);
    edit_insert(w->edits, s, EDIT_OPEN,
                probe_text(buf, next ? "SCOPE_LINE_DECL_NEXT(" : "SCOPE_LINE_DECL(",
                           line - w->first_line, ") "));
    take_row(w, line);
}

/* A return with a statement attribute: in C that is `musttail` (clang),
 * a tail call that no cleanup may follow, so neither a function frame nor
 * a statement region can hold it. */
static int is_musttail(CXCursor c)
{
    if (clang_getCursorKind(c) != CXCursor_UnexposedStmt)
        return 0;
    kids k = children(c);
    int r = k.n == 1 && clang_getCursorKind(k.v[0]) == CXCursor_ReturnStmt;
    free(k.v);
    return r;
}

/* Does statement `c` hold a musttail return? */
static int has_musttail(CXCursor c)
{
    if (is_musttail(c))
        return 1;
    kids k = children(c);
    int found = 0;
    for (unsigned i = 0; i < k.n && !found; i++)
        if (clang_isStatement(clang_getCursorKind(k.v[i])))
            found = has_musttail(k.v[i]);
    free(k.v);
    return found;
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
/* Pragmas                                                            */
/* ------------------------------------------------------------------ */

/* A pragma directly before a statement may govern it: OpenMP's and
 * OpenACC's run the statement in several threads (which would share the
 * function's frame) and need a loop header in canonical form; loop hints
 * (`GCC unroll`, `GCC ivdep`, `clang loop`) must be followed by the loop
 * itself. A few pragmas are known to govern nothing. */
typedef enum pragma_kind {
    PRAGMA_NONE,    /* no pragma, or one that governs nothing */
    PRAGMA_HINT,    /* nothing may come between it and the statement */
    PRAGMA_THREADS  /* OpenMP, OpenACC: no line probe in the statement */
} pragma_kind;

/* Does the text at `o` read the words of `ws` (separated by white space
 * in the text where `ws` has one space), the last one whole? */
static int words_at(const char *t, size_t len, size_t o, const char *ws)
{
    for (; *ws; ws++) {
        if (*ws == ' ') {
            if (o >= len || (t[o] != ' ' && t[o] != '\t'))
                return 0;
            while (o < len && (t[o] == ' ' || t[o] == '\t'))
                o++;
        } else if (o >= len || t[o++] != *ws) {
            return 0;
        }
    }
    return o >= len || !((t[o] >= 'a' && t[o] <= 'z') ||
                            (t[o] >= 'A' && t[o] <= 'Z') ||
                            (t[o] >= '0' && t[o] <= '9') || t[o] == '_');
}

/* The kind of the pragma whose text (after `pragma`, or inside
 * _Pragma's string) starts at `o` of `t` (len bytes). */
static pragma_kind pragma_text_kind(const char *t, size_t len, size_t o)
{
    static const char *const unrelated[] = {
        "GCC diagnostic", "clang diagnostic", "GCC warning", "GCC error",
        "message", "STDC", "GCC push_options", "GCC pop_options",
        "GCC optimize", "GCC visibility", "pack", "weak", "GCC poison",
        NULL
    };
    while (o < len && (t[o] == ' ' || t[o] == '\t'))
        o++;
    if (words_at(t, len, o, "omp") || words_at(t, len, o, "acc"))
        return PRAGMA_THREADS;
    for (const char *const *u = unrelated; *u; u++)
        if (words_at(t, len, o, *u))
            return PRAGMA_NONE;
    return PRAGMA_HINT;
}

/* `#pragma` at `o` (the `#`): its kind; PRAGMA_NONE for another
 * directive. */
static pragma_kind directive_kind(const walk *w, size_t o)
{
    o++;
    while (o < w->len && (w->text[o] == ' ' || w->text[o] == '\t'))
        o++;
    return words_at(w->text, w->len, o, "pragma")
               ? pragma_text_kind(w->text, w->len, o + 6)
               : PRAGMA_NONE;
}

/* `_Pragma("...")` at `o`: its kind. */
static pragma_kind operator_kind(const walk *w, size_t o)
{
    o = skip_blank(w, o + 7);
    if (o < w->len && w->text[o] == '(')
        o = skip_blank(w, o + 1);
    if (o < w->len && w->text[o] == '"')
        return pragma_text_kind(w->text, w->len, o + 1);
    return PRAGMA_NONE;
}

/* The pragma that governs the statement starting at `s`: one it starts
 * with (clang puts loop hints and OpenMP directives into the statement),
 * or the last thing before it: a `#pragma` line (other directives, such
 * as the #endif of `#ifdef _OPENMP`, are looked through) or a written
 * `_Pragma("...")`. *at is set to where that pragma starts. */
static pragma_kind pragma_before(const walk *w, size_t s, size_t *at)
{
    const char *t = w->text;
    *at = s;
    for (size_t i = 0; i < w->npmac; i++)
        if (w->pmac[i].b == s)
            return (pragma_kind)w->pmac_kind[i];
    if (t[s] == '#')
        return directive_kind(w, s);
    if (keyword_at(w, s, "_Pragma"))
        return operator_kind(w, s);
    size_t o = s;
    for (;;) {
        /* The last byte of code before `o`, comments skipped. */
        size_t p = o;
        for (;;) {
            while (p > 0 && is_space(t[p - 1]))
                p--;
            if (p >= 2 && t[p - 1] == '/' && t[p - 2] == '*') {
                size_t k = p - 2;
                while (k >= 2 && !(t[k - 2] == '/' && t[k - 1] == '*'))
                    k--;
                p = k >= 2 ? k - 2 : 0;
                continue;
            }
            break;
        }
        if (p == 0)
            return PRAGMA_NONE;
        for (size_t i = 0; i < w->npmac; i++)
            if (w->pmac[i].e == p) {
                *at = w->pmac[i].b;
                return (pragma_kind)w->pmac_kind[i];
            }
        size_t ls = p - 1;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        size_t k = ls;
        while (k < p && (t[k] == ' ' || t[k] == '\t'))
            k++;
        if (k + 1 < p && t[k] == '/' && t[k + 1] == '/') {
            o = ls; /* a line comment */
            continue;
        }
        if (t[k] == '#') {
            pragma_kind pk = directive_kind(w, k);
            *at = k;
            if (pk != PRAGMA_NONE)
                return pk;
            if (words_at(w->text, w->len, skip_blank(w, k + 1), "pragma"))
                return PRAGMA_NONE; /* one that governs nothing */
            o = ls;
            continue;
        }
        /* `_Pragma("...")` on this line, right before the statement. */
        if (t[p - 1] == ')') {
            for (size_t q = p; q-- > ls;)
                if (keyword_at(w, q, "_Pragma") &&
                    (q == 0 || !(t[q - 1] == '_' ||
                                 (t[q - 1] >= 'a' && t[q - 1] <= 'z') ||
                                 (t[q - 1] >= 'A' && t[q - 1] <= 'Z') ||
                                 (t[q - 1] >= '0' && t[q - 1] <= '9')))) {
                    *at = q;
                    return operator_kind(w, q);
                }
        }
        return PRAGMA_NONE;
    }
}

/* Expansions (in this file) of macros whose definition holds a
 * `_Pragma("...")` that governs what follows: `PARALLEL_FOR for (...)`
 * reads as the pragma itself. */
static void collect_pragma_macros(walk *w, const kids *top)
{
    CXCursor *defs = NULL;
    unsigned char *kinds = NULL;
    size_t nd = 0;
    CXFile last = NULL; /* definitions come file by file */
    const char *t = NULL;
    size_t size = 0;
    /* Contents of the files seen so far. clang_getFileContents looks the
     * file up by a linear search over everything the preprocessor entered
     * (LLVM 14), and definitions switch files at every nested #include:
     * asking once per file took more time than the parse of a small file
     * that includes a few dozen system headers. */
    struct { CXFile f; const char *t; size_t size; } *seen = NULL;
    size_t nseen = 0;

    for (unsigned i = 0; i < top->n; i++) {
        CXCursor c = top->v[i];
        if (clang_getCursorKind(c) != CXCursor_MacroDefinition)
            continue;
        CXSourceRange r = clang_getCursorExtent(c);
        CXFile f;
        unsigned b, e;
        clang_getFileLocation(clang_getRangeStart(r), &f, NULL, NULL, &b);
        clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
        if (!f)
            continue;
        if (f != last) {
            size_t j = 0;
            while (j < nseen && seen[j].f != f)
                j++;
            if (j == nseen) {
                seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
                seen[j].f = f;
                seen[j].t = clang_getFileContents(w->tu, f, &seen[j].size);
                nseen++;
            }
            last = f;
            t = seen[j].t;
            size = seen[j].size;
        }
        if (!t || e > size || b + 7 >= e)
            continue;
        for (size_t q = b; q + 7 <= e; q++) {
            if (t[q] != '_' || memcmp(t + q, "_Pragma", 7) != 0)
                continue;
            size_t o = q + 7;
            while (o < e && (t[o] == ' ' || t[o] == '\t' || t[o] == '('))
                o++;
            pragma_kind k = o < e && t[o] == '"'
                                ? pragma_text_kind(t, e, o + 1)
                                : PRAGMA_HINT;
            if (k == PRAGMA_NONE)
                continue;
            defs = xrealloc(defs, (nd + 1) * sizeof *defs);
            kinds = xrealloc(kinds, (nd + 1) * sizeof *kinds);
            defs[nd] = c;
            kinds[nd] = (unsigned char)k;
            nd++;
            break;
        }
    }
    for (unsigned i = 0; i < top->n && nd > 0; i++) {
        CXCursor c = top->v[i];
        if (clang_getCursorKind(c) != CXCursor_MacroExpansion)
            continue;
        CXSourceRange r = clang_getCursorExtent(c);
        size_t b, e;
        if (!exp_offset(w, clang_getRangeStart(r), &b) ||
            !exp_offset(w, clang_getRangeEnd(r), &e) || e <= b)
            continue;
        CXCursor d = clang_getCursorReferenced(c);
        for (size_t j = 0; j < nd; j++)
            if (clang_equalCursors(d, defs[j])) {
                w->pmac = xrealloc(w->pmac, (w->npmac + 1) * sizeof *w->pmac);
                w->pmac_kind = xrealloc(w->pmac_kind, w->npmac + 1);
                w->pmac[w->npmac].b = b;
                w->pmac[w->npmac].e = e;
                w->pmac_kind[w->npmac] = kinds[j];
                w->npmac++;
                break;
            }
    }
    free(defs);
    free(kinds);
    free(seen);
}

/* ------------------------------------------------------------------ */
/* Statements                                                         */
/* ------------------------------------------------------------------ */

static void walk_stmt(walk *w, CXCursor c, ctx cx);

/* Two statements of one block that share a macro expansion
 * (`TWICE(STEP(x))` expands to two statements; after `if (c)` only the
 * first is the if's body): an insertion at the expansion's start would be
 * inside the first statement but before the second, and one at its end
 * after the first but inside the second. Either changes which statements
 * the first one holds, so those places are closed for the function. */
static void fence_shared(walk *w, const kids *k)
{
    size_t ps = 0, pe = 0;
    int have = 0;
    for (unsigned i = 0; i < k->n; i++) {
        size_t s, e;
        int im;
        if (!span(w, k->v[i], &s, &e, &im)) {
            have = 0;
            continue;
        }
        if (have && s < pe) {
            if (w->nshared == w->capshared) {
                w->capshared = w->capshared ? 2 * w->capshared : 4;
                w->shared = xrealloc(w->shared,
                                     w->capshared * sizeof *w->shared);
            }
            w->shared[w->nshared].b = ps < s ? s : pe;
            w->shared[w->nshared].e = pe;
            w->nshared++;
        }
        ps = s;
        pe = e;
        have = 1;
    }
}

/* Did the last probe placed at a block statement's start go at the start
 * of `c`? */
static int sub_is_placed(const walk *w, CXCursor c)
{
    size_t s, e;
    int im;
    return w->placed_s != 0 && span(w, c, &s, &e, &im) && w->placed_s == s + 1;
}

static void walk_block(walk *w, CXCursor c)
{
    kids k = children(c);
    if (w->nmacros > 0) {
        /* Only a block with a macro expansion inside can have one. */
        size_t bs, be;
        int bim;
        long m = -1;
        if (span(w, c, &bs, &be, &bim))
            m = last_before(w, be, 0);
        if (m >= 0 && w->macros[w->wide[m]].e > bs)
            fence_shared(w, &k);
    }
    /* Straight-line runs: a statement that starts right after one that
     * always runs straight through (flow.h), with no label on it, starts
     * exactly as often as that one did, so its probe need not count: it
     * takes the follower's probe (SCOPE_LINE_NEXT), which only says which
     * row the frame is on, and the descriptor maps its row to the count of
     * the run's first counted row. `lead` is that row + 1 for the next
     * statement, or 0. */
    unsigned lead = 0;
    for (unsigned i = 0; i < k.n; i++) {
        CXCursor c1 = k.v[i];
        enum CXCursorKind ck = clang_getCursorKind(c1);
        size_t s1, e1;
        int im1;
        if (!span(w, c1, &s1, &e1, &im1)) {
            /* From an included file: nothing is known of it. */
            walk_stmt(w, c1, CTX_BLOCK);
            lead = 0;
            continue;
        }
        int label = ck == CXCursor_LabelStmt || ck == CXCursor_CaseStmt ||
                    ck == CXCursor_DefaultStmt;
        w->chain_s = lead && !label ? s1 + 1 : 0;
        w->chain_lead = lead;
        w->placed_s = 0;
        walk_stmt(w, c1, CTX_BLOCK);
        w->chain_s = 0;
        if (label) {
            /* The run may start again at the labelled statement itself. */
            CXCursor sub = c1;
            for (;;) {
                kids sk = children(sub);
                if (sk.n == 0) {
                    free(sk.v);
                    break;
                }
                sub = sk.v[sk.n - 1];
                free(sk.v);
                enum CXCursorKind k2 = clang_getCursorKind(sub);
                if (k2 != CXCursor_LabelStmt && k2 != CXCursor_CaseStmt &&
                    k2 != CXCursor_DefaultStmt)
                    break;
            }
            lead = 0;
            if (sub_is_placed(w, sub) && flow_straight(sub))
                lead = w->placed_lead;
        } else if (!flow_straight(c1)) {
            lead = 0;
        } else if (w->placed_s == s1 + 1) {
            lead = w->placed_lead;
        }
        /* else: a straight statement without a probe of its own (on the
         * line of the one before, or a declaration that runs nothing)
         * leaves the run as it was. */
    }
    free(k.v);
}

/* The body of if/else/for/while/do. A block written in the file is walked
 * as a block; a block that a macro spells (`#define DIE(c) { ...; exit(c); }`
 * then `if (bad) DIE(3);`) is one statement from a macro, probed as a whole
 * in the body's context: the added braces then hold both the probe and the
 * whole expansion, where a probe placed before it alone would become the
 * body and leave the macro to run unconditionally. */
static void walk_body(walk *w, CXCursor c)
{
    size_t s, e;
    int im = 0;
    if (clang_getCursorKind(c) == CXCursor_CompoundStmt &&
        !(span(w, c, &s, &e, &im) && im))
        walk_block(w, c);
    else
        walk_stmt(w, c, CTX_BODY);
}

/* `else if (c)` on a line of its own (as_else 1): the probe goes into the
 * condition, which needs no braces around the nested if. An `if` that a
 * macro spells with the `else` before it (as_else 2) takes no probe, nor
 * does its branch in the macro; an `else` after it, written in the file,
 * is walked as usual. */
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
    } else if (as_else == 1) {
        size_t cs, ce;
        int im;
        if (span(w, k.v[0], &cs, &ce, &im))
            probe_in_condition(w, s, cs, '(');
    }
    size_t bs, be;
    int bim;
    if (as_else != 2 || (span(w, k.v[1], &bs, &be, &bim) && !bim))
        walk_body(w, k.v[1]);
    if (k.n >= 3) {
        CXCursor el = k.v[2];
        size_t es, ee, ts, te;
        int im, tim;
        /* The `else` must be in the file between the two branches: a macro
         * that spells it (`#define OPT(n) else if (...) ...`) holds both
         * the keyword and the branch, and nothing may go before the
         * branch, which would come before the `else`. */
        if (span(w, k.v[1], &ts, &te, &tim) &&
            !keyword_at(w, skip_blank(w, stmt_end(w, te)), "else")) {
            if (span(w, el, &es, &ee, &im)) {
                skip_row(w, line_of(w, es), "the else comes from a macro "
                                            "expansion, with its branch");
                if (clang_getCursorKind(el) == CXCursor_IfStmt)
                    walk_if(w, el, es, ee, CTX_BODY, 1, 2);
            }
            free(k.v);
            return;
        }
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
    size_t semi1 = 0, semi2 = 0; /* set when for_semicolons succeeds */
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
/* Does the first statement of `body` (itself, or the first in its
 * braces) start on `line`? */
static int body_starts_on(const walk *w, CXCursor body, unsigned line)
{
    CXCursor first = body;
    size_t bs, be;
    int bim, on;
    if (clang_getCursorKind(body) == CXCursor_CompoundStmt) {
        kids k = children(body);
        if (k.n == 0) {
            free(k.v);
            return 0;
        }
        first = k.v[0];
        free(k.v);
    }
    on = span(w, first, &bs, &be, &bim) && !bim && line_of(w, bs) == line;
    return on;
}

static void walk_do(walk *w, CXCursor c, size_t s, size_t e, ctx cx,
                    int braced)
{
    kids k = children(c);
    size_t cs = 0, ce;
    int im, cond_ok = 0;

    if (k.n >= 2 && keyword_at(w, s, "do") && span(w, k.v[1], &cs, &ce, &im))
        cond_ok = 1;
    /* On one line, the test's probe counts every pass: it goes first so
     * that the body does not take the line. Otherwise a body that starts
     * on the `do` line takes the line's probe itself (`do { x++;`): that
     * counts every pass through the top of the body, where a probe
     * before `do` would count the loop's entries only. */
    if (cond_ok && line_of(w, cs) == line_of(w, s))
        probe_in_condition(w, cs, cs, '(');
    else if (!(k.n > 0 && body_starts_on(w, k.v[0], line_of(w, s))))
        probe_before(w, s, e, cx, braced);
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
    if (kind == CXCursor_UnexposedStmt && is_musttail(c))
        w->musttail = 1;

    size_t pg = s;
    pragma_kind pk = w->has_pragma ? pragma_before(w, s, &pg) : PRAGMA_NONE;
    if (pk == PRAGMA_THREADS && w->lines) {
        /* Its threads would share the frame's line state: only statement
         * regions (kept per thread) are placed inside. */
        if (w->why) {
            /* An OpenMP directive's extent ends with its pragma line; the
             * statement it governs is its last child. */
            kids k = children(c);
            size_t cs, ce;
            int cim;
            if (k.n > 0 && span(w, k.v[k.n - 1], &cs, &ce, &cim) && ce > e)
                e = ce;
            free(k.v);
            char buf[48];
            add_note(w, line_of(w, s),
                     "statement under an OpenMP or OpenACC pragma, whose "
                     "threads would share the function's line probes%s",
                     lines_text(buf, sizeof buf, line_of(w, s),
                                line_of(w, e > s ? e - 1 : s)));
        }
        w->lines = 0;
        walk_stmt(w, c, cx);
        w->lines = 1;
        return;
    }
    if (pk != PRAGMA_NONE)
        w->pinned = s + 1;

    annot *a = annot_at(w, s);
    if (!a && pk != PRAGMA_NONE && pg != s)
        a = annot_at(w, pg); /* above the pragma */
    if (a && pk != PRAGMA_NONE) {
        a->used = 1;
        diag_error(w->path, a->line, a->col,
                   "@profile above a statement that a #pragma governs: a "
                   "region cannot come between them (put both in a block "
                   "and annotate the block)");
        w->errors++;
        a = NULL;
    }
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
        } else if (has_musttail(c)) {
            diag_error(w->path, a->line, a->col,
                       "@profile above a statement that holds a musttail "
                       "return (no cleanup may follow a tail call)");
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
                char *buf = name_text("{ SCOPE_REGION(scope__r", n,
                                      w->opt->tag, ") ");
                edit_insert(w->edits, s, EDIT_OPEN, buf);
                free(buf);
                edit_insert(w->edits, end, EDIT_CLOSE, " }");
                braced = 1;
            }
        }
    }

    int is_label = kind == CXCursor_LabelStmt || kind == CXCursor_CaseStmt ||
                   kind == CXCursor_DefaultStmt;
    if (im && kind != CXCursor_DeclStmt && !is_label &&
        !(kind == CXCursor_UnexposedStmt && pk != PRAGMA_NONE)) {
        /* From a macro: probed as a whole at its expansion site. A block
         * written in the file after the macro (`FOREACH(i, n) { ... }`) is
         * still walked: it lies outside every expansion. */
        if (!w->musttail && has_musttail(c))
            w->musttail = 1;
        if (w->label_macro == s + 1)
            /* A later statement of an expansion that spells a label
             * before it (`case n: state = n; while (...) ...`). */
            skip_row(w, line_of(w, s), "one macro expansion spells "
                                       "both a label and its statement");
        else
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
    case CXCursor_UnexposedStmt: {
        /* An attributed statement: `__attribute__((fallthrough));` is a
         * null statement and runs nothing, so it takes no probe, as `;`.
         * Others (a loop after `#pragma GCC unroll`, which clang makes
         * part of the statement) are probed before, when they may be, and
         * their statement is walked. */
        kids k = children(c);
        if (!(k.n == 1 &&
              clang_getCursorKind(k.v[0]) == CXCursor_NullStmt)) {
            if (w->text[s] != '#' && !keyword_at(w, s, "_Pragma"))
                probe_before(w, s, e, cx, braced);
            if (k.n > 0 && clang_isStatement(clang_getCursorKind(k.v[k.n - 1])))
                walk_stmt(w, k.v[k.n - 1], cx);
        }
        free(k.v);
        break;
    }
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
         * after the label, so every way in (fall-through, jump) counts.
         * That holds for a label a macro spells (`CASE(1):`, `L(a):`) too:
         * a probe before it would never run from the jump, and gcc calls
         * it unreachable or a fall-through. Only when one expansion spells
         * both the label and its statement is there no place after the
         * label. */
        kids k = children(c);
        if (k.n > 0) {
            CXCursor sub = k.v[k.n - 1];
            size_t ss, se;
            int sim;
            enum CXCursorKind sk = clang_getCursorKind(sub);
            int sub_label = sk == CXCursor_LabelStmt || sk == CXCursor_CaseStmt ||
                            sk == CXCursor_DefaultStmt;
            /* `case ' ': case '\t'` from one macro: the inner label is
             * walked as a label, and its statement may lie outside. */
            if (im && !sub_label && span(w, sub, &ss, &se, &sim) && ss <= s) {
                skip_row(w, line_of(w, s), "one macro expansion spells "
                                           "both a label and its statement");
                w->label_macro = s + 1;
            } else
                walk_stmt(w, sub, cx);
        }
        free(k.v);
        break;
    }
    default:
        probe_before(w, s, e, cx, braced);
        if (kind >= CXCursor_OMPParallelDirective && kind <= CXCursor_LastStmt &&
            kind != CXCursor_SEHLeaveStmt) {
            /* An OpenMP directive (parsed with -fopenmp): its statement
             * is its last child. */
            kids k = children(c);
            if (k.n > 0 && clang_isStatement(clang_getCursorKind(k.v[k.n - 1])))
                walk_stmt(w, k.v[k.n - 1], cx);
            free(k.v);
        }
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

/* " (lines a-b)" for a range of several lines, "" for one. */
static const char *lines_text(char *buf, size_t n, unsigned a, unsigned b)
{
    if (a == b)
        buf[0] = '\0';
    else
        snprintf(buf, n, " (lines %u-%u)", a, b);
    return buf;
}

static enum CXChildVisitResult note_stmt_expr(CXCursor c, CXCursor parent,
                                              CXClientData data)
{
    walk *w = data;
    size_t s, e;
    int im;
    char buf[48];
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_StmtExpr)
        return CXChildVisit_Recurse;
    /* One from a macro is part of a statement probed at the macro. */
    if (span(w, c, &s, &e, &im) && !im)
        add_note(w, line_of(w, s),
                 "statements inside a GNU statement expression%s",
                 lines_text(buf, sizeof buf, line_of(w, s),
                            line_of(w, e - 1)));
    return CXChildVisit_Continue;
}

/* The `}` that closes the `{` at `o` (comments, strings and character
 * constants skipped), or the end of the text. */
static size_t closing_brace(const walk *w, size_t o)
{
    const char *t = w->text;
    int depth = 0;
    for (size_t i = o; i < w->len; i++) {
        if (t[i] == '/' && i + 1 < w->len && (t[i + 1] == '/' || t[i + 1] == '*')) {
            i = skip_blank(w, i) - 1;
        } else if (t[i] == '"' || t[i] == '\'') {
            char q = t[i];
            for (i++; i < w->len && t[i] != q && t[i] != '\n'; i++)
                if (t[i] == '\\')
                    i++;
        } else if (t[i] == '{') {
            depth++;
        } else if (t[i] == '}' && --depth == 0) {
            return i;
        }
    }
    return w->len > 0 ? w->len - 1 : 0;
}

/* First line of the GNU nested function whose body opens at `o`: its
 * header ends on the line of the `{`, or on the line before when the `{`
 * opens its own line (and that line is above `floor`). */
static unsigned nested_first_line(const walk *w, size_t o, unsigned floor)
{
    unsigned h = line_of(w, o);
    size_t k = w->line_off[h];
    while (k < o && is_space(w->text[k]))
        k++;
    if (k == o && h > floor + 1)
        h--;
    return h;
}

static int cmp_note(const void *pa, const void *pb)
{
    const walk_note *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return strcmp(a->reason, b->reason);
}

/* The notes of the function just walked, whose body is [bs, be): lines
 * whose statement got no probe, then what the walker never sees. */
static void function_notes(walk *w, CXCursor body, size_t bs, size_t be)
{
    unsigned rows = w->last_line - w->first_line + 1;
    char buf[48];

    for (unsigned r = 0; r < rows; r++)
        if (w->why[r] && !w->done[r])
            add_note(w, w->first_line + r, "%s", w->why[r]);
    clang_visitChildren(body, note_stmt_expr, w);
    for (size_t i = 0; i < w->nskipped; i++) {
        /* The range runs from the opening directive to the closing one. */
        if (w->skipped[i].b <= bs || w->skipped[i].b >= be)
            continue;
        unsigned a = line_of(w, w->skipped[i].b) + 1;
        unsigned z = line_of(w, w->skipped[i].e) - 1;
        if (a <= z)
            add_note(w, a, "inactive preprocessor branch%s",
                     lines_text(buf, sizeof buf, a, z));
    }
    for (size_t i = 0; i < w->nincl; i++)
        if (w->incl[i] > bs && w->incl[i] < be)
            add_note(w, line_of(w, w->incl[i]),
                     "code from the included file '%s'", w->incl_name[i]);
    for (size_t i = 0; i < w->opt->nnested; i++) {
        size_t o = w->opt->nested[i];
        if (o <= bs || o >= be)
            continue;
        unsigned h = nested_first_line(w, o, line_of(w, bs));
        add_note(w, h, "GNU nested function, which libclang does not "
                       "parse%s",
                 lines_text(buf, sizeof buf, h,
                            line_of(w, closing_brace(w, o))));
    }
    walk_func *f = &w->res->funcs[w->fidx];
    if (f->nnotes > 1)
        qsort(f->notes, f->nnotes, sizeof *f->notes, cmp_note);
}

/* Is `fn` declared `__attribute__((naked))`? Its body may hold nothing
 * but basic asm, so a frame cannot go into it. libclang shows the
 * attribute only as an unexposed one: its spelling is read from the file
 * it was written in (a macro's definition included). */
static int is_naked(const walk *w, CXCursor fn)
{
    kids k = children(fn);
    int naked = 0;
    for (unsigned i = 0; i < k.n && !naked; i++) {
        enum CXCursorKind kind = clang_getCursorKind(k.v[i]);
        if (kind < CXCursor_FirstAttr || kind > CXCursor_LastAttr)
            continue;
        CXFile f;
        unsigned off;
        size_t size;
        clang_getSpellingLocation(
            clang_getRangeStart(clang_getCursorExtent(k.v[i])), &f, NULL, NULL,
            &off);
        const char *t = f ? clang_getFileContents(w->tu, f, &size) : NULL;
        if (t && off < size)
            naked = (size - off >= 5 && memcmp(t + off, "naked", 5) == 0) ||
                    (size - off >= 9 && memcmp(t + off, "__naked__", 9) == 0);
    }
    free(k.v);
    return naked;
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

/* Where a definition starting at `s` really starts in the text: before the
 * macros written in front of it that expanded to nothing (`#define API`,
 * then `API int f(void)`; libclang's extent starts at `int`). A macro
 * counts when nothing but blanks and comments lie between it and what
 * follows, and no earlier declaration reaches it (one that expanded to a
 * declaration is that declaration's). */
static size_t lead_in(const walk *w, size_t s)
{
    for (;;) {
        long i = last_before(w, s, 0);
        const mrange *m = NULL;
        /* The expansion ending last before s, if it ends right there. */
        for (; i >= 0; i--) {
            const mrange *c = &w->macros[i];
            if (c->e <= s && c->b >= w->prev_end && skip_blank(w, c->e) == s) {
                m = c;
                break;
            }
            if (c->b < w->prev_end)
                break;
        }
        if (!m)
            return s;
        s = m->b;
    }
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
    /* A definition wholly made by a macro (`DEFINE_GETTER(x)`) has its
     * body's start at its own start: its annotation targets that start. */
    size_t header_end = has_body && bs > s ? bs : e;
    for (size_t i = first_target(w, lead_in(w, s));
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
        /* One macro may make several functions under one annotation:
         * each of them is named. */
        const mrange *m = macro_at(w, s);
        int same_macro = m && w->annotated_macro == m->b + 1;
        if (a && m)
            w->annotated_macro = m->b + 1;
        if ((profile && (a || w->opt->verbose_skips)) || same_macro) {
            unsigned l = line_of(w, s);
            diag_note(w->path, l, col_of(w, s),
                      "function '%s' not profiled: its body comes from a "
                      "macro expansion", name);
        }
        free(name);
        return;
    }
    if (profile && is_naked(w, fn)) {
        if (a || w->opt->verbose_skips)
            diag_note(w->path, line_of(w, s), col_of(w, s),
                      "function '%s' not profiled: a naked function holds "
                      "nothing but asm",
                      name);
        free(name);
        return;
    }
    if (!profile && !any_target_in(w, bs, be)) {
        free(name);
        return;
    }

    /* What to take back if the function turns out to hold a musttail
     * return. */
    size_t edits0 = w->edits->n, sites0 = w->res->nsites, frame_edit = 0;
    int ndesc0 = w->ndesc;
    w->musttail = 0;
    w->label_macro = 0;
    w->fname = name;
    w->nshared = 0;
    w->lines = 0;
    if (profile) {
        walk_result *r = w->res;
        CXSourceLocation nl = clang_getCursorLocation(fn);
        size_t no = s;
        exp_offset(w, nl, &no);
        r->funcs = room_for_one(r->funcs, r->nfuncs, sizeof *r->funcs);
        walk_func *f = &r->funcs[r->nfuncs];
        f->name = xstrdup(name);
        f->region = xstrdup(a && a->name ? a->name : name);
        f->line = line_of(w, no);
        f->first_line = a ? a->line : line_of(w, s);
        f->last_line = line_of(w, be - 1);
        f->desc = -1;
        f->site = -1;
        f->notes = NULL;
        f->nnotes = 0;
        f->follow = NULL;
        f->nfollow = 0;
        w->fidx = (long)r->nfuncs;
        char *buf;
        if (w->opt->no_lines) {
            f->site = add_site(w, f->region, f->line, 1);
            buf = name_text(" SCOPE_REGION(scope__r", f->site, w->opt->tag, ")");
        } else {
            f->desc = w->ndesc++;
            buf = name_text(" SCOPE_FRAME(scope__f", f->desc, w->opt->tag, ")");
            w->lines = 1;
            w->first_line = f->first_line;
            w->last_line = f->last_line;
            w->done = calloc(f->last_line - f->first_line + 1, 1);
            if (!w->done)
                w->lines = 0;
            else if (w->opt->verbose_skips)
                w->why = calloc(f->last_line - f->first_line + 1,
                                sizeof *w->why);
        }
        r->nfuncs++;
        frame_edit = w->edits->n;
        edit_insert(w->edits, bs + 1, EDIT_OPEN, buf);
        free(buf);
    }
    w->nprobes = 0;
    walk_block(w, body);
    if (profile && !w->opt->no_lines && w->nprobes == 0 && !w->musttail) {
        /* No line probe names the frame: it is declared unused. */
        char *only = name_text(" SCOPE_FRAME_ONLY(scope__f",
                               w->res->funcs[w->res->nfuncs - 1].desc,
                               w->opt->tag, ")");
        edit_retext(w->edits, frame_edit, only);
        free(only);
    }
    if (profile && w->musttail) {
        /* The frame's cleanup would forbid the tail call: take the
         * function back, with its statement regions. */
        walk_result *r = w->res;
        int regions = 0;
        r->nfuncs--;
        free(r->funcs[r->nfuncs].name);
        free(r->funcs[r->nfuncs].region);
        for (size_t i = 0; i < r->funcs[r->nfuncs].nnotes; i++)
            free(r->funcs[r->nfuncs].notes[i].reason);
        free(r->funcs[r->nfuncs].notes);
        free(r->funcs[r->nfuncs].follow);
        for (size_t i = sites0; i < r->nsites; i++) {
            regions += !r->sites[i].is_function;
            free(r->sites[i].name);
            free(r->sites[i].function);
        }
        r->nsites = sites0;
        w->ndesc = ndesc0;
        edit_truncate(w->edits, edits0);
        if (a || w->opt->verbose_skips)
            diag_note(w->path, line_of(w, s), col_of(w, s),
                      "function '%s' not profiled%s: it has a musttail "
                      "return, which no cleanup may follow",
                      name, regions ? ", nor its statement regions" : "");
        free(w->why);
        w->why = NULL;
    }
    if (w->why)
        function_notes(w, body, bs, be);
    free(w->why);
    w->why = NULL;
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
    for (size_t i = 0; i + 6 <= len && !w.has_pragma; i++)
        w.has_pragma = text[i] == 'p' && memcmp(text + i, "pragma", 6) == 0;
    w.opt = opt;
    w.edits = edits;
    w.res = res;
    memset(res, 0, sizeof *res);

    /* Line starts (memchr: a large file is mostly bytes that are not
     * newlines). */
    unsigned nl = 1, hint = 1;
    const char *t = text, *end = text + len;
    while ((t = memchr(t, '\n', (size_t)(end - t))) != NULL) {
        nl++;
        t++;
    }
    w.line_off = xmalloc((nl + 1) * sizeof *w.line_off);
    w.line_off[0] = 0;
    w.line_off[1] = 0;
    w.nlines = 1;
    w.line_hint = &hint;
    t = text;
    while ((t = memchr(t, '\n', (size_t)(end - t))) != NULL) {
        t++;
        w.line_off[++w.nlines] = (size_t)(t - text);
    }

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
    collect_pragma_macros(&w, &top);
    if (w.npmac > 0)
        w.has_pragma = 1;
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
            if (opt->verbose_skips) {
                w.skipped = xrealloc(w.skipped,
                                     (w.nskipped + 1) * sizeof *w.skipped);
                w.skipped[w.nskipped].b = b;
                w.skipped[w.nskipped].e = e;
                w.nskipped++;
            }
        }
        clang_disposeSourceRangeList(skipped);
    }

    /* #include lines of this file, for --list: what a fragment included
     * into a body runs is not probed. */
    for (unsigned i = 0; i < top.n && opt->verbose_skips; i++) {
        size_t b;
        if (clang_getCursorKind(top.v[i]) != CXCursor_InclusionDirective ||
            !exp_offset(&w, clang_getCursorLocation(top.v[i]), &b))
            continue;
        w.incl = xrealloc(w.incl, (w.nincl + 1) * sizeof *w.incl);
        w.incl_name = xrealloc(w.incl_name,
                               (w.nincl + 1) * sizeof *w.incl_name);
        w.incl[w.nincl] = b;
        w.incl_name[w.nincl] = cursor_name(top.v[i]);
        w.nincl++;
    }

    for (unsigned i = 0; i < top.n; i++) {
        CXCursor c = top.v[i];
        size_t s, e;
        int im;
        if (clang_isPreprocessing(clang_getCursorKind(c)) ||
            !span(&w, c, &s, &e, &im))
            continue;
        if (clang_getCursorKind(c) != CXCursor_FunctionDecl) {
            if (e > w.prev_end)
                w.prev_end = e;
            continue;
        }
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
        if (e > w.prev_end)
            w.prev_end = e;
    }
    free(top.v);

    for (size_t i = 0; i < annots->n; i++) {
        annot *a = &annots->v[i];
        if (a->used)
            continue;
        int nested = 0;
        for (size_t j = 0; j < opt->nnested && !nested; j++) {
            size_t o = opt->nested[j];
            nested = a->target >= w.line_off[nested_first_line(&w, o, 0)] &&
                     a->target <= closing_brace(&w, o);
        }
        if (nested)
            diag_error(path, a->line, a->col,
                       "@profile on or inside a GNU nested function, which "
                       "libclang does not parse: it cannot be profiled");
        else
            diag_error(path, a->line, a->col,
                       "@profile is not directly above a function definition "
                       "or a statement");
        w.errors++;
    }
    free(w.shared);
    free(w.pmac);
    free(w.pmac_kind);
    free(w.skipped);
    for (size_t i = 0; i < w.nincl; i++)
        free(w.incl_name[i]);
    free(w.incl_name);
    free(w.incl);
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
        for (size_t j = 0; j < res->funcs[i].nnotes; j++)
            free(res->funcs[i].notes[j].reason);
        free(res->funcs[i].notes);
        free(res->funcs[i].follow);
    }
    for (size_t i = 0; i < res->nsites; i++) {
        free(res->sites[i].name);
        free(res->sites[i].function);
    }
    free(res->funcs);
    free(res->sites);
    memset(res, 0, sizeof *res);
}
