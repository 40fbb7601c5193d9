#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Assertions of the in-tree check (test/in-tree-check.sh), on an ns-3 source tree that holds the
# module as contrib/microscope and was just configured with
#   ./ns3 configure --enable-examples --enable-tests --enable-modules=microscope
# and with a CMake file-API query (codemodel-v2) in cmake-cache/.
#
# It checks, without building anything:
#   * every examples/*.cc of the module is a runnable program of the tree: in the tree's lock
#     file (.lock-ns3_*_build, what `./ns3 run` resolves names against) and in
#     `./ns3 show targets`;
#   * every such program is an executable target that links the module library and LibTorch
#     (the third-party libraries reach it through the module library);
#   * the module's test library exists, holds every test/*.cc (so every TestSuite
#     "microscope-<feature>" is compiled in) and is linked into ns-3's test-runner, which is
#     what test.py runs;
#   * every entry of test/examples-to-run.py, read by the tree's own reader, names a program
#     path of the tree as test.py derives it, so that ./test.py runs the small examples.
#
# Usage: in-tree-check.py NS3_DIR [--expect-missing=NAME]
#   --expect-missing=NAME: negative control; succeed only if exactly the example NAME is
#   reported missing (and nothing else fails).
#
# Exit status 0 when every assertion holds; 1 with one line per failure on stderr otherwise.

