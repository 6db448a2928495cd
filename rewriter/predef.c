/*
 * predef.c - the build compiler's predefined macros for the parse (see
 * predef.h).
 *
 * The compiler is asked once per distinct (compiler, flags) pair: only the
 * flags that change predefined macros take part (-std, -ansi, -O, -m, -f,
 * -pthread), so a build whose files share their flags pays for one
 * `-dM -E` run per scope-rewrite process.
 */
#define _GNU_SOURCE /* posix_spawn file actions under -std=c11 */
#include "predef.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "path.h"
#include "sbuf.h"

extern char **environ;

typedef struct predef_entry {
    char *key;      /* compiler, then each selected flag, '\n'-separated */
    char **flags;   /* what to prepend (NULL: nothing: clang, or failed) */
    size_t nflags;
} predef_entry;

static predef_entry *cache;
static size_t ncache;
static char *const *extra;
static size_t nextra;

void predef_set_extra(char *const *flags, size_t n)
{
    extra = flags;
    nextra = n;
}

void predef_reset(void)
{
    for (size_t i = 0; i < ncache; i++) {
        free(cache[i].key);
        for (size_t j = 0; j < cache[i].nflags; j++)
            free(cache[i].flags[j]);
        free(cache[i].flags);
    }
    free(cache);
    cache = NULL;
    ncache = 0;
}

static int has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Does flag `a` change the compiler's predefined macros? Flags that make
 * the compiler write files or load code of its own are left out even when
 * they would. */
static int changes_predefs(const char *a)
{
    static const char *const not_f[] = {
        "-fdump", "-fplugin", "-fprofile", "-fauto-profile", "-fsyntax-only",
        "-fopt-info", "-fcallgraph-info", "-fstack-usage", "-fdebug-prefix-map",
        "-ffile-prefix-map", "-fmacro-prefix-map", "-fdiagnostics", "-fcolor",
        "-fmessage-length", "-flto", "-fopenmp-simd", NULL
    };
    if (strcmp(a, "-ansi") == 0 || strcmp(a, "-pthread") == 0 ||
        strcmp(a, "-undef") == 0 || has_prefix(a, "-std=") ||
        has_prefix(a, "-O") || (has_prefix(a, "-m") && strcmp(a, "-mllvm")))
        return 1;
    if (has_prefix(a, "-f")) {
        for (const char *const *p = not_f; *p; p++)
            if (has_prefix(a, *p))
                return 0;
        return 1;
    }
    return 0;
}

const char *predef_command_compiler(char *const *argv, size_t argc)
{
    static const char *const launchers[] = { "ccache", "sccache", "distcc",
                                             "icecc", "scope-cc", NULL };
    for (size_t i = 0; i < argc; i++) {
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        int launcher = 0;
        for (const char *const *l = launchers; *l && !launcher; l++)
            launcher = strcmp(base, *l) == 0;
        if (!launcher)
            return argv[i][0] == '-' ? NULL : argv[i];
    }
    return NULL;
}

/* Run `argv` with stdin and stderr on /dev/null; its stdout goes to
 * `out`. Returns its exit status, or -1 when it could not be run. */
static int run_capture(char *const *argv, sbuf *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        errno = rc;
        return -1;
    }
    char buf[4096];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sbuf_add(out, buf, (size_t)n);
    }
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* The value of macro `name` in -dM output `dm`, or NULL. */
static const char *dm_value(const char *dm, const char *name, size_t *len)
{
    size_t n = strlen(name);
    for (const char *p = dm; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
        if (strncmp(p, "#define ", 8) == 0 && strncmp(p + 8, name, n) == 0 &&
            (p[8 + n] == ' ' || p[8 + n] == '\n' || p[8 + n] == '\0')) {
            const char *v = p + 8 + n;
            if (*v == ' ')
                v++;
            const char *e = strchr(v, '\n');
            *len = e ? (size_t)(e - v) : strlen(v);
            return v;
        }
    }
    return NULL;
}

static int dm_equals(const char *dm, const char *name, const char *value)
{
    size_t n;
    const char *v = dm_value(dm, name, &n);
    return v && n == strlen(value) && memcmp(v, value, n) == 0;
}

