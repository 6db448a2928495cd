#!/usr/bin/env python3
# realworld.py - the real-world corpus: real C projects from Debian source
# packages, built plain and with every function profiled, under their own
# flags and test suites.
#
#   realworld.py --scope-build BUILD [--work DIR] [--cache DIR] PROJECT...
#   realworld.py --scope-build BUILD --all          (every project, then a table)
#   realworld.py --list                             (the projects and their routes)
#
# For each project: fetch its Debian source package (apt-get source through a
# private apt directory, so the machine's own apt configuration is never
# read for writing nor changed), unpack it once per build, build it plain and
# through each profiling route (scope-cc with SCOPE_CC_ALL=1; for CMake
# projects also scope_profiler_instrument(ALL) injected through
# CMAKE_PROJECT_INCLUDE), run the project's own tests in every build, and
# require: the build succeeds and gives no compiler warning the plain build
# does not (size and optimiser warnings excepted), at least one function is profiled, the set
# of passing tests is the plain build's, the test programs' outputs are the
# plain build's where the suite keeps them, and every profiled process left
# a complete report. The plain build is the oracle, so a suite whose tests
# fail here for reasons of the machine (no network) still compares exactly.
#
# Exit status: 0 every project passed, 1 one failed, 77 the sources could
# not be had at all ("skipped: sources unavailable"; ctest's
# SKIP_RETURN_CODE), 2 bad usage. No other reason skips.
#
# Standard library only: the corpus must run wherever the test suite does.
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

SKIP = 77


class Unavailable(Exception):
    """The Debian archive could not be reached and nothing is cached."""


def log(msg):
    print(msg, flush=True)


def run(cmd, cwd, env, logfile, timeout, stdin=subprocess.DEVNULL):
    """Run cmd (a list) with its output appended to logfile; return
    (exit status, seconds). A time-out is status 124, as timeout(1) says."""
    t0 = time.monotonic()
    with open(logfile, "ab") as f:
        f.write(("$ (cd %s && %s)\n" % (cwd, " ".join(shlex.quote(c) for c in cmd))).encode())
        f.flush()
        try:
            p = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT,
                               stdin=stdin, timeout=timeout, start_new_session=True)
            status = p.returncode
        except subprocess.TimeoutExpired:
            f.write(b"\n*** timed out\n")
            status = 124
        except OSError as e:
            f.write(("\n*** cannot run: %s\n" % e).encode())
            status = 127
    return status, time.monotonic() - t0


# ---------------------------------------------------------------------------
# Sources: a private apt directory with one deb-src entry.
# ---------------------------------------------------------------------------

def machine_mirror():
    """The Debian mirror and suite this machine uses (read, never changed),
    so the corpus fetches from where the machine's own packages come."""
    uri, suite = "http://deb.debian.org/debian", None
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("VERSION_CODENAME="):
                    suite = line.split("=", 1)[1].strip().strip('"') or None
    except OSError:
        pass
    candidates = ["/etc/apt/sources.list"]
    d = "/etc/apt/sources.list.d"
    if os.path.isdir(d):
        candidates += [os.path.join(d, n) for n in sorted(os.listdir(d))
                       if n.endswith((".list", ".sources"))]
    for path in candidates:
        try:
            text = open(path).read()
        except OSError:
            continue
        m = re.search(r"^\s*URIs:\s*(\S*debian)\s*$", text, re.M) or \
            re.search(r"^\s*deb\s+(?:\[[^]]*\]\s+)?(\S*/debian)\s", text, re.M)
        if m:
            uri = m.group(1)
            break
    return (os.environ.get("SCOPE_REALWORLD_MIRROR", uri),
            os.environ.get("SCOPE_REALWORLD_SUITE", suite or "bookworm"))


