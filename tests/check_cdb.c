/*
 * check_cdb.c - unit tests of the compilation database reader
 * (rewriter/cdb.c): JSON syntax, both entry forms, lookup, and the flag
 * filter.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdb.h"
#include "diag.h"

static char *join(char **argv)
{
    size_t n = 1;
    for (char **a = argv; *a; a++)
        n += strlen(*a) + 1;
    char *s = calloc(1, n);
    for (char **a = argv; *a; a++) {
        if (a != argv)
            strcat(s, " ");
        strcat(s, *a);
    }
    return s;
}

START_TEST(arguments_form)
{
    const char *json =
        "[\n"
        " {\"directory\": \"/b\", \"file\": \"../src/a.c\", \"output\": \"a.o\",\n"
        "  \"arguments\": [\"cc\", \"-DX=1\", \"-Iinc\", \"-I\", \"/abs\",\n"
        "                \"-isystem\", \"sys\", \"-c\", \"-o\", \"a.o\",\n"
        "                \"-MD\", \"-MF\", \"a.d\", \"-std=c99\", \"../src/a.c\"]}\n"
        "]\n";
    cdb db;
    ck_assert_int_eq(cdb_parse("db.json", json, strlen(json), &db), 0);
    ck_assert_uint_eq(db.n, 1);
    ck_assert_str_eq(db.v[0].file, "/src/a.c");
    ck_assert_ptr_nonnull(cdb_find(&db, "/src/a.c"));
    ck_assert_ptr_null(cdb_find(&db, "/src/b.c"));
    size_t n;
    char **flags = cdb_flags(&db.v[0], &n);
    char *s = join(flags);
    ck_assert_str_eq(s, "-DX=1 -I/b/inc -I /abs -isystem /b/sys -std=c99");
    ck_assert_uint_eq(n, 7);
    free(s);
    cdb_free_flags(flags);
    cdb_free(&db);
}
END_TEST

START_TEST(command_form)
{
    const char *json =
        "[{\"directory\":\"/w\",\"command\":\"gcc -DMSG=\\\"hi there\\\" "
        "'-DQ=a b' -c x.c -o x.o\",\"file\":\"x.c\"}]";
    cdb db;
    ck_assert_int_eq(cdb_parse("db.json", json, strlen(json), &db), 0);
    size_t n;
    char **flags = cdb_flags(&db.v[0], &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(flags[0], "-DMSG=hi there");
    ck_assert_str_eq(flags[1], "-DQ=a b");
    cdb_free_flags(flags);
    cdb_free(&db);
}
END_TEST

START_TEST(split_command)
{
    size_t n;
    char **v = cdb_split_command("cc  -a \"b c\" 'd \"e' f\\ g \"h\\\"i\"", &n);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(v[1], "-a");
    ck_assert_str_eq(v[2], "b c");
    ck_assert_str_eq(v[3], "d \"e");
    ck_assert_str_eq(v[4], "f g");
    ck_assert_str_eq(v[5], "h\"i");
    ck_assert_ptr_null(v[6]);
    cdb_free_flags(v);
}
END_TEST

START_TEST(escapes_and_skipping)
{
    /* Unknown members of every JSON type are skipped; \u escapes decode
     * to UTF-8. */
    const char *json =
        "[{\"x\": {\"y\": [1, -2.5e3, true, false, null]}, "
        "\"directory\": \"/d\", \"file\": \"caf\\u00e9.c\", "
        "\"arguments\": [\"cc\"]}, {\"file\": \"no-command.c\"}]";
    cdb db;
    ck_assert_int_eq(cdb_parse("db.json", json, strlen(json), &db), 0);
    ck_assert_uint_eq(db.n, 1);
    ck_assert_str_eq(db.v[0].file, "/d/caf\xc3\xa9.c");
    cdb_free(&db);
}
END_TEST

START_TEST(syntax_errors)
{
    static const char *const bad[] = {
        "", "{}", "[{\"file\": 1,]", "[{\"file\": \"a\"}", "[] x",
        "[{\"file\": \"a\\q\"}]",
    };
    char *msgs = NULL;
    size_t len = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = open_memstream(&msgs, &len);
        diag_set_stream(f);
        cdb db;
        ck_assert_int_eq(cdb_parse("db.json", bad[i], strlen(bad[i]), &db), -1);
        fclose(f);
        diag_set_stream(NULL);
        ck_assert_msg(strncmp(msgs, "db.json:1:", 10) == 0, "%s -> %s", bad[i],
                      msgs);
        free(msgs);
        msgs = NULL;
    }
}
END_TEST

static Suite *cdb_suite(void)
{
    Suite *s = suite_create("cdb");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arguments_form);
    tcase_add_test(tc, command_form);
    tcase_add_test(tc, split_command);
    tcase_add_test(tc, escapes_and_skipping);
    tcase_add_test(tc, syntax_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cdb_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
