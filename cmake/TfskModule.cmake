# tfsk_module(NAME <target> [DIR <dir>] [DEPS <targets...>] [TEST_DEPS <targets...>])
#
# One room of the tree = one static library built from every *.cpp in DIR except *_test.cpp
# and main.cpp. The *_test.cpp files beside the code become one doctest binary <target>_test,
# whose test cases CTest discovers one by one. Globbing keeps adding a file a one-step change.
function(tfsk_module)
  cmake_parse_arguments(M "" "NAME;DIR" "DEPS;TEST_DEPS;EXCLUDE" ${ARGN})
  if(NOT M_DIR)
    set(M_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS "${M_DIR}/*.cpp")
  set(lib_sources "")
  set(test_sources "")
  foreach(src IN LISTS all_sources)
    get_filename_component(fname "${src}" NAME)
    if(fname MATCHES "_test\\.cpp$")
      list(APPEND test_sources "${src}")
    elseif(fname MATCHES "_fuzz\\.cpp$" OR fname STREQUAL "main.cpp")
      # fuzz targets and mains are built elsewhere
    else()
      list(APPEND lib_sources "${src}")
    endif()
  endforeach()
  foreach(ex IN LISTS M_EXCLUDE)
    list(FILTER lib_sources EXCLUDE REGEX "${ex}")
    list(FILTER test_sources EXCLUDE REGEX "${ex}")
  endforeach()

  if(lib_sources)
    add_library(${M_NAME} STATIC ${lib_sources})
    target_link_libraries(${M_NAME} PUBLIC ${M_DEPS} PRIVATE tfsk_warnings)
  else()
    add_library(${M_NAME} INTERFACE)
    target_link_libraries(${M_NAME} INTERFACE ${M_DEPS})
  endif()
  if(lib_sources)
    target_include_directories(${M_NAME} PUBLIC "${CMAKE_SOURCE_DIR}" "${CMAKE_BINARY_DIR}")
  else()
    target_include_directories(${M_NAME} INTERFACE "${CMAKE_SOURCE_DIR}" "${CMAKE_BINARY_DIR}")
  endif()

  if(test_sources)
    tfsk_test_binary(NAME ${M_NAME}_test SOURCES ${test_sources}
                     DEPS ${M_NAME} ${M_TEST_DEPS})
  endif()
endfunction()

# tfsk_test_binary(NAME <target> SOURCES <files...> [DEPS <targets...>])
# A doctest binary whose cases CTest lists individually. A case that needs the shared fixtures
# and cannot find them exits 77, which CTest reports as skipped (see tests/support/shared.h).
function(tfsk_test_binary)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} tfsk_test_support tfsk_warnings)
  doctest_discover_tests(${T_NAME}
    TEST_PREFIX "${T_NAME}: "
    PROPERTIES
      SKIP_RETURN_CODE 77
      # One variable only: doctest_discover_tests splits ;-lists. Source and build folders are
      # compiled into tfsk_test_support instead (tests/support/CMakeLists.txt).
      ENVIRONMENT "TFSK_SHARED_DIR=${TFSK_SHARED_DIR}"
      TIMEOUT 300)
endfunction()
