/*
 * stats.h - one region's accumulator: call count, total, extremes and a
 * mergeable variance.
 *
 * Each thread keeps its own accumulator per region: the count, the sum and
 * the sum of squares of its entries' times, all exact integers. Recording
 * an entry is then three adds, a multiply and two compares: no division
 * and no floating point, so that consecutive entries (a recursive
 * function's) form no chain of dependent divisions, which a running mean
 * (Welford's update) would. Merging threads is adding the sums, exactly;
 * the variance is derived from them when a report is made
 * (scope__racc_m2), in exact 128-bit arithmetic while it fits.
 */
#ifndef SCOPE_STATS_H
#define SCOPE_STATS_H

#include "scope_profiler.h"

/* Exact sums of squares (-pedantic wants the extension said). */
__extension__ typedef unsigned __int128 scope__u128;

typedef struct scope__racc {
    scope_u64 calls;   /* entries recorded */
    scope_u64 total;   /* sum of entry times, in ticks */
    scope_u64 min;     /* shortest entry, in ticks (valid when calls > 0) */
    scope_u64 max;     /* longest entry, in ticks */
    scope__u128 sumsq; /* sum of squared entry times, ticks^2 (exact:
                          2^128 holds a million entries of an hour each at
                          5 GHz) */
    /* Recursion-aware figures: entries made while no other entry of the
     * same region was open on the thread, so that no region reads longer
     * than the run. `open` is the thread's live count (probe.c, thread.c),
     * not a figure, and is not merged. */
    scope_u64 outer_calls;
    scope_u64 outer_total; /* ticks */
    unsigned open;
} scope__racc;

/* Record one entry lasting `ticks`. Inline: it is on every leave. Most
 * sampled entries of short functions last no sample at all (0 ticks):
 * such an entry adds only its call and a zero minimum. */
static inline void scope__racc_add(scope__racc *acc, scope_u64 ticks)
{
    if (ticks == 0) {
        acc->calls++;
        acc->min = 0;
        return;
    }
    acc->calls++;
    acc->total += ticks;
    acc->sumsq += (scope__u128)ticks * ticks;
    if (acc->calls == 1 || ticks < acc->min)
        acc->min = ticks;
    if (ticks > acc->max)
        acc->max = ticks;
}

/* Sum of squared deviations from the mean, ticks^2 (Welford's M2), from
 * the exact sums. */
double scope__racc_m2(const scope__racc *acc);

/* Add every sample of `from` into `into`. */
void scope__racc_merge(scope__racc *into, const scope__racc *from);

/* Population variance, in ticks^2 (0 without samples). */
double scope__racc_variance(const scope__racc *acc);

/* A region's figures in seconds, at ns_per_tick. */
typedef struct scope__racc_seconds {
    double total, mean, min, max, std;
} scope__racc_seconds;

/* Total, min and max in whole nanoseconds (as the Python profiler's
 * perf_counter_ns), mean = total / calls, kept within [min, max]: rounding
 * the total and each extreme to whole ns apart could otherwise put the
 * mean of near-equal entries just outside them. All 0 without calls. */
scope__racc_seconds scope__racc_to_seconds(const scope__racc *acc, double ns_per_tick);

#endif
