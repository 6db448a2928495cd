#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__regions_c)
#define scope__regions_c
static const char scope__f0_regions_c_text[] =
    "/* @profile(\"work\") */\n"
    "static int work(int n)\n"
    "{\n"
    "    int i, s = 0;                       /* hits: 1 */\n"
    "    /* @profile(\"outer\") */\n"
    "    for (i = 0; i < n; i++) {           /* hits: 4 */\n"
    "        /* @profile(\"inner\") */\n"
    "        s += helper(i);                 /* hits: 3 */\n"
    "    }\n"
    "    /* @profile(\"step\") */\n"
    "    if (s > 0)                          /* hits: 1 */\n"
    "        s = helper(s);                  /* hits: 1 */\n"
    "    return s;                           /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_regions_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "regions.c", "work", 17, 14, scope__f0_regions_c_text, { "work", 0 }, 0, 0 };
static scope_region_site scope__r0_regions_c __attribute__((used)) = { "step", 0 };
static scope_region_site scope__r1_regions_c __attribute__((used)) = { "outer", 0 };
static scope_region_site scope__r2_regions_c __attribute__((used)) = { "inner", 0 };
static scope_region_site scope__r3_regions_c __attribute__((used)) = { "step", 0 };
#endif
#line 1 "regions.c"
/* regions.c - statement regions: an annotation above a statement times it
 * as one region entry; regions nest, the same name in two places adds up,
 * and they work in functions that are not profiled.
 * c89: yes
 * regions: work=1 outer=1 inner=3 step=5
 */
#include <stdio.h>

static int helper(int x)
{
    int y = x;
    /* @profile("step") */
    { SCOPE_REGION(scope__r0_regions_c) y += 1; }
    return y;
}

/* @profile("work") */
static int work(int n)
{ SCOPE_FRAME(scope__f0_regions_c)
    SCOPE_LINE_DECL(3) int i, s = 0;                       /* hits: 1 */
    /* @profile("outer") */
    { SCOPE_REGION(scope__r1_regions_c) for (i = 0; SCOPE_LINE(5), i < n; i++) {           /* hits: 4 */
        /* @profile("inner") */
        { SCOPE_REGION(scope__r2_regions_c) SCOPE_LINE(7); s += helper(i); }                 /* hits: 3 */
    } }
    /* @profile("step") */
    { SCOPE_REGION(scope__r3_regions_c) SCOPE_LINE(10); if (s > 0)                          /* hits: 1 */
        { SCOPE_LINE(11); s = helper(s); } }                  /* hits: 1 */
    SCOPE_LINE(12); return s;                           /* hits: 1 */
}

int main(void)
{
    printf("%d\n", work(3));
    return 0;
}
