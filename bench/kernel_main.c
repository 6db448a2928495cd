/*
 * kernel_main.c - the seed kernels, instrumented and plain, in one binary.
 *
 *   bench-kernel slowdown [REPS] [N]  compute(N), plain and profiled calls
 *                                     interleaved, plus raw clock batches
 *   bench-kernel threads [REPS] [N]   profiled (and plain) compute(N) in one
 *                                     thread, then in two at once
 *   bench-kernel report REPS PREFIX   rounds of one plain and one profiled
 *                                     call of compute(50000) and of
 *                                     allocate(100000), each round reported
 *                                     on its own (PREFIX-<round>.json)
 *   bench-kernel seed prof|plain      the seed example: compute(50000),
 *                                     allocate(100000), once each; prints
 *                                     the peak resident set at exit
 *
 * compute_prof/allocate_prof come from kernel.c rewritten (or hand/kernel.c),
 * compute_plain/allocate_plain from kernel.c as written. Figures go to stdout
 * as "key value" lines for bench/run-bench.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "scope_profiler.h"

double compute_plain(long n);
double compute_prof(long n);
long allocate_plain(long n);
long allocate_prof(long n);

#define MAX_REPS 1000

/* Results are summed here so that no call can be optimised away. */
static volatile double sink;

static double time_compute(double (*fn)(long), long n)
{
    double t0 = bench_now_ns(), s;
    s = fn(n);
    t0 = bench_now_ns() - t0;
    sink += s;
    return t0;
}

static int slowdown(int reps, long n)
{
    static double plain[MAX_REPS], prof[MAX_REPS], clock_ns[MAX_REPS];
    unsigned long long csink = 0;
    int r;

    /* Warm up both (page faults, libm, the profiled thread's table). */
    time_compute(compute_plain, n);
    time_compute(compute_prof, n);
    for (r = 0; r < reps; r++) {
        /* Alternate which goes first, so neither always follows the other. */
        if (r % 2) {
            plain[r] = time_compute(compute_plain, n);
            prof[r] = time_compute(compute_prof, n);
        } else {
            prof[r] = time_compute(compute_prof, n);
            plain[r] = time_compute(compute_plain, n);
        }
        clock_ns[r] = bench_per_op(bench_clock_batch(20000, &csink), 8.0 * 20000);
    }
    bench_put("n", (double)n);
    bench_put("reps", reps);
    /* Profiled calls, the warm-up included: the JSON report counts them all. */
    bench_put("prof_calls", reps + 1);
    bench_put_stats("plain_ns", plain, (size_t)reps);
    bench_put_stats("prof_ns", prof, (size_t)reps);
    bench_put_stats("clock_read_ns", clock_ns, (size_t)reps);
    return csink == 42 ? 3 : 0;
}

/* What the profiler reports against what the code costs, round by round:
 * each round times one plain and one profiled call of each kernel and
 * reports the profiled calls on their own, so that bench/run-bench can hold
 * each report against the plain calls of its round (a burst of load from
 * elsewhere then spoils one round, not the result). */
static int report_rounds(int reps, const char *prefix)
{
    char json[4096];
    scope_config cfg;
    int r;

    if (strlen(prefix) > sizeof json - 32) {
        fprintf(stderr, "bench-kernel: prefix too long\n");
        return 2;
    }
    /* Warm up both (page faults, libm, the thread's tables), unreported. */
    scope_config_init(&cfg);
    cfg.output = "/dev/null";
    cfg.json = NULL;
    if (scope_setup(&cfg) != 0)
        return 1;
    sink += compute_plain(50000) + compute_prof(50000);
    sink += (double)(allocate_plain(100000) + allocate_prof(100000));
    scope_finalize();
    for (r = 0; r < reps; r++) {
        double t0, t1, t2;
        snprintf(json, sizeof json, "%s-%d.json", prefix, r);
        cfg.json = json;
        if (scope_setup(&cfg) != 0)
            return 1;
        t0 = bench_now_ns();
        sink += compute_plain(50000);
        t1 = bench_now_ns();
        sink += compute_prof(50000);
        t2 = bench_now_ns();
        printf("r%d.compute_plain_ns %.0f\nr%d.compute_prof_ns %.0f\n", r, t1 - t0, r, t2 - t1);
        t0 = bench_now_ns();
        sink += (double)allocate_plain(100000);
        t1 = bench_now_ns();
        sink += (double)allocate_prof(100000);
        t2 = bench_now_ns();
        printf("r%d.allocate_plain_ns %.0f\nr%d.allocate_prof_ns %.0f\n", r, t1 - t0, r, t2 - t1);
        scope_finalize();
    }
    bench_put("rounds", reps);
    return 0;
}

