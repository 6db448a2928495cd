/*
 * profile.c - read data files (docs/json.md, version 2) through jdoc (yajl)
 * and add them into one profile (see profile.h).
 *
 * A file is checked whole before any of it is added, so a file that is
 * broken halfway leaves no half of itself in the merged figures.
 */
#define _GNU_SOURCE
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jdoc.h"
#include "util.h"

#define SCHEMA_VERSION 2

void rp_region_merge(rp_region *into, uint64_t calls, uint64_t total_ns, uint64_t min_ns,
                     uint64_t max_ns, double m2)
{
    double n, mean_a, mean_b, delta;
    if (calls == 0)
        return;
    if (into->calls == 0) {
        into->calls = calls;
        into->total_ns = total_ns;
        into->min_ns = min_ns;
        into->max_ns = max_ns;
        into->m2 = m2;
        return;
    }
    /* Chan et al.: M2 = M2a + M2b + delta^2 * na * nb / n, with the means
     * taken from the exact integer totals. */
    n = (double)into->calls + (double)calls;
    mean_a = (double)into->total_ns / (double)into->calls;
    mean_b = (double)total_ns / (double)calls;
    delta = mean_b - mean_a;
    into->m2 += m2 + delta * delta * (double)into->calls * (double)calls / n;
    into->calls += calls;
    into->total_ns += total_ns;
    if (min_ns < into->min_ns)
        into->min_ns = min_ns;
    if (max_ns > into->max_ns)
        into->max_ns = max_ns;
}

double rp_region_std(const rp_region *r)
{
    /* The runtime derives its figure from ticks; from one file, take it as
     * written rather than recompute it through ns^2 (last-digit noise). */
    if (r->nparts == 1)
        return r->file_std;
    if (r->calls == 0 || r->m2 <= 0.0)
        return 0.0;
    return sqrt(r->m2 / (double)r->calls) / 1e9;
}

uint64_t rp_func_total_ns(const rp_func *f)
{
    uint64_t t = 0;
    unsigned i;
    for (i = 0; i < f->nlines; i++)
        if (f->lines[i].hits)
            t += f->lines[i].ns;
    return t;
}

/* ---- reading one file ------------------------------------------------ */

/* A file being checked or added. Its first error is kept in msg (files
 * are checked on worker threads; the messages print in file order). */
typedef struct reader {
    const char *path;
    int failed;
    char *msg;
    size_t msglen;
} reader;

static void bad(reader *r, const char *fmt, const char *what)
{
    int n;
    if (r->failed)
        return;
    r->failed = 1;
    n = snprintf(r->msg, r->msglen, "scope-report: error: %s: ", r->path);
    if (n >= 0 && (size_t)n < r->msglen)
        snprintf(r->msg + n, r->msglen - (size_t)n, fmt, what);
}

static jd_val *member(reader *r, const jd_val *obj, const char *name, jd_type type)
{
    jd_val *v = jd_get(obj, name);
    if (!v) {
        bad(r, "missing field \"%s\"", name);
        return NULL;
    }
    if (type == JD_REAL) {
        if (!jd_is_number(v)) {
            bad(r, "field \"%s\" is not a number", name);
            return NULL;
        }
    } else if (type == JD_INT) {
        if (v->type != JD_INT || v->u.i < 0) {
            bad(r, "field \"%s\" is not a non-negative integer", name);
            return NULL;
        }
    } else if (v->type != type) {
        bad(r, "field \"%s\" has the wrong type", name);
        return NULL;
    }
    return v;
}

static uint64_t uint_of(reader *r, const jd_val *obj, const char *name)
{
    jd_val *v = member(r, obj, name, JD_INT);
    return v ? (uint64_t)v->u.i : 0;
}

static double num_of(reader *r, const jd_val *obj, const char *name)
{
    jd_val *v = member(r, obj, name, JD_REAL);
    return v ? jd_number(v) : 0.0;
}

static const char *str_of(reader *r, const jd_val *obj, const char *name)
{
    jd_val *v = member(r, obj, name, JD_STRING);
    return v ? v->u.str.s : "";
}

/* Whole ns of a time that was checked to be a number. */
static uint64_t ns_val(const jd_val *v)
{
    double d;
    if (v->type == JD_INT)
        return v->u.i > 0 ? (uint64_t)v->u.i : 0;
    d = v->u.d;
    return d > 0 ? (uint64_t)llround(d) : 0;
}

static uint64_t ns_of(const jd_val *obj, const char *name)
{
    return ns_val(jd_get(obj, name));
}

