/*
 * timeline.c - bounded per-thread buffers of region entries (see
 * timeline.h).
 *
 * A thread's buffer is allocated at its first recorded entry and pushed on
 * a lock-free list; it outlives the thread, so the entries of threads that
 * ended are still reported.
 */
#define _GNU_SOURCE
#include "timeline.h"

#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "mem.h"
#include "registry.h"

typedef struct tl_entry {
    scope_u64 start;       /* ticks */
    scope_u64 ticks;       /* duration, raw */
    int region;
} tl_entry;

typedef struct tl_buf {
    struct tl_buf *next;
    unsigned thread;       /* 1, 2, ... in order of first entry */
    unsigned n;
    scope_u64 dropped;
    tl_entry e[];
} tl_buf;

unsigned scope__timeline_cap;
static tl_buf *all;
static unsigned nthreads;
static _Thread_local tl_buf *mine;
static _Thread_local int failed;

__attribute__((constructor)) static void timeline_init(void)
{
    const char *v = getenv("SCOPE_PROFILER_TIMELINE");
    char *end;
    unsigned long n;
    if (!v || !*v)
        return;
    n = strtoul(v, &end, 10);
    if (*end || n > 100000000UL)
        return;
    scope__timeline_cap = (unsigned)n;
}

void scope__timeline_record(int region, scope_u64 start, scope_u64 ticks)
{
    tl_buf *b = mine;
    if (!b) {
        if (failed)
            return;
        b = scope__malloc(sizeof *b + (size_t)scope__timeline_cap * sizeof b->e[0]);
        if (!b) {
            failed = 1;
            return;
        }
        b->n = 0;
        b->dropped = 0;
        b->thread = __atomic_add_fetch(&nthreads, 1, __ATOMIC_RELAXED);
        b->next = __atomic_load_n(&all, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&all, &b->next, b, 1, __ATOMIC_RELEASE,
                                            __ATOMIC_RELAXED))
            ;
        mine = b;
    }
    if (b->n < scope__timeline_cap) {
        tl_entry *e = &b->e[b->n];
        e->start = start;
        e->ticks = ticks;
        e->region = region;
        __atomic_store_n(&b->n, b->n + 1, __ATOMIC_RELEASE);
    } else {
        b->dropped++;
    }
}

/* CLOCK_MONOTONIC ns of the tick reading t0: a tick reading and the
 * monotonic clock read back to back now, less the ticks since t0. The
 * probes read ticks (the TSC) for their speed; a trace viewer lining up
 * several processes, or upstream's .spt reader, needs one clock that all
 * processes of the machine share, and CLOCK_MONOTONIC is that clock (as
 * Python's perf_counter_ns reads it). */
static scope_u64 origin_ns(scope_u64 t0, double npt)
{
    struct timespec ts;
    scope_u64 now_tick = scope__clock_now(), mono, back;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    mono = (scope_u64)ts.tv_sec * 1000000000ULL + (scope_u64)ts.tv_nsec;
    back = now_tick > t0 ? (scope_u64)((double)(now_tick - t0) * npt + 0.5) : 0;
    return back < mono ? mono - back : 0;
}

void scope__timeline_json(scope__buf *out, double npt)
{
    tl_buf *b, *first = __atomic_load_n(&all, __ATOMIC_ACQUIRE);
    scope_u64 t0 = 0, dropped = 0;
    int have = 0, comma = 0;
    unsigned i;
    if (!scope__timeline_cap)
        return;
    /* Times are ns from the process's earliest recorded entry. */
    for (b = first; b; b = b->next) {
        unsigned n = __atomic_load_n(&b->n, __ATOMIC_ACQUIRE);
        for (i = 0; i < n; i++)
            if (!have || b->e[i].start < t0) {
                t0 = b->e[i].start;
                have = 1;
            }
        dropped += b->dropped;
    }
    scope__buf_printf(out, ",\n  \"timeline\": {\"capacity\": %u, \"dropped\": %llu, "
                      "\"origin_monotonic_ns\": %llu, \"threads\": [",
                      scope__timeline_cap, (unsigned long long)dropped,
                      (unsigned long long)origin_ns(have ? t0 : scope__clock_now(), npt));
    for (b = first; b; b = b->next) {
        unsigned n = __atomic_load_n(&b->n, __ATOMIC_ACQUIRE);
        scope__buf_printf(out, "%s\n    {\"thread\": %u, \"dropped\": %llu, \"entries\": [",
                          comma++ ? "," : "", b->thread, (unsigned long long)b->dropped);
        for (i = 0; i < n; i++) {
            const tl_entry *e = &b->e[i];
            scope__buf_printf(out, "%s\n      [%u, %llu, %llu]", i ? "," : "", (unsigned)e->region,
                              (unsigned long long)((double)(e->start - t0) * npt + 0.5),
                              (unsigned long long)((double)e->ticks * npt + 0.5));
        }
        scope__buf_puts(out, n ? "\n    ]}" : "]}");
    }
    scope__buf_puts(out, first ? "\n  ],\n  \"timeline_regions\": [" : "],\n  \"timeline_regions\": [");
    for (i = 0; i < scope__region_count(); i++) {
        const char *name = scope__region_name(i);
        scope__buf_puts(out, i ? ", \"" : "\"");
        /* Region names are C string literals from the annotations; escape
         * the two characters JSON needs. */
        for (; name && *name; name++) {
            if (*name == '"' || *name == '\\')
                scope__buf_put(out, "\\", 1);
            scope__buf_put(out, name, 1);
        }
        scope__buf_puts(out, "\"");
    }
    scope__buf_puts(out, "]}");
}

void scope__timeline_reset(void)
{
    tl_buf *b;
    for (b = __atomic_load_n(&all, __ATOMIC_ACQUIRE); b; b = b->next) {
        __atomic_store_n(&b->n, 0, __ATOMIC_RELEASE);
        b->dropped = 0;
    }
}
