#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__macrofuncs_c)
#define scope__macrofuncs_c
static const char scope__f0_macrofuncs_c_text[] =
    "/* @profile */\n"
    "SIGNATURE(sig)\n"
    "{\n"
    "    int y = x * 2;                      /* hits: 2 */\n"
    "    return y;                           /* hits: 2 */\n"
    "}\n";
static const unsigned scope__f0_macrofuncs_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f0_macrofuncs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrofuncs.c", "sig", 36, 6, scope__f0_macrofuncs_c_text, { "sig", 0 }, 0, scope__f0_macrofuncs_c_next };
static const char scope__f1_macrofuncs_c_text[] =
    "/* @profile(\"steps\") */\n"
    "static int steps(int x)\n"
    "{\n"
    "    STEP(x)                             /* hits: 1 */\n"
    "    STEP(x) STEP(x)                     /* hits: 1 */\n"
    "    TWICE(STEP(x))                      /* hits: 1 */\n"
    "    SKIP(x)                             /* hits: 1 */\n"
    "    return x;                           /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f1_macrofuncs_c_next[] = {
    4, 3, 5, 3, 6, 3, 0 };
static scope_func_desc scope__f1_macrofuncs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrofuncs.c", "steps", 49, 9, scope__f1_macrofuncs_c_text, { "steps", 0 }, 0, scope__f1_macrofuncs_c_next };
static const char scope__f2_macrofuncs_c_text[] =
    "/* @profile(\"twice\") */\n"
    "static int twice(int x)\n"
    "{\n"
    "    int i;\n"
    "    if (x > 100)                        /* hits: 1 */\n"
    "        TWICE(STEP(x))\n"
    "    for (i = 0; i < 2; i++)             /* hits: 1 */\n"
    "        TWICE(STEP(x))\n"
    "    while (x < 0)                       /* hits: 1 */\n"
    "        TWICE(STEP(x))\n"
    "    if (x > 100) TWICE(STEP(x))         /* hits: 1 */\n"
    "    return x;                           /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f2_macrofuncs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrofuncs.c", "twice", 59, 13, scope__f2_macrofuncs_c_text, { "twice", 0 }, 0, 0 };
#endif
#line 1 "macrofuncs.c"
/* macrofuncs.c - functions made by macros: a whole definition from a macro
 * (annotated: skipped with a note, since nothing of it is in the file), a
 * pair of definitions from one macro under one annotation (each named in
 * the note, see macrofuncs.list), a
 * signature from a macro with a written body (profiled as usual), body
 * braces from macros (skipped), and bodies made of macro statements,
 * including a macro that expands to two statements after an unbraced if,
 * for or while: only the first belongs to the body, so no probe or brace
 * may go at the macro's name, where it would pull both (or neither) into
 * the body. The if, for or while then ends inside the expansion, so it is
 * probed as a whole before its keyword (the for counts its entries).
 * c89: yes
 * regions: sig=2 steps=1 twice=1
 */
#include <stdio.h>

/* The case is about such macros: gcc's warning about them is off. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmultistatement-macros"
#endif

#define DEFINE_GETTER(name, v) static int name(void) { return v; }
#define SIGNATURE(name) static int name(int x)
#define BEGIN {
#define END }
#define STEP(v) (v) += 1;
#define TWICE(s) s s
#define SKIP(v) if ((v) < 0) (v) = 0;
#define GETTERS(a, b) static int a(void) { return 1; } static int b(void) { return 2; }

/* @profile */
DEFINE_GETTER(seven, 7)
/* @profile */
GETTERS(one, two)

/* @profile */
SIGNATURE(sig)
{ SCOPE_FRAME(scope__f0_macrofuncs_c)
    SCOPE_LINE_DECL(3) int y = x * 2;                      /* hits: 2 */
    SCOPE_LINE_NEXT(4); return y;                           /* hits: 2 */
}

/* @profile */
static int braces(int x)
BEGIN
    return x;
END

/* @profile("steps") */
static int steps(int x)
{ SCOPE_FRAME(scope__f1_macrofuncs_c)
    SCOPE_LINE(3); STEP(x)                             /* hits: 1 */
    SCOPE_LINE_NEXT(4); STEP(x) STEP(x)                     /* hits: 1 */
    SCOPE_LINE_NEXT(5); TWICE(STEP(x))                      /* hits: 1 */
    SCOPE_LINE_NEXT(6); SKIP(x)                             /* hits: 1 */
    SCOPE_LINE(7); return x;                           /* hits: 1 */
}

/* @profile("twice") */
static int twice(int x)
{ SCOPE_FRAME(scope__f2_macrofuncs_c)
    int i;
    SCOPE_LINE(4); if (x > 100)                        /* hits: 1 */
        TWICE(STEP(x))
    SCOPE_LINE(6); for (i = 0; i < 2; i++)             /* hits: 1 */
        TWICE(STEP(x))
    SCOPE_LINE(8); while (x < 0)                       /* hits: 1 */
        TWICE(STEP(x))
    SCOPE_LINE(10); if (x > 100) TWICE(STEP(x))         /* hits: 1 */
    SCOPE_LINE(11); return x;                           /* hits: 1 */
}

int main(void)
{
    printf("%d %d %d %d %d\n", seven(), sig(3), sig(4), braces(5), steps(0));
    printf("%d %d\n", twice(0), one() + two());
    return 0;
}
