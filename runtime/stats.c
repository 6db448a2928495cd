/*
 * stats.c - merging region accumulators and the variance from their exact
 * sums (see stats.h).
 */
#include "stats.h"

#include <math.h>
#include <string.h>

void scope__racc_merge(scope__racc *into, const scope__racc *from)
{
    if (from->calls == 0)
        return;
    if (into->calls == 0 || from->min < into->min)
        into->min = from->min;
    if (from->max > into->max)
        into->max = from->max;
    into->calls += from->calls;
    into->total += from->total;
    into->sumsq += from->sumsq;
    into->outer_calls += from->outer_calls;
    into->outer_total += from->outer_total;
}

double scope__racc_m2(const scope__racc *acc)
{
    scope__u128 n = acc->calls, t = acc->total, q, r;
    if (acc->calls < 2)
        return 0.0;
    /* M2 = sumsq - total^2 / n. With total = q n + r (0 <= r < n):
     * total^2 / n = q total + q r + r^2 / n, so M2 = (sumsq - q total - q r)
     * - r^2 / n, every product below total^2 <= n sumsq, which fits. The
     * integer part is exact; only r^2 / n is rounded. */
    q = t / n;
    r = t % n;
    return (double)(acc->sumsq - q * t - q * r) - (double)(r * r) / (double)n;
}

double scope__racc_variance(const scope__racc *acc)
{
    double m2 = scope__racc_m2(acc);
    if (acc->calls == 0 || m2 <= 0.0)
        return 0.0;
    return m2 / (double)acc->calls;
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
