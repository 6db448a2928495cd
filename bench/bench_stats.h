/*
 * bench_stats.h - timing helpers and batch statistics for the benchmarks.
 *
 * The benchmark programs time many short batches and keep the minimum and
 * the median of them: on a shared machine the minimum is the cost of the
 * code itself, and the median shows how much noise there was. The ratios
 * against their floors are computed by bench/run-bench; this module only
 * turns batches into per-operation figures.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>

/* CLOCK_MONOTONIC, in nanoseconds. */
double bench_now_ns(void);

/* Smallest of v[0..n-1]; 0 when n is 0. */
double bench_min(const double *v, size_t n);

/* Arithmetic mean of v[0..n-1]; 0 when n is 0. */
double bench_mean(const double *v, size_t n);

/* Median of v[0..n-1] (mean of the two middle values for even n); 0 when
 * n is 0. v is not modified. */
double bench_median(const double *v, size_t n);

/* Per-operation cost of a batch: elapsed / ops (0 when ops is 0). */
double bench_per_op(double elapsed_ns, double ops);

/* Time one batch of `iters` iterations of 8 raw clock reads each (the same
 * unfenced read the line probe makes), in nanoseconds. The result is kept
 * in *sink so that the reads cannot be dropped. */
double bench_clock_batch(long iters, unsigned long long *sink);

/* Print "key value" on stdout: the figures run-bench reads. */
void bench_put(const char *key, double value);

/* Print "key.min" and "key.median" of v[0..n-1]. */
void bench_put_stats(const char *key, const double *v, size_t n);

#endif /* BENCH_STATS_H */
