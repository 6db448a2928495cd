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

static void diag_vprint(FILE *out, diag_level level, const char *file,
                        unsigned line, unsigned col, const char *fmt,
                        va_list ap)
{
    static const char *const names[] = { "error", "warning", "note" };

    if (level == DIAG_ERROR)
        diag_count++;
    fputs(file ? file : "scope-rewrite", out);
    if (file && line) {
        fprintf(out, ":%u", line);
        if (col)
            fprintf(out, ":%u", col);
    }
    fprintf(out, ": %s: ", names[level]);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    fflush(out);
}

void diag_report(diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vprint(diag_stream ? diag_stream : stderr, level, file, line, col,
                fmt, ap);
    va_end(ap);
}

void diag_list_note(const char *file, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vprint(stdout, DIAG_NOTE, file, line, 0, fmt, ap);
    va_end(ap);
}
