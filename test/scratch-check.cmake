# SPDX-License-Identifier: GPL-2.0-only
#
# Scratch programs (standalone build, run by ctest): a one-file program and a folder program
# are copied into a temporary scratch folder, listed, built and run through the driver, as a
# researcher would (`./microscope run NAME --flag=value`).

include(${CMAKE_CURRENT_LIST_DIR}/scratch-check-common.cmake)

file(COPY ${PROGRAMS}/hello-scratch.cc ${PROGRAMS}/folder-scratch DESTINATION ${SCRATCH})

# 1. Listed beside the examples, before being built.
driver(list TRUE list)
require_text(list "${last_out}" "microscope-slicing\n" "hello-scratch  (${SCRATCH}/hello-scratch.cc)"
             "folder-scratch  (${SCRATCH}/folder-scratch/)")

# 2. Built against the module and run with a flag: the module's catalog (nine services) and
#    the shipped models' folder (MICROSCOPE_MODELS_DIR) reach the program.
driver(run TRUE run hello-scratch --name=tester)
require_text(run "${last_out}" "hello-scratch: tester, 9 services, shipped antenna model found\n")

# 3. A folder of sources is one program; ./ns3's spelling scratch/NAME works too.
driver(run-folder TRUE run scratch/folder-scratch)
require_text(run-folder "${last_out}" "folder-scratch: antenna mec cran core\n")

# 4. The programs were built in the check's own folder, nowhere else.
foreach(exe hello-scratch folder-scratch)
  if(NOT EXISTS ${WORK}/build/bin/${exe})
    check_fail("${exe}: not in ${WORK}/build/bin")
  endif()
  if(EXISTS ${BUILD}/scratch/bin/${exe})
    check_fail("${exe}: landed in the shared ${BUILD}/scratch")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
