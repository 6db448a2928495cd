/*
 * check_signals.c - the report written from a signal handler allocates
 * nothing from the C library: a signal may land inside malloc, with the
 * allocator's lock held, or abort() may be called on a corrupt heap.
 *
 * This program defines malloc, calloc, realloc and free itself (forwarding
 * to glibc's), so that every allocation in the process, the runtime's and
 * the C library's own, passes through them and can be counted. The report
 * function the handler calls (scope__signal_report) is called directly,
 * from inside a profiled call, and must make no call at all. Whether a
 * real signal then ends the process by its default action is checked by
 * tests/runtime/run_output.py.
 *
 * Not built under the sanitizers, which replace the allocator themselves.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "scope_profiler.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static int counting;
static unsigned long allocator_calls;

void *malloc(size_t size)
{
    allocator_calls += (unsigned long)counting;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    allocator_calls += (unsigned long)counting;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    allocator_calls += (unsigned long)counting;
    return __libc_realloc(p, size);
}

void free(void *p)
{
    allocator_calls += (unsigned long)counting;
    __libc_free(p);
}

#define DIR_NAME "check-signals-report"

/* Hand-instrumented: rows 0..7 are the lines from the annotation on. */
static const char *const text[] = {
    "/* @profile(\"sig\") */", "static void sig(int n, int report)", "{", "    SCOPE_FRAME(d)",
    "    for (i = 0; i < n; i++)", "        sink += i;", "    if (report) signal_report();", "}" };
static scope_func_desc desc = {
    SCOPE_PROFILER_ABI, "sig.c", "sig", 1, 8, text, { "sig", 0 }, 0 };
static volatile int sink;

static void signal_report(void)
{
    counting = 1;
    scope__signal_report(SIGTERM);
    counting = 0;
}

static void sig(int n, int report)
{
    SCOPE_FRAME(desc)
    int i;
    for (i = 0; SCOPE_LINE(4), i < n; i++) {
        SCOPE_LINE(5); sink += i;
    }
    SCOPE_LINE(6); if (report) signal_report();
}

/* The contents of the one file in DIR_NAME ending with `ext` (malloc'd). */
static char *report_file(const char *ext)
{
    DIR *d = opendir(DIR_NAME);
    struct dirent *e;
    char path[4096], *data = NULL;
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), k = strlen(ext);
        FILE *f;
        long len;
        if (n <= k || strcmp(e->d_name + n - k, ext) != 0)
            continue;
        ck_assert_ptr_null(data);
        snprintf(path, sizeof path, "%s/%s", DIR_NAME, e->d_name);
        f = fopen(path, "rb");
        ck_assert_ptr_nonnull(f);
        fseek(f, 0, SEEK_END);
        len = ftell(f);
        rewind(f);
        data = calloc(1, (size_t)len + 1);
        ck_assert_uint_eq(fread(data, 1, (size_t)len, f), (size_t)len);
        fclose(f);
    }
    closedir(d);
    ck_assert_ptr_nonnull(data);
    return data;
}

START_TEST(signal_report_uses_no_allocator)
{
    char *json, *txt;
    sig(10, 0);
    sig(10, 0);
    /* From inside a third call: its open frame is closed by the report. */
    sig(5, 1);
    ck_assert_uint_eq(allocator_calls, 0);
    json = report_file(".json");
    ck_assert_ptr_nonnull(strstr(json, "\"complete\": true,"));
    ck_assert_ptr_nonnull(strstr(json, "\"end\": \"SIGTERM\","));
    ck_assert_ptr_nonnull(strstr(json, "{\"name\": \"sig\", \"calls\": 3,"));
    ck_assert_ptr_nonnull(strstr(json, "{\"line\": 5, \"hits\": 28,"));
    ck_assert_ptr_nonnull(strstr(json, "{\"line\": 7, \"hits\": 3,"));
    txt = report_file(".txt");
    ck_assert_ptr_nonnull(strstr(txt, "Region: sig\n  Total Calls : 3\n"));
    ck_assert_ptr_nonnull(strstr(txt, "    if (report) signal_report();"));
    free(json);
    free(txt);
    /* The report is final: the process is about to die by its signal. */
    allocator_calls = 0;
    counting = 1;
    scope__signal_report(SIGTERM);
    counting = 0;
    ck_assert_uint_eq(allocator_calls, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("signals");
    TCase *tc = tcase_create("report");
    SRunner *sr;
    int failed;
    if (system("rm -rf " DIR_NAME) != 0)
        return EXIT_FAILURE;
    setenv("SCOPE_PROFILER_DIR", DIR_NAME, 1);
    unsetenv("SCOPE_PROFILER_OUTPUT");
    unsetenv("SCOPE_PROFILER_JSON");
    tcase_add_test(tc, signal_report_uses_no_allocator);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
