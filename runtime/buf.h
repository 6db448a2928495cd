/*
 * buf.h - a growable text buffer and the number formats of the report
 * (Python's repr(float) among them).
 *
 * The printers write into a buffer instead of a FILE, so that they are pure
 * functions from figures to text, and tests compare their output exactly.
 */
#ifndef SCOPE_BUF_H
#define SCOPE_BUF_H

#include <stddef.h>

typedef struct scope__buf {
    char *data;      /* NUL-terminated text (NULL until the first write) */
    size_t len;      /* bytes of text, without the NUL */
    size_t cap;      /* bytes allocated */
    int failed;      /* 1 once an allocation failed (text is truncated) */
} scope__buf;

void scope__buf_free(scope__buf *b);
void scope__buf_put(scope__buf *b, const char *text, size_t len);
void scope__buf_puts(scope__buf *b, const char *text);
/* Room for `extra` more bytes at once (a printer that can tell its size
 * saves the copies of growing, and the pages they touch). */
void scope__buf_reserve(scope__buf *b, size_t extra);
void scope__buf_printf(scope__buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Decimal text of v into out (at least 21 bytes), NUL-terminated; returns
 * its length. As printf's "%llu", without printf. */
size_t scope__fmt_u64(char *out, unsigned long long v);

/* printf's "%*.1f" of x (width `width`) into out[size]: the same text,
 * written without printf where the rounding is certain (x not within the
 * product's rounding error of a tie between two tenths), by printf
 * otherwise. The report formats every cell this way; printf was most of
 * the time a process spent writing its report. */
void scope__fmt_f1(char *out, size_t size, int width, double x);

/* The same, appended to b ("%.1f" and "%llu"). */
void scope__buf_f1(scope__buf *b, double x);
void scope__buf_u64(scope__buf *b, unsigned long long v);

/* x as Python's repr(float): the shortest digits that read back to x,
 * positional for 1e-4 <= |x| < 1e16 with at least one fractional digit
 * ("0.0", "123456.0"), otherwise exponent form ("1e-05", "3.8e-06",
 * "1e+16"); "nan", "inf", "-inf". */
void scope__buf_repr(scope__buf *b, double x);

#endif
