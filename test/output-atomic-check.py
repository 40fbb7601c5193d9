#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# No partial results, and no silently ignored flags (issue: reliability).
#
# 1. microscope-slicing, microscope-lte-slicing, microscope-zone-dimensioning and microscope-train
#    (its checkpoint.pt aside, kept in place for --resume) write their
#    outputs through RunOutputDirectory (model/run-output-directory.*): into a temporary
#    directory inside --output, moved in together at the end. Each is run once to leave an
#    "old" complete result in a directory, then run again with other settings and killed
#    (SIGKILL, through the MICROSCOPE_TEST_KILL_AT hook) or failed (MICROSCOPE_TEST_FAIL_AT) at
#    several named points; a real SIGKILL from here also hits microscope-slicing while its
#    slots.csv streams. After each, the directory's files must be exactly the old result, or,
#    after a kill in the middle of the moves and the next run's recovery, exactly the new one
#    (compared with a reference run of the new settings in a directory of its own). A later
#    successful run leaves no temporary directory behind.
# 2. Flags with no effect in the chosen mode are refused naming the flag (or warned about, once,
#    where users pass them routinely), and the refused run leaves its directory as it was.
#
#   output-atomic-check.py --examples=DIR --work=DIR

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

FAILURES = []
STAGING = ".microscope-run-"


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(exe, args, env_extra=None, timeout=240):
    env = dict(os.environ)
    env.pop("MICROSCOPE_TEST_KILL_AT", None)
    env.pop("MICROSCOPE_TEST_FAIL_AT", None)
    env.update(env_extra or {})
    p = subprocess.run([exe] + args, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


# Files a run keeps in place on purpose: microscope-train's checkpoint.pt, which --resume
# continues from after a kill (the run removes it once its results are moved in).
KEPT_IN_PLACE = {"checkpoint.pt"}
VOLATILE_KEYS = ("train_seconds", "training_samples_per_second", "command")


def snapshot(directory):
    """{relative path: sha256} of the directory's files, the temporary directories and the
    checkpoints left out."""
    files = {}
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(STAGING)]
        for name in names:
            if name in KEPT_IN_PLACE:
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                data = f.read()
            if name == "evaluation.json":
                # microscope-train's: its timings and its command line (the --output path) vary
                # from run to run; the rest (the test scores of the run's model) does not.
                j = json.loads(data)
                for key in VOLATILE_KEYS:
                    j.pop(key, None)
                data = json.dumps(j, sort_keys=True).encode()
            elif name == "learning-curve.csv":
                # Its seconds column is the epochs' wall clock; every other column is the run's.
                rows = data.decode().splitlines()
                col = rows[0].split(",").index("seconds")
                data = "\n".join(",".join(v for i, v in enumerate(r.split(",")) if i != col)
                                 for r in rows).encode()
            elif name == "model.pt":
                # It holds the command line too; which run it is from shows in evaluation.json.
                data = b"model.pt"
            files[os.path.relpath(path, directory)] = hashlib.sha256(data).hexdigest()
    return files


def staging_dirs(directory):
    return [d for d in os.listdir(directory) if d.startswith(STAGING)]


def describe(a, b):
    """What differs between two snapshots."""
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return "missing %s, extra %s, changed %s" % (only_a, only_b, changed)


