/* main.c - integration test program: one profiled function whose loop runs
 * DEMO_N times, so the line table has exact hit counts to check. */
#include <stdio.h>
#include "local.h"
#include "work.h"

#ifndef DEMO_N
#error "DEMO_N comes from target_compile_definitions(); the rewriter must see it too"
#endif

// @profile("main_loop")
static long run(long n)
{
    long total = 0;
    for (long i = 0; i < n; i++) {
        total += work_step(i) * LOCAL_SCALE;
    }
    return total;
}

int main(void)
{
    printf("%ld\n", run(DEMO_N));
    return work_compiler() < 0;
}
