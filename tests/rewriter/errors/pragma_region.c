/* pragma_region.c - a statement region above a loop that a #pragma
 * governs: the region's braces would come between the pragma and its
 * loop, whether the annotation is above the pragma or below it. */
void clear(int *a, int n)
{
    /* @profile("loop") */
#pragma GCC unroll 2
    for (int i = 0; i < n; i++)
        a[i] = 0;
#pragma GCC unroll 2
    /* @profile("loop2") */
    for (int i = 0; i < n; i++)
        a[i] = 1;
}
