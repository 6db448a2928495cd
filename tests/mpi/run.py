#!/usr/bin/env python3
"""run.py - the MPI merge tests: runs tests/mpi/imbalance.c (profiled, with
libscope_profiler_mpi) under mpirun on loopback and checks the per-rank data
files and rank 0's merged report.

    run.py CASE MPIRUN PROGRAM WORKDIR

Only counts are compared exactly (calls, hits); of times, only facts that
hold by arithmetic (max >= mean >= min, imbalance = max / mean - 1, the
rank named as slowest is the rank whose own file has the largest time),
never a ratio of timings.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import time

UNITS = 2000          # loop iterations per unit of work
NP = 4


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def launch(mpirun, prog, workdir, np, mode, extra_env=None):
    env = dict(os.environ)
    env["SCOPE_PROFILER_DIR"] = workdir
    env.pop("SCOPE_PROFILER_OUTPUT", None)
    env.pop("SCOPE_PROFILER_JSON", None)
    env.setdefault("SCOPE_PROFILER_MPI_TIMEOUT", "20")
    if extra_env:
        env.update(extra_env)
    cmd = [mpirun, "--oversubscribe", "--allow-run-as-root", "-np", str(np), prog, mode,
           str(UNITS)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def finish(p, limit=150):
    try:
        out, err = p.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        fail("mpirun did not finish within %d s: the merge hangs" % limit)
    return p.returncode, out, err


def load(path):
    with open(path) as f:
        return json.load(f)


def rank_files(workdir):
    """Per-rank data files: {rank: (path, data)}, checking each name."""
    files = {}
    for path in glob.glob(os.path.join(workdir, "*.r*.json")):
        d = load(path)
        name = os.path.basename(path)
        check("rank" in d and "size" in d, "%s has no rank/size fields" % name)
        want = "%s.%d.r%d.json" % (d["program"], d["pid"], d["rank"])
        check(name == want, "%s should be named %s" % (name, want))
        check(d["rank"] not in files, "two files for rank %d" % d["rank"])
        check(os.path.exists(path[:-5] + ".txt"), "%s has no .txt beside it" % name)
        files[d["rank"]] = (path, d)
    return files


def merged_files(workdir):
    return sorted(glob.glob(os.path.join(workdir, "*.mpi.json")))


def region(d, name):
    for i, r in enumerate(d["regions"]):
        if r["name"] == name:
            return i, r
    return None, None


def func(d, name):
    for i, f in enumerate(d["functions"]):
        if f["function"] == name:
            return i, f
    return None, None


def close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def check_merged(mpath, ranks, files, missing):
    """The merged report of `ranks` (their per-rank files in files)."""
    d = load(mpath)
    text = open(mpath[:-5] + ".txt").read()
    m = d["mpi"]
    size = len(ranks) + len(missing)
    check(m["size"] == size and m["merged"] == len(ranks),
          "merged %d of %d, want %d of %d" % (m["merged"], m["size"], len(ranks), size))
    check(m["missing"] == missing, "missing %s, want %s" % (m["missing"], missing))
    check(d["pid"] == files[0][1]["pid"], "the merged report is not rank 0's pid")
    if missing:
        want = "missing ranks: " + " ".join(str(r) for r in missing)
        check(want in text, "the text does not say '%s'" % want)
    else:
        check("MPI: merged %d of %d ranks" % (size, size) in text, "no merge line in the text")
    check(len(m["regions"]) == len(d["regions"]), "mpi.regions is not parallel to regions")
    check(len(m["functions"]) == len(d["functions"]), "mpi.functions is not parallel to functions")

    # unit(): rank r calls it r + 1 times.
    calls = [r + 1 for r in ranks]
    i, u = region(d, "unit")
    check(u is not None, "no region unit")
    check(u["calls"] == sum(calls), "unit calls %d, want %d" % (u["calls"], sum(calls)))
    mu = m["regions"][i]
    mean = sum(calls) / len(ranks)
    check(mu["calls_min"] == min(calls) and mu["calls_max"] == max(calls),
          "unit calls min/max %d/%d" % (mu["calls_min"], mu["calls_max"]))
    check(mu["calls_max_rank"] == ranks[calls.index(max(calls))],
          "the rank with the most units is %d, named %d" % (ranks[calls.index(max(calls))],
                                                           mu["calls_max_rank"]))
    check(close(mu["calls_mean"], mean), "calls mean %r, want %r" % (mu["calls_mean"], mean))
    check(close(mu["calls_imbalance"], max(calls) / mean - 1),
          "calls imbalance %r, want %r" % (mu["calls_imbalance"], max(calls) / mean - 1))
    # Times: only arithmetic facts.
    check(mu["time_min"] <= mu["time_mean"] <= mu["time_max"], "time min <= mean <= max broken")
    check(close(mu["time_mean"] * len(ranks), u["total"], 1e-9), "time mean * ranks != total")
    # max / mean - 1, and 0 when the mean is 0 (docs/json.md): sampled
    # region times of a run this short may all be 0.
    want_imb = mu["time_max"] / mu["time_mean"] - 1 if mu["time_mean"] else 0.0
    check(close(mu["imbalance"], want_imb, 1e-9), "imbalance is not max / mean - 1")
    # The slowest rank named is the one whose own file has the most time
    # (the file and the merge convert the same ticks at the same rate; the
    # lowest rank wins a tie), and the figures agree with the files.
    slow = mu["time_max_rank"]
    check(slow in ranks, "slowest rank %d is not a merged rank" % slow)
    own = {r: region(files[r][1], "unit")[1]["total"] for r in ranks}
    want = min(r for r in ranks if own[r] == max(own.values()))
    check(slow == want, "rank %d is named slowest, but the files say rank %d (%r)"
          % (slow, want, own))
    check(mu["time_max"] == own[slow], "time max %r, rank %d's own file %r"
          % (mu["time_max"], slow, own[slow]))
    check(mu["time_min"] == min(own.values()), "time min %r, the files' %r"
          % (mu["time_min"], min(own.values())))
    # The text table carries the same figures.
    row = [ln for ln in text.splitlines() if ln.startswith("unit ")]
    check(len(row) == 1, "no ranks table row for unit")
    cells = row[0].split()
    check(cells[1] == str(min(calls)) and cells[3] == str(max(calls)) and
          cells[4] == str(mu["calls_max_rank"]) and cells[9] == str(slow),
          "ranks table row for unit: %s" % row[0])
    check(cells[5] == "%.4f" % (max(calls) / mean - 1), "calls imbalance cell %s" % cells[5])

    # Per line: hits summed exactly; time summed, with the per-rank maximum.
    _, fu = func(d, "unit")
    fi = d["functions"].index(fu)
    mf = m["functions"][fi]
    own_f = {r: func(files[r][1], "unit")[1] for r in ranks}
    for k, line in enumerate(fu["lines"]):
        want = sum(own_f[r]["lines"][k]["hits"] for r in ranks)
        check(line["hits"] == want, "line %d hits %d, want %d" % (line["line"], line["hits"], want))
        want_ns = sum(own_f[r]["lines"][k]["time_ns"] for r in ranks)
        check(line["time_ns"] == want_ns, "line %d time %r, the files' sum %r"
              % (line["line"], line["time_ns"], want_ns))
        check(mf["time_max_ns"][k] == max(own_f[r]["lines"][k]["time_ns"] for r in ranks),
              "line %d: per-rank maximum" % line["line"])
        mx = mf["time_max_ns"][k]
        check(mx <= line["time_ns"] and mx * len(ranks) >= line["time_ns"],
              "line %d: max %r against sum %r" % (line["line"], mx, line["time_ns"]))
        check((mf["time_max_rank"][k] in ranks) == (mx > 0), "line %d: rank of max" % line["line"])
    loop = [l for l in fu["lines"] if "for (long i" in l["text"]][0]
    body = [l for l in fu["lines"] if "s += " in l["text"]][0]
    check(loop["hits"] == sum(calls) * (UNITS + 1), "loop hits %d" % loop["hits"])
    check(body["hits"] == sum(calls) * UNITS, "body hits %d" % body["hits"])
    check("%9d" % loop["hits"] in text or str(loop["hits"]) in text, "loop hits not in the text")

    # last_only(): entered on the last rank only, so rank 0 has the names
    # from that rank.
    last = size - 1
    _, lo = region(d, "last_only")
    if last in ranks:
        check(lo is not None and lo["calls"] == 1, "last_only region missing or wrong")
        _, lf = func(d, "last_only")
        check(lf is not None, "last_only function missing")
        check(sum(l["hits"] for l in lf["lines"]) == 1, "last_only hits")
        check("return rank * 2;" in text, "last_only's source text missing")
    return d


def report_ranks(workdir):
    """scope-report (SCOPE_REPORT) on the per-rank files: its stdout, and
    its ranks table as {region: cells} (cells as printed)."""
    rep = os.environ.get("SCOPE_REPORT")
    check(rep, "SCOPE_REPORT is not set")
    p = subprocess.run([rep, workdir], capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, "scope-report exit status %d: %s" % (p.returncode, p.stderr))
    lines = p.stdout.splitlines()
    heads = [i for i, ln in enumerate(lines) if ln.startswith("MPI job ")]
    check(len(heads) == 1, "scope-report: %d MPI job headings" % len(heads))
    rows = {}
    for ln in lines[heads[0] + 3:]:
        if ln.startswith("----"):
            break
        rows[ln.split()[0]] = ln.split()
    return p.stdout, lines[heads[0]], rows


def check_report(workdir, mpath, ranks, size):
    """scope-report's figures from the per-rank files equal those of the
    MPI library's merged report: counts exactly, times as sums."""
    d = load(mpath)
    text, head, rows = report_ranks(workdir)
    missing = sorted(set(range(size)) - set(ranks))
    want = "MPI job %s: merged %d of %d ranks" % (d["program"], len(ranks), size)
    if missing:
        want += "; missing ranks: " + " ".join(str(r) for r in missing)
    check(head == want, "scope-report says %r, want %r" % (head, want))
    files = rank_files(workdir)
    for i, r in enumerate(d["regions"]):
        m = d["mpi"]["regions"][i]
        c = rows.get(r["name"])
        check(c is not None, "scope-report has no ranks row for %s" % r["name"])
        check([int(c[1]), int(c[3]), int(c[4])] == [m["calls_min"], m["calls_max"],
                                                    m["calls_max_rank"]],
              "%s: calls min/max/rank %s, the MPI merge %s" % (r["name"], c[1:5], m))
        check(c[2] == "%.6g" % m["calls_mean"] and c[5] == "%.4f" % m["calls_imbalance"],
              "%s: calls mean/imbalance %s" % (r["name"], c[2:6]))
        check(int(c[9]) == m["time_max_rank"], "%s: slowest rank %s, the MPI merge %d"
              % (r["name"], c[9], m["time_max_rank"]))
        # Times as sums: the ranks' own files, in ns, against the merge's
        # total in seconds; the printed extremes are the merge's to 6 digits.
        ns = sum(region(files[k][1], r["name"])[1]["total_ns"] for k in ranks
                 if region(files[k][1], r["name"])[1])
        check(close(ns * 1e-9, r["total"], 1e-6), "%s: files' %d ns, merged total %r"
              % (r["name"], ns, r["total"]))
        check(close(float(c[7]) * len(ranks), r["total"], 1e-5) or r["total"] == 0,
              "%s: time mean %s * ranks is not the merged total %r" % (r["name"], c[7],
                                                                     r["total"]))
        for cell, key in ((6, "time_min"), (8, "time_max")):
            check(close(float(c[cell]), m[key], 1e-5) or m[key] == float(c[cell]),
                  "%s: %s %s, the MPI merge %r" % (r["name"], key, c[cell], m[key]))
    # Lines: the line tables' hits are the merge's sums, exactly; where a
    # line has time, the largest per rank is the merge's too.
    for f, mf in zip(d["functions"], d["mpi"]["functions"]):
        for k, ln in enumerate(f["lines"]):
            if not ln["hits"]:
                continue
            row = "%6d %9d " % (ln["line"], ln["hits"])
            check(row in text, "%s line %d: no row with %d hits" % (f["function"], ln["line"],
                                                                   ln["hits"]))
            if mf["time_max_ns"][k]:
                want = "%-32s %12d %16d %16d %5d" % (
                    "%s:%d" % (f["file"], ln["line"]), ln["hits"], ln["time_ns"],
                    mf["time_max_ns"][k], mf["time_max_rank"][k])
                check(want in text, "line row %r not in scope-report's" % want)
    return text


