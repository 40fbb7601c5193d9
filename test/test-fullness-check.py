#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The tests' grading works (ctest microscope-test-fullness).

Each TestCase is graded QUICK, EXTENSIVE or TAKES_FOREVER and each TestSuite UNIT or SYSTEM;
microscope-test-runner runs the cases up to --fullness, else up to MICROSCOPE_TEST_FULLNESS,
else QUICK. This check runs the runner on real suites and reads its --verbose report (one line
per case that ran):

* microscope-neural: the full default-scenario case (EXTENSIVE) is not run at QUICK, with the
  variable unset, and runs at MICROSCOPE_TEST_FULLNESS=extensive; the QUICK cases run in both.
* microscope-traffic: the extra-seed cases (TAKES_FOREVER) are not run at EXTENSIVE and all run
  at --fullness=takes-forever, which beats the variable.
* The suites that run the LTE stack are SYSTEM, microscope-core and microscope-neural UNIT
  (--print-test-types).
* Bad levels and unknown options: exit code 2 and a message naming them (runner, driver, and
  test/fullness-gate.sh, which skips the command-level checks graded above the fullness).
* With --build-dir: ctest's registration (ctest --show-only=json-v1). Every TestSuite is one
  ctest test; the command-level checks run through the gate, graded EXTENSIVE with
  SKIP_RETURN_CODE 77, are exactly those of the other build and run paths (EXTENSIVE_CHECKS).
"""

import argparse
import json
import os
import re
import subprocess
import sys

SHIPPED = "The shipped antenna model loads and scores on the default scenario"
NEURAL_QUICK = "The neural decomposer in the slot pipeline: feasible estimates, costs"
TRAFFIC_QUICK = "SyntheticTrafficGenerator long-run shares and mean with fluctuations"
TRAFFIC_SEEDS = [
    f"{name} (run {run})"
    for run in range(2, 6)
    for name in (TRAFFIC_QUICK, "SyntheticTrafficGenerator fluctuations have mean 1")
]
SYSTEM_SUITES = {"microscope-lte-slicing", "microscope-lte-scheduler", "microscope-lte-radio"}
# The command-level checks graded EXTENSIVE (doc/microscope.rst, "Tests and their grades"); a
# trailing '*' matches a family.
EXTENSIVE_CHECKS = [
    "microscope-in-tree-configure",
    "microscope-install",
    "microscope-sweep",
    "microscope-sweep-bad-input",
    "microscope-sweep-slurm",
    "microscope-examples-to-run",
    "microscope-fuzz-build",
    "microscope-fuzz-corpus-*",
]

failures = []


def check(condition, message):
    print(("ok:   " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def run(command, fullness=None):
    """Run a command with MICROSCOPE_TEST_FULLNESS set to fullness (unset if None)."""
    env = dict(os.environ)
    env.pop("MICROSCOPE_TEST_FULLNESS", None)
    if fullness is not None:
        env["MICROSCOPE_TEST_FULLNESS"] = fullness
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def cases(runner, suite, fullness=None, extra=()):
    """The cases that ran, name -> PASS/FAIL, from the runner's --verbose report."""
    p = run([runner, f"--suite={suite}", "--verbose", *extra], fullness)
    ran = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^  (PASS|FAIL) (.*) [0-9.]+ s$", line)
        if m:
            ran[m.group(2)] = m.group(1)
    label = f"{suite} at {' '.join(extra) or 'MICROSCOPE_TEST_FULLNESS=' + str(fullness)}"
    check(p.returncode == 0, f"{label}: exit code {p.returncode}")
    if p.returncode != 0:
        print(p.stdout[-3000:], p.stderr[-3000:], sep="\n")
    return ran, p.stderr


