#!/usr/bin/env python3
"""run_api.py - each setting (environment variable and scope_setup field)
changes what it should; the C API functions behave as documented.

usage: run_api.py BINDIR WORKDIR
"""
import glob
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import check, run, load  # noqa: E402


def main(bindir, work):
    os.makedirs(work, exist_ok=True)
    prog = os.path.join(bindir, "runtime_api")
    js = os.path.join(work, "api.json")

    def fresh():
        shutil.rmtree(work)
        os.makedirs(work)

    def default_files(ext):
        return glob.glob(os.path.join(work, "scope-profile", "runtime_api.*." + ext))

    # Defaults: the report in this process's files, lines on, compensation
    # on; the program's stdout and stderr untouched.
    fresh()
    p = run(prog, ["env"], {}, work)
    check(p.stdout == "" and p.stderr == "", "default leaves stdout and stderr alone")
    txt, js_default = default_files("txt"), default_files("json")
    check(len(txt) == 1 and len(js_default) == 1, "default files: %s %s" % (txt, js_default))
    text = open(txt[0]).read()
    check(text.startswith("Region: f\n  Total Calls : 3\n"), "default report")
    check("Timer unit: 1e-09 s" in text, "lines on by default")
    rep = load(js_default[0])
    check(rep["compensated"] is True and len(rep["functions"]) == 1, "defaults in JSON")
    check(rep["complete"] is True and rep["program"] == "runtime_api" and rep["argv"][1:] == ["env"],
          "the data file names its process")
    check(js_default[0].endswith(".%d.json" % rep["pid"]), "named after the pid")

    for mode in ("env", "setup"):
        def go(env, args):
            fresh()
            if mode == "env":
                return run(prog, ["env"], env, work)
            return run(prog, ["setup"] + args, {}, work)

        p = go({"SCOPE_PROFILER": "0", "SCOPE_PROFILER_JSON": js}, ["off", "json=" + js])
        check(p.stdout == "" and p.stderr == "", "%s: off prints nothing" % mode)
        check(os.listdir(work) == [], "%s: off writes nothing" % mode)

        p = go({"SCOPE_PROFILER_LINES": "0", "SCOPE_PROFILER_JSON": js,
                "SCOPE_PROFILER_OUTPUT": "stderr"}, ["nolines", "json=" + js, "output=stderr"])
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

        d = os.path.join(work, "data")
        p = go({"SCOPE_PROFILER_DIR": d}, ["dir=" + d])
        files = sorted(os.path.basename(f) for f in glob.glob(os.path.join(d, "*")))
        check(p.stderr == "" and len(files) == 2 and files[0].endswith(".json")
              and files[1].endswith(".txt"), "%s: data directory: %s" % (mode, files))

    # Unwritable output: scope_setup fails, the program keeps its defaults.
    fresh()
    p = run(prog, ["setup", "output=/nonexistent-dir/x.txt"], {}, work, expect_rc=4)
    check("cannot open /nonexistent-dir/x.txt" in p.stderr, "setup says why")

    # A bad environment value becomes a note; the default stays.
    p = run(prog, ["env"], {"SCOPE_PROFILER_LINES": "maybe", "SCOPE_PROFILER_OUTPUT": "stderr"}, work)
    check("scope-profiler: SCOPE_PROFILER_LINES=maybe is not 0 or 1; using 1" in p.stderr, "note")
    check("Timer unit" in p.stderr, "default kept")

    # An unwritable report path at exit: one line that says so, with path
    # and reason; the tables are not dumped on stderr instead.
    p = run(prog, ["env"], {"SCOPE_PROFILER_OUTPUT": "/nonexistent-dir/y.txt"}, work)
    check(p.stderr == "scope-profiler: error: cannot open /nonexistent-dir/y.txt: "
          "No such file or directory\n", "unwritable output: %r" % p.stderr)

    # scope_finalize: one report, the second call prints nothing, no exit report.
    err = {"SCOPE_PROFILER_OUTPUT": "stderr"}
    p = run(prog, ["setup", "finalize"], err, work)
    check(p.stderr.count("Region: f") == 1 and "Total Calls : 3\n" in p.stderr, "finalize once")
    fresh()
    p = run(prog, ["setup", "finalize"], {}, work)
    check(open(default_files("txt")[0]).read().count("Region: f") == 1, "finalize once, default file")
    check(load(default_files("json")[0])["end"] == "finalize", "the data file says finalize")

    # scope_print_region writes to the report's destination: into the
    # default .txt, before the exit report.
    fresh()
    p = run(prog, ["setup", "getregion"], {}, work)
    check(p.stderr == "", "print_region leaves stderr alone")
    text = open(default_files("txt")[0]).read()
    check(text.count("Region: f") == 2 and text.index("Function: f") < text.rindex("Region: f"),
          "print_region, then the exit report, in one file")

    # scope_get_region / scope_print_region.
    p = run(prog, ["setup", "getregion"], err, work)
    check("calls=3 name=f ok=1\n" in p.stdout, "get_region: %r" % p.stdout)
    check("unknown=-1 calls=0\n" in p.stdout and "print=-1\n" in p.stdout, "unknown region")
    check(p.stderr.count("Region: f") == 2, "print_region, then the exit report")
    print("ok api")


def load_pid_from(path):
    return path.rsplit("-", 1)[1].split(".")[0]


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
