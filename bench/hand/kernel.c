/*
 * hand/kernel.c - bench/kernel.c instrumented by hand with the probe macros,
 * line for line where scope-rewrite puts its probes (a for header is probed
 * in its condition, so it counts every test). The benchmarks use it when
 * the build has no scope-rewrite; every line keeps its number in kernel.c.
 */
#include "scope_profiler.h"
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

SCOPE_DEFINE_FUNC(compute_desc, "compute", "compute", 25, 35)
SCOPE_DEFINE_FUNC(allocate_desc, "allocate", "allocate", 37, 58)

// @profile("compute")
double compute(long n)
{ SCOPE_FRAME(compute_desc)
    SCOPE_LINE(3); unsigned long long state = 88172645463325252ULL;
    SCOPE_LINE(4); double s = 0.0;
    for (long i = 0; SCOPE_LINE(5), i < n; i++) {
        SCOPE_LINE(6); double x = uniform(&state);
        SCOPE_LINE(7); s += sin(x) * sqrt(x + 1.0);
    }
    SCOPE_LINE(9); return s;
}

// @profile("allocate")
long allocate(long n)
{ SCOPE_FRAME(allocate_desc)
    SCOPE_LINE(3); long *a = malloc((size_t)n * sizeof *a), *b = NULL, *grown;
    SCOPE_LINE(4); long sum = 0;
    SCOPE_LINE(5); size_t len = 0, cap = 0;
    for (long i = 0; SCOPE_LINE(6), a && i < n; i++)
        { SCOPE_LINE(7); a[i] = i * i; }
    for (long i = 0; SCOPE_LINE(8), i < n; i++) {
        SCOPE_LINE(9); if (len == cap) {
            SCOPE_LINE(10); cap = cap ? 2 * cap : 8;
            SCOPE_LINE(11); if ((grown = realloc(b, cap * sizeof *b)) == NULL)
                { SCOPE_LINE(12); break; }
            SCOPE_LINE(13); b = grown;
        }
        SCOPE_LINE(15); b[len++] = i * i;
    }
    SCOPE_LINE(17); sum = n > 0 && a && len == (size_t)n ? a[n - 1] + b[len - 1] : -1;
    SCOPE_LINE(18); free(a);
    SCOPE_LINE(19); free(b);
    SCOPE_LINE(20); return sum;
}
