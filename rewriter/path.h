/*
 * path.h - file-system helpers: absolute paths, relative paths between
 * directories, mkdir -p, whole-file reads and atomic writes.
 *
 * Paths are compared after making them absolute and resolving symbolic links
 * where the file exists, so "is OUTDIR on top of an input?" is answered about
 * the files themselves, not about how they were spelled.
 */
#ifndef SCOPE_REWRITE_PATH_H
#define SCOPE_REWRITE_PATH_H

#include <stddef.h>

/* Absolute, normalised form of `p` (no `.`, `..` or repeated `/`), with the
 * longest existing prefix resolved through realpath(). Malloc'd. */
char *path_abs(const char *p);
/* Lexical normalisation only. Malloc'd. */
char *path_normalize(const char *p);
/* Directory part of `p` ("." when none). Malloc'd. */
char *path_dirname(const char *p);
/* `a` joined with `b` (b returned as is when absolute). Malloc'd. */
char *path_join(const char *a, const char *b);
/* Relative path from directory `from` to path `to`, both absolute and
 * normalised. Malloc'd; "." when equal. */
char *path_relative(const char *from, const char *to);
/* If absolute normalised `p` lies inside directory `dir` (or is it), the
 * part below it (malloc'd, "" when equal); else NULL. */
char *path_below(const char *dir, const char *p);

/* Read a whole file. Returns 0 and a malloc'd NUL-terminated buffer, or -1
 * with errno set. */
int path_read(const char *p, char **data, size_t *len);
/* Create directory `p` and its parents. Returns 0 or -1 with errno. */
int path_mkdirs(const char *p);
/* Write `data` to `p` through a temporary file in the same directory and a
 * rename, creating the directory first; a `p` that already holds `data` is
 * left alone. Returns 0 or -1 with errno. */
int path_write_atomic(const char *p, const char *data, size_t len);
/* The same in two steps, for output written as it is produced:
 * path_atomic_open creates `p`'s directory and a temporary file beside it,
 * returning its descriptor (and its name in *tmp) or -1 with errno set;
 * path_atomic_close closes it and, when `ok`, renames it to `p`, else
 * removes it (errno is kept from the failure that made `ok` 0); when `p`
 * already holds the same bytes, it is left alone (its mtime stays). It frees
 * `tmp` and returns 0 or -1 with errno set. */
int path_atomic_open(const char *p, char **tmp);
int path_atomic_close(int fd, char *tmp, const char *p, int ok);

#endif
