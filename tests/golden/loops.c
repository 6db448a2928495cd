/* loops.c - for (with and without a condition), while, do-while over
 * several lines and on one line, break and continue: a loop header counts
 * every test of its condition (N+1 for N passes), for (;;) its entries.
 * c89: yes
 */
#include <stdio.h>

/* @profile("loops") */
static int loops(int n)
{
    int i, j = 0, s = 0;                /* hits: 1 */
    for (i = 0; i < n; i++) {           /* hits: 6 */
        s += i;                         /* hits: 5 */
    }
    for (;;) {                          /* hits: 1 */
        if (++j == 3)                   /* hits: 3 */
            break;                      /* hits: 1 */
    }
    i = 0;                              /* hits: 1 */
    while (i < n)                       /* hits: 6 */
        i++;                            /* hits: 5 */
    while (i > 0) {                     /* hits: 6 */
        i--;                            /* hits: 5 */
        if (i % 2)                      /* hits: 5 */
            continue;                   /* hits: 2 */
        s++;                            /* hits: 3 */
    }
    do {                                /* hits: 1 */
        j++;                            /* hits: 4 */
    } while (j < 7);                    /* hits: 4 */
    do j--; while (j > 2);              /* hits: 5 */
    for (i = 0; i < 3; i++) s += i;     /* hits: 4 */
    return s + j;                       /* hits: 1 */
}

int main(void)
{
    printf("%d\n", loops(5));
    return 0;
}
