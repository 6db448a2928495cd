/*
 * profile.c - read data files (docs/json.md, version 2) with jansson and
 * add them into one profile (see profile.h).
 *
 * A file is checked whole before any of it is added, so a file that is
 * broken halfway leaves no half of itself in the merged figures.
 */
#define _GNU_SOURCE
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

typedef struct reader {
    const char *path;
    int failed;
} reader;

static void bad(reader *r, const char *fmt, const char *what)
{
    if (r->failed)
        return;
    r->failed = 1;
    fprintf(stderr, "scope-report: error: %s: ", r->path);
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
}

static json_t *member(reader *r, json_t *obj, const char *name, int type)
{
    json_t *v = json_object_get(obj, name);
    if (!v) {
        bad(r, "missing field \"%s\"", name);
        return NULL;
    }
    if (type == JSON_REAL) {
        if (!json_is_number(v)) {
            bad(r, "field \"%s\" is not a number", name);
            return NULL;
        }
    } else if (type == JSON_INTEGER) {
        if (!json_is_integer(v) || json_integer_value(v) < 0) {
            bad(r, "field \"%s\" is not a non-negative integer", name);
            return NULL;
        }
    } else if (json_typeof(v) != (json_type)type) {
        bad(r, "field \"%s\" has the wrong type", name);
        return NULL;
    }
    return v;
}

static uint64_t uint_of(reader *r, json_t *obj, const char *name)
{
    json_t *v = member(r, obj, name, JSON_INTEGER);
    return v ? (uint64_t)json_integer_value(v) : 0;
}

static double num_of(reader *r, json_t *obj, const char *name)
{
    json_t *v = member(r, obj, name, JSON_REAL);
    return v ? json_number_value(v) : 0.0;
}

