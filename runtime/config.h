/*
 * config.h - settings from the environment and from scope_setup(), and the
 * helpers that turn an output setting into an open stream.
 */
#ifndef SCOPE_CONFIG_H
#define SCOPE_CONFIG_H

#include <stdio.h>

#include "scope_profiler.h"

/* The settings in force; strings are owned copies (NULL: the default
 * files, output.h). */
typedef struct scope__settings {
    int activated;
    int lines;
    int compensate;
    char *output;
    char *json;
    char *dir;     /* data directory pattern; NULL: scope-profile */
} scope__settings;

extern scope__settings scope__cfg;

/* Parse a boolean setting: 1/0, true/false, yes/no, on/off (any case).
 * Returns the value, or -1 when `text` is none of these. */
int scope__parse_bool(const char *text);

/* `pattern` with every "%p" replaced by `pid` and "%%" by "%" (malloc'd;
 * NULL when out of memory). */
char *scope__expand_path(const char *pattern, long pid);

/* Open the report destination `target` ("stderr", "stdout" or a path
 * pattern) for writing. *owned says whether the caller must fclose it.
 * NULL on failure, with the reason in err (also for NULL: the default
 * files are written whole by output.c, never through a stream). */
FILE *scope__open_output(const char *target, long pid, int *owned, char *err, size_t errlen);

/* Check that a path pattern can be written, without leaving a new file
 * behind. 0, or -1 with the reason in err. */
int scope__check_writable(const char *target, long pid, char *err, size_t errlen);

/* Replace the settings in force with copies of `c`; -1 when out of memory
 * (the old settings stay). */
int scope__settings_apply(const scope_config *c);

#endif