class Archive:
    def __init__(self, cache):
        self.cache = cache
        self.apt = os.path.join(cache, "apt")
        self.dl = os.path.join(cache, "sources")
        self.updated = False

    def apt_opts(self):
        o = ["-o", "Dir::Etc::SourceList=/dev/null",
             "-o", "Dir::Etc::SourceParts=" + os.path.join(self.apt, "sources.list.d"),
             "-o", "Dir::State::Lists=" + os.path.join(self.apt, "lists"),
             "-o", "Dir::Cache=" + os.path.join(self.apt, "cache"),
             "-o", "Dir::Etc::Preferences=/dev/null",
             "-o", "Dir::Etc::PreferencesParts=/dev/null",
             "-o", "Acquire::Retries=2", "-q"]
        if os.geteuid() == 0:
            # The private directories belong to root; apt's download user
            # could not write them.
            o += ["-o", "APT::Sandbox::User=root"]
        return o

    def setup(self):
        for sub in ("sources.list.d", "lists/partial", "cache/archives/partial"):
            os.makedirs(os.path.join(self.apt, sub), exist_ok=True)
        uri, suite = machine_mirror()
        entry = "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n" % (uri, suite)
        key = "/usr/share/keyrings/debian-archive-keyring.gpg"
        if os.path.exists(key):
            entry += "Signed-By: %s\n" % key
        path = os.path.join(self.apt, "sources.list.d", "realworld.sources")
        if not os.path.exists(path) or open(path).read() != entry:
            with open(path, "w") as f:
                f.write(entry)

    def update(self, logfile):
        if self.updated:
            return
        self.setup()
        status, _ = run(["apt-get"] + self.apt_opts() + ["update"], self.apt, None, logfile, 600)
        lists = os.path.join(self.apt, "lists")
        have = any("Sources" in n for n in os.listdir(lists))
        text = open(logfile, errors="replace").read()
        if status != 0 or not have or re.search(r"^(W|E): Failed to fetch", text, re.M):
            raise Unavailable("apt-get update of the private deb-src entry failed (see %s)" % logfile)
        self.updated = True

    def fetch(self, package, logfile):
        """The .dsc of package, downloaded once into the cache."""
        pdir = os.path.join(self.dl, package)
        dsc = self._dsc(pdir)
        if dsc:
            return dsc
        self.update(logfile)
        tmp = pdir + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        status, _ = run(["apt-get"] + self.apt_opts() + ["source", "--download-only", package],
                        tmp, None, logfile, 900)
        text = open(logfile, errors="replace").read()
        if status != 0:
            if re.search(r"Failed to fetch|Could not resolve|Temporary failure|Connection failed"
                         r"|Unable to connect", text):
                raise Unavailable("cannot download %s (see %s)" % (package, logfile))
            raise RuntimeError("apt-get source %s failed (see %s)" % (package, logfile))
        shutil.rmtree(pdir, ignore_errors=True)
        os.rename(tmp, pdir)
        dsc = self._dsc(pdir)
        if not dsc:
            raise RuntimeError("apt-get source %s left no .dsc (see %s)" % (package, logfile))
        return dsc

    @staticmethod
    def _dsc(pdir):
        if not os.path.isdir(pdir):
            return None
        found = sorted(n for n in os.listdir(pdir) if n.endswith(".dsc"))
        return os.path.join(pdir, found[-1]) if found else None


def unpack(dsc, dest, logfile):
    """dpkg-source -x into dest (fresh): the upstream tree with Debian's
    patches applied, as Debian builds it."""
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    status, _ = run(["dpkg-source", "--no-check", "--no-copy", "-x", dsc, dest],
                    os.path.dirname(dest), None, logfile, 600)
    if status != 0:
        raise RuntimeError("dpkg-source -x %s failed (see %s)" % (dsc, logfile))
    return os.path.basename(dsc).split("_")[1][:-len(".dsc")]


# ---------------------------------------------------------------------------
# One build of one project: plain, or through a profiling route.
# ---------------------------------------------------------------------------

