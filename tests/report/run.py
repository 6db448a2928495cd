#!/usr/bin/env python3
"""run.py - scope-report's end-to-end cases (tests/report.cmake).

usage: run.py CASE SCOPE_REPORT MULTI_PROG WORKDIR

Views are compared with goldens in expected/ (REPORT_UPDATE=1 rewrites
them); the figures in fixtures/ are small whole numbers of ns chosen so
that every merged figure can be checked by hand (see the goldens' sums in
check_merged). Nothing here depends on how long anything took.
"""
import os
import shutil
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
EXP = os.path.join(HERE, "expected")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def run(args, cwd=None, env=None, code=0):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(args, cwd=cwd, env=e, capture_output=True, text=True)
    check(p.returncode == code, "%s: exit %d, expected %d\nstderr: %s"
          % (" ".join(args), p.returncode, code, p.stderr))
    return p


def golden(name, text):
    path = os.path.join(EXP, name)
    if os.environ.get("REPORT_UPDATE"):
        with open(path, "w") as f:
            f.write(text)
    with open(path) as f:
        want = f.read()
    check(text == want, "golden %s differs:\n--- got\n%s--- want\n%s" % (name, text, want))


def case_views(rep, work):
    r1, r2 = os.path.join(FIX, "run1"), os.path.join(FIX, "run2")
    os.chdir(FIX)
    golden("merged.txt", run([rep, "run1", "run2"]).stdout)
    golden("summary.txt", run([rep, "--sort", "--summarize", "--skip-zero", "run1", "run2"]).stdout)
    golden("top.txt", run([rep, "--top-lines=3", "--no-tables", "run1", "run2"]).stdout)
    golden("self.txt", run([rep, "--top-lines", "--no-tables", "run2"]).stdout)
    golden("unit_top.txt", run([rep, "--unit", "1e-6", "--top", "1", "run1", "run2"]).stdout)
    golden("function.txt", run([rep, "--function", "^st", "run1", "run2"]).stdout)
    run([rep, "--function", "(", "run1"], code=2)
    run([rep, "--top", "0", "run1"], code=2)
    for args in (["--bogus"], ["diff", "--bogus", "a", "b"], ["export", "-o"]):
        p = run([rep] + args, code=2)
        check(p.stderr.startswith("scope-report: error: "), "usage errors in the tool's words: "
              + p.stderr)
    del r1, r2


