/*
 * api.c - the public C API (scope_setup, scope_finalize, scope_get_region,
 * scope_print_region), start-up, the exit report and fork handling.
 *
 * Start-up is lazy (the first probe, or scope_setup) and short: settings,
 * the process's identity (output.c), one clock reading, the signal
 * handlers, and the measurement of the probes' own costs (cost.c). The
 * report goes to this process's own files by default (output.h), never to
 * the program's stdout or stderr unless asked for.
 */
#define _GNU_SOURCE
#include "api.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "cost.h"
#include "mem.h"
#include "output.h"
#include "rank.h"
#include "registry.h"
#include "sampler.h"
#include "signals.h"
#include "snapshot.h"
#include "thread.h"

int scope__closed;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int configured;   /* scope_setup ran: do not read the environment */
static int finalized;    /* scope_finalize ran: no report at exit */
static int forked;       /* this process forked, or is a forked child */
static int calibrated;   /* the probes' costs are measured */

/* The report file stays open between reports of one process, so that
 * scope_print_region output and the final report end up in one file. */
static FILE *out_file;
static char *out_path;

/* Everything written to this process's default .txt so far: each report
 * rewrites the file whole (atomically) with the new text appended. */
static scope__buf txt_written;

static void at_exit(void);

/* The forking thread's signal mask before fork_prepare blocked signals:
 * the lock is held across the fork, and a profiled signal handler that
 * took it meanwhile (a first entry) would wait for ever (signals.h).
 * fork_parent and fork_child put the mask back. */
static _Thread_local sigset_t fork_mask;

static void fork_prepare(void)
{
    scope__sampler_fork_prepare();
    scope__sigs_block(&fork_mask);
    pthread_mutex_lock(&scope__lock);
    scope__mem_fork_prepare();
}

static void fork_parent(void)
{
    forked = 1;
    scope__mem_fork_parent();
    pthread_mutex_unlock(&scope__lock);
    scope__sigs_restore(&fork_mask);
}

/* The child starts with empty figures: it reports only what it records
 * itself, once, at its own exit. Frames open across the fork restart their
 * clocks now. */
static void fork_child(void)
{
    forked = 1;
    scope__mem_fork_child();
    finalized = 0;
    /* The child's .txt is its own: it starts empty. */
    scope__buf_free(&txt_written);
    scope__thread_after_fork(scope__tls, scope__clock_now());
    scope__reset_all();
    pthread_mutex_unlock(&scope__lock);
    scope__sigs_restore(&fork_mask);
}

static void init_once(void)
{
    if (!configured) {
        scope_config c;
        scope_config_init(&c);
        if (scope__settings_apply(&c) != 0)
            scope__note("out of memory reading the settings");
    }
    if (scope__output_init(scope__cfg.dir) != 0)
        scope__note("out of memory reading the program's arguments");
    scope__clock_init();
    if (!scope__clock_invariant())
        scope__note("the TSC rate is not invariant on this machine: times may be "
                    "skewed (build with -DSCOPE_PROFILER_CLOCK_MONOTONIC)");
    /* Deactivated, the costs are not needed (until scope_setup turns
     * profiling on): no start-up cost beyond the settings. */
    if (scope__cfg.activated) {
        scope__costs_calibrate();
        calibrated = 1;
    }
    if (scope__thread_init() != 0)
        scope__note("cannot create a thread key: figures of ended threads are lost");
    atexit(at_exit);
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    if (scope__cfg.activated)
        scope__signals_install();
}

void scope__init(void)
{
    pthread_once(&once, init_once);
}

/* The stream for text output (scope__lock held); NULL with err set. */
static FILE *report_stream(char *err, size_t errlen)
{
    const char *target = scope__cfg.output;
    char *path;
    FILE *f;
    int owned;
    if (!target || strcmp(target, "stderr") == 0)
        return stderr;
    if (strcmp(target, "stdout") == 0)
        return stdout;
    path = scope__expand_path(target, (long)getpid());
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (out_file && out_path && strcmp(out_path, path) == 0) {
        free(path);
        return out_file;
    }
    f = scope__open_output(path, (long)getpid(), &owned, err, errlen);
    if (!f) {
        free(path);
        return NULL;
    }
    if (out_file)
        fclose(out_file);
    free(out_path);
    out_file = f;
    out_path = path;
    return f;
}

/* Write the text to the configured output (scope__lock held). From a
 * signal handler (in_signal) only system calls are used: the program's
 * stdio buffers may be in any state. A failure is one line on stderr. */
