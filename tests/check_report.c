/*
 * check_report.c - the report printers against exact expected text.
 *
 * The line-table expectations were produced by line_profiler's own
 * show_func for the same figures (tables that need no widening look the
 * same in 4.0 and 4.1+), and by its 4.1+ widening rules for the widened
 * table. The printers are pure, so fixed figures give fixed text.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "report.h"

static char *repr(double x)
{
    static char out[64];
    scope__buf b = { 0 };
    scope__buf_repr(&b, x);
    strncpy(out, b.data, sizeof out - 1);
    scope__buf_free(&b);
    return out;
}

START_TEST(repr_like_python)
{
    ck_assert_str_eq(repr(0.0), "0.0");
    ck_assert_str_eq(repr(-0.0), "-0.0");
    ck_assert_str_eq(repr(1e-05), "1e-05");
    ck_assert_str_eq(repr(0.033359), "0.033359");
    ck_assert_str_eq(repr(123456.0), "123456.0");
    ck_assert_str_eq(repr(1e16), "1e+16");
    ck_assert_str_eq(repr(1.5e16), "1.5e+16");
    ck_assert_str_eq(repr(9999999999999998.0), "9999999999999998.0");
    ck_assert_str_eq(repr(3.8e-06), "3.8e-06");
    ck_assert_str_eq(repr(1e-4), "0.0001");
    ck_assert_str_eq(repr(0.1), "0.1");
    ck_assert_str_eq(repr(0.1 + 0.2), "0.30000000000000004");
    ck_assert_str_eq(repr(0.001503709), "0.001503709");
    ck_assert_str_eq(repr(3.832e-07), "3.832e-07");
    ck_assert_str_eq(repr(2.5), "2.5");
    ck_assert_str_eq(repr(1e22), "1e+22");
    ck_assert_str_eq(repr(1.7976931348623157e308), "1.7976931348623157e+308");
    ck_assert_str_eq(repr(5e-324), "5e-324");
}
END_TEST

static char *region_text(const scope__rep_region *r)
{
    scope__buf b = { 0 };
    scope__format_region(&b, r);
    return b.data;
}

/* One value: scope__fmt_f1 and scope__fmt_u64 against printf. */
static void same_as_printf(double x, int width)
{
    char want[64], got[64];
    snprintf(want, sizeof want, "%*.1f", width, x);
    scope__fmt_f1(got, sizeof got, width, x);
    ck_assert_msg(strcmp(want, got) == 0, "%%*.1f of %.17g (width %d): printf \"%s\", ours \"%s\"",
                  x, width, want, got);
}

START_TEST(fixed_formats_like_printf)
{
    /* A fixed sequence (xorshift), so that a failure repeats. */
    unsigned long long s = 88172645463325252ull, v;
    char want[32], got[32];
    int i, k;
    /* Ties and near-ties of tenths, which only printf may round. */
    static const double edges[] = { 0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 1.05, 2.5,
                                    0.25000000000000006, 0.34999999999999998, 1e-300, 4.9e-324,
                                    99999.95, 1e15 + 0.05, 450359962737049.55, 4503599627370495.5,
                                    1e20, -0.0, -1.25, -3.0 };
    for (i = 0; i < (int)(sizeof edges / sizeof edges[0]); i++)
        for (k = 0; k <= 8; k += 4)
            same_as_printf(edges[i], k);
    for (i = 0; i < 300000; i++) {
        double x;
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        v = s * 2685821657736338717ull;
        switch (i % 4) {
        case 0: /* a line's time: ns as a double, any size */
            x = (double)(v >> (v % 40));
            break;
        case 1: /* a per-hit time: a quotient */
            x = (double)(v >> 20) / (double)((v & 0xffff) + 1);
            break;
        case 2: /* a percentage: 100 * a / b */
            x = (double)(100 * ((v >> 40) % 1000)) / (double)((v & 0xfff) + 1);
            break;
        default: /* tenths and twentieths, ties among them */
            x = (double)(v % 2000000) / 20.0;
            break;
        }
        same_as_printf(x, i % 2 ? 5 : 0);
        snprintf(want, sizeof want, "%llu", v >> (i % 64));
        ck_assert_uint_eq(scope__fmt_u64(got, v >> (i % 64)), strlen(want));
        ck_assert_str_eq(got, want);
    }
}
END_TEST

START_TEST(region_block)
{
    scope__rep_region r = { "compute", 1, 0.033359, 0.033359, 0.033359, 0.033359, 0.0, 0, 0, 0, 0.0, 0, 0 };
    char *t = region_text(&r);
    ck_assert_str_eq(t, "Region: compute\n"
                        "  Total Calls : 1\n"
                        "  Total Time  : 0.033359 s\n"
                        "  Avg Time    : 0.033359 s\n"
                        "  Min Time    : 0.033359 s\n"
                        "  Max Time    : 0.033359 s\n"
                        "  Std Dev     : 0.0 s\n"
                        "----------------------------------------\n");
    free(t);
}
END_TEST

