#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Cost regression of the module's examples against recorded baselines.

    regress.py [--update] [--tier=exact|statistical|all] [--baseline-dir=DIR]
               [--examples=DIR] [--work=DIR] [NAME ...]

Every baseline is one JSON file, <baseline-dir>/<NAME>.json (default: test/regression/). It
names a scenario (an example and its flags), the tier it is checked in, and the guarded metrics
with their recorded values and tolerances (see doc/sections/regression-and-plots.rst):

    {
      "description": "...",
      "example": "microscope-slicing",
      "flags": {"antennas": 60, "days": 10, "decomposer": "historical"},
      "tier": "exact",                      # or "statistical"
      "runs": [1, 2, 3, 4, 5],              # statistical tier: the RNG runs (--run=R)
      "tolerance": {"rel": 1e-6, "abs": 1e-9},   # exact tier: default per-metric tolerance
      "significance": 0.01,                 # statistical tier: two-sided Welch t-test level
      "ci": true,                           # false: left out by --ci (too slow for CI)
      "versions": {...},                    # written by --update
      "metrics": {"historical/antenna/sla_violation_MBps": {"value": ..., "rel_tol": ...,
                  "abs_tol": ...}, ...}     # written by --update
    }

Exit status: 0 when every guarded metric is within its tolerance, 1 on a breach (the metric is
named), 2 on bad input (a malformed baseline, an unknown example or flag: the file and key are
named) or a failed run (its log is named).
"""

import argparse
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SCHEMA_KEYS = {
    "description", "example", "flags", "tier", "runs", "tolerance", "significance",
    "timeout_s", "include", "ci", "versions", "metrics",
}
TIERS = ("exact", "statistical")
DEFAULT_TOLERANCE = {"rel": 1e-6, "abs": 1e-9}
DEFAULT_SIGNIFICANCE = 0.01
DEFAULT_TIMEOUT_S = 900

# Metrics guarded in a lane's level object of summary.json (matched against the key path
# below the level, '/'-separated). Generic on purpose: new lanes, levels and total_cost_*
# fields are picked up by --update without a change here.
DEFAULT_INCLUDE = [
    r"(sla_violation|overprovisioning|total_cost)_(MBps|pct)",
    r"total_cost(_.*)?",
    r"mae_mbps",
    r"nmae_pct",
    r"measured/(sla_violations|sla_violation_MBps|sla_violation_pct|sla_violation_share_pct"
    r"|delivered_share)",
]


class InputProblem(Exception):
    """Bad input: a baseline file or key, an unknown example or flag."""


class RunProblem(Exception):
    """A scenario's run failed."""


def say(msg):
    print(msg, flush=True)