/* The members of a line object, found in one pass over it: a data file
 * has one object per source line, the bulk of a merge's lookups. */
typedef struct line_fields {
    jd_val *line, *hits, *time, *self, *text, *shrt;
} line_fields;

static void fields_of(const jd_val *jl, line_fields *lf)
{
    jd_val *v;
    memset(lf, 0, sizeof *lf);
    for (v = jl->u.kids.first; v; v = v->next) {
        jd_val **slot = NULL;
        switch (v->keylen) {
        case 4:
            slot = memcmp(v->key, "line", 4) == 0 ? &lf->line
                 : memcmp(v->key, "hits", 4) == 0 ? &lf->hits
                 : memcmp(v->key, "text", 4) == 0 ? &lf->text : NULL;
            break;
        case 5:
            slot = memcmp(v->key, "short", 5) == 0 ? &lf->shrt : NULL;
            break;
        case 7:
            slot = memcmp(v->key, "time_ns", 7) == 0 ? &lf->time
                 : memcmp(v->key, "self_ns", 7) == 0 ? &lf->self : NULL;
            break;
        }
        if (slot && !*slot)
            *slot = v;
    }
}

static size_t count_of(const jd_val *v)
{
    return v && (v->type == JD_ARRAY || v->type == JD_OBJECT) ? v->u.kids.n : 0;
}

static jd_val *first_of(const jd_val *v)
{
    return v && (v->type == JD_ARRAY || v->type == JD_OBJECT) ? v->u.kids.first : NULL;
}

static rp_region *region_get(rp_profile *p, const char *name)
{
    rp_region *g;
    HASH_FIND_STR(p->regions, name, g);
    if (g)
        return g;
    g = xcalloc(1, sizeof *g);
    g->name = xstrdup(name);
    g->order = p->nregions++;
    HASH_ADD_KEYPTR(hh, p->regions, g->name, strlen(g->name), g);
    return g;
}

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Make room for slot in a per-rank array of cap entries. */
static void grow(uint64_t **a, unsigned cap, unsigned want)
{
    *a = xrealloc(*a, want * sizeof **a);
    memset(*a + cap, 0, (want - cap) * sizeof **a);
}

static void add_region_rank(rp_profile *p, rp_region *g, uint64_t calls, uint64_t ns)
{
    unsigned s = (unsigned)p->cur_slot;
    if (p->cur_slot < 0)
        return;
    if (g->rank_cap <= s) {
        grow(&g->rank_calls, g->rank_cap, p->nslots);
        grow(&g->rank_ns, g->rank_cap, p->nslots);
        g->rank_cap = p->nslots;
    }
    g->rank_calls[s] += calls;
    g->rank_ns[s] += ns;
}

static void add_line_rank(rp_profile *p, rp_line *l, uint64_t ns)
{
    unsigned s = (unsigned)p->cur_slot;
    if (p->cur_slot < 0 || ns == 0)
        return;
    if (l->rank_cap <= s) {
        grow(&l->rank_ns, l->rank_cap, p->nslots);
        l->rank_cap = p->nslots;
    }
    l->rank_ns[s] += ns;
}

/* The file's job and rank (docs/json.md, "Additions: MPI"): checked
 * (apply 0), or its slot made current (apply 1). */
static void do_rank(rp_profile *p, reader *r, const jd_val *root, int apply)
{
    jd_val *jr = jd_get(root, "rank"), *js = jd_get(root, "size");
    jd_val *jp = jd_get(root, "program");
    const char *program = jp && jp->type == JD_STRING ? jp->u.str.s : "";
    int rank, size;
    unsigned j, k;
    if (!jr || jr->type == JD_NULL) {
        if (apply) {
            p->cur_slot = -1;
            p->cur_rank = -1;
            p->nunranked++;
        }
        return;
    }
    if (jr->type != JD_INT || jr->u.i < 0 || jr->u.i > 10000000) {
        bad(r, "%s", "\"rank\" is not a rank (an integer from 0)");
        return;
    }
    if (js && js->type != JD_NULL &&
        (js->type != JD_INT || js->u.i <= jr->u.i || js->u.i > 10000001)) {
        bad(r, "%s", "\"size\" is not a number of ranks above \"rank\"");
        return;
    }
    if (!apply)
        return;
    rank = (int)jr->u.i;
    size = js && js->type == JD_INT ? (int)js->u.i : -1;
    p->cur_rank = rank;
    for (j = 0; j < p->njobs; j++)
        if (p->jobs[j].size == size && strcmp(p->jobs[j].program, program) == 0)
            break;
    if (j == p->njobs) {
        p->jobs = xrealloc(p->jobs, (p->njobs + 1) * sizeof *p->jobs);
        p->jobs[j].program = xstrdup(program);
        p->jobs[j].size = size;
        p->jobs[j].nfiles = 0;
        p->njobs++;
    }
    p->jobs[j].nfiles++;
    for (k = 0; k < p->nslots; k++)
        if (p->slots[k].job == j && p->slots[k].rank == rank)
            break;
    if (k == p->nslots) {
        p->slots = xrealloc(p->slots, (p->nslots + 1) * sizeof *p->slots);
        p->slots[k].job = j;
        p->slots[k].rank = rank;
        p->nslots++;
    }
    p->cur_slot = (int)k;
}

