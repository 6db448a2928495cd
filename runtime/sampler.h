/*
 * sampler.h - sampled line time: the sampler thread that charges time to
 * the row every open frame of every sampled thread is on.
 *
 * In sampled mode the line probe only counts its row and stores which row
 * its frame is on (scope_frame.at). A thread of the runtime's own wakes
 * SCOPE_PROFILER_RATE times a second (clock_nanosleep with a timer slack
 * of 1 ns) and, for every registered thread, adds the interval since the
 * previous sample to the `ticks` of the current row of each open frame
 * (inclusive time, line_profiler's meaning) and to the innermost frame's
 * self time. The interval is wall-clock time by default, or the thread's
 * own CPU time (SCOPE_PROFILER_CLOCK=cpu).
 *
 * Why a thread and not a timer signal: a signal interrupts the program's
 * system calls (EINTR) and needs a disposition the program can see; a
 * thread that blocks every signal changes nothing the program can observe.
 * The probe path has no lock and no system call: the sampler reads frames
 * with relaxed atomics, and frame memory is never freed while a thread is
 * in the sampler's list (a thread leaves the list, under the sampler's
 * lock, before its state is freed). See docs/performance.md.
 */
#ifndef SCOPE_SAMPLER_H
#define SCOPE_SAMPLER_H

#include "scope_profiler.h"

struct scope__thread;

/* Put the calling thread's state in the sampled list and start the sampler
 * thread if it is not running (once per process, again in a forked child). */
void scope__sampler_add(struct scope__thread *t);

/* The same, for a sampled entry's slow path: `t` is in the list and the
 * sampler runs (a forked child starts its own here). */
void scope__sampler_ensure(struct scope__thread *t);

/* Take `t` out of the list (no-op if it is not in it). After this returns
 * the sampler never reads `t` again. */
void scope__sampler_remove(struct scope__thread *t);

/* One sample: charge `wall` ticks (wall-clock mode) to every thread in the
 * list; in CPU mode each thread is charged its own CPU time since the last
 * sample, and `wall` is ignored. The sampler thread calls this; tests call
 * it directly with SCOPE_PROFILER_RATE=0 (no thread), as a fake clock. */
void scope__sampler_tick(scope_u64 wall);

/* Charge `ticks` to thread `t`'s open frames as one sample would (the
 * sampler's lock held). */
void scope__sampler_charge(struct scope__thread *t, scope_u64 ticks);

/* The sampler's lock, held by the report while it reads and resets the
 * figures the sampler writes. In a signal handler (`in_signal`) the lock
 * is tried for at most 10 ms (its holder is then always another thread);
 * returns 1 when the lock was taken. */
int scope__sampler_lock(int in_signal);
void scope__sampler_unlock(void);

/* Samples taken since the last reset (sampler's lock held), and reset.
 * Of the threads' samples, those dropped because the thread was in the
 * runtime's entry or exit code (thread.h: scope__rt_in). */
scope_u64 scope__sampler_samples(void);
scope_u64 scope__sampler_in_runtime(void);
void scope__sampler_reset(void);
/* At exit: stop the sampler thread (it ends at its next wake-up). */
void scope__sampler_stop(void);
/* Before fork (api.c): a sampler thread still starting is let reach its
 * loop first. */
void scope__sampler_fork_prepare(void);

/* The period in force, in ns (0: no sampler); whether CPU time is charged;
 * whether any sampled entry has been made in this process. */
double scope__sampler_period_ns(void);
int scope__sampler_cpu_time(void);
int scope__sampler_used(void);

/* In a forked child (from scope__thread_after_fork): the list is the
 * forking thread alone, and the child's own sampler thread starts. */
void scope__sampler_after_fork(struct scope__thread *self);

#endif
