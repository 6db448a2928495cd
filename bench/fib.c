/*
 * fib.c - recursive fib(36): almost nothing but profiled calls, the worst
 * case for entry and exit costs. Built plain, with gcov's counters and
 * instrumented (both probe shapes) by bench/sampled-bench.
 */
#include <stdio.h>
#include <stdlib.h>

// @profile
long fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 36;
    printf("%ld\n", fib(n));
    return 0;
}
