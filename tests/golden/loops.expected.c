#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__loops_c)
#define scope__loops_c
static const char scope__f0_loops_c_text[] = __extension__
    "/* @profile(\"loops\") */\n"
    "static int loops(int n)\n"
    "{\n"
    "    int i, j = 0, s = 0;                /* hits: 1 */\n"
    "    for (i = 0; i < n; i++) {           /* hits: 6 */\n"
    "        s += i;                         /* hits: 5 */\n"
    "    }\n"
    "    for (;;) {                          /* hits: 1 */\n"
    "        if (++j == 3)                   /* hits: 3 */\n"
    "            break;                      /* hits: 1 */\n"
    "    }\n"
    "    i = 0;                              /* hits: 1 */\n"
    "    while (i < n)                       /* hits: 6 */\n"
    "        i++;                            /* hits: 5 */\n"
    "    while (i > 0) {                     /* hits: 6 */\n"
    "        i--;                            /* hits: 5 */\n"
    "        if (i % 2)                      /* hits: 5 */\n"
    "            continue;                   /* hits: 2 */\n"
    "        s++;                            /* hits: 3 */\n"
    "    }\n"
    "    do {                                /* hits: 1 */\n"
    "        j++;                            /* hits: 4 */\n"
    "    } while (j < 7);                    /* hits: 4 */\n"
    "    do j--; while (j > 2);              /* hits: 5 */\n"
    "    for (i = 0; i < 3; i++) s += i;     /* hits: 4 */\n"
    "    return s + j;                       /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_loops_c_next[] = {
    16, 15, 0 };
static scope_func_desc scope__f0_loops_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "loops.c", "loops", 8, 27, scope__f0_loops_c_text, { "loops", 0 }, 0, scope__f0_loops_c_next };
#endif
#line 1 "loops.c"
/* loops.c - for (with and without a condition), while, do-while over
 * several lines and on one line, break and continue: a loop header counts
 * every test of its condition (N+1 for N passes), for (;;) its entries.
 * c89: yes
 */
#include <stdio.h>

/* @profile("loops") */
static int loops(int n)
{ SCOPE_FRAME(scope__f0_loops_c)
    SCOPE_LINE_DECL(3) int i, j = 0, s = 0;                /* hits: 1 */
    for (i = 0; SCOPE_LINE(4), i < n; i++) {           /* hits: 6 */
        SCOPE_LINE(5); s += i;                         /* hits: 5 */
    }
    SCOPE_LINE(7); for (;;) {                          /* hits: 1 */
        SCOPE_LINE(8); if (++j == 3)                   /* hits: 3 */
            { SCOPE_LINE(9); break; }                      /* hits: 1 */
    }
    SCOPE_LINE(11); i = 0;                              /* hits: 1 */
    while (SCOPE_LINE(12), i < n)                       /* hits: 6 */
        { SCOPE_LINE(13); i++; }                            /* hits: 5 */
    while (SCOPE_LINE(14), i > 0) {                     /* hits: 6 */
        SCOPE_LINE(15); i--;                            /* hits: 5 */
        SCOPE_LINE_NEXT(16); if (i % 2)                      /* hits: 5 */
            { SCOPE_LINE(17); continue; }                   /* hits: 2 */
        SCOPE_LINE(18); s++;                            /* hits: 3 */
    }
    SCOPE_LINE(20); do {                                /* hits: 1 */
        SCOPE_LINE(21); j++;                            /* hits: 4 */
    } while (SCOPE_LINE(22), j < 7);                    /* hits: 4 */
    do j--; while (SCOPE_LINE(23), j > 2);              /* hits: 5 */
    for (i = 0; SCOPE_LINE(24), i < 3; i++) s += i;     /* hits: 4 */
    SCOPE_LINE(25); return s + j;                       /* hits: 1 */
}

int main(void)
{
    printf("%d\n", loops(5));
    return 0;
}
