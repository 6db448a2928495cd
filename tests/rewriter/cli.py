#!/usr/bin/env python3
"""cli.py - scope-rewrite's command line, errors and end-to-end runs.

  cli.py --rewriter EXE --work DIR [--runtime LIB --include DIR]
         [--scope-cc WRAPPER] TEST [ARG]

TEST is one of the functions named test_* below (without the prefix);
`error NAME` checks tests/rewriter/errors/NAME.c: exit status 1, stderr
equal to NAME.stderr, nothing written.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
A = None


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(cmd, cwd=None, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)


def rw(*args, cwd=None):
    return run([A.rewriter] + list(args), cwd=cwd)


def fresh(name):
    d = os.path.join(A.work, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def read(path):
    with open(path) as f:
        return f.read()


def expect(r, status, what):
    if r.returncode != status:
        fail("%s: exit %d, expected %d\nstdout: %s\nstderr: %s"
             % (what, r.returncode, status, r.stdout, r.stderr))


ANNOTATED = """#include <stdio.h>
#include "helper.h"

// @profile("work")
int work(int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += helper(i);
    return s;
}

int main(void) { printf("%d\\n", work(3)); return 0; }
"""


def test_error(name):
    d = fresh("error-" + name)
    src = os.path.join(HERE, "errors", name + ".c")
    shutil.copy(src, d)
    out = os.path.join(d, "out")
    r = rw(name + ".c", "-o", out, "--", "-I" + os.path.join(SOURCE, "include"), cwd=d)
    expect(r, 1, name)
    want = read(os.path.join(HERE, "errors", name + ".stderr"))
    if r.stderr != want:
        fail("stderr differs:\n--- expected\n%s--- got\n%s" % (want, r.stderr))
    if os.path.exists(os.path.join(out, name + ".c")):
        fail("output was written for a file with errors")


def test_missing_input():
    d = fresh("missing")
    r = rw("nope.c", "-o", "out", cwd=d)
    expect(r, 1, "missing input")
    if r.stderr != "nope.c: error: no such file\n":
        fail("unexpected message: %r" % r.stderr)
    if os.path.exists(os.path.join(d, "out")):
        fail("something was written for a missing file")
    # Beside a good file: the good one is written, the run still fails.
    write(os.path.join(d, "good.c"), "int good(void) { return 1; }\n")
    r = rw("good.c", "nope.c", "-o", "out", cwd=d)
    expect(r, 1, "missing input beside a good one")
    if r.stderr != "nope.c: error: no such file\n":
        fail("unexpected message: %r" % r.stderr)
    if read(os.path.join(d, "out", "good.c")) != "int good(void) { return 1; }\n":
        fail("the good file was not written")
    if sorted(os.listdir(os.path.join(d, "out"))) != ["good.c"]:
        fail("unexpected output: %r" % os.listdir(os.path.join(d, "out")))


def test_unknown_option():
    d = fresh("unknown")
    r = rw("--frobnicate", "a.c", "-o", "out", cwd=d)
    expect(r, 2, "unknown option")
    if "unknown option '--frobnicate'" not in r.stderr:
        fail("unexpected message: %r" % r.stderr)
    expect(rw("a.c", cwd=d), 2, "no -o")
    expect(rw("-o", "out", cwd=d), 2, "no FILE")
    expect(rw("a.c", "-o", cwd=d), 2, "-o without value")
    expect(rw("--only", "x", "a.c", "-o", "out", cwd=d), 2, "--only without --all")


def test_help_version():
    r = rw("--help")
    expect(r, 0, "--help")
    if not r.stdout.startswith("usage: scope-rewrite"):
        fail("--help prints %r" % r.stdout[:80])
    r = rw("--version")
    expect(r, 0, "--version")
    if not r.stdout.startswith("scope-rewrite "):
        fail("--version prints %r" % r.stdout)


def test_outdir_onto_sources():
    d = fresh("onto")
    write(os.path.join(d, "src", "a.c"), ANNOTATED)
    write(os.path.join(d, "src", "helper.h"), "static int helper(int x) { return x; }\n")
    write(os.path.join(d, "out", "sub", "old.c"), "int old;\n")
    os.symlink(".", os.path.join(d, "here"))
    before = read(os.path.join(d, "src", "a.c"))
    for args, msg in ((["src/a.c", "-o", "."], "would overwrite the input"),
                      (["src/a.c", "-o", "src"], "would overwrite the input"),
                      (["src/a.c", "--root", "src", "-o", "src"],
                       "would overwrite the input"),
                      (["src/a.c", "-o", "src/.."], "would overwrite the input"),
                      # A symbolic link to the root is the root.
                      (["src/a.c", "-o", "here"], "would overwrite the input"),
                      # An input inside the output tree: refused before
                      # the other file is written.
                      (["src/a.c", "out/sub/old.c", "-o", "out"],
                       "output directory 'out' holds the input 'out/sub/old.c'"),
                      # An input file as the output directory.
                      (["src/a.c", "-o", "src/a.c"], "is not a directory")):
        r = rw(*args, cwd=d)
        expect(r, 2, " ".join(args))
        if msg not in r.stderr or not r.stderr.startswith("scope-rewrite: error: "):
            fail("%s: unexpected message: %r" % (" ".join(args), r.stderr))
        if read(os.path.join(d, "src", "a.c")) != before:
            fail("the source was changed")
        if os.path.exists(os.path.join(d, "src", "src")) or \
                os.listdir(os.path.join(d, "out")) != ["sub"]:
            fail("%s: something was written" % " ".join(args))


def test_output_paths():
    """A component of a copy's path that is a regular file: exit 2 before
    any copy is written. A file that fails leaves no stale copy from an
    earlier run. A copy whose bytes would not change is left alone (its
    mtime stays, so a build does not redo work)."""
    d = fresh("output-paths")
    write(os.path.join(d, "src", "a.c"), ANNOTATED)
    write(os.path.join(d, "src", "helper.h"), "static int helper(int x) { return x; }\n")
    write(os.path.join(d, "lib", "b.c"), "int b(void) { return 2; }\n")
    write(os.path.join(d, "out", "lib"), "not a directory\n")
    r = rw("src/a.c", "lib/b.c", "-o", "out", cwd=d)
    expect(r, 2, "a regular file in the copy's path")
    want = ("scope-rewrite: error: cannot write 'out/lib/b.c' (the copy of "
            "'lib/b.c'): 'out/lib' is not a directory\n")
    if r.stderr != want:
        fail("unexpected message: %r, expected %r" % (r.stderr, want))
    if sorted(os.listdir(os.path.join(d, "out"))) != ["lib"]:
        fail("something was written: %r" % os.listdir(os.path.join(d, "out")))
    os.makedirs(os.path.join(d, "out2", "src", "a.c"))
    r = rw("src/a.c", "lib/b.c", "-o", "out2", cwd=d)
    expect(r, 2, "a directory where the copy goes")
    if "cannot write 'out2/src/a.c' (the copy of 'src/a.c'): it is a directory" not in r.stderr:
        fail("unexpected message: %r" % r.stderr)
    if os.path.exists(os.path.join(d, "out2", "lib")):
        fail("b.c was written")

    # Unchanged copies keep their mtime; a changed one is written.
    os.remove(os.path.join(d, "out", "lib"))
    expect(rw("src/a.c", "lib/b.c", "-o", "out", "--depfile", "out/deps.d", cwd=d), 0, "first run")
    old = 1000000000
    paths = [os.path.join(d, "out", p) for p in ("src/a.c", "lib/b.c", "deps.d")]
    for p in paths:
        os.utime(p, (old, old))
    expect(rw("src/a.c", "lib/b.c", "-o", "out", "--depfile", "out/deps.d", cwd=d), 0, "second run")
    for p in paths:
        if os.stat(p).st_mtime != old:
            fail("%s was written again with the same bytes" % p)
    write(os.path.join(d, "lib", "b.c"), "int b(void) { return 3; }\n")
    expect(rw("src/a.c", "lib/b.c", "-o", "out", cwd=d), 0, "third run")
    if os.stat(paths[1]).st_mtime == old or read(paths[1]) != "int b(void) { return 3; }\n":
        fail("the changed copy was not written")
    if os.stat(paths[0]).st_mtime != old:
        fail("the unchanged copy was written")
    leftovers = [f for _, _, fs in os.walk(os.path.join(d, "out")) for f in fs
                 if f.startswith(".scope-rewrite")]
    if leftovers:
        fail("temporary files left: %r" % leftovers)

    # A file that fails now: its copy from the run before is removed, the
    # others stay.
    write(os.path.join(d, "src", "a.c"), ANNOTATED.replace("return s;", "return s"))
    r = rw("src/a.c", "lib/b.c", "-o", "out", cwd=d)
    expect(r, 1, "a file with a syntax error")
    if os.path.exists(paths[0]):
        fail("the stale copy of the failing src/a.c is still in OUTDIR")
    if not os.path.exists(paths[1]):
        fail("the good copy was removed")
    # So does a source that is gone.
    os.remove(os.path.join(d, "lib", "b.c"))
    r = rw("lib/b.c", "-o", "out", cwd=d)
    expect(r, 1, "a missing source")
    if os.path.exists(paths[1]):
        fail("the copy of the missing lib/b.c is still in OUTDIR")


CXX_SOURCE = """#include <vector>
// @profile
int total(const std::vector<int> &v)
{
    int s = 0;
    for (int x : v)
        s += x;
    return s;
}
"""


def test_cxx_input():
    """C++ input is refused with a located message, nothing written for it
    (exit 1 beside good C files; exit 2 for `-- -x c++`, which makes every
    file C++); scope-cc compiles C++ sources unchanged."""
    d = fresh("cxx")
    exts = ["cpp", "cc", "cxx", "C", "c++", "CPP", "hpp", "hh", "hxx"]
    for e in exts:
        write(os.path.join(d, "t." + e), CXX_SOURCE)
    write(os.path.join(d, "good.c"), "int good(void) { return 1; }\n")
    r = rw("good.c", *["t." + e for e in exts], "-o", "out", cwd=d)
    expect(r, 1, "C++ files")
    want = "".join("t.%s: error: C++ is not supported: scope-rewrite instruments C "
                   "only\n" % e for e in exts)
    if r.stderr != want:
        fail("unexpected messages:\n%s--- expected\n%s" % (r.stderr, want))
    if sorted(os.listdir(os.path.join(d, "out"))) != ["good.c"]:
        fail("written: %r" % os.listdir(os.path.join(d, "out")))
    for xflag in (["-x", "c++"], ["-xc++"], ["-x", "c++-header"]):
        r = rw("good.c", "-o", "out2", "--", *xflag, cwd=d)
        expect(r, 2, "-- %s" % " ".join(xflag))
        if not r.stderr.startswith("scope-rewrite: error: C++ is not supported"):
            fail("-- %s: %r" % (" ".join(xflag), r.stderr))
        if os.path.exists(os.path.join(d, "out2")):
            fail("-- %s wrote something" % " ".join(xflag))
    r = rw("--list", "t.cpp", cwd=d)
    expect(r, 1, "--list on C++")
    if not A.scope_cc or not shutil.which("c++"):
        return
    # scope-cc: the same object as the compiler alone makes.
    env = dict(os.environ, SCOPE_CC_INCLUDEDIR=A.include, SCOPE_CC_STRICT="1",
               SCOPE_CC_ALL="1")
    for cmd in (["c++", "-c", "t.cpp"], ["c++", "-c", "t.cc"], ["cc", "-x", "c++", "-c", "t.hpp"]):
        r = run([A.scope_cc] + cmd + ["-o", "wrapped.o"], cwd=d, env=env)
        expect(r, 0, "scope-cc " + " ".join(cmd))
        if r.stderr:
            fail("scope-cc %s says %r" % (" ".join(cmd), r.stderr))
        expect(run(cmd + ["-o", "plain.o"], cwd=d), 0, " ".join(cmd))
        with open(os.path.join(d, "wrapped.o"), "rb") as f1, \
                open(os.path.join(d, "plain.o"), "rb") as f2:
            if f1.read() != f2.read():
                fail("scope-cc %s: another object than the compiler's" % " ".join(cmd))


def test_outdir_unwritable():
    """An output directory that cannot be created or written: a usage error
    before anything is written (no file, no temporary file)."""
    d = fresh("unwritable")
    write(os.path.join(d, "a.c"), ANNOTATED)
    write(os.path.join(d, "b.c"), "int b(void) { return 2; }\n")
    write(os.path.join(d, "helper.h"), "static int helper(int x) { return x; }\n")
    write(os.path.join(d, "blocker"), "")
    listing = sorted(os.listdir(d))
    r = rw("a.c", "b.c", "-o", "blocker/out", cwd=d)
    expect(r, 2, "output below a regular file")
    want = ("scope-rewrite: error: output directory 'blocker/out' cannot be "
            "created: '%s' is not a directory\n" % os.path.realpath(os.path.join(d, "blocker")))
    if r.stderr != want:
        fail("unexpected message: %r, expected %r" % (r.stderr, want))
    if sorted(os.listdir(d)) != listing or read(os.path.join(d, "blocker")) != "":
        fail("something was written")
    # --list writes nothing, so it needs no usable output directory.
    expect(rw("--list", "a.c", "-o", "blocker/out", cwd=d), 0, "--list")
    if os.geteuid() == 0:
        # Permission bits do not stop root: the check cannot fail there.
        print("chmod 0500 case skipped: running as root, which permission "
              "bits do not stop from writing")
        return
    ro = os.path.join(d, "ro")
    os.makedirs(ro)
    os.chmod(ro, 0o500)
    try:
        r = rw("a.c", "-o", "ro/out", cwd=d)
        expect(r, 2, "read-only output parent")
        if "cannot be written: no write permission in" not in r.stderr:
            fail("unexpected message: %r" % r.stderr)
        if os.listdir(ro):
            fail("something was written")
    finally:
        os.chmod(ro, 0o700)


LIST_SKIPS = """#define STEP(v) (v) += 1;
#define TWICE(s) s s

