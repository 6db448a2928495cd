/*
 * predef.h - parse with the build compiler's predefined macros.
 *
 * libclang predefines clang's macros (__clang__, and __GNUC__ as 4), so
 * code under `#if __GNUC__ >= 5` or `#ifdef __clang__ ... #else` would be
 * judged by another branch than the one gcc compiles: a profiled function
 * silently left out, or a descriptor for a function the build never sees.
 * When the build compiler is not clang, the parse gets that compiler's own
 * macros instead (`COMPILER -dM -E -x c /dev/null`, with the file's flags
 * that change them), after `-undef`, plus the few definitions clang needs
 * to parse what system headers show a newer gcc (its _FloatN types, the
 * two-argument malloc attribute). The answer is cached per compiler and
 * flag set for the whole run.
 */
#ifndef SCOPE_REWRITE_PREDEF_H
#define SCOPE_REWRITE_PREDEF_H

#include <stddef.h>

/* Prepend to the parse arguments *argv (NULL-terminated, *argc long,
 * malloc'd strings, as rewrite.c builds them) the flags that give the
 * parse COMPILER's predefined macros for a file compiled with those
 * arguments. `dir` is the directory a relative COMPILER path is taken
 * from (NULL: the current one). Nothing changes when COMPILER is NULL or
 * is clang; when it cannot be run, a note says so once and the parse keeps
 * libclang's macros. */
void predef_apply(const char *compiler, const char *dir, char ***argv,
                  size_t *argc);
/* Flags for COMPILER's -dM run only (scope-rewrite --cc-flag): what the
 * build passes the compiler but libclang could not take. Set once, before
 * the first predef_apply; the array must outlive the run. */
void predef_set_extra(char *const *flags, size_t n);

/* Like predef_apply, for checking --cc up front: 0 when COMPILER runs
 * (clang or not), -1 after an error message. */
int predef_check(const char *compiler);

/* The compiler of a compile command's argv: argv[0], or the word after a
 * launcher (ccache, sccache, distcc, icecc, scope-cc). NULL when none. */
const char *predef_command_compiler(char *const *argv, size_t argc);

/* Forget the cache (tests, and the end of a run for leak checkers). */
void predef_reset(void);

#endif
