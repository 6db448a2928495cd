#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__runs_c)
#define scope__runs_c
static const char scope__f0_runs_c_text[] =
    "/* @profile */\n"
    "static int straight(int n)\n"
    "{\n"
    "    int a = n * 2;                      /* hits: 3 */\n"
    "    int b = a + 1;                      /* hits: 3 */\n"
    "    a += b;                             /* hits: 3 */\n"
    "    b -= a; a ^= b;                     /* hits: 3 */\n"
    "    if (a > b)                          /* hits: 3 */\n"
    "        a = b;                          /* hits: 1 */\n"
    "    b = a % 7;                          /* hits: 3 */\n"
    "    return a + b;                       /* hits: 3 */\n"
    "}\n";
static const unsigned scope__f0_runs_c_next[] = {
    4, 3, 5, 3, 6, 3, 7, 3, 10, 9, 0 };
static scope_func_desc scope__f0_runs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "runs.c", "straight", 28, 12, scope__f0_runs_c_text, { "straight", 0 }, 0, scope__f0_runs_c_next };
static const char scope__f1_runs_c_text[] = __extension__
    "/* @profile */\n"
    "static int labels(int n)\n"
    "{\n"
    "    int a = 0, b = 0;                   /* hits: 2 */\n"
    "    if (n > 1)                          /* hits: 2 */\n"
    "        goto mid;                       /* hits: 1 */\n"
    "    a = 1;                              /* hits: 1 */\n"
    "mid:\n"
    "    b = 2;                              /* hits: 2 */\n"
    "    a += b;                             /* hits: 2 */\n"
    "    switch (n) {                        /* hits: 2 */\n"
    "    case 1:\n"
    "        a++;                            /* hits: 1 */\n"
    "        /* fall through */\n"
    "    case 2:\n"
    "        b++;                            /* hits: 2 */\n"
    "        a += b;                         /* hits: 2 */\n"
    "        break;                          /* hits: 2 */\n"
    "    }\n"
    "    return a + b;                       /* hits: 2 */\n"
    "}\n";
static const unsigned scope__f1_runs_c_next[] = {
    4, 3, 9, 8, 10, 8, 16, 15, 17, 15, 0 };
static scope_func_desc scope__f1_runs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "runs.c", "labels", 41, 21, scope__f1_runs_c_text, { "labels", 0 }, 0, scope__f1_runs_c_next };
static const char scope__f2_runs_c_text[] =
    "/* @profile */\n"
    "static int calls(int n)\n"
    "{\n"
    "    int v = n;                          /* hits: 3 */\n"
    "    sink = v;                           /* hits: 3 */\n"
    "    bounce(n);                          /* hits: 3 */\n"
    "    v++;                                /* hits: 2 */\n"
    "    quit(n);                            /* hits: 2 */\n"
    "    v++;                                /* hits: 1 */\n"
    "    sink += v;                          /* hits: 1 */\n"
    "    return v;                           /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f2_runs_c_next[] = {
    4, 3, 5, 3, 7, 6, 9, 8, 10, 8, 0 };
static scope_func_desc scope__f2_runs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "runs.c", "calls", 63, 12, scope__f2_runs_c_text, { "calls", 0 }, 0, scope__f2_runs_c_next };
static const char scope__f3_runs_c_text[] =
    "/* @profile */\n"
    "static int gnu(int n)\n"
    "{\n"
    "    int x = 1;                          /* hits: 2 */\n"
    "    x = ({ if (n) return x; 2; });      /* hits: 2 */\n"
    "    x += 3;                             /* hits: 1 */\n"
    "    {\n"
    "        int vla[n + 1];                 /* hits: 1 */\n"
    "        vla[0] = x;                     /* hits: 1 */\n"
    "        x = vla[0];                     /* hits: 1 */\n"
    "    }\n"
    "    return x;                           /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f3_runs_c_next[] = {
    4, 3, 9, 8, 0 };
