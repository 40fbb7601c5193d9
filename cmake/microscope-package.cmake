# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone build only: the module as a CMake package, for the researchers' own projects.
#
#   * `cmake --install build --prefix P` (or `./microscope install --prefix=P`) installs
#       P/lib/libns3-microscope.so                     the library
#       P/include/ns3/*.h, P/include/ns3/microscope-module.h   the public headers (real files)
#       P/share/microscope/models/                      the shipped models
#       P/lib/cmake/microscope/                          the CMake package (find_package)
#       P/lib/pkgconfig/microscope.pc                    a pkg-config file
#     and find_package(microscope) gives the imported target ns3::microscope, which carries the
#     module's ns-3, LibTorch, METIS, CGAL (GMP, MPFR) and nlohmann-json link needs;
#   * the build tree is a package as well (build/microscope-config.cmake): the scratch programs
#     (cmake/scratch/) are built against it without touching the module's own build.

include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(MICROSCOPE_PACKAGE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/microscope)
set(MICROSCOPE_PACKAGE_MODELS_DIR ${CMAKE_INSTALL_DATADIR}/microscope/models)

# Install rules and package files of the library target `lib` with its public headers (paths
# relative to the source folder) and its generated module header.
function(microscope_package lib module_header)
  set(headers ${ARGN})

  install(TARGETS ${lib} EXPORT ${lib}-targets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  # The build tree links the headers into build/include/ns3; install the files themselves.
  install(FILES ${headers} ${module_header} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ns3)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/ DESTINATION ${MICROSCOPE_PACKAGE_MODELS_DIR})
  install(EXPORT ${lib}-targets NAMESPACE ns3:: FILE ${lib}-targets.cmake
          DESTINATION ${MICROSCOPE_PACKAGE_CMAKE_DIR})

  set(template ${PROJECT_SOURCE_DIR}/cmake/microscope-config.cmake.in)
  set(MICROSCOPE_PACKAGE_LOGS_AND_ASSERTS ${MICROSCOPE_LOGS_AND_ASSERTS})

  # Installed package: paths relative to the prefix, so that the prefix can move.
  set(MICROSCOPE_CONFIG_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR})
  set(MICROSCOPE_CONFIG_MODELS_DIR ${MICROSCOPE_PACKAGE_MODELS_DIR})
  configure_package_config_file(${template} ${CMAKE_BINARY_DIR}/package/${lib}-config.cmake
    INSTALL_DESTINATION ${MICROSCOPE_PACKAGE_CMAKE_DIR}
    PATH_VARS MICROSCOPE_CONFIG_INCLUDE_DIR MICROSCOPE_CONFIG_MODELS_DIR)
  write_basic_package_version_file(${CMAKE_BINARY_DIR}/${lib}-config-version.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_BINARY_DIR}/package/${lib}-config.cmake
                ${CMAKE_BINARY_DIR}/${lib}-config-version.cmake
          DESTINATION ${MICROSCOPE_PACKAGE_CMAKE_DIR})

  # Build-tree package: the headers of build/include and the models of the source folder.
  set(MICROSCOPE_CONFIG_INCLUDE_DIR ${MICROSCOPE_INCLUDE_DIR})
  set(MICROSCOPE_CONFIG_MODELS_DIR ${PROJECT_SOURCE_DIR}/models)
  configure_package_config_file(${template} ${CMAKE_BINARY_DIR}/${lib}-config.cmake
    INSTALL_DESTINATION ${CMAKE_BINARY_DIR} INSTALL_PREFIX ${CMAKE_BINARY_DIR}
    PATH_VARS MICROSCOPE_CONFIG_INCLUDE_DIR MICROSCOPE_CONFIG_MODELS_DIR)
  export(EXPORT ${lib}-targets NAMESPACE ns3:: FILE ${CMAKE_BINARY_DIR}/${lib}-targets.cmake)

  # pkg-config: the library and its headers; the ns-3 modules and nlohmann-json by their own
  # .pc files (Debian ships both); LibTorch, METIS, GMP and MPFR are needed by the shared
  # library itself (its DT_NEEDED entries), so only for static linking.
  set(pc_requires "")
  foreach(module core network mobility internet point-to-point applications lte stats)
    string(APPEND pc_requires " ns3-${module}")
  endforeach()
  string(REGEX REPLACE "[^/]+" ".." up "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  file(WRITE ${CMAKE_BINARY_DIR}/package/${lib}.pc
"prefix=\${pcfiledir}/${up}
libdir=\${prefix}/${CMAKE_INSTALL_LIBDIR}
includedir=\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}
modelsdir=\${prefix}/${MICROSCOPE_PACKAGE_MODELS_DIR}

Name: ${lib}
Description: ns-3 module: mobile traffic decomposition for network slicing
Version: ${PROJECT_VERSION}
Requires:${pc_requires} nlohmann_json
Libs: -L\${libdir} -lns3-${lib}
Libs.private: -ltorch -ltorch_cpu -lc10 -lmetis -lgmp -lmpfr
Cflags: -I\${includedir}
")
  install(FILES ${CMAKE_BINARY_DIR}/package/${lib}.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endfunction()
