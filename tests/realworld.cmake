# realworld.cmake - the real-world corpus (tests/realworld/): real C projects
# from Debian source packages, built plain and with every function profiled,
# under their own flags and test suites; one ctest test per project, label
# `realworld`.
#
# SCOPE_PROFILER_REALWORLD chooses which projects are tests: CI (default) the
# subset that .ci/run can afford, ALL every project, OFF none. Whatever it
# says, `cmake --build build --target realworld` runs every project and
# prints the table. Downloads are cached in SCOPE_REALWORLD_CACHE (default:
# realworld-cache in the build directory), so a rebuild fetches nothing.
# Plain build only: the projects link the runtime, and a sanitizer-built one
# would need the sanitizer's runtime in every outside program.
set(SCOPE_PROFILER_REALWORLD "CI" CACHE STRING
  "Real-world corpus in ctest: CI (a subset), ALL (every project) or OFF")
set_property(CACHE SCOPE_PROFILER_REALWORLD PROPERTY STRINGS CI ALL OFF)
if(NOT TARGET scope-rewrite OR NOT TARGET scope_profiler OR SCOPE_PROFILER_SANITIZER_FLAGS)
  return()
endif()

set(scope_rw_driver ${CMAKE_CURRENT_SOURCE_DIR}/realworld/realworld.py)
set(scope_rw_args --scope-build ${PROJECT_BINARY_DIR} --work ${CMAKE_CURRENT_BINARY_DIR}/realworld)
# Every project, and the ones .ci/run runs (at most 20 minutes on 2 cores:
# bzip2, mujs, xz-utils, cmark took 1006 s together on a machine loaded by
# other builds; with lzo2 1244 s, over the budget).
set(scope_rw_all bzip2 mujs xz-utils lzo2 pcre2 libpng1.6 cmark brotli libuv1)
set(scope_rw_ci bzip2 mujs xz-utils cmark)

if(SCOPE_PROFILER_REALWORLD STREQUAL "ALL")
  set(scope_rw_tests ${scope_rw_all})
elseif(SCOPE_PROFILER_REALWORLD STREQUAL "CI")
  set(scope_rw_tests ${scope_rw_ci})
else()
  set(scope_rw_tests)
endif()
# The driver's own rules (no build, no download): in every suite.
add_test(NAME realworld.self_test COMMAND ${Python3_EXECUTABLE} ${scope_rw_driver} --self-test)
set_tests_properties(realworld.self_test PROPERTIES FAIL_REGULAR_EXPRESSION "FAIL:")

foreach(p IN LISTS scope_rw_tests)
  add_test(NAME realworld.${p} COMMAND ${Python3_EXECUTABLE} ${scope_rw_driver} ${scope_rw_args} ${p})
  # One at a time: each builds with -j2 already, and builds twice.
  set_tests_properties(realworld.${p} PROPERTIES LABELS realworld SKIP_RETURN_CODE 77
    TIMEOUT 2400 RUN_SERIAL TRUE)
endforeach()

add_custom_target(realworld
  COMMAND ${Python3_EXECUTABLE} ${scope_rw_driver} ${scope_rw_args} --all
  DEPENDS scope-rewrite scope_profiler
  USES_TERMINAL
  COMMENT "Real-world corpus: every project built plain and profiled, its tests compared")
