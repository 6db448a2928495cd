/*
 * check_write.c - unit tests of the writer (rewriter/write.c) and the path
 * helpers it relies on (rewriter/path.c): literal escaping, the C90 length
 * limit, prologue and epilogue shape, relative paths.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "sbuf.h"
#include "walk.h"
#include "write.h"

static char *lit(const char *s, size_t n)
{
    sbuf b;
    sbuf_init(&b);
    write_literal(&b, s, n);
    return sbuf_take(&b);
}

START_TEST(escaping)
{
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        { "plain", "\"plain\"" },
        { "a\\b\"c\"", "\"a\\\\b\\\"c\\\"\"" },
        { "\tx", "\"\\tx\"" },
        { "\001\0337", "\"\\001\\0337\"" },
        { "what?" "?=", "\"what?\\?=\"" },
        { "???", "\"?\\?\\?\"" },
        { "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
        { "", "\"\"" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *r = lit(cases[i].in, strlen(cases[i].in));
        ck_assert_str_eq(r, cases[i].out);
        free(r);
    }
}
END_TEST

START_TEST(long_literal)
{
    char buf[600];
    memset(buf, 'x', sizeof buf);
    char *r = lit(buf, WRITE_C90_LITERAL_MAX);
    ck_assert_int_eq(r[0], '"');
    free(r);
    r = lit(buf, WRITE_C90_LITERAL_MAX + 1);
    ck_assert_int_eq(strncmp(r, "__extension__ \"", 15), 0);
    ck_assert_uint_eq(strlen(r), 15 + WRITE_C90_LITERAL_MAX + 2);
    free(r);
}
END_TEST

START_TEST(prologue)
{
    walk_func f = { "compute", "comp", 11, 10, 12, 0, -1, NULL, 0, NULL, 0 };
    walk_site s = { "inner", 12, "compute", 0 };
    walk_result res = { &f, 1, &s, 1 };
    const char *text = "a\nb\nc\nd\ne\nf\ng\nh\ni\n// @profile(\"comp\")\n"
                       "int compute(void) {\r\n  return 1; }";
    sbuf b;
    char *tag = write_tag("src/x-1.c");
    ck_assert_str_eq(tag, "src_x_1_c");
    sbuf_init(&b);
    write_prologue(&b, &res, "src/x-1.c", tag, text, strlen(text));
    ck_assert_str_eq(sbuf_str(&b),
                     "#include \"scope_profiler.h\"\n"
                     "#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__src_x_1_c)\n"
                     "#define scope__src_x_1_c\n"
                     "static const char scope__f0_src_x_1_c_text[] =\n"
                     "    \"// @profile(\\\"comp\\\")\\n\"\n"
                     "    \"int compute(void) {\\n\"\n"
                     "    \"  return 1; }\\n\";\n"
                     "static scope_func_desc scope__f0_src_x_1_c __attribute__((used)) "
                     "= { SCOPE_PROFILER_ABI, "
                     "\"src/x-1.c\", \"compute\", 10, 3, scope__f0_src_x_1_c_text, "
                     "{ \"comp\", 0 }, 0, 0 };\n"
                     "static scope_region_site scope__r0_src_x_1_c __attribute__((used)) "
                     "= { \"inner\", 0 };\n"
                     "#endif\n"
                     "#line 1 \"src/x-1.c\"\n");
    sbuf_free(&b);
    free(tag);
}
END_TEST

/* A file whose lines end in CRLF keeps CRLF on the lines the writer adds
 * too, the line after a last line without a line break included. */

START_TEST(prologue_crlf)
{
    walk_func f = { "one", "one", 2, 1, 2, 0, -1, NULL, 0, NULL, 0 };
    walk_result res = { &f, 1, NULL, 0 };
    const char *text = "// @profile\r\nint one(void) { return 1; }";
    sbuf b;
    sbuf_init(&b);
    write_prologue(&b, &res, "w.c", "w_c", text, strlen(text));
    ck_assert_str_eq(sbuf_str(&b),
                     "#include \"scope_profiler.h\"\r\n"
                     "#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__w_c)\r\n"
                     "#define scope__w_c\r\n"
                     "static const char scope__f0_w_c_text[] =\r\n"
                     "    \"// @profile\\n\"\r\n"
                     "    \"int one(void) { return 1; }\\n\";\r\n"
                     "static scope_func_desc scope__f0_w_c __attribute__((used)) = "
                     "{ SCOPE_PROFILER_ABI, \"w.c\", \"one\", 1, 2, scope__f0_w_c_text, "
                     "{ \"one\", 0 }, 0, 0 };\r\n"
                     "#endif\r\n"
                     "#line 1 \"w.c\"\r\n");
    sbuf_free(&b);
}
END_TEST

