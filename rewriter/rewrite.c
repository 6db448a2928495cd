/*
 * rewrite.c - the per-file pipeline (see rewrite.h).
 */
#include "rewrite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annot.h"
#include "diag.h"
#include "edit.h"
#include "incl.h"
#include "path.h"
#include "predef.h"
#include "sbuf.h"
#include "walk.h"
#include "write.h"

/* The probes' names, as the rewriter writes them into code. Only code
 * counts: a comment or a string that merely mentions them (the rewriter's
 * own sources do) does not make a file instrumented. */
static int code_has_mark(const char *text, size_t len, size_t at)
{
    static const char *const marks[] = {
        "SCOPE_FRAME(scope__f", "SCOPE_FRAME_ONLY(scope__f",
        "SCOPE_REGION(scope__r",
        "static const char scope__f", "static const char *const scope__f",
        "static const unsigned scope__f", "static scope_func_desc scope__f",
        "static scope_region_site scope__r",
        NULL
    };
    for (const char *const *m = marks; *m; m++) {
        size_t n = strlen(*m);
        if (n <= len - at && memcmp(text + at, *m, n) == 0)
            return 1;
    }
    return 0;
}

int rewrite_is_instrumented(const char *text, size_t len, size_t *at)
{
    size_t i = 0;
    while (i < len) {
        char c = text[i];
        if (c == '/' && i + 1 < len && text[i + 1] == '*') {
            const char *end = NULL;
            for (size_t j = i + 2; j + 1 < len; j++)
                if (text[j] == '*' && text[j + 1] == '/') {
                    end = text + j + 2;
                    break;
                }
            i = end ? (size_t)(end - text) : len;
        } else if (c == '/' && i + 1 < len && text[i + 1] == '/') {
            /* A line comment ends at a newline not escaped by a backslash. */
            i += 2;
            while (i < len && !(text[i] == '\n' && text[i - 1] != '\\'))
                i++;
        } else if (c == '"' || c == '\'') {
            /* A literal ends at its unescaped quote or, unterminated, at
             * the end of the line. */
            for (i++; i < len && text[i] != c && text[i] != '\n'; i++)
                if (text[i] == '\\' && i + 1 < len)
                    i++;
            i++;
        } else {
            if ((c == 'S' || c == 's') && code_has_mark(text, len, i)) {
                if (at)
                    *at = i;
                return 1;
            }
            i++;
        }
    }
    return 0;
}

/* Line and column (1-based, in bytes) of byte `off` of `text`. */
static void line_col(const char *text, size_t off, unsigned *line,
                     unsigned *col)
{
    unsigned l = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (unsigned)(off - start) + 1;
}

static int is_input(const rewrite_options *opt, const char *abs)
{
    for (size_t i = 0; i < opt->ninputs; i++)
        if (strcmp(opt->inputs[i], abs) == 0)
            return 1;
    return 0;
}

/* Quoted includes that the compiler finds beside the original file: point
 * them back at it from the copy, since a compiler searches beside the file
 * it reads, whatever #line says. Headers that are themselves inputs are
 * left alone: their copies sit at the same place relative to this copy. */
