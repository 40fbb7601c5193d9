# SPDX-License-Identifier: GPL-2.0-only
#
# Command-level checks of examples/microscope-zone-dimensioning (standalone build, run by
# ctest): exit codes, outputs, and no complete-looking output after bad input. The input files
# are written here.
#   cmake -DEXE=<example> -DWORK=<scratch dir> -P zone-dimensioning-check.cmake

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/milan)

include(${CMAKE_CURRENT_LIST_DIR}/example-check-common.cmake)

# The paper's three zones.
file(WRITE ${WORK}/paper.csv "zone,g_mb,f_mb,p\n6,27350.04,7237.04,0.95\n"
           "14,133907.90,34688.45,0.80\n19,746016.40,225068.60,1.00\n")
run(paper TRUE --zone-stats=${WORK}/paper.csv --output=${WORK}/paper-out)
file(READ ${WORK}/paper-out/dimensioning.csv dim)
foreach(row "6,27350.04,7237.04,0.9500,1.0750,37181.11,290.48,2"
            "14,133907.90,34688.45,0.8000,1.3000,219175.25,1712.31,12"
            "19,746016.40,225068.60,1.0000,1.0000,971085.00,7586.60,55")
  string(FIND "${dim}" "${row}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "dimensioning.csv lacks '${row}':\n${dim}")
  endif()
endforeach()

# Bad statistics: non-zero exit, nothing written.
file(WRITE ${WORK}/bad.csv "zone,g_mb,f_mb,p\n6,27350.04,7237.04,1.5\n")
run(bad-stats FALSE --zone-stats=${WORK}/bad.csv --output=${WORK}/bad-out)
if(EXISTS ${WORK}/bad-out/dimensioning.csv)
  message(FATAL_ERROR "bad-stats left a dimensioning.csv")
endif()

# No input: the synthetic scenario (small here), twice for determinism.
set(SYN --stations=150 --days=15 --zones=4 --forecast=gru --epochs=3)
run(synthetic TRUE ${SYN} --output=${WORK}/syn-a)
run(synthetic-again TRUE ${SYN} --output=${WORK}/syn-b)
require_files(synthetic ${WORK}/syn-a zones.csv datacenters.csv profiles.csv dimensioning.csv elbow.csv forecast.json)
# Values: the 150 stations asked for, each in one zone, as many per zone as datacenters.csv
# says; each zone's total the sum of its hourly profiles; mean+1std and mean+2std; g, f and p
# of dimensioning.csv an hour of the zone's profiles, d and V from them; a moved station is
# caught.
check_values(synthetic zones ${WORK}/syn-a 150)
check_values_catch(synthetic-perturbed zones ${WORK}/syn-a zones.csv
                   "\n0,([-0-9.]+),([-0-9.]+),([0-9]+)\n" "\n0,\\1,\\2,99\n" 150)
foreach(f zones.csv datacenters.csv profiles.csv dimensioning.csv elbow.csv)
  file(SHA256 ${WORK}/syn-a/${f} ha)
  file(SHA256 ${WORK}/syn-b/${f} hb)
  if(NOT ha STREQUAL hb)
    message(FATAL_ERROR "synthetic: ${f} differs between two identical runs")
  endif()
endforeach()
run(bad-stations FALSE --stations=0 --output=${WORK}/bad-stations)
run(bad-zones FALSE --zone-stats=${WORK}/paper.csv --milan-dir=${WORK}/milan)

# Milan: two days (original and CSV formats) and a few TIM cells.
set(tsv "")
foreach(i RANGE 0 143)
  math(EXPR t "1383260400000 + ${i} * 600000")
  math(EXPR a "(${i} / 6) % 24 + 1")
  foreach(sq 1 500 5050 5051 9999)
    string(APPEND tsv "${sq}\t${t}\t39\t\t\t\t\t${a}.5\n")
  endforeach()
endforeach()
file(WRITE ${WORK}/milan/sms-call-internet-mi-2013-11-01.txt "${tsv}")
set(csv "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n")
foreach(h RANGE 0 23)
  if(h LESS 10)
    set(h "0${h}")
  endif()
  foreach(sq 1 500 5050 5051 9999)
    string(APPEND csv "2013-11-02 ${h}:00:00,${sq},39,,,,,${h}.25\n")
  endforeach()
endforeach()
file(WRITE ${WORK}/milan/sms-call-internet-mi-2013-11-02.csv "${csv}")
file(WRITE ${WORK}/cell_towers.csv
     "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"
     "LTE,222,1,1,1,0,9.05,45.40,1,1,1,0,0,0\nLTE,222,1,1,2,0,9.16,45.46,1,1,1,0,0,0\n"
     "GSM,222,1,1,3,0,9.17,45.47,1,1,1,0,0,0\nUMTS,222,1,1,4,0,9.28,45.55,1,1,1,0,0,0\n"
     "LTE,222,10,1,5,0,9.10,45.45,1,1,1,0,0,0\nLTE,222,1,1,6,0,9.06,45.41,1,1,1,0,0,0\n")
run(milan TRUE --milan-dir=${WORK}/milan --opencellid=${WORK}/cell_towers.csv --zones=2
    --forecast=none --output=${WORK}/milan-out)
require_files(milan ${WORK}/milan-out zones.csv datacenters.csv profiles.csv dimensioning.csv elbow.csv forecast.json)
# The five Milan squares of the files are the stations.
check_values(milan zones ${WORK}/milan-out 5)

# A bad Milan line: non-zero exit and no output file at all.
file(APPEND ${WORK}/milan/sms-call-internet-mi-2013-11-01.txt "10001\t1383260400000\t39\t\t\t\t\t1\n")
run(milan-bad FALSE --milan-dir=${WORK}/milan --opencellid=${WORK}/cell_towers.csv
    --forecast=none --output=${WORK}/milan-bad-out)
foreach(f zones.csv datacenters.csv profiles.csv dimensioning.csv elbow.csv forecast.json)
  if(EXISTS ${WORK}/milan-bad-out/${f})
    message(FATAL_ERROR "milan-bad left ${f}")
  endif()
endforeach()
