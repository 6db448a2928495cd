/*
 * api_prog.c - the C API and the settings, seen from a program: each
 * command-line word sets one scope_config field through scope_setup (or
 * calls one API function); run_api.py checks what comes out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scope_profiler.h"

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static volatile unsigned long sink;
static scope_func_desc f_desc;
enum { F_FIRST = __LINE__ + 1 };
/* @profile("f") */
static void f(int n)
{
    SCOPE_FRAME(f_desc)
    for (int i = 0; L(F), i < n; i++) {
        L(F); sink += (unsigned long)i;
    }
}
enum { F_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(f_desc, "f", "f", F_FIRST, F_LAST)

int main(int argc, char **argv)
{
    scope_config c;
    scope_region_stats st;
    int i;
    scope_config_init(&c);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "off") == 0)
            c.activated = 0;
        else if (strcmp(a, "nolines") == 0)
            c.lines = 0;
        else if (strcmp(a, "nocomp") == 0)
            c.compensate = 0;
        else if (strcmp(a, "stdout") == 0)
            c.output = "stdout";
        else if (strncmp(a, "output=", 7) == 0)
            c.output = a + 7;
        else if (strncmp(a, "json=", 5) == 0)
            c.json = a + 5;
        else if (strncmp(a, "dir=", 4) == 0)
            c.dir = a + 4;
    }
    if (argc > 1 && strcmp(argv[1], "env") != 0 && scope_setup(&c) != 0)
        return 4;
    f(10);
    f(10);
    f(10);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "finalize") == 0) {
            scope_finalize();
            scope_finalize();   /* nothing new: prints nothing */
            f(5);               /* recorded, but no report at exit */
        } else if (strcmp(argv[i], "getregion") == 0) {
            if (scope_get_region("f", &st) != 0)
                return 5;
            printf("calls=%llu name=%s ok=%d\n", (unsigned long long)st.calls, st.name,
                   st.total >= 0 && st.min <= st.mean && st.mean <= st.max && st.std >= 0);
            st.calls = 99;
            i = scope_get_region("nope", &st);
            printf("unknown=%d calls=%llu\n", i, (unsigned long long)st.calls);
            printf("print=%d\n", scope_print_region("nope"));
            fflush(stdout);
            if (scope_print_region("f") != 0)
                return 6;
            break;
        }
    }
    return 0;
}
