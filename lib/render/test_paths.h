#pragma once
// For lib/render tests only: the top of the source tree (examples/, tests/testdata/). The one
// rule of tests/support (TFSK_SOURCE_DIR, else the folder CMake configured), not __FILE__:
// ccache with a base_dir makes __FILE__ relative.

#include <filesystem>

#include "tests/support/standins.h"

namespace tfsk::render::testing {

inline std::filesystem::path SourceRoot() { return ::tfsk::testing::TestSourceDir(); }

}  // namespace tfsk::render::testing