static void fix_includes(const rewrite_options *opt, const incl_set *copies,
                         const char *abs, const char *out_path,
                         const char *text, size_t len, edit_buf *edits)
{
    char *src_dir = path_dirname(abs);
    char *out_dir = path_dirname(out_path);
    char *rel_dir = path_relative(out_dir, src_dir);
    int in_comment = 0;
    size_t i = 0;

    while (i < len) {
        size_t eol = i;
        while (eol < len && text[eol] != '\n')
            eol++;
        size_t j = i;
        if (!in_comment) {
            while (j < eol && (text[j] == ' ' || text[j] == '\t'))
                j++;
            if (j < eol && text[j] == '#') {
                j++;
                while (j < eol && (text[j] == ' ' || text[j] == '\t'))
                    j++;
                if (eol - j > 7 && memcmp(text + j, "include", 7) == 0) {
                    j += 7;
                    while (j < eol && (text[j] == ' ' || text[j] == '\t'))
                        j++;
                    if (j < eol && text[j] == '"') {
                        size_t q = j + 1;
                        while (q < eol && text[q] != '"')
                            q++;
                        if (q < eol && q > j + 1 && text[j + 1] != '/') {
                            char *name = xstrndup(text + j + 1, q - j - 1);
                            char *beside = path_join(src_dir, name);
                            char *beside_abs = path_abs(beside);
                            struct stat st;
                            if (stat(beside, &st) == 0 && S_ISREG(st.st_mode) &&
                                !is_input(opt, beside_abs) &&
                                !incl_has_copy(copies, beside_abs)) {
                                char *np = path_join(rel_dir, name);
                                edit_replace(edits, j + 1, q - j - 1, np);
                                free(np);
                            }
                            free(beside_abs);
                            free(beside);
                            free(name);
                        }
                    }
                }
            }
        }
        /* Track block comments so a commented-out #include is skipped. */
        for (size_t k = i; k < eol; k++) {
            if (!in_comment && text[k] == '/' && k + 1 < eol &&
                text[k + 1] == '/')
                break;
            if (!in_comment && text[k] == '/' && k + 1 < eol &&
                text[k + 1] == '*') {
                in_comment = 1;
                k++;
            } else if (in_comment && text[k] == '*' && k + 1 < eol &&
                       text[k + 1] == '/') {
                in_comment = 0;
                k++;
            } else if (!in_comment && (text[k] == '"' || text[k] == '\'')) {
                char qc = text[k];
                for (k++; k < eol && text[k] != qc; k++)
                    if (text[k] == '\\')
                        k++;
            }
        }
        i = eol + 1;
    }
    free(rel_dir);
    free(out_dir);
    free(src_dir);
}

/* A GNU nested function (a function defined inside a function body, which
 * gcc compiles and clang does not): clang reports this error at the
 * nested body's `{` in the file and leaves the whole definition out of the
 * tree, parsing the rest of the enclosing body as usual. So the error is
 * not fatal for the rewrite: the walker never sees the nested function,
 * leaves its text as it is, and --list says so. */
static int is_nested_function(CXDiagnostic d, const char *msg, CXFile f,
                              CXFile main, const char *text, size_t len,
                              unsigned off)
{
    (void)d;
    return f && clang_File_isEqual(f, main) && off < len &&
           text[off] == '{' &&
           strcmp(msg, "function definition is not allowed here") == 0;
}

/* Report the parser's errors. Returns how many there were. The offsets of
 * nested function bodies (see is_nested_function) go to `nested`. */
static unsigned report_parse_errors(CXTranslationUnit tu, CXFile main,
                                    const char *given, const char *text,
                                    size_t len, size_t **nested,
                                    size_t *nnested)
{
    unsigned n = clang_getNumDiagnostics(tu), errors = 0;
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            CXFile f;
            unsigned line, col, off;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f,
                                       &line, &col, &off);
            CXString msg = clang_getDiagnosticSpelling(d);
            if (is_nested_function(d, clang_getCString(msg), f, main, text,
                                   len, off)) {
                *nested = xrealloc(*nested, (*nnested + 1) * sizeof **nested);
                (*nested)[(*nnested)++] = off;
                clang_disposeString(msg);
                clang_disposeDiagnostic(d);
                continue;
            }
            if (f && clang_File_isEqual(f, main)) {
                diag_error(given, line, col, "%s", clang_getCString(msg));
            } else if (f) {
                CXString fn = clang_getFileName(f);
                diag_error(clang_getCString(fn), line, col, "%s",
                           clang_getCString(msg));
                clang_disposeString(fn);
            } else {
                diag_error(given, 0, 0, "%s", clang_getCString(msg));
            }
            clang_disposeString(msg);
            errors++;
        }
        clang_disposeDiagnostic(d);
    }
    if (errors > 0 && *nnested > 0) {
        /* A nested function named other than in a call (a qsort
         * comparator) is undeclared for the parse: say why. */
        unsigned line, col;
        line_col(text, (*nested)[0], &line, &col);
        diag_note(given, line, col, "GNU nested functions are left out of "
                                    "the parse: a use other than a call of "
                                    "one cannot be rewritten");
    }
    return errors;
}

