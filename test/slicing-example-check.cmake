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
require_files(small ${WORK}/a summary.json node_costs.csv table3.csv topology.csv nodes.csv slots.csv)
require_keys(small ${WORK}/a/summary.json
             "\"antenna\"" "\"mec\"" "\"cran\"" "\"core\"" "\"sla_violation_MBps\""
             "\"overprovisioning_pct\"" "\"extra_subcarriers_per_antenna\"" "\"oracle\"")
file(STRINGS ${WORK}/a/topology.csv topology)
list(LENGTH topology rows)
if(NOT rows EQUAL 61)
  message(FATAL_ERROR "small: topology.csv has ${rows} lines, expected 61")
endif()
# Values: every level's totals are the sums of its services, node_costs.csv sums to them,
# slots.csv's per-slot rows average to them, table3.csv repeats them, nodes.csv and
# topology.csv hold every antenna once; a changed node cost is caught.
check_values(small slicing ${WORK}/a)
check_values_catch(small-perturbed slicing ${WORK}/a node_costs.csv
                   "\nhistorical,antenna,0,([0-9.e-]+)," "\nhistorical,antenna,0,1\\1,")

# --decomposer=auto picks the neural lane when the shipped models fit: the shipped antenna
# model (models/antenna.pt) fits the default layout whatever the number of days; with another
# seed (another layout) it does not, and historical runs, saying why.
run(auto-neural TRUE --days=4 --tiers=false --decomposer=auto --baselines=none
    --output=${WORK}/auto)
string(FIND "${last_out}" "decomposer: neural (the shipped models fit this scenario)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "auto-neural: the shipped model was not chosen:\n${last_out}")
endif()
require_keys(auto-neural ${WORK}/auto/summary.json "\"decomposer\": \"neural\"")
run(auto-other-layout TRUE --days=4 --tiers=false --seed=2 --decomposer=auto --baselines=none
    --output=${WORK}/auto-seed2)
string(FIND "${last_out}" "decomposer: historical (" at)
if(at EQUAL -1)
  message(FATAL_ERROR "auto-other-layout: historical not chosen:\n${last_out}")
endif()
require_keys(auto-other-layout ${WORK}/auto-seed2/summary.json "\"decomposer\": \"historical\"")

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
fail(unknown-use-case "--use-case" ${SMALL} --use-case=everything)
fail(empty-headroom-search "--headroom-search" ${SMALL} --headroom-search=1:0.5:0.1)
fail(zero-headroom-step "--headroom-search" ${SMALL} --headroom-search=0:1:0)
fail(malformed-headroom-search "--headroom-search" ${SMALL} --headroom-search=0:1)
fail(quantile-above-one "--quantiles" ${SMALL} --quantiles=0.5,1.2)
fail(quantile-zero "--quantiles" ${SMALL} --quantiles=0)
fail(cost-epsilon "--cost-epsilon" ${SMALL} --cost-epsilon=0)
fail(unknown-cost-level "--cost-levels" ${SMALL} --cost-levels=mec,edge)
fail(tuned-judged-on-validation "EvaluationStartDay" ${SMALL} --decomposer=historical-tuned
     --baselines=none --cost-levels=mec --eval-start-day=3)
fail(linear-lags "ns3::LinearDecomposer::ShortLag" ${SMALL} --decomposer=linear --baselines=none
     --ns3::LinearDecomposer::ShortLag=6)

# 4. The Table 3 use case with the three cost baselines (no shipped model fits this small
#    scenario, so historical-tuned is primary): table3.csv and the total cost of every lane.
run(datacenters TRUE ${SMALL} --use-case=datacenters --output=${WORK}/t3)
string(FIND "${last_out}" "historical-tuned" at)
if(at EQUAL -1)
  message(FATAL_ERROR "datacenters: no historical-tuned lane in the output:\n${last_out}")
endif()
require_files(datacenters ${WORK}/t3 summary.json table3.csv)
require_keys(datacenters ${WORK}/t3/summary.json "\"total_cost_MBps\"" "\"total_cost_pct\""
             "\"quantile\"" "\"deepcog\"" "\"historical\"" "\"oracle\""
             "\"use_case\": \"datacenters\"")
file(STRINGS ${WORK}/t3/table3.csv t3)
list(GET t3 0 header)
if(NOT header STREQUAL "lane,level,interval_min,sla_violation_MBps,sla_violation_pct,overprovisioning_MBps,overprovisioning_pct,total_cost_MBps,total_cost_pct")
  message(FATAL_ERROR "datacenters: table3.csv header is '${header}'")
endif()
# 5 lanes (historical-tuned, historical, quantile, deepcog, oracle) x 3 datacenter levels, no
# antenna row, the paper's intervals; the oracle pays nothing.
list(LENGTH t3 lines)
if(NOT lines EQUAL 16)
  message(FATAL_ERROR "datacenters: table3.csv has ${lines} lines, expected 16")
endif()
foreach(row ${t3})
  string(REPLACE "," ";" f "${row}")
  list(GET f 0 lane)
  list(GET f 1 level)
  if(lane STREQUAL "lane")
    continue()
  endif()
  if(level STREQUAL "antenna")
    message(FATAL_ERROR "datacenters: an antenna row: ${row}")
  endif()
  list(GET f 2 minutes)
  if((level STREQUAL "core" AND NOT minutes STREQUAL "60") OR
     (NOT level STREQUAL "core" AND NOT minutes STREQUAL "30"))
    message(FATAL_ERROR "datacenters: interval of ${row}")
  endif()
  list(GET f 3 sla)
  list(GET f 5 over)
  list(GET f 7 total)
  if(lane STREQUAL "oracle" AND NOT (sla STREQUAL "0" AND over STREQUAL "0" AND total STREQUAL "0"))
    message(FATAL_ERROR "datacenters: the oracle pays: ${row}")
  endif()
endforeach()

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
