#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The result figures of the module documentation (doc/figures/plot-*), made by the module's own
runs and its own plotting (plot.py), so that every figure in the docs can be made again.

    doc_figures.py --examples=BUILD/examples [--out=doc/figures] [--work=DIR] [--only=NAME,...]
                   [--format=png,svg]

  topology, decomposition  microscope-slicing, 200 antennas, 10 days, historical primary
                           (plot-topology, plot-decomposition)
  decomposition-linear     the same run with the linear lane primary (plot-decomposition-linear)
  costs-default            the default scenario of ./microscope run (plot-costs-default)
  costs-datacenters        the Table 3 scenario, --use-case=datacenters (plot-costs-datacenters)
  zones                    microscope-zone-dimensioning, 400 stations, 21 days, 6 zones
                           (plot-zones)
  training-antenna         microscope-train with the shipped antenna model's command
                           (models/README.md), its learning curve (plot-training-antenna);
                           about 20 minutes, so made only when --only names it

The runs are deterministic (seed 1, run 1), and so are the figures. The two default-layout runs
take about a minute each on two cores; the others a few seconds. `./microscope docs --figures`
runs it into doc/figures.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from options import parse_names

HERE = os.path.dirname(os.path.abspath(__file__))
PLOT = os.path.join(HERE, "plot.py")
sys.path.insert(0, os.path.join(HERE, "..", "regress"))
from regress import hold_build_lock  # noqa: E402  (the build lock, shared while the runs last)

SMALL = ["--antennas=200", "--days=10", "--per-slot-output=true"]
# name -> (example, flags, run folder, plot.py figure, plot.py flags)
FIGURES = {
    "topology": ("microscope-slicing", SMALL + ["--decomposer=historical", "--baselines=oracle"],
                 "small-historical", "topology", []),
    "decomposition": ("microscope-slicing",
                      SMALL + ["--decomposer=historical", "--baselines=oracle"],
                      "small-historical", "decomposition", []),
    "decomposition-linear": ("microscope-slicing",
                             SMALL + ["--decomposer=linear", "--baselines=historical,oracle"],
                             "small-linear", "decomposition", []),
    "costs-default": ("microscope-slicing", [], "default", "costs", []),
    "costs-datacenters": ("microscope-slicing", ["--use-case=datacenters"], "datacenters",
                          "costs", []),
    "zones": ("microscope-zone-dimensioning",
              ["--stations=400", "--days=21", "--zones=6", "--forecast=none"], "zones", "zones",
              []),
    "training-antenna": ("microscope-train",
                         ["--architecture=cnn", "--level-deviation=true", "--lr-schedule=cosine",
                          "--min-lr=1e-5", "--epochs=24", "--patience=24",
                          "--samples-per-epoch=6000", "--validation-samples=1000",
                          "--threads=1"], "train-antenna", "training", []),
}
# Made only when --only names them (long runs).
LONG = {"training-antenna"}


def main(argv):
    ap = argparse.ArgumentParser(prog="doc_figures.py", description=__doc__.split("\n")[0])
    ap.add_argument("--examples", required=True, help="the folder of the built examples")
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..", "..", "doc",
                                                                   "figures")),
                    help="output folder (default: the module's doc/figures)")
    ap.add_argument("--work", help="folder of the runs (default: a temporary one, removed)")
    ap.add_argument("--only", help="comma-separated figures: " + ", ".join(FIGURES))
    ap.add_argument("--format", default="png,svg", help="comma-separated: png, svg")
    ap.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    args = ap.parse_args(argv)
    try:
        names = parse_names(args.only, list(FIGURES), "--only", "figure")
        if not args.only:
            names = [n for n in names if n not in LONG]
    except ValueError as e:
        print(f"doc_figures.py: error: {e}", file=sys.stderr)
        return 2
    for name in names:
        exe = os.path.join(args.examples, FIGURES[name][0])
        if not os.access(exe, os.X_OK):
            print(f"doc_figures.py: error: --examples: no program {exe} (build it first)",
                  file=sys.stderr)
            return 2
    work = args.work or tempfile.mkdtemp(prefix="microscope-doc-figures-")
    os.makedirs(args.out, exist_ok=True)
    done_runs = set()
    lock = hold_build_lock(args.examples)  # no build relinks the examples under a run
    try:
        for name in names:
            example, flags, run, figure, plot_flags = FIGURES[name]
            run_dir = os.path.join(work, run)
            if run not in done_runs:
                print(f"[doc-figures] {example} {' '.join(flags)}", file=sys.stderr)
                subprocess.run([os.path.join(args.examples, example), *flags,
                                f"--output={run_dir}"], check=True, stdout=subprocess.DEVNULL)
                done_runs.add(run)
            plots = os.path.join(run_dir, "plots-" + name)
            subprocess.run([sys.executable, PLOT, run_dir, f"--only={figure}",
                            f"--format={args.format}", f"--dpi={args.dpi}", f"--out={plots}",
                            *plot_flags], check=True, stdout=subprocess.DEVNULL)
            for f in args.format.split(","):
                src = os.path.join(plots, f"{figure}.{f.strip()}")
                dst = os.path.join(args.out, f"plot-{name}.{f.strip()}")
                shutil.copyfile(src, dst)
                print(dst)
    except subprocess.CalledProcessError as e:
        print(f"doc_figures.py: error: {' '.join(e.cmd)} failed ({e.returncode})",
              file=sys.stderr)
        return 1
    finally:
        if lock:
            lock.close()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
