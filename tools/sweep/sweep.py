#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps of the microscope examples on Snakemake (local cores or a SLURM cluster).

    sweep.py run SWEEP.yaml --output=DIR [--cores N] [--cluster "sbatch ..." | --slurm]
                 [--jobs N] [--dry-run] [--examples-dir DIR] [-- SNAKEMAKE ARGS]
    sweep.py aggregate DIR          rebuild DIR/sweep.csv from the finished points
    sweep.py point ...              one point x run (called by the Snakefile)

The sweep file is YAML (JSON is valid YAML):

    example: microscope-slicing
    flags: {antennas: 60, days: 5, decomposer: historical}     # fixed flags
    grid: {alpha: [1, 2], headroom: [0, 0.1]}                  # full product
    zip: {mec-interval: [5, 30], cran-interval: [5, 30]}       # lists moving together
    runs: [1, 2]                                                # ns-3 RNG runs (--run)

Every point runs in DIR/points/<key>/run-<R>/, where <key> names its swept values; the
example writes its own result files there. Snakemake reruns only the points whose result is
missing or stale (changed flags, or an example rebuilt since). DIR/sweep.csv has one row per
point x run x lane x level. Bad input stops before anything runs, naming the key.
"""

import argparse
import csv
import difflib
import hashlib
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SNAKEFILE = os.path.join(HERE, "Snakefile")

TOP_KEYS = ("example", "flags", "grid", "zip", "runs", "threads")
# Flags the sweep sets itself for every point.
MANAGED = {
    "output": "each point writes in its own directory under --output",
    "run": "list the RNG runs under 'runs:'",
    "RngRun": "list the RNG runs under 'runs:'",
    "PrintHelp": "not a simulation flag",
}
# An argument no program declares (see check_flags).
SENTINEL = "microscope-sweep-value-check"
# ns-3's global values, accepted as flags by every program.
NS3_GLOBALS = {"RngSeed", "SchedulerType", "SimulatorImplementationType", "ChecksumEnabled"}

# The file each example writes last; its presence marks a complete run.
RESULT_FILE = {
    "microscope-slicing": "summary.json",
    "microscope-lte-slicing": "summary.json",
    "microscope-train": "evaluation.json",
    "microscope-zone-dimensioning": "dimensioning.csv",
}


class SweepError(Exception):
    """Bad input: the message names the file and key (or line)."""


def say(msg):
    print("[sweep] " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The sweep file


def format_value(value):
    """The command-line text of a YAML scalar (booleans as ns-3 spells them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def check_scalar(where, value):
    if value is None:
        raise SweepError(f"{where}: empty value")
    if isinstance(value, (dict, list)):
        kind = "a map" if isinstance(value, dict) else "a list"
        raise SweepError(f"{where}: expected a single value, got {kind}")
    if not isinstance(value, (str, int, float, bool)):
        raise SweepError(f"{where}: malformed value {value!r}")
    if isinstance(value, float) and value != value:
        raise SweepError(f"{where}: malformed value (NaN)")
    text = format_value(value)
    if "\n" in text:
        raise SweepError(f"{where}: malformed value (spans several lines)")
    return text


def check_flag_name(where, name):
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_:.-]*", name):
        raise SweepError(f"{where}: malformed flag name {name!r} (write it without the dashes)")
    if name in MANAGED:
        raise SweepError(f"{where}.{name}: set by the sweep ({MANAGED[name]})")
    return name


def check_list(where, values):
    if values is None or (isinstance(values, list) and not values):
        raise SweepError(f"{where}: empty list")
    if not isinstance(values, list):
        raise SweepError(f"{where}: expected a list of values, got {values!r}")
    texts = [check_scalar(f"{where}[{i}]", v) for i, v in enumerate(values)]
    seen = set()
    for i, t in enumerate(texts):
        if t in seen:
            raise SweepError(f"{where}[{i}]: value {t} appears twice")
        seen.add(t)
    return texts


