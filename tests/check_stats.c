/*
 * check_stats.c - region accumulators: Welford's update and Chan's merge
 * agree with the two-pass population variance, whatever the split.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static const scope_u64 samples[] = { 5, 9, 1000, 7, 7, 123456, 3, 3, 3, 88 };
#define NS (sizeof samples / sizeof samples[0])

static double two_pass_variance(void)
{
    double mean = 0, v = 0;
    unsigned i;
    for (i = 0; i < NS; i++)
        mean += (double)samples[i];
    mean /= NS;
    for (i = 0; i < NS; i++)
        v += ((double)samples[i] - mean) * ((double)samples[i] - mean);
    return v / NS;
}

START_TEST(welford_matches_two_pass)
{
    scope__racc a;
    unsigned i;
    memset(&a, 0, sizeof a);
    for (i = 0; i < NS; i++)
        scope__racc_add(&a, samples[i]);
    ck_assert_uint_eq(a.calls, NS);
    ck_assert_uint_eq(a.min, 3);
    ck_assert_uint_eq(a.max, 123456);
    ck_assert_uint_eq(a.total, 5 + 9 + 1000 + 7 + 7 + 123456 + 3 + 3 + 3 + 88);
    ck_assert_double_eq_tol(scope__racc_variance(&a), two_pass_variance(), 1e-6 * two_pass_variance());
}
END_TEST

START_TEST(merge_any_split)
{
    unsigned split, i;
    for (split = 0; split <= NS; split++) {
        scope__racc a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        for (i = 0; i < NS; i++)
            scope__racc_add(i < split ? &a : &b, samples[i]);
        scope__racc_merge(&a, &b);
        ck_assert_uint_eq(a.calls, NS);
        ck_assert_uint_eq(a.min, 3);
        ck_assert_uint_eq(a.max, 123456);
        ck_assert_double_eq_tol(scope__racc_variance(&a), two_pass_variance(),
                                1e-6 * two_pass_variance());
    }
}
END_TEST

START_TEST(single_sample_has_zero_spread)
{
    scope__racc a;
    memset(&a, 0, sizeof a);
    ck_assert_double_eq(scope__racc_variance(&a), 0.0);
    scope__racc_add(&a, 42);
    ck_assert_double_eq(scope__racc_variance(&a), 0.0);
    ck_assert_uint_eq(a.min, 42);
}
END_TEST

/* Three entries of 200 ticks at 0.402 ns per tick: each is 80.4 ns (80 in
 * whole ns), the total 241.2 (241): the mean, 80.33, would lie above the
 * max; it is kept at 80 ns. */
START_TEST(seconds_keep_the_mean_between_min_and_max)
{
    scope__racc a;
    scope__racc_seconds s;
    memset(&a, 0, sizeof a);
    s = scope__racc_to_seconds(&a, 1.0);
    ck_assert(s.total == 0.0 && s.mean == 0.0 && s.min == 0.0 && s.max == 0.0 && s.std == 0.0);
    scope__racc_add(&a, 200);
    scope__racc_add(&a, 200);
    scope__racc_add(&a, 200);
    s = scope__racc_to_seconds(&a, 0.402);
    ck_assert_double_eq(s.total, 241e-9);
    ck_assert_double_eq(s.min, 80e-9);
    ck_assert_double_eq(s.max, 80e-9);
    ck_assert_double_eq(s.mean, 80e-9);
    ck_assert_double_eq(s.std, 0.0);
    /* 1.6 ns each: 2 each in whole ns, 5 in all; the mean 1.67 is raised
     * to the min. */
    memset(&a, 0, sizeof a);
    scope__racc_add(&a, 16);
    scope__racc_add(&a, 16);
    scope__racc_add(&a, 16);
    s = scope__racc_to_seconds(&a, 0.1);
    ck_assert_double_eq(s.total, 5e-9);
    ck_assert_double_eq(s.min, 2e-9);
    ck_assert_double_eq(s.mean, 2e-9);
    /* Otherwise the mean is total / calls. */
    memset(&a, 0, sizeof a);
    scope__racc_add(&a, 10);
    scope__racc_add(&a, 20);
    s = scope__racc_to_seconds(&a, 1.0);
    ck_assert_double_eq(s.total, 30e-9);
    ck_assert_double_eq(s.mean, 30e-9 / 2);
    ck_assert_double_eq(s.min, 10e-9);
    ck_assert_double_eq(s.max, 20e-9);
    ck_assert_double_eq(s.std, 5e-9);
}
END_TEST

static Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("accumulate");
    tcase_add_test(tc, welford_matches_two_pass);
    tcase_add_test(tc, merge_any_split);
    tcase_add_test(tc, single_sample_has_zero_spread);
    tcase_add_test(tc, seconds_keep_the_mean_between_min_and_max);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stats_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
