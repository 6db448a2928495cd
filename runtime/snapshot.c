/*
 * snapshot.c - from per-thread accumulators to one report.
 *
 * Ticks become nanoseconds here, with the line probe's cost subtracted per
 * hit (never below zero) when compensation is on; what the entries made
 * from a line cost was taken out of its ticks as they closed (probe.c). A
 * clock-per-line function's region total loses what its entries' first
 * intervals held beyond the measured figure, summed in its entry row, so
 * that it equals the function's line total (cost.h); lines too short to
 * time are marked.
 * Functions are ordered as line_profiler orders them (file, first line,
 * name); descriptors with the same key (a static inline function in a
 * header, instrumented in several files) are added together, as
 * line_profiler keys its table that way.
 */
#define _GNU_SOURCE
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "clock.h"
#include "config.h"
#include "cost.h"
#include "mem.h"
#include "registry.h"
#include "sampler.h"
#include "thread.h"
#include "timeline.h"

/* Source text split into lines: a file read for the text of hand-
 * instrumented functions, or a copy of a descriptor's text (one string
 * of lines each ended by '\n'). */
typedef struct scope__srcfile {
    struct scope__srcfile *next;
    char *path;                 /* the file's path, or NULL */
    char *data;        /* the text, with its line ends replaced by NULs */
    char **lines;      /* line i (0-based) */
    unsigned nlines;
} scope__srcfile;

static void split_lines(scope__srcfile *f, size_t len);

