/*
 * path.c - file-system helpers (see path.h).
 */
#define _GNU_SOURCE /* realpath, mkstemp under -std=c11 */
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sbuf.h"

char *path_normalize(const char *p)
{
    int abs = p[0] == '/';
    size_t n = strlen(p);
    /* Components as (start, length) pairs into p. */
    size_t (*comp)[2] = xmalloc((n / 2 + 2) * sizeof *comp);
    size_t nc = 0;
    size_t i = 0;

    while (i < n) {
        while (i < n && p[i] == '/')
            i++;
        size_t s = i;
        while (i < n && p[i] != '/')
            i++;
        size_t l = i - s;
        if (l == 0 || (l == 1 && p[s] == '.'))
            continue;
        if (l == 2 && p[s] == '.' && p[s + 1] == '.') {
            if (nc > 0 && !(comp[nc - 1][1] == 2 && p[comp[nc - 1][0]] == '.' &&
                            p[comp[nc - 1][0] + 1] == '.')) {
                nc--;
                continue;
            }
            if (abs)
                continue; /* "/.." is "/" */
        }
        comp[nc][0] = s;
        comp[nc][1] = l;
        nc++;
    }
    sbuf b;
    sbuf_init(&b);
    if (abs)
        sbuf_addc(&b, '/');
    for (size_t k = 0; k < nc; k++) {
        if (k)
            sbuf_addc(&b, '/');
        sbuf_add(&b, p + comp[k][0], comp[k][1]);
    }
    if (b.len == 0)
        sbuf_addc(&b, '.');
    free(comp);
    return sbuf_take(&b);
}

char *path_join(const char *a, const char *b)
{
    if (b[0] == '/' || a[0] == '\0')
        return xstrdup(b);
    sbuf s;
    sbuf_init(&s);
    sbuf_adds(&s, a);
    if (a[strlen(a) - 1] != '/')
        sbuf_addc(&s, '/');
    sbuf_adds(&s, b);
    return sbuf_take(&s);
}

char *path_dirname(const char *p)
{
    const char *slash = strrchr(p, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == p)
        return xstrdup("/");
    return xstrndup(p, (size_t)(slash - p));
}

char *path_abs(const char *p)
{
    char *joined;
    if (p[0] == '/') {
        joined = xstrdup(p);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            strcpy(cwd, "/");
        joined = path_join(cwd, p);
    }
    char *norm = path_normalize(joined);
    free(joined);

    /* Resolve the longest existing prefix, keep the rest as written. */
    size_t n = strlen(norm);
    size_t cut = n;
    for (;;) {
        char *prefix = xstrndup(norm, cut);
        char *real = realpath(cut ? prefix : "/", NULL);
        free(prefix);
        if (real) {
            char *res = cut < n ? path_join(real, norm + cut + 1)
                                : xstrdup(real);
            free(real);
            char *r2 = path_normalize(res);
            free(res);
            free(norm);
            return r2;
        }
        while (cut > 0 && norm[cut - 1] != '/')
            cut--;
        if (cut == 0)
            break;
        cut--; /* drop the slash */
    }
    return norm;
}

char *path_below(const char *dir, const char *p)
{
    size_t n = strlen(dir);
    if (strcmp(dir, "/") == 0)
        return xstrdup(p + 1);
    if (strncmp(dir, p, n) != 0)
        return NULL;
    if (p[n] == '\0')
        return xstrdup("");
    if (p[n] != '/')
        return NULL;
    return xstrdup(p + n + 1);
}

/* Length of the component of `s` that starts at s (up to '/' or NUL). */
static size_t comp_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '/')
        n++;
    return n;
}

char *path_relative(const char *from, const char *to)
{
    const char *f = from, *t = to;

    /* Drop the common leading components. */
    for (;;) {
        while (*f == '/')
            f++;
        while (*t == '/')
            t++;
        size_t fl = comp_len(f), tl = comp_len(t);
        if (fl == 0 || fl != tl || memcmp(f, t, fl) != 0)
            break;
        f += fl;
        t += tl;
    }
    sbuf b;
    sbuf_init(&b);
    /* One ".." per component of `from` left over. */
    while (*f) {
        size_t fl = comp_len(f);
        if (fl)
            sbuf_adds(&b, b.len ? "/.." : "..");
        f += fl;
        while (*f == '/')
            f++;
    }
    if (*t) {
        if (b.len)
            sbuf_addc(&b, '/');
        sbuf_adds(&b, t);
    }
    if (b.len == 0)
        sbuf_addc(&b, '.');
    return sbuf_take(&b);
}

int path_read(const char *p, char **data, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return -1;
    /* Sized from fstat, a file arrives in one read into one allocation of
     * its own size, where a small buffer and a doubling one copied every
     * byte twice. The loop still copes with a file that grows meanwhile or
     * has no size (a pipe). */
    struct stat st;
    size_t cap = 65536;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 1;
    char *buf = xmalloc(cap);
    size_t n = 0;
    for (;;) {
        if (n + 1 == cap) {
            /* Full: grow only if the file really has more. */
            int c = getc(f);
            if (c == EOF)
                break;
            cap *= 2;
            buf = xrealloc(buf, cap);
            buf[n++] = (char)c;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        errno = EIO;
        return -1;
    }
    buf[n] = '\0';
    *len = n;
    *data = buf;
    return 0;
}

int path_mkdirs(const char *p)
{
    char *d = xstrdup(p);
    size_t n = strlen(d);
    for (size_t i = 1; i <= n; i++) {
        if (d[i] != '/' && d[i] != '\0')
            continue;
        char saved = d[i];
        d[i] = '\0';
        if (mkdir(d, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(d);
            errno = e;
            return -1;
        }
        d[i] = saved;
    }
    free(d);
    struct stat st;
    if (stat(p, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int path_atomic_open(const char *p, char **tmp)
{
    char *dir = path_dirname(p);
    if (path_mkdirs(dir) != 0) {
        free(dir);
        return -1;
    }
    char *tmpl = path_join(dir, ".scope-rewrite.XXXXXX");
    free(dir);
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        int e = errno;
        free(tmpl);
        errno = e;
        return -1;
    }
    *tmp = tmpl;
    return fd;
}

/* Do files `a` and `b` hold the same bytes? */
static int same_contents(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        sa.st_size != sb.st_size)
        return 0;
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    static char ba[65536], bb[65536];
    while (same) {
        size_t na = fread(ba, 1, sizeof ba, fa);
        size_t nb = fread(bb, 1, sizeof bb, fb);
        if (na != nb || memcmp(ba, bb, na) != 0)
            same = 0;
        if (na < sizeof ba)
            break;
    }
    if (same && (ferror(fa) || ferror(fb)))
        same = 0;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

int path_atomic_close(int fd, char *tmp, const char *p, int ok)
{
    int e = ok ? 0 : errno;
    /* mkstemp creates 0600; an output file should look like any other. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (close(fd) != 0 && ok)
        ok = 0, e = errno;
    /* Unchanged bytes: the file stays as it is, mtime included, so a build
     * that depends on it does not redo work. */
    if (ok && same_contents(tmp, p)) {
        unlink(tmp);
        free(tmp);
        return 0;
    }
    if (ok && rename(tmp, p) != 0)
        ok = 0, e = errno;
    if (!ok)
        unlink(tmp);
    free(tmp);
    if (!ok) {
        errno = e;
        return -1;
    }
    return 0;
}

int path_write_atomic(const char *p, const char *data, size_t len)
{
    char *tmp;
    int fd = path_atomic_open(p, &tmp);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)w;
    }
    return path_atomic_close(fd, tmp, p, off == len);
}
