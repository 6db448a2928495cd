/* constructs.c - constructs real C uses: a K&R definition, a variadic
 * function, static inline, statement expressions, _Generic, compound
 * literals, designated initializers, a VLA, _Static_assert, labels as
 * values with computed goto, asm, and #if inside a body (the inactive
 * branch stays untouched, annotation included).
 */
#include <stdarg.h>
#include <stdio.h>

/* @profile */
static int kr(a, b)
    int a; int b;
{
    return a + b;                                   /* hits: 1 */
}

/* @profile */
static int sum(int n, ...)
{
    va_list ap;
    int s = 0, i;                                   /* hits: 1 */
    va_start(ap, n);                                /* hits: 1 */
    for (i = 0; i < n; i++)                         /* hits: 4 */
        s += va_arg(ap, int);                       /* hits: 3 */
    va_end(ap);                                     /* hits: 1 */
    return s;                                       /* hits: 1 */
}

/* @profile("gnu") */
static inline int gnu(int x)
{
    static void *const targets[] = { &&even, &&odd };
    int y = ({ int t = x * 2; t + 1; });            /* hits: 2 */
    _Static_assert(sizeof(int) >= 2, "int too small");
    int g = _Generic(x, int: 1, default: 2);        /* hits: 2 */
    struct { int a, b; } c = { .a = 1, .b = 2 };   /* hits: 2 */
    int *p = (int[]){ 10, 20, 30 };                 /* hits: 2 */
    int vla[x + 1];                                 /* hits: 2 */
    vla[0] = 5;                                     /* hits: 2 */
    __asm__ volatile("" ::: "memory");              /* hits: 2 */
#if 0
    /* @profile("never") */
    y = not compiled at all;
#else
    y += g;                                         /* hits: 2 */
#endif
    goto *targets[x & 1];                           /* hits: 2 */
even:
    return y + c.a + p[0] + vla[0];                 /* hits: 1 */
odd:
    return y + c.b + p[1] + vla[0];                 /* hits: 1 */
}

int main(void)
{
    printf("%d %d %d %d\n", kr(1, 2), sum(3, 4, 5, 6), gnu(0), gnu(1));
    return 0;
}
