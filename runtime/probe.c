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
 * Overhead compensation happens here for entries, once per leave, because
 * a region's minimum, maximum and deviation are figures of single entries.
 * A closing entry's time loses the cost of the line probes it ran and of
 * the entries made inside it; the entry then hands its own inclusive cost
 * to the frame below, and to the row that frame's function is timing (the
 * line that made the call, never more than that line's window holds beyond
 * the call's own time), so that every time the report shows - region or
 * line, caller or callee - is relieved of the same probes.
 *
 * A sampled file's entries (scope__enter_sampled, scope__region_enter_
 * sampled) read no clock: an entry's time is how much the thread's sampled
 * time (thread.h: `elapsed`, which the sampler grows by each interval it
 * charges the thread) grew while the entry was open, which is exactly the
 * samples that found the entry open, the same samples that make its line
 * times. So regions and lines of a sampled function add up, and a call
 * costs a push, a pop and a few adds: the clock reads of a deterministic
 * entry are most of its cost (two reads are about 20 ns here, against a
 * call to a small function of 2-5 ns). An entry shorter than the period
 * mostly reads 0 and now and then a whole period: its mean is right, its
 * minimum and maximum are those of whole periods.
 *
 * Frames skipped by longjmp are recognised by their frame address: the
 * stack grows down, so an open frame whose address lies below a new
 * entry's has returned already. Equal addresses are kept, because an
 * inlined profiled function shares its caller's frame address.
 */
#include <stddef.h>
#include <stdlib.h>

#include "api.h"
#include "clock.h"
#include "config.h"
#include "cost.h"
#include "registry.h"
#include "sampler.h"
#include "signals.h"
#include "thread.h"
#include "timeline.h"

/* The asm line probes of scope_profiler.h spell these offsets out. */
_Static_assert(offsetof(scope_frame, cur) == 0 && offsetof(scope_frame, last) == 8 &&
                   offsetof(scope_frame, lines) == 16 && offsetof(scope_frame, probes) == 24 &&
                   offsetof(scope_frame, at) == 88,
               "scope_frame layout the asm line probes assume");
_Static_assert(sizeof(scope_line_acc) == 16 && offsetof(scope_line_acc, hits) == 0 &&
                   offsetof(scope_line_acc, ticks) == 8,
               "scope_line_acc layout the asm line probe assumes");

/* The line probe of code compiled without optimisation (scope_profiler.h). */
void scope__line_call(scope_frame *const *frp, int row)
{
    scope__line(*frp, (unsigned)row);
}

#if defined(__x86_64__) && defined(__LP64__)
/* The clock-per-line probe for gcc without optimisation (scope_profiler.h:
 * SCOPE__TICK_ASM): called from a three-instruction asm with the frame in
 * rax and the row in edx, it does what the optimised asm probe does and
 * keeps every register but those two and the flags, so that the asm
 * clobbers two registers where a C call clobbers every caller-saved one.
 * For gcc, the asm costs half the compile time of the call (bench/
 * compile_cost.py). Written here in assembly because no C function can
 * promise to keep every register. The field offsets are those checked
 * above. */
__asm__(".pushsection .text\n"
        ".globl scope__line_tick\n"
        ".type scope__line_tick, @function\n"
        "scope__line_tick:\n"
        ".cfi_startproc\n"
        "\tmovl %edx, 88(%rax)\n"      /* fr->at = row */
        "\tcmpq $0, 16(%rax)\n"        /* no line table: no clock */
        "\tje 1f\n"
        "\tpushq %rcx\n"
        ".cfi_adjust_cfa_offset 8\n"
        "\tpushq %rsi\n"
        ".cfi_adjust_cfa_offset 8\n"
        "\tmovq %rax, %rcx\n"          /* rcx = fr */
        "\tmovl %edx, %esi\n"          /* rsi = row */
        "\trdtsc\n"
        "\tshlq $32, %rdx\n"
        "\torq %rdx, %rax\n"           /* rax = now */
        "\tmovq %rax, %rdx\n"
        "\tsubq 8(%rcx), %rdx\n"       /* rdx = now - fr->last */
        "\tmovq %rax, 8(%rcx)\n"       /* fr->last = now */
        "\tmovq (%rcx), %rax\n"
        "\taddq %rdx, 8(%rax)\n"       /* fr->cur->ticks += rdx */
        "\tshlq $4, %rsi\n"
        "\taddq 16(%rcx), %rsi\n"      /* rsi = fr->lines + row */
        "\taddq $1, (%rsi)\n"          /* its hits++ */
        "\tmovq %rsi, (%rcx)\n"        /* fr->cur = it */
        "\taddq $1, 24(%rcx)\n"        /* fr->probes++ */
        "\tpopq %rsi\n"
        ".cfi_adjust_cfa_offset -8\n"
        "\tpopq %rcx\n"
        ".cfi_adjust_cfa_offset -8\n"
        "1:\tret\n"
        ".cfi_endproc\n"
        ".size scope__line_tick, .-scope__line_tick\n"
        ".popsection");
