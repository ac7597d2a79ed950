#include "lib/image/elf_check.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/shared.h"

namespace tfsk::image {

TEST_SUITE("ElfCheck") {
  TEST_CASE("the static server passes, this (dynamic) test binary names its loader") {
    const auto server = tfsk::testing::BuildDir() / "serving" / "tfsk-serving-static";
    REQUIRE_MESSAGE(std::filesystem::exists(server), "build the tfsk-serving-static target");
    auto info = ReadElfInfo(server);
    REQUIRE(info.ok());
    CHECK(info->interpreter.empty());
#if defined(__x86_64__)
    CHECK(info->machine == "amd64");
#endif
    CHECK(CheckStaticExecutable(server).ok());

    Status dynamic = CheckStaticExecutable("/proc/self/exe");
    CHECK(dynamic.code() == Code::kFailedPrecondition);
    CHECK(dynamic.message().find("ld-linux") != std::string::npos);
    CHECK(dynamic.message().find("tfsk-serving-static") != std::string::npos);
  }

  TEST_CASE("not an ELF program, or no file at all") {
    tfsk::testing::TempDir tmp;
    std::ofstream(tmp.path() / "script") << "#!/bin/sh\necho hi\n";
    CHECK(ReadElfInfo(tmp.path() / "script").status().code() == Code::kInvalidArgument);
    std::ofstream(tmp.path() / "short") << "\x7f"
                                           "EL";
    CHECK(ReadElfInfo(tmp.path() / "short").status().code() == Code::kInvalidArgument);
    CHECK(ReadElfInfo(tmp.path() / "absent").status().code() == Code::kNotFound);
  }
}

}  // namespace tfsk::image
