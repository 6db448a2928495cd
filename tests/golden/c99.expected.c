#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__c99_c)
#define scope__c99_c
static const char scope__f0_c99_c_text[] =
    "// @profile(\"c99\")\n"
    "static int c99(int n) {\n"
    "    int s = 0;                                      // hits: 1\n"
    "    s += n;                                         // hits: 1\n"
    "    int t = s * 2;                                  // hits: 1\n"
    "    for (int i = 0; i < n; i++) s += i;             // hits: 4\n"
    "    struct pt p = (struct pt){ .x = t, .y = s };    // hits: 1\n"
    "    return p.x + p.y;                               // hits: 1\n"
    "}\n";
static const unsigned scope__f0_c99_c_next[] = {
    3, 2, 4, 2, 7, 6, 0 };
static scope_func_desc scope__f0_c99_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "c99.c", "c99", 8, 9, scope__f0_c99_c_text, { "c99", 0 }, 0, scope__f0_c99_c_next };
#endif
#line 1 "c99.c"
/* c99.c - C99 and later: declarations after statements and in for headers,
 * line comments, designated initializers in compound literals.
 */
#include <stdio.h>

struct pt { int x, y; };

// @profile("c99")
static int c99(int n) { SCOPE_FRAME(scope__f0_c99_c)
    SCOPE_LINE_DECL(2) int s = 0;                                      // hits: 1
    SCOPE_LINE_NEXT(3); s += n;                                         // hits: 1
    SCOPE_LINE_DECL_NEXT(4) int t = s * 2;                                  // hits: 1
    for (int i = 0; SCOPE_LINE(5), i < n; i++) s += i;             // hits: 4
    SCOPE_LINE_DECL(6) struct pt p = (struct pt){ .x = t, .y = s };    // hits: 1
    SCOPE_LINE_NEXT(7); return p.x + p.y;                               // hits: 1
}

int main(void)
{
    printf("%d\n", c99(3));
    return 0;
}
