# serving/rest: included from serving/CMakeLists.txt (the one line that declares this room).
# The pure REST layer: JSON <-> tensors, TF Serving's layouts, the handler. No protobuf needed.
tfsk_module(NAME serving_rest DIR "${S}/rest" DEPS serving_tensor Boost::json fmt::fmt)

# libFuzzer target (-DTFSK_FUZZ=ON with clang): the layer's sources are compiled into the
# fuzzer so they carry coverage instrumentation; the default build is unaffected.
if(TFSK_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  file(GLOB rest_fuzz_sources CONFIGURE_DEPENDS "${S}/rest/*.cpp")
  list(FILTER rest_fuzz_sources EXCLUDE REGEX "_(test|fuzz)\\.cpp$")
  add_executable(rest_request_fuzz "${S}/rest/request_fuzz.cpp" ${rest_fuzz_sources})
  target_include_directories(rest_request_fuzz PRIVATE "${CMAKE_SOURCE_DIR}")
  target_link_libraries(rest_request_fuzz PRIVATE serving_tensor Boost::json)
  target_compile_options(rest_request_fuzz PRIVATE -fsanitize=fuzzer,address,undefined
                         -fno-sanitize-recover=undefined)
  target_link_options(rest_request_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
endif()
