/*
 * accuracy.c - a kernel whose lines have known, different costs, annotated
 * for scope-rewrite.
 *
 * Each line of accuracy() runs a chain of dependent multiply-adds whose
 * length bench-accuracy calibrates to about 50 ns, 200 ns and 1 us. A chain
 * cannot be shortened by the out-of-order core, so its cost is the same
 * with or without probes around it; what the profiler reports for a line
 * can be held against the line's cost measured alone, without the profiler
 * (accuracy_line). Like kernel.c, this file is built as written and
 * rewritten, with the functions renamed on the command line.
 */

/* n dependent steps of a 64-bit LCG. The empty asm hides the chain from
 * the optimiser, which could otherwise fold or vectorise it. */
static inline unsigned long long burn(unsigned long long x, long n)
{
    for (long j = 0; j < n; j++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        __asm__ __volatile__("" : "+r"(x));
    }
    return x;
}

// @profile("accuracy")
unsigned long long accuracy(long reps, const long *steps, unsigned long long x)
{
    for (long i = 0; i < reps; i++) {
        x = burn(x, steps[0]);
        x = burn(x, steps[1]);
        x = burn(x, steps[2]);
    }
    return x;
}

/* One line of accuracy() on its own: the reference cost of that line. */
unsigned long long accuracy_line(long reps, long steps, unsigned long long x)
{
    for (long i = 0; i < reps; i++)
        x = burn(x, steps);
    return x;
}
