#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__noeol_c)
#define scope__noeol_c
static const char scope__f0_noeol_c_text[] =
    "/* @profile */\n"
    "static int last(int x) { return x + 1; } /* hits: 1 */\n";
static scope_func_desc scope__f0_noeol_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "noeol.c", "last", 7, 2, scope__f0_noeol_c_text, { "last", 0 }, 0, 0 };
#endif
#line 1 "noeol.c"
/* noeol.c - a file without a final newline: the epilogue starts on a
 * line of its own, the last original line is left as it is.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int last(int x) { SCOPE_FRAME(scope__f0_noeol_c) SCOPE_LINE(1); return x + 1; } /* hits: 1 */

int main(void) { printf("%d\n", last(1)); return 0; }
