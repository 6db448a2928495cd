# dogfood.cmake - the rewriter profiles itself: scope-rewrite-profiled is
# scope-rewrite built from copies of its own sources instrumented with
# `--all` (every function a region with a line table) by the plain
# scope-rewrite, through scope_profiler_instrument() as a user's project
# would use it. The golden and error cases then run with the profiled
# rewriter, which must write the same bytes and messages as the plain one,
# and every run must leave a complete report.
if(NOT TARGET scope-rewrite OR NOT TARGET scope_profiler OR NOT COMMAND scope_profiler_instrument)
  return()
endif()

get_target_property(scope_df_dir scope_rewrite_core SOURCE_DIR)
get_target_property(scope_df_core_src scope_rewrite_core SOURCES)
get_target_property(scope_df_main_src scope-rewrite SOURCES)
get_target_property(scope_df_defs scope-rewrite COMPILE_DEFINITIONS)
set(scope_df_sources)
foreach(src IN LISTS scope_df_main_src scope_df_core_src)
  list(APPEND scope_df_sources ${scope_df_dir}/${src})
endforeach()

add_executable(scope-rewrite-profiled ${scope_df_sources})
target_include_directories(scope-rewrite-profiled PRIVATE ${scope_df_dir} ${SCOPE_LIBCLANG_INCLUDE_DIR})
target_compile_definitions(scope-rewrite-profiled PRIVATE ${scope_df_defs})
target_link_libraries(scope-rewrite-profiled PRIVATE ${SCOPE_LIBCLANG_LIBRARY})
scope_profiler_warnings(scope-rewrite-profiled)
scope_profiler_instrument(scope-rewrite-profiled ALL)

add_test(NAME dogfood.rewriter
  COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/dogfood/run.py
          --profiled $<TARGET_FILE:scope-rewrite-profiled>
          --plain $<TARGET_FILE:scope-rewrite>
          --sources ${scope_df_sources} -p ${PROJECT_BINARY_DIR}
          ${scope_rw_runtime_args} --include ${PROJECT_SOURCE_DIR}/include
          --work ${CMAKE_CURRENT_BINARY_DIR}/dogfood)
set_tests_properties(dogfood.rewriter PROPERTIES FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 1200)
