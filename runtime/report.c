/*
 * report.c - text printers: scope-profiler's region blocks and
 * line_profiler's per-function tables.
 *
 * The table follows line_profiler 4.1+ show_func exactly: default column
 * widths 6/9/12/8/8; a Time or Per Hit cell wider than its column falls back
 * to "%5.3g", a Hits cell to "%g"; then Hits, Time and Per Hit widen to
 * their widest cell, and the header and "=" rule widen with them.
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

/* line_profiler's minimum column widths. */
#define W_LINE 6
#define W_HITS 9
#define W_TIME 12
#define W_PERHIT 8
#define W_PERCENT 8

static void seconds(scope__buf *b, const char *label, double s)
{
    scope__buf_puts(b, label);
    scope__buf_repr(b, s);
    scope__buf_puts(b, " s\n");
}

void scope__format_region(scope__buf *b, const scope__rep_region *r)
{
    scope__buf_printf(b, "Region: %s\n", r->name);
    scope__buf_printf(b, "  Total Calls : %llu\n", (unsigned long long)r->calls);
    seconds(b, "  Total Time  : ", r->total);
    seconds(b, "  Avg Time    : ", r->mean);
    seconds(b, "  Min Time    : ", r->min);
    seconds(b, "  Max Time    : ", r->max);
    seconds(b, "  Std Dev     : ", r->std);
    scope__buf_puts(b, "----------------------------------------\n");
}

double scope__imbalance(double max, double mean)
{
    return mean > 0 ? max / mean - 1.0 : 0.0;
}

void scope__format_ranks_head(scope__buf *b, int merged)
{
    scope__buf_printf(b, "Ranks: %d merged; per rank: calls, and time in s; Rank: where the "
                      "maximum is; Imbal.: max / mean - 1\n", merged);
    scope__buf_printf(b, "%-20s %10s %12s %10s %5s %8s %12s %12s %12s %5s %8s\n", "Region",
                      "Calls min", "Calls mean", "Calls max", "Rank", "Imbal.", "Time min",
                      "Time mean", "Time max", "Rank", "Imbal.");
}

void scope__format_ranks_row(scope__buf *b, const scope__rep_ranks *r)
{
    scope__buf_printf(b, "%-20s %10llu %12.6g %10llu %5d %8.4f %12.6g %12.6g %12.6g %5d %8.4f\n",
                      r->name, r->calls_min, r->calls_mean, r->calls_max, r->calls_max_rank,
                      scope__imbalance((double)r->calls_max, r->calls_mean), r->time_min,
                      r->time_mean, r->time_max, r->time_max_rank,
                      scope__imbalance(r->time_max, r->time_mean));
}

/* The four cells of a row that ran. */
typedef struct cells {
    char hits[32], time[48], perhit[48], percent[48];
} cells;

static void fill_cells(cells *c, const scope__rep_line *l, scope_u64 total, double unit)
{
    double t = unit > 0 ? (double)l->ns * (1e-9 / unit) : (double)l->ns;
    if (scope__fmt_u64(c->hits, (unsigned long long)l->hits) > W_HITS)
        snprintf(c->hits, sizeof c->hits, "%g", (double)l->hits);
    scope__fmt_f1(c->time, sizeof c->time, 5, t);
    if (strlen(c->time) > W_TIME)
        snprintf(c->time, sizeof c->time, "%5.3g", t);
    scope__fmt_f1(c->perhit, sizeof c->perhit, 5, t / (double)l->hits);
    if (strlen(c->perhit) > W_PERHIT)
        snprintf(c->perhit, sizeof c->perhit, "%5.3g", t / (double)l->hits);
    /* Python computes 100 * time / total on integers (true division), which
     * is what dividing the exactly represented doubles gives. */
    if (total == 0)
        c->percent[0] = '\0';
    else
        scope__fmt_f1(c->percent, sizeof c->percent, 5, (double)(100 * l->ns) / (double)total);
}

/* printf's "%*s " of text[len]: right-aligned in `w` columns, then the
 * separating space. */
static void cell(scope__buf *b, int w, const char *text, size_t len)
{
    static const char spaces[] = "                                ";
    size_t pad = (size_t)w > len ? (size_t)w - len : 0;
    while (pad > sizeof spaces - 1) {
        scope__buf_put(b, spaces, sizeof spaces - 1);
        pad -= sizeof spaces - 1;
    }
    scope__buf_put(b, spaces, pad);
    scope__buf_put(b, text, len);
    scope__buf_put(b, " ", 1);
}

static int width(int minimum, size_t len)
{
    return (size_t)minimum > len ? minimum : (int)len;
}

