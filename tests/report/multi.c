/*
 * multi.c - a profiled program of several processes, instrumented by hand
 * as scope-rewrite would: `multi N` forks and execs itself N times as
 * `multi -c K` (K = 1..N), waits for them, then works itself. Every process
 * writes its own data file; scope-report must add their hits exactly.
 * Expected, with K = 0 for the parent: work(K + 2) runs its loop header
 * K + 3 times and its body K + 2 times, so for N children the header's hits
 * are sum(K + 3 for K = 0..N) and the body's sum(K + 2). Every process also
 * calls the recursive nest(3): four entries of region "nest", one of them
 * outermost, for the recursion-aware totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scope_profiler.h"

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static scope_func_desc work_desc, nest_desc;
static volatile long sink;

enum { WORK_FIRST = __LINE__ + 1 };
/* @profile("work") */
static long work(long n)
{
    SCOPE_FRAME(work_desc)
    L(WORK); long s = 0;
    for (long i = 0; L(WORK), i < n; i++) {
        L(WORK); s += i * i;
    }
    L(WORK); return s;
}
enum { WORK_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(work_desc, "work", "work", WORK_FIRST, WORK_LAST)

enum { NEST_FIRST = __LINE__ + 1 };
/* @profile("nest") */
static long nest(long n)
{
    SCOPE_FRAME(nest_desc)
    L(NEST); return n > 0 ? 1 + nest(n - 1) : 0;
}
enum { NEST_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(nest_desc, "nest", "nest", NEST_FIRST, NEST_LAST)

int main(int argc, char **argv)
{
    long k = 0;
    if (argc == 3 && strcmp(argv[1], "-c") == 0) {
        k = atol(argv[2]);
    } else {
        int n = argc > 1 ? atoi(argv[1]) : 3;
        for (int i = 1; i <= n; i++) {
            pid_t child = fork();
            if (child == 0) {
                char num[16];
                snprintf(num, sizeof num, "%d", i);
                execl("/proc/self/exe", argv[0], "-c", num, (char *)NULL);
                _exit(127);
            }
            if (child < 0 || waitpid(child, NULL, 0) != child)
                return 1;
        }
    }
    sink = work(k + 2) + nest(3);
    return 0;
}