class Build:
    """Paths and environment of one variant (plain, scope-cc, cmake)."""

    def __init__(self, ctx, project, variant):
        self.ctx = ctx
        self.project = project
        self.variant = variant
        self.root = os.path.join(ctx.work, project.name, variant)
        self.src = os.path.join(self.root, "src")
        self.bld = self.src if not project.out_of_tree else os.path.join(self.root, "build")
        self.reports = os.path.join(self.root, "reports")
        self.build_reports = os.path.join(self.root, "build-reports")
        self.logs = os.path.join(self.root, "logs")
        self.profiled = variant != "plain"

    def prepare(self, dsc):
        shutil.rmtree(self.root, ignore_errors=True)
        for d in (self.logs, self.reports, self.build_reports):
            os.makedirs(d)
        self.version = unpack(dsc, self.src, self.logfile("unpack"))
        for path, pattern, replacement in self.project.test_fixes:
            fix_test(os.path.join(self.src, path), pattern, replacement)
        if self.bld != self.src:
            os.makedirs(self.bld)

    def logfile(self, step):
        return os.path.join(self.logs, step + ".log")

    def cc(self):
        """The C compiler command a Make or configure build is given."""
        if self.variant in ("scope-cc", "scope-cc-det"):
            return "%s %s" % (self.ctx.scope_cc, self.ctx.cc)
        return self.ctx.cc

    def env(self, reports):
        e = dict(os.environ)
        for k in list(e):
            if k.startswith(("SCOPE_PROFILER", "SCOPE_CC_", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")):
                del e[k]
        e["LC_ALL"] = "C"
        e["TZ"] = "UTC"
        if self.profiled:
            e["SCOPE_CC_ALL"] = "1"
            e["SCOPE_CC_STRICT"] = "1"
            # scope-cc-det: the same copies with a clock read per line, whose
            # every probe counts; its hits check the sampled build's, where
            # the followers of straight-line runs take their leader's count.
            e["SCOPE_CC_SAMPLED"] = "0" if self.variant == "scope-cc-det" else "1"
            # The report contract: a file per process in SCOPE_PROFILER_DIR,
            # nothing on the program's stdout and stderr. A runtime that
            # predates it is told where to write through OUTPUT and JSON.
            e["SCOPE_PROFILER_DIR"] = reports
            if not self.ctx.report_dir_contract:
                e["SCOPE_PROFILER_OUTPUT"] = os.path.join(reports, "%p.txt")
                e["SCOPE_PROFILER_JSON"] = os.path.join(reports, "%p.json")
        return e

    def subst(self, word):
        return word.format(cc=self.cc(), src=self.src, bld=self.bld, jobs=str(self.ctx.jobs),
                           here=HERE)

    def cmake_args(self):
        """Extra configure arguments of a CMake project for this variant."""
        if self.variant in ("scope-cc", "scope-cc-det"):
            # The launcher wraps compiles and links alike: scope-cc then
            # adds the runtime to every program and library it links.
            return ["-DCMAKE_C_COMPILER=" + self.ctx.cc,
                    "-DCMAKE_C_COMPILER_LAUNCHER=" + self.ctx.scope_cc,
                    "-DCMAKE_C_LINKER_LAUNCHER=" + self.ctx.scope_cc,
                    # A program with one C++ source links through the C++
                    # driver, and needs the runtime all the same.
                    "-DCMAKE_CXX_LINKER_LAUNCHER=" + self.ctx.scope_cc]
        if self.variant == "cmake":
            return ["-DCMAKE_C_COMPILER=" + self.ctx.cc,
                    "-DCMAKE_PREFIX_PATH=" + self.ctx.prefix(),
                    "-DCMAKE_PROJECT_INCLUDE=" + os.path.join(HERE, "instrument-all.cmake")]
        return ["-DCMAKE_C_COMPILER=" + self.ctx.cc]

    def build(self):
        """Configure and build; return (ok, seconds, failure line)."""
        p = self.project
        env = self.env(self.build_reports)
        total = 0.0
        for step, cmd in p.build_steps(self):
            status, secs = run(cmd, self.bld if step != "bootstrap" else self.src, env,
                               self.logfile("build"), p.build_timeout)
            total += secs
            if status != 0:
                return False, total, "%s failed (exit %d): %s" % (step, status, first_error(self.logfile("build")))
        return True, total, ""

    def test(self):
        env = self.env(self.reports)
        return self.project.suite.run(self, env)


def fix_test(path, pattern, replacement):
    """Apply one of a recipe's test_fixes (a regular expression on a test
    script, the same in every build). A pattern that matches nothing is an
    error: a new version of the project must be looked at again, not pass
    unfixed or fail for a reason that is not ours."""
    text = open(path, errors="surrogateescape").read()
    new, n = re.subn(pattern, replacement, text, flags=re.M)
    if n == 0:
        raise RuntimeError("test fix %r matches nothing in %s" % (pattern, path))
    with open(path, "w", errors="surrogateescape") as f:
        f.write(new)


# A compiler warning: file:line[:col]: warning: message [-Wflag].
WARNING = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?:\d+:)? warning: (?P<msg>.*?)"
                     r"(?: \[(?P<flag>-W[^\]]+)\])?\s*$")
# Warnings that speak of a function's size or of the optimiser's path through
# it, not of what the code means: a profiled function is bigger, so gcc may
# decline to inline it (-Winline) or follow another path through it
# (-Wmaybe-uninitialized). Every other warning the profiled build gives and
# the plain one does not is inserted code changing the program's meaning
# to the compiler (a probe before a macro's case label: -Wswitch-unreachable).
SIZE_WARNINGS = ("-Winline", "-Wmaybe-uninitialized", "-Wstack-usage=", "-Wframe-larger-than=",
                 "-Wlarger-than=", "-Wstack-protector")


