#pragma once
// For lib/render tests only: the top of the source tree. TFSK_SOURCE_DIR when CTest passes it;
// otherwise derived from this header's own path (lib/render/test_paths.h), so tests also find
// examples/ and tests/testdata/ when the variable does not reach them.

#include <cstdlib>
#include <filesystem>

namespace tfsk::render::testing {

inline std::filesystem::path SourceRoot() {
  const char* env = std::getenv("TFSK_SOURCE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

}  // namespace tfsk::render::testing