def check_points(name, exe, old_args, new_args, out, points, moved_points):
    """old_args/new_args: flags without --output. Kill or fail the new run at each point."""
    t0 = time.time()
    ref = out + "-new-reference"
    code, ref_stdout, err = run(exe, new_args + ["--output=" + ref])
    if code != 0:
        fail("%s: the reference run exited %d: %s" % (name, code, err[-400:]))
        return ""
    new = snapshot(ref)
    if not new or "summary.json" not in new and name not in ("zone-dimensioning", "train"):
        fail("%s: the reference run wrote %s" % (name, sorted(new)))
        return ref_stdout

    def make_old():
        shutil.rmtree(out, ignore_errors=True)
        code, _, err = run(exe, old_args + ["--output=" + out])
        if code != 0:
            fail("%s: the first run exited %d: %s" % (name, code, err[-400:]))
            return None
        return snapshot(out)

    old = make_old()
    if old is None:
        return ref_stdout
    if old == new:
        fail("%s: the old and new settings give the same files; the check could not tell them "
             "apart" % name)
        return ref_stdout
    # Killed or failed before the commit point: the old result, untouched.
    for point in points:
        # A failure (an exception) at 'staged' is microscope-output's (the unit test).
        hooks = [("MICROSCOPE_TEST_KILL_AT", -signal.SIGKILL)]
        if point != "staged":
            hooks.append(("MICROSCOPE_TEST_FAIL_AT", 1))
        for hook, expected_code in hooks:
            code, _, err = run(exe, new_args + ["--output=" + out], {hook: point})
            if code != expected_code:
                fail("%s: %s=%s: exit %d, expected %d: %s"
                     % (name, hook, point, code, expected_code, err[-300:]))
                continue
            got = snapshot(out)
            if got != old:
                fail("%s: %s=%s changed the directory: %s"
                     % (name, hook, point, describe(old, got)))
            left = staging_dirs(out)
            if hook == "MICROSCOPE_TEST_FAIL_AT" and left:
                fail("%s: a failed run (%s) left %s" % (name, point, left))
            if hook == "MICROSCOPE_TEST_KILL_AT" and point != "staged" and not left:
                fail("%s: killed at %s, no temporary directory: the kill did not happen where "
                     "the files were" % (name, point))
    # Killed during the moves (the list is the commit point): the next run finishes them.
    for point in moved_points:
        old = make_old()
        if old is None:
            return ref_stdout
        code, _, err = run(exe, new_args + ["--output=" + out],
                           {"MICROSCOPE_TEST_KILL_AT": point})
        if code != -signal.SIGKILL:
            fail("%s: killed at %s: exit %d: %s" % (name, point, code, err[-300:]))
            continue
        if point == "moving" and snapshot(out) != old:
            fail("%s: killed at 'moving' (no file moved yet), the directory changed: %s"
                 % (name, describe(old, snapshot(out))))
        # The next run recovers first (here it is itself killed right after).
        code, _, _ = run(exe, old_args + ["--output=" + out], {"MICROSCOPE_TEST_KILL_AT": "staged"})
        got = snapshot(out)
        if got != new:
            fail("%s: after a kill at %s and the next run's recovery, the directory is not the "
                 "killed run's result: %s" % (name, point, describe(new, got)))
    # A successful run afterwards: the new result, nothing left behind.
    code, _, err = run(exe, new_args + ["--output=" + out])
    if code != 0:
        fail("%s: the final run exited %d: %s" % (name, code, err[-300:]))
    elif snapshot(out) != new:
        fail("%s: the final run's files differ from the reference run's: %s"
             % (name, describe(new, snapshot(out))))
    if staging_dirs(out):
        fail("%s: temporary directories left after a successful run: %s"
             % (name, staging_dirs(out)))
    print("%s: killed (and failed) at %s, killed at %s: the directory held the old or the new "
          "result each time (%.1f s)"
          % (name, ", ".join(points), ", ".join(moved_points), time.time() - t0))
    return ref_stdout


