/*
 * main.c - scope-rewrite's command line: writes instrumented copies of C
 * files whose functions and statements carry `// @profile` annotations.
 *
 *   scope-rewrite [options] FILE... -o OUTDIR [-- COMPILER-ARGS...]
 *
 * Every check that can refuse the whole run (usage, an output directory on
 * top of the inputs) happens before the first file is written.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "cdb.h"
#include "diag.h"
#include "path.h"
#include "predef.h"
#include "rewrite.h"
#include "sbuf.h"

#ifndef SCOPE_REWRITE_VERSION
#define SCOPE_REWRITE_VERSION "0.1.0"
#endif
#ifndef SCOPE_REWRITE_RESOURCE_DIR
#define SCOPE_REWRITE_RESOURCE_DIR ""
#endif

static const char usage_text[] =
    "usage: scope-rewrite [options] FILE... -o OUTDIR [-- COMPILER-ARGS...]\n"
    "\n"
    "Writes an instrumented copy of each FILE to OUTDIR/<FILE relative to\n"
    "--root>: functions and statements annotated with // @profile or\n"
    "// @profile(\"name\") get the probes of scope_profiler.h. Files without\n"
    "annotations are copied (quoted #include paths adjusted).\n"
    "\n"
    "options:\n"
    "  -o DIR             output root (required unless --list)\n"
    "  --root DIR         base of the relative paths (default: the current\n"
    "                     directory); a FILE outside it is an error\n"
    "  -p BUILD_DIR       take each file's flags from\n"
    "                     BUILD_DIR/compile_commands.json\n"
    "  --cc COMPILER      the compiler that builds the copies: unless it is\n"
    "                     clang, the parse takes its predefined macros\n"
    "                     (COMPILER -dM -E with the file's -std, -m, -f and\n"
    "                     -O flags) instead of libclang's, so #if __GNUC__\n"
    "                     picks the branch the build compiles (default: the\n"
    "                     compiler of the file's compile_commands.json entry)\n"
    "  --cc-flag FLAG     a flag of the build for --cc's -dM run only (one\n"
    "                     FLAG each; for flags libclang does not take, such\n"
    "                     as -ffast-math or -fcf-protection)\n"
    "  --list             print what would be instrumented\n"
    "                     (file:line: function -> region) and what is left\n"
    "                     unprobed (file:line: note: not probed: why),\n"
    "                     write nothing\n"
    "  --no-lines         region probes only, no line tables\n"
    "  --names-as-given   name each FILE in #line (so __FILE__, diagnostics\n"
    "                     and debug information) and in the report as the\n"
    "                     command line spells it (default: its path below\n"
    "                     --root); the copy still goes below OUTDIR\n"
    "  --keep-includes    leave quoted #include lines as they are (default:\n"
    "                     point them back at the original's directory); the\n"
    "                     build then searches it first, as with\n"
    "                     -iquote DIR (scope-cc does this)\n"
    "  --all              profile every function definition, as if each had\n"
    "                     a bare // @profile\n"
    "  --only REGEX       with --all: only functions whose name matches\n"
    "  --exclude REGEX    with --all: not functions whose name matches\n"
    "  --depfile FILE     also write a Make depfile: each copy depends on its\n"
    "                     source and on every header its parse read\n"
    "  --resource-dir DIR clang resource directory (for <stddef.h> and\n"
    "                     friends; default: built in, or the environment\n"
    "                     variable SCOPE_REWRITE_RESOURCE_DIR)\n"
    "  --help             print this help\n"
    "  --version          print the version\n"
    "\n"
    "Exit status: 0 success, 1 a file could not be rewritten (nothing was\n"
    "written for it), 2 bad usage.\n";

static int usage_error(const char *fmt, const char *arg)
{
    diag_report(DIAG_ERROR, NULL, 0, 0, fmt, arg);
    diag_report(DIAG_NOTE, NULL, 0, 0, "%s", "try 'scope-rewrite --help'");
    return 2;
}

/* The value of option `opt` at argv[*i]: "--opt=V", "-oV" or "--opt V". */
static const char *option_value(int argc, char **argv, int *i,
                                const char *opt, int *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(opt);
    *missing = 0;
    if (strncmp(a, opt, n) != 0)
        return NULL;
    if (a[n] == '=' && opt[1] == '-')
        return a + n + 1;
    if (a[n] != '\0') {
        if (opt[1] != '-' && strlen(opt) == 2)
            return a + n; /* -oDIR, -pDIR */
        return NULL;
    }
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

static const char *default_resource_dir(void)
{
    const char *env = getenv("SCOPE_REWRITE_RESOURCE_DIR");
    struct stat st;
    if (env && *env)
        return env;
    if (SCOPE_REWRITE_RESOURCE_DIR[0] &&
        stat(SCOPE_REWRITE_RESOURCE_DIR, &st) == 0)
        return SCOPE_REWRITE_RESOURCE_DIR;
    return NULL; /* let libclang look for itself */
}

/* A C++ source or header by its name? (.C and .H are C++ to gcc and
 * clang; .h is C.) */
static int is_cxx_name(const char *p)
{
    static const char *const exts[] = { "cpp", "cc", "cxx", "c++", "cp",
                                        "CPP", "C", "ii", "hpp", "hh",
                                        "hxx", "h++", "H", "tcc", NULL };
    const char *base = strrchr(p, '/');
    const char *dot = strrchr(base ? base : p, '.');
    if (!dot)
        return 0;
    for (const char *const *e = exts; *e; e++)
        if (strcmp(dot + 1, *e) == 0)
            return 1;
    return 0;
}

/* The language an `-x` among the compiler arguments names as C++, or NULL. */
static const char *cxx_language(char **args, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *lang = NULL;
        if (strcmp(args[i], "-x") == 0 && i + 1 < n)
            lang = args[++i];
        else if (strncmp(args[i], "-x", 2) == 0 && args[i][2])
            lang = args[i] + 2;
        if (lang && (strncmp(lang, "c++", 3) == 0 ||
                     strncmp(lang, "objective-c++", 13) == 0))
            return lang;
    }
    return NULL;
}

