/*
 * diag.c - compiler-style messages (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>

static FILE *diag_stream;
static unsigned diag_count;

void diag_set_stream(FILE *f)
{
    diag_stream = f;
}

unsigned diag_errors(void)
{
    return diag_count;
}

void diag_report(diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
{
    static const char *const names[] = { "error", "warning", "note" };
    FILE *out = diag_stream ? diag_stream : stderr;
    va_list ap;

    if (level == DIAG_ERROR)
        diag_count++;
    fputs(file ? file : "scope-rewrite", out);
    if (file && line) {
        fprintf(out, ":%u", line);
        if (col)
            fprintf(out, ":%u", col);
    }
    fprintf(out, ": %s: ", names[level]);
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
    fflush(out);
}
