#include "tests/support/shared.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <random>

namespace tfsk::testing {
namespace {

std::filesystem::path FromEnv(const char* name, const std::filesystem::path& fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  return v;
}

bool UnderCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

}  // namespace

std::filesystem::path SharedDir() { return FromEnv("TFSK_SHARED_DIR", TFSK_CONFIGURED_SHARED_DIR); }
std::filesystem::path SourceDir() { return FromEnv("TFSK_SOURCE_DIR", TFSK_CONFIGURED_SOURCE_DIR); }
std::filesystem::path BuildDir() { return FromEnv("TFSK_BUILD_DIR", TFSK_CONFIGURED_BUILD_DIR); }

std::filesystem::path RequireShared(const std::string& relative) {
  auto p = SharedDir() / relative;
  if (std::filesystem::exists(p)) return p;
  std::string why = "shared fixture " + p.string() +
                    " not found (configure with -DTFSK_SHARED_DIR=<folder with models/, "
                    "lab-c4w2/, k8s-openapi/>)";
  if (UnderCi()) {
    FAIL(why << "; CI=true requires every fixture");
  }
  std::cout << "SKIPPED: " << why << std::endl;
  std::exit(77);
}

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto candidate = base / ("tfsk-test-" + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory under " + base.string());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace tfsk::testing
