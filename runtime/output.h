/*
 * output.h - where a process's report goes by default, and writing a
 * report file so that a file that exists is complete.
 *
 * By default every process writes <program>.<pid>.json (the data file)
 * and <program>.<pid>.txt (the tables) into $SCOPE_PROFILER_DIR, or
 * scope-profile/ under the directory it started profiling in: the
 * program's own stdout and stderr are left alone (gcov's and callgrind's
 * convention: one file per process in a predictable place).
 *
 * Everything here that runs at report time uses system calls on fixed
 * buffers only (open, write, rename, mkdir; no stdio, no malloc), because
 * it also runs from the signal handlers (signals.c).
 */
#ifndef SCOPE_OUTPUT_H
#define SCOPE_OUTPUT_H

#include <stddef.h>

/* Longest path the report writes (longer ones are an error). */
#define SCOPE__PATH_MAX 4096

/* Take the process's identity (program name from /proc/self/exe, else
 * argv[0]; its argv) and resolve the data directory `dir` (a pattern with
 * "%p"; NULL: the default), relative to the current directory now. Called
 * at start-up and by scope_setup. 0, or -1 when out of memory. */
int scope__output_init(const char *dir);

/* The program name (basename), and its argv as read at start-up. */
const char *scope__program(void);
unsigned scope__argc(void);
const char *const *scope__argv(void);

/* Path of this process's default file with `ext` ("json", "txt") into
 * buf. 0, or -1 with the reason in err. */
int scope__default_path(char *buf, size_t size, long pid, const char *ext,
                        char *err, size_t errlen);

/* `pattern` with "%p" replaced by pid and "%%" by "%", into buf. 0, or -1
 * when it does not fit. */
int scope__expand_into(char *buf, size_t size, const char *pattern, long pid);

/* Write the concatenation of a (alen bytes) and b (blen bytes) to `path`
 * atomically: the directories leading to it are created if missing, the
 * text goes to a temporary file beside it, which is then renamed over
 * `path`. 0, or -1 with "cannot write PATH: REASON" in err. */
int scope__write_atomic(const char *path, const char *a, size_t alen, const char *b,
                        size_t blen, char *err, size_t errlen);

/* Write all of `len` bytes to fd, retrying on EINTR and short writes. 0 or
 * -1 (errno set). */
int scope__write_all(int fd, const char *data, size_t len);

/* One line on stderr: "scope-profiler: error: <text>". Only for a report
 * that could not be written: the one case the program's stderr is used
 * without being asked for. */
void scope__say_error(const char *text);

/* The reason for errno `e`, without locale lookups or allocation. */
const char *scope__strerror(int e);

#endif
