# SPDX-License-Identifier: GPL-2.0-only
#
# ctest microscope-attributes-doc: doc/sections/attributes.rst must be what
# microscope-print-attributes prints from the registered TypeIds, so that the documented
# attributes, defaults, ranges and trace sources cannot drift from the code.
#
#   cmake -DEXE=<microscope-print-attributes> -DCOMMITTED=<doc/sections/attributes.rst>
#         -DWORK=<folder> -P attributes-doc-check.cmake

foreach(var EXE COMMITTED WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "attributes-doc-check.cmake: -D${var}=... is required")
  endif()
endforeach()
file(MAKE_DIRECTORY ${WORK})
set(generated ${WORK}/attributes.rst)
execute_process(COMMAND ${EXE} --output=${generated} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} failed (${rc}): ${err}")
endif()
if(NOT EXISTS ${COMMITTED})
  message(FATAL_ERROR "${COMMITTED} is missing; generate it with: ./microscope docs --update-attributes")
endif()
file(READ ${generated} new)
file(READ ${COMMITTED} old)
if(NOT new STREQUAL old)
  execute_process(COMMAND diff -u ${COMMITTED} ${generated} OUTPUT_VARIABLE diff)
  string(LENGTH "${diff}" length)
  if(length GREATER 6000)
    string(SUBSTRING "${diff}" 0 6000 diff)
    set(diff "${diff}\n... (diff cut at 6000 characters)")
  endif()
  message(FATAL_ERROR "${COMMITTED} differs from the attributes that the code registers "
                      "(diff from the committed file to the generated one below). Regenerate "
                      "it with:\n  ./microscope docs --update-attributes\n(or: ${EXE} "
                      "--output=${COMMITTED}) and commit it.\n${diff}")
endif()
message(STATUS "doc/sections/attributes.rst matches the registered TypeIds")
