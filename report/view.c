/*
 * view.c - text views of a merged profile (see view.h).
 *
 * The region blocks and line tables go through scope__format_text, the
 * runtime's printer, so a merged report of one file reads exactly as the
 * runtime's own report of it.
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

static int keep(const view_opts *o, const char *a, const char *b)
{
    if (!o->filter)
        return 1;
    return regexec(o->filter, a, 0, NULL, 0) == 0 || (b && regexec(o->filter, b, 0, NULL, 0) == 0);
}

static int by_time_desc(const void *a, const void *b)
{
    uint64_t x = rp_func_total_ns(*(rp_func *const *)a), y = rp_func_total_ns(*(rp_func *const *)b);
    return x < y ? 1 : x > y ? -1 : 0;
}

static int by_time_asc(const void *a, const void *b)
{
    return -by_time_desc(a, b);
}

rp_func **view_funcs(const rp_profile *p, const view_opts *o, unsigned *n)
{
    rp_func **all = rp_funcs_sorted(p);
    unsigned i, k = 0;
    for (i = 0; i < p->nfuncs; i++) {
        if (!keep(o, all[i]->function, all[i]->region))
            continue;
        if (o->skip_zero && rp_func_total_ns(all[i]) == 0)
            continue;
        all[k++] = all[i];
    }
    if (o->top && k > o->top) {
        /* The N with most time, then back in the view's order: a stable
         * merge of "is it among the top" keeps line_profiler's order. */
        rp_func **tmp = xcalloc(k, sizeof *tmp);
        unsigned j, m = 0;
        memcpy(tmp, all, k * sizeof *tmp);
        qsort(tmp, k, sizeof *tmp, by_time_desc);
        for (i = 0; i < k; i++)
            for (j = 0; j < o->top; j++)
                if (tmp[j] == all[i]) {
                    all[m++] = all[i];
                    break;
                }
        free(tmp);
        k = m;
    }
    if (o->sort)
        qsort(all, k, sizeof *all, by_time_asc);
    *n = k;
    return all;
}

rp_region **view_regions(const rp_profile *p, const view_opts *o, unsigned *n)
{
    rp_region **all = rp_regions_sorted(p);
    unsigned i, k = 0;
    for (i = 0; i < p->nregions; i++)
        if (all[i]->calls && keep(o, all[i]->name, NULL))
            all[k++] = all[i];
    *n = k;
    return all;
}

/* A region's figures as the runtime's printer takes them. */
static void fill_region(scope__rep_region *out, const rp_region *g)
{
    memset(out, 0, sizeof *out);
    out->name = g->name;
    out->calls = g->calls;
    out->total = (double)g->total_ns / 1e9;
    out->min = (double)g->min_ns / 1e9;
    out->max = (double)g->max_ns / 1e9;
    out->mean = g->calls ? out->total / (double)g->calls : 0.0;
    if (out->mean < out->min)
        out->mean = out->min;
    if (out->mean > out->max)
        out->mean = out->max;
    out->std = rp_region_std(g);
    out->total_ns = g->total_ns;
    out->min_ns = g->min_ns;
    out->max_ns = g->max_ns;
    out->m2_ns2 = g->m2;
}

static uint64_t at(const uint64_t *a, unsigned cap, int slot)
{
    return slot >= 0 && (unsigned)slot < cap ? a[slot] : 0;
}

/* Per job of per-rank files: the ranks table of each region (as
 * libscope_profiler_mpi prints it), the missing ranks, and each line's
 * largest time on one rank. A rank with a file that never entered a
 * region counts as 0 calls, 0 s; the lowest rank wins a tie. */
