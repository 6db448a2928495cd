/*
 * view.h - the text views of a merged profile: the seed's tables (printed
 * by the runtime's own printers, runtime/report.c), line_profiler's
 * summary, and the top lines.
 */
#ifndef REPORT_VIEW_H
#define REPORT_VIEW_H

#include <regex.h>

#include "buf.h"
#include "profile.h"

typedef struct view_opts {
    int sort;              /* functions by total time, ascending (line_profiler -s) */
    int summarize;         /* the "%6.2f seconds - file:line - name" lines */
    int skip_zero;         /* drop functions with no time (line_profiler -z) */
    double unit;           /* Time column unit in seconds; 0: 1e-9 */
    regex_t *filter;       /* keep functions/regions whose name matches */
    unsigned top;          /* keep the N functions with most time; 0: all */
    unsigned top_lines;    /* print the N lines with most time; 0: none */
    int tables;            /* print the region blocks and line tables */
} view_opts;

/* The functions a view shows, in its order (array of pointers, free()). */
rp_func **view_funcs(const rp_profile *p, const view_opts *o, unsigned *n);

/* Regions the filter keeps (array of pointers, free()). */
rp_region **view_regions(const rp_profile *p, const view_opts *o, unsigned *n);

/* The whole text view. */
void view_text(scope__buf *b, const rp_profile *p, const view_opts *o);

#endif