/* Can the copy of `given` go to `dest` (= OUTDIR/rel)? Every existing
 * component between OUTDIR and it must be a directory, and `dest` must
 * not be one: checked for every file before any is written, so a blocked
 * path is a usage error rather than a run that stops half-way. */
static int dest_usable(const char *out, const char *out_abs, const char *rel,
                       const char *given)
{
    char *dest = path_join(out_abs, rel);
    size_t base = strlen(out_abs);
    struct stat st;
    int ok = 1;
    for (size_t i = base + 1; ok; i++) {
        if (dest[i] != '/' && dest[i] != '\0')
            continue;
        char saved = dest[i];
        dest[i] = '\0';
        if (stat(dest, &st) != 0) {
            dest[i] = saved;
            break; /* created when the copy is written */
        }
        char *shown_part = path_join(out, dest + base + 1);
        char *shown = path_join(out, rel);
        if (saved != '\0' && !S_ISDIR(st.st_mode)) {
            diag_report(DIAG_ERROR, NULL, 0, 0,
                        "cannot write '%s' (the copy of '%s'): '%s' is not a "
                        "directory", shown, given, shown_part);
            ok = 0;
        } else if (saved == '\0' && S_ISDIR(st.st_mode)) {
            diag_report(DIAG_ERROR, NULL, 0, 0,
                        "cannot write '%s' (the copy of '%s'): it is a "
                        "directory", shown, given);
            ok = 0;
        }
        free(shown);
        free(shown_part);
        dest[i] = saved;
        if (saved == '\0')
            break;
    }
    free(dest);
    return ok;
}

/* A file that failed leaves no copy from an earlier run behind: a build
 * must not go on with a stale one. */
