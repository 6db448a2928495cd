#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__pragmas_c)
#define scope__pragmas_c
static const char scope__f0_pragmas_c_text[] = __extension__
    "/* @profile */\n"
    "static int hints(int *a, int n)\n"
    "{\n"
    "    int s = 0;                              /* hits: 1 */\n"
    "#pragma GCC unroll 4\n"
    "    for (int i = 0; i < n; i++)             /* hits: 9 */\n"
    "        s += a[i];                          /* hits: 8 */\n"
    "#ifdef __clang__\n"
    "#pragma clang loop vectorize(enable)\n"
    "#else\n"
    "#pragma GCC ivdep\n"
    "#endif\n"
    "    for (int i = 0; i < n; i++)             /* hits: 9 */\n"
    "        a[i] += 1;                          /* hits: 8 */\n"
    "#pragma GCC diagnostic push\n"
    "#pragma GCC diagnostic ignored \"-Wsign-compare\"\n"
    "    s += a[0];                              /* hits: 1 */\n"
    "#pragma GCC diagnostic pop\n"
    "    return s;                               /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_pragmas_c_next[] = {
    18, 16, 0 };
static scope_func_desc scope__f0_pragmas_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "pragmas.c", "hints", 19, 20, scope__f0_pragmas_c_text, { "hints", 0 }, 0, scope__f0_pragmas_c_next };
static const char scope__f1_pragmas_c_text[] =
    "/* @profile */\n"
    "static int threads(int *a, int n)\n"
    "{\n"
    "    int s = 0;                              /* hits: 1 */\n"
    "#ifdef _OPENMP\n"
    "#pragma omp parallel for reduction(+:s)\n"
    "#endif\n"
    "    for (int i = 0; i < n; i++) {\n"
    "        /* @profile(\"body\") */\n"
    "        s += a[i];\n"
    "    }\n"
    "    _Pragma(\"omp parallel for\") for (int i = 0; i < n; i++) a[i] *= 2;\n"
    "    return s + a[0];                        /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f1_pragmas_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "pragmas.c", "threads", 40, 14, scope__f1_pragmas_c_text, { "threads", 0 }, 0, 0 };
static const char scope__f2_pragmas_c_text[] =
    "/* @profile */\n"
    "static int macros(int *a, int n)\n"
    "{\n"
    "    int s = 0;                              /* hits: 1 */\n"
    "    PARALLEL_FOR\n"
    "    for (int i = 0; i < n; i++)\n"
    "        a[i] -= 1;\n"
    "    UNROLL(2) for (int i = 0; i < n; i++)   /* hits: 9 */\n"
    "        s += a[i];                          /* hits: 8 */\n"
    "    return s;                               /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f2_pragmas_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "pragmas.c", "macros", 55, 11, scope__f2_pragmas_c_text, { "macros", 0 }, 0, 0 };
static scope_region_site scope__r0_pragmas_c __attribute__((used)) = { "body", 0 };
#endif
#line 1 "pragmas.c"
/* pragmas.c - pragmas that govern the statement after them. A loop hint
 * (GCC unroll, GCC ivdep, clang loop) must stay directly before its loop:
 * the loop gets no probe before it, only in its condition. OpenMP's
 * directives run the statement in several threads, which would share the
 * function's line probes, and need a loop header in canonical form: the
 * statement gets no line probe at all (statement regions, kept per
 * thread, still work inside). Found in the text, so the result is the same
 * whether the file is parsed with -fopenmp or not, through the #endif of
 * `#ifdef _OPENMP`, in a written _Pragma and in a macro whose definition
 * holds one. Pragmas that govern nothing (GCC diagnostic) change nothing.
 * cflags: -fopenmp
 * regions: body=8 hints=1 threads=1 macros=1
 */
#include <stdio.h>

#define PARALLEL_FOR _Pragma("omp parallel for")
#define UNROLL(n) _Pragma("GCC unroll 2")

/* @profile */
static int hints(int *a, int n)
{ SCOPE_FRAME(scope__f0_pragmas_c)
    SCOPE_LINE_DECL(3) int s = 0;                              /* hits: 1 */
#pragma GCC unroll 4
    for (int i = 0; SCOPE_LINE(5), i < n; i++)             /* hits: 9 */
        { SCOPE_LINE(6); s += a[i]; }                          /* hits: 8 */
#ifdef __clang__
#pragma clang loop vectorize(enable)
#else
#pragma GCC ivdep
#endif
    for (int i = 0; SCOPE_LINE(12), i < n; i++)             /* hits: 9 */
        { SCOPE_LINE(13); a[i] += 1; }                          /* hits: 8 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
    SCOPE_LINE(16); s += a[0];                              /* hits: 1 */
#pragma GCC diagnostic pop
    SCOPE_LINE_NEXT(18); return s;                               /* hits: 1 */
}

/* @profile */
static int threads(int *a, int n)
{ SCOPE_FRAME(scope__f1_pragmas_c)
    SCOPE_LINE_DECL(3) int s = 0;                              /* hits: 1 */
#ifdef _OPENMP
#pragma omp parallel for reduction(+:s)
#endif
    for (int i = 0; i < n; i++) {
        /* @profile("body") */
        { SCOPE_REGION(scope__r0_pragmas_c) s += a[i]; }
    }
    _Pragma("omp parallel for") for (int i = 0; i < n; i++) a[i] *= 2;
    SCOPE_LINE(12); return s + a[0];                        /* hits: 1 */
}

/* @profile */
static int macros(int *a, int n)
{ SCOPE_FRAME(scope__f2_pragmas_c)
    SCOPE_LINE_DECL(3) int s = 0;                              /* hits: 1 */
    PARALLEL_FOR
    for (int i = 0; i < n; i++)
        a[i] -= 1;
    UNROLL(2) for (int i = 0; SCOPE_LINE(7), i < n; i++)   /* hits: 9 */
        { SCOPE_LINE(8); s += a[i]; }                          /* hits: 8 */
    SCOPE_LINE(9); return s;                               /* hits: 1 */
}

int main(void)
{
    int a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    printf("%d\n", hints(a, 8));
    printf("%d\n", threads(a, 8));
    printf("%d\n", macros(a, 8));
    return 0;
}