static void write_text(const scope__buf *text, int in_signal)
{
    char err[SCOPE__PATH_MAX + 128];
    const char *target = scope__cfg.output;
    const char *data = text->data ? text->data : "";
    FILE *f;
    if (!text->len)
        return;
    if (!target) {
        char path[SCOPE__PATH_MAX];
        if (scope__default_path(path, sizeof path, (long)getpid(), "txt", err, sizeof err) != 0 ||
            scope__write_atomic(path, txt_written.data, txt_written.len, data, text->len, err,
                                sizeof err) != 0) {
            scope__say_error(err);
            return;
        }
        if (!in_signal)
            scope__buf_put(&txt_written, data, text->len);
        return;
    }
    if (in_signal) {
        int fd = strcmp(target, "stdout") == 0 ? 1 : strcmp(target, "stderr") == 0 ? 2 : -1;
        char path[SCOPE__PATH_MAX];
        int owned = 0;
        if (fd < 0 && out_file && out_path) {
            fd = fileno(out_file);
        } else if (fd < 0) {
            if (scope__expand_into(path, sizeof path, target, (long)getpid()) != 0) {
                scope__say_error("cannot write the report: its path is too long");
                return;
            }
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
            owned = 1;
            if (fd < 0) {
                snprintf(err, sizeof err, "cannot write %s: %s", path, scope__strerror(errno));
                scope__say_error(err);
                return;
            }
        }
        if (scope__write_all(fd, data, text->len) != 0) {
            snprintf(err, sizeof err, "cannot write the report to %s: %s", target,
                     scope__strerror(errno));
            scope__say_error(err);
        }
        if (owned)
            close(fd);
        return;
    }
    f = report_stream(err, sizeof err);
    if (!f) {
        scope__say_error(err);
        return;
    }
    if (fwrite(data, 1, text->len, f) != text->len || fflush(f) != 0) {
        snprintf(err, sizeof err, "cannot write the report to %s: %s",
                 out_path && f == out_file ? out_path : target, scope__strerror(errno));
        scope__say_error(err);
        clearerr(f);
    }
}

/* Write the JSON data file; -1 with err set on failure. */
static int write_json(const scope__report *rep, char *err, size_t errlen)
{
    char path[SCOPE__PATH_MAX];
    scope__buf json = { 0 };
    int rc = 0;
    long pid = (long)getpid();
    if (scope__cfg.json) {
        if (scope__expand_into(path, sizeof path, scope__cfg.json, pid) != 0) {
            snprintf(err, errlen, "cannot write the JSON report: its path is too long");
            return -1;
        }
    } else if (scope__default_path(path, sizeof path, pid, "json", err, errlen) != 0) {
        return -1;
    }
    scope__format_json(&json, rep);
    if (json.failed) {
        snprintf(err, errlen, "out of memory writing %s", path);
        rc = -1;
    } else {
        rc = scope__write_atomic(path, json.data, json.len, NULL, 0, err, errlen);
    }
    scope__buf_free(&json);
    return rc;
}

/* The whole report of everything recorded (scope__lock held): the data
 * file, then the tables. `end` says what made it. */
static void report_locked(double npt, const char *end, int in_signal)
{
    scope__snapshot s;
    scope__buf text = { 0 };
    char err[SCOPE__PATH_MAX + 128];

    if (scope__snapshot_take(&s, NULL, npt) != 0)
        scope__snapshot_note(&s, "out of memory: some figures are missing");
    if (s.recorded || s.rep.nnotes) {
        s.rep.show_pid = forked;
        s.rep.program = scope__program();
        s.rep.argv = scope__argv();
        s.rep.argc = scope__argc();
        s.rep.end = end;
        s.rep.has_rank = scope__rank() >= 0;
        s.rep.rank = scope__rank();
        s.rep.size = scope__rank_size();
        if (write_json(&s.rep, err, sizeof err) != 0) {
            scope__say_error(err);
            scope__snapshot_note(&s, err);
        }
        scope__format_text(&text, &s.rep);
        write_text(&text, in_signal);
    }
    scope__buf_free(&text);
    scope__snapshot_free(&s);
}

/* The runtime's lock on a program thread, signals waiting meanwhile
 * (signals.h): a profiled signal handler's first entry on this thread
 * would wait on the lock held here for ever. */
static void lock_quiet(sigset_t *old)
{
    scope__sigs_block(old);
    pthread_mutex_lock(&scope__lock);
}

static void unlock_quiet(const sigset_t *old)
{
    pthread_mutex_unlock(&scope__lock);
    scope__sigs_restore(old);
}

/* Write the report of everything recorded, then reset; `rate` > 0 is the
 * ticks-to-ns rate to use (else measured now). */
static void report_and_reset_at(const char *end, double rate)
{
    double npt;
    sigset_t old;

    /* Deactivated: no calibration, nothing written. */
    npt = __atomic_load_n(&scope__cfg.activated, __ATOMIC_RELAXED) ? scope__clock_ns_per_tick() : 1.0;
    if (rate > 0)
        npt = rate;
    lock_quiet(&old);
    if (scope__cfg.activated)
        report_locked(npt, end, 0);
    scope__reset_all();
    unlock_quiet(&old);
}

