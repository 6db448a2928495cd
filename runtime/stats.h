/*
 * stats.h - one region's accumulator: call count, total, extremes and a
 * mergeable variance.
 *
 * Each thread keeps its own accumulator per region (Welford's update per
 * sample); the report merges them with Chan et al.'s pairwise formula, so
 * the standard deviation over all threads is exact without keeping samples.
 */
#ifndef SCOPE_STATS_H
#define SCOPE_STATS_H

#include "scope_profiler.h"

typedef struct scope__racc {
    scope_u64 calls;   /* entries recorded */
    scope_u64 total;   /* sum of entry times, in ticks */
    scope_u64 min;     /* shortest entry, in ticks (valid when calls > 0) */
    scope_u64 max;     /* longest entry, in ticks */
    double mean;       /* running mean, in ticks */
    double m2;         /* sum of squared deviations from the mean, ticks^2 */
} scope__racc;

/* Record one entry lasting `ticks`. */
void scope__racc_add(scope__racc *acc, scope_u64 ticks);

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