struct worker {
    double (*fn)(long);
    long n;
    int calls;
    double sum;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    int i;
    for (i = 0; i < w->calls; i++)
        w->sum += w->fn(w->n);
    return NULL;
}

/* Wall time of `nthreads` threads each making `calls` calls of fn(n). */
static double run_threads(double (*fn)(long), long n, int calls, int nthreads)
{
    pthread_t tid[2];
    struct worker w[2];
    double t0;
    int i;

    t0 = bench_now_ns();
    for (i = 0; i < nthreads; i++) {
        w[i].fn = fn;
        w[i].n = n;
        w[i].calls = calls;
        w[i].sum = 0.0;
        if (pthread_create(&tid[i], NULL, work, &w[i]) != 0) {
            fprintf(stderr, "bench-kernel: pthread_create failed\n");
            exit(1);
        }
    }
    for (i = 0; i < nthreads; i++) {
        pthread_join(tid[i], NULL);
        sink += w[i].sum;
    }
    return bench_now_ns() - t0;
}

static int threads(int reps, long n)
{
    static double p1[MAX_REPS], p2[MAX_REPS], q1[MAX_REPS], q2[MAX_REPS];
    const int calls = 8;
    int r;

    run_threads(compute_prof, n, 1, 2);
    for (r = 0; r < reps; r++) {
        p1[r] = run_threads(compute_prof, n, calls, 1);
        p2[r] = run_threads(compute_prof, n, calls, 2);
        q1[r] = run_threads(compute_plain, n, calls, 1);
        q2[r] = run_threads(compute_plain, n, calls, 2);
    }
    bench_put("n", (double)n);
    bench_put("reps", reps);
    bench_put("calls_per_thread", calls);
    bench_put_stats("prof_1thread_ns", p1, (size_t)reps);
    bench_put_stats("prof_2threads_ns", p2, (size_t)reps);
    bench_put_stats("plain_1thread_ns", q1, (size_t)reps);
    bench_put_stats("plain_2threads_ns", q2, (size_t)reps);
    return 0;
}

/* Peak resident set of this process image, in kB (VmHWM). Read at exit,
 * after the runtime's report (its exit handler was registered later, so it
 * runs first). getrusage's ru_maxrss would not do: it also counts the
 * parent's image between fork and exec. */
static void print_peak_rss(void)
{
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    double kb = -1.0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atof(line + 6);
    if (f != NULL)
        fclose(f);
    bench_put("peak_rss_kb", kb);
    fflush(stdout);
}

static int seed(const char *which)
{
    int prof = strcmp(which, "prof") == 0;
    if (!prof && strcmp(which, "plain") != 0) {
        fprintf(stderr, "bench-kernel: seed takes 'prof' or 'plain', not '%s'\n", which);
        return 2;
    }
    atexit(print_peak_rss);
    sink += prof ? compute_prof(50000) : compute_plain(50000);
    sink += (double)(prof ? allocate_prof(100000) : allocate_plain(100000));
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench-kernel slowdown|threads [REPS 1..%d] [N>0]\n"
                    "       bench-kernel report REPS PREFIX\n"
                    "       bench-kernel seed prof|plain\n", MAX_REPS);
    return 2;
}

int main(int argc, char **argv)
{
    int reps;
    long n;

    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "seed") == 0)
        return argc == 3 ? seed(argv[2]) : usage();
    if (strcmp(argv[1], "report") == 0) {
        reps = argc == 4 ? atoi(argv[2]) : 0;
        return reps >= 1 && reps <= MAX_REPS ? report_rounds(reps, argv[3]) : usage();
    }
    reps = argc > 2 ? atoi(argv[2]) : 21;
    n = argc > 3 ? atol(argv[3]) : 50000;
    if (reps < 1 || reps > MAX_REPS || n < 1)
        return usage();
    if (strcmp(argv[1], "slowdown") == 0)
        return slowdown(reps, n);
    if (strcmp(argv[1], "threads") == 0)
        return threads(reps, n);
    return usage();
}
