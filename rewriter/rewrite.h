/*
 * rewrite.h - one file from source to instrumented copy: read, find the
 * annotations, parse, walk, write.
 *
 * A file either gets its complete output or nothing: every check (syntax,
 * annotations) happens before the single atomic write.
 */
#ifndef SCOPE_REWRITE_REWRITE_H
#define SCOPE_REWRITE_REWRITE_H

#include <clang-c/Index.h>
#include <regex.h>
#include <stddef.h>

#include "cdb.h"
#include "sbuf.h"

typedef struct rewrite_options {
    const char *out_dir;       /* absolute output root (NULL with list) */
    const char *root;          /* absolute --root: included files below it
                                  are project files (incl.h); NULL: none */
    char **extra_args;         /* compiler arguments after `--` */
    size_t nextra;
    const cdb *db;             /* compilation database, or NULL */
    const char *resource_dir;  /* clang resource directory, or NULL */
    const char *cc;            /* --cc: the build compiler, whose predefined
                                  macros the parse takes (predef.h), or NULL
                                  (then the database command's compiler) */
    char **inputs;             /* absolute paths of every FILE given */
    size_t ninputs;
    int list;                  /* print what would be instrumented only */
    int no_lines;
    int all;
    int names_as_given;        /* #line and the report name a file as given
                                  on the command line, not by `rel` */
    int keep_includes;         /* leave quoted #include lines as they are */
    const regex_t *only, *exclude;
    sbuf *deps;                /* Make rules for --depfile, or NULL: one per
                                  copy written, on its source and every file
                                  the parse read */
} rewrite_options;

/* Rewrite one file. `given` is the path as the user wrote it (used in
 * messages), `abs` its absolute form and `rel` its path below --root (the
 * output path under out_dir and the name in the report). Returns 0 on
 * success, 1 after reporting errors (nothing written). */
int rewrite_file(CXIndex index, const rewrite_options *opt, const char *given,
                 const char *abs, const char *rel);

/* Already instrumented by scope-rewrite? (Looks for the prologue's and the
 * probes' marks in code.) When it is and `at` is not NULL, *at is the byte
 * offset of the first mark. */
int rewrite_is_instrumented(const char *text, size_t len, size_t *at);

#endif
