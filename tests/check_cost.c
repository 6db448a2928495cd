/*
 * check_cost.c - the arithmetic of overhead compensation (cost.h), with
 * exact figures: what an enter takes from the caller's row, what a closing
 * entry subtracts from itself and hands down the stack, how a calling line
 * keeps the time of the calls it made, how a row's ticks become
 * nanoseconds, that a function's compensated region time and its
 * compensated rows agree exactly, and which lines are too short to time.
 *
 * Measured times cannot be checked this way (a loaded machine changes
 * them); the bookkeeping that turns them into the report can, and is.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"

/* Costs in ticks, chosen so that every sum below is distinct. */
static scope__costs costs(void)
{
    scope__costs c;
    c.line = 2.0;
    c.isolated = 3.0;
    c.inside = 4;
    c.call_inside = 6;
    c.first = 10;
    c.tail = 1;
    c.outside = 6;
    c.call_enter = 7;
    c.call_leave = 5;
    c.region_enter = 3;
    c.region_leave = 2;
    return c;
}

/* A closing entry with no window on the line that made it. */
static scope__leave_in leave(int func, scope_u64 probes, scope_u64 nested, scope_u64 dt)
{
    scope__leave_in in;
    in.func = func;
    in.probes = probes;
    in.nested = nested;
    in.dt = dt;
    in.windowed = 0;
    in.window = 0;
    return in;
}

/* The same, called from a line timed by clock reads. */
static scope__leave_in called(scope_u64 probes, scope_u64 nested, scope_u64 dt, scope_u64 window)
{
    scope__leave_in in = leave(1, probes, nested, dt);
    in.windowed = 1;
    in.window = window;
    return in;
}

START_TEST(enter_charges_the_callers_row)
{
    scope__costs c = costs();
    ck_assert_uint_eq(scope__cost_enter(&c, 1), 7);
    ck_assert_uint_eq(scope__cost_enter(&c, 0), 3);
}
END_TEST

START_TEST(probes_round_to_the_nearest_tick)
{
    scope__costs c = costs();
    c.line = 2.5;
    ck_assert_uint_eq(scope__cost_probes(&c, 0), 0);
    ck_assert_uint_eq(scope__cost_probes(&c, 4), 10);
    ck_assert_uint_eq(scope__cost_probes(&c, 3), 8);   /* 7.5 rounds up */
    c.line = 0.2;
    ck_assert_uint_eq(scope__cost_probes(&c, 2), 0);   /* 0.4 */
    ck_assert_uint_eq(scope__cost_probes(&c, 3), 1);   /* 0.6 */
}
END_TEST

START_TEST(function_leave)
{
    scope__costs c = costs();
    /* 4 probes (8 ticks), 100 ticks of nested entries, 1000 ticks long:
     * less the first interval and the tail (10 + 1). */
    scope__leave_in in = leave(1, 4, 100, 1000);
    scope__leave_charge ch = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(ch.time, 1000 - 8 - 100 - 11);
    ck_assert_uint_eq(ch.last_row, 1);
    /* Its overhead (dt - time) and the enter and leave code outside its
     * clock reads (7 + 5 - 6); the enter's 7 were taken already. */
    ck_assert_uint_eq(ch.up_nested, 119 + 6);
    ck_assert_uint_eq(ch.up_row, 119 + 6 - 7);
    /* No line probe: an empty entry, relieved of call_inside. */
    in = leave(1, 0, 0, 20);
    ch = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(ch.time, 14);
    ck_assert_uint_eq(ch.last_row, 0);
    ck_assert_uint_eq(ch.up_nested, 6 + 6);
}
END_TEST

START_TEST(region_leave)
{
    scope__costs c = costs();
    /* A statement region's probes are its function frame's: subtracted from
     * the region's own time, but not handed down again. */
    scope__leave_in in = leave(0, 4, 100, 1000);
    scope__leave_charge ch = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(ch.time, 1000 - 8 - 100 - 4);
    ck_assert_uint_eq(ch.up_nested, 100 + 3 + 2);
    ck_assert_uint_eq(ch.up_row, 2);
    ck_assert_uint_eq(ch.last_row, 0);
}
END_TEST

START_TEST(leave_clamps_at_zero)
{
    scope__costs c = costs();
    scope__leave_in in = leave(1, 4, 100, 50);
    scope__leave_charge ch = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(ch.time, 0);
    /* An entry that read less than its overhead takes from the code around
     * it no more than it lasted, and its enter and leave outside it. */
    ck_assert_uint_eq(ch.up_nested, 50 + 6);
    in.dt = 119;                                 /* exactly the subtraction */
    ck_assert_uint_eq(scope__cost_leave(&c, &in).time, 0);
    in.dt = 120;
    ck_assert_uint_eq(scope__cost_leave(&c, &in).time, 1);
    in = leave(0, 0, 0, 0);                      /* empty region entry */
    ch = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(ch.time, 0);
    ck_assert_uint_eq(ch.up_row, 2);
}
END_TEST

