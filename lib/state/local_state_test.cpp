#include "lib/state/local_state.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "lib/state/state_dir.h"
#include "tests/support/shared.h"

namespace tfsk::state {

TEST_SUITE("state") {
  TEST_CASE("local state round-trips through .tfsk/local.json") {
    tfsk::testing::TempDir dir;
    LocalState s{1234, 18501, "hpt", "/m/hpt", "/p/.tfsk/tfsk-serving.log", "2026-01-01T00:00:00Z"};
    REQUIRE(SaveLocalState(dir.path(), s).ok());
    auto back = LoadLocalState(dir.path());
    REQUIRE(back.ok());
    REQUIRE(back->has_value());
    CHECK(**back == s);
    REQUIRE(ClearLocalState(dir.path()).ok());
    auto gone = LoadLocalState(dir.path());
    REQUIRE(gone.ok());
    CHECK_FALSE(gone->has_value());
    CHECK(ClearLocalState(dir.path()).ok());  // clearing twice is fine
  }

  TEST_CASE("a corrupt state file is DataLoss naming the file") {
    tfsk::testing::TempDir dir;
    REQUIRE(WriteFileAtomic(LocalStatePath(dir.path()), "{\"pid\": \"x\"}").ok());
    auto r = LoadLocalState(dir.path());
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kDataLoss);
    CHECK(r.status().message().find("local.json") != std::string::npos);
    CHECK_FALSE(LocalStateFromJson("not json", "f").ok());
    CHECK_FALSE(LocalStateFromJson(R"({"pid":1,"port":70000,"model_name":"a","model_path":"b","log_path":"c"})", "f").ok());
  }

  TEST_CASE("WriteFileAtomic replaces the file and leaves no temp file behind") {
    tfsk::testing::TempDir dir;
    const auto path = dir.path() / "sub" / "f.txt";
    REQUIRE(WriteFileAtomic(path, "one").ok());
    REQUIRE(WriteFileAtomic(path, "two").ok());
    CHECK(*ReadWholeFile(path) == "two");
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(path.parent_path())) ++files;
    CHECK(files == 1);
    CHECK(ReadWholeFile(dir.path() / "missing").status().code() == Code::kNotFound);
  }
}

}  // namespace tfsk::state
