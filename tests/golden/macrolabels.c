/* macrolabels.c - labels that macros spell (`CASE(1):`, `DEFAULT:`, the
 * computed-goto targets `LBL(a):`), and jumps under case labels. The probe
 * of a labelled statement goes after its label, also when a macro spells
 * the label: before it, the probe would be unreachable from the jump
 * (gcc -Wswitch-unreachable, a fall-through under -Wimplicit-fallthrough)
 * and the statement would read 0 hits. One macro may spell several labels
 * (`case ' ': case '\t'`) with the statement after it in the file.
 * regions: labels=4
 */
#include <stdio.h>

#define CASE(n) case n
#define DEFAULT default
#define LBL(x) lbl_##x
#define NEXT goto *tab[op & 1]
#define OUT goto out
#define SPACE_CASES case ' ': case '\t'

/* @profile("labels") */
static int labels(int op)
{
    static void *tab[] = { &&LBL(a), &&LBL(b) };
    int s = 0;                          /* hits: 4 */
    switch (op) {                       /* hits: 4 */
    CASE(1):
        s += 1;                         /* hits: 1 */
        break;                          /* hits: 1 */
    case 2:
        goto out;                       /* hits: 1 */
    case 3:
        OUT;
    CASE(4): s += 4;                    /* hits: 1 */
        break;                          /* hits: 1 */
    DEFAULT:
        s = 7;                          /* hits: 1 */
        break;                          /* hits: 1 */
    }
    NEXT;                               /* hits: 3 */
LBL(a):
    s += 10;                            /* hits: 1 */
    goto out;                           /* hits: 1 */
LBL(b):
    s += 20;                            /* hits: 2 */
out:
    return s;                           /* hits: 4 */
}

/* @profile */
static int is_space(int c)
{
    switch (c) {                        /* hits: 3 */
    SPACE_CASES: return 1;              /* hits: 2 */
    default: return 0;                  /* hits: 1 */
    }
}

int main(void)
{
    printf("%d %d %d %d\n", labels(1), labels(2), labels(4), labels(5));
    printf("%d\n", is_space(' ') + is_space('\t') + is_space('x'));
    return 0;
}
