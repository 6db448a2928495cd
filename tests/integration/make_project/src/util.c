/* util.c - the profiled helper of the Make test program. */
#include <math.h>
#include "util.h"

/* @profile("mean") */
double util_mean(int n)
{
    double sum = 0.0;
    int i;
    for (i = 0; i < n; i++)
        sum += sqrt((double)i);
    return sum / n;
}
