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
 *
 * The arithmetic of compensation is kept here as pure inline functions
 * (figures in, figures out, no clock): probe.c and snapshot.c call them on
 * the hot path, and tests/check_cost.c checks them with exact numbers,
 * which no test of measured times could do on a loaded machine.
 */
#ifndef SCOPE_COST_H
#define SCOPE_COST_H

#include <math.h>

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

/* Ticks a new entry's enter takes from the row its caller is timing (a
 * profiled function's when `func`, else a statement region's). */
static inline scope_u64 scope__cost_enter(const scope__costs *c, int func)
{
    return func ? c->call_enter : c->region_enter;
}

/* Ticks that `probes` line probes are relieved of, to the nearest tick. */
static inline scope_u64 scope__cost_probes(const scope__costs *c, scope_u64 probes)
{
    return (scope_u64)((double)probes * c->line + 0.5);
}

/* What compensation does when an entry closes. */
typedef struct scope__leave_charge {
    scope_u64 time;       /* the entry's own time less the probes it ran,
                             the entries made inside it and its own code
                             between its clock reads, in ticks; never
                             below 0 */
    scope_u64 up_nested;  /* ticks added to the frame below's `nested`:
                             what this entry cost the code around it */
    scope_u64 up_row;     /* ticks taken from the row that the frame
                             below's function is timing (the line that made
                             the call); the enter was taken when it
                             happened (scope__cost_enter) */
} scope__leave_charge;

/* Compensation of a closing entry that lasted `dt` ticks, ran `probes`
 * line probes (a statement region: those its function frame ran while it
 * was open) and holds `nested` ticks of closed entries made inside it.
 * A statement region's probes belong to its function frame, which
 * subtracts them itself: they are not handed down again. */
static inline scope__leave_charge scope__cost_leave(const scope__costs *c, int func,
                                                    scope_u64 probes, scope_u64 nested,
                                                    scope_u64 dt)
{
    scope__leave_charge r;
    scope_u64 own = scope__cost_probes(c, probes);
    scope_u64 sub = own + nested + c->inside;
    scope_u64 enter = func ? c->call_enter : c->region_enter;
    scope_u64 leave = func ? c->call_leave : c->region_leave;
    r.time = dt > sub ? dt - sub : 0;
    r.up_nested = (func ? own : 0) + nested + enter + leave;
    r.up_row = (func ? own + nested : 0) + leave;
    return r;
}

/* A row's time in whole ns: its ticks, read as signed (the costs of calls
 * made from the line were taken out as they returned, and may exceed what
 * its own clock reads added when compensation overshoots), less
 * `line_cost` ticks per hit, converted at `ns_per_tick`; 0 when that is
 * not positive or the row never ran. */
static inline scope_u64 scope__cost_row_ns(scope_u64 ticks, scope_u64 hits, double line_cost,
                                          double ns_per_tick)
{
    double t = (double)(long long)ticks - line_cost * (double)hits;
    return hits && t > 0 ? (scope_u64)llround(t * ns_per_tick) : 0;
}

/* Set once at start-up (scope__costs_calibrate), read-only afterwards. */
extern scope__costs scope__cost;

/* Measure every figure of scope__cost (under a millisecond). */
void scope__costs_calibrate(void);

/* probe.c: time the runtime's enter and leave code on a private thread
 * state that no report sees. `isolated` is one clock read's share of a
 * batch, in ticks. 0, or -1 when memory ran out (the figures stay 0). */
int scope__measure_frames(double isolated, scope__costs *out);

#endif
