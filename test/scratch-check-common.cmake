# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the scratch checks (scratch-check.cmake, scratch-bad-input-check.cmake), which ctest
# runs with -DDRIVER=<./microscope> -DBUILD=<the module's build dir> -DPROGRAMS=<the scripts'
# folder, test/scratch-programs> -DWORK=<a folder of their own in the build dir>.
#
# The scripts are copied into WORK/scratch and built by the driver in WORK/build
# (MICROSCOPE_SCRATCH_DIR, MICROSCOPE_SCRATCH_BUILD_DIR) against the module already built in
# BUILD: neither the repository's scratch/ nor build/scratch is touched, and WORK is removed
# at the end, whether the check passes or fails.

set(SCRATCH ${WORK}/scratch)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${SCRATCH})

# Fail the check, removing WORK first.
function(check_fail text)
  file(REMOVE_RECURSE ${WORK})
  message(FATAL_ERROR "${text}")
endfunction()

# Run the driver with ARGN on the scratch folder; expect_ok TRUE: exit 0, FALSE: non-zero.
# Sets last_out (stdout) and last_all (stdout and stderr) in the caller.
function(driver name expect_ok)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env MICROSCOPE_BUILD_DIR=${BUILD}
            MICROSCOPE_SCRATCH_DIR=${SCRATCH} MICROSCOPE_SCRATCH_BUILD_DIR=${WORK}/build
            ${DRIVER} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect_ok AND NOT rc EQUAL 0)
    check_fail("${name}: exit ${rc}, expected 0\n${out}\n${err}")
  elseif(NOT expect_ok AND rc EQUAL 0)
    check_fail("${name}: exit 0, expected a failure\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
  set(last_all "${out}\n${err}" PARENT_SCOPE)
  message(STATUS "${name}: exit ${rc} as expected")
endfunction()

# Fail the check unless text holds every string of ARGN, with runs of blanks and newlines
# taken as one space (CMake wraps its messages).
function(require_text name text)
  string(REGEX REPLACE "[ \n]+" " " flat "${text}")
  foreach(expected ${ARGN})
    string(REGEX REPLACE "[ \n]+" " " expected "${expected}")
    string(FIND "${flat}" "${expected}" at)
    if(at EQUAL -1)
      check_fail("${name}: the output lacks '${expected}':\n${text}")
    endif()
  endforeach()
endfunction()
