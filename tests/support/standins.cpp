#include "tests/support/standins.h"

#include <cstdlib>

namespace tfsk::testing {
namespace {

std::filesystem::path EnvOr(const char* name, const char* configured) {
  const char* v = std::getenv(name);
  if (v != nullptr && *v != '\0') return v;
  return configured;
}

}  // namespace

std::filesystem::path TestSourceDir() { return EnvOr("TFSK_SOURCE_DIR", TFSK_CONFIGURED_SOURCE_DIR); }

std::filesystem::path StandinBinDir() {
  return EnvOr("TFSK_BUILD_DIR", TFSK_CONFIGURED_BUILD_DIR) / "standins" / "bin";
}

}  // namespace tfsk::testing