static scope__srcfile *load_file(scope__snapshot *s, const char *path)
{
    scope__srcfile *f;
    int fd;
    size_t len = 0, cap = 0;
    for (f = s->files; f; f = f->next)
        if (f->path && strcmp(f->path, path) == 0)
            return f;
    f = scope__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->path = scope__strdup(path);
    f->next = s->files;
    s->files = f;
    /* open/read, not stdio: this also runs from a signal handler. */
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return f;
    for (;;) {
        ssize_t got;
        if (len + 4096 + 1 > cap) {
            char *p = scope__realloc(f->data, cap = (len + 4096 + 1) * 2);
            if (!p)
                break;
            f->data = p;
        }
        got = read(fd, f->data + len, 4096);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    if (f->data) {
        f->data[len] = '\0';
        split_lines(f, len);
    }
    return f;
}

/* Split f->data (len bytes and a NUL) into f->lines. */
static void split_lines(scope__srcfile *f, size_t len)
{
    size_t i;
    unsigned n = 0;
    for (i = 0; i < len; i++)
        if (f->data[i] == '\n')
            n++;
    f->lines = scope__malloc(((size_t)n + 1) * sizeof *f->lines);
    if (!f->lines)
        return;
    f->lines[0] = f->data;
    f->nlines = 1;
    for (i = 0; i < len; i++) {
        if (f->data[i] != '\n')
            continue;
        /* Drop the line end, and any carriage returns before it, as
         * line_profiler's rstrip('\n').rstrip('\r') does. */
        f->data[i] = '\0';
        {
            size_t j = i;
            while (j > 0 && f->data[j - 1] == '\r' &&
                   f->data + j - 1 >= f->lines[f->nlines - 1])
                f->data[--j] = '\0';
        }
        if (i + 1 < len)
            f->lines[f->nlines++] = f->data + i + 1;
    }
}

/* The lines of descriptor d's text (each function's once per snapshot). */
static scope__srcfile *load_text(scope__snapshot *s, const scope_func_desc *d)
{
    scope__srcfile *f;
    size_t len;
    f = scope__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->next = s->files;
    s->files = f;
    len = strlen(d->text);
    f->data = scope__malloc(len + 1);
    if (f->data) {
        memcpy(f->data, d->text, len + 1);
        split_lines(f, len);
    }
    return f;
}

/* The source lines of descriptor d: its own text, or for a hand-
 * instrumented function the file's (NULL: none). */
/* A sampled table's follower rows (scope_func_desc.next) did not count:
 * each starts exactly as often as its leader, whose hits it takes. (In the
 * clock-per-line mode every probe counts, followers too, so the map is not
 * used there: the tests compare the two modes' hits to check it.) */
static void follow_leaders(scope__rep_func *f, const scope_func_desc *d)
{
    const unsigned *p;
    for (p = d->next; p[0] != 0; p += 2)
        if (p[0] < d->nlines && p[1] < d->nlines)
            f->lines[p[0]].hits = f->lines[p[1]].hits;
}

static scope__srcfile *source_of(scope__snapshot *s, const scope_func_desc *d)
{
    if (d->text)
        return load_text(s, d);
    return d->file ? load_file(s, d->file) : NULL;
}

/* Row `row` of descriptor d's table in `src` (from source_of). */
static const char *source_line(const scope__srcfile *src, const scope_func_desc *d, unsigned row)
{
    unsigned line = d->text ? row + 1 : d->first_line + row;
    if (!src || !src->lines || line == 0 || line > src->nlines)
        return "";
    return src->lines[line - 1];
}

/* `merged` owns copies of the tables and accumulators. */
static void free_merged(scope__thread *m)
{
    unsigned i;
    for (i = 0; i < m->ntables; i++) {
        scope__free(m->tables[i].rows);
        scope__free(m->tables[i].st);
    }
    scope__free(m->tables);
    scope__free(m->regions);
    scope__edges_free(&m->edges);
}

static int func_cmp(const void *pa, const void *pb)
{
    const scope__rep_func *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    if (a->first_line != b->first_line)
        return a->first_line < b->first_line ? -1 : 1;
    return strcmp(a->function, b->function);
}

/* Stable sort of the functions by func_cmp: a merge sort through a buffer
 * of the report's memory (qsort may call malloc, and this also runs from a
 * signal handler, mem.h); insertion sort if no buffer can be had. */
static void sort_funcs(scope__rep_func *a, unsigned n)
{
    scope__rep_func *tmp = n > 1 ? scope__malloc((size_t)n * sizeof *tmp) : NULL;
    unsigned width, i;
    if (n < 2)
        return;
    if (!tmp) {
        for (i = 1; i < n; i++) {
            scope__rep_func x = a[i];
            unsigned j = i;
            for (; j > 0 && func_cmp(&a[j - 1], &x) > 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
        return;
    }
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            unsigned lo = i, mid = i + width < n ? i + width : n;
            unsigned hi = i + 2 * width < n ? i + 2 * width : n;
            unsigned l = lo, r = mid, k = lo;
            while (l < mid && r < hi)
                tmp[k++] = func_cmp(&a[r], &a[l]) < 0 ? a[r++] : a[l++];
            while (l < mid)
                tmp[k++] = a[l++];
            while (r < hi)
                tmp[k++] = a[r++];
        }
        memcpy(a, tmp, (size_t)n * sizeof *a);
    }
    scope__free(tmp);
}

void scope__snapshot_note(scope__snapshot *s, const char *text)
{
    char **p = scope__realloc(s->notes, (s->rep.nnotes + 1) * sizeof *p);
    if (!p)
        return;
    s->notes = p;
    p[s->rep.nnotes] = scope__strdup(text);
    if (p[s->rep.nnotes])
        s->rep.nnotes++;
    s->rep.notes = (const char *const *)s->notes;
}

static int call_cmp(const void *pa, const void *pb)
{
    const scope__rep_call *a = pa, *b = pb;
    int c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if ((c = strcmp(a->file, b->file)) != 0 || (c = strcmp(a->function, b->function)) != 0)
        return c;
    return a->first_line < b->first_line ? -1 : a->first_line > b->first_line;
}

/* Sort a function's calls and add up those of the same line and callee
 * (descriptors of one function in several copies of a file, or the same
 * callee through several descriptors). */
static void combine_calls(scope__rep_func *f)
{
    unsigned i, out = 0;
    if (f->ncalls < 2)
        return;
    qsort(f->calls, f->ncalls, sizeof *f->calls, call_cmp);
    for (i = 1; i < f->ncalls; i++) {
        if (call_cmp(&f->calls[out], &f->calls[i]) == 0) {
            f->calls[out].count += f->calls[i].count;
            f->calls[out].ns += f->calls[i].ns;
        } else {
            f->calls[++out] = f->calls[i];
        }
    }
    f->ncalls = out + 1;
}

/* Hand every call edge of `m` to the report function its caller became
 * (slot[caller function index], -1: not reported). Edges from the
 * scratch row (a call before the function's first line probe) have no
 * line and are left out. */
static int attach_calls(scope__snapshot *s, const scope__thread *m, const int *slot, double npt)
{
    const scope__edge *e;
    for (e = m->edges; e; e = e->hh.next) {
        scope__rep_func *f;
        const scope_func_desc *d;
        scope__rep_call *c;
        if (e->count == 0 || e->caller >= scope__func_count() || slot[e->caller] < 0 ||
            e->callee >= scope__func_count())
            continue;
        f = &s->rep.funcs[slot[e->caller]];
        if (e->row >= f->nlines)
            continue;
        c = scope__realloc(f->calls, (f->ncalls + 1) * sizeof *c);
        if (!c)
            return -1;
        f->calls = c;
        d = scope__func_desc(e->callee);
        c += f->ncalls++;
        c->line = f->first_line + e->row;
        c->file = d->file ? d->file : "";
        c->function = d->function ? d->function : "";
        c->first_line = d->first_line;
        c->count = e->count;
        c->ns = (scope_u64)llround((double)e->ticks * npt);
    }
    return 0;
}

/* Compensation relieves each entry of a profiled function of the measured
 * first interval (cost.h: `first`), which belongs to no line; the function's
 * entry row (row nlines) holds what those intervals really were, summed
 * over its entries. Per region, in ticks: that sum less entries x `first`
 * over the clock-per-line functions of the region, which is what its
 * entries' times hold beyond their functions' line times. NULL when there
 * is nothing to correct (compensation off, out of memory). */
static double *first_interval_corrections(const scope__thread *merged)
{
    double *corr;
    unsigned i;
    if (!scope__cfg.compensate || scope__region_count() == 0)
        return NULL;
    corr = scope__calloc(scope__region_count(), sizeof *corr);
    for (i = 0; corr && i < scope__func_count() && i < merged->ntables; i++) {
        const scope_func_desc *d = scope__func_desc(i);
        const scope__table *tab = &merged->tables[i];
        const scope_line_acc *entry;
        int rid = scope__func_region(i);
        if (!tab->rows || tab->st || tab->nrows != d->nlines + 1 || rid < 0 ||
            (unsigned)rid >= scope__region_count())
            continue;
        entry = &tab->rows[d->nlines];
        corr[rid] += scope__cost_first_excess(&scope__cost, entry->ticks, entry->hits);
    }
    return corr;
}

int scope__snapshot_take(scope__snapshot *s, const char *only_region, double npt)
{
    scope__thread merged;
    scope__thread *t;
    unsigned i, k, nf = 0, nr = 0;
    scope__srcfile *src;
    int rc = 0, *slot;
    double cost = scope__cfg.compensate ? scope__cost.line : 0.0;
    double *corr;
    int slocked;

    memset(s, 0, sizeof *s);
    memset(&merged, 0, sizeof merged);
    /* The sampler adds to the tables' ticks: hold it off while they are
     * read (in a signal handler only if the lock is free). */
    slocked = scope__sampler_lock(scope__mem_arena);
    if (scope__thread_merge(&merged, &scope__retired) != 0)
        rc = -1;
    for (t = scope__thread_first(); t; t = t->next)
        if (scope__thread_merge(&merged, t) != 0)
            rc = -1;
    s->rep.sampled = scope__sampler_used();
    s->rep.samples = scope__sampler_samples();
    s->rep.in_runtime = scope__sampler_in_runtime();
    if (slocked)
        scope__sampler_unlock();
    s->rep.cpu_time = scope__sampler_cpu_time();
    s->rep.period_ns = scope__sampler_period_ns();

    s->rep.pid = (long)getpid();
    s->rep.lines = scope__cfg.lines;
    s->rep.clock = scope__clock_name();
    s->rep.costs.line_ns = scope__cost.line * npt;
    s->rep.costs.isolated_ns = scope__cost.isolated * npt;
    s->rep.costs.call_enter_ns = (double)scope__cost.call_enter * npt;
    s->rep.costs.call_leave_ns = (double)scope__cost.call_leave * npt;
    s->rep.costs.region_enter_ns = (double)scope__cost.region_enter * npt;
    s->rep.costs.region_leave_ns = (double)scope__cost.region_leave * npt;
    s->rep.costs.inside_ns = (double)scope__cost.inside * npt;
    s->rep.costs.call_inside_ns = (double)scope__cost.call_inside * npt;
    s->rep.costs.first_ns = (double)scope__cost.first * npt;
    s->rep.costs.tail_ns = (double)scope__cost.tail * npt;
    s->rep.costs.outside_ns = (double)scope__cost.outside * npt;
    s->rep.compensated = scope__cfg.compensate;
    s->rep.ns_per_tick = npt;
    s->rep.abandoned = merged.abandoned;
    for (i = 0; i < scope__note_count(); i++)
        scope__snapshot_note(s, scope__note_text(i));

    s->rep.regions = scope__calloc(scope__region_count() + 1, sizeof *s->rep.regions);
    s->rep.funcs = scope__calloc(scope__func_count() + 1, sizeof *s->rep.funcs);
    slot = scope__malloc((scope__func_count() + 1) * sizeof *slot);
    if (!s->rep.regions || !s->rep.funcs || !slot) {
        scope__free(slot);
        free_merged(&merged);
        return -1;
    }
    for (i = 0; i < scope__func_count(); i++)
        slot[i] = -1;
    corr = first_interval_corrections(&merged);
    for (i = 0; i < scope__region_count() && i < merged.nregions; i++) {
        scope__racc fixed = merged.regions[i];
        const scope__racc *a = &fixed;
        scope__rep_region *r;
        scope__racc_seconds sec;
        if (a->calls == 0)
            continue;
        if (corr)
            scope__cost_region_fix(&fixed, corr[i]);
        s->recorded = 1;
        if (only_region && strcmp(only_region, scope__region_name(i)) != 0)
            continue;
        r = &s->rep.regions[nr++];
        r->name = scope__region_name(i);
        r->calls = a->calls;
        sec = scope__racc_to_seconds(a, npt);
        r->total = sec.total;
        r->mean = sec.mean;
        r->min = sec.min;
        r->max = sec.max;
        r->std = sec.std;
        r->total_ns = (scope_u64)nearbyint((double)a->total * npt);
        r->min_ns = (scope_u64)nearbyint((double)a->min * npt);
        r->max_ns = (scope_u64)nearbyint((double)a->max * npt);
        r->m2_ns2 = scope__racc_m2(a) * npt * npt;
        r->outer_calls = a->outer_calls;
        r->outer_total_ns = (scope_u64)nearbyint((double)a->outer_total * npt);
    }
    s->rep.nregions = nr;
    scope__free(corr);

    for (i = 0; s->rep.lines && i < scope__func_count() && i < merged.ntables; i++) {
        const scope_func_desc *d = scope__func_desc(i);
        const scope__table *tab = &merged.tables[i];
        scope__rep_func *f;
        if (!tab->rows || tab->nrows != d->nlines + 1 || tab->rows[d->nlines].hits == 0)
            continue;
        if (only_region && strcmp(only_region, scope__region_name((unsigned)scope__func_region(i))) != 0)
            continue;
        f = &s->rep.funcs[nf];
        f->lines = scope__calloc(d->nlines + 1, sizeof *f->lines);
        if (!f->lines) {
            rc = -1;
            continue;
        }
        slot[i] = (int)nf++;
        f->file = d->file ? d->file : "";
        f->function = d->function ? d->function : "";
        f->region = scope__region_name((unsigned)scope__func_region(i));
        f->first_line = d->first_line;
        f->nlines = d->nlines;
        f->sampled = tab->st != NULL;
        src = source_of(s, d);
        for (k = 0; k < d->nlines; k++)
            f->lines[k].hits = tab->rows[k].hits;
        if (tab->st && d->next)
            follow_leaders(f, d);
        for (k = 0; k < d->nlines; k++) {
            const scope_line_acc *row = &tab->rows[k];
            scope_u64 hits = f->lines[k].hits;
            if (tab->st) {
                /* Sampled: no probe time in the ticks, nothing to subtract. */
                f->lines[k].ns =
                    hits ? (scope_u64)llround((double)tab->st->incl[k] * npt) : 0;
                f->lines[k].self_ns =
                    hits ? (scope_u64)llround((double)tab->st->self[k] * npt) : 0;
                if (s->rep.period_ns > 0.0)
                    f->samples += (double)f->lines[k].ns / s->rep.period_ns;
            } else {
                f->lines[k].ns = scope__cost_row_ns(row->ticks, row->hits, cost, npt);
            }
            f->lines[k].text = source_line(src, d, k);
        }
    }
    if (attach_calls(s, &merged, slot, npt) != 0)
        rc = -1;
    scope__free(slot);
    sort_funcs(s->rep.funcs, nf);
    /* Add up descriptors with the same key and shape. */
    if (nf > 1) {
        unsigned out = 0;
        for (i = 1; i < nf; i++) {
            scope__rep_func *a = &s->rep.funcs[out], *b = &s->rep.funcs[i];
            if (func_cmp(a, b) == 0 && a->nlines == b->nlines) {
                for (k = 0; k < a->nlines; k++) {
                    a->lines[k].hits += b->lines[k].hits;
                    a->lines[k].ns += b->lines[k].ns;
                    a->lines[k].self_ns += b->lines[k].self_ns;
                }
                a->sampled |= b->sampled;
                a->samples += b->samples;
                if (b->ncalls) {
                    scope__rep_call *c =
                        scope__realloc(a->calls, (a->ncalls + b->ncalls) * sizeof *c);
                    if (c) {
                        memcpy(c + a->ncalls, b->calls, b->ncalls * sizeof *c);
                        a->calls = c;
                        a->ncalls += b->ncalls;
                    } else {
                        rc = -1;
                    }
                }
                scope__free(b->lines);
                scope__free(b->calls);
                b->lines = NULL;
                b->calls = NULL;
            } else {
                s->rep.funcs[++out] = *b;
                if (out != i) {
                    b->lines = NULL;
                    b->calls = NULL;
                }
            }
        }
        nf = out + 1;
    }
    s->rep.nfuncs = nf;
    for (i = 0; i < nf; i++)
        combine_calls(&s->rep.funcs[i]);
    if (nf)
        s->recorded = 1;
    /* Clock-per-line lines too short to time, on the added-up figures. */
    for (i = 0; i < nf; i++) {
        scope__rep_func *f = &s->rep.funcs[i];
        for (k = 0; !f->sampled && k < f->nlines; k++)
            f->lines[k].too_short =
                scope__cost_too_short(f->lines[k].ns, f->lines[k].hits, s->rep.costs.isolated_ns);
    }

    free_merged(&merged);
    return rc;
}

void scope__snapshot_free(scope__snapshot *s)
{
    unsigned i;
    scope__srcfile *f, *fn;
    for (i = 0; s->rep.funcs && i < s->rep.nfuncs; i++) {
        scope__free(s->rep.funcs[i].lines);
        scope__free(s->rep.funcs[i].calls);
    }
    scope__free(s->rep.funcs);
    scope__free(s->rep.regions);
    for (i = 0; i < s->rep.nnotes; i++)
        scope__free(s->notes[i]);
    scope__free(s->notes);
    for (f = s->files; f; f = fn) {
        fn = f->next;
        scope__free(f->path);
        scope__free(f->data);
        scope__free(f->lines);
        scope__free(f);
    }
    memset(s, 0, sizeof *s);
}

void scope__reset_all(void)
{
    scope__thread *t;
    int slocked = scope__sampler_lock(scope__mem_arena);
    scope__thread_reset(&scope__retired);
    for (t = scope__thread_first(); t; t = t->next)
        scope__thread_reset(t);
    scope__sampler_reset();
    if (slocked)
        scope__sampler_unlock();
    scope__notes_clear();
    scope__timeline_reset();
}
