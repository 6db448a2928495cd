# ScopeCc.cmake - the scope-cc compiler wrapper in the build tree and in the
# install tree.
#
# rewriter/scope-cc finds scope-rewrite, scope_profiler.h and the runtime
# through three placeholders. The build tree gets a copy in <build>/bin with
# absolute paths (filled at build time, when generator expressions know where
# the targets landed); the install tree gets one with paths relative to its
# bin directory, so that an installed prefix can be moved.
if(NOT TARGET scope-rewrite OR NOT TARGET scope_profiler)
  return()
endif()

set(SCOPE_CC_SOURCE "${PROJECT_SOURCE_DIR}/rewriter/scope-cc")
set(SCOPE_CC_BUILD "${PROJECT_BINARY_DIR}/bin/scope-cc")

add_custom_command(OUTPUT "${SCOPE_CC_BUILD}"
  COMMAND "${CMAKE_COMMAND}"
          "-DIN=${SCOPE_CC_SOURCE}" "-DOUT=${SCOPE_CC_BUILD}"
          "-DSCOPE_CC_REWRITE=$<TARGET_FILE:scope-rewrite>"
          "-DSCOPE_CC_INCLUDEDIR=${PROJECT_SOURCE_DIR}/include"
          "-DSCOPE_CC_LIBDIR=$<TARGET_FILE_DIR:scope_profiler>"
          "-DSCOPE_CC_VERSION=${PROJECT_VERSION}"
          -P "${CMAKE_CURRENT_LIST_DIR}/ScopeCcConfigure.cmake"
  DEPENDS "${SCOPE_CC_SOURCE}" "${CMAKE_CURRENT_LIST_DIR}/ScopeCcConfigure.cmake"
  COMMENT "Generating bin/scope-cc"
  VERBATIM)
add_custom_target(scope-cc ALL DEPENDS "${SCOPE_CC_BUILD}")
# Building the wrapper target gives a wrapper that works.
add_dependencies(scope-cc scope-rewrite scope_profiler)
if(TARGET scope_profiler_shared)
  add_dependencies(scope-cc scope_profiler_shared)
endif()

# Install copy: paths relative to the bin directory, unless the project was
# configured with absolute install directories.
function(scope_cc_install_path out dir full)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}" OR IS_ABSOLUTE "${dir}")
    set(${out} "${full}" PARENT_SCOPE)
  else()
    file(RELATIVE_PATH rel "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${dir}")
    set(${out} "${rel}" PARENT_SCOPE)
  endif()
endfunction()
set(SCOPE_CC_REWRITE scope-rewrite)
set(SCOPE_CC_VERSION "${PROJECT_VERSION}")
scope_cc_install_path(SCOPE_CC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}" "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
scope_cc_install_path(SCOPE_CC_LIBDIR "${CMAKE_INSTALL_LIBDIR}" "${CMAKE_INSTALL_FULL_LIBDIR}")
# install.cmake installs it beside scope-rewrite.
configure_file("${SCOPE_CC_SOURCE}" "${PROJECT_BINARY_DIR}/install/scope-cc" @ONLY)
