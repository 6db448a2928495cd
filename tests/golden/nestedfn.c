/* nestedfn.c - GNU nested functions, which only gcc compiles: libclang
 * cannot parse their bodies and leaves them out, so the rewriter accepts
 * the one error it reports for them, probes the enclosing function around
 * them and leaves the nested function's text as it is (--list says so).
 * cc: gcc
 * regions: outer=1
 */
#include <stdio.h>

/* @profile */
static int outer(int n)
{
    int base = 10;                          /* hits: 1 */
    int add(int x) { return x + base; }
    int twice(int x)
    {
        return 2 * x;
    }
    int s = 0;                              /* hits: 1 */
    for (int i = 0; i < n; i++)             /* hits: 4 */
        s += twice(add(i));                 /* hits: 3 */
    return s;                               /* hits: 1 */
}

int main(void)
{
    printf("%d\n", outer(3));
    return 0;
}