def case_merge(rep, work):
    os.chdir(FIX)
    p = run([rep, "run1", "run2"])
    check("function step (demo.c:9) has other source text than in run1/prog.100.json"
          in p.stderr, "the changed source of step is warned about: " + p.stderr)
    check(p.stderr.count("warning:") == 1, "one warning only: " + p.stderr)
    # Merged by hand: compute's entries 1000, 2000, 6000 ns; step's 100,
    # 200, 300, 400, 600 ns (std 2160.2469 and 172.0465 ns).
    check("  Total Calls : 3\n  Total Time  : 9e-06 s\n  Avg Time    : 3e-06 s\n"
          "  Min Time    : 1e-06 s\n  Max Time    : 6e-06 s\n"
          "  Std Dev     : 2.160246899469287e-06 s\n" in p.stdout, "compute merged")
    check("  Std Dev     : 1.7204650534085255e-07 s\n" in p.stdout, "step merged")
    check("     5        15       1900.0    126.7     21.3" in p.stdout, "line 5 summed")
    # One data file prints as the runtime printed it: the same printer.
    data = os.path.join(work, "data")
    os.makedirs(data)
    text = os.path.join(work, "runtime.txt")
    run([sys.argv[3], "-c", "5"], env={"SCOPE_PROFILER_DIR": data, "SCOPE_PROFILER_OUTPUT": text})
    files = [f for f in os.listdir(data) if f.endswith(".json")]
    check(len(files) == 1, "one data file: %s" % files)
    with open(text) as f:
        own = "".join(l for l in f if not l.startswith(("scope-profiler:", "Process:")))
    mine = run([rep, os.path.join(data, files[0])]).stdout
    # scope-report adds the recursion-aware totals after the runtime's text.
    check("\nRecursion-aware totals (outermost entries only)\n" in mine, "recursion table:\n" + mine)
    mine = mine.split("Recursion-aware totals")[0]
    check(mine == own, "scope-report prints one file as the runtime did:\n%s\n---\n%s" % (mine, own))
    # A directory's files are read ahead on worker threads and added in
    # name order: the figures and every message are those of the files
    # named one by one (read one after the other, no thread), broken
    # files among them included.
    many = os.path.join(work, "many")
    os.makedirs(many)
    texts = [open(os.path.join(FIX, d)).read() for d in ("run1/prog.100.json", "run2/prog.200.json")]
    names = []
    for k in range(23):
        name = os.path.join(many, "p%02d.json" % k)
        t = texts[k % 2]
        if k in (5, 17):
            t = t[:len(t) // 3]
        elif k == 11:
            t = t.replace('"version": 2', '"version": 9')
        with open(name, "w") as f:
            f.write(t)
        names.append(name)
    whole = run([rep, many], code=1)
    one_by_one = run([rep] + names, code=1)
    check(whole.stdout == one_by_one.stdout, "a directory merges as its files one by one")
    check(whole.stderr == one_by_one.stderr and whole.stderr.count("\n") == 4,
          "the same messages in the same order:\n%s---\n%s" % (whole.stderr, one_by_one.stderr))
    check("Total Calls : 32\n" in whole.stdout, "12 files of 2 calls of compute, 8 of 1:\n"
          + whole.stdout[:300])


def table_hits(text, line):
    for l in text.splitlines():
        parts = l.split()
        if len(parts) > 2 and parts[0] == str(line) and parts[1].isdigit():
            return int(parts[1])
    return None


def case_multi(rep, work):
    data = os.path.join(work, "data")
    os.makedirs(data)
    run([sys.argv[3], "3"], env={"SCOPE_PROFILER_DIR": data})
    files = sorted(f for f in os.listdir(data) if f.endswith(".json"))
    import json
    check(all("timeline" not in json.load(open(os.path.join(data, f))) for f in files),
          "no timeline unless asked for")
    check(len(files) == 4, "four processes, four data files: %s" % files)
    p = run([rep, data])
    check("Region: work\n  Total Calls : 4\n" in p.stdout, "4 entries of work:\n" + p.stdout)
    # Rows of work's table: annotation, signature, brace, frame, first
    # statement, loop header, loop body.
    first = int(p.stdout.split("Function: work at line ")[1].split()[0])
    check(table_hits(p.stdout, first + 5) == 3 + 4 + 5 + 6, "loop header hits summed:\n" + p.stdout)
    check(table_hits(p.stdout, first + 6) == 2 + 3 + 4 + 5, "loop body hits summed")
    check(table_hits(p.stdout, first + 4) == 4, "first statement once per process")
    # nest(3) in each of 4 processes: 16 entries, 4 of them outermost.
    rows = [l.split() for l in p.stdout.split("Recursion-aware totals")[-1].splitlines()]
    nest = [r for r in rows if r[:1] == ["nest"]]
    check(len(nest) == 1 and nest[0][1] == "4" and nest[0][4] == "16",
          "nest: 4 outer calls of 16:\n" + p.stdout)
    if len(nest) == 1:
        check(float(nest[0][2]) <= float(nest[0][5]), "outer total within the total")
    check("Region: nest\n  Total Calls : 16\n" in p.stdout, "nest's per-entry calls")
    # The same merge from the files named one by one.
    q = run([rep] + [os.path.join(data, f) for f in files])
    check(q.stdout == p.stdout, "a directory merges as its files")


def case_diff(rep, work):
    os.chdir(FIX)
    golden("diff.txt", run([rep, "diff", "run1", "run2"]).stdout)
    run([rep, "diff", "run1"], code=2)


def case_check(rep, work):
    os.chdir(FIX)
    b = os.path.join(work, "budget")
    os.makedirs(work)
    with open(b, "w") as f:
        f.write("# limits\nregion compute time 0.000005\nregion step calls 10\n"
                "line demo.c:5 hits 12   # 15 ran\nfunction step time 1\n")
    p = run([rep, "check", "--budget", b, "run1", "run2"], code=1)
    check("budget:2: exceeded: region compute time 9e-06 > 5e-06" in p.stdout, p.stdout)
    check("budget:4: exceeded: line demo.c:5 hits 15 > 12" in p.stdout, p.stdout)
    check("4 budgets checked, 2 exceeded" in p.stdout, p.stdout)
    with open(b, "w") as f:
        f.write("region compute time 1\nline demo.c:5 hits 15\n")
    run([rep, "check", "--budget", b, "run1", "run2"], code=0)
    with open(b, "w") as f:
        f.write("region compute time 1\nregion compute speed 3\n")
    p = run([rep, "check", "--budget", b, "run1"], code=2)
    check(b + ":2:1: error: unknown budget" in p.stderr, p.stderr)
    run([rep, "check", "run1"], code=2)


def case_bad(rep, work):
    os.makedirs(work)
    good = os.path.join(FIX, "run1", "prog.100.json")
    with open(good) as f:
        text = f.read()
    trunc = os.path.join(work, "trunc.json")
    with open(trunc, "w") as f:
        f.write(text[:len(text) // 2])
    other = os.path.join(work, "v3.json")
    with open(other, "w") as f:
        f.write(text.replace('"version": 2', '"version": 3'))
    notobj = os.path.join(work, "list.json")
    with open(notobj, "w") as f:
        f.write("[1, 2]\n")
    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    p = run([rep, trunc, other, notobj, fifo, os.path.join(work, "missing.json"), good],
            code=1)
    err = p.stderr
    check(err.startswith(trunc + ":") and ": error: " in err.splitlines()[0],
          "truncated file: file:line:col: error:\n" + err)
    check(other + ": schema version 3 is not supported" in err, err)
    check(notobj + ": not a scope-profiler data file" in err, err)
    check(fifo + ": not a regular file or a directory" in err, err)
    check("missing.json: No such file or directory" in err, err)
    check("Region: compute\n  Total Calls : 2\n" in p.stdout, "the good file still merged")
    # A line marked too short to time keeps its mark through a merge, and
    # the text says so before the tables; the mark must be a boolean.
    marked = os.path.join(work, "short.json")
    row = '{"line": 5, "hits": 12, "time_ns": 900.0, '
    check(row in text, "fixture row")
    with open(marked, "w") as f:
        f.write(text.replace(row, row + '"short": true, '))
    out = run([rep, marked, good]).stdout
    note = ('scope-profiler: 1 line takes less than 10 probe costs per hit ("short" in the data '
            'file): too short to time with a clock read per line; build with '
            '-DSCOPE_PROFILER_SAMPLED=1 to sample them\nTimer unit: 1e-09 s\n')
    check(note in out, "the short-line note:\n" + out)
    check("probe costs" not in run([rep, good]).stdout, "no note without a marked line")
    with open(marked, "w") as f:
        f.write(text.replace(row, row + '"short": 3, '))
    p = run([rep, marked], code=1)
    check(marked + ': field "short" is not true or false' in p.stderr, p.stderr)
    os.unlink(marked)
    # The output is never an input, and a failed write leaves nothing.
    before = open(good).read()
    run([rep, "export", "--format", "lcov", "-o", good, good], code=1)
    check(open(good).read() == before, "an input is never written over")
    run([rep, "-o", os.path.join(work, "no", "such", "dir", "out.txt"), good], code=1)
    # An output that is not a regular file (a FIFO here; /dev/null, a
    # terminal) is written in place, never renamed over.
    import stat
    import threading
    pipe = os.path.join(work, "pipe")
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(pipe).read()), daemon=True)
    reader.start()
    run([rep, "-o", pipe, good])
    reader.join(10)
    check(stat.S_ISFIFO(os.stat(pipe).st_mode), "the FIFO is still a FIFO")
    check(got and "Region: compute" in got[0], "the report went through the FIFO")
    os.unlink(pipe)
    check(sorted(os.listdir(work)) == ["fifo", "list.json", "trunc.json", "v3.json"],
          "no partial output left: %s" % os.listdir(work))


def demo_source(work):
    """demo.c as the fixtures describe it, for viewers that read sources."""
    lines = [""] * 14
    import json
    for d in ("run1/prog.100.json",):
        for fn in json.load(open(os.path.join(FIX, d)))["functions"]:
            for l in fn["lines"]:
                lines[l["line"] - 1] = l["text"]
    with open(os.path.join(work, "demo.c"), "w") as f:
        f.write("\n".join(lines) + "\n")


def case_export_callgrind(rep, work):
    os.makedirs(work)
    demo_source(work)
    out = os.path.join(work, "callgrind.out.1")
    run([rep, "export", "--format", "callgrind", "-o", out,
         os.path.join(FIX, "run1"), os.path.join(FIX, "run2")])
    golden("callgrind.out", open(out).read())
    p = run(["callgrind_annotate", "--auto=yes", out], cwd=work)
    t = p.stdout
    check("demo.c:compute" in t and "demo.c:step" in t, "functions listed:\n" + t)
    # Per-line figures ("15 (41.67%) 1,900 (18.10%)  source"): line 5 ran
    # 15 times for 1,900 ns; line 6 12 times for 6,200 ns; 36 hits in all.
    rows = [l.split() for l in t.splitlines()]
    check(any(r[:1] == ["15"] and r[2:3] == ["1,900"] and "for" in r for r in rows),
          "line 5 annotated:\n" + t)
    check(any(r[:1] == ["12"] and r[2:3] == ["6,200"] and "step(i);" in r for r in rows),
          "line 6 annotated")
    check(any(r[:1] == ["36"] and r[2:3] == ["10,500"] and "PROGRAM" in r for r in rows),
          "totals")


def case_export_calls(rep, work):
    """callgrind's calls= lines from the data files' call edges, merged
    over two files (fixtures/calls: run() calls helper() from line 4 and
    twice() from line 5, twice() calls helper() from line 10)."""
    import json
    os.makedirs(os.path.join(work, "src"))
    src = {}
    for fn in json.load(open(os.path.join(FIX, "calls", "calls.400.json")))["functions"]:
        for l in fn["lines"]:
            src.setdefault(fn["file"], {})[l["line"]] = l["text"]
    for name, lines in src.items():
        with open(os.path.join(work, name), "w") as f:
            f.write("".join(lines.get(i, "") + "\n" for i in range(1, max(lines) + 1)))
    out = os.path.join(work, "callgrind.out.calls")
    run([rep, "export", "--format", "callgrind", "-o", out, os.path.join(FIX, "calls")])
    os.utime(out)   # newer than the sources, or callgrind_annotate warns
    golden("callgrind_calls.out", open(out).read())
    # By hand, merged: run's lines 14/600, 12/4800, 2/1800 ns; its calls
    # helper 12x 3600 ns (line 4), twice 2x 1600 ns (line 5); twice's line
    # 2/1400 ns with helper 4x 1200 ns; helper's line 16/4800 ns. Line
    # costs are exclusive (the line's time less its calls'): 1200, 200,
    # 200; the total 7000 ns and 46 hits.
    incl = run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--auto=yes", out],
               cwd=work).stdout
    rows = [l.split() for l in incl.splitlines()]
    check(any(r[:1] == ["46"] and r[2:3] == ["7,000"] and "PROGRAM" in r for r in rows),
          "totals 46 hits, 7,000 ns:\n" + incl)
    # Inclusive: run 2000 of its own + 5200 in calls; a called function's
    # inclusive cost is what the calls into it took (callgrind's rule).
    check(any(r[2:4] == ["7,200", "(102.9%)"] and r[-1] == "src/a.c:run" for r in rows),
          "run's inclusive 7,200 ns:\n" + incl)
    check(any(r[1:2] == ["4,800"] and r[-1] == "src/b.c:helper" for r in rows),
          "helper's inclusive 4,800 ns")
    check(any(r[1:2] == ["1,600"] and r[-1] == "src/a.c:twice" for r in rows),
          "twice's inclusive 1,600 ns")
    # Per line: the call lines under their call sites.
    check(any(r[:2] == ["0", "3,600"] and r[-2:] == ["src/b.c:helper", "(12x)"] for r in rows),
          "line 4's 12 calls of helper, 3,600 ns:\n" + incl)
    check(any(r[:2] == ["0", "1,600"] and r[-2:] == ["src/a.c:twice", "(2x)"] for r in rows),
          "line 5's 2 calls of twice")
    check(any(r[:2] == ["0", "1,200"] and r[-2:] == ["src/b.c:helper", "(4x)"] for r in rows),
          "twice's 4 calls of helper")
    check(any(r[:1] == ["12"] and r[2:3] == ["1,200"] and "helper(i);" in r for r in rows),
          "line 4's own cost is exclusive: 12 hits, 1,200 ns")
    excl = run(["callgrind_annotate", "--threshold=100", out], cwd=work).stdout
    rows = [l.split() for l in excl.splitlines()]
    check(any(r[2:3] == ["2,000"] and r[-1] == "src/a.c:run" for r in rows),
          "run's exclusive 2,000 ns:\n" + excl)
    check(any(r[:1] == ["16"] and r[2:3] == ["4,800"] and r[-1] == "src/b.c:helper" for r in rows),
          "helper's own 16 hits, 4,800 ns")
    # The text report of the same files is unchanged by the edges.
    p = run([rep, os.path.join(FIX, "calls")])
    check("     4        12       4800.0    400.0     66.7          helper(i);" in p.stdout,
          "line 4 inclusive in the line table:\n" + p.stdout)