static scope_func_desc scope__f3_runs_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "runs.c", "gnu", 76, 13, scope__f3_runs_c_text, { "gnu", 0 }, 0, scope__f3_runs_c_next };
#endif
#line 1 "runs.c"
/* runs.c - straight-line runs: a statement that always follows a
 * call-free one shares its counter (SCOPE_LINE_NEXT), and every way out of
 * or into the middle of a run ends it: a call (which may exit or longjmp),
 * a label (goto, case), a statement expression that returns, a jump. Each
 * line's hits must be the same in both modes.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf back;
static int sink;

static void quit(int n)
{
    if (n == 3) {
        printf("quit %d\n", sink);
        exit(0);
    }
}

static void bounce(int n)
{
    if (n == 1)
        longjmp(back, 1);
}

/* @profile */
static int straight(int n)
{ SCOPE_FRAME(scope__f0_runs_c)
    SCOPE_LINE_DECL(3) int a = n * 2;                      /* hits: 3 */
    SCOPE_LINE_DECL_NEXT(4) int b = a + 1;                      /* hits: 3 */
    SCOPE_LINE_NEXT(5); a += b;                             /* hits: 3 */
    SCOPE_LINE_NEXT(6); b -= a; a ^= b;                     /* hits: 3 */
    SCOPE_LINE_NEXT(7); if (a > b)                          /* hits: 3 */
        { SCOPE_LINE(8); a = b; }                          /* hits: 1 */
    SCOPE_LINE(9); b = a % 7;                          /* hits: 3 */
    SCOPE_LINE_NEXT(10); return a + b;                       /* hits: 3 */
}

/* @profile */
static int labels(int n)
{ SCOPE_FRAME(scope__f1_runs_c)
    SCOPE_LINE_DECL(3) int a = 0, b = 0;                   /* hits: 2 */
    SCOPE_LINE_NEXT(4); if (n > 1)                          /* hits: 2 */
        { SCOPE_LINE(5); goto mid; }                       /* hits: 1 */
    SCOPE_LINE(6); a = 1;                              /* hits: 1 */
mid:
    SCOPE_LINE(8); b = 2;                              /* hits: 2 */
    SCOPE_LINE_NEXT(9); a += b;                             /* hits: 2 */
    SCOPE_LINE_NEXT(10); switch (n) {                        /* hits: 2 */
    case 1:
        SCOPE_LINE(12); a++;                            /* hits: 1 */
        /* fall through */
    case 2:
        SCOPE_LINE(15); b++;                            /* hits: 2 */
        SCOPE_LINE_NEXT(16); a += b;                         /* hits: 2 */
        SCOPE_LINE_NEXT(17); break;                          /* hits: 2 */
    }
    SCOPE_LINE(19); return a + b;                       /* hits: 2 */
}

/* @profile */
static int calls(int n)
{ SCOPE_FRAME(scope__f2_runs_c)
    SCOPE_LINE_DECL(3) int v = n;                          /* hits: 3 */
    SCOPE_LINE_NEXT(4); sink = v;                           /* hits: 3 */
    SCOPE_LINE_NEXT(5); bounce(n);                          /* hits: 3 */
    SCOPE_LINE(6); v++;                                /* hits: 2 */
    SCOPE_LINE_NEXT(7); quit(n);                            /* hits: 2 */
    SCOPE_LINE(8); v++;                                /* hits: 1 */
    SCOPE_LINE_NEXT(9); sink += v;                          /* hits: 1 */
    SCOPE_LINE_NEXT(10); return v;                           /* hits: 1 */
}

/* @profile */
static int gnu(int n)
{ SCOPE_FRAME(scope__f3_runs_c)
    SCOPE_LINE_DECL(3) int x = 1;                          /* hits: 2 */
    SCOPE_LINE_NEXT(4); x = ({ if (n) return x; 2; });      /* hits: 2 */
    SCOPE_LINE(5); x += 3;                             /* hits: 1 */
    {
        SCOPE_LINE_DECL(7) int vla[n + 1];                 /* hits: 1 */
        SCOPE_LINE(8); vla[0] = x;                     /* hits: 1 */
        SCOPE_LINE_NEXT(9); x = vla[0];                     /* hits: 1 */
    }
    SCOPE_LINE(11); return x;                           /* hits: 1 */
}

int main(void)
{
    int i;
    for (i = 0; i < 3; i++)
        sink += straight(i);
    sink += labels(1) + labels(2);
    sink += gnu(0) + gnu(1);
    if (setjmp(back) == 0)
        sink += calls(1);
    sink += calls(2);
    calls(3);
    return 1;
}
