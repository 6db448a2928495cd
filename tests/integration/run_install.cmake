# run_install.cmake - test fixture: install the build tree into a fresh
# prefix (cmake --install) and check the layout other projects rely on.
# -D: BUILD_DIR, PREFIX, BINDIR, LIBDIR, INCLUDEDIR (GNUInstallDirs values).
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${PREFIX}")
scope_run(install ok COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}")

foreach(f IN ITEMS
    "${BINDIR}/scope-rewrite" "${BINDIR}/scope-cc"
    "${INCLUDEDIR}/scope_profiler.h"
    "${LIBDIR}/libscope_profiler.a" "${LIBDIR}/libscope_profiler.so"
    "${LIBDIR}/pkgconfig/scope-profiler.pc"
    "${LIBDIR}/cmake/ScopeProfiler/ScopeProfilerConfig.cmake"
    "${LIBDIR}/cmake/ScopeProfiler/ScopeProfilerConfigVersion.cmake"
    "${LIBDIR}/cmake/ScopeProfiler/ScopeProfilerTargets.cmake"
    "${LIBDIR}/cmake/ScopeProfiler/ScopeProfiler.cmake")
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "install: ${PREFIX}/${f} is missing")
  endif()
endforeach()
foreach(f IN ITEMS scope-rewrite scope-cc)
  execute_process(COMMAND test -x "${PREFIX}/${BINDIR}/${f}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install: ${PREFIX}/${BINDIR}/${f} is not executable")
  endif()
endforeach()

# The installed wrapper must point into the prefix, not into the build tree.
file(READ "${PREFIX}/${BINDIR}/scope-cc" wrapper)
scope_reject("installed scope-cc" "${wrapper}" "@SCOPE_CC_[A-Z]+@" "${BUILD_DIR}")
file(READ "${PREFIX}/${LIBDIR}/cmake/ScopeProfiler/ScopeProfilerTargets.cmake" targets)
scope_expect("exported targets" "${targets}"
  "ScopeProfiler::runtime " "ScopeProfiler::runtime_shared " "ScopeProfiler::scope-rewrite ")
