/*
 * sampler.c - the sampler thread and the list of sampled threads
 * (sampler.h); the sampled entries themselves are in probe.c.
 *
 * Thread safety, in one place: the list of sampled threads, the sample
 * count and each thread's CPU-clock state are guarded by `mu`, which the
 * sampler holds for one sample, the report holds while it reads or resets
 * figures, and a thread takes when it joins (its first sampled entry) or
 * leaves (its key destructor). Everything the sampler reads of a running
 * thread's frame stack is an atomic (thread.h); everything it writes is an
 * atomic add into a row's `ticks`, a self-time cell or the thread's
 * `elapsed`, which the owning thread never writes in sampled mode (its counting probe writes `hits`,
 * and the entry/leave bookkeeping touches only the table's scratch row,
 * which the sampler never charges).
 */
#define _GNU_SOURCE
#include "sampler.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#include "api.h"
#include "clock.h"
#include "config.h"
#include "registry.h"
#include "signals.h"
#include "thread.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static scope__thread *list;      /* sampled threads (mu) */
static scope_u64 samples;        /* samples since the last reset (mu) */
static scope_u64 in_runtime;     /* thread samples dropped since the last reset
                                    because the thread ran the runtime's
                                    entry or exit code (thread.h) (mu) */
static int started;              /* start() ran in this process (atomic) */
static int used;                 /* a sampled entry was made (atomic) */
static unsigned rate_in_force;   /* samples per second, set by start() */
static int cpu_in_force;         /* CPU time: the setting at the last sample */

static void start(void);
static int stop_asked;           /* the process is exiting (atomic) */
static int running;              /* the thread has reached its loop (atomic) */
static pthread_t sampler_thread; /* joinable, so that exit can wait for it */
static int have_thread;          /* sampler_thread is this process's */

/* ---- the counting probe out of line ------------------------------------ */

void scope__line_sampled_call(scope_frame *const *frp, int row)
{
    /* The counting probe of scope_profiler.h, out of line (the runtime
     * itself is built with the clock-per-line header). */
    scope_frame *fr = *frp;
    fr->lines[row].hits++;
    __atomic_store_n(&fr->at, (unsigned)row, __ATOMIC_RELAXED);
}

void scope__sampler_ensure(scope__thread *t)
{
    sigset_t old;
    if (t->sampled && __atomic_load_n(&started, __ATOMIC_RELAXED))
        return;
    /* The list's lock and the thread's start: signals wait (signals.h). */
    scope__sigs_block(&old);
    if (!t->sampled)
        scope__sampler_add(t);
    else
        start(); /* a forked child's first sampled entry */
    scope__sigs_restore(&old);
}

/* ---- charging a sample -------------------------------------------------- */


void scope__sampler_charge(scope__thread *t, scope_u64 dt)
{
    unsigned depth = __atomic_load_n(&t->depth, __ATOMIC_ACQUIRE), d;
    scope__chunk *c = __atomic_load_n(&t->first, __ATOMIC_ACQUIRE);
    /* The row being charged: frames in a row on the same row of the same
     * table (a recursion) are charged together, in one add. */
    scope__stab *run_st = NULL;
    unsigned run_at = 0;
    scope_u64 run_n = 0;
    /* In the runtime's entry or exit code: the profiler's time, not the
     * program's (thread.h: scope__rt_in). */
    if (__atomic_load_n(&t->inrt, __ATOMIC_RELAXED)) {
        in_runtime++;
        return;
    }
    /* The thread's sampled time, of which its sampled entries take their
     * durations (probe.c). */
    __atomic_fetch_add(&t->elapsed, dt, __ATOMIC_RELAXED);
    for (d = 0; d < depth && c; d++) {
        scope_frame *f;
        unsigned at;
        scope__stab *st;
        if (d && d % SCOPE__CHUNK == 0) {
            c = __atomic_load_n(&c->next, __ATOMIC_ACQUIRE);
            if (!c)
                break;
        }
        f = &c->f[d % SCOPE__CHUNK];
        st = __atomic_load_n((scope__stab **)&f->st, __ATOMIC_ACQUIRE);
        at = __atomic_load_n(&f->at, __ATOMIC_RELAXED);
        /* A frame being opened or closed while it is read may pair a row
         * with another frame's table for one sample; the check keeps every
         * write inside a live table. */
        if (!st || at >= st->nrows - 1) /* none (SCOPE__NO_ROW), or scratch */
            continue;
        if (st == run_st && at == run_at) {
            run_n++;
            continue;
        }
        if (run_st)
            __atomic_fetch_add(&run_st->incl[run_at], run_n * dt, __ATOMIC_RELAXED);
        run_st = st;
        run_at = at;
        run_n = 1;
    }
    if (run_st) {
        /* The last row charged is the innermost frame's: its self time. */
        __atomic_fetch_add(&run_st->incl[run_at], run_n * dt, __ATOMIC_RELAXED);
        __atomic_fetch_add(&run_st->self[run_at], dt, __ATOMIC_RELAXED);
    }
}

