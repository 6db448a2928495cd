/*
 * incl.c - instrumented copies of included project files (see incl.h).
 */
#include "incl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "path.h"
#include "rewrite.h"
#include "sbuf.h"
#include "write.h"

typedef struct gather {
    CXTranslationUnit tu;
    CXFile main;
    const incl_options *opt;
    incl_set *set;
} gather;

/* Index in set->v of `f`, or -1. */
static long find(const incl_set *set, CXFile f)
{
    for (size_t i = 0; i < set->n; i++)
        if (clang_File_isEqual(set->v[i].file, f))
            return (long)i;
    return -1;
}

static int is_input(const incl_options *opt, const char *abs)
{
    for (size_t i = 0; i < opt->ninputs; i++)
        if (strcmp(opt->inputs[i], abs) == 0)
            return 1;
    return 0;
}

/* The project file `f` (added when first seen), or -2 when `f` is not one
 * (a system header, outside the root, an input). */
static long project_file(gather *g, CXFile f)
{
    long i = find(g->set, f);
    if (i >= 0)
        return i;
    if (clang_Location_isInSystemHeader(clang_getLocationForOffset(g->tu, f, 0)))
        return -2;
    CXString name = clang_getFileName(f);
    char *abs = path_abs(clang_getCString(name));
    clang_disposeString(name);
    char *rel = path_below(g->opt->root, abs);
    if (!rel || is_input(g->opt, abs)) {
        free(rel);
        free(abs);
        return -2;
    }
    incl_set *s = g->set;
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    incl_file *x = &s->v[s->n];
    memset(x, 0, sizeof *x);
    x->file = f;
    x->abs = abs;
    x->rel = rel;
    x->tag = write_tag(rel);
    edit_init(&x->edits);
    return (long)s->n++;
}

static void on_inclusion(CXFile included, CXSourceLocation *stack,
                         unsigned depth, CXClientData data)
{
    gather *g = data;
    if (depth == 0)
        return; /* the main file itself */
    long to = project_file(g, included);
    if (to >= 0)
        g->set->v[to].count++;
    CXFile from;
    unsigned off;
    clang_getFileLocation(stack[0], &from, NULL, NULL, &off);
    if (!from)
        return;
    /* The includer is resolved once every file is known (incl_collect). */
    incl_set *s = g->set;
    s->e = xrealloc(s->e, (s->ne + 1) * sizeof *s->e);
    s->e[s->ne].from = from;
    s->e[s->ne].includer = -2;
    s->e[s->ne].included = to >= 0 ? to : -1;
    s->e[s->ne].offset = off;
    s->ne++;
}

/* Read and walk project file `x`. Returns the errors reported. */
static unsigned walk_file(CXTranslationUnit tu, const incl_options *opt,
                          incl_file *x)
{
    if (path_read(x->abs, &x->text, &x->len) != 0) {
        diag_error(x->rel, 0, 0, "cannot read an included file");
        return 1;
    }
    if (memchr(x->text, '\0', x->len) || rewrite_is_instrumented(x->text, x->len, NULL))
        return 0; /* not C, or a copy already: left alone */
    if (annot_scan(x->rel, x->text, x->len, &x->annots) != 0)
        return 1;
    if (x->annots.n == 0 && !opt->all)
        return 0;
    if (x->count > 1) {
        if (x->annots.n > 0)
            diag_note(x->rel, x->annots.v[0].line, x->annots.v[0].col,
                      "not profiled: this file is read %u times by one "
                      "translation unit without an include guard, and one "
                      "copy cannot take the probes of each reading",
                      x->count);
        for (size_t i = 0; i < x->annots.n; i++)
            x->annots.v[i].used = 1;
        return 0;
    }
    walk_options wo = *opt->walk;
    wo.tag = x->tag;
    unsigned errors = walk_unit(tu, x->file, x->rel, x->text, x->len,
                                &x->annots, &wo, &x->edits, &x->res);
    x->probed = errors == 0 && (x->res.nfuncs > 0 || x->res.nsites > 0);
    x->copy = x->probed;
    return errors;
}

