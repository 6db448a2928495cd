/*
 * output.c - default report files and atomic writes (see output.h).
 *
 * The process's identity and the data directory are taken once, at
 * start-up, so that the report (perhaps from a signal handler, perhaps
 * after the program changed directory) needs no lookup: only the pid is
 * read again, because a forked child writes its own files.
 */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The program's identity and the directory pattern (absolute). */
static char program[256] = "program";
static char dir_pattern[SCOPE__PATH_MAX];
static char *args_data;            /* /proc/self/cmdline, NUL-separated */
static const char **args;          /* pointers into args_data */
static unsigned nargs;

/* Append src to dst[size] at *n (truncating); keeps dst NUL-terminated. */
static void append(char *dst, size_t size, size_t *n, const char *src)
{
    while (*src && *n + 1 < size)
        dst[(*n)++] = *src++;
    dst[*n] = '\0';
}

const char *scope__strerror(int e)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    const char *s = strerrordesc_np(e);
    return s ? s : "unknown error";
#else
    return strerror(e);
#endif
}

int scope__write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

void scope__say_error(const char *text)
{
    char line[SCOPE__PATH_MAX + 256];
    size_t n = 0;
    int saved = errno;
    append(line, sizeof line - 1, &n, "scope-profiler: error: ");
    append(line, sizeof line - 1, &n, text);
    line[n++] = '\n';
    (void)scope__write_all(2, line, n);
    errno = saved;
}

int scope__expand_into(char *buf, size_t size, const char *pattern, long pid)
{
    char num[24], *q = num + sizeof num;
    unsigned long v = pid < 0 ? 0ul : (unsigned long)pid;
    size_t n = 0;
    const char *p;
    *--q = '\0';
    do {
        *--q = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (p = pattern; *p; p++) {
        if (p[0] == '%' && p[1] == 'p') {
            const char *d;
            for (d = q; *d; d++) {
                if (n + 1 >= size)
                    return -1;
                buf[n++] = *d;
            }
            p++;
            continue;
        }
        if (p[0] == '%' && p[1] == '%')
            p++;
        if (n + 1 >= size)
            return -1;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    return 0;
}

static void set_error(char *err, size_t errlen, const char *what, const char *path, int e)
{
    size_t n = 0;
    if (!errlen)
        return;
    err[0] = '\0';
    append(err, errlen, &n, what);
    append(err, errlen, &n, path);
    append(err, errlen, &n, ": ");
    append(err, errlen, &n, scope__strerror(e));
}

static void read_identity(void)
{
    char exe[SCOPE__PATH_MAX];
    ssize_t len;
    size_t cap = 0, got = 0, i, n = 0;
    int fd;
    free(args_data);
    free(args);
    args_data = NULL;
    args = NULL;
    nargs = 0;
    /* argv: the kernel's copy, as the program sees it now. */
    fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        for (;;) {
            ssize_t r;
            if (got + 4096 + 1 > cap) {
                char *p = realloc(args_data, cap = (got + 4096 + 1) * 2);
                if (!p)
                    break;
                args_data = p;
            }
            r = read(fd, args_data + got, 4096);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        close(fd);
    }
    if (args_data) {
        args_data[got] = '\0';
        for (i = 0; i < got; i++)
            if (args_data[i] == '\0')
                n++;
        args = malloc((n + 1) * sizeof *args);
        if (args) {
            const char *s = args_data;
            for (i = 0; i < n; i++) {
                args[i] = s;
                s += strlen(s) + 1;
            }
            nargs = (unsigned)n;
        }
    }
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
    } else if (nargs) {
        size_t n = 0;
        exe[0] = '\0';
        append(exe, sizeof exe, &n, args[0]);
    } else {
        return;
    }
    {
        const char *base = strrchr(exe, '/');
        base = base ? base + 1 : exe;
        size_t n = 0;
        if (*base) {
            program[0] = '\0';
            append(program, sizeof program, &n, base);
        }
    }
}

int scope__output_init(const char *dir)
{
    char cwd[SCOPE__PATH_MAX];
    size_t n = 0;
    read_identity();
    if (!dir || !*dir)
        dir = "scope-profile";
    dir_pattern[0] = '\0';
    if (dir[0] != '/') {
        if (getcwd(cwd, sizeof cwd)) {
            append(dir_pattern, sizeof dir_pattern, &n, cwd);
            if (n && dir_pattern[n - 1] != '/')
                append(dir_pattern, sizeof dir_pattern, &n, "/");
        }
    }
    append(dir_pattern, sizeof dir_pattern, &n, dir);
    return args_data || nargs == 0 ? 0 : -1;
}

const char *scope__program(void) { return program; }
unsigned scope__argc(void) { return nargs; }
const char *const *scope__argv(void) { return args; }

int scope__default_path(char *buf, size_t size, long pid, const char *ext, char *err,
                        size_t errlen)
{
    char dir[SCOPE__PATH_MAX];
    char num[24];
    size_t n = 0;
    if (scope__expand_into(dir, sizeof dir, dir_pattern, pid) != 0) {
        set_error(err, errlen, "path too long: ", dir_pattern, ENAMETOOLONG);
        return -1;
    }
    scope__expand_into(num, sizeof num, ".%p.", pid);
    buf[0] = '\0';
    append(buf, size, &n, dir);
    append(buf, size, &n, "/");
    append(buf, size, &n, program);
    append(buf, size, &n, num);
    append(buf, size, &n, ext);
    if (n + 1 >= size) {
        set_error(err, errlen, "path too long: ", buf, ENAMETOOLONG);
        return -1;
    }
    return 0;
}

/* mkdir -p of the directory part of path (path itself is a file). */
static int make_parents(const char *path, char *err, size_t errlen)
{
    char d[SCOPE__PATH_MAX];
    size_t len = strlen(path), i;
    if (len >= sizeof d) {
        set_error(err, errlen, "cannot write ", path, ENAMETOOLONG);
        return -1;
    }
    memcpy(d, path, len + 1);
    for (i = 1; i < len; i++) {
        struct stat st;
        if (d[i] != '/')
            continue;
        d[i] = '\0';
        if (mkdir(d, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            /* A component that exists but is no directory says more. */
            if (stat(d, &st) == 0 && !S_ISDIR(st.st_mode))
                e = ENOTDIR;
            set_error(err, errlen, "cannot write ", path, e);
            return -1;
        }
        d[i] = '/';
    }
    return 0;
}

int scope__write_atomic(const char *path, const char *a, size_t alen, const char *b,
                        size_t blen, char *err, size_t errlen)
{
    char tmp[SCOPE__PATH_MAX + 32];
    char num[32];
    size_t n = 0;
    int fd, e;
    scope__expand_into(num, sizeof num, ".tmp.%p", (long)getpid());
    tmp[0] = '\0';
    append(tmp, sizeof tmp, &n, path);
    append(tmp, sizeof tmp, &n, num);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    /* The directory is made only when missing (one system call less per
     * component for every process after the first). */
    if (fd < 0 && errno == ENOENT) {
        if (make_parents(path, err, errlen) != 0)
            return -1;
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    if (fd < 0) {
        set_error(err, errlen, "cannot write ", path, errno);
        return -1;
    }
    if ((alen && scope__write_all(fd, a, alen) != 0) ||
        (blen && scope__write_all(fd, b, blen) != 0)) {
        e = errno;
        close(fd);
        unlink(tmp);
        set_error(err, errlen, "cannot write ", path, e);
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        set_error(err, errlen, "cannot write ", path, e);
        return -1;
    }
    return 0;
}
