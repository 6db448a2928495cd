#!/usr/bin/env python3
"""golden.py - runs one golden rewrite case end to end.

For tests/golden/<case>.c it checks, in order:
  1. scope-rewrite's output equals <case>.expected.c byte for byte;
  2. the output is diff-friendly: the prologue ends with `#line 1`, then the
     original lines follow one for one, each equal to the original or the
     original with text inserted (the original is a subsequence of it), and
     nothing after them; a rewritten quoted #include line is the exception;
  3. it compiles warning-free with gcc and clang (-std=c89 -pedantic when
     the case says `c89: yes`), and also under every strict warning flag
     (STRICT below) that the original itself compiles cleanly with; and with
     -DSCOPE_PROFILER_DISABLE without the runtime, and that build behaves as
     the original (stdout, stderr, exit status);
  4. linked with the runtime and run with SCOPE_PROFILER_JSON set, every
     line of every profiled function has exactly the hits written in the
     case as `hits: N` in a comment on that line (0 where none is written),
     the program's stdout, stderr and exit status match the original's, and
     the regions listed in the case's `regions:` line have those call counts;
  5. when <case>.list exists, `scope-rewrite --list` prints exactly it
     (stdout, then stderr's notes).

Settings come from the case's first comment, one per line:
  rewrite: ARGS    extra scope-rewrite arguments (for example --no-lines)
  c89: yes         the case is valid C89 and must compile as such
  regions: a=1 b=2 expected region call counts
  cc: gcc          the case uses an extension only gcc has (nested
                   functions): it is built and run with gcc alone
                   (`cc: clang` likewise, for musttail)
  cflags: FLAGS    extra flags for every build of the case (-fopenmp)
--update writes <case>.expected.c from the current output instead of
comparing (read the result before accepting it).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def settings(text):
    m = re.search(r"/\*(.*?)\*/", text, re.S)
    out = {"rewrite": "", "c89": "no", "regions": "", "cc": "", "cflags": ""}
    if not m:
        return out
    for line in m.group(1).splitlines():
        line = line.strip().lstrip("*").strip()
        for key in out:
            if line.startswith(key + ":"):
                out[key] = line[len(key) + 1:].strip()
    return out


def is_subsequence(small, big):
    it = iter(big)
    return all(ch in it for ch in small)


def check_diff_friendly(orig, out):
    olines = orig.split("\n")
    if olines and olines[-1] == "":
        olines.pop()
    xlines = out.split("\n")
    try:
        start = next(i for i, l in enumerate(xlines) if l.startswith("#line 1 "))
    except StopIteration:
        fail("no #line 1 in the output")
    body = xlines[start + 1:start + 1 + len(olines)]
    if len(body) != len(olines):
        fail("output has fewer lines than the original")
    for n, (o, x) in enumerate(zip(olines, body), 1):
        if o == x:
            continue
        if o.lstrip().startswith("#") and "include" in o:
            continue
        if not is_subsequence(o, x):
            fail("line %d is not the original with insertions:\n  %r\n  %r"
                 % (n, o, x))
    rest = xlines[start + 1 + len(olines):]
    if rest not in ([], [""]):
        fail("text follows the original lines: %r" % rest[:3])
    if start > 0 and xlines[0] != '#include "scope_profiler.h"':
        fail("prologue does not start with the header include")


# Warnings that real projects turn into errors and that inserted code must
# never add. Each is checked for a case when the original is clean with it.
STRICT = {
    "gcc": ["-pedantic", "-Wc++-compat", "-Wimplicit-fallthrough", "-Wswitch-unreachable",
            "-Wdeclaration-after-statement", "-Wunused", "-Wshadow", "-Wjump-misses-init",
            "-Wmissing-declarations", "-Wredundant-decls", "-Wnested-externs"],
    "clang": ["-pedantic", "-Wc++-compat", "-Wimplicit-fallthrough", "-Wcomma",
              "-Wused-but-marked-unused", "-Wdeclaration-after-statement", "-Wunused",
              "-Wshadow", "-Wunreachable-code", "-Wmissing-variable-declarations",
              "-Wredundant-decls", "-Wextra-semi-stmt", "-Wnewline-eof"],
}


def strict_flags(cc, base, src):
    """The flags of STRICT[cc] that the original compiles with, warning-free."""
    kept = []
    for flag in STRICT[cc]:
        r = run([cc] + base + ["-Werror", flag, "-fsyntax-only", src])
        if r.returncode == 0:
            kept.append(flag)
    return kept


def behaviour(exe, env=None):
    p = run([exe], env=env)
    return p.stdout, p.stderr, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rewriter", required=True)
    ap.add_argument("--runtime", help="libscope_profiler.a (skip runs if absent)")
    ap.add_argument("--include", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--cflags", default="",
                    help="extra flags for building the profiled program "
                         "(the build's sanitizer flags)")
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()

    src = os.path.join(a.cases, a.case + ".c")
    expected = os.path.join(a.cases, a.case + ".expected.c")
    work = os.path.join(a.work, a.case)
    os.makedirs(work, exist_ok=True)
    with open(src, encoding="utf-8", newline="") as f:
        orig = f.read()
    cfg = settings(orig)

    outdir = os.path.join(work, "out")
    r = run([a.rewriter, src, "--root", a.cases, "-o", outdir]
            + shlex.split(cfg["rewrite"]))
    if r.returncode != 0:
        fail("scope-rewrite exited %d:\n%s" % (r.returncode, r.stderr))
    outfile = os.path.join(outdir, a.case + ".c")
    with open(outfile, encoding="utf-8", newline="") as f:
        out = f.read()
    if a.update:
        with open(expected, "w", encoding="utf-8", newline="") as f:
            f.write(out)
        print("wrote " + expected)
        return
    with open(expected, encoding="utf-8", newline="") as f:
        want = f.read()
    if out != want:
        d = run(["diff", "-u", expected, outfile])
        fail("output differs from %s:\n%s" % (expected, d.stdout))

    # Deterministic: a second run gives the same bytes.
    r = run([a.rewriter, src, "--root", a.cases, "-o", outdir]
            + shlex.split(cfg["rewrite"]))
    with open(outfile, encoding="utf-8", newline="") as f:
        if f.read() != out:
            fail("a second run wrote different output")

    check_diff_friendly(orig, out)

    listing = os.path.join(a.cases, a.case + ".list")
    if os.path.exists(listing):
        r = run([a.rewriter, "--list", a.case + ".c", "--root", a.cases]
                + shlex.split(cfg["rewrite"]), cwd=a.cases)
        with open(listing, encoding="utf-8") as f:
            want_list = f.read()
        if r.returncode != 0 or r.stdout + r.stderr != want_list:
            fail("--list exited %d and printed:\n%s%s\nexpected:\n%s"
                 % (r.returncode, r.stdout, r.stderr, want_list))

    std = ["-std=c89", "-pedantic"] if cfg["c89"] == "yes" else ["-std=c11"]
    warn = ["-Wall", "-Wextra", "-Werror"]
    inc = ["-I" + a.include]
    plain = os.path.join(work, "plain")
    compilers = [cfg["cc"]] if cfg["cc"] else ["gcc", "clang"]
    cflags = shlex.split(cfg["cflags"])
    r = run([compilers[0] if cfg["cc"] else "cc", "-std=c11"] + cflags
            + ["-o", plain, src, "-lm"])
    if r.returncode != 0:
        fail("the original does not build:\n" + r.stderr)
    want = behaviour(plain)
    for cc in compilers:
        strict = strict_flags(cc, std + warn + cflags, src)
        for extra in ([], ["-DSCOPE_PROFILER_DISABLE"]):
            exe = os.path.join(work, "%s%s" % (cc, "-disabled" if extra else ""))
            cmd = [cc] + std + warn + strict + cflags + inc + extra + [outfile]
            if extra:
                cmd += ["-o", exe, "-lm"]
            else:
                cmd += ["-c", "-o", exe + ".o"]
            r = run(cmd)
            if r.returncode != 0:
                fail("%s failed:\n%s" % (" ".join(cmd), r.stderr))
            if extra:
                got = behaviour(exe)
                if got != want:
                    fail("disabled build gives (stdout, stderr, status) %r, original %r"
                         % (got, want))

    if not a.runtime or not os.path.exists(a.runtime):
        print("runtime not built: hit counts not checked")
        return
    if cfg["cc"] == "clang" and "-fsanitize" in a.cflags:
        # The runtime was built by cc (gcc) with its sanitizer runtime,
        # which clang's cannot stand in for.
        print("clang-only case in a sanitizer build: run skipped")
        return
    exe = os.path.join(work, "profiled")
    cmd = ([cfg["cc"] or "cc", "-O1"] + shlex.split(a.cflags) + cflags + inc
           + [outfile, a.runtime, "-lpthread", "-lm", "-o", exe])
    r = run(cmd)
    if r.returncode != 0:
        fail("%s failed:\n%s" % (" ".join(cmd), r.stderr))
    jpath = os.path.join(work, "report.json")
    if os.path.exists(jpath):
        os.remove(jpath)
    env = dict(os.environ, SCOPE_PROFILER_JSON=jpath,
               SCOPE_PROFILER_OUTPUT=os.path.join(work, "report.txt"))
    env.pop("SCOPE_PROFILER", None)
    env.pop("SCOPE_PROFILER_LINES", None)
    got = behaviour(exe, env)
    if got != want:
        fail("profiled program gives (stdout, stderr, status) %r, original %r"
             % (got, want))
    with open(jpath, encoding="utf-8") as f:
        report = json.load(f)

    want_hits = {}
    for n, line in enumerate(orig.split("\n"), 1):
        m = re.search(r"hits: (\d+)", line)
        if m:
            want_hits[n] = int(m.group(1))
    seen = set()
    errors = []
    for fn in report["functions"]:
        for row in fn["lines"]:
            n = row["line"]
            seen.add(n)
            if row["hits"] != want_hits.get(n, 0):
                errors.append("line %d (%s): %d hits, expected %d"
                              % (n, fn["function"], row["hits"], want_hits.get(n, 0)))
    for n in sorted(set(want_hits) - seen):
        errors.append("line %d: expected %d hits but it is in no profiled "
                      "function" % (n, want_hits[n]))
    regions = {r["name"]: r["calls"] for r in report["regions"]}
    for item in cfg["regions"].split():
        name, calls = item.rsplit("=", 1)
        if regions.get(name) != int(calls):
            errors.append("region %s: %s calls, expected %s"
                          % (name, regions.get(name), calls))
    if errors:
        fail("\n".join(errors))
    print("ok")


main()
