#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__macrobody_c)
#define scope__macrobody_c
static const char scope__f0_macrobody_c_text[] = __extension__
    "/* @profile(\"macrobody\") */\n"
    "static int macrobody(int bad, int on)\n"
    "{\n"
    "    int s = 0, i = 0;                   /* hits: 1 */\n"
    "    if (bad)                            /* hits: 1 */\n"
    "        DIE(3);\n"
    "    if (!on)                            /* hits: 1 */\n"
    "        DIE(4)\n"
    "    if (on) BLOCK(8) else BLOCK(100)    /* hits: 1 */\n"
    "    if (bad)                            /* hits: 1 */\n"
    "        BLOCK(1000)\n"
    "    else                                /* hits: 0 */\n"
    "        BLOCK(2);                       /* hits: 1 */\n"
    "    for (i = 0; i < 3; i++)             /* hits: 4 */\n"
    "        BLOCK(i);                       /* hits: 3 */\n"
    "    while (i < 6)                       /* hits: 4 */\n"
    "        STEP                            /* hits: 3 */\n"
    "    do                                  /* hits: 1 */\n"
    "        STEP                            /* hits: 2 */\n"
    "    while (i < 8);                      /* hits: 2 */\n"
    "    return s + i;                       /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_macrobody_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f0_macrobody_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrobody.c", "macrobody", 21, 22, scope__f0_macrobody_c_text, { "macrobody", 0 }, 0, scope__f0_macrobody_c_next };
static const char scope__f1_macrobody_c_text[] =
    "/* @profile */\n"
    "static int parse(int opt)\n"
    "{\n"
    "    int flags = 0;                      /* hits: 2 */\n"
    "    if (opt == 0)                       /* hits: 2 */\n"
    "    {\n"
    "    }\n"
    "    OPT(1);\n"
    "    else if (opt == 2)                  /* hits: 1 */\n"
    "        flags |= 2;                     /* hits: 1 */\n"
    "    return flags;                       /* hits: 2 */\n"
    "}\n";
static const unsigned scope__f1_macrobody_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f1_macrobody_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrobody.c", "parse", 44, 12, scope__f1_macrobody_c_text, { "parse", 0 }, 0, scope__f1_macrobody_c_next };
#endif
#line 1 "macrobody.c"
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
{ SCOPE_FRAME(scope__f0_macrobody_c)
    SCOPE_LINE_DECL(3) int s = 0, i = 0;                   /* hits: 1 */
    SCOPE_LINE_NEXT(4); if (bad)                            /* hits: 1 */
        { SCOPE_LINE(5); DIE(3); }
    SCOPE_LINE(6); if (!on)                            /* hits: 1 */
        { SCOPE_LINE(7); DIE(4) }
    SCOPE_LINE(8); if (on) BLOCK(8) else BLOCK(100)    /* hits: 1 */
    SCOPE_LINE(9); if (bad)                            /* hits: 1 */
        { SCOPE_LINE(10); BLOCK(1000) }
    else                                /* hits: 0 */
        { SCOPE_LINE(12); BLOCK(2); }                       /* hits: 1 */
    for (i = 0; SCOPE_LINE(13), i < 3; i++)             /* hits: 4 */
        { SCOPE_LINE(14); BLOCK(i); }                       /* hits: 3 */
    while (SCOPE_LINE(15), i < 6)                       /* hits: 4 */
        { SCOPE_LINE(16); STEP }                            /* hits: 3 */
    SCOPE_LINE(17); do                                  /* hits: 1 */
        { SCOPE_LINE(18); STEP }                            /* hits: 2 */
    while (SCOPE_LINE(19), i < 8);                      /* hits: 2 */
    SCOPE_LINE(20); return s + i;                       /* hits: 1 */
}

/* @profile */
static int parse(int opt)
{ SCOPE_FRAME(scope__f1_macrobody_c)
    SCOPE_LINE_DECL(3) int flags = 0;                      /* hits: 2 */
    SCOPE_LINE_NEXT(4); if (opt == 0)                       /* hits: 2 */
    {
    }
    OPT(1);
    else if (SCOPE_LINE(8), opt == 2)                  /* hits: 1 */
        { SCOPE_LINE(9); flags |= 2; }                     /* hits: 1 */
    SCOPE_LINE(10); return flags;                       /* hits: 2 */
}

int main(int argc, char **argv)
{
    (void)argv;
    printf("%d\n", macrobody(argc > 5, argc > 0));
    printf("%d\n", parse(1) + parse(2));
    return 0;
}
