/*
 * api.h - process-wide runtime state shared by the modules: one-time
 * start-up and the "report done" switch.
 */
#ifndef SCOPE_API_H
#define SCOPE_API_H

#include "scope_profiler.h"

/* Start-up, once per process: settings from the environment (unless
 * scope_setup came first), clock base, the probes' own costs, the exit
 * report and the fork handlers. */
void scope__init(void);

/* The report from a signal handler (signals.c), for signal `sig`: written
 * with system calls and arena memory only (mem.h), skipped when the
 * runtime's lock is held. Later entries record nothing. */
void scope__signal_report(int sig);

/* Set once the exit report is written: later entries record nothing. */
extern int scope__closed;

/* Close every open frame of the calling thread at `now`, recording each as
 * a completed entry (exit() from inside profiled calls). */
void scope__close_open_frames(void);

#endif
