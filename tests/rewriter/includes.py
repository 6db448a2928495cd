#!/usr/bin/env python3
"""includes.py - profiled functions in files that sources include.

A `static inline` function in a header, found beside the source or through
-I (quoted or in angle brackets), and a `.c` fragment that another `.c`
includes, are profiled through instrumented copies of those files: the
program built from the output tree reports each function under its own
file with exact hits, and behaves as the original. Also: a header read
twice without an include guard is left alone with a note; two inputs that
include one header share its copy; --list names the included functions;
the copies build with -DSCOPE_PROFILER_DISABLE.

usage: includes.py --rewriter R --include DIR --runtime LIB --work DIR CASE
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(cmd, cwd=None, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)


def write(root, files):
    for rel, text in files.items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)


PROJECT = {
    "src/part.c": "int twice(int x)\n{\n    return 2 * x;\n}\n",
    "src/one.c": ('#include <stdio.h>\n#include "part.c"\n#include "lib/util.h"\n'
                  '#include <lib/other.h>\n\n// @profile\nint main(void)\n{\n'
                  '    int i, s = 0;\n    for (i = 0; i < 3; i++)\n'
                  '        s += twice(i) + util_sq(i) + other(i);\n'
                  '    printf("%d\\n", s);\n    return 0;\n}\n'),
    "src/two.c": ('#include "lib/util.h"\nint two(void);\nint two(void) { return util_sq(2); }\n'),
    "include/lib/util.h": ("#ifndef UTIL_H\n#define UTIL_H\n#include \"inner.h\"\n"
                           "/* @profile */\nstatic inline int util_sq(int x)\n{\n"
                           "    return inner_id(x) * x;\n}\n#endif\n"),
    "include/lib/inner.h": ("#ifndef INNER_H\n#define INNER_H\n"
                            "static inline int inner_id(int x) { return x; }\n#endif\n"),
    "include/lib/other.h": ("#ifndef OTHER_H\n#define OTHER_H\n#include \"util.h\"\n"
                            "/* @profile */\nstatic inline int other(int x) { return util_sq(x) + 1; }\n"
                            "#endif\n"),
}


def build_and_run(a, d, out, sources, extra=()):
    exe = os.path.join(d, "prog")
    cmd = (["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-I" + os.path.join(d, "include"),
            "-I" + a.include] + list(extra) + [os.path.join(out, s) for s in sources]
           + [a.runtime, "-lpthread", "-lm", "-o", exe] + a.cflags.split())
    r = run(cmd)
    if r.returncode != 0:
        fail("%s:\n%s" % (" ".join(cmd), r.stderr))
    js = os.path.join(d, "report.json")
    if os.path.exists(js):
        os.remove(js)
    env = dict(os.environ, SCOPE_PROFILER_JSON=js, SCOPE_PROFILER_OUTPUT=os.path.join(d, "r.txt"))
    p = run([exe], env=env)
    with open(js) as f:
        return p, json.load(f)


def hits(rep, fn):
    for f in rep["functions"]:
        if f["function"] == fn:
            return f, [l["hits"] for l in f["lines"]]
    fail("no table for %s: %s" % (fn, [f["function"] for f in rep["functions"]]))


def case_headers(a, d):
    write(d, PROJECT)
    out = os.path.join(d, "out")
    r = run([a.rewriter, "src/one.c", "-o", out, "--", "-Iinclude"], cwd=d)
    if r.returncode != 0 or r.stderr:
        fail("rewrite: %d %s" % (r.returncode, r.stderr))
    for rel in ("src/one.c", "include/lib/util.h", "include/lib/other.h"):
        if not os.path.exists(os.path.join(out, rel)):
            fail("no copy of " + rel)
    # inner.h and part.c have nothing annotated and lead to no copy.
    for rel in ("include/lib/inner.h", "src/part.c"):
        if os.path.exists(os.path.join(out, rel)):
            fail("%s, with nothing to profile, was copied" % rel)
    plain = run(["cc", "-std=c99", "-Iinclude", "src/one.c", "-o", "plain"], cwd=d)
    if plain.returncode != 0:
        fail("original: " + plain.stderr)
    want = run([os.path.join(d, "plain")]).stdout
    p, rep = build_and_run(a, d, out, ["src/one.c"])
    if p.stdout != want or p.returncode != 0:
        fail("profiled prints %r (status %d), original %r" % (p.stdout, p.returncode, want))
    f, h = hits(rep, "util_sq")
    if f["file"] != "include/lib/util.h" or h != [0, 0, 0, 6, 0]:
        fail("util_sq: %s %s" % (f["file"], h))
    f, h = hits(rep, "other")
    if f["file"] != "include/lib/other.h" or h != [0, 3]:
        fail("other: %s %s" % (f["file"], h))
    names = [x["function"] for x in rep["functions"]]
    if "twice" in names or "inner_id" in names:
        fail("unannotated functions profiled: %s" % names)
    # With --all, the fragment and the unannotated header are profiled too.
    shutil.rmtree(out)
    r = run([a.rewriter, "--all", "src/one.c", "-o", out, "--", "-Iinclude"], cwd=d)
    if r.returncode != 0:
        fail("rewrite --all: " + r.stderr)
    p, rep = build_and_run(a, d, out, ["src/one.c"])
    if p.stdout != want:
        fail("--all: profiled prints %r" % p.stdout)
    f, h = hits(rep, "twice")
    if f["file"] != "src/part.c" or h != [0, 0, 3, 0]:
        fail("twice: %s %s" % (f["file"], h))
    f, h = hits(rep, "inner_id")
    if h != [6]:
        fail("inner_id: %s" % h)
    # The list names every function, under its own file.
    r = run([a.rewriter, "--all", "--list", "src/one.c", "--", "-Iinclude"], cwd=d)
    want_list = ("src/one.c:7: main -> main\nsrc/part.c:1: twice -> twice\n"
                 "include/lib/util.h:5: util_sq -> util_sq\n"
                 "include/lib/inner.h:3: inner_id -> inner_id\n"
                 "include/lib/other.h:5: other -> other\n")
    if r.stdout != want_list:
        fail("--list prints:\n%s\nexpected:\n%s" % (r.stdout, want_list))
    # The copies build without the runtime, disabled.
    r = run(["cc", "-std=c99", "-Wall", "-Werror", "-DSCOPE_PROFILER_DISABLE", "-Iinclude",
             "-I" + a.include, os.path.join(out, "src/one.c"), "-o", "disabled"], cwd=d)
    if r.returncode != 0:
        fail("disabled build: " + r.stderr)


def case_shared(a, d):
    """Two inputs that include one header write one copy of it, the same
    bytes as either alone would, and the function's calls are counted in
    the program that links one of them."""
    write(d, PROJECT)
    write(d, {"callmain.c": "int two(void);\nint main(void) { return two() == 4 ? 0 : 1; }\n"})
    out = os.path.join(d, "out")
    r = run([a.rewriter, "src/one.c", "src/two.c", "-o", out, "--", "-Iinclude"], cwd=d)
    if r.returncode != 0 or r.stderr:
        fail("rewrite: %d %s" % (r.returncode, r.stderr))
    with open(os.path.join(out, "include/lib/util.h")) as f:
        both = f.read()
    alone = os.path.join(d, "alone")
    r = run([a.rewriter, "src/two.c", "-o", alone, "--", "-Iinclude"], cwd=d)
    with open(os.path.join(alone, "include/lib/util.h")) as f:
        if f.read() != both:
            fail("the copy of util.h depends on which input made it")
    p, rep = build_and_run(a, d, out, ["src/two.c", "../callmain.c"])
    if p.returncode != 0:
        fail("program exited %d" % p.returncode)
    _, h = hits(rep, "util_sq")
    if h != [0, 0, 0, 1, 0]:
        fail("util_sq hits %s" % h)


def case_unguarded(a, d):
    """A file read twice without a guard: no copy, a note, nothing broken."""
    write(d, {"t.def": "/* @profile */\nstatic int T(void) { return N; }\n",
              "m.c": ("#define T f1\n#define N 1\n#include \"t.def\"\n#undef T\n#undef N\n"
                      "#define T f2\n#define N 2\n#include \"t.def\"\n"
                      "int main(void) { return f1() + f2() - 3; }\n")})
    out = os.path.join(d, "out")
    r = run([a.rewriter, "m.c", "-o", out], cwd=d)
    want = ("t.def:1:1: note: not profiled: this file is read 2 times by one translation unit "
            "without an include guard, and one copy cannot take the probes of each reading\n")
    if r.returncode != 0 or r.stderr != want:
        fail("rewrite: %d %r" % (r.returncode, r.stderr))
    if os.path.exists(os.path.join(out, "t.def")):
        fail("a copy of the twice-read file was written")
    r = run(["cc", "-I" + a.include, os.path.join(out, "m.c"), "-o", "m", a.runtime,
             "-lpthread", "-lm"] + a.cflags.split(), cwd=d)
    if r.returncode != 0:
        fail("build: " + r.stderr)
    if run([os.path.join(d, "m")], env=dict(os.environ, SCOPE_PROFILER="0")).returncode != 0:
        fail("the program changed")


def case_symlink(a, d):
    """A source that is a link to a file of another name (`x.c` to
    `x.c.dist`, as some builds make them) is parsed as C."""
    write(d, {"t.c.dist": "/* @profile */\nint main(void)\n{\n    return 0;\n}\n"})
    os.symlink("t.c.dist", os.path.join(d, "t.c"))
    r = run([a.rewriter, "t.c", "-o", "out"], cwd=d)
    if r.returncode != 0 or r.stderr:
        fail("rewrite of a linked source: %d %r" % (r.returncode, r.stderr))
    with open(os.path.join(d, "out", "t.c")) as f:
        if "SCOPE_FRAME(scope__f0_t_c)" not in f.read():
            fail("the linked source was not instrumented")


def case_badannot(a, d):
    """One mistaken annotation is reported where it is and left out; every
    other function of the file is still profiled, and exit status 1 says
    something was wrong."""
    write(d, {"b.c": ("/* @profile */\nint good(int x)\n{\n    return x + 1;\n}\n\n"
                      "/* @profile(bad) */\nint bad(int x)\n{\n    return x - 1;\n}\n\n"
                      "int main(void) { return good(1) + bad(1) - 2; }\n")})
    r = run([a.rewriter, "b.c", "-o", "out"], cwd=d)
    want = ("b.c:7:13: error: expected a string literal region name after '@profile(', "
            "as in @profile(\"name\")\n")
    if r.returncode != 1 or r.stderr != want:
        fail("rewrite: %d %r" % (r.returncode, r.stderr))
    p, rep = build_and_run(a, d, os.path.join(d, "out"), ["b.c"])
    if p.returncode != 0:
        fail("program exited %d" % p.returncode)
    names = [f["function"] for f in rep["functions"]]
    if names != ["good"]:
        fail("profiled functions: %s" % names)


def case_scope_cc(a, d):
    """Through scope-cc: a source that is nothing but includes of .c files
    is compiled from its copy, whose included copies hold the probes; a
    source with one mistaken annotation is compiled from its copy too, with
    its other functions profiled."""
    scope_cc = os.path.join(os.path.dirname(a.rewriter), "scope-cc")
    write(d, {"part.c": "int twice(int x)\n{\n    return 2 * x;\n}\n",
              "lib.c": '#include "part.c"\n',
              "main.c": ("/* @profile */\nint good(void)\n{\n    return 1;\n}\n"
                         "/* @profile(bad) */\nint twice(int x);\n"
                         "int main(void) { return twice(good()) - 2; }\n")})
    env = dict(os.environ, SCOPE_CC_ALL="1", SCOPE_CC_ONLY="^twice$",
               SCOPE_CC_RUNTIME="static")
    r = run([scope_cc, "cc", "-c", "lib.c", "-o", "lib.o"] + a.cflags.split(), cwd=d, env=env)
    if r.returncode != 0:
        fail("scope-cc lib.c: " + r.stderr)
    env.pop("SCOPE_CC_ALL")
    env.pop("SCOPE_CC_ONLY")
    r = run([scope_cc, "cc", "-c", "main.c", "-o", "main.o"] + a.cflags.split(), cwd=d, env=env)
    if r.returncode != 0 or "error: expected a string literal region name" not in r.stderr:
        fail("scope-cc main.c: %d %s" % (r.returncode, r.stderr))
    r = run([scope_cc, "cc", "main.o", "lib.o", "-o", "prog"] + a.cflags.split(), cwd=d, env=env)
    if r.returncode != 0:
        fail("scope-cc link: " + r.stderr)
    js = os.path.join(d, "r.json")
    p = run([os.path.join(d, "prog")], env=dict(os.environ, SCOPE_PROFILER_JSON=js,
                                                  SCOPE_PROFILER_OUTPUT=os.path.join(d, "r.txt")))
    if p.returncode != 0:
        fail("program exited %d" % p.returncode)
    with open(js) as f:
        names = sorted(x["function"] for x in json.load(f)["functions"])
    if names != ["good", "twice"]:
        fail("profiled through scope-cc: %s" % names)


def case_scope_cc_subdir(a, d):
    """Through scope-cc, which keeps the copies' quoted includes and
    searches the source's directory first (-iquote): a header in a
    subdirectory (`#include "unix/internal.h"`, as libuv has) is copied
    to hold its probes, and its own quoted include of a file beside it
    (`#include "syscalls.h"`) must still find that file, which is beside
    the original header, not beside the source nor the copy. The command
    runs from a build directory with the source's absolute path, as CMake
    gives it."""
    scope_cc = os.path.join(os.path.dirname(a.rewriter), "scope-cc")
    write(d, {"src/unix/internal.h": ('#ifndef INTERNAL_H\n#define INTERNAL_H\n#include "syscalls.h"\n'
                                      "static inline int sys_twice(int x)\n{\n"
                                      "    return SYS_BASE + 2 * x;\n}\n#endif\n"),
              "src/unix/syscalls.h": "#ifndef SYSCALLS_H\n#define SYSCALLS_H\n#define SYS_BASE 40\n#endif\n",
              "src/main.c": ('#include <stdio.h>\n#include "unix/internal.h"\n'
                             'int main(void)\n{\n    printf("%d\\n", sys_twice(1));\n    return 0;\n}\n')})
    bld = os.path.join(d, "build")
    os.makedirs(bld)
    env = dict(os.environ, SCOPE_CC_ALL="1", SCOPE_CC_STRICT="1", SCOPE_CC_RUNTIME="static")
    cflags = ["-std=c99", "-Wall", "-Wextra", "-Werror"] + a.cflags.split()
    r = run([scope_cc, "cc"] + cflags + ["-c", os.path.join(d, "src", "main.c"), "-o", "main.o"],
            cwd=bld, env=env)
    if r.returncode != 0:
        fail("scope-cc main.c: %d %s" % (r.returncode, r.stderr))
    r = run([scope_cc, "cc", "main.o", "-o", "prog"] + a.cflags.split(), cwd=bld, env=env)
    if r.returncode != 0:
        fail("scope-cc link: " + r.stderr)
    js = os.path.join(d, "r.json")
    p = run([os.path.join(bld, "prog")], env=dict(os.environ, SCOPE_PROFILER_JSON=js,
                                                    SCOPE_PROFILER_OUTPUT=os.path.join(d, "r.txt")))
    if p.returncode != 0 or p.stdout != "42\n":
        fail("program: exit %d, stdout %r" % (p.returncode, p.stdout))
    with open(js) as f:
        rep = json.load(f)
    f, h = hits(rep, "sys_twice")
    if not f["file"].endswith("unix/internal.h") or h != [0, 0, 1, 0]:
        fail("sys_twice: file %s, hits %s" % (f["file"], h))


CASES = {"badannot": case_badannot, "scope_cc": case_scope_cc, "scope_cc_subdir": case_scope_cc_subdir, "headers": case_headers, "shared": case_shared, "unguarded": case_unguarded,
         "symlink": case_symlink}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rewriter", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--runtime", required=True)
    ap.add_argument("--cflags", default="")
    ap.add_argument("--work", required=True)
    ap.add_argument("case")
    a = ap.parse_args()
    d = os.path.join(a.work, a.case)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    CASES[a.case](a, d)
    print("ok " + a.case)


main()