#endif

/* Last resort when even the thread's state cannot be allocated: shared
 * scratch rows (what they receive is never read). */
#define SCOPE__FALLBACK_ROWS 65536
static scope_line_acc fallback_rows[SCOPE__FALLBACK_ROWS];
static scope_frame fallback = { .cur = fallback_rows, .lines = fallback_rows, .depth = ~0u };

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

/* Push a frame for region `rid` and start its clock. `rows` is the
 * function's table of nrows rows, or NULL for a statement region. NULL
 * when memory ran out. */
/* The call edge that an entry of function `fid` made from the row the
 * caller's frame is on, or NULL (no profiled caller, or one without a line
 * table, or no memory). */
static __attribute__((noinline)) scope__edge *edge_slow(scope__thread *t, scope__table *ctab,
                                                         unsigned caller, unsigned row,
                                                         unsigned fid)
{
    scope__edge *e = ctab->out ? scope__edge_find(t->edges, caller, row, fid) : NULL;
    sigset_t old;
    if (!e) {
        /* A new edge, or the row cache: allocations, signals wait
         * (signals.h). */
        scope__sigs_block(&old);
        if (!ctab->out)
            ctab->out = scope__calloc(ctab->nrows, sizeof *ctab->out);
        e = ctab->out ? scope__edge_get(&t->edges, caller, row, fid) : NULL;
        scope__sigs_restore(&old);
    }
    if (e)
        ctab->out[row] = e;
    return e;
}

/* The row the calling function's frame `c` is on: the counting probe's
 * `at`, or the row the clock-per-line probe is timing (the scratch row
 * before the first probe, which the report leaves out). */
static inline unsigned caller_row(const scope_frame *c)
{
    return c->sampled ? c->at : (unsigned)(c->cur - c->lines);
}

/* The call edge of an entry of `fid` below `up` without the slow path:
 * 1 and *e set (NULL: no edge to record), or 0 when edge_slow must find
 * or make it. */
static inline int edge_cached(scope__thread *t, const scope_frame *up, unsigned fid,
                              scope__edge **e)
{
    const scope_frame *c = up ? up->fn : NULL;
    scope__table *ctab;
    unsigned r;
    *e = NULL;
    if (!c || c->fid < 0)
        return 1;
    r = caller_row(c);
    ctab = &t->tables[c->fid];
    if (r >= ctab->nrows) /* SCOPE__NO_ROW: no line probe yet */
        return 1;
    return ctab->out && (*e = ctab->out[r]) && (*e)->callee == fid;
}

static scope__edge *edge_of(scope__thread *t, const scope_frame *up, unsigned fid)
{
    scope__edge *e;
    if (__builtin_expect(edge_cached(t, up, fid, &e), 1))
        return e;
    /* A miss: up->fn is a function frame on a row of its table. */
    return edge_slow(t, &t->tables[up->fn->fid], (unsigned)up->fn->fid, caller_row(up->fn), fid);
}

/* The next frame slot of `t` when it needs no new chunk, NULL otherwise
 * (the slow path then pushes). */
static inline scope_frame *next_slot(scope__thread *t)
{
    unsigned slot = t->depth % SCOPE__CHUNK;
    if (slot)
        return t->top + 1;
    if (t->depth == 0 && t->first) {
        t->chunk = t->first;
        return t->first->f;
    }
    return NULL;
}

/* Inlined, as are close_frame, compensate and record_entry below: as
 * calls, with the calls they made, they were a quarter of a clock-per-line
 * entry and exit pair (bench-probe: 30.8 ns, 23.7 ns inlined). */
#define SCOPE__INLINE static inline __attribute__((always_inline))

