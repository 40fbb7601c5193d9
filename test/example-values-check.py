#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Value checks of the examples' output files, each against something derived independently
(run by the *-check.cmake command-level checks after the example has written its outputs).

    example-values-check.py slicing DIR      microscope-slicing (with --per-slot-output=true)
    example-values-check.py lte DIR          microscope-lte-slicing
    example-values-check.py zones DIR N      microscope-zone-dimensioning, N stations asked for
    example-values-check.py train DIR        microscope-train, a sweep (fig10.csv, table2.csv)

Every check states what it derives and from which file; a mismatch prints it and exits 1.
"""

import csv
import json
import math
import os
import sys

failures = []


def fail(message):
    failures.append(message)


def near(a, b, rel=1e-9, abs_tol=0.0):
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_tol)


def expect_near(what, actual, expected, rel=1e-9, abs_tol=0.0):
    if not near(actual, expected, rel, abs_tol):
        fail("%s: %r, expected %r (derived independently)" % (what, actual, expected))


def rows(path, header):
    """The rows of a CSV file as dicts, after checking its header line."""
    with open(path, newline="", encoding="utf-8") as f:
        first = f.readline().rstrip("\r\n")
        if first != header:
            fail("%s: header %r, expected %r" % (path, first, header))
            return []
        return list(csv.DictReader(f, fieldnames=header.split(",")))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def lanes(summary):
    """(lane name, its levels) for the primary lane and every baseline."""
    out = [(summary["decomposer"], summary["levels"])]
    for name, b in summary.get("baselines", {}).items():
        out.append((name, b["levels"]))
    return out


def check_service_sums(where, level):
    """A level's totals are the sums of its per-service figures; total = SLA + overprov."""
    services = level.get("services", {})
    if not services:
        fail("%s: no per-service figures" % where)
        return
    for key in ("true_demand_MBps", "sla_violation_MBps", "overprovisioning_MBps"):
        expect_near("%s %s = sum over services" % (where, key), level[key],
                    sum(s[key] for s in services.values()), 1e-9, 1e-12)
    expect_near("%s total_cost_MBps = SLA + overprovisioning" % where, level["total_cost_MBps"],
                level["sla_violation_MBps"] + level["overprovisioning_MBps"], 1e-9, 1e-12)