static void ranks(scope__buf *b, const rp_profile *p, rp_region **rv, unsigned nr, rp_func **fv,
                  unsigned nf)
{
    unsigned j, i, k;
    for (j = 0; j < p->njobs; j++) {
        int n, *slot = rp_job_slots(p, j, &n), r, merged = 0, nmissing = 0;
        const rp_job *job = &p->jobs[j];
        for (r = 0; r < n; r++)
            merged += slot[r] >= 0, nmissing += slot[r] < 0;
        scope__buf_printf(b, "MPI job %s: merged %d of ", job->program, merged);
        if (job->size < 0)
            scope__buf_puts(b, "? ranks (the launcher gave no size)");
        else
            scope__buf_printf(b, "%d ranks", job->size);
        if (nmissing) {
            scope__buf_puts(b, "; missing ranks:");
            for (r = 0; r < n; r++)
                if (slot[r] < 0)
                    scope__buf_printf(b, " %d", r);
        }
        scope__buf_puts(b, "\n");
        scope__format_ranks_head(b, merged);
        for (i = 0; i < nr; i++) {
            const rp_region *g = rv[i];
            scope__rep_ranks row;
            uint64_t csum = 0, tsum = 0, tmin = UINT64_MAX, tmax = 0;
            int first = 1;
            memset(&row, 0, sizeof row);
            row.name = g->name;
            row.calls_max_rank = row.time_max_rank = -1;
            for (r = 0; r < n; r++) {
                uint64_t c, t;
                if (slot[r] < 0)
                    continue;
                c = at(g->rank_calls, g->rank_cap, slot[r]);
                t = at(g->rank_ns, g->rank_cap, slot[r]);
                csum += c, tsum += t;
                if (first || c < row.calls_min)
                    row.calls_min = c;
                if (first || c > row.calls_max)
                    row.calls_max = c, row.calls_max_rank = r;
                if (t < tmin)
                    tmin = t;
                if (first || t > tmax)
                    tmax = t, row.time_max_rank = r;
                first = 0;
            }
            if (first || csum == 0)
                continue;
            row.calls_mean = (double)csum / merged;
            row.time_min = (double)tmin / 1e9;
            row.time_max = (double)tmax / 1e9;
            row.time_mean = (double)tsum / 1e9 / merged;
            scope__format_ranks_row(b, &row);
        }
        scope__buf_puts(b, "----------------------------------------\n");
        /* Lines: the summed hits and time are in the line tables; here the
         * share of the slowest rank. */
        for (i = 0, k = 0; i < nf; i++) {
            unsigned l;
            for (l = 0; l < fv[i]->nlines; l++) {
                const rp_line *ln = &fv[i]->lines[l];
                uint64_t mx = 0;
                int mr = -1;
                for (r = 0; r < n; r++) {
                    uint64_t t = slot[r] < 0 ? 0 : at(ln->rank_ns, ln->rank_cap, slot[r]);
                    if (t > mx)
                        mx = t, mr = r;
                }
                if (!ln->hits || mr < 0)
                    continue;
                if (!k++)
                    scope__buf_printf(b, "Lines: time summed over ranks, and the largest on one "
                                      "rank (ns)\n%-32s %12s %16s %16s %5s\n", "Location",
                                      "Hits", "Time", "Time max", "Rank");
                {
                    char loc[512];
                    snprintf(loc, sizeof loc, "%s:%u", fv[i]->file, fv[i]->first_line + l);
                    scope__buf_printf(b, "%-32s %12llu %16llu %16llu %5d\n", loc,
                                      (unsigned long long)ln->hits, (unsigned long long)ln->ns,
                                      (unsigned long long)mx, mr);
                }
            }
        }
        if (k)
            scope__buf_puts(b, "----------------------------------------\n");
        free(slot);
    }
}

static void tables(scope__buf *b, const rp_profile *p, const view_opts *o, rp_func **fv,
                   unsigned nf)
{
    scope__report rep;
    unsigned nr, i, k;
    rp_region **rv = view_regions(p, o, &nr);
    memset(&rep, 0, sizeof rep);
    rep.regions = xcalloc(nr + 1, sizeof *rep.regions);
    rep.funcs = xcalloc(nf + 1, sizeof *rep.funcs);
    for (i = 0; i < nr; i++)
        fill_region(&rep.regions[i], rv[i]);
    rep.nregions = nr;
    for (i = 0; i < nf; i++) {
        scope__rep_func *f = &rep.funcs[i];
        f->file = fv[i]->file;
        f->function = fv[i]->function;
        f->region = fv[i]->region;
        f->first_line = fv[i]->first_line;
        f->nlines = fv[i]->nlines;
        f->unit = o->unit;
        f->lines = xcalloc(f->nlines + 1, sizeof *f->lines);
        for (k = 0; k < f->nlines; k++) {
            f->lines[k].hits = fv[i]->lines[k].hits;
            f->lines[k].ns = fv[i]->lines[k].ns;
            f->lines[k].text = fv[i]->lines[k].text;
            f->lines[k].too_short = fv[i]->lines[k].too_short;
        }
    }
    rep.nfuncs = nf;
    rep.lines = p->nfuncs > 0;
    rep.unit = o->unit;
    if (p->njobs) {
        /* Region blocks, the ranks tables, then the line tables: the order
         * of the merged report of libscope_profiler_mpi. */
        unsigned nfuncs = rep.nfuncs;
        int lines = rep.lines;
        rep.nfuncs = 0;
        rep.lines = 0;
        scope__format_text(b, &rep);
        ranks(b, p, rv, nr, fv, nf);
        rep.nfuncs = nfuncs;
        rep.lines = lines;
        rep.nregions = 0;
    }
    scope__format_text(b, &rep);
    for (i = 0; i < nf; i++)
        free(rep.funcs[i].lines);
    free(rep.funcs);
    free(rep.regions);
    free(rv);
}

