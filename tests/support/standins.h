#pragma once
// Where tests find the checked-in test data and the built stand-in executables. Each prefers
// the environment CTest sets (TFSK_SOURCE_DIR / TFSK_BUILD_DIR) and falls back to the folders
// this build was configured with, so a test binary also works when run by hand or when a
// CTest property did not reach it.

#include <filesystem>

namespace tfsk::testing {

/// The source tree (holds tests/testdata/).
std::filesystem::path TestSourceDir();

/// <build>/standins/bin: `minikube` (the stand-in) lives here; put it first on PATH.
std::filesystem::path StandinBinDir();

}  // namespace tfsk::testing
