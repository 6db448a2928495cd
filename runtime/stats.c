/*
 * stats.c - Welford's running variance and Chan's merge of two
 * accumulators (see stats.h).
 */
#include "stats.h"

#include <math.h>
#include <string.h>

void scope__racc_add(scope__racc *acc, scope_u64 ticks)
{
    double x = (double)ticks;
    double delta = x - acc->mean;
    acc->calls++;
    acc->total += ticks;
    if (acc->calls == 1 || ticks < acc->min)
        acc->min = ticks;
    if (ticks > acc->max)
        acc->max = ticks;
    acc->mean += delta / (double)acc->calls;
    acc->m2 += delta * (x - acc->mean);
}

void scope__racc_merge(scope__racc *into, const scope__racc *from)
{
    double n, delta;
    if (from->calls == 0)
        return;
    if (into->calls == 0) {
        *into = *from;
        return;
    }
    n = (double)into->calls + (double)from->calls;
    delta = from->mean - into->mean;
    into->m2 += from->m2 + delta * delta * (double)into->calls * (double)from->calls / n;
    into->mean += delta * (double)from->calls / n;
    into->calls += from->calls;
    into->total += from->total;
    if (from->min < into->min)
        into->min = from->min;
    if (from->max > into->max)
        into->max = from->max;
}

double scope__racc_variance(const scope__racc *acc)
{
    if (acc->calls == 0 || acc->m2 <= 0.0)
        return 0.0;
    return acc->m2 / (double)acc->calls;
}

scope__racc_seconds scope__racc_to_seconds(const scope__racc *acc, double ns_per_tick)
{
    scope__racc_seconds r;
    memset(&r, 0, sizeof r);
    if (acc->calls == 0)
        return r;
    r.total = nearbyint((double)acc->total * ns_per_tick) / 1e9;
    r.min = nearbyint((double)acc->min * ns_per_tick) / 1e9;
    r.max = nearbyint((double)acc->max * ns_per_tick) / 1e9;
    r.mean = r.total / (double)acc->calls;
    if (r.mean < r.min)
        r.mean = r.min;
    if (r.mean > r.max)
        r.mean = r.max;
    r.std = sqrt(scope__racc_variance(acc)) * ns_per_tick / 1e9;
    return r;
}
