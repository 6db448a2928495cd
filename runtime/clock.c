/*
 * clock.c - tick-to-nanosecond calibration of the probe clock.
 *
 * The probes read the raw tick counter (TSC on x86, the virtual counter on
 * aarch64); only the report needs nanoseconds. So calibration costs nothing
 * at start-up: one pair of readings (ticks, CLOCK_MONOTONIC) is taken there
 * and another at report time, and the ratio over the whole run is used.
 */
#define _GNU_SOURCE
#include "clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* Calibration base: a tick reading and CLOCK_MONOTONIC in ns, taken as
 * close together as possible. */
static scope_u64 base_ticks;
static scope_u64 base_ns;
static int invariant = 1;

/* Shortest calibration window, in ns. The pairs are read to within tens of
 * ns, so a window this long gives the ratio to about 1e-4; a longer run
 * gets a better figure for free. A shorter run waits for the rest of the
 * window by reading the clocks (no sleep: a process's fixed cost stays far
 * below a millisecond). */
#define SCOPE__MIN_CALIBRATION_NS 100000ull

scope_u64 scope__clock_slow(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (scope_u64)ts.tv_sec * 1000000000ull + (scope_u64)ts.tv_nsec;
}

/* Read ticks and ns as one pair: bracket the slow read with two tick reads
 * and keep the tightest of a few attempts (preemption makes some wide). */
static void read_pair(scope_u64 *ticks, scope_u64 *ns)
{
    scope_u64 best = ~0ull;
    int i;
    for (i = 0; i < 5; i++) {
        scope_u64 t0 = scope__clock_now();
        scope_u64 n = scope__clock_slow();
        scope_u64 t1 = scope__clock_now();
        if (t1 - t0 < best) {
            best = t1 - t0;
            *ticks = t0 + (t1 - t0) / 2;
            *ns = n;
        }
    }
}

#if !defined(SCOPE_PROFILER_CLOCK_MONOTONIC) && (defined(__x86_64__) || defined(__i386__))
/* The kernel's view of the TSC, for virtual machines that hide the cpuid
 * bit but pass the flags through. */
static int cpuinfo_says_invariant(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[4096];
    int constant = 0, nonstop = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "flags", 5) != 0)
            continue;
        constant = strstr(line, " constant_tsc") != NULL;
        nonstop = strstr(line, " nonstop_tsc") != NULL;
        break;
    }
    fclose(f);
    return constant && nonstop;
}
#endif

void scope__clock_init(void)
{
#if !defined(SCOPE_PROFILER_CLOCK_MONOTONIC) && (defined(__x86_64__) || defined(__i386__))
    unsigned a, b, c, d;
    /* CPUID 0x80000007, EDX bit 8: invariant TSC (same rate in every
     * P-state and C-state). */
    if (__get_cpuid(0x80000007u, &a, &b, &c, &d) && (d & (1u << 8)))
        invariant = 1;
    else
        invariant = cpuinfo_says_invariant();
#endif
    read_pair(&base_ticks, &base_ns);
}

double scope__clock_ns_per_tick(void)
{
#if defined(SCOPE_PROFILER_CLOCK_MONOTONIC) || !(defined(__x86_64__) || defined(__i386__) || defined(__aarch64__))
    return 1.0;
#else
    scope_u64 ticks = 0, ns = 0;
    read_pair(&ticks, &ns);
    while (ns - base_ns < SCOPE__MIN_CALIBRATION_NS)
        read_pair(&ticks, &ns);
    if (ticks <= base_ticks)
        return 1.0;
    return (double)(ns - base_ns) / (double)(ticks - base_ticks);
#endif
}

const char *scope__clock_name(void)
{
#if defined(SCOPE_PROFILER_CLOCK_MONOTONIC)
    return "monotonic";
#elif defined(__x86_64__) || defined(__i386__)
    return "tsc";
#elif defined(__aarch64__)
    return "cntvct";
#else
    return "monotonic";
#endif
}

int scope__clock_invariant(void)
{
    return invariant;
}