/* Did the parse meet an error? (Nothing is printed.) */
static int parse_failed(CXTranslationUnit tu)
{
    unsigned n = clang_getNumDiagnostics(tu);
    int failed = 0;
    for (unsigned i = 0; i < n && !failed; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        failed = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(d);
    }
    return failed;
}

/* Does the text hold a quoted #include (a project file it may include)? */
static int has_quoted_include(const char *text, size_t len)
{
    for (size_t i = 0; i + 8 < len; i++) {
        if (text[i] != '#')
            continue;
        size_t j = i + 1;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (len - j > 7 && memcmp(text + j, "include", 7) == 0) {
            j += 7;
            while (j < len && (text[j] == ' ' || text[j] == '\t'))
                j++;
            if (j < len && (text[j] == '"' || text[j] == '<'))
                return 1;
        }
    }
    return 0;
}

/* Compiler arguments for the parse: the database's, then the command
 * line's, then the resource directory unless one was given, then -w. */
static char **parse_args(const rewrite_options *opt, const char *abs,
                         const char *given, size_t *argc)
{
    size_t n = 0, ndb = 0;
    char **dbargs = NULL;
    const cdb_entry *e = NULL;

    if (opt->db) {
        e = cdb_find(opt->db, abs);
        if (e)
            dbargs = cdb_flags(e, &ndb);
        else
            diag_note(given, 0, 0, "not in the compilation database; parsed "
                                   "with the command-line flags only");
    }
    char **v = xmalloc((ndb + opt->nextra + 6) * sizeof *v);
    int has_rd = 0;
    for (size_t i = 0; i < ndb; i++)
        v[n++] = xstrdup(dbargs[i]);
    for (size_t i = 0; i < opt->nextra; i++)
        v[n++] = xstrdup(opt->extra_args[i]);
    for (size_t i = 0; i < n; i++)
        if (strncmp(v[i], "-resource-dir", 13) == 0)
            has_rd = 1;
    /* OpenMP is parsed as plain C: with -fopenmp clang hides the statements
     * a directive governs inside a captured region the walker cannot see.
     * The walker finds the directives in the text instead, and _OPENMP
     * keeps `#ifdef _OPENMP` code visible as the compiler will see it. */
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], "-fopenmp") == 0 ||
            strncmp(v[i], "-fopenmp=", 9) == 0) {
            free(v[i]);
            v[i] = xstrdup("-D_OPENMP=201511");
        } else if (strcmp(v[i], "-fopenmp-simd") == 0) {
            free(v[i]);
            v[i] = xstrdup("-w");
        }
    if (!has_rd && opt->resource_dir) {
        v[n++] = xstrdup("-resource-dir");
        v[n++] = xstrdup(opt->resource_dir);
    }
    /* No warnings: only errors stop a rewrite, and with warnings off the
     * parser also skips the analyses behind them (a control-flow graph per
     * function for -Wreturn-type, for instance), about a tenth of a parse.
     * A warning the build turns into an error (-Werror) is left for the
     * compiler to report on the instrumented copy, where #line points it
     * at the original. */
    v[n++] = xstrdup("-w");
    /* C whatever the name: a source may be a link to `x.c.dist`, whose
     * real name libclang would otherwise take the language from. Last, so
     * that it applies to the source alone (libclang appends it), not to a
     * word of a database command such as a launcher's compiler name. */
    v[n++] = xstrdup("-x");
    v[n++] = xstrdup("c");
    v[n] = NULL;
    /* The build compiler's predefined macros (predef.h): --cc's, else the
     * database command's. */
    if (opt->cc)
        predef_apply(opt->cc, NULL, &v, &n);
    else if (e)
        predef_apply(predef_command_compiler(e->argv, e->argc), e->directory,
                     &v, &n);
    cdb_free_flags(dbargs);
    *argc = n;
    return v;
}