def warnings_of(logfile):
    """The compiler warnings of a build log: {(file name, line, flag or
    message)}, located by file name and line so that the plain build's and
    a profiled build's compare whatever their directories."""
    found = set()
    try:
        f = open(logfile, errors="replace")
    except OSError:
        return found
    with f:
        for line in f:
            m = WARNING.match(line.strip())
            if m:
                found.add((os.path.basename(m.group("file")), int(m.group("line")),
                           m.group("flag") or m.group("msg")))
    return found


def new_warnings(plain_log, profiled_log):
    """The profiled build's warnings that the plain build does not give,
    size and optimiser warnings left out, sorted."""
    return sorted(w for w in warnings_of(profiled_log) - warnings_of(plain_log)
                  if w[2] not in SIZE_WARNINGS)


def first_error(logfile):
    """The first compiler or rewriter error of a log, for the table."""
    try:
        lines = open(logfile, errors="replace").read().splitlines()
    except OSError:
        return "?"
    for pat in (r"error:", r"\*\*\* ", r"Error \d", r"FAILED|failed"):
        for line in lines:
            if re.search(pat, line):
                return line.strip()[:300]
    return lines[-1].strip()[:300] if lines else "?"


# ---------------------------------------------------------------------------
# Test suites: each returns {test name: (status, output or None)}.
# ---------------------------------------------------------------------------

def normalize(text, build, subs):
    text = text.replace(build.root, "@ROOT@")
    for pat, rep in subs:
        text = re.sub(pat, rep, text, flags=re.M)
    return text


class AutomakeSuite:
    """make check of an Automake project: results from the .trs files, each
    test's output from its .log."""

    def __init__(self, target="check", subs=(), timeout=1800, dirs=None):
        self.target, self.subs, self.timeout, self.dirs = target, list(subs), timeout, dirs

    def run(self, b, env):
        logf = b.logfile("test")
        cmd = ["make", "-k", "-j%d" % b.ctx.jobs, self.target]
        for d in self.dirs or ["."]:
            run(cmd, os.path.join(b.bld, d), env, logf, self.timeout)
        results = {}
        for dirpath, _, files in os.walk(b.bld):
            for n in files:
                if not n.endswith(".trs"):
                    continue
                trs = os.path.join(dirpath, n)
                rel = os.path.relpath(trs, b.bld)[:-4]
                # A TAP test has a result line per case: the test is its
                # worst (FAIL, ERROR, XPASS), else PASS if one passed.
                seen = [m.group(1) for m in
                        (re.match(r":test-result:\s*(\S+)", line) for line in open(trs, errors="replace"))
                        if m]
                bad = [x for x in seen if x not in ("PASS", "SKIP", "XFAIL")]
                status = bad[0] if bad else "PASS" if "PASS" in seen else seen[0] if seen else "MISSING"
                out = None
                lp = os.path.join(dirpath, n[:-4] + ".log")
                if os.path.exists(lp):
                    out = normalize(open(lp, errors="replace").read(), b, self.subs)
                results[rel] = (status, out)
        if not results:
            results["make " + self.target] = ("NO-TESTS-RAN", None)
        return results


class CTestSuite:
    """ctest in the build tree: results and each test's output from its JUnit
    file."""

    def __init__(self, args=(), subs=(), timeout=1800, compare_output=True):
        self.args, self.subs, self.timeout = list(args), list(subs), timeout
        self.compare_output = compare_output

    def run(self, b, env):
        junit = os.path.join(b.logs, "ctest.xml")
        cmd = ["ctest", "--output-junit", junit, "-j%d" % b.ctx.jobs] + self.args
        run(cmd, b.bld, env, b.logfile("test"), self.timeout)
        results = {}
        try:
            root = ET.parse(junit).getroot()
        except (OSError, ET.ParseError):
            return {"ctest": ("NO-TESTS-RAN", None)}
        for tc in root.iter("testcase"):
            name = tc.get("name")
            # ctest writes status="run" (passed), "fail", "notrun" or
            # "disabled", with a <failure> or <skipped> child to match.
            status = tc.get("status") or "run"
            if tc.find("failure") is not None or status == "fail":
                status = "failed"
            elif tc.find("skipped") is not None or status in ("notrun", "disabled"):
                status = "skipped"
            elif status == "run":
                status = "passed"
            out = None
            so = tc.find("system-out")
            # An empty <system-out/> is a test that printed nothing: that is
            # its output, to compare like any other.
            if self.compare_output and so is not None:
                out = normalize(so.text or "", b, self.subs)
            results[name] = (status, out)
        return results or {"ctest": ("NO-TESTS-RAN", None)}


