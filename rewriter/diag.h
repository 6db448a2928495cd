/*
 * diag.h - the one place that prints user-facing rewriter messages.
 *
 * Every message reads like a compiler's (`file:line:col: error: ...`), so
 * editors and build logs can jump to it. Messages go to a stream that tests
 * can redirect, and errors are counted so a caller can tell whether a step
 * failed without threading error codes through every helper.
 */
#ifndef SCOPE_REWRITE_DIAG_H
#define SCOPE_REWRITE_DIAG_H

#include <stdio.h>

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

/* Print one message. `file` may be NULL (then "scope-rewrite" is the
 * prefix); line/col 0 leave out the position parts. */
void diag_report(diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define diag_error(file, line, col, ...) \
    diag_report(DIAG_ERROR, file, line, col, __VA_ARGS__)
#define diag_note(file, line, col, ...) \
    diag_report(DIAG_NOTE, file, line, col, __VA_ARGS__)

/* A note that is part of --list's output (stdout, in order with the
 * listing): `file:line: note: ...`. */
void diag_list_note(const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Number of errors reported so far. */
unsigned diag_errors(void);
/* Where messages go (default stderr); tests point it at a memory stream. */
void diag_set_stream(FILE *f);

#endif
