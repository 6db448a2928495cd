/*
 * noline_frame.c - the clock-per-line probe on a frame without a line table.
 *
 * With line tables off (SCOPE_PROFILER_LINES=0) the runtime may hand out a
 * function frame whose `lines` is NULL; the probe must then leave the frame
 * alone and read no clock, so that a region-only run of a lines build costs
 * about what a build without line probes does. The same program checks the
 * probe's arithmetic on a frame with a table, so that a probe which did
 * nothing at all would fail too. Built once per probe shape (tests/
 * runtime.cmake): -O0 (with gcc on x86-64 the asm that calls
 * scope__line_tick, else the call of scope__line_call), -O0 with
 * -DSCOPE_PROFILER_NO_ASM (the call), the asm statement (-O2) and the C
 * probe (-O2 -DSCOPE_PROFILER_NO_ASM). Every build also checks that
 * scope__line_tick keeps the registers its callers' asm does not name.
 * Exit status 0: every check held.
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

#if defined(__x86_64__) && defined(__LP64__)
/* scope__line_tick keeps every register but rax, rdx and the flags: call
 * it with a known value in each caller-saved register and read them back.
 * (The call below makes this function no leaf, so gcc keeps nothing in
 * the red zone that the asm's call would overwrite.) */
static void tick_keeps_registers(scope_frame *fr)
{
    unsigned long got[7];
    unsigned long *g = got;
    int i;
    __asm__ __volatile__("movq $0x1001, %%rcx\n\t"
                         "movq $0x1002, %%rsi\n\t"
                         "movq $0x1003, %%rdi\n\t"
                         "movq $0x1004, %%r8\n\t"
                         "movq $0x1005, %%r9\n\t"
                         "movq $0x1006, %%r10\n\t"
                         "movq $0x1007, %%r11\n\t"
                         "movq %[fr], %%rax\n\t"
                         "movl $2, %%edx\n\t"
                         "call scope__line_tick@PLT\n\t"
                         "movq %%rcx, 0(%[g])\n\t"
                         "movq %%rsi, 8(%[g])\n\t"
                         "movq %%rdi, 16(%[g])\n\t"
                         "movq %%r8, 24(%[g])\n\t"
                         "movq %%r9, 32(%[g])\n\t"
                         "movq %%r10, 40(%[g])\n\t"
                         "movq %%r11, 48(%[g])"
                         :
                         : [fr] "m"(fr), [g] "b"(g)
                         : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
                           "memory");
    for (i = 0; i < 7; i++)
        check(got[i] == 0x1001ul + (unsigned long)i, "scope__line_tick changed a register");
}
#endif

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
#if defined(__x86_64__) && defined(__LP64__)
    /* The same step through scope__line_tick: row 2 counted, the row being
     * timed moved, and the registers kept. */
    tick_keeps_registers(&fr);
    check(rows[2].hits == 2 + 1 && fr.cur == &rows[2] && fr.probes == 3 + 4 + 1 && fr.at == 2,
          "scope__line_tick's step");
    check(rows[3].ticks < ((scope_u64)1 << 63), "scope__line_tick's interval");
    memset(&fr, 0, sizeof fr);
    fr.cur = &scratch;
    fr.last = 12345;
    before = fr;
    tick_keeps_registers(&fr);
    before.at = 2;
    check(memcmp(&fr, &before, sizeof fr) == 0, "scope__line_tick changed a frame without lines");
#endif
    return failures != 0;
}