class CommandSuite:
    """Named commands run in the build tree: status is the exit status, the
    output is stdout and stderr, apart and whole."""

    def __init__(self, commands, subs=(), timeout=600):
        self.commands, self.subs, self.timeout = commands, list(subs), timeout

    def run(self, b, env):
        results = {}
        for name, cmd in self.commands(b):
            cmd = [b.subst(c) for c in cmd]
            logf = b.logfile("test")
            with open(logf, "ab") as f:
                f.write(("$ %s\n" % " ".join(shlex.quote(c) for c in cmd)).encode())
            try:
                p = subprocess.run(cmd, cwd=b.bld, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   timeout=self.timeout, start_new_session=True)
                status, so, se = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired as e:
                status, so, se = 124, e.stdout or b"", e.stderr or b""
            with open(logf, "ab") as f:
                f.write(so + se + ("[exit %d]\n" % status).encode())
            out = "--- stdout\n%s--- stderr\n%s" % (so.decode(errors="replace"), se.decode(errors="replace"))
            results[name] = ("exit %d" % status, normalize(out, b, self.subs))
        return results


def passed(status):
    return status in ("PASS", "XFAIL", "passed", "exit 0")


# ---------------------------------------------------------------------------
# What a profiled build left: functions profiled, reports.
# ---------------------------------------------------------------------------

DESC_RE = re.compile(r"^scope__f\w*$")


