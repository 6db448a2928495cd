/*
 * export.c - `scope-report export --format FORMAT -o OUT FILE...`: the
 * merged profile in the formats of other viewers.
 *
 *   callgrind  callgrind_annotate / KCachegrind: "events: Hits Ns", one
 *              fl=/fn= block per profiled function, a cost line per line,
 *              calls= for the profiled callees the data files recorded
 *   lcov       genhtml: DA (hits) for every line that ran, FN/FNDA
 *   chrome     Perfetto / chrome://tracing: trace events ("ph": "X") of the
 *              runtime's timeline, in microseconds with ns fractions
 *   speedscope speedscope's evented profiles of the same timeline
 *   spt        upstream scope-profiler's native region trace (version 2) of
 *              the same timeline, one file per rank
 *   html       one self-contained page (no network): regions, top lines,
 *              each function's source as a heat map
 *
 * Every export is built in memory and written atomically (util.h), never
 * over an input. The timeline exports put the processes on one clock when
 * every data file says where its timeline starts on CLOCK_MONOTONIC.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "commands.h"
#include "util.h"
#include "view.h"

/* A line's self time for callgrind: its time less that of the profiled
 * calls made from it (the runtime's line times include them, callgrind's
 * line costs do not: the calls= lines carry them). */
static uint64_t callgrind_self(const rp_func *f, unsigned k)
{
    uint64_t ns = f->lines[k].ns, calls = 0;
    const rp_call *c;
    for (c = f->calls; c; c = c->hh.next)
        if (c->line == f->first_line + k)
            calls += c->ns;
    return calls < ns ? ns - calls : 0;
}

/* callgrind's format: per function fl=/fn= and a cost line per line that
 * ran (exclusive), then per call edge cfi=/cfn=, calls=COUNT TARGET (the
 * callee's first line) and the call site's line with the inclusive cost
 * of those calls. The Hits of a call are 0: a data file does not say
 * which of the callee's line executions came from which call site, so
 * inclusive Hits count the function's own lines, and Ns is inclusive. */
static void callgrind(scope__buf *b, const rp_profile *p)
{
    rp_func **fv = rp_funcs_sorted(p);
    unsigned i, k;
    uint64_t hits = 0, ns = 0;
    for (i = 0; i < p->nfuncs; i++)
        for (k = 0; k < fv[i]->nlines; k++) {
            hits += fv[i]->lines[k].hits;
            ns += fv[i]->ncalls ? callgrind_self(fv[i], k) : fv[i]->lines[k].ns;
        }
    scope__buf_puts(b, "# callgrind format\nversion: 1\ncreator: scope-report\n");
    scope__buf_puts(b, "positions: line\nevents: Hits Ns\n");
    scope__buf_printf(b, "summary: %llu %llu\n", (unsigned long long)hits, (unsigned long long)ns);
    for (i = 0; i < p->nfuncs; i++) {
        const rp_func *f = fv[i];
        scope__buf_printf(b, "\nfl=%s\nfn=%s\n", f->file, f->function);
        for (k = 0; k < f->nlines; k++) {
            const rp_line *l = &f->lines[k];
            if (l->hits)
                scope__buf_printf(b, "%u %llu %llu\n", f->first_line + k,
                                  (unsigned long long)l->hits,
                                  (unsigned long long)(f->ncalls ? callgrind_self(f, k) : l->ns));
        }
        if (f->ncalls) {
            rp_call **cv = rp_calls_sorted(f);
            unsigned c;
            for (c = 0; c < f->ncalls; c++)
                scope__buf_printf(b, "cfi=%s\ncfn=%s\ncalls=%llu %u\n%u 0 %llu\n", cv[c]->file,
                                  cv[c]->function, (unsigned long long)cv[c]->count,
                                  cv[c]->first_line, cv[c]->line, (unsigned long long)cv[c]->ns);
            free(cv);
        }
    }
    free(fv);
}

/* A function's call count: its region's entries when the region is its
 * own (named after it or given to it alone), else the hits of its first
 * line that ran. */
static uint64_t calls_of(const rp_profile *p, const rp_func *f)
{
    rp_region *g;
    rp_func *o;
    unsigned k, users = 0;
    HASH_FIND_STR(p->regions, f->region, g);
    for (o = p->funcs; o; o = o->hh.next)
        if (strcmp(o->region, f->region) == 0)
            users++;
    if (g && users == 1)
        return g->calls;
    for (k = 0; k < f->nlines; k++)
        if (f->lines[k].hits)
            return f->lines[k].hits;
    return 0;
}

