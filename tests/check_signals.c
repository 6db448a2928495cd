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
 * It also defines rename(), through which the report puts its files in
 * place, so that a second signal can be sent at a known point inside the
 * report: a test runner that kills a helper (SIGTERM) while the helper is
 * writing its report after abort() must neither cut the report short nor
 * change how the helper dies.
 *
 * Not built under the sanitizers, which replace the allocator themselves.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api.h"
#include "scope_profiler.h"

#include "runtime/counting_alloc.h"

#define DIR_NAME "check-signals-report"

/* Hand-instrumented: rows 0..7 are the lines from the annotation on. */
static const char text[] =
    "/* @profile(\"sig\") */\n" "static void sig(int n, int report)\n" "{\n" "    SCOPE_FRAME(d)\n"
    "    for (i = 0; i < n; i++)\n" "        sink += i;\n" "    if (report) signal_report();\n" "}\n";
static scope_func_desc desc = {
    SCOPE_PROFILER_ABI, "sig.c", "sig", 1, 8, text, { "sig", 0 }, 0, 0 };
static volatile int sink;

static void signal_report(void)
{
    counting_alloc_on = 1;
    scope__signal_report(SIGTERM);
    counting_alloc_on = 0;
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

/* Armed, the next rename() (the report putting a file in place) first
 * sends the process SIGTERM. renameat is a separate entry of the C
 * library, so the real rename still happens. */
static volatile sig_atomic_t term_at_rename;

int rename(const char *from, const char *to)
{
    if (term_at_rename) {
        term_at_rename = 0;
        kill(getpid(), SIGTERM);
    }
    return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

static void aborting(void)
{
    SCOPE_FRAME(desc)
    SCOPE_LINE(6); abort();
}

/* The contents of the one file in `dir` ending with `ext` (malloc'd). */
static char *report_file_in(const char *dir, const char *ext)
{
    DIR *d = opendir(dir);
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
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
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

static char *report_file(const char *ext)
{
    return report_file_in(DIR_NAME, ext);
}

START_TEST(signal_report_uses_no_allocator)
{
    char *json, *txt;
    sig(10, 0);
    sig(10, 0);
    /* From inside a third call: its open frame is closed by the report. */
    sig(5, 1);
    ck_assert_uint_eq(counting_alloc_calls, 0);
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
    counting_alloc_calls = 0;
    counting_alloc_on = 1;
    scope__signal_report(SIGTERM);
    counting_alloc_on = 0;
    ck_assert_uint_eq(counting_alloc_calls, 0);
}
END_TEST

/* SIGTERM while the report of an abort() is being written: the report is
 * finished, both files in place, and the process dies by SIGABRT as the
 * unprofiled one would (it dies at once there, before a SIGTERM sent
 * after the abort could arrive). */
START_TEST(other_signal_waits_for_report)
{
    const char *dir = "check-signals-abort";
    char *json, *txt;
    int status;
    pid_t pid;
    if (system("rm -rf check-signals-abort") != 0)
        ck_abort_msg("cannot clear %s", dir);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        /* A fresh process: with CK_FORK=no this one's runtime has already
         * written its report (the test above) and is closed. */
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
        /* Check's own SIGTERM handler (it kills the test's process group)
         * would be inherited: the runtime handles only signals at SIG_DFL. */
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGABRT, SIG_DFL);
        setenv("SCOPE_PROFILER_DIR", dir, 1);
        execl("/proc/self/exe", "check_signals", "abort-child", (char *)NULL);
        _exit(127);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
                  "the child ended with status %#x, not by SIGABRT", status);
    json = report_file_in(dir, ".json");
    ck_assert_ptr_nonnull(strstr(json, "\"complete\": true,"));
    ck_assert_ptr_nonnull(strstr(json, "\"end\": \"SIGABRT\","));
    ck_assert_ptr_nonnull(strstr(json, "{\"name\": \"sig\", \"calls\": 3,"));
    txt = report_file_in(dir, ".txt");
    ck_assert_ptr_nonnull(strstr(txt, "Region: sig\n  Total Calls : 3\n"));
    free(json);
    free(txt);
}
END_TEST

/* The child of other_signal_waits_for_report: two calls, then abort()
 * from inside a third, with SIGTERM sent when the report renames its first
 * file into place. */
static int abort_child(void)
{
    sig(3, 0);
    sig(3, 0);
    term_at_rename = 1;
    aborting();
    return 3;
}

int main(int argc, char **argv)
{
    Suite *s = suite_create("signals");
    TCase *tc = tcase_create("report");
    SRunner *sr;
    int failed;
    if (argc == 2 && strcmp(argv[1], "abort-child") == 0)
        return abort_child();
    if (system("rm -rf " DIR_NAME) != 0)
        return EXIT_FAILURE;
    setenv("SCOPE_PROFILER_DIR", DIR_NAME, 1);
    unsetenv("SCOPE_PROFILER_OUTPUT");
    unsetenv("SCOPE_PROFILER_JSON");
    tcase_add_test(tc, signal_report_uses_no_allocator);
    tcase_add_test(tc, other_signal_waits_for_report);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
