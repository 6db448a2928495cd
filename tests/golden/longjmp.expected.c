#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__longjmp_c)
#define scope__longjmp_c
static const char scope__f0_longjmp_c_text[] =
    "/* @profile */\n"
    "static void thrower(int x)\n"
    "{\n"
    "    if (x > 2)                          /* hits: 5 */\n"
    "        longjmp(env, x);                /* hits: 2 */\n"
    "    printf(\"no throw %d\\n\", x);         /* hits: 3 */\n"
    "}\n";
static scope_func_desc scope__f0_longjmp_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "longjmp.c", "thrower", 16, 7, scope__f0_longjmp_c_text, { "thrower", 0 }, 0, 0 };
static const char scope__f1_longjmp_c_text[] =
    "/* @profile */\n"
    "static int catcher(int n)\n"
    "{\n"
    "    volatile int caught = 0;            /* hits: 1 */\n"
    "    int i;\n"
    "    for (i = 0; i < n; i++) {           /* hits: 6 */\n"
    "        if (setjmp(env) == 0) {         /* hits: 5 */\n"
    "            thrower(i);                 /* hits: 5 */\n"
    "        } else {\n"
    "            caught += 1;                /* hits: 2 */\n"
    "        }\n"
    "    }\n"
    "    return caught;                      /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f1_longjmp_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "longjmp.c", "catcher", 24, 14, scope__f1_longjmp_c_text, { "catcher", 0 }, 0, 0 };
static const char scope__f2_longjmp_c_text[] =
    "/* @profile */\n"
    "static int outer(void)\n"
    "{\n"
    "    int c = catcher(5);                 /* hits: 1 */\n"
    "    return c * 10;                      /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f2_longjmp_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "longjmp.c", "outer", 39, 6, scope__f2_longjmp_c_text, { "outer", 0 }, 0, 0 };
#endif
#line 1 "longjmp.c"
/* longjmp.c - longjmp out of a profiled function into a profiled function:
 * the abandoned frame's lines keep what ran before the jump; the `if`
 * holding setjmp counts its starts, not setjmp's second returns (the
 * jump lands inside the condition, after the probe); only the calls that
 * returned are region calls; and the program runs on correctly (probes
 * keep no state in the function's own variables, which setjmp could not
 * restore).
 * c89: yes
 * regions: catcher=1 thrower=3 outer=1
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

/* @profile */
static void thrower(int x)
{ SCOPE_FRAME(scope__f0_longjmp_c)
    SCOPE_LINE(3); if (x > 2)                          /* hits: 5 */
        { SCOPE_LINE(4); longjmp(env, x); }                /* hits: 2 */
    SCOPE_LINE(5); printf("no throw %d\n", x);         /* hits: 3 */
}

/* @profile */
static int catcher(int n)
{ SCOPE_FRAME(scope__f1_longjmp_c)
    SCOPE_LINE_DECL(3) volatile int caught = 0;            /* hits: 1 */
    int i;
    for (i = 0; SCOPE_LINE(5), i < n; i++) {           /* hits: 6 */
        SCOPE_LINE(6); if (setjmp(env) == 0) {         /* hits: 5 */
            SCOPE_LINE(7); thrower(i);                 /* hits: 5 */
        } else {
            SCOPE_LINE(9); caught += 1;                /* hits: 2 */
        }
    }
    SCOPE_LINE(12); return caught;                      /* hits: 1 */
}

/* @profile */
static int outer(void)
{ SCOPE_FRAME(scope__f2_longjmp_c)
    SCOPE_LINE_DECL(3) int c = catcher(5);                 /* hits: 1 */
    SCOPE_LINE(4); return c * 10;                      /* hits: 1 */
}

int main(void)
{
    printf("%d\n", outer());
    return 0;
}
