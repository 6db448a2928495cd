/* macrolabels.c - labels that macros spell (`CASE(1):`, `DEFAULT:`, the
 * computed-goto targets `LBL(a):`), and jumps under case labels. The probe
 * of a labelled statement goes after its label, also when a macro spells
 * the label: before it, the probe would be unreachable from the jump
 * (gcc -Wswitch-unreachable, a fall-through under -Wimplicit-fallthrough)
 * and the statement would read 0 hits. One macro may spell several labels
 * (`case ' ': case '\t'`) with the statement after it in the file.
 * A macro may also spell a label and several statements after it (a
 * resumable decoder's `case n: state = n; while (...) ...`): there is no
 * place after its label outside the macro, so the line takes no probe,
 * neither for the label's statement nor for the ones after it, which
 * would otherwise land at the expansion site, before the label. So does
 * an X-macro that spells a whole list of `case k: r = v; break;`.
 * regions: labels=4
 */
#include <stdio.h>

#define CASE(n) case n
#define DEFAULT default
#define LBL(x) lbl_##x
#define NEXT goto *tab[op & 1]
#define OUT goto out
#define SPACE_CASES case ' ': case '\t'
#define RESUME(n, v) case n: st = n; while ((v) < 3) (v)++
#define KINDS(X) X(1, 10) X(2, 20)
#define KIND_CASE(k, v) case k: r = v; break;

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

/* @profile */
static int resume(int state, int v)
{
    int st = 0;                         /* hits: 3 */
    switch (state) {                    /* hits: 3 */
        RESUME(1, v);
        v += 10;                        /* hits: 1 */
        break;                          /* hits: 1 */
        RESUME(2, v);
        v += 20;                        /* hits: 1 */
    }
    return st * 100 + v;                /* hits: 3 */
}

/* @profile */
static int kind(int k)
{
    int r = 0;                          /* hits: 3 */
    switch (k) {                        /* hits: 3 */
    KINDS(KIND_CASE)
    default:
        r = -1;                         /* hits: 1 */
    }
    return r;                           /* hits: 3 */
}

int main(void)
{
    printf("%d %d %d %d\n", labels(1), labels(2), labels(4), labels(5));
    printf("%d\n", is_space(' ') + is_space('\t') + is_space('x'));
    printf("%d %d %d\n", resume(1, 0), resume(2, 0), resume(0, 0));
    printf("%d %d %d\n", kind(1), kind(2), kind(3));
    return 0;
}
