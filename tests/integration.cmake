# integration.cmake - build-system integration tests: the install tree, an
# outside CMake project (find_package and add_subdirectory), Make with the
# scope-cc wrapper, Make with pkg-config, the wrapper's fallback, and the
# README's commands as written. Each
# test is a cmake -P driver under integration/; they build small projects in
# this build directory.
if(NOT TARGET scope-rewrite OR NOT TARGET scope_profiler)
  return()
endif()

set(scope_int_src "${CMAKE_CURRENT_SOURCE_DIR}/integration")
set(scope_int_bin "${CMAKE_CURRENT_BINARY_DIR}/integration")
set(scope_int_prefix "${scope_int_bin}/prefix")
# Depfiles of custom commands: Makefile generators read them from CMake
# 3.20 on, Ninja always.
set(scope_int_header_deps 0)
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.20 OR CMAKE_GENERATOR MATCHES "Ninja")
  set(scope_int_header_deps 1)
endif()
set(scope_int_dirs
  "-DBINDIR=${CMAKE_INSTALL_BINDIR}" "-DLIBDIR=${CMAKE_INSTALL_LIBDIR}"
  "-DINCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR}" "-DMANDIR=${CMAKE_INSTALL_MANDIR}")

# Fixture: this build installed into a fresh prefix.
add_test(NAME integration.install
  COMMAND "${CMAKE_COMMAND}" "-DBUILD_DIR=${PROJECT_BINARY_DIR}" "-DPREFIX=${scope_int_prefix}"
          ${scope_int_dirs} -P "${scope_int_src}/run_install.cmake")
set_tests_properties(integration.install PROPERTIES FIXTURES_SETUP scope_install)

add_test(NAME integration.find_package
  COMMAND "${CMAKE_COMMAND}" "-DPROJECT_DIR=${scope_int_src}/cmake_project"
          "-DWORK_DIR=${scope_int_bin}/find_package" "-DGENERATOR=${CMAKE_GENERATOR}"
          "-DC_COMPILER=${CMAKE_C_COMPILER}" "-DPREFIX=${scope_int_prefix}"
          "-DHEADER_DEPS=${scope_int_header_deps}" -P "${scope_int_src}/run_cmake_project.cmake")
set_tests_properties(integration.find_package PROPERTIES
  FIXTURES_REQUIRED scope_install TIMEOUT 120)

# Builds scope-profiler itself again inside the outside project.
add_test(NAME integration.add_subdirectory
  COMMAND "${CMAKE_COMMAND}" "-DPROJECT_DIR=${scope_int_src}/cmake_project"
          "-DWORK_DIR=${scope_int_bin}/add_subdirectory" "-DGENERATOR=${CMAKE_GENERATOR}"
          "-DC_COMPILER=${CMAKE_C_COMPILER}" "-DSOURCE_TREE=${PROJECT_SOURCE_DIR}"
          "-DHEADER_DEPS=${scope_int_header_deps}" -P "${scope_int_src}/run_cmake_project.cmake")
set_tests_properties(integration.add_subdirectory PROPERTIES TIMEOUT 180)

# The README's first commands, exactly as written, on a src/ + include/ project.
set(scope_int_sanitized 0)
if(SCOPE_PROFILER_SANITIZER_FLAGS)
  set(scope_int_sanitized 1)
endif()
add_test(NAME integration.readme
  COMMAND "${CMAKE_COMMAND}" "-DREADME=${PROJECT_SOURCE_DIR}/README.md"
          "-DPROJECT_DIR=${scope_int_src}/readme_project" "-DWORK_DIR=${scope_int_bin}/readme"
          "-DPREFIX=${scope_int_prefix}" "-DC_COMPILER=${CMAKE_C_COMPILER}"
          "-DSANITIZED=${scope_int_sanitized}" ${scope_int_dirs} -P "${scope_int_src}/run_readme.cmake")
set_tests_properties(integration.readme PROPERTIES FIXTURES_REQUIRED scope_install)

add_test(NAME integration.scope_cc_fallback
  COMMAND "${CMAKE_COMMAND}" "-DPROJECT_DIR=${scope_int_src}/fallback"
          "-DWORK_DIR=${scope_int_bin}/fallback" "-DSCOPE_CC=${PROJECT_BINARY_DIR}/bin/scope-cc"
          "-DC_COMPILER=${CMAKE_C_COMPILER}" -P "${scope_int_src}/run_fallback.cmake")

find_program(SCOPE_INT_MAKE NAMES gmake make)
find_program(SCOPE_INT_PKG_CONFIG NAMES pkg-config)
if(SCOPE_INT_MAKE)
  add_test(NAME integration.make_scope_cc
    COMMAND "${CMAKE_COMMAND}" -DMODE=scope-cc "-DPROJECT_DIR=${scope_int_src}/make_project"
            "-DWORK_DIR=${scope_int_bin}/make_scope_cc" "-DMAKE=${SCOPE_INT_MAKE}"
            "-DC_COMPILER=${CMAKE_C_COMPILER}" "-DPREFIX=${scope_int_prefix}" ${scope_int_dirs}
            -P "${scope_int_src}/run_make.cmake")
  set_tests_properties(integration.make_scope_cc PROPERTIES FIXTURES_REQUIRED scope_install)
  if(SCOPE_INT_PKG_CONFIG)
    add_test(NAME integration.make_pkg_config
      COMMAND "${CMAKE_COMMAND}" -DMODE=pkg-config "-DPROJECT_DIR=${scope_int_src}/make_project"
              "-DWORK_DIR=${scope_int_bin}/make_pkg_config" "-DMAKE=${SCOPE_INT_MAKE}"
              "-DPKG_CONFIG=${SCOPE_INT_PKG_CONFIG}"
              "-DC_COMPILER=${CMAKE_C_COMPILER}" "-DPREFIX=${scope_int_prefix}" ${scope_int_dirs}
              -P "${scope_int_src}/run_make.cmake")
    set_tests_properties(integration.make_pkg_config PROPERTIES FIXTURES_REQUIRED scope_install)
  endif()
endif()