int *rp_job_slots(const rp_profile *p, unsigned j, int *nranks)
{
    int n = p->jobs[j].size, *v, i;
    unsigned k;
    if (n < 0)
        for (k = 0, n = 0; k < p->nslots; k++)
            if (p->slots[k].job == j && p->slots[k].rank >= n)
                n = p->slots[k].rank + 1;
    v = xcalloc((size_t)n + 1, sizeof *v);
    for (i = 0; i < n; i++)
        v[i] = -1;
    for (k = 0; k < p->nslots; k++)
        if (p->slots[k].job == j && p->slots[k].rank < n)
            v[p->slots[k].rank] = (int)k;
    *nranks = n;
    return v;
}

/* A function's optional "calls" (docs/json.md): the edges to profiled
 * callees, checked (apply 0) or summed into f (apply 1). */
static void do_calls(reader *r, rp_func *f, const jd_val *jf, const char *function,
                     uint64_t first, uint64_t last, int apply)
{
    jd_val *calls = jd_get(jf, "calls"), *jc;
    if (!calls)
        return;
    if (calls->type != JD_ARRAY) {
        bad(r, "\"calls\" of function \"%s\" is not an array", function);
        return;
    }
    for (jc = first_of(calls); jc && !r->failed; jc = jc->next) {
        uint64_t line, cfirst, count, ns;
        const char *cfile, *cfunc;
        char *key;
        rp_call *c;
        if (jc->type != JD_OBJECT) {
            bad(r, "a call of function \"%s\" is not an object", function);
            return;
        }
        line = uint_of(r, jc, "line");
        cfile = str_of(r, jc, "file");
        cfunc = str_of(r, jc, "function");
        cfirst = uint_of(r, jc, "first_line");
        count = uint_of(r, jc, "count");
        num_of(r, jc, "time_ns");
        if (r->failed)
            return;
        if (line < first || line > last || cfirst == 0 || cfirst > UINT32_MAX) {
            bad(r, "a call of function \"%s\" has an impossible line", function);
            return;
        }
        if (!apply)
            continue;
        ns = ns_of(jc, "time_ns");
        key = xasprintf("%llu\n%s\n%s\n%llu", (unsigned long long)line, cfile, cfunc,
                        (unsigned long long)cfirst);
        HASH_FIND_STR(f->calls, key, c);
        if (!c) {
            c = xcalloc(1, sizeof *c);
            c->key = key;
            c->line = (unsigned)line;
            c->file = xstrdup(cfile);
            c->function = xstrdup(cfunc);
            c->first_line = (unsigned)cfirst;
            HASH_ADD_KEYPTR(hh, f->calls, c->key, strlen(c->key), c);
            f->ncalls++;
        } else {
            free(key);
        }
        c->count += count;
        c->ns += ns;
    }
}

