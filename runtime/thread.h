/*
 * thread.h - per-thread state: the open-frame stack, line tables and region
 * accumulators, and the "retired" totals of threads that have ended.
 *
 * Probes write only their own thread's state, reached through one
 * _Thread_local pointer, so recording needs no lock or atomic. The report
 * (under scope__lock) adds up every live thread and the retired totals;
 * a thread that ends merges itself into the retired totals from a
 * pthread key destructor, so nothing it recorded is lost.
 *
 * Frames live in fixed-size chunks that never move, so the pointer a
 * function holds to its frame stays valid however deep the recursion.
 *
 * The sampler thread (sampler.h) reads a thread's frame stack while the
 * thread runs: the stack's depth, the chunk links and each frame's `at` and
 * `st` are therefore written with relaxed/release atomics, chunks and
 * tables are freed only after the thread has left the sampler's list, and a
 * popped frame's `at` is cleared before the depth drops.
 */
#ifndef SCOPE_THREAD_H
#define SCOPE_THREAD_H

#include <stddef.h>

#include "calls.h"
#include "scope_profiler.h"
#include "stats.h"

/* Frames per chunk of the frame stack. */
#define SCOPE__CHUNK 1024

typedef struct scope__chunk {
    struct scope__chunk *prev, *next;
    scope_frame f[SCOPE__CHUNK];
} scope__chunk;

/* What the sampler writes of a sampled table: per row, the inclusive time
 * (the samples that found a frame on the row) and the self time (the
 * samples that found it innermost), in ticks. They live apart from the
 * rows' hits, which the program's probes write all the time: sharing their
 * cache lines made every sample take each line from the program's core
 * and the program take it back. Made once, never moved. */
typedef struct scope__stab {
    scope_line_acc *rows;                /* the table's rows (hits) */
    unsigned nrows;
    scope_u64 *incl;                     /* = self + nrows */
    scope_u64 self[];                    /* 2 * nrows: self, then incl */
} scope__stab;

/* One function's line table in one thread: nrows = nlines + 1 (the last
 * row is scratch: time from entry to the first line probe; its `hits`
 * counts entries). */
typedef struct scope__table {
    scope_line_acc *rows;
    unsigned nrows;
    scope__stab *st;                     /* sampled table: self times; NULL
                                            for a clock-per-line table */
    scope__edge **out;                   /* per row, the edge of the last
                                            call made from it (calls.h);
                                            NULL until the first call */
    int rid1;                            /* the function's region index + 1
                                            once a sampled entry of it may
                                            take the fast path on this
                                            thread (its rows, sampled table
                                            and region accumulator made;
                                            probe.c), else 0 */
} scope__table;

/* Rows written by probes whose figures are not kept (profiling off, lines
 * off). Never reallocated: a bigger one is chained in front, so frames
 * still pointing into an older one stay valid. */
typedef struct scope__scratch {
    struct scope__scratch *older;
    unsigned nrows;
    scope_line_acc rows[];
} scope__scratch;

typedef struct scope__thread {
    struct scope__thread *next, *prev;   /* live-thread list (scope__lock) */
    scope__table *tables;                /* by function index */
    unsigned ntables;
    scope__racc *regions;                /* by region index */
    unsigned nregions;
    scope__chunk *first;                 /* frame stack: first chunk */
    scope__chunk *chunk;                 /* chunk holding the top frame */
    unsigned depth;                      /* open frames */
    scope_frame *top;                    /* top frame, NULL when empty */
    scope__scratch *scratch;
    scope_frame dummy;                   /* returned when nothing is recorded */
    scope_u64 abandoned;                 /* frames dropped (longjmp) */
    scope__edge *edges;                  /* call edges (calls.h) */
    scope_u64 elapsed;                   /* sampled time of the thread so
                                            far, in ticks: the sum of what
                                            the sampler charged it (added by
                                            the sampler, read by the thread,
                                            relaxed atomics). A sampled
                                            entry's time is its growth
                                            between entry and exit */
    unsigned inrt;                       /* 1 while the thread runs the
                                            runtime's sampled entry or exit
                                            code (scope__rt_in/out): the
                                            sampler charges none of its
                                            samples then. Written by the
                                            thread, read by the sampler,
                                            relaxed atomics */
    /* The sampler's part (sampler.c, under its lock). */
    struct scope__thread *snext, *sprev; /* sampled-thread list */
    int sampled;                         /* in that list */
    int cpu_ok;                          /* cpu_clock is valid */
    int cpu_clock;                       /* the thread's CPU clock (clockid_t) */
    scope_u64 cpu_last;                  /* its reading at the last sample, ns */
    int cpu_started;                     /* cpu_last is set */
} scope__thread;

