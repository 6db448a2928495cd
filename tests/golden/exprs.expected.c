#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__exprs_c)
#define scope__exprs_c
static const char scope__f0_exprs_c_text[] = __extension__
    "/* @profile */\n"
    "static int exprs(int n)\n"
    "{\n"
    "    int a = 0, b = 0, i;                /* hits: 1 */\n"
    "    a = twice(n);                       /* hits: 1 */\n"
    "    a++; b++; a += b;                   /* hits: 1 */\n"
    "    b = a +                             /* hits: 1 */\n"
    "        twice(b) +\n"
    "        n;\n"
    "    for (i = 0; i < n; i++)             /* hits: 5 */\n"
    "        a += i;                         /* hits: 4 */\n"
    "    (void)twice(a);                     /* hits: 1 */\n"
    "    ;\n"
    "    return a + b;                       /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_exprs_c_next[] = {
    4, 3, 6, 5, 0 };
static scope_func_desc scope__f0_exprs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "exprs.c", "exprs", 10, 15, scope__f0_exprs_c_text, { "exprs", 0 }, 0, scope__f0_exprs_c_next };
#endif
#line 1 "exprs.c"
/* exprs.c - expression statements: one probe per line however many
 * statements it holds, and a statement over several lines counts on its
 * first line.
 * c89: yes
 */
#include <stdio.h>

static int twice(int x) { return 2 * x; }

/* @profile */
static int exprs(int n)
{ SCOPE_FRAME(scope__f0_exprs_c)
    SCOPE_LINE_DECL(3) int a = 0, b = 0, i;                /* hits: 1 */
    SCOPE_LINE_NEXT(4); a = twice(n);                       /* hits: 1 */
    SCOPE_LINE(5); a++; b++; a += b;                   /* hits: 1 */
    SCOPE_LINE_NEXT(6); b = a +                             /* hits: 1 */
        twice(b) +
        n;
    for (i = 0; SCOPE_LINE(9), i < n; i++)             /* hits: 5 */
        { SCOPE_LINE(10); a += i; }                         /* hits: 4 */
    SCOPE_LINE(11); (void)twice(a);                     /* hits: 1 */
    ;
    SCOPE_LINE(13); return a + b;                       /* hits: 1 */
}

int main(void)
{
    printf("%d\n", exprs(4));
    return 0;
}
