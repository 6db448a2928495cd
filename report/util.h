/*
 * util.h - scope-report's allocation helpers (exit on out of memory: a
 * command-line tool has nothing better to do) and atomic output.
 */
#ifndef REPORT_UTIL_H
#define REPORT_UTIL_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write `len` bytes to `path` through a temporary file in the same
 * directory and a rename, so `path` is either untouched or complete.
 * Refuses a path that is one of the `ninputs` input paths (the same file).
 * "-" writes to stdout; an existing path that is not a regular file (a
 * device, a FIFO) is written in place. Returns 0, or -1 after printing the
 * error. */
int write_atomic(const char *path, const char *data, size_t len, char *const *inputs,
                 int ninputs);

/* getopt's error, in the tool's own words ("scope-report: error: ...");
 * returns the exit status of bad usage, 2. Call with opterr = 0. */
int bad_option(char **argv);

#endif
