#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ctest check of tools/plot/plot.py on small runs of the examples.

    check_plot.py --examples=DIR --work=DIR

Runs microscope-slicing (60 antennas, 5 days, per-slot output), microscope-zone-dimensioning
(120 stations) and microscope-train (3 epochs of an MLP) once each, and microscope-slicing at two headrooms x two RNG runs to make a
sweep.csv in the layout of ./microscope sweep (point, run, the swept flag, lane, level, then
the summary.json metrics of the level). Then every figure must come out as a valid, non-empty
PNG (signature, IHDR size) and SVG (parses as XML with an <svg> root holding drawn paths), the
same inputs must give byte-identical files, and bad input must fail naming the file and line
or the flag, leaving no figure behind.
"""

import argparse
import csv
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PLOT = os.path.join(HERE, "plot.py")
failures = []


def check(cond, what, detail=""):
    if cond:
        print(f"ok: {what}")
    else:
        print(f"FAIL: {what}\n{detail}")
        failures.append(what)


def run(args):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=600)


def example(exe, *flags):
    p = run([exe] + list(flags))
    if p.returncode != 0:
        print(f"{os.path.basename(exe)} {' '.join(flags)} failed:\n{p.stdout}\n{p.stderr}")
        sys.exit(1)


def plot(*args):
    return run([sys.executable, PLOT] + list(args))


def png_ok(path):
    with open(path, "rb") as f:
        head = f.read(33)
    if len(head) < 33 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return False, "no PNG signature or IHDR chunk"
    w, h = struct.unpack(">II", head[16:24])
    size = os.path.getsize(path)
    if w < 300 or h < 200 or size < 10000:
        return False, f"{w}x{h} pixels, {size} bytes: too small to hold a figure"
    return True, f"{w}x{h} pixels, {size} bytes"


def svg_ok(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return False, f"does not parse: {e}"
    if not root.tag.endswith("svg"):
        return False, f"root element {root.tag}"
    paths = sum(1 for el in root.iter() if el.tag.endswith("path") or el.tag.endswith("use"))
    if paths < 20:
        return False, f"only {paths} drawn elements"
    return True, f"{paths} drawn elements"


def flatten(summary):
    """(lane, level, metrics) rows of a summary.json, as ./microscope sweep flattens them."""
    lanes = [(summary["decomposer"], summary["levels"])]
    lanes += [(k, v["levels"]) for k, v in summary.get("baselines", {}).items()]
    for lane, levels in lanes:
        for level, obj in levels.items():
            yield lane, level, {k: v for k, v in obj.items() if not isinstance(v, (dict, list))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    # Share the build's lock while the examples run (see tools/regress/regress.py).
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "regress"))
    from regress import hold_build_lock  # noqa: E402

    lock = hold_build_lock(a.examples)  # noqa: F841 (held until exit)
    slicing = os.path.join(a.examples, "microscope-slicing")
    zones = os.path.join(a.examples, "microscope-zone-dimensioning")

    # Small runs.
    sl = os.path.join(a.work, "slicing")
    example(slicing, "--antennas=60", "--days=5", "--decomposer=historical", "--baselines=oracle",
            "--per-slot-output=true", f"--output={sl}")
    zo = os.path.join(a.work, "zones")
    example(zones, "--stations=120", "--days=10", "--zones=3", "--forecast=none",
            f"--output={zo}")
    tr = os.path.join(a.work, "train")
    example(os.path.join(a.examples, "microscope-train"), "--antennas=40", "--days=5",
            "--tiers=false", "--architecture=mlp", "--interval=30", "--epochs=3",
            "--samples-per-epoch=32", "--lr-schedule=cosine", "--threads=1", f"--output={tr}")
    sw = os.path.join(a.work, "sweep")
    os.makedirs(sw)
    rows = []
    for headroom in ("0", "0.1"):
        for r in (1, 2):
            out = os.path.join(sw, "points", f"headroom={headroom}", f"run={r}")
            example(slicing, "--antennas=40", "--days=5", "--decomposer=historical",
                    "--baselines=oracle", f"--headroom={headroom}", f"--run={r}",
                    f"--output={out}")
            with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
                for lane, level, m in flatten(json.load(f)):
                    rows.append(dict({"point": f"headroom={headroom}", "run": r,
                                      "headroom": headroom, "lane": lane, "level": level}, **m))
    header = []
    for row in rows:
        header += [k for k in row if k not in header]
    with open(os.path.join(sw, "sweep.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)

    # Every figure, in both formats.
    expected = {sl: ["topology", "decomposition", "costs"], zo: ["zones"], sw: ["sweep"],
                tr: ["training"]}
    for d, names in expected.items():
        p = plot(d, "--format=png,svg")
        check(p.returncode == 0, f"plot {os.path.basename(d)} exits 0", p.stdout + p.stderr)
        for n in names:
            for fmt, validate in (("png", png_ok), ("svg", svg_ok)):
                path = os.path.join(d, "plots", f"{n}.{fmt}")
                if not os.path.exists(path):
                    check(False, f"{n}.{fmt} is written", p.stdout + p.stderr)
                    continue
                ok, how = validate(path)
                check(ok, f"{n}.{fmt} is a valid, non-empty image ({how})", path)
        made = sorted(os.listdir(os.path.join(d, "plots")))
        check(made == sorted(f"{n}.{e}" for n in names for e in ("png", "svg")),
              f"plot {os.path.basename(d)} writes exactly its figures", " ".join(made))

    # Determinism: the same inputs give byte-identical files.
    again = os.path.join(a.work, "again")
    p = plot(sl, "--format=png,svg", f"--out={again}")
    same = p.returncode == 0 and all(
        open(os.path.join(again, f), "rb").read() ==
        open(os.path.join(sl, "plots", f), "rb").read() for f in os.listdir(again))
    check(same, "the same inputs give byte-identical figures", p.stderr)

    # A chosen node and day; a node or day that is not there.
    p = plot(sl, "--only=decomposition", "--level=mec", "--node=1", "--day=4",
             f"--out={os.path.join(a.work, 'chosen')}")
    check(p.returncode == 0, "decomposition of MEC node 1 on day 4", p.stderr)
    p = plot(sl, "--only=decomposition", "--node=999", f"--out={os.path.join(a.work, 'no')}")
    check(p.returncode == 2 and "--node=999" in p.stderr and not os.path.exists(
        os.path.join(a.work, "no")), "an absent node fails naming the flag, nothing written",
        p.stderr)

    # Bad input: a CSV row with a malformed number; a missing column; nothing left behind.
    bad = os.path.join(a.work, "bad")
    shutil.copytree(sl, bad, ignore=shutil.ignore_patterns("plots", "slots.csv"))
    with open(os.path.join(bad, "topology.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[1], "east", 1)
    with open(os.path.join(bad, "topology.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    p = plot(bad)
    check(p.returncode == 2 and "topology.csv: line 4" in p.stderr and "x_m" in p.stderr
          and not os.path.exists(os.path.join(bad, "plots", "costs.png")),
          "a malformed number fails naming the file, line and column, no figure written",
          p.stderr)
    with open(os.path.join(sw, "sweep.csv"), encoding="utf-8") as f:
        text = f.read().replace("nmae_pct", "nmae", 1)
    bsw = os.path.join(a.work, "bad-sweep")
    os.makedirs(bsw)
    with open(os.path.join(bsw, "sweep.csv"), "w", encoding="utf-8") as f:
        f.write(text)
    p = plot(bsw)
    check(p.returncode == 2 and "sweep.csv: line 1" in p.stderr and "nmae_pct" in p.stderr,
          "a sweep.csv without nmae_pct fails naming the file and column", p.stderr)
    btr = os.path.join(a.work, "bad-train")
    shutil.copytree(tr, btr, ignore=shutil.ignore_patterns("plots"))
    with open(os.path.join(btr, "learning-curve.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    lines[2] = lines[2].replace(lines[2].split(",")[4], "low", 1)
    with open(os.path.join(btr, "learning-curve.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    p = plot(btr)
    check(p.returncode == 2 and "learning-curve.csv: line 3" in p.stderr
          and "validation_mae_mbps" in p.stderr
          and not os.path.exists(os.path.join(btr, "plots")),
          "a malformed learning curve fails naming the file, line and column", p.stderr)
    p = plot(sl, "--format=gif")
    check(p.returncode == 2 and "--format" in p.stderr, "an unknown format fails naming the flag",
          p.stderr)
    empty = os.path.join(a.work, "empty")
    os.makedirs(empty)
    p = plot(empty)
    check(p.returncode == 2 and "nothing to plot" in p.stderr, "an empty directory fails",
          p.stderr)

    if failures:
        print(f"{len(failures)} check(s) failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    shutil.rmtree(a.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
