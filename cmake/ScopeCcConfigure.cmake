# ScopeCcConfigure.cmake - cmake -P script: fill in rewriter/scope-cc's
# locations (IN -> OUT, with SCOPE_CC_REWRITE, SCOPE_CC_INCLUDEDIR and
# SCOPE_CC_LIBDIR) and make the result executable. Run at build time, because
# only then do generator expressions know where the targets are.
foreach(var IN ITEMS IN OUT SCOPE_CC_REWRITE SCOPE_CC_INCLUDEDIR SCOPE_CC_LIBDIR SCOPE_CC_VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ScopeCcConfigure.cmake: -D${var}=... is required")
  endif()
endforeach()
get_filename_component(out_dir "${OUT}" DIRECTORY)
get_filename_component(out_name "${OUT}" NAME)
set(stage "${out_dir}/.scope-cc-stage")
configure_file("${IN}" "${stage}/${out_name}" @ONLY)
file(COPY "${stage}/${out_name}" DESTINATION "${out_dir}"
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(REMOVE_RECURSE "${stage}")
