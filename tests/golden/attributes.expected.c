#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__attributes_c)
#define scope__attributes_c
static const char scope__f0_attributes_c_text[] =
    "/* @profile(\"ni\") */\n"
    "__attribute__((noinline)) static int ni(int x)\n"
    "{\n"
    "    return x + 1;                           /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f0_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "ni", 14, 5, scope__f0_attributes_c_text, { "ni", 0 }, 0, 0 };
static const char scope__f1_attributes_c_text[] =
    "/* @profile */\n"
    "__attribute__((cold)) static int cold_path(int x)\n"
    "{\n"
    "    return -x;                              /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f1_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "cold_path", 20, 5, scope__f1_attributes_c_text, { "cold_path", 0 }, 0, 0 };
static const char scope__f2_attributes_c_text[] =
    "/* @profile */\n"
    "static int hot_path(int x)\n"
    "{\n"
    "    return x * 3;                           /* hits: 3 */\n"
    "}\n";
static scope_func_desc scope__f2_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "hot_path", 28, 5, scope__f2_attributes_c_text, { "hot_path", 0 }, 0, 0 };
static const char scope__f3_attributes_c_text[] =
    "/* @profile */\n"
    "static inline __attribute__((always_inline)) int ai(int x)\n"
    "{\n"
    "    return x * 2;                           /* hits: 2 */\n"
    "}\n";
static scope_func_desc scope__f3_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "ai", 34, 5, scope__f3_attributes_c_text, { "ai", 0 }, 0, 0 };
static const char scope__f4_attributes_c_text[] =
    "/* @profile */\n"
    "__attribute__((unused)) static int unused_fn(void)\n"
    "{\n"
    "    return 4;                               /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f4_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "unused_fn", 40, 5, scope__f4_attributes_c_text, { "unused_fn", 0 }, 0, 0 };
static const char scope__f5_attributes_c_text[] =
    "/* @profile */\n"
    "__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)\n"
    "{\n"
    "    va_list ap;\n"
    "    va_start(ap, fmt);                      /* hits: 1 */\n"
    "    vprintf(fmt, ap);                       /* hits: 1 */\n"
    "    va_end(ap);                             /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f5_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "say", 46, 8, scope__f5_attributes_c_text, { "say", 0 }, 0, 0 };
static const char scope__f6_attributes_c_text[] =
    "/* @profile */\n"
    "__attribute__((nonnull(1))) static int first(const int *p)\n"
    "{\n"
    "    return p[0];                            /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f6_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "first", 55, 5, scope__f6_attributes_c_text, { "first", 0 }, 0, 0 };
static const char scope__f7_attributes_c_text[] = __extension__
    "/* @profile */\n"
    "static int fall(int x)\n"
    "{\n"
    "    int r = 0;                              /* hits: 3 */\n"
    "    switch (x) {                            /* hits: 3 */\n"
    "    case 1:\n"
    "        r += 1;                             /* hits: 1 */\n"
    "        __attribute__((fallthrough));\n"
    "    case 2:\n"
    "        r += 2;                             /* hits: 2 */\n"
    "        break;                              /* hits: 2 */\n"
    "    default:\n"
    "        break;                              /* hits: 1 */\n"
    "    }\n"
    "    goto out;                               /* hits: 3 */\n"
    "out: __attribute__((unused))\n"
    "    r += 10;                                /* hits: 3 */\n"
    "    return r;                               /* hits: 3 */\n"
    "}\n";
static const unsigned scope__f7_attributes_c_next[] = {
    4, 3, 10, 9, 17, 16, 0 };
static scope_func_desc scope__f7_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "fall", 61, 19, scope__f7_attributes_c_text, { "fall", 0 }, 0, scope__f7_attributes_c_next };
static const char scope__f8_attributes_c_text[] =
    "/* @profile */\n"
    "__attribute__((noreturn)) static void die(int code)\n"
    "{\n"
    "    printf(\"bye\\n\");                        /* hits: 1 */\n"
    "    exit(code);                             /* hits: 1 */\n"
    "}\n";
