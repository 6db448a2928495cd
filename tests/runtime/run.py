#!/usr/bin/env python3
"""run.py - run one scenario of a hand-instrumented test program and check
its report (JSON through SCOPE_PROFILER_JSON; the text, where checked, on
stderr through SCOPE_PROFILER_OUTPUT).

Only semantics and exact arithmetic are checked (hits, calls, flags, keys,
nothing negative, bounds that hold by construction): never a measured time
against another, which a loaded machine can upset.

usage: run.py SCENARIO BINDIR WORKDIR
"""
import glob
import json
import os
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def run(prog, args, env_extra, work, expect_rc=0):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("SCOPE_PROFILER"):
            del env[k]
    env.update(env_extra)
    p = subprocess.run([prog] + args, env=env, cwd=work, capture_output=True, text=True,
                       timeout=120)
    if p.returncode != expect_rc:
        fail("%s %s exited %d\nstdout:\n%s\nstderr:\n%s" % (prog, args, p.returncode, p.stdout, p.stderr))
    return p


def load(path):
    with open(path) as f:
        return json.load(f)


def region(rep, name):
    for r in rep["regions"]:
        if r["name"] == name:
            return r
    fail("no region %r in %s" % (name, [r["name"] for r in rep["regions"]]))


def func(rep, name):
    for f in rep["functions"]:
        if f["function"] == name:
            return f
    fail("no function %r" % name)


def hits(f, text_part):
    """Hits of the one line whose text contains text_part."""
    rows = [l for l in f["lines"] if text_part in l["text"]]
    check(len(rows) == 1, "%d lines contain %r" % (len(rows), text_part))
    return rows[0]["hits"]


def line_sum_ns(f):
    return sum(l["time_ns"] for l in f["lines"])


def features(bindir, scenario, work, env=None, expect_rc=0, args=()):
    path = os.path.join(work, scenario + ".json")
    if os.path.exists(path):
        os.remove(path)
    e = {"SCOPE_PROFILER_JSON": path}
    e.update(env or {})
    p = run(os.path.join(bindir, "runtime_features"), [scenario] + list(args), e, work, expect_rc)
    check(os.path.exists(path), "no JSON written")
    return load(path), p


def seed(bindir, work):
    path = os.path.join(work, "seed.json")
    # The tables go to the report files by default; here they are asked for
    # on stderr.
    p = run(os.path.join(bindir, "runtime_seed"), [],
            {"SCOPE_PROFILER_JSON": path, "SCOPE_PROFILER_OUTPUT": "stderr"}, work)
    rep = load(path)
    check(rep["version"] == 2 and rep["timer_unit"] == 1e-09, "header fields")
    check(rep["pid"] > 0 and rep["clock"] in ("tsc", "cntvct", "monotonic"), "pid/clock")
    check([r["name"] for r in rep["regions"]] == ["compute", "allocate"], "region order")
    c = func(rep, "compute")
    check(c["region"] == "compute", "function region")
    check(hits(c, "for (long i = 0; L(COMPUTE)") == 50001, "compute loop header hits")
    check(hits(c, "next_random()") == 50000, "compute body hits")
    check(hits(c, "s += sin(x)") == 50000, "compute body hits")
    check(hits(c, "double s = 0.0") == 1 and hits(c, "return s") == 1, "compute once lines")
    check(c["lines"][0]["text"] == '/* @profile("compute") */', "annotation line first")
    check(c["last_line"] - c["first_line"] + 1 == len(c["lines"]), "every row present")
    check(c["lines"][0]["hits"] == 0 and c["lines"][0]["time_ns"] == 0.0, "never-run row")
    a = func(rep, "allocate")
    check(hits(a, "for (long i = 0; L(ALLOCATE)") == 100001, "allocate loop header")
    check(hits(a, "b[len++]") == 100000, "allocate body")
    for r in rep["regions"]:
        check(r["calls"] == 1 and r["total"] >= 0 and r["std"] == 0.0, "one call each")
        check(r["min"] == r["max"] == r["total"] == r["mean"], "one call: min=max=mean=total")
    # The text report on stderr: region blocks, then the tables.
    t = p.stderr
    check(t.startswith("Region: compute\n  Total Calls : 1\n  Total Time  : "), "text starts with region")
    check("----------------------------------------\nRegion: allocate\n" in t, "second region")
    check("\nTimer unit: 1e-09 s\n\nTotal time: " in t, "timer unit")
    check("Line #      Hits         Time  Per Hit   % Time  Line Contents\n" in t, "header")
    check(t.index("Function: compute") < t.index("Function: allocate"), "file order by line")
    # Two calls: exact doubling.
    p = run(os.path.join(bindir, "runtime_seed"), ["2"], {"SCOPE_PROFILER_JSON": path}, work)
    rep = load(path)
    check(region(rep, "compute")["calls"] == 2, "two calls")
    check(hits(func(rep, "compute"), "s += sin(x)") == 100000, "hits over two calls")


