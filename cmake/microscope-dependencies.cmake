# SPDX-License-Identifier: GPL-2.0-only
#
# Third-party libraries of the microscope module, all from Debian bookworm packages:
#   LibTorch 1.13 (libtorch-dev), METIS (libmetis-dev), CGAL (libcgal-dev, header-only, with
#   GMP and MPFR), nlohmann-json (nlohmann-json3-dev), Eigen (libeigen3-dev),
#   Boost.Graph (libboost-graph-dev, header-only).

find_package(Torch REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Eigen3 REQUIRED NO_MODULE)
find_package(Boost REQUIRED)

find_path(METIS_INCLUDE_DIR metis.h REQUIRED)
find_library(METIS_LIBRARY metis REQUIRED)
find_path(CGAL_INCLUDE_DIR CGAL/Delaunay_triangulation_2.h REQUIRED)
find_library(GMP_LIBRARY gmp REQUIRED)
find_library(MPFR_LIBRARY mpfr REQUIRED)

# In an ns-3 source tree, executables defined in other directories (ns-3's test-runner) link
# the module's libraries, so the imported targets found here must be visible everywhere.
get_directory_property(microscope_imported_targets IMPORTED_TARGETS)
foreach(target ${microscope_imported_targets})
  get_target_property(is_global ${target} IMPORTED_GLOBAL)
  if(NOT is_global)
    set_target_properties(${target} PROPERTIES IMPORTED_GLOBAL TRUE)
  endif()
endforeach()

# Directory-scoped so that the object, test and example targets that ns-3's build_lib creates
# in-tree see them too. SYSTEM keeps third-party warnings out of the module's own.
# (In a tree the sources are compiled in ns-3's object library, which does not link the
# third-party targets, so Eigen's /usr/include/eigen3 must be named here too.)
get_target_property(microscope_eigen_include_dirs Eigen3::Eigen INTERFACE_INCLUDE_DIRECTORIES)
include_directories(SYSTEM ${TORCH_INCLUDE_DIRS} ${METIS_INCLUDE_DIR} ${CGAL_INCLUDE_DIR}
                    ${microscope_eigen_include_dirs})

set(microscope_external_libraries
    ${TORCH_LIBRARIES}
    ${METIS_LIBRARY}
    ${GMP_LIBRARY}
    ${MPFR_LIBRARY}
    nlohmann_json::nlohmann_json
    Eigen3::Eigen
    Boost::boost
)

# The examples' and benchmarks' memory allocator. ns-3's LTE model copies every signal, with
# its packets, for every receiver every TTI: glibc's malloc spends 45 % of a 20-eNB run in
# _int_malloc and malloc_consolidate, jemalloc (Debian libjemalloc-dev) runs the same
# simulation 2.6 times faster with byte-identical outputs (doc/sections/lte.rst, Performance).
# MICROSCOPE_ALLOCATOR=system keeps glibc's.
set(MICROSCOPE_ALLOCATOR "jemalloc" CACHE STRING "Allocator of the module's programs: jemalloc or system")
set_property(CACHE MICROSCOPE_ALLOCATOR PROPERTY STRINGS jemalloc system)
set(microscope_allocator_libraries "")
if(MICROSCOPE_ALLOCATOR STREQUAL "jemalloc")
  find_library(JEMALLOC_LIBRARY jemalloc REQUIRED)
  # --no-as-needed: the programs call no jemalloc function by name; it replaces malloc and free
  # by coming before libc in the dynamic linker's search order.
  set(microscope_allocator_libraries "-Wl,--push-state,--no-as-needed" ${JEMALLOC_LIBRARY}
                                     "-Wl,--pop-state")
elseif(NOT MICROSCOPE_ALLOCATOR STREQUAL "system")
  message(FATAL_ERROR "MICROSCOPE_ALLOCATOR=${MICROSCOPE_ALLOCATOR}: use jemalloc or system")
endif()