// @profile("skips")
int skips(int n) {
    int arr[2] = { n, n };
    int s = ({
        int t = n;
        t * 2;
    });
    if (n > 1)
        TWICE(STEP(s))
#if 0
    s = 1 +;
    s = 2 +;
#endif
#include "frag.inc"
    int twice(int x) { return 2 * x; }
    return twice(s) + arr[0];
}

// @profile
int clean(void) { return 1; }
"""

LIST_SKIPS_OUT = """b.c:5: skips -> skips
b.c:7: note: not probed: statements inside a GNU statement expression (lines 7-10)
b.c:12: note: not probed: one macro expansion ends a statement and starts the next
b.c:14: note: not probed: inactive preprocessor branch (lines 14-15)
b.c:17: note: not probed: code from the included file 'frag.inc'
b.c:18: note: not probed: GNU nested function, which libclang does not parse
b.c:23: clean -> clean
"""


def test_list():
    d = fresh("list")
    write(os.path.join(d, "a.c"), ANNOTATED.replace(
        "    for (int", "    // @profile(\"loop\")\n    for (int"))
    write(os.path.join(d, "helper.h"), "static int helper(int x) { return x; }\n")
    r = rw("--list", "a.c", cwd=d)
    expect(r, 0, "--list")
    want = "a.c:5: work -> work\na.c:8: statement in work -> loop\n"
    if r.stdout != want:
        fail("--list prints %r, expected %r" % (r.stdout, want))
    if len(os.listdir(d)) != 2:
        fail("--list wrote something")
    # What is left unprobed, and why, under the function's entry.
    write(os.path.join(d, "b.c"), LIST_SKIPS)
    write(os.path.join(d, "frag.inc"), "n += 1;\n")
    r = rw("--list", "b.c", cwd=d)
    expect(r, 0, "--list with skips")
    if r.stdout != LIST_SKIPS_OUT:
        fail("--list prints:\n%s\nexpected:\n%s" % (r.stdout, LIST_SKIPS_OUT))
    if r.stderr:
        fail("--list says on stderr: %r" % r.stderr)
    # Region probes only: no line is probed, so nothing is listed as left out.
    r = rw("--list", "--no-lines", "b.c", cwd=d)
    if r.stdout != "b.c:5: skips -> skips\nb.c:23: clean -> clean\n":
        fail("--list --no-lines prints %r" % r.stdout)


def test_copy_and_includes():
    """Unannotated files are copied; quoted includes found beside the
    original point back to it; the copy builds from anywhere."""
    d = fresh("copy")
    write(os.path.join(d, "src", "a.c"), ANNOTATED)
    plain = "#include <stdlib.h>\nint unused_plain(void) { return abs(-1); }\n"
    write(os.path.join(d, "src", "plain.c"), plain)
    write(os.path.join(d, "src", "helper.h"), "static int helper(int x) { return x * 2; }\n")
    r = rw("src/a.c", "src/plain.c", "-o", "build/inst", cwd=d)
    expect(r, 0, "rewrite")
    if read(os.path.join(d, "build/inst/src/plain.c")) != plain:
        fail("unannotated file not copied byte for byte")
    out = read(os.path.join(d, "build/inst/src/a.c"))
    if '#include "../../../src/helper.h"\n' not in out:
        fail("quoted include not rewritten:\n" + out[:400])
    exe = os.path.join(d, "prog")
    r = run(["cc", "-DSCOPE_PROFILER_DISABLE", "-I" + os.path.join(SOURCE, "include"),
             "build/inst/src/a.c", "build/inst/src/plain.c", "-o", exe], cwd=d)
    expect(r, 0, "build of the copies")
    if run([exe]).stdout != "6\n":
        fail("the copy computes something else")


def test_already_instrumented():
    d = fresh("again")
    write(os.path.join(d, "a.c"), ANNOTATED)
    write(os.path.join(d, "helper.h"), "static int helper(int x) { return x; }\n")
    expect(rw("a.c", "-o", "out", cwd=d), 0, "first rewrite")
    r = rw("out/a.c", "--root", "out", "-o", "out2", cwd=d)
    expect(r, 1, "rewrite of an instrumented file")
    # Located at the first mark: the prologue's first descriptor.
    if r.stderr != ("out/a.c:4:1: error: already instrumented by scope-rewrite "
                    "(rewrite the original source instead)\n"):
        fail("unexpected message: %r" % r.stderr)
    if os.path.exists(os.path.join(d, "out2")):
        fail("something was written")


def test_same_file_twice():
    d = fresh("twice")
    write(os.path.join(d, "a.c"), ANNOTATED)
    write(os.path.join(d, "helper.h"), "static int helper(int x) { return x; }\n")
    os.symlink("a.c", os.path.join(d, "link.c"))
    r = rw("a.c", "./a.c", "link.c", "-o", "out", cwd=d)
    expect(r, 0, "same file twice")
    if r.stderr != ("./a.c: note: given more than once; rewritten once\n"
                    "link.c: note: given more than once; rewritten once\n"):
        fail("unexpected notes about the repeated file: %r" % r.stderr)
    if sorted(os.listdir(os.path.join(d, "out"))) != ["a.c"]:
        fail("unexpected output: %r" % os.listdir(os.path.join(d, "out")))


def test_outside_root():
    d = fresh("outside")
    write(os.path.join(d, "a.c"), "int x;\n")
    os.makedirs(os.path.join(d, "sub"))
    r = rw("../a.c", "-o", "out", cwd=os.path.join(d, "sub"))
    expect(r, 1, "file outside --root")
    if "outside the root directory" not in r.stderr:
        fail("unexpected message: %r" % r.stderr)


def test_compile_commands():
    """Macros that only exist with the database's -D and -I flags."""
    d = fresh("cdb")
    write(os.path.join(d, "src", "m.c"), """#include "cfg.h"
#include <stdio.h>

// @profile
static NUMBER scaled(NUMBER x) {
    NUMBER y = x * SCALE;
    return y;
}

int main(void) { printf("%d\\n", (int)scaled(4)); return 0; }
""")
    write(os.path.join(d, "inc", "cfg.h"), "#define NUMBER long\n")
    build = os.path.join(d, "build")
    os.makedirs(build)
    db = [{"directory": build,
           "arguments": ["cc", "-DSCALE=3", "-I../inc", "-c", "-o", "m.o",
                         "../src/m.c"],
           "file": "../src/m.c"}]
    write(os.path.join(build, "compile_commands.json"), json.dumps(db, indent=1))
    r = rw("src/m.c", "-o", "out", cwd=d)
    expect(r, 1, "without the database")
    r = rw("-p", "build", "src/m.c", "-o", "out", cwd=d)
    expect(r, 0, "with the database")
    exe = os.path.join(d, "prog")
    r = run(["cc", "-DSCALE=3", "-Iinc", "-DSCOPE_PROFILER_DISABLE",
             "-I" + os.path.join(SOURCE, "include"), "out/src/m.c", "-o", exe], cwd=d)
    expect(r, 0, "build")
    if run([exe]).stdout != "12\n":
        fail("wrong result")
    # The "command" form, with quoting.
    db[0].pop("arguments")
    db[0]["command"] = "cc '-DSCALE=3' -I ../inc -c ../src/m.c -o m.o"
    write(os.path.join(build, "compile_commands.json"), json.dumps(db))
    expect(rw("-p", "build", "src/m.c", "-o", "out", cwd=d), 0, "command form")
    write(os.path.join(build, "compile_commands.json"), "[{\"file\": 3,]")
    r = rw("-p", "build", "src/m.c", "-o", "out", cwd=d)
    expect(r, 2, "broken database")
    if "compile_commands.json:1:" not in r.stderr:
        fail("no located message for the broken database: %r" % r.stderr)


