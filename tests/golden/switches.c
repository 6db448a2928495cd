/* switches.c - switch statements real C writes: declarations inside cases
 * (in a block, and after `case 2: ;`), a GNU case range, a switch whose
 * body is a single labelled statement, and Duff's device, whose case
 * labels jump into a do-while: every line after a label counts each
 * arrival, and the `do` line, whose body starts on it, counts every pass
 * that starts at the top of the body.
 * regions: decls=4 bare=3 duff=2
 */
#include <stdio.h>

/* @profile */
static int decls(int x)
{
    int r = 0;                              /* hits: 4 */
    switch (x) {                            /* hits: 4 */
    case 1: {
        int y = x * 3;                      /* hits: 1 */
        r = y;                              /* hits: 1 */
        break;                              /* hits: 1 */
    }
    case 2: ;
        int z = x + 40;                     /* hits: 1 */
        r = z;                              /* hits: 1 */
        break;                              /* hits: 1 */
    case 3 ... 5:
        r = -x;                             /* hits: 1 */
        break;                              /* hits: 1 */
    }
    return r;                               /* hits: 4 */
}

/* @profile */
static int bare(int x)
{
    int r = 7;                              /* hits: 3 */
    switch (x)                              /* hits: 3 */
    case 1:
        r = 100;                            /* hits: 1 */
    switch (x)                              /* hits: 3 */
        default: r += 1;                    /* hits: 3 */
    switch (x) case 2: r += 50;             /* hits: 3 */
    return r;                               /* hits: 3 */
}

/* @profile */
static void duff(char *to, const char *from, int count)
{
    int n = (count + 7) / 8;                /* hits: 2 */
    switch (count % 8) {                    /* hits: 2 */
    case 0: do { *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 7:      *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 6:      *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 5:      *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 4:      *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 3:      *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 2:      *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 1:      *to++ = *from++;           /* hits: 4 */
            } while (--n > 0);              /* hits: 4 */
    }
}

int main(void)
{
    char buf[32] = { 0 };
    printf("%d %d %d %d\n", decls(1), decls(2), decls(4), decls(9));
    printf("%d %d %d\n", bare(1), bare(2), bare(3));
    duff(buf, "abcdefghijklmnopqrst", 20);
    duff(buf + 20, "uvwxy", 1);
    printf("%s\n", buf);
    return 0;
}
