# run_readme.cmake - the README's first commands, exactly as written, on a
# project with the usual src/ + include/ layout (readme_project/).
#
# The README installs into /usr/local, where the compiler, the linker and
# the loader look by default. The test cannot write there: the install
# fixture put the same files into PREFIX, and CPATH, LIBRARY_PATH,
# LD_LIBRARY_PATH and PATH make PREFIX a default place for gcc and clang,
# ld.so and the shell. Every other command of the block runs unchanged.
# -D: README, PROJECT_DIR, WORK_DIR, PREFIX, BINDIR, LIBDIR, INCLUDEDIR,
# C_COMPILER, SANITIZED (1 when the build uses sanitizers).
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${README}" readme)
string(FIND "${readme}" "\nInstall the tools, the header and the runtime once" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README: the usage block under 'What it does' was not found")
endif()
string(SUBSTRING "${readme}" ${at} -1 rest)
string(REGEX MATCH "```sh\n([^`]*)```" block "${rest}")
set(block "${CMAKE_MATCH_1}")
string(REPLACE "\n" ";" lines "${block}")

set(commands)
foreach(line IN LISTS lines)
  string(REGEX REPLACE "[ ]+#.*$" "" cmd "${line}")
  string(STRIP "${cmd}" cmd)
  if(cmd STREQUAL "")
    continue()
  elseif(cmd STREQUAL "sudo cmake --install build")
    continue()                      # the install fixture, into PREFIX
  elseif(cmd STREQUAL "cd myproject")
    continue()                      # the commands below run in the project
  endif()
  list(APPEND commands "${cmd}")
endforeach()
list(LENGTH commands ncommands)
if(NOT ncommands EQUAL 3)
  message(FATAL_ERROR "README: expected three commands after the install, got: ${commands}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${PROJECT_DIR}/" DESTINATION "${WORK_DIR}/myproject")
set(d "${WORK_DIR}/myproject")
# `cc` of the README is this build's C compiler.
file(MAKE_DIRECTORY "${WORK_DIR}/bin")
file(CREATE_LINK "${C_COMPILER}" "${WORK_DIR}/bin/cc" SYMBOLIC)
set(env
  "PATH=${WORK_DIR}/bin:${PREFIX}/${BINDIR}:$ENV{PATH}"
  "CPATH=${PREFIX}/${INCLUDEDIR}"
  "LIBRARY_PATH=${PREFIX}/${LIBDIR}"
  "LD_LIBRARY_PATH=${PREFIX}/${LIBDIR}"
  "SCOPE_PROFILER_JSON=${WORK_DIR}/report.json")
if(SANITIZED)
  # The sanitized runtime is loaded as a library of an unsanitized program.
  list(APPEND env "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0")
endif()

set(k 0)
foreach(cmd IN LISTS commands)
  math(EXPR k "${k} + 1")
  scope_run(step${k} ok COMMAND sh -c "${cmd}" ENV ${env} WORKING_DIRECTORY "${d}")
endforeach()
scope_expect("./prog stdout" "${step3_OUT}" "^338350\n$")
file(READ "${WORK_DIR}/report.json" json)
scope_expect("the report of ./prog" "${json}"
  "\"function\": *\"stats_sum_squares\"" "\"region\": *\"sum_squares\"" "\"file\": *\"src/stats.c\""
  "\"hits\": *101[,}]")