static scope_u64 ns_of(const struct timespec *ts)
{
    return (scope_u64)ts->tv_sec * 1000000000ull + (scope_u64)ts->tv_nsec;
}

void scope__sampler_tick(scope_u64 wall)
{
    scope__thread *t;
    double npt = 0.0;
    pthread_mutex_lock(&mu);
    /* Read at every sample, so that scope_setup can switch clocks. */
    cpu_in_force = __atomic_load_n(&scope__cfg.cpu_time, __ATOMIC_RELAXED);
    if (list)
        samples++;
    for (t = list; t; t = t->snext) {
        scope_u64 dt = wall;
        if (cpu_in_force) {
            struct timespec ts;
            scope_u64 ns;
            if (!t->cpu_ok || clock_gettime((clockid_t)t->cpu_clock, &ts) != 0)
                continue;
            ns = ns_of(&ts);
            if (!t->cpu_started) {
                t->cpu_started = 1;
                t->cpu_last = ns;
                continue;
            }
            if (npt == 0.0)
                npt = scope__clock_ns_per_tick();
            dt = (scope_u64)((double)(ns - t->cpu_last) / npt + 0.5);
            t->cpu_last = ns;
        }
        scope__sampler_charge(t, dt);
    }
    pthread_mutex_unlock(&mu);
}

/* ---- the sampler thread --------------------------------------------------- */

static void *run(void *arg)
{
    struct timespec next, now;
    scope_u64 last, tick;
    long period = (long)(1000000000ul / rate_in_force);
    sigset_t all;
    (void)arg;
    /* The process's signals must never be delivered here. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    /* Without this the kernel rounds every wake-up up by the default 50 us
     * of timer slack, and the rate tops out near 10,000 a second. */
    prctl(PR_SET_TIMERSLACK, 1ul, 0ul, 0ul, 0ul);
    clock_gettime(CLOCK_MONOTONIC, &next);
    last = scope__clock_now();
    __atomic_store_n(&running, 1, __ATOMIC_RELEASE);
    for (;;) {
        next.tv_nsec += period;
        while (next.tv_nsec >= 1000000000l) {
            next.tv_nsec -= 1000000000l;
            next.tv_sec++;
        }
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
            continue;
        if (__atomic_load_n(&stop_asked, __ATOMIC_ACQUIRE))
            return NULL;
        tick = scope__clock_now();
        scope__sampler_tick(tick - last);
        last = tick;
        /* Fallen behind by more than a period (a busy machine): go on from
         * now instead of catching up in a burst; the intervals charged are
         * the measured ones either way. */
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (ns_of(&now) > ns_of(&next) + (scope_u64)period)
            next = now;
    }
    return NULL;
}

