# ScopeProfiler.cmake - scope_profiler_instrument(): build a target from
# instrumented copies of its C sources.
#
#   scope_profiler_instrument(<target> [NO_LINES] [ALL] [ONLY <regex>]
#                             [EXCLUDE <regex>] [SOURCES <file>...])
#
# Each C source of <target> (or only the SOURCES listed) gets its own
# add_custom_command that runs scope-rewrite on it into
# <binary dir>/scope_profiler/<target>/, with the target's include
# directories, compile definitions and C standard passed after `--`; the
# target then compiles the copies instead of the originals and links the
# runtime. ALL profiles every function definition as if each had a bare
# `// @profile` (scope-rewrite --all); ONLY and EXCLUDE narrow that by
# function name (--only, --exclude); NO_LINES keeps region probes only.
# With gcc as the C compiler the rewriter parses with gcc's predefined
# macros (--cc), so `#if __GNUC__ >= 5` is judged as the build judges it.
# One command per file, depending on that file, on scope-rewrite and (by
# the rewriter's depfile) on the headers its parse read, is what makes
# editing one source or header re-instrument only the sources it touches.
#
# The copies need no extra include path: scope-rewrite rewrites a quoted
# #include that the compiler would find beside the original into a relative
# path back to it, and `#line` keeps __FILE__ and diagnostics on the original.
#
# Options (cache):
#   SCOPE_PROFILER_ENABLE          OFF: scope_profiler_instrument() does
#                                  nothing, the target builds from its own
#                                  sources without the runtime.
#   SCOPE_PROFILER_SHARED_RUNTIME  ON: link ScopeProfiler::runtime_shared
#                                  instead of the static runtime. Shared and
#                                  module libraries always take the shared
#                                  one, so that a program holds one runtime.
#
# This file serves two places: the build tree of scope-profiler (targets
# ScopeProfiler::scope-rewrite and ScopeProfiler::runtime are aliases of the
# real targets, also after add_subdirectory()) and an installed package
# (find_package(ScopeProfiler) loads it after the imported targets).
include_guard(GLOBAL)

option(SCOPE_PROFILER_ENABLE
  "scope_profiler_instrument() builds its targets from instrumented copies (OFF: it does nothing)" ON)
option(SCOPE_PROFILER_SHARED_RUNTIME
  "Link instrumented executables and static libraries with the shared runtime" OFF)