START_TEST(rows_are_signed_and_clamped)
{
    /* 100 ticks, 10 hits at 2.5 ticks each, 0.5 ns per tick: 37.5 ns,
     * rounded half away from zero. */
    ck_assert_uint_eq(scope__cost_row_ns(100, 10, 2.5, 0.5), 38);
    ck_assert_uint_eq(scope__cost_row_ns(100, 10, 0.0, 0.5), 50);
    /* Exactly the line cost, less than it, a row that went below zero
     * (ticks read as signed), a row that never ran. */
    ck_assert_uint_eq(scope__cost_row_ns(25, 10, 2.5, 1.0), 0);
    ck_assert_uint_eq(scope__cost_row_ns(24, 10, 2.5, 1.0), 0);
    ck_assert_uint_eq(scope__cost_row_ns((scope_u64)-30, 2, 0.0, 1.0), 0);
    ck_assert_uint_eq(scope__cost_row_ns((scope_u64)-30, 2, 2.0, 1.0), 0);
    ck_assert_uint_eq(scope__cost_row_ns(500, 0, 0.0, 1.0), 0);
    /* A huge row stays exact in ns where doubles are. */
    ck_assert_uint_eq(scope__cost_row_ns(1000000000000ull, 1, 0.0, 1.0), 1000000000000ull);
}
END_TEST

/* The model, when the code costs in context what start-up measured. F's
 * row R: its probe at 0 (2 ticks of probe), 3 ticks of its own code; g's
 * enter (7: 4 before its clock read at 9, 3 after); g's first interval (10,
 * the measured `first`), g's one line (2 of probe, 25 of code, 1 of tail)
 * up to its leave's clock read at 47; the leave (5: 3 before that read,
 * which with the enter's 3 after its read make call_inside, 2 after);
 * R's own code again (3) up to F's next probe at 52. R then reads its own
 * code and g's, exactly; g reads its code. */
START_TEST(calling_row_reads_its_code_and_the_call)
{
    scope__costs c = costs();
    long long r = 0;
    scope__leave_in in = called(1, 0, 47 - 9, 47 - 0);
    scope__leave_charge g;

    r -= (long long)scope__cost_enter(&c, 1);
    g = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(g.time, 25);
    r -= (long long)g.up_row;
    r += (long long)in.window;                   /* the leave adds R's window */
    r += 52 - 47;                                /* F's next probe */
    ck_assert_uint_eq(scope__cost_row_ns((scope_u64)r, 1, c.line, 1.0), 3 + 3 + 25);
    /* What R was relieved of is what F's region is relieved of. */
    ck_assert_uint_eq(g.up_nested, (scope_u64)(52 - 2 - 3 - 3 - 25));
}
END_TEST

/* A line that calls a profiled function can never read less time than the
 * entries it made: F's row R starts at tick 0; g's enter reads the clock at
 * 3 (in context its enter is cheaper than the 7 ticks measured at
 * start-up), g's one line probe at 6, its leave at 20, F's next probe at
 * 24. R's window at the leave is 20 ticks: it keeps g's time and one line
 * probe's cost, however much the measured costs exceed what ran. */
START_TEST(calling_row_keeps_the_callees_time)
{
    scope__costs c = costs();
    long long r = 0;
    scope__leave_in in = called(1, 0, 20 - 3, 20 - 0);
    scope__leave_charge g, unbounded;
    scope_u64 r_ns;

    r -= (long long)scope__cost_enter(&c, 1);
    g = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(g.time, 17 - 2 - 11);
    /* Without the window the charge would be 13 + 6: more than R ran. */
    in.windowed = 0;
    unbounded = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(unbounded.up_nested, 19);
    ck_assert_uint_eq(g.up_nested, 20 - 4 - 2);
    r -= (long long)g.up_row;
    r += 20;                                    /* the leave adds the window */
    r += 24 - 20;                               /* F's next probe */
    r_ns = scope__cost_row_ns((scope_u64)r, 1, c.line, 1.0);
    ck_assert_uint_ge(r_ns, g.time);
    ck_assert_uint_eq(r_ns, 24 - 14 - 2);
    /* A callee whose overhead was all it read: the window still keeps what
     * the line probe costs, and the charge is never more than the window. */
    in = called(1, 0, 5, 5);
    g = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(g.time, 0);
    ck_assert_uint_eq(g.up_nested, 3);
    in = called(1, 0, 5, 1);
    ck_assert_uint_eq(scope__cost_leave(&c, &in).up_nested, 0);
}
END_TEST