def check_slicing(d):
    summary = load(os.path.join(d, "summary.json"))
    antennas = summary["run"]["antennas"]
    nservices = summary["run"]["services"]
    for lane, levels in lanes(summary):
        for name, level in levels.items():
            check_service_sums("summary.json %s/%s" % (lane, name), level)

    # topology.csv: one row per antenna asked for.
    topo = rows(os.path.join(d, "topology.csv"), "antenna,x_m,y_m,mec,cran,core")
    if len(topo) != antennas:
        fail("topology.csv: %d antennas, expected %d" % (len(topo), antennas))
    # nodes.csv: each level's nodes, which together hold every antenna once.
    nodes = rows(os.path.join(d, "nodes.csv"), "level,node,x_m,y_m,antennas")
    for name, level in summary["levels"].items():
        mine = [r for r in nodes if r["level"] == name]
        if len(mine) != level["nodes"]:
            fail("nodes.csv: %d %s nodes, summary.json says %d" % (len(mine), name, level["nodes"]))
        held = sum(int(r["antennas"]) for r in mine)
        if held != antennas:
            fail("nodes.csv: the %s nodes hold %d antennas, expected %d" % (name, held, antennas))
        # topology.csv's column of that level names the same nodes.
        if name != "antenna":
            counts = {}
            for r in topo:
                counts[r[name]] = counts.get(r[name], 0) + 1
            for r in mine:
                if counts.get(r["node"], 0) != int(r["antennas"]):
                    fail("%s node %s: %d antennas in topology.csv, %s in nodes.csv"
                         % (name, r["node"], counts.get(r["node"], 0), r["antennas"]))

    # node_costs.csv: the per-node costs of every lane and level sum to the summary's.
    costs = rows(os.path.join(d, "node_costs.csv"),
                 "lane,level,node,true_demand_MBps,sla_violation_MBps,overprovisioning_MBps")
    for lane, levels in lanes(summary):
        for name, level in levels.items():
            mine = [r for r in costs if r["lane"] == lane and r["level"] == name]
            if len(mine) != level["nodes"]:
                fail("node_costs.csv: %d rows for %s/%s, expected %d"
                     % (len(mine), lane, name, level["nodes"]))
            for key in ("true_demand_MBps", "sla_violation_MBps", "overprovisioning_MBps"):
                expect_near("node_costs.csv %s/%s: sum of %s" % (lane, name, key),
                            sum(float(r[key]) for r in mine), level[key], 1e-6, 1e-9)

    # table3.csv: every lane and level, the summary's figures (10 significant digits).
    table = rows(os.path.join(d, "table3.csv"),
                 "lane,level,interval_min,sla_violation_MBps,sla_violation_pct,"
                 "overprovisioning_MBps,overprovisioning_pct,total_cost_MBps,total_cost_pct")
    seen = 0
    for lane, levels in lanes(summary):
        for name, level in levels.items():
            mine = [r for r in table if r["lane"] == lane and r["level"] == name]
            if len(mine) != 1:
                fail("table3.csv: %d rows for %s/%s" % (len(mine), lane, name))
                continue
            seen += 1
            for key in ("sla_violation_MBps", "overprovisioning_MBps", "total_cost_MBps",
                        "total_cost_pct"):
                expect_near("table3.csv %s/%s %s" % (lane, name, key), mine[0][key], level[key],
                            1e-8, 1e-12)
    if seen != len(table):
        fail("table3.csv: %d rows, %d lane/level pairs" % (len(table), seen))

    # slots.csv (primary lane): one row per evaluated interval, node and service; the mean
    # over the intervals of each level's summed truth, violation and overprovisioning, in MB/s,
    # is the summary's.
    header = ("slot,time_s,level,node,service,truth_mbps,estimate_mbps,allocation_mbps,"
              "sla_violation_mbps,overprovisioning_mbps")
    columns = ("truth_mbps", "sla_violation_mbps", "overprovisioning_mbps")
    count = {}
    sums = {}
    with open(os.path.join(d, "slots.csv"), encoding="utf-8") as f:
        first = f.readline().rstrip("\r\n")
        if first != header:
            fail("slots.csv: header %r, expected %r" % (first, header))
        names = header.split(",")
        at = [names.index(c) for c in columns]
        for line in f:
            fields = line.rstrip("\r\n").split(",")
            level = fields[2]
            count[level] = count.get(level, 0) + 1
            s = sums.setdefault(level, [0.0] * len(columns))
            for i, k in enumerate(at):
                s[i] += float(fields[k])
    for name, level in summary["levels"].items():
        expected = level["evaluated_intervals"] * level["nodes"] * nservices
        if count.get(name, 0) != expected:
            fail("slots.csv: %d %s rows, expected %d intervals x %d nodes x %d services"
                 % (count.get(name, 0), name, level["evaluated_intervals"], level["nodes"],
                    nservices))
        n = 8.0 * level["evaluated_intervals"]
        for i, key in enumerate(("true_demand_MBps", "sla_violation_MBps",
                                 "overprovisioning_MBps")):
            expect_near("slots.csv %s: mean of summed %s / 8" % (name, columns[i]),
                        sums.get(name, [0.0] * 3)[i] / n, level[key], 1e-6, 1e-9)
    if set(count) - set(summary["levels"]):
        fail("slots.csv: rows of unknown levels %s" % sorted(set(count) - set(summary["levels"])))


def check_lte(d):
    summary = load(os.path.join(d, "summary.json"))
    params = summary["parameters"]
    slices = rows(os.path.join(d, "slices.csv"),
                  "slot,enb,slice,quota_prb,used_prb,offered_bytes,delivered_bytes,"
                  "dropped_bytes,delay_p50_ms,delay_p95_ms")
    vnf = rows(os.path.join(d, "vnf.csv"),
               "slot,level,node,slice,cores,offered_bytes,delivered_bytes,dropped_bytes,"
               "delay_p50_ms,delay_p95_ms")
    for lane, levels in lanes(summary):
        for name, level in levels.items():
            check_service_sums("summary.json %s/%s" % (lane, name), level)

    def measured(name, records):
        m = summary["levels"][name]["measured"]
        for key in ("offered_bytes", "delivered_bytes", "dropped_bytes"):
            total = sum(int(r[key]) for r in records)
            if total != m[key]:
                fail("%s measured %s: %d, the sum of its rows is %d" % (name, key, m[key], total))
        offered = sum(int(r["offered_bytes"]) for r in records)
        delivered = sum(int(r["delivered_bytes"]) for r in records)
        if offered > 0:
            expect_near("%s delivered_share = delivered / offered" % name, m["delivered_share"],
                        delivered / offered, 1e-12)
        with_traffic = sum(1 for r in records if int(r["offered_bytes"]) > 0)
        if with_traffic != m["node_slice_slots"]:
            fail("%s node_slice_slots %d, rows with traffic %d"
                 % (name, m["node_slice_slots"], with_traffic))
        for s in m["slices"]:
            mine = [r for r in records if r["slice"] == s["slice"]]
            for key in ("offered_bytes", "delivered_bytes", "dropped_bytes"):
                total = sum(int(r[key]) for r in mine)
                if total != s[key]:
                    fail("%s slice %s %s: %d, rows %d" % (name, s["slice"], key, s[key], total))

    # One row per slot, eNB and slice (6 slices in the default catalog).
    nslices = len(summary["levels"]["antenna"]["measured"]["slices"])
    expected = params["slots"] * params["enbs"] * nslices
    if len(slices) != expected:
        fail("slices.csv: %d rows, expected %d slots x %d eNBs x %d slices"
             % (len(slices), params["slots"], params["enbs"], nslices))
    measured("antenna", slices)
    for name, count in (("mec", params["mec_nodes"]), ("cran", params["cran_nodes"]),
                        ("core", params["core_nodes"])):
        mine = [r for r in vnf if r["level"] == name]
        if len(mine) != params["slots"] * count * nslices:
            fail("vnf.csv: %d %s rows, expected %d slots x %d nodes x %d slices"
                 % (len(mine), name, params["slots"], count, nslices))
        measured(name, mine)