def recursion(bindir, work):
    for comp in ("0", "1"):
        rep, _ = features(bindir, "recursion", work, {"SCOPE_PROFILER_COMPENSATE": comp})
        r = region(rep, "rec")
        f = func(rep, "rec")
        check(r["calls"] == 31, "31 entries")
        check(hits(f, "spin(20000)") == 31 and hits(f, "rec(depth - 1)") == 30, "recursion hits")
        check(rep["compensated"] == (comp == "1"), "compensated flag")
        check(rep["probe_cost_ns"] >= 0, "probe cost not negative")
        check(all(l["time_ns"] >= 0 for l in f["lines"]) and r["total"] >= 0, "nothing negative")
        # The call edge: 30 calls of rec from its recursing line, no other.
        line = next(l["line"] for l in f["lines"] if "rec(depth - 1)" in l["text"])
        calls = f.get("calls", [])
        check([(c["line"], c["function"], c["first_line"], c["count"]) for c in calls] ==
              [(line, "rec", f["first_line"], 30)], "call edges %r" % calls)
        check(all(c["time_ns"] >= 0 for c in calls), "call time not negative")
        if comp == "0" and f.get("mode") != "sampled":
            # (Sampled line times are samples, not the region's clock
            # reads: no bound ties them to the total.)
            # Uncompensated, every tick of an entry goes to one of its rows
            # or to the time before its first line probe, which no row
            # shows: the rows can never add up to more than the region,
            # each row rounding to the nearest ns (the agreement itself is
            # exact arithmetic, checked in check_cost).
            total_ns = r["total"] * 1e9
            lines = line_sum_ns(f)
            check(lines <= total_ns + len(f["lines"]),
                  "line times %.0f exceed the region total %.0f" % (lines, total_ns))


def early(bindir, work):
    rep, _ = features(bindir, "early", work)
    f = func(rep, "early")
    check(region(rep, "early")["calls"] == 30, "every early return closes its frame")
    check(hits(f, "x % 3 == 0") == 30 and hits(f, "x % 3 == 1") == 20 and hits(f, "return 2") == 10,
          "early-return hits")
    check(rep["abandoned_frames"] == 0, "nothing abandoned")


def exit_inside(bindir, work):
    rep, _ = features(bindir, "exit", work)
    check(region(rep, "outer")["calls"] == 1, "outer closed at exit")
    check(region(rep, "inner")["calls"] == 10, "inner closed at exit")
    # Uncompensated, outer's one entry holds inner's ten by construction.
    rep, _ = features(bindir, "exit", work, {"SCOPE_PROFILER_COMPENSATE": "0"})
    check(region(rep, "outer")["total"] >= region(rep, "inner")["total"], "outer includes inner")
    o = func(rep, "outer")
    check(hits(o, "i < 100") == 10 and hits(o, "inner(i)") == 10, "outer hits up to exit")
    check(rep["abandoned_frames"] == 0, "exit frames are closed, not abandoned")


def threads(bindir, work):
    rep, _ = features(bindir, "threads", work)
    check(region(rep, "work")["calls"] == 4 * 250, "work calls exact")
    check(region(rep, "work.step")["calls"] == 4 * 250 * 40, "block region calls exact")
    f = func(rep, "work")
    check(hits(f, "i < n") == 4 * 250 * 41, "loop header hits exact")
    check(hits(f, "s += (unsigned long)i") == 4 * 250 * 40, "body hits exact")


