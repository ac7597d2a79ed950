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

TEST_SUITE("Manager") {
  TEST_CASE("latest policy serves the highest version folder") {
    // Given folders 1 and 3, expect only 3 loaded and found.
    Fixture f;
    f.AddVersion(1);
    f.AddVersion(3);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    CHECK(f.States() == std::vector<State>{{3, "AVAILABLE"}});
    CHECK(f.Latest() == 3);
    CHECK(f.loaders.Events() == Strings{"load m 3"});
    auto h = f.manager->Find("m", VersionRequest::Latest());
    REQUIRE(h.ok());
    REQUIRE(h->As<FakeServable>() != nullptr);
    CHECK(h->As<FakeServable>()->version == 3);
  }

  TEST_CASE("ApplyConfig polls at once when the period is not negative") {
    // Given period 0 (poll once), expect the model loaded when ApplyConfig returns.
    Fixture f(false, std::chrono::milliseconds(0));
    f.AddVersion(7);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    CHECK(f.Latest() == 7);
    CHECK(f.manager->WaitUntilAvailable(std::chrono::milliseconds(0)).ok());
  }

  TEST_CASE("a new version loads before the old one unloads") {
    Fixture f;
    f.AddVersion(123);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    f.AddVersion(124);
    f.manager->PollNow();
    CHECK(f.loaders.Events() == Strings{"load m 123", "load m 124", "unload m 123"});
    CHECK(f.States() == std::vector<State>{{124, "AVAILABLE"}, {123, "END"}});
    auto status = f.manager->GetModelStatus("m", 123);
    REQUIRE(status.ok());
    CHECK(status->at(0).health.ok());
  }

  TEST_CASE("readers always find a version during a swap") {
    // Given 1 serving and 2 held in LOADING, expect Find(Latest) to succeed at every instant.
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    f.AddVersion(2);
    f.loaders.Hold(2);
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::atomic<bool> saw_two{false};
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i) {
      readers.emplace_back([&] {
        while (!done) {
          auto h = f.manager->Find("m", VersionRequest::Latest());
          if (!h.ok() || h->servable == nullptr) {
            ++failures;
          } else if (h->version == 2) {
            saw_two = true;
          }
        }
      });
    }
    std::thread poller([&] { f.manager->PollNow(); });
    f.loaders.WaitLoading(2);
    CHECK(f.States() == std::vector<State>{{2, "LOADING"}, {1, "AVAILABLE"}});
    CHECK(f.Latest() == 1);  // the highest AVAILABLE, not the highest known
    f.loaders.Release(2);
    poller.join();
    while (!saw_two) std::this_thread::yield();
    done = true;
    for (auto& t : readers) t.join();
    CHECK(failures == 0);
    CHECK(f.States() == std::vector<State>{{2, "AVAILABLE"}, {1, "END"}});
  }

  TEST_CASE("a failed load is reported and the old version keeps serving") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    f.AddVersion(2);
    f.loaders.FailVersion(2, NotFound("no saved_model.pb"));
    f.manager->PollNow();
    CHECK(f.Latest() == 1);
    auto status = f.manager->GetModelStatus("m", std::nullopt);
    REQUIRE(status.ok());
    REQUIRE(status->size() == 2);
    CHECK(status->at(0).version == 2);
    CHECK(status->at(0).state == ManagerState::kEnd);
    CHECK(status->at(0).health == NotFound("no saved_model.pb"));
    CHECK(status->at(1).state == ManagerState::kAvailable);
    CHECK(f.manager->Find("m", VersionRequest::Specific(2)).status().message() ==
          "Servable not found for request: Specific(m, 2)");

    SUBCASE("it is not retried while still aspired") {
      f.manager->PollNow();
      CHECK(f.loaders.Events() == Strings{"load m 1", "load m 2"});
    }
    SUBCASE("it is retried when its folder comes back") {
      f.RemoveVersion(2);
      f.manager->PollNow();
      f.loaders.FailVersion(2, OkStatus());
      f.AddVersion(2);
      f.manager->PollNow();
      CHECK(f.Latest() == 2);
      CHECK(f.States() == std::vector<State>{{2, "AVAILABLE"}, {1, "END"}});
    }
  }

  TEST_CASE("retries a failed load as configured") {
    FakeLoaders loaders;
    ManagerOptions options;
    options.loader_factory = loaders.Factory();
    options.poll_period = std::chrono::milliseconds(-1);
    options.max_num_load_retries = 2;
    options.log = [](const std::string&) {};
    Manager manager(std::move(options));
    tfsk::testing::TempDir dir;
    fs::create_directories(dir.path() / "5");
    loaders.FailVersion(5, Unknown("flaky"));
    REQUIRE(manager.ApplyConfig({{"m", dir.path(), VersionPolicy::Latest(), {}}}).ok());
    manager.PollNow();
    CHECK(loaders.Events() == Strings{"load m 5", "load m 5", "load m 5"});
  }

  TEST_CASE("deleting the only version folder unloads it") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    f.RemoveVersion(1);
    f.manager->PollNow();
    CHECK(f.States() == std::vector<State>{{1, "END"}});
    CHECK(f.manager->Find("m", VersionRequest::Latest()).status().message() ==
          "Servable not found for request: Latest(m)");
    CHECK(f.Logged("No versions of servable m found under base path"));
  }

  TEST_CASE("a missing base path is logged and keeps what is served") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    fs::remove_all(f.Base());
    f.manager->PollNow();
    CHECK(f.Latest() == 1);
    CHECK(f.Logged("Could not find base path"));
  }

  TEST_CASE("an in-flight handle keeps its servable alive across an unload") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    auto handle = f.manager->Find("m", VersionRequest::Latest());
    REQUIRE(handle.ok());
    f.RemoveVersion(1);
    f.AddVersion(2);
    f.manager->PollNow();
    CHECK(f.States() == std::vector<State>{{2, "AVAILABLE"}, {1, "END"}});
    CHECK(f.loaders.live() == 2);  // 1 still held by the request
    CHECK(handle->As<FakeServable>()->version == 1);
    handle = Status(Code::kCancelled, "request done");
    CHECK(f.loaders.live() == 1);
  }

  TEST_CASE("several models, removing one from the config unloads it") {
    Fixture f;
    f.AddVersion(1, "a");
    f.AddVersion(5, "b");
    REQUIRE(f.manager->ApplyConfig({f.Spec("a"), f.Spec("b")}).ok());
    f.manager->PollNow();
    CHECK(f.manager->ModelNames() == Strings{"a", "b"});
    CHECK(f.Latest("a") == 1);
    CHECK(f.Latest("b") == 5);
    REQUIRE(f.manager->ApplyConfig({f.Spec("b")}).ok());
    CHECK(f.manager->ModelNames() == Strings{"b"});
    CHECK(f.Latest("a") == -1);
    CHECK(f.States("a") == std::vector<State>{{1, "END"}});
    CHECK(f.manager->ApplyConfig({f.Spec("b"), f.Spec("b")}).code() == Code::kInvalidArgument);
  }

  TEST_CASE("status API errors name the model and version") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    CHECK(f.manager->GetModelStatus("x", std::nullopt).status() ==
          NotFound("Could not find any versions of model x"));
    CHECK(f.manager->GetModelStatus("m", 4).status() ==
          NotFound("Could not find version 4 of model m"));
  }

  TEST_CASE("WaitUntilAvailable reports failures and timeouts") {
    Fixture f;
    f.AddVersion(1, "good");
    f.AddVersion(1, "bad");
    fs::create_directories(f.Base("empty"));
    SUBCASE("a failed load") {
      f.loaders.FailVersion(1, InvalidArgument("broken graph"));
      REQUIRE(f.manager->ApplyConfig({f.Spec("bad")}).ok());
      f.manager->PollNow();
      Status s = f.manager->WaitUntilAvailable(std::chrono::seconds(10));
      CHECK(s.code() == Code::kInvalidArgument);
      CHECK(s.message().find("1 model(s) did not become available") == 0);
      CHECK(s.message().find("broken graph") != std::string::npos);
    }
    SUBCASE("a model without versions times out") {
      REQUIRE(f.manager->ApplyConfig({f.Spec("good"), f.Spec("empty")}).ok());
      f.manager->PollNow();
      Status s = f.manager->WaitUntilAvailable(std::chrono::milliseconds(20));
      CHECK(s.code() == Code::kDeadlineExceeded);
      CHECK(s.message().find("empty") != std::string::npos);
    }
  }

  TEST_CASE("the polling thread picks up new folders and stops cleanly") {
    Fixture f(false, std::chrono::milliseconds(5));
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->StartPolling();
    f.AddVersion(1);
    CHECK(f.manager->WaitUntilAvailable(std::chrono::seconds(60)).ok());
    f.manager->StopPolling();
    f.manager->StopPolling();
    CHECK(f.Latest() == 1);
  }

  TEST_CASE("concurrent Find during many swaps never misses") {
    Fixture f;
    f.AddVersion(1);
    REQUIRE(f.manager->ApplyConfig({f.Spec()}).ok());
    f.manager->PollNow();
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
      readers.emplace_back([&] {
        while (!done) {
          auto h = f.manager->Find("m", VersionRequest::Latest());
          if (!h.ok() || h->As<FakeServable>() == nullptr) ++failures;
          (void)f.manager->GetModelStatus("m", std::nullopt);
        }
      });
    }
    for (int v = 2; v <= 30; ++v) {
      f.AddVersion(v);
      f.RemoveVersion(v - 1);
      f.manager->PollNow();
    }
    done = true;
    for (auto& t : readers) t.join();
    CHECK(failures == 0);
    CHECK(f.Latest() == 30);
    CHECK(f.loaders.live() == 1);
  }

  TEST_CASE("destruction unloads everything") {
    Fixture f;
    f.AddVersion(1);
    f.AddVersion(2);
    REQUIRE(f.manager->ApplyConfig({f.Spec("m", VersionPolicy::All())}).ok());
    f.manager->PollNow();
    f.loaders.ClearEvents();
    f.manager.reset();
    CHECK(f.loaders.Events() == Strings{"unload m 1", "unload m 2"});
    CHECK(f.loaders.live() == 0);
  }
}

}  // namespace tfsk::serving::core
