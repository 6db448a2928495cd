#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__constructs_c)
#define scope__constructs_c
static const char scope__f0_constructs_c_text[] =
    "/* @profile */\n"
    "static int kr(a, b)\n"
    "    int a; int b;\n"
    "{\n"
    "    return a + b;                                   /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_constructs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "constructs.c", "kr", 10, 6, scope__f0_constructs_c_text, { "kr", 0 }, 0, 0 };
static const char scope__f1_constructs_c_text[] =
    "/* @profile */\n"
    "static int sum(int n, ...)\n"
    "{\n"
    "    va_list ap;\n"
    "    int s = 0, i;                                   /* hits: 1 */\n"
    "    va_start(ap, n);                                /* hits: 1 */\n"
    "    for (i = 0; i < n; i++)                         /* hits: 4 */\n"
    "        s += va_arg(ap, int);                       /* hits: 3 */\n"
    "    va_end(ap);                                     /* hits: 1 */\n"
    "    return s;                                       /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f1_constructs_c_next[] = {
    5, 4, 0 };
static scope_func_desc scope__f1_constructs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "constructs.c", "sum", 17, 11, scope__f1_constructs_c_text, { "sum", 0 }, 0, scope__f1_constructs_c_next };
static const char scope__f2_constructs_c_text[] = __extension__
    "/* @profile(\"gnu\") */\n"
    "static inline int gnu(int x)\n"
    "{\n"
    "    static void *const targets[] = { &&even, &&odd };\n"
    "    int y = ({ int t = x * 2; t + 1; });            /* hits: 2 */\n"
    "    _Static_assert(sizeof(int) >= 2, \"int too small\");\n"
    "    int g = _Generic(x, int: 1, default: 2);        /* hits: 2 */\n"
    "    struct { int a, b; } c = { .a = 1, .b = 2 };   /* hits: 2 */\n"
    "    int *p = (int[]){ 10, 20, 30 };                 /* hits: 2 */\n"
    "    int vla[x + 1];                                 /* hits: 2 */\n"
    "    vla[0] = 5;                                     /* hits: 2 */\n"
    "    __asm__ volatile(\"\" ::: \"memory\");              /* hits: 2 */\n"
    "#if 0\n"
    "    /* @profile(\"never\") */\n"
    "    y = not compiled at all;\n"
    "#else\n"
    "    y += g;                                         /* hits: 2 */\n"
    "#endif\n"
    "    goto *targets[x & 1];                           /* hits: 2 */\n"
    "even:\n"
    "    return y + c.a + p[0] + vla[0];                 /* hits: 1 */\n"
    "odd:\n"
    "    return y + c.b + p[1] + vla[0];                 /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f2_constructs_c_next[] = {
    7, 6, 8, 6, 9, 6, 11, 10, 18, 16, 0 };
static scope_func_desc scope__f2_constructs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "constructs.c", "gnu", 29, 24, scope__f2_constructs_c_text, { "gnu", 0 }, 0, scope__f2_constructs_c_next };
#endif
#line 1 "constructs.c"
/* constructs.c - constructs real C uses: a K&R definition, a variadic
 * function, static inline, statement expressions, _Generic, compound
 * literals, designated initializers, a VLA, _Static_assert, labels as
 * values with computed goto, asm, and #if inside a body (the inactive
 * branch stays untouched, annotation included).
 */
#include <stdarg.h>
#include <stdio.h>

/* @profile */
static int kr(a, b)
    int a; int b;
{ SCOPE_FRAME(scope__f0_constructs_c)
    SCOPE_LINE(4); return a + b;                                   /* hits: 1 */
}

/* @profile */
static int sum(int n, ...)
{ SCOPE_FRAME(scope__f1_constructs_c)
    va_list ap;
    SCOPE_LINE_DECL(4) int s = 0, i;                                   /* hits: 1 */
    SCOPE_LINE_NEXT(5); va_start(ap, n);                                /* hits: 1 */
    for (i = 0; SCOPE_LINE(6), i < n; i++)                         /* hits: 4 */
        { SCOPE_LINE(7); s += va_arg(ap, int); }                       /* hits: 3 */
    SCOPE_LINE(8); va_end(ap);                                     /* hits: 1 */
    SCOPE_LINE(9); return s;                                       /* hits: 1 */
}

/* @profile("gnu") */
static inline int gnu(int x)
{ SCOPE_FRAME(scope__f2_constructs_c)
    static void *const targets[] = { &&even, &&odd };
    SCOPE_LINE_DECL(4) int y = ({ int t = x * 2; t + 1; });            /* hits: 2 */
    _Static_assert(sizeof(int) >= 2, "int too small");
    SCOPE_LINE_DECL(6) int g = _Generic(x, int: 1, default: 2);        /* hits: 2 */
    SCOPE_LINE_DECL_NEXT(7) struct { int a, b; } c = { .a = 1, .b = 2 };   /* hits: 2 */
    SCOPE_LINE_DECL_NEXT(8) int *p = (int[]){ 10, 20, 30 };                 /* hits: 2 */
    SCOPE_LINE_DECL_NEXT(9) int vla[x + 1];                                 /* hits: 2 */
    SCOPE_LINE(10); vla[0] = 5;                                     /* hits: 2 */
    SCOPE_LINE_NEXT(11); __asm__ volatile("" ::: "memory");              /* hits: 2 */
#if 0
    /* @profile("never") */
    y = not compiled at all;
#else
    SCOPE_LINE(16); y += g;                                         /* hits: 2 */
#endif
    SCOPE_LINE_NEXT(18); goto *targets[x & 1];                           /* hits: 2 */
even:
    SCOPE_LINE(20); return y + c.a + p[0] + vla[0];                 /* hits: 1 */
odd:
    SCOPE_LINE(22); return y + c.b + p[1] + vla[0];                 /* hits: 1 */
}

int main(void)
{
    printf("%d %d %d %d\n", kr(1, 2), sum(3, 4, 5, 6), gnu(0), gnu(1));
    return 0;
}
