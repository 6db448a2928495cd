/* main.c - the Make test program: calls a profiled helper a few times. */
#include <stdio.h>
#include "util.h"

#ifndef UTIL_N
#error "UTIL_N comes from CPPFLAGS; the rewriter must see it too"
#endif

// @profile("main")
int main(void)
{
    double total = 0.0;
    int k;
    for (k = 0; k < 4; k++)
        total += util_mean(UTIL_N);
    printf("%.3f\n", total);
    return 0;
}
