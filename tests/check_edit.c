/*
 * check_edit.c - unit tests of the edit buffer (rewriter/edit.c): the
 * order of edits at one offset, replacements, and independence from the
 * order in which edits arrive.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "sbuf.h"

static char *apply(edit_buf *e, const char *text)
{
    sbuf out;
    sbuf_init(&out);
    edit_apply(e, text, strlen(text), &out);
    return sbuf_take(&out);
}

START_TEST(plain_insertions)
{
    edit_buf e;
    edit_init(&e);
    edit_insert(&e, 4, EDIT_OPEN, "[b]");
    edit_insert(&e, 0, EDIT_OPEN, "[a]");
    edit_insert(&e, 8, EDIT_OPEN, "[c]");
    char *r = apply(&e, "abcdefgh");
    ck_assert_str_eq(r, "[a]abcd[b]efgh[c]");
    free(r);
    edit_free(&e);
}
END_TEST

START_TEST(nesting_at_one_offset)
{
    /* A region around an unbraced body around a probe, added outside-in
     * as the walker does; the closers at the end nest inner-first. */
    edit_buf e;
    edit_init(&e);
    const char *t = "x++; y++;";
    edit_insert(&e, 0, EDIT_OPEN, "{ R ");
    edit_insert(&e, 4, EDIT_CLOSE, " }R");
    edit_insert(&e, 0, EDIT_OPEN, "{ ");
    edit_insert(&e, 4, EDIT_CLOSE, " }B");
    edit_insert(&e, 0, EDIT_OPEN, "P; ");
    char *r = apply(&e, t);
    ck_assert_str_eq(r, "{ R { P; x++; }B }R y++;");
    free(r);
    edit_free(&e);
}
END_TEST

START_TEST(closers_before_openers)
{
    /* `a;b;`: the body brace after `a;` closes before b's probe opens. */
    edit_buf e;
    edit_init(&e);
    edit_insert(&e, 2, EDIT_OPEN, "P; ");
    edit_insert(&e, 2, EDIT_CLOSE, " }");
    char *r = apply(&e, "a;b;");
    ck_assert_str_eq(r, "a; }P; b;");
    free(r);
    edit_free(&e);
}
END_TEST

START_TEST(replacement)
{
    edit_buf e;
    edit_init(&e);
    const char *t = "#include \"x.h\"\nint a;\n";
    edit_replace(&e, 10, 3, "../src/x.h");
    edit_insert(&e, 15, EDIT_OPEN, "/*1*/");
    char *r = apply(&e, t);
    ck_assert_str_eq(r, "#include \"../src/x.h\"\n/*1*/int a;\n");
    free(r);
    edit_free(&e);
}
END_TEST

START_TEST(empty_buffer)
{
    edit_buf e;
    edit_init(&e);
    char *r = apply(&e, "unchanged\n");
    ck_assert_str_eq(r, "unchanged\n");
    free(r);
    edit_free(&e);
}
END_TEST

static Suite *edit_suite(void)
{
    Suite *s = suite_create("edit");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_insertions);
    tcase_add_test(tc, nesting_at_one_offset);
    tcase_add_test(tc, closers_before_openers);
    tcase_add_test(tc, replacement);
    tcase_add_test(tc, empty_buffer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(edit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
