# tests/report.cmake: tests of scope-report.
#   check_profile   Check suite on the merge arithmetic (report/profile.c)
#   report.<case>   tests/report/run.py: views and goldens on hand-written
#                   data files, a multi-process profiled program merged,
#                   diff, check, bad input, per-rank files (ranks), and
#                   the exports opened in their viewers (callgrind_annotate,
#                   genhtml, headless Chromium), and the .spt export read
#                   back by a reader of its exact layout
if(NOT TARGET scope-report)
  return()
endif()
add_executable(check_profile ${CMAKE_CURRENT_SOURCE_DIR}/check_profile.c)
target_link_libraries(check_profile PRIVATE scope_report_core PkgConfig::CHECK)
scope_profiler_warnings(check_profile)
add_test(NAME check_profile COMMAND check_profile)
set_tests_properties(check_profile PROPERTIES
  ENVIRONMENT CK_FORK=no WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

add_executable(report_multi ${CMAKE_CURRENT_SOURCE_DIR}/report/multi.c)
target_link_libraries(report_multi PRIVATE ScopeProfiler::runtime)
scope_profiler_warnings(report_multi)

foreach(case views merge multi diff check bad ranks export_callgrind export_lcov export_html
             export_chrome export_speedscope export_spt export_calls)
  add_test(NAME report.${case}
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/report/run.py ${case}
            $<TARGET_FILE:scope-report> $<TARGET_FILE:report_multi>
            ${CMAKE_CURRENT_BINARY_DIR}/report-work/${case})
endforeach()
