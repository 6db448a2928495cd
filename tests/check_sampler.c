/*
 * check_sampler.c - the sampled mode's arithmetic, with the sampler thread
 * off (rate 0) and samples made by hand (scope__sampler_tick as a fake
 * clock): each sample charges its interval to the current row of every
 * open frame (inclusive) and to the innermost row (self); hits are exact;
 * a sampled entry's time (its region's figures) is the samples taken while
 * it was open; an ended thread's figures stay and it is never sampled
 * again.
 */
#define _GNU_SOURCE
#define SCOPE_PROFILER_SAMPLED 1
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "registry.h"
#include "report.h"
#include "sampler.h"
#include "snapshot.h"
#include "thread.h"

SCOPE_DEFINE_FUNC(inner_d, "inner", "inner", 1, 8)
SCOPE_DEFINE_FUNC(outer_d, "outer", "outer", 1, 8)
SCOPE_DEFINE_FUNC(rec_d, "rec", "rec", 1, 8)
SCOPE_DEFINE_FUNC(worker_d, "worker", "worker", 1, 8)
SCOPE_DEFINE_FUNC(cpu_d, "cpu", "cpu", 1, 8)
SCOPE_DEFINE_FUNC(blk_d, "blkfn", "blkfn", 1, 8)
SCOPE_DEFINE_FUNC(early_d, "early", "early", 1, 8)
SCOPE_DEFINE_FUNC(rt_d, "rt", "rt", 1, 8)
SCOPE_DEFINE_FUNC(rtcallee_d, "rtcallee", "rtcallee", 1, 8)
SCOPE_DEFINE_REGION(blk_site, "block")

static volatile unsigned long spin_sink;

/* CPU mode: the wall argument of a sample is ignored; the first sample of
 * a thread only reads its CPU clock; the next charges the CPU time used in
 * between (some, since the loop burns CPU), never the wall figure. */
static void cpu(void)
{
    unsigned long i;
    SCOPE_FRAME(cpu_d)
    SCOPE_LINE(1);
    scope__sampler_tick(1000000000000ull);
    SCOPE_LINE(2);
    for (i = 0; i < 20000000ul; i++)
        spin_sink += i;
    scope__sampler_tick(1000000000000ull);
}

static void inner(void)
{
    SCOPE_FRAME(inner_d)
    SCOPE_LINE(1);
    scope__sampler_tick(100);
    SCOPE_LINE(2);
    scope__sampler_tick(10);
}

static void outer(void)
{
    SCOPE_FRAME(outer_d)
    SCOPE_LINE(1);
    SCOPE_LINE(2);
    inner();
    SCOPE_LINE(3);
    scope__sampler_tick(7);
}

static void rec(int n)
{
    SCOPE_FRAME(rec_d)
    SCOPE_LINE(1);
    if (n)
        rec(n - 1);
    SCOPE_LINE(2);
    scope__sampler_tick(5);
}

/* A statement region inside a sampled function: 3 before it, 4 and 6 in
 * it, 2 after. */
static void blkfn(void)
{
    SCOPE_FRAME(blk_d)
    SCOPE_LINE(1);
    scope__sampler_tick(3);
    {
        SCOPE_REGION(blk_site)
        SCOPE_LINE(2);
        scope__sampler_tick(4);
        SCOPE_LINE(3);
        scope__sampler_tick(6);
    }
    SCOPE_LINE(4);
    scope__sampler_tick(2);
}

/* A sample before the first line probe: the frame is on no row yet, so
 * no row is charged (only the entry's time). */
static void early(void)
{
    SCOPE_FRAME(early_d)
    scope__sampler_tick(9);
    SCOPE_LINE(1);
    scope__sampler_tick(1);
}

/* A callee whose entry and exit the test watches: inside the function the
 * thread is the program's again. */
static unsigned rtcallee(void)
{
    SCOPE_FRAME(rtcallee_d)
    SCOPE_LINE(1);
    return __atomic_load_n(&scope__tls->inrt, __ATOMIC_RELAXED);
}

/* Samples of 4 and 6 on its lines, and one of 50 taken while the thread
 * is marked as being in the runtime's entry or exit code, as a sample
 * that lands inside scope__enter_sampled or scope__leave finds it. */
static unsigned rt(void)
{
    unsigned inside;
    SCOPE_FRAME(rt_d)
    SCOPE_LINE(1);
    scope__sampler_tick(4);
    scope__rt_in(scope__tls);
    scope__sampler_tick(50);
    scope__rt_out(scope__tls);
    SCOPE_LINE(2);
    /* The first entry of rtcallee takes the slow path, the second the
     * fast one: both must leave the thread marked as the program's. */
    inside = rtcallee();
    inside |= rtcallee() << 1;
    scope__sampler_tick(6);
    return inside;
}

