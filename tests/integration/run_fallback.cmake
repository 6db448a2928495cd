# run_fallback.cmake - scope-cc's edge cases: a source the rewriter rejects
# still compiles (with a message) and fails under SCOPE_CC_STRICT=1; object
# names without -o; link-only runs get the runtime; preprocessing passes
# through untouched.
# -D: PROJECT_DIR, WORK_DIR, SCOPE_CC, C_COMPILER.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(d "${WORK_DIR}")
set(wrap "${SCOPE_CC}" "${C_COMPILER}")

# A mistaken annotation: the file is compiled from its copy, without that
# annotation, and the reason is given.
scope_run(lenient ok COMMAND ${wrap} -c "${PROJECT_DIR}/bad.c" -o bad.o WORKING_DIRECTORY "${d}")
scope_expect("scope-cc on bad.c" "${lenient_ERR}" "bad\\.c:4:[0-9]+: error:" "scope-cc: [^\n]*bad\\.c")
if(NOT EXISTS "${d}/bad.o")
  message(FATAL_ERROR "scope-cc on bad.c: bad.o was not made")
endif()
file(REMOVE "${d}/bad.o")
scope_run(strict fail COMMAND ${wrap} -c "${PROJECT_DIR}/bad.c" -o bad.o
  ENV SCOPE_CC_STRICT=1 WORKING_DIRECTORY "${d}")
scope_expect("scope-cc on bad.c, strict" "${strict_ERR}" "scope-cc: error: [^\n]*bad\\.c")
if(EXISTS "${d}/bad.o")
  message(FATAL_ERROR "scope-cc on bad.c, strict: bad.o was made")
endif()

# No -o: the object is named after the source, in the current directory.
file(COPY "${PROJECT_DIR}/sub" DESTINATION "${d}")
scope_run(compile ok COMMAND ${wrap} -c sub/good.c WORKING_DIRECTORY "${d}")
if(NOT EXISTS "${d}/good.o")
  message(FATAL_ERROR "scope-cc -c sub/good.c: good.o was not made in the current directory")
endif()
# Link only: the object is instrumented, so it needs the runtime scope-cc adds.
scope_run(link ok COMMAND ${wrap} good.o -o good WORKING_DIRECTORY "${d}")
scope_run(run ok REPORT COMMAND "${d}/good" WORKING_DIRECTORY "${d}")
scope_expect("good stdout" "${run_OUT}" "^50\n$")
scope_expect_report("good report" "${run_REPORT}" "count" 101)
# The same object linked without the wrapper lacks the runtime: proof that it
# was instrumented.
scope_run(plain_link fail COMMAND "${C_COMPILER}" good.o -o plain WORKING_DIRECTORY "${d}")

# Preprocessing only: exactly what the compiler alone prints.
scope_run(pp_wrapped ok COMMAND ${wrap} -E sub/good.c WORKING_DIRECTORY "${d}")
scope_run(pp_plain ok COMMAND "${C_COMPILER}" -E sub/good.c WORKING_DIRECTORY "${d}")
if(NOT pp_wrapped_OUT STREQUAL pp_plain_OUT)
  message(FATAL_ERROR "scope-cc -E differs from the compiler's own -E")
endif()
