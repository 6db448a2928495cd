#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__tailcall_c)
#define scope__tailcall_c
static const char scope__f0_tailcall_c_text[] =
    "/* @profile */\n"
    "static int count(int n)\n"
    "{\n"
    "    int r = tail(n);                        /* hits: 1 */\n"
    "    return r + n;                           /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_tailcall_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "tailcall.c", "count", 25, 6, scope__f0_tailcall_c_text, { "count", 0 }, 0, 0 };
#endif
#line 1 "tailcall.c"
/* tailcall.c - a function with a musttail return (clang only) cannot get
 * a frame: its cleanup would forbid the tail call. The rewriter takes the
 * function back, its statement region with it, and says so in a note; the
 * other functions of the file are profiled as usual.
 * cc: clang
 * regions: count=1
 */
#include <stdio.h>

static int done(int n)
{
    return n;
}

/* @profile("tail") */
static int tail(int n)
{
    if (n <= 0)
        return done(0);
    /* @profile("inner") */
    n -= 1;
    __attribute__((musttail)) return tail(n);
}

/* @profile */
static int count(int n)
{ SCOPE_FRAME(scope__f0_tailcall_c)
    SCOPE_LINE_DECL(3) int r = tail(n);                        /* hits: 1 */
    SCOPE_LINE(4); return r + n;                           /* hits: 1 */
}

int main(void)
{
    printf("%d\n", count(5));
    return 0;
}