unsigned incl_collect(CXTranslationUnit tu, CXFile main,
                      const incl_options *opt, incl_set *set)
{
    gather g = { tu, main, opt, set };
    unsigned errors = 0;
    memset(set, 0, sizeof *set);
    clang_getInclusions(tu, on_inclusion, &g);
    for (size_t i = 0; i < set->ne; i++) {
        incl_edge *e = &set->e[i];
        e->includer = clang_File_isEqual(e->from, main) ? -1 : find(set, e->from);
        if (e->includer == -1 && !clang_File_isEqual(e->from, main))
            e->includer = -2;
    }
    for (size_t i = 0; i < set->n; i++)
        errors += walk_file(tu, opt, &set->v[i]);
    /* Every project file on a way to a copy is copied too. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < set->ne; i++) {
            const incl_edge *e = &set->e[i];
            if (e->included >= 0 && set->v[e->included].copy &&
                e->includer >= 0 && !set->v[e->includer].copy &&
                set->v[e->includer].count == 1) {
                incl_file *x = &set->v[e->includer];
                if (!x->text && path_read(x->abs, &x->text, &x->len) != 0)
                    continue;
                x->copy = 1;
                changed = 1;
            }
        }
    }
    return errors;
}

int incl_has_copy(const incl_set *set, const char *abs)
{
    for (size_t i = 0; set && i < set->n; i++)
        if (set->v[i].copy && strcmp(set->v[i].abs, abs) == 0)
            return 1;
    return 0;
}

/* The file name of the #include directive on the line holding byte `off`:
 * [*b, *e) covers it with its delimiters. 0 when the line is no plain
 * include (a macro names the file). */
static int directive_name(const char *text, size_t len, size_t off, size_t *b,
                          size_t *e)
{
    size_t ls = off < len ? off : len;
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    size_t i = ls;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i >= len || text[i] != '#')
        return 0;
    i++;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (len - i < 7 || memcmp(text + i, "include", 7) != 0)
        return 0;
    i += 7;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i >= len || (text[i] != '"' && text[i] != '<'))
        return 0;
    char close = text[i] == '"' ? '"' : '>';
    size_t j = i + 1;
    while (j < len && text[j] != close && text[j] != '\n')
        j++;
    if (j >= len || text[j] != close)
        return 0;
    *b = i;
    *e = j + 1;
    return 1;
}

void incl_redirect(const incl_set *set, long includer, const char *inc_abs,
                   const char *text, size_t len, const char *copy_path,
                   const char *out_dir, edit_buf *edits)
{
    char *copy_dir = path_dirname(copy_path);
    for (size_t i = 0; i < set->ne; i++) {
        const incl_edge *e = &set->e[i];
        size_t b, en;
        if (e->includer != includer || e->included < 0 ||
            !set->v[e->included].copy ||
            !directive_name(text, len, e->offset, &b, &en))
            continue;
        const incl_file *to = &set->v[e->included];
        if (text[b] == '"') {
            /* Beside the includer: the copy finds the copy beside it. */
            char *dir = path_dirname(inc_abs);
            char *name = xstrndup(text + b + 1, en - b - 2);
            char *beside = path_join(dir, name);
            char *norm = path_normalize(beside);
            int same = strcmp(norm, to->abs) == 0;
            free(norm);
            free(beside);
            free(name);
            free(dir);
            if (same)
                continue;
        }
        char *target = path_join(out_dir, to->rel);
        char *relp = path_relative(copy_dir, target);
        sbuf q;
        sbuf_init(&q);
        sbuf_addc(&q, '"');
        sbuf_adds(&q, relp);
        sbuf_addc(&q, '"');
        edit_replace(edits, b, en - b, sbuf_str(&q));
        sbuf_free(&q);
        free(relp);
        free(target);
    }
    free(copy_dir);
}

void incl_free(incl_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        incl_file *x = &set->v[i];
        free(x->abs);
        free(x->rel);
        free(x->tag);
        free(x->text);
        annot_free(&x->annots);
        edit_free(&x->edits);
        walk_result_free(&x->res);
    }
    free(set->v);
    free(set->e);
    memset(set, 0, sizeof *set);
}
