# projects.py - the recipes of the real-world corpus: which Debian source
# package, how the project builds (its own build system and flags, as a user
# would build it) and which of its tests run.
#
# The flags are the project's: its Makefile's CFLAGS, its configure's, its
# CMakeLists'. Where a project offers a stricter mode of its own
# (--enable-werror), the corpus turns it on, because that is where inserted
# code breaks builds. Static libraries only (--disable-shared) where libtool
# would otherwise compile every file twice: the code is the same.
#
# Suites: AutomakeSuite (make check, results from .trs, outputs from .log),
# CTestSuite (ctest's JUnit file), CommandSuite (named commands: exit status
# plus stdout and stderr), TapSuite (one runner printing TAP lines).
import os
import re
import subprocess

import realworld as rw

HERE = os.path.dirname(os.path.abspath(__file__))


class TapSuite:
    """One runner that prints `ok N - name` / `not ok N - name` lines."""

    def __init__(self, command, timeout=1800, env=None):
        self.command, self.timeout, self.env = command, timeout, dict(env or {})

    def run(self, b, env):
        env = dict(env, **self.env)
        cmd = [b.subst(c) for c in self.command]
        out = os.path.join(b.logs, "tap.log")
        with open(out, "wb") as f:
            try:
                subprocess.run(cmd, cwd=b.subst("{src}"), env=env, stdin=subprocess.DEVNULL,
                               stdout=f, stderr=subprocess.STDOUT, timeout=self.timeout,
                               start_new_session=True)
            except subprocess.TimeoutExpired:
                pass
        results = {}
        for line in open(out, errors="replace"):
            m = re.match(r"(not ok|ok) \d+ - (\S+)(.*)", line)
            if m:
                status = "passed" if m.group(1) == "ok" else "failed"
                if "# SKIP" in m.group(3):
                    status = "skipped"
                results[m.group(2)] = (status, None)
        return results or {"tap": ("NO-TESTS-RAN", None)}


class Project:
    def __init__(self, name, package, system, covers, suite, routes=("scope-cc",),
                 configure=(), make=(), cmake=(), out_of_tree=False, build_timeout=1800,
                 extra_build=(), test_fixes=(), unstable_tests=(), hits_vary="",
                 timed_functions=()):
        self.name, self.package, self.system, self.covers = name, package, system, covers
        # Every project is also built with a clock read per line
        # (scope-cc-det), and its hits must equal the sampled build's.
        self.suite, self.routes = suite, list(routes) + ["scope-cc-det"]
        # Why the suite's hits vary from run to run (threads, timers), if
        # they do: then the two builds' hits are not compared.
        self.hits_vary = hits_vary
        # Functions whose branches test the program's own time measurements
        # (a slower build takes other branches): their hits are not compared.
        self.timed_functions = set(timed_functions)
        self.configure, self.make, self.cmake = list(configure), list(make), list(cmake)
        self.extra_build = list(extra_build)
        # (file, pattern, replacement): a test whose result depends on the
        # machine's scheduling or clock, made deterministic in every build
        # alike (plain too); each entry says why, with its evidence.
        self.test_fixes = list(test_fixes)
        # Tests whose result varies between runs of the plain build on this
        # machine: run and counted, not compared (the recipe says why).
        self.unstable_tests = list(unstable_tests)
        self.out_of_tree = out_of_tree or system == "cmake"
        self.build_timeout = build_timeout

    def build_steps(self, b):
        jobs = "-j%d" % b.ctx.jobs
        if self.system == "make":
            steps = [("make", ["make", jobs, "CC=" + b.cc()] + [b.subst(a) for a in self.make])]
        elif self.system == "autotools":
            steps = [("configure", ["./configure", "CC=" + b.cc()] + [b.subst(a) for a in self.configure]),
                     ("make", ["make", jobs] + [b.subst(a) for a in self.make])]
        else:
            steps = [("cmake", ["cmake", "-S", b.src, "-B", b.bld, "-DCMAKE_BUILD_TYPE=Release"]
                      + b.cmake_args() + [b.subst(a) for a in self.cmake]),
                     ("build", ["cmake", "--build", b.bld, jobs])]
        for name, cmd in self.extra_build:
            steps.append((name, [b.subst(c) for c in cmd]))
        return steps


def mujs_scripts(b):
    d = os.path.join(HERE, "mujs")
    return [(n, ["{src}/build/release/mujs", os.path.join(d, n)])
            for n in sorted(os.listdir(d)) if n.endswith(".js")]


def lzo_commands(b):
    # The commands of lzo's own `make test`, less util/check.sh's sweep of
    # the whole source tree with every method (minutes, and the same code).
    copying = "{src}/COPYING"
    return [("lzotest -mlzo", ["./lzotest/lzotest", "-mlzo", "-n2", "-q", copying]),
            ("lzotest -mavail", ["./lzotest/lzotest", "-mavail", "-n10", "-q", copying]),
            ("tests/align", ["./tests/align"]),
            ("tests/chksum", ["./tests/chksum"]),
            ("examples/simple", ["./examples/simple"]),
            ("minilzo/testmini", ["./minilzo/testmini"])]


