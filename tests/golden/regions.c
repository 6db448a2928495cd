/* regions.c - statement regions: an annotation above a statement times it
 * as one region entry; regions nest, the same name in two places adds up,
 * and they work in functions that are not profiled.
 * c89: yes
 * regions: work=1 outer=1 inner=3 step=5
 */
#include <stdio.h>

static int helper(int x)
{
    int y = x;
    /* @profile("step") */
    y += 1;
    return y;
}

/* @profile("work") */
static int work(int n)
{
    int i, s = 0;                       /* hits: 1 */
    /* @profile("outer") */
    for (i = 0; i < n; i++) {           /* hits: 4 */
        /* @profile("inner") */
        s += helper(i);                 /* hits: 3 */
    }
    /* @profile("step") */
    if (s > 0)                          /* hits: 1 */
        s = helper(s);                  /* hits: 1 */
    return s;                           /* hits: 1 */
}

int main(void)
{
    printf("%d\n", work(3));
    return 0;
}