static void remove_stale(const char *out_abs, const char *rel)
{
    char *dest = path_join(out_abs, rel);
    struct stat st;
    if (lstat(dest, &st) == 0 && S_ISREG(st.st_mode))
        unlink(dest);
    free(dest);
}

/* Can OUTDIR be created and written? Its longest existing prefix must be
 * a directory we may write into. Checked before anything is written, so
 * a bad -o writes nothing rather than failing file by file. */
static int out_dir_usable(const char *out, const char *out_abs)
{
    char *p = xstrdup(out_abs);
    struct stat st;
    int ok = 1;
    for (;;) {
        if (stat(p, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                diag_report(DIAG_ERROR, NULL, 0, 0,
                            "output directory '%s' cannot be created: '%s' is "
                            "not a directory",
                            out, p);
                ok = 0;
            } else if (access(p, W_OK | X_OK) != 0) {
                diag_report(DIAG_ERROR, NULL, 0, 0,
                            "output directory '%s' cannot be written: no "
                            "write permission in '%s'",
                            out, p);
                ok = 0;
            }
            break;
        }
        char *slash = strrchr(p, '/');
        if (!slash || slash == p)
            break;
        *slash = '\0';
    }
    free(p);
    return ok;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *root = NULL, *build_dir = NULL;
    const char *resource_dir = NULL, *only = NULL, *exclude = NULL;
    const char *depfile = NULL, *cc = NULL;
    int list = 0, no_lines = 0, all = 0, names_as_given = 0;
    int keep_includes = 0;
    char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0;
    char **cc_flags = xmalloc((size_t)argc * sizeof *cc_flags);
    size_t ncc_flags = 0;
    char **extra = NULL;
    size_t nextra = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int missing;
        if (strcmp(a, "--") == 0) {
            extra = argv + i + 1;
            nextra = (size_t)(argc - i - 1);
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            files[nfiles++] = argv[i];
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            free(files);
            free(cc_flags);
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            CXString v2 = clang_getClangVersion();
            printf("scope-rewrite %s (%s)\n", SCOPE_REWRITE_VERSION,
                   clang_getCString(v2));
            clang_disposeString(v2);
            free(files);
            free(cc_flags);
            return 0;
        }
        if (strcmp(a, "--list") == 0) {
            list = 1;
            continue;
        }
        if (strcmp(a, "--no-lines") == 0) {
            no_lines = 1;
            continue;
        }
        if (strcmp(a, "--cc-flag") == 0 || strncmp(a, "--cc-flag=", 10) == 0) {
            if (a[9] == '=') {
                cc_flags[ncc_flags++] = argv[i] + 10;
                continue;
            }
            if (i + 1 >= argc) {
                free(files);
                free(cc_flags);
                return usage_error("option '%s' needs a value", a);
            }
            cc_flags[ncc_flags++] = argv[++i];
            continue;
        }
        if (strcmp(a, "--names-as-given") == 0) {
            names_as_given = 1;
            continue;
        }
        if (strcmp(a, "--keep-includes") == 0) {
            keep_includes = 1;
            continue;
        }
        if (strcmp(a, "--all") == 0) {
            all = 1;
            continue;
        }
        static const char *const valued[] = { "-o", "--root", "-p",
                                              "--resource-dir", "--only",
                                              "--exclude", "--depfile",
                                              "--cc", NULL };
        const char **slots[] = { &out, &root, &build_dir, &resource_dir,
                                 &only, &exclude, &depfile, &cc };
        int matched = 0;
        for (int k = 0; valued[k]; k++) {
            v = option_value(argc, argv, &i, valued[k], &missing);
            if (missing) {
                free(files);
                free(cc_flags);
                return usage_error("option '%s' needs a value", a);
            }
            if (v) {
                *slots[k] = v;
                matched = 1;
                break;
            }
        }
        if (!matched) {
            free(files);
            free(cc_flags);
            return usage_error("unknown option '%s'", a);
        }
    }
    if (nfiles == 0) {
        free(files);
        free(cc_flags);
        return usage_error("%s", "no input FILE given");
    }
    if (!out && !list) {
        free(files);
        free(cc_flags);
        return usage_error("%s", "no output directory given (-o OUTDIR)");
    }
    if (depfile && list) {
        free(files);
        free(cc_flags);
        return usage_error("%s", "--depfile writes the dependencies of the "
                                 "copies; --list writes none");
    }
    if ((only || exclude) && !all) {
        free(files);
        free(cc_flags);
        return usage_error("%s", "--only and --exclude need --all");
    }

    regex_t only_re, exclude_re;
    if (only && regcomp(&only_re, only, REG_EXTENDED | REG_NOSUB) != 0) {
        free(files);
        free(cc_flags);
        return usage_error("--only: invalid regular expression '%s'", only);
    }
    if (exclude &&
        regcomp(&exclude_re, exclude, REG_EXTENDED | REG_NOSUB) != 0) {
        if (only)
            regfree(&only_re);
        free(files);
        free(cc_flags);
        return usage_error("--exclude: invalid regular expression '%s'",
                           exclude);
    }

    const char *cxx = cxx_language(extra, nextra);
    if (cxx) {
        free(files);
        free(cc_flags);
        if (only)
            regfree(&only_re);
        if (exclude)
            regfree(&exclude_re);
        return usage_error("C++ is not supported (-x %s): scope-rewrite "
                           "instruments C only", cxx);
    }

    char *root_abs = path_abs(root ? root : ".");
    char *out_abs = out ? path_abs(out) : NULL;
    char **abs = xmalloc(nfiles * sizeof *abs);
    char **rel = xmalloc(nfiles * sizeof *rel);
    int *skip = calloc(nfiles, sizeof *skip);
    int status = 0;

    /* Resolve every input, and refuse an output directory on top of them,
     * before anything is written. */
    for (size_t i = 0; i < nfiles; i++) {
        abs[i] = path_abs(files[i]);
        {
            /* The copy keeps the name the file was given by: a source that
             * is a link (x.c to x.c.dist) is copied as x.c. */
            char *dir = path_dirname(files[i]);
            char *dir_abs = path_abs(dir);
            const char *base = strrchr(files[i], '/');
            char *lexical = path_join(dir_abs, base ? base + 1 : files[i]);
            rel[i] = path_below(root_abs, lexical);
            free(lexical);
            free(dir_abs);
            free(dir);
        }
        struct stat st;
        if (stat(abs[i], &st) != 0) {
            diag_error(files[i], 0, 0, "no such file");
            skip[i] = 1;
        } else if (!S_ISREG(st.st_mode)) {
            diag_error(files[i], 0, 0, "not a regular file");
            skip[i] = 1;
        } else if (is_cxx_name(files[i])) {
            /* libclang would parse it, and the copy would not compile: the
             * probes and the walker know C only. */
            diag_error(files[i], 0, 0, "C++ is not supported: scope-rewrite "
                                       "instruments C only");
            skip[i] = 1;
        } else if (!rel[i] || !*rel[i]) {
            diag_error(files[i], 0, 0, "outside the root directory '%s' "
                                       "(see --root)", root_abs);
            skip[i] = 1;
        }
        for (size_t j = 0; j < i && !skip[i]; j++)
            if (strcmp(abs[i], abs[j]) == 0) {
                diag_note(files[i], 0, 0, "given more than once; rewritten "
                                          "once");
                skip[i] = 2;
            }
        if (skip[i] == 1)
            status = 1;
    }
    if (out_abs) {
        for (size_t i = 0; i < nfiles; i++) {
            if (skip[i])
                continue;
            char *dir = path_dirname(abs[i]);
            char *dest = path_join(out_abs, rel[i]);
            char *dest_abs = path_abs(dest);
            int clash = strcmp(dir, out_abs) == 0 ||
                        strcmp(root_abs, out_abs) == 0;
            for (size_t j = 0; j < nfiles && !clash; j++)
                if (strcmp(dest_abs, abs[j]) == 0)
                    clash = 1;
            /* An input inside the output tree: a copy could land on it,
             * now or on the next run. */
            char *under = clash ? NULL : path_below(out_abs, abs[i]);
            if (clash) {
                diag_report(DIAG_ERROR, NULL, 0, 0,
                            "output directory '%s' would overwrite the input "
                            "'%s'; choose another -o",
                            out, files[i]);
                status = 2;
            } else if (under && *under) {
                diag_report(DIAG_ERROR, NULL, 0, 0,
                            "output directory '%s' holds the input '%s'; "
                            "choose another -o",
                            out, files[i]);
                status = 2;
            }
            free(under);
            free(dest_abs);
            free(dest);
            free(dir);
            if (status == 2)
                break;
        }
        if (status != 2 && !list && !out_dir_usable(out, out_abs))
            status = 2;
        for (size_t i = 0; i < nfiles && status != 2 && !list; i++)
            if (!skip[i] && !dest_usable(out, out_abs, rel[i], files[i]))
                status = 2;
    }
    predef_set_extra(cc_flags, ncc_flags);
    if (status != 2 && cc && *cc && predef_check(cc) != 0)
        status = 2;

    if (status != 2) {
        cdb db = { NULL, 0 };
        int have_db = 0;
        if (build_dir) {
            if (cdb_load(build_dir, &db) != 0)
                status = 2;
            else
                have_db = 1;
        }
        if (status != 2) {
            rewrite_options opt;
            memset(&opt, 0, sizeof opt);
            opt.out_dir = list ? NULL : out_abs;
            opt.extra_args = extra;
            opt.nextra = nextra;
            opt.db = have_db ? &db : NULL;
            opt.resource_dir = resource_dir ? resource_dir
                                            : default_resource_dir();
            opt.inputs = abs;
            opt.root = root_abs;
            opt.ninputs = nfiles;
            opt.list = list;
            opt.no_lines = no_lines;
            opt.all = all;
            opt.names_as_given = names_as_given;
            opt.keep_includes = keep_includes;
            opt.cc = cc && *cc ? cc : NULL;
            opt.only = only ? &only_re : NULL;
            opt.exclude = exclude ? &exclude_re : NULL;
            sbuf deps;
            sbuf_init(&deps);
            opt.deps = depfile ? &deps : NULL;

            /* excludeDeclarationsFromPCH = 0, displayDiagnostics = 0: the
             * parser's messages go through diag_ only. */
            CXIndex index = clang_createIndex(0, 0);
            for (size_t i = 0; i < nfiles; i++) {
                if (skip[i] == 2)
                    continue;
                if (skip[i] ||
                    rewrite_file(index, &opt, files[i], abs[i], rel[i]) != 0) {
                    status = 1;
                    if (!list && rel[i] && *rel[i])
                        remove_stale(out_abs, rel[i]);
                }
            }
            clang_disposeIndex(index);
            /* Only a complete run has complete dependencies; after a
             * failure the build runs the command again anyway. */
            if (depfile && status == 0 &&
                path_write_atomic(depfile, sbuf_str(&deps), deps.len) != 0) {
                diag_error(depfile, 0, 0, "cannot write: %s",
                           strerror(errno));
                status = 1;
            }
            sbuf_free(&deps);
        }
        if (have_db)
            cdb_free(&db);
    }

    for (size_t i = 0; i < nfiles; i++) {
        free(abs[i]);
        free(rel[i]);
    }
    free(abs);
    free(rel);
    free(skip);
    free(root_abs);
    free(out_abs);
    free(files);
    free(cc_flags);
    if (only)
        regfree(&only_re);
    if (exclude)
        regfree(&exclude_re);
    predef_reset();
    return status;
}