SCOPE__INLINE scope_frame *open_frame(scope__thread *t, int rid, int func, scope_line_acc *rows,
                                      unsigned nrows, const void *cfa, int sampled, int fid)
{
    scope_frame *up, *fr;
    drop_abandoned(t, cfa);
    up = t->top;
    /* A slot of a chunk the thread has, without the call; a new chunk,
     * the runtime's push. */
    if ((fr = next_slot(t)) != NULL) {
        t->top = fr;
        fr->depth = t->depth;
        __atomic_store_n(&t->depth, t->depth + 1, __ATOMIC_RELEASE);
    } else {
        fr = scope__thread_push(t);
    }
    if (!fr)
        return NULL;
    fr->up = up;
    fr->probes = 0;
    fr->nested = 0;
    if (func) {
        /* rows NULL: a clock-per-line function with line tables off. */
        if (rows)
            rows[nrows - 1].hits++; /* the scratch row counts entries */
        fr->lines = rows;
        fr->cur = rows ? rows + nrows - 1 : NULL;
        fr->fn = fr;
        fr->base = 0;
    } else {
        /* The line probes inside a statement region are those of the
         * function frame below it; remember how many it had run. */
        fr->lines = NULL;
        fr->cur = NULL;
        fr->fn = up ? up->fn : NULL;
        fr->base = fr->fn ? fr->fn->probes : 0;
    }
    fr->cfa = cfa;
    fr->region = rid;
    fr->sampled = sampled;
    fr->fid = fid;
    __atomic_store_n(&fr->at, SCOPE__NO_ROW, __ATOMIC_RELAXED);
    fr->edge = fid >= 0 ? edge_of(t, up, (unsigned)fid) : NULL;
    t->regions[rid].open++;     /* recursion-aware totals (stats.h) */
    if (sampled) {
        /* No clock, except for the timeline's record of the entry. */
        fr->start = __atomic_load_n(&t->elapsed, __ATOMIC_RELAXED);
        fr->last = scope__timeline_cap ? scope__clock_now() : 0;
        return fr;
    }
    /* The row being timed where the entry is made pays for the enter: for
     * a statement region that is the line before the block, not the one
     * that will be timed when the block is left. A sampled row's time is
     * the sampler's, with no probe cost in it. */
    if (up && up->fn && up->fn->cur && !up->fn->sampled &&
        __atomic_load_n(&scope__cfg.compensate, __ATOMIC_RELAXED))
        up->fn->cur->ticks -= scope__cost_enter(&scope__cost, rows != NULL);
    fr->start = fr->last = scope__clock_now();
    return fr;
}

/* scope__enter after the thread lookup. `force` skips the "recording?"
 * exit, for the start-up measurement (the test itself still runs). */
static inline scope_frame *enter_func(scope__thread *t, scope_func_desc *desc,
                                      const void *cfa, int force, int sampled)
{
    unsigned nrows = desc->nlines + 1;
    scope_line_acc *rows;
    scope_frame *fr;
    int fid, rid;

    if (!recording() && !force)
        return nothing(t, nrows);
    fid = scope__func_id(desc);
    if (fid < 0)
        return nothing(t, nrows);
    rid = __atomic_load_n(&desc->region.id, __ATOMIC_ACQUIRE) - 1;
    /* Line tables off: a clock-per-line frame gets none (its probes then
     * skip, reading no clock); a sampled one gets scratch rows, which its
     * counting probe (four instructions, no clock) writes unread. */
    if (!__atomic_load_n(&scope__cfg.lines, __ATOMIC_RELAXED))
        rows = sampled ? scope__thread_scratch(t, nrows) : NULL;
    else if ((unsigned)fid < t->ntables && t->tables[fid].rows)
        rows = t->tables[fid].rows;
    else
        rows = scope__thread_table(t, (unsigned)fid, nrows);
    if ((!rows && (sampled || __atomic_load_n(&scope__cfg.lines, __ATOMIC_RELAXED))) ||
        !scope__thread_racc(t, (unsigned)rid)) {
        scope__note("out of memory: an entry of %s was not recorded", desc->function);
        return nothing(t, nrows);
    }
    /* Call edges need the caller's rows and the callee's table: none
     * with line tables off. */
    fr = open_frame(t, rid, 1, rows, nrows, cfa, sampled,
                    rows && (unsigned)fid < t->ntables && t->tables[fid].rows == rows ? fid : -1);
    if (!fr) {
        scope__note("out of memory: an entry of %s was not recorded", desc->function);
        return nothing(t, nrows);
    }
    return fr;
}

static inline scope_frame *enter_region(scope__thread *t, scope_region_site *site,
                                        const void *cfa, int force, int sampled)
{
    scope_frame *fr;
    int rid;

    if (!recording() && !force)
        return nothing_region(t);
    /* The registered id and the thread's accumulator, known after the
     * first entry, without the calls that make them. */
    rid = __atomic_load_n(&site->id, __ATOMIC_ACQUIRE) - 1;
    if (rid < 0)
        rid = scope__region_id(site);
    if (rid < 0 || ((unsigned)rid >= t->nregions && !scope__thread_racc(t, (unsigned)rid)))
        return nothing_region(t);
    fr = open_frame(t, rid, 0, NULL, 0, cfa, sampled, -1);
    if (!fr) {
        scope__note("out of memory: an entry of region %s was not recorded", site->name);
        return nothing_region(t);
    }
    return fr;
}

