# SPDX-License-Identifier: GPL-2.0-only
#
# The installed package (standalone build, run by ctest): `./microscope install --prefix=P`
# into a temporary prefix, the installed files, then a researcher's own CMake project
# (test/install-consumer) configured, built and run with find_package(microscope) against that
# prefix only, and the pkg-config file used by a plain compiler command. Run with
#   -DDRIVER=<./microscope> -DBUILD=<build dir> -DCONSUMER=<test/install-consumer>
#   -DMODELS=<models/> -DWORK=<dir>
# WORK is removed at the end, whether the check passes or fails.

set(PREFIX ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(check_fail text)
  file(REMOVE_RECURSE ${WORK})
  message(FATAL_ERROR "${text}")
endfunction()

# Run ARGN; fail the check unless it exits 0. Sets last_out in the caller.
function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    check_fail("${name}: exit ${rc}\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
  message(STATUS "${name}: done")
endfunction()

# 1. Install through the driver.
step(install ${CMAKE_COMMAND} -E env MICROSCOPE_BUILD_DIR=${BUILD} ${DRIVER} install
     --prefix=${PREFIX})

# 2. The installed files. The library directory follows GNUInstallDirs (lib, or lib/<triplet>
#    for the /usr prefix): find it from the package file.
file(GLOB_RECURSE config RELATIVE ${PREFIX} ${PREFIX}/*/microscope-config.cmake)
if(NOT config MATCHES "^(.+)/cmake/microscope/microscope-config.cmake$")
  check_fail("no microscope-config.cmake under <prefix>/<libdir>/cmake/microscope: ${config}")
endif()
set(libdir ${PREFIX}/${CMAKE_MATCH_1})
foreach(f ${libdir}/libns3-microscope.so ${libdir}/cmake/microscope/microscope-targets.cmake
          ${libdir}/cmake/microscope/microscope-config-version.cmake
          ${libdir}/pkgconfig/microscope.pc ${PREFIX}/include/ns3/microscope-module.h)
  if(NOT EXISTS ${f})
    check_fail("not installed: ${f}")
  endif()
endforeach()

# Every header the module header includes is installed as a file (the build tree holds links),
# and none of them includes LibTorch (torch/, ATen/, c10/).
file(STRINGS ${PREFIX}/include/ns3/microscope-module.h includes REGEX "^#include")
list(LENGTH includes n_includes)
if(n_includes LESS 20)
  check_fail("microscope-module.h includes only ${n_includes} headers")
endif()
file(GLOB headers ${PREFIX}/include/ns3/*.h)
foreach(line ${includes})
  string(REGEX MATCH "ns3/([^\"]+)\"" unused "${line}")
  set(h ${PREFIX}/include/ns3/${CMAKE_MATCH_1})
  if(NOT EXISTS ${h} OR IS_SYMLINK ${h})
    check_fail("${CMAKE_MATCH_1}: included by microscope-module.h but not installed as a file")
  endif()
endforeach()
foreach(h ${headers})
  file(STRINGS ${h} torch REGEX "#[ \t]*include[ \t]*[<\"](torch|ATen|c10)/")
  if(torch)
    check_fail("${h} includes LibTorch: ${torch}")
  endif()
endforeach()

# The shipped models, all of them.
file(GLOB models RELATIVE ${MODELS} ${MODELS}/*.pt)
if(NOT models)
  check_fail("no model file in ${MODELS}")
endif()
foreach(m ${models})
  if(NOT EXISTS ${PREFIX}/share/microscope/models/${m})
    check_fail("model file not installed: share/microscope/models/${m}")
  endif()
endforeach()

# 3. A researcher's project: configured against the prefix only (not the build tree), built,
#    run; its program runs a small scenario and finds the installed models.
set(generator "")
find_program(NINJA ninja)
if(NINJA)
  set(generator -G Ninja)
endif()
step(configure ${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/consumer ${generator}
     -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${PREFIX})
file(STRINGS ${WORK}/consumer/CMakeCache.txt found REGEX "^microscope_DIR:")
if(NOT found STREQUAL "microscope_DIR:PATH=${libdir}/cmake/microscope")
  check_fail("find_package(microscope) found ${found}, not the installed package")
endif()
step(build ${CMAKE_COMMAND} --build ${WORK}/consumer)
step(run ${WORK}/consumer/consumer)
# 5 days of 5-minute slots: 3 training days, 1 validation day, 1 evaluated day of 288 slots.
set(expected "consumer: 30 antennas, 288 intervals, demand positive, oracle SLA violation 0 MB/s, model found in ${PREFIX}/share/microscope/models\n")
if(NOT last_out STREQUAL expected)
  check_fail("consumer printed\n${last_out}expected\n${expected}")
endif()
step(ldd ldd ${WORK}/consumer/consumer)
if(NOT last_out MATCHES "libns3-microscope.so => ${libdir}/libns3-microscope.so")
  check_fail("the consumer does not load the installed library:\n${last_out}")
endif()

# 4. pkg-config: the same program from a plain compiler command.
step(pkg-config ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${libdir}/pkgconfig
     pkg-config --cflags --libs microscope)
string(STRIP "${last_out}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
step(pkg-config-compile c++ -std=c++17 -O1 -o ${WORK}/consumer-pc ${CONSUMER}/consumer.cc
     "-DMICROSCOPE_MODELS_DIR=\"${PREFIX}/share/microscope/models\"" ${pc_flags}
     -Wl,-rpath,${libdir})
step(pkg-config-run ${WORK}/consumer-pc)
if(NOT last_out STREQUAL expected)
  check_fail("the pkg-config build printed\n${last_out}expected\n${expected}")
endif()

file(REMOVE_RECURSE ${WORK})
