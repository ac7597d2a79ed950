#include "serving/core/manager.h"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "serving/core/manager_fixture_test_util.h"

namespace tfsk::serving::core {

using testing::FakeLoaders;
using testing::FakeServable;
using testing::Fixture;
using testing::State;
using testing::Strings;
namespace fs = std::filesystem;

TEST_SUITE("Manager policies and labels") {
  TEST_CASE("policies choose the aspired versions") {
    Fixture f;
    for (int v : {1, 2, 3}) f.AddVersion(v);
    SUBCASE("latest 2") {
      REQUIRE(f.manager->ApplyConfig({f.Spec("m", VersionPolicy::Latest(2))}).ok());
      f.manager->PollNow();
      CHECK(f.States() == std::vector<State>{{3, "AVAILABLE"}, {2, "AVAILABLE"}});
    }
    SUBCASE("all") {
      REQUIRE(f.manager->ApplyConfig({f.Spec("m", VersionPolicy::All())}).ok());
      f.manager->PollNow();
      CHECK(f.States().size() == 3);
    }
    SUBCASE("specific, switching policy unloads the rest after the new one is up") {
      REQUIRE(f.manager->ApplyConfig({f.Spec("m", VersionPolicy::Specific({1, 9}))}).ok());
      f.manager->PollNow();
      CHECK(f.States() == std::vector<State>{{1, "AVAILABLE"}});
      CHECK(f.Logged("Version 9 of servable m"));
      f.loaders.ClearEvents();
      REQUIRE(f.manager->ApplyConfig({f.Spec("m", VersionPolicy::Specific({2}))}).ok());
      f.manager->PollNow();
      CHECK(f.loaders.Events() == Strings{"load m 2", "unload m 1"});
      CHECK(f.manager->Find("m", VersionRequest::Specific(2)).ok());
    }
  }

  TEST_CASE("labels point only at available versions unless allowed") {
    Fixture f;
    f.AddVersion(1);
    f.AddVersion(2);
    ModelSpec spec = f.Spec("m", VersionPolicy::Specific({1}));
    REQUIRE(f.manager->ApplyConfig({spec}).ok());
    f.manager->PollNow();

    spec.labels = {{"stable", 1}};
    REQUIRE(f.manager->ApplyConfig({spec}).ok());
    auto h = f.manager->Find("m", VersionRequest::Label("stable"));
    REQUIRE(h.ok());
    CHECK(h->version == 1);
    CHECK(f.manager->Find("m", VersionRequest::Label("canary")).status() ==
          InvalidArgument("Unrecognized servable version label: canary"));
    CHECK(f.manager->Find("nope", VersionRequest::Label("stable")).status().code() ==
          Code::kInvalidArgument);

    spec.labels = {{"stable", 1}, {"canary", 2}};
    Status s = f.manager->ApplyConfig({spec});
    CHECK(s.code() == Code::kFailedPrecondition);
    CHECK(s.message() ==
          "Request to assign label to version 2 of model m, which is not currently available for "
          "inference");
    CHECK(f.manager->Labels("m") == std::map<std::string, std::int64_t>{{"stable", 1}});
  }

  TEST_CASE("the allow flag admits labels to unloaded versions but never moves one there") {
    Fixture f(/*allow_labels=*/true);
    f.AddVersion(1);
    ModelSpec spec = f.Spec();
    spec.labels = {{"stable", 1}, {"next", 2}};
    REQUIRE(f.manager->ApplyConfig({spec}).ok());  // at startup nothing is loaded yet
    CHECK(f.manager->Find("m", VersionRequest::Label("next")).status().message() ==
          "Servable not found for request: Specific(m, 2)");
    f.manager->PollNow();
    CHECK(f.manager->Find("m", VersionRequest::Label("stable")).ok());
    spec.labels = {{"stable", 3}};
    CHECK(f.manager->ApplyConfig({spec}).code() == Code::kFailedPrecondition);
  }
}

}  // namespace tfsk::serving::core