def load_spec(path):
    """Parse and check the sweep file's structure; returns the normalised sweep."""
    import yaml  # Debian python3-yaml

    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except OSError as e:
        raise SweepError(f"{path}: cannot read: {e.strerror}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        raise SweepError(f"{path}{line}: malformed YAML: {problem}")
    if not isinstance(doc, dict):
        raise SweepError(f"{path}: expected a map with the keys {', '.join(TOP_KEYS)}")
    for key in doc:
        if key not in TOP_KEYS:
            raise SweepError(f"{path}: {key}: unknown key (known: {', '.join(TOP_KEYS)})")

    example = doc.get("example")
    if not isinstance(example, str) or not example:
        raise SweepError(f"{path}: example: expected the name of an example")

    flags = doc.get("flags") or {}
    if not isinstance(flags, dict):
        raise SweepError(f"{path}: flags: expected a map of flag to value")
    fixed = {}
    for name, value in flags.items():
        check_flag_name(f"{path}: flags", name)
        fixed[name] = check_scalar(f"{path}: flags.{name}", value)

    grid = doc.get("grid") or {}
    if not isinstance(grid, dict):
        raise SweepError(f"{path}: grid: expected a map of flag to list")
    axes = []  # list of (names, [tuple of texts]) moving together
    for name, values in grid.items():
        check_flag_name(f"{path}: grid", name)
        axes.append(([name], [(t,) for t in check_list(f"{path}: grid.{name}", values)],
                     "grid"))

    zips = doc.get("zip")
    if zips is not None:
        groups = zips if isinstance(zips, list) else [zips]
        for g, group in enumerate(groups):
            where = "zip" if not isinstance(zips, list) else f"zip[{g}]"
            if not isinstance(group, dict) or not group:
                raise SweepError(f"{path}: {where}: expected a map of flag to list")
            names, columns = [], []
            for name, values in group.items():
                check_flag_name(f"{path}: {where}", name)
                names.append(name)
                columns.append(check_list(f"{path}: {where}.{name}", values))
            lengths = {len(c) for c in columns}
            if len(lengths) != 1:
                detail = ", ".join(f"{n}: {len(c)}" for n, c in zip(names, columns))
                raise SweepError(f"{path}: {where}: the lists differ in length ({detail})")
            axes.append((names, list(zip(*columns)), where))

    seen = {}
    for name in fixed:
        seen[name] = "flags"
    for names, _, where in axes:
        for name in names:
            if name in seen:
                raise SweepError(f"{path}: {where}.{name}: given twice (also in {seen[name]})")
            seen[name] = where

    runs = doc.get("runs", [1])
    if isinstance(runs, bool):
        raise SweepError(f"{path}: runs: expected a list of RNG run numbers")
    if isinstance(runs, int):
        if runs < 1:
            raise SweepError(f"{path}: runs: expected at least one run")
        runs = list(range(1, runs + 1))
    if not isinstance(runs, list) or not runs:
        raise SweepError(f"{path}: runs: empty list" if runs == [] else
                         f"{path}: runs: expected a list of RNG run numbers")
    for i, r in enumerate(runs):
        if isinstance(r, bool) or not isinstance(r, int) or r < 1:
            raise SweepError(f"{path}: runs[{i}]: malformed run {r!r} (a positive integer)")
    if len(set(runs)) != len(runs):
        raise SweepError(f"{path}: runs: a run appears twice")

    threads = doc.get("threads", 1)
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise SweepError(f"{path}: threads: expected a positive integer (cores per point)")

    return {
        "example": example,
        "flags": fixed,
        "axes": axes,
        "swept": [n for names, _, _ in axes for n in names],
        "runs": runs,
        "threads": threads,
    }


def point_key(values):
    """Directory name of a point: its swept values, sanitised (a hash keeps it unique)."""
    if not values:
        return "base"
    parts = [f"{k}={re.sub(r'[^A-Za-z0-9._+-]', '_', v)}" for k, v in values.items()]
    key = "_".join(parts)
    exact = json.dumps(values, sort_keys=True)
    if len(key) > 100 or any(re.search(r"[^A-Za-z0-9._+-]", v) for v in values.values()):
        key = key[:80] + "-" + hashlib.sha1(exact.encode()).hexdigest()[:8]
    return key


def expand(spec):
    """The points of the sweep, in the order of the sweep file."""
    points = []
    for combo in itertools.product(*[rows for _, rows, _ in spec["axes"]]):
        values = {}
        for (names, _, _), row in zip(spec["axes"], combo):
            values.update(dict(zip(names, row)))
        points.append({"id": point_key(values), "values": values})
    return points


# ---------------------------------------------------------------------------------------------
# Checks against the example itself


def examples_dir_default():
    return os.path.join(os.environ.get("MICROSCOPE_BUILD_DIR", os.path.join(ROOT, "build")),
                        "examples")


def find_example(spec, examples_dir, path):
    name = spec["example"]
    known = sorted(n for n in os.listdir(examples_dir)
                   if n.startswith("microscope-") and not n.startswith("microscope-bench-")
                   and os.access(os.path.join(examples_dir, n), os.X_OK)) \
        if os.path.isdir(examples_dir) else []
    if name not in known:
        raise SweepError(f"{path}: example: unknown example '{name}' (built examples: "
                         f"{', '.join(known) or 'none, build first'})")
    return os.path.join(examples_dir, name)


def program_flags(exe):
    """The flags the example declares, with their defaults, from its --PrintHelp."""
    out = subprocess.run([exe, "--PrintHelp"], capture_output=True, text=True, timeout=120)
    text = out.stdout + out.stderr
    m = re.search(r"Program Options:\n(.*?)(?:\n\S|\Z)", text, re.S)
    flags = {}
    for line in (m.group(1).splitlines() if m else []):
        f = re.match(r"\s+--([^\s:=]+):.*?(?:\[([^\[\]]*)\])?\s*$", line)
        if f:
            flags[f.group(1)] = f.group(2)
    if not flags:
        raise SweepError(f"{exe} --PrintHelp: no program options found")
    return flags


def is_number(text):
    try:
        float(text)
        return True
    except (TypeError, ValueError):
        return False


def check_flags(spec, exe, path):
    """Unknown flags, then the values. ns-3's CommandLine reads the arguments in order and stops
    at the first it cannot take: each value is given before an unknown sentinel flag, so a good
    value makes the program stop at the sentinel, before it runs, and a bad one at the value."""
    known = program_flags(exe)
    named = [("flags", n) for n in spec["flags"]]
    named += [(where, n) for names, _, where in spec["axes"] for n in names]
    for section, name in named:
        if name in known or name in NS3_GLOBALS or "::" in name:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise SweepError(f"{path}: {section}.{name}: unknown flag of {spec['example']}{hint}")
    checks = [(f"flags.{k}", k, v) for k, v in spec["flags"].items()]
    for names, rows, where in spec["axes"]:
        for i, row in enumerate(rows):
            for name, value in zip(names, row):
                checks.append((f"{where}.{name}[{i}]", name, value))
    for where, name, value in checks:
        # ns-3 reads "6O" as 6: a flag with a numeric default takes numbers only.
        if is_number(known.get(name)) and not is_number(value):
            raise SweepError(f"{path}: {where}: malformed value '{value}' for --{name} "
                             f"(a number, default {known[name]})")

    def first_error(pairs):
        out = subprocess.run([exe] + [f"--{n}={v}" for n, v in pairs] + [f"--{SENTINEL}"],
                             capture_output=True, text=True, timeout=120)
        first = next((ln.strip() for ln in (out.stderr + out.stdout).splitlines()
                      if ln.strip()), "")
        return None if first == f"Invalid command-line argument: --{SENTINEL}" else first

    # All values at once (a later value of a flag replaces the earlier one); one at a time only
    # to find the bad one.
    if first_error([(n, v) for _, n, v in checks]) is None:
        return
    for where, name, value in checks:
        error = first_error([(name, value)])
        if error is not None:
            raise SweepError(f"{path}: {where}: malformed value '{value}' for --{name}"
                             + (f" ({error})" if error else ""))
    raise SweepError(f"{path}: {spec['example']} rejects the flags together")


# ---------------------------------------------------------------------------------------------
# The plan, the points and their state


def write_if_changed(path, text):
    """Write atomically, and only when the content changes (Snakemake reruns on mtime)."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def point_params(spec, exe, point, cwd):
    flags = dict(spec["flags"])
    flags.update(point["values"])
    return {"example": spec["example"], "executable": exe, "cwd": cwd,
            "flags": flags, "values": point["values"]}


def point_state(out, spec, exe, point, run, cwd):
    """done, or why the point x run has to (re)run."""
    base = os.path.join(out, "points", point["id"])
    done = os.path.join(base, f"run-{run}", "done.json")
    if not os.path.exists(done):
        return "missing"
    try:
        with open(os.path.join(base, "params.json"), encoding="utf-8") as f:
            if json.load(f) != point_params(spec, exe, point, cwd):
                return "flags changed"
    except (OSError, ValueError):
        return "flags changed"
    if os.path.getmtime(exe) > os.path.getmtime(done):
        return "example rebuilt"
    if os.path.getmtime(os.path.join(base, "params.json")) > os.path.getmtime(done):
        return "stale"
    return "done"


# ---------------------------------------------------------------------------------------------
# One point x run (run by Snakemake, locally or as a cluster job)


def result_files(example, rundir):
    name = RESULT_FILE.get(example, "summary.json")
    if os.path.exists(os.path.join(rundir, name)):
        return [name]
    # microscope-train with comma lists writes one sub-directory per combination.
    return sorted(os.path.join(d, name) for d in os.listdir(rundir)
                  if os.path.exists(os.path.join(rundir, d, name)))


def cmd_point(args):
    with open(args.params, encoding="utf-8") as f:
        p = json.load(f)
    rundir = os.path.abspath(args.outdir)
    os.makedirs(rundir, exist_ok=True)
    command = [p["executable"]] + [f"--{k}={v}" for k, v in p["flags"].items()] + \
        [f"--run={args.run}", f"--output={rundir}"]
    print("sweep point: " + " ".join(command), flush=True)
    print(f"host {os.uname().nodename}, SLURM job {os.environ.get('SLURM_JOB_ID', '-')}",
          flush=True)
    # A result of earlier flags or an earlier build must not pass for this run's if it fails.
    for old in result_files(p["example"], rundir):
        os.remove(os.path.join(rundir, old))
    start, cpu0 = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    rc = subprocess.call(command, cwd=p["cwd"])
    elapsed, cpu1 = time.time() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    if rc != 0:
        print(f"sweep point: {p['example']} exited with {rc}", file=sys.stderr)
        return rc if rc > 0 else 1
    found = result_files(p["example"], rundir)
    if not found:
        print(f"sweep point: {p['example']} exited 0 but wrote no "
              f"{RESULT_FILE.get(p['example'], 'summary.json')}", file=sys.stderr)
        return 1
    done = {"command": command, "elapsed_s": round(elapsed, 3), "cpu_s": round(cpu, 3),
            "results": found,
            "host": os.uname().nodename, "slurm_job": os.environ.get("SLURM_JOB_ID")}
    write_if_changed(os.path.join(rundir, "done.json"), json.dumps(done, indent=1) + "\n")
    return 0


# ---------------------------------------------------------------------------------------------
# Aggregation: one tidy table


def flatten(obj, prefix=""):
    """Scalar fields of a JSON object; nested objects joined with '_'; lists skipped."""
    out = {}
    for k, v in obj.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}_"))
        elif isinstance(v, list):
            continue
        else:
            out[prefix + k] = v
    return out


def rows_summary(doc):
    """summary.json of microscope-slicing and microscope-lte-slicing: every lane and level."""
    lanes = [(doc.get("decomposer", ""), doc.get("levels", {}))]
    lanes += [(name, b.get("levels", {})) for name, b in doc.get("baselines", {}).items()]
    for lane, levels in lanes:
        for level, metrics in levels.items():
            m = {k: v for k, v in metrics.items() if k != "services"}
            yield lane, level, flatten(m)


def rows_evaluation(doc):
    """evaluation.json of microscope-train: the trained network and its baselines."""
    common = {k: v for k, v in doc.items()
              if not isinstance(v, (dict, list)) and k not in ("scenario", "command", "level")}
    common.update(flatten(doc.get("grid", {}), "grid_"))
    level = doc.get("level", "")
    test = {k: v for k, v in doc.get("test", {}).items() if k != "per_service"}
    yield doc.get("architecture", "neural"), level, dict(common, **flatten(test))
    for name, b in doc.get("baselines", {}).items():
        m = {k: v for k, v in b.items() if k != "per_service"}
        yield name, level, dict({k: common[k] for k in ("loss", "interval_min", "history")
                                 if k in common}, **flatten(m))


def rows_zones(rundir):
    """microscope-zone-dimensioning: dimensioning per zone, forecast errors per zone/day type."""
    with open(os.path.join(rundir, "dimensioning.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            zone = r.pop("zone")
            yield "dimensioning", f"zone-{zone}", {k: number(v) for k, v in r.items()}
    fj = os.path.join(rundir, "forecast.json")
    if os.path.exists(fj):
        with open(fj, encoding="utf-8") as f:
            doc = json.load(f)
        for r in doc.get("results", []):
            lane = r.get("model", "")
            if r.get("activation"):
                lane += "-" + r["activation"]
            m = {k: v for k, v in r.items() if not isinstance(v, (list, dict))
                 and k not in ("zone", "model", "activation")}
            yield lane, f"zone-{r.get('zone')}", m


def number(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def run_rows(example, rundir):
    if example == "microscope-zone-dimensioning":
        yield from rows_zones(rundir)
        return
    for rel in result_files(example, rundir):
        with open(os.path.join(rundir, rel), encoding="utf-8") as f:
            doc = json.load(f)
        if rel.endswith("evaluation.json"):
            yield from rows_evaluation(doc)
        else:
            yield from rows_summary(doc)


def cell(v):
    if v is None:
        return ""  # NaN in the JSON; empty is a missing value to pandas and gnuplot
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v) if v == v else ""
    return str(v)


def aggregate(out):
    with open(os.path.join(out, "sweep.json"), encoding="utf-8") as f:
        plan = json.load(f)
    rows, metric_cols = [], []
    for point in plan["points"]:
        for run in plan["runs"]:
            rundir = os.path.join(out, "points", point["id"], f"run-{run}")
            for lane, level, metrics in run_rows(plan["example"], rundir):
                for k in metrics:
                    if k not in metric_cols:
                        metric_cols.append(k)
                rows.append((point, run, lane, level, metrics))
    swept = plan["swept"]
    metric_cols = [c for c in metric_cols if c not in swept and c not in ("point", "run")]
    header = ["point", "run"] + swept + ["lane", "level"] + metric_cols
    path = os.path.join(out, "sweep.csv")
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for point, run, lane, level, metrics in rows:
            w.writerow([point["id"], run] + [point["values"][k] for k in swept] + [lane, level]
                       + [cell(metrics.get(c)) for c in metric_cols])
    os.replace(tmp, path)
    return path, len(rows)


def cmd_aggregate(args):
    path, n = aggregate(args.dir)
    say(f"{path}: {n} rows")
    return 0


# ---------------------------------------------------------------------------------------------
# Running the sweep through Snakemake


class Progress:
    """Counts jobs from Snakemake's log: done, running (or queued), failed, left, ETA."""

    def __init__(self, out, total):
        self.out, self.total = out, total
        self.running, self.done, self.failed = {}, set(), {}
        self.start = time.time()
        self.block, self.external = None, {}

    def feed(self, line):
        s = line.strip()
        if s.startswith("rule point:"):
            self.block = {"kind": "start"}
        elif s.startswith("Error in rule point:"):
            self.block = {"kind": "error"}
        elif self.block is not None and s.startswith("output:"):
            self.block["output"] = s.split(":", 1)[1].strip()
        elif self.block is not None and s.startswith("jobid:"):
            self.block["jobid"] = s.split(":", 1)[1].strip()
            if self.block["kind"] == "start" and "output" in self.block:
                self.running[self.block["jobid"]] = self.block["output"]
                self.block = None
                return "start"
            if self.block["kind"] == "error":
                jid = self.block["jobid"]
                self.failed[jid] = self.running.pop(jid, self.block.get("output", "?"))
                self.block = None
                return "error"
        elif self.block is not None and not s:
            self.block = None
        m = re.match(r"Finished job (\d+)\.", s)
        if m and m.group(1) in self.running:
            self.done.add(self.running.pop(m.group(1)))
            return "done"
        m = re.match(r"Submitted job (\d+) with external jobid '(.*)'", s)
        if m:
            self.external[m.group(1)] = m.group(2)
        return None

    def left(self):
        return max(self.total - len(self.done) - len(self.failed) - len(self.running), 0)

    def line(self):
        n_done, n_fail, n_run = len(self.done), len(self.failed), len(self.running)
        left = max(self.total - n_done - n_fail - n_run, 0)
        elapsed = time.time() - self.start
        eta = "?"
        if n_done:
            rest = elapsed / n_done * (self.total - n_done - n_fail)
            eta = f"{int(rest // 60)}m{int(rest % 60):02d}s"
        return (f"{n_done} done, {n_run} running, {n_fail} failed, {left} left "
                f"(of {self.total}), {int(elapsed)} s elapsed, ETA {eta}")


def snakemake_cmd(out, args, plan_path, jobs):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", SNAKEFILE, "--directory", out,
           "--config", f"plan={plan_path}", "--keep-going", "--rerun-incomplete",
           "--printshellcmds", "--nocolor"]
    if args.cluster:
        cmd += ["--cluster", args.cluster, "--jobs", str(jobs), "--latency-wait", "30"]
        if args.cluster_cancel:
            cmd += ["--cluster-cancel", args.cluster_cancel]
    elif args.slurm:
        cmd += ["--slurm", "--jobs", str(jobs), "--latency-wait", "30"]
    else:
        cmd += ["--cores", str(args.cores)]
    return cmd + args.snakemake_args


