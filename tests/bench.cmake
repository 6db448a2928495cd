# Tests of the benchmarks' arithmetic (included from tests/CMakeLists.txt).
# The timing targets live in the benchmark output (bench/RESULTS.md), never
# in a test: these check only how batches become figures and figures ratios.
add_executable(check_bench check_bench.c ${PROJECT_SOURCE_DIR}/bench/bench_stats.c)
target_include_directories(check_bench PRIVATE ${PROJECT_SOURCE_DIR}/bench)
target_link_libraries(check_bench PRIVATE PkgConfig::CHECK ScopeProfiler::runtime)
scope_profiler_warnings(check_bench)
add_test(NAME check_bench COMMAND check_bench)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME bench_script_arithmetic
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/bench/run-bench --self-test)
endif()