void scope__signal_report(int sig)
{
    double npt;
    if (__atomic_load_n(&scope__closed, __ATOMIC_RELAXED) || finalized ||
        !__atomic_load_n(&scope__cfg.activated, __ATOMIC_RELAXED))
        return;
    /* The lock held (by this thread, interrupted inside the runtime, or by
     * another one writing a report): the figures cannot be read whole. */
    if (pthread_mutex_trylock(&scope__lock) != 0) {
        char line[128];
        snprintf(line, sizeof line, "%s arrived while the profile was being updated; "
                 "no report", scope__signal_name(sig));
        scope__say_error(line);
        return;
    }
    scope__mem_arena = 1;
    npt = scope__clock_ns_per_tick();
    /* As at exit: the interrupted thread's open entries end now. */
    scope__close_open_frames();
    report_locked(npt, scope__signal_name(sig), 1);
    __atomic_store_n(&scope__closed, 1, __ATOMIC_RELAXED);
    scope__mem_arena = 0;
    pthread_mutex_unlock(&scope__lock);
}

static void report_and_reset(const char *end)
{
    report_and_reset_at(end, 0.0);
}

static void at_exit(void)
{
    scope__sampler_stop();
    if (__atomic_load_n(&scope__closed, __ATOMIC_RELAXED))
        return;
    if (!finalized) {
        /* exit() from inside profiled calls: their frames never see their
         * cleanup handlers, so close them now to keep the figures whole. */
        scope__close_open_frames();
        report_and_reset("exit");
    }
    __atomic_store_n(&scope__closed, 1, __ATOMIC_RELAXED);
}

int scope_setup(const scope_config *config)
{
    sigset_t old;
    scope_config env;
    char err[512];
    long pid = (long)getpid();
    if (!config) {
        scope_config_init(&env);
        config = &env;
    }
    if (scope__check_writable(config->output, pid, err, sizeof err) != 0 ||
        scope__check_writable(config->json, pid, err, sizeof err) != 0) {
        fprintf(stderr, "scope-profiler: error: %s\n", err);
        return -1;
    }
    lock_quiet(&old);
    configured = 1;
    if (scope__settings_apply(config) != 0 || scope__output_init(scope__cfg.dir) != 0) {
        unlock_quiet(&old);
        fprintf(stderr, "scope-profiler: error: out of memory applying the settings\n");
        return -1;
    }
    unlock_quiet(&old);
    scope__init();
    if (scope__cfg.activated && !calibrated) {
        scope__costs_calibrate();
        calibrated = 1;
        scope__signals_install();
    }
    return 0;
}

void scope_finalize(void)
{
    scope__init();
    finalized = 1;
    report_and_reset("finalize");
}

void scope__finalize_at_rate(double ns_per_tick)
{
    scope__init();
    finalized = 1;
    report_and_reset_at("finalize", ns_per_tick);
}

int scope_get_region(const char *name, scope_region_stats *out)
{
    sigset_t old;
    double npt;
    scope__racc acc;
    scope__thread *t;
    int rid;
    memset(out, 0, sizeof *out);
    if (!name)
        return -1;
    scope__init();
    npt = scope__clock_ns_per_tick();
    memset(&acc, 0, sizeof acc);
    lock_quiet(&old);
    rid = scope__region_lookup(name);
    if (rid < 0) {
        unlock_quiet(&old);
        return -1;
    }
    if ((unsigned)rid < scope__retired.nregions)
        scope__racc_merge(&acc, &scope__retired.regions[rid]);
    for (t = scope__thread_first(); t; t = t->next)
        if ((unsigned)rid < t->nregions)
            scope__racc_merge(&acc, &t->regions[rid]);
    out->name = scope__region_name((unsigned)rid);
    unlock_quiet(&old);
    out->calls = acc.calls;
    {
        scope__racc_seconds sec = scope__racc_to_seconds(&acc, npt);
        out->total = sec.total;
        out->mean = sec.mean;
        out->min = sec.min;
        out->max = sec.max;
        out->std = sec.std;
    }
    return 0;
}

int scope_print_region(const char *name)
{
    sigset_t old;
    double npt;
    scope__snapshot s;
    scope__buf text = { 0 };
    unsigned i;
    if (!name)
        return -1;
    scope__init();
    npt = scope__clock_ns_per_tick();
    lock_quiet(&old);
    if (scope__region_lookup(name) < 0) {
        unlock_quiet(&old);
        return -1;
    }
    if (scope__snapshot_take(&s, name, npt) == 0 && scope__cfg.activated) {
        for (i = 0; i < s.rep.nregions; i++)
            scope__format_region(&text, &s.rep.regions[i]);
        if (s.rep.lines && s.rep.nfuncs) {
            scope__buf_puts(&text, "Timer unit: 1e-09 s\n\n");
            for (i = 0; i < s.rep.nfuncs; i++)
                scope__format_func(&text, &s.rep.funcs[i]);
        }
        write_text(&text, 0);
    }
    scope__buf_free(&text);
    scope__snapshot_free(&s);
    unlock_quiet(&old);
    return 0;
}