static void lcov(scope__buf *b, const rp_profile *p)
{
    rp_func **fv = rp_funcs_sorted(p);
    unsigned i = 0, j, k;
    scope__buf_puts(b, "TN:scope-profiler\n");
    while (i < p->nfuncs) {
        unsigned end = i, lf = 0, lh = 0, fh = 0;
        while (end < p->nfuncs && strcmp(fv[end]->file, fv[i]->file) == 0)
            end++;
        scope__buf_printf(b, "SF:%s\n", fv[i]->file);
        for (j = i; j < end; j++)
            scope__buf_printf(b, "FN:%u,%s\n", fv[j]->first_line, fv[j]->function);
        for (j = i; j < end; j++) {
            uint64_t c = calls_of(p, fv[j]);
            fh += c > 0;
            scope__buf_printf(b, "FNDA:%llu,%s\n", (unsigned long long)c, fv[j]->function);
        }
        scope__buf_printf(b, "FNF:%u\nFNH:%u\n", end - i, fh);
        for (j = i; j < end; j++)
            for (k = 0; k < fv[j]->nlines; k++)
                if (fv[j]->lines[k].hits) {
                    scope__buf_printf(b, "DA:%u,%llu\n", fv[j]->first_line + k,
                                      (unsigned long long)fv[j]->lines[k].hits);
                    lf++;
                    lh++;
                }
        scope__buf_printf(b, "LF:%u\nLH:%u\nend_of_record\n", lf, lh);
        i = end;
    }
    free(fv);
}

static void json_string(scope__buf *b, const char *s)
{
    scope__buf_puts(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            scope__buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            scope__buf_printf(b, "\\u%04x", c);
        else
            scope__buf_put(b, s, 1);
    }
    scope__buf_puts(b, "\"");
}

/* Put every process's timeline on one clock for chrome and speedscope:
 * when each file gave its origin, start_ns becomes CLOCK_MONOTONIC ns
 * less the earliest entry of all, so that processes that ran side by
 * side show side by side. Without origins each process keeps its own
 * zero, and a warning says so when there are several. */
static void align(rp_profile *p)
{
    uint64_t t0 = rp_timeline_t0(p);
    size_t i;
    int several = 0;
    for (i = 1; i < p->nevents && !several; i++)
        several = p->events[i].pid != p->events[0].pid;
    if (!rp_timeline_aligned(p)) {
        if (several)
            fprintf(stderr, "scope-report: warning: %u data file%s without "
                    "\"origin_monotonic_ns\" (written by an older runtime): each process's "
                    "times count from its own first entry\n", p->no_origin,
                    p->no_origin == 1 ? "" : "s");
        return;
    }
    for (i = 0; i < p->nevents; i++)
        p->events[i].start_ns = rp_event_start(p, t0, &p->events[i]);
}

/* Trace Event Format (chrome://tracing, Perfetto): one complete ("X")
 * event per timeline entry, times in microseconds with ns fractions. */
static void chrome(scope__buf *b, const rp_profile *p)
{
    size_t i;
    long last_pid = -1;
    scope__buf_puts(b, "{\"displayTimeUnit\": \"ns\", \"otherData\": {\"creator\": "
                       "\"scope-report\", ");
    scope__buf_printf(b, "\"dropped_entries\": %llu}, \"traceEvents\": [",
                      (unsigned long long)p->dropped);
    for (i = 0; i < p->nevents; i++) {
        const rp_event *e = &p->events[i];
        if (e->pid != last_pid) {
            scope__buf_printf(b, "%s\n{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": %ld, "
                              "\"tid\": 0, \"args\": {\"name\": \"process %ld\"}}", i ? "," : "",
                              e->pid, e->pid);
            last_pid = e->pid;
        }
        scope__buf_puts(b, ",\n{\"name\": ");
        json_string(b, e->name);
        scope__buf_printf(b, ", \"cat\": \"region\", \"ph\": \"X\", \"ts\": %llu.%03u, "
                          "\"dur\": %llu.%03u, \"pid\": %ld, \"tid\": %u}",
                          (unsigned long long)(e->start_ns / 1000), (unsigned)(e->start_ns % 1000),
                          (unsigned long long)(e->dur_ns / 1000), (unsigned)(e->dur_ns % 1000),
                          e->pid, e->thread);
    }
    scope__buf_puts(b, "\n]}\n");
}