def cmd_run(args):
    path = args.spec
    spec = load_spec(path)
    examples_dir = os.path.abspath(args.examples_dir or examples_dir_default())
    exe = find_example(spec, examples_dir, path)
    check_flags(spec, exe, path)
    stem = os.path.splitext(os.path.basename(path))[0]
    out = os.path.abspath(args.output or os.path.join("results", "sweeps", stem))
    if args.cluster and args.slurm:
        raise SweepError("--cluster and --slurm: choose one")
    points = expand(spec)
    cwd = os.getcwd()
    jobs = args.jobs or (100 if (args.cluster or args.slurm) else args.cores)

    states = {(p["id"], r): point_state(out, spec, exe, p, r, cwd)
              for p in points for r in spec["runs"]}
    todo = [k for k, s in states.items() if s != "done"]
    say(f"{spec['example']}: {len(points)} points x {len(spec['runs'])} runs = "
        f"{len(states)} runs, {len(states) - len(todo)} done, {len(todo)} to run")
    if args.dry_run:
        for p in points:
            flags = dict(spec["flags"], **p["values"])
            for r in spec["runs"]:
                print(f"{states[(p['id'], r)]:>16}  points/{p['id']}/run-{r}:  {spec['example']} "
                      + " ".join(f"--{k}={v}" for k, v in flags.items()) + f" --run={r}")
        return 0

    os.makedirs(out, exist_ok=True)
    for p in points:
        write_if_changed(os.path.join(out, "points", p["id"], "params.json"),
                         json.dumps(point_params(spec, exe, p, cwd), indent=1) + "\n")
    plan = {"example": spec["example"], "executable": exe, "python": sys.executable,
            "tool": os.path.abspath(__file__), "flags": spec["flags"], "swept": spec["swept"],
            "runs": spec["runs"], "threads": spec["threads"], "points": points}
    plan_path = os.path.join(out, "sweep.json")
    write_if_changed(plan_path, json.dumps(plan, indent=1) + "\n")
    csv_path = os.path.join(out, "sweep.csv")
    if todo and os.path.exists(csv_path):
        os.remove(csv_path)  # rebuilt below from the complete set only

    cmd = snakemake_cmd(out, args, plan_path, jobs)
    log_path = os.path.join(out, "snakemake.log")
    progress = Progress(out, len(todo))
    say("running: " + " ".join(f"'{c}'" if " " in c else c for c in cmd))
    last = 0.0
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                bufsize=1)
        for line in proc.stdout:
            log.write(line)
            log.flush()
            if args.verbose:
                sys.stderr.write(line)
            event = progress.feed(line)
            # After a job finishes, Snakemake starts the next one: report once it has.
            if event and (event != "done" or progress.left() == 0) and time.time() - last > 2:
                say(progress.line())
                last = time.time()
        rc = proc.wait()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        if "Directory cannot be locked" in f.read():
            raise SweepError(f"{out}: another sweep is running there; if none is (one was killed), "
                             f"remove {os.path.join(out, '.snakemake', 'locks')} and run again")
    say(progress.line())

    missing = [(pid, r) for (pid, r) in states
               if not os.path.exists(os.path.join(out, "points", pid, f"run-{r}", "done.json"))]
    if missing:
        unrun = 0
        for pid, r in missing:
            lp = os.path.join(out, "points", pid, f"run-{r}", "log.txt")
            if not os.path.exists(lp):
                say(f"did not run: point {pid} run {r}")
                unrun += 1
                continue
            say(f"failed: point {pid} run {r}; log: {lp}")
            with open(lp, encoding="utf-8", errors="replace") as f:
                tail = [ln.rstrip() for ln in f if ln.strip()][-3:]
            for ln in tail:
                say("    " + ln)
        if unrun:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                lines = [ln.rstrip() for ln in f if ln.strip()]
            at = max([i for i, ln in enumerate(lines) if "Error" in ln] or [len(lines) - 5])
            say("Snakemake stopped before running them:")
            for ln in lines[max(at, 0):at + 5]:
                say("    " + ln)
        say(f"{len(missing)} of {len(states)} runs failed or did not run; the others are kept "
            f"and a rerun runs only these. Snakemake's log: {log_path}")
        return 1
    if rc != 0:
        say(f"snakemake exited with {rc}; see {log_path}")
        return 1
    path, n = aggregate(out)
    say(f"{path}: {n} rows ({len(points)} points x {len(spec['runs'])} runs)")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(prog="microscope sweep", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run a sweep", prog="./microscope sweep")
    r.add_argument("spec", metavar="FILE", help="the sweep file (YAML or JSON)")
    r.add_argument("--output", "-o",
                   help="directory of the sweep's results (default: results/sweeps/<file name>)")
    r.add_argument("--cores", type=int, default=os.cpu_count() or 1,
                   help="local cores (default: all)")
    r.add_argument("--cluster", help='submit each point with this command, e.g. '
                   '"sbatch -p PARTITION -o LOG" (Snakemake\'s generic cluster mode)')
    r.add_argument("--cluster-cancel", help="command that cancels submitted jobs (scancel)")
    r.add_argument("--slurm", action="store_true",
                   help="Snakemake's own SLURM executor (needs SLURM accounting)")
    r.add_argument("--jobs", type=int, help="jobs at once in cluster mode (default 100)")
    r.add_argument("--dry-run", "-n", action="store_true",
                   help="check the sweep file and list the runs and their state")
    r.add_argument("--examples-dir", help="directory of the built examples")
    r.add_argument("--verbose", "-v", action="store_true", help="echo Snakemake's output")
    r.epilog = "Arguments after -- go to Snakemake as they are."
    a = sub.add_parser("aggregate", help="rebuild DIR/sweep.csv")
    a.add_argument("dir")
    p = sub.add_parser("point", help="one point x run (used by the Snakefile)")
    p.add_argument("--params", required=True)
    p.add_argument("--run", required=True, type=int)
    p.add_argument("--outdir", required=True)
    extra = []
    if "--" in argv:
        argv, extra = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    args = parser.parse_args(argv)
    args.snakemake_args = extra
    try:
        if args.command == "run":
            if args.cores < 1:
                raise SweepError("--cores: at least 1")
            return cmd_run(args)
        if args.command == "aggregate":
            return cmd_aggregate(args)
        return cmd_point(args)
    except SweepError as e:
        print(f"microscope sweep: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
