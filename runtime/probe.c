/*
 * probe.c - the runtime half of the probes: opening and closing frames.
 *
 * scope__enter / scope__region_enter push a frame on the calling thread's
 * frame stack and start its clock; scope__leave (the cleanup handler)
 * charges the last line, records the entry in the region's accumulator and
 * pops. When nothing is to be recorded, the probes get the thread's dummy
 * frame, whose rows are scratch memory: the inline line probe stays safe
 * without a branch.
 *
 * Frames skipped by longjmp are recognised by their frame address: the
 * stack grows down, so an open frame whose address lies below a new
 * entry's has returned already. Equal addresses are kept, because an
 * inlined profiled function shares its caller's frame address.
 */
#include <stddef.h>

#include "api.h"
#include "clock.h"
#include "config.h"
#include "registry.h"
#include "thread.h"

/* Last resort when even the thread's state cannot be allocated: shared
 * scratch rows (what they receive is never read). */
#define SCOPE__FALLBACK_ROWS 65536
static scope_line_acc fallback_rows[SCOPE__FALLBACK_ROWS];
static scope_frame fallback = { fallback_rows, 0, fallback_rows, 0, NULL, 0, ~0u };

/* A frame that records nothing, for a function of nrows table rows. */
static scope_frame *nothing(scope__thread *t, unsigned nrows)
{
    scope_line_acc *rows = t ? scope__thread_scratch(t, nrows) : NULL;
    scope_frame *f = &fallback;
    if (rows) {
        f = &t->dummy;
        f->lines = rows;
        f->cur = rows + nrows - 1;
        f->depth = ~0u;
    }
    f->last = scope__clock_now();
    return f;
}

/* Statement regions must not change the dummy's rows: an enclosing
 * function may be using the same dummy frame. */
static scope_frame *nothing_region(scope__thread *t)
{
    if (t && t->dummy.lines)
        return &t->dummy;
    return nothing(t, 1);
}

static int recording(void)
{
    return __atomic_load_n(&scope__cfg.activated, __ATOMIC_RELAXED) &&
           !__atomic_load_n(&scope__closed, __ATOMIC_RELAXED);
}

/* Pop the frames that a longjmp skipped: those below the new entry. */
static void drop_abandoned(scope__thread *t, const void *cfa)
{
    while (t->top && (const char *)t->top->cfa < (const char *)cfa) {
        scope__thread_pop(t);
        t->abandoned++;
    }
}

scope_frame *scope__enter(scope_func_desc *desc, const void *cfa)
{
    scope__thread *t = scope__tls;
    unsigned nrows = desc->nlines + 1;
    scope_line_acc *rows;
    scope_frame *fr;
    int fid, rid;

    if (!t && !(t = scope__thread_get()))
        return nothing(NULL, nrows);
    if (!recording())
        return nothing(t, nrows);
    fid = scope__func_id(desc);
    if (fid < 0)
        return nothing(t, nrows);
    rid = __atomic_load_n(&desc->region.id, __ATOMIC_ACQUIRE) - 1;
    if (!__atomic_load_n(&scope__cfg.lines, __ATOMIC_RELAXED))
        rows = scope__thread_scratch(t, nrows);
    else if ((unsigned)fid < t->ntables && t->tables[fid].rows)
        rows = t->tables[fid].rows;
    else
        rows = scope__thread_table(t, (unsigned)fid, nrows);
    if (!rows || !scope__thread_racc(t, (unsigned)rid)) {
        scope__note("out of memory: an entry of %s was not recorded", desc->function);
        return nothing(t, nrows);
    }
    drop_abandoned(t, cfa);
    fr = scope__thread_push(t);
    if (!fr) {
        scope__note("out of memory: an entry of %s was not recorded", desc->function);
        return nothing(t, nrows);
    }
    rows[nrows - 1].hits++; /* the scratch row counts entries */
    fr->lines = rows;
    fr->cur = rows + nrows - 1;
    fr->cfa = cfa;
    fr->region = rid;
    fr->start = fr->last = scope__clock_now();
    return fr;
}

scope_frame *scope__region_enter(scope_region_site *site, const void *cfa)
{
    scope__thread *t = scope__tls;
    scope_frame *fr;
    int rid;

    if (!t && !(t = scope__thread_get()))
        return nothing_region(NULL);
    if (!recording())
        return nothing_region(t);
    rid = scope__region_id(site);
    if (rid < 0 || !scope__thread_racc(t, (unsigned)rid))
        return nothing_region(t);
    drop_abandoned(t, cfa);
    fr = scope__thread_push(t);
    if (!fr) {
        scope__note("out of memory: an entry of region %s was not recorded", site->name);
        return nothing_region(t);
    }
    fr->lines = NULL;
    fr->cur = NULL;
    fr->cfa = cfa;
    fr->region = rid;
    fr->start = fr->last = scope__clock_now();
    return fr;
}

/* Record the entry `fr` as ending at `now`. */
static void close_frame(scope__thread *t, scope_frame *fr, scope_u64 now)
{
    scope_u64 dt = now - fr->start, cost = scope__entry_cost();
    if (fr->lines)
        fr->cur->ticks += now - fr->last;
    scope__racc_add(&t->regions[fr->region], dt > cost ? dt - cost : 0);
}

void scope__leave(scope_frame **frame)
{
    scope_u64 now = scope__clock_now();
    scope_frame *fr = *frame;
    scope__thread *t = scope__tls;
    /* Dummy frames, and frames dropped already (skipped by a longjmp and
     * then found by a later entry), have a depth outside the stack. */
    if (!t || !fr || fr->depth >= t->depth)
        return;
    while (t->top != fr) {
        scope__thread_pop(t);
        t->abandoned++;
    }
    close_frame(t, fr, now);
    scope__thread_pop(t);
}

void scope__close_open_frames(void)
{
    scope__thread *t = scope__tls;
    scope_u64 now = scope__clock_now();
    if (!t)
        return;
    while (t->top) {
        close_frame(t, t->top, now);
        scope__thread_pop(t);
    }
}
