# install.cmake - install and export rules: what `cmake --install build
# --prefix P` puts into P, and the package files that let other projects use
# it (find_package(ScopeProfiler), pkg-config scope-profiler).
#
#   P/bin            scope-rewrite, scope-cc, scope-report
#   P/include        scope_profiler.h
#   P/share/man/man1 scope-rewrite.1, scope-cc.1, scope-report.1
#   P/<libdir>       libscope_profiler.a, libscope_profiler.so*, and with MPI
#                    libscope_profiler_mpi.a, libscope_profiler_mpi.so*
#   P/<libdir>/pkgconfig/scope-profiler.pc (and scope-profiler-mpi.pc)
#   P/<libdir>/cmake/ScopeProfiler/   config, version, targets, ScopeProfiler.cmake
#
# <libdir> is GNUInstallDirs' CMAKE_INSTALL_LIBDIR. Exported targets live in
# the ScopeProfiler:: namespace: runtime (static), runtime_shared, mpi and
# mpi_shared (when built) and the imported executable scope-rewrite.
include(CMakePackageConfigHelpers)

option(SCOPE_PROFILER_INSTALL "Generate the install rules of scope-profiler" ON)

set(SCOPE_PROFILER_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ScopeProfiler")
set(SCOPE_PROFILER_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# The build tree's wrapper (bin/scope-cc) is wanted even without install rules.
include("${CMAKE_CURRENT_LIST_DIR}/ScopeCc.cmake")

if(NOT SCOPE_PROFILER_INSTALL)
  return()
endif()

set(scope_install_targets)
foreach(pair IN ITEMS "scope_profiler:runtime" "scope_profiler_shared:runtime_shared"
                      "scope_profiler_mpi:mpi" "scope_profiler_mpi_shared:mpi_shared"
                      "scope-rewrite:scope-rewrite" "scope-report:scope-report")
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 name)
  list(GET pair 1 export_name)
  if(TARGET ${name})
    set_target_properties(${name} PROPERTIES EXPORT_NAME ${export_name})
    list(APPEND scope_install_targets ${name})
  endif()
endforeach()

install(TARGETS ${scope_install_targets}
  EXPORT ScopeProfilerTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(TARGET scope-cc)
  install(PROGRAMS "${PROJECT_BINARY_DIR}/install/scope-cc" DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
install(FILES "${PROJECT_SOURCE_DIR}/include/scope_profiler.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# Manual pages, one per tool.
foreach(tool IN ITEMS scope-rewrite scope-cc scope-report)
  if(TARGET ${tool})
    install(FILES "${PROJECT_SOURCE_DIR}/docs/man/${tool}.1"
      DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
  endif()
endforeach()
# The loader finds the shared runtime in a default library directory only
# through its cache: refresh it after a system-wide install (as root), so
# that `cc ... -lscope_profiler` needs no rpath. A staged (DESTDIR) install
# leaves that to the package manager.
install(CODE "
  if(\"\$ENV{DESTDIR}\" STREQUAL \"\" AND CMAKE_INSTALL_PREFIX MATCHES \"^/usr(/local)?/?$\")
    find_program(SCOPE_LDCONFIG ldconfig PATHS /sbin /usr/sbin)
    if(SCOPE_LDCONFIG)
      execute_process(COMMAND \"\${SCOPE_LDCONFIG}\" OUTPUT_QUIET ERROR_QUIET)
    endif()
  endif()")
# The package config finds MPI again for the MPI library's link interface.
set(SCOPE_PROFILER_HAVE_MPI FALSE)
if(TARGET scope_profiler_mpi)
  set(SCOPE_PROFILER_HAVE_MPI TRUE)
  install(FILES "${PROJECT_SOURCE_DIR}/runtime/mpi/scope_profiler_mpi.h"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
install(EXPORT ScopeProfilerTargets
  NAMESPACE ScopeProfiler::
  FILE ScopeProfilerTargets.cmake
  DESTINATION "${SCOPE_PROFILER_CMAKE_DIR}")

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/ScopeProfilerConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/install/ScopeProfilerConfig.cmake"
  INSTALL_DESTINATION "${SCOPE_PROFILER_CMAKE_DIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
# 0.x releases may change the probe ABI between minor versions.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/install/ScopeProfilerConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/install/ScopeProfilerConfig.cmake"
  "${PROJECT_BINARY_DIR}/install/ScopeProfilerConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/ScopeProfiler.cmake"
  DESTINATION "${SCOPE_PROFILER_CMAKE_DIR}")

# pkg-config: paths relative to the .pc file's own directory (${pcfiledir}),
# unless the project was configured with absolute install directories.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}"
   OR IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  set(SCOPE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(SCOPE_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(SCOPE_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
  set(SCOPE_PC_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}")
else()
  file(RELATIVE_PATH up "/prefix/${SCOPE_PROFILER_PC_DIR}" "/prefix")
  string(REGEX REPLACE "/$" "" up "${up}")
  set(SCOPE_PC_PREFIX "\${pcfiledir}/${up}")
  set(SCOPE_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(SCOPE_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
  set(SCOPE_PC_BINDIR "\${prefix}/${CMAKE_INSTALL_BINDIR}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/scope-profiler.pc.in"
  "${PROJECT_BINARY_DIR}/install/scope-profiler.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/install/scope-profiler.pc"
  DESTINATION "${SCOPE_PROFILER_PC_DIR}")
if(SCOPE_PROFILER_HAVE_MPI)
  configure_file("${CMAKE_CURRENT_LIST_DIR}/scope-profiler-mpi.pc.in"
    "${PROJECT_BINARY_DIR}/install/scope-profiler-mpi.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/install/scope-profiler-mpi.pc"
    DESTINATION "${SCOPE_PROFILER_PC_DIR}")
endif()
