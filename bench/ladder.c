/*
 * ladder.c - lines of known cost, for the sampled mode's accuracy: each
 * rung spins on the clock for a fixed time (50, 200 or 1000 ns), and the
 * store-heavy rung writes a 64 KiB buffer for about as long as its time,
 * so the truth of every line's share is known by construction. Built by
 * bench/sampled-bench.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned char buf[1 << 16];

static inline long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void spin(long long ns)
{
    long long end = now_ns() + ns;
    while (now_ns() < end)
        ;
}

static void stores(int k)
{
    int i;
    for (i = 0; i < (int)sizeof buf; i += 64)
        buf[i] = (unsigned char)(buf[i] + k);
}

// @profile
void ladder(long reps, int mask)
{
    long r;
    for (r = 0; r < reps; r++) {
        if (mask & 1) spin(50);
        if (mask & 2) spin(200);
        if (mask & 4) spin(1000);
        if (mask & 8) stores((int)r);
    }
}

/* ladder REPS [MASK]: MASK picks the rungs (1, 2, 4, 8; default all), so
 * that the plain build can time each rung alone: the truth of the shares. */
int main(int argc, char **argv)
{
    long reps = argc > 1 ? atol(argv[1]) : 200000;
    int mask = argc > 2 ? atoi(argv[2]) : 15;
    ladder(reps, mask);
    printf("%d\n", buf[64]);
    return 0;
}