def check_zones(d, stations):
    zones = rows(os.path.join(d, "zones.csv"), "station,x_m,y_m,zone")
    dcs = rows(os.path.join(d, "datacenters.csv"), "zone,x_m,y_m,stations,total_mb")
    prof = rows(os.path.join(d, "profiles.csv"),
                "zone,day_type,hour,days,mean_mb,std_mb,max_mb,mean_1std_mb,mean_2std_mb,"
                "p_1std,p_2std")
    dim = rows(os.path.join(d, "dimensioning.csv"), "zone,g_mb,f_mb,p,d,v_mb,gb_per_hour,cores")
    if len(zones) != stations:
        fail("zones.csv: %d stations, %d asked for" % (len(zones), stations))
    per_zone = {}
    for r in zones:
        per_zone[r["zone"]] = per_zone.get(r["zone"], 0) + 1
    if sorted(per_zone) != sorted(r["zone"] for r in dcs):
        fail("zones.csv zones %s, datacenters.csv zones %s"
             % (sorted(per_zone), [r["zone"] for r in dcs]))
    for r in dcs:
        if per_zone.get(r["zone"], 0) != int(r["stations"]):
            fail("zone %s: %d stations in zones.csv, %s in datacenters.csv"
                 % (r["zone"], per_zone.get(r["zone"], 0), r["stations"]))
        # The zone's total volume: its hourly means times their day counts, summed.
        total = sum(float(p["mean_mb"]) * int(p["days"]) for p in prof if p["zone"] == r["zone"])
        expect_near("zone %s total_mb = sum of mean_mb x days in profiles.csv" % r["zone"],
                    r["total_mb"], total, 1e-6, 0.01 * 48)
    for p in prof:
        m, s = float(p["mean_mb"]), float(p["std_mb"])
        expect_near("profiles.csv zone %s %s %s mean_1std" % (p["zone"], p["day_type"], p["hour"]),
                    p["mean_1std_mb"], m + s, 0, 0.0021)
        expect_near("profiles.csv zone %s %s %s mean_2std" % (p["zone"], p["day_type"], p["hour"]),
                    p["mean_2std_mb"], m + 2 * s, 0, 0.0031)
    if len(dim) != len(dcs):
        fail("dimensioning.csv: %d zones, datacenters.csv %d" % (len(dim), len(dcs)))
    for r in dim:
        g, f, p, dd = float(r["g_mb"]), float(r["f_mb"]), float(r["p"]), float(r["d"])
        # g and f are the mean and std of one hour of the zone's profiles, p its P_h.
        match = [q for q in prof if q["zone"] == r["zone"] and near(q["mean_mb"], g, 0, 0.006)
                 and near(q["std_mb"], f, 0, 0.006) and near(q["p_1std"], p, 0, 1e-4)]
        if not match:
            fail("dimensioning.csv zone %s: g %s, f %s, p %s is no hour of its profiles"
                 % (r["zone"], g, f, p))
        expect_near("zone %s d = 1 - 0.6 (p - 1) / 0.4" % r["zone"], dd, 1 - 0.6 * (p - 1) / 0.4,
                    0, 1e-4)
        expect_near("zone %s V = d (g + f)" % r["zone"], r["v_mb"], dd * (g + f), 0,
                    0.02 + 5e-5 * (g + f))


