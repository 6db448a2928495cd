/*
 * fixed_cost.c - bench-fixed-cost: what profiling adds to every process,
 * whatever it does: the runtime's start-up (settings, identity, clock base,
 * cost measurement, signal handlers) and its exit report (calibration,
 * snapshot, two files written).
 *
 * The binary runs itself as a child ROUNDS times in each of two modes,
 * alternating so that a slow spell of the machine hits both: "plain" calls
 * a three-line function without probes, "profiled" calls its
 * hand-instrumented twin once, so that the runtime starts and reports. The
 * extra time per process is the difference of the medians (the minimum as
 * well, for a quiet machine), printed beside the target of 1 ms and as a
 * ratio to the plain process. The reports go to a scratch directory.
 *
 * usage: bench-fixed-cost [ROUNDS]
 */
#define _POSIX_C_SOURCE 200809L
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_stats.h"
#include "scope_profiler.h"

extern char **environ;

static const char *const text[] = {
    "/* @profile(\"tiny\") */", "static int tiny_prof(int x)", "{", "    SCOPE_FRAME(tiny_desc)",
    "    x += 1;", "    x *= 3;", "    return x;", "}" };
static scope_func_desc tiny_desc = {
    SCOPE_PROFILER_ABI, "bench/fixed_cost.c", "tiny_prof", 1, 8, text, { "tiny", 0 }, 0, 0 };

static volatile int sink;

static int tiny_plain(int x)
{
    x += 1;
    x *= 3;
    return x;
}

static int tiny_prof(int x)
{
    SCOPE_FRAME(tiny_desc)
    SCOPE_LINE(4); x += 1;
    SCOPE_LINE(5); x *= 3;
    SCOPE_LINE(6); return x;
}

/* Spawn this program in `mode` and wait for it; wall time in ns, or -1. */
static double one_run(const char *self, const char *mode)
{
    char *argv[3];
    pid_t pid;
    int status;
    double t0 = bench_now_ns(), t1;
    argv[0] = (char *)self;
    argv[1] = (char *)mode;
    argv[2] = NULL;
    if (posix_spawn(&pid, self, NULL, NULL, argv, environ) != 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    t1 = bench_now_ns();
    return t1 - t0;
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/bench-fixed-cost-XXXXXX";
    char cmd[64 + sizeof dir];
    double *plain, *prof, extra_min, extra_med;
    long rounds = 200, i, got = 0;
    int rc = 0;

    if (argc > 1 && strcmp(argv[1], "plain") == 0) {
        sink = tiny_plain(sink);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "profiled") == 0) {
        sink = tiny_prof(sink);
        return 0;
    }
    if (argc > 1)
        rounds = strtol(argv[1], NULL, 10);
    if (rounds < 1) {
        fprintf(stderr, "usage: %s [ROUNDS]\n", argv[0]);
        return 2;
    }
    if (!mkdtemp(dir)) {
        perror("bench-fixed-cost: error: mkdtemp");
        return 1;
    }
    setenv("SCOPE_PROFILER_DIR", dir, 1);
    unsetenv("SCOPE_PROFILER_OUTPUT");
    unsetenv("SCOPE_PROFILER_JSON");
    unsetenv("SCOPE_PROFILER");
    plain = calloc((size_t)rounds, sizeof *plain);
    prof = calloc((size_t)rounds, sizeof *prof);
    if (!plain || !prof)
        return 1;
    /* One warm-up of each: the page cache and the dynamic loader. */
    one_run("/proc/self/exe", "plain");
    one_run("/proc/self/exe", "profiled");
    for (i = 0; i < rounds; i++) {
        double a = one_run("/proc/self/exe", "plain");
        double b = one_run("/proc/self/exe", "profiled");
        if (a < 0 || b < 0) {
            fprintf(stderr, "bench-fixed-cost: error: a child failed\n");
            rc = 1;
            break;
        }
        plain[got] = a;
        prof[got] = b;
        got++;
    }
    if (got) {
        extra_min = bench_min(prof, (size_t)got) - bench_min(plain, (size_t)got);
        extra_med = bench_median(prof, (size_t)got) - bench_median(plain, (size_t)got);
        bench_put("fixed_cost.rounds", (double)got);
        bench_put_stats("fixed_cost.plain_ns", plain, (size_t)got);
        bench_put_stats("fixed_cost.profiled_ns", prof, (size_t)got);
        bench_put("fixed_cost.extra_ms.min", extra_min / 1e6);
        bench_put("fixed_cost.extra_ms.median", extra_med / 1e6);
        bench_put("fixed_cost.ratio.median",
                  bench_median(prof, (size_t)got) / bench_median(plain, (size_t)got));
        printf("per-process fixed cost: %.3f ms (median; %.3f ms min) against a target of "
               "<= 1 ms: %s\n", extra_med / 1e6, extra_min / 1e6,
               extra_med <= 1e6 ? "met" : "NOT met");
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        rc = 1;
    free(plain);
    free(prof);
    return rc;
}
