#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__nestedfn_c)
#define scope__nestedfn_c
static const char scope__f0_nestedfn_c_text[] =
    "/* @profile */\n"
    "static int outer(int n)\n"
    "{\n"
    "    int base = 10;                          /* hits: 1 */\n"
    "    int add(int x) { return x + base; }\n"
    "    int twice(int x)\n"
    "    {\n"
    "        return 2 * x;\n"
    "    }\n"
    "    int s = 0;                              /* hits: 1 */\n"
    "    for (int i = 0; i < n; i++)             /* hits: 4 */\n"
    "        s += twice(add(i));                 /* hits: 3 */\n"
    "    return s;                               /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_nestedfn_c_next[] = {
    9, 3, 0 };
static scope_func_desc scope__f0_nestedfn_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "nestedfn.c", "outer", 10, 14, scope__f0_nestedfn_c_text, { "outer", 0 }, 0, scope__f0_nestedfn_c_next };
#endif
#line 1 "nestedfn.c"
/* nestedfn.c - GNU nested functions, which only gcc compiles: libclang
 * cannot parse their bodies and leaves them out, so the rewriter accepts
 * the one error it reports for them, probes the enclosing function around
 * them and leaves the nested function's text as it is (--list says so).
 * cc: gcc
 * regions: outer=1
 */
#include <stdio.h>

/* @profile */
static int outer(int n)
{ SCOPE_FRAME(scope__f0_nestedfn_c)
    SCOPE_LINE_DECL(3) int base = 10;                          /* hits: 1 */
    int add(int x) { return x + base; }
    int twice(int x)
    {
        return 2 * x;
    }
    SCOPE_LINE_DECL_NEXT(9) int s = 0;                              /* hits: 1 */
    for (int i = 0; SCOPE_LINE(10), i < n; i++)             /* hits: 4 */
        { SCOPE_LINE(11); s += twice(add(i)); }                 /* hits: 3 */
    SCOPE_LINE(12); return s;                               /* hits: 1 */
}

int main(void)
{
    printf("%d\n", outer(3));
    return 0;
}
