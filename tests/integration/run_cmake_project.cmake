# run_cmake_project.cmake - configure, build and run cmake_project/, then
# check incremental instrumentation and the on/off option.
# -D: PROJECT_DIR, WORK_DIR, GENERATOR, C_COMPILER, and either PREFIX
# (find_package from an installed prefix) or SOURCE_TREE (add_subdirectory);
# HEADER_DEPS=1 where the generator and CMake read depfiles (the header
# check).
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(bin "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
# The sources are copied, because the test edits (touches) one of them.
file(COPY "${PROJECT_DIR}/" DESTINATION "${WORK_DIR}/src")
set(src "${WORK_DIR}/src")

set(configure "${CMAKE_COMMAND}" -S "${src}" -B "${bin}" -G "${GENERATOR}"
  "-DCMAKE_C_COMPILER=${C_COMPILER}" -DCMAKE_BUILD_TYPE=Release)
if(SOURCE_TREE)
  list(APPEND configure "-DSCOPE_PROFILER_SOURCE_DIR=${SOURCE_TREE}")
else()
  list(APPEND configure "-DCMAKE_PREFIX_PATH=${PREFIX}")
endif()
set(build "${CMAKE_COMMAND}" --build "${bin}" --target demo -j 2)

scope_run(configure ok COMMAND ${configure})
scope_run(build1 ok COMMAND ${build})
scope_expect("first build" "${build1_OUT}" "Instrumenting [^\n]*main\\.c" "Instrumenting [^\n]*work\\.c")

scope_run(run ok COMMAND "${bin}/demo")
scope_expect("demo stdout" "${run_OUT}" "^1498500\n$")
scope_expect_report("demo report" "${run_ERR}" "main_loop" 1001)
scope_expect("demo report" "${run_ERR}" "Region: work\n  Total Calls : 1000\n"
  "Function: run at line 11" "Function: work_step at line 6")
# Built by gcc, the function under `#if __GNUC__ >= 5 && !defined(__clang__)`
# is profiled: the rewriter parsed with gcc's predefined macros.
execute_process(COMMAND "${C_COMPILER}" -dM -E -x c /dev/null OUTPUT_VARIABLE cc_macros)
if(cc_macros MATCHES "#define __GNUC__ ([0-9]+)" AND CMAKE_MATCH_1 GREATER_EQUAL 5
   AND NOT cc_macros MATCHES "#define __clang__")
  scope_expect("demo report, gcc" "${run_ERR}" "Region: compiler_branch\n  Total Calls : 1\n")
else()
  scope_reject("demo report, not gcc" "${run_ERR}" "Region: compiler_branch")
endif()

# Touch one source: only its copy is made again, and a build without
# changes makes none.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
file(TOUCH "${src}/work.c")
scope_run(build2 ok COMMAND ${build})
scope_expect("build after touching work.c" "${build2_OUT}" "Instrumenting [^\n]*work\\.c")
scope_reject("build after touching work.c" "${build2_OUT}" "Instrumenting [^\n]*main\\.c")
scope_run(build3 ok COMMAND ${build})
scope_reject("build without changes" "${build3_OUT}" "Instrumenting")

# Touch a header: a header's macros decide where probes go, so the copies
# of the sources that include it (and only those) are made again.
if(HEADER_DEPS)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
  file(TOUCH "${src}/local.h")
  scope_run(build4 ok COMMAND ${build})
  scope_expect("build after touching local.h" "${build4_OUT}" "Instrumenting [^\n]*main\\.c")
  scope_reject("build after touching local.h" "${build4_OUT}" "Instrumenting [^\n]*work\\.c")
  scope_run(build5 ok COMMAND ${build})
  scope_reject("build without changes after the header" "${build5_OUT}" "Instrumenting")
endif()

# SCOPE_PROFILER_ENABLE=OFF: the same project builds from its own sources.
if(NOT SOURCE_TREE)
  scope_run(configure_off ok COMMAND ${configure} -DSCOPE_PROFILER_ENABLE=OFF)
  scope_run(build_off ok COMMAND ${build})
  scope_reject("build with SCOPE_PROFILER_ENABLE=OFF" "${build_off_OUT}" "Instrumenting")
  scope_run(run_off ok COMMAND "${bin}/demo")
  scope_expect("demo stdout, profiling off" "${run_off_OUT}" "^1498500\n$")
  scope_reject("demo stderr, profiling off" "${run_off_ERR}" "Region:" "Line #")
endif()
