/*
 * probe.c - cost of one line probe and of one region entry+exit, each
 * against its floor (one raw clock read, two raw clock reads), measured in
 * the same binary with interleaved batches.
 *
 * The probes are written by hand with the header's macros, as scope-rewrite
 * would emit them: this measures the probe itself, not the rewriter's choice
 * of where to put probes. Eight probes per loop iteration keep the loop's
 * own cost (one add, one compare) small beside them.
 *
 * The same probes also run on a frame without a line table (`lines` NULL,
 * what a function entry can get with SCOPE_PROFILER_LINES=0): the probe
 * then skips itself, and its cost is what line tables switched off still
 * cost a region-only run of a lines build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "scope_profiler.h"

#define BATCHES 41

/* Rows 0..10: the table of probe_batch below (the text comes from this file
 * at report time). */
SCOPE_DEFINE_FUNC(probe_desc, "probe", "probe_batch", 24, 34)
SCOPE_DEFINE_REGION(region_site, "region")

static double probe_batch(long iters)
{
    SCOPE_FRAME(probe_desc)
    long i;
    double t0 = bench_now_ns();
    for (i = 0; i < iters; i++) {
        SCOPE_LINE(1); SCOPE_LINE(2); SCOPE_LINE(3); SCOPE_LINE(4);
        SCOPE_LINE(5); SCOPE_LINE(6); SCOPE_LINE(7); SCOPE_LINE(8);
    }
    return bench_now_ns() - t0;
}

/* The probes of probe_batch on a frame without a line table. */
static double noline_batch(long iters)
{
    scope_frame off;
    scope_frame *const scope__fr = &off;
    long i;
    double t0;
    memset(&off, 0, sizeof off);
    t0 = bench_now_ns();
    for (i = 0; i < iters; i++) {
        SCOPE_LINE(1); SCOPE_LINE(2); SCOPE_LINE(3); SCOPE_LINE(4);
        SCOPE_LINE(5); SCOPE_LINE(6); SCOPE_LINE(7); SCOPE_LINE(8);
    }
    return bench_now_ns() - t0;
}

/* The block's only statement is an empty asm that the compiler must keep,
 * so that each entry+exit pair stays in place and nothing else is timed. */
#define REGION_ONCE() { SCOPE_REGION(region_site) __asm__ __volatile__(""); }

static double region_batch(long iters)
{
    long i;
    double t0 = bench_now_ns();
    for (i = 0; i < iters; i++) {
        REGION_ONCE() REGION_ONCE() REGION_ONCE() REGION_ONCE()
    }
    return bench_now_ns() - t0;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 40000;
    double clock_ns[BATCHES], probe_ns[BATCHES], region_ns[BATCHES];
    double clock2_ns[BATCHES], noline_ns[BATCHES];
    unsigned long long sink = 0;
    int b;

    if (iters <= 0) {
        fprintf(stderr, "usage: bench-probe [ITERATIONS>0]\n");
        return 2;
    }
    /* Warm up: the first entry allocates the thread's table and region. */
    probe_batch(iters);
    region_batch(iters / 8 + 1);
    bench_clock_batch(iters, &sink);

    /* Interleave so that a burst of load from elsewhere hits every kind. */
    for (b = 0; b < BATCHES; b++) {
        clock_ns[b] = bench_per_op(bench_clock_batch(iters, &sink), 8.0 * iters);
        probe_ns[b] = bench_per_op(probe_batch(iters), 8.0 * iters);
        region_ns[b] = bench_per_op(region_batch(iters / 4), 4.0 * (iters / 4));
        noline_ns[b] = bench_per_op(noline_batch(iters), 8.0 * iters);
        clock2_ns[b] = bench_per_op(bench_clock_batch(iters, &sink), 8.0 * iters);
    }
    /* Two clock batches per round bracket the probe and region batches; both
     * count as samples of the floor. */
    {
        double all[2 * BATCHES];
        for (b = 0; b < BATCHES; b++) {
            all[b] = clock_ns[b];
            all[BATCHES + b] = clock2_ns[b];
        }
        bench_put_stats("clock_read_ns", all, 2 * BATCHES);
    }
    bench_put_stats("line_probe_ns", probe_ns, BATCHES);
    bench_put_stats("region_pair_ns", region_ns, BATCHES);
    bench_put_stats("noline_probe_ns", noline_ns, BATCHES);
    bench_put("sizeof_line_acc", (double)sizeof(scope_line_acc));
    bench_put("sizeof_frame", (double)sizeof(scope_frame));
    bench_put("batches", BATCHES);
    bench_put("ops_per_batch", 8.0 * iters);
    /* Keep the reads alive without printing noise. */
    return sink == 42 ? 3 : 0;
}
