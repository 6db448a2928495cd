/* crlf.c - a file with CRLF line ends: probes go inside the lines, each
 * line keeps its CR, and the line texts in the epilogue have none.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int twice(int x)
{
    int y = x * 2;        /* hits: 1 */
    if (y > 2)            /* hits: 1 */
        y--;              /* hits: 1 */
    return y;             /* hits: 1 */
}

int main(void)
{
    printf("%d\n", twice(2));
    return 0;
}
