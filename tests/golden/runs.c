/* runs.c - straight-line runs: a statement that always follows a
 * call-free one shares its counter (SCOPE_LINE_NEXT), and every way out of
 * or into the middle of a run ends it: a call (which may exit or longjmp),
 * a label (goto, case), a statement expression that returns, a jump. Each
 * line's hits must be the same in both modes.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf back;
static int sink;

static void quit(int n)
{
    if (n == 3) {
        printf("quit %d\n", sink);
        exit(0);
    }
}

static void bounce(int n)
{
    if (n == 1)
        longjmp(back, 1);
}

/* @profile */
static int straight(int n)
{
    int a = n * 2;                      /* hits: 3 */
    int b = a + 1;                      /* hits: 3 */
    a += b;                             /* hits: 3 */
    b -= a; a ^= b;                     /* hits: 3 */
    if (a > b)                          /* hits: 3 */
        a = b;                          /* hits: 1 */
    b = a % 7;                          /* hits: 3 */
    return a + b;                       /* hits: 3 */
}

/* @profile */
static int labels(int n)
{
    int a = 0, b = 0;                   /* hits: 2 */
    if (n > 1)                          /* hits: 2 */
        goto mid;                       /* hits: 1 */
    a = 1;                              /* hits: 1 */
mid:
    b = 2;                              /* hits: 2 */
    a += b;                             /* hits: 2 */
    switch (n) {                        /* hits: 2 */
    case 1:
        a++;                            /* hits: 1 */
        /* fall through */
    case 2:
        b++;                            /* hits: 2 */
        a += b;                         /* hits: 2 */
        break;                          /* hits: 2 */
    }
    return a + b;                       /* hits: 2 */
}

/* @profile */
static int calls(int n)
{
    int v = n;                          /* hits: 3 */
    sink = v;                           /* hits: 3 */
    bounce(n);                          /* hits: 3 */
    v++;                                /* hits: 2 */
    quit(n);                            /* hits: 2 */
    v++;                                /* hits: 1 */
    sink += v;                          /* hits: 1 */
    return v;                           /* hits: 1 */
}

/* @profile */
static int gnu(int n)
{
    int x = 1;                          /* hits: 2 */
    x = ({ if (n) return x; 2; });      /* hits: 2 */
    x += 3;                             /* hits: 1 */
    {
        int vla[n + 1];                 /* hits: 1 */
        vla[0] = x;                     /* hits: 1 */
        x = vla[0];                     /* hits: 1 */
    }
    return x;                           /* hits: 1 */
}

int main(void)
{
    int i;
    for (i = 0; i < 3; i++)
        sink += straight(i);
    sink += labels(1) + labels(2);
    sink += gnu(0) + gnu(1);
    if (setjmp(back) == 0)
        sink += calls(1);
    sink += calls(2);
    calls(3);
    return 1;
}
