# Differential testing with Csmith: random programs must print the same
# checksum before and after `scope-rewrite --all`, at -O0 and -O2.
# ctest runs a bounded number; `cmake --build build --target csmith-long`
# goes on through seeds from 100000 until a thousand programs are compared.
# Not in sanitizer builds: compiling a large random program with
# -fsanitize at -O2 can take gcc many minutes, and the rewriter's own memory
# safety is covered there by the golden and CLI tests.
if(TARGET scope-rewrite AND NOT SCOPE_PROFILER_SANITIZER_FLAGS)
  set(scope_diff_cc "${CMAKE_C_COMPILER}")
  set(scope_diff_args
    --rewriter $<TARGET_FILE:scope-rewrite>
    --runtime $<TARGET_FILE:scope_profiler>
    --include ${PROJECT_SOURCE_DIR}/include
    --cc "${scope_diff_cc}")
  add_test(NAME csmith_differential
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/differential/csmith-diff -n 50 -s 1
            -w ${CMAKE_CURRENT_BINARY_DIR}/csmith-work ${scope_diff_args})
  set_tests_properties(csmith_differential PROPERTIES TIMEOUT 1500 RUN_SERIAL TRUE)
  add_custom_target(csmith-long
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/differential/csmith-diff -c 1000 -s 100000
            -w ${CMAKE_CURRENT_BINARY_DIR}/csmith-long-work ${scope_diff_args}
    DEPENDS scope-rewrite scope_profiler
    USES_TERMINAL
    COMMENT "Csmith differential test: seeds from 100000 until 1000 programs are compared")
endif()