def test_all_only_exclude():
    """--all profiles every definition (an explicit annotation still names
    its region); --only and --exclude filter by function name."""
    d = fresh("all")
    write(os.path.join(d, "a.c"), """#define DEFINE_GETTER(name) int name(void) { return 7; }
static int helper(int x) { return x + 1; }

// @profile("named")
static int half(int x) { return x / 2; }

DEFINE_GETTER(seven)

int main(void) { return helper(half(seven())) - 4; }
""")
    r = rw("--all", "--list", "a.c", cwd=d)
    expect(r, 0, "--all --list")
    want = "a.c:2: helper -> helper\na.c:5: half -> named\na.c:9: main -> main\n"
    if r.stdout != want:
        fail("--all --list prints %r, expected %r" % (r.stdout, want))
    if "a.c:7:1: note: function 'seven' not profiled: its body comes from a macro" not in r.stderr:
        fail("no note about the macro-made function: %r" % r.stderr)
    r = rw("--all", "--exclude", "^(main|helper)$", "--list", "a.c", cwd=d)
    expect(r, 0, "--exclude")
    if r.stdout != "a.c:5: half -> named\n":
        fail("--exclude prints %r" % r.stdout)
    r = rw("--all", "--only", "^h", "--list", "a.c", cwd=d)
    if r.stdout != "a.c:2: helper -> helper\na.c:5: half -> named\n":
        fail("--only prints %r" % r.stdout)
    expect(rw("--all", "a.c", "-o", "out", cwd=d), 0, "--all rewrite")
    exe = os.path.join(d, "prog")
    r = run(["cc", "-Wall", "-Wextra", "-Werror", "-DSCOPE_PROFILER_DISABLE",
             "-I" + A.include, "out/a.c", "-o", exe], cwd=d)
    expect(r, 0, "build")
    if run([exe]).returncode != 0:
        fail("the --all copy computes something else")


