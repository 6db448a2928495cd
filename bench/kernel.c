/*
 * kernel.c - the seed example's kernels, annotated for scope-rewrite.
 *
 * compute: sin * sqrt of N pseudo-random x, as in the seed's Python;
 * allocate: an array filled in one go and one grown element by element.
 * The benchmarks build this file twice, as written and rewritten, renaming
 * the functions on the command line (-Dcompute=compute_plain) so that one
 * binary holds both and can interleave them. The random state is local to
 * each call, so threads running compute share nothing.
 */
#include <math.h>
#include <stdlib.h>

/* xorshift64*: a uniform double in [0, 1). */
static inline double uniform(unsigned long long *state)
{
    unsigned long long x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return (double)((x * 2685821657736338717ULL) >> 11) * 0x1.0p-53;
}

// @profile("compute")
double compute(long n)
{
    unsigned long long state = 88172645463325252ULL;
    double s = 0.0;
    for (long i = 0; i < n; i++) {
        double x = uniform(&state);
        s += sin(x) * sqrt(x + 1.0);
    }
    return s;
}

// @profile("allocate")
long allocate(long n)
{
    long *a = malloc((size_t)n * sizeof *a), *b = NULL, *grown;
    long sum = 0;
    size_t len = 0, cap = 0;
    for (long i = 0; a && i < n; i++)
        a[i] = i * i;
    for (long i = 0; i < n; i++) {
        if (len == cap) {
            cap = cap ? 2 * cap : 8;
            if ((grown = realloc(b, cap * sizeof *b)) == NULL)
                break;
            b = grown;
        }
        b[len++] = i * i;
    }
    sum = n > 0 && a && len == (size_t)n ? a[n - 1] + b[len - 1] : -1;
    free(a);
    free(b);
    return sum;
}
