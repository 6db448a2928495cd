/*
 * config.c - settings: defaults, SCOPE_PROFILER* environment variables,
 * "%p" in paths, opening the report destination.
 *
 * An environment variable with a value that is not understood keeps the
 * default and becomes a note in the report (the runtime never aborts).
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "registry.h"

scope__settings scope__cfg = { 1, 1, 1, NULL, NULL, NULL };

int scope__parse_bool(const char *text)
{
    static const char *const on[] = { "1", "true", "yes", "on" };
    static const char *const off[] = { "0", "false", "no", "off" };
    unsigned i;
    if (!text)
        return -1;
    for (i = 0; i < 4; i++) {
        if (strcasecmp(text, on[i]) == 0)
            return 1;
        if (strcasecmp(text, off[i]) == 0)
            return 0;
    }
    return -1;
}

static int env_bool(const char *name, int dflt)
{
    const char *v = getenv(name);
    int b;
    if (!v || !*v)
        return dflt;
    b = scope__parse_bool(v);
    if (b < 0) {
        scope__note("%s=%s is not 0 or 1; using %d", name, v, dflt);
        return dflt;
    }
    return b;
}

void scope_config_init(scope_config *config)
{
    const char *v;
    if (!config)
        return;
    config->activated = env_bool("SCOPE_PROFILER", 1);
    config->lines = env_bool("SCOPE_PROFILER_LINES", 1);
    config->compensate = env_bool("SCOPE_PROFILER_COMPENSATE", 1);
    v = getenv("SCOPE_PROFILER_OUTPUT");
    config->output = (v && *v) ? v : NULL;
    v = getenv("SCOPE_PROFILER_JSON");
    config->json = (v && *v) ? v : NULL;
    v = getenv("SCOPE_PROFILER_DIR");
    config->dir = (v && *v) ? v : NULL;
}

char *scope__expand_path(const char *pattern, long pid)
{
    char num[32];
    size_t n = 0, cap, nlen;
    const char *p;
    char *out;
    snprintf(num, sizeof num, "%ld", pid);
    nlen = strlen(num);
    cap = strlen(pattern) + 1;
    for (p = pattern; *p; p++)
        if (p[0] == '%' && p[1] == 'p')
            cap += nlen;
    out = malloc(cap);
    if (!out)
        return NULL;
    for (p = pattern; *p; p++) {
        if (p[0] == '%' && p[1] == 'p') {
            memcpy(out + n, num, nlen);
            n += nlen;
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            out[n++] = '%';
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

static int is_std(const char *target, FILE **f)
{
    if (!target || !*target) {
        *f = NULL;    /* the default files: checked when written */
        return 1;
    }
    if (strcmp(target, "stderr") == 0) {
        *f = stderr;
        return 1;
    }
    if (strcmp(target, "stdout") == 0) {
        *f = stdout;
        return 1;
    }
    return 0;
}

FILE *scope__open_output(const char *target, long pid, int *owned, char *err, size_t errlen)
{
    FILE *f;
    char *path;
    *owned = 0;
    if (is_std(target, &f)) {
        if (!f)
            snprintf(err, errlen, "the default report files are not a stream");
        return f;
    }
    path = scope__expand_path(target, pid);
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    f = fopen(path, "w");
    if (!f)
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    else
        *owned = 1;
    free(path);
    return f;
}

int scope__check_writable(const char *target, long pid, char *err, size_t errlen)
{
    FILE *f;
    char *path;
    int existed;
    if (is_std(target, &f))
        return 0;
    path = scope__expand_path(target, pid);
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    existed = access(path, F_OK) == 0;
    f = fopen(path, "a");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    fclose(f);
    if (!existed)
        remove(path);
    free(path);
    return 0;
}

static char *dup_or_null(const char *s, int *failed)
{
    char *d;
    if (!s || !*s)
        return NULL;
    d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

int scope__settings_apply(const scope_config *c)
{
    int failed = 0;
    char *output = dup_or_null(c->output, &failed);
    char *json = dup_or_null(c->json, &failed);
    char *dir = dup_or_null(c->dir, &failed);
    if (failed) {
        free(output);
        free(json);
        free(dir);
        return -1;
    }
    free(scope__cfg.output);
    free(scope__cfg.json);
    free(scope__cfg.dir);
    scope__cfg.output = output;
    scope__cfg.json = json;
    scope__cfg.dir = dir;
    __atomic_store_n(&scope__cfg.lines, c->lines != 0, __ATOMIC_RELAXED);
    __atomic_store_n(&scope__cfg.compensate, c->compensate != 0, __ATOMIC_RELAXED);
    __atomic_store_n(&scope__cfg.activated, c->activated != 0, __ATOMIC_RELAXED);
    return 0;
}
