# SPDX-License-Identifier: GPL-2.0-only
#
# Command-level checks of examples/microscope-lte-slicing (standalone build, run by ctest): a
# tiny end-to-end run with its output files, and the bad-input cases of the packet-level issue
# (a clear message naming the flag, non-zero exit, no summary.json), and the flags against the
# attributes they stand for (--ns3::LteSlicingHelper::...).
#   cmake -DEXE=<example> -DWORK=<scratch dir> -P lte-slicing-example-check.cmake

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

set(TINY --enbs=3 --ues-per-enb=1 --slots=2 --slot=250ms)

include(${CMAKE_CURRENT_LIST_DIR}/example-check-common.cmake)

# A failing run: non-zero exit, a message that contains `expect`, no summary.json.
function(fail name expect)
  run(${name} FALSE ${ARGN} --output=${WORK}/${name})
  string(FIND "${last_err}" "${expect}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: stderr lacks '${expect}':\n${last_err}")
  endif()
  if(EXISTS ${WORK}/${name}/summary.json)
    message(FATAL_ERROR "${name}: a summary.json was written")
  endif()
endfunction()

# 1. A tiny run.
run(tiny TRUE ${TINY} --output=${WORK}/a)
require_files(tiny ${WORK}/a summary.json slices.csv vnf.csv node_costs.csv)
require_keys(tiny ${WORK}/a/summary.json
             "\"antenna\"" "\"mec\"" "\"cran\"" "\"core\"" "\"sla_violation_MBps\""
             "\"measured\"" "\"offered_bytes\"" "\"delivered_bytes\"" "\"dropped_bytes\""
             "\"delay_p95_ms\"" "\"sla_violations\"")
file(STRINGS ${WORK}/a/slices.csv rows)
list(LENGTH rows n)
# Header + 2 slots x 3 eNBs x 6 slices.
if(NOT n EQUAL 37)
  message(FATAL_ERROR "tiny: slices.csv has ${n} lines, expected 37")
endif()
list(GET rows 0 header)
if(NOT header STREQUAL
   "slot,enb,slice,quota_prb,used_prb,offered_bytes,delivered_bytes,dropped_bytes,delay_p50_ms,delay_p95_ms")
  message(FATAL_ERROR "tiny: slices.csv header is '${header}'")
endif()
# Values: each level's measured offered, delivered and dropped bytes (in all and per slice),
# delivered_share and node_slice_slots are those of its slices.csv or vnf.csv rows; the fluid
# costs are the sums of the services'; a changed offered byte count is caught.
check_values(tiny lte ${WORK}/a)
check_values_catch(tiny-perturbed lte ${WORK}/a slices.csv
                   "\n0,0,embb-video,([0-9]+),([0-9.]+),([0-9]+),"
                   "\n0,0,embb-video,\\1,\\2,1\\3,")

# 2. Bad input.
fail(zero-ues "--ues-per-enb" ${TINY} --ues-per-enb=0)
fail(short-slot "--slot" ${TINY} --slot=500us)
fail(unknown-qci "--qci" ${TINY} --qci=YouTube=42)
fail(quotas-beyond-bandwidth "--fixed-quotas" ${TINY} --fixed-quotas=20,20,0,0,0,0)
fail(unknown-decomposer "unknown decomposer" ${TINY} --decomposer=magic)
fail(zero-enbs "--enbs" ${TINY} --enbs=0)
fail(model-without-neural "--model" ${TINY} --model=m.pt)

# 3. Attributes: --ns3::LteSlicingHelper::NEnbs reaches the run when --enbs is not given, and
# a flag given together with its attribute wins (--ues-per-enb=2 over
# --ns3::LteSlicingHelper::UesPerEnb=3): summary.json's parameters and slices.csv's rows.
run(attributes TRUE --ns3::LteSlicingHelper::NEnbs=2 --ns3::LteSlicingHelper::UesPerEnb=3
    --ues-per-enb=2 --slots=2 --slot=250ms --output=${WORK}/attributes)
file(READ ${WORK}/attributes/summary.json summary)
string(JSON enbs GET "${summary}" parameters enbs)
string(JSON ues GET "${summary}" parameters ues_per_enb)
if(NOT enbs EQUAL 2 OR NOT ues EQUAL 2)
  message(FATAL_ERROR "attributes: summary.json has enbs ${enbs}, ues_per_enb ${ues}; expected 2, 2")
endif()
string(FIND "${last_out}" "2 eNBs x 2 UEs" at)
if(at EQUAL -1)
  message(FATAL_ERROR "attributes: the run did not print '2 eNBs x 2 UEs':\n${last_out}")
endif()
file(STRINGS ${WORK}/attributes/slices.csv rows)
list(LENGTH rows n)
# Header + 2 slots x 2 eNBs x 6 slices.
if(NOT n EQUAL 25)
  message(FATAL_ERROR "attributes: slices.csv has ${n} lines, expected 25")
endif()

# 4. The radio: the default run is the fast radio with the urban macro-cell loss; --radio=full
# sets its attributes, an --ns3:: path of one of them wins over --radio, a flag wins over both.
file(READ ${WORK}/a/summary.json tiny_summary)
string(JSON radio GET "${tiny_summary}" parameters radio)
string(JSON loss GET "${tiny_summary}" parameters path_loss)
string(JSON max GET "${tiny_summary}" parameters max_loss_db)
string(JSON cqi GET "${tiny_summary}" parameters cqi_periodicity_ms)
if(NOT radio STREQUAL "fast" OR NOT loss STREQUAL "urban-macro" OR NOT max EQUAL 138
   OR NOT cqi EQUAL 10)
  message(FATAL_ERROR "tiny: radio ${radio}, path loss ${loss}, MaxLossDb ${max}, CQI ${cqi} ms; "
                      "expected fast, urban-macro, 138, 10")
endif()
run(radio-full TRUE ${TINY} --radio=full --ns3::LteSlicingHelper::MaxLossDb=120
    --path-loss=friis --output=${WORK}/radio-full)
file(READ ${WORK}/radio-full/summary.json full_summary)
string(JSON radio GET "${full_summary}" parameters radio)
string(JSON loss GET "${full_summary}" parameters path_loss)
string(JSON max GET "${full_summary}" parameters max_loss_db)
string(JSON cqi GET "${full_summary}" parameters cqi_periodicity_ms)
if(NOT radio STREQUAL "full" OR NOT loss STREQUAL "friis" OR NOT max EQUAL 120 OR NOT cqi EQUAL 1)
  message(FATAL_ERROR "radio-full: radio ${radio}, path loss ${loss}, MaxLossDb ${max}, CQI ${cqi} "
                      "ms; expected full, friis, 120 (the attribute path), 1")
endif()
fail(unknown-radio "--radio" ${TINY} --radio=medium)
fail(unknown-path-loss "--path-loss" ${TINY} --path-loss=hata)
