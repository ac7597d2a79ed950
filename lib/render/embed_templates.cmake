# Writes OUTPUT, a C++ file holding every TEMPLATES_DIR/*.mustache as a string, so the tfsk binary
# carries its templates. Run by a custom command in lib/CMakeLists.txt; no network, no tools.
# cmake -DTEMPLATES_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_templates.cmake
file(GLOB templates "${TEMPLATES_DIR}/*.mustache")
list(SORT templates)
set(delim "tfsk_template")
set(body "")
foreach(path IN LISTS templates)
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" text)
  string(FIND "${text}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} contains the raw-string delimiter )${delim}\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"${delim}(${text})${delim}\"},\n")
endforeach()
set(content "// Generated from templates/*.mustache by lib/render/embed_templates.cmake. Do not edit.
#include \"lib/render/templates.h\"

namespace tfsk::render {

const std::vector<Template>& EmbeddedTemplates() {
  static const std::vector<Template> kTemplates = {
${body}  };
  return kTemplates;
}

}  // namespace tfsk::render
")
# Only touch the file when it changes, so an unchanged template set does not rebuild.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