static void push(char ***v, size_t *n, size_t *cap, char *s)
{
    if (*n + 1 >= *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = s;
}

/* The -std= that names the dialect `dm` describes, for a command that set
 * none: the compiler's default may not be libclang's. */
static char *std_flag(const char *dm)
{
    static const struct { const char *ver, *name; } stds[] = {
        { "199901L", "99" }, { "201112L", "11" }, { "201710L", "17" },
        { "202000L", "2x" }, { "202311L", "2x" }, { NULL, NULL }
    };
    int strict = dm_value(dm, "__STRICT_ANSI__", &(size_t){ 0 }) != NULL;
    size_t n;
    const char *v = dm_value(dm, "__STDC_VERSION__", &n);
    sbuf b;
    sbuf_init(&b);
    if (!v) {
        sbuf_adds(&b, strict ? "-std=c89" : "-std=gnu89");
        return sbuf_take(&b);
    }
    if (n == 7 && memcmp(v, "199409L", 7) == 0) {
        sbuf_adds(&b, "-std=iso9899:199409");
        return sbuf_take(&b);
    }
    for (size_t i = 0; stds[i].ver; i++)
        if (n == strlen(stds[i].ver) && memcmp(v, stds[i].ver, n) == 0) {
            sbuf_printf(&b, "-std=%s%s", strict ? "c" : "gnu", stds[i].name);
            return sbuf_take(&b);
        }
    sbuf_free(&b);
    return NULL;
}

/* Turn -dM output into parse flags. Returns 0, or 1 when the compiler is
 * clang (nothing to change). */
static int dm_flags(const char *dm, int has_std, char ***v, size_t *n)
{
    size_t cap = 0;
    if (dm_value(dm, "__clang__", &(size_t){ 0 }))
        return 1;
    push(v, n, &cap, xstrdup("-undef"));
    /* gcc's builtins that clang does not know are calls of undeclared
     * functions to it: an error by default for names starting with
     * __builtin_, and the parse must not stop there. */
    push(v, n, &cap, xstrdup("-Wno-implicit-function-declaration"));
    if (!has_std) {
        char *s = std_flag(dm);
        if (s)
            push(v, n, &cap, s);
    }
    for (const char *p = dm; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 8 && strncmp(p, "#define ", 8) == 0) {
            const char *name = p + 8, *end = p + len;
            const char *q = name;
            while (q < end && *q != ' ' && *q != '(')
                q++;
            if (q < end && *q == '(') {
                while (q < end && *q != ')')
                    q++;
                if (q < end)
                    q++;
            }
            /* q: the end of the name and its parameter list */
            if (strncmp(name, "__has_", 6) != 0) {
                sbuf b;
                sbuf_init(&b);
                sbuf_adds(&b, "-D");
                sbuf_add(&b, name, (size_t)(q - name));
                sbuf_addc(&b, '=');
                if (q < end && *q == ' ')
                    sbuf_add(&b, q + 1, (size_t)(end - q - 1));
                push(v, n, &cap, sbuf_take(&b));
            }
        }
        p += len + (e ? 1 : 0);
    }

    /* What clang needs to parse the branches system headers take for a
     * newer gcc: glibc declares functions with the _FloatN types, which
     * gcc has built in and clang (at least up to 17) does not, and uses
     * the two-argument malloc attribute from gcc 11 on. */
    size_t ln, fn;
    const char *ldbl = dm_value(dm, "__LDBL_MANT_DIG__", &ln);
    const char *f64x;
    if (dm_value(dm, "__FLT32_MANT_DIG__", &fn))
        push(v, n, &cap, xstrdup("-D_Float32=float"));
    if (dm_value(dm, "__FLT64_MANT_DIG__", &fn))
        push(v, n, &cap, xstrdup("-D_Float64=double"));
    if (dm_value(dm, "__FLT32X_MANT_DIG__", &fn))
        push(v, n, &cap, xstrdup("-D_Float32x=double"));
    if ((f64x = dm_value(dm, "__FLT64X_MANT_DIG__", &fn)) != NULL)
        push(v, n, &cap, xstrdup(ldbl && ln == fn && memcmp(ldbl, f64x, fn) == 0
                                     ? "-D_Float64x=long double"
                                     : "-D_Float64x=__float128"));
    if (dm_value(dm, "__FLT128_MANT_DIG__", &fn))
        push(v, n, &cap, xstrdup(dm_equals(dm, "__LDBL_MANT_DIG__", "113")
                                     ? "-D_Float128=long double"
                                     : "-D_Float128=__float128"));
    push(v, n, &cap, xstrdup("-D__malloc__(...)=__malloc__"));
    /* gcc 9's attribute query takes an attribute name, which clang would
     * read as an undeclared identifier. */
    push(v, n, &cap, xstrdup("-D__builtin_has_attribute(...)=0"));
    /* clang's <stdatomic.h> spells gcc's lock-free macros its own way, and
     * x86 gcc has the address-space keywords that clang defines as macros. */
    for (const char *p = dm; (p = strstr(p, "#define __GCC_ATOMIC_")) != NULL;
         p++) {
        const char *s = p + 21, *e = strchr(s, ' ');
        const char *nl = strchr(s, '\n');
        if (!e || (nl && nl < e) || (size_t)(e - s) < 10 ||
            memcmp(e - 10, "_LOCK_FREE", 10) != 0)
            continue;
        sbuf b;
        sbuf_init(&b);
        sbuf_adds(&b, "-D__CLANG_ATOMIC_");
        sbuf_add(&b, s, (size_t)((nl ? nl : e + strlen(e)) - s));
        char *f = sbuf_take(&b);
        char *sp = strchr(f, ' ');
        *sp = '=';
        push(v, n, &cap, f);
    }
    if (dm_value(dm, "__x86_64__", &fn) || dm_value(dm, "__i386__", &fn)) {
        push(v, n, &cap, xstrdup("-D__seg_fs=__attribute__((address_space(257)))"));
        push(v, n, &cap, xstrdup("-D__seg_gs=__attribute__((address_space(256)))"));
    }
    return 0;
}