static void *worker(void *arg)
{
    SCOPE_FRAME(worker_d)
    (void)arg;
    SCOPE_LINE(1);
    scope__sampler_tick(1000);
    return NULL;
}

/* Take a report (ns_per_tick 1: ticks read as ns). */
static void take(scope__snapshot *s)
{
    pthread_mutex_lock(&scope__lock);
    ck_assert_int_eq(scope__snapshot_take(s, NULL, 1.0), 0);
    pthread_mutex_unlock(&scope__lock);
}

static void reset(void)
{
    pthread_mutex_lock(&scope__lock);
    scope__reset_all();
    pthread_mutex_unlock(&scope__lock);
}

static const scope__rep_func *func(const scope__snapshot *s, const char *name)
{
    unsigned i;
    for (i = 0; i < s->rep.nfuncs; i++)
        if (strcmp(s->rep.funcs[i].function, name) == 0)
            return &s->rep.funcs[i];
    ck_abort_msg("no function %s", name);
    return NULL;
}

static const scope__rep_region *region(const scope__snapshot *s, const char *name)
{
    unsigned i;
    for (i = 0; i < s->rep.nregions; i++)
        if (strcmp(s->rep.regions[i].name, name) == 0)
            return &s->rep.regions[i];
    ck_abort_msg("no region %s", name);
    return NULL;
}

static void setup(void)
{
    scope_config c;
    scope_config_init(&c);
    c.rate = 0;               /* no thread: only the test's samples */
    c.cpu_time = 0;
    c.output = "/dev/null";
    c.json = "/dev/null";
    ck_assert_int_eq(scope_setup(&c), 0);
}

