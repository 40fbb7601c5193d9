#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Benchmark of the sweep engine: a 24-point sweep of a small default-like scenario
(microscope-slicing, 200 antennas, 21 days, its default decomposers) on local cores.

    ./microscope sweep bench [--cores 2] [--antennas 200] [--days 21] [--keep DIR]

Measures the sweep's wall time against the sum of its points' own run times (each point
records its elapsed time in done.json), the CPU time of all its processes over the wall time
(2.0 = both cores busy the whole time), and one point run alone as the uncontended reference.
"""

import argparse
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--examples-dir", required=True)
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--antennas", type=int, default=200)
    p.add_argument("--days", type=int, default=21)
    p.add_argument("--keep", help="run and keep the sweep in this directory (default: a "
                   "temporary one, removed afterwards)")
    a = p.parse_args(argv)

    work = a.keep or tempfile.mkdtemp(prefix="microscope-bench-sweep.")
    os.makedirs(work, exist_ok=True)
    # 24 points: 4 headrooms x 3 SLA fees x 2 MEC/C-RAN intervals.
    spec = {"example": "microscope-slicing",
            "flags": {"antennas": a.antennas, "days": a.days},
            "grid": {"headroom": [0, 0.05, 0.1, 0.2], "alpha": [1, 2, 5]},
            "zip": {"mec-interval": [5, 30], "cran-interval": [5, 30]},
            "runs": [1]}
    spec_path = os.path.join(work, "bench-sweep.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    exe = os.path.join(a.examples_dir, "microscope-slicing")

    # One point alone: the uncontended time of a single run.
    single_dir = os.path.join(work, "single")
    t0, c0 = time.time(), children_cpu()
    subprocess.run([exe, f"--antennas={a.antennas}", f"--days={a.days}",
                    f"--output={single_dir}"], check=True, stdout=subprocess.DEVNULL)
    single, single_cpu = time.time() - t0, children_cpu() - c0

    out = os.path.join(work, "sweep")
    t0, c0 = time.time(), children_cpu()
    rc = subprocess.call([sys.executable, os.path.join(HERE, "sweep.py"), "run", spec_path,
                          f"--examples-dir={a.examples_dir}", f"--output={out}",
                          "--cores", str(a.cores)])
    wall, cpu = time.time() - t0, children_cpu() - c0
    if rc != 0:
        print(f"bench-sweep: the sweep failed ({rc}); see {out}", file=sys.stderr)
        return 1
    done = [json.load(open(f))
            for f in glob.glob(os.path.join(out, "points", "*", "run-*", "done.json"))]
    n = len(done)
    total = sum(d["elapsed_s"] for d in done)
    points_cpu = sum(d["cpu_s"] for d in done)
    load = os.getloadavg()
    version = subprocess.check_output([sys.executable, "-m", "snakemake", "--version"],
                                      text=True).strip()
    print(f"\nmicroscope-slicing --antennas={a.antennas} --days={a.days}: {n}-point sweep on "
          f"{a.cores} cores (Snakemake {version})")
    print(f"  one run alone                 {single:8.1f} s wall, {single_cpu:.1f} s CPU")
    print(f"  sweep wall time               {wall:8.1f} s")
    print(f"  sum of the points' run times  {total:8.1f} s  (mean {total / n:.1f} s per point, "
          f"{total / n / single:.2f}x the run alone)")
    print(f"  {n} x the run alone            {n * single:8.1f} s")
    print(f"  speed-up                      {total / wall:8.2f}  (sum of the points / wall)")
    print(f"  speed-up vs serial runs       {n * single / wall:8.2f}  ({n} x alone / wall)")
    print(f"  cores busy                    {cpu / wall:8.2f}  (CPU time of all processes / wall)")
    print(f"  CPU time of the runs          {points_cpu:8.1f} s  (sweep's processes in all: "
          f"{cpu:.1f} s; Snakemake and the driver: {cpu - points_cpu:.1f} s)")
    print(f"  load average at the end       {load[0]:8.2f}  (other processes share the cores when "
          f"above {a.cores})")
    print(f"  overhead                      {wall - total / a.cores:8.1f} s  "
          f"(wall - sum / {a.cores} cores)")
    if not a.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
