#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__crlf_c)
#define scope__crlf_c
static const char scope__f0_crlf_c_text[] =
    "/* @profile */\n"
    "static int twice(int x)\n"
    "{\n"
    "    int y = x * 2;        /* hits: 1 */\n"
    "    if (y > 2)            /* hits: 1 */\n"
    "        y--;              /* hits: 1 */\n"
    "    return y;             /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_crlf_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f0_crlf_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "crlf.c", "twice", 7, 8, scope__f0_crlf_c_text, { "twice", 0 }, 0, scope__f0_crlf_c_next };
#endif
#line 1 "crlf.c"
/* crlf.c - a file with CRLF line ends: probes go inside the lines, each
 * line keeps its CR, and the line texts in the epilogue have none.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int twice(int x)
{ SCOPE_FRAME(scope__f0_crlf_c)
    SCOPE_LINE_DECL(3) int y = x * 2;        /* hits: 1 */
    SCOPE_LINE_NEXT(4); if (y > 2)            /* hits: 1 */
        { SCOPE_LINE(5); y--; }              /* hits: 1 */
    SCOPE_LINE(6); return y;             /* hits: 1 */
}

int main(void)
{
    printf("%d\n", twice(2));
    return 0;
}
