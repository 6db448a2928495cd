# tests/runtime.cmake: tests of the runtime library.
#   check_<module>   Check suites on the pure parts (printers, stats, config,
#                    compensation arithmetic)
#   runtime.<case>   hand-instrumented programs run by tests/runtime/run.py,
#                    which checks their JSON and text reports
#   runtime.output_* where the report goes, signals, write errors
#                    (tests/runtime/run_output.py)
#   runtime.header_* the public header under strict C90, enabled and disabled
find_package(Python3 COMPONENTS Interpreter)

foreach(module report stats config cost sampler)
  add_executable(check_${module} ${CMAKE_CURRENT_SOURCE_DIR}/check_${module}.c)
  target_include_directories(check_${module} PRIVATE ${PROJECT_SOURCE_DIR}/runtime)
  target_link_libraries(check_${module} PRIVATE ScopeProfiler::runtime PkgConfig::CHECK)
  # The modules' memory is the runtime's own (runtime/alloc.h): the tests
  # allocate and free through the same functions.
  target_compile_options(check_${module} PRIVATE
    -include ${PROJECT_SOURCE_DIR}/runtime/alloc.h)
  scope_profiler_warnings(check_${module})
  add_test(NAME check_${module} COMMAND check_${module})
  set_tests_properties(check_${module} PROPERTIES
    ENVIRONMENT "CK_FORK=no;SCOPE_PROFILER_OUTPUT=stderr")
endforeach()
# The sampler thread reads what the program's threads write (scripts/tsan
# runs the label "threads" under ThreadSanitizer).
set_tests_properties(check_sampler PROPERTIES LABELS threads)
# check_signals replaces the allocator to count its calls: not under the
# sanitizers, whose allocator it would bypass.
if(NOT SCOPE_PROFILER_SANITIZER_FLAGS)
  add_executable(check_signals ${CMAKE_CURRENT_SOURCE_DIR}/check_signals.c)
  target_include_directories(check_signals PRIVATE ${PROJECT_SOURCE_DIR}/runtime)
  target_link_libraries(check_signals PRIVATE ScopeProfiler::runtime PkgConfig::CHECK)
  scope_profiler_warnings(check_signals)
  add_test(NAME check_signals COMMAND check_signals)
  set_tests_properties(check_signals PROPERTIES
    ENVIRONMENT CK_FORK=no WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endif()
# check_config creates a scratch file in its working directory.
set_tests_properties(check_config PROPERTIES WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

# Hand-instrumented programs. Their descriptors name __FILE__, which CMake
# passes as an absolute path, so the reports find the source text.
# The runtime never allocates from the program's heap (runtime/mem.h).
add_executable(runtime_heap ${CMAKE_CURRENT_SOURCE_DIR}/runtime/heap.c)
target_link_libraries(runtime_heap PRIVATE ScopeProfiler::runtime)
scope_profiler_warnings(runtime_heap)
if(NOT SCOPE_PROFILER_SANITIZER_FLAGS)
  # Sanitizers bring allocators of their own, which this check cannot see.
  add_test(NAME runtime.heap COMMAND runtime_heap)
  set_tests_properties(runtime.heap PROPERTIES
    ENVIRONMENT "SCOPE_PROFILER_DIR=${CMAKE_CURRENT_BINARY_DIR}/runtime-work/heap")
endif()

# A clock read per line: the deterministic mode's compensation (run.py det).
add_executable(runtime_det ${CMAKE_CURRENT_SOURCE_DIR}/runtime/det.c)
target_compile_definitions(runtime_det PRIVATE SCOPE_PROFILER_SAMPLED=0)
target_link_libraries(runtime_det PRIVATE ScopeProfiler::runtime)
scope_profiler_warnings(runtime_det)

# First entries (registration, a thread's state) take the runtime's lock
# with signals blocked, so a profiled signal handler cannot wait for it.
add_executable(runtime_sigmask ${CMAKE_CURRENT_SOURCE_DIR}/runtime/sigmask.c)
target_link_libraries(runtime_sigmask PRIVATE ScopeProfiler::runtime ${CMAKE_DL_LIBS})
scope_profiler_warnings(runtime_sigmask)
add_test(NAME runtime.sigmask COMMAND runtime_sigmask)
set_tests_properties(runtime.sigmask PROPERTIES LABELS threads
  ENVIRONMENT "SCOPE_PROFILER_DIR=${CMAKE_CURRENT_BINARY_DIR}/runtime-work/sigmask")

# The clock-per-line probe on a frame without a line table, in each of its
# shapes: -O0 (gcc on x86-64: the asm calling scope__line_tick; else the
# call), the call (-O0 without asm), the asm statement and the C probe.
foreach(shape call call_c asm c)
  add_executable(runtime_noline_${shape} ${CMAKE_CURRENT_SOURCE_DIR}/runtime/noline_frame.c)
  target_link_libraries(runtime_noline_${shape} PRIVATE ScopeProfiler::runtime)
  scope_profiler_warnings(runtime_noline_${shape})
  if(shape STREQUAL "call")
    target_compile_options(runtime_noline_${shape} PRIVATE -O0)
  elseif(shape STREQUAL "call_c")
    target_compile_options(runtime_noline_${shape} PRIVATE -O0 -DSCOPE_PROFILER_NO_ASM)
  elseif(shape STREQUAL "asm")
    target_compile_options(runtime_noline_${shape} PRIVATE -O2)
  else()
    target_compile_options(runtime_noline_${shape} PRIVATE -O2 -DSCOPE_PROFILER_NO_ASM)
  endif()
  add_test(NAME runtime.noline_${shape} COMMAND runtime_noline_${shape})
endforeach()

foreach(prog seed features api)
  if(prog STREQUAL "api")
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/runtime/api_prog.c)
  else()
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/runtime/${prog}.c)
  endif()
  add_executable(runtime_${prog} ${src})
  target_link_libraries(runtime_${prog} PRIVATE ScopeProfiler::runtime m)
  scope_profiler_warnings(runtime_${prog})
