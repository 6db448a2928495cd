/*
 * walk.h - statement walker: decides every probe of one translation unit.
 *
 * The walker matches annotations to function definitions and statements
 * over libclang's cursor tree and records insertions in an edit buffer. It
 * never writes anything itself; rewrite.c turns its result into the
 * instrumented file. What each statement kind gets is documented in
 * docs/rewriter.md; the reasons are given beside the code below.
 */
#ifndef SCOPE_REWRITE_WALK_H
#define SCOPE_REWRITE_WALK_H

#include <clang-c/Index.h>
#include <regex.h>
#include <stddef.h>

#include "annot.h"
#include "edit.h"

/* Something in a profiled function that got no probe although it runs
 * (recorded only with verbose_skips, for --list). */
typedef struct walk_note {
    unsigned line;       /* the first line concerned */
    char *reason;        /* why, in words */
} walk_note;

/* One profiled function. */
typedef struct walk_func {
    char *name;          /* C name of the function */
    char *region;        /* region name */
    unsigned line;       /* line of the definition's name (for --list) */
    unsigned first_line; /* row 0 of the line table: the annotation line */
    unsigned last_line;  /* line of the closing brace */
    int desc;            /* N of scope__fN; -1 with --no-lines */
    int site;            /* N of scope__rN with --no-lines; else -1 */
    walk_note *notes;    /* what was left unprobed, by line */
    size_t nnotes;
    unsigned *follow;    /* nfollow pairs (row, leader row): the row's
                            probe only follows a straight run whose first
                            counted row is the leader (walk_block), so its
                            hits are the leader's */
    size_t nfollow;
} walk_func;

/* One region site (scope__rN), in order of N. */
typedef struct walk_site {
    char *name;          /* region name */
    unsigned line;       /* line of the statement (or function) */
    char *function;      /* enclosing function */
    int is_function;     /* 1: the --no-lines site of a whole function */
} walk_site;

typedef struct walk_options {
    int no_lines;        /* region probes only */
    int all;             /* profile every function definition */
    const regex_t *only; /* with `all`: only functions matching (or NULL) */
    const regex_t *exclude; /* with `all`: not functions matching */
    int verbose_skips;   /* report functions that cannot be probed, and
                            record what is left unprobed (walk_note) */
    const char *tag;     /* this file's part of descriptor and site names
                            (write_tag) */
    const size_t *nested; /* offsets of the `{` of GNU nested functions,
                             which the parse leaves out (ascending) */
    size_t nnested;
} walk_options;

typedef struct walk_result {
    walk_func *funcs;
    size_t nfuncs;
    walk_site *sites;
    size_t nsites;
} walk_result;

/* Walk `tu` whose main file is `main` with contents `text` (len bytes),
 * named `path` in messages. Matches every annotation of `annots` (marking
 * them used), adds the probes to `edits` and fills `res`. Returns the number
 * of errors reported. */
unsigned walk_unit(CXTranslationUnit tu, CXFile main, const char *path,
                   const char *text, size_t len, annot_list *annots,
                   const walk_options *opt, edit_buf *edits, walk_result *res);
void walk_result_free(walk_result *res);

#endif