static void list_result(const walk_result *res, const char *given)
{
    for (size_t i = 0; i < res->nfuncs; i++) {
        const walk_func *f = &res->funcs[i];
        printf("%s:%u: %s -> %s\n", given, f->line, f->name, f->region);
        for (size_t j = 0; j < f->nnotes; j++)
            diag_list_note(given, f->notes[j].line, "not probed: %s",
                           f->notes[j].reason);
    }
    for (size_t i = 0; i < res->nsites; i++)
        if (!res->sites[i].is_function)
            printf("%s:%u: statement in %s -> %s\n", given,
                   res->sites[i].line, res->sites[i].function,
                   res->sites[i].name);
}

/* A path in a Make rule: spaces, `#` and `$` escaped as GNU make and
 * Ninja read them. */
static void dep_path(sbuf *b, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '#')
            sbuf_addc(b, '\\');
        else if (*p == '$')
            sbuf_addc(b, '$');
        sbuf_addc(b, *p);
    }
}

/* Every file the parse read besides the main file, for the depfile: a
 * header's macros decide where probes go, so editing one must make the
 * copy again. */
static void collect_inclusion(CXFile included, CXSourceLocation *stack,
                              unsigned depth, CXClientData data)
{
    sbuf *b = data, one;
    CXString name;
    (void)stack;
    if (depth == 0)
        return; /* the main file */
    name = clang_getFileName(included);
    sbuf_init(&one);
    sbuf_addc(&one, ' ');
    dep_path(&one, clang_getCString(name));
    clang_disposeString(name);
    /* A header included from several places is listed once. */
    const char *all = sbuf_str(b), *at = all;
    size_t n = one.len;
    while ((at = strstr(at, one.data)) != NULL &&
           at[n] != ' ' && at[n] != '\0')
        at += n;
    if (!at)
        sbuf_add(b, one.data, n);
    sbuf_free(&one);
}

/* Copies written in this run, with a hash of their bytes: several inputs
 * may include one header, and must agree on its copy. */
static struct written {
    char *path;
    unsigned long long hash;
} *written;
static size_t nwritten;

