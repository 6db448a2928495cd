/*
 * check_cost.c - the arithmetic of overhead compensation (cost.h), with
 * exact figures: what an enter takes from the caller's row, what a closing
 * entry subtracts from itself and hands down the stack, how a row's ticks
 * become nanoseconds, and that a function's compensated region time and its
 * compensated rows agree exactly.
 *
 * Measured times cannot be checked this way (a loaded machine changes
 * them); the bookkeeping that turns them into the report can, and is.
 */
#include <check.h>
#include <stdlib.h>

#include "cost.h"

/* Costs in ticks, chosen so that every sum below is distinct. */
static scope__costs costs(void)
{
    scope__costs c;
    c.line = 2.0;
    c.isolated = 3.0;
    c.inside = 4;
    c.call_enter = 7;
    c.call_leave = 5;
    c.region_enter = 3;
    c.region_leave = 2;
    return c;
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
    /* 4 probes (8 ticks), 100 ticks of nested entries, 1000 ticks long. */
    scope__leave_charge ch = scope__cost_leave(&c, 1, 4, 100, 1000);
    ck_assert_uint_eq(ch.time, 1000 - 8 - 100 - 4);
    ck_assert_uint_eq(ch.up_nested, 8 + 100 + 7 + 5);
    ck_assert_uint_eq(ch.up_row, 8 + 100 + 5);
}
END_TEST

START_TEST(region_leave)
{
    scope__costs c = costs();
    /* A statement region's probes are its function frame's: subtracted from
     * the region's own time, but not handed down again. */
    scope__leave_charge ch = scope__cost_leave(&c, 0, 4, 100, 1000);
    ck_assert_uint_eq(ch.time, 1000 - 8 - 100 - 4);
    ck_assert_uint_eq(ch.up_nested, 100 + 3 + 2);
    ck_assert_uint_eq(ch.up_row, 2);
}
END_TEST

START_TEST(leave_clamps_at_zero)
{
    scope__costs c = costs();
    scope__leave_charge ch = scope__cost_leave(&c, 1, 4, 100, 50);
    ck_assert_uint_eq(ch.time, 0);
    /* What it cost the code around it does not depend on its length. */
    ck_assert_uint_eq(ch.up_nested, 120);
    ch = scope__cost_leave(&c, 1, 4, 100, 112);  /* exactly the subtraction */
    ck_assert_uint_eq(ch.time, 0);
    ch = scope__cost_leave(&c, 1, 4, 100, 113);
    ck_assert_uint_eq(ch.time, 1);
    ch = scope__cost_leave(&c, 0, 0, 0, 0);      /* empty entry */
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

/* f enters at tick 0; its first probe (row 0) at 10, row 1 at 30; row 1
 * calls g at 40 (g: first probe at 45, leaves at 100); f's row 2 at 120;
 * f leaves at 150. The rows' ticks are what the line probes and
 * close_frame add (each interval to the row being timed); enter and leave
 * charges are applied as probe.c applies them. */
START_TEST(function_rows_agree_with_region)
{
    scope__costs c = costs();
    long long f_scratch = 10, f_row[3] = { 20, 90, 30 };
    scope_u64 f_nested = 0, f_probes = 3, g_dt = 60, f_dt = 150, sum = 0;
    scope__leave_charge g, f;
    int k;

    f_row[1] -= (long long)scope__cost_enter(&c, 1);  /* g's enter */
    g = scope__cost_leave(&c, 1, 1, 0, g_dt);         /* g: one probe */
    ck_assert_uint_eq(g.time, 60 - 2 - 4);
    f_nested += g.up_nested;
    f_row[1] -= (long long)g.up_row;
    ck_assert_int_eq(f_row[1], 90 - 7 - 7);
    f = scope__cost_leave(&c, 1, f_probes, f_nested, f_dt);
    ck_assert_uint_eq(f.time, 150 - 6 - 14 - 4);
    for (k = 0; k < 3; k++)
        sum += scope__cost_row_ns((scope_u64)f_row[k], 1, c.line, 1.0);
    ck_assert_uint_eq(sum, 18 + 74 + 28);
    /* The region's time is its compensated rows plus the time before the
     * first line probe, less the entry's own code: exactly. */
    ck_assert_uint_eq(f.time, sum + (scope_u64)f_scratch - c.inside);
}
END_TEST

/* The same with a statement region inside f around row 1 (entered at 25,
 * row 1's probe at 30 runs inside it, left at 60): the region's enter is
 * charged to row 0, its leave to row 1; f's rows still agree. */
START_TEST(statement_region_rows_agree)
{
    scope__costs c = costs();
    long long f_scratch = 10, f_row[3] = { 20, 90, 30 };
    scope_u64 f_nested = 0, sum = 0;
    scope__leave_charge r, f;
    int k;

    f_row[0] -= (long long)scope__cost_enter(&c, 0);
    r = scope__cost_leave(&c, 0, 1, 0, 35);
    ck_assert_uint_eq(r.time, 35 - 2 - 4);
    f_nested += r.up_nested;
    f_row[1] -= (long long)r.up_row;
    f = scope__cost_leave(&c, 1, 3, f_nested, 150);
    ck_assert_uint_eq(f.time, 150 - 6 - 5 - 4);
    for (k = 0; k < 3; k++)
        sum += scope__cost_row_ns((scope_u64)f_row[k], 1, c.line, 1.0);
    ck_assert_uint_eq(sum, 15 + 86 + 28);
    ck_assert_uint_eq(f.time, sum + (scope_u64)f_scratch - c.inside);
}
END_TEST

/* A line that calls a profiled function can never read less time than the
 * entries it made: F's row R starts at tick 0; g's enter reads the clock at
 * 3 (in context its enter is cheaper than the 7 ticks measured at
 * start-up), g's one line probe at 6, its leave at 20, F's next probe at
 * 24. Whatever the costs, R holds g's whole entry, so it must keep at least
 * g's compensated time. */
START_TEST(calling_row_keeps_the_callees_time)
{
    scope__costs c = costs();
    long long r = 0;
    scope__leave_charge g;
    scope_u64 r_ns;

    r -= (long long)scope__cost_enter(&c, 1);
    g = scope__cost_leave(&c, 1, 1, 0, 20 - 3);
    r -= (long long)g.up_row;
    r += 24;                                    /* F's next probe */
    r_ns = scope__cost_row_ns((scope_u64)r, 1, c.line, 1.0);
    ck_assert_uint_ge(r_ns, g.time);
}
END_TEST

/* The region time of a function and the sum of its line times are the same
 * figure seen twice: the entry of function_rows_agree_with_region, whose
 * first interval (10 ticks, before its first line probe) is not any line's
 * and is overhead, must give equal totals. */
START_TEST(function_region_equals_its_lines)
{
    scope__costs c = costs();
    long long f_row[3] = { 20, 90, 30 };
    scope_u64 sum = 0;
    scope__leave_charge g, f;
    int k;

    f_row[1] -= (long long)scope__cost_enter(&c, 1);
    g = scope__cost_leave(&c, 1, 1, 0, 60);
    f_row[1] -= (long long)g.up_row;
    f = scope__cost_leave(&c, 1, 3, g.up_nested, 150);
    for (k = 0; k < 3; k++)
        sum += scope__cost_row_ns((scope_u64)f_row[k], 1, c.line, 1.0);
    ck_assert_uint_eq(f.time, sum);
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
    tcase_add_test(tc, function_rows_agree_with_region);
    tcase_add_test(tc, statement_region_rows_agree);
    tcase_add_test(tc, calling_row_keeps_the_callees_time);
    tcase_add_test(tc, function_region_equals_its_lines);
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
