/* nested.c - nested blocks, and unbraced bodies inside unbraced bodies:
 * braces are added on the statement's own lines.
 * c89: yes
 */
#include <stdio.h>

/* @profile("nested") */
static int nested(int n)
{
    int i, j, s = 0;                    /* hits: 1 */
    {
        int t = n * 2;                  /* hits: 1 */
        {
            s += t;                     /* hits: 1 */
        }
    }
    for (i = 0; i < n; i++)             /* hits: 4 */
        for (j = 0; j < i; j++)         /* hits: 6 */
            if (j % 2 == 0)             /* hits: 3 */
                s += j;                 /* hits: 2 */
            else
                s -= 1;                 /* hits: 1 */
    while (s > 100)                     /* hits: 1 */
        if (s > 200)
            s = 0;
        else
            s = 1;
    return s;                           /* hits: 1 */
}

int main(void)
{
    printf("%d\n", nested(3));
    return 0;
}
