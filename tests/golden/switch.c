/* switch.c - switch with case, default and fall-through: the statement
 * after a label counts every way in, by jump or by falling through.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int sw(int x)
{
    int r = 0;                          /* hits: 5 */
    switch (x) {                        /* hits: 5 */
    case 0:
        r += 1;                         /* hits: 1 */
        /* fall through */
    case 1:
        r += 10;                        /* hits: 2 */
        break;                          /* hits: 2 */
    case 2: r += 100; break;            /* hits: 1 */
    case 3:
    case 4:
        r += 1000;                      /* hits: 1 */
        break;                          /* hits: 1 */
    default:
        r = -1;                         /* hits: 1 */
    }
    return r;                           /* hits: 5 */
}

int main(void)
{
    int xs[5] = { 0, 1, 2, 4, 9 };
    int i, sum = 0;
    for (i = 0; i < 5; i++)
        sum += sw(xs[i]);
    printf("%d\n", sum);
    return 0;
}
