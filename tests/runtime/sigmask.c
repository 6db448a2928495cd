/*
 * sigmask.c - the runtime's slow paths on the way into a profiled function
 * run with signals blocked.
 *
 * The first entry of a function registers it under the runtime's lock
 * (and the first entry of a thread makes its state there). A signal whose
 * handler enters a profiled function for the first time, arriving while
 * the same thread holds that lock, would wait for it forever: a real test
 * suite (libuv's, its SIGCHLD handler profiled) hung so. This program
 * watches every acquisition of the runtime's lock during first entries, the
 * C API's calls, a thread's end and a fork (the runtime's fork handlers
 * hold the lock across it; pthread_mutex_lock interposed) and
 * fails when one is made with SIGCHLD or SIGTERM deliverable. Exit status
 * 0: none was.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scope_profiler.h"

extern pthread_mutex_t scope__lock;

/* Read by every thread that takes a lock (the sampler's too): atomics. */
static int watching, unblocked, seen;

int pthread_mutex_lock(pthread_mutex_t *m)
{
    static int (*real)(pthread_mutex_t *);
    if (!real)
        real = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_lock");
    if (__atomic_load_n(&watching, __ATOMIC_RELAXED) && m == &scope__lock) {
        sigset_t cur;
        pthread_sigmask(SIG_BLOCK, NULL, &cur);
        __atomic_add_fetch(&seen, 1, __ATOMIC_RELAXED);
        if (!sigismember(&cur, SIGCHLD) || !sigismember(&cur, SIGTERM))
            __atomic_add_fetch(&unblocked, 1, __ATOMIC_RELAXED);
    }
    return real(m);
}

enum { F_FIRST = __LINE__ + 1 };
static scope_func_desc f_desc;
static int f(int x)
{
    SCOPE_FRAME(f_desc)
    SCOPE_LINE(3);
    return x + 1;
}
enum { F_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(f_desc, "f", "f", F_FIRST, F_LAST)

/* Watched until main has joined it: the thread's end merges its figures
 * under the same lock (its key destructor), and a signal there is as
 * dangerous: libuv's suite hung in a thread's end, its profiled signal
 * handler waiting on the lock the ending thread held. */
static void *second(void *arg)
{
    (void)arg;
    __atomic_store_n(&watching, 1, __ATOMIC_RELAXED);
    f(2);           /* a new thread's first entry: its state */
    return NULL;
}

int main(void)
{
    pthread_t th;
    int r, seen_n, unblocked_n;
    scope_region_stats st;
    __atomic_store_n(&watching, 1, __ATOMIC_RELAXED);
    r = f(1);       /* the process's first entry: registration */
    /* The C API's calls take the same lock. */
    if (scope_get_region("f", &st) != 0 || st.calls != 1 || scope_print_region("f") != 0)
        return 2;
    __atomic_store_n(&watching, 0, __ATOMIC_RELAXED);
    if (pthread_create(&th, NULL, second, NULL) != 0 || pthread_join(th, NULL) != 0)
        return 2;
    /* A fork: the prepare handler takes the lock, the parent's and the
     * child's handlers let it go. */
    __atomic_store_n(&watching, 1, __ATOMIC_RELAXED);
    {
        int status;
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
            return 2;
    }
    __atomic_store_n(&watching, 0, __ATOMIC_RELAXED);
    seen_n = __atomic_load_n(&seen, __ATOMIC_RELAXED);
    unblocked_n = __atomic_load_n(&unblocked, __ATOMIC_RELAXED);
    if (!seen_n) {
        fprintf(stderr, "sigmask: the runtime's lock was never taken on a first entry\n");
        return 1;
    }
    if (unblocked_n) {
        fprintf(stderr, "sigmask: %d of %d acquisitions of the runtime's lock on first entries "
                "with signals deliverable\n", unblocked_n, seen_n);
        return 1;
    }
    return r == 2 ? 0 : 1;
}
