#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Checks test/examples-to-run.py against the standalone build, as ns-3's ./test.py would use
# it in a source tree:
#   * ns-3's own reader (utils.get_list_from_file: the list runs from its name to the first
#     closing bracket, comments cut at the first hash sign) gives the same list as Python does,
#     so that no entry is lost or mangled in a tree;
#   * every entry is (command, do_run, do_valgrind_run), the conditions evaluate to booleans,
#     and the command names an example of examples/;
#   * every examples/*.cc has at least one entry;
#   * every entry with do_run true exits 0, run in a folder of its own (test.py runs them in a
#     scratch folder), within --timeout seconds each.
#
# Usage: examples-to-run-check.py --examples=BUILD/examples --sources=examples/ --work=DIR
#                                 [--timeout=S] [--list=test/examples-to-run.py]
# Exit status 0 when all hold, 1 otherwise (every failure is printed).

import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def ns3_get_list_from_file(path, list_name):
    """ns-3's utils.get_list_from_file (3.37 to 3.48), which test.py uses."""
    list_string = ""
    multiline = False
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            if "#" in line:
                line = line.split("#", 1)[0]
            if list_name in line or multiline:
                list_string += line
                if "]" not in list_string:
                    multiline = True
                else:
                    return eval(list_string.split("=", 1)[1].strip())
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True, help="folder of the built examples")
    parser.add_argument("--sources", required=True, help="the module's examples/ folder")
    parser.add_argument("--work", required=True, help="scratch folder (emptied first)")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--list", default=os.path.join(HERE, "examples-to-run.py"))
    args = parser.parse_args()
    args.examples = os.path.abspath(args.examples)
    args.work = os.path.abspath(args.work)

    failures = []
    names = sorted(os.path.splitext(os.path.basename(p))[0]
                   for p in glob.glob(os.path.join(args.sources, "*.cc")))
    if not names:
        failures.append("no examples/*.cc in " + args.sources)

    namespace = {}
    with open(args.list, encoding="utf-8") as f:
        exec(compile(f.read(), args.list, "exec"), namespace)
    entries = namespace.get("cpp_examples")
    if not isinstance(entries, list) or not entries:
        sys.exit("%s: no cpp_examples list" % args.list)
    for list_name in ("cpp_examples", "python_examples"):
        try:
            seen = ns3_get_list_from_file(args.list, list_name)
        except SyntaxError as e:
            seen = "a syntax error (%s)" % e.msg
        if seen != namespace.get(list_name):
            failures.append("%s: ns-3's reader (utils.get_list_from_file) does not see the same "
                            "%s as Python (a bracket or a hash sign in an entry?): it sees %s"
                            % (args.list, list_name, seen))

    # The names test.py gives its conditions (a subset: those a condition here may use).
    class Options:
        valgrind = False

    condition_namespace = {"options": Options, "ENABLE_REAL_TIME": False,
                           "ENABLE_EXAMPLES": True, "ENABLE_TESTS": True}
    to_run = []
    covered = set()
    for entry in entries:
        if not (isinstance(entry, tuple) and len(entry) == 3
                and all(isinstance(x, str) for x in entry)):
            failures.append("entry %r is not (command, do_run, do_valgrind_run)" % (entry,))
            continue
        command, do_run, do_valgrind = entry
        argv = shlex.split(command)
        if not argv or argv[0] not in names:
            failures.append("entry %r: no example %r in %s" % (command, argv[:1], args.sources))
            continue
        covered.add(argv[0])
        try:
            run = eval(do_run, dict(condition_namespace))
            valgrind = eval(do_valgrind, dict(condition_namespace))
        except Exception as e:  # a condition test.py could not evaluate either
            failures.append("entry %r: condition does not evaluate: %s" % (command, e))
            continue
        if not isinstance(run, bool) or not isinstance(valgrind, bool):
            failures.append("entry %r: conditions must give booleans" % command)
            continue
        if run:
            to_run.append(argv)
    for name in names:
        if name not in covered:
            failures.append("example %s has no entry in %s" % (name, args.list))

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    total = time.monotonic()
    for i, argv in enumerate(to_run):
        exe = os.path.join(args.examples, argv[0])
        if not os.access(exe, os.X_OK):
            failures.append("%s: not built (%s)" % (argv[0], exe))
            continue
        cwd = os.path.join(args.work, "%02d-%s" % (i, argv[0]))
        os.makedirs(cwd)
        start = time.monotonic()
        try:
            result = subprocess.run([exe] + argv[1:], cwd=cwd, capture_output=True, text=True,
                                    timeout=args.timeout)
            status = result.returncode
        except subprocess.TimeoutExpired:
            status = "timeout"
            result = None
        seconds = time.monotonic() - start
        print("%6.1f s  %s  %s" % (seconds, "ok  " if status == 0 else "FAIL",
                                   " ".join(argv)))
        if status != 0:
            tail = "" if result is None else (result.stderr or result.stdout)[-800:]
            failures.append("%s: exit status %s after %.1f s\n%s"
                            % (" ".join(argv), status, seconds, tail))
    print("%d runs in %.1f s; %d entries listed, %d not run (do_run false)"
          % (len(to_run), time.monotonic() - total, len(entries),
             len(entries) - len(to_run)))

    for failure in failures:
        print("examples-to-run check: FAIL: " + failure, file=sys.stderr)
    if failures:
        return 1
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
