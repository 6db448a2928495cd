#!/usr/bin/env python3
"""run.py - the rewriter profiles itself.

  run.py --profiled EXE --plain EXE --sources FILE... -p BUILD_DIR
         --include DIR --work DIR [--runtime LIB] [--cflags FLAGS]

EXE given as --profiled is scope-rewrite built from copies of its own
sources instrumented with --all. It must behave exactly like the plain
scope-rewrite: every golden case (golden.py) and every error case (cli.py)
passes with it, and rewriting the rewriter's own sources with --all gives
the same bytes with either binary. Every run of the profiled rewriter
leaves its report where the runtime puts it by default (here the directory
SCOPE_PROFILER_DIR names, one <program>.<pid>.txt and .json per process),
and each report must be complete: main entered once, and a line table for
the functions that ran.
"""
import argparse
import filecmp
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiled", required=True)
    ap.add_argument("--plain", required=True)
    ap.add_argument("--sources", nargs="+", required=True)
    ap.add_argument("-p", dest="build", required=True,
                    help="build directory whose compile_commands.json has the rewriter's flags")
    ap.add_argument("--include", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runtime")
    ap.add_argument("--cflags", default="")
    a = ap.parse_args()

    shutil.rmtree(a.work, ignore_errors=True)
    reports = os.path.join(a.work, "reports")
    os.makedirs(reports)
    env = dict(os.environ, SCOPE_PROFILER_DIR=reports)
    for k in ("SCOPE_PROFILER", "SCOPE_PROFILER_LINES", "SCOPE_PROFILER_JSON",
              "SCOPE_PROFILER_OUTPUT"):
        env.pop(k, None)

    def run(cmd):
        return subprocess.run(cmd, capture_output=True, text=True, env=env)

    # 1. The golden cases, then the error cases, with the profiled rewriter.
    runtime = []
    if a.runtime:
        runtime = ["--runtime", a.runtime, "--cflags=" + a.cflags]
    cases = sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(TESTS, "golden", "*.c"))
                   if not p.endswith(".expected.c"))
    for case in cases:
        r = run([sys.executable, os.path.join(TESTS, "rewriter", "golden.py"),
                 "--rewriter", a.profiled, "--include", a.include,
                 "--cases", os.path.join(TESTS, "golden"),
                 "--work", os.path.join(a.work, "golden"), "--case", case] + runtime)
        if r.returncode != 0:
            fail("golden case %s with the profiled rewriter:\n%s%s" % (case, r.stdout, r.stderr))
    errors = sorted(os.path.basename(p)[:-2]
                    for p in glob.glob(os.path.join(TESTS, "rewriter", "errors", "*.c")))
    for case in errors:
        r = run([sys.executable, os.path.join(TESTS, "rewriter", "cli.py"),
                 "--rewriter", a.profiled, "--work", os.path.join(a.work, "cli"), "error", case])
        if r.returncode != 0:
            fail("error case %s with the profiled rewriter:\n%s%s" % (case, r.stdout, r.stderr))

    # 2. Both binaries rewrite the rewriter's own sources to the same bytes,
    #    with the flags of the build (compile_commands.json).
    root = os.path.commonpath([os.path.dirname(s) for s in a.sources])
    outs = {}
    for name, exe in (("plain", a.plain), ("profiled", a.profiled)):
        out = os.path.join(a.work, "self-" + name)
        r = run([exe, "--all", "-p", a.build, "--root", root, "-o", out] + a.sources)
        if r.returncode != 0:
            fail("%s scope-rewrite --all on its own sources exited %d:\n%s"
                 % (name, r.returncode, r.stderr))
        outs[name] = out
    for src in a.sources:
        rel = os.path.relpath(src, root)
        p, q = os.path.join(outs["plain"], rel), os.path.join(outs["profiled"], rel)
        if not filecmp.cmp(p, q, shallow=False):
            fail("the profiled rewriter wrote a different %s" % rel)

    # 3. One complete report per run of the profiled rewriter.
    runs = len(cases) * 2 + len(errors) + 1  # golden.py runs the rewriter twice
    files = sorted(glob.glob(os.path.join(reports, "scope-rewrite-profiled.*.txt")))
    if len(files) < runs:
        fail("%d reports for at least %d runs of the profiled rewriter" % (len(files), runs))
    seen = set()
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = re.search(r"^Region: main\n  Total Calls : (\d+)\n", text, re.M)
        if not m or m.group(1) != "1":
            fail("%s: no region main with one call:\n%s" % (path, text[:2000]))
        if "Timer unit: 1e-09 s" not in text:
            fail("%s: no line tables" % path)
        seen.update(re.findall(r"^Function: (\w+) at line \d+$", text, re.M))
    for fn in ("main", "rewrite_file", "walk_unit", "annot_scan", "edit_insert"):
        if fn not in seen:
            fail("no report has a line table for %s (functions seen: %s)"
                 % (fn, ", ".join(sorted(seen))))
    print("dogfood: %d golden and %d error cases passed with the profiled rewriter; its own "
          "sources rewrite to the same bytes; %d reports, %d functions with line tables"
          % (len(cases), len(errors), len(files), len(seen)))


if __name__ == "__main__":
    main()
