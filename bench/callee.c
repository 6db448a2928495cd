/*
 * callee.c - a small profiled function called from a profiled loop, for the
 * sampled mode's self shares of caller and callee. cmp() makes two loads
 * that miss the cache; the caller's line computes the next indices with
 * two divisions. Built by bench/sampled-bench, which compares the
 * functions' self shares with perf's on the plain build.
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned char *blk;
static unsigned nblk = 1u << 26;

// @profile
static __attribute__((noinline)) int cmp(unsigned i1, unsigned i2)
{
    unsigned char c1, c2;
    c1 = blk[i1];
    c2 = blk[i2];
    if (c1 != c2)
        return c1 > c2;
    i1++;
    i2++;
    c1 = blk[i1];
    c2 = blk[i2];
    return c1 > c2;
}

// @profile
long driver(long n)
{
    long s = 0;
    unsigned x = 12345;
    for (long i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        s += cmp(x % nblk, (x >> 7) % nblk);
    }
    return s;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    unsigned i;
    if (!(blk = malloc(nblk)))
        return 1;
    for (i = 0; i < nblk; i++)
        blk[i] = (unsigned char)((i * 2654435761u) >> 24) & 3;
    printf("%ld\n", driver(n));
    return 0;
}
