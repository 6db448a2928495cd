/*
 * memory.c - bench-memory: bytes of line table per profiled line per thread.
 *
 * THREADS threads each enter a function of BIG_ROWS table rows and probe
 * every row once, so that each thread's table is allocated and touched,
 * then wait until the resident set has been read: a thread's figures are
 * merged away when it ends, so only live threads show what profiling costs
 * per thread. The same is done first with a one-row function; the
 * difference between the two growths, per thread and per row, is what one
 * profiled line costs (the per-thread runtime state and the thread stacks,
 * warmed by a first round, cancel out).
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench_stats.h"
#include "scope_profiler.h"

#define BIG_LINES 200000u /* rows of the big function */
#define THREADS 4

static const char *big_text[BIG_LINES];
static const char *const small_text[1] = { "small" };

static scope_func_desc big_desc = {
    SCOPE_PROFILER_ABI, "bench/memory.c", "big", 1, BIG_LINES, big_text,
    { "big", 0 }, 0, 0 };
static scope_func_desc small_desc = {
    SCOPE_PROFILER_ABI, "bench/memory.c", "small", 1, 1, small_text,
    { "small", 0 }, 0, 0 };

static pthread_barrier_t probed, measured;

static void *touch_big(void *arg)
{
    SCOPE_FRAME(big_desc)
    unsigned row;
    (void)arg;
    for (row = 0; row < BIG_LINES; row++)
        SCOPE_LINE(row);
    pthread_barrier_wait(&probed);
    pthread_barrier_wait(&measured);
    return NULL;
}

static void *touch_small(void *arg)
{
    SCOPE_FRAME(small_desc)
    (void)arg;
    SCOPE_LINE(0);
    pthread_barrier_wait(&probed);
    pthread_barrier_wait(&measured);
    return NULL;
}

/* Resident set size now, in bytes (the second field of /proc/self/statm). */
static double rss_bytes(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2) {
        fprintf(stderr, "bench-memory: cannot read /proc/self/statm\n");
        exit(1);
    }
    fclose(f);
    return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

/* Growth of the resident set while THREADS threads running fn are alive
 * and done probing. */
static double growth(void *(*fn)(void *))
{
    pthread_t t[THREADS];
    double before = rss_bytes(), during;
    int i;

    for (i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, fn, NULL) != 0) {
            fprintf(stderr, "bench-memory: pthread_create failed\n");
            exit(1);
        }
    pthread_barrier_wait(&probed);
    during = rss_bytes();
    pthread_barrier_wait(&measured);
    for (i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return during - before;
}

int main(void)
{
    double small, big;
    unsigned i;

    for (i = 0; i < BIG_LINES; i++)
        big_text[i] = "";
    pthread_barrier_init(&probed, NULL, THREADS + 1);
    pthread_barrier_init(&measured, NULL, THREADS + 1);
    growth(touch_small); /* warm-up: thread stacks, first allocations */
    small = growth(touch_small);
    big = growth(touch_big);
    bench_put("rows", BIG_LINES);
    bench_put("threads", THREADS);
    bench_put("small_growth_bytes", small);
    bench_put("big_growth_bytes", big);
    bench_put("sizeof_line_acc", (double)sizeof(scope_line_acc));
    return 0;
}
