#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Small runs of the module's examples, so that ns-3's ./test.py smoke-tests them in a source
# tree (it runs each example whose program was built, in a scratch folder, and fails on a
# non-zero exit status). Each tuple is
#
#     (example_name and arguments, do_run, do_valgrind_run)
#
# where do_run and do_valgrind_run are Python conditions that test.py evaluates.
#
# ns-3 reads this file line by line (utils.get_list_from_file): each list is found by its
# name and ends at the first closing bracket, and everything after a hash sign is a comment.
# Entries therefore hold neither brackets nor hash signs. test.py runs the entries in parallel
# in one folder: each writes its own --output.
#
# Every examples/*.cc has at least one entry, and every entry with do_run "True" exits 0 in a
# few seconds (the training runs about 15 s; the 16 runs 63 to 89 s in all on 2 shared cores):
# the ctest test microscope-examples-to-run checks both against the standalone build
# (test/examples-to-run-check.py). The runs under valgrind are off: LibTorch and the LTE stack
# make them take hours.

cpp_examples = [
    # The fluid spine: the primary decomposer next to its baselines, then the forecast lane
    # and the cost-tuned lanes.
    ("microscope-slicing --antennas=60 --days=5 --decomposer=historical --output=microscope-slicing-historical", "True", "False"),
    ("microscope-slicing --antennas=60 --days=5 --decomposer=forecast --forecast-model=average --baselines=none --mec-nodes=2 --cran-nodes=2 --core-nodes=1 --per-slot-output=true --output=microscope-slicing-forecast", "True", "False"),
    ("microscope-slicing --antennas=60 --days=5 --decomposer=historical --baselines=oracle,historical-tuned,quantile --output=microscope-slicing-lanes", "True", "False"),
    ("microscope-tutorial --output=microscope-tutorial", "True", "False"),
    # Training: one network, then a two-architecture, two-level sweep (fig10.csv, table2.csv).
    ("microscope-train --architecture=3d-defcnn --antennas=60 --days=5 --epochs=1 --samples-per-epoch=16 --validation-samples=8 --output=microscope-train-3d-defcnn", "True", "False"),
    ("microscope-train --architecture=mlp,cnn --level=antenna,mec --antennas=60 --days=5 --epochs=1 --samples-per-epoch=16 --validation-samples=8 --mec-nodes=2 --cran-nodes=2 --core-nodes=1 --output=microscope-train-sweep", "True", "False"),
    ("microscope-zone-dimensioning --stations=150 --days=7 --zones=4 --forecast=gru --epochs=1 --output=microscope-zone-dimensioning", "True", "False"),
    ("microscope-lte-slicing --enbs=2 --ues-per-enb=1 --slots=2 --isolated-cells=true --output=microscope-lte-slicing", "True", "False"),
    ("microscope-lte-slicing --enbs=2 --ues-per-enb=1 --slots=2 --sharing=lend --decomposer=oracle --output=microscope-lte-slicing-lend", "True", "False"),
    # Benchmarks, at toy sizes: they measure and print.
    ("microscope-bench-spine --antennas=60 --days=5", "True", "False"),
    ("microscope-bench-traffic --antennas=60 --days=5 --largeAntennas=100 --largeDays=1 --learnability=false", "True", "False"),
    ("microscope-bench-tiers --antennas=100", "True", "False"),
    ("microscope-bench-orchestrator --antennas=60 --days=5 --oracle=true", "True", "False"),
    ("microscope-bench-mapping --antennas=60", "True", "False"),
    ("microscope-bench-zones --stations=150 --days=7 --zones=4 --forecastZones=1 --epochs=1", "True", "False"),
    ("microscope-bench-lanes --repeats=1 --antennas=60 --days=5", "True", "False"),
    ("microscope-bench-lte --points=2x1 --slots=2 --isolated-cells=true", "True", "False"),
    ("microscope-bench-milan --squares=300 --days=5 --tiers=false", "True", "False"),
    # Not run: it needs Milan files (the ctest microscope-milan-example writes some and runs it).
    ("microscope-milan-export --milan-dir=milan --output=microscope-milan-export", "False", "False"),
    # Not run: its scenario is fixed (the default 792 antennas, the seven networks at the four
    # levels); 112 s even with --budget=0.01 on the 2 shared cores here. ./microscope bench runs it.
    ("microscope-bench-neural --budget=0.01", "False", "False"),
]

python_examples = []
