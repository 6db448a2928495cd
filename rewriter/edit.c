/*
 * edit.c - the edit buffer (see edit.h for the ordering rules).
 */
#include "edit.h"

#include <stdlib.h>

void edit_init(edit_buf *e)
{
    e->v = NULL;
    e->n = e->cap = 0;
    e->next_seq = 0;
}

void edit_free(edit_buf *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].text);
    free(e->v);
    edit_init(e);
}

static void push(edit_buf *e, size_t offset, size_t remove, edit_kind kind,
                 const char *text)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        e->v = xrealloc(e->v, e->cap * sizeof *e->v);
    }
    edit *d = &e->v[e->n++];
    d->offset = offset;
    d->remove = remove;
    d->kind = kind;
    d->seq = e->next_seq++;
    d->text = xstrdup(text);
}

void edit_insert(edit_buf *e, size_t offset, edit_kind kind, const char *text)
{
    push(e, offset, 0, kind, text);
}

void edit_replace(edit_buf *e, size_t offset, size_t remove, const char *text)
{
    push(e, offset, remove, EDIT_OPEN, text);
}

static int cmp(const void *pa, const void *pb)
{
    const edit *a = pa, *b = pb;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->seq == b->seq)
        return 0;
    /* Closers: the one added last is the innermost, so it goes first. */
    if (a->kind == EDIT_CLOSE)
        return a->seq > b->seq ? -1 : 1;
    return a->seq < b->seq ? -1 : 1;
}

void edit_apply(edit_buf *e, const char *text, size_t len, sbuf *out)
{
    size_t pos = 0;

    if (e->n > 1)
        qsort(e->v, e->n, sizeof *e->v, cmp);
    for (size_t i = 0; i < e->n; i++) {
        edit *d = &e->v[i];
        if (d->offset < pos || d->offset > len)
            continue; /* inside an earlier replacement, or out of range */
        sbuf_add(out, text + pos, d->offset - pos);
        sbuf_adds(out, d->text);
        pos = d->offset + (d->remove <= len - d->offset ? d->remove
                                                        : len - d->offset);
    }
    sbuf_add(out, text + pos, len - pos);
}
