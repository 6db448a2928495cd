#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__macrolabels_c)
#define scope__macrolabels_c
static const char scope__f0_macrolabels_c_text[] = __extension__
    "/* @profile(\"labels\") */\n"
    "static int labels(int op)\n"
    "{\n"
    "    static void *tab[] = { &&LBL(a), &&LBL(b) };\n"
    "    int s = 0;                          /* hits: 4 */\n"
    "    switch (op) {                       /* hits: 4 */\n"
    "    CASE(1):\n"
    "        s += 1;                         /* hits: 1 */\n"
    "        break;                          /* hits: 1 */\n"
    "    case 2:\n"
    "        goto out;                       /* hits: 1 */\n"
    "    case 3:\n"
    "        OUT;\n"
    "    CASE(4): s += 4;                    /* hits: 1 */\n"
    "        break;                          /* hits: 1 */\n"
    "    DEFAULT:\n"
    "        s = 7;                          /* hits: 1 */\n"
    "        break;                          /* hits: 1 */\n"
    "    }\n"
    "    NEXT;                               /* hits: 3 */\n"
    "LBL(a):\n"
    "    s += 10;                            /* hits: 1 */\n"
    "    goto out;                           /* hits: 1 */\n"
    "LBL(b):\n"
    "    s += 20;                            /* hits: 2 */\n"
    "out:\n"
    "    return s;                           /* hits: 4 */\n"
    "}\n";
static scope_func_desc scope__f0_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "labels", 19, 28, scope__f0_macrolabels_c_text, { "labels", 0 }, 0 };
static const char scope__f1_macrolabels_c_text[] =
    "/* @profile */\n"
    "static int is_space(int c)\n"
    "{\n"
    "    switch (c) {                        /* hits: 3 */\n"
    "    SPACE_CASES: return 1;              /* hits: 2 */\n"
    "    default: return 0;                  /* hits: 1 */\n"
    "    }\n"
    "}\n";
static scope_func_desc scope__f1_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "is_space", 48, 8, scope__f1_macrolabels_c_text, { "is_space", 0 }, 0 };
#endif
#line 1 "macrolabels.c"
/* macrolabels.c - labels that macros spell (`CASE(1):`, `DEFAULT:`, the
 * computed-goto targets `LBL(a):`), and jumps under case labels. The probe
 * of a labelled statement goes after its label, also when a macro spells
 * the label: before it, the probe would be unreachable from the jump
 * (gcc -Wswitch-unreachable, a fall-through under -Wimplicit-fallthrough)
 * and the statement would read 0 hits. One macro may spell several labels
 * (`case ' ': case '\t'`) with the statement after it in the file.
 * regions: labels=4
 */
#include <stdio.h>

#define CASE(n) case n
#define DEFAULT default
#define LBL(x) lbl_##x
#define NEXT goto *tab[op & 1]
#define OUT goto out
#define SPACE_CASES case ' ': case '\t'

/* @profile("labels") */
static int labels(int op)
{ SCOPE_FRAME(scope__f0_macrolabels_c)
    static void *tab[] = { &&LBL(a), &&LBL(b) };
    SCOPE_LINE_DECL(4) int s = 0;                          /* hits: 4 */
    SCOPE_LINE(5); switch (op) {                       /* hits: 4 */
    CASE(1):
        SCOPE_LINE(7); s += 1;                         /* hits: 1 */
        SCOPE_LINE(8); break;                          /* hits: 1 */
    case 2:
        SCOPE_LINE(10); goto out;                       /* hits: 1 */
    case 3:
        SCOPE_LINE(12); OUT;
    CASE(4): SCOPE_LINE(13); s += 4;                    /* hits: 1 */
        SCOPE_LINE(14); break;                          /* hits: 1 */
    DEFAULT:
        SCOPE_LINE(16); s = 7;                          /* hits: 1 */
        SCOPE_LINE(17); break;                          /* hits: 1 */
    }
    SCOPE_LINE(19); NEXT;                               /* hits: 3 */
LBL(a):
    SCOPE_LINE(21); s += 10;                            /* hits: 1 */
    SCOPE_LINE(22); goto out;                           /* hits: 1 */
LBL(b):
    SCOPE_LINE(24); s += 20;                            /* hits: 2 */
out:
    SCOPE_LINE(26); return s;                           /* hits: 4 */
}

/* @profile */
static int is_space(int c)
{ SCOPE_FRAME(scope__f1_macrolabels_c)
    SCOPE_LINE(3); switch (c) {                        /* hits: 3 */
    SPACE_CASES: SCOPE_LINE(4); return 1;              /* hits: 2 */
    default: SCOPE_LINE(5); return 0;                  /* hits: 1 */
    }
}

int main(void)
{
    printf("%d %d %d %d\n", labels(1), labels(2), labels(4), labels(5));
    printf("%d\n", is_space(' ') + is_space('\t') + is_space('x'));
    return 0;
}
