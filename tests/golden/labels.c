/* labels.c - labels and goto, return with and without a value: a labelled
 * statement counts every arrival, and every return closes the frame.
 * c89: yes
 * regions: retry=1 add=3
 */
#include <stdio.h>

static int total;

/* @profile("retry") */
static int retry(int n)
{
    int tries = 0;                      /* hits: 1 */
again:
    tries++;                            /* hits: 4 */
    if (tries < n)                      /* hits: 4 */
        goto again;                     /* hits: 3 */
    return tries;                       /* hits: 1 */
}

/* @profile("add") */
static void add(int x)
{
    if (x < 0)                          /* hits: 3 */
        return;                         /* hits: 1 */
    total += x;                         /* hits: 2 */
}

int main(void)
{
    int r = retry(4);
    add(1);
    add(-1);
    add(2);
    printf("%d %d\n", r, total);
    return 0;
}