/* Two calls on one line: the first leave restarts the line's window, so
 * that each call is bounded by the ticks that are its own. R's probe at 0;
 * g enters at 3 and leaves at 20, enters again at 23 and leaves at 40;
 * F's next probe at 44. */
START_TEST(two_calls_on_one_line)
{
    scope__costs c = costs();
    long long r = 0;
    scope__leave_in in1 = called(1, 0, 17, 20), in2 = called(1, 0, 17, 40 - 20);
    scope__leave_charge g1, g2;

    r -= (long long)scope__cost_enter(&c, 1);
    g1 = scope__cost_leave(&c, &in1);
    r -= (long long)g1.up_row;
    r += 20;
    r -= (long long)scope__cost_enter(&c, 1);
    g2 = scope__cost_leave(&c, &in2);
    r -= (long long)g2.up_row;
    r += 20;
    r += 4;
    ck_assert_uint_ge(scope__cost_row_ns((scope_u64)r, 1, c.line, 1.0), g1.time + g2.time);
    ck_assert_uint_eq((scope_u64)r, 44 - g1.up_nested - g2.up_nested);
}
END_TEST

/* f enters at tick 0; its first probe (row 0) at 10, row 1 at 30; row 1
 * calls g at 40 (g: first probe at 50, leaves at 100); f's row 2 at 120;
 * f leaves at 150. The rows' ticks are what the line probes and
 * close_frame add (each interval to the row being timed); enter and leave
 * charges are applied as probe.c applies them. The first intervals are the
 * measured `first` (10): every function's region time is then the sum of
 * its line times, exactly. */
START_TEST(function_region_equals_its_lines)
{
    scope__costs c = costs();
    long long f_row[3] = { 20, 90, 30 }, g_row = 50;
    scope_u64 sum = 0;
    scope__leave_in in;
    scope__leave_charge g, f;
    int k;

    f_row[1] -= 100 - 30;                        /* the window comes back at g's leave */
    f_row[1] -= (long long)scope__cost_enter(&c, 1);
    in = called(1, 0, 60, 100 - 30);
    g = scope__cost_leave(&c, &in);
    g_row -= (long long)g.last_row;
    ck_assert_uint_eq(g.time, scope__cost_row_ns((scope_u64)g_row, 1, c.line, 1.0));
    f_row[1] -= (long long)g.up_row;
    f_row[1] += (long long)in.window;
    in = leave(1, 3, g.up_nested, 150);
    f = scope__cost_leave(&c, &in);
    f_row[2] -= (long long)f.last_row;
    for (k = 0; k < 3; k++)
        sum += scope__cost_row_ns((scope_u64)f_row[k], 1, c.line, 1.0);
    ck_assert_uint_eq(sum, 18 + 69 + 27);
    ck_assert_uint_eq(f.time, sum);
    /* A first interval 3 ticks longer than measured: the region holds
     * those 3 ticks, which no line owns. */
    in.dt = 153;
    ck_assert_uint_eq(scope__cost_leave(&c, &in).time, sum + 3);
}
END_TEST

/* The same with a statement region inside f around row 1 (entered at 25,
 * row 1's probe at 30 runs inside it, left at 60): the region's enter is
 * charged to row 0, its leave to row 1; f's rows still agree. */
START_TEST(statement_region_rows_agree)
{
    scope__costs c = costs();
    long long f_row[3] = { 20, 90, 30 };
    scope_u64 sum = 0;
    scope__leave_in in = leave(0, 1, 0, 35);
    scope__leave_charge r, f;
    int k;

    f_row[0] -= (long long)scope__cost_enter(&c, 0);
    r = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(r.time, 35 - 2 - 4);
    f_row[1] -= (long long)r.up_row;
    in = leave(1, 3, r.up_nested, 150);
    f = scope__cost_leave(&c, &in);
    ck_assert_uint_eq(f.time, 150 - 6 - 5 - 11);
    f_row[2] -= (long long)f.last_row;
    for (k = 0; k < 3; k++)
        sum += scope__cost_row_ns((scope_u64)f_row[k], 1, c.line, 1.0);
    ck_assert_uint_eq(sum, 15 + 86 + 27);
    ck_assert_uint_eq(f.time, sum);
}
END_TEST