/* One function object: checked (apply 0) or added (apply 1). */
static void do_func(rp_profile *p, reader *r, const jd_val *jf, int apply)
{
    const char *file = str_of(r, jf, "file");
    const char *function = str_of(r, jf, "function");
    const char *region = str_of(r, jf, "region");
    uint64_t first = uint_of(r, jf, "first_line");
    uint64_t last = uint_of(r, jf, "last_line");
    jd_val *lines = member(r, jf, "lines", JD_ARRAY), *jl;
    char *key;
    rp_func *f;
    int differs = 0;

    if (r->failed)
        return;
    if (first == 0 || last < first || last - first > 10000000) {
        bad(r, "function \"%s\" has an impossible line range", function);
        return;
    }
    if (!apply) {
        for (jl = first_of(lines); jl; jl = jl->next) {
            line_fields lf;
            if (jl->type != JD_OBJECT) {
                bad(r, "a line of function \"%s\" is not an object", function);
                return;
            }
            fields_of(jl, &lf);
            if (!lf.line || lf.line->type != JD_INT || lf.line->u.i < 0)
                uint_of(r, jl, "line");
            else if (!lf.hits || lf.hits->type != JD_INT || lf.hits->u.i < 0)
                uint_of(r, jl, "hits");
            else if (!jd_is_number(lf.time))
                num_of(r, jl, "time_ns");
            else if (lf.self && !jd_is_number(lf.self))
                bad(r, "field \"%s\" is not a number", "self_ns");
            else if (lf.shrt && lf.shrt->type != JD_BOOL)
                bad(r, "field \"%s\" is not true or false", "short");
            if (r->failed)
                return;
            if ((uint64_t)lf.line->u.i < first || (uint64_t)lf.line->u.i > last) {
                bad(r, "a line of function \"%s\" is outside its range", function);
                return;
            }
        }
        do_calls(r, NULL, jf, function, first, last, 0);
        return;
    }

    {
        /* The key without printf: 500 functions a file, 1,000 files. */
        size_t fl = strlen(file), nl = strlen(function);
        char num[24], *e = num + sizeof num;
        uint64_t x = first;
        *--e = '\0';
        do
            *--e = (char)('0' + x % 10);
        while ((x /= 10) != 0);
        key = xrealloc(NULL, fl + nl + (size_t)(num + sizeof num - e) + 2);
        memcpy(key, file, fl);
        key[fl] = '\n';
        memcpy(key + fl + 1, function, nl);
        key[fl + 1 + nl] = '\n';
        memcpy(key + fl + nl + 2, e, (size_t)(num + sizeof num - e));
    }
    HASH_FIND_STR(p->funcs, key, f);
    if (!f) {
        f = xcalloc(1, sizeof *f);
        f->key = key;
        f->file = xstrdup(file);
        f->function = xstrdup(function);
        f->region = xstrdup(region);
        f->first_line = (unsigned)first;
        f->from = xstrdup(r->path);
        HASH_ADD_KEYPTR(hh, p->funcs, f->key, strlen(f->key), f);
        p->nfuncs++;
    } else {
        free(key);
        if (f->nlines != last - first + 1)
            differs = 1;
    }
    if (f->nlines < last - first + 1) {
        unsigned old = f->nlines;
        f->nlines = (unsigned)(last - first + 1);
        f->lines = xrealloc(f->lines, f->nlines * sizeof *f->lines);
        memset(f->lines + old, 0, (f->nlines - old) * sizeof *f->lines);
        for (; old < f->nlines; old++)
            f->lines[old].has_self = -1;   /* no file has said yet */
    }
    for (jl = first_of(lines); jl; jl = jl->next) {
        line_fields lf;
        rp_line *l;
        const char *text;
        uint64_t hits, ns;
        jd_val *self;
        fields_of(jl, &lf);
        l = &f->lines[lf.line->u.i - (int64_t)first];
        text = lf.text && lf.text->type == JD_STRING ? lf.text->u.str.s : NULL;
        hits = (uint64_t)lf.hits->u.i;
        ns = ns_val(lf.time);
        self = lf.self;
        /* Too short to time in one run: in the merge too (the same line
         * costs about the same per hit wherever it ran). */
        if (lf.shrt && lf.shrt->type == JD_BOOL && lf.shrt->u.i)
            l->too_short = 1;
        if (!l->text && text)
            l->text = xstrdup(text);
        else if (l->text && text && !same_text(l->text, text))
            differs = 1;
        l->hits += hits;
        l->ns += ns;
        add_line_rank(p, l, ns);
        if (hits) {
            if (self && l->has_self != 0) {
                l->self_ns += ns_val(self);
                l->has_self = 1;
            } else {
                l->has_self = 0;
            }
        }
    }
    do_calls(r, f, jf, function, first, last, 1);
    if (differs && !f->warned) {
        f->warned = 1;
        fprintf(stderr, "scope-report: warning: %s: function %s (%s:%u) has other source text "
                "than in %s; lines are merged by number\n", r->path, f->function, f->file,
                f->first_line, f->from);
    }
}

