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
static const unsigned scope__f0_macrolabels_c_next[] = {
    5, 4, 8, 7, 14, 13, 17, 16, 22, 21, 0 };
static scope_func_desc scope__f0_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "labels", 28, 28, scope__f0_macrolabels_c_text, { "labels", 0 }, 0, scope__f0_macrolabels_c_next };
static const char scope__f1_macrolabels_c_text[] =
    "/* @profile */\n"
    "static int is_space(int c)\n"
    "{\n"
    "    switch (c) {                        /* hits: 3 */\n"
    "    SPACE_CASES: return 1;              /* hits: 2 */\n"
    "    default: return 0;                  /* hits: 1 */\n"
    "    }\n"
    "}\n";
static scope_func_desc scope__f1_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "is_space", 57, 8, scope__f1_macrolabels_c_text, { "is_space", 0 }, 0, 0 };
static const char scope__f2_macrolabels_c_text[] =
    "/* @profile */\n"
    "static int resume(int state, int v)\n"
    "{\n"
    "    int st = 0;                         /* hits: 3 */\n"
    "    switch (state) {                    /* hits: 3 */\n"
    "        RESUME(1, v);\n"
    "        v += 10;                        /* hits: 1 */\n"
    "        break;                          /* hits: 1 */\n"
    "        RESUME(2, v);\n"
    "        v += 20;                        /* hits: 1 */\n"
    "    }\n"
    "    return st * 100 + v;                /* hits: 3 */\n"
    "}\n";
static const unsigned scope__f2_macrolabels_c_next[] = {
    4, 3, 7, 6, 0 };
static scope_func_desc scope__f2_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "resume", 66, 13, scope__f2_macrolabels_c_text, { "resume", 0 }, 0, scope__f2_macrolabels_c_next };
static const char scope__f3_macrolabels_c_text[] =
    "/* @profile */\n"
    "static int kind(int k)\n"
    "{\n"
    "    int r = 0;                          /* hits: 3 */\n"
    "    switch (k) {                        /* hits: 3 */\n"
    "    KINDS(KIND_CASE)\n"
    "    default:\n"
    "        r = -1;                         /* hits: 1 */\n"
    "    }\n"
    "    return r;                           /* hits: 3 */\n"
    "}\n";
static const unsigned scope__f3_macrolabels_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f3_macrolabels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "macrolabels.c", "kind", 80, 11, scope__f3_macrolabels_c_text, { "kind", 0 }, 0, scope__f3_macrolabels_c_next };
#endif
#line 1 "macrolabels.c"
/* macrolabels.c - labels that macros spell (`CASE(1):`, `DEFAULT:`, the
 * computed-goto targets `LBL(a):`), and jumps under case labels. The probe
 * of a labelled statement goes after its label, also when a macro spells
 * the label: before it, the probe would be unreachable from the jump
 * (gcc -Wswitch-unreachable, a fall-through under -Wimplicit-fallthrough)
 * and the statement would read 0 hits. One macro may spell several labels
 * (`case ' ': case '\t'`) with the statement after it in the file.
 * A macro may also spell a label and several statements after it (a
 * resumable decoder's `case n: state = n; while (...) ...`): there is no
 * place after its label outside the macro, so the line takes no probe,
 * neither for the label's statement nor for the ones after it, which
 * would otherwise land at the expansion site, before the label. So does
 * an X-macro that spells a whole list of `case k: r = v; break;`.
 * regions: labels=4
 */
#include <stdio.h>

#define CASE(n) case n
#define DEFAULT default
#define LBL(x) lbl_##x
#define NEXT goto *tab[op & 1]
#define OUT goto out
#define SPACE_CASES case ' ': case '\t'
#define RESUME(n, v) case n: st = n; while ((v) < 3) (v)++
#define KINDS(X) X(1, 10) X(2, 20)
#define KIND_CASE(k, v) case k: r = v; break;

/* @profile("labels") */
static int labels(int op)
{ SCOPE_FRAME(scope__f0_macrolabels_c)
    static void *tab[] = { &&LBL(a), &&LBL(b) };
    SCOPE_LINE_DECL(4) int s = 0;                          /* hits: 4 */
    SCOPE_LINE_NEXT(5); switch (op) {                       /* hits: 4 */
    CASE(1):
        SCOPE_LINE(7); s += 1;                         /* hits: 1 */
        SCOPE_LINE_NEXT(8); break;                          /* hits: 1 */
    case 2:
        SCOPE_LINE(10); goto out;                       /* hits: 1 */
    case 3:
        SCOPE_LINE(12); OUT;
    CASE(4): SCOPE_LINE(13); s += 4;                    /* hits: 1 */
        SCOPE_LINE_NEXT(14); break;                          /* hits: 1 */
    DEFAULT:
        SCOPE_LINE(16); s = 7;                          /* hits: 1 */
        SCOPE_LINE_NEXT(17); break;                          /* hits: 1 */
    }
    SCOPE_LINE(19); NEXT;                               /* hits: 3 */
LBL(a):
    SCOPE_LINE(21); s += 10;                            /* hits: 1 */
    SCOPE_LINE_NEXT(22); goto out;                           /* hits: 1 */
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

/* @profile */
static int resume(int state, int v)
{ SCOPE_FRAME(scope__f2_macrolabels_c)
    SCOPE_LINE_DECL(3) int st = 0;                         /* hits: 3 */
    SCOPE_LINE_NEXT(4); switch (state) {                    /* hits: 3 */
        RESUME(1, v);
        SCOPE_LINE(6); v += 10;                        /* hits: 1 */
        SCOPE_LINE_NEXT(7); break;                          /* hits: 1 */
        RESUME(2, v);
        SCOPE_LINE(9); v += 20;                        /* hits: 1 */
    }
    SCOPE_LINE(11); return st * 100 + v;                /* hits: 3 */
}

/* @profile */
static int kind(int k)
{ SCOPE_FRAME(scope__f3_macrolabels_c)
    SCOPE_LINE_DECL(3) int r = 0;                          /* hits: 3 */
    SCOPE_LINE_NEXT(4); switch (k) {                        /* hits: 3 */
    KINDS(KIND_CASE)
    default:
        SCOPE_LINE(7); r = -1;                         /* hits: 1 */
    }
    SCOPE_LINE(9); return r;                           /* hits: 3 */
}

int main(void)
{
    printf("%d %d %d %d\n", labels(1), labels(2), labels(4), labels(5));
    printf("%d\n", is_space(' ') + is_space('\t') + is_space('x'));
    printf("%d %d %d\n", resume(1, 0), resume(2, 0), resume(0, 0));
    printf("%d %d %d\n", kind(1), kind(2), kind(3));
    return 0;
}