import glob
import json
import os
import re
import runpy
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    expect_missing = None
    for a in sys.argv[1:]:
        if a.startswith("--expect-missing="):
            expect_missing = a.split("=", 1)[1]
        elif a.startswith("--"):
            sys.exit("in-tree-check.py: unknown option " + a)
    if len(args) != 1:
        sys.exit("usage: in-tree-check.py NS3_DIR [--expect-missing=NAME]")
    ns3 = os.path.abspath(args[0])
    module = os.path.join(ns3, "contrib", "microscope")

    failures = []  # (kind, name, message)

    def fail(kind, name, message):
        failures.append((kind, name, message))

    examples = sorted(os.path.splitext(os.path.basename(p))[0]
                      for p in glob.glob(os.path.join(module, "examples", "*.cc")))
    test_sources = sorted(os.path.relpath(p, ns3)
                          for p in glob.glob(os.path.join(module, "test", "*.cc")))
    suites = []
    for source in test_sources:
        with open(os.path.join(ns3, source), encoding="utf-8") as f:
            suites += re.findall(r'TestSuite\s*\(\s*"(microscope-[a-z0-9-]+)"', f.read())
    if not examples:
        fail("setup", "", "no examples/*.cc in " + module)
    if not suites:
        fail("setup", "", "no TestSuite(\"microscope-...\") in " + module + "/test/*.cc")

    # 1. The lock file: the programs that ./ns3 run knows.
    locks = glob.glob(os.path.join(ns3, ".lock-ns3_*_build"))
    if len(locks) != 1:
        fail("setup", "", "expected one .lock-ns3_*_build in %s, found %d" % (ns3, len(locks)))
        programs = []
    else:
        lock = runpy.run_path(locks[0])
        programs = lock.get("ns3_runnable_programs", [])
        if lock.get("ENABLE_EXAMPLES") is not True or lock.get("ENABLE_TESTS") is not True:
            fail("setup", "", "the tree is not configured with examples and tests (%s)" % locks[0])
        if "ns3-microscope" not in lock.get("NS3_ENABLED_CONTRIBUTED_MODULES", []):
            fail("setup", "", "microscope is not an enabled contrib module (%s)" % locks[0])
    for name in examples:
        pattern = re.compile(r"^ns3[^-]*-%s(-[a-z]+)?$" % re.escape(name))
        hits = [p for p in programs
                if os.path.dirname(p).endswith(os.path.join("contrib", "microscope", "examples"))
                and pattern.match(os.path.basename(p))]
        if len(hits) != 1:
            fail("missing", name,
                 "example %s is not a runnable program of the tree (lock file: %d matches)"
                 % (name, len(hits)))

    # 1b. test.py's view: each entry of test/examples-to-run.py, read with the tree's own
    # utils.get_list_from_file, names the program path that test.py derives (APPNAME, VERSION,
    # the build profile's suffix), so that ./test.py runs it once the tree is built.
    entries = []
    if programs:
        sys.path.insert(0, ns3)
        try:
            from utils import get_list_from_file
        finally:
            sys.path.pop(0)
        entries = get_list_from_file(os.path.join(module, "test", "examples-to-run.py"),
                                     "cpp_examples")
        if not entries:
            fail("tests", "", "the tree's reader finds no cpp_examples in test/examples-to-run.py")
        profile = lock.get("BUILD_PROFILE", "")
        suffix = "" if profile == "release" else "-" + profile
        for command, _, _ in entries:
            name = command.split(" ", 1)[0]
            path = os.path.join(lock.get("out_dir", ""), "contrib", "microscope", "examples",
                                "%s%s-%s%s" % (lock.get("APPNAME"), lock.get("VERSION"), name,
                                               suffix))
            if path not in programs:
                fail("missing" if name in examples else "tests", name,
                     "test.py would not find %s of test/examples-to-run.py (%s)" % (name, path))

    # 2. ./ns3 show targets, as a user would look.
    shown = subprocess.run([os.path.join(ns3, "ns3"), "show", "targets"], cwd=ns3,
                           capture_output=True, text=True)
    tokens = set(shown.stdout.split())
    if shown.returncode != 0:
        fail("setup", "", "./ns3 show targets failed: " + shown.stderr.strip()[-300:])
    for name in examples:
        if name not in tokens:
            fail("missing", name, "example %s is not in ./ns3 show targets" % name)
    for target in ("microscope", "microscope-test"):
        if target not in tokens:
            fail("setup", target, "%s is not in ./ns3 show targets" % target)

    # 3. The CMake code model: link lines and the test library.
    reply = os.path.join(ns3, "cmake-cache", ".cmake", "api", "v1", "reply")
    indexes = glob.glob(os.path.join(reply, "codemodel-v2-*.json"))
    if len(indexes) != 1:
        fail("setup", "", "no CMake file-API code model in " + reply)
    else:
        with open(indexes[0], encoding="utf-8") as f:
            config = json.load(f)["configurations"][0]
        targets = {}
        for t in config["targets"]:
            with open(os.path.join(reply, t["jsonFile"]), encoding="utf-8") as f:
                targets[t["name"]] = json.load(f)
        ids = {t["id"]: name for name, t in targets.items()}

        def depends(t):
            return {ids.get(d["id"], d["id"]) for d in t.get("dependencies", [])}

        def link_line(t):
            return " ".join(f["fragment"] for f in t.get("link", {}).get("commandFragments", []))

        module_lib = next((n for n in ("microscope", "libmicroscope") if n in targets), None)
        test_lib = next((n for n in ("microscope-test", "libmicroscope-test") if n in targets),
                        None)
        if module_lib is None:
            fail("setup", "", "no module library target (microscope or libmicroscope)")
        for name in examples:
            t = targets.get(name)
            if t is None:
                fail("missing", name, "example %s is not a CMake target" % name)
                continue
            if t["type"] != "EXECUTABLE":
                fail("link", name, "%s is a %s, not an EXECUTABLE" % (name, t["type"]))
            sources = {s["path"] for s in t.get("sources", [])}
            wanted = os.path.join("contrib", "microscope", "examples", name + ".cc")
            if not any(s.endswith(wanted) for s in sources):
                fail("link", name, "target %s does not compile %s" % (name, wanted))
            if module_lib and module_lib not in depends(t):
                fail("link", name, "%s does not link the module library %s" % (name, module_lib))
            if "libtorch" not in link_line(t):
                fail("link", name, "%s does not link LibTorch (through %s)" % (name, module_lib))
        if test_lib is None:
            fail("tests", "", "no test library target (microscope-test or libmicroscope-test)")
        else:
            sources = {s["path"] for s in targets[test_lib].get("sources", [])}
            for source in test_sources:
                if not any(s.endswith(source) for s in sources):
                    fail("tests", source, "%s is not compiled into %s" % (source, test_lib))
            runner = targets.get("test-runner")
            if runner is None:
                fail("tests", "", "ns-3's test-runner target is missing")
            elif test_lib not in depends(runner):
                fail("tests", "", "test-runner does not link %s" % test_lib)

    missing = sorted({name for kind, name, _ in failures if kind == "missing"})
    prefix = "in-tree check: FAIL: " if expect_missing is None else \
        "in-tree check (negative control, a failure is expected): "
    for _, _, message in failures:
        print(prefix + message, file=sys.stderr)
    if expect_missing is not None:
        others = [m for kind, name, m in failures if kind != "missing" and name != expect_missing]
        if missing == [expect_missing] and not others:
            print("in-tree check (negative control): as expected, only %s is reported missing"
                  % expect_missing)
            return 0
        print("in-tree check (negative control): expected exactly %s to be missing, got %s"
              % (expect_missing, missing or "none"), file=sys.stderr)
        return 1
    if failures:
        return 1
    print("in-tree check: %d examples are programs of the tree (%s), linked with the module and "
          "LibTorch; %d test sources with %d TestSuites are in the test library that test-runner "
          "links; test.py finds the %d runs of test/examples-to-run.py"
          % (len(examples), ", ".join(examples), len(test_sources), len(suites), len(entries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
