/*
 * util.c - allocation helpers and atomic output (see util.h).
 */
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <getopt.h>
#include <unistd.h>

static void *check(void *p)
{
    if (!p) {
        fputs("scope-report: error: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

int bad_option(char **argv)
{
    fprintf(stderr, "scope-report: error: unknown option, or one missing its value: '%s'\n"
            "Try 'scope-report --help'.\n", argv[optind - 1]);
    return 2;
}

void *xcalloc(size_t n, size_t size)
{
    return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
    return check(realloc(p, size ? size : 1));
}

char *xstrdup(const char *s)
{
    return check(strdup(s ? s : ""));
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;
    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    return check(n < 0 ? NULL : s);
}

int write_atomic(const char *path, const char *data, size_t len, char *const *inputs,
                 int ninputs)
{
    struct stat out, in;
    char *tmp;
    FILE *f;
    int i, fd;
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "scope-report: error: writing stdout: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    /* A device or a FIFO (/dev/null, a terminal, a pipe) is written in
     * place: renaming a file over it would replace the device itself. */
    if (stat(path, &out) == 0 && !S_ISREG(out.st_mode)) {
        f = fopen(path, "w");
        if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (stat(path, &out) == 0)
        for (i = 0; i < ninputs; i++)
            if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
                fprintf(stderr, "scope-report: error: %s: the output is an input; "
                        "refusing to write over it\n", path);
                return -1;
            }
    tmp = xasprintf("%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        free(tmp);
        return -1;
    }
    f = fdopen(fd, "w");
    if (!f || fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fd) != 0 ||
        fchmod(fd, 0644) != 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        else
            close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
