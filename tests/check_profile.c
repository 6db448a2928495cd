/*
 * check_profile.c - scope-report's merge arithmetic: region states merged
 * from exact partial states must give the figures of all samples taken
 * at once (sums exact, std against a direct two-pass computation), and
 * data files must add line by line.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jdoc.h"
#include "profile.h"

/* The exact state of one file's entries. */
static void state(const uint64_t *x, unsigned n, uint64_t *total, uint64_t *mn, uint64_t *mx,
                  double *m2)
{
    unsigned i;
    double mean;
    *total = 0;
    *mn = UINT64_MAX;
    *mx = 0;
    for (i = 0; i < n; i++) {
        *total += x[i];
        if (x[i] < *mn)
            *mn = x[i];
        if (x[i] > *mx)
            *mx = x[i];
    }
    mean = (double)*total / n;
    *m2 = 0;
    for (i = 0; i < n; i++)
        *m2 += ((double)x[i] - mean) * ((double)x[i] - mean);
}

START_TEST(merged_std_is_the_direct_std)
{
    /* Three files of very different sizes and means. */
    static const uint64_t a[] = { 1000, 2000 };
    static const uint64_t b[] = { 6000 };
    static const uint64_t c[] = { 123456789, 5, 77, 1000000, 999, 31337, 42 };
    const uint64_t *parts[] = { a, b, c };
    unsigned sizes[] = { 2, 1, 7 }, i, j;
    rp_region r;
    uint64_t all[10], total, mn, mx, sum = 0;
    double m2, mean, direct = 0;
    unsigned n = 0;
    memset(&r, 0, sizeof r);
    for (i = 0; i < 3; i++) {
        state(parts[i], sizes[i], &total, &mn, &mx, &m2);
        rp_region_merge(&r, sizes[i], total, mn, mx, m2);
        for (j = 0; j < sizes[i]; j++)
            all[n++] = parts[i][j];
    }
    for (i = 0; i < n; i++)
        sum += all[i];
    mean = (double)sum / n;
    for (i = 0; i < n; i++)
        direct += ((double)all[i] - mean) * ((double)all[i] - mean);
    ck_assert_uint_eq(r.calls, 10);
    ck_assert_uint_eq(r.total_ns, sum);
    ck_assert_uint_eq(r.min_ns, 5);
    ck_assert_uint_eq(r.max_ns, 123456789);
    ck_assert(fabs(rp_region_std(&r) - sqrt(direct / n) / 1e9) <= 1e-12 * sqrt(direct / n) / 1e9);
}
END_TEST

START_TEST(merge_into_empty_and_of_empty)
{
    rp_region r;
    memset(&r, 0, sizeof r);
    rp_region_merge(&r, 0, 0, 0, 0, 0.0);
    ck_assert_uint_eq(r.calls, 0);
    ck_assert(rp_region_std(&r) == 0.0);
    rp_region_merge(&r, 2, 3000, 1000, 2000, 500000.0);
    rp_region_merge(&r, 0, 0, 0, 0, 0.0);
    ck_assert_uint_eq(r.calls, 2);
    ck_assert_uint_eq(r.min_ns, 1000);
    ck_assert(rp_region_std(&r) == 5e-7);
}
END_TEST

/* Big totals stay exact: integers, not doubles, are summed. */
START_TEST(totals_beyond_double_precision)
{
    rp_region r;
    uint64_t big = (1ull << 53) + 1;
    memset(&r, 0, sizeof r);
    rp_region_merge(&r, 1, big, big, big, 0.0);
    rp_region_merge(&r, 1, 1, 1, 1, 0.0);
    ck_assert_uint_eq(r.total_ns, (1ull << 53) + 2);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

#define HEAD "{\"version\": 2, \"regions\": [], \"functions\": [" \
             "{\"file\": \"a.c\", \"function\": \"f\", \"region\": \"f\", " \
             "\"first_line\": 1, \"last_line\": 2, \"lines\": ["

START_TEST(lines_add_up_and_bad_files_add_nothing)
{
    char dir[] = "check_profile.XXXXXX", p1[64], p2[64], p3[64];
    rp_profile p;
    rp_func *f;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p1, sizeof p1, "%s/1.json", dir);
    snprintf(p2, sizeof p2, "%s/2.json", dir);
    snprintf(p3, sizeof p3, "%s/3.json", dir);
    write_file(p1, HEAD "{\"line\": 1, \"hits\": 0, \"time_ns\": 0.0, \"text\": \"x\"},"
                        "{\"line\": 2, \"hits\": 4, \"time_ns\": 40.0, \"text\": \"y\"}]}]}");
    write_file(p2, HEAD "{\"line\": 2, \"hits\": 6, \"time_ns\": 2.0, \"text\": \"y\"}]}]}");
    /* Valid JSON, but its second line is out of range: none of it counts. */
    write_file(p3, HEAD "{\"line\": 2, \"hits\": 100, \"time_ns\": 1.0, \"text\": \"y\"},"
                        "{\"line\": 9, \"hits\": 1, \"time_ns\": 1.0, \"text\": \"z\"}]}]}");
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(rp_add_path(&p, dir), -1);
    ck_assert_uint_eq(p.nfiles, 2);
    ck_assert_uint_eq(p.nerrors, 1);
    HASH_FIND_STR(p.funcs, "a.c\nf\n1", f);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->lines[1].hits, 10);
    ck_assert_uint_eq(f->lines[1].ns, 42);
    ck_assert_uint_eq(rp_func_total_ns(f), 42);
    rp_profile_free(&p);
    unlink(p1);
    unlink(p2);
    unlink(p3);
    rmdir(dir);
}
END_TEST

/* Call edges (docs/json.md, "calls"): summed per caller line and callee,
 * whole ns; a file without them is read as before; a bad edge makes the
 * whole file count for nothing. */