static int event_cmp(const void *pa, const void *pb)
{
    const rp_event *a = *(rp_event *const *)pa, *b = *(rp_event *const *)pb;
    if (a->pid != b->pid)
        return a->pid < b->pid ? -1 : 1;
    if (a->thread != b->thread)
        return a->thread < b->thread ? -1 : 1;
    if (a->start_ns != b->start_ns)
        return a->start_ns < b->start_ns ? -1 : 1;
    /* Same start: the longer one encloses the shorter. */
    if (a->dur_ns != b->dur_ns)
        return a->dur_ns > b->dur_ns ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* speedscope's evented profiles, one per process and thread: open and
 * close events in time order. Entries of one thread nest (the runtime
 * records raw times); an entry that would end after its parent is closed
 * with the parent, so the events always nest. */
static void speedscope(scope__buf *b, const rp_profile *p)
{
    rp_event **v = xcalloc(p->nevents + 1, sizeof *v);
    rp_region **rv = rp_regions_sorted(p);
    const rp_event **stack = xcalloc(p->nevents + 1, sizeof *stack);
    uint64_t *ends = xcalloc(p->nevents + 1, sizeof *ends);
    size_t i, j, depth;
    unsigned r;
    for (i = 0; i < p->nevents; i++)
        v[i] = &p->events[i];
    qsort(v, p->nevents, sizeof *v, event_cmp);
    scope__buf_puts(b, "{\"$schema\": \"https://www.speedscope.app/file-format-schema.json\",\n"
                       " \"exporter\": \"scope-report\", \"name\": \"scope-profiler timeline\",\n"
                       " \"shared\": {\"frames\": [");
    for (r = 0; r < p->nregions; r++) {
        scope__buf_puts(b, r ? ", {\"name\": " : "{\"name\": ");
        json_string(b, rv[r]->name);
        scope__buf_puts(b, "}");
    }
    scope__buf_puts(b, "]},\n \"profiles\": [");
    for (i = 0; i < p->nevents; i = j) {
        uint64_t last = 0;
        for (j = i; j < p->nevents && v[j]->pid == v[i]->pid && v[j]->thread == v[i]->thread; j++)
            if (v[j]->start_ns + v[j]->dur_ns > last)
                last = v[j]->start_ns + v[j]->dur_ns;
        scope__buf_printf(b, "%s\n  {\"type\": \"evented\", \"name\": \"process %ld thread %u\", "
                          "\"unit\": \"nanoseconds\", \"startValue\": %llu, \"endValue\": %llu, "
                          "\"events\": [", i ? "," : "", v[i]->pid, v[i]->thread,
                          (unsigned long long)v[i]->start_ns, (unsigned long long)last);
        depth = 0;
        {
            size_t k;
            int first = 1;
            for (k = i; k <= j; k++) {
                uint64_t at = k < j ? v[k]->start_ns : UINT64_MAX;
                rp_region *g = NULL;
                while (depth > 0 && ends[depth - 1] <= at) {
                    depth--;
                    HASH_FIND_STR(p->regions, stack[depth]->name, g);
                    scope__buf_printf(b, "%s{\"type\": \"C\", \"frame\": %u, \"at\": %llu}",
                                      first ? "" : ", ", g ? g->order : 0u,
                                      (unsigned long long)ends[depth]);
                    first = 0;
                }
                if (k == j)
                    break;
                stack[depth] = v[k];
                ends[depth] = v[k]->start_ns + v[k]->dur_ns;
                if (depth > 0 && ends[depth] > ends[depth - 1])
                    ends[depth] = ends[depth - 1];
                depth++;
                HASH_FIND_STR(p->regions, v[k]->name, g);
                scope__buf_printf(b, "%s{\"type\": \"O\", \"frame\": %u, \"at\": %llu}",
                                  first ? "" : ", ", g ? g->order : 0u,
                                  (unsigned long long)v[k]->start_ns);
                first = 0;
            }
        }
        scope__buf_puts(b, "]}");
    }
    scope__buf_puts(b, "\n]}\n");
    free(v);
    free(rv);
    free(stack);
    free(ends);
}

static void html_text(scope__buf *b, const char *s)
{
    for (s = s ? s : ""; *s; s++) {
        switch (*s) {
        case '<': scope__buf_puts(b, "&lt;"); break;
        case '>': scope__buf_puts(b, "&gt;"); break;
        case '&': scope__buf_puts(b, "&amp;"); break;
        case '"': scope__buf_puts(b, "&quot;"); break;
        default: scope__buf_put(b, s, 1);
        }
    }
}

static void html(scope__buf *b, const rp_profile *p)
{
    rp_func **fv = rp_funcs_sorted(p);
    rp_region **rv = rp_regions_sorted(p);
    view_opts o;
    scope__buf top = { 0 };
    unsigned i, k;
    uint64_t all = 0;
    for (i = 0; i < p->nfuncs; i++)
        all += rp_func_total_ns(fv[i]);
    scope__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                       "<title>scope-profiler report</title>\n<style>\n"
                       "body{font:14px sans-serif;margin:1em 2em;color:#222}\n"
                       "table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
                       "th,td{padding:1px 8px;text-align:right;border-bottom:1px solid #ddd}\n"
                       "th{background:#eee}td.src,td.name,th:last-child{text-align:left}\n"
                       "td.src{font-family:monospace;white-space:pre}\n"
                       "pre{background:#f6f6f6;padding:0.5em}\n"
                       "nav a{margin-right:1em}\n</style></head><body>\n");
    scope__buf_printf(b, "<h1>scope-profiler report</h1>\n<p>%u data file%s merged.</p>\n<nav>",
                      p->nfiles, p->nfiles == 1 ? "" : "s");
    for (i = 0; i < p->nfuncs; i++) {
        scope__buf_printf(b, "<a href=\"#f%u\">", i);
        html_text(b, fv[i]->function);
        scope__buf_puts(b, "</a>");
    }
    scope__buf_puts(b, "</nav>\n<h2 id=\"regions\">Regions</h2>\n<table><tr><th>Region</th>"
                       "<th>Calls</th><th>Total (s)</th><th>Avg (s)</th><th>Min (s)</th>"
                       "<th>Max (s)</th><th>Std Dev (s)</th></tr>\n");
    for (i = 0; i < p->nregions; i++) {
        const rp_region *g = rv[i];
        scope__buf_puts(b, "<tr><td class=\"name\">");
        html_text(b, g->name);
        scope__buf_printf(b, "</td><td>%llu</td><td>%.9f</td><td>%.9f</td><td>%.9f</td>"
                          "<td>%.9f</td><td>%.9f</td></tr>\n", (unsigned long long)g->calls,
                          (double)g->total_ns * 1e-9,
                          g->calls ? (double)g->total_ns * 1e-9 / (double)g->calls : 0.0,
                          (double)g->min_ns * 1e-9, (double)g->max_ns * 1e-9, rp_region_std(g));
    }
    scope__buf_puts(b, "</table>\n<h2 id=\"top\">Top lines</h2>\n<pre>");
    memset(&o, 0, sizeof o);
    o.top_lines = 20;
    view_text(&top, p, &o);
    html_text(b, top.data);
    scope__buf_free(&top);
    scope__buf_puts(b, "</pre>\n");
    for (i = 0; i < p->nfuncs; i++) {
        const rp_func *f = fv[i];
        uint64_t total = rp_func_total_ns(f);
        scope__buf_printf(b, "<h2 id=\"f%u\">", i);
        html_text(b, f->function);
        scope__buf_puts(b, " <small>");
        html_text(b, f->file);
        scope__buf_printf(b, ":%u &mdash; %.6f s</small></h2>\n", f->first_line,
                          (double)total * 1e-9);
        scope__buf_puts(b, "<table><tr><th>Line</th><th>Hits</th><th>Time (ns)</th>"
                           "<th>% Time</th><th>Line Contents</th></tr>\n");
        for (k = 0; k < f->nlines; k++) {
            const rp_line *l = &f->lines[k];
            double share = total && l->hits ? (double)l->ns / (double)total : 0.0;
            /* Heat: white to red by the line's share of the function. */
            int g = 255 - (int)(share * 200.0);
            scope__buf_printf(b, "<tr style=\"background:rgb(255,%d,%d)\"><td>%u</td>", g, g,
                              f->first_line + k);
            if (l->hits)
                scope__buf_printf(b, "<td>%llu</td><td>%llu</td><td>%.1f</td>",
                                  (unsigned long long)l->hits, (unsigned long long)l->ns,
                                  100.0 * share);
            else
                scope__buf_puts(b, "<td></td><td></td><td></td>");
            scope__buf_puts(b, "<td class=\"src\">");
            html_text(b, l->text);
            scope__buf_puts(b, "</td></tr>\n");
        }
        scope__buf_puts(b, "</table>\n");
    }
    (void)all;
    scope__buf_puts(b, "</body></html>\n");
    free(fv);
    free(rv);
}