scope_frame *scope__enter(scope_func_desc *desc, const void *cfa)
{
    scope__thread *t = scope__tls;
    if (!t && !(t = scope__thread_get()))
        return nothing(NULL, desc->nlines + 1);
    return enter_func(t, desc, cfa, 0, 0);
}

scope_frame *scope__region_enter(scope_region_site *site, const void *cfa)
{
    scope__thread *t = scope__tls;
    if (!t && !(t = scope__thread_get()))
        return nothing_region(NULL);
    return enter_region(t, site, cfa, 0, 0);
}

/* ---- sampled entries ------------------------------------------------- */

/* Can a sampled entry take the fast path at all: recording, with line
 * tables, and no timeline (whose records need clock reads)? */
static inline int fast_ok(void)
{
    /* Bitwise: one branch for the four, which are all true in a run. */
    return (int)(__atomic_load_n(&scope__cfg.activated, __ATOMIC_RELAXED) != 0) &
           (int)(__atomic_load_n(&scope__cfg.lines, __ATOMIC_RELAXED) != 0) &
           (int)(__atomic_load_n(&scope__closed, __ATOMIC_RELAXED) == 0) &
           (int)(scope__timeline_cap == 0);
}

/* The frame a sampled entry can take without the slow path, its link,
 * counters and frame address set; NULL when the entry must go the slow
 * way (a frame a longjmp skipped below it, profiling or lines off, a
 * timeline, a new chunk). */
static inline scope_frame *fast_slot(scope__thread *t, const void *cfa)
{
    scope_frame *up = t->top, *fr;
    if ((up && (const char *)up->cfa < (const char *)cfa) || !fast_ok() || !(fr = next_slot(t)))
        return NULL;
    fr->up = up;
    fr->probes = 0;
    fr->nested = 0;
    fr->cfa = cfa;
    return fr;
}

/* Finish pushing `fr`, filled in, on top of `t`. */
static inline scope_frame *fast_push(scope__thread *t, scope_frame *fr, int rid)
{
    fr->region = rid;
    fr->sampled = 1;
    fr->depth = t->depth;
    fr->start = __atomic_load_n(&t->elapsed, __ATOMIC_RELAXED);
    fr->last = 0;
    t->regions[rid].open++;
    t->top = fr;
    __atomic_store_n(&t->depth, t->depth + 1, __ATOMIC_RELEASE);
    return fr;
}

/* The slow path: first entries (registering the function, its table and
 * the thread with the sampler), a new chunk, frames a longjmp skipped,
 * profiling or lines off. */
static scope_frame *enter_sampled_slow_on(scope_func_desc *desc, const void *cfa);

/* Signals wait through the whole slow path at the cost of one mask change
 * each way: its steps block them on their own (signals.h), and without the
 * outer block each would pay its two system calls. A thread that has its
 * state was marked in the runtime by scope__enter_sampled already. */
static __attribute__((noinline)) scope_frame *enter_sampled_slow(scope_func_desc *desc,
                                                                  const void *cfa)
{
    scope__thread *t = scope__tls;
    sigset_t old;
    scope_frame *fr;
    scope__sigs_block(&old);
    fr = enter_sampled_slow_on(desc, cfa);
    scope__sigs_restore(&old);
    if (t)
        scope__rt_out(t);
    return fr;
}

static scope_frame *enter_sampled_slow_on(scope_func_desc *desc, const void *cfa)
{
    scope__thread *t = scope__tls;
    scope__stab *st;
    scope_frame *fr;
    int fid;
    if (!t && !(t = scope__thread_get()))
        return nothing(NULL, desc->nlines + 1);
    fr = enter_func(t, desc, cfa, 0, 1);
    /* The dummy and fallback frames (nothing recorded) are on no stack. */
    if (fr->depth >= t->depth)
        return fr;
    scope__sampler_ensure(t);
    fid = __atomic_load_n(&desc->id, __ATOMIC_ACQUIRE) - 1;
    /* With line tables off the rows are scratch: nothing to sample but
     * the entry's own time. */
    if (fid < 0 || (unsigned)fid >= t->ntables || t->tables[fid].rows != fr->lines)
        return fr;
    st = t->tables[fid].st ? t->tables[fid].st : scope__thread_stab(t, (unsigned)fid);
    if (!st) {
        scope__note("out of memory: sampled times of %s are missing", desc->function);
        return fr;
    }
    __atomic_store_n(&fr->st, st, __ATOMIC_RELEASE);
    /* Every later entry of the function on this thread takes the fast
     * path: the state it needs now exists. */
    if (fr->region >= 0 && (unsigned)fr->region < t->nregions)
        t->tables[fid].rid1 = fr->region + 1;
    return fr;
}