static void do_region(rp_profile *p, reader *r, const jd_val *jr, int apply)
{
    const char *name = str_of(r, jr, "name");
    uint64_t calls = uint_of(r, jr, "calls");
    uint64_t total = uint_of(r, jr, "total_ns");
    uint64_t mn = uint_of(r, jr, "min_ns");
    uint64_t mx = uint_of(r, jr, "max_ns");
    double m2 = num_of(r, jr, "m2_ns2");
    int outer = jd_get(jr, "outer_calls") != NULL;
    uint64_t ocalls = outer ? uint_of(r, jr, "outer_calls") : 0;
    uint64_t ototal = outer ? uint_of(r, jr, "outer_total_ns") : 0;
    double std = num_of(r, jr, "std");
    rp_region *g;
    if (r->failed || !apply)
        return;
    g = region_get(p, name);
    rp_region_merge(g, calls, total, mn, mx, m2);
    add_region_rank(p, g, calls, total);
    if (calls) {
        g->nparts++;
        g->file_std = std;
    }
    g->outer_calls += ocalls;
    g->outer_total_ns += ototal;
    if (!outer)
        g->outer_missing = 1;
}

/* The optional "timeline" member (docs/json.md). */
static void do_timeline(rp_profile *p, reader *r, const jd_val *root, int apply)
{
    jd_val *tl = jd_get(root, "timeline"), *threads, *names, *th, *jo, *jp;
    jd_val **name_at;
    size_t nnames, i;
    long pid;
    uint64_t origin = 0;
    int has_origin = 0;
    if (!tl)
        return;
    threads = member(r, tl, "threads", JD_ARRAY);
    names = member(r, tl, "timeline_regions", JD_ARRAY);
    if (r->failed)
        return;
    if ((jo = jd_get(tl, "origin_monotonic_ns"))) {
        if (jo->type != JD_INT || jo->u.i < 0) {
            bad(r, "field \"%s\" is not a non-negative integer", "origin_monotonic_ns");
            return;
        }
        origin = (uint64_t)jo->u.i;
        has_origin = 1;
    }
    jp = jd_get(root, "pid");
    pid = jp && jp->type == JD_INT ? (long)jp->u.i : 0;
    nnames = count_of(names);
    name_at = xcalloc(nnames + 1, sizeof *name_at);
    for (i = 0, jo = first_of(names); jo; jo = jo->next)
        name_at[i++] = jo;
    for (th = first_of(threads); th && !r->failed; th = th->next) {
        jd_val *entries, *e;
        unsigned thread;
        if (th->type != JD_OBJECT) {
            bad(r, "%s", "a timeline thread is not an object");
            break;
        }
        thread = (unsigned)uint_of(r, th, "thread");
        entries = member(r, th, "entries", JD_ARRAY);
        if (r->failed)
            break;
        for (e = first_of(entries); e; e = e->next) {
            int64_t v[3];
            jd_val *x;
            int j;
            if (e->type != JD_ARRAY || e->u.kids.n != 3) {
                bad(r, "%s", "a timeline entry is not [region, start_ns, dur_ns]");
                break;
            }
            for (j = 0, x = e->u.kids.first; x; x = x->next, j++) {
                if (x->type != JD_INT || x->u.i < 0) {
                    bad(r, "%s", "a timeline entry holds a negative or non-integer number");
                    break;
                }
                v[j] = x->u.i;
            }
            if (r->failed)
                break;
            if ((size_t)v[0] >= nnames || name_at[v[0]]->type != JD_STRING) {
                bad(r, "%s", "a timeline entry names no region in \"timeline_regions\"");
                break;
            }
            if (apply) {
                rp_event *ev;
                if (p->nevents == p->events_cap)
                    p->events = xrealloc(p->events, (p->events_cap = p->events_cap
                                                         ? p->events_cap * 2 : 256) * sizeof *ev);
                ev = &p->events[p->nevents++];
                ev->pid = pid;
                ev->rank = p->cur_rank;
                ev->thread = thread;
                ev->name = region_get(p, name_at[v[0]]->u.str.s)->name;
                ev->start_ns = (uint64_t)v[1];
                ev->dur_ns = (uint64_t)v[2];
                ev->origin_ns = origin;
            }
        }
    }
    free(name_at);
    if (apply && !r->failed) {
        jd_val *d = jd_get(tl, "dropped");
        p->ntimelines++;
        if (!has_origin)
            p->no_origin++;
        if (d && d->type == JD_INT && d->u.i > 0)
            p->dropped += (uint64_t)d->u.i;
    }
}