/* ---- .spt: upstream scope-profiler's native region trace, version 2 ----
 *
 *   char[8] "SCOPEPRF", int32 version (2), int32 rank, int64 regions,
 *   per region: int32 + bytes name, int32 + bytes source file (0: none),
 *   int32 source line (-1: none), int64 calls, int64[calls] start ns,
 *   int64[calls] end ns.
 *
 * Little-endian. Times are CLOCK_MONOTONIC ns (the timeline's
 * "origin_monotonic_ns" plus each entry's start), the clock upstream's
 * reader expects, so traces of several processes share a timeline. One
 * file per rank. */

static void put_le(scope__buf *b, uint64_t v, unsigned bytes)
{
    unsigned char c[8];
    unsigned i;
    for (i = 0; i < bytes; i++)
        c[i] = (unsigned char)(v >> (8 * i));
    scope__buf_put(b, (const char *)c, bytes);
}

static void put_str(scope__buf *b, const char *s)
{
    size_t n = strlen(s);
    put_le(b, (uint64_t)n, 4);
    scope__buf_put(b, s, n);
}

static int spt_event_cmp(const void *pa, const void *pb)
{
    const rp_event *a = *(rp_event *const *)pa, *b = *(rp_event *const *)pb;
    uint64_t x = a->origin_ns + a->start_ns, y = b->origin_ns + b->start_ns;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (x != y)
        return x < y ? -1 : 1;
    if (a->dur_ns != b->dur_ns)
        return a->dur_ns > b->dur_ns ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The function whose region `name` is (the first in line_profiler's
 * order), or NULL: a statement's region has no function. */
static const rp_func *region_func(rp_func **fv, unsigned n, const char *name)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if (strcmp(fv[i]->region, name) == 0)
            return fv[i];
    return NULL;
}

