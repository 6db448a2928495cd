/*
 * write.h - the instrumented file's prologue, and C string
 * literal escaping.
 *
 * The prologue defines the descriptors of the profiled functions and
 * statement regions, with the functions' source lines as string literals
 * (the report never needs the source file at run time), then ends with
 * `#line 1 "<path>"` so every original line keeps its number. Nothing
 * follows the original lines: the descriptors come first so that no
 * declaration of them is repeated (a tentative definition followed by the
 * definition is invalid C++, which -Wc++-compat reports), and no inserted
 * code lies where #line would number it past the original's end. Plain
 * C90 inside `#ifndef SCOPE_PROFILER_DISABLE`.
 */
#ifndef SCOPE_REWRITE_WRITE_H
#define SCOPE_REWRITE_WRITE_H

#include <stddef.h>

#include "sbuf.h"
#include "walk.h"

/* Longest string literal C90 requires compilers to accept (5.2.4.1). */
#define WRITE_C90_LITERAL_MAX 509

/* Append `s` (n bytes) to `out` as a C string literal, quotes included:
 * backslash, quote and `?` after `?` (trigraphs) escaped, tab as \t,
 * other control bytes as three-digit octal, everything else (UTF-8
 * included) as is. A literal longer than C90's limit is preceded by
 * `__extension__`, which keeps -pedantic quiet about its length. */
void write_literal(sbuf *out, const char *s, size_t n);

/* This file's part of descriptor and site names: `display` with every byte
 * that cannot be in a C identifier made `_` (freshly allocated). */
char *write_tag(const char *display);

/* The prologue for `res`: the descriptors and sites of the file, named with
 * `tag`, the profiled functions' source lines (from `text`/`len`, the
 * original file) as literals, and `#line 1 "<display>"`. */
void write_prologue(sbuf *out, const walk_result *res, const char *display,
                    const char *tag, const char *text, size_t len);

#endif