START_TEST(region_block_exponents)
{
    scope__rep_region r = { "iteration", 10, 3.832e-06, 3.832e-07, 1e-05, 1e+16, 123456.0, 0, 0, 0, 0.0, 0, 0 };
    char *t = region_text(&r);
    ck_assert_str_eq(t, "Region: iteration\n"
                        "  Total Calls : 10\n"
                        "  Total Time  : 3.832e-06 s\n"
                        "  Avg Time    : 3.832e-07 s\n"
                        "  Min Time    : 1e-05 s\n"
                        "  Max Time    : 1e+16 s\n"
                        "  Std Dev     : 123456.0 s\n"
                        "----------------------------------------\n");
    free(t);
}
END_TEST

static scope__rep_line seed_lines[] = {
    { 0, 0, "# @profile(\"compute\")", 0, 0 },
    { 0, 0, "def compute(n):", 0, 0 },
    { 1, 1000, "    s = 0.0", 0, 0 },
    { 50001, 8581000, "    for i in range(n):", 0, 0 },
    { 50000, 9370000, "        s += i", 0, 0 },
    { 1, 2000, "    return s", 0, 0 },
};

static char *func_text(const scope__rep_func *f)
{
    scope__buf b = { 0 };
    scope__format_func(&b, f);
    return b.data;
}

START_TEST(line_table)
{
    scope__rep_func f = { "demo.py", "compute", "compute", 1, 6, seed_lines, 0, 0, 0.0, NULL, 0 };
    char *t = func_text(&f);
    ck_assert_str_eq(t,
        "Total time: 0.017954 s\nFile: demo.py\nFunction: compute at line 1\n\n"
        "Line #      Hits         Time  Per Hit   % Time  Line Contents\n"
        "==============================================================\n"
        "     1                                           # @profile(\"compute\")\n"
        "     2                                           def compute(n):\n"
        "     3         1       1000.0   1000.0      0.0      s = 0.0\n"
        "     4     50001    8581000.0    171.6     47.8      for i in range(n):\n"
        "     5     50000    9370000.0    187.4     52.2          s += i\n"
        "     6         1       2000.0   2000.0      0.0      return s\n\n");
    free(t);
}
END_TEST

START_TEST(line_table_zero_total_and_never_run)
{
    scope__rep_line lines[] = {
        { 0, 0, "# @profile(\"compute\")", 0, 0 },
        { 0, 0, "def compute(n):", 0, 0 },
        { 1, 0, "    s = 0.0", 0, 0 },
        { 3, 0, "    for i in range(n):", 0, 0 },
        { 0, 0, "        s += i", 0, 0 },
        { 0, 0, "    return s", 0, 0 },
    };
    scope__rep_func f = { "demo.py", "compute", "compute", 1, 6, lines, 0, 0, 0.0, NULL, 0 };
    char *t = func_text(&f);
    ck_assert_str_eq(t,
        "Total time: 0 s\nFile: demo.py\nFunction: compute at line 1\n\n"
        "Line #      Hits         Time  Per Hit   % Time  Line Contents\n"
        "==============================================================\n"
        "     1                                           # @profile(\"compute\")\n"
        "     2                                           def compute(n):\n"
        "     3         1          0.0      0.0               s = 0.0\n"
        "     4         3          0.0      0.0               for i in range(n):\n"
        "     5                                                   s += i\n"
        "     6                                               return s\n\n");
    free(t);
}
END_TEST

START_TEST(line_table_widened)
{
    scope__rep_line lines[] = {
        { 0, 0, "# @profile(\"compute\")", 0, 0 },
        { 0, 0, "def compute(n):", 0, 0 },
        { 1234567890ull, 1234567890123ull, "    s = 0.0", 0, 0 },
        { 2, 999999999999ull, "    for i in range(n):", 0, 0 },
    };
    scope__rep_func f = { "demo.py", "compute", "compute", 1, 4, lines, 0, 0, 0.0, NULL, 0 };
    char *t = func_text(&f);
    ck_assert_str_eq(t,
        "Total time: 2234.57 s\nFile: demo.py\nFunction: compute at line 1\n\n"
        "Line #        Hits         Time  Per Hit   % Time  Line Contents\n"
        "================================================================\n"
        "     1                                             # @profile(\"compute\")\n"
        "     2                                             def compute(n):\n"
        "     3 1.23457e+09     1.23e+12   1000.0     55.2      s = 0.0\n"
        "     4           2        1e+12    5e+11     44.8      for i in range(n):\n\n");
    free(t);
}
END_TEST

