#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# The Milan path of the example programs, on small files in the Telecom Italia format that this
# script writes itself (its own writer, independent of the module's MilanFileWriter):
#   1. microscope-slicing --milan-dir runs end to end; summary.json states the unit (activity)
#      and labels its keys with it; the printed table too;
#   2. microscope-milan-export writes antennas.csv, trace.csv and catalog.csv; their replay
#      through --antennas-file --trace-file --catalog (replay-slicing.txt) gives the same
#      summary.json as the direct path, apart from the parameters that name the inputs;
#   3. microscope-train --milan-dir trains a model (evaluation.json in activity), and
#      microscope-slicing --milan-dir --decomposer=neural --model=it runs it (it fits);
#   4. bad input: a directory without Milan files, a malformed line, --slot=5min, --opencellid
#      without --milan-dir, an OpenCelliD file with no station in the grid, export without
#      --milan-dir: each exits non-zero naming the directory, file and line, or flag, and leaves
#      no summary.json behind.
#
# Usage: milan-example-check.py --examples=BUILD/examples --work=DIR
# Exit status 0 when all hold, 1 otherwise (every failure is printed).

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what)


def run(exe, args, cwd=None):
    p = subprocess.run([exe] + args, capture_output=True, text=True, cwd=cwd, timeout=600)
    return p.returncode, p.stdout, p.stderr