def case_export_lcov(rep, work):
    os.makedirs(work)
    demo_source(work)
    out = os.path.join(work, "demo.info")
    run([rep, "export", "--format", "lcov", "-o", out, os.path.join(FIX, "run1"),
         os.path.join(FIX, "run2")])
    golden("lcov.info", open(out).read())
    html = os.path.join(work, "html")
    run(["genhtml", "--quiet", "-o", html, out], cwd=work)
    # genhtml puts a source's pages in a folder named after its directory.
    pages = {}
    for d, _, names in os.walk(html):
        for n in names:
            pages[n] = os.path.join(d, n)
    check("demo.c.gcov.html" in pages and "demo.c.func.html" in pages, "pages: %s" % pages)
    if "demo.c.gcov.html" not in pages:
        return
    page = open(pages["demo.c.gcov.html"]).read()
    funcs = open(pages["demo.c.func.html"]).read()
    check("compute" in funcs and "step" in funcs, "functions page lists compute and step")
    # genhtml's source view: line 5 ran 15 times, line 11 5 times.
    check('<span class="lineNum">       5 </span><span class="lineCov">         15 :' in page,
          "line 5's hits in genhtml's page")
    check('<span class="lineNum">      11 </span><span class="lineCov">          5 :' in page,
          "line 11's hits in genhtml's page")


