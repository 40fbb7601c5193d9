# SPDX-License-Identifier: GPL-2.0-only
#
# Command-level checks of examples/microscope-slicing (standalone build, run by ctest): a small
# end-to-end run, determinism of the outputs, and every bad-input case of the spine issue
# (clear message naming the file and line or the flag, non-zero exit, no complete-looking
# summary.json, and an earlier result left intact). The input files are written here.
#   cmake -DEXE=<example> -DWORK=<scratch dir> -P slicing-example-check.cmake

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Small scenario: 60 antennas, 5 days (train 3, validation 1, test 1), 4 MEC, 3 C-RAN, 2 core.
set(SMALL --antennas=60 --days=5 --mec-nodes=4 --cran-nodes=3 --core-nodes=2)

include(${CMAKE_CURRENT_LIST_DIR}/example-check-common.cmake)

# A failing run: non-zero exit, a message that contains `expect`, and the earlier result in
# ${WORK}/keep left exactly as it was.
function(fail name expect)
  run(${name} FALSE ${ARGN} --output=${WORK}/keep)
  string(FIND "${last_err}" "${expect}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: stderr lacks '${expect}':\n${last_err}")
  endif()
  file(SHA256 ${WORK}/keep/summary.json now)
  if(NOT now STREQUAL KEEP_HASH)
    message(FATAL_ERROR "${name}: the earlier summary.json was changed")
  endif()
  file(GLOB partial ${WORK}/keep/*.partial)
  if(partial)
    message(FATAL_ERROR "${name}: left temporary files behind: ${partial}")
  endif()
endfunction()

# 1. End to end, with per-slot output.
run(small TRUE ${SMALL} --per-slot-output=true --output=${WORK}/a)
require_files(small ${WORK}/a summary.json node_costs.csv topology.csv nodes.csv slots.csv)
require_keys(small ${WORK}/a/summary.json
             "\"antenna\"" "\"mec\"" "\"cran\"" "\"core\"" "\"sla_violation_MBps\""
             "\"overprovisioning_pct\"" "\"extra_subcarriers_per_antenna\"" "\"oracle\"")
file(STRINGS ${WORK}/a/topology.csv topology)
list(LENGTH topology rows)
if(NOT rows EQUAL 61)
  message(FATAL_ERROR "small: topology.csv has ${rows} lines, expected 61")
endif()

# 2. Determinism: same seed and run -> byte-identical summary.json and slots.csv; another run
#    differs.
run(same TRUE ${SMALL} --per-slot-output=true --output=${WORK}/b)
run(other TRUE ${SMALL} --per-slot-output=true --run=2 --output=${WORK}/c)
foreach(f summary.json slots.csv)
  file(SHA256 ${WORK}/a/${f} ha)
  file(SHA256 ${WORK}/b/${f} hb)
  file(SHA256 ${WORK}/c/${f} hc)
  if(NOT ha STREQUAL hb)
    message(FATAL_ERROR "determinism: ${f} differs between two identical runs")
  endif()
  if(ha STREQUAL hc)
    message(FATAL_ERROR "determinism: ${f} is the same for --run=1 and --run=2")
  endif()
endforeach()

# An earlier complete result that failing runs must not touch.
run(keep TRUE ${SMALL} --output=${WORK}/keep)
file(SHA256 ${WORK}/keep/summary.json KEEP_HASH)

# 3. Bad input.
file(WRITE ${WORK}/short.csv "id,x_m,y_m\na,0,0\nb,100\n")
fail(short-row "short.csv:3:" --antennas-file=${WORK}/short.csv --days=5)
file(WRITE ${WORK}/text.csv "id,x_m,y_m\na,0,0\nb,abc,5\n")
fail(malformed-row "text.csv:3:" --antennas-file=${WORK}/text.csv --days=5)
file(WRITE ${WORK}/dup.csv "id,x_m,y_m\na,0,0\nb,100,100\nc,0,0\n")
fail(duplicate-position "dup.csv:4:" --antennas-file=${WORK}/dup.csv --days=5)
set(few "id,x_m,y_m\n")
foreach(i RANGE 0 5)
  math(EXPR x "${i} * 137")
  math(EXPR y "(${i} * 71) % 300")
  string(APPEND few "${i},${x},${y}\n")
endforeach()
file(WRITE ${WORK}/few.csv "${few}")
fail(fewer-antennas-than-datacenters "MecNodes" --antennas-file=${WORK}/few.csv --days=5
     --mec-nodes=10)
fail(zero-slot "--slot" ${SMALL} --slot=0s)
fail(negative-slot "--slot" ${SMALL} --slot=-5min)
fail(unknown-decomposer "unknown decomposer" ${SMALL} --decomposer=magic)

# Traces: the antennas of few.csv, one day of 5-minute slots (only the first rows matter).
set(head "time_s,antenna,service,mbps\n")
file(WRITE ${WORK}/unknown-service.csv "${head}0,0,YouTube,1.5\n0,1,Myspace,2\n")
fail(unknown-service "unknown-service.csv:3:" --antennas-file=${WORK}/few.csv
     --trace-file=${WORK}/unknown-service.csv --mec-nodes=2 --cran-nodes=2 --core-nodes=1)
file(WRITE ${WORK}/negative.csv "${head}0,0,YouTube,1.5\n0,1,Spotify,-2\n")
fail(negative-demand "negative.csv:3:" --antennas-file=${WORK}/few.csv
     --trace-file=${WORK}/negative.csv --mec-nodes=2 --cran-nodes=2 --core-nodes=1)
file(WRITE ${WORK}/nan.csv "${head}0,0,YouTube,1.5\n0,1,Spotify,nan\n")
fail(nan-demand "nan.csv:3:" --antennas-file=${WORK}/few.csv --trace-file=${WORK}/nan.csv
     --mec-nodes=2 --cran-nodes=2 --core-nodes=1)
file(WRITE ${WORK}/short-trace.csv "${head}0,0,YouTube,1.5\n0,1,Spotify\n")
fail(short-trace-row "short-trace.csv:3:" --antennas-file=${WORK}/few.csv
     --trace-file=${WORK}/short-trace.csv --mec-nodes=2 --cran-nodes=2 --core-nodes=1)