def warn(msg):
    print("regress: " + msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Baseline files
# --------------------------------------------------------------------------------------------


def load_baseline(path):
    """Read and check one baseline file; InputProblem names the file and key."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise InputProblem(f"{path}: cannot read: {e.strerror}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputProblem(f"{path}: line {e.lineno} column {e.colno}: malformed JSON: {e.msg}")
    if not isinstance(data, dict):
        raise InputProblem(f"{path}: the top level must be an object")

    def bad(key, why):
        return InputProblem(f"{path}: key '{key}': {why}")

    for key in data:
        if key not in SCHEMA_KEYS:
            raise bad(key, "unknown key (expected one of " + ", ".join(sorted(SCHEMA_KEYS)) + ")")
    if not isinstance(data.get("example"), str) or not data["example"]:
        raise bad("example", "missing or not a string")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", data["example"]):
        raise bad("example", f"not an example name: '{data['example']}'")
    flags = data.get("flags", {})
    if not isinstance(flags, dict):
        raise bad("flags", "must be an object of flag: value")
    for k, v in flags.items():
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]*", k):
            raise bad(f"flags.{k}", "not a flag name")
        if k == "output":
            raise bad("flags.output", "regress chooses the output directory itself")
        if isinstance(v, bool):
            continue
        if not isinstance(v, (int, float, str)) or (isinstance(v, float) and not math.isfinite(v)):
            raise bad(f"flags.{k}", f"value must be a string, number or boolean, got {v!r}")
    tier = data.get("tier", "exact")
    if tier not in TIERS:
        raise bad("tier", f"expected exact or statistical, got {tier!r}")
    data["tier"] = tier
    if tier == "statistical":
        runs = data.get("runs")
        if (not isinstance(runs, list) or len(runs) < 2
                or not all(isinstance(r, int) and not isinstance(r, bool) and r > 0 for r in runs)
                or len(set(runs)) != len(runs)):
            raise bad("runs", "the statistical tier needs a list of at least 2 distinct "
                      "positive RNG run numbers")
        if "run" in flags:
            raise bad("flags.run", "the statistical tier sets --run from 'runs'")
    elif "runs" in data:
        raise bad("runs", "only the statistical tier takes runs")
    tol = data.get("tolerance", DEFAULT_TOLERANCE)
    check_tolerance(tol, lambda why: bad("tolerance", why))
    sig = data.get("significance", DEFAULT_SIGNIFICANCE)
    if isinstance(sig, bool) or not isinstance(sig, (int, float)) or not 0 < sig < 0.5:
        raise bad("significance", f"expected a number in (0, 0.5), got {sig!r}")
    if not isinstance(data.get("ci", True), bool):
        raise bad("ci", f"expected true or false, got {data['ci']!r}")
    timeout = data.get("timeout_s", DEFAULT_TIMEOUT_S)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise bad("timeout_s", f"expected a positive number of seconds, got {timeout!r}")
    include = data.get("include", DEFAULT_INCLUDE)
    if not isinstance(include, list) or not include or not all(isinstance(p, str) for p in include):
        raise bad("include", "expected a non-empty list of regular expressions")
    for p in include:
        try:
            re.compile(p)
        except re.error as e:
            raise bad("include", f"bad regular expression {p!r}: {e}")
    metrics = data.get("metrics", {})
    if not isinstance(metrics, dict):
        raise bad("metrics", "must be an object of metric: entry")
    for name, entry in metrics.items():
        key = f"metrics.{name}"
        if not isinstance(entry, dict):
            raise bad(key, "must be an object")
        if tier == "exact":
            if "value" not in entry:
                raise bad(key + ".value", "missing")
            check_number_or_null(entry["value"], lambda why: bad(key + ".value", why))
            check_tolerance({"rel": entry.get("rel_tol", 0.0), "abs": entry.get("abs_tol", 0.0)},
                            lambda why: bad(key, why))
        else:
            values = entry.get("values")
            if not isinstance(values, list) or len(values) < 2:
                raise bad(key + ".values", "expected the list of the runs' values (at least 2)")
            for v in values:
                check_number_or_null(v, lambda why: bad(key + ".values", why))
            for k in ("mean", "std"):
                if k in entry:
                    check_number_or_null(entry[k], lambda why, k=k: bad(f"{key}.{k}", why))
            if "significance" in entry:
                s = entry["significance"]
                if isinstance(s, bool) or not isinstance(s, (int, float)) or not 0 < s < 0.5:
                    raise bad(key + ".significance", f"expected a number in (0, 0.5), got {s!r}")
            if "rel_tol" in entry or "abs_tol" in entry:
                check_tolerance({"rel": entry.get("rel_tol", 0.0),
                                 "abs": entry.get("abs_tol", 0.0)}, lambda why: bad(key, why))
    return data


def check_number_or_null(v, fail):
    if v is None:
        return
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise fail(f"expected a finite number or null, got {v!r}")


def check_tolerance(tol, fail):
    if not isinstance(tol, dict) or set(tol) - {"rel", "abs"}:
        raise fail("expected {\"rel\": R, \"abs\": A}")
    for k in ("rel", "abs"):
        v = tol.get(k, 0.0)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not v >= 0 or math.isinf(v):
            raise fail(f"{k} must be a non-negative number, got {v!r}")


def write_json_atomic(path, data):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".regress-", suffix=".json", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------------------------
# Running the examples
# --------------------------------------------------------------------------------------------

_help_cache = {}


def example_flags(exe):
    """The flags an example accepts, from its --PrintHelp and --PrintGlobals."""
    if exe in _help_cache:
        return _help_cache[exe]
    names = set()
    for opt in ("--PrintHelp", "--PrintGlobals"):
        p = _run([exe, opt], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=120)
        for line in p.stdout.splitlines():
            m = re.match(r"\s+--([A-Za-z0-9_.:-]+)[:=]", line)
            if m:
                names.add(m.group(1))
    if not names:
        first = next((l.strip() for l in p.stdout.splitlines() if l.strip()), "no output")
        raise RunProblem(f"{exe} --PrintHelp lists no flags: {first}")
    _help_cache[exe] = names
    return names


def flag_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return repr(v)
    return str(v)


def check_flags(path, baseline, exe):
    """Check the scenario's flags against the example without running the scenario.

    ns-3's CommandLine parses the arguments in order and stops at the first one it cannot
    parse (an unknown flag or a bad value), naming it: an unknown sentinel argument last is
    reached only once every flag before it parsed, and the program exits there. Only when a
    flag fails is --PrintHelp read, to tell an unknown flag from a value it no longer parses.
    """
    sentinel = "--regress-parse-check"
    flags = dict(baseline.get("flags", {}))
    if baseline["tier"] == "statistical":
        flags["run"] = baseline["runs"][0]
    args = [exe] + [f"--{k}={flag_value(v)}" for k, v in flags.items()] + [sentinel]
    p = _run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    m = re.search(r"Invalid command-line argument: (\S+)", p.stdout)
    if m and m.group(1) == sentinel:
        return
    culprit = None
    if m:
        culprit = next((k for k in flags if m.group(1).startswith(f"--{k}=")), None)
    else:
        # ns3::Type::Attribute values abort with the attribute's type but not its name.
        attrs = [k for k in flags if "::" in k]
        culprit = next((k for k in attrs if k.split("::")[-1] in p.stdout), None)
        if culprit is None and len(attrs) == 1 and "Attribute value" in p.stdout:
            culprit = attrs[0]
    first = m.group(0) if m else next((l.strip() for l in p.stdout.splitlines() if l.strip()),
                                      f"exit {p.returncode}")
    if not m and not culprit:
        if any("::" in k for k in flags) and "Attribute value" in p.stdout:
            raise InputProblem(f"{path}: key 'flags': {baseline['example']} does not parse an "
                               f"ns3:: attribute value: {first}")
        # Not a parse error: the program did not start (a missing library, say).
        raise RunProblem(f"{exe} does not start: {first}")
    if culprit and "::" not in culprit and culprit not in example_flags(exe):
        key = "runs" if culprit == "run" and "run" not in baseline.get("flags", {}) else \
            f"flags.{culprit}"
        raise InputProblem(f"{path}: key '{key}': {baseline['example']} has no flag --{culprit}")
    key = f"flags.{culprit}" if culprit else "flags"
    raise InputProblem(f"{path}: key '{key}': {baseline['example']} does not parse it: {first}")


def hold_build_lock(examples):
    """Share the build directory's lock (build/.microscope-build.lock, which ./microscope build
    takes exclusively) while the examples run, so that no build relinks them under a run.
    Returns the open lock file (closing it releases the lock), or None without a lock file."""
    path = os.path.join(os.path.dirname(os.path.abspath(examples)), ".microscope-build.lock")
    if not os.path.exists(path):
        return None
    import fcntl

    f = open(path, "a")
    try:
        fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        say(f"regress: waiting for the build to finish ({path})")
        fcntl.flock(f, fcntl.LOCK_SH)
    return f


def _run(args, **kw):
    """subprocess.run that turns a program that cannot start into a RunProblem."""
    try:
        return subprocess.run(args, **kw)
    except OSError as e:
        raise RunProblem(f"{args[0]}: cannot run: {e.strerror}")


def run_example(exe, flags, outdir, log, timeout):
    args = [exe] + [f"--{k}={flag_value(v)}" for k, v in flags.items()] + [f"--output={outdir}"]
    start = time.monotonic()
    with open(log, "w", encoding="utf-8") as f:
        f.write("$ " + " ".join(args) + "\n")
        f.flush()
        try:
            p = _run(args, stdout=f, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RunProblem(f"timed out after {timeout} s (log: {log})")
    wall = time.monotonic() - start
    if p.returncode != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = "".join(f.readlines()[-8:])
        raise RunProblem(f"{os.path.basename(exe)} exited {p.returncode} (log: {log}):\n{tail}")
    return wall


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------


def _walk(obj, prefix, out):
    """Numeric leaves of nested objects (arrays and per-service breakdowns skipped)."""
    for k, v in obj.items():
        path = f"{prefix}/{k}" if prefix else k
        if isinstance(v, dict):
            if k == "services":
                continue
            _walk(v, path, out)
        elif v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            out[path] = v


def summary_metrics(summary, include, where):
    """'<lane>/<level>/<key>' for every lane and level of a summary.json."""
    if not isinstance(summary, dict) or not isinstance(summary.get("levels"), dict):
        raise RunProblem(f"{where}: no 'levels' object")
    lanes = [(summary.get("decomposer") or "primary", summary["levels"])]
    for lane, body in (summary.get("baselines") or {}).items():
        if isinstance(body, dict) and isinstance(body.get("levels"), dict):
            lanes.append((lane, body["levels"]))
    patterns = [re.compile(p) for p in include]
    metrics = {}
    for lane, levels in lanes:
        for level, obj in levels.items():
            if not isinstance(obj, dict):
                continue
            leaves = {}
            _walk(obj, "", leaves)
            for key, v in leaves.items():
                if any(p.fullmatch(key) for p in patterns):
                    metrics[f"{lane}/{level}/{key}"] = v
    return metrics


def dimensioning_metrics(path):
    """'dimensioning/zone<Z>/cores' per zone and the total, from dimensioning.csv."""
    metrics = {}
    total = 0
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for i, row in enumerate(rows, start=2):
        try:
            cores = float(row["cores"])
            zone = row["zone"]
        except (KeyError, TypeError, ValueError):
            raise RunProblem(f"{path}: line {i}: no zone or cores")
        metrics[f"dimensioning/zone{zone}/cores"] = cores
        total += cores
    metrics["dimensioning/total/cores"] = total
    return metrics


def collect_metrics(outdir, include):
    metrics = {}
    found = False
    summary = os.path.join(outdir, "summary.json")
    if os.path.exists(summary):
        found = True
        with open(summary, encoding="utf-8") as f:
            metrics.update(summary_metrics(json.load(f), include, summary))
    dim = os.path.join(outdir, "dimensioning.csv")
    if os.path.exists(dim):
        found = True
        metrics.update(dimensioning_metrics(dim))
    if not found:
        raise RunProblem(f"{outdir}: neither summary.json nor dimensioning.csv was written")
    if not metrics:
        raise RunProblem(f"{outdir}: no guarded metric found in the outputs")
    return metrics


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def fmt(v):
    if v is None:
        return "null"
    if isinstance(v, float) and (v != 0 and (abs(v) >= 1e7 or abs(v) < 1e-4)):
        return f"{v:.6g}"
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".") if "." in f"{v:.6f}" else f"{v}"
    return str(v)


def rel_change(old, new):
    if old is None or new is None:
        return "-"
    if old == new:
        return "0"
    if old == 0:
        return f"{new - old:+.3g} abs"
    return f"{100.0 * (new - old) / abs(old):+.4g}%"


def within(old, new, rel, abs_):
    if old is None or new is None:
        return old is None and new is None
    return abs(new - old) <= max(abs_, rel * abs(old))


def mean_std(values):
    xs = [v for v in values if v is not None]
    if len(xs) != len(values):
        return None, None
    n = len(xs)
    m = sum(xs) / n
    s = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return m, s


def welch_test(base, now, rel, abs_):
    """Two-sided Welch t-test of now's mean against base's mean.

    Returns ("t", p, half-width of the 95 % confidence interval of the difference), or
    ("tolerance", ok, text) when the t statistic is undefined or not needed: null values, both
    samples constant (zero variance), or means equal within the tolerance.
    """
    mb, sb = mean_std(base)
    mn, sn = mean_std(now)
    if mb is None or mn is None:
        same = all(v is None for v in base) and all(v is None for v in now)
        return "tolerance", same, "null values"
    nb, nn = len(base), len(now)
    vb, vn = sb * sb / nb, sn * sn / nn
    se = math.sqrt(vb + vn)
    if se == 0 or within(mb, mn, rel, abs_):
        return "tolerance", within(mb, mn, rel, abs_), f"|diff|<=max({abs_:g}, {rel:g}*|mean|)"
    from scipy import stats  # Debian python3-scipy

    t = (mn - mb) / se
    # Welch-Satterthwaite degrees of freedom.
    df = (vb + vn) ** 2 / ((vb * vb / (nb - 1) if nb > 1 else 0)
                           + (vn * vn / (nn - 1) if nn > 1 else 0))
    p = 2.0 * stats.t.sf(abs(t), df)
    return "t", p, stats.t.ppf(0.975, df) * se


def welch(base, now, significance, rel, abs_):
    """One metric alone: (ok, description) at the given significance."""
    kind, x, y = welch_test(base, now, rel, abs_)
    if kind == "tolerance":
        return x, y
    return x >= significance, f"p={x:.3g} (a={significance:g}), 95% CI +-{fmt(y)}"


def holm(pvalues, alpha):
    """Holm-Bonferroni: the indices of the hypotheses rejected at family-wise level alpha."""
    order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
    rejected = set()
    m = len(pvalues)
    for rank, i in enumerate(order):
        if pvalues[i] < alpha / (m - rank):
            rejected.add(i)
        else:
            break
    return rejected


def table(rows):
    header = ("metric", "baseline", "now", "change", "tolerance", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    widths[0] = min(widths[0], 64)
    out = []
    for r in [header] + rows:
        out.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    return "\n".join(out)


def versions(root):
    def dpkg(pkg):
        try:
            p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                               text=True, timeout=30)
            return p.stdout.strip() if p.returncode == 0 and p.stdout.strip() else "unknown"
        except (OSError, subprocess.SubprocessError):
            return "unknown"

    def git():
        try:
            p = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                               capture_output=True, text=True, timeout=30)
            return p.stdout.strip() if p.returncode == 0 and p.stdout.strip() else "unknown"
        except (OSError, subprocess.SubprocessError):
            return "unknown"

    return {"ns3": dpkg("libns3-dev"), "libtorch": dpkg("libtorch-dev"), "module": git()}


# --------------------------------------------------------------------------------------------
# One scenario
# --------------------------------------------------------------------------------------------


def run_scenario(name, path, baseline, exe, work):
    """Run the scenario; returns a dict metric -> value (exact) or list of values (statistical)."""
    timeout = baseline.get("timeout_s", DEFAULT_TIMEOUT_S)
    include = baseline.get("include", DEFAULT_INCLUDE)
    flags = dict(baseline.get("flags", {}))
    if baseline["tier"] == "exact":
        out = os.path.join(work, name)
        shutil.rmtree(out, ignore_errors=True)  # no stale result from an earlier run
        wall = run_example(exe, flags, out, os.path.join(work, name + ".log"), timeout)
        say(f"  {name}: ran {baseline['example']} in {wall:.1f} s")
        return collect_metrics(out, include)
    values = {}
    runs = baseline["runs"]
    total = 0.0
    for i, r in enumerate(runs):
        out = os.path.join(work, f"{name}-run{r}")
        shutil.rmtree(out, ignore_errors=True)
        total += run_example(exe, dict(flags, run=r), out,
                             os.path.join(work, f"{name}-run{r}.log"), timeout)
        m = collect_metrics(out, include)
        for k, v in m.items():
            values.setdefault(k, [None] * len(runs))[i] = v
        if i == 0:
            first = set(m)
        elif set(m) != first:
            raise RunProblem(f"run {r} gives other metrics than run {runs[0]}")
    say(f"  {name}: ran {baseline['example']} {len(runs)} times (runs {runs}) in {total:.1f} s")
    return values


def check_scenario(name, baseline, now):
    """Compare; returns (rows, breaches, notes)."""
    rows, breaches, notes = [], [], []
    recorded = baseline.get("metrics", {})
    tol = baseline.get("tolerance", DEFAULT_TOLERANCE)
    for metric, entry in recorded.items():
        rel = entry.get("rel_tol", tol.get("rel", 0.0))
        abs_ = entry.get("abs_tol", tol.get("abs", 0.0))
        if metric not in now:
            rows.append((metric, fmt(entry.get("value", entry.get("mean"))), "missing", "-", "-",
                         "BREACH"))
            breaches.append(f"{name}: {metric}: missing from the outputs")
            continue
        if baseline["tier"] == "exact":
            old, new = entry["value"], now[metric]
            ok = within(old, new, rel, abs_)
            tol_text = f"rel {rel:g}" + (f", abs {abs_:g}" if abs_ else "")
            rows.append((metric, fmt(old), fmt(new), rel_change(old, new), tol_text,
                         "ok" if ok else "BREACH"))
            if not ok:
                breaches.append(f"{name}: {metric}: baseline {fmt(old)}, now {fmt(new)} "
                                f"({rel_change(old, new)}; tolerance {tol_text})")
        else:
            # Decided below, once every metric's p-value is known.
            base_vals, new_vals = entry["values"], now[metric]
            mb, _ = mean_std(base_vals)
            mn, sn = mean_std(new_vals)
            kind, x, y = welch_test(base_vals, new_vals, rel, abs_)
            sig = entry.get("significance", baseline.get("significance", DEFAULT_SIGNIFICANCE))
            now_text = fmt(mn) + (f" +-{fmt(sn)}" if sn else "")
            rows.append([metric, fmt(mb), now_text, rel_change(mb, mn), (kind, x, y, sig), None])
    if baseline["tier"] == "statistical":
        # Holm-Bonferroni over the metrics that needed a t-test, at the scenario's family-wise
        # level: testing 40 metrics at 1 % each would raise a false alarm in a third of the
        # checks of an unchanged build.
        tested = [i for i, r in enumerate(rows) if r[5] is None and r[4][0] == "t"]
        alpha = baseline.get("significance", DEFAULT_SIGNIFICANCE)
        rejected = {tested[j] for j in holm([rows[i][4][1] for i in tested], alpha)}
        for i, r in enumerate(rows):
            if r[5] is not None:  # missing from the outputs: already a breach
                continue
            kind, x, y, sig = r[4]
            if kind == "tolerance":
                ok, r[4] = x, y
            else:
                # A per-metric significance, if set, tests that metric alone.
                ok = x >= sig if sig != alpha else i not in rejected
                r[4] = f"p={x:.3g}, 95% CI of diff +-{fmt(y)}"
            r[5] = "ok" if ok else "BREACH"
            if not ok:
                breaches.append(f"{name}: {r[0]}: baseline mean {r[1]}, now mean {r[2]} "
                                f"({r[3]}; {r[4]}; family-wise level {alpha:g}, Holm)")
        rows = [tuple(r) for r in rows]
    for metric in now:
        if metric not in recorded:
            notes.append(f"{name}: {metric}: new metric, not guarded yet (run --update)")
    return rows, breaches, notes


def update_scenario(path, baseline, now, root):
    """Rewrite the baseline's metrics and versions; returns the lines saying what moved."""
    old = baseline.get("metrics", {})
    tol = baseline.get("tolerance", DEFAULT_TOLERANCE)
    metrics = {}
    moved = []
    for metric, value in now.items():
        prev = old.get(metric, {})
        entry = {}
        if baseline["tier"] == "exact":
            entry["value"] = value
            entry["rel_tol"] = prev.get("rel_tol", tol.get("rel", 0.0))
            entry["abs_tol"] = prev.get("abs_tol", tol.get("abs", 0.0))
            if metric not in old:
                moved.append(f"  + {metric}: {fmt(value)}")
            elif prev.get("value") != value:
                moved.append(f"  ~ {metric}: {fmt(prev.get('value'))} -> {fmt(value)} "
                             f"({rel_change(prev.get('value'), value)})")
        else:
            m, s = mean_std(value)
            entry["mean"] = m
            entry["std"] = s
            entry["values"] = value
            for k in ("significance", "rel_tol", "abs_tol"):
                if k in prev:
                    entry[k] = prev[k]
            if metric not in old:
                moved.append(f"  + {metric}: mean {fmt(m)}")
            elif prev.get("values") != value:
                pm, _ = mean_std(prev["values"])
                moved.append(f"  ~ {metric}: mean {fmt(pm)} -> {fmt(m)} ({rel_change(pm, m)})")
        metrics[metric] = entry
    for metric in old:
        if metric not in now:
            moved.append(f"  - {metric}: no longer in the outputs")
    out = {k: v for k, v in baseline.items() if k not in ("versions", "metrics")}
    out["versions"] = versions(root)
    out["metrics"] = metrics
    write_json_atomic(path, out)
    return moved


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(
        prog="microscope regress",
        description="Rerun the regression scenarios and compare their costs with the baselines.")
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help="scenarios to run (baseline file names without .json; default: all)")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the baselines from this build and print what moved")
    ap.add_argument("--tier", choices=("exact", "statistical", "all"), default="all",
                    help="which tier to run (default: all)")
    ap.add_argument("--baseline-dir", default=os.path.join(root, "test", "regression"),
                    help="directory of the baseline files (default: test/regression)")
    ap.add_argument("--examples", default=os.path.join(
        os.environ.get("MICROSCOPE_BUILD_DIR", os.path.join(root, "build")), "examples"),
                    help="directory of the built examples (default: build/examples)")
    ap.add_argument("--work", help="keep the runs' outputs and logs here (default: a temporary "
                    "directory, removed unless a run fails)")
    ap.add_argument("--ci", action="store_true",
                    help="only the scenarios meant for CI (those without \"ci\": false)")
    ap.add_argument("--runs", help="statistical tier: check with these RNG runs (comma-"
                    "separated, at least 2) instead of the baseline's own, for a sample "
                    "independent of the recorded one; not with --update")
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = ap.parse_args(argv)

    override_runs = None
    if args.runs is not None:
        try:
            override_runs = [int(r) for r in args.runs.split(",")]
        except ValueError:
            override_runs = []
        if (len(override_runs) < 2 or len(set(override_runs)) != len(override_runs)
                or min(override_runs) < 1):
            warn(f"error: --runs: expected at least 2 distinct positive run numbers, got "
                 f"'{args.runs}'")
            return 2
        if args.update:
            warn("error: --runs: the baseline records its own runs; not with --update")
            return 2
    bdir = args.baseline_dir
    if not os.path.isdir(bdir):
        warn(f"error: no baseline directory {bdir}")
        return 2
    available = sorted(f[:-5] for f in os.listdir(bdir) if f.endswith(".json"))
    names = args.names or available
    for n in names:
        if n not in available:
            warn(f"error: no baseline {os.path.join(bdir, n + '.json')} "
                 f"(available: {', '.join(available) or 'none'})")
            return 2

    # Load and check every selected baseline before anything runs.
    lock = hold_build_lock(args.examples)  # noqa: F841 (held until exit)
    scenarios = []
    try:
        for n in names:
            path = os.path.join(bdir, n + ".json")
            b = load_baseline(path)
            if args.tier != "all" and b["tier"] != args.tier:
                continue
            if args.ci and not b.get("ci", True):
                continue
            exe = os.path.join(args.examples, b["example"])
            if not os.access(exe, os.X_OK):
                raise InputProblem(f"{path}: key 'example': no example {b['example']} in "
                                   f"{args.examples}")
            check_flags(path, b, exe)
            if not args.update and not args.list and not b.get("metrics"):
                raise InputProblem(f"{path}: key 'metrics': no recorded metrics; record them "
                                   f"with: ./microscope regress --update {n}")
            scenarios.append((n, path, b, exe))
    except InputProblem as e:
        warn(f"error: {e}")
        return 2
    except RunProblem as e:
        warn(f"error: {e}")
        return 2
    except subprocess.TimeoutExpired as e:
        warn(f"error: {e.cmd[0]} did not answer within {e.timeout} s")
        return 2
    if args.list:
        for n, _, b, _ in scenarios:
            say(f"{n}  [{b['tier']}{'' if b.get('ci', True) else ', not in CI'}]  {b['example']} "
                + " ".join(f"--{k}={flag_value(v)}" for k, v in b.get("flags", {}).items())
                + (f"  runs {b['runs']}" if b["tier"] == "statistical" else ""))
        return 0
    if not scenarios:
        warn(f"error: no scenario of tier {args.tier} among {', '.join(names)}")
        return 2

    work = args.work or tempfile.mkdtemp(prefix="microscope-regress-")
    os.makedirs(work, exist_ok=True)
    now_versions = versions(root)
    breaches, notes, failed = [], [], []
    start = time.monotonic()
    for n, path, b, exe in scenarios:
        say(f"== {n} [{b['tier']}]: {b.get('description', b['example'])}")
        old_v = b.get("versions", {})
        for k in ("ns3", "libtorch"):
            if old_v.get(k) and old_v.get(k) != now_versions.get(k):
                notes.append(f"{n}: baseline made with {k} {old_v[k]}, now {now_versions[k]}")
        if override_runs and b["tier"] == "statistical":
            b = dict(b, runs=override_runs)
        try:
            now = run_scenario(n, path, b, exe, work)
        except RunProblem as e:
            failed.append(f"{n}: {e}")
            warn(f"error: scenario {n}: {e}")
            continue
        if args.update:
            moved = update_scenario(path, b, now, root)
            say(f"  {path}: " + (f"{len(moved)} change(s)" if moved else "nothing moved"))
            for line in moved:
                say(line)
            continue
        rows, br, nt = check_scenario(n, b, now)
        say(table(rows))
        breaches += br
        notes += nt
    say(f"regress: {len(scenarios)} scenario(s) in {time.monotonic() - start:.1f} s")
    for note in notes:
        say("note: " + note)
    if failed:
        for f in failed:
            warn("FAILED RUN: " + f)
        warn(f"outputs and logs kept in {work}")
        return 2
    if breaches:
        for b in breaches:
            warn("BREACH: " + b)
        warn(f"{len(breaches)} metric(s) out of tolerance; outputs and logs kept in {work}")
        return 1
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    if not args.update:
        say("regress: every guarded metric is within its tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
