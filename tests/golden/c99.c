/* c99.c - C99 and later: declarations after statements and in for headers,
 * line comments, designated initializers in compound literals.
 */
#include <stdio.h>

struct pt { int x, y; };

// @profile("c99")
static int c99(int n) {
    int s = 0;                                      // hits: 1
    s += n;                                         // hits: 1
    int t = s * 2;                                  // hits: 1
    for (int i = 0; i < n; i++) s += i;             // hits: 4
    struct pt p = (struct pt){ .x = t, .y = s };    // hits: 1
    return p.x + p.y;                               // hits: 1
}

int main(void)
{
    printf("%d\n", c99(3));
    return 0;
}