def png_colours(path):
    """Distinct pixel values of a PNG (8-bit RGB/RGBA, no interlace)."""
    data = open(path, "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG")
    pos, idat, w, h, ctype = 8, b"", 0, 0, 2
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, _, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    bpp = 4 if ctype == 6 else 3
    stride = w * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 7):
            seen.add(bytes(line[x:x + 3]))
        prev = line
    return seen


def case_export_html(rep, work):
    os.makedirs(work)
    out = os.path.join(work, "report.html")
    run([rep, "export", "--format", "html", "-o", out, os.path.join(FIX, "run1"),
         os.path.join(FIX, "run2")])
    page = open(out).read()
    check("http://" not in page and "https://" not in page and "<script src" not in page,
          "self-contained: no network")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    check(chromium is not None, "chromium is installed (scripts/setup-debian)")
    if not chromium:
        return
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    prof = os.path.join(work, "profile-dom")
    p = run([chromium] + flags + ["--user-data-dir=" + prof, "--dump-dom", "file://" + out])
    dom = p.stdout
    check("<h2 id=\"f0\">compute" in dom and "<h2 id=\"f1\">step" in dom, "functions in the DOM")
    check("<td class=\"name\">compute</td><td>3</td>" in dom, "region table rendered")
    check("s += step(i);" in dom, "source heat map rendered")
    shot = os.path.join(work, "report.png")
    prof = os.path.join(work, "profile-shot")
    # The virtual time budget lets the page finish painting before the shot
    # (without it the last tables were sometimes missing from the image).
    run([chromium] + flags + ["--user-data-dir=" + prof, "--window-size=1000,1100",
                              "--virtual-time-budget=2000", "--screenshot=" + shot,
                              "file://" + out])
    check(os.path.exists(shot), "screenshot taken")
    if os.path.exists(shot):
        check(len(png_colours(shot)) > 8, "the screenshot is not blank")


