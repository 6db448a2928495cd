/*
 * header_c89.c - every macro of scope_profiler.h in strict C90 code: it
 * must compile warning-free under -std=c89 -pedantic -Werror, enabled and
 * with -DSCOPE_PROFILER_DISABLE, with gcc and clang (compile-only test).
 */
#define _GNU_SOURCE 1
#include "scope_profiler.h"

#include <stdio.h>

#ifndef SCOPE_PROFILER_DISABLE
static scope_func_desc f_desc;
#endif
SCOPE_DEFINE_REGION(loop_site, "loop")

int header_c89_f(int n);

int header_c89_f(int n)
{
    SCOPE_FRAME(f_desc)
    int i, s = 0;
    for (i = 0; SCOPE_LINE(2), i < n; i++) {
        SCOPE_REGION(loop_site)
        SCOPE_LINE(3);
        s += i;
    }
    {
        SCOPE_BLOCK("block")
        s++;
    }
    SCOPE_LINE(4);
    return s;
}

SCOPE_DEFINE_FUNC(f_desc, "f", "header_c89_f", 13, 28)
