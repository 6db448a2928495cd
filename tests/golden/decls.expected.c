#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__decls_c)
#define scope__decls_c
static const char scope__f0_decls_c_text[] = __extension__
    "/* @profile(\"decls\") */\n"
    "static int decls(int n)\n"
    "{\n"
    "    int plain;\n"
    "    int a = n + 1;                      /* hits: 1 */\n"
    "    int b, c = a * 2, d = 3;            /* hits: 1 */\n"
    "    int arr[3] = { 1, 2, 3 };           /* hits: 1 */\n"
    "    static int calls = 0;\n"
    "    const char *s = \"text\";             /* hits: 1 */\n"
    "    char buf[] = \"xy\";                  /* hits: 1 */\n"
    "    struct pair p = make(n);            /* hits: 1 */\n"
    "    struct pair q = { 1, 2 };           /* hits: 1 */\n"
    "    int e =                             /* hits: 1 */\n"
    "        a + c;\n"
    "    plain = 0;                          /* hits: 1 */\n"
    "    b = 1;                              /* hits: 1 */\n"
    "    calls++;                            /* hits: 1 */\n"
    "    return plain + b + c + d + arr[0] + s[0] + buf[0] + p.a + q.b + e + calls; /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_decls_c_next[] = {
    5, 4, 6, 4, 8, 4, 9, 4, 10, 4, 12, 11, 14, 11, 15, 11,
    16, 11, 17, 11, 0 };
static scope_func_desc scope__f0_decls_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "decls.c", "decls", 15, 19, scope__f0_decls_c_text, { "decls", 0 }, 0, scope__f0_decls_c_next };
#endif
#line 1 "decls.c"
/* decls.c - declarations: a declaration that runs code (an initializer of
 * an automatic variable, arrays and brace lists included) takes its probe
 * as a declaration of its own just before it, since C90 allows no
 * statement before a declaration and an initializer must keep its type and
 * constant-ness. Statics and declarations without an initializer run
 * nothing and get no probe.
 * c89: yes
 */
#include <stdio.h>

struct pair { int a, b; };

static struct pair make(int a) { struct pair p; p.a = a; p.b = -a; return p; }

/* @profile("decls") */
static int decls(int n)
{ SCOPE_FRAME(scope__f0_decls_c)
    int plain;
    SCOPE_LINE_DECL(4) int a = n + 1;                      /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(5) int b, c = a * 2, d = 3;            /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(6) int arr[3] = { 1, 2, 3 };           /* hits: 1 */
    static int calls = 0;
    SCOPE_LINE_DECL_NEXT(8) const char *s = "text";             /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(9) char buf[] = "xy";                  /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(10) struct pair p = make(n);            /* hits: 1 */
    SCOPE_LINE_DECL(11) struct pair q = { 1, 2 };           /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(12) int e =                             /* hits: 1 */
        a + c;
    SCOPE_LINE_NEXT(14); plain = 0;                          /* hits: 1 */
    SCOPE_LINE_NEXT(15); b = 1;                              /* hits: 1 */
    SCOPE_LINE_NEXT(16); calls++;                            /* hits: 1 */
    SCOPE_LINE_NEXT(17); return plain + b + c + d + arr[0] + s[0] + buf[0] + p.a + q.b + e + calls; /* hits: 1 */
}

int main(void)
{
    printf("%d\n", decls(4));
    return 0;
}
