/* exprs.c - expression statements: one probe per line however many
 * statements it holds, and a statement over several lines counts on its
 * first line.
 * c89: yes
 */
#include <stdio.h>

static int twice(int x) { return 2 * x; }

/* @profile */
static int exprs(int n)
{
    int a = 0, b = 0, i;                /* hits: 1 */
    a = twice(n);                       /* hits: 1 */
    a++; b++; a += b;                   /* hits: 1 */
    b = a +                             /* hits: 1 */
        twice(b) +
        n;
    for (i = 0; i < n; i++)             /* hits: 5 */
        a += i;                         /* hits: 4 */
    (void)twice(a);                     /* hits: 1 */
    ;
    return a + b;                       /* hits: 1 */
}

int main(void)
{
    printf("%d\n", exprs(4));
    return 0;
}
