#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__nested_c)
#define scope__nested_c
static const char scope__f0_nested_c_text[] = __extension__
    "/* @profile(\"nested\") */\n"
    "static int nested(int n)\n"
    "{\n"
    "    int i, j, s = 0;                    /* hits: 1 */\n"
    "    {\n"
    "        int t = n * 2;                  /* hits: 1 */\n"
    "        {\n"
    "            s += t;                     /* hits: 1 */\n"
    "        }\n"
    "    }\n"
    "    for (i = 0; i < n; i++)             /* hits: 4 */\n"
    "        for (j = 0; j < i; j++)         /* hits: 6 */\n"
    "            if (j % 2 == 0)             /* hits: 3 */\n"
    "                s += j;                 /* hits: 2 */\n"
    "            else\n"
    "                s -= 1;                 /* hits: 1 */\n"
    "    while (s > 100)                     /* hits: 1 */\n"
    "        if (s > 200)\n"
    "            s = 0;\n"
    "        else\n"
    "            s = 1;\n"
    "    return s;                           /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_nested_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "nested.c", "nested", 7, 23, scope__f0_nested_c_text, { "nested", 0 }, 0, 0 };
#endif
#line 1 "nested.c"
/* nested.c - nested blocks, and unbraced bodies inside unbraced bodies:
 * braces are added on the statement's own lines.
 * c89: yes
 */
#include <stdio.h>

/* @profile("nested") */
static int nested(int n)
{ SCOPE_FRAME(scope__f0_nested_c)
    SCOPE_LINE_DECL(3) int i, j, s = 0;                    /* hits: 1 */
    {
        SCOPE_LINE_DECL(5) int t = n * 2;                  /* hits: 1 */
        {
            SCOPE_LINE(7); s += t;                     /* hits: 1 */
        }
    }
    for (i = 0; SCOPE_LINE(10), i < n; i++)             /* hits: 4 */
        for (j = 0; SCOPE_LINE(11), j < i; j++)         /* hits: 6 */
            { SCOPE_LINE(12); if (j % 2 == 0)             /* hits: 3 */
                { SCOPE_LINE(13); s += j; }                 /* hits: 2 */
            else
                { SCOPE_LINE(15); s -= 1; } }                 /* hits: 1 */
    while (SCOPE_LINE(16), s > 100)                     /* hits: 1 */
        { SCOPE_LINE(17); if (s > 200)
            { SCOPE_LINE(18); s = 0; }
        else
            { SCOPE_LINE(20); s = 1; } }
    SCOPE_LINE(21); return s;                           /* hits: 1 */
}

int main(void)
{
    printf("%d\n", nested(3));
    return 0;
}