/* The end of a sampled function entry: `fr` filled in but for its edge
 * `e`, pushed on `t` as region `rid`; then the runtime is left. */
SCOPE__INLINE scope_frame *enter_sampled_push(scope__thread *t, scope_frame *fr, int rid,
                                              scope__edge *e)
{
    fr->edge = e;
    __atomic_store_n(&fr->at, SCOPE__NO_ROW, __ATOMIC_RELAXED);
    __atomic_store_n(&fr->st, t->tables[fr->fid].st, __ATOMIC_RELEASE);
    fast_push(t, fr, rid);
    scope__rt_out(t);
    return fr;
}

/* The fast entry whose call edge is not in the caller row's cache. */
static __attribute__((noinline)) scope_frame *enter_sampled_edge(scope__thread *t, scope_frame *fr,
                                                                  int rid)
{
    return enter_sampled_push(t, fr, rid, edge_of(t, fr->up, (unsigned)fr->fid));
}

/* The entry points of sampled files run inside scope__rt_in/out (thread.h):
 * samples taken in them are the profiler's, charged to no line or entry
 * (a thread's very first entry has no state yet to mark). The fast path
 * makes no call but tail calls, so that it needs no register saved: every
 * way off it (enter_sampled_slow, enter_sampled_edge) finishes the entry
 * and leaves the runtime itself. */
scope_frame *scope__enter_sampled(scope_func_desc *desc, const void *cfa)
{
    scope__thread *t = scope__tls;
    unsigned fid;
    scope__table *tab;
    scope_frame *up, *fr;
    scope__edge *e;
    int rid;
    if (__builtin_expect(!t, 0))
        return enter_sampled_slow(desc, cfa);
    /* The mark first: a sample taken in the tests below is the
     * profiler's time too, and would otherwise be charged to the calling
     * line. Every way off the fast path leaves the runtime itself. */
    scope__rt_in(t);
    /* Relaxed: nothing the registry made is read here, only this
     * thread's own tables. */
    fid = (unsigned)__atomic_load_n(&desc->id, __ATOMIC_RELAXED) - 1u;
    /* Every test of the fast path is of state this thread made itself on
     * an earlier entry of the same function (rid1: its table, its sampled
     * table and its region accumulator), so a first entry goes the slow
     * way and every later one this way; then the configuration, a frame
     * a longjmp skipped, and a new chunk. */
    if (__builtin_expect(fid >= t->ntables, 0))
        return enter_sampled_slow(desc, cfa);
    tab = &t->tables[fid];
    rid = tab->rid1 - 1;
    up = t->top;
    if (__builtin_expect(rid < 0 || !t->sampled || !fast_ok() ||
                             (up && (const char *)up->cfa < (const char *)cfa) ||
                             !(fr = next_slot(t)),
                         0))
        return enter_sampled_slow(desc, cfa);
    /* A sampled function frame: what the sampler, the exit, the call
     * edges of its callees and longjmp's recognition read. The clock-per-
     * line fields (cur, probes, nested, base) are never read for it. */
    fr->up = up;
    fr->cfa = cfa;
    fr->lines = tab->rows;
    tab->rows[tab->nrows - 1].hits++; /* the scratch row counts entries */
    fr->fn = fr;
    fr->fid = (int)fid;
    if (__builtin_expect(!edge_cached(t, up, fid, &e), 0))
        return enter_sampled_edge(t, fr, rid);
    return enter_sampled_push(t, fr, rid, e);
}

static __attribute__((noinline)) scope_frame *region_sampled_slow(scope_region_site *site,
                                                                   const void *cfa)
{
    scope__thread *t = scope__tls;
    scope_frame *fr;
    if (!t && !(t = scope__thread_get()))
        return nothing_region(NULL);
    fr = enter_region(t, site, cfa, 0, 1);
    if (fr->depth < t->depth)
        scope__sampler_ensure(t);
    return fr;
}

static inline scope_frame *region_enter_sampled(scope__thread *t, scope_region_site *site,
                                                const void *cfa)
{
    int rid = __atomic_load_n(&site->id, __ATOMIC_ACQUIRE) - 1;
    scope_frame *fr;
    if (__builtin_expect(rid < 0 || (unsigned)rid >= t->nregions || !t->sampled, 0))
        return region_sampled_slow(site, cfa);
    if (__builtin_expect(!(fr = fast_slot(t, cfa)), 0))
        return region_sampled_slow(site, cfa);
    fr->lines = NULL;
    fr->cur = NULL;
    fr->fn = fr->up ? fr->up->fn : NULL;
    fr->base = fr->fn ? fr->fn->probes : 0;
    fr->fid = -1;
    fr->edge = NULL;
    __atomic_store_n(&fr->at, SCOPE__NO_ROW, __ATOMIC_RELAXED);
    __atomic_store_n(&fr->st, NULL, __ATOMIC_RELAXED);
    return fast_push(t, fr, rid);
}

