#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__ifelse_c)
#define scope__ifelse_c
static const char scope__f0_ifelse_c_text[] = __extension__
    "/* @profile(\"classify\") */\n"
    "static int classify(int x)\n"
    "{\n"
    "    int r = 0;                          /* hits: 6 */\n"
    "    if (x < 0)                          /* hits: 6 */\n"
    "        r = -1;                         /* hits: 1 */\n"
    "    else if (x == 0)                    /* hits: 5 */\n"
    "        r = 0;                          /* hits: 1 */\n"
    "    else if (x < 10) {                  /* hits: 4 */\n"
    "        r = 1;                          /* hits: 2 */\n"
    "    } else {\n"
    "        r = 2;                          /* hits: 2 */\n"
    "    }\n"
    "    if (r > 0) r *= 10; else r -= 1;    /* hits: 6 */\n"
    "    if (x == 3) {                       /* hits: 6 */\n"
    "        r += 100;                       /* hits: 1 */\n"
    "    }\n"
    "    else\n"
    "    {\n"
    "        r += 1000;                      /* hits: 5 */\n"
    "    }\n"
    "    return r;                           /* hits: 6 */\n"
    "}\n";
static const unsigned scope__f0_ifelse_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f0_ifelse_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "ifelse.c", "classify", 8, 23, scope__f0_ifelse_c_text, { "classify", 0 }, 0, scope__f0_ifelse_c_next };
#endif
#line 1 "ifelse.c"
/* ifelse.c - if / else if / else chains, braced and unbraced, over several
 * lines and on one line: an `if` line counts once per execution, an
 * `else if` line once per test of its condition.
 * c89: yes
 */
#include <stdio.h>

/* @profile("classify") */
static int classify(int x)
{ SCOPE_FRAME(scope__f0_ifelse_c)
    SCOPE_LINE_DECL(3) int r = 0;                          /* hits: 6 */
    SCOPE_LINE_NEXT(4); if (x < 0)                          /* hits: 6 */
        { SCOPE_LINE(5); r = -1; }                         /* hits: 1 */
    else if (SCOPE_LINE(6), x == 0)                    /* hits: 5 */
        { SCOPE_LINE(7); r = 0; }                          /* hits: 1 */
    else if (SCOPE_LINE(8), x < 10) {                  /* hits: 4 */
        SCOPE_LINE(9); r = 1;                          /* hits: 2 */
    } else {
        SCOPE_LINE(11); r = 2;                          /* hits: 2 */
    }
    SCOPE_LINE(13); if (r > 0) r *= 10; else r -= 1;    /* hits: 6 */
    SCOPE_LINE(14); if (x == 3) {                       /* hits: 6 */
        SCOPE_LINE(15); r += 100;                       /* hits: 1 */
    }
    else
    {
        SCOPE_LINE(19); r += 1000;                      /* hits: 5 */
    }
    SCOPE_LINE(21); return r;                           /* hits: 6 */
}

int main(void)
{
    int xs[6] = { -5, 0, 3, 7, 12, 40 };
    int i, sum = 0;
    for (i = 0; i < 6; i++)
        sum += classify(xs[i]);
    printf("%d\n", sum);
    return 0;
}