# What a suite prints that changes from run to run whatever is built.
TIMES = [(r"\b\d+(\.\d+)? ?(sec|s|ms)\b", "<time>")]
ADDRESSES = [(r"0x[0-9a-f]{6,}", "<address>")]
# lzotest's last two columns: compression and decompression speed (MB/s).
LZO_SPEEDS = [(r"\s+\d+\.\d{3}\s+\d+\.\d{3} \|$", " <speed> <speed> |")]
# lzotest's closing line is time(NULL) at the end less time(NULL) at the
# start: a run of 0.14 s reads "1 seconds" whenever it spans a second
# boundary (2 of 12 profiled and 1 of 30 plain runs of -mlzo), so it is the
# clock, not the program's output. This was the "1 of 6 outputs differ" of
# -mlzo and -mavail: every other line was identical, and valgrind's memcheck
# reports no error on the plain lzotest -mlzo or -mavail, so no
# uninitialised read of LZO1F's work memory is involved.
LZO_TIME = [(r"^(lzotest: execution time: )\d+ seconds$", r"\1<seconds> seconds")]

# pcre2's RunGrepTest: a callout script runs /bin/echo in a child, and
# pcre2grep flushes its buffered stdout in the parent only after fork()
# (pcre2grep.c: fork, then fflush in the parent), so whether the last
# matched line comes before or after the child's echo is a race the parent
# usually wins. Any scheduling point after the fork loses it: the plain
# build, with an LD_PRELOAD shim whose pthread_atfork parent handler only
# calls nanosleep for 0 us, gave 3 of 10 runs in the wrong order (the same
# orders the profiled build gave in 11 of 20). --line-buffered, pcre2grep's
# own option, flushes every line as it is written, so the child always
# follows the line before it: 15 of 15 runs right in both builds, under a
# 1 ms delay after each fork. The expected output is unchanged.
PCRE2_CALLOUT_ORDER = [("RunGrepTest", r"^(\s*\$valgrind \$vjs \$pcre2grep )(.*\(\?C\"/bin/echo\|)",
                        r"\1--line-buffered \2")]

PROJECTS = [
    Project("bzip2", "bzip2", "make", "plain Make, C89, -Winline",
            rw.CommandSuite(lambda b: [("make test", ["make", "test", "CC=" + b.cc()])]),
            make=["bzip2", "bzip2recover", "libbz2.a"]),
    Project("mujs", "mujs", "make", "interpreter unwinding with setjmp/longjmp; -std=c99 -pedantic",
            rw.CommandSuite(mujs_scripts), make=["build=release"]),
    Project("xz-utils", "xz-utils", "autotools", "heavy macros, --enable-werror with xz's warning set",
            rw.AutomakeSuite(dirs=["tests"]),
            configure=["--enable-werror", "--disable-shared", "--disable-nls", "--disable-doc"]),
    Project("lzo2", "lzo2", "autotools", "heavy macros, C89 style",
            rw.CommandSuite(lzo_commands, subs=LZO_SPEEDS + LZO_TIME + ADDRESSES), configure=["--disable-shared"],
            # lzotest's print_stats computes a speed only where the measured
            # time exceeds 1 ms (`c_secs > 0.001`): the slower clock-per-line
            # build crossed it in 57 blocks, the sampled one in 45.
            timed_functions=["print_stats"]),
    Project("pcre2", "pcre2", "autotools", "heavy macros, code included twice with other macros",
            rw.AutomakeSuite(), configure=["--disable-shared"], test_fixes=PCRE2_CALLOUT_ORDER),
    Project("libpng1.6", "libpng1.6", "autotools", "strict -std=c89 -pedantic -Werror",
            rw.AutomakeSuite(timeout=3600),
            configure=["--enable-werror", "--disable-shared", "CFLAGS=-O2 -std=c89 -pedantic"]),
    Project("cmark", "cmark", "cmake", "CMake (both routes), -Wall -Wextra -pedantic, python spec tests",
            rw.CTestSuite(subs=TIMES), routes=("scope-cc", "cmake"),
            cmake=["-DCMARK_SHARED=OFF"]),
    Project("brotli", "brotli", "cmake", "CMake, macros, roundtrip tests through the CLI",
            rw.CTestSuite(subs=TIMES)),
    Project("libuv1", "libuv1", "cmake", "threads, fork, signals; CMake",
            # libuv's runner refuses to start as root ("The libuv test
            # suite cannot be run as root") unless UV_RUN_AS_ROOT is set; the
            # corpus runs as root here, so every build is told so alike.
            TapSuite(["{bld}/uv_run_tests_a"], env={"UV_RUN_AS_ROOT": "1"}),
            cmake=["-DBUILD_TESTING=ON"],
            # tcp_close_while_connecting connects to 1.2.3.4 expecting the
            # attempt to hang until a 1 ms timer closes the handle
            # (ECANCELED) or to fail with ENETUNREACH. This machine has a
            # default route and no network behind it, so the connect fails
            # at once with another error, racing the timer: the plain
            # build passed 1 of 10 runs (assertion at line 45 in the other
            # 9). Its sibling tcp_connect_timeout fails the same way in
            # every run of either build, and stays compared.
            unstable_tests=["tcp_close_while_connecting"],
            # Its tests race threads, timers and the event loop against each
            # other by design: how often a loop polls differs between any
            # two runs of the same build.
            hits_vary="threads, timers and event-loop polling"),
]