def write_milan(directory, first, days, squares, variant="txt", seed=7):
    """Files of the Milan data set, one line per square, interval and country code."""
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    for d in range(days):
        day = first + datetime.timedelta(days=d)
        name = "sms-call-internet-mi-%s.%s" % (day.isoformat(), variant)
        with open(os.path.join(directory, name), "w") as out:
            if variant == "csv":
                out.write("datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n")
            for i in range(144):
                local = datetime.datetime(day.year, day.month, day.day) + \
                    datetime.timedelta(minutes=10 * i)
                # Milan in winter is UTC+1: the .txt holds UTC epoch milliseconds.
                epoch_ms = int((local - datetime.datetime(1970, 1, 1)).total_seconds() - 3600) * 1000
                for s in squares:
                    for country in (39, 33):
                        values = ["%.3f" % (rng.random() * k) if rng.random() > 0.1 else ""
                                  for k in (2, 1.5, 1.8, 1.7, 30)]
                        if variant == "csv":
                            fields = [local.strftime("%Y-%m-%d %H:%M:%S"), str(s), str(country)]
                        else:
                            fields = [str(s), str(epoch_ms), str(country)]
                        out.write(("," if variant == "csv" else "\t").join(fields + values) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    slicing = os.path.join(args.examples, "microscope-slicing")
    train = os.path.join(args.examples, "microscope-train")
    export = os.path.join(args.examples, "microscope-milan-export")
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    milan = os.path.join(work, "milan")
    squares = [r * 100 + c + 1 for r in range(4) for c in range(5)]
    write_milan(milan, datetime.date(2013, 12, 20), 5, squares)  # a Friday; Christmas not in

    # 1. The direct path.
    direct = os.path.join(work, "direct")
    small = ["--decomposer=historical", "--baselines=oracle", "--mec-nodes=3", "--cran-nodes=2",
             "--core-nodes=1"]
    code, out, err = run(slicing, ["--milan-dir=" + milan, "--output=" + direct] + small)
    check(code == 0, "microscope-slicing --milan-dir exits 0 (%d): %s" % (code, err))
    if code == 0:
        summary = json.load(open(os.path.join(direct, "summary.json")))
        check(summary["parameters"].get("demand_unit") == "activity", "summary states the unit")
        antenna = summary["levels"]["antenna"]
        check("true_demand_activity" in antenna and "true_demand_MBps" not in antenna,
              "summary.json keys are labelled in activity")
        check(antenna["nodes"] == 20, "one antenna per square (%s)" % antenna["nodes"])
        check(summary["run"]["days"] == 5 and summary["run"]["slot_min"] == 10.0,
              "5 days of 10-minute slots")
        check("true activity" in out and "MB/s" not in out, "the printed table says activity")
        header = open(os.path.join(direct, "node_costs.csv")).readline()
        check("_activity" in header and "MBps" not in header, "node_costs.csv header: " + header)

    # 2. The converter's files replay to the same summary.json.
    exported = os.path.join(work, "exported")
    code, out, err = run(export, ["--milan-dir=" + milan, "--output=" + exported])
    check(code == 0, "microscope-milan-export exits 0 (%d): %s" % (code, err))
    replay = os.path.join(work, "replay")
    if code == 0:
        flags = open(os.path.join(exported, "replay-slicing.txt")).read().split()
        code, out, err = run(slicing, flags + ["--output=" + replay] + small)
        check(code == 0, "the replay exits 0 (%d): %s" % (code, err))
    if code == 0 and os.path.exists(os.path.join(direct, "summary.json")):
        a = json.load(open(os.path.join(direct, "summary.json")))
        b = json.load(open(os.path.join(replay, "summary.json")))
        inputs = {"antennas_file", "trace_file", "catalog", "milan_dir", "opencellid",
                  "milan_services", "milan_first_day", "milan_squares", "demand_unit_note"}
        for j in (a, b):
            for k in inputs:
                j["parameters"].pop(k, None)
        check(a == b, "the replay's summary.json equals the direct path's (inputs aside)")
        for name in ("node_costs.csv", "table3.csv", "topology.csv"):
            check(open(os.path.join(direct, name)).read() ==
                  open(os.path.join(replay, name)).read(), "the replay's " + name + " is the same")

    # 3. A model trained on the Milan data, run by microscope-slicing.
    trained = os.path.join(work, "train")
    code, out, err = run(train, ["--milan-dir=" + milan, "--interval=10", "--epochs=1",
                                 "--architecture=mlp", "--samples-per-epoch=64",
                                 "--validation-samples=32", "--tiers=false",
                                 "--output=" + trained])
    check(code == 0, "microscope-train --milan-dir exits 0 (%d): %s" % (code, err))
    if code == 0:
        evaluation = json.load(open(os.path.join(trained, "evaluation.json")))
        check(evaluation.get("demand_unit") == "activity" and "mae_activity" in evaluation["test"],
              "evaluation.json in activity")
        neural = os.path.join(work, "neural")
        code, out, err = run(slicing, ["--milan-dir=" + milan, "--tiers=false",
                                       "--decomposer=neural", "--baselines=none",
                                       "--model=" + os.path.join(trained, "model.pt"),
                                       "--output=" + neural])
        check(code == 0, "the Milan-trained model runs in microscope-slicing (%d): %s" % (code, err))

    # 4. Bad input.
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    bad = os.path.join(work, "bad")
    shutil.copytree(milan, bad)
    bad_file = os.path.join(bad, "sms-call-internet-mi-2013-12-21.txt")
    with open(bad_file, "a") as out:
        out.write("1\t1387580400000\t39\t1\tmany\t1\t1\t1\n")
    bad_line = sum(1 for _ in open(bad_file))
    rome = os.path.join(work, "rome.csv")
    with open(rome, "w") as out:
        out.write("radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,"
                  "updated,averageSignal\nLTE,222,1,1,1,0,12.49,41.89,500,1,1,0,0,0\n")
    cases = [
        (slicing, ["--milan-dir=" + empty], empty + ": no sms-call-internet-mi-"),
        (slicing, ["--milan-dir=" + bad], "%s:%d: column 'SMS-out'" % (bad_file, bad_line)),
        (slicing, ["--milan-dir=" + milan, "--slot=5min"], "--slot: "),
        (slicing, ["--opencellid=" + rome], "--opencellid: "),
        (slicing, ["--milan-dir=" + milan, "--opencellid=" + rome],
         rome + ": no station in the Milan grid's area"),
        (train, ["--milan-dir=" + milan, "--interval=5"], "--interval: "),
        (export, [], "--milan-dir: "),
    ]
    for exe, extra, expected in cases:
        target = os.path.join(work, "bad-out")
        shutil.rmtree(target, ignore_errors=True)
        code, out, err = run(exe, extra + ["--output=" + target])
        name = os.path.basename(exe) + " " + " ".join(extra)
        check(code != 0, name + ": exits non-zero")
        check(expected in err, name + ": error names '" + expected + "': " + err.strip())
        check(not os.path.exists(os.path.join(target, "summary.json")),
              name + ": no summary.json left behind")

    print("milan example check: %d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
