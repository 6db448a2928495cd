"""line_profiler_kernel.py - the seed's compute kernel in Python, timed plain
and under line_profiler, for bench/run-bench to set beside the C figures.

Prints one JSON object: the best plain and profiled times of compute(N) in
seconds, the time line_profiler reports for the function (sum of its line
times, for the best profiled call) and line_profiler's version. Plain and
profiled calls are interleaved, as in the C benchmark.
"""
import json
import math
import random
import sys
import time

import line_profiler


def compute(N=50_000):
    s = 0.0
    for _ in range(N):
        x = random.random()
        s += math.sin(x) * math.sqrt(x + 1.0)
    return s


def reported_total(prof):
    """Sum of the line times line_profiler recorded, in seconds."""
    stats = prof.get_stats()
    return sum(t for timings in stats.timings.values()
               for _, _, t in timings) * stats.unit


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    plain, prof, reported = [], [], []
    compute(n)
    for _ in range(reps):
        t0 = time.perf_counter()
        compute(n)
        plain.append(time.perf_counter() - t0)
        lp = line_profiler.LineProfiler()
        wrapped = lp(compute)
        t0 = time.perf_counter()
        wrapped(n)
        prof.append(time.perf_counter() - t0)
        reported.append(reported_total(lp))
    best = prof.index(min(prof))
    print(json.dumps({
        "version": line_profiler.__version__,
        "python": sys.version.split()[0],
        "n": n,
        "plain_s": min(plain),
        "prof_s": prof[best],
        "reported_s": reported[best],
    }))


if __name__ == "__main__":
    main()
