#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__switch_c)
#define scope__switch_c
static const char scope__f0_switch_c_text[] = __extension__
    "/* @profile */\n"
    "static int sw(int x)\n"
    "{\n"
    "    int r = 0;                          /* hits: 5 */\n"
    "    switch (x) {                        /* hits: 5 */\n"
    "    case 0:\n"
    "        r += 1;                         /* hits: 1 */\n"
    "        /* fall through */\n"
    "    case 1:\n"
    "        r += 10;                        /* hits: 2 */\n"
    "        break;                          /* hits: 2 */\n"
    "    case 2: r += 100; break;            /* hits: 1 */\n"
    "    case 3:\n"
    "    case 4:\n"
    "        r += 1000;                      /* hits: 1 */\n"
    "        break;                          /* hits: 1 */\n"
    "    default:\n"
    "        r = -1;                         /* hits: 1 */\n"
    "    }\n"
    "    return r;                           /* hits: 5 */\n"
    "}\n";
static const unsigned scope__f0_switch_c_next[] = {
    4, 3, 10, 9, 15, 14, 0 };
static scope_func_desc scope__f0_switch_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "switch.c", "sw", 7, 21, scope__f0_switch_c_text, { "sw", 0 }, 0, scope__f0_switch_c_next };
#endif
#line 1 "switch.c"
/* switch.c - switch with case, default and fall-through: the statement
 * after a label counts every way in, by jump or by falling through.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int sw(int x)
{ SCOPE_FRAME(scope__f0_switch_c)
    SCOPE_LINE_DECL(3) int r = 0;                          /* hits: 5 */
    SCOPE_LINE_NEXT(4); switch (x) {                        /* hits: 5 */
    case 0:
        SCOPE_LINE(6); r += 1;                         /* hits: 1 */
        /* fall through */
    case 1:
        SCOPE_LINE(9); r += 10;                        /* hits: 2 */
        SCOPE_LINE_NEXT(10); break;                          /* hits: 2 */
    case 2: SCOPE_LINE(11); r += 100; break;            /* hits: 1 */
    case 3:
    case 4:
        SCOPE_LINE(14); r += 1000;                      /* hits: 1 */
        SCOPE_LINE_NEXT(15); break;                          /* hits: 1 */
    default:
        SCOPE_LINE(17); r = -1;                         /* hits: 1 */
    }
    SCOPE_LINE(19); return r;                           /* hits: 5 */
}

int main(void)
{
    int xs[5] = { 0, 1, 2, 4, 9 };
    int i, sum = 0;
    for (i = 0; i < 5; i++)
        sum += sw(xs[i]);
    printf("%d\n", sum);
    return 0;
}