def run_case(case, mpirun, prog, workdir):
    if os.path.exists(workdir):
        shutil.rmtree(workdir)
    os.makedirs(workdir)
    if case == "imbalance":
        rc, out, err = finish(launch(mpirun, prog, workdir, NP, "normal"))
        check(rc == 0, "mpirun exit status %d: %s" % (rc, err))
        check("scope-profiler" not in err, "stderr: %s" % err)
        files = rank_files(workdir)
        check(sorted(files) == list(range(NP)), "per-rank files for ranks %s" % sorted(files))
        for r, (_, d) in files.items():
            check(d["size"] == NP and d["end"] == "finalize", "rank %d: size/end" % r)
        mf = merged_files(workdir)
        check(len(mf) == 1, "merged files: %s" % mf)
        check_merged(mf[0], list(range(NP)), files, [])
    elif case == "report":
        # Without the MPI library's merge: scope-report over the per-rank
        # files gives the merge's figures; 3 of 4 files name rank 2.
        rc, out, err = finish(launch(mpirun, prog, workdir, NP, "normal"))
        check(rc == 0, "mpirun exit status %d: %s" % (rc, err))
        mf = merged_files(workdir)
        check(len(mf) == 1, "merged files: %s" % mf)
        check_report(workdir, mf[0], list(range(NP)), NP)
        gone = workdir + "-gone"
        if os.path.exists(gone):
            shutil.rmtree(gone)
        os.makedirs(gone)
        for path in glob.glob(os.path.join(workdir, "*.r2.*")):
            shutil.move(path, gone)
        _, head, rows = report_ranks(workdir)
        check(head.endswith("merged 3 of 4 ranks; missing ranks: 2"), "without rank 2: " + head)
        check(rows["unit"][1] == "1" and rows["unit"][3] == "4" and rows["unit"][4] == "3" and
              rows["unit"][2] == "%.6g" % ((1 + 2 + 4) / 3),
              "unit calls over ranks 0, 1, 3: %s" % rows["unit"])
    elif case == "single":
        rc, out, err = finish(launch(mpirun, prog, workdir, 1, "normal"))
        check(rc == 0, "mpirun exit status %d: %s" % (rc, err))
        files = rank_files(workdir)
        check(sorted(files) == [0], "per-rank files %s" % sorted(files))
        mf = merged_files(workdir)
        check(len(mf) == 1, "merged files: %s" % mf)
        check_merged(mf[0], [0], files, [])
    elif case == "two":
        a = launch(mpirun, prog, workdir, NP, "normal")
        b = launch(mpirun, prog, workdir, NP, "normal")
        for p in (a, b):
            rc, out, err = finish(p)
            check(rc == 0, "mpirun exit status %d: %s" % (rc, err))
        mf = merged_files(workdir)
        check(len(mf) == 2, "two jobs left merged files %s" % mf)
        per = glob.glob(os.path.join(workdir, "*.r*.json"))
        check(len(per) == 2 * NP, "two jobs left %d per-rank files" % len(per))
        by_rank = {}
        for q in per:
            e = load(q)
            by_rank.setdefault(e["rank"], []).append(e["pid"])
        check(sorted(by_rank) == list(range(NP)) and
              all(len(set(v)) == 2 for v in by_rank.values()),
              "ranks overwrote each other: %s" % by_rank)
        pids = sorted(load(path)["pid"] for path in mf)
        check(pids == sorted(by_rank[0]), "merged reports %s are not the two rank 0s %s"
              % (pids, sorted(by_rank[0])))
        for path in mf:
            d = load(path)
            # Each job's figures are its own: exact counts over its 4 ranks.
            check(d["mpi"]["merged"] == NP and region(d, "unit")[1]["calls"] == 10,
                  "%s: not one job's figures" % os.path.basename(path))
        check(not glob.glob(os.path.join(workdir, "*.tmp.*")), "temporary files left")
    elif case == "hang":
        rc, out, err = finish(launch(mpirun, prog, workdir, NP, "hang",
                                     {"SCOPE_PROFILER_MPI_TIMEOUT": "3"}))
        files = rank_files(workdir)
        check(sorted(files) == [0, 1, 3], "per-rank files for ranks %s" % sorted(files))
        mf = merged_files(workdir)
        check(len(mf) == 1, "no merged report without the hanging rank (%s)" % err)
        check_merged(mf[0], [0, 1, 3], files, [2])
    elif case == "abort":
        start = time.time()
        rc, out, err = finish(launch(mpirun, prog, workdir, NP, "abort",
                                     {"SCOPE_PROFILER_MPI_TIMEOUT": "5"}))
        check(rc != 0, "mpirun succeeded although rank 2 aborted")
        files = rank_files(workdir)
        # mpirun ends the job when a rank aborts: the others' files come
        # from MPI_Finalize or from their SIGTERM report.
        for r in (0, 1, 3):
            check(r in files, "rank %d left no data file (%s)" % (r, sorted(files)))
            check(files[r][1]["end"] in ("finalize", "SIGTERM"), "rank %d ended by %s"
                  % (r, files[r][1]["end"]))
        # The missing rank is named: by the merged report when rank 0
        # finished the merge before the job was ended, else by the per-rank
        # files (the one that did not reach MPI_Finalize through abort()).
        mf = merged_files(workdir)
        if mf:
            check(load(mf[0])["mpi"]["missing"] == [2], "merged report names the wrong rank")
        # Without a merged report, the files name it: the job's size is in
        # each, and a rank that did not reach MPI_Finalize left no file
        # (Open MPI's own SIGABRT handler comes first) or a SIGABRT one.
        size = files[0][1]["size"]
        absent = sorted(set(range(size)) - set(files) |
                        {r for r, (_, d) in files.items() if d["end"] == "SIGABRT"})
        check(absent == [2], "the per-rank files name %s as missing, want [2]" % absent)
        if os.environ.get("SCOPE_REPORT") and 2 not in files:
            _, head, _ = report_ranks(workdir)
            check(head.endswith("merged 3 of 4 ranks; missing ranks: 2"),
                  "scope-report on the files: " + head)
        print("abort: %.1f s, merged report %s" % (time.time() - start,
                                                   "written" if mf else "not written"))
    elif case == "scope_cc":
        # prog is scope-cc: `scope-cc mpicc` links the MPI library by the
        # wrapper's name; SCOPE_CC_MPI=0 leaves it out (no merged report).
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imbalance.c")
        for switch, want in (("", 1), ("0", 0)):
            env = dict(os.environ)
            env.pop("SCOPE_CC_MPI", None)
            if switch:
                env["SCOPE_CC_MPI"] = switch
            exe = os.path.join(workdir, "prog%s" % switch)
            c = subprocess.run([prog, "mpicc", "-std=c99", "-O1", src, "-o", exe], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            check(c.returncode == 0, "scope-cc mpicc failed: %s" % c.stderr)
            data = os.path.join(workdir, "data%s" % switch)
            rc, out, err = finish(launch(mpirun, exe, data, 2, "normal"))
            check(rc == 0, "mpirun exit status %d: %s" % (rc, err))
            files = rank_files(data)
            check(sorted(files) == [0, 1], "per-rank files %s" % sorted(files))
            mf = merged_files(data)
            check(len(mf) == want, "SCOPE_CC_MPI=%r: %d merged reports" % (switch, len(mf)))
            if want:
                check_merged(mf[0], [0, 1], files, [])
    elif case == "rank_env":
        # prog is runtime_features (no MPI): the rank from each launcher's
        # variables, the first found winning; none, or a bad value: no rank.
        cases = [
            ({"SLURM_PROCID": "5", "SLURM_NTASKS": "8"}, 5, 8),
            ({"PMI_RANK": "3"}, 3, None),
            ({"PMIX_RANK": "2", "OMPI_COMM_WORLD_SIZE": "4"}, 2, 4),
            ({"OMPI_COMM_WORLD_RANK": "1", "OMPI_COMM_WORLD_SIZE": "2",
              "SLURM_PROCID": "7", "SLURM_NTASKS": "9"}, 1, 2),
            ({"SLURM_PROCID": "3", "SLURM_NTASKS": "2"}, 3, None),
            ({"SLURM_PROCID": "x1"}, None, None),
            ({}, None, None),
        ]
        for n, (vars_, rank, size) in enumerate(cases):
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("SCOPE_PROFILER", "OMPI_", "PMI", "SLURM_"))}
            data = os.path.join(workdir, "c%d" % n)
            env.update(vars_)
            env["SCOPE_PROFILER_DIR"] = data
            p = subprocess.run([prog, "early"], env=env, capture_output=True, text=True,
                               timeout=120)
            check(p.returncode == 0, "%s: exit status %d" % (vars_, p.returncode))
            got = glob.glob(os.path.join(data, "*.json"))
            check(len(got) == 1, "%s: files %s" % (vars_, got))
            d = load(got[0])
            base = "%s.%d" % (d["program"], d["pid"])
            if rank is None:
                check(os.path.basename(got[0]) == base + ".json" and "rank" not in d,
                      "%s: %s, rank %r" % (vars_, got[0], d.get("rank")))
            else:
                check(os.path.basename(got[0]) == base + ".r%d.json" % rank,
                      "%s: named %s" % (vars_, got[0]))
                check(d["rank"] == rank and d["size"] == size,
                      "%s: rank %r size %r" % (vars_, d["rank"], d["size"]))
                check(os.path.exists(os.path.join(data, base + ".r%d.txt" % rank)),
                      "%s: no .txt with the rank" % vars_)
    elif case == "installed":
        # prog is an installed prefix: a CMake project with
        # find_package(ScopeProfiler COMPONENTS mpi), and a build by hand
        # with scope-rewrite and pkg-config scope-profiler-mpi.
        here = os.path.dirname(os.path.abspath(__file__))
        src = os.path.join(here, "imbalance.c")
        build = os.path.join(workdir, "build")
        def sh(cmd, env=None):
            c = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env, timeout=300)
            check(c.returncode == 0, "%s failed:\n%s" % (" ".join(cmd), c.stdout))
            return c.stdout
        sh(["cmake", "-S", os.path.join(here, "cmake_project"), "-B", build,
            "-DCMAKE_PREFIX_PATH=" + prog, "-DIMBALANCE_SOURCE=" + src])
        sh(["cmake", "--build", build])
        exes = [os.path.join(build, "imbalance")]
        env = dict(os.environ)
        env["PKG_CONFIG_PATH"] = ":".join(glob.glob(os.path.join(prog, "lib*", "pkgconfig")))
        inst = os.path.join(workdir, "inst")
        shown = sh(["mpicc", "--showme:compile"]).split()
        sh([os.path.join(prog, "bin", "scope-rewrite"), "--root", here, src, "-o", inst, "--",
            "-std=c99"] + shown)
        archive = sh(["pkg-config", "--variable=archive", "scope-profiler-mpi"], env).strip()
        cflags = sh(["pkg-config", "--cflags", "scope-profiler-mpi"], env).split()
        libs = sh(["pkg-config", "--static", "--libs", "scope-profiler-mpi"], env).split()
        libdir = sh(["pkg-config", "--variable=libdir", "scope-profiler-mpi"], env).strip()
        exe = os.path.join(workdir, "by_hand")
        # The static MPI library whole, then the rest as pkg-config says (the
        # shared runtime, found through the rpath).
        sh(["mpicc", "-std=c99"] + cflags + [os.path.join(inst, "imbalance.c"), "-o", exe,
            "-Wl,--whole-archive", archive, "-Wl,--no-whole-archive",
            "-Wl,-rpath," + libdir] + libs, env)
        exes.append(exe)
        for n, exe in enumerate(exes):
            data = os.path.join(workdir, "data%d" % n)
            rc, out, err = finish(launch(mpirun, exe, data, 2, "normal"))
            check(rc == 0, "%s: mpirun exit status %d: %s" % (exe, rc, err))
            files = rank_files(data)
            mf = merged_files(data)
            check(sorted(files) == [0, 1] and len(mf) == 1, "%s: files %s, merged %s"
                  % (exe, sorted(files), mf))
            check_merged(mf[0], [0, 1], files, [])
    else:
        fail("unknown case " + case)
    print("PASS: mpi.%s" % case)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print("usage: run.py CASE MPIRUN PROGRAM WORKDIR", file=sys.stderr)
        sys.exit(2)
    run_case(*sys.argv[1:])
