/* instrumented.c - output of scope-rewrite given back to it. */
#include "scope_profiler.h"
int f(void) { SCOPE_FRAME(scope__f0) return 0; }
