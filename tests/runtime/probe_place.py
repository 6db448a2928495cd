#!/usr/bin/env python3
"""probe_place.py - the compilers keep each line's code after its probe.

A sample charges the row the frame is on, so the code of a line must run
after that line's probe stores the row, not before. gcc computed the seed
kernel's sin() of the next loop pass at the end of the previous one, above
the probes of the two lines before it, and the samples charged the call to
the loop's header (82% against perf's 5%). The header keeps it in place
(scope_profiler.h, SCOPE__PLACE); this test holds it there.

It rewrites bench/kernel.c, compiles the copy to assembly with each compiler
given, at -O2, in both probe modes, and checks that in compute() the last
row written before every call to sin is the row of the line that calls it.
Rows are read from the probes' instructions in the listing (see STORE and
LEA below).

    probe_place.py REWRITER INCLUDE_DIR KERNEL_C WORK_DIR CC...
"""
import os
import re
import subprocess
import sys


def function_body(asm, name):
    """The lines of function `name` in an assembly listing."""
    lines = asm.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith(name + ":"))
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"\s*\.size\s+" + name + r"\b", lines[i])), len(lines))
    return lines[start:end]


# The row a probe writes: both modes store it into the frame's `at` (offset
# 88), `movl $7, 88(%rax)` in the listing. (The clock-per-line probe also
# makes the row's address the one being timed, `leaq 112(%rax), %rax` right
# after adding 1 to the same address: read too, should the store move.)
STORE = re.compile(r"movl\s+\$\(?(\d+)\)?,\s*88\(")
LEA = re.compile(r"leaq\s+(?:16\*\(?(\d+)\)?|(\d+))\(%rax\),\s*%rax")
ADD = re.compile(r"addq\s+\$1,\s*(?:16\*\(?(\d+)\)?|(\d+))\(%rax\)")


def row_of(prev, line):
    """The row written by `line` (its predecessor `prev`), or None."""
    m = STORE.search(line)
    if m:
        return int(m.group(1))
    m, a = LEA.search(line), ADD.search(prev)
    if m and a and m.groups() == a.groups():
        return int(m.group(1)) if m.group(1) else int(m.group(2)) // 16
    return None


def rows_before_calls(body, callee):
    """For each call to `callee`, the last row written before it (None if
    none)."""
    last, found, prev = None, [], ""
    for line in body:
        r = row_of(prev, line)
        if r is not None:
            last = r
        if re.search(r"\bcallq?\s+" + callee + r"\b", line):
            found.append(last)
        prev = line
    return found


def main(argv):
    rewriter, include, kernel, work = argv[1:5]
    compilers = argv[5:]
    os.makedirs(work, exist_ok=True)
    src_dir = os.path.dirname(os.path.abspath(kernel))
    subprocess.run([rewriter, "--root", src_dir, kernel, "-o", os.path.join(work, "inst")],
                   check=True)
    copy = os.path.join(work, "inst", os.path.basename(kernel))
    text = open(kernel).read().splitlines()
    first = next(i for i, l in enumerate(text, 1) if '@profile("compute")' in l)
    call_line = next(i for i, l in enumerate(text, 1) if "sin(x)" in l)
    want = call_line - first
    failures = 0
    for cc in compilers:
        for mode in ("1", "0"):
            out = os.path.join(work, "kernel-%s-%s.s" % (os.path.basename(cc), mode))
            subprocess.run([cc, "-O2", "-S", "-DSCOPE_PROFILER_SAMPLED=" + mode, "-I", include,
                            copy, "-o", out], check=True)
            body = function_body(open(out).read(), "compute")
            got = rows_before_calls(body, "sin")
            ok = bool(got) and all(r == want for r in got)
            print("%s, SCOPE_PROFILER_SAMPLED=%s: rows before each call to sin: %s (want %d): %s"
                  % (cc, mode, got, want, "ok" if ok else "FAIL"))
            failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