/* The report's correction of a function's region by its entry row. */
START_TEST(first_interval_excess)
{
    scope__costs c = costs();
    scope__racc a;
    ck_assert(scope__cost_first_excess(&c, 25, 2) == 5.0);
    /* First intervals shorter than measured: the region keeps them (never
     * more than the lines that made the calls). */
    ck_assert(scope__cost_first_excess(&c, 19, 2) == 0.0);
    ck_assert(scope__cost_first_excess(&c, (scope_u64)-4, 1) == 0.0);
    memset(&a, 0, sizeof a);
    a.calls = a.outer_calls = 2;
    a.total = a.outer_total = 100;
    a.min = 40;
    a.max = 60;
    a.sumsq = 40 * 40 + 60 * 60;
    scope__cost_region_fix(&a, 10.0);
    ck_assert_uint_eq(a.total, 90);
    ck_assert_uint_eq(a.outer_total, 90);
    ck_assert_uint_eq(a.min, 35);
    ck_assert_uint_eq(a.max, 55);
    /* 35 and 55: the same deviation about the new mean. */
    ck_assert(a.sumsq == 35 * 35 + 55 * 55);
    ck_assert(scope__racc_m2(&a) == 200.0);
    /* Nested entries of the same region: their share of the outer total
     * is not known, which stays. */
    a.outer_calls = 1;
    a.outer_total = 70;
    scope__cost_region_fix(&a, -4.0);
    ck_assert_uint_eq(a.total, 94);
    ck_assert_uint_eq(a.outer_total, 70);
    ck_assert_uint_eq(a.min, 37);
    scope__cost_region_fix(&a, 1000.0);
    ck_assert_uint_eq(a.total, 0);
    ck_assert_uint_eq(a.min, 0);
    ck_assert_uint_eq(a.max, 0);
}
END_TEST

/* Two entries of a one-line function whose first intervals were 12 and 9
 * ticks against a measured 10 (each entry: that, then 30 ticks of its line
 * up to the leave): the region, corrected by the entry row, is exactly the
 * line's time. */
START_TEST(region_total_is_the_line_total)
{
    scope__costs c = costs();
    scope__racc a;
    scope__leave_in in;
    scope__leave_charge ch;
    long long row = 0, entry_row = 0;
    const scope_u64 firsts[2] = { 12, 9 };
    int e;
    memset(&a, 0, sizeof a);
    for (e = 0; e < 2; e++) {
        in = leave(1, 1, 0, firsts[e] + 30);
        ch = scope__cost_leave(&c, &in);
        scope__racc_add(&a, ch.time);
        row += 30 - (long long)ch.last_row;
        entry_row += (long long)firsts[e];
    }
    ck_assert_uint_eq(a.total, 29 + 26);
    scope__cost_region_fix(&a, scope__cost_first_excess(&c, (scope_u64)entry_row, 2));
    ck_assert_uint_eq(a.total, scope__cost_row_ns((scope_u64)row, 2, c.line, 1.0));
    ck_assert_uint_eq(a.total, 54);
}
END_TEST

/* Under SCOPE__SHORT_PROBES back-to-back probe costs per hit. */
START_TEST(too_short_to_time)
{
    ck_assert_int_eq(SCOPE__SHORT_PROBES, 10);
    ck_assert(scope__cost_too_short(999, 10, 10.0));    /* 99.9 ns per hit */
    ck_assert(!scope__cost_too_short(1000, 10, 10.0));  /* 100 ns: timed */
    ck_assert(scope__cost_too_short(0, 1, 10.0));
    ck_assert(!scope__cost_too_short(0, 0, 10.0));      /* never ran */
    ck_assert(!scope__cost_too_short(5, 1, 0.0));       /* no cost measured */
}
END_TEST

static Suite *cost_suite(void)
{
    Suite *s = suite_create("cost");
    TCase *tc = tcase_create("compensation");
    tcase_add_test(tc, enter_charges_the_callers_row);
    tcase_add_test(tc, probes_round_to_the_nearest_tick);
    tcase_add_test(tc, function_leave);
    tcase_add_test(tc, region_leave);
    tcase_add_test(tc, leave_clamps_at_zero);
    tcase_add_test(tc, rows_are_signed_and_clamped);
    tcase_add_test(tc, calling_row_reads_its_code_and_the_call);
    tcase_add_test(tc, calling_row_keeps_the_callees_time);
    tcase_add_test(tc, two_calls_on_one_line);
    tcase_add_test(tc, function_region_equals_its_lines);
    tcase_add_test(tc, statement_region_rows_agree);
    tcase_add_test(tc, first_interval_excess);
    tcase_add_test(tc, region_total_is_the_line_total);
    tcase_add_test(tc, too_short_to_time);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cost_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
