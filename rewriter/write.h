/*
 * write.h - the instrumented file's prologue and epilogue, and C string
 * literal escaping.
 *
 * The prologue declares the descriptors (tentative definitions) so the
 * probes can take their addresses, and ends with `#line 1 "<path>"` so
 * every original line keeps its number. The epilogue defines them, with the
 * profiled functions' source lines as string literals: the report then
 * never needs the source file at run time. Both are plain C90 inside
 * `#ifndef SCOPE_PROFILER_DISABLE`.
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

/* The line break of `text`: "\r\n" when its first line ends with one,
 * else "\n". Every line the writer adds ends with it, so a CRLF file's
 * copy is CRLF throughout. */
const char *write_eol(const char *text, size_t len);

/* The prologue for `res`, naming the file `display` in #line; `text`/`len`
 * is the original file (for its line breaks). */
void write_prologue(sbuf *out, const walk_result *res, const char *display,
                    const char *text, size_t len);

/* The epilogue for `res`. `text`/`len` is the original file (the source of
 * the line literals); `display` is the path shown in the report. It starts
 * with a newline when the original does not end with one. */
void write_epilogue(sbuf *out, const walk_result *res, const char *display,
                    const char *text, size_t len);

#endif
