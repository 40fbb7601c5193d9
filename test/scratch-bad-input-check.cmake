# SPDX-License-Identifier: GPL-2.0-only
#
# Scratch programs, bad input (standalone build, run by ctest): a scratch file that does not
# compile is reported with the compiler's message and its file, and leaves the module and the
# other scratch programs buildable; two programs of one name, or one with an example's name,
# stop the configuration with a message naming both.

include(${CMAKE_CURRENT_LIST_DIR}/scratch-check-common.cmake)

file(COPY ${PROGRAMS}/hello-scratch.cc ${PROGRAMS}/broken-scratch.cc DESTINATION ${SCRATCH})

# 1. The broken program: the compiler's error at its file and line, and the driver's message.
driver(broken FALSE run broken-scratch)
require_text(broken "${last_all}" "${SCRATCH}/broken-scratch.cc:13:"
             "error:" "NoSuchFunctionInTheModule"
             "scratch program(s) that failed to compile: ${SCRATCH}/broken-scratch.cc")

# 2. The other program of the same folder still builds and runs.
driver(other TRUE run hello-scratch)
require_text(other "${last_out}" "hello-scratch: nobody, 9 services")

# 3. `build` builds the module and every scratch program it can, names the broken one, fails.
file(REMOVE ${WORK}/build/bin/hello-scratch)
driver(build FALSE build)
require_text(build "${last_all}" "failed to compile: ${SCRATCH}/broken-scratch.cc")
if(NOT EXISTS ${WORK}/build/bin/hello-scratch)
  check_fail("build: the good scratch program was not rebuilt beside the broken one")
endif()

# 4. Two programs named hello-scratch: a file and a folder.
file(REMOVE ${SCRATCH}/broken-scratch.cc)
file(MAKE_DIRECTORY ${SCRATCH}/hello-scratch)
file(COPY ${PROGRAMS}/hello-scratch.cc DESTINATION ${SCRATCH}/hello-scratch)
driver(duplicate FALSE run hello-scratch)
require_text(duplicate "${last_all}"
             "two scratch programs are named 'hello-scratch': ${SCRATCH}/hello-scratch/ and"
             "${SCRATCH}/hello-scratch.cc; rename or remove one of them")

# 5. The module's own examples still run meanwhile.
driver(example TRUE run microscope-tutorial --help)
require_text(example "${last_out}" "--antennas")

# 6. A scratch program with an example's name.
file(REMOVE_RECURSE ${SCRATCH}/hello-scratch)
file(COPY ${PROGRAMS}/hello-scratch.cc DESTINATION ${SCRATCH}/microscope-tutorial)
driver(example-name FALSE run hello-scratch)
require_text(example-name "${last_all}" "${SCRATCH}/microscope-tutorial/ has the name of the "
             "module's example")

file(REMOVE_RECURSE ${WORK})