def test_binary_and_empty():
    d = fresh("binary")
    with open(os.path.join(d, "bin.c"), "wb") as f:
        f.write(b"\x7fELF\x00\x01\x02")
    write(os.path.join(d, "empty.c"), "")
    r = rw("bin.c", "empty.c", "-o", "out", cwd=d)
    expect(r, 1, "binary file")
    if r.stderr != "bin.c:1:5: error: not a C source file (it contains NUL bytes)\n":
        fail("unexpected message: %r" % r.stderr)
    if os.path.exists(os.path.join(d, "out", "bin.c")):
        fail("output written for the binary file")
    if read(os.path.join(d, "out", "empty.c")) != "":
        fail("the empty file was not copied as is")


def test_include_fragment():
    """A fragment #included inside a profiled body: its statements are not
    probed, the include is pointed back at the original, the copy runs."""
    d = fresh("fragment")
    write(os.path.join(d, "src", "f.c"), """#include <stdio.h>

// @profile("frag")
static int f(int x) {
    x += 1;
#include "body.inc"
    return x;
}

int main(void) { printf("%d\\n", f(1)); return 0; }
""")
    write(os.path.join(d, "src", "body.inc"), "x *= 10;\n")
    r = rw("--list", "src/f.c", cwd=d)
    if r.stdout != ("src/f.c:4: f -> frag\nsrc/f.c:6: note: not probed: code "
                    "from the included file 'body.inc'\n"):
        fail("--list prints %r" % r.stdout)
    expect(rw("src/f.c", "-o", "out", cwd=d), 0, "rewrite")
    out = read(os.path.join(d, "out", "src", "f.c"))
    if '#include "../../src/body.inc"' not in out:
        fail("fragment include not rewritten:\n" + out)
    if not A.runtime or not os.path.exists(A.runtime):
        return
    exe = os.path.join(d, "prog")
    r = run(["cc"] + shlex.split(A.cflags) + ["-I" + A.include, "out/src/f.c",
             A.runtime, "-lpthread", "-lm", "-o", exe], cwd=d)
    expect(r, 0, "build")
    jpath = os.path.join(d, "report.json")
    env = dict(os.environ, SCOPE_PROFILER_JSON=jpath,
               SCOPE_PROFILER_OUTPUT=os.path.join(d, "report.txt"))
    r = run([exe], env=env)
    expect(r, 0, "run")
    if r.stdout != "20\n":
        fail("prints %r" % r.stdout)
    with open(jpath) as f:
        rows = {row["line"]: row["hits"] for row in json.load(f)["functions"][0]["lines"]}
    if rows != {3: 0, 4: 0, 5: 1, 6: 0, 7: 1, 8: 0}:
        fail("hits %r" % rows)


