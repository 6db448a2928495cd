# common.cmake - helpers shared by the integration test drivers (cmake -P
# scripts): run a command and stop the test with its output when it fails,
# and look for text in what a program printed.

# scope_run(<name> <expect> [REPORT] COMMAND <cmd>... [WORKING_DIRECTORY <dir>] [ENV <k=v>...])
# Runs <cmd>; <expect> is "ok" (exit 0), "fail" (any other status) or "any".
# The output lands in <name>_OUT, <name>_ERR and <name>_RC in the caller.
# REPORT: <cmd> is a profiled program run as a user runs it, with the
# runtime's defaults: its stderr must stay empty, and the text report of its
# one process, from the report directory (SCOPE_PROFILER_DIR, fresh for the
# run), lands in <name>_REPORT.
function(scope_run name expect)
  cmake_parse_arguments(arg "REPORT" "WORKING_DIRECTORY" "COMMAND;ENV" ${ARGN})
  set(cmd ${arg_COMMAND})
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(arg_REPORT)
    set(report_dir "${arg_WORKING_DIRECTORY}/${name}-reports")
    file(REMOVE_RECURSE "${report_dir}")
    list(APPEND arg_ENV "SCOPE_PROFILER_DIR=${report_dir}")
  endif()
  if(arg_ENV)
    set(cmd "${CMAKE_COMMAND}" -E env --unset=SCOPE_PROFILER_OUTPUT ${arg_ENV} ${cmd})
  endif()
  execute_process(COMMAND ${cmd}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(bad FALSE)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    set(bad TRUE)
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    set(bad TRUE)
  endif()
  if(bad)
    string(REPLACE ";" " " shown "${cmd}")
    message(FATAL_ERROR "${name}: expected ${expect}, got exit status ${rc}\n"
      "command: ${shown}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
  endif()
  set(${name}_OUT "${out}" PARENT_SCOPE)
  set(${name}_ERR "${err}" PARENT_SCOPE)
  set(${name}_RC "${rc}" PARENT_SCOPE)
  if(arg_REPORT)
    if(NOT err STREQUAL "")
      message(FATAL_ERROR "${name}: the profiled program wrote to stderr:\n${err}")
    endif()
    file(GLOB reports "${report_dir}/*.txt")
    list(LENGTH reports nreports)
    if(NOT nreports EQUAL 1)
      message(FATAL_ERROR "${name}: ${nreports} text reports in ${report_dir}, expected 1")
    endif()
    file(READ "${reports}" report)
    set(${name}_REPORT "${report}" PARENT_SCOPE)
  endif()
endfunction()

# scope_expect(<what> <text> <regex>...): every regex must match <text>.
function(scope_expect what text)
  foreach(re IN LISTS ARGN)
    if(NOT text MATCHES "${re}")
      message(FATAL_ERROR "${what}: no match for /${re}/ in:\n${text}")
    endif()
  endforeach()
endfunction()

# scope_reject(<what> <text> <regex>...): no regex may match <text>.
function(scope_reject what text)
  foreach(re IN LISTS ARGN)
    if(text MATCHES "${re}")
      message(FATAL_ERROR "${what}: unexpected match for /${re}/ in:\n${text}")
    endif()
  endforeach()
endfunction()

# The report of one profiled function with a loop: a region block, a line
# table header, and the exact hit count of the loop header.
function(scope_expect_report what text region loop_hits)
  scope_expect("${what}" "${text}"
    "Region: ${region}\n  Total Calls : [0-9]+\n"
    "Timer unit: 1e-09 s"
    "Line #      Hits         Time  Per Hit   % Time  Line Contents"
    "\n +[0-9]+ +${loop_hits} +[0-9]")
endfunction()
