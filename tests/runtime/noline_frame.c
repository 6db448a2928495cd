/*
 * noline_frame.c - the clock-per-line probe on a frame without a line table.
 *
 * With line tables off (SCOPE_PROFILER_LINES=0) the runtime may hand out a
 * function frame whose `lines` is NULL; the probe must then leave the frame
 * alone and read no clock, so that a region-only run of a lines build costs
 * about what a build without line probes does. The same program checks the
 * probe's arithmetic on a frame with a table, so that a probe which did
 * nothing at all would fail too. Built once per probe shape (tests/
 * runtime.cmake): the call (-O0), the asm statement (-O2) and the C probe
 * (-O2 -DSCOPE_PROFILER_NO_ASM). Exit status 0: every check held.
 */
#define SCOPE_PROFILER_SAMPLED 0
#include "scope_profiler.h"

#include <stdio.h>
#include <string.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "noline_frame: %s\n", what);
        failures++;
    }
}

/* Three probes on the frame given, as the rewriter would emit them (the
 * rows are constants); `n` more through a computed row (hand
 * instrumentation), which takes the C probe even where the asm is used. */
static void probes(scope_frame *fr, unsigned n)
{
    scope_frame *const scope__fr = fr;
    unsigned r;
    SCOPE_LINE(1);
    SCOPE_LINE(2);
    for (r = 0; r < n; r++)
        SCOPE_LINE(r % 3);
    SCOPE_LINE(3);
}

int main(void)
{
    scope_line_acc scratch = { 5, 6 }, rows[4];
    scope_frame fr, before;

    /* No line table: nothing changes, not even `last` (no clock read). */
    memset(&fr, 0, sizeof fr);
    fr.cur = &scratch;
    fr.last = 12345;
    fr.lines = NULL;
    fr.probes = 7;
    before = fr;
    probes(&fr, 4);
    /* `at` excepted: the probe stores its row there (unread in this mode),
     * which is what keeps calls in place around it (scope_profiler.h). */
    check(fr.at == 3, "the probe's row is not in `at`");
    before.at = fr.at;
    check(memcmp(&fr, &before, sizeof fr) == 0, "a frame without lines was changed");
    check(scratch.hits == 5 && scratch.ticks == 6, "the scratch row was written");

    /* A line table: every probe counts its row and itself and moves the
     * row being timed; the time since the previous probe goes to the row
     * that was being timed (with a clock that only moves forward, every
     * interval is below 2^63 ticks). */
    memset(rows, 0, sizeof rows);
    memset(&fr, 0, sizeof fr);
    fr.cur = &scratch;
    fr.lines = rows;
    fr.last = SCOPE__CLOCK();
    probes(&fr, 4);
    check(rows[1].hits == 1 + 1 && rows[2].hits == 1 + 1 && rows[3].hits == 1 &&
              rows[0].hits == 2, "hits per row");
    check(fr.probes == 3 + 4, "probes counted");
    check(fr.cur == &rows[3], "the row being timed is the last probed");
    check(scratch.hits == 5 && scratch.ticks - 6 < ((scope_u64)1 << 63),
          "the scratch row got the interval before the first probe");
    check(rows[3].ticks == 0, "the last row has no interval yet");
    return failures != 0;
}
