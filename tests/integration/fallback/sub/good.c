/* good.c - a profiled program compiled by scope-cc from another directory
 * without -o: the object must be good.o in the current directory, as the
 * compiler would name it without the wrapper. */
#include <stdio.h>

// @profile("count")
static int count(int n)
{
    int i, c = 0;
    for (i = 0; i < n; i++)
        c += i & 1;
    return c;
}

int main(void)
{
    printf("%d\n", count(100));
    return 0;
}