def longjmp_(bindir, work):
    rep, p = features(bindir, "longjmp", work, {"SCOPE_PROFILER_OUTPUT": "stderr"})
    check(rep["abandoned_frames"] == 3000, "abandoned %d" % rep["abandoned_frames"])
    check(region(rep, "top")["calls"] == 1000 and region(rep, "jd")["calls"] == 1000, "survivors recorded")
    names = [r["name"] for r in rep["regions"]]
    check("ja" not in names and "jc" not in names, "abandoned entries are not counted")
    check(hits(func(rep, "jc"), "longjmp") == 1000, "lines before the jump are kept")
    check("3000 frames abandoned" in p.stderr, "text says how many were abandoned")


def fork_(bindir, work):
    for f in glob.glob(os.path.join(work, "fork-*.json")):
        os.remove(f)
    p = run(os.path.join(bindir, "runtime_features"), ["fork"],
            {"SCOPE_PROFILER_JSON": os.path.join(work, "fork-%p.json"),
             "SCOPE_PROFILER_OUTPUT": "stderr"}, work)
    files = glob.glob(os.path.join(work, "fork-*.json"))
    check(len(files) == 2, "one JSON per process: %s" % files)
    reps = {load(f)["pid"]: load(f) for f in files}
    calls = sorted(region(r, "early")["calls"] for r in reps.values())
    check(calls == [2, 2], "each process reports its own figures: %s" % calls)
    check(p.stderr.count("Process: ") == 2, "both reports name their process")
    for pid in reps:
        check(p.stderr.count("Process: %d\n" % pid) == 1, "each process reports once")


def deep(bindir, work):
    # ThreadSanitizer cannot follow stacks deeper than 65 536 calls: its
    # build runs this test shallower (RUNTIME_DEEP).
    depth = int(os.environ.get("RUNTIME_DEEP", "100000"))
    rep, _ = features(bindir, "deep", work, args=[str(depth)])
    check(region(rep, "deep")["calls"] == depth + 1, "%d entries" % (depth + 1))
    check(hits(func(rep, "deep"), "n == 0") == depth + 1, "deep hits")


def big(bindir, work):
    rep, p = features(bindir, "big", work)
    f = func(rep, "big")
    check(len(f["lines"]) == 10000, "10 000 rows")
    check(all(l["hits"] == 2 for l in f["lines"]), "every row hit twice")
    check(len(rep["regions"]) == 1 + 10000, "10 000 regions")
    check(all(r["calls"] == 2 for r in rep["regions"][1:]), "each region twice")
    check([r["name"] for r in rep["regions"][1:4]] == ["r0", "r1", "r2"], "first-entry order")


COST_KEYS = ("line", "line_isolated", "call_enter", "call_leave", "region_enter", "region_leave",
             "inside", "call_inside", "first", "tail", "call_outside")


def compensate(bindir, work):
    """Overhead compensation, seen from the reports: the switch works, the
    measured costs are in the JSON, nothing is negative, the entries and
    hits are exact. Only semantics: the arithmetic is checked exactly in
    check_cost, and how much compensation takes away is a measured time,
    so it belongs to the benchmarks (bench-accuracy). A cost may measure 0
    on a loaded machine."""
    prefix = os.path.join(work, "compensate")
    for f in glob.glob(prefix + "-*.json"):
        os.remove(f)
    run(os.path.join(bindir, "runtime_features"), ["compensate", prefix], {}, work)
    reps = [load("%s-%d.json" % (prefix, k)) for k in range(10)]
    for k, rep in enumerate(reps):
        on = k % 2 == 0
        check(rep["compensated"] is on, "report %d: compensated flag" % k)
        costs = rep.get("costs_ns")
        check(isinstance(costs, dict) and all(isinstance(costs.get(c), (int, float)) for c in COST_KEYS),
              "report %d: costs_ns with %s: %r" % (k, ", ".join(COST_KEYS), costs))
        check(all(costs[c] >= 0 for c in COST_KEYS), "costs are not negative: %r" % costs)
        # Clamped so at start-up: a probe adds no more than it costs alone.
        check(costs["line"] <= costs["line_isolated"], "line cost <= isolated: %r" % costs)
        check(rep["probe_cost_ns"] == costs["line"], "probe_cost_ns is the line cost")
        for r in rep["regions"]:
            check(r["total"] >= 0 and 0 <= r["min"] <= r["max"], "region %s not negative" % r["name"])
        for f in rep["functions"]:
            check(all(l["time_ns"] >= 0 for l in f["lines"]), "%s: line times not negative" % f["function"])
        check(region(rep, "caller")["calls"] == 1 and region(rep, "tiny")["calls"] == 5000
              and region(rep, "caller.block")["calls"] == 5000, "report %d: entries" % k)
        c = func(rep, "caller")
        check(hits(c, "s = tiny(s)") == 5000 and hits(func(rep, "tiny"), "x += 1") == 5000, "hits")
        check(hits(c, "i < n") == 5001 and hits(c, "s += (unsigned long)i") == 5000, "caller hits")


