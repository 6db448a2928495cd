/*
 * incl.h - instrumented copies of the project files that a source includes.
 *
 * A profiled function in a header (`static inline`) or in a `.c` fragment
 * that another `.c` includes lives in the includer's translation unit. So
 * such files are walked within the includer's parse (its macros decide what
 * they hold), and each one with probes gets a copy of its own in the output
 * tree, beside where the includer's copy looks for it. The includers' copies
 * then include the copies: a quoted include found beside the includer needs
 * no change (the output tree mirrors the sources), any other one (found
 * through -I, or in angle brackets) is pointed at the copy by a relative
 * path. A project file that includes a copied file is copied too (with its
 * includes pointed at the copies), so that every way to the file leads to
 * the copy.
 *
 * Project files are those below --root that are not system headers and not
 * inputs themselves (an input gets its own copy from its own rewrite). A
 * file that the translation unit reads more than once without an include
 * guard (x-macro tables, a `.c` made into several variants) cannot take
 * one set of probes: it is left alone, with a note where it is annotated.
 */
#ifndef SCOPE_REWRITE_INCL_H
#define SCOPE_REWRITE_INCL_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "annot.h"
#include "edit.h"
#include "walk.h"

typedef struct incl_file {
    CXFile file;
    char *abs;           /* absolute path */
    char *rel;           /* path below the root: the copy's place and the
                            report's File: */
    char *tag;           /* descriptor name part (write_tag) */
    unsigned count;      /* times the translation unit read it */
    int copy;            /* it gets a copy in the output tree */
    int probed;          /* the copy holds probes (a prologue) */
    char *text;          /* its contents (when read) */
    size_t len;
    annot_list annots;
    edit_buf edits;
    walk_result res;
} incl_file;

/* An #include of the translation unit: `includer` (-1: the main file, else
 * an index into incl_set.v, or -2: a file that is not a project file) reads
 * `included` (index into v, or -1) through the directive at byte `offset`
 * of the includer. */
typedef struct incl_edge {
    CXFile from;         /* the includer */
    long includer, included;
    size_t offset;
} incl_edge;

typedef struct incl_set {
    incl_file *v;
    size_t n;
    incl_edge *e;
    size_t ne;
} incl_set;

typedef struct incl_options {
    const char *root;           /* absolute --root */
    char *const *inputs;        /* absolute paths of the inputs */
    size_t ninputs;
    const walk_options *walk;   /* as for the main file (tag set per file) */
    int all;                    /* --all: every function, annotated or not */
} incl_options;

/* Find the project files of `tu` (main file `main`), walk those that hold
 * annotations (or any file with `all`) and decide which get copies. Messages
 * name the files by their paths below the root. Returns the number of
 * errors reported. */
unsigned incl_collect(CXTranslationUnit tu, CXFile main,
                      const incl_options *opt, incl_set *set);

/* Edits to the includes of a file (`includer` as in incl_edge, at absolute
 * path `inc_abs`) whose copy is `copy_path`: each include of a copied file
 * that the copy would not find beside itself is pointed at that file's copy
 * under `out_dir`. */
void incl_redirect(const incl_set *set, long includer, const char *inc_abs,
                   const char *text, size_t len, const char *copy_path,
                   const char *out_dir, edit_buf *edits);

/* Has `abs` a copy in `set`? */
int incl_has_copy(const incl_set *set, const char *abs);

void incl_free(incl_set *set);

#endif