/* The cache entry for `compiler` with `args`, made on first use. */
static predef_entry *lookup(const char *compiler, const char *dir,
                            char *const *args, size_t nargs, int quiet,
                            int *ran)
{
    char *exe = (dir && strchr(compiler, '/') && compiler[0] != '/')
                    ? path_join(dir, compiler)
                    : xstrdup(compiler);
    sbuf key;
    sbuf_init(&key);
    sbuf_adds(&key, exe);
    int has_std = 0;
    size_t nsel = 0;
    for (size_t i = 0; i < nargs; i++) {
        if (strcmp(args[i], "-Xclang") == 0 || strcmp(args[i], "-mllvm") == 0 ||
            strcmp(args[i], "-Xpreprocessor") == 0) {
            i++;
            continue;
        }
        if (changes_predefs(args[i])) {
            sbuf_addc(&key, '\n');
            sbuf_adds(&key, args[i]);
            nsel++;
            has_std |= has_prefix(args[i], "-std=") || !strcmp(args[i], "-ansi");
        }
    }
    for (size_t i = 0; i < ncache; i++)
        if (strcmp(cache[i].key, sbuf_str(&key)) == 0) {
            sbuf_free(&key);
            free(exe);
            *ran = 1;
            return &cache[i];
        }

    /* exe, the selected flags, -dM -E -x c /dev/null */
    char **cmd = xmalloc((nsel + 7) * sizeof *cmd);
    size_t c = 0;
    cmd[c++] = exe;
    for (size_t i = 0; i < nargs; i++) {
        if (strcmp(args[i], "-Xclang") == 0 || strcmp(args[i], "-mllvm") == 0 ||
            strcmp(args[i], "-Xpreprocessor") == 0) {
            i++;
            continue;
        }
        if (changes_predefs(args[i]))
            cmd[c++] = args[i];
    }
    cmd[c++] = "-dM";
    cmd[c++] = "-E";
    cmd[c++] = "-x";
    cmd[c++] = "c";
    cmd[c++] = "/dev/null";
    cmd[c] = NULL;
    sbuf out;
    sbuf_init(&out);
    int st = run_capture(cmd, &out);
    int err = errno;

    cache = xrealloc(cache, (ncache + 1) * sizeof *cache);
    predef_entry *pe = &cache[ncache++];
    pe->key = sbuf_take(&key);
    pe->flags = NULL;
    pe->nflags = 0;
    *ran = st == 0;
    if (st != 0) {
        if (!quiet) {
            if (st < 0)
                diag_note(NULL, 0, 0, "cannot run the compiler '%s' (%s): "
                          "parsing with libclang's predefined macros",
                          exe, strerror(err));
            else
                diag_note(NULL, 0, 0, "'%s -dM -E' failed (exit status %d): "
                          "parsing with libclang's predefined macros",
                          exe, st);
        }
    } else if (dm_flags(sbuf_str(&out), has_std, &pe->flags, &pe->nflags)) {
        free(pe->flags);
        pe->flags = NULL;
        pe->nflags = 0;
    }
    sbuf_free(&out);
    free(cmd);
    free(exe);
    return pe;
}

void predef_apply(const char *compiler, const char *dir, char ***argv,
                  size_t *argc)
{
    if (!compiler || !*compiler)
        return;
    int ran;
    /* The parse's own flags, then --cc-flag's. */
    char **all = xmalloc((*argc + nextra + 1) * sizeof *all);
    memcpy(all, *argv, *argc * sizeof *all);
    if (nextra)
        memcpy(all + *argc, extra, nextra * sizeof *all);
    predef_entry *pe = lookup(compiler, dir, all, *argc + nextra, 0, &ran);
    free(all);
    if (pe->nflags == 0)
        return;
    /* The compiler's macros first: the file's own -D and -U win. */
    char **v = xmalloc((pe->nflags + *argc + 1) * sizeof *v);
    for (size_t i = 0; i < pe->nflags; i++)
        v[i] = xstrdup(pe->flags[i]);
    memcpy(v + pe->nflags, *argv, *argc * sizeof *v);
    v[pe->nflags + *argc] = NULL;
    free(*argv);
    *argv = v;
    *argc += pe->nflags;
}

int predef_check(const char *compiler)
{
    int ran;
    lookup(compiler, NULL, NULL, 0, 1, &ran);
    if (!ran) {
        diag_report(DIAG_ERROR, NULL, 0, 0, "--cc: cannot run '%s -dM -E "
                    "-x c /dev/null'", compiler);
        return -1;
    }
    return 0;
}