static scope_func_desc scope__f8_attributes_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "attributes.c", "die", 81, 6, scope__f8_attributes_c_text, { "die", 0 }, 0, 0 };
#endif
#line 1 "attributes.c"
/* attributes.c - GNU attributes on profiled functions (noinline, cold,
 * hot, always_inline on a static inline, unused, format, nonnull, and a
 * noreturn function that calls exit, whose open frames are closed at
 * exit; a naked function, which may hold nothing but asm, is left as
 * it is with a note), on a declaration before the definition, on statements
 * (fallthrough, a null statement that gets no probe) and on a label (the
 * probe goes after the attribute, which stays the label's).
 * regions: ni=1 cold_path=1 hot_path=3 ai=2 unused_fn=1 say=1 first=1 fall=3 die=1
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* @profile("ni") */
__attribute__((noinline)) static int ni(int x)
{ SCOPE_FRAME(scope__f0_attributes_c)
    SCOPE_LINE(3); return x + 1;                           /* hits: 1 */
}

/* @profile */
__attribute__((cold)) static int cold_path(int x)
{ SCOPE_FRAME(scope__f1_attributes_c)
    SCOPE_LINE(3); return -x;                              /* hits: 1 */
}

static int hot_path(int x) __attribute__((hot));

/* @profile */
static int hot_path(int x)
{ SCOPE_FRAME(scope__f2_attributes_c)
    SCOPE_LINE(3); return x * 3;                           /* hits: 3 */
}

/* @profile */
static inline __attribute__((always_inline)) int ai(int x)
{ SCOPE_FRAME(scope__f3_attributes_c)
    SCOPE_LINE(3); return x * 2;                           /* hits: 2 */
}

/* @profile */
__attribute__((unused)) static int unused_fn(void)
{ SCOPE_FRAME(scope__f4_attributes_c)
    SCOPE_LINE(3); return 4;                               /* hits: 1 */
}

/* @profile */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{ SCOPE_FRAME(scope__f5_attributes_c)
    va_list ap;
    SCOPE_LINE(4); va_start(ap, fmt);                      /* hits: 1 */
    SCOPE_LINE(5); vprintf(fmt, ap);                       /* hits: 1 */
    SCOPE_LINE(6); va_end(ap);                             /* hits: 1 */
}

/* @profile */
__attribute__((nonnull(1))) static int first(const int *p)
{ SCOPE_FRAME(scope__f6_attributes_c)
    SCOPE_LINE(3); return p[0];                            /* hits: 1 */
}

/* @profile */
static int fall(int x)
{ SCOPE_FRAME(scope__f7_attributes_c)
    SCOPE_LINE_DECL(3) int r = 0;                              /* hits: 3 */
    SCOPE_LINE_NEXT(4); switch (x) {                            /* hits: 3 */
    case 1:
        SCOPE_LINE(6); r += 1;                             /* hits: 1 */
        __attribute__((fallthrough));
    case 2:
        SCOPE_LINE(9); r += 2;                             /* hits: 2 */
        SCOPE_LINE_NEXT(10); break;                              /* hits: 2 */
    default:
        SCOPE_LINE(12); break;                              /* hits: 1 */
    }
    SCOPE_LINE(14); goto out;                               /* hits: 3 */
out: __attribute__((unused))
    SCOPE_LINE(16); r += 10;                                /* hits: 3 */
    SCOPE_LINE_NEXT(17); return r;                               /* hits: 3 */
}

/* @profile */
__attribute__((noreturn)) static void die(int code)
{ SCOPE_FRAME(scope__f8_attributes_c)
    SCOPE_LINE(3); printf("bye\n");                        /* hits: 1 */
    SCOPE_LINE(4); exit(code);                             /* hits: 1 */
}

#if defined(__x86_64__) || defined(__i386__)
/* @profile */
__attribute__((naked)) static void bare(void)
{
    __asm__("ret");
}
#else
static void bare(void)
{
}
#endif

int main(void)
{
    int one = 1;
    bare();
    printf("%d %d %d %d\n", ni(1), cold_path(2), hot_path(3), ai(2));
    printf("%d %d %d\n", ai(5), unused_fn(), first(&one));
    printf("%d %d\n", hot_path(1), hot_path(2));
    say("%s %d\n", "said", 3);
    printf("%d %d %d\n", fall(1), fall(2), fall(3));
    die(0);
}