def timeline_data(work, cap):
    data = os.path.join(work, "data-%d" % cap)
    os.makedirs(data)
    run([sys.argv[3], "2"], env={"SCOPE_PROFILER_DIR": data, "SCOPE_PROFILER_TIMELINE": str(cap)})
    return data


def case_export_chrome(rep, work):
    import json
    os.makedirs(work)
    out = os.path.join(work, "trace.json")
    # Without a timeline there is nothing to export.
    p = run([rep, "export", "--format", "chrome", "-o", out, os.path.join(FIX, "run1")], code=1)
    check("no timeline in the data files" in p.stderr and not os.path.exists(out), p.stderr)
    # Three processes, each work() once and nest(3): 5 entries a process.
    run([rep, "export", "--format", "chrome", "-o", out, timeline_data(work, 100)])
    t = json.load(open(out))
    ev = [e for e in t["traceEvents"] if e["ph"] == "X"]
    meta = [e for e in t["traceEvents"] if e["ph"] == "M"]
    check(len(ev) == 15 and len(meta) == 3, "15 entries of 3 processes: %d, %d" % (len(ev), len(meta)))
    check(t["otherData"]["dropped_entries"] == 0, "nothing dropped")
    for pid in set(e["pid"] for e in ev):
        mine = sorted((e for e in ev if e["pid"] == pid), key=lambda e: (e["ts"], -e["dur"]))
        check([e["name"] for e in mine].count("nest") == 4 and
              [e["name"] for e in mine].count("work") == 1, "per process: work once, nest 4 times")
        nest = [e for e in mine if e["name"] == "nest"]
        for outer, inner in zip(nest, nest[1:]):
            check(outer["ts"] <= inner["ts"] and
                  inner["ts"] + inner["dur"] <= outer["ts"] + outer["dur"] + 1e-9,
                  "recursive entries nest: %s %s" % (outer, inner))
    # The processes on one clock: each one's first entry is where its
    # origin_monotonic_ns lies after the earliest process's.
    data = timeline_data(work, 50)
    run([rep, "export", "--format", "chrome", "-o", out, data])
    t = json.load(open(out))
    origin = {}
    for f in [f for f in os.listdir(data) if f.endswith(".json")]:
        d = json.load(open(os.path.join(data, f)))
        origin[d["pid"]] = d["timeline"]["origin_monotonic_ns"]
    first = {}
    for e in t["traceEvents"]:
        if e["ph"] == "X":
            ns = int(round(e["ts"] * 1000))
            first[e["pid"]] = min(first.get(e["pid"], ns), ns)
    zero = min(origin.values())
    check(first == {pid: o - zero for pid, o in origin.items()},
          "processes aligned by origin_monotonic_ns: %s vs %s" % (first, origin))
    # A bounded buffer: 3 kept, 2 dropped in each process, and said so.
    small = timeline_data(work, 3)
    p = run([rep, "export", "--format", "chrome", "-o", out, small])
    t = json.load(open(out))
    check(len([e for e in t["traceEvents"] if e["ph"] == "X"]) == 9, "3 kept a process")
    check(t["otherData"]["dropped_entries"] == 6, "6 dropped")
    check("6 timeline entries were dropped" in p.stderr, p.stderr)
    # Exports that do not show the timeline do not warn about it.
    p = run([rep, "export", "--format", "lcov", "-o", os.path.join(work, "x.info"), small])
    check("dropped" not in p.stderr, "no timeline warning for lcov: " + p.stderr)