START_TEST(text_report_order_and_notes)
{
    scope__rep_region regions[] = {
        { "compute", 1, 0.5, 0.5, 0.5, 0.5, 0.0, 0, 0, 0, 0.0, 0, 0 },
    };
    scope__rep_line lines[] = { { 1, 10, "x();", 0, 0 } };
    scope__rep_func funcs[] = { { "a.c", "f", "compute", 7, 1, lines, 0, 0, 0.0, NULL, 0 } };
    const char *notes[] = { "something odd" };
    scope__report r;
    scope__buf b = { 0 };
    memset(&r, 0, sizeof r);
    r.pid = 42;
    r.show_pid = 1;
    r.notes = notes;
    r.nnotes = 1;
    r.regions = regions;
    r.nregions = 1;
    r.funcs = funcs;
    r.nfuncs = 1;
    r.lines = 1;
    r.abandoned = 2;
    scope__format_text(&b, &r);
    ck_assert_str_eq(b.data,
        "Process: 42\n"
        "scope-profiler: something odd\n"
        "scope-profiler: 2 frames abandoned by longjmp or thread exit (their last entry is not counted)\n"
        "Region: compute\n  Total Calls : 1\n  Total Time  : 0.5 s\n  Avg Time    : 0.5 s\n"
        "  Min Time    : 0.5 s\n  Max Time    : 0.5 s\n  Std Dev     : 0.0 s\n"
        "----------------------------------------\n"
        "Timer unit: 1e-09 s\n\n"
        "Total time: 1e-08 s\nFile: a.c\nFunction: f at line 7\n\n"
        "Line #      Hits         Time  Per Hit   % Time  Line Contents\n"
        "==============================================================\n"
        "     7         1         10.0     10.0    100.0  x();\n\n");
    scope__buf_free(&b);
    /* Lines off: region blocks only. */
    r.lines = 0;
    r.show_pid = 0;
    r.nnotes = 0;
    r.abandoned = 0;
    scope__format_text(&b, &r);
    ck_assert_ptr_null(strstr(b.data, "Timer unit"));
    ck_assert_ptr_nonnull(strstr(b.data, "Region: compute\n"));
    scope__buf_free(&b);
}
END_TEST

START_TEST(json_report)
{
    scope__rep_region regions[] = { { "comp\"ute", 2, 1e-05, 5e-06, 4e-06, 6e-06, 1e-06, 10000, 4000, 6000, 2e6, 0, 0 } };
    scope__rep_line lines[] = { { 0, 0, "// @profile", 0, 0 }, { 3, 12, "\tx();\x01\xff", 0, 1 } };
    scope__rep_call calls[] = { { 8, "b.c", "g", 20, 3, 9000 } };
    scope__rep_func funcs[] = { { "a.c", "f", "comp\"ute", 7, 2, lines, 0, 0, 0.0, calls, 1 } };
    static const char *const argv[] = { "./prog", "a \"b\"" };
    scope__report r;
    scope__buf b = { 0 };
    memset(&r, 0, sizeof r);
    r.pid = 7;
    r.program = "prog";
    r.argv = argv;
    r.argc = 2;
    r.end = "SIGTERM";
    r.regions = regions;
    r.nregions = 1;
    r.funcs = funcs;
    r.nfuncs = 1;
    r.lines = 1;
    r.clock = "tsc";
    r.costs.line_ns = 7.5;
    r.costs.isolated_ns = 10.625;
    r.costs.call_enter_ns = 16.0;
    r.costs.call_leave_ns = 14.0;
    r.costs.region_enter_ns = 11.25;
    r.costs.region_leave_ns = 10.0;
    r.costs.inside_ns = 6.0;
    r.costs.call_inside_ns = 8.0;
    r.costs.first_ns = 12.5;
    r.costs.tail_ns = 1.0;
    r.costs.outside_ns = 9.5;
    r.compensated = 1;
    scope__format_json(&b, &r);
    ck_assert_str_eq(b.data,
        "{\n  \"version\": 2,\n  \"complete\": true,\n  \"program\": \"prog\",\n"
        "  \"pid\": 7,\n  \"argv\": [\"./prog\", \"a \\\"b\\\"\"],\n  \"end\": \"SIGTERM\",\n"
        "  \"timer_unit\": 1e-09,\n  \"clock\": \"tsc\",\n"
        "  \"probe_cost_ns\": 7.5,\n  \"compensated\": true,\n"
        "  \"costs_ns\": {\"line\": 7.5, \"line_isolated\": 10.625, \"call_enter\": 16.0, "
        "\"call_leave\": 14.0, \"region_enter\": 11.25, \"region_leave\": 10.0, "
        "\"inside\": 6.0, \"call_inside\": 8.0, \"first\": 12.5, \"tail\": 1.0, \"call_outside\": 9.5},\n"
        "  \"abandoned_frames\": 0,\n"
        "  \"mode\": \"deterministic\",\n  \"sampling\": null,\n"
        "  \"regions\": [\n    {\"name\": \"comp\\\"ute\", \"calls\": 2, \"total\": 1e-05, "
        "\"mean\": 5e-06, \"min\": 4e-06, \"max\": 6e-06, \"std\": 1e-06,\n"
        "     \"total_ns\": 10000, \"min_ns\": 4000, \"max_ns\": 6000, \"m2_ns2\": 2000000.0, "
        "\"outer_calls\": 0, \"outer_total_ns\": 0}\n  ],\n"
        "  \"functions\": [\n    {\"file\": \"a.c\", \"function\": \"f\", \"region\": \"comp\\\"ute\",\n"
        "     \"first_line\": 7, \"last_line\": 8, \"total_time\": 1.2e-08, \"mode\": \"deterministic\",\n"
        "     \"lines\": [\n"
        "       {\"line\": 7, \"hits\": 0, \"time_ns\": 0.0, \"text\": \"// @profile\"},\n"
        "       {\"line\": 8, \"hits\": 3, \"time_ns\": 12.0, \"short\": true, \"text\": \"\\u0009x();\\u0001\\ufffd\"}\n"
        "     ],\n     \"calls\": [\n"
        "       {\"line\": 8, \"file\": \"b.c\", \"function\": \"g\", \"first_line\": 20, "
        "\"count\": 3, \"time_ns\": 9000.0}\n"
        "     ]}\n  ]\n}\n");
    scope__buf_free(&b);
}
END_TEST

