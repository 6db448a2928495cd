#include "scope_profiler.h"
#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__labels_c)
#define scope__labels_c
static const char scope__f0_labels_c_text[] =
    "/* @profile(\"retry\") */\n"
    "static int retry(int n)\n"
    "{\n"
    "    int tries = 0;                      /* hits: 1 */\n"
    "again:\n"
    "    tries++;                            /* hits: 4 */\n"
    "    if (tries < n)                      /* hits: 4 */\n"
    "        goto again;                     /* hits: 3 */\n"
    "    return tries;                       /* hits: 1 */\n"
    "}\n";
static const unsigned scope__f0_labels_c_next[] = {
    6, 5, 0 };
static scope_func_desc scope__f0_labels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "labels.c", "retry", 10, 10, scope__f0_labels_c_text, { "retry", 0 }, 0, scope__f0_labels_c_next };
static const char scope__f1_labels_c_text[] =
    "/* @profile(\"add\") */\n"
    "static void add(int x)\n"
    "{\n"
    "    if (x < 0)                          /* hits: 3 */\n"
    "        return;                         /* hits: 1 */\n"
    "    total += x;                         /* hits: 2 */\n"
    "}\n";
static scope_func_desc scope__f1_labels_c __attribute__((used)) = { SCOPE_PROFILER_ABI, "labels.c", "add", 21, 7, scope__f1_labels_c_text, { "add", 0 }, 0, 0 };
#endif
#line 1 "labels.c"
/* labels.c - labels and goto, return with and without a value: a labelled
 * statement counts every arrival, and every return closes the frame.
 * c89: yes
 * regions: retry=1 add=3
 */
#include <stdio.h>

static int total;

/* @profile("retry") */
static int retry(int n)
{ SCOPE_FRAME(scope__f0_labels_c)
    SCOPE_LINE_DECL(3) int tries = 0;                      /* hits: 1 */
again:
    SCOPE_LINE(5); tries++;                            /* hits: 4 */
    SCOPE_LINE_NEXT(6); if (tries < n)                      /* hits: 4 */
        { SCOPE_LINE(7); goto again; }                     /* hits: 3 */
    SCOPE_LINE(8); return tries;                       /* hits: 1 */
}

/* @profile("add") */
static void add(int x)
{ SCOPE_FRAME(scope__f1_labels_c)
    SCOPE_LINE(3); if (x < 0)                          /* hits: 3 */
        { SCOPE_LINE(4); return; }                         /* hits: 1 */
    SCOPE_LINE(5); total += x;                         /* hits: 2 */
}

int main(void)
{
    int r = retry(4);
    add(1);
    add(-1);
    add(2);
    printf("%d %d\n", r, total);
    return 0;
}
