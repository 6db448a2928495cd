# common.cmake - helpers shared by the integration test drivers (cmake -P
# scripts): run a command and stop the test with its output when it fails,
# and look for text in what a program printed.

# scope_run(<name> <expect> COMMAND <cmd>... [WORKING_DIRECTORY <dir>] [ENV <k=v>...])
# Runs <cmd>; <expect> is "ok" (exit 0), "fail" (any other status) or "any".
# The output lands in <name>_OUT, <name>_ERR and <name>_RC in the caller.
function(scope_run name expect)
  cmake_parse_arguments(arg "" "WORKING_DIRECTORY" "COMMAND;ENV" ${ARGN})
  set(cmd ${arg_COMMAND})
  if(arg_ENV)
    set(cmd "${CMAKE_COMMAND}" -E env ${arg_ENV} ${cmd})
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
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