def test_werror_warnings():
    """Only errors stop a rewrite: a warning that the flags make an error
    is the compiler's to report on the copy, not the rewriter's."""
    d = fresh("werror")
    write(os.path.join(d, "w.c"), "// @profile\nint f(int x)\n{\n    int unused;\n"
          "    if (x = 2)\n        return 1;\n}\n")
    r = rw("w.c", "-o", "out", "--", "-Wall", "-Wextra", "-Werror", cwd=d)
    expect(r, 0, "a file whose warnings -Werror makes errors")
    if r.stderr:
        fail("unexpected messages: %r" % r.stderr)
    if "SCOPE_FRAME(scope__f0_w_c)" not in read(os.path.join(d, "out", "w.c")):
        fail("the copy is not instrumented")


def test_depfile():
    """--depfile: one Make rule per copy written, on its source and every
    header the parse read (each once, spaces escaped); none for --list."""
    d = fresh("depfile")
    write(os.path.join(d, "my defs.h"), "#define TWICE(x) x; x\n")
    write(os.path.join(d, "inc.h"), '#include "my defs.h"\n')
    write(os.path.join(d, "a.c"), '#include "inc.h"\n#include "my defs.h"\n// @profile\n'
          "int f(int a)\n{\n    TWICE(a++);\n    return a;\n}\n")
    write(os.path.join(d, "b.c"), "int g(void) { return 1; }\n")
    r = rw("a.c", "b.c", "-o", "out", "--depfile", "out/deps.d", cwd=d)
    expect(r, 0, "--depfile")
    rules = read(os.path.join(d, "out", "deps.d")).splitlines()
    want = [os.path.join(d, "out", "a.c").replace(" ", "\\ ") + ": "
            + " ".join(p.replace(" ", "\\ ") for p in
                       (os.path.join(d, "a.c"), os.path.join(d, "inc.h"),
                        os.path.join(d, "my defs.h"))),
            os.path.join(d, "out", "b.c") + ": " + os.path.join(d, "b.c")]
    if rules != want:
        fail("depfile:\n%s\nexpected:\n%s" % ("\n".join(rules), "\n".join(want)))
    expect(rw("--list", "a.c", "--depfile", "x.d", cwd=d), 2, "--list with --depfile")
    # A run with errors writes no depfile.
    write(os.path.join(d, "bad.c"), "// @profile\nint h(void) { return }\n")
    r = rw("a.c", "bad.c", "-o", "out2", "--depfile", "out2.d", cwd=d)
    expect(r, 1, "--depfile with a bad file")
    if os.path.exists(os.path.join(d, "out2.d")):
        fail("a depfile was written for a run with errors")


