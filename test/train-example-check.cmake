# SPDX-License-Identifier: GPL-2.0-only
#
# Command-level checks of examples/microscope-train (standalone build, run by ctest): a tiny
# cost-aware training run whose model the cost-aware lane of microscope-slicing then runs, and
# the cost-aware loss's bad input (non-positive alpha or eps, named by their flags).
#   cmake -DEXE=<microscope-train> -DSLICING=<microscope-slicing> -DWORK=<scratch dir>
#         -P train-example-check.cmake

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
include(${CMAKE_CURRENT_LIST_DIR}/example-check-common.cmake)

# A tiny scenario: 60 antennas, 5 days, 4 MEC datacenters at 30-minute intervals.
set(TINY --antennas=60 --days=5 --mec-nodes=4 --cran-nodes=3 --core-nodes=2)

run(cost-training TRUE ${TINY} --architecture=cnn --loss=cost --level=mec --interval=30
    --epochs=2 --samples-per-epoch=64 --threads=1 --output=${WORK}/mec)
require_files(cost-training ${WORK}/mec model.pt evaluation.json)
require_keys(cost-training ${WORK}/mec/evaluation.json "\"loss\": \"cost\"")

# The cost-aware lane runs it; the neural lane refuses it, naming the file.
set(EXE_TRAIN ${EXE})
set(EXE ${SLICING})
run(cost-aware-lane TRUE ${TINY} --use-case=datacenters --cost-levels=mec
    --decomposer=cost-aware --baselines=historical --mec-cost-model=${WORK}/mec/model.pt
    --output=${WORK}/run)
require_keys(cost-aware-lane ${WORK}/run/summary.json "\"decomposer\": \"cost-aware\""
             "\"total_cost_MBps\"")
run(neural-lane-refuses FALSE ${TINY} --use-case=datacenters --cost-levels=mec
    --decomposer=neural --baselines=none --mec-model=${WORK}/mec/model.pt
    --output=${WORK}/refused)
string(FIND "${last_err}" "${WORK}/mec/model.pt" at)
if(at EQUAL -1)
  message(FATAL_ERROR "neural-lane-refuses: the error does not name the file:\n${last_err}")
endif()
set(EXE ${EXE_TRAIN})

# A sweep (two architectures x two losses x two levels): one subdirectory per combination,
# fig10.csv (the antenna level) and table2.csv (all), whose rows repeat each combination's
# evaluation.json (test MAE, the historical baseline's, FLOPs); a changed MAE is caught.
# Two epochs on the cosine schedule: learning-curve.csv is checked against the schedule.
run(sweep TRUE ${TINY} --architecture=mlp,lstm --loss=ratio-ce,regression --level=antenna,mec
    --interval=30 --epochs=2 --lr-schedule=cosine --min-lr=1e-4 --samples-per-epoch=32
    --threads=1 --output=${WORK}/sweep)
require_files(sweep ${WORK}/sweep fig10.csv table2.csv mlp-ratio-ce-antenna-30min/model.pt
              lstm-regression-mec-30min/evaluation.json
              lstm-regression-mec-30min/learning-curve.csv)
check_values(sweep train ${WORK}/sweep)
check_values_catch(sweep-perturbed train ${WORK}/sweep table2.csv
                   "\nmlp,antenna,30,ratio-ce,([0-9.e+-]+)," "\nmlp,antenna,30,ratio-ce,1\\1,")
check_values_catch(sweep-perturbed-fig10 train ${WORK}/sweep fig10.csv
                   "\nlstm,regression,30,([0-9.e+-]+)," "\nlstm,regression,30,1\\1,")
# The second epoch's cosine rate, changed.
check_values_catch(sweep-perturbed-curve train ${WORK}/sweep
                   mlp-ratio-ce-antenna-30min/learning-curve.csv "\n2,([0-9.e+-]+),"
                   "\n2,1\\1,")

# Bad input, each entry's last flag named in the error: non-positive alpha or eps of the
# cost-aware loss; an unknown learning-rate schedule; a floor or a decay with no effect on the
# constant schedule; a decay out of range, a floor above the rate, plateau's decay with the
# cosine schedule.
foreach(bad "--loss=cost;--alpha=0" "--loss=cost;--alpha=-1" "--loss=cost;--eps=0"
        "--loss=cost;--eps=-0.5" "--lr-schedule=step" "--lr-decay=0.5" "--min-lr=1e-5"
        "--lr-schedule=plateau;--lr-decay=0" "--lr-schedule=cosine;--min-lr=0.01"
        "--lr-schedule=cosine;--lr-decay=0.5")
  list(GET bad -1 flagged)
  string(REGEX MATCH "^--[a-z-]+" flag "${flagged}")
  string(REPLACE ";" " " label "${bad}")
  run("bad ${label}" FALSE ${TINY} --architecture=cnn --level=mec --interval=30 --epochs=1
      ${bad} --output=${WORK}/bad)
  string(FIND "${last_err}" "${flag}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "bad ${label}: the error does not name ${flag}:\n${last_err}")
  endif()
endforeach()
if(EXISTS ${WORK}/bad/model.pt)
  message(FATAL_ERROR "a refused training left a model behind")
endif()
