#!/usr/bin/env python3
"""run_output.py - where the report goes, and that the program is left alone:
its stdout, stderr and exit status are its own; every process leaves its
report files (complete, named after the program and the pid) in the data
directory; signals end the program as they would unprofiled; a report that
cannot be written is said, with path and reason.

usage: run_output.py CASE BINDIR WORKDIR
"""
import glob
import json
import re
import stat
import threading
import os
import resource
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import check, fail, func, hits, region  # noqa: E402

PROG = "runtime_features"


def clean_env(extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCOPE_PROFILER")}
    env.update(extra)
    return env


def fresh(work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)


# LeakSanitizer's own warning when its leak check at exit meets a thread it
# cannot stop (the sanitizer build only): not the program's output, and it
# changes nothing (no leak report, no exit status).
LSAN_NOISE = re.compile(r"^==\d+==Running thread \d+ was not suspended\. "
                        r"False leaks are possible\.\n", re.M)


def run(bindir, work, args, env=None, expect_rc=0, stdin=""):
    p = subprocess.run([os.path.join(bindir, PROG)] + args, env=clean_env(env or {}), cwd=work,
                       input=stdin, capture_output=True, text=True, timeout=120)
    p.stderr = LSAN_NOISE.sub("", p.stderr)
    if p.returncode != expect_rc:
        fail("%s exited %d, not %d\nstdout:\n%s\nstderr:\n%s"
             % (args, p.returncode, expect_rc, p.stdout, p.stderr))
    return p


def reports(d):
    """{pid: (json, text or None)} of the report files in directory d."""
    out = {}
    names = sorted(os.listdir(d)) if os.path.isdir(d) else []
    for n in names:
        check(not ".tmp." in n, "a temporary file is left: %s" % n)
        check(n.startswith(PROG + "."), "file named after the program: %s" % n)
    for path in glob.glob(os.path.join(d, PROG + ".*.json")):
        pid = int(path.rsplit(".", 2)[1])
        with open(path) as f:
            rep = json.load(f)
        txt = path[:-5] + ".txt"
        text = open(txt).read() if os.path.exists(txt) else None
        out[pid] = (rep, text)
    for path in glob.glob(os.path.join(d, PROG + ".*.txt")):
        check(os.path.exists(path[:-4] + ".json"), "a .txt without its .json: %s" % path)
    return out


def one_report(d):
    reps = reports(d)
    check(len(reps) == 1, "one report in %s: %s" % (d, os.listdir(d) if os.path.isdir(d) else None))
    pid, (rep, text) = next(iter(reps.items()))
    check(rep["complete"] is True and rep["pid"] == pid, "complete, and names its pid")
    check(rep["program"] == PROG, "program %r" % rep["program"])
    return rep, text


def case_default(bindir, work):
    """No settings: stdout and stderr untouched, both files in
    ./scope-profile, the JSON names its process."""
    fresh(work)
    p = run(bindir, work, ["early", "x y"])
    check(p.stdout == "" and p.stderr == "", "stdout and stderr untouched: %r %r" % (p.stdout, p.stderr))
    rep, text = one_report(os.path.join(work, "scope-profile"))
    check(rep["argv"][1:] == ["early", "x y"] and rep["argv"][0].endswith(PROG), "argv %r" % rep["argv"])
    check(rep["end"] == "exit", "ended by exit")
    check(region(rep, "early")["calls"] == 30, "figures")
    check(text is not None and text.startswith("Region: early\n  Total Calls : 30\n"), "the tables")
    check("\nTimer unit: 1e-09 s\n" in text, "line tables in the .txt")


def case_dir(bindir, work):
    """SCOPE_PROFILER_DIR (created with its parents, %p expanded), and the
    program's own output stays its own."""
    fresh(work)
    d = os.path.join(work, "a", "b-%p")
    p = run(bindir, work, ["wait"], {"SCOPE_PROFILER_DIR": d}, stdin="go\n")
    check(p.stdout == "ready\nalive\n" and p.stderr == "", "program output: %r %r" % (p.stdout, p.stderr))
    dirs = glob.glob(os.path.join(work, "a", "b-*"))
    check(len(dirs) == 1 and not os.path.exists(os.path.join(work, "scope-profile")), "dirs: %s" % dirs)
    rep, text = one_report(dirs[0])
    check(dirs[0].endswith("b-%d" % rep["pid"]), "%p is the pid")
    check(hits(func(rep, "waiter"), 'printf("alive') == 1, "hits")


def case_off(bindir, work):
    fresh(work)
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER": "0"})
    check(p.stdout == "" and p.stderr == "", "nothing printed")
    check(os.listdir(work) == [], "nothing written: %s" % os.listdir(work))


def case_stderr(bindir, work):
    """SCOPE_PROFILER_OUTPUT sends the tables elsewhere; the data file
    stays; SCOPE_PROFILER_JSON moves the data file."""
    fresh(work)
    d = os.path.join(work, "scope-profile")
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_OUTPUT": "stderr"})
    check(p.stderr.startswith("Region: early\n") and p.stdout == "", "tables on stderr")
    check(len(glob.glob(os.path.join(d, "*.txt"))) == 0, "no .txt when the tables go elsewhere")
    rep, _ = one_report(d)
    check(rep["regions"][0]["calls"] == 30, "data file still written")

    fresh(work)
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_OUTPUT": "stdout"})
    check(p.stdout.startswith("Region: early\n") and p.stderr == "", "tables on stdout")

    fresh(work)
    js = os.path.join(work, "data-%p.json")
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_JSON": js})
    check(p.stdout == "" and p.stderr == "", "untouched")
    files = glob.glob(os.path.join(work, "data-*.json"))
    check(len(files) == 1 and json.load(open(files[0]))["complete"] is True, "JSON at its path")
    check(glob.glob(os.path.join(d, "*.json")) == [], "no default .json beside it")
    check(len(glob.glob(os.path.join(d, "*.txt"))) == 1, "the .txt still in the directory")


def case_not_regular(bindir, work):
    """A data file path that is not a regular file is written in place: a
    link stays a link (its target gets the data), a FIFO stays a FIFO (its
    reader gets the data); a rename would have replaced them (and would
    replace /dev/null, which users give)."""
    fresh(work)
    target = os.path.join(work, "target.json")
    open(target, "w").close()
    link = os.path.join(work, "link.json")
    os.symlink(target, link)
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_JSON": link})
    check(p.stderr == "", "untouched: %r" % p.stderr)
    check(os.path.islink(link), "the link is still a link")
    check(json.load(open(target))["complete"] is True, "the link's target holds the data")
    fifo = os.path.join(work, "fifo.json")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_JSON": fifo})
    reader.join(30)
    check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO")
    check(got and json.loads(got[0])["complete"] is True, "the FIFO's reader got the data")


def case_chdir(bindir, work):
    """The default directory is resolved at first use: a later chdir does
    not move the report."""
    fresh(work)
    run(bindir, work, ["chdir"])
    rep, _ = one_report(os.path.join(work, "scope-profile"))
    check(region(rep, "early")["calls"] == 2, "both calls")


def case_fork(bindir, work):
    """After fork the child writes its own pair of files."""
    fresh(work)
    p = run(bindir, work, ["fork"])
    check(p.stdout == "" and p.stderr == "", "untouched")
    reps = reports(os.path.join(work, "scope-profile"))
    check(len(reps) == 2, "two processes, two reports: %s" % list(reps))
    for pid, (rep, text) in reps.items():
        check(rep["complete"] and rep["pid"] == pid and text is not None, "report of %d" % pid)
        check(region(rep, "early")["calls"] == 2, "its own figures")
        check(text.startswith("Process: %d\n" % pid), "the text names its process")


def no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def start(bindir, work, args, env=None, ignore_int=False):
    def pre():
        no_core()
        # Explicit either way: a test run from a background job inherits
        # SIGINT ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN if ignore_int else signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    p = subprocess.Popen([os.path.join(bindir, PROG)] + args, env=clean_env(env or {}), cwd=work,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, preexec_fn=pre)
    line = p.stdout.readline()
    if line != "ready\n":
        p.kill()
        fail("program did not start: %r %r" % (line, p.stderr.read()))
    return p


def finish(p, stdin=""):
    try:
        out, err = p.communicate(stdin, timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("program did not end")
    return out, err


def case_sigterm(bindir, work):
    """SIGTERM with the default disposition: the report is written, then
    the process dies by SIGTERM, as it would unprofiled."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        fresh(work)
        p = start(bindir, work, ["wait"])
        p.send_signal(sig)
        out, err = finish(p)
        check(p.returncode == -sig, "%s: died by %d, not by the signal" % (sig.name, p.returncode))
        check(out == "" and err == "", "%s: output untouched: %r %r" % (sig.name, out, err))
        rep, text = one_report(os.path.join(work, "scope-profile"))
        check(rep["end"] == sig.name, "end %r" % rep["end"])
        check(region(rep, "waiter")["calls"] == 1, "the open call is closed and recorded")
        f = func(rep, "waiter")
        check(hits(f, 'fputs("ready') == 1 and hits(f, 'printf("alive') == 0, "hits up to the signal")
        check(text is not None and text.startswith("Region: waiter\n"), "the tables too")


def case_sigterm_in_malloc(bindir, work):
    """SIGTERM while the program is inside malloc/free (its allocator's
    locks held): the handler allocates nothing from it, so it neither
    deadlocks nor corrupts; every run dies by SIGTERM with a complete
    report. Where the signal lands varies; the outcome may not."""
    for k in range(12):
        fresh(work)
        p = start(bindir, work, ["churn"])
        # Let it run a little (0-11 ms) so the signal lands at varied places.
        try:
            p.wait(timeout=k / 1000.0)
        except subprocess.TimeoutExpired:
            pass
        p.send_signal(signal.SIGTERM)
        out, err = finish(p)
        check(p.returncode == -signal.SIGTERM, "run %d: died by %d" % (k, p.returncode))
        check(err == "", "run %d: stderr %r" % (k, err))
        rep, text = one_report(os.path.join(work, "scope-profile"))
        check(rep["end"] == "SIGTERM" and region(rep, "churn")["calls"] == 1, "run %d: report" % k)
        f = func(rep, "churn")
        check(hits(f, "malloc(") >= hits(f, "free(p)") >= hits(f, "malloc(") - 1, "run %d: hits" % k)


def case_sigint_ignored(bindir, work):
    """A process started with SIGINT ignored keeps ignoring it."""
    fresh(work)
    p = start(bindir, work, ["wait"], ignore_int=True)
    p.send_signal(signal.SIGINT)
    out, err = finish(p, "go\n")
    check(p.returncode == 0 and out == "alive\n" and err == "", "SIGINT ignored: rc %d %r %r"
          % (p.returncode, out, err))
    rep, _ = one_report(os.path.join(work, "scope-profile"))
    check(rep["end"] == "exit", "report at exit")


def case_own_handler(bindir, work):
    """A program's own SIGTERM handler, installed before the runtime starts
    or after (replacing the runtime's), keeps its behaviour."""
    for mode in ("own", "own-late"):
        fresh(work)
        p = start(bindir, work, [mode])
        p.send_signal(signal.SIGTERM)
        out, err = finish(p)
        check(p.returncode == 7 and out == "handled %d\n" % signal.SIGTERM and err == "",
              "%s: rc %d %r %r" % (mode, p.returncode, out, err))
        rep, _ = one_report(os.path.join(work, "scope-profile"))
        check(rep["end"] == "exit" and region(rep, "waiter")["calls"] == 1, "%s: report at exit" % mode)


def case_abort(bindir, work):
    fresh(work)
    p = subprocess.run([os.path.join(bindir, PROG), "abort"], env=clean_env({}), cwd=work,
                       capture_output=True, text=True, timeout=60, preexec_fn=no_core)
    check(p.returncode == -signal.SIGABRT, "died by SIGABRT: %d" % p.returncode)
    check(p.stdout == "" and p.stderr == "", "untouched: %r" % p.stderr)
    rep, _ = one_report(os.path.join(work, "scope-profile"))
    check(rep["end"] == "SIGABRT" and region(rep, "aborter")["calls"] == 1, "report on abort()")


def case_unwritable(bindir, work):
    """A directory that cannot be made: one line per file on stderr, with
    path and reason; the program's output and status are unchanged."""
    fresh(work)
    p = run(bindir, work, ["wait"], {"SCOPE_PROFILER_DIR": "/dev/null/x"}, stdin="go\n")
    check(p.stdout == "ready\nalive\n", "stdout untouched")
    lines = p.stderr.splitlines()
    check(len(lines) == 2, "one line per file: %r" % p.stderr)
    for line, ext in zip(lines, ("json", "txt")):
        check(line.startswith("scope-profiler: error: cannot write /dev/null/x/%s." % PROG)
              and line.endswith(".%s: Not a directory" % ext), "error line: %r" % line)

    fresh(work)
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_OUTPUT": "/dev/null/y.txt"})
    check(p.stderr.startswith("scope-profiler: error: cannot open /dev/null/y.txt: Not a directory\n"),
          "text path: %r" % p.stderr)
    check(len(p.stderr.splitlines()) == 1 and "Region" not in p.stderr, "one line, no tables")
    one_report(os.path.join(work, "scope-profile"))

    fresh(work)
    p = run(bindir, work, ["early"], {"SCOPE_PROFILER_JSON": "/dev/null/z.json"})
    check(p.stderr == "scope-profiler: error: cannot write /dev/null/z.json: Not a directory\n",
          "JSON path: %r" % p.stderr)
    reps = glob.glob(os.path.join(work, "scope-profile", "*.txt"))
    check(len(reps) == 1 and "cannot write /dev/null/z.json" in open(reps[0]).read(),
          "the tables say it too")

    # From a signal handler as well.
    fresh(work)
    p = start(bindir, work, ["wait"], {"SCOPE_PROFILER_DIR": "/dev/null/x"})
    p.send_signal(signal.SIGTERM)
    out, err = finish(p)
    check(p.returncode == -signal.SIGTERM, "died by SIGTERM")
    check(len(err.splitlines()) == 2 and all(l.endswith("Not a directory") for l in err.splitlines()),
          "signal-time errors: %r" % err)


CASES = {
    "default": case_default, "dir": case_dir, "off": case_off, "stderr": case_stderr,
    "chdir": case_chdir, "fork": case_fork, "sigterm": case_sigterm,
    "sigterm_in_malloc": case_sigterm_in_malloc, "sigint_ignored": case_sigint_ignored, "own_handler": case_own_handler, "abort": case_abort,
    "unwritable": case_unwritable, "not_regular": case_not_regular,
}

if __name__ == "__main__":
    name, bindir, work = sys.argv[1], sys.argv[2], sys.argv[3]
    CASES[name](bindir, work)
    print("ok output." + name)