static const char *str_of(reader *r, json_t *obj, const char *name)
{
    json_t *v = member(r, obj, name, JSON_STRING);
    return v ? json_string_value(v) : "";
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
static void do_rank(rp_profile *p, reader *r, json_t *root, int apply)
{
    json_t *jr = json_object_get(root, "rank"), *js = json_object_get(root, "size");
    json_t *jp = json_object_get(root, "program");
    const char *program = json_is_string(jp) ? json_string_value(jp) : "";
    int rank, size;
    unsigned j, k;
    if (!jr || json_is_null(jr)) {
        if (apply) {
            p->cur_slot = -1;
            p->nunranked++;
        }
        return;
    }
    if (!json_is_integer(jr) || json_integer_value(jr) < 0 || json_integer_value(jr) > 10000000) {
        bad(r, "%s", "\"rank\" is not a rank (an integer from 0)");
        return;
    }
    if (js && !json_is_null(js) &&
        (!json_is_integer(js) || json_integer_value(js) <= json_integer_value(jr) ||
         json_integer_value(js) > 10000001)) {
        bad(r, "%s", "\"size\" is not a number of ranks above \"rank\"");
        return;
    }
    if (!apply)
        return;
    rank = (int)json_integer_value(jr);
    size = js && json_is_integer(js) ? (int)json_integer_value(js) : -1;
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

/* One function object: checked (apply 0) or added (apply 1). */
static void do_func(rp_profile *p, reader *r, json_t *jf, int apply)
{
    const char *file = str_of(r, jf, "file");
    const char *function = str_of(r, jf, "function");
    const char *region = str_of(r, jf, "region");
    uint64_t first = uint_of(r, jf, "first_line");
    uint64_t last = uint_of(r, jf, "last_line");
    json_t *lines = member(r, jf, "lines", JSON_ARRAY);
    size_t i, n;
    char *key;
    rp_func *f;
    int differs = 0;

    if (r->failed)
        return;
    if (first == 0 || last < first || last - first > 10000000) {
        bad(r, "function \"%s\" has an impossible line range", function);
        return;
    }
    n = json_array_size(lines);
    for (i = 0; i < n; i++) {
        json_t *jl = json_array_get(lines, i);
        uint64_t ln;
        if (!json_is_object(jl)) {
            bad(r, "a line of function \"%s\" is not an object", function);
            return;
        }
        ln = uint_of(r, jl, "line");
        uint_of(r, jl, "hits");
        num_of(r, jl, "time_ns");
        if (json_object_get(jl, "self_ns"))
            num_of(r, jl, "self_ns");
        if (json_object_get(jl, "short") && !json_is_boolean(json_object_get(jl, "short")))
            bad(r, "field \"%s\" is not true or false", "short");
        if (r->failed)
            return;
        if (ln < first || ln > last) {
            bad(r, "a line of function \"%s\" is outside its range", function);
            return;
        }
    }
    if (!apply)
        return;

    key = xasprintf("%s\n%s\n%llu", file, function, (unsigned long long)first);
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
    for (i = 0; i < n; i++) {
        json_t *jl = json_array_get(lines, i);
        rp_line *l = &f->lines[json_integer_value(json_object_get(jl, "line")) - (json_int_t)first];
        const char *text = json_string_value(json_object_get(jl, "text"));
        uint64_t hits = (uint64_t)json_integer_value(json_object_get(jl, "hits"));
        json_t *self = json_object_get(jl, "self_ns");
        /* Too short to time in one run: in the merge too (the same line
         * costs about the same per hit wherever it ran). */
        if (json_is_true(json_object_get(jl, "short")))
            l->too_short = 1;
        if (!l->text && text)
            l->text = xstrdup(text);
        else if (l->text && text && !same_text(l->text, text))
            differs = 1;
        {
            uint64_t ns = (uint64_t)llround(json_number_value(json_object_get(jl, "time_ns")));
            l->hits += hits;
            l->ns += ns;
            add_line_rank(p, l, ns);
        }
        if (hits) {
            if (self && l->has_self != 0) {
                l->self_ns += (uint64_t)llround(json_number_value(self));
                l->has_self = 1;
            } else {
                l->has_self = 0;
            }
        }
    }
    if (differs && !f->warned) {
        f->warned = 1;
        fprintf(stderr, "scope-report: warning: %s: function %s (%s:%u) has other source text "
                "than in %s; lines are merged by number\n", r->path, f->function, f->file,
                f->first_line, f->from);
    }
}

static void do_region(rp_profile *p, reader *r, json_t *jr, int apply)
{
    const char *name = str_of(r, jr, "name");
    uint64_t calls = uint_of(r, jr, "calls");
    uint64_t total = uint_of(r, jr, "total_ns");
    uint64_t mn = uint_of(r, jr, "min_ns");
    uint64_t mx = uint_of(r, jr, "max_ns");
    double m2 = num_of(r, jr, "m2_ns2");
    int outer = json_object_get(jr, "outer_calls") != NULL;
    uint64_t ocalls = outer ? uint_of(r, jr, "outer_calls") : 0;
    uint64_t ototal = outer ? uint_of(r, jr, "outer_total_ns") : 0;
    num_of(r, jr, "std");
    rp_region *g;
    if (r->failed || !apply)
        return;
    g = region_get(p, name);
    rp_region_merge(g, calls, total, mn, mx, m2);
    add_region_rank(p, g, calls, total);
    if (calls) {
        g->nparts++;
        g->file_std = num_of(r, jr, "std");
    }
    g->outer_calls += ocalls;
    g->outer_total_ns += ototal;
    if (!outer)
        g->outer_missing = 1;
}

/* The optional "timeline" member (docs/json.md). */
static void do_timeline(rp_profile *p, reader *r, json_t *root, int apply)
{
    json_t *tl = json_object_get(root, "timeline"), *threads, *names;
    long pid;
    size_t i, k;
    if (!tl)
        return;
    threads = member(r, tl, "threads", JSON_ARRAY);
    names = member(r, tl, "timeline_regions", JSON_ARRAY);
    if (r->failed)
        return;
    pid = json_is_integer(json_object_get(root, "pid"))
              ? (long)json_integer_value(json_object_get(root, "pid")) : 0;
    for (i = 0; i < json_array_size(threads) && !r->failed; i++) {
        json_t *th = json_array_get(threads, i), *entries;
        unsigned thread;
        if (!json_is_object(th)) {
            bad(r, "%s", "a timeline thread is not an object");
            return;
        }
        thread = (unsigned)uint_of(r, th, "thread");
        entries = member(r, th, "entries", JSON_ARRAY);
        if (r->failed)
            return;
        for (k = 0; k < json_array_size(entries); k++) {
            json_t *e = json_array_get(entries, k);
            json_int_t v[3];
            int j;
            if (!json_is_array(e) || json_array_size(e) != 3) {
                bad(r, "%s", "a timeline entry is not [region, start_ns, dur_ns]");
                return;
            }
            for (j = 0; j < 3; j++) {
                json_t *x = json_array_get(e, (size_t)j);
                if (!json_is_integer(x) || json_integer_value(x) < 0) {
                    bad(r, "%s", "a timeline entry holds a negative or non-integer number");
                    return;
                }
                v[j] = json_integer_value(x);
            }
            if ((size_t)v[0] >= json_array_size(names) ||
                !json_is_string(json_array_get(names, (size_t)v[0]))) {
                bad(r, "%s", "a timeline entry names no region in \"timeline_regions\"");
                return;
            }
            if (apply) {
                rp_event *ev;
                if (p->nevents == p->events_cap)
                    p->events = xrealloc(p->events, (p->events_cap = p->events_cap
                                                         ? p->events_cap * 2 : 256) * sizeof *ev);
                ev = &p->events[p->nevents++];
                ev->pid = pid;
                ev->thread = thread;
                ev->name = region_get(p, json_string_value(json_array_get(names, (size_t)v[0])))->name;
                ev->start_ns = (uint64_t)v[1];
                ev->dur_ns = (uint64_t)v[2];
            }
        }
    }
    if (apply) {
        json_t *d = json_object_get(tl, "dropped");
        p->ntimelines++;
        if (json_is_integer(d) && json_integer_value(d) > 0)
            p->dropped += (uint64_t)json_integer_value(d);
    }
}

static void do_file(rp_profile *p, reader *r, json_t *root, int apply)
{
    json_t *regions, *funcs, *v;
    size_t i;
    if (!json_is_object(root)) {
        bad(r, "%s", "not a scope-profiler data file (not a JSON object)");
        return;
    }
    v = json_object_get(root, "version");
    if (!v || !json_is_integer(v)) {
        bad(r, "%s", "not a scope-profiler data file (no \"version\")");
        return;
    }
    if (json_integer_value(v) != SCHEMA_VERSION) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        bad(r, "schema version %s is not supported (scope-report reads version 2)", num);
        return;
    }
    regions = member(r, root, "regions", JSON_ARRAY);
    funcs = member(r, root, "functions", JSON_ARRAY);
    if (r->failed)
        return;
    do_rank(p, r, root, apply);
    for (i = 0; i < json_array_size(regions) && !r->failed; i++) {
        json_t *jr = json_array_get(regions, i);
        if (!json_is_object(jr))
            bad(r, "%s", "a region is not an object");
        else
            do_region(p, r, jr, apply);
    }
    for (i = 0; i < json_array_size(funcs) && !r->failed; i++) {
        json_t *jf = json_array_get(funcs, i);
        if (!json_is_object(jf))
            bad(r, "%s", "a function is not an object");
        else
            do_func(p, r, jf, apply);
    }
    if (!r->failed)
        do_timeline(p, r, root, apply);
}

/* The whole file in memory: jansson's own file reader takes a character
 * at a time through stdio, which was a fifth of a merge's time. */
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

static int add_file(rp_profile *p, const char *path)
{
    json_error_t err;
    size_t len;
    char *data = slurp(path, &len);
    json_t *root;
    reader r = { path, 0 };
    if (!data) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        p->nerrors++;
        return -1;
    }
    root = json_loadb(data, len, 0, &err);
    free(data);
    if (!root) {
        fprintf(stderr, "%s:%d:%d: error: %s\n", path, err.line, err.column, err.text);
        p->nerrors++;
        return -1;
    }
    do_file(p, &r, root, 0);
    if (!r.failed)
        do_file(p, &r, root, 1);
    json_decref(root);
    if (r.failed) {
        p->nerrors++;
        return -1;
    }
    p->nfiles++;
    return 0;
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

static int add_dir(rp_profile *p, const char *path)
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
            if (add_dir(p, sub) != 0)
                rc = -1;
        } else if (ends_with(name, ".mpi.json") && has_rank0(sub)) {
            /* libscope_profiler_mpi's merged report beside the per-rank
             * files it was made of: reading both would count twice. */
            fprintf(stderr, "scope-report: note: %s left out: the merged report of the "
                    "per-rank files beside it\n", sub);
        } else if (ends_with(name, ".json")) {
            if (rp_add_path(p, sub) != 0)
                rc = -1;
        }
        free(sub);
        free(names[i]);
    }
    free(names);
    return rc;
}

int rp_add_path(rp_profile *p, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "scope-report: error: %s: %s\n", path, strerror(errno));
        p->nerrors++;
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return add_dir(p, path);
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "scope-report: error: %s: not a regular file or a directory\n", path);
        p->nerrors++;
        return -1;
    }
    return add_file(p, path);
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

void rp_profile_free(rp_profile *p)
{
    rp_region *g, *gt;
    rp_func *f, *ft;
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