function(scope_profiler_instrument target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_LINES;ALL" "ONLY;EXCLUDE" "SOURCES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "scope_profiler_instrument(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}"
      " (usage: scope_profiler_instrument(<target> [NO_LINES] [ALL] [ONLY <regex>] [EXCLUDE <regex>]"
      " [SOURCES <file>...]))")
  endif()
  if((DEFINED arg_ONLY OR DEFINED arg_EXCLUDE) AND NOT arg_ALL)
    message(FATAL_ERROR "scope_profiler_instrument(${target}): ONLY and EXCLUDE select among the "
      "functions that ALL profiles; add ALL")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "scope_profiler_instrument(${target}): no such target")
  endif()
  if(NOT SCOPE_PROFILER_ENABLE)
    return()
  endif()

  get_target_property(aliased ${target} ALIASED_TARGET)
  if(aliased)
    set(target ${aliased})
  endif()
  get_target_property(imported ${target} IMPORTED)
  get_target_property(type ${target} TYPE)
  if(imported OR NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
    message(FATAL_ERROR "scope_profiler_instrument(${target}): the target must be an executable or a library "
      "built here (it is ${type}${imported})")
  endif()
  # A custom command's output can only feed targets of the directory that
  # creates it (Makefile generators), so the call belongs beside the target.
  get_target_property(target_dir ${target} SOURCE_DIR)
  if(NOT target_dir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
    message(FATAL_ERROR "scope_profiler_instrument(${target}): call it in the directory that creates the "
      "target (${target_dir})")
  endif()
  if(NOT TARGET ScopeProfiler::scope-rewrite)
    message(FATAL_ERROR "scope_profiler_instrument(${target}): scope-rewrite is not available "
      "(scope-profiler was built with SCOPE_PROFILER_BUILD_REWRITER=OFF)")
  endif()

  # Which runtime: one per program, so shared libraries bring the shared one.
  if(type MATCHES "^(SHARED|MODULE)_LIBRARY$" OR SCOPE_PROFILER_SHARED_RUNTIME)
    set(runtime ScopeProfiler::runtime_shared)
  else()
    set(runtime ScopeProfiler::runtime)
  endif()
  if(NOT TARGET ${runtime})
    message(FATAL_ERROR "scope_profiler_instrument(${target}): ${runtime} is not available")
  endif()

  # A rebuilt scope-rewrite re-instruments everything: inside this build tree
  # the target name gives both the file and the ordering dependency, an
  # imported executable only has a file.
  get_target_property(tool_imported ScopeProfiler::scope-rewrite IMPORTED)
  if(tool_imported)
    set(tool_dep "$<TARGET_FILE:ScopeProfiler::scope-rewrite>")
  else()
    get_target_property(tool_dep ScopeProfiler::scope-rewrite ALIASED_TARGET)
    if(NOT tool_dep)
      set(tool_dep ScopeProfiler::scope-rewrite)
    endif()
  endif()

  # The target's flags, evaluated at generation time. These genexes
  # include the usage requirements of everything the target links.
  set(inc "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(std "$<TARGET_PROPERTY:${target},C_STANDARD>")
  set(ext "$<TARGET_PROPERTY:${target},C_EXTENSIONS>")
  # C_EXTENSIONS unset means CMake's default, which is the GNU dialect.
  # (These stay whole arguments of add_custom_command below: kept in a list
  # variable, the `;` inside them would split them.)
  set(std_flag "$<$<BOOL:${std}>:-std=$<IF:$<OR:$<BOOL:${ext}>,$<STREQUAL:${ext},>>,gnu,c>${std}>")
  set(mode_flags)
  if(arg_NO_LINES)
    list(APPEND mode_flags --no-lines)
  endif()
  if(arg_ALL)
    list(APPEND mode_flags --all)
  endif()
  if(DEFINED arg_ONLY)
    list(APPEND mode_flags --only "${arg_ONLY}")
  endif()
  if(DEFINED arg_EXCLUDE)
    list(APPEND mode_flags --exclude "${arg_EXCLUDE}")
  endif()
  # Built by gcc, the parse takes gcc's predefined macros (libclang's own say
  # __GNUC__ 4 and __clang__), with the project's flags that change them
  # (-O, -m, -f in CMAKE_C_FLAGS and the build type's flags).
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU" AND CMAKE_C_COMPILER)
    list(APPEND mode_flags --cc "${CMAKE_C_COMPILER}")
    string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
    separate_arguments(cc_flags UNIX_COMMAND "${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${build_type}}")
    foreach(f IN LISTS cc_flags)
      if(f MATCHES "^-(O|m|f|std=|ansi|pthread)")
        list(APPEND mode_flags "--cc-flag=${f}")
      endif()
    endforeach()
  endif()

  # Makefile generators read a custom command's depfile from CMake 3.20 on,
  # Ninja always; elsewhere a copy depends on its source and the rewriter
  # only. (CMP0116 NEW: the depfile's paths are taken as written.)
  set(scope_depfiles FALSE)
  if(CMAKE_GENERATOR MATCHES "Ninja" OR
     (CMAKE_GENERATOR MATCHES "Makefiles" AND CMAKE_VERSION VERSION_GREATER_EQUAL 3.20))
    set(scope_depfiles TRUE)
  endif()
  cmake_policy(PUSH)
  if(POLICY CMP0116)
    cmake_policy(SET CMP0116 NEW)
  endif()

  # scope-rewrite leaves a copy whose bytes would not change alone. Ninja
  # notices (CMake's custom commands restat their outputs), so the copy is
  # not compiled again; Make would run the rewrite again on every build
  # while the copy stays older than its source, so there the copy is
  # touched, and a touched source is compiled again as in a plain build.
  set(touch_copy)
  if(NOT CMAKE_GENERATOR MATCHES "Ninja")
    set(touch_copy COMMAND "${CMAKE_COMMAND}" -E touch "<COPY>")
  endif()
  set(out_base "${CMAKE_CURRENT_BINARY_DIR}/scope_profiler/${target}")
  set(selected)
  foreach(src IN LISTS arg_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND selected "${abs}")
  endforeach()

  get_target_property(sources ${target} SOURCES)
  get_property(done TARGET ${target} PROPERTY SCOPE_PROFILER_INSTRUMENTED)
  set(new_sources)
  set(matched)
  foreach(src IN LISTS sources)
    set(keep TRUE)
    if(NOT src MATCHES "\\$<")
      get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${target_dir}")
      get_source_file_property(lang "${abs}" LANGUAGE)
      if(selected)
        list(FIND selected "${abs}" pos)
        set(wanted FALSE)
        if(pos GREATER -1)
          set(wanted TRUE)
          list(APPEND matched "${abs}")
        endif()
      else()
        set(wanted FALSE)
        if(lang STREQUAL "C" OR (NOT lang AND abs MATCHES "\\.c$"))
          set(wanted TRUE)
        endif()
      endif()
      # Copies (already instrumented by an earlier call) are not re-instrumented.
      string(FIND "${abs}" "${out_base}/" in_out)
      list(FIND done "${abs}" pos_done)
      if(wanted AND in_out EQUAL -1 AND pos_done EQUAL -1)
        set(keep FALSE)
      endif()
    endif()
    if(keep)
      list(APPEND new_sources "${src}")
      continue()
    endif()

    # scope-rewrite writes OUTDIR/<file relative to --root>. Sources under
    # the target's directory keep their layout; others (../common/x.c, a
    # generated file) get a folder of their own, named after their directory.
    file(RELATIVE_PATH rel "${target_dir}" "${abs}")
    if(rel MATCHES "^\\.\\./" OR IS_ABSOLUTE "${rel}")
      get_filename_component(root "${abs}" DIRECTORY)
      string(MD5 dir_hash "${root}")
      string(SUBSTRING "${dir_hash}" 0 8 dir_hash)
      get_filename_component(name "${abs}" NAME)
      set(out_root "${out_base}/_ext/${dir_hash}")
      set(copy "${out_root}/${name}")
    else()
      set(root "${target_dir}")
      set(out_root "${out_base}")
      set(copy "${out_base}/${rel}")
    endif()

    # Per-file flags go to the rewriter and stay with the copy.
    set(file_flags)
    get_source_file_property(file_defs "${abs}" COMPILE_DEFINITIONS)
    if(file_defs)
      foreach(d IN LISTS file_defs)
        list(APPEND file_flags "-D${d}")
      endforeach()
    endif()
    get_source_file_property(file_incs "${abs}" INCLUDE_DIRECTORIES)
    if(file_incs)
      foreach(d IN LISTS file_incs)
        list(APPEND file_flags "-I${d}")
      endforeach()
    endif()
    foreach(prop COMPILE_DEFINITIONS INCLUDE_DIRECTORIES COMPILE_OPTIONS COMPILE_FLAGS)
      get_source_file_property(value "${abs}" ${prop})
      if(value)
        set_source_files_properties("${copy}" PROPERTIES ${prop} "${value}")
      endif()
    endforeach()

    file(RELATIVE_PATH shown "${CMAKE_SOURCE_DIR}" "${abs}")
    # The rewriter's depfile lists every header the parse read: a header's
    # macros decide where probes go, so editing one makes the copy again.
    set(depfile_args)
    set(depfile_opt)
    if(scope_depfiles)
      set(depfile_args --depfile "${copy}.d")
      set(depfile_opt DEPFILE "${copy}.d")
    endif()
    string(REPLACE "<COPY>" "${copy}" touch_copy_file "${touch_copy}")
    add_custom_command(OUTPUT "${copy}"
      COMMAND "$<TARGET_FILE:ScopeProfiler::scope-rewrite>" ${mode_flags} ${depfile_args}
              --root "${root}" "${abs}" -o "${out_root}"
              -- "$<$<BOOL:${inc}>:-I$<JOIN:${inc},;-I>>"
                 "$<$<BOOL:${defs}>:-D$<JOIN:${defs},;-D>>"
                 "${std_flag}" ${file_flags}
      ${touch_copy_file}
      DEPENDS "${abs}" ${tool_dep}
      ${depfile_opt}
      COMMENT "Instrumenting ${shown}"
      COMMAND_EXPAND_LISTS VERBATIM)
    set_source_files_properties("${copy}" PROPERTIES LANGUAGE C)
    list(APPEND new_sources "${copy}")
    list(APPEND done "${abs}")
  endforeach()

  foreach(abs IN LISTS selected)
    list(FIND matched "${abs}" pos)
    if(pos EQUAL -1)
      message(FATAL_ERROR "scope_profiler_instrument(${target}): ${abs} is not a source of the target")
    endif()
  endforeach()

  set_property(TARGET ${target} PROPERTY SOURCES "${new_sources}")
  set_property(TARGET ${target} PROPERTY SCOPE_PROFILER_INSTRUMENTED "${done}")

  # Link the runtime through the properties rather than
  # target_link_libraries(), which would clash with whichever signature
  # (plain or PRIVATE/PUBLIC) the project already uses for this target.
  get_property(linked TARGET ${target} PROPERTY LINK_LIBRARIES)
  list(FIND linked ${runtime} pos)
  if(pos EQUAL -1)
    set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${runtime})
    if(type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
      # Whoever links a static or object library needs its runtime too.
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES "$<LINK_ONLY:${runtime}>")
    endif()
  endif()
  cmake_policy(POP)
endfunction()