void scope__format_func(scope__buf *b, const scope__rep_func *f)
{
    scope_u64 total = 0;
    unsigned i;
    int wh = W_HITS, wt = W_TIME, wp = W_PERHIT;
    size_t start, header_len;
    cells c;
    char num[24];

    for (i = 0; i < f->nlines; i++)
        if (f->lines[i].hits)
            total += f->lines[i].ns;
    for (i = 0; i < f->nlines; i++) {
        if (!f->lines[i].hits)
            continue;
        fill_cells(&c, &f->lines[i], total, f->unit);
        wh = width(wh, strlen(c.hits));
        wt = width(wt, strlen(c.time));
        wp = width(wp, strlen(c.perhit));
    }
    scope__buf_printf(b, "Total time: %g s\n", (double)total * 1e-9);
    scope__buf_printf(b, "File: %s\n", f->file);
    scope__buf_printf(b, "Function: %s at line %u\n", f->function, f->first_line);
    scope__buf_puts(b, "\n");
    start = b->len;
    scope__buf_printf(b, "%*s %*s %*s %*s %*s  %s", W_LINE, "Line #", wh, "Hits", wt, "Time",
                      wp, "Per Hit", W_PERCENT, "% Time", "Line Contents");
    header_len = b->len - start;
    scope__buf_puts(b, "\n");
    for (i = 0; i < header_len; i++)
        scope__buf_put(b, "=", 1);
    scope__buf_puts(b, "\n");
    for (i = 0; i < f->nlines; i++) {
        const scope__rep_line *l = &f->lines[i];
        const char *text = l->text ? l->text : "";
        if (l->hits)
            fill_cells(&c, l, total, f->unit);
        else
            c.hits[0] = c.time[0] = c.perhit[0] = c.percent[0] = '\0';
        cell(b, W_LINE, num, scope__fmt_u64(num, f->first_line + i));
        cell(b, wh, c.hits, strlen(c.hits));
        cell(b, wt, c.time, strlen(c.time));
        cell(b, wp, c.perhit, strlen(c.perhit));
        cell(b, W_PERCENT, c.percent, strlen(c.percent));
        scope__buf_put(b, " ", 1);
        scope__buf_puts(b, text);
        scope__buf_put(b, "\n", 1);
    }
    scope__buf_puts(b, "\n");
}

void scope__format_sampling(scope__buf *b, const scope__report *r)
{
    unsigned i;
    if (!r->sampled)
        return;
    if (r->period_ns <= 0.0) {
        scope__buf_puts(b, "scope-profiler: line and region times are sampled, but the sampler "
                        "is off (SCOPE_PROFILER_RATE=0): hits and calls are exact, times are 0\n");
        return;
    }
    scope__buf_printf(b, "scope-profiler: line and region times are sampled (%s time): one "
                      "sample every %.4g us, %llu samples\n", r->cpu_time ? "CPU" : "wall-clock",
                      r->period_ns / 1e3, (unsigned long long)r->samples);
    if (r->in_runtime)
        scope__buf_printf(b, "scope-profiler: %llu samples found a thread in the profiler's own "
                          "entry and exit code and were charged to no line or region\n",
                          (unsigned long long)r->in_runtime);
    for (i = 0; i < r->nfuncs; i++) {
        const scope__rep_func *f = &r->funcs[i];
        if (f->sampled && f->samples < SCOPE__FEW_SAMPLES)
            scope__buf_printf(b, "scope-profiler: %s: line times rest on about %.0f samples "
                              "(fewer than %d): rough figures\n", f->function, f->samples,
                              SCOPE__FEW_SAMPLES);
    }
}

void scope__format_short(scope__buf *b, const scope__report *r)
{
    unsigned i, k, n = 0;
    for (i = 0; i < r->nfuncs; i++)
        for (k = 0; !r->funcs[i].sampled && k < r->funcs[i].nlines; k++)
            n += r->funcs[i].lines[k].hits && r->funcs[i].lines[k].too_short;
    if (n)
        scope__buf_printf(b, "scope-profiler: %u line%s take%s less than %d probe costs per hit "
                          "(\"short\" in the data file): too short to time with a clock read "
                          "per line; build with -DSCOPE_PROFILER_SAMPLED=1 to sample them\n",
                          n, n == 1 ? "" : "s", n == 1 ? "s" : "", SCOPE__SHORT_PROBES);
}

size_t scope__report_size(const scope__report *r, size_t per_line)
{
    size_t n = 4096 + (size_t)r->nregions * 512;
    unsigned i, k;
    for (i = 0; r->lines && i < r->nfuncs; i++) {
        const scope__rep_func *f = &r->funcs[i];
        n += 512 + (size_t)f->ncalls * 256;
        for (k = 0; k < f->nlines; k++)
            n += per_line + (f->lines[k].text ? strlen(f->lines[k].text) : 0);
    }
    return n;
}

void scope__format_text(scope__buf *b, const scope__report *r)
{
    unsigned i;
    scope__buf_reserve(b, scope__report_size(r, 64));
    if (r->show_pid)
        scope__buf_printf(b, "Process: %ld\n", r->pid);
    for (i = 0; i < r->nnotes; i++)
        scope__buf_printf(b, "scope-profiler: %s\n", r->notes[i]);
    if (r->abandoned)
        scope__buf_printf(b, "scope-profiler: %llu frame%s abandoned by longjmp or "
                          "thread exit (their last entry is not counted)\n",
                          (unsigned long long)r->abandoned, r->abandoned == 1 ? "" : "s");
    for (i = 0; i < r->nregions; i++)
        scope__format_region(b, &r->regions[i]);
    if (!r->lines)
        return;
    /* Said where the line tables begin: the report still opens with the
     * region blocks, as the seed's does. */
    scope__format_sampling(b, r);
    scope__format_short(b, r);
    scope__buf_printf(b, "Timer unit: %g s\n\n", r->unit > 0 ? r->unit : 1e-9);
    for (i = 0; i < r->nfuncs; i++)
        scope__format_func(b, &r->funcs[i]);
}