def case_export_speedscope(rep, work):
    import json
    os.makedirs(work)
    out = os.path.join(work, "profile.speedscope.json")
    run([rep, "export", "--format", "speedscope", "-o", out, timeline_data(work, 100)])
    s = json.load(open(out))
    frames = [f["name"] for f in s["shared"]["frames"]]
    check(sorted(frames) == ["nest", "work"], "frames: %s" % frames)
    check(len(s["profiles"]) == 3, "one profile per process and thread")
    for prof in s["profiles"]:
        check(prof["type"] == "evented" and prof["unit"] == "nanoseconds", "evented, ns")
        stack, last, opens = [], prof["startValue"], 0
        for e in prof["events"]:
            check(e["at"] >= last, "events in time order")
            last = e["at"]
            if e["type"] == "O":
                stack.append(e["frame"])
                opens += 1
            else:
                check(stack and stack[-1] == e["frame"], "a close matches the innermost open")
                stack.pop()
        check(not stack and opens == 5, "balanced, 5 entries: %d" % opens)
        check(last <= prof["endValue"], "within endValue")


def read_spt(path):
    """Parse a .spt (upstream scope-profiler's native trace, version 2)
    exactly: little-endian, no byte left over. Returns (rank, regions),
    regions a list of (name, file, line, starts, ends)."""
    data = open(path, "rb").read()
    pos = [0]

    def take(fmt):
        n = struct.calcsize(fmt)
        check(pos[0] + n <= len(data), "%s: truncated at byte %d" % (path, pos[0]))
        v = struct.unpack_from(fmt, data, pos[0])
        pos[0] += n
        return v

    def text():
        (n,) = take("<i")
        check(n >= 0, "a length is not negative")
        v = data[pos[0]:pos[0] + n].decode("utf-8")
        pos[0] += n
        return v

    check(data[:8] == b"SCOPEPRF", "%s: magic %r" % (path, data[:8]))
    pos[0] = 8
    version, rank = take("<ii")
    check(version == 2, "version 2 (little-endian): %d" % version)
    (nreg,) = take("<q")
    regions = []
    for _ in range(nreg):
        name = text()
        src = text()
        (line,) = take("<i")
        (calls,) = take("<q")
        starts = list(take("<%dq" % calls))
        ends = list(take("<%dq" % calls))
        regions.append((name, src, line, starts, ends))
    check(pos[0] == len(data), "%s: %d bytes after the last region" % (path, len(data) - pos[0]))
    return rank, regions


def spt_expected(files):
    """What a .spt must hold for these data files, computed here from the
    JSON: per region, its source (a function's file and first line, else
    "" and -1) and the sorted (start, end) pairs in CLOCK_MONOTONIC ns."""
    import json
    want, src = {}, {}
    for path in files:
        d = json.load(open(path))
        for f in d["functions"]:
            src.setdefault(f["region"], (f["file"], f["first_line"]))
        tl = d["timeline"]
        for th in tl["threads"]:
            for reg, start, dur in th["entries"]:
                name = tl["timeline_regions"][reg]
                t = tl["origin_monotonic_ns"] + start
                want.setdefault(name, []).append((t, t + dur))
    return {n: (src.get(n, ("", -1)), sorted(v, key=lambda e: (e[0], -(e[1] - e[0]))))
            for n, v in want.items()}


def check_spt(path, files, rank):
    got_rank, regions = read_spt(path)
    check(got_rank == rank, "%s: rank %d, expected %d" % (path, got_rank, rank))
    want = spt_expected(files)
    check(sorted(r[0] for r in regions) == sorted(want), "%s: regions %s, expected %s"
          % (path, [r[0] for r in regions], sorted(want)))
    for name, src, line, starts, ends in regions:
        if name not in want:
            continue
        (wsrc, wline), pairs = want[name]
        check((src, line) == (wsrc, wline), "%s: %s at %s:%d, expected %s:%d"
              % (path, name, src, line, wsrc, wline))
        check(list(zip(starts, ends)) == pairs, "%s: %s calls %s, expected %s"
              % (path, name, list(zip(starts, ends)), pairs))
    return regions


