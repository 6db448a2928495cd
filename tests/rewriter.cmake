# rewriter.cmake - tests of scope-rewrite: Check unit tests of its pure
# modules, the golden rewrite cases (each also built and run against the
# runtime, hit counts checked), the command line and its errors, the
# compilation database, and the seed example end to end.
if(NOT TARGET scope-rewrite)
  return()
endif()
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(WARNING "python3 not found: the rewriter's golden and command-line "
                  "tests are left out")
endif()

foreach(module annot edit cdb write)
  add_executable(check_${module} ${CMAKE_CURRENT_SOURCE_DIR}/check_${module}.c)
  target_link_libraries(check_${module} PRIVATE scope_rewrite_core PkgConfig::CHECK)
  scope_profiler_warnings(check_${module})
  add_test(NAME rewriter.unit.${module} COMMAND check_${module})
endforeach()

if(NOT Python3_Interpreter_FOUND)
  return()
endif()

set(scope_rw_runtime_args)
if(TARGET scope_profiler)
  # Programs linked with the runtime need the flags it was built with
  # (sanitizers).
  string(REPLACE ";" " " scope_rw_cflags "${SCOPE_PROFILER_SANITIZER_FLAGS}")
  set(scope_rw_runtime_args --runtime $<TARGET_FILE:scope_profiler>
      "--cflags=${scope_rw_cflags}")
endif()
set(scope_rw_work ${CMAKE_CURRENT_BINARY_DIR}/rewriter)
# The wrapper the build tree makes (cmake/ScopeCc.cmake, target scope-cc).
set(scope_rw_cc_args)
if(TARGET scope_profiler)
  set(scope_rw_cc_args --scope-cc ${PROJECT_BINARY_DIR}/bin/scope-cc)
endif()

file(GLOB scope_rw_golden RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/golden
     ${CMAKE_CURRENT_SOURCE_DIR}/golden/*.c)
list(FILTER scope_rw_golden EXCLUDE REGEX "\\.expected\\.c$")
foreach(case_file IN LISTS scope_rw_golden)
  string(REGEX REPLACE "\\.c$" "" case ${case_file})
  add_test(NAME rewriter.golden.${case}
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/golden.py
            --rewriter $<TARGET_FILE:scope-rewrite> ${scope_rw_runtime_args}
            --include ${PROJECT_SOURCE_DIR}/include
            --cases ${CMAKE_CURRENT_SOURCE_DIR}/golden
            --work ${scope_rw_work}/golden --case ${case})
  set_tests_properties(rewriter.golden.${case} PROPERTIES
    FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 120)
endforeach()

if(TARGET scope_profiler)
  string(REPLACE ";" " " scope_rw_cflags "${SCOPE_PROFILER_SANITIZER_FLAGS}")
  foreach(case headers shared unguarded symlink badannot scope_cc scope_cc_subdir)
    add_test(NAME rewriter.includes.${case}
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/includes.py
              --rewriter $<TARGET_FILE:scope-rewrite> --runtime $<TARGET_FILE:scope_profiler>
              --include ${PROJECT_SOURCE_DIR}/include "--cflags=${scope_rw_cflags}"
              --work ${scope_rw_work}/includes ${case})
    set_tests_properties(rewriter.includes.${case} PROPERTIES TIMEOUT 120)
  endforeach()
endif()

file(GLOB scope_rw_errors RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/errors
     ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/errors/*.c)
foreach(case_file IN LISTS scope_rw_errors)
  string(REGEX REPLACE "\\.c$" "" case ${case_file})
  add_test(NAME rewriter.error.${case}
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/cli.py
            --rewriter $<TARGET_FILE:scope-rewrite> --work ${scope_rw_work}/cli
            error ${case})
endforeach()

foreach(t missing_input unknown_option help_version outdir_onto_sources list
          copy_and_includes already_instrumented same_file_twice outside_root
          compile_commands all_only_exclude binary_and_empty outdir_unwritable
          include_fragment openmp_parse werror_warnings depfile seed
          scope_cc_paths scope_cc_all cc_predefs
          output_paths cxx_input crlf_lines)
  add_test(NAME rewriter.cli.${t}
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/rewriter/cli.py
            --rewriter $<TARGET_FILE:scope-rewrite> ${scope_rw_runtime_args}
            ${scope_rw_cc_args}
            --include ${PROJECT_SOURCE_DIR}/include
            --work ${scope_rw_work}/cli ${t})
  set_tests_properties(rewriter.cli.${t} PROPERTIES TIMEOUT 120)
endforeach()