def test_openmp_parse():
    """Pragmas are found in the text: the golden case pragmas.c rewrites to
    the same bytes when parsed with -fopenmp (where clang makes OpenMP
    directives statements of their own)."""
    d = fresh("openmp")
    cases = os.path.join(SOURCE, "tests", "golden")
    r = rw(os.path.join(cases, "pragmas.c"), "--root", cases, "-o", d,
           "--", "-fopenmp")
    expect(r, 0, "rewrite with -fopenmp")
    if read(os.path.join(d, "pragmas.c")) != read(os.path.join(cases, "pragmas.expected.c")):
        fail("the -fopenmp parse gives another output than pragmas.expected.c")


def test_seed():
    """The seed example end to end: compute(50000) and allocate(100000)."""
    if not A.runtime or not os.path.exists(A.runtime):
        print("runtime not built: skipped")
        return
    d = fresh("seed")
    r = rw("examples/line_profiling.c", "-o", os.path.join(d, "inst"), cwd=SOURCE)
    expect(r, 0, "rewrite")
    exe = os.path.join(d, "line_profiling")
    r = run(["cc", "-O2"] + shlex.split(A.cflags) + ["-I" + A.include, os.path.join(d, "inst/examples/line_profiling.c"),
             A.runtime, "-lpthread", "-lm", "-o", exe])
    expect(r, 0, "build")
    jpath = os.path.join(d, "report.json")
    env = dict(os.environ, SCOPE_PROFILER_JSON=jpath,
               SCOPE_PROFILER_OUTPUT=os.path.join(d, "report.txt"))
    expect(run([exe], env=env), 0, "run")
    with open(jpath) as f:
        rep = json.load(f)
    regions = {r["name"]: r["calls"] for r in rep["regions"]}
    if regions != {"compute": 1, "allocate": 1}:
        fail("regions: %r" % regions)
    src = read(os.path.join(SOURCE, "examples/line_profiling.c")).split("\n")

    def hits_of(fn, needle):
        for f in rep["functions"]:
            if f["function"] == fn:
                for row in f["lines"]:
                    if needle in src[row["line"] - 1]:
                        return row["hits"]
        fail("no line %r in %s" % (needle, fn))

    checks = [("compute", "double s = 0.0;", 1),
              ("compute", "for (long i = 0; i < n; i++) {", 50001),
              ("compute", "double x = RANDOM();", 50000),
              ("compute", "s += sin(x)", 50000),
              ("compute", "return s;", 1),
              ("allocate", "a[i] = i * i;", 100001),
              ("allocate", "for (long i = 0; i < n; i++) {", 100001),
              ("allocate", "b[i] = i * i;", 100000),
              ("allocate", "return a;", 1)]
    for fn, needle, want in checks:
        got = hits_of(fn, needle)
        if got != want:
            fail("%s: %r has %d hits, expected %d" % (fn, needle, got, want))
    f0 = rep["functions"][0]
    if (f0["function"], f0["first_line"], f0["lines"][0]["text"]) != \
            ("compute", 10, '// @profile("compute")'):
        fail("compute's table does not start at its annotation: %r"
             % ((f0["function"], f0["first_line"], f0["lines"][0]["text"]),))


GCC_BRANCHES = """#include <assert.h>
#include <complex.h>
#include <ctype.h>
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tgmath.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/stat.h>
#include <sys/socket.h>

#if defined(__GNUC__) && __GNUC__ >= 5 && !defined(__clang__)
#define GCC_ONLY_ATTRS __attribute__((access(read_only, 1), noipa))
static void release(int *p) { free(p); }
static int *make(void) __attribute__((__malloc__(release, 1)));
static int *make(void) { return calloc(1, sizeof(int)); }
// @profile
static int GCC_ONLY_ATTRS modern(const int *n)
{
    int s = 0;
    for (int i = 0; i < *n; i++)
        s += __builtin_expect_with_probability(i, 1, 0.9);
    if (__builtin_has_attribute(modern, noreturn))
        s = -1;
    return s + (int)sqrt(0.0) + ATOMIC_INT_LOCK_FREE - 2;
}
#else
static int *make(void) { return calloc(1, sizeof(int)); }
static void release(int *p) { free(p); }
static int modern(const int *n) { return *n; }
#endif

int main(void)
{
    int n = 5, *p = make();
    printf("%d\\n", modern(&n));
    release(p);
    return 0;
}
"""


