#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__stmtexpr_c)
#define scope__stmtexpr_c
static const char scope__f0_stmtexpr_c_text[] =
    "/* @profile */\n"
    "static int stmtexpr(int n)\n"
    "{\n"
    "    int s = ({                              /* hits: 2 */\n"
    "        int t = 0;\n"
    "        for (int i = 0; i < n; i++)\n"
    "            t += i;\n"
    "        t;\n"
    "    });\n"
    "    s += MAX(s, 3);                         /* hits: 2 */\n"
    "    if (({ int q = n; q > 1; }))            /* hits: 2 */\n"
    "        s++;                                /* hits: 1 */\n"
    "    while (({ int k = s; k > 100; }))       /* hits: 2 */\n"
    "        s = 0;\n"
    "    return s;                               /* hits: 2 */\n"
    "}\n";
static scope_func_desc scope__f0_stmtexpr_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "stmtexpr.c", "stmtexpr", 17, 16, scope__f0_stmtexpr_c_text, { "stmtexpr", 0 }, 0, 0 };
static const char scope__f1_stmtexpr_c_text[] =
    "/* @profile */\n"
    "static int jumps(int x)\n"
    "{\n"
    "    __asm__ goto(\"\" : : \"r\"(x) : : big);    /* hits: 3 */\n"
    "    if (x > 1)                              /* hits: 3 */\n"
    "        __asm__ goto(JUMP : : \"r\"(x) : : big); /* hits: 2 */\n"
    "    return 1;                               /* hits: 1 */\n"
    "big:\n"
    "    return 2;                               /* hits: 2 */\n"
    "}\n";
static scope_func_desc scope__f1_stmtexpr_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "stmtexpr.c", "jumps", 34, 10, scope__f1_stmtexpr_c_text, { "jumps", 0 }, 0, 0 };
#endif
#line 1 "stmtexpr.c"
/* stmtexpr.c - GNU statement expressions and asm goto. The statements
 * inside a statement expression are not probed (the walker does not enter
 * expressions; --list says so): the statement holding it is probed as a
 * whole, also where the statement expression is an initializer or a
 * condition. An asm goto is probed like any statement, and the label it
 * jumps to counts each arrival.
 */
#include <stdio.h>

#if defined(__x86_64__) || defined(__i386__)
#define JUMP "jmp %l1"
#else
#define JUMP "b %l1"
#endif
#define MAX(a, b) ({ int a_ = (a), b_ = (b); a_ > b_ ? a_ : b_; })

/* @profile */
static int stmtexpr(int n)
{ SCOPE_FRAME(scope__f0_stmtexpr_c)
    SCOPE_LINE_DECL(3) int s = ({                              /* hits: 2 */
        int t = 0;
        for (int i = 0; i < n; i++)
            t += i;
        t;
    });
    SCOPE_LINE(9); s += MAX(s, 3);                         /* hits: 2 */
    SCOPE_LINE(10); if (({ int q = n; q > 1; }))            /* hits: 2 */
        { SCOPE_LINE(11); s++; }                                /* hits: 1 */
    while (SCOPE_LINE(12), ({ int k = s; k > 100; }))       /* hits: 2 */
        { SCOPE_LINE(13); s = 0; }
    SCOPE_LINE(14); return s;                               /* hits: 2 */
}

/* @profile */
static int jumps(int x)
{ SCOPE_FRAME(scope__f1_stmtexpr_c)
    SCOPE_LINE(3); __asm__ goto("" : : "r"(x) : : big);    /* hits: 3 */
    SCOPE_LINE(4); if (x > 1)                              /* hits: 3 */
        { SCOPE_LINE(5); __asm__ goto(JUMP : : "r"(x) : : big); } /* hits: 2 */
    SCOPE_LINE(6); return 1;                               /* hits: 1 */
big:
    SCOPE_LINE(8); return 2;                               /* hits: 2 */
}

int main(void)
{
    printf("%d %d\n", stmtexpr(4), stmtexpr(1));
    printf("%d %d %d\n", jumps(1), jumps(2), jumps(3));
    return 0;
}