def check_learning_curve(d, e):
    """learning-curve.csv against its evaluation.json: one row per epoch run, the schedule's
    learning rates, the best rows' validation losses falling to best_validation_loss."""
    curve = rows(os.path.join(d, "learning-curve.csv"), "epoch,learning_rate,train_loss,"
                 "validation_loss,validation_mae_mbps,validation_nmae_pct,seconds,best")
    if len(curve) != e["epochs_run"]:
        fail("%s: %d learning-curve rows, %d epochs run" % (d, len(curve), e["epochs_run"]))
        return
    lr = e["learning_rate"]
    best = float("inf")
    for i, r in enumerate(curve):
        if int(r["epoch"]) != i + 1:
            fail("%s: learning-curve row %d is epoch %s" % (d, i + 1, r["epoch"]))
        if lr["schedule"] == "constant":
            expect_near("%s epoch %d learning rate" % (d, i + 1), r["learning_rate"],
                        lr["initial"], 1e-9)
        elif lr["schedule"] == "cosine":
            want = lr["minimum"] + 0.5 * (lr["initial"] - lr["minimum"]) * (
                1 + math.cos(math.pi * i / lr["epochs"]))
            expect_near("%s epoch %d cosine rate" % (d, i + 1), r["learning_rate"], want, 1e-9)
        v = float(r["validation_loss"])
        if (r["best"] == "1") != (v < best or i == 0):
            fail("%s: epoch %d best flag %s with validation loss %s (best so far %s)"
                 % (d, i + 1, r["best"], v, best))
        best = min(best, v)
    expect_near("%s best validation loss" % d, best, e["best_validation_loss"], 1e-9)


def check_train(d):
    fig10 = rows(os.path.join(d, "fig10.csv"), "architecture,loss,interval_min,mae_mbps,"
                 "nmae_pct,historical_mae_mbps,historical_nmae_pct,linear_mae_mbps,"
                 "linear_nmae_pct")
    table2 = rows(os.path.join(d, "table2.csv"), "architecture,level,interval_min,loss,mae_mbps,"
                  "nmae_pct,historical_mae_mbps,historical_nmae_pct,linear_mae_mbps,"
                  "linear_nmae_pct,flops")
    # One subdirectory per trained combination, each with its evaluation.json.
    runs = {}
    for sub in sorted(os.listdir(d)):
        path = os.path.join(d, sub, "evaluation.json")
        if os.path.isfile(path):
            e = load(path)
            runs[(e["architecture"], e["loss"], e["level"], float(e["interval_min"]))] = e
            check_learning_curve(os.path.join(d, sub), e)
    if not runs:
        fail("%s: no combination's evaluation.json" % d)
    if len(table2) != len(runs):
        fail("table2.csv: %d rows, %d trained combinations" % (len(table2), len(runs)))
    antenna = [k for k in runs if k[2] == "antenna"]
    if len(fig10) != len(antenna):
        fail("fig10.csv: %d rows, %d antenna-level combinations" % (len(fig10), len(antenna)))

    def compare(table, r, e):
        expect_near("%s %s/%s/%s mae_mbps" % (table, r["architecture"], r["loss"],
                                              e["level"]), r["mae_mbps"], e["test"]["mae_mbps"],
                    1e-5)
        expect_near("%s %s/%s/%s historical_mae_mbps" % (table, r["architecture"], r["loss"],
                                                         e["level"]),
                    r["historical_mae_mbps"], e["baselines"]["historical"]["mae_mbps"], 1e-5)
        expect_near("%s %s/%s/%s linear_mae_mbps" % (table, r["architecture"], r["loss"],
                                                     e["level"]),
                    r["linear_mae_mbps"], e["baselines"]["linear"]["mae_mbps"], 1e-5)

    for r in table2:
        key = (r["architecture"], r["loss"], r["level"], float(r["interval_min"]))
        if key not in runs:
            fail("table2.csv row %s: no such trained combination" % (key,))
            continue
        e = runs[key]
        compare("table2.csv", r, e)
        expect_near("table2.csv %s flops" % (key,), r["flops"], e["flops_per_inference"], 1e-5)
    for r in fig10:
        key = (r["architecture"], r["loss"], "antenna", float(r["interval_min"]))
        if key not in runs:
            fail("fig10.csv row %s: no such antenna-level combination" % (key,))
            continue
        compare("fig10.csv", r, runs[key])
    # The historical baseline depends on the level and interval only: one value per pair.
    hist = {}
    for r in table2:
        hist.setdefault((r["level"], r["interval_min"]), set()).add(r["historical_mae_mbps"])
    for k, v in hist.items():
        if len(v) != 1:
            fail("table2.csv: the historical MAE at %s differs between rows: %s" % (k, v))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    kind, d = argv[1], argv[2]
    try:
        if kind == "slicing":
            check_slicing(d)
        elif kind == "lte":
            check_lte(d)
        elif kind == "zones":
            check_zones(d, int(argv[3]))
        elif kind == "train":
            check_train(d)
        else:
            print("unknown check %r" % kind, file=sys.stderr)
            return 2
    except (OSError, KeyError, ValueError) as e:
        fail("cannot read the outputs of %s: %r" % (d, e))
    for f in failures:
        print("example-values-check %s: %s" % (kind, f), file=sys.stderr)
    if not failures:
        print("example-values-check %s: %s consistent" % (kind, d))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
