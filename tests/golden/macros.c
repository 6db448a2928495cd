/* macros.c - statements from macro expansions are probed as a whole at
 * their expansion site; nothing is inserted inside a macro's text or its
 * arguments. A block written after a macro (the body of REPEAT below) lies
 * outside the expansion and is probed as usual.
 * c89: yes
 */
#include <stdio.h>

#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)
#define REPEAT(i, n) for ((i) = 0; (i) < (n); (i)++)
#define BUMP(x) ((x) += 1)
#define LIMIT 4
#define INIT_TO(v) = (v)

/* @profile("macros") */
static int macros(void)
{
    int a = 1, b = 2, i, s = 0;         /* hits: 1 */
    int c INIT_TO(5);                   /* hits: 1 */
    SWAP(a, b);                         /* hits: 1 */
    REPEAT(i, 3) {                      /* hits: 1 */
        s += i;                         /* hits: 3 */
    }
    for (i = 0; i < LIMIT; i++)         /* hits: 5 */
        BUMP(s);                        /* hits: 4 */
    if (BUMP(a) > 0)                    /* hits: 1 */
        s += a;                         /* hits: 1 */
    return s + b + c;                   /* hits: 1 */
}

int main(void)
{
    printf("%d\n", macros());
    return 0;
}