def object_symbols(b):
    """(type, name) of every symbol defined in the build's object files."""
    objs = []
    for dirpath, dirs, files in os.walk(b.root):
        objs += [os.path.join(dirpath, n) for n in files if n.endswith(".o")]
    syms = []
    for i in range(0, len(objs), 200):
        p = subprocess.run(["nm", "--defined-only"] + objs[i:i + 200], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        for line in p.stdout.splitlines():
            parts = line.split()
            if len(parts) == 3:
                syms.append((parts[1], parts[2]))
    return syms


def functions_profiled(b):
    """Profiled functions in the build's object files: one descriptor each
    (the rewriter's scope__f... statics, less their _text line arrays)."""
    return sum(1 for t, n in object_symbols(b) if DESC_RE.match(n) and not n.endswith("_text"))


def functions_defined(b):
    """Functions the plain build compiled, as symbols of its object files: a
    lower bound on the definitions (a static function inlined everywhere
    leaves none), so a profiled build with fewer descriptors left functions
    out. Compiler clones (f.part.0, f.cold) are not definitions."""
    return sum(1 for t, n in object_symbols(b) if t in "Tt" and "." not in n)


def check_reports(b, dirs):
    """Every report in dirs is whole: each JSON parses and says complete (the
    runtime's contract), and has its text table beside it. Returns (number
    of processes, problems)."""
    problems, n = [], 0
    for d in dirs:
        names = sorted(os.listdir(d)) if os.path.isdir(d) else []
        for name in names:
            path = os.path.join(d, name)
            if name.endswith(".json"):
                n += 1
                try:
                    doc = json.load(open(path))
                except (OSError, ValueError) as e:
                    problems.append("%s: does not parse: %s" % (name, e))
                    continue
                if b.ctx.report_dir_contract and doc.get("complete") is not True:
                    problems.append("%s: not complete" % name)
                if not os.path.exists(path[:-5] + ".txt"):
                    problems.append("%s: no text report beside it" % name)
            elif not name.endswith(".txt"):
                problems.append("%s: unexpected file (an unfinished write?)" % name)
            elif not os.path.exists(path[:-4] + ".json"):
                problems.append("%s: no JSON report beside it" % name)
    return n, problems


def line_hits(dirs, root):
    """Hits per (file, function, first line, line), summed over every data
    file in dirs (all processes of the build and of the suite). A file named
    by its absolute path (CMake compiles those) is named from the build's
    root, which differs between routes."""
    hits = {}
    root = root.rstrip("/") + "/"
    for d in dirs:
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not name.endswith(".json"):
                continue
            try:
                doc = json.load(open(os.path.join(d, name)))
            except (OSError, ValueError):
                continue  # check_reports names it
            for f in doc.get("functions", []):
                for row in f.get("lines", []):
                    if row.get("hits"):
                        path = f["file"]
                        if path.startswith(root):
                            path = path[len(root):]
                        k = (path, f["function"], f["first_line"], row["line"])
                        hits[k] = hits.get(k, 0) + row["hits"]
    return hits


def compare_hits(sampled, det):
    """Lines whose hits differ between the two builds' reports, in words."""
    a = line_hits([sampled.reports, sampled.build_reports], sampled.root)
    b = line_hits([det.reports, det.build_reports], det.root)
    timed = sampled.project.timed_functions
    differ = sorted(k for k in set(a) | set(b) if a.get(k, 0) != b.get(k, 0) and k[1] not in timed)
    return ["%s:%d (%s): sampled %d, clock per line %d" % (k[0], k[3], k[1], a.get(k, 0), b.get(k, 0))
            for k in differ], len(set(a) | set(b))


# ---------------------------------------------------------------------------
# One project: plain build as the oracle, then each route compared to it.
# ---------------------------------------------------------------------------

class Result:
    def __init__(self, project, route):
        self.project, self.route = project, route
        self.functions = 0
        self.plain = self.profiled = "-"
        self.outputs = "-"
        self.cause = ""
        self.ok = False
        self.seconds = 0.0
        # Wall-clock seconds of the build and of the suite, plain and
        # profiled: the cost a user pays, for the corpus table.
        self.not_compared = 0
        self.hits = "-"
        self.build_plain = self.build_profiled = None
        self.suite_plain = self.suite_profiled = None


def summarize(results):
    total = len(results)
    good = sum(1 for s, _ in results.values() if passed(s))
    return "%d/%d" % (good, total)


def run_project(ctx, project):
    t0 = time.monotonic()
    os.makedirs(os.path.join(ctx.work, project.name), exist_ok=True)
    fetch_log = os.path.join(ctx.work, project.name, "fetch.log")
    if os.path.exists(fetch_log):
        os.remove(fetch_log)
    dsc = ctx.archive.fetch(project.package, fetch_log)

    plain = Build(ctx, project, "plain")
    plain.prepare(dsc)
    log("%s %s: plain build" % (project.name, plain.version))
    ok, plain_build, why = plain.build()
    if not ok:
        r = Result(project, "plain")
        r.cause = "plain build failed: " + why
        return [r]
    t1 = time.monotonic()
    base = plain.test()
    plain_suite = time.monotonic() - t1
    defined = functions_defined(plain)
    log("%s: plain tests %s (%.0f s build, %.0f s tests, %d functions)"
        % (project.name, summarize(base), plain_build, plain_suite, defined))

    out = []
    builds = {}
    for route in project.routes:
        r = Result(project, route)
        b = Build(ctx, project, route)
        b.prepare(dsc)
        log("%s: %s build" % (project.name, route))
        ok, secs, why = b.build()
        r.plain = summarize(base)
        r.functions = functions_profiled(b)
        r.build_plain, r.build_profiled, r.suite_plain = plain_build, secs, plain_suite
        if not ok:
            r.cause = "build failed: " + why
            r.seconds = time.monotonic() - t0
            out.append(r)
            continue
        t1 = time.monotonic()
        res = b.test()
        r.suite_profiled = time.monotonic() - t1
        r.profiled = summarize(res)
        causes = []
        extra = new_warnings(plain.logfile("build"), b.logfile("build"))
        if extra:
            causes.append("new compiler warnings: " + ", ".join(
                "%s:%d [%s]" % w for w in extra[:8]) + (" ..." if len(extra) > 8 else ""))
        if r.functions < max(defined, 1):
            causes.append("only %d of the %d functions the plain build defines were profiled"
                          % (r.functions, defined))
        # A test the recipe names as unstable on this machine (its result
        # varies between runs of the plain build itself) is run and counted
        # but not compared; the recipe says why.
        unstable = set(project.unstable_tests)
        changed = sorted(n for n in set(base) | set(res) if n not in unstable and
                         passed(base.get(n, ("absent", None))[0]) != passed(res.get(n, ("absent", None))[0]))
        r.not_compared = len(unstable & (set(base) | set(res)))
        if changed:
            causes.append("tests differ: " + ", ".join(
                "%s (%s -> %s)" % (n, base.get(n, ("absent",))[0], res.get(n, ("absent",))[0])
                for n in changed[:8]) + (" ..." if len(changed) > 8 else ""))
        compared = [n for n in base if n in res and n not in unstable
                    and base[n][1] is not None and res[n][1] is not None]
        differ = [n for n in compared if base[n][1] != res[n][1]]
        if compared:
            r.outputs = "yes (%d)" % len(compared) if not differ else "no: %d of %d" % (len(differ), len(compared))
        else:
            r.outputs = "n/a"
        if differ:
            causes.append("outputs differ: " + ", ".join(differ[:8]))
            ddir = os.path.join(b.logs, "output-diffs")
            os.makedirs(ddir, exist_ok=True)
            import difflib
            for n in differ:
                with open(os.path.join(ddir, re.sub(r"[^\w.-]", "_", n) + ".diff"), "w") as f:
                    f.writelines(difflib.unified_diff(base[n][1].splitlines(True), res[n][1].splitlines(True),
                                                      "plain/" + n, route + "/" + n))
        builds[route] = b
        if route == "scope-cc-det" and "scope-cc" in builds and not project.hits_vary:
            differ, nlines = compare_hits(builds["scope-cc"], b)
            r.hits = "same (%d lines)" % nlines if not differ else "differ: %d of %d" % (len(differ), nlines)
            if differ:
                causes.append("hits differ from the sampled build on %d lines: %s" % (
                    len(differ), "; ".join(differ[:5])))
        nrep, problems = check_reports(b, [b.reports, b.build_reports])
        if nrep == 0:
            problems.append("no process left a report")
        if problems:
            causes.append("reports: " + "; ".join(problems[:5]) +
                          (" (%d problems)" % len(problems) if len(problems) > 5 else ""))
        r.cause = "; ".join(causes)
        r.ok = not causes
        r.reports = nrep
        r.seconds = time.monotonic() - t0
        out.append(r)
    return out


class Context:
    def __init__(self, args):
        self.scope_build = os.path.abspath(args.scope_build)
        self.scope_cc = os.path.abspath(args.scope_cc or os.path.join(self.scope_build, "bin", "scope-cc"))
        self.work = os.path.abspath(args.work or os.path.join(self.scope_build, "realworld"))
        self.cache = os.path.abspath(args.cache or os.environ.get("SCOPE_REALWORLD_CACHE")
                                     or os.path.join(self.scope_build, "realworld-cache"))
        self.cc = args.cc
        self.jobs = args.jobs
        self.archive = Archive(self.cache)
        self._prefix = None
        lib = os.path.join(self.scope_build, "lib", "libscope_profiler.a")
        try:
            self.report_dir_contract = b"SCOPE_PROFILER_DIR" in open(lib, "rb").read()
        except OSError:
            self.report_dir_contract = False

    def prefix(self):
        """scope-profiler installed for the CMake route's find_package():
        one prefix per run of the driver, inside its work directory."""
        if self._prefix is None:
            p = os.path.join(self.work, ".prefix-%d" % os.getpid())
            status, _ = run(["cmake", "--install", self.scope_build, "--prefix", p],
                            self.work, None, os.path.join(self.work, "install-%d.log" % os.getpid()), 300)
            if status != 0:
                raise RuntimeError("cmake --install %s failed" % self.scope_build)
            self._prefix = p
        return self._prefix


def seconds_pair(plain, profiled):
    """'plain s vs profiled s (ratio)' for the table; '-' where a step did
    not run."""
    if plain is None or profiled is None:
        return "-"
    ratio = " (%.1fx)" % (profiled / plain) if plain > 0 else ""
    return "%.0f s vs %.0f s%s" % (plain, profiled, ratio)


def table(rows):
    head = ["project", "build system", "route", "functions profiled", "tests plain vs profiled",
            "outputs identical", "hits sampled vs clock per line", "build time plain vs profiled", "suite time plain vs profiled",
            "failure cause"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        tests = "%s vs %s" % (r.plain, r.profiled)
        if r.not_compared:
            tests += " (%d not compared)" % r.not_compared
        lines.append("| " + " | ".join([r.project.name, r.project.system, r.route, str(r.functions), tests,
                                        r.outputs, r.hits, seconds_pair(r.build_plain, r.build_profiled),
                                        seconds_pair(r.suite_plain, r.suite_profiled),
                                        r.cause.replace("|", "\\|") or "-"]) + " |")
    return "\n".join(lines)


def self_test():
    """The warning comparison on two made-up build logs: a warning both
    builds give (in other directories) is not new, one located in the
    probes' header is, and a size warning is left out."""
    import tempfile
    d = tempfile.mkdtemp(prefix="realworld-self-test.")
    plain, prof = os.path.join(d, "plain.log"), os.path.join(d, "profiled.log")
    with open(plain, "w") as f:
        f.write("/p/src/x.c:10:5: warning: unused variable 'q' [-Wunused-variable]\n"
                "/p/src/y.c:4:1: warning: 'f' defined but not used [-Wunused-function]\n")
    with open(prof, "w") as f:
        f.write("make[1]: warning: jobserver unavailable\n"
                "/q/src/x.c:10:5: warning: unused variable 'q' [-Wunused-variable]\n"
                "/usr/include/scope_profiler.h:260:9: warning: statement will never be executed "
                "[-Wswitch-unreachable]\n"
                "  260 |         __asm__ __volatile__(\n"
                "/q/src/z.c:7:3: warning: inlining failed in call to 'g' [-Winline]\n")
    got = new_warnings(plain, prof)
    shutil.rmtree(d)
    want = [("scope_profiler.h", 260, "-Wswitch-unreachable")]
    if got != want:
        print("FAIL: new warnings %r, expected %r" % (got, want))
        return 1
    print("realworld.py self-test: ok")
    return 0


def main():
    ap = argparse.ArgumentParser(description="Build real C projects plain and profiled; compare their tests.")
    ap.add_argument("projects", nargs="*")
    ap.add_argument("--all", action="store_true", help="every project")
    ap.add_argument("--list", action="store_true", help="list the projects")
    ap.add_argument("--scope-build", help="scope-profiler's build directory (bin/scope-cc, lib/)")
    ap.add_argument("--scope-cc", help="the compiler wrapper (default: SCOPE_BUILD/bin/scope-cc)")
    ap.add_argument("--work", help="where the builds go (default: SCOPE_BUILD/realworld)")
    ap.add_argument("--cache", help="downloaded sources (default: $SCOPE_REALWORLD_CACHE or "
                                    "SCOPE_BUILD/realworld-cache)")
    ap.add_argument("--cc", default=os.environ.get("CC", "gcc"), help="C compiler (default: $CC or gcc)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--route", action="append", help="only this route (scope-cc, scope-cc-det, cmake)")
    ap.add_argument("--self-test", action="store_true", help="check the driver's own rules, build nothing")
    args = ap.parse_args()
    # The recipes (beside this file) use this module's suites: one module,
    # also when it runs as a script.
    sys.modules.setdefault("realworld", sys.modules[__name__])
    import projects
    if args.self_test:
        return self_test()
    if args.list:
        for p in projects.PROJECTS:
            print("%-10s %-10s %-9s %s" % (p.name, p.system, ",".join(p.routes), p.covers))
        return 0
    if not args.scope_build or not (args.projects or args.all):
        ap.print_usage(sys.stderr)
        return 2
    byname = {p.name: p for p in projects.PROJECTS}
    chosen = projects.PROJECTS if args.all else []
    for n in args.projects:
        if n not in byname:
            print("realworld.py: error: no project %r (see --list)" % n, file=sys.stderr)
            return 2
        chosen.append(byname[n])
    ctx = Context(args)
    if not os.access(ctx.scope_cc, os.X_OK):
        print("realworld.py: error: %s is not executable" % ctx.scope_cc, file=sys.stderr)
        return 2
    os.makedirs(ctx.work, exist_ok=True)
    rows, skipped = [], []
    for p in chosen:
        if args.route:
            p.routes = [r for r in p.routes if r in args.route]
        try:
            t0 = time.monotonic()
            got = run_project(ctx, p)
            rows += got
            for r in got:
                log("%s (%s): %s, %d functions profiled, tests %s vs %s, outputs %s, hits %s (%.0f s)"
                    % (p.name, r.route, "passed" if r.ok else "FAILED: " + r.cause, r.functions,
                       r.plain, r.profiled, r.outputs, r.hits, time.monotonic() - t0))
        except Unavailable as e:
            log("%s: %s" % (p.name, e))
            skipped.append(p.name)
        except RuntimeError as e:
            r = Result(p, "-")
            r.cause = str(e)
            rows.append(r)
    if ctx._prefix:
        shutil.rmtree(ctx._prefix, ignore_errors=True)
    if rows:
        print()
        print(table(rows))
        for r in rows:
            if not r.ok:
                print("\nFAILED %s (%s): %s\n  logs: %s" % (r.project.name, r.route, r.cause,
                                                            os.path.join(ctx.work, r.project.name)))
    if not all(r.ok for r in rows):
        return 1
    if skipped:
        # Only an archive that cannot be reached skips, never a failure.
        print("skipped: sources unavailable" + ("" if not rows else " for " + ", ".join(skipped)))
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main())
