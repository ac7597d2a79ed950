#include "serving/core/version_source.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/shared.h"

namespace tfsk::serving::core {

using Versions = std::vector<std::int64_t>;

TEST_SUITE("VersionPolicy") {
  TEST_CASE("folder names parse like absl::SimpleAtoi on int64") {
    CHECK(ParseVersionNumber("123") == 123);
    CHECK(ParseVersionNumber("00000123") == 123);
    CHECK(ParseVersionNumber("-4") == -4);
    CHECK(ParseVersionNumber("+4") == 4);
    CHECK(ParseVersionNumber("9223372036854775807") == INT64_MAX);
    CHECK_FALSE(ParseVersionNumber("9223372036854775808"));
    CHECK_FALSE(ParseVersionNumber("12a"));
    CHECK_FALSE(ParseVersionNumber(""));
    CHECK_FALSE(ParseVersionNumber("variables"));
    CHECK_FALSE(ParseVersionNumber("+-1"));
  }

  TEST_CASE("latest, all and specific select from the present versions") {
    const Versions present{3, 1, 10, 2};
    CHECK(AspiredVersions(VersionPolicy::Latest(), present) == Versions{10});
    CHECK(AspiredVersions(VersionPolicy::Latest(2), present) == Versions{3, 10});
    CHECK(AspiredVersions(VersionPolicy::Latest(0), present) == Versions{10});
    CHECK(AspiredVersions(VersionPolicy::Latest(9), present) == Versions{1, 2, 3, 10});
    CHECK(AspiredVersions(VersionPolicy::All(), present) == Versions{1, 2, 3, 10});
    CHECK(AspiredVersions(VersionPolicy::Specific({2, 7}), present) == Versions{2});
    CHECK(AspiredVersions(VersionPolicy::Latest(), {}).empty());
    CHECK(VersionPolicy::Specific({1, 2}).ToString() == "specific{1,2}");
  }
}

TEST_SUITE("VersionSource") {
  TEST_CASE("lists numeric child folders only and keeps their real names") {
    tfsk::testing::TempDir dir;
    for (const char* name : {"1", "007", "variables", "12x"}) {
      std::filesystem::create_directories(dir.path() / name);
    }
    std::ofstream(dir.path() / "9") << "a file, not a version";
    std::vector<std::string> logs;
    VersionSource source("m", dir.path(), VersionPolicy::All(),
                         [&](const std::string& l) { logs.push_back(l); });
    auto aspired = source.Poll();
    REQUIRE(aspired.has_value());
    CHECK(*aspired == std::vector<AspiredVersion>{{1, dir.path() / "1"}, {7, dir.path() / "007"}});
    CHECK(logs.empty());
  }

  TEST_CASE("logs the documented warnings") {
    tfsk::testing::TempDir dir;
    std::vector<std::string> logs;
    auto log = [&](const std::string& l) { logs.push_back(l); };
    VersionSource missing("m", dir.path() / "nope", VersionPolicy::Latest(), log);
    CHECK_FALSE(missing.Poll().has_value());
    REQUIRE(logs.size() == 1);
    CHECK(logs[0].find("Could not find base path " + (dir.path() / "nope").string() +
                       " for servable m") == 0);
    logs.clear();
    VersionSource empty("m", dir.path(), VersionPolicy::Latest(), log);
    auto aspired = empty.Poll();
    REQUIRE(aspired.has_value());
    CHECK(aspired->empty());
    REQUIRE(logs.size() == 1);
    CHECK(logs[0] == "No versions of servable m found under base path " + dir.path().string() +
                         ". Did you forget to name your leaf directory as a number (eg. '/1/')?");
  }
}

}  // namespace tfsk::serving::core
