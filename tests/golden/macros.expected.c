#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__macros_c)
#define scope__macros_c
static const char scope__f0_macros_c_text[] = __extension__
    "/* @profile(\"macros\") */\n"
    "static int macros(void)\n"
    "{\n"
    "    int a = 1, b = 2, i, s = 0;         /* hits: 1 */\n"
    "    int c INIT_TO(5);                   /* hits: 1 */\n"
    "    SWAP(a, b);                         /* hits: 1 */\n"
    "    REPEAT(i, 3) {                      /* hits: 1 */\n"
    "        s += i;                         /* hits: 3 */\n"
    "    }\n"
    "    for (i = 0; i < LIMIT; i++)         /* hits: 5 */\n"
    "        BUMP(s);                        /* hits: 4 */\n"
    "    if (BUMP(a) > 0)                    /* hits: 1 */\n"
    "        s += a;                         /* hits: 1 */\n"
    "    return s + b + c;                   /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_macros_c_next[] = {
    4, 3, 5, 3, 0 };
static scope_func_desc scope__f0_macros_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macros.c", "macros", 15, 15, scope__f0_macros_c_text, { "macros", 0 }, 0, scope__f0_macros_c_next };
#endif
#line 1 "macros.c"
/* macros.c - statements from macro expansions are probed as a whole at
 * their expansion site; nothing is inserted inside a macro's text or its
 * arguments. A block written after a macro (the body of REPEAT below) lies
 * outside the expansion and is probed as usual.
 * c89: yes
 */
#include <stdio.h>

#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)
#define REPEAT(i, n) for ((i) = 0; (i) < (n); (i)++)
#define BUMP(x) ((x) += 1)
#define LIMIT 4
#define INIT_TO(v) = (v)

/* @profile("macros") */
static int macros(void)
{ SCOPE_FRAME(scope__f0_macros_c)
    SCOPE_LINE_DECL(3) int a = 1, b = 2, i, s = 0;         /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(4) int c INIT_TO(5);                   /* hits: 1 */
    SCOPE_LINE_NEXT(5); SWAP(a, b);                         /* hits: 1 */
    SCOPE_LINE(6); REPEAT(i, 3) {                      /* hits: 1 */
        SCOPE_LINE(7); s += i;                         /* hits: 3 */
    }
    for (i = 0; SCOPE_LINE(9), i < LIMIT; i++)         /* hits: 5 */
        { SCOPE_LINE(10); BUMP(s); }                        /* hits: 4 */
    SCOPE_LINE(11); if (BUMP(a) > 0)                    /* hits: 1 */
        { SCOPE_LINE(12); s += a; }                         /* hits: 1 */
    SCOPE_LINE(13); return s + b + c;                   /* hits: 1 */
}

int main(void)
{
    printf("%d\n", macros());
    return 0;
}
