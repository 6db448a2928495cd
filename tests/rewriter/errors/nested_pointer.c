/* nested_pointer.c - a GNU nested function used other than by a call:
 * libclang leaves nested functions out of the parse, so the use is an
 * undeclared name, and a note says why. */
#include <stdlib.h>

// @profile
int smallest(int *a, int n)
{
    int cmp(const void *x, const void *y) { return *(const int *)x - *(const int *)y; }
    qsort(a, (size_t)n, sizeof *a, cmp);
    return a[0];
}
