# instrument-all.cmake - profile every function of an outside CMake project
# without editing it: given as -DCMAKE_PROJECT_INCLUDE=<this file>, it runs
# after each project() call, finds scope-profiler (CMAKE_PREFIX_PATH) and
# wraps add_library()/add_executable() so that each target built from
# sources gets scope_profiler_instrument(<target> ALL) deferred to the end of
# the directory that creates it (where the function must be called, and
# when every target_sources() has been seen).
if(NOT COMMAND scope_profiler_instrument)
  find_package(ScopeProfiler REQUIRED)
endif()

get_property(scope_rw_wrapped GLOBAL PROPERTY SCOPE_REALWORLD_WRAPPED)
if(NOT scope_rw_wrapped)
  set_property(GLOBAL PROPERTY SCOPE_REALWORLD_WRAPPED TRUE)

  # Deferred: the target is complete when its directory ends.
  function(scope_realworld_instrument target)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      return()
    endif()
    get_target_property(sources ${target} SOURCES)
    foreach(s IN LISTS sources)
      if(s MATCHES "\\.c$")
        scope_profiler_instrument(${target} ALL)
        return()
      endif()
    endforeach()
  endfunction()

  function(scope_realworld_defer name)
    if(ARGN MATCHES "^(IMPORTED|ALIAS|INTERFACE)$" OR "IMPORTED" IN_LIST ARGN OR "ALIAS" IN_LIST ARGN
       OR "INTERFACE" IN_LIST ARGN)
      return()
    endif()
    # DEFER CALL expands its arguments when the call runs: spell the name
    # out now.
    cmake_language(EVAL CODE "cmake_language(DEFER CALL scope_realworld_instrument [==[${name}]==])")
  endfunction()

  macro(add_library name)
    _add_library(${name} ${ARGN})
    scope_realworld_defer(${name} ${ARGN})
  endmacro()

  macro(add_executable name)
    _add_executable(${name} ${ARGN})
    scope_realworld_defer(${name} ${ARGN})
  endmacro()
endif()
