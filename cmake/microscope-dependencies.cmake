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
