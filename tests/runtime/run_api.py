#!/usr/bin/env python3
"""run_api.py - each setting (environment variable and scope_setup field)
changes what it should; the C API functions behave as documented.

usage: run_api.py BINDIR WORKDIR
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import check, run, load  # noqa: E402


def main(bindir, work):
    os.makedirs(work, exist_ok=True)
    prog = os.path.join(bindir, "runtime_api")
    js = os.path.join(work, "api.json")

    def fresh():
        for p in glob.glob(os.path.join(work, "*")):
            os.remove(p)

    # Defaults: report on stderr, lines on, compensation on.
    fresh()
    p = run(prog, ["env"], {"SCOPE_PROFILER_JSON": js}, work)
    check(p.stdout == "" and p.stderr.startswith("Region: f\n  Total Calls : 3\n"), "default report")
    check("Timer unit: 1e-09 s" in p.stderr, "lines on by default")
    rep = load(js)
    check(rep["compensated"] is True and len(rep["functions"]) == 1, "defaults in JSON")

    for mode in ("env", "setup"):
        def go(env, args):
            fresh()
            if mode == "env":
                return run(prog, ["env"], env, work)
            return run(prog, ["setup"] + args, {}, work)

        p = go({"SCOPE_PROFILER": "0", "SCOPE_PROFILER_JSON": js}, ["off", "json=" + js])
        check(p.stdout == "" and p.stderr == "", "%s: off prints nothing" % mode)
        check(not os.path.exists(js), "%s: off writes no JSON" % mode)

        p = go({"SCOPE_PROFILER_LINES": "0", "SCOPE_PROFILER_JSON": js}, ["nolines", "json=" + js])
        check("Region: f" in p.stderr and "Timer unit" not in p.stderr, "%s: lines off" % mode)
        rep = load(js)
        check(rep["functions"] == [] and rep["regions"][0]["calls"] == 3, "%s: lines off JSON" % mode)

        p = go({"SCOPE_PROFILER_OUTPUT": "stdout"}, ["stdout"])
        check(p.stderr == "" and p.stdout.startswith("Region: f\n"), "%s: stdout" % mode)

        out = os.path.join(work, "report-%p.txt")
        p = go({"SCOPE_PROFILER_OUTPUT": out}, ["output=" + out])
        files = glob.glob(os.path.join(work, "report-*.txt"))
        check(p.stderr == "" and len(files) == 1, "%s: report file" % mode)
        check(open(files[0]).read().startswith("Region: f\n"), "%s: report file content" % mode)
        check(files[0].endswith("-%s.txt" % load_pid_from(files[0])), "%%p is a pid")

        p = go({"SCOPE_PROFILER_COMPENSATE": "0", "SCOPE_PROFILER_JSON": js}, ["nocomp", "json=" + js])
        check(load(js)["compensated"] is False, "%s: compensation off" % mode)

    # Unwritable output: scope_setup fails, the program keeps its defaults.
    fresh()
    p = run(prog, ["setup", "output=/nonexistent-dir/x.txt"], {}, work, expect_rc=4)
    check("cannot open /nonexistent-dir/x.txt" in p.stderr, "setup says why")

    # A bad environment value becomes a note; the default stays.
    p = run(prog, ["env"], {"SCOPE_PROFILER_LINES": "maybe"}, work)
    check("scope-profiler: SCOPE_PROFILER_LINES=maybe is not 0 or 1; using 1" in p.stderr, "note")
    check("Timer unit" in p.stderr, "default kept")

    # An unwritable report path at exit: the report falls back to stderr.
    p = run(prog, ["env"], {"SCOPE_PROFILER_OUTPUT": "/nonexistent-dir/y.txt"}, work)
    check("the report follows on stderr" in p.stderr and "Region: f" in p.stderr, "fallback")

    # scope_finalize: one report, the second call prints nothing, no exit report.
    p = run(prog, ["setup", "finalize"], {}, work)
    check(p.stderr.count("Region: f") == 1 and "Total Calls : 3\n" in p.stderr, "finalize once")

    # scope_get_region / scope_print_region.
    p = run(prog, ["setup", "getregion"], {}, work)
    check("calls=3 name=f ok=1\n" in p.stdout, "get_region: %r" % p.stdout)
    check("unknown=-1 calls=0\n" in p.stdout and "print=-1\n" in p.stdout, "unknown region")
    check(p.stderr.count("Region: f") == 2, "print_region, then the exit report")
    print("ok api")


def load_pid_from(path):
    return path.rsplit("-", 1)[1].split(".")[0]


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
