# run_make.cmake - build make_project/ with Make, run it and check the report.
# MODE=scope-cc: `make CC="scope-cc cc"` with the unchanged Makefile; also
#   checks the objects, the dependency files and incremental rebuilds.
# MODE=pkg-config: Makefile.inst (scope-rewrite into build/inst, runtime
#   flags from pkg-config).
# -D: MODE, PROJECT_DIR, WORK_DIR, MAKE, PKG_CONFIG, C_COMPILER, PREFIX, BINDIR,
# LIBDIR.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${PROJECT_DIR}/" DESTINATION "${WORK_DIR}")
set(d "${WORK_DIR}")

if(MODE STREQUAL "scope-cc")
  set(cc "CC=${PREFIX}/${BINDIR}/scope-cc ${C_COMPILER}")
  scope_run(make ok COMMAND "${MAKE}" "${cc}" WORKING_DIRECTORY "${d}")
  foreach(f IN ITEMS obj/main.o obj/util.o obj/main.d obj/util.d prog)
    if(NOT EXISTS "${d}/${f}")
      message(FATAL_ERROR "make with scope-cc: ${f} was not made")
    endif()
  endforeach()
  scope_run(run ok COMMAND "${d}/prog" WORKING_DIRECTORY "${d}")

  # The dependency files name the real sources and headers as the plain
  # build does, never the temporary copies (which are gone by now).
  file(READ "${d}/obj/util.d" util_d)
  scope_expect("obj/util.d" "${util_d}" "^obj/util\\.o: src/util\\.c " " src/util\\.h")
  scope_reject("obj/util.d" "${util_d}" "scope-cc\\.")
  file(READ "${d}/obj/main.d" main_d)
  scope_reject("obj/main.d" "${main_d}" "scope-cc\\.")

  scope_run(uptodate ok COMMAND "${MAKE}" -q "${cc}" WORKING_DIRECTORY "${d}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
  file(TOUCH "${d}/src/util.h")
  scope_run(stale fail COMMAND "${MAKE}" -q "${cc}" WORKING_DIRECTORY "${d}")
  scope_run(remake ok COMMAND "${MAKE}" "${cc}" WORKING_DIRECTORY "${d}")
  # Both sources include util.h, so both are compiled again.
  scope_expect("make after touching util.h" "${remake_OUT}" "-c src/util\\.c" "-c src/main\\.c")
elseif(MODE STREQUAL "pkg-config")
  set(env "PKG_CONFIG_PATH=${PREFIX}/${LIBDIR}/pkgconfig")
  scope_run(pc ok COMMAND "${PKG_CONFIG}" --cflags --libs scope-profiler ENV ${env})
  scope_expect("pkg-config --cflags --libs" "${pc_OUT}" "-I[^ ]*include" "-L[^ ]+ -lscope_profiler")
  scope_run(make ok COMMAND "${MAKE}" -f Makefile.inst "CC=${C_COMPILER}"
    "SCOPE_REWRITE=${PREFIX}/${BINDIR}/scope-rewrite" "PKG_CONFIG=${PKG_CONFIG}"
    ENV ${env} WORKING_DIRECTORY "${d}")
  foreach(f IN ITEMS build/inst/src/main.c build/inst/src/util.c build/prog)
    if(NOT EXISTS "${d}/${f}")
      message(FATAL_ERROR "make -f Makefile.inst: ${f} was not made")
    endif()
  endforeach()
  scope_run(run ok COMMAND "${d}/build/prog" WORKING_DIRECTORY "${d}")
else()
  message(FATAL_ERROR "run_make.cmake: MODE must be scope-cc or pkg-config, not '${MODE}'")
endif()

scope_expect("prog stdout" "${run_OUT}" "^[0-9]+\\.[0-9][0-9][0-9]\n$")
scope_expect_report("prog report" "${run_ERR}" "main" 5)
scope_expect("prog report" "${run_ERR}" "Region: mean\n  Total Calls : 4\n" "\n +[0-9]+ +2004 +[0-9]")