static void do_file(rp_profile *p, reader *r, const jd_val *root, int apply)
{
    jd_val *regions, *funcs, *v;
    if (root->type != JD_OBJECT) {
        bad(r, "%s", "not a scope-profiler data file (not a JSON object)");
        return;
    }
    v = jd_get(root, "version");
    if (!v || v->type != JD_INT) {
        bad(r, "%s", "not a scope-profiler data file (no \"version\")");
        return;
    }
    if (v->u.i != SCHEMA_VERSION) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)v->u.i);
        bad(r, "schema version %s is not supported (scope-report reads version 2)", num);
        return;
    }
    regions = member(r, root, "regions", JD_ARRAY);
    funcs = member(r, root, "functions", JD_ARRAY);
    if (r->failed)
        return;
    do_rank(p, r, root, apply);
    for (v = first_of(regions); v && !r->failed; v = v->next) {
        if (v->type != JD_OBJECT)
            bad(r, "%s", "a region is not an object");
        else
            do_region(p, r, v, apply);
    }
    for (v = first_of(funcs); v && !r->failed; v = v->next) {
        if (v->type != JD_OBJECT)
            bad(r, "%s", "a function is not an object");
        else
            do_func(p, r, v, apply);
    }
    if (!r->failed)
        do_timeline(p, r, root, apply);
}

/* The whole file in memory, read in large pieces. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, got;
    *len = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (*len + 65536 > cap)
            data = xrealloc(data, cap = (*len + 65536) * 2);
        got = fread(data + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

/* ---- files, parsed ahead on worker threads ------------------------------
 *
 * Reading and checking a file is most of a merge (yajl's parse, the tree,
 * the checks) and touches nothing shared, so up to NWORKERS threads do it
 * for the next files while this thread adds the ones already checked, in
 * the order of the files: the merged figures, the order of first
 * appearance and every message are those of one file after the other.
 * At most NSLOTS files are held at once (each slot keeps its arena from
 * file to file), so memory does not grow with the number of files. */

#define NWORKERS 2
#define NSLOTS 4

enum { SLOT_FREE, SLOT_BUSY, SLOT_DONE };

typedef struct job {
    char *path;
    int note;              /* a merged MPI report left out: nothing to read */
} job;

typedef struct slot {
    int state;
    size_t job;            /* the file it holds (SLOT_BUSY, SLOT_DONE) */
    jd_arena *arena;
    jd_val *root;          /* NULL: msg says why */
    char *data;            /* the file's bytes, which hold the tree's strings */
    char msg[700];
} slot;

typedef struct batch {
    const job *jobs;
    size_t njobs, next;    /* next: the next file for a worker to take */
    slot slots[NSLOTS];
    pthread_mutex_t lock;
    pthread_cond_t cond;
} batch;

static void release(slot *s)
{
    free(s->data);
    s->data = NULL;
    s->root = NULL;
}

/* Read, parse and check one file into s (no shared state is touched). */
static void read_job(const job *j, slot *s)
{
    struct stat st;
    size_t len;
    char *data, err[200];
    int line, col;
    reader r;
    release(s);
    s->msg[0] = '\0';
    if (stat(j->path, &st) != 0) {
        snprintf(s->msg, sizeof s->msg, "scope-report: error: %s: %s", j->path, strerror(errno));
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(s->msg, sizeof s->msg, "scope-report: error: %s: not a regular file or a "
                 "directory", j->path);
        return;
    }
    if (!(data = slurp(j->path, &len))) {
        snprintf(s->msg, sizeof s->msg, "scope-report: error: %s: %s", j->path, strerror(errno));
        return;
    }
    if (!s->arena)
        s->arena = jd_new();
    s->root = jd_parse(s->arena, data, len, &line, &col, err, sizeof err);
    if (!s->root) {
        free(data);
        snprintf(s->msg, sizeof s->msg, "%s:%d:%d: error: %s", j->path, line, col, err);
        return;
    }
    s->data = data;            /* the tree's strings are in it */
    r.path = j->path;
    r.failed = 0;
    r.msg = s->msg;
    r.msglen = sizeof s->msg;
    do_file(NULL, &r, s->root, 0);
    if (r.failed)
        s->root = NULL;
}

/* Add a file read_job checked (or print why it could not be). */
static int fold_job(rp_profile *p, const job *j, slot *s)
{
    reader r;
    if (!s->root) {
        fprintf(stderr, "%s\n", s->msg);
        p->nerrors++;
        return -1;
    }
    r.path = j->path;
    r.failed = 0;
    r.msg = s->msg;
    r.msglen = sizeof s->msg;
    do_file(p, &r, s->root, 1);
    if (r.failed) {            /* cannot happen after the check; kept honest */
        fprintf(stderr, "%s\n", s->msg);
        p->nerrors++;
        return -1;
    }
    p->nfiles++;
    return 0;
}

