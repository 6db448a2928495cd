#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__nolines_c)
#define scope__nolines_c
static scope_region_site scope__r0_nolines_c __attribute__((used)) = { "fib", 0 };
static scope_region_site scope__r1_nolines_c __attribute__((used)) = { "loop", 0 };
#endif
#line 1 "nolines.c"
/* nolines.c - with --no-lines a profiled function is a region without a
 * line table; statement regions stay.
 * rewrite: --no-lines
 * c89: yes
 * regions: fib=276 loop=1
 */
#include <stdio.h>

/* @profile("fib") */
static int fib(int n)
{ SCOPE_REGION(scope__r0_nolines_c)
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    int i, s = 0;
    /* @profile("loop") */
    { SCOPE_REGION(scope__r1_nolines_c) for (i = 0; i < 10; i++) s += fib(i); }
    printf("%d\n", s);
    return 0;
}
