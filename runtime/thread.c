/*
 * thread.c - per-thread recording state and its life cycle (see thread.h).
 */
#include "thread.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "mem.h"
#include "registry.h"
#include "sampler.h"
#include "signals.h"

_Thread_local scope__thread *scope__tls;
scope__thread scope__retired;

static pthread_key_t key;
static scope__thread *live;

void scope__thread_free(scope__thread *t)
{
    unsigned i;
    scope__chunk *c = t->first, *cn;
    scope__scratch *s = t->scratch, *sn;
    for (i = 0; i < t->ntables; i++) {
        scope__free(t->tables[i].rows);
        scope__free(t->tables[i].st);
        scope__free(t->tables[i].out);
    }
    scope__free(t->tables);
    scope__free(t->regions);
    scope__edges_free(&t->edges);
    for (; c; c = cn) {
        cn = c->next;
        scope__free(c);
    }
    for (; s; s = sn) {
        sn = s->older;
        scope__free(s);
    }
    scope__free(t);
}

/* Key destructor: the thread is ending. Frames still open were skipped by
 * pthread_exit or longjmp; they are dropped and counted. Signals wait
 * (signals.h) from the sampler's lock to the last free: a profiled signal
 * handler would otherwise wait on the runtime's lock this thread holds,
 * for ever (libuv's suite hung so). */
static void retire(void *p)
{
    scope__thread *t = p;
    sigset_t old;
    scope__sigs_block(&old);
    t->abandoned += t->depth;
    /* Out of the sampler's sight first: then nothing reads it any more. */
    scope__sampler_remove(t);
    pthread_mutex_lock(&scope__lock);
    if (scope__thread_merge(&scope__retired, t) != 0)
        scope__note_locked("out of memory keeping the figures of an ended thread");
    if (t->prev)
        t->prev->next = t->next;
    else if (live == t)
        live = t->next;
    if (t->next)
        t->next->prev = t->prev;
    pthread_mutex_unlock(&scope__lock);
    scope__tls = NULL;
    scope__thread_free(t);
    scope__sigs_restore(&old);
}

int scope__thread_init(void)
{
    return pthread_key_create(&key, retire);
}

static scope__thread *thread_new(void);

scope__thread *scope__thread_get(void)
{
    scope__thread *t = scope__tls;
    sigset_t old;
    if (t)
        return t;
    /* Signals wait (signals.h: scope__sigs_block). */
    scope__sigs_block(&old);
    t = thread_new();
    scope__sigs_restore(&old);
    return t;
}

static scope__thread *thread_new(void)
{
    scope__thread *t;
    scope__init();
    t = scope__calloc(1, sizeof *t);
    if (!t)
        return NULL;
    pthread_setspecific(key, t);
    pthread_mutex_lock(&scope__lock);
    t->next = live;
    if (live)
        live->prev = t;
    live = t;
    pthread_mutex_unlock(&scope__lock);
    scope__tls = t;
    return t;
}

scope_frame *scope__thread_push(scope__thread *t)
{
    unsigned slot = t->depth % SCOPE__CHUNK;
    if (t->depth == 0) {
        if (!t->first) {
            scope__chunk *c = scope__calloc(1, sizeof *c);
            if (!c)
                return NULL;
            __atomic_store_n(&t->first, c, __ATOMIC_RELEASE);
        }
        t->chunk = t->first;
    } else if (slot == 0) {
        if (!t->chunk->next) {
            scope__chunk *c = scope__calloc(1, sizeof *c);
            if (!c)
                return NULL;
            c->prev = t->chunk;
            __atomic_store_n(&t->chunk->next, c, __ATOMIC_RELEASE);
        }
        t->chunk = t->chunk->next;
    }
    t->top = &t->chunk->f[slot];
    t->top->depth = t->depth;
    __atomic_store_n(&t->depth, t->depth + 1, __ATOMIC_RELEASE);
    return t->top;
}

static scope_line_acc *table_make(scope__thread *t, unsigned fid, unsigned nrows)
{
    if (fid >= t->ntables) {
        unsigned n = t->ntables ? t->ntables : 16;
        scope__table *p;
        while (n <= fid)
            n *= 2;
        p = scope__realloc(t->tables, (size_t)n * sizeof *p);
        if (!p)
            return NULL;
        memset(p + t->ntables, 0, (size_t)(n - t->ntables) * sizeof *p);
        t->tables = p;
        t->ntables = n;
    }
    if (!t->tables[fid].rows) {
        t->tables[fid].rows = scope__calloc(nrows, sizeof(scope_line_acc));
        if (!t->tables[fid].rows)
            return NULL;
        t->tables[fid].nrows = nrows;
    }
    return t->tables[fid].rows;
}

scope_line_acc *scope__thread_table(scope__thread *t, unsigned fid, unsigned nrows)
{
    scope_line_acc *rows;
    sigset_t old;
    if (fid < t->ntables && t->tables[fid].rows)
        return t->tables[fid].rows;
    /* Signals wait while the table is made (signals.h). */
    scope__sigs_block(&old);
    rows = table_make(t, fid, nrows);
    scope__sigs_restore(&old);
    return rows;
}