static void *worker(void *arg)
{
    batch *b = arg;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        size_t k;
        slot *s;
        while (b->next < b->njobs && b->slots[b->next % NSLOTS].state != SLOT_FREE)
            pthread_cond_wait(&b->cond, &b->lock);
        if (b->next >= b->njobs)
            break;
        k = b->next++;
        s = &b->slots[k % NSLOTS];
        s->state = SLOT_BUSY;
        s->job = k;
        pthread_mutex_unlock(&b->lock);
        if (!b->jobs[k].note)
            read_job(&b->jobs[k], s);
        pthread_mutex_lock(&b->lock);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&b->cond);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

static void note_left_out(const job *j)
{
    /* libscope_profiler_mpi's merged report beside the per-rank files it
     * was made of: reading both would count twice. */
    fprintf(stderr, "scope-report: note: %s left out: the merged report of the "
            "per-rank files beside it\n", j->path);
}

static int add_jobs(rp_profile *p, const job *jobs, size_t n)
{
    batch b;
    pthread_t th[NWORKERS];
    int nth = 0, rc = 0;
    size_t k, i;
    memset(&b, 0, sizeof b);
    b.jobs = jobs;
    b.njobs = n;
    if (n > 1) {
        pthread_mutex_init(&b.lock, NULL);
        pthread_cond_init(&b.cond, NULL);
        for (i = 0; i < NWORKERS && i + 1 < n; i++)
            if (pthread_create(&th[nth], NULL, worker, &b) == 0)
                nth++;
    }
    for (k = 0; k < n; k++) {
        slot *s = &b.slots[k % NSLOTS];
        if (nth == 0) {            /* one file, or no thread could start */
            s->job = k;
            if (!jobs[k].note)
                read_job(&jobs[k], s);
        } else {
            pthread_mutex_lock(&b.lock);
            while (!(s->state == SLOT_DONE && s->job == k))
                pthread_cond_wait(&b.cond, &b.lock);
            pthread_mutex_unlock(&b.lock);
        }
        if (jobs[k].note)
            note_left_out(&jobs[k]);
        else if (fold_job(p, &jobs[k], s) != 0)
            rc = -1;
        release(s);
        if (nth) {
            pthread_mutex_lock(&b.lock);
            s->state = SLOT_FREE;
            pthread_cond_broadcast(&b.cond);
            pthread_mutex_unlock(&b.lock);
        }
    }
    for (i = 0; i < (size_t)nth; i++)
        pthread_join(th[i], NULL);
    if (n > 1) {
        pthread_mutex_destroy(&b.lock);
        pthread_cond_destroy(&b.cond);
    }
    for (i = 0; i < NSLOTS; i++)
        jd_delete(b.slots[i].arena);
    return rc;
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Is there "<program>.<pid>.r0.json" beside "<program>.<pid>.mpi.json"? */
static int has_rank0(const char *merged)
{
    size_t n = strlen(merged) - strlen(".mpi.json");
    char *r0 = xasprintf("%.*s.r0.json", (int)n, merged);
    struct stat st;
    int yes = stat(r0, &st) == 0 && S_ISREG(st.st_mode);
    free(r0);
    return yes;
}

typedef struct job_list {
    job *v;
    size_t n, cap;
} job_list;

static void push_job(job_list *l, char *path, int note)
{
    if (l->n == l->cap)
        l->v = xrealloc(l->v, (l->cap = l->cap ? l->cap * 2 : 64) * sizeof *l->v);
    l->v[l->n].path = path;
    l->v[l->n].note = note;
    l->n++;
}

/* The *.json files under a directory, recursively, in name order. */
static int list_dir(rp_profile *p, const char *path, job_list *l)
{
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort), i, rc = 0;
    if (n < 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        p->nerrors++;
        return -1;
    }
    for (i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *sub;
        struct stat st;
        if (name[0] == '.') {
            free(names[i]);
            continue;
        }
        sub = xasprintf("%s/%s", path, name);
        if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (list_dir(p, sub, l) != 0)
                rc = -1;
            free(sub);
        } else if (ends_with(name, ".mpi.json") && has_rank0(sub)) {
            push_job(l, sub, 1);
        } else if (ends_with(name, ".json")) {
            push_job(l, sub, 0);
        } else {
            free(sub);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int rp_add_path(rp_profile *p, const char *path)
{
    struct stat st;
    job_list l = { NULL, 0, 0 };
    int rc;
    size_t i;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        p->nerrors++;
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = list_dir(p, path, &l);
    } else {
        rc = 0;
        push_job(&l, xstrdup(path), 0);
    }
    if (add_jobs(p, l.v, l.n) != 0)
        rc = -1;
    for (i = 0; i < l.n; i++)
        free(l.v[i].path);
    free(l.v);
    return rc;
}

/* ---- ordered views ------------------------------------------------------ */

static int region_cmp(const void *a, const void *b)
{
    const rp_region *x = *(rp_region *const *)a, *y = *(rp_region *const *)b;
    return x->order < y->order ? -1 : x->order > y->order;
}

rp_region **rp_regions_sorted(const rp_profile *p)
{
    rp_region **v = xcalloc(p->nregions + 1, sizeof *v), *g;
    unsigned n = 0;
    for (g = p->regions; g; g = g->hh.next)
        v[n++] = g;
    qsort(v, n, sizeof *v, region_cmp);
    return v;
}

static int func_cmp(const void *a, const void *b)
{
    const rp_func *x = *(rp_func *const *)a, *y = *(rp_func *const *)b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->first_line != y->first_line)
        return x->first_line < y->first_line ? -1 : 1;
    return strcmp(x->function, y->function);
}

