/*
 * check_annot.c - unit tests of the annotation finder (rewriter/annot.c):
 * the accepted forms, each malformed form with its column, and where an
 * annotation points.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "diag.h"

/* Messages of the last scan (diag output captured in memory). */
static char *messages;
static size_t messages_len;

static unsigned scan(const char *text, annot_list *out)
{
    FILE *f = open_memstream(&messages, &messages_len);
    diag_set_stream(f);
    memset(out, 0, sizeof *out);
    unsigned n = annot_scan("t.c", text, strlen(text), out);
    fclose(f);
    diag_set_stream(NULL);
    return n;
}

static void teardown(void)
{
    free(messages);
    messages = NULL;
}

START_TEST(parse_forms)
{
    static const struct {
        const char *body;
        int result;
        const char *name;
    } cases[] = {
        { " @profile", 1, NULL },
        { "@profile(\"compute\")", 1, "compute" },
        { "  @profile ( \"a b\" )  ", 1, "a b" },
        { " @profile(\"q\\\"x\")", 1, "q\"x" },
        { " just a comment", 0, NULL },
        { " see @profile", 0, NULL },
        { " @profile(compute)", -1, NULL },
        { " @profile(\"\")", -1, NULL },
        { " @profile(\"x\"", -1, NULL },
        { " @profile(\"x", -1, NULL },
        { " @profile please", -1, NULL },
        { " @profiled", -1, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *name = NULL;
        size_t pos = 0;
        const char *msg = NULL;
        int r = annot_parse(cases[i].body, strlen(cases[i].body), &name, &pos,
                            &msg);
        ck_assert_msg(r == cases[i].result, "%s: %d", cases[i].body, r);
        if (cases[i].name)
            ck_assert_str_eq(name, cases[i].name);
        else
            ck_assert_ptr_null(name);
        if (r < 0)
            ck_assert_ptr_nonnull(msg);
        free(name);
    }
}
END_TEST

START_TEST(error_columns)
{
    annot_list l;
    ck_assert_uint_eq(scan("int x;\n  // @profile(compute)\n", &l), 1);
    ck_assert_str_eq(messages, "t.c:2:15: error: expected a string literal "
                               "region name after '@profile(', as in "
                               "@profile(\"name\")\n");
    annot_free(&l);
    teardown();
    ck_assert_uint_eq(scan("/* @profile(\"\") */\n", &l), 1);
    ck_assert_str_eq(messages, "t.c:1:13: error: empty region name in "
                               "@profile annotation\n");
    annot_free(&l);
}
END_TEST

START_TEST(targets)
{
    annot_list l;
    const char *text = "// @profile(\"a\")\n"
                       "\n"
                       "/* other */ int f(void)\n"
                       "{\n"
                       "    /* @profile */\n"
                       "    x++;\n"
                       "}\n";
    ck_assert_uint_eq(scan(text, &l), 0);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.v[0].name, "a");
    ck_assert_uint_eq(l.v[0].line, 1);
    ck_assert_uint_eq(l.v[0].col, 1);
    ck_assert_uint_eq(l.v[0].target, (size_t)(strstr(text, "int f") - text));
    ck_assert_uint_eq(l.v[0].target_line, 3);
    ck_assert_ptr_null(l.v[1].name);
    ck_assert_uint_eq(l.v[1].line, 5);
    ck_assert_uint_eq(l.v[1].col, 5);
    ck_assert_uint_eq(l.v[1].target, (size_t)(strstr(text, "x++") - text));
    annot_free(&l);
}
END_TEST

START_TEST(ignored_places)
{
    annot_list l;
    /* In strings, in inactive text that is not a comment, and comments
     * that merely mention the word are not annotations. */
    ck_assert_uint_eq(scan("const char *s = \"// @profile\";\n"
                           "char c = '\"'; /* see @profile */\n",
                           &l),
                      0);
    ck_assert_uint_eq(l.n, 0);
    annot_free(&l);
}
END_TEST

START_TEST(in_directives)
{
    annot_list l;
    ck_assert_uint_eq(scan("#define F(x) \\\n  /* @profile */ (x)\n", &l), 1);
    ck_assert_ptr_nonnull(strstr(messages, "t.c:2:3: error: @profile "
                                           "annotation inside a macro "
                                           "definition"));
    annot_free(&l);
    teardown();
    /* The directive ended: the next line is ordinary code again. */
    ck_assert_uint_eq(scan("#define F 1\n// @profile\nint f(void) { }\n", &l),
                      0);
    ck_assert_uint_eq(l.n, 1);
    annot_free(&l);
}
END_TEST

START_TEST(own_line)
{
    annot_list l;
    ck_assert_uint_eq(scan("int f(void) {\n  x++; // @profile\n  y++;\n}\n",
                           &l),
                      1);
    ck_assert_ptr_nonnull(strstr(messages, "t.c:2:8: error: @profile "
                                           "annotation must start its own "
                                           "line"));
    annot_free(&l);
}
END_TEST

static Suite *annot_suite(void)
{
    Suite *s = suite_create("annot");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, parse_forms);
    tcase_add_test(tc, error_columns);
    tcase_add_test(tc, targets);
    tcase_add_test(tc, ignored_places);
    tcase_add_test(tc, in_directives);
    tcase_add_test(tc, own_line);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(annot_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
