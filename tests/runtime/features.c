/*
 * features.c - hand-instrumented program exercising the runtime's
 * semantics, one scenario per command-line word; run.py runs each scenario
 * and checks the JSON (and text) report it produces.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scope_profiler.h"

#define L(F) SCOPE_LINE(__LINE__ - F##_FIRST)

static volatile unsigned long sink;

static void spin(unsigned long n)
{
    unsigned long i;
    for (i = 0; i < n; i++)
        sink += i;
}

/* ---- recursion: each level does some work, then recurses ------------- */
static scope_func_desc rec_desc;
enum { REC_FIRST = __LINE__ + 1 };
/* @profile("rec") */
static unsigned long rec(int depth)
{
    SCOPE_FRAME(rec_desc)
    L(REC); spin(20000);
    L(REC); if (depth == 0) return 1;
    L(REC); return 1 + rec(depth - 1);
}
enum { REC_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(rec_desc, "rec", "rec", REC_FIRST, REC_LAST)

/* ---- early return: frames close on every path ------------------------- */
static scope_func_desc early_desc;
enum { EARLY_FIRST = __LINE__ + 1 };
/* @profile("early") */
static int early(int x)
{
    SCOPE_FRAME(early_desc)
    L(EARLY); if (x % 3 == 0) return 0;
    L(EARLY); if (x % 3 == 1) return 1;
    L(EARLY); return 2;
}
enum { EARLY_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(early_desc, "early", "early", EARLY_FIRST, EARLY_LAST)

/* ---- exit() from deep inside profiled frames --------------------------- */
static scope_func_desc inner_desc, outer_desc;
enum { INNER_FIRST = __LINE__ + 1 };
/* @profile("inner") */
static void inner(int i)
{
    SCOPE_FRAME(inner_desc)
    L(INNER); spin(100);
    L(INNER); if (i == 9) exit(0);
}
enum { INNER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(inner_desc, "inner", "inner", INNER_FIRST, INNER_LAST)

enum { OUTER_FIRST = __LINE__ + 1 };
/* @profile("outer") */
static void outer(void)
{
    SCOPE_FRAME(outer_desc)
    for (int i = 0; L(OUTER), i < 100; i++) {
        L(OUTER); inner(i);
    }
}
enum { OUTER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(outer_desc, "outer", "outer", OUTER_FIRST, OUTER_LAST)

/* ---- threads: the same function in 4 threads --------------------------- */
static scope_func_desc work_desc;
enum { WORK_FIRST = __LINE__ + 1 };
/* @profile("work") */
static unsigned long work(int n)
{
    SCOPE_FRAME(work_desc)
    L(WORK); unsigned long s = 0;
    for (int i = 0; L(WORK), i < n; i++) {
        SCOPE_BLOCK("work.step")
        L(WORK); s += (unsigned long)i * 3u;
    }
    L(WORK); return s;
}
enum { WORK_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(work_desc, "work", "work", WORK_FIRST, WORK_LAST)

static void *worker(void *arg)
{
    unsigned long s = 0;
    int i;
    (void)arg;
    for (i = 0; i < 250; i++)
        s += work(40);
    return (void *)s;
}

static int run_threads(int nthreads)
{
    pthread_t t[64];
    int i;
    for (i = 0; i < nthreads; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0)
            return 1;
    for (i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    return 0;
}

/* ---- longjmp out of profiled frames ------------------------------------ */
static jmp_buf jump;
static scope_func_desc ja_desc, jb_desc, jc_desc, jd_desc, top_desc;
enum { JC_FIRST = __LINE__ + 1 };
/* @profile("jc") */
static void jc(void)
{
    SCOPE_FRAME(jc_desc)
    L(JC); longjmp(jump, 1);
}
enum { JC_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(jc_desc, "jc", "jc", JC_FIRST, JC_LAST)

enum { JB_FIRST = __LINE__ + 1 };
/* @profile("jb") */
static void jb(void)
{
    SCOPE_FRAME(jb_desc)
    L(JB); jc();
}
enum { JB_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(jb_desc, "jb", "jb", JB_FIRST, JB_LAST)

enum { JA_FIRST = __LINE__ + 1 };
/* @profile("ja") */
static void ja(void)
{
    SCOPE_FRAME(ja_desc)
    L(JA); jb();
}
enum { JA_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(ja_desc, "ja", "ja", JA_FIRST, JA_LAST)

enum { JD_FIRST = __LINE__ + 1 };
/* @profile("jd") */
__attribute__((noinline)) static void jd(void)
{
    SCOPE_FRAME(jd_desc)
    L(JD); spin(10);
}
enum { JD_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(jd_desc, "jd", "jd", JD_FIRST, JD_LAST)

enum { TOP_FIRST = __LINE__ + 1 };
/* @profile("top") */
__attribute__((noinline)) static void top(void)
{
    SCOPE_FRAME(top_desc)
    L(TOP); if (setjmp(jump) == 0) ja();
    L(TOP); jd();
}
enum { TOP_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(top_desc, "top", "top", TOP_FIRST, TOP_LAST)

/* ---- a function with 10 000 table rows, and 10 000 regions ------------ */
SCOPE_DEFINE_FUNC(big_desc, "big", "big", 1, 10000)

static void big(void)
{
    SCOPE_FRAME(big_desc)
    unsigned row;
    for (row = 0; row < 10000; row++)
        SCOPE_LINE(row);
}

static scope_region_site sites[10000];
static char names[10000][16];

static void many_regions(void)
{
    int i, k;
    for (i = 0; i < 10000; i++) {
        snprintf(names[i], sizeof names[i], "r%d", i);
        sites[i].name = names[i];
    }
    for (k = 0; k < 2; k++)
        for (i = 0; i < 10000; i++) {
            scope_frame *g __attribute__((cleanup(scope__leave), unused)) =
                scope__region_enter(&sites[i], __builtin_frame_address(0));
        }
}

/* ---- recursion 100 000 deep, on a thread with a large stack ----------- */
static scope_func_desc deep_desc;
enum { DEEP_FIRST = __LINE__ + 1 };
/* @profile("deep") */
static unsigned long deep(unsigned long n)
{
    SCOPE_FRAME(deep_desc)
    L(DEEP); if (n == 0) return 0;
    L(DEEP); return 1 + deep(n - 1);
}
enum { DEEP_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(deep_desc, "deep", "deep", DEEP_FIRST, DEEP_LAST)

static void *deep_thread(void *arg)
{
    sink += deep((unsigned long)(size_t)arg);
    return NULL;
}

static int run_deep(unsigned long n)
{
    pthread_attr_t a;
    pthread_t t;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 512u << 20);
    if (pthread_create(&t, &a, deep_thread, (void *)(size_t)n) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}

/* ---- overhead compensation: tiny lines, nested calls, a region -------- */
static scope_func_desc tiny_desc, caller_desc;
enum { TINY_FIRST = __LINE__ + 1 };
/* @profile("tiny") */
__attribute__((noinline)) static unsigned long tiny(unsigned long x)
{
    SCOPE_FRAME(tiny_desc)
    L(TINY); x += 1;
    L(TINY); x ^= x >> 3;
    L(TINY); return x;
}
enum { TINY_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(tiny_desc, "tiny", "tiny", TINY_FIRST, TINY_LAST)

enum { CALLER_FIRST = __LINE__ + 1 };
/* @profile("caller") */
__attribute__((noinline)) static unsigned long caller(int n)
{
    SCOPE_FRAME(caller_desc)
    L(CALLER); unsigned long s = 0;
    for (int i = 0; L(CALLER), i < n; i++) {
        L(CALLER); s = tiny(s);
        { SCOPE_BLOCK("caller.block") L(CALLER); s += (unsigned long)i; }
    }
    L(CALLER); return s;
}
enum { CALLER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(caller_desc, "caller", "caller", CALLER_FIRST, CALLER_LAST)

/* ---- signals: a profiled call that waits for its input ---------------- */
static scope_func_desc waiter_desc;
static volatile sig_atomic_t got_signal;

static void own_handler(int sig)
{
    got_signal = sig;
}

/* Install own_handler for SIGTERM, without SA_RESTART so that the read
 * below returns. */
static void install_own(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = own_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
}

enum { WAITER_FIRST = __LINE__ + 1 };
/* @profile("waiter") */
static int waiter(int own_late)
{
    SCOPE_FRAME(waiter_desc)
    L(WAITER); char line[64];
    L(WAITER); if (own_late) install_own();
    /* The driver signals once it reads "ready", then writes a line. */
    L(WAITER); fputs("ready\n", stdout); fflush(stdout);
    L(WAITER); while (!got_signal && !fgets(line, sizeof line, stdin) && ferror(stdin)) clearerr(stdin);
    L(WAITER); if (got_signal) { printf("handled %d\n", (int)got_signal); return 7; }
    L(WAITER); printf("alive\n");
    L(WAITER); return 0;
}
enum { WAITER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(waiter_desc, "waiter", "waiter", WAITER_FIRST, WAITER_LAST)

static scope_func_desc aborter_desc;
enum { ABORTER_FIRST = __LINE__ + 1 };
/* @profile("aborter") */
static void aborter(void)
{
    SCOPE_FRAME(aborter_desc)
    L(ABORTER); spin(100);
    L(ABORTER); abort();
}
enum { ABORTER_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(aborter_desc, "aborter", "aborter", ABORTER_FIRST, ABORTER_LAST)

/* A profiled loop that spends its time inside malloc and free, so that a
 * signal most likely lands there, with the allocator's locks held. */
static scope_func_desc churn_desc;
enum { CHURN_FIRST = __LINE__ + 1 };
/* @profile("churn") */
static void churn(void)
{
    SCOPE_FRAME(churn_desc)
    L(CHURN); size_t n = 0;
    L(CHURN); fputs("ready\n", stdout); fflush(stdout);
    for (;;) {
        L(CHURN); void *p = malloc(1000 + (n++ % 64) * 1000);
        L(CHURN); sink += (unsigned long)(p != NULL);
        L(CHURN); free(p);
    }
}
enum { CHURN_LAST = __LINE__ - 1 };
SCOPE_DEFINE_FUNC(churn_desc, "churn", "churn", CHURN_FIRST, CHURN_LAST)

/* Reports alternate between compensation on and off, each on its own
 * (PREFIX-<k>.json), so that run.py can compare them. */
static int run_compensate(const char *prefix)
{
    char path[4096];
    scope_config c;
    int k;
    for (k = 0; k < 10; k++) {
        scope_config_init(&c);
        snprintf(path, sizeof path, "%s-%d.json", prefix, k);
        c.json = path;
        c.compensate = k % 2 == 0;
        if (scope_setup(&c) != 0)
            return 1;
        sink += caller(5000);
        scope_finalize();
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int i;
    if (strcmp(mode, "recursion") == 0) {
        sink += rec(30);
    } else if (strcmp(mode, "early") == 0) {
        for (i = 0; i < 30; i++)
            sink += (unsigned long)early(i);
    } else if (strcmp(mode, "exit") == 0) {
        outer();
        return 3; /* not reached: inner() exits */
    } else if (strcmp(mode, "threads") == 0) {
        return run_threads(4);
    } else if (strcmp(mode, "longjmp") == 0) {
        for (i = 0; i < 1000; i++)
            top();
    } else if (strcmp(mode, "fork") == 0) {
        pid_t child;
        int status;
        early(0);
        fflush(NULL);
        child = fork();
        if (child == 0) {
            early(1);
            early(2);
            exit(0);
        }
        waitpid(child, &status, 0);
        early(0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
    } else if (strcmp(mode, "deep") == 0) {
        return run_deep(argc > 2 ? strtoul(argv[2], NULL, 10) : 100000);
    } else if (strcmp(mode, "big") == 0) {
        big();
        big();
        many_regions();
    } else if (strcmp(mode, "compensate") == 0 && argc == 3) {
        return run_compensate(argv[2]);
    } else if (strcmp(mode, "wait") == 0) {
        return waiter(0);
    } else if (strcmp(mode, "own") == 0) {
        install_own();          /* before the runtime starts */
        return waiter(0);
    } else if (strcmp(mode, "own-late") == 0) {
        return waiter(1);       /* after: replaces the runtime's */
    } else if (strcmp(mode, "abort") == 0) {
        aborter();
    } else if (strcmp(mode, "churn") == 0) {
        churn();
    } else if (strcmp(mode, "chdir") == 0) {
        /* The default directory is fixed at first use. */
        early(0);
        if (chdir("/") != 0)
            return 1;
        early(1);
    } else {
        fprintf(stderr, "usage: %s recursion|early|exit|threads|longjmp|fork|deep|big|"
                        "compensate PREFIX|wait|own|own-late|abort|churn|chdir\n", argv[0]);
        return 2;
    }
    return 0;
}