extern _Thread_local scope__thread *scope__tls;

/* Totals of the threads that have ended (tables, regions, abandoned). */
extern scope__thread scope__retired;

/* The calling thread's state, created on first use (NULL: out of memory). */
scope__thread *scope__thread_get(void);

/* Free a state that is in no list (the start-up measurement's own). */
void scope__thread_free(scope__thread *t);

/* Push a frame (NULL: out of memory) / pop the top frame. */
scope_frame *scope__thread_push(scope__thread *t);

/* The thread enters and leaves the runtime's sampled entry and exit code.
 * What a sample finds the thread doing there is the profiler's own work,
 * which the program without the profiler does not do: the sampler drops
 * such samples (sampler.c), so that neither the calling line nor the
 * entries' times (the growth of `elapsed`) take the cost of calls into the
 * runtime. This is the sampled mode's overhead compensation, exact up to
 * the few instructions of the call and return around that code. A flag,
 * not a count: a signal handler that longjmps out of an entry would leave
 * a count raised for good, and the flag is right again at the next entry
 * or exit (a profiled handler running inside an entry clears it early,
 * which lets a few nanoseconds be charged). The signal fences keep the
 * runtime's work between the two stores (they emit no code). */
static inline void scope__rt_in(scope__thread *t)
{
    __atomic_store_n(&t->inrt, 1u, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

static inline void scope__rt_out(scope__thread *t)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    __atomic_store_n(&t->inrt, 0u, __ATOMIC_RELAXED);
}

/* Pop `f`, the top frame of `t` (depth > 0), once its region's open
 * count is settled: the frame is marked closed, then the stack shrinks. */
static inline void scope__thread_pop_frame(scope__thread *t, scope_frame *f, unsigned depth)
{
    f->depth = ~0u;
    f->sampled = 0;
    /* The sampler must not charge a closed frame's row. */
    __atomic_store_n(&f->at, SCOPE__NO_ROW, __ATOMIC_RELAXED);
    __atomic_store_n(&f->st, NULL, __ATOMIC_RELAXED);
    __atomic_store_n(&t->depth, depth - 1, __ATOMIC_RELEASE);
    if (depth == 1) {
        t->top = NULL;
        return;
    }
    if ((depth - 1) % SCOPE__CHUNK == 0)
        t->chunk = t->chunk->prev;
    t->top = &t->chunk->f[(depth - 2) % SCOPE__CHUNK];
}

static inline void scope__thread_pop(scope__thread *t)
{
    scope_frame *f = t->top;
    unsigned depth = t->depth;
    if (depth == 0)
        return;
    /* The region's open-entry count (recursion-aware totals, stats.h). */
    if (f->region >= 0 && (unsigned)f->region < t->nregions && t->regions[f->region].open)
        t->regions[f->region].open--;
    scope__thread_pop_frame(t, f, depth);
}

/* Table of function `fid` (nrows rows), created on first use; NULL: out of
 * memory. */
scope_line_acc *scope__thread_table(scope__thread *t, unsigned fid, unsigned nrows);

/* Accumulator of region `rid`; NULL: out of memory. */
scope__racc *scope__thread_racc(scope__thread *t, unsigned rid);

/* The sampled-table record of function `fid`'s table (created on first
 * use; the table must exist). NULL: out of memory. */
scope__stab *scope__thread_stab(scope__thread *t, unsigned fid);

/* At least nrows rows that nobody reads; NULL: out of memory. */
scope_line_acc *scope__thread_scratch(scope__thread *t, unsigned nrows);

/* Add every figure of `from` into `into` (scope__lock held). */
int scope__thread_merge(scope__thread *into, const scope__thread *from);

/* Zero every figure of `t` (open frames stay open). */
void scope__thread_reset(scope__thread *t);

/* Live threads, for the report (scope__lock held). */
scope__thread *scope__thread_first(void);

/* In a forked child: forget the parent's other threads (their memory is
 * a copy nobody will use) and restart the open frames' clocks at `now`. */
void scope__thread_after_fork(scope__thread *self, scope_u64 now);

/* Create the key whose destructor retires ending threads. */
int scope__thread_init(void);

#endif
