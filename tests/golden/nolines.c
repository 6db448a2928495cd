/* nolines.c - with --no-lines a profiled function is a region without a
 * line table; statement regions stay.
 * rewrite: --no-lines
 * c89: yes
 * regions: fib=276 loop=1
 */
#include <stdio.h>

/* @profile("fib") */
static int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    int i, s = 0;
    /* @profile("loop") */
    for (i = 0; i < 10; i++) s += fib(i);
    printf("%d\n", s);
    return 0;
}