scope_frame *scope__region_enter_sampled(scope_region_site *site, const void *cfa)
{
    scope__thread *t = scope__tls;
    scope_frame *fr;
    if (!t)
        return region_sampled_slow(site, cfa);
    scope__rt_in(t);
    fr = region_enter_sampled(t, site, cfa);
    scope__rt_out(t);
    return fr;
}

/* Overhead compensation of the closing entry `fr` that lasted dt ticks
 * (the arithmetic: scope__cost_leave in cost.h). Returns the entry's
 * compensated time and hands its inclusive cost down the stack. Row ticks
 * below may dip below zero here; the report reads them as signed.
 *
 * A profiled function called from a line timed by clock reads (its frame
 * has no sampled table) is charged against that line's window: the ticks
 * since the line's last clock read, which this leave then adds to the line
 * and restarts from its own clock read, so that the next call on the same
 * line has a window of its own. The sum of the line's intervals is the
 * same; the line probe that ends it charges the rest. */
SCOPE__INLINE scope_u64 compensate(scope_frame *fr, scope_u64 dt)
{
    scope_frame *up = fr->up, *caller = up ? up->fn : NULL;
    scope_u64 now = fr->start + dt;
    scope__leave_in in;
    scope__leave_charge ch;

    in.func = fr->lines != NULL;
    in.dt = dt;
    in.nested = fr->nested;
    if (in.func)
        in.probes = fr->probes;
    else
        in.probes = fr->fn ? fr->fn->probes - fr->base : 0;
    in.windowed = in.func && caller && !caller->sampled;
    in.window = in.windowed ? now - caller->last : 0;
    ch = scope__cost_leave(&scope__cost, &in);
    if (in.func)
        fr->cur->ticks -= ch.last_row;
    /* No line probe ran: the entry row (still the row being timed) got all
     * of dt, less what the entries inside took; leave it the `first` that
     * the report expects of every entry (scope__cost_first_excess). */
    if (in.func && !in.probes && !fr->sampled)
        fr->cur->ticks += scope__cost.first - (dt - fr->nested);
    if (up) {
        up->nested += ch.up_nested;
        /* A sampled row's time is the sampler's, with no probe cost in it. */
        if (caller && caller->cur && !caller->sampled) {
            caller->cur->ticks -= ch.up_row;
            if (in.windowed) {
                caller->cur->ticks += in.window;
                caller->last = now;
            }
        }
    }
    return ch.time;
}

/* Add an entry of `dt` ticks to its region and its call edge. */
SCOPE__INLINE void record_entry(scope__thread *t, const scope_frame *fr, scope_u64 dt)
{
    scope__racc *acc = &t->regions[fr->region];
    scope__edge *e = fr->edge;
    if (e) {
        e->count++;
        e->ticks += dt;
    }
    scope__racc_add(acc, dt);
    if (acc->open == 1) {
        acc->outer_calls++;
        acc->outer_total += dt;
    }
}

/* Record the entry `fr` as ending at `now` (a sampled entry: its time is
 * the thread's sampled time since entry; `now` serves the timeline). */
SCOPE__INLINE void close_frame(scope__thread *t, scope_frame *fr, scope_u64 now)
{
    scope_u64 dt;
    if (fr->sampled) {
        if (scope__timeline_cap && fr->last && t == scope__tls)
            scope__timeline_record(fr->region, fr->last, now - fr->last);
        record_entry(t, fr, __atomic_load_n(&t->elapsed, __ATOMIC_RELAXED) - fr->start);
        return;
    }
    dt = now - fr->start;
    if (scope__timeline_cap && t == scope__tls)   /* not the start-up measurement's */
        scope__timeline_record(fr->region, fr->start, dt);
    if (fr->lines)
        fr->cur->ticks += now - fr->last;
    if (__atomic_load_n(&scope__cfg.compensate, __ATOMIC_RELAXED))
        dt = compensate(fr, dt);
    record_entry(t, fr, dt);
}