def case_export_spt(rep, work):
    import glob
    import time
    os.makedirs(work)
    tl = os.path.join(FIX, "timeline")
    r0, r1 = os.path.join(tl, "solver.300.r0.json"), os.path.join(tl, "solver.301.r1.json")
    # One rank: one file, byte for byte the golden, every field read back.
    out = os.path.join(work, "r0.spt")
    run([rep, "export", "--format", "spt", "-o", out, r0])
    got = open(out, "rb").read()
    gold = os.path.join(EXP, "solver.r0.spt")
    if os.environ.get("REPORT_UPDATE"):
        open(gold, "wb").write(got)
    check(got == open(gold, "rb").read(), "the .spt of rank 0 is the golden's bytes")
    regions = check_spt(out, [r0], 0)
    # By hand: solve (a function's region) at 5e9 + 0 .. 1000; sweep (a
    # statement's region: no source) twice, 100..300 and 400..700.
    check(regions == [("solve", "src/solver.c", 20, [5000000000], [5000001000]),
                      ("sweep", "", -1, [5000000100, 5000000400], [5000000300, 5000000700])],
          "rank 0 by hand: %s" % regions)
    # Two ranks: a directory of scope_rank<NNNNN>.spt, one file per rank.
    outd = os.path.join(work, "ranks")
    run([rep, "export", "--format", "spt", "-o", outd, tl])
    names = sorted(os.listdir(outd))
    check(names == ["scope_rank00000.spt", "scope_rank00001.spt"], "one file per rank: %s" % names)
    check_spt(os.path.join(outd, "scope_rank00000.spt"), [r0], 0)
    regions = check_spt(os.path.join(outd, "scope_rank00001.spt"), [r1], 1)
    check(regions[0][3] == [5000000300], "rank 1's solve on the common clock: %s" % regions)
    # A real run: three processes (no rank: rank 0) in one file, their
    # times on CLOCK_MONOTONIC, which Python's perf_counter_ns reads here.
    before = time.perf_counter_ns()
    data = timeline_data(work, 100)
    after = time.perf_counter_ns()
    out = os.path.join(work, "multi.spt")
    p = run([rep, "export", "--format", "spt", "-o", out, data])
    check("warning" not in p.stderr, p.stderr)
    files = sorted(glob.glob(os.path.join(data, "*.json")))
    regions = check_spt(out, files, 0)
    check(sum(len(r[3]) for r in regions) == 15, "15 entries of 3 processes")
    for name, src, line, starts, ends in regions:
        check(all(before <= a <= b <= after for a, b in zip(starts, ends)),
              "%s: every call within the run on CLOCK_MONOTONIC (%d..%d): %s"
              % (name, before, after, list(zip(starts, ends))))


def rank_file(path, program, pid, rank, size, units, ns_per_unit, extra=False):
    """A per-rank data file written by hand: `units` calls of region unit,
    each ns_per_unit ns; its loop line hit units times."""
    import json
    regions = [{"name": "unit", "calls": units, "total": units * ns_per_unit * 1e-9,
                "mean": ns_per_unit * 1e-9, "min": ns_per_unit * 1e-9,
                "max": ns_per_unit * 1e-9, "std": 0.0, "total_ns": units * ns_per_unit,
                "min_ns": ns_per_unit, "max_ns": ns_per_unit, "m2_ns2": 0.0}]
    if extra:
        regions.append({"name": "last", "calls": 1, "total": 5e-08, "mean": 5e-08,
                        "min": 5e-08, "max": 5e-08, "std": 0.0, "total_ns": 50,
                        "min_ns": 50, "max_ns": 50, "m2_ns2": 0.0})
    d = {"version": 2, "complete": True, "program": program, "pid": pid, "argv": [program],
         "end": "exit", "timer_unit": 1e-09, "clock": "tsc", "probe_cost_ns": 0.0,
         "compensated": False, "abandoned_frames": 0, "rank": rank, "size": size,
         "regions": regions,
         "functions": [{"file": "job.c", "function": "unit", "region": "unit",
                        "first_line": 1, "last_line": 2, "total_time": 0.0,
                        "lines": [{"line": 1, "hits": 0, "time_ns": 0.0, "text": "// @profile"},
                                  {"line": 2, "hits": units, "time_ns": float(units * ns_per_unit),
                                   "text": "static void unit(void) { work(); }"}]}]}
    with open(path, "w") as f:
        json.dump(d, f)


