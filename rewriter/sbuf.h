/*
 * sbuf.h - growable byte strings for the rewriter.
 *
 * Every piece of text the rewriter builds (prologue, epilogue, escaped
 * literals, paths) goes through one small type so that sizes and
 * termination are handled in one place. Out of memory ends the process:
 * a rewriter that cannot allocate a few kilobytes has nothing sensible left
 * to do.
 */
#ifndef SCOPE_REWRITE_SBUF_H
#define SCOPE_REWRITE_SBUF_H

#include <stddef.h>

typedef struct sbuf {
    char *data;   /* always NUL-terminated once anything was appended */
    size_t len;   /* bytes used, without the terminating NUL */
    size_t cap;   /* bytes allocated */
    int fd;       /* a stream's file descriptor (see sbuf_stream), or -1 */
    int err;      /* errno of a stream's first failed write, or 0 */
} sbuf;

void sbuf_init(sbuf *b);
void sbuf_free(sbuf *b);
void sbuf_add(sbuf *b, const char *s, size_t n);
void sbuf_adds(sbuf *b, const char *s);
void sbuf_addc(sbuf *b, char c);
/* Make room for `extra` more bytes, so that a caller that knows the final
 * size grows the buffer once instead of by doubling. */
void sbuf_reserve(sbuf *b, size_t extra);
void sbuf_printf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Make the empty buffer `b` a stream into file descriptor `fd`: whenever
 * a fixed-size chunk is full it is written out and reused, so that a large
 * output never needs memory of its own size (every fresh page costs a page
 * fault on first touch). `data` and `len` then hold only what is not
 * written yet, and sbuf_reserve does nothing. */
void sbuf_stream(sbuf *b, int fd);
/* Write out what a stream still holds. Returns 0, or -1 with errno set
 * when this or an earlier write failed. */
int sbuf_flush(sbuf *b);
/* The contents as a string ("" when empty); stays owned by the buffer. */
const char *sbuf_str(sbuf *b);
/* Hands the contents to the caller (malloc'd) and empties the buffer. */
char *sbuf_take(sbuf *b);

/* Allocation helpers that never return NULL. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