static inline void leave_on(scope__thread *t, scope_frame *fr, scope_u64 now)
{
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

/* Close and pop the sampled entry `fr`, the top of `t`'s stack (the fast
 * exit: record_entry and scope__thread_pop for the case at hand). */
SCOPE__INLINE void close_sampled_top(scope__thread *t, scope_frame *fr)
{
    scope__racc *acc = &t->regions[fr->region];
    record_entry(t, fr, __atomic_load_n(&t->elapsed, __ATOMIC_RELAXED) - fr->start);
    if (acc->open) /* a reset while the entry was open zeroes it */
        acc->open--;
    scope__thread_pop_frame(t, fr, t->depth);
}

/* Every exit but the sampled fast one: a clock-per-line entry, a frame
 * below the top, the timeline. Out of line, so that the fast exit saves
 * no registers. A sampled frame's thread was marked in the runtime by
 * scope__leave already. */
static __attribute__((noinline)) void leave_slow(scope__thread *t, scope_frame *fr)
{
    if (t && fr->sampled) {
        leave_on(t, fr, scope__clock_now());
        scope__rt_out(t);
        return;
    }
    leave_on(t, fr, scope__clock_now());
}

void scope__leave(scope_frame **frame)
{
    scope_frame *fr = *frame;
    scope__thread *t = scope__tls;
    if (__builtin_expect(fr->sampled && t != NULL, 1)) {
        /* The mark before the tests, as in the entry. */
        scope__rt_in(t);
        /* On top of its stack, timeline off: no clock. */
        if (__builtin_expect(fr == t->top && !scope__timeline_cap, 1)) {
            close_sampled_top(t, fr);
            scope__rt_out(t);
            return;
        }
    }
    leave_slow(t, fr);
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

/* ---- start-up measurement of enter and leave (cost.h) ------------------ */

/* The entry points' twins on a given thread state. Not inlined, so that a
 * measured pair includes calls and returns as a real one does. */
static __attribute__((noinline)) scope_frame *cal_enter(scope__thread *t, scope_func_desc *d,
                                                         const void *cfa)
{
    return enter_func(t, d, cfa, 1, 0);
}

static __attribute__((noinline)) scope_frame *cal_region_enter(scope__thread *t,
                                                                scope_region_site *s,
                                                                const void *cfa)
{
    return enter_region(t, s, cfa, 1, 0);
}

static __attribute__((noinline)) void cal_leave(scope__thread *t, scope_frame **frame)
{
    scope_u64 now = scope__clock_now();
    leave_on(t, *frame, now);
}

/* Frames per batch (entered one inside the other, then left), batches. */
enum { NEST = 16, BATCHES = 48 };

/* One batch of NEST entries of a profiled function (`d`) or a statement
 * region (`s`), each inside the previous one, then NEST leaves. The least
 * time of each half so far goes to best[0] (enter) and best[1] (leave). */
static void nest_batch(scope__thread *t, scope_func_desc *d, scope_region_site *s,
                       scope_u64 best[2])
{
    const void *cfa = __builtin_frame_address(0);
    scope_frame *fr[NEST];
    scope_u64 t0, t1, t2;
    int i;
    t0 = scope__clock_now();
    for (i = 0; i < NEST; i++) {
        fr[i] = d ? cal_enter(t, d, cfa) : cal_region_enter(t, s, cfa);
        __asm__ __volatile__("" : : "r"(fr[i]) : "memory");
    }
    t1 = scope__clock_now();
    for (i = NEST - 1; i >= 0; i--)
        cal_leave(t, &fr[i]);
    t2 = scope__clock_now();
    if (t1 - t0 < best[0])
        best[0] = t1 - t0;
    if (t2 - t1 < best[1])
        best[1] = t2 - t1;
}

/* Per entry: each half also holds one clock read of its own (`isolated`). */
static scope_u64 per_entry(scope_u64 best, double isolated)
{
    double per = ((double)best - isolated) / NEST;
    return per > 0.0 ? (scope_u64)(per + 0.5) : 0;
}

/* Entries per batch of the interval measurements, batches. */
enum { SPAN = 16, SPANS = 24 };

/* The least over batches of the mean per entry, in ticks, of SPAN empty
 * entries (left as soon as entered) of the statement region `s` or the
 * profiled function `d`: their time. A mean, not the least single entry:
 * the clock read is not ordered with the code before it, and the odd entry
 * whose second read ran early reads a tick or two. The least batch is the
 * one no interrupt hit. The costs are zero while they are measured
 * (scope__costs_calibrate), so the region accumulator holds raw times. */
static scope_u64 empty_entries(scope__thread *t, scope_region_site *s, scope_func_desc *d)
{
    const void *cfa = __builtin_frame_address(0);
    scope__racc *acc = &t->regions[(s ? s->id : d->region.id) - 1];
    double best = -1.0;
    int b, i;
    for (b = 0; b < SPANS; b++) {
        scope_u64 before = acc->total;
        for (i = 0; i < SPAN; i++) {
            scope_frame *fr = s ? cal_region_enter(t, s, cfa) : cal_enter(t, d, cfa);
            __asm__ __volatile__("" : : "r"(fr) : "memory");
            cal_leave(t, &fr);
        }
        if (best < 0.0 || (double)(acc->total - before) / SPAN < best)
            best = (double)(acc->total - before) / SPAN;
    }
    return best > 0.0 ? (scope_u64)(best + 0.5) : 0;
}

static scope_u64 ticks_of(double x)
{
    return x > 0.0 ? (scope_u64)(x + 0.5) : 0;
}

/* A line that calls a one-line profiled function, as instrumented code
 * runs it: in a frame of `caller`, row 0's probe, then the call of
 * `callee` (enter, its row 0's probe, leave); SPAN calls a batch, so that
 * row 0 times SPAN intervals of one call each. From the batch's rows: the
 * callee's first interval (its entry row), its last line's interval beyond
 * `line` (its row 0: the tail), and what each call added to the calling
 * line besides the callee's own interval (the caller's row 0, less the
 * callee's region time, less `line`). Each figure is the least over
 * batches of the batch's mean. */
static void calling_line(scope__thread *t, scope_func_desc *caller, scope_func_desc *callee,
                         double line, scope__costs *out)
{
    const void *cfa = __builtin_frame_address(0);
    scope_line_acc *c_row = t->tables[caller->id - 1].rows;
    scope_line_acc *g_rows = t->tables[callee->id - 1].rows;
    scope__racc *g_acc = &t->regions[callee->region.id - 1];
    double first = -1.0, tail = -1.0, outside = -1.0;
    int b, i;
    for (b = 0; b < SPANS; b++) {
        scope_u64 f0 = g_rows[callee->nlines].ticks, l0 = g_rows[0].ticks;
        scope_u64 r0 = c_row[0].ticks, d0 = g_acc->total;
        scope_frame *c = cal_enter(t, caller, cfa);
        double m;
        for (i = 0; i < SPAN; i++) {
            scope_frame *g;
            SCOPE__LINE_ON(c, 0);
            g = cal_enter(t, callee, cfa);
            SCOPE__LINE_ON(g, 0);
            __asm__ __volatile__("" : : "r"(g) : "memory");
            cal_leave(t, &g);
        }
        SCOPE__LINE_ON(c, 1);
        cal_leave(t, &c);
        m = (double)(g_rows[callee->nlines].ticks - f0) / SPAN;
        if (first < 0.0 || m < first)
            first = m;
        m = (double)(g_rows[0].ticks - l0) / SPAN - line;
        if (tail < 0.0 || m < tail)
            tail = m;
        m = ((double)(c_row[0].ticks - r0) - (double)(g_acc->total - d0)) / SPAN - line;
        if (outside < 0.0 || m < outside)
            outside = m;
    }
    out->first = ticks_of(first);
    out->tail = ticks_of(tail);
    out->outside = ticks_of(outside);
}

int scope__measure_frames(double isolated, scope__costs *out)
{
    /* Descriptors whose indexes are set already, so that no registry entry
     * is made: indexes 0 and 1 of the private state's tables, 0 to 2 of its
     * accumulators. */
    static scope_func_desc desc = { SCOPE_PROFILER_ABI, "", "", 0, 1, NULL, { "", 1 }, 1, NULL };
    static scope_func_desc caller = { SCOPE_PROFILER_ABI, "", "", 0, 2, NULL, { "", 3 }, 2, NULL };
    static scope_region_site site = { "", 1 }, empty = { "", 2 };
    scope__thread *t = calloc(1, sizeof *t);
    int rc = -1;
    if (t && scope__thread_table(t, 0, desc.nlines + 1) &&
        scope__thread_table(t, 1, caller.nlines + 1) && scope__thread_racc(t, 2)) {
        scope_u64 call[2] = { ~0ull, ~0ull }, region[2] = { ~0ull, ~0ull };
        int b;
        /* The first batches warm the caches, the branch predictors and the
         * frame stack's memory, and count only if they happen to be the
         * fastest. Function and region batches alternate, so that a slow
         * spell of the machine hits both. */
        for (b = 0; b < BATCHES; b++) {
            nest_batch(t, &desc, NULL, call);
            nest_batch(t, NULL, &site, region);
        }
        out->call_enter = per_entry(call[0], isolated);
        out->call_leave = per_entry(call[1], isolated);
        out->region_enter = per_entry(region[0], isolated);
        out->region_leave = per_entry(region[1], isolated);
        /* Empty entries, left as soon as entered: what an entry's own code
         * adds between its two clock reads. */
        out->inside = empty_entries(t, &empty, NULL);
        out->call_inside = empty_entries(t, NULL, &desc);
        calling_line(t, &caller, &desc, out->line, out);
        rc = t->depth == 0 ? 0 : -1;
    }
    if (t)
        scope__thread_free(t);
    return rc;
}