#define CALLS(line, count, ns) "{\"line\": " #line ", \"file\": \"b.c\", " \
    "\"function\": \"g\", \"first_line\": 40, \"count\": " #count ", \"time_ns\": " #ns "}"
#define LINES "{\"line\": 2, \"hits\": 4, \"time_ns\": 40.0, \"text\": \"y\"}]"

START_TEST(call_edges_add_up)
{
    char dir[] = "check_profile.XXXXXX", path[4][64];
    const char *text[4] = {
        HEAD LINES ", \"calls\": [" CALLS(2, 3, 30.0) ", " CALLS(1, 1, 7.0) "]}]}",
        HEAD LINES ", \"calls\": [" CALLS(2, 5, 12.4) "]}]}",
        HEAD LINES "}]}",
        HEAD LINES ", \"calls\": [" CALLS(3, 1, 1.0) "]}]}",   /* line 3: outside f */
    };
    rp_profile p;
    rp_func *f;
    rp_call **v;
    int i;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (i = 0; i < 4; i++) {
        snprintf(path[i], sizeof path[i], "%s/%d.json", dir, i);
        write_file(path[i], text[i]);
    }
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(rp_add_path(&p, dir), -1);
    ck_assert_uint_eq(p.nfiles, 3);
    HASH_FIND_STR(p.funcs, "a.c\nf\n1", f);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->lines[1].hits, 12);
    ck_assert_uint_eq(f->ncalls, 2);
    v = rp_calls_sorted(f);
    ck_assert_uint_eq(v[0]->line, 1);
    ck_assert_uint_eq(v[0]->count, 1);
    ck_assert_uint_eq(v[0]->ns, 7);
    ck_assert_uint_eq(v[1]->line, 2);
    ck_assert_str_eq(v[1]->file, "b.c");
    ck_assert_str_eq(v[1]->function, "g");
    ck_assert_uint_eq(v[1]->first_line, 40);
    ck_assert_uint_eq(v[1]->count, 8);
    ck_assert_uint_eq(v[1]->ns, 42);   /* 30 + 12 (12.4 rounds to whole ns) */
    ck_assert_ptr_null(rp_call_callee(&p, v[1]));   /* g itself is in no file */
    free(v);
    rp_profile_free(&p);
    for (i = 0; i < 4; i++)
        unlink(path[i]);
    rmdir(dir);
}
END_TEST

/* jdoc converts numbers from their text itself (report/jdoc.c): decimals
 * must read bit for bit as strtod reads them, integers exactly, and an
 * integer beyond int64 is an error rather than a rounded figure. */
START_TEST(numbers_read_as_strtod_does)
{
    enum { N = 20000 };
    static char text[N * 40 + 16], nums[N][40];
    static const char *ints[] = { "0", "-0", "9007199254740993", "9223372036854775807",
                                  "-9223372036854775808" };
    static const long long intv[] = { 0, 0, 9007199254740993LL, 9223372036854775807LL,
                                      -9223372036854775807LL - 1 };
    size_t n = 0;
    unsigned seed = 12345, i;
    jd_arena *a = jd_new();
    jd_val *root, *v;
    int line, col;
    char err[100], big[] = "[9223372036854775808]";
    n += (size_t)sprintf(text + n, "[");
    for (i = 0; i < N; i++) {
        double d;
        seed = seed * 1103515245u + 12345u;
        d = (double)(seed >> 8) / (double)(1u << 24) * pow(10.0, (double)((int)(seed % 31) - 15));
        switch (i % 5) {
        case 0: sprintf(nums[i], "%.1f", d * 1e6); break;
        case 1: sprintf(nums[i], "%.17g", d); break;
        case 2: sprintf(nums[i], "%g", -d); break;
        case 3: sprintf(nums[i], "%.3e", d); break;
        default: sprintf(nums[i], "%u.%ue%+d", seed % 100000, seed % 997, (int)(seed % 41) - 20);
        }
        n += (size_t)sprintf(text + n, "%s%s", i ? "," : "", nums[i]);
    }
    n += (size_t)sprintf(text + n, "]");
    root = jd_parse(a, text, n, &line, &col, err, sizeof err);
    ck_assert_ptr_nonnull(root);
    for (i = 0, v = root->u.kids.first; v; v = v->next, i++) {
        double want = strtod(nums[i], NULL), got = jd_number(v);
        ck_assert_msg(jd_is_number(v) && memcmp(&want, &got, sizeof got) == 0,
                      "%s read as %.17g, strtod: %.17g", nums[i], got, want);
    }
    ck_assert_uint_eq(i, N);
    for (i = 0; i < sizeof ints / sizeof *ints; i++) {
        char doc[64];
        snprintf(doc, sizeof doc, "[%s]", ints[i]);
        root = jd_parse(a, doc, strlen(doc), &line, &col, err, sizeof err);
        ck_assert_ptr_nonnull(root);
        ck_assert_int_eq(root->u.kids.first->type, JD_INT);
        ck_assert_int_eq(root->u.kids.first->u.i, intv[i]);
    }
    ck_assert_ptr_null(jd_parse(a, big, strlen(big), &line, &col, err, sizeof err));
    ck_assert_str_eq(err, "too big integer");
    jd_delete(a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("profile");
    TCase *tc = tcase_create("merge");
    SRunner *sr;
    int failed;
    tcase_add_test(tc, merged_std_is_the_direct_std);
    tcase_add_test(tc, merge_into_empty_and_of_empty);
    tcase_add_test(tc, totals_beyond_double_precision);
    tcase_add_test(tc, lines_add_up_and_bad_files_add_nothing);
    tcase_add_test(tc, call_edges_add_up);
    tcase_add_test(tc, numbers_read_as_strtod_does);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