def real_kill(slicing, work):
    """A real SIGKILL while microscope-slicing streams slots.csv."""
    out = os.path.join(work, "slicing-real-kill")
    shutil.rmtree(out, ignore_errors=True)
    small = ["--antennas=60", "--days=5", "--mec-nodes=4", "--cran-nodes=3", "--core-nodes=2",
             "--decomposer=historical", "--baselines=none"]
    code, _, err = run(slicing, small + ["--output=" + out])
    if code != 0:
        fail("real kill: the first run exited %d: %s" % (code, err[-300:]))
        return
    old = snapshot(out)
    # A longer run, so that there is time to see its stream.
    p = subprocess.Popen([slicing, "--antennas=100", "--days=14", "--decomposer=historical",
                          "--baselines=oracle", "--per-slot-output=true",
                          "--output=" + out], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    seen = None
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None and seen is None:
        for d in staging_dirs(out):
            stream = os.path.join(out, d, "slots.csv.stream.partial")
            try:
                if os.path.getsize(stream) > 100000:
                    seen = stream
            except OSError:
                pass
        time.sleep(0.02)
    if seen is None:
        p.kill()
        p.wait()
        fail("real kill: never saw a growing slots.csv.stream.partial (exit %s)" % p.poll())
        return
    p.send_signal(signal.SIGKILL)
    p.wait()
    size = os.path.getsize(seen) if os.path.exists(seen) else 0
    got = snapshot(out)
    if got != old:
        fail("real kill: the directory changed: %s" % describe(old, got))
    if os.path.exists(os.path.join(out, "slots.csv.stream.partial")):
        fail("real kill: slots.csv.stream.partial in the output directory")
    # The next run removes the dead run's temporary directory.
    code, _, err = run(slicing, small + ["--run=2", "--output=" + out])
    if code != 0 or staging_dirs(out):
        fail("real kill: the next run exited %d and left %s" % (code, staging_dirs(out)))
    print("real kill: SIGKILL with %d bytes streamed in the temporary directory; the old result "
          "stayed, the next run cleaned up" % size)


def expect_refused(name, exe, args, flag, work, text=None):
    """The run exits 1 naming the flag, and its --output is left as it was."""
    out = os.path.join(work, "refused")
    os.makedirs(out, exist_ok=True)
    before = snapshot(out)
    code, stdout, err = run(exe, args + ["--output=" + out])
    if code != 1:
        fail("%s: exit %d, expected 1 (%s refused): %s" % (name, code, flag, (stdout + err)[-300:]))
    elif flag not in err or (text and text not in err):
        fail("%s: the error does not name %s%s: %s"
             % (name, flag, " / " + text if text else "", err[-300:]))
    if snapshot(out) != before or staging_dirs(out):
        fail("%s: the refused run changed its output directory" % name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ex = lambda name: os.path.join(args.examples, name)
    slicing = ex("microscope-slicing")
    lte = ex("microscope-lte-slicing")
    zones = ex("microscope-zone-dimensioning")

    # 1. No partial results.
    start = time.time()
    # (slots.csv and its stream are the real kill's, below.)
    small = ["--antennas=60", "--days=5", "--mec-nodes=4", "--cran-nodes=3", "--core-nodes=2",
             "--decomposer=historical", "--baselines=oracle"]
    check_points("slicing", slicing, small, small + ["--run=2"],
                 os.path.join(work, "slicing"),
                 ["staged", "slicing-written-topology", "commit"], ["moving", "moved-one"])
    tiny = ["--enbs=2", "--ues-per-enb=1", "--slots=2", "--slot=250ms", "--isolated-cells=true"]
    lte_stdout = check_points("lte-slicing", lte, tiny, tiny + ["--run=2"],
                              os.path.join(work, "lte"), ["staged", "commit"], ["moved-one"])
    # Its cost table prints the sub-minute management interval in seconds, not as 0 minutes.
    rows = [l for l in lte_stdout.splitlines()
            if len(l.split()) > 3 and l.split()[0] in ("antenna", "mec", "cran", "core")
            and l.split()[1].replace(".", "", 1).isdigit()]
    if len(rows) != 4 or any(r.split()[1:3] != ["0.250", "s"] for r in rows):
        fail("lte-slicing: the cost table's rows do not give the 250 ms interval as '0.250 s': "
             "%s" % rows)
    stats_old = os.path.join(work, "zones-old.csv")
    stats_new = os.path.join(work, "zones-new.csv")
    with open(stats_old, "w") as f:
        f.write("zone,g_mb,f_mb,p\n6,27350.04,7237.04,0.95\n")
    with open(stats_new, "w") as f:
        f.write("zone,g_mb,f_mb,p\n14,133907.90,34688.45,0.80\n")
    check_points("zone-dimensioning", zones, ["--zone-stats=" + stats_old],
                 ["--zone-stats=" + stats_new], os.path.join(work, "zones-stats"),
                 ["staged", "commit"], ["moving"])
    syn = ["--stations=60", "--days=8", "--zones=3", "--forecast=none"]
    check_points("zone-dimensioning", zones, syn, syn + ["--zones=2"],
                 os.path.join(work, "zones-synthetic"), ["commit"], ["moved-one"])
    train = ["--architecture=mlp", "--antennas=60", "--days=5", "--epochs=1",
             "--samples-per-epoch=16", "--validation-samples=8"]
    check_points("train", ex("microscope-train"), train, train + ["--run=2"],
                 os.path.join(work, "train"), ["staged", "train-evaluated", "commit"],
                 ["moved-one"])
    left = [p for p in os.listdir(os.path.join(work, "train")) if p == "checkpoint.pt"]
    if left:
        fail("train: a finished run left its checkpoint.pt")
    real_kill(slicing, work)
    print("(%.1f s)" % (time.time() - start))

    # 2. Flags with no effect.
    expect_refused("zones: --holidays in the synthetic scenario", zones,
                   syn + ["--holidays=2013-12-25"], "--holidays", work)
    expect_refused("zones: --mcc in the synthetic scenario", zones, syn + ["--mcc=-1"], "--mcc",
                   work)
    expect_refused("zones: --epochs with --forecast=none", zones, syn + ["--epochs=3"],
                   "--epochs", work)
    expect_refused("zones: --zones with --zone-stats", zones,
                   ["--zone-stats=" + stats_old, "--zones=3"], "--zones", work)
    expect_refused("zones: --stations with --zone-stats", zones,
                   ["--zone-stats=" + stats_old, "--stations=10"], "--stations", work)
    out = os.path.join(work, "zones-warned")
    code, _, err = run(zones, ["--zone-stats=" + stats_old, "--seed=2", "--run=3", "--run=4",
                               "--output=" + out])
    warnings = [l for l in err.splitlines() if "warning" in l]
    if code != 0 or len(warnings) != 2 or "--run" not in err or "--seed" not in err:
        fail("zones: --seed/--run with --zone-stats: exit %d, expected 0 and one warning each "
             "(--run given twice): %s" % (code, err))
    expect_refused("lte: --sharing with --scheduler=pf", lte,
                   tiny + ["--scheduler=pf", "--sharing=lend"], "--sharing", work)
    expect_refused("lte: --fixed-quotas with --scheduler=pf", lte,
                   tiny + ["--scheduler=pf", "--fixed-quotas=1,1,1,1,1,1"], "--fixed-quotas", work)
    expect_refused("lte: --model without the neural decomposer", lte,
                   tiny + ["--model=some.pt"], "--model", work)
    expect_refused("lte: --map-offset below TrainSlots", lte, tiny + ["--map-offset=100"],
                   "MapOffset", work, "TrainSlots")
    base = ["--antennas=60", "--days=5", "--mec-nodes=2", "--cran-nodes=2", "--core-nodes=1"]
    expect_refused("slicing: --model without a neural lane", slicing,
                   base + ["--decomposer=historical", "--baselines=oracle", "--model=x.pt"],
                   "--model", work)
    expect_refused("slicing: --mec-cost-model without a cost-aware lane", slicing,
                   base + ["--decomposer=historical", "--baselines=none", "--mec-cost-model=x.pt"],
                   "--mec-cost-model", work)
    expect_refused("slicing: --forecast-model without a forecast lane", slicing,
                   base + ["--decomposer=historical", "--baselines=oracle",
                           "--forecast-model=lstm"], "--forecast-model", work)
    # --decomposer=auto falls back when the given model does not fit: a warning, once.
    out = os.path.join(work, "slicing-auto")
    code, stdout, err = run(slicing, base + ["--baselines=none", "--model=/nonexistent/x.pt",
                                             "--output=" + out])
    warnings = [l for l in err.splitlines() if "warning: --model" in l]
    if code != 0 or len(warnings) != 1 or "decomposer: historical" not in stdout:
        fail("slicing: --decomposer=auto with a model that does not fit: exit %d, expected 0, "
             "the fallback and one warning: %s" % (code, (stdout + err)[-500:]))
    # A negative control: the same flag where it has an effect is accepted.
    code, _, err = run(lte, tiny + ["--sharing=lend", "--output=" + os.path.join(work, "lend")])
    if code != 0:
        fail("lte: --sharing=lend with the slice scheduler exited %d: %s" % (code, err[-300:]))

    print("(%.1f s)" % (time.time() - start))
    if FAILURES:
        print("%d failure(s)" % len(FAILURES), file=sys.stderr)
        return 1
    print("output-atomic-check: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