def case_ranks(rep, work):
    # Job "job", 4 ranks: rank r does r + 1 units of (r + 1) * 1000 ns;
    # rank 2 left no file (aborted), rank 1 wrote two (a forked child),
    # which add up within the rank. Per rank: calls 1, 2, 4; time 1, 4, 16 us.
    d = os.path.join(work, "job")
    os.makedirs(d)
    rank_file(os.path.join(d, "job.10.r0.json"), "job", 10, 0, 4, 1, 1000)
    rank_file(os.path.join(d, "job.11.r1.json"), "job", 11, 1, 4, 1, 2000)
    rank_file(os.path.join(d, "job.12.r1.json"), "job", 12, 1, 4, 1, 2000)
    rank_file(os.path.join(d, "job.13.r3.json"), "job", 13, 3, 4, 4, 4000, extra=True)
    p = run([rep, d])
    text = p.stdout
    check(p.stderr == "", "no warning for one job: " + p.stderr)
    check("MPI job job: merged 3 of 4 ranks; missing ranks: 2\n" in text,
          "missing rank 2 not named:\n" + text)
    mean_c, mean_t = 7 / 3, 21e-6 / 3
    want = ("%-20s %10llu %12.6g %10llu %5d %8.4f %12.6g %12.6g %12.6g %5d %8.4f"
            .replace("llu", "d") % ("unit", 1, mean_c, 4, 3, 4 / mean_c - 1, 1e-6, mean_t,
                                    16e-6, 3, 16e-6 / mean_t - 1))
    check(want + "\n" in text, "unit row, want\n%s\nin\n%s" % (want, text))
    # last: entered on rank 3 only; the others count as 0 calls, 0 s.
    want = ("%-20s %10d %12.6g %10d %5d %8.4f %12.6g %12.6g %12.6g %5d %8.4f"
            % ("last", 0, 1 / 3, 1, 3, 2.0, 0, 50e-9 / 3, 50e-9, 3, 2.0))
    check(want + "\n" in text, "last row, want\n%s" % want)
    # Summed over ranks in the seed's blocks and the line table; the
    # largest time one rank charged to the line.
    check("Region: unit\n  Total Calls : 7\n  Total Time  : 2.1e-05 s\n" in text,
          "summed region block")
    want = "%-32s %12d %16d %16d %5d" % ("job.c:2", 7, 21000, 16000, 3)
    check(want + "\n" in text, "line row, want\n%s" % want)
    golden("ranks.txt", text)
    # The order of the ranks tables: after the region blocks, before the
    # line tables.
    check(text.index("Region: last") < text.index("MPI job") < text.index("Timer unit"),
          "ranks tables between the region blocks and the line tables")

    # A merged report beside the per-rank files is left out of a directory
    # (it would count twice); named on its own, it is read.
    with open(os.path.join(d, "job.13.r3.json")) as f:
        body = f.read()
    merged = os.path.join(d, "job.10.mpi.json")
    with open(merged, "w") as f:
        f.write(body.replace('"rank": 3, "size": 4, ', ''))
    p = run([rep, d])
    check(p.stdout == text, "the merged report beside its ranks changed the figures")
    check("left out" in p.stderr and "job.10.mpi.json" in p.stderr, "left out: " + p.stderr)
    os.remove(merged)

    # A second job (other program, size 2) mixed in: a warning, a table
    # per job; and a file without a rank is summed but not a rank.
    rank_file(os.path.join(d, "other.20.r0.json"), "other", 20, 0, 2, 3, 10)
    with open(os.path.join(d, "job.10.r0.json")) as f:
        body = f.read()
    with open(os.path.join(d, "plain.30.json"), "w") as f:
        f.write(body.replace('"rank": 0, "size": 4, ', ''))
    p = run([rep, d])
    check("files of 2 MPI jobs are mixed" in p.stderr, "mixed jobs warning: " + p.stderr)
    check("1 files carry no rank" in p.stderr, "no-rank warning: " + p.stderr)
    check("MPI job job: merged 3 of 4 ranks; missing ranks: 2\n" in p.stdout and
          "MPI job other: merged 1 of 2 ranks; missing ranks: 1\n" in p.stdout,
          "a table per job:\n" + p.stdout)
    check("Region: unit\n  Total Calls : 11\n" in p.stdout, "all files summed")
    # A rank that is no rank is an error of that file.
    with open(os.path.join(d, "bad.40.r0.json"), "w") as f:
        f.write(body.replace('"rank": 0, "size": 4', '"rank": 5, "size": 4'))
    p = run([rep, os.path.join(d, "bad.40.r0.json")], code=1)
    check("error: " in p.stderr and ": \"size\" is not a number of ranks above \"rank\"" in p.stderr,
          "bad rank: " + p.stderr)


def main():
    case, rep, work = sys.argv[1], sys.argv[2], sys.argv[4]
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(os.path.dirname(work), exist_ok=True)
    if case in ("merge", "multi"):
        os.makedirs(work)
    globals()["case_" + case](rep, work)
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
