#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ctest checks of tools/regress/regress.py (not the baselines themselves: the exact tier is
its own test).

    check_regress.py --examples=DIR --work=DIR [--scenario=slicing-historical]

1. A copy of a baseline passes; the same copy with one number changed fails (exit 1) naming
   the metric; --update on it says what moved and makes it pass again.
2. Bad input, before anything runs (exit 2, the file and key named): malformed JSON, an unknown
   key, an unknown example, an unknown flag, a flag value the example no longer parses, a
   statistical tier without runs, a baseline without metrics.
3. The statistical tier's test: identical samples pass, a shift of several standard errors
   fails, a shift within the noise passes; Holm-Bonferroni over a scenario's metrics.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REGRESS = os.path.join(HERE, "regress.py")

failures = []


def check(cond, what, detail=""):
    if cond:
        print(f"ok: {what}")
    else:
        print(f"FAIL: {what}\n{detail}")
        failures.append(what)


WORK = None  # the runs' outputs, under --work


def regress(args, examples):
    p = subprocess.run([sys.executable, REGRESS, f"--examples={examples}",
                        f"--work={WORK}"] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--scenario", default="slicing-historical")
    a = ap.parse_args()
    global WORK
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    WORK = os.path.join(a.work, "runs")
    src = os.path.join(ROOT, "test", "regression", a.scenario + ".json")
    with open(src, encoding="utf-8") as f:
        base = json.load(f)

    # 1. Perturbed baseline.
    d = os.path.join(a.work, "perturbed")
    os.makedirs(d)
    path = os.path.join(d, a.scenario + ".json")
    shutil.copy(src, path)
    rc, out, err = regress([f"--baseline-dir={d}", a.scenario], a.examples)
    check(rc == 0, "an unchanged copy of the baseline passes", out + err)
    metric = next(m for m, e in base["metrics"].items()
                  if isinstance(e.get("value"), (int, float)) and e["value"] > 0
                  and m.endswith("sla_violation_MBps"))
    perturbed = json.loads(json.dumps(base))
    perturbed["metrics"][metric]["value"] = base["metrics"][metric]["value"] * 1.001
    with open(path, "w", encoding="utf-8") as f:
        json.dump(perturbed, f, indent=2)
    rc, out, err = regress([f"--baseline-dir={d}", a.scenario], a.examples)
    check(rc == 1, f"a 0.1 % change of {metric} exits 1", f"exit {rc}\n{out}\n{err}")
    check(f"BREACH: {a.scenario}: {metric}:" in err, "the breach names the metric", err)
    breached = [l for l in err.splitlines() if l.startswith("regress: BREACH")]
    check(len(breached) == 1, "exactly one metric breached", err)
    check(metric in out and "BREACH" in out, "the table shows the breached metric", out)
    rc, out, err = regress([f"--baseline-dir={d}", "--update", a.scenario], a.examples)
    check(rc == 0 and f"~ {metric}:" in out, "--update says what moved", out + err)
    with open(path, encoding="utf-8") as f:
        updated = json.load(f)
    check(updated["metrics"][metric]["value"] == base["metrics"][metric]["value"],
          "--update restores the recorded value", json.dumps(updated["metrics"][metric]))
    check(set(updated["versions"]) == {"ns3", "libtorch", "module"},
          "--update records the versions", json.dumps(updated.get("versions")))
    rc, out, err = regress([f"--baseline-dir={d}", a.scenario], a.examples)
    check(rc == 0, "the updated baseline passes", out + err)

    # 2. Bad input: exit 2 before anything runs, the file and key named.
    bad = os.path.join(a.work, "bad")
    os.makedirs(bad)

    def bad_case(name, text, *needles):
        p = os.path.join(bad, name + ".json")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text if isinstance(text, str) else json.dumps(text, indent=2))
        rc, out, err = regress([f"--baseline-dir={bad}", name], a.examples)
        ok = rc == 2 and p in err and all(n in err for n in needles) and "==" not in out
        check(ok, f"bad input '{name}' exits 2 naming {p} and {', '.join(needles)}",
              f"exit {rc}\nstdout: {out}\nstderr: {err}")
        os.unlink(p)

    good = {k: v for k, v in base.items()}
    text = json.dumps(good, indent=2)
    bad_case("malformed", text.replace('"flags"', '"flags" :: ', 1), "line 4", "malformed JSON")
    bad_case("unknown-key", dict(good, flagz={}), "'flagz'")
    bad_case("unknown-example", dict(good, example="microscope-nosuch"), "'example'")
    bad_case("unknown-flag", dict(good, flags=dict(good["flags"], nosuchflag=1)),
             "'flags.nosuchflag'")
    bad_case("unparsable-value", dict(good, flags=dict(good["flags"], antennas="sixty")),
             "'flags.antennas'")
    bad_case("output-flag", dict(good, flags=dict(good["flags"], output="/tmp/x")),
             "'flags.output'")
    bad_case("no-runs", dict(good, tier="statistical"), "'runs'")
    bad_case("bad-tolerance", dict(good, tolerance={"rel": -1}), "'tolerance'")
    bad_case("bad-metric", dict(good, metrics={metric: {"value": "12"}}),
             f"'metrics.{metric}.value'")
    bad_case("no-metrics", {k: v for k, v in good.items() if k != "metrics"}, "'metrics'",
             "--update")

    # 3. The statistical tier's test.
    sys.path.insert(0, HERE)
    import regress as r  # noqa: E402

    sample = [10.0, 10.4, 9.7, 10.2, 9.9]
    ok, how = r.welch(sample, list(sample), 0.01, 1e-6, 1e-9)
    check(ok, "identical samples pass", how)
    ok, how = r.welch(sample, [v + 2.0 for v in sample], 0.01, 1e-6, 1e-9)
    check(not ok and "p=" in how, "a shift of about 7 standard errors fails", how)
    ok, how = r.welch(sample, [v + 0.05 for v in sample], 0.01, 1e-6, 1e-9)
    check(ok, "a shift within the noise passes", how)
    ok, how = r.welch([3.0] * 4, [3.0] * 4, 0.01, 1e-6, 1e-9)
    check(ok, "constant equal samples pass", how)
    ok, how = r.welch([3.0] * 4, [3.1] * 4, 0.01, 1e-6, 1e-9)
    check(not ok, "constant different samples fail", how)
    # Holm-Bonferroni at 5 %: 0.001 < 0.05/3 and 0.02 < 0.05/2 are rejected, 0.5 is not; and
    # the step-down stops at the first hypothesis kept (0.03 > 0.05/2 keeps 0.04 as well).
    check(r.holm([0.5, 0.001, 0.02], 0.05) == {1, 2}, "Holm rejects 0.001 and 0.02 of three")
    check(r.holm([0.03, 0.04, 0.001], 0.05) == {2}, "Holm stops at the first kept p-value")
    # A scenario's check: one metric shifted by many standard errors among constant ones.
    base = {"tier": "statistical", "runs": [1, 2, 3, 4, 5], "significance": 0.01,
            "metrics": {"a": {"values": sample}, "b": {"values": [0.0] * 5},
                        "c": {"values": [v * 2 for v in sample]}}}
    rows, breaches, _ = r.check_scenario("s", base, {"a": [v + 2.0 for v in sample],
                                                     "b": [0.0] * 5,
                                                     "c": [v * 2 for v in sample]})
    check(len(breaches) == 1 and breaches[0].startswith("s: a:"),
          "a statistical scenario names the shifted metric only", "\n".join(breaches))

    if failures:
        print(f"{len(failures)} check(s) failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    shutil.rmtree(a.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
