/*
 * check_config.c - settings: booleans, "%p" in paths, the environment,
 * and scope_setup refusing an output it cannot open.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "scope_profiler.h"

START_TEST(booleans)
{
    ck_assert_int_eq(scope__parse_bool("1"), 1);
    ck_assert_int_eq(scope__parse_bool("TRUE"), 1);
    ck_assert_int_eq(scope__parse_bool("on"), 1);
    ck_assert_int_eq(scope__parse_bool("0"), 0);
    ck_assert_int_eq(scope__parse_bool("No"), 0);
    ck_assert_int_eq(scope__parse_bool("off"), 0);
    ck_assert_int_eq(scope__parse_bool("2"), -1);
    ck_assert_int_eq(scope__parse_bool(""), -1);
    ck_assert_int_eq(scope__parse_bool(NULL), -1);
}
END_TEST

START_TEST(pid_in_paths)
{
    char *p = scope__expand_path("out-%p.json", 1234);
    ck_assert_str_eq(p, "out-1234.json");
    free(p);
    p = scope__expand_path("%p/%p%%p%", 7);
    ck_assert_str_eq(p, "7/7%p%");
    free(p);
    p = scope__expand_path("plain", 7);
    ck_assert_str_eq(p, "plain");
    free(p);
}
END_TEST

START_TEST(environment)
{
    scope_config c;
    setenv("SCOPE_PROFILER", "0", 1);
    setenv("SCOPE_PROFILER_LINES", "0", 1);
    setenv("SCOPE_PROFILER_COMPENSATE", "0", 1);
    setenv("SCOPE_PROFILER_OUTPUT", "stdout", 1);
    setenv("SCOPE_PROFILER_JSON", "x-%p.json", 1);
    scope_config_init(&c);
    ck_assert_int_eq(c.activated, 0);
    ck_assert_int_eq(c.lines, 0);
    ck_assert_int_eq(c.compensate, 0);
    ck_assert_str_eq(c.output, "stdout");
    ck_assert_str_eq(c.json, "x-%p.json");
    unsetenv("SCOPE_PROFILER");
    unsetenv("SCOPE_PROFILER_LINES");
    unsetenv("SCOPE_PROFILER_COMPENSATE");
    unsetenv("SCOPE_PROFILER_OUTPUT");
    unsetenv("SCOPE_PROFILER_JSON");
    scope_config_init(&c);
    ck_assert_int_eq(c.activated, 1);
    ck_assert_int_eq(c.lines, 1);
    ck_assert_int_eq(c.compensate, 1);
    ck_assert_ptr_null(c.output);
    ck_assert_ptr_null(c.json);
}
END_TEST

START_TEST(setup_refuses_unwritable_output)
{
    scope_config c;
    char path[] = "/nonexistent-dir-of-scope-profiler/out.txt";
    scope_config_init(&c);
    c.output = path;
    ck_assert_int_eq(scope_setup(&c), -1);
    c.output = NULL;
    c.json = path;
    ck_assert_int_eq(scope_setup(&c), -1);
    c.json = NULL;
    ck_assert_int_eq(scope_setup(&c), 0);
}
END_TEST

START_TEST(check_writable_leaves_no_file)
{
    char path[64], err[256];
    snprintf(path, sizeof path, "check-config-%ld.tmp", (long)getpid());
    ck_assert_int_eq(scope__check_writable(path, 0, err, sizeof err), 0);
    ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("settings");
    tcase_add_test(tc, booleans);
    tcase_add_test(tc, pid_in_paths);
    tcase_add_test(tc, environment);
    tcase_add_test(tc, setup_refuses_unwritable_output);
    tcase_add_test(tc, check_writable_leaves_no_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(config_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
