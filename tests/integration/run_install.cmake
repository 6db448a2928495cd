# run_install.cmake - test fixture: install the build tree into a fresh
# prefix (cmake --install) and check the layout other projects rely on.
# -D: BUILD_DIR, PREFIX, BINDIR, LIBDIR, INCLUDEDIR, MANDIR (GNUInstallDirs
# values).
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
    "${LIBDIR}/cmake/ScopeProfiler/ScopeProfiler.cmake"
    "${MANDIR}/man1/scope-rewrite.1" "${MANDIR}/man1/scope-cc.1")
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

# The manual pages render without a warning (man -l, as a user reads them).
find_program(MAN_EXE man)
find_program(GROFF_EXE groff)
foreach(page IN ITEMS scope-rewrite scope-cc)
  set(file "${PREFIX}/${MANDIR}/man1/${page}.1")
  if(GROFF_EXE)
    scope_run(groff_${page} ok COMMAND "${GROFF_EXE}" -man -ww -z "${file}")
    if(NOT groff_${page}_ERR STREQUAL "")
      message(FATAL_ERROR "groff warns about ${page}.1:\n${groff_${page}_ERR}")
    endif()
  endif()
  if(MAN_EXE)
    scope_run(man_${page} ok COMMAND "${MAN_EXE}" -l "${file}" ENV MANWIDTH=80 MANPAGER=cat PAGER=cat)
    string(TOUPPER "${page}" upper)
    scope_expect("man -l ${page}.1" "${man_${page}_OUT}" "^${upper}\\(1\\)" "\nNAME\n +${page} +- " "\nSYNOPSIS\n")
  endif()
endforeach()
