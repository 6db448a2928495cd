/*
 * check_bench.c - the benchmarks' batch statistics (bench/bench_stats.c).
 *
 * The ratios bench/run-bench prints are built from these minima, medians
 * and per-operation costs, so they are checked here on fixed inputs; the
 * script's own arithmetic is checked by `run-bench --self-test`. Nothing
 * here depends on timing.
 */
#include <check.h>
#include <stdlib.h>

#include "bench_stats.h"

START_TEST(min_of_unsorted)
{
    const double v[] = { 5.0, 2.5, 9.0, 2.75 };
    ck_assert_double_eq(bench_min(v, 4), 2.5);
    ck_assert_double_eq(bench_min(v, 1), 5.0);
    ck_assert_double_eq(bench_min(v, 0), 0.0);
}
END_TEST

START_TEST(median_odd_even_and_input_kept)
{
    double v[] = { 9.0, 1.0, 5.0, 3.0, 7.0 };
    ck_assert_double_eq(bench_median(v, 5), 5.0);
    /* Even count: mean of the two middle values, here (3 + 5) / 2 and
     * (1 + 9) / 2 for the first two. */
    ck_assert_double_eq(bench_median(v, 4), 4.0);
    ck_assert_double_eq(bench_median(v, 2), 5.0);
    ck_assert_double_eq(bench_median(v, 0), 0.0);
    /* The batches stay in measurement order: the caller may print them. */
    ck_assert_double_eq(v[0], 9.0);
    ck_assert_double_eq(v[1], 1.0);
    ck_assert_double_eq(v[4], 7.0);
}
END_TEST

START_TEST(median_with_duplicates_and_negatives)
{
    const double v[] = { -1.0, 4.0, 4.0, -3.0, 4.0, 0.0 };
    ck_assert_double_eq(bench_median(v, 6), 2.0);
}
END_TEST

START_TEST(mean)
{
    const double v[] = { 1.0, 2.0, 6.0 };
    ck_assert_double_eq(bench_mean(v, 3), 3.0);
    ck_assert_double_eq(bench_mean(v, 0), 0.0);
}
END_TEST

START_TEST(per_op)
{
    ck_assert_double_eq(bench_per_op(1000.0, 8.0), 125.0);
    ck_assert_double_eq(bench_per_op(1000.0, 0.0), 0.0);
}
END_TEST

START_TEST(clock_batch_reads_the_clock)
{
    unsigned long long sink = 0;
    double t = bench_clock_batch(1000, &sink);
    /* The reads' values reach the sink (the clock never reads 0 eight
     * thousand times in a row), and elapsed time is never negative. */
    ck_assert_uint_ne(sink, 0);
    ck_assert(t >= 0.0);
}
END_TEST

static Suite *bench_suite(void)
{
    Suite *s = suite_create("bench");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, min_of_unsorted);
    tcase_add_test(tc, median_odd_even_and_input_kept);
    tcase_add_test(tc, median_with_duplicates_and_negatives);
    tcase_add_test(tc, mean);
    tcase_add_test(tc, per_op);
    tcase_add_test(tc, clock_batch_reads_the_clock);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bench_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
