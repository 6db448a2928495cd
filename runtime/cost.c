/*
 * cost.c - start-up measurement of the probes' own costs (see cost.h).
 *
 * Every figure is a minimum over repetitions: a preemption or an interrupt
 * can only make a repetition slower, so the least time is the one that ran
 * undisturbed. The whole measurement takes under a millisecond.
 */
#include "cost.h"

#include <string.h>

#include "clock.h"

scope__costs scope__cost;

/* The probes measured are the ones instrumented code runs (SCOPE__LINE_ON,
 * in the shape this file's own optimisation level selects), two rows in
 * turn: its row must be a constant. */

/* Compiler barrier naming the frame: each probe must store its figures, as
 * a probe between real statements does (the frame has escaped there). */
#define SCOPE__KEEP(p) __asm__ __volatile__("" : : "r"(p) : "memory")

/* The short statement of the in-context measurement: two steps of a
 * xorshift64 generator, a chain of twelve dependent one-cycle integer
 * operations - a short C statement's worth of work (a few nanoseconds).
 * The empty asm keeps the chain from being folded across iterations. */
#define SCOPE__SHORT_STATEMENT(x)                                            \
    do {                                                                     \
        (x) ^= (x) >> 12;                                                    \
        (x) ^= (x) << 25;                                                    \
        (x) ^= (x) >> 27;                                                    \
        (x) ^= (x) >> 13;                                                    \
        (x) ^= (x) << 7;                                                     \
        (x) ^= (x) >> 17;                                                    \
        __asm__ __volatile__("" : "+r"(x));                                  \
    } while (0)

/* Statements per timed loop of the in-context measurement, and loops. */
enum { SHORT_STEPS = 256, SHORT_ROUNDS = 8 };

/* Back-to-back probes: the least time per probe over batches. */
static double measure_isolated(scope_frame *fr)
{
    enum { PER_BATCH = 32, BATCHES = 64 };
    scope_u64 best = ~0ull;
    int b, i;
    for (b = 0; b < BATCHES; b++) {
        scope_u64 t0 = scope__clock_now(), t1;
        for (i = 0; i < PER_BATCH; i += 2) {
            SCOPE__LINE_ON(fr, 0);
            SCOPE__KEEP(fr);
            SCOPE__LINE_ON(fr, 1);
            SCOPE__KEEP(fr);
        }
        t1 = scope__clock_now();
        if (t1 - t0 < best)
            best = t1 - t0;
    }
    /* PER_BATCH probes make PER_BATCH + 1 gaps between clock reads. */
    return (double)best / (PER_BATCH + 1);
}

/* SHORT_STEPS short statements, each after a line probe when `probed`;
 * returns the ticks the loop took. Not inlined, so that both variants are
 * the same code apart from the probe. */
static __attribute__((noinline)) scope_u64 short_loop(scope_frame *fr, int probed,
                                                       scope_u64 *state)
{
    scope_u64 x = *state, t0, t1;
    int i;
    t0 = scope__clock_now();
    if (probed) {
        for (i = 0; i < SHORT_STEPS; i += 2) {
            SCOPE__LINE_ON(fr, 0);
            SCOPE__KEEP(fr);
            SCOPE__SHORT_STATEMENT(x);
            SCOPE__LINE_ON(fr, 1);
            SCOPE__KEEP(fr);
            SCOPE__SHORT_STATEMENT(x);
        }
    } else {
        for (i = 0; i < SHORT_STEPS; i += 2) {
            SCOPE__KEEP(fr);
            SCOPE__SHORT_STATEMENT(x);
            SCOPE__KEEP(fr);
            SCOPE__SHORT_STATEMENT(x);
        }
    }
    t1 = scope__clock_now();
    *state = x;
    return t1 - t0;
}

/* What a probe adds between short statements: the least time of the loop
 * with probes minus the least time without, per probe. Rounds alternate
 * the two, so that a slow spell of the machine hits both. */
static double measure_in_context(scope_frame *fr)
{
    scope_u64 with = ~0ull, without = ~0ull, state = 88172645463325252ull;
    int r;
    for (r = 0; r < SHORT_ROUNDS; r++) {
        scope_u64 a = short_loop(fr, 1, &state);
        scope_u64 b = short_loop(fr, 0, &state);
        if (a < with)
            with = a;
        if (b < without)
            without = b;
    }
    if (with <= without)
        return 0.0;
    return (double)(with - without) / SHORT_STEPS;
}

void scope__costs_calibrate(void)
{
    scope_line_acc rows[2];
    scope_frame fr;
    scope__costs c;
    memset(rows, 0, sizeof rows);
    memset(&fr, 0, sizeof fr);
    memset(&c, 0, sizeof c);
    /* The entries measured below are compensated as they close: with no
     * costs yet, what they record is raw. */
    memset(&scope__cost, 0, sizeof scope__cost);
    fr.lines = fr.cur = rows;
    fr.last = scope__clock_now();
    c.isolated = measure_isolated(&fr);
    c.line = measure_in_context(&fr);
    /* A probe cannot add more than it costs with nothing to overlap. */
    if (c.line > c.isolated)
        c.line = c.isolated;
    scope__measure_frames(c.isolated, &c);
    scope__cost = c;
}
