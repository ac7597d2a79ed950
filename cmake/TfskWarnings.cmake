# Warnings for every tfsk target; third-party headers are included as SYSTEM so they stay quiet.
add_library(tfsk_warnings INTERFACE)
target_compile_options(tfsk_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(TFSK_WERROR)
  target_compile_options(tfsk_warnings INTERFACE -Werror)
endif()
# Fuzz builds (clang): every target gets coverage instrumentation for libFuzzer plus ASan/UBSan,
# so fuzz targets can link the ordinary libraries; each fuzz target adds -fsanitize=fuzzer.
if(TFSK_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(TFSK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string at -O3
# (GCC bug 105329); they are not in our code and would break -Werror builds.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(tfsk_warnings INTERFACE -Wno-restrict)
endif()