rp_func **rp_funcs_sorted(const rp_profile *p)
{
    rp_func **v = xcalloc(p->nfuncs + 1, sizeof *v), *f;
    unsigned n = 0;
    for (f = p->funcs; f; f = f->hh.next)
        v[n++] = f;
    qsort(v, n, sizeof *v, func_cmp);
    return v;
}

int rp_timeline_aligned(const rp_profile *p)
{
    return p->ntimelines > 0 && p->no_origin == 0;
}

uint64_t rp_timeline_t0(const rp_profile *p)
{
    uint64_t t0 = UINT64_MAX;
    size_t i;
    if (!rp_timeline_aligned(p))
        return 0;
    for (i = 0; i < p->nevents; i++)
        if (p->events[i].origin_ns + p->events[i].start_ns < t0)
            t0 = p->events[i].origin_ns + p->events[i].start_ns;
    return p->nevents ? t0 : 0;
}

uint64_t rp_event_start(const rp_profile *p, uint64_t t0, const rp_event *e)
{
    return rp_timeline_aligned(p) ? e->origin_ns + e->start_ns - t0 : e->start_ns;
}

rp_func *rp_call_callee(const rp_profile *p, const rp_call *c)
{
    char *key = xasprintf("%s\n%s\n%u", c->file, c->function, c->first_line);
    rp_func *f;
    HASH_FIND_STR(p->funcs, key, f);
    free(key);
    return f;
}

static int call_cmp(const void *a, const void *b)
{
    const rp_call *x = *(rp_call *const *)a, *y = *(rp_call *const *)b;
    int c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if ((c = strcmp(x->file, y->file)))
        return c;
    if (x->first_line != y->first_line)
        return x->first_line < y->first_line ? -1 : 1;
    return strcmp(x->function, y->function);
}

rp_call **rp_calls_sorted(const rp_func *f)
{
    rp_call **v = xcalloc(f->ncalls + 1, sizeof *v), *c;
    unsigned n = 0;
    for (c = f->calls; c; c = c->hh.next)
        v[n++] = c;
    qsort(v, n, sizeof *v, call_cmp);
    return v;
}

void rp_profile_free(rp_profile *p)
{
    rp_region *g, *gt;
    rp_func *f, *ft;
    rp_call *c, *ct;
    unsigned i;
    HASH_ITER(hh, p->regions, g, gt) {
        HASH_DEL(p->regions, g);
        free(g->rank_calls);
        free(g->rank_ns);
        free(g->name);
        free(g);
    }
    free(p->events);
    HASH_ITER(hh, p->funcs, f, ft) {
        HASH_DEL(p->funcs, f);
        HASH_ITER(hh, f->calls, c, ct) {
            HASH_DEL(f->calls, c);
            free(c->key);
            free(c->file);
            free(c->function);
            free(c);
        }
        for (i = 0; i < f->nlines; i++) {
            free(f->lines[i].text);
            free(f->lines[i].rank_ns);
        }
        free(f->lines);
        free(f->key);
        free(f->file);
        free(f->function);
        free(f->region);
        free(f->from);
        free(f);
    }
    for (i = 0; i < p->njobs; i++)
        free(p->jobs[i].program);
    free(p->jobs);
    free(p->slots);
    memset(p, 0, sizeof *p);
}
