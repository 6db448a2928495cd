/*
 * kernel_run.c - one process that runs the seed-shaped kernel compute(N)
 * from kernel.c once and prints how long the call took, for
 * bench/sampled-bench (plain, gcov, sampled and clock-per-line builds).
 *
 *   kernel-run N      prints "seconds <t>" and the result
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double compute(long n);

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    struct timespec a, b;
    double s;
    clock_gettime(CLOCK_MONOTONIC, &a);
    s = compute(n);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("seconds %.9f\nresult %.17g\n",
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9, s);
    return 0;
}
