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

#include "report.h"
#include "scope_profiler.h"
#include "stats.h"

typedef struct scope__costs {
    double line;        /* ticks one line probe adds between short
                           statements; subtracted once per line hit */
    double isolated;    /* ticks of one line probe among back-to-back
                           probes (nothing to overlap with); reported only */
    scope_u64 inside;   /* ticks of a statement region's own enter and leave
                           code that fall between its two clock reads */
    scope_u64 call_inside;  /* the same for a profiled function entered and
                               left without a line probe in between */
    scope_u64 first;    /* ticks from a profiled function's entry clock read
                           to its first line probe: an interval that belongs
                           to no line (mean of a batch, least of batches) */
    scope_u64 tail;     /* ticks from a function's last line probe to its
                           leave's clock read, beyond `line`: what the leave
                           adds to the last line timed */
    scope_u64 outside;  /* ticks a profiled call adds to the line that makes
                           it besides the interval between its own clock
                           reads: the enter's code before its read, the
                           leave's after (measured as a line calling a
                           one-line function) */
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

/* A closing entry, as compensation sees it. */
typedef struct scope__leave_in {
    int func;             /* a profiled function's entry, else a statement
                             region's */
    scope_u64 dt;         /* ticks between its two clock reads */
    scope_u64 probes;     /* clock-reading line probes it ran (a statement
                             region: those its function frame ran while it
                             was open) */
    scope_u64 nested;     /* ticks that the entries made inside it took from
                             the rows (their up_nested) */
    int windowed;         /* func: the line that made the call is timed by
                             clock reads, and `window` is known */
    scope_u64 window;     /* ticks from that line's last clock read (its
                             probe, or the previous call's leave) to this
                             leave's clock read: all of the call, and what
                             the line did before it */
} scope__leave_in;

/* What compensation does when an entry closes. */
typedef struct scope__leave_charge {
    scope_u64 time;       /* the entry's own time less the probes it ran,
                             the entries made inside it and the intervals
                             that its enter and leave put inside it, in
                             ticks; never below 0 */
    scope_u64 last_row;   /* ticks taken from the entry's own last line (the
                             leave's part of that line's interval) */
    scope_u64 up_nested;  /* ticks added to the frame below's `nested`:
                             everything this entry took from the rows of the
                             code around it */
    scope_u64 up_row;     /* ticks taken from the row that the frame below's
                             function is timing, beyond the enter's charge
                             taken when it happened (scope__cost_enter);
                             modulo 2^64: it may give some of that back */
} scope__leave_charge;

/* Compensation of a closing entry (the model: docs/performance.md).
 *
 * A profiled function's entry is relieved of its probes, of its nested
 * entries, and of the intervals its own enter and leave put inside it: the
 * first (clock read to first line probe) and the leave's part of the last
 * line, which that line loses too (`last_row`). Its lines and its region
 * then hold the same ticks, up to how far this entry's first interval
 * differed from the measured `first`: the report takes that out of the
 * region's total (scope__cost_first_excess, scope__cost_region_fix).
 *
 * The line that made the call holds all of it: the enter and leave, and the
 * entry's `dt`. It is relieved of the entry's overhead, dt - time, and of
 * the enter and leave code outside the entry's clock reads (`outside`);
 * but never of so much that the ticks it ran since its last clock read
 * (`window`) keep less than the entry's time and one line probe's cost: a
 * calling line never reads less than the calls it made.
 *
 * A statement region's probes belong to its function frame, which
 * subtracts them itself: they are not handed down again; its enter and leave
 * run in the lines before and at its end, which lose them whole. */
static inline scope__leave_charge scope__cost_leave(const scope__costs *c, const scope__leave_in *in)
{
    scope__leave_charge r;
    scope_u64 own = scope__cost_probes(c, in->probes);
    scope_u64 frame, sub, cost;

    if (!in->func) {
        sub = own + in->nested + c->inside;
        r.time = in->dt > sub ? in->dt - sub : 0;
        r.last_row = 0;
        r.up_nested = in->nested + c->region_enter + c->region_leave;
        r.up_row = c->region_leave;
        return r;
    }
    /* Without a line probe there is no first interval and no last line:
     * the entry is an empty one. */
    frame = in->probes ? c->first + c->tail : c->call_inside;
    sub = own + in->nested + frame;
    r.time = in->dt > sub ? in->dt - sub : 0;
    r.last_row = in->probes ? c->tail : 0;
    cost = (in->dt - r.time) + c->outside;
    if (in->windowed) {
        /* The line probe's cost, rounded up: the report takes it from the
         * line unrounded. */
        scope_u64 keep = r.time + (scope_u64)ceil(c->line);
        scope_u64 room = in->window > keep ? in->window - keep : 0;
        if (cost > room)
            cost = room;
    }
    r.up_nested = cost;
    r.up_row = cost - c->call_enter;
    return r;
}

/* What the entries of a clock-per-line function hold beyond its line
 * times, in ticks: its entry row (row nlines) sums the first intervals
 * that really were, `entries` of them, each relieved of the measured
 * `first` when it closed (an entry that ran no line probe leaves exactly
 * `first` there: probe.c). Only an excess is taken out of the region, never
 * added to it: the lines that made the calls keep at least the entries'
 * own times (scope__cost_leave), and so at least the region total. `first`
 * is a least batch, so the first intervals of a run are rarely shorter. */
static inline double scope__cost_first_excess(const scope__costs *c, scope_u64 entry_ticks,
                                              scope_u64 entries)
{
    double x = (double)(long long)entry_ticks - (double)entries * (double)c->first;
    return x > 0.0 ? x : 0.0;
}

/* Take `excess` ticks out of a region's entries: exactly from its total
 * (and from the recursion-aware total when every entry is an outer one),
 * by the mean per entry from its shortest and longest, never below zero.
 * The deviation does not move with a shift: the sum of squares is made
 * anew from it. */
static inline void scope__cost_region_fix(scope__racc *a, double excess)
{
    double shift, t, m2;
    long double sq;
    if (excess == 0.0 || a->calls == 0)
        return;
    m2 = scope__racc_m2(a);
    shift = excess / (double)a->calls;
    t = (double)a->total - excess;
    a->total = t > 0.0 ? (scope_u64)llround(t) : 0;
    if (a->outer_calls == a->calls)
        a->outer_total = a->total;
    t = (double)a->min - shift;
    a->min = t > 0.0 ? (scope_u64)llround(t) : 0;
    t = (double)a->max - shift;
    a->max = t > 0.0 ? (scope_u64)llround(t) : 0;
    /* The sum of squares of the shifted entries: the same deviations
     * (Welford's M2) about the new mean. */
    sq = (long double)m2 + (long double)a->total * (long double)a->total / (long double)a->calls;
    a->sumsq = sq > 0.0L ? (scope__u128)(sq + 0.5L) : 0;
}

/* Whether a clock-per-line row of `hits` hits and `ns` compensated ns is too
 * short to time (under SCOPE__SHORT_PROBES probe costs per hit, report.h),
 * a line probe costing `isolated_ns` back to back. */
static inline int scope__cost_too_short(scope_u64 ns, scope_u64 hits, double isolated_ns)
{
    return hits && isolated_ns > 0.0 &&
           (double)ns < (double)SCOPE__SHORT_PROBES * isolated_ns * (double)hits;
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
 * state that no report sees, and the intervals an entry puts around its
 * lines (`first`, `tail`: `out->line` must be measured already).
 * `isolated` is one clock read's share of a batch, in ticks. 0, or -1 when
 * memory ran out (the figures stay 0). */
int scope__measure_frames(double isolated, scope__costs *out);

#endif
