/* stats.c - readme_project's profiled function (see run_readme.cmake). */
#include "stats.h"

// @profile("sum_squares")
long stats_sum_squares(long n)
{
    long s = 0;
    for (long i = 1; i <= n; i++)
        s += i * i;
    return s;
}
