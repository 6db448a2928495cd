/* apimacro.c - annotations above definitions that start with macros: one
 * that expands to nothing (`API`, an export marker), written on the
 * definition's line or on the line above the annotation, and ones that
 * expand to storage classes and attributes. libclang's extent of such a
 * definition starts after the empty macro, so the annotation must be
 * matched with the text before it, never with the previous declaration.
 * c89: yes
 */
#include <stdio.h>

#define API
#define EXPORT static
#define HOT __attribute__((hot))
#define DECLARE_COUNTER(n) static int n = 0;

API
/* @profile */
int f(int x)
{
    return x + 1;                       /* hits: 1 */
}

/* @profile */
API int g(int x)
{
    return x + 2;                       /* hits: 1 */
}

/* @profile */
API EXPORT HOT int h(int x)
{
    return x + 3;                       /* hits: 1 */
}

DECLARE_COUNTER(calls)
/* @profile("k") */
API API int k(int x) { calls++; return x * 2; }   /* hits: 1 */

int main(void)
{
    printf("%d\n", f(1) + g(2) + h(3) + k(4) + calls);
    return 0;
}