START_TEST(inclusive_and_self)
{
    scope__snapshot s;
    const scope__rep_func *o, *i;
    setup();
    reset();
    outer();
    take(&s);
    ck_assert(s.rep.sampled);
    ck_assert_uint_eq(s.rep.samples, 3);
    o = func(&s, "outer");
    i = func(&s, "inner");
    ck_assert(o->sampled && i->sampled);
    /* Hits: exact, one each. */
    ck_assert_uint_eq(o->lines[1].hits, 1);
    ck_assert_uint_eq(o->lines[2].hits, 1);
    ck_assert_uint_eq(o->lines[3].hits, 1);
    ck_assert_uint_eq(i->lines[1].hits, 1);
    ck_assert_uint_eq(i->lines[2].hits, 1);
    /* The line that calls inner() holds inner's samples, inclusively. */
    ck_assert_uint_eq(o->lines[1].ns, 0);
    ck_assert_uint_eq(o->lines[2].ns, 110);
    ck_assert_uint_eq(o->lines[2].self_ns, 0);
    ck_assert_uint_eq(o->lines[3].ns, 7);
    ck_assert_uint_eq(o->lines[3].self_ns, 7);
    ck_assert_uint_eq(i->lines[1].ns, 100);
    ck_assert_uint_eq(i->lines[1].self_ns, 100);
    ck_assert_uint_eq(i->lines[2].ns, 10);
    ck_assert_uint_eq(i->lines[2].self_ns, 10);
    /* Without a sampler thread the period is 0: no share estimates. */
    ck_assert(s.rep.period_ns == 0.0);
    /* Each entry's time is the samples taken while it was open: the same
     * samples as its lines, so region and line totals agree. */
    ck_assert_uint_eq(region(&s, "outer")->calls, 1);
    ck_assert_uint_eq(region(&s, "outer")->total_ns, 117);
    ck_assert_uint_eq(region(&s, "inner")->total_ns, 110);
    ck_assert_uint_eq(region(&s, "inner")->min_ns, 110);
    ck_assert_uint_eq(region(&s, "inner")->max_ns, 110);
    ck_assert(region(&s, "inner")->m2_ns2 == 0.0);
    /* The call edge: outer's row 2 (line 3) called inner once, for the
     * samples inner's entry took. */
    ck_assert_uint_eq(o->ncalls, 1);
    ck_assert_uint_eq(o->calls[0].line, 3);
    ck_assert_str_eq(o->calls[0].function, "inner");
    ck_assert_uint_eq(o->calls[0].first_line, 1);
    ck_assert_uint_eq(o->calls[0].count, 1);
    ck_assert_uint_eq(o->calls[0].ns, 110);
    ck_assert_uint_eq(i->ncalls, 0);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(recursion)
{
    scope__snapshot s;
    const scope__rep_func *r;
    setup();
    reset();
    rec(2);
    take(&s);
    r = func(&s, "rec");
    ck_assert_uint_eq(r->lines[1].hits, 3);
    ck_assert_uint_eq(r->lines[2].hits, 3);
    /* Three samples of 5, one per level; each charges every open frame:
     * row 2 of the frame that takes it, row 1 of the frames below. */
    ck_assert_uint_eq(r->lines[2].ns, 15);
    ck_assert_uint_eq(r->lines[2].self_ns, 15);
    ck_assert_uint_eq(r->lines[1].ns, 10 + 5);
    ck_assert_uint_eq(r->lines[1].self_ns, 0);
    /* Entries of 5, 10 and 15 (the innermost first): per-entry figures,
     * and the outermost entry alone for the recursion-aware total. */
    ck_assert_uint_eq(region(&s, "rec")->calls, 3);
    ck_assert_uint_eq(region(&s, "rec")->total_ns, 30);
    ck_assert_uint_eq(region(&s, "rec")->min_ns, 5);
    ck_assert_uint_eq(region(&s, "rec")->max_ns, 15);
    /* Deviations from the mean 10: 25 + 0 + 25. */
    ck_assert(region(&s, "rec")->m2_ns2 == 50.0);
    ck_assert_uint_eq(region(&s, "rec")->outer_calls, 1);
    ck_assert_uint_eq(region(&s, "rec")->outer_total_ns, 15);
    /* Two recursive calls from row 1 (line 2), of 10 and 5. */
    ck_assert_uint_eq(r->ncalls, 1);
    ck_assert_uint_eq(r->calls[0].line, 2);
    ck_assert_str_eq(r->calls[0].function, "rec");
    ck_assert_uint_eq(r->calls[0].count, 2);
    ck_assert_uint_eq(r->calls[0].ns, 15);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(no_row_yet)
{
    scope__snapshot s;
    const scope__rep_func *f;
    unsigned k;
    scope_u64 sum = 0;
    setup();
    reset();
    early();
    take(&s);
    f = func(&s, "early");
    for (k = 0; k < f->nlines; k++)
        sum += f->lines[k].ns;
    ck_assert_uint_eq(f->lines[1].ns, 1);
    ck_assert_uint_eq(sum, 1);
    ck_assert_uint_eq(region(&s, "early")->total_ns, 10);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(runtime_samples_dropped)
{
    scope__snapshot s;
    const scope__rep_func *f;
    setup();
    reset();
    /* In rtcallee's body the entry has marked the thread back. */
    ck_assert_uint_eq(rt(), 0);
    /* After the exit too: the next sample is the program's. */
    ck_assert_uint_eq(__atomic_load_n(&scope__tls->inrt, __ATOMIC_RELAXED), 0);
    take(&s);
    f = func(&s, "rt");
    /* The sample in the runtime is counted, and charged nowhere: not to
     * the line the thread was on, not to the entry's time. */
    ck_assert_uint_eq(s.rep.samples, 3);
    ck_assert_uint_eq(s.rep.in_runtime, 1);
    ck_assert_uint_eq(f->lines[1].ns, 4);
    ck_assert_uint_eq(f->lines[1].self_ns, 4);
    ck_assert_uint_eq(f->lines[2].ns, 6);
    ck_assert_uint_eq(region(&s, "rt")->total_ns, 10);
    ck_assert_uint_eq(region(&s, "rtcallee")->calls, 2);
    scope__snapshot_free(&s);
    /* A reset starts the count again. */
    reset();
    take(&s);
    ck_assert_uint_eq(s.rep.in_runtime, 0);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(statement_region)
{
    scope__snapshot s;
    const scope__rep_func *f;
    setup();
    reset();
    blkfn();
    blkfn();
    take(&s);
    f = func(&s, "blkfn");
    ck_assert_uint_eq(f->lines[2].hits, 2);
    ck_assert_uint_eq(f->lines[2].ns, 8);
    ck_assert_uint_eq(f->lines[3].ns, 12);
    ck_assert_uint_eq(region(&s, "block")->calls, 2);
    ck_assert_uint_eq(region(&s, "block")->total_ns, 20);
    ck_assert_uint_eq(region(&s, "blkfn")->total_ns, 30);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(ended_thread)
{
    scope__snapshot s;
    const scope__rep_func *w;
    pthread_t th;
    setup();
    reset();
    ck_assert_int_eq(pthread_create(&th, NULL, worker, NULL), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    /* The ended thread left the list: this sample reaches nobody's rows. */
    scope__sampler_tick(50);
    take(&s);
    w = func(&s, "worker");
    ck_assert_uint_eq(w->lines[1].hits, 1);
    ck_assert_uint_eq(w->lines[1].ns, 1000);
    ck_assert_uint_eq(w->lines[1].self_ns, 1000);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(closed_frames_not_charged)
{
    scope__snapshot s;
    const scope__rep_func *o;
    setup();
    reset();
    outer();
    /* No frame is open: a sample now charges nothing. */
    scope__sampler_tick(1000000);
    take(&s);
    o = func(&s, "outer");
    ck_assert_uint_eq(o->lines[3].ns, 7);
    ck_assert_uint_eq(o->lines[2].ns, 110);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(report_says_mode)
{
    scope__snapshot s;
    scope__buf b = { 0 };
    setup();
    reset();
    outer();
    take(&s);
    /* As with a running sampler of 20,000 samples a second. */
    s.rep.period_ns = 50000.0;
    scope__format_text(&b, &s.rep);
    ck_assert_ptr_nonnull(strstr(b.data, "scope-profiler: line and region times are sampled (wall-clock "
                                         "time): one sample every 50 us, 3 samples\n"));
    /* 117 ns is far fewer than 100 periods of 50 us. */
    ck_assert_ptr_nonnull(strstr(b.data, "scope-profiler: outer: line times rest on about 0 "
                                         "samples (fewer than 100): rough figures\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "Timer unit: 1e-09 s\n"));
    ck_assert(strstr(b.data, "region times are sampled") < strstr(b.data, "Timer unit"));
    ck_assert_ptr_null(strstr(b.data, "profiler's own"));
    s.rep.in_runtime = 2;
    scope__buf_free(&b);
    scope__format_text(&b, &s.rep);
    ck_assert_ptr_nonnull(strstr(b.data, "one sample every 50 us, 3 samples\nscope-profiler: 2 samples "
                                         "found a thread in the profiler's own entry and exit code "
                                         "and were charged to no line or region\n"));
    s.rep.in_runtime = 0;
    scope__buf_free(&b);
    scope__format_json(&b, &s.rep);
    ck_assert_ptr_nonnull(strstr(b.data, "\"mode\": \"sampled\",\n  \"sampling\": {\"clock\": "
                                         "\"wall\", \"period_ns\": 50000.0, \"samples\": 3, "
                                         "\"in_runtime\": 0},\n"));
    /* No sample fell in the runtime: no line says so. */
    ck_assert_ptr_null(strstr(b.data, "profiler's own"));
    ck_assert_ptr_nonnull(strstr(b.data, "\"self_ns\": 7.0"));
    ck_assert_ptr_nonnull(strstr(b.data, "\"few_samples\": true"));
    scope__buf_free(&b);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(cpu_time)
{
    scope__snapshot s;
    scope__buf b = { 0 };
    const scope__rep_func *f;
    scope_config c;
    scope_config_init(&c);
    c.rate = 0;
    c.cpu_time = 1;
    c.output = "/dev/null";
    c.json = "/dev/null";
    ck_assert_int_eq(scope_setup(&c), 0);
    reset();
    cpu();
    take(&s);
    f = func(&s, "cpu");
    ck_assert_uint_eq(f->lines[1].ns, 0);
    ck_assert_uint_gt(f->lines[2].ns, 0);
    ck_assert_uint_lt(f->lines[2].ns, 1000000000000ull);
    ck_assert(s.rep.cpu_time);
    s.rep.period_ns = 50000.0;
    scope__format_json(&b, &s.rep);
    ck_assert_ptr_nonnull(strstr(b.data, "\"sampling\": {\"clock\": \"cpu\""));
    scope__buf_free(&b);
    scope__snapshot_free(&s);
}
END_TEST

START_TEST(lines_off)
{
    scope__snapshot s;
    scope_config c;
    scope_config_init(&c);
    c.rate = 0;
    c.lines = 0;
    c.output = "/dev/null";
    c.json = "/dev/null";
    ck_assert_int_eq(scope_setup(&c), 0);
    reset();
    outer();
    take(&s);
    /* Region-only: calls recorded, no line tables. */
    ck_assert_uint_eq(s.rep.nfuncs, 0);
    ck_assert_uint_eq(s.rep.nregions, 2);
    scope__snapshot_free(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sampler");
    TCase *tc = tcase_create("sampler");
    SRunner *sr;
    int failed;
    /* Keep the real program's environment out of the settings. */
    unsetenv("SCOPE_PROFILER_RATE");
    unsetenv("SCOPE_PROFILER_CLOCK");
    tcase_add_test(tc, inclusive_and_self);
    tcase_add_test(tc, recursion);
    tcase_add_test(tc, statement_region);
    tcase_add_test(tc, runtime_samples_dropped);
    tcase_add_test(tc, no_row_yet);
    tcase_add_test(tc, ended_thread);
    tcase_add_test(tc, closed_frames_not_charged);
    tcase_add_test(tc, report_says_mode);
    tcase_add_test(tc, cpu_time);
    tcase_add_test(tc, lines_off);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
