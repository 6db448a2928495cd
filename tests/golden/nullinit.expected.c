#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__nullinit_c)
#define scope__nullinit_c
static const char scope__f0_nullinit_c_text[] = __extension__
    "/* @profile */\n"
    "static int nullinit(int n)\n"
    "{\n"
    "    struct node *head = 0;              /* hits: 1 */\n"
    "    char *s = NULL;                     /* hits: 1 */\n"
    "    void (*cb)(void) = NULL;            /* hits: 1 */\n"
    "    int (*op)(int) = 0;                 /* hits: 1 */\n"
    "    const void *p = (void *)0;          /* hits: 1 */\n"
    "    struct node one = { 0, 3 };         /* hits: 1 */\n"
    "    int k = n > 1 ? 1 : 0;              /* hits: 1 */\n"
    "    if (!head && !s && !cb && !p)       /* hits: 1 */\n"
    "        op = twice;                     /* hits: 1 */\n"
    "    head = &one;                        /* hits: 1 */\n"
    "    return op(head->v) + k;             /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_nullinit_c_next[] = {
    4, 3, 5, 3, 6, 3, 7, 3, 8, 3, 9, 3, 10, 3, 13, 12, 0 };
static scope_func_desc scope__f0_nullinit_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "nullinit.c", "nullinit", 17, 15, scope__f0_nullinit_c_text, { "nullinit", 0 }, 0, scope__f0_nullinit_c_next };
#endif
#line 1 "nullinit.c"
/* nullinit.c - initializers that must keep their type and constant-ness:
 * null pointer constants (`0`, `NULL`, `(void *)0`) for object and function
 * pointers, constants an enum or a static needs, and sizes. A probe written
 * into such an initializer (`(probe, 0)`) is no null pointer constant: an
 * int-to-pointer conversion under -Wint-conversion, and an error for
 * function pointers under -pedantic and -Wc++-compat. The probe stands
 * beside the declaration instead.
 * c89: yes
 */
#include <stddef.h>
#include <stdio.h>

struct node { struct node *next; int v; };

static int twice(int x) { return 2 * x; }

/* @profile */
static int nullinit(int n)
{ SCOPE_FRAME(scope__f0_nullinit_c)
    SCOPE_LINE_DECL(3) struct node *head = 0;              /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(4) char *s = NULL;                     /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(5) void (*cb)(void) = NULL;            /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(6) int (*op)(int) = 0;                 /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(7) const void *p = (void *)0;          /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(8) struct node one = { 0, 3 };         /* hits: 1 */
    SCOPE_LINE_DECL_NEXT(9) int k = n > 1 ? 1 : 0;              /* hits: 1 */
    SCOPE_LINE_NEXT(10); if (!head && !s && !cb && !p)       /* hits: 1 */
        { SCOPE_LINE(11); op = twice; }                     /* hits: 1 */
    SCOPE_LINE(12); head = &one;                        /* hits: 1 */
    SCOPE_LINE_NEXT(13); return op(head->v) + k;             /* hits: 1 */
}

int main(void)
{
    printf("%d\n", nullinit(2));
    return 0;
}
