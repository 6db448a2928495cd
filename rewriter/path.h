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
 * rename, creating the directory first. Returns 0 or -1 with errno. */
int path_write_atomic(const char *p, const char *data, size_t len);

#endif
