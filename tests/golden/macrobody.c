/* macrobody.c - statements that a macro spells as a whole block (`{ ... }`)
 * in every place a probe can go before a statement: the unbraced body of
 * if, else, for, while and do, with and without the `;` after the macro,
 * and the one-line `if (c) BLOCK(x) else ...` that only compiles because
 * the macro brings its own braces. The probe and the macro must share one
 * pair of added braces, or the probe alone becomes the body (and the macro
 * runs unconditionally). A macro that spells an `else` with its branch
 * (`OPT(1);` below) leaves no place before the branch: it is not probed,
 * and macrobody.list says so.
 * c89: yes
 * regions: macrobody=1
 */
#include <stdio.h>
#include <stdlib.h>

#define DIE(c) { fprintf(stderr, "fatal\n"); exit(c); }
#define BLOCK(n) { s += (n); }
#define STEP { i++; }
#define OPT(v) else if (opt == (v)) flags |= (v)

/* @profile("macrobody") */
static int macrobody(int bad, int on)
{
    int s = 0, i = 0;                   /* hits: 1 */
    if (bad)                            /* hits: 1 */
        DIE(3);
    if (!on)                            /* hits: 1 */
        DIE(4)
    if (on) BLOCK(8) else BLOCK(100)    /* hits: 1 */
    if (bad)                            /* hits: 1 */
        BLOCK(1000)
    else                                /* hits: 0 */
        BLOCK(2);                       /* hits: 1 */
    for (i = 0; i < 3; i++)             /* hits: 4 */
        BLOCK(i);                       /* hits: 3 */
    while (i < 6)                       /* hits: 4 */
        STEP                            /* hits: 3 */
    do                                  /* hits: 1 */
        STEP                            /* hits: 2 */
    while (i < 8);                      /* hits: 2 */
    return s + i;                       /* hits: 1 */
}

/* @profile */
static int parse(int opt)
{
    int flags = 0;                      /* hits: 2 */
    if (opt == 0)                       /* hits: 2 */
    {
    }
    OPT(1);
    else if (opt == 2)                  /* hits: 1 */
        flags |= 2;                     /* hits: 1 */
    return flags;                       /* hits: 2 */
}

int main(int argc, char **argv)
{
    (void)argv;
    printf("%d\n", macrobody(argc > 5, argc > 0));
    printf("%d\n", parse(1) + parse(2));
    return 0;
}
