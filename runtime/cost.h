/*
 * cost.h - what the probes themselves cost, measured once at start-up, and
 * what overhead compensation subtracts (the model is explained in
 * docs/performance.md).
 *
 * A line probe's cost depends on the code around it: the clock read can
 * only start every few tens of cycles, and work shorter than that runs in
 * its shadow. So the figure subtracted per line hit is measured between
 * short statements, not back to back. Function and region entries cost
 * more than a line probe (a call, the frame stack, the region's
 * accumulator): their cost is measured separately, on the runtime's own
 * enter and leave code.
 */
#ifndef SCOPE_COST_H
#define SCOPE_COST_H

#include "scope_profiler.h"

typedef struct scope__costs {
    double line;        /* ticks one line probe adds between short
                           statements; subtracted once per line hit */
    double isolated;    /* ticks of one line probe among back-to-back
                           probes (nothing to overlap with); reported only */
    scope_u64 inside;   /* ticks of an entry's own enter and leave code that
                           fall between its two clock reads */
    scope_u64 call_enter;   /* ticks a profiled function's enter adds to
                               the code that calls it */
    scope_u64 call_leave;   /* and its leave */
    scope_u64 region_enter; /* ticks a statement region's enter adds to the
                               code around it */
    scope_u64 region_leave; /* and its leave */
} scope__costs;

/* Set once at start-up (scope__costs_calibrate), read-only afterwards. */
extern scope__costs scope__cost;

/* Measure every figure of scope__cost (under a millisecond). */
void scope__costs_calibrate(void);

/* probe.c: time the runtime's enter and leave code on a private thread
 * state that no report sees. `isolated` is one clock read's share of a
 * batch, in ticks. 0, or -1 when memory ran out (the figures stay 0). */
int scope__measure_frames(double isolated, scope__costs *out);

#endif
