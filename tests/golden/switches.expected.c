#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__switches_c)
#define scope__switches_c
static const char scope__f0_switches_c_text[] = __extension__
    "/* @profile */\n"
    "static int decls(int x)\n"
    "{\n"
    "    int r = 0;                              /* hits: 4 */\n"
    "    switch (x) {                            /* hits: 4 */\n"
    "    case 1: {\n"
    "        int y = x * 3;                      /* hits: 1 */\n"
    "        r = y;                              /* hits: 1 */\n"
    "        break;                              /* hits: 1 */\n"
    "    }\n"
    "    case 2: ;\n"
    "        int z = x + 40;                     /* hits: 1 */\n"
    "        r = z;                              /* hits: 1 */\n"
    "        break;                              /* hits: 1 */\n"
    "    case 3 ... 5:\n"
    "        r = -x;                             /* hits: 1 */\n"
    "        break;                              /* hits: 1 */\n"
    "    }\n"
    "    return r;                               /* hits: 4 */\n"
    "}\n";
static const unsigned scope__f0_switches_c_next[] = {
    4, 3, 7, 6, 8, 6, 12, 11, 13, 11, 16, 15, 0 };
static scope_func_desc scope__f0_switches_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "switches.c", "decls", 11, 20, scope__f0_switches_c_text, { "decls", 0 }, 0, scope__f0_switches_c_next };
static const char scope__f1_switches_c_text[] =
    "/* @profile */\n"
    "static int bare(int x)\n"
    "{\n"
    "    int r = 7;                              /* hits: 3 */\n"
    "    switch (x)                              /* hits: 3 */\n"
    "    case 1:\n"
    "        r = 100;                            /* hits: 1 */\n"
    "    switch (x)                              /* hits: 3 */\n"
    "        default: r += 1;                    /* hits: 3 */\n"
    "    switch (x) case 2: r += 50;             /* hits: 3 */\n"
    "    return r;                               /* hits: 3 */\n"
    "}\n";
static const unsigned scope__f1_switches_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f1_switches_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "switches.c", "bare", 32, 12, scope__f1_switches_c_text, { "bare", 0 }, 0, scope__f1_switches_c_next };
static const char scope__f2_switches_c_text[] = __extension__
    "/* @profile */\n"
    "static void duff(char *to, const char *from, int count)\n"
    "{\n"
    "    int n = (count + 7) / 8;                /* hits: 2 */\n"
    "    switch (count % 8) {                    /* hits: 2 */\n"
    "    case 0: do { *to++ = *from++;           /* hits: 2 */ /* fall through */\n"
    "    case 7:      *to++ = *from++;           /* hits: 2 */ /* fall through */\n"
    "    case 6:      *to++ = *from++;           /* hits: 2 */ /* fall through */\n"
    "    case 5:      *to++ = *from++;           /* hits: 2 */ /* fall through */\n"
    "    case 4:      *to++ = *from++;           /* hits: 3 */ /* fall through */\n"
    "    case 3:      *to++ = *from++;           /* hits: 3 */ /* fall through */\n"
    "    case 2:      *to++ = *from++;           /* hits: 3 */ /* fall through */\n"
    "    case 1:      *to++ = *from++;           /* hits: 4 */\n"
    "            } while (--n > 0);              /* hits: 4 */\n"
    "    }\n"
    "}\n";
static const unsigned scope__f2_switches_c_next[] = {
    4, 3, 0 };
static scope_func_desc scope__f2_switches_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "switches.c", "duff", 45, 16, scope__f2_switches_c_text, { "duff", 0 }, 0, scope__f2_switches_c_next };
#endif
#line 1 "switches.c"
/* switches.c - switch statements real C writes: declarations inside cases
 * (in a block, and after `case 2: ;`), a GNU case range, a switch whose
 * body is a single labelled statement, and Duff's device, whose case
 * labels jump into a do-while: every line after a label counts each
 * arrival, and the `do` line, whose body starts on it, counts every pass
 * that starts at the top of the body.
 * regions: decls=4 bare=3 duff=2
 */
#include <stdio.h>

/* @profile */
static int decls(int x)
{ SCOPE_FRAME(scope__f0_switches_c)
    SCOPE_LINE_DECL(3) int r = 0;                              /* hits: 4 */
    SCOPE_LINE_NEXT(4); switch (x) {                            /* hits: 4 */
    case 1: {
        SCOPE_LINE_DECL(6) int y = x * 3;                      /* hits: 1 */
        SCOPE_LINE_NEXT(7); r = y;                              /* hits: 1 */
        SCOPE_LINE_NEXT(8); break;                              /* hits: 1 */
    }
    case 2: ;
        SCOPE_LINE_DECL(11) int z = x + 40;                     /* hits: 1 */
        SCOPE_LINE_NEXT(12); r = z;                              /* hits: 1 */
        SCOPE_LINE_NEXT(13); break;                              /* hits: 1 */
    case 3 ... 5:
        SCOPE_LINE(15); r = -x;                             /* hits: 1 */
        SCOPE_LINE_NEXT(16); break;                              /* hits: 1 */
    }
    SCOPE_LINE(18); return r;                               /* hits: 4 */
}

/* @profile */
static int bare(int x)
{ SCOPE_FRAME(scope__f1_switches_c)
    SCOPE_LINE_DECL(3) int r = 7;                              /* hits: 3 */
    SCOPE_LINE_NEXT(4); switch (x)                              /* hits: 3 */
    case 1:
        { SCOPE_LINE(6); r = 100; }                            /* hits: 1 */
    SCOPE_LINE(7); switch (x)                              /* hits: 3 */
        default: { SCOPE_LINE(8); r += 1; }                    /* hits: 3 */
    SCOPE_LINE(9); switch (x) case 2: r += 50;             /* hits: 3 */
    SCOPE_LINE(10); return r;                               /* hits: 3 */
}

/* @profile */
static void duff(char *to, const char *from, int count)
{ SCOPE_FRAME(scope__f2_switches_c)
    SCOPE_LINE_DECL(3) int n = (count + 7) / 8;                /* hits: 2 */
    SCOPE_LINE_NEXT(4); switch (count % 8) {                    /* hits: 2 */
    case 0: do { SCOPE_LINE(5); *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 7:      SCOPE_LINE(6); *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 6:      SCOPE_LINE(7); *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 5:      SCOPE_LINE(8); *to++ = *from++;           /* hits: 2 */ /* fall through */
    case 4:      SCOPE_LINE(9); *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 3:      SCOPE_LINE(10); *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 2:      SCOPE_LINE(11); *to++ = *from++;           /* hits: 3 */ /* fall through */
    case 1:      SCOPE_LINE(12); *to++ = *from++;           /* hits: 4 */
            } while (SCOPE_LINE(13), --n > 0);              /* hits: 4 */
    }
}

int main(void)
{
    char buf[32] = { 0 };
    printf("%d %d %d %d\n", decls(1), decls(2), decls(4), decls(9));
    printf("%d %d %d\n", bare(1), bare(2), bare(3));
    duff(buf, "abcdefghijklmnopqrst", 20);
    duff(buf + 20, "uvwxy", 1);
    printf("%s\n", buf);
    return 0;
}
