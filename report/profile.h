/*
 * profile.h - the merged profile: every data file read adds into one set
 * of regions and functions.
 *
 * Merging is exact: hits and whole nanoseconds are summed as integers, and
 * a region's spread is merged from each file's Welford state (calls, mean,
 * sum of squared deviations) with Chan's pairwise formula, never from
 * rounded means or standard deviations. Memory grows with the number of
 * distinct regions and functions, not with the number of files: each file
 * is parsed, added in and freed before the next. Per-rank files (MPI) add
 * one counter per rank to each region and to each line that took time.
 * Call edges add one entry per (caller function, line, callee), and a
 * timeline one per entry the runtime kept.
 */
#ifndef REPORT_PROFILE_H
#define REPORT_PROFILE_H

#include <stdint.h>
#include <uthash.h>

typedef struct rp_region {
    char *name;
    unsigned order;        /* position of first appearance over all files */
    uint64_t calls;
    uint64_t total_ns;     /* sum of entry times, whole ns */
    uint64_t min_ns, max_ns;
    double m2;             /* sum of squared deviations from the mean, ns^2 */
    uint64_t outer_calls;  /* entries with no entry of the region open below */
    uint64_t outer_total_ns;
    int outer_missing;     /* some file did not record the outer figures */
    unsigned nparts;       /* files that had the region */
    double file_std;       /* the one file's "std" (nparts == 1): printed as
                              is, so one file reads as the runtime printed it */
    uint64_t *rank_calls;  /* per rank slot (rp_profile.slots): calls, */
    uint64_t *rank_ns;     /* and total ns; rank_cap entries each */
    unsigned rank_cap;
    UT_hash_handle hh;
} rp_region;

typedef struct rp_line {
    uint64_t hits;
    uint64_t ns;           /* inclusive time charged to the line, ns */
    uint64_t self_ns;      /* time excluding profiled callees, ns */
    int has_self;          /* self_ns was in every file that ran the line */
    int too_short;         /* some file marked it too short to time
                              ("short": clock per line) */
    char *text;            /* source text (of the first file that had it) */
    uint64_t *rank_ns;     /* per rank slot: ns, rank_cap entries */
    unsigned rank_cap;
} rp_line;

/* A call edge: the calls a function made from one of its lines to one
 * profiled callee (docs/json.md, "calls"), summed over the files. */
typedef struct rp_call {
    char *key;             /* "line\nfile\nfunction\nfirst_line": the match key */
    unsigned line;         /* the caller's line */
    char *file, *function; /* the callee's key */
    unsigned first_line;
    uint64_t count;        /* calls made */
    uint64_t ns;           /* their inclusive time, whole ns */
    UT_hash_handle hh;
} rp_call;

typedef struct rp_func {
    char *key;             /* "file\nfunction\nfirst_line": the match key */
    char *file, *function, *region;
    unsigned first_line;
    unsigned nlines;
    rp_line *lines;        /* lines[i] is line first_line + i */
    char *from;            /* data file the text was taken from */
    int warned;            /* the "source differs" warning was given */
    rp_call *calls;        /* hash by key; empty for files without "calls" */
    unsigned ncalls;
    UT_hash_handle hh;
} rp_func;

/* One entry of a timeline (the runtime's SCOPE_PROFILER_TIMELINE). */
typedef struct rp_event {
    long pid;
    int rank;              /* the file's "rank"; -1: none */
    unsigned thread;
    const char *name;      /* region name (owned by the profile's regions) */
    uint64_t start_ns;     /* from the process's earliest recorded entry */
    uint64_t dur_ns;       /* raw wall-clock duration */
    uint64_t origin_ns;    /* CLOCK_MONOTONIC ns of the file's start_ns 0
                              ("origin_monotonic_ns"; 0 when the file has none) */
} rp_event;

/* An MPI job of the per-rank files: files with the same program and size
 * (docs/json.md, "Additions: MPI"). */
typedef struct rp_job {
    char *program;
    int size;              /* -1: the launcher did not say */
    unsigned nfiles;
} rp_job;

/* One rank of one job; several files of a rank (threads' or forked
 * children's) add up in its slot. */
typedef struct rp_slot {
    unsigned job;
    int rank;
} rp_slot;

typedef struct rp_profile {
    rp_region *regions;    /* hash by name */
    rp_func *funcs;        /* hash by key */
    unsigned nregions, nfuncs;
    unsigned nfiles;       /* data files merged */
    unsigned nerrors;      /* inputs that could not be read */
    rp_event *events;      /* timelines of every file, in file order */
    size_t nevents, events_cap;
    uint64_t dropped;      /* timeline entries the runtime could not keep */
    unsigned ntimelines;   /* files that had a timeline */
    unsigned no_origin;    /* of them, files without "origin_monotonic_ns" */
    rp_job *jobs;          /* jobs of the files that carried a rank */
    unsigned njobs;
    rp_slot *slots;        /* ranks seen, in order of first file */
    unsigned nslots;
    unsigned nunranked;    /* files without a rank */
    int cur_slot;          /* slot of the file being added; -1: no rank */
    int cur_rank;          /* rank of the file being added; -1: none */
} rp_profile;

/* Add one data file, or every *.json under a directory (sorted, recursive).
 * Problems are printed to stderr as "path:line:col: error: ..." and
 * counted in p->nerrors; the rest is still merged. Returns 0, or -1 when
 * this input had an error. */
int rp_add_path(rp_profile *p, const char *path);

/* Add one region entry state (the arithmetic, exposed for tests). */
void rp_region_merge(rp_region *into, uint64_t calls, uint64_t total_ns, uint64_t min_ns,
                     uint64_t max_ns, double m2);

/* Population standard deviation in seconds. */
double rp_region_std(const rp_region *r);

/* Regions in order of first appearance; functions in line_profiler's order
 * (file, first line, name). Arrays of pointers, to free with free(). */
rp_region **rp_regions_sorted(const rp_profile *p);
rp_func **rp_funcs_sorted(const rp_profile *p);

/* Seconds of a function: the sum of its line times, ns. */
uint64_t rp_func_total_ns(const rp_func *f);

/* Per-rank figures of a region or line of a job: the slot of each rank
 * 0..nranks-1 of job j (-1: no file), nranks = size, or the highest rank
 * + 1 when the size is unknown. Array to free(). */
int *rp_job_slots(const rp_profile *p, unsigned j, int *nranks);

/* Is every timeline on one clock: did every file with a timeline give its
 * "origin_monotonic_ns"? */
int rp_timeline_aligned(const rp_profile *p);

/* The earliest CLOCK_MONOTONIC ns of all entries when aligned, else 0. */
uint64_t rp_timeline_t0(const rp_profile *p);

/* The start of an event on the common timeline, t0 from rp_timeline_t0:
 * when aligned, its CLOCK_MONOTONIC ns less t0 (so processes line up);
 * else the file's own start_ns. */
uint64_t rp_event_start(const rp_profile *p, uint64_t t0, const rp_event *e);

/* The callee function of a call edge, or NULL when no file had it. */
rp_func *rp_call_callee(const rp_profile *p, const rp_call *c);

/* Call edges of f by caller line, then callee (file, first line, name).
 * Array of pointers, to free with free(). */
rp_call **rp_calls_sorted(const rp_func *f);

void rp_profile_free(rp_profile *p);

#endif
