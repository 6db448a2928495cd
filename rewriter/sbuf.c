/*
 * sbuf.c - growable byte strings and allocation helpers (see sbuf.h).
 */
#include "sbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A stream's buffer size: large enough that writes are few, small enough
 * to stay in cache. */
#define SBUF_CHUNK (256 * 1024)

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("scope-rewrite: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("scope-rewrite: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void sbuf_init(sbuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->fd = -1;
    b->err = 0;
}

void sbuf_free(sbuf *b)
{
    free(b->data);
    sbuf_init(b);
}

/* A stream's contents to its file; the buffer is empty afterwards. */
static void write_out(sbuf *b)
{
    size_t off = 0;
    while (off < b->len && !b->err) {
        ssize_t w = write(b->fd, b->data + off, b->len - off);
        if (w > 0)
            off += (size_t)w;
        else if (w == 0)
            b->err = EIO;
        else if (errno != EINTR)
            b->err = errno;
    }
    b->len = 0;
    b->data[0] = '\0';
}

static void reserve(sbuf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    if (b->fd >= 0 && b->len > 0) {
        write_out(b);
        need = extra + 1;
        if (need <= b->cap)
            return;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void sbuf_reserve(sbuf *b, size_t extra)
{
    if (b->fd < 0)
        reserve(b, extra);
}

void sbuf_stream(sbuf *b, int fd)
{
    b->fd = fd;
    b->err = 0;
    if (b->cap < SBUF_CHUNK) {
        b->data = xrealloc(b->data, SBUF_CHUNK);
        b->cap = SBUF_CHUNK;
    }
    b->len = 0;
    b->data[0] = '\0';
}

int sbuf_flush(sbuf *b)
{
    if (b->fd >= 0 && b->len > 0)
        write_out(b);
    if (b->err) {
        errno = b->err;
        return -1;
    }
    return 0;
}

void sbuf_add(sbuf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sbuf_adds(sbuf *b, const char *s)
{
    sbuf_add(b, s, strlen(s));
}

void sbuf_addc(sbuf *b, char c)
{
    sbuf_add(b, &c, 1);
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sbuf_str(sbuf *b)
{
    return b->data ? b->data : "";
}

char *sbuf_take(sbuf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    sbuf_init(b);
    return s;
}
