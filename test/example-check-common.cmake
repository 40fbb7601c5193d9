# SPDX-License-Identifier: GPL-2.0-only
#
# Functions shared by the command-level checks of the examples (included by
# *-check.cmake, which ctest runs with -DEXE=<example> -DWORK=<scratch dir>).

# Run the example with ARGN; fail the check unless it exits 0 (expect_ok TRUE) or non-zero
# with a message on stderr (expect_ok FALSE). Sets last_out and last_err in the caller.
function(run name expect_ok)
  execute_process(COMMAND ${EXE} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(expect_ok AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: exit ${rc}, expected 0\n${out}\n${err}")
  elseif(NOT expect_ok AND rc EQUAL 0)
    message(FATAL_ERROR "${name}: exit 0, expected a failure\n${out}")
  endif()
  if(NOT expect_ok AND err STREQUAL "")
    message(FATAL_ERROR "${name}: failed without a message on stderr")
  endif()
  set(last_err "${err}" PARENT_SCOPE)
  set(last_out "${out}" PARENT_SCOPE)
  message(STATUS "${name}: exit ${rc} as expected")
endfunction()

# Fail the check unless every file of ARGN exists in dir.
function(require_files name dir)
  foreach(f ${ARGN})
    if(NOT EXISTS ${dir}/${f})
      message(FATAL_ERROR "${name}: ${f} missing in ${dir}")
    endif()
  endforeach()
endfunction()

# Fail the check unless the text of file contains every string of ARGN.
function(require_keys name file)
  file(READ ${file} text)
  foreach(key ${ARGN})
    string(FIND "${text}" "${key}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${name}: ${file} lacks ${key}")
    endif()
  endforeach()
endfunction()

# Value checks of an example's outputs, each against a value derived independently from
# another output (test/example-values-check.py KIND DIR [ARGS]); fail the check on a mismatch.
function(check_values name kind dir)
  execute_process(COMMAND python3 ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/example-values-check.py
                          ${kind} ${dir} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: the output values disagree (exit ${rc})\n${out}${err}")
  endif()
  string(STRIP "${out}" out)
  message(STATUS "${name}: ${out}")
endfunction()

# Negative control of check_values: a copy of dir whose file has regex replaced (one row's
# value changed) must fail the same check.
function(check_values_catch name kind dir file regex replacement)
  set(copy ${dir}-perturbed)
  file(REMOVE_RECURSE ${copy})
  file(COPY ${dir}/ DESTINATION ${copy})
  file(READ ${copy}/${file} text)
  string(REGEX REPLACE "${regex}" "${replacement}" changed "${text}")
  if(changed STREQUAL text)
    message(FATAL_ERROR "${name}: the negative control changed nothing in ${file}")
  endif()
  file(WRITE ${copy}/${file} "${changed}")
  execute_process(COMMAND python3 ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/example-values-check.py
                          ${kind} ${copy} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${name}: a changed ${file} passed the value checks\n${out}")
  endif()
  file(REMOVE_RECURSE ${copy})
  message(STATUS "${name}: a changed ${file} is caught")
endfunction()
