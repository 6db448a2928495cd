#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__utf8_c)
#define scope__utf8_c
static const char scope__f0_utf8_c_text[] =
    "/* @profile(\"größe\") */\n"
    "static int size(void)\n"
    "{\n"
    "    const char *s = \"naïve café\";               /* hits: 1 */\n"
    "    int n = 0;                                  /* hits: 1 */\n"
    "    while (*s++)                                /* hits: 13 */\n"
    "        n++;                                    /* hits: 12 */\n"
    "    return n;                                   /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_utf8_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f0_utf8_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "utf8.c", "size", 8, 9, scope__f0_utf8_c_text, { "größe", 0 }, 0, scope__f0_utf8_c_next };
#endif
#line 1 "utf8.c"
/* utf8.c - UTF-8 in comments, strings and the region name: bytes are
 * kept as they are, in the code and in the epilogue's literals.
 * c89: yes
 */
#include <stdio.h>

/* Grüße: @profile below names the region with non-ASCII letters. */
/* @profile("größe") */
static int size(void)
{ SCOPE_FRAME(scope__f0_utf8_c)
    SCOPE_LINE_DECL(3) const char *s = "naïve café";               /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(4) int n = 0;                                  /* hits: 1 */
    while (SCOPE_LINE(5), *s++)                                /* hits: 13 */
        { SCOPE_LINE(6); n++; }                                    /* hits: 12 */
    SCOPE_LINE(7); return n;                                   /* hits: 1 */
}

int main(void)
{
    printf("%d\n", size());
    return 0;
}
