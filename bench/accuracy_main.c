/*
 * accuracy_main.c - bench-accuracy: calibrate the lines of accuracy() to
 * about 50 ns, 200 ns and 1 us, then run the plain function, each plain
 * line alone and the profiled function in interleaved rounds.
 *
 * The profiled per-line times come from the runtime's JSON report. With a
 * PREFIX argument, every round's profiled call is reported on its own
 * (PREFIX-<round>.json, through scope_setup and scope_finalize), so that
 * bench/run-bench can compare each round with the plain figures of the same
 * round and take the median: a burst of load from elsewhere then spoils
 * one round, not the result. This program prints the plain references, per
 * loop iteration in ns, as "key value" lines ("r<round>.<figure>" for the
 * figures of one round).
 *
 *   bench-accuracy [REPS [PREFIX]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "scope_profiler.h"

unsigned long long accuracy_plain(long reps, const long *steps, unsigned long long x);
unsigned long long accuracy_prof(long reps, const long *steps, unsigned long long x);
unsigned long long accuracy_line_plain(long reps, long steps, unsigned long long x);

#define ROUNDS 21
#define LINES 3

static volatile unsigned long long sink;

int main(int argc, char **argv)
{
    static const double target_ns[LINES] = { 50.0, 200.0, 1000.0 };
    long reps = argc > 1 ? atol(argv[1]) : 2000;
    long steps[LINES];
    double step_ns[7], plain[ROUNDS], prof[ROUNDS], line[LINES][ROUNDS];
    const char *prefix = argc > 2 ? argv[2] : NULL;
    char key[64], json[4096], text[4096];
    scope_config cfg;
    int r, k;

    if (reps < 1 || argc > 3 || (prefix && strlen(prefix) > sizeof json - 32)) {
        fprintf(stderr, "usage: bench-accuracy [REPS>0 [PREFIX]]\n");
        return 2;
    }
    scope_config_init(&cfg);
    /* Cost of one step of the chain: the best of a few long runs. */
    for (r = 0; r < 7; r++) {
        double t0 = bench_now_ns();
        sink += accuracy_line_plain(1000, 10000, (unsigned long long)r);
        step_ns[r] = (bench_now_ns() - t0) / 1e7;
    }
    for (k = 0; k < LINES; k++) {
        steps[k] = (long)(target_ns[k] / bench_min(step_ns, 7) + 0.5);
        if (steps[k] < 1)
            steps[k] = 1;
    }

    if (prefix) {
        /* The warm-up gets a report of its own, so that each round's
         * report holds that round alone. */
        snprintf(json, sizeof json, "%s-warmup.json", prefix);
        snprintf(text, sizeof text, "%s-warmup.txt", prefix);
        cfg.json = json;
        cfg.output = text;
        if (scope_setup(&cfg) != 0)
            return 1;
    }
    sink += accuracy_prof(reps, steps, 1); /* warm-up: the thread's table */
    if (prefix)
        scope_finalize();
    for (r = 0; r < ROUNDS; r++) {
        double t0 = bench_now_ns();
        sink += accuracy_plain(reps, steps, (unsigned long long)r);
        plain[r] = (bench_now_ns() - t0) / (double)reps;
        for (k = 0; k < LINES; k++) {
            t0 = bench_now_ns();
            sink += accuracy_line_plain(reps, steps[k], (unsigned long long)r);
            line[k][r] = (bench_now_ns() - t0) / (double)reps;
        }
        if (prefix) {
            snprintf(json, sizeof json, "%s-%d.json", prefix, r);
            snprintf(text, sizeof text, "%s-%d.txt", prefix, r);
            cfg.json = json;
            cfg.output = text;
            if (scope_setup(&cfg) != 0)
                return 1;
        }
        t0 = bench_now_ns();
        sink += accuracy_prof(reps, steps, (unsigned long long)r);
        prof[r] = (bench_now_ns() - t0) / (double)reps;
        if (prefix)
            scope_finalize();
    }

    bench_put("step_ns", bench_min(step_ns, 7));
    bench_put("reps", (double)reps);
    bench_put("rounds", ROUNDS);
    bench_put("prof_calls", prefix ? 1 : ROUNDS + 1);
    for (k = 0; k < LINES; k++) {
        snprintf(key, sizeof key, "steps%d", k);
        bench_put(key, (double)steps[k]);
        snprintf(key, sizeof key, "plain_line%d_ns", k);
        bench_put_stats(key, line[k], ROUNDS);
        snprintf(key, sizeof key, "plain_line%d_ns.mean", k);
        bench_put(key, bench_mean(line[k], ROUNDS));
    }
    bench_put_stats("plain_iter_ns", plain, ROUNDS);
    bench_put("plain_iter_ns.mean", bench_mean(plain, ROUNDS));
    bench_put_stats("prof_iter_ns", prof, ROUNDS);
    for (r = 0; r < ROUNDS; r++) {
        snprintf(key, sizeof key, "r%d.plain_iter_ns", r);
        bench_put(key, plain[r]);
        for (k = 0; k < LINES; k++) {
            snprintf(key, sizeof key, "r%d.plain_line%d_ns", r, k);
            bench_put(key, line[k][r]);
        }
    }
    return 0;
}