def test_cc_predefs():
    """--cc gcc (or a gcc command in compile_commands.json): the parse sees
    gcc's predefined macros, so the function under `#if __GNUC__ >= 5 &&
    !defined(__clang__)` is profiled, and gcc-only builtins and attributes
    there (and in the system headers' gcc branches) parse."""
    gcc = shutil.which("gcc")
    if not gcc or "clang" in run([gcc, "--version"]).stdout:
        print("no gcc: skipped")
        return
    d = fresh("cc-predefs")
    write(os.path.join(d, "m.c"), GCC_BRANCHES)
    flags = ["-O2", "-D_FORTIFY_SOURCE=2", "-D_GNU_SOURCE", "-pthread"]
    r = rw("--list", "m.c", "--", *flags, cwd=d)
    expect(r, 0, "--list with libclang's macros")
    if r.stdout:
        fail("libclang's own macros take the gcc branch: %r" % r.stdout)
    for cc in ("gcc", gcc):
        r = rw("--cc", cc, "--list", "m.c", "--", *flags, cwd=d)
        expect(r, 0, "--cc %s --list" % cc)
        if r.stdout != "m.c:36: modern -> modern\n" or r.stderr:
            fail("--cc %s --list: %r, %r" % (cc, r.stdout, r.stderr))
    r = rw("--cc", "clang", "--list", "m.c", "--", *flags, cwd=d)
    if r.returncode != 0 or r.stdout:
        fail("--cc clang: %r %r" % (r.stdout, r.stderr))
    r = rw("--cc", "no-such-compiler", "--list", "m.c", cwd=d)
    if r.returncode != 2 or "scope-rewrite: error: --cc: cannot run 'no-such-compiler" not in r.stderr:
        fail("--cc no-such-compiler: exit %d, %r" % (r.returncode, r.stderr))
    # The compiler of a compilation database's command, behind a launcher.
    b = os.path.join(d, "b")
    os.makedirs(b)
    with open(os.path.join(b, "compile_commands.json"), "w") as f:
        json.dump([{"directory": d, "file": "m.c",
                    "arguments": ["ccache", "gcc"] + flags + ["-c", "m.c", "-o", "m.o"]}], f)
    r = rw("-p", b, "--list", "m.c", cwd=d)
    if r.returncode != 0 or r.stdout != "m.c:36: modern -> modern\n":
        fail("-p with a gcc command: %r %r" % (r.stdout, r.stderr))
    # The copy builds warning-free with gcc and counts the loop.
    expect(rw("--cc", "gcc", "m.c", "-o", "out", "--", *flags, cwd=d), 0, "rewrite")
    if not A.runtime or not os.path.exists(A.runtime):
        return
    exe = os.path.join(d, "prog")
    r = run([gcc, "-Wall", "-Wextra", "-Werror"] + flags + shlex.split(A.cflags)
            + ["-I" + A.include, "out/m.c", A.runtime, "-lpthread", "-lm", "-o", exe], cwd=d)
    expect(r, 0, "gcc -Werror on the copy")
    out, rep = run_report(exe, d)
    if out != "10\n":
        fail("prints %r" % out)
    rows = [row["hits"] for row in rep["functions"][0]["lines"] if row["hits"]]
    if rep["functions"][0]["function"] != "modern" or rows != [1, 6, 5, 1, 1]:
        fail("modern's hits: %r" % rows)
    # scope-cc passes its compiler on, and the flags libclang does not
    # take but that change gcc's macros (-ffast-math: __FAST_MATH__).
    if not A.scope_cc:
        return
    write(os.path.join(d, "fast.c"), '#include <stdio.h>\n#ifdef __FAST_MATH__\n'
          '// @profile\nstatic int fast(void) { return 1; }\n#else\n'
          'static int fast(void) { return 0; }\n#endif\n'
          'int main(void) { printf("%d\\n", fast()); return 0; }\n')
    for src, want in (("m.c", "modern"), ("fast.c", "fast")):
        e = dict(os.environ, SCOPE_CC_INCLUDEDIR=A.include, SCOPE_CC_STRICT="1")
        r = run([A.scope_cc, gcc, "-Wall", "-Werror", "-ffast-math"] + flags
                + shlex.split(A.cflags) + [src, "-o", exe], cwd=d, env=e)
        expect(r, 0, "scope-cc gcc " + src)
        out, rep = run_report(exe, d)
        if [f["function"] for f in rep["functions"]] != [want]:
            fail("scope-cc gcc %s profiles %r" % (src, rep["functions"]))


SCOPE_CC_LIB = """#include <stdio.h>

// @profile
static int work(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += i %% DIVISOR;
    return s;
}

int %(name)s(int n)
{
    printf("%%s\\n", __FILE__);
    return work(n);
}
"""

SCOPE_CC_MAIN = """#include <stdio.h>
int left(int n);
int right(int n);
int main(void)
{
    int a = left(4);
    int b = right(7);
    printf("%d %d\\n", a, b);
    return 0;
}
"""


def scope_cc(args, cwd, env=None):
    """Runs the scope-cc wrapper around the host compiler."""
    e = dict(os.environ, SCOPE_CC_INCLUDEDIR=A.include)
    e.update(env or {})
    return run([A.scope_cc, "cc"] + shlex.split(A.cflags) + list(args),
               cwd=cwd, env=e)


def need_scope_cc():
    if not A.scope_cc or not A.runtime or not os.path.exists(A.runtime):
        print("scope-cc or the runtime not built: skipped")
        return False
    return True


def run_report(exe, d, env=None):
    """Runs `exe` with its report going to JSON; returns (stdout, report)."""
    jpath = os.path.join(d, "report.json")
    if os.path.exists(jpath):
        os.remove(jpath)
    e = dict(os.environ, SCOPE_PROFILER_JSON=jpath,
             SCOPE_PROFILER_OUTPUT=os.path.join(d, "report.txt"))
    e.update(env or {})
    r = run([exe], cwd=d, env=e)
    expect(r, 0, "run " + exe)
    with open(jpath) as f:
        return r.stdout, json.load(f)