/* Clock-per-line lines too short to time: one note where the sampling
 * notes go (before "Timer unit:"), counting the lines that ran; the table
 * itself is line_profiler's, unchanged. A sampled function's lines are
 * never counted. */
START_TEST(short_lines_note)
{
    scope__rep_line lines[] = { { 5, 100, "x();", 0, 1 }, { 0, 0, "y();", 0, 1 },
                                { 2, 9000, "z();", 0, 0 } };
    scope__rep_func funcs[] = { { "a.c", "f", "f", 7, 3, lines, 0, 0, 0.0, NULL, 0 } };
    scope__report r;
    scope__buf b = { 0 };
    const char *table;
    memset(&r, 0, sizeof r);
    r.funcs = funcs;
    r.nfuncs = 1;
    r.lines = 1;
    scope__format_text(&b, &r);
    table = strstr(b.data, "Timer unit: 1e-09 s\n");
    ck_assert_ptr_nonnull(table);
    ck_assert_str_eq(strstr(b.data, "scope-profiler: "),
                     "scope-profiler: 1 line takes less than 10 probe costs per hit (\"short\" in the "
                     "data file): too short to time with a clock read per line; build with "
                     "-DSCOPE_PROFILER_SAMPLED=1 to sample them\n" "Timer unit: 1e-09 s\n\n"
                     "Total time: 9.1e-06 s\nFile: a.c\nFunction: f at line 7\n\n"
                     "Line #      Hits         Time  Per Hit   % Time  Line Contents\n"
                     "==============================================================\n"
                     "     7         5        100.0     20.0      1.1  x();\n"
                     "     8                                           y();\n"
                     "     9         2       9000.0   4500.0     98.9  z();\n\n");
    scope__buf_free(&b);
    lines[2].too_short = 1;
    scope__format_text(&b, &r);
    ck_assert_ptr_nonnull(strstr(b.data, "scope-profiler: 2 lines take less than 10 probe costs"));
    scope__buf_free(&b);
    /* Sampled, or nothing flagged: no note, the report of before. */
    funcs[0].sampled = 1;
    scope__format_text(&b, &r);
    ck_assert_ptr_null(strstr(b.data, "probe costs"));
    scope__buf_free(&b);
    funcs[0].sampled = 0;
    lines[0].too_short = lines[2].too_short = 0;
    scope__format_text(&b, &r);
    ck_assert_str_eq(b.data, strstr(b.data, "Timer unit"));
    scope__buf_free(&b);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("format");
    tcase_add_test(tc, repr_like_python);
    tcase_add_test(tc, fixed_formats_like_printf);
    tcase_add_test(tc, region_block);
    tcase_add_test(tc, region_block_exponents);
    tcase_add_test(tc, line_table);
    tcase_add_test(tc, line_table_zero_total_and_never_run);
    tcase_add_test(tc, line_table_widened);
    tcase_add_test(tc, text_report_order_and_notes);
    tcase_add_test(tc, json_report);
    tcase_add_test(tc, short_lines_note);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