endforeach()

if(Python3_Interpreter_FOUND)
  set(_rt_work ${CMAKE_CURRENT_BINARY_DIR}/runtime-work)
  foreach(case seed recursion early exit threads longjmp fork deep big compensate det)
    add_test(NAME runtime.${case}
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/runtime/run.py
              ${case} $<TARGET_FILE_DIR:runtime_features> ${_rt_work}/${case})
  endforeach()
  set_tests_properties(runtime.threads PROPERTIES LABELS threads)
  if(SCOPE_PROFILER_TSAN)
    set_tests_properties(runtime.deep PROPERTIES ENVIRONMENT RUNTIME_DEEP=30000)
  endif()
  add_test(NAME runtime.api
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/runtime/run_api.py
            $<TARGET_FILE_DIR:runtime_api> ${_rt_work}/api)
  # Where the report goes, and signals (tests/runtime/run_output.py).
  foreach(case default dir off stderr not_regular chdir fork sigterm sigterm_in_malloc sigint_ignored
          own_handler abort unwritable)
    add_test(NAME runtime.output_${case}
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/runtime/run_output.py
              ${case} $<TARGET_FILE_DIR:runtime_features> ${_rt_work}/output_${case})
    # A report made from a signal handler reads what the sampler thread
    # writes.
    set_tests_properties(runtime.output_${case} PROPERTIES LABELS threads)
  endforeach()
endif()

# The header under -std=c89 -pedantic -Werror, with each compiler found.
find_program(SCOPE_PROFILER_GCC gcc)
find_program(SCOPE_PROFILER_CLANG clang)
foreach(cc GCC CLANG)
  if(SCOPE_PROFILER_${cc})
    string(TOLOWER ${cc} ccname)
    foreach(variant enabled disabled)
      set(defs "")
      if(variant STREQUAL "disabled")
        set(defs -DSCOPE_PROFILER_DISABLE)
      endif()
      add_test(NAME runtime.header_c89_${ccname}_${variant}
        COMMAND ${SCOPE_PROFILER_${cc}} -std=c89 -pedantic -Wall -Wextra -Werror
                ${defs} -I${PROJECT_SOURCE_DIR}/include -fsyntax-only
                ${CMAKE_CURRENT_SOURCE_DIR}/runtime/header_c89.c)
    endforeach()
  endif()
endforeach()

# Each line's code stays after its probe in the compiled code (a sample
# charges the row the frame is on): the seed kernel at -O2, each compiler,
# both probe modes (tests/runtime/probe_place.py).
if(Python3_Interpreter_FOUND AND TARGET scope-rewrite)
  set(_pp_cc "")
  foreach(cc GCC CLANG)
    if(SCOPE_PROFILER_${cc})
      list(APPEND _pp_cc ${SCOPE_PROFILER_${cc}})
    endif()
  endforeach()
  if(_pp_cc)
    add_test(NAME runtime.probe_place
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/runtime/probe_place.py
              $<TARGET_FILE:scope-rewrite> ${PROJECT_SOURCE_DIR}/include
              ${PROJECT_SOURCE_DIR}/bench/kernel.c ${CMAKE_CURRENT_BINARY_DIR}/probe_place
              ${_pp_cc})
  endif()
endif()