def test_scope_cc_paths():
    """scope-cc keeps every path as the compiler was given it: __FILE__,
    the compiler's diagnostics, the debug line table and the report name
    left/w.c and ../p/right/w.c, so two w.c in different directories stay
    two tables."""
    if not need_scope_cc():
        return
    d = fresh("scope-cc-paths")
    p = os.path.join(d, "p")
    # left/w.c takes DIVISOR and a __FILE__ from a header beside it.
    write(os.path.join(p, "left", "defs.h"), "#define DIVISOR 2\n"
          "static const char *defs_file(void) { return __FILE__; }\n")
    write(os.path.join(p, "left", "w.c"), '#include "defs.h"\n'
          + (SCOPE_CC_LIB % {"name": "left"}).replace(
              "    return work(n);", '    printf("%s\\n", defs_file());\n    return work(n);'))
    write(os.path.join(p, "right", "w.c"),
          (SCOPE_CC_LIB % {"name": "right"}).replace("DIVISOR", "3"))
    write(os.path.join(p, "main.c"), SCOPE_CC_MAIN)
    b = os.path.join(d, "b")
    os.makedirs(b)
    expect(scope_cc(["-g", "-MMD", "-c", "left/w.c", "-o", "left.o"], cwd=p), 0,
           "scope-cc -c left/w.c")
    deps = [w for w in read(os.path.join(p, "left.d")).split()
            if w != "\\" and not w.endswith("/scope_profiler.h")]
    if deps != ["left.o:", "left/w.c", "left/defs.h"]:
        fail("left.d lists %r" % deps)
    r = scope_cc(["-g", "-c", "../p/right/w.c", "-o", "right.o"], cwd=b)
    expect(r, 0, "scope-cc -c ../p/right/w.c")
    expect(scope_cc(["-c", "main.c", "-o", "main.o"], cwd=p), 0, "scope-cc main.c")
    exe = os.path.join(d, "prog")
    expect(scope_cc(["left.o", os.path.join(b, "right.o"), "main.o", "-o", exe], cwd=p),
           0, "scope-cc link")
    out, rep = run_report(exe, d)
    if out != "left/w.c\nleft/defs.h\n../p/right/w.c\n2 6\n":
        fail("__FILE__ and results: %r" % out)
    got = sorted((f["file"], f["function"],
                  [row["hits"] for row in f["lines"] if row["hits"]])
                 for f in rep["functions"])
    want = [("../p/right/w.c", "work", [1, 8, 7, 1]),
            ("left/w.c", "work", [1, 5, 4, 1])]
    if got != want:
        fail("report functions %r, expected %r" % (got, want))
    # Debug information: the line table names the original as given.
    readelf = shutil.which("readelf")
    if readelf:
        r = run([readelf, "--debug-dump=line", os.path.join(b, "right.o")])
        if "scope-cc." in r.stdout or "right" not in r.stdout:
            fail("the line table names the temporary copy:\n" + r.stdout)
        r = run([readelf, "--debug-dump=info", os.path.join(b, "right.o")])
        if "scope-cc." in r.stdout:
            fail("the debug information names the temporary copy:\n"
                 + "\n".join(l for l in r.stdout.splitlines() if "scope-cc." in l))
    # The compiler's diagnostics on the copy name the original as given.
    write(os.path.join(p, "warn", "w.c"), "// @profile\nint warned(void)\n{\n"
          "    int unused_here;\n    return 1;\n}\n")
    r = scope_cc(["-Wall", "-c", "warn/w.c", "-o", "warn.o"], cwd=p)
    expect(r, 0, "scope-cc -Wall -c warn/w.c")
    if "warn/w.c:4:9: warning: unused variable" not in r.stderr:
        fail("the warning is not located at warn/w.c:4:9: %r" % r.stderr)


def test_scope_cc_all():
    """SCOPE_CC_ALL=1 profiles every function of every C source, annotated
    or not (scope-rewrite --all); SCOPE_CC_ONLY and SCOPE_CC_EXCLUDE select
    by function name; either without SCOPE_CC_ALL is refused."""
    if not need_scope_cc():
        return
    d = fresh("scope-cc-all")
    write(os.path.join(d, "a.c"), """#include <stdio.h>
static int twice(int x) { return 2 * x; }
static int inc(int x)
{
    return x + 1;
}
int main(void)
{
    printf("%d\\n", twice(inc(3)));
    return 0;
}
""")
    exe = os.path.join(d, "prog")

    def functions(env):
        expect(scope_cc(["-O2", "a.c", "-o", exe], cwd=d, env=env), 0,
               "scope-cc %r" % env)
        out, rep = run_report(exe, d)
        if out != "8\n":
            fail("%r: prints %r" % (env, out))
        return sorted(f["function"] for f in rep["functions"])

    got = functions({"SCOPE_CC_ALL": "1"})
    if got != ["inc", "main", "twice"]:
        fail("SCOPE_CC_ALL=1 profiles %r" % got)
    got = functions({"SCOPE_CC_ALL": "1", "SCOPE_CC_EXCLUDE": "^main$"})
    if got != ["inc", "twice"]:
        fail("SCOPE_CC_EXCLUDE=^main$ profiles %r" % got)
    got = functions({"SCOPE_CC_ALL": "1", "SCOPE_CC_ONLY": "^(inc|main)$",
                     "SCOPE_CC_EXCLUDE": "^main$"})
    if got != ["inc"]:
        fail("SCOPE_CC_ONLY with SCOPE_CC_EXCLUDE profiles %r" % got)
    # Without SCOPE_CC_ALL the file has no annotation: nothing is profiled.
    expect(scope_cc(["a.c", "-o", exe], cwd=d), 0, "scope-cc without ALL")
    r = run([exe], cwd=d, env=dict(os.environ, SCOPE_PROFILER_JSON=os.path.join(d, "n.json")))
    expect(r, 0, "run without ALL")
    r = scope_cc(["a.c", "-o", exe], cwd=d, env={"SCOPE_CC_ONLY": "^inc$"})
    if r.returncode != 2 or "scope-cc: error: SCOPE_CC_ONLY" not in r.stderr:
        fail("SCOPE_CC_ONLY without SCOPE_CC_ALL: exit %d, %r" % (r.returncode, r.stderr))
    r = scope_cc(["a.c", "-o", exe], cwd=d, env={"SCOPE_CC_ALL": "1", "SCOPE_CC_ONLY": "(("})
    if r.returncode != 2 or "invalid regular expression" not in r.stderr:
        fail("a bad SCOPE_CC_ONLY: exit %d, %r" % (r.returncode, r.stderr))


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--rewriter", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runtime")
    ap.add_argument("--include", default=os.path.join(SOURCE, "include"))
    ap.add_argument("--cflags", default="",
                    help="extra flags for programs linked with the runtime")
    ap.add_argument("--scope-cc", help="the scope-cc wrapper of this build")
    ap.add_argument("test")
    ap.add_argument("arg", nargs="?")
    A = ap.parse_args()
    A.rewriter = os.path.abspath(A.rewriter)
    A.work = os.path.abspath(A.work)
    A.include = os.path.abspath(A.include)
    if A.runtime:
        A.runtime = os.path.abspath(A.runtime)
    if A.scope_cc:
        A.scope_cc = os.path.abspath(A.scope_cc)
    os.makedirs(A.work, exist_ok=True)
    fn = globals().get("test_" + A.test)
    if not fn:
        fail("no test " + A.test)
    fn(A.arg) if A.arg else fn()
    print("ok")


main()