/* A function's text is one literal: longer than C90's limit in all (each
 * line short), it is marked __extension__ for -pedantic. */
START_TEST(prologue_long_text)
{
    walk_func f = { "one", "one", 2, 1, 40, 0, -1, NULL, 0, NULL, 0 };
    walk_result res = { &f, 1, NULL, 0 };
    char text[40 * 16];
    size_t n = 0;
    sbuf b;
    int i;
    for (i = 0; i < 40; i++)
        n += (size_t)sprintf(text + n, "/* line %02d */\n", i);
    sbuf_init(&b);
    write_prologue(&b, &res, "w.c", "w_c", text, n);
    ck_assert_ptr_nonnull(strstr(sbuf_str(&b), "static const char scope__f0_w_c_text[] = "
                                               "__extension__\n"
                                               "    \"/* line 00 */\\n\"\n"
                                               "    \"/* line 01 */\\n\"\n"));
    ck_assert_ptr_nonnull(strstr(sbuf_str(&b), "    \"/* line 39 */\\n\";\n"));
    sbuf_free(&b);
    /* 40 lines of 13 characters and a line feed: 560 > 509. Half as many
     * fit. */
    f.last_line = 20;
    sbuf_init(&b);
    write_prologue(&b, &res, "w.c", "w_c", text, n);
    ck_assert_ptr_nonnull(strstr(sbuf_str(&b), "static const char scope__f0_w_c_text[] =\n"));
    sbuf_free(&b);
}
END_TEST

/* A function with follower rows gets its map, (row, leader) pairs ended by
 * 0, eight pairs to a line, named by the descriptor. */
START_TEST(prologue_next_map)
{
    unsigned pairs[2 * 9];
    walk_func f = { "one", "one", 2, 1, 12, 0, -1, NULL, 0, pairs, 9 };
    walk_result res = { &f, 1, NULL, 0 };
    const char *text = "// @profile\nint one(void) { return 1; }\n";
    sbuf b;
    unsigned i;
    for (i = 0; i < 9; i++) {
        pairs[2 * i] = i + 3;
        pairs[2 * i + 1] = 2;
    }
    sbuf_init(&b);
    write_prologue(&b, &res, "w.c", "w_c", text, strlen(text));
    ck_assert_ptr_nonnull(strstr(sbuf_str(&b),
                                 "static const unsigned scope__f0_w_c_next[] = {\n"
                                 "    3, 2, 4, 2, 5, 2, 6, 2, 7, 2, 8, 2, 9, 2, 10, 2,\n"
                                 "    11, 2, 0 };\n"
                                 "static scope_func_desc scope__f0_w_c"));
    ck_assert_ptr_nonnull(strstr(sbuf_str(&b), "{ \"one\", 0 }, 0, scope__f0_w_c_next };\n"));
    sbuf_free(&b);
}
END_TEST

START_TEST(paths)
{
    static const struct {
        const char *from, *to, *rel;
    } cases[] = {
        { "/w/build/inst/src", "/w/src", "../../../src" },
        { "/w/a", "/w/a", "." },
        { "/w/a", "/w/a/b/c", "b/c" },
        { "/", "/x/y", "x/y" },
        { "/x/y", "/", "../.." },
        { "/ab/c", "/a/c", "../../a/c" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *r = path_relative(cases[i].from, cases[i].to);
        ck_assert_str_eq(r, cases[i].rel);
        free(r);
    }
    char *n = path_normalize("/a/./b//../c/");
    ck_assert_str_eq(n, "/a/c");
    free(n);
    n = path_normalize("../x/../../y");
    ck_assert_str_eq(n, "../../y");
    free(n);
    char *below = path_below("/w/src", "/w/src/x/y.c");
    ck_assert_str_eq(below, "x/y.c");
    free(below);
    ck_assert_ptr_null(path_below("/w/src", "/w/srcx/y.c"));
}
END_TEST

static Suite *write_suite(void)
{
    Suite *s = suite_create("write");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, escaping);
    tcase_add_test(tc, long_literal);
    tcase_add_test(tc, prologue);
    tcase_add_test(tc, prologue_crlf);
    tcase_add_test(tc, prologue_long_text);
    tcase_add_test(tc, prologue_next_map);
    tcase_add_test(tc, paths);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(write_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