/* The .spt of one rank, in b. */
static void spt_rank(scope__buf *b, const rp_profile *p, int rank, rp_func **fv)
{
    rp_region **rv = rp_regions_sorted(p);
    rp_event **ev = xcalloc(p->nevents + 1, sizeof *ev);
    size_t n = 0, i, j;
    unsigned r, nreg = 0;
    for (i = 0; i < p->nevents; i++)
        if ((p->events[i].rank < 0 ? 0 : p->events[i].rank) == rank)
            ev[n++] = &p->events[i];
    qsort(ev, n, sizeof *ev, spt_event_cmp);
    for (r = 0; r < p->nregions; r++)
        for (i = 0; i < n; i++)
            if (ev[i]->name == rv[r]->name) {
                nreg++;
                break;
            }
    scope__buf_put(b, "SCOPEPRF", 8);
    put_le(b, 2, 4);
    put_le(b, (uint64_t)(uint32_t)rank, 4);
    put_le(b, nreg, 8);
    /* Regions in order of first appearance, as the text report has them. */
    for (r = 0; r < p->nregions; r++) {
        const rp_func *f;
        size_t first = n, calls = 0;
        for (i = 0; i < n; i++)
            if (ev[i]->name == rv[r]->name) {
                if (first == n)
                    first = i;
                calls++;
            }
        if (!calls)
            continue;
        f = region_func(fv, p->nfuncs, rv[r]->name);
        put_str(b, rv[r]->name);
        put_str(b, f ? f->file : "");
        put_le(b, f ? (uint64_t)f->first_line : (uint64_t)(uint32_t)-1, 4);
        put_le(b, calls, 8);
        /* The events of one name are adjacent after the sort. */
        for (j = first; j < first + calls; j++)
            put_le(b, ev[j]->origin_ns + ev[j]->start_ns, 8);
        for (j = first; j < first + calls; j++)
            put_le(b, ev[j]->origin_ns + ev[j]->start_ns + ev[j]->dur_ns, 8);
    }
    free(ev);
    free(rv);
}

static int rank_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* One file OUT when the timelines are of one rank and OUT is not a
 * directory; else OUT is a directory (made when missing) holding
 * scope_rank<NNNNN>.spt per rank, upstream's naming. */
