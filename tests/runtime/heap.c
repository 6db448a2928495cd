/*
 * heap.c - the runtime never touches the program's heap.
 *
 * A program that reads memory it never initialised (a compressor's work
 * area) sees what earlier blocks left there; allocations of the runtime's
 * among the program's would change which blocks it gets, and with that its
 * output. This program defines malloc, calloc, realloc and free itself
 * (forwarding to the C library's) and counts every call made while
 * profiled code runs in two threads, with functions, statement regions,
 * many functions entered for the first time, and a scope_finalize() in the
 * middle. The program's own allocations are counted apart: every other
 * call came from the runtime, and there must be none. Exit status 0 when
 * so; the counts go to stdout.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "scope_profiler.h"

#include "counting_alloc.h"

static unsigned long own;
static __thread void *volatile kept; /* so that the compiler keeps the pair */

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static scope_func_desc step_desc;
enum { STEP_FIRST = __LINE__ + 1 };
/* @profile("step") */
static unsigned long step(unsigned long x)
{
    SCOPE_FRAME(step_desc)
    L(STEP); kept = malloc(64 + x % 512);
    L(STEP); __atomic_fetch_add(&own, 1, __ATOMIC_RELAXED);
    L(STEP); free(kept);
    L(STEP); __atomic_fetch_add(&own, 1, __ATOMIC_RELAXED);
    L(STEP); return x * 3 + 1;
}
enum { STEP_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(step_desc, "step", "step", STEP_FIRST, STEP_LAST)

/* Many functions, each entered first from one of the threads: every
 * first entry makes the runtime grow its tables. */
#define MANY(n)                                                              \
    static scope_func_desc many_desc_##n;                                    \
    static unsigned long many_##n(unsigned long x)                           \
    {                                                                        \
        SCOPE_FRAME(many_desc_##n)                                           \
        SCOPE_LINE(1); return x + n;                                         \
    }                                                                        \
    SCOPE_DEFINE_FUNC(many_desc_##n, "many" #n, "many_" #n, 1, 3)
MANY(0) MANY(1) MANY(2) MANY(3) MANY(4) MANY(5) MANY(6) MANY(7)
MANY(8) MANY(9) MANY(10) MANY(11) MANY(12) MANY(13) MANY(14) MANY(15)

static unsigned long (*const many[16])(unsigned long) = {
    many_0, many_1, many_2, many_3, many_4, many_5, many_6, many_7,
    many_8, many_9, many_10, many_11, many_12, many_13, many_14, many_15,
};

static int go;

static void *worker(void *arg)
{
    unsigned long s = (unsigned long)arg;
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
        ;
    int i;
    for (i = 0; i < 2000; i++) {
        SCOPE_BLOCK("heap.block")
        s = step(s);
        s = many[(i + (int)(unsigned long)arg) % 16](s);
    }
    return (void *)s;
}

int main(void)
{
    pthread_t t;
    void *r;
    unsigned long before;
    /* The runtime sets itself up on the first profiled call; the thread is
     * created before counting starts (creating one is the C library's
     * business, not the runtime's). */
    step(0);
    if (pthread_create(&t, NULL, worker, (void *)2) != 0)
        return 2;
    __atomic_store_n(&counting_alloc_on, 1, __ATOMIC_RELAXED);
    before = own;
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    worker((void *)1);
    pthread_join(t, &r);
    worker((void *)3);
    scope_finalize();
    worker((void *)4);
    __atomic_store_n(&counting_alloc_on, 0, __ATOMIC_RELAXED);
    printf("calls %lu, the program's own %lu, the runtime's %lu\n", counting_alloc_calls,
           own - before, counting_alloc_calls - (own - before));
    return counting_alloc_calls == own - before ? 0 : 1;
}
