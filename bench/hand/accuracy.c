/*
 * hand/accuracy.c - bench/accuracy.c instrumented by hand with the probe
 * macros where scope-rewrite puts its probes; used when the build has no
 * scope-rewrite. Every line keeps its number in accuracy.c.
 */
#include "scope_profiler.h"

/* The descriptor of accuracy(): its table runs from the annotation line to
 * the closing brace. The runtime reads the rows' text from this file at
 * report time, which is why the lines below must stay where accuracy.c has
 * them. */

SCOPE_DEFINE_FUNC(accuracy_desc, "accuracy", "accuracy", 25, 34)
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
{ SCOPE_FRAME(accuracy_desc)
    for (long i = 0; SCOPE_LINE(3), i < reps; i++) {
        SCOPE_LINE(4); x = burn(x, steps[0]);
        SCOPE_LINE(5); x = burn(x, steps[1]);
        SCOPE_LINE(6); x = burn(x, steps[2]);
    }
    SCOPE_LINE(8); return x;
}

/* One line of accuracy() on its own: the reference cost of that line. */
unsigned long long accuracy_line(long reps, long steps, unsigned long long x)
{
    for (long i = 0; i < reps; i++)
        x = burn(x, steps);
    return x;
}
