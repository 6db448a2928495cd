/*
 * report.h - the figures of one report, and the printers that turn them
 * into the region blocks and line_profiler tables (text) or JSON.
 *
 * The printers are pure: fixed figures in, exact text out. snapshot.c
 * fills a scope__report from the live state; tests fill one by hand.
 */
#ifndef SCOPE_REPORT_H
#define SCOPE_REPORT_H

#include "buf.h"
#include "scope_profiler.h"

typedef struct scope__rep_region {
    const char *name;
    scope_u64 calls;
    double total;          /* seconds */
    double mean;           /* seconds */
    double min;            /* seconds */
    double max;            /* seconds */
    double std;            /* seconds, population */
} scope__rep_region;

typedef struct scope__rep_line {
    scope_u64 hits;        /* 0: the line never ran (empty cells) */
    scope_u64 ns;          /* time charged to the line, in ns */
    const char *text;      /* source line without its line end */
} scope__rep_line;

typedef struct scope__rep_func {
    const char *file;
    const char *function;
    const char *region;
    unsigned first_line;   /* line number of lines[0] */
    unsigned nlines;
    scope__rep_line *lines;
} scope__rep_func;

/* The probes' own costs measured at start-up (cost.h), in ns. */
typedef struct scope__rep_costs {
    double line_ns;        /* a line probe between short statements: what
                              each line hit is relieved of */
    double isolated_ns;    /* a line probe among back-to-back probes */
    double call_enter_ns;  /* a profiled call's enter, to its caller */
    double call_leave_ns;  /* and its leave */
    double region_enter_ns;/* a statement region's enter, to the code
                              around it */
    double region_leave_ns;/* and its leave */
    double inside_ns;      /* an entry's own code between its clock reads */
} scope__rep_costs;

typedef struct scope__report {
    long pid;
    const char *program;   /* basename of the executable (JSON only) */
    const char *const *argv;   /* the process's arguments (JSON only) */
    unsigned argc;
    const char *end;       /* what made the report: "exit", "finalize",
                              "SIGINT", "SIGTERM", "SIGABRT" (JSON only) */
    int show_pid;          /* begin with "Process: <pid>" (after a fork) */
    const char *const *notes;
    unsigned nnotes;
    scope__rep_region *regions;   /* order of first entry */
    unsigned nregions;
    scope__rep_func *funcs;       /* line_profiler's order (file, line, name) */
    unsigned nfuncs;
    int lines;             /* print line tables */
    const char *clock;     /* "tsc", "cntvct", "monotonic" */
    scope__rep_costs costs;/* the probes' own costs, as measured */
    int compensated;       /* those costs subtracted */
    scope_u64 abandoned;   /* frames dropped because longjmp skipped them */
} scope__report;

/* One region block, ending with its rule of dashes. */
void scope__format_region(scope__buf *b, const scope__rep_region *r);

/* One line_profiler function table (line_profiler 4.1+ show_func). */
void scope__format_func(scope__buf *b, const scope__rep_func *f);

/* The whole text report. */
void scope__format_text(scope__buf *b, const scope__report *r);

/* The whole JSON report (docs/json.md). */
void scope__format_json(scope__buf *b, const scope__report *r);

#endif