def check_registration(args):
    """The ctest tests: one per suite, and the gated checks with their grade."""
    p = subprocess.run(["ctest", "--show-only=json-v1"], cwd=args.build_dir,
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, f"ctest --show-only=json-v1 in {args.build_dir}")
    if p.returncode != 0:
        return
    tests = {t["name"]: t for t in json.loads(p.stdout)["tests"]}
    suites = run([args.runner, "--list"]).stdout.split()
    missing = [s for s in suites
               if not any(a == f"--suite={s}" for a in tests.get(s, {}).get("command", []))]
    check(suites and not missing, f"every TestSuite is a ctest test running it (not: {missing})")

    def graded(name):
        return any(name == c or (c.endswith("*") and name.startswith(c[:-1]))
                   for c in EXTENSIVE_CHECKS)

    gated = set()
    for name, t in tests.items():
        command = t.get("command", [])
        skip = {q["name"]: q["value"] for q in t.get("properties", [])}.get("SKIP_RETURN_CODE")
        if len(command) > 2 and command[0].endswith("/fullness-gate.sh"):
            gated.add(name)
            check(command[1] == "EXTENSIVE" and skip == 77,
                  f"{name}: graded EXTENSIVE, SKIP_RETURN_CODE 77 (got {command[1]}, {skip})")
    expected = {name for name in tests if graded(name)}
    check(gated == expected,
          f"the gated checks are the EXTENSIVE ones ({len(gated)}; not gated: "
          f"{sorted(expected - gated)}; gated but not listed: {sorted(gated - expected)})")
    unregistered = [c for c in EXTENSIVE_CHECKS
                    if not any(n == c or (c.endswith("*") and n.startswith(c[:-1])) for n in tests)]
    check(not unregistered, f"every EXTENSIVE check listed here is registered (not: {unregistered})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runner", required=True, help="microscope-test-runner")
    ap.add_argument("--gate", required=True, help="test/fullness-gate.sh")
    ap.add_argument("--driver", required=True, help="the ./microscope driver")
    ap.add_argument("--build-dir", help="the ctest build folder: check the registration too")
    args = ap.parse_args()

    # EXTENSIVE: the default scenario in full.
    ran, err = cases(args.runner, "microscope-neural")
    check("fullness QUICK (default)" in err, "unset variable: the runner says QUICK")
    check(ran.get(NEURAL_QUICK) == "PASS", "QUICK: a QUICK neural case ran and passed")
    check(SHIPPED not in ran, "QUICK: the EXTENSIVE shipped-model case did not run")
    ran, err = cases(args.runner, "microscope-neural", "extensive")
    check("fullness EXTENSIVE (MICROSCOPE_TEST_FULLNESS)" in err, "the runner read the variable")
    check(ran.get(NEURAL_QUICK) == "PASS", "EXTENSIVE: the QUICK neural case ran too")
    check(ran.get(SHIPPED) == "PASS", "EXTENSIVE: the shipped-model case ran and passed")

    # TAKES_FOREVER: extra seeds; the command line beats the variable.
    ran, _ = cases(args.runner, "microscope-traffic", "Extensive")
    check(ran.get(TRAFFIC_QUICK) == "PASS", "EXTENSIVE: the run-1 traffic case ran")
    check(not any(name in ran for name in TRAFFIC_SEEDS),
          "EXTENSIVE: no extra-seed (TAKES_FOREVER) traffic case ran")
    ran, err = cases(args.runner, "microscope-traffic", "quick", ["--fullness=takes-forever"])
    check("fullness TAKES_FOREVER (--fullness)" in err, "--fullness beats the variable")
    check(all(ran.get(name) == "PASS" for name in TRAFFIC_SEEDS),
          f"TAKES_FOREVER: the {len(TRAFFIC_SEEDS)} extra-seed traffic cases ran and passed")

    # Suite types.
    p = run([args.runner, "--list", "--print-test-types"])
    types = {}
    for line in p.stdout.splitlines():
        if len(line.split()) == 2:
            kind, suite = line.split()
            types[suite] = kind
    check(len(types) > 20, f"--print-test-types lists the suites ({len(types)})")
    check(all(types.get(s) == "system" for s in SYSTEM_SUITES),
          "the suites that run the LTE stack are SYSTEM")
    check(types.get("microscope-core") == "unit" and types.get("microscope-neural") == "unit",
          "microscope-core and microscope-neural are UNIT")

    # Bad input.
    for command, fullness, named in [
        ([args.runner, "--suite=microscope-core"], "sometimes", "MICROSCOPE_TEST_FULLNESS='sometimes'"),
        ([args.runner, "--suite=microscope-core", "--fullness=fast"], None, "--fullness='fast'"),
        ([args.runner, "--suit=microscope-core"], None, "'--suit=microscope-core'"),
        ([args.gate, "EXTENSIVE", "true"], "sometimes", "MICROSCOPE_TEST_FULLNESS='sometimes'"),
    ]:
        p = run(command, fullness)
        check(p.returncode == 2 and named in p.stderr,
              f"{os.path.basename(command[0])} {' '.join(command[1:])}: exit 2 naming {named} "
              f"(got {p.returncode}: {p.stderr.strip()[:200]})")
    # The driver refuses a bad level before it builds anything.
    p = run([args.driver, "test", "--fullness=fast"])
    check(p.returncode != 0 and "--fullness='fast'" in p.stderr,
          f"./microscope test --fullness=fast fails naming it (got {p.returncode}: {p.stderr.strip()[:200]})")

    # The gate of the command-level checks.
    for fullness, level, expected in [
        (None, "EXTENSIVE", 77),
        ("quick", "EXTENSIVE", 77),
        ("extensive", "EXTENSIVE", 0),
        ("takes-forever", "EXTENSIVE", 0),
        ("extensive", "TAKES_FOREVER", 77),
        ("extensive", "QUICK", 0),
    ]:
        p = run([args.gate, level, "true"], fullness)
        check(p.returncode == expected,
              f"gate {level} at {fullness or 'unset'}: exit {expected} (got {p.returncode})")
    p = run([args.gate, "EXTENSIVE", "false"], "extensive")
    check(p.returncode == 1, f"the gate passes its command's failure on (got {p.returncode})")

    if args.build_dir:
        check_registration(args)

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("the grading works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
