/*
 * det.c - hand-instrumented program built with a clock read per line
 * (-DSCOPE_PROFILER_SAMPLED=0), for the semantics of that mode's
 * compensation that run.py can check on any machine: a line calling a
 * profiled function never reads less than the function's region; lines
 * too short to time are marked, and only those; an empty function's entries
 * are counted. Which lines are short is a measured figure: run.py checks
 * the marks against the rule and the figures of the same report, never a
 * time against an expectation.
 */
#include <stdio.h>
#include <stdlib.h>

#include "scope_profiler.h"

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static volatile unsigned long sink;

static void spin(unsigned long n)
{
    unsigned long i;
    for (i = 0; i < n; i++)
        sink += i;
}

static scope_func_desc tiny_desc, empty_desc, caller_desc;

enum { TINY_FIRST = __LINE__ + 1 };
/* @profile("tiny") */
static inline unsigned long tiny(unsigned long x)
{
    SCOPE_FRAME(tiny_desc)
    L(TINY); x += 1;
    L(TINY); x ^= x >> 3;
    L(TINY); return x;
}
enum { TINY_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(tiny_desc, "tiny", "tiny", TINY_FIRST, TINY_LAST)

/* No line probe runs in it: its entries time only its enter and leave. */
enum { EMPTY_FIRST = __LINE__ + 1 };
/* @profile("empty") */
__attribute__((noinline)) static void empty(void)
{
    SCOPE_FRAME_ONLY(empty_desc)
}
enum { EMPTY_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(empty_desc, "empty", "empty", EMPTY_FIRST, EMPTY_LAST)

enum { CALLER_FIRST = __LINE__ + 1 };
/* @profile("caller") */
__attribute__((noinline)) static unsigned long caller(int n)
{
    SCOPE_FRAME(caller_desc)
    L(CALLER); unsigned long s = 0;
    for (int i = 0; L(CALLER), i < n; i++) {
        L(CALLER); s = tiny(s);
        L(CALLER); empty();
        L(CALLER); s += (unsigned long)i;
    }
    L(CALLER); spin(200000);
    L(CALLER); return s;
}
enum { CALLER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(caller_desc, "caller", "caller", CALLER_FIRST, CALLER_LAST)

int main(int argc, char **argv)
{
    sink += caller(argc > 1 ? atoi(argv[1]) : 20000);
    return 0;
}