/* line_profiler's show_text summary: '%6.2f seconds - %s:%s - %s'. */
static void summary(scope__buf *b, rp_func **fv, unsigned nf)
{
    unsigned i;
    for (i = 0; i < nf; i++)
        scope__buf_printf(b, "%6.2f seconds - %s:%u - %s\n",
                          (double)rp_func_total_ns(fv[i]) * 1e-9, fv[i]->file,
                          fv[i]->first_line, fv[i]->function);
}

typedef struct hot {
    const rp_func *f;
    unsigned row;
} hot;

static int hot_cmp(const void *a, const void *b)
{
    const hot *x = a, *y = b;
    const rp_line *lx = &x->f->lines[x->row], *ly = &y->f->lines[y->row];
    uint64_t kx = lx->has_self == 1 ? lx->self_ns : lx->ns;
    uint64_t ky = ly->has_self == 1 ? ly->self_ns : ly->ns;
    int c;
    if (kx != ky)
        return kx < ky ? 1 : -1;
    if (lx->ns != ly->ns)
        return lx->ns < ly->ns ? 1 : -1;
    c = strcmp(x->f->file, y->f->file);
    if (c)
        return c;
    return x->f->first_line + x->row < y->f->first_line + y->row ? -1 : 1;
}

static void cut(char *out, size_t size, const char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    snprintf(out, size, "%s", text);
}

/* The lines with most self time (inclusive time where no self time was
 * recorded), over every function shown. */
static void top_lines(scope__buf *b, rp_func **fv, unsigned nf, unsigned n)
{
    hot *h = NULL;
    size_t nh = 0, cap = 0, i, start;
    uint64_t all = 0;
    for (i = 0; i < nf; i++) {
        unsigned k;
        all += rp_func_total_ns(fv[i]);
        for (k = 0; k < fv[i]->nlines; k++) {
            if (!fv[i]->lines[k].hits)
                continue;
            if (nh == cap)
                h = xrealloc(h, (cap = cap ? cap * 2 : 64) * sizeof *h);
            h[nh].f = fv[i];
            h[nh++].row = k;
        }
    }
    qsort(h, nh, sizeof *h, hot_cmp);
    scope__buf_puts(b, "Top lines (self: excluding profiled callees; inclusive: with them)\n\n");
    start = b->len;
    scope__buf_printf(b, "%14s %14s %10s %7s  %s", "Self (s)", "Incl (s)", "Hits", "% Incl",
                      "Location / Line Contents");
    for (i = b->len - start, scope__buf_puts(b, "\n"); i > 0; i--)
        scope__buf_put(b, "=", 1);
    scope__buf_puts(b, "\n");
    for (i = 0; i < nh && i < n; i++) {
        const rp_line *l = &h[i].f->lines[h[i].row];
        char self[32] = "", text[256];
        if (l->has_self == 1)
            snprintf(self, sizeof self, "%.9f", (double)l->self_ns * 1e-9);
        cut(text, sizeof text, l->text ? l->text : "");
        scope__buf_printf(b, "%14s %14.9f %10llu %7.1f  %s:%u %s: %s\n", self,
                          (double)l->ns * 1e-9, (unsigned long long)l->hits,
                          all ? 100.0 * (double)l->ns / (double)all : 0.0, h[i].f->file,
                          h[i].f->first_line + h[i].row, h[i].f->function, text);
    }
    scope__buf_puts(b, "\n");
    free(h);
}

/* Regions whose outermost entries differ from all entries (recursive
 * ones): their recursion-aware totals, which never exceed the run. */
static void recursion(scope__buf *b, const rp_profile *p, const view_opts *o)
{
    unsigned n, i, shown = 0;
    rp_region **rv = view_regions(p, o, &n);
    for (i = 0; i < n; i++) {
        const rp_region *g = rv[i];
        if (g->outer_missing || g->outer_calls == g->calls)
            continue;
        if (!shown++)
            scope__buf_printf(b, "Recursion-aware totals (outermost entries only)\n\n"
                              "%-24s %12s %14s %12s %14s\n", "Region", "Outer calls",
                              "Outer total", "All calls", "All total");
        scope__buf_printf(b, "%-24s %12llu %12.9f s %12llu %12.9f s\n", g->name,
                          (unsigned long long)g->outer_calls, (double)g->outer_total_ns * 1e-9,
                          (unsigned long long)g->calls, (double)g->total_ns * 1e-9);
    }
    if (shown)
        scope__buf_puts(b, "\n");
    free(rv);
}

void view_text(scope__buf *b, const rp_profile *p, const view_opts *o)
{
    unsigned nf;
    rp_func **fv = view_funcs(p, o, &nf);
    if (o->tables)
        tables(b, p, o, fv, nf);
    if (o->tables)
        recursion(b, p, o);
    if (o->top_lines)
        top_lines(b, fv, nf, o->top_lines);
    if (o->summarize)
        summary(b, fv, nf);
    free(fv);
}
