#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Every example that builds a scenario accepts the same scenario flags (helper/scenario-flags.*,
# ScenarioFlags), with the same defaults and help, and they reach the scenario:
#   1. --PrintHelp of microscope-slicing, microscope-train, microscope-lte-slicing and
#      microscope-zone-dimensioning lists each
#      flag of the groups the example registers, with the expected default, and a flag's help
#      text is the same in every example that has it (one home);
#   2. microscope-slicing with every shared flag at a non-default value in a tiny scenario (and
#      a service catalog of its own): summary.json records each value;
#   3. microscope-train with the same scenario flags (the layout and demand of run 2 as files,
#      no tiers) trains a model, and microscope-slicing given the same flags finds that the
#      model fits its scenario (same positions within 1 m, interval, history and services), so
#      both built the same scenario from the same flags; negative control: with another
#      --history the model is reported not to fit;
#   4. microscope-lte-slicing with its shared flags at non-default values: summary.json;
#   5. bad values: each example exits non-zero with an error naming the flag;
#   6. the ns-3 attributes the flags stand for: a --ns3:: path given instead of a flag
#      (--ns3::SlotOrchestrator::History, ::MecInterval, ns3::CostAccountant::Alpha,
#      ns3::MicroscopeHelper::DatacenterTiers) reaches the objects (summary.json), and a flag
#      given with its path wins, before or after it; the tutorial's --antennas and
#      microscope-zone-dimensioning's --stations stand for ns3::MetroLayoutGenerator::NumAntennas;
#   7. --logging: every example and benchmark lists it, and microscope-slicing with it prints
#      the module's INFO log lines on stderr (none without it; with --logs=OFF, a build
#      without NS_LOG, only that it runs).
#
# The expected flag lists are written out here, independently of ScenarioFlags.
#
# Usage: scenario-flags-check.py --examples=BUILD/examples --work=DIR [--logs=ON|OFF]
# Exit status 0 when all hold, 1 otherwise (every failure is printed).

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys

# group -> [(flag, default as --PrintHelp shows it, or None for no default)]
GROUPS = {
    "scenario": [("antennas", "792"), ("antennas-file", None), ("trace-file", None),
                 ("catalog", None), ("days", "85"), ("slot", "+5min"), ("tiers", "true"),
                 ("mec-nodes", "0"), ("cran-nodes", "0"), ("core-nodes", "0"),
                 ("history", "6")],
    "orchestration": [("antenna-interval", "5"), ("mec-interval", "5"), ("cran-interval", "5"),
                      ("core-interval", "5"), ("eval-start-day", "-1"), ("eval-end-day", "-1"),
                      ("progress", "0")],
    "costs": [("alpha", "1"), ("headroom", "0")],
    "run": [("seed", "1"), ("run", "1"), ("output", "."), ("logging", "false")],
}
# The attribute each flag stands for, named in its help (the defaults above are theirs).
ATTRIBUTES = {"antennas": "ns3::MetroLayoutGenerator::NumAntennas",
              "days": "ns3::SyntheticTrafficGenerator::Days",
              "slot": "ns3::TrafficCalendar::SlotDuration",
              "tiers": "ns3::MicroscopeHelper::DatacenterTiers",
              "mec-nodes": "ns3::DatacenterTierBuilder::MecNodes",
              "history": "ns3::SlotOrchestrator::History",
              "antenna-interval": "ns3::SlotOrchestrator::AntennaInterval",
              "core-interval": "ns3::SlotOrchestrator::CoreInterval",
              "progress": "ns3::SlotOrchestrator::ProgressDays",
              "alpha": "ns3::CostAccountant::Alpha",
              "headroom": "ns3::SliceAllocator::Headroom"}
