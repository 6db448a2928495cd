/*
 * timeline.h - the opt-in timeline: a bounded per-thread buffer of region
 * entries (start, duration, thread), for trace viewers.
 *
 * Off by default. SCOPE_PROFILER_TIMELINE=N keeps the first N entries of
 * each thread; later ones are counted as dropped, never allocated, so the
 * memory is bounded and known in advance. Entries are recorded as they
 * close, with their raw (uncompensated) clock times, so that the entries of
 * one thread nest exactly as they ran.
 */
#ifndef SCOPE_TIMELINE_H
#define SCOPE_TIMELINE_H

#include "buf.h"
#include "scope_profiler.h"

/* Entries kept per thread; 0: the timeline is off. Read once at load. */
extern unsigned scope__timeline_cap;

/* Record one closed entry of region `region` on the calling thread. */
void scope__timeline_record(int region, scope_u64 start, scope_u64 ticks);

/* The "timeline" member of the JSON report (docs/json.md), starting with
 * ",\n": nothing when the timeline is off. Its "origin_monotonic_ns" is
 * the CLOCK_MONOTONIC time of start_ns 0, so that the timelines of several
 * processes line up. Region names come from the
 * registry, so this runs under scope__lock, as every report does. */
void scope__timeline_json(scope__buf *b, double ns_per_tick);

/* Forget every entry (scope_reset). */
void scope__timeline_reset(void);

#endif
