/*
 * buf.c - growable text buffer and Python's repr(float) (see buf.h).
 */
#include "buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void scope__buf_free(scope__buf *b)
{
    scope__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

static int reserve(scope__buf *b, size_t extra)
{
    size_t need = b->len + extra + 1, ncap;
    char *p;
    if (b->failed)
        return -1;
    if (need <= b->cap)
        return 0;
    ncap = b->cap ? b->cap * 2 : 256;
    while (ncap < need)
        ncap *= 2;
    p = scope__realloc(b->data, ncap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = ncap;
    return 0;
}

void scope__buf_put(scope__buf *b, const char *text, size_t len)
{
    if (reserve(b, len) != 0)
        return;
    memcpy(b->data + b->len, text, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void scope__buf_puts(scope__buf *b, const char *text)
{
    scope__buf_put(b, text, strlen(text));
}

void scope__buf_printf(scope__buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    char small[256];
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        scope__buf_put(b, small, (size_t)n);
        return;
    }
    if (reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void scope__buf_reserve(scope__buf *b, size_t extra)
{
    (void)reserve(b, extra);
}

size_t scope__fmt_u64(char *out, unsigned long long v)
{
    char tmp[24];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return n;
}

void scope__fmt_f1(char *out, size_t size, int width, double x)
{
    /* x * 10 carries a relative error of at most 2^-53: where its
     * fraction is further than that from one half, the tenths it rounds
     * to are those of x itself, which printf computes exactly. Below
     * 2^52 the fraction is exact, and so is the integer part. */
    double y = x * 10.0, r, f;
    if (!signbit(x) && y < 4503599627370496.0 && size >= 32 && width < 24) {
        char digits[24];
        unsigned long long v;
        size_t n, pad;
        r = floor(y);
        f = y - r;
        if (fabs(f - 0.5) > y * 4.5e-16 + 1e-300) {
            v = (unsigned long long)r + (f > 0.5);
            n = scope__fmt_u64(digits, v / 10);
            digits[n++] = '.';
            digits[n++] = (char)('0' + v % 10);
            pad = (size_t)width > n ? (size_t)width - n : 0;
            memset(out, ' ', pad);
            memcpy(out + pad, digits, n);
            out[pad + n] = '\0';
            return;
        }
    }
    snprintf(out, size, "%*.1f", width, x);
}

void scope__buf_f1(scope__buf *b, double x)
{
    char tmp[64];
    scope__fmt_f1(tmp, sizeof tmp, 0, x);
    scope__buf_puts(b, tmp);
}

void scope__buf_u64(scope__buf *b, unsigned long long v)
{
    char tmp[24];
    scope__buf_put(b, tmp, scope__fmt_u64(tmp, v));
}

void scope__buf_repr(scope__buf *b, double x)
{
    char tmp[48], digits[24];
    int prec, ndig = 0, exp10, decpt, i;
    const char *p;
    if (isnan(x)) {
        scope__buf_puts(b, "nan");
        return;
    }
    if (isinf(x)) {
        scope__buf_puts(b, x < 0 ? "-inf" : "inf");
        return;
    }
    if (signbit(x))
        scope__buf_puts(b, "-");
    x = fabs(x);
    if (x == 0.0) {
        scope__buf_puts(b, "0.0");
        return;
    }
    /* Shortest round-trip digits: the first precision whose correctly
     * rounded decimal reads back as x. */
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    for (p = tmp; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[ndig++] = *p;
    exp10 = atoi(p + 1);
    while (ndig > 1 && digits[ndig - 1] == '0')
        ndig--;
    digits[ndig] = '\0';
    /* decpt: position of the decimal point relative to the digits, as in
     * Python's float_repr_style "short" rules. */
    decpt = exp10 + 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            scope__buf_puts(b, "0.");
            for (i = 0; i < -decpt; i++)
                scope__buf_puts(b, "0");
            scope__buf_puts(b, digits);
        } else if (decpt < ndig) {
            scope__buf_put(b, digits, (size_t)decpt);
            scope__buf_puts(b, ".");
            scope__buf_puts(b, digits + decpt);
        } else {
            scope__buf_puts(b, digits);
            for (i = ndig; i < decpt; i++)
                scope__buf_puts(b, "0");
            scope__buf_puts(b, ".0");
        }
    } else {
        scope__buf_put(b, digits, 1);
        if (ndig > 1) {
            scope__buf_puts(b, ".");
            scope__buf_puts(b, digits + 1);
        }
        scope__buf_printf(b, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
}