EXAMPLES = {
    "microscope-slicing": ["scenario", "orchestration", "costs", "run"],
    "microscope-train": ["scenario", "run"],
    "microscope-lte-slicing": ["costs", "run"],
    "microscope-zone-dimensioning": ["run"],
    "microscope-milan-export": ["run"],
}
# Defaults an example sets on purpose before registering (the packet-level headroom is +20 %).
OVERRIDES = {("microscope-lte-slicing", "headroom"): "0.2"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(exe, args, cwd=None):
    try:
        p = subprocess.run([exe] + args, capture_output=True, text=True, cwd=cwd, timeout=600)
    except OSError as e:
        return 127, "", "cannot run %s: %s" % (exe, e)
    return p.returncode, p.stdout, p.stderr


def parse_help(text):
    """--PrintHelp's program options: {flag: (help, default or None)}."""
    flags = {}
    for line in text.splitlines():
        m = re.match(r"^    --([a-z0-9-]+):\s+(.*?)(?: \[([^\]]*)\])?$", line)
        if m and not m.group(1).startswith("Print"):
            flags[m.group(1)] = (m.group(2), m.group(3))
    return flags


def check_help(examples):
    helps = {}
    for name, groups in EXAMPLES.items():
        code, out, err = run(os.path.join(examples, name), ["--PrintHelp"])
        if code != 0:
            fail("%s --PrintHelp exited %d: %s" % (name, code, err.strip()[-300:]))
            continue
        flags = parse_help(out)
        for group in groups:
            for flag, default in GROUPS[group]:
                default = OVERRIDES.get((name, flag), default)
                if flag not in flags:
                    fail("%s --PrintHelp lacks --%s (%s flags)" % (name, flag, group))
                    continue
                if flags[flag][1] != default:
                    fail("%s --%s: default %r in --PrintHelp, expected %r"
                         % (name, flag, flags[flag][1], default))
                helps.setdefault(flag, {})[name] = flags[flag][0]
                if flag in ATTRIBUTES and ATTRIBUTES[flag] + "; the flag wins" not in flags[flag][0]:
                    fail("%s --%s: the help does not name %s: %r"
                         % (name, flag, ATTRIBUTES[flag], flags[flag][0]))
    for flag, texts in helps.items():
        if len(set(texts.values())) != 1:
            fail("--%s has different help texts: %s" % (flag, texts))
    print("help: %d shared flags checked in %d examples" % (len(helps), len(EXAMPLES)))


def write_catalog(path):
    profile = ",".join(str(1 + (h % 24) // 6) for h in range(48))
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,category,share,slice,qci,sla_delivered,sla_delay_ms,volatility,"
                + ",".join("wd%02d" % h for h in range(24)) + ","
                + ",".join("ho%02d" % h for h in range(24)) + "\n")
        f.write("Video,streaming,0.6,video,6,0.95,150,0.3," + profile + "\n")
        f.write("Chat,messaging,0.1,chat,7,0.99,100,0.2," + profile + "\n")
        f.write("Web,web,0.3,web,8,0.9,300,0.4," + profile + "\n")


def parameters(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["parameters"]
    except (OSError, ValueError, KeyError) as e:
        fail("cannot read the parameters of %s: %s" % (path, e))
        return {}


def expect(where, params, expected):
    for key, value in expected.items():
        if params.get(key) != value:
            fail("%s: %s = %r, expected %r" % (where, key, params.get(key), value))


def summary(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        fail("cannot read %s: %s" % (path, e))
        return {}


def check_attributes(examples, work):
    """6. The --ns3:: paths of the flags' attributes reach the objects; a flag given wins."""
    slicing = os.path.join(examples, "microscope-slicing")
    tiny = ["--antennas=20", "--days=5", "--decomposer=historical", "--baselines=none"]
    cases = [
        # (arguments, expected summary.json parameters, expected interval_min per level)
        (["--ns3::SlotOrchestrator::History=4"], {"history": 4}, {}),
        (["--history=3", "--ns3::SlotOrchestrator::History=4"], {"history": 3}, {}),
        (["--ns3::SlotOrchestrator::History=4", "--history=3"], {"history": 3}, {}),
        (["--ns3::SlotOrchestrator::MecInterval=30min", "--ns3::CostAccountant::Alpha=2.5"],
         {"mec_interval_min": 30.0, "alpha": 2.5}, {"mec": 30.0, "cran": 5.0}),
        (["--mec-interval=10", "--ns3::SlotOrchestrator::MecInterval=30min"],
         {"mec_interval_min": 10.0}, {"mec": 10.0}),
        (["--ns3::MicroscopeHelper::DatacenterTiers=false"], {"mec_nodes": 0}, {}),
    ]
    for i, (extra, params, intervals) in enumerate(cases):
        out = os.path.join(work, "attributes-%d" % i)
        code, _, err = run(slicing, tiny + extra + ["--output=" + out])
        if code != 0:
            fail("microscope-slicing %s exited %d: %s" % (" ".join(extra), code, err[-300:]))
            continue
        s = summary(os.path.join(out, "summary.json"))
        expect("microscope-slicing %s" % " ".join(extra), s.get("parameters", {}), params)
        for level, minutes in intervals.items():
            got = s.get("levels", {}).get(level, {}).get("interval_min")
            if got != minutes:
                fail("microscope-slicing %s: the %s level's interval %r, expected %r"
                     % (" ".join(extra), level, got, minutes))
        if "DatacenterTiers=false" in " ".join(extra) and set(s.get("levels", {})) != {"antenna"}:
            fail("ns3::MicroscopeHelper::DatacenterTiers=false: levels %s, expected antenna only"
                 % sorted(s.get("levels", {})))
    # The tutorial: --antennas is ns3::MetroLayoutGenerator::NumAntennas (60 by the tutorial).
    tutorial = os.path.join(examples, "microscope-tutorial")
    for extra, antennas in ((["--ns3::MetroLayoutGenerator::NumAntennas=30"], 30),
                            (["--antennas=40"], 40), ([], 60)):
        out = os.path.join(work, "tutorial-%d" % antennas)
        code, _, err = run(tutorial, extra + ["--days=5", "--output=" + out])
        if code != 0:
            fail("microscope-tutorial %s exited %d: %s" % (" ".join(extra), code, err[-300:]))
            continue
        got = summary(os.path.join(out, "summary.json")).get("levels", {}).get(
            "antenna", {}).get("nodes")
        if got != antennas:
            fail("microscope-tutorial %s: %r antennas, expected %d" % (" ".join(extra), got,
                                                                      antennas))
    # microscope-zone-dimensioning: --stations is ns3::MetroLayoutGenerator::NumAntennas (2554
    # by the example); the flag wins.
    zones = os.path.join(examples, "microscope-zone-dimensioning")
    for extra, stations in ((["--ns3::MetroLayoutGenerator::NumAntennas=90"], 90),
                            (["--ns3::MetroLayoutGenerator::NumAntennas=90", "--stations=120"],
                             120)):
        code, out, err = run(zones, extra + ["--days=7", "--zones=4", "--forecast=none",
                                             "--output=" + os.path.join(work, "zones")])
        if code != 0 or ("synthetic: %d stations," % stations) not in out:
            fail("microscope-zone-dimensioning %s: expected %d stations (exit %d): %s"
                 % (" ".join(extra), stations, code, (out + err)[:300]))
    print("attributes: %d microscope-slicing runs, 3 tutorial and 2 zone-dimensioning runs"
          % len(cases))


def check_logging(examples, work, logs):
    """7. --logging everywhere; the module's INFO lines with it, none without."""
    names = sorted(n for n in os.listdir(examples)
                   if n.startswith("microscope-") and os.access(os.path.join(examples, n), os.X_OK)
                   and os.path.isfile(os.path.join(examples, n)))
    for name in names:
        code, out, err = run(os.path.join(examples, name), ["--PrintHelp"])
        if code != 0 or "logging" not in parse_help(out):
            fail("%s --PrintHelp lacks --logging (exit %d)" % (name, code))
    slicing = os.path.join(examples, "microscope-slicing")
    tiny = ["--antennas=20", "--days=5", "--decomposer=historical", "--baselines=none"]
    info = re.compile(r"^\+?[0-9.]*s? ?(SlotOrchestrator|MetroLayoutGenerator|"
                      r"SyntheticTrafficGenerator|DatacenterTierBuilder)[A-Za-z]*:\w+\(\): "
                      r"\[INFO \] ", re.M)
    for flag, want in (("--logging", logs), ("--logging=false", False), (None, False)):
        out_dir = os.path.join(work, "logging")
        code, out, err = run(slicing, tiny + ([flag] if flag else []) + ["--output=" + out_dir])
        lines = info.findall(err)
        if code != 0:
            fail("microscope-slicing %s exited %d: %s" % (flag, code, err[-300:]))
        elif want and not lines:
            fail("microscope-slicing %s printed no INFO log line: %s" % (flag, err[-300:]))
        elif not want and lines:
            fail("microscope-slicing %s printed %d INFO log lines" % (flag, len(lines)))
    print("logging: %d programs list --logging; %s" % (
        len(names), "INFO lines with it, none without" if logs else "a build without logs"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--logs", default="ON", help="OFF: the module was built without NS_LOG")
    args = parser.parse_args()
    examples = os.path.abspath(args.examples)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    slicing = os.path.join(examples, "microscope-slicing")
    train = os.path.join(examples, "microscope-train")
    lte = os.path.join(examples, "microscope-lte-slicing")

    # 1. Help.
    check_help(examples)

    # 2. Every shared flag of microscope-slicing at a non-default value.
    catalog = os.path.join(work, "catalog.csv")
    write_catalog(catalog)
    trace = os.path.join(work, "trace.csv")
    out_a = os.path.join(work, "slicing-a")
    scenario = ["--antennas=40", "--days=6", "--slot=10min", "--catalog=" + catalog,
                "--mec-nodes=3", "--cran-nodes=2", "--core-nodes=1", "--history=4",
                "--tiers=true"]
    orchestration = ["--antenna-interval=20", "--mec-interval=30", "--cran-interval=40",
                     "--core-interval=60", "--eval-start-day=4", "--eval-end-day=6",
                     "--progress=2"]
    code, out, err = run(slicing, scenario + orchestration +
                         ["--alpha=2", "--headroom=0.1", "--seed=3", "--run=2",
                          "--output=" + out_a, "--decomposer=historical", "--baselines=oracle",
                          "--write-trace=" + trace])
    if code != 0:
        fail("microscope-slicing with every shared flag exited %d: %s" % (code, err[-500:]))
    else:
        expect("microscope-slicing summary.json", parameters(os.path.join(out_a, "summary.json")),
               {"antennas": 40, "days": 6, "slot_s": 600.0, "catalog": catalog,
                "mec_nodes": 3, "cran_nodes": 2, "core_nodes": 1, "history": 4,
                "antenna_interval_min": 20.0, "mec_interval_min": 30.0,
                "cran_interval_min": 40.0, "core_interval_min": 60.0, "alpha": 2.0,
                "headroom": 0.1, "seed": 3, "run": 2})
        # --progress=2: a line every 2 simulated days (std::clog), at days 2, 4 and 6.
        progress = re.findall(r"\[microscope\] day (\d+)/6 ", err)
        if progress != ["2", "4", "6"]:
            fail("microscope-slicing --progress=2: progress at days %s, expected 2, 4, 6"
                 % progress)
        if "evaluated days 4-5" not in out:
            fail("microscope-slicing: --eval-start-day=4 --eval-end-day=6 not in its output: "
                 + out[:300])

    # 2b. microscope-train with the generated-scenario flags at non-default values, at the MEC
    # level: its evaluation.json describes that scenario.
    out_g = os.path.join(work, "train-generated")
    code, out, err = run(train, scenario + ["--seed=3", "--run=2", "--level=mec", "--interval=30",
                                            "--architecture=mlp", "--epochs=1",
                                            "--samples-per-epoch=16", "--validation-samples=8",
                                            "--threads=1", "--output=" + out_g])
    if code != 0:
        fail("microscope-train with the generated-scenario flags exited %d: %s"
             % (code, err[-500:]))
    else:
        try:
            with open(os.path.join(out_g, "evaluation.json"), encoding="utf-8") as f:
                evaluation = json.load(f)
            for part in ("antennas=40", "source=synthetic", "days=6", "layout=generated",
                         "slot_s=600", "seed=3", "run=2", "mec=3", "cran=2", "core=1"):
                if part not in evaluation["scenario"].split():
                    fail("microscope-train's scenario %r lacks %s"
                         % (evaluation["scenario"], part))
            if evaluation.get("history") != 4 or evaluation.get("level") != "mec":
                fail("microscope-train: history %r, level %r, expected 4, mec"
                     % (evaluation.get("history"), evaluation.get("level")))
        except (OSError, ValueError, KeyError) as e:
            fail("cannot read microscope-train's evaluation.json: %s" % e)

    # 3. microscope-train and microscope-slicing build the same scenario from the same flags:
    # the layout and demand of run 2 as files, antenna level only.
    antennas = os.path.join(work, "antennas.csv")
    try:
        with open(os.path.join(out_a, "topology.csv"), encoding="utf-8") as f, \
                open(antennas, "w", encoding="utf-8") as g:
            g.write("id,x_m,y_m\n")
            for row in csv.DictReader(f):
                g.write("%s,%s,%s\n" % (row["antenna"], row["x_m"], row["y_m"]))
    except (OSError, KeyError) as e:
        fail("cannot make the antenna file from run 2's topology.csv: %s" % e)
    files = ["--antennas-file=" + antennas, "--trace-file=" + trace, "--catalog=" + catalog,
             "--slot=10min", "--history=4", "--tiers=false", "--seed=3", "--run=2"]
    out_t = os.path.join(work, "train")
    code, out, err = run(train, files + ["--level=antenna", "--interval=20",
                                         "--architecture=mlp", "--epochs=1",
                                         "--samples-per-epoch=32", "--validation-samples=16",
                                         "--threads=1", "--output=" + out_t])
    if code != 0:
        fail("microscope-train with the scenario flags exited %d: %s" % (code, err[-500:]))
    else:
        try:
            with open(os.path.join(out_t, "evaluation.json"), encoding="utf-8") as f:
                evaluation = json.load(f)
            for part in ("antennas=40", "source=" + trace, "layout=given", "slot_s=600",
                         "seed=3", "run=2"):
                if part not in evaluation["scenario"]:
                    fail("microscope-train's scenario %r lacks %s"
                         % (evaluation["scenario"], part))
            if evaluation.get("history") != 4:
                fail("microscope-train: history %r, expected 4" % evaluation.get("history"))
        except (OSError, ValueError, KeyError) as e:
            fail("cannot read microscope-train's evaluation.json: %s" % e)
    model = os.path.join(out_t, "model.pt")
    out_b = os.path.join(work, "slicing-b")
    code, out, err = run(slicing, files + ["--antenna-interval=20", "--model=" + model,
                                           "--decomposer=auto", "--baselines=none",
                                           "--output=" + out_b])
    if code != 0:
        fail("microscope-slicing with the trained model exited %d: %s" % (code, err[-500:]))
    elif "decomposer: neural (the shipped models fit this scenario)" not in out:
        fail("microscope-slicing did not find microscope-train's model to fit the scenario "
             "built from the same flags: " + (out.splitlines() or [""])[0])
    else:
        expect("microscope-slicing (files) summary.json",
               parameters(os.path.join(out_b, "summary.json")),
               {"antennas": 40, "antennas_file": antennas, "trace_file": trace,
                "slot_s": 600.0, "mec_nodes": 0, "seed": 3, "run": 2})
    code, out, err = run(slicing, [f for f in files if not f.startswith("--history")] +
                         ["--history=3", "--antenna-interval=20", "--model=" + model,
                          "--decomposer=auto", "--baselines=none",
                          "--output=" + os.path.join(work, "slicing-c")])
    if code != 0 or "was trained for another interval or history" not in out:
        fail("negative control: with --history=3 the model should not fit (exit %d): %s"
             % (code, (out.splitlines() or [""])[0]))

    # 4. microscope-lte-slicing.
    out_l = os.path.join(work, "lte")
    code, out, err = run(lte, ["--enbs=3", "--ues-per-enb=1", "--slots=2", "--slot=250ms",
                               "--isolated-cells=true", "--alpha=1.5", "--headroom=0.3",
                               "--seed=4", "--run=3", "--output=" + out_l])
    if code != 0:
        fail("microscope-lte-slicing with its shared flags exited %d: %s" % (code, err[-500:]))
    else:
        expect("microscope-lte-slicing summary.json",
               parameters(os.path.join(out_l, "summary.json")),
               {"alpha": 1.5, "headroom": 0.3, "seed": 4, "run": 3})

    # 5. Bad values name the flag.
    tiny = ["--antennas=20", "--days=3", "--output=" + os.path.join(work, "bad")]
    bad = [(slicing, tiny, "--seed=0", "--seed"), (train, tiny, "--seed=0", "--seed"),
           (lte, ["--output=" + os.path.join(work, "bad")], "--seed=0", "--seed"),
           (os.path.join(examples, "microscope-zone-dimensioning"),
            ["--output=" + os.path.join(work, "bad")], "--seed=0", "--seed"),
           (slicing, tiny, "--slot=0s", "--slot"), (train, tiny, "--slot=-5min", "--slot"),
           (slicing, tiny, "--history=0", "--history"), (train, tiny, "--history=0", "--history"),
           (slicing, ["--days=3", "--output=" + os.path.join(work, "bad")], "--antennas=0",
            "--antennas"),
           (train, ["--antennas=20", "--output=" + os.path.join(work, "bad")], "--days=0",
            "--days"),
           (slicing, tiny, "--core-interval=-1", "--core-interval"),
           (slicing, tiny, "--antenna-interval=0", "--antenna-interval"),
           (train, tiny + ["--tiers=false"], "--level=mec", "--level")]
    for exe, base, value, flag in bad:
        code, out, err = run(exe, base + [value])
        name = os.path.basename(exe)
        if code == 0:
            fail("%s %s: exit 0, expected an error" % (name, value))
        elif not re.search(r"error: %s\b" % re.escape(flag), err):
            fail("%s %s: the error does not name %s: %s" % (name, value, flag, err.strip()[-300:]))
    if os.path.exists(os.path.join(work, "bad", "summary.json")):
        fail("a refused run left a summary.json behind")
    print("bad values: %d refused naming their flag" % len(bad))

    check_attributes(examples, work)
    check_logging(examples, work, args.logs.upper() not in ("OFF", "0", "FALSE", "NO"))

    if failures:
        print("scenario-flags check: %d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("scenario-flags check: every example accepts its shared flags with the same defaults "
          "and help; microscope-slicing and microscope-train build the same scenario from them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
