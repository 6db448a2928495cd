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
    /* The exact merge state (JSON version 2), so that scope-report can add
     * data files together without rounding: whole ns, and Welford's sum of
     * squared deviations from the mean. */
    scope_u64 total_ns;    /* sum of entry times, whole ns */
    scope_u64 min_ns;      /* shortest entry, whole ns */
    scope_u64 max_ns;      /* longest entry, whole ns */
    double m2_ns2;         /* sum of squared deviations, ns^2 */
    scope_u64 outer_calls;     /* entries made with no entry of the same
                                  region open on the thread */
    scope_u64 outer_total_ns;  /* their total, whole ns */
} scope__rep_region;

typedef struct scope__rep_line {
    scope_u64 hits;        /* 0: the line never ran (empty cells) */
    scope_u64 ns;          /* time charged to the line, in ns */
    const char *text;      /* source line without its line end */
    scope_u64 self_ns;     /* sampled mode: time the line was the innermost
                              profiled line, in ns (0 otherwise) */
    int too_short;         /* clock per line: its time per hit is within a
                              few probe costs (scope__cost_too_short) */
} scope__rep_line;

/* Calls from one line of a profiled function to one profiled function
 * (JSON only: callgrind's calls= lines, through scope-report). */
typedef struct scope__rep_call {
    unsigned line;         /* the caller's source line */
    const char *file;      /* the callee: its key (file, function, */
    const char *function;  /* first line) */
    unsigned first_line;
    scope_u64 count;       /* calls made from the line */
    scope_u64 ns;          /* their inclusive time, whole ns */
} scope__rep_call;

typedef struct scope__rep_func {
    const char *file;
    const char *function;
    const char *region;
    unsigned first_line;   /* line number of lines[0] */
    unsigned nlines;
    scope__rep_line *lines;
    int sampled;           /* line times come from samples */
    double samples;        /* sampled: the function's line time in sampling
                              periods, about the samples it rests on */
    double unit;           /* seconds per Time-column unit; 0: 1e-9 (ns).
                              scope-report's --unit */
    scope__rep_call *calls;/* by line, then callee key; NULL when none */
    unsigned ncalls;
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
    double inside_ns;      /* a statement region's own code between its
                              clock reads */
    double call_inside_ns; /* a profiled function's, entered and left
                              without a line probe */
    double first_ns;       /* a function entry's clock read to its first
                              line probe */
    double tail_ns;        /* its last line probe to its leave's clock read,
                              beyond a line probe's cost */
    double outside_ns;     /* a profiled call's enter and leave code outside
                              its clock reads, to the calling line */
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
    int sampled;           /* some line times come from the sampler */
    int cpu_time;          /* the sampler charged CPU time, not wall time */
    double period_ns;      /* sampling period (0: no sampler thread) */
    scope_u64 samples;     /* samples taken */
    scope_u64 in_runtime;  /* thread samples dropped: the thread was in the
                              runtime's entry or exit code */
    double unit;           /* the "Timer unit:" line, in seconds; 0: 1e-9 */
    double ns_per_tick;    /* > 0: add the timeline (timeline.h; JSON only) */
    int has_rank;          /* an MPI launcher named the rank (JSON only) */
    int rank;              /* MPI rank in the job, when has_rank */
    int size;              /* ranks in the job; -1 unknown */
} scope__report;

/* A sampled function whose line time rests on fewer samples than this is
 * marked in the report: its shares are uncertain by 10% or more. */
#define SCOPE__FEW_SAMPLES 100

/* A clock-per-line line whose compensated time per hit is under this many
 * back-to-back probe costs is marked too short to time ("short" in the
 * JSON, a note in the text): a probe's clock read is not ordered with the
 * code around it, so a line's figure is uncertain by about one probe cost
 * per hit - 10% or more below this. */
#define SCOPE__SHORT_PROBES 10

/* One row of the ranks table of a merge over MPI ranks (docs/mpi.md):
 * per-rank minimum, mean and maximum of a region's calls and time (s),
 * the rank of each maximum. */
typedef struct scope__rep_ranks {
    const char *name;
    unsigned long long calls_min, calls_max;
    double calls_mean;
    int calls_max_rank;
    double time_min, time_mean, time_max;
    int time_max_rank;
} scope__rep_ranks;

/* max / mean - 1, 0 when the mean is 0: the imbalance of the tables. */
double scope__imbalance(double max, double mean);

/* The ranks table's heading (merged: ranks whose figures are in it), and
 * one row. Shared by libscope_profiler_mpi and scope-report. */
void scope__format_ranks_head(scope__buf *b, int merged);
void scope__format_ranks_row(scope__buf *b, const scope__rep_ranks *r);

/* One region block, ending with its rule of dashes. */
void scope__format_region(scope__buf *b, const scope__rep_region *r);

/* One line_profiler function table (line_profiler 4.1+ show_func). */
void scope__format_func(scope__buf *b, const scope__rep_func *f);

/* The sampled mode's lines (clock, period, samples, functions resting on
 * too few samples), printed just before the line tables; nothing for a
 * deterministic report. */
void scope__format_sampling(scope__buf *b, const scope__report *r);

/* The note on clock-per-line lines too short to time (nothing when none
 * is), said where the sampling notes are: before "Timer unit:". */
void scope__format_short(scope__buf *b, const scope__report *r);

/* The whole text report. */
/* About how many bytes a printer of the report writes, at `per_line`
 * bytes per table row besides its source text (for scope__buf_reserve). */
size_t scope__report_size(const scope__report *r, size_t per_line);
void scope__format_text(scope__buf *b, const scope__report *r);

/* The whole JSON report (docs/json.md). */
void scope__format_json(scope__buf *b, const scope__report *r);

#endif