static scope__stab *stab_make(scope__thread *t, unsigned fid)
{
    scope__table *tab = &t->tables[fid];
    if (!tab->st) {
        scope__stab *st =
            scope__calloc(1, sizeof *st + 2 * (size_t)tab->nrows * sizeof st->self[0]);
        if (!st)
            return NULL;
        st->rows = tab->rows;
        st->nrows = tab->nrows;
        st->incl = st->self + tab->nrows;
        tab->st = st;
    }
    return tab->st;
}

scope__stab *scope__thread_stab(scope__thread *t, unsigned fid)
{
    scope__stab *st;
    sigset_t old;
    if (t->tables[fid].st)
        return t->tables[fid].st;
    scope__sigs_block(&old);
    st = stab_make(t, fid);
    scope__sigs_restore(&old);
    return st;
}

static scope__racc *racc_make(scope__thread *t, unsigned rid)
{
    if (rid >= t->nregions) {
        unsigned n = t->nregions ? t->nregions : 16;
        scope__racc *p;
        while (n <= rid)
            n *= 2;
        p = scope__realloc(t->regions, (size_t)n * sizeof *p);
        if (!p)
            return NULL;
        memset(p + t->nregions, 0, (size_t)(n - t->nregions) * sizeof *p);
        t->regions = p;
        t->nregions = n;
    }
    return &t->regions[rid];
}

scope__racc *scope__thread_racc(scope__thread *t, unsigned rid)
{
    scope__racc *a;
    sigset_t old;
    if (rid < t->nregions)
        return &t->regions[rid];
    scope__sigs_block(&old);
    a = racc_make(t, rid);
    scope__sigs_restore(&old);
    return a;
}

static scope_line_acc *scratch_make(scope__thread *t, unsigned nrows)
{
    scope__scratch *s;
    unsigned n;
    if (t->scratch && t->scratch->nrows >= nrows)
        return t->scratch->rows;
    n = t->scratch ? t->scratch->nrows * 2 : 256;
    while (n < nrows)
        n *= 2;
    s = scope__calloc(1, sizeof *s + (size_t)n * sizeof(scope_line_acc));
    if (!s)
        return NULL;
    s->nrows = n;
    s->older = t->scratch;
    t->scratch = s;
    return s->rows;
}

scope_line_acc *scope__thread_scratch(scope__thread *t, unsigned nrows)
{
    scope_line_acc *rows;
    sigset_t old;
    if (t->scratch && t->scratch->nrows >= nrows)
        return t->scratch->rows;
    scope__sigs_block(&old);
    rows = scratch_make(t, nrows);
    scope__sigs_restore(&old);
    return rows;
}

int scope__thread_merge(scope__thread *into, const scope__thread *from)
{
    unsigned i, r;
    int rc = 0;
    for (i = 0; i < from->ntables; i++) {
        const scope__table *src = &from->tables[i];
        scope_line_acc *dst;
        if (!src->rows)
            continue;
        dst = scope__thread_table(into, i, src->nrows);
        if (!dst) {
            rc = -1;
            continue;
        }
        for (r = 0; r < src->nrows; r++) {
            dst[r].hits += src->rows[r].hits;
            dst[r].ticks += src->rows[r].ticks;
        }
        if (src->st) {
            scope__stab *st = scope__thread_stab(into, i);
            if (!st) {
                rc = -1;
                continue;
            }
            for (r = 0; r < src->nrows && r < st->nrows; r++) {
                st->self[r] += src->st->self[r];
                st->incl[r] += src->st->incl[r];
            }
        }
    }
    for (i = 0; i < from->nregions; i++) {
        scope__racc *dst;
        if (from->regions[i].calls == 0)
            continue;
        dst = scope__thread_racc(into, i);
        if (!dst) {
            rc = -1;
            continue;
        }
        scope__racc_merge(dst, &from->regions[i]);
    }
    if (scope__edges_merge(&into->edges, from->edges) != 0)
        rc = -1;
    into->abandoned += from->abandoned;
    return rc;
}

void scope__thread_reset(scope__thread *t)
{
    unsigned i;
    for (i = 0; i < t->ntables; i++)
        if (t->tables[i].rows) {
            memset(t->tables[i].rows, 0, t->tables[i].nrows * sizeof(scope_line_acc));
            if (t->tables[i].st)
                memset(t->tables[i].st->self, 0, 2 * t->tables[i].nrows * sizeof(scope_u64));
        }
    if (t->regions)
        memset(t->regions, 0, t->nregions * sizeof *t->regions);
    scope__edges_reset(t->edges);
    t->abandoned = 0;
}

scope__thread *scope__thread_first(void)
{
    return live;
}

void scope__thread_after_fork(scope__thread *self, scope_u64 now)
{
    unsigned d;
    scope__chunk *c = self ? self->first : NULL;
    /* Only the forking thread exists in the child; it samples itself. */
    live = self;
    scope__sampler_after_fork(self);
    if (!self)
        return;
    self->next = self->prev = NULL;
    for (d = 0; d < self->depth; d++) {
        scope_frame *f;
        if (d && d % SCOPE__CHUNK == 0)
            c = c->next;
        f = &c->f[d % SCOPE__CHUNK];
        /* A sampled entry counts from the child's sampled time, which goes
         * on from the parent's figure. */
        f->start = f->sampled ? self->elapsed : now;
        f->last = now;
        /* What the parent's part of an entry cost is not the child's to
         * subtract. */
        f->probes = 0;
        f->nested = 0;
        f->base = 0;
    }
}
