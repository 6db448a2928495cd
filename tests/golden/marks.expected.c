#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__marks_c)
#define scope__marks_c
static const char scope__f0_marks_c_text[] =
    "/* @profile */\n"
    "static size_t total(void)\n"
    "{\n"
    "    size_t n = 0, i;                                      /* hits: 1 */\n"
    "    for (i = 0; i < sizeof marks / sizeof marks[0]; i++)  /* hits: 5 */\n"
    "        n += strlen(marks[i]);                            /* hits: 4 */\n"
    "    return n + (size_t)'S';                               /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_marks_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "marks.c", "total", 16, 8, scope__f0_marks_c_text, { "total", 0 }, 0, 0 };
#endif
#line 1 "marks.c"
/* marks.c - a source that speaks of the probes it does not yet contain:
 * "SCOPE_FRAME(scope__f0)" and "static scope_func_desc scope__f1" in this
 * comment, in strings and in a character constant are text, not probes,
 * so the file is not taken for an instrumented one (the rewriter's own
 * sources are such files).
 * c89: yes
 */
#include <stdio.h>
#include <string.h>

static const char *const marks[] = {
    "SCOPE_FRAME(scope__f", "SCOPE_REGION(scope__r",
    "static scope_func_desc scope__f", "static scope_region_site scope__r"
};

/* @profile */
static size_t total(void)
{ SCOPE_FRAME(scope__f0_marks_c)
    SCOPE_LINE_DECL(3) size_t n = 0, i;                                      /* hits: 1 */
    for (i = 0; SCOPE_LINE(4), i < sizeof marks / sizeof marks[0]; i++)  /* hits: 5 */
        { SCOPE_LINE(5); n += strlen(marks[i]); }                            /* hits: 4 */
    SCOPE_LINE(6); return n + (size_t)'S';                               /* hits: 1 */
}

int main(void)
{
    printf("%lu\n", (unsigned long)total());
    return 0;
}
