#pragma once
// Locating the shared fixtures (../shared beside the checkout) from a test.
//
// CTest passes TFSK_SHARED_DIR (the CMake cache variable of the same name) to every test. When a
// fixture is missing the test is skipped with the reason printed (exit code 77, which CTest reports
// as "Skipped"), except under CI=true, where a missing fixture fails the test.

#include <filesystem>
#include <string>

namespace tfsk::testing {

/// The shared folder as configured (may not exist).
std::filesystem::path SharedDir();

/// SharedDir()/relative if it exists. Otherwise: under CI=true fails the current doctest case and
/// throws to end it; elsewhere prints why the test is skipped and exits the process with 77.
std::filesystem::path RequireShared(const std::string& relative);

/// The top of the source tree (TFSK_SOURCE_DIR), for test data checked in under tests/.
std::filesystem::path SourceDir();

/// The build tree (TFSK_BUILD_DIR), for tests that run built binaries.
std::filesystem::path BuildDir();

/// A fresh empty temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tfsk::testing
