/*
 * api.h - process-wide runtime state shared by the modules: one-time
 * start-up, the calibrated probe cost, and the "report done" switch.
 */
#ifndef SCOPE_API_H
#define SCOPE_API_H

#include "scope_profiler.h"

/* Start-up, once per process: settings from the environment (unless
 * scope_setup came first), clock base, probe-cost calibration, the exit
 * report and the fork handlers. */
void scope__init(void);

/* Cost of one line probe, in ticks (minimum over back-to-back probes). */
extern double scope__probe_cost_ticks;

/* Ticks subtracted from each region entry: the probe cost rounded, or 0
 * with compensation off. */
scope_u64 scope__entry_cost(void);

/* Set once the exit report is written: later entries record nothing. */
extern int scope__closed;

/* Close every open frame of the calling thread at `now`, recording each as
 * a completed entry (exit() from inside profiled calls). */
void scope__close_open_frames(void);

#endif