static int spt(const rp_profile *p, const char *out, char *const *inputs, int ninputs)
{
    int *ranks = xcalloc(p->nevents + 1, sizeof *ranks), rc = 0;
    size_t i, nr = 0;
    struct stat st;
    int dir;
    rp_func **fv = rp_funcs_sorted(p);
    for (i = 0; i < p->nevents; i++)
        ranks[nr++] = p->events[i].rank < 0 ? 0 : p->events[i].rank;
    qsort(ranks, nr, sizeof *ranks, rank_cmp);
    for (i = 0; i < nr; i++)
        if (i == 0 || ranks[i] != ranks[i - 1])
            ranks[rc++] = ranks[i];
    nr = (size_t)rc;
    rc = 0;
    if (nr == 0)               /* a timeline with no entries: rank 0, no region */
        ranks[nr++] = 0;
    dir = stat(out, &st) == 0 && S_ISDIR(st.st_mode);
    if (!dir && nr > 1) {
        if (mkdir(out, 0777) != 0) {
            fprintf(stderr, "scope-report: error: %s: %s\n", out, strerror(errno));
            free(ranks);
            free(fv);
            return 1;
        }
        dir = 1;
    }
    if (!rp_timeline_aligned(p))
        fprintf(stderr, "scope-report: warning: %u data file%s without \"origin_monotonic_ns\" "
                "(written by an older runtime): their times count from each process's first "
                "entry, not on CLOCK_MONOTONIC\n", p->no_origin, p->no_origin == 1 ? "" : "s");
    for (i = 0; i < nr && rc == 0; i++) {
        scope__buf b = { 0 };
        char *path = dir ? xasprintf("%s/scope_rank%05d.spt", out, ranks[i]) : xstrdup(out);
        spt_rank(&b, p, ranks[i], fv);
        if (write_atomic(path, b.data, b.len, inputs, ninputs) != 0)
            rc = 1;
        scope__buf_free(&b);
        free(path);
    }
    free(ranks);
    free(fv);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    static const struct option longs[] = {
        { "format", required_argument, NULL, 'F' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *format = NULL, *out = NULL;
    rp_profile p;
    scope__buf b = { 0 };
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "F:o:h", longs, NULL)) != -1) {
        switch (c) {
        case 'F': format = optarg; break;
        case 'o': out = optarg; break;
        case 'h':
            puts("usage: scope-report export --format callgrind|lcov|chrome|speedscope|spt|html "
                 "-o OUT [DATA...]");
            return 0;
        default: return bad_option(argv);
        }
    }
    if (!format || !out) {
        fputs("scope-report: error: export needs --format FORMAT and -o OUT\n", stderr);
        return 2;
    }
    if (strcmp(format, "callgrind") && strcmp(format, "lcov") && strcmp(format, "html") &&
        strcmp(format, "chrome") && strcmp(format, "speedscope") && strcmp(format, "spt")) {
        fprintf(stderr, "scope-report: error: unknown export format '%s' "
                "(callgrind, lcov, chrome, speedscope, spt, html)\n", format);
        return 2;
    }
    memset(&p, 0, sizeof p);
    rc = load_inputs(&p, argc - optind, argv + optind);
    if (strcmp(format, "callgrind") == 0)
        callgrind(&b, &p);
    else if (strcmp(format, "lcov") == 0)
        lcov(&b, &p);
    else if (strcmp(format, "html") == 0)
        html(&b, &p);
    else if (p.ntimelines == 0) {
        fprintf(stderr, "scope-report: error: no timeline in the data files (run the program "
                "with SCOPE_PROFILER_TIMELINE=N to keep N region entries per thread)\n");
        rp_profile_free(&p);
        return 1;
    } else if (strcmp(format, "spt") == 0) {
        if (spt(&p, out, argv + optind, argc - optind) != 0)
            rc = 1;
    } else {
        align(&p);
        if (strcmp(format, "chrome") == 0)
            chrome(&b, &p);
        else
            speedscope(&b, &p);
    }
    if (p.dropped && p.ntimelines &&
        (!strcmp(format, "chrome") || !strcmp(format, "speedscope") || !strcmp(format, "spt")))
        fprintf(stderr, "scope-report: warning: %llu timeline entr%s dropped by the runtime "
                "(raise SCOPE_PROFILER_TIMELINE)\n", (unsigned long long)p.dropped,
                p.dropped == 1 ? "y was" : "ies were");
    if (strcmp(format, "spt") != 0 &&
        write_atomic(out, b.data ? b.data : "", b.len, argv + optind, argc - optind) != 0)
        rc = 1;
    scope__buf_free(&b);
    rp_profile_free(&p);
    return rc;
}