def det(bindir, work):
    """The clock-per-line mode: only what holds whatever the machine's speed
    (the arithmetic itself is checked exactly in check_cost)."""
    path = os.path.join(work, "det.json")
    for comp in ("1", "0"):
        if os.path.exists(path):
            os.remove(path)
        p = run(os.path.join(bindir, "runtime_det"), [],
                {"SCOPE_PROFILER_JSON": path, "SCOPE_PROFILER_OUTPUT": "stderr",
                 "SCOPE_PROFILER_COMPENSATE": comp}, work)
        rep = load(path)
        c, t = func(rep, "caller"), func(rep, "tiny")
        check(c["mode"] == "deterministic" and t["mode"] == "deterministic", "clock-per-line tables")
        check(hits(c, "s = tiny(s)") == 20000 and hits(t, "x += 1") == 20000, "hits")
        check(hits(c, "empty()") == 20000 and region(rep, "empty")["calls"] == 20000,
              "entries of a function that runs no line probe")
        check(region(rep, "tiny")["calls"] == 20000 and region(rep, "caller")["calls"] == 1, "calls")
        # tiny is entered from one line only: that line holds every entry.
        calling = [l for l in c["lines"] if "s = tiny(s)" in l["text"]][0]
        check(calling["time_ns"] >= region(rep, "tiny")["total_ns"],
              "the calling line reads %.0f ns, less than its callee's %d" %
              (calling["time_ns"], region(rep, "tiny")["total_ns"]))
        # The marks follow the rule, on the report's own figures.
        iso = rep["costs_ns"]["line_isolated"]
        flagged = 0
        for f in rep["functions"]:
            for l in f["lines"]:
                bound = 10 * iso * l["hits"]
                if l["hits"] and abs(l["time_ns"] - bound) > 1e-6 * bound:
                    check(l.get("short", False) == (l["time_ns"] < bound),
                          "%s line %d: short mark %r for %.1f ns in %d hits" %
                          (f["function"], l["line"], l.get("short"), l["time_ns"], l["hits"]))
                if not l["hits"]:
                    check("short" not in l, "a line that never ran is not marked")
                flagged += bool(l.get("short")) and l["hits"] > 0
        note = "less than 10 probe costs per hit"
        check((note in p.stderr) == (flagged > 0), "the note is there exactly when a line is short")
        if flagged:
            check(("scope-profiler: %d line" % flagged) in p.stderr, "the note counts the lines")
            check(p.stderr.index(note) < p.stderr.index("Timer unit:"), "the note heads the tables")
    # Line tables off: the frames have no table, the probes skip them (no
    # clock read), and the regions' calls are still exact.
    if os.path.exists(path):
        os.remove(path)
    run(os.path.join(bindir, "runtime_det"), [],
        {"SCOPE_PROFILER_JSON": path, "SCOPE_PROFILER_OUTPUT": "/dev/null",
         "SCOPE_PROFILER_LINES": "0"}, work)
    rep = load(path)
    check(rep["functions"] == [], "no line tables with SCOPE_PROFILER_LINES=0")
    check(region(rep, "tiny")["calls"] == 20000 and region(rep, "caller")["calls"] == 1 and
          region(rep, "empty")["calls"] == 20000, "calls with line tables off")
    check(all(r["total"] >= 0 for r in rep["regions"]), "region times not negative")


SCENARIOS = {
    "seed": seed, "recursion": recursion, "early": early, "exit": exit_inside,
    "threads": threads, "longjmp": longjmp_, "fork": fork_, "deep": deep, "big": big,
    "compensate": compensate, "det": det,
}

if __name__ == "__main__":
    name, bindir, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    SCENARIOS[name](bindir, work)
    print("ok " + name)
