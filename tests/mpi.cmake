# tests/mpi.cmake: the MPI merge (libscope_profiler_mpi), run with mpirun on
# loopback by tests/mpi/run.py:
#   mpi.imbalance   rank r does r + 1 units: summed hits and calls exact,
#                   the per-rank table and the rank of the maximum
#   mpi.abort       a rank calls abort(): nothing hangs, the others' files
#                   exist, the missing rank is named
#   mpi.hang        a rank never reaches MPI_Finalize: the merged report of
#                   the others names it (SCOPE_PROFILER_MPI_TIMEOUT)
#   mpi.two         two programs at once in one directory
#   mpi.single      one rank: the merge with nothing to combine
#   mpi.report      scope-report over the per-rank files: the merge's figures
#                   (counts exact, times as sums); 3 of 4 files: rank 2 missing
#   mpi.rank_env    rank and size from each launcher's variables (no MPI)
#   mpi.installed   the installed package: find_package(... COMPONENTS mpi)
#                   and pkg-config scope-profiler-mpi
#   mpi.scope_cc    `scope-cc mpicc` links the MPI library (SCOPE_CC_MPI=0: not)
# The MPI tests are expected (SCOPE_PROFILER_MPI_TESTS, ON by default; CI
# installs Open MPI through scripts/setup-debian): without MPI, the test
# mpi.available fails and says why, so they are never skipped unnoticed
# (unless MPI is turned off on purpose: -DSCOPE_PROFILER_MPI=OFF).
option(SCOPE_PROFILER_MPI_TESTS "The MPI tests are expected: fail when MPI is missing" ON)
if(NOT TARGET scope_profiler_mpi)
  if(SCOPE_PROFILER_MPI_TESTS AND NOT SCOPE_PROFILER_MPI STREQUAL "OFF")
    message(STATUS "scope-profiler: no MPI with C bindings: the test mpi.available will fail "
      "(scripts/setup-debian installs Open MPI; -DSCOPE_PROFILER_MPI_TESTS=OFF if MPI is not wanted)")
    add_test(NAME mpi.available
      COMMAND "${CMAKE_COMMAND}" -E echo
              "tests/mpi.cmake: error: no MPI with C bindings found, so libscope_profiler_mpi and its tests are not built")
    set_tests_properties(mpi.available PROPERTIES WILL_FAIL FALSE LABELS mpi
      PASS_REGULAR_EXPRESSION "^$")
  endif()
  return()
endif()
# Imported targets are local to the directory that found them.
find_package(MPI REQUIRED COMPONENTS C)
find_program(SCOPE_PROFILER_MPIEXEC NAMES ${MPIEXEC_EXECUTABLE} mpirun mpiexec REQUIRED)
if(NOT TARGET scope-rewrite)
  return()
endif()

add_executable(mpi_imbalance ${CMAKE_CURRENT_SOURCE_DIR}/mpi/imbalance.c)
target_link_libraries(mpi_imbalance PRIVATE MPI::MPI_C)
set_target_properties(mpi_imbalance PROPERTIES C_STANDARD 99)
scope_profiler_instrument(mpi_imbalance MPI)

set(_mpi_work ${CMAKE_CURRENT_BINARY_DIR}/mpi-work)
# scope-report over the per-rank files (mpi.report; mpi.abort too).
set(_mpi_cases imbalance abort hang two single)
set(_mpi_report "")
if(TARGET scope-report)
  set(_mpi_report "SCOPE_REPORT=$<TARGET_FILE:scope-report>")
  list(APPEND _mpi_cases report)
endif()
foreach(case ${_mpi_cases})
  add_test(NAME mpi.${case}
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/mpi/run.py
            ${case} ${SCOPE_PROFILER_MPIEXEC} $<TARGET_FILE:mpi_imbalance> ${_mpi_work}/${case})
  # Open MPI's own allocations outlive MPI_Finalize: no leak checks here.
  set_tests_properties(mpi.${case} PROPERTIES TIMEOUT 180 LABELS mpi
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0;OMPI_MCA_rmaps_base_oversubscribe=1;${_mpi_report}")
endforeach()
# The rank from the launcher's environment, without MPI (runtime_features
# from tests/runtime.cmake).
if(TARGET runtime_features)
  add_test(NAME mpi.rank_env
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/mpi/run.py
            rank_env none $<TARGET_FILE:runtime_features> ${_mpi_work}/rank_env)
  set_tests_properties(mpi.rank_env PROPERTIES TIMEOUT 120 LABELS mpi)
endif()

# bin/scope-cc is made by cmake/ScopeCc.cmake (after tests/, in every build).
# It links the runtime into a program built outside this build, which would
# lack the sanitizers' own runtime: plain builds only (as integration.*).
if(NOT SCOPE_PROFILER_SANITIZER_FLAGS)
  add_test(NAME mpi.scope_cc
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/mpi/run.py
            scope_cc ${SCOPE_PROFILER_MPIEXEC} ${PROJECT_BINARY_DIR}/bin/scope-cc ${_mpi_work}/scope_cc)
  set_tests_properties(mpi.scope_cc PROPERTIES TIMEOUT 180 LABELS mpi
    ENVIRONMENT "OMPI_MCA_rmaps_base_oversubscribe=1")
  # The install tree of integration.install (tests/integration.cmake).
  if(TARGET scope-rewrite)
    add_test(NAME mpi.installed
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/mpi/run.py
              installed ${SCOPE_PROFILER_MPIEXEC} ${CMAKE_CURRENT_BINARY_DIR}/integration/prefix
              ${_mpi_work}/installed)
    set_tests_properties(mpi.installed PROPERTIES TIMEOUT 300 LABELS mpi
      FIXTURES_REQUIRED scope_install ENVIRONMENT "OMPI_MCA_rmaps_base_oversubscribe=1")
  endif()
endif()
