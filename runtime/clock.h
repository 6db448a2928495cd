/*
 * clock.h - the probe clock seen from the runtime: reading it, converting
 * its ticks to nanoseconds, and saying which clock it is.
 *
 * The runtime reads exactly the clock the inline line probe reads
 * (SCOPE__CLOCK from scope_profiler.h), because entry, exit and line probes
 * subtract each other's readings.
 */
#ifndef SCOPE_CLOCK_H
#define SCOPE_CLOCK_H

#include "scope_profiler.h"

/* The probe clock, in ticks. */
#define scope__clock_now() SCOPE__CLOCK()

/* Take the calibration base (a tick reading paired with CLOCK_MONOTONIC)
 * and check whether the tick counter is invariant. Called once at start-up. */
void scope__clock_init(void);

/* Nanoseconds per tick, measured between scope__clock_init() and now (the
 * longer the run, the better the figure). A run shorter than 0.1 ms reads
 * the clocks until 0.1 ms have passed (no sleep). Async-signal-safe. */
double scope__clock_ns_per_tick(void);

/* "tsc", "cntvct" or "monotonic": the clock the probes read. */
const char *scope__clock_name(void);

/* 1 when the tick rate is constant (invariant TSC, or a clock that is
 * constant by definition); 0 when per-line times may be skewed. */
int scope__clock_invariant(void);

#endif
