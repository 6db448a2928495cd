#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__longline_c)
#define scope__longline_c
static const char scope__f0_longline_c_text[] = __extension__
    "/* @profile */\n"
    "static int longline(int x0)\n"
    "{\n"
    "\tint x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0; /* hits: 1 */\n"
    "\tconst char *s = \"a\\\\b \\\"q\\\"\";   /* hits: 1 (really?\?) */\n"
    "\treturn s[0] + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9; /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_longline_c_next[] = {
    4, 3, 5, 3, 0 };
static scope_func_desc scope__f0_longline_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "longline.c", "longline", 9, 7, scope__f0_longline_c_text, { "longline", 0 }, 0, scope__f0_longline_c_next };
#endif
#line 1 "longline.c"
/* longline.c - a profiled line longer than the 509 characters C90
 * guarantees in a string literal, and lines holding a tab, a backslash,
 * quotes and a trigraph (in the comment below): the lines' literals must
 * keep -std=c89 -pedantic quiet and read back as the original text.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int longline(int x0)
{ SCOPE_FRAME(scope__f0_longline_c)
	SCOPE_LINE_DECL(3) int x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0; /* hits: 1 */
	SCOPE_LINE_DECL_NEXT(4) const char *s = "a\\b \"q\"";   /* hits: 1 (really??) */
	SCOPE_LINE_NEXT(5); return s[0] + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9; /* hits: 1 */
}

int main(void)
{
    printf("%d\n", longline(1));
    return 0;
}