static unsigned long long fnv1a(const char *s, size_t n)
{
    unsigned long long h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* Write the copies of the project files that `given` (at main_abs)
 * includes. Returns the number of errors. */
static unsigned write_included(const rewrite_options *opt, incl_set *set,
                               const char *given, const char *main_abs)
{
    unsigned errors = 0;
    char *main_dir = path_dirname(main_abs);
    for (size_t i = 0; i < set->n; i++) {
        incl_file *x = &set->v[i];
        if (!x->copy)
            continue;
        char *out_path = path_join(opt->out_dir, x->rel);
        /* --keep-includes relies on the build searching the main file's
         * directory first: that stands in for a header's own directory
         * only when the header is in the main file's. A header copied
         * from elsewhere (unix/internal.h) would not find the files
         * beside its original (linux-syscalls.h), so its includes point
         * back at them. */
        char *dir = path_dirname(x->abs);
        int same_dir = strcmp(dir, main_dir) == 0;
        free(dir);
        if (!opt->keep_includes || !same_dir)
            fix_includes(opt, set, x->abs, out_path, x->text, x->len,
                         &x->edits);
        incl_redirect(set, (long)i, x->abs, x->text, x->len, out_path,
                      opt->out_dir, &x->edits);
        /* Named as the main file is: below the root, or (as given) from
         * the current directory, as the compiler names it. */
        char *display = NULL;
        if (opt->names_as_given) {
            char *cwd = path_abs(".");
            display = path_relative(cwd, x->abs);
            free(cwd);
        }
        sbuf out;
        sbuf_init(&out);
        if (x->probed)
            write_prologue(&out, &x->res, display ? display : x->rel, x->tag,
                           x->text, x->len);
        free(display);
        edit_apply(&x->edits, x->text, x->len, &out);
        if (x->probed && x->len > 0 && x->text[x->len - 1] != '\n')
            sbuf_adds(&out, write_eol(x->text, x->len));
        unsigned long long h = fnv1a(out.data ? out.data : "", out.len);
        size_t k;
        for (k = 0; k < nwritten && strcmp(written[k].path, out_path) != 0; k++)
            ;
        if (k < nwritten) {
            if (written[k].hash != h)
                diag_report(DIAG_WARNING, given, 0, 0,
                            "includes '%s' with other macros than an input "
                            "before it: the copy made for that input is kept",
                            x->rel);
        } else if (path_write_atomic(out_path, sbuf_str(&out), out.len) != 0) {
            diag_error(out_path, 0, 0, "cannot write: %s", strerror(errno));
            errors++;
        } else {
            written = xrealloc(written, (nwritten + 1) * sizeof *written);
            written[nwritten].path = xstrdup(out_path);
            written[nwritten].hash = h;
            nwritten++;
        }
        sbuf_free(&out);
        free(out_path);
    }
    free(main_dir);
    return errors;
}

int rewrite_file(CXIndex index, const rewrite_options *opt, const char *given,
                 const char *abs, const char *rel)
{
    char *text = NULL, *out_path = NULL, *tag = write_tag(opt->names_as_given ? given : rel);
    size_t len = 0;
    annot_list annots = { NULL, 0, 0 };
    edit_buf edits;
    walk_result res;
    sbuf out;
    CXTranslationUnit tu = NULL;
    size_t *nested = NULL, nnested = 0; /* GNU nested function bodies */
    sbuf headers;                        /* " dep dep ..." for --depfile */
    incl_set copies;                     /* included project files */
    unsigned bad = 0;                    /* annotation errors */
    int status = 1;

    memset(&copies, 0, sizeof copies);

    edit_init(&edits);
    sbuf_init(&out);
    sbuf_init(&headers);
    memset(&res, 0, sizeof res);

    if (path_read(abs, &text, &len) != 0) {
        diag_error(given, 0, 0, "cannot read: %s", strerror(errno));
        goto done;
    }
    const char *nul = memchr(text, '\0', len);
    size_t mark;
    if (nul) {
        unsigned line, col;
        line_col(text, (size_t)(nul - text), &line, &col);
        diag_error(given, line, col, "not a C source file (it contains NUL "
                                     "bytes)");
        goto done;
    }
    if (rewrite_is_instrumented(text, len, &mark)) {
        unsigned line, col;
        line_col(text, mark, &line, &col);
        diag_error(given, line, col, "already instrumented by scope-rewrite "
                                     "(rewrite the original source instead)");
        goto done;
    }
    /* A mistaken annotation is reported and left out; the rest of the file
     * is still rewritten (exit status 1 says something was wrong). */
    bad += annot_scan(given, text, len, &annots);
    if (opt->out_dir)
        out_path = path_join(opt->out_dir, rel);

    /* A file with nothing annotated is parsed only for the project files
     * it includes, which may hold annotations; if that parse fails, the
     * file is copied as it is, as it would have been without them. */
    int annotated = annots.n > 0 || opt->all;
    int for_includes = !annotated && opt->root && opt->out_dir &&
                       has_quoted_include(text, len);
    if (annotated || for_includes || (opt->list && opt->root &&
                                      has_quoted_include(text, len))) {
        size_t argc;
        char **argv = parse_args(opt, abs, given, &argc);
        enum CXErrorCode ec = clang_parseTranslationUnit2(
            index, abs, (const char *const *)argv, (int)argc, NULL, 0,
            CXTranslationUnit_DetailedPreprocessingRecord, &tu);
        cdb_free_flags(argv);
        if ((ec != CXError_Success || !tu) && !annotated) {
            tu = NULL;
            goto parsed;
        }
        if (ec != CXError_Success || !tu) {
            diag_error(given, 0, 0, "libclang could not parse the file "
                                    "(error code %d)", (int)ec);
            tu = NULL;
            goto done;
        }
        CXFile main = clang_getFile(tu, abs);
        if (!annotated && parse_failed(tu)) {
            clang_disposeTranslationUnit(tu);
            tu = NULL;
            goto parsed;
        }
        if (report_parse_errors(tu, main, given, text, len, &nested,
                                &nnested) != 0)
            goto done;
        walk_options wo;
        memset(&wo, 0, sizeof wo);
        wo.no_lines = opt->no_lines;
        wo.all = opt->all;
        wo.only = opt->only;
        wo.exclude = opt->exclude;
        wo.verbose_skips = opt->list;
        wo.nested = nested;
        wo.tag = tag;
        wo.nnested = nnested;
        bad += walk_unit(tu, main, given, text, len, &annots, &wo, &edits, &res);
        if (opt->root) {
            incl_options io = { opt->root, opt->inputs, opt->ninputs, &wo,
                                opt->all };
            bad += incl_collect(tu, main, &io, &copies);
        }
        if (opt->deps)
            clang_getInclusions(tu, collect_inclusion, &headers);
        /* Everything needed from the parse is in `edits` and `res` now:
         * the AST (hundreds of megabytes for a large file) goes before the
         * output is produced rather than after. */
        clang_disposeTranslationUnit(tu);
        tu = NULL;
    }
parsed:
    if (opt->list) {
        list_result(&res, given);
        for (size_t i = 0; i < copies.n; i++)
            if (copies.v[i].probed)
                list_result(&copies.v[i].res, copies.v[i].rel);
        status = bad ? 1 : 0;
        goto done;
    }

    if (!opt->keep_includes)
        fix_includes(opt, &copies, abs, out_path, text, len, &edits);
    incl_redirect(&copies, -1, abs, text, len, out_path, opt->out_dir, &edits);
    int instrumented = res.nfuncs > 0 || res.nsites > 0;
    const char *display = opt->names_as_given ? given : rel;
    char *tmp = NULL;
    int fd = path_atomic_open(out_path, &tmp);
    if (fd < 0) {
        diag_error(out_path, 0, 0, "cannot write: %s", strerror(errno));
        goto done;
    }
    /* The copy goes to the file as it is produced, through a buffer of
     * fixed size: an instrumented copy is several times its original, and
     * building it whole in memory made its pages a cost of their own. */
    sbuf_stream(&out, fd);
    if (instrumented)
        write_prologue(&out, &res, display, tag, text, len);
    edit_apply(&edits, text, len, &out);
    /* A copy ends with a line end, even where its original does not: C90
     * asks for one, and clang -pedantic says so. */
    if (instrumented && len > 0 && text[len - 1] != '\n')
        sbuf_adds(&out, write_eol(text, len));
    if (path_atomic_close(fd, tmp, out_path, sbuf_flush(&out) == 0) != 0) {
        diag_error(out_path, 0, 0, "cannot write: %s", strerror(errno));
        goto done;
    }
    if (write_included(opt, &copies, given, abs) != 0)
        goto done;
    if (opt->deps) {
        dep_path(opt->deps, out_path);
        sbuf_adds(opt->deps, ": ");
        dep_path(opt->deps, abs);
        sbuf_add(opt->deps, sbuf_str(&headers), headers.len);
        sbuf_addc(opt->deps, '\n');
    }
    status = bad ? 2 : 0;
done:
    if (tu)
        clang_disposeTranslationUnit(tu);
    walk_result_free(&res);
    incl_free(&copies);
    free(nested);
    annot_free(&annots);
    edit_free(&edits);
    sbuf_free(&out);
    sbuf_free(&headers);
    free(out_path);
    free(tag);
    free(text);
    return status;
}
