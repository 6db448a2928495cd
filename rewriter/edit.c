/*
 * edit.c - the edit buffer (see edit.h for the ordering rules).
 */
#include "edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void edit_init(edit_buf *e)
{
    e->v = NULL;
    e->n = e->cap = 0;
    e->next_seq = 0;
    sbuf_init(&e->pool);
    e->slots = NULL;
    e->nslots = e->nused = 0;
}

void edit_truncate(edit_buf *e, size_t n)
{
    if (n < e->n)
        e->n = n;
}

void edit_free(edit_buf *e)
{
    free(e->v);
    sbuf_free(&e->pool);
    free(e->slots);
    edit_init(e);
}

static size_t hash(const char *s, size_t n)
{
    unsigned long long h = 14695981039346656037ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

/* Slot of `s` (n bytes) in the table: the one holding it, or the empty one
 * where it belongs. */
static size_t *slot_of(const edit_buf *e, const char *s, size_t n)
{
    size_t mask = e->nslots - 1;
    for (size_t i = hash(s, n) & mask;; i = (i + 1) & mask) {
        size_t *sl = &e->slots[i];
        if (*sl == 0 || strcmp(e->pool.data + *sl - 1, s) == 0)
            return sl;
    }
}

/* Pool offset of text `s` (n bytes), added on first use. */
static size_t intern(edit_buf *e, const char *s, size_t n)
{
    if (2 * (e->nused + 1) > e->nslots) {
        /* At most half full, so that probing stays short. */
        size_t old_n = e->nslots, *old = e->slots;
        e->nslots = old_n ? 2 * old_n : 256;
        e->slots = xmalloc(e->nslots * sizeof *e->slots);
        memset(e->slots, 0, e->nslots * sizeof *e->slots);
        for (size_t i = 0; i < old_n; i++)
            if (old[i]) {
                const char *t = e->pool.data + old[i] - 1;
                *slot_of(e, t, strlen(t)) = old[i];
            }
        free(old);
    }
    size_t *sl = slot_of(e, s, n);
    if (*sl == 0) {
        *sl = e->pool.len + 1;
        sbuf_add(&e->pool, s, n + 1); /* with its NUL, for strcmp */
        e->nused++;
    }
    return *sl - 1;
}

static void push(edit_buf *e, size_t offset, size_t remove, edit_kind kind,
                 const char *text)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        e->v = xrealloc(e->v, e->cap * sizeof *e->v);
    }
    if (e->next_seq >= 0x80000000u) {
        fputs("scope-rewrite: too many edits in one file\n", stderr);
        exit(1);
    }
    edit *d = &e->v[e->n++];
    unsigned seq = e->next_seq++;
    size_t n = strlen(text);
    d->offset = offset;
    d->remove = remove;
    /* Closers before openers; closers added last (the innermost) first,
     * openers added first (the outermost) first. One number holds that
     * order, so sorting compares two numbers per edit. */
    d->rank = kind == EDIT_CLOSE ? 0x7fffffffu - seq : 0x80000000u | seq;
    d->text = intern(e, text, n);
    d->len = (unsigned)n;
}

void edit_insert(edit_buf *e, size_t offset, edit_kind kind, const char *text)
{
    push(e, offset, 0, kind, text);
}

void edit_retext(edit_buf *e, size_t index, const char *text)
{
    size_t n = strlen(text);
    if (index >= e->n)
        return;
    e->v[index].text = intern(e, text, n);
    e->v[index].len = (unsigned)n;
}

void edit_replace(edit_buf *e, size_t offset, size_t remove, const char *text)
{
    push(e, offset, remove, EDIT_OPEN, text);
}

static int before(const edit *a, const edit *b)
{
    if (a->offset != b->offset)
        return a->offset < b->offset;
    return a->rank < b->rank;
}

static int cmp(const void *pa, const void *pb)
{
    const edit *a = pa, *b = pb;
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* The walker adds edits almost in file order: an edit is out of place only
 * when it lies inside a construct whose closer was added before it, so the
 * work of an insertion sort is bounded by the nesting of such constructs.
 * Should some input need far more moves than that, qsort takes over. */
static void sort_edits(edit *v, size_t n)
{
    size_t moves = 0, budget = 8 * n + 4096;
    for (size_t i = 1; i < n; i++) {
        if (!before(&v[i], &v[i - 1]))
            continue;
        edit x = v[i];
        size_t j = i;
        while (j > 0 && before(&x, &v[j - 1])) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
        moves += i - j;
        if (moves > budget) {
            qsort(v, n, sizeof *v, cmp);
            return;
        }
    }
}

void edit_apply(edit_buf *e, const char *text, size_t len, sbuf *out)
{
    size_t pos = 0;

    sort_edits(e->v, e->n);
    /* One allocation for the whole result (replacements only shrink it). */
    size_t total = len;
    for (size_t i = 0; i < e->n; i++)
        total += e->v[i].len;
    sbuf_reserve(out, total);
    for (size_t i = 0; i < e->n; i++) {
        edit *d = &e->v[i];
        if (d->offset < pos || d->offset > len)
            continue; /* inside an earlier replacement, or out of range */
        sbuf_add(out, text + pos, d->offset - pos);
        sbuf_add(out, e->pool.data + d->text, d->len);
        pos = d->offset + (d->remove <= len - d->offset ? d->remove
                                                        : len - d->offset);
    }
    sbuf_add(out, text + pos, len - pos);
}