static void start(void)
{
    pthread_t th;
    pthread_attr_t attr;
    sigset_t all, old;
    int rc;
    if (__atomic_exchange_n(&started, 1, __ATOMIC_ACQ_REL))
        return;
    rate_in_force = __atomic_load_n(&scope__cfg.rate, __ATOMIC_RELAXED);
    if (rate_in_force == 0)
        return;
    if (rate_in_force > 1000000u)
        rate_in_force = 1000000u;
    sigfillset(&all);
    pthread_attr_init(&attr);
    /* Born with every signal blocked, so that not even the first instant
     * of the thread can take one of the program's signals. */
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    if (pthread_attr_setsigmask_np(&attr, &all) == 0) {
        rc = pthread_create(&th, &attr, run, NULL);
    } else
#endif
    {
        pthread_sigmask(SIG_SETMASK, &all, &old);
        rc = pthread_create(&th, &attr, run, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    pthread_attr_destroy(&attr);
    if (rc == 0) {
        sampler_thread = th;
        have_thread = 1;
    }
    if (rc != 0) {
        scope__note("cannot start the sampler thread (%s): sampled line times are 0",
                    strerror(rc));
        rate_in_force = 0;
    }
}

/* ---- the list ------------------------------------------------------------- */

static void cpu_clock_of_self(scope__thread *t)
{
    clockid_t id;
    t->cpu_started = 0;
    t->cpu_ok = pthread_getcpuclockid(pthread_self(), &id) == 0;
    t->cpu_clock = t->cpu_ok ? (int)id : 0;
}

void scope__sampler_add(scope__thread *t)
{
    pthread_mutex_lock(&mu);
    if (!t->sampled) {
        cpu_clock_of_self(t);
        t->sprev = NULL;
        t->snext = list;
        if (list)
            list->sprev = t;
        list = t;
        t->sampled = 1;
    }
    pthread_mutex_unlock(&mu);
    __atomic_store_n(&used, 1, __ATOMIC_RELAXED);
    start();
}

void scope__sampler_remove(scope__thread *t)
{
    pthread_mutex_lock(&mu);
    if (t->sampled) {
        if (t->sprev)
            t->sprev->snext = t->snext;
        else
            list = t->snext;
        if (t->snext)
            t->snext->sprev = t->sprev;
        t->snext = t->sprev = NULL;
        t->sampled = 0;
    }
    pthread_mutex_unlock(&mu);
}

int scope__sampler_lock(int in_signal)
{
    if (in_signal) {
        /* A signal handler must not wait for a lock its own thread may
         * hold. No thread holds this one with signals deliverable: the
         * sampler thread blocks them all, and every other taker (a
         * thread's first sampled entry and its end, the report, a reset)
         * blocks them first (signals.h). So the holder is another thread
         * that lets go within a sample's charge: wait for it, a bounded
         * time (10 ms, in async-signal-safe sleeps), rather than read the
         * figures while it writes them. */
        const struct timespec pause = { 0, 10000 };
        int i;
        for (i = 0; i < 1000; i++) {
            if (pthread_mutex_trylock(&mu) == 0)
                return 1;
            nanosleep(&pause, NULL);
        }
        return 0;
    }
    pthread_mutex_lock(&mu);
    return 1;
}

void scope__sampler_unlock(void)
{
    pthread_mutex_unlock(&mu);
}

scope_u64 scope__sampler_samples(void)
{
    return samples;
}

scope_u64 scope__sampler_in_runtime(void)
{
    return in_runtime;
}

void scope__sampler_reset(void)
{
    samples = 0;
    in_runtime = 0;
}

double scope__sampler_period_ns(void)
{
    return rate_in_force ? 1e9 / rate_in_force : 0.0;
}

int scope__sampler_cpu_time(void)
{
    return __atomic_load_n(&scope__cfg.cpu_time, __ATOMIC_RELAXED);
}

int scope__sampler_used(void)
{
    return __atomic_load_n(&used, __ATOMIC_RELAXED);
}

void scope__sampler_stop(void)
{
    /* At exit: the thread leaves its loop at its next wake-up, so that
     * nothing samples while the exit handlers (and a sanitizer's leak check
     * after them) take the process apart. Waited for a few periods at most. */
    __atomic_store_n(&stop_asked, 1, __ATOMIC_RELEASE);
    if (have_thread) {
        /* Joined, not only told: a thread still ending when the process's
         * last handlers run is one a leak checker cannot stop. It ends at
         * its next wake-up; a period too long to wait for (a low rate) is
         * not waited out. */
        struct timespec until;
        long wait_ns = rate_in_force ? 3 * (long)(1000000000ul / rate_in_force) : 0;
        if (wait_ns < 100000000)
            wait_ns = 100000000; /* a loaded machine may be slow to wake it */
        if (wait_ns > 500000000)
            wait_ns = 500000000;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += wait_ns;
        while (until.tv_nsec >= 1000000000l) {
            until.tv_nsec -= 1000000000l;
            until.tv_sec++;
        }
        if (pthread_timedjoin_np(sampler_thread, NULL, &until) != 0)
            pthread_detach(sampler_thread);
        have_thread = 0;
    }
}

void scope__sampler_fork_prepare(void)
{
    /* A thread still starting when the process forks may hold locks of the
     * C library's (or a sanitizer's) thread set-up, which the child then
     * inherits taken; once in its loop the sampler holds none. */
    struct timespec pause = { 0, 20000 };
    int i;
    for (i = 0; i < 2500 && have_thread && !__atomic_load_n(&running, __ATOMIC_ACQUIRE); i++)
        nanosleep(&pause, NULL);
}

void scope__sampler_after_fork(scope__thread *self)
{
    /* The parent's sampler thread, and any thread that held `mu`, do not
     * exist here. */
    pthread_mutex_init(&mu, NULL);
    samples = 0;
    list = NULL;
    if (self && self->sampled) {
        self->snext = self->sprev = NULL;
        cpu_clock_of_self(self);
        list = self;
    }
    /* The child's own sampler thread starts at its first sampled entry,
     * not here: a thread made inside fork's child handler costs every
     * fork-then-exec a thread it never uses, and under a sanitizer's
     * allocator (whose locks another thread may hold at the fork) it can
     * deadlock with the child's exit. */
    have_thread = 0; /* the parent's */
    __atomic_store_n(&running, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&started, 0, __ATOMIC_RELEASE);
}
