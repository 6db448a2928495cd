/*
 * bench_stats.c - timing helpers and batch statistics for the benchmarks.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scope_profiler.h"

double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

double bench_min(const double *v, size_t n)
{
    double m;
    size_t i;
    if (n == 0)
        return 0.0;
    m = v[0];
    for (i = 1; i < n; i++)
        if (v[i] < m)
            m = v[i];
    return m;
}

double bench_mean(const double *v, size_t n)
{
    double s = 0.0;
    size_t i;
    if (n == 0)
        return 0.0;
    for (i = 0; i < n; i++)
        s += v[i];
    return s / (double)n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(const double *v, size_t n)
{
    double *copy, m;
    if (n == 0)
        return 0.0;
    copy = malloc(n * sizeof *copy);
    if (copy == NULL) {
        /* The benchmarks hold a few dozen batches; running out of memory
         * here means something else is badly wrong. */
        fprintf(stderr, "bench_median: out of memory\n");
        exit(1);
    }
    memcpy(copy, v, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, cmp_double);
    m = n % 2 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2.0;
    free(copy);
    return m;
}

double bench_per_op(double elapsed_ns, double ops)
{
    return ops > 0.0 ? elapsed_ns / ops : 0.0;
}

double bench_clock_batch(long iters, unsigned long long *sink)
{
    /* Each read's value is folded into acc: a read whose value is used, as
     * the probe uses it, without adding a dependency the probe lacks. */
    scope_u64 acc = 0;
    long i;
    double t0 = bench_now_ns();
    for (i = 0; i < iters; i++) {
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
        acc += SCOPE__CLOCK();
    }
    t0 = bench_now_ns() - t0;
    *sink += acc;
    return t0;
}

void bench_put(const char *key, double value)
{
    printf("%s %.17g\n", key, value);
}

void bench_put_stats(const char *key, const double *v, size_t n)
{
    char name[128];
    snprintf(name, sizeof name, "%s.min", key);
    bench_put(name, bench_min(v, n));
    snprintf(name, sizeof name, "%s.median", key);
    bench_put(name, bench_median(v, n));
}
