#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__apimacro_c)
#define scope__apimacro_c
static const char scope__f0_apimacro_c_text[] =
    "/* @profile */\n"
    "int f(int x)\n"
    "{\n"
    "    return x + 1;                       /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_apimacro_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "apimacro.c", "f", 17, 5, scope__f0_apimacro_c_text, { "f", 0 }, 0, 0 };
static const char scope__f1_apimacro_c_text[] =
    "/* @profile */\n"
    "API int g(int x)\n"
    "{\n"
    "    return x + 2;                       /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f1_apimacro_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "apimacro.c", "g", 23, 5, scope__f1_apimacro_c_text, { "g", 0 }, 0, 0 };
static const char scope__f2_apimacro_c_text[] =
    "/* @profile */\n"
    "API EXPORT HOT int h(int x)\n"
    "{\n"
    "    return x + 3;                       /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f2_apimacro_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "apimacro.c", "h", 29, 5, scope__f2_apimacro_c_text, { "h", 0 }, 0, 0 };
static const char scope__f3_apimacro_c_text[] =
    "/* @profile(\"k\") */\n"
    "API API int k(int x) { calls++; return x * 2; }   /* hits: 1 */\n";
static scope_func_desc scope__f3_apimacro_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "apimacro.c", "k", 36, 2, scope__f3_apimacro_c_text, { "k", 0 }, 0, 0 };
#endif
#line 1 "apimacro.c"
/* apimacro.c - annotations above definitions that start with macros: one
 * that expands to nothing (`API`, an export marker), written on the
 * definition's line or on the line above the annotation, and ones that
 * expand to storage classes and attributes. libclang's extent of such a
 * definition starts after the empty macro, so the annotation must be
 * matched with the text before it, never with the previous declaration.
 * c89: yes
 */
#include <stdio.h>

#define API
#define EXPORT static
#define HOT __attribute__((hot))
#define DECLARE_COUNTER(n) static int n = 0;

API
/* @profile */
int f(int x)
{ SCOPE_FRAME(scope__f0_apimacro_c)
    SCOPE_LINE(3); return x + 1;                       /* hits: 1 */
}

/* @profile */
API int g(int x)
{ SCOPE_FRAME(scope__f1_apimacro_c)
    SCOPE_LINE(3); return x + 2;                       /* hits: 1 */
}

/* @profile */
API EXPORT HOT int h(int x)
{ SCOPE_FRAME(scope__f2_apimacro_c)
    SCOPE_LINE(3); return x + 3;                       /* hits: 1 */
}

DECLARE_COUNTER(calls)
/* @profile("k") */
API API int k(int x) { SCOPE_FRAME(scope__f3_apimacro_c) SCOPE_LINE(1); calls++; return x * 2; }   /* hits: 1 */

int main(void)
{
    printf("%d\n", f(1) + g(2) + h(3) + k(4) + calls);
    return 0;
}
