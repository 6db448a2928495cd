/*
 * seed.c - the seed example (compute, allocate), instrumented by hand with
 * the probe macros, as scope-rewrite would instrument it.
 *
 * The descriptors take their first and last lines from enums next to the
 * functions, so that editing this file cannot make the tables point at the
 * wrong lines. Expected: compute's loop header 50001 hits, its body lines
 * 50000 each; allocate's loop header 100001, its body 100000.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "scope_profiler.h"

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static scope_func_desc compute_desc, allocate_desc;
static unsigned long long state = 88172645463325252ull;

static double next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (double)(state >> 11) / 9007199254740992.0;
}

enum { COMPUTE_FIRST = __LINE__ + 1 };
/* @profile("compute") */
static double compute(long n)
{
    SCOPE_FRAME(compute_desc)
    L(COMPUTE); double s = 0.0;
    for (long i = 0; L(COMPUTE), i < n; i++) {
        L(COMPUTE); double x = next_random();
        L(COMPUTE); s += sin(x) * sqrt(x + 1.0);
    }
    L(COMPUTE); return s;
}
enum { COMPUTE_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(compute_desc, "compute", "compute", COMPUTE_FIRST, COMPUTE_LAST)

enum { ALLOCATE_FIRST = __LINE__ + 1 };
/* @profile("allocate") */
static long allocate(long n)
{
    SCOPE_FRAME(allocate_desc)
    L(ALLOCATE); long *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    L(ALLOCATE); for (long i = 0; i < n; i++) a[i] = i * i;
    L(ALLOCATE); long len = 0;
    for (long i = 0; L(ALLOCATE), i < n; i++) {
        L(ALLOCATE); b[len++] = i * i;
    }
    L(ALLOCATE); long r = a[n - 1] + b[len - 1];
    L(ALLOCATE); free(a); free(b);
    L(ALLOCATE); return r;
}
enum { ALLOCATE_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(allocate_desc, "allocate", "allocate", ALLOCATE_FIRST, ALLOCATE_LAST)

int main(int argc, char **argv)
{
    int calls = argc > 1 ? atoi(argv[1]) : 1;
    double s = 0.0;
    long r = 0;
    for (int i = 0; i < calls; i++) {
        s += compute(50000);
        r += allocate(100000);
    }
    printf("%.6f %ld\n", s, r);
    return 0;
}
