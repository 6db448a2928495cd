#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__ifdef_c)
#define scope__ifdef_c
static const char scope__f0_ifdef_c_text[] = __extension__
    "/* @profile */\n"
    "static int cond(int x)\n"
    "{\n"
    "    int r = 0;                          /* hits: 2 */\n"
    "    if (x > 0)                          /* hits: 2 */\n"
    "#ifdef NOT_DEFINED\n"
    "        r = 1 +;\n"
    "#else\n"
    "        r = 2;                          /* hits: 1 */\n"
    "#endif\n"
    "#if 0\n"
    "    this is not C at all ( {\n"
    "#elif 1\n"
    "    r += 10;                            /* hits: 2 */\n"
    "#else\n"
    "    /* @profile(\"never\") */\n"
    "    r = } bad;\n"
    "#endif\n"
    "#ifndef NOT_DEFINED\n"
    "    if (x < 0)                          /* hits: 2 */\n"
    "        r = -1;                         /* hits: 1 */\n"
    "    else\n"
    "#endif\n"
    "        r += 100;                       /* hits: 1 */\n"
    "    r += 1000                           /* hits: 2 */\n"
    "#if defined(NOT_DEFINED) && NOT_DEFINED > 1\n"
    "        + 1 + ) (\n"
    "#endif\n"
    "        ;\n"
    "    return r;                           /* hits: 2 */\n"
    "}\n";
static const unsigned scope__f0_ifdef_c_next[] = {
    4, 3, 19, 13, 29, 24, 0 };
static scope_func_desc scope__f0_ifdef_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "ifdef.c", "cond", 10, 31, scope__f0_ifdef_c_text, { "cond", 0 }, 0, scope__f0_ifdef_c_next };
#endif
#line 1 "ifdef.c"
/* ifdef.c - conditional compilation inside profiled bodies: an #ifdef
 * around the unbraced body of an if (the active body gets its braces, the
 * inactive one is untouched), inactive #if/#elif/#else branches holding
 * text that is not C at all, and an #if inside a statement. Inactive text
 * stays byte for byte as it was.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int cond(int x)
{ SCOPE_FRAME(scope__f0_ifdef_c)
    SCOPE_LINE_DECL(3) int r = 0;                          /* hits: 2 */
    SCOPE_LINE_NEXT(4); if (x > 0)                          /* hits: 2 */
#ifdef NOT_DEFINED
        r = 1 +;
#else
        { SCOPE_LINE(8); r = 2; }                          /* hits: 1 */
#endif
#if 0
    this is not C at all ( {
#elif 1
    SCOPE_LINE(13); r += 10;                            /* hits: 2 */
#else
    /* @profile("never") */
    r = } bad;
#endif
#ifndef NOT_DEFINED
    SCOPE_LINE_NEXT(19); if (x < 0)                          /* hits: 2 */
        { SCOPE_LINE(20); r = -1; }                         /* hits: 1 */
    else
#endif
        { SCOPE_LINE(23); r += 100; }                       /* hits: 1 */
    SCOPE_LINE(24); r += 1000                           /* hits: 2 */
#if defined(NOT_DEFINED) && NOT_DEFINED > 1
        + 1 + ) (
#endif
        ;
    SCOPE_LINE_NEXT(29); return r;                           /* hits: 2 */
}

int main(void)
{
    printf("%d %d\n", cond(1), cond(-1));
    return 0;
}
