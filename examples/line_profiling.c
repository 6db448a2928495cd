/*
 * line_profiling.c - the seed example of scope-profiler's "Line-by-line
 * profiling" page in C: compute() and allocate(), profiled line by line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
/* random.random() in the seed; rand() keeps the example short. */
#define RANDOM() ((double)rand() / ((double)RAND_MAX + 1.0))
// @profile("compute")
double compute(long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) {
        double x = RANDOM();
        s += sin(x) * sqrt(x + 1.0);
    }
    return s;
}

// @profile("allocate")
long *allocate(long n, long **b_out) {
    long *a = malloc(n * sizeof *a);
    for (long i = 0; i < n; i++) a[i] = i * i;
    long *b = malloc(n * sizeof *b);
    for (long i = 0; i < n; i++) {
        b[i] = i * i;
    }
    *b_out = b;
    return a;
}

int main(void)
{
    long *a, *b;
    double s = compute(50000);
    a = allocate(100000, &b);
    /* The results go to stdout; the profiler's tables go to their own file
     * (scope-profile/<program>.<pid>.txt), or where SCOPE_PROFILER_OUTPUT
     * says. */
    printf("compute: %.6f  allocate: %ld %ld\n", s, a[99999], b[99999]);
    free(a);
    free(b);
    return 0;
}
