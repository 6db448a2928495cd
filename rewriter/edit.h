/*
 * edit.h - edit buffer: insertions (and rare replacements) at byte offsets
 * of the original text, applied in one pass.
 *
 * The walker visits statements outside-in, so edits arrive out of offset
 * order and several may share an offset. The order at one offset is fixed
 * here, not by the walker: closing text (` }`, `)`) comes before opening
 * text, closers nest inner-first (last added first) and openers outer-first
 * (first added first). That makes `{ SCOPE_REGION(r) SCOPE_LINE(3); x++; } }`
 * come out right no matter how the walker got there, and the result depends
 * only on the edits, never on sort stability.
 */
#ifndef SCOPE_REWRITE_EDIT_H
#define SCOPE_REWRITE_EDIT_H

#include <stddef.h>

#include "sbuf.h"

typedef enum edit_kind {
    EDIT_CLOSE = 0,  /* text that ends a construct opened earlier */
    EDIT_OPEN = 1    /* text that starts a construct (or stands alone) */
} edit_kind;

typedef struct edit {
    size_t offset;   /* byte offset in the original text */
    size_t remove;   /* original bytes replaced (0: pure insertion) */
    size_t text;     /* inserted text: its first byte in the pool */
    unsigned len;    /* inserted text: its length in bytes */
    unsigned rank;   /* order among edits at one offset: the kind, then the
                        order of arrival (see edit.c) */
} edit;

/* Edit texts are kept once each in a pool, found again through a hash
 * table: a large file gets several edits per line but only a few hundred
 * different texts (`SCOPE_LINE(3); `, ` }`, ...), and every byte written to
 * fresh memory costs time on a first touch. */
typedef struct edit_buf {
    edit *v;
    size_t n, cap;
    unsigned next_seq;
    sbuf pool;       /* the distinct texts, each followed by a NUL */
    size_t *slots;   /* hash table: pool offset + 1 of a text, 0 if empty */
    size_t nslots;   /* a power of two, or 0 */
    size_t nused;    /* slots in use */
} edit_buf;

void edit_init(edit_buf *e);
void edit_free(edit_buf *e);
void edit_insert(edit_buf *e, size_t offset, edit_kind kind, const char *text);
/* Change the text of edit number `index` (0-based, in order of arrival),
 * keeping its place and order: the walker writes a function's frame before
 * it knows whether any line probe will use it. */
void edit_retext(edit_buf *e, size_t index, const char *text);
/* Drop every edit added after the first `n` (the walker takes back a
 * function it finds it cannot profile). */
void edit_truncate(edit_buf *e, size_t n);
/* Replace `remove` bytes at `offset` (used for quoted #include paths). */
void edit_replace(edit_buf *e, size_t offset, size_t remove, const char *text);
/* Append the original text with every edit applied to `out`. Edits are
 * sorted in place. Overlapping replacements keep the first one. */
void edit_apply(edit_buf *e, const char *text, size_t len, sbuf *out);

#endif
