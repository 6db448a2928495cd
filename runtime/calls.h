/*
 * calls.h - call edges: how often each line of a profiled function called
 * each profiled function, and the inclusive time of those calls (what
 * callgrind's `calls=` lines and KCachegrind's call graph show).
 *
 * One edge per (caller function, caller row, callee function) and thread,
 * in a hash table of the thread's (uthash on the runtime's own memory).
 * The entry path finds its edge through a cache kept with the caller's
 * table, one edge per row: a line mostly calls one profiled function (and
 * lines that call several call them in turn, or in a loop, so the common
 * case is one load and one compare; a miss is a hash lookup.
 * Edges are never freed while their thread lives (open frames point at
 * them); a reset zeroes their figures.
 */
#ifndef SCOPE_CALLS_H
#define SCOPE_CALLS_H

#include <uthash.h>

#include "scope_profiler.h"

typedef struct scope__edge {
    /* The key: three unsigned, compared as 12 bytes (no padding). */
    unsigned caller;       /* caller's function index */
    unsigned row;          /* caller's table row (line - first_line) */
    unsigned callee;       /* callee's function index */
    scope_u64 count;       /* calls made */
    scope_u64 ticks;       /* their inclusive time, in ticks (compensated
                              in the clock-per-line mode, sampled time in
                              the sampled mode) */
    UT_hash_handle hh;
} scope__edge;

#define SCOPE__EDGE_KEYLEN (3 * sizeof(unsigned))

/* The edge with this key in `head`, or NULL. */
scope__edge *scope__edge_find(scope__edge *head, unsigned caller, unsigned row, unsigned callee);

/* The edge with this key in `*head`, created (zeroed) if missing; NULL when
 * out of memory. */
scope__edge *scope__edge_get(scope__edge **head, unsigned caller, unsigned row, unsigned callee);

/* Add every edge of `from` into `*into`; -1 when out of memory. */
int scope__edges_merge(scope__edge **into, const scope__edge *from);

/* Zero every figure (the edges stay: open frames may point at them). */
void scope__edges_reset(scope__edge *head);

/* Free the table. */
void scope__edges_free(scope__edge **head);

#endif
