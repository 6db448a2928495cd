/* longjmp.c - longjmp out of a profiled function into a profiled function:
 * the abandoned frame's lines keep what ran before the jump; the `if`
 * holding setjmp counts its starts, not setjmp's second returns (the
 * jump lands inside the condition, after the probe); only the calls that
 * returned are region calls; and the program runs on correctly (probes
 * keep no state in the function's own variables, which setjmp could not
 * restore).
 * c89: yes
 * regions: catcher=1 thrower=3 outer=1
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

/* @profile */
static void thrower(int x)
{
    if (x > 2)                          /* hits: 5 */
        longjmp(env, x);                /* hits: 2 */
    printf("no throw %d\n", x);         /* hits: 3 */
}

/* @profile */
static int catcher(int n)
{
    volatile int caught = 0;            /* hits: 1 */
    int i;
    for (i = 0; i < n; i++) {           /* hits: 6 */
        if (setjmp(env) == 0) {         /* hits: 5 */
            thrower(i);                 /* hits: 5 */
        } else {
            caught += 1;                /* hits: 2 */
        }
    }
    return caught;                      /* hits: 1 */
}

/* @profile */
static int outer(void)
{
    int c = catcher(5);                 /* hits: 1 */
    return c * 10;                      /* hits: 1 */
}

int main(void)
{
    printf("%d\n", outer());
    return 0;
}
